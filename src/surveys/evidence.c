/* evidence.c — the needs the surveys' responses express, for the evidence
 * loop (#17): survey_evidence_needs() of surveys.h.
 *
 * What a tag counts (docs/surveys.md, "Tags"): an answer option tagged
 * with a term counts when it was chosen (single choice, drop-down, a
 * multiple choice's ticked option, a ranked option); a yes/no question's
 * own tags when it was answered yes; an array row's tags when its answer
 * lies in the scale's top box (the last two options of a scale of four or
 * more, else the last one, as the analysis's top-2). A response's stage,
 * group, district and language are those of the earliest question that
 * gives them. Complete responses count, by the day they were completed.
 *
 * The answers come from the cells of the tagged questions (columns.h);
 * responses that answered alike are counted together, each distinct
 * combination once. */
#include "surveys/surveys.h"
#include "surveys/columns.h"
#include "core/core.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The need terms of a survey, each with the questions that carry it. */
struct need_term {
	const char *term;
	unsigned char *q; /* per question: 1 when it or one of its options has the tag */
};

struct need_terms {
	struct need_term *v;
	size_t n, cap;
};

/* Mark question i as carrying the need term (added when new). */
static void mark_term(arena *a, struct need_terms *t, const char *term, size_t nqs, size_t i)
{
	if (!term)
		return;
	size_t k = 0;
	while (k < t->n && strcmp(t->v[k].term, term) != 0)
		k++;
	if (k == t->n) {
		t->v = arena_grow(a, t->v, t->n, &t->cap, sizeof(*t->v), 8);
		t->v[k] = (struct need_term){ term, arena_alloc(a, nqs) };
		memset(t->v[k].q, 0, nqs);
		t->n++;
	}
	t->v[k].q[i] = 1;
}

static void collect_terms(arena *a, const struct survey *sv, struct need_terms *t)
{
	for (size_t i = 0; i < sv->nqs; i++) {
		const struct survey_question *q = &sv->qs[i];
		mark_term(a, t, q->tags[SURVEY_DIM_NEED], sv->nqs, i);
		for (size_t k = 0; k < q->nopts; k++)
			mark_term(a, t, q->opts[k].tags[SURVEY_DIM_NEED], sv->nqs, i);
		for (size_t k = 0; k < q->nsubs; k++)
			mark_term(a, t, q->subs[k].tags[SURVEY_DIM_NEED], sv->nqs, i);
	}
}

/* The tags an answer (part, value) to q brings, or NULL. */
static const char *const *answer_tags(const struct survey_question *q, const char *part, const char *value)
{
	int k;
	switch (q->type) {
	case SQ_SINGLE:
	case SQ_DROPDOWN:
		k = *part ? -1 : survey_option_index(q, 0, value);
		return k < 0 ? NULL : q->opts[k].tags;
	case SQ_MULTIPLE:
		k = strcmp(value, "Y") == 0 ? survey_option_index(q, 0, part) : -1;
		return k < 0 ? NULL : q->opts[k].tags;
	case SQ_RANKING:
		k = survey_option_index(q, 0, value);
		return k < 0 ? NULL : q->opts[k].tags;
	case SQ_YESNO:
		return !*part && strcmp(value, "Y") == 0 ? q->tags : NULL;
	case SQ_ARRAY: {
		int sub = survey_option_index(q, 1, part), v = survey_option_index(q, 0, value);
		size_t top = q->nopts >= 4 ? 2 : 1;
		return sub >= 0 && v >= 0 && (size_t)v + top >= q->nopts ? q->subs[sub].tags : NULL;
	}
	default:
		return NULL;
	}
}

/* One response as it is read: what it answered, its cell, its needs. */
struct resp_acc {
	unsigned char *answered; /* per question */
	unsigned char *needs;    /* per need term */
	const char *dim[SURVEY_DIMS];
	size_t dim_q[SURVEY_DIMS]; /* the question that gave dim[d] */
	double w;
};

static void resp_reset(struct resp_acc *r, size_t nqs, size_t nterms, int weighted)
{
	memset(r->answered, 0, nqs);
	memset(r->needs, 0, nterms ? nterms : 1);
	for (int d = 0; d < SURVEY_DIMS; d++) {
		r->dim[d] = "";
		r->dim_q[d] = (size_t)-1;
	}
	r->w = weighted ? 0 : 1;
}

struct need_rows {
	struct survey_need *v;
	size_t n, cap;
};

/* Add the response to the rows of its cell: its needs, and the base of
 * every need whose questions it answered. */
