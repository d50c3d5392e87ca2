package web

import (
	"embed"
	"io/fs"
	"net/http"
	"time"

	"renda/internal/auth"
	"renda/internal/store"
)

//go:embed static
var staticFiles embed.FS

// registerCore adds the routes every deployment has: health, static files,
// sign-in, the home page, accounts, the audit log, jurisdictions and the
// OpenAPI document. Each group lives in its own file.
func (a *App) registerCore() {
	static, _ := fs.Sub(staticFiles, "static")
	fileServer := http.StripPrefix("/static/", http.FileServerFS(static))
	a.Raw("GET /static/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		fileServer.ServeHTTP(w, r)
	})
	a.Raw("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"status":"ok"}` + "\n")) //nolint:errcheck
	})
	a.Raw("GET /readyz", a.readyz)
	a.registerSessionRoutes()
	a.registerHome()
	a.registerAccountRoutes()
	a.registerAuditRoutes()
	a.registerJurisdictionRoutes()
	a.registerOpenAPI()
	a.Nav(
		NavItem{Key: "nav.home", Path: "/", Order: 0},
		NavItem{Key: "nav.jurisdictions", Path: "/jurisdictions", Order: 80, Roles: []auth.Role{auth.Admin, auth.County, auth.Township}},
		NavItem{Key: "nav.users", Path: "/admin/users", Order: 90, Roles: []auth.Role{auth.Admin, auth.County, auth.Township}},
		NavItem{Key: "nav.audit", Path: "/audit", Order: 95, Roles: []auth.Role{auth.Admin, auth.County}},
	)
}

type readiness struct {
	Status        string `json:"status"`
	Engine        string `json:"engine"`
	SchemaVersion int    `json:"schema_version"`
	LatestVersion int    `json:"latest_version"`
	Error         string `json:"error,omitempty"`
}

// readyz answers 200 when the database answers and its schema is current,
// 503 otherwise, so a load balancer sends no traffic to an instance that
// cannot serve it.
func (a *App) readyz(w http.ResponseWriter, r *http.Request) {
	c := fromContext(r.Context())
	ctx, cancel := contextTimeout(r, 3*time.Second)
	defer cancel()
	rd := readiness{Status: "ok", Engine: string(a.DB.Engine), LatestVersion: store.LatestVersion()}
	status := http.StatusOK
	if err := a.DB.Ping(ctx); err != nil {
		rd.Status, rd.Error, status = "unavailable", "database unreachable", http.StatusServiceUnavailable
	} else if v, err := a.DB.Version(ctx); err != nil {
		rd.Status, rd.Error, status = "unavailable", "schema version unreadable", http.StatusServiceUnavailable
	} else {
		rd.SchemaVersion = v
		if v != rd.LatestVersion {
			rd.Status, rd.Error, status = "unavailable", "schema not current", http.StatusServiceUnavailable
		}
	}
	c.JSON(status, rd) //nolint:errcheck
}
