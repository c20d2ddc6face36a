-- 0002_auth.sql — staff accounts, roles, sessions, the audit log, page revisions.

CREATE TABLE user (
  id                  INTEGER PRIMARY KEY,
  email               TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name        TEXT NOT NULL DEFAULT '',
  pw_hash             TEXT NOT NULL,           -- argon2id, libsodium crypto_pwhash_str
  org_id              TEXT,                    -- a partner's provider organisation
  disabled            INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  failed_count        INTEGER NOT NULL DEFAULT 0,
  failed_since        INTEGER NOT NULL DEFAULT 0,  -- unix time of the first failure in the window
  locked_until        INTEGER NOT NULL DEFAULT 0,  -- unix time
  created_at          INTEGER NOT NULL,
  password_changed_at INTEGER NOT NULL
);

CREATE TABLE user_role (
  user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
  role    TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'researcher', 'counsellor', 'partner')),
  PRIMARY KEY (user_id, role)
) WITHOUT ROWID;

-- The token is only in the cookie; the database keeps its BLAKE2b hash.
CREATE TABLE session (
  id_hash    BLOB PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
  csrf       TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_seen  INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX session_user ON session(user_id);

-- Append-only and hash-chained: hash = SHA-256 over prev_hash and the row's
-- fields (see src/auth/audit.c); `lotse audit verify` recomputes the chain.
-- No message contents or personal data of the public go here.
CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,
  user_id     INTEGER,                -- no foreign key: the log outlives accounts
  action      TEXT NOT NULL,
  object_type TEXT NOT NULL DEFAULT '',
  object_id   TEXT NOT NULL DEFAULT '',
  outcome     TEXT NOT NULL,
  prev_hash   TEXT NOT NULL,
  hash        TEXT NOT NULL
);
CREATE INDEX audit_log_user ON audit_log(user_id, id);
CREATE INDEX audit_log_action ON audit_log(action, id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

CREATE TABLE page_revision (
  id          INTEGER PRIMARY KEY,
  slug        TEXT NOT NULL,
  lang        TEXT NOT NULL,
  title       TEXT NOT NULL,
  description TEXT NOT NULL,
  body_md     TEXT NOT NULL,
  author_id   INTEGER REFERENCES user(id) ON DELETE SET NULL,
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX page_revision_page ON page_revision(slug, lang, id);
