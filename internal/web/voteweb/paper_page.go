package voteweb

import (
	"strconv"
	"strings"

	"renda/internal/errs"
	"renda/internal/votes"
	"renda/internal/web"
)

// paperMarks reads one ballot typed from paper: a mark per project in
// order — 赞/反/弃 (or f/a/n), and - or 空 for a project left blank.
var paperMarks = map[rune]string{
	'赞': votes.For, 'f': votes.For, 'F': votes.For,
	'反': votes.Against, 'a': votes.Against, 'A': votes.Against,
	'弃': votes.Abstain, 'n': votes.Abstain, 'N': votes.Abstain,
	'-': "", '空': "",
}

// parsePaper turns the textarea of a box, one ballot a line, into ballots.
func parsePaper(v *votes.Vote, text string) ([]votes.PaperBallot, error) {
	var out []votes.PaperBallot
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		var marks []string
		for _, r := range line {
			if r == ' ' || r == '，' || r == ',' || r == '\t' || r == '、' {
				continue
			}
			m, ok := paperMarks[r]
			if !ok {
				return nil, errs.Field("ballots", "bad_mark", "vote.err.paper_mark", i+1, string(r))
			}
			marks = append(marks, m)
		}
		if len(marks) != len(v.Projects) {
			return nil, errs.Field("ballots", "bad_line", "vote.err.paper_line", i+1, len(marks), len(v.Projects))
		}
		var b votes.PaperBallot
		for j, m := range marks {
			if m != "" {
				b.Choices = append(b.Choices, votes.Choice{ProjectID: v.Projects[j].ID, Choice: m})
			}
		}
		out = append(out, b)
	}
	return out, nil
}

// paperPage enters one ballot box from the staff page.
func paperPage(c *web.Ctx) error {
	id, err := voteID(c)
	if err != nil {
		return err
	}
	v, err := votes.Get(c.Context(), c.App.DB, c.User, id)
	if err != nil {
		return err
	}
	f := c.R.PostForm
	ballots, err := parsePaper(v, f.Get("ballots"))
	if err == nil {
		n, _ := strconv.Atoi(strings.TrimSpace(f.Get("count")))
		_, err = votes.AddPaperBox(c.Context(), c.App.DB, c.User, id, votes.PaperBox{Box: f.Get("box"), Count: n, Ballots: ballots})
	}
	if err != nil {
		return refused(c, id, err)
	}
	c.Flash("vote.flash.paper")
	return c.Redirect(web.Pathf("/votes/%d", id))
}

// paperIssuePage records the deputies ticked on the roster (or typed by
// number) as handed a paper ballot.
func paperIssuePage(c *web.Ctx) error {
	id, err := voteID(c)
	if err != nil {
		return err
	}
	f := c.R.PostForm
	var in votes.PaperIssue
	ids := append([]string{}, f["deputy_id"]...)
	ids = append(ids, strings.FieldsFunc(f.Get("ids"), func(r rune) bool {
		return r == ',' || r == '，' || r == '、' || r == ' ' || r == '\n' || r == '\r' || r == '\t'
	})...)
	for _, s := range ids {
		n, perr := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
		if perr != nil {
			return refused(c, id, errs.Field("deputy_ids", "invalid_id", "vote.err.paper_ids", s))
		}
		in.DeputyIDs = append(in.DeputyIDs, n)
	}
	if _, err := votes.IssuePaper(c.Context(), c.App.DB, c.User, id, in); err != nil {
		return refused(c, id, err)
	}
	c.Flash("vote.flash.issued")
	return c.Redirect(web.Pathf("/votes/%d", id))
}
