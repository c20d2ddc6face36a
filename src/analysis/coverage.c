/* coverage.c — counting the offers: cells of stage × target group ×
 * district × language, a cell's offers, funding by funder and programme,
 * the funding cliff. Pure: facts in, counts out. */
#include "analysis/analysis.h"
#include "core/core.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const an_dim_keys[AN_DIMS] = { "phase", "gruppe", "ort", "sprache" };

/* The codes of dimension d of the offer f. */
static const char *const *codes_of(const struct dir_fact *f, enum an_dim d, size_t *n)
{
	switch (d) {
	case AN_STAGE: *n = f->n_stages; return f->stages;
	case AN_GROUP: *n = f->n_groups; return f->groups;
	case AN_DISTRICT: *n = f->n_districts; return f->districts;
	case AN_LANG: *n = f->n_languages; return f->languages;
	case AN_DIMS: break;
	}
	*n = 0;
	return NULL;
}

static int has_code(const char *const *v, size_t n, const char *code)
{
	if (!*code)
		return n == 0;
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i], code) == 0)
			return 1;
	return 0;
}

int an_filter_match(const struct an_filter *filt, const struct dir_fact *f)
{
	if (!filt)
		return 1;
	/* runs on some day of [from, to]: starts by to, ends from from on */
	if (filt->to && f->valid_from && strncmp(f->valid_from, filt->to, 10) > 0)
		return 0;
	if (filt->from && f->valid_to && strncmp(f->valid_to, filt->from, 10) < 0)
		return 0;
	for (int d = 0; d < AN_DIMS; d++) {
		if (!filt->code[d])
			continue;
		size_t n;
		const char *const *v = codes_of(f, (enum an_dim)d, &n);
		if (!has_code(v, n, filt->code[d]))
			return 0;
	}
	return 1;
}

/* The index of code in dimension d (0: ""), through a small cache of
 * the interned pointers seen (dir_facts gives equal codes one pointer);
 * -1 when the code is not one of the dimension's values. */
struct dim_cache {
	const char *ptr[64];
	int idx[64];
	size_t n;
};

static int dim_index(const struct an_dims *dims, enum an_dim d, struct dim_cache *c, const char *code)
{
	for (size_t i = 0; i < c->n; i++)
		if (c->ptr[i] == code)
			return c->idx[i];
	int idx = -1;
	for (size_t i = 0; i < dims->n[d]; i++)
		if (strcmp(dims->codes[d][i], code) == 0) {
			idx = (int)i;
			break;
		}
	if (c->n < NELEM(c->ptr)) {
		c->ptr[c->n] = code;
		c->idx[c->n++] = idx;
	}
	return idx;
}

int an_coverage_count(arena *a, const struct an_dims *dims, const struct dir_fact *f, size_t n,
		      const struct an_filter *filt, unsigned mask, struct an_coverage *out)
{
	memset(out, 0, sizeof(*out));
	out->mask = mask;
	for (int d = 0; d < AN_DIMS; d++)
		out->total.code[d] = "*";
	size_t size[AN_DIMS], ncells = 1;
	for (int d = 0; d < AN_DIMS; d++) {
		size[d] = mask & AN_MASK(d) ? dims->n[d] : 1;
		if (size[d] == 0)
			return ST_ERR;
		ncells *= size[d];
		if (ncells > (size_t)AN_MAX_CELLS)
			return ST_ERR;
	}
	struct an_cell *grid = calloc(ncells, sizeof(*grid));
	if (!grid)
		core_oom();
	struct dim_cache cache[AN_DIMS] = { 0 };
	int *ix[AN_DIMS];
	size_t nix[AN_DIMS];
	size_t maxix = 1;
	for (size_t i = 0; i < n; i++)
		for (int d = 0; d < AN_DIMS; d++) {
			size_t k;
			codes_of(&f[i], (enum an_dim)d, &k);
			maxix = k > maxix ? k : maxix;
		}
	for (int d = 0; d < AN_DIMS; d++)
		ix[d] = arena_alloc(a, maxix * sizeof(int));
	for (size_t i = 0; i < n; i++) {
		const struct dir_fact *o = &f[i];
		if (!an_filter_match(filt, o))
			continue;
		long places = o->capacity >= 0 ? o->capacity : 0;
		int funded = o->n_funders > 0 || o->n_funding > 0;
		struct an_cell *t = &out->total;
		t->offers++;
		t->places += places;
		t->no_places += o->capacity < 0;
		t->free += o->free_of_charge;
		t->funded += funded;
		/* the indexes of its codes per dimension (distinct; "" when none) */
		for (int d = 0; d < AN_DIMS; d++) {
			nix[d] = 0;
			if (!(mask & AN_MASK(d))) {
				ix[d][nix[d]++] = 0;
				continue;
			}
			size_t k;
			const char *const *v = codes_of(o, (enum an_dim)d, &k);
			for (size_t j = 0; j < k; j++) {
				int x = dim_index(dims, (enum an_dim)d, &cache[d], v[j]);
				if (x < 0 || (filt && filt->code[d] && strcmp(filt->code[d], v[j]) != 0))
					continue;
				int seen = 0;
				for (size_t m = 0; m < nix[d] && !seen; m++)
					seen = ix[d][m] == x;
				if (!seen)
					ix[d][nix[d]++] = x;
			}
			if (nix[d] == 0)
				ix[d][nix[d]++] = 0;
		}
		for (size_t s = 0; s < nix[0]; s++)
			for (size_t g = 0; g < nix[1]; g++)
				for (size_t di = 0; di < nix[2]; di++)
					for (size_t l = 0; l < nix[3]; l++) {
						size_t at = (((size_t)ix[0][s] * size[1] + (size_t)ix[1][g]) * size[2] +
							     (size_t)ix[2][di]) * size[3] + (size_t)ix[3][l];
						struct an_cell *c = &grid[at];
						c->offers++;
						c->places += places;
						c->no_places += o->capacity < 0;
						c->free += o->free_of_charge;
						c->funded += funded;
					}
	}
	size_t used = 0;
	for (size_t i = 0; i < ncells; i++)
		used += grid[i].offers > 0;
	out->cells = arena_alloc(a, (used ? used : 1) * sizeof(*out->cells));
	for (size_t i = 0; i < ncells; i++) {
		if (!grid[i].offers)
			continue;
		struct an_cell *c = &out->cells[out->n++];
		*c = grid[i];
		size_t rest = i;
		for (int d = AN_DIMS - 1; d >= 0; d--) {
			size_t x = rest % size[d];
			rest /= size[d];
			c->code[d] = mask & AN_MASK(d) ? dims->codes[d][x] : "*";
		}
	}
	free(grid);
	return ST_OK;
}

