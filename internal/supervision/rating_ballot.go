package supervision

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"renda/internal/audit"
	"renda/internal/auth"
	"renda/internal/errs"
	"renda/internal/store"
)

// Mark is a ballot's judgement of one subject: a verdict, or scores per
// criterion.
type Mark struct {
	SubjectID int64   `json:"subject_id"`
	Verdict   string  `json:"verdict,omitempty"`
	Scores    []Score `json:"scores,omitempty"`
}

// Score is a score on one criterion.
type Score struct {
	CriterionID int64 `json:"criterion_id"`
	Score       int   `json:"score"`
}

// RatingBallot is one rater's ballot.
type RatingBallot struct {
	Marks []Mark `json:"marks"`
}

// checkBallot validates a ballot; prefix names it in field paths.
func checkBallot(r *Rating, b RatingBallot, prefix string) error {
	if len(b.Marks) == 0 {
		return errs.Required(prefix+"marks", "sup.field.marks")
	}
	subjects := map[int64]bool{}
	for _, s := range r.Subjects {
		subjects[s.ID] = true
	}
	max := map[int64]int{}
	for _, c := range r.Criteria {
		max[c.ID] = c.MaxScore
	}
	seen := map[int64]bool{}
	for i, m := range b.Marks {
		f := fmt.Sprintf("%smarks[%d]", prefix, i)
		if !subjects[m.SubjectID] || seen[m.SubjectID] {
			return errs.Field(f+".subject_id", "unknown_subject", "sup.err.subject")
		}
		seen[m.SubjectID] = true
		if r.Method == "satisfaction" {
			if m.Verdict != Satisfied && m.Verdict != Basic && m.Verdict != Unsatisfied {
				return errs.Field(f+".verdict", "invalid_verdict", "sup.err.verdict")
			}
			continue
		}
		if len(m.Scores) == 0 {
			return errs.Required(f+".scores", "sup.field.scores")
		}
		scored := map[int64]bool{}
		for j, s := range m.Scores {
			mx, ok := max[s.CriterionID]
			if !ok {
				return errs.Field(fmt.Sprintf("%s.scores[%d].criterion_id", f, j), "unknown_criterion", "sup.err.criterion")
			}
			if scored[s.CriterionID] {
				return errs.Field(fmt.Sprintf("%s.scores[%d].criterion_id", f, j), "duplicate", "sup.err.criterion_twice")
			}
			scored[s.CriterionID] = true
			if s.Score < 0 || s.Score > mx {
				return errs.Field(fmt.Sprintf("%s.scores[%d].score", f, j), "out_of_range", "sup.err.score", mx)
			}
		}
	}
	return nil
}

