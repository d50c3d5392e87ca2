package audit_test

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"renda/internal/audit"
	"renda/internal/store"
	"renda/internal/testdb"
)

func TestRecordAndList(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		ctx := audit.WithRequestID(context.Background(), "req-1")
		who := audit.By(ctx, 0, "dayuan")
		entries := []struct {
			action, scope string
			id            int
		}{
			{"create", "330111117", 1}, {"update", "330111117", 1}, {"create", "330111205", 2}, {"create", "330106002", 3},
		}
		for _, e := range entries {
			err := db.Tx(ctx, func(tx *sql.Tx) error {
				return audit.Record(ctx, tx, who, e.action, "deputy", e.id, e.scope, "张三",
					map[string]string{"phone": "13800000000"}, map[string]string{"phone": "13900000000"})
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		list := func(f audit.Filter) []audit.Entry {
			t.Helper()
			out, _, err := audit.List(ctx, db.R, f)
			if err != nil {
				t.Fatal(err)
			}
			return out
		}
		if got := list(audit.Filter{Scope: "330111"}); len(got) != 3 {
			t.Fatalf("county scope: %d entries, want 3", len(got))
		}
		if got := list(audit.Filter{Scope: "330111117"}); len(got) != 2 || got[0].Action != "update" {
			t.Fatalf("township scope, newest first: %+v", got)
		}
		got := list(audit.Filter{Scope: "", Entity: "deputy", EntityID: "1", Action: "update"})
		if len(got) != 1 || string(got[0].Before) != `{"phone":"13800000000"}` || got[0].RequestID != "req-1" || got[0].Actor != "dayuan" {
			t.Fatalf("filtered entry: %+v", got)
		}
		if got := list(audit.Filter{Scope: "", To: time.Now().Add(-time.Hour)}); len(got) != 0 {
			t.Errorf("date filter: %d entries", len(got))
		}
		// Paging newest first, two at a time.
		page1, next, err := audit.List(ctx, db.R, audit.Filter{Scope: "", Limit: 2})
		if err != nil || len(page1) != 2 || next == 0 {
			t.Fatalf("page 1: %d %d %v", len(page1), next, err)
		}
		page2, next2, _ := audit.List(ctx, db.R, audit.Filter{Scope: "", Limit: 2, Before: next})
		if len(page2) != 2 || next2 != 0 || page2[0].ID >= page1[1].ID {
			t.Fatalf("page 2: %+v next %d", page2, next2)
		}
	})
}
