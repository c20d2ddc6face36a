/* wordcache.c — the query words already resolved on a snapshot: per word
 * (its folded form and search form) its forms (the stem, synonyms,
 * compounds, typo corrections) and its documents as bitmaps, kept in a
 * small process-wide table while that snapshot answers, so that a word
 * is looked up in the vocabulary (for a typo: a scan of all of it) and
 * its postings are decoded once, not in every query that has it. Not a
 * cache of pages or results: a query still combines its words, filters,
 * range and distance and ranks, counts and cuts its page itself.
 * Bounded by bytes; the least recently used word goes first. Each entry
 * belongs to one snapshot of one index: a newer snapshot of that index
 * drops them, those of other indexes stay (the rule of both caches:
 * cache.c). */
#include "search/search_internal.h"
#include "core/core.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define WC_SLOTS 256
#define WC_BYTES (5u << 20) /* the words' bitmaps together at most */

struct wc_entry {
	struct cache_entry c;     /* the snapshot it was resolved on; last used */
	int refs;                 /* the table's and each query's using it (under wc_mu) */
	uint64_t hash;
	char *key;                /* fold, '\x1f', stem */
	int typo, n;
	char *typo_best;
	struct search_alt alt[SEARCH_MAX_ALTS];
	arena *a;                 /* the strings */
	uint64_t bits[];          /* any, name, name_ind, head: sn->words each */
};

static pthread_mutex_t wc_mu = PTHREAD_MUTEX_INITIALIZER;
static struct cache_entry *wc[WC_SLOTS]; /* each the head of a struct wc_entry */
static uint64_t wc_tick;

static struct wc_entry *at(int i)
{
	return (struct wc_entry *)wc[i];
}

static void unref(struct wc_entry *e)
{
	if (e && --e->refs == 0) {
		arena_free(e->a);
		free(e->key);
		free(e);
	}
}

static void drop(struct cache_entry *c)
{
	unref((struct wc_entry *)c);
}

static char *key_of(const struct search_word *w, uint64_t *hash)
{
	size_t nf = strlen(w->fold), ns = strlen(w->stem);
	char *k = xmalloc(nf + ns + 2);
	memcpy(k, w->fold, nf);
	k[nf] = '\x1f';
	memcpy(k + nf + 1, w->stem, ns + 1);
	*hash = core_hash(k, nf + ns + 1);
	return k;
}

/* The slot of key resolved on sn in the table, or -1. Call with wc_mu. */
static int find(const struct snap *sn, const char *key, uint64_t hash)
{
	for (int i = 0; i < WC_SLOTS; i++)
		if (wc[i] && wc[i]->ix == sn->ix && wc[i]->serial == sn->serial && at(i)->hash == hash &&
		    strcmp(at(i)->key, key) == 0)
			return i;
	return -1;
}

struct wc_entry *search_wc_get(const struct snap *sn, arena *a, struct search_word *w, uint64_t **bits)
{
	uint64_t hash;
	char *key = key_of(w, &hash);
	pthread_mutex_lock(&wc_mu);
	int i = find(sn, key, hash);
	struct wc_entry *e = i >= 0 ? at(i) : NULL;
	if (e) {
		e->refs++;
		e->c.used = ++wc_tick;
	}
	pthread_mutex_unlock(&wc_mu);
	free(key);
	if (!e)
		return NULL;
	/* the strings into the query's arena: they outlive the entry */
	w->typo = e->typo;
	w->typo_best = e->typo_best ? arena_strdup(a, e->typo_best) : NULL;
	w->n = e->n;
	for (int k = 0; k < e->n; k++)
		w->alt[k] = (struct search_alt){ arena_strdup(a, e->alt[k].form), e->alt[k].direct };
	*bits = e->bits;
	return e;
}

void search_wc_put(const struct snap *sn, const struct search_word *w, const uint64_t *const bits[4])
{
	size_t W = sn->words, bytes = 4 * W * sizeof(uint64_t);
	if (bytes * 4 > WC_BYTES)
		return; /* a huge index: a few words would fill it */
	uint64_t hash;
	struct wc_entry *e = xcalloc(1, sizeof(*e) + bytes);
	e->key = key_of(w, &hash);
	e->hash = hash;
	e->refs = 1;
	e->c = (struct cache_entry){ sn->ix, sn->serial, 0 };
	e->a = arena_new();
	e->typo = w->typo;
	e->typo_best = w->typo_best ? arena_strdup(e->a, w->typo_best) : NULL;
	e->n = w->n;
	for (int k = 0; k < w->n; k++)
		e->alt[k] = (struct search_alt){ arena_strdup(e->a, w->alt[k].form), w->alt[k].direct };
	for (int k = 0; k < 4; k++)
		memcpy(e->bits + (size_t)k * W, bits[k], W * sizeof(uint64_t));

	size_t slots = WC_BYTES / bytes < WC_SLOTS ? WC_BYTES / bytes : WC_SLOTS;
	struct wc_entry *gone = NULL;
	pthread_mutex_lock(&wc_mu);
	if (search_cache_sweep(wc, WC_SLOTS, sn, drop) && find(sn, e->key, hash) < 0) {
		size_t slot = search_cache_slot(wc, slots);
		gone = (struct wc_entry *)wc[slot];
		e->c.used = ++wc_tick;
		wc[slot] = &e->c;
		e = NULL;
	}
	unref(gone);
	unref(e);
	pthread_mutex_unlock(&wc_mu);
}

void search_wc_release(struct wc_entry *e)
{
	if (!e)
		return;
	pthread_mutex_lock(&wc_mu);
	unref(e);
	pthread_mutex_unlock(&wc_mu);
}
