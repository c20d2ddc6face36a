/* model.c — the offers as documents of the text engine (src/search/) and
 * the finder's query on it. An offer's document: its name (title); its
 * taxonomy terms in every language, its languages and its provider
 * (head); descriptions and places (body); features "taxonomy:code",
 * "lang:xx" and "free"; its ages as the range; the coordinates of its
 * public places. Only public offers are documents (active, not archived,
 * not merged, the provider neither). The triggers of sql/0005_search.sql
 * record which offers changed. */
#include "directory/search/search.h"
#include "directory/languages.h"
#include "search/search.h"
#include "core/core.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the documents: one query per kind of data for all offers of a
 * batch (the first ?1 keys of search_dirty, in order), walked side by side
 * with the offers, instead of four queries per offer ---- */

#define BATCH "(SELECT key FROM search_dirty ORDER BY key LIMIT ?1)"

enum { R_SERVICE, R_TERMS, R_LANGS, R_PLACES, R_TRANS, R__N };

static const char *const reader_sql[R__N] = {
	[R_SERVICE] = "SELECT s.id, s.name, s.alternate_name, s.description, s.eligibility_description, "
		      "s.application_process, s.fees_description, s.interpretation_services, s.minimum_age, "
		      "s.maximum_age, s.free_of_charge, o.name, o.alternate_name, "
		      "s.status = 'active' AND s.archived = 0 AND s.merged_into IS NULL AND o.archived = 0 "
		      "AND o.merged_into IS NULL, "
		      /* the offer's translations (sql/0017): their names in the head, their short
		       * descriptions in the body (how to apply, mostly "call or write", is left
		       * out: it matched everything about post and phones) */
		      "(SELECT group_concat(t.name, ' ') FROM service_translation t WHERE t.service_id = s.id), "
		      "(SELECT group_concat(t.description, ' ') "
		      "FROM service_translation t WHERE t.service_id = s.id), "
		      /* for the card */
		      "s.organization_id, s.delivery, s.assured_date "
		      "FROM service s JOIN organization o ON o.id = s.organization_id WHERE s.id IN " BATCH
		      " ORDER BY s.id",
	/* terms of the offer and of its public locations */
	[R_TERMS] = "SELECT link_id, taxonomy_term_id FROM attribute WHERE link_entity = 'service' AND link_id IN " BATCH
		    " UNION SELECT sal.service_id, at.taxonomy_term_id FROM service_at_location sal "
		    "JOIN location l ON l.id = sal.location_id AND l.confidential = 0 "
		    "JOIN attribute at ON at.link_entity = 'location' AND at.link_id = sal.location_id "
		    "WHERE sal.service_id IN " BATCH " ORDER BY 1, 2",
	[R_LANGS] = "SELECT DISTINCT service_id, lower(code), name FROM language WHERE service_id IN " BATCH
		    " ORDER BY 1, 2, 3",
	/* public locations only: a protected address gives no place, no distance */
	[R_PLACES] = "SELECT sal.service_id, l.name, l.latitude, l.longitude, ad.city, ad.region, ad.postal_code "
		     "FROM service_at_location sal JOIN location l ON l.id = sal.location_id "
		     "LEFT JOIN address ad ON ad.location_id = l.id "
		     "WHERE sal.service_id IN " BATCH " AND l.confidential = 0 ORDER BY 1, l.id",
	/* the translated names and short descriptions, for the card */
	[R_TRANS] = "SELECT service_id, lang, name, description FROM service_translation WHERE service_id IN " BATCH
		    " ORDER BY 1, 2",
};

/* A taxonomy term with its labels, read once per batch. */
struct term_info {
	char *id, *taxonomy, *code, *name, *labels;
};

struct reader {
	sqlite3_stmt *st[R__N];
	int row[R__N]; /* the statement stands on a row */
	int failed;
	struct term_info *terms; /* by id (BINARY order: strcmp's) */
	size_t nterms;
};

static int term_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct term_info *)elem)->id);
}

