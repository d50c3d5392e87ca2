-- Opinions, suggestions and motions and their handling (DESIGN.md §6). One
-- table holds all three kinds because they share the whole handling path —
-- assignment to units, replies, ratings, follow-up and the figures — and the
-- figures must scan one table by index. township_code is where the matter
-- belongs (an opinion's township, a suggestion's lead deputy's township), so
-- every query is scoped by a code range on it.

-- 承办单位: departments, the court, the procuratorate, township governments,
-- street offices. jurisdiction_code is the county or township it serves.
CREATE TABLE units (
	id {{id}},
	jurisdiction_code {{code}} NOT NULL REFERENCES jurisdictions (code),
	name TEXT NOT NULL,
	kind TEXT NOT NULL,
	phone TEXT NOT NULL DEFAULT '',
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL,
	UNIQUE (jurisdiction_code, name)
);

CREATE TABLE cases (
	id {{id}},
	kind TEXT NOT NULL,                 -- opinion, suggestion, motion
	township_code {{code}} NOT NULL REFERENCES jurisdictions (code),
	title TEXT NOT NULL,
	body TEXT NOT NULL,
	status TEXT NOT NULL,
	-- opinions
	channel TEXT NOT NULL DEFAULT '',
	tracking_code TEXT,
	constituent_name TEXT NOT NULL DEFAULT '',
	constituent_phone TEXT NOT NULL DEFAULT '',
	station_id BIGINT REFERENCES stations (id),
	route TEXT NOT NULL DEFAULT '',
	merged_into BIGINT REFERENCES cases (id),
	suggestion_id BIGINT REFERENCES cases (id),
	-- suggestions and motions; session_id points at a congress session
	-- (migration 0400+), kept without a foreign key.
	congress_code {{code}},
	session_id BIGINT,
	number INTEGER,
	lead_deputy_id BIGINT REFERENCES deputies (id),
	hard BOOLEAN NOT NULL DEFAULT FALSE,
	-- handling, kept on the row so lists and figures need no joins
	lead_unit_id BIGINT REFERENCES units (id),
	assigned_at BIGINT,
	due_date TEXT,
	first_reply_at BIGINT,
	reply_at BIGINT,
	grade TEXT,
	satisfaction TEXT,
	rated_at BIGINT,
	rounds INTEGER NOT NULL DEFAULT 0,
	key_leader TEXT NOT NULL DEFAULT '',
	public_reply TEXT NOT NULL DEFAULT '',
	created_by BIGINT,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX cases_tracking ON cases (tracking_code);
CREATE INDEX cases_township ON cases (township_code, id);
CREATE INDEX cases_township_created ON cases (township_code, created_at);
CREATE INDEX cases_township_status ON cases (township_code, status, id);
CREATE INDEX cases_township_kind ON cases (township_code, kind, id);
CREATE INDEX cases_due ON cases (township_code, due_date);
CREATE INDEX cases_unit ON cases (lead_unit_id, id);
CREATE INDEX cases_deputy ON cases (lead_deputy_id, id);
CREATE INDEX cases_station ON cases (station_id, id);
CREATE INDEX cases_merged ON cases (merged_into);
-- Numbers are unique per congress, session (none: recess) and kind.
CREATE UNIQUE INDEX cases_number ON cases (congress_code, COALESCE(session_id, 0), kind, number);

-- Deputies on a case: an opinion's takers, a suggestion's lead and co-signers.
CREATE TABLE case_deputies (
	case_id BIGINT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
	deputy_id BIGINT NOT NULL REFERENCES deputies (id),
	role TEXT NOT NULL,                 -- taker, lead, co
	PRIMARY KEY (case_id, deputy_id)
);
CREATE INDEX case_deputies_deputy ON case_deputies (deputy_id, case_id);

-- Units a case is assigned to (主办, 协办). A returned assignment stays, with
-- returned_at and its reason, and is no longer active.
CREATE TABLE case_units (
	id {{id}},
	case_id BIGINT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
	unit_id BIGINT NOT NULL REFERENCES units (id),
	role TEXT NOT NULL,                 -- lead, co
	assigned_at BIGINT NOT NULL,
	due_date TEXT NOT NULL,
	active BOOLEAN NOT NULL DEFAULT TRUE,
	returned_at BIGINT,
	return_reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX case_units_unit ON case_units (unit_id, active, case_id);
CREATE INDEX case_units_case ON case_units (case_id);

-- Replies, one per round of handling; the rating is the lead deputy's (a
-- suggestion) or the constituent's through the return visit (an opinion).
CREATE TABLE case_replies (
	id {{id}},
	case_id BIGINT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
	unit_id BIGINT NOT NULL REFERENCES units (id),
	round INTEGER NOT NULL,
	grade TEXT NOT NULL,
	text TEXT NOT NULL,
	replied_by BIGINT,
	replied_at BIGINT NOT NULL,
	satisfaction TEXT,
	rating_note TEXT NOT NULL DEFAULT '',
	rated_by BIGINT,
	rated_at BIGINT
);
CREATE INDEX case_replies_case ON case_replies (case_id, id);

-- The history a case shows, also on the public tracking page (public_note
-- only; never names or phones).
CREATE TABLE case_events (
	id {{id}},
	case_id BIGINT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
	at BIGINT NOT NULL,
	action TEXT NOT NULL,
	status TEXT NOT NULL,
	public_note TEXT NOT NULL DEFAULT '',
	actor TEXT NOT NULL DEFAULT ''
);
CREATE INDEX case_events_case ON case_events (case_id, id);

-- A retried public submission with the same Idempotency-Key is stored once.
CREATE TABLE submission_keys (
	key_hash TEXT PRIMARY KEY,
	case_id BIGINT NOT NULL REFERENCES cases (id),
	created_at BIGINT NOT NULL
);

-- Flood limits for public submissions, in the database so every instance
-- shares them: hits per bucket (a client address) per window.
CREATE TABLE submission_limits (
	bucket TEXT PRIMARY KEY,
	window_start BIGINT NOT NULL,
	hits INTEGER NOT NULL
);

-- 督办函 and 督办协调会.
CREATE TABLE followup_letters (
	id {{id}},
	case_id BIGINT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
	unit_id BIGINT NOT NULL REFERENCES units (id),
	number TEXT NOT NULL,
	text TEXT NOT NULL,
	sent_by BIGINT,
	sent_at BIGINT NOT NULL
);
CREATE INDEX followup_letters_case ON followup_letters (case_id);

CREATE TABLE coordination_meetings (
	id {{id}},
	case_id BIGINT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
	held_on TEXT NOT NULL,
	place TEXT NOT NULL DEFAULT '',
	attendees TEXT NOT NULL DEFAULT '',
	minutes TEXT NOT NULL,
	decisions TEXT NOT NULL DEFAULT '',
	created_by BIGINT,
	created_at BIGINT NOT NULL
);
CREATE INDEX coordination_meetings_case ON coordination_meetings (case_id);

-- 建言献策: a themed window, deputies' advice, each adopted or not.
CREATE TABLE campaigns (
	id {{id}},
	township_code {{code}} NOT NULL REFERENCES jurisdictions (code),
	theme TEXT NOT NULL,
	description TEXT NOT NULL DEFAULT '',
	opens_on TEXT NOT NULL,
	closes_on TEXT NOT NULL,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE INDEX campaigns_township ON campaigns (township_code, id);

CREATE TABLE advice (
	id {{id}},
	campaign_id BIGINT NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
	deputy_id BIGINT NOT NULL REFERENCES deputies (id),
	title TEXT NOT NULL,
	body TEXT NOT NULL,
	adopted BOOLEAN NOT NULL DEFAULT FALSE,
	decided_at BIGINT,
	created_at BIGINT NOT NULL
);
CREATE INDEX advice_campaign ON advice (campaign_id, id);
