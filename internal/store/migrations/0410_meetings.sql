-- Congress sessions and presidium meetings (DESIGN.md §7). congress_code is
-- the division whose congress meets (a 镇/乡, or a county); every query is
-- scoped by a range on it.

-- 届: a congress's term, with its dates; a session must fall inside them.
CREATE TABLE congress_terms (
	id {{id}},
	congress_code {{code}} NOT NULL REFERENCES jurisdictions (code),
	name TEXT NOT NULL,
	start_date TEXT NOT NULL,
	end_date TEXT NOT NULL,
	created_at BIGINT NOT NULL,
	UNIQUE (congress_code, name)
);

-- 人代会: 第十八届人民代表大会第三次会议 is term 第十八届, number 3.
CREATE TABLE congress_sessions (
	id {{id}},
	congress_code {{code}} NOT NULL REFERENCES jurisdictions (code),
	term_id BIGINT NOT NULL REFERENCES congress_terms (id),
	number INTEGER NOT NULL,
	start_date TEXT NOT NULL,
	end_date TEXT NOT NULL,
	place TEXT NOT NULL DEFAULT '',
	created_by BIGINT,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL,
	UNIQUE (term_id, number)
);
CREATE INDEX congress_sessions_congress ON congress_sessions (congress_code, start_date);

CREATE TABLE session_agenda (
	session_id BIGINT NOT NULL REFERENCES congress_sessions (id) ON DELETE CASCADE,
	position INTEGER NOT NULL,
	item TEXT NOT NULL,
	PRIMARY KEY (session_id, position)
);

-- Reports heard at the session, kept as documents.
CREATE TABLE session_documents (
	id {{id}},
	session_id BIGINT NOT NULL REFERENCES congress_sessions (id) ON DELETE CASCADE,
	kind TEXT NOT NULL,
	title TEXT NOT NULL,
	body TEXT NOT NULL DEFAULT '',
	created_by BIGINT,
	created_at BIGINT NOT NULL
);
CREATE INDEX session_documents_session ON session_documents (session_id);

-- present, leave or absent.
CREATE TABLE session_attendance (
	session_id BIGINT NOT NULL REFERENCES congress_sessions (id) ON DELETE CASCADE,
	deputy_id BIGINT NOT NULL REFERENCES deputies (id),
	status TEXT NOT NULL,
	reason TEXT NOT NULL DEFAULT '',
	updated_at BIGINT NOT NULL,
	PRIMARY KEY (session_id, deputy_id)
);

CREATE TABLE session_speeches (
	id {{id}},
	session_id BIGINT NOT NULL REFERENCES congress_sessions (id) ON DELETE CASCADE,
	deputy_id BIGINT NOT NULL REFERENCES deputies (id),
	date TEXT NOT NULL,
	topic TEXT NOT NULL,
	summary TEXT NOT NULL DEFAULT '',
	created_at BIGINT NOT NULL
);
CREATE INDEX session_speeches_session ON session_speeches (session_id);

-- Resolutions and decisions with their vote counts; adopted when votes for
-- are more than half of all deputies of the congress (deputies_total).
CREATE TABLE session_resolutions (
	id {{id}},
	session_id BIGINT NOT NULL REFERENCES congress_sessions (id) ON DELETE CASCADE,
	kind TEXT NOT NULL,
	title TEXT NOT NULL,
	votes_for INTEGER NOT NULL,
	votes_against INTEGER NOT NULL,
	votes_abstain INTEGER NOT NULL,
	deputies_total INTEGER NOT NULL,
	adopted BOOLEAN NOT NULL,
	created_at BIGINT NOT NULL
);
CREATE INDEX session_resolutions_session ON session_resolutions (session_id);

-- 主席团会议: regular (quarterly) or extra.
CREATE TABLE presidium_meetings (
	id {{id}},
	township_code {{code}} NOT NULL REFERENCES jurisdictions (code),
	date TEXT NOT NULL,
	kind TEXT NOT NULL DEFAULT 'regular',
	title TEXT NOT NULL,
	agenda TEXT NOT NULL DEFAULT '',
	heard TEXT NOT NULL DEFAULT '',
	decisions TEXT NOT NULL DEFAULT '',
	minutes TEXT NOT NULL DEFAULT '',
	created_by BIGINT,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE INDEX presidium_meetings_township ON presidium_meetings (township_code, date);
