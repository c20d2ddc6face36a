-- 0021_counselling.sql — the counselling model (src/counselling/): case
-- files under a random pseudonym, the identity apart and sealed, consent
-- per purpose, sessions, the support plan, referrals to directory offers,
-- outcomes at follow-ups; counsellors' teams.
--
-- Columns named *_sealed hold text encrypted with the case's own key
-- (XChaCha20-Poly1305: 24-byte nonce, then the ciphertext with its tag);
-- the case key itself is sealed with counselling's subkey of the key file
-- (wrapped_key). Dates are "YYYY-MM-DD", times UTC "YYYY-MM-DD HH:MM:SS".

-- A team of counsellors; a lead sees the team's cases.
CREATE TABLE counsel_team (
  id    INTEGER PRIMARY KEY,
  name  TEXT NOT NULL UNIQUE
);
CREATE TABLE counsel_staff (
  user_id  INTEGER PRIMARY KEY,             -- an account (auth) with the role counsellor
  team_id  INTEGER REFERENCES counsel_team(id) ON DELETE SET NULL,
  lead     INTEGER NOT NULL DEFAULT 0 CHECK (lead IN (0, 1))
);

CREATE TABLE counsel_case (
  id             INTEGER PRIMARY KEY,
  pseudonym      TEXT NOT NULL UNIQUE,      -- "K-7Q4M": the only name of a case outside its identity
  owner_id       INTEGER NOT NULL,          -- the counsellor's account
  team_id        INTEGER REFERENCES counsel_team(id) ON DELETE SET NULL,
  status         TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  restricted     INTEGER NOT NULL DEFAULT 0 CHECK (restricted IN (0, 1)), -- Art. 18: processing frozen
  wrapped_key    BLOB NOT NULL,
  age_band       TEXT NOT NULL DEFAULT '',  -- "14-15", "16-17", "18-20", "21-24", "25-27"
  languages      TEXT NOT NULL DEFAULT '',  -- ISO 639-1 codes, comma-separated
  german_level   TEXT NOT NULL DEFAULT '',  -- CEFR A1..C2, '' unknown
  school_cert    TEXT NOT NULL DEFAULT '',
  school_country TEXT NOT NULL DEFAULT '',
  recognition    TEXT NOT NULL DEFAULT '',
  stage          TEXT NOT NULL DEFAULT '',  -- a term code of the taxonomy uebergangsphase
  target_group   TEXT NOT NULL DEFAULT '',  -- a term code of zielgruppe
  district       TEXT NOT NULL DEFAULT '',  -- a term code of ort
  needs          TEXT NOT NULL DEFAULT '',  -- term codes of angebotsart, comma-separated
  residence      TEXT NOT NULL DEFAULT '',  -- sensitive; only when the network switches it on
  interests_sealed BLOB,                    -- occupational interests (free text)
  opened_on      TEXT NOT NULL,
  closed_on      TEXT,
  created_at     TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at     TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX counsel_case_owner ON counsel_case(owner_id, status);
CREATE INDEX counsel_case_team ON counsel_case(team_id);
CREATE INDEX counsel_case_closed ON counsel_case(status, closed_on);

-- The identity: name, first name, contact, date of birth, guardian, as
-- one sealed JSON object; read only on the identity screen.
CREATE TABLE counsel_identity (
  case_id  INTEGER PRIMARY KEY REFERENCES counsel_case(id) ON DELETE CASCADE,
  sealed   BLOB NOT NULL
);

CREATE TABLE counsel_share (
  case_id  INTEGER NOT NULL REFERENCES counsel_case(id) ON DELETE CASCADE,
  user_id  INTEGER NOT NULL,
  PRIMARY KEY (case_id, user_id)
);
CREATE INDEX counsel_share_user ON counsel_share(user_id);

-- Consent per purpose; org_id names the provider of a referral or contact
-- consent ('' for counselling and statistics). Withdrawn: withdrawn_on set.
CREATE TABLE counsel_consent (
  id            INTEGER PRIMARY KEY,
  case_id       INTEGER NOT NULL REFERENCES counsel_case(id) ON DELETE CASCADE,
  purpose       TEXT NOT NULL CHECK (purpose IN ('counselling', 'referral', 'contact', 'statistics')),
  org_id        TEXT NOT NULL DEFAULT '',
  given_by      TEXT NOT NULL CHECK (given_by IN ('self', 'guardian')),
  given_on      TEXT NOT NULL,
  text_version  TEXT NOT NULL,
  withdrawn_on  TEXT,
  recorded_by   INTEGER NOT NULL
);
CREATE INDEX counsel_consent_case ON counsel_consent(case_id, purpose);

CREATE TABLE counsel_session (
  id            INTEGER PRIMARY KEY,
  case_id       INTEGER NOT NULL REFERENCES counsel_case(id) ON DELETE CASCADE,
  held_on       TEXT NOT NULL,
  minutes       INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 600),
  form          TEXT NOT NULL CHECK (form IN ('person', 'phone', 'video', 'messenger')),
  topics        TEXT NOT NULL DEFAULT '',
  notes_sealed  BLOB,
  next_sealed   BLOB,
  follow_up     TEXT,
  counsellor_id INTEGER NOT NULL
);
CREATE INDEX counsel_session_case ON counsel_session(case_id, held_on);
CREATE INDEX counsel_session_follow ON counsel_session(follow_up);

