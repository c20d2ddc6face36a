-- 0045_survey_cells.sql — closed answers live in the column store (#18,
-- speed; src/surveys/columns.c). For each closed variable of a survey (a
-- single choice, drop-down or yes/no question; an array's row; a rank; a
-- multiple choice's option) one byte per response: 0 no answer, else 1 +
-- the index of the category (key: the categories' codes the bytes refer
-- to). The bytes are in the order of the responses' slots: the row var
-- '#rid' holds the response ids by slot (8 bytes each, little-endian,
-- ascending), n of them in use; data may be longer than in use (room for
-- the next responses, zero). Rows have a rowid so that a cell can be
-- written in place (SQLite's incremental blob I/O).
--
-- These cells are the answers: survey_answer keeps only open answers
-- (numbers, texts, dates, "other" texts) and a closed value that is none
-- of the categories. The old cache (0036) goes; its data came from
-- survey_answer, which the first reader of each survey folds into the
-- cells (survey_cells_stale below).
DROP TRIGGER survey_column_stale_ins;
DROP TRIGGER survey_column_stale_upd;
DROP TRIGGER survey_column_stale_del;
DROP TABLE survey_column;

CREATE TABLE survey_cells (
  id        INTEGER PRIMARY KEY,
  survey_id INTEGER NOT NULL REFERENCES survey(id) ON DELETE CASCADE,
  var       TEXT NOT NULL,              -- 'QUESTION_ID/part' or '#rid'
  key       TEXT NOT NULL DEFAULT '',
  n         INTEGER NOT NULL DEFAULT 0, -- '#rid': the slots in use
  data      BLOB NOT NULL,
  UNIQUE (survey_id, var)
);

-- Surveys whose responses changed behind the cells' back (rows written by
-- SQL, by an older lotse, a deleted response): the next reader or writer
-- reconciles the slots with survey_response and folds closed answers of
-- survey_answer into the cells. lotse's own writers keep the cells right
-- and take the mark off again in the same transaction. No foreign key: a
-- survey's deletion removes its responses, which marks it.
CREATE TABLE survey_cells_stale (
  survey_id INTEGER PRIMARY KEY
);
INSERT INTO survey_cells_stale (survey_id) SELECT DISTINCT survey_id FROM survey_response;
CREATE TRIGGER survey_cells_stale_ins AFTER INSERT ON survey_response BEGIN
  INSERT OR IGNORE INTO survey_cells_stale (survey_id) VALUES (NEW.survey_id);
END;
CREATE TRIGGER survey_cells_stale_del AFTER DELETE ON survey_response BEGIN
  INSERT OR IGNORE INTO survey_cells_stale (survey_id) VALUES (OLD.survey_id);
END;
