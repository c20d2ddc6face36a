-- 0040_interviews_sets_cases.sql — more of the interviews (src/interviews/):
-- the pseudonyms' key list, an expert talk's event, code sets and cases.

-- The key list of the pseudonymisation helper: which placeholder
-- ("[Name 1]", "[Schule A]") stands for which name or place in the
-- project's documents. Kept apart from the texts, shown to members only;
-- deleted with the project.
CREATE TABLE iv_pseudonym (
  id          INTEGER PRIMARY KEY,
  project_id  INTEGER NOT NULL REFERENCES iv_project(id) ON DELETE CASCADE,
  kind        TEXT NOT NULL,                     -- Name, Ort, Schule, Betrieb, Organisation
  placeholder TEXT NOT NULL,
  original    TEXT NOT NULL,
  created_at  TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  UNIQUE (project_id, placeholder),
  UNIQUE (project_id, original)
);

-- The event (src/events/, by its id) an expert talk took place at; NULL:
-- none. No foreign key: the events' table is theirs (read through events.h).
ALTER TABLE iv_document ADD COLUMN event_id INTEGER;

-- Code sets (REFI-QDA Set with MemberCode): codes put together for a
-- question, across the tree.
CREATE TABLE iv_codeset (
  id          INTEGER PRIMARY KEY,
  project_id  INTEGER NOT NULL REFERENCES iv_project(id) ON DELETE CASCADE,
  guid        TEXT NOT NULL,
  name        TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  UNIQUE (project_id, guid)
);
CREATE TABLE iv_codeset_code (
  set_id  INTEGER NOT NULL REFERENCES iv_codeset(id) ON DELETE CASCADE,
  code_id INTEGER NOT NULL REFERENCES iv_code(id) ON DELETE CASCADE,
  PRIMARY KEY (set_id, code_id)
);

-- Cases (REFI-QDA Case with SourceRef): the documents of one person or
-- organisation (two interviews with the same young person, the talk with
-- a company and its protocol).
CREATE TABLE iv_case (
  id          INTEGER PRIMARY KEY,
  project_id  INTEGER NOT NULL REFERENCES iv_project(id) ON DELETE CASCADE,
  guid        TEXT NOT NULL,
  name        TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  UNIQUE (project_id, guid)
);
CREATE TABLE iv_case_doc (
  case_id INTEGER NOT NULL REFERENCES iv_case(id) ON DELETE CASCADE,
  doc_id  INTEGER NOT NULL REFERENCES iv_document(id) ON DELETE CASCADE,
  PRIMARY KEY (case_id, doc_id)
);
CREATE INDEX iv_case_doc_doc ON iv_case_doc(doc_id);
