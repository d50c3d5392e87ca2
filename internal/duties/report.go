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
	"renda/internal/store"
)

// OwnerReport is the attachment owner kind of reports to constituents.
const OwnerReport = "constituent_report"

func init() {
	attachments.Register(OwnerReport, func(ctx context.Context, q store.Querier, p *auth.Principal, id int64) error {
		_, err := loadReport(ctx, q, p, id)
		return err
	})
}

// Ratings a constituent may give.
const (
	RatingSatisfied   = "satisfied"   // 满意
	RatingBasic       = "basic"       // 基本满意
	RatingUnsatisfied = "unsatisfied" // 不满意
)

// Report is a deputy's report to constituents (向选民述职).
type Report struct {
	ID          int64   `json:"id"`
	DeputyID    int64   `json:"deputy_id"`
	DeputyName  string  `json:"deputy_name"`
	Township    string  `json:"township"`
	ScheduledAt int64   `json:"scheduled_at"`
	Place       string  `json:"place"`
	Audience    string  `json:"audience"`
	Status      string  `json:"status"` // scheduled or held
	ReportText  string  `json:"report_text"`
	HeldDate    string  `json:"held_date,omitempty"`
	Result      Ratings `json:"result"`
	Files       []File  `json:"files"`
}

// Ratings are the counted ballots and their rates. SatisfiedRate counts
// only 满意; ApprovalRate counts 满意 and 基本满意 together.
type Ratings struct {
	Satisfied     int     `json:"satisfied"`
	Basic         int     `json:"basic"`
	Unsatisfied   int     `json:"unsatisfied"`
	Total         int     `json:"total"`
	Online        int     `json:"online"`
	CodesIssued   int     `json:"codes_issued"`
	SatisfiedRate float64 `json:"satisfied_rate"`
	ApprovalRate  float64 `json:"approval_rate"`
}

// ReportInput schedules a report.
type ReportInput struct {
	DeputyID    int64  `json:"deputy_id"`
	ScheduledAt int64  `json:"scheduled_at"` // Unix seconds
	Place       string `json:"place"`
	Audience    string `json:"audience"` // the electoral district's constituents invited
	ReportText  string `json:"report_text"`
}

// ScheduleReport schedules a deputy's report (staff of the deputy's
// township or county).
func (s *Service) ScheduleReport(ctx context.Context, p *auth.Principal, in ReportInput) (*Report, error) {
	if !p.Role.Staff() {
		return nil, errs.ForbiddenErr()
	}
	in.Place, in.Audience, in.ReportText = strings.TrimSpace(in.Place), strings.TrimSpace(in.Audience), strings.TrimSpace(in.ReportText)
	if in.DeputyID == 0 {
		return nil, errs.Required("deputy_id", "duty.field.deputy")
	}
	if in.ScheduledAt <= 0 {
		return nil, errs.Required("scheduled_at", "duty.field.scheduled_at")
	}
	if time.Unix(in.ScheduledAt, 0).Year() < 2000 {
		return nil, errs.Field("scheduled_at", "invalid_time", "duty.err.date_old")
	}
	if in.Place == "" {
		return nil, errs.Required("place", "duty.field.place")
	}
	for _, c := range []struct {
		field, label, v string
		n               int
	}{{"place", "duty.field.place", in.Place, 100}, {"audience", "duty.field.audience", in.Audience, 200},
		{"report_text", "duty.field.report_text", in.ReportText, 20000}} {
		if err := errs.MaxLen(c.field, c.label, c.v, c.n); err != nil {
			return nil, err
		}
	}
	var id int64
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		d, err := scopedDeputy(ctx, tx, p, in.DeputyID, "deputy_id")
		if err != nil {
			return err
		}
		now := time.Now().Unix()
		if err := tx.QueryRowContext(ctx, `INSERT INTO constituent_reports (deputy_id, township_code, scheduled_at, place, audience, report_text, created_by, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id`, d.ID, d.Township, in.ScheduledAt, in.Place, in.Audience, in.ReportText,
			store.NullID(p.UserID), now).Scan(&id); err != nil {
			return err
		}
		return audit.Record(ctx, tx, p.Actor(ctx), "create", "constituent_report", id, d.Township, "report to constituents scheduled for "+d.Name, nil, in)
	})
	if err != nil {
		return nil, err
	}
	return s.GetReport(ctx, p, id)
}

func loadReport(ctx context.Context, q store.Querier, p *auth.Principal, id int64) (*Report, error) {
	if !mayRecord(p) {
		return nil, errs.NotFoundErr("duty.entity.report")
	}
	lo, hi := store.PrefixRange(p.Scope)
	query := `SELECT r.id, r.deputy_id, d.name, r.township_code, r.scheduled_at, r.place, r.audience, r.status, r.report_text, r.held_date
		FROM constituent_reports r JOIN deputies d ON d.id = r.deputy_id WHERE r.id = $1 AND r.township_code >= $2 AND r.township_code < $3`
	args := []any{id, lo, hi}
	if p.Role == auth.Deputy {
		query += ` AND r.deputy_id = $4`
		args = append(args, p.DeputyID)
	}
	var r Report
	err := q.QueryRowContext(ctx, query, args...).Scan(&r.ID, &r.DeputyID, &r.DeputyName, &r.Township, &r.ScheduledAt, &r.Place,
		&r.Audience, &r.Status, &r.ReportText, &r.HeldDate)
	if err == sql.ErrNoRows {
		return nil, errs.NotFoundErr("duty.entity.report")
	}
	r.Files = []File{}
	return &r, err
}

