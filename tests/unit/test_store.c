/* test_store.c — unit tests for the SQLite store: opening, pragmas, migrations, statement cache, steps,
 * transactions, busy waits, staging and bulk loading. Backup, check and restore: test_store_backup.c. */
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
#include "store_fixture.h"

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

int main(void)
{
	search_init(); /* the schema needs its tokenizer */
	log_set_quiet(1);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_open_create, store_fx_setup, store_fx_teardown),
		cmocka_unit_test_setup_teardown(test_create_refuses_any_existing_file, store_fx_setup, store_fx_teardown),
		cmocka_unit_test_setup_teardown(test_open_existing_missing, store_fx_setup, store_fx_teardown),
		cmocka_unit_test_setup_teardown(test_pragmas, store_fx_setup, store_fx_teardown),
		cmocka_unit_test_setup_teardown(test_migrate, store_fx_setup, store_fx_teardown),
		cmocka_unit_test_setup_teardown(test_refuse_newer_schema, store_fx_setup, store_fx_teardown),
		cmocka_unit_test_setup_teardown(test_failed_migration_rolls_back, store_fx_setup, store_fx_teardown),
		cmocka_unit_test_setup_teardown(test_stmt_cache_and_bind, store_fx_setup, store_fx_teardown),
		cmocka_unit_test_setup_teardown(test_stmt_cache_grows, store_fx_setup, store_fx_teardown),
		cmocka_unit_test_setup_teardown(test_col_text_null, store_fx_setup, store_fx_teardown),
		cmocka_unit_test_setup_teardown(test_step, store_fx_setup, store_fx_teardown),
		cmocka_unit_test_setup_teardown(test_transactions, store_fx_setup, store_fx_teardown),
		cmocka_unit_test_setup_teardown(test_tx, store_fx_setup, store_fx_teardown),
		cmocka_unit_test_setup_teardown(test_bulk, store_fx_setup, store_fx_teardown),
		cmocka_unit_test_setup_teardown(test_stage_publish, store_fx_setup, store_fx_teardown),
		cmocka_unit_test_setup_teardown(test_busy_wait, store_fx_setup, store_fx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
