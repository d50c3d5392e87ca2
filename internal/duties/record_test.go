package duties

import (
	"context"
	"testing"

	"renda/internal/errs"
	"renda/internal/store"
	"renda/internal/testdb"
)

func countRecords(t *testing.T, db *store.DB) int {
	t.Helper()
	var n int
	if err := db.R.QueryRow(`SELECT COUNT(*) FROM duty_records`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestBadInputChangesNothing(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db, "2025-05-20")
		mine := f.deputy("甲代表", dayuan, "2021-10-01", "", "serving")
		other := f.deputy("乙代表", huyuan, "2021-10-01", "", "serving")
		ok := Input{DeputyID: mine, Kind: GroupActivity, Date: "2025-05-20", Days: 1}
		with := func(change func(in *Input)) Input { in := ok; change(&in); return in }
		cases := []struct {
			name  string
			in    Input
			field string
			kind  errs.Kind
		}{
			{"date in the future", with(func(in *Input) { in.Date = "2025-05-21" }), "date", errs.Invalid},
			{"date malformed", with(func(in *Input) { in.Date = "2025-02-30" }), "date", errs.Invalid},
			{"no date", with(func(in *Input) { in.Date = "" }), "date", errs.Invalid},
			{"days zero", with(func(in *Input) { in.Days = 0 }), "days", errs.Invalid},
			{"days negative", with(func(in *Input) { in.Days = -1 }), "days", errs.Invalid},
			{"days over 31", with(func(in *Input) { in.Days = 31.5 }), "days", errs.Invalid},
			{"days not in halves", with(func(in *Input) { in.Days = 0.3 }), "days", errs.Invalid},
			{"count on a kind without one", with(func(in *Input) { in.Count = 5 }), "count", errs.Invalid},
			{"contact without count", with(func(in *Input) { in.Kind = ConstituentContact }), "count", errs.Invalid},
			{"unknown kind", with(func(in *Input) { in.Kind = "picnic" }), "kind", errs.Invalid},
			{"deputy outside scope", with(func(in *Input) { in.DeputyID = other }), "deputy_id", errs.NotFound},
			{"deputy that does not exist", with(func(in *Input) { in.DeputyID = 999999 }), "deputy_id", errs.NotFound},
		}
		before := countRecords(t, db)
		for _, c := range cases {
			_, err := f.svc.Create(ctx, staff(dayuan), c.in, nil)
			e, isUser := errs.As(err)
			if !isUser || e.Field != c.field || e.Kind != c.kind {
				t.Errorf("%s: got %v, want a %v error on %s", c.name, err, c.kind, c.field)
			}
		}
		// A deputy recording for another deputy is refused as if that
		// deputy did not exist.
		if _, err := f.svc.Create(ctx, deputyUser(mine, dayuan), with(func(in *Input) { in.DeputyID = other }), nil); !isNotFound(err, "deputy_id") {
			t.Errorf("deputy for another: %v", err)
		}
		// A batch with one deputy outside the scope writes nothing.
		_, err := f.svc.CreateBatch(ctx, staff(dayuan), BatchInput{DeputyIDs: []int64{mine, other}, Kind: GroupActivity, Date: "2025-05-01", Days: 1})
		if !isNotFound(err, "deputy_ids") {
			t.Errorf("batch across scopes: %v", err)
		}
		// A file of the wrong kind stops the record too.
		_, err = f.svc.Create(ctx, deputyUser(mine, dayuan), ok, []Attached{{Name: "a.exe", Data: []byte("MZ\x90\x00 not a photo")}})
		if e, isUser := errs.As(err); !isUser || e.Field != "files" {
			t.Errorf("bad file: %v", err)
		}
		if n := countRecords(t, db); n != before {
			t.Errorf("rejected writes left %d records (had %d)", n, before)
		}
	})
}

func isNotFound(err error, field string) bool {
	e, ok := errs.As(err)
	return ok && e.Kind == errs.NotFound && e.Field == field
}

