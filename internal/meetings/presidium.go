package meetings

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"renda/internal/audit"
	"renda/internal/auth"
	"renda/internal/errs"
	"renda/internal/store"
)

// Presidium meeting kinds.
const (
	Regular = "regular" // the quarterly meeting
	Extra   = "extra"   // called for a major matter
)

// PresidiumMeeting is a meeting of a township congress's presidium.
type PresidiumMeeting struct {
	ID        int64  `json:"id"`
	Township  string `json:"township"`
	Date      string `json:"date"`
	Kind      string `json:"kind"`
	Title     string `json:"title"`
	Agenda    string `json:"agenda"`
	Heard     string `json:"heard"`
	Decisions string `json:"decisions"`
	Minutes   string `json:"minutes"`
}

// Quarter is the quarter (1–4) of the meeting's date.
func (m *PresidiumMeeting) Quarter() int {
	var mo int
	fmt.Sscanf(m.Date[5:7], "%d", &mo) //nolint:errcheck // dates are validated on the way in
	return (mo-1)/3 + 1
}

// CreatePresidiumMeeting records a presidium meeting of a township the
// caller keeps (a 镇 or 乡: a street has no presidium).
func CreatePresidiumMeeting(ctx context.Context, db *store.DB, p *auth.Principal, in PresidiumMeeting) (*PresidiumMeeting, error) {
	var err error
	if in.Township, err = checkCongress(p, "township", in.Township); err != nil {
		return nil, err
	}
	if len(in.Township) != 9 {
		return nil, errs.Field("township", "not_township", "meet.err.presidium_township")
	}
	if _, err := checkDate("date", in.Date); err != nil {
		return nil, err
	}
	if in.Kind == "" {
		in.Kind = Regular
	}
	if in.Kind != Regular && in.Kind != Extra {
		return nil, errs.Field("kind", "invalid_kind", "meet.err.presidium_kind")
	}
	if in.Title, err = checkText("title", in.Title, true, 200); err != nil {
		return nil, err
	}
	for _, f := range []struct {
		name string
		v    *string
	}{{"agenda", &in.Agenda}, {"heard", &in.Heard}, {"decisions", &in.Decisions}, {"minutes", &in.Minutes}} {
		if *f.v, err = checkText(f.name, *f.v, false, 20000); err != nil {
			return nil, err
		}
	}
	err = db.Tx(ctx, func(tx *sql.Tx) error {
		now := time.Now().Unix()
		if err := tx.QueryRowContext(ctx, `INSERT INTO presidium_meetings (township_code, date, kind, title, agenda, heard, decisions,
			minutes, created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id`,
			in.Township, in.Date, in.Kind, in.Title, in.Agenda, in.Heard, in.Decisions, in.Minutes, store.NullID(p.UserID), now).Scan(&in.ID); err != nil {
			return err
		}
		return audit.Record(ctx, tx, p.Actor(ctx), "create", "presidium_meeting", in.ID, in.Township, in.Title, nil, in)
	})
	if err != nil {
		return nil, err
	}
	return &in, nil
}

const presidiumCols = `id, township_code, date, kind, title, agenda, heard, decisions, minutes`

func scanPresidium(row interface{ Scan(...any) error }) (*PresidiumMeeting, error) {
	var m PresidiumMeeting
	err := row.Scan(&m.ID, &m.Township, &m.Date, &m.Kind, &m.Title, &m.Agenda, &m.Heard, &m.Decisions, &m.Minutes)
	return &m, err
}

// GetPresidiumMeeting returns a meeting in the caller's scope.
func GetPresidiumMeeting(ctx context.Context, db *store.DB, p *auth.Principal, id int64) (*PresidiumMeeting, error) {
	lo, hi := store.PrefixRange(p.Scope)
	m, err := scanPresidium(db.R.QueryRowContext(ctx, `SELECT `+presidiumCols+` FROM presidium_meetings
		WHERE id = $1 AND township_code >= $2 AND township_code < $3`, id, lo, hi))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errs.NotFoundErr("meet.presidium")
	}
	return m, err
}

// ListPresidiumMeetings returns the meetings of a year in the caller's scope
// (or under a township in it), by date.
func ListPresidiumMeetings(ctx context.Context, db *store.DB, p *auth.Principal, under string, year int) ([]*PresidiumMeeting, error) {
	if under == "" || !p.Covers(under) {
		under = p.Scope
	}
	lo, hi := store.PrefixRange(under)
	rows, err := db.R.QueryContext(ctx, `SELECT `+presidiumCols+` FROM presidium_meetings
		WHERE township_code >= $1 AND township_code < $2 AND date >= $3 AND date <= $4 ORDER BY township_code, date, id LIMIT 2000`,
		lo, hi, fmt.Sprintf("%d-01-01", year), fmt.Sprintf("%d-12-31", year))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []*PresidiumMeeting{}
	for rows.Next() {
		m, err := scanPresidium(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}
