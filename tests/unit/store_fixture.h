/* store_fixture.h — the store unit tests' per-test folder and helpers
 * (store_fixture.c). */
#ifndef LOTSE_TEST_STORE_FIXTURE_H
#define LOTSE_TEST_STORE_FIXTURE_H

#include "store/store.h"

#include <stddef.h>

/* Each test works in its own temporary directory. */
struct fx {
	char dir[64];
	char db[128];
	char err[512];
};

/* cmocka setup and teardown of each test: a struct fx with a new
 * temporary folder as *state; the folder removed with what it holds. */
int store_fx_setup(void **state);
int store_fx_teardown(void **state);

/* A non-NULL pointer that store_open must overwrite on failure. */
extern int bogus_target;
#define BOGUS ((struct store *)(void *)&bogus_target)

/* Does path exist? */
int exists(const char *path);
/* f's folder followed by "/name", into out. */
void path_in(const struct fx *f, char *out, size_t n, const char *name);
/* A new, migrated database at f->db (the test fails otherwise). */
struct store *fresh(struct fx *f);
/* The single integer a query returns (-1 on error). */
long long query_int(struct store *s, const char *sql);
/* Is there a table name? */
int table_exists(struct store *s, const char *name);

/* A page row: inserted, counted by language, read by slug and language. */
extern const char SQL_INSERT[], SQL_COUNT[], SQL_TITLE[];
int insert_page(struct store *s, const char *slug, const char *lang, const char *title);
long long count_lang(struct store *s, const char *lang);

#endif
