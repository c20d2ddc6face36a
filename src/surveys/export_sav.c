/* export_sav.c — a survey's responses as an SPSS system file (.sav,
 * written by libreadstat): the variables of export_vars.c with their
 * labels, value labels and types; numbers as numbers, closed answers as
 * labelled numbers, a multiple choice as one 0/1 variable per option, text
 * as strings as wide as their longest value. Two walks over the responses
 * in one read transaction: the first counts the rows and measures the
 * texts (a .sav declares both before its first row), the second writes. */
#include "surveys/surveys.h"
#include "surveys/surveys_internal.h"
#include "core/core.h"

#include <readstat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* SPSS's limits: a string's bytes, a variable label's, a value label's,
 * the file label's. */
#define SAV_STRING_MAX 32767
#define SAV_VARLABEL_MAX 255
#define SAV_VALLABEL_MAX 120
#define SAV_FILELABEL_MAX 64

struct sav {
	struct survey_var *v;
	size_t n;
	readstat_writer_t *w;
	readstat_variable_t **rv;
	long rows, written;
	int header_seen;
	readstat_error_t err;
	arena *a;
};

static ssize_t sav_bytes(const void *data, size_t len, void *ctx)
{
	return fwrite(data, 1, len, ctx) == len ? (ssize_t)len : -1;
}

/* Is the walk's row one of data (1), the header (0), or of another
 * width (-1)? */
static int data_row(struct sav *x, size_t n)
{
	if (n != x->n)
		return -1;
	if (x->header_seen)
		return 1;
	x->header_seen = 1;
	return 0;
}

/* The first walk: rows and the widths of the texts. */
static int measure_row(void *ctx, const char *const *cells, size_t n)
{
	struct sav *x = ctx;
	int k = data_row(x, n);
	if (k <= 0)
		return k < 0 ? ST_ERR : ST_OK;
	x->rows++;
	for (size_t i = 0; i < n; i++)
		if (x->v[i].kind == SV_STRING && cells[i]) {
			size_t len = survey_utf8_cut(cells[i], SAV_STRING_MAX);
			if (len > x->v[i].width)
				x->v[i].width = len;
		}
	return ST_OK;
}

/* The second: the rows (no more than the first counted). */
static int write_row(void *ctx, const char *const *cells, size_t n)
{
	struct sav *x = ctx;
	int k = data_row(x, n);
	if (k <= 0)
		return k < 0 ? ST_ERR : ST_OK;
	if (x->written >= x->rows)
		return ST_OK; /* a response that came after the first walk */
	readstat_error_t e = readstat_begin_row(x->w);
	for (size_t i = 0; e == READSTAT_OK && i < n; i++) {
		const struct survey_var *v = &x->v[i];
		if (v->kind == SV_STRING) {
			const char *c = cells[i] ? cells[i] : "";
			size_t len = survey_utf8_cut(c, SAV_STRING_MAX);
			if (c[len])
				c = arena_strndup(x->a, c, len);
			e = readstat_insert_string_value(x->w, x->rv[i], c);
		} else {
			double d;
			e = survey_var_value(v, cells, &d) ? readstat_insert_double_value(x->w, x->rv[i], d)
							   : readstat_insert_missing_value(x->w, x->rv[i]);
		}
	}
	if (e == READSTAT_OK)
		e = readstat_end_row(x->w);
	if (e != READSTAT_OK) {
		x->err = e;
		return ST_ERR;
	}
	x->written++;
	if (x->written % 4096 == 0) {
		arena_free(x->a);
		x->a = arena_new();
	}
	return ST_OK;
}

static const char *cut(arena *a, const char *s, size_t max)
{
	size_t len = survey_utf8_cut(s, max);
	return s[len] ? arena_strndup(a, s, len) : s;
}

