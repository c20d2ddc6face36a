/* search_internal.h — what the files of src/directory/search/ share: the
 * offers' index, the fields of an offer's card, and what the finder names
 * (taxonomies, terms, postcodes), kept with each snapshot of the index. */
#ifndef LOTSE_DIRECTORY_SEARCH_INTERNAL_H
#define LOTSE_DIRECTORY_SEARCH_INTERNAL_H

#include "directory/search/search.h"
#include "search/search.h"

#include <stdatomic.h>

/* The offers' index (documents.c). */
extern const struct search_index dir_search_offers_index;

/* An offer's card (search_doc.card, sql/0044): each field followed by
 * CARD_SEP: name, provider id, provider name, short description, free of
 * charge (0/1), minimum and maximum age (-1: not stated), delivery, date of
 * the last check ("": none); then per translation its language, name and
 * short description ("": none). */
#define CARD_SEP '\x1f'
enum { C_NAME, C_ORG_ID, C_ORG_NAME, C_SUMMARY, C_FREE, C_MIN_AGE, C_MAX_AGE, C_DELIVERY, C_ASSURED, C__N };

/* ---- what the finder names, read with each snapshot (names.c) ---- */

struct dir_search_term {
	const char *key;              /* "taxonomy:code" */
	struct dir_term term;         /* its German name */
	int order;                    /* taxonomy, then position */
	size_t n_labels;
	const char **label_lang, **label;
};

struct dir_search_postcode {
	const char *code, *city;
	double lat, lon;
};

struct dir_search_names {
	atomic_int refs;                  /* the snapshot's, and each request arena's that holds it */
	arena *a;
	struct dir_taxonomy *tax;         /* German names; terms in display order */
	size_t n_tax;
	struct dir_search_term **term_of; /* per taxonomy and term (tax order), its entry */
	struct dir_search_term *terms;    /* by key (the first term of a key by id) */
	size_t n_terms;
	struct dir_search_term *all;      /* every term, by id */
	size_t n_all;
	struct dir_search_postcode *pc;   /* by code */
	size_t n_pc;
	uint32_t *slot;                   /* terms by key: a hash table of index + 1 (0: free) */
	size_t n_slot;                    /* a power of two */
	size_t n_langs;                   /* i18n_langs */
	struct dir_taxonomy **tax_in;     /* per language: the taxonomies with the terms named in it */
	struct dir_term **term_in;        /* per language: per entry of terms, the term named in it */
};

/* The index's extra_load and extra_free (which drops the snapshot's
 * reference; the last one frees). */
void *dir_search_names_load(struct store *s);
void dir_search_names_free(void *p);

/* extra (a snapshot's names, during search_with_extra) held by a until
 * arena_free: what a request takes from it stays valid when the snapshot
 * goes. Returns it. */
const struct dir_search_names *dir_search_names_hold(arena *a, const void *extra);

/* The index in n->terms of feature key (len bytes), or -1. */
long dir_search_term_index(const struct dir_search_names *n, const char *key, size_t len);

/* The index of lang in i18n_langs, or -1. */
int dir_search_lang_index(const char *lang);

/* A term's name in lang (its German name without a label). */
const char *dir_search_term_name(const struct dir_search_term *t, const char *lang);
/* The entry of feature key, or NULL. */
const struct dir_search_term *dir_search_term_of(const struct dir_search_names *n, const char *key);
/* The term of id, or NULL. */
const struct dir_search_term *dir_search_term_by_id(const struct dir_search_names *n, const char *id);
/* The postcode code, or NULL. */
const struct dir_search_postcode *dir_search_postcode_of(const struct dir_search_names *n, const char *code);

#endif
