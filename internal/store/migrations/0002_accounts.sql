-- Accounts, each scoped to a jurisdiction (and for some roles a station,
-- unit or deputy, whose tables come with their domains).
CREATE TABLE users (
	id {{id}},
	username TEXT NOT NULL UNIQUE,
	display_name TEXT NOT NULL DEFAULT '',
	password_hash TEXT NOT NULL,
	role TEXT NOT NULL,
	scope_code {{code}} NOT NULL DEFAULT '',
	station_id BIGINT,
	unit_id BIGINT,
	deputy_id BIGINT,
	phone TEXT NOT NULL DEFAULT '',
	disabled BOOLEAN NOT NULL DEFAULT FALSE,
	created_by BIGINT,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL,
	password_changed_at BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX users_scope ON users (scope_code, id);

-- Web sessions and API tokens; only a hash of the secret is stored.
CREATE TABLE sessions (
	token_hash TEXT PRIMARY KEY,
	user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	kind TEXT NOT NULL,
	csrf TEXT NOT NULL,
	created_at BIGINT NOT NULL,
	expires_at BIGINT NOT NULL,
	last_seen_at BIGINT NOT NULL,
	user_agent TEXT NOT NULL DEFAULT '',
	ip TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expiry ON sessions (expires_at);

-- Failed logins per username (known or not, so a lockout does not reveal
-- which names exist).
CREATE TABLE login_attempts (
	username TEXT PRIMARY KEY,
	failures INTEGER NOT NULL DEFAULT 0,
	last_failure_at BIGINT NOT NULL DEFAULT 0,
	locked_until BIGINT NOT NULL DEFAULT 0
);

-- One-time links that let the first admin be created on a fresh database.
CREATE TABLE setup_tokens (
	token_hash TEXT PRIMARY KEY,
	created_at BIGINT NOT NULL,
	expires_at BIGINT NOT NULL,
	used_at BIGINT
);
