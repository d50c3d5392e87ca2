package duties

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"renda/internal/attachments"
	"renda/internal/audit"
	"renda/internal/auth"
	"renda/internal/errs"
	"renda/internal/i18n"
	"renda/internal/store"
)

// OwnerRecord is the attachment owner kind of duty records.
const OwnerRecord = "duty_record"

func init() {
	attachments.Register(OwnerRecord, func(ctx context.Context, q store.Querier, p *auth.Principal, id int64) error {
		_, err := loadRecord(ctx, q, p, id)
		return err
	})
}

// Attached is a file sent with a record.
type Attached struct {
	Name string
	Data []byte
}

func msg(key string) i18n.Msg          { return i18n.M(key) }
func i18nKind(k Kind) i18n.Msg         { return i18n.M(k.LabelKey()) }
func mayRecord(p *auth.Principal) bool { return p.Role.Staff() || p.Role == auth.Deputy }

// Create records a duty. A deputy records their own, which waits for staff
// to confirm it; staff record for any deputy in their scope, confirmed at
// once. The record and its files are written together or not at all.
func (s *Service) Create(ctx context.Context, p *auth.Principal, in Input, files []Attached) (*Record, error) {
	if !mayRecord(p) {
		return nil, errs.ForbiddenErr()
	}
	if p.Role == auth.Deputy && in.DeputyID == 0 {
		in.DeputyID = p.DeputyID
	}
	if in.DeputyID == 0 {
		return nil, errs.Required("deputy_id", "duty.field.deputy")
	}
	if err := in.check(s.Today()); err != nil {
		return nil, err
	}
	var id int64
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		d, err := scopedDeputy(ctx, tx, p, in.DeputyID, "deputy_id")
		if err != nil {
			return err
		}
		if id, err = insertRecord(ctx, tx, p, d, in); err != nil {
			return err
		}
		for _, f := range files {
			if _, err := attachments.Add(ctx, tx, attachments.Upload{Owner: OwnerRecord, OwnerID: id, Scope: d.Township,
				Name: f.Name, Data: f.Data, By: p.UserID}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.Get(ctx, p, id)
}

func insertRecord(ctx context.Context, tx *sql.Tx, p *auth.Principal, d *deputyRef, in Input) (int64, error) {
	status, source, confirmedBy := StatusPending, "deputy", any(nil)
	if p.Role.Staff() {
		status, source, confirmedBy = StatusConfirmed, "staff", store.NullID(p.UserID)
	}
	now := time.Now().Unix()
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO duty_records
		(deputy_id, township_code, kind, date, days, count, title, place, note, status, source, recorded_by, confirmed_by, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14) RETURNING id`,
		d.ID, d.Township, string(in.Kind), in.Date, in.Days, in.Count, in.Title, in.Place, in.Note, status, source,
		store.NullID(p.UserID), confirmedBy, now).Scan(&id)
	if err != nil {
		return 0, err
	}
	after := map[string]any{"deputy_id": d.ID, "kind": in.Kind, "date": in.Date, "days": in.Days, "count": in.Count,
		"title": in.Title, "place": in.Place, "note": in.Note, "status": status}
	return id, audit.Record(ctx, tx, p.Actor(ctx), "create", "duty_record", id, d.Township,
		"duty record "+string(in.Kind)+" for "+d.Name, nil, after)
}

// BatchInput records one activity for everyone who took part.
type BatchInput struct {
	DeputyIDs []int64 `json:"deputy_ids"`
	Kind      Kind    `json:"kind"`
	Date      string  `json:"date"`
	Days      float64 `json:"days"`
	Count     int     `json:"count"`
	Title     string  `json:"title"`
	Place     string  `json:"place"`
	Note      string  `json:"note"`
}

// MaxBatch is how many deputies one batch may name.
const MaxBatch = 500

// CreateBatch records one activity for many deputies at once (staff only),
// confirmed at once. A deputy outside the caller's scope stops the whole
// batch: nothing is written.
func (s *Service) CreateBatch(ctx context.Context, p *auth.Principal, in BatchInput) ([]int64, error) {
	if !p.Role.Staff() {
		return nil, errs.ForbiddenErr()
	}
	if len(in.DeputyIDs) == 0 {
		return nil, errs.Required("deputy_ids", "duty.field.deputies")
	}
	if len(in.DeputyIDs) > MaxBatch {
		return nil, errs.Field("deputy_ids", "too_many", "duty.err.batch_size", MaxBatch)
	}
	one := Input{Kind: in.Kind, Date: in.Date, Days: in.Days, Count: in.Count, Title: in.Title, Place: in.Place, Note: in.Note}
	if err := one.check(s.Today()); err != nil {
		return nil, err
	}
	seen := map[int64]bool{}
	var ids []int64
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		for _, did := range in.DeputyIDs {
			if seen[did] {
				continue
			}
			seen[did] = true
			d, err := scopedDeputy(ctx, tx, p, did, "deputy_ids")
			if err != nil {
				return err
			}
			one.DeputyID = did
			id, err := insertRecord(ctx, tx, p, d, one)
			if err != nil {
				return err
			}
			ids = append(ids, id)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return ids, nil
}

// Confirm counts a record a deputy made (staff only).
func (s *Service) Confirm(ctx context.Context, p *auth.Principal, id int64) (*Record, error) {
	return s.review(ctx, p, id, StatusConfirmed, "")
}

// Return sends a record back to the deputy with a reason (staff only); it
// does not count until corrected and confirmed.
func (s *Service) Return(ctx context.Context, p *auth.Principal, id int64, reason string) (*Record, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return nil, errs.Required("reason", "duty.field.reason")
	}
	if err := errs.MaxLen("reason", "duty.field.reason", reason, 500); err != nil {
		return nil, err
	}
	return s.review(ctx, p, id, StatusReturned, reason)
}

func (s *Service) review(ctx context.Context, p *auth.Principal, id int64, status, reason string) (*Record, error) {
	if !p.Role.Staff() {
		return nil, errs.ForbiddenErr()
	}
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		r, err := loadRecord(ctx, tx, p, id)
		if err != nil {
			return err
		}
		if r.Status != StatusPending {
			return errs.ConflictErr("status", "duty.err.not_pending", msg("duty.status."+r.Status))
		}
		if _, err := tx.ExecContext(ctx, `UPDATE duty_records SET status = $1, return_reason = $2, confirmed_by = $3, updated_at = $4 WHERE id = $5`,
			status, reason, store.NullID(p.UserID), time.Now().Unix(), id); err != nil {
			return err
		}
		action := "confirm"
		if status == StatusReturned {
			action = "return"
		}
		return audit.Record(ctx, tx, p.Actor(ctx), action, "duty_record", id, r.Township, "duty record "+action+"ed",
			map[string]any{"status": r.Status}, map[string]any{"status": status, "return_reason": reason})
	})
	if err != nil {
		return nil, err
	}
	return s.Get(ctx, p, id)
}

// Update corrects a record. A deputy may correct their own record while it
// waits or after it was returned, which sends it back for confirmation;
// staff may correct any record typed by hand in their scope. Records the
// platform implied are corrected where they came from.
func (s *Service) Update(ctx context.Context, p *auth.Principal, id int64, in Input) (*Record, error) {
	if !mayRecord(p) {
		return nil, errs.ForbiddenErr()
	}
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		r, err := loadRecord(ctx, tx, p, id)
		if err != nil {
			return err
		}
		if err := editable(p, r); err != nil {
			return err
		}
		in.DeputyID = r.DeputyID
		if err := in.check(s.Today()); err != nil {
			return err
		}
		status, confirmedBy := StatusPending, any(nil)
		if p.Role.Staff() {
			status, confirmedBy = StatusConfirmed, store.NullID(p.UserID)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE duty_records SET kind = $1, date = $2, days = $3, count = $4, title = $5,
			place = $6, note = $7, status = $8, return_reason = '', confirmed_by = $9, updated_at = $10 WHERE id = $11`,
			string(in.Kind), in.Date, in.Days, in.Count, in.Title, in.Place, in.Note, status, confirmedBy, time.Now().Unix(), id); err != nil {
			return err
		}
		return audit.Record(ctx, tx, p.Actor(ctx), "update", "duty_record", id, r.Township, "duty record corrected",
			recordAudit(r), map[string]any{"kind": in.Kind, "date": in.Date, "days": in.Days, "count": in.Count,
				"title": in.Title, "place": in.Place, "note": in.Note, "status": status})
	})
	if err != nil {
		return nil, err
	}
	return s.Get(ctx, p, id)
}

