package votes_test

import (
	"context"
	"reflect"
	"slices"
	"strings"
	"testing"

	"renda/internal/store"
	"renda/internal/testdb"
	"renda/internal/votes"
	"renda/internal/votes/votetest"
)

// TestBallotSecrecy checks that nothing stored links a deputy to a choice:
// the ballot table has no column that could, neither its keys nor its
// storage order follow the order of voting, on PostgreSQL no transaction id
// is shared between a ballot and a voter's mark, and the audit log says who
// voted but never how.
func TestBallotSecrecy(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		const n = 40
		deps := votetest.Deputies(t, db, dayuan, dayuan, n)
		v := newVote(t, db, 2)
		if _, err := votes.OpenVote(ctx, db, staff, v.ID); err != nil {
			t.Fatal(err)
		}
		var castOrder []string
		marks := []string{"ffff", "aaaa", "nnnn", "fafa"}
		for i, d := range deps {
			r, err := votes.Cast(ctx, db, votetest.Principal(d, dayuan), v.ID, ballot(v, marks[i%len(marks)]))
			if err != nil {
				t.Fatal(err)
			}
			castOrder = append(castOrder, r)
		}
		if _, err := votes.CloseVote(ctx, db, staff, v.ID); err != nil {
			t.Fatal(err)
		}

		rows, err := db.R.QueryContext(ctx, `SELECT * FROM vote_ballots WHERE vote_id = $1`, v.ID)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		rows.Close()
		if want := []string{"id", "vote_id", "receipt", "box", "choices"}; !reflect.DeepEqual(cols, want) {
			t.Fatalf("ballot columns %v, want only %v", cols, want)
		}

		physical := `SELECT receipt FROM vote_ballots WHERE vote_id = $1 ORDER BY rowid`
		if db.Engine == store.Postgres {
			physical = `SELECT receipt FROM vote_ballots WHERE vote_id = $1 ORDER BY ctid`
		}
		for name, q := range map[string]string{
			"key order":     `SELECT receipt FROM vote_ballots WHERE vote_id = $1 ORDER BY id`,
			"storage order": physical,
		} {
			got := strings1(t, db, q, v.ID)
			if len(got) != n {
				t.Fatalf("%s: %d ballots, want %d", name, len(got), n)
			}
			rev := slices.Clone(castOrder)
			slices.Reverse(rev)
			if slices.Equal(got, castOrder) || slices.Equal(got, rev) {
				t.Errorf("ballots in %s follow the order of voting", name)
			}
		}

		if db.Engine == store.Postgres {
			// Every ballot and every mark was rewritten by the closing
			// transaction: their xmin no longer tells them apart.
			for _, q := range []string{
				`SELECT COUNT(DISTINCT xmin::text) FROM vote_ballots WHERE vote_id = $1`,
				`SELECT COUNT(DISTINCT xmin::text) FROM vote_electors WHERE vote_id = $1`,
			} {
				var k int
				if err := db.R.QueryRowContext(ctx, q, v.ID).Scan(&k); err != nil || k != 1 {
					t.Errorf("%s = %d (%v), want 1", q, k, err)
				}
			}
		}

		// The audit log records each voter, never a choice or a receipt.
		var voters int
		ar, err := db.R.QueryContext(ctx, `SELECT action, summary, COALESCE(before_json, ''), COALESCE(after_json, '') FROM audit_log WHERE entity = 'vote'`)
		if err != nil {
			t.Fatal(err)
		}
		defer ar.Close()
		ballotTexts := strings1(t, db, `SELECT choices FROM vote_ballots WHERE vote_id = $1`, v.ID)
		for ar.Next() {
			var action, summary, before, after string
			if err := ar.Scan(&action, &summary, &before, &after); err != nil {
				t.Fatal(err)
			}
			all := summary + before + after
			for _, r := range castOrder {
				if strings.Contains(all, r) {
					t.Fatalf("audit entry %s holds receipt %s", action, r)
				}
			}
			for _, c := range ballotTexts {
				if strings.Contains(all, c) {
					t.Fatalf("audit entry %s holds a ballot %s", action, c)
				}
			}
			if action == "ballot" {
				voters++
				if strings.Contains(after, votes.For) || strings.Contains(after, votes.Against) || strings.Contains(after, "choice") {
					t.Fatalf("ballot audit entry says how: %s", after)
				}
			}
		}
		if voters != n {
			t.Errorf("%d ballot entries in the audit log, want %d (who voted is recorded)", voters, n)
		}
		var marked int
		if err := db.R.QueryRowContext(ctx, `SELECT COUNT(*) FROM vote_electors WHERE vote_id = $1 AND voted`, v.ID).Scan(&marked); err != nil || marked != n {
			t.Errorf("%d marked as voted (%v), want %d", marked, err, n)
		}
	})
}

func strings1(t *testing.T, db *store.DB, q string, args ...any) []string {
	t.Helper()
	rows, err := db.R.QueryContext(context.Background(), q, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	return out
}
