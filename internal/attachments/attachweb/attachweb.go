// Package attachweb serves attachments: a download for whoever may see the
// record that owns the file, on the pages and the API alike.
package attachweb

import (
	"mime"
	"net/http"
	"strconv"
	"strings"

	"renda/internal/attachments"
	"renda/internal/web"
)

// Module adds the download routes.
type Module struct{}

// Register lists the routes.
func (Module) Register(a *web.App) {
	a.Page("GET /attachments/{id}", web.SignedIn, func(c *web.Ctx) error { return serve(a, c) })
	a.API(web.Endpoint{
		Method: "GET", Path: "/attachments/{id}", Tag: "attachments",
		Summary:  "Download an attached file; only for those who may see the record it belongs to",
		Produces: "application/octet-stream",
		Handle:   func(c *web.Ctx) error { return serve(a, c) },
	})
}

func serve(a *web.App, c *web.Ctx) error {
	id, err := c.PathID("id", "attach.entity")
	if err != nil {
		return err
	}
	f, data, err := attachments.Open(c.Context(), a.DB.R, c.User, id)
	if err != nil {
		return err
	}
	return Send(c, f, data)
}

// Send writes a file the caller may see, for a domain that serves its
// files under its own path: images and PDF shown in the page, documents
// downloaded under their own name.
func Send(c *web.Ctx, f attachments.File, data []byte) error {
	h := c.W.Header()
	h.Set("Content-Type", f.ContentType)
	h.Set("Content-Length", strconv.Itoa(len(data)))
	h.Set("Cache-Control", "private, max-age=3600")
	disp := "attachment"
	if strings.HasPrefix(f.ContentType, "image/") || f.ContentType == "application/pdf" {
		disp = "inline"
	}
	h.Set("Content-Disposition", mime.FormatMediaType(disp, map[string]string{"filename": f.Name}))
	c.W.WriteHeader(http.StatusOK)
	_, err := c.W.Write(data)
	return err
}
