-- 0032_policy_step_position.sql — the editors order the steps of a
-- decision process that happened on the same day (src/policy/): the
-- timeline is by date, then by position, then by when a step was added.
ALTER TABLE pol_step ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
DROP INDEX pol_step_process;
CREATE INDEX pol_step_process ON pol_step(process_id, date, position);
