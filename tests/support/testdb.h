/* testdb.h — a fresh database with the whole schema, in a folder of its
 * own under /tmp, for the unit tests; and one number read from it. */
#ifndef LOTSE_TESTDB_H
#define LOTSE_TESTDB_H

#include "store/store.h"

struct testdb {
	char dir[64];
	struct store *s;
};

/* Make the folder, open t.db in it and migrate. 0, or -1 (said on stderr). */
int testdb_open(struct testdb *t);

/* Close and remove the folder. 0 or -1. */
int testdb_close(struct testdb *t);

/* The first column of sql's first row as a number; -1 without one. */
long testdb_scalar(struct store *s, const char *sql);

#endif
