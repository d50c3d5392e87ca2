package auth

import (
	"context"
	"database/sql"
	"time"

	"renda/internal/audit"
	"renda/internal/errs"
)

// SetupTTL is how long a first-admin setup link stays valid.
const SetupTTL = 24 * time.Hour

// NewSetupToken makes a one-time token for creating the first admin, when no
// admin exists yet; older unused tokens stop working. It returns "" when an
// admin already exists. A fresh database thus never has a default password.
func (s *Service) NewSetupToken(ctx context.Context) (string, error) {
	has, err := s.HasAdmin(ctx)
	if err != nil || has {
		return "", err
	}
	tok := newToken()
	now := s.now()
	err = s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM setup_tokens WHERE used_at IS NULL`); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO setup_tokens (token_hash, created_at, expires_at) VALUES ($1, $2, $3)`,
			hashToken(tok), now.Unix(), now.Add(SetupTTL).Unix())
		return err
	})
	return tok, err
}

// SetupTokenValid reports whether a setup token can still be used.
func (s *Service) SetupTokenValid(ctx context.Context, token string) bool {
	var n int
	err := s.DB.R.QueryRowContext(ctx, `SELECT COUNT(*) FROM setup_tokens WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2`,
		hashToken(token), s.now().Unix()).Scan(&n)
	return err == nil && n == 1
}

// CompleteSetup creates the first admin with a setup token, which is then
// spent. It fails once any admin exists.
func (s *Service) CompleteSetup(ctx context.Context, token string, in NewUser) (*User, error) {
	in.Role = Admin
	in.Scope = ""
	if err := validateNewUser(ctx, s.DB, SystemPrincipal, &in); err != nil {
		return nil, err
	}
	hash, err := HashPassword(in.Password)
	if err != nil {
		return nil, err
	}
	now := s.now().Unix()
	var u *User
	err = s.DB.Tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE setup_tokens SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1`,
			now, hashToken(token))
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return errs.NotFoundErr("entity.setup_link")
		}
		var admins int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM users WHERE role = 'admin'`).Scan(&admins); err != nil {
			return err
		}
		if admins > 0 {
			return errs.NotFoundErr("entity.setup_link")
		}
		var id int64
		err = tx.QueryRowContext(ctx, `INSERT INTO users
			(username, display_name, password_hash, role, scope_code, disabled, created_at, updated_at, password_changed_at)
			VALUES ($1, $2, $3, 'admin', '', FALSE, $4, $4, $4) RETURNING id`, in.Username, in.DisplayName, hash, now).Scan(&id)
		if err != nil {
			return err
		}
		u = &User{ID: id, Username: in.Username, DisplayName: in.DisplayName, Role: Admin, CreatedAt: now}
		return audit.Record(ctx, tx, audit.By(ctx, 0, "setup"), "create", "user", id, "", in.Username, nil, u)
	})
	return u, err
}
