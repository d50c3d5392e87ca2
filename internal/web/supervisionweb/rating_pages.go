package supervisionweb

import (
	"net/http"
	"strconv"
	"strings"

	"renda/internal/supervision"
	"renda/internal/web"
)

type ratingsData struct {
	Year     int
	Ratings  []supervision.Rating
	Township string
}

func (m Module) renderRatings(c *web.Ctx, status int, msg string) error {
	y, err := year(c, m.now())
	if err != nil {
		return err
	}
	d := ratingsData{Year: y, Township: c.User.Scope}
	if d.Ratings, err = supervision.ListRatings(c.Context(), c.App.DB, c.User, y); err != nil {
		return err
	}
	return c.RenderPage(status, "supervision/ratings.html", &web.Page{Title: c.T("sup.title.ratings"), Error: msg, Data: d})
}

func (m Module) ratingsPage(c *web.Ctx) error { return m.renderRatings(c, http.StatusOK, "") }

// lines splits a textarea into its non-empty lines.
func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

func (m Module) ratingCreatePage(c *web.Ctx) error {
	f := c.R.PostForm
	in := supervision.NewRating{Township: f.Get("township"), Title: f.Get("title"), SubjectKind: f.Get("subject_kind"),
		Method: f.Get("method"), Date: f.Get("date")}
	// One criterion a line: "name max", e.g. "工作实绩 40".
	for _, l := range lines(f.Get("criteria")) {
		l = strings.ReplaceAll(l, "，", " ")
		i := strings.LastIndex(l, " ")
		c := supervision.Criterion{Name: l}
		if i > 0 {
			if n, err := strconv.Atoi(strings.TrimSpace(l[i+1:])); err == nil {
				c = supervision.Criterion{Name: strings.TrimSpace(l[:i]), MaxScore: n}
			}
		}
		in.Criteria = append(in.Criteria, c)
	}
	if t := f.Get("threshold"); t != "" {
		pct, _ := strconv.ParseFloat(t, 64)
		in.Threshold = pct / 100
	}
	// One subject a line: "name post" or "name，post".
	for _, l := range lines(f.Get("subjects")) {
		name, post, _ := strings.Cut(strings.ReplaceAll(l, "，", " "), " ")
		in.Subjects = append(in.Subjects, supervision.Subject{Name: name, Post: strings.TrimSpace(post)})
	}
	r, err := supervision.CreateRating(c.Context(), c.App.DB, c.User, in)
	if err != nil {
		status, msg, err := refusal(c, err)
		if err != nil {
			return err
		}
		return m.renderRatings(c, status, msg)
	}
	c.Flash("sup.flash.rating")
	return c.Redirect(web.Pathf("/ratings/%d", r.ID))
}

type ratingData struct {
	Rating  *supervision.Rating
	Results []supervision.SubjectResult
	Overall *supervision.Overall
	Codes   []string
	// Scores keeps a refused scored ballot as typed, by "subject_criterion".
	Scores map[string]string
}

func renderRating(c *web.Ctx, id int64, status int, msg string, codes []string) error {
	return renderRatingWith(c, id, status, msg, ratingData{Codes: codes})
}

func renderRatingWith(c *web.Ctx, id int64, status int, msg string, d ratingData) error {
	r, err := supervision.GetRating(c.Context(), c.App.DB, c.User, id)
	if err != nil {
		return err
	}
	if d.Results, err = supervision.Results(c.Context(), c.App.DB.R, r); err != nil {
		return err
	}
	d.Rating, d.Overall = r, supervision.OverallOf(r, d.Results)
	return c.RenderPage(status, "supervision/rating.html", &web.Page{Title: r.Title, Error: msg, Data: d})
}

func ratingPage(c *web.Ctx) error {
	id, err := c.PathID("id", "sup.rating")
	if err != nil {
		return err
	}
	return renderRating(c, id, http.StatusOK, "", nil)
}

func ratingCodesPage(c *web.Ctx) error {
	id, err := c.PathID("id", "sup.rating")
	if err != nil {
		return err
	}
	n, _ := strconv.Atoi(c.R.PostForm.Get("count"))
	codes, err := supervision.IssueCodes(c.Context(), c.App.DB, c.User, id, n)
	if err != nil {
		status, msg, err := refusal(c, err)
		if err != nil {
			return err
		}
		return renderRating(c, id, status, msg, nil)
	}
	// The codes are shown once, to print and cut into slips.
	return renderRating(c, id, http.StatusOK, "", codes)
}

func ratingClosePage(c *web.Ctx) error {
	id, err := c.PathID("id", "sup.rating")
	if err != nil {
		return err
	}
	if _, err := supervision.CloseRating(c.Context(), c.App.DB, c.User, id); err != nil {
		status, msg, err := refusal(c, err)
		if err != nil {
			return err
		}
		return renderRating(c, id, status, msg, nil)
	}
	c.Flash("sup.flash.rating_closed")
	return c.Redirect(web.Pathf("/ratings/%d", id))
}

