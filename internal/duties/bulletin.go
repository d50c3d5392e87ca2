package duties

import (
	"context"
	"database/sql"
	"fmt"

	"renda/internal/auth"
	"renda/internal/errs"
	"renda/internal/jurisdiction"
)

// BulletinQuery names a bulletin: a township's, or one group's, for a
// half year. The first half covers January to June against half the annual
// targets; the second half reports the whole year against them all.
type BulletinQuery struct {
	Township string
	GroupID  int64
	Year     int
	Half     int // 1 or 2
}

// BulletinRow is one deputy's line in a bulletin.
type BulletinRow struct {
	*Item
	Group      string  `json:"group"`
	Attendance int     `json:"attendance"` // sessions and meetings attended
	Absences   int     `json:"absences"`   // absent without leave
	Speeches   int     `json:"speeches"`
	Records    int     `json:"records"`
	RecessDays float64 `json:"recess_days"`
	TargetsMet int     `json:"targets_met"`
}

// Bulletin is the half-yearly bulletin (履职通报).
type Bulletin struct {
	Township     string         `json:"township"`
	TownshipName string         `json:"township_name"`
	GroupID      int64          `json:"group_id,omitempty"`
	GroupName    string         `json:"group_name,omitempty"`
	Year         int            `json:"year"`
	Half         int            `json:"half"`
	From         string         `json:"from"`
	To           string         `json:"to"`
	Rows         []*BulletinRow `json:"rows"`
}

// Bulletin works out a bulletin for staff of the township (or group).
func (s *Service) Bulletin(ctx context.Context, p *auth.Principal, q BulletinQuery) (*Bulletin, error) {
	if !p.Role.Staff() {
		return nil, errs.ForbiddenErr()
	}
	if q.Half != 1 && q.Half != 2 {
		return nil, errs.Field("half", "invalid_half", "duty.err.bulletin_half")
	}
	if err := s.checkAssessYear(q.Year); err != nil {
		return nil, err
	}
	groups, err := s.groupNames(ctx, p, q.Township)
	if err != nil {
		return nil, err
	}
	b := &Bulletin{Year: q.Year, Half: q.Half, GroupID: q.GroupID}
	if q.GroupID != 0 {
		err := s.DB.R.QueryRowContext(ctx, `SELECT township_code, name FROM deputy_groups WHERE id = $1`, q.GroupID).Scan(&b.Township, &b.GroupName)
		if err == sql.ErrNoRows || err == nil && !p.Covers(b.Township) || err == nil && q.Township != "" && q.Township != b.Township {
			return nil, notFoundField("group", "duty.entity.group")
		}
		if err != nil {
			return nil, err
		}
		if groups, err = s.groupNames(ctx, p, b.Township); err != nil {
			return nil, err
		}
	} else {
		if len(q.Township) != 9 {
			return nil, errs.Field("township", "invalid_code", "duty.err.township_code")
		}
		b.Township = q.Township
	}
	u, ok := jurisdiction.National().Get(b.Township)
	if !ok || !p.Covers(b.Township) {
		return nil, notFoundField("township", "entity.jurisdiction")
	}
	b.TownshipName = u.Name
	b.From = fmt.Sprintf("%04d-01-01", q.Year)
	if _, b.To = bounds(q.Year, q.Half); q.Half == 1 {
		b.To = fmt.Sprintf("%04d-06-30", q.Year)
	}
	items, err := assessPeriod(ctx, s.DB.R, b.Township, q.Year, b.From, b.To, s.Today())
	if err != nil {
		return nil, err
	}
	b.Rows = []*BulletinRow{}
	for _, it := range items {
		if q.GroupID != 0 && it.GroupID != q.GroupID {
			continue
		}
		row := &BulletinRow{Item: it, Group: groups[it.GroupID], Absences: it.Absences}
		for k, t := range it.Tally {
			row.Records += t.N
			if k == SessionAttendance || k == CommitteeAttendance {
				row.Attendance += t.N
			}
			if k == DeliberationSpeech {
				row.Speeches += t.N
			}
		}
		row.RecessDays = Actual(TargetRecessDays, it.Tally)
		for _, t := range it.Targets {
			if t.Met {
				row.TargetsMet++
			}
		}
		b.Rows = append(b.Rows, row)
	}
	return b, nil
}

// groupNames maps the groups of a township to their names.
func (s *Service) groupNames(ctx context.Context, p *auth.Principal, township string) (map[int64]string, error) {
	out := map[int64]string{}
	if township == "" || !p.Covers(township) {
		return out, nil
	}
	rows, err := s.DB.R.QueryContext(ctx, `SELECT id, name FROM deputy_groups WHERE township_code = $1`, township)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, err
		}
		out[id] = name
	}
	return out, rows.Err()
}

// Groups lists the groups of a township in the caller's scope.
func (s *Service) Groups(ctx context.Context, p *auth.Principal, township string) ([]DeputyOption, error) {
	names, err := s.groupNames(ctx, p, township)
	if err != nil {
		return nil, err
	}
	out := make([]DeputyOption, 0, len(names))
	for id, n := range names {
		out = append(out, DeputyOption{ID: id, Name: n, Township: township})
	}
	sortOptions(out)
	return out, nil
}
