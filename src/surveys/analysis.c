/* analysis.c — the numbers of a survey's responses: which responses pass
 * a filter (an expression over the answers, completion, a date range)
 * with their weights, and from them frequency tables, multiple response,
 * numeric summaries, open answers and crosstabs (the statistics
 * themselves are core/stats.h). The same numbers for the staff's pages,
 * their JSON and `lotse analyse`.
 *
 * A question's answers are read in one range of the answer table (it is
 * kept in order of question and response) and matched to the responses
 * kept, which are in order of their id. Conditions (a question not shown,
 * the filter) need a response's other answers: those are read once, all
 * of them, when the first condition needs them. */
#include "surveys/surveys.h"
#include "surveys/columns.h"
#include "core/core.h"
#include "core/i18n.h"
#include "core/stats.h"
#include "core/stats_json.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct survey_data {
	struct store *s;
	const struct survey *sv;
	arena *a;
	size_t n;
	int64_t *rids;   /* ascending */
	double *w;       /* NULL: every response weighs 1 */
	struct survey_answers *all; /* every answer of each response, once needed */
	/* Without a filter expression and a weight the responses' ids are read
	 * only when a table needs them (lazy: n is their count); a frequency
	 * table of a question without a condition over all responses is then
	 * counted by the database alone. */
	unsigned char *loaded;      /* loaded[qi]: question qi's answers are in all */
	int lazy, plain;
	int no_columns;             /* read the answer table, not the column store */
	int complete_only;
	const char *from, *to;
};

static int load_rids(struct survey_data *d);

/* The ids of the responses, when they were left for later. Call before
 * sizing anything by d->n. */
static int need_rids(struct survey_data *d)
{
	if (!d->lazy)
		return ST_OK;
	d->lazy = 0;
	d->n = 0;
	return load_rids(d);
}

void survey_data_use_columns(struct survey_data *d, int on)
{
	d->no_columns = !on;
}

size_t survey_data_count(const struct survey_data *d)
{
	return d->n;
}

void survey_data_free(struct survey_data *d)
{
	if (!d)
		return;
	arena_free(d->a);
	free(d);
}

static size_t find_rid(const struct survey_data *d, int64_t rid, size_t from)
{
	/* the rows come in order: walk on from the last place, else search */
	while (from < d->n && d->rids[from] < rid)
		from++;
	return from;
}

/* Call fn for each answer row of question q of the responses kept:
 * (index of the response, part, value). */
typedef void (*row_fn)(void *ctx, size_t i, const char *part, const char *value);
static int scan(const struct survey_data *d, const struct survey_question *q, row_fn fn, void *ctx)
{
	if (d->lazy && need_rids((struct survey_data *)d) != ST_OK)
		return ST_ERR;
	sqlite3_stmt *st = store_stmt(d->s, "SELECT response_id, part, value FROM survey_answer "
					    "WHERE question_id = ?1 ORDER BY response_id");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, q->id);
	size_t at = 0;
	int k;
	while ((k = store_step(st)) > 0) {
		int64_t rid = sqlite3_column_int64(st, 0);
		at = find_rid(d, rid, at);
		if (at >= d->n)
			break;
		if (d->rids[at] == rid)
			fn(ctx, at, store_col_text(st, 1), store_col_text(st, 2));
	}
	sqlite3_reset(st);
	return k >= 0 ? ST_OK : ST_ERR;
}

static void all_row(void *ctx, size_t i, const char *part, const char *value)
{
	void **c = ctx;
	struct survey_data *d = c[0];
	size_t qi = *(size_t *)c[1];
	survey_answer_set(d->a, &d->all[i], qi, arena_strdup(d->a, part), arena_strdup(d->a, value));
}

/* Read the answers of question qi of the responses kept into d->all
 * (once per question). */
