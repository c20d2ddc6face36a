-- 0049_interviews_case_vars.sql — the variables (attributes) of a case
-- (src/interviews/cases.c), like a document's (iv_docvar): the person's
-- group, district, language; the organisation's sector. They travel in
-- a REFI-QDA export as the Case's VariableValue elements.
CREATE TABLE iv_case_var (
  case_id INTEGER NOT NULL REFERENCES iv_case(id) ON DELETE CASCADE,
  name    TEXT NOT NULL,
  value   TEXT NOT NULL,
  PRIMARY KEY (case_id, name)
);
