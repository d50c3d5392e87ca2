package cases

import (
	"context"
	"database/sql"
	"strings"

	"renda/internal/audit"
	"renda/internal/auth"
	"renda/internal/errs"
	"renda/internal/jurisdiction"
	"renda/internal/store"
)

// Limits on what an opinion may hold.
const (
	maxTitle     = 60
	maxBody      = 2000
	maxName      = 30
	maxDeputies  = 10
	autoTitleLen = 20
)

// NewOpinion is an opinion as staff, officers or the public enter it.
type NewOpinion struct {
	Township    string      `json:"township"`
	Channel     string      `json:"channel"`
	Title       string      `json:"title"`
	Body        string      `json:"body"`
	Constituent Constituent `json:"constituent"`
	DeputyIDs   []int64     `json:"deputy_ids"`
	StationID   int64       `json:"station_id"`
	Category    string      `json:"category,omitempty"` // one of Categories
}

// Receipt is what the one who entered an opinion gets back.
type Receipt struct {
	ID           int64  `json:"id"`
	TrackingCode string `json:"tracking_code"`
	Status       Status `json:"status"`
}

func validChannel(ch string) bool { return oneOf(ch, Channels) }

// check validates what can be checked without the database.
func (in *NewOpinion) check() error {
	in.Township = strings.TrimSpace(in.Township)
	in.Title = strings.TrimSpace(in.Title)
	in.Body = strings.TrimSpace(in.Body)
	in.Constituent.Name = strings.TrimSpace(in.Constituent.Name)
	in.Constituent.Phone = strings.TrimSpace(in.Constituent.Phone)
	if in.Township == "" {
		return errs.Required("township", "cases.field.township")
	}
	code, err := jurisdiction.Normalize(in.Township)
	if err != nil || len(code) != 9 {
		return errs.Field("township", "invalid_code", "cases.err.township_code")
	}
	in.Township = code
	if in.Channel == "" {
		return errs.Required("channel", "cases.field.channel")
	}
	if !validChannel(in.Channel) {
		return errs.Field("channel", "invalid_channel", "cases.err.channel", strings.Join(Channels, "、"))
	}
	if in.Body == "" {
		return errs.Required("body", "cases.field.body")
	}
	if err := errs.MaxLen("body", "cases.field.body", in.Body, maxBody); err != nil {
		return err
	}
	if in.Title == "" {
		in.Title = autoTitle(in.Body)
	}
	if err := errs.MaxLen("title", "cases.field.title", in.Title, maxTitle); err != nil {
		return err
	}
	if err := errs.MaxLen("constituent.name", "cases.field.constituent_name", in.Constituent.Name, maxName); err != nil {
		return err
	}
	if in.Constituent.Phone != "" && !validPhone(in.Constituent.Phone) {
		return errs.Field("constituent.phone", "invalid_phone", "cases.err.phone")
	}
	if in.Category != "" && !ValidCategory(in.Category) {
		return errs.Field("category", "invalid_category", "cases.err.category")
	}
	if len(in.DeputyIDs) > maxDeputies {
		return errs.Field("deputy_ids", "too_many", "cases.err.too_many_deputies", maxDeputies)
	}
	return nil
}

// autoTitle takes the start of the body as the title when none is given, as
// a constituent on a phone often writes only the matter.
func autoTitle(body string) string {
	line, _, _ := strings.Cut(body, "\n")
	r := []rune(strings.TrimSpace(line))
	if len(r) > autoTitleLen {
		return string(r[:autoTitleLen]) + "…"
	}
	return string(r)
}

