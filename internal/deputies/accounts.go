package deputies

import (
	"context"

	"renda/internal/audit"
	"renda/internal/auth"
	"renda/internal/errs"
	"renda/internal/store"
)

// AccountInput is the username and first password of a new account.
type AccountInput struct {
	Username string `json:"username"`
	Password string `json:"password"`
}

// CreateDeputyAccount gives a deputy an account (role deputy) that sees
// their own profile. The account is scoped to the deputy's township.
func CreateDeputyAccount(ctx context.Context, db *store.DB, svc *auth.Service, p *auth.Principal, deputyID int64, in AccountInput) (*auth.User, error) {
	d, err := forWrite(ctx, db.R, p, deputyID)
	if err != nil {
		return nil, err
	}
	var n int
	if err := db.R.QueryRowContext(ctx, `SELECT COUNT(*) FROM users WHERE deputy_id = $1 AND NOT disabled`, d.ID).Scan(&n); err != nil {
		return nil, err
	}
	if n > 0 {
		return nil, errs.ConflictErr("", "deputy.err.account_exists")
	}
	return svc.CreateUser(ctx, p, auth.NewUser{Username: in.Username, Password: in.Password, DisplayName: d.Name,
		Role: auth.Deputy, Scope: d.Township, DeputyID: d.ID, Phone: d.Phone})
}

// CreateOfficerAccount gives a liaison officer an account (role liaison)
// scoped to their station.
func CreateOfficerAccount(ctx context.Context, db *store.DB, svc *auth.Service, p *auth.Principal, stationID, officerID int64, in AccountInput) (*auth.User, error) {
	s, err := GetStation(ctx, db.R, p, stationID)
	if err != nil {
		return nil, err
	}
	if !writable(p, s.Township) {
		return nil, errs.ForbiddenErr()
	}
	var o *Officer
	for i := range s.Officers {
		if s.Officers[i].ID == officerID {
			o = &s.Officers[i]
		}
	}
	if o == nil {
		return nil, errs.NotFoundErr("deputy.entity_officer")
	}
	if o.UserID != 0 {
		return nil, errs.ConflictErr("", "deputy.err.account_exists")
	}
	u, err := svc.CreateUser(ctx, p, auth.NewUser{Username: in.Username, Password: in.Password, DisplayName: o.Name,
		Role: auth.Liaison, Scope: s.Township, StationID: s.ID, Phone: o.Phone})
	if err != nil {
		return nil, err
	}
	_, err = db.W.ExecContext(ctx, `UPDATE station_officers SET user_id = $1 WHERE id = $2`, u.ID, o.ID)
	if err == nil {
		err = audit.Record(ctx, db.W, p.Actor(ctx), "link_account", "station", s.ID, s.Township, o.Name+" "+u.Username, nil, map[string]any{"officer_id": o.ID, "user_id": u.ID})
	}
	return u, err
}
