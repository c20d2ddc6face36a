-- 0052_hsds_api.sql — what the HSDS API's lists need (issue #12, speed).
-- A postcode filter starts from the addresses of that postcode instead of
-- reading every address. And a link of an offer to a place that changes
-- its id, offer or place (an HSDS import keeps the file's ids) marks the
-- offer for the search index like a new or deleted link does: the API's
-- lists keep their order in memory until the index moves on
-- (src/directory/hsds/api_cache.c).

CREATE INDEX address_postcode ON address(postal_code, location_id);

CREATE TRIGGER search_sal_au AFTER UPDATE ON service_at_location
WHEN old.id IS NOT new.id OR old.service_id IS NOT new.service_id OR old.location_id IS NOT new.location_id
BEGIN
  INSERT INTO search_dirty VALUES (new.service_id) ON CONFLICT DO NOTHING;
  INSERT INTO search_dirty SELECT old.service_id WHERE old.service_id IS NOT new.service_id ON CONFLICT DO NOTHING;
END;
