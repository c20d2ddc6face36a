-- 0027_interviews.sql — interviews and expert talks (src/interviews/):
-- projects with their members, transcripts as plain text with their
-- paragraphs (speaker turns, timestamps), document variables, a
-- hierarchical codebook, codings by coders, memos.
--
-- Positions (start, end) are character offsets in Unicode code points
-- into iv_document.body, end exclusive, as REFI-QDA counts them.
CREATE TABLE iv_project (
  id          INTEGER PRIMARY KEY,
  guid        TEXT NOT NULL UNIQUE,              -- REFI-QDA GUID, stable for life
  name        TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- Only members see a project and anything in it.
CREATE TABLE iv_member (
  project_id INTEGER NOT NULL REFERENCES iv_project(id) ON DELETE CASCADE,
  user_id    INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
  PRIMARY KEY (project_id, user_id)
);
CREATE INDEX iv_member_user ON iv_member(user_id);

-- Who coded: a member (user_id) or a coder of an imported project
-- (REFI-QDA User, user_id NULL).
CREATE TABLE iv_coder (
  id         INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES iv_project(id) ON DELETE CASCADE,
  guid       TEXT NOT NULL,
  name       TEXT NOT NULL,
  user_id    INTEGER REFERENCES user(id) ON DELETE SET NULL,
  UNIQUE (project_id, guid)
);
CREATE UNIQUE INDEX iv_coder_user ON iv_coder(project_id, user_id);

CREATE TABLE iv_document (
  id           INTEGER PRIMARY KEY,
  project_id   INTEGER NOT NULL REFERENCES iv_project(id) ON DELETE CASCADE,
  guid         TEXT NOT NULL,
  name         TEXT NOT NULL,
  kind         TEXT NOT NULL DEFAULT 'interview' CHECK (kind IN ('interview', 'expert')),
  body         TEXT NOT NULL,                    -- the plain text, line ends as they came
  nchars       INTEGER NOT NULL,                 -- its length in code points
  talk_date    TEXT NOT NULL DEFAULT '',         -- expert talks: YYYY-MM-DD
  participants TEXT NOT NULL DEFAULT '',         -- expert talks: name, organisation, role; one a line
  topic        TEXT NOT NULL DEFAULT '',
  created_at   TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  UNIQUE (project_id, guid)
);
CREATE INDEX iv_document_project ON iv_document(project_id, name);

-- The paragraphs of a document as the transcript parser found them: a
-- line of text, the speaker of its turn ('' when none) and a timestamp
-- ('' when none).
CREATE TABLE iv_para (
  id      INTEGER PRIMARY KEY,
  doc_id  INTEGER NOT NULL REFERENCES iv_document(id) ON DELETE CASCADE,
  n       INTEGER NOT NULL,                      -- 1, 2, ... in the document
  start   INTEGER NOT NULL,
  "end"   INTEGER NOT NULL,
  speaker TEXT NOT NULL DEFAULT '',
  turn    INTEGER NOT NULL DEFAULT 0,            -- 1: a new speaker's turn begins here
  stamp   TEXT NOT NULL DEFAULT '',
  text    TEXT NOT NULL,
  UNIQUE (doc_id, n)
);
CREATE INDEX iv_para_start ON iv_para(doc_id, start);

-- Document variables (attributes): interviewee group, district, ...
CREATE TABLE iv_docvar (
  doc_id INTEGER NOT NULL REFERENCES iv_document(id) ON DELETE CASCADE,
  name   TEXT NOT NULL,
  value  TEXT NOT NULL,
  PRIMARY KEY (doc_id, name)
);
CREATE INDEX iv_docvar_name ON iv_docvar(name, value);

CREATE TABLE iv_code (
  id          INTEGER PRIMARY KEY,
  project_id  INTEGER NOT NULL REFERENCES iv_project(id) ON DELETE CASCADE,
  parent_id   INTEGER REFERENCES iv_code(id) ON DELETE CASCADE,
  guid        TEXT NOT NULL,
  name        TEXT NOT NULL,
  color       TEXT NOT NULL DEFAULT '#ffd866',   -- #rrggbb
  description TEXT NOT NULL DEFAULT '',
  memo        TEXT NOT NULL DEFAULT '',
  UNIQUE (project_id, guid)
);
CREATE INDEX iv_code_project ON iv_code(project_id, parent_id);

CREATE TABLE iv_coding (
  id       INTEGER PRIMARY KEY,
  doc_id   INTEGER NOT NULL REFERENCES iv_document(id) ON DELETE CASCADE,
  code_id  INTEGER NOT NULL REFERENCES iv_code(id) ON DELETE CASCADE,
  coder_id INTEGER NOT NULL REFERENCES iv_coder(id) ON DELETE CASCADE,
  guid     TEXT NOT NULL,
  start    INTEGER NOT NULL CHECK (start >= 0),
  "end"    INTEGER NOT NULL,
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CHECK ("end" > start),
  UNIQUE (doc_id, code_id, coder_id, start, "end")
);
CREATE INDEX iv_coding_code ON iv_coding(code_id, doc_id, start);
CREATE INDEX iv_coding_doc ON iv_coding(doc_id, start);

-- Memos on the project (all targets NULL), a document, a code or a
-- coded segment.
CREATE TABLE iv_memo (
  id         INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES iv_project(id) ON DELETE CASCADE,
  doc_id     INTEGER REFERENCES iv_document(id) ON DELETE CASCADE,
  code_id    INTEGER REFERENCES iv_code(id) ON DELETE CASCADE,
  coding_id  INTEGER REFERENCES iv_coding(id) ON DELETE CASCADE,
  coder_id   INTEGER REFERENCES iv_coder(id) ON DELETE SET NULL,
  text       TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX iv_memo_project ON iv_memo(project_id);
