-- Reports to constituents (向选民述职): scheduled by staff, the report
-- attached, the constituents' anonymous rating collected as paper ballots
-- entered in batches or online with a one-time code per ballot. A held
-- report becomes a duty record (source 'report').
CREATE TABLE constituent_reports (
	id {{id}},
	deputy_id BIGINT NOT NULL REFERENCES deputies (id),
	township_code {{code}} NOT NULL REFERENCES jurisdictions (code),
	scheduled_at BIGINT NOT NULL,
	place TEXT NOT NULL,
	audience TEXT NOT NULL DEFAULT '',
	status TEXT NOT NULL DEFAULT 'scheduled',
	report_text TEXT NOT NULL DEFAULT '',
	held_date TEXT NOT NULL DEFAULT '',
	created_by BIGINT,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE INDEX constituent_reports_township ON constituent_reports (township_code, scheduled_at);
CREATE INDEX constituent_reports_deputy ON constituent_reports (deputy_id, scheduled_at);

-- Paper ballots, counted and entered by staff one batch at a time.
CREATE TABLE report_ballot_batches (
	id {{id}},
	report_id BIGINT NOT NULL REFERENCES constituent_reports (id) ON DELETE CASCADE,
	satisfied INTEGER NOT NULL,
	basic INTEGER NOT NULL,
	unsatisfied INTEGER NOT NULL,
	entered_by BIGINT,
	entered_at BIGINT NOT NULL
);
CREATE INDEX report_ballot_batches_report ON report_ballot_batches (report_id);

-- One-time codes handed out at the meeting; a code holds no name, and once
-- used it keeps only the rating.
CREATE TABLE report_codes (
	code TEXT PRIMARY KEY,
	report_id BIGINT NOT NULL REFERENCES constituent_reports (id) ON DELETE CASCADE,
	rating TEXT,
	used_at BIGINT,
	created_at BIGINT NOT NULL
);
CREATE INDEX report_codes_report ON report_codes (report_id);
