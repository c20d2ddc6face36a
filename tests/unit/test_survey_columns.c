/* test_survey_columns.c — the cells of closed answers
 * (src/surveys/columns.c) hold what was answered: a survey with every
 * closed type (single with "other", drop-down, yes/no, array rows,
 * ranking, multiple choice, a question under a condition) and a few
 * hundred random responses, each also kept here in memory. Every frequency
 * table and several crosstabs, without a filter, with completion, a
 * weight, an expression and both, must equal the tables counted here from
 * the answers kept (to the last bit but for the order of summing weights);
 * every exported cell and every response read back must be the answer
 * kept. Then responses changed in place, an import of responses (appended
 * to the cells), answers written into the answer table by SQL (folded into
 * the cells by the next reader) and a response deleted by SQL. */
#include "surveys/surveys.h"
#include "surveys/columns.h"
#include "surveys/surveys_internal.h"
#include "core/core.h"
#include "search/search.h"
#include "../support/testdb.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct testdb db;

static int setup(void **state)
{
	(void)state;
	search_init();
	return testdb_open(&db);
}

static int teardown(void **state)
{
	(void)state;
	return testdb_close(&db);
}

static const char *const o4[] = { "a", "b", "c", "d" }, *const l4[] = { "A", "B", "C", "D" };
static const char *const o5[] = { "1", "2", "3", "4", "5" }, *const l5[] = { "eins", "zwei", "drei", "vier", "fünf" };
static const char *const sq[] = { "SQ1", "SQ2", "SQ3" }, *const sl[] = { "Schule", "Familie", "Arbeit" };

static int64_t build(void)
{
	int64_t id, page, qid;
	assert_int_equal(survey_create(db.s, "spalten", "Spalten", NULL, &id), ST_OK);
	assert_int_equal(survey_page_add(db.s, id, "Fragen", &page), ST_OK);
	struct survey_qspec qs[] = {
		{ .code = "s1", .type = SQ_SINGLE, .opt_codes = o4, .opt_labels = l4, .nopts = 4, .other = 1 },
		{ .code = "d1", .type = SQ_DROPDOWN, .opt_codes = o5, .opt_labels = l5, .nopts = 3 },
		{ .code = "yn", .type = SQ_YESNO },
		{ .code = "arr", .type = SQ_ARRAY, .opt_codes = o5, .opt_labels = l5, .nopts = 5, .sub_codes = sq,
		  .sub_labels = sl, .nsubs = 3 },
		{ .code = "rk", .type = SQ_RANKING, .opt_codes = o4, .opt_labels = l4, .nopts = 3 },
		{ .code = "m", .type = SQ_MULTIPLE, .opt_codes = o4, .opt_labels = l4, .nopts = 3 },
		{ .code = "w", .type = SQ_NUMBER, .decimals = 1 },
		{ .code = "c1", .type = SQ_SINGLE, .opt_codes = o5, .opt_labels = l5, .nopts = 5, .cond = "yn == \"Y\"" },
	};
	for (size_t i = 0; i < NELEM(qs); i++) {
		qs[i].page_id = page;
		qs[i].text = qs[i].code;
		assert_int_equal(survey_question_save(db.s, id, &qs[i], &qid), ST_OK);
	}
	return id;
}

static unsigned rnd(unsigned *x)
{
	*x = *x * 1103515245u + 12345u;
	return (*x >> 16) & 0x7fff;
}

/* The responses as they were answered, kept here. */
#define MAXR 800
struct ref {
	int64_t rid;
	struct survey_answers as;
	int complete, gone;
};
static struct ref refs[MAXR];
static size_t nrefs;
static arena *ra;

static struct ref *ref_of(int64_t rid)
{
	for (size_t i = 0; i < nrefs; i++)
		if (refs[i].rid == rid && !refs[i].gone)
			return &refs[i];
	return NULL;
}

