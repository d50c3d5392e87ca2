package cli

import (
	"bytes"
	"compress/gzip"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"renda/internal/auth"
	"renda/internal/jurisdiction"
	"renda/internal/store"
	"renda/internal/testdb"
)

func run(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(args, strings.NewReader(stdin), &out, &errb)
	return out.String(), errb.String(), code
}

func TestMigrateUserImportBackup(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "renda.db")

	out, errs, code := run(t, "", "migrate", "--db", db)
	if code != 0 || !strings.Contains(out, "loaded 44703 division units") {
		t.Fatalf("migrate: %d %s %s", code, out, errs)
	}
	if out, _, _ := run(t, "", "migrate", "--db", db); strings.Contains(out, "applied") {
		t.Errorf("second migrate applied again: %s", out)
	}

	// The first admin, password on stdin.
	out, errs, code = run(t, "a-long-password\n", "user", "add", "--username", "chief", "--role", "admin", "--scope", "", "--db", db)
	if code != 0 || !strings.Contains(out, "created account chief") {
		t.Fatalf("user add: %d %s %s", code, out, errs)
	}
	_, errs, code = run(t, "a-long-password\n", "user", "add", "--username", "t1", "--role", "township", "--scope", "330111", "--db", db)
	if code == 0 || !strings.Contains(errs, "scope") {
		t.Errorf("a county code for township staff was accepted: %s", errs)
	}
	_, errs, code = run(t, "", "user", "add", "--username", "t2", "--role", "county", "--scope", "330111", "--db", db)
	if code == 0 || !strings.Contains(errs, "no password") {
		t.Errorf("empty stdin: %d %s", code, errs)
	}

	// Villages, gzipped, one county only.
	src, err := jurisdiction.SeedVillages()
	if err != nil {
		t.Fatal(err)
	}
	var gz bytes.Buffer
	w := gzip.NewWriter(&gz)
	if _, err := w.Write(mustRead(t, src)); err != nil {
		t.Fatal(err)
	}
	w.Close()
	file := filepath.Join(dir, "villages.csv.gz")
	os.WriteFile(file, gz.Bytes(), 0o600) //nolint:errcheck
	out, errs, code = run(t, "", "import", "villages", file, "--county", "320826", "--db", db)
	if code != 0 || !strings.Contains(out, "imported") {
		t.Fatalf("import: %d %s %s", code, out, errs)
	}
	_, errs, code = run(t, "", "import", "villages", file, "--county", "999999", "--db", db)
	if code == 0 || !strings.Contains(errs, "no such county") {
		t.Errorf("unknown county accepted: %s", errs)
	}

	backup := filepath.Join(dir, "backup.db")
	out, errs, code = run(t, "", "backup", backup, "--db", db)
	if code != 0 {
		t.Fatalf("backup: %s %s", out, errs)
	}
	// The backup is a whole database: the account and the villages are in it.
	ctx := context.Background()
	b, err := store.Open(ctx, backup)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if _, err := auth.NewService(b).UserByUsername(ctx, "chief"); err != nil {
		t.Errorf("backup lacks the account: %v", err)
	}
	if u, err := jurisdiction.Get(ctx, b.R, "320826001001"); err != nil || u.Kind != jurisdiction.Community {
		t.Errorf("backup lacks the villages: %v", err)
	}
	if _, errs, code := run(t, "", "backup", backup, "--db", db); code == 0 || !strings.Contains(errs, "already exists") {
		t.Errorf("backup overwrote a file: %s", errs)
	}
}

func TestDemoLoadsOnceAndOnPostgres(t *testing.T) {
	for _, e := range testdb.Engines {
		t.Run(string(e), func(t *testing.T) {
			db := testdb.Open(t, e)
			dsn := db.Path()
			if e == store.Postgres {
				// Reuse the test database through its URL.
				var name string
				if err := db.R.QueryRow(`SELECT current_database()`).Scan(&name); err != nil {
					t.Fatal(err)
				}
				dsn = strings.Replace(testdb.PostgresURL(), "/postgres?", "/"+name+"?", 1)
			}
			out, errs, code := run(t, "", "demo", "--db", dsn)
			if code != 0 || !strings.Contains(out, "demo data loaded") {
				t.Fatalf("demo: %d %s %s", code, out, errs)
			}
			_, errs, code = run(t, "", "demo", "--db", dsn)
			if code == 0 || !strings.Contains(errs, "already holds data") {
				t.Errorf("second demo: %d %s", code, errs)
			}
			if _, err := auth.NewService(db).UserByUsername(context.Background(), "dayuan"); err != nil {
				t.Errorf("demo account missing: %v", err)
			}
		})
	}
}

func TestUsage(t *testing.T) {
	out, _, code := run(t, "", "help")
	if code != 0 || !strings.Contains(out, "serve") {
		t.Errorf("help: %s", out)
	}
	if _, _, code := run(t, "", "frobnicate"); code != 2 {
		t.Errorf("unknown command exit %d", code)
	}
}

func mustRead(t *testing.T, r interface{ Read([]byte) (int, error) }) []byte {
	var b bytes.Buffer
	if _, err := b.ReadFrom(r); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