static int need_question(struct survey_data *d, size_t qi)
{
	if (need_rids(d) != ST_OK)
		return ST_ERR;
	if (!d->all) {
		d->all = arena_alloc(d->a, (d->n + 1) * sizeof(*d->all));
		d->loaded = arena_alloc(d->a, d->sv->nqs + 1);
	}
	if (d->loaded[qi])
		return ST_OK;
	d->loaded[qi] = 1;
	void *c[2] = { d, &qi };
	return scan(d, &d->sv->qs[qi], all_row, c);
}

/* The answers an expression needs: the questions it names, and those
 * their own conditions (and their pages') name, and so on. */
static int need_expr(struct survey_data *d, const survey_expr *e, int depth)
{
	if (!e || depth > 16)
		return ST_OK;
	const char **refs;
	size_t n = survey_expr_refs(d->a, e, &refs);
	for (size_t i = 0; i < n; i++) {
		for (size_t qi = 0; qi < d->sv->nqs; qi++) {
			const struct survey_question *q = &d->sv->qs[qi];
			size_t len = strlen(q->code);
			if (strcmp(q->code, refs[i]) != 0 && !(strncmp(q->code, refs[i], len) == 0 && refs[i][len] == '_'))
				continue;
			if (d->all && d->loaded[qi])
				continue;
			if (need_question(d, qi) != ST_OK || need_expr(d, q->expr, depth + 1) != ST_OK ||
			    need_expr(d, d->sv->pages[q->page].expr, depth + 1) != ST_OK)
				return ST_ERR;
		}
	}
	return ST_OK;
}

static int has_cond(const struct survey *sv, const struct survey_question *q)
{
	return q->expr || sv->pages[q->page].expr;
}

/* shown[i]: was question q shown to response i (all 1 when it has no
 * condition)? In d->a. */
static int shown_mask(struct survey_data *d, const struct survey_question *q, unsigned char **out)
{
	if (need_rids(d) != ST_OK)
		return ST_ERR;
	unsigned char *m = arena_alloc(d->a, d->n + 1);
	memset(m, 1, d->n + 1);
	*out = m;
	if (!has_cond(d->sv, q))
		return ST_OK;
	if (need_expr(d, q->expr, 0) != ST_OK || need_expr(d, d->sv->pages[q->page].expr, 0) != ST_OK)
		return ST_ERR;
	size_t qi = (size_t)(q - d->sv->qs);
	for (size_t i = 0; i < d->n; i++)
		m[i] = (unsigned char)survey_question_shown(d->sv, &d->all[i], qi);
	return ST_OK;
}

