// Package jurisdiction knows China's division units, from provinces down to
// villages, with their kinds and parents. Provinces to townships are embedded
// from the national statistical table; villages are imported on demand.
package jurisdiction

import (
	"fmt"
	"strings"
)

// Kind is what sort of unit a jurisdiction is.
type Kind string

const (
	Province  Kind = "province"
	City      Kind = "city"
	County    Kind = "county"
	Town      Kind = "town"      // 镇
	Township  Kind = "township"  // 乡, 民族乡, 苏木
	Street    Kind = "street"    // 街道
	Other     Kind = "other"     // other township-level units: 开发区, 农场, 林场…
	Village   Kind = "village"   // 村委会
	Community Kind = "community" // 社区, 居委会
)

// Kinds lists every kind in order from the top of the tree.
var Kinds = []Kind{Province, City, County, Town, Township, Street, Other, Village, Community}

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool {
	for _, x := range Kinds {
		if x == k {
			return true
		}
	}
	return false
}

// HasCongress reports whether a unit of this kind elects its own people's
// congress. A 街道 has none: its deputies belong to the district congress.
func (k Kind) HasCongress() bool {
	switch k {
	case Province, City, County, Town, Township:
		return true
	}
	return false
}

// TownshipLevel reports whether k is one of the township-level kinds.
func (k Kind) TownshipLevel() bool {
	return k == Town || k == Township || k == Street || k == Other
}

// Level is the depth of a code: 1 province, 2 city, 3 county, 4 township,
// 5 village.
func Level(code string) int {
	switch len(code) {
	case 2:
		return 1
	case 4:
		return 2
	case 6:
		return 3
	case 9:
		return 4
	case 12:
		return 5
	}
	return 0
}

// ParentCode is the code of the unit above; empty for a province.
func ParentCode(code string) string {
	switch len(code) {
	case 4:
		return code[:2]
	case 6:
		return code[:4]
	case 9:
		return code[:6]
	case 12:
		return code[:9]
	}
	return ""
}

// CodeError says why a string is not a division code.
type CodeError struct{ Code string }

func (e *CodeError) Error() string { return fmt.Sprintf("invalid division code %q", e.Code) }

// Normalize accepts a division code as people write it — 2, 4, 6, 9 or 12
// digits, or the 12-digit statistical form padded with zeros
// (330111000000 for 富阳区) — and returns its short form.
func Normalize(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", &CodeError{s}
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return "", &CodeError{s}
		}
	}
	switch len(s) {
	case 2, 4, 6, 9:
		return s, nil
	case 12:
		switch {
		case s[2:] == "0000000000":
			return s[:2], nil
		case s[4:] == "00000000":
			return s[:4], nil
		case s[6:] == "000000":
			return s[:6], nil
		case s[9:] == "000":
			return s[:9], nil
		}
		return s, nil
	}
	return "", &CodeError{s}
}

// townshipKind decides the kind of a township-level unit: by its name's
// ending where that is plain, otherwise by the GB/T 10114 range of the
// code's last three digits.
func townshipKind(code, name string) Kind {
	switch {
	case strings.HasSuffix(name, "街道"), strings.HasSuffix(name, "街道办事处"):
		return Street
	case strings.HasSuffix(name, "镇"):
		return Town
	case strings.HasSuffix(name, "乡"), strings.HasSuffix(name, "苏木"):
		return Township
	}
	n := 0
	if len(code) == 9 {
		fmt.Sscanf(code[6:], "%d", &n)
	}
	switch {
	case n >= 1 && n < 100:
		return Street
	case n >= 100 && n < 200:
		return Town
	case n >= 200 && n < 400:
		return Township
	}
	return Other
}

// villageKind tells a village committee (村委会) from a residents'
// committee or community (居委会, 社区).
func villageKind(name string) Kind {
	if strings.Contains(name, "居委会") || strings.Contains(name, "居民委员会") || strings.HasSuffix(name, "社区") {
		return Community
	}
	return Village
}

// KindOf decides the kind of the unit with this code and name.
func KindOf(code, name string) Kind {
	switch len(code) {
	case 2:
		return Province
	case 4:
		return City
	case 6:
		return County
	case 9:
		return townshipKind(code, name)
	}
	return villageKind(name)
}
