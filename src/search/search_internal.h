/* search_internal.h — what the engine's files share (internal to
 * src/search/): an index's SQL, the per-process snapshot of an index,
 * sets of documents as bitmaps. */
#ifndef LOTSE_SEARCH_INTERNAL_H
#define LOTSE_SEARCH_INTERNAL_H

#include "search/search.h"

#include <stdint.h>

/* The three word tables, by weight in the rank (enum search_field). */
enum search_table { ST_NAME = SEARCH_TITLE, ST_HEAD = SEARCH_HEAD, ST_BODY = SEARCH_BODY, ST__N = SEARCH_FIELDS };

/* ---- scripts (fold.c) ---- */

/* The script of a folded token: all its letters of one (digits and
 * anything else make it SCRIPT_OTHER). */
enum search_script { SCRIPT_OTHER, SCRIPT_LATIN, SCRIPT_CYRILLIC, SCRIPT_ARABIC };
enum search_script search_script_of(const char *w, size_t n);

/* Stem the folded Arabic-script token w (n bytes, NUL-terminated) in
 * place: a leading article, common endings. Returns the new length. */
size_t search_arabic_stem(char *w, size_t n);

/* ---- the words of a query (words.c) ---- */

struct snap;

#define SEARCH_MAX_WORDS 8  /* query words used; the rest are ignored */
#define SEARCH_MAX_ALTS 40  /* forms of one word */

struct search_alt {
	const char *form; /* search-form tokens, separated by spaces (all must match) */
	int direct;       /* the word, its stem or a synonym (else a compound or a typo) */
};

struct search_word {
	const char *fold, *stem;   /* as typed (folded), its search form; a phrase's separated by spaces */
	int phrase;                /* several words that are one synonym term */
	int typo;                  /* unknown: found only through typo tolerance */
	const char *typo_best;     /* then the nearest indexed word (search form) */
	struct search_alt alt[SEARCH_MAX_ALTS];
	int n;
};

struct search_words {
	struct search_word w[SEARCH_MAX_WORDS];
	int n;
};

/* The words of text that carry meaning (stop and intent words left out,
 * unless there is nothing else) with all their forms on the snapshot sn
 * (owned by a). ST_OK or ST_ERR. */
int search_words_parse(struct store *s, arena *a, const struct snap *sn, const char *text, struct search_words *out);

/* ---- an index's statements (sql.c) ---- */

/* The statements of every index, written with "@" for its prefix. */
enum search_stmt_id {
	Q_STATE,       /* token, gen */
	Q_VERSION,     /* gen, token, whether documents wait */
	Q_ANY_DIRTY,
	Q_DIRTY_BATCH, /* the first ? keys */
	Q_DIRTY_DONE,  /* up to a key */
	Q_GEN_BUMP,
	Q_DOC_ID,      /* docid of a key */
	Q_DOC_INSERT,
	Q_DOC_UPDATE,
	Q_DOC_DELETE,
	Q_DOCS,        /* docid, key, features, lo, hi, coords in docid order */
	Q_DOCS_BY_NAME,
	Q_FTS_ROWS,    /* + table: rowids matching an expression */
	Q_FTS_INSERT = Q_FTS_ROWS + ST__N,
	Q_FTS_DELETE = Q_FTS_INSERT + ST__N,
	Q_TERM_COUNT = Q_FTS_DELETE + ST__N,
	Q_TERM_KNOWN,
	Q_TERM_FREQUENT,
	Q_TERM_ALL,
	Q_TERM_COMPOUNDS,
	Q_CLEAR,       /* a script: empty every table of the index */
	Q_MARK_ALL,    /* INSERT INTO @_dirty + the caller's SELECT, appended */
	Q__N
};

/* The text of statement id of ix (a stable string: store_stmt caches it
 * by address), or NULL when too many indexes are in use. */
const char *search_sql(const struct search_index *ix, enum search_stmt_id id);
/* Statement id of ix, prepared on s (NULL on error). */
sqlite3_stmt *search_stmt(struct store *s, const struct search_index *ix, enum search_stmt_id id);

/* ---- sets of documents (snapshot positions 0..n-1) ---- */

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
	const char *key;
	const char *card;         /* what a result shows (search_doc.card) */
	int32_t lo, hi;           /* -1 = open */
	uint32_t coord_off;       /* into snap->coords, pairs of lat, lon */
	uint16_t n_coords;
	uint32_t name_rank;       /* place in name order */
};

/* A frequent word's documents, per table. */
struct snap_word {
	const char *term;
	struct dset in[ST__N];
};

struct snap_syn {
	const char *term;      /* search form of the word */
	const char *expansion; /* search form, tokens separated by spaces */
};

struct snap {
	const struct search_index *ix;
	char token[40];
	int64_t gen;
	int refs;
	int64_t built_at, build_us; /* monotonic µs */
	size_t n_docs, words;   /* documents; 64-bit words of a bitmap over them */
	struct snap_doc *docs;  /* in docid order (the order FTS5 returns) */
	uint32_t *by_name;      /* positions in name order */
	int32_t *by_docid;      /* docid -> position, -1 = none */
	int64_t max_docid;
	size_t n_feat;
	const char **feat;      /* feature keys */
	uint64_t *feat_bits;    /* n_feat bitmaps */
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

/* Is the calling thread a background indexer (indexer.c)? Only it
 * builds snapshots of an index that has one. */
int search_indexer_on_this_thread(void);

/* The current snapshot of ix in s's database (rebuilt when the index
 * changed), or NULL on error. Release it with search_snap_release. */
struct snap *search_snap_acquire(struct store *s, const struct search_index *ix);
void search_snap_release(struct snap *sn);

/* The feature number of key, or -1. */
int search_snap_feature(const struct snap *sn, const char *key);
/* A frequent word's sets, or NULL. */
const struct snap_word *search_snap_word(const struct snap *sn, const char *term);

/* The documents holding the word term (search form) in table t, OR'ed into
 * the bitmap b: from the snapshot for frequent words, else from FTS5.
 * ST_OK or ST_ERR. */
int search_snap_word_or(struct store *s, const struct snap *sn, const char *term, enum search_table t, uint64_t *b);
/* The same for an FTS5 expression over search forms. */
int search_snap_fts_or(struct store *s, const struct snap *sn, const char *expr, enum search_table t, uint64_t *b);

#endif
