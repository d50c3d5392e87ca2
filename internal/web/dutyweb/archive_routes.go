package dutyweb

import (
	"net/http"

	"renda/internal/duties"
	"renda/internal/web"
)

func (m *Module) archive(c *web.Ctx) (*duties.Archive, error) {
	id, err := c.PathID("id", "duty.entity.deputy")
	if err != nil {
		return nil, err
	}
	return m.svc.Archive(c.Context(), c.User, id, c.Query("term"))
}

func (m *Module) archiveAPI(c *web.Ctx) error {
	a, err := m.archive(c)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, a)
}

type archiveData struct {
	A       *duties.Archive
	Heading string
}

func (m *Module) archivePage(c *web.Ctx) error {
	a, err := m.archive(c)
	if err != nil {
		return err
	}
	return c.Render(http.StatusOK, "duties/archive.html", "duty.title.archive", archiveData{A: a, Heading: a.Title(c.Lang)})
}

func (m *Module) archiveXLSX(c *web.Ctx) error {
	a, err := m.archive(c)
	if err != nil {
		return err
	}
	data, err := a.XLSX(c.Lang)
	if err != nil {
		return err
	}
	return sendXLSX(c, a.Title(c.Lang)+".xlsx", data)
}

// myArchive sends a deputy to their own archive.
func (m *Module) myArchive(c *web.Ctx) error {
	return c.Redirect("/duties/archive/" + itoa(c.User.DeputyID))
}
