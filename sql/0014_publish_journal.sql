-- 0014_publish_journal.sql — the journal of a publication of staged rows
-- (store_stage_publish, store/stage.c): each row moved into a table so
-- far, by the table's name and the row's id. Emptied at the end, which is
-- the moment of publication; rows found here by the next publication or
-- at the server's start name rows of one that died on the way, and are
-- taken out again. No index: it is only ever read whole.
CREATE TABLE store_publish (
  tbl TEXT NOT NULL,
  id  TEXT NOT NULL
);
