-- Awards (评优): excellent deputies and advanced groups of a year, proposed
-- from the points and decided by staff. A decided award is part of the
-- deputy's archive.
CREATE TABLE duty_awards (
	id {{id}},
	scope_code {{code}} NOT NULL REFERENCES jurisdictions (code),
	township_code {{code}} NOT NULL,
	year INTEGER NOT NULL,
	kind TEXT NOT NULL,
	deputy_id BIGINT REFERENCES deputies (id),
	group_id BIGINT REFERENCES deputy_groups (id),
	name TEXT NOT NULL,
	points REAL NOT NULL DEFAULT 0,
	status TEXT NOT NULL DEFAULT 'proposed',
	note TEXT NOT NULL DEFAULT '',
	proposed_at BIGINT NOT NULL,
	decided_by BIGINT,
	decided_at BIGINT
);
CREATE UNIQUE INDEX duty_awards_deputy ON duty_awards (year, kind, deputy_id);
CREATE UNIQUE INDEX duty_awards_group ON duty_awards (year, kind, group_id);
CREATE INDEX duty_awards_township ON duty_awards (township_code, year);
