/* finder_views.c — HTML of the offer finder /angebote: the search box,
 * the filters with their counts (a GET form: shareable, no JavaScript),
 * the results with distance, the pages, and what to try when nothing
 * was found. Phone first: filters above the results, beside on wide
 * screens (.with-filters). */
#include "directory/public/public_internal.h"
#include "directory/languages.h"
#include "core/i18n.h"
#include "html/fields.h"
#include "html/layout.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- small helpers (results owned by the request arena) ---- */

static int selected(const struct dir_public_finder *fd, int m, const char *code)
{
	for (size_t i = 0; i < fd->n_sel[m]; i++)
		if (strcmp(fd->sel[m][i], code) == 0)
			return 1;
	return 0;
}

static const struct dir_taxonomy *taxonomy(const struct dir_public_finder *fd, const char *code)
{
	for (size_t i = 0; i < fd->n_tax; i++)
		if (strcmp(fd->tax[i].code, code) == 0)
			return &fd->tax[i];
	return NULL;
}

static const char *term_name(const struct dir_public_finder *fd, const char *taxonomy_code, const char *code)
{
	const struct dir_term *t = dir_term_find(fd->tax, fd->n_tax, taxonomy_code, code);
	return t ? t->name : code;
}

static const char *language(struct req *r, const char *code)
{
	const char *n = dir_language_name(code, r->lang);
	return n ? n : code;
}

/* n as decimal digits, without printf (the filters write many). */
static const char *num(struct req *r, long long n)
{
	char d[24], *p = d + sizeof(d);
	unsigned long long u = n < 0 ? 0ull - (unsigned long long)n : (unsigned long long)n;
	*--p = '\0';
	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (n < 0)
		*--p = '-';
	return arena_strndup(r->a, p, (size_t)(d + sizeof(d) - 1 - p));
}

/* The strings of parts (NULL-terminated) one after the other. */
__attribute__((sentinel)) static const char *cat(struct req *r, ...)
{
	va_list ap;
	size_t n = 0;
	va_start(ap, r);
	for (const char *s; (s = va_arg(ap, const char *)) != NULL;)
		n += strlen(s);
	va_end(ap);
	char *out = arena_alloc(r->a, n + 1), *o = out;
	va_start(ap, r);
	for (const char *s; (s = va_arg(ap, const char *)) != NULL;) {
		size_t l = strlen(s);
		memcpy(o, s, l);
		o += l;
	}
	va_end(ap);
	*o = '\0';
	return out;
}

/* A value with its count: "Beratung (12)". */
static const char *with_count(struct req *r, const char *name, int count)
{
	return cat(r, name, " (", num(r, count), ")", NULL);
}

static const char *field_id(struct req *r, const char *name)
{
	return arena_printf(r->a, "f-%s", name);
}

/* The facets of a result (sorted by key, as dir_search gives them), to
 * find a value's count without making its key ("taxonomy:code") or
 * walking them all. */
struct facets {
	const struct dir_search_facet *v;
	size_t n;
};

/* key against "tax:code" (tl: tax's length), as strcmp would compare them. */
static int key_cmp(const char *key, const char *tax, size_t tl, const char *code)
{
	int c = strncmp(key, tax, tl);
	if (c)
		return c;
	if (key[tl] != ':')
		return (unsigned char)key[tl] - (unsigned char)':';
	return strcmp(key + tl + 1, code);
}

/* The count of the facet "tax:code" (0 when absent), as
 * dir_search_facet_count gives it. */
