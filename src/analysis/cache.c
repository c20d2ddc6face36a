/* cache.c — the current offers (dir_facts) and counselling's outcome
 * counts (counsel_evidence_outcomes) kept on a connection from one request
 * to the next while nothing in the database changed: any commit, by this
 * connection or another, gives a new change mark (store_change_mark), and
 * the next request reads them again. */
#include "analysis/analysis.h"
#include "core/core.h"
#include "counselling/counselling.h"

#include <stdlib.h>
#include <string.h>

struct facts_cache {
	struct store_mark mark; /* taken before the read: a commit after it is a change */
	arena *a;
	struct dir_fact *f;
	size_t n;
};

static const char cache_key;   /* their addresses name the caches on a connection */
static const char outcome_key;

static void cache_free(void *p)
{
	struct facts_cache *c = p;
	if (!c)
		return;
	arena_free(c->a);
	free(c);
}

int an_facts(struct store *s, struct dir_fact **f, size_t *n)
{
	struct store_mark m;
	if (store_change_mark(s, &m) != ST_OK)
		return ST_ERR;
	struct facts_cache *c = store_cache_get(s, &cache_key);
	if (!c || c->mark.others != m.others || c->mark.own != m.own) {
		store_cache_put(s, &cache_key, NULL, NULL);
		c = xcalloc(1, sizeof(*c));
		c->mark = m;
		c->a = arena_new();
		if (dir_facts(s, c->a, &c->f, &c->n) != ST_OK) {
			cache_free(c);
			return ST_ERR;
		}
		store_cache_put(s, &cache_key, c, cache_free);
	}
	*f = c->f;
	*n = c->n;
	return ST_OK;
}

void an_facts_forget(struct store *s)
{
	store_cache_put(s, &cache_key, NULL, NULL);
	store_cache_put(s, &outcome_key, NULL, NULL);
}

/* ---- counselling's outcome counts, for one date range ---- */

struct outcome_cache {
	struct store_mark mark;
	arena *a;
	const char *from, *to; /* NULL: open */
	struct counsel_outcome_count *o;
	size_t n;
};

static void outcome_free(void *p)
{
	struct outcome_cache *c = p;
	if (!c)
		return;
	arena_free(c->a);
	free(c);
}

static int same_day(const char *x, const char *y)
{
	return (!x && !y) || (x && y && strcmp(x, y) == 0);
}

int an_outcome_counts(struct store *s, const char *from, const char *to, struct counsel_outcome_count **o, size_t *n)
{
	struct store_mark m;
	if (store_change_mark(s, &m) != ST_OK)
		return ST_ERR;
	struct outcome_cache *c = store_cache_get(s, &outcome_key);
	if (!c || c->mark.others != m.others || c->mark.own != m.own || !same_day(c->from, from) ||
	    !same_day(c->to, to)) {
		store_cache_put(s, &outcome_key, NULL, NULL);
		c = xcalloc(1, sizeof(*c));
		c->mark = m;
		c->a = arena_new();
		c->from = from ? arena_strdup(c->a, from) : NULL;
		c->to = to ? arena_strdup(c->a, to) : NULL;
		if (counsel_evidence_outcomes(s, c->a, from, to, &c->o, &c->n) != ST_OK) {
			outcome_free(c);
			return ST_ERR;
		}
		store_cache_put(s, &outcome_key, c, outcome_free);
	}
	*o = c->o;
	*n = c->n;
	return ST_OK;
}
