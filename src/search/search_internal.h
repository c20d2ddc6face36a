/* search_internal.h — what the engine's files share (internal to
 * src/search/): an index's SQL, the per-process snapshot of an index,
 * sets of documents as bitmaps. */
#ifndef LOTSE_SEARCH_INTERNAL_H
#define LOTSE_SEARCH_INTERNAL_H

#include "search/search.h"

#include <stdatomic.h>
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

struct wc_entry;

struct search_words {
	struct search_word w[SEARCH_MAX_WORDS];
	int n;
	struct wc_entry *cached[SEARCH_MAX_WORDS]; /* the word as resolved before (NULL: now) */
	uint64_t *bits[SEARCH_MAX_WORDS];          /* then its documents (search_wc_get) */
};

/* The words of text that carry meaning (stop and intent words left out,
 * unless there is nothing else) with all their forms on the snapshot sn
 * (owned by a). ST_OK or ST_ERR. */
int search_words_parse(struct store *s, arena *a, const struct snap *sn, const char *text, struct search_words *out);

/* Release the words' entries of the word cache. */
void search_words_release(struct search_words *ws);

/* ---- the caches' one rule (cache.c) ----
 * The word cache and the circle cache keep entries that each belong to
 * one snapshot of one index, in a table of slots under the cache's lock;
 * an entry begins with this head. */
struct cache_entry {
	const struct search_index *ix;
	uint64_t serial; /* of the snapshot of ix */
	uint64_t used;   /* the cache's tick when it was last used */
};

/* Before an entry of sn goes into tab (n slots): the entries of older
 * snapshots of sn's index leave it (drop is called with each). 0 when an
 * entry of a newer snapshot is there: sn is old, keep nothing of it. */
int search_cache_sweep(struct cache_entry **tab, size_t n, const struct snap *sn, void (*drop)(struct cache_entry *));
/* The slot for a new entry among the first `slots` of tab: an empty one,
 * else the least recently used (still there, for the caller to drop). */
size_t search_cache_slot(struct cache_entry *const *tab, size_t slots);

/* ---- the words resolved before on a snapshot (wordcache.c) ---- */

/* The word w (its fold and stem set) as resolved before on sn: its forms
 * and typo into w (strings owned by a), its documents into *bits (four
 * bitmaps of sn->words words one after the other: anywhere, in the name
 * directly, in the name indirectly, in the name or head; valid until the
 * entry is released), and the entry, referenced; NULL when it is not kept. */
struct wc_entry *search_wc_get(const struct snap *sn, arena *a, struct search_word *w, uint64_t **bits);
/* Keep w with its documents (the four bitmaps, copied) for later queries
 * on sn; the least recently used word goes when there is no room. */
void search_wc_put(const struct snap *sn, const struct search_word *w, const uint64_t *const bits[4]);
void search_wc_release(struct wc_entry *e);

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
	Q_DOCS,        /* docid, key, features, lo, hi, coords, card, sort_key in docid order */
	Q_DOCS_OF,     /* the same of one docid */
	Q_DOCS_BY_NAME,
	Q_FTS_INSERT,  /* + table */
	Q_FTS_DELETE = Q_FTS_INSERT + ST__N,
	Q_TERM_COUNT = Q_FTS_DELETE + ST__N,
	Q_VOCAB_MAKE,  /* + table: its fts5vocab table (temp) */
	Q_VOCAB_ROWS = Q_VOCAB_MAKE + ST__N, /* + table: term, document in term order */
	Q_CLEAR = Q_VOCAB_ROWS + ST__N, /* a script: empty the index's tables but its word tables */
	Q_MARK_ALL,    /* INSERT INTO @_dirty + the caller's SELECT, appended */
	Q__N
};

/* The text of statement id of ix (a stable string: store_stmt caches it
 * by address), or NULL when too many indexes are in use. */
const char *search_sql(const struct search_index *ix, enum search_stmt_id id);
/* Statement id of ix, prepared on s (NULL on error). */
sqlite3_stmt *search_stmt(struct store *s, const struct search_index *ix, enum search_stmt_id id);

/* ---- the in-memory snapshot of an index (snap.c, snap_build.c,
 * snap_update.c, postings.c) ---- */

/* A word and its documents per table (postings.c): ascending positions as
 * varint gaps, or a bitmap; one block, shared by the snapshots holding it. */
struct snap_word {
	atomic_uint refs;
	uint32_t df;               /* documents holding it, summed over the tables */
	uint32_t n[ST__N];         /* documents per table */
	uint32_t off[ST__N + 1];   /* the tables' data in data (bytes); off[ST__N]: the word */
	uint32_t bitmap;           /* bit t: table t is a bitmap */
	uint64_t data[];
};

/* The word with the positions pos[t][0..n[t]) (ascending) per table;
 * one reference. */
