// Package open311web serves constituents' opinions through the Open311
// GeoReport v2 API under /open311/v2/, in JSON and XML, so existing civic
// apps can submit and follow them: services are opinion categories,
// requests are opinions, service_request_id is the tracking code and
// jurisdiction_id the township's division code.
package open311web

import (
	"encoding/json"
	"encoding/xml"
	"net/http"
	"strings"

	"renda/internal/cases"
	"renda/internal/i18n"
	"renda/internal/web"
)

// Module registers the Open311 endpoints.
type Module struct {
	Cases  *cases.Service
	Intake *cases.Intake // shared with the public form, so limits and group commit apply alike
}

// New makes the module on the cases service and its public intake.
func New(svc *cases.Service, intake *cases.Intake) *Module {
	return &Module{Cases: svc, Intake: intake}
}

// Register adds the routes: each resource in .json and .xml.
func (m *Module) Register(a *web.App) {
	a.Raw("GET /open311/v2/{file}", m.get)
	a.Raw("POST /open311/v2/{file}", m.post)
	a.Raw("GET /open311/v2/services/{file}", m.serviceDefinition)
	a.Raw("GET /open311/v2/requests/{file}", m.oneRequest)
	a.Raw("GET /open311/v2/request/{file}", m.oneRequest)
}

// get dispatches the top-level resources by name: the router's wildcards
// take whole segments, and GeoReport puts the format after a dot.
func (m *Module) get(w http.ResponseWriter, r *http.Request) {
	name, f, ok := format(r, "file")
	switch {
	case !ok:
		fail(w, "json", http.StatusNotFound, i18n.T(lang(r), "cases.open311.err.format"))
	case name == "services":
		m.services(w, r, f)
	case name == "requests":
		m.listRequests(w, r, f)
	case name == "discovery":
		m.discovery(w, r, f)
	default:
		fail(w, f, http.StatusNotFound, i18n.T(lang(r), "cases.open311.err.resource"))
	}
}

func (m *Module) post(w http.ResponseWriter, r *http.Request) {
	name, f, ok := format(r, "file")
	if !ok || name != "requests" {
		fail(w, f, http.StatusNotFound, i18n.T(lang(r), "cases.open311.err.resource"))
		return
	}
	m.postRequest(w, r, f)
}

// format splits a path segment such as requests.json into the resource
// and the format, json or xml.
func format(r *http.Request, name string) (string, string, bool) {
	base, f, ok := strings.Cut(r.PathValue(name), ".")
	return base, f, ok && (f == "json" || f == "xml")
}

// lang picks Chinese unless the client asks for English.
func lang(r *http.Request) i18n.Lang {
	if q := r.URL.Query().Get("lang"); q != "" {
		return i18n.Parse(q)
	}
	return i18n.FromAcceptLanguage(r.Header.Get("Accept-Language"))
}

// write answers in the format asked, XML with its declaration.
func write(w http.ResponseWriter, status int, f string, v any) {
	if f == "xml" {
		w.Header().Set("Content-Type", "text/xml; charset=utf-8")
		w.WriteHeader(status)
		w.Write([]byte(xml.Header)) //nolint:errcheck
		enc := xml.NewEncoder(w)
		enc.Indent("", "  ")
		enc.Encode(v) //nolint:errcheck
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(v) //nolint:errcheck
}

// apiError is GeoReport's error element.
type apiError struct {
	XMLName     xml.Name `xml:"error" json:"-"`
	Code        int      `xml:"code" json:"code"`
	Description string   `xml:"description" json:"description"`
}

type errorList struct {
	XMLName xml.Name   `xml:"errors"`
	Errors  []apiError `xml:"error"`
}

func fail(w http.ResponseWriter, f string, status int, desc string) {
	if f == "xml" {
		write(w, status, f, errorList{Errors: []apiError{{Code: status, Description: desc}}})
		return
	}
	write(w, status, "json", []apiError{{Code: status, Description: desc}})
}
