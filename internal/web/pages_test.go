package web_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"renda/internal/store"
	"renda/internal/testdb"
	"renda/internal/web/webtest"
)

func TestSignInAndOut(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		s := webtest.New(t, db)
		accounts(t, s)
		b := s.Browser(t, "")
		page := b.Get(t, "/login")
		if page.Status != 200 || !strings.Contains(string(page.Body), `<html lang="zh-CN">`) || !strings.Contains(string(page.Body), "用户登录") {
			t.Fatalf("login page: %d", page.Status)
		}
		res := b.Post(t, "/login", url.Values{"username": {"dayuan"}, "password": {"wrong-password"}})
		if res.Status != 401 || !strings.Contains(string(res.Body), "用户名或密码不正确") {
			t.Fatalf("wrong password: %d", res.Status)
		}
		res = b.Post(t, "/login", url.Values{"username": {"dayuan"}, "password": {webtest.Password}, "next": {"/admin/users"}})
		if res.Status != http.StatusSeeOther || res.Header.Get("Location") != "/admin/users" {
			t.Fatalf("sign in: %d %s", res.Status, res.Header.Get("Location"))
		}
		ck := res.Header.Get("Set-Cookie")
		for _, want := range []string{"renda_session=", "HttpOnly", "SameSite=Lax"} {
			if !strings.Contains(ck, want) {
				t.Errorf("session cookie %q lacks %s", ck, want)
			}
		}
		if strings.Contains(ck, "Secure") {
			t.Error("Secure cookie over plain HTTP would never be sent back")
		}
		// An outside address after sign-in is not followed.
		b2 := s.Browser(t, "")
		b2.Get(t, "/login")
		res = b2.Post(t, "/login", url.Values{"username": {"dayuan"}, "password": {webtest.Password}, "next": {"//evil.example/"}})
		if res.Header.Get("Location") != "/" {
			t.Errorf("open redirect to %s", res.Header.Get("Location"))
		}

		home := b.Get(t, "/")
		if !strings.Contains(string(home.Body), "工作台") || !strings.Contains(string(home.Body), "村（社区）") {
			t.Fatalf("home: %s", home.Body)
		}
		res = b.Post(t, "/logout", url.Values{})
		if res.Status != http.StatusSeeOther {
			t.Fatalf("logout: %d", res.Status)
		}
		if res := b.Get(t, "/admin/users"); res.Status != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/login") {
			t.Errorf("after logout: %d %s", res.Status, res.Header.Get("Location"))
		}
	})
}

