package cases

import (
	"context"
	"database/sql"

	"renda/internal/audit"
	"renda/internal/auth"
	"renda/internal/errs"
)

// Notice is a constituent to be told of a change to their matter.
type Notice struct {
	CaseID       int64  `json:"case_id"`
	TrackingCode string `json:"tracking_code"`
	Name         string `json:"name"`
	Phone        string `json:"phone"`
}

// MergeResult is the opinion kept and the constituents to tell.
type MergeResult struct {
	Case   *Case    `json:"case"`
	Notify []Notice `json:"notify"`
}

// Merge folds duplicate opinions into one: each duplicate is marked merged
// and follows the kept opinion (its tracking page shows the kept one's
// progress), the deputies who took it join the kept one, and every
// constituent concerned is listed to be told, with a step in their history.
func (s *Service) Merge(ctx context.Context, p *auth.Principal, into int64, ids []int64) (*MergeResult, error) {
	if !p.Role.Staff() {
		return nil, errs.ForbiddenErr()
	}
	if len(ids) == 0 {
		return nil, errs.Required("ids", "cases.field.merge_ids")
	}
	res := &MergeResult{}
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		keep, err := s.load(ctx, tx, p, into)
		if err != nil {
			return err
		}
		if keep.Kind != Opinion || keep.Status == Merged {
			return errs.Field("into", "not_mergeable", "cases.err.merge_target")
		}
		now := s.now().Unix()
		res.Notify = append(res.Notify, Notice{keep.ID, keep.TrackingCode, keep.constituent.Name, keep.constituent.Phone})
		for _, id := range ids {
			if id == into {
				continue
			}
			dup, err := s.load(ctx, tx, p, id)
			if err != nil {
				return errs.Field("ids", "unknown_opinion", "cases.err.merge_unknown", id)
			}
			if dup.Kind != Opinion || dup.Status != Received {
				return errs.ConflictErr("ids", "cases.err.merge_state", id, i18nStatus(dup.Status))
			}
			before := snapshot(dup)
			// Duplicates already merged into this one follow the kept one too.
			if _, err := tx.ExecContext(ctx, `UPDATE cases SET merged_into = $1 WHERE merged_into = $2`, into, id); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE cases SET merged_into = $1 WHERE id = $2`, into, id); err != nil {
				return err
			}
			if err := setStatus(ctx, tx, id, now, "merged", Merged, "", p.Username); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO case_deputies (case_id, deputy_id, role)
				SELECT $1, deputy_id, 'taker' FROM case_deputies d WHERE d.case_id = $2
				AND NOT EXISTS (SELECT 1 FROM case_deputies x WHERE x.case_id = $1 AND x.deputy_id = d.deputy_id)`, into, id); err != nil {
				return err
			}
			dup.Status, dup.MergedInto = Merged, into
			if err := audit.Record(ctx, tx, p.Actor(ctx), "merge", "opinion", id, dup.Township, dup.Title, before, snapshot(dup)); err != nil {
				return err
			}
			res.Notify = append(res.Notify, Notice{dup.ID, dup.TrackingCode, dup.constituent.Name, dup.constituent.Phone})
		}
		if err := addEvent(ctx, tx, into, now, "merged_in", keep.Status, "", p.Username); err != nil {
			return err
		}
		// Opinions merged earlier into a duplicate are told as well.
		rows, err := tx.QueryContext(ctx, `SELECT id, tracking_code, constituent_name, constituent_phone FROM cases
			WHERE merged_into = $1 ORDER BY id`, into)
		if err != nil {
			return err
		}
		defer rows.Close()
		seen := map[int64]bool{}
		for _, n := range res.Notify {
			seen[n.CaseID] = true
		}
		for rows.Next() {
			var n Notice
			if err := rows.Scan(&n.CaseID, &n.TrackingCode, &n.Name, &n.Phone); err != nil {
				return err
			}
			if !seen[n.CaseID] {
				res.Notify = append(res.Notify, n)
			}
		}
		return rows.Err()
	})
	if err != nil {
		return nil, err
	}
	res.Case, err = s.Get(ctx, p, into)
	return res, err
}
