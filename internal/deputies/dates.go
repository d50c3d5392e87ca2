package deputies

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// dateRe matches the ways people type a date: 1975-03-02, 1975/3/2,
// 1975.3.2, 1975年3月2日 (the 日 may be missing).
var dateRe = regexp.MustCompile(`^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$`)

// ParseDate reads a date in any of the forms people type or Excel stores
// (a date cell is a serial number of days) and returns YYYY-MM-DD.
func ParseDate(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", false
	}
	if m := dateRe.FindStringSubmatch(s); m != nil {
		return ymd(m[1], m[2], m[3])
	}
	if len(s) == 8 && isDigits(s) { // 19750302
		return ymd(s[:4], s[4:6], s[6:])
	}
	if serial, err := strconv.ParseFloat(s, 64); err == nil && serial > 0 && serial < 2958466 {
		// Excel's day 1 is 1900-01-01 and it counts a 29 February 1900 that
		// never was, so days from 61 on are one too many.
		days := int(math.Floor(serial))
		base := time.Date(1899, 12, 31, 0, 0, 0, 0, time.UTC)
		if days >= 61 {
			days--
		}
		return base.AddDate(0, 0, days).Format("2006-01-02"), true
	}
	return "", false
}

func ymd(y, m, d string) (string, bool) {
	yi, _ := strconv.Atoi(y)
	mi, _ := strconv.Atoi(m)
	di, _ := strconv.Atoi(d)
	t := time.Date(yi, time.Month(mi), di, 0, 0, 0, 0, time.UTC)
	if t.Year() != yi || int(t.Month()) != mi || t.Day() != di || yi < 1900 {
		return "", false
	}
	return t.Format("2006-01-02"), true
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// ValidPhone reports whether s is a mainland mobile number: 11 digits
// starting with 1.
func ValidPhone(s string) bool {
	return len(s) == 11 && s[0] == '1' && s[1] >= '3' && isDigits(s)
}

// NormalizePhone drops spaces, dashes and a +86 or 86 prefix.
func NormalizePhone(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' || r == '\u00a0' {
			return -1
		}
		return r
	}, strings.TrimSpace(s))
	s = strings.TrimPrefix(s, "+86")
	if len(s) == 13 && strings.HasPrefix(s, "86") {
		s = s[2:]
	}
	return s
}
