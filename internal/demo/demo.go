// Package demo loads the demonstration data — 富阳区 (330111) with its 24
// towns, townships and streets, their villages, and accounts for every role —
// and generates synthetic data at county or province scale for benchmarks.
// Each domain adds its own file with its records.
package demo

import (
	"context"
	"fmt"
	"sort"

	"renda/internal/auth"
	"renda/internal/jurisdiction"
	"renda/internal/store"
)

// Password is the password of every demo account.
const Password = "renda-demo"

// County is the demo county: 富阳区, 杭州市, 浙江省.
const County = "330111"

// The demo townships named in the README.
const (
	Dayuan = "330111117" // 大源镇
	Huyuan = "330111205" // 湖源乡
	Fuchun = "330111001" // 富春街道
)

// Account is a demo account as the README lists it.
type Account struct {
	Username    string
	Description string
	Role        auth.Role
	Scope       string
	Name        string
}

var accounts = []Account{
	{"admin", "系统管理员 / system admin", auth.Admin, "", "系统管理员"},
	{"fuyang", "富阳区人大常委会工作人员 / county staff, 330111", auth.County, County, "富阳区人大常委会代表工委"},
	{"dayuan", "大源镇人大工作人员 / township staff, 大源镇 330111117", auth.Township, Dayuan, "大源镇人大主席团"},
	{"huyuan", "湖源乡人大工作人员 / township staff, 湖源乡 330111205", auth.Township, Huyuan, "湖源乡人大主席团"},
	{"fuchun", "富春街道人大工委工作人员 / street staff, 富春街道 330111001", auth.Township, Fuchun, "富春街道人大工委"},
}

// extraAccounts are the accounts later domains add (deputy, liaison, unit),
// listed after the foundation's.
var extraAccounts []Account

// Accounts lists every demo account.
func Accounts() []Account { return append(append([]Account(nil), accounts...), extraAccounts...) }

// step is one domain's part of the demo. Steps run by order: the
// foundation's 0–99, organisation and deputies 100–199, duties 200–299,
// liaison and cases 300–399, meetings and votes 400–499 — the same ranges
// as the migrations.
type step struct {
	order int
	name  string
	run   func(ctx context.Context, db *store.DB, svc *auth.Service) error
}

// steps are the parts of the demo; domain files add theirs with addStep in
// an init function.
var steps = []step{
	{0, "villages", loadVillages},
	{10, "accounts", loadAccounts},
}

func addStep(order int, name string, run func(ctx context.Context, db *store.DB, svc *auth.Service) error) {
	steps = append(steps, step{order, name, run})
	sort.SliceStable(steps, func(i, j int) bool { return steps[i].order < steps[j].order })
}

// LoadIfEmpty loads the demo into a database that holds no accounts yet and
// reports whether it did.
func LoadIfEmpty(ctx context.Context, db *store.DB) (bool, error) {
	var n int
	if err := db.R.QueryRowContext(ctx, `SELECT COUNT(*) FROM users`).Scan(&n); err != nil {
		return false, err
	}
	if n > 0 {
		return false, nil
	}
	return true, Load(ctx, db)
}

// Load runs every demo step on a prepared database.
func Load(ctx context.Context, db *store.DB) error {
	svc := auth.NewService(db)
	for _, s := range steps {
		if err := s.run(ctx, db, svc); err != nil {
			return fmt.Errorf("%s: %w", s.name, err)
		}
	}
	return nil
}

func loadVillages(ctx context.Context, db *store.DB, _ *auth.Service) error {
	f, err := jurisdiction.SeedVillages()
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = jurisdiction.ImportVillages(ctx, db, f, County)
	return err
}

func loadAccounts(ctx context.Context, db *store.DB, svc *auth.Service) error {
	for _, a := range accounts {
		if _, err := svc.CreateUser(ctx, auth.SystemPrincipal, auth.NewUser{
			Username: a.Username, Password: Password, DisplayName: a.Name, Role: a.Role, Scope: a.Scope,
		}); err != nil {
			return fmt.Errorf("account %s: %w", a.Username, err)
		}
	}
	return nil
}
