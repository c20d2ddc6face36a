/* search.h — the German (and multilingual) text engine, the contract of
 * src/search/. It knows no capability: the directory's offers (and later
 * interviews and committee papers) are documents a capability describes
 * to it; it keeps their index current and answers queries over it.
 *
 * Text (text.c, fold.c, stop.c, thesaurus.c):
 *  - The FTS5 tokenizer "lotse_de": unicode61 without diacritics (combining
 *    marks kept in a token), then ß -> ss and an "e" after a, o or u
 *    dropped (so ä = a = ae: Geflüchtete = Gefluchtete = Gefluechtete), the
 *    letters of Arabic and Farsi made one (alef, ya, kaf, heh; no harakat,
 *    no tatweel; their digits as ASCII), ё -> е, ı -> i; then Snowball
 *    German stemming twice (Latin letters), Russian once (Cyrillic), a light
 *    Arabic stemmer (Arabic script). Documents and queries alike.
 *  - The same tokenizer for C callers (search_tok_*), with the folded form
 *    and the stem of every token; folding, edit distance and stop words.
 *
 * Indexes (index.c: upkeep; snap.c: the in-memory snapshot; query.c):
 *  - A capability's documents, each with a key (its id), words in three
 *    fields by weight (title, head, body), filter features ("lang:ar"),
 *    a range of numbers it covers (ages) and places (coordinates).
 *  - The capability records WHICH keys changed (its triggers write
 *    PREFIX_dirty); search_refresh() asks it for those documents again.
 *  - A query: its words without stop and intent words, a run of words
 *    that is a synonym term as one, each in any of its forms (the stem,
 *    synonyms from the shared table search_synonym with the shipped
 *    thesaurus, longer words containing it, words a typo or two away),
 *    ANDed (when nothing has them all: the best part of them), with the
 *    features (OR within a group, AND between), the range and the
 *    distance; ranked (a match in the title counts most), facet counts.
 *
 * The store knows nothing of this engine: search_init() adds
 * search_register to the hooks store_open runs on every new connection
 * (the schema's FTS5 tables need the tokenizer). */
#ifndef LOTSE_SEARCH_H
#define LOTSE_SEARCH_H

#include "core/arena.h"
#include "core/buf.h"
#include "store/store.h"

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

/* Have every later store_open register the tokenizer on its connection,
 * and every store_migrate bring the thesaurus up to date. Call once at
 * program start, before any store is opened (idempotent). */
void search_init(void);

/* Register the FTS5 tokenizer "lotse_de" on db. Returns SQLITE_OK or an
 * SQLite error code. */
int search_register(sqlite3 *db);

/* Longest token kept, in bytes (longer ones are cut at a character). */
#define SEARCH_TOK_MAX 64

/* In a query, a phrase starting with this byte holds tokens that are
 * already in search form, separated by spaces: the tokenizer passes them
 * on as they are (stemming twice more would not be idempotent). */
#define SEARCH_MARK "\x01"

struct search_tok;

/* A tokenizer for C callers on the connection's FTS5 (NULL on error);
 * free it with search_tok_free. */
struct search_tok *search_tok_new(struct store *s);
void search_tok_free(struct search_tok *t);

/* Called per token with its folded form and its stem (both not
 * NUL-terminated, valid during the call) and where it stands in the text
 * (bytes [start, end): the token as written). Return non-zero to stop. */
typedef int (*search_tok_cb)(void *ctx, const char *fold, size_t nfold, const char *stem, size_t nstem, size_t start,
			     size_t end);

/* A tokenizer of the calling thread, made once (on s's connection) and
 * kept for the thread's life (freed when the thread ends; not to be freed
 * by the caller): a query tokenizes without SQL. NULL on error. */
struct search_tok *search_tok_thread(struct store *s);

/* Run t over text, calling cb per token. ST_OK or ST_ERR. */
int search_tok_run(struct search_tok *t, const char *text, size_t n, search_tok_cb cb, void *ctx);

/* While a hook is set (on this thread), every token that FTS5 reads from a
 * document of a lotse_de table (the text of an insert, and the stored text
 * of a delete) also goes to cb: an indexer counts its vocabulary without
 * tokenizing each text a second time. NULL clears it. */
void search_tok_hook(search_tok_cb cb, void *ctx);

/* The search form of text: every word lower-cased, folded and stemmed,
 * separated by single spaces (stem = 0: folded only). Owned by a; NULL on
 * error. */
char *search_normalize(struct store *s, arena *a, const char *text, int stem);

/* Fold a token that is already lower case without diacritics: ß -> ss,
 * and an "e" after a, o or u is dropped. Writes at most outcap-1 bytes and
 * a NUL; returns the length. Idempotent. */
size_t search_fold(const char *tok, size_t n, char *out, size_t outcap);

/* The number of edits (insert, delete, replace a character, or swap two
 * neighbours) between the UTF-8 texts a and b, or max + 1 when it is more
 * than max. Counts characters, not bytes. */
int search_edits(const char *a, size_t na, const char *b, size_t nb, int max);

