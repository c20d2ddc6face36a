-- 0013_second_factor.sql — the second factor of a sign-in (TOTP, RFC 6238)
-- with its recovery codes, sign-ins waiting for their code, what a session
-- shows of itself (browser, re-authentication) and the notices an account
-- gets on password and second-factor changes. See src/auth/totp.c.

-- One authenticator per account. enabled 0: enrolment started, its first
-- code not yet entered. last_step: the last time step a code was used
-- for, so that a code counts once (ASVS 2.8.4).
CREATE TABLE user_totp (
  user_id    INTEGER PRIMARY KEY REFERENCES user(id) ON DELETE CASCADE,
  secret     TEXT NOT NULL,                 -- base32 (RFC 4648), 160 bits
  enabled    INTEGER NOT NULL DEFAULT 0 CHECK (enabled IN (0, 1)),
  last_step  INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);

-- Ten one-time codes per account, shown once; kept as BLAKE2b(salt, code).
CREATE TABLE recovery_code (
  id        INTEGER PRIMARY KEY,
  user_id   INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
  salt      BLOB NOT NULL,
  code_hash BLOB NOT NULL,
  used_at   INTEGER                         -- NULL while unused
);
CREATE INDEX recovery_code_user ON recovery_code(user_id);

-- A sign-in whose password was right and whose code is awaited. The token
-- is only in a cookie; the database keeps its BLAKE2b hash.
CREATE TABLE login_pending (
  id_hash    BLOB PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
  next       TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  fails      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX login_pending_user ON login_pending(user_id);

-- The browser of a session in short ("Firefox, Linux"; never the whole
-- User-Agent) and when its user last confirmed the password (and code).
ALTER TABLE session ADD COLUMN agent TEXT NOT NULL DEFAULT '';
ALTER TABLE session ADD COLUMN reauth_at INTEGER NOT NULL DEFAULT 0;

-- Changes the account's owner is told of in the staff area (ASVS 2.2.3).
CREATE TABLE account_notice (
  id      INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
  kind    TEXT NOT NULL CHECK (kind IN ('password', 'totp_on', 'totp_off', 'recovery')),
  at      INTEGER NOT NULL                  -- unix time
);
CREATE INDEX account_notice_user ON account_notice(user_id, at);

-- Every new password, however it was set (my account, an admin, the
-- command line), leaves a notice.
CREATE TRIGGER user_password_notice AFTER UPDATE OF pw_hash ON user
WHEN NEW.pw_hash <> OLD.pw_hash
BEGIN
  INSERT INTO account_notice(user_id, kind, at) VALUES (NEW.id, 'password', NEW.password_changed_at);
END;