static int load_terms(struct store *s, struct reader *rd)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT t.id, t.taxonomy, t.code, t.name, (SELECT group_concat(lb.name, "
					 "' ') FROM taxonomy_term_label lb WHERE lb.term_id = t.id) "
					 "FROM taxonomy_term t ORDER BY t.id");
	if (!st)
		return ST_ERR;
	size_t cap = 0;
	int rc;
	while ((rc = store_step(st)) > 0) {
		rd->terms = xgrow(rd->terms, rd->nterms, &cap, sizeof(*rd->terms), 128);
		struct term_info *t = &rd->terms[rd->nterms++];
		t->id = xstrdup(store_col_text(st, 0));
		t->taxonomy = xstrdup(store_col_text(st, 1));
		t->code = xstrdup(store_col_text(st, 2));
		t->name = xstrdup(store_col_text(st, 3));
		t->labels = xstrdup(store_col_text(st, 4));
	}
	sqlite3_reset(st);
	return rc == 0 ? ST_OK : ST_ERR;
}

static void reader_close(void *p)
{
	struct reader *rd = p;
	for (int k = 0; k < R__N; k++)
		if (rd->st[k])
			sqlite3_reset(rd->st[k]);
	for (size_t i = 0; i < rd->nterms; i++) {
		struct term_info *t = &rd->terms[i];
		free(t->id);
		free(t->taxonomy);
		free(t->code);
		free(t->name);
		free(t->labels);
	}
	free(rd->terms);
	free(rd);
}

static void *reader_open(struct store *s, size_t n)
{
	struct reader *rd = xcalloc(1, sizeof(*rd));
	int rc = load_terms(s, rd);
	for (int k = 0; k < R__N && rc == ST_OK; k++)
		if (!(rd->st[k] = store_stmt(s, reader_sql[k])))
			rc = ST_ERR;
	for (int k = 0; k < R__N && rc == ST_OK; k++) {
		sqlite3_bind_int64(rd->st[k], 1, (sqlite3_int64)n);
		int step = store_step(rd->st[k]);
		rd->row[k] = step > 0;
		if (step < 0)
			rc = ST_ERR;
	}
	if (rc != ST_OK) {
		reader_close(rd);
		return NULL;
	}
	return rd;
}

static int next(struct reader *rd, int k)
{
	int rc = store_step(rd->st[k]);
	rd->row[k] = rc > 0;
	if (rc < 0)
		rd->failed = 1;
	return rd->row[k];
}

/* Is statement k on a row of offer id? Rows of offers before id (none are
 * expected: every statement reads the same batch in the same order) are
 * passed over. */
static int on(struct reader *rd, int k, const char *id)
{
	while (rd->row[k]) {
		int c = strcmp(store_col_text(rd->st[k], 0), id);
		if (c == 0)
			return 1;
		if (c > 0)
			return 0;
		if (!next(rd, k))
			return 0;
	}
	return 0;
}

/* ---- an offer's card: what a result shows, kept with its document
 * (search_doc.card, sql/0044) so that a page of results reads no table.
 * Each field followed by CARD_SEP: name, provider id, provider name, short
 * description, free of charge (0/1), minimum and maximum age (-1: not
 * stated), delivery, date of the last check ("": none); then per
 * translation its language, name and short description ("": none). */

#define CARD_SEP '\x1f'
#define SUMMARY_MAX 220 /* bytes of the short description */

enum { C_NAME, C_ORG_ID, C_ORG_NAME, C_SUMMARY, C_FREE, C_MIN_AGE, C_MAX_AGE, C_DELIVERY, C_ASSURED, C__N };

/* The start of text, whitespace collapsed, cut at a word near max bytes. */
static const char *summary(char *out, const char *text, size_t max)
{
	size_t n = strlen(text), o = 0;
	int space = 0;
	size_t cut = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)text[i];
		if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
			space = o > 0;
			continue;
		}
		if (space) {
			if (o + 1 > max)
				goto cut;
			cut = o;
			out[o++] = ' ';
			space = 0;
		}
		if (o + 1 > max)
			goto cut;
		out[o++] = (char)c;
	}
	out[o] = '\0';
	return out;
cut:
	o = cut ? cut : o;
	while (o > 0 && ((unsigned char)out[o] & 0xC0) == 0x80)
		o--; /* never half a character */
	memcpy(out + o, "…", sizeof("…"));
	return out;
}

