-- Roster search and paging, the key that protects ID numbers when no key is
-- configured elsewhere, and uploaded rosters awaiting a commit.

-- The roster is paged in the order staff read it: township, then pinyin.
CREATE INDEX deputies_roster ON deputies (township_code, name_pinyin, id);
CREATE INDEX deputies_initials ON deputies (township_code, name_initials);
CREATE INDEX seats_level ON seats (level, deputy_id);
CREATE INDEX deputy_groups_township ON deputy_groups (township_code, id);
CREATE INDEX stations_township ON stations (township_code, id);
CREATE INDEX station_villages_village ON station_villages (village_code);
CREATE INDEX electoral_district_villages_village ON electoral_district_villages (village_code);

-- Server secrets kept in the database only as a last resort (PostgreSQL
-- without RENDA_SECRET); see internal/deputies/secret.go.
CREATE TABLE app_secrets (
	name TEXT PRIMARY KEY,
	value TEXT NOT NULL,
	created_at BIGINT NOT NULL
);

-- A roster sheet uploaded for preview, kept until it is committed or
-- expires, so that a preview and its commit can land on different servers.
CREATE TABLE roster_uploads (
	id {{id}},
	token TEXT NOT NULL UNIQUE,
	user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	township_code {{code}} NOT NULL REFERENCES jurisdictions (code),
	filename TEXT NOT NULL DEFAULT '',
	content {{blob}} NOT NULL,
	created_at BIGINT NOT NULL
);
CREATE INDEX roster_uploads_created ON roster_uploads (created_at);
