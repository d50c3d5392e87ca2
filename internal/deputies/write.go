package deputies

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"renda/internal/audit"
	"renda/internal/auth"
	"renda/internal/errs"
	"renda/internal/i18n"
	"renda/internal/store"
)

// forWrite loads a deputy inside a write transaction, if p may change them.
func forWrite(ctx context.Context, tx store.Querier, p *auth.Principal, id int64) (*Deputy, error) {
	d, err := scanDeputy(tx.QueryRowContext(ctx, `SELECT `+deputyCols+deputyFrom+` WHERE d.id = $1`, id))
	if err == store.ErrNotFound || (err == nil && !p.Covers(d.Township)) {
		return nil, errs.NotFoundErr("deputy.entity")
	}
	if err != nil {
		return nil, err
	}
	if !writable(p, d.Township) {
		return nil, errs.ForbiddenErr()
	}
	return d, loadSeats(ctx, tx, []*Deputy{d})
}

func nullStr(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func refID(r *Ref) int64 {
	if r == nil {
		return 0
	}
	return r.ID
}

// Create adds a deputy with their seats.
func Create(ctx context.Context, db *store.DB, p *auth.Principal, in Input) (*Deputy, error) {
	k, err := Keys(ctx, db)
	if err != nil {
		return nil, err
	}
	d := &Deputy{Seats: []Seat{}}
	if in.Township != nil {
		d.Township = strings.TrimSpace(*in.Township)
	}
	if err := checkTownship(p, d.Township); err != nil {
		return nil, err
	}
	pr, err := applyProfile(d, &in, k)
	if err != nil {
		return nil, err
	}
	if len(in.Seats) == 0 {
		return nil, errs.Required("seats", "deputy.field.seats")
	}
	err = db.Tx(ctx, func(tx *sql.Tx) error {
		var gid, sid int64
		if in.GroupID != nil {
			gid = *in.GroupID
		}
		if in.StationID != nil {
			sid = *in.StationID
		}
		if err := checkMembership(ctx, tx, d.Township, gid, sid); err != nil {
			return err
		}
		for i := range in.Seats {
			var s Seat
			if err := applySeat(ctx, tx, d.Township, &s, &in.Seats[i]); err != nil {
				return err
			}
			if d.SeatAt(s.Level) != nil {
				return errs.Field("level", "seat_twice", "deputy.err.seat_twice", i18n.M("deputy.level."+string(s.Level)))
			}
			d.Seats = append(d.Seats, s)
		}
		now := time.Now().Unix()
		d.NamePinyin, d.initials = NamePinyin(d.Name)
		err := tx.QueryRowContext(ctx, `INSERT INTO deputies (township_code, name, name_pinyin, name_initials, gender, ethnicity,
			birth_date, political, education, employer, sector, skills, phone, id_number_hash, id_number_enc, id_number_masked,
			group_id, station_id, created_at, updated_at, pinyin_key, initials_key)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $19, $3, $4) RETURNING id`,
			d.Township, d.Name, d.NamePinyin, d.initials, string(d.Gender), d.Ethnicity, d.BirthDate, d.Political, d.Education,
			d.Employer, d.Sector, d.Skills, d.Phone, nullStr(pr.idHash), pr.idEnc, pr.idMasked, store.NullID(gid), store.NullID(sid), now).Scan(&d.ID)
		if store.IsUniqueViolation(err) {
			return errs.ConflictErr("id_number", "deputy.err.id_taken")
		}
		if err != nil {
			return err
		}
		for i := range d.Seats {
			if err := insertSeat(ctx, tx, d.ID, &d.Seats[i], now); err != nil {
				return err
			}
		}
		d.CreatedAt, d.UpdatedAt, d.IDNumber = now, now, pr.idMasked
		d.idEnc, d.idHash = pr.idEnc, pr.idHash
		d.TownshipName = unitName(d.Township)
		if err := fillRefs(ctx, tx, d, gid, sid); err != nil {
			return err
		}
		return audit.Record(ctx, tx, p.Actor(ctx), "create", "deputy", d.ID, d.Township, d.Name, nil, d)
	})
	if err != nil {
		return nil, err
	}
	return d, nil
}

// fillRefs names the group and station a deputy belongs to.
func fillRefs(ctx context.Context, q store.Querier, d *Deputy, gid, sid int64) error {
	d.Group, d.Station = nil, nil
	if gid != 0 {
		r := Ref{ID: gid}
		if err := q.QueryRowContext(ctx, `SELECT name FROM deputy_groups WHERE id = $1`, gid).Scan(&r.Name); err != nil {
			return err
		}
		d.Group = &r
	}
	if sid != 0 {
		r := Ref{ID: sid}
		if err := q.QueryRowContext(ctx, `SELECT name FROM stations WHERE id = $1`, sid).Scan(&r.Name); err != nil {
			return err
		}
		d.Station = &r
	}
	return nil
}

// Update changes a deputy's profile, township, group or station. Moving a
// deputy to another township takes them out of a group or station of the
// old one.
func Update(ctx context.Context, db *store.DB, p *auth.Principal, id int64, in Input) (*Deputy, error) {
	k, err := Keys(ctx, db)
	if err != nil {
		return nil, err
	}
	if len(in.Seats) > 0 {
		return nil, errs.Field("seats", "seats_separately", "deputy.err.seats_separately")
	}
	var out *Deputy
	err = db.Tx(ctx, func(tx *sql.Tx) error {
		d, err := forWrite(ctx, tx, p, id)
		if err != nil {
			return err
		}
		before := *d
		gid, sid := refID(d.Group), refID(d.Station)
		if in.Township != nil && strings.TrimSpace(*in.Township) != d.Township {
			t := strings.TrimSpace(*in.Township)
			if err := checkTownship(p, t); err != nil {
				return err
			}
			for _, s := range d.Seats {
				if err := levelAllowed(t, s.Level); err != nil {
					return err
				}
			}
			d.Township, gid, sid = t, 0, 0
		}
		pr, err := applyProfile(d, &in, k)
		if err != nil {
			return err
		}
		if in.GroupID != nil {
			gid = *in.GroupID
		}
		if in.StationID != nil {
			sid = *in.StationID
		}
		if err := checkMembership(ctx, tx, d.Township, gid, sid); err != nil {
			return err
		}
		now := time.Now().Unix()
		d.NamePinyin, d.initials = NamePinyin(d.Name)
		_, err = tx.ExecContext(ctx, `UPDATE deputies SET township_code = $1, name = $2, name_pinyin = $3, name_initials = $4, pinyin_key = $3, initials_key = $4,
			gender = $5, ethnicity = $6, birth_date = $7, political = $8, education = $9, employer = $10, sector = $11,
			skills = $12, phone = $13, id_number_hash = $14, id_number_enc = $15, id_number_masked = $16, group_id = $17,
			station_id = $18, updated_at = $19 WHERE id = $20`,
			d.Township, d.Name, d.NamePinyin, d.initials, string(d.Gender), d.Ethnicity, d.BirthDate, d.Political, d.Education,
			d.Employer, d.Sector, d.Skills, d.Phone, nullStr(pr.idHash), pr.idEnc, pr.idMasked, store.NullID(gid), store.NullID(sid), now, d.ID)
		if store.IsUniqueViolation(err) {
			return errs.ConflictErr("id_number", "deputy.err.id_taken")
		}
		if err != nil {
			return err
		}
		if d.Township != before.Township {
			// Seats follow the township the deputy is organised in.
			for i := range d.Seats {
				s := &d.Seats[i]
				s.Congress = s.Level.CongressOf(d.Township)
				s.CongressName = congressName(s.Level, s.Congress)
				if _, err := tx.ExecContext(ctx, `UPDATE seats SET congress_code = $1, updated_at = $2 WHERE id = $3`, s.Congress, now, s.ID); err != nil {
					return err
				}
			}
		}
		d.UpdatedAt, d.IDNumber, d.idEnc, d.idHash = now, pr.idMasked, pr.idEnc, pr.idHash
		d.TownshipName = unitName(d.Township)
		if err := fillRefs(ctx, tx, d, gid, sid); err != nil {
			return err
		}
		out = d
		scope := d.Township
		if before.Township != d.Township {
			scope = commonPrefix(before.Township, d.Township)
		}
		return audit.Record(ctx, tx, p.Actor(ctx), "update", "deputy", d.ID, scope, d.Name, before, d)
	})
	return out, err
}

func commonPrefix(a, b string) string {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	for _, l := range []int{9, 6, 4, 2, 0} {
		if n >= l {
			return a[:l]
		}
	}
	return ""
}
