package votes

import "sort"

// Line is one project in a result.
type Line struct {
	ProjectID int64  `json:"project_id"`
	Name      string `json:"name"`
	For       int    `json:"for"`
	Against   int    `json:"against"`
	Abstain   int    `json:"abstain"`
	Passed    bool   `json:"passed"`
	Rank      *int   `json:"rank"` // among passing projects, by votes for; nil when not passed
	Selected  bool   `json:"selected"`
}

// Tie is a group of passing projects with equal votes for, straddling the
// cut-off: more of them than places left. It is settled only by a recorded
// decision, never by list order.
type Tie struct {
	ProjectIDs []int64 `json:"project_ids"`
	For        int     `json:"for"`
	Places     int     `json:"places"`
	Settled    bool    `json:"settled"`
	Chosen     []int64 `json:"chosen"`
	Basis      string  `json:"basis,omitempty"`
}

// Result is the outcome of a closed vote.
type Result struct {
	Eligible int    `json:"eligible"`
	Cast     int    `json:"cast"`
	Projects []Line `json:"projects"`
	Ties     []Tie  `json:"ties"`
}

// Rule is the pass rule: more than Num/Den of all deputies entitled to vote
// must vote for.
type Rule struct{ Num, Den int }

// Passes reports whether a number of votes for passes among eligible
// deputies (computed in integers: for/eligible > num/den).
func (r Rule) Passes(votesFor, eligible int) bool {
	return votesFor*r.Den > eligible*r.Num
}

// Threshold is the fewest votes for that pass.
func (r Rule) Threshold(eligible int) int {
	return eligible*r.Num/r.Den + 1
}

// Rank tallies a vote: which projects pass, their rank by votes for (equal
// votes share a rank), and which fill the places. A tie at the cut-off
// leaves its projects unselected unless a decision chose among them
// (tieChosen on each of them).
func Rank(eligible, cast, choose int, rule Rule, projects []Project, basis string) Result {
	res := Result{Eligible: eligible, Cast: cast, Projects: []Line{}, Ties: []Tie{}}
	lines := make([]Line, len(projects))
	var passing []int
	for i, p := range projects {
		lines[i] = Line{ProjectID: p.ID, Name: p.Name, For: p.votesFor, Against: p.votesAgainst, Abstain: p.votesAbstain,
			Passed: rule.Passes(p.votesFor, eligible)}
		if lines[i].Passed {
			passing = append(passing, i)
		}
	}
	sort.SliceStable(passing, func(a, b int) bool { return lines[passing[a]].For > lines[passing[b]].For })
	for k, i := range passing {
		r := k + 1
		if k > 0 && lines[passing[k-1]].For == lines[i].For {
			r = *lines[passing[k-1]].Rank
		}
		lines[i].Rank = &r
	}
	if len(passing) <= choose {
		for _, i := range passing {
			lines[i].Selected = true
		}
	} else {
		cut := lines[passing[choose-1]].For
		above, at := 0, 0
		for _, i := range passing {
			switch {
			case lines[i].For > cut:
				above++
				lines[i].Selected = true
			case lines[i].For == cut:
				at++
			}
		}
		if above+at == choose {
			for _, i := range passing {
				if lines[i].For == cut {
					lines[i].Selected = true
				}
			}
		} else {
			tie := Tie{For: cut, Places: choose - above, ProjectIDs: []int64{}, Chosen: []int64{}}
			decided := 0
			for _, i := range passing {
				if lines[i].For != cut {
					continue
				}
				tie.ProjectIDs = append(tie.ProjectIDs, lines[i].ProjectID)
				if c := projects[i].tieChosen; c != nil {
					decided++
					if *c {
						tie.Chosen = append(tie.Chosen, lines[i].ProjectID)
					}
				}
			}
			tie.Settled = decided == len(tie.ProjectIDs) && len(tie.Chosen) == tie.Places
			if tie.Settled {
				tie.Basis = basis
				for _, i := range passing {
					if c := projects[i].tieChosen; lines[i].For == cut && c != nil && *c {
						lines[i].Selected = true
					}
				}
			}
			res.Ties = append(res.Ties, tie)
		}
	}
	// Passing projects in rank order, then the others by votes for.
	order := make([]int, len(lines))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		la, lb := lines[order[a]], lines[order[b]]
		if la.Passed != lb.Passed {
			return la.Passed
		}
		return la.For > lb.For
	})
	for _, i := range order {
		res.Projects = append(res.Projects, lines[i])
	}
	return res
}

// Result returns the result of a closed vote: to staff in scope as soon as
// it closes, to everyone once published.
func (v *Vote) result() Result {
	return Rank(v.Eligible, v.Cast, v.Choose, Rule{v.PassNumerator, v.PassDenominator}, v.Projects, v.TieBasis)
}
