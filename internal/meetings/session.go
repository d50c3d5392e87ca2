package meetings

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"renda/internal/audit"
	"renda/internal/auth"
	"renda/internal/errs"
	"renda/internal/store"
)

// Session is one congress session.
type Session struct {
	ID       int64    `json:"id"`
	Congress string   `json:"congress"`
	TermID   int64    `json:"term_id"`
	Term     string   `json:"term"`
	Number   int      `json:"number"`
	Title    string   `json:"title"`
	Start    string   `json:"start"`
	End      string   `json:"end"`
	Place    string   `json:"place"`
	Agenda   []string `json:"agenda"`
	Present  int      `json:"present"`
	Leave    int      `json:"leave"`
	Absent   int      `json:"absent"`
	// PublishedAt is when staff made the session page public; 0 before.
	PublishedAt int64 `json:"published_at,omitempty"`

	Documents   []Document   `json:"documents,omitempty"`
	Attendance  []Attendance `json:"attendance,omitempty"`
	Speeches    []Speech     `json:"speeches,omitempty"`
	Resolutions []Resolution `json:"resolutions,omitempty"`
}

// Days is how long the session lasts, counting both ends.
func (s *Session) Days() int {
	a, _ := time.Parse("2006-01-02", s.Start)
	b, _ := time.Parse("2006-01-02", s.End)
	return int(b.Sub(a).Hours()/24) + 1
}

// NewSession is what creating a session takes.
type NewSession struct {
	Congress string   `json:"congress"`
	TermID   int64    `json:"term_id"`
	Number   int      `json:"number"`
	Start    string   `json:"start"`
	End      string   `json:"end"`
	Place    string   `json:"place"`
	Agenda   []string `json:"agenda"`
}

var cnDigits = []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"}

// cnNumber writes 1–99 the way session names do: 三, 十二, 二十.
func cnNumber(n int) string {
	switch {
	case n < 10:
		return cnDigits[n]
	case n < 20:
		return "十" + strings.TrimPrefix(cnDigits[n%10], "零")
	case n < 100:
		s := cnDigits[n/10] + "十"
		if n%10 != 0 {
			s += cnDigits[n%10]
		}
		return s
	}
	return fmt.Sprint(n)
}

// SessionTitle is a session's name: 第十八届人民代表大会第三次会议.
func SessionTitle(term string, number int) string {
	return term + "人民代表大会第" + cnNumber(number) + "次会议"
}

// CreateSession records a session of a congress the caller keeps. Its
// dates must lie within its term.
func CreateSession(ctx context.Context, db *store.DB, p *auth.Principal, in NewSession) (*Session, error) {
	var err error
	if in.Congress, err = checkCongress(p, "congress", in.Congress); err != nil {
		return nil, err
	}
	if in.TermID == 0 {
		return nil, errs.Required("term_id", "meet.field.term")
	}
	if in.Number < 1 || in.Number > 99 {
		return nil, errs.Field("number", "out_of_range", "meet.err.number")
	}
	start, err := checkDate("start", in.Start)
	if err != nil {
		return nil, err
	}
	end := start
	if in.End == "" {
		in.End = in.Start
	} else if end, err = checkDate("end", in.End); err != nil {
		return nil, err
	}
	if end.Before(start) {
		return nil, errs.Field("end", "before_start", "meet.err.end_before_start")
	}
	if in.Place, err = checkText("place", in.Place, false, 100); err != nil {
		return nil, err
	}
	var agenda []string
	for i, a := range in.Agenda {
		a, err := checkText(fmt.Sprintf("agenda[%d]", i), a, false, 500)
		if err != nil {
			return nil, err
		}
		if a != "" {
			agenda = append(agenda, a)
		}
	}
	var id int64
	err = db.Tx(ctx, func(tx *sql.Tx) error {
		t, err := termByID(ctx, tx, in.TermID)
		if err != nil {
			return err
		}
		if t == nil || t.Congress != in.Congress {
			return errs.Field("term_id", "unknown_term", "meet.err.term_unknown")
		}
		if in.Start < t.Start || in.End > t.End {
			return errs.Field("start", "outside_term", "meet.err.outside_term", t.Name, t.Start, t.End)
		}
		now := time.Now().Unix()
		err = tx.QueryRowContext(ctx, `INSERT INTO congress_sessions (congress_code, term_id, number, start_date, end_date, place,
			created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id`,
			in.Congress, in.TermID, in.Number, in.Start, in.End, in.Place, store.NullID(p.UserID), now).Scan(&id)
		if store.IsUniqueViolation(err) {
			return errs.ConflictErr("number", "meet.err.session_exists", SessionTitle(t.Name, in.Number))
		}
		if err != nil {
			return err
		}
		for i, a := range agenda {
			if _, err := tx.ExecContext(ctx, `INSERT INTO session_agenda (session_id, position, item) VALUES ($1, $2, $3)`, id, i+1, a); err != nil {
				return err
			}
		}
		return audit.Record(ctx, tx, p.Actor(ctx), "create", "congress_session", id, in.Congress, SessionTitle(t.Name, in.Number), nil, in)
	})
	if err != nil {
		return nil, err
	}
	return GetSession(ctx, db, p, id)
}

