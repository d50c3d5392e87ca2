package open311web

import (
	"encoding/xml"
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"

	"renda/internal/cases"
	"renda/internal/errs"
	"renda/internal/i18n"
	"renda/internal/jurisdiction"
)

// request is GeoReport's service request: an opinion as the public sees it.
type request struct {
	XMLName           xml.Name `xml:"request" json:"-"`
	ServiceRequestID  string   `xml:"service_request_id" json:"service_request_id"`
	Status            string   `xml:"status" json:"status"`
	StatusNotes       string   `xml:"status_notes" json:"status_notes"`
	ServiceName       string   `xml:"service_name" json:"service_name"`
	ServiceCode       string   `xml:"service_code" json:"service_code"`
	Description       string   `xml:"description" json:"description"`
	AgencyResponsible string   `xml:"agency_responsible" json:"agency_responsible"`
	ServiceNotice     string   `xml:"service_notice" json:"service_notice"`
	RequestedDatetime string   `xml:"requested_datetime" json:"requested_datetime"`
	UpdatedDatetime   string   `xml:"updated_datetime" json:"updated_datetime"`
	ExpectedDatetime  string   `xml:"expected_datetime" json:"expected_datetime"`
	Address           string   `xml:"address" json:"address"`
	AddressID         string   `xml:"address_id" json:"address_id"`
	Zipcode           string   `xml:"zipcode" json:"zipcode"`
	Lat               string   `xml:"lat" json:"lat"`
	Long              string   `xml:"long" json:"long"`
	MediaURL          string   `xml:"media_url" json:"media_url"`
}

type requestList struct {
	XMLName  xml.Name  `xml:"service_requests"`
	Requests []request `xml:"request"`
}

// iso writes a time as ISO 8601 with its offset, as GeoReport asks.
func iso(unix int64) string {
	if unix == 0 {
		return ""
	}
	return time.Unix(unix, 0).Format(time.RFC3339)
}

func toRequest(l i18n.Lang, p cases.PublicRequest) request {
	status := "open"
	if p.Closed {
		status = "closed"
	}
	notes := i18n.T(l, "cases.status."+string(p.Status))
	if p.Reply != "" {
		notes += "：" + p.Reply
	}
	expected := ""
	if p.Due != "" {
		if d, err := time.ParseInLocation(time.DateOnly, p.Due, time.Local); err == nil {
			expected = d.Add(24*time.Hour - time.Second).Format(time.RFC3339)
		}
	}
	r := request{ServiceRequestID: p.TrackingCode, Status: status, StatusNotes: notes, ServiceCode: p.Category, Description: p.Title,
		AgencyResponsible: p.Unit, RequestedDatetime: iso(p.CreatedAt), UpdatedDatetime: iso(p.UpdatedAt), ExpectedDatetime: expected,
		Address: jurisdiction.National().FullName(p.Township)}
	if p.Category != "" {
		r.ServiceName = i18n.T(l, "cases.open311.service."+p.Category)
	}
	return r
}

func (m *Module) answer(w http.ResponseWriter, r *http.Request, f string, rs []cases.PublicRequest) {
	out := make([]request, 0, len(rs))
	for _, p := range rs {
		out = append(out, toRequest(lang(r), p))
	}
	if f == "xml" {
		write(w, http.StatusOK, f, requestList{Requests: out})
		return
	}
	write(w, http.StatusOK, f, out)
}

// listRequests answers GET requests.{format}: by ids, or by service code,
// dates and status, the last 90 days by default, at most 1,000.
func (m *Module) listRequests(w http.ResponseWriter, r *http.Request, f string) {
	q := r.URL.Query()
	rf := cases.RequestFilter{Township: q.Get("jurisdiction_id"), Category: q.Get("service_code"), Status: q.Get("status")}
	if ids := q.Get("service_request_id"); ids != "" {
		rf.Codes = strings.Split(ids, ",")
	}
	if rf.Status != "" && rf.Status != "open" && rf.Status != "closed" {
		fail(w, f, http.StatusBadRequest, i18n.T(lang(r), "cases.open311.err.status"))
		return
	}
	for _, d := range []struct {
		name string
		dst  *time.Time
	}{{"start_date", &rf.From}, {"end_date", &rf.To}} {
		if v := q.Get(d.name); v != "" {
			t, err := time.Parse(time.RFC3339, v)
			if err != nil {
				fail(w, f, http.StatusBadRequest, i18n.T(lang(r), "cases.open311.err.date", d.name))
				return
			}
			*d.dst = t
		}
	}
	if !rf.From.IsZero() && !rf.To.IsZero() && rf.To.Sub(rf.From) > 90*24*time.Hour {
		fail(w, f, http.StatusBadRequest, i18n.T(lang(r), "cases.open311.err.span"))
		return
	}
	rs, err := m.Cases.PublicRequests(r.Context(), rf)
	if err != nil {
		fail(w, f, http.StatusInternalServerError, i18n.T(lang(r), "cases.open311.err.internal"))
		return
	}
	m.answer(w, r, f, rs)
}

