// Package deputies keeps the roster of deputies and their organisation
// (DESIGN.md §2–§3): deputies and their seats, deputy groups and
// delegations, liaison stations with their officers, electoral districts,
// the Excel import and export of rosters, and the public directory.
//
// Every read takes the caller or a scope code and puts the scope in the
// SQL; every write is checked against the caller's role and scope and is
// recorded in the audit log in the same transaction. What lies outside a
// caller's scope is "not found".
//
// ID numbers (身份证号) are never stored in plain text: see secret.go for the
// key, idnumber.go for the checks and the mask.
//
// Other domains read the tables (deputies, seats, deputy_groups, stations,
// station_officers) directly, or call the small API in lookup.go.
package deputies
