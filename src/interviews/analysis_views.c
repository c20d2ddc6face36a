/* analysis_views.c — HTML of retrieval and comparison: the segments of a
 * code with their context and a link into the document, the code x
 * variable matrix, the co-occurrence table, the search's hits, and the
 * agreement of two coders with the places where they differ. */
#include "interviews/analysis_internal.h"
#include "core/core.h"
#include "core/i18n.h"
#include "html/fields.h"
#include "html/layout.h"

#include <inttypes.h>
#include <math.h>
#include <string.h>

/* A number with d decimals, with a decimal comma in German. */
static const char *num(struct req *r, double x, int d)
{
	char *s = arena_printf(r->a, "%.*f", d, x);
	if (strcmp(r->lang, "de") == 0)
		for (char *c = s; *c; c++)
			if (*c == '.')
				*c = ',';
	return s;
}

static const char *doc_href(struct req *r, const struct iv_project *p, int64_t doc, long para)
{
	return iv_path(r, p->id, arena_printf(r->a, "/dokumente/%" PRId64 "#a-%ld", doc, para));
}

static void back_link(html *h, struct req *r, const struct iv_project *p)
{
	html_open(h, "p", NULL);
	html_elem(h, "a", p->name, "href", iv_path(r, p->id, NULL), NULL);
	html_close(h, "p");
}

static void begin(html *h, struct req *r, const struct iv_project *p, const char *title)
{
	struct page_meta m = { .title = title, .staff = 1, .noindex = 1, .style = iv_path(r, p->id, "/farben.css") };
	layout_begin(h, r, &m);
	back_link(h, r, p);
}

/* base with the query's filters (and the page when past the first). */
static const char *seg_url(struct req *r, const char *base, const struct form *f, size_t page)
{
	return html_url(r->a, base, "code", f->val[SF_CODE], "sub", f->val[SF_SUB], "var", f->val[SF_VAR], "value",
			f->val[SF_VALUE], "coder", f->val[SF_CODER], "fall", f->val[SF_CASE], "seite",
			page > 1 ? arena_printf(r->a, "%zu", page) : NULL, NULL);
}

/* Which of all the segments the page shows, and the links to the pages
 * before and after it on base, with the same filters. */
static void seg_pager(html *h, struct req *r, const struct iv_seg_view *v, const char *base, int links)
{
	if (v->total <= IV_SEGMENTS_PER_PAGE && v->page == 1)
		return;
	size_t from = (v->page - 1) * IV_SEGMENTS_PER_PAGE;
	if (!links) {
		html_elem(h, "p",
			  v->nseg ? i18n_fill(r->a, T(r, "Segmente {1} bis {2} von {3}"), arena_printf(r->a, "%zu", from + 1),
					      arena_printf(r->a, "%zu", from + v->nseg), arena_printf(r->a, "%zu", v->total), NULL)
				  : T(r, "Auf dieser Seite sind keine Segmente mehr."),
			  NULL);
		return;
	}
	size_t last = (v->total + IV_SEGMENTS_PER_PAGE - 1) / IV_SEGMENTS_PER_PAGE;
	html_open(h, "nav", "class", "iv-tools no-print", "aria-label", T(r, "Weitere Segmente"), NULL);
	html_open(h, "ul", NULL);
	for (int dir = -1; dir <= 1; dir += 2) {
		if ((dir < 0 && v->page == 1) || (dir > 0 && v->page >= last))
			continue;
		size_t to = dir < 0 ? (v->page > last + 1 ? last : v->page - 1) : v->page + 1;
		html_open(h, "li", NULL);
		html_elem(h, "a", dir < 0 ? T(r, "Vorherige Segmente") : T(r, "Nächste Segmente"), "href",
			  seg_url(r, base, v->f, to), "rel", dir < 0 ? "prev" : "next", NULL);
		html_close(h, "li");
	}
	html_close(h, "ul");
	html_close(h, "nav");
}

