/* snap.c — the per-process snapshot of an index: looking up its words
 * and features, and which snapshot answers. A running server's
 * background indexer publishes each new snapshot whole (indexer.c);
 * without one (commands, tests), the first search after a change builds
 * it, one thread at a time while the others keep using the previous
 * one. Shared read-only, freed with its last reference. */
#include "search/search_internal.h"
#include "core/core.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#define SNAP_CACHE 4 /* indexes and databases per process (tests open several) */

static pthread_mutex_t snap_mu = PTHREAD_MUTEX_INITIALIZER;
static struct snap *snap_cache[SNAP_CACHE];
static pthread_mutex_t snap_build_mu = PTHREAD_MUTEX_INITIALIZER; /* one build at a time */

int search_snap_feature(const struct snap *sn, const char *key)
{
	for (size_t i = 0; i < sn->n_feat; i++)
		if (strcmp(sn->feat[i], key) == 0)
			return (int)i;
	return -1;
}

const struct snap_word *search_snap_word(const struct snap *sn, const char *term)
{
	size_t lo = 0, hi = sn->n_words;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(snap_word_term(sn->wordv[mid]), term);
		if (c == 0)
			return sn->wordv[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* Drop one reference; the last one frees. Call with snap_mu held. */
static void unref(struct snap *sn)
{
	if (sn && --sn->refs == 0)
		snap_free(sn);
}

static int same(const struct snap *c, const struct search_index *ix, const char *token)
{
	return c && c->ix == ix && strcmp(c->token, token) == 0;
}

/* The cached snapshot of ix in the database of token (referenced), or
 * NULL. Call with snap_mu. */
static struct snap *cached(const struct search_index *ix, const char *token)
{
	for (size_t i = 0; i < SNAP_CACHE; i++) {
		struct snap *c = snap_cache[i];
		if (same(c, ix, token)) {
			c->refs++;
			return c;
		}
	}
	return NULL;
}

struct snap *search_snap_cached(const struct search_index *ix, const char *token)
{
	pthread_mutex_lock(&snap_mu);
	struct snap *c = cached(ix, token);
	pthread_mutex_unlock(&snap_mu);
	return c;
}

/* Put sn (its reference handed over) in its database's slot, else a free
 * one, else the last. Call with snap_mu. */
static void put(struct snap *sn)
{
	size_t slot = SNAP_CACHE - 1;
	for (size_t i = 0; i < SNAP_CACHE; i++) {
		if (!snap_cache[i] || same(snap_cache[i], sn->ix, sn->token)) {
			slot = i;
			break;
		}
	}
	unref(snap_cache[slot]);
	snap_cache[slot] = sn;
}

void search_snap_publish(struct snap *sn)
{
	pthread_mutex_lock(&snap_mu);
	put(sn);
	pthread_mutex_unlock(&snap_mu);
}

struct snap *search_snap_acquire(struct store *s, const struct search_index *ix)
{
	if (!search_indexer_on_this_thread()) {
		struct snap *p = search_indexer_snap(ix); /* a running server's: no read */
		if (p)
			return p;
	}
	char token[40];
	int64_t gen;
	sqlite3_stmt *st = search_stmt(s, ix, Q_STATE);
	if (!st)
		return NULL;
	if (store_step(st) <= 0) { /* no state or a failed read: no snapshot (the search fails) */
		sqlite3_reset(st);
		return NULL;
	}
	snprintf(token, sizeof(token), "%s", store_col_text(st, 0));
	gen = sqlite3_column_int64(st, 1);
	sqlite3_reset(st);

	struct snap *old = search_snap_cached(ix, token);
	if (old && old->gen >= gen)
		return old;
	if (old) {
		/* Stale. A large index (by documents, not by time, which a
		 * slow machine or a sanitizer stretches) that is slow to build
		 * is renewed at most every other build time (an import changes
		 * it again and again), by one thread at a time; meanwhile the
		 * previous state serves, a moment old (the capability re-checks
		 * that a hit is still public). A small one is always current. */
		int resting = old->n_docs >= 1000 && old->build_us > 50000 &&
			      core_mono_us() - old->built_at < 2 * old->build_us;
		if (resting || pthread_mutex_trylock(&snap_build_mu) != 0)
			return old;
	} else {
		/* none yet: wait for a thread that builds one, then look again */
		pthread_mutex_lock(&snap_build_mu);
		struct snap *c = search_snap_cached(ix, token);
		if (c && c->gen >= gen) {
			pthread_mutex_unlock(&snap_build_mu);
			return c;
		}
		search_snap_release(c);
	}
	struct snap *sn = snap_build(s, ix, token, gen, NULL);
	pthread_mutex_lock(&snap_mu);
	if (sn) {
		sn->refs = 2; /* the cache's and the caller's */
		put(sn);
		unref(old);
	} else {
		sn = old; /* could not read the index now: the previous state, if any */
	}
	pthread_mutex_unlock(&snap_mu);
	pthread_mutex_unlock(&snap_build_mu);
	return sn;
}

void search_snap_release(struct snap *sn)
{
	if (!sn)
		return;
	pthread_mutex_lock(&snap_mu);
	unref(sn);
	pthread_mutex_unlock(&snap_mu);
}

int search_with_extra(struct store *s, const struct search_index *ix, int (*fn)(void *ctx, const void *extra),
		      void *ctx)
{
	struct snap *sn = search_snap_acquire(s, ix);
	if (!sn)
		return ST_ERR;
	int rc = fn(ctx, sn->extra);
	search_snap_release(sn);
	return rc;
}
