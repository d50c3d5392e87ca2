package liaison

import (
	"context"
	"database/sql"
	"strings"

	"renda/internal/audit"
	"renda/internal/auth"
	"renda/internal/cases"
	"renda/internal/duties"
	"renda/internal/errs"
)

// Matter is one matter a constituent raised at a reception.
type Matter struct {
	Title       string            `json:"title"`
	Body        string            `json:"body"`
	Constituent cases.Constituent `json:"constituent"`
}

// Held is the record of a reception held: who came, the deputies present
// and each matter raised.
type Held struct {
	Visitors         int      `json:"visitors"`
	PresentDeputyIDs []int64  `json:"present_deputy_ids"`
	Summary          string   `json:"summary"`
	Matters          []Matter `json:"matters"`
}

// HeldResult is the reception and the opinions its matters became.
type HeldResult struct {
	Reception *Reception      `json:"reception"`
	Opinions  []cases.Receipt `json:"opinions"`
}

// Hold records a reception as held. Each matter raised becomes an opinion
// of the station (channel reception) taken by the deputies present, and
// each deputy present gets a duty record of kind reception counting the
// constituents met — all in one transaction, so nothing is half recorded.
func (s *Service) Hold(ctx context.Context, p *auth.Principal, id int64, in Held) (*HeldResult, error) {
	if !p.Is(auth.Admin, auth.County, auth.Township, auth.Liaison) {
		return nil, errs.ForbiddenErr()
	}
	in.Summary = strings.TrimSpace(in.Summary)
	if in.Visitors < 0 || in.Visitors > 10000 {
		return nil, errs.Field("visitors", "out_of_range", "liaison.err.visitors")
	}
	if len(in.PresentDeputyIDs) == 0 {
		return nil, errs.Required("present_deputy_ids", "liaison.field.present")
	}
	if err := errs.MaxLen("summary", "liaison.field.summary", in.Summary, 5000); err != nil {
		return nil, err
	}
	if len(in.Matters) > 100 {
		return nil, errs.Field("matters", "too_many", "liaison.err.matters")
	}
	res := &HeldResult{Opinions: []cases.Receipt{}}
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		r, st, err := s.reception(ctx, tx, p, id)
		if err != nil {
			return err
		}
		if r.Status != "scheduled" {
			return errs.ConflictErr("", "liaison.err.not_scheduled")
		}
		if in.Visitors < len(in.Matters) {
			in.Visitors = len(in.Matters)
		}
		seen := map[int64]bool{}
		for _, d := range in.PresentDeputyIDs {
			if seen[d] {
				continue
			}
			seen[d] = true
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM deputies WHERE id = $1 AND township_code = $2`, d, st.Township).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				return errs.Field("present_deputy_ids", "unknown_deputy", "liaison.err.deputy", d)
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO reception_deputies (reception_id, deputy_id, present) VALUES ($1, $2, TRUE)
				ON CONFLICT (reception_id, deputy_id) DO UPDATE SET present = TRUE`, id, d); err != nil {
				return err
			}
			if err := duties.RecordImplied(ctx, tx, duties.Implied{DeputyID: d, Kind: duties.Reception, Date: r.Date, Days: 0.5,
				Count: in.Visitors, Title: st.Name + "接待选民", Place: r.Place, Source: "reception", SourceID: id}); err != nil {
				return err
			}
		}
		for i, m := range in.Matters {
			rec, err := s.Cases.CreateOpinionTx(ctx, tx, p, cases.NewOpinion{Township: st.Township, Channel: "reception", Title: m.Title,
				Body: m.Body, Constituent: m.Constituent, DeputyIDs: in.PresentDeputyIDs, StationID: st.ID})
			if err != nil {
				if e, ok := errs.As(err); ok && e.Field != "" {
					e.Field = "matters[" + itoa(i) + "]." + e.Field
				}
				return err
			}
			res.Opinions = append(res.Opinions, *rec)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE receptions SET status = 'held', visitors = $1, summary = $2, updated_at = $3 WHERE id = $4`,
			in.Visitors, in.Summary, s.now().Unix(), id); err != nil {
			return err
		}
		return audit.Record(ctx, tx, p.Actor(ctx), "hold", "reception", id, st.Township, st.Name+" "+r.Date, r, in)
	})
	if err != nil {
		return nil, err
	}
	res.Reception, err = s.GetReception(ctx, p, id)
	return res, err
}
