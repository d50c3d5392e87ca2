-- Keys for searching names by pinyin and initials across a whole county or
-- province: compared byte by byte ({{code}}), so that a prefix is a range
-- that uses the index on both engines.
ALTER TABLE deputies ADD COLUMN pinyin_key {{code}} NOT NULL DEFAULT '';
ALTER TABLE deputies ADD COLUMN initials_key {{code}} NOT NULL DEFAULT '';
UPDATE deputies SET pinyin_key = name_pinyin, initials_key = name_initials;
CREATE INDEX deputies_pinyin_key ON deputies (pinyin_key);
CREATE INDEX deputies_initials_key ON deputies (initials_key);
