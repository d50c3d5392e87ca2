package cases

import (
	"regexp"
	"slices"
	"strings"

	"renda/internal/i18n"
)

// A mainland mobile number, or a landline with its area code.
var phoneRe = regexp.MustCompile(`^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$`)

func validPhone(s string) bool {
	return phoneRe.MatchString(strings.NewReplacer(" ", "", "-", "").Replace(s)) || phoneRe.MatchString(s)
}

func trim(s string) string { return strings.TrimSpace(s) }

// i18nStatus is a status's label for messages.
func i18nStatus(s Status) i18n.Msg { return i18n.M("cases.status." + string(s)) }

// oneOf reports whether s is one of the keys in list.
func oneOf(s string, list []string) bool { return slices.Contains(list, s) }