/* The variables, their labels and value labels declared to w. */
static readstat_error_t declare(struct sav *x, arena *a)
{
	x->rv = arena_alloc(a, (x->n + 1) * sizeof(*x->rv));
	for (size_t i = 0; i < x->n; i++) {
		const struct survey_var *v = &x->v[i];
		readstat_variable_t *rv;
		if (v->kind == SV_STRING) {
			rv = readstat_add_variable(x->w, v->name, READSTAT_TYPE_STRING, v->width ? v->width : 1);
			if (!rv)
				return READSTAT_ERROR_MALLOC;
			readstat_variable_set_measure(rv, READSTAT_MEASURE_NOMINAL);
		} else {
			rv = readstat_add_variable(x->w, v->name, READSTAT_TYPE_DOUBLE, 0);
			if (!rv)
				return READSTAT_ERROR_MALLOC;
			int dec = v->kind == SV_NUMBER ? (v->decimals > 0 ? (v->decimals > 16 ? 16 : v->decimals) : 0) : 0;
			readstat_variable_set_format(rv, arena_printf(a, "F%d.%d", v->kind == SV_FLAG ? 1 : 8 + dec, dec));
			readstat_variable_set_measure(rv, v->kind == SV_NUMBER ? READSTAT_MEASURE_SCALE
							   : v->ordinal	     ? READSTAT_MEASURE_ORDINAL
									     : READSTAT_MEASURE_NOMINAL);
			if (v->nvals) {
				readstat_label_set_t *ls =
					readstat_add_label_set(x->w, READSTAT_TYPE_DOUBLE, arena_printf(a, "l%zu", i));
				if (!ls)
					return READSTAT_ERROR_MALLOC;
				for (size_t k = 0; k < v->nvals; k++)
					readstat_label_double_value(ls, v->vals[k].value, cut(a, v->vals[k].label, SAV_VALLABEL_MAX));
				readstat_variable_set_label_set(rv, ls);
			}
		}
		readstat_variable_set_label(rv, cut(a, v->label, SAV_VARLABEL_MAX));
		x->rv[i] = rv;
	}
	return READSTAT_OK;
}

int survey_responses_export_sav(struct store *s, const struct survey *sv, FILE *out, FILE *report, long *rows)
{
	arena *a = arena_new();
	struct sav x = { .a = arena_new() };
	x.n = survey_vars(a, sv, &x.v, report);
	*rows = 0;
	struct store_tx tx;
	int rc = store_tx_read(s, &tx);
	long walked = 0;
	if (rc == ST_OK) {
		struct survey_export_sink k = { measure_row, &x };
		rc = survey_export_walk(s, sv, 0, &k, &walked);
	}
	if (rc == ST_OK) {
		x.w = readstat_writer_init();
		if (!x.w)
			rc = ST_ERR;
	}
	readstat_error_t e = READSTAT_OK;
	if (rc == ST_OK) {
		readstat_set_data_writer(x.w, sav_bytes);
		readstat_writer_set_file_label(x.w, cut(a, survey_tx(&sv->tx, "title", "de"), SAV_FILELABEL_MAX));
		readstat_writer_set_compression(x.w, READSTAT_COMPRESS_ROWS);
		e = declare(&x, a);
		if (e == READSTAT_OK)
			e = readstat_begin_writing_sav(x.w, out, x.rows);
		if (e != READSTAT_OK)
			rc = ST_ERR;
	}
	if (rc == ST_OK) {
		x.header_seen = 0;
		struct survey_export_sink k = { write_row, &x };
		rc = survey_export_walk(s, sv, 0, &k, &walked);
		e = x.err;
	}
	if (rc == ST_OK && x.written != x.rows)
		rc = ST_ERR; /* responses removed between the walks */
	if (rc == ST_OK) {
		e = readstat_end_writing(x.w);
		if (e != READSTAT_OK)
			rc = ST_ERR;
	}
	if (e != READSTAT_OK && report)
		fprintf(report, "SPSS file: %s\n", readstat_error_message(e));
	rc = store_tx_end(s, &tx, rc);
	if (x.w)
		readstat_writer_free(x.w);
	*rows = rc == ST_OK ? x.written : 0;
	arena_free(x.a);
	arena_free(a);
	return rc;
}