/* Append a field and its separator to the card: text as it is, or
 * (max > 0) its start as summary() cuts it; a separator in it becomes a
 * space. */
static void card_field(buf *card, const char *text, size_t max)
{
	char cut[SUMMARY_MAX + 4];
	if (max)
		text = summary(cut, text, max);
	for (const char *p = text; *p; p++)
		buf_putc(card, *p == CARD_SEP ? ' ' : *p);
	buf_putc(card, CARD_SEP);
}

/* The card's fields of the offer R_SERVICE stands on. */
static void put_card(buf *card, sqlite3_stmt *st)
{
	char num[3][16];
	snprintf(num[0], sizeof(num[0]), "%d", sqlite3_column_int(st, 10) != 0);
	snprintf(num[1], sizeof(num[1]), "%d", store_col_int(st, 8));
	snprintf(num[2], sizeof(num[2]), "%d", store_col_int(st, 9));
	const char *f[C__N] = { store_col_text(st, 1), store_col_text(st, 16), store_col_text(st, 11),
				store_col_text(st, 3), num[0], num[1], num[2], store_col_text(st, 17),
				store_col_text(st, 18) };
	buf_reset(card);
	for (int i = 0; i < C__N; i++)
		card_field(card, f[i], i == C_SUMMARY ? SUMMARY_MAX : 0);
}

/* Describe offer id (the next of the batch) into d. ST_OK, ST_NOTFOUND
 * (gone or not public) or ST_ERR. */
static int reader_read(void *p, const char *id, struct search_doc *d)
{
	struct reader *rd = p;
	int found = on(rd, R_SERVICE, id) && sqlite3_column_int(rd->st[R_SERVICE], 13);
	if (found) {
		sqlite3_stmt *st = rd->st[R_SERVICE];
		search_add(&d->text[SEARCH_TITLE], store_col_text(st, 1));
		search_add(&d->text[SEARCH_TITLE], store_col_text(st, 2));
		for (int i = 3; i <= 7; i++)
			search_add(&d->text[SEARCH_BODY], store_col_text(st, i));
		d->lo = store_col_int(st, 8);
		d->hi = store_col_int(st, 9);
		if (sqlite3_column_int(st, 10))
			search_add(&d->features, "free");
		search_add(&d->text[SEARCH_HEAD], store_col_text(st, 11));
		search_add(&d->text[SEARCH_HEAD], store_col_text(st, 12));
		search_add(&d->text[SEARCH_HEAD], store_col_text(st, 14));
		search_add(&d->text[SEARCH_BODY], store_col_text(st, 15));
	}
	/* the rows of the other statements are passed either way */
	for (; on(rd, R_TERMS, id); next(rd, R_TERMS)) {
		const struct term_info *t = bsearch(store_col_text(rd->st[R_TERMS], 1), rd->terms, rd->nterms,
						    sizeof(*rd->terms), term_cmp);
		if (!found || !t)
			continue;
		search_add(&d->text[SEARCH_HEAD], t->name);
		search_add(&d->text[SEARCH_HEAD], t->labels);
		if (d->features.len)
			buf_putc(&d->features, ' ');
		buf_printf(&d->features, "%s:%s", t->taxonomy, t->code);
	}
	for (; on(rd, R_LANGS, id); next(rd, R_LANGS)) {
		sqlite3_stmt *st = rd->st[R_LANGS];
		const char *code = store_col_text(st, 1);
		if (!found)
			continue;
		search_add(&d->text[SEARCH_HEAD], store_col_text(st, 2));
		search_add(&d->text[SEARCH_HEAD], dir_language_name(code, "de"));
		search_add(&d->text[SEARCH_HEAD], dir_language_name(code, "en"));
		if (d->features.len)
			buf_putc(&d->features, ' ');
		buf_printf(&d->features, "lang:%s", code);
	}
	for (; on(rd, R_PLACES, id); next(rd, R_PLACES)) {
		sqlite3_stmt *st = rd->st[R_PLACES];
		if (!found)
			continue;
		for (int i = 4; i <= 6; i++)
			search_add(&d->text[SEARCH_BODY], store_col_text(st, i));
		search_add(&d->text[SEARCH_BODY], store_col_text(st, 1));
		if (sqlite3_column_type(st, 2) != SQLITE_NULL && sqlite3_column_type(st, 3) != SQLITE_NULL) {
			if (d->coords.len)
				buf_putc(&d->coords, ';');
			buf_printf(&d->coords, "%.6f,%.6f", sqlite3_column_double(st, 2),
				   sqlite3_column_double(st, 3));
		}
	}
	if (found)
		put_card(&d->card, rd->st[R_SERVICE]);
	for (; on(rd, R_TRANS, id); next(rd, R_TRANS)) {
		sqlite3_stmt *st = rd->st[R_TRANS];
		if (!found)
			continue;
		const char *desc = store_col_text(st, 3);
		card_field(&d->card, store_col_text(st, 1), 0);
		card_field(&d->card, store_col_text(st, 2), 0);
		card_field(&d->card, desc, *desc ? SUMMARY_MAX : 0);
	}
	if (found)
		next(rd, R_SERVICE);
	if (rd->failed)
		return ST_ERR;
	return found ? ST_OK : ST_NOTFOUND;
}

