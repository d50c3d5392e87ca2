package deputyweb_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"os"
	"sort"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"renda/internal/auth"
	"renda/internal/demo"
	"renda/internal/deputies"
	"renda/internal/i18n"
	"renda/internal/store"
	"renda/internal/testdb"
	"renda/internal/web/deputyweb"
	"renda/internal/web/webtest"
)

// Speed targets (issue 3), at province scale (100,000 deputies over
// Zhejiang's townships), on both engines: the roster page and the API list
// answer in under 50 ms at the 95th percentile, for a province admin, a
// county and a township, plain, searched and filtered; and a 10,000-row
// roster sheet imports in under 10 s.
//
//	go test -run '^$' -bench Roster -benchtime 200x -timeout 30m ./internal/web/deputyweb/
//	go test -run '^$' -bench Import -benchtime 3x -timeout 30m ./internal/web/deputyweb/
//
// RENDA_BENCH_SCALE=county runs at county scale (2,000 deputies) instead.
func BenchmarkRoster(b *testing.B) {
	sc, township, county := benchScale()
	for _, e := range testdb.Engines {
		b.Run(string(e), func(b *testing.B) {
			db := benchDB(b, e, sc)
			s := webtest.New(b, db, deputyweb.New(db))
			s.User(b, "province", auth.Admin, sc.Root[:2])
			s.User(b, "county", auth.County, county)
			s.User(b, "township", auth.Township, township)
			for _, c := range []struct{ name, user, path string }{
				{"api/province", "province", "/api/v1/deputies"},
				{"api/province-initials", "province", "/api/v1/deputies?q=wjg"},
				{"api/county", "county", "/api/v1/deputies"},
				{"api/county-level", "county", "/api/v1/deputies?level=county"},
				{"api/township-pinyin", "township", "/api/v1/deputies?q=wang"},
				{"page/province", "province", "/deputies"},
				{"page/county-search", "county", "/deputies?q=li"},
				{"page/township", "township", "/deputies"},
			} {
				b.Run(c.name, func(b *testing.B) {
					tok := s.Token(b, c.user)
					times := make([]time.Duration, 0, b.N)
					b.ResetTimer()
					for i := 0; i < b.N; i++ {
						t0 := time.Now()
						req, _ := http.NewRequest("GET", s.URL+c.path, nil)
						req.Header.Set("Authorization", "Bearer "+tok)
						res, err := http.DefaultClient.Do(req)
						if err != nil {
							b.Fatal(err)
						}
						var buf bytes.Buffer
						buf.ReadFrom(res.Body) //nolint:errcheck
						res.Body.Close()
						times = append(times, time.Since(t0))
						if res.StatusCode != 200 || buf.Len() < 200 {
							b.Fatalf("%d %s", res.StatusCode, buf.String())
						}
					}
					b.StopTimer()
					sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
					p95 := times[len(times)*95/100]
					b.ReportMetric(float64(p95.Microseconds())/1000, "p95-ms")
					b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "p50-ms")
				})
			}
		})
	}
}

func benchScale() (sc demo.Scale, township, county string) {
	if os.Getenv("RENDA_BENCH_SCALE") == "county" {
		return demo.CountyScale, "330111117", "330111"
	}
	return demo.ProvinceScale, "330102001", "330102" // 上城区清波街道
}

// benchDB is a database of an engine with the scale's accounts and
// deputies (the other domains' data left out).
func benchDB(b *testing.B, e store.Engine, sc demo.Scale) *store.DB {
	db := testdb.Open(b, e)
	ctx := context.Background()
	start := time.Now()
	sum, err := demo.GenerateParts(ctx, db, sc, nil, "accounts", "deputies")
	if err != nil {
		b.Fatal(err)
	}
	if e == store.Postgres {
		db.W.ExecContext(ctx, `ANALYZE`) //nolint:errcheck
	}
	b.Logf("%s: %s in %s", e, sum, time.Since(start).Round(time.Millisecond))
	return db
}

// BenchmarkImport imports a 10,000-row sheet into a township of the scale:
// the first run adds the deputies, later runs match and update them.
func BenchmarkImport(b *testing.B) {
	sc, _, _ := benchScale()
	township := "330111117" // 大源镇: a town, whose congress takes township seats
	for _, e := range testdb.Engines {
		b.Run(string(e), func(b *testing.B) {
			db := benchDB(b, e, sc)
			sheet := benchSheet(b, 10000)
			p := &auth.Principal{Username: "township", Role: auth.Township, Scope: township}
			ctx := context.Background()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				res, err := deputies.Import(ctx, db, p, township, sheet, false, i18n.ZH)
				if err != nil {
					b.Fatal(err)
				}
				if len(res.Errors) > 0 {
					b.Fatalf("%d errors, the first %+v", len(res.Errors), res.Errors[0])
				}
				if res.Created+res.Updated != 10000 {
					b.Fatalf("%d created, %d updated", res.Created, res.Updated)
				}
				if i == 0 {
					b.ReportMetric(b.Elapsed().Seconds(), "s/first-import")
				}
			}
			b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/import")
		})
	}
}

// benchSheet writes a roster of n new deputies, one seat each, with ID
// numbers and dates typed in several forms.
func benchSheet(b *testing.B, n int) []byte {
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	head := make([]any, len(deputies.Columns))
	for i, h := range deputies.Columns {
		head[i] = h
	}
	sw.SetRow("A1", head) //nolint:errcheck
	surnames := []rune("赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张")
	given := []rune("建国华明丽娟海燕志强春秀英伟平军")
	for i := 0; i < n; i++ {
		born := time.Date(1955, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i/400)
		id := deputies.CompleteIDNumber(fmt.Sprintf("330106%s%03d", born.Format("20060102"), i%400+500))
		name := string(surnames[i%len(surnames)]) + string(given[(i/len(surnames))%len(given)]) + string(given[(i/7)%len(given)])
		birth := []string{born.Format("2006-01-02"), born.Format("2006/1/2"), born.Format("2006.1.2"), born.Format("2006年1月2日")}[i%4]
		level := []string{"乡镇级", "县级", "区级"}[i%3]
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		row := []any{name, []string{"男", "女"}[i%2], "汉族", birth, "中共党员", level, "第十八届", fmt.Sprintf("第%d选区", i%20+1),
			fmt.Sprintf("第%d代表小组", i%6+1), "", "某单位职工", "工人", "法律", fmt.Sprintf("159%08d", i), id}
		if err := sw.SetRow(cell, row); err != nil {
			b.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}
