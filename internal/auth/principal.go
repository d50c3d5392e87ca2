package auth

import (
	"context"
	"strings"

	"renda/internal/audit"
)

// Principal is the signed-in user a request acts for.
type Principal struct {
	UserID    int64
	Username  string
	Name      string
	Role      Role
	Scope     string // division code; "" is the whole country
	StationID int64
	UnitID    int64
	DeputyID  int64
}

// SystemPrincipal acts for the command line and the platform itself.
var SystemPrincipal = &Principal{Username: "system", Name: "system", Role: Admin}

// Covers reports whether a division code lies within the principal's scope.
func (p *Principal) Covers(code string) bool {
	return p != nil && strings.HasPrefix(code, p.Scope)
}

// Is reports whether the principal has one of the roles.
func (p *Principal) Is(roles ...Role) bool {
	if p == nil {
		return false
	}
	for _, r := range roles {
		if p.Role == r {
			return true
		}
	}
	return false
}

// DisplayName is the name shown in the page header.
func (p *Principal) DisplayName() string {
	if p.Name != "" {
		return p.Name
	}
	return p.Username
}

// MayManage reports whether the principal may create, disable or reset an
// account of role r scoped to code: admins anywhere; county staff within
// their county; township staff the liaison officers and deputies of their
// township. Nobody hands out a role above their own.
func (p *Principal) MayManage(r Role, code string) bool {
	if p == nil || !p.Covers(code) {
		return false
	}
	switch p.Role {
	case Admin:
		return true
	case County:
		return r != Admin
	case Township:
		return r == Liaison || r == Deputy
	}
	return false
}

// Actor is the principal as the audit log names them, in the request of ctx.
func (p *Principal) Actor(ctx context.Context) audit.Actor {
	return audit.By(ctx, p.UserID, p.Username)
}