static const struct search_index offers = {
	.prefix = "search",
	.open = reader_open,
	.read = reader_read,
	.close = reader_close,
};

int dir_search_refresh(struct store *s, size_t limit, size_t *done)
{
	return search_refresh(s, &offers, limit, done);
}

int dir_search_rebuild(struct store *s, size_t *done)
{
	return search_rebuild(s, &offers, "SELECT id FROM service", done);
}

struct search_indexer *dir_search_indexer_start(const char *db_path)
{
	return search_indexer_start(db_path, &offers);
}

void dir_search_indexer_stop(struct search_indexer *x)
{
	search_indexer_stop(x);
}

int64_t dir_search_version(struct store *s, char token[40])
{
	return search_version(s, &offers, token);
}

/* German first, then by code. */
static int cmp_lang(const void *a, const void *b)
{
	const char *x = *(const char *const *)a, *y = *(const char *const *)b;
	int dx = strcmp(x, "de") == 0, dy = strcmp(y, "de") == 0;
	return dx != dy ? dy - dx : strcmp(x, y);
}

/* ---- the finder's query ---- */

/* A taxonomy term named by a feature ("taxonomy:code"), with its place in
 * the order of taxonomies and their terms. */
struct feature_term {
	const char *key;
	struct dir_term term;
	int order;
};

static int feature_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct feature_term *)elem)->key);
}

/* ---- the taxonomy terms that features name, read once per database
 * and index generation (a change of a term marks its offers, which renews
 * the generation) and shared by the requests ---- */

struct term_row {
	const char *key; /* "taxonomy:code" */
	struct dir_term term;
	int order;
	size_t n_labels;
	const char **label_lang, **label;
};

static struct term_cache {
	char token[40];
	int64_t gen;
	arena *a;
	struct term_row *rows; /* by key */
	size_t n;
} term_cache[4]; /* databases per process */
static pthread_mutex_t term_mu = PTHREAD_MUTEX_INITIALIZER;

/* Read every term with its labels into c (its arena new). */
static int load_term_rows(struct store *s, struct term_cache *c)
{
	sqlite3_stmt *st = store_stmt(s,
		"SELECT t.taxonomy || ':' || t.code, t.id, t.code, t.taxonomy_id, t.taxonomy, t.name, "
		"x.rowid * 10000 + t.position, lb.lang, lb.name FROM taxonomy_term t "
		"JOIN taxonomy x ON x.id = t.taxonomy_id "
		"LEFT JOIN taxonomy_term_label lb ON lb.term_id = t.id ORDER BY 1, t.id, lb.lang");
	if (!st)
		return ST_ERR;
	size_t cap = 0, lcap = 0;
	int rc;
	while ((rc = store_step(st)) > 0) {
		const char *key = store_col_text(st, 0);
		struct term_row *t = c->n ? &c->rows[c->n - 1] : NULL;
		if (!t || strcmp(t->key, key) != 0) {
			c->rows = arena_grow(c->a, c->rows, c->n, &cap, sizeof(*c->rows), 64);
			t = &c->rows[c->n++];
			memset(t, 0, sizeof(*t));
			t->key = store_col_str(c->a, st, 0);
			t->term = (struct dir_term){ store_col_str(c->a, st, 1), store_col_str(c->a, st, 2),
						     store_col_str(c->a, st, 5), store_col_str(c->a, st, 3),
						     store_col_str(c->a, st, 4) };
			t->order = sqlite3_column_int(st, 6);
			lcap = 0;
		} else if (strcmp(t->term.id, store_col_text(st, 1)) != 0) {
			continue; /* the first term of a key */
		}
		if (sqlite3_column_type(st, 7) == SQLITE_NULL)
			continue;
		size_t lcap2 = lcap; /* the two grow together */
		t->label_lang = arena_grow(c->a, t->label_lang, t->n_labels, &lcap, sizeof(*t->label_lang), 4);
		t->label = arena_grow(c->a, t->label, t->n_labels, &lcap2, sizeof(*t->label), 4);
		t->label_lang[t->n_labels] = store_col_str(c->a, st, 7);
		t->label[t->n_labels++] = store_col_str(c->a, st, 8);
	}
	sqlite3_reset(st);
	return rc == 0 ? ST_OK : ST_ERR;
}

