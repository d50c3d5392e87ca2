package deputies

import (
	"context"
	"database/sql"
	"sort"
	"strings"
	"unicode/utf8"

	"renda/internal/auth"
	"renda/internal/i18n"
	"renda/internal/jurisdiction"
	"renda/internal/store"
)

// RowError is one problem of an uploaded sheet: the row as Excel numbers
// it, the column's header and the reason.
type RowError struct {
	Row     int    `json:"row"`
	Column  string `json:"column"`
	Message string `json:"message"`
}

// ImportResult is what an import did, or in a dry run would do. With any
// error nothing is written.
type ImportResult struct {
	Created int        `json:"created"`
	Updated int        `json:"updated"`
	Errors  []RowError `json:"errors"`
	// Preview lists the persons a clean sheet adds or updates, for the
	// page that asks staff to confirm.
	Preview []PreviewRow `json:"-"`
}

// PreviewRow is one person of a sheet as the import would write them.
type PreviewRow struct {
	Row     int
	Name    string
	Levels  []Level
	Group   string
	Station string
	Update  bool // on the roster already
}

// importSeat is one row's seat.
type importSeat struct {
	row      int
	level    Level
	term     string
	district string
}

// importPerson gathers the rows of one person (one row per seat).
type importPerson struct {
	row      int
	cells    [numColumns]string
	gender   Gender
	birth    string
	phone    string
	idNumber string // "" when not given or given masked
	idHash   string
	seats    []importSeat
	existing *Deputy
}

// personKey identifies a person in a sheet and on the roster: the ID
// number, or without one, name, birth date and phone together.
func (ip *importPerson) key() string {
	if ip.idHash != "" {
		return "id:" + ip.idHash
	}
	return "p:" + ip.cells[colName] + "|" + ip.birth + "|" + ip.phone
}

func tripleKey(name, birth, phone string) string { return "p:" + name + "|" + birth + "|" + phone }

// importer checks a sheet row by row, collecting every problem.
type importer struct {
	lang     i18n.Lang
	township string
	keys     *Keyring
	errors   []RowError
	persons  []*importPerson
	byKey    map[string]*importPerson
	seatRow  map[string]int // person key + level → first row
}

func (im *importer) fail(row, col int, key string, args ...any) {
	im.errors = append(im.errors, RowError{Row: row, Column: Columns[col], Message: i18n.T(im.lang, key, args...)})
}