// count adds a ballot to the tallies; it names no rater.
func count(ctx context.Context, tx *sql.Tx, b RatingBallot) error {
	for _, m := range b.Marks {
		if m.Verdict != "" {
			col := map[string]string{Satisfied: "satisfied", Basic: "basic", Unsatisfied: "unsatisfied"}[m.Verdict]
			if _, err := tx.ExecContext(ctx, `INSERT INTO rating_tallies (subject_id, criterion_id) VALUES ($1, 0) ON CONFLICT DO NOTHING`, m.SubjectID); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE rating_tallies SET `+col+` = `+col+` + 1 WHERE subject_id = $1 AND criterion_id = 0`, m.SubjectID); err != nil {
				return err
			}
		}
		for _, s := range m.Scores {
			if _, err := tx.ExecContext(ctx, `INSERT INTO rating_tallies (subject_id, criterion_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, m.SubjectID, s.CriterionID); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE rating_tallies SET score_sum = score_sum + $3, score_count = score_count + 1
				WHERE subject_id = $1 AND criterion_id = $2`, m.SubjectID, s.CriterionID, s.Score); err != nil {
				return err
			}
		}
	}
	return nil
}

func addBatch(ctx context.Context, tx *sql.Tx, ratingID int64, channel string, n int) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO rating_batches (rating_id, channel, ballots, created_at) VALUES ($1, $2, $3, $4)`,
		ratingID, channel, n, time.Now().Unix())
	return err
}

// AddPaperBallots enters paper ballots counted by staff; the batch is
// refused whole if any ballot is wrong.
func AddPaperBallots(ctx context.Context, db *store.DB, p *auth.Principal, id int64, ballots []RatingBallot) (*Rating, error) {
	if len(ballots) == 0 {
		return nil, errs.Required("ballots", "sup.field.ballots")
	}
	err := db.Tx(ctx, func(tx *sql.Tx) error {
		r, err := writableRating(ctx, tx, p, id)
		if err != nil {
			return err
		}
		for i, b := range ballots {
			if err := checkBallot(r, b, fmt.Sprintf("ballots[%d].", i)); err != nil {
				return err
			}
		}
		for _, b := range ballots {
			if err := count(ctx, tx, b); err != nil {
				return err
			}
		}
		if err := addBatch(ctx, tx, id, "paper", len(ballots)); err != nil {
			return err
		}
		return audit.Record(ctx, tx, p.Actor(ctx), "paper_ballots", "rating", id, r.Township, fmt.Sprintf("%d paper ballots", len(ballots)),
			nil, map[string]int{"ballots": len(ballots)})
	})
	if err != nil {
		return nil, err
	}
	return GetRating(ctx, db, p, id)
}

// CastWithCode takes a ballot from whoever holds a one-time code: the code
// is used up in the same transaction that counts the ballot.
func CastWithCode(ctx context.Context, db *store.DB, id int64, code string, b RatingBallot) error {
	code = strings.ToUpper(strings.TrimSpace(code))
	if code == "" {
		return errs.Required("code", "sup.field.code")
	}
	return db.Tx(ctx, func(tx *sql.Tx) error {
		r, err := loadRating(ctx, tx, id, "")
		if err != nil {
			return err
		}
		if r.Status != "open" {
			return errs.ConflictErr("status", "sup.err.rating_closed")
		}
		if err := checkBallot(r, b, ""); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE rating_codes SET used = TRUE WHERE code = $1 AND rating_id = $2 AND used = FALSE`, code, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return errs.Field("code", "invalid_code", "sup.err.code")
		}
		if err := count(ctx, tx, b); err != nil {
			return err
		}
		if err := addBatch(ctx, tx, id, "code", 1); err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.By(ctx, 0, "rater"), "code_ballot", "rating", id, r.Township, "ballot by code", nil, nil)
	})
}

// SubjectResult is one subject's outcome.
type SubjectResult struct {
	SubjectID   int64     `json:"subject_id"`
	Name        string    `json:"name"`
	Post        string    `json:"post"`
	Satisfied   int       `json:"satisfied"`
	Basic       int       `json:"basically_satisfied"`
	Unsatisfied int       `json:"unsatisfied"`
	Rate        float64   `json:"rate"`        // satisfied and basically satisfied over all verdicts
	StrictRate  float64   `json:"strict_rate"` // satisfied alone
	Averages    []float64 `json:"averages"`    // per criterion, for scores
	Score       float64   `json:"score"`       // sum of the averages
	Scored      int       `json:"scored"`      // ballots that scored this subject
	ScoreRate   float64   `json:"score_rate"`  // score over the highest possible
	Low         bool      `json:"low"`         // below the rating's threshold
}

// Results computes each subject's rates or scores.
func Results(ctx context.Context, q store.Querier, r *Rating) ([]SubjectResult, error) {
	type key struct{ s, c int64 }
	t := map[key][5]int{}
	rows, err := q.QueryContext(ctx, `SELECT t.subject_id, t.criterion_id, t.satisfied, t.basic, t.unsatisfied, t.score_sum, t.score_count
		FROM rating_tallies t JOIN rating_subjects s ON s.id = t.subject_id WHERE s.rating_id = $1`, r.ID)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var k key
		var v [5]int
		if err := rows.Scan(&k.s, &k.c, &v[0], &v[1], &v[2], &v[3], &v[4]); err != nil {
			rows.Close()
			return nil, err
		}
		t[k] = v
	}
	rows.Close()
	maxTotal := 0
	for _, c := range r.Criteria {
		maxTotal += c.MaxScore
	}
	out := make([]SubjectResult, 0, len(r.Subjects))
	for _, s := range r.Subjects {
		v := t[key{s.ID, 0}]
		res := SubjectResult{SubjectID: s.ID, Name: s.Name, Post: s.Post, Satisfied: v[0], Basic: v[1], Unsatisfied: v[2], Averages: []float64{}}
		if all := v[0] + v[1] + v[2]; all > 0 {
			res.Rate = float64(v[0]+v[1]) / float64(all)
			res.StrictRate = float64(v[0]) / float64(all)
			res.Low = res.Rate < r.Threshold
		}
		if r.Method == "scores" {
			scored := false
			for _, c := range r.Criteria {
				cv := t[key{s.ID, c.ID}]
				avg := 0.0
				if cv[4] > 0 {
					avg, scored = float64(cv[3])/float64(cv[4]), true
				}
				res.Scored = max(res.Scored, cv[4])
				res.Averages = append(res.Averages, avg)
				res.Score += avg
			}
			if maxTotal > 0 && scored {
				res.ScoreRate = res.Score / float64(maxTotal)
				res.Low = res.ScoreRate < r.Threshold
			}
		}
		out = append(out, res)
	}
	return out, nil
}

// Overall is the scored appraisal across its subjects: each criterion's
// average and the total, over the subjects that were scored.
type Overall struct {
	Averages  []float64 `json:"averages"`
	Score     float64   `json:"score"`
	ScoreRate float64   `json:"score_rate"`
	Subjects  int       `json:"subjects"`
}

// OverallOf averages the subjects' results of a scored appraisal; nil for
// a satisfaction rating or before any score.
func OverallOf(r *Rating, res []SubjectResult) *Overall {
	if r.Method != "scores" {
		return nil
	}
	o := Overall{Averages: make([]float64, len(r.Criteria))}
	for _, s := range res {
		if s.Scored == 0 {
			continue
		}
		o.Subjects++
		for i, a := range s.Averages {
			o.Averages[i] += a
		}
		o.Score += s.Score
	}
	if o.Subjects == 0 {
		return nil
	}
	n := float64(o.Subjects)
	maxTotal := 0
	for i, c := range r.Criteria {
		o.Averages[i] /= n
		maxTotal += c.MaxScore
	}
	o.Score /= n
	if maxTotal > 0 {
		o.ScoreRate = o.Score / float64(maxTotal)
	}
	return &o
}

// CloseRating ends a rating. A unit rated below the threshold gets a
// rectification item to follow, due in three months.
func CloseRating(ctx context.Context, db *store.DB, p *auth.Principal, id int64) ([]SubjectResult, error) {
	var out []SubjectResult
	err := db.Tx(ctx, func(tx *sql.Tx) error {
		r, err := writableRating(ctx, tx, p, id)
		if err != nil {
			return err
		}
		if out, err = Results(ctx, tx, r); err != nil {
			return err
		}
		now := time.Now()
		if _, err := tx.ExecContext(ctx, `UPDATE ratings SET status = 'closed', updated_at = $2 WHERE id = $1`, id, now.Unix()); err != nil {
			return err
		}
		if r.SubjectKind == "units" {
			for _, s := range out {
				if !s.Low {
					continue
				}
				rate := s.Rate
				if r.Method == "scores" {
					rate = s.ScoreRate
				}
				content := fmt.Sprintf("%s：%s结果 %.1f%%，低于 %.0f%%，须制定整改方案并限期整改。", r.Title, s.Name, rate*100, r.Threshold*100)
				if _, err := insertRecommendation(ctx, tx, p, r.Township, nil, r.ID, NewRecommendation{Unit: s.Name, Content: content,
					Due: now.AddDate(0, 3, 0).Format("2006-01-02")}); err != nil {
					return err
				}
			}
		}
		return audit.Record(ctx, tx, p.Actor(ctx), "close", "rating", id, r.Township, r.Title, map[string]string{"status": "open"}, out)
	})
	return out, err
}
