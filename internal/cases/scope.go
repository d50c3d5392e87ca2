package cases

import (
	"renda/internal/auth"
	"renda/internal/store"
)

// scopeCases narrows a query on cases (aliased c) to what the principal may
// see: staff their jurisdiction, a liaison officer their station's opinions,
// a deputy the cases they took, lead or co-sign, a unit what is assigned to
// it. The jurisdiction range is always there, so nothing leaks across it.
func scopeCases(w *where, p *auth.Principal) {
	lo, hi := store.PrefixRange(p.Scope)
	w.add("c.township_code >= ? AND c.township_code < ?", lo, hi)
	switch p.Role {
	case auth.Admin, auth.County, auth.Township:
	case auth.Liaison:
		w.add("c.station_id = ?", p.StationID)
	case auth.Deputy:
		w.add("c.id IN (SELECT case_id FROM case_deputies WHERE deputy_id = ?)", p.DeputyID)
	case auth.Unit:
		w.add("c.id IN (SELECT case_id FROM case_units WHERE unit_id = ? AND active)", p.UnitID)
	default:
		w.add("FALSE")
	}
}

// seesContact reports whether the principal may see a constituent's name and
// phone: staff, the station's officers and the deputies who took the matter —
// never a handling unit, never the public.
func seesContact(p *auth.Principal) bool {
	return p.Is(auth.Admin, auth.County, auth.Township, auth.Liaison, auth.Deputy)
}
