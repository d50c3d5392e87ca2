package deputies

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"renda/internal/audit"
	"renda/internal/auth"
	"renda/internal/errs"
	"renda/internal/store"
)

// District is an electoral district (选区) of a congress, lying in one
// township-level unit and made of its villages.
type District struct {
	ID           int64     `json:"id"`
	Township     string    `json:"township"`
	TownshipName string    `json:"township_name"`
	Level        Level     `json:"level"`
	Congress     string    `json:"congress"`
	CongressName string    `json:"congress_name"`
	Name         string    `json:"name"`
	Seats        int       `json:"seats"`
	Villages     []Village `json:"villages"`
	CreatedAt    int64     `json:"created_at"`
	UpdatedAt    int64     `json:"updated_at"`
}

// DistrictInput creates or changes a district; nil is left as it is.
type DistrictInput struct {
	Township *string   `json:"township,omitempty"`
	Level    *string   `json:"level,omitempty"` // the congress: township (default where there is one) or county
	Name     *string   `json:"name,omitempty"`
	Seats    *int      `json:"seats,omitempty"` // deputies it elects
	Villages *[]string `json:"villages,omitempty"`
}

const districtCols = `e.id, e.township_code, e.congress_code, e.name, e.seats, e.created_at, e.updated_at`

func scanDistrict(row interface{ Scan(...any) error }) (*District, error) {
	var d District
	if err := row.Scan(&d.ID, &d.Township, &d.Congress, &d.Name, &d.Seats, &d.CreatedAt, &d.UpdatedAt); err != nil {
		return nil, store.NotFound(err)
	}
	d.Level = levelOfCongress(d.Congress)
	d.CongressName = congressName(d.Level, d.Congress)
	d.TownshipName = unitName(d.Township)
	d.Villages = []Village{}
	return &d, nil
}

func levelOfCongress(code string) Level {
	switch len(code) {
	case 2:
		return Province
	case 4:
		return City
	case 6:
		return County
	}
	return Township
}

