/* test_audit.c — the audit log's key file, its keyed chain, the rows from
 * before the key, the head kept outside the database, the viewer's
 * incremental check and the shortened client address. */
#include "auth/auth.h"
#include "search/search.h"
#include "core/keyfile.h"
#include "core/log.h"
#include "support/testdb.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <utime.h>

static void exec_ok(struct store *s, const char *sql)
{
	char *msg = NULL;
	int rc = sqlite3_exec(store_db(s), sql, NULL, NULL, &msg);
	if (rc != SQLITE_OK)
		fprintf(stderr, "%s: %s\n", sql, msg ? msg : "?");
	sqlite3_free(msg);
	assert_int_equal(rc, SQLITE_OK);
}

static void key_file_of(const struct testdb *t, char *out, size_t n)
{
	snprintf(out, n, "%s/lotse.key", t->dir);
}

static void test_keyfile(void **state)
{
	(void)state;
	char dir[] = "/tmp/lotse-key-XXXXXX", path[200], err[400];
	assert_non_null(mkdtemp(dir));
	unsetenv("LOTSE_KEY_FILE");
	char db[128];
	snprintf(db, sizeof(db), "%s/lotse.db", dir);
	assert_int_equal(keyfile_path(db, path, sizeof(path)), 0);
	char want[160];
	snprintf(want, sizeof(want), "%s/lotse.key", dir);
	assert_string_equal(path, want);
	setenv("LOTSE_KEY_FILE", "/elsewhere/k", 1);
	assert_int_equal(keyfile_path(db, path, sizeof(path)), 0);
	assert_string_equal(path, "/elsewhere/k");
	unsetenv("LOTSE_KEY_FILE");
	snprintf(path, sizeof(path), "%s", want);

	unsigned char a[KEYFILE_BYTES], b[KEYFILE_BYTES], c[KEYFILE_BYTES];
	int created = 0;
	/* missing and not to be created: a clear message */
	assert_int_equal(keyfile_load(path, KEYFILE_EXISTING, "audit", a, &created, err, sizeof(err)), -1);
	assert_non_null(strstr(err, path));
	assert_int_equal(keyfile_load(path, KEYFILE_CREATE, "audit", a, &created, err, sizeof(err)), 0);
	assert_int_equal(created, 1);
	struct stat sb;
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(sb.st_size, KEYFILE_BYTES);
	/* the same subkey again; another purpose another key */
	assert_int_equal(keyfile_load(path, KEYFILE_CREATE, "audit", b, &created, err, sizeof(err)), 0);
	assert_int_equal(created, 0);
	assert_memory_equal(a, b, sizeof(a));
	assert_int_equal(keyfile_load(path, KEYFILE_EXISTING, "counsel", c, NULL, err, sizeof(err)), 0);
	assert_memory_not_equal(a, c, sizeof(a));
	assert_int_equal(keyfile_load(path, KEYFILE_EXISTING, "", c, NULL, err, sizeof(err)), -1);
	assert_int_equal(keyfile_load(path, KEYFILE_EXISTING, "too-long-purpose", c, NULL, err, sizeof(err)), -1);
	/* readable by others: refused */
	assert_int_equal(chmod(path, 0644), 0);
	assert_int_equal(keyfile_load(path, KEYFILE_EXISTING, "audit", c, NULL, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "chmod 600"));
	assert_int_equal(chmod(path, 0640), 0); /* a group may */
	assert_int_equal(keyfile_load(path, KEYFILE_EXISTING, "audit", c, NULL, err, sizeof(err)), 0);
	/* a short key: refused, never padded */
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs("short", f);
	fclose(f);
	assert_int_equal(keyfile_load(path, KEYFILE_EXISTING, "audit", c, NULL, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "32 bytes"));
	char cmd[160];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

/* Recompute every row's hash by the old, key-less rule (SHA-256 over the
 * first eight fields), as someone holding only the database can. */
static void rewrite_plain(struct store *s, int unkey)
{
	exec_ok(s, "DROP TRIGGER IF EXISTS audit_log_no_update");
	if (unkey)
		exec_ok(s, "UPDATE audit_log SET keyed = 0, client = '', detail = ''");
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(store_db(s), "SELECT id, at, coalesce(user_id, 0), action, "
				"object_type, object_id, outcome FROM audit_log ORDER BY id", -1, &st, NULL), SQLITE_OK);
	char prev[65];
	memset(prev, '0', 64);
	prev[64] = '\0';
	while (sqlite3_step(st) == SQLITE_ROW) {
		char msg[2048], hex[65];
		snprintf(msg, sizeof(msg), "%s\x1f%lld\x1f%s\x1f%lld\x1f%s\x1f%s\x1f%s\x1f%s", prev,
			 (long long)sqlite3_column_int64(st, 0), sqlite3_column_text(st, 1),
			 (long long)sqlite3_column_int64(st, 2), sqlite3_column_text(st, 3),
			 sqlite3_column_text(st, 4), sqlite3_column_text(st, 5), sqlite3_column_text(st, 6));
		unsigned char h[32];
		crypto_hash_sha256(h, (const unsigned char *)msg, strlen(msg));
		sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
		char sql[300];
		snprintf(sql, sizeof(sql), "UPDATE audit_log SET prev_hash = '%s', hash = '%s' WHERE id = %lld", prev,
			 hex, (long long)sqlite3_column_int64(st, 0));
		exec_ok(s, sql);
		memcpy(prev, hex, sizeof(prev));
	}
	sqlite3_finalize(st);
}