void iv_view_segments(struct req *r, struct resp *w, const struct iv_seg_view *v)
{
	html h = html_on(&w->body);
	begin(&h, r, v->p, T(r, "Segmente eines Codes"));
	const struct form *f = v->f;
	html_open(&h, "form", "class", "form", "method", "get", "action", iv_path(r, v->p->id, "/segmente"), NULL);
	const char **ids, **names;
	size_t k;
	iv_code_options(r, v->codes, v->ncodes, 0, &ids, &names, &k);
	struct fields_in in = fields_of(&iv_seg_fields[SF_CODE], f->val[SF_CODE], f->err[SF_CODE]);
	in.label = T(r, "Code");
	fields_select(&h, r, &in, T(r, "Bitte wählen"), ids, names, k);
	in = fields_of(&iv_seg_fields[SF_SUB], NULL, NULL);
	in.label = T(r, "mit Untercodes");
	fields_checkbox(&h, r, &in, f->val[SF_SUB] != NULL);
	in = fields_of(&iv_seg_fields[SF_VAR], f->val[SF_VAR], f->err[SF_VAR]);
	in.label = T(r, "Nur Dokumente mit der Variablen");
	fields_select(&h, r, &in, T(r, "alle Dokumente"), v->vars, v->vars, v->nvars);
	in = fields_of(&iv_seg_fields[SF_VALUE], f->val[SF_VALUE], f->err[SF_VALUE]);
	in.label = T(r, "mit dem Wert");
	fields_input(&h, r, &in);
	const char **cids = arena_alloc(r->a, (v->ncoders + 1) * sizeof(*cids));
	const char **cnames = arena_alloc(r->a, (v->ncoders + 1) * sizeof(*cnames));
	for (size_t i = 0; i < v->ncoders; i++) {
		cids[i] = iv_id(r, v->coders[i].id);
		cnames[i] = v->coders[i].name;
	}
	in = fields_of(&iv_seg_fields[SF_CODER], f->val[SF_CODER], f->err[SF_CODER]);
	in.label = T(r, "Kodiert von");
	fields_select(&h, r, &in, T(r, "allen"), cids, cnames, v->ncoders);
	if (v->ncases) {
		const char **kids = arena_alloc(r->a, v->ncases * sizeof(*kids));
		const char **knames = arena_alloc(r->a, v->ncases * sizeof(*knames));
		for (size_t i = 0; i < v->ncases; i++) {
			kids[i] = iv_id(r, v->cases[i].id);
			knames[i] = v->cases[i].name;
		}
		in = fields_of(&iv_seg_fields[SF_CASE], f->val[SF_CASE], f->err[SF_CASE]);
		in.label = T(r, "Nur Dokumente des Falls");
		fields_select(&h, r, &in, T(r, "alle Fälle"), kids, knames, v->ncases);
	}
	html_elem(&h, "button", T(r, "Segmente zeigen"), "type", "submit", "class", "button", NULL);
	html_close(&h, "form");
	if (!v->asked) {
		layout_end(&h, r);
		return;
	}
	html_open(&h, "p", "role", "status", NULL);
	html_text(&h, i18n_fill(r->a, TN(r, "{1} Segment", "{1} Segmente", (unsigned long)v->total),
				arena_printf(r->a, "%zu", v->total), NULL));
	html_text(&h, " ");
	html_elem(&h, "span", i18n_fill(r->a, T(r, "(in {1} ms)"), num(r, (double)v->us / 1000.0, 1), NULL), "class",
		  "iv-small", NULL);
	html_close(&h, "p");
	html_open(&h, "p", NULL);
	html_elem(&h, "a", T(r, "Als CSV herunterladen"), "href", seg_url(r, iv_path(r, v->p->id, "/segmente.csv"), f, 1),
		  NULL);
	html_text(&h, " · ");
	html_elem(&h, "a", T(r, "Als Excel-Datei (XLSX) herunterladen"), "href",
		  seg_url(r, iv_path(r, v->p->id, "/segmente.xlsx"), f, 1), NULL);
	html_text(&h, " · ");
	html_elem(&h, "a", T(r, "Druckansicht dieser Seite"), "href",
		  seg_url(r, iv_path(r, v->p->id, "/segmente/druck"), f, v->page), NULL);
	html_close(&h, "p");
	/* a page of them: a frequent code has hundreds */
	size_t from = (v->page - 1) * IV_SEGMENTS_PER_PAGE;
	seg_pager(&h, r, v, NULL, 0);
	html_open(&h, "ol", "class", "iv-segments", "start", arena_printf(r->a, "%zu", from + 1), NULL);
	for (size_t i = 0; i < v->nseg; i++) {
		const struct iv_segment *s = &v->seg[i];
		html_open(&h, "li", "class", "iv-segment", NULL);
		html_open(&h, "p", NULL);
		html_elem(&h, "a", i18n_fill(r->a, T(r, "{1}, Absatz {2}"), s->doc_name, arena_printf(r->a, "%ld", s->para_n), NULL),
			  "href", doc_href(r, v->p, s->doc_id, s->para_n), NULL);
		html_text(&h, " · ");
		html_elem(&h, "span", "", "class", arena_printf(r->a, "iv-swatch iv-c-%" PRId64, s->code_id), "aria-hidden",
			  "true", NULL);
		html_text(&h, s->code_name);
		html_text(&h, " · ");
		html_elem(&h, "span", s->coder, "class", "iv-small", NULL);
		html_close(&h, "p");
		html_open(&h, "blockquote", NULL);
		html_text(&h, s->text);
		html_close(&h, "blockquote");
		if (*s->context && strcmp(s->context, s->text) != 0) {
			html_open(&h, "details", NULL);
			html_elem(&h, "summary", T(r, "Zusammenhang"), NULL);
			html_elem(&h, "p", s->context, NULL);
			html_close(&h, "details");
		}
		html_close(&h, "li");
	}
	html_close(&h, "ol");
	seg_pager(&h, r, v, iv_path(r, v->p->id, "/segmente"), 1);
	layout_end(&h, r);
}

