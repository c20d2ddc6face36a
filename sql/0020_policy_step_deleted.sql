-- 0020_policy_step_deleted.sql — a decision process's steps can be
-- deleted by the editors like the other records of the committees: soft,
-- so that the audit log's row still names what it was (src/policy/).
ALTER TABLE pol_step ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1));
