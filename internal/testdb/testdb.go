// Package testdb gives tests real databases: a fresh, migrated SQLite file
// and a fresh PostgreSQL database per test, both with the national division
// table loaded. Each starts from a template made once per test binary, so a
// test pays for a file copy or a CREATE DATABASE … TEMPLATE, not for the
// migrations.
//
// PostgreSQL is found at RENDA_TEST_POSTGRES (default
// postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable). When it
// cannot be reached the PostgreSQL half of a test is skipped with a visible
// message, except under CI=true, where it fails.
package testdb

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"renda/internal/auth"
	"renda/internal/jurisdiction"
	"renda/internal/store"
)

func init() {
	// Test passwords need not resist brute force; keep hashing quick.
	auth.PasswordCost = auth.Argon2Params{Memory: 1024, Time: 1, Threads: 1}
}

// CI reports whether the tests run under CI, where nothing may be skipped.
func CI() bool { return os.Getenv("CI") == "true" }

// Engines are the engines every storage test runs on.
var Engines = []store.Engine{store.SQLite, store.Postgres}

// Each runs fn once per engine, as subtests named after the engine, each
// with its own fresh database.
func Each(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	t.Helper()
	for _, e := range Engines {
		t.Run(string(e), func(t *testing.T) {
			fn(t, Open(t, e))
		})
	}
}

// Open returns a fresh prepared database of an engine, closed and removed
// when the test ends.
func Open(t testing.TB, e store.Engine) *store.DB {
	t.Helper()
	if e == store.Postgres {
		return openPostgres(t)
	}
	return openSQLite(t)
}

// Prepare migrates a database and loads the division table and, so tests
// can use real villages, the 富阳区 villages.
func Prepare(ctx context.Context, db *store.DB) error {
	if _, err := db.Migrate(ctx); err != nil {
		return err
	}
	if _, err := jurisdiction.Seed(ctx, db); err != nil {
		return err
	}
	f, err := jurisdiction.SeedVillages()
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = jurisdiction.ImportVillages(ctx, db, f, "330111")
	return err
}

var (
	sqliteOnce sync.Once
	sqliteTpl  string
	sqliteErr  error
)

