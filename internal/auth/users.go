package auth

import (
	"context"
	"database/sql"
	"regexp"
	"strconv"
	"strings"
	"time"

	"renda/internal/audit"
	"renda/internal/errs"
	"renda/internal/i18n"
	"renda/internal/jurisdiction"
	"renda/internal/store"
)

// User is an account.
type User struct {
	ID          int64  `json:"id"`
	Username    string `json:"username"`
	DisplayName string `json:"display_name"`
	Role        Role   `json:"role"`
	Scope       string `json:"scope"`
	StationID   int64  `json:"station_id,omitempty"`
	UnitID      int64  `json:"unit_id,omitempty"`
	DeputyID    int64  `json:"deputy_id,omitempty"`
	Phone       string `json:"phone,omitempty"`
	Disabled    bool   `json:"disabled"`
	CreatedAt   int64  `json:"created_at"`
	hash        string
}

// Principal is the principal a session of this user acts as.
func (u *User) Principal() *Principal {
	return &Principal{UserID: u.ID, Username: u.Username, Name: u.DisplayName, Role: u.Role, Scope: u.Scope,
		StationID: u.StationID, UnitID: u.UnitID, DeputyID: u.DeputyID}
}

// NewUser is what creating an account takes.
type NewUser struct {
	Username    string `json:"username"`
	Password    string `json:"password"`
	DisplayName string `json:"display_name"`
	Role        Role   `json:"role"`
	Scope       string `json:"scope"`
	StationID   int64  `json:"station_id"`
	UnitID      int64  `json:"unit_id"`
	DeputyID    int64  `json:"deputy_id"`
	Phone       string `json:"phone"`
}

var usernameRe = regexp.MustCompile(`^[a-z0-9][a-z0-9_.-]{1,31}$`)

