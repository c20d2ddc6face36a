/* views.c — the HTML parts of the analysis pages: the pages' navigation,
 * the filter form, the heat map and the download links. */
#include "analysis/analysis_internal.h"
#include "core/core.h"
#include "core/i18n.h"
#include "html/chart.h"
#include "html/fields.h"
#include "html/layout.h"

#include <stdlib.h>
#include <string.h>

void an_view_nav(html *h, struct req *r, const char *current)
{
	static const struct {
		const char *href, *label;
	} pages[] = {
		{ "/intern/analyse", N_("Abdeckung") },
		{ "/intern/analyse/foerderung", N_("Förderung") },
		{ "/intern/analyse/vergleich", N_("Zeitvergleich") },
		{ "/intern/analyse/luecken", N_("Lücken") },
		{ "/intern/analyse/ergebnisse", N_("Ergebnisse") },
		{ "/intern/analyse/bericht", N_("Bericht zum Drucken") },
	};
	html_open(h, "nav", "class", "analysis-nav", "aria-label", T(r, "Auswertung"), NULL);
	html_open(h, "ul", NULL);
	for (size_t i = 0; i < NELEM(pages); i++) {
		html_open(h, "li", NULL);
		html_elem(h, "a", T(r, pages[i].label), "href", pages[i].href, "aria-current",
			  strcmp(current, pages[i].href) == 0 ? "page" : NULL, NULL);
		html_close(h, "li");
	}
	html_close(h, "ul");
	html_close(h, "nav");
}

/* A select of the values of dimension d (codes; "-" for "not stated"). */
static void dim_select(html *h, struct req *r, const struct an_query *q, const struct an_ctx *c, enum an_dim d,
		       const char *label)
{
	size_t n = c->dims.n[d];
	const char **values = arena_alloc(r->a, n * sizeof(char *));
	for (size_t i = 0; i < n; i++)
		values[i] = *c->dims.codes[d][i] ? c->dims.codes[d][i] : "-";
	struct fields_in in = fields_of(&an_query_fields[AQ_STAGE + d], q->f.val[AQ_STAGE + d], q->f.err[AQ_STAGE + d]);
	in.label = label;
	fields_select(h, r, &in, T(r, "alle"), values, c->dims.labels[d], n);
}

void an_view_filters(html *h, struct req *r, const struct an_query *q, const struct an_ctx *c, const char *action,
		     int heat_dims)
{
	html_open(h, "form", "method", "get", "action", action, "class", "filters analysis-filters", NULL);
	html_open(h, "fieldset", NULL);
	html_elem(h, "legend", T(r, "Filter"), NULL);
	struct fields_in in = fields_of(&an_query_fields[AQ_FROM], q->f.val[AQ_FROM], q->f.err[AQ_FROM]);
	in.label = T(r, "Angebote, die laufen von");
	in.hint = T(r, "Datum wie 2027-01-31; leer: ohne Grenze");
	in.type = "date";
	fields_input(h, r, &in);
	in = fields_of(&an_query_fields[AQ_TO], q->f.val[AQ_TO], q->f.err[AQ_TO]);
	in.label = T(r, "bis");
	in.type = "date";
	fields_input(h, r, &in);
	dim_select(h, r, q, c, AN_DISTRICT, T(r, "Ort"));
	dim_select(h, r, q, c, AN_STAGE, T(r, "Übergangsphase"));
	dim_select(h, r, q, c, AN_GROUP, T(r, "Zielgruppe"));
	dim_select(h, r, q, c, AN_LANG, T(r, "Sprache"));
	if (heat_dims) {
		const char *labels[AN_DIMS] = { T(r, "Übergangsphase"), T(r, "Zielgruppe"), T(r, "Ort"), T(r, "Sprache") };
		in = fields_of(&an_query_fields[AQ_ROWS], an_dim_keys[q->rows], q->f.err[AQ_ROWS]);
		in.label = T(r, "Zeilen der Übersicht");
		fields_select(h, r, &in, NULL, an_dim_keys, labels, AN_DIMS);
		in = fields_of(&an_query_fields[AQ_COLS], an_dim_keys[q->cols], q->f.err[AQ_COLS]);
		in.label = T(r, "Spalten der Übersicht");
		fields_select(h, r, &in, NULL, an_dim_keys, labels, AN_DIMS);
	}
	html_elem(h, "button", T(r, "Anzeigen"), "type", "submit", "class", "button", NULL);
	html_close(h, "fieldset");
	html_close(h, "form");
}

/* The shade of a count against the largest (0 none, 1 to 5). */
static int shade(long n, long max)
{
	if (n <= 0 || max <= 0)
		return 0;
	int s = (int)((5 * n + max - 1) / max);
	return s < 1 ? 1 : s > 5 ? 5 : s;
}

