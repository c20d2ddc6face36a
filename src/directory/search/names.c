/* names.c — what the finder names, kept with each snapshot of the offers'
 * index (its extra): the taxonomies with their terms and every label, the
 * terms by feature key ("taxonomy:code"), the postcodes with their
 * places. Read on the indexer's thread when it makes a snapshot, so that
 * a finder page reads no table for them. */
#include "directory/search/search_internal.h"
#include "core/core.h"
#include "core/i18n.h"

#include <stdlib.h>
#include <string.h>

static int by_id(const void *a, const void *b)
{
	return strcmp(((const struct dir_search_term *)a)->term.id, ((const struct dir_search_term *)b)->term.id);
}

static int by_key(const void *a, const void *b)
{
	const struct dir_search_term *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	return c ? c : strcmp(x->term.id, y->term.id);
}

/* The taxonomies and their terms, in display order. */
static int load_taxonomies(struct store *s, struct dir_search_names *n)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT x.id, substr(x.uri, length('urn:lotse:taxonomy:') + 1), x.name, "
					 "x.description, t.id, t.code, t.name, t.taxonomy, x.rowid * 10000 + t.position "
					 "FROM taxonomy x LEFT JOIN taxonomy_term t ON t.taxonomy_id = x.id "
					 "ORDER BY x.rowid, t.position, t.name");
	if (!st)
		return ST_ERR;
	arena *a = n->a;
	size_t cap = 0, tcap = 0, acap = 0;
	int k;
	while ((k = store_step(st)) > 0) {
		const char *xid = store_col_text(st, 0);
		if (n->n_tax == 0 || strcmp(n->tax[n->n_tax - 1].id, xid) != 0) {
			n->tax = arena_grow(a, n->tax, n->n_tax, &cap, sizeof(*n->tax), 16);
			struct dir_taxonomy *x = &n->tax[n->n_tax++];
			memset(x, 0, sizeof(*x));
			x->id = arena_strdup(a, xid);
			x->code = store_col_str(a, st, 1);
			x->name = store_col_str(a, st, 2);
			x->description = store_col_str(a, st, 3);
			tcap = 0;
		}
		if (sqlite3_column_type(st, 4) == SQLITE_NULL)
			continue;
		struct dir_taxonomy *x = &n->tax[n->n_tax - 1];
		x->terms = arena_grow(a, x->terms, x->n_terms, &tcap, sizeof(*x->terms), 8);
		struct dir_term *t = &x->terms[x->n_terms++];
		t->id = store_col_str(a, st, 4);
		t->code = store_col_str(a, st, 5);
		t->name = store_col_str(a, st, 6);
		t->taxonomy_id = x->id;
		t->taxonomy_code = store_col_str(a, st, 7);
		n->all = arena_grow(a, n->all, n->n_all, &acap, sizeof(*n->all), 64);
		struct dir_search_term *e = &n->all[n->n_all++];
		memset(e, 0, sizeof(*e));
		e->key = arena_printf(a, "%s:%s", t->taxonomy_code, t->code);
		e->term = *t;
		e->order = sqlite3_column_int(st, 8);
	}
	sqlite3_reset(st);
	return k == 0 ? ST_OK : ST_ERR;
}

/* Every label, to its term. */
static int load_labels(struct store *s, struct dir_search_names *n)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT term_id, lang, name FROM taxonomy_term_label ORDER BY term_id, lang");
	if (!st)
		return ST_ERR;
	size_t cap = 0, cap2 = 0;
	struct dir_search_term *t = NULL;
	int k;
	while ((k = store_step(st)) > 0) {
		struct dir_search_term key = { .term.id = store_col_text(st, 0) };
		if (!t || strcmp(t->term.id, key.term.id) != 0) {
			t = bsearch(&key, n->all, n->n_all, sizeof(*n->all), by_id);
			cap = cap2 = 0;
		}
		if (!t)
			continue;
		t->label_lang = arena_grow(n->a, t->label_lang, t->n_labels, &cap, sizeof(*t->label_lang), 4);
		t->label = arena_grow(n->a, t->label, t->n_labels, &cap2, sizeof(*t->label), 4);
		t->label_lang[t->n_labels] = store_col_str(n->a, st, 1);
		t->label[t->n_labels++] = store_col_str(n->a, st, 2);
	}
	sqlite3_reset(st);
	return k == 0 ? ST_OK : ST_ERR;
}

