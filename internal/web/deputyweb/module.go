// Package deputyweb is the web face of the deputies domain: the roster and
// its Excel import and export, groups, stations and electoral districts, on
// pages and the API, and the public directory with station posters.
package deputyweb

import (
	"embed"
	"io/fs"
	"net/http"

	"renda/internal/auth"
	"renda/internal/deputies"
	"renda/internal/store"
	"renda/internal/web"
)

//go:embed templates/*.html
var templateFiles embed.FS

//go:embed assets/deputies.css
var stylesheet []byte

// Module adds the deputies' routes.
type Module struct {
	db  *store.DB
	app *web.App
}

// New makes the module on a database.
func New(db *store.DB) *Module { return &Module{db: db} }

var (
	staff      = web.Staff
	rosterRead = web.Roles(auth.Admin, auth.County, auth.Township, auth.Liaison, auth.Deputy)
)

// Register lists every route of the module.
func (m *Module) Register(a *web.App) {
	m.app = a
	sub, _ := fs.Sub(templateFiles, "templates")
	a.Templates("deputies", sub)

	// The roster.
	a.API(web.Endpoint{Method: "GET", Path: "/deputies", Tag: "deputies", Access: rosterRead,
		Summary: "List the deputies the caller may see, by township then pinyin",
		Query:   rosterParams, Response: web.List[deputies.Deputy]{}, Handle: m.apiList})
	a.API(web.Endpoint{Method: "POST", Path: "/deputies", Tag: "deputies", Access: staff, Status: http.StatusCreated,
		Summary: "Add a deputy with their seats", Request: deputies.Input{}, Response: deputies.Deputy{}, Handle: m.apiCreate})
	a.API(web.Endpoint{Method: "GET", Path: "/deputies/{id}", Tag: "deputies", Access: rosterRead,
		Summary: "One deputy (staff within scope, the deputy's station officer, the deputy themself)", Response: deputies.Deputy{}, Handle: m.apiGet})
	a.API(web.Endpoint{Method: "PATCH", Path: "/deputies/{id}", Tag: "deputies", Access: staff,
		Summary: "Change a deputy's profile, township, group or station", Request: deputies.Input{}, Response: deputies.Deputy{}, Handle: m.apiUpdate})
	a.API(web.Endpoint{Method: "GET", Path: "/deputies/{id}/history", Tag: "deputies", Access: staff,
		Summary: "Every recorded change of a deputy, newest first", Response: web.List[historyEntry]{}, Handle: m.apiHistory})
	a.API(web.Endpoint{Method: "POST", Path: "/deputies/{id}/seats", Tag: "deputies", Access: staff, Status: http.StatusCreated,
		Summary: "Give a deputy a seat at another level", Request: deputies.SeatInput{}, Response: deputies.Deputy{}, Handle: m.apiAddSeat})
	a.API(web.Endpoint{Method: "PATCH", Path: "/deputies/{id}/seats/{seat}", Tag: "deputies", Access: staff,
		Summary: "Change a seat: term, district, dates, or its status with reason and date", Request: deputies.SeatInput{}, Response: deputies.Deputy{}, Handle: m.apiUpdateSeat})
	a.API(web.Endpoint{Method: "POST", Path: "/deputies/{id}/account", Tag: "deputies", Access: staff, Status: http.StatusCreated,
		Summary: "Open an account (role deputy) for a deputy", Request: deputies.AccountInput{}, Response: auth.User{}, Handle: m.apiDeputyAccount})
	a.API(web.Endpoint{Method: "GET", Path: "/deputies/template.xlsx", Tag: "deputies", Access: staff,
		Summary: "The roster template to fill in", Produces: xlsxType, Handle: m.apiTemplate})
	a.API(web.Endpoint{Method: "POST", Path: "/deputies/import", Tag: "deputies", Access: staff, Multipart: true, File: "file",
		Summary:  "Import a roster sheet into a township: all rows or none; dry_run=true only checks",
		Query:    []web.Param{townshipParam(true), {Name: "dry_run", Type: "boolean", Description: "only check the sheet"}},
		Response: deputies.ImportResult{}, Handle: m.apiImport})
	a.API(web.Endpoint{Method: "GET", Path: "/deputies/export.xlsx", Tag: "deputies", Access: staff,
		Summary: "A township's roster in the template's columns", Query: []web.Param{townshipParam(true)}, Produces: xlsxType, Handle: m.apiExport})

	// Groups, stations and electoral districts.
	a.API(web.Endpoint{Method: "GET", Path: "/groups", Tag: "organisation", Access: rosterRead,
		Summary: "Deputy groups and delegations", Query: []web.Param{townshipParam(false)}, Response: web.List[deputies.DeputyGroup]{}, Handle: m.apiGroups})
	a.API(web.Endpoint{Method: "POST", Path: "/groups", Tag: "organisation", Access: staff, Status: http.StatusCreated,
		Summary: "Add a deputy group or delegation", Request: deputies.GroupInput{}, Response: deputies.DeputyGroup{}, Handle: m.apiCreateGroup})
	a.API(web.Endpoint{Method: "GET", Path: "/groups/{id}", Tag: "organisation", Access: rosterRead,
		Summary: "One group with its members", Response: groupDetail{}, Handle: m.apiGroup})
	a.API(web.Endpoint{Method: "PATCH", Path: "/groups/{id}", Tag: "organisation", Access: staff,
		Summary: "Rename a group, change its kind or leader", Request: deputies.GroupInput{}, Response: deputies.DeputyGroup{}, Handle: m.apiUpdateGroup})
	a.API(web.Endpoint{Method: "GET", Path: "/stations", Tag: "organisation", Access: rosterRead,
		Summary: "Liaison stations with their officers", Query: []web.Param{townshipParam(false)}, Response: web.List[deputies.Station]{}, Handle: m.apiStations})
	a.API(web.Endpoint{Method: "POST", Path: "/stations", Tag: "organisation", Access: staff, Status: http.StatusCreated,
		Summary: "Add a liaison station", Request: deputies.StationInput{}, Response: deputies.Station{}, Handle: m.apiCreateStation})
	a.API(web.Endpoint{Method: "GET", Path: "/stations/{id}", Tag: "organisation", Access: rosterRead,
		Summary: "One station with villages, districts and officers", Response: deputies.Station{}, Handle: m.apiStation})
	a.API(web.Endpoint{Method: "PATCH", Path: "/stations/{id}", Tag: "organisation", Access: staff,
		Summary: "Change a station", Request: deputies.StationInput{}, Response: deputies.Station{}, Handle: m.apiUpdateStation})
	a.API(web.Endpoint{Method: "POST", Path: "/stations/{id}/officers", Tag: "organisation", Access: staff, Status: http.StatusCreated,
		Summary: "Add a liaison officer", Request: deputies.OfficerInput{}, Response: deputies.Officer{}, Handle: m.apiAddOfficer})
	a.API(web.Endpoint{Method: "PATCH", Path: "/stations/{id}/officers/{officer}", Tag: "organisation", Access: staff,
		Summary: "Change a liaison officer", Request: deputies.OfficerInput{}, Response: deputies.Officer{}, Handle: m.apiUpdateOfficer})
	a.API(web.Endpoint{Method: "DELETE", Path: "/stations/{id}/officers/{officer}", Tag: "organisation", Access: staff, Status: http.StatusNoContent,
		Summary: "Take an officer off a station (their account is disabled)", Handle: m.apiRemoveOfficer})
	a.API(web.Endpoint{Method: "POST", Path: "/stations/{id}/officers/{officer}/account", Tag: "organisation", Access: staff, Status: http.StatusCreated,
		Summary: "Open an account (role liaison) for an officer", Request: deputies.AccountInput{}, Response: auth.User{}, Handle: m.apiOfficerAccount})
	a.API(web.Endpoint{Method: "GET", Path: "/electoral-districts", Tag: "organisation", Access: rosterRead,
		Summary: "Electoral districts with their villages", Query: []web.Param{townshipParam(false)}, Response: web.List[deputies.District]{}, Handle: m.apiDistricts})
	a.API(web.Endpoint{Method: "POST", Path: "/electoral-districts", Tag: "organisation", Access: staff, Status: http.StatusCreated,
		Summary: "Add an electoral district", Request: deputies.DistrictInput{}, Response: deputies.District{}, Handle: m.apiCreateDistrict})
	a.API(web.Endpoint{Method: "GET", Path: "/electoral-districts/{id}", Tag: "organisation", Access: rosterRead,
		Summary: "One electoral district", Response: deputies.District{}, Handle: m.apiDistrict})
	a.API(web.Endpoint{Method: "PATCH", Path: "/electoral-districts/{id}", Tag: "organisation", Access: staff,
		Summary: "Change an electoral district", Request: deputies.DistrictInput{}, Response: deputies.District{}, Handle: m.apiUpdateDistrict})

	// The public directory.
	a.API(web.Endpoint{Method: "GET", Path: "/public/townships/{code}", Tag: "public", Public: true,
		Summary: "A township's public directory: stations and serving deputies", Response: deputies.PublicTownship{}, Handle: m.apiPublicTownship})
	a.API(web.Endpoint{Method: "GET", Path: "/public/stations/{id}", Tag: "public", Public: true,
		Summary: "A station's public page", Response: deputies.PublicStation{}, Handle: m.apiPublicStation})
	a.API(web.Endpoint{Method: "GET", Path: "/public/deputies/{id}", Tag: "public", Public: true,
		Summary: "A serving deputy's public page", Response: deputies.PublicDeputy{}, Handle: m.apiPublicDeputy})

	// Pages.
	a.Page("GET /deputies", rosterRead, m.pageRoster)
	a.Page("GET /deputies/me", web.Roles(auth.Deputy), m.pageMe)
	a.Page("GET /deputies/new", staff, m.pageNew)
	a.Page("POST /deputies", staff, m.pageCreate)
	a.Page("GET /deputies/{id}", rosterRead, m.pageDeputy)
	a.Page("GET /deputies/{id}/edit", staff, m.pageEdit)
	a.Page("POST /deputies/{id}", staff, m.pageUpdate)
	a.Page("POST /deputies/{id}/seats", staff, m.pageAddSeat)
	a.Page("POST /deputies/{id}/seats/{seat}", staff, m.pageUpdateSeat)
	a.Page("POST /deputies/{id}/account", staff, m.pageDeputyAccount)
	a.Page("GET /deputies/import", staff, m.pageImportForm)
	a.Page("POST /deputies/import", staff, m.pageImportUpload)
	a.Page("POST /deputy-imports/{token}", staff, m.pageImportCommit)
	a.Page("GET /groups", rosterRead, m.pageGroups)
	a.Page("POST /groups", staff, m.pageCreateGroup)
	a.Page("GET /groups/{id}", rosterRead, m.pageGroup)
	a.Page("POST /groups/{id}", staff, m.pageUpdateGroup)
	a.Page("GET /stations", rosterRead, m.pageStations)
	a.Page("POST /stations", staff, m.pageCreateStation)
	a.Page("GET /stations/{id}", rosterRead, m.pageStation)
	a.Page("POST /stations/{id}", staff, m.pageUpdateStation)
	a.Page("POST /stations/{id}/officers", staff, m.pageAddOfficer)
	a.Page("POST /stations/{id}/officers/{officer}/remove", staff, m.pageRemoveOfficer)
	a.Page("POST /stations/{id}/officers/{officer}/account", staff, m.pageOfficerAccount)
	a.Page("GET /districts", rosterRead, m.pageDistricts)
	a.Page("POST /districts", staff, m.pageCreateDistrict)
	a.Page("GET /directory", nil, m.pageDirectory)
	a.Page("GET /directory/{code}", nil, m.pageDirectoryUnit)
	a.Page("GET /directory/stations/{id}", nil, m.pagePublicStation)
	a.Page("GET /directory/stations/{id}/poster", nil, m.pagePoster)
	a.Page("GET /directory/stations/{id}/qr.png", nil, m.pageQR)
	a.Page("GET /directory/deputies/{id}", nil, m.pagePublicDeputy)
	a.Page("GET /directory/deputies/{id}/qr.png", nil, m.pageDeputyQR)

	a.Raw("GET /assets/deputies.css", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/css; charset=utf-8")
		w.Header().Set("Cache-Control", "public, max-age=3600")
		w.Write(stylesheet) //nolint:errcheck
	})

	a.Nav(
		web.NavItem{Key: "deputy.nav.roster", Path: "/deputies", Order: 10, Roles: []auth.Role{auth.Admin, auth.County, auth.Township, auth.Liaison}},
		web.NavItem{Key: "deputy.nav.me", Path: "/deputies/me", Order: 10, Roles: []auth.Role{auth.Deputy}},
		web.NavItem{Key: "deputy.nav.groups", Path: "/groups", Order: 11, Roles: []auth.Role{auth.Admin, auth.County, auth.Township}},
		web.NavItem{Key: "deputy.nav.stations", Path: "/stations", Order: 12, Roles: []auth.Role{auth.Admin, auth.County, auth.Township, auth.Liaison}},
		web.NavItem{Key: "deputy.nav.districts", Path: "/districts", Order: 13, Roles: []auth.Role{auth.Admin, auth.County, auth.Township}},
	)
	a.PublicLink(web.NavItem{Key: "deputy.nav.directory", Path: "/directory", Order: 10})
	a.HomeCards(m.cards)
}

const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
