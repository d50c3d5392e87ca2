package demo

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"renda/internal/jurisdiction"
	"renda/internal/store"
)

func init() { addGenerator(300, "cases", generateCases) }

// Scale data of the cases domain: per county eight departments, per
// township its government or street office, and the scale's opinions and
// suggestions spread evenly over the townships and the last two years, in
// every state of the handling path. Rows go in with multi-row INSERTs, a
// transaction per township.
var scaleDepartments = []string{"住房和城乡建设局", "交通运输局", "农业农村局", "林业水利局", "教育局", "卫生健康局", "民政局", "生态环境分局"}

const caseCols = 24

func generateCases(ctx context.Context, db *store.DB, sc Scale, p *Progress) (string, error) {
	towns := sc.Townships()
	if len(towns) == 0 {
		return "", fmt.Errorf("no townships under %s", sc.Root)
	}
	now := time.Now()
	units, err := scaleUnits(ctx, db, sc, towns, now.Unix())
	if err != nil {
		return "", err
	}
	deps, err := scaleDeputyIDs(ctx, db, sc.Root)
	if err != nil {
		return "", err
	}
	p.Total(sc.Opinions)
	r := rand.New(rand.NewPCG(uint64(sc.Opinions), 300))
	per, extra := sc.Opinions/len(towns), sc.Opinions%len(towns)
	made := 0
	numbers := map[string]int{}
	for ti, t := range towns {
		n := per
		if ti < extra {
			n++
		}
		tu := units[t.Code]
		err := db.Tx(ctx, func(tx *sql.Tx) error {
			rows := make([]any, 0, scaleBatch*caseCols)
			flush := func() error {
				if len(rows) == 0 {
					return nil
				}
				if err := insertScaleCases(ctx, tx, rows); err != nil {
					return err
				}
				rows = rows[:0]
				return nil
			}
			for i := 0; i < n; i++ {
				rows = append(rows, scaleCase(r, t, tu, deps[t.Code], numbers, made+i, now)...)
				if len(rows) == scaleBatch*caseCols {
					if err := flush(); err != nil {
						return err
					}
				}
			}
			return flush()
		})
		if err != nil {
			return "", fmt.Errorf("%s: %w", t.Name, err)
		}
		made += n
		p.Add(n)
	}
	return fmt.Sprintf("%d opinions and suggestions", made), nil
}

// townUnits are the units a township's cases go to: its government and its
// county's departments.
type townUnits struct {
	gov   int64
	depts []int64
}

func scaleUnits(ctx context.Context, db *store.DB, sc Scale, towns []*jurisdiction.Unit, now int64) (map[string]townUnits, error) {
	out := map[string]townUnits{}
	err := db.Tx(ctx, func(tx *sql.Tx) error {
		depts := map[string][]int64{}
		insert := func(code, name, kind string) (int64, error) {
			var id int64
			err := tx.QueryRowContext(ctx, `INSERT INTO units (jurisdiction_code, name, kind, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)
				ON CONFLICT (jurisdiction_code, name) DO UPDATE SET updated_at = excluded.updated_at RETURNING id`, code, name, kind, now).Scan(&id)
			return id, err
		}
		for _, c := range sc.Counties() {
			for _, d := range scaleDepartments {
				id, err := insert(c.Code, c.Name+d, "department")
				if err != nil {
					return err
				}
				depts[c.Code] = append(depts[c.Code], id)
			}
		}
		for _, t := range towns {
			kind, name := "township_government", t.Name+"人民政府"
			if t.Kind == jurisdiction.Street {
				kind, name = "street_office", t.Name+"办事处"
			}
			id, err := insert(t.Code, name, kind)
			if err != nil {
				return err
			}
			out[t.Code] = townUnits{gov: id, depts: depts[t.Code[:6]]}
		}
		return nil
	})
	return out, err
}

func scaleDeputyIDs(ctx context.Context, db *store.DB, root string) (map[string][]int64, error) {
	lo, hi := store.PrefixRange(root)
	rows, err := db.R.QueryContext(ctx, `SELECT id, township_code FROM deputies WHERE township_code >= $1 AND township_code < $2 ORDER BY id`, lo, hi)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string][]int64{}
	for rows.Next() {
		var id int64
		var t string
		if err := rows.Scan(&id, &t); err != nil {
			return nil, err
		}
		out[t] = append(out[t], id)
	}
	return out, rows.Err()
}

// scaleTracking makes distinct tracking codes: the sequence number spread
// over the code space by an odd multiplier, written in the codes' alphabet.
func scaleTracking(seq int) string {
	const alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
	const space = 787662783788549761 // 31^12
	v := (uint64(seq)*0x9E3779B97F4A7C1 + 12345) % space
	b := make([]byte, 12)
	for i := 11; i >= 0; i-- {
		b[i] = alphabet[v%31]
		v /= 31
	}
	return string(b)
}

var scaleTopics = []string{"村道破损需要修复", "路灯不亮", "垃圾清运不及时", "农村饮用水水压不足", "公交班次太少", "老旧小区加装电梯",
	"学校门口交通拥堵", "农贸市场环境脏乱", "河道需要清淤", "停车难", "养老服务设施不足", "农田灌溉渠道损坏"}

