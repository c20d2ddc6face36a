/* test_restore.c — `lotse backup` and `lotse restore` as an operator uses
 * them: back up a database with content, change it, restore the backup,
 * start the server on it and see the old content served; a damaged, cut
 * off, foreign or newer copy is refused and the database is untouched; a
 * running server's database is not replaced under it (#11). */
#include "harness.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <curl/curl.h>
#include <dirent.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static struct server srv;

HARNESS_GROUP(srv, NULL, NULL)

/* The whole file at path (malloc'd; *len its size), or NULL. */
static void spit(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

static void run_sql(const char *path, const char *sql)
{
	sqlite3 *db;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	char *msg = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg ? msg : "?");
	sqlite3_close(db);
}

/* GET path and assert the body contains (want = 1) or lacks needle. */
static void served(const char *path, const char *needle, int want)
{
	struct reply r;
	assert_int_equal(http_get(&srv, path, &r), 0);
	assert_int_equal(r.status, 200);
	if (want)
		assert_contains(buf_str(&r.body), needle);
	else
		assert_not_contains(buf_str(&r.body), needle);
	reply_free(&r);
}

/* How many entries of srv.dir start with prefix. */
static int files_named(const char *prefix)
{
	DIR *d = opendir(srv.dir);
	assert_non_null(d);
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d)))
		n += strncmp(e->d_name, prefix, strlen(prefix)) == 0;
	closedir(d);
	return n;
}

/* The database as it is now, for "untouched": the same file (not
 * replaced) with the same content; only the audit log may have grown, by
 * the row of the refused restore. */
struct snapshot {
	ino_t ino;
	char content[4096];
};

