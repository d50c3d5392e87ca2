package duties

import (
	"context"
	"database/sql"
	"strconv"
	"strings"

	"renda/internal/attachments"
	"renda/internal/auth"
	"renda/internal/errs"
	"renda/internal/jurisdiction"
	"renda/internal/store"
)

const recordCols = `r.id, r.deputy_id, d.name, r.township_code, r.kind, r.date, r.days, r.count, r.title, r.place, r.note,
	r.status, r.return_reason, r.source, r.recorded_by, r.confirmed_by, r.created_at, r.updated_at`

func scanRecord(row interface{ Scan(...any) error }) (*Record, error) {
	var r Record
	var by, conf sql.NullInt64
	if err := row.Scan(&r.ID, &r.DeputyID, &r.DeputyName, &r.Township, &r.Kind, &r.Date, &r.Days, &r.Count, &r.Title,
		&r.Place, &r.Note, &r.Status, &r.ReturnReason, &r.Source, &by, &conf, &r.CreatedAt, &r.UpdatedAt); err != nil {
		return nil, err
	}
	r.RecordedBy, r.ConfirmedBy = by.Int64, conf.Int64
	r.Attachments = []File{}
	return &r, nil
}

// loadRecord reads a record the caller may see: staff within their scope,
// a deputy their own. Anything else is "not found".
func loadRecord(ctx context.Context, q store.Querier, p *auth.Principal, id int64) (*Record, error) {
	if !mayRecord(p) {
		return nil, errs.NotFoundErr("duty.entity.record")
	}
	lo, hi := store.PrefixRange(p.Scope)
	query := `SELECT ` + recordCols + ` FROM duty_records r JOIN deputies d ON d.id = r.deputy_id
		WHERE r.id = $1 AND r.township_code >= $2 AND r.township_code < $3`
	args := []any{id, lo, hi}
	if p.Role == auth.Deputy {
		query += ` AND r.deputy_id = $4`
		args = append(args, p.DeputyID)
	}
	r, err := scanRecord(q.QueryRowContext(ctx, query, args...))
	if err == sql.ErrNoRows {
		return nil, errs.NotFoundErr("duty.entity.record")
	}
	return r, err
}

// Get returns one record with its files.
func (s *Service) Get(ctx context.Context, p *auth.Principal, id int64) (*Record, error) {
	r, err := loadRecord(ctx, s.DB.R, p, id)
	if err != nil {
		return nil, err
	}
	if err := withFiles(ctx, s.DB.R, []*Record{r}); err != nil {
		return nil, err
	}
	return r, nil
}

func withFiles(ctx context.Context, q store.Querier, rs []*Record) error {
	ids := make([]int64, len(rs))
	for i, r := range rs {
		ids[i] = r.ID
	}
	files, err := attachments.List(ctx, q, OwnerRecord, ids)
	if err != nil {
		return err
	}
	for _, r := range rs {
		for _, f := range files[r.ID] {
			r.Attachments = append(r.Attachments, File{ID: f.ID, Name: f.Name, ContentType: f.ContentType, Size: f.Size, URL: f.URL()})
		}
	}
	return nil
}

// Filter narrows a list of records.
type Filter struct {
	DeputyID int64
	Township string
	From, To string // dates, inclusive
	Kind     Kind
	Status   string
	Cursor   string // "date/id" of the last record of the previous page
	Limit    int
}

// List returns records newest first within the caller's scope, and the
// cursor of the next page ("" at the end).
func (s *Service) List(ctx context.Context, p *auth.Principal, f Filter) ([]*Record, string, error) {
	if !mayRecord(p) {
		return nil, "", errs.ForbiddenErr()
	}
	scope := p.Scope
	if f.Township != "" {
		code, err := jurisdiction.Normalize(f.Township)
		if err != nil {
			return nil, "", errs.Field("township", "invalid_code", "err.code_format")
		}
		if !p.Covers(code) {
			if !strings.HasPrefix(p.Scope, code) {
				return nil, "", notFoundField("township", "entity.jurisdiction")
			}
			code = p.Scope // a deputy's or township's own county: their scope already narrows it
		}
		scope = code
	}
	lo, hi := store.PrefixRange(scope)
	where := []string{"r.township_code >= $1", "r.township_code < $2"}
	args := []any{lo, hi}
	add := func(cond string, v any) {
		args = append(args, v)
		where = append(where, strings.ReplaceAll(cond, "?", "$"+strconv.Itoa(len(args))))
	}
	if p.Role == auth.Deputy {
		add("r.deputy_id = ?", p.DeputyID)
	}
	if f.DeputyID != 0 {
		add("r.deputy_id = ?", f.DeputyID)
	}
	if f.From != "" {
		if err := checkDate("from", f.From, "9999-12-31"); err != nil {
			return nil, "", err
		}
		add("r.date >= ?", f.From)
	}
	if f.To != "" {
		if err := checkDate("to", f.To, "9999-12-31"); err != nil {
			return nil, "", err
		}
		add("r.date <= ?", f.To)
	}
	if f.Kind != "" {
		if !f.Kind.Valid() {
			return nil, "", errs.Field("kind", "unknown_kind", "duty.err.kind_unknown", string(f.Kind))
		}
		add("r.kind = ?", string(f.Kind))
	}
	if f.Status != "" {
		if f.Status != StatusPending && f.Status != StatusConfirmed && f.Status != StatusReturned {
			return nil, "", errs.Field("status", "unknown_status", "duty.err.status_unknown", f.Status)
		}
		add("r.status = ?", f.Status)
	}
	if f.Cursor != "" {
		date, idStr, ok := strings.Cut(f.Cursor, "/")
		id, err := strconv.ParseInt(idStr, 10, 64)
		if !ok || err != nil || checkDate("cursor", date, "9999-12-31") != nil {
			return nil, "", errs.Field("cursor", "invalid_cursor", "err.cursor")
		}
		args = append(args, date, id)
		n := len(args)
		where = append(where, "(r.date < $"+strconv.Itoa(n-1)+" OR (r.date = $"+strconv.Itoa(n-1)+" AND r.id < $"+strconv.Itoa(n)+"))")
	}
	limit := f.Limit
	if limit <= 0 || limit > 200 {
		limit = 50
	}
	args = append(args, limit+1)
	rows, err := s.DB.R.QueryContext(ctx, `SELECT `+recordCols+` FROM duty_records r JOIN deputies d ON d.id = r.deputy_id
		WHERE `+strings.Join(where, " AND ")+` ORDER BY r.date DESC, r.id DESC LIMIT $`+strconv.Itoa(len(args)), args...)
	if err != nil {
		return nil, "", err
	}
	defer rows.Close()
	var out []*Record
	for rows.Next() {
		r, err := scanRecord(rows)
		if err != nil {
			return nil, "", err
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, "", err
	}
	next := ""
	if len(out) > limit {
		out = out[:limit]
		last := out[limit-1]
		next = last.Date + "/" + strconv.FormatInt(last.ID, 10)
	}
	if err := withFiles(ctx, s.DB.R, out); err != nil {
		return nil, "", err
	}
	return out, next, nil
}

// CountPending counts the records waiting for confirmation in the
// caller's scope.
func (s *Service) CountPending(ctx context.Context, p *auth.Principal) (int, error) {
	lo, hi := store.PrefixRange(p.Scope)
	var n int
	err := s.DB.R.QueryRowContext(ctx, `SELECT COUNT(*) FROM duty_records WHERE township_code >= $1 AND township_code < $2 AND status = 'pending'`, lo, hi).Scan(&n)
	return n, err
}