static void resp_flush(arena *a, const struct survey *sv, const struct need_terms *t, const struct resp_acc *r,
		       struct need_rows *rows)
{
	for (size_t i = 0; i < t->n; i++) {
		int asked = 0;
		for (size_t q = 0; q < sv->nqs && !asked; q++)
			asked = t->v[i].q[q] && r->answered[q];
		if (!asked)
			continue;
		struct survey_need *row = NULL;
		for (size_t k = 0; k < rows->n && !row; k++) {
			struct survey_need *x = &rows->v[k];
			if (strcmp(x->need, t->v[i].term) == 0 && strcmp(x->stage, r->dim[SURVEY_DIM_STAGE]) == 0 &&
			    strcmp(x->group, r->dim[SURVEY_DIM_GROUP]) == 0 &&
			    strcmp(x->district, r->dim[SURVEY_DIM_DISTRICT]) == 0 &&
			    strcmp(x->language, r->dim[SURVEY_DIM_LANGUAGE]) == 0 && strcmp(x->survey_code, sv->code) == 0)
				row = x;
		}
		if (!row) {
			rows->v = arena_grow(a, rows->v, rows->n, &rows->cap, sizeof(*rows->v), 32);
			row = &rows->v[rows->n++];
			*row = (struct survey_need){
				.need = arena_strdup(a, t->v[i].term),
				.stage = arena_strdup(a, r->dim[SURVEY_DIM_STAGE]),
				.group = arena_strdup(a, r->dim[SURVEY_DIM_GROUP]),
				.district = arena_strdup(a, r->dim[SURVEY_DIM_DISTRICT]),
				.language = arena_strdup(a, r->dim[SURVEY_DIM_LANGUAGE]),
				.survey_code = arena_strdup(a, sv->code),
			};
		}
		row->base += r->w;
		if (r->needs[i])
			row->count += r->w;
	}
}

static int has_tags(const struct survey_question *q)
{
	for (int d = 0; d < SURVEY_DIMS; d++) {
		if (q->tags[d])
			return 1;
		for (size_t k = 0; k < q->nopts; k++)
			if (q->opts[k].tags[d])
				return 1;
		for (size_t k = 0; k < q->nsubs; k++)
			if (q->subs[k].tags[d])
				return 1;
	}
	return 0;
}

/* The complete responses of sv completed in [from, to]: ids, ascending. */
static int done_ids(struct store *s, arena *a, const struct survey *sv, const char *from, const char *to,
		    int64_t **ids, size_t *n)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT id FROM survey_response WHERE survey_id = ?1 AND status = 'complete' "
					 "AND substr(completed_at, 1, 10) BETWEEN COALESCE(?2, '') AND COALESCE(?3, '9999') "
					 "ORDER BY id");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, sv->id);
	if (from)
		sqlite3_bind_text(st, 2, from, -1, SQLITE_STATIC);
	if (to)
		sqlite3_bind_text(st, 3, to, -1, SQLITE_STATIC);
	size_t cap = 0;
	int k;
	*ids = NULL;
	*n = 0;
	while ((k = store_step(st)) > 0) {
		*ids = arena_grow(a, *ids, *n, &cap, sizeof(**ids), 4096);
		(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_clear_bindings(st);
	sqlite3_reset(st);
	return k == 0 ? ST_OK : ST_ERR;
}

/* The weights of the responses ids[0..n) (0 and no mark in gave when a
 * response has none). */
static int weights(struct store *s, const struct survey_question *wq, const int64_t *ids, size_t n, double *w,
		   unsigned char *gave)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT response_id, value FROM survey_answer WHERE question_id = ?1 "
					 "AND part = '' ORDER BY response_id");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, wq->id);
	size_t at = 0;
	int k;
	while ((k = store_step(st)) > 0) {
		int64_t rid = sqlite3_column_int64(st, 0);
		while (at < n && ids[at] < rid)
			at++;
		if (at >= n)
			break;
		if (ids[at] != rid)
			continue;
		const char *value = store_col_text(st, 1);
		char *end;
		double x = strtod(value, &end);
		w[at] = *end || end == value || !isfinite(x) || x < 0 ? 0 : x;
		gave[at] = 1;
	}
	sqlite3_reset(st);
	return k >= 0 ? ST_OK : ST_ERR;
}

/* One combination of answers as a response: what it answered, its cell
 * and its needs, into r. */
static void combo_resp(const struct survey *sv, const struct need_terms *t, const struct survey_colvals *vars, size_t nv,
		       const unsigned char *key, const struct survey_question *wq, struct resp_acc *r)
{
	for (size_t j = 0; j < nv; j++) {
		if (!key[j] || key[j] > vars[j].k)
			continue;
		size_t qi = vars[j].qi;
		const struct survey_question *q = &sv->qs[qi];
		r->answered[qi] = 1;
		const char *const *tags = answer_tags(q, vars[j].part, vars[j].codes[key[j] - 1]);
		for (int d = 0; tags && d < SURVEY_DIMS; d++) {
			if (!tags[d])
				continue;
			if (d == SURVEY_DIM_NEED) {
				for (size_t i = 0; i < t->n; i++)
					if (strcmp(t->v[i].term, tags[d]) == 0)
						r->needs[i] = 1;
			} else if (qi < r->dim_q[d]) {
				r->dim[d] = tags[d];
				r->dim_q[d] = qi;
			}
		}
	}
	if (wq && key[nv])
		r->answered[wq - sv->qs] = 1;
}

/* Read the complete responses of sv completed in [from, to] into rows:
 * from the cells of the tagged questions. */
