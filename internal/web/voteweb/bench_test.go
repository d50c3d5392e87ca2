package voteweb_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"renda/internal/auth"
	"renda/internal/demo"
	"renda/internal/store"
	"renda/internal/testdb"
	"renda/internal/votes/votetest"
	"renda/internal/web"
	"renda/internal/web/voteweb"
	"renda/internal/web/webtest"
)

// BenchmarkCityCongressVote: the 1,000 deputies of a city congress (杭州市,
// 3301) vote over HTTP on top of the county-scale data, in two shapes:
// "minute" sends the ballots evenly over 10 seconds (six times the rate of
// all voting in one minute), each on its own connection as phones would;
// "burst" sends them as fast as 100 phones at a time can, a queue far beyond
// any session. It reports each ballot's latency (p50, p99, max; the target
// is p99 under 200 ms) and how long closing takes, which is when the result
// is ready.
func BenchmarkCityCongressVote(b *testing.B) {
	for _, eng := range testdb.Engines {
		for _, shape := range []struct {
			name   string
			window time.Duration
		}{{"minute", 10 * time.Second}, {"burst", 0}} {
			b.Run(string(eng)+"/"+shape.name, func(b *testing.B) {
				benchVote(b, testdb.Open(b, eng), shape.window)
			})
		}
	}
}

func benchVote(b *testing.B, db *store.DB, window time.Duration) {
	const deputies, parallel = 1000, 100
	ctx := context.Background()
	if _, err := demo.Generate(ctx, db, demo.CountyScale, nil); err != nil {
		b.Fatal(err)
	}
	svc := auth.NewService(db)
	svc.Sleep = func(context.Context, time.Duration) {}
	app := web.New(web.Config{DB: db, Auth: svc, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}).Add(voteweb.Module{})
	s := webtest.Start(b, db, svc, app)
	s.User(b, "admin", auth.Admin, "")
	ids := votetest.Deputies(b, db, "330111117", "3301", deputies)
	tokens := make([]string, deputies)
	for i, id := range ids {
		name := votetest.Account(b, svc, id, "330111117", webtest.Password)
		sess, _, err := svc.Login(ctx, auth.LoginInput{Username: name, Password: webtest.Password, Kind: auth.APIToken})
		if err != nil {
			b.Fatal(err)
		}
		tokens[i] = sess.Token
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: parallel}}
	var all []time.Duration
	var closing []time.Duration
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		var projects []map[string]any
		for i := range 10 {
			projects = append(projects, map[string]any{"name": fmt.Sprintf("项目%d", i+1), "investment": 1000})
		}
		res := s.As(b, "admin", "POST", "/api/v1/votes", map[string]any{"congress": "3301", "title": "杭州市民生实事项目票决", "choose": 6, "projects": projects})
		var v struct {
			ID       int64
			Projects []struct{ ID int64 }
		}
		res.Decode(b, &v)
		s.As(b, "admin", "POST", fmt.Sprintf("/api/v1/votes/%d/open", v.ID), nil)
		bodies := make([]string, deputies)
		for i := range deputies {
			var cs []string
			for j, p := range v.Projects {
				c := "for"
				if (i+j)%3 == 0 {
					c = "against"
				}
				cs = append(cs, fmt.Sprintf(`{"project_id":%d,"choice":"%s"}`, p.ID, c))
			}
			bodies[i] = `{"choices":[` + strings.Join(cs, ",") + `]}`
		}
		url := fmt.Sprintf("%s/api/v1/votes/%d/ballots", s.URL, v.ID)
		lat := make([]time.Duration, deputies)
		next := make(chan int)
		var wg sync.WaitGroup
		b.StartTimer()
		workers := parallel
		if window > 0 {
			workers = deputies // open loop: a phone per ballot, sent on schedule
		}
		start := time.Now()
		for range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range next {
					req, _ := http.NewRequest("POST", url, strings.NewReader(bodies[i]))
					req.Header.Set("Content-Type", "application/json")
					req.Header.Set("Authorization", "Bearer "+tokens[i])
					t0 := time.Now()
					res, err := client.Do(req)
					if err != nil {
						b.Error(err)
						continue
					}
					io.Copy(io.Discard, res.Body) //nolint:errcheck
					res.Body.Close()
					lat[i] = time.Since(t0)
					if res.StatusCode != http.StatusCreated {
						b.Errorf("ballot %d: status %d", i, res.StatusCode)
					}
				}
			}()
		}
		for i := range deputies {
			if window > 0 {
				time.Sleep(time.Until(start.Add(window * time.Duration(i) / deputies)))
			}
			next <- i
		}
		close(next)
		wg.Wait()
		t0 := time.Now()
		res = s.As(b, "admin", "POST", fmt.Sprintf("/api/v1/votes/%d/close", v.ID), nil)
		closing = append(closing, time.Since(t0))
		b.StopTimer()
		if res.Status != 200 || !strings.Contains(string(res.Body), fmt.Sprintf(`"cast":%d`, deputies)) {
			b.Fatalf("close: %d %.200s", res.Status, res.Body)
		}
		all = append(all, lat...)
		b.StartTimer()
	}
	b.StopTimer()
	slices.Sort(all)
	pct := func(p float64) float64 { return float64(all[int(p*float64(len(all)-1))].Microseconds()) / 1000 }
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
	b.ReportMetric(float64(all[len(all)-1].Microseconds())/1000, "max-ms")
	slices.Sort(closing)
	b.ReportMetric(float64(closing[len(closing)-1].Microseconds())/1000, "close-ms")
}
