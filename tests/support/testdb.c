/* testdb.c — see testdb.h. */
#include "testdb.h"

#include <stdio.h>
#include <stdlib.h>

int testdb_open(struct testdb *t)
{
	snprintf(t->dir, sizeof(t->dir), "/tmp/lotse-unit-XXXXXX");
	if (!mkdtemp(t->dir)) {
		perror("mkdtemp");
		return -1;
	}
	char path[128], err[300];
	snprintf(path, sizeof(path), "%s/t.db", t->dir);
	if (store_open(path, STORE_CREATE, &t->s, err, sizeof(err)) != ST_OK ||
	    store_migrate(t->s, err, sizeof(err)) != ST_OK) {
		fprintf(stderr, "testdb: %s\n", err);
		return -1;
	}
	return 0;
}

int testdb_close(struct testdb *t)
{
	store_close(t->s);
	t->s = NULL;
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", t->dir);
	return system(cmd) == 0 ? 0 : -1;
}

long testdb_scalar(struct store *s, const char *sql)
{
	sqlite3_stmt *st;
	long v = -1;
	if (sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		v = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}
