/* combos.c — the distinct combinations of a survey's closed answers
 * (columns.h): responses that answered the questions read alike form one
 * combination, so that what depends only on those answers (a filter, a
 * condition, the needs of the evidence loop) is worked out once per
 * combination rather than once per response. */
#include "surveys/columns.h"
#include "core/core.h"

#include <stdlib.h>
#include <string.h>


static uint64_t hash_key(const unsigned char *k, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ull;
	for (size_t i = 0; i < n; i++)
		h = (h ^ k[i]) * 0x100000001b3ull;
	return h;
}

static void combo_rehash(struct survey_combos *c)
{
	free(c->slot);
	c->nslot = c->nslot ? 2 * c->nslot : 1024;
	c->slot = xcalloc(c->nslot, sizeof(*c->slot));
	for (size_t g = 0; g < c->n; g++) {
		size_t h = (size_t)hash_key(c->keys + g * c->width, c->width) & (c->nslot - 1);
		while (c->slot[h])
			h = (h + 1) & (c->nslot - 1);
		c->slot[h] = g + 1;
	}
}

size_t survey_combo_add(struct survey_combos *c, const unsigned char *key, double w, int *fresh)
{
	if (2 * (c->n + 1) > c->nslot)
		combo_rehash(c);
	size_t h = (size_t)hash_key(key, c->width) & (c->nslot - 1);
	while (c->slot[h]) {
		size_t g = c->slot[h] - 1;
		if (memcmp(c->keys + g * c->width, key, c->width) == 0) {
			c->w[g] += w;
			if (fresh)
				*fresh = 0;
			return g;
		}
		h = (h + 1) & (c->nslot - 1);
	}
	if (c->n == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 256;
		c->keys = xrealloc(c->keys, c->cap * (c->width ? c->width : 1));
		c->w = xrealloc(c->w, c->cap * sizeof(*c->w));
	}
	memcpy(c->keys + c->n * c->width, key, c->width);
	c->w[c->n] = w;
	c->slot[h] = ++c->n;
	if (fresh)
		*fresh = 1;
	return c->n - 1;
}

void survey_combos_free(struct survey_combos *c)
{
	free(c->keys);
	free(c->w);
	free(c->slot);
	memset(c, 0, sizeof(*c));
}

int survey_memo_eval(const struct survey_colvals *vars, size_t nv, size_t n,
		     int (*fn)(void *ctx, const struct survey_answers *as), void *ctx, unsigned char *out)
{
	struct survey_combos c = { .width = nv ? nv : 1 };
	unsigned char *key = xcalloc(nv + 1, 1), *res = NULL;
	size_t rcap = 0;
	arena *a = arena_new();
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < nv; j++)
			key[j] = vars[j].v[i];
		int fresh;
		size_t g = survey_combo_add(&c, key, 0, &fresh);
		if (fresh) {
			if (g >= rcap) {
				rcap = rcap ? 2 * rcap : 256;
				res = xrealloc(res, rcap);
			}
			struct survey_answers as = { 0 };
			for (size_t j = 0; j < nv; j++)
				if (key[j] && key[j] <= vars[j].k)
					survey_answer_set(a, &as, vars[j].qi, vars[j].part, vars[j].codes[key[j] - 1]);
			res[g] = (unsigned char)(fn(ctx, &as) != 0);
		}
		out[i] = res[g];
	}
	arena_free(a);
	free(key);
	free(res);
	survey_combos_free(&c);
	return ST_OK;
}
