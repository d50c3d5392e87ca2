package duties

import (
	"context"
	"sort"
	"strconv"
	"strings"
	"time"

	"renda/internal/store"
)

// Window is the part of a period a deputy is assessed on: from the later
// of the period's start and their first seat's start, to the earlier of the
// period's end and their last seat's end.
type window struct{ from, to string }

func (w window) has(date string) bool { return date >= w.from && date <= w.to }

// months counts the calendar months the window touches.
func (w window) months() int {
	a, _ := time.Parse(DateLayout, w.from)
	b, _ := time.Parse(DateLayout, w.to)
	return (b.Year()-a.Year())*12 + int(b.Month()) - int(a.Month()) + 1
}

// deputies lists the deputies of the scope who served during the period,
// with the window of the period they served.
func (a *assessor) deputies(ctx context.Context, scope string) ([]*Item, map[int64]window, error) {
	lo, hi := store.PrefixRange(scope)
	rows, err := a.q.QueryContext(ctx, `SELECT id, name, township_code, COALESCE(group_id, 0) FROM deputies
		WHERE township_code >= $1 AND township_code < $2 ORDER BY township_code, id`, lo, hi)
	if err != nil {
		return nil, nil, err
	}
	var all []*Item
	for rows.Next() {
		it := &Item{Tally: map[Kind]*KindTally{}, Warnings: []string{}}
		if err := rows.Scan(&it.DeputyID, &it.Name, &it.Township, &it.GroupID); err != nil {
			rows.Close()
			return nil, nil, err
		}
		all = append(all, it)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	// A deputy's service is the span of their seats; one without seats on
	// record is taken as serving throughout.
	type span struct {
		from, to string
		seen     bool
	}
	spans := map[int64]*span{}
	rows, err = a.q.QueryContext(ctx, `SELECT s.deputy_id, s.start_date, s.end_date, s.status, s.status_date
		FROM seats s JOIN deputies d ON d.id = s.deputy_id WHERE d.township_code >= $1 AND d.township_code < $2`, lo, hi)
	if err != nil {
		return nil, nil, err
	}
	for rows.Next() {
		var id int64
		var start, end, status, statusDate string
		if err := rows.Scan(&id, &start, &end, &status, &statusDate); err != nil {
			rows.Close()
			return nil, nil, err
		}
		if status != "serving" && statusDate != "" && (end == "" || statusDate < end) {
			end = statusDate
		}
		if start == "" {
			start = "0000-01-01"
		}
		if end == "" {
			end = "9999-12-31"
		}
		sp := spans[id]
		if sp == nil {
			spans[id] = &span{from: start, to: end, seen: true}
			continue
		}
		sp.from, sp.to = min(sp.from, start), max(sp.to, end)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	windows := make(map[int64]window, len(all))
	items := all[:0]
	for _, it := range all {
		w := window{a.from, a.to}
		if sp := spans[it.DeputyID]; sp != nil {
			w.from, w.to = max(w.from, sp.from), min(w.to, sp.to)
		}
		if w.from > w.to {
			continue // not serving in this period
		}
		windows[it.DeputyID] = w
		it.Months = w.months()
		items = append(items, it)
	}
	return items, windows, nil
}

// tally sums the confirmed records of the period by deputy and kind. Most
// deputies serve the whole period and are summed by the database; those
// who served part of it are summed record by record within their window.
func (a *assessor) tally(ctx context.Context, scope string, partial []int64, byID map[int64]*Item, windows map[int64]window) error {
	lo, hi := store.PrefixRange(scope)
	// One township is an equality, so that the status is one too and the
	// index's order serves the grouping; a wider scope is a range.
	where, args := `township_code >= $3 AND township_code < $4`, []any{a.from, a.to, lo, hi}
	if len(scope) == 9 {
		where, args = `township_code = $3`, []any{a.from, a.to, scope}
	}
	rows, err := a.q.QueryContext(ctx, `SELECT deputy_id, kind, COUNT(*), SUM(days), SUM(count) FROM duty_records
		WHERE `+where+` AND status = 'confirmed' AND date >= $1 AND date <= $2
		GROUP BY deputy_id, kind`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var kind Kind
		var t KindTally
		if err := rows.Scan(&id, &kind, &t.N, &t.Days, &t.Persons); err != nil {
			return err
		}
		it := byID[id]
		if it == nil || a.partial(windows[id]) {
			continue
		}
		it.Tally[kind] = &t
	}
	if err := rows.Err(); err != nil {
		return err
	}
	rows.Close()
	for len(partial) > 0 {
		chunk := partial[:min(len(partial), 400)]
		partial = partial[len(chunk):]
		if err := a.tallyPartial(ctx, lo, hi, chunk, byID, windows); err != nil {
			return err
		}
	}
	return nil
}

// partial reports whether a deputy served only part of the period.
func (a *assessor) partial(w window) bool { return w.from != a.from || w.to != a.to }

// partialIDs lists the deputies who served part of the period, in order.
func (a *assessor) partialIDs(ids []int64, windows map[int64]window) []int64 {
	var out []int64
	for _, id := range ids {
		if a.partial(windows[id]) {
			out = append(out, id)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// tallyPartial sums, record by record, the records of deputies who served
// part of the period, keeping those within their window.
func (a *assessor) tallyPartial(ctx context.Context, lo, hi string, ids []int64, byID map[int64]*Item, windows map[int64]window) error {
	args := []any{lo, hi, a.from, a.to}
	ph := make([]string, len(ids))
	for i, id := range ids {
		args = append(args, id)
		ph[i] = "$" + strconv.Itoa(len(args))
	}
	rows, err := a.q.QueryContext(ctx, `SELECT deputy_id, kind, date, days, count FROM duty_records
		WHERE township_code >= $1 AND township_code < $2 AND status = 'confirmed' AND date >= $3 AND date <= $4
		AND deputy_id IN (`+strings.Join(ph, ",")+`)`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var kind Kind
		var date string
		var days float64
		var n int
		if err := rows.Scan(&id, &kind, &date, &days, &n); err != nil {
			return err
		}
		if !windows[id].has(date) {
			continue
		}
		it := byID[id]
		t := it.Tally[kind]
		if t == nil {
			t = &KindTally{}
			it.Tally[kind] = t
		}
		t.N++
		t.Days += days
		t.Persons += n
	}
	return rows.Err()
}

// absences counts absences without leave within each deputy's window:
// those recorded here, and the sessions the meetings domain marked absent
// (its session_attendance, read as it stands).
func (a *assessor) absences(ctx context.Context, scope string, byID map[int64]*Item, windows map[int64]window) error {
	lo, hi := store.PrefixRange(scope)
	rows, err := a.q.QueryContext(ctx, `SELECT deputy_id, date FROM duty_absences
		WHERE township_code >= $1 AND township_code < $2 AND date >= $3 AND date <= $4 AND with_leave = FALSE
		UNION ALL
		SELECT sa.deputy_id, cs.start_date FROM session_attendance sa
			JOIN congress_sessions cs ON cs.id = sa.session_id JOIN deputies d ON d.id = sa.deputy_id
		WHERE d.township_code >= $1 AND d.township_code < $2 AND cs.start_date >= $3 AND cs.start_date <= $4 AND sa.status = 'absent'`,
		lo, hi, a.from, a.asOf)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var date string
		if err := rows.Scan(&id, &date); err != nil {
			return err
		}
		if it := byID[id]; it != nil && windows[id].has(date) {
			it.Absences++
		}
	}
	return rows.Err()
}