func openSQLite(t testing.TB) *store.DB {
	sqliteOnce.Do(func() {
		dir, err := os.MkdirTemp("", "renda-tpl-")
		if err != nil {
			sqliteErr = err
			return
		}
		sqliteTpl = filepath.Join(dir, "template.db")
		db, err := store.Open(context.Background(), sqliteTpl)
		if err != nil {
			sqliteErr = err
			return
		}
		if err := Prepare(context.Background(), db); err != nil {
			sqliteErr = err
		}
		// Fold the WAL into the file so a plain copy is the whole database.
		if _, err := db.W.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`); err != nil && sqliteErr == nil {
			sqliteErr = err
		}
		db.Close()
	})
	if sqliteErr != nil {
		t.Fatalf("sqlite template: %v", sqliteErr)
	}
	path := filepath.Join(t.TempDir(), "renda.db")
	if err := copyFile(sqliteTpl, path); err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// PostgresURL is the server tests use.
func PostgresURL() string {
	if u := os.Getenv("RENDA_TEST_POSTGRES"); u != "" {
		return u
	}
	return "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"
}

var (
	pgOnce    sync.Once
	pgTpl     string
	pgErr     error
	pgCounter atomic.Int64
)

// withDatabase returns the server URL with another database name.
func withDatabase(base, name string) string {
	u, err := url.Parse(base)
	if err != nil {
		return base
	}
	u.Path = "/" + name
	return u.String()
}

func adminConn(ctx context.Context) (*sql.DB, error) {
	db, err := sql.Open("pgx", PostgresURL())
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// templateName changes with the migrations, so a schema change builds a new
// template and old ones are never used by mistake.
func templateName() string {
	ms, _ := store.Migrations()
	h := uint32(2166136261)
	for _, m := range ms {
		for _, b := range []byte(m.Name + m.SQL) {
			h = (h ^ uint32(b)) * 16777619
		}
	}
	return fmt.Sprintf("renda_tpl_%08x", h)
}

func buildPostgresTemplate() (string, error) {
	ctx := context.Background()
	admin, err := adminConn(ctx)
	if err != nil {
		return "", err
	}
	defer admin.Close()
	name := templateName()
	// Test binaries run in parallel: one builds the template, the others
	// wait on the lock and then find it built.
	conn, err := admin.Conn(ctx)
	if err != nil {
		return "", err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock(91827)`); err != nil {
		return "", err
	}
	defer conn.ExecContext(ctx, `SELECT pg_advisory_unlock(91827)`) //nolint:errcheck
	var exists bool
	if err := conn.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)`, name).Scan(&exists); err != nil {
		return "", err
	}
	if exists {
		return name, nil
	}
	building := name + "_building"
	conn.ExecContext(ctx, `DROP DATABASE IF EXISTS `+building) //nolint:errcheck
	if _, err := conn.ExecContext(ctx, `CREATE DATABASE `+building); err != nil {
		return "", err
	}
	db, err := store.Open(ctx, withDatabase(PostgresURL(), building))
	if err != nil {
		return "", err
	}
	err = Prepare(ctx, db)
	db.Close()
	if err != nil {
		return "", err
	}
	if _, err := conn.ExecContext(ctx, `ALTER DATABASE `+building+` RENAME TO `+name); err != nil {
		return "", err
	}
	// Templates of older schemas are no use any more, but another test
	// binary built from a different working tree may still be using one, so
	// they are cleared only once they pile up.
	rows, err := conn.QueryContext(ctx, `SELECT datname FROM pg_database WHERE datname LIKE 'renda_tpl_%' AND datname <> $1`, name)
	if err == nil {
		var old []string
		for rows.Next() {
			var n string
			if rows.Scan(&n) == nil {
				old = append(old, n)
			}
		}
		rows.Close()
		if len(old) > 10 {
			for _, n := range old {
				conn.ExecContext(ctx, `DROP DATABASE IF EXISTS `+n+` WITH (FORCE)`) //nolint:errcheck
			}
		}
	}
	return name, nil
}

func openPostgres(t testing.TB) *store.DB {
	pgOnce.Do(func() { pgTpl, pgErr = buildPostgresTemplate() })
	if pgErr != nil {
		if CI() {
			t.Fatalf("PostgreSQL is required under CI: %v", pgErr)
		}
		t.Skipf("PostgreSQL not reachable at %s, skipping the PostgreSQL half: %v", PostgresURL(), pgErr)
	}
	ctx := context.Background()
	admin, err := adminConn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	name := fmt.Sprintf("renda_t_%d_%d", os.Getpid(), pgCounter.Add(1))
	var createErr error
	for i := 0; i < 20; i++ {
		// CREATE DATABASE … TEMPLATE fails while another session is copying
		// the same template; parallel test binaries retry briefly.
		_, createErr = admin.ExecContext(ctx, `CREATE DATABASE `+name+` TEMPLATE `+pgTpl)
		if createErr == nil || !strings.Contains(createErr.Error(), "being accessed by other users") {
			break
		}
		time.Sleep(time.Duration(50+i*25) * time.Millisecond)
	}
	if createErr != nil {
		admin.Close()
		t.Fatalf("create test database: %v", createErr)
	}
	db, err := store.Open(ctx, withDatabase(PostgresURL(), name))
	if err != nil {
		admin.Close()
		t.Fatal(err)
	}
	t.Cleanup(func() {
		db.Close()
		admin.ExecContext(context.Background(), `DROP DATABASE IF EXISTS `+name+` WITH (FORCE)`) //nolint:errcheck
		admin.Close()
	})
	return db
}

// EmptyDSN makes an empty database (nothing migrated) and returns its DSN,
// for measuring a start from nothing.
func EmptyDSN(t testing.TB, e store.Engine) string {
	t.Helper()
	if e == store.SQLite {
		return filepath.Join(t.TempDir(), "empty.db")
	}
	ctx := context.Background()
	admin, err := adminConn(ctx)
	if err != nil {
		if CI() {
			t.Fatalf("PostgreSQL is required under CI: %v", err)
		}
		t.Skipf("PostgreSQL not reachable: %v", err)
	}
	name := fmt.Sprintf("renda_e_%d_%d", os.Getpid(), pgCounter.Add(1))
	if _, err := admin.ExecContext(ctx, `CREATE DATABASE `+name); err != nil {
		admin.Close()
		t.Fatal(err)
	}
	t.Cleanup(func() {
		admin.ExecContext(context.Background(), `DROP DATABASE IF EXISTS `+name+` WITH (FORCE)`) //nolint:errcheck
		admin.Close()
	})
	return withDatabase(PostgresURL(), name)
}