static int row_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct term_row *)elem)->key);
}

/* The terms named by the features of the page's hits, named in lang,
 * into *out (copies owned by a, sorted by key). ST_OK or ST_ERR. */
static int page_terms(struct store *s, arena *a, const struct search_result *r, const char *lang,
		      struct feature_term **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	/* the index's version that answered: a term's change marks its offers */
	const char *token = r->token;
	int64_t gen = *token ? r->gen : -1;
	struct term_cache fresh = { .gen = -1 }, *c = NULL;
	pthread_mutex_lock(&term_mu);
	for (size_t i = 0; i < NELEM(term_cache) && gen >= 0 && !c; i++)
		if (term_cache[i].a && term_cache[i].gen == gen && strcmp(term_cache[i].token, token) == 0)
			c = &term_cache[i];
	int rc = ST_OK;
	if (!c) {
		fresh.a = arena_new();
		snprintf(fresh.token, sizeof(fresh.token), "%s", gen >= 0 ? token : "");
		fresh.gen = gen;
		rc = load_term_rows(s, &fresh);
		c = &fresh;
	}
	size_t cap = 0;
	for (size_t i = 0; i < r->n_hits && rc == ST_OK; i++) {
		for (size_t k = 0; k < r->hits[i].n_features; k++) {
			const char *key = r->hits[i].features[k];
			const struct term_row *t = bsearch(key, c->rows, c->n, sizeof(*c->rows), row_cmp);
			if (!t || (*n && bsearch(key, *out, *n, sizeof(**out), feature_cmp)))
				continue;
			*out = arena_grow(a, *out, *n, &cap, sizeof(**out), 32);
			size_t p = (*n)++; /* insertion by key */
			while (p > 0 && strcmp((*out)[p - 1].key, key) > 0) {
				(*out)[p] = (*out)[p - 1];
				p--;
			}
			struct feature_term *f = &(*out)[p];
			f->key = arena_strdup(a, t->key);
			f->order = t->order;
			const char *name = t->term.name;
			for (size_t l = 0; l < t->n_labels; l++)
				if (strcmp(t->label_lang[l], lang) == 0)
					name = t->label[l];
			f->term = (struct dir_term){ arena_strdup(a, t->term.id), arena_strdup(a, t->term.code),
						     arena_strdup(a, name), arena_strdup(a, t->term.taxonomy_id),
						     arena_strdup(a, t->term.taxonomy_code) };
		}
	}
	if (c == &fresh && rc == ST_OK && gen >= 0) { /* keep it: in this database's slot, else a free one */
		size_t slot = NELEM(term_cache) - 1;
		for (size_t i = 0; i < NELEM(term_cache); i++) {
			if (!term_cache[i].a || strcmp(term_cache[i].token, token) == 0) {
				slot = i;
				break;
			}
		}
		arena_free(term_cache[slot].a);
		term_cache[slot] = fresh;
	} else if (c == &fresh) {
		arena_free(fresh.a);
	}
	pthread_mutex_unlock(&term_mu);
	return rc;
}

/* The next n fields of a card at *at into f (cut out in place); *at
 * moves past them. ST_OK, or ST_NOTFOUND when the card has fewer. */
