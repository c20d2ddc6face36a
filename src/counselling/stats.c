/* stats.c — the network's statistics of counselling at
 * /intern/statistik/beratung (and ?format=json), for counsellors and
 * researchers: aggregates only, only from cases with live consent to
 * statistics (counsel_stats_load). Caseload, referrals by offer and
 * status, outcomes by stage, target group and language, each as a table
 * with its row and column totals, and the time from the first session to
 * a training place. Every count under COUNSEL_MIN_CELL is suppressed, and
 * so many others beside it that none can be recomputed from the totals
 * (counsel_suppress). */
#include "counselling/counselling_internal.h"
#include "auth/auth.h"
#include "core/core.h"
#include "core/i18n.h"
#include "html/layout.h"

#include <jansson.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define COUNSEL_MIN_CELL 5

/* Zero counts are hidden last: the smallest positive count first. */
static long weight(long n)
{
	return n > 0 ? n : LONG_MAX;
}

void counsel_suppress(const long *v, size_t rows, size_t cols, long min, unsigned char *hidden)
{
	size_t w = cols + 1, h = rows + 1;
	for (size_t i = 0; i < w * h; i++)
		hidden[i] = v[i] > 0 && v[i] < min;
	for (int changed = 1; changed;) {
		changed = 0;
		/* the lines: each row (entries side by side), then each column */
		for (size_t l = 0; l < h + w; l++) {
			size_t first = l < h ? l * w : l - h, step = l < h ? 1 : w, len = l < h ? w : h;
			size_t nhidden = 0, pick = SIZE_MAX;
			for (size_t k = 0; k < len; k++) {
				size_t i = first + k * step;
				if (hidden[i])
					nhidden++;
				else if (pick == SIZE_MAX || weight(v[i]) < weight(v[pick]))
					pick = i;
			}
			if (nhidden == 1 && pick != SIZE_MAX) {
				hidden[pick] = 1;
				changed = 1;
			}
		}
	}
}

/* A table as shown: rows x cols counts with the totals (see
 * counsel_suppress) and what of them is hidden. */
struct grid {
	const char *name, *title, *head_a;
	const char *const *col_values; /* the columns' vocabulary; NULL: one column */
	const char **rows, **cols;
	size_t nrows, ncols;
	long *v;
	unsigned char *hidden;
};

static size_t index_of(const char **v, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i], s) == 0)
			return i;
	return SIZE_MAX;
}

/* The grid of the cells c[0..n) (sorted by a), suppressed. */
static void grid_build(arena *a, struct grid *g, const struct counsel_cell *c, size_t n)
{
	size_t nvocab = 0;
	while (g->col_values && g->col_values[nvocab])
		nvocab++;
	g->rows = arena_alloc(a, (n + 1) * sizeof(*g->rows));
	g->cols = arena_alloc(a, (nvocab + n + 1) * sizeof(*g->cols));
	g->nrows = g->ncols = 0;
	/* the vocabulary's columns that occur, in its order, then any other */
	for (size_t k = 0; k < nvocab; k++)
		for (size_t i = 0; i < n; i++)
			if (strcmp(c[i].b, g->col_values[k]) == 0) {
				g->cols[g->ncols++] = g->col_values[k];
				break;
			}
	for (size_t i = 0; i < n; i++) {
		if (index_of(g->cols, g->ncols, c[i].b) == SIZE_MAX)
			g->cols[g->ncols++] = c[i].b;
		if (!g->nrows || strcmp(g->rows[g->nrows - 1], c[i].a) != 0)
			g->rows[g->nrows++] = c[i].a;
	}
	size_t w = g->ncols + 1, cells = w * (g->nrows + 1);
	g->v = arena_alloc(a, cells * sizeof(*g->v));
	g->hidden = arena_alloc(a, cells);
	memset(g->v, 0, cells * sizeof(*g->v));
	for (size_t i = 0, row = 0; i < n; i++) {
		while (strcmp(g->rows[row], c[i].a) != 0)
			row++;
		size_t col = index_of(g->cols, g->ncols, c[i].b);
		g->v[row * w + col] += c[i].n;
		g->v[row * w + g->ncols] += c[i].n;
		g->v[g->nrows * w + col] += c[i].n;
		g->v[g->nrows * w + g->ncols] += c[i].n;
	}
	counsel_suppress(g->v, g->nrows, g->ncols, COUNSEL_MIN_CELL, g->hidden);
}

