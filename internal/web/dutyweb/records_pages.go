package dutyweb

import (
	"net/http"
	"net/url"
	"strconv"

	"renda/internal/auth"
	"renda/internal/duties"
	"renda/internal/errs"
	"renda/internal/i18n"
	"renda/internal/jurisdiction"
	"renda/internal/web"
)

// fieldErrors places a user's error under its field, or returns it as the
// page's general message.
func fieldErrors(c *web.Ctx, err error) (map[string]string, string) {
	if e, ok := errs.As(err); ok && e.Field != "" {
		return map[string]string{e.Field: e.Message(c.Lang)}, ""
	}
	return map[string]string{}, c.ErrorMessage(err)
}

type recordsData struct {
	Records   []*duties.Record
	Filter    duties.Filter
	Kinds     []duties.Kind
	Townships []*jurisdiction.Unit
	Next      string
	Staff     bool
	Statuses  []string
}

func (m *Module) recordsPage(c *web.Ctx) error {
	f, err := filterOf(c)
	if err != nil {
		return err
	}
	recs, next, err := m.svc.List(c.Context(), c.User, f)
	if err != nil {
		return err
	}
	d := recordsData{Records: recs, Filter: f, Kinds: duties.Kinds, Staff: c.User.Role.Staff(),
		Statuses: []string{duties.StatusPending, duties.StatusConfirmed, duties.StatusReturned}}
	if d.Staff && len(c.User.Scope) < 9 {
		d.Townships = jurisdiction.National().Townships(c.User.Scope)
	}
	if next != "" {
		q := c.R.URL.Query()
		q.Set("cursor", next)
		d.Next = "/duties/records?" + q.Encode()
	}
	return c.Render(http.StatusOK, "duties/records.html", "duty.title.records", d)
}

type recordForm struct {
	Action   string // where the form posts: a new record, or the one corrected
	Editing  bool
	In       duties.Input
	Deputies []duties.DeputyOption
	Kinds    []duties.Kind
	Today    string
	Errors   map[string]string
	Staff    bool
}

func (m *Module) recordForm(c *web.Ctx, in duties.Input) (*recordForm, error) {
	deps, err := m.svc.Deputies(c.Context(), c.User, "")
	if err != nil {
		return nil, err
	}
	return &recordForm{Action: "/duties/records", In: in, Deputies: deps, Kinds: duties.Kinds, Today: m.svc.Today(),
		Errors: map[string]string{}, Staff: c.User.Role.Staff()}, nil
}

func (m *Module) newRecordPage(c *web.Ctx) error {
	in := duties.Input{Date: m.svc.Today(), Days: 1, Kind: duties.Kind(c.Query("kind"))}
	if id, err := strconv.ParseInt(c.Query("deputy"), 10, 64); err == nil {
		in.DeputyID = id
	}
	form, err := m.recordForm(c, in)
	if err != nil {
		return err
	}
	return c.Render(http.StatusOK, "duties/record_new.html", "duty.title.new", form)
}

// inputOf reads a record form.
func inputOf(c *web.Ctx) (duties.Input, error) {
	in := duties.Input{Kind: duties.Kind(c.R.FormValue("kind")), Date: c.R.FormValue("date"),
		Title: c.R.FormValue("title"), Place: c.R.FormValue("place"), Note: c.R.FormValue("note")}
	if c.User.Role == auth.Deputy {
		in.DeputyID = c.User.DeputyID
	} else if s := c.R.FormValue("deputy_id"); s != "" {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return in, errs.Required("deputy_id", "duty.field.deputy")
		}
		in.DeputyID = id
	}
	if s := c.R.FormValue("days"); s != "" {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return in, errs.Field("days", "out_of_range", "duty.err.days_range", duties.MaxDays)
		}
		in.Days = v
	}
	if s := c.R.FormValue("count"); s != "" {
		v, err := strconv.Atoi(s)
		if err != nil {
			return in, errs.Field("count", "invalid_number", "duty.err.count_range")
		}
		in.Count = v
	}
	return in, nil
}

