/* rank.h — what a query (query.c) and its ranking (rank.c) share inside
 * src/search/: a query word's documents as bitmaps, the words that count,
 * the candidates of a page and how they are ordered. */
#ifndef LOTSE_SEARCH_RANK_H
#define LOTSE_SEARCH_RANK_H

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

/* popcount: the CPU's instruction where there is one (x86-64 since 2008) */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define POPCNT __attribute__((target_clones("popcnt", "default")))
#else
#define POPCNT
#endif

/* ---- counting bitmaps (bits.c) ---- */

/* The bits set in b (words 64-bit words). */
size_t search_bits_count(const uint64_t *b, size_t words);
/* The bits set in both a and b. */
size_t search_bits_count_and(const uint64_t *a, const uint64_t *b, size_t words);
/* The same over only the words at (n of them). */
size_t search_bits_count_and_at(const uint64_t *a, const uint64_t *b, const uint32_t *at, size_t n);
/* The vector instructions this CPU counts with, and the count with those
 * of v (v at most search_vector(); for the tests of each). */
enum search_vector { SEARCH_V_NONE, SEARCH_V_256, SEARCH_V_512 };
enum search_vector search_vector(void);
size_t search_bits_count_and_as(enum search_vector v, const uint64_t *a, const uint64_t *b, size_t words);

static inline int search_bit(const uint64_t *b, uint32_t i)
{
	return (b[i >> 6] >> (i & 63)) & 1;
}

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
