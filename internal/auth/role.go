// Package auth keeps accounts, passwords, sessions and API tokens, and
// decides what a signed-in user may reach: every account is scoped to a
// jurisdiction, and some also to a station, a handling unit or a deputy.
package auth

// Role is what an account does (DESIGN.md §1). The keys are used in the API
// and on the command line.
type Role string

const (
	Admin    Role = "admin"    // system admin: accounts, backups, health
	County   Role = "county"   // county standing committee staff
	Township Role = "township" // township congress or street working committee staff
	Liaison  Role = "liaison"  // liaison officer of one station
	Deputy   Role = "deputy"   // a deputy: their own profile and records
	Unit     Role = "unit"     // a handling unit: the items assigned to it
)

// Roles lists every role, broadest first.
var Roles = []Role{Admin, County, Township, Liaison, Deputy, Unit}

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	for _, x := range Roles {
		if x == r {
			return true
		}
	}
	return false
}

// Staff reports whether the role works on a jurisdiction's records as a
// whole (county and township staff; the admin sees everything).
func (r Role) Staff() bool { return r == Admin || r == County || r == Township }

// ScopeLengths are the lengths of the division code an account of this role
// may be scoped to: admins to the whole country ("") or a province, county
// staff to a county, township staff to a township-level unit, and the others
// to the township (or county, for units and county deputies) they serve.
func (r Role) ScopeLengths() []int {
	switch r {
	case Admin:
		return []int{0, 2}
	case County:
		return []int{6}
	case Township:
		return []int{9}
	case Liaison:
		return []int{9}
	case Deputy:
		return []int{6, 9}
	case Unit:
		return []int{6, 9}
	}
	return nil
}

// rank orders roles for "may create": a user creates only roles below or
// equal to their own staff role.
func (r Role) rank() int {
	switch r {
	case Admin:
		return 0
	case County:
		return 1
	case Township:
		return 2
	}
	return 3
}