void iv_view_matrix(struct req *r, struct resp *w, const struct iv_project *p, const char *const *vars, size_t nvars,
		    const char *var, const struct iv_matrix *m, int64_t us)
{
	html h = html_on(&w->body);
	begin(&h, r, p, T(r, "Codes nach Gruppen"));
	int by_case = m && m->case_ids;
	html_open(&h, "p", NULL);
	html_elem(&h, "a", by_case ? T(r, "Nach Variablen gruppieren") : T(r, "Nach Fällen gruppieren"), "href",
		  by_case ? iv_path(r, p->id, "/matrix") : html_url(r->a, iv_path(r, p->id, "/matrix"), "faelle", "1", NULL),
		  NULL);
	html_close(&h, "p");
	if (nvars == 0 && !by_case) {
		html_elem(&h, "p", T(r, "Die Dokumente haben noch keine Variablen."), NULL);
		layout_end(&h, r);
		return;
	}
	if (!by_case) {
		html_open(&h, "form", "class", "form", "method", "get", "action", iv_path(r, p->id, "/matrix"), NULL);
		struct fields_in in = { .name = "var", .label = T(r, "Variable"), .value = var };
		fields_select(&h, r, &in, NULL, vars, vars, nvars);
		html_elem(&h, "button", T(r, "Zeigen"), "type", "submit", "class", "button", NULL);
		html_close(&h, "form");
	}
	const char **heads = arena_alloc(r->a, (m->nvalues + 1) * sizeof(*heads));
	heads[0] = T(r, "Code");
	for (size_t c = 0; c < m->nvalues; c++)
		heads[c + 1] = i18n_fill(r->a, T(r, "{1} ({2} Dok.)"),
					 *m->values[c] ? m->values[c] : by_case ? T(r, "ohne Fall") : T(r, "ohne Wert"),
					 arena_printf(r->a, "%ld", m->docs[c]), NULL);
	html_open(&h, "div", "class", "iv-matrix", NULL);
	layout_table_begin(&h, r, "matrix-caption",
			   by_case ? T(r, "Kodierungen je Code und Fall")
				   : i18n_fill(r->a, T(r, "Kodierungen je Code und Wert von „{1}“"), var, NULL),
			   heads, m->nvalues + 1);
	for (size_t i = 0; i < m->ncodes; i++) {
		html_open(&h, "tr", NULL);
		html_open(&h, "th", "scope", "row", NULL);
		html_elem(&h, "span", "", "class", arena_printf(r->a, "iv-swatch iv-c-%" PRId64, m->codes[i].id),
			  "aria-hidden", "true", NULL);
		html_text(&h, m->codes[i].name);
		html_close(&h, "th");
		for (size_t c = 0; c < m->nvalues; c++) {
			long n = m->counts[i * m->nvalues + c];
			html_open(&h, "td", NULL);
			if (n && by_case && c + 1 < m->nvalues)
				html_elem(&h, "a", arena_printf(r->a, "%ld", n), "href",
					  html_url(r->a, iv_path(r, p->id, "/segmente"), "code", iv_id(r, m->codes[i].id), "fall",
						   iv_id(r, m->case_ids[c]), NULL),
					  NULL);
			else if (n && !by_case && *m->values[c])
				html_elem(&h, "a", arena_printf(r->a, "%ld", n), "href",
					  html_url(r->a, iv_path(r, p->id, "/segmente"), "code", iv_id(r, m->codes[i].id), "var",
						   var, "value", m->values[c], NULL),
					  NULL);
			else
				html_text(&h, arena_printf(r->a, "%ld", n));
			html_close(&h, "td");
		}
		html_close(&h, "tr");
	}
	layout_table_end(&h);
	html_close(&h, "div");
	html_elem(&h, "p", i18n_fill(r->a, T(r, "(in {1} ms)"), num(r, (double)us / 1000.0, 1), NULL), "class", "iv-small",
		  NULL);
	layout_end(&h, r);
}

