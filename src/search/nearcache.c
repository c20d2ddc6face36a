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
 * one's. */
#include "search/search_internal.h"
#include "core/core.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define NC_SLOTS 64
#define NC_BYTES (1u << 20) /* the bitmaps together at most */

struct nc_entry {
	const struct search_index *ix;
	uint64_t serial; /* of the snapshot of ix */
	double lat, lon, radius_km;
	uint64_t used;
	uint64_t bits[]; /* sn->words */
};

static pthread_mutex_t nc_mu = PTHREAD_MUTEX_INITIALIZER;
static struct nc_entry *nc[NC_SLOTS];
static uint64_t nc_tick;

static int same(const struct nc_entry *e, const struct snap *sn, double lat, double lon, double radius_km)
{
	return e && e->ix == sn->ix && e->serial == sn->serial && e->lat == lat && e->lon == lon &&
	       e->radius_km == radius_km;
}

int search_nc_get(const struct snap *sn, double lat, double lon, double radius_km, uint64_t *bits)
{
	int found = 0;
	pthread_mutex_lock(&nc_mu);
	for (int i = 0; i < NC_SLOTS && !found; i++)
		if (same(nc[i], sn, lat, lon, radius_km)) {
			memcpy(bits, nc[i]->bits, sn->words * sizeof(uint64_t));
			nc[i]->used = ++nc_tick;
			found = 1;
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
	*e = (struct nc_entry){ sn->ix, sn->serial, lat, lon, radius_km, 0 };
	memcpy(e->bits, bits, bytes);
	pthread_mutex_lock(&nc_mu);
	int skip = 0; /* a newer snapshot of ix is here (this one is old), or the circle */
	for (int i = 0; i < NC_SLOTS; i++)
		if (nc[i] && nc[i]->ix == sn->ix && nc[i]->serial != sn->serial) {
			if (nc[i]->serial > sn->serial) {
				skip = 1;
			} else {
				free(nc[i]);
				nc[i] = NULL;
			}
		}
	int slot = -1;
	for (size_t i = 0; i < NC_SLOTS && !skip; i++)
		if (same(nc[i], sn, lat, lon, radius_km))
			skip = 1; /* another request put it meanwhile */
	for (size_t i = 0; i < slots && slot < 0 && !skip; i++)
		if (!nc[i])
			slot = (int)i;
	if (slot < 0 && !skip) { /* else the least recently used */
		slot = 0;
		for (size_t i = 1; i < slots; i++)
			if (nc[i]->used < nc[slot]->used)
				slot = (int)i;
		free(nc[slot]);
	}
	if (slot >= 0) {
		e->used = ++nc_tick;
		nc[slot] = e;
		e = NULL;
	}
	pthread_mutex_unlock(&nc_mu);
	free(e);
}
