package cases

import (
	"context"
	"time"

	"renda/internal/auth"
	"renda/internal/errs"
	"renda/internal/store"
)

// Filter narrows a list of cases. Every field is optional.
type Filter struct {
	Kinds    []Kind // opinion; suggestion and motion
	Status   Status
	Township string // a code prefix within the caller's scope
	Channel  string
	UnitID   int64
	DeputyID int64
	Station  int64
	Overdue  bool   // open items past their due date
	Query    string // words in the title
	From, To string // created on or after From, before To (YYYY-MM-DD)
	Before   int64  // cursor: cases with a smaller id
	Limit    int
}

// List returns the cases the caller may see, newest first, and the cursor
// of the next page (0 at the end).
func (s *Service) List(ctx context.Context, p *auth.Principal, f Filter) ([]*Case, int64, error) {
	var w where
	scopeCases(&w, p)
	if len(f.Kinds) == 1 {
		w.add("c.kind = ?", string(f.Kinds[0]))
	} else if len(f.Kinds) == 2 {
		w.add("c.kind IN (?, ?)", string(f.Kinds[0]), string(f.Kinds[1]))
	}
	if f.Status != "" {
		w.add("c.status = ?", string(f.Status))
	}
	if f.Township != "" {
		lo, hi := store.PrefixRange(f.Township)
		w.add("c.township_code >= ? AND c.township_code < ?", lo, hi)
	}
	if f.Channel != "" {
		w.add("c.channel = ?", f.Channel)
	}
	if f.UnitID != 0 {
		w.add("c.lead_unit_id = ?", f.UnitID)
	}
	if f.DeputyID != 0 {
		w.add("c.id IN (SELECT case_id FROM case_deputies WHERE deputy_id = ?)", f.DeputyID)
	}
	if f.Station != 0 {
		w.add("c.station_id = ?", f.Station)
	}
	now := s.now()
	if f.Overdue {
		w.add("c.status IN ('assigned', 'rehandling') AND c.due_date < ?", now.Format(time.DateOnly))
	}
	if f.Query != "" {
		w.add(`c.title LIKE ? ESCAPE '\'`, store.LikeContains(f.Query))
	}
	for _, d := range []struct {
		v, field, cond string
	}{{f.From, "from", "c.created_at >= ?"}, {f.To, "to", "c.created_at < ?"}} {
		if d.v == "" {
			continue
		}
		t, err := time.ParseInLocation(time.DateOnly, d.v, now.Location())
		if err != nil {
			return nil, 0, errs.Field(d.field, "invalid_date", "err.date_format", d.v)
		}
		w.add(d.cond, t.Unix())
	}
	if f.Before > 0 {
		w.add("c.id < ?", f.Before)
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 50
	}
	// The page's ids are found first, from the indexes alone where the
	// filters allow, and only those rows are read whole: a county's list
	// then sorts thousands of index entries rather than thousands of rows.
	// Within a county or less, "id + 0" keeps the planners from walking
	// the whole table backwards by id in search of the county's rows, which
	// is slow when they sit far from the newest; a wider scope has rows
	// everywhere, and walking by id is the fast way.
	order := "c.id"
	if len(p.Scope) >= 6 || len(f.Township) >= 6 {
		order = "c.id + 0"
	}
	rows, err := s.DB.R.QueryContext(ctx, `SELECT `+caseCols+` FROM cases c WHERE c.id IN (SELECT c.id FROM cases c WHERE `+w.sql()+
		` ORDER BY `+order+` DESC LIMIT `+w.arg(limit+1)+`) ORDER BY c.id DESC`, w.args...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []*Case
	for rows.Next() {
		c, err := scanCase(rows)
		if err != nil {
			return nil, 0, err
		}
		c.DeputyIDs = nil
		if c.Kind == Opinion && seesContact(p) {
			ct := c.constituent
			c.Constituent = &ct
		}
		c.Colour = colour(c.Status, c.Due, now, s.ConfigFor(ctx, c.Township))
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	var next int64
	if len(out) > limit {
		out = out[:limit]
		next = out[limit-1].ID
	}
	return out, next, nil
}

// History returns a case's steps, for staff and units that see it.
func (s *Service) History(ctx context.Context, p *auth.Principal, id int64) ([]Event, error) {
	if _, err := s.load(ctx, s.DB.R, p, id); err != nil {
		return nil, err
	}
	return events(ctx, s.DB.R, id)
}