/* Entry (row, col) of g: its count, or -1 when hidden. */
static long grid_at(const struct grid *g, size_t row, size_t col)
{
	size_t i = row * (g->ncols + 1) + col;
	return g->hidden[i] ? -1 : g->v[i];
}

static json_t *json_count(long n)
{
	return n < 0 ? json_null() : json_integer(n);
}

/* A table as JSON: its non-zero (or hidden) cells, the totals of its rows and
 * columns and the grand total; null for a hidden count. */
static json_t *grid_json(const struct grid *g)
{
	json_t *cells = json_array(), *rows = json_array(), *cols = json_array();
	for (size_t i = 0; i < g->nrows; i++) {
		for (size_t k = 0; k < g->ncols; k++)
			if (g->v[i * (g->ncols + 1) + k] || grid_at(g, i, k) < 0)
				json_array_append_new(cells, json_pack("{s:s, s:s, s:o}", "a", g->rows[i], "b", g->cols[k],
								       "n", json_count(grid_at(g, i, k))));
		json_array_append_new(rows, json_pack("{s:s, s:o}", "a", g->rows[i], "n",
						      json_count(grid_at(g, i, g->ncols))));
	}
	for (size_t k = 0; k < g->ncols; k++)
		json_array_append_new(cols, json_pack("{s:s, s:o}", "b", g->cols[k], "n",
						      json_count(grid_at(g, g->nrows, k))));
	return json_pack("{s:o, s:o, s:o, s:o}", "cells", cells, "rows", rows, "columns", cols, "total",
			 json_count(grid_at(g, g->nrows, g->ncols)));
}

static const char *label_of(struct req *r, const struct counsel_terms *terms, const struct grid *g, int col,
			    const char *v)
{
	if (!*v)
		return T(r, "nicht angegeben");
	if (strcmp(g->name, "caseload") == 0)
		return strcmp(v, "open") == 0 ? T(r, "offen") : T(r, "abgeschlossen");
	if (col && strcmp(g->name, "referrals") == 0)
		return T(r, counsel_label(counsel_statuses, counsel_status_labels, v));
	if (col)
		return T(r, counsel_label(counsel_results, counsel_result_labels, v));
	if (strcmp(g->name, "outcomes_by_stage") == 0)
		return counsel_term_name(terms, "uebergangsphase", v);
	if (strcmp(g->name, "outcomes_by_group") == 0)
		return counsel_term_name(terms, "zielgruppe", v);
	return v;
}

static const char *shown(struct req *r, long n)
{
	return n < 0 ? T(r, "verdeckt") : arena_printf(r->a, "%ld", n);
}

static void grid_html(html *h, struct req *r, const struct counsel_terms *terms, const struct grid *g)
{
	html_elem(h, "h2", T(r, g->title), NULL);
	if (!g->nrows) {
		html_elem(h, "p", T(r, "Keine Daten."), NULL);
		return;
	}
	/* one column (the caseload): the counts; else the columns and their sum */
	int many = g->col_values != NULL;
	size_t nheads = many ? g->ncols + 2 : 2;
	const char **heads = arena_alloc(r->a, nheads * sizeof(*heads));
	heads[0] = T(r, g->head_a);
	for (size_t k = 0; many && k < g->ncols; k++)
		heads[k + 1] = label_of(r, terms, g, 1, g->cols[k]);
	heads[nheads - 1] = many ? T(r, "Summe") : T(r, "Anzahl");
	layout_table_begin(h, r, arena_printf(r->a, "%s-caption", g->name), T(r, g->title), heads, nheads);
	for (size_t i = 0; i <= g->nrows; i++) {
		if (i < g->nrows)
			html_open(h, "tr", NULL);
		else
			html_open(h, "tr", "class", "sum", NULL);
		html_elem(h, "th", i < g->nrows ? label_of(r, terms, g, 0, g->rows[i]) : T(r, "Summe"), "scope", "row",
			  NULL);
		for (size_t k = many ? 0 : g->ncols; k <= g->ncols; k++)
			html_elem(h, "td", shown(r, grid_at(g, i, k)), NULL);
		html_close(h, "tr");
	}
	layout_table_end(h);
}

