package deputies

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"time"

	"renda/internal/audit"
	"renda/internal/auth"
	"renda/internal/errs"
	"renda/internal/store"
)

// Station is a liaison station (代表联络站, 代表工作室, 代表之家): where it is,
// when it is open, the villages and electoral districts it serves, and its
// liaison officers.
type Station struct {
	ID           int64     `json:"id"`
	Township     string    `json:"township"`
	TownshipName string    `json:"township_name"`
	Name         string    `json:"name"`
	Address      string    `json:"address"`
	Hours        string    `json:"hours"`
	Phone        string    `json:"phone"`
	Villages     []Village `json:"villages"`
	Districts    []Ref     `json:"districts"`
	Officers     []Officer `json:"officers"`
	Deputies     int       `json:"deputies"`
	CreatedAt    int64     `json:"created_at"`
	UpdatedAt    int64     `json:"updated_at"`
}

// Village is a village or community a station or district serves.
type Village struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// StationInput creates or changes a station; nil is left as it is.
type StationInput struct {
	Township    *string   `json:"township,omitempty"`
	Name        *string   `json:"name,omitempty"`
	Address     *string   `json:"address,omitempty"`
	Hours       *string   `json:"hours,omitempty"`
	Phone       *string   `json:"phone,omitempty"`
	Villages    *[]string `json:"villages,omitempty"`     // village codes, replacing the list
	DistrictIDs *[]int64  `json:"district_ids,omitempty"` // electoral districts, replacing the list
}

const stationCols = `s.id, s.township_code, s.name, s.address, s.hours, s.phone, s.created_at, s.updated_at,
	(SELECT COUNT(*) FROM deputies m WHERE m.station_id = s.id)`

func scanStation(row interface{ Scan(...any) error }) (*Station, error) {
	var s Station
	if err := row.Scan(&s.ID, &s.Township, &s.Name, &s.Address, &s.Hours, &s.Phone, &s.CreatedAt, &s.UpdatedAt, &s.Deputies); err != nil {
		return nil, store.NotFound(err)
	}
	s.TownshipName = unitName(s.Township)
	s.Villages, s.Districts, s.Officers = []Village{}, []Ref{}, []Officer{}
	return &s, nil
}

// stationReadable: staff within scope, the station's own officers, and
// deputies of the township.
func stationReadable(p *auth.Principal, s *Station) bool {
	if p != nil && p.Role == auth.Liaison {
		return p.StationID == s.ID
	}
	return orgReadable(p, s.Township)
}

