-- Duty settings, absences and the covering index assessments scan
-- (DESIGN.md §4). Settings are per county per year: weight.<kind>,
-- target.<key>, grade.<grade> and correction_days; a missing row means the
-- default of DESIGN.md §4.
CREATE TABLE duty_settings (
	county_code {{code}} NOT NULL REFERENCES jurisdictions (code),
	year INTEGER NOT NULL,
	key TEXT NOT NULL,
	value REAL NOT NULL,
	updated_by BIGINT,
	updated_at BIGINT NOT NULL,
	PRIMARY KEY (county_code, year, key)
);

-- Absence from a session or meeting; without leave it raises the
-- absent_meetings warning. Meetings record these through
-- duties.RecordAbsence; staff may record them by hand.
CREATE TABLE duty_absences (
	id {{id}},
	deputy_id BIGINT NOT NULL REFERENCES deputies (id),
	township_code {{code}} NOT NULL REFERENCES jurisdictions (code),
	date TEXT NOT NULL,
	meeting TEXT NOT NULL,
	with_leave BOOLEAN NOT NULL DEFAULT FALSE,
	source TEXT NOT NULL DEFAULT 'staff',
	source_id BIGINT,
	recorded_by BIGINT,
	created_at BIGINT NOT NULL
);
CREATE INDEX duty_absences_township ON duty_absences (township_code, date);
CREATE INDEX duty_absences_deputy ON duty_absences (deputy_id, date);

-- An assessment reads only this index: a township's confirmed records of a
-- year, grouped by deputy and kind.
CREATE INDEX duty_records_assess ON duty_records (township_code, status, date, deputy_id, kind, days, count);
CREATE INDEX duty_records_status ON duty_records (township_code, status, id);
