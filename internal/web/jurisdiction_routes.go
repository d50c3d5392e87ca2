package web

import (
	"net/http"
	"net/url"

	"renda/internal/errs"
	"renda/internal/jurisdiction"
	"renda/internal/store"
)

type jurisdictionPage struct {
	Path  []jurisdiction.Unit
	Units []jurisdiction.Unit
	Next  string
}

type jurisdictionDetail struct {
	jurisdiction.Unit
	Parents []jurisdiction.Unit `json:"parents"`
}

// parentParam reads ?parent=, accepting the 12-digit padded form too.
func (c *Ctx) parentParam() (string, error) {
	p := c.Query("parent")
	if p == "" {
		return "", nil
	}
	code, err := jurisdiction.Normalize(p)
	if err != nil {
		return "", errs.Field("parent", "invalid_code", "err.code_format")
	}
	return code, nil
}

func (a *App) registerJurisdictionRoutes() {
	a.Page("GET /jurisdictions", Staff, func(c *Ctx) error {
		parent, err := c.parentParam()
		if err != nil {
			return err
		}
		page := jurisdictionPage{}
		if parent != "" {
			if page.Path, err = jurisdiction.Path(c.Context(), a.DB.R, parent); err != nil {
				if err == store.ErrNotFound {
					return errs.NotFoundErr("entity.jurisdiction")
				}
				return err
			}
		}
		units, next, err := jurisdiction.Children(c.Context(), a.DB.R, parent, c.Query("cursor"), 200)
		if err != nil {
			return err
		}
		page.Units = units
		if next != "" {
			page.Next = "/jurisdictions?parent=" + url.QueryEscape(parent) + "&cursor=" + url.QueryEscape(next)
		}
		return c.Render(http.StatusOK, "core/jurisdictions.html", "title.jurisdictions", page)
	})
	a.API(Endpoint{
		Method: "GET", Path: "/jurisdictions", Tag: "jurisdictions",
		Summary:  "List the units directly under a parent (provinces when parent is omitted)",
		Query:    []Param{{Name: "parent", Description: "division code of the parent unit"}, cursorParam, limitParam},
		Response: List[jurisdiction.Unit]{},
		Handle: func(c *Ctx) error {
			parent, err := c.parentParam()
			if err != nil {
				return err
			}
			limit, err := c.Limit()
			if err != nil {
				return err
			}
			if parent != "" {
				if _, err := jurisdiction.Get(c.Context(), a.DB.R, parent); err != nil {
					if err == store.ErrNotFound {
						return errs.NotFoundErr("entity.jurisdiction")
					}
					return err
				}
			}
			units, next, err := jurisdiction.Children(c.Context(), a.DB.R, parent, c.Query("cursor"), limit)
			if err != nil {
				return err
			}
			return c.JSON(http.StatusOK, NewList(units, next))
		},
	})
	a.API(Endpoint{
		Method: "GET", Path: "/jurisdictions/{code}", Tag: "jurisdictions",
		Summary:  "One unit with its parents, from the province down",
		Response: jurisdictionDetail{},
		Handle: func(c *Ctx) error {
			code, err := jurisdiction.Normalize(c.R.PathValue("code"))
			if err != nil {
				return errs.Field("code", "invalid_code", "err.code_format")
			}
			path, err := jurisdiction.Path(c.Context(), a.DB.R, code)
			if err == store.ErrNotFound {
				return errs.NotFoundErr("entity.jurisdiction")
			}
			if err != nil {
				return err
			}
			return c.JSON(http.StatusOK, jurisdictionDetail{Unit: path[len(path)-1], Parents: path[:len(path)-1]})
		},
	})
}
