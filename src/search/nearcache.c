/* nearcache.c — the documents within a distance of a point, as a bitmap,
 * kept for the points and radii asked for last on a snapshot: a finder
 * page with a postcode and a radius would otherwise set a bit for every
 * document of every place in the circle (tens of thousands at 50 km), and
 * people ask again and again for the same few postcodes of the region.
 * Like the word cache (wordcache.c) not a cache of pages or results: a
 * query still combines this set with its words and filters, and ranks,
 * counts and cuts its page itself. Bounded by bytes (1 MB, which the
 * word cache gave up, so that the server's peak memory stays); the least
 * recently used goes first; a newer snapshot of an index drops the older
 * one's (the rule of both caches: cache.c). */
#include "search/search_internal.h"
#include "core/core.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define NC_SLOTS 64
#define NC_BYTES (1u << 20) /* the bitmaps together at most */

struct nc_entry {
	struct cache_entry c; /* the snapshot; last used */
	double lat, lon, radius_km;
	uint64_t bits[];      /* sn->words */
};

static pthread_mutex_t nc_mu = PTHREAD_MUTEX_INITIALIZER;
static struct cache_entry *nc[NC_SLOTS]; /* each the head of a struct nc_entry */
static uint64_t nc_tick;

/* The circle of slot i if it is this one on sn, else NULL. */
static struct nc_entry *same(int i, const struct snap *sn, double lat, double lon, double radius_km)
{
	struct nc_entry *e = (struct nc_entry *)nc[i];
	if (!e || e->c.ix != sn->ix || e->c.serial != sn->serial)
		return NULL;
	return e->lat == lat && e->lon == lon && e->radius_km == radius_km ? e : NULL;
}

static void drop(struct cache_entry *c)
{
	free(c);
}

int search_nc_get(const struct snap *sn, double lat, double lon, double radius_km, uint64_t *bits)
{
	int found = 0;
	pthread_mutex_lock(&nc_mu);
	for (int i = 0; i < NC_SLOTS && !found; i++) {
		struct nc_entry *e = same(i, sn, lat, lon, radius_km);
		if (e) {
			memcpy(bits, e->bits, sn->words * sizeof(uint64_t));
			e->c.used = ++nc_tick;
			found = 1;
		}
	}
	pthread_mutex_unlock(&nc_mu);
	return found;
}

void search_nc_put(const struct snap *sn, double lat, double lon, double radius_km, const uint64_t *bits)
{
	size_t bytes = sn->words * sizeof(uint64_t);
	if (bytes * 8 > NC_BYTES)
		return; /* a huge index: a few would fill it */
	size_t slots = NC_BYTES / bytes < NC_SLOTS ? NC_BYTES / bytes : NC_SLOTS;
	struct nc_entry *e = xmalloc(sizeof(*e) + bytes);
	*e = (struct nc_entry){ { sn->ix, sn->serial, 0 }, lat, lon, radius_km };
	memcpy(e->bits, bits, bytes);
	pthread_mutex_lock(&nc_mu);
	int keep = search_cache_sweep(nc, NC_SLOTS, sn, drop);
	for (int i = 0; i < NC_SLOTS && keep; i++)
		if (same(i, sn, lat, lon, radius_km))
			keep = 0; /* another request put it meanwhile */
	if (keep) {
		size_t slot = search_cache_slot(nc, slots);
		free(nc[slot]);
		e->c.used = ++nc_tick;
		nc[slot] = &e->c;
		e = NULL;
	}
	pthread_mutex_unlock(&nc_mu);
	free(e);
}
