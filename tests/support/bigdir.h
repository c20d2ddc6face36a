/* bigdir.h — a big generated directory for tests and fuzz targets, and a
 * slow, obviously right reference of the finder's search over it.
 *
 * bigdir_build() makes n offers (deterministic from a seed) in memory,
 * writes them as one spreadsheet through the flat import
 * (dir_import_offers) into a new database in a temp dir, adds what a
 * spreadsheet cannot say (several places per offer, a confidential
 * place, archived offers and an archived provider) with SQL, and builds
 * the search index once. The model (struct bigdir_offer) keeps what each
 * offer has: taxonomy terms, languages, ages, free of charge, places,
 * and which of a few made-up words (bigdir_words) stand in its name or
 * description, so text queries made of them have predictable results.
 *
 * bigdir_ref_search() answers a struct dir_search_query from the model alone
 * (loops over every offer, no index); bigdir_check() compares a
 * dir_search result with it: the result set, total, n_free, every facet,
 * pages, and the page in order. */
#ifndef LOTSE_TESTS_BIGDIR_H
#define LOTSE_TESTS_BIGDIR_H

#include "core/arena.h"
#include "directory/search/search.h"
#include "store/store.h"

#include <stddef.h>
#include <stdint.h>

#define BIGDIR_MAX_PLACES 3

/* The values the finder filters on. */
extern const char *const bigdir_terms[];  /* "taxonomy:code" of every term of the schema */
extern const size_t bigdir_n_terms;       /* at most 64 */
extern const char *const bigdir_langs[];  /* ISO codes used */
extern const size_t bigdir_n_langs;       /* at most 32 */
extern const char *const bigdir_words[];  /* made-up words, in no other text */
extern const size_t bigdir_n_words;

struct bigdir_place {
	const char *street, *postcode, *city;
	double lat, lon; /* as written into the spreadsheet */
	int has_coords;
	int confidential; /* made confidential after the import: never a distance */
	const char *ort;  /* its "ort:" term, or NULL */
};
extern const struct bigdir_place bigdir_places[];
extern const size_t bigdir_n_places;

struct bigdir_org {
	char id[37];
	char *name;
	int archived;
};

struct bigdir_offer {
	char id[37];
	char *name, *desc;
	int org;                   /* index into orgs */
	uint64_t terms;            /* bit i: bigdir_terms[i] */
	uint32_t langs;            /* bit i: bigdir_langs[i] */
	int min_age, max_age;      /* -1: not stated */
	int free_of_charge;
	int active;                /* status active (inactive ones are not in the finder) */
	int archived;
	int places[BIGDIR_MAX_PLACES]; /* indices into bigdir_places */
	int n_places;
	uint32_t words_name, words_desc; /* bit i: bigdir_words[i] in the name / description */
	int public_;               /* in the finder: active, not archived, provider not archived */
	uint32_t name_rank;        /* public ones: place in name order (folded name, then id) */
};

struct bigdir_postcode {
	char code[12];
	double lat, lon;
};

struct bigdir {
	char dir[64];              /* the temp dir (removed by bigdir_free) */
	struct store *db;
	arena *a;
	size_t n_offers, n_orgs, n_public, n_postcodes;
	struct bigdir_offer *offers;
	struct bigdir_org *orgs;
	struct bigdir_postcode *postcodes; /* the postcode table */
	uint32_t *by_id;           /* offer indices sorted by id */
	uint32_t *by_name;         /* the public offers' indices in name order */
	double build_s;            /* seconds to build database and index */
};

/* Build n offers from seed (see the top). ST_OK or ST_ERR (said on
 * stderr). BIGDIR_VERBOSE=1 in the environment prints the time of each
 * step. */
int bigdir_build(struct bigdir *d, size_t n, uint64_t seed);

/* The generator's randomness (splitmix64: the same seed, the same
 * sequence), for tests that draw queries: the next number, and one of
 * 0..n-1. */
uint64_t bigdir_rnd(uint64_t *s);
int bigdir_pick(uint64_t *s, int n);
void bigdir_free(struct bigdir *d);

/* The offer of id, or -1. */
long bigdir_find(const struct bigdir *d, const char *id);
/* The index of "taxonomy:code" in bigdir_terms, or -1. */
int bigdir_term(const char *key);

/* ---- the reference ---- */

struct bigdir_ref {
	size_t total, n_free;
	int page, pages, per_page;
	size_t n_hits;
	uint32_t *hits;            /* offer indices of the page, in order */
	float *dist;               /* per hit: km as the finder computes it, -1 without postcode */
	float *score;              /* per hit */
	int term_count[64], lang_count[32]; /* facets */
	uint32_t dropped;          /* query words left out (bit k: word k): no offer had them all */
	uint8_t *in;               /* per offer: a result */
	float *odist;              /* per offer: its distance (-1: none, or no postcode) */
	/* (in and odist are scratch shared by all calls: one reference at a time) */
};

/* The reference answer to q: ST_OK, ST_NOTFOUND (postcode not in the
 * table), or -1 when q->q holds something else than the made-up words
 * (then, with ignore_text set, it answers as if there were no text). */
int bigdir_ref_search(const struct bigdir *d, const struct dir_search_query *q, int ignore_text, struct bigdir_ref *out);
void bigdir_ref_free(struct bigdir_ref *r);

/* Compare dir_search's answer (rc, got) to q with the reference: 0 when
 * all agree, else -1 with the first difference in why. When the text is
 * outside the reference, only what still holds is checked (every hit
 * passes the other filters, counts at most those without text). */
int bigdir_check(const struct bigdir *d, const struct dir_search_query *q, int rc, const struct dir_search_result *got, char *why,
		 size_t whylen);

/* A readable form of q, for messages (owned by a). */
const char *bigdir_query_text(arena *a, const struct dir_search_query *q);

#endif