struct snap_word *snap_word_new(const char *term, const uint32_t *const pos[ST__N], const uint32_t n[ST__N]);
void snap_word_ref(struct snap_word *w);
void snap_word_unref(struct snap_word *w);
const char *snap_word_term(const struct snap_word *w);
size_t snap_word_bytes(const struct snap_word *w);
/* OR table t's documents into the bitmap b of words 64-bit words. */
void snap_word_or(const struct snap_word *w, enum search_table t, uint64_t *b, size_t words);
/* Table t's positions into out (room for w->n[t]); returns how many. */
size_t snap_word_positions(const struct snap_word *w, enum search_table t, uint32_t *out);

/* What a result shows and how it sorts, one block per document, shared
 * by the snapshots holding it. */
struct snap_text {
	atomic_uint refs;
	uint32_t card_off, sort_off; /* into key */
	char key[];
};
/* A reference more to t (a snapshot's, a request's), and one let go of:
 * the last frees it. snap_text_unref takes a void * for arena_defer. */
void snap_text_ref(struct snap_text *t);
void snap_text_unref(void *t);

struct snap_doc {
	int64_t docid;
	struct snap_text *text;   /* NULL: the position is free (a document gone) */
	int32_t lo, hi;           /* -1 = open */
	uint32_t coord_off;       /* into snap->coords, pairs of lat, lon */
	uint16_t n_coords;
	uint32_t name_rank;       /* place in name order */
};

/* A place: one coordinate pair and the documents there (snap_places.c). */
struct snap_place {
	float lat, lon;
	uint32_t first, n;        /* its documents: place_docs[first..first + n), ascending */
};

struct snap_syn {
	const char *term;      /* search form of the word */
	const char *expansion; /* search form, tokens separated by spaces */
};

/* The synonyms in search form, shared by snapshots until they change. */
struct snap_syns {
	atomic_uint refs;
	int64_t gen;            /* search_synonym_state's */
	size_t n;
	struct snap_syn *v;     /* sorted by term */
	arena *a;
};

struct snap {
	const struct search_index *ix;
	char token[40];
	int64_t gen;
	int refs;
	int64_t built_at, build_us; /* monotonic µs */
	size_t n_docs, words;   /* positions (documents and free ones); 64-bit words of a bitmap over them */
	size_t n_live;          /* documents */
	struct snap_doc *docs;  /* in docid order (positions) */
	uint64_t *live;         /* the positions that hold a document */
	uint32_t *by_name;      /* the documents' positions in name order (n_live) */
	int32_t *by_docid;      /* docid -> position, -1 = none */
	int64_t max_docid;
	size_t n_feat;
	const char **feat;      /* feature keys */
	uint64_t *feat_bits;    /* n_feat bitmaps */
	float *coords;
	size_t n_coords;        /* floats used */
	size_t n_words;
	struct snap_word **wordv; /* every word with documents, sorted by term */
	uint32_t *tri_start, *tri_ids; /* words by trigram (postings.c) */
	size_t n_terms;         /* the vocabulary for typos: most frequent first */
	const char **terms;
	uint8_t *term_len;
	struct snap_syns *syn;
	struct snap_place *places; /* the distinct places, by latitude (snap_places.c) */
	size_t n_places;
	uint32_t *place_docs;
	int multi_place;        /* some document is at several places */
	int ranges_ok;          /* the bounds below as bitmaps (else checked per document) */
	size_t n_lo, n_hi;      /* distinct lower and upper bounds of the ranges, ascending */
	int32_t *lo_v, *hi_v;
	uint64_t *lo_bits;      /* per lower bound: the documents with that one or a higher */
	uint64_t *hi_bits;      /* per upper bound: the documents with that one or a lower */
	uint32_t *doc_feat_off; /* per position (n_docs + 1): its features in doc_feat */
	uint16_t *doc_feat;
	uint16_t *feat_by_key;  /* the features in key order (n_feat; strcmp) */
	uint32_t *rank;         /* per position: docs[].name_rank, flat */
	uint64_t serial;        /* unique in the process: what caches of a snapshot's data are keyed by */
	void *extra;            /* the capability's (search_index.extra_load) */
	size_t word_bytes;      /* the words' blocks, for the log */
	arena *a;               /* feature keys */
};

/* Helpers of building and updating (snap_build.c). */
struct feat_map;
struct snap_text *snap_text_new(const char *key, const char *card, const char *sort);
struct feat_map *snap_feat_map_new(const struct snap *sn);
/* The number of feature key (len bytes), added when new (cap: of
 * sn->feat); -1 when there are too many. */
int snap_feature_add(struct snap *sn, struct feat_map *m, size_t *cap, const char *key, size_t len);
/* Document d's places "lat,lon;..." appended to sn->coords (cap: its room). */
void snap_doc_coords(struct snap *sn, size_t *cap, struct snap_doc *d, const char *p);

