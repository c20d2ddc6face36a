-- 0022_counselling_break_glass.sql — break-glass reads of counselling
-- cases (src/counselling/): a counsellor who is not the case's own reads
-- it in an emergency, with a stated reason (sealed with the case key),
-- shown on the case to its counsellor and written to the audit log.
CREATE TABLE counsel_break_glass (
  id             INTEGER PRIMARY KEY,
  case_id        INTEGER NOT NULL REFERENCES counsel_case(id) ON DELETE CASCADE,
  user_id        INTEGER NOT NULL,
  at             TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  reason_sealed  BLOB NOT NULL
);
CREATE INDEX counsel_break_glass_case ON counsel_break_glass(case_id, id);