static int card_split(char **at, const char **f, int n)
{
	for (int i = 0; i < n; i++) {
		char *e = strchr(*at, CARD_SEP);
		if (!e)
			return ST_NOTFOUND;
		*e = '\0';
		f[i] = *at;
		*at = e + 1;
	}
	return ST_OK;
}

/* The offer of hit h from its card, with its terms (ordered by taxonomy
 * and position) and languages ("de" first). ST_OK, or ST_NOTFOUND when
 * the card is not complete (a document indexed before sql/0044 filled
 * it: left out of the page until it is indexed again). */
static int read_hit(arena *a, const struct search_hit *sh, const struct feature_term *terms, size_t n_terms,
		    const char *lang, struct dir_search_hit *h)
{
	char *at = arena_strdup(a, sh->card ? sh->card : "");
	const char *f[C__N];
	if (card_split(&at, f, C__N) != ST_OK)
		return ST_NOTFOUND;
	h->id = sh->key;
	h->name = f[C_NAME];
	h->organization_id = f[C_ORG_ID];
	h->organization_name = f[C_ORG_NAME];
	h->summary = f[C_SUMMARY];
	h->free_of_charge = atoi(f[C_FREE]);
	h->minimum_age = atoi(f[C_MIN_AGE]);
	h->maximum_age = atoi(f[C_MAX_AGE]);
	h->delivery = f[C_DELIVERY];
	h->assured_date = *f[C_ASSURED] ? f[C_ASSURED] : NULL;
	h->name_lang = h->summary_lang = NULL;
	/* the name and short description in the reader's language, where
	 * the offer has them (sql/0017); else the German ones */
	while (*at) {
		const char *t[3];
		if (card_split(&at, t, 3) != ST_OK)
			return ST_NOTFOUND;
		if (strcmp(t[0], lang) != 0)
			continue;
		h->name_lang = t[0];
		h->name = t[1];
		if (*t[2]) {
			h->summary_lang = h->name_lang;
			h->summary = t[2];
		}
	}
	h->distance_km = sh->distance_km;
	h->score = sh->score;

	size_t nf = sh->n_features ? sh->n_features : 1;
	h->terms = arena_alloc(a, nf * sizeof(*h->terms));
	h->languages = arena_alloc(a, nf * sizeof(*h->languages));
	int *order = arena_alloc(a, nf * sizeof(int));
	for (size_t k = 0; k < sh->n_features; k++) {
		const char *key = sh->features[k];
		if (strncmp(key, "lang:", 5) == 0) {
			h->languages[h->n_languages++] = key + 5;
			continue;
		}
		const struct feature_term *t = bsearch(key, terms, n_terms, sizeof(*terms), feature_cmp);
		if (!t)
			continue; /* "free", or a term no longer there */
		size_t p = h->n_terms++; /* insertion by order */
		while (p > 0 && order[p - 1] > t->order) {
			h->terms[p] = h->terms[p - 1];
			order[p] = order[p - 1];
			p--;
		}
		h->terms[p] = t->term;
		order[p] = t->order;
	}
	qsort(h->languages, h->n_languages, sizeof(*h->languages), cmp_lang);
	return ST_OK;
}

/* The centre of q's postcode into sq (the place's name into out). ST_OK,
 * ST_NOTFOUND or ST_ERR. */
static int find_center(struct store *s, arena *a, const struct dir_search_query *q, struct search_query *sq,
		       struct dir_search_result *out)
{
	if (!q->postcode || !*q->postcode)
		return ST_OK;
	sqlite3_stmt *st = store_stmt(s, "SELECT city, latitude, longitude FROM postcode WHERE code = ?");
	if (!st)
		return ST_ERR;
	sqlite3_bind_text(st, 1, q->postcode, -1, SQLITE_STATIC);
	int k = store_step(st);
	if (k > 0) {
		out->place = store_col_str(a, st, 0);
		sq->near = 1;
		sq->lat = sqlite3_column_double(st, 1);
		sq->lon = sqlite3_column_double(st, 2);
		sq->radius_km = q->radius_km > 0 ? q->radius_km : 25;
	}
	sqlite3_reset(st);
	return k > 0 ? ST_OK : k == 0 ? ST_NOTFOUND : ST_ERR;
}

