-- 0005_search.sql — the offer finder's search index. Public offers
-- (active, not archived, not merged, provider neither) are indexed in
-- FTS5 tables with the Snowball tokenizer "lotse_de" (registered on every
-- connection by store_open), their vocabulary in a trigram index
-- (compound parts), and their filter values in search_doc. Triggers only
-- record WHICH offers changed (search_dirty); src/directory/search_index.c
-- re-indexes them, so any writer (model, import, sqlite3 shell) keeps the
-- index current without needing the tokenizer itself.

CREATE TABLE search_state (
  id    INTEGER PRIMARY KEY CHECK (id = 1),
  token TEXT NOT NULL,              -- tells databases apart in the process cache
  gen   INTEGER NOT NULL DEFAULT 0  -- bumped on every change of index or synonyms
);
INSERT INTO search_state(id, token) VALUES (1, lower(hex(randomblob(16))));

-- Offers whose searchable data changed since the last refresh.
CREATE TABLE search_dirty (
  service_id TEXT PRIMARY KEY
) WITHOUT ROWID;

-- One row per public offer: what the filters need. docid is the FTS rowid.
CREATE TABLE search_doc (
  docid          INTEGER PRIMARY KEY,
  service_id     TEXT NOT NULL UNIQUE,
  sort_key       TEXT NOT NULL,              -- folded name: the order without text
  features       TEXT NOT NULL DEFAULT '',   -- "taxonomy:code ... lang:xx ..."
  minimum_age    INTEGER,
  maximum_age    INTEGER,
  free_of_charge INTEGER NOT NULL DEFAULT 0,
  coords         TEXT NOT NULL DEFAULT ''    -- "lat,lon;lat,lon" of public locations
);
CREATE INDEX search_doc_sort ON search_doc(sort_key, docid);

-- The words, in three tables by where they stand (the rank counts a match
-- in the name most, then one in the terms or the provider, then the rest):
-- name (+ alternate name); head: taxonomy terms in German and English,
-- languages, provider; body: descriptions, places. Only which offers hold
-- a word is kept (detail=none): the finder ranks and filters in memory.
CREATE VIRTUAL TABLE search_name USING fts5(text, tokenize = 'lotse_de', detail = 'none', columnsize = 0);
CREATE VIRTUAL TABLE search_head USING fts5(text, tokenize = 'lotse_de', detail = 'none', columnsize = 0);
CREATE VIRTUAL TABLE search_body USING fts5(text, tokenize = 'lotse_de', detail = 'none', columnsize = 0);

-- The vocabulary (search forms) with the number of offers holding each
-- word per table, and a trigram index over it: "sprachkur" finds the term
-- "berufssprachkur". A word no longer used keeps its row with counts 0.
CREATE TABLE search_term (
  id      INTEGER PRIMARY KEY,
  term    TEXT NOT NULL UNIQUE,
  df_name INTEGER NOT NULL DEFAULT 0,
  df_head INTEGER NOT NULL DEFAULT 0,
  df_body INTEGER NOT NULL DEFAULT 0
);
CREATE VIRTUAL TABLE search_term_tri USING fts5(term, content = 'search_term',
  content_rowid = 'id', tokenize = 'trigram');
CREATE TRIGGER search_term_ai AFTER INSERT ON search_term BEGIN
  INSERT INTO search_term_tri(rowid, term) VALUES (new.id, new.term);
END;

