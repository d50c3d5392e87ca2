package cases

import (
	"context"
	"database/sql"
	"time"

	"renda/internal/audit"
	"renda/internal/auth"
	"renda/internal/errs"
	"renda/internal/store"
)

// Assignment hands a case to a lead handling unit and co-handlers (交办).
type Assignment struct {
	LeadUnitID int64   `json:"lead_unit_id"`
	CoUnitIDs  []int64 `json:"co_unit_ids"`
	Due        string  `json:"due"`  // YYYY-MM-DD; default three months from today, six for hard items
	Hard       *bool   `json:"hard"` // marks the item broad and hard (optional)
}

// Assign hands a filed, forwarded or returned case to units. Staff of the
// case's jurisdiction do it.
func (s *Service) Assign(ctx context.Context, p *auth.Principal, id int64, in Assignment) (*Case, error) {
	if !p.Role.Staff() {
		return nil, errs.ForbiddenErr()
	}
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		c, err := s.load(ctx, tx, p, id)
		if err != nil {
			return err
		}
		if c.Status != Filed && c.Status != Forwarded && c.Status != Returned {
			return errs.ConflictErr("lead_unit_id", "cases.err.not_assignable", i18nStatus(c.Status))
		}
		if in.Hard != nil {
			c.Hard = *in.Hard
		}
		before := snapshot(c)
		if err := s.assign(ctx, tx, p, c, in); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE cases SET hard = $1 WHERE id = $2`, c.Hard, c.ID); err != nil {
			return err
		}
		return audit.Record(ctx, tx, p.Actor(ctx), "assign", string(c.Kind), c.ID, c.Township, c.Title, before, snapshot(c))
	})
	if err != nil {
		return nil, err
	}
	return s.Get(ctx, p, id)
}

// assign checks the units and the due date and writes the assignment; c is
// updated to match. Used by Assign and by routing an opinion to a unit.
func (s *Service) assign(ctx context.Context, tx *sql.Tx, p *auth.Principal, c *Case, in Assignment) error {
	if in.LeadUnitID == 0 {
		return errs.Required("lead_unit_id", "cases.field.lead_unit")
	}
	if _, err := getUnit(ctx, tx, p, in.LeadUnitID); err != nil {
		return errs.Field("lead_unit_id", "unknown_unit", "cases.err.unit")
	}
	seen := map[int64]bool{in.LeadUnitID: true}
	var co []int64
	for _, u := range in.CoUnitIDs {
		if seen[u] {
			continue
		}
		seen[u] = true
		if _, err := getUnit(ctx, tx, p, u); err != nil {
			return errs.Field("co_unit_ids", "unknown_unit", "cases.err.unit")
		}
		co = append(co, u)
	}
	now := s.now()
	today := now.Format(time.DateOnly)
	due := in.Due
	if due == "" {
		months := s.Config.DueMonths
		if c.Hard {
			months = s.Config.HardDueMonths
		}
		due = now.AddDate(0, months, 0).Format(time.DateOnly)
	} else if _, err := time.Parse(time.DateOnly, due); err != nil {
		return errs.Field("due", "invalid_date", "err.date_format", due)
	} else if due < today {
		return errs.Field("due", "past", "cases.err.due_past")
	}
	at := now.Unix()
	if _, err := tx.ExecContext(ctx, `UPDATE case_units SET active = FALSE WHERE case_id = $1 AND active`, c.ID); err != nil {
		return err
	}
	for i, u := range append([]int64{in.LeadUnitID}, co...) {
		role := "co"
		if i == 0 {
			role = "lead"
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO case_units (case_id, unit_id, role, assigned_at, due_date) VALUES ($1, $2, $3, $4, $5)`,
			c.ID, u, role, at, due); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE cases SET lead_unit_id = $1, assigned_at = $2, due_date = $3 WHERE id = $4`,
		in.LeadUnitID, at, due, c.ID); err != nil {
		return err
	}
	c.LeadUnitID, c.AssignedAt, c.Due, c.Status, c.CoUnitIDs = in.LeadUnitID, at, due, Assigned, co
	return setStatus(ctx, tx, c.ID, at, "assigned", Assigned, "", p.Username)
}

// Return sends a wrongly assigned case back, within the working days the
// rules allow, with the unit's reason. A co-handler's return only ends its
// own part.
func (s *Service) Return(ctx context.Context, p *auth.Principal, id int64, reason string) (*Case, error) {
	if !p.Is(auth.Unit) {
		return nil, errs.ForbiddenErr()
	}
	reason = trim(reason)
	if reason == "" {
		return nil, errs.Required("reason", "cases.field.return_reason")
	}
	if err := errs.MaxLen("reason", "cases.field.return_reason", reason, 500); err != nil {
		return nil, err
	}
	var out *Case
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		c, err := s.load(ctx, tx, p, id)
		if err != nil {
			return err
		}
		var rowID, assignedAt int64
		var role string
		err = tx.QueryRowContext(ctx, `SELECT id, role, assigned_at FROM case_units WHERE case_id = $1 AND unit_id = $2 AND active`,
			id, p.UnitID).Scan(&rowID, &role, &assignedAt)
		if err != nil {
			return store.NotFound(err)
		}
		if c.Status != Assigned {
			return errs.ConflictErr("reason", "cases.err.not_returnable", i18nStatus(c.Status))
		}
		now := s.now()
		if n := workdaysBetween(time.Unix(assignedAt, 0).In(now.Location()), now); n > s.Config.ReturnWorkdays {
			return errs.Field("reason", "too_late", "cases.err.return_late", s.Config.ReturnWorkdays)
		}
		before := snapshot(c)
		if _, err := tx.ExecContext(ctx, `UPDATE case_units SET active = FALSE, returned_at = $1, return_reason = $2 WHERE id = $3`,
			now.Unix(), reason, rowID); err != nil {
			return err
		}
		if role == "lead" {
			if _, err := tx.ExecContext(ctx, `UPDATE case_units SET active = FALSE WHERE case_id = $1 AND active`, id); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE cases SET lead_unit_id = NULL, assigned_at = NULL, due_date = NULL WHERE id = $1`, id); err != nil {
				return err
			}
			if err := setStatus(ctx, tx, id, now.Unix(), "returned", Returned, "", p.Username); err != nil {
				return err
			}
			c.Status, c.LeadUnitID, c.Due = Returned, 0, ""
		}
		out = c
		return audit.Record(ctx, tx, p.Actor(ctx), "return", string(c.Kind), id, c.Township, reason, before, snapshot(c))
	})
	if err != nil {
		if err == store.ErrNotFound {
			return nil, errs.NotFoundErr("cases.entity.case")
		}
		return nil, err
	}
	// The unit no longer sees the case once returned: answer with the case
	// as it stood, without the others on it.
	out.CoUnitIDs = nil
	return out, nil
}

// workdaysBetween counts the working days (Monday to Friday) after from up
// to and including to. Public holidays are not known to the platform.
func workdaysBetween(from, to time.Time) int {
	d := time.Date(from.Year(), from.Month(), from.Day(), 0, 0, 0, 0, from.Location())
	end := time.Date(to.Year(), to.Month(), to.Day(), 0, 0, 0, 0, to.Location())
	n := 0
	for d = d.AddDate(0, 0, 1); !d.After(end); d = d.AddDate(0, 0, 1) {
		if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
			n++
		}
	}
	return n
}
