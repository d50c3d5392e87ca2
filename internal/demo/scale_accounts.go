package demo

import (
	"context"
	"fmt"

	"renda/internal/auth"
	"renda/internal/store"
)

// generateAccounts makes one county staff account per county and one
// township staff account per township, named c330111 and t330111117.
func generateAccounts(ctx context.Context, db *store.DB, sc Scale, p *Progress) (string, error) {
	var users []auth.NewUser
	for _, c := range sc.Counties() {
		users = append(users, auth.NewUser{Username: "c" + c.Code, DisplayName: c.Name + "人大常委会", Role: auth.County, Scope: c.Code})
	}
	for _, t := range sc.Townships() {
		users = append(users, auth.NewUser{Username: "t" + t.Code, DisplayName: t.Name + "人大", Role: auth.Township, Scope: t.Code})
	}
	p.Total(len(users))
	n, err := auth.BulkCreate(ctx, db, users, Password, p.Add)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%d accounts", n), nil
}
