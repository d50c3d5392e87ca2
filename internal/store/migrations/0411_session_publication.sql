-- A congress session's public page (DESIGN.md §7): once staff publish it,
-- anyone sees its agenda, reports (with their files) and resolutions.
-- Report files live in attachments under owner 'session_document'.
ALTER TABLE congress_sessions ADD COLUMN published_at BIGINT;