/* ---- "Meinten Sie": a word found only through typo tolerance, as the
 * offers on the page write it ---- */

struct one_tok {
	const char *fold, *stem; /* of the only token (NULL: none or several) */
	int n;
	arena *a;
};

static int one_tok_cb(void *p, const char *fold, size_t nf, const char *stem, size_t ns)
{
	struct one_tok *o = p;
	if (o->n++ == 0) {
		o->fold = arena_strndup(o->a, fold, nf);
		o->stem = arena_strndup(o->a, stem, ns);
	}
	return 0;
}

/* The search form of a single word w (len bytes) into o. */
static void word_form(struct search_tok *t, arena *a, const char *w, size_t len, struct one_tok *o)
{
	*o = (struct one_tok){ .a = a };
	if (search_tok_run(t, w, len, one_tok_cb, o) != ST_OK || o->n != 1)
		o->fold = o->stem = NULL;
}

/* Is c a byte of a word (a letter or digit of any script)? */
static int word_byte(unsigned char c)
{
	return c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* The word of text whose search form is stem, the fewest edits from
 * typed (folded), into *best (as written; kept when none is nearer). */
static void written(struct search_tok *t, arena *a, const char *text, const char *stem, const char *typed,
		    const char **best, int *best_d)
{
	for (const char *p = text; p && *p;) {
		while (*p && !word_byte((unsigned char)*p))
			p++;
		const char *e = p;
		while (*e && word_byte((unsigned char)*e))
			e++;
		struct one_tok o;
		if (e > p) {
			word_form(t, a, p, (size_t)(e - p), &o);
			int d = o.stem && strcmp(o.stem, stem) == 0
					? search_edits(o.fold, strlen(o.fold), typed, strlen(typed), 8) : 9;
			if (d < *best_d) {
				*best_d = d;
				*best = arena_strndup(a, p, (size_t)(e - p));
			}
		}
		p = e;
	}
}

/* The query q with each corrected word replaced by the word of the
 * page's offers it was taken for; NULL when one is not on the page. */
static const char *suggest(struct store *s, arena *a, const char *q, const struct search_result *r,
			   const struct dir_search_result *out)
{
	struct search_tok *t = search_tok_new(s);
	if (!t)
		return NULL;
	const char **with = arena_alloc(a, r->n_corrected * sizeof(*with));
	int ok = 1;
	for (size_t i = 0; i < r->n_corrected && ok; i++) {
		with[i] = NULL;
		int d = 9;
		for (size_t k = 0; k < out->n_hits; k++) {
			written(t, a, out->hits[k].name, r->corrected_to[i], r->corrected[i], &with[i], &d);
			written(t, a, out->hits[k].summary, r->corrected_to[i], r->corrected[i], &with[i], &d);
		}
		ok = with[i] != NULL;
	}
	buf b;
	buf_init(&b, 0);
	for (const char *p = q; ok && *p;) {
		const char *e = p;
		while (*e && *e != ' ')
			e++;
		struct one_tok o;
		word_form(t, a, p, (size_t)(e - p), &o);
		const char *rep = NULL;
		for (size_t i = 0; o.fold && i < r->n_corrected && !rep; i++)
			if (strcmp(o.fold, r->corrected[i]) == 0)
				rep = with[i];
		if (rep)
			buf_puts(&b, rep);
		else
			buf_append(&b, p, (size_t)(e - p));
		for (p = e; *p == ' '; p++)
			buf_putc(&b, ' ');
	}
	const char *sug = ok && !b.err ? arena_strdup(a, buf_str(&b)) : NULL;
	buf_free(&b);
	search_tok_free(t);
	return sug;
}

/* The page's offers and the facets of r into out. */
static int read_result(struct store *s, arena *a, const struct search_result *r, const char *lang,
		       struct dir_search_result *out)
{
	out->total = r->total;
	out->n_free = search_facet_count(r, "free");
	out->facets = arena_alloc(a, (r->n_facets ? r->n_facets : 1) * sizeof(*out->facets));
	for (size_t i = 0; i < r->n_facets; i++)
		if (strcmp(r->facets[i].key, "free") != 0)
			out->facets[out->n_facets++] = (struct dir_search_facet){ r->facets[i].key, (int)r->facets[i].count };
	out->corrected = r->corrected;
	out->n_corrected = r->n_corrected;
	out->dropped = r->dropped;
	out->n_dropped = r->n_dropped;

	struct feature_term *terms;
	size_t n_terms;
	int rc = page_terms(s, a, r, lang, &terms, &n_terms);
	out->hits = arena_alloc(a, (r->n_hits ? r->n_hits : 1) * sizeof(*out->hits));
	for (size_t i = 0; i < r->n_hits && rc != ST_ERR; i++) {
		rc = read_hit(a, &r->hits[i], terms, n_terms, lang, &out->hits[out->n_hits]);
		if (rc == ST_OK)
			out->n_hits++; /* ST_NOTFOUND: a card not yet filled */
	}
	return rc == ST_ERR ? ST_ERR : ST_OK;
}

int dir_search(struct store *s, arena *a, const struct dir_search_query *q, const char *lang, struct dir_search_result *out)
{
	memset(out, 0, sizeof(*out));
	struct search_query sq = { .text = q->q, .value = q->age };
	size_t n_terms = q->n_terms < DIR_SEARCH_MAX_TERMS ? q->n_terms : DIR_SEARCH_MAX_TERMS;
	for (size_t i = 0; i < n_terms; i++)
		sq.features[sq.n_features++] = q->terms[i];
	if (q->language && *q->language)
		sq.features[sq.n_features++] = arena_printf(a, "lang:%s", q->language);
	if (q->free_only)
		sq.features[sq.n_features++] = "free";
	out->per_page = q->per_page > 0 && q->per_page <= 100 ? q->per_page : 20;
	out->page = q->page > 0 ? q->page : 1;
	sq.offset = (size_t)(out->page - 1) * (size_t)out->per_page;
	sq.limit = (size_t)out->per_page;

	int rc = find_center(s, a, q, &sq, out);
	struct search_result r = { 0 };
	if (rc == ST_OK)
		rc = search_run(s, a, &offers, &sq, &r);
	if (rc == ST_OK)
		rc = read_result(s, a, &r, lang ? lang : "de", out);
	if (rc == ST_OK && r.n_corrected && q->q)
		out->suggestion = suggest(s, a, q->q, &r, out);
	if (rc == ST_OK) {
		out->pages = (int)((out->total + (size_t)out->per_page - 1) / (size_t)out->per_page);
		return ST_OK;
	}
	const char *place = out->place;
	memset(out, 0, sizeof(*out));
	out->place = place;
	return rc;
}

int dir_search_facet_count(const struct dir_search_result *r, const char *key)
{
	for (size_t i = 0; i < r->n_facets; i++)
		if (strcmp(r->facets[i].key, key) == 0)
			return r->facets[i].count;
	return 0;
}

/* The search index for every changed offer, in batches of a transaction
 * each, so that other writers wait for one batch at most, never for all:
 * a batch is sized to take about REFRESH_TARGET_US (as the publication's
 * chunks in store/stage.c), whatever the machine's speed or load, with a
 * pause after it in which a waiting writer gets the lock. */
#define REFRESH_FIRST 200
#define REFRESH_MIN 20
#define REFRESH_MAX 5000
#define REFRESH_TARGET_US 100000
#define REFRESH_GAP_US 20000

int dir_search_catch_up(struct store *s, size_t *indexed)
{
	size_t n, batch = REFRESH_FIRST;
	int rc;
	*indexed = 0;
	for (;;) {
		int64_t t0 = core_mono_us();
		n = 0;
		rc = dir_search_refresh(s, batch, &n);
		*indexed += n;
		if (rc != ST_OK || n < batch)
			break;
		int64_t took = core_mono_us() - t0;
		batch = (size_t)((int64_t)batch * REFRESH_TARGET_US / (took > 1000 ? took : 1000));
		batch = batch < REFRESH_MIN ? REFRESH_MIN : batch > REFRESH_MAX ? REFRESH_MAX : batch;
		struct timespec gap = { 0, REFRESH_GAP_US * 1000L };
		nanosleep(&gap, NULL);
	}
	return rc;
}
