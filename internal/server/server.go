// Package server assembles the web app from the core and every domain
// module, and prepares a database for it (migrations and the national
// division table). The command line and the end-to-end tests both use it.
package server

import (
	"context"
	"log/slog"

	"renda/internal/attachments/attachweb"
	"renda/internal/auth"
	"renda/internal/cases"
	"renda/internal/duties"
	"renda/internal/jurisdiction"
	"renda/internal/liaison"
	"renda/internal/store"
	"renda/internal/web"
	"renda/internal/web/caseweb"
	"renda/internal/web/deputyweb"
	"renda/internal/web/dutyweb"
	"renda/internal/web/liaisonweb"
	"renda/internal/web/meetingweb"
	"renda/internal/web/open311web"
	"renda/internal/web/supervisionweb"
	"renda/internal/web/voteweb"
)

// Prepare migrates the database and loads the national division table if it
// is not there yet.
func Prepare(ctx context.Context, db *store.DB) error {
	if _, err := db.Migrate(ctx); err != nil {
		return err
	}
	_, err := jurisdiction.Seed(ctx, db)
	return err
}

// New builds the whole web app on a prepared database.
func New(db *store.DB, authSvc *auth.Service, log *slog.Logger) *web.App {
	app := web.New(web.Config{DB: db, Auth: authSvc, Log: log})
	app.Add(modules(db)...)
	return app
}

// modules lists the domain modules, in the order their navigation appears.
func modules(db *store.DB) []web.Module {
	cs := cases.New(db)
	cm := caseweb.New(cs)
	return []web.Module{
		deputyweb.New(db),
		dutyweb.New(duties.New(db)),
		attachweb.Module{},
		cm,
		open311web.New(cs, cm.Intake),
		liaisonweb.New(liaison.New(db, cs)),
		meetingweb.Module{},
		voteweb.Module{},
		supervisionweb.Module{},
	}
}
