package demo

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"renda/internal/jurisdiction"
	"renda/internal/store"
)

// Scale is a size of synthetic data (DESIGN.md §11), laid on the real
// division tree.
type Scale struct {
	Name        string
	Root        string // division code the data is spread over
	Deputies    int    // deputies in all
	DutyRecords int
	Opinions    int // opinions and suggestions together
}

var (
	// CountyScale is one county: 富阳区, about 2,000 deputies.
	CountyScale = Scale{Name: "county", Root: County, Deputies: 2000, DutyRecords: 40000, Opinions: 8000}
	// ProvinceScale is one province on one deployment: Zhejiang.
	ProvinceScale = Scale{Name: "province", Root: "33", Deputies: 100000, DutyRecords: 5000000, Opinions: 1000000}
)

// ParseScale reads --scale.
func ParseScale(s string) (Scale, error) {
	switch strings.ToLower(s) {
	case "county":
		return CountyScale, nil
	case "province":
		return ProvinceScale, nil
	}
	return Scale{}, fmt.Errorf("--scale %q: use county or province", s)
}

// Townships are the township-level units the scale covers.
func (s Scale) Townships() []*jurisdiction.Unit { return jurisdiction.National().Townships(s.Root) }

// Counties are the county-level units the scale covers.
func (s Scale) Counties() []*jurisdiction.Unit {
	var out []*jurisdiction.Unit
	seen := map[string]bool{}
	for _, t := range s.Townships() {
		c := t.Code[:6]
		if !seen[c] {
			seen[c] = true
			if u, ok := jurisdiction.National().Get(c); ok {
				out = append(out, u)
			}
		}
	}
	return out
}

// generator is one domain's part of the scale data, run by order (the
// same ranges as the demo steps).
type generator struct {
	order int
	name  string
	run   func(ctx context.Context, db *store.DB, sc Scale, p *Progress) (string, error)
}

// generators are added by domain files with addGenerator in init.
var generators = []generator{
	{10, "accounts", generateAccounts},
}

func addGenerator(order int, name string, run func(ctx context.Context, db *store.DB, sc Scale, p *Progress) (string, error)) {
	generators = append(generators, generator{order, name, run})
	sort.SliceStable(generators, func(i, j int) bool { return generators[i].order < generators[j].order })
}

// Generate makes synthetic data of a scale, in batches, drawing a progress
// bar on w, and returns a summary of what it made.
func Generate(ctx context.Context, db *store.DB, sc Scale, w io.Writer) (string, error) {
	return GenerateParts(ctx, db, sc, w)
}

// GenerateParts is Generate limited to the named generators (all when none
// is named), so a benchmark makes only the data it measures.
func GenerateParts(ctx context.Context, db *store.DB, sc Scale, w io.Writer, only ...string) (string, error) {
	want := map[string]bool{}
	for _, n := range only {
		want[n] = true
	}
	var parts []string
	for _, g := range generators {
		if len(want) > 0 && !want[g.name] {
			continue
		}
		p := &Progress{w: w, label: g.name, start: time.Now()}
		sum, err := g.run(ctx, db, sc, p)
		p.Done()
		if err != nil {
			return "", fmt.Errorf("%s: %w", g.name, err)
		}
		parts = append(parts, sum)
	}
	return strings.Join(parts, ", "), nil
}

// Progress draws a one-line progress bar.
type Progress struct {
	w     io.Writer
	label string
	total int
	done  int
	start time.Time
	last  time.Time
}

// Total sets how many items the step makes.
func (p *Progress) Total(n int) { p.total = n }

// Add counts n more items done and redraws at most ten times a second.
func (p *Progress) Add(n int) {
	p.done += n
	if p.w == nil || time.Since(p.last) < 100*time.Millisecond && p.done < p.total {
		return
	}
	p.last = time.Now()
	p.draw()
}

func (p *Progress) draw() {
	const width = 30
	frac := 1.0
	if p.total > 0 {
		frac = float64(p.done) / float64(p.total)
	}
	filled := int(frac * width)
	fmt.Fprintf(p.w, "\r%-14s [%s%s] %5.1f%% %d/%d", p.label, strings.Repeat("#", filled), strings.Repeat(" ", width-filled), frac*100, p.done, p.total)
}

// Done ends the bar's line.
func (p *Progress) Done() {
	if p.w == nil {
		return
	}
	p.draw()
	fmt.Fprintf(p.w, " %s\n", time.Since(p.start).Round(time.Millisecond))
}
