package open311web

import (
	"encoding/xml"
	"net/http"
	"strings"

	"renda/internal/cases"
	"renda/internal/i18n"
)

// service is GeoReport's service: one opinion category.
type service struct {
	XMLName     xml.Name `xml:"service" json:"-"`
	ServiceCode string   `xml:"service_code" json:"service_code"`
	ServiceName string   `xml:"service_name" json:"service_name"`
	Description string   `xml:"description" json:"description"`
	Metadata    bool     `xml:"metadata" json:"metadata"`
	Type        string   `xml:"type" json:"type"`
	Keywords    string   `xml:"keywords" json:"keywords"`
	Group       string   `xml:"group" json:"group"`
}

type serviceList struct {
	XMLName  xml.Name  `xml:"services"`
	Services []service `xml:"service"`
}

func serviceOf(l i18n.Lang, code string) service {
	return service{ServiceCode: code, ServiceName: i18n.T(l, "cases.open311.service."+code), Description: i18n.T(l, "cases.open311.service_note."+code),
		Metadata: false, Type: "batch", Keywords: i18n.T(l, "cases.open311.keywords."+code), Group: i18n.T(l, "cases.open311.group")}
}

func (m *Module) services(w http.ResponseWriter, r *http.Request, f string) {
	var out []service
	for _, c := range cases.Categories {
		out = append(out, serviceOf(lang(r), c))
	}
	if f == "xml" {
		write(w, http.StatusOK, f, serviceList{Services: out})
		return
	}
	write(w, http.StatusOK, f, out)
}

// serviceDefinition answers GET services/{code}.{format}: no category has
// extra attributes (metadata is false), so a known one has an empty
// definition and an unknown one is not found.
func (m *Module) serviceDefinition(w http.ResponseWriter, r *http.Request) {
	code, f, ok := format(r, "file")
	if !ok {
		fail(w, "json", http.StatusNotFound, i18n.T(lang(r), "cases.open311.err.format"))
		return
	}
	if !cases.ValidCategory(strings.ToLower(code)) {
		fail(w, f, http.StatusNotFound, i18n.T(lang(r), "cases.open311.err.service", code))
		return
	}
	type definition struct {
		XMLName     xml.Name `xml:"service_definition" json:"-"`
		ServiceCode string   `xml:"service_code" json:"service_code"`
		Attributes  []string `xml:"attributes>attribute" json:"attributes"`
	}
	write(w, http.StatusOK, f, definition{ServiceCode: code, Attributes: []string{}})
}

func (m *Module) discovery(w http.ResponseWriter, r *http.Request, f string) {
	type endpoint struct {
		Specification string   `xml:"specification" json:"specification"`
		URL           string   `xml:"url" json:"url"`
		Type          string   `xml:"type" json:"type"`
		Formats       []string `xml:"formats>format" json:"formats"`
	}
	type discovery struct {
		XMLName   xml.Name   `xml:"discovery" json:"-"`
		Contact   string     `xml:"contact" json:"contact"`
		Endpoints []endpoint `xml:"endpoints>endpoint" json:"endpoints"`
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	write(w, http.StatusOK, f, discovery{Contact: i18n.T(lang(r), "cases.open311.contact"), Endpoints: []endpoint{{
		Specification: "http://wiki.open311.org/GeoReport_v2", URL: scheme + "://" + r.Host + "/open311/v2", Type: "production",
		Formats: []string{"text/xml", "application/json"}}}})
}
