// Package votetest makes the deputies that votes, sessions and supervision
// tests need: rows in deputies and seats written directly (the deputies
// domain owns those tables), and accounts to sign in as them.
package votetest

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"renda/internal/auth"
	"renda/internal/store"
)

// Deputies inserts n deputies organised in a township, each with a serving
// seat in congress, and returns their ids in order.
func Deputies(t testing.TB, db *store.DB, township, congress string, n int) []int64 {
	t.Helper()
	ctx := context.Background()
	now := time.Now().Unix()
	ids := make([]int64, 0, n)
	const batch = 200
	for start := 0; start < n; start += batch {
		end := min(start+batch, n)
		var sb strings.Builder
		sb.WriteString(`INSERT INTO deputies (township_code, name, created_at, updated_at) VALUES `)
		args := []any{township, now}
		for i := start; i < end; i++ {
			if i > start {
				sb.WriteString(", ")
			}
			args = append(args, fmt.Sprintf("代表%04d", i+1))
			fmt.Fprintf(&sb, "($1, $%d, $2, $2)", len(args))
		}
		sb.WriteString(` RETURNING id`)
		rows, err := db.W.QueryContext(ctx, sb.String(), args...)
		if err != nil {
			t.Fatalf("insert deputies: %v", err)
		}
		var got []int64
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				t.Fatal(err)
			}
			got = append(got, id)
		}
		rows.Close()
		for _, id := range got {
			if _, err := db.W.ExecContext(ctx, `INSERT INTO seats (deputy_id, level, congress_code, term, status, created_at, updated_at)
				VALUES ($1, $2, $3, '第十八届', 'serving', $4, $4)`, id, level(congress), congress, now); err != nil {
				t.Fatalf("insert seat: %v", err)
			}
		}
		ids = append(ids, got...)
	}
	return ids
}

func level(congress string) string {
	switch len(congress) {
	case 2:
		return "province"
	case 4:
		return "city"
	case 6:
		return "county"
	}
	return "township"
}

// Account creates a deputy's sign-in account (password pw) scoped to the
// township and returns its username.
func Account(t testing.TB, svc *auth.Service, deputyID int64, township, pw string) string {
	t.Helper()
	name := fmt.Sprintf("dep%d", deputyID)
	if _, err := svc.CreateUser(context.Background(), auth.SystemPrincipal, auth.NewUser{Username: name, Password: pw,
		DisplayName: name, Role: auth.Deputy, Scope: township, DeputyID: deputyID}); err != nil {
		t.Fatalf("deputy account: %v", err)
	}
	return name
}

// Principal is a deputy's principal, for calling the domain directly.
func Principal(deputyID int64, township string) *auth.Principal {
	return &auth.Principal{UserID: 0, Username: fmt.Sprintf("dep%d", deputyID), Role: auth.Deputy, Scope: township, DeputyID: deputyID}
}

// Staff is a staff principal of a role and scope.
func Staff(role auth.Role, scope string) *auth.Principal {
	return &auth.Principal{Username: string(role) + scope, Role: role, Scope: scope}
}
