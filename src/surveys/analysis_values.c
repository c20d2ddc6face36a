/* analysis_values.c — the answers of a survey that are not categories:
 * numeric summaries of number questions and the listing of open answers,
 * over the responses a filter kept (analysis_internal.h). */
#include "surveys/analysis_internal.h"
#include "core/core.h"
#include "core/stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct num_ctx {
	double *x;
	unsigned char *has;
};

static void num_row(void *ctx, size_t i, const char *part, const char *value)
{
	struct num_ctx *c = ctx;
	if (*part)
		return;
	char tmp[64];
	size_t n = strlen(value);
	if (n >= sizeof(tmp))
		return;
	memcpy(tmp, value, n + 1);
	char *comma = strchr(tmp, ',');
	if (comma)
		*comma = '.';
	char *end;
	double x = strtod(tmp, &end);
	if (!*end && end != tmp && isfinite(x)) {
		c->x[i] = x;
		c->has[i] = 1;
	}
}

int survey_numbers(const struct survey_data *dc, const struct survey_question *q, struct stats_summary *out)
{
	struct survey_data *d = (struct survey_data *)dc;
	if (survey_data_need_rids(d) != ST_OK)
		return ST_ERR;
	struct num_ctx c = { arena_alloc(d->a, (d->n + 1) * sizeof(double)), arena_alloc(d->a, d->n + 1) };
	if (survey_data_scan(d, q, num_row, &c) != ST_OK)
		return ST_ERR;
	double *x = xmalloc((d->n + 1) * sizeof(*x)), *w = xmalloc((d->n + 1) * sizeof(*w));
	size_t m = 0;
	for (size_t i = 0; i < d->n; i++)
		if (c.has[i]) {
			x[m] = c.x[i];
			w[m++] = survey_data_weight(d, i);
		}
	int rc = stats_summary(x, w, m, out) == 0 ? ST_OK : ST_ERR;
	free(x);
	free(w);
	return rc;
}

struct text_ctx {
	arena *a;
	const char **v;
	size_t n, cap;
};

static void text_row(void *ctx, size_t i, const char *part, const char *value)
{
	struct text_ctx *c = ctx;
	(void)i;
	if (*part && strcmp(part, "other") != 0)
		return;
	c->v = arena_grow(c->a, c->v, c->n, &c->cap, sizeof(*c->v), 32);
	c->v[c->n++] = arena_strdup(c->a, value);
}

int survey_texts_of(arena *a, const struct survey_data *d, const struct survey_question *q, size_t max,
		    const char ***out, size_t *n)
{
	struct text_ctx c = { a, NULL, 0, 0 };
	if (survey_data_scan(d, q, text_row, &c) != ST_OK)
		return ST_ERR;
	/* newest first, at most max */
	size_t k = c.n < max ? c.n : max;
	const char **v = arena_alloc(a, (k + 1) * sizeof(*v));
	for (size_t i = 0; i < k; i++)
		v[i] = c.v[c.n - 1 - i];
	*out = v;
	*n = k;
	return ST_OK;
}
