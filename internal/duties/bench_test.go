package duties_test

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"renda/internal/auth"
	"renda/internal/demo"
	"renda/internal/duties"
	"renda/internal/store"
	"renda/internal/testdb"
)

// Speed targets (issue 4), with 5,000,000 duty records at province scale
// and 40,000 at county scale: one township's assessment under 100 ms, one
// county's under 1 s, the province's ranking under 10 s, on both engines.
//
//	go test -run '^$' -bench . -benchtime 5x -timeout 60m ./internal/duties/
//
// RENDA_BENCH_SCALE=county limits the run to the county scale;
// RENDA_BENCH_KEEP=1 keeps the generated databases for the next run.
func BenchmarkAssessment(b *testing.B) {
	scales := []demo.Scale{demo.CountyScale, demo.ProvinceScale}
	if os.Getenv("RENDA_BENCH_SCALE") == "county" {
		scales = scales[:1]
	}
	for _, e := range testdb.Engines {
		for _, sc := range scales {
			b.Run(string(e)+"/"+sc.Name, func(b *testing.B) {
				ctx := context.Background()
				db, fresh := benchDB(b, e, sc)
				if fresh {
					start := time.Now()
					if err := benchDeputies(ctx, db, sc); err != nil {
						b.Fatal(err)
					}
					sum, err := demo.GenerateParts(ctx, db, sc, nil, "duties")
					if err != nil {
						b.Fatal(err)
					}
					b.Logf("%s %s: %s in %s", e, sc.Name, sum, time.Since(start).Round(time.Second))
				}
				if e == store.Postgres {
					db.W.ExecContext(ctx, `ANALYZE`) //nolint:errcheck
				}
				svc := duties.New(db)
				year := time.Now().Year() - 1
				county := "330111"
				township := "330111117"
				if sc.Name == "province" {
					county, township = "330102", "330102001"
				}
				b.Run("township", func(b *testing.B) {
					p := &auth.Principal{Role: auth.Township, Scope: township}
					for i := 0; i < b.N; i++ {
						items, err := svc.AssessTownship(ctx, p, township, year)
						if err != nil || len(items) == 0 {
							b.Fatalf("%d items, %v", len(items), err)
						}
					}
					b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/assessment")
				})
				b.Run("county", func(b *testing.B) {
					p := &auth.Principal{Role: auth.County, Scope: county}
					for i := 0; i < b.N; i++ {
						rank, err := svc.Ranking(ctx, p, county, year)
						if err != nil || len(rank) == 0 {
							b.Fatalf("%d townships, %v", len(rank), err)
						}
					}
					b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/assessment")
				})
				b.Run("ranking", func(b *testing.B) {
					p := &auth.Principal{Role: auth.Admin, Scope: sc.Root}
					for i := 0; i < b.N; i++ {
						rank, err := svc.Ranking(ctx, p, sc.Root, year)
						if err != nil || len(rank) == 0 {
							b.Fatalf("%d townships, %v", len(rank), err)
						}
					}
					b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/ranking")
				})
			})
		}
	}
}

// benchDB is a fresh test database, or with RENDA_BENCH_KEEP=1 one kept
// between runs (a SQLite file in the temporary directory, a PostgreSQL
// database renda_bench_duties_SCALE), so that the province's five million
// records are generated once. fresh says whether it needs its data.
func benchDB(b *testing.B, e store.Engine, sc demo.Scale) (*store.DB, bool) {
	if os.Getenv("RENDA_BENCH_KEEP") != "1" {
		return testdb.Open(b, e), true
	}
	ctx := context.Background()
	dsn := filepath.Join(os.TempDir(), "renda-bench-duties-"+sc.Name+".db")
	_, statErr := os.Stat(dsn)
	exists := statErr == nil
	if e == store.Postgres {
		admin, err := sql.Open("pgx", testdb.PostgresURL())
		if err != nil {
			b.Fatal(err)
		}
		defer admin.Close()
		name := "renda_bench_duties_" + sc.Name
		if err := admin.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)`, name).Scan(&exists); err != nil {
			b.Skipf("PostgreSQL not reachable: %v", err)
		}
		if !exists {
			if _, err := admin.ExecContext(ctx, `CREATE DATABASE `+name); err != nil {
				b.Fatal(err)
			}
		}
		u, _ := url.Parse(testdb.PostgresURL())
		u.Path = "/" + name
		dsn = u.String()
	}
	db, err := store.Open(ctx, dsn)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	prepare := testdb.Prepare
	if exists {
		prepare = func(ctx context.Context, db *store.DB) error { _, err := db.Migrate(ctx); return err }
	}
	if err := prepare(ctx, db); err != nil {
		b.Fatal(err)
	}
	var n int
	if err := db.R.QueryRowContext(ctx, `SELECT COUNT(*) FROM deputies`).Scan(&n); err != nil {
		b.Fatal(err)
	}
	return db, n == 0
}

// benchDeputies puts sc.Deputies deputies, with a seat each, over the
// scale's townships; one in fifty left their seat in the middle of last
// year, so the assessment's partial-year path is measured too.
func benchDeputies(ctx context.Context, db *store.DB, sc demo.Scale) error {
	towns := sc.Townships()
	sort.Slice(towns, func(i, j int) bool { return towns[i].Code < towns[j].Code })
	now := time.Now().Unix()
	mid := fmt.Sprintf("%04d-06-30", time.Now().Year()-1)
	const batch = 100 // small: the SQLite driver's cost per placeholder grows with their number
	for start := 0; start < sc.Deputies; start += batch {
		n := min(batch, sc.Deputies-start)
		var sb strings.Builder
		sb.WriteString(`INSERT INTO deputies (township_code, name, created_at, updated_at) VALUES `)
		args := make([]any, 0, n*3)
		for i := 0; i < n; i++ {
			if i > 0 {
				sb.WriteByte(',')
			}
			k := len(args)
			fmt.Fprintf(&sb, "($%d,$%d,$%d,$%d)", k+1, k+2, k+3, k+3)
			args = append(args, towns[(start+i)%len(towns)].Code, "代表"+strconv.Itoa(start+i), now)
		}
		if _, err := db.W.ExecContext(ctx, sb.String(), args...); err != nil {
			return err
		}
	}
	_, err := db.W.ExecContext(ctx, `INSERT INTO seats (deputy_id, level, congress_code, term, start_date, end_date, status, status_date, created_at, updated_at)
		SELECT id, 'township', township_code, '第十八届', '2021-12-20',
			CASE WHEN id % 50 = 0 THEN $1 ELSE '' END, CASE WHEN id % 50 = 0 THEN 'resigned' ELSE 'serving' END,
			CASE WHEN id % 50 = 0 THEN $1 ELSE '' END, $2, $2 FROM deputies`, mid, now)
	return err
}
