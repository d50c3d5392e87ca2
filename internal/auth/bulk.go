package auth

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"renda/internal/store"
)

// BulkCreate inserts many trusted accounts (generated data) sharing one
// password, hashed once, in batches; existing usernames are skipped. It
// reports progress through done and returns how many it inserted.
func BulkCreate(ctx context.Context, db *store.DB, users []NewUser, password string, done func(int)) (int, error) {
	hash, err := HashPassword(password)
	if err != nil {
		return 0, err
	}
	const batch = 500
	inserted := 0
	for start := 0; start < len(users); start += batch {
		end := min(start+batch, len(users))
		err := db.Tx(ctx, func(tx *sql.Tx) error {
			var sb strings.Builder
			sb.WriteString(`INSERT INTO users (username, display_name, password_hash, role, scope_code, disabled, created_at, updated_at, password_changed_at) VALUES `)
			args := []any{hash}
			for i, u := range users[start:end] {
				if i > 0 {
					sb.WriteString(",")
				}
				k := len(args)
				fmt.Fprintf(&sb, "($%d, $%d, $1, $%d, $%d, FALSE, 0, 0, 0)", k+1, k+2, k+3, k+4)
				args = append(args, NormalizeUsername(u.Username), u.DisplayName, string(u.Role), u.Scope)
			}
			sb.WriteString(` ON CONFLICT (username) DO NOTHING`)
			res, err := tx.ExecContext(ctx, sb.String(), args...)
			if err != nil {
				return err
			}
			n, _ := res.RowsAffected()
			inserted += int(n)
			return nil
		})
		if err != nil {
			return inserted, err
		}
		if done != nil {
			done(end - start)
		}
	}
	return inserted, nil
}
