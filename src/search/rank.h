/* rank.h — what a query (query.c) and its ranking (rank.c) share inside
 * src/search/: a query word's documents as bitmaps, the words that count,
 * the candidates of a page and how they are ordered. */
#ifndef LOTSE_SEARCH_RANK_H
#define LOTSE_SEARCH_RANK_H

#include "search/bits.h"
#include "search/search_internal.h"

/* The rank: per query word, where the document holds it (a direct form: the
 * word, its stem or a synonym; an indirect one: a compound or a typo
 * correction), summed over the words. */
#define R_NAME 10    /* in the name, directly */
#define R_NAME_IND 6 /* in the name, indirectly */
#define R_HEAD 3     /* in the head field (terms, languages, the provider) */
#define R_BODY 1     /* elsewhere (description, places) */

/* One query word: the documents holding it anywhere (any), in the name
 * directly (name) or indirectly (name_ind), in name or head (head). */
struct wsets {
	uint64_t *any, *name, *name_ind, *head;
};

struct text {
	int n;                        /* words */
	struct wsets ws[SEARCH_MAX_WORDS];
	int keep[SEARCH_MAX_WORDS];   /* the words that count */
};

/* A document of the page being ordered. */
struct cand {
	uint32_t idx;
	float score, dist;
	uint32_t rank; /* name order */
};

/* The score of document i for the words of t that count. */
float search_score_of(const struct text *t, uint32_t i);

/* Order v (n of them) so that its first k are the first k by score,
 * then title. */
void search_top_k_score(struct cand *v, size_t n, size_t k);

/* The first `to` results res by rank (score, then title), into a new
 * array (*n of them, in order; free it). */
struct cand *search_ranked(const struct snap *sn, const struct text *t, const uint64_t *res, size_t to, size_t *n);

/* The first `to` results res by distance (then rank, then title), from
 * the places np (nnp of them, within the radius; reordered), into a new
 * array (*n of them, in order; free it). a: for scratch. */
struct cand *search_nearest(const struct snap *sn, arena *a, const struct text *t, struct snap_near *np, size_t nnp,
			    const uint64_t *res, size_t to, size_t *n);

#endif
