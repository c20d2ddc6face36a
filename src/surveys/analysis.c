/* analysis.c — the numbers of a survey's responses: which responses pass
 * a filter (an expression over the answers, completion, a date range)
 * with their weights, and from them frequency tables, multiple response,
 * numeric summaries, open answers and crosstabs (the statistics
 * themselves are core/stats.h). The same numbers for the staff's pages,
 * their JSON and `lotse analyse`.
 *
 * A closed variable's answers are its cells (columns.h: one byte per
 * response, in order of id), an open question's one range of the answer
 * table (kept in order of question and response); both are matched to the
 * responses kept, which are in order of their id. Conditions (a question
 * not shown, the filter) need a response's other answers: those are read
 * once, all of them, when the first condition needs them. */
#include "surveys/surveys.h"
#include "surveys/columns.h"
#include "surveys/analysis_internal.h"
#include "core/core.h"
#include "core/i18n.h"
#include "core/stats.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


static int load_rids(struct survey_data *d);

/* The ids of the responses, when they were left for later. Call before
 * sizing anything by d->n. */
int survey_data_need_rids(struct survey_data *d)
{
	if (!d->lazy)
		return ST_OK;
	d->lazy = 0;
	d->n = 0;
	return load_rids(d);
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

/* slot[i] of each response kept (the cells' ids matched to d's). */
static int need_slots(struct survey_data *d)
{
	if (d->slot)
		return ST_OK;
	if (survey_data_need_rids(d) != ST_OK)
		return ST_ERR;
	const int64_t *ids;
	const unsigned char *v;
	size_t n;
	/* any variable gives the ids; the first closed one of the survey */
	for (size_t qi = 0; qi < d->sv->nqs; qi++) {
		const char **parts;
		if (!survey_col_parts(d->a, &d->sv->qs[qi], &parts))
			continue;
		if (survey_column(d->s, d->a, d->sv, &d->sv->qs[qi], parts[0], &v, &ids, &n) != ST_OK)
			return ST_ERR;
		d->slot = arena_alloc(d->a, (d->n + 1) * sizeof(*d->slot));
		for (size_t i = 0, j = 0; i < d->n; i++) {
			while (j < n && ids[j] < d->rids[i])
				j++;
			d->slot[i] = j < n && ids[j] == d->rids[i] ? j : SIZE_MAX;
		}
		return ST_OK;
	}
	d->slot = arena_alloc(d->a, (d->n + 1) * sizeof(*d->slot));
	for (size_t i = 0; i < d->n; i++)
		d->slot[i] = SIZE_MAX;
	return ST_OK;
}

/* The byte of each response kept for variable (q, part) (0 no answer),
 * in d->a. ST_NOTFOUND: it has no cells. */
static int aligned(struct survey_data *d, const struct survey_question *q, const char *part, unsigned char **out)
{
	if (!survey_col_kind(q, part))
		return ST_NOTFOUND;
	if (need_slots(d) != ST_OK)
		return ST_ERR;
	const unsigned char *v;
	size_t n;
	if (survey_column(d->s, d->a, d->sv, q, part, &v, NULL, &n) != ST_OK)
		return ST_ERR;
	unsigned char *b = arena_alloc(d->a, d->n + 1);
	for (size_t i = 0; i < d->n; i++)
		b[i] = d->slot[i] < n ? v[d->slot[i]] : 0;
	*out = b;
	return ST_OK;
}

/* Call fn for each answer of question q of the responses kept: (index
 * of the response, part, value); the cells' first, then the answer
 * table's, each in order of the responses. */
int survey_data_scan(const struct survey_data *dc, const struct survey_question *q, survey_row_fn fn, void *ctx)
{
	struct survey_data *d = (struct survey_data *)dc; /* its caches grow */
	if (d->lazy && survey_data_need_rids(d) != ST_OK)
		return ST_ERR;
	const char **parts;
	size_t np = survey_col_parts(d->a, q, &parts);
	for (size_t p = 0; p < np; p++) {
		unsigned char *b;
		size_t k;
		const char **codes;
		if (aligned(d, q, parts[p], &b) != ST_OK)
			return ST_ERR;
		survey_col_codes(d->a, q, parts[p], &k, &codes);
		for (size_t i = 0; i < d->n; i++)
			if (b[i] && b[i] <= k)
				fn(ctx, i, parts[p], codes[b[i] - 1]);
	}
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
	if (survey_data_need_rids(d) != ST_OK)
		return ST_ERR;
	if (!d->all) {
		d->all = arena_alloc(d->a, (d->n + 1) * sizeof(*d->all));
		d->loaded = arena_alloc(d->a, d->sv->nqs + 1);
	}
	if (d->loaded[qi])
		return ST_OK;
	d->loaded[qi] = 1;
	void *c[2] = { d, &qi };
	return survey_data_scan(d, &d->sv->qs[qi], all_row, c);
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

/* Mark the questions an expression reads (as need_expr finds them). */
static void mark_expr(const struct survey_data *d, arena *a, const survey_expr *e, int depth, unsigned char *mark)
{
	if (!e || depth > 16)
		return;
	const char **refs;
	size_t n = survey_expr_refs(a, e, &refs);
	for (size_t i = 0; i < n; i++)
		for (size_t qi = 0; qi < d->sv->nqs; qi++) {
			const struct survey_question *q = &d->sv->qs[qi];
			size_t len = strlen(q->code);
			if (mark[qi] || (strcmp(q->code, refs[i]) != 0 &&
					 !(strncmp(q->code, refs[i], len) == 0 && refs[i][len] == '_')))
				continue;
			mark[qi] = 1;
			mark_expr(d, a, q->expr, depth + 1, mark);
			mark_expr(d, a, d->sv->pages[q->page].expr, depth + 1, mark);
		}
}

/* The variables of the questions an expression (and, when q is not NULL,
 * q's condition and its page's) reads, each response's bytes; ST_NOTFOUND
 * when one of them has answers outside the cells (then the answers are
 * read whole). */
static int expr_vars(struct survey_data *d, const survey_expr *e, const struct survey_question *q,
		     struct survey_colvals **out, size_t *nv)
{
	unsigned char *mark = arena_alloc(d->a, d->sv->nqs + 1);
	mark_expr(d, d->a, e, 0, mark);
	if (q) {
		mark_expr(d, d->a, q->expr, 0, mark);
		mark_expr(d, d->a, d->sv->pages[q->page].expr, 0, mark);
	}
	struct survey_colvals *v = NULL;
	size_t n = 0, cap = 0;
	for (size_t qi = 0; qi < d->sv->nqs; qi++) {
		if (!mark[qi])
			continue;
		const struct survey_question *x = &d->sv->qs[qi];
		const char **parts;
		size_t np = survey_col_parts(d->a, x, &parts);
		if (!survey_col_whole(x, np) || n + np > 64)
			return ST_NOTFOUND;
		for (size_t p = 0; p < np; p++) {
			v = arena_grow(d->a, v, n, &cap, sizeof(*v), 8);
			unsigned char *b;
			if (aligned(d, x, parts[p], &b) != ST_OK)
				return ST_ERR;
			v[n] = (struct survey_colvals){ qi, parts[p], NULL, 0, b };
			survey_col_codes(d->a, x, parts[p], &v[n].k, &v[n].codes);
			n++;
		}
	}
	*out = v;
	*nv = n;
	return ST_OK;
}

struct memo_ctx {
	const struct survey *sv;
	const survey_expr *where;
	size_t qi;
	arena *a;
};

static int memo_where(void *ctx, const struct survey_answers *as)
{
	struct memo_ctx *c = ctx;
	struct survey_eval ev = { c->sv, as, c->a };
	struct survey_expr_error ee;
	return survey_expr_eval(c->where, survey_lookup, &ev, &ee) == 1;
}

static int memo_shown(void *ctx, const struct survey_answers *as)
{
	struct memo_ctx *c = ctx;
	return survey_question_shown(c->sv, as, c->qi);
}

static int has_cond(const struct survey *sv, const struct survey_question *q)
{
	return q->expr || sv->pages[q->page].expr;
}

/* shown[i]: was question q shown to response i (all 1 when it has no
 * condition)? In d->a. */
static int shown_mask(struct survey_data *d, const struct survey_question *q, unsigned char **out)
{
	if (survey_data_need_rids(d) != ST_OK)
		return ST_ERR;
	unsigned char *m = arena_alloc(d->a, d->n + 1);
	memset(m, 1, d->n + 1);
	*out = m;
	if (!has_cond(d->sv, q))
		return ST_OK;
	/* once per combination of the answers the conditions read */
	struct survey_colvals *vars;
	size_t nv;
	int rc = d->all ? ST_NOTFOUND : expr_vars(d, NULL, q, &vars, &nv);
	if (rc == ST_OK) {
		struct memo_ctx c = { d->sv, NULL, (size_t)(q - d->sv->qs), d->a };
		return survey_memo_eval(vars, nv, d->n, memo_shown, &c, m);
	}
	if (rc != ST_NOTFOUND)
		return rc;
	if (need_expr(d, q->expr, 0) != ST_OK || need_expr(d, d->sv->pages[q->page].expr, 0) != ST_OK)
		return ST_ERR;
	size_t qi = (size_t)(q - d->sv->qs);
	for (size_t i = 0; i < d->n; i++)
		m[i] = (unsigned char)survey_question_shown(d->sv, &d->all[i], qi);
	return ST_OK;
}

static int load_rids(struct survey_data *d)
{
	if (!d->complete_only && !d->from && !d->to) {
		/* every response: the cells' ids, response i in slot i */
		int64_t *ids;
		if (survey_cells_ids(d->s, d->a, d->sv->id, &ids, &d->n) != ST_OK)
			return ST_ERR;
		d->rids = ids;
		d->slot = arena_alloc(d->a, (d->n + 1) * sizeof(*d->slot));
		for (size_t i = 0; i < d->n; i++)
			d->slot[i] = i;
		return ST_OK;
	}
	/* completion alone: in the order of the index, nothing to sort */
	int dates = d->from || d->to;
	sqlite3_stmt *st = store_stmt(d->s, dates ? "SELECT id FROM survey_response WHERE survey_id = ?1 "
						    "AND (?2 = 0 OR status = 'complete') AND (?3 IS NULL OR started_at >= ?3) "
						    "AND (?4 IS NULL OR started_at < ?4 || ' 99') ORDER BY id"
						  : "SELECT id FROM survey_response WHERE survey_id = ?1 AND status = 'complete' "
						    "ORDER BY id");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, d->sv->id);
	if (dates) {
		sqlite3_bind_int(st, 2, d->complete_only);
		if (d->from)
			sqlite3_bind_text(st, 3, d->from, -1, SQLITE_STATIC);
		if (d->to)
			sqlite3_bind_text(st, 4, d->to, -1, SQLITE_STATIC);
	}
	size_t cap = 0;
	int k;
	d->rids = NULL;
	while ((k = store_step(st)) > 0) {
		d->rids = arena_grow(d->a, d->rids, d->n, &cap, sizeof(*d->rids), 1024);
		d->rids[d->n++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_clear_bindings(st);
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
	if (survey_cells_sync(s, sv) != ST_OK)
		return ST_ERR;
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
		/* which responses pass: once per combination of the answers the
		 * expression reads when those are all in cells, else response by
		 * response over their answers */
		struct survey_colvals *vars;
		size_t nv;
		unsigned char *keep = arena_alloc(d->a, d->n + 1);
		rc = expr_vars(d, where, NULL, &vars, &nv);
		if (rc == ST_OK) {
			struct memo_ctx c = { sv, where, 0, d->a };
			rc = survey_memo_eval(vars, nv, d->n, memo_where, &c, keep);
		} else if (rc == ST_NOTFOUND) {
			rc = need_expr(d, where, 0);
			for (size_t i = 0; rc == ST_OK && i < d->n; i++) {
				struct survey_eval ev = { sv, &d->all[i], d->a };
				struct survey_expr_error ee;
				keep[i] = survey_expr_eval(where, survey_lookup, &ev, &ee) == 1;
			}
		}
		if (rc != ST_OK)
			goto out;
		size_t m = 0;
		for (size_t i = 0; i < d->n; i++)
			if (keep[i]) {
				d->rids[m] = d->rids[i];
				if (d->slot)
					d->slot[m] = d->slot[i];
				if (d->all)
					d->all[m] = d->all[i];
				m++;
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

double survey_data_weight(const struct survey_data *d, size_t i)
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
 * from its cells when the variable has them, else from the answers. */
static int cats_of(struct survey_data *d, struct cat_ctx *c)
{
	if (survey_data_need_rids(d) != ST_OK)
		return ST_ERR;
	c->cat = arena_alloc(d->a, (d->n + 1) * sizeof(*c->cat));
	unsigned char *b;
	int rc = c->q->type == SQ_MULTIPLE ? ST_NOTFOUND : aligned(d, c->q, c->part, &b);
	if (rc == ST_OK) {
		for (size_t i = 0; i < d->n; i++)
			c->cat[i] = (int)b[i] - 1;
		return ST_OK;
	}
	if (rc != ST_NOTFOUND)
		return rc;
	for (size_t i = 0; i < d->n; i++)
		c->cat[i] = -1;
	return survey_data_scan(d, c->q, cat_row, c);
}

/* The column of (q, part) for the plain case (every response of the
 * survey, d->n of them): ST_NOTFOUND when there is none (the variable
 * has no column, or the responses changed since d counted them). */
static int plain_column(struct survey_data *d, const struct survey_question *q, const char *part,
			const unsigned char **v, size_t *n)
{
	int rc = survey_column(d->s, d->a, d->sv, q, part, v, NULL, n);
	return rc == ST_OK && *n != d->n ? ST_NOTFOUND : rc;
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
	if (d->lazy && d->plain && !has_cond(d->sv, q) && q->type != SQ_MULTIPLE && !survey_col_kind(q, part)) {
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
	if (survey_data_need_rids(d) != ST_OK)
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
		double w = survey_data_weight(d, i);
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
	if (survey_data_need_rids(d) != ST_OK)
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
			out->counts[(size_t)cat[0][i] * k[1] + (size_t)cat[1][i]] += survey_data_weight(d, i);
	return ST_OK;
}
