/* test_survey_columns.c — the column store of closed answers
 * (src/surveys/columns.c) gives the same tables as the answer table: a
 * survey with every closed type (single with "other", drop-down, yes/no,
 * array rows, ranking, a question under a condition) and a few hundred
 * random responses; every frequency table and several crosstabs, without
 * a filter, with completion, a weight, an expression and both, computed
 * once from the columns and once from the answer table, must be equal to
 * the last bit. Then a new response (the columns are dropped and built
 * again) and an import of responses (appended to the kept columns). */
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

/* One random response (some answers left out; "other" now and then). */
static void respond(const struct survey *sv, unsigned *x)
{
	arena *a = arena_new();
	char code[SURVEY_RESUME_LEN + 1];
	int64_t rid;
	assert_int_equal(survey_response_start(db.s, sv, "de", NULL, code, &rid), ST_OK);
	struct survey_answers as = { 0 };
	if (rnd(x) % 8)
		survey_answer_set(a, &as, 0, "", rnd(x) % 9 ? o4[rnd(x) % 4] : "other");
	if (rnd(x) % 5)
		survey_answer_set(a, &as, 1, "", o5[rnd(x) % 3]);
	int yes = rnd(x) % 3 != 0;
	if (rnd(x) % 6)
		survey_answer_set(a, &as, 2, "", yes ? "Y" : "N");
	for (size_t s = 0; s < 3; s++)
		if (rnd(x) % 7)
			survey_answer_set(a, &as, 3, sq[s], o5[rnd(x) % 5]);
	if (rnd(x) % 4) {
		unsigned first = rnd(x) % 3;
		survey_answer_set(a, &as, 4, "1", o4[first]);
		survey_answer_set(a, &as, 4, "2", o4[(first + 1) % 3]);
	}
	for (size_t o = 0; o < 3; o++)
		if (rnd(x) % 2)
			survey_answer_set(a, &as, 5, o4[o], "Y");
	if (rnd(x) % 10)
		survey_answer_set(a, &as, 6, "", arena_printf(a, "%u.%u", 1 + rnd(x) % 3, rnd(x) % 10));
	if (yes && rnd(x) % 5)
		survey_answer_set(a, &as, 7, "", o5[rnd(x) % 5]);
	assert_int_equal(survey_response_save(db.s, sv, rid, &as, 0, sv->nqs, 1, "de", (int)(rnd(x) % 4 != 0)), ST_OK);
	arena_free(a);
}

static const char *const vars[] = { "s1", "d1", "yn", "arr_SQ1", "arr_SQ2", "arr_SQ3", "c1" };

static void same_freq(const struct survey_freq *x, const struct survey_freq *y)
{
	assert_int_equal(x->k, y->k);
	for (size_t i = 0; i < x->k; i++) {
		assert_string_equal(x->codes[i], y->codes[i]);
		assert_true(x->counts[i] == y->counts[i]);
	}
	assert_true(x->no_answer == y->no_answer);
	assert_true(x->not_shown == y->not_shown);
}

/* Every table of sv under f from the columns and from the answer table;
 * the number of answers counted (so that a test of nothing fails). */
static double compare(const struct survey *sv, const struct survey_filter *f)
{
	struct survey_data *dc, *dt;
	const char *err;
	assert_int_equal(survey_data_load(db.s, sv, f, &dc, &err), ST_OK);
	assert_int_equal(survey_data_load(db.s, sv, f, &dt, &err), ST_OK);
	survey_data_use_columns(dt, 0);
	arena *a = arena_new();
	double counted = 0;
	for (size_t i = 0; i < NELEM(vars); i++) {
		const struct survey_question *q;
		const char *sub;
		assert_int_equal(survey_variable(sv, vars[i], &q, &sub), 0);
		struct survey_freq fc, ft;
		assert_int_equal(survey_freq(a, dc, q, sub, "de", &fc), ST_OK);
		assert_int_equal(survey_freq(a, dt, q, sub, "de", &ft), ST_OK);
		same_freq(&fc, &ft);
		for (size_t k = 0; k < fc.k; k++)
			counted += fc.counts[k];
	}
	/* the ranking's first rank, and a multiple choice (no column) */
	static const char *const other[] = { "rk", "m" };
	for (size_t i = 0; i < NELEM(other); i++) {
		const struct survey_question *q = survey_question_by_code(sv, other[i]);
		struct survey_freq fc, ft;
		assert_int_equal(survey_freq(a, dc, q, NULL, "de", &fc), ST_OK);
		assert_int_equal(survey_freq(a, dt, q, NULL, "de", &ft), ST_OK);
		same_freq(&fc, &ft);
	}
	for (size_t i = 0; i < NELEM(vars); i++)
		for (size_t j = 0; j < NELEM(vars); j += 2) {
			struct survey_xtab xc, xt;
			assert_int_equal(survey_crosstab(a, dc, sv, vars[i], vars[j], "de", &xc, &err), ST_OK);
			assert_int_equal(survey_crosstab(a, dt, sv, vars[i], vars[j], "de", &xt, &err), ST_OK);
			assert_int_equal(xc.rows, xt.rows);
			assert_int_equal(xc.cols, xt.cols);
			for (size_t c = 0; c < xc.rows * xc.cols; c++)
				assert_true(xc.counts[c] == xt.counts[c]);
		}
	arena_free(a);
	survey_data_free(dc);
	survey_data_free(dt);
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
	};
	for (size_t i = 0; i < NELEM(fs); i++)
		assert_true(compare(sv, &fs[i]) > 100);
}

