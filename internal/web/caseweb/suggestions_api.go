package caseweb

import (
	"net/http"

	"renda/internal/auth"
	"renda/internal/cases"
	"renda/internal/web"
)

var filers = web.Roles(auth.Admin, auth.County, auth.Township, auth.Deputy)

func (m *Module) suggestionAPI(a *web.App) {
	a.API(web.Endpoint{
		Method: "POST", Path: "/suggestions", Tag: "suggestions", Summary: "File a suggestion or motion (deputies, or staff for them)",
		Access: filers, Request: cases.NewSuggestion{}, Response: cases.Case{}, Status: http.StatusCreated,
		Handle: func(c *web.Ctx) error {
			var in cases.NewSuggestion
			if err := c.Decode(&in); err != nil {
				return err
			}
			cs, err := m.Cases.FileSuggestion(c.Context(), c.User, in)
			if err != nil {
				return err
			}
			return c.JSON(http.StatusCreated, cs)
		},
	})
	a.API(web.Endpoint{
		Method: "GET", Path: "/suggestions", Tag: "suggestions", Summary: "Suggestions and motions the caller may see, newest first",
		Access: web.SignedIn, Response: web.List[cases.Case]{}, Query: listParams,
		Handle: func(c *web.Ctx) error { return m.listAPI(c, cases.Suggestion) },
	})
	a.API(web.Endpoint{
		Method: "GET", Path: "/suggestions/{id}", Tag: "suggestions", Summary: "One suggestion or motion with its replies and history",
		Access: web.SignedIn, Response: Detail{},
		Handle: func(c *web.Ctx) error { return m.detailAPI(c, cases.Suggestion) },
	})
}

type returnRequest struct {
	Reason string `json:"reason"`
}

// handlingAPI adds the handling path — assign, return, reply, rating —
// under both /opinions/{id} and /suggestions/{id}.
func (m *Module) handlingAPI(a *web.App) {
	for _, k := range []struct {
		path string
		kind cases.Kind
		tag  string
	}{{"/opinions", cases.Opinion, "opinions"}, {"/suggestions", cases.Suggestion, "suggestions"}} {
		kind := k.kind
		a.API(web.Endpoint{
			Method: "POST", Path: k.path + "/{id}/assign", Tag: k.tag, Summary: "Assign to a lead handling unit and co-handlers with a due date (staff)",
			Access: web.Staff, Request: cases.Assignment{}, Response: cases.Case{},
			Handle: func(c *web.Ctx) error {
				var in cases.Assignment
				return m.act(c, kind, &in, func(id int64) (*cases.Case, error) { return m.Cases.Assign(c.Context(), c.User, id, in) })
			},
		})
		a.API(web.Endpoint{
			Method: "POST", Path: k.path + "/{id}/return", Tag: k.tag, Summary: "Return a wrongly assigned item within 7 working days (the unit)",
			Access: web.Roles(auth.Unit), Request: returnRequest{}, Response: cases.Case{},
			Handle: func(c *web.Ctx) error {
				var in returnRequest
				return m.act(c, kind, &in, func(id int64) (*cases.Case, error) { return m.Cases.Return(c.Context(), c.User, id, in.Reason) })
			},
		})
		a.API(web.Endpoint{
			Method: "POST", Path: k.path + "/{id}/reply", Tag: k.tag, Summary: "Reply with a grade A–D (the lead unit)",
			Access: web.Roles(auth.Unit), Request: cases.Reply{}, Response: cases.Case{},
			Handle: func(c *web.Ctx) error {
				var in cases.Reply
				return m.act(c, kind, &in, func(id int64) (*cases.Case, error) { return m.Cases.Reply(c.Context(), c.User, id, in) })
			},
		})
		a.API(web.Endpoint{
			Method: "POST", Path: k.path + "/{id}/rating", Tag: k.tag,
			Summary: "Rate the latest reply: satisfied, basic or unsatisfied (the lead deputy; for an opinion, whoever records the return visit)",
			Access:  web.SignedIn, Request: cases.Rating{}, Response: cases.Case{},
			Handle: func(c *web.Ctx) error {
				var in cases.Rating
				return m.act(c, kind, &in, func(id int64) (*cases.Case, error) { return m.Cases.Rate(c.Context(), c.User, id, in) })
			},
		})
	}
}

// act runs a handling step on a case of the path's kind: the case must be
// visible and of the kind, the body is decoded into in, then fn runs.
func (m *Module) act(c *web.Ctx, kind cases.Kind, in any, fn func(id int64) (*cases.Case, error)) error {
	cs, err := m.load(c, kind)
	if err != nil {
		return err
	}
	if err := c.Decode(in); err != nil {
		return err
	}
	out, err := fn(cs.ID)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, out)
}