-- ---- what makes an offer dirty ----
-- (ON CONFLICT DO NOTHING, not INSERT OR IGNORE: an outer statement's
-- conflict policy, e.g. an upsert's, would override the latter.)

CREATE TRIGGER search_service_ai AFTER INSERT ON service BEGIN
  INSERT INTO search_dirty VALUES (new.id) ON CONFLICT DO NOTHING;
END;
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
BEGIN
  INSERT INTO search_dirty VALUES (new.id) ON CONFLICT DO NOTHING;
  INSERT INTO search_dirty SELECT old.id WHERE old.id IS NOT new.id ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER search_service_ad AFTER DELETE ON service BEGIN
  INSERT INTO search_dirty VALUES (old.id) ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER search_org_au AFTER UPDATE ON organization
WHEN old.name IS NOT new.name OR old.alternate_name IS NOT new.alternate_name
  OR old.archived IS NOT new.archived OR old.merged_into IS NOT new.merged_into
BEGIN
  INSERT INTO search_dirty SELECT id FROM service WHERE organization_id = new.id ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER search_attribute_ai AFTER INSERT ON attribute BEGIN
  INSERT INTO search_dirty SELECT new.link_id WHERE new.link_entity = 'service' ON CONFLICT DO NOTHING;
  INSERT INTO search_dirty SELECT service_id FROM service_at_location
    WHERE new.link_entity = 'location' AND location_id = new.link_id ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER search_attribute_ad AFTER DELETE ON attribute BEGIN
  INSERT INTO search_dirty SELECT old.link_id WHERE old.link_entity = 'service' ON CONFLICT DO NOTHING;
  INSERT INTO search_dirty SELECT service_id FROM service_at_location
    WHERE old.link_entity = 'location' AND location_id = old.link_id ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER search_language_ai AFTER INSERT ON language WHEN new.service_id IS NOT NULL BEGIN
  INSERT INTO search_dirty VALUES (new.service_id) ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER search_language_au AFTER UPDATE ON language BEGIN
  INSERT INTO search_dirty SELECT new.service_id WHERE new.service_id IS NOT NULL ON CONFLICT DO NOTHING;
  INSERT INTO search_dirty SELECT old.service_id WHERE old.service_id IS NOT NULL ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER search_language_ad AFTER DELETE ON language WHEN old.service_id IS NOT NULL BEGIN
  INSERT INTO search_dirty VALUES (old.service_id) ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER search_sal_ai AFTER INSERT ON service_at_location BEGIN
  INSERT INTO search_dirty VALUES (new.service_id) ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER search_sal_ad AFTER DELETE ON service_at_location BEGIN
  INSERT INTO search_dirty VALUES (old.service_id) ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER search_location_au AFTER UPDATE ON location
WHEN old.name IS NOT new.name OR old.latitude IS NOT new.latitude OR old.longitude IS NOT new.longitude
  OR old.confidential IS NOT new.confidential
BEGIN
  INSERT INTO search_dirty SELECT service_id FROM service_at_location WHERE location_id = new.id ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER search_address_ai AFTER INSERT ON address BEGIN
  INSERT INTO search_dirty SELECT service_id FROM service_at_location WHERE location_id = new.location_id ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER search_address_au AFTER UPDATE ON address BEGIN
  INSERT INTO search_dirty SELECT service_id FROM service_at_location WHERE location_id = new.location_id ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER search_address_ad AFTER DELETE ON address BEGIN
  INSERT INTO search_dirty SELECT service_id FROM service_at_location WHERE location_id = old.location_id ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER search_term_au AFTER UPDATE ON taxonomy_term
WHEN old.name IS NOT new.name OR old.code IS NOT new.code OR old.taxonomy IS NOT new.taxonomy
BEGIN
  INSERT INTO search_dirty SELECT link_id FROM attribute
    WHERE taxonomy_term_id = new.id AND link_entity = 'service' ON CONFLICT DO NOTHING;
  INSERT INTO search_dirty SELECT sal.service_id FROM attribute at
    JOIN service_at_location sal ON sal.location_id = at.link_id
    WHERE at.taxonomy_term_id = new.id AND at.link_entity = 'location' ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER search_term_label_ai AFTER INSERT ON taxonomy_term_label BEGIN
  INSERT INTO search_dirty SELECT link_id FROM attribute
    WHERE taxonomy_term_id = new.term_id AND link_entity = 'service' ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER search_term_label_au AFTER UPDATE ON taxonomy_term_label BEGIN
  INSERT INTO search_dirty SELECT link_id FROM attribute
    WHERE taxonomy_term_id = new.term_id AND link_entity = 'service' ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER search_term_label_ad AFTER DELETE ON taxonomy_term_label BEGIN
  INSERT INTO search_dirty SELECT link_id FROM attribute
    WHERE taxonomy_term_id = old.term_id AND link_entity = 'service' ON CONFLICT DO NOTHING;
END;

-- Synonyms expand queries, not the index: a change only renews the cache.
CREATE TRIGGER search_synonym_ai AFTER INSERT ON search_synonym BEGIN
  UPDATE search_state SET gen = gen + 1;
END;
CREATE TRIGGER search_synonym_au AFTER UPDATE ON search_synonym BEGIN
  UPDATE search_state SET gen = gen + 1;
END;
CREATE TRIGGER search_synonym_ad AFTER DELETE ON search_synonym BEGIN
  UPDATE search_state SET gen = gen + 1;
END;

-- Offers that exist already are indexed on the first search.
INSERT OR IGNORE INTO search_dirty SELECT id FROM service;