/* The export's rows (whose closed cells come from the column store) hold
 * each response's stored answers: the header names the variable, the
 * first cell the response. */
struct check_ctx {
	const struct survey *sv;
	size_t *q;
	const char **part;
	size_t n;
	long rows;
};

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
	arena *a = arena_new();
	struct survey_answers as;
	assert_int_equal(survey_response_answers(db.s, a, c->sv, atol(cells[0]), &as), ST_OK);
	for (size_t i = 5; i < n; i++) {
		const char *want = survey_answer_get(&as, c->q[i], c->part[i]);
		if (!want || !cells[i])
			assert_ptr_equal(want, cells[i]);
		else
			assert_string_equal(want, cells[i]);
	}
	arena_free(a);
	c->rows++;
	return ST_OK;
}

static void check_export(const struct survey *sv, long want)
{
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

static void test_columns_same_as_table(void **state)
{
	(void)state;
	int64_t id = build();
	arena *a = arena_new();
	struct survey sv;
	assert_int_equal(survey_load(db.s, a, id, &sv), ST_OK);
	unsigned x = 2027;
	for (int i = 0; i < 400; i++)
		respond(&sv, &x);
	assert_int_equal(testdb_scalar(db.s, "SELECT COUNT(*) FROM survey_column"), 0);
	compare_all(&sv);
	/* the columns were built and kept: the ids and each variable's */
	assert_int_equal(testdb_scalar(db.s, "SELECT COUNT(*) FROM survey_column"), 1 + NELEM(vars) + 1);
	assert_int_equal(testdb_scalar(db.s, "SELECT length(data) FROM survey_column WHERE var = '#rid'"), 8 * 400);
	/* a new response drops them; the tables count it */
	respond(&sv, &x);
	assert_int_equal(testdb_scalar(db.s, "SELECT COUNT(*) FROM survey_column"), 0);
	compare_all(&sv);
	assert_int_equal(testdb_scalar(db.s, "SELECT length(data) FROM survey_column WHERE var = '#rid'"), 8 * 401);
	check_export(&sv, 401);
	/* imported responses are appended to the kept columns */
	char *csv = NULL;
	size_t len = 0;
	FILE *in = open_memstream(&csv, &len);
	fputs("status,s1,d1,yn,arr_SQ1,arr_SQ2,arr_SQ3,rk_1,w,c1\n", in);
	for (int i = 0; i < 150; i++)
		fprintf(in, "%s,%s,%s,%s,%s,,%s,%s,1.5,%s\n", i % 3 ? "complete" : "partial", i % 5 ? o4[i % 4] : "other",
			i % 4 ? o5[i % 3] : "", i % 2 ? "Y" : "N", o5[i % 5], o5[(i / 2) % 5], o4[i % 3],
			i % 2 ? o5[(i / 3) % 5] : "");
	fputs("complete,zz,1,Y,,,,,,\n", in); /* a bad row: left out */
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
	assert_int_equal(testdb_scalar(db.s, "SELECT length(data) FROM survey_column WHERE var = '#rid'"), 8 * 551);
	/* every closed variable's column (the export built those of all three
	 * ranks) was kept and appended to */
	assert_int_equal(testdb_scalar(db.s, "SELECT COUNT(*) FROM survey_column WHERE length(data) = 551"), NELEM(vars) + 3);
	compare_all(&sv);
	check_export(&sv, 551);
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_columns_same_as_table),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
