package votes

import (
	"fmt"
	"strconv"
	"strings"

	"renda/internal/errs"
)

// Choice is a deputy's choice on one project.
type Choice struct {
	ProjectID int64  `json:"project_id"`
	Choice    string `json:"choice"` // for, against, abstain
}

// The choices and the one-letter form a ballot stores them in.
const (
	For     = "for"
	Against = "against"
	Abstain = "abstain"
)

var letters = map[string]byte{For: 'f', Against: 'a', Abstain: 'n'}

func choiceOf(l byte) string {
	switch l {
	case 'f':
		return For
	case 'a':
		return Against
	}
	return Abstain
}

// checkChoices validates the choices of one ballot against the vote's
// projects and returns them complete, in project order. prefix names the
// ballot in field paths ("" or "ballots[3]."). A paper ballot may leave a
// project blank, which counts as an abstention; an electronic ballot must
// answer every project.
func checkChoices(v *Vote, cs []Choice, prefix string, blankAbstains bool) ([]Choice, error) {
	if len(cs) == 0 && !blankAbstains {
		return nil, errs.Required(prefix+"choices", "vote.field.choices")
	}
	byID := map[int64]string{}
	for i, c := range cs {
		f := fmt.Sprintf("%schoices[%d]", prefix, i)
		if !v.hasProject(c.ProjectID) {
			return nil, errs.Field(f+".project_id", "unknown_project", "vote.err.project_unknown", c.ProjectID)
		}
		if _, ok := letters[c.Choice]; !ok {
			return nil, errs.Field(f+".choice", "invalid_choice", "vote.err.choice")
		}
		if _, dup := byID[c.ProjectID]; dup {
			return nil, errs.Field(f+".project_id", "duplicate", "vote.err.project_twice", c.ProjectID)
		}
		byID[c.ProjectID] = c.Choice
	}
	out := make([]Choice, 0, len(v.Projects))
	for _, pr := range v.Projects {
		c, ok := byID[pr.ID]
		if !ok {
			if !blankAbstains {
				return nil, errs.Field(prefix+"choices", "missing_project", "vote.err.project_missing", pr.Name)
			}
			c = Abstain
		}
		out = append(out, Choice{ProjectID: pr.ID, Choice: c})
	}
	return out, nil
}

func (v *Vote) hasProject(id int64) bool {
	for _, p := range v.Projects {
		if p.ID == id {
			return true
		}
	}
	return false
}

// encodeChoices writes choices as "12:f,13:a".
func encodeChoices(cs []Choice) string {
	var b strings.Builder
	for i, c := range cs {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.FormatInt(c.ProjectID, 10))
		b.WriteByte(':')
		b.WriteByte(letters[c.Choice])
	}
	return b.String()
}

func decodeChoices(s string) ([]Choice, error) {
	if s == "" {
		return nil, nil
	}
	parts := strings.Split(s, ",")
	out := make([]Choice, 0, len(parts))
	for _, p := range parts {
		id, l, ok := strings.Cut(p, ":")
		n, err := strconv.ParseInt(id, 10, 64)
		if !ok || err != nil || len(l) != 1 {
			return nil, fmt.Errorf("bad stored ballot %q", s)
		}
		out = append(out, Choice{ProjectID: n, Choice: choiceOf(l[0])})
	}
	return out, nil
}
