package supervisionweb

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"renda/internal/errs"
	"renda/internal/supervision"
	"renda/internal/web"
)

// scoreField names the input of one subject's score on one criterion.
func scoreField(subjectID, criterionID int64) string {
	return fmt.Sprintf("score_%d_%d", subjectID, criterionID)
}

// gridBallot reads one scored ballot from the grid of a form: a score per
// subject and criterion, blank where the rater left it blank. A score that
// is not a whole number in range is refused naming the subject and the
// criterion (field score_<subject>_<criterion>).
func gridBallot(r *supervision.Rating, f url.Values) (supervision.RatingBallot, error) {
	var b supervision.RatingBallot
	for _, s := range r.Subjects {
		m := supervision.Mark{SubjectID: s.ID}
		for _, cr := range r.Criteria {
			field := scoreField(s.ID, cr.ID)
			v := strings.TrimSpace(f.Get(field))
			if v == "" {
				continue
			}
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 || n > cr.MaxScore {
				return b, errs.Field(field, "out_of_range", "sup.err.score_cell", s.Name, cr.Name, cr.MaxScore, v)
			}
			m.Scores = append(m.Scores, supervision.Score{CriterionID: cr.ID, Score: n})
		}
		if len(m.Scores) > 0 {
			b.Marks = append(b.Marks, m)
		}
	}
	if len(b.Marks) == 0 {
		return b, errs.Required("scores", "sup.field.scores")
	}
	return b, nil
}

// lineBallots reads scored paper ballots typed one a line: the subjects in
// order separated by "/", each with its scores per criterion in order
// separated by spaces, and "-" for a subject left blank, e.g.
// "38 27 18 / 35 25 - / -".
func lineBallots(r *supervision.Rating, text string) ([]supervision.RatingBallot, error) {
	var out []supervision.RatingBallot
	for n, l := range lines(text) {
		parts := strings.FieldsFunc(l, func(r rune) bool { return r == '/' || r == '／' || r == '|' })
		if len(parts) != len(r.Subjects) {
			return nil, errs.Field("ballots", "bad_line", "sup.err.score_line", n+1, len(parts), len(r.Subjects))
		}
		var b supervision.RatingBallot
		for i, part := range parts {
			s := r.Subjects[i]
			fields := strings.FieldsFunc(part, func(r rune) bool { return r == ' ' || r == '，' || r == ',' || r == '\t' || r == '、' })
			if len(fields) == 1 && fields[0] == "-" {
				continue
			}
			if len(fields) != len(r.Criteria) {
				return nil, errs.Field("ballots", "bad_line", "sup.err.score_count", n+1, s.Name, len(fields), len(r.Criteria))
			}
			m := supervision.Mark{SubjectID: s.ID}
			for j, v := range fields {
				if v == "-" {
					continue
				}
				cr := r.Criteria[j]
				x, err := strconv.Atoi(v)
				if err != nil || x < 0 || x > cr.MaxScore {
					return nil, errs.Field("ballots", "out_of_range", "sup.err.score_in_line", n+1, s.Name, cr.Name, cr.MaxScore, v)
				}
				m.Scores = append(m.Scores, supervision.Score{CriterionID: cr.ID, Score: x})
			}
			if len(m.Scores) > 0 {
				b.Marks = append(b.Marks, m)
			}
		}
		if len(b.Marks) == 0 {
			return nil, errs.Field("ballots", "empty_ballot", "sup.err.score_empty", n+1)
		}
		out = append(out, b)
	}
	return out, nil
}

// scoreBallotsPage enters scored paper ballots of a work appraisal: many
// typed one a line, or one in the grid of inputs. A refused entry keeps
// what was typed and counts nothing.
func scoreBallotsPage(c *web.Ctx, r *supervision.Rating) error {
	f := c.R.PostForm
	var ballots []supervision.RatingBallot
	var err error
	if strings.TrimSpace(f.Get("ballots")) != "" {
		ballots, err = lineBallots(r, f.Get("ballots"))
	} else {
		var b supervision.RatingBallot
		if b, err = gridBallot(r, f); err == nil {
			ballots = append(ballots, b)
		}
	}
	if err == nil {
		_, err = supervision.AddPaperBallots(c.Context(), c.App.DB, c.User, r.ID, ballots)
	}
	if err != nil {
		status, msg, err := refusal(c, err)
		if err != nil {
			return err
		}
		kept := map[string]string{}
		for k, v := range f {
			if strings.HasPrefix(k, "score_") || k == "ballots" {
				kept[k] = v[0]
			}
		}
		return renderRatingWith(c, r.ID, status, msg, ratingData{Scores: kept})
	}
	c.Flash("sup.flash.scores")
	return c.Redirect(web.Pathf("/ratings/%d", r.ID))
}

// scoreCell is one input of the scoring grid, for the template.
type scoreCell struct {
	Field string
	Max   int
	Label string
	Value string
}

// scoreRows lays out the scoring grid: a row per subject, a cell per
// criterion, with what was typed if the ballot was refused.
func scoreRows(r *supervision.Rating, typed map[string]string) [][]scoreCell {
	var out [][]scoreCell
	for _, s := range r.Subjects {
		var row []scoreCell
		for _, cr := range r.Criteria {
			f := scoreField(s.ID, cr.ID)
			row = append(row, scoreCell{Field: f, Max: cr.MaxScore, Label: s.Name + " " + cr.Name, Value: typed[f]})
		}
		out = append(out, row)
	}
	return out
}

// ScoreRows is the staff page's scoring grid.
func (d ratingData) ScoreRows() [][]scoreCell { return scoreRows(d.Rating, d.Scores) }

// ScoreRows is the rater's scoring grid.
func (d codeBallotData) ScoreRows() [][]scoreCell { return scoreRows(d.Rating, d.Scores) }
