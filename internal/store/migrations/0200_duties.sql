-- Duty records (履职登记, DESIGN.md §4). township_code is the deputy's, kept
-- here so that assessments scan one township's records by index. A record
-- counts only when status is 'confirmed'. source says who made it: the
-- deputy, staff, or a part of the platform that implies it (a reception, a
-- suggestion, a session…), with source_id pointing at that thing.
CREATE TABLE duty_records (
	id {{id}},
	deputy_id BIGINT NOT NULL REFERENCES deputies (id),
	township_code {{code}} NOT NULL REFERENCES jurisdictions (code),
	kind TEXT NOT NULL,
	date TEXT NOT NULL,
	days REAL NOT NULL DEFAULT 0,
	count INTEGER NOT NULL DEFAULT 0,
	title TEXT NOT NULL DEFAULT '',
	place TEXT NOT NULL DEFAULT '',
	note TEXT NOT NULL DEFAULT '',
	status TEXT NOT NULL DEFAULT 'pending',
	return_reason TEXT NOT NULL DEFAULT '',
	source TEXT NOT NULL DEFAULT 'staff',
	source_id BIGINT,
	recorded_by BIGINT,
	confirmed_by BIGINT,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE INDEX duty_records_township ON duty_records (township_code, date);
CREATE INDEX duty_records_deputy ON duty_records (deputy_id, date);
CREATE UNIQUE INDEX duty_records_source ON duty_records (source, source_id, deputy_id, kind);
