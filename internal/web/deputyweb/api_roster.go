package deputyweb

import (
	"io"
	"net/http"
	"strconv"

	"renda/internal/audit"
	"renda/internal/deputies"
	"renda/internal/errs"
	"renda/internal/web"
)

func (m *Module) apiList(c *web.Ctx) error {
	f, err := rosterFilter(c)
	if err != nil {
		return err
	}
	if f.Limit, err = c.Limit(); err != nil {
		return err
	}
	ds, next, err := deputies.List(c.Context(), m.db.R, c.User, f)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, web.NewList(ds, next))
}

// reveal loads a deputy and shows the full ID number to those who may see it.
func (m *Module) deputy(c *web.Ctx) (*deputies.Deputy, error) {
	id, err := c.PathID("id", "deputy.entity")
	if err != nil {
		return nil, err
	}
	d, err := deputies.Get(c.Context(), m.db.R, c.User, id)
	if err != nil {
		return nil, err
	}
	return d, m.reveal(c, d)
}

func (m *Module) reveal(c *web.Ctx, d *deputies.Deputy) error {
	k, err := deputies.Keys(c.Context(), m.db)
	if err != nil {
		return err
	}
	return d.Reveal(k, c.User)
}

func (m *Module) apiGet(c *web.Ctx) error {
	d, err := m.deputy(c)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, d)
}

func (m *Module) apiCreate(c *web.Ctx) error {
	var in deputies.Input
	if err := c.Decode(&in); err != nil {
		return err
	}
	d, err := deputies.Create(c.Context(), m.db, c.User, in)
	if err != nil {
		return err
	}
	if err := m.reveal(c, d); err != nil {
		return err
	}
	c.W.Header().Set("Location", "/api/v1/deputies/"+strconv.FormatInt(d.ID, 10))
	return c.JSON(http.StatusCreated, d)
}

func (m *Module) apiUpdate(c *web.Ctx) error {
	id, err := c.PathID("id", "deputy.entity")
	if err != nil {
		return err
	}
	var in deputies.Input
	if err := c.Decode(&in); err != nil {
		return err
	}
	d, err := deputies.Update(c.Context(), m.db, c.User, id, in)
	if err != nil {
		return err
	}
	if err := m.reveal(c, d); err != nil {
		return err
	}
	return c.JSON(http.StatusOK, d)
}

// historyEntry is one change of a deputy as the history shows it.
type historyEntry = audit.Entry

func (m *Module) history(c *web.Ctx, id int64, before int64, limit int) ([]audit.Entry, int64, error) {
	return audit.List(c.Context(), m.db.R, audit.Filter{Scope: c.User.Scope, Entity: "deputy",
		EntityID: strconv.FormatInt(id, 10), Before: before, Limit: limit})
}

func (m *Module) apiHistory(c *web.Ctx) error {
	d, err := m.deputy(c)
	if err != nil {
		return err
	}
	limit, err := c.Limit()
	if err != nil {
		return err
	}
	before, err := queryID(c, "cursor")
	if err != nil {
		return err
	}
	entries, next, err := m.history(c, d.ID, before, limit)
	if err != nil {
		return err
	}
	cursor := ""
	if next > 0 {
		cursor = strconv.FormatInt(next, 10)
	}
	return c.JSON(http.StatusOK, web.NewList(entries, cursor))
}

func (m *Module) apiAddSeat(c *web.Ctx) error {
	id, err := c.PathID("id", "deputy.entity")
	if err != nil {
		return err
	}
	var in deputies.SeatInput
	if err := c.Decode(&in); err != nil {
		return err
	}
	d, err := deputies.AddSeat(c.Context(), m.db, c.User, id, in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, d)
}

func (m *Module) apiUpdateSeat(c *web.Ctx) error {
	id, err := c.PathID("id", "deputy.entity")
	if err != nil {
		return err
	}
	seat, err := c.PathID("seat", "deputy.entity_seat")
	if err != nil {
		return err
	}
	var in deputies.SeatInput
	if err := c.Decode(&in); err != nil {
		return err
	}
	d, err := deputies.UpdateSeat(c.Context(), m.db, c.User, id, seat, in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, d)
}

func (m *Module) apiDeputyAccount(c *web.Ctx) error {
	id, err := c.PathID("id", "deputy.entity")
	if err != nil {
		return err
	}
	var in deputies.AccountInput
	if err := c.Decode(&in); err != nil {
		return err
	}
	u, err := deputies.CreateDeputyAccount(c.Context(), m.db, m.app.Auth, c.User, id, in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, u)
}

func sendXLSX(c *web.Ctx, name string, b []byte) error {
	h := c.W.Header()
	h.Set("Content-Type", xlsxType)
	h.Set("Content-Disposition", `attachment; filename="roster.xlsx"; filename*=UTF-8''`+pathEscape(name))
	h.Set("Cache-Control", "no-store")
	_, err := c.W.Write(b)
	return err
}

func (m *Module) apiTemplate(c *web.Ctx) error {
	b, err := deputies.Template()
	if err != nil {
		return err
	}
	return sendXLSX(c, "代表名册模板.xlsx", b)
}

func (m *Module) apiExport(c *web.Ctx) error {
	t, err := township(c, true, true)
	if err != nil {
		return err
	}
	b, err := deputies.Export(c.Context(), m.db, c.User, t)
	if err != nil {
		return err
	}
	return sendXLSX(c, jshort(t)+"代表名册.xlsx", b)
}

// maxUpload is the largest roster file accepted (a county's roster is a
// few hundred kilobytes).
const maxUpload = 16 << 20

// uploadedFile reads the multipart field "file".
func uploadedFile(c *web.Ctx) ([]byte, string, error) {
	c.R.Body = http.MaxBytesReader(c.W, c.R.Body, maxUpload)
	f, h, err := c.R.FormFile("file")
	if err != nil {
		var big *http.MaxBytesError
		if errorsAs(err, &big) {
			return nil, "", errs.New(errs.TooLarge, "body_too_large", "file", "err.body_too_large", maxUpload/1024)
		}
		return nil, "", errs.Required("file", "deputy.field.file")
	}
	defer f.Close()
	b, err := io.ReadAll(f)
	if err != nil {
		return nil, "", errs.New(errs.BadRequest, "bad_upload", "file", "deputy.import.bad_upload")
	}
	return b, h.Filename, nil
}

func (m *Module) apiImport(c *web.Ctx) error {
	t, err := township(c, true, true)
	if err != nil {
		return err
	}
	dry := c.Query("dry_run") == "true" || c.Query("dry_run") == "1"
	b, _, err := uploadedFile(c)
	if err != nil {
		return err
	}
	res, err := deputies.Import(c.Context(), m.db, c.User, t, b, dry, c.Lang)
	if err != nil {
		return err
	}
	status := http.StatusOK
	if len(res.Errors) > 0 {
		status = http.StatusUnprocessableEntity
	}
	return c.JSON(status, res)
}