func TestFormsNeedTheirToken(t *testing.T) {
	db := testdb.Open(t, store.SQLite)
	s := webtest.New(t, db)
	accounts(t, s)
	b := s.Browser(t, "fuyang")
	res := b.Post(t, "/admin/users", url.Values{"csrf": {"forged"}, "username": {"x1"}, "role": {"township"}, "scope": {"330111117"}, "password": {"password-123"}})
	if res.Status != 403 || !strings.Contains(string(res.Body), "页面已过期") {
		t.Fatalf("forged token: %d", res.Status)
	}
	// A cross-site form post is refused before it reaches the handler.
	req, _ := http.NewRequest("POST", s.URL+"/login", strings.NewReader("username=dayuan&password=x"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	req.Header.Set("Origin", "http://evil.example")
	r, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	r.Body.Close()
	if r.StatusCode != 403 {
		t.Errorf("cross-site post: %d", r.StatusCode)
	}
	// The API reached with a session cookie needs the token in a header.
	req, _ = http.NewRequest("POST", s.URL+"/api/v1/users", strings.NewReader(`{}`))
	req.Header.Set("Content-Type", "application/json")
	r, err = b.Client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	r.Body.Close()
	if r.StatusCode != 403 {
		t.Errorf("cookie API write without token: %d", r.StatusCode)
	}
}

func TestAccountPages(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		s := webtest.New(t, db)
		u := accounts(t, s)
		b := s.Browser(t, "dayuan")
		list := string(b.Get(t, "/admin/users").Body)
		if !strings.Contains(list, "officer") || strings.Contains(list, "huyuan") {
			t.Fatalf("account list is not scoped")
		}
		form := string(b.Get(t, "/admin/users/new").Body)
		if strings.Contains(form, `value="county"`) || !strings.Contains(form, `value="liaison"`) {
			t.Errorf("role choices: township staff are offered roles they cannot create")
		}
		res := b.Post(t, "/admin/users", url.Values{"username": {"新人"}, "role": {"liaison"}, "scope": {"330111117"}, "password": {"password-123"}})
		if res.Status != 422 || !strings.Contains(string(res.Body), "用户名须为") {
			t.Fatalf("bad username: %d", res.Status)
		}
		res = b.Post(t, "/admin/users", url.Values{"username": {"officer3"}, "display_name": {"王芳"}, "role": {"liaison"}, "scope": {"330111117"}, "password": {"password-123"}})
		if res.Status != http.StatusSeeOther {
			t.Fatalf("create: %d %s", res.Status, res.Body)
		}
		if list := string(b.Get(t, "/admin/users").Body); !strings.Contains(list, "王芳") || !strings.Contains(list, "账号已创建") {
			t.Error("new account or its notice missing")
		}
		// The county disables the township's officer through the page.
		c := s.Browser(t, "fuyang")
		c.Get(t, "/admin/users")
		if res := c.Post(t, "/admin/users/"+itoa(u["officer"].ID)+"/disable", url.Values{}); res.Status != http.StatusSeeOther {
			t.Fatalf("disable: %d", res.Status)
		}
		if res := s.Do(t, "POST", "/api/v1/auth/token", "", map[string]string{"username": "officer", "password": webtest.Password}); res.Status != 401 {
			t.Errorf("disabled officer signed in: %d", res.Status)
		}
		// A township cannot disable the county's staff, even by forging the URL.
		b.Get(t, "/admin/users")
		if res := b.Post(t, "/admin/users/"+itoa(u["fuyang"].ID)+"/disable", url.Values{}); res.Status != 404 {
			t.Errorf("township disabled county staff: %d", res.Status)
		}
		// Deputies have no account pages.
		d := s.Browser(t, "deputy")
		if res := d.Get(t, "/admin/users"); res.Status != 403 {
			t.Errorf("deputy on account page: %d", res.Status)
		}
	})
}

func TestChangeOwnPassword(t *testing.T) {
	db := testdb.Open(t, store.SQLite)
	s := webtest.New(t, db)
	accounts(t, s)
	b := s.Browser(t, "huyuan")
	b.Get(t, "/account/password")
	res := b.Post(t, "/account/password", url.Values{"old_password": {webtest.Password}, "new_password": {"brand-new-pass"}, "new_password_again": {"brand-new-pasz"}})
	if res.Status != 422 || !strings.Contains(string(res.Body), "两次输入的新密码不一致") {
		t.Fatalf("mismatch: %d", res.Status)
	}
	res = b.Post(t, "/account/password", url.Values{"old_password": {"nope-nope"}, "new_password": {"brand-new-pass"}, "new_password_again": {"brand-new-pass"}})
	if res.Status != 422 || !strings.Contains(string(res.Body), "原密码不正确") {
		t.Fatalf("wrong old: %d", res.Status)
	}
	res = b.Post(t, "/account/password", url.Values{"old_password": {webtest.Password}, "new_password": {"brand-new-pass"}, "new_password_again": {"brand-new-pass"}})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("change: %d %s", res.Status, res.Body)
	}
	if res := s.Do(t, "POST", "/api/v1/auth/token", "", map[string]string{"username": "huyuan", "password": "brand-new-pass"}); res.Status != 201 {
		t.Errorf("new password refused: %d", res.Status)
	}
}

func TestLanguageSwitch(t *testing.T) {
	db := testdb.Open(t, store.SQLite)
	s := webtest.New(t, db)
	accounts(t, s)
	b := s.Browser(t, "fuyang")
	en := string(b.Get(t, "/?lang=en").Body)
	if !strings.Contains(en, `<html lang="en">`) || !strings.Contains(en, "Dashboard") || !strings.Contains(en, "中文") {
		t.Fatalf("English page: %s", en)
	}
	// The choice is remembered.
	if page := string(b.Get(t, "/admin/users").Body); !strings.Contains(page, "Accounts") {
		t.Error("language not remembered")
	}
	if page := string(b.Get(t, "/?lang=zh-CN").Body); !strings.Contains(page, "工作台") {
		t.Error("back to Chinese failed")
	}
}

