package caseweb

import (
	"net/http"
	"strconv"

	"renda/internal/auth"
	"renda/internal/cases"
	"renda/internal/web"
)

type campaignPage struct {
	Campaign *cases.Campaign
	Advice   []cases.Advice
}

func (m *Module) campaignPages(a *web.App) {
	a.Nav(web.NavItem{Key: "cases.nav.campaigns", Path: "/campaigns", Order: 34, Roles: []auth.Role{auth.Admin, auth.County, auth.Township, auth.Deputy}})
	a.Page("GET /campaigns", campaignRoles, func(c *web.Ctx) error {
		cs, err := m.Cases.ListCampaigns(c.Context(), c.User)
		if err != nil {
			return err
		}
		return c.Render(http.StatusOK, "cases/campaigns.html", "cases.title.campaigns", cs)
	})
	a.Page("GET /campaigns/{id}", campaignRoles, func(c *web.Ctx) error {
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
		return c.Render(http.StatusOK, "cases/campaign.html", "cases.title.campaign", campaignPage{Campaign: g, Advice: adv})
	})
	a.Page("POST /advice/{id}/adopt", web.Staff, func(c *web.Ctx) error {
		id, err := c.PathID("id", "cases.entity.advice")
		if err != nil {
			return err
		}
		adv, err := m.Cases.Adopt(c.Context(), c.User, id, c.R.PostFormValue("adopted") == "true")
		if err != nil {
			return err
		}
		c.Flash("cases.flash.adoption_saved")
		return c.Redirect("/campaigns/" + strconv.FormatInt(adv.CampaignID, 10))
	})
}
