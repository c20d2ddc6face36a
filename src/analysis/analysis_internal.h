/* analysis_internal.h — shared by the files of src/analysis only: a table
 * (the one shape every figure takes, so that each is a page, CSV, XLSX
 * and JSON alike), the query of the filters, and the request's facts. */
#ifndef LOTSE_ANALYSIS_INTERNAL_H
#define LOTSE_ANALYSIS_INTERNAL_H

#include "analysis/analysis.h"
#include "http/form.h"
#include "html/html.h"

#include <jansson.h>

/* A table: ncols columns (a JSON key, a translated head, numeric or not)
 * and nrows rows of text cells ("" empty; "< 5" a suppressed count). A
 * row may link its first cell (links[row], NULL none). */
struct an_table {
	const char *name;     /* file name and JSON name: "abdeckung" */
	const char *caption;  /* translated */
	size_t ncols, nrows;
	const char **keys, **heads;
	unsigned char *numeric;
	const char **cells;   /* row-major, nrows * ncols */
	const char **links;
};
struct an_table *an_table_new(arena *a, const char *name, const char *caption, size_t ncols, size_t nrows);
/* What a column holds (an_table_col's numeric): text, numbers, or
 * addresses inside lotse separated by spaces (links on the page). */
enum { AN_COL_TEXT = 0, AN_COL_NUM = 1, AN_COL_LINKS = 2 };
void an_table_col(struct an_table *t, size_t col, const char *key, const char *head, int numeric);
#define AN_CELL(t, row, col) ((t)->cells[(row) * (t)->ncols + (col)])
/* The columns cols[0..n) of t, in that order, as a new table (the cells
 * shared): a narrower table for the printed report. */
struct an_table *an_table_pick(arena *a, const struct an_table *t, const size_t *cols, size_t n);
/* A count, or "< 5" when suppress and 0 < n < AN_MIN_CELL. */
const char *an_count_text(arena *a, long n, int suppress);

/* The table as HTML (layout_table_begin: caption, heads, scrolling). */
void an_table_html(html *h, struct req *r, const struct an_table *t);
/* The answer of a table in format ext ("csv", "xlsx", "json"): the body,
 * its type and a download name; the filters (filters[0..n) as key/value
 * pairs, NULL-terminated) go into the JSON and the XLSX's first rows.
 * 0, or -1 when the XLSX could not be made (the caller answers 500). */
int an_table_send(struct req *r, struct resp *w, const struct an_table *t, const char *ext,
		  const char *const *filters);
/* The table as JSON: {"name", "columns": [...], "rows": [{key: value}]},
 * numbers as numbers, a suppressed cell as the string "< 5". New reference. */
json_t *an_table_json(const struct an_table *t);

/* The declared query of the analysis pages. */
enum { AQ_FROM, AQ_TO, AQ_STAGE, AQ_GROUP, AQ_DISTRICT, AQ_LANG, AQ_ROWS, AQ_COLS, AQ_PAGE, AQ_A, AQ_B, AQ__MAX };
extern const struct field an_query_fields[AQ__MAX];
struct an_query {
	struct form f;
	struct an_filter filt;
	enum an_dim rows, cols; /* the heat map's */
	long page;
	const char *a, *b;      /* months compared ("YYYY-MM"; "" today) */
	const char *filters[2 * AQ__MAX + 1]; /* the valid filters as pairs for exports */
};
/* Validate r's query into q; the number of fields in error (their
 * values are then left out of the filter). */
int an_query_read(struct req *r, struct an_query *q);
/* path with the query's filters (and extra pairs, NULL-terminated). */
char *an_query_url(struct req *r, const struct an_query *q, const char *path, ...) __attribute__((sentinel));

/* The page of the offers of a cell (codes "*" : the filter's; "" : "-",
 * none stated), with the query's dates. */
char *an_cell_url(struct req *r, const struct an_query *q, const char *const code[AN_DIMS]);

