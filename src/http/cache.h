/* cache.h — a small in-memory cache of rendered pages.
 *
 * A handler whose page depends only on the request target, the language
 * and a data version (e.g. the search index's generation) can keep the
 * rendered body and answer repeats without searching or rendering again.
 * Entries are valid while their version matches and for at most ttl
 * seconds (for changes the version does not see). Bounded: a fixed number
 * of slots, bodies up to a size limit. Thread-safe. */
#ifndef LOTSE_CACHE_H
#define LOTSE_CACHE_H

#include "core/buf.h"

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#define PAGE_CACHE_SLOTS 128
#define PAGE_CACHE_MAX_BODY (256 * 1024)

struct page_cache_slot {
	char *key;
	int64_t version;
	int64_t stored_at;
	char *body;
	size_t len;
};

struct page_cache {
	pthread_mutex_t lock;
	int64_t ttl;
	struct page_cache_slot slots[PAGE_CACHE_SLOTS];
};

#define PAGE_CACHE_INIT(ttl_) { .lock = PTHREAD_MUTEX_INITIALIZER, .ttl = (ttl_) }

/* Append the body cached for key at version to out and return 1; 0 when
 * there is none (or it is stale). */
int page_cache_get(struct page_cache *c, const char *key, int64_t version, int64_t now, buf *out);

/* Keep a copy of body under key and version (bodies over the limit are
 * not kept). */
void page_cache_put(struct page_cache *c, const char *key, int64_t version, int64_t now,
		    const char *body, size_t len);

/* Drop every entry (tests, shutdown). */
void page_cache_clear(struct page_cache *c);

#endif
