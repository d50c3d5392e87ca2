package votes

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"renda/internal/audit"
	"renda/internal/auth"
	"renda/internal/duties"
	"renda/internal/errs"
	"renda/internal/store"
)

// Progress is one progress report on a chosen project.
type Progress struct {
	ID        int64  `json:"id"`
	Date      string `json:"date"`
	Percent   int    `json:"percent"`
	Milestone string `json:"milestone"`
	Problems  string `json:"problems"`
}

// Inspection is deputies' inspection of a chosen project.
type Inspection struct {
	ID        int64    `json:"id"`
	Date      string   `json:"date"`
	DeputyIDs []int64  `json:"deputy_ids"`
	Deputies  []string `json:"deputies"`
	Findings  string   `json:"findings"`
	Problems  string   `json:"problems"`
}

// NewInspection is what recording an inspection takes.
type NewInspection struct {
	Date      string  `json:"date"`
	DeputyIDs []int64 `json:"deputy_ids"`
	Findings  string  `json:"findings"`
	Problems  string  `json:"problems"`
}

// Satisfaction is the deputies' year-end rating of a project.
type Satisfaction struct {
	Satisfied   int     `json:"satisfied"`
	Basic       int     `json:"basically_satisfied"`
	Unsatisfied int     `json:"unsatisfied"`
	Rate        float64 `json:"rate"` // satisfied and basically satisfied over all ratings
}

// FollowUp is everything known about a chosen project's implementation.
type FollowUp struct {
	ProjectID    int64        `json:"project_id"`
	Name         string       `json:"name"`
	Department   string       `json:"department"`
	Due          string       `json:"due"`
	Percent      int          `json:"percent"`
	Progress     []Progress   `json:"progress"`
	Inspections  []Inspection `json:"inspections"`
	Satisfaction Satisfaction `json:"satisfaction"`
}

// Ratings a deputy can give.
const (
	Satisfied   = "satisfied"
	Basic       = "basically_satisfied"
	Unsatisfied = "unsatisfied"
)

// chosenProject finds a project chosen by a published vote.
func chosenProject(v *Vote, projectID int64) (*Project, error) {
	if !v.Published() {
		return nil, errs.ConflictErr("status", "vote.err.not_published")
	}
	for _, l := range v.result().Projects {
		if l.ProjectID == projectID {
			if !l.Selected {
				return nil, errs.Field("project_id", "not_chosen", "vote.err.not_chosen")
			}
			for i := range v.Projects {
				if v.Projects[i].ID == projectID {
					return &v.Projects[i], nil
				}
			}
		}
	}
	return nil, errs.NotFoundErr("vote.project")
}

func checkDate(field, s string) error {
	if s == "" {
		return errs.Required(field, "vote.field.date")
	}
	if _, err := time.Parse("2006-01-02", s); err != nil {
		return errs.Field(field, "invalid_date", "err.date_format", s)
	}
	return nil
}

// AddProgress records a progress report on a chosen project.
func AddProgress(ctx context.Context, db *store.DB, p *auth.Principal, voteID, projectID int64, in Progress) (*Progress, error) {
	in.Date, in.Milestone, in.Problems = strings.TrimSpace(in.Date), strings.TrimSpace(in.Milestone), strings.TrimSpace(in.Problems)
	if err := checkDate("date", in.Date); err != nil {
		return nil, err
	}
	if in.Percent < 0 || in.Percent > 100 {
		return nil, errs.Field("percent", "out_of_range", "vote.err.percent")
	}
	if in.Milestone == "" {
		return nil, errs.Required("milestone", "vote.field.milestone")
	}
	if err := errs.MaxLen("milestone", "vote.field.milestone", in.Milestone, 500); err != nil {
		return nil, err
	}
	if err := errs.MaxLen("problems", "vote.field.problems", in.Problems, 2000); err != nil {
		return nil, err
	}
	err := db.Tx(ctx, func(tx *sql.Tx) error {
		v, err := manageable(ctx, tx, p, voteID)
		if err != nil {
			return err
		}
		if _, err := chosenProject(v, projectID); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `INSERT INTO vote_progress (project_id, date, percent, milestone, problems, recorded_by, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`, projectID, in.Date, in.Percent, in.Milestone, in.Problems,
			store.NullID(p.UserID), time.Now().Unix()).Scan(&in.ID); err != nil {
			return err
		}
		return audit.Record(ctx, tx, p.Actor(ctx), "progress", "vote_project", projectID, v.Congress, in.Milestone, nil, in)
	})
	if err != nil {
		return nil, err
	}
	return &in, nil
}

