package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"time"

	"renda/internal/errs"
	"renda/internal/store"
)

// SessionKind tells a browser session from an API token.
type SessionKind string

const (
	WebSession SessionKind = "web"
	APIToken   SessionKind = "api"
)

// Policy holds the session lifetimes and the login throttle.
type Policy struct {
	WebTTL    time.Duration // a browser session lives this long without use
	APITTL    time.Duration // an API token lives this long
	SlowAfter int           // failures after which each attempt is slowed
	Delay     time.Duration // added per failure beyond SlowAfter
	MaxDelay  time.Duration
	LockAfter int           // failures after which the name is locked
	LockFor   time.Duration // how long a lock lasts
}

// DefaultPolicy is what the server runs with.
var DefaultPolicy = Policy{
	WebTTL:    12 * time.Hour,
	APITTL:    30 * 24 * time.Hour,
	SlowAfter: 3,
	Delay:     time.Second,
	MaxDelay:  5 * time.Second,
	LockAfter: 10,
	LockFor:   15 * time.Minute,
}

// Service is the accounts and sessions service.
type Service struct {
	DB     *store.DB
	Policy Policy
	Now    func() time.Time
	Sleep  func(context.Context, time.Duration)
}

// NewService makes a Service with the default policy.
func NewService(db *store.DB) *Service {
	return &Service{DB: db, Policy: DefaultPolicy}
}

func newToken() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

func hashToken(t string) string {
	if t == "" {
		return ""
	}
	h := sha256.Sum256([]byte(t))
	return hex.EncodeToString(h[:])
}

// Session is a signed-in browser or API client.
type Session struct {
	Token     string // the secret, known only to the client after Login
	CSRF      string // the form token bound to a browser session
	Kind      SessionKind
	ExpiresAt time.Time
}

// LoginInput is what a login takes.
type LoginInput struct {
	Username, Password string
	Kind               SessionKind
	UserAgent, IP      string
}

// Login checks the password, honouring the throttle, and opens a session.
// Every failure looks the same to the caller — wrong name, wrong password or
// disabled account — except a lock, which says how long to wait.
func (s *Service) Login(ctx context.Context, in LoginInput) (*Session, *User, error) {
	name := NormalizeUsername(in.Username)
	if name == "" {
		return nil, nil, errs.Required("username", "field.username")
	}
	if in.Password == "" {
		return nil, nil, errs.Required("password", "field.password")
	}
	if err := s.checkLock(ctx, name); err != nil {
		return nil, nil, err
	}
	u, err := s.UserByUsername(ctx, name)
	if err != nil && err != store.ErrNotFound {
		return nil, nil, err
	}
	hash := dummy()
	if u != nil {
		hash = u.hash
	}
	ok, err := CheckPassword(hash, in.Password)
	if err != nil && u != nil {
		return nil, nil, err
	}
	if u == nil || !ok || u.Disabled {
		return nil, nil, s.fail(ctx, name)
	}
	s.clearFailures(ctx, name)
	sess, err := s.openSession(ctx, u, in)
	return sess, u, err
}

func (s *Service) openSession(ctx context.Context, u *User, in LoginInput) (*Session, error) {
	kind := in.Kind
	if kind == "" {
		kind = WebSession
	}
	ttl := s.Policy.WebTTL
	if kind == APIToken {
		ttl = s.Policy.APITTL
	}
	now := s.now()
	sess := &Session{Token: newToken(), CSRF: newToken(), Kind: kind, ExpiresAt: now.Add(ttl)}
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO sessions (token_hash, user_id, kind, csrf, created_at, expires_at, last_seen_at, user_agent, ip)
			VALUES ($1, $2, $3, $4, $5, $6, $5, $7, $8)`,
			hashToken(sess.Token), u.ID, string(kind), sess.CSRF, now.Unix(), sess.ExpiresAt.Unix(), truncate(in.UserAgent, 200), in.IP); err != nil {
			return err
		}
		// Expired sessions go away as new ones come, so the table stays small
		// without a background job.
		_, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE expires_at < $1`, now.Unix())
		return err
	})
	return sess, err
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// Authenticate returns the principal behind a token of the given kind, and
// the session's CSRF token. A web session's life is extended as it is used.
func (s *Service) Authenticate(ctx context.Context, token string, kind SessionKind) (*Principal, string, error) {
	if token == "" {
		return nil, "", errs.New(errs.Unauthorized, "unauthorized", "", "err.unauthorized")
	}
	h := hashToken(token)
	var csrf string
	var expires, seen int64
	row := s.DB.R.QueryRowContext(ctx, `SELECT s.csrf, s.expires_at, s.last_seen_at, `+userColsJoined+`
		FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1 AND s.kind = $2`, h, string(kind))
	var u User
	var st, un, dp sql.NullInt64
	err := row.Scan(&csrf, &expires, &seen, &u.ID, &u.Username, &u.DisplayName, &u.hash, &u.Role, &u.Scope, &st, &un, &dp, &u.Phone, &u.Disabled, &u.CreatedAt)
	now := s.now()
	if err == sql.ErrNoRows || (err == nil && (expires < now.Unix() || u.Disabled)) {
		return nil, "", errs.New(errs.Unauthorized, "unauthorized", "", "err.unauthorized")
	}
	if err != nil {
		return nil, "", err
	}
	u.StationID, u.UnitID, u.DeputyID = st.Int64, un.Int64, dp.Int64
	if kind == WebSession && now.Unix()-seen > 60 {
		// Sliding expiry, written at most once a minute per session.
		_, _ = s.DB.W.ExecContext(ctx, `UPDATE sessions SET last_seen_at = $1, expires_at = $2 WHERE token_hash = $3`,
			now.Unix(), now.Add(s.Policy.WebTTL).Unix(), h)
	}
	return u.Principal(), csrf, nil
}

// Logout ends the session with this token.
func (s *Service) Logout(ctx context.Context, token string) error {
	_, err := s.DB.W.ExecContext(ctx, `DELETE FROM sessions WHERE token_hash = $1`, hashToken(token))
	return err
}
