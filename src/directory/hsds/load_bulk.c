/* load_bulk.c — a bulk HSDS load: when the services file brings at least
 * as many new offers as are stored (and not a few), the tables its new
 * records and their lists are streamed into lose their indexes (those of
 * CREATE INDEX) and triggers while the stream runs (store_bulk_begin),
 * and get them back, each index made by one sort, before the stored
 * records and the held tables are written (store_bulk_end). The triggers'
 * only work on an insert is to mark offers for the search index: every
 * new offer is marked at the end at once instead. */
#include "directory/directory.h"
#include "directory/hsds/load_internal.h"
#include "core/core.h"

#include <stdio.h>

#define BULK_MIN_NEW 1000 /* fewer new offers: the indexes stay as they are */
#define SORT_CACHE_KB 16384 /* the page cache while the indexes are made */

/* The tables written while the services and their lists stream in. */
static const char *const bulk_tables[] = {
	"service", "attribute", "language", "schedule", "funding", "cost_option", "service_area", "metadata", NULL,
};

/* How many of the services file's offers are new. */
static size_t new_offers(const struct dir_hsds_ids *x)
{
	size_t n = 0;
	for (size_t i = 0; x && i < x->cap; i++)
		n += x->lines[i] && x->fresh[i];
	return n;
}

int dir_hsds_bulk_begin(struct dir_hsds_loader *c)
{
	size_t fresh = new_offers(c->tab[HT_SERVICE].ids);
	if (fresh < BULK_MIN_NEW)
		return ST_OK;
	sqlite3_stmt *st = store_stmt(c->s, "SELECT count(*) FROM service");
	int64_t stored;
	if (!st || store_one_int64(st, &stored) != ST_OK)
		return ST_ERR;
	if ((int64_t)fresh < stored)
		return ST_OK;
	if (store_bulk_begin(c->s, bulk_tables, &c->bulk) != ST_OK) {
		store_bulk_free(&c->bulk);
		return ST_ERR;
	}
	c->bulk_on = 1;
	return ST_OK;
}

int dir_hsds_bulk_end(struct dir_hsds_loader *c)
{
	if (!c->bulk_on)
		return ST_OK;
	c->bulk_on = 0;
	/* SQLite sorts for CREATE INDEX in buffers the size of the page
	 * cache: a smaller cache meanwhile keeps the import's memory under
	 * 256 MB (what does not fit spills into the write-ahead log) */
	int64_t cache;
	if (store_cache_size_get(c->s, &cache) != ST_OK || store_cache_size_set(c->s, -SORT_CACHE_KB) != ST_OK)
		return ST_ERR;
	int rc = store_bulk_end(c->s, &c->bulk);
	if (store_cache_size_set(c->s, cache) != ST_OK || rc != ST_OK)
		return ST_ERR;
	sqlite3_stmt *st = store_stmt(c->s, "INSERT INTO search_dirty SELECT id FROM service WHERE rowid > ?1 "
					    "ON CONFLICT DO NOTHING");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, c->services_before);
	return store_exec_stmt(c->s, st);
}

void dir_hsds_load_forget(struct dir_hsds_loader *c)
{
	if (c)
		store_bulk_free(&c->bulk);
}
