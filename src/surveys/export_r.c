/* export_r.c — a survey's responses for R: a CSV of the variables of
 * export_vars.c (closed answers as their numbers, a multiple choice's
 * options as 0/1, numbers, texts) and an R script that reads it beside
 * itself into the data frame `antworten`, makes each closed variable a
 * factor with its levels and labels and gives every variable its label
 * (attribute "label"). The script is plain ASCII: every other character
 * of a text is written as \u{...}, so R reads it in any locale. */
#include "surveys/surveys.h"
#include "surveys/surveys_internal.h"
#include "core/core.h"
#include "core/csvio.h"

#include <stdio.h>
#include <string.h>

/* s as an R string literal (ASCII, double quotes). */
static void r_string(buf *b, const char *s)
{
	buf_putc(b, '"');
	size_t len = strlen(s);
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			if (c == '"' || c == '\\')
				buf_printf(b, "\\%c", c);
			else if (c == '\n')
				buf_puts(b, "\\n");
			else if (c == '\r')
				buf_puts(b, "\\r");
			else if (c == '\t')
				buf_puts(b, "\\t");
			else if (c < 0x20 || c == 0x7f)
				buf_printf(b, "\\x%02x", c);
			else
				buf_putc(b, (char)c);
			i++;
			continue;
		}
		size_t n = utf8_char(s + i, len - i);
		if (n == 0) { /* not UTF-8: the replacement character */
			buf_puts(b, "\\ufffd");
			i++;
			continue;
		}
		unsigned long cp = n == 2 ? c & 0x1Fu : n == 3 ? c & 0x0Fu : c & 0x07u;
		for (size_t k = 1; k < n; k++)
			cp = (cp << 6) | ((unsigned char)s[i + k] & 0x3Fu);
		if (cp > 0xFFFF)
			buf_printf(b, "\\U{%lx}", cp);
		else
			buf_printf(b, "\\u{%lx}", cp);
		i += n;
	}
	buf_putc(b, '"');
}

static void r_number(buf *b, double x)
{
	buf_printf(b, "%.15g", x);
}

/* The script for the variables v[0..n) and the CSV named csv_name. */
static void script(buf *b, const struct survey *sv, const struct survey_var *v, size_t n, const char *csv_name)
{
	buf_printf(b, "# lotse: the responses of survey %s, version %d, for R.\n", sv->code, sv->version);
	buf_puts(b, "# Rscript FILE.R, or source(\"FILE.R\") in R: reads the CSV beside this file into `antworten`,\n"
		    "# closed answers as factors with their levels and labels, each variable with its label\n"
		    "# (attribute \"label\").\n");
	buf_puts(b, ".lotse_dir <- local({\n"
		    "  f <- sub(\"^--file=\", \"\", grep(\"^--file=\", commandArgs(FALSE), value = TRUE))\n"
		    "  o <- tryCatch(sys.frame(1)$ofile, error = function(e) NULL)\n"
		    "  if (!is.null(o)) dirname(o) else if (length(f) == 1) dirname(f) else \".\"\n"
		    "})\n");
	buf_puts(b, "antworten <- read.csv(file.path(.lotse_dir, ");
	r_string(b, csv_name);
	buf_puts(b, "), na.strings = \"\", encoding = \"UTF-8\", check.names = FALSE,\n  colClasses = c(");
	for (size_t i = 0; i < n; i++)
		buf_printf(b, "%s\"%s\"", i ? ", " : "", v[i].kind == SV_STRING ? "character" : "numeric");
	buf_puts(b, "))\n");
	for (size_t i = 0; i < n; i++) {
		const struct survey_var *x = &v[i];
		if (x->nvals) {
			buf_printf(b, "antworten[[\"%s\"]] <- factor(antworten[[\"%s\"]], levels = c(", x->name, x->name);
			for (size_t k = 0; k < x->nvals; k++) {
				if (k)
					buf_puts(b, ", ");
				r_number(b, x->vals[k].value);
			}
			buf_puts(b, "), labels = c(");
			for (size_t k = 0; k < x->nvals; k++) {
				if (k)
					buf_puts(b, ", ");
				r_string(b, x->vals[k].label);
			}
			buf_printf(b, ")%s)\n", x->ordinal ? ", ordered = TRUE" : "");
		}
		buf_printf(b, "attr(antworten[[\"%s\"]], \"label\") <- ", x->name);
		r_string(b, x->label);
		buf_putc(b, '\n');
	}
	buf_puts(b, "rm(.lotse_dir)\n");
}

struct rcsv {
	struct survey_var *v;
	size_t n;
	buf b;
	FILE *out;
	int header_seen;
};

static int csv_row(void *ctx, const char *const *cells, size_t n)
{
	struct rcsv *x = ctx;
	if (n != x->n)
		return ST_ERR;
	int first = 1;
	for (size_t i = 0; i < n; i++) {
		const struct survey_var *v = &x->v[i];
		if (!x->header_seen) {
			csvio_field(&x->b, &first, v->name);
		} else if (v->kind == SV_STRING) {
			csvio_field_plain(&x->b, &first, cells[i]); /* R keeps a ' guard as text */
		} else {
			double d;
			char num[40] = "";
			if (survey_var_value(v, cells, &d))
				snprintf(num, sizeof(num), "%.15g", d);
			csvio_field(&x->b, &first, num);
		}
	}
	csvio_end(&x->b, &first);
	x->header_seen = 1;
	if (x->b.len > (1u << 20)) {
		if (x->b.err || fwrite(x->b.data, 1, x->b.len, x->out) != x->b.len)
			return ST_ERR;
		buf_reset(&x->b);
	}
	return ST_OK;
}

int survey_responses_export_r(struct store *s, const struct survey *sv, FILE *rscript, FILE *csv,
			      const char *csv_name, FILE *report, long *rows)
{
	arena *a = arena_new();
	struct rcsv x = { .out = csv };
	x.n = survey_vars(a, sv, &x.v, report);
	buf_init(&x.b, 0);
	struct survey_export_sink k = { csv_row, &x };
	int rc = survey_export_walk(s, sv, 0, &k, rows);
	if (rc == ST_OK && (x.b.err || fwrite(x.b.data ? x.b.data : "", 1, x.b.len, csv) != x.b.len))
		rc = ST_ERR;
	buf_reset(&x.b);
	if (rc == ST_OK) {
		script(&x.b, sv, x.v, x.n, csv_name);
		if (x.b.err || fwrite(x.b.data, 1, x.b.len, rscript) != x.b.len)
			rc = ST_ERR;
	}
	buf_free(&x.b);
	arena_free(a);
	return rc;
}