// NormalizeUsername lowercases and trims a username.
func NormalizeUsername(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// CheckPasswordStrength refuses passwords that are too short or all one kind.
func CheckPasswordStrength(field, pw string) error {
	if pw == "" {
		return errs.Required(field, "field.password")
	}
	if len([]rune(pw)) < MinPasswordLength {
		return errs.Field(field, "too_short", "err.password_short", MinPasswordLength)
	}
	return nil
}

const (
	userCols       = `id, username, display_name, password_hash, role, scope_code, station_id, unit_id, deputy_id, phone, disabled, created_at`
	userColsJoined = `u.id, u.username, u.display_name, u.password_hash, u.role, u.scope_code, u.station_id, u.unit_id, u.deputy_id, u.phone, u.disabled, u.created_at`
)

func scanUser(row interface{ Scan(...any) error }) (*User, error) {
	var u User
	var st, un, dp sql.NullInt64
	err := row.Scan(&u.ID, &u.Username, &u.DisplayName, &u.hash, &u.Role, &u.Scope, &st, &un, &dp, &u.Phone, &u.Disabled, &u.CreatedAt)
	if err != nil {
		return nil, store.NotFound(err)
	}
	u.StationID, u.UnitID, u.DeputyID = st.Int64, un.Int64, dp.Int64
	return &u, nil
}

// validateNewUser checks every field and the actor's right to hand out the
// role in that scope.
func validateNewUser(ctx context.Context, db *store.DB, actor *Principal, in *NewUser) error {
	in.Username = NormalizeUsername(in.Username)
	in.DisplayName = strings.TrimSpace(in.DisplayName)
	if in.Username == "" {
		return errs.Required("username", "field.username")
	}
	if !usernameRe.MatchString(in.Username) {
		return errs.Field("username", "invalid_username", "err.username_format")
	}
	if err := CheckPasswordStrength("password", in.Password); err != nil {
		return err
	}
	if in.Role == "" {
		return errs.Required("role", "field.role")
	}
	if !in.Role.Valid() {
		return errs.Field("role", "invalid_role", "err.role_unknown", string(in.Role))
	}
	if len([]rune(in.DisplayName)) > 50 {
		return errs.TooLong("display_name", "field.display_name", 50)
	}
	scope := strings.TrimSpace(in.Scope)
	if scope != "" || in.Role != Admin {
		code, err := jurisdiction.Normalize(scope)
		if err != nil {
			return errs.Field("scope", "invalid_code", "err.code_format")
		}
		scope = code
	}
	okLen := false
	for _, n := range in.Role.ScopeLengths() {
		if len(scope) == n {
			okLen = true
		}
	}
	if !okLen {
		return errs.Field("scope", "scope_level", "err.scope_level", i18n.M("role."+string(in.Role)))
	}
	if scope != "" {
		if _, err := jurisdiction.Get(ctx, db.R, scope); err != nil {
			if err == store.ErrNotFound {
				return errs.Field("scope", "unknown_code", "err.code_unknown", scope)
			}
			return err
		}
	}
	in.Scope = scope
	if !actor.MayManage(in.Role, scope) {
		if actor.Covers(scope) {
			return errs.ForbiddenErr()
		}
		return errs.Field("scope", "out_of_scope", "err.scope_outside")
	}
	return nil
}

// CreateUser adds an account after checking the actor may create it.
func (s *Service) CreateUser(ctx context.Context, actor *Principal, in NewUser) (*User, error) {
	if err := validateNewUser(ctx, s.DB, actor, &in); err != nil {
		return nil, err
	}
	hash, err := HashPassword(in.Password)
	if err != nil {
		return nil, err
	}
	now := s.now().Unix()
	var u *User
	err = s.DB.Tx(ctx, func(tx *sql.Tx) error {
		var id int64
		err := tx.QueryRowContext(ctx, `INSERT INTO users
			(username, display_name, password_hash, role, scope_code, station_id, unit_id, deputy_id, phone, disabled, created_by, created_at, updated_at, password_changed_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, FALSE, $10, $11, $11, $11) RETURNING id`,
			in.Username, in.DisplayName, hash, string(in.Role), in.Scope, store.NullID(in.StationID), store.NullID(in.UnitID),
			store.NullID(in.DeputyID), in.Phone, store.NullID(actor.UserID), now).Scan(&id)
		if store.IsUniqueViolation(err) {
			return errs.ConflictErr("username", "err.username_taken", in.Username)
		}
		if err != nil {
			return err
		}
		u = &User{ID: id, Username: in.Username, DisplayName: in.DisplayName, Role: in.Role, Scope: in.Scope,
			StationID: in.StationID, UnitID: in.UnitID, DeputyID: in.DeputyID, Phone: in.Phone, CreatedAt: now}
		return audit.Record(ctx, tx, actor.Actor(ctx), "create", "user", id, in.Scope, in.Username, nil, u)
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}

// GetUser returns an account the actor may see (their own, or one in a
// scope they manage); anything else is not found.
func (s *Service) GetUser(ctx context.Context, actor *Principal, id int64) (*User, error) {
	u, err := scanUser(s.DB.R.QueryRowContext(ctx, `SELECT `+userCols+` FROM users WHERE id = $1`, id))
	if err != nil {
		if err == store.ErrNotFound {
			return nil, errs.NotFoundErr("entity.user")
		}
		return nil, err
	}
	if u.ID != actor.UserID && !(actor.Role.Staff() && actor.Covers(u.Scope)) {
		return nil, errs.NotFoundErr("entity.user")
	}
	return u, nil
}

// UserByUsername looks an account up without a scope check (login, CLI).
func (s *Service) UserByUsername(ctx context.Context, username string) (*User, error) {
	return scanUser(s.DB.R.QueryRowContext(ctx, `SELECT `+userCols+` FROM users WHERE username = $1`, NormalizeUsername(username)))
}

// UserFilter narrows ListUsers.
type UserFilter struct {
	Role  Role
	Scope string // within the actor's scope
	Query string // part of username or display name
	After int64
	Limit int
}

// ListUsers lists the accounts within the actor's scope, by id.
func (s *Service) ListUsers(ctx context.Context, actor *Principal, f UserFilter) ([]*User, int64, error) {
	if !actor.Role.Staff() {
		return nil, 0, errs.ForbiddenErr()
	}
	scope := actor.Scope
	if f.Scope != "" {
		if !actor.Covers(f.Scope) {
			return nil, 0, nil
		}
		scope = f.Scope
	}
	lo, hi := store.PrefixRange(scope)
	q := `SELECT ` + userCols + ` FROM users WHERE scope_code >= $1 AND scope_code < $2 AND id > $3`
	args := []any{lo, hi, f.After}
	if f.Role != "" {
		args = append(args, string(f.Role))
		q += ` AND role = $` + strconv.Itoa(len(args))
	}
	if f.Query != "" {
		args = append(args, store.LikeContains(strings.ToLower(f.Query)))
		n := strconv.Itoa(len(args))
		q += ` AND (username LIKE $` + n + ` ESCAPE '\' OR LOWER(display_name) LIKE $` + n + ` ESCAPE '\')`
	}
	limit := f.Limit
	if limit <= 0 || limit > 200 {
		limit = 50
	}
	args = append(args, limit+1)
	q += ` ORDER BY id LIMIT $` + strconv.Itoa(len(args))
	rows, err := s.DB.R.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []*User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, u)
	}
	var next int64
	if len(out) > limit {
		out = out[:limit]
		next = out[limit-1].ID
	}
	return out, next, rows.Err()
}

// managedUser loads an account the actor may manage, in a transaction.
func managedUser(ctx context.Context, tx *sql.Tx, actor *Principal, id int64) (*User, error) {
	u, err := scanUser(tx.QueryRowContext(ctx, `SELECT `+userCols+` FROM users WHERE id = $1`, id))
	if err == store.ErrNotFound || (err == nil && !actor.Covers(u.Scope)) {
		return nil, errs.NotFoundErr("entity.user")
	}
	if err != nil {
		return nil, err
	}
	if !actor.MayManage(u.Role, u.Scope) || u.ID == actor.UserID {
		return nil, errs.ForbiddenErr()
	}
	return u, nil
}

// SetDisabled disables or re-enables an account; disabling ends its sessions.
func (s *Service) SetDisabled(ctx context.Context, actor *Principal, id int64, disabled bool) (*User, error) {
	var out *User
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		u, err := managedUser(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		before := *u
		if _, err := tx.ExecContext(ctx, `UPDATE users SET disabled = $1, updated_at = $2 WHERE id = $3`, disabled, s.now().Unix(), id); err != nil {
			return err
		}
		if disabled {
			if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1`, id); err != nil {
				return err
			}
		}
		u.Disabled = disabled
		out = u
		action := "enable"
		if disabled {
			action = "disable"
		}
		return audit.Record(ctx, tx, actor.Actor(ctx), action, "user", id, u.Scope, u.Username,
			map[string]bool{"disabled": before.Disabled}, map[string]bool{"disabled": disabled})
	})
	return out, err
}

// ResetPassword sets a new password on an account the actor manages and ends
// its sessions.
func (s *Service) ResetPassword(ctx context.Context, actor *Principal, id int64, password string) error {
	if err := CheckPasswordStrength("password", password); err != nil {
		return err
	}
	hash, err := HashPassword(password)
	if err != nil {
		return err
	}
	return s.DB.Tx(ctx, func(tx *sql.Tx) error {
		u, err := managedUser(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		return s.setPassword(ctx, tx, actor, u, hash, "reset_password", "")
	})
}

// ChangePassword lets a user change their own password, proving the old one.
// Their other sessions end; the one whose token is keepToken stays.
func (s *Service) ChangePassword(ctx context.Context, actor *Principal, old, password, keepToken string) error {
	if old == "" {
		return errs.Required("old_password", "field.old_password")
	}
	if err := CheckPasswordStrength("new_password", password); err != nil {
		return err
	}
	if old == password {
		return errs.Field("new_password", "same_password", "err.password_same")
	}
	return s.DB.Tx(ctx, func(tx *sql.Tx) error {
		u, err := scanUser(tx.QueryRowContext(ctx, `SELECT `+userCols+` FROM users WHERE id = $1`, actor.UserID))
		if err != nil {
			return err
		}
		ok, err := CheckPassword(u.hash, old)
		if err != nil {
			return err
		}
		if !ok {
			return errs.Field("old_password", "wrong_password", "err.password_wrong")
		}
		hash, err := HashPassword(password)
		if err != nil {
			return err
		}
		return s.setPassword(ctx, tx, actor, u, hash, "change_password", hashToken(keepToken))
	})
}

// setPassword stores a new hash and ends the account's sessions but the one
// whose token hash is keep.
func (s *Service) setPassword(ctx context.Context, tx *sql.Tx, actor *Principal, u *User, hash, action, keep string) error {
	now := s.now().Unix()
	if _, err := tx.ExecContext(ctx, `UPDATE users SET password_hash = $1, password_changed_at = $2, updated_at = $2 WHERE id = $3`, hash, now, u.ID); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2`, u.ID, keep); err != nil {
		return err
	}
	return audit.Record(ctx, tx, actor.Actor(ctx), action, "user", u.ID, u.Scope, u.Username, nil, nil)
}

// CountUsers counts the enabled accounts in a scope, by role.
func (s *Service) CountUsers(ctx context.Context, scope string) (map[Role]int, error) {
	lo, hi := store.PrefixRange(scope)
	rows, err := s.DB.R.QueryContext(ctx, `SELECT role, COUNT(*) FROM users
		WHERE scope_code >= $1 AND scope_code < $2 AND NOT disabled GROUP BY role`, lo, hi)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[Role]int{}
	for rows.Next() {
		var r Role
		var n int
		if err := rows.Scan(&r, &n); err != nil {
			return nil, err
		}
		out[r] = n
	}
	return out, rows.Err()
}

// HasAdmin reports whether any enabled admin account exists.
func (s *Service) HasAdmin(ctx context.Context) (bool, error) {
	var n int
	err := s.DB.R.QueryRowContext(ctx, `SELECT COUNT(*) FROM users WHERE role = 'admin' AND NOT disabled`).Scan(&n)
	return n > 0, err
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}