/* Index sn's words by trigram (sn->tri_*). */
void snap_tri_build(struct snap *sn);
/* The words of sn containing form (other than form), the most frequent
 * first, at most max (<= 64) into out. Returns how many. */
size_t snap_compounds(const struct snap *sn, const char *form, const char **out, size_t max);

/* A word of sn, or NULL. */
const struct snap_word *search_snap_word(const struct snap *sn, const char *term);
/* The feature number of key, or -1. */
int search_snap_feature(const struct snap *sn, const char *key);

/* ---- building (snap_build.c) and updating (snap_update.c) ---- */

/* A whole snapshot of ix read from s (gen and token given), or NULL.
 * reuse (may be NULL) holds a reference to the synonyms read last on s,
 * for the snapshots of the other indexes of the same database: taken
 * while current, else replaced by those read. */
struct snap *snap_build(struct store *s, const struct search_index *ix, const char *token, int64_t gen,
			struct snap_syns **reuse);
/* Free sn and drop its references to shared blocks. */
void snap_free(struct snap *sn);
/* Drop a reference to synonyms (NULL is ignored). */
void snap_syns_unref(struct snap_syns *sy);
/* What a new snapshot derives from its documents and words: the
 * vocabulary for typos, the trigrams, the places and ranges, a serial. */
void snap_derive(struct snap *sn);

/* ---- places and ranges (snap_places.c) ---- */

void snap_places_build(struct snap *sn);
void snap_places_free(struct snap *sn);
/* The documents whose range holds value, into out (sn->words words). */
void snap_range_bits(const struct snap *sn, int value, uint64_t *out);
/* A place within a distance of a point. */
struct snap_near {
	uint32_t place;
	float km;
};
/* The places of sn within radius_km of lat, lon into out (room for
 * sn->n_places), in place order; how many. */
size_t snap_near(const struct snap *sn, double lat, double lon, double radius_km, struct snap_near *out);
/* The documents within radius_km of lat, lon on sn, kept for the points
 * asked for last (nearcache.c): search_nc_get copies them into bits
 * (sn->words) and returns 1, or returns 0; search_nc_put keeps them. */
int search_nc_get(const struct snap *sn, double lat, double lon, double radius_km, uint64_t *bits);
void search_nc_put(const struct snap *sn, double lat, double lon, double radius_km, const uint64_t *bits);
/* The capability's data, loaded for a new snapshot; ST_OK or ST_ERR. */
int snap_extra(struct store *s, struct snap *sn);

/* What one indexing round changed, collected by index.c for the
 * indexer: per touched document its docid, and the words it lost and
 * gained per table. */
struct snap_change {
	int64_t docid;
};
struct snap_delta {
	struct snap_change *docs;
	size_t n_docs, cap_docs;
	struct snap_posting {
		const char *term;   /* owned by the delta's arena */
		int64_t docid;
		int8_t table, sign; /* -1 lost, +1 gained */
	} *post;
	size_t n_post, cap_post;
	int overflow;           /* too much to follow: rebuild whole */
	arena *a;
};
/* While set (on this thread), search_refresh records its changes there. */
void snap_delta_collect(struct snap_delta *d);
void snap_delta_free(struct snap_delta *d);
/* Record document docid as touched, and the word term (n bytes) of table
 * lost (sign -1) or gained (+1) by it; nothing while none collects. */
void snap_delta_doc(int64_t docid);
void snap_delta_word(const char *term, size_t n, int64_t docid, int table, int sign);
/* The snapshot old with the changes of d applied (documents read again
 * from s), as generation gen; NULL when it cannot (then build whole). */
struct snap *snap_update(struct store *s, const struct snap *old, struct snap_delta *d, int64_t gen);

/* Is the calling thread a background indexer (indexer.c)? Only it
 * builds snapshots of an index that has one. */
int search_indexer_on_this_thread(void);

/* The current snapshot of ix in s's database (rebuilt when the index
 * changed; the indexer's published one while it runs, without reading
 * the database), or NULL on error. Release it with search_snap_release. */
struct snap *search_snap_acquire(struct store *s, const struct search_index *ix);
void search_snap_release(struct snap *sn);
/* Make sn (one reference handed over) the current snapshot of its index. */
void search_snap_publish(struct snap *sn);
/* The current snapshot of ix in the database of token, referenced, or NULL. */
struct snap *search_snap_cached(const struct search_index *ix, const char *token);

/* ---- the indexer (indexer.c) ---- */

/* The published snapshot of the indexer of ix, referenced, or NULL when none runs. */
struct snap *search_indexer_snap(const struct search_index *ix);
/* Are there commits the indexer of ix has not yet looked at? */
int search_indexer_behind(const struct search_index *ix);
/* The commit hook on every connection (text.c registers it). */
void search_indexer_watch(sqlite3 *db);


#endif
