package duties

import (
	"context"
	"sort"

	"renda/internal/auth"
	"renda/internal/errs"
	"renda/internal/jurisdiction"
)

// TownshipScore sums one township's assessment, for county and province
// rankings of where the work lags.
type TownshipScore struct {
	Township       string  `json:"township"`
	Name           string  `json:"name"`
	Deputies       int     `json:"deputies"`
	Compliant      int     `json:"compliant"`
	ComplianceRate float64 `json:"compliance_rate"`
	AveragePoints  float64 `json:"average_points"`
	Warned         int     `json:"warned"`
	Rank           int     `json:"rank"`
}

// Summarise groups assessment items by township, ranked by compliance
// rate, then average points.
func Summarise(items []*Item) []TownshipScore {
	by := map[string]*TownshipScore{}
	var order []string
	for _, it := range items {
		t := by[it.Township]
		if t == nil {
			t = &TownshipScore{Township: it.Township, Name: jurisdiction.National().FullName(it.Township)}
			by[it.Township] = t
			order = append(order, it.Township)
		}
		t.Deputies++
		t.AveragePoints += it.Points
		if it.Compliant {
			t.Compliant++
		}
		if len(it.Warnings) > 0 {
			t.Warned++
		}
	}
	out := make([]TownshipScore, 0, len(order))
	for _, code := range order {
		t := by[code]
		t.ComplianceRate = float64(t.Compliant) / float64(t.Deputies)
		t.AveragePoints = float64(int(t.AveragePoints/float64(t.Deputies)*10+0.5)) / 10
		out = append(out, *t)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].ComplianceRate != out[j].ComplianceRate {
			return out[i].ComplianceRate > out[j].ComplianceRate
		}
		return out[i].AveragePoints > out[j].AveragePoints
	})
	for i := range out {
		out[i].Rank = i + 1
		if i > 0 && out[i].ComplianceRate == out[i-1].ComplianceRate && out[i].AveragePoints == out[i-1].AveragePoints {
			out[i].Rank = out[i-1].Rank
		}
	}
	return out
}

// Ranking ranks the townships of a county or province in the caller's
// scope (staff only).
func (s *Service) Ranking(ctx context.Context, p *auth.Principal, scope string, year int) ([]TownshipScore, error) {
	if !p.Role.Staff() {
		return nil, errs.ForbiddenErr()
	}
	if scope == "" {
		scope = p.Scope
	}
	code, err := jurisdiction.Normalize(scope)
	if err != nil && scope != "" {
		return nil, errs.Field("scope", "invalid_code", "err.code_format")
	}
	if !p.Covers(code) {
		return nil, notFoundField("scope", "entity.jurisdiction")
	}
	if err := s.checkAssessYear(year); err != nil {
		return nil, err
	}
	items, err := s.Assess(ctx, code, year)
	if err != nil {
		return nil, err
	}
	return Summarise(items), nil
}

// rankWithinTownship orders items by township, then points (best first),
// and ranks them within their township: equal points share a rank.
func rankWithinTownship(items []*Item) {
	sort.SliceStable(items, func(i, j int) bool {
		if items[i].Township != items[j].Township {
			return items[i].Township < items[j].Township
		}
		if items[i].Points != items[j].Points {
			return items[i].Points > items[j].Points
		}
		return items[i].DeputyID < items[j].DeputyID
	})
	for i, it := range items {
		switch {
		case i > 0 && items[i-1].Township == it.Township && items[i-1].Points == it.Points:
			it.Rank = items[i-1].Rank
		case i > 0 && items[i-1].Township == it.Township:
			it.Rank = i - firstOfTownship(items, i) + 1
		default:
			it.Rank = 1
		}
	}
}

func firstOfTownship(items []*Item, i int) int {
	for i > 0 && items[i-1].Township == items[i].Township {
		i--
	}
	return i
}
