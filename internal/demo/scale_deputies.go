package demo

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"renda/internal/deputies"
	"renda/internal/jurisdiction"
	"renda/internal/store"
)

func init() { addGenerator(100, "deputies", generateDeputies) }

// Per township of the scale: four deputy groups (one delegation in a
// street), two stations with two officers each, and an even share of the
// deputies, each with a seat — the township's congress, or in a street the
// district's — and every ninth also a district seat.
const (
	scaleGroups   = 4
	scaleStations = 2
	scaleBatch    = 1000
)

type scaleOrg struct {
	groups, stations []int64
}

func generateDeputies(ctx context.Context, db *store.DB, sc Scale, p *Progress) (string, error) {
	towns := sc.Townships()
	if len(towns) == 0 {
		return "", fmt.Errorf("no townships under %s", sc.Root)
	}
	keys, err := deputies.Keys(ctx, db)
	if err != nil {
		return "", err
	}
	p.Total(sc.Deputies)
	orgs, err := scaleOrganisation(ctx, db, towns)
	if err != nil {
		return "", err
	}
	per := sc.Deputies / len(towns)
	extra := sc.Deputies % len(towns)
	made := 0
	now := time.Now().Unix()
	for ti, t := range towns {
		n := per
		if ti < extra {
			n++
		}
		org := orgs[t.Code]
		for start := 0; start < n; start += scaleBatch {
			size := min(scaleBatch, n-start)
			if err := insertScaleDeputies(ctx, db, keys, t, org, made, size, now); err != nil {
				return "", err
			}
			made += size
			p.Add(size)
		}
	}
	return fmt.Sprintf("%d deputies in %d townships", made, len(towns)), nil
}