/* The names of the offers v[0..n) and of their providers into *names and
 * *orgs (in r's arena), and v sorted by name with them when sort. ST_OK or
 * ST_ERR. */
int an_offer_names(struct req *r, const struct dir_fact **v, size_t n, int sort, const char ***names,
		   const char ***orgs);

/* counsel_evidence_outcomes(s, .., from, to, ..), kept on the connection
 * like an_facts (cache.c): valid until the next call on s (copy what
 * outlives it). ST_OK or ST_ERR. */
struct counsel_outcome_count;
int an_outcome_counts(struct store *s, const char *from, const char *to, struct counsel_outcome_count **o,
		      size_t *n);

/* The facts and dimensions of a request. */
struct an_ctx {
	struct dir_fact *f;
	size_t n;
	struct an_dims dims;
};
int an_ctx_load(struct req *r, struct an_ctx *c);

/* The tables (tables.c); NULL when a read failed. */
struct an_table *an_tab_coverage(struct req *r, const struct an_ctx *c, const struct an_query *q);
/* Offers and places by one dimension (district: "abdeckung-ort", stage:
 * "abdeckung-phase"), for the bar charts. */
struct an_table *an_tab_by(struct req *r, const struct an_ctx *c, const struct an_query *q, enum an_dim d);
struct an_table *an_tab_heat(struct req *r, const struct an_ctx *c, const struct an_query *q,
			     struct an_coverage *cov);
struct an_table *an_tab_funding(struct req *r, const struct an_ctx *c, const struct an_query *q);
struct an_table *an_tab_cliff(struct req *r, const struct an_ctx *c, const struct an_query *q);
struct an_table *an_tab_compare(struct req *r, const struct an_ctx *c, const struct an_query *q);
struct an_table *an_tab_gaps(struct req *r, const struct an_ctx *c, const struct an_query *q, size_t *nsources);
/* Outcomes of referrals by offer or a group (outcomes.c): name one of the
 * an_outcome_tables(); NULL when unknown or the referrals unreadable. */
struct an_table *an_tab_outcomes(struct req *r, const struct an_ctx *c, const struct an_query *q, const char *name);
size_t an_outcome_tables(const char *const **names);
/* A cross table of cov (rows × cols dimensions): a row per value of rd,
 * a column per value of cd with offers; row_head the first column's head,
 * none the label of "not stated". With row_totals and col_totals (the
 * coverages by rd alone and by cd alone), a last column and a last row
 * "Insgesamt" with the distinct offers (cov's total in their corner).
 * When suppress, the counts go through an_suppress: the rows and columns
 * are its lines. */
struct an_table *an_cross(struct req *r, const struct an_dims *dims, const struct an_coverage *cov, enum an_dim rd,
			  enum an_dim cd, const char *name, const char *caption, const char *row_head, const char *none,
			  const struct an_coverage *row_totals, const struct an_coverage *col_totals, int suppress);
/* A table by its name (the export's), or NULL when there is none. */
struct an_table *an_tab_named(struct req *r, const struct an_ctx *c, const struct an_query *q, const char *name);

/* The pages' HTML (views.c). */
void an_view_filters(html *h, struct req *r, const struct an_query *q, const struct an_ctx *c, const char *action,
		     int heat_dims);
void an_view_heat(html *h, struct req *r, const struct an_query *q, const struct an_ctx *c,
		  const struct an_coverage *cov);
void an_view_downloads(html *h, struct req *r, const struct an_query *q, const char *name);
void an_view_nav(html *h, struct req *r, const char *current);
/* A figure: t's caption, bars of column col (a number at the start of
 * the cell, scaled to max, 0: the largest; a cell without one gets no
 * bar and its text), and t under "Als Tabelle" when with_table (else the
 * table must be on the page: the chart is hidden from screen readers). */
void an_view_chart(html *h, struct req *r, const struct an_table *t, size_t col, double max, int with_table);
const char *an_today(arena *a);

#endif
