-- Whether the first reply came by the due date, fixed when it is given, so
-- the on-time reply rate is a count rather than a date comparison that the
-- two engines would write differently.
ALTER TABLE cases ADD COLUMN on_time BOOLEAN;
