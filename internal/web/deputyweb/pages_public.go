package deputyweb

import (
	"net/http"
	"os"
	"strconv"
	"strings"

	"renda/internal/deputies"
	"renda/internal/errs"
	"renda/internal/jurisdiction"
	"renda/internal/web"
)

// publicBase is the address constituents reach the server at, for the QR
// codes on posters: RENDA_PUBLIC_URL when the server sits behind a proxy
// or a name of its own, else the address this request came to.
func publicBase(c *web.Ctx) string {
	if u := strings.TrimRight(os.Getenv("RENDA_PUBLIC_URL"), "/"); u != "" {
		return u
	}
	scheme := "http"
	if c.R.TLS != nil || c.R.Header.Get("X-Forwarded-Proto") == "https" {
		scheme = "https"
	}
	return scheme + "://" + c.R.Host
}

func publicStationURL(c *web.Ctx, id int64) string {
	return publicBase(c) + "/directory/stations/" + strconv.FormatInt(id, 10)
}

// opinionFormURL is the public opinion form addressed to a deputy: the
// deputy's QR code leads a constituent straight to it.
func opinionFormURL(c *web.Ctx, township string, deputyID int64) string {
	return publicBase(c) + "/submit?township=" + township + "&deputy=" + strconv.FormatInt(deputyID, 10)
}

// writePNG answers with a QR code of url.
func writePNG(c *web.Ctx, url string) error {
	png, err := qrPNG(url, 512)
	if err != nil {
		return err
	}
	c.W.Header().Set("Content-Type", "image/png")
	c.W.Header().Set("Cache-Control", "public, max-age=3600")
	_, err = c.W.Write(png)
	return err
}

type directoryPage struct {
	Counties  []deputies.DirectoryEntry
	Townships []deputies.DirectoryEntry
	Township  *deputies.PublicTownship
	Code      string
	Name      string
}

func (m *Module) pageDirectory(c *web.Ctx) error {
	cs, err := deputies.PublicCounties(c.Context(), m.db.R)
	if err != nil {
		return err
	}
	if len(cs) == 1 {
		return c.Redirect("/directory/" + cs[0].Code)
	}
	return c.Render(http.StatusOK, "deputies/directory.html", "deputy.title.directory", directoryPage{Counties: cs})
}

func (m *Module) pageDirectoryUnit(c *web.Ctx) error {
	code, err := jurisdiction.Normalize(c.R.PathValue("code"))
	if err != nil {
		return errs.NotFoundErr("entity.jurisdiction")
	}
	page := directoryPage{Code: code, Name: jurisdiction.National().FullName(code)}
	if len(code) == 9 {
		if page.Township, err = deputies.PublicTownshipByCode(c.Context(), m.db.R, code); err != nil {
			return err
		}
		return c.RenderPage(http.StatusOK, "deputies/directory.html", &web.Page{Title: c.T("deputy.title.directory_of", page.Township.Name), Data: page})
	}
	if _, ok := jurisdiction.National().Get(code); !ok || len(code) > 9 {
		return errs.NotFoundErr("entity.jurisdiction")
	}
	if page.Townships, err = deputies.PublicDirectory(c.Context(), m.db.R, code); err != nil {
		return err
	}
	return c.RenderPage(http.StatusOK, "deputies/directory.html", &web.Page{Title: c.T("deputy.title.directory_of", jshort(code)), Data: page})
}

func (m *Module) publicStation(c *web.Ctx) (*deputies.PublicStation, error) {
	id, err := c.PathID("id", "deputy.entity_station")
	if err != nil {
		return nil, err
	}
	return deputies.PublicStationByID(c.Context(), m.db.R, id)
}

func (m *Module) pagePublicStation(c *web.Ctx) error {
	s, err := m.publicStation(c)
	if err != nil {
		return err
	}
	return c.RenderPage(http.StatusOK, "deputies/public_station.html", &web.Page{Title: s.Name, Data: s})
}

type posterPage struct {
	Station *deputies.PublicStation
	Size    string
	URL     string
}

// pagePoster is the printable poster of a station (A4 or A3) with its
// deputies and the QR code of its public page.
func (m *Module) pagePoster(c *web.Ctx) error {
	s, err := m.publicStation(c)
	if err != nil {
		return err
	}
	size := strings.ToUpper(c.Query("size"))
	if size != "A3" {
		size = "A4"
	}
	return c.RenderPage(http.StatusOK, "deputies/poster.html", &web.Page{Title: s.Name,
		Data: posterPage{Station: s, Size: size, URL: publicStationURL(c, s.ID)}})
}

func (m *Module) pageQR(c *web.Ctx) error {
	s, err := m.publicStation(c)
	if err != nil {
		return err
	}
	return writePNG(c, publicStationURL(c, s.ID))
}

// pageDeputyQR is the QR code on a deputy's public page: it opens the
// opinion form that reaches that deputy.
func (m *Module) pageDeputyQR(c *web.Ctx) error {
	id, err := c.PathID("id", "deputy.entity")
	if err != nil {
		return err
	}
	d, err := deputies.PublicDeputyByID(c.Context(), m.db.R, id)
	if err != nil {
		return err
	}
	return writePNG(c, opinionFormURL(c, d.Township, d.ID))
}

func (m *Module) pagePublicDeputy(c *web.Ctx) error {
	id, err := c.PathID("id", "deputy.entity")
	if err != nil {
		return err
	}
	d, err := deputies.PublicDeputyByID(c.Context(), m.db.R, id)
	if err != nil {
		return err
	}
	return c.RenderPage(http.StatusOK, "deputies/public_deputy.html", &web.Page{Title: d.Name, Data: d})
}
