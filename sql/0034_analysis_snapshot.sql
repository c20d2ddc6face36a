-- 0034_analysis_snapshot.sql — the evidence loop's monthly snapshot of
-- the offer inventory (src/analysis/, kept by `lotse maintenance`), so that
-- coverage can be compared between two dates. One row per cell: a term
-- code per dimension ('' when the offers state none, '*' when the row
-- counts over all of that dimension), the distinct offers and their places.

CREATE TABLE an_snapshot (
  month    TEXT NOT NULL CHECK (length(month) = 7),   -- YYYY-MM
  stage    TEXT NOT NULL,                             -- Übergangsphase
  grp      TEXT NOT NULL,                             -- Zielgruppe
  district TEXT NOT NULL,                             -- Stadtteil/Ort
  lang     TEXT NOT NULL,                             -- language of the offer
  offers   INTEGER NOT NULL CHECK (offers >= 0),
  places   INTEGER NOT NULL CHECK (places >= 0),
  taken_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (month, stage, grp, district, lang)
);
