package meetingweb

import (
	"errors"
	"io"
	"net/http"

	"renda/internal/attachments"
	"renda/internal/attachments/attachweb"
	"renda/internal/errs"
	"renda/internal/meetings"
	"renda/internal/web"
)

// maxUpload bounds a request carrying a report's file.
const maxUpload = attachments.MaxSize + 1<<20

// uploadedFile reads the file of a multipart request in a field; nil when
// the form carries none.
func uploadedFile(c *web.Ctx, field string) (*meetings.File, error) {
	if c.R.MultipartForm == nil {
		c.R.Body = http.MaxBytesReader(c.W, c.R.Body, maxUpload)
		if err := c.R.ParseMultipartForm(32 << 20); err != nil {
			var big *http.MaxBytesError
			switch {
			case errors.Is(err, http.ErrNotMultipart):
				return nil, nil
			case errors.As(err, &big):
				return nil, errs.New(errs.TooLarge, "file_too_large", field, "attach.err.too_large", "", attachments.MaxSize>>20)
			}
			return nil, errs.New(errs.BadRequest, "malformed_form", field, "meet.err.form")
		}
	}
	fhs := c.R.MultipartForm.File[field]
	if len(fhs) == 0 || (fhs[0].Size == 0 && fhs[0].Filename == "") {
		return nil, nil
	}
	fh := fhs[0]
	if fh.Size > attachments.MaxSize {
		return nil, errs.New(errs.TooLarge, "file_too_large", field, "attach.err.too_large", fh.Filename, attachments.MaxSize>>20)
	}
	r, err := fh.Open()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	return &meetings.File{Name: fh.Filename, Data: data}, nil
}

func documentID(c *web.Ctx) (int64, error) { return c.PathID("doc_id", "meet.document") }

func registerDocumentAPI(a *web.App) {
	db := a.DB
	a.API(web.Endpoint{Method: "POST", Path: "/sessions/{id}/documents/{doc_id}/files", Tag: "meetings", Access: web.Staff,
		Status: http.StatusCreated, Multipart: true, File: "file",
		Summary:  "Attach a report's file (PDF, Word or Excel; 10 MB); downloadable by staff in scope, and by anyone once the session is published",
		Response: meetings.Document{},
		Handle: func(c *web.Ctx) error {
			id, err := sessionID(c)
			if err != nil {
				return err
			}
			doc, err := documentID(c)
			if err != nil {
				return err
			}
			f, err := uploadedFile(c, "file")
			if err != nil {
				return err
			}
			if f == nil {
				return errs.Required("file", "meet.field.file")
			}
			d, err := meetings.AttachDocumentFile(c.Context(), db, c.User, id, doc, *f)
			if err != nil {
				return err
			}
			return c.JSON(http.StatusCreated, d)
		}})
	a.API(web.Endpoint{Method: "POST", Path: "/sessions/{id}/publish", Tag: "meetings", Access: web.Staff,
		Summary: "Publish the session's page: agenda, reports with their files, resolutions", Response: meetings.Session{},
		Handle: web.HandleID(http.StatusOK, "meet.session", func(c *web.Ctx, id int64) (any, error) {
			return meetings.PublishSession(c.Context(), db, c.User, id)
		})})
	a.API(web.Endpoint{Method: "GET", Path: "/public/sessions", Tag: "meetings", Public: true,
		Summary: "Published congress sessions, latest first", Query: []web.Param{{Name: "congress", Description: "division code prefix"}},
		Response: web.List[meetings.Session]{},
		Handle: func(c *web.Ctx) error {
			ss, err := meetings.PublicSessions(c.Context(), db, c.Query("congress"), 100)
			if err != nil {
				return err
			}
			return c.JSON(http.StatusOK, web.NewList(ss, ""))
		}})
	a.API(web.Endpoint{Method: "GET", Path: "/public/sessions/{id}", Tag: "meetings", Public: true,
		Summary: "A published session: agenda, reports with their files' download addresses, resolutions", Response: meetings.Session{},
		Handle: web.HandleID(http.StatusOK, "meet.session", func(c *web.Ctx, id int64) (any, error) {
			return meetings.PublicSession(c.Context(), db, id)
		})})
}

// documentPage keeps a report from the session page, with its file if one
// was chosen.
func documentPage(c *web.Ctx) error {
	id, err := sessionID(c)
	if err != nil {
		return err
	}
	f := c.R.PostForm
	in := meetings.Document{Kind: f.Get("kind"), Title: f.Get("title"), Body: f.Get("body")}
	file, err := uploadedFile(c, "file")
	if err == nil {
		var files []meetings.File
		if file != nil {
			files = append(files, *file)
		}
		_, err = meetings.AddDocument(c.Context(), c.App.DB, c.User, id, in, files...)
	}
	return afterWrite(c, id, err, "meet.flash.document")
}

// documentFilePage adds a file to a report already kept.
func documentFilePage(c *web.Ctx) error {
	id, err := sessionID(c)
	if err != nil {
		return err
	}
	doc, err := documentID(c)
	if err != nil {
		return err
	}
	file, err := uploadedFile(c, "file")
	if err == nil && file == nil {
		err = errs.Required("file", "meet.field.file")
	}
	if err == nil {
		_, err = meetings.AttachDocumentFile(c.Context(), c.App.DB, c.User, id, doc, *file)
	}
	return afterWrite(c, id, err, "meet.flash.document_file")
}

func publishPage(c *web.Ctx) error {
	id, err := sessionID(c)
	if err != nil {
		return err
	}
	_, err = meetings.PublishSession(c.Context(), c.App.DB, c.User, id)
	return afterWrite(c, id, err, "meet.flash.published")
}

func publicSessionsPage(c *web.Ctx) error {
	ss, err := meetings.PublicSessions(c.Context(), c.App.DB, c.Query("under"), 100)
	if err != nil {
		return err
	}
	return c.Render(http.StatusOK, "meetings/public_sessions.html", "meet.title.public_sessions", ss)
}

func publicSessionPage(c *web.Ctx) error {
	id, err := sessionID(c)
	if err != nil {
		return err
	}
	s, err := meetings.PublicSession(c.Context(), c.App.DB, id)
	if err != nil {
		return err
	}
	return c.RenderPage(http.StatusOK, "meetings/public_session.html", &web.Page{Title: s.Title, Data: s})
}

// fileDownload serves a report's file under its session's path: to staff
// in scope, and to anyone once the session is published.
func fileDownload(c *web.Ctx) error {
	id, err := sessionID(c)
	if err != nil {
		return err
	}
	fid, err := c.PathID("file_id", "attach.entity")
	if err != nil {
		return err
	}
	f, data, err := attachments.Open(c.Context(), c.App.DB.R, c.User, fid)
	if err != nil {
		return err
	}
	if err := meetings.DocumentFileOf(c.Context(), c.App.DB, id, f); err != nil {
		return err
	}
	return attachweb.Send(c, f, data)
}