// checkRow validates one row and files it under its person.
func (im *importer) checkRow(r sheetRow) {
	c := r.cells
	before := len(im.errors)
	ip := &importPerson{row: r.num, cells: c}
	for _, col := range requiredColumns {
		if c[col] == "" {
			im.fail(r.num, col, "deputy.import.required", Columns[col])
		}
	}
	if c[colGender] != "" {
		g, ok := ParseGender(c[colGender])
		if !ok {
			im.fail(r.num, colGender, "deputy.err.gender")
		}
		ip.gender = g
	}
	var level Level
	if c[colLevel] != "" {
		l, ok := ParseLevelLabel(c[colLevel])
		if !ok {
			im.fail(r.num, colLevel, "deputy.err.level", c[colLevel])
		} else if l == Township && !hasCongress(im.township) {
			im.fail(r.num, colLevel, "deputy.err.street_seat", unitName(im.township))
		}
		level = l
	}
	if c[colBirthDate] != "" {
		d, ok := ParseDate(c[colBirthDate])
		if !ok {
			im.fail(r.num, colBirthDate, "deputy.err.date", i18n.M("deputy.field.birth_date"))
		}
		ip.birth = d
	}
	if c[colPhone] != "" {
		ip.phone = NormalizePhone(c[colPhone])
		if !ValidPhone(ip.phone) {
			im.fail(r.num, colPhone, "deputy.err.phone")
		}
	}
	if id := NormalizeIDNumber(c[colIDNumber]); id != "" && !strings.Contains(id, "*") {
		switch {
		case strings.ContainsAny(id, "E.+"):
			im.fail(r.num, colIDNumber, "deputy.import.id_as_number")
		case IDNumberProblem(id) != "":
			im.fail(r.num, colIDNumber, "deputy.err.id_"+IDNumberProblem(id))
		default:
			ip.idNumber, ip.idHash = id, im.keys.Hash(id)
			born, _ := IDBirthDate(id)
			if ip.birth == "" {
				ip.birth = born
			} else if ip.birth != born {
				im.fail(r.num, colBirthDate, "deputy.err.birth_mismatch", born)
			}
		}
	}
	for _, col := range []int{colName, colTerm} {
		if utf8.RuneCountInString(c[col]) > 30 {
			im.fail(r.num, col, "deputy.import.too_long", 30)
		}
	}
	for _, col := range []int{colEthnicity, colPolitical, colDistrict, colGroup, colStation, colEmployer, colSector, colSkills} {
		if utf8.RuneCountInString(c[col]) > 200 {
			im.fail(r.num, col, "deputy.import.too_long", 200)
		}
	}
	if len(im.errors) > before {
		return
	}
	k := ip.key()
	if prev := im.seatRow[k+"|"+string(level)]; prev != 0 {
		im.fail(r.num, colLevel, "deputy.import.duplicate", prev)
		return
	}
	im.seatRow[k+"|"+string(level)] = r.num
	seat := importSeat{row: r.num, level: level, term: c[colTerm], district: c[colDistrict]}
	if p, ok := im.byKey[k]; ok {
		p.seats = append(p.seats, seat)
		return
	}
	ip.seats = []importSeat{seat}
	im.byKey[k] = ip
	im.persons = append(im.persons, ip)
}

func hasCongress(township string) bool {
	u, ok := jurisdiction.National().Get(township)
	return !ok || u.Kind.HasCongress()
}

// match finds each person on the township's roster, and refuses an ID
// number that already belongs to a deputy of another township.
func (im *importer) match(ctx context.Context, q store.Querier, roster map[int64]*Deputy) error {
	byHash := map[string]*Deputy{}
	byTriple := map[string]*Deputy{}
	for _, d := range roster {
		if d.idHash != "" {
			byHash[d.idHash] = d
		}
		byTriple[tripleKey(d.Name, d.BirthDate, d.Phone)] = d
	}
	var foreign []*importPerson
	for _, ip := range im.persons {
		if ip.idHash != "" {
			if d, ok := byHash[ip.idHash]; ok {
				ip.existing = d
				continue
			}
			foreign = append(foreign, ip)
		}
		if d, ok := byTriple[tripleKey(ip.cells[colName], ip.birth, ip.phone)]; ok && (d.idHash == "" || ip.idHash == "") {
			ip.existing = d
		}
	}
	for start := 0; start < len(foreign); start += 500 {
		part := foreign[start:min(start+500, len(foreign))]
		args := make([]any, len(part))
		for i, ip := range part {
			args[i] = ip.idHash
		}
		rows, err := q.QueryContext(ctx, `SELECT id_number_hash FROM deputies WHERE id_number_hash IN (`+placeholders(len(args), 1)+`)`, args...)
		if err != nil {
			return err
		}
		taken := map[string]bool{}
		for rows.Next() {
			var h string
			if err := rows.Scan(&h); err != nil {
				rows.Close()
				return err
			}
			taken[h] = true
		}
		rows.Close()
		for _, ip := range part {
			if taken[ip.idHash] {
				im.fail(ip.row, colIDNumber, "deputy.import.id_elsewhere")
			}
		}
	}
	return nil
}