/* Random answers of one response into as (in ra). */
static int answers(struct survey_answers *as, unsigned *x)
{
	memset(as, 0, sizeof(*as));
	if (rnd(x) % 8)
		survey_answer_set(ra, as, 0, "", rnd(x) % 9 ? o4[rnd(x) % 4] : "other");
	if (rnd(x) % 5)
		survey_answer_set(ra, as, 1, "", o5[rnd(x) % 3]);
	int yes = rnd(x) % 3 != 0;
	if (rnd(x) % 6)
		survey_answer_set(ra, as, 2, "", yes ? "Y" : "N");
	for (size_t s = 0; s < 3; s++)
		if (rnd(x) % 7)
			survey_answer_set(ra, as, 3, sq[s], o5[rnd(x) % 5]);
	if (rnd(x) % 4) {
		unsigned first = rnd(x) % 3;
		survey_answer_set(ra, as, 4, "1", o4[first]);
		survey_answer_set(ra, as, 4, "2", o4[(first + 1) % 3]);
	}
	for (size_t o = 0; o < 3; o++)
		if (rnd(x) % 2)
			survey_answer_set(ra, as, 5, o4[o], "Y");
	if (rnd(x) % 10)
		survey_answer_set(ra, as, 6, "", arena_printf(ra, "%u.%u", 1 + rnd(x) % 3, rnd(x) % 10));
	if (yes && rnd(x) % 5)
		survey_answer_set(ra, as, 7, "", o5[rnd(x) % 5]);
	return (int)(rnd(x) % 4 != 0);
}

/* One random response, collected as on the web. */
static void respond(const struct survey *sv, unsigned *x)
{
	char code[SURVEY_RESUME_LEN + 1];
	assert_true(nrefs < MAXR);
	struct ref *r = &refs[nrefs++];
	assert_int_equal(survey_response_start(db.s, sv, "de", NULL, code, &r->rid), ST_OK);
	r->complete = answers(&r->as, x);
	assert_int_equal(survey_response_save(db.s, sv, r->rid, &r->as, 0, sv->nqs, 1, "de", r->complete), ST_OK);
}

/* Response r answered again (its cells changed in place). */
static void change(const struct survey *sv, struct ref *r, unsigned *x)
{
	int complete = answers(&r->as, x);
	r->complete |= complete;
	assert_int_equal(survey_response_save(db.s, sv, r->rid, &r->as, 0, sv->nqs, 1, "de", complete), ST_OK);
}

static const char *const vars[] = { "s1", "d1", "yn", "arr_SQ1", "arr_SQ2", "arr_SQ3", "c1" };

/* The table of (q, part) counted from the answers kept, as survey_freq
 * defines it. */
static void ref_freq(arena *a, const struct survey *sv, const struct survey_filter *f, const survey_expr *where,
		     const struct survey_question *q, const char *part, struct survey_freq *out)
{
	memset(out, 0, sizeof(*out));
	survey_categories(a, q, "de", &out->k, &out->codes, &out->labels);
	out->counts = arena_alloc(a, (out->k + 1) * sizeof(double));
	size_t qi = (size_t)(q - sv->qs);
	const struct survey_question *wq = f->weight ? survey_question_by_code(sv, f->weight) : NULL;
	for (size_t i = 0; i < nrefs; i++) {
		const struct ref *r = &refs[i];
		if (r->gone || (f->complete_only && !r->complete))
			continue;
		if (where) {
			struct survey_eval ev = { sv, &r->as, a };
			struct survey_expr_error ee;
			if (survey_expr_eval(where, survey_lookup, &ev, &ee) != 1)
				continue;
		}
		double w = 1;
		if (wq) {
			const char *v = survey_answer_get(&r->as, (size_t)(wq - sv->qs), "");
			w = v ? atof(v) : 0;
		}
		if (!survey_question_shown(sv, &r->as, qi)) {
			out->not_shown += w;
			continue;
		}
		if (q->type == SQ_MULTIPLE) {
			int any = 0;
			for (size_t k = 0; k < out->k; k++)
				if (survey_answer_get(&r->as, qi, out->codes[k])) {
					out->counts[k] += w;
					any = 1;
				}
			if (any)
				out->cases += w;
			else
				out->no_answer += w;
			continue;
		}
		const char *v = survey_answer_get(&r->as, qi, part);
		int k = v ? survey_cat_index(out->codes, out->k, v) : -1;
		if (k < 0)
			out->no_answer += w;
		else
			out->counts[k] += w;
	}
}

static int near(double x, double y)
{
	return fabs(x - y) <= 1e-9 * (1 + fabs(x));
}

