-- Organisation and deputies (DESIGN.md §2–§3). Every table carries the
-- township-level code it belongs to (township_code), so that every query can
-- be scoped by a code range. The deputies domain owns these tables.

-- 选区: an electoral district of a congress, made of villages.
CREATE TABLE electoral_districts (
	id {{id}},
	township_code {{code}} NOT NULL REFERENCES jurisdictions (code),
	congress_code {{code}} NOT NULL REFERENCES jurisdictions (code),
	name TEXT NOT NULL,
	seats INTEGER NOT NULL DEFAULT 0,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL,
	UNIQUE (congress_code, name)
);
CREATE INDEX electoral_districts_township ON electoral_districts (township_code, id);

CREATE TABLE electoral_district_villages (
	district_id BIGINT NOT NULL REFERENCES electoral_districts (id) ON DELETE CASCADE,
	village_code {{code}} NOT NULL REFERENCES jurisdictions (code),
	PRIMARY KEY (district_id, village_code)
);

-- 代表联络站 (代表工作室, 代表之家).
CREATE TABLE stations (
	id {{id}},
	township_code {{code}} NOT NULL REFERENCES jurisdictions (code),
	name TEXT NOT NULL,
	address TEXT NOT NULL DEFAULT '',
	hours TEXT NOT NULL DEFAULT '',
	phone TEXT NOT NULL DEFAULT '',
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL,
	UNIQUE (township_code, name)
);

CREATE TABLE station_villages (
	station_id BIGINT NOT NULL REFERENCES stations (id) ON DELETE CASCADE,
	village_code {{code}} NOT NULL REFERENCES jurisdictions (code),
	PRIMARY KEY (station_id, village_code)
);

CREATE TABLE station_districts (
	station_id BIGINT NOT NULL REFERENCES stations (id) ON DELETE CASCADE,
	district_id BIGINT NOT NULL REFERENCES electoral_districts (id) ON DELETE CASCADE,
	PRIMARY KEY (station_id, district_id)
);

-- 联络员: officers of a station; one of them is staff (专职).
CREATE TABLE station_officers (
	id {{id}},
	station_id BIGINT NOT NULL REFERENCES stations (id) ON DELETE CASCADE,
	name TEXT NOT NULL,
	phone TEXT NOT NULL DEFAULT '',
	public_phone TEXT NOT NULL DEFAULT '',
	is_staff BOOLEAN NOT NULL DEFAULT FALSE,
	user_id BIGINT REFERENCES users (id),
	created_at BIGINT NOT NULL
);
CREATE INDEX station_officers_station ON station_officers (station_id);

-- 代表小组 and 代表团/联组 (kind group or delegation).
CREATE TABLE deputy_groups (
	id {{id}},
	township_code {{code}} NOT NULL REFERENCES jurisdictions (code),
	name TEXT NOT NULL,
	kind TEXT NOT NULL DEFAULT 'group',
	leader_deputy_id BIGINT,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL,
	UNIQUE (township_code, name)
);

-- A deputy is a person; their seats (mandates) are below. township_code is
-- the township-level unit the deputy is organised in (a township deputy's
-- township, or the street whose delegation a district deputy joins).
CREATE TABLE deputies (
	id {{id}},
	township_code {{code}} NOT NULL REFERENCES jurisdictions (code),
	name TEXT NOT NULL,
	name_pinyin TEXT NOT NULL DEFAULT '',
	name_initials TEXT NOT NULL DEFAULT '',
	gender TEXT NOT NULL DEFAULT '',
	ethnicity TEXT NOT NULL DEFAULT '',
	birth_date TEXT NOT NULL DEFAULT '',
	political TEXT NOT NULL DEFAULT '',
	education TEXT NOT NULL DEFAULT '',
	employer TEXT NOT NULL DEFAULT '',
	sector TEXT NOT NULL DEFAULT '',
	skills TEXT NOT NULL DEFAULT '',
	phone TEXT NOT NULL DEFAULT '',
	id_number_hash TEXT,
	id_number_enc TEXT NOT NULL DEFAULT '',
	id_number_masked TEXT NOT NULL DEFAULT '',
	group_id BIGINT REFERENCES deputy_groups (id),
	station_id BIGINT REFERENCES stations (id),
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE INDEX deputies_township ON deputies (township_code, id);
CREATE INDEX deputies_pinyin ON deputies (township_code, name_pinyin);
CREATE INDEX deputies_group ON deputies (group_id);
CREATE INDEX deputies_station ON deputies (station_id);
CREATE UNIQUE INDEX deputies_id_number ON deputies (id_number_hash);

-- 代表资格: one seat per level; status serving (在任), resigned (辞职),
-- recalled (罢免) or terminated (终止).
CREATE TABLE seats (
	id {{id}},
	deputy_id BIGINT NOT NULL REFERENCES deputies (id) ON DELETE CASCADE,
	level TEXT NOT NULL,
	congress_code {{code}} NOT NULL REFERENCES jurisdictions (code),
	term TEXT NOT NULL DEFAULT '',
	district_id BIGINT REFERENCES electoral_districts (id),
	start_date TEXT NOT NULL DEFAULT '',
	end_date TEXT NOT NULL DEFAULT '',
	status TEXT NOT NULL DEFAULT 'serving',
	status_reason TEXT NOT NULL DEFAULT '',
	status_date TEXT NOT NULL DEFAULT '',
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE INDEX seats_deputy ON seats (deputy_id);
CREATE INDEX seats_congress ON seats (congress_code, level, status);
