-- 0028_interviews_search.sql — the paragraphs of interview documents in
-- the text engine (src/search/search.h), prefix "ivsearch", in the shape
-- of the offers' index (0005_search.sql, 0009). Key: the paragraph's id;
-- each carries the feature "projekt:ID", and a search asks for its own
-- project's only, so that the index stays within the project's access.
-- A deleted paragraph's key is marked; the deletion refreshes the index
-- at once (src/interviews/search.c).
CREATE TABLE ivsearch_state (
  id    INTEGER PRIMARY KEY CHECK (id = 1),
  token TEXT NOT NULL,
  gen   INTEGER NOT NULL DEFAULT 0
);
INSERT INTO ivsearch_state(id, token) VALUES (1, lower(hex(randomblob(16))));
CREATE TABLE ivsearch_dirty (
  key TEXT PRIMARY KEY
) WITHOUT ROWID;
CREATE TABLE ivsearch_doc (
  docid    INTEGER PRIMARY KEY,
  key      TEXT NOT NULL UNIQUE,
  sort_key TEXT NOT NULL,
  features TEXT NOT NULL DEFAULT '',
  lo       INTEGER,
  hi       INTEGER,
  coords   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX ivsearch_doc_sort ON ivsearch_doc(sort_key, docid);
CREATE VIRTUAL TABLE ivsearch_name USING fts5(text, tokenize = 'lotse_de', detail = 'none', columnsize = 0);
CREATE VIRTUAL TABLE ivsearch_head USING fts5(text, tokenize = 'lotse_de', detail = 'none', columnsize = 0);
CREATE VIRTUAL TABLE ivsearch_body USING fts5(text, tokenize = 'lotse_de', detail = 'none', columnsize = 0);
CREATE TABLE ivsearch_term (
  id      INTEGER PRIMARY KEY,
  term    TEXT NOT NULL UNIQUE,
  df_name INTEGER NOT NULL DEFAULT 0,
  df_head INTEGER NOT NULL DEFAULT 0,
  df_body INTEGER NOT NULL DEFAULT 0
);
CREATE VIRTUAL TABLE ivsearch_term_tri USING fts5(term, content = 'ivsearch_term',
  content_rowid = 'id', tokenize = 'trigram');
CREATE TRIGGER ivsearch_term_ai AFTER INSERT ON ivsearch_term BEGIN
  INSERT INTO ivsearch_term_tri(rowid, term) VALUES (new.id, new.term);
END;
CREATE TRIGGER ivsearch_para_ai AFTER INSERT ON iv_para BEGIN
  INSERT INTO ivsearch_dirty(key) VALUES (CAST(new.id AS TEXT)) ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER ivsearch_para_ad AFTER DELETE ON iv_para BEGIN
  INSERT INTO ivsearch_dirty(key) VALUES (CAST(old.id AS TEXT)) ON CONFLICT DO NOTHING;
END;