static int survey_needs(struct store *s, arena *a, arena *tmp, const struct survey *sv, const char *from,
			const char *to, struct need_rows *rows)
{
	struct need_terms t = { 0 };
	collect_terms(tmp, sv, &t);
	if (!t.n || !sv->nqs)
		return ST_OK;
	const struct survey_question *wq = *sv->weight ? survey_question_by_code(sv, sv->weight) : NULL;
	if (wq && wq->type != SQ_NUMBER)
		wq = NULL;
	int64_t *ids;
	size_t n;
	int rc = done_ids(s, tmp, sv, from, to, &ids, &n);
	if (rc != ST_OK || !n)
		return rc;
	/* the variables of the tagged questions, each response's byte */
	struct survey_colvals *vars = NULL;
	size_t nv = 0, vcap = 0;
	const int64_t *cids = NULL;
	size_t *slot = NULL;
	for (size_t qi = 0; rc == ST_OK && qi < sv->nqs; qi++) {
		const struct survey_question *q = &sv->qs[qi];
		const char **parts;
		size_t np = has_tags(q) ? survey_col_parts(tmp, q, &parts) : 0;
		for (size_t p = 0; rc == ST_OK && p < np; p++) {
			const unsigned char *v;
			size_t m;
			rc = survey_column(s, tmp, sv, q, parts[p], &v, cids ? NULL : &cids, &m);
			if (rc != ST_OK)
				break;
			if (!slot) {
				slot = arena_alloc(tmp, (n + 1) * sizeof(*slot));
				for (size_t i = 0, j = 0; i < n; i++) {
					while (j < m && cids[j] < ids[i])
						j++;
					slot[i] = j < m && cids[j] == ids[i] ? j : SIZE_MAX;
				}
			}
			unsigned char *b = arena_alloc(tmp, n + 1);
			for (size_t i = 0; i < n; i++)
				b[i] = slot[i] < m ? v[slot[i]] : 0;
			vars = arena_grow(tmp, vars, nv, &vcap, sizeof(*vars), 16);
			vars[nv] = (struct survey_colvals){ qi, parts[p], NULL, 0, b };
			survey_col_codes(tmp, q, parts[p], &vars[nv].k, &vars[nv].codes);
			nv++;
		}
	}
	double *w = NULL;
	unsigned char *gave = NULL;
	if (rc == ST_OK && wq) {
		w = arena_alloc(tmp, (n + 1) * sizeof(*w));
		gave = arena_alloc(tmp, n + 1);
		memset(w, 0, (n + 1) * sizeof(*w));
		memset(gave, 0, n + 1);
		rc = weights(s, wq, ids, n, w, gave);
	}
	if (rc != ST_OK)
		return rc;
	/* count the combinations, then each once */
	struct survey_combos c = { .width = nv + 1 };
	unsigned char *key = arena_alloc(tmp, nv + 1);
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < nv; j++)
			key[j] = vars[j].v[i];
		key[nv] = gave ? gave[i] : 0;
		survey_combo_add(&c, key, w ? w[i] : 1, NULL);
	}
	struct resp_acc r = { .answered = arena_alloc(tmp, sv->nqs), .needs = arena_alloc(tmp, t.n) };
	for (size_t g = 0; g < c.n; g++) {
		resp_reset(&r, sv->nqs, t.n, 0);
		combo_resp(sv, &t, vars, nv, c.keys + g * c.width, wq, &r);
		r.w = c.w[g];
		resp_flush(a, sv, &t, &r, rows);
	}
	survey_combos_free(&c);
	return ST_OK;
}

int survey_evidence_needs(struct store *s, arena *a, const char *from, const char *to, struct survey_need **out,
			  size_t *n)
{
	*out = NULL;
	*n = 0;
	/* the surveys that collect (or did) and have a need tag */
	sqlite3_stmt *st = store_stmt(s, "SELECT s.id FROM survey s WHERE s.status <> 'draft' AND EXISTS "
					 "(SELECT 1 FROM survey_tag t JOIN survey_question q ON q.id = t.question_id "
					 "WHERE q.survey_id = s.id AND t.dim = 'need') ORDER BY s.id");
	if (!st)
		return ST_ERR;
	int64_t *ids = NULL;
	size_t nids = 0, cap = 0;
	int k;
	while ((k = store_step(st)) > 0) {
		ids = arena_grow(a, ids, nids, &cap, sizeof(*ids), 8);
		ids[nids++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	int rc = k == 0 ? ST_OK : ST_ERR;
	struct need_rows rows = { 0 };
	for (size_t i = 0; rc == ST_OK && i < nids; i++) {
		arena *tmp = arena_new();
		struct survey sv;
		rc = survey_load(s, tmp, ids[i], &sv);
		/* the cells up to date first (a write only when they are not),
		 * then one consistent read of them */
		if (rc == ST_OK)
			rc = survey_cells_sync(s, &sv);
		struct store_tx tx;
		if (rc == ST_OK && (rc = store_tx_read(s, &tx)) == ST_OK)
			rc = store_tx_end(s, &tx, survey_needs(s, a, tmp, &sv, from, to, &rows));
		arena_free(tmp);
	}
	if (rc == ST_OK) {
		*out = rows.v;
		*n = rows.n;
	}
	return rc;
}
