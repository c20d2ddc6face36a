-- 0015_search_thesaurus.sql — the thesaurus shipped with lotse
-- (data/thesaurus.txt: the concepts of transition work in the users'
-- languages) goes into search_synonym, where editors extend it at
-- /intern/suchwoerter. search_thesaurus holds the pairs of the version
-- last put there (so that a new version adds its new pairs and removes
-- the ones it no longer has, and a pair an editor removed stays removed);
-- search_thesaurus_state the hash of that version. src/search/thesaurus.c
-- does it after every migration.

CREATE TABLE search_thesaurus (
  term      TEXT NOT NULL,
  expansion TEXT NOT NULL,
  seen      INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (term, expansion)
) WITHOUT ROWID;

CREATE TABLE search_thesaurus_state (
  id   INTEGER PRIMARY KEY CHECK (id = 1),
  hash TEXT NOT NULL DEFAULT ''
);
INSERT INTO search_thesaurus_state(id) VALUES (1);