static void test_keyed_chain(void **state)
{
	(void)state;
	struct testdb t;
	char msg[600], key[128];
	assert_int_equal(testdb_open(&t), 0);
	key_file_of(&t, key, sizeof(key));
	/* verify never makes a key: without one it fails, saying so */
	assert_int_equal(audit_verify(t.s, msg, sizeof(msg)), -1);
	assert_non_null(strstr(msg, "without its key"));
	for (int i = 0; i < 5; i++)
		assert_int_equal(audit_add(t.s, 1, "login", "user", "1", "ok"), ST_OK);
	assert_int_equal(access(key, F_OK), 0); /* made on first use */
	assert_int_equal(testdb_scalar(t.s, "SELECT count(*) FROM audit_log WHERE keyed = 1 AND client = 'local'"),
			 5);
	assert_int_equal(audit_verify(t.s, msg, sizeof(msg)), 0);
	assert_non_null(strstr(msg, "5 rows, chain intact"));
	/* a detail is covered by the MAC too */
	struct audit_entry e = { .user_id = 1, .action = "user_roles", .object_type = "user", .object_id = "2",
				 .outcome = "ok", .detail = "editor -> admin,editor", .client = "192.0.2.0/24" };
	assert_int_equal(audit_write(t.s, &e), ST_OK);
	assert_int_equal(audit_verify(t.s, msg, sizeof(msg)), 0);
	exec_ok(t.s, "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET detail = 'editor -> editor' WHERE id = 6");
	assert_int_equal(audit_verify(t.s, msg, sizeof(msg)), 6);
	exec_ok(t.s, "UPDATE audit_log SET detail = 'editor -> admin,editor' WHERE id = 6");
	assert_int_equal(audit_verify(t.s, msg, sizeof(msg)), 0);

	/* change row 2 and recompute the chain without the key: found */
	exec_ok(t.s, "UPDATE audit_log SET outcome = 'failed' WHERE id = 2");
	rewrite_plain(t.s, 0);
	assert_int_equal(audit_verify(t.s, msg, sizeof(msg)), 1);
	/* and marking every row as one from before the key: found too, as the
	 * rows are dated after the key was made */
	struct utimbuf old = { time(NULL) - 3600, time(NULL) - 3600 };
	assert_int_equal(utime(key, &old), 0);
	rewrite_plain(t.s, 1);
	assert_int_equal(audit_verify(t.s, msg, sizeof(msg)), 1);
	assert_non_null(strstr(msg, "dated after the key was made"));
	assert_int_equal(testdb_close(&t), 0);
}

/* A database from before the key: its rows keep verifying by the old rule,
 * marked as unkeyed; new rows are keyed; no unkeyed row after a keyed one. */
