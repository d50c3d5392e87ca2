// Package liaison keeps the contact between deputies and constituents
// (DESIGN.md §5, the four visits): each station's reception timetable and
// its public notice, receptions held and the matters raised at them,
// appointments, visits and return visits. Matters raised become opinions in
// the cases domain; deputies present get their duty records.
package liaison

import (
	"context"
	"database/sql"
	"time"

	"renda/internal/auth"
	"renda/internal/cases"
	"renda/internal/errs"
	"renda/internal/store"
)

// NoticeDays is how long ahead a reception must be announced.
const NoticeDays = 7

// Service runs the liaison domain.
type Service struct {
	DB    *store.DB
	Cases *cases.Service
	Now   func() time.Time
}

// New makes the service; opinions raised go through cs.
func New(db *store.DB, cs *cases.Service) *Service {
	return &Service{DB: db, Cases: cs, Now: time.Now}
}

func (s *Service) now() time.Time {
	if s.Cases != nil && s.Cases.Now != nil {
		return s.Cases.Now()
	}
	if s.Now == nil {
		return time.Now()
	}
	return s.Now()
}

// Station is a liaison station as this domain needs it.
type Station struct {
	ID       int64  `json:"id"`
	Name     string `json:"name"`
	Township string `json:"township"`
	Address  string `json:"address"`
	Phone    string `json:"phone"`
}

// station loads a station the caller may work on: staff of its
// jurisdiction, or its own liaison officer. Anything else is not found.
func station(ctx context.Context, q store.Querier, p *auth.Principal, id int64) (*Station, error) {
	lo, hi := store.PrefixRange(p.Scope)
	var st Station
	err := q.QueryRowContext(ctx, `SELECT id, name, township_code, address, phone FROM stations
		WHERE id = $1 AND township_code >= $2 AND township_code < $3`, id, lo, hi).
		Scan(&st.ID, &st.Name, &st.Township, &st.Address, &st.Phone)
	if err == sql.ErrNoRows || err == nil && !mayWork(p, st.ID) {
		return nil, errs.NotFoundErr("liaison.entity.station")
	}
	return &st, err
}

// mayWork reports whether p may record liaison work for a station.
func mayWork(p *auth.Principal, stationID int64) bool {
	switch p.Role {
	case auth.Admin, auth.County, auth.Township:
		return true
	case auth.Liaison:
		return p.StationID == stationID
	}
	return false
}

// PublicStation reads a station for the public pages (stations are public).
func (s *Service) PublicStation(ctx context.Context, id int64) (*Station, error) {
	var st Station
	err := s.DB.R.QueryRowContext(ctx, `SELECT id, name, township_code, address, phone FROM stations WHERE id = $1`, id).
		Scan(&st.ID, &st.Name, &st.Township, &st.Address, &st.Phone)
	if err == sql.ErrNoRows {
		return nil, errs.NotFoundErr("liaison.entity.station")
	}
	return &st, err
}

// StationFor returns a station the caller may work on.
func (s *Service) StationFor(ctx context.Context, p *auth.Principal, id int64) (*Station, error) {
	return station(ctx, s.DB.R, p, id)
}

// StationDeputy is a deputy of a station, for the forms.
type StationDeputy struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// StationDeputies lists the deputies of a station's township, the
// station's own first, for the forms.
func (s *Service) StationDeputies(ctx context.Context, p *auth.Principal, id int64) ([]StationDeputy, error) {
	st, err := station(ctx, s.DB.R, p, id)
	if err != nil {
		return nil, err
	}
	rows, err := s.DB.R.QueryContext(ctx, `SELECT id, name FROM deputies WHERE township_code = $1
		ORDER BY CASE WHEN station_id = $2 THEN 0 ELSE 1 END, id LIMIT 300`, st.Township, st.ID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []StationDeputy
	for rows.Next() {
		var d StationDeputy
		if err := rows.Scan(&d.ID, &d.Name); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// Today is the service's current time, for pages that list from today.
func (s *Service) Today() time.Time { return s.now() }