func TestConfirmAndReturn(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db, "2025-05-20")
		id := f.deputy("甲代表", dayuan, "2021-10-01", "", "serving")
		self := deputyUser(id, dayuan)
		png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00")
		r, err := f.svc.Create(ctx, self, Input{Kind: ConstituentContact, Date: "2025-05-19", Days: 0.5, Count: 18, Place: "大源村文化礼堂"},
			[]Attached{{Name: "现场.png", Data: png}})
		if err != nil {
			t.Fatal(err)
		}
		if r.Status != StatusPending || r.Source != "deputy" || len(r.Attachments) != 1 || r.Attachments[0].ContentType != "image/png" {
			t.Fatalf("deputy's record: %+v", r)
		}
		// The deputy cannot confirm their own record; staff of another
		// township cannot see it.
		if _, err := f.svc.Confirm(ctx, self, r.ID); err == nil {
			t.Error("a deputy confirmed their own record")
		}
		if _, err := f.svc.Confirm(ctx, staff(huyuan), r.ID); !isNotFound(err, "") {
			t.Errorf("other township confirmed: %v", err)
		}
		if _, err := f.svc.Return(ctx, staff(dayuan), r.ID, " "); err == nil {
			t.Error("returned without a reason")
		}
		ret, err := f.svc.Return(ctx, staff(dayuan), r.ID, "请补充现场照片")
		if err != nil || ret.Status != StatusReturned || ret.ReturnReason != "请补充现场照片" {
			t.Fatalf("return: %+v %v", ret, err)
		}
		// Corrected by the deputy, it waits again, then is confirmed.
		upd, err := f.svc.Update(ctx, self, r.ID, Input{Kind: ConstituentContact, Date: "2025-05-19", Days: 0.5, Count: 20})
		if err != nil || upd.Status != StatusPending || upd.Count != 20 || upd.ReturnReason != "" {
			t.Fatalf("resubmit: %+v %v", upd, err)
		}
		conf, err := f.svc.Confirm(ctx, staff(fuyang), r.ID)
		if err != nil || conf.Status != StatusConfirmed {
			t.Fatalf("confirm: %+v %v", conf, err)
		}
		if _, err := f.svc.Confirm(ctx, staff(dayuan), r.ID); err == nil {
			t.Error("confirmed twice")
		}
		if _, err := f.svc.Update(ctx, self, r.ID, Input{Kind: ConstituentContact, Date: "2025-05-19", Days: 1, Count: 99}); err == nil {
			t.Error("deputy changed a confirmed record")
		}
		// Staff's records count at once.
		s, err := f.svc.Create(ctx, staff(dayuan), Input{DeputyID: id, Kind: Training, Date: "2025-05-01", Days: 2}, nil)
		if err != nil || s.Status != StatusConfirmed || s.Source != "staff" {
			t.Fatalf("staff record: %+v %v", s, err)
		}
		ids, err := f.svc.CreateBatch(ctx, staff(dayuan), BatchInput{DeputyIDs: []int64{id, id}, Kind: GroupActivity, Date: "2025-05-02", Days: 0.5, Title: "小组活动"})
		if err != nil || len(ids) != 1 {
			t.Fatalf("batch: %v %v", ids, err)
		}
		list, _, err := f.svc.List(ctx, self, Filter{From: "2025-05-01", To: "2025-05-31"})
		if err != nil || len(list) != 3 {
			t.Fatalf("deputy's list: %d %v", len(list), err)
		}
		if list[0].Date != "2025-05-19" || list[2].Date != "2025-05-01" {
			t.Errorf("list order: %s … %s", list[0].Date, list[2].Date)
		}
		var audits int
		db.R.QueryRow(`SELECT COUNT(*) FROM audit_log WHERE entity = 'duty_record'`).Scan(&audits)
		if audits != 6 {
			t.Errorf("audit entries %d, want 6 (create, return, update, confirm, staff create, batch create)", audits)
		}
	})
}
