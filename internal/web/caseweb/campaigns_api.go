package caseweb

import (
	"net/http"

	"renda/internal/auth"
	"renda/internal/cases"
	"renda/internal/web"
)

type adoptRequest struct {
	Adopted bool `json:"adopted"`
}

// campaignDetail is a campaign with its advice.
type campaignDetail struct {
	*cases.Campaign
	Advice []cases.Advice `json:"advice"`
}

var campaignRoles = web.Roles(auth.Admin, auth.County, auth.Township, auth.Deputy)

func (m *Module) campaignAPI(a *web.App) {
	a.API(web.Endpoint{
		Method: "POST", Path: "/campaigns", Tag: "campaigns", Summary: "Open an advice campaign: theme and window (staff)",
		Access: web.Staff, Request: cases.Campaign{}, Response: cases.Campaign{}, Status: http.StatusCreated,
		Handle: func(c *web.Ctx) error {
			var in cases.Campaign
			if err := c.Decode(&in); err != nil {
				return err
			}
			out, err := m.Cases.CreateCampaign(c.Context(), c.User, in)
			if err != nil {
				return err
			}
			return c.JSON(http.StatusCreated, out)
		},
	})
	a.API(web.Endpoint{
		Method: "GET", Path: "/campaigns", Tag: "campaigns", Summary: "Advice campaigns with their figures", Access: campaignRoles,
		Response: []cases.Campaign{},
		Handle: func(c *web.Ctx) error {
			cs, err := m.Cases.ListCampaigns(c.Context(), c.User)
			if err != nil {
				return err
			}
			return c.JSON(http.StatusOK, cs)
		},
	})
	a.API(web.Endpoint{
		Method: "GET", Path: "/campaigns/{id}", Tag: "campaigns",
		Summary: "A campaign with advice_count, adopted_count, adoption_rate (0–1), deputy_count and its advice", Access: campaignRoles,
		Response: campaignDetail{},
		Handle: func(c *web.Ctx) error {
			id, err := c.PathID("id", "cases.entity.campaign")
			if err != nil {
				return err
			}
			g, err := m.Cases.GetCampaign(c.Context(), c.User, id)
			if err != nil {
				return err
			}
			adv, err := m.Cases.AdviceOf(c.Context(), c.User, id)
			if err != nil {
				return err
			}
			return c.JSON(http.StatusOK, campaignDetail{Campaign: g, Advice: adv})
		},
	})
	a.API(web.Endpoint{
		Method: "POST", Path: "/campaigns/{id}/advice", Tag: "campaigns", Summary: "Give advice to an open campaign (a deputy, or staff for them)",
		Access: campaignRoles, Request: cases.Advice{}, Response: cases.Advice{}, Status: http.StatusCreated,
		Handle: func(c *web.Ctx) error {
			id, err := c.PathID("id", "cases.entity.campaign")
			if err != nil {
				return err
			}
			var in cases.Advice
			if err := c.Decode(&in); err != nil {
				return err
			}
			out, err := m.Cases.GiveAdvice(c.Context(), c.User, id, in)
			if err != nil {
				return err
			}
			return c.JSON(http.StatusCreated, out)
		},
	})
	a.API(web.Endpoint{
		Method: "POST", Path: "/advice/{id}/adopt", Tag: "campaigns", Summary: "Mark advice adopted or not (staff)",
		Access: web.Staff, Request: adoptRequest{}, Response: cases.Advice{},
		Handle: func(c *web.Ctx) error {
			id, err := c.PathID("id", "cases.entity.advice")
			if err != nil {
				return err
			}
			var in adoptRequest
			if err := c.Decode(&in); err != nil {
				return err
			}
			out, err := m.Cases.Adopt(c.Context(), c.User, id, in.Adopted)
			if err != nil {
				return err
			}
			return c.JSON(http.StatusOK, out)
		},
	})
}
