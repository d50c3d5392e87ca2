package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"renda/internal/duties"
	"renda/internal/store"
)

// Duty records at scale: sc.DutyRecords records spread over the deputies
// the deputies generator made, in last year (three fifths) and this year
// so far, of every kind, most confirmed. Deputies are read once (ids and
// townships only) and records stream out in multi-row inserts, so memory
// stays flat whatever the scale.
func init() {
	addGenerator(200, "duties", generateDuties)
}

// scaleKinds weighs the kinds as registers show them: contacts, visits
// and group activities are common, motions rare.
var scaleKinds = []struct {
	kind   duties.Kind
	weight int
}{
	{duties.ConstituentContact, 18}, {duties.GroupActivity, 14}, {duties.DistrictVisit, 12}, {duties.Reception, 8},
	{duties.Training, 7}, {duties.Inspection, 6}, {duties.Survey, 4}, {duties.PracticalDeed, 6}, {duties.Suggestion, 5},
	{duties.CommunitySupport, 5}, {duties.SessionAttendance, 3}, {duties.CommitteeAttendance, 2}, {duties.DeliberationSpeech, 3},
	{duties.Advice, 2}, {duties.Appraisal, 2}, {duties.LawEnforcementInspection, 1}, {duties.Motion, 1}, {duties.ReportToConstituents, 1},
}

func pickKind(r *rand.Rand, total int) duties.Kind {
	n := r.IntN(total)
	for _, k := range scaleKinds {
		if n < k.weight {
			return k.kind
		}
		n -= k.weight
	}
	return duties.GroupActivity
}

func generateDuties(ctx context.Context, db *store.DB, sc Scale, p *Progress) (string, error) {
	deps, err := scopeDeputies(ctx, db, sc.Root)
	if err != nil {
		return "", err
	}
	if len(deps) == 0 {
		return "0 duty records (no deputies yet)", nil
	}
	p.Total(sc.DutyRecords)
	totalWeight := 0
	for _, k := range scaleKinds {
		totalWeight += k.weight
	}
	now := time.Now()
	lastYear := time.Date(now.Year()-1, 1, 1, 0, 0, 0, 0, time.Local)
	thisYear := time.Date(now.Year(), 1, 1, 0, 0, 0, 0, time.Local)
	lastDays := int(thisYear.Sub(lastYear).Hours() / 24)
	thisDays := max(1, int(now.Sub(thisYear).Hours()/24))
	r := rand.New(rand.NewPCG(uint64(sc.DutyRecords), 200))
	if db.Engine == store.SQLite {
		// A larger page cache for the writer while millions of rows go in;
		// the connection's usual size comes back after.
		if _, err := db.W.ExecContext(ctx, `PRAGMA cache_size = -262144`); err != nil {
			return "", err
		}
		defer db.W.ExecContext(context.Background(), `PRAGMA cache_size = -32000`) //nolint:errcheck
	}
	w, err := newScaleWriter(ctx, db, p.Add)
	if err != nil {
		return "", err
	}
	defer w.rollback()
	per, extra := sc.DutyRecords/len(deps), sc.DutyRecords%len(deps)
	for i, d := range deps {
		n := per
		if i < extra {
			n++
		}
		for j := 0; j < n; j++ {
			k := pickKind(r, totalWeight)
			var date time.Time
			if r.IntN(5) < 3 {
				date = lastYear.AddDate(0, 0, r.IntN(lastDays))
			} else {
				date = thisYear.AddDate(0, 0, r.IntN(thisDays))
			}
			row := dutyRow{deputy: d.id, township: d.township, kind: string(k), date: date.Format(duties.DateLayout),
				days: float64(1+r.IntN(4)) / 2, title: dutyTitles[k][0], status: duties.StatusConfirmed, source: "staff"}
			if k.Counted() {
				row.count = 3 + r.IntN(15)
			}
			switch s := r.IntN(100); {
			case s < 6:
				row.status, row.source = duties.StatusPending, "deputy"
			case s < 8:
				row.status, row.source, row.reason = duties.StatusReturned, "deputy", returnReasons[s%len(returnReasons)]
			case s < 30:
				row.source = "deputy"
			}
			if err := w.add(ctx, row); err != nil {
				return "", err
			}
		}
	}
	if err := w.finish(ctx); err != nil {
		return "", err
	}
	return fmt.Sprintf("%d duty records", w.total), nil
}
