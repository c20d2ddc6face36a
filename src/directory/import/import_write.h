/* import_write.h — the flat import's fast path for new records (internal
 * to csv_import.c; see import_write.c). */
#ifndef LOTSE_DIRECTORY_IMPORT_WRITE_H
#define LOTSE_DIRECTORY_IMPORT_WRITE_H

#include "directory/directory.h"

#include <stdint.h>

/* A source of time-ordered UUIDs (version 7) with buffered randomness. */
struct imp_ids {
	unsigned char pool[4096];
	size_t pos;
	uint64_t last_ms;
	unsigned seq;
};

void imp_ids_init(struct imp_ids *g);
/* The next id: later calls give ids that sort after earlier ones. */
void imp_uuid(struct imp_ids *g, char out[37]);

/* Insert a new provider / place (with its address) / offer with all its
 * lists (locations linked by id), and one "create" row in the change log
 * by who; id receives the new id. Inside the caller's transaction; on an
 * error the caller rolls back (rows may be half written). ST_OK,
 * ST_CONFLICT (a constraint) or ST_ERR. Strings are bound without copying:
 * they must live until the call returns. */
int imp_insert_org(struct store *s, struct imp_ids *g, const char *name, const char *who, char id[37]);
int imp_insert_location(struct store *s, struct imp_ids *g, const struct dir_location *l, const char *who,
			char id[37]);
int imp_insert_offer(struct store *s, struct imp_ids *g, const struct dir_service *sv, const char *who,
		     char id[37]);

#endif
