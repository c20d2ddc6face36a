/* table.c — a figure's table as HTML, CSV, XLSX (libxlsxwriter) and JSON:
 * every table of the analysis goes out the same four ways. */
#include "analysis/analysis_internal.h"
#include "core/core.h"
#include "core/csvio.h"
#include "core/i18n.h"
#include "core/xlsx.h"
#include "html/layout.h"

#include <stdlib.h>
#include <string.h>

struct an_table *an_table_new(arena *a, const char *name, const char *caption, size_t ncols, size_t nrows)
{
	struct an_table *t = arena_alloc(a, sizeof(*t));
	t->name = name;
	t->caption = caption;
	t->ncols = ncols;
	t->nrows = nrows;
	t->keys = arena_alloc(a, ncols * sizeof(char *));
	t->heads = arena_alloc(a, ncols * sizeof(char *));
	t->numeric = arena_alloc(a, ncols);
	t->cells = arena_alloc(a, (nrows * ncols + 1) * sizeof(char *));
	t->links = arena_alloc(a, (nrows + 1) * sizeof(char *));
	for (size_t i = 0; i < nrows * ncols; i++)
		t->cells[i] = "";
	return t;
}

void an_table_col(struct an_table *t, size_t col, const char *key, const char *head, int numeric)
{
	t->keys[col] = key;
	t->heads[col] = head;
	t->numeric[col] = (unsigned char)numeric;
}

struct an_table *an_table_pick(arena *a, const struct an_table *t, const size_t *cols, size_t n)
{
	struct an_table *p = an_table_new(a, t->name, t->caption, n, t->nrows);
	for (size_t c = 0; c < n; c++) {
		an_table_col(p, c, t->keys[cols[c]], t->heads[cols[c]], t->numeric[cols[c]]); /* a kind, kept */
		for (size_t i = 0; i < t->nrows; i++)
			AN_CELL(p, i, c) = AN_CELL(t, i, cols[c]);
	}
	memcpy(p->links, t->links, t->nrows * sizeof(char *));
	return p;
}

const char *an_count_text(arena *a, long n, int suppress)
{
	if (suppress && n > 0 && n < AN_MIN_CELL)
		return arena_printf(a, "< %d", AN_MIN_CELL);
	return arena_printf(a, "%ld", n);
}

void an_table_html(html *h, struct req *r, const struct an_table *t)
{
	if (t->nrows == 0) {
		/* no empty grid: the caption and a sentence */
		html_elem(h, "p", t->caption, "class", "table-caption", NULL);
		html_elem(h, "p", T(r, "Keine Einträge."), NULL);
		return;
	}
	layout_table_begin(h, r, arena_printf(r->a, "%s-caption", t->name), t->caption, t->heads, t->ncols);
	for (size_t i = 0; i < t->nrows; i++) {
		html_open(h, "tr", NULL);
		for (size_t c = 0; c < t->ncols; c++) {
			const char *v = AN_CELL(t, i, c);
			if (c == 0) {
				html_open(h, "th", "scope", "row", NULL);
				if (t->links[i])
					html_elem(h, "a", v, "href", t->links[i], NULL);
				else
					html_text(h, v);
				html_close(h, "th");
			} else if (t->numeric[c] == AN_COL_LINKS) {
				/* addresses inside lotse, separated by spaces */
				html_open(h, "td", NULL);
				for (const char *p = v; *p;) {
					size_t len = strcspn(p, " ");
					const char *href = arena_strndup(r->a, p, len);
					html_elem(h, "a", href, "href", href, NULL);
					p += len;
					while (*p == ' ')
						p++;
					if (*p)
						html_text(h, " ");
				}
				html_close(h, "td");
			} else {
				/* numbers and "< 5" read left to right on a right-to-left page too */
				html_elem(h, "td", v, "class", t->numeric[c] == AN_COL_NUM ? "num" : NULL, "dir",
					  (t->numeric[c] == AN_COL_NUM) && layout_dir(r, "en") ? "ltr" : NULL, NULL);
			}
		}
		html_close(h, "tr");
	}
	layout_table_end(h);
}