// ListStations lists the stations p may see within township ("" for the
// whole scope), with their officers.
func ListStations(ctx context.Context, q store.Querier, p *auth.Principal, township string) ([]*Station, error) {
	w, err := orgScope(p, township, "s")
	if err != nil {
		return nil, err
	}
	if p.Role == auth.Liaison {
		w.add("s.id = ?", p.StationID)
	}
	rows, err := q.QueryContext(ctx, `SELECT `+stationCols+` FROM stations s`+w.String()+` ORDER BY s.township_code, s.name LIMIT 2000`, w.args...)
	if err != nil {
		return nil, err
	}
	var out []*Station
	for rows.Next() {
		s, err := scanStation(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, s)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, loadOfficers(ctx, q, out)
}

// GetStation returns a station p may see, with villages, districts and
// officers.
func GetStation(ctx context.Context, q store.Querier, p *auth.Principal, id int64) (*Station, error) {
	s, err := scanStation(q.QueryRowContext(ctx, `SELECT `+stationCols+` FROM stations s WHERE s.id = $1`, id))
	if err == store.ErrNotFound || (err == nil && !stationReadable(p, s)) {
		return nil, errs.NotFoundErr("deputy.entity_station")
	}
	if err != nil {
		return nil, err
	}
	return s, loadStationDetail(ctx, q, s)
}

func loadStationDetail(ctx context.Context, q store.Querier, s *Station) error {
	rows, err := q.QueryContext(ctx, `SELECT v.village_code, j.name FROM station_villages v JOIN jurisdictions j ON j.code = v.village_code
		WHERE v.station_id = $1 ORDER BY v.village_code`, s.ID)
	if err != nil {
		return err
	}
	for rows.Next() {
		var v Village
		if err := rows.Scan(&v.Code, &v.Name); err != nil {
			rows.Close()
			return err
		}
		s.Villages = append(s.Villages, v)
	}
	rows.Close()
	rows, err = q.QueryContext(ctx, `SELECT e.id, e.name FROM station_districts sd JOIN electoral_districts e ON e.id = sd.district_id
		WHERE sd.station_id = $1 ORDER BY e.name`, s.ID)
	if err != nil {
		return err
	}
	for rows.Next() {
		var r Ref
		if err := rows.Scan(&r.ID, &r.Name); err != nil {
			rows.Close()
			return err
		}
		s.Districts = append(s.Districts, r)
	}
	rows.Close()
	return loadOfficers(ctx, q, []*Station{s})
}

// CreateStation adds a station.
func CreateStation(ctx context.Context, db *store.DB, p *auth.Principal, in StationInput) (*Station, error) {
	s := &Station{Villages: []Village{}, Districts: []Ref{}, Officers: []Officer{}}
	if in.Township != nil {
		s.Township = strings.TrimSpace(*in.Township)
	}
	if err := checkTownship(p, s.Township); err != nil {
		return nil, err
	}
	err := db.Tx(ctx, func(tx *sql.Tx) error {
		if err := applyStation(s, &in); err != nil {
			return err
		}
		now := time.Now().Unix()
		err := tx.QueryRowContext(ctx, `INSERT INTO stations (township_code, name, address, hours, phone, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id`, s.Township, s.Name, s.Address, s.Hours, s.Phone, now).Scan(&s.ID)
		if store.IsUniqueViolation(err) {
			return errs.ConflictErr("name", "deputy.err.station_taken", s.Name)
		}
		if err != nil {
			return err
		}
		s.CreatedAt, s.UpdatedAt, s.TownshipName = now, now, unitName(s.Township)
		if err := setStationLinks(ctx, tx, s, &in); err != nil {
			return err
		}
		return audit.Record(ctx, tx, p.Actor(ctx), "create", "station", s.ID, s.Township, s.Name, nil, s)
	})
	if err != nil {
		return nil, err
	}
	return s, nil
}

func applyStation(s *Station, in *StationInput) error {
	set(&s.Name, in.Name)
	set(&s.Address, in.Address)
	set(&s.Hours, in.Hours)
	set(&s.Phone, in.Phone)
	if s.Name == "" {
		return errs.Required("name", "deputy.field.station_name")
	}
	if err := errs.MaxLen("name", "deputy.field.station_name", s.Name, 50); err != nil {
		return err
	}
	if err := errs.MaxLen("address", "deputy.field.address", s.Address, 200); err != nil {
		return err
	}
	if err := errs.MaxLen("hours", "deputy.field.hours", s.Hours, 200); err != nil {
		return err
	}
	return errs.MaxLen("phone", "deputy.field.station_phone", s.Phone, 30)
}

// setStationLinks replaces the villages and districts a station serves;
// each must lie in the station's township.
func setStationLinks(ctx context.Context, tx *sql.Tx, s *Station, in *StationInput) error {
	if in.Villages != nil {
		vs, err := checkVillages(ctx, tx, s.Township, "villages", *in.Villages)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM station_villages WHERE station_id = $1`, s.ID); err != nil {
			return err
		}
		for _, v := range vs {
			if _, err := tx.ExecContext(ctx, `INSERT INTO station_villages (station_id, village_code) VALUES ($1, $2)`, s.ID, v.Code); err != nil {
				return err
			}
		}
		s.Villages = vs
	}
	if in.DistrictIDs != nil {
		if _, err := tx.ExecContext(ctx, `DELETE FROM station_districts WHERE station_id = $1`, s.ID); err != nil {
			return err
		}
		s.Districts = []Ref{}
		seen := map[int64]bool{}
		for _, id := range *in.DistrictIDs {
			if seen[id] {
				continue
			}
			seen[id] = true
			var r Ref
			var t string
			err := tx.QueryRowContext(ctx, `SELECT id, name, township_code FROM electoral_districts WHERE id = $1`, id).Scan(&r.ID, &r.Name, &t)
			if err == sql.ErrNoRows || (err == nil && t != s.Township) {
				return errs.Field("district_ids", "unknown_district", "deputy.err.district")
			}
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO station_districts (station_id, district_id) VALUES ($1, $2)`, s.ID, id); err != nil {
				return err
			}
			s.Districts = append(s.Districts, r)
		}
	}
	return nil
}

