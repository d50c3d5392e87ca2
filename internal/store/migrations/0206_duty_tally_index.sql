-- Assessments group a township's confirmed records by deputy and kind.
-- With the township and status as equalities and the deputy and kind next,
-- the index hands the rows over already grouped (no sort), and the date is
-- checked in the index itself. It replaces the index of 0201, which put the
-- date before the deputy and so needed a sort for every township.
CREATE INDEX duty_records_tally ON duty_records (township_code, status, deputy_id, kind, date, days, count);
DROP INDEX duty_records_assess;