/* The fewest edits between b and a or a followed by one of endings
 * (NULL-terminated; NULL: none): b may be an inflected word and a a stem
 * ("ausbilding" is one edit from "ausbild" + "ung"). Or max + 1. */
int search_edits_endings(const char *a, size_t na, const char *b, size_t nb, int max, const char *const *endings);

/* Are a and b at most one edit apart? */
int search_edit1(const char *a, size_t na, const char *b, size_t nb);

/* The edits a query word of n characters may be away from an indexed
 * word and still find it: 0 below 4 characters, 1 up to 7, else 2. */
int search_typo_budget(size_t n);

/* Is w (a search form) a word without meaning in a query ("und", "für")? */
int search_stopword(const char *w);

/* ---- indexes ---- */

/* The fields of a document, by weight in the rank. */
enum search_field { SEARCH_TITLE, SEARCH_HEAD, SEARCH_BODY, SEARCH_FIELDS };

/* What a capability tells the engine about one document. */
struct search_doc {
	buf text[SEARCH_FIELDS]; /* the title (name); what classifies it (terms,
				  * languages, who offers it); the rest */
	buf features;            /* filter keys separated by spaces, each
				  * without spaces: "angebotsart:beratung lang:ar" */
	buf coords;              /* its places: "lat,lon;lat,lon" */
	buf card;                /* what a result shows, in the capability's own
				  * form: kept with the document and handed back
				  * with each hit, so that a page of results reads
				  * no table */
	int lo, hi;              /* the range it covers (ages); -1 = open */
};

/* Append word to b, after a space when b is not empty (nothing for NULL
 * or ""): how a source fills a search_doc. */
void search_add(buf *b, const char *word);

/* A capability's index. Its tables, made by the capability's migration in
 * the shape of sql/0005_search.sql and 0009_search_engine.sql (prefix
 * "search", the offers'): PREFIX_state (token, gen), PREFIX_dirty (key),
 * PREFIX_doc, the FTS5 tables PREFIX_name, PREFIX_head, PREFIX_body
 * (tokenize lotse_de, detail none), PREFIX_term and PREFIX_term_tri. The
 * capability's triggers insert the keys of changed documents into
 * PREFIX_dirty, the source reads them again. A const struct with static
 * storage: the engine keeps it by address. */
struct search_index {
	const char *prefix; /* letters and "_" only */
	/* Start reading a batch: the first n keys of PREFIX_dirty in key
	 * order (the source may read that table). A reader, or NULL on error. */
	void *(*open)(struct store *s, size_t n);
	/* Describe document key, the next of the batch, into d (zeroed, lo
	 * and hi -1). ST_OK, ST_NOTFOUND (not to be found: gone or not
	 * public) or ST_ERR. */
	int (*read)(void *reader, const char *key, struct search_doc *d);
	void (*close)(void *reader);
	/* Optional: the capability's own data kept with each snapshot (what
	 * its pages name: the features' labels, places), read on the thread
	 * that makes the snapshot, or NULL on error; freed with extra_free. */
	void *(*extra_load)(struct store *s);
	void (*extra_free)(void *extra);
};

/* Index the documents recorded as changed, at most limit of them (0: all),
 * in one transaction (or inside the caller's). *done (may be NULL) gets
 * how many were handled. ST_OK or ST_ERR. While a background indexer
 * runs for ix (a server), only that indexer indexes: on any other thread
 * this wakes it and returns ST_OK at once, *done 0. */
int search_refresh(struct store *s, const struct search_index *ix, size_t limit, size_t *done);

/* Rebuild the whole index: every key the capability names with all_keys
 * (an SQL SELECT of one column, e.g. "SELECT id FROM service") is read
 * again. *done (may be NULL) gets the number read. ST_OK or ST_ERR. */
int search_rebuild(struct store *s, const struct search_index *ix, const char *all_keys, size_t *done);

/* The index's version for caching pages built from it: its generation,
 * with the database's token (32 hex digits) in token. -1 while documents
 * wait to be indexed (a page built now would soon be out of date) or when
 * the state cannot be read. While a background indexer runs: the
 * published snapshot's, read from memory (-1 after a commit of this
 * process it has not yet looked at). */
int64_t search_version(struct store *s, const struct search_index *ix, char token[40]);

/* ---- the synonyms every index shares (synonym.c) ---- */

struct search_synonym {
	const char *term, *expansion; /* as written (lower case) */
};

/* Every synonym, by term and expansion, owned by a. ST_OK or ST_ERR (and
 * none: a failed read is not an empty list). */
int search_synonym_list(struct store *s, arena *a, struct search_synonym **out, size_t *n);

/* Add (add = 1) or remove the pair; adding one that is there, or removing
 * one that is not, changes nothing. ST_OK or ST_ERR. */
int search_synonym_set(struct store *s, const char *term, const char *expansion, int add);

/* ---- the thesaurus shipped with lotse (thesaurus.c) ---- */

/* Called per pair with NUL-terminated strings, valid during the call. */
typedef void (*search_pair_cb)(void *ctx, const char *term, const char *expansion);