static void same_freq(const struct survey_freq *x, const struct survey_freq *y)
{
	assert_int_equal(x->k, y->k);
	for (size_t i = 0; i < x->k; i++) {
		assert_string_equal(x->codes[i], y->codes[i]);
		assert_true(near(x->counts[i], y->counts[i]));
	}
	assert_true(near(x->no_answer, y->no_answer));
	assert_true(near(x->not_shown, y->not_shown));
}

/* Every table of sv under f against the answers kept; the number of
 * answers counted (so that a test of nothing fails). */
static double compare(const struct survey *sv, const struct survey_filter *f)
{
	struct survey_data *d;
	const char *err;
	assert_int_equal(survey_data_load(db.s, sv, f, &d, &err), ST_OK);
	arena *a = arena_new();
	survey_expr *where = NULL;
	struct survey_expr_error pe;
	if (f->where)
		assert_int_equal(survey_expr_parse(a, f->where, &where, &pe), 0);
	double counted = 0;
	for (size_t i = 0; i < NELEM(vars); i++) {
		const struct survey_question *q;
		const char *sub;
		assert_int_equal(survey_variable(sv, vars[i], &q, &sub), 0);
		struct survey_freq fc, ft;
		assert_int_equal(survey_freq(a, d, q, sub, "de", &fc), ST_OK);
		ref_freq(a, sv, f, where, q, sub ? sub : "", &ft);
		same_freq(&fc, &ft);
		for (size_t k = 0; k < fc.k; k++)
			counted += fc.counts[k];
	}
	/* the ranking's first rank, and a multiple choice */
	static const char *const other[] = { "rk", "m" };
	for (size_t i = 0; i < NELEM(other); i++) {
		const struct survey_question *q = survey_question_by_code(sv, other[i]);
		struct survey_freq fc, ft;
		assert_int_equal(survey_freq(a, d, q, NULL, "de", &fc), ST_OK);
		ref_freq(a, sv, f, where, q, q->type == SQ_RANKING ? "1" : "", &ft);
		same_freq(&fc, &ft);
		assert_true(near(fc.cases, ft.cases));
	}
	/* crosstabs: the responses that answered both */
	for (size_t i = 0; i < NELEM(vars); i++)
		for (size_t j = 0; j < NELEM(vars); j += 2) {
			struct survey_xtab xc;
			assert_int_equal(survey_crosstab(a, d, sv, vars[i], vars[j], "de", &xc, &err), ST_OK);
			const struct survey_question *q[2];
			const char *sub[2];
			assert_int_equal(survey_variable(sv, vars[i], &q[0], &sub[0]), 0);
			assert_int_equal(survey_variable(sv, vars[j], &q[1], &sub[1]), 0);
			double *want = arena_alloc(a, (xc.rows * xc.cols + 1) * sizeof(double));
			const struct survey_question *wq = f->weight ? survey_question_by_code(sv, f->weight) : NULL;
			for (size_t r = 0; r < nrefs; r++) {
				const struct ref *x = &refs[r];
				if (x->gone || (f->complete_only && !x->complete))
					continue;
				if (where) {
					struct survey_eval ev = { sv, &x->as, a };
					struct survey_expr_error ee;
					if (survey_expr_eval(where, survey_lookup, &ev, &ee) != 1)
						continue;
				}
				const char *v0 = survey_answer_get(&x->as, (size_t)(q[0] - sv->qs), sub[0] ? sub[0] : "");
				const char *v1 = survey_answer_get(&x->as, (size_t)(q[1] - sv->qs), sub[1] ? sub[1] : "");
				int k0 = v0 ? survey_cat_index(xc.row_codes, xc.rows, v0) : -1;
				int k1 = v1 ? survey_cat_index(xc.col_codes, xc.cols, v1) : -1;
				const char *wv = wq ? survey_answer_get(&x->as, (size_t)(wq - sv->qs), "") : NULL;
				if (k0 >= 0 && k1 >= 0)
					want[(size_t)k0 * xc.cols + (size_t)k1] += wq ? (wv ? atof(wv) : 0) : 1;
			}
			for (size_t c = 0; c < xc.rows * xc.cols; c++)
				assert_true(near(xc.counts[c], want[c]));
		}
	arena_free(a);
	survey_data_free(d);
	return counted;
}

