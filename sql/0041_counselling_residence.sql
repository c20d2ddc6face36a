-- 0041_counselling_residence.sql — the residence-status category of a
-- case (src/counselling/): sensitive, recorded only while the network
-- switches it on (LOTSE_COUNSEL_RESIDENCE=1), and then sealed with the
-- case key like the identity (field "residence" as associated data).
-- The plain column of 0021 was never written by a form; it goes, so the
-- category can never stand in the file in clear text.
ALTER TABLE counsel_case ADD COLUMN residence_sealed BLOB;
ALTER TABLE counsel_case DROP COLUMN residence;
