-- Follow-up of the projects a livelihood vote chose (DESIGN.md §7):
-- progress reports with milestones, deputies' inspections, problems raised,
-- and the deputies' year-end satisfaction rating. All of it is public.
CREATE TABLE vote_progress (
	id {{id}},
	project_id BIGINT NOT NULL REFERENCES vote_projects (id) ON DELETE CASCADE,
	date TEXT NOT NULL,
	percent INTEGER NOT NULL,
	milestone TEXT NOT NULL DEFAULT '',
	problems TEXT NOT NULL DEFAULT '',
	recorded_by BIGINT,
	created_at BIGINT NOT NULL
);
CREATE INDEX vote_progress_project ON vote_progress (project_id, date);

CREATE TABLE vote_inspections (
	id {{id}},
	project_id BIGINT NOT NULL REFERENCES vote_projects (id) ON DELETE CASCADE,
	date TEXT NOT NULL,
	findings TEXT NOT NULL DEFAULT '',
	problems TEXT NOT NULL DEFAULT '',
	recorded_by BIGINT,
	created_at BIGINT NOT NULL
);
CREATE INDEX vote_inspections_project ON vote_inspections (project_id, date);

CREATE TABLE vote_inspection_deputies (
	inspection_id BIGINT NOT NULL REFERENCES vote_inspections (id) ON DELETE CASCADE,
	deputy_id BIGINT NOT NULL REFERENCES deputies (id),
	PRIMARY KEY (inspection_id, deputy_id)
);

-- The year-end rating: who rated (one rating per deputy and project) is
-- kept apart from the counts, as for ballots.
CREATE TABLE vote_raters (
	project_id BIGINT NOT NULL REFERENCES vote_projects (id) ON DELETE CASCADE,
	deputy_id BIGINT NOT NULL REFERENCES deputies (id),
	PRIMARY KEY (project_id, deputy_id)
);

CREATE TABLE vote_satisfaction (
	project_id BIGINT PRIMARY KEY REFERENCES vote_projects (id) ON DELETE CASCADE,
	satisfied INTEGER NOT NULL DEFAULT 0,
	basic INTEGER NOT NULL DEFAULT 0,
	unsatisfied INTEGER NOT NULL DEFAULT 0
);