func TestAuditAndJurisdictionPages(t *testing.T) {
	db := testdb.Open(t, store.Postgres)
	s := webtest.New(t, db)
	accounts(t, s)
	b := s.Browser(t, "fuyang")
	page := string(b.Get(t, "/audit?entity=user").Body)
	if !strings.Contains(page, "dayuan") || strings.Contains(page, "xihu") {
		t.Error("audit page is not scoped")
	}
	if res := b.Get(t, "/audit?from=2026-02-30"); res.Status != 422 {
		t.Errorf("bad date: %d", res.Status)
	}
	page = string(b.Get(t, "/jurisdictions?parent=330111117").Body)
	if !strings.Contains(page, "勤功村委会") || !strings.Contains(page, "浙江省") {
		t.Error("jurisdiction page lacks the villages or the path")
	}
	if res := s.Browser(t, "dayuan").Get(t, "/audit"); res.Status != 403 {
		t.Errorf("township staff on the audit page: %d", res.Status)
	}
}

func TestHealthAndReadiness(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		s := webtest.New(t, db)
		if res := s.Do(t, "GET", "/healthz", "", nil); res.Status != 200 {
			t.Fatalf("healthz %d", res.Status)
		}
		res := s.Do(t, "GET", "/readyz", "", nil)
		var r struct {
			Status        string
			SchemaVersion int `json:"schema_version"`
			LatestVersion int `json:"latest_version"`
		}
		res.Decode(t, &r)
		if res.Status != 200 || r.Status != "ok" || r.SchemaVersion != store.LatestVersion() || r.SchemaVersion == 0 {
			t.Fatalf("readyz %d %+v", res.Status, r)
		}
		if res.Header.Get("X-Request-Id") == "" {
			t.Error("no request id")
		}
		// A database whose schema lags is not ready.
		if _, err := db.W.Exec(`DELETE FROM schema_migrations WHERE version = (SELECT MAX(version) FROM schema_migrations)`); err != nil {
			t.Fatal(err)
		}
		if res := s.Do(t, "GET", "/readyz", "", nil); res.Status != 503 {
			t.Errorf("readyz with an old schema: %d", res.Status)
		}
	})
}

func TestSetupLink(t *testing.T) {
	db := testdb.Open(t, store.SQLite)
	s := webtest.New(t, db)
	tok, err := s.Auth.NewSetupToken(t.Context())
	if err != nil || tok == "" {
		t.Fatal(err)
	}
	b := s.Browser(t, "")
	if res := b.Get(t, "/setup/"+tok); res.Status != 200 {
		t.Fatalf("setup page %d", res.Status)
	}
	res := b.Post(t, "/setup/"+tok, url.Values{"username": {"chief"}, "password": {"a-long-password"}})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("setup %d %s", res.Status, res.Body)
	}
	if res := b.Get(t, "/setup/"+tok); res.Status != 404 {
		t.Errorf("setup link works twice: %d", res.Status)
	}
	if res := s.Do(t, "POST", "/api/v1/auth/token", "", map[string]string{"username": "chief", "password": "a-long-password"}); res.Status != 201 {
		t.Errorf("first admin cannot sign in: %d", res.Status)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// Over TLS the session cookie is Secure.
func TestSecureCookieOverTLS(t *testing.T) {
	db := testdb.Open(t, store.SQLite)
	s := webtest.New(t, db)
	accounts(t, s)
	tls := httptest.NewTLSServer(s.App.Handler())
	defer tls.Close()
	c := tls.Client()
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	res, err := c.Get(tls.URL + "/login")
	if err != nil {
		t.Fatal(err)
	}
	body := readAll(t, res)
	csrf := regexp.MustCompile(`name="csrf" value="([^"]+)"`).FindStringSubmatch(body)[1]
	req, _ := http.NewRequest("POST", tls.URL+"/login", strings.NewReader(url.Values{"csrf": {csrf}, "username": {"dayuan"}, "password": {webtest.Password}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for _, ck := range res.Cookies() {
		req.AddCookie(ck)
	}
	res, err = c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if ck := res.Header.Get("Set-Cookie"); res.StatusCode != http.StatusSeeOther || !strings.Contains(ck, "Secure") || !strings.Contains(ck, "HttpOnly") {
		t.Errorf("TLS sign-in: %d, cookie %q", res.StatusCode, ck)
	}
}

func readAll(t *testing.T, r *http.Response) string {
	t.Helper()
	defer r.Body.Close()
	b, err := io.ReadAll(r.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