-- The support plan: goals in the model's phases, with steps.
CREATE TABLE counsel_goal (
  id            INTEGER PRIMARY KEY,
  case_id       INTEGER NOT NULL REFERENCES counsel_case(id) ON DELETE CASCADE,
  phase         TEXT NOT NULL CHECK (phase IN ('first', 'competence', 'orientation', 'application', 'start',
                                               'support')),
  title_sealed  BLOB NOT NULL,
  status        TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'reached', 'dropped'))
);
CREATE INDEX counsel_goal_case ON counsel_goal(case_id);
CREATE TABLE counsel_step (
  id           INTEGER PRIMARY KEY,
  goal_id      INTEGER NOT NULL REFERENCES counsel_goal(id) ON DELETE CASCADE,
  what_sealed  BLOB NOT NULL,
  who          TEXT NOT NULL CHECK (who IN ('young', 'counsellor', 'guardian', 'provider')),
  due          TEXT,
  done         INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1))
);
CREATE INDEX counsel_step_goal ON counsel_step(goal_id);

-- A referral to a directory offer (service id) of a provider (org id).
CREATE TABLE counsel_referral (
  id              INTEGER PRIMARY KEY,
  case_id         INTEGER NOT NULL REFERENCES counsel_case(id) ON DELETE CASCADE,
  service_id      TEXT NOT NULL,
  org_id          TEXT NOT NULL,
  service_name    TEXT NOT NULL,            -- as it was named when referred
  status          TEXT NOT NULL CHECK (status IN ('proposed', 'sent', 'accepted', 'started', 'completed',
                                                  'declined', 'dropped')),
  channel         TEXT NOT NULL DEFAULT '', -- the agreed contact channel ("phone", "email", "counsellor")
  shared_sealed   BLOB,                     -- what the counsellor chose to share with the provider
  created_on      TEXT NOT NULL,
  updated_at      TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX counsel_referral_case ON counsel_referral(case_id);
CREATE INDEX counsel_referral_org ON counsel_referral(org_id, status);
CREATE TABLE counsel_referral_step (
  id           INTEGER PRIMARY KEY,
  referral_id  INTEGER NOT NULL REFERENCES counsel_referral(id) ON DELETE CASCADE,
  status       TEXT NOT NULL,
  on_day       TEXT NOT NULL,
  reason       TEXT NOT NULL DEFAULT '',
  by_user      INTEGER NOT NULL
);
CREATE INDEX counsel_referral_step_ref ON counsel_referral_step(referral_id);

-- Outcomes at follow-ups 3, 6 and 12 months after the end of a referral
-- or of the case; result NULL until recorded.
CREATE TABLE counsel_outcome (
  id           INTEGER PRIMARY KEY,
  case_id      INTEGER NOT NULL REFERENCES counsel_case(id) ON DELETE CASCADE,
  referral_id  INTEGER REFERENCES counsel_referral(id) ON DELETE SET NULL,
  months       INTEGER NOT NULL CHECK (months IN (3, 6, 12)),
  due_on       TEXT NOT NULL,
  result       TEXT CHECK (result IN ('apprenticeship', 'eq', 'school', 'job', 'studies', 'none', 'unknown')),
  occupation   TEXT NOT NULL DEFAULT '',
  recorded_on  TEXT
);
CREATE INDEX counsel_outcome_case ON counsel_outcome(case_id);
CREATE INDEX counsel_outcome_due ON counsel_outcome(due_on);
