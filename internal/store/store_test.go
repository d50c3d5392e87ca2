package store_test

import (
	"context"
	"database/sql"
	"errors"
	"testing"

	"renda/internal/store"
	"renda/internal/testdb"
)

func TestMigrationsAreCurrentAndIdempotent(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		v, err := db.Version(ctx)
		if err != nil || v != store.LatestVersion() {
			t.Fatalf("version %d, %v; want %d", v, err, store.LatestVersion())
		}
		applied, err := db.Migrate(ctx)
		if err != nil || len(applied) != 0 {
			t.Fatalf("second migrate applied %v, %v", applied, err)
		}
	})
}

func TestTxRollsBackOnError(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		boom := errors.New("boom")
		err := db.Tx(ctx, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, `INSERT INTO login_attempts (username, failures) VALUES ($1, 1)`, "x"); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("err = %v", err)
		}
		var n int
		db.R.QueryRowContext(ctx, `SELECT COUNT(*) FROM login_attempts`).Scan(&n) //nolint:errcheck
		if n != 0 {
			t.Fatalf("rolled-back insert is visible")
		}
	})
}

func TestErrorMapping(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		ins := `INSERT INTO login_attempts (username, failures) VALUES ($1, 1)`
		if _, err := db.W.ExecContext(ctx, ins, "dup"); err != nil {
			t.Fatal(err)
		}
		_, err := db.W.ExecContext(ctx, ins, "dup")
		if !store.IsUniqueViolation(err) {
			t.Errorf("unique violation not recognised: %v", err)
		}
		_, err = db.W.ExecContext(ctx, `INSERT INTO sessions (token_hash, user_id, kind, csrf, created_at, expires_at, last_seen_at) VALUES ('t', 999, 'web', 'c', 0, 0, 0)`)
		if !store.IsForeignKeyViolation(err) {
			t.Errorf("foreign key violation not recognised (foreign keys off?): %v", err)
		}
		err = store.NotFound(db.R.QueryRowContext(ctx, `SELECT username FROM login_attempts WHERE username = 'none'`).Scan(new(string)))
		if err != store.ErrNotFound {
			t.Errorf("NotFound = %v", err)
		}
	})
}

// A code range must pick exactly the codes under a prefix on both engines,
// whatever the database's collation.
func TestPrefixRange(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		lo, hi := store.PrefixRange("330111")
		var n int
		err := db.R.QueryRowContext(ctx, `SELECT COUNT(*) FROM jurisdictions WHERE code >= $1 AND code < $2 AND level = 4`, lo, hi).Scan(&n)
		if err != nil || n != 24 {
			t.Fatalf("townships under 330111: %d, %v", n, err)
		}
		lo, hi = store.PrefixRange("")
		err = db.R.QueryRowContext(ctx, `SELECT COUNT(*) FROM jurisdictions WHERE code >= $1 AND code < $2 AND level = 1`, lo, hi).Scan(&n)
		if err != nil || n != 31 {
			t.Fatalf("all provinces: %d, %v", n, err)
		}
	})
}

func TestLikeEscaping(t *testing.T) {
	if got := store.LikeContains(`50%_a\b`); got != `%50\%\_a\\b%` {
		t.Errorf("LikeContains = %q", got)
	}
}