json_t *an_table_json(const struct an_table *t)
{
	json_t *j = json_object(), *cols = json_array(), *rows = json_array();
	json_object_set_new(j, "name", json_string(t->name));
	json_object_set_new(j, "caption", json_string(t->caption));
	for (size_t c = 0; c < t->ncols; c++) {
		json_t *col = json_object();
		json_object_set_new(col, "key", json_string(t->keys[c]));
		json_object_set_new(col, "label", json_string(t->heads[c]));
		json_object_set_new(col, "numeric", json_boolean(t->numeric[c] == AN_COL_NUM));
		json_array_append_new(cols, col);
	}
	for (size_t i = 0; i < t->nrows; i++) {
		json_t *row = json_object();
		for (size_t c = 0; c < t->ncols; c++) {
			const char *v = AN_CELL(t, i, c);
			char *end;
			long long x = (t->numeric[c] == AN_COL_NUM) && *v ? strtoll(v, &end, 10) : 0;
			if ((t->numeric[c] == AN_COL_NUM) && *v && !*end)
				json_object_set_new(row, t->keys[c], json_integer(x));
			else
				json_object_set_new(row, t->keys[c], json_string(v));
		}
		json_array_append_new(rows, row);
	}
	json_object_set_new(j, "columns", cols);
	json_object_set_new(j, "rows", rows);
	return j;
}

static void table_csv(buf *b, const struct an_table *t)
{
	int first = 1;
	for (size_t c = 0; c < t->ncols; c++)
		csvio_field(b, &first, t->heads[c]);
	csvio_end(b, &first);
	for (size_t i = 0; i < t->nrows; i++) {
		for (size_t c = 0; c < t->ncols; c++)
			csvio_field(b, &first, AN_CELL(t, i, c));
		csvio_end(b, &first);
	}
}

/* The XLSX file of t into out (core/xlsx.h): the caption, the filters,
 * the heads, the rows; numbers as numbers. 0 or -1. */
static int table_xlsx(const struct an_table *t, const char *const *filters, buf *out)
{
	struct xlsx_tmp x;
	lxw_workbook *wb = xlsx_begin(&x, "analysis");
	if (!wb)
		return -1;
	lxw_worksheet *ws = workbook_add_worksheet(wb, NULL);
	lxw_format *bold = workbook_add_format(wb);
	if (!ws || !bold)
		return xlsx_finish(&x, 0, out, "analysis");
	format_set_bold(bold);
	lxw_row_t row = 0;
	worksheet_write_string(ws, row++, 0, t->caption, bold);
	for (size_t i = 0; filters && filters[i] && filters[i + 1]; i += 2) {
		worksheet_write_string(ws, row, 0, filters[i], NULL);
		worksheet_write_string(ws, row++, 1, filters[i + 1], NULL);
	}
	row++;
	for (size_t c = 0; c < t->ncols; c++)
		worksheet_write_string(ws, row, (lxw_col_t)c, t->heads[c], bold);
	row++;
	for (size_t i = 0; i < t->nrows; i++, row++)
		for (size_t c = 0; c < t->ncols; c++) {
			const char *v = AN_CELL(t, i, c);
			char *end;
			double d = (t->numeric[c] == AN_COL_NUM) && *v ? strtod(v, &end) : 0;
			if ((t->numeric[c] == AN_COL_NUM) && *v && !*end)
				worksheet_write_number(ws, row, (lxw_col_t)c, d, NULL);
			else
				worksheet_write_string(ws, row, (lxw_col_t)c, v, NULL);
		}
	return xlsx_finish(&x, 1, out, "analysis");
}

int an_table_send(struct req *r, struct resp *w, const struct an_table *t, const char *ext,
		  const char *const *filters)
{
	w->no_store = 1;
	if (strcmp(ext, "json") == 0) {
		json_t *j = json_object();
		json_t *fj = json_object();
		for (size_t i = 0; filters && filters[i] && filters[i + 1]; i += 2)
			json_object_set_new(fj, filters[i], json_string(filters[i + 1]));
		json_object_set_new(j, "filters", fj);
		json_object_set_new(j, "table", an_table_json(t));
		char *s = json_dumps(j, JSON_COMPACT);
		json_decref(j);
		if (!s)
			core_oom();
		buf_puts(&w->body, s);
		free(s);
		w->content_type = "application/json";
		return 0;
	}
	if (strcmp(ext, "xlsx") == 0) {
		if (table_xlsx(t, filters, &w->body) != 0)
			return -1;
		w->content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	} else {
		table_csv(&w->body, t);
		w->content_type = "text/csv; charset=utf-8";
	}
	resp_header(r, w, "Content-Disposition", arena_printf(r->a, "attachment; filename=\"%s.%s\"", t->name, ext));
	return 0;
}
