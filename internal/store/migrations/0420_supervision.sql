-- Supervision (DESIGN.md §7–§8): the annual plan of topics, activities
-- (inspection, law-enforcement inspection, survey, appraisal) with their
-- participants, recommendations and the government's rectification until
-- each is closed; ratings and appraisals; the township's annual work plan.
-- Every table carries township_code for scoping.

CREATE TABLE supervision_topics (
	id {{id}},
	township_code {{code}} NOT NULL REFERENCES jurisdictions (code),
	year INTEGER NOT NULL,
	kind TEXT NOT NULL,
	topic TEXT NOT NULL,
	month INTEGER NOT NULL DEFAULT 0,
	created_at BIGINT NOT NULL
);
CREATE INDEX supervision_topics_township ON supervision_topics (township_code, year);

CREATE TABLE supervision_activities (
	id {{id}},
	township_code {{code}} NOT NULL REFERENCES jurisdictions (code),
	topic_id BIGINT REFERENCES supervision_topics (id),
	kind TEXT NOT NULL,
	title TEXT NOT NULL,
	date TEXT NOT NULL,
	laws TEXT NOT NULL DEFAULT '',
	findings TEXT NOT NULL DEFAULT '',
	created_by BIGINT,
	created_at BIGINT NOT NULL
);
CREATE INDEX supervision_activities_township ON supervision_activities (township_code, date);

CREATE TABLE supervision_participants (
	activity_id BIGINT NOT NULL REFERENCES supervision_activities (id) ON DELETE CASCADE,
	deputy_id BIGINT NOT NULL REFERENCES deputies (id),
	PRIMARY KEY (activity_id, deputy_id)
);

-- A recommendation (of an activity, or a rectification item from a low
-- rating) and the government's rectification: plan, progress, result.
CREATE TABLE recommendations (
	id {{id}},
	township_code {{code}} NOT NULL REFERENCES jurisdictions (code),
	activity_id BIGINT REFERENCES supervision_activities (id),
	rating_id BIGINT,
	unit TEXT NOT NULL DEFAULT '',
	content TEXT NOT NULL,
	due TEXT NOT NULL,
	plan TEXT NOT NULL DEFAULT '',
	percent INTEGER NOT NULL DEFAULT 0,
	status TEXT NOT NULL DEFAULT 'open',
	result TEXT NOT NULL DEFAULT '',
	closed_at BIGINT,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE INDEX recommendations_township ON recommendations (township_code, status, due);

CREATE TABLE recommendation_progress (
	id {{id}},
	recommendation_id BIGINT NOT NULL REFERENCES recommendations (id) ON DELETE CASCADE,
	date TEXT NOT NULL,
	percent INTEGER NOT NULL,
	note TEXT NOT NULL,
	created_at BIGINT NOT NULL
);
CREATE INDEX recommendation_progress_rec ON recommendation_progress (recommendation_id);

-- 测评 and 评议: subjects are people (village heads, group leaders…) or
-- units; ballots are satisfaction verdicts or scores per criterion,
-- counted into tallies without any rater's name.
CREATE TABLE ratings (
	id {{id}},
	township_code {{code}} NOT NULL REFERENCES jurisdictions (code),
	title TEXT NOT NULL,
	subject_kind TEXT NOT NULL,
	method TEXT NOT NULL,
	date TEXT NOT NULL,
	threshold REAL NOT NULL DEFAULT 0.6,
	status TEXT NOT NULL DEFAULT 'open',
	created_by BIGINT,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE INDEX ratings_township ON ratings (township_code, date);

CREATE TABLE rating_subjects (
	id {{id}},
	rating_id BIGINT NOT NULL REFERENCES ratings (id) ON DELETE CASCADE,
	position INTEGER NOT NULL,
	name TEXT NOT NULL,
	post TEXT NOT NULL DEFAULT ''
);
CREATE INDEX rating_subjects_rating ON rating_subjects (rating_id);

CREATE TABLE rating_criteria (
	id {{id}},
	rating_id BIGINT NOT NULL REFERENCES ratings (id) ON DELETE CASCADE,
	position INTEGER NOT NULL,
	name TEXT NOT NULL,
	max_score INTEGER NOT NULL
);

-- criterion_id 0 holds satisfaction verdicts.
CREATE TABLE rating_tallies (
	subject_id BIGINT NOT NULL REFERENCES rating_subjects (id) ON DELETE CASCADE,
	criterion_id BIGINT NOT NULL DEFAULT 0,
	satisfied INTEGER NOT NULL DEFAULT 0,
	basic INTEGER NOT NULL DEFAULT 0,
	unsatisfied INTEGER NOT NULL DEFAULT 0,
	score_sum INTEGER NOT NULL DEFAULT 0,
	score_count INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (subject_id, criterion_id)
);

-- One-time codes handed out on slips; a code says nothing of who holds it.
CREATE TABLE rating_codes (
	code TEXT PRIMARY KEY,
	rating_id BIGINT NOT NULL REFERENCES ratings (id) ON DELETE CASCADE,
	used BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX rating_codes_rating ON rating_codes (rating_id);

CREATE TABLE rating_batches (
	id {{id}},
	rating_id BIGINT NOT NULL REFERENCES ratings (id) ON DELETE CASCADE,
	channel TEXT NOT NULL,
	ballots INTEGER NOT NULL,
	created_at BIGINT NOT NULL
);

-- 年度工作计划.
CREATE TABLE work_plans (
	id {{id}},
	township_code {{code}} NOT NULL REFERENCES jurisdictions (code),
	year INTEGER NOT NULL,
	title TEXT NOT NULL,
	created_at BIGINT NOT NULL,
	UNIQUE (township_code, year)
);

CREATE TABLE work_plan_items (
	id {{id}},
	plan_id BIGINT NOT NULL REFERENCES work_plans (id) ON DELETE CASCADE,
	township_code {{code}} NOT NULL REFERENCES jurisdictions (code),
	content TEXT NOT NULL,
	owner TEXT NOT NULL DEFAULT '',
	due TEXT NOT NULL,
	progress INTEGER NOT NULL DEFAULT 0,
	note TEXT NOT NULL DEFAULT '',
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE INDEX work_plan_items_plan ON work_plan_items (plan_id, due);
CREATE INDEX work_plan_items_township ON work_plan_items (township_code, due);
