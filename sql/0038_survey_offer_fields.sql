-- 0038_survey_offer_fields.sql — surveys (#18): the offer survey. A
-- question of a survey of kind 'offers' may stand for a field of a
-- directory offer; each complete response becomes a draft offer of the
-- provider it names, in the directory's review (service_draft), and
-- remembers that draft.
ALTER TABLE survey_question ADD COLUMN offer_field TEXT NOT NULL DEFAULT ''
  CHECK (offer_field IN ('', 'provider', 'name', 'description', 'age_min', 'age_max', 'languages', 'costs',
                         'schedule', 'terms'));
ALTER TABLE survey_response ADD COLUMN draft_id INTEGER REFERENCES service_draft(id) ON DELETE SET NULL;
