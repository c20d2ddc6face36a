/* query.c — the finder's query on the offers' index: a finder query as an
 * engine query, its hits back as offers from their cards, the terms named
 * in the reader's language, the postcode's centre, and "Meinten Sie". All
 * from the snapshot in memory: a page of results reads no table. */
#include "directory/search/search_internal.h"
#include "core/core.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* German first, then by code. */
static int cmp_lang(const void *a, const void *b)
{
	const char *x = *(const char *const *)a, *y = *(const char *const *)b;
	int dx = strcmp(x, "de") == 0, dy = strcmp(y, "de") == 0;
	return dx != dy ? dy - dx : strcmp(x, y);
}

/* ---- the finder's query ---- */

/* The snapshot's names held by the request's arena, and the language of
 * the page among the site's (-1: another: the terms are named from the
 * labels each time). */
struct page_ctx {
	arena *a;
	const char *lang;
	const struct dir_search_names *n;
	int l;
};

static int hold_names(void *ctx, const void *extra)
{
	struct page_ctx *c = ctx;
	if (!extra)
		return ST_ERR;
	c->n = dir_search_names_hold(c->a, extra);
	return ST_OK;
}

/* The term of feature key (len bytes) named in the page's language, and
 * its place in the order of taxonomies and terms; NULL when key names
 * none ("free", a term no longer there). */
static const struct dir_term *term_of(const struct page_ctx *c, const char *key, size_t len, int *order)
{
	long i = dir_search_term_index(c->n, key, len);
	if (i < 0)
		return NULL;
	*order = c->n->terms[i].order;
	if (c->l >= 0)
		return &c->n->term_in[c->l][i];
	struct dir_term *t = arena_alloc(c->a, sizeof(*t));
	*t = c->n->terms[i].term;
	t->name = dir_search_term_name(&c->n->terms[i], c->lang);
	return t;
}

/* The next n fields of a card at *at as spans into the card (not copied:
 * the snapshot's text, which the request holds); *at moves past them.
 * ST_OK, or ST_NOTFOUND when the card has fewer. */
struct span {
	const char *p;
	size_t n;
};

static int card_split(const char **at, struct span *f, int n)
{
	for (int i = 0; i < n; i++) {
		const char *e = strchr(*at, CARD_SEP);
		if (!e)
			return ST_NOTFOUND;
		f[i] = (struct span){ *at, (size_t)(e - *at) };
		*at = e + 1;
	}
	return ST_OK;
}

static const char *span_str(arena *a, struct span f)
{
	return arena_strndup(a, f.p, f.n);
}

static int span_is(struct span f, const char *s)
{
	return strlen(s) == f.n && memcmp(f.p, s, f.n) == 0;
}

/* The offer of hit h from its card, with its terms (ordered by taxonomy
 * and position) and languages ("de" first). Only the fields the page
 * shows are copied out, in the reader's language where the offer has
 * them. ST_OK, or ST_NOTFOUND when the card is not complete (a document
 * indexed before sql/0044 filled it: left out of the page until it is
 * indexed again). */
static int read_hit(arena *a, const struct search_hit *sh, const struct page_ctx *pc, const char *lang,
		    struct dir_search_hit *h)
{
	const char *at = sh->card ? sh->card : "";
	struct span f[C__N];
	if (card_split(&at, f, C__N) != ST_OK)
		return ST_NOTFOUND;
	struct span name = f[C_NAME], summary = f[C_SUMMARY];
	h->id = sh->key;
	h->organization_id = span_str(a, f[C_ORG_ID]);
	h->organization_name = span_str(a, f[C_ORG_NAME]);
	h->free_of_charge = atoi(f[C_FREE].p); /* stops at the separator */
	h->minimum_age = atoi(f[C_MIN_AGE].p);
	h->maximum_age = atoi(f[C_MAX_AGE].p);
	h->delivery = span_str(a, f[C_DELIVERY]);
	h->assured_date = f[C_ASSURED].n ? span_str(a, f[C_ASSURED]) : NULL;
	h->name_lang = h->summary_lang = NULL;
	/* the name and short description in the reader's language, where
	 * the offer has them (sql/0017); else the German ones */
	while (*at) {
		struct span t[3];
		if (card_split(&at, t, 3) != ST_OK)
			return ST_NOTFOUND;
		if (!span_is(t[0], lang))
			continue;
		h->name_lang = span_str(a, t[0]);
		name = t[1];
		if (t[2].n) {
			h->summary_lang = h->name_lang;
			summary = t[2];
		}
	}
	h->name = span_str(a, name);
	h->summary = span_str(a, summary);
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
		int o;
		const struct dir_term *t = term_of(pc, key, strlen(key), &o);
		if (!t)
			continue; /* "free", or a term no longer there */
		size_t p = h->n_terms++; /* insertion by order */
		while (p > 0 && order[p - 1] > o) {
			h->terms[p] = h->terms[p - 1];
			order[p] = order[p - 1];
			p--;
		}
		h->terms[p] = *t;
		order[p] = o;
	}
	qsort(h->languages, h->n_languages, sizeof(*h->languages), cmp_lang);
	return ST_OK;
}

/* The centre of q's postcode into sq (the place's name into out), from
 * the snapshot's postcodes. ST_OK, ST_NOTFOUND or ST_ERR. */
