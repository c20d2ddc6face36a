-- Matches that found no fitting offer (#17): a row per case and day on
-- which the matching offers page (counsel_match_case) suggested none,
-- counted for the evidence loop; nothing else of the case, and gone with it.
CREATE TABLE counsel_unmatched (
  case_id  INTEGER NOT NULL REFERENCES counsel_case(id) ON DELETE CASCADE,
  on_day   TEXT NOT NULL,
  PRIMARY KEY (case_id, on_day)
);
