-- Every division unit the platform knows: provinces to townships come from
-- the embedded national table at start, villages are imported on demand.
CREATE TABLE jurisdictions (
	code {{code}} PRIMARY KEY,
	name TEXT NOT NULL,
	kind TEXT NOT NULL,
	level SMALLINT NOT NULL,
	parent_code {{code}} REFERENCES jurisdictions (code)
);
CREATE INDEX jurisdictions_parent ON jurisdictions (parent_code, code);
