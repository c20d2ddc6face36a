/* test_store.c — unit tests for the SQLite store: opening, pragmas, migrations, statement cache, backup, restore. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/core.h"
#include "core/embed.h"
#include "search/search.h"
#include "core/log.h"
#include "store/store.h"

/* Each test works in its own temporary directory. */
struct fx {
	char dir[64];
	char db[128];
	char err[512];
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	if (!f)
		return -1;
	const char *tmp = getenv("TMPDIR");
	snprintf(f->dir, sizeof(f->dir), "%s/lotse-store-XXXXXX", tmp && *tmp && strlen(tmp) < 30 ? tmp : "/tmp");
	if (!mkdtemp(f->dir)) {
		free(f);
		return -1;
	}
	snprintf(f->db, sizeof(f->db), "%s/lotse.db", f->dir);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	DIR *d = opendir(f->dir);
	if (d) {
		struct dirent *e;
		char path[512];
		while ((e = readdir(d)) != NULL) {
			if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
				continue;
			snprintf(path, sizeof(path), "%s/%s", f->dir, e->d_name);
			unlink(path);
		}
		closedir(d);
	}
	rmdir(f->dir);
	free(f);
	return 0;
}

/* A non-NULL pointer that store_open must overwrite on failure. */
static int bogus_target;
#define BOGUS ((struct store *)(void *)&bogus_target)

static int exists(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0;
}

static void path_in(const struct fx *f, char *out, size_t n, const char *name)
{
	snprintf(out, n, "%s/%s", f->dir, name);
}

/* A new, migrated database at f->db. */
static struct store *fresh(struct fx *f)
{
	struct store *s = NULL;
	assert_int_equal(store_open(f->db, STORE_CREATE, &s, f->err, sizeof(f->err)), ST_OK);
	assert_non_null(s);
	if (store_migrate(s, f->err, sizeof(f->err)) != ST_OK)
		fail_msg("migrate: %s", f->err);
	return s;
}