// townshipRoster loads every deputy of a township with seats, for matching.
func townshipRoster(ctx context.Context, q store.Querier, township string) (map[int64]*Deputy, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+deputyCols+deputyFrom+` WHERE d.township_code = $1`, township)
	if err != nil {
		return nil, err
	}
	out := map[int64]*Deputy{}
	for rows.Next() {
		d, err := scanDeputy(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		out[d.ID] = d
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = q.QueryContext(ctx, `SELECT st.deputy_id, st.id, st.level, st.congress_code, st.term, st.district_id, e.name,
		st.start_date, st.end_date, st.status, st.status_reason, st.status_date
		FROM seats st JOIN deputies d ON d.id = st.deputy_id LEFT JOIN electoral_districts e ON e.id = st.district_id
		WHERE d.township_code = $1 ORDER BY st.id`, township)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var did int64
		var s Seat
		var eid sql.NullInt64
		var ename sql.NullString
		if err := rows.Scan(&did, &s.ID, &s.Level, &s.Congress, &s.Term, &eid, &ename, &s.StartDate, &s.EndDate,
			&s.Status, &s.StatusReason, &s.StatusDate); err != nil {
			return nil, err
		}
		if eid.Valid {
			s.District = &Ref{eid.Int64, ename.String}
		}
		s.CongressName = congressName(s.Level, s.Congress)
		if d := out[did]; d != nil {
			d.Seats = append(d.Seats, s)
		}
	}
	return out, rows.Err()
}

// Import checks a roster sheet for a township and, unless dryRun or any
// row is bad, writes it in one transaction: new deputies are added, those
// already on the roster updated (a blank cell keeps what is there), and
// groups, stations and electoral districts named in the sheet are created
// when missing. Messages are in lang.
func Import(ctx context.Context, db *store.DB, p *auth.Principal, township string, content []byte, dryRun bool, lang i18n.Lang) (*ImportResult, error) {
	if err := checkTownship(p, township); err != nil {
		return nil, err
	}
	k, err := Keys(ctx, db)
	if err != nil {
		return nil, err
	}
	rows, err := readSheet(content)
	if err != nil {
		return nil, err
	}
	im := &importer{lang: lang, township: township, keys: k, byKey: map[string]*importPerson{}, seatRow: map[string]int{}}
	for _, r := range rows {
		im.checkRow(r)
	}
	res := &ImportResult{Errors: []RowError{}}
	run := func(q store.Querier, tx *sql.Tx) error {
		roster, err := townshipRoster(ctx, q, township)
		if err != nil {
			return err
		}
		if err := im.match(ctx, q, roster); err != nil {
			return err
		}
		sortErrors(im.errors)
		res.Errors = append(res.Errors, im.errors...)
		for _, ip := range im.persons {
			if ip.existing != nil {
				res.Updated++
			} else {
				res.Created++
			}
			pr := PreviewRow{Row: ip.row, Name: ip.cells[colName], Group: ip.cells[colGroup], Station: ip.cells[colStation], Update: ip.existing != nil}
			for _, s := range ip.seats {
				pr.Levels = append(pr.Levels, s.level)
			}
			res.Preview = append(res.Preview, pr)
		}
		if len(res.Errors) > 0 || tx == nil {
			return nil
		}
		w := &importWriter{ctx: ctx, tx: tx, p: p, township: township, keys: k}
		return w.write(im.persons)
	}
	if dryRun {
		err = run(db.R, nil)
	} else {
		err = db.Tx(ctx, func(tx *sql.Tx) error { return run(tx, tx) })
	}
	if err != nil {
		return nil, err
	}
	if len(res.Errors) > 0 {
		res.Created, res.Updated, res.Preview = 0, 0, nil
	}
	return res, nil
}

func sortErrors(es []RowError) {
	// Rows in sheet order, columns in template order within a row.
	colIndex := map[string]int{}
	for i, c := range Columns {
		colIndex[c] = i
	}
	sort.SliceStable(es, func(i, j int) bool {
		if es[i].Row != es[j].Row {
			return es[i].Row < es[j].Row
		}
		return colIndex[es[i].Column] < colIndex[es[j].Column]
	})
}
