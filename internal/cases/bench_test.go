package cases_test

import (
	"context"
	"os"
	"sort"
	"testing"
	"time"

	"renda/internal/auth"
	"renda/internal/cases"
	"renda/internal/demo"
	"renda/internal/store"
	"renda/internal/testdb"
)

// Speed targets (issue 5), with 1,000,000 opinions and suggestions at
// province scale (8,000 at county scale): lists and filters under 50 ms at
// the 95th percentile, a county's figures under 200 ms, on both engines.
//
//	go test -run '^$' -bench . -benchtime 200x -timeout 60m ./internal/cases/
//
// RENDA_BENCH_SCALE=county limits the run to the county scale.
func BenchmarkCases(b *testing.B) {
	scales := []demo.Scale{demo.CountyScale, demo.ProvinceScale}
	if os.Getenv("RENDA_BENCH_SCALE") == "county" {
		scales = scales[:1]
	}
	for _, e := range testdb.Engines {
		for _, sc := range scales {
			b.Run(string(e)+"/"+sc.Name, func(b *testing.B) {
				db := testdb.Open(b, e)
				ctx := context.Background()
				start := time.Now()
				sum, err := demo.GenerateParts(ctx, db, sc, nil, "deputies", "cases")
				if err != nil {
					b.Fatal(err)
				}
				if e == store.Postgres {
					db.W.ExecContext(ctx, `ANALYZE`) //nolint:errcheck
				} else {
					db.W.ExecContext(ctx, `ANALYZE`) //nolint:errcheck
				}
				b.Logf("%s %s: %s in %s", e, sc.Name, sum, time.Since(start).Round(time.Second))
				benchCases(b, db, sc)
			})
		}
	}
}

func benchCases(b *testing.B, db *store.DB, sc demo.Scale) {
	ctx := context.Background()
	svc := cases.New(db)
	county, township := "330111", "330111117"
	if sc.Name == "province" {
		county, township = "330102", "330102001"
	}
	var unit int64
	db.R.QueryRow(`SELECT lead_unit_id FROM cases WHERE township_code >= $1 AND township_code < $2 AND lead_unit_id IS NOT NULL LIMIT 1`, county, county+"~").Scan(&unit)
	countyStaff := &auth.Principal{Role: auth.County, Scope: county}
	townStaff := &auth.Principal{Role: auth.Township, Scope: township}
	province := &auth.Principal{Role: auth.Admin, Scope: "33"}
	lists := []struct {
		name string
		p    *auth.Principal
		f    cases.Filter
	}{
		{"township-opinions", townStaff, cases.Filter{Kinds: []cases.Kind{cases.Opinion}}},
		{"county-opinions", countyStaff, cases.Filter{Kinds: []cases.Kind{cases.Opinion}}},
		{"county-overdue", countyStaff, cases.Filter{Overdue: true}},
		{"county-status", countyStaff, cases.Filter{Status: cases.Replied, Kinds: []cases.Kind{cases.Suggestion, cases.Motion}}},
		{"county-search", countyStaff, cases.Filter{Query: "路灯"}},
		{"province-latest", province, cases.Filter{}},
		{"province-status", province, cases.Filter{Status: cases.Rehandling}},
		{"unit", &auth.Principal{Role: auth.Unit, Scope: county, UnitID: unit}, cases.Filter{}},
		{"county-page-3", countyStaff, cases.Filter{Before: 1 << 40}},
	}
	for _, l := range lists {
		b.Run("list/"+l.name, func(b *testing.B) {
			var lat latencies
			f := l.f
			for i := 0; i < b.N; i++ {
				t := time.Now()
				items, next, err := svc.List(ctx, l.p, f)
				lat = append(lat, time.Since(t))
				if err != nil {
					b.Fatal(err)
				}
				if len(items) == 0 {
					b.Fatalf("%s: empty list", l.name)
				}
				f.Before = next // walk the pages, as a user does
				if next == 0 {
					f.Before = l.f.Before
				}
			}
			lat.report(b)
		})
	}
	for _, fig := range []struct {
		name string
		p    *auth.Principal
		f    cases.FigureFilter
	}{
		{"township", townStaff, cases.FigureFilter{Township: township}},
		{"county", countyStaff, cases.FigureFilter{County: county}},
		{"county-by-township", countyStaff, cases.FigureFilter{County: county, GroupBy: "township"}},
		{"county-year", countyStaff, cases.FigureFilter{County: county, From: time.Now().AddDate(-1, 0, 0).Format(time.DateOnly)}},
		{"unit", countyStaff, cases.FigureFilter{UnitID: unit}},
	} {
		b.Run("figures/"+fig.name, func(b *testing.B) {
			var lat latencies
			for i := 0; i < b.N; i++ {
				t := time.Now()
				r, err := svc.HandlingFigures(ctx, fig.p, fig.f)
				lat = append(lat, time.Since(t))
				if err != nil || r.Total == 0 {
					b.Fatalf("%+v %v", r, err)
				}
			}
			lat.report(b)
		})
	}
}

type latencies []time.Duration

func (l latencies) report(b *testing.B) {
	if len(l) == 0 {
		return
	}
	sort.Slice(l, func(i, j int) bool { return l[i] < l[j] })
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	b.ReportMetric(ms(l[len(l)/2]), "p50-ms")
	b.ReportMetric(ms(l[len(l)*95/100]), "p95-ms")
	b.ReportMetric(ms(l[len(l)-1]), "max-ms")
}
