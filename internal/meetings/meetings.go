// Package meetings keeps a congress's terms and sessions (人代会: agenda,
// reports, attendance, speeches, resolutions) and the presidium's meetings
// (主席团会议), with the checks the law asks for: a session every year, a
// presidium meeting every quarter (DESIGN.md §7–§8).
package meetings

import (
	"strings"
	"time"

	"renda/internal/auth"
	"renda/internal/errs"
	"renda/internal/jurisdiction"
)

// mayRun reports whether p keeps the meetings of a congress: staff whose
// scope covers it.
func mayRun(p *auth.Principal, congress string) bool {
	return p != nil && p.Role.Staff() && p.Covers(congress)
}

// checkCongress validates a congress code the caller keeps; outside the
// scope looks the same as a code that does not exist.
func checkCongress(p *auth.Principal, field, code string) (string, error) {
	code = strings.TrimSpace(code)
	if code == "" {
		return "", errs.Required(field, "meet.field.congress")
	}
	u, ok := jurisdiction.National().Get(code)
	if !ok || !mayRun(p, code) {
		return "", errs.Field(field, "unknown_congress", "meet.err.congress_unknown", code)
	}
	if !u.Kind.HasCongress() {
		return "", errs.Field(field, "no_congress", "meet.err.congress_none", u.Name)
	}
	return code, nil
}

func checkDate(field, s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, errs.Required(field, "meet.field."+field)
	}
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		return time.Time{}, errs.Field(field, "invalid_date", "err.date_format", s)
	}
	return d, nil
}

func checkText(field, s string, required bool, max int) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" && required {
		return "", errs.Required(field, "meet.field."+field)
	}
	return s, errs.MaxLen(field, "meet.field."+field, s, max)
}
