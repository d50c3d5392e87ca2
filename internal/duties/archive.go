package duties

import (
	"context"
	"sort"

	"renda/internal/auth"
	"renda/internal/errs"
	"renda/internal/jurisdiction"
	"renda/internal/store"
)

// Profile is part 1 of the archive: the deputy's basic information.
type Profile struct {
	ID        int64  `json:"id"`
	Name      string `json:"name"`
	Gender    string `json:"gender"`
	Ethnicity string `json:"ethnicity"`
	BirthDate string `json:"birth_date"`
	Political string `json:"political"`
	Education string `json:"education"`
	Employer  string `json:"employer"`
	Sector    string `json:"sector"`
	Township  string `json:"township"`
	GroupID   int64  `json:"group_id,omitempty"`
	Group     string `json:"group"`
	Seats     []Seat `json:"seats"`
}

// Seat is one of the deputy's mandates.
type Seat struct {
	Level    string `json:"level"`
	Congress string `json:"congress"`
	Term     string `json:"term"`
	Start    string `json:"start"`
	End      string `json:"end"`
	Status   string `json:"status"`
}

// ArchivePart is one of parts 2 to 7 of the archive: the confirmed
// records filed under it.
type ArchivePart struct {
	No      int       `json:"no"`
	Key     string    `json:"key"`
	Records []*Record `json:"records"`
}

// Archive is a deputy's duty archive (履职档案) for one term, in the eight
// parts a township keeps.
type Archive struct {
	Profile  Profile        `json:"profile"`
	Term     string         `json:"term"`
	Terms    []string       `json:"terms"`
	From     string         `json:"from"`
	To       string         `json:"to"`
	Parts    []*ArchivePart `json:"parts"`
	Absences []Absence      `json:"absences"`
	Reports  []*Report      `json:"reports"`
	Awards   []*Award       `json:"awards"`
	Points   []YearPoints   `json:"points"`
}

// YearPoints is the deputy's points of one year of the term.
type YearPoints struct {
	Year      int     `json:"year"`
	Points    float64 `json:"points"`
	Compliant bool    `json:"compliant"`
	Grade     string  `json:"grade"`
}

// ArchiveParts are the keys of parts 2 to 7.
var ArchiveParts = []string{"meetings", "inspections", "training", "activities", "suggestions", "reports"}

// Archive assembles a deputy's archive for a term ("" for the latest);
// staff see the deputies of their scope, a deputy their own.
func (s *Service) Archive(ctx context.Context, p *auth.Principal, deputyID int64, term string) (*Archive, error) {
	d, err := scopedDeputy(ctx, s.DB.R, p, deputyID, "deputy_id")
	if err != nil {
		if e, ok := errs.As(err); ok && e.Kind == errs.NotFound {
			return nil, errs.NotFoundErr("duty.entity.deputy")
		}
		return nil, err
	}
	a := &Archive{Parts: []*ArchivePart{}, Absences: []Absence{}, Awards: []*Award{}, Reports: []*Report{}}
	pr := &a.Profile
	if err := s.DB.R.QueryRowContext(ctx, `SELECT d.id, d.name, d.gender, d.ethnicity, d.birth_date, d.political, d.education, d.employer, d.sector,
		d.township_code, COALESCE(d.group_id, 0), COALESCE(g.name, '') FROM deputies d LEFT JOIN deputy_groups g ON g.id = d.group_id WHERE d.id = $1`, d.ID).
		Scan(&pr.ID, &pr.Name, &pr.Gender, &pr.Ethnicity, &pr.BirthDate, &pr.Political, &pr.Education, &pr.Employer, &pr.Sector,
			&pr.Township, &pr.GroupID, &pr.Group); err != nil {
		return nil, err
	}
	if pr.Seats, err = seatsOf(ctx, s.DB.R, d.ID); err != nil {
		return nil, err
	}
	a.From, a.To = "0000-01-01", s.Today()
	seen := map[string]bool{}
	for _, st := range pr.Seats {
		if st.Term != "" && !seen[st.Term] {
			seen[st.Term] = true
			a.Terms = append(a.Terms, st.Term)
		}
	}
	if term == "" && len(a.Terms) > 0 {
		term = a.Terms[len(a.Terms)-1]
	}
	if term != "" && !seen[term] {
		return nil, errs.Field("term", "unknown_term", "duty.err.term_unknown", term)
	}
	a.Term = term
	if term != "" {
		a.From, a.To = "9999-12-31", "0000-01-01"
		for _, st := range pr.Seats {
			if st.Term != term {
				continue
			}
			a.From = min(a.From, st.Start)
			end := st.End
			if end == "" || end > s.Today() {
				end = s.Today()
			}
			a.To = max(a.To, end)
		}
	}
	// A term holds more than one page of records: read them all.
	var recs []*Record
	for cursor := ""; ; {
		page, next, err := s.List(ctx, p, Filter{DeputyID: d.ID, From: a.From, To: a.To, Status: StatusConfirmed, Limit: 200, Cursor: cursor})
		if err != nil {
			return nil, err
		}
		recs = append(recs, page...)
		if next == "" {
			break
		}
		cursor = next
	}
	sort.SliceStable(recs, func(i, j int) bool { return recs[i].Date < recs[j].Date })
	for i, key := range ArchiveParts {
		part := &ArchivePart{No: i + 2, Key: key, Records: []*Record{}}
		for _, r := range recs {
			if r.Kind.ArchivePart() == part.No {
				part.Records = append(part.Records, r)
			}
		}
		a.Parts = append(a.Parts, part)
	}
	if a.Absences, err = absencesOf(ctx, s.DB.R, d.ID, a.From, a.To); err != nil {
		return nil, err
	}
	if a.Reports, err = s.deputyReports(ctx, p, d.ID, a.From, a.To); err != nil {
		return nil, err
	}
	if a.Awards, err = deputyAwards(ctx, s.DB.R, d.ID, pr.GroupID); err != nil {
		return nil, err
	}
	a.Points, err = s.termPoints(ctx, d, a.From, a.To)
	return a, err
}