void an_view_heat(html *h, struct req *r, const struct an_query *q, const struct an_ctx *c,
		  const struct an_coverage *cov)
{
	const struct an_dims *dims = &c->dims;
	enum an_dim rd = q->rows, cd = q->cols;
	long max = 0;
	for (size_t i = 0; i < cov->n; i++)
		max = cov->cells[i].offers > max ? cov->cells[i].offers : max;
	/* the values with offers, in order */
	size_t nr = 0, nc = 0;
	size_t *rv = arena_alloc(r->a, (dims->n[rd] + 1) * sizeof(size_t));
	size_t *cv = arena_alloc(r->a, (dims->n[cd] + 1) * sizeof(size_t));
	for (size_t i = 0; i < dims->n[rd]; i++)
		for (size_t j = 0; j < cov->n; j++)
			if (strcmp(cov->cells[j].code[rd], dims->codes[rd][i]) == 0) {
				rv[nr++] = i;
				break;
			}
	for (size_t i = 0; i < dims->n[cd]; i++)
		for (size_t j = 0; j < cov->n; j++)
			if (strcmp(cov->cells[j].code[cd], dims->codes[cd][i]) == 0) {
				cv[nc++] = i;
				break;
			}
	const char **heads = arena_alloc(r->a, (nc + 1) * sizeof(char *));
	heads[0] = an_dims_label(dims, rd, NULL, r->lang);
	static const char *const names[AN_DIMS] = { N_("Übergangsphase"), N_("Zielgruppe"), N_("Ort"), N_("Sprache") };
	heads[0] = i18n_fill(r->a, T(r, "{1} / {2}"), T(r, names[rd]), T(r, names[cd]), NULL);
	for (size_t j = 0; j < nc; j++)
		heads[j + 1] = dims->labels[cd][cv[j]];
	html_open(h, "p", "class", "heat-legend", "id", "heat-legend", NULL);
	html_text(h, T(r, "Je dunkler ein Feld, desto mehr Angebote; die Zahl nennt sie. Ein Angebot zählt in "
			   "jedem Feld, zu dem es gehört. Jede Zahl führt zu den Angeboten."));
	html_close(h, "p");
	layout_table_begin(h, r, "heat-caption", T(r, "Übersicht: Angebote je Feld"), heads, nc + 1);
	for (size_t i = 0; i < nr; i++) {
		html_open(h, "tr", NULL);
		html_elem(h, "th", dims->labels[rd][rv[i]], "scope", "row", NULL);
		for (size_t j = 0; j < nc; j++) {
			const char *code[AN_DIMS] = { "*", "*", "*", "*" };
			code[rd] = dims->codes[rd][rv[i]];
			code[cd] = dims->codes[cd][cv[j]];
			long n = 0;
			for (size_t k = 0; k < cov->n; k++)
				if (strcmp(cov->cells[k].code[rd], code[rd]) == 0 && strcmp(cov->cells[k].code[cd], code[cd]) == 0)
					n = cov->cells[k].offers;
			html_open(h, "td", "class", arena_printf(r->a, "num heat heat-%d", shade(n, max)), NULL);
			if (n)
				html_elem(h, "a", arena_printf(r->a, "%ld", n), "href", an_cell_url(r, q, code), NULL);
			else
				html_text(h, "0");
			html_close(h, "td");
		}
		html_close(h, "tr");
	}
	layout_table_end(h);
}

void an_view_downloads(html *h, struct req *r, const struct an_query *q, const char *name)
{
	static const char *const exts[] = { "csv", "xlsx", "json" };
	static const char *const labels[] = { N_("CSV"), N_("Excel (XLSX)"), N_("JSON") };
	html_open(h, "p", "class", "downloads", NULL);
	html_text(h, T(r, "Diese Tabelle herunterladen:"));
	for (size_t i = 0; i < NELEM(exts); i++) {
		html_text(h, " ");
		html_elem(h, "a", T(r, labels[i]), "href",
			  an_query_url(r, q, arena_printf(r->a, "/intern/analyse/daten/%s.%s", name, exts[i]), "zeilen",
				       an_dim_keys[q->rows], "spalten", an_dim_keys[q->cols], "a", q->a, "b", q->b, NULL),
			  "download", "", NULL);
	}
	html_close(h, "p");
}

void an_view_chart(html *h, struct req *r, const struct an_table *t, size_t col, double max, int with_table)
{
	if (t->nrows == 0) {
		if (with_table)
			an_table_html(h, r, t);
		return;
	}
	struct chart_bar *v = arena_alloc(r->a, t->nrows * sizeof(*v));
	for (size_t i = 0; i < t->nrows; i++) {
		const char *cell = AN_CELL(t, i, col);
		char *end;
		double x = strtod(cell, &end);
		/* "" or "< 5": no bar, and the reader sees why */
		v[i] = (struct chart_bar){ AN_CELL(t, i, 0), end == cell ? -1 : x,
					   *cell ? cell : T(r, "zu wenige für einen Anteil") };
	}
	html_open(h, "figure", "class", "analysis-chart", NULL);
	html_elem(h, "figcaption", i18n_fill(r->a, T(r, "{1}: {2}"), t->caption, t->heads[col], NULL), NULL);
	chart_bars(h, r->a, v, t->nrows, max);
	if (with_table) {
		html_open(h, "details", NULL);
		html_elem(h, "summary", T(r, "Als Tabelle"), NULL);
		an_table_html(h, r, t);
		html_close(h, "details");
	}
	html_close(h, "figure");
}