const sessionCols = `s.id, s.congress_code, s.term_id, t.name, s.number, s.start_date, s.end_date, s.place,
	(SELECT COUNT(*) FROM session_attendance a WHERE a.session_id = s.id AND a.status = 'present'),
	(SELECT COUNT(*) FROM session_attendance a WHERE a.session_id = s.id AND a.status = 'leave'),
	(SELECT COUNT(*) FROM session_attendance a WHERE a.session_id = s.id AND a.status = 'absent'), s.published_at`

func scanSession(row interface{ Scan(...any) error }) (*Session, error) {
	var s Session
	var published sql.NullInt64
	if err := row.Scan(&s.ID, &s.Congress, &s.TermID, &s.Term, &s.Number, &s.Start, &s.End, &s.Place, &s.Present, &s.Leave, &s.Absent,
		&published); err != nil {
		return nil, err
	}
	s.PublishedAt = published.Int64
	s.Title = SessionTitle(s.Term, s.Number)
	s.Agenda = []string{}
	return &s, nil
}

// loadSession reads a session in the caller's scope.
func loadSession(ctx context.Context, q store.Querier, p *auth.Principal, id int64) (*Session, error) {
	lo, hi := store.PrefixRange(p.Scope)
	s, err := scanSession(q.QueryRowContext(ctx, `SELECT `+sessionCols+` FROM congress_sessions s
		JOIN congress_terms t ON t.id = s.term_id WHERE s.id = $1 AND s.congress_code >= $2 AND s.congress_code < $3`, id, lo, hi))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errs.NotFoundErr("meet.session")
	}
	return s, err
}

// writable loads a session for a change by staff in scope.
func writable(ctx context.Context, q store.Querier, p *auth.Principal, id int64) (*Session, error) {
	s, err := loadSession(ctx, q, p, id)
	if err != nil {
		return nil, err
	}
	if !mayRun(p, s.Congress) {
		return nil, errs.NotFoundErr("meet.session")
	}
	return s, nil
}

// GetSession returns a session in the caller's scope with everything
// recorded at it.
func GetSession(ctx context.Context, db *store.DB, p *auth.Principal, id int64) (*Session, error) {
	s, err := loadSession(ctx, db.R, p, id)
	if err != nil {
		return nil, err
	}
	if err := fillPublic(ctx, db.R, s); err != nil {
		return nil, err
	}
	if s.Attendance, err = attendance(ctx, db.R, s); err != nil {
		return nil, err
	}
	if s.Speeches, err = speeches(ctx, db.R, id); err != nil {
		return nil, err
	}
	return s, nil
}

// fillPublic reads what a session's public page shows: the agenda, the
// reports with their files, and the resolutions.
func fillPublic(ctx context.Context, q store.Querier, s *Session) error {
	rows, err := q.QueryContext(ctx, `SELECT item FROM session_agenda WHERE session_id = $1 ORDER BY position`, s.ID)
	if err != nil {
		return err
	}
	for rows.Next() {
		var a string
		if err := rows.Scan(&a); err != nil {
			rows.Close()
			return err
		}
		s.Agenda = append(s.Agenda, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if s.Documents, err = documents(ctx, q, s.ID); err != nil {
		return err
	}
	s.Resolutions, err = resolutions(ctx, q, s.ID)
	return err
}

// SessionFilter narrows a list of sessions.
type SessionFilter struct {
	Congress string // a code prefix within the caller's scope
	Year     int
	Before   int64
	Limit    int
}

// ListSessions returns the sessions in the caller's scope, latest first,
// so that staff (and the suggestions filed at a session) can choose one.
func ListSessions(ctx context.Context, db *store.DB, p *auth.Principal, f SessionFilter) ([]*Session, int64, error) {
	prefix := p.Scope
	if f.Congress != "" && p.Covers(f.Congress) {
		prefix = f.Congress
	}
	lo, hi := store.PrefixRange(prefix)
	limit := f.Limit
	if limit <= 0 || limit > 200 {
		limit = 50
	}
	before := f.Before
	if before <= 0 {
		before = 1<<63 - 1
	}
	q := `SELECT ` + sessionCols + ` FROM congress_sessions s JOIN congress_terms t ON t.id = s.term_id
		WHERE s.congress_code >= $1 AND s.congress_code < $2 AND s.id < $3`
	args := []any{lo, hi, before}
	if f.Year > 0 {
		q += ` AND s.start_date >= $4 AND s.start_date <= $5`
		args = append(args, fmt.Sprintf("%d-01-01", f.Year), fmt.Sprintf("%d-12-31", f.Year))
	}
	args = append(args, limit+1)
	q += fmt.Sprintf(` ORDER BY s.id DESC LIMIT $%d`, len(args))
	rows, err := db.R.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []*Session
	for rows.Next() {
		s, err := scanSession(rows)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, s)
	}
	var next int64
	if len(out) > limit {
		out = out[:limit]
		next = out[limit-1].ID
	}
	return out, next, rows.Err()
}

// SessionCongress returns the congress of a session in the caller's scope,
// for other parts (a vote, a suggestion) that name a session.
func SessionCongress(ctx context.Context, q store.Querier, p *auth.Principal, id int64) (string, error) {
	s, err := loadSession(ctx, q, p, id)
	if err != nil {
		return "", err
	}
	return s.Congress, nil
}
