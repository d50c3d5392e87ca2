-- Published duty points (积分公示, DESIGN.md §4). Staff publish a period's
-- points for their township or county: the figures are kept as published,
-- deputies may ask for a correction until correction_until, staff accept
-- (the deputy's line is worked out again) or refuse with a reason, and then
-- the period is made final and shown on the public pages.
CREATE TABLE duty_periods (
	id {{id}},
	scope_code {{code}} NOT NULL REFERENCES jurisdictions (code),
	year INTEGER NOT NULL,
	half INTEGER NOT NULL DEFAULT 0,
	from_date TEXT NOT NULL,
	to_date TEXT NOT NULL,
	status TEXT NOT NULL DEFAULT 'open',
	correction_until TEXT NOT NULL,
	published_by BIGINT,
	published_at BIGINT NOT NULL,
	final_by BIGINT,
	final_at BIGINT,
	UNIQUE (scope_code, year, half)
);

CREATE TABLE duty_period_items (
	period_id BIGINT NOT NULL REFERENCES duty_periods (id) ON DELETE CASCADE,
	deputy_id BIGINT NOT NULL REFERENCES deputies (id),
	township_code {{code}} NOT NULL,
	name TEXT NOT NULL,
	points REAL NOT NULL,
	rank INTEGER NOT NULL,
	compliant BOOLEAN NOT NULL,
	grade TEXT NOT NULL,
	targets_json TEXT NOT NULL,
	warnings_json TEXT NOT NULL,
	updated_at BIGINT NOT NULL,
	PRIMARY KEY (period_id, deputy_id)
);
CREATE INDEX duty_period_items_deputy ON duty_period_items (deputy_id, period_id);
CREATE INDEX duty_period_items_township ON duty_period_items (township_code, period_id);

CREATE TABLE duty_corrections (
	id {{id}},
	period_id BIGINT NOT NULL REFERENCES duty_periods (id) ON DELETE CASCADE,
	deputy_id BIGINT NOT NULL REFERENCES deputies (id),
	township_code {{code}} NOT NULL,
	reason TEXT NOT NULL,
	status TEXT NOT NULL DEFAULT 'pending',
	answer TEXT NOT NULL DEFAULT '',
	requested_by BIGINT,
	requested_at BIGINT NOT NULL,
	answered_by BIGINT,
	answered_at BIGINT
);
CREATE INDEX duty_corrections_period ON duty_corrections (period_id, status);
CREATE INDEX duty_corrections_township ON duty_corrections (township_code, status);
