// Package web turns HTTP into calls on the domain packages: the router with
// every route and its access rule, the middleware chain, sessions and CSRF,
// server-rendered pages, and the JSON API with its OpenAPI document. Domain
// modules add their routes, templates, navigation and home-page figures.
package web

import (
	"context"
	"io/fs"
	"log/slog"
	"net/http"
	"sort"

	"renda/internal/auth"
	"renda/internal/i18n"
	"renda/internal/store"
)

// Config is what the web app needs from its wiring.
type Config struct {
	DB      *store.DB
	Auth    *auth.Service
	Log     *slog.Logger
	MaxBody int64 // largest request body accepted; uploads set their own
}

// App is the web application: routes, views and the extension points
// modules fill.
type App struct {
	DB   *store.DB
	Auth *auth.Service
	Log  *slog.Logger

	maxBody     int64
	mux         *http.ServeMux
	endpoints   []*Endpoint
	pages       []string
	views       *views
	nav         []NavItem
	cards       []CardSource
	publicLinks []NavItem
}

// Module is a part of the product that adds its routes and views.
type Module interface {
	Register(a *App)
}

// New makes the app with the core routes; modules are added with Add.
func New(cfg Config) *App {
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	if cfg.MaxBody == 0 {
		cfg.MaxBody = 1 << 20
	}
	a := &App{DB: cfg.DB, Auth: cfg.Auth, Log: cfg.Log, maxBody: cfg.MaxBody, mux: http.NewServeMux(), views: newViews()}
	a.registerCore()
	return a
}

// Add registers modules.
func (a *App) Add(mods ...Module) *App {
	for _, m := range mods {
		m.Register(a)
	}
	return a
}

// Templates adds a module's page templates under a name prefix ("deputies"
// makes "deputies/list.html").
func (a *App) Templates(prefix string, fsys fs.FS) {
	a.views.add(prefix, fsys)
}

// NavItem is an entry of the navigation bar (or of the public links).
type NavItem struct {
	Key   string // i18n key of the label
	Path  string
	Order int
	Roles []auth.Role // empty: every signed-in user
}

func (n NavItem) visible(p *auth.Principal) bool {
	if len(n.Roles) == 0 {
		return true
	}
	return p.Is(n.Roles...)
}

// Nav adds a navigation entry.
func (a *App) Nav(items ...NavItem) {
	a.nav = append(a.nav, items...)
	sort.SliceStable(a.nav, func(i, j int) bool { return a.nav[i].Order < a.nav[j].Order })
}

// PublicLink adds a link shown on public pages.
func (a *App) PublicLink(items ...NavItem) {
	a.publicLinks = append(a.publicLinks, items...)
	sort.SliceStable(a.publicLinks, func(i, j int) bool { return a.publicLinks[i].Order < a.publicLinks[j].Order })
}

// Card is one figure on a home page.
type Card struct {
	Label i18n.Msg
	Value string
	Note  i18n.Msg
	Link  string
	Alert bool // shown in warning colour: something needs attention
	Order int
}

// CardSource gives the home-page figures of one module for a user.
type CardSource func(ctx context.Context, p *auth.Principal) ([]Card, error)

// HomeCards adds a source of home-page figures.
func (a *App) HomeCards(src CardSource) { a.cards = append(a.cards, src) }

// Handler is the app behind its middleware chain.
func (a *App) Handler() http.Handler {
	a.views.mustParse()
	return a.chain(a.mux)
}
