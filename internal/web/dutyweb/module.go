// Package dutyweb turns HTTP into calls on the duties domain: duty records
// (a phone page for deputies, review and batch entry for staff), targets
// and points, assessments and warnings.
package dutyweb

import (
	"embed"
	"io/fs"
	"net/http"

	"renda/internal/auth"
	"renda/internal/duties"
	"renda/internal/web"
)

//go:embed templates
var templates embed.FS

// Module is the duties part of the web app.
type Module struct {
	svc *duties.Service
}

// New returns the module over a service (its clock is the service's).
func New(svc *duties.Service) *Module { return &Module{svc: svc} }

var (
	// recorders are the roles that keep duty records: staff and deputies.
	recorders   = web.Roles(auth.Admin, auth.County, auth.Township, auth.Deputy)
	countyStaff = web.Roles(auth.Admin, auth.County)
)

var (
	pDeputy   = web.Param{Name: "deputy", Description: "deputy id", Type: "integer"}
	pTownship = web.Param{Name: "township", Description: "9-digit township or street code within the caller's scope"}
	pYear     = web.Param{Name: "year", Description: "YYYY, this year by default", Type: "integer"}
)

// Register lists every route of the module.
func (m *Module) Register(a *web.App) {
	sub, _ := fs.Sub(templates, "templates")
	a.Templates("duties", sub)

	a.API(web.Endpoint{Method: "GET", Path: "/duty-kinds", Tag: "duties", Summary: "The kinds of duty records, with their labels",
		Response: web.List[kindInfo]{}, Handle: m.listKinds})
	a.API(web.Endpoint{Method: "GET", Path: "/duty-records", Tag: "duties", Access: recorders,
		Summary: "Duty records in the caller's scope (a deputy: their own), newest first",
		Query: []web.Param{pDeputy, pTownship, {Name: "from", Description: "YYYY-MM-DD"}, {Name: "to", Description: "YYYY-MM-DD"},
			{Name: "kind"}, {Name: "status", Description: "pending, confirmed or returned"}, {Name: "cursor"}, {Name: "limit", Type: "integer"}},
		Response: web.List[duties.Record]{}, Handle: m.listRecords})
	a.API(web.Endpoint{Method: "POST", Path: "/duty-records", Tag: "duties", Access: recorders, Status: http.StatusCreated,
		Summary: "Record a duty: a deputy's own waits for confirmation, staff's counts at once",
		Request: duties.Input{}, Response: duties.Record{}, Handle: m.createRecord})
	a.API(web.Endpoint{Method: "POST", Path: "/duty-records/batch", Tag: "duties", Access: web.Staff, Status: http.StatusCreated,
		Summary: "Record one activity for every deputy who took part (all or nothing)",
		Request: duties.BatchInput{}, Response: batchResponse{}, Handle: m.createBatch})
	a.API(web.Endpoint{Method: "GET", Path: "/duty-records/{id}", Tag: "duties", Access: recorders,
		Summary: "One duty record with its files", Response: duties.Record{}, Handle: m.getRecord})
	a.API(web.Endpoint{Method: "PUT", Path: "/duty-records/{id}", Tag: "duties", Access: recorders,
		Summary: "Correct a record typed by hand; a deputy's correction waits for confirmation again",
		Request: duties.Input{}, Response: duties.Record{}, Handle: m.updateRecord})
	a.API(web.Endpoint{Method: "DELETE", Path: "/duty-records/{id}", Tag: "duties", Access: recorders, Status: http.StatusNoContent,
		Summary: "Delete a record typed by hand (a deputy: only before it is confirmed)", Handle: m.deleteRecord})
	a.API(web.Endpoint{Method: "POST", Path: "/duty-records/{id}/confirm", Tag: "duties", Access: web.Staff,
		Summary: "Confirm a deputy's record so that it counts", Response: duties.Record{}, Handle: m.confirmRecord})
	a.API(web.Endpoint{Method: "POST", Path: "/duty-records/{id}/return", Tag: "duties", Access: web.Staff,
		Summary: "Return a deputy's record with a reason", Request: returnRequest{}, Response: duties.Record{}, Handle: m.returnRecord})
	a.API(web.Endpoint{Method: "POST", Path: "/duty-records/{id}/attachments", Tag: "duties", Access: recorders, Status: http.StatusCreated,
		Summary: "Attach photos or files (images, PDF, Office; 10 MB each, 9 a record)", Multipart: true, File: "file",
		Response: web.List[duties.File]{}, Handle: m.attachFiles})
	a.API(web.Endpoint{Method: "POST", Path: "/duty-absences", Tag: "duties", Access: web.Staff, Status: http.StatusCreated,
		Summary: "Record a deputy's absence from a session or meeting (without leave, it is a three-nots warning)",
		Request: duties.Absence{}, Response: duties.Absence{}, Handle: m.addAbsence})
	a.API(web.Endpoint{Method: "GET", Path: "/assessments", Tag: "duties", Access: recorders,
		Summary: "A township's assessment for a year: points, rank, targets, grade, warnings (a deputy: their own)",
		Query:   []web.Param{pTownship, pYear}, Response: web.List[duties.Item]{}, Handle: m.assessments})
	a.API(web.Endpoint{Method: "GET", Path: "/assessments/ranking", Tag: "duties", Access: web.Staff,
		Summary:  "The townships of a county or province ranked by targets met and average points",
		Query:    []web.Param{{Name: "scope", Description: "county or province code within the caller's scope"}, pYear},
		Response: web.List[duties.TownshipScore]{}, Handle: m.ranking})
	a.API(web.Endpoint{Method: "GET", Path: "/duty-settings", Tag: "duties", Access: web.Staff,
		Summary: "A county's weights, targets and grade thresholds for a year",
		Query:   []web.Param{{Name: "county", Description: "6-digit county code"}, pYear}, Response: duties.Settings{}, Handle: m.getSettings})
	a.API(web.Endpoint{Method: "PUT", Path: "/duty-settings", Tag: "duties", Access: countyStaff,
		Summary: "Set a county's weights, targets, grade thresholds or correction window for a year (county staff)",
		Query:   []web.Param{{Name: "county", Description: "6-digit county code"}, pYear}, Request: duties.SettingsInput{},
		Response: duties.Settings{}, Handle: m.putSettings})

	a.API(web.Endpoint{Method: "POST", Path: "/duty-periods", Tag: "duties", Access: web.Staff, Status: http.StatusCreated,
		Summary: "Publish the points of a year or half year that has ended, opening the correction window",
		Request: duties.PublishInput{}, Response: duties.Period{}, Handle: m.publishPeriod})
	a.API(web.Endpoint{Method: "GET", Path: "/duty-periods", Tag: "duties", Access: recorders,
		Summary: "Publications of points that concern the caller", Response: web.List[duties.Period]{}, Handle: m.listPeriods})
	a.API(web.Endpoint{Method: "GET", Path: "/duty-periods/{id}", Tag: "duties", Access: recorders,
		Summary: "A publication with its lines and correction requests (a deputy: their own)", Response: duties.Period{}, Handle: m.getPeriod})
	a.API(web.Endpoint{Method: "POST", Path: "/duty-periods/{id}/finalize", Tag: "duties", Access: web.Staff,
		Summary: "Make a publication final once the window has passed and every request is answered", Response: duties.Period{}, Handle: m.finalizePeriod})
	a.API(web.Endpoint{Method: "POST", Path: "/duty-periods/{id}/corrections", Tag: "duties", Access: web.Roles(auth.Deputy), Status: http.StatusCreated,
		Summary: "Ask for a correction of one's published points, within the window", Request: reasonRequest{}, Response: duties.Correction{}, Handle: m.requestCorrection})
	a.API(web.Endpoint{Method: "POST", Path: "/duty-corrections/{id}/accept", Tag: "duties", Access: web.Staff,
		Summary: "Accept a correction: the township's lines are worked out again from the records", Request: answerRequest{}, Response: duties.Correction{}, Handle: m.answerCorrection(true)})
	a.API(web.Endpoint{Method: "POST", Path: "/duty-corrections/{id}/refuse", Tag: "duties", Access: web.Staff,
		Summary: "Refuse a correction with a reason", Request: answerRequest{}, Response: duties.Correction{}, Handle: m.answerCorrection(false)})
	a.API(web.Endpoint{Method: "GET", Path: "/public/duty-summaries/{id}", Tag: "duties", Public: true,
		Summary: "A deputy's final published points (公示)", Response: duties.PublicDeputy{}, Handle: m.publicSummary})

	a.API(web.Endpoint{Method: "GET", Path: "/duty-bulletins", Tag: "duties", Access: web.Staff,
		Summary: "The half-yearly bulletin of a township or group: attendance, speeches, records, targets",
		Query: []web.Param{pTownship, {Name: "group", Description: "deputy group id", Type: "integer"}, pYear,
			{Name: "half", Description: "1 (January to June) or 2 (the whole year)", Type: "integer"}},
		Response: duties.Bulletin{}, Handle: m.bulletinAPI})

	a.API(web.Endpoint{Method: "GET", Path: "/duty-archives/{id}", Tag: "duties", Access: recorders,
		Summary: "A deputy's duty archive for a term, in its eight parts (a deputy: their own)",
		Query:   []web.Param{{Name: "term", Description: "e.g. 第十八届; the latest by default"}}, Response: duties.Archive{}, Handle: m.archiveAPI})
	a.API(web.Endpoint{Method: "GET", Path: "/duty-awards", Tag: "duties", Access: web.Staff,
		Summary: "Awards proposed and decided for a year in the caller's scope", Query: []web.Param{pYear},
		Response: web.List[duties.Award]{}, Handle: m.listAwards})
	a.API(web.Endpoint{Method: "POST", Path: "/duty-awards/propose", Tag: "duties", Access: web.Staff,
		Summary: "Propose excellent deputies and advanced groups from a finished year's points",
		Request: proposeRequest{}, Response: web.List[duties.Award]{}, Handle: m.proposeAwards})
	a.API(web.Endpoint{Method: "POST", Path: "/duty-awards/{id}/decide", Tag: "duties", Access: web.Staff,
		Summary: "Award or reject a proposal", Request: decideRequest{}, Response: duties.Award{}, Handle: m.decideAward})
	a.API(web.Endpoint{Method: "GET", Path: "/constituent-reports", Tag: "duties", Access: recorders,
		Summary:  "Reports to constituents in the caller's scope (a deputy: their own), with their ratings",
		Response: web.List[duties.Report]{}, Handle: m.listReports})
	a.API(web.Endpoint{Method: "POST", Path: "/constituent-reports", Tag: "duties", Access: web.Staff, Status: http.StatusCreated,
		Summary: "Schedule a deputy's report to constituents", Request: duties.ReportInput{}, Response: duties.Report{}, Handle: m.scheduleReport})
	a.API(web.Endpoint{Method: "GET", Path: "/constituent-reports/{id}", Tag: "duties", Access: recorders,
		Summary: "A report with its text, files and rating results", Response: duties.Report{}, Handle: m.getReport})
	a.API(web.Endpoint{Method: "PUT", Path: "/constituent-reports/{id}/text", Tag: "duties", Access: recorders,
		Summary: "Attach the report's text", Request: textRequest{}, Response: duties.Report{}, Handle: m.reportText})
	a.API(web.Endpoint{Method: "POST", Path: "/constituent-reports/{id}/attachments", Tag: "duties", Access: recorders, Status: http.StatusCreated,
		Summary: "Attach the report as a file", Multipart: true, File: "file", Response: duties.Report{}, Handle: m.reportFiles})
	a.API(web.Endpoint{Method: "POST", Path: "/constituent-reports/{id}/held", Tag: "duties", Access: web.Staff,
		Summary: "Record that the report took place; it becomes a duty record", Request: heldRequest{}, Response: duties.Report{}, Handle: m.reportHeld})
	a.API(web.Endpoint{Method: "POST", Path: "/constituent-reports/{id}/ballots", Tag: "duties", Access: web.Staff,
		Summary: "Enter a batch of paper ballots (满意/基本满意/不满意)", Request: duties.BallotBatch{}, Response: duties.Report{}, Handle: m.reportBallots})
	a.API(web.Endpoint{Method: "POST", Path: "/constituent-reports/{id}/codes", Tag: "duties", Access: web.Staff, Status: http.StatusCreated,
		Summary: "Issue one-time codes for online ballots", Request: codesRequest{}, Response: codesResponse{}, Handle: m.reportCodes})
	a.API(web.Endpoint{Method: "POST", Path: "/public/report-ratings", Tag: "duties", Public: true, Status: http.StatusNoContent,
		Summary: "Rate a report to constituents with a one-time code", Request: rateRequest{}, Handle: m.rate})

	a.Page("GET /duties/records", recorders, m.recordsPage)
	a.Page("GET /duties/records/new", recorders, m.newRecordPage)
	a.Page("POST /duties/records", recorders, m.createRecordForm)
	a.Page("GET /duties/records/batch", web.Staff, m.batchPage)
	a.Page("POST /duties/records/batch", web.Staff, m.batchForm)
	a.Page("GET /duties/records/{id}", recorders, m.recordPage)
	a.Page("GET /duties/records/{id}/edit", recorders, m.editRecordPage)
	a.Page("POST /duties/records/{id}", recorders, m.updateRecordForm)
	a.Page("POST /duties/records/{id}/confirm", web.Staff, m.confirmForm)
	a.Page("POST /duties/records/{id}/return", web.Staff, m.returnForm)
	a.Page("POST /duties/records/{id}/delete", recorders, m.deleteForm)
	a.Page("GET /duties/assessment", recorders, m.assessmentPage)
	a.Page("GET /duties/periods", recorders, m.periodsPage)
	a.Page("POST /duties/periods", web.Staff, m.publishForm)
	a.Page("GET /duties/periods/{id}", recorders, m.periodPage)
	a.Page("POST /duties/periods/{id}/finalize", web.Staff, m.finalizeForm)
	a.Page("POST /duties/periods/{id}/corrections", web.Roles(auth.Deputy), m.correctionForm)
	a.Page("POST /duties/corrections/{id}/accept", web.Staff, m.answerForm(true))
	a.Page("POST /duties/corrections/{id}/refuse", web.Staff, m.answerForm(false))
	a.Page("GET /public/duties/deputies/{id}", nil, m.publicDeputyPage)
	a.Page("GET /public/duties/townships/{code}", nil, m.publicTownshipPage)
	a.Page("GET /duties/bulletin", web.Staff, m.bulletinPage)
	a.Page("GET /duties/bulletin.xlsx", web.Staff, m.bulletinXLSX)
	a.Page("GET /duties/archive", web.Roles(auth.Deputy), m.myArchive)
	a.Page("GET /duties/archive/{id}", recorders, m.archivePage)
	a.Page("GET /duties/archive/{id}/excel", recorders, m.archiveXLSX)
	a.Page("GET /duties/awards", web.Staff, m.awardsPage)
	a.Page("POST /duties/awards/propose", web.Staff, m.proposeForm)
	a.Page("POST /duties/awards/{id}/decide", web.Staff, m.decideForm)
	a.Page("GET /duties/reports", recorders, m.reportsPage)
	a.Page("POST /duties/reports", web.Staff, m.scheduleForm)
	a.Page("GET /duties/reports/{id}", recorders, m.reportPage)
	a.Page("POST /duties/reports/{id}/text", recorders, m.reportAction(m.textForm, "duty.flash.saved"))
	a.Page("POST /duties/reports/{id}/files", recorders, m.reportAction(m.filesForm, "duty.flash.saved"))
	a.Page("POST /duties/reports/{id}/held", web.Staff, m.reportAction(m.heldForm, "duty.flash.held"))
	a.Page("POST /duties/reports/{id}/ballots", web.Staff, m.reportAction(m.ballotsForm, "duty.flash.ballots"))
	a.Page("POST /duties/reports/{id}/codes", web.Staff, m.codesForm)
	a.Page("GET /public/rate", nil, m.ratePage)
	a.Page("POST /public/rate", nil, m.rateForm)
	a.Page("GET /duties/settings", web.Staff, m.settingsPage)
	a.Page("POST /duties/settings", countyStaff, m.settingsForm)

	a.Nav(web.NavItem{Key: "duty.nav.records", Path: "/duties/records", Order: 30, Roles: []auth.Role{auth.Admin, auth.County, auth.Township, auth.Deputy}},
		web.NavItem{Key: "duty.nav.assessment", Path: "/duties/assessment", Order: 31, Roles: []auth.Role{auth.Admin, auth.County, auth.Township, auth.Deputy}},
		web.NavItem{Key: "duty.nav.bulletin", Path: "/duties/bulletin", Order: 33, Roles: []auth.Role{auth.Admin, auth.County, auth.Township}},
		web.NavItem{Key: "duty.nav.reports", Path: "/duties/reports", Order: 34, Roles: []auth.Role{auth.Admin, auth.County, auth.Township, auth.Deputy}},
		web.NavItem{Key: "duty.nav.awards", Path: "/duties/awards", Order: 35, Roles: []auth.Role{auth.Admin, auth.County, auth.Township}},
		web.NavItem{Key: "duty.nav.archive", Path: "/duties/archive", Order: 36, Roles: []auth.Role{auth.Deputy}},
		web.NavItem{Key: "duty.nav.periods", Path: "/duties/periods", Order: 32, Roles: []auth.Role{auth.Admin, auth.County, auth.Township, auth.Deputy}})
	a.PublicLink(web.NavItem{Key: "duty.nav.rate", Path: "/public/rate", Order: 230})
	a.HomeCards(m.homeCards)
}
