// Package supervision keeps what a township congress does to oversee its
// government (DESIGN.md §7–§8): the annual plan of supervision topics;
// inspections, law-enforcement inspections, surveys and appraisals with
// their participants (who get duty records), laws checked and findings;
// recommendations and the government's rectification, followed until each
// is closed with a result; ratings and appraisals of people and units; and
// the township's annual work plan.
package supervision

import (
	"strings"
	"time"

	"renda/internal/auth"
	"renda/internal/duties"
	"renda/internal/errs"
	"renda/internal/jurisdiction"
)

// Kinds of supervision activity, with the duty each gives participants.
var activityDuty = map[string]duties.Kind{
	"inspection":      duties.Inspection,
	"law_enforcement": duties.LawEnforcementInspection,
	"survey":          duties.Survey,
	"appraisal":       duties.Appraisal,
}

// ActivityKinds lists the kinds in the order pages offer them.
var ActivityKinds = []string{"inspection", "law_enforcement", "survey", "appraisal"}

// mayKeep reports whether p keeps a township's supervision records: staff
// whose scope covers it.
func mayKeep(p *auth.Principal, township string) bool {
	return p != nil && p.Role.Staff() && p.Covers(township)
}

// checkTownship validates a township-level code the caller keeps; one
// outside the scope looks the same as one that does not exist.
func checkTownship(p *auth.Principal, code string) (string, error) {
	code = strings.TrimSpace(code)
	if code == "" {
		return "", errs.Required("township", "sup.field.township")
	}
	u, ok := jurisdiction.National().Get(code)
	if !ok || !u.Kind.TownshipLevel() || !mayKeep(p, code) {
		return "", errs.Field("township", "unknown_township", "sup.err.township_unknown", code)
	}
	return code, nil
}

func checkDate(field, s string) error {
	if s == "" {
		return errs.Required(field, "sup.field."+field)
	}
	if _, err := time.Parse("2006-01-02", s); err != nil {
		return errs.Field(field, "invalid_date", "err.date_format", s)
	}
	return nil
}

func checkText(field, s string, required bool, max int) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" && required {
		return "", errs.Required(field, "sup.field."+field)
	}
	return s, errs.MaxLen(field, "sup.field."+field, s, max)
}