// AddInspection records deputies' inspection of a chosen project; each
// deputy who took part gets an inspection duty record.
func AddInspection(ctx context.Context, db *store.DB, p *auth.Principal, voteID, projectID int64, in NewInspection) (*Inspection, error) {
	in.Date, in.Findings, in.Problems = strings.TrimSpace(in.Date), strings.TrimSpace(in.Findings), strings.TrimSpace(in.Problems)
	if err := checkDate("date", in.Date); err != nil {
		return nil, err
	}
	if len(in.DeputyIDs) == 0 {
		return nil, errs.Required("deputy_ids", "vote.field.inspectors")
	}
	if in.Findings == "" {
		return nil, errs.Required("findings", "vote.field.findings")
	}
	if err := errs.MaxLen("findings", "vote.field.findings", in.Findings, 4000); err != nil {
		return nil, err
	}
	if err := errs.MaxLen("problems", "vote.field.problems", in.Problems, 4000); err != nil {
		return nil, err
	}
	out := &Inspection{Date: in.Date, DeputyIDs: in.DeputyIDs, Findings: in.Findings, Problems: in.Problems}
	err := db.Tx(ctx, func(tx *sql.Tx) error {
		v, err := manageable(ctx, tx, p, voteID)
		if err != nil {
			return err
		}
		pr, err := chosenProject(v, projectID)
		if err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `INSERT INTO vote_inspections (project_id, date, findings, problems, recorded_by, created_at)
			VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, projectID, in.Date, in.Findings, in.Problems, store.NullID(p.UserID),
			time.Now().Unix()).Scan(&out.ID); err != nil {
			return err
		}
		for i, d := range in.DeputyIDs {
			// Inspectors are deputies of this congress.
			var ok int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM seats WHERE deputy_id = $1 AND congress_code = $2`, d, v.Congress).Scan(&ok); err != nil {
				return err
			}
			if ok == 0 {
				return errs.Field(fmt.Sprintf("deputy_ids[%d]", i), "unknown_deputy", "vote.err.inspector", d)
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO vote_inspection_deputies (inspection_id, deputy_id) VALUES ($1, $2)
				ON CONFLICT DO NOTHING`, out.ID, d); err != nil {
				return err
			}
			if err := duties.RecordImplied(ctx, tx, duties.Implied{DeputyID: d, Kind: duties.Inspection, Date: in.Date, Days: 0.5,
				Title: "视察民生实事项目：" + pr.Name, Source: "vote_inspection", SourceID: out.ID}); err != nil {
				return err
			}
		}
		return audit.Record(ctx, tx, p.Actor(ctx), "inspection", "vote_project", projectID, v.Congress, in.Findings, nil, out)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Rate records a deputy's year-end satisfaction with a chosen project,
// once. Who rated is kept apart from the counts.
func Rate(ctx context.Context, db *store.DB, p *auth.Principal, voteID, projectID int64, rating string) error {
	if p == nil || p.Role != auth.Deputy || p.DeputyID == 0 {
		return errs.ForbiddenErr()
	}
	col := map[string]string{Satisfied: "satisfied", Basic: "basic", Unsatisfied: "unsatisfied"}[rating]
	if col == "" {
		return errs.Field("rating", "invalid_rating", "vote.err.rating")
	}
	return db.Tx(ctx, func(tx *sql.Tx) error {
		v, err := load(ctx, tx, voteID)
		if err != nil {
			return err
		}
		elector, _, err := isElector(ctx, tx, voteID, p.DeputyID)
		if err != nil {
			return err
		}
		if !elector {
			if v.Published() {
				return errs.New(errs.Forbidden, "not_eligible", "deputy", "vote.err.not_rater")
			}
			return errs.NotFoundErr("vote.entity")
		}
		if _, err := chosenProject(v, projectID); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO vote_raters (project_id, deputy_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, projectID, p.DeputyID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errs.ConflictErr("deputy", "vote.err.already_rated")
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO vote_satisfaction (project_id) VALUES ($1) ON CONFLICT DO NOTHING`, projectID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE vote_satisfaction SET `+col+` = `+col+` + 1 WHERE project_id = $1`, projectID); err != nil {
			return err
		}
		return audit.Record(ctx, tx, p.Actor(ctx), "rate", "vote_project", projectID, v.Congress, "rated", nil,
			map[string]any{"deputy_id": p.DeputyID, "rated": true})
	})
}

// FollowUps returns the follow-up of every project a published vote chose:
// to anyone once published.
func FollowUps(ctx context.Context, db *store.DB, voteID int64) ([]FollowUp, error) {
	v, err := load(ctx, db.R, voteID)
	if err != nil {
		return nil, err
	}
	if !v.Published() {
		return nil, errs.NotFoundErr("vote.entity")
	}
	var out []FollowUp
	for _, l := range v.result().Projects {
		if !l.Selected {
			continue
		}
		var pr *Project
		for i := range v.Projects {
			if v.Projects[i].ID == l.ProjectID {
				pr = &v.Projects[i]
			}
		}
		f := FollowUp{ProjectID: pr.ID, Name: pr.Name, Department: pr.Department, Due: pr.Due, Progress: []Progress{}, Inspections: []Inspection{}}
		if err := followUpOf(ctx, db.R, &f); err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, nil
}

func followUpOf(ctx context.Context, q store.Querier, f *FollowUp) error {
	rows, err := q.QueryContext(ctx, `SELECT id, date, percent, milestone, problems FROM vote_progress WHERE project_id = $1 ORDER BY date, id`, f.ProjectID)
	if err != nil {
		return err
	}
	for rows.Next() {
		var p Progress
		if err := rows.Scan(&p.ID, &p.Date, &p.Percent, &p.Milestone, &p.Problems); err != nil {
			rows.Close()
			return err
		}
		f.Progress = append(f.Progress, p)
		f.Percent = p.Percent
	}
	rows.Close()
	rows, err = q.QueryContext(ctx, `SELECT i.id, i.date, i.findings, i.problems, d.id, d.name FROM vote_inspections i
		JOIN vote_inspection_deputies x ON x.inspection_id = i.id JOIN deputies d ON d.id = x.deputy_id
		WHERE i.project_id = $1 ORDER BY i.date, i.id, d.id`, f.ProjectID)
	if err != nil {
		return err
	}
	for rows.Next() {
		var in Inspection
		var did int64
		var name string
		if err := rows.Scan(&in.ID, &in.Date, &in.Findings, &in.Problems, &did, &name); err != nil {
			rows.Close()
			return err
		}
		if n := len(f.Inspections); n > 0 && f.Inspections[n-1].ID == in.ID {
			f.Inspections[n-1].DeputyIDs = append(f.Inspections[n-1].DeputyIDs, did)
			f.Inspections[n-1].Deputies = append(f.Inspections[n-1].Deputies, name)
			continue
		}
		in.DeputyIDs, in.Deputies = []int64{did}, []string{name}
		f.Inspections = append(f.Inspections, in)
	}
	rows.Close()
	s := &f.Satisfaction
	err = q.QueryRowContext(ctx, `SELECT satisfied, basic, unsatisfied FROM vote_satisfaction WHERE project_id = $1`, f.ProjectID).
		Scan(&s.Satisfied, &s.Basic, &s.Unsatisfied)
	if err != nil && err != sql.ErrNoRows {
		return err
	}
	if all := s.Satisfied + s.Basic + s.Unsatisfied; all > 0 {
		s.Rate = float64(s.Satisfied+s.Basic) / float64(all)
	}
	return nil
}
