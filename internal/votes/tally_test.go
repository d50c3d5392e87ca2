package votes

import (
	"reflect"
	"testing"
)

// p makes a project with its tally; chosen, when given, is a tie decision.
func p(id int64, votesFor int, chosen ...bool) Project {
	pr := Project{ID: id, Position: int(id), Name: string(rune('A' + id - 1)), votesFor: votesFor}
	if len(chosen) == 1 {
		pr.tieChosen = &chosen[0]
	}
	return pr
}

func TestRank(t *testing.T) {
	half := Rule{1, 2}
	type want struct {
		passed   []int64
		selected []int64
		ranks    map[int64]int
		tie      []int64 // projects tied at the cut-off, if any
		places   int
		settled  bool
	}
	cases := []struct {
		name     string
		eligible int
		choose   int
		rule     Rule
		projects []Project
		want     want
	}{
		{"half of ten does not pass, six does", 10, 2, half,
			[]Project{p(1, 6), p(2, 5), p(3, 8)},
			want{passed: []int64{3, 1}, selected: []int64{3, 1}, ranks: map[int64]int{3: 1, 1: 2}}},
		{"eleven deputies: six passes, five does not", 11, 1, half,
			[]Project{p(1, 6), p(2, 5)},
			want{passed: []int64{1}, selected: []int64{1}, ranks: map[int64]int{1: 1}}},
		{"fewer passing than places: the places stay empty", 10, 3, half,
			[]Project{p(1, 9), p(2, 6), p(3, 2), p(4, 5)},
			want{passed: []int64{1, 2}, selected: []int64{1, 2}, ranks: map[int64]int{1: 1, 2: 2}}},
		{"tie at the cut-off is flagged, none of it chosen", 10, 2, half,
			[]Project{p(1, 9), p(2, 7), p(3, 7), p(4, 7), p(5, 3)},
			want{passed: []int64{1, 2, 3, 4}, selected: []int64{1}, ranks: map[int64]int{1: 1, 2: 2, 3: 2, 4: 2},
				tie: []int64{2, 3, 4}, places: 1}},
		{"tie settled by a decision", 10, 2, half,
			[]Project{p(1, 9), p(2, 7, false), p(3, 7, true), p(4, 7, false), p(5, 3)},
			want{passed: []int64{1, 2, 3, 4}, selected: []int64{1, 3}, ranks: map[int64]int{1: 1, 2: 2, 3: 2, 4: 2},
				tie: []int64{2, 3, 4}, places: 1, settled: true}},
		{"a decision that chose too many does not settle", 10, 2, half,
			[]Project{p(1, 9), p(2, 7, true), p(3, 7, true), p(4, 7, false)},
			want{passed: []int64{1, 2, 3, 4}, selected: []int64{1}, ranks: map[int64]int{1: 1, 2: 2, 3: 2, 4: 2},
				tie: []int64{2, 3, 4}, places: 1}},
		{"tie above the cut-off is no tie", 10, 3, half,
			[]Project{p(1, 8), p(2, 8), p(3, 7), p(4, 6)},
			want{passed: []int64{1, 2, 3, 4}, selected: []int64{1, 2, 3}, ranks: map[int64]int{1: 1, 2: 1, 3: 3, 4: 4}}},
		{"tied group that exactly fills the places", 10, 3, half,
			[]Project{p(1, 9), p(2, 7), p(3, 7), p(4, 6)},
			want{passed: []int64{1, 2, 3, 4}, selected: []int64{1, 2, 3}, ranks: map[int64]int{1: 1, 2: 2, 3: 2, 4: 4}}},
		{"two thirds of nine needs seven", 9, 2, Rule{2, 3},
			[]Project{p(1, 7), p(2, 6), p(3, 9)},
			want{passed: []int64{3, 1}, selected: []int64{3, 1}, ranks: map[int64]int{3: 1, 1: 2}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := Rank(c.eligible, c.eligible, c.choose, c.rule, c.projects, "主席团决定")
			var passed, selected []int64
			ranks := map[int64]int{}
			for _, l := range r.Projects {
				if l.Passed {
					passed = append(passed, l.ProjectID)
					if l.Rank == nil {
						t.Fatalf("passing project %d has no rank", l.ProjectID)
					}
					ranks[l.ProjectID] = *l.Rank
				} else if l.Rank != nil || l.Selected {
					t.Errorf("project %d failed but has rank %v, selected %v", l.ProjectID, l.Rank, l.Selected)
				}
				if l.Selected {
					selected = append(selected, l.ProjectID)
				}
			}
			if !reflect.DeepEqual(passed, c.want.passed) {
				t.Errorf("passed %v, want %v (in rank order)", passed, c.want.passed)
			}
			if !reflect.DeepEqual(selected, c.want.selected) {
				t.Errorf("selected %v, want %v", selected, c.want.selected)
			}
			if !reflect.DeepEqual(ranks, c.want.ranks) {
				t.Errorf("ranks %v, want %v", ranks, c.want.ranks)
			}
			if c.want.tie == nil {
				if len(r.Ties) != 0 {
					t.Errorf("ties %+v, want none", r.Ties)
				}
				return
			}
			if len(r.Ties) != 1 {
				t.Fatalf("ties %+v, want one", r.Ties)
			}
			tie := r.Ties[0]
			if !reflect.DeepEqual(tie.ProjectIDs, c.want.tie) || tie.Places != c.want.places || tie.Settled != c.want.settled {
				t.Errorf("tie %+v, want projects %v places %d settled %v", tie, c.want.tie, c.want.places, c.want.settled)
			}
			if tie.Settled != (tie.Basis != "") {
				t.Errorf("basis %q shown for settled=%v", tie.Basis, tie.Settled)
			}
		})
	}
}

func TestChoicesRoundTrip(t *testing.T) {
	in := []Choice{{12, For}, {13, Against}, {140, Abstain}}
	enc := encodeChoices(in)
	if enc != "12:f,13:a,140:n" {
		t.Fatalf("encoded %q", enc)
	}
	out, err := decodeChoices(enc)
	if err != nil || !reflect.DeepEqual(in, out) {
		t.Fatalf("decoded %v, %v", out, err)
	}
}

func TestReceiptsAreDistinctAndReadable(t *testing.T) {
	seen := map[string]bool{}
	for range 2000 {
		r := newReceipt()
		if len(r) != 14 || r[4] != '-' || r[9] != '-' {
			t.Fatalf("receipt %q not in XXXX-XXXX-XXXX form", r)
		}
		for _, ch := range "01OIL" {
			for _, x := range r {
				if x == ch {
					t.Fatalf("receipt %q has the ambiguous %c", r, ch)
				}
			}
		}
		if seen[r] {
			t.Fatalf("receipt %q drawn twice", r)
		}
		seen[r] = true
	}
}
