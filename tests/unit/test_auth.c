/* test_auth.c — the rules of accounts: session lifetime, permissions,
 * password policy, hashing, sessions and the audit chain on a real file. */
#include "auth/auth.h"
#include "search/search.h"
#include "core/core.h"
#include "core/i18n.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void test_session_state(void **state)
{
	(void)state;
	int64_t t0 = 1000000;
	assert_int_equal(auth_session_state(t0, t0, t0), SESSION_OK);
	assert_int_equal(auth_session_state(t0, t0, t0 + AUTH_IDLE_TIMEOUT - 1), SESSION_OK);
	assert_int_equal(auth_session_state(t0, t0, t0 + AUTH_IDLE_TIMEOUT), SESSION_IDLE);
	/* active all the time, but older than 12 hours */
	int64_t late = t0 + AUTH_ABSOLUTE_TIMEOUT;
	assert_int_equal(auth_session_state(t0, late - 10, late), SESSION_EXPIRED);
	assert_int_equal(auth_session_state(t0, late - 10, late - 1), SESSION_OK);
	/* a clock that went backwards does not extend anything */
	assert_int_equal(auth_session_state(t0, t0, t0 - 5), SESSION_EXPIRED);
}

static void test_allows(void **state)
{
	(void)state;
	assert_true(auth_allows(PERM_PUBLIC, 0));
	assert_false(auth_allows(PERM_STAFF, 0));
	assert_true(auth_allows(PERM_STAFF, ROLE_PARTNER));
	assert_true(auth_allows(PERM_ADMIN, ROLE_ADMIN | ROLE_EDITOR));
	assert_false(auth_allows(PERM_ADMIN, ROLE_EDITOR));
	assert_false(auth_allows(PERM_EDITOR, ROLE_ADMIN)); /* admin is not editor by itself */
	assert_true(auth_allows(PERM_RESEARCHER, ROLE_RESEARCHER));
	assert_true(auth_allows(PERM_COUNSELLOR, ROLE_COUNSELLOR));
	assert_true(auth_allows(PERM_PARTNER, ROLE_PARTNER));
	assert_false(auth_allows(PERM_UNDECLARED, 0xFF)); /* deny by default */
	assert_false(auth_allows(PERM__MAX, 0xFF));
}

static void test_roles(void **state)
{
	(void)state;
	assert_int_equal(auth_role_parse("admin"), ROLE_ADMIN);
	assert_int_equal(auth_role_parse("partner"), ROLE_PARTNER);
	assert_int_equal(auth_role_parse("Admin"), 0);
	assert_int_equal(auth_role_parse(""), 0);
	assert_int_equal(auth_role_parse(NULL), 0);
}

