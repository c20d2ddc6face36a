-- 0010_versions.sql — every record an editor changes through a form has a
-- version, counted up by each save, so that a save made from an older
-- version (someone else saved in between) is refused instead of silently
-- overwriting the other person's change. Pages count their revisions
-- (page_revision.id) instead.
--
-- A partner's draft remembers the version of the offer it was made from:
-- approving a draft made from an older version would undo the later
-- change, so the reviewer is shown it first.

ALTER TABLE service ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE organization ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE location ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE service_draft ADD COLUMN base_version INTEGER; -- NULL: a new offer, or made before versions