func (m *Module) createRecordForm(c *web.Ctx) error {
	files, err := uploadedFiles(c, "files")
	var in duties.Input
	var rec *duties.Record
	if err == nil {
		if in, err = inputOf(c); err == nil {
			rec, err = m.svc.Create(c.Context(), c.User, in, files)
		}
	}
	if err != nil {
		form, ferr := m.recordForm(c, in)
		if ferr != nil {
			return ferr
		}
		var general string
		form.Errors, general = fieldErrors(c, err)
		return c.RenderPage(http.StatusUnprocessableEntity, "duties/record_new.html", &web.Page{Title: c.T("duty.title.new"), Error: general, Data: form})
	}
	if rec.Status == duties.StatusPending {
		c.Flash("duty.flash.recorded_pending")
	} else {
		c.Flash("duty.flash.recorded")
	}
	return c.Redirect("/duties/records/" + strconv.FormatInt(rec.ID, 10))
}

// editRecordPage shows a record typed by hand for correction: a returned
// record goes back to staff once the deputy corrects it.
func (m *Module) editRecordPage(c *web.Ctx) error {
	id, err := c.PathID("id", "duty.entity.record")
	if err != nil {
		return err
	}
	r, err := m.svc.Get(c.Context(), c.User, id)
	if err != nil {
		return err
	}
	in := duties.Input{DeputyID: r.DeputyID, Kind: r.Kind, Date: r.Date, Days: r.Days, Count: r.Count, Title: r.Title, Place: r.Place, Note: r.Note}
	form, err := m.recordForm(c, in)
	if err != nil {
		return err
	}
	form.Action, form.Editing = "/duties/records/"+itoa(id), true
	return c.Render(http.StatusOK, "duties/record_new.html", "duty.title.edit", form)
}

func (m *Module) updateRecordForm(c *web.Ctx) error {
	id, err := c.PathID("id", "duty.entity.record")
	if err != nil {
		return err
	}
	in, err := inputOf(c)
	if err == nil {
		_, err = m.svc.Update(c.Context(), c.User, id, in)
	}
	if err != nil {
		if e, ok := errs.As(err); ok && e.Kind == errs.NotFound {
			return err
		}
		form, ferr := m.recordForm(c, in)
		if ferr != nil {
			return ferr
		}
		form.Action, form.Editing = "/duties/records/"+itoa(id), true
		var general string
		form.Errors, general = fieldErrors(c, err)
		return c.RenderPage(http.StatusUnprocessableEntity, "duties/record_new.html", &web.Page{Title: c.T("duty.title.edit"), Error: general, Data: form})
	}
	c.Flash("duty.flash.updated")
	return c.Redirect("/duties/records/" + itoa(id))
}

type batchData struct {
	In       duties.BatchInput
	Deputies []duties.DeputyOption
	Selected map[int64]bool
	Kinds    []duties.Kind
	Today    string
	Errors   map[string]string
}

func (m *Module) batchData(c *web.Ctx, in duties.BatchInput) (*batchData, error) {
	deps, err := m.svc.Deputies(c.Context(), c.User, c.Query("township"))
	if err != nil {
		return nil, err
	}
	sel := map[int64]bool{}
	for _, id := range in.DeputyIDs {
		sel[id] = true
	}
	return &batchData{In: in, Deputies: deps, Selected: sel, Kinds: duties.Kinds, Today: m.svc.Today(), Errors: map[string]string{}}, nil
}

func (m *Module) batchPage(c *web.Ctx) error {
	d, err := m.batchData(c, duties.BatchInput{Date: m.svc.Today(), Days: 1, Kind: duties.GroupActivity})
	if err != nil {
		return err
	}
	return c.Render(http.StatusOK, "duties/batch.html", "duty.title.batch", d)
}