static void compare_all(const struct survey *sv)
{
	const struct survey_filter fs[] = {
		{ 0 },
		{ .complete_only = 1 },
		{ .weight = "w" },
		{ .where = "d1 != \"2\"" },
		{ .where = "yn == \"N\" or s1 == \"b\"", .weight = "w", .complete_only = 1 },
		{ .where = "selected(m, \"b\")" },
	};
	for (size_t i = 0; i < NELEM(fs); i++)
		assert_true(compare(sv, &fs[i]) > 100);
}

/* The export's rows (whose closed cells come from the cells) and each
 * response read back hold the answers kept: the header names the
 * variable, the first cell the response. */
struct check_ctx {
	const struct survey *sv;
	size_t *q;
	const char **part;
	size_t n;
	long rows;
};

static void same_value(const char *want, const char *got)
{
	if (!want || !got)
		assert_ptr_equal(want, got);
	else
		assert_string_equal(want, got);
}

static int check_row(void *ctx, const char *const *cells, size_t n)
{
	struct check_ctx *c = ctx;
	if (!c->q) { /* the header */
		c->q = calloc(n, sizeof(*c->q));
		c->part = calloc(n, sizeof(*c->part));
		c->n = n;
		for (size_t i = 5; i < n; i++) {
			const char *us = strchr(cells[i], '_');
			char code[16];
			size_t len = us ? (size_t)(us - cells[i]) : strlen(cells[i]);
			assert_true(len < sizeof(code));
			memcpy(code, cells[i], len);
			code[len] = 0;
			const struct survey_question *q = survey_question_by_code(c->sv, code);
			assert_non_null(q);
			c->q[i] = (size_t)(q - c->sv->qs);
			c->part[i] = us ? strdup(us + 1) : "";
		}
		return ST_OK;
	}
	const struct ref *r = ref_of(atol(cells[0]));
	assert_non_null(r);
	arena *a = arena_new();
	struct survey_answers back;
	assert_int_equal(survey_response_answers(db.s, a, c->sv, r->rid, &back), ST_OK);
	for (size_t i = 5; i < n; i++) {
		const char *want = survey_answer_get(&r->as, c->q[i], c->part[i]);
		same_value(want, cells[i]);
		same_value(want, survey_answer_get(&back, c->q[i], c->part[i]));
	}
	assert_int_equal(back.n, r->as.n);
	arena_free(a);
	c->rows++;
	return ST_OK;
}

static void check_export(const struct survey *sv)
{
	long want = 0;
	for (size_t i = 0; i < nrefs; i++)
		want += !refs[i].gone;
	struct check_ctx c = { sv, NULL, NULL, 0, 0 };
	struct survey_export_sink k = { check_row, &c };
	long rows;
	assert_int_equal(survey_export_walk(db.s, sv, 0, &k, &rows), ST_OK);
	assert_int_equal(rows, want);
	assert_int_equal(c.rows, want);
	for (size_t i = 5; i < c.n; i++)
		if (*c.part[i])
			free((char *)c.part[i]);
	free(c.q);
	free(c.part);
}

/* Closed answers are only in the cells: the answer table holds the
 * numbers alone. */
static void only_cells(void)
{
	assert_int_equal(testdb_scalar(db.s, "SELECT COUNT(*) FROM survey_answer a JOIN survey_question q "
					    "ON q.id = a.question_id WHERE q.type <> 'number'"), 0);
}

