-- 0011_login_throttle.sql — sign-in is throttled per account and client in
-- the server's memory (src/auth/throttle.c) instead of locking the account
-- in the database: the lock's columns go; throttle_lifted_at is when
-- `lotse user enable` or the admin's "freigeben" last lifted the throttle
-- (failures before it no longer count).
ALTER TABLE user ADD COLUMN throttle_lifted_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE user DROP COLUMN failed_count;
ALTER TABLE user DROP COLUMN failed_since;
ALTER TABLE user DROP COLUMN locked_until;
