package caseweb

import (
	"net/http"

	"renda/internal/cases"
	"renda/internal/web"
)

type leaderRequest struct {
	Leader string `json:"leader"`
}

func (m *Module) followupAPI(a *web.App) {
	a.API(web.Endpoint{
		Method: "POST", Path: "/cases/{id}/letters", Tag: "follow-up", Summary: "Send a follow-up letter to the lead unit of an open item (staff)",
		Access: web.Staff, Request: cases.NewLetter{}, Response: cases.Letter{}, Status: http.StatusCreated,
		Handle: func(c *web.Ctx) error {
			id, err := c.PathID("id", "cases.entity.case")
			if err != nil {
				return err
			}
			var in cases.NewLetter
			if err := c.Decode(&in); err != nil {
				return err
			}
			l, err := m.Cases.SendLetter(c.Context(), c.User, id, in)
			if err != nil {
				return err
			}
			return c.JSON(http.StatusCreated, l)
		},
	})
	a.API(web.Endpoint{
		Method: "GET", Path: "/cases/{id}/letters", Tag: "follow-up", Summary: "An item's follow-up letters",
		Access: web.SignedIn, Response: []cases.Letter{},
		Handle: func(c *web.Ctx) error {
			id, err := c.PathID("id", "cases.entity.case")
			if err != nil {
				return err
			}
			ls, err := m.Cases.Letters(c.Context(), c.User, id)
			if err != nil {
				return err
			}
			return c.JSON(http.StatusOK, ls)
		},
	})
	a.API(web.Endpoint{
		Method: "POST", Path: "/cases/{id}/meetings", Tag: "follow-up", Summary: "Record a coordination meeting with minutes and decisions (staff)",
		Access: web.Staff, Request: cases.Meeting{}, Response: cases.Meeting{}, Status: http.StatusCreated,
		Handle: func(c *web.Ctx) error {
			id, err := c.PathID("id", "cases.entity.case")
			if err != nil {
				return err
			}
			var in cases.Meeting
			if err := c.Decode(&in); err != nil {
				return err
			}
			mt, err := m.Cases.RecordMeeting(c.Context(), c.User, id, in)
			if err != nil {
				return err
			}
			return c.JSON(http.StatusCreated, mt)
		},
	})
	a.API(web.Endpoint{
		Method: "GET", Path: "/cases/{id}/meetings", Tag: "follow-up", Summary: "An item's coordination meetings",
		Access: web.SignedIn, Response: []cases.Meeting{},
		Handle: func(c *web.Ctx) error {
			id, err := c.PathID("id", "cases.entity.case")
			if err != nil {
				return err
			}
			ms, err := m.Cases.Meetings(c.Context(), c.User, id)
			if err != nil {
				return err
			}
			return c.JSON(http.StatusOK, ms)
		},
	})
	a.API(web.Endpoint{
		Method: "POST", Path: "/cases/{id}/key-leader", Tag: "follow-up", Summary: "Mark a key item led by a named leader (empty: unmark)",
		Access: web.Staff, Request: leaderRequest{}, Response: cases.Case{},
		Handle: func(c *web.Ctx) error {
			id, err := c.PathID("id", "cases.entity.case")
			if err != nil {
				return err
			}
			var in leaderRequest
			if err := c.Decode(&in); err != nil {
				return err
			}
			cs, err := m.Cases.SetKeyLeader(c.Context(), c.User, id, in.Leader)
			if err != nil {
				return err
			}
			return c.JSON(http.StatusOK, cs)
		},
	})
}
