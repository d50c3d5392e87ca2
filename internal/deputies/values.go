package deputies

import (
	"strconv"
	"strings"
)

// Level is the level of a congress a seat belongs to (五级代表).
type Level string

const (
	National Level = "national"
	Province Level = "province"
	City     Level = "city"
	County   Level = "county"
	Township Level = "township"
)

// Levels lists the levels from the top.
var Levels = []Level{National, Province, City, County, Township}

// Valid reports whether l is a known level.
func (l Level) Valid() bool {
	for _, x := range Levels {
		if x == l {
			return true
		}
	}
	return false
}

// CongressOf is the congress a seat of this level belongs to for a deputy
// organised in a township-level unit. A national deputy is elected by a
// province's congress, so the province stands for the congress there.
func (l Level) CongressOf(township string) string {
	switch l {
	case National, Province:
		return township[:2]
	case City:
		return township[:4]
	case County:
		return township[:6]
	}
	return township
}

// ParseLevelLabel reads a level as people write it in a roster sheet:
// 全国, 省级, 市级, 县级 (区级), 乡镇级 (乡级, 镇级), or the API key.
func ParseLevelLabel(s string) (Level, bool) {
	s = strings.TrimSpace(s)
	s = strings.TrimSuffix(s, "人大代表")
	s = strings.TrimSuffix(s, "代表")
	switch strings.ToLower(s) {
	case "全国", "全国级", "全国人大", "national":
		return National, true
	case "省级", "省", "省人大", "province":
		return Province, true
	case "市级", "市", "市人大", "city":
		return City, true
	case "县级", "区级", "县", "区", "县区级", "县（区）级", "county":
		return County, true
	case "乡镇级", "乡级", "镇级", "乡镇", "乡", "镇", "township":
		return Township, true
	}
	return "", false
}

// Status is the state of a seat.
type Status string

const (
	Serving    Status = "serving"    // 在任
	Resigned   Status = "resigned"   // 辞职
	Recalled   Status = "recalled"   // 罢免
	Terminated Status = "terminated" // 终止
)

// Statuses lists every status.
var Statuses = []Status{Serving, Resigned, Recalled, Terminated}

// Valid reports whether s is a known status.
func (s Status) Valid() bool {
	for _, x := range Statuses {
		if x == s {
			return true
		}
	}
	return false
}

// Gender is male or female.
type Gender string

const (
	Male   Gender = "male"
	Female Gender = "female"
)

// ParseGender reads 男/女 or the API key.
func ParseGender(s string) (Gender, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "男", "male", "m":
		return Male, true
	case "女", "female", "f":
		return Female, true
	}
	return "", false
}

// GroupKind tells a deputy group (代表小组) from a delegation (代表团/联组).
type GroupKind string

const (
	Group      GroupKind = "group"
	Delegation GroupKind = "delegation"
)

// Valid reports whether k is a known kind.
func (k GroupKind) Valid() bool { return k == Group || k == Delegation }

func itoa(n int) string { return strconv.Itoa(n) }
