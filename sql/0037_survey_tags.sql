-- 0037_survey_tags.sql — surveys (#18): taxonomy tags on questions, answer
-- options and subquestions, so that needs from surveys can be set against
-- the directory's offers (the evidence loop, #17), and a survey's weight
-- variable.
--
-- A tag names one term per dimension: need (a term of the directory's
-- taxonomy 'angebotsart': the kind of offer needed), stage
-- ('uebergangsphase'), group ('zielgruppe'), district ('ort'), or language
-- (an ISO 639-1 code). option_id NULL tags the question itself. Term codes
-- are kept as text: a term removed from the directory leaves a tag that
-- matches no offer, never a broken survey.
CREATE TABLE survey_tag (
  question_id INTEGER NOT NULL REFERENCES survey_question(id) ON DELETE CASCADE,
  option_id   INTEGER REFERENCES survey_option(id) ON DELETE CASCADE,
  dim         TEXT NOT NULL CHECK (dim IN ('need', 'stage', 'group', 'district', 'language')),
  term        TEXT NOT NULL CHECK (term <> '')
);
CREATE UNIQUE INDEX survey_tag_item ON survey_tag(question_id, COALESCE(option_id, 0), dim);

-- The code of a number question whose answer weighs a response in the
-- needs counted for the evidence loop ('' none).
ALTER TABLE survey ADD COLUMN weight TEXT NOT NULL DEFAULT '';
