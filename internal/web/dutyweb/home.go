package dutyweb

import (
	"context"
	"strconv"
	"strings"

	"renda/internal/auth"
	"renda/internal/duties"
	"renda/internal/i18n"
	"renda/internal/web"
)

// homeCards are the duty figures on a home page: for staff, the records
// waiting for confirmation and the deputies warned this year; for a
// deputy, their points, targets and warnings.
func (m *Module) homeCards(ctx context.Context, p *auth.Principal) ([]web.Card, error) {
	switch {
	case p.Is(auth.County, auth.Township):
		return m.staffCards(ctx, p)
	case p.Role == auth.Deputy && p.DeputyID != 0:
		return m.deputyCards(ctx, p)
	}
	return nil, nil
}

func (m *Module) staffCards(ctx context.Context, p *auth.Principal) ([]web.Card, error) {
	pending, err := m.svc.CountPending(ctx, p)
	if err != nil {
		return nil, err
	}
	cards := []web.Card{{Order: 30, Label: i18n.M("duty.card.pending"), Value: strconv.Itoa(pending),
		Link: "/duties/records?status=pending", Alert: pending > 0}}
	items, err := m.svc.Assess(ctx, p.Scope, m.svc.Now().Year())
	if err != nil {
		return nil, err
	}
	var threeNots, behind []string
	for _, it := range items {
		for _, w := range it.Warnings {
			if w == duties.WarnBehindPace {
				behind = append(behind, it.Name)
			} else {
				threeNots = append(threeNots, it.Name)
				break
			}
		}
	}
	cards = append(cards,
		web.Card{Order: 31, Label: i18n.M("duty.card.three_nots"), Value: strconv.Itoa(len(threeNots)), Link: "/duties/assessment",
			Alert: len(threeNots) > 0, Note: namesNote(threeNots)},
		web.Card{Order: 32, Label: i18n.M("duty.card.behind"), Value: strconv.Itoa(len(behind)), Link: "/duties/assessment",
			Alert: len(behind) > 0, Note: namesNote(behind)})
	return cards, nil
}

// namesNote lists the first few names under a figure.
func namesNote(names []string) i18n.Msg {
	if len(names) == 0 {
		return i18n.Msg{}
	}
	if len(names) > 5 {
		return i18n.M("duty.card.names_more", strings.Join(names[:5], "、"), len(names))
	}
	return i18n.M("duty.card.names", strings.Join(names, "、"))
}

func (m *Module) deputyCards(ctx context.Context, p *auth.Principal) ([]web.Card, error) {
	year := m.svc.Now().Year()
	items, err := m.svc.AssessTownship(ctx, p, "", year)
	if err != nil || len(items) == 0 {
		// A deputy account scoped to a county, or one not yet serving.
		if items, err = m.svc.Assess(ctx, p.Scope, year); err != nil {
			return nil, err
		}
	}
	for _, it := range items {
		if it.DeputyID != p.DeputyID {
			continue
		}
		met := 0
		for _, t := range it.Targets {
			if t.Met {
				met++
			}
		}
		cards := []web.Card{
			{Order: 29, Label: i18n.M("duty.card.record"), Value: "＋", Link: "/duties/records/new", Note: i18n.M("duty.card.record_note")},
			{Order: 30, Label: i18n.M("duty.card.my_points", year), Value: strconv.FormatFloat(it.Points, 'f', -1, 64),
				Note: i18n.M("duty.card.my_rank", it.Rank), Link: "/duties/assessment"},
			{Order: 31, Label: i18n.M("duty.card.my_targets"), Value: strconv.Itoa(met) + " / " + strconv.Itoa(len(it.Targets)),
				Link: "/duties/assessment", Alert: len(it.Behind) > 0, Note: behindNote(it.Behind)},
		}
		for _, w := range it.Warnings {
			if w != duties.WarnBehindPace {
				cards = append(cards, web.Card{Order: 32, Label: i18n.M("duty.card.my_warning"), Value: "!", Alert: true,
					Note: i18n.M("duty.warn." + w), Link: "/duties/assessment"})
			}
		}
		return cards, nil
	}
	return nil, nil
}

func behindNote(keys []string) i18n.Msg {
	if len(keys) == 0 {
		return i18n.Msg{}
	}
	return i18n.M("duty.card.behind_targets", len(keys))
}
