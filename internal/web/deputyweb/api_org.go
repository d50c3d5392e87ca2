package deputyweb

import (
	"net/http"

	"renda/internal/deputies"
	"renda/internal/web"
)

// groupDetail is a group with its members.
type groupDetail struct {
	*deputies.DeputyGroup
	MemberList []*deputies.Deputy `json:"member_list"`
}

func (m *Module) apiGroups(c *web.Ctx) error {
	t, err := township(c, false, false)
	if err != nil {
		return err
	}
	gs, err := deputies.ListGroups(c.Context(), m.db.R, c.User, t)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, web.NewList(gs, ""))
}

func (m *Module) group(c *web.Ctx) (*groupDetail, error) {
	id, err := c.PathID("id", "deputy.entity_group")
	if err != nil {
		return nil, err
	}
	g, err := deputies.GetGroup(c.Context(), m.db.R, c.User, id)
	if err != nil {
		return nil, err
	}
	members, _, err := deputies.List(c.Context(), m.db.R, c.User, deputies.Filter{GroupID: g.ID, Limit: 200})
	if err != nil {
		return nil, err
	}
	return &groupDetail{DeputyGroup: g, MemberList: members}, nil
}

func (m *Module) apiGroup(c *web.Ctx) error {
	g, err := m.group(c)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, g)
}

func (m *Module) apiCreateGroup(c *web.Ctx) error {
	var in deputies.GroupInput
	if err := c.Decode(&in); err != nil {
		return err
	}
	g, err := deputies.CreateGroup(c.Context(), m.db, c.User, in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, g)
}

func (m *Module) apiUpdateGroup(c *web.Ctx) error {
	id, err := c.PathID("id", "deputy.entity_group")
	if err != nil {
		return err
	}
	var in deputies.GroupInput
	if err := c.Decode(&in); err != nil {
		return err
	}
	g, err := deputies.UpdateGroup(c.Context(), m.db, c.User, id, in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, g)
}

func (m *Module) apiStations(c *web.Ctx) error {
	t, err := township(c, false, false)
	if err != nil {
		return err
	}
	ss, err := deputies.ListStations(c.Context(), m.db.R, c.User, t)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, web.NewList(ss, ""))
}

func (m *Module) apiStation(c *web.Ctx) error {
	id, err := c.PathID("id", "deputy.entity_station")
	if err != nil {
		return err
	}
	s, err := deputies.GetStation(c.Context(), m.db.R, c.User, id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, s)
}

func (m *Module) apiCreateStation(c *web.Ctx) error {
	var in deputies.StationInput
	if err := c.Decode(&in); err != nil {
		return err
	}
	s, err := deputies.CreateStation(c.Context(), m.db, c.User, in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, s)
}

func (m *Module) apiUpdateStation(c *web.Ctx) error {
	id, err := c.PathID("id", "deputy.entity_station")
	if err != nil {
		return err
	}
	var in deputies.StationInput
	if err := c.Decode(&in); err != nil {
		return err
	}
	s, err := deputies.UpdateStation(c.Context(), m.db, c.User, id, in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, s)
}

func stationOfficer(c *web.Ctx) (int64, int64, error) {
	id, err := c.PathID("id", "deputy.entity_station")
	if err != nil {
		return 0, 0, err
	}
	oid, err := c.PathID("officer", "deputy.entity_officer")
	return id, oid, err
}

func (m *Module) apiAddOfficer(c *web.Ctx) error {
	id, err := c.PathID("id", "deputy.entity_station")
	if err != nil {
		return err
	}
	var in deputies.OfficerInput
	if err := c.Decode(&in); err != nil {
		return err
	}
	o, err := deputies.AddOfficer(c.Context(), m.db, c.User, id, in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, o)
}

func (m *Module) apiUpdateOfficer(c *web.Ctx) error {
	id, oid, err := stationOfficer(c)
	if err != nil {
		return err
	}
	var in deputies.OfficerInput
	if err := c.Decode(&in); err != nil {
		return err
	}
	o, err := deputies.UpdateOfficer(c.Context(), m.db, c.User, id, oid, in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, o)
}

func (m *Module) apiRemoveOfficer(c *web.Ctx) error {
	id, oid, err := stationOfficer(c)
	if err != nil {
		return err
	}
	if err := deputies.RemoveOfficer(c.Context(), m.db, c.User, id, oid); err != nil {
		return err
	}
	c.W.WriteHeader(http.StatusNoContent)
	return nil
}

func (m *Module) apiOfficerAccount(c *web.Ctx) error {
	id, oid, err := stationOfficer(c)
	if err != nil {
		return err
	}
	var in deputies.AccountInput
	if err := c.Decode(&in); err != nil {
		return err
	}
	u, err := deputies.CreateOfficerAccount(c.Context(), m.db, m.app.Auth, c.User, id, oid, in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, u)
}

func (m *Module) apiDistricts(c *web.Ctx) error {
	t, err := township(c, false, false)
	if err != nil {
		return err
	}
	ds, err := deputies.ListDistricts(c.Context(), m.db.R, c.User, t)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, web.NewList(ds, ""))
}

func (m *Module) apiDistrict(c *web.Ctx) error {
	id, err := c.PathID("id", "deputy.entity_district")
	if err != nil {
		return err
	}
	d, err := deputies.GetDistrict(c.Context(), m.db.R, c.User, id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, d)
}

func (m *Module) apiCreateDistrict(c *web.Ctx) error {
	var in deputies.DistrictInput
	if err := c.Decode(&in); err != nil {
		return err
	}
	d, err := deputies.CreateDistrict(c.Context(), m.db, c.User, in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, d)
}

func (m *Module) apiUpdateDistrict(c *web.Ctx) error {
	id, err := c.PathID("id", "deputy.entity_district")
	if err != nil {
		return err
	}
	var in deputies.DistrictInput
	if err := c.Decode(&in); err != nil {
		return err
	}
	d, err := deputies.UpdateDistrict(c.Context(), m.db, c.User, id, in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, d)
}

func (m *Module) apiPublicTownship(c *web.Ctx) error {
	pt, err := deputies.PublicTownshipByCode(c.Context(), m.db.R, c.R.PathValue("code"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, pt)
}

func (m *Module) apiPublicStation(c *web.Ctx) error {
	id, err := c.PathID("id", "deputy.entity_station")
	if err != nil {
		return err
	}
	ps, err := deputies.PublicStationByID(c.Context(), m.db.R, id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, ps)
}

func (m *Module) apiPublicDeputy(c *web.Ctx) error {
	id, err := c.PathID("id", "deputy.entity")
	if err != nil {
		return err
	}
	pd, err := deputies.PublicDeputyByID(c.Context(), m.db.R, id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, pd)
}