// termPoints assesses each year of the term for the deputy.
func (s *Service) termPoints(ctx context.Context, d *deputyRef, from, to string) ([]YearPoints, error) {
	var out []YearPoints
	first, last := atoiYear(from), atoiYear(to)
	for y := max(first, 2000); y <= last && y <= s.Now().Year(); y++ {
		items, err := s.Assess(ctx, d.Township, y)
		if err != nil {
			return nil, err
		}
		for _, it := range items {
			if it.DeputyID == d.ID {
				out = append(out, YearPoints{Year: y, Points: it.Points, Compliant: it.Compliant, Grade: it.Grade})
			}
		}
	}
	return out, nil
}

func atoiYear(date string) int {
	y := 0
	for i := 0; i < 4 && i < len(date); i++ {
		y = y*10 + int(date[i]-'0')
	}
	return y
}

func seatsOf(ctx context.Context, q store.Querier, deputyID int64) ([]Seat, error) {
	rows, err := q.QueryContext(ctx, `SELECT level, congress_code, term, start_date, end_date, status FROM seats WHERE deputy_id = $1 ORDER BY start_date, id`, deputyID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Seat{}
	for rows.Next() {
		var st Seat
		if err := rows.Scan(&st.Level, &st.Congress, &st.Term, &st.Start, &st.End, &st.Status); err != nil {
			return nil, err
		}
		st.Congress = jurisdiction.National().FullName(st.Congress)
		out = append(out, st)
	}
	return out, rows.Err()
}

func absencesOf(ctx context.Context, q store.Querier, deputyID int64, from, to string) ([]Absence, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, deputy_id, date, meeting, with_leave, source, COALESCE(source_id, 0) FROM duty_absences
		WHERE deputy_id = $1 AND date >= $2 AND date <= $3
		UNION ALL
		SELECT 0, sa.deputy_id, cs.start_date, ct.name || '第' || CAST(cs.number AS TEXT) || '次会议', sa.status = 'leave', 'session', cs.id
		FROM session_attendance sa JOIN congress_sessions cs ON cs.id = sa.session_id JOIN congress_terms ct ON ct.id = cs.term_id
		WHERE sa.deputy_id = $1 AND cs.start_date >= $2 AND cs.start_date <= $3 AND sa.status IN ('absent', 'leave')
		ORDER BY 3`, deputyID, from, to)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Absence{}
	for rows.Next() {
		var a Absence
		if err := rows.Scan(&a.ID, &a.DeputyID, &a.Date, &a.Meeting, &a.WithLeave, &a.Source, &a.SourceID); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

func jurisdictionName(code string) string { return jurisdiction.National().FullName(code) }
