package web

import (
	"net/http"
	"strconv"
	"time"

	"renda/internal/audit"
	"renda/internal/auth"
	"renda/internal/errs"
)

type auditPage struct {
	Entries  []audit.Entry
	Filter   audit.Filter
	From, To string
	Next     string
}

var auditAccess = Roles(auth.Admin, auth.County)

// auditFilter reads the filter from the query; the scope is always the
// caller's own.
func (c *Ctx) auditFilter() (audit.Filter, error) {
	f := audit.Filter{Scope: c.User.Scope, Entity: c.Query("entity"), EntityID: c.Query("entity_id"),
		Actor: c.Query("actor"), Action: c.Query("action")}
	var err error
	if f.From, err = c.queryDate("from"); err != nil {
		return f, err
	}
	if f.To, err = c.queryDate("to"); err != nil {
		return f, err
	}
	if !f.To.IsZero() {
		f.To = f.To.AddDate(0, 0, 1) // the To day is included
	}
	if f.Before, err = c.cursorID(); err != nil {
		return f, err
	}
	return f, nil
}

// queryDate parses an optional YYYY-MM-DD query parameter in local time.
func (c *Ctx) queryDate(name string) (time.Time, error) {
	s := c.Query(name)
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.ParseInLocation("2006-01-02", s, time.Local)
	if err != nil {
		return time.Time{}, errs.Field(name, "invalid_date", "err.date_format", name)
	}
	return t, nil
}

func (a *App) registerAuditRoutes() {
	a.Page("GET /audit", auditAccess, func(c *Ctx) error {
		f, err := c.auditFilter()
		if err != nil {
			return err
		}
		entries, next, err := audit.List(c.Context(), a.DB.R, f)
		if err != nil {
			return err
		}
		page := auditPage{Entries: entries, Filter: f, From: c.Query("from"), To: c.Query("to")}
		if next > 0 {
			q := c.R.URL.Query()
			q.Set("cursor", strconv.FormatInt(next, 10))
			page.Next = "/audit?" + q.Encode()
		}
		return c.Render(http.StatusOK, "core/audit.html", "title.audit", page)
	})
	a.API(Endpoint{
		Method: "GET", Path: "/audit", Tag: "audit", Access: auditAccess,
		Summary: "Browse the audit log within the caller's scope, newest first",
		Query: []Param{{Name: "entity"}, {Name: "entity_id"}, {Name: "actor", Description: "username"}, {Name: "action"},
			{Name: "from", Description: "YYYY-MM-DD"}, {Name: "to", Description: "YYYY-MM-DD, included"}, cursorParam, limitParam},
		Response: List[audit.Entry]{},
		Handle: func(c *Ctx) error {
			f, err := c.auditFilter()
			if err != nil {
				return err
			}
			if f.Limit, err = c.Limit(); err != nil {
				return err
			}
			entries, next, err := audit.List(c.Context(), a.DB.R, f)
			if err != nil {
				return err
			}
			return c.JSON(http.StatusOK, NewList(entries, idCursor(next)))
		},
	})
}