// GetReport returns a report with its results and files.
func (s *Service) GetReport(ctx context.Context, p *auth.Principal, id int64) (*Report, error) {
	r, err := loadReport(ctx, s.DB.R, p, id)
	if err != nil {
		return nil, err
	}
	if r.Result, err = reportRatings(ctx, s.DB.R, id); err != nil {
		return nil, err
	}
	files, err := attachments.List(ctx, s.DB.R, OwnerReport, []int64{id})
	if err != nil {
		return nil, err
	}
	for _, f := range files[id] {
		r.Files = append(r.Files, File{ID: f.ID, Name: f.Name, ContentType: f.ContentType, Size: f.Size, URL: f.URL()})
	}
	return r, nil
}

// ListReports lists reports in the caller's scope (a deputy: their own),
// newest first.
func (s *Service) ListReports(ctx context.Context, p *auth.Principal) ([]*Report, error) {
	if !mayRecord(p) {
		return nil, errs.ForbiddenErr()
	}
	lo, hi := store.PrefixRange(p.Scope)
	query := `SELECT r.id FROM constituent_reports r WHERE r.township_code >= $1 AND r.township_code < $2`
	args := []any{lo, hi}
	if p.Role == auth.Deputy {
		query += ` AND r.deputy_id = $3`
		args = append(args, p.DeputyID)
	}
	return s.reportsOf(ctx, p, query+` ORDER BY r.scheduled_at DESC, r.id DESC LIMIT 200`, args...)
}

// reportsOf loads the reports whose ids a query returns, in its order.
func (s *Service) reportsOf(ctx context.Context, p *auth.Principal, query string, args ...any) ([]*Report, error) {
	rows, err := s.DB.R.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := []*Report{}
	for _, id := range ids {
		r, err := s.GetReport(ctx, p, id)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// UpdateReportText attaches the report's text (staff, or the deputy).
func (s *Service) UpdateReportText(ctx context.Context, p *auth.Principal, id int64, text string) (*Report, error) {
	text = strings.TrimSpace(text)
	if err := errs.MaxLen("report_text", "duty.field.report_text", text, 20000); err != nil {
		return nil, err
	}
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		r, err := loadReport(ctx, tx, p, id)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE constituent_reports SET report_text = $1, updated_at = $2 WHERE id = $3`, text, time.Now().Unix(), id); err != nil {
			return err
		}
		return audit.Record(ctx, tx, p.Actor(ctx), "update", "constituent_report", id, r.Township, "report text", map[string]any{"report_text": r.ReportText},
			map[string]any{"report_text": text})
	})
	if err != nil {
		return nil, err
	}
	return s.GetReport(ctx, p, id)
}

// AttachReportFiles attaches the report as files (staff, or the deputy).
func (s *Service) AttachReportFiles(ctx context.Context, p *auth.Principal, id int64, files []Attached) (*Report, error) {
	if len(files) == 0 {
		return nil, errs.Required("files", "duty.field.files")
	}
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		r, err := loadReport(ctx, tx, p, id)
		if err != nil {
			return err
		}
		for _, f := range files {
			af, err := attachments.Add(ctx, tx, attachments.Upload{Owner: OwnerReport, OwnerID: id, Scope: r.Township, Name: f.Name, Data: f.Data, By: p.UserID})
			if err != nil {
				return err
			}
			if err := audit.Record(ctx, tx, p.Actor(ctx), "attach", "constituent_report", id, r.Township, "file attached: "+af.Name, nil,
				map[string]any{"attachment_id": af.ID, "name": af.Name}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.GetReport(ctx, p, id)
}

// MarkHeld records that the report took place on a date (staff); it becomes
// the deputy's duty record of kind report_to_constituents.
func (s *Service) MarkHeld(ctx context.Context, p *auth.Principal, id int64, date string) (*Report, error) {
	if !p.Role.Staff() {
		return nil, errs.ForbiddenErr()
	}
	if err := checkDate("date", date, s.Today()); err != nil {
		return nil, err
	}
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		r, err := loadReport(ctx, tx, p, id)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE constituent_reports SET status = 'held', held_date = $1, updated_at = $2 WHERE id = $3`,
			date, time.Now().Unix(), id); err != nil {
			return err
		}
		if err := RecordImplied(ctx, tx, Implied{DeputyID: r.DeputyID, Kind: ReportToConstituents, Date: date, Days: 0.5,
			Title: "向选民述职", Place: r.Place, Source: "report", SourceID: id}); err != nil {
			return err
		}
		return audit.Record(ctx, tx, p.Actor(ctx), "hold", "constituent_report", id, r.Township, "report to constituents held",
			map[string]any{"status": r.Status, "held_date": r.HeldDate}, map[string]any{"status": "held", "held_date": date})
	})
	if err != nil {
		return nil, err
	}
	return s.GetReport(ctx, p, id)
}

// deputyReports lists a deputy's reports within a window (for the archive).
func (s *Service) deputyReports(ctx context.Context, p *auth.Principal, deputyID int64, from, to string) ([]*Report, error) {
	return s.reportsOf(ctx, p, `SELECT id FROM constituent_reports WHERE deputy_id = $1 AND status = 'held' AND held_date >= $2 AND held_date <= $3
		ORDER BY held_date`, deputyID, from, to)
}
