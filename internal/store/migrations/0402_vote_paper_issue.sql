-- Paper ballots handed out (DESIGN.md §7): when staff give a deputy a paper
-- ballot, the deputy is marked as voted in vote_electors exactly like a
-- phone ballot, and paper says the mark came from the check-in list. Who
-- received a paper ballot is known; what they marked never is (the paper
-- ballots are entered per box, anonymously, in vote_ballots).
ALTER TABLE vote_electors ADD COLUMN paper BOOLEAN NOT NULL DEFAULT FALSE;
