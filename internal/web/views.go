package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"sort"
	"strings"
	"time"

	"renda/internal/auth"
	"renda/internal/i18n"
	"renda/internal/jurisdiction"
)

//go:embed templates
var coreTemplates embed.FS

// views holds every page template, each parsed once at start on top of the
// shared layout, so a broken template stops the server from starting rather
// than failing a user later.
type views struct {
	sources []viewSource
	pages   map[string]*template.Template
}

type viewSource struct {
	prefix string
	fsys   fs.FS
}

func newViews() *views {
	sub, _ := fs.Sub(coreTemplates, "templates")
	return &views{sources: []viewSource{{"core", sub}}}
}

func (v *views) add(prefix string, fsys fs.FS) {
	v.sources = append(v.sources, viewSource{prefix, fsys})
}

// Funcs available in every template. Language-dependent text goes through
// the page's T method instead.
var Funcs = template.FuncMap{
	"date":      FormatDate,
	"datetime":  FormatDateTime,
	"percent":   FormatPercent,
	"add":       func(a, b int) int { return a + b },
	"jname":     func(code string) string { return jurisdiction.National().FullName(code) },
	"jshort":    shortJurisdictionName,
	"join":      strings.Join,
	"lower":     strings.ToLower,
	"safeURL":   func(s string) template.URL { return template.URL(s) },
	"hasPrefix": strings.HasPrefix,
}

func shortJurisdictionName(code string) string {
	if u, ok := jurisdiction.National().Get(code); ok {
		return u.Name
	}
	return code
}

// FormatDate writes a date the way Chinese offices do: 2026-03-02.
func FormatDate(v any) string {
	switch t := v.(type) {
	case time.Time:
		if t.IsZero() {
			return ""
		}
		return t.Format("2006-01-02")
	case int64:
		if t == 0 {
			return ""
		}
		return time.Unix(t, 0).Format("2006-01-02")
	case string:
		return t
	}
	return fmt.Sprint(v)
}

// FormatDateTime writes a time to the minute: 2026-03-02 14:05.
func FormatDateTime(v any) string {
	switch t := v.(type) {
	case time.Time:
		if t.IsZero() {
			return ""
		}
		return t.Format("2006-01-02 15:04")
	case int64:
		if t == 0 {
			return ""
		}
		return time.Unix(t, 0).Format("2006-01-02 15:04")
	}
	return fmt.Sprint(v)
}

// FormatPercent writes a rate from 0 to 1 as a percentage with one decimal.
func FormatPercent(r float64) string { return fmt.Sprintf("%.1f%%", r*100) }

func (v *views) mustParse() {
	if v.pages != nil {
		return
	}
	base := template.New("layout").Funcs(Funcs)
	partials, err := fs.Glob(coreTemplates, "templates/partials/*.html")
	if err != nil {
		panic(err)
	}
	template.Must(base.ParseFS(coreTemplates, append([]string{"templates/layout.html"}, partials...)...))
	v.pages = map[string]*template.Template{}
	for _, src := range v.sources {
		files, err := fs.Glob(src.fsys, "*.html")
		if err != nil {
			panic(err)
		}
		for _, f := range files {
			if f == "layout.html" {
				continue
			}
			t := template.Must(base.Clone())
			template.Must(t.ParseFS(src.fsys, f))
			v.pages[src.prefix+"/"+path.Base(f)] = t
		}
	}
}

// Names lists every page template (for the template test).
func (a *App) TemplateNames() []string {
	a.views.mustParse()
	out := make([]string, 0, len(a.views.pages))
	for k := range a.views.pages {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Page is what every template gets: the request (for T, the user, the CSRF
// token and the language), the title, navigation and the page's own data.
type Page struct {
	*Ctx
	Title   string
	Nav     []NavItem
	Public  []NavItem
	Flash   string
	Error   string
	Data    any
	Current string
}

// RoleLabel is the user's role in the page's language.
func (p *Page) RoleLabel() string {
	if p.User == nil {
		return ""
	}
	return p.T("role." + string(p.User.Role))
}

// OtherLang is the language the switch offers.
func (p *Page) OtherLang() i18n.Lang {
	if p.Lang == i18n.EN {
		return i18n.ZH
	}
	return i18n.EN
}

// Active reports whether a navigation path is the current section.
func (p *Page) Active(path string) bool {
	if path == "/" {
		return p.Current == "/"
	}
	return strings.HasPrefix(p.Current, path)
}

// Render writes a page with a status. The page is rendered to a buffer
// first, so a template failure never sends half a page.
func (c *Ctx) Render(status int, name, titleKey string, data any) error {
	return c.RenderPage(status, name, &Page{Title: c.T(titleKey), Data: data})
}

// RenderPage writes a page whose Page the handler filled (flash, error).
func (c *Ctx) RenderPage(status int, name string, p *Page) error {
	t, ok := c.App.views.pages[name]
	if !ok {
		return fmt.Errorf("no template %q", name)
	}
	p.Ctx = c
	p.Current = c.R.URL.Path
	for _, n := range c.App.nav {
		if c.User != nil && n.visible(c.User) {
			p.Nav = append(p.Nav, n)
		}
	}
	p.Public = c.App.publicLinks
	if p.Flash == "" {
		p.Flash = c.takeFlash()
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", p); err != nil {
		return err
	}
	h := c.W.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	c.W.WriteHeader(status)
	_, err := buf.WriteTo(c.W)
	return err
}

// ErrorPage shows a message on the error page.
func (c *Ctx) ErrorPage(status int, msg string) {
	if err := c.RenderPage(status, "core/error.html", &Page{Title: c.T("title.error"), Error: msg, Data: status}); err != nil {
		http.Error(c.W, msg, status)
	}
}

const flashCookie = "renda_flash"

// Flash keeps a one-time message for the next page (after a redirect). The
// value is a message key, so nothing user-typed goes into the cookie.
func (c *Ctx) Flash(key string) {
	http.SetCookie(c.W, &http.Cookie{Name: flashCookie, Value: key, Path: "/", MaxAge: 60, HttpOnly: true, SameSite: http.SameSiteLaxMode})
}

func (c *Ctx) takeFlash() string {
	ck, err := c.R.Cookie(flashCookie)
	if err != nil || ck.Value == "" || !i18n.Has(ck.Value) {
		return ""
	}
	http.SetCookie(c.W, &http.Cookie{Name: flashCookie, Value: "", Path: "/", MaxAge: -1})
	return c.T(ck.Value)
}

// roleKeys are the role labels for select boxes.
func roleKeys() []auth.Role { return auth.Roles }

// Msg translates a deferred message in the page's language.
func (p *Page) Msg(m i18n.Msg) string {
	if m.Key == "" {
		return ""
	}
	return i18n.Render(p.Lang, m)
}
