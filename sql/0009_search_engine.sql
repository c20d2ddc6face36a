-- 0009_search_engine.sql — the offer index in the shape of the text
-- engine's indexes (src/search/search.h), which know no offers: a
-- document has a key, a range (lo, hi) and features; "free of charge" is
-- the feature "free". Terms are looked up by "taxonomy:code" for the
-- finder's hits.

ALTER TABLE search_dirty RENAME COLUMN service_id TO key;
ALTER TABLE search_doc RENAME COLUMN service_id TO key;
ALTER TABLE search_doc RENAME COLUMN minimum_age TO lo;
ALTER TABLE search_doc RENAME COLUMN maximum_age TO hi;
UPDATE search_doc SET features = ltrim(features || ' free') WHERE free_of_charge <> 0;
ALTER TABLE search_doc DROP COLUMN free_of_charge;
UPDATE search_state SET gen = gen + 1;

CREATE INDEX taxonomy_term_key ON taxonomy_term(taxonomy, code);

-- The synonyms are every index's: their own generation, which each
-- index's snapshot and page version add to their own.
CREATE TABLE search_synonym_state (
  id  INTEGER PRIMARY KEY CHECK (id = 1),
  gen INTEGER NOT NULL DEFAULT 0
);
INSERT INTO search_synonym_state(id) VALUES (1);
DROP TRIGGER search_synonym_ai;
DROP TRIGGER search_synonym_au;
DROP TRIGGER search_synonym_ad;
CREATE TRIGGER search_synonym_ai AFTER INSERT ON search_synonym BEGIN
  UPDATE search_synonym_state SET gen = gen + 1;
END;
CREATE TRIGGER search_synonym_au AFTER UPDATE ON search_synonym BEGIN
  UPDATE search_synonym_state SET gen = gen + 1;
END;
CREATE TRIGGER search_synonym_ad AFTER DELETE ON search_synonym BEGIN
  UPDATE search_synonym_state SET gen = gen + 1;
END;
