package dutyweb

import (
	"errors"
	"io"
	"net/http"
	"strconv"

	"renda/internal/attachments"
	"renda/internal/duties"
	"renda/internal/errs"
	"renda/internal/web"
)

type returnRequest struct {
	Reason string `json:"reason"`
}

type batchResponse struct {
	IDs []int64 `json:"ids"`
}

type kindInfo struct {
	Key     duties.Kind `json:"key"`
	Label   string      `json:"label"`
	Counted bool        `json:"counted"`
}

// filterOf reads the list filters of the API and the pages alike.
func filterOf(c *web.Ctx) (duties.Filter, error) {
	f := duties.Filter{Township: c.Query("township"), From: c.Query("from"), To: c.Query("to"),
		Kind: duties.Kind(c.Query("kind")), Status: c.Query("status"), Cursor: c.Query("cursor")}
	if s := c.Query("deputy"); s != "" {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id <= 0 {
			return f, errs.Field("deputy", "invalid_number", "err.number", "deputy")
		}
		f.DeputyID = id
	}
	limit, err := c.Limit()
	f.Limit = limit
	return f, err
}

func (m *Module) listRecords(c *web.Ctx) error {
	f, err := filterOf(c)
	if err != nil {
		return err
	}
	items, next, err := m.svc.List(c.Context(), c.User, f)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, web.NewList(items, next))
}

func (m *Module) createRecord(c *web.Ctx) error {
	var in duties.Input
	if err := c.Decode(&in); err != nil {
		return err
	}
	r, err := m.svc.Create(c.Context(), c.User, in, nil)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, r)
}

func (m *Module) createBatch(c *web.Ctx) error {
	var in duties.BatchInput
	if err := c.Decode(&in); err != nil {
		return err
	}
	ids, err := m.svc.CreateBatch(c.Context(), c.User, in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, batchResponse{IDs: ids})
}

func (m *Module) getRecord(c *web.Ctx) error {
	id, err := c.PathID("id", "duty.entity.record")
	if err != nil {
		return err
	}
	r, err := m.svc.Get(c.Context(), c.User, id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, r)
}

func (m *Module) updateRecord(c *web.Ctx) error {
	id, err := c.PathID("id", "duty.entity.record")
	if err != nil {
		return err
	}
	var in duties.Input
	if err := c.Decode(&in); err != nil {
		return err
	}
	r, err := m.svc.Update(c.Context(), c.User, id, in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, r)
}

func (m *Module) deleteRecord(c *web.Ctx) error {
	id, err := c.PathID("id", "duty.entity.record")
	if err != nil {
		return err
	}
	if err := m.svc.Delete(c.Context(), c.User, id); err != nil {
		return err
	}
	c.W.WriteHeader(http.StatusNoContent)
	return nil
}

func (m *Module) confirmRecord(c *web.Ctx) error {
	id, err := c.PathID("id", "duty.entity.record")
	if err != nil {
		return err
	}
	r, err := m.svc.Confirm(c.Context(), c.User, id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, r)
}

func (m *Module) returnRecord(c *web.Ctx) error {
	id, err := c.PathID("id", "duty.entity.record")
	if err != nil {
		return err
	}
	var in returnRequest
	if err := c.Decode(&in); err != nil {
		return err
	}
	r, err := m.svc.Return(c.Context(), c.User, id, in.Reason)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, r)
}

// maxUpload bounds a request carrying a record's files.
const maxUpload = attachments.MaxPerOwner*attachments.MaxSize + 1<<20

// uploadedFiles reads the files of a multipart request under a field name.
func uploadedFiles(c *web.Ctx, field string) ([]duties.Attached, error) {
	c.R.Body = http.MaxBytesReader(c.W, c.R.Body, maxUpload)
	if err := c.R.ParseMultipartForm(32 << 20); err != nil {
		var big *http.MaxBytesError
		switch {
		case errors.Is(err, http.ErrNotMultipart):
			return nil, nil // a form without files
		case errors.As(err, &big):
			return nil, errs.New(errs.TooLarge, "body_too_large", "files", "err.body_too_large", maxUpload/1024)
		}
		return nil, errs.New(errs.BadRequest, "malformed_form", "files", "duty.err.form")
	}
	var out []duties.Attached
	if c.R.MultipartForm == nil {
		return nil, nil
	}
	for _, fh := range c.R.MultipartForm.File[field] {
		if fh.Size == 0 && fh.Filename == "" {
			continue // an empty file input
		}
		if fh.Size > attachments.MaxSize {
			return nil, errs.New(errs.TooLarge, "file_too_large", "files", "attach.err.too_large", fh.Filename, attachments.MaxSize>>20)
		}
		f, err := fh.Open()
		if err != nil {
			return nil, err
		}
		data, err := io.ReadAll(f)
		f.Close()
		if err != nil {
			return nil, err
		}
		out = append(out, duties.Attached{Name: fh.Filename, Data: data})
	}
	return out, nil
}

func (m *Module) attachFiles(c *web.Ctx) error {
	id, err := c.PathID("id", "duty.entity.record")
	if err != nil {
		return err
	}
	files, err := uploadedFiles(c, "file")
	if err != nil {
		return err
	}
	out, err := m.svc.AttachFiles(c.Context(), c.User, id, files)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, web.NewList(out, ""))
}

func (m *Module) addAbsence(c *web.Ctx) error {
	var in duties.Absence
	if err := c.Decode(&in); err != nil {
		return err
	}
	a, err := m.svc.AddAbsence(c.Context(), c.User, in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, a)
}

func (m *Module) listKinds(c *web.Ctx) error {
	out := make([]kindInfo, 0, len(duties.Kinds))
	for _, k := range duties.Kinds {
		out = append(out, kindInfo{Key: k, Label: c.T(k.LabelKey()), Counted: k.Counted()})
	}
	return c.JSON(http.StatusOK, web.NewList(out, ""))
}
