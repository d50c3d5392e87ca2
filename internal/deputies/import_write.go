package deputies

import (
	"context"
	"database/sql"
	"time"

	"renda/internal/audit"
	"renda/internal/auth"
)

// importWriter writes checked persons in the import's transaction, with
// prepared statements, since a county's roster runs to thousands of rows.
type importWriter struct {
	ctx      context.Context
	tx       *sql.Tx
	p        *auth.Principal
	township string
	keys     *Keyring
	now      int64

	groups, stations map[string]int64
	districts        map[string]int64 // congress + "|" + name
	insDeputy        *sql.Stmt
	updDeputy        *sql.Stmt
	insSeat          *sql.Stmt
	updSeat          *sql.Stmt
}

func (w *importWriter) prepare() error {
	var err error
	prep := func(q string) *sql.Stmt {
		if err != nil {
			return nil
		}
		var st *sql.Stmt
		st, err = w.tx.PrepareContext(w.ctx, q)
		return st
	}
	w.insDeputy = prep(`INSERT INTO deputies (township_code, name, name_pinyin, name_initials, gender, ethnicity,
		birth_date, political, education, employer, sector, skills, phone, id_number_hash, id_number_enc, id_number_masked,
		group_id, station_id, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $19) RETURNING id`)
	w.updDeputy = prep(`UPDATE deputies SET name = $1, name_pinyin = $2, name_initials = $3, gender = $4, ethnicity = $5,
		birth_date = $6, political = $7, employer = $8, sector = $9, skills = $10, phone = $11, id_number_hash = $12,
		id_number_enc = $13, id_number_masked = $14, group_id = $15, station_id = $16, updated_at = $17 WHERE id = $18`)
	w.insSeat = prep(`INSERT INTO seats (deputy_id, level, congress_code, term, district_id, start_date, end_date,
		status, status_reason, status_date, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, '', '', 'serving', '', '', $6, $6) RETURNING id`)
	w.updSeat = prep(`UPDATE seats SET term = $1, district_id = $2, updated_at = $3 WHERE id = $4`)
	return err
}

func (w *importWriter) close() {
	for _, st := range []*sql.Stmt{w.insDeputy, w.updDeputy, w.insSeat, w.updSeat} {
		if st != nil {
			st.Close()
		}
	}
}

// loadNames reads the township's groups and stations, and the districts of
// the congresses its deputies sit in, by name.
func (w *importWriter) loadNames() error {
	w.groups, w.stations, w.districts = map[string]int64{}, map[string]int64{}, map[string]int64{}
	for _, t := range []struct {
		query string
		into  map[string]int64
	}{
		{`SELECT id, name FROM deputy_groups WHERE township_code = $1`, w.groups},
		{`SELECT id, name FROM stations WHERE township_code = $1`, w.stations},
	} {
		rows, err := w.tx.QueryContext(w.ctx, t.query, w.township)
		if err != nil {
			return err
		}
		for rows.Next() {
			var id int64
			var name string
			if err := rows.Scan(&id, &name); err != nil {
				rows.Close()
				return err
			}
			t.into[name] = id
		}
		rows.Close()
	}
	var congresses []any
	for _, l := range Levels {
		congresses = append(congresses, l.CongressOf(w.township))
	}
	rows, err := w.tx.QueryContext(w.ctx, `SELECT id, congress_code, name FROM electoral_districts WHERE congress_code IN (`+placeholders(len(congresses), 1)+`)`, congresses...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var congress, name string
		if err := rows.Scan(&id, &congress, &name); err != nil {
			return err
		}
		w.districts[congress+"|"+name] = id
	}
	return rows.Err()
}

// groupID finds or creates the group named in the sheet (a delegation in a
// street, whose deputies are district deputies).
func (w *importWriter) groupID(name string) (int64, error) {
	if name == "" {
		return 0, nil
	}
	if id, ok := w.groups[name]; ok {
		return id, nil
	}
	kind := Group
	if !hasCongress(w.township) {
		kind = Delegation
	}
	var id int64
	if err := w.tx.QueryRowContext(w.ctx, `INSERT INTO deputy_groups (township_code, name, kind, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $4) RETURNING id`, w.township, name, string(kind), w.now).Scan(&id); err != nil {
		return 0, err
	}
	w.groups[name] = id
	g := DeputyGroup{ID: id, Township: w.township, TownshipName: unitName(w.township), Name: name, Kind: kind, CreatedAt: w.now, UpdatedAt: w.now}
	return id, audit.Record(w.ctx, w.tx, actor(w.ctx, w.p), "import", "deputy_group", id, w.township, name, nil, g)
}

func (w *importWriter) stationID(name string) (int64, error) {
	if name == "" {
		return 0, nil
	}
	if id, ok := w.stations[name]; ok {
		return id, nil
	}
	var id int64
	if err := w.tx.QueryRowContext(w.ctx, `INSERT INTO stations (township_code, name, created_at, updated_at)
		VALUES ($1, $2, $3, $3) RETURNING id`, w.township, name, w.now).Scan(&id); err != nil {
		return 0, err
	}
	w.stations[name] = id
	return id, audit.Record(w.ctx, w.tx, actor(w.ctx, w.p), "import", "station", id, w.township, name, nil,
		map[string]any{"id": id, "township": w.township, "name": name})
}

