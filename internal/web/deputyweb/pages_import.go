package deputyweb

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/http"
	"time"

	"renda/internal/deputies"
	"renda/internal/errs"
	"renda/internal/store"
	"renda/internal/web"
)

// An uploaded sheet waits in the database between its preview and the
// commit, so a preview and its commit may reach different servers; it is
// kept an hour.
const uploadTTL = time.Hour

// previewRows is how many rows of a clean sheet the preview lists.
const previewRows = 200

type importPage struct {
	Townships []option
	Township  string
	Filename  string
	Token     string
	Result    *deputies.ImportResult
	FileError string
	Done      bool
}

func (m *Module) pageImportForm(c *web.Ctx) error {
	t := c.Query("township")
	if len(c.User.Scope) == 9 {
		t = c.User.Scope
	}
	return c.Render(http.StatusOK, "deputies/import.html", "deputy.title.import", importPage{Townships: townshipOptions(c.User), Township: t})
}

func (m *Module) pageImportUpload(c *web.Ctx) error {
	page := importPage{Townships: townshipOptions(c.User), Township: c.R.FormValue("township")}
	if len(c.User.Scope) == 9 {
		page.Township = c.User.Scope
	}
	fail := func(err error) error {
		e, ok := errs.As(err)
		if !ok || e.Kind == errs.NotFound || e.Kind == errs.Forbidden {
			return err
		}
		page.FileError = e.Message(c.Lang)
		return c.RenderPage(http.StatusUnprocessableEntity, "deputies/import.html", &web.Page{Title: c.T("deputy.title.import"), Data: page})
	}
	if page.Township == "" {
		return fail(errs.Required("township", "deputy.field.township"))
	}
	b, name, err := uploadedFile(c)
	if err != nil {
		return fail(err)
	}
	page.Filename = name
	res, err := deputies.Import(c.Context(), m.db, c.User, page.Township, b, true, c.Lang)
	if err != nil {
		return fail(err)
	}
	page.Result = res
	if len(res.Preview) > previewRows {
		// A long sheet shows its first rows; the counts say the rest.
		res.Preview = res.Preview[:previewRows]
	}
	status := http.StatusOK
	if len(res.Errors) > 0 {
		status = http.StatusUnprocessableEntity
	} else if page.Token, err = m.keepUpload(c.Context(), c.User.UserID, page.Township, name, b); err != nil {
		return err
	}
	return c.RenderPage(status, "deputies/import.html", &web.Page{Title: c.T("deputy.title.import_preview"), Data: page})
}

func (m *Module) keepUpload(ctx context.Context, userID int64, township, name string, b []byte) (string, error) {
	tok := make([]byte, 16)
	if _, err := rand.Read(tok); err != nil {
		return "", err
	}
	token := hex.EncodeToString(tok)
	now := time.Now().Unix()
	err := m.db.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM roster_uploads WHERE created_at < $1`, now-int64(uploadTTL/time.Second)); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO roster_uploads (token, user_id, township_code, filename, content, created_at)
			VALUES ($1, $2, $3, $4, $5, $6)`, token, userID, township, name, b, now)
		return err
	})
	return token, err
}

func (m *Module) pageImportCommit(c *web.Ctx) error {
	token := c.R.PathValue("token")
	var township, name string
	var content []byte
	var created int64
	err := m.db.R.QueryRowContext(c.Context(), `SELECT township_code, filename, content, created_at FROM roster_uploads
		WHERE token = $1 AND user_id = $2`, token, c.User.UserID).Scan(&township, &name, &content, &created)
	if err != nil || time.Since(time.Unix(created, 0)) > uploadTTL {
		if err != nil && store.NotFound(err) != store.ErrNotFound {
			return err
		}
		return errs.NotFoundErr("deputy.entity_upload")
	}
	res, err := deputies.Import(c.Context(), m.db, c.User, township, content, false, c.Lang)
	if err != nil {
		return err
	}
	page := importPage{Township: township, Filename: name, Result: res, Done: len(res.Errors) == 0}
	status := http.StatusOK
	if len(res.Errors) > 0 {
		// The roster changed since the preview; show what is wrong now.
		status = http.StatusUnprocessableEntity
	} else if _, err := m.db.W.ExecContext(c.Context(), `DELETE FROM roster_uploads WHERE token = $1`, token); err != nil {
		return err
	}
	return c.RenderPage(status, "deputies/import.html", &web.Page{Title: c.T("deputy.title.import"), Data: page})
}
