package caseweb

import (
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"strconv"

	"renda/internal/cases"
	"renda/internal/errs"
	"renda/internal/web"
)

// submitPage is the public form, reached from a station's or deputy's page
// or QR code (which fill in the township, station and deputy).
type submitPage struct {
	Form      cases.NewOpinion
	Townships []string
	Station   *cases.Station
	Deputy    *cases.Deputy
	Key       string // Idempotency-Key of this form, so a double click stores once
	Errors    map[string]string
}

type trackPage struct {
	Code     string
	Tracking *cases.Tracking
	Receipt  bool
}

func newFormKey() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func (m *Module) publicPages(a *web.App) {
	a.Page("GET /submit", nil, func(c *web.Ctx) error {
		form := cases.NewOpinion{Township: c.Query("township")}
		station, _ := strconv.ParseInt(c.Query("station"), 10, 64)
		deputy, _ := strconv.ParseInt(c.Query("deputy"), 10, 64)
		form.StationID = station
		if deputy != 0 {
			form.DeputyIDs = []int64{deputy}
		}
		return m.submitForm(c, http.StatusOK, form, "", nil)
	})
	a.Page("POST /submit", nil, func(c *web.Ctx) error {
		r := c.R
		station, _ := strconv.ParseInt(r.PostFormValue("station_id"), 10, 64)
		in := publicOpinion{NewOpinion: cases.NewOpinion{Township: r.PostFormValue("township"), Title: r.PostFormValue("title"),
			Body: r.PostFormValue("body"), Constituent: cases.Constituent{Name: r.PostFormValue("name"), Phone: r.PostFormValue("phone")},
			StationID: station, DeputyIDs: ids(r.PostForm["deputy_ids"])}, Website: r.PostFormValue("website")}
		key := r.PostFormValue("key")
		r.Header.Set("Idempotency-Key", key)
		rec, err := m.submit(c, in)
		if err != nil {
			if e, ok := errs.As(err); ok && e.Kind == errs.TooMany {
				return c.RenderPage(http.StatusTooManyRequests, "cases/submit.html", &web.Page{Title: c.T("cases.title.submit"), Error: e.Message(c.Lang),
					Data: submitPage{Form: in.NewOpinion, Key: key}})
			}
			return m.submitForm(c, http.StatusUnprocessableEntity, in.NewOpinion, key, err)
		}
		return c.Redirect("/track/" + rec.TrackingCode + "?new=1")
	})
	a.Page("GET /track", nil, func(c *web.Ctx) error {
		if code := c.Query("code"); code != "" {
			return c.Redirect("/track/" + cases.NormalizeTrackingCode(code))
		}
		return c.Render(http.StatusOK, "cases/track.html", "cases.title.track", trackPage{})
	})
	a.Page("GET /track/{code}", nil, func(c *web.Ctx) error {
		code := c.R.PathValue("code")
		t, err := m.Cases.Track(c.Context(), code)
		if err != nil {
			e, _ := errs.As(err)
			if e == nil {
				return err
			}
			return c.RenderPage(http.StatusNotFound, "cases/track.html", &web.Page{Title: c.T("cases.title.track"), Error: c.T("cases.track.unknown"),
				Data: trackPage{Code: code}})
		}
		return c.Render(http.StatusOK, "cases/track.html", "cases.title.track", trackPage{Code: code, Tracking: t, Receipt: c.Query("new") != ""})
	})
}

func (m *Module) submitForm(c *web.Ctx, status int, form cases.NewOpinion, key string, err error) error {
	page := submitPage{Form: form, Key: key}
	if page.Key == "" {
		page.Key = newFormKey()
	}
	ctx := c.Context()
	if form.StationID != 0 {
		if st, err := m.Cases.PublicStation(ctx, form.StationID); err == nil {
			page.Station = st
			page.Form.Township = st.Township
		}
	}
	if len(form.DeputyIDs) == 1 {
		if d, err := m.Cases.PublicDeputy(ctx, form.DeputyIDs[0]); err == nil {
			page.Deputy = d
			page.Form.Township = d.Township
		}
	}
	towns, lerr := m.Cases.SubmissionTownships(ctx)
	if lerr != nil {
		return lerr
	}
	page.Townships = towns
	fe, general := formErrors(c, err)
	page.Errors = fe
	return c.RenderPage(status, "cases/submit.html", &web.Page{Title: c.T("cases.title.submit"), Error: general, Data: page})
}
