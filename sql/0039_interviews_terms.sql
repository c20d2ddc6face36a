-- 0039_interviews_terms.sql — interview codes and document variables
-- mapped to the directory's taxonomy terms (src/interviews/terms.c), so
-- that coded segments can be counted beside survey answers and offers
-- (the evidence loop, #17: iv_evidence_needs in src/interviews/evidence.c).
--
-- A code stands for at most one term: a barrier "Sprache" or a need
-- "Sprachkurs" for the need term angebotsart/sprachfoerderung. Terms are
-- named by their taxonomy's code and their own code (as the directory's
-- taxonomy_term.taxonomy and .code), not by id: they survive a reload of
-- the taxonomies and travel in a REFI-QDA export as a set's name.
CREATE TABLE iv_code_term (
  code_id  INTEGER PRIMARY KEY REFERENCES iv_code(id) ON DELETE CASCADE,
  taxonomy TEXT NOT NULL,
  term     TEXT NOT NULL
);

-- A value of a document variable as a term of one dimension of the
-- evidence loop: the variable "Gruppe" with the value "Eltern" is the
-- target group zielgruppe/eltern; "Sprache" = "Arabisch" the language
-- "ar" (ISO 639-1). Defined per project.
CREATE TABLE iv_var_term (
  project_id INTEGER NOT NULL REFERENCES iv_project(id) ON DELETE CASCADE,
  name       TEXT NOT NULL,
  value      TEXT NOT NULL,
  dim        TEXT NOT NULL CHECK (dim IN ('stage', 'group', 'district', 'language')),
  term       TEXT NOT NULL,
  PRIMARY KEY (project_id, name, value)
);
