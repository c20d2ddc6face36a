/* search.h — the offer finder's search: German-aware full text, filters
 * that combine with AND, facet counts, postcode + radius.
 *
 * The offers are documents of the text engine (src/search/, see its
 * search.h): model.c describes an offer to it (name; terms, languages and
 * provider; the rest; features "taxonomy:code", "lang:xx", "free"; ages;
 * places) and turns a finder query into an engine query and its hits back
 * into offers. The index's tables are in sql/0005_search.sql (prefix
 * "search"); its triggers record WHICH offers changed (search_dirty), so
 * the index follows every writer (the model, imports, even the sqlite3
 * shell); dir_search() indexes a few of them first. */
#ifndef LOTSE_DIRECTORY_SEARCH_H
#define LOTSE_DIRECTORY_SEARCH_H

#include "directory/directory.h"

#include <sqlite3.h>

struct search_index;

/* Re-index the offers recorded as changed, at most limit of them (0: all),
 * in one transaction (or inside the caller's). *done (may be NULL) gets
 * how many were handled. ST_OK or ST_ERR. */
int dir_search_refresh(struct store *s, size_t limit, size_t *done);
/* Re-index every offer recorded as changed, in transactions of about
 * 0.1 s with a pause between them in which other writers get the lock:
 * after an import, so that the index is complete when the command returns
 * and no request has to index. *indexed gets how many. ST_OK or ST_ERR. */
int dir_search_catch_up(struct store *s, size_t *indexed);

/* The offers' index, for the server's background indexer
 * (search_indexer_start). */
const struct search_index *dir_search_index(void);

/* The index's version for caching pages built from it: its generation,
 * with the database's token (32 hex digits) in token. -1 while offers wait
 * to be re-indexed (a page built now would soon be out of date) or when
 * the state cannot be read (nothing is cached then). */
int64_t dir_search_version(struct store *s, char token[40]);

/* Rebuild the whole index (all offers, the vocabulary); *done (may be
 * NULL) gets the number of offers read. ST_OK or ST_ERR. */
int dir_search_rebuild(struct store *s, size_t *done);

#define DIR_SEARCH_MAX_TERMS 24

/* A finder query. Every part narrows the result (AND), except several
 * terms of one taxonomy, which widen it (OR): "Beratung or Mentoring,
 * for Geflüchtete". */
struct dir_search_query {
	const char *q;                          /* free text; NULL or "" for none */
	const char *terms[DIR_SEARCH_MAX_TERMS]; /* "taxonomy:code", e.g. "angebotsart:beratung" */
	size_t n_terms;
	const char *language;                   /* ISO 639 code of the offer's language, or NULL */
	int age;                                /* the offer fits this age; -1 = any */
	int free_only;                          /* only offers free of charge */
	const char *postcode;                   /* NULL: no distance; else radius_km around it */
	int radius_km;                          /* 0 means 25 */
	int page, per_page;                     /* page from 1; per_page 1..100 (0 means 20) */
};

/* How many results carry a value: the number of results when it is
 * chosen. For a value of a taxonomy with chosen terms, of the language
 * or "free": the offers it has with every other filter (its own
 * taxonomy's left out). */
struct dir_search_facet {
	const char *key; /* "taxonomy:code" or "lang:xx" */
	int count;
};

struct dir_search_hit {
	const char *id, *name, *organization_id, *organization_name, *summary, *delivery,
		*assured_date;
	const char *name_lang, *summary_lang;         /* the language of a translated name and summary
							 (sql/0017); NULL: German */
	int free_of_charge, minimum_age, maximum_age; /* ages -1 = not stated */
	double distance_km;                           /* -1 without a postcode */
	double score;                                 /* 0 without text */
	DIR_LIST(struct dir_term, terms);             /* names in the requested language */
	DIR_LIST(const char *, languages);            /* ISO codes */
};

struct dir_search_result {
	size_t total;            /* all results, not only this page */
	int page, pages, per_page;
	DIR_LIST(struct dir_search_hit, hits);
	DIR_LIST(struct dir_search_facet, facets); /* values with count > 0 among all results, by key */
	size_t n_free;           /* results free of charge */
	const char *place;       /* the postcode's place name */
	DIR_LIST(const char *, corrected); /* query words found only through typo tolerance */
	const char *suggestion;  /* then the query with the words as the offers write them, or NULL */
	DIR_LIST(const char *, dropped);   /* query words left out: no offer had them all */
};

/* Run q; term names in lang. Strings in out are owned by a. Returns ST_OK,
 * ST_NOTFOUND when q->postcode is not in the postcode table (out is then
 * empty), or ST_ERR. */
int dir_search(struct store *s, arena *a, const struct dir_search_query *q, const char *lang,
	       struct dir_search_result *out);

/* All taxonomies with their terms, names in lang (German when no label),
 * as dir_taxonomies() gives them, but from the index's snapshot in memory
 * (a running server reads no table). For a language of the site the
 * snapshot's own table, made once per snapshot and held by a until it is
 * freed (read only: shared); else a copy owned by a. NULL (and *n 0) when
 * there is no snapshot. */
struct dir_taxonomy *dir_search_taxonomies(struct store *s, arena *a, const char *lang, size_t *n);

/* Offers by taxonomy term and by place, for the other parts of the
 * directory (the HSDS API): from the index's snapshot in memory, no table
 * read by a running server. Both parts narrow (AND); neither: every
 * public offer. */
struct dir_search_offers {
	const char *term_id;   /* a taxonomy term's id (HSDS taxonomy_term_id), or NULL */
	const char *postcode;  /* NULL, or offers with a public place within radius_km (0: 25) of it */
	double radius_km;
	size_t offset, limit;  /* the page; limit 1..1000 (0: 20) */
};

struct dir_search_ids {
	size_t total;          /* all of them, not only this page */
	const char **ids;      /* the page: nearest first (postcode), else by name */
	double *distance_km;   /* per id; -1 without a postcode */
	size_t n;
};

/* The public offers of q into out (owned by a). ST_OK, ST_NOTFOUND when
 * the term or the postcode is unknown (out empty), or ST_ERR. */
int dir_search_offer_ids(struct store *s, arena *a, const struct dir_search_offers *q, struct dir_search_ids *out);

/* The count of a facet key in r (0 when absent). */
int dir_search_facet_count(const struct dir_search_result *r, const char *key);

#endif