// oneRequest answers GET requests/{id}.{format}.
func (m *Module) oneRequest(w http.ResponseWriter, r *http.Request) {
	id, f, ok := format(r, "file")
	if !ok {
		fail(w, "json", http.StatusNotFound, i18n.T(lang(r), "cases.open311.err.format"))
		return
	}
	rs, err := m.Cases.PublicRequests(r.Context(), cases.RequestFilter{Codes: []string{id}, Limit: 1})
	if err != nil {
		fail(w, f, http.StatusInternalServerError, i18n.T(lang(r), "cases.open311.err.internal"))
		return
	}
	if len(rs) == 0 {
		fail(w, f, http.StatusNotFound, i18n.T(lang(r), "cases.open311.err.request", id))
		return
	}
	m.answer(w, r, f, rs)
}

// created is the answer to a POST: the id and a notice.
type created struct {
	XMLName          xml.Name `xml:"request" json:"-"`
	ServiceRequestID string   `xml:"service_request_id" json:"service_request_id"`
	ServiceNotice    string   `xml:"service_notice" json:"service_notice"`
	AccountID        string   `xml:"account_id" json:"account_id"`
}

type createdList struct {
	XMLName  xml.Name  `xml:"service_requests"`
	Requests []created `xml:"request"`
}

// postRequest answers POST requests.{format}: a form with
// jurisdiction_id (the township's code), service_code, description and a
// location (lat and long, or address_string), and optionally the
// constituent's name and phone. It goes through the same intake as the
// public form: flood limits, group commit, stored before acknowledged.
func (m *Module) postRequest(w http.ResponseWriter, r *http.Request, f string) {
	l := lang(r)
	r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
	if err := r.ParseForm(); err != nil {
		fail(w, f, http.StatusBadRequest, i18n.T(l, "cases.open311.err.form"))
		return
	}
	v := r.PostForm
	code := strings.ToLower(strings.TrimSpace(v.Get("service_code")))
	switch {
	case v.Get("jurisdiction_id") == "":
		fail(w, f, http.StatusBadRequest, i18n.T(l, "cases.open311.err.required", "jurisdiction_id"))
		return
	case code == "":
		fail(w, f, http.StatusBadRequest, i18n.T(l, "cases.open311.err.required", "service_code"))
		return
	case !cases.ValidCategory(code):
		fail(w, f, http.StatusNotFound, i18n.T(l, "cases.open311.err.service", code))
		return
	case v.Get("address_string") == "" && v.Get("address_id") == "" && (v.Get("lat") == "" || v.Get("long") == ""):
		fail(w, f, http.StatusBadRequest, i18n.T(l, "cases.open311.err.location"))
		return
	}
	body := strings.TrimSpace(v.Get("description"))
	place := strings.TrimSpace(v.Get("address_string"))
	if place == "" && v.Get("lat") != "" {
		place = fmt.Sprintf("%s, %s", v.Get("lat"), v.Get("long"))
	}
	if body != "" && place != "" {
		body += "\n" + i18n.T(i18n.ZH, "cases.open311.place", place)
	}
	name := strings.TrimSpace(v.Get("last_name") + v.Get("first_name"))
	in := cases.NewOpinion{Township: v.Get("jurisdiction_id"), Body: body, Category: code,
		Constituent: cases.Constituent{Name: name, Phone: strings.TrimSpace(v.Get("phone"))}}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	rec, err := m.Intake.Submit(r.Context(), in, r.Header.Get("Idempotency-Key"), host)
	if err != nil {
		if e, ok := errs.As(err); ok {
			status := http.StatusBadRequest
			if e.Kind == errs.TooMany {
				status = http.StatusTooManyRequests
			}
			desc := e.Message(l)
			if e.Field != "" {
				desc = openField(e.Field) + ": " + desc
			}
			fail(w, f, status, desc)
			return
		}
		fail(w, f, http.StatusInternalServerError, i18n.T(l, "cases.open311.err.internal"))
		return
	}
	out := []created{{ServiceRequestID: rec.TrackingCode, ServiceNotice: i18n.T(l, "cases.open311.notice", rec.TrackingCode)}}
	if f == "xml" {
		write(w, http.StatusCreated, f, createdList{Requests: out})
		return
	}
	write(w, http.StatusCreated, f, out)
}

// openField names our field by its GeoReport parameter.
func openField(f string) string {
	switch f {
	case "township":
		return "jurisdiction_id"
	case "body":
		return "description"
	case "constituent.phone":
		return "phone"
	case "constituent.name":
		return "last_name"
	case "category":
		return "service_code"
	}
	return f
}