// checkRefs validates what needs the database: the township, the station
// and the deputies named must exist and belong to the township.
func checkRefs(ctx context.Context, q store.Querier, in *NewOpinion) error {
	var n int
	if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM jurisdictions WHERE code = $1`, in.Township).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return errs.Field("township", "unknown_code", "err.code_unknown", in.Township)
	}
	if in.StationID != 0 {
		if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM stations WHERE id = $1 AND township_code = $2`, in.StationID, in.Township).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return errs.Field("station_id", "unknown_station", "cases.err.station")
		}
	}
	for _, id := range in.DeputyIDs {
		if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM deputies WHERE id = $1 AND township_code = $2`, id, in.Township).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return errs.Field("deputy_ids", "unknown_deputy", "cases.err.deputy", id)
		}
	}
	return nil
}

// insertOpinion stores a checked opinion with its tracking code, takers,
// first history step and audit entry.
func insertOpinion(ctx context.Context, tx store.Querier, who audit.Actor, createdBy int64, in *NewOpinion, now int64) (*Receipt, error) {
	code, err := newTrackingCode()
	if err != nil {
		return nil, err
	}
	r := &Receipt{TrackingCode: code, Status: Received}
	err = tx.QueryRowContext(ctx, `INSERT INTO cases (kind, township_code, title, body, status, channel, tracking_code,
		constituent_name, constituent_phone, station_id, category, created_by, created_at, updated_at)
		VALUES ('opinion', $1, $2, $3, 'received', $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id`,
		in.Township, in.Title, in.Body, in.Channel, code, in.Constituent.Name, in.Constituent.Phone,
		store.NullID(in.StationID), in.Category, store.NullID(createdBy), now).Scan(&r.ID)
	if err != nil {
		return nil, err
	}
	seen := map[int64]bool{}
	for _, d := range in.DeputyIDs {
		if seen[d] {
			continue
		}
		seen[d] = true
		if _, err := tx.ExecContext(ctx, `INSERT INTO case_deputies (case_id, deputy_id, role) VALUES ($1, $2, 'taker')`, r.ID, d); err != nil {
			return nil, err
		}
	}
	if err := addEvent(ctx, tx, r.ID, now, "received", Received, "", who.Name); err != nil {
		return nil, err
	}
	after := map[string]any{"township": in.Township, "channel": in.Channel, "title": in.Title, "station_id": in.StationID,
		"deputy_ids": in.DeputyIDs, "tracking_code": code}
	return r, audit.Record(ctx, tx, who, "create", "opinion", r.ID, in.Township, in.Title, nil, after)
}

// CreateOpinion stores an opinion entered by staff, a liaison officer (for
// their station) or a deputy (who took it).
func (s *Service) CreateOpinion(ctx context.Context, p *auth.Principal, in NewOpinion) (*Receipt, error) {
	if !p.Is(auth.Admin, auth.County, auth.Township, auth.Liaison, auth.Deputy) {
		return nil, errs.ForbiddenErr()
	}
	if err := in.check(); err != nil {
		return nil, err
	}
	if !p.Covers(in.Township) {
		return nil, errs.Field("township", "out_of_scope", "err.scope_outside")
	}
	switch p.Role {
	case auth.Liaison:
		if in.StationID == 0 {
			in.StationID = p.StationID
		}
		if in.StationID != p.StationID {
			return nil, errs.Field("station_id", "out_of_scope", "cases.err.own_station")
		}
	case auth.Deputy:
		found := false
		for _, d := range in.DeputyIDs {
			found = found || d == p.DeputyID
		}
		if !found {
			in.DeputyIDs = append(in.DeputyIDs, p.DeputyID)
		}
	}
	var r *Receipt
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		var err error
		r, err = s.CreateOpinionTx(ctx, tx, p, in)
		return err
	})
	return r, err
}

// CreateOpinionTx stores an opinion inside the caller's transaction — a
// matter raised at a reception becomes an opinion together with the
// reception record. The caller has checked its right to enter it.
func (s *Service) CreateOpinionTx(ctx context.Context, tx *sql.Tx, p *auth.Principal, in NewOpinion) (*Receipt, error) {
	if err := in.check(); err != nil {
		return nil, err
	}
	if err := checkRefs(ctx, tx, &in); err != nil {
		return nil, err
	}
	return insertOpinion(ctx, tx, p.Actor(ctx), p.UserID, &in, s.now().Unix())
}