void iv_view_cooc(struct req *r, struct resp *w, const struct iv_project *p, int para, const struct iv_code *codes,
		  size_t n, const long *counts)
{
	html h = html_on(&w->body);
	begin(&h, r, p, T(r, "Überschneidungen von Codes"));
	html_open(&h, "p", NULL);
	if (para) {
		html_text(&h, T(r, "Gezählt: Absätze, in denen beide Codes vorkommen."));
		html_text(&h, " ");
		html_elem(&h, "a", T(r, "Stattdessen überlappende Segmente zählen"), "href",
			  iv_path(r, p->id, "/ueberschneidungen?art=ueberlappung"), NULL);
	} else {
		html_text(&h, T(r, "Gezählt: Paare von Segmenten, die sich überlappen."));
		html_text(&h, " ");
		html_elem(&h, "a", T(r, "Stattdessen gemeinsame Absätze zählen"), "href",
			  iv_path(r, p->id, "/ueberschneidungen"), NULL);
	}
	html_close(&h, "p");
	if (n == 0) {
		html_elem(&h, "p", T(r, "Das Codebuch ist noch leer."), NULL);
		layout_end(&h, r);
		return;
	}
	const char **heads = arena_alloc(r->a, (n + 1) * sizeof(*heads));
	heads[0] = T(r, "Code");
	for (size_t j = 0; j < n; j++)
		heads[j + 1] = codes[j].name;
	html_open(&h, "div", "class", "iv-matrix", NULL);
	layout_table_begin(&h, r, "cooc-caption", T(r, "Überschneidungen je Paar von Codes"), heads, n + 1);
	for (size_t i = 0; i < n; i++) {
		html_open(&h, "tr", NULL);
		html_elem(&h, "th", codes[i].name, "scope", "row", NULL);
		for (size_t j = 0; j < n; j++)
			html_elem(&h, "td", i == j ? "–" : arena_printf(r->a, "%ld", counts[i * n + j]), NULL);
		html_close(&h, "tr");
	}
	layout_table_end(&h);
	html_close(&h, "div");
	layout_end(&h, r);
}

