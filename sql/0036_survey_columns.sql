-- 0036_survey_columns.sql — the column store of a survey's closed answers
-- (src/surveys/columns.c, issue #18's speed): per closed variable (a
-- question, an array row, a rank) one byte per response of the survey, in
-- order of the response's id: 0 no answer, 1 + the index of the category.
-- The row var '#rid' holds the response ids themselves (8 bytes each,
-- little-endian). key holds the categories' codes the bytes refer to: a
-- column whose key no longer matches the question is built again.
--
-- The columns are a cache of survey_answer: built when an analysis first
-- needs them, written by `lotse responses import` directly, and dropped
-- whenever a response of the survey is added, changed (every save of
-- answers updates its response) or deleted.

CREATE TABLE survey_column (
  survey_id INTEGER NOT NULL REFERENCES survey(id) ON DELETE CASCADE,
  var       TEXT NOT NULL,
  key       TEXT NOT NULL DEFAULT '',
  data      BLOB NOT NULL,
  PRIMARY KEY (survey_id, var)
) WITHOUT ROWID;

CREATE TRIGGER survey_column_stale_ins AFTER INSERT ON survey_response BEGIN
  DELETE FROM survey_column WHERE survey_id = NEW.survey_id;
END;
CREATE TRIGGER survey_column_stale_upd AFTER UPDATE ON survey_response BEGIN
  DELETE FROM survey_column WHERE survey_id IN (OLD.survey_id, NEW.survey_id);
END;
CREATE TRIGGER survey_column_stale_del AFTER DELETE ON survey_response BEGIN
  DELETE FROM survey_column WHERE survey_id = OLD.survey_id;
END;
