package duties

import (
	"context"
	"testing"

	"renda/internal/store"
	"renda/internal/testdb"
)

// compliant records everything a year's targets ask, and extra motions.
func (f *fixture) compliant(id int64, township string, motions int) {
	f.t.Helper()
	st := staff(township)
	ins := []Input{
		{Kind: GroupActivity, Date: "2025-02-01", Days: 2}, {Kind: GroupActivity, Date: "2025-05-01", Days: 2}, {Kind: GroupActivity, Date: "2025-08-01", Days: 2},
		{Kind: DistrictVisit, Date: "2025-03-01", Days: 1}, {Kind: DistrictVisit, Date: "2025-06-01", Days: 1}, {Kind: DistrictVisit, Date: "2025-09-01", Days: 1},
		{Kind: ConstituentContact, Date: "2025-04-01", Days: 0.5, Count: 30}, {Kind: PracticalDeed, Date: "2025-07-01", Days: 0.5},
	}
	for i := 0; i < max(motions, 1); i++ {
		ins = append(ins, Input{Kind: Motion, Date: "2025-03-03", Days: 0.5})
	}
	for _, in := range ins {
		in.DeputyID = id
		f.record(st, in)
	}
}

func TestAwardsProposedFromPoints(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db, "2026-02-01")
		st := staff(dayuan)
		group := func(name string) int64 {
			var id int64
			if err := db.W.QueryRow(`INSERT INTO deputy_groups (township_code, name, created_at, updated_at) VALUES ($1, $2, 0, 0) RETURNING id`, dayuan, name).Scan(&id); err != nil {
				t.Fatal(err)
			}
			return id
		}
		g1, g2 := group("一片代表小组"), group("二片代表小组")
		a := f.deputy("甲代表", dayuan, "2021-10-01", "", "serving")
		b := f.deputy("乙代表", dayuan, "2021-10-01", "", "serving")
		c := f.deputy("丙代表", dayuan, "2021-10-01", "", "serving")
		for id, g := range map[int64]int64{a: g1, b: g1, c: g2} {
			db.W.Exec(`UPDATE deputies SET group_id = $1 WHERE id = $2`, g, id)
		}
		// 甲: 3×2 + 3×2 + 1 + 3 + 3×5 = 31 points; 丙: 3×2 + 3×2 + 1 + 3 + 5 = 21; 乙 has one motion.
		f.compliant(a, dayuan, 3)
		f.compliant(c, dayuan, 1)
		f.record(st, Input{DeputyID: b, Kind: Motion, Date: "2025-03-03", Days: 0.5})
		if _, err := f.svc.UpdateSettings(ctx, staff(fuyang), "", 2025, SettingsInput{Grades: map[string]float64{GradeExcellent: 30, GradeGood: 20}}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.ProposeAwards(ctx, st, "", 2026); err == nil {
			t.Error("proposed awards for a year not over")
		}
		if _, err := f.svc.ProposeAwards(ctx, deputyUser(a, dayuan), "", 2025); err == nil {
			t.Error("a deputy proposed awards")
		}
		list, err := f.svc.ProposeAwards(ctx, st, "", 2025)
		if err != nil {
			t.Fatal(err)
		}
		// One in ten of three deputies rounds up to one: 甲. Of the groups,
		// only 二片 has every member meeting the targets.
		if len(list) != 2 {
			t.Fatalf("proposals: %+v", list)
		}
		var deputyAward, groupAward *Award
		for _, x := range list {
			if x.Kind == AwardExcellentDeputy {
				deputyAward = x
			} else {
				groupAward = x
			}
		}
		if deputyAward == nil || deputyAward.DeputyID != a || deputyAward.Points != 31 || groupAward == nil || groupAward.GroupID != g2 || groupAward.Points != 21 {
			t.Fatalf("proposals: %+v %+v", deputyAward, groupAward)
		}
		// Proposing again adds nothing.
		if again, err := f.svc.ProposeAwards(ctx, st, "", 2025); err != nil || len(again) != 2 {
			t.Errorf("proposing twice: %d %v", len(again), err)
		}
		if _, err := f.svc.DecideAward(ctx, staff(huyuan), deputyAward.ID, true, ""); !isNotFound(err, "") {
			t.Errorf("another township decided: %v", err)
		}
		if _, err := f.svc.DecideAward(ctx, st, deputyAward.ID, true, "镇人大主席团审定"); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.DecideAward(ctx, st, groupAward.ID, false, ""); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.DecideAward(ctx, st, deputyAward.ID, false, ""); err == nil {
			t.Error("decided twice")
		}
		arch, err := f.svc.Archive(ctx, deputyUser(a, dayuan), a, "")
		if err != nil {
			t.Fatal(err)
		}
		if len(arch.Awards) != 1 || arch.Awards[0].Note != "镇人大主席团审定" || arch.Term != "第十八届" {
			t.Errorf("archive awards: %+v term %q", arch.Awards, arch.Term)
		}
		// Parts: meetings none; group activities and contact 3+3+1+1 = 8; motions 3;
		// points for each year of the term, 2021 to 2026.
		counts := map[int]int{}
		for _, p := range arch.Parts {
			counts[p.No] = len(p.Records)
		}
		if counts[2] != 0 || counts[5] != 8 || counts[6] != 3 || len(arch.Points) != 6 || arch.Points[4].Year != 2025 || arch.Points[4].Points != 31 {
			t.Errorf("archive parts %v, points %+v", counts, arch.Points)
		}
		if _, err := f.svc.Archive(ctx, deputyUser(b, dayuan), a, ""); !isNotFound(err, "") {
			t.Errorf("another deputy's archive: %v", err)
		}
		if _, err := f.svc.Archive(ctx, st, a, "第九届"); err == nil {
			t.Error("archive of a term the deputy never held")
		}
	})
}