// scaleOrganisation inserts every township's groups, stations and officers
// in multi-row batches and returns their ids by township.
func scaleOrganisation(ctx context.Context, db *store.DB, towns []*jurisdiction.Unit) (map[string]*scaleOrg, error) {
	now := time.Now().Unix()
	var groups, stations [][]any
	for _, t := range towns {
		if t.Kind.HasCongress() {
			for g := 1; g <= scaleGroups; g++ {
				groups = append(groups, []any{t.Code, fmt.Sprintf("第%d代表小组", g), "group", now, now})
			}
		} else {
			groups = append(groups, []any{t.Code, t.Name + "人大代表联组", "delegation", now, now})
		}
		for s := 1; s <= scaleStations; s++ {
			name := t.Name + "人大代表联络站"
			if s > 1 {
				name = fmt.Sprintf("%s第%d代表联络点", t.Name, s)
			}
			stations = append(stations, []any{t.Code, name, t.Name + "人民政府（办事处）", "每月5日、20日 8:30—11:30", now, now})
		}
	}
	err := db.Tx(ctx, func(tx *sql.Tx) error {
		if err := insertRows(ctx, tx, `INSERT INTO deputy_groups (township_code, name, kind, created_at, updated_at) VALUES `, groups); err != nil {
			return err
		}
		if err := insertRows(ctx, tx, `INSERT INTO stations (township_code, name, address, hours, created_at, updated_at) VALUES `, stations); err != nil {
			return err
		}
		// Two officers a station, the first of them staff.
		_, err := tx.ExecContext(ctx, `INSERT INTO station_officers (station_id, name, phone, public_phone, is_staff, created_at)
			SELECT id, '联络员' || CAST(id AS TEXT), '139' || SUBSTR('00000000' || CAST(id AS TEXT), -8, 8), '0571-6330' || CAST(id % 10000 AS TEXT), TRUE, $1
			FROM stations WHERE NOT EXISTS (SELECT 1 FROM station_officers o WHERE o.station_id = stations.id)`, now)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO station_officers (station_id, name, phone, public_phone, is_staff, created_at)
			SELECT id, '兼职联络员' || CAST(id AS TEXT), '137' || SUBSTR('00000000' || CAST(id AS TEXT), -8, 8), '', FALSE, $1
			FROM stations WHERE (SELECT COUNT(*) FROM station_officers o WHERE o.station_id = stations.id) = 1`, now)
		return err
	})
	if err != nil {
		return nil, err
	}
	out := map[string]*scaleOrg{}
	for _, t := range towns {
		out[t.Code] = &scaleOrg{}
	}
	lo, hi := store.PrefixRange(commonRoot(towns))
	for _, q := range []struct {
		sql string
		add func(o *scaleOrg, id int64)
	}{
		{`SELECT township_code, id FROM deputy_groups WHERE township_code >= $1 AND township_code < $2 ORDER BY id`, func(o *scaleOrg, id int64) { o.groups = append(o.groups, id) }},
		{`SELECT township_code, id FROM stations WHERE township_code >= $1 AND township_code < $2 ORDER BY id`, func(o *scaleOrg, id int64) { o.stations = append(o.stations, id) }},
	} {
		rows, err := db.R.QueryContext(ctx, q.sql, lo, hi)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var code string
			var id int64
			if err := rows.Scan(&code, &id); err != nil {
				rows.Close()
				return nil, err
			}
			if o := out[code]; o != nil {
				q.add(o, id)
			}
		}
		rows.Close()
	}
	return out, nil
}

func commonRoot(towns []*jurisdiction.Unit) string {
	root := towns[0].Code
	for _, t := range towns[1:] {
		for !strings.HasPrefix(t.Code, root) {
			root = root[:len(root)-1]
		}
	}
	return root
}

// insertRows writes rows with one multi-row INSERT per batch.
func insertRows(ctx context.Context, tx *sql.Tx, head string, rows [][]any) error {
	if len(rows) == 0 {
		return nil
	}
	cols := len(rows[0])
	// SQLite looks numbered placeholders up in a list: a thousand to a
	// statement keeps preparing cheap.
	per := max(1, 1000/cols)
	for start := 0; start < len(rows); start += per {
		part := rows[start:min(start+per, len(rows))]
		var sb strings.Builder
		sb.WriteString(head)
		args := make([]any, 0, len(part)*cols)
		for i, r := range part {
			if i > 0 {
				sb.WriteByte(',')
			}
			sb.WriteByte('(')
			for j := range r {
				if j > 0 {
					sb.WriteByte(',')
				}
				fmt.Fprintf(&sb, "$%d", len(args)+j+1)
			}
			sb.WriteByte(')')
			args = append(args, r...)
		}
		if _, err := tx.ExecContext(ctx, sb.String(), args...); err != nil {
			return err
		}
	}
	return nil
}

// insertScaleDeputies inserts one batch of a township's deputies and, set
// by set, their seats.
func insertScaleDeputies(ctx context.Context, db *store.DB, keys *deputies.Keyring, t *jurisdiction.Unit, org *scaleOrg, first, size int, now int64) error {
	rows := make([][]any, 0, size)
	for i := first; i < first+size; i++ {
		male := i%3 != 0
		given := femaleGiven
		if male {
			given = maleGiven
		}
		name := string(surnames[i%len(surnames)]) + given[(i/len(surnames))%len(given)]
		full, initials := deputies.NamePinyin(name)
		// Unique ID numbers: the index picks the birth day and sequence.
		born := time.Date(1960, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i/498)
		seq := (i%498)*2 + 1
		if !male {
			seq++
		}
		id := deputies.CompleteIDNumber(fmt.Sprintf("330183%s%03d", born.Format("20060102"), seq))
		var gid, sid any
		if len(org.groups) > 0 {
			gid = org.groups[i%len(org.groups)]
		}
		if len(org.stations) > 0 {
			sid = org.stations[i%len(org.stations)]
		}
		gender := "female"
		if male {
			gender = "male"
		}
		sector := sectors[i%len(sectors)]
		rows = append(rows, []any{t.Code, name, full, initials, gender, "汉族", born.Format("2006-01-02"), politicals[i%len(politicals)],
			educations[i%len(educations)], fmt.Sprintf("%s%s", t.Name, sector), sector, skillSets[i%len(skillSets)],
			fmt.Sprintf("1%d%09d", 3+i%7, i), keys.Hash(id), keys.Seal(id), deputies.MaskIDNumber(id), gid, sid, now, now, full, initials})
	}
	level := "township"
	if !t.Kind.HasCongress() {
		level = "county"
	}
	return db.Tx(ctx, func(tx *sql.Tx) error {
		var last int64
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) FROM deputies`).Scan(&last); err != nil {
			return err
		}
		if err := insertRows(ctx, tx, `INSERT INTO deputies (township_code, name, name_pinyin, name_initials, gender, ethnicity,
			birth_date, political, education, employer, sector, skills, phone, id_number_hash, id_number_enc, id_number_masked,
			group_id, station_id, created_at, updated_at, pinyin_key, initials_key) VALUES `, rows); err != nil {
			return err
		}
		congress := t.Code
		if level == "county" {
			congress = t.Code[:6]
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO seats (deputy_id, level, congress_code, term, start_date, status, created_at, updated_at)
			SELECT id, $1, $2, '第十八届', '2021-12-20', 'serving', $3, $3 FROM deputies WHERE id > $4 AND township_code = $5`,
			level, congress, now, last, t.Code); err != nil {
			return err
		}
		if level == "township" {
			_, err := tx.ExecContext(ctx, `INSERT INTO seats (deputy_id, level, congress_code, term, start_date, status, created_at, updated_at)
				SELECT id, 'county', $1, '第十八届', '2021-12-28', 'serving', $2, $2 FROM deputies WHERE id > $3 AND township_code = $4 AND id % 9 = 4`,
				t.Code[:6], now, last, t.Code)
			return err
		}
		return nil
	})
}
