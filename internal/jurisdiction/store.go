package jurisdiction

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"renda/internal/store"
)

// Seed loads the embedded national table into an empty jurisdictions table.
// A table that already holds units is left alone, so it runs at every start.
func Seed(ctx context.Context, db *store.DB) (int, error) {
	var n int
	if err := db.W.QueryRowContext(ctx, `SELECT COUNT(*) FROM jurisdictions WHERE level <= 4`).Scan(&n); err != nil {
		return 0, err
	}
	if n > 0 {
		return 0, nil
	}
	units := National().All()
	err := db.Tx(ctx, func(tx *sql.Tx) error { return insertUnits(ctx, tx, units, false) })
	if err != nil {
		return 0, err
	}
	return len(units), nil
}

// insertUnits writes units in multi-row batches; with upsert an existing code
// gets the new name and kind.
func insertUnits(ctx context.Context, tx *sql.Tx, units []*Unit, upsert bool) error {
	const batch = 400
	for start := 0; start < len(units); start += batch {
		end := min(start+batch, len(units))
		var sb strings.Builder
		sb.WriteString(`INSERT INTO jurisdictions (code, name, kind, level, parent_code) VALUES `)
		args := make([]any, 0, 5*(end-start))
		for i, u := range units[start:end] {
			if i > 0 {
				sb.WriteString(",")
			}
			k := len(args)
			fmt.Fprintf(&sb, "($%d,$%d,$%d,$%d,$%d)", k+1, k+2, k+3, k+4, k+5)
			var parent any
			if u.Parent != "" {
				parent = u.Parent
			}
			args = append(args, u.Code, u.Name, string(u.Kind), Level(u.Code), parent)
		}
		if upsert {
			sb.WriteString(` ON CONFLICT (code) DO UPDATE SET name = excluded.name, kind = excluded.kind`)
		}
		if _, err := tx.ExecContext(ctx, sb.String(), args...); err != nil {
			return err
		}
	}
	return nil
}

// Get returns one unit, village-level included.
func Get(ctx context.Context, q store.Querier, code string) (Unit, error) {
	var u Unit
	var parent sql.NullString
	err := q.QueryRowContext(ctx, `SELECT code, name, kind, parent_code FROM jurisdictions WHERE code = $1`, code).
		Scan(&u.Code, &u.Name, &u.Kind, &parent)
	u.Parent = parent.String
	return u, store.NotFound(err)
}

// Path returns the unit and its parents, from the province down.
func Path(ctx context.Context, q store.Querier, code string) ([]Unit, error) {
	codes := []any{}
	placeholders := []string{}
	for c := code; c != ""; c = ParentCode(c) {
		codes = append(codes, c)
		placeholders = append(placeholders, fmt.Sprintf("$%d", len(codes)))
	}
	if len(codes) == 0 {
		return nil, store.ErrNotFound
	}
	rows, err := q.QueryContext(ctx, `SELECT code, name, kind, parent_code FROM jurisdictions
		WHERE code IN (`+strings.Join(placeholders, ",")+`) ORDER BY level`, codes...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Unit
	for rows.Next() {
		var u Unit
		var parent sql.NullString
		if err := rows.Scan(&u.Code, &u.Name, &u.Kind, &parent); err != nil {
			return nil, err
		}
		u.Parent = parent.String
		out = append(out, u)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 || out[len(out)-1].Code != code {
		return nil, store.ErrNotFound
	}
	return out, nil
}

// Children lists the units directly under parent ("" for the provinces), in
// code order, after the cursor code, at most limit of them. next is the code
// to continue after, or "" at the end.
func Children(ctx context.Context, q store.Querier, parent, after string, limit int) (units []Unit, next string, err error) {
	var rows *sql.Rows
	if parent == "" {
		rows, err = q.QueryContext(ctx, `SELECT code, name, kind FROM jurisdictions
			WHERE parent_code IS NULL AND code > $1 ORDER BY code LIMIT $2`, after, limit+1)
	} else {
		rows, err = q.QueryContext(ctx, `SELECT code, name, kind FROM jurisdictions
			WHERE parent_code = $1 AND code > $2 ORDER BY code LIMIT $3`, parent, after, limit+1)
	}
	if err != nil {
		return nil, "", err
	}
	defer rows.Close()
	for rows.Next() {
		u := Unit{Parent: parent}
		if err := rows.Scan(&u.Code, &u.Name, &u.Kind); err != nil {
			return nil, "", err
		}
		units = append(units, u)
	}
	if len(units) > limit {
		units = units[:limit]
		next = units[limit-1].Code
	}
	return units, next, rows.Err()
}

// CountUnder counts the units below a code by kind (the code's own subtree).
func CountUnder(ctx context.Context, q store.Querier, code string) (map[Kind]int, error) {
	lo, hi := store.PrefixRange(code)
	rows, err := q.QueryContext(ctx, `SELECT kind, COUNT(*) FROM jurisdictions
		WHERE code >= $1 AND code < $2 AND code <> $3 GROUP BY kind`, lo, hi, code)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[Kind]int{}
	for rows.Next() {
		var k Kind
		var n int
		if err := rows.Scan(&k, &n); err != nil {
			return nil, err
		}
		out[k] = n
	}
	return out, rows.Err()
}