static int load_postcodes(struct store *s, struct dir_search_names *n)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT code, city, latitude, longitude FROM postcode ORDER BY code");
	if (!st)
		return ST_ERR;
	size_t cap = 0;
	int k;
	while ((k = store_step(st)) > 0) {
		n->pc = arena_grow(n->a, n->pc, n->n_pc, &cap, sizeof(*n->pc), 256);
		n->pc[n->n_pc++] = (struct dir_search_postcode){ store_col_str(n->a, st, 0), store_col_str(n->a, st, 1),
								 sqlite3_column_double(st, 2),
								 sqlite3_column_double(st, 3) };
	}
	sqlite3_reset(st);
	return k == 0 ? ST_OK : ST_ERR;
}

static uint64_t key_hash(const char *key, size_t len)
{
	return core_hash(key, len);
}

/* n->terms by key in a hash table (n->slot). */
static void index_keys(struct dir_search_names *n)
{
	n->n_slot = 16;
	while (n->n_slot < 2 * n->n_terms)
		n->n_slot *= 2;
	n->slot = arena_alloc(n->a, n->n_slot * sizeof(*n->slot));
	for (size_t i = 0; i < n->n_terms; i++) {
		size_t h = (size_t)key_hash(n->terms[i].key, strlen(n->terms[i].key)) & (n->n_slot - 1);
		while (n->slot[h])
			h = (h + 1) & (n->n_slot - 1);
		n->slot[h] = (uint32_t)i + 1;
	}
}

long dir_search_term_index(const struct dir_search_names *n, const char *key, size_t len)
{
	size_t h = (size_t)key_hash(key, len) & (n->n_slot - 1);
	for (uint32_t e; (e = n->slot[h]) != 0; h = (h + 1) & (n->n_slot - 1)) {
		const char *k = n->terms[e - 1].key;
		if (strncmp(k, key, len) == 0 && k[len] == '\0')
			return (long)e - 1;
	}
	return -1;
}

int dir_search_lang_index(const char *lang)
{
	for (int i = 0; lang && i18n_langs[i]; i++)
		if (strcmp(i18n_langs[i], lang) == 0)
			return i;
	return -1;
}

/* The taxonomies and the terms by key named in each language of the
 * site, once per snapshot: a request takes them by reference. */
static void name_in_languages(struct dir_search_names *n)
{
	while (i18n_langs[n->n_langs])
		n->n_langs++;
	n->tax_in = arena_alloc(n->a, n->n_langs * sizeof(*n->tax_in));
	n->term_in = arena_alloc(n->a, n->n_langs * sizeof(*n->term_in));
	for (size_t l = 0; l < n->n_langs; l++) {
		const char *lang = i18n_langs[l];
		struct dir_taxonomy *tax = arena_alloc(n->a, (n->n_tax ? n->n_tax : 1) * sizeof(*tax));
		for (size_t i = 0; i < n->n_tax; i++) {
			const struct dir_taxonomy *x = &n->tax[i];
			tax[i] = *x;
			tax[i].terms = arena_alloc(n->a, (x->n_terms ? x->n_terms : 1) * sizeof(*tax[i].terms));
			for (size_t k = 0; k < x->n_terms; k++) {
				const struct dir_term *t = &x->terms[k];
				struct dir_search_term key = { .term.id = t->id };
				const struct dir_search_term *e = bsearch(&key, n->all, n->n_all, sizeof(*n->all), by_id);
				tax[i].terms[k] = *t;
				tax[i].terms[k].name = e ? dir_search_term_name(e, lang) : t->name;
			}
		}
		n->tax_in[l] = tax;
		n->term_in[l] = arena_alloc(n->a, (n->n_terms ? n->n_terms : 1) * sizeof(**n->term_in));
		for (size_t i = 0; i < n->n_terms; i++) {
			n->term_in[l][i] = n->terms[i].term;
			n->term_in[l][i].name = dir_search_term_name(&n->terms[i], lang);
		}
	}
}

void *dir_search_names_load(struct store *s)
{
	struct dir_search_names *n = xcalloc(1, sizeof(*n));
	atomic_init(&n->refs, 1);
	n->a = arena_new();
	int rc = load_taxonomies(s, n);
	if (rc == ST_OK) {
		/* by id, for the labels */
		qsort(n->all, n->n_all, sizeof(*n->all), by_id);
		rc = load_labels(s, n);
	}
	if (rc == ST_OK) {
		n->terms = arena_alloc(n->a, (n->n_all ? n->n_all : 1) * sizeof(*n->terms));
		memcpy(n->terms, n->all, n->n_all * sizeof(*n->terms));
		qsort(n->terms, n->n_all, sizeof(*n->terms), by_key);
		size_t k = 0; /* the first term of a key, by id */
		for (size_t i = 0; i < n->n_all; i++)
			if (k == 0 || strcmp(n->terms[k - 1].key, n->terms[i].key) != 0)
				n->terms[k++] = n->terms[i];
		n->n_terms = k;
		rc = load_postcodes(s, n);
	}
	if (rc == ST_OK) {
		index_keys(n);
		name_in_languages(n);
	}
	if (rc != ST_OK) {
		dir_search_names_free(n);
		return NULL;
	}
	return n;
}

