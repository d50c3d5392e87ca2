package dutyweb

import (
	"net/http"
	"net/url"
	"strconv"

	"renda/internal/duties"
	"renda/internal/errs"
	"renda/internal/jurisdiction"
	"renda/internal/web"
)

// bulletinQuery reads ?township=&group=&year=&half=; the half defaults to
// the last one that has ended.
func (m *Module) bulletinQuery(c *web.Ctx) (duties.BulletinQuery, error) {
	now := m.svc.Now()
	q := duties.BulletinQuery{Township: c.Query("township"), Year: now.Year(), Half: 1}
	if now.Month() < 7 {
		q.Year, q.Half = now.Year()-1, 2
	}
	if q.Township == "" && len(c.User.Scope) == 9 {
		q.Township = c.User.Scope
	}
	if s := c.Query("year"); s != "" {
		y, err := strconv.Atoi(s)
		if err != nil {
			return q, errs.Field("year", "invalid_year", "duty.err.year")
		}
		q.Year = y
	}
	if s := c.Query("half"); s != "" {
		h, err := strconv.Atoi(s)
		if err != nil {
			return q, errs.Field("half", "invalid_half", "duty.err.bulletin_half")
		}
		q.Half = h
	}
	if s := c.Query("group"); s != "" {
		g, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return q, errs.Field("group", "invalid_number", "err.number", "group")
		}
		q.GroupID = g
	}
	return q, nil
}

func (m *Module) bulletinAPI(c *web.Ctx) error {
	q, err := m.bulletinQuery(c)
	if err != nil {
		return err
	}
	b, err := m.svc.Bulletin(c.Context(), c.User, q)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, b)
}

type bulletinData struct {
	B         *duties.Bulletin
	Heading   string
	Query     string
	Targets   []string
	Townships []*jurisdiction.Unit
	Groups    []duties.DeputyOption
}

func (m *Module) bulletinPage(c *web.Ctx) error {
	q, err := m.bulletinQuery(c)
	if err != nil {
		return err
	}
	d := bulletinData{Targets: duties.TargetKeys}
	if len(c.User.Scope) < 9 {
		d.Townships = jurisdiction.National().Townships(c.User.Scope)
	}
	if q.Township == "" && q.GroupID == 0 {
		// County staff choose a township first.
		return c.Render(http.StatusOK, "duties/bulletin.html", "duty.title.bulletin", d)
	}
	if d.B, err = m.svc.Bulletin(c.Context(), c.User, q); err != nil {
		return err
	}
	if d.Groups, err = m.svc.Groups(c.Context(), c.User, d.B.Township); err != nil {
		return err
	}
	d.Heading = d.B.Title(c.Lang)
	v := url.Values{"township": {d.B.Township}, "year": {strconv.Itoa(q.Year)}, "half": {strconv.Itoa(q.Half)}}
	if q.GroupID != 0 {
		v.Set("group", strconv.FormatInt(q.GroupID, 10))
	}
	d.Query = v.Encode()
	return c.Render(http.StatusOK, "duties/bulletin.html", "duty.title.bulletin", d)
}

func (m *Module) bulletinXLSX(c *web.Ctx) error {
	q, err := m.bulletinQuery(c)
	if err != nil {
		return err
	}
	b, err := m.svc.Bulletin(c.Context(), c.User, q)
	if err != nil {
		return err
	}
	data, err := b.XLSX(c.Lang)
	if err != nil {
		return err
	}
	return sendXLSX(c, b.Title(c.Lang)+".xlsx", data)
}

// sendXLSX answers with a workbook to download.
func sendXLSX(c *web.Ctx, name string, data []byte) error {
	h := c.W.Header()
	h.Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	h.Set("Content-Disposition", "attachment; filename*=UTF-8''"+url.PathEscape(name))
	h.Set("Cache-Control", "no-store")
	c.W.WriteHeader(http.StatusOK)
	_, err := c.W.Write(data)
	return err
}