static int facet_count(const struct facets *f, const char *tax, const char *code)
{
	size_t lo = 0, hi = f->n, tl = strlen(tax);
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = key_cmp(f->v[mid].key, tax, tl, code);
		if (c == 0)
			return f->v[mid].count;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* ---- the form ---- */

static const char *multi_label(struct req *r, int m)
{
	switch (m) {
	case FM_PHASE: return T(r, "Übergangsphase");
	case FM_ART: return T(r, "Angebotsart");
	default: return T(r, "Zielgruppe");
	}
}

static const char *field_label(struct req *r, int i)
{
	switch (i) {
	case FF_Q: return T(r, "Suchbegriff");
	case FF_ORT: return T(r, "Stadtteil oder Ort");
	case FF_SPRACHE: return T(r, "Sprache des Angebots");
	case FF_ALTER: return T(r, "Alter");
	case FF_KOSTENLOS: return T(r, "Kostenlos");
	case FF_PLZ: return T(r, "Postleitzahl");
	case FF_UMKREIS: return T(r, "Umkreis");
	default: return T(r, "Seite");
	}
}

static const char *const field_names[FF__MAX] = {
	[FF_Q] = "q", [FF_ORT] = "ort", [FF_SPRACHE] = "sprache", [FF_ALTER] = "alter",
	[FF_KOSTENLOS] = "kostenlos", [FF_PLZ] = "plz", [FF_UMKREIS] = "umkreis", [FF_SEITE] = "seite",
};

static void error_summary(html *h, struct req *r, const struct dir_public_finder *fd)
{
	fields_summary_begin(h, r, T(r, "Bitte prüfen Sie Ihre Angaben"),
			     T(r, "Diese Angaben haben wir bei der Suche weggelassen:"));
	for (int i = 0; i < FF__MAX; i++)
		fields_summary_item(h, r, field_names[i], field_label(r, i), fd->f.err[i]);
	for (int m = 0; m < FM__MAX; m++)
		fields_summary_item(h, r, dir_public_finder_multi[m].param, multi_label(r, m), fd->err_multi[m]);
	fields_summary_end(h);
}

/* A field's message under it, when it has one. */
static void field_error(html *h, struct req *r, const char *msgid, const char *name)
{
	if (msgid)
		html_elem(h, "p", T(r, msgid), "class", "field-error", "id", arena_printf(r->a, "f-%s-err", name),
			  NULL);
}

/* Was a search asked (a word, a filter, a page), not the page as a first
 * visit sees it (no parameter but the language)? Then the results follow
 * the search box at once: on a phone the first ones are on the first
 * screen, without the introduction and the examples above them. */
static int asked(const struct req *r)
{
	for (size_t i = 0; i < r->query.n; i++)
		if (strcmp(r->query.items[i].key, "lang") != 0 && *r->query.items[i].val)
			return 1;
	return 0;
}

static void search_box(html *h, struct req *r, const struct dir_public_finder *fd)
{
	const char *err = fd->f.err[FF_Q];
	int examples = !asked(r);
	html_open(h, "div", "class", err ? "field finder-search has-error" : "field finder-search", NULL);
	html_elem(h, "label", T(r, "Wonach suchen Sie?"), "for", "f-q", NULL);
	html_open(h, "div", "class", "search-row", NULL);
	html_void(h, "input", "type", "search", "id", "f-q", "name", "q", "form", "finder", "value", fd->f.val[FF_Q],
		  "maxlength", "200", "autocomplete", "off", "enterkeyhint", "search",
		  "aria-describedby", err ? (examples ? "f-q-hint f-q-err" : "f-q-err") : examples ? "f-q-hint" : NULL,
		  "aria-invalid", err ? "true" : NULL, NULL);
	html_elem(h, "button", T(r, "Suchen"), "type", "submit", "form", "finder", "class", "button", NULL);
	html_close(h, "div");
	if (examples)
		html_elem(h, "p", T(r, "Zum Beispiel: Sprachkurs, Bewerbung, Azubi, Beratung für Geflüchtete"),
			  "class", "field-hint", "id", "f-q-hint", NULL);
	field_error(h, r, err, "q");
	html_close(h, "div");
}

/* Checkboxes of one taxonomy with their counts: the values that have
 * results, and the checked ones. */
static void multi_filter(html *h, struct req *r, const struct dir_public_finder *fd, const struct facets *fc, int m)
{
	const struct dir_taxonomy *t = taxonomy(fd, dir_public_finder_multi[m].taxonomy);
	if (!t)
		return;
	const char *param = dir_public_finder_multi[m].param;
	int shown = 0;
	html_open(h, "details", "class", "filter-group", "open", fd->n_sel[m] || fd->err_multi[m] ? "" : NULL, NULL);
	html_open(h, "summary", NULL);
	html_text(h, multi_label(r, m));
	if (fd->n_sel[m]) {
		html_text(h, " ");
		html_elem(h, "span", i18n_fill(r->a, T(r, "({1} gewählt)"), num(r, (long long)fd->n_sel[m]), NULL),
			  "class", "count", NULL);
	}
	html_close(h, "summary");
	html_open(h, "fieldset", "id", field_id(r, param), "class", fd->err_multi[m] ? "field has-error" : "field",
		  NULL);
	html_elem(h, "legend", multi_label(r, m), "class", "visually-hidden", NULL);
	field_error(h, r, fd->err_multi[m], param);
	for (size_t i = 0; i < t->n_terms; i++) {
		const struct dir_term *x = &t->terms[i];
		int on = selected(fd, m, x->code);
		int count = facet_count(fc, t->code, x->code);
		if (!on && count == 0)
			continue;
		const char *id = cat(r, "f-", param, "-", x->code, NULL);
		html_open(h, "div", "class", "field-check", NULL);
		html_void(h, "input", "type", "checkbox", "id", id, "name", param, "value", x->code, "checked",
			  on ? "" : NULL, NULL);
		html_open(h, "label", "for", id, NULL);
		html_text(h, x->name);
		html_text(h, " ");
		html_elem(h, "span", cat(r, "(", num(r, count), ")", NULL), "class", "count", NULL);
		html_close(h, "label");
		html_close(h, "div");
		shown++;
	}
	if (!shown)
		html_elem(h, "p", T(r, "Keine Auswahl bei diesen Ergebnissen."), "class", "field-hint", NULL);
	html_close(h, "fieldset");
	html_close(h, "details");
}

static void place_filter(html *h, struct req *r, const struct dir_public_finder *fd, const struct facets *fc)
{
	const struct dir_taxonomy *t = taxonomy(fd, "ort");
	if (!t)
		return;
	const char *cur = fd->f.err[FF_ORT] ? NULL : fd->f.val[FF_ORT];
	const char **values = arena_alloc(r->a, (t->n_terms + 1) * sizeof(*values));
	const char **labels = arena_alloc(r->a, (t->n_terms + 1) * sizeof(*labels));
	size_t n = 0;
	for (size_t i = 0; i < t->n_terms; i++) {
		const struct dir_term *x = &t->terms[i];
		int count = facet_count(fc, "ort", x->code);
		if ((!cur || strcmp(cur, x->code) != 0) && count == 0)
			continue;
		values[n] = x->code;
		labels[n++] = with_count(r, x->name, count);
	}
	struct fields_in in = { .name = "ort", .label = field_label(r, FF_ORT), .value = cur, .err = fd->f.err[FF_ORT] };
	fields_select(h, r, &in, T(r, "Alle Orte"), values, labels, n);
}

static int by_count(const void *a, const void *b)
{
	const struct dir_search_facet *x = *(const struct dir_search_facet *const *)a, *y = *(const struct dir_search_facet *const *)b;
	return x->count != y->count ? y->count - x->count : strcmp(x->key, y->key);
}

static void language_filter(html *h, struct req *r, const struct dir_public_finder *fd)
{
	const char *cur = fd->f.err[FF_SPRACHE] ? NULL : fd->f.val[FF_SPRACHE];
	/* the languages of the results, the most frequent first */
	size_t n = 0;
	const struct dir_search_facet **v = arena_alloc(r->a, (fd->res.n_facets + 1) * sizeof(*v));
	for (size_t i = 0; i < fd->res.n_facets; i++)
		if (strncmp(fd->res.facets[i].key, "lang:", 5) == 0)
			v[n++] = &fd->res.facets[i];
	qsort(v, n, sizeof(*v), by_count);
	const char **values = arena_alloc(r->a, (n + 2) * sizeof(*values));
	const char **labels = arena_alloc(r->a, (n + 2) * sizeof(*labels));
	int cur_shown = 0;
	for (size_t i = 0; i < n; i++) {
		values[i] = v[i]->key + 5;
		labels[i] = with_count(r, language(r, values[i]), v[i]->count);
		cur_shown |= cur && strcmp(cur, values[i]) == 0;
	}
	if (cur && !cur_shown) {
		values[n] = cur;
		labels[n++] = with_count(r, language(r, cur), 0);
	}
	struct fields_in in = { .name = "sprache", .label = field_label(r, FF_SPRACHE), .value = cur,
				.err = fd->f.err[FF_SPRACHE] };
	fields_select(h, r, &in, T(r, "Alle Sprachen"), values, labels, n);
}

static void age_filter(html *h, struct req *r, const struct dir_public_finder *fd)
{
	struct fields_in in = { .name = "alter", .label = field_label(r, FF_ALTER),
				.hint = T(r, "Nur Angebote, die für dieses Alter offen sind."), .value = fd->f.val[FF_ALTER],
				.err = fd->f.err[FF_ALTER], .type = "number", .maxlen = 2 };
	fields_input(h, r, &in);
}

static void free_filter(html *h, struct req *r, const struct dir_public_finder *fd)
{
	html_open(h, "div", "class", "field field-check", NULL);
	html_void(h, "input", "type", "checkbox", "id", "f-kostenlos", "name", "kostenlos", "value", "1", "checked",
		  fd->f.val[FF_KOSTENLOS] ? "" : NULL, NULL);
	html_open(h, "label", "for", "f-kostenlos", NULL);
	html_text(h, T(r, "Nur kostenlose Angebote"));
	html_text(h, " ");
	html_elem(h, "span", arena_printf(r->a, "(%zu)", fd->res.n_free), "class", "count", NULL);
	html_close(h, "label");
	html_close(h, "div");
}

static void distance_filter(html *h, struct req *r, const struct dir_public_finder *fd)
{
	html_open(h, "fieldset", "class", "field", NULL);
	html_elem(h, "legend", T(r, "In meiner Nähe"), NULL);
	struct fields_in plz = { .name = "plz", .label = field_label(r, FF_PLZ), .value = fd->f.val[FF_PLZ],
				 .err = fd->f.err[FF_PLZ], .type = "number", .maxlen = 5, .autocomplete = "postal-code" };
	fields_input(h, r, &plz);
	static const int radii[] = { 5, 10, 25, 50 };
	const char *values[NELEM(radii)], *labels[NELEM(radii)];
	for (size_t i = 0; i < NELEM(radii); i++) {
		values[i] = num(r, radii[i]);
		labels[i] = arena_printf(r->a, "%d km", radii[i]);
	}
	struct fields_in radius = { .name = "umkreis", .label = field_label(r, FF_UMKREIS),
				    .value = num(r, fd->q.radius_km), .err = fd->f.err[FF_UMKREIS] };
	fields_select(h, r, &radius, NULL, values, labels, NELEM(radii));
	html_close(h, "fieldset");
}

static int active_filters(const struct dir_public_finder *fd);

/* The filters come before the results, in the page as on the screen: on a
 * phone a closed panel ("Filter wählen") above the results, so that the
 * first results are on the first screen; on a wide screen the column at
 * the start side (style.css opens the panel there). A skip link leads past
 * them to the results. */
static void filters(html *h, struct req *r, const struct dir_public_finder *fd)
{
	html_open(h, "form", "class", "filters", "id", "finder", "method", "get", "action", "/angebote",
		  "aria-labelledby", "filter-h", NULL);
	html_elem(h, "a", T(r, "Zu den Ergebnissen"), "class", "skip-results", "href", "#ergebnisse", NULL);
	html_elem(h, "h2", T(r, "Filter"), "id", "filter-h", NULL);
	html_open(h, "details", "class", "filter-panel", "open", fd->nerr ? "" : NULL, NULL);
	int n_active = active_filters(fd);
	html_elem(h, "summary",
		  n_active ? i18n_fill(r->a, T(r, "Filter ändern ({1} gewählt)"), num(r, n_active), NULL)
			   : T(r, "Filter wählen"),
		  NULL);
	struct facets fc = { fd->res.facets, fd->res.n_facets };
	for (int m = 0; m < FM__MAX; m++)
		multi_filter(h, r, fd, &fc, m);
	place_filter(h, r, fd, &fc);
	language_filter(h, r, fd);
	age_filter(h, r, fd);
	free_filter(h, r, fd);
	distance_filter(h, r, fd);
	html_elem(h, "button", T(r, "Filter anwenden"), "type", "submit", "class", "button", NULL);
	html_close(h, "details");
	html_close(h, "form");
}

/* ---- the results ---- */

/* One active filter as a link that removes it. */
static void chip(html *h, struct req *r, const char *label, const char *url)
{
	html_open(h, "li", NULL);
	html_open(h, "a", "href", url, "class", "chip", "aria-label",
		  i18n_fill(r->a, T(r, "Filter entfernen: {1}"), label, NULL), NULL);
	html_text(h, label);
	html_text(h, " ×");
	html_close(h, "a");
	html_close(h, "li");
}

static int active_filters(const struct dir_public_finder *fd)
{
	int n = 0;
	for (int m = 0; m < FM__MAX; m++)
		n += (int)fd->n_sel[m];
	for (int i = FF_ORT; i <= FF_PLZ; i++)
		n += fd->f.val[i] && !fd->f.err[i];
	return n;
}

static void chips(html *h, struct req *r, const struct dir_public_finder *fd)
{
	if (!active_filters(fd))
		return;
	const struct form *f = &fd->f;
	html_open(h, "ul", "class", "chips", "aria-label", T(r, "Gewählte Filter"), NULL);
	for (int m = 0; m < FM__MAX; m++)
		for (size_t k = 0; k < fd->n_sel[m]; k++)
			chip(h, r, term_name(fd, dir_public_finder_multi[m].taxonomy, fd->sel[m][k]),
			     dir_public_finder_url(r, fd, 1, dir_public_finder_multi[m].param, fd->sel[m][k]));
	if (f->val[FF_ORT] && !f->err[FF_ORT])
		chip(h, r, term_name(fd, "ort", f->val[FF_ORT]), dir_public_finder_url(r, fd, 1, "ort", NULL));
	if (f->val[FF_SPRACHE] && !f->err[FF_SPRACHE])
		chip(h, r, language(r, f->val[FF_SPRACHE]), dir_public_finder_url(r, fd, 1, "sprache", NULL));
	if (f->val[FF_ALTER] && !f->err[FF_ALTER])
		chip(h, r, i18n_fill(r->a, T(r, "Alter: {1}"), f->val[FF_ALTER], NULL),
		     dir_public_finder_url(r, fd, 1, "alter", NULL));
	if (f->val[FF_KOSTENLOS])
		chip(h, r, T(r, "kostenlos"), dir_public_finder_url(r, fd, 1, "kostenlos", NULL));
	if (f->val[FF_PLZ] && !f->err[FF_PLZ])
		chip(h, r, i18n_fill(r->a, T(r, "{1} km um {2}"), num(r, fd->q.radius_km), f->val[FF_PLZ], NULL),
		     dir_public_finder_url(r, fd, 1, "plz", NULL));
	html_open(h, "li", NULL);
	html_elem(h, "a", T(r, "Alle Filter entfernen"), "href",
		  html_url(r->a, "/angebote", "q", f->err[FF_Q] ? NULL : f->val[FF_Q], NULL), NULL);
	html_close(h, "li");
	html_close(h, "ul");
}

/* The link of "Meinten Sie": the search for q, the filters kept. */
static const char *search_for(struct req *r, const struct dir_public_finder *fd, const char *q)
{
	struct dir_public_finder *with = arena_alloc(r->a, sizeof(*with));
	*with = *fd;
	with->f.val[FF_Q] = q;
	with->f.err[FF_Q] = NULL;
	return dir_public_finder_url(r, with, 1, NULL, NULL);
}

static void summary_line(html *h, struct req *r, const struct dir_public_finder *fd)
{
	const struct dir_search_result *res = &fd->res;
	const char *n = num(r, (long long)res->total);
	const char *text = i18n_fill(r->a, TN(r, "{1} Angebot gefunden", "{1} Angebote gefunden",
					      (unsigned long)res->total), n, NULL);
	html_open(h, "div", "class", "result-count", "role", "status", NULL);
	html_elem(h, "p", text, "class", "lead", NULL);
	if (res->place)
		html_elem(h, "p", i18n_fill(r->a, T(r, "Im Umkreis von {1} km um {2} {3}, die nächsten zuerst."),
					    num(r, fd->q.radius_km), fd->q.postcode, res->place, NULL),
			  NULL);
	if (res->n_dropped) {
		html_open(h, "p", "class", "partial-note", NULL);
		layout_fill(h, r, T(r, "Kein Angebot enthält alle Suchwörter. Ergebnisse ohne {1}:"),
			    layout_quoted(r, res->dropped, res->n_dropped), NULL);
		html_close(h, "p");
	}
	layout_similar_spellings(h, r, res->corrected, res->n_corrected);
	if (res->suggestion)
		layout_did_you_mean(h, r, res->suggestion, search_for(r, fd, res->suggestion));
	html_close(h, "div");
}

static void page_link(html *h, struct req *r, const struct dir_public_finder *fd, int page, int current)
{
	html_open(h, "li", NULL);
	if (page == current)
		html_elem(h, "span", num(r, page), "aria-current", "page", NULL);
	else
		html_elem(h, "a", num(r, page), "href", dir_public_finder_url(r, fd, page, NULL, NULL), "aria-label",
			  i18n_fill(r->a, T(r, "Seite {1}"), num(r, page), NULL), NULL);
	html_close(h, "li");
}

static void pagination(html *h, struct req *r, const struct dir_public_finder *fd)
{
	int pages = fd->res.pages, cur = fd->res.page;
	if (pages <= 1)
		return;
	html_open(h, "nav", "class", "pagination", "aria-label", T(r, "Seiten der Ergebnisse"), NULL);
	html_open(h, "ul", NULL);
	if (cur > 1 && cur <= pages) {
		html_open(h, "li", NULL);
		html_elem(h, "a", T(r, "« Zurück"), "href", dir_public_finder_url(r, fd, cur - 1, NULL, NULL), "rel", "prev", NULL);
		html_close(h, "li");
	}
	int last = 0;
	for (int p = 1; p <= pages; p++) {
		if (p != 1 && p != pages && (p < cur - 2 || p > cur + 2))
			continue;
		if (last && p > last + 1)
			html_elem(h, "li", "…", "aria-hidden", "true", NULL);
		page_link(h, r, fd, p, cur);
		last = p;
	}
	if (cur < pages) {
		html_open(h, "li", NULL);
		html_elem(h, "a", T(r, "Weiter »"), "href", dir_public_finder_url(r, fd, cur + 1, NULL, NULL), "rel", "next", NULL);
		html_close(h, "li");
	}
	html_close(h, "ul");
	html_close(h, "nav");
}

/* Nothing found: what to try. */
static void empty(html *h, struct req *r, const struct dir_public_finder *fd)
{
	const struct form *f = &fd->f;
	if (fd->res.total > 0) { /* a page after the last one */
		html_open(h, "p", NULL);
		html_text(h, T(r, "Diese Seite gibt es bei diesen Ergebnissen nicht."));
		html_text(h, " ");
		html_elem(h, "a", T(r, "Zur ersten Seite"), "href", dir_public_finder_url(r, fd, 1, NULL, NULL), NULL);
		html_close(h, "p");
		return;
	}
	html_open(h, "div", "class", "notice", NULL);
	html_elem(h, "h3", T(r, "Keine passenden Angebote gefunden"), NULL);
	html_elem(h, "p", T(r, "Das können Sie versuchen:"), NULL);
	html_open(h, "ul", NULL);
	if (active_filters(fd)) {
		html_open(h, "li", NULL);
		html_text(h, T(r, "Weniger Filter wählen:"));
		html_text(h, " ");
		html_elem(h, "a", T(r, "alle Filter entfernen"), "href",
			  html_url(r->a, "/angebote", "q", f->err[FF_Q] ? NULL : f->val[FF_Q], NULL), NULL);
		html_close(h, "li");
	}
	if (fd->q.postcode && fd->q.radius_km < 50)
		html_elem(h, "li", T(r, "Einen größeren Umkreis wählen."), NULL);
	if (fd->q.q && *fd->q.q)
		layout_word_tips(h, r);
	html_li_link(h, T(r, "Alle Angebote anzeigen"), "/angebote");
	html_close(h, "ul");
	layout_ask_us(h, r);
	html_close(h, "div");
}

/* The same results on a map (map_page.c), the query kept. */
static void map_link(html *h, struct req *r, const struct dir_public_finder *fd)
{
	html_open(h, "p", "class", "map-switch", NULL);
	html_elem(h, "a", T(r, "Karte"), "href", dir_public_finder_map_url(r, fd, fd->res.page), NULL);
	html_close(h, "p");
}

static void results(html *h, struct req *r, const struct dir_public_finder *fd)
{
	const struct dir_search_result *res = &fd->res;
	/* tabindex: the skip link "Zu den Ergebnissen" moves the focus here */
	html_open(h, "div", "class", "results", "id", "ergebnisse", "tabindex", "-1", NULL);
	html_elem(h, "h2", T(r, "Ergebnisse"), "class", "visually-hidden", NULL);
	if (fd->problem) {
		fields_alert(h, fd->problem);
		html_close(h, "div");
		return;
	}
	summary_line(h, r, fd);
	chips(h, r, fd);
	if (res->n_hits == 0) {
		empty(h, r, fd);
	} else {
		map_link(h, r, fd);
		html_open(h, "ol", "class", "hits", "start",
			  num(r, (long long)(res->page - 1) * res->per_page + 1), NULL);
		for (size_t i = 0; i < res->n_hits; i++)
			dir_public_card(h, r, &res->hits[i]);
		html_close(h, "ol");
	}
	pagination(h, r, fd);
	html_close(h, "div");
}

void dir_public_view_finder(struct req *r, struct resp *w, const struct dir_public_finder *fd)
{
	html h = html_on(&w->body);
	int filtered = fd->filtered;
	struct page_meta m = {
		.title = T(r, "Angebote finden"),
		.description = T(r, "Beratung, Sprachkurse, Bewerbungstraining und mehr für junge Menschen auf dem "
				    "Weg in Ausbildung und Beruf in Mainz, Mainz-Bingen und Ludwigshafen."),
		.noindex = filtered, /* one page for search engines, not every combination */
		.self = dir_public_finder_url(r, fd, fd->res.page, NULL, NULL),
		.script = DIR_PUBLIC_KEEP_SCRIPT,
	};
	layout_begin(&h, r, &m);
	if (!asked(r))
		html_elem(&h, "p", T(r, "Suchen Sie nach einem Wort, wählen Sie Filter oder beides. Alle Filter "
					"gelten zusammen."),
			  "class", "intro", NULL);
	if (fd->nerr)
		error_summary(&h, r, fd);
	search_box(&h, r, fd);
	html_open(&h, "div", "class", "with-filters", NULL);
	filters(&h, r, fd);
	results(&h, r, fd);
	html_close(&h, "div");
	layout_end(&h, r);
}