void iv_view_search(struct req *r, struct resp *w, const struct iv_project *p, const char *q, const char *err,
		    const struct iv_hit *hits, size_t n, size_t total)
{
	html h = html_on(&w->body);
	begin(&h, r, p, T(r, "Volltextsuche im Projekt"));
	html_open(&h, "form", "class", "form", "method", "get", "action", iv_path(r, p->id, "/suche"), "role", "search",
		  NULL);
	struct fields_in in = { .name = "q", .label = T(r, "Suchwörter"), .type = "search", .value = q, .err = err,
				.hint = T(r, "Findet auch gebeugte Formen und Teile zusammengesetzter Wörter.") };
	fields_input(&h, r, &in);
	html_elem(&h, "button", T(r, "Suchen"), "type", "submit", "class", "button", NULL);
	html_close(&h, "form");
	if (q) {
		html_elem(&h, "p",
			  i18n_fill(r->a, TN(r, "{1} Absatz gefunden", "{1} Absätze gefunden", (unsigned long)total),
				    arena_printf(r->a, "%zu", total), NULL),
			  "role", "status", NULL);
		html_open(&h, "ol", NULL);
		for (size_t i = 0; i < n; i++) {
			html_open(&h, "li", "class", "iv-segment", NULL);
			html_elem(&h, "a", i18n_fill(r->a, T(r, "{1}, Absatz {2}"), hits[i].doc_name,
						     arena_printf(r->a, "%ld", hits[i].para_n), NULL),
				  "href", doc_href(r, p, hits[i].doc_id, hits[i].para_n), NULL);
			html_open(&h, "blockquote", NULL);
			html_text(&h, hits[i].text);
			html_close(&h, "blockquote");
			html_close(&h, "li");
		}
		html_close(&h, "ol");
	}
	layout_end(&h, r);
}

static void agree_cells(html *h, struct req *r, const struct iv_agree *g)
{
	html_elem(h, "td", g->percent < 0 ? "–" : arena_printf(r->a, "%s %%", num(r, g->percent, 1)), NULL);
	html_elem(h, "td", isnan(g->kappa) ? "–" : num(r, g->kappa, 2), NULL);
}

void iv_view_agree(struct req *r, struct resp *w, const struct iv_agree_view *v)
{
	html h = html_on(&w->body);
	begin(&h, r, v->p, T(r, "Übereinstimmung zweier Kodierender"));
	html_elem(&h, "p",
		  T(r, "Verglichen werden die Dokumente, die beide kodiert haben: je Code, ob beide einen Absatz "
		       "kodiert haben, und Zeichen für Zeichen. Kappa nach Cohen: 1 volle Übereinstimmung, 0 nicht "
		       "mehr als der Zufall."),
		  NULL);
	if (v->problem)
		fields_alert(&h, v->problem);
	const char **ids = arena_alloc(r->a, (v->ncoders + 1) * sizeof(*ids));
	const char **names = arena_alloc(r->a, (v->ncoders + 1) * sizeof(*names));
	for (size_t i = 0; i < v->ncoders; i++) {
		ids[i] = iv_id(r, v->coders[i].id);
		names[i] = v->coders[i].name;
	}
	html_open(&h, "form", "class", "form", "method", "get", "action", iv_path(r, v->p->id, "/uebereinstimmung"), NULL);
	struct fields_in in = { .name = "a", .label = T(r, "Erste Person"), .value = v->a ? iv_id(r, v->a) : NULL };
	fields_select(&h, r, &in, NULL, ids, names, v->ncoders);
	in = (struct fields_in){ .name = "b", .label = T(r, "Zweite Person"), .value = v->b ? iv_id(r, v->b) : NULL };
	fields_select(&h, r, &in, NULL, ids, names, v->ncoders);
	html_elem(&h, "button", T(r, "Vergleichen"), "type", "submit", "class", "button", NULL);
	html_close(&h, "form");
	if (!v->asked) {
		if (v->ncoders < 2)
			html_elem(&h, "p", T(r, "Zum Vergleich braucht das Projekt zwei Personen, die kodiert haben."), NULL);
		layout_end(&h, r);
		return;
	}
	const char *const heads[] = { T(r, "Code"), T(r, "Absätze: Übereinstimmung"), T(r, "Absätze: Kappa"),
				      T(r, "Zeichen: Übereinstimmung"), T(r, "Zeichen: Kappa") };
	html_open(&h, "div", "class", "iv-matrix", NULL);
	layout_table_begin(&h, r, "agree-caption", T(r, "Übereinstimmung je Code und insgesamt"), heads, NELEM(heads));
	for (size_t i = 0; i < v->nrows; i++) {
		const struct iv_agree_row *row = &v->rows[i == v->nrows - 1 ? 0 : i + 1];
		if (v->nrows == 1)
			row = &v->rows[0];
		html_open(&h, "tr", NULL);
		html_elem(&h, "th", row->code_id ? row->code_name : T(r, "Insgesamt"), "scope", "row", NULL);
		agree_cells(&h, r, &row->paras);
		agree_cells(&h, r, &row->chars);
		html_close(&h, "tr");
	}
	layout_table_end(&h);
	html_close(&h, "div");
	html_elem(&h, "h2", T(r, "Wo sie sich unterscheiden"), "id", "unterschiede", NULL);
	if (v->ndis == 0)
		html_elem(&h, "p", T(r, "Keine Unterschiede in den Absätzen."), NULL);
	html_open(&h, "ol", NULL);
	const char *name_a = "", *name_b = "";
	for (size_t i = 0; i < v->ncoders; i++) {
		if (v->coders[i].id == v->a)
			name_a = v->coders[i].name;
		if (v->coders[i].id == v->b)
			name_b = v->coders[i].name;
	}
	for (size_t i = 0; i < v->ndis; i++) {
		const struct iv_disagreement *d = &v->dis[i];
		html_open(&h, "li", "class", "iv-segment", NULL);
		html_open(&h, "p", NULL);
		html_elem(&h, "a", i18n_fill(r->a, T(r, "{1}, Absatz {2}"), d->doc_name, arena_printf(r->a, "%ld", d->para_n), NULL),
			  "href", doc_href(r, v->p, d->doc_id, d->para_n), NULL);
		html_text(&h, " · ");
		html_text(&h, i18n_fill(r->a, T(r, "„{1}“ nur von {2}"), d->code_name, d->who == 1 ? name_a : name_b, NULL));
		html_close(&h, "p");
		html_elem(&h, "blockquote", d->text, NULL);
		html_close(&h, "li");
	}
	html_close(&h, "ol");
	layout_end(&h, r);
}

