package dutyweb

import (
	"net/http"
	"strconv"
	"time"

	"renda/internal/duties"
	"renda/internal/errs"
	"renda/internal/web"
)

type textRequest struct {
	ReportText string `json:"report_text"`
}

type heldRequest struct {
	Date string `json:"date"`
}

type codesRequest struct {
	Count int `json:"count"`
}

type codesResponse struct {
	Codes []string `json:"codes"`
}

type rateRequest struct {
	Code   string `json:"code"`
	Rating string `json:"rating"`
}

func (m *Module) reportID(c *web.Ctx) (int64, error) { return c.PathID("id", reportEntity) }

const reportEntity = "duty.entity.report"

func (m *Module) listReports(c *web.Ctx) error {
	out, err := m.svc.ListReports(c.Context(), c.User)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, web.NewList(out, ""))
}

func (m *Module) scheduleReport(c *web.Ctx) error {
	return web.HandleBody(http.StatusCreated, func(c *web.Ctx, in duties.ReportInput) (*duties.Report, error) {
		return m.svc.ScheduleReport(c.Context(), c.User, in)
	})(c)
}

func (m *Module) getReport(c *web.Ctx) error {
	return web.HandleID(http.StatusOK, reportEntity, func(c *web.Ctx, id int64) (*duties.Report, error) {
		return m.svc.GetReport(c.Context(), c.User, id)
	})(c)
}

func (m *Module) reportText(c *web.Ctx) error {
	return web.HandleIDBody(http.StatusOK, reportEntity, func(c *web.Ctx, id int64, in textRequest) (*duties.Report, error) {
		return m.svc.UpdateReportText(c.Context(), c.User, id, in.ReportText)
	})(c)
}

func (m *Module) reportFiles(c *web.Ctx) error {
	id, err := m.reportID(c)
	if err != nil {
		return err
	}
	files, err := uploadedFiles(c, "file")
	if err != nil {
		return err
	}
	r, err := m.svc.AttachReportFiles(c.Context(), c.User, id, files)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, r)
}

func (m *Module) reportHeld(c *web.Ctx) error {
	return web.HandleIDBody(http.StatusOK, reportEntity, func(c *web.Ctx, id int64, in heldRequest) (*duties.Report, error) {
		return m.svc.MarkHeld(c.Context(), c.User, id, in.Date)
	})(c)
}

func (m *Module) reportBallots(c *web.Ctx) error {
	return web.HandleIDBody(http.StatusOK, reportEntity, func(c *web.Ctx, id int64, in duties.BallotBatch) (*duties.Report, error) {
		return m.svc.AddBallots(c.Context(), c.User, id, in)
	})(c)
}

func (m *Module) reportCodes(c *web.Ctx) error {
	return web.HandleIDBody(http.StatusCreated, reportEntity, func(c *web.Ctx, id int64, in codesRequest) (codesResponse, error) {
		codes, err := m.svc.IssueCodes(c.Context(), c.User, id, in.Count)
		return codesResponse{Codes: codes}, err
	})(c)
}

func (m *Module) rate(c *web.Ctx) error {
	var in rateRequest
	if err := c.Decode(&in); err != nil {
		return err
	}
	if err := m.svc.Rate(c.Context(), in.Code, in.Rating); err != nil {
		return err
	}
	c.W.WriteHeader(http.StatusNoContent)
	return nil
}

// Pages.

type reportsData struct {
	Reports  []*duties.Report
	Deputies []duties.DeputyOption
	Staff    bool
	Errors   map[string]string
}

func (m *Module) reportsPage(c *web.Ctx) error {
	return m.renderReports(c, http.StatusOK, nil, "")
}

func (m *Module) renderReports(c *web.Ctx, status int, fe map[string]string, general string) error {
	list, err := m.svc.ListReports(c.Context(), c.User)
	if err != nil {
		return err
	}
	d := reportsData{Reports: list, Staff: c.User.Role.Staff(), Errors: fe}
	if d.Errors == nil {
		d.Errors = map[string]string{}
	}
	if d.Staff {
		if d.Deputies, err = m.svc.Deputies(c.Context(), c.User, ""); err != nil {
			return err
		}
	}
	return c.RenderPage(status, "duties/reports.html", &web.Page{Title: c.T("duty.title.reports"), Error: general, Data: d})
}

