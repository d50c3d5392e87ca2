package deputies

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"renda/internal/audit"
	"renda/internal/auth"
	"renda/internal/store"
)

// importWriter writes checked persons in the import's transaction: new
// deputies and seats in multi-row batches, changes with prepared
// statements, since a county's roster runs to thousands of rows.
type importWriter struct {
	ctx      context.Context
	tx       *sql.Tx
	p        *auth.Principal
	township string
	keys     *Keyring
	now      int64

	groups, stations map[string]int64
	districts        map[string]int64 // congress + "|" + name
	updDeputy        *sql.Stmt
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
	w.updDeputy = prep(`UPDATE deputies SET name = $1, name_pinyin = $2, name_initials = $3, pinyin_key = $2, initials_key = $3, gender = $4, ethnicity = $5,
		birth_date = $6, political = $7, employer = $8, sector = $9, skills = $10, phone = $11, id_number_hash = $12,
		id_number_enc = $13, id_number_masked = $14, group_id = $15, station_id = $16, updated_at = $17 WHERE id = $18`)
	w.updSeat = prep(`UPDATE seats SET term = $1, district_id = $2, updated_at = $3 WHERE id = $4`)
	return err
}

func (w *importWriter) close() {
	for _, st := range []*sql.Stmt{w.updDeputy, w.updSeat} {
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
	return id, audit.Record(w.ctx, w.tx, w.p.Actor(w.ctx), "import", "deputy_group", id, w.township, name, nil, g)
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
	return id, audit.Record(w.ctx, w.tx, w.p.Actor(w.ctx), "import", "station", id, w.township, name, nil,
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
	return id, audit.Record(w.ctx, w.tx, w.p.Actor(w.ctx), "import", "electoral_district", id, w.township, name, nil,
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

// pending is a person's new state, written in the batches below.
type pending struct {
	d        *Deputy
	before   *Deputy // nil for a new deputy
	newSeats []*Seat
	changed  bool
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
	var all []*pending
	for _, ip := range persons {
		pd, err := w.apply(ip)
		if err != nil {
			return err
		}
		all = append(all, pd)
	}
	if err := w.insertDeputies(all); err != nil {
		return err
	}
	for _, pd := range all {
		if pd.before == nil || !pd.changed {
			continue
		}
		d := pd.d
		if _, err := w.updDeputy.ExecContext(w.ctx, d.Name, d.NamePinyin, d.initials, string(d.Gender), d.Ethnicity, d.BirthDate,
			d.Political, d.Employer, d.Sector, d.Skills, d.Phone, nullStr(d.idHash), d.idEnc, d.IDNumber, store.NullID(refID(d.Group)),
			store.NullID(refID(d.Station)), w.now, d.ID); err != nil {
			return err
		}
		for i := range d.Seats {
			s := &d.Seats[i]
			if s.ID != 0 && seatChanged(pd.before, s) {
				if _, err := w.updSeat.ExecContext(w.ctx, s.Term, districtID(s), w.now, s.ID); err != nil {
					return err
				}
			}
		}
	}
	if err := w.insertSeats(all); err != nil {
		return err
	}
	// Each created or changed deputy gets its entry in the history; a
	// re-imported row that changes nothing records nothing.
	for _, pd := range all {
		if pd.before == nil {
			if err := audit.Record(w.ctx, w.tx, w.p.Actor(w.ctx), "import", "deputy", pd.d.ID, pd.d.Township, pd.d.Name, nil, pd.d); err != nil {
				return err
			}
		} else if pd.changed {
			if err := audit.Record(w.ctx, w.tx, w.p.Actor(w.ctx), "import", "deputy", pd.d.ID, pd.d.Township, pd.d.Name, pd.before, pd.d); err != nil {
				return err
			}
		}
	}
	return nil
}

func seatChanged(before *Deputy, s *Seat) bool {
	for _, b := range before.Seats {
		if b.ID == s.ID {
			return b.Term != s.Term || refID(b.District) != refID(s.District)
		}
	}
	return true
}

// apply works out a person's new state from their rows.
func (w *importWriter) apply(ip *importPerson) (*pending, error) {
	c := ip.cells
	pd := &pending{d: &Deputy{Township: w.township, Seats: []Seat{}}, changed: true}
	d := pd.d
	if ip.existing != nil {
		b := *ip.existing
		b.Seats = append([]Seat(nil), b.Seats...)
		pd.before, d = &b, ip.existing
		pd.d = d
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
		return nil, err
	}
	if gid == 0 {
		gid = refID(d.Group)
	}
	sid, err := w.stationID(c[colStation])
	if err != nil {
		return nil, err
	}
	if sid == 0 {
		sid = refID(d.Station)
	}
	d.Group, d.Station = refOf(gid, c[colGroup], d.Group), refOf(sid, c[colStation], d.Station)
	d.TownshipName = unitName(d.Township)
	for _, is := range ip.seats {
		congress := is.level.CongressOf(w.township)
		district, err := w.districtID(congress, is.district)
		if err != nil {
			return nil, err
		}
		if s := d.SeatAt(is.level); s != nil {
			s.Term = keep(is.term, s.Term)
			if district != nil {
				s.District = &Ref{district.(int64), is.district}
			}
			continue
		}
		d.Seats = append(d.Seats, Seat{Level: is.level, Congress: congress, CongressName: congressName(is.level, congress), Term: is.term, Status: Serving})
		if district != nil {
			d.Seats[len(d.Seats)-1].District = &Ref{district.(int64), is.district}
		}
	}
	for i := range d.Seats {
		if d.Seats[i].ID == 0 {
			pd.newSeats = append(pd.newSeats, &d.Seats[i])
		}
	}
	if pd.before != nil {
		pd.changed = profileChanged(pd.before, d) || len(pd.newSeats) > 0
		for i := range d.Seats {
			if d.Seats[i].ID != 0 && seatChanged(pd.before, &d.Seats[i]) {
				pd.changed = true
			}
		}
	}
	if pd.changed {
		d.UpdatedAt = w.now
	}
	return pd, nil
}

func profileChanged(a, b *Deputy) bool {
	return a.Name != b.Name || a.Gender != b.Gender || a.Ethnicity != b.Ethnicity || a.BirthDate != b.BirthDate ||
		a.Political != b.Political || a.Employer != b.Employer || a.Sector != b.Sector || a.Skills != b.Skills ||
		a.Phone != b.Phone || a.idHash != b.idHash || refID(a.Group) != refID(b.Group) || refID(a.Station) != refID(b.Station)
}

// insertDeputies adds the new deputies in multi-row batches. Rows come back
// in no promised order, so each is matched to its person by its key.
func (w *importWriter) insertDeputies(all []*pending) error {
	var news []*pending
	for _, pd := range all {
		if pd.before == nil {
			news = append(news, pd)
		}
	}
	const batch = maxParams / 22
	for start := 0; start < len(news); start += batch {
		part := news[start:min(start+batch, len(news))]
		byKey := map[string]*Deputy{}
		rows := make([][]any, 0, len(part))
		for _, pd := range part {
			d := pd.d
			d.CreatedAt, d.UpdatedAt = w.now, w.now
			byKey[insertKey(d.idHash, d.Name, d.BirthDate, d.Phone)] = d
			rows = append(rows, []any{d.Township, d.Name, d.NamePinyin, d.initials, string(d.Gender), d.Ethnicity, d.BirthDate,
				d.Political, d.Education, d.Employer, d.Sector, d.Skills, d.Phone, nullStr(d.idHash), d.idEnc, d.IDNumber,
				store.NullID(refID(d.Group)), store.NullID(refID(d.Station)), w.now, w.now, d.NamePinyin, d.initials})
		}
		q, args := multiRow(`INSERT INTO deputies (township_code, name, name_pinyin, name_initials, gender, ethnicity,
			birth_date, political, education, employer, sector, skills, phone, id_number_hash, id_number_enc, id_number_masked,
			group_id, station_id, created_at, updated_at, pinyin_key, initials_key) VALUES `, rows)
		res, err := w.tx.QueryContext(w.ctx, q+` RETURNING id, id_number_hash, name, birth_date, phone`, args...)
		if err != nil {
			return err
		}
		for res.Next() {
			var id int64
			var hash sql.NullString
			var name, birth, phone string
			if err := res.Scan(&id, &hash, &name, &birth, &phone); err != nil {
				res.Close()
				return err
			}
			if d := byKey[insertKey(hash.String, name, birth, phone)]; d != nil {
				d.ID = id
			}
		}
		res.Close()
		if err := res.Err(); err != nil {
			return err
		}
	}
	for _, pd := range news {
		if pd.d.ID == 0 {
			return fmt.Errorf("import: no id came back for %s", pd.d.Name)
		}
	}
	return nil
}

func insertKey(hash, name, birth, phone string) string {
	if hash != "" {
		return "id:" + hash
	}
	return tripleKey(name, birth, phone)
}

// insertSeats adds every new seat in multi-row batches.
func (w *importWriter) insertSeats(all []*pending) error {
	type seatOf struct {
		deputy int64
		s      *Seat
	}
	var seats []seatOf
	for _, pd := range all {
		for _, s := range pd.newSeats {
			seats = append(seats, seatOf{pd.d.ID, s})
		}
	}
	const batch = maxParams / 8
	for start := 0; start < len(seats); start += batch {
		part := seats[start:min(start+batch, len(seats))]
		byKey := map[string]*Seat{}
		rows := make([][]any, 0, len(part))
		for _, x := range part {
			byKey[strconv.FormatInt(x.deputy, 10)+"|"+string(x.s.Level)] = x.s
			rows = append(rows, []any{x.deputy, string(x.s.Level), x.s.Congress, x.s.Term, districtID(x.s), "serving", w.now, w.now})
		}
		q, args := multiRow(`INSERT INTO seats (deputy_id, level, congress_code, term, district_id, status, created_at, updated_at) VALUES `, rows)
		res, err := w.tx.QueryContext(w.ctx, q+` RETURNING id, deputy_id, level`, args...)
		if err != nil {
			return err
		}
		for res.Next() {
			var id, deputy int64
			var level string
			if err := res.Scan(&id, &deputy, &level); err != nil {
				res.Close()
				return err
			}
			if s := byKey[strconv.FormatInt(deputy, 10)+"|"+level]; s != nil {
				s.ID = id
			}
		}
		res.Close()
		if err := res.Err(); err != nil {
			return err
		}
	}
	return nil
}

// maxParams bounds the placeholders of one statement: SQLite looks each
// numbered placeholder up in a list, so a statement of thousands of them
// costs more to prepare than its round trips save.
const maxParams = 1000

// multiRow builds one INSERT of many rows with numbered placeholders.
func multiRow(head string, rows [][]any) (string, []any) {
	var sb strings.Builder
	sb.WriteString(head)
	args := make([]any, 0, len(rows)*len(rows[0]))
	for i, r := range rows {
		if i > 0 {
			sb.WriteByte(',')
		}
		sb.WriteByte('(')
		for j := range r {
			if j > 0 {
				sb.WriteByte(',')
			}
			sb.WriteByte('$')
			sb.WriteString(strconv.Itoa(len(args) + j + 1))
		}
		sb.WriteByte(')')
		args = append(args, r...)
	}
	return sb.String(), args
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
