-- 0030_policy_actions.sql — action items of a committee meeting: who does
-- what by when, ticked off when done. The staff's task list at
-- /intern/aufgaben shows them beside the action items of the events.
CREATE TABLE pol_action (
  id          INTEGER PRIMARY KEY,
  meeting_id  INTEGER NOT NULL REFERENCES pol_meeting(id),
  text        TEXT NOT NULL CHECK (text <> ''),
  who         TEXT NOT NULL DEFAULT '',
  due         TEXT NOT NULL,                  -- "YYYY-MM-DD"
  done        INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
  created_at  TEXT NOT NULL,
  modified_at TEXT NOT NULL
);
CREATE INDEX pol_action_meeting ON pol_action(meeting_id, id);
CREATE INDEX pol_action_due ON pol_action(done, due);
