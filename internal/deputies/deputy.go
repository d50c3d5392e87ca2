package deputies

import (
	"context"
	"database/sql"
	"sort"
	"strconv"
	"strings"

	"renda/internal/auth"
	"renda/internal/errs"
	"renda/internal/jurisdiction"
	"renda/internal/store"
)

// Ref names a group, station or electoral district a deputy belongs to.
type Ref struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// Deputy is a person on the roster. Township is the township-level unit the
// deputy is organised in: their township's congress, or the street whose
// delegation a district deputy joins.
type Deputy struct {
	ID           int64  `json:"id"`
	Township     string `json:"township"`
	TownshipName string `json:"township_name"`
	Name         string `json:"name"`
	NamePinyin   string `json:"name_pinyin"`
	Gender       Gender `json:"gender"`
	Ethnicity    string `json:"ethnicity"`
	BirthDate    string `json:"birth_date"`
	Political    string `json:"political"`
	Education    string `json:"education"`
	Employer     string `json:"employer"`
	Sector       string `json:"sector"`
	Skills       string `json:"skills"`
	Phone        string `json:"phone,omitempty"`
	// IDNumber is the full number for readers who may see it (see
	// MaySeeIDNumber), and the mask for everyone else.
	IDNumber  string `json:"id_number,omitempty"`
	Group     *Ref   `json:"group"`
	Station   *Ref   `json:"station"`
	Seats     []Seat `json:"seats"`
	CreatedAt int64  `json:"created_at"`
	UpdatedAt int64  `json:"updated_at"`

	idEnc    string
	idHash   string
	initials string
}

// Seat is a mandate: one level, its congress and term, the electoral
// district, the dates and the status.
type Seat struct {
	ID           int64  `json:"id"`
	Level        Level  `json:"level"`
	Congress     string `json:"congress"`
	CongressName string `json:"congress_name"`
	Term         string `json:"term"`
	District     *Ref   `json:"district"`
	StartDate    string `json:"start_date"`
	EndDate      string `json:"end_date"`
	Status       Status `json:"status"`
	StatusReason string `json:"status_reason"`
	StatusDate   string `json:"status_date"`
}

// Serving reports whether the deputy holds a serving seat.
func (d *Deputy) Serving() bool {
	for _, s := range d.Seats {
		if s.Status == Serving {
			return true
		}
	}
	return false
}

// SeatAt returns the deputy's seat of a level, if any.
func (d *Deputy) SeatAt(l Level) *Seat {
	for i := range d.Seats {
		if d.Seats[i].Level == l {
			return &d.Seats[i]
		}
	}
	return nil
}

const deputyCols = `d.id, d.township_code, d.name, d.name_pinyin, d.name_initials, d.gender, d.ethnicity, d.birth_date,
	d.political, d.education, d.employer, d.sector, d.skills, d.phone, d.id_number_hash, d.id_number_enc,
	d.id_number_masked, d.group_id, g.name, d.station_id, s.name, d.created_at, d.updated_at`

const deputyFrom = ` FROM deputies d LEFT JOIN deputy_groups g ON g.id = d.group_id LEFT JOIN stations s ON s.id = d.station_id`

func scanDeputy(row interface{ Scan(...any) error }) (*Deputy, error) {
	var d Deputy
	var hash, gname, sname sql.NullString
	var gid, sid sql.NullInt64
	err := row.Scan(&d.ID, &d.Township, &d.Name, &d.NamePinyin, &d.initials, &d.Gender, &d.Ethnicity, &d.BirthDate,
		&d.Political, &d.Education, &d.Employer, &d.Sector, &d.Skills, &d.Phone, &hash, &d.idEnc,
		&d.IDNumber, &gid, &gname, &sid, &sname, &d.CreatedAt, &d.UpdatedAt)
	if err != nil {
		return nil, store.NotFound(err)
	}
	d.idHash = hash.String
	if gid.Valid {
		d.Group = &Ref{gid.Int64, gname.String}
	}
	if sid.Valid {
		d.Station = &Ref{sid.Int64, sname.String}
	}
	d.TownshipName = unitName(d.Township)
	d.Seats = []Seat{}
	return &d, nil
}

func unitName(code string) string {
	if u, ok := jurisdiction.National().Get(code); ok {
		return u.Name
	}
	return code
}

