package meetings

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"renda/internal/auth"
	"renda/internal/store"
)

// QuarterRow is one township's presidium meetings per quarter of a year.
type QuarterRow struct {
	Township string `json:"township"`
	Name     string `json:"name"`
	Held     [4]int `json:"held"`    // meetings in each quarter
	Missed   []int  `json:"missed"`  // quarters that have ended without a meeting
	Pending  int    `json:"pending"` // the current quarter, not yet met (0 when met or not current)
}

// quartersEnded is how many quarters of year have ended by today.
func quartersEnded(year int, today time.Time) int {
	switch {
	case today.Year() > year:
		return 4
	case today.Year() < year:
		return 0
	}
	return (int(today.Month()) - 1) / 3
}

// PresidiumQuarters lists the township congresses in the caller's scope
// with their presidium meetings per quarter of a year; a quarter that has
// ended without a meeting is missed. Townships that missed one come first.
func PresidiumQuarters(ctx context.Context, db *store.DB, p *auth.Principal, year int, today time.Time) ([]QuarterRow, error) {
	lo, hi := store.PrefixRange(p.Scope)
	rows, err := db.R.QueryContext(ctx, `SELECT township_code, date FROM presidium_meetings
		WHERE township_code >= $1 AND township_code < $2 AND date >= $3 AND date <= $4`,
		lo, hi, fmt.Sprintf("%d-01-01", year), fmt.Sprintf("%d-12-31", year))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	held := map[string]*[4]int{}
	for rows.Next() {
		var code, date string
		if err := rows.Scan(&code, &date); err != nil {
			return nil, err
		}
		m := PresidiumMeeting{Date: date}
		if held[code] == nil {
			held[code] = &[4]int{}
		}
		held[code][m.Quarter()-1]++
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	ended := quartersEnded(year, today)
	var missed, ok []QuarterRow
	for _, u := range townshipCongresses(p.Scope) {
		r := QuarterRow{Township: u.Code, Name: u.Name, Missed: []int{}}
		if h := held[u.Code]; h != nil {
			r.Held = *h
		}
		for q := 1; q <= ended; q++ {
			if r.Held[q-1] == 0 {
				r.Missed = append(r.Missed, q)
			}
		}
		if ended < 4 && today.Year() == year && r.Held[ended] == 0 {
			r.Pending = ended + 1
		}
		if len(r.Missed) > 0 {
			missed = append(missed, r)
		} else {
			ok = append(ok, r)
		}
	}
	return append(missed, ok...), nil
}

// MissedList writes the missed quarters as "2、4".
func (r QuarterRow) MissedList() string {
	parts := make([]string, len(r.Missed))
	for i, q := range r.Missed {
		parts[i] = strconv.Itoa(q)
	}
	return strings.Join(parts, "、")
}
