/* store_fixture.c — what the store's unit tests share: a temporary
 * folder per test, a new migrated database in it, and small queries. */
#include "store_fixture.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int store_fx_setup(void **state)
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

int store_fx_teardown(void **state)
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

int bogus_target;

int exists(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0;
}

void path_in(const struct fx *f, char *out, size_t n, const char *name)
{
	snprintf(out, n, "%s/%s", f->dir, name);
}

/* A new, migrated database at f->db. */
struct store *fresh(struct fx *f)
{
	struct store *s = NULL;
	assert_int_equal(store_open(f->db, STORE_CREATE, &s, f->err, sizeof(f->err)), ST_OK);
	assert_non_null(s);
	if (store_migrate(s, f->err, sizeof(f->err)) != ST_OK)
		fail_msg("migrate: %s", f->err);
	return s;
}

/* The single integer a query returns (-1 on error). */
long long query_int(struct store *s, const char *sql)
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

int table_exists(struct store *s, const char *name)
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

const char SQL_INSERT[] = "INSERT INTO page(slug, lang, title, body_md) VALUES (?, ?, ?, ?)";
const char SQL_COUNT[] = "SELECT count(*) FROM page WHERE lang = ?";
const char SQL_TITLE[] = "SELECT title, body_md FROM page WHERE slug = ? AND lang = ?";

int insert_page(struct store *s, const char *slug, const char *lang, const char *title)
{
	sqlite3_stmt *st = store_stmt(s, SQL_INSERT);
	assert_non_null(st);
	sqlite3_bind_text(st, 1, slug, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, lang, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, title, -1, SQLITE_STATIC);
	sqlite3_bind_null(st, 4);
	return store_exec_stmt(s, st);
}

long long count_lang(struct store *s, const char *lang)
{
	sqlite3_stmt *st = store_stmt(s, SQL_COUNT);
	assert_non_null(st);
	sqlite3_bind_text(st, 1, lang, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	long long n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return n;
}
