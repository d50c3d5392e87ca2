-- Files attached to a record (photos of a duty, a report's text). Stored in
-- the database so that the server keeps no state of its own. owner names the
-- kind of record ("duty_record", "constituent_report"…); scope_code is the
-- owning record's township, so listings can be scoped.
CREATE TABLE attachments (
	id {{id}},
	owner TEXT NOT NULL,
	owner_id BIGINT NOT NULL,
	scope_code {{code}} NOT NULL,
	name TEXT NOT NULL,
	content_type TEXT NOT NULL,
	size BIGINT NOT NULL,
	data {{blob}} NOT NULL,
	uploaded_by BIGINT,
	created_at BIGINT NOT NULL
);
CREATE INDEX attachments_owner ON attachments (owner, owner_id);
