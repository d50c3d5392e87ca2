package caseweb

import (
	"net/http"

	"renda/internal/cases"
	"renda/internal/errs"
	"renda/internal/web"
)

// publicOpinion is the public form's body: an opinion and the honeypot
// field, which people never see and robots fill.
type publicOpinion struct {
	cases.NewOpinion
	Website string `json:"website,omitempty"`
}

func (m *Module) publicAPI(a *web.App) {
	a.API(web.Endpoint{
		Method: "POST", Path: "/public/opinions", Tag: "public", Public: true,
		Summary: "Submit an opinion without an account; send an Idempotency-Key header so a retry is stored once",
		Request: publicOpinion{}, Response: cases.Receipt{}, Status: http.StatusCreated,
		Handle: func(c *web.Ctx) error {
			var in publicOpinion
			if err := c.Decode(&in); err != nil {
				return err
			}
			r, err := m.submit(c, in)
			if err != nil {
				return err
			}
			return c.JSON(http.StatusCreated, r)
		},
	})
	a.API(web.Endpoint{
		Method: "GET", Path: "/public/track/{code}", Tag: "public", Public: true,
		Summary:  "Follow an opinion by its tracking code: status, history and public reply",
		Response: cases.Tracking{},
		Handle: func(c *web.Ctx) error {
			t, err := m.Cases.Track(c.Context(), c.R.PathValue("code"))
			if err != nil {
				return err
			}
			return c.JSON(http.StatusOK, t)
		},
	})
}

// submit passes a public submission to the intake, refusing a filled
// honeypot without storing anything.
func (m *Module) submit(c *web.Ctx, in publicOpinion) (*cases.Receipt, error) {
	if in.Website != "" {
		return nil, errs.New(errs.Invalid, "rejected", "", "cases.err.rejected")
	}
	return m.Intake.Submit(c.Context(), in.NewOpinion, c.R.Header.Get("Idempotency-Key"), clientAddr(c.R))
}
