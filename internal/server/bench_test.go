package server_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strings"
	"testing"
	"time"

	"renda/internal/auth"
	"renda/internal/demo"
	"renda/internal/server"
	"renda/internal/store"
	"renda/internal/testdb"
)

// latencies collects one duration per iteration and reports the median and
// the 95th percentile, which is what the speed targets speak of.
type latencies []time.Duration

func (l latencies) report(b *testing.B) {
	if len(l) == 0 {
		return
	}
	sort.Slice(l, func(i, j int) bool { return l[i] < l[j] })
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	b.ReportMetric(ms(l[len(l)/2]), "p50-ms")
	b.ReportMetric(ms(l[len(l)*95/100]), "p95-ms")
}

// BenchmarkDemoStart measures what `renda serve --demo` does before it
// listens, from an empty database: migrate, load the division table, load
// the demo.
func BenchmarkDemoStart(b *testing.B) {
	for _, e := range testdb.Engines {
		b.Run(string(e), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				dsn := testdb.EmptyDSN(b, e)
				ctx := context.Background()
				db, err := store.Open(ctx, dsn)
				if err != nil {
					b.Fatal(err)
				}
				if err := server.Prepare(ctx, db); err != nil {
					b.Fatal(err)
				}
				if err := demo.Load(ctx, db); err != nil {
					b.Fatal(err)
				}
				db.Close()
			}
		})
	}
}

// BenchmarkFoundation measures signing in (with the production password
// cost), the accounts list page and the accounts API list, on a county's
// and a province's generated accounts, on both engines.
func BenchmarkFoundation(b *testing.B) {
	auth.PasswordCost = auth.DefaultPasswordCost
	for _, e := range testdb.Engines {
		for _, sc := range []demo.Scale{demo.CountyScale, demo.ProvinceScale} {
			b.Run(string(e)+"/"+sc.Name, func(b *testing.B) {
				db := testdb.Open(b, e)
				ctx := context.Background()
				if _, err := demo.GenerateParts(ctx, db, sc, nil, "accounts"); err != nil {
					b.Fatal(err)
				}
				svc := auth.NewService(db)
				srv := httptest.NewServer(server.New(db, svc, slog.New(slog.NewTextHandler(io.Discard, nil))).Handler())
				defer srv.Close()
				county := "c" + sc.Counties()[0].Code
				if sc.Name == "province" {
					// A province admin lists every account of the province.
					if _, err := svc.CreateUser(ctx, auth.SystemPrincipal, auth.NewUser{Username: "zj", Password: demo.Password, Role: auth.Admin, Scope: "33"}); err != nil {
						b.Fatal(err)
					}
					county = "zj"
				}
				token := signIn(b, srv.URL, county)
				cookie := formSignIn(b, srv.URL, county)

				b.Run("login", func(b *testing.B) {
					var l latencies
					for i := 0; i < b.N; i++ {
						t0 := time.Now()
						signIn(b, srv.URL, county)
						l = append(l, time.Since(t0))
					}
					l.report(b)
				})
				b.Run("users_page", func(b *testing.B) {
					var l latencies
					for i := 0; i < b.N; i++ {
						t0 := time.Now()
						get(b, srv.URL+"/admin/users?role=township", "", cookie)
						l = append(l, time.Since(t0))
					}
					l.report(b)
				})
				b.Run("users_api", func(b *testing.B) {
					var l latencies
					for i := 0; i < b.N; i++ {
						t0 := time.Now()
						get(b, srv.URL+"/api/v1/users?role=township&limit=50", token, nil)
						l = append(l, time.Since(t0))
					}
					l.report(b)
				})
			})
		}
	}
}

func signIn(b *testing.B, base, user string) string {
	res, err := http.Post(base+"/api/v1/auth/token", "application/json",
		strings.NewReader(fmt.Sprintf(`{"username":%q,"password":%q}`, user, demo.Password)))
	if err != nil {
		b.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != 201 {
		b.Fatalf("sign in %s: %d %s", user, res.StatusCode, body)
	}
	s := string(body)
	i := strings.Index(s, `"token":"`) + len(`"token":"`)
	return s[i : i+strings.Index(s[i:], `"`)]
}

func formSignIn(b *testing.B, base, user string) *http.Cookie {
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := c.Get(base + "/login")
	if err != nil {
		b.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	var csrf *http.Cookie
	for _, ck := range res.Cookies() {
		if ck.Name == "renda_csrf" {
			csrf = ck
		}
	}
	s := string(body)
	i := strings.Index(s, `name="csrf" value="`) + len(`name="csrf" value="`)
	tok := s[i : i+strings.Index(s[i:], `"`)]
	req, _ := http.NewRequest("POST", base+"/login", strings.NewReader(url.Values{"csrf": {tok}, "username": {user}, "password": {demo.Password}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.AddCookie(csrf)
	res, err = c.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	res.Body.Close()
	for _, ck := range res.Cookies() {
		if ck.Name == "renda_session" {
			return ck
		}
	}
	b.Fatalf("form sign-in failed: %d", res.StatusCode)
	return nil
}

func get(b *testing.B, u, token string, cookie *http.Cookie) {
	req, _ := http.NewRequest("GET", u, nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if cookie != nil {
		req.AddCookie(cookie)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	io.Copy(io.Discard, res.Body) //nolint:errcheck
	res.Body.Close()
	if res.StatusCode != 200 {
		b.Fatalf("%s: %d", u, res.StatusCode)
	}
}