/* The single integer a query returns (-1 on error). */
static long long query_int(struct store *s, const char *sql)
{
	sqlite3_stmt *st;
	long long v = -1;
	if (sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static int table_exists(struct store *s, const char *name)
{
	sqlite3_stmt *st;
	int found = 0;
	assert_int_equal(sqlite3_prepare_v2(store_db(s),
					    "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?",
					    -1, &st, NULL),
			 SQLITE_OK);
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return found;
}

static void test_open_create(void **state)
{
	struct fx *f = *state;
	struct store *s = BOGUS; /* must be reset */
	assert_false(exists(f->db));
	assert_int_equal(store_open(f->db, STORE_CREATE, &s, f->err, sizeof(f->err)), ST_OK);
	assert_non_null(s);
	assert_non_null(store_db(s));
	assert_true(exists(f->db));
	store_close(s);

	/* a second CREATE refuses the file that is now there */
	s = BOGUS;
	f->err[0] = '\0';
	assert_int_equal(store_open(f->db, STORE_CREATE, &s, f->err, sizeof(f->err)), ST_ERR);
	assert_null(s);
	assert_non_null(strstr(f->err, "exists"));

	/* EXISTING opens it */
	assert_int_equal(store_open(f->db, STORE_EXISTING, &s, f->err, sizeof(f->err)), ST_OK);
	assert_non_null(s);
	store_close(s);
	store_close(NULL); /* allowed */
}

static void test_create_refuses_any_existing_file(void **state)
{
	struct fx *f = *state;
	/* a file that is not a database is not touched */
	FILE *fp = fopen(f->db, "w");
	assert_non_null(fp);
	fputs("not a database", fp);
	fclose(fp);
	struct store *s = NULL;
	assert_int_equal(store_open(f->db, STORE_CREATE, &s, f->err, sizeof(f->err)), ST_ERR);
	assert_null(s);
	assert_non_null(strstr(f->err, f->db));
	fp = fopen(f->db, "r");
	char line[64] = "";
	assert_non_null(fgets(line, sizeof(line), fp));
	fclose(fp);
	assert_string_equal(line, "not a database");

	/* opening it as an existing database fails cleanly, too */
	assert_int_equal(store_open(f->db, STORE_EXISTING, &s, f->err, sizeof(f->err)), ST_ERR);
	assert_null(s);
	fp = fopen(f->db, "r");
	assert_non_null(fgets(line, sizeof(line), fp));
	fclose(fp);
	assert_string_equal(line, "not a database");
}

static void test_open_existing_missing(void **state)
{
	struct fx *f = *state;
	struct store *s = BOGUS;
	f->err[0] = '\0';
	assert_int_equal(store_open(f->db, STORE_EXISTING, &s, f->err, sizeof(f->err)), ST_ERR);
	assert_null(s);
	assert_true(strlen(f->err) > 0);
	assert_non_null(strstr(f->err, "does not exist"));
	assert_false(exists(f->db)); /* not created by accident */

	/* a directory that does not exist */
	char p[256];
	path_in(f, p, sizeof(p), "nope/x.db");
	assert_int_equal(store_open(p, STORE_CREATE, &s, f->err, sizeof(f->err)), ST_ERR);
	assert_null(s);
}

static void test_pragmas(void **state)
{
	struct fx *f = *state;
	struct store *s = fresh(f);
	assert_int_equal(query_int(s, "PRAGMA foreign_keys"), 1);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(store_db(s), "PRAGMA journal_mode", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal(store_col_text(st, 0), "wal");
	sqlite3_finalize(st);
	store_close(s);

	/* the same on reopening an existing database */
	assert_int_equal(store_open(f->db, STORE_EXISTING, &s, f->err, sizeof(f->err)), ST_OK);
	assert_int_equal(query_int(s, "PRAGMA foreign_keys"), 1);
	assert_int_equal(sqlite3_prepare_v2(store_db(s), "PRAGMA journal_mode", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal(store_col_text(st, 0), "wal");
	sqlite3_finalize(st);
	store_close(s);
}

static void test_migrate(void **state)
{
	struct fx *f = *state;
	int latest = store_schema_latest();
	assert_true(latest >= 1);
	struct store *s = NULL;
	assert_int_equal(store_open(f->db, STORE_CREATE, &s, f->err, sizeof(f->err)), ST_OK);
	assert_int_equal(store_schema_version(s), 0);
	assert_int_equal(store_health(s), ST_ERR);
	assert_int_equal(store_migrate(s, f->err, sizeof(f->err)), ST_OK);
	assert_int_equal(store_schema_version(s), latest);
	assert_int_equal(store_health(s), ST_OK);
	/* one row per migration */
	long long rows = query_int(s, "SELECT count(*) FROM schema_version");
	assert_true(rows >= 1 && rows <= latest);
	assert_true(table_exists(s, "page"));
	assert_true(table_exists(s, "contact_message"));

	/* again: nothing happens */
	assert_int_equal(store_migrate(s, f->err, sizeof(f->err)), ST_OK);
	assert_int_equal(store_schema_version(s), latest);
	assert_int_equal(query_int(s, "SELECT count(*) FROM schema_version"), rows);
	store_close(s);

	/* and after reopening */
	assert_int_equal(store_open(f->db, STORE_EXISTING, &s, f->err, sizeof(f->err)), ST_OK);
	assert_int_equal(store_schema_version(s), latest);
	assert_int_equal(store_migrate(s, f->err, sizeof(f->err)), ST_OK);
	assert_int_equal(query_int(s, "SELECT count(*) FROM schema_version"), rows);
	store_close(s);
}

static void test_refuse_newer_schema(void **state)
{
	struct fx *f = *state;
	struct store *s = fresh(f);
	int latest = store_schema_latest();
	char sql[160];
	snprintf(sql, sizeof(sql),
		 "INSERT INTO schema_version(version, name) VALUES (%d, '%04d_future.sql')",
		 latest + 1, latest + 1);
	assert_int_equal(store_exec(s, sql), ST_OK);
	assert_int_equal(store_schema_version(s), latest + 1);
	f->err[0] = '\0';
	assert_int_equal(store_migrate(s, f->err, sizeof(f->err)), ST_ERR);
	char want[32];
	snprintf(want, sizeof(want), "%d", latest + 1);
	if (!strstr(f->err, want) || !strstr(f->err, "version"))
		fail_msg("message does not name version %d: %s", latest + 1, f->err);
	assert_int_equal(store_health(s), ST_ERR);
	/* nothing was changed */
	assert_int_equal(store_schema_version(s), latest + 1);
	assert_true(table_exists(s, "page"));
	store_close(s);
}

/* A migration that fails half-way leaves nothing behind: make the first
 * migration's second table exist already, so it fails after creating
 * the first. */
static void test_failed_migration_rolls_back(void **state)
{
	struct fx *f = *state;
	struct store *s = NULL;
	assert_int_equal(store_open(f->db, STORE_CREATE, &s, f->err, sizeof(f->err)), ST_OK);
	assert_int_equal(store_exec(s, "CREATE TABLE contact_message (x)"), ST_OK);
	f->err[0] = '\0';
	assert_int_equal(store_migrate(s, f->err, sizeof(f->err)), ST_ERR);
	if (!strstr(f->err, "0001"))
		fail_msg("message does not name the migration: %s", f->err);
	assert_false(table_exists(s, "page")); /* created, then rolled back */
	assert_int_equal(store_schema_version(s), 0);
	assert_int_equal(query_int(s, "SELECT count(*) FROM schema_version"), 0);
	assert_true(sqlite3_get_autocommit(store_db(s))); /* no transaction left open */

	/* once the obstacle is gone, it works */
	assert_int_equal(store_exec(s, "DROP TABLE contact_message"), ST_OK);
	assert_int_equal(store_migrate(s, f->err, sizeof(f->err)), ST_OK);
	assert_int_equal(store_schema_version(s), store_schema_latest());
	store_close(s);
}

static const char SQL_INSERT[] = "INSERT INTO page(slug, lang, title, body_md) VALUES (?, ?, ?, ?)";
static const char SQL_COUNT[] = "SELECT count(*) FROM page WHERE lang = ?";
static const char SQL_TITLE[] = "SELECT title, body_md FROM page WHERE slug = ? AND lang = ?";

static int insert_page(struct store *s, const char *slug, const char *lang, const char *title)
{
	sqlite3_stmt *st = store_stmt(s, SQL_INSERT);
	assert_non_null(st);
	sqlite3_bind_text(st, 1, slug, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, lang, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, title, -1, SQLITE_STATIC);
	sqlite3_bind_null(st, 4);
	return store_exec_stmt(s, st);
}

static long long count_lang(struct store *s, const char *lang)
{
	sqlite3_stmt *st = store_stmt(s, SQL_COUNT);
	assert_non_null(st);
	sqlite3_bind_text(st, 1, lang, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	long long n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return n;
}

static void test_stmt_cache_and_bind(void **state)
{
	struct fx *f = *state;
	struct store *s = fresh(f);
	sqlite3_stmt *a = store_stmt(s, SQL_COUNT);
	sqlite3_stmt *b = store_stmt(s, SQL_COUNT);
	assert_non_null(a);
	assert_ptr_equal(a, b);
	assert_ptr_not_equal(store_stmt(s, SQL_TITLE), a);

	/* body_md NOT NULL: binding NULL is a constraint error, not a crash */
	assert_int_equal(insert_page(s, "start", "de", "Start"), ST_CONFLICT);
	/* so bind real values */
	sqlite3_stmt *st = store_stmt(s, SQL_INSERT);
	const char *hostile = "x'); DROP TABLE page; --";
	sqlite3_bind_text(st, 1, "start", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, "de", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, hostile, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, "# Hallo", -1, SQLITE_STATIC);
	assert_int_equal(store_exec_stmt(s, st), ST_OK);
	assert_ptr_equal(store_stmt(s, SQL_INSERT), st);

	/* the same primary key again: conflict; a slug the CHECK refuses: conflict */
	sqlite3_bind_text(st, 1, "start", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, "de", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, "again", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, "", -1, SQLITE_STATIC);
	assert_int_equal(store_exec_stmt(s, st), ST_CONFLICT);
	st = store_stmt(s, SQL_INSERT);
	sqlite3_bind_text(st, 1, "../etc", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, "de", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, "t", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, "", -1, SQLITE_STATIC);
	assert_int_equal(store_exec_stmt(s, st), ST_CONFLICT);

	/* the hostile title was stored as data */
	st = store_stmt(s, SQL_TITLE);
	sqlite3_bind_text(st, 1, "start", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, "de", -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal(store_col_text(st, 0), hostile);
	assert_string_equal(store_col_text(st, 1), "# Hallo");
	/* fetched again: it comes reset with bindings cleared */
	sqlite3_stmt *again = store_stmt(s, SQL_TITLE);
	assert_ptr_equal(again, st);
	assert_int_equal(sqlite3_step(again), SQLITE_DONE); /* NULL parameters match nothing */
	assert_true(table_exists(s, "page"));
	assert_int_equal(count_lang(s, "de"), 1);
	assert_int_equal(count_lang(s, "en"), 0);

	/* a statement that does not prepare gives NULL (and is logged) */
	static const char broken[] = "SELECT nonsense FROM nowhere";
	assert_null(store_stmt(s, broken));
	assert_null(store_stmt(s, broken));
	store_close(s);
}

static void test_stmt_cache_grows(void **state)
{
	/* More distinct statements on one connection than the cache first
	 * held (256): each one prepares, and each comes back cached. Keys are
	 * the addresses of the SQL texts, so every text is its own array. */
	enum { N = 1000 };
	struct fx *f = *state;
	struct store *s = fresh(f);
	static char sql[N][32];
	sqlite3_stmt *st[N];
	for (int i = 0; i < N; i++) {
		snprintf(sql[i], sizeof(sql[i]), "SELECT %d", i);
		st[i] = store_stmt(s, sql[i]);
		assert_non_null(st[i]);
		assert_int_equal(sqlite3_step(st[i]), SQLITE_ROW);
		assert_int_equal(sqlite3_column_int(st[i], 0), i);
	}
	for (int i = 0; i < N; i++) {
		sqlite3_stmt *again = store_stmt(s, sql[i]);
		assert_ptr_equal(again, st[i]);
		assert_int_equal(sqlite3_step(again), SQLITE_ROW); /* it comes reset */
		assert_int_equal(sqlite3_column_int(again, 0), i);
	}
	store_close(s);
}

static void test_col_text_null(void **state)
{
	struct fx *f = *state;
	struct store *s = fresh(f);
	static const char sql[] = "SELECT NULL, 'x'";
	sqlite3_stmt *st = store_stmt(s, sql);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal(store_col_text(st, 0), "");
	assert_string_equal(store_col_text(st, 1), "x");
	store_close(s);
}

/* store_step: a row, the end, and a failure that must not look like the
 * end (the second row raises an integer overflow mid-iteration). */
static void test_step(void **state)
{
	struct fx *f = *state;
	struct store *s = fresh(f);
	static const char rows[] = "SELECT 1 UNION ALL SELECT 2";
	sqlite3_stmt *st = store_stmt(s, rows);
	assert_non_null(st);
	assert_int_equal(store_step(st), 1);
	assert_int_equal(sqlite3_column_int(st, 0), 1);
	assert_int_equal(store_step(st), 1);
	assert_int_equal(store_step(st), 0);

	static const char none[] = "SELECT 1 WHERE 0";
	st = store_stmt(s, none);
	assert_int_equal(store_step(st), 0);

	static const char failing[] = "WITH v(x) AS (VALUES (1), (-9223372036854775807 - 1)) "
				      "SELECT abs(x) FROM v";
	st = store_stmt(s, failing);
	assert_non_null(st);
	assert_int_equal(store_step(st), 1);
	assert_int_equal(sqlite3_column_int(st, 0), 1);
	assert_int_equal(store_step(st), -1);
	sqlite3_reset(st);

	/* the usual loop ends with -1, not 0, and has read the first row only */
	st = store_stmt(s, failing);
	int k, n = 0;
	while ((k = store_step(st)) > 0)
		n++;
	sqlite3_reset(st);
	assert_int_equal(k, -1);
	assert_int_equal(n, 1);

	/* a write that breaks a constraint fails too */
	assert_int_equal(store_exec(s, "CREATE TABLE t(x INTEGER PRIMARY KEY)"), ST_OK);
	assert_int_equal(store_exec(s, "INSERT INTO t VALUES (1)"), ST_OK);
	static const char dup[] = "INSERT INTO t VALUES (1)";
	st = store_stmt(s, dup);
	assert_int_equal(store_step(st), -1);
	sqlite3_reset(st);
	store_close(s);
}

static void test_transactions(void **state)
{
	struct fx *f = *state;
	struct store *s = fresh(f);
	assert_int_equal(store_begin(s), ST_OK);
	sqlite3_stmt *st = store_stmt(s, SQL_INSERT);
	sqlite3_bind_text(st, 1, "a", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, "de", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, "A", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, "", -1, SQLITE_STATIC);
	assert_int_equal(store_exec_stmt(s, st), ST_OK);
	store_rollback(s);
	assert_int_equal(count_lang(s, "de"), 0);
	store_rollback(s); /* outside a transaction: harmless */

	assert_int_equal(store_begin(s), ST_OK);
	st = store_stmt(s, SQL_INSERT);
	sqlite3_bind_text(st, 1, "b", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, "de", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, "B", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, "", -1, SQLITE_STATIC);
	assert_int_equal(store_exec_stmt(s, st), ST_OK);
	assert_int_equal(store_commit(s), ST_OK);
	assert_int_equal(count_lang(s, "de"), 1);
	assert_int_equal(store_exec(s, "THIS IS NOT SQL"), ST_ERR);
	store_close(s);
}

static void put_page(struct store *s, const char *slug)
{
	sqlite3_stmt *st = store_stmt(s, SQL_INSERT);
	sqlite3_bind_text(st, 1, slug, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, "de", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, slug, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, "", -1, SQLITE_STATIC);
	assert_int_equal(store_exec_stmt(s, st), ST_OK);
}

/* store_tx: its own transaction, or a savepoint in the caller's that a
 * failure undoes alone */
static void test_tx(void **state)
{
	struct fx *f = *state;
	struct store *s = fresh(f);
	struct store_tx outer, inner;
	assert_int_equal(store_tx_begin(s, &outer), ST_OK);
	assert_true(outer.own);
	put_page(s, "a");
	assert_int_equal(store_tx_begin(s, &inner), ST_OK);
	assert_false(inner.own);
	put_page(s, "b");
	assert_int_equal(store_tx_end(s, &inner, ST_CONFLICT), ST_CONFLICT); /* b undone */
	assert_int_equal(store_tx_begin(s, &inner), ST_OK);
	put_page(s, "c");
	assert_int_equal(store_tx_end(s, &inner, ST_OK), ST_OK); /* c kept */
	assert_int_equal(store_tx_end(s, &outer, ST_OK), ST_OK);
	assert_int_equal(count_lang(s, "de"), 2);
	assert_int_equal(query_int(s, "SELECT count(*) FROM page WHERE slug = 'b'"), 0);

	/* a failure of its own transaction rolls all back, and says so */
	assert_int_equal(store_tx_begin(s, &outer), ST_OK);
	put_page(s, "d");
	assert_int_equal(store_tx_end(s, &outer, ST_NOTFOUND), ST_NOTFOUND);
	assert_int_equal(count_lang(s, "de"), 2);
	assert_int_equal(sqlite3_get_autocommit(store_db(s)), 1);

	/* a read joins the open transaction; a zeroed tx ends as a no-op */
	assert_int_equal(store_tx_begin(s, &outer), ST_OK);
	assert_int_equal(store_tx_read(s, &inner), ST_OK);
	assert_int_equal(store_tx_end(s, &inner, ST_ERR), ST_ERR);
	assert_int_equal(sqlite3_get_autocommit(store_db(s)), 0);
	struct store_tx none = { 0 };
	assert_int_equal(store_tx_end(s, &none, ST_CONFLICT), ST_CONFLICT);
	assert_int_equal(store_tx_end(s, &outer, ST_OK), ST_OK);
	assert_int_equal(sqlite3_get_autocommit(store_db(s)), 1);
	store_close(s);
}

/* The schema of table t as one string: its indexes and triggers. */
static char *schema_of(struct store *s, const char *t)
{
	sqlite3_stmt *st;
	char *out = NULL;
	if (sqlite3_prepare_v2(store_db(s), "SELECT group_concat(sql, ';') FROM (SELECT sql FROM sqlite_schema "
				   "WHERE tbl_name = ? AND sql IS NOT NULL ORDER BY name)", -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, t, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW)
			out = xstrdup(store_col_text(st, 0));
	}
	sqlite3_finalize(st);
	return out;
}

/* Holds the write lock of the database at arg for 30 ms. */
static void *hold_lock(void *arg)
{
	struct store *s = arg;
	if (store_begin(s) == ST_OK) {
		usleep(30 * 1000);
		store_commit(s);
	}
	return NULL;
}

static void test_busy_wait(void **state)
{
	struct fx *f = *state;
	struct store *a = fresh(f), *b = NULL;
	assert_int_equal(store_open(f->db, STORE_EXISTING, &b, f->err, sizeof(f->err)), ST_OK);
	/* a short limit gives up soon, and the failure counts as busy */
	assert_int_equal(store_begin(a), ST_OK);
	store_busy_limit(b, 20);
	store_failure_clear();
	int64_t t0 = core_mono_us();
	assert_int_equal(store_begin(b), ST_ERR);
	assert_true(core_mono_us() - t0 < 2 * 1000 * 1000);
	assert_true(store_failed_busy());
	store_commit(a);
	/* the usual limit waits for a lock another thread lets go */
	store_busy_limit(b, STORE_BUSY_TIMEOUT_MS);
	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, hold_lock, a), 0);
	usleep(5 * 1000);
	assert_int_equal(store_begin(b), ST_OK);
	store_commit(b);
	pthread_join(t, NULL);
	store_close(b);
	store_close(a);
}

/* Stage n offers (of one new provider, with a term each) whose ids start
 * with prefix; the offer at clash (1-based; 0 for none) takes the id of a
 * stored one. As the import does: in a read transaction, foreign keys off
 * (a copy's references would look in the temporary schema). */
static void stage_offers(struct store *s, const char *prefix, int n, int clash)
{
	static const char *const tables[] = { "organization", "service", "attribute", NULL };
	struct store_tx tx;
	assert_int_equal(store_exec(s, "PRAGMA foreign_keys = OFF"), ST_OK);
	assert_int_equal(store_tx_read(s, &tx), ST_OK);
	assert_int_equal(store_stage_begin(s, tables), ST_OK);
	char sql[512];
	snprintf(sql, sizeof(sql), "INSERT INTO organization(id, name) VALUES ('%s-org', 'Neuer Träger')", prefix);
	assert_int_equal(store_exec(s, sql), ST_OK);
	snprintf(sql, sizeof(sql),
		 "WITH RECURSIVE i(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM i WHERE k < %d) "
		 "INSERT INTO service(id, organization_id, name) SELECT CASE k WHEN %d THEN 's-stored' "
		 "ELSE '%s-' || k END, '%s-org', 'Neu ' || k FROM i", n, clash, prefix, prefix);
	assert_int_equal(store_exec(s, sql), ST_OK);
	snprintf(sql, sizeof(sql),
		 "INSERT INTO attribute(id, link_id, taxonomy_term_id, link_entity) "
		 "SELECT 'a-' || id, id, 'term', 'service' FROM service");
	assert_int_equal(store_exec(s, sql), ST_OK);
	assert_int_equal(store_tx_end(s, &tx, ST_OK), ST_OK);
	/* nothing in the database yet */
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM main.service WHERE id LIKE '%s-%%'", prefix);
	assert_int_equal(query_int(s, sql), 0);
}

static void test_stage_publish(void **state)
{
	static const char *const tables[] = { "organization", "service", "attribute", NULL };
	struct fx *f = *state;
	struct store *s = fresh(f);
	assert_int_equal(store_exec(s, "INSERT INTO organization(id, name) VALUES ('o0', 'Alter Träger'); "
				       "INSERT INTO service(id, organization_id, name) VALUES ('s-stored', 'o0', 'Alt'); "
				       "DELETE FROM search_dirty"),
			 ST_OK);

	/* published: every row, in chunks, the triggers ran, the journal is empty */
	stage_offers(s, "a", 5000, 0);
	assert_int_equal(store_stage_publish(s, tables), ST_OK);
	store_stage_end(s, tables);
	assert_int_equal(query_int(s, "SELECT count(*) FROM service WHERE name LIKE 'Neu %'"), 5000);
	assert_int_equal(query_int(s, "SELECT count(*) FROM attribute WHERE link_id LIKE 'a-%'"), 5000);
	assert_int_equal(query_int(s, "SELECT count(*) FROM search_dirty"), 5000);
	assert_int_equal(query_int(s, "SELECT count(*) FROM store_publish"), 0);

	/* a clash after the first chunks: what was moved is taken out again */
	stage_offers(s, "b", 5000, 4000);
	assert_int_equal(store_stage_publish(s, tables), ST_ERR);
	store_stage_end(s, tables);
	assert_int_equal(query_int(s, "SELECT count(*) FROM organization WHERE id = 'b-org'"), 0);
	assert_int_equal(query_int(s, "SELECT count(*) FROM service WHERE id LIKE 'b-%'"), 0);
	assert_int_equal(query_int(s, "SELECT count(*) FROM attribute WHERE link_id LIKE 'b-%'"), 0);
	assert_int_equal(query_int(s, "SELECT count(*) FROM service"), 5001);
	assert_int_equal(query_int(s, "SELECT count(*) FROM store_publish"), 0);

	/* a publication that died on the way left rows and their journal */
	assert_int_equal(store_exec(s, "PRAGMA foreign_keys = ON; "
				       "INSERT INTO organization(id, name) VALUES ('c-org', 'Halber Träger'); "
				       "INSERT INTO service(id, organization_id, name) VALUES ('c-1', 'c-org', 'Halb'); "
				       "INSERT INTO store_publish VALUES ('organization', 'c-org'), ('service', 'c-1')"),
			 ST_OK);
	/* while a publication holds the lock, its journal is alive: kept */
	char lock[256];
	snprintf(lock, sizeof(lock), "%s-publish", f->db);
	int fd = open(lock, O_RDWR | O_CREAT, 0600);
	assert_true(fd >= 0);
	assert_int_equal(flock(fd, LOCK_EX), 0);
	assert_int_equal(store_stage_recover(s), ST_OK);
	assert_int_equal(query_int(s, "SELECT count(*) FROM service WHERE id = 'c-1'"), 1);
	close(fd);
	/* its holder gone: taken out, children before parents */
	assert_int_equal(store_stage_recover(s), ST_OK);
	assert_int_equal(query_int(s, "SELECT count(*) FROM service WHERE id = 'c-1'"), 0);
	assert_int_equal(query_int(s, "SELECT count(*) FROM organization WHERE id = 'c-org'"), 0);
	assert_int_equal(query_int(s, "SELECT count(*) FROM store_publish"), 0);
	assert_int_equal(query_int(s, "SELECT count(*) FROM service"), 5001);
	struct stat sb;
	assert_int_equal(stat(lock, &sb), 0);
	assert_int_equal(sb.st_mode & 077, 0);
	store_close(s);
}

static void test_bulk(void **state)
{
	struct fx *f = *state;
	struct store *s = fresh(f);
	static const char *const tables[] = { "service", "attribute", NULL };
	char *before[2] = { schema_of(s, "service"), schema_of(s, "attribute") };
	assert_non_null(strstr(before[0], "CREATE INDEX service_org"));
	assert_non_null(strstr(before[0], "CREATE TRIGGER search_service_ai"));
	assert_int_equal(query_int(s, "PRAGMA page_size"), 16384);

	/* dropped inside the transaction; a rollback brings them back */
	struct store_bulk b;
	assert_int_equal(store_begin(s), ST_OK);
	assert_int_equal(store_bulk_begin(s, tables, &b), ST_OK);
	assert_true(b.n >= 6);
	assert_int_equal(query_int(s, "SELECT count(*) FROM sqlite_schema WHERE tbl_name IN ('service', "
				      "'attribute') AND type IN ('index', 'trigger') AND sql IS NOT NULL"), 0);
	/* the indexes of UNIQUE and PRIMARY KEY stay: constraints still hold */
	assert_int_equal(query_int(s, "SELECT count(*) FROM sqlite_schema WHERE tbl_name = 'service' "
				      "AND type = 'index' AND sql IS NULL"), 1);
	assert_int_equal(query_int(s, "SELECT count(*) FROM sqlite_schema WHERE tbl_name = 'attribute' "
				      "AND type = 'index' AND sql IS NULL"), 1);
	store_rollback(s);
	store_bulk_free(&b);
	char *now = schema_of(s, "service");
	assert_string_equal(now, before[0]);
	free(now);

	/* dropped, rows written without their triggers, made again */
	assert_int_equal(store_begin(s), ST_OK);
	assert_int_equal(store_bulk_begin(s, tables, &b), ST_OK);
	assert_int_equal(store_exec(s, "INSERT INTO organization(id, name) VALUES ('o1', 'Träger'); "
				       "INSERT INTO service(id, organization_id, name) VALUES ('s1', 'o1', 'Kurs')"),
			 ST_OK);
	assert_int_equal(query_int(s, "SELECT count(*) FROM search_dirty"), 0); /* no trigger ran */
	assert_int_equal(store_bulk_end(s, &b), ST_OK);
	assert_int_equal(b.n, 0);
	assert_int_equal(store_commit(s), ST_OK);
	for (int i = 0; i < 2; i++) {
		now = schema_of(s, tables[i]);
		assert_string_equal(now, before[i]);
		free(now);
		free(before[i]);
	}
	assert_int_equal(query_int(s, "SELECT count(*) FROM service INDEXED BY service_org WHERE "
				      "organization_id = 'o1'"), 1);
	assert_int_equal(store_exec(s, "INSERT INTO service(id, organization_id, name) VALUES ('s2', 'o1', 'B')"),
			 ST_OK);
	assert_int_equal(query_int(s, "SELECT count(*) FROM search_dirty WHERE key = 's2'"), 1);
	assert_int_equal(query_int(s, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check <> 'ok'"),
			 0);
	store_close(s);
}

static void test_backup(void **state)
{
	struct fx *f = *state;
	struct store *s = fresh(f);
	char title[32];
	for (int i = 0; i < 300; i++) {
		char slug[16];
		snprintf(slug, sizeof(slug), "p%d", i);
		snprintf(title, sizeof(title), "Seite %d", i);
		sqlite3_stmt *st = store_stmt(s, SQL_INSERT);
		sqlite3_bind_text(st, 1, slug, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, i % 2 ? "en" : "de", -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, title, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 4, "Text Text Text Text Text Text Text Text Text Text", -1,
				  SQLITE_STATIC);
		assert_int_equal(store_exec_stmt(s, st), ST_OK);
	}
	char copy[256];
	path_in(f, copy, sizeof(copy), "copy.db");
	assert_int_equal(store_backup(s, copy, f->err, sizeof(f->err)), ST_OK);
	assert_true(exists(copy));

	/* the copy opens and holds the same rows and schema */
	struct store *c = NULL;
	assert_int_equal(store_open(copy, STORE_EXISTING, &c, f->err, sizeof(f->err)), ST_OK);
	assert_int_equal(store_schema_version(c), store_schema_latest());
	assert_int_equal(store_health(c), ST_OK);
	assert_int_equal(count_lang(c, "de"), 150);
	assert_int_equal(count_lang(c, "en"), 150);
	assert_int_equal(query_int(c, "SELECT count(*) FROM page"), 300);
	sqlite3_stmt *st = store_stmt(c, SQL_TITLE);
	sqlite3_bind_text(st, 1, "p299", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, "en", -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal(store_col_text(st, 0), "Seite 299");
	sqlite3_reset(st);
	sqlite3_stmt *ic;
	assert_int_equal(sqlite3_prepare_v2(store_db(c), "PRAGMA integrity_check", -1, &ic, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(ic), SQLITE_ROW);
	assert_string_equal(store_col_text(ic, 0), "ok");
	sqlite3_finalize(ic);
	store_close(c);

	/* an existing target is refused and left alone */
	struct stat before, after;
	assert_int_equal(stat(copy, &before), 0);
	f->err[0] = '\0';
	assert_int_equal(store_backup(s, copy, f->err, sizeof(f->err)), ST_ERR);
	assert_non_null(strstr(f->err, "exists"));
	assert_int_equal(stat(copy, &after), 0);
	assert_int_equal(before.st_size, after.st_size);
	assert_true(exists(copy));

	/* a target in a missing directory fails cleanly */
	path_in(f, copy, sizeof(copy), "missing/copy.db");
	assert_int_equal(store_backup(s, copy, f->err, sizeof(f->err)), ST_ERR);
	assert_false(exists(copy));
	store_close(s);
}

/* ---- backups under writes, their check, restore (#11) ---- */

/* n contact messages of about 10 KB each, in one transaction. */
static void fill(struct store *s, int n)
{
	char sql[400];
	snprintf(sql, sizeof(sql),
		 "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < %d) "
		 "INSERT INTO contact_message(name, email, message, lang, consent_at) "
		 "SELECT 'Name ' || i, 'a@example.org', hex(randomblob(5000)), 'de', '2026-01-01' FROM k",
		 n);
	assert_int_equal(store_exec(s, "BEGIN"), ST_OK);
	assert_int_equal(store_exec(s, sql), ST_OK);
	assert_int_equal(store_exec(s, "COMMIT"), ST_OK);
}

struct writer {
	const char *db;
	atomic_int stop;
	atomic_long rows;      /* committed by the writer */
	atomic_long slowest_us; /* its longest single write */
	int failed;
	pthread_t t;
};

/* Write one contact message after another, each its own transaction,
 * until told to stop or 20 s have passed. */
static void *writer_main(void *p)
{
	struct writer *w = p;
	struct store *s = NULL;
	char err[200];
	if (store_open(w->db, STORE_EXISTING, &s, err, sizeof(err)) != ST_OK) {
		w->failed = 1;
		return NULL;
	}
	int64_t end = core_mono_us() + 20 * 1000000;
	while (!atomic_load(&w->stop) && core_mono_us() < end) {
		int64_t t0 = core_mono_us();
		if (store_exec(s, "INSERT INTO contact_message(name, email, message, lang, consent_at) "
				  "VALUES ('W', 'w@example.org', hex(randomblob(2000)), 'de', '2026-01-01')") != ST_OK) {
			w->failed = 1;
			break;
		}
		int64_t took = core_mono_us() - t0;
		if (took > atomic_load(&w->slowest_us))
			atomic_store(&w->slowest_us, took);
		atomic_fetch_add(&w->rows, 1);
		usleep(1000);
	}
	store_close(s);
	return NULL;
}

/* A backup while another connection writes all the time finishes, does
 * not hold the writer up, and the copy is whole. (Copied in small steps,
 * a backup started again after every write of another connection and,
 * with a steady writer, never finished.) */
static void test_backup_under_writes(void **state)
{
	struct fx *f = *state;
	struct store *s = fresh(f);
	fill(s, 3000); /* about 30 MB */
	long long before = query_int(s, "SELECT count(*) FROM contact_message");
	struct writer w = { .db = f->db };
	assert_int_equal(pthread_create(&w.t, NULL, writer_main, &w), 0);
	while (atomic_load(&w.rows) < 5 && !w.failed)
		usleep(1000);
	char copy[256];
	path_in(f, copy, sizeof(copy), "copy.db");
	long rows0 = atomic_load(&w.rows);
	atomic_store(&w.slowest_us, 0);
	int64_t t0 = core_mono_us();
	int rc = store_backup(s, copy, f->err, sizeof(f->err));
	double secs = (double)(core_mono_us() - t0) / 1e6;
	long during = atomic_load(&w.rows) - rows0;
	long slowest = atomic_load(&w.slowest_us);
	atomic_store(&w.stop, 1);
	pthread_join(w.t, NULL);
	if (rc != ST_OK)
		fail_msg("backup: %s", f->err);
	assert_false(w.failed);
	if (secs > 12)
		fail_msg("the backup took %.1f s under writes", secs);
	if (during < 1)
		fail_msg("no write went through while the backup ran (%.2f s)", secs);
	if (slowest > 2000000)
		fail_msg("a write waited %.1f s for the backup", (double)slowest / 1e6);

	/* the copy is whole: it passes its check and holds one snapshot */
	struct store *c = NULL;
	assert_int_equal(store_open(copy, STORE_EXISTING, &c, f->err, sizeof(f->err)), ST_OK);
	if (store_check(c, f->err, sizeof(f->err)) != ST_OK)
		fail_msg("check: %s", f->err);
	long long n = query_int(c, "SELECT count(*) FROM contact_message");
	assert_true(n >= before + rows0 && n <= before + rows0 + during);
	struct stat sb;
	assert_int_equal(stat(copy, &sb), 0);
	assert_int_equal(sb.st_mode & 077, 0);
	store_close(c);
	store_close(s);
}

/* The names in f->dir other than the database's own files. */
static int strangers(const struct fx *f, char *first, size_t n)
{
	DIR *d = opendir(f->dir);
	assert_non_null(d);
	int k = 0;
	struct dirent *e;
	first[0] = '\0';
	while ((e = readdir(d))) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0 ||
		    strncmp(e->d_name, "lotse.db", 8) == 0)
			continue;
		if (!k++)
			snprintf(first, n, "%s", e->d_name);
	}
	closedir(d);
	return k;
}

/* A backup that fails on the way (the disk full: here a file size limit)
 * leaves nothing behind, under neither name. */
static void test_backup_failure_leaves_nothing(void **state)
{
	struct fx *f = *state;
	struct store *s = fresh(f);
	fill(s, 200); /* 2 MB */
	assert_int_equal(store_exec(s, "PRAGMA wal_checkpoint(TRUNCATE)"), ST_OK);
	char copy[256], name[256];
	path_in(f, copy, sizeof(copy), "copy.db");
	struct rlimit was, small = { .rlim_cur = 256 * 1024 };
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &was), 0);
	small.rlim_max = was.rlim_max;
	void (*old)(int) = signal(SIGXFSZ, SIG_IGN);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
	int rc = store_backup(s, copy, f->err, sizeof(f->err));
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &was), 0);
	signal(SIGXFSZ, old);
	assert_int_equal(rc, ST_ERR);
	if (strangers(f, name, sizeof(name)))
		fail_msg("left behind: %s", name);
	store_close(s);
}

/* The check of a copy refuses what is not a whole lotse database. */
static void test_check_refuses(void **state)
{
	struct fx *f = *state;
	struct store *s = fresh(f);
	assert_int_equal(store_check(s, f->err, sizeof(f->err)), ST_OK);
	/* a migration of another program under a number lotse knows */
	assert_int_equal(store_exec(s, "UPDATE schema_version SET name = '0001_other.sql' WHERE version = 1"), ST_OK);
	assert_int_equal(store_check(s, f->err, sizeof(f->err)), ST_ERR);
	assert_non_null(strstr(f->err, "not a lotse database"));
	store_close(s);

	/* a newer lotse's database */
	unlink(f->db);
	s = fresh(f);
	assert_int_equal(store_exec(s, "INSERT INTO schema_version(version, name) VALUES (9999, '9999_x.sql')"),
			 ST_OK);
	assert_int_equal(store_check(s, f->err, sizeof(f->err)), ST_ERR);
	assert_non_null(strstr(f->err, "newer lotse"));
	store_close(s);

	/* another program's database, and an empty one */
	char other[256];
	path_in(f, other, sizeof(other), "other.db");
	assert_int_equal(store_open(other, STORE_CREATE, &s, f->err, sizeof(f->err)), ST_OK);
	assert_int_equal(store_check(s, f->err, sizeof(f->err)), ST_ERR);
	assert_non_null(strstr(f->err, "not a lotse database"));
	assert_int_equal(store_exec(s, "CREATE TABLE schema_version(version INTEGER PRIMARY KEY, name TEXT)"), ST_OK);
	assert_int_equal(store_check(s, f->err, sizeof(f->err)), ST_ERR);
	assert_non_null(strstr(f->err, "no migration"));
	store_close(s);
}

/* The title of page p/de in the database at path ("" when missing). */
static void title_in(const char *path, char *out, size_t n)
{
	struct store *s = NULL;
	char err[200];
	out[0] = '\0';
	assert_int_equal(store_open(path, STORE_EXISTING, &s, err, sizeof(err)), ST_OK);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(store_db(s), "SELECT title FROM page WHERE slug = 'p'", -1, &st, NULL),
			 SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(out, n, "%s", store_col_text(st, 0));
	sqlite3_finalize(st);
	store_close(s);
}

/* A restore puts the copy in place, migrated, and keeps the replaced
 * database aside; it refuses while the database is claimed by a server. */
static void test_restore(void **state)
{
	struct fx *f = *state;
	struct store *s = fresh(f);
	assert_int_equal(store_exec(s, "INSERT INTO page(slug, lang, title) VALUES ('p', 'de', 'Montag')"), ST_OK);
	char copy[256], old[256], aside[512], title[64];
	path_in(f, copy, sizeof(copy), "monday.db");
	assert_int_equal(store_backup(s, copy, f->err, sizeof(f->err)), ST_OK);
	assert_int_equal(store_exec(s, "UPDATE page SET title = 'Dienstag' WHERE slug = 'p'"), ST_OK);
	store_close(s);

	/* a server holds the database: refused, nothing changes */
	int fd = store_claim(f->db, 0, f->err, sizeof(f->err));
	assert_true(fd >= 0);
	assert_int_equal(store_restore(f->db, copy, aside, sizeof(aside), f->err, sizeof(f->err)), ST_ERR);
	assert_non_null(strstr(f->err, "stop it first"));
	assert_string_equal(aside, "");
	close(fd);
	title_in(f->db, title, sizeof(title));
	assert_string_equal(title, "Dienstag");

	assert_int_equal(store_restore(f->db, copy, aside, sizeof(aside), f->err, sizeof(f->err)), ST_OK);
	assert_non_null(strstr(aside, "lotse.db.before-restore-"));
	title_in(f->db, title, sizeof(title));
	assert_string_equal(title, "Montag");
	title_in(aside, title, sizeof(title));
	assert_string_equal(title, "Dienstag");
	unlink(aside);

	/* an older lotse's copy is brought to this schema */
	path_in(f, old, sizeof(old), "old.db");
	assert_int_equal(store_open(old, STORE_CREATE, &s, f->err, sizeof(f->err)), ST_OK);
	assert_int_equal(store_exec(s, "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT NOT "
				       "NULL, applied_at TEXT NOT NULL DEFAULT '')"),
			 ST_OK);
	for (size_t i = 0; i < embed_sql_count; i++) {
		if (atoi(embed_sql[i].name) > 2)
			continue;
		assert_int_equal(store_exec(s, embed_sql[i].data), ST_OK);
		sqlite3_stmt *st = store_stmt(s, "INSERT INTO schema_version(version, name) VALUES (?, ?)");
		sqlite3_bind_int(st, 1, atoi(embed_sql[i].name));
		sqlite3_bind_text(st, 2, embed_sql[i].name, -1, SQLITE_STATIC);
		assert_int_equal(store_exec_stmt(s, st), ST_OK);
	}
	assert_int_equal(store_schema_version(s), 2);
	store_close(s);
	assert_int_equal(store_restore(f->db, old, aside, sizeof(aside), f->err, sizeof(f->err)), ST_OK);
	unlink(aside);
	assert_int_equal(store_open(f->db, STORE_EXISTING, &s, f->err, sizeof(f->err)), ST_OK);
	assert_int_equal(store_schema_version(s), store_schema_latest());
	store_close(s);
}

/* A running restore has the database alone: a server cannot start on it. */
static void test_claim(void **state)
{
	struct fx *f = *state;
	store_close(fresh(f));
	int a = store_claim(f->db, 1, f->err, sizeof(f->err));
	assert_true(a >= 0);
	assert_int_equal(store_claim(f->db, 0, f->err, sizeof(f->err)), -1);
	assert_non_null(strstr(f->err, "being restored"));
	close(a);
	int b = store_claim(f->db, 0, f->err, sizeof(f->err));
	int c = store_claim(f->db, 0, f->err, sizeof(f->err)); /* servers share it */
	assert_true(b >= 0 && c >= 0);
	close(b);
	close(c);
}

int main(void)
{
	search_init(); /* the schema needs its tokenizer */
	log_set_quiet(1);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_open_create, setup, teardown),
		cmocka_unit_test_setup_teardown(test_create_refuses_any_existing_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_open_existing_missing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pragmas, setup, teardown),
		cmocka_unit_test_setup_teardown(test_migrate, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refuse_newer_schema, setup, teardown),
		cmocka_unit_test_setup_teardown(test_failed_migration_rolls_back, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stmt_cache_and_bind, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stmt_cache_grows, setup, teardown),
		cmocka_unit_test_setup_teardown(test_col_text_null, setup, teardown),
		cmocka_unit_test_setup_teardown(test_step, setup, teardown),
		cmocka_unit_test_setup_teardown(test_transactions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tx, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bulk, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stage_publish, setup, teardown),
		cmocka_unit_test_setup_teardown(test_busy_wait, setup, teardown),
		cmocka_unit_test_setup_teardown(test_backup, setup, teardown),
		cmocka_unit_test_setup_teardown(test_backup_under_writes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_backup_failure_leaves_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_check_refuses, setup, teardown),
		cmocka_unit_test_setup_teardown(test_restore, setup, teardown),
		cmocka_unit_test_setup_teardown(test_claim, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