// loadSeats fills the seats of deputies with one query.
func loadSeats(ctx context.Context, q store.Querier, ds []*Deputy) error {
	if len(ds) == 0 {
		return nil
	}
	byID := make(map[int64]*Deputy, len(ds))
	ph := make([]string, 0, len(ds))
	args := make([]any, 0, len(ds))
	for _, d := range ds {
		byID[d.ID] = d
		args = append(args, d.ID)
		ph = append(ph, "$"+strconv.Itoa(len(args)))
	}
	rows, err := q.QueryContext(ctx, `SELECT st.deputy_id, st.id, st.level, st.congress_code, st.term, st.district_id, e.name,
		st.start_date, st.end_date, st.status, st.status_reason, st.status_date
		FROM seats st LEFT JOIN electoral_districts e ON e.id = st.district_id
		WHERE st.deputy_id IN (`+strings.Join(ph, ",")+`) ORDER BY st.deputy_id, st.id`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var did int64
		var s Seat
		var eid sql.NullInt64
		var ename sql.NullString
		if err := rows.Scan(&did, &s.ID, &s.Level, &s.Congress, &s.Term, &eid, &ename, &s.StartDate, &s.EndDate,
			&s.Status, &s.StatusReason, &s.StatusDate); err != nil {
			return err
		}
		if eid.Valid {
			s.District = &Ref{eid.Int64, ename.String}
		}
		s.CongressName = congressName(s.Level, s.Congress)
		byID[did].Seats = append(byID[did].Seats, s)
	}
	return rows.Err()
}

// congressName is the congress a seat belongs to, as people say it:
// 富阳区人大, 大源镇人大, 全国人大 (浙江省选出).
func congressName(l Level, code string) string {
	if l == National {
		return "全国人大（" + unitName(code) + "选出）"
	}
	return unitName(code) + "人大"
}

// readable reports whether p may see the deputy: staff within their scope,
// the liaison officer of the deputy's station, the deputy themself.
func readable(p *auth.Principal, d *Deputy) bool {
	switch {
	case p == nil:
		return false
	case p.Role.Staff():
		return p.Covers(d.Township)
	case p.Role == auth.Liaison:
		return p.Covers(d.Township) && d.Station != nil && d.Station.ID == p.StationID
	case p.Role == auth.Deputy:
		return p.DeputyID == d.ID
	}
	return false
}

// writable reports whether p may change deputies of a township: staff
// within their scope.
func writable(p *auth.Principal, township string) bool {
	return p != nil && p.Role.Staff() && p.Covers(township)
}

// MaySeeIDNumber reports whether p may read ID numbers in full: the staff
// who keep the roster (county and township), and a deputy their own.
func MaySeeIDNumber(p *auth.Principal, d *Deputy) bool {
	if p == nil {
		return false
	}
	if p.Role == auth.County || p.Role == auth.Township {
		return p.Covers(d.Township)
	}
	return p.Role == auth.Deputy && d != nil && p.DeputyID == d.ID
}

// MaySeeFullIDNumbers reports whether p's role reads ID numbers in full in
// a roster (exports).
func MaySeeFullIDNumbers(p *auth.Principal) bool {
	return p != nil && (p.Role == auth.County || p.Role == auth.Township)
}

// Get returns a deputy with seats, if p may see them; anything else is not
// found. The ID number is the mask.
func Get(ctx context.Context, q store.Querier, p *auth.Principal, id int64) (*Deputy, error) {
	d, err := scanDeputy(q.QueryRowContext(ctx, `SELECT `+deputyCols+deputyFrom+` WHERE d.id = $1`, id))
	if err == store.ErrNotFound || (err == nil && !readable(p, d)) {
		return nil, errs.NotFoundErr("deputy.entity")
	}
	if err != nil {
		return nil, err
	}
	if err := loadSeats(ctx, q, []*Deputy{d}); err != nil {
		return nil, err
	}
	return d, nil
}

// Reveal replaces the mask with the full ID number when p may see it.
func (d *Deputy) Reveal(k *Keyring, p *auth.Principal) error {
	if d.idEnc == "" || !MaySeeIDNumber(p, d) {
		return nil
	}
	full, err := k.Open(d.idEnc)
	if err != nil {
		return err
	}
	d.IDNumber = full
	return nil
}

// townshipUnit is the name of a township-level unit, if code is one.
func townshipUnit(code string) (string, bool) {
	u, ok := jurisdiction.National().Get(code)
	if !ok || !u.Kind.TownshipLevel() {
		return "", false
	}
	return u.Name, true
}

// sortedRoster orders a township's deputies as the roster shows them.
func sortedRoster(m map[int64]*Deputy) []*Deputy {
	out := make([]*Deputy, 0, len(m))
	for _, d := range m {
		out = append(out, d)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].NamePinyin != out[j].NamePinyin {
			return out[i].NamePinyin < out[j].NamePinyin
		}
		return out[i].ID < out[j].ID
	})
	return out
}