void an_cell_offers(arena *a, const struct dir_fact *f, size_t n, const struct an_filter *cell,
		    const struct dir_fact ***out, size_t *nout)
{
	*nout = 0;
	*out = arena_alloc(a, (n ? n : 1) * sizeof(**out));
	for (size_t i = 0; i < n; i++)
		if (an_filter_match(cell, &f[i]))
			(*out)[(*nout)++] = &f[i];
}

/* ---- funding ---- */

static int by_funding(const void *x, const void *y)
{
	const struct an_funding_row *a = x, *b = y;
	if (!*a->funder != !*b->funder) /* programmes after funders */
		return !*a->funder - !*b->funder;
	if (*a->funder)
		return strcmp(a->funder, b->funder);
	if (!*a->programme != !*b->programme) /* "" (none stated) last */
		return !*a->programme - !*b->programme;
	return strcmp(a->programme, b->programme);
}

/* Count o under the row (funder, programme) of *out. */
static void count_row(arena *a, struct an_funding_row **out, size_t *nout, size_t *cap, const char *funder,
		      const char *prog, const struct dir_fact *o)
{
	size_t k;
	for (k = 0; k < *nout; k++)
		if (strcmp((*out)[k].funder, funder) == 0 && strcmp((*out)[k].programme, prog) == 0)
			break;
	if (k == *nout) {
		*out = arena_grow(a, *out, *nout, cap, sizeof(**out), 16);
		(*out)[(*nout)++] = (struct an_funding_row){ funder, prog, 0, 0 };
	}
	(*out)[k].offers++;
	(*out)[k].places += o->capacity >= 0 ? o->capacity : 0;
}

void an_funding_count(arena *a, const struct dir_fact *f, size_t n, const struct an_filter *filt,
		      struct an_funding_row **out, size_t *nout)
{
	size_t cap = 0;
	*out = NULL;
	*nout = 0;
	for (size_t i = 0; i < n; i++) {
		const struct dir_fact *o = &f[i];
		if (!an_filter_match(filt, o))
			continue;
		for (size_t x = 0; x < o->n_funders; x++)
			count_row(a, out, nout, &cap, o->funders[x], "", o);
		for (size_t y = 0; y < o->n_funding; y++)
			count_row(a, out, nout, &cap, "", o->funding[y], o);
		if (!o->n_funding)
			count_row(a, out, nout, &cap, "", "", o);
	}
	if (*nout)
		qsort(*out, *nout, sizeof(**out), by_funding);
}

static int by_end(const void *x, const void *y)
{
	const struct dir_fact *a = *(const struct dir_fact *const *)x, *b = *(const struct dir_fact *const *)y;
	int c = strncmp(a->valid_to, b->valid_to, 10);
	return c ? c : strcmp(a->id, b->id);
}

void an_funding_cliff(arena *a, const struct dir_fact *f, size_t n, const struct an_filter *filt,
		      const char *today, const struct dir_fact ***out, size_t *nout)
{
	/* today + 12 months, as text: the year counted up */
	char until[16];
	int year = atoi(today) % 10000;
	snprintf(until, sizeof(until), "%04d%.6s", year + 1, today + 4);
	*nout = 0;
	*out = arena_alloc(a, (n ? n : 1) * sizeof(**out));
	for (size_t i = 0; i < n; i++) {
		const struct dir_fact *o = &f[i];
		if (!o->valid_to || strncmp(o->valid_to, today, 10) < 0 || strncmp(o->valid_to, until, 10) > 0)
			continue;
		if (an_filter_match(filt, o))
			(*out)[(*nout)++] = o;
	}
	qsort(*out, *nout, sizeof(**out), by_end);
}
