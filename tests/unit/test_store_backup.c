/* test_store_backup.c — unit tests for the store's backups (also under writes, and failing without
 * leaving anything), their check, restore and the claim of a database file (#11). */
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
		cmocka_unit_test_setup_teardown(test_backup, store_fx_setup, store_fx_teardown),
		cmocka_unit_test_setup_teardown(test_backup_under_writes, store_fx_setup, store_fx_teardown),
		cmocka_unit_test_setup_teardown(test_backup_failure_leaves_nothing, store_fx_setup, store_fx_teardown),
		cmocka_unit_test_setup_teardown(test_check_refuses, store_fx_setup, store_fx_teardown),
		cmocka_unit_test_setup_teardown(test_restore, store_fx_setup, store_fx_teardown),
		cmocka_unit_test_setup_teardown(test_claim, store_fx_setup, store_fx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