func (m *Module) batchForm(c *web.Ctx) error {
	in := duties.BatchInput{}
	one, err := inputOf(c)
	in.Kind, in.Date, in.Days, in.Count, in.Title, in.Place, in.Note = one.Kind, one.Date, one.Days, one.Count, one.Title, one.Place, one.Note
	for _, s := range c.R.PostForm["deputy_ids"] {
		if id, perr := strconv.ParseInt(s, 10, 64); perr == nil {
			in.DeputyIDs = append(in.DeputyIDs, id)
		}
	}
	var ids []int64
	if err == nil {
		ids, err = m.svc.CreateBatch(c.Context(), c.User, in)
	}
	if err != nil {
		d, derr := m.batchData(c, in)
		if derr != nil {
			return derr
		}
		var general string
		d.Errors, general = fieldErrors(c, err)
		return c.RenderPage(http.StatusUnprocessableEntity, "duties/batch.html", &web.Page{Title: c.T("duty.title.batch"), Error: general, Data: d})
	}
	c.Flash("duty.flash.batch")
	return c.Redirect("/duties/records?from=" + url.QueryEscape(in.Date) + "&to=" + url.QueryEscape(in.Date) + "&kind=" + url.QueryEscape(string(in.Kind)) + "&n=" + strconv.Itoa(len(ids)))
}

type recordData struct {
	R      *duties.Record
	Staff  bool
	Errors map[string]string
}

// SourceKey names who made the record; parts of the platform added later
// fall back to a general label.
func (d recordData) SourceKey() string {
	if k := "duty.source." + d.R.Source; i18n.Has(k) {
		return k
	}
	return "duty.source.platform"
}

func (m *Module) recordPage(c *web.Ctx) error {
	id, err := c.PathID("id", "duty.entity.record")
	if err != nil {
		return err
	}
	r, err := m.svc.Get(c.Context(), c.User, id)
	if err != nil {
		return err
	}
	return c.Render(http.StatusOK, "duties/record.html", "duty.title.record", recordData{R: r, Staff: c.User.Role.Staff(), Errors: map[string]string{}})
}

func (m *Module) confirmForm(c *web.Ctx) error {
	id, err := c.PathID("id", "duty.entity.record")
	if err != nil {
		return err
	}
	if _, err := m.svc.Confirm(c.Context(), c.User, id); err != nil {
		return err
	}
	c.Flash("duty.flash.confirmed")
	return c.Redirect(backTo(c, "/duties/records/"+strconv.FormatInt(id, 10)))
}

func (m *Module) returnForm(c *web.Ctx) error {
	id, err := c.PathID("id", "duty.entity.record")
	if err != nil {
		return err
	}
	if _, err := m.svc.Return(c.Context(), c.User, id, c.R.PostFormValue("reason")); err != nil {
		r, gerr := m.svc.Get(c.Context(), c.User, id)
		if gerr != nil {
			return err
		}
		fe, general := fieldErrors(c, err)
		return c.RenderPage(http.StatusUnprocessableEntity, "duties/record.html", &web.Page{Title: c.T("duty.title.record"), Error: general,
			Data: recordData{R: r, Staff: true, Errors: fe}})
	}
	c.Flash("duty.flash.returned")
	return c.Redirect("/duties/records/" + strconv.FormatInt(id, 10))
}

func (m *Module) deleteForm(c *web.Ctx) error {
	id, err := c.PathID("id", "duty.entity.record")
	if err != nil {
		return err
	}
	if err := m.svc.Delete(c.Context(), c.User, id); err != nil {
		return err
	}
	c.Flash("duty.flash.deleted")
	return c.Redirect("/duties/records")
}

// backTo is a local return path from the form, or def.
func backTo(c *web.Ctx, def string) string {
	if b := c.R.PostFormValue("back"); len(b) > 1 && b[0] == '/' && b[1] != '/' && b[1] != '\\' {
		return b
	}
	return def
}
