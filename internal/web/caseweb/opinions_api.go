package caseweb

import (
	"net/http"

	"renda/internal/auth"
	"renda/internal/cases"
	"renda/internal/errs"
	"renda/internal/web"
)

// Detail is a case with its replies and history.
type Detail struct {
	*cases.Case
	Replies []cases.ReplyRecord `json:"replies"`
	History []cases.Event       `json:"history"`
}

var entryRoles = web.Roles(auth.Admin, auth.County, auth.Township, auth.Liaison, auth.Deputy)

type mergeRequest struct {
	Into int64   `json:"into"`
	IDs  []int64 `json:"ids"`
}

func (m *Module) opinionAPI(a *web.App) {
	a.API(web.Endpoint{
		Method: "POST", Path: "/opinions", Tag: "opinions", Summary: "Enter an opinion (staff, liaison officers, deputies)",
		Access: entryRoles, Request: cases.NewOpinion{}, Response: cases.Receipt{}, Status: http.StatusCreated,
		Handle: func(c *web.Ctx) error {
			var in cases.NewOpinion
			if err := c.Decode(&in); err != nil {
				return err
			}
			r, err := m.Cases.CreateOpinion(c.Context(), c.User, in)
			if err != nil {
				return err
			}
			return c.JSON(http.StatusCreated, r)
		},
	})
	a.API(web.Endpoint{
		Method: "GET", Path: "/opinions", Tag: "opinions", Summary: "Opinions the caller may see, newest first",
		Access: web.SignedIn, Response: web.List[cases.Case]{}, Query: listParams,
		Handle: func(c *web.Ctx) error { return m.listAPI(c, cases.Opinion) },
	})
	a.API(web.Endpoint{
		Method: "GET", Path: "/opinions/{id}", Tag: "opinions", Summary: "One opinion with its replies and history",
		Access: web.SignedIn, Response: Detail{},
		Handle: func(c *web.Ctx) error { return m.detailAPI(c, cases.Opinion) },
	})
	a.API(web.Endpoint{
		Method: "POST", Path: "/opinions/{id}/route", Tag: "opinions", Summary: "Triage an opinion by jurisdiction: township, district, beyond or suggestion",
		Access: web.Staff, Request: cases.Routing{}, Response: cases.Case{},
		Handle: func(c *web.Ctx) error {
			id, err := c.PathID("id", "cases.entity.opinion")
			if err != nil {
				return err
			}
			var in cases.Routing
			if err := c.Decode(&in); err != nil {
				return err
			}
			cs, err := m.Cases.Route(c.Context(), c.User, id, in)
			if err != nil {
				return err
			}
			return c.JSON(http.StatusOK, cs)
		},
	})
	a.API(web.Endpoint{
		Method: "POST", Path: "/opinions/merge", Tag: "opinions", Summary: "Merge duplicate opinions into one; lists the constituents to tell",
		Access: web.Staff, Request: mergeRequest{}, Response: cases.MergeResult{},
		Handle: func(c *web.Ctx) error {
			var in mergeRequest
			if err := c.Decode(&in); err != nil {
				return err
			}
			if in.Into == 0 {
				return errs.Required("into", "cases.field.merge_into")
			}
			res, err := m.Cases.Merge(c.Context(), c.User, in.Into, in.IDs)
			if err != nil {
				return err
			}
			return c.JSON(http.StatusOK, res)
		},
	})
}

var listParams = []web.Param{
	{Name: "status"}, {Name: "township", Description: "division code prefix"}, {Name: "channel"},
	{Name: "unit", Type: "integer"}, {Name: "deputy", Type: "integer"}, {Name: "station", Type: "integer"},
	{Name: "overdue", Type: "boolean"}, {Name: "q", Description: "words in the title"},
	{Name: "from", Description: "YYYY-MM-DD"}, {Name: "to", Description: "YYYY-MM-DD, exclusive"},
	{Name: "cursor"}, {Name: "limit", Type: "integer"},
}

// filterOf reads the list filters of a request.
func filterOf(c *web.Ctx, kinds ...cases.Kind) (cases.Filter, error) {
	limit, err := c.Limit()
	if err != nil {
		return cases.Filter{}, err
	}
	f := cases.Filter{Kinds: kinds, Status: cases.Status(c.Query("status")), Township: c.Query("township"),
		Channel: c.Query("channel"), Overdue: c.Query("overdue") == "true" || c.Query("overdue") == "1",
		Query: c.Query("q"), From: c.Query("from"), To: c.Query("to"), Before: cursor(c), Limit: limit}
	for _, p := range []struct {
		name string
		dst  *int64
	}{{"unit", &f.UnitID}, {"deputy", &f.DeputyID}, {"station", &f.Station}} {
		n, err := c.QueryInt(p.name, 0)
		if err != nil {
			return f, err
		}
		*p.dst = int64(n)
	}
	return f, nil
}

func (m *Module) listAPI(c *web.Ctx, kinds ...cases.Kind) error {
	if kinds[0] != cases.Opinion {
		kinds = []cases.Kind{cases.Suggestion, cases.Motion}
	}
	f, err := filterOf(c, kinds...)
	if err != nil {
		return err
	}
	items, next, err := m.Cases.List(c.Context(), c.User, f)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, web.NewList(items, nextCursor(next)))
}

// load reads a case of the path's kind; a case of the other kind is not
// found under this path.
func (m *Module) load(c *web.Ctx, kind cases.Kind) (*cases.Case, error) {
	entity := "cases.entity.opinion"
	if kind != cases.Opinion {
		entity = "cases.entity.suggestion"
	}
	id, err := c.PathID("id", entity)
	if err != nil {
		return nil, err
	}
	cs, err := m.Cases.Get(c.Context(), c.User, id)
	if err != nil {
		return nil, err
	}
	if (kind == cases.Opinion) != (cs.Kind == cases.Opinion) {
		return nil, errs.NotFoundErr(entity)
	}
	return cs, nil
}

func (m *Module) detail(c *web.Ctx, kind cases.Kind) (*Detail, error) {
	cs, err := m.load(c, kind)
	if err != nil {
		return nil, err
	}
	d := &Detail{Case: cs}
	if d.Replies, err = m.Cases.Replies(c.Context(), c.User, cs.ID); err != nil {
		return nil, err
	}
	if d.History, err = m.Cases.History(c.Context(), c.User, cs.ID); err != nil {
		return nil, err
	}
	return d, nil
}

func (m *Module) detailAPI(c *web.Ctx, kind cases.Kind) error {
	d, err := m.detail(c, kind)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, d)
}