static void test_cells_hold_the_answers(void **state)
{
	(void)state;
	ra = arena_new();
	int64_t id = build();
	arena *a = arena_new();
	struct survey sv;
	assert_int_equal(survey_load(db.s, a, id, &sv), ST_OK);
	unsigned x = 2027;
	for (int i = 0; i < 400; i++)
		respond(&sv, &x);
	only_cells();
	compare_all(&sv);
	check_export(&sv);
	assert_int_equal(testdb_scalar(db.s, "SELECT n FROM survey_cells WHERE var = '#rid'"), 400);
	assert_int_equal(testdb_scalar(db.s, "SELECT COUNT(*) FROM survey_cells_stale"), 0);
	/* answers changed: in place, the tables follow */
	for (size_t i = 0; i < 400; i += 7)
		change(&sv, &refs[i], &x);
	respond(&sv, &x);
	only_cells();
	compare_all(&sv);
	check_export(&sv);
	/* imported responses are appended to the cells */
	char *csv = NULL;
	size_t len = 0;
	FILE *in = open_memstream(&csv, &len);
	fputs("status,s1,d1,yn,arr_SQ1,arr_SQ2,arr_SQ3,rk_1,m_b,w,c1\n", in);
	size_t first = nrefs;
	for (int i = 0; i < 150; i++) {
		const char *row[] = { i % 5 ? o4[i % 4] : "other", i % 4 ? o5[i % 3] : "", i % 2 ? "Y" : "N", o5[i % 5], "",
				      o5[(i / 2) % 5], o4[i % 3], i % 3 ? "Y" : "", "1.5", i % 2 ? o5[(i / 3) % 5] : "" };
		static const size_t qn[] = { 0, 1, 2, 3, 3, 3, 4, 5, 6, 7 };
		static const char *const pn[] = { "", "", "", "SQ1", "SQ2", "SQ3", "1", "b", "", "" };
		struct ref *r = &refs[nrefs++];
		r->complete = i % 3 != 0;
		fputs(r->complete ? "complete" : "partial", in);
		for (size_t c = 0; c < NELEM(row); c++) {
			fprintf(in, ",%s", row[c]);
			if (*row[c])
				survey_answer_set(ra, &r->as, qn[c], pn[c], row[c]);
		}
		fputs("\n", in);
	}
	fputs("complete,zz,1,Y,,,,,,,\n", in); /* a bad row: left out */
	fclose(in);
	in = fmemopen(csv, len, "r");
	FILE *report = fopen("/dev/null", "w");
	long rows, bad;
	assert_int_equal(survey_responses_import(db.s, &sv, in, report, &rows, &bad), ST_OK);
	fclose(in);
	fclose(report);
	free(csv);
	assert_int_equal(rows, 150);
	assert_int_equal(bad, 1);
	assert_int_equal(testdb_scalar(db.s, "PRAGMA foreign_keys"), 1); /* back on after the import */
	sqlite3_stmt *st = store_stmt(db.s, "SELECT id FROM survey_response WHERE survey_id = ?1 ORDER BY id LIMIT -1 OFFSET ?2");
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)first);
	for (size_t i = first; i < nrefs; i++) {
		assert_int_equal(store_step(st), 1);
		refs[i].rid = sqlite3_column_int64(st, 0);
	}
	assert_int_equal(store_step(st), 0);
	sqlite3_reset(st);
	assert_int_equal(testdb_scalar(db.s, "SELECT n FROM survey_cells WHERE var = '#rid'"), 551);
	only_cells();
	compare_all(&sv);
	check_export(&sv);
	/* responses written by SQL with closed answers in the answer table (an
	 * older lotse, a script) and one deleted: the next reader folds them
	 * into the cells */
	char sql[512];
	snprintf(sql, sizeof(sql), "INSERT INTO survey_response (id, survey_id, status) VALUES (900001, %lld, 'complete'); "
		 "INSERT INTO survey_answer (question_id, response_id, part, value) VALUES (%lld, 900001, '', 'c'), "
		 "(%lld, 900001, 'SQ2', '4'), (%lld, 900001, 'a', 'Y'); DELETE FROM survey_response WHERE id = %lld",
		 (long long)id, (long long)sv.qs[0].id, (long long)sv.qs[3].id, (long long)sv.qs[5].id, (long long)refs[3].rid);
	assert_int_equal(store_exec(db.s, sql), ST_OK);
	refs[3].gone = 1;
	struct ref *r = &refs[nrefs++];
	r->rid = 900001;
	r->complete = 1;
	survey_answer_set(ra, &r->as, 0, "", "c");
	survey_answer_set(ra, &r->as, 3, "SQ2", "4");
	survey_answer_set(ra, &r->as, 5, "a", "Y");
	compare_all(&sv);
	only_cells();
	check_export(&sv);
	assert_int_equal(testdb_scalar(db.s, "SELECT n FROM survey_cells WHERE var = '#rid'"), 551);
	assert_int_equal(testdb_scalar(db.s, "SELECT COUNT(*) FROM survey_cells_stale"), 0);
	arena_free(a);
	arena_free(ra);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cells_hold_the_answers),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
