package web

import (
	"net/http"
	"net/url"

	"renda/internal/auth"
	"renda/internal/errs"
)

// Access decides who may call a route. Public routes have a nil Access.
type Access func(p *auth.Principal) bool

// SignedIn lets any signed-in user in.
func SignedIn(p *auth.Principal) bool { return p != nil }

// Roles lets in the signed-in users with one of the roles.
func Roles(rs ...auth.Role) Access {
	return func(p *auth.Principal) bool { return p.Is(rs...) }
}

// Staff lets in admins, county staff and township staff.
var Staff = Roles(auth.Admin, auth.County, auth.Township)

// Param documents a query parameter of an endpoint.
type Param struct {
	Name        string
	Description string
	Required    bool
	Type        string // "string" (default), "integer", "boolean"
}

// Endpoint is one API operation. Every endpoint is registered through API,
// which also puts it in the OpenAPI document, so the document always lists
// exactly what the server has.
type Endpoint struct {
	Method   string
	Path     string // under /api/v1, with {name} path parameters
	Summary  string // one line, English, for the OpenAPI document
	Tag      string
	Public   bool // callable without a token
	Access   Access
	Query    []Param
	Request  any // a value of the request body's type, for the schema
	Response any // a value of the response body's type, for the schema
	Status   int // success status, 200 by default
	// Multipart marks an upload: the body is multipart/form-data with a file
	// field named File.
	Multipart bool
	File      string
	// Produces is the response media type when not JSON.
	Produces string
	Handle   func(c *Ctx) error
}

// API registers an endpoint under /api/v1.
func (a *App) API(e Endpoint) {
	if e.Access == nil && !e.Public {
		e.Access = SignedIn
	}
	if e.Status == 0 {
		e.Status = http.StatusOK
	}
	ep := e
	a.endpoints = append(a.endpoints, &ep)
	a.mux.HandleFunc(e.Method+" /api/v1"+e.Path, func(w http.ResponseWriter, r *http.Request) {
		c := fromContext(r.Context())
		if !ep.Public {
			if c.User == nil {
				c.APIError(errs.New(errs.Unauthorized, "unauthorized", "", "err.unauthorized"))
				return
			}
			if !ep.Access(c.User) {
				c.APIError(errs.ForbiddenErr())
				return
			}
		}
		if !ep.Multipart {
			r.Body = http.MaxBytesReader(w, r.Body, a.maxBody)
		}
		if err := ep.Handle(c); err != nil {
			c.APIError(err)
		}
	})
}

// Page registers a server-rendered page or form handler. A nil access makes
// it public; a signed-out visitor of a guarded page is sent to the login
// page, and a signed-in user without the role gets the 403 page.
func (a *App) Page(pattern string, access Access, h func(c *Ctx) error) {
	a.pages = append(a.pages, pattern)
	a.mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
		c := fromContext(r.Context())
		if access != nil {
			if c.User == nil {
				if r.Method == http.MethodGet {
					http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
				} else {
					http.Redirect(w, r, "/login", http.StatusSeeOther)
				}
				return
			}
			if !access(c.User) {
				c.ErrorPage(http.StatusForbidden, c.T("err.forbidden"))
				return
			}
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			if !c.checkFormCSRF() {
				c.ErrorPage(http.StatusForbidden, c.T("err.csrf"))
				return
			}
		}
		if err := h(c); err != nil {
			if e, ok := errs.As(err); ok {
				c.ErrorPage(Status(e.Kind), e.Message(c.Lang))
				return
			}
			c.ErrorPage(http.StatusInternalServerError, c.ErrorMessage(err))
		}
	})
}

// Raw registers a handler outside the page and API conventions (health,
// static files).
func (a *App) Raw(pattern string, h http.HandlerFunc) {
	a.mux.HandleFunc(pattern, h)
}

// Endpoints lists the registered API endpoints (for the OpenAPI document
// and tests).
func (a *App) Endpoints() []*Endpoint { return a.endpoints }

// Pages lists the registered page routes.
func (a *App) Pages() []string { return a.pages }
