package demo

import (
	"context"
	"testing"

	"renda/internal/auth"
	"renda/internal/cases"
	"renda/internal/store"
	"renda/internal/testdb"
)

// The demo's cases: units with the unit account, opinions in every state in
// 大源镇, suggestions at every step in both demo townships, receptions held,
// and the campaign's figures.
func TestDemoCases(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		if err := loadThrough(ctx, db, 399); err != nil {
			t.Fatal(err)
		}
		svc := auth.NewService(db)
		u, err := svc.UserByUsername(ctx, "unit")
		if err != nil || u.Role != auth.Unit || u.UnitID == 0 {
			t.Fatalf("unit account: %+v %v", u, err)
		}
		statuses := map[string]bool{}
		rows, err := db.R.Query(`SELECT DISTINCT status FROM cases WHERE township_code = $1`, Dayuan)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var s string
			rows.Scan(&s)
			statuses[s] = true
		}
		rows.Close()
		for _, s := range cases.Statuses {
			if !statuses[string(s)] {
				t.Errorf("大源镇 has no case %s", s)
			}
		}
		var returned, replies, held, reception int
		db.R.QueryRow(`SELECT COUNT(*) FROM case_units WHERE returned_at IS NOT NULL`).Scan(&returned)
		db.R.QueryRow(`SELECT COUNT(*) FROM case_replies WHERE satisfaction IS NOT NULL`).Scan(&replies)
		db.R.QueryRow(`SELECT COUNT(*) FROM receptions WHERE status = 'held'`).Scan(&held)
		db.R.QueryRow(`SELECT COUNT(*) FROM duty_records WHERE kind = 'reception' AND source = 'reception'`).Scan(&reception)
		if returned < 4 || replies < 8 || held != 4 || reception != 8 {
			t.Errorf("returns %d, rated replies %d, receptions held %d, reception duty records %d", returned, replies, held, reception)
		}
		cs := cases.New(db)
		red, _, err := cs.Overdue(ctx, &auth.Principal{Role: auth.County, Scope: County})
		if err != nil || red == 0 {
			t.Errorf("the demo should have overdue items for the county's home page: %d %v", red, err)
		}
		gs, err := cs.ListCampaigns(ctx, &auth.Principal{Role: auth.Township, Scope: Fuchun})
		if err != nil || len(gs) != 1 || gs[0].AdviceCount != 12 || gs[0].AdoptedCount != 3 || gs[0].DeputyCount != 10 {
			t.Fatalf("campaign: %+v %v", gs, err)
		}
		r, err := cs.HandlingFigures(ctx, &auth.Principal{Role: auth.County, Scope: County}, cases.FigureFilter{County: County})
		if err != nil || r.Total < 20 || r.Closed == 0 || r.Rated == 0 {
			t.Fatalf("county figures: %+v %v", r, err)
		}
	})
}

var _ = store.SQLite