type codeBallotData struct {
	Rating   *supervision.Rating
	Verdicts []string
	Code     string
	Done     bool
	Scores   map[string]string // a refused scored ballot as typed
}

// publicRating reads an open rating for the code page; the page names only
// the rating, its subjects and, for scores, its criteria.
func publicRating(c *web.Ctx) (*codeBallotData, error) {
	id, err := c.PathID("id", "sup.rating")
	if err != nil {
		return nil, err
	}
	r, err := supervision.OpenRating(c.Context(), c.App.DB, id)
	if err != nil {
		return nil, err
	}
	return &codeBallotData{Rating: r, Verdicts: []string{supervision.Satisfied, supervision.Basic, supervision.Unsatisfied}}, nil
}

func codeBallotPage(c *web.Ctx) error {
	d, err := publicRating(c)
	if err != nil {
		return err
	}
	d.Code = c.Query("code")
	return c.RenderPage(http.StatusOK, "supervision/rate.html", &web.Page{Title: d.Rating.Title, Data: d})
}

func codeBallotPostPage(c *web.Ctx) error {
	d, err := publicRating(c)
	if err != nil {
		return err
	}
	f := c.R.PostForm
	d.Code = f.Get("code")
	var b supervision.RatingBallot
	if d.Rating.Method == "scores" {
		d.Scores = map[string]string{}
		for k, v := range f {
			if strings.HasPrefix(k, "score_") {
				d.Scores[k] = v[0]
			}
		}
		if b, err = gridBallot(d.Rating, f); err != nil {
			status, msg, err := refusal(c, err)
			if err != nil {
				return err
			}
			return c.RenderPage(status, "supervision/rate.html", &web.Page{Title: d.Rating.Title, Error: msg, Data: d})
		}
	}
	for _, s := range d.Rating.Subjects {
		if v := f.Get("s" + strconv.FormatInt(s.ID, 10)); v != "" && d.Rating.Method != "scores" {
			b.Marks = append(b.Marks, supervision.Mark{SubjectID: s.ID, Verdict: v})
		}
	}
	if err := supervision.CastWithCode(c.Context(), c.App.DB, d.Rating.ID, d.Code, b); err != nil {
		status, msg, err := refusal(c, err)
		if err != nil {
			return err
		}
		return c.RenderPage(status, "supervision/rate.html", &web.Page{Title: d.Rating.Title, Error: msg, Data: d})
	}
	d.Done = true
	return c.RenderPage(http.StatusOK, "supervision/rate.html", &web.Page{Title: d.Rating.Title, Data: d})
}

// verdictMarks reads one paper ballot typed a mark per subject: 满 (满意),
// 基 (基本满意), 不 (不满意), - for a subject left blank.
var verdictMarks = map[rune]string{'满': supervision.Satisfied, '基': supervision.Basic, '不': supervision.Unsatisfied, '-': ""}

func ratingPaperPage(c *web.Ctx) error {
	id, err := c.PathID("id", "sup.rating")
	if err != nil {
		return err
	}
	r, err := supervision.GetRating(c.Context(), c.App.DB, c.User, id)
	if err != nil {
		return err
	}
	if r.Method == "scores" {
		return scoreBallotsPage(c, r)
	}
	var ballots []supervision.RatingBallot
	for n, l := range lines(c.R.PostForm.Get("ballots")) {
		var marks []string
		for _, ch := range l {
			if ch == ' ' || ch == '、' || ch == '，' {
				continue
			}
			m, ok := verdictMarks[ch]
			if !ok {
				return renderRating(c, id, http.StatusUnprocessableEntity, c.T("sup.err.paper_mark", n+1, string(ch)), nil)
			}
			marks = append(marks, m)
		}
		if len(marks) != len(r.Subjects) {
			return renderRating(c, id, http.StatusUnprocessableEntity, c.T("sup.err.paper_line", n+1, len(marks), len(r.Subjects)), nil)
		}
		var b supervision.RatingBallot
		for i, m := range marks {
			if m != "" {
				b.Marks = append(b.Marks, supervision.Mark{SubjectID: r.Subjects[i].ID, Verdict: m})
			}
		}
		ballots = append(ballots, b)
	}
	if _, err := supervision.AddPaperBallots(c.Context(), c.App.DB, c.User, id, ballots); err != nil {
		status, msg, err := refusal(c, err)
		if err != nil {
			return err
		}
		return renderRating(c, id, status, msg, nil)
	}
	c.Flash("sup.flash.paper")
	return c.Redirect(web.Pathf("/ratings/%d", id))
}