static int load_rids(struct survey_data *d)
{
	sqlite3_stmt *st = store_stmt(d->s, "SELECT id FROM survey_response WHERE survey_id = ?1 "
					    "AND (?2 = 0 OR status = 'complete') AND (?3 IS NULL OR started_at >= ?3) "
					    "AND (?4 IS NULL OR started_at < ?4 || ' 99') ORDER BY id");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, d->sv->id);
	sqlite3_bind_int(st, 2, d->complete_only);
	if (d->from)
		sqlite3_bind_text(st, 3, d->from, -1, SQLITE_STATIC);
	if (d->to)
		sqlite3_bind_text(st, 4, d->to, -1, SQLITE_STATIC);
	size_t cap = 0;
	int k;
	d->rids = NULL;
	while ((k = store_step(st)) > 0) {
		d->rids = arena_grow(d->a, d->rids, d->n, &cap, sizeof(*d->rids), 1024);
		d->rids[d->n++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	return k == 0 ? ST_OK : ST_ERR;
}

int survey_data_load(struct store *s, const struct survey *sv, const struct survey_filter *f,
		     struct survey_data **out, const char **err)
{
	*out = NULL;
	*err = NULL;
	const struct survey_question *wq = NULL;
	if (f->weight && *f->weight) {
		wq = survey_question_by_code(sv, f->weight);
		if (!wq || wq->type != SQ_NUMBER) {
			*err = N_("Die Gewichtung muss eine Zahlenfrage sein.");
			return ST_CONFLICT;
		}
	}
	struct survey_data *d = xcalloc(1, sizeof(*d));
	d->s = s;
	d->sv = sv;
	d->a = arena_new();
	survey_expr *where = NULL;
	if (f->where && *f->where) {
		struct survey_expr_error pe;
		if (survey_expr_parse(d->a, f->where, &where, &pe) != 0) {
			*err = pe.msg;
			survey_data_free(d);
			return ST_CONFLICT;
		}
		const char **refs;
		size_t nr = survey_expr_refs(d->a, where, &refs);
		for (size_t i = 0; i < nr; i++) {
			struct survey_val v;
			struct survey_answers none = { 0 };
			struct survey_eval ev = { sv, &none, d->a };
			if (survey_lookup(&ev, refs[i], &v) != 0) {
				*err = N_("Der Filter nennt eine Frage, die es in dieser Umfrage nicht gibt.");
				survey_data_free(d);
				return ST_CONFLICT;
			}
		}
	}
	struct store_tx tx;
	int rc = store_tx_read(s, &tx);
	if (rc != ST_OK) {
		survey_data_free(d);
		return rc;
	}
	d->complete_only = f->complete_only;
	d->from = f->from;
	d->to = f->to;
	d->plain = !f->complete_only && !f->from && !f->to;
	if (!where && !wq) {
		sqlite3_stmt *st = store_stmt(s, "SELECT COUNT(*) FROM survey_response WHERE survey_id = ?1 "
						 "AND (?2 = 0 OR status = 'complete') AND (?3 IS NULL OR started_at >= ?3) "
						 "AND (?4 IS NULL OR started_at < ?4 || ' 99')");
		if (!st) {
			rc = ST_ERR;
			goto out;
		}
		sqlite3_bind_int64(st, 1, sv->id);
		sqlite3_bind_int(st, 2, f->complete_only);
		if (f->from)
			sqlite3_bind_text(st, 3, f->from, -1, SQLITE_STATIC);
		if (f->to)
			sqlite3_bind_text(st, 4, f->to, -1, SQLITE_STATIC);
		int k = store_step(st);
		if (k > 0)
			d->n = (size_t)sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		if (k <= 0)
			rc = ST_ERR;
		d->lazy = 1;
		goto out;
	}
	if (load_rids(d) != ST_OK) {
		rc = ST_ERR;
		goto out;
	}
	int k;
	if (where) {
		if (need_rids(d) != ST_OK || need_expr(d, where, 0) != ST_OK) {
			rc = ST_ERR;
			goto out;
		}
		size_t m = 0;
		for (size_t i = 0; i < d->n; i++) {
			struct survey_eval ev = { sv, &d->all[i], d->a };
			struct survey_expr_error ee;
			if (survey_expr_eval(where, survey_lookup, &ev, &ee) == 1) {
				d->rids[m] = d->rids[i];
				d->all[m++] = d->all[i];
			}
		}
		d->n = m;
	}
	if (wq) {
		d->w = arena_alloc(d->a, (d->n + 1) * sizeof(*d->w));
		sqlite3_stmt *ws = store_stmt(s, "SELECT response_id, value FROM survey_answer WHERE question_id = ?1 "
						 "AND part = '' ORDER BY response_id");
		if (!ws) {
			rc = ST_ERR;
			goto out;
		}
		sqlite3_bind_int64(ws, 1, wq->id);
		size_t at = 0;
		while ((k = store_step(ws)) > 0) {
			int64_t rid = sqlite3_column_int64(ws, 0);
			at = find_rid(d, rid, at);
			if (at >= d->n)
				break;
			if (d->rids[at] == rid) {
				char *end;
				double x = strtod(store_col_text(ws, 1), &end);
				d->w[at] = *end || !isfinite(x) || x < 0 ? 0 : x;
			}
		}
		sqlite3_reset(ws);
		if (k < 0)
			rc = ST_ERR;
	}
out:
	rc = store_tx_end(s, &tx, rc);
	if (rc != ST_OK) {
		survey_data_free(d);
		return rc;
	}
	*out = d;
	return ST_OK;
}

static double weight(const struct survey_data *d, size_t i)
{
	return d->w ? d->w[i] : 1.0;
}

/* The category of each response for a closed variable (q, sub): -1 no
 * answer; cats in d->a. */
struct cat_ctx {
	const struct survey_question *q;
	const char *part;     /* the part that holds the answer */
	const char *const *codes;
	size_t k;
	int *cat;
	unsigned char *any;   /* multiple: chose[i * k + c] */
	unsigned char *chose;
};

static void cat_row(void *ctx, size_t i, const char *part, const char *value)
{
	struct cat_ctx *c = ctx;
	if (c->q->type == SQ_MULTIPLE) {
		int x = strcmp(part, "other") == 0 ? survey_cat_index(c->codes, c->k, "other") : survey_cat_index(c->codes, c->k, part);
		if (x >= 0) {
			c->chose[i * c->k + (size_t)x] = 1;
			c->any[i] = 1;
		}
		return;
	}
	if (strcmp(part, c->part) != 0)
		return;
	int x = survey_cat_index(c->codes, c->k, value);
	if (x >= 0)
		c->cat[i] = x;
}

/* The category of each of d's responses for c's variable (c->cat, and
 * for a multiple choice c->any and c->chose, which the caller allocated):
 * from the column store when the variable has a column, else from the
 * answer table. */
static int cats_of(struct survey_data *d, struct cat_ctx *c)
{
	if (need_rids(d) != ST_OK)
		return ST_ERR;
	c->cat = arena_alloc(d->a, (d->n + 1) * sizeof(*c->cat));
	const unsigned char *v;
	const int64_t *rids;
	size_t n;
	int rc = d->no_columns ? ST_NOTFOUND : survey_column(d->s, d->a, d->sv, c->q, c->part, &v, &rids, &n);
	if (rc == ST_OK) {
		/* both in order of id: walk them together */
		size_t j = 0;
		for (size_t i = 0; i < d->n; i++) {
			while (j < n && rids[j] < d->rids[i])
				j++;
			c->cat[i] = j < n && rids[j] == d->rids[i] ? (int)v[j] - 1 : -1;
		}
		return ST_OK;
	}
	if (rc != ST_NOTFOUND)
		return rc;
	for (size_t i = 0; i < d->n; i++)
		c->cat[i] = -1;
	return scan(d, c->q, cat_row, c);
}

/* The column of (q, part) for the plain case (every response of the
 * survey, d->n of them): ST_NOTFOUND when there is none (the variable
 * has no column, or the responses changed since d counted them). */
static int plain_column(struct survey_data *d, const struct survey_question *q, const char *part,
			const unsigned char **v, size_t *n)
{
	if (d->no_columns)
		return ST_NOTFOUND;
	int rc = survey_column(d->s, d->a, d->sv, q, part, v, NULL, n);
	return rc == ST_OK && *n != d->n ? ST_NOTFOUND : rc;
}

int survey_variable(const struct survey *sv, const char *var, const struct survey_question **q, const char **sub)
{
	*sub = NULL;
	*q = survey_question_by_code(sv, var);
	if (*q)
		return (*q)->type == SQ_SINGLE || (*q)->type == SQ_DROPDOWN || (*q)->type == SQ_YESNO ? 0 : -1;
	for (size_t i = 0; i < sv->nqs; i++) {
		const struct survey_question *x = &sv->qs[i];
		size_t n = strlen(x->code);
		if (x->type == SQ_ARRAY && strncmp(var, x->code, n) == 0 && var[n] == '_' &&
		    survey_option_index(x, 1, var + n + 1) >= 0) {
			*q = x;
			*sub = x->subs[survey_option_index(x, 1, var + n + 1)].code;
			return 0;
		}
	}
	*q = NULL;
	return -1;
}

int survey_freq(arena *a, const struct survey_data *dc, const struct survey_question *q, const char *sub,
		const char *lang, struct survey_freq *out)
{
	struct survey_data *d = (struct survey_data *)dc; /* its caches grow */
	memset(out, 0, sizeof(*out));
	survey_categories(a, q, lang, &out->k, &out->codes, &out->labels);
	out->counts = arena_alloc(a, (out->k + 1) * sizeof(*out->counts));
	const char *part = sub ? sub : q->type == SQ_RANKING ? "1" : "";
	if (d->lazy && d->plain && !has_cond(d->sv, q)) {
		/* every response, unweighted, the question always shown: one
		 * pass over its column */
		const unsigned char *v;
		size_t n;
		int rc = plain_column(d, q, part, &v, &n);
		if (rc != ST_NOTFOUND) {
			if (rc != ST_OK)
				return rc;
			size_t hist[SURVEY_COL_MAXK + 1] = { 0 };
			for (size_t i = 0; i < n; i++)
				hist[v[i]]++;
			for (size_t x = 0; x < out->k; x++)
				out->counts[x] = (double)hist[x + 1];
			out->no_answer = (double)hist[0];
			return ST_OK;
		}
	}
	if (d->lazy && d->plain && !has_cond(d->sv, q) && q->type != SQ_MULTIPLE) {
		/* the same without a column: the database counts the answers of
		 * the question's one range */
		sqlite3_stmt *st = store_stmt(d->s, "SELECT value, COUNT(*) FROM survey_answer WHERE question_id = ?1 "
						    "AND part = ?2 GROUP BY value");
		if (!st)
			return ST_ERR;
		sqlite3_bind_int64(st, 1, q->id);
		sqlite3_bind_text(st, 2, part, -1, SQLITE_STATIC);
		double answered = 0;
		int k;
		while ((k = store_step(st)) > 0) {
			int x = survey_cat_index(out->codes, out->k, store_col_text(st, 0));
			if (x >= 0) {
				out->counts[x] += (double)sqlite3_column_int64(st, 1);
				answered += (double)sqlite3_column_int64(st, 1);
			}
		}
		sqlite3_reset(st);
		if (k < 0)
			return ST_ERR;
		out->no_answer = (double)d->n - answered;
		return ST_OK;
	}
	if (need_rids(d) != ST_OK)
		return ST_ERR;
	struct cat_ctx c = { q, part, out->codes, out->k, NULL, NULL, NULL };
	if (q->type == SQ_MULTIPLE) {
		c.any = arena_alloc(d->a, d->n + 1);
		c.chose = arena_alloc(d->a, (d->n + 1) * (out->k + 1));
	}
	unsigned char *shown;
	if (cats_of(d, &c) != ST_OK || shown_mask(d, q, &shown) != ST_OK)
		return ST_ERR;
	for (size_t i = 0; i < d->n; i++) {
		double w = weight(d, i);
		if (!shown[i]) {
			out->not_shown += w;
			continue;
		}
		if (q->type == SQ_MULTIPLE) {
			if (!c.any[i]) {
				out->no_answer += w;
				continue;
			}
			out->cases += w;
			for (size_t x = 0; x < out->k; x++)
				if (c.chose[i * out->k + x])
					out->counts[x] += w;
		} else if (c.cat[i] < 0) {
			out->no_answer += w;
		} else {
			out->counts[c.cat[i]] += w;
		}
	}
	return ST_OK;
}

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
	if (need_rids(d) != ST_OK)
		return ST_ERR;
	struct num_ctx c = { arena_alloc(d->a, (d->n + 1) * sizeof(double)), arena_alloc(d->a, d->n + 1) };
	if (scan(d, q, num_row, &c) != ST_OK)
		return ST_ERR;
	double *x = xmalloc((d->n + 1) * sizeof(*x)), *w = xmalloc((d->n + 1) * sizeof(*w));
	size_t m = 0;
	for (size_t i = 0; i < d->n; i++)
		if (c.has[i]) {
			x[m] = c.x[i];
			w[m++] = weight(d, i);
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
	if (scan(d, q, text_row, &c) != ST_OK)
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

int survey_crosstab(arena *a, const struct survey_data *dc, const struct survey *sv, const char *qrow,
		    const char *qcol, const char *lang, struct survey_xtab *out, const char **err)
{
	struct survey_data *d = (struct survey_data *)dc;
	const struct survey_question *q[2];
	const char *sub[2];
	memset(out, 0, sizeof(*out));
	*err = NULL;
	if (survey_variable(sv, qrow, &q[0], &sub[0]) != 0 || survey_variable(sv, qcol, &q[1], &sub[1]) != 0) {
		*err = N_("Eine Kreuztabelle braucht zwei geschlossene Fragen (Einfachauswahl, Ja/Nein oder eine "
			  "Matrixzeile).");
		return ST_CONFLICT;
	}
	size_t k[2];
	const char **codes[2], **labels[2];
	for (int j = 0; j < 2; j++)
		survey_categories(a, q[j], lang, &k[j], &codes[j], &labels[j]);
	out->rows = k[0];
	out->cols = k[1];
	out->row_codes = codes[0];
	out->col_codes = codes[1];
	out->row_labels = labels[0];
	out->col_labels = labels[1];
	out->counts = arena_alloc(a, (k[0] * k[1] + 1) * sizeof(double));
	if (d->lazy && d->plain) {
		/* every response, unweighted: one pass over the two columns */
		const unsigned char *v[2];
		size_t n[2];
		int rc = plain_column(d, q[0], sub[0] ? sub[0] : "", &v[0], &n[0]);
		if (rc == ST_OK)
			rc = plain_column(d, q[1], sub[1] ? sub[1] : "", &v[1], &n[1]);
		if (rc != ST_NOTFOUND) {
			if (rc != ST_OK)
				return rc;
			size_t w = k[1] + 1, *cell = xcalloc((k[0] + 1) * w, sizeof(*cell));
			for (size_t i = 0; i < n[0]; i++)
				cell[v[0][i] * w + v[1][i]]++;
			for (size_t r = 0; r < k[0]; r++)
				for (size_t c = 0; c < k[1]; c++)
					out->counts[r * k[1] + c] = (double)cell[(r + 1) * w + c + 1];
			free(cell);
			return ST_OK;
		}
	}
	if (need_rids(d) != ST_OK)
		return ST_ERR;
	int *cat[2];
	for (int j = 0; j < 2; j++) {
		struct cat_ctx c = { q[j], sub[j] ? sub[j] : "", codes[j], k[j], NULL, NULL, NULL };
		if (cats_of(d, &c) != ST_OK)
			return ST_ERR;
		cat[j] = c.cat;
	}
	for (size_t i = 0; i < d->n; i++)
		if (cat[0][i] >= 0 && cat[1][i] >= 0)
			out->counts[(size_t)cat[0][i] * k[1] + (size_t)cat[1][i]] += weight(d, i);
	return ST_OK;
}

/* ---- the JSON of `lotse analyse` and of the staff's link ---- */

json_t *survey_freq_json(const struct survey_data *d, const struct survey *sv, const char *var, const char **err)
{
	const struct survey_question *q;
	const char *sub;
	*err = NULL;
	if (survey_variable(sv, var, &q, &sub) != 0) {
		*err = N_("Eine Häufigkeitstabelle gibt es für geschlossene Fragen (Einfachauswahl, Ja/Nein oder eine "
			  "Matrixzeile).");
		return NULL;
	}
	arena *a = arena_new();
	struct survey_freq f;
	json_t *j = NULL;
	if (survey_freq(a, d, q, sub, "de", &f) == ST_OK)
		j = stats_json_freq(sv->code, var, f.codes, f.labels, f.counts, f.k, f.no_answer, f.not_shown);
	arena_free(a);
	return j;
}

json_t *survey_crosstab_json(const struct survey_data *d, const struct survey *sv, const char *row, const char *col,
			     const char **err)
{
	arena *a = arena_new();
	struct survey_xtab x;
	json_t *j = NULL;
	if (survey_crosstab(a, d, sv, row, col, "de", &x, err) == ST_OK)
		j = stats_json_crosstab(sv->code, row, col, x.row_codes, x.rows, x.col_codes, x.cols, x.counts);
	arena_free(a);
	return j;
}