/* The pairs "term -> expansion" of a thesaurus text (data/thesaurus.txt
 * describes the format: concepts in "[...]", lines "de: word | word" with
 * the German words offers use, lines of other languages "en: ..."): each
 * word of a concept to each German word of it. Long words are skipped,
 * lines of another shape ignored. Returns the number of pairs. */
size_t search_thesaurus_parse(const char *text, size_t len, search_pair_cb cb, void *ctx);

/* Bring the embedded thesaurus into search_synonym when it changed since
 * the last time: its new pairs added, the ones it no longer has removed;
 * one that an editor removed stays removed. A migration hook (search_init
 * adds it). ST_OK or ST_ERR. */
int search_thesaurus_sync(struct store *s);

/* ---- queries ---- */

#define SEARCH_MAX_FEATURES 32

/* A query. Every part narrows the result (AND), except features that
 * share the part of their key up to ':' ("angebotsart:"): a group, of
 * which a document needs one (OR). When no document has all the words,
 * the result is the documents with the best part of them (dropped). */
struct search_query {
	const char *text;                             /* NULL or "": none */
	const char *features[SEARCH_MAX_FEATURES];    /* keys a document must have (OR in a group) */
	size_t n_features;
	int value;                                    /* its range holds value; -1 = any */
	int near;                                     /* a place within radius_km of lat, lon */
	double lat, lon, radius_km;
	size_t offset, limit;                         /* the page (limit 1..1000) */
};

struct search_hit {
	const char *key;
	double score;                                 /* 0 without text */
	double distance_km;                           /* -1 without near */
	const char **features;                        /* its feature keys */
	size_t n_features;
	const char *card;                             /* its search_doc.card ("" for none) */
};

/* How many results carry a feature. For a feature of a group of the
 * query: how many documents it has with every other part of the query
 * (its own group left out), the number of results when it is chosen. */
struct search_facet {
	const char *key;
	size_t count;
};

struct search_result {
	size_t total;                                 /* all results, not only this page */
	struct search_hit *hits;                      /* the page: by distance (near), */
	size_t n_hits;                                /* score (text), else title */
	struct search_facet *facets;                  /* features with count > 0, by key (strcmp) */
	size_t n_facets;
	const char **corrected;                       /* query words found only as */
	size_t n_corrected;                           /* typos of indexed words */
	const char **corrected_to;                    /* for each, the nearest indexed word (search form) */
	const char **dropped;                         /* query words left out: no result */
	size_t n_dropped;                             /* had them all (folded, as typed) */
	int64_t gen;                                  /* the version of the index answering */
	char token[40];                               /* (as search_version gives it) */
};

/* Run q over ix (first indexing a few changed documents when no
 * transaction is open). Strings in out are owned by a. ST_OK or ST_ERR
 * (out is then empty). */
int search_run(struct store *s, arena *a, const struct search_index *ix, const struct search_query *q,
	       struct search_result *out);

/* "Meinten Sie": the query q with each of r's corrected words replaced by
 * the word of texts (what the page's hits show, as written: titles,
 * summaries; NULL ones skipped) it was taken for, the one fewest edits
 * from what was typed. NULL when r corrected nothing or one of its words
 * is in none of texts (a correction the reader could not check on the
 * page). Tokenizes on the calling thread's tokenizer: no SQL. Owned by a. */
const char *search_suggest(struct store *s, arena *a, const char *q, const struct search_result *r,
			   const char *const *texts, size_t n_texts);

/* Call fn with the extra data (search_index.extra_load) of the snapshot
 * of ix that answers searches now, held during the call (a running
 * server's: from memory). Returns fn's status, or ST_ERR without a
 * snapshot. */
int search_with_extra(struct store *s, const struct search_index *ix, int (*fn)(void *ctx, const void *extra),
		      void *ctx);

/* ---- the background indexer (indexer.c) ---- */

struct search_indexer;

/* Start the thread that keeps the n indexes ixs current in the database
 * at db_path while a server runs: it indexes the changed documents of
 * each (one connection for all, batches of one transaction) and publishes
 * the snapshot searches use, whole. The first snapshots are built before
 * this returns. Meanwhile search_run neither indexes nor builds a
 * snapshot of these indexes on the caller's thread. NULL on error
 * (searches then index as before). */
#define SEARCH_INDEXER_MAX 4
struct search_indexer *search_indexer_start(const char *db_path, const struct search_index *const *ixs, size_t n);
/* Stop it (after the server's threads have ended); NULL is ignored. */
void search_indexer_stop(struct search_indexer *x);
/* Is an indexer running for ix? */
int search_indexer_running(const struct search_index *ix);
/* Wake ix's indexer, if one runs, without waiting for it: 1 when one
 * runs, else 0. */
int search_indexer_kick(const struct search_index *ix);
/* Wake ix's indexer and wait at most ms for a round that sees the
 * changes committed before the call (not when it is in a long round). */
void search_indexer_wait(const struct search_index *ix, int ms);

/* The count of feature key among r's results (0 when absent). */
size_t search_facet_count(const struct search_result *r, const char *key);

#endif
