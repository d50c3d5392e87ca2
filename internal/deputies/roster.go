package deputies

import (
	"context"
	"encoding/base64"
	"strconv"
	"strings"

	"renda/internal/auth"
	"renda/internal/errs"
	"renda/internal/store"
)

// Filter narrows the roster.
type Filter struct {
	Township  string // a code within the caller's scope (any level); "" is the whole scope
	Level     Level
	Status    Status
	GroupID   int64
	StationID int64
	Sector    string
	Skill     string
	Query     string // the start of a name, its pinyin or initials; or digits of a phone
	Cursor    string
	Limit     int
}

// rosterScope is the condition that keeps a caller to the deputies they
// may see, with its arguments numbered from the next placeholder.
type sqlWhere struct {
	conds []string
	args  []any
}

func (w *sqlWhere) add(cond string, args ...any) {
	for _, a := range args {
		w.args = append(w.args, a)
		cond = strings.Replace(cond, "?", "$"+strconv.Itoa(len(w.args)), 1)
	}
	w.conds = append(w.conds, cond)
}

func (w *sqlWhere) String() string { return " WHERE " + strings.Join(w.conds, " AND ") }

// scopeWhere starts the WHERE of a roster query for p. A code outside the
// caller's scope is "not found", like a code that does not exist.
func scopeWhere(p *auth.Principal, township string) (*sqlWhere, error) {
	w := &sqlWhere{}
	scope := p.Scope
	if township != "" {
		if !p.Covers(township) && !strings.HasPrefix(p.Scope, township) {
			return nil, errs.NotFoundErr("entity.jurisdiction")
		}
		if len(township) > len(scope) {
			scope = township
		}
	}
	lo, hi := store.PrefixRange(scope)
	w.add("d.township_code >= ? AND d.township_code < ?", lo, hi)
	switch {
	case p.Role.Staff():
	case p.Role == auth.Liaison:
		w.add("d.station_id = ?", p.StationID)
	case p.Role == auth.Deputy:
		w.add("d.id = ?", p.DeputyID)
	default:
		return nil, errs.ForbiddenErr()
	}
	return w, nil
}

// List pages through the deputies p may see, in township then pinyin order.
// next is the cursor of the following page, "" at the end.
func List(ctx context.Context, q store.Querier, p *auth.Principal, f Filter) ([]*Deputy, string, error) {
	w, err := scopeWhere(p, f.Township)
	if err != nil {
		return nil, "", err
	}
	if f.Level != "" || f.Status != "" {
		cond := "EXISTS (SELECT 1 FROM seats st WHERE st.deputy_id = d.id"
		var args []any
		if f.Level != "" {
			cond += " AND st.level = ?"
			args = append(args, string(f.Level))
		}
		if f.Status != "" {
			cond += " AND st.status = ?"
			args = append(args, string(f.Status))
		}
		w.add(cond+")", args...)
	}
	if f.GroupID != 0 {
		w.add("d.group_id = ?", f.GroupID)
	}
	if f.StationID != 0 {
		w.add("d.station_id = ?", f.StationID)
	}
	if f.Sector != "" {
		w.add(`d.sector LIKE ? ESCAPE '\'`, store.LikeContains(f.Sector))
	}
	if f.Skill != "" {
		w.add(`d.skills LIKE ? ESCAPE '\'`, store.LikeContains(f.Skill))
	}
	if f.Cursor != "" {
		t, py, id, ok := decodeCursor(f.Cursor)
		if !ok {
			return nil, "", errs.Field("cursor", "invalid_cursor", "err.cursor")
		}
		w.add("(d.township_code, d.name_pinyin, d.id) > (?, ?, ?)", t, py, id)
	}
	limit := f.Limit
	if limit <= 0 || limit > 200 {
		limit = 50
	}
	// Names match from their start, by initials, pinyin or characters. The
	// byte-compared keys make a prefix an index range; each key's matches
	// are read apart (a branch of a UNION, with the other conditions
	// repeated by placeholder number), and only the page's ids are sorted
	// out of them, so neither engine walks a province's roster to find a
	// few names.
	var keys []string
	qs := strings.TrimSpace(f.Query)
	switch {
	case qs == "":
	case isLatinQuery(qs):
		lo, hi := store.PrefixRange(strings.ToLower(qs))
		keys = []string{"d.initials_key >= ? AND d.initials_key < ?", "d.pinyin_key >= ? AND d.pinyin_key < ?"}
		w.args = append(w.args, lo, hi)
	case isDigits(qs):
		w.add(`d.phone LIKE ? ESCAPE '\'`, store.LikeContains(qs))
	default:
		w.add(`d.name LIKE ? ESCAPE '\'`, store.LikePrefix(qs))
		py, _ := NamePinyin(qs)
		lo, hi := store.PrefixRange(py)
		keys = []string{"d.pinyin_key >= ? AND d.pinyin_key < ?"}
		w.args = append(w.args, lo, hi)
	}
	n := strconv.Itoa(len(w.args) - 1)
	m := strconv.Itoa(len(w.args))
	w.args = append(w.args, limit+1)
	lim := "$" + strconv.Itoa(len(w.args))
	query := `SELECT ` + deputyCols + deputyFrom + w.String() + ` ORDER BY d.township_code, d.name_pinyin, d.id LIMIT ` + lim
	if len(keys) > 0 {
		bw := *w
		if len(p.Scope) < 6 && len(f.Township) < 6 {
			// Over a province, read a name's matches by its key alone: the
			// township range would match every row (|| '' keeps it off
			// the index on both engines).
			bw.conds = append([]string{"d.township_code || '' >= $1 AND d.township_code || '' < $2"}, w.conds[1:]...)
		}
		var branches []string
		for _, k := range keys {
			k = strings.Replace(strings.Replace(k, "?", "$"+n, 1), "?", "$"+m, 1)
			branches = append(branches, `SELECT d.id, d.township_code, d.name_pinyin FROM deputies d`+bw.String()+` AND `+k)
		}
		query = `SELECT ` + deputyCols + deputyFrom + ` WHERE d.id IN (SELECT id FROM (` + strings.Join(branches, " UNION ") +
			` ORDER BY 2, 3, 1 LIMIT ` + lim + `) page) ORDER BY d.township_code, d.name_pinyin, d.id`
	}
	rows, err := q.QueryContext(ctx, query, w.args...)
	if err != nil {
		return nil, "", err
	}
	var out []*Deputy
	for rows.Next() {
		d, err := scanDeputy(rows)
		if err != nil {
			rows.Close()
			return nil, "", err
		}
		out = append(out, d)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, "", err
	}
	next := ""
	if len(out) > limit {
		out = out[:limit]
		last := out[limit-1]
		next = encodeCursor(last.Township, last.NamePinyin, last.ID)
	}
	if err := loadSeats(ctx, q, out); err != nil {
		return nil, "", err
	}
	return out, next, nil
}

func encodeCursor(township, py string, id int64) string {
	return base64.RawURLEncoding.EncodeToString([]byte(township + "|" + py + "|" + strconv.FormatInt(id, 10)))
}

func decodeCursor(s string) (string, string, int64, bool) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return "", "", 0, false
	}
	parts := strings.SplitN(string(b), "|", 3)
	if len(parts) != 3 {
		return "", "", 0, false
	}
	id, err := strconv.ParseInt(parts[2], 10, 64)
	if err != nil {
		return "", "", 0, false
	}
	return parts[0], parts[1], id, true
}