static void test_password_rules(void **state)
{
	(void)state;
	assert_non_null(auth_password_problem("kurz", "a@b.de"));
	assert_non_null(auth_password_problem("elfzeichen1", "a@b.de"));    /* 11 */
	assert_null(auth_password_problem("Lotsen-Boot-7-Rhein", "a@b.de"));
	assert_non_null(auth_password_problem("passwort1234", NULL));         /* common */
	assert_non_null(auth_password_problem("PASSWORT1234", NULL));         /* case does not help */
	assert_non_null(auth_password_problem("123456789012", NULL));
	assert_non_null(auth_password_problem("aaaaaaaaaaaaaaaa", NULL));     /* one character */
	assert_non_null(auth_password_problem("xx-maria.k-2024!!", "maria.k@example.org"));
	/* 12 umlauts are 12 characters, not 24 bytes of "too long" or "short" */
	assert_null(auth_password_problem("äöüßéèêàçñåø", NULL));
	assert_non_null(auth_password_problem("äöüßéèêàçñå", NULL));
	/* passwdqc: not on the common list, but a dictionary word with digits,
	 * a keyboard or alphabet sequence, the e-mail's name with digits */
	const char *dict = "Dieses Passwort ist leicht zu erraten: Es beruht auf einem Wort aus dem Wörterbuch oder "
			   "einer bekannten Zeichenfolge. Bitte wählen Sie ein anderes, etwa einen Satz aus mehreren "
			   "Wörtern.";
	assert_string_equal(auth_password_problem("Sommer2026!!", NULL), dict);
	assert_string_equal(auth_password_problem("elfzeichen12", NULL), dict);
	assert_string_equal(auth_password_problem("abcdefghijkl1", NULL), dict);
	assert_string_equal(auth_password_problem("anna.schmidt1234", "anna.schmidt@example.org"),
			    "Das Passwort darf Ihre E-Mail-Adresse nicht enthalten.");
	/* a passphrase and the test passwords of the other suites pass */
	assert_null(auth_password_problem("korrekt-pferd-batterie-klammer", NULL));
	assert_null(auth_password_problem("Neues-Passwort-fuer-Mainz", "neu@example.org"));
	assert_null(auth_password_problem("Rheinfaehre-faehrt-um-acht", NULL));
	/* ASVS 2.1.2: 64 and 128 characters are allowed, 129 are refused
	 * (characters, not bytes: 128 umlauts pass) */
	char longpw[600];
	const char *words = "Rheinfaehre-faehrt-um-acht-nach-Kastel-und-zurueck-wenn-Nebel-ist-";
	for (size_t n = 0; n < 129; n++)
		longpw[n] = words[n % strlen(words)];
	longpw[64] = '\0';
	assert_null(auth_password_problem(longpw, NULL));
	longpw[64] = words[64 % strlen(words)];
	longpw[128] = '\0';
	assert_null(auth_password_problem(longpw, NULL));
	longpw[128] = 'X';
	longpw[129] = '\0';
	assert_string_equal(auth_password_problem(longpw, NULL), "Das Passwort darf höchstens 128 Zeichen lang sein.");
	longpw[0] = '\0';
	for (int n = 0; n < 128; n++)
		strcat(longpw, n % 2 ? "ä" : "ö");
	assert_int_equal(strlen(longpw), 256);
	const char *umlauts = auth_password_problem(longpw, NULL);
	assert_true(umlauts == NULL || strstr(umlauts, "128") == NULL);
}

static void test_hash_verify(void **state)
{
	(void)state;
	char hash[128];
	assert_int_equal(auth_hash_password("Lotsen-Boot-7-Rhein", hash), 0);
	assert_non_null(strstr(hash, "$argon2id$"));
	assert_true(auth_verify_password(hash, "Lotsen-Boot-7-Rhein"));
	assert_false(auth_verify_password(hash, "Lotsen-Boot-7-rhein"));
	assert_false(auth_verify_password(NULL, "Lotsen-Boot-7-Rhein")); /* unknown user */
	assert_false(auth_verify_password("", ""));
	char t1[44], t2[44];
	auth_token(t1);
	auth_token(t2);
	assert_int_equal(strlen(t1), 43);
	assert_string_not_equal(t1, t2);
	char pw[20];
	auth_random_password(pw, sizeof(pw), 16);
	assert_int_equal(strlen(pw), 16);
	assert_null(auth_password_problem(pw, NULL));
}

/* A migrated database in a temporary folder. */
static struct store *temp_store(char *dir, size_t n)
{
	snprintf(dir, n, "/tmp/lotse-unit-XXXXXX");
	assert_non_null(mkdtemp(dir));
	char path[300], err[300];
	snprintf(path, sizeof(path), "%s/t.db", dir);
	struct store *s;
	assert_int_equal(store_open(path, STORE_CREATE, &s, err, sizeof(err)), ST_OK);
	assert_int_equal(store_migrate(s, err, sizeof(err)), ST_OK);
	return s;
}

