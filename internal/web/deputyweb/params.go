package deputyweb

import (
	"strconv"

	"renda/internal/deputies"
	"renda/internal/errs"
	"renda/internal/jurisdiction"
	"renda/internal/web"
)

var rosterParams = []web.Param{
	townshipParam(false),
	{Name: "level", Description: "national, province, city, county or township"},
	{Name: "status", Description: "serving, resigned, recalled or terminated"},
	{Name: "group", Type: "integer", Description: "deputy group id"},
	{Name: "station", Type: "integer", Description: "liaison station id"},
	{Name: "sector", Description: "part of the sector"},
	{Name: "skill", Description: "part of the skills"},
	{Name: "q", Description: "name, pinyin (zhangsan), initials (zs) or phone digits"},
	{Name: "cursor", Description: "the next value of the previous page"},
	{Name: "limit", Type: "integer", Description: "page size, 1 to 200 (50)"},
}

func townshipParam(required bool) web.Param {
	return web.Param{Name: "township", Required: required, Description: "division code of a township-level unit (or, for lists, any unit) within the caller's scope"}
}

// township reads ?township= (any division code, or 9 digits when exact).
func township(c *web.Ctx, required, exact bool) (string, error) {
	s := c.Query("township")
	if s == "" {
		if required {
			return "", errs.Required("township", "deputy.field.township")
		}
		return "", nil
	}
	code, err := jurisdiction.Normalize(s)
	if err != nil || (exact && len(code) != 9) {
		return "", errs.Field("township", "invalid_code", "deputy.err.township_code")
	}
	return code, nil
}

func queryID(c *web.Ctx, name string) (int64, error) {
	s := c.Query(name)
	if s == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		return 0, errs.Field(name, "invalid_number", "err.number", name)
	}
	return n, nil
}

// rosterFilter reads the roster's filters, from the API or a page.
func rosterFilter(c *web.Ctx) (deputies.Filter, error) {
	var f deputies.Filter
	var err error
	if f.Township, err = township(c, false, false); err != nil {
		return f, err
	}
	if s := c.Query("level"); s != "" {
		l, ok := deputies.ParseLevelLabel(s)
		if !ok {
			return f, errs.Field("level", "invalid_level", "deputy.err.level", s)
		}
		f.Level = l
	}
	if s := c.Query("status"); s != "" {
		f.Status = deputies.Status(s)
		if !f.Status.Valid() {
			return f, errs.Field("status", "invalid_status", "deputy.err.status", s)
		}
	}
	if f.GroupID, err = queryID(c, "group"); err != nil {
		return f, err
	}
	if f.StationID, err = queryID(c, "station"); err != nil {
		return f, err
	}
	f.Sector, f.Skill, f.Query, f.Cursor = c.Query("sector"), c.Query("skill"), c.Query("q"), c.Query("cursor")
	return f, nil
}
