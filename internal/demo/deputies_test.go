package demo

import (
	"context"
	"testing"

	"renda/internal/auth"
	"renda/internal/deputies"
	"renda/internal/store"
	"renda/internal/testdb"
)

// The demo must give every town, township and street of 富阳区 a roster
// the other domains can build on, and the deputy and liaison accounts.
func TestDemoDeputies(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		if err := Load(ctx, db); err != nil {
			t.Fatal(err)
		}
		rows, err := db.R.QueryContext(ctx, `SELECT township_code, COUNT(*) FROM deputies GROUP BY township_code`)
		if err != nil {
			t.Fatal(err)
		}
		counts := map[string]int{}
		for rows.Next() {
			var c string
			var n int
			rows.Scan(&c, &n)
			counts[c] = n
		}
		rows.Close()
		if len(counts) != 24 {
			t.Errorf("deputies in %d townships, want all 24", len(counts))
		}
		if counts[Dayuan] < 25 || counts[Huyuan] < 25 {
			t.Errorf("大源镇 %d, 湖源乡 %d deputies, want at least 25", counts[Dayuan], counts[Huyuan])
		}
		serving, err := deputies.ServingInCongress(ctx, db.R, Dayuan)
		if err != nil || len(serving) < 25 {
			t.Fatalf("大源镇 congress has %d serving deputies (%v)", len(serving), err)
		}
		county, err := deputies.ServingIn(ctx, db.R, Fuchun)
		if err != nil || len(county) < 10 {
			t.Fatalf("富春街道 has %d deputies (%v)", len(county), err)
		}
		var townshipSeats int
		db.R.QueryRowContext(ctx, `SELECT COUNT(*) FROM seats s JOIN deputies d ON d.id = s.deputy_id
			WHERE d.township_code = $1 AND s.level = 'township'`, Fuchun).Scan(&townshipSeats)
		if townshipSeats != 0 {
			t.Errorf("富春街道 has %d township seats; a street has no township congress", townshipSeats)
		}
		var delegations int
		db.R.QueryRowContext(ctx, `SELECT COUNT(*) FROM deputy_groups WHERE kind = 'delegation' AND township_code >= '330111001' AND township_code < '330111099'`).Scan(&delegations)
		if delegations != 5 {
			t.Errorf("%d street delegations, want 5", delegations)
		}
		svc := auth.NewService(db)
		for _, name := range []string{"deputy", "liaison"} {
			u, err := svc.UserByUsername(ctx, name)
			if err != nil {
				t.Fatalf("account %s: %v", name, err)
			}
			if u.Scope != Dayuan {
				t.Errorf("%s scoped to %s", name, u.Scope)
			}
			p := u.Principal()
			switch name {
			case "deputy":
				d, err := deputies.Get(ctx, db.R, p, u.DeputyID)
				if err != nil || d.SeatAt(deputies.Township) == nil {
					t.Errorf("deputy account sees %v (%v)", d, err)
				}
			case "liaison":
				s, err := deputies.GetStation(ctx, db.R, p, u.StationID)
				if err != nil || s.Township != Dayuan || len(s.Officers) != 2 {
					t.Errorf("liaison account's station %v (%v)", s, err)
				}
			}
		}
	})
}