// Delete removes a record typed by hand: a deputy their own that is not yet
// confirmed, staff any in their scope.
func (s *Service) Delete(ctx context.Context, p *auth.Principal, id int64) error {
	if !mayRecord(p) {
		return errs.ForbiddenErr()
	}
	return s.DB.Tx(ctx, func(tx *sql.Tx) error {
		r, err := loadRecord(ctx, tx, p, id)
		if err != nil {
			return err
		}
		if err := editable(p, r); err != nil {
			return err
		}
		if err := attachments.Remove(ctx, tx, OwnerRecord, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM duty_records WHERE id = $1`, id); err != nil {
			return err
		}
		return audit.Record(ctx, tx, p.Actor(ctx), "delete", "duty_record", id, r.Township, "duty record deleted", recordAudit(r), nil)
	})
}

func editable(p *auth.Principal, r *Record) error {
	if r.Source != "deputy" && r.Source != "staff" {
		return errs.ConflictErr("source", "duty.err.implied")
	}
	if p.Role == auth.Deputy && r.Status == StatusConfirmed {
		return errs.ConflictErr("status", "duty.err.confirmed_locked")
	}
	return nil
}

func recordAudit(r *Record) map[string]any {
	return map[string]any{"deputy_id": r.DeputyID, "kind": r.Kind, "date": r.Date, "days": r.Days, "count": r.Count,
		"title": r.Title, "place": r.Place, "note": r.Note, "status": r.Status}
}

// AttachFiles adds files to a record the caller may edit.
func (s *Service) AttachFiles(ctx context.Context, p *auth.Principal, id int64, files []Attached) ([]attachments.File, error) {
	if !mayRecord(p) {
		return nil, errs.ForbiddenErr()
	}
	if len(files) == 0 {
		return nil, errs.Required("files", "duty.field.files")
	}
	var out []attachments.File
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		r, err := loadRecord(ctx, tx, p, id)
		if err != nil {
			return err
		}
		if err := editable(p, r); err != nil {
			return err
		}
		for _, f := range files {
			af, err := attachments.Add(ctx, tx, attachments.Upload{Owner: OwnerRecord, OwnerID: id, Scope: r.Township, Name: f.Name, Data: f.Data, By: p.UserID})
			if err != nil {
				return err
			}
			out = append(out, af)
			if err := audit.Record(ctx, tx, p.Actor(ctx), "attach", "duty_record", id, r.Township, "file attached: "+af.Name, nil,
				map[string]any{"attachment_id": af.ID, "name": af.Name, "size": af.Size}); err != nil {
				return err
			}
		}
		return nil
	})
	return out, err
}