func (m *Module) scheduleForm(c *web.Ctx) error {
	in := duties.ReportInput{Place: c.R.PostFormValue("place"), Audience: c.R.PostFormValue("audience")}
	in.DeputyID, _ = strconv.ParseInt(c.R.PostFormValue("deputy_id"), 10, 64)
	if t, err := time.ParseInLocation("2006-01-02T15:04", c.R.PostFormValue("scheduled_at"), time.Local); err == nil {
		in.ScheduledAt = t.Unix()
	}
	r, err := m.svc.ScheduleReport(c.Context(), c.User, in)
	if err != nil {
		fe, general := fieldErrors(c, err)
		return m.renderReports(c, http.StatusUnprocessableEntity, fe, general)
	}
	c.Flash("duty.flash.scheduled")
	return c.Redirect("/duties/reports/" + itoa(r.ID))
}

type reportData struct {
	R      *duties.Report
	Staff  bool
	Today  string
	Codes  []string
	Errors map[string]string
}

func (m *Module) reportPage(c *web.Ctx) error {
	return m.renderReport(c, http.StatusOK, nil, nil, "")
}

func (m *Module) renderReport(c *web.Ctx, status int, codes []string, fe map[string]string, general string) error {
	id, err := m.reportID(c)
	if err != nil {
		return err
	}
	r, err := m.svc.GetReport(c.Context(), c.User, id)
	if err != nil {
		return err
	}
	if fe == nil {
		fe = map[string]string{}
	}
	d := reportData{R: r, Staff: c.User.Role.Staff(), Today: m.svc.Today(), Codes: codes, Errors: fe}
	name := "duties/report.html"
	if codes != nil {
		name = "duties/report_codes.html"
	}
	return c.RenderPage(status, name, &web.Page{Title: c.T("duty.title.report"), Error: general, Data: d})
}

// reportAction runs a form action on a report and shows the report again,
// with the field's message when it is refused.
func (m *Module) reportAction(act func(c *web.Ctx, id int64) error, flash string) func(c *web.Ctx) error {
	return func(c *web.Ctx) error {
		id, err := m.reportID(c)
		if err != nil {
			return err
		}
		if err := act(c, id); err != nil {
			if e, ok := errs.As(err); ok && e.Kind == errs.NotFound {
				return err
			}
			fe, general := fieldErrors(c, err)
			return m.renderReport(c, http.StatusUnprocessableEntity, nil, fe, general)
		}
		c.Flash(flash)
		return c.Redirect("/duties/reports/" + itoa(id))
	}
}

func (m *Module) textForm(c *web.Ctx, id int64) error {
	_, err := m.svc.UpdateReportText(c.Context(), c.User, id, c.R.PostFormValue("report_text"))
	return err
}

func (m *Module) filesForm(c *web.Ctx, id int64) error {
	files, err := uploadedFiles(c, "files")
	if err != nil {
		return err
	}
	_, err = m.svc.AttachReportFiles(c.Context(), c.User, id, files)
	return err
}

func (m *Module) heldForm(c *web.Ctx, id int64) error {
	_, err := m.svc.MarkHeld(c.Context(), c.User, id, c.R.PostFormValue("date"))
	return err
}

func (m *Module) ballotsForm(c *web.Ctx, id int64) error {
	n := func(name string) int { v, _ := strconv.Atoi(c.R.PostFormValue(name)); return v }
	_, err := m.svc.AddBallots(c.Context(), c.User, id, duties.BallotBatch{Satisfied: n("satisfied"), Basic: n("basic"), Unsatisfied: n("unsatisfied")})
	return err
}

// codesForm issues codes and shows them as slips to print and cut.
func (m *Module) codesForm(c *web.Ctx) error {
	id, err := m.reportID(c)
	if err != nil {
		return err
	}
	n, _ := strconv.Atoi(c.R.PostFormValue("count"))
	codes, err := m.svc.IssueCodes(c.Context(), c.User, id, n)
	if err != nil {
		if e, ok := errs.As(err); ok && e.Kind == errs.NotFound {
			return err
		}
		fe, general := fieldErrors(c, err)
		return m.renderReport(c, http.StatusUnprocessableEntity, nil, fe, general)
	}
	return m.renderReport(c, http.StatusOK, codes, nil, "")
}

type rateData struct {
	Code   string
	Done   bool
	Errors map[string]string
}

func (m *Module) ratePage(c *web.Ctx) error {
	return c.Render(http.StatusOK, "duties/rate.html", "duty.title.rate", rateData{Code: c.Query("code"), Errors: map[string]string{}})
}

func (m *Module) rateForm(c *web.Ctx) error {
	code := c.R.PostFormValue("code")
	if err := m.svc.Rate(c.Context(), code, c.R.PostFormValue("rating")); err != nil {
		fe, general := fieldErrors(c, err)
		return c.RenderPage(http.StatusUnprocessableEntity, "duties/rate.html", &web.Page{Title: c.T("duty.title.rate"), Error: general,
			Data: rateData{Code: code, Errors: fe}})
	}
	return c.Render(http.StatusOK, "duties/rate.html", "duty.title.rate", rateData{Done: true})
}
