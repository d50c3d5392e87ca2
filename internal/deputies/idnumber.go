package deputies

import (
	"strings"
	"time"
)

// GB 11643 weights of the first 17 digits and the check characters by the
// weighted sum modulo 11.
var (
	idWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	idChecks  = "10X98765432"
)

// NormalizeIDNumber trims spaces and upper-cases the check character.
func NormalizeIDNumber(s string) string {
	return strings.ToUpper(strings.Join(strings.Fields(s), ""))
}

// IDNumberProblem says what is wrong with a resident ID number: "" when it
// is right, "format" (not 18 characters of digits with a digit or X last),
// "birth" (no such birth date) or "check" (wrong check digit).
func IDNumberProblem(id string) string {
	if len(id) != 18 {
		return "format"
	}
	sum := 0
	for i := 0; i < 17; i++ {
		c := id[i]
		if c < '0' || c > '9' {
			return "format"
		}
		sum += int(c-'0') * idWeights[i]
	}
	last := id[17]
	if !(last >= '0' && last <= '9' || last == 'X') {
		return "format"
	}
	if _, ok := IDBirthDate(id); !ok {
		return "birth"
	}
	if idChecks[sum%11] != last {
		return "check"
	}
	return ""
}

// IDBirthDate is the birth date an ID number carries, YYYY-MM-DD.
func IDBirthDate(id string) (string, bool) {
	if len(id) < 14 {
		return "", false
	}
	t, err := time.Parse("20060102", id[6:14])
	if err != nil || t.Year() < 1900 || t.After(time.Now()) {
		return "", false
	}
	return t.Format("2006-01-02"), true
}

// MaskIDNumber keeps the six-digit area code and the last four characters:
// 330111********1234.
func MaskIDNumber(id string) string {
	if len(id) != 18 {
		return strings.Repeat("*", len(id))
	}
	return id[:6] + strings.Repeat("*", 8) + id[14:]
}

// CompleteIDNumber appends the check character to the first 17 digits.
func CompleteIDNumber(first17 string) string {
	sum := 0
	for i := 0; i < 17 && i < len(first17); i++ {
		sum += int(first17[i]-'0') * idWeights[i]
	}
	return first17 + string(idChecks[sum%11])
}
