/* search.c — papers and agenda items as documents of the text engine
 * (src/search/): what a document holds, and the public search at
 * /gremien/suche. Only public, not deleted papers and items of meetings
 * not deleted are found (the reader says ST_NOTFOUND for the others). */
#include "policy/policy.h"
#include "policy/policy_internal.h"
#include "search/search.h"
#include "core/i18n.h"
#include "html/fields.h"
#include "html/layout.h"
#include "http/form.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

struct reader {
	struct store *s;
};

static void *reader_open(struct store *s, size_t n)
{
	(void)n;
	struct reader *rd = malloc(sizeof(*rd));
	if (!rd)
		abort();
	rd->s = s;
	return rd;
}

static void reader_close(void *p)
{
	free(p);
}

static int reader_read(void *p, const char *key, struct search_doc *d)
{
	struct reader *rd = p;
	int64_t id = pol_param_id(key + 1);
	sqlite3_stmt *st;
	if (key[0] == 'p')
		st = store_stmt(rd->s, "SELECT name, reference || ' ' || kind || ' ' || originator, summary FROM pol_paper "
				       "WHERE id = ? AND deleted = 0 AND public = 1");
	else if (key[0] == 'i')
		st = store_stmt(rd->s, "SELECT i.name, m.name || ' ' || COALESCE(b.name, ''), i.result || ' ' || i.resolution "
				       "FROM pol_item i JOIN pol_meeting m ON m.id = i.meeting_id LEFT JOIN pol_body b ON "
				       "b.id = m.body_id WHERE i.id = ? AND i.deleted = 0 AND i.public = 1 AND m.deleted = 0");
	else
		return ST_NOTFOUND;
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, id);
	int rc = store_step(st);
	if (rc > 0) {
		for (int f = 0; f < SEARCH_FIELDS; f++)
			search_add(&d->text[f], store_col_text(st, f));
		search_add(&d->features, key[0] == 'p' ? "art:vorlage" : "art:top");
	}
	sqlite3_reset(st);
	return rc > 0 ? ST_OK : rc == 0 ? ST_NOTFOUND : ST_ERR;
}

static const struct search_index papers_items = {
	.prefix = "polsearch",
	.open = reader_open,
	.read = reader_read,
	.close = reader_close,
};

const struct search_index *pol_search_index(void)
{
	return &papers_items;
}

int pol_search_refresh(struct store *s, size_t *done)
{
	return search_refresh(s, &papers_items, 0, done);
}

/* A hit as the page shows it: its title (as a link), the kind of paper
 * or the meeting; and, for "Meinten Sie", a paper's summary. */
struct hit {
	const char *title, *href, *what, *summary;
};

/* The hit of key into x, or ST_NOTFOUND. */
static int hit_of(struct req *r, const char *key, struct hit *x)
{
	int64_t id = pol_param_id(key + 1);
	if (key[0] == 'p') {
		struct pol_paper p;
		int rc = pol_paper_get(r->db, r->a, id, 1, &p);
		if (rc == ST_OK)
			*x = (struct hit){ *p.reference ? arena_printf(r->a, "%s: %s", p.reference, p.name) : p.name,
					   arena_printf(r->a, "/vorlagen/%" PRId64, id), pol_label(r, p.kind), p.summary };
		return rc;
	}
	sqlite3_stmt *st = store_stmt(r->db, "SELECT i.name, i.meeting_id, m.name FROM pol_item i JOIN pol_meeting m ON "
					     "m.id = i.meeting_id WHERE i.id = ? AND i.public = 1 AND i.deleted = 0");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, id);
	int rc = store_step(st);
	if (rc > 0)
		*x = (struct hit){ store_col_str(r->a, st, 0),
				   arena_printf(r->a, "/sitzungen/%" PRId64 "#top-%" PRId64,
						(int64_t)sqlite3_column_int64(st, 1), id),
				   store_col_str(r->a, st, 2), NULL };
	sqlite3_reset(st);
	return rc > 0 ? ST_OK : rc == 0 ? ST_NOTFOUND : ST_ERR;
}

/* The hits of res that are still there into *out (*n of them). ST_OK or
 * ST_ERR. */
static int hits_of(struct req *r, const struct search_result *res, struct hit **out, size_t *n)
{
	*out = arena_alloc(r->a, (res->n_hits ? res->n_hits : 1) * sizeof(**out));
	*n = 0;
	for (size_t i = 0; i < res->n_hits; i++) {
		int rc = hit_of(r, res->hits[i].key, &(*out)[*n]);
		if (rc == ST_ERR)
			return ST_ERR;
		*n += rc == ST_OK;
	}
	return ST_OK;
}