// checkVillages checks village codes: each a village or community of the
// township, known to the platform.
func checkVillages(ctx context.Context, q store.Querier, township, field string, codes []string) ([]Village, error) {
	out := []Village{}
	seen := map[string]bool{}
	for _, c := range codes {
		c = strings.TrimSpace(c)
		if c == "" || seen[c] {
			continue
		}
		seen[c] = true
		var v Village
		err := q.QueryRowContext(ctx, `SELECT code, name FROM jurisdictions WHERE code = $1 AND level = 5`, c).Scan(&v.Code, &v.Name)
		if err == sql.ErrNoRows || (err == nil && !strings.HasPrefix(c, township)) {
			return nil, errs.Field(field, "unknown_village", "deputy.err.village", c)
		}
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// UpdateStation changes a station's details, villages or districts.
func UpdateStation(ctx context.Context, db *store.DB, p *auth.Principal, id int64, in StationInput) (*Station, error) {
	var out *Station
	err := db.Tx(ctx, func(tx *sql.Tx) error {
		s, err := stationForWrite(ctx, tx, p, id)
		if err != nil {
			return err
		}
		if in.Township != nil && strings.TrimSpace(*in.Township) != s.Township {
			return errs.Field("township", "fixed", "deputy.err.township_fixed")
		}
		before := *s
		if err := applyStation(s, &in); err != nil {
			return err
		}
		s.UpdatedAt = time.Now().Unix()
		_, err = tx.ExecContext(ctx, `UPDATE stations SET name = $1, address = $2, hours = $3, phone = $4, updated_at = $5 WHERE id = $6`,
			s.Name, s.Address, s.Hours, s.Phone, s.UpdatedAt, s.ID)
		if store.IsUniqueViolation(err) {
			return errs.ConflictErr("name", "deputy.err.station_taken", s.Name)
		}
		if err != nil {
			return err
		}
		if err := setStationLinks(ctx, tx, s, &in); err != nil {
			return err
		}
		out = s
		return audit.Record(ctx, tx, p.Actor(ctx), "update", "station", s.ID, s.Township, s.Name, before, s)
	})
	return out, err
}

// stationForWrite loads a station in a transaction, if p may change it.
func stationForWrite(ctx context.Context, tx *sql.Tx, p *auth.Principal, id int64) (*Station, error) {
	s, err := scanStation(tx.QueryRowContext(ctx, `SELECT `+stationCols+` FROM stations s WHERE s.id = $1`, id))
	if err == store.ErrNotFound || (err == nil && !p.Covers(s.Township)) {
		return nil, errs.NotFoundErr("deputy.entity_station")
	}
	if err != nil {
		return nil, err
	}
	if !writable(p, s.Township) {
		return nil, errs.ForbiddenErr()
	}
	return s, loadStationDetail(ctx, tx, s)
}

func placeholders(n, from int) string {
	ph := make([]string, n)
	for i := range ph {
		ph[i] = "$" + strconv.Itoa(from+i)
	}
	return strings.Join(ph, ",")
}

// TownshipVillages lists the villages and communities of a township, for
// the forms that pick those a station or district serves.
func TownshipVillages(ctx context.Context, q store.Querier, township string) ([]Village, error) {
	rows, err := q.QueryContext(ctx, `SELECT code, name FROM jurisdictions WHERE parent_code = $1 ORDER BY code`, township)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Village{}
	for rows.Next() {
		var v Village
		if err := rows.Scan(&v.Code, &v.Name); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