static void test_rows_from_before_the_key(void **state)
{
	(void)state;
	struct testdb t;
	char msg[600];
	assert_int_equal(testdb_open(&t), 0);
	exec_ok(t.s, "INSERT INTO audit_log(id, at, user_id, action, object_type, object_id, outcome, prev_hash, hash) "
		     "VALUES (1, '2026-01-02T03:04:05Z', 1, 'login', 'user', '1', 'ok', '', ''),"
		     "(2, '2026-01-02T03:05:05Z', 1, 'logout', 'user', '1', 'ok', '', '')");
	rewrite_plain(t.s, 0); /* the old rule's hashes, as the old lotse wrote them */
	for (int i = 0; i < 3; i++)
		assert_int_equal(audit_add(t.s, 1, "login", "user", "1", "ok"), ST_OK);
	assert_int_equal(audit_verify(t.s, msg, sizeof(msg)), 0);
	assert_non_null(strstr(msg, "5 rows, chain intact (2 unkeyed rows"));
	/* an unkeyed row after keyed ones: the log was rewritten */
	exec_ok(t.s, "UPDATE audit_log SET keyed = 0, client = '' WHERE id = 5");
	assert_int_equal(audit_verify(t.s, msg, sizeof(msg)), 5);
	assert_int_equal(testdb_close(&t), 0);
}

static void test_missing_key(void **state)
{
	(void)state;
	struct testdb t;
	char msg[600], elsewhere[160];
	assert_int_equal(testdb_open(&t), 0);
	assert_int_equal(audit_add(t.s, 1, "login", "user", "1", "ok"), ST_OK);
	snprintf(elsewhere, sizeof(elsewhere), "%s/gone.key", t.dir);
	setenv("LOTSE_KEY_FILE", elsewhere, 1);
	/* the log has keyed rows: no new key is made in place of a lost one */
	assert_int_equal(audit_add(t.s, 1, "login", "user", "1", "ok"), ST_ERR);
	assert_int_equal(access(elsewhere, F_OK), -1);
	assert_int_equal(audit_key_open(t.s, 1, msg, sizeof(msg)), ST_ERR);
	assert_non_null(strstr(msg, "is missing"));
	assert_int_equal(audit_verify(t.s, msg, sizeof(msg)), -1);
	assert_non_null(strstr(msg, "without its key"));
	assert_non_null(strstr(msg, elsewhere));
	unsetenv("LOTSE_KEY_FILE");
	assert_int_equal(audit_verify(t.s, msg, sizeof(msg)), 0);
	assert_int_equal(testdb_close(&t), 0);
}