void dir_search_names_free(void *p)
{
	struct dir_search_names *n = p;
	if (!n || atomic_fetch_sub(&n->refs, 1) != 1)
		return;
	arena_free(n->a);
	free(n);
}

const struct dir_search_names *dir_search_names_hold(arena *a, const void *extra)
{
	struct dir_search_names *n = (struct dir_search_names *)extra;
	atomic_fetch_add(&n->refs, 1);
	arena_defer(a, dir_search_names_free, n);
	return n;
}

const char *dir_search_term_name(const struct dir_search_term *t, const char *lang)
{
	for (size_t l = 0; l < t->n_labels; l++)
		if (strcmp(t->label_lang[l], lang) == 0)
			return t->label[l];
	return t->term.name;
}

static int key_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct dir_search_term *)elem)->key);
}

const struct dir_search_term *dir_search_term_of(const struct dir_search_names *n, const char *key)
{
	return bsearch(key, n->terms, n->n_terms, sizeof(*n->terms), key_cmp);
}

const struct dir_search_term *dir_search_term_by_id(const struct dir_search_names *n, const char *id)
{
	struct dir_search_term key = { .term.id = id };
	return bsearch(&key, n->all, n->n_all, sizeof(*n->all), by_id);
}

static int code_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct dir_search_postcode *)elem)->code);
}

const struct dir_search_postcode *dir_search_postcode_of(const struct dir_search_names *n, const char *code)
{
	return bsearch(code, n->pc, n->n_pc, sizeof(*n->pc), code_cmp);
}

/* ---- the taxonomies in a language, for the finder's filters ---- */

static const char *cp(arena *a, const char *s)
{
	return s ? arena_strdup(a, s) : NULL;
}

struct tax_copy {
	arena *a;
	const char *lang;
	struct dir_taxonomy *out;
	size_t n;
};

static int copy_taxonomies(void *ctx, const void *extra)
{
	struct tax_copy *c = ctx;
	const struct dir_search_names *n = extra;
	if (!n)
		return ST_ERR;
	c->out = arena_alloc(c->a, (n->n_tax ? n->n_tax : 1) * sizeof(*c->out));
	for (size_t i = 0; i < n->n_tax; i++) {
		const struct dir_taxonomy *x = &n->tax[i];
		struct dir_taxonomy *y = &c->out[i];
		*y = (struct dir_taxonomy){ cp(c->a, x->id), cp(c->a, x->code), cp(c->a, x->name),
					   cp(c->a, x->description), NULL, x->n_terms };
		y->terms = arena_alloc(c->a, (x->n_terms ? x->n_terms : 1) * sizeof(*y->terms));
		for (size_t k = 0; k < x->n_terms; k++) {
			const struct dir_term *t = &x->terms[k];
			struct dir_search_term key = { .term.id = t->id };
			const struct dir_search_term *e = bsearch(&key, n->all, n->n_all, sizeof(*n->all), by_id);
			y->terms[k] = (struct dir_term){ cp(c->a, t->id), cp(c->a, t->code),
							cp(c->a, e ? dir_search_term_name(e, c->lang) : t->name), y->id,
							cp(c->a, t->taxonomy_code) };
		}
	}
	c->n = n->n_tax;
	return ST_OK;
}

/* The snapshot's taxonomies in c->lang (one of the site's), held by
 * c->a: no copy. */
static int held_taxonomies(void *ctx, const void *extra)
{
	struct tax_copy *c = ctx;
	if (!extra)
		return ST_ERR;
	const struct dir_search_names *n = dir_search_names_hold(c->a, extra);
	c->out = n->tax_in[dir_search_lang_index(c->lang)];
	c->n = n->n_tax;
	return ST_OK;
}

struct dir_taxonomy *dir_search_taxonomies(struct store *s, arena *a, const char *lang, size_t *n)
{
	struct tax_copy c = { a, lang ? lang : "de", NULL, 0 };
	if (dir_search_lang_index(c.lang) >= 0) { /* a language of the site: the snapshot's own, held */
		if (search_with_extra(s, &dir_search_offers_index, held_taxonomies, &c) != ST_OK)
			return NULL;
		*n = c.n;
		return c.out;
	}
	*n = 0;
	if (search_with_extra(s, &dir_search_offers_index, copy_taxonomies, &c) != ST_OK)
		return NULL;
	*n = c.n;
	return c.out;
}