static void remove_dir(const char *dir)
{
	char cmd[300];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

static void test_users_and_sessions(void **state)
{
	(void)state;
	char dir[64];
	struct store *s = temp_store(dir, sizeof(dir));
	arena *a = arena_new();
	int64_t id;
	assert_int_equal(auth_user_add(s, "Ed@Example.org", "Ed", "Lotsen-Boot-7-Rhein",
				       ROLE_EDITOR | ROLE_RESEARCHER, NULL, &id), ST_OK);
	assert_int_equal(auth_user_add(s, "ed@example.org", "Ed2", "Lotsen-Boot-7-Rhein", ROLE_EDITOR,
				       NULL, &id), ST_CONFLICT);
	struct user_row u;
	assert_int_equal(auth_user_by_email(s, a, "ED@example.org", &u), ST_OK);
	assert_int_equal(u.roles, ROLE_EDITOR | ROLE_RESEARCHER);

	char token[44], csrf[44];
	int64_t now = 5000000;
	assert_int_equal(auth_session_create(s, u.id, now, token, csrf), ST_OK);
	struct auth_user au;
	assert_int_equal(auth_session_load(s, a, token, now + 10, &au), ST_OK);
	assert_int_equal(au.id, u.id);
	assert_string_equal(au.csrf, csrf);
	assert_int_equal(au.roles, ROLE_EDITOR | ROLE_RESEARCHER);
	/* the database holds no token */
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(store_db(s), "SELECT count(*) FROM session WHERE "
					    "instr(CAST(id_hash AS TEXT), ?) > 0", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, token, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 0);
	sqlite3_finalize(st);
	/* idle: gone, and stays gone */
	assert_int_equal(auth_session_load(s, a, token, now + 10 + AUTH_IDLE_TIMEOUT, &au), ST_NOTFOUND);
	assert_int_equal(auth_session_load(s, a, token, now + 20, &au), ST_NOTFOUND);
	/* a wrong or malformed token */
	assert_int_equal(auth_session_load(s, a, "x", now, &au), ST_NOTFOUND);
	assert_int_equal(auth_session_load(s, a, NULL, now, &au), ST_NOTFOUND);
	/* disabling ends sessions */
	assert_int_equal(auth_session_create(s, u.id, now, token, csrf), ST_OK);
	assert_int_equal(auth_user_set_disabled(s, u.id, 1), ST_OK);
	assert_int_equal(auth_session_load(s, a, token, now + 1, &au), ST_NOTFOUND);
	/* enabling lifts the sign-in throttle: failures before it are forgotten */
	assert_int_equal(auth_user_by_id(s, a, u.id, &u), ST_OK);
	assert_int_equal(u.throttle_lifted_at, 0);
	assert_int_equal(auth_user_set_disabled(s, u.id, 0), ST_OK);
	assert_int_equal(auth_user_by_id(s, a, u.id, &u), ST_OK);
	assert_true(u.throttle_lifted_at >= now && u.throttle_lifted_at <= core_now());
	arena_free(a);
	store_close(s);
	remove_dir(dir);
}

static void test_audit_chain(void **state)
{
	(void)state;
	char dir[64], msg[300];
	struct store *s = temp_store(dir, sizeof(dir));
	assert_int_equal(audit_key_open(s, 1, msg, sizeof(msg)), ST_OK); /* as lotse init does */
	assert_int_equal(audit_verify(s, msg, sizeof(msg)), 0); /* empty is intact */
	for (int i = 0; i < 5; i++)
		assert_int_equal(audit_add(s, i, "login", "user", "1", "ok"), ST_OK);
	assert_int_equal(audit_verify(s, msg, sizeof(msg)), 0);
	assert_non_null(strstr(msg, "5 rows"));
	/* append-only: the triggers refuse changes */
	assert_int_not_equal(sqlite3_exec(store_db(s), "UPDATE audit_log SET outcome = 'x'", NULL, NULL,
					  NULL), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(store_db(s), "DELETE FROM audit_log", NULL, NULL, NULL), SQLITE_OK);
	/* someone with the file drops the trigger and edits row 3 */
	assert_int_equal(sqlite3_exec(store_db(s), "DROP TRIGGER audit_log_no_update;"
				      "UPDATE audit_log SET outcome = 'failed' WHERE id = 3", NULL, NULL, NULL),
			 SQLITE_OK);
	assert_int_equal(audit_verify(s, msg, sizeof(msg)), 3);
	store_close(s);
	remove_dir(dir);

	s = temp_store(dir, sizeof(dir));
	for (int i = 0; i < 4; i++)
		assert_int_equal(audit_add(s, 1, "contact_read", "contact_message", "7", "ok"), ST_OK);
	assert_int_equal(sqlite3_exec(store_db(s), "DROP TRIGGER audit_log_no_delete;"
				      "DELETE FROM audit_log WHERE id = 2", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(audit_verify(s, msg, sizeof(msg)), 3);
	store_close(s);
	remove_dir(dir);
}

/* Overwrite the b-tree page header of the page of path that holds needle
 * (a closed database: the WAL checkpointed into the file), so reading that
 * page fails with SQLITE_CORRUPT. */
static void corrupt_page_holding(const char *path, const char *needle)
{
	FILE *f = fopen(path, "r+b");
	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	long size = ftell(f);
	assert_true(size > 0);
	char *data = malloc((size_t)size);
	assert_non_null(data);
	rewind(f);
	assert_int_equal(fread(data, 1, (size_t)size, f), (size_t)size);
	unsigned page = ((unsigned char)data[16] << 8) | (unsigned char)data[17];
	if (page == 1)
		page = 65536;
	size_t n = strlen(needle);
	long at = -1;
	for (long i = 0; i + (long)n <= size && at < 0; i++)
		if (memcmp(data + i, needle, n) == 0)
			at = i;
	assert_true(at >= (long)page); /* not on page 1, the schema */
	static const unsigned char junk[16] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
						0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	assert_int_equal(fseek(f, at / (long)page * (long)page, SEEK_SET), 0);
	assert_int_equal(fwrite(junk, 1, sizeof(junk), f), sizeof(junk));
	assert_int_equal(fclose(f), 0);
	free(data);
}

/* A row that cannot be read is not the end of the log: verify fails
 * closed (-1, "cannot read"), never "chain intact" over the rows before. */
/* A session whose last_seen cannot be written, or whose expiry cannot be
 * deleted, is a failure (ST_ERR), not a signed-in or signed-out user. */
static void test_session_write_fails(void **state)
{
	(void)state;
	char dir[64];
	struct store *s = temp_store(dir, sizeof(dir));
	arena *a = arena_new();
	int64_t id;
	assert_int_equal(auth_user_add(s, "ed@example.org", "Ed", "Lotsen-Boot-7-Rhein", ROLE_EDITOR, NULL, &id),
			 ST_OK);
	char token[44], csrf[44];
	int64_t now = 5000000;
	assert_int_equal(auth_session_create(s, id, now, token, csrf), ST_OK);
	struct auth_user au;
	assert_int_equal(sqlite3_exec(store_db(s), "CREATE TRIGGER no_touch BEFORE UPDATE ON session "
						   "BEGIN SELECT RAISE(ABORT, 'no'); END;"
						   "CREATE TRIGGER no_end BEFORE DELETE ON session "
						   "BEGIN SELECT RAISE(ABORT, 'no'); END", NULL, NULL, NULL), SQLITE_OK);
	/* within the minute nothing is written */
	assert_int_equal(auth_session_load(s, a, token, now + 10, &au), ST_OK);
	/* past it, last_seen is */
	assert_int_equal(auth_session_load(s, a, token, now + 120, &au), ST_ERR);
	/* expired, the session is deleted */
	assert_int_equal(auth_session_load(s, a, token, now + AUTH_IDLE_TIMEOUT + 10, &au), ST_ERR);
	assert_int_equal(sqlite3_exec(store_db(s), "DROP TRIGGER no_touch; DROP TRIGGER no_end", NULL, NULL, NULL),
			 SQLITE_OK);
	assert_int_equal(auth_session_load(s, a, token, now + 120, &au), ST_OK);
	assert_int_equal(auth_session_load(s, a, token, now + 120 + AUTH_IDLE_TIMEOUT + 10, &au), ST_NOTFOUND);
	arena_free(a);
	store_close(s);
	remove_dir(dir);
}

static void test_audit_unreadable(void **state)
{
	(void)state;
	char dir[64], msg[300], path[300], hash[65];
	struct store *s = temp_store(dir, sizeof(dir));
	enum { ROWS = 600 };
	for (int i = 0; i < ROWS; i++)
		assert_int_equal(audit_add(s, 1, "login", "user", "1", "ok"), ST_OK);
	assert_int_equal(audit_verify(s, msg, sizeof(msg)), 0);
	sqlite3_stmt *st = store_stmt(s, "SELECT hash FROM audit_log WHERE id = 500");
	assert_int_equal(store_step(st), 1);
	snprintf(hash, sizeof(hash), "%s", store_col_text(st, 0));
	sqlite3_reset(st);
	store_close(s);
	snprintf(path, sizeof(path), "%s/t.db", dir);
	corrupt_page_holding(path, hash);

	char err[300];
	assert_int_equal(store_open(path, STORE_EXISTING, &s, err, sizeof(err)), ST_OK);
	int64_t rows = -1;
	assert_int_equal(audit_verify_rows(s, &rows, msg, sizeof(msg)), -1);
	assert_non_null(strstr(msg, "cannot read the audit log"));
	assert_null(strstr(msg, "intact"));
	assert_true(rows > 0 && rows < ROWS); /* the rows before were read */
	/* the viewer's list fails too, not a shorter log */
	arena *a = arena_new();
	struct audit_row *list;
	size_t n = 99;
	struct audit_filter flt = { .limit = ROWS };
	assert_int_equal(audit_list(s, a, &flt, &list, &n), ST_ERR);
	assert_int_equal(n, 0);
	arena_free(a);
	store_close(s);
	remove_dir(dir);
}

/* A value of the wrong type that reads as the right text (a BLOB with the
 * hash's bytes, an outcome as BLOB) is malformed, not intact. */
static void test_audit_malformed(void **state)
{
	(void)state;
	char dir[64], msg[300];
	struct store *s = temp_store(dir, sizeof(dir));
	for (int i = 0; i < 4; i++)
		assert_int_equal(audit_add(s, 1, "login", "user", "1", "ok"), ST_OK);
	assert_int_equal(sqlite3_exec(store_db(s), "DROP TRIGGER audit_log_no_update;"
				      "UPDATE audit_log SET hash = CAST(hash AS BLOB) WHERE id = 3", NULL, NULL, NULL),
			 SQLITE_OK);
	assert_int_equal(audit_verify(s, msg, sizeof(msg)), 3);
	assert_non_null(strstr(msg, "row 3 is malformed"));
	store_close(s);
	remove_dir(dir);

	s = temp_store(dir, sizeof(dir));
	for (int i = 0; i < 4; i++)
		assert_int_equal(audit_add(s, 1, "login", "user", "1", "ok"), ST_OK);
	assert_int_equal(sqlite3_exec(store_db(s), "DROP TRIGGER audit_log_no_update;"
				      "UPDATE audit_log SET outcome = CAST(outcome AS BLOB) WHERE id = 2", NULL, NULL,
				      NULL),
			 SQLITE_OK);
	assert_int_equal(audit_verify(s, msg, sizeof(msg)), 2);
	assert_non_null(strstr(msg, "malformed"));
	store_close(s);
	remove_dir(dir);
}

int main(void)
{
	search_init(); /* the schema needs its tokenizer */
	i18n_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_session_state),
		cmocka_unit_test(test_allows),
		cmocka_unit_test(test_roles),
		cmocka_unit_test(test_password_rules),
		cmocka_unit_test(test_hash_verify),
		cmocka_unit_test(test_users_and_sessions),
		cmocka_unit_test(test_session_write_fails),
		cmocka_unit_test(test_audit_chain),
		cmocka_unit_test(test_audit_unreadable),
		cmocka_unit_test(test_audit_malformed),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	i18n_free();
	return rc;
}
