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
 * gives them. Complete responses count, by the day they were completed. */
#include "surveys/surveys.h"
#include "core/core.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* A question's id and its index in the survey, to find answers' questions. */
struct qref {
	int64_t id;
	size_t i;
};

static int by_id(const void *x, const void *y)
{
	const struct qref *a = x, *b = y;
	return a->id < b->id ? -1 : a->id > b->id;
}

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

/* Read the complete responses of sv completed in [from, to] into rows. */
static int survey_needs(struct store *s, arena *a, arena *tmp, const struct survey *sv, const char *from,
			const char *to, struct need_rows *rows)
{
	struct need_terms t = { 0 };
	collect_terms(tmp, sv, &t);
	if (!t.n || !sv->nqs)
		return ST_OK;
	struct qref *ids = arena_alloc(tmp, sv->nqs * sizeof(*ids));
	for (size_t i = 0; i < sv->nqs; i++)
		ids[i] = (struct qref){ sv->qs[i].id, i };
	qsort(ids, sv->nqs, sizeof(*ids), by_id);
	const struct survey_question *wq = *sv->weight ? survey_question_by_code(sv, sv->weight) : NULL;
	if (wq && wq->type != SQ_NUMBER)
		wq = NULL;
	struct resp_acc r = { .answered = arena_alloc(tmp, sv->nqs), .needs = arena_alloc(tmp, t.n) };
	resp_reset(&r, sv->nqs, t.n, wq != NULL);
	sqlite3_stmt *st = store_stmt(s,
		"SELECT r.id, a.question_id, a.part, a.value FROM survey_response r "
		"JOIN survey_answer a ON a.response_id = r.id WHERE r.survey_id = ?1 AND r.status = 'complete' "
		"AND substr(r.completed_at, 1, 10) BETWEEN COALESCE(?2, '') AND COALESCE(?3, '9999') ORDER BY r.id");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, sv->id);
	if (from)
		sqlite3_bind_text(st, 2, from, -1, SQLITE_STATIC);
	if (to)
		sqlite3_bind_text(st, 3, to, -1, SQLITE_STATIC);
	int64_t cur = 0;
	int k;
	while ((k = store_step(st)) > 0) {
		int64_t rid = sqlite3_column_int64(st, 0);
		if (rid != cur) {
			if (cur)
				resp_flush(a, sv, &t, &r, rows);
			resp_reset(&r, sv->nqs, t.n, wq != NULL);
			cur = rid;
		}
		struct qref key = { sqlite3_column_int64(st, 1), 0 };
		const struct qref *hit = bsearch(&key, ids, sv->nqs, sizeof(*ids), by_id);
		if (!hit)
			continue;
		const struct survey_question *q = &sv->qs[hit->i];
		const char *part = store_col_text(st, 2), *value = store_col_text(st, 3);
		r.answered[hit->i] = 1;
		if (q == wq) {
			char *end;
			double x = strtod(value, &end);
			r.w = *end || end == value || !isfinite(x) || x < 0 ? 0 : x;
			continue;
		}
		const char *const *tags = answer_tags(q, part, value);
		for (int d = 0; tags && d < SURVEY_DIMS; d++) {
			if (!tags[d])
				continue;
			if (d == SURVEY_DIM_NEED) {
				for (size_t i = 0; i < t.n; i++)
					if (strcmp(t.v[i].term, tags[d]) == 0)
						r.needs[i] = 1;
			} else if (hit->i < r.dim_q[d]) {
				r.dim[d] = tags[d];
				r.dim_q[d] = hit->i;
			}
		}
	}
	if (k == 0 && cur)
		resp_flush(a, sv, &t, &r, rows);
	sqlite3_clear_bindings(st);
	sqlite3_reset(st);
	return k == 0 ? ST_OK : ST_ERR;
}

int survey_evidence_needs(struct store *s, arena *a, const char *from, const char *to, struct survey_need **out,
			  size_t *n)
{
	*out = NULL;
	*n = 0;
	struct store_tx tx;
	int rc = store_tx_read(s, &tx);
	if (rc != ST_OK)
		return rc;
	/* the surveys that collect (or did) and have a need tag */
	sqlite3_stmt *st = store_stmt(s, "SELECT s.id FROM survey s WHERE s.status <> 'draft' AND EXISTS "
					 "(SELECT 1 FROM survey_tag t JOIN survey_question q ON q.id = t.question_id "
					 "WHERE q.survey_id = s.id AND t.dim = 'need') ORDER BY s.id");
	if (!st)
		return store_tx_end(s, &tx, ST_ERR);
	int64_t *ids = NULL;
	size_t nids = 0, cap = 0;
	int k;
	while ((k = store_step(st)) > 0) {
		ids = arena_grow(a, ids, nids, &cap, sizeof(*ids), 8);
		ids[nids++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	rc = k == 0 ? ST_OK : ST_ERR;
	struct need_rows rows = { 0 };
	for (size_t i = 0; rc == ST_OK && i < nids; i++) {
		arena *tmp = arena_new();
		struct survey sv;
		rc = survey_load(s, tmp, ids[i], &sv);
		if (rc == ST_OK)
			rc = survey_needs(s, a, tmp, &sv, from, to, &rows);
		arena_free(tmp);
	}
	rc = store_tx_end(s, &tx, rc);
	if (rc == ST_OK) {
		*out = rows.v;
		*n = rows.n;
	}
	return rc;
}
