-- Livelihood project votes (民生实事项目代表票决, DESIGN.md §7).
--
-- Secrecy by construction: who voted (vote_electors.voted) is kept apart
-- from what was voted (vote_ballots). A ballot carries no deputy, no time
-- and no sequence: its id is a random number chosen by the application, so
-- neither the key nor the storage order follows the order of voting; at
-- closing the ballots are written again in key order (see votes/close.go).
CREATE TABLE votes (
	id {{id}},
	congress_code {{code}} NOT NULL REFERENCES jurisdictions (code),
	session_id BIGINT,
	title TEXT NOT NULL,
	choose INTEGER NOT NULL,
	-- a project passes when votes for > eligible × pass_num / pass_den
	pass_num INTEGER NOT NULL DEFAULT 1,
	pass_den INTEGER NOT NULL DEFAULT 2,
	status TEXT NOT NULL DEFAULT 'draft',
	eligible INTEGER NOT NULL DEFAULT 0,
	cast_count INTEGER NOT NULL DEFAULT 0,
	opened_at BIGINT,
	closed_at BIGINT,
	published_at BIGINT,
	-- the recorded decision that settles a tie at the cut-off
	tie_basis TEXT NOT NULL DEFAULT '',
	tie_decided_by BIGINT,
	tie_decided_at BIGINT,
	created_by BIGINT,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE INDEX votes_congress ON votes (congress_code, id);

CREATE TABLE vote_projects (
	id {{id}},
	vote_id BIGINT NOT NULL REFERENCES votes (id) ON DELETE CASCADE,
	position INTEGER NOT NULL,
	name TEXT NOT NULL,
	investment REAL NOT NULL DEFAULT 0,
	department TEXT NOT NULL DEFAULT '',
	rationale TEXT NOT NULL DEFAULT '',
	due TEXT NOT NULL DEFAULT '',
	-- the tally, written once when the vote closes
	votes_for INTEGER NOT NULL DEFAULT 0,
	votes_against INTEGER NOT NULL DEFAULT 0,
	votes_abstain INTEGER NOT NULL DEFAULT 0,
	-- TRUE/FALSE once a tie at the cut-off is settled; NULL otherwise
	tie_chosen BOOLEAN,
	UNIQUE (vote_id, position)
);

-- The deputies entitled to vote, fixed when the vote opens, and whether
-- each has voted. Nothing here says how.
CREATE TABLE vote_electors (
	vote_id BIGINT NOT NULL REFERENCES votes (id) ON DELETE CASCADE,
	deputy_id BIGINT NOT NULL REFERENCES deputies (id),
	voted BOOLEAN NOT NULL DEFAULT FALSE,
	PRIMARY KEY (vote_id, deputy_id)
);
CREATE INDEX vote_electors_deputy ON vote_electors (deputy_id);

-- Anonymous ballots. box is '' for an electronic ballot, else the paper
-- ballot box it was counted from. choices lists "project_id:f|a|n" pairs.
CREATE TABLE vote_ballots (
	id {{id}},
	vote_id BIGINT NOT NULL REFERENCES votes (id) ON DELETE CASCADE,
	receipt TEXT NOT NULL UNIQUE,
	box TEXT NOT NULL DEFAULT '',
	choices TEXT NOT NULL
);
CREATE INDEX vote_ballots_vote ON vote_ballots (vote_id, receipt);

-- Paper ballot boxes with the subtotal counted at each.
CREATE TABLE vote_boxes (
	id {{id}},
	vote_id BIGINT NOT NULL REFERENCES votes (id) ON DELETE CASCADE,
	name TEXT NOT NULL,
	ballots INTEGER NOT NULL,
	entered_by BIGINT,
	created_at BIGINT NOT NULL,
	UNIQUE (vote_id, name)
);
