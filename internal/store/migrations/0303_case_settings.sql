-- Each county's handling rules: how many days before the due date an item
-- turns amber, and how long a reply waits for its rating before it counts
-- as closed. Counties without a row use the defaults.
CREATE TABLE case_settings (
	county_code {{code}} PRIMARY KEY REFERENCES jurisdictions (code),
	amber_days INTEGER NOT NULL,
	rating_window_days INTEGER NOT NULL,
	updated_at BIGINT NOT NULL
);
