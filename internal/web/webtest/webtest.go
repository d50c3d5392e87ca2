// Package webtest runs the web app on a real HTTP server over a real
// database for tests, with helpers to sign in as a role, call the API and
// check a table of roles against an endpoint.
package webtest

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"renda/internal/auth"
	"renda/internal/store"
	"renda/internal/web"
)

// Password is the password of every account webtest creates.
const Password = "test-password-1"

// Server is the app on an httptest server.
type Server struct {
	*httptest.Server
	DB     *store.DB
	Auth   *auth.Service
	App    *web.App
	tokens map[string]string
}

// New starts the core app plus modules on db.
func New(t testing.TB, db *store.DB, mods ...web.Module) *Server {
	t.Helper()
	svc := auth.NewService(db)
	svc.Sleep = func(context.Context, time.Duration) {} // the throttle's delays are checked, not waited for
	return Start(t, db, svc, web.New(web.Config{DB: db, Auth: svc, Log: quietLog()}).Add(mods...))
}

// Start serves an app that is already built.
func Start(t testing.TB, db *store.DB, svc *auth.Service, app *web.App) *Server {
	t.Helper()
	srv := httptest.NewServer(app.Handler())
	t.Cleanup(srv.Close)
	return &Server{Server: srv, DB: db, Auth: svc, App: app, tokens: map[string]string{}}
}

func quietLog() *slog.Logger {
	return slog.New(slog.NewTextHandler(io.Discard, nil))
}

// User creates an account (password Password) and returns it.
func (s *Server) User(t testing.TB, username string, role auth.Role, scope string) *auth.User {
	t.Helper()
	return s.UserWith(t, auth.NewUser{Username: username, Role: role, Scope: scope})
}

// UserWith creates an account from a full NewUser (password Password).
func (s *Server) UserWith(t testing.TB, in auth.NewUser) *auth.User {
	t.Helper()
	in.Password = Password
	if in.DisplayName == "" {
		in.DisplayName = in.Username
	}
	u, err := s.Auth.CreateUser(context.Background(), auth.SystemPrincipal, in)
	if err != nil {
		t.Fatalf("create user %s: %v", in.Username, err)
	}
	return u
}

// Token signs in through the API and returns the bearer token (cached).
func (s *Server) Token(t testing.TB, username string) string {
	t.Helper()
	if tok, ok := s.tokens[username]; ok {
		return tok
	}
	res := s.Do(t, "POST", "/api/v1/auth/token", "", map[string]string{"username": username, "password": Password})
	if res.Status != http.StatusCreated {
		t.Fatalf("sign in %s: %d %s", username, res.Status, res.Body)
	}
	tok, _ := res.JSON()["token"].(string)
	s.tokens[username] = tok
	return tok
}

// Response is an answer read whole.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// JSON decodes the body as an object.
func (r *Response) JSON() map[string]any {
	var m map[string]any
	_ = json.Unmarshal(r.Body, &m)
	return m
}

// Decode decodes the body into v, failing the test on bad JSON.
func (r *Response) Decode(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		t.Fatalf("decode %s: %v", r.Body, err)
	}
}

// ErrorField is the error's field, for checking which field an error names.
func (r *Response) ErrorField() string {
	e, _ := r.JSON()["error"].(map[string]any)
	f, _ := e["field"].(string)
	return f
}

// ErrorMessage is the error's message.
func (r *Response) ErrorMessage() string {
	e, _ := r.JSON()["error"].(map[string]any)
	m, _ := e["message"].(string)
	return m
}

// Do sends a request with an optional bearer token and JSON body (a string
// or []byte body is sent as is).
func (s *Server) Do(t testing.TB, method, path, token string, body any) *Response {
	t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
	default:
		j, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		rd = bytes.NewReader(j)
	}
	req, err := http.NewRequest(method, s.URL+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	return s.send(t, http.DefaultClient, req)
}

// As sends a request as a user (signing in first); "" is the public.
func (s *Server) As(t testing.TB, username, method, path string, body any) *Response {
	t.Helper()
	tok := ""
	if username != "" {
		tok = s.Token(t, username)
	}
	return s.Do(t, method, path, tok, body)
}

// Upload posts a file as multipart form data in the named field.
func (s *Server) Upload(t testing.TB, username, path, field, filename string, content []byte) *Response {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, err := mw.CreateFormFile(field, filename)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(content) //nolint:errcheck
	mw.Close()
	req, _ := http.NewRequest("POST", s.URL+path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	if username != "" {
		req.Header.Set("Authorization", "Bearer "+s.Token(t, username))
	}
	return s.send(t, http.DefaultClient, req)
}

func (s *Server) send(t testing.TB, c *http.Client, req *http.Request) *Response {
	t.Helper()
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return &Response{Status: res.StatusCode, Header: res.Header, Body: b}
}

// Browser is a cookie-keeping client that uses the pages as a person does.
type Browser struct {
	s      *Server
	Client *http.Client
	csrf   string
}

var csrfRe = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// Browser returns a client signed in through the login form ("" stays
// signed out).
func (s *Server) Browser(t testing.TB, username string) *Browser {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	b := &Browser{s: s, Client: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	if username == "" {
		return b
	}
	b.Get(t, "/login")
	res := b.Post(t, "/login", url.Values{"username": {username}, "password": {Password}})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("form sign-in %s: %d %s", username, res.Status, res.Body)
	}
	b.Get(t, "/")
	return b
}

// Get fetches a page and remembers its CSRF token.
func (b *Browser) Get(t testing.TB, path string) *Response {
	t.Helper()
	req, _ := http.NewRequest("GET", b.s.URL+path, nil)
	res := b.s.send(t, b.Client, req)
	if m := csrfRe.FindSubmatch(res.Body); m != nil {
		b.csrf = string(m[1])
	}
	return res
}

// Post submits a form with the last page's CSRF token.
func (b *Browser) Post(t testing.TB, path string, form url.Values) *Response {
	t.Helper()
	if form.Get("csrf") == "" {
		form.Set("csrf", b.csrf)
	}
	req, _ := http.NewRequest("POST", b.s.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return b.s.send(t, b.Client, req)
}

// Case is one row of a role table: a user ("" for the public) calls an
// endpoint and must get a status, and the body must (not) contain strings.
type Case struct {
	Name     string
	User     string
	Method   string
	Path     string
	Body     any
	Status   int
	Contains []string
	Excludes []string
}

// Run checks every case as a subtest.
func (s *Server) Run(t *testing.T, cases []Case) {
	t.Helper()
	for _, c := range cases {
		name := c.Name
		if name == "" {
			who := c.User
			if who == "" {
				who = "public"
			}
			name = who + " " + c.Method + " " + c.Path
		}
		t.Run(name, func(t *testing.T) {
			res := s.As(t, c.User, c.Method, c.Path, c.Body)
			if res.Status != c.Status {
				t.Fatalf("status %d, want %d: %s", res.Status, c.Status, truncate(res.Body))
			}
			for _, want := range c.Contains {
				if !bytes.Contains(res.Body, []byte(want)) {
					t.Errorf("body lacks %q: %s", want, truncate(res.Body))
				}
			}
			for _, bad := range c.Excludes {
				if bytes.Contains(res.Body, []byte(bad)) {
					t.Errorf("body has %q: %s", bad, truncate(res.Body))
				}
			}
		})
	}
}

func truncate(b []byte) string {
	if len(b) > 600 {
		return string(b[:600]) + "…"
	}
	return string(b)
}
