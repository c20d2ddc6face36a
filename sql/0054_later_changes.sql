-- 0054_later_changes.sql — what a later change is told apart by: the
-- version of an offer a partner's draft was made from, kept whole, so that
-- the review can show per field the value when proposed, now and proposed
-- (src/directory/staff/); and whether a committee's agenda item, paper or
-- file was ever public, so that one made non-public again answers OParl
-- clients as withdrawn ("deleted": true) while one never public stays
-- unknown (src/policy/).
ALTER TABLE service_draft ADD COLUMN base_data TEXT; -- JSON as data; NULL: a new offer, or not kept

ALTER TABLE pol_item ADD COLUMN was_public INTEGER NOT NULL DEFAULT 0 CHECK (was_public IN (0, 1));
ALTER TABLE pol_paper ADD COLUMN was_public INTEGER NOT NULL DEFAULT 0 CHECK (was_public IN (0, 1));
ALTER TABLE pol_file ADD COLUMN was_public INTEGER NOT NULL DEFAULT 0 CHECK (was_public IN (0, 1));
UPDATE pol_item SET was_public = public;
UPDATE pol_paper SET was_public = public;
UPDATE pol_file SET was_public = public;

CREATE TRIGGER pol_item_was_public_ai AFTER INSERT ON pol_item WHEN new.public = 1 BEGIN
  UPDATE pol_item SET was_public = 1 WHERE id = new.id;
END;
CREATE TRIGGER pol_item_was_public_au AFTER UPDATE OF public ON pol_item
  WHEN new.public = 1 AND new.was_public = 0 BEGIN
  UPDATE pol_item SET was_public = 1 WHERE id = new.id;
END;
CREATE TRIGGER pol_paper_was_public_ai AFTER INSERT ON pol_paper WHEN new.public = 1 BEGIN
  UPDATE pol_paper SET was_public = 1 WHERE id = new.id;
END;
CREATE TRIGGER pol_paper_was_public_au AFTER UPDATE OF public ON pol_paper
  WHEN new.public = 1 AND new.was_public = 0 BEGIN
  UPDATE pol_paper SET was_public = 1 WHERE id = new.id;
END;
CREATE TRIGGER pol_file_was_public_ai AFTER INSERT ON pol_file WHEN new.public = 1 BEGIN
  UPDATE pol_file SET was_public = 1 WHERE id = new.id;
END;
CREATE TRIGGER pol_file_was_public_au AFTER UPDATE OF public ON pol_file
  WHEN new.public = 1 AND new.was_public = 0 BEGIN
  UPDATE pol_file SET was_public = 1 WHERE id = new.id;
END;
