-- 0019_policy.sql — committees and decision processes (src/policy/):
-- bodies (Gremien), legislative terms, persons and their memberships,
-- meetings with agenda items, papers and their consultations, files, and
-- decision processes with the steps of their timeline. Every row has
-- created_at / modified_at (ISO 8601 UTC) and deleted (soft delete: OParl
-- shows it as "deleted": true); origin is the OParl id of an imported row
-- (NULL for the network's own). Non-public agenda items, papers and files
-- (public = 0) are never shown outside the staff area.

CREATE TABLE pol_body (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL CHECK (name <> ''),
  short_name  TEXT NOT NULL DEFAULT '',
  kind        TEXT NOT NULL DEFAULT 'Gremium',   -- Arbeitskreis, Beirat, Ausschuss, ...
  description TEXT NOT NULL DEFAULT '',
  website     TEXT NOT NULL DEFAULT '',
  origin      TEXT UNIQUE,
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  modified_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  deleted     INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
);

CREATE TABLE pol_term (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL CHECK (name <> ''),
  start_date  TEXT,
  end_date    TEXT,
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  modified_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  deleted     INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
);

CREATE TABLE pol_person (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL CHECK (name <> ''),
  given_name   TEXT NOT NULL DEFAULT '',
  family_name  TEXT NOT NULL DEFAULT '',
  organisation TEXT NOT NULL DEFAULT '',   -- whom the person speaks for
  created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  modified_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  deleted      INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
);

CREATE TABLE pol_membership (
  id           INTEGER PRIMARY KEY,
  person_id    INTEGER NOT NULL REFERENCES pol_person(id),
  body_id      INTEGER NOT NULL REFERENCES pol_body(id),
  role         TEXT NOT NULL DEFAULT 'Mitglied',
  voting_right INTEGER NOT NULL DEFAULT 1 CHECK (voting_right IN (0, 1)),
  start_date   TEXT,
  end_date     TEXT,
  created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  modified_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  deleted      INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
);
CREATE INDEX pol_membership_body ON pol_membership(body_id);
CREATE INDEX pol_membership_person ON pol_membership(person_id);

CREATE TABLE pol_meeting (
  id          INTEGER PRIMARY KEY,
  body_id     INTEGER REFERENCES pol_body(id),
  name        TEXT NOT NULL CHECK (name <> ''),
  start_at    TEXT NOT NULL,             -- ISO 8601 UTC
  end_at      TEXT,
  place       TEXT NOT NULL DEFAULT '',
  state       TEXT NOT NULL DEFAULT 'planned'
              CHECK (state IN ('planned', 'invited', 'held', 'cancelled')),
  origin      TEXT UNIQUE,
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  modified_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  deleted     INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
);
CREATE INDEX pol_meeting_body ON pol_meeting(body_id, start_at);
CREATE INDEX pol_meeting_modified ON pol_meeting(modified_at);

CREATE TABLE pol_item (
  id          INTEGER PRIMARY KEY,
  meeting_id  INTEGER NOT NULL REFERENCES pol_meeting(id),
  number      TEXT NOT NULL DEFAULT '',
  position    INTEGER NOT NULL DEFAULT 0,
  name        TEXT NOT NULL CHECK (name <> ''),
  public      INTEGER NOT NULL DEFAULT 1 CHECK (public IN (0, 1)),
  result      TEXT NOT NULL DEFAULT '',
  resolution  TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  modified_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  deleted     INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
);
CREATE INDEX pol_item_meeting ON pol_item(meeting_id, position);

CREATE TABLE pol_paper (
  id          INTEGER PRIMARY KEY,
  reference   TEXT NOT NULL DEFAULT '',
  name        TEXT NOT NULL CHECK (name <> ''),
  date        TEXT,                      -- YYYY-MM-DD
  kind        TEXT NOT NULL DEFAULT 'Vorlage'
              CHECK (kind IN ('Vorlage', 'Antrag', 'Anfrage', 'Stellungnahme')),
  originator  TEXT NOT NULL DEFAULT '',
  body_id     INTEGER REFERENCES pol_body(id),  -- the originating body, if one
  summary     TEXT NOT NULL DEFAULT '',
  public      INTEGER NOT NULL DEFAULT 1 CHECK (public IN (0, 1)),
  origin      TEXT UNIQUE,
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  modified_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  deleted     INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
);
CREATE INDEX pol_paper_date ON pol_paper(date);
CREATE INDEX pol_paper_modified ON pol_paper(modified_at);

CREATE TABLE pol_consultation (
  id          INTEGER PRIMARY KEY,
  paper_id    INTEGER NOT NULL REFERENCES pol_paper(id),
  meeting_id  INTEGER REFERENCES pol_meeting(id),
  item_id     INTEGER REFERENCES pol_item(id),
  body_id     INTEGER REFERENCES pol_body(id),
  purpose     TEXT NOT NULL DEFAULT 'information'
              CHECK (purpose IN ('preliminary', 'decision', 'information')),
  result      TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  modified_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  deleted     INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
);
CREATE INDEX pol_consultation_paper ON pol_consultation(paper_id);
CREATE INDEX pol_consultation_meeting ON pol_consultation(meeting_id);

-- A file belongs to one meeting (invitation, minutes), agenda item or
-- paper; its bytes are kept here with their checksums and size.
CREATE TABLE pol_file (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL CHECK (name <> ''),
  file_name   TEXT NOT NULL CHECK (file_name <> ''),
  mime_type   TEXT NOT NULL DEFAULT 'application/pdf',
  role        TEXT NOT NULL DEFAULT 'attachment'
              CHECK (role IN ('invitation', 'minutes', 'attachment')),
  meeting_id  INTEGER REFERENCES pol_meeting(id),
  item_id     INTEGER REFERENCES pol_item(id),
  paper_id    INTEGER REFERENCES pol_paper(id),
  public      INTEGER NOT NULL DEFAULT 1 CHECK (public IN (0, 1)),
  size        INTEGER NOT NULL,
  sha256      TEXT NOT NULL,
  sha512      TEXT NOT NULL,
  data        BLOB NOT NULL,
  date        TEXT,
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  modified_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  deleted     INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
);
CREATE INDEX pol_file_meeting ON pol_file(meeting_id);
CREATE INDEX pol_file_paper ON pol_file(paper_id);

-- A decision process: a topic followed over papers, bodies and meetings;
-- its steps are the timeline, in the order they happened.
CREATE TABLE pol_process (
  id          INTEGER PRIMARY KEY,
  title       TEXT NOT NULL CHECK (title <> ''),
  summary     TEXT NOT NULL DEFAULT '',
  public      INTEGER NOT NULL DEFAULT 1 CHECK (public IN (0, 1)),
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  modified_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  deleted     INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
);

CREATE TABLE pol_step (
  id          INTEGER PRIMARY KEY,
  process_id  INTEGER NOT NULL REFERENCES pol_process(id),
  date        TEXT NOT NULL,             -- YYYY-MM-DD
  kind        TEXT NOT NULL DEFAULT 'proposal'
              CHECK (kind IN ('proposal', 'consultation', 'decision', 'contribution', 'implementation')),
  text        TEXT NOT NULL CHECK (text <> ''),
  paper_id    INTEGER REFERENCES pol_paper(id),
  meeting_id  INTEGER REFERENCES pol_meeting(id),
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX pol_step_process ON pol_step(process_id, date);

-- ---- full-text search over papers and agenda items ----
-- An index of the text engine (src/search/search.h) with the prefix
-- "polsearch", in the shape of the offers' (0005_search.sql, 0009): keys
-- "p" || paper id and "i" || agenda item id; the triggers mark what
-- changed, src/policy/search.c reads it again (only what is public).
CREATE TABLE polsearch_state (
  id    INTEGER PRIMARY KEY CHECK (id = 1),
  token TEXT NOT NULL,
  gen   INTEGER NOT NULL DEFAULT 0
);
INSERT INTO polsearch_state(id, token) VALUES (1, lower(hex(randomblob(16))));
CREATE TABLE polsearch_dirty (
  key TEXT PRIMARY KEY
) WITHOUT ROWID;
CREATE TABLE polsearch_doc (
  docid    INTEGER PRIMARY KEY,
  key      TEXT NOT NULL UNIQUE,
  sort_key TEXT NOT NULL,
  features TEXT NOT NULL DEFAULT '',
  lo       INTEGER,
  hi       INTEGER,
  coords   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX polsearch_doc_sort ON polsearch_doc(sort_key, docid);
CREATE VIRTUAL TABLE polsearch_name USING fts5(text, tokenize = 'lotse_de', detail = 'none', columnsize = 0);
CREATE VIRTUAL TABLE polsearch_head USING fts5(text, tokenize = 'lotse_de', detail = 'none', columnsize = 0);
CREATE VIRTUAL TABLE polsearch_body USING fts5(text, tokenize = 'lotse_de', detail = 'none', columnsize = 0);
CREATE TABLE polsearch_term (
  id      INTEGER PRIMARY KEY,
  term    TEXT NOT NULL UNIQUE,
  df_name INTEGER NOT NULL DEFAULT 0,
  df_head INTEGER NOT NULL DEFAULT 0,
  df_body INTEGER NOT NULL DEFAULT 0
);
CREATE VIRTUAL TABLE polsearch_term_tri USING fts5(term, content = 'polsearch_term',
  content_rowid = 'id', tokenize = 'trigram');
CREATE TRIGGER polsearch_term_ai AFTER INSERT ON polsearch_term BEGIN
  INSERT INTO polsearch_term_tri(rowid, term) VALUES (new.id, new.term);
END;
CREATE TRIGGER polsearch_paper_ai AFTER INSERT ON pol_paper BEGIN
  INSERT INTO polsearch_dirty(key) VALUES ('p' || new.id) ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER polsearch_paper_au AFTER UPDATE ON pol_paper BEGIN
  INSERT INTO polsearch_dirty(key) VALUES ('p' || new.id) ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER polsearch_item_ai AFTER INSERT ON pol_item BEGIN
  INSERT INTO polsearch_dirty(key) VALUES ('i' || new.id) ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER polsearch_item_au AFTER UPDATE ON pol_item BEGIN
  INSERT INTO polsearch_dirty(key) VALUES ('i' || new.id) ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER polsearch_meeting_au AFTER UPDATE ON pol_meeting BEGIN
  INSERT INTO polsearch_dirty(key) SELECT 'i' || id FROM pol_item WHERE meeting_id = new.id
    ON CONFLICT DO NOTHING;
END;
