package deputies

import (
	"context"
	"database/sql"
	"time"

	"renda/internal/audit"
	"renda/internal/auth"
	"renda/internal/errs"
	"renda/internal/store"
)

// Officer is a liaison officer (联络员) of a station; one of them is staff
// (专职). Phone is for staff; PublicPhone is shown to constituents.
type Officer struct {
	ID          int64  `json:"id"`
	StationID   int64  `json:"station_id"`
	Name        string `json:"name"`
	Phone       string `json:"phone"`
	PublicPhone string `json:"public_phone"`
	IsStaff     bool   `json:"is_staff"`
	UserID      int64  `json:"user_id,omitempty"`
	Username    string `json:"username,omitempty"`
}

// OfficerInput adds or changes an officer; nil is left as it is.
type OfficerInput struct {
	Name        *string `json:"name,omitempty"`
	Phone       *string `json:"phone,omitempty"`
	PublicPhone *string `json:"public_phone,omitempty"`
	IsStaff     *bool   `json:"is_staff,omitempty"`
}

func loadOfficers(ctx context.Context, q store.Querier, ss []*Station) error {
	if len(ss) == 0 {
		return nil
	}
	byID := map[int64]*Station{}
	args := make([]any, 0, len(ss))
	for _, s := range ss {
		byID[s.ID] = s
		args = append(args, s.ID)
	}
	rows, err := q.QueryContext(ctx, `SELECT o.id, o.station_id, o.name, o.phone, o.public_phone, o.is_staff, o.user_id, u.username
		FROM station_officers o LEFT JOIN users u ON u.id = o.user_id
		WHERE o.station_id IN (`+placeholders(len(args), 1)+`) ORDER BY o.station_id, o.is_staff DESC, o.id`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var o Officer
		var uid sql.NullInt64
		var uname sql.NullString
		if err := rows.Scan(&o.ID, &o.StationID, &o.Name, &o.Phone, &o.PublicPhone, &o.IsStaff, &uid, &uname); err != nil {
			return err
		}
		o.UserID, o.Username = uid.Int64, uname.String
		byID[o.StationID].Officers = append(byID[o.StationID].Officers, o)
	}
	return rows.Err()
}

func applyOfficer(o *Officer, in *OfficerInput) error {
	set(&o.Name, in.Name)
	if in.Phone != nil {
		o.Phone = NormalizePhone(*in.Phone)
	}
	set(&o.PublicPhone, in.PublicPhone)
	if in.IsStaff != nil {
		o.IsStaff = *in.IsStaff
	}
	if o.Name == "" {
		return errs.Required("name", "deputy.field.officer_name")
	}
	if err := errs.MaxLen("name", "deputy.field.officer_name", o.Name, 30); err != nil {
		return err
	}
	if o.Phone == "" {
		return errs.Required("phone", "deputy.field.phone")
	}
	if !ValidPhone(o.Phone) {
		return errs.Field("phone", "invalid_phone", "deputy.err.phone")
	}
	return errs.MaxLen("public_phone", "deputy.field.public_phone", o.PublicPhone, 30)
}

// saveOfficer writes an officer; a staff officer makes the others
// part-time, since a station has one staff officer.
func saveOfficer(ctx context.Context, tx *sql.Tx, o *Officer) error {
	if o.IsStaff {
		if _, err := tx.ExecContext(ctx, `UPDATE station_officers SET is_staff = FALSE WHERE station_id = $1 AND id <> $2`, o.StationID, o.ID); err != nil {
			return err
		}
	}
	if o.ID == 0 {
		return tx.QueryRowContext(ctx, `INSERT INTO station_officers (station_id, name, phone, public_phone, is_staff, created_at)
			VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, o.StationID, o.Name, o.Phone, o.PublicPhone, o.IsStaff, time.Now().Unix()).Scan(&o.ID)
	}
	_, err := tx.ExecContext(ctx, `UPDATE station_officers SET name = $1, phone = $2, public_phone = $3, is_staff = $4 WHERE id = $5`,
		o.Name, o.Phone, o.PublicPhone, o.IsStaff, o.ID)
	return err
}

// AddOfficer adds a liaison officer to a station.
func AddOfficer(ctx context.Context, db *store.DB, p *auth.Principal, stationID int64, in OfficerInput) (*Officer, error) {
	var out *Officer
	err := db.Tx(ctx, func(tx *sql.Tx) error {
		s, err := stationForWrite(ctx, tx, p, stationID)
		if err != nil {
			return err
		}
		o := &Officer{StationID: s.ID, IsStaff: len(s.Officers) == 0}
		if err := applyOfficer(o, &in); err != nil {
			return err
		}
		if err := saveOfficer(ctx, tx, o); err != nil {
			return err
		}
		out = o
		return audit.Record(ctx, tx, p.Actor(ctx), "add_officer", "station", s.ID, s.Township, s.Name+" "+o.Name, nil, o)
	})
	return out, err
}

// officerForWrite finds an officer of a station p may change.
func officerForWrite(ctx context.Context, tx *sql.Tx, p *auth.Principal, stationID, officerID int64) (*Station, *Officer, error) {
	s, err := stationForWrite(ctx, tx, p, stationID)
	if err != nil {
		return nil, nil, err
	}
	for i := range s.Officers {
		if s.Officers[i].ID == officerID {
			return s, &s.Officers[i], nil
		}
	}
	return nil, nil, errs.NotFoundErr("deputy.entity_officer")
}

// UpdateOfficer changes an officer.
func UpdateOfficer(ctx context.Context, db *store.DB, p *auth.Principal, stationID, officerID int64, in OfficerInput) (*Officer, error) {
	var out *Officer
	err := db.Tx(ctx, func(tx *sql.Tx) error {
		s, o, err := officerForWrite(ctx, tx, p, stationID, officerID)
		if err != nil {
			return err
		}
		before := *o
		if err := applyOfficer(o, &in); err != nil {
			return err
		}
		if err := saveOfficer(ctx, tx, o); err != nil {
			return err
		}
		out = o
		return audit.Record(ctx, tx, p.Actor(ctx), "update_officer", "station", s.ID, s.Township, s.Name+" "+o.Name, before, o)
	})
	return out, err
}

// RemoveOfficer takes an officer off a station and disables their account.
func RemoveOfficer(ctx context.Context, db *store.DB, p *auth.Principal, stationID, officerID int64) error {
	return db.Tx(ctx, func(tx *sql.Tx) error {
		s, o, err := officerForWrite(ctx, tx, p, stationID, officerID)
		if err != nil {
			return err
		}
		if o.UserID != 0 {
			if _, err := tx.ExecContext(ctx, `UPDATE users SET disabled = TRUE, updated_at = $1 WHERE id = $2`, time.Now().Unix(), o.UserID); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1`, o.UserID); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM station_officers WHERE id = $1`, o.ID); err != nil {
			return err
		}
		return audit.Record(ctx, tx, p.Actor(ctx), "remove_officer", "station", s.ID, s.Township, s.Name+" "+o.Name, o, nil)
	})
}
