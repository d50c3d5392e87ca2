-- Who changed what, when, before and after. Rows are only ever added.
CREATE TABLE audit_log (
	id {{id}},
	at BIGINT NOT NULL,
	actor_id BIGINT,
	actor TEXT NOT NULL,
	action TEXT NOT NULL,
	entity TEXT NOT NULL,
	entity_id TEXT NOT NULL,
	scope_code {{code}} NOT NULL,
	summary TEXT NOT NULL DEFAULT '',
	before_json TEXT,
	after_json TEXT,
	request_id TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_scope ON audit_log (scope_code, id);
CREATE INDEX audit_entity ON audit_log (entity, entity_id, id);
CREATE INDEX audit_actor ON audit_log (actor_id, id);
