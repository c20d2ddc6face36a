-- 0024_surveys.sql — questionnaires (src/surveys/): surveys in versions,
-- their pages, questions, answer options and subquestions with stable
-- codes, every text per language, the settings, invitation codes, and the
-- responses with their answers.
--
-- A survey's structure is fixed once it is active: a change makes a new
-- version (a new row with the same code and version + 1, status 'draft'),
-- so that responses keep their meaning. Dates are the network's local
-- days, "YYYY-MM-DD"; times are UTC "YYYY-MM-DD HH:MM:SS".
CREATE TABLE survey (
  id             INTEGER PRIMARY KEY,
  code           TEXT NOT NULL,                 -- /umfrage/{code}; letters, digits, - _
  version        INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
  status         TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'closed')),
  kind           TEXT NOT NULL DEFAULT 'needs' CHECK (kind IN ('needs', 'offers')),
  languages      TEXT NOT NULL DEFAULT 'de',    -- comma-separated, German first
  opens_on       TEXT,                          -- first day of collection; NULL: from activation
  closes_on      TEXT,                          -- last day; NULL: open end
  anonymous      INTEGER NOT NULL DEFAULT 1 CHECK (anonymous IN (0, 1)),
  invitation     INTEGER NOT NULL DEFAULT 0 CHECK (invitation IN (0, 1)), -- only with a code
  response_limit INTEGER CHECK (response_limit IS NULL OR response_limit > 0),
  consent        INTEGER NOT NULL DEFAULT 0 CHECK (consent IN (0, 1)), -- a consent question first
  created_at     TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at     TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  activated_at   TEXT,
  UNIQUE (code, version)
);

-- The pages (groups) in order; a page with a condition is shown only
-- when it holds. cond is lotse's expression ("" = always); cond_src the
-- text as imported when it could not be translated (then cond_error says
-- why, and activation is refused).
CREATE TABLE survey_page (
  id         INTEGER PRIMARY KEY,
  survey_id  INTEGER NOT NULL REFERENCES survey(id) ON DELETE CASCADE,
  pos        INTEGER NOT NULL,
  cond       TEXT NOT NULL DEFAULT '',
  cond_src   TEXT NOT NULL DEFAULT '',
  cond_error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX survey_page_survey ON survey_page(survey_id, pos);

CREATE TABLE survey_question (
  id         INTEGER PRIMARY KEY,
  survey_id  INTEGER NOT NULL REFERENCES survey(id) ON DELETE CASCADE,
  page_id    INTEGER NOT NULL REFERENCES survey_page(id) ON DELETE CASCADE,
  pos        INTEGER NOT NULL,
  code       TEXT NOT NULL,                     -- the variable name in exports
  type       TEXT NOT NULL CHECK (type IN ('single', 'dropdown', 'multiple', 'yesno', 'array', 'number',
                                            'text', 'longtext', 'date', 'ranking', 'display')),
  mandatory  INTEGER NOT NULL DEFAULT 0 CHECK (mandatory IN (0, 1)),
  other      INTEGER NOT NULL DEFAULT 0 CHECK (other IN (0, 1)),     -- single/multiple: "other" with text
  decimals   INTEGER NOT NULL DEFAULT 0 CHECK (decimals IN (0, 1)),  -- number: decimal, else integer
  min_value  REAL,                              -- number: range
  max_value  REAL,
  max_length INTEGER CHECK (max_length IS NULL OR max_length > 0),    -- text: length
  pattern    TEXT NOT NULL DEFAULT '',          -- text: a POSIX extended regular expression
  cond       TEXT NOT NULL DEFAULT '',
  cond_src   TEXT NOT NULL DEFAULT '',
  cond_error TEXT NOT NULL DEFAULT '',
  UNIQUE (survey_id, code)
);
CREATE INDEX survey_question_page ON survey_question(page_id, pos);

-- Answer options (of an array: its scale) and subquestions (the rows of
-- an array), each with a code stable for the life of the survey.
CREATE TABLE survey_option (
  id          INTEGER PRIMARY KEY,
  question_id INTEGER NOT NULL REFERENCES survey_question(id) ON DELETE CASCADE,
  kind        TEXT NOT NULL CHECK (kind IN ('option', 'sub')),
  pos         INTEGER NOT NULL,
  code        TEXT NOT NULL,
  UNIQUE (question_id, kind, code)
);

-- Every text of a survey in each language: item is 's' (the survey:
-- title, welcome, end, privacy, consent), 'p' (a page: title, intro),
-- 'q' (a question: text, help, message), 'o' (an option or subquestion:
-- label); ref the page's, question's or option's id (0 for the survey).
CREATE TABLE survey_text (
  survey_id INTEGER NOT NULL REFERENCES survey(id) ON DELETE CASCADE,
  item      TEXT NOT NULL CHECK (item IN ('s', 'p', 'q', 'o')),
  ref       INTEGER NOT NULL,
  field     TEXT NOT NULL,
  lang      TEXT NOT NULL,
  text      TEXT NOT NULL,
  PRIMARY KEY (survey_id, item, ref, field, lang)
);

-- Invitation codes: one response per code. In an anonymous survey the
-- response keeps no link to its code (used_at only says it was used).
CREATE TABLE survey_invite (
  id        INTEGER PRIMARY KEY,
  survey_id INTEGER NOT NULL REFERENCES survey(id) ON DELETE CASCADE,
  code      TEXT NOT NULL,
  used_at   TEXT,
  UNIQUE (survey_id, code)
);

-- A response: partial until its last page is sent. token_hash is the
-- hash of the resume code (the code itself is never stored).
CREATE TABLE survey_response (
  id           INTEGER PRIMARY KEY,
  survey_id    INTEGER NOT NULL REFERENCES survey(id) ON DELETE CASCADE,
  token_hash   TEXT UNIQUE,
  lang         TEXT NOT NULL DEFAULT 'de',
  status       TEXT NOT NULL DEFAULT 'partial' CHECK (status IN ('partial', 'complete')),
  page         INTEGER NOT NULL DEFAULT 0,       -- the page (pos) to go on with
  invite_id    INTEGER REFERENCES survey_invite(id) ON DELETE SET NULL, -- never in an anonymous survey
  source       TEXT NOT NULL DEFAULT 'web',      -- 'web', 'import', 'demo'
  started_at   TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at   TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  completed_at TEXT
);
CREATE INDEX survey_response_survey ON survey_response(survey_id, status);

-- The answers, one row per value: part is '' for a question's answer, a
-- subquestion's code (array), an option's code (multiple choice, value
-- 'Y'), 'other' (the text of "other"), or the rank '1', '2', ... (ranking,
-- value: an option's code). Kept together by question, so that analysing
-- one question reads one range.
CREATE TABLE survey_answer (
  question_id INTEGER NOT NULL REFERENCES survey_question(id) ON DELETE CASCADE,
  response_id INTEGER NOT NULL REFERENCES survey_response(id) ON DELETE CASCADE,
  part        TEXT NOT NULL DEFAULT '',
  value       TEXT NOT NULL,
  PRIMARY KEY (question_id, response_id, part)
) WITHOUT ROWID;
CREATE INDEX survey_answer_response ON survey_answer(response_id);
