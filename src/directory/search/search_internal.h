/* search_internal.h — what the offer index's files share (internal to
 * src/directory/search/): the per-process snapshot of the index, sets of
 * offers as bitmaps. The text engine itself is src/search/. */
#ifndef LOTSE_DIRECTORY_SEARCH_INTERNAL_H
#define LOTSE_DIRECTORY_SEARCH_INTERNAL_H

#include "directory/search/search.h"
#include "search/search.h"

#include <stdint.h>

/* The three word tables, by weight in the rank. */
enum search_table { ST_NAME, ST_HEAD, ST_BODY, ST__N };

/* ---- sets of offers (snapshot positions 0..n-1) ---- */

/* A set: sorted positions when sparse, a bitmap when dense. */
struct dset {
	uint32_t n;      /* members */
	uint32_t *ids;   /* sorted, or NULL */
	uint64_t *bits;  /* or a bitmap of snap->words words */
};

/* OR the set into the bitmap b. */
static inline void dset_or(uint64_t *b, const struct dset *s, size_t words)
{
	if (s->bits) {
		for (size_t i = 0; i < words; i++)
			b[i] |= s->bits[i];
	} else {
		for (uint32_t i = 0; i < s->n; i++)
			b[s->ids[i] >> 6] |= 1ull << (s->ids[i] & 63);
	}
}

/* ---- search_snap.c: the in-memory copy of the index ---- */

struct snap_doc {
	int64_t docid;
	int16_t min_age, max_age; /* -1 = open */
	uint32_t coord_off;       /* into snap->coords, pairs of lat, lon */
	uint16_t n_coords;
	uint32_t name_rank;       /* place in name order */
};

/* A frequent word's offers, per table. */
struct snap_word {
	const char *term;
	struct dset in[ST__N];
};

/* What a taxonomy feature ("taxonomy:code") names, for the result list. */
struct snap_term {
	const char *id, *code, *taxonomy_id, *taxonomy_code, *name; /* German name */
	const char *label_lang[4], *label[4];                       /* other languages */
	int order;                                                  /* taxonomy, then position */
};

struct snap_syn {
	const char *term;      /* search form of the word */
	const char *expansion; /* search form, tokens separated by spaces */
};

struct snap {
	char token[40];
	int64_t gen;
	int refs;
	int64_t built_at, build_us; /* monotonic µs */
	size_t n_docs, words;   /* offers; 64-bit words of a bitmap over them */
	struct snap_doc *docs;  /* in docid order (the order FTS5 returns) */
	uint32_t *by_name;      /* positions in name order */
	int32_t *by_docid;      /* docid -> position, -1 = none */
	int64_t max_docid;
	size_t n_feat;
	const char **feat;      /* "taxonomy:code" or "lang:xx" */
	struct snap_term *feat_term; /* per feature; id NULL for languages and unknown terms */
	uint64_t *feat_bits;    /* n_feat bitmaps */
	uint64_t *free_bits;    /* offers free of charge */
	float *coords;
	size_t n_cached;
	struct snap_word *cached; /* frequent words, sorted by term */
	size_t n_terms;         /* the vocabulary (search forms), for typos */
	const char **terms;
	uint8_t *term_len;
	size_t n_syn;
	struct snap_syn *syn;   /* sorted by term */
	arena *a;               /* strings and sets */
};

/* The current snapshot of s's database (rebuilt when the index changed),
 * or NULL on error. Release it with snap_release. */
struct snap *snap_acquire(struct store *s);
void snap_release(struct snap *sn);

/* The feature number of key, or -1. */
int snap_feature(const struct snap *sn, const char *key);
/* A frequent word's sets, or NULL. */
const struct snap_word *snap_word(const struct snap *sn, const char *term);

/* The offers holding the word term (search form) in table t, OR'ed into
 * the bitmap b: from the snapshot for frequent words, else from FTS5.
 * ST_OK or ST_ERR. */
int snap_word_or(struct store *s, const struct snap *sn, const char *term, enum search_table t, uint64_t *b);
/* The same for an FTS5 expression over search forms. */
int snap_fts_or(struct store *s, const struct snap *sn, const char *expr, enum search_table t, uint64_t *b);

#endif
