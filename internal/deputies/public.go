package deputies

import (
	"context"
	"strings"

	"renda/internal/errs"
	"renda/internal/store"
)

// The public directory (代表名录): what anyone may see without signing in —
// serving deputies' names, levels, group, station and sector, and the
// stations' address, hours and officers' public phones. Never a deputy's
// phone, birth date or ID number.

// PublicDeputy is a deputy as the public sees them.
type PublicDeputy struct {
	ID           int64        `json:"id"`
	Name         string       `json:"name"`
	Township     string       `json:"township"`
	TownshipName string       `json:"township_name"`
	Seats        []PublicSeat `json:"seats"`
	Group        *Ref         `json:"group"`
	Station      *Ref         `json:"station"`
	Sector       string       `json:"sector"`
}

// PublicSeat is a serving seat.
type PublicSeat struct {
	Level        Level  `json:"level"`
	CongressName string `json:"congress_name"`
	Term         string `json:"term"`
}

// PublicOfficer is a liaison officer with the phone constituents may call.
type PublicOfficer struct {
	Name    string `json:"name"`
	Phone   string `json:"phone"`
	IsStaff bool   `json:"is_staff"`
}

// PublicStation is a station's public page.
type PublicStation struct {
	ID           int64           `json:"id"`
	Name         string          `json:"name"`
	Township     string          `json:"township"`
	TownshipName string          `json:"township_name"`
	Address      string          `json:"address"`
	Hours        string          `json:"hours"`
	Phone        string          `json:"phone"`
	Villages     []Village       `json:"villages"`
	Officers     []PublicOfficer `json:"officers"`
	Deputies     []PublicDeputy  `json:"deputies"`
}

// PublicTownship is a township's directory: its stations and deputies.
type PublicTownship struct {
	Code     string           `json:"code"`
	Name     string           `json:"name"`
	County   string           `json:"county"`
	Stations []*PublicStation `json:"stations"`
	Deputies []PublicDeputy   `json:"deputies"`
}

func toPublic(d *Deputy) PublicDeputy {
	pd := PublicDeputy{ID: d.ID, Name: d.Name, Township: d.Township, TownshipName: d.TownshipName,
		Group: d.Group, Station: d.Station, Sector: d.Sector, Seats: []PublicSeat{}}
	for _, s := range d.Seats {
		if s.Status == Serving {
			pd.Seats = append(pd.Seats, PublicSeat{Level: s.Level, CongressName: s.CongressName, Term: s.Term})
		}
	}
	return pd
}