static int cmp_long(const void *x, const void *y)
{
	long a = *(const long *)x, b = *(const long *)y;
	return (a > b) - (a < b);
}

void counsel_stats_page(struct req *r, struct resp *w)
{
	struct grid g[CS__N] = {
		[CS_CASELOAD] = { "caseload", N_("Fälle"), N_("Stand"), NULL },
		[CS_REFERRALS] = { "referrals", N_("Vermittlungen nach Angebot und Stand"), N_("Angebot"),
				   counsel_statuses },
		[CS_BY_STAGE] = { "outcomes_by_stage", N_("Ergebnisse nach Phase"), N_("Phase"), counsel_results },
		[CS_BY_GROUP] = { "outcomes_by_group", N_("Ergebnisse nach Zielgruppe"), N_("Zielgruppe"),
				  counsel_results },
		[CS_BY_LANGUAGE] = { "outcomes_by_language", N_("Ergebnisse nach Sprachen"), N_("Sprachen"),
				     counsel_results },
	};
	struct counsel_stats st;
	if (counsel_stats_load(r->db, r->a, &st) != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	for (int i = 0; i < CS__N; i++)
		grid_build(r->a, &g[i], st.cells[i], st.n[i]);
	long nt = (long)st.ndays, median = 0;
	if (nt) {
		qsort(st.days, st.ndays, sizeof(*st.days), cmp_long);
		median = nt % 2 ? st.days[nt / 2] : (st.days[nt / 2 - 1] + st.days[nt / 2]) / 2;
	}
	audit_add_req(r, "counsel_stats", "counsel_stats", "-", "ok", NULL);
	const char *fmt = kv_get(&r->query, "format");
	if (fmt && strcmp(fmt, "json") == 0) {
		json_t *o = json_pack("{s:i, s:s, s:s}", "min_cell", COUNSEL_MIN_CELL, "population",
				      "cases with live consent to statistics", "suppression",
				      "counts from 1 to min_cell - 1 are null, and so many others in their row and column "
				      "that none can be recomputed from the totals");
		json_t *tables = json_object();
		for (int i = 0; i < CS__N; i++)
			json_object_set_new(tables, g[i].name, grid_json(&g[i]));
		json_object_set_new(o, "tables", tables);
		json_object_set_new(o, "days_to_training",
				    nt < COUNSEL_MIN_CELL ? json_null()
							  : json_pack("{s:I, s:I}", "cases", (json_int_t)nt, "median",
								      (json_int_t)median));
		char *text = json_dumps(o, JSON_INDENT(2));
		json_decref(o);
		w->content_type = "application/json";
		buf_puts(&w->body, text ? text : "{}");
		free(text);
		return;
	}
	struct counsel_terms terms = counsel_terms_load(r);
	html h = html_on(&w->body);
	layout_staff_begin(&h, r, T(r, "Statistik der Beratung"));
	html_open(&h, "p", NULL);
	layout_fill(&h, r,
		    T(r, "Nur Fälle mit Einwilligung zur anonymen Statistik. Zahlen unter {1} sind verdeckt, und mit "
			 "ihnen so viele andere ihrer Zeile und Spalte, dass sich keine aus den Summen errechnen lässt."),
		    "5", NULL);
	html_close(&h, "p");
	html_open(&h, "p", NULL);
	html_elem(&h, "a", T(r, "Als JSON"), "href", "/intern/statistik/beratung?format=json", NULL);
	html_close(&h, "p");
	for (int i = 0; i < CS__N; i++)
		grid_html(&h, r, &terms, &g[i]);
	html_elem(&h, "h2", T(r, "Zeit vom ersten Gespräch bis zum Ausbildungsplatz"), NULL);
	html_open(&h, "p", NULL);
	if (nt < COUNSEL_MIN_CELL)
		html_text(&h, T(r, "Weniger als 5 Fälle: nicht gezeigt."));
	else
		layout_fill(&h, r, T(r, "Median: {1} Tage (aus {2} Fällen)."), arena_printf(r->a, "%ld", median),
			    arena_printf(r->a, "%ld", nt), NULL);
	html_close(&h, "p");
	layout_end(&h, r);
}