// scaleCase makes one row in the column order of insertScaleCases.
func scaleCase(r *rand.Rand, t *jurisdiction.Unit, tu townUnits, deps []int64, numbers map[string]int, seq int, now time.Time) []any {
	created := now.Add(-time.Duration(r.Int64N(int64(730 * 24 * time.Hour))))
	topic := scaleTopics[r.IntN(len(scaleTopics))]
	kind, status := "opinion", "received"
	var tracking, congress, number, lead, unit, assigned, due, first, reply, grade, sat, rated, onTime any
	var route, channel, name, phone string
	rounds := 0
	suggestion := r.IntN(10) < 3 && len(deps) > 0
	if suggestion {
		kind = "suggestion"
		if r.IntN(10) == 0 {
			kind = "motion"
		}
		congress = t.Code
		if t.Kind == jurisdiction.Street {
			congress = t.Code[:6]
		}
		key := congress.(string) + kind
		numbers[key]++
		number = numbers[key]
		l := deps[r.IntN(len(deps))]
		lead = l
		status = "filed"
	} else {
		tracking = scaleTracking(seq)
		channel = []string{"reception", "appointment", "visit", "hotline", "mailbox", "online", "forum", "research"}[r.IntN(8)]
		name, phone = "群众", fmt.Sprintf("138%08d", r.IntN(100000000))
	}
	// Where it stands: most are handled, some still open, a few triaged
	// elsewhere.
	switch x := r.IntN(100); {
	case x < 8:
	case x < 11 && !suggestion:
		status, route = "referred", "beyond"
	case x < 13 && !suggestion:
		status, route = "merged", ""
	default:
		if !suggestion {
			route = "district"
			if r.IntN(2) == 0 {
				route = "township"
			}
		}
		u := tu.gov
		if route != "township" && len(tu.depts) > 0 {
			u = tu.depts[r.IntN(len(tu.depts))]
		}
		unit = u
		at := created.Add(time.Duration(1+r.IntN(10)) * 24 * time.Hour)
		assigned = at.Unix()
		d := at.AddDate(0, 3, 0)
		due = d.Format(time.DateOnly)
		status = "assigned"
		if at.After(now) {
			status, unit, assigned, due = "received", nil, nil, nil
			if suggestion {
				status = "filed"
			}
			break
		}
		replyAt := at.Add(time.Duration(10+r.IntN(110)) * 24 * time.Hour)
		if replyAt.After(now) || r.IntN(10) == 0 {
			break // still with the unit, perhaps overdue
		}
		first, reply = replyAt.Unix(), replyAt.Unix()
		onTime = !replyAt.After(d.Add(24 * time.Hour))
		grade = []string{"A", "A", "B", "B", "C", "D"}[r.IntN(6)]
		rounds, status = 1, "replied"
		if now.Sub(replyAt) > 7*24*time.Hour && r.IntN(10) < 8 {
			s := []string{"satisfied", "satisfied", "satisfied", "basic", "basic", "unsatisfied"}[r.IntN(6)]
			sat, rated = s, replyAt.Add(7*24*time.Hour).Unix()
			status = "closed"
			if s == "unsatisfied" {
				status = "rehandling"
			}
		}
	}
	if status == "received" && !suggestion {
		route = ""
	}
	title := topic
	if suggestion {
		title = "关于解决" + t.Name + topic + "问题的建议"
	}
	return []any{kind, t.Code, title, t.Name + "群众反映：" + topic + "，希望尽快解决。", status, channel, tracking, name, phone, route,
		congress, number, lead, unit, assigned, due, first, reply, grade, sat, rated, rounds, onTime, created.Unix()}
}

func insertScaleCases(ctx context.Context, tx *sql.Tx, rows []any) error {
	var b strings.Builder
	b.WriteString(`INSERT INTO cases (kind, township_code, title, body, status, channel, tracking_code, constituent_name, constituent_phone, route,
		congress_code, number, lead_deputy_id, lead_unit_id, assigned_at, due_date, first_reply_at, reply_at, grade, satisfaction, rated_at,
		rounds, on_time, created_at, updated_at) VALUES `)
	n := len(rows) / caseCols
	args := make([]any, 0, len(rows)+n)
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('(')
		for j := 0; j < caseCols; j++ {
			fmt.Fprintf(&b, "$%d, ", len(args)+1)
			args = append(args, rows[i*caseCols+j])
		}
		fmt.Fprintf(&b, "$%d)", len(args))
	}
	b.WriteString(" RETURNING id, lead_deputy_id, lead_unit_id, assigned_at, due_date")
	res, err := tx.QueryContext(ctx, b.String(), args...)
	if err != nil {
		return err
	}
	var deputies, units []any
	for res.Next() {
		var id int64
		var lead, unit, assigned sql.NullInt64
		var due sql.NullString
		if err := res.Scan(&id, &lead, &unit, &assigned, &due); err != nil {
			res.Close()
			return err
		}
		if lead.Valid {
			deputies = append(deputies, id, lead.Int64)
		}
		if unit.Valid {
			units = append(units, id, unit.Int64, assigned.Int64, due.String)
		}
	}
	res.Close()
	if err := res.Err(); err != nil {
		return err
	}
	if err := insertValues(ctx, tx, `INSERT INTO case_deputies (case_id, deputy_id, role) VALUES `, "'lead'", 2, deputies); err != nil {
		return err
	}
	return insertValues(ctx, tx, `INSERT INTO case_units (case_id, unit_id, assigned_at, due_date, role) VALUES `, "'lead'", 4, units)
}

// insertValues inserts rows of n values each, plus a constant last column.
func insertValues(ctx context.Context, tx *sql.Tx, head, constant string, n int, vals []any) error {
	if len(vals) == 0 {
		return nil
	}
	var b strings.Builder
	b.WriteString(head)
	for i := 0; i < len(vals)/n; i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('(')
		for j := 0; j < n; j++ {
			fmt.Fprintf(&b, "$%d, ", i*n+j+1)
		}
		b.WriteString(constant + ")")
	}
	_, err := tx.ExecContext(ctx, b.String(), vals...)
	return err
}
