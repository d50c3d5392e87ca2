-- Liaison with constituents (DESIGN.md §5): the reception timetable of each
-- station, receptions held, appointments, visits and return visits. Rows
-- carry the township code so every query is scoped by a code range.

-- 接待日: a reception day of a station, announced publicly. announced_at is
-- when it was published, to flag those announced less than 7 days ahead.
CREATE TABLE receptions (
	id {{id}},
	station_id BIGINT NOT NULL REFERENCES stations (id),
	township_code {{code}} NOT NULL REFERENCES jurisdictions (code),
	date TEXT NOT NULL,
	starts TEXT NOT NULL,
	ends TEXT NOT NULL,
	place TEXT NOT NULL,
	officer_name TEXT NOT NULL DEFAULT '',
	officer_phone TEXT NOT NULL DEFAULT '',
	topic TEXT NOT NULL DEFAULT '',
	status TEXT NOT NULL DEFAULT 'scheduled', -- scheduled, held, cancelled
	visitors INTEGER NOT NULL DEFAULT 0,
	summary TEXT NOT NULL DEFAULT '',
	announced_at BIGINT NOT NULL,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE INDEX receptions_station ON receptions (station_id, date);
CREATE INDEX receptions_township ON receptions (township_code, date);

-- The deputies on duty at a reception; present is set when it is held.
CREATE TABLE reception_deputies (
	reception_id BIGINT NOT NULL REFERENCES receptions (id) ON DELETE CASCADE,
	deputy_id BIGINT NOT NULL REFERENCES deputies (id),
	present BOOLEAN NOT NULL DEFAULT FALSE,
	PRIMARY KEY (reception_id, deputy_id)
);
CREATE INDEX reception_deputies_deputy ON reception_deputies (deputy_id);

-- 约访: a constituent asks to meet a deputy.
CREATE TABLE appointments (
	id {{id}},
	township_code {{code}} NOT NULL REFERENCES jurisdictions (code),
	station_id BIGINT REFERENCES stations (id),
	channel TEXT NOT NULL,
	constituent_name TEXT NOT NULL DEFAULT '',
	constituent_phone TEXT NOT NULL DEFAULT '',
	subject TEXT NOT NULL,
	deputy_id BIGINT REFERENCES deputies (id),
	meet_at TEXT NOT NULL DEFAULT '',
	place TEXT NOT NULL DEFAULT '',
	status TEXT NOT NULL DEFAULT 'requested', -- requested, arranged, held, cancelled
	answer TEXT NOT NULL DEFAULT '',
	opinion_id BIGINT REFERENCES cases (id),
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE INDEX appointments_township ON appointments (township_code, id);

-- 走访 and 回访. A return visit concerns an opinion and carries the
-- constituent's rating.
CREATE TABLE visits (
	id {{id}},
	township_code {{code}} NOT NULL REFERENCES jurisdictions (code),
	kind TEXT NOT NULL, -- visit, return_visit
	date TEXT NOT NULL,
	purpose TEXT NOT NULL DEFAULT '',
	households INTEGER NOT NULL DEFAULT 0,
	constituents TEXT NOT NULL DEFAULT '',
	result TEXT NOT NULL DEFAULT '',
	opinion_id BIGINT REFERENCES cases (id),
	satisfaction TEXT,
	created_by BIGINT,
	created_at BIGINT NOT NULL
);
CREATE INDEX visits_township ON visits (township_code, date);
CREATE INDEX visits_opinion ON visits (opinion_id);

CREATE TABLE visit_deputies (
	visit_id BIGINT NOT NULL REFERENCES visits (id) ON DELETE CASCADE,
	deputy_id BIGINT NOT NULL REFERENCES deputies (id),
	PRIMARY KEY (visit_id, deputy_id)
);