// publicDeputies lists serving deputies matching a condition.
func publicDeputies(ctx context.Context, q store.Querier, cond string, args ...any) ([]PublicDeputy, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+deputyCols+deputyFrom+` WHERE `+cond+`
		AND EXISTS (SELECT 1 FROM seats st WHERE st.deputy_id = d.id AND st.status = 'serving')
		ORDER BY d.name_pinyin, d.id LIMIT 2000`, args...)
	if err != nil {
		return nil, err
	}
	var ds []*Deputy
	for rows.Next() {
		d, err := scanDeputy(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		ds = append(ds, d)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if err := loadSeats(ctx, q, ds); err != nil {
		return nil, err
	}
	out := make([]PublicDeputy, 0, len(ds))
	for _, d := range ds {
		out = append(out, toPublic(d))
	}
	return out, nil
}

// PublicDeputyByID is a serving deputy's public page.
func PublicDeputyByID(ctx context.Context, q store.Querier, id int64) (*PublicDeputy, error) {
	ds, err := publicDeputies(ctx, q, "d.id = $1", id)
	if err != nil {
		return nil, err
	}
	if len(ds) == 0 {
		return nil, errs.NotFoundErr("deputy.entity")
	}
	return &ds[0], nil
}

// PublicStationByID is a station's public page with its serving deputies.
func PublicStationByID(ctx context.Context, q store.Querier, id int64) (*PublicStation, error) {
	s, err := scanStation(q.QueryRowContext(ctx, `SELECT `+stationCols+` FROM stations s WHERE s.id = $1`, id))
	if err == store.ErrNotFound {
		return nil, errs.NotFoundErr("deputy.entity_station")
	}
	if err != nil {
		return nil, err
	}
	if err := loadStationDetail(ctx, q, s); err != nil {
		return nil, err
	}
	ps := publicStation(s)
	if ps.Deputies, err = publicDeputies(ctx, q, "d.station_id = $1", id); err != nil {
		return nil, err
	}
	return ps, nil
}

func publicStation(s *Station) *PublicStation {
	ps := &PublicStation{ID: s.ID, Name: s.Name, Township: s.Township, TownshipName: s.TownshipName, Address: s.Address,
		Hours: s.Hours, Phone: s.Phone, Villages: s.Villages, Officers: []PublicOfficer{}, Deputies: []PublicDeputy{}}
	for _, o := range s.Officers {
		ps.Officers = append(ps.Officers, PublicOfficer{Name: o.Name, Phone: o.PublicPhone, IsStaff: o.IsStaff})
	}
	return ps
}

// PublicTownshipByCode is a township's directory.
func PublicTownshipByCode(ctx context.Context, q store.Querier, code string) (*PublicTownship, error) {
	name, ok := townshipUnit(code)
	if !ok {
		return nil, errs.NotFoundErr("entity.jurisdiction")
	}
	pt := &PublicTownship{Code: code, Name: name, County: unitName(code[:6])}
	rows, err := q.QueryContext(ctx, `SELECT `+stationCols+` FROM stations s WHERE s.township_code = $1 ORDER BY s.name`, code)
	if err != nil {
		return nil, err
	}
	var ss []*Station
	for rows.Next() {
		s, err := scanStation(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		ss = append(ss, s)
	}
	rows.Close()
	if err := loadOfficers(ctx, q, ss); err != nil {
		return nil, err
	}
	for _, s := range ss {
		pt.Stations = append(pt.Stations, publicStation(s))
	}
	if pt.Deputies, err = publicDeputies(ctx, q, "d.township_code = $1", code); err != nil {
		return nil, err
	}
	return pt, nil
}

// DirectoryEntry is a township in a county's directory index.
type DirectoryEntry struct {
	Code     string `json:"code"`
	Name     string `json:"name"`
	Deputies int    `json:"deputies"`
	Stations int    `json:"stations"`
}

// PublicDirectory lists the township-level units under a code that have
// deputies on the platform, with their counts.
func PublicDirectory(ctx context.Context, q store.Querier, under string) ([]DirectoryEntry, error) {
	lo, hi := store.PrefixRange(under)
	rows, err := q.QueryContext(ctx, `SELECT t.code, COALESCE(d.n, 0), COALESCE(s.n, 0) FROM jurisdictions t
		LEFT JOIN (SELECT township_code, COUNT(*) AS n FROM deputies WHERE township_code >= $1 AND township_code < $2 GROUP BY township_code) d ON d.township_code = t.code
		LEFT JOIN (SELECT township_code, COUNT(*) AS n FROM stations WHERE township_code >= $1 AND township_code < $2 GROUP BY township_code) s ON s.township_code = t.code
		WHERE t.code >= $1 AND t.code < $2 AND t.level = 4 AND (d.n > 0 OR s.n > 0) ORDER BY t.code LIMIT 2000`, lo, hi)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []DirectoryEntry
	for rows.Next() {
		var e DirectoryEntry
		if err := rows.Scan(&e.Code, &e.Deputies, &e.Stations); err != nil {
			return nil, err
		}
		e.Name = unitName(e.Code)
		out = append(out, e)
	}
	return out, rows.Err()
}

// Counties with deputies on the platform, for the directory's first page.
func PublicCounties(ctx context.Context, q store.Querier) ([]DirectoryEntry, error) {
	rows, err := q.QueryContext(ctx, `SELECT SUBSTR(township_code, 1, 6) AS county, COUNT(*) FROM deputies GROUP BY SUBSTR(township_code, 1, 6) ORDER BY county LIMIT 500`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []DirectoryEntry
	for rows.Next() {
		var e DirectoryEntry
		if err := rows.Scan(&e.Code, &e.Deputies); err != nil {
			return nil, err
		}
		e.Name = strings.TrimSpace(unitName(e.Code[:2]) + unitName(e.Code[:4]) + unitName(e.Code))
		out = append(out, e)
	}
	return out, rows.Err()
}