func (w *importWriter) districtID(congress, name string) (any, error) {
	if name == "" {
		return nil, nil
	}
	if id, ok := w.districts[congress+"|"+name]; ok {
		return id, nil
	}
	var id int64
	if err := w.tx.QueryRowContext(w.ctx, `INSERT INTO electoral_districts (township_code, congress_code, name, seats, created_at, updated_at)
		VALUES ($1, $2, $3, 0, $4, $4) RETURNING id`, w.township, congress, name, w.now).Scan(&id); err != nil {
		return nil, err
	}
	w.districts[congress+"|"+name] = id
	return id, audit.Record(w.ctx, w.tx, actor(w.ctx, w.p), "import", "electoral_district", id, w.township, name, nil,
		map[string]any{"id": id, "township": w.township, "congress": congress, "name": name})
}

// keep returns the sheet's value, or the old one where the cell is blank:
// a re-import never wipes what the sheet does not mention.
func keep(cell, old string) string {
	if cell == "" {
		return old
	}
	return cell
}

func (w *importWriter) write(persons []*importPerson) error {
	w.now = time.Now().Unix()
	if err := w.prepare(); err != nil {
		return err
	}
	defer w.close()
	if err := w.loadNames(); err != nil {
		return err
	}
	for _, ip := range persons {
		if err := w.writePerson(ip); err != nil {
			return err
		}
	}
	return nil
}

func (w *importWriter) writePerson(ip *importPerson) error {
	c := ip.cells
	d := &Deputy{Township: w.township, Seats: []Seat{}}
	var before *Deputy
	if ip.existing != nil {
		b := *ip.existing
		before = &b
		d = ip.existing
	}
	d.Name = c[colName]
	d.Gender = ip.gender
	d.Ethnicity = keep(c[colEthnicity], d.Ethnicity)
	d.BirthDate = keep(ip.birth, d.BirthDate)
	d.Political = keep(c[colPolitical], d.Political)
	d.Employer = keep(c[colEmployer], d.Employer)
	d.Sector = keep(c[colSector], d.Sector)
	d.Skills = keep(c[colSkills], d.Skills)
	d.Phone = ip.phone
	if ip.idNumber != "" && ip.idHash != d.idHash {
		d.idHash, d.idEnc, d.IDNumber = ip.idHash, w.keys.Seal(ip.idNumber), MaskIDNumber(ip.idNumber)
	}
	d.NamePinyin, d.initials = NamePinyin(d.Name)
	gid, err := w.groupID(c[colGroup])
	if err != nil {
		return err
	}
	if gid == 0 {
		gid = refID(d.Group)
	}
	sid, err := w.stationID(c[colStation])
	if err != nil {
		return err
	}
	if sid == 0 {
		sid = refID(d.Station)
	}
	d.Group, d.Station = refOf(gid, c[colGroup], d.Group), refOf(sid, c[colStation], d.Station)
	if before == nil {
		d.CreatedAt = w.now
		err = w.insDeputy.QueryRowContext(w.ctx, d.Township, d.Name, d.NamePinyin, d.initials, string(d.Gender), d.Ethnicity,
			d.BirthDate, d.Political, d.Education, d.Employer, d.Sector, d.Skills, d.Phone, nullStr(d.idHash), d.idEnc, d.IDNumber,
			nullID(gid), nullID(sid), w.now).Scan(&d.ID)
	} else {
		_, err = w.updDeputy.ExecContext(w.ctx, d.Name, d.NamePinyin, d.initials, string(d.Gender), d.Ethnicity, d.BirthDate,
			d.Political, d.Employer, d.Sector, d.Skills, d.Phone, nullStr(d.idHash), d.idEnc, d.IDNumber, nullID(gid), nullID(sid), w.now, d.ID)
	}
	if err != nil {
		return err
	}
	d.UpdatedAt = w.now
	d.TownshipName = unitName(d.Township)
	if before != nil {
		before.Seats = append([]Seat(nil), before.Seats...)
	}
	for _, is := range ip.seats {
		congress := is.level.CongressOf(w.township)
		district, err := w.districtID(congress, is.district)
		if err != nil {
			return err
		}
		if s := d.SeatAt(is.level); s != nil {
			s.Term = keep(is.term, s.Term)
			if district != nil {
				s.District = &Ref{district.(int64), is.district}
			}
			if _, err := w.updSeat.ExecContext(w.ctx, s.Term, districtID(s), w.now, s.ID); err != nil {
				return err
			}
			continue
		}
		s := Seat{Level: is.level, Congress: congress, CongressName: congressName(is.level, congress), Term: is.term, Status: Serving}
		if district != nil {
			s.District = &Ref{district.(int64), is.district}
		}
		if err := w.insSeat.QueryRowContext(w.ctx, d.ID, string(s.Level), s.Congress, s.Term, districtID(&s), w.now).Scan(&s.ID); err != nil {
			return err
		}
		d.Seats = append(d.Seats, s)
	}
	action := "import"
	if before == nil {
		return audit.Record(w.ctx, w.tx, actor(w.ctx, w.p), action, "deputy", d.ID, d.Township, d.Name, nil, d)
	}
	return audit.Record(w.ctx, w.tx, actor(w.ctx, w.p), action, "deputy", d.ID, d.Township, d.Name, before, d)
}

func refOf(id int64, name string, old *Ref) *Ref {
	switch {
	case id == 0:
		return nil
	case name != "":
		return &Ref{id, name}
	}
	return old
}
