-- 0044_search_cards.sql — what a result shows lives in the index: each
-- document carries its card (for an offer: name, provider, short
-- description, ages, cost, delivery, date of the last check and the
-- translated names), so that a finder page reads no table per result
-- (issue #12, speed). The engine's indexes share one shape: every doc
-- table gets the column. An offer whose delivery or date of check changes
-- now becomes dirty too (they are on its card), and every offer is marked
-- once so that the cards get filled.

ALTER TABLE search_doc ADD COLUMN card TEXT NOT NULL DEFAULT '';
ALTER TABLE polsearch_doc ADD COLUMN card TEXT NOT NULL DEFAULT '';
ALTER TABLE ivsearch_doc ADD COLUMN card TEXT NOT NULL DEFAULT '';

DROP TRIGGER search_service_au;
CREATE TRIGGER search_service_au AFTER UPDATE ON service
WHEN old.id IS NOT new.id OR old.name IS NOT new.name OR old.alternate_name IS NOT new.alternate_name
  OR old.description IS NOT new.description OR old.status IS NOT new.status
  OR old.organization_id IS NOT new.organization_id
  OR old.application_process IS NOT new.application_process
  OR old.fees_description IS NOT new.fees_description OR old.free_of_charge IS NOT new.free_of_charge
  OR old.eligibility_description IS NOT new.eligibility_description
  OR old.interpretation_services IS NOT new.interpretation_services
  OR old.minimum_age IS NOT new.minimum_age OR old.maximum_age IS NOT new.maximum_age
  OR old.archived IS NOT new.archived OR old.merged_into IS NOT new.merged_into
  OR old.delivery IS NOT new.delivery OR old.assured_date IS NOT new.assured_date
BEGIN
  INSERT INTO search_dirty VALUES (new.id) ON CONFLICT DO NOTHING;
  INSERT INTO search_dirty SELECT old.id WHERE old.id IS NOT new.id ON CONFLICT DO NOTHING;
END;

INSERT INTO search_dirty SELECT key FROM search_doc WHERE true ON CONFLICT DO NOTHING;