struct center_ctx {
	arena *a;
	const struct dir_search_query *q;
	struct search_query *sq;
	struct dir_search_result *out;
};

static int center_of(void *ctx, const void *extra)
{
	struct center_ctx *c = ctx;
	if (!extra)
		return ST_ERR;
	const struct dir_search_postcode *p = dir_search_postcode_of(extra, c->q->postcode);
	if (!p)
		return ST_NOTFOUND;
	c->out->place = p->city ? arena_strdup(c->a, p->city) : NULL;
	c->sq->near = 1;
	c->sq->lat = p->lat;
	c->sq->lon = p->lon;
	c->sq->radius_km = c->q->radius_km > 0 ? c->q->radius_km : 25;
	return ST_OK;
}

static int find_center(struct store *s, arena *a, const struct dir_search_query *q, struct search_query *sq,
		       struct dir_search_result *out)
{
	if (!q->postcode || !*q->postcode)
		return ST_OK;
	struct center_ctx c = { a, q, sq, out };
	return search_with_extra(s, &dir_search_offers_index, center_of, &c);
}

/* "Meinten Sie": the query with each word found only as a typo written
 * as the page's offers write it (in their names and summaries). */
static const char *suggest(struct store *s, arena *a, const char *q, const struct search_result *r,
			   const struct dir_search_result *out)
{
	const char **texts = arena_alloc(a, (2 * out->n_hits + 1) * sizeof(*texts));
	for (size_t k = 0; k < out->n_hits; k++) {
		texts[2 * k] = out->hits[k].name;
		texts[2 * k + 1] = out->hits[k].summary;
	}
	return search_suggest(s, a, q, r, texts, 2 * out->n_hits);
}

static int facet_cmp(const void *a, const void *b)
{
	return strcmp(((const struct dir_search_facet *)a)->key, ((const struct dir_search_facet *)b)->key);
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
	/* by key, as the engine gives them: looked up by it */
	out->corrected = r->corrected;
	out->n_corrected = r->n_corrected;
	out->dropped = r->dropped;
	out->n_dropped = r->n_dropped;

	struct page_ctx pc = { a, lang, NULL, dir_search_lang_index(lang) };
	int rc = r->n_hits ? search_with_extra(s, &dir_search_offers_index, hold_names, &pc) : ST_OK;
	out->hits = arena_alloc(a, (r->n_hits ? r->n_hits : 1) * sizeof(*out->hits));
	for (size_t i = 0; i < r->n_hits && rc != ST_ERR; i++) {
		rc = read_hit(a, &r->hits[i], &pc, lang, &out->hits[out->n_hits]);
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
		rc = search_run(s, a, &dir_search_offers_index, &sq, &r);
	if (rc == ST_OK)
		rc = read_result(s, a, &r, lang ? lang : "de", out);
	if (rc == ST_OK && r.n_corrected)
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
	const struct dir_search_facet k = { key, 0 };
	const struct dir_search_facet *f = r->n_facets ? bsearch(&k, r->facets, r->n_facets, sizeof(k), facet_cmp) : NULL;
	return f ? f->count : 0;
}

/* ---- offers by term and place, for the HSDS API ---- */

struct ids_ctx {
	arena *a;
	const struct dir_search_offers *q;
	struct search_query *sq;
};

/* The term's feature key and the postcode's centre into c->sq. */
static int ids_query(void *ctx, const void *extra)
{
	struct ids_ctx *c = ctx;
	if (!extra)
		return ST_ERR;
	if (c->q->term_id) {
		const struct dir_search_term *t = dir_search_term_by_id(extra, c->q->term_id);
		if (!t)
			return ST_NOTFOUND;
		c->sq->features[c->sq->n_features++] = arena_strdup(c->a, t->key);
	}
	if (c->q->postcode) {
		const struct dir_search_postcode *p = dir_search_postcode_of(extra, c->q->postcode);
		if (!p)
			return ST_NOTFOUND;
		c->sq->near = 1;
		c->sq->lat = p->lat;
		c->sq->lon = p->lon;
		c->sq->radius_km = c->q->radius_km > 0 ? c->q->radius_km : 25;
	}
	return ST_OK;
}

int dir_search_offer_ids(struct store *s, arena *a, const struct dir_search_offers *q, struct dir_search_ids *out)
{
	memset(out, 0, sizeof(*out));
	struct search_query sq = { .value = -1, .offset = q->offset, .limit = q->limit ? q->limit : 20 };
	struct ids_ctx c = { a, q, &sq };
	int rc = search_with_extra(s, &dir_search_offers_index, ids_query, &c);
	struct search_result r;
	if (rc == ST_OK)
		rc = search_run(s, a, &dir_search_offers_index, &sq, &r);
	if (rc != ST_OK)
		return rc;
	out->total = r.total;
	out->ids = arena_alloc(a, (r.n_hits ? r.n_hits : 1) * sizeof(*out->ids));
	out->distance_km = arena_alloc(a, (r.n_hits ? r.n_hits : 1) * sizeof(*out->distance_km));
	for (size_t i = 0; i < r.n_hits; i++) {
		out->ids[i] = r.hits[i].key;
		out->distance_km[i] = r.hits[i].distance_km;
	}
	out->n = r.n_hits;
	return ST_OK;
}