static void snap(struct snapshot *s)
{
	struct stat sb;
	assert_int_equal(stat(srv.db, &sb), 0);
	s->ino = sb.st_ino;
	sqlite3 *db;
	assert_int_equal(sqlite3_open_v2(srv.db, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db,
					    "SELECT (SELECT group_concat(slug || lang || title || body_md, '|') FROM page)"
					    " || (SELECT count(*) FROM service) || '/' || (SELECT count(*) FROM organization)"
					    " || '/' || (SELECT count(*) FROM user) || '/' || (SELECT max(version) FROM "
					    "schema_version)",
					    -1, &st, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	const unsigned char *t = sqlite3_column_text(st, 0);
	assert_non_null(t);
	snprintf(s->content, sizeof(s->content), "%s", (const char *)t);
	sqlite3_finalize(st);
	sqlite3_close(db);
}

static void assert_untouched(const struct snapshot *s)
{
	struct snapshot now;
	snap(&now);
	assert_true(now.ino == s->ino);
	assert_string_equal(now.content, s->content);
}

static void test_backup_change_restore_serve(void **state)
{
	(void)state;
	char copy[400], junk[400], cut[400], foreign[400], newer[400], damaged[400];
	snprintf(copy, sizeof(copy), "%s/monday.db", srv.dir);
	buf out;
	buf_init(&out, 0);

	/* the backup, taken while the server runs */
	served("/bqn-rlp", "Das BQN RLP", 1);
	assert_int_equal(run_lotse(&out, "backup", "--db", srv.db, copy, NULL), 0);
	assert_int_equal(files_named("monday.db.partial-"), 0);
	assert_int_equal(db_scalar(&srv, "SELECT count(*) FROM audit_log WHERE action = 'backup' "
					 "AND object_id = 'monday.db' AND outcome = 'ok'"),
			 1);

	/* a restore while the server uses the database is refused */
	buf_reset(&out);
	assert_int_not_equal(run_lotse(&out, "restore", "--db", srv.db, copy, NULL), 0);
	assert_contains(buf_str(&out), "stop it first");
	served("/bqn-rlp", "Das BQN RLP", 1);

	/* the content changes after the backup */
	assert_int_equal(server_stop(&srv), 0);
	run_sql(srv.db, "UPDATE page SET title = 'Umbenannt am Dienstag' WHERE slug = 'bqn-rlp' AND lang = 'de'");
	assert_int_equal(db_scalar(&srv, "SELECT count(*) FROM page WHERE title = 'Umbenannt am Dienstag'"), 1);

	/* copies that are not a whole lotse database are refused, and the
	 * database is left as it was */
	size_t len = 0;
	char *good = file_slurp(copy, &len);
	assert_non_null(good);
	assert_true(len > 8192);
	snprintf(junk, sizeof(junk), "%s/junk.db", srv.dir);
	spit(junk, "this is not a database, it is a shopping list\n", 46);
	snprintf(cut, sizeof(cut), "%s/cut.db", srv.dir);
	spit(cut, good, len / 2);
	snprintf(damaged, sizeof(damaged), "%s/damaged.db", srv.dir);
	char *bad = malloc(len);
	memcpy(bad, good, len);
	for (size_t i = len / 2; i < len / 2 + 3 * 16384 && i < len; i++)
		bad[i] = (char)(i * 7);
	spit(damaged, bad, len);
	free(bad);
	snprintf(foreign, sizeof(foreign), "%s/foreign.db", srv.dir);
	run_sql(foreign, "CREATE TABLE schema_version(version INTEGER PRIMARY KEY, name TEXT);"
			 "INSERT INTO schema_version VALUES (1, 'something else');");
	snprintf(newer, sizeof(newer), "%s/newer.db", srv.dir);
	spit(newer, good, len);
	run_sql(newer, "INSERT INTO schema_version(version, name) VALUES (9999, '9999_future.sql')");
	free(good);

	struct snapshot before;
	snap(&before);
	const char *refused[] = { junk, cut, damaged, foreign, newer };
	for (size_t i = 0; i < sizeof(refused) / sizeof(*refused); i++) {
		buf_reset(&out);
		if (run_lotse(&out, "restore", "--db", srv.db, refused[i], NULL) == 0)
			fail_msg("%s was restored:\n%s", refused[i], buf_str(&out));
		assert_contains(buf_str(&out), "is refused");
		assert_untouched(&before);
		assert_int_equal(files_named("lotse.db.partial-"), 0);
		assert_int_equal(files_named("lotse.db.before-restore-"), 0);
	}
	assert_int_equal(db_scalar(&srv, "SELECT count(*) FROM audit_log WHERE action = 'restore' "
					 "AND outcome = 'refused'"),
			 6); /* the five, and the one while the server ran */

	/* the backup comes back; the changed database is kept aside */
	buf_reset(&out);
	if (run_lotse(&out, "restore", "--db", srv.db, copy, NULL) != 0)
		fail_msg("restore failed:\n%s", buf_str(&out));
	assert_contains(buf_str(&out), "before-restore-");
	assert_int_equal(files_named("lotse.db.before-restore-"), 1);
	assert_int_equal(files_named("lotse.db.partial-"), 0);
	struct stat sb;
	assert_int_equal(stat(srv.db, &sb), 0);
	assert_int_equal(sb.st_mode & 077, 0);
	assert_int_equal(db_scalar(&srv, "SELECT count(*) FROM audit_log WHERE action = 'restore' "
					 "AND object_id = 'monday.db' AND outcome = 'ok'"),
			 1);

	/* and the server serves the old content from it */
	assert_int_equal(server_restart(&srv), 0);
	served("/bqn-rlp", "Das BQN RLP", 1);
	served("/bqn-rlp", "Umbenannt am Dienstag", 0);
	buf_free(&out);
}

int main(int argc, char **argv)
{
	if (harness_args(argc, argv) != 0)
		return 2;
	curl_global_init(CURL_GLOBAL_DEFAULT);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_backup_change_restore_serve),
	};
	int failed = cmocka_run_group_tests_name("restore", tests, group_setup, group_teardown);
	curl_global_cleanup();
	return failed ? 1 : 0;
}
