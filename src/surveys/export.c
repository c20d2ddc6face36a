/* export.c — a survey's responses as a spreadsheet (XLSX, libxlsxwriter):
 * one sheet "antworten" with the CSV export's columns and rows (codes or
 * German labels), the id as a number, everything else as text; written
 * to a file or, for a download, into memory. */
#include "surveys/surveys.h"
#include "surveys/surveys_internal.h"
#include "core/core.h"
#include "core/xlsx.h"

#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

/* XLSX holds at most 1,048,576 rows (the header is one) and 32,767
 * characters in a cell. */
#define XLSX_ROWS 1048576L

struct xlsx_sink {
	lxw_worksheet *ws;
	lxw_format *bold;
	lxw_row_t at;
};

static int xlsx_row(void *ctx, const char *const *cells, size_t n)
{
	struct xlsx_sink *x = ctx;
	if ((long)x->at >= XLSX_ROWS || n > LXW_COL_MAX)
		return ST_CONFLICT;
	for (size_t c = 0; c < n; c++) {
		const char *v = cells[c];
		if (!v || !*v)
			continue;
		lxw_error e;
		if (x->at > 0 && c == 0)
			e = worksheet_write_number(x->ws, x->at, 0, strtod(v, NULL), NULL);
		else
			e = worksheet_write_string(x->ws, x->at, (lxw_col_t)c, v, x->at == 0 ? x->bold : NULL);
		if (e != LXW_NO_ERROR)
			return ST_ERR;
	}
	x->at++;
	return ST_OK;
}

/* The sheet of the responses in wb (not closed). */
static int fill(struct store *s, const struct survey *sv, int labels, lxw_workbook *wb, long *rows)
{
	struct xlsx_sink x = { .ws = workbook_add_worksheet(wb, "antworten") };
	x.bold = workbook_add_format(wb);
	if (!x.ws || !x.bold)
		return ST_ERR;
	format_set_bold(x.bold);
	worksheet_freeze_panes(x.ws, 1, 0);
	struct survey_export_sink k = { xlsx_row, &x };
	return survey_export_walk(s, sv, labels, &k, rows);
}

int survey_responses_export_xlsx(struct store *s, const struct survey *sv, int labels, const char *path, long *rows)
{
	*rows = 0;
	lxw_workbook *wb = workbook_new(path);
	if (!wb)
		return ST_ERR;
	int rc = fill(s, sv, labels, wb, rows);
	if (workbook_close(wb) != LXW_NO_ERROR && rc == ST_OK)
		rc = ST_ERR;
	return rc;
}

int survey_responses_xlsx_buf(struct store *s, const struct survey *sv, int labels, buf *out, long *rows)
{
	*rows = 0;
	struct xlsx_tmp x;
	lxw_workbook *wb = xlsx_begin(&x, "survey responses");
	if (!wb)
		return ST_ERR;
	int rc = fill(s, sv, labels, wb, rows);
	if (xlsx_finish(&x, rc == ST_OK, out, "survey responses") != 0 && rc == ST_OK)
		rc = ST_ERR;
	return rc;
}
