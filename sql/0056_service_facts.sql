-- 0056_service_facts.sql — the current offers as the evidence loop counts
-- them, one short row each, kept by the directory in the transaction of
-- every change of an offer (dir_fact_refresh, src/directory/fact_table.c),
-- so that dir_facts reads one table of a few MB in rowid order instead of
-- six tables keyed by text ids (attribute alone is 95 MB at 100,000
-- offers). The values an offer is counted by are numbers of
-- service_fact_value: a term (by its id; its code and taxonomy are looked
-- up when read, so a renamed code needs no rewrite), a language code
-- (lower case) or a funding source. Filled here for the offers stored.

CREATE TABLE service_fact_value (
  id    INTEGER PRIMARY KEY,
  kind  INTEGER NOT NULL CHECK (kind IN (0, 1, 2)), -- 0 term (value: its id), 1 language, 2 funding source
  value TEXT NOT NULL,
  UNIQUE (kind, value)
);

-- Only current offers (not archived, not merged, status 'active').
CREATE TABLE service_fact (
  id             INTEGER PRIMARY KEY,
  service_id     TEXT NOT NULL UNIQUE REFERENCES service(id) ON DELETE CASCADE,
  capacity       INTEGER,                  -- NULL: not stated
  free_of_charge INTEGER NOT NULL,
  cost           REAL,                     -- the lowest stated amount; NULL: none
  valid_from     TEXT,                     -- the earliest start of its schedules
  valid_to       TEXT,                     -- the latest end when every schedule has one
  vals           TEXT NOT NULL DEFAULT ''  -- ids of service_fact_value, separated by spaces
);

INSERT INTO service_fact_value(kind, value)
  SELECT 0, t.id FROM taxonomy_term t JOIN taxonomy x ON x.id = t.taxonomy_id
  WHERE x.uri IN ('urn:lotse:taxonomy:uebergangsphase', 'urn:lotse:taxonomy:zielgruppe', 'urn:lotse:taxonomy:ort',
                  'urn:lotse:taxonomy:foerderung', 'urn:lotse:taxonomy:angebotsart')
  ORDER BY t.id;
INSERT INTO service_fact_value(kind, value)
  SELECT DISTINCT 1, lower(code) FROM language WHERE service_id IS NOT NULL ORDER BY 2;
INSERT INTO service_fact_value(kind, value)
  SELECT DISTINCT 2, source FROM funding WHERE service_id IS NOT NULL ORDER BY 2;

INSERT INTO service_fact(service_id, capacity, free_of_charge, cost, valid_from, valid_to, vals)
  SELECT s.id, s.capacity, s.free_of_charge,
    (SELECT min(c.amount) FROM cost_option c WHERE c.service_id = s.id),
    (SELECT min(h.valid_from) FROM schedule h WHERE h.service_id = s.id),
    (SELECT CASE WHEN count(*) = count(h.valid_to) THEN max(h.valid_to) END FROM schedule h WHERE h.service_id = s.id),
    trim(coalesce((SELECT group_concat(v.id, ' ') FROM attribute a
                   JOIN service_fact_value v ON v.kind = 0 AND v.value = a.taxonomy_term_id
                   WHERE a.link_entity = 'service' AND a.link_id = s.id), '') || ' ' ||
         coalesce((SELECT group_concat(v.id, ' ') FROM language l
                   JOIN service_fact_value v ON v.kind = 1 AND v.value = lower(l.code)
                   WHERE l.service_id = s.id), '') || ' ' ||
         coalesce((SELECT group_concat(v.id, ' ') FROM funding f
                   JOIN service_fact_value v ON v.kind = 2 AND v.value = f.source
                   WHERE f.service_id = s.id), ''))
  FROM service s WHERE s.archived = 0 AND s.status = 'active' AND s.merged_into IS NULL
  ORDER BY s.id;
