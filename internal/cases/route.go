package cases

import (
	"context"
	"database/sql"

	"renda/internal/audit"
	"renda/internal/auth"
	"renda/internal/errs"
)

// Routes of triage by jurisdiction (DESIGN.md §6).
const (
	RouteTownship   = "township"   // to the township government or street office
	RouteDistrict   = "district"   // as a deputy letter to the standing committee
	RouteBeyond     = "beyond"     // referred to the city deputies of the area
	RouteSuggestion = "suggestion" // raised as, or merged into, a deputy suggestion
)

// Routes lists the routes.
var Routes = []string{RouteTownship, RouteDistrict, RouteBeyond, RouteSuggestion}

// Routing is a triage decision.
type Routing struct {
	Route        string `json:"route"`
	UnitID       int64  `json:"unit_id"`
	SuggestionID int64  `json:"suggestion_id,omitempty"` // the suggestion it is merged into (route suggestion)
	Due          string `json:"due,omitempty"`
	Note         string `json:"note,omitempty"` // shown on the public tracking page
}

// Route triages an opinion, once. township needs the unit (the township
// government or street office); district goes to the standing committee,
// which assigns a unit (county staff may name it at once); beyond is
// referred upward; suggestion links it to a deputy suggestion.
func (s *Service) Route(ctx context.Context, p *auth.Principal, id int64, in Routing) (*Case, error) {
	if !p.Role.Staff() {
		return nil, errs.ForbiddenErr()
	}
	in.Route, in.Note = trim(in.Route), trim(in.Note)
	if in.Route == "" {
		return nil, errs.Required("route", "cases.field.route")
	}
	if !oneOf(in.Route, Routes) {
		return nil, errs.Field("route", "invalid_route", "cases.err.route")
	}
	if err := errs.MaxLen("note", "cases.field.public_note", in.Note, 500); err != nil {
		return nil, err
	}
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		c, err := s.load(ctx, tx, p, id)
		if err != nil {
			return err
		}
		if c.Kind != Opinion {
			return errs.NotFoundErr("cases.entity.opinion")
		}
		if c.Route != "" || c.Status != Received {
			return errs.ConflictErr("route", "cases.err.routed_twice", i18nStatus(c.Status))
		}
		before := snapshot(c)
		now := s.now().Unix()
		if _, err := tx.ExecContext(ctx, `UPDATE cases SET route = $1, updated_at = $2 WHERE id = $3`, in.Route, now, id); err != nil {
			return err
		}
		c.Route = in.Route
		switch in.Route {
		case RouteTownship:
			if in.UnitID == 0 {
				return errs.Required("unit_id", "cases.field.unit")
			}
			err = s.assign(ctx, tx, p, c, Assignment{LeadUnitID: in.UnitID, Due: in.Due})
		case RouteDistrict:
			if in.UnitID != 0 && !p.Is(auth.Admin, auth.County) {
				return errs.Field("unit_id", "committee_assigns", "cases.err.committee_assigns")
			}
			if in.UnitID != 0 {
				err = s.assign(ctx, tx, p, c, Assignment{LeadUnitID: in.UnitID, Due: in.Due})
			} else {
				c.Status = Forwarded
				err = setStatus(ctx, tx, id, now, "forwarded", Forwarded, in.Note, p.Username)
			}
		case RouteBeyond:
			c.Status = Referred
			err = setStatus(ctx, tx, id, now, "referred", Referred, in.Note, p.Username)
		case RouteSuggestion:
			if in.SuggestionID != 0 {
				sg, err := s.load(ctx, tx, p, in.SuggestionID)
				if err != nil || sg.Kind == Opinion {
					return errs.Field("suggestion_id", "unknown_suggestion", "cases.err.suggestion")
				}
				if _, err := tx.ExecContext(ctx, `UPDATE cases SET suggestion_id = $1 WHERE id = $2`, sg.ID, id); err != nil {
					return err
				}
			}
			c.Status, c.SuggestionID = Raised, in.SuggestionID
			err = setStatus(ctx, tx, id, now, "raised", Raised, in.Note, p.Username)
		}
		if err != nil {
			return err
		}
		return audit.Record(ctx, tx, p.Actor(ctx), "route", "opinion", id, c.Township, in.Route, before, snapshot(c))
	})
	if err != nil {
		return nil, err
	}
	return s.Get(ctx, p, id)
}