/* "Meinten Sie": the query with its typos written as the hits write them. */
static const char *suggest(struct req *r, const char *q, const struct search_result *res, const struct hit *x,
			   size_t n)
{
	if (!res->n_corrected)
		return NULL;
	const char **texts = arena_alloc(r->a, (2 * n + 1) * sizeof(*texts));
	for (size_t i = 0; i < n; i++) {
		texts[2 * i] = x[i].title;
		texts[2 * i + 1] = x[i].summary;
	}
	return search_suggest(r->db, r->a, q, res, texts, 2 * n);
}

/* Nothing found: what to try next, as the finder says it. */
static void nothing_found(html *h, struct req *r)
{
	html_open(h, "div", "class", "notice", NULL);
	html_elem(h, "h2", T(r, "Keine Vorlagen oder Tagesordnungspunkte gefunden"), NULL);
	html_elem(h, "p", T(r, "Das können Sie versuchen:"), NULL);
	html_open(h, "ul", NULL);
	layout_word_tips(h, r);
	html_li_link(h, T(r, "Alle Vorlagen"), "/vorlagen");
	html_li_link(h, T(r, "Alle Gremien und Entscheidungsprozesse"), "/gremien");
	html_close(h, "ul");
	layout_ask_us(h, r);
	html_close(h, "div");
}

/* The hits as links, each with the kind of paper or the meeting below. */
static void hit_list(html *h, const struct hit *x, size_t n)
{
	html_open(h, "ul", "class", "pol-list", NULL);
	for (size_t i = 0; i < n; i++) {
		html_open(h, "li", NULL);
		html_open(h, "a", "href", x[i].href, NULL);
		html_elem(h, "bdi", x[i].title, NULL);
		html_close(h, "a");
		/* on a line of its own: on a right-to-left page a German title
		 * and meeting on one line would run into each other */
		html_open(h, "p", "class", "meta", NULL);
		html_elem(h, "bdi", x[i].what, NULL);
		html_close(h, "p");
		html_close(h, "li");
	}
	html_close(h, "ul");
}

static const struct field search_fields[] = {
	{ "q", FIELD_TEXT, 0, 200, 0, 0, NULL },
};

/* GET /gremien/suche?q=... — papers and agenda items that hold the words. */
void pol_public_search(struct req *r, struct resp *w)
{
	struct form f;
	form_validate(r, &r->query, search_fields, 1, &f);
	const char *q = f.nerr ? NULL : f.val[0];
	struct search_result res = { 0 };
	struct hit *hits = NULL;
	size_t n_hits = 0;
	if (q && (search_run(r->db, r->a, &papers_items, &(struct search_query){ .text = q, .value = -1, .limit = 50 },
			     &res) != ST_OK ||
		  hits_of(r, &res, &hits, &n_hits) != ST_OK)) {
		layout_error_page(r, w, resp_store_failed(r, w));
		return;
	}
	html h = html_on(&w->body);
	struct page_meta m = { .title = T(r, "Vorlagen und Tagesordnungen durchsuchen"), .noindex = 1,
			       .self = q ? arena_printf(r->a, "/gremien/suche?q=%s", q) : NULL };
	layout_begin(&h, r, &m);
	html_open(&h, "form", "class", "form", "method", "get", "action", "/gremien/suche", "role", "search", NULL);
	struct fields_in in = fields_of(&search_fields[0], q, f.err[0]);
	in.label = T(r, "Suchwörter");
	in.type = "search";
	fields_input(&h, r, &in);
	html_elem(&h, "button", T(r, "Suchen"), "type", "submit", "class", "button", NULL);
	html_close(&h, "form");
	if (q) {
		html_open(&h, "p", "class", "search-count", "role", "status", NULL);
		html_text(&h, i18n_fill(r->a, TN(r, "{1} Treffer", "{1} Treffer", (unsigned long)res.total),
					arena_printf(r->a, "%zu", res.total), NULL));
		html_close(&h, "p");
		layout_similar_spellings(&h, r, res.corrected, res.n_corrected);
		const char *sug = suggest(r, q, &res, hits, n_hits);
		if (sug)
			layout_did_you_mean(&h, r, sug, html_url(r->a, "/gremien/suche", "q", sug, NULL));
		if (res.total == 0)
			nothing_found(&h, r);
		else
			hit_list(&h, hits, n_hits);
	}
	layout_end(&h, r);
}
