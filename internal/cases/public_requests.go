package cases

import (
	"context"
	"strings"
	"time"

	"renda/internal/store"
)

// PublicRequest is an opinion as the public may see it (Open311): its
// tracking code, category, title, where it stands and who handles it —
// never the constituent or the full text.
type PublicRequest struct {
	TrackingCode string
	Category     string
	Title        string
	Township     string
	Status       Status
	Closed       bool
	Unit         string
	Due          string
	Reply        string
	CreatedAt    int64
	UpdatedAt    int64
}

// RequestFilter narrows PublicRequests (Open311's GET requests).
type RequestFilter struct {
	Codes    []string // tracking codes
	Township string   // jurisdiction_id: a code prefix
	Category string
	From, To time.Time
	Status   string // open or closed
	Limit    int
}

// PublicRequests lists opinions for the public, newest first. Without
// codes or dates it covers the last 90 days, as Open311 asks.
func (s *Service) PublicRequests(ctx context.Context, f RequestFilter) ([]PublicRequest, error) {
	var w where
	w.add("c.kind = 'opinion'")
	w.add("c.status <> 'merged'")
	now := s.now()
	if len(f.Codes) > 0 {
		ph := make([]string, len(f.Codes))
		for i, c := range f.Codes {
			ph[i] = w.arg(NormalizeTrackingCode(c))
		}
		w.add("c.tracking_code IN (" + strings.Join(ph, ", ") + ")")
	} else if f.From.IsZero() && f.To.IsZero() {
		f.From = now.AddDate(0, 0, -90)
	}
	if f.Township != "" {
		lo, hi := store.PrefixRange(f.Township)
		w.add("c.township_code >= ? AND c.township_code < ?", lo, hi)
	}
	if f.Category != "" {
		w.add("c.category = ?", f.Category)
	}
	if !f.From.IsZero() {
		w.add("c.created_at >= ?", f.From.Unix())
	}
	if !f.To.IsZero() {
		w.add("c.created_at <= ?", f.To.Unix())
	}
	cut := now.Unix() - int64(s.ConfigFor(ctx, f.Township).RatingWindowDays)*86400
	closed := "(c.status IN ('closed', 'referred') OR (c.status = 'replied' AND c.satisfaction IS NULL AND c.reply_at <= " + w.arg(cut) + "))"
	switch f.Status {
	case "open":
		w.add("NOT " + closed)
	case "closed":
		w.add(closed)
	}
	limit := f.Limit
	if limit <= 0 || limit > 1000 {
		limit = 1000
	}
	rows, err := s.DB.R.QueryContext(ctx, `SELECT c.tracking_code, c.category, c.title, c.township_code, c.status, `+closed+`,
		COALESCE(u.name, ''), COALESCE(c.due_date, ''), c.public_reply, c.created_at, c.updated_at
		FROM cases c LEFT JOIN units u ON u.id = c.lead_unit_id WHERE `+w.sql()+` ORDER BY c.id DESC LIMIT `+w.arg(limit), w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []PublicRequest
	for rows.Next() {
		var r PublicRequest
		if err := rows.Scan(&r.TrackingCode, &r.Category, &r.Title, &r.Township, &r.Status, &r.Closed, &r.Unit, &r.Due, &r.Reply,
			&r.CreatedAt, &r.UpdatedAt); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