void iv_view_segments_print(struct req *r, struct resp *w, const struct iv_seg_view *v)
{
	html h = html_on(&w->body);
	const struct iv_project *p = v->p;
	const struct iv_seg_filter *f = v->filter;
	const struct iv_segment *seg = v->seg;
	size_t n = v->nseg;
	const char *code = n ? seg[0].code_name : "";
	layout_staff_begin(&h, r, i18n_fill(r->a, T(r, "Segmente: {1}"), p->name, NULL));
	html_open(&h, "p", "class", "no-print", NULL);
	html_elem(&h, "a", T(r, "Zurück zu den Segmenten"), "href", seg_url(r, iv_path(r, p->id, "/segmente"), v->f, v->page),
		  NULL);
	html_close(&h, "p");
	html_open(&h, "p", NULL);
	html_text(&h, i18n_fill(r->a, TN(r, "{1} Segment", "{1} Segmente", (unsigned long)v->total),
				arena_printf(r->a, "%zu", v->total), NULL));
	if (*code) {
		html_text(&h, " · ");
		html_text(&h, code);
		if (f->subcodes)
			html_text(&h, T(r, " (mit Untercodes)"));
	}
	if (f->var && *f->var) {
		html_text(&h, " · ");
		html_text(&h, i18n_fill(r->a, T(r, "{1} = {2}"), f->var, *f->value ? f->value : T(r, "ohne Wert"), NULL));
	}
	html_close(&h, "p");
	seg_pager(&h, r, v, NULL, 0);
	html_open(&h, "ol", "class", "iv-print", "start", arena_printf(r->a, "%zu", (v->page - 1) * IV_SEGMENTS_PER_PAGE + 1),
		  NULL);
	for (size_t i = 0; i < n; i++) {
		const struct iv_segment *s = &seg[i];
		html_open(&h, "li", NULL);
		html_elem(&h, "p",
			  arena_printf(r->a, "%s · %s · %s · %s", i18n_fill(r->a, T(r, "{1}, Absatz {2}"), s->doc_name,
									  arena_printf(r->a, "%ld", s->para_n), NULL),
				       s->code_name, s->coder, *s->speaker ? s->speaker : "–"),
			  "class", "iv-small", NULL);
		html_elem(&h, "blockquote", s->text, NULL);
		if (*s->context && strcmp(s->context, s->text) != 0)
			html_elem(&h, "p", s->context, "class", "iv-context", NULL);
		html_close(&h, "li");
	}
	html_close(&h, "ol");
	seg_pager(&h, r, v, iv_path(r, p->id, "/segmente/druck"), 1);
	layout_end(&h, r);
}