// ListDistricts lists the electoral districts p may see within township.
func ListDistricts(ctx context.Context, q store.Querier, p *auth.Principal, township string) ([]*District, error) {
	w, err := orgScope(p, township, "e")
	if err != nil {
		return nil, err
	}
	rows, err := q.QueryContext(ctx, `SELECT `+districtCols+` FROM electoral_districts e`+w.String()+
		` ORDER BY e.township_code, LENGTH(e.congress_code) DESC, e.name LIMIT 2000`, w.args...)
	if err != nil {
		return nil, err
	}
	var out []*District
	for rows.Next() {
		d, err := scanDistrict(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, d)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, d := range out {
		if err := loadDistrictVillages(ctx, q, d); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func loadDistrictVillages(ctx context.Context, q store.Querier, d *District) error {
	rows, err := q.QueryContext(ctx, `SELECT v.village_code, j.name FROM electoral_district_villages v
		JOIN jurisdictions j ON j.code = v.village_code WHERE v.district_id = $1 ORDER BY v.village_code`, d.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var v Village
		if err := rows.Scan(&v.Code, &v.Name); err != nil {
			return err
		}
		d.Villages = append(d.Villages, v)
	}
	return rows.Err()
}

// GetDistrict returns a district p may see.
func GetDistrict(ctx context.Context, q store.Querier, p *auth.Principal, id int64) (*District, error) {
	d, err := scanDistrict(q.QueryRowContext(ctx, `SELECT `+districtCols+` FROM electoral_districts e WHERE e.id = $1`, id))
	if err == store.ErrNotFound || (err == nil && !orgReadable(p, d.Township)) {
		return nil, errs.NotFoundErr("deputy.entity_district")
	}
	if err != nil {
		return nil, err
	}
	return d, loadDistrictVillages(ctx, q, d)
}

// CreateDistrict adds an electoral district.
func CreateDistrict(ctx context.Context, db *store.DB, p *auth.Principal, in DistrictInput) (*District, error) {
	d := &District{Villages: []Village{}}
	if in.Township != nil {
		d.Township = strings.TrimSpace(*in.Township)
	}
	if err := checkTownship(p, d.Township); err != nil {
		return nil, err
	}
	d.Level = Township
	if err := levelAllowed(d.Township, Township); err != nil {
		d.Level = County
	}
	if in.Level != nil && strings.TrimSpace(*in.Level) != "" {
		l, ok := ParseLevelLabel(*in.Level)
		if !ok || (l != Township && l != County) {
			return nil, errs.Field("level", "invalid_level", "deputy.err.district_level")
		}
		if err := levelAllowed(d.Township, l); err != nil {
			return nil, err
		}
		d.Level = l
	}
	d.Congress = d.Level.CongressOf(d.Township)
	d.CongressName = congressName(d.Level, d.Congress)
	err := db.Tx(ctx, func(tx *sql.Tx) error {
		if err := applyDistrict(d, &in); err != nil {
			return err
		}
		now := time.Now().Unix()
		err := tx.QueryRowContext(ctx, `INSERT INTO electoral_districts (township_code, congress_code, name, seats, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $5) RETURNING id`, d.Township, d.Congress, d.Name, d.Seats, now).Scan(&d.ID)
		if store.IsUniqueViolation(err) {
			return errs.ConflictErr("name", "deputy.err.district_taken", d.Name)
		}
		if err != nil {
			return err
		}
		d.CreatedAt, d.UpdatedAt, d.TownshipName = now, now, unitName(d.Township)
		if err := setDistrictVillages(ctx, tx, d, in.Villages); err != nil {
			return err
		}
		return audit.Record(ctx, tx, p.Actor(ctx), "create", "electoral_district", d.ID, d.Township, d.Name, nil, d)
	})
	if err != nil {
		return nil, err
	}
	return d, nil
}

func applyDistrict(d *District, in *DistrictInput) error {
	set(&d.Name, in.Name)
	if in.Seats != nil {
		d.Seats = *in.Seats
	}
	if d.Name == "" {
		return errs.Required("name", "deputy.field.district_name")
	}
	if d.Seats < 0 || d.Seats > 100 {
		return errs.Field("seats", "out_of_range", "deputy.err.district_seats")
	}
	return errs.MaxLen("name", "deputy.field.district_name", d.Name, 50)
}

func setDistrictVillages(ctx context.Context, tx *sql.Tx, d *District, codes *[]string) error {
	if codes == nil {
		return nil
	}
	vs, err := checkVillages(ctx, tx, d.Township, "villages", *codes)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM electoral_district_villages WHERE district_id = $1`, d.ID); err != nil {
		return err
	}
	for _, v := range vs {
		if _, err := tx.ExecContext(ctx, `INSERT INTO electoral_district_villages (district_id, village_code) VALUES ($1, $2)`, d.ID, v.Code); err != nil {
			return err
		}
	}
	d.Villages = vs
	return nil
}

// UpdateDistrict renames a district or changes its seats or villages.
func UpdateDistrict(ctx context.Context, db *store.DB, p *auth.Principal, id int64, in DistrictInput) (*District, error) {
	var out *District
	err := db.Tx(ctx, func(tx *sql.Tx) error {
		d, err := scanDistrict(tx.QueryRowContext(ctx, `SELECT `+districtCols+` FROM electoral_districts e WHERE e.id = $1`, id))
		if err == store.ErrNotFound || (err == nil && !p.Covers(d.Township)) {
			return errs.NotFoundErr("deputy.entity_district")
		}
		if err != nil {
			return err
		}
		if !writable(p, d.Township) {
			return errs.ForbiddenErr()
		}
		if (in.Township != nil && strings.TrimSpace(*in.Township) != d.Township) || (in.Level != nil && strings.TrimSpace(*in.Level) != string(d.Level)) {
			return errs.Field("township", "fixed", "deputy.err.township_fixed")
		}
		if err := loadDistrictVillages(ctx, tx, d); err != nil {
			return err
		}
		before := *d
		if err := applyDistrict(d, &in); err != nil {
			return err
		}
		d.UpdatedAt = time.Now().Unix()
		_, err = tx.ExecContext(ctx, `UPDATE electoral_districts SET name = $1, seats = $2, updated_at = $3 WHERE id = $4`, d.Name, d.Seats, d.UpdatedAt, d.ID)
		if store.IsUniqueViolation(err) {
			return errs.ConflictErr("name", "deputy.err.district_taken", d.Name)
		}
		if err != nil {
			return err
		}
		if err := setDistrictVillages(ctx, tx, d, in.Villages); err != nil {
			return err
		}
		out = d
		return audit.Record(ctx, tx, p.Actor(ctx), "update", "electoral_district", d.ID, d.Township, d.Name, before, d)
	})
	return out, err
}
