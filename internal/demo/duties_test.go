package demo

import (
	"context"
	"testing"
	"time"

	"renda/internal/auth"
	"renda/internal/duties"
	"renda/internal/store"
	"renda/internal/testdb"
)

// loadThrough runs the demo steps up to an order, so a domain's demo is
// tested on what it builds on without the later domains.
func loadThrough(ctx context.Context, db *store.DB, last int) error {
	svc := auth.NewService(db)
	for _, s := range steps {
		if s.order > last {
			break
		}
		if err := s.run(ctx, db, svc); err != nil {
			return err
		}
	}
	return nil
}

// The demo's duty records must give a county where most deputies meet their
// targets, some lag, and a few are warned as three-nots deputies, with last
// year's points final and public.
func TestDemoDuties(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		if err := loadThrough(ctx, db, 299); err != nil {
			t.Fatal(err)
		}
		svc := duties.New(db)
		year := time.Now().Year() - 1
		items, err := svc.Assess(ctx, County, year)
		if err != nil {
			t.Fatal(err)
		}
		var compliant, threeNots int
		towns := map[string]bool{}
		for _, it := range items {
			towns[it.Township] = true
			if it.Compliant {
				compliant++
			}
			for _, w := range it.Warnings {
				if w == duties.WarnAbsentMeetings || w == duties.WarnNoActivities {
					threeNots++
					break
				}
			}
		}
		n := len(items)
		if len(towns) != 24 || compliant < n/4 || compliant > n*3/4 || threeNots == 0 || threeNots > n/5 {
			t.Errorf("%d deputies in %d townships: %d compliant, %d three-nots", n, len(towns), compliant, threeNots)
		}
		u, err := auth.NewService(db).UserByUsername(ctx, "deputy")
		if err != nil {
			t.Fatal(err)
		}
		recs, _, err := svc.List(ctx, u.Principal(), duties.Filter{Limit: 200})
		if err != nil {
			t.Fatal(err)
		}
		statuses := map[string]int{}
		for _, r := range recs {
			statuses[r.Status]++
		}
		if statuses[duties.StatusPending] < 2 || statuses[duties.StatusReturned] != 1 || statuses[duties.StatusConfirmed] < 20 {
			t.Errorf("demo deputy's records by status: %v", statuses)
		}
		pub, err := svc.PublicSummary(ctx, u.DeputyID)
		if err != nil || len(pub.Lines) == 0 || pub.Lines[0].Year != year {
			t.Errorf("demo deputy's public summary: %+v %v", pub, err)
		}
	})
}
