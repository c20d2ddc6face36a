/* query.c — the filters of the analysis pages (declared, validated) and
 * the facts of a request. */
#include "analysis/analysis_internal.h"
#include "core/core.h"
#include "core/i18n.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static const char *const dim_choices[] = { "phase", "gruppe", "ort", "sprache", NULL };

const struct field an_query_fields[AQ__MAX] = {
	[AQ_FROM] = { "von", FIELD_TEXT, 0, 10, 0, 0, NULL },
	[AQ_TO] = { "bis", FIELD_TEXT, 0, 10, 0, 0, NULL },
	[AQ_STAGE] = { "phase", FIELD_TEXT, 0, 64, 0, 0, NULL },
	[AQ_GROUP] = { "gruppe", FIELD_TEXT, 0, 64, 0, 0, NULL },
	[AQ_DISTRICT] = { "ort", FIELD_TEXT, 0, 64, 0, 0, NULL },
	[AQ_LANG] = { "sprache", FIELD_TEXT, 0, 64, 0, 0, NULL },
	[AQ_ROWS] = { "zeilen", FIELD_CHOICE, 0, 10, 0, 0, dim_choices },
	[AQ_COLS] = { "spalten", FIELD_CHOICE, 0, 10, 0, 0, dim_choices },
	[AQ_PAGE] = { "seite", FIELD_INT, 0, 6, 1, 100000, NULL },
	[AQ_A] = { "a", FIELD_TEXT, 0, 7, 0, 0, NULL },
	[AQ_B] = { "b", FIELD_TEXT, 0, 7, 0, 0, NULL },
};

static enum an_dim dim_of(const char *key, enum an_dim fallback)
{
	for (int d = 0; key && d < AN_DIMS; d++)
		if (strcmp(key, an_dim_keys[d]) == 0)
			return (enum an_dim)d;
	return fallback;
}

int an_query_read(struct req *r, struct an_query *q)
{
	memset(q, 0, sizeof(*q));
	form_validate(r, &r->query, an_query_fields, AQ__MAX, &q->f);
	struct form *f = &q->f;
	static const int dates[] = { AQ_FROM, AQ_TO };
	for (size_t i = 0; i < NELEM(dates); i++) {
		const char *v = f->val[dates[i]];
		if (v && !f->err[dates[i]] && !core_valid_date(v, 10)) {
			f->err[dates[i]] = N_("Bitte ein Datum wie 2027-01-31 angeben.");
			f->nerr++;
		}
	}
	static const int months[] = { AQ_A, AQ_B };
	for (size_t i = 0; i < NELEM(months); i++) {
		const char *v = f->val[months[i]];
		if (v && !f->err[months[i]] && !core_valid_date(v, 7)) {
			f->err[months[i]] = N_("Bitte einen Monat wie 2027-01 angeben.");
			f->nerr++;
		}
	}
	if (!f->err[AQ_FROM] && !f->err[AQ_TO] && f->val[AQ_FROM] && f->val[AQ_TO] &&
	    strcmp(f->val[AQ_FROM], f->val[AQ_TO]) > 0) {
		f->err[AQ_TO] = N_("Das Ende liegt vor dem Beginn.");
		f->nerr++;
	}
	q->filt.from = f->err[AQ_FROM] ? NULL : f->val[AQ_FROM];
	q->filt.to = f->err[AQ_TO] ? NULL : f->val[AQ_TO];
	/* "-": the offers that state no code of the dimension */
	for (int d = 0; d < AN_DIMS; d++) {
		const char *v = f->err[AQ_STAGE + d] ? NULL : f->val[AQ_STAGE + d];
		q->filt.code[d] = v && strcmp(v, "-") == 0 ? "" : v;
	}
	q->rows = dim_of(f->err[AQ_ROWS] ? NULL : f->val[AQ_ROWS], AN_DISTRICT);
	q->cols = dim_of(f->err[AQ_COLS] ? NULL : f->val[AQ_COLS], AN_STAGE);
	if (q->cols == q->rows)
		q->cols = q->rows == AN_STAGE ? AN_DISTRICT : AN_STAGE;
	q->page = f->val[AQ_PAGE] && !f->err[AQ_PAGE] ? (long)f->num[AQ_PAGE] : 1;
	q->a = f->err[AQ_A] ? NULL : f->val[AQ_A];
	q->b = f->err[AQ_B] ? NULL : f->val[AQ_B];
	size_t k = 0;
	for (int i = AQ_FROM; i <= AQ_LANG; i++)
		if (f->val[i] && !f->err[i]) {
			q->filters[k++] = an_query_fields[i].name;
			q->filters[k++] = f->val[i];
		}
	q->filters[k] = NULL;
	return f->nerr;
}

char *an_query_url(struct req *r, const struct an_query *q, const char *path, ...)
{
	buf b = { 0 };
	buf_puts(&b, path);
	char sep = '?';
	for (size_t i = 0; q->filters[i]; i += 2) {
		buf_putc(&b, sep);
		esc_url_arg(&b, q->filters[i]);
		buf_putc(&b, '=');
		esc_url_arg(&b, q->filters[i + 1]);
		sep = '&';
	}
	va_list ap;
	va_start(ap, path);
	const char *k;
	while ((k = va_arg(ap, const char *))) {
		const char *v = va_arg(ap, const char *);
		if (!v)
			continue;
		buf_putc(&b, sep);
		esc_url_arg(&b, k);
		buf_putc(&b, '=');
		esc_url_arg(&b, v);
		sep = '&';
	}
	va_end(ap);
	char *s = arena_strdup(r->a, buf_str(&b));
	buf_free(&b);
	return s;
}

int an_ctx_load(struct req *r, struct an_ctx *c)
{
	memset(c, 0, sizeof(*c));
	int rc = an_facts(r->db, &c->f, &c->n);
	return rc != ST_OK ? rc : an_dims_load(r->db, r->a, r->lang, c->f, c->n, &c->dims);
}

const char *an_today(arena *a)
{
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	return arena_printf(a, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

char *an_cell_url(struct req *r, const struct an_query *q, const char *const code[AN_DIMS])
{
	const char *v[AN_DIMS];
	for (int d = 0; d < AN_DIMS; d++) {
		const char *x = strcmp(code[d], "*") == 0 ? q->filt.code[d] : code[d];
		v[d] = x && !*x ? "-" : x;
	}
	return html_url(r->a, "/intern/analyse/angebote", "von", q->filt.from, "bis", q->filt.to, "phase", v[0],
			"gruppe", v[1], "ort", v[2], "sprache", v[3], NULL);
}