static void test_head(void **state)
{
	(void)state;
	struct testdb t;
	char msg[600], head[160];
	int n;
	assert_int_equal(testdb_open(&t), 0);
	for (int i = 0; i < 10; i++)
		assert_int_equal(audit_add(t.s, 1, "login", "user", "1", "ok"), ST_OK);
	snprintf(head, sizeof(head), "%s/backup.db.audit-head", t.dir);
	assert_int_equal(audit_head_write(t.s, head, msg, sizeof(msg)), ST_OK);
	struct stat sb;
	assert_int_equal(stat(head, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	for (int i = 0; i < 3; i++)
		assert_int_equal(audit_add(t.s, 1, "logout", "user", "1", "ok"), ST_OK);
	assert_int_equal(audit_verify_head(t.s, head, &n, msg, sizeof(msg)), 0);
	assert_int_equal(n, 1);
	/* the log's lines: an anchor after the time stamp counts, one in a
	 * request's path does not */
	char logf[160];
	snprintf(logf, sizeof(logf), "%s/server.log", t.dir);
	FILE *f = fopen(logf, "w");
	assert_non_null(f);
	fprintf(f, "2026-12-05 01:00:00Z info listening on http://127.0.0.1:8080 (4 threads)\n"
		   "2026-12-05 01:00:01Z info GET /audit-head id=99 mac=%064d 404 0.1ms\n", 0);
	fclose(f);
	assert_int_equal(audit_verify_head(t.s, logf, &n, msg, sizeof(msg)), -1); /* no anchor in it */
	assert_int_equal(n, 0);
	/* the log is cut after row 8: the chain is intact in itself, the anchor finds it */
	exec_ok(t.s, "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id > 8");
	assert_int_equal(audit_verify(t.s, msg, sizeof(msg)), 0);
	assert_int_equal(audit_verify_head(t.s, head, &n, msg, sizeof(msg)), 9);
	assert_non_null(strstr(msg, "truncated"));
	assert_int_equal(testdb_close(&t), 0);
}

static void test_parse_head(void **state)
{
	(void)state;
	char h[65], line[200];
	int64_t id;
	const char *mac = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
	snprintf(line, sizeof(line), "audit-head id=12 mac=%s\n", mac);
	assert_int_equal(audit_parse_head(line, &id, h), 1);
	assert_int_equal(id, 12);
	assert_string_equal(h, mac);
	snprintf(line, sizeof(line), "2026-12-05 01:00:00Z info audit-head id=3 mac=%s\r\n", mac);
	assert_int_equal(audit_parse_head(line, &id, h), 1);
	assert_int_equal(id, 3);
	static const char *const bad[][2] = { { "audit-head id= 12 mac=", "" }, { "audit-head id=+12 mac=", "" },
					      { "audit-head id=-1 mac=", "" }, { "audit-head id=12 mac=", " trailing" },
					      { "2026-12-05 01:00:00Z info GET /audit-head id=12 mac=", "" },
					      { "x audit-head id=12 mac=", "" },
					      { "audit-head id=99999999999999999999 mac=", "" } };
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		snprintf(line, sizeof(line), "%s%s%s", bad[i][0], mac, bad[i][1]);
		assert_int_equal(audit_parse_head(line, &id, h), 0);
	}
	assert_int_equal(audit_parse_head("audit-head id=12 mac=0123ABCDEF", &id, h), 0);
}

static void test_verify_new(void **state)
{
	(void)state;
	struct testdb t;
	char msg[600];
	int64_t rows;
	assert_int_equal(testdb_open(&t), 0);
	for (int i = 0; i < 20; i++)
		assert_int_equal(audit_add(t.s, 1, "login", "user", "1", "ok"), ST_OK);
	assert_int_equal(audit_verify_new(t.s, &rows, msg, sizeof(msg)), 0);
	assert_int_equal(rows, 20);
	for (int i = 0; i < 5; i++)
		assert_int_equal(audit_add(t.s, 1, "logout", "user", "1", "ok"), ST_OK);
	assert_int_equal(audit_verify_new(t.s, &rows, msg, sizeof(msg)), 0);
	assert_int_equal(rows, 25);
	/* a new row changed: found */
	assert_int_equal(audit_add(t.s, 1, "logout", "user", "1", "ok"), ST_OK);
	exec_ok(t.s, "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET outcome = 'x' WHERE id = 26");
	assert_int_equal(audit_verify_new(t.s, &rows, msg, sizeof(msg)), 26);
	exec_ok(t.s, "UPDATE audit_log SET outcome = 'ok' WHERE id = 26");
	/* after a failure the next view checks everything again */
	assert_int_equal(audit_verify_new(t.s, &rows, msg, sizeof(msg)), 0);
	assert_int_equal(rows, 26);
	/* the last row checked is cut: found */
	exec_ok(t.s, "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id = 26");
	assert_int_equal(audit_verify_new(t.s, &rows, msg, sizeof(msg)), 26);
	assert_int_equal(testdb_close(&t), 0);
}

static void test_client_text(void **state)
{
	(void)state;
	char out[AUDIT_CLIENT_MAX];
	audit_client_text("203.0.113.77", out);
	assert_string_equal(out, "203.0.113.0/24");
	audit_client_text("2001:db8:abcd:12:1:2:3:4", out);
	assert_string_equal(out, "2001:db8:abcd::/48");
	audit_client_text("::ffff:198.51.100.9", out);
	assert_string_equal(out, "198.51.100.0/24");
	audit_client_text("not an address", out);
	assert_string_equal(out, "?");
	audit_client_text(NULL, out);
	assert_string_equal(out, "?");
}

int main(void)
{
	search_init();
	log_set_quiet(1);
	unsetenv("LOTSE_KEY_FILE");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_keyfile),
		cmocka_unit_test(test_keyed_chain),
		cmocka_unit_test(test_rows_from_before_the_key),
		cmocka_unit_test(test_missing_key),
		cmocka_unit_test(test_head),
		cmocka_unit_test(test_parse_head),
		cmocka_unit_test(test_verify_new),
		cmocka_unit_test(test_client_text),
	};
	return cmocka_run_group_tests_name("audit", tests, NULL, NULL);
}
