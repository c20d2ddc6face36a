-- 0012_audit.sql — the audit log is keyed, and says from where and what in detail.
--
-- keyed = 1: hash is HMAC-SHA-256 over prev_hash and the row's fields,
-- client and detail included, with a key from the key file outside the
-- database (src/core/keyfile.c, src/auth/audit.c), so a chain rewritten
-- with the database alone no longer verifies. keyed = 0: a row written
-- before the key existed, verified by the old rule (plain SHA-256, client
-- and detail empty); no such row may follow a keyed one.
-- client: where the request came from, shortened (IPv4 /24, IPv6 /48) or
-- "local" for the command line. detail: what else says what was done
-- (a file name and counts, old and new roles); never personal data.
ALTER TABLE audit_log ADD COLUMN client TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN detail TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN keyed INTEGER NOT NULL DEFAULT 0;
-- the log viewer's object filter lists the types that occur (audit_object_types)
CREATE INDEX audit_log_object ON audit_log(object_type, id);
