/* test_stats.c — src/core/stats.c against values computed independently
 * with SciPy and NumPy (tests/unit/fixtures/stats/make.py, which names
 * the command that made the JSON files), to 1e-9 relative; and the
 * small table helpers against numbers worked by hand. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/stats.h"
#include "core/stats_json.h"

static json_t *fixture(const char *name)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/tests/unit/fixtures/stats/%s", SRC_DIR, name);
	json_error_t err;
	json_t *j = json_load_file(path, 0, &err);
	if (!j)
		fail_msg("%s: %s", path, err.text);
	return j;
}

static int checked;

/* got equals want to 1e-9 relative (1e-300 absolute for values that
 * underflow); a JSON null wants NaN. */
static void near(const char *what, size_t i, double got, json_t *want)
{
	checked++;
	if (json_is_null(want)) {
		if (!isnan(got))
			fail_msg("%s [%zu]: %.17g, want NaN", what, i, got);
		return;
	}
	double w = json_number_value(want);
	double d = fabs(got - w);
	if (!(d <= 1e-9 * fabs(w) || d <= 1e-300 || (w == 0 && fabs(got) < 1e-15)))
		fail_msg("%s [%zu]: %.17g, want %.17g (relative error %.3g)", what, i, got, w, d / fabs(w));
}

static double num(json_t *o, const char *key)
{
	return json_number_value(json_object_get(o, key));
}

static void test_distributions(void **state)
{
	(void)state;
	json_t *d = fixture("distributions.json");
	json_t *c;
	size_t i;
	json_array_foreach(json_object_get(d, "gamma"), i, c) {
		near("gamma_p", i, stats_gamma_p(num(c, "a"), num(c, "x")), json_object_get(c, "p"));
		near("gamma_q", i, stats_gamma_q(num(c, "a"), num(c, "x")), json_object_get(c, "q"));
	}
	json_array_foreach(json_object_get(d, "chi2"), i, c)
		near("chi2_sf", i, stats_chi2_sf(num(c, "x"), num(c, "df")), json_object_get(c, "sf"));
	json_array_foreach(json_object_get(d, "beta"), i, c)
		near("beta_inc", i, stats_beta_inc(num(c, "a"), num(c, "b"), num(c, "x")), json_object_get(c, "i"));
	json_array_foreach(json_object_get(d, "t"), i, c)
		near("t_cdf", i, stats_t_cdf(num(c, "t"), num(c, "df")), json_object_get(c, "cdf"));
	json_array_foreach(json_object_get(d, "tq"), i, c)
		near("t_quantile", i, stats_t_quantile(num(c, "p"), num(c, "df")), json_object_get(c, "q"));
	json_decref(d);
	assert_true(isnan(stats_gamma_q(0, 1)));
	assert_true(isnan(stats_gamma_q(1, -1)));
	assert_true(isnan(stats_t_quantile(1, 5)));
	assert_true(isnan(stats_chi2_sf(3, 0)));
	assert_true(stats_chi2_sf(0, 3) == 1);
}

static double *numbers(json_t *a, size_t *n)
{
	*n = json_array_size(a);
	double *v = calloc(*n ? *n : 1, sizeof *v);
	for (size_t i = 0; i < *n; i++)
		v[i] = json_number_value(json_array_get(a, i));
	return v;
}

static void test_summary(void **state)
{
	(void)state;
	json_t *d = fixture("summary.json");
	json_t *c;
	size_t i;
	json_array_foreach(d, i, c) {
		size_t n, nw;
		double *x = numbers(json_object_get(c, "x"), &n);
		double *w = json_is_null(json_object_get(c, "w")) ? NULL : numbers(json_object_get(c, "w"), &nw);
		struct stats_summary s;
		assert_int_equal(stats_summary(x, w, n, &s), 0);
		near("n", i, s.n, json_object_get(c, "n"));
		near("mean", i, s.mean, json_object_get(c, "mean"));
		near("sd", i, s.sd, json_object_get(c, "sd"));
		near("ci_low", i, s.ci_low, json_object_get(c, "ci_low"));
		near("ci_high", i, s.ci_high, json_object_get(c, "ci_high"));
		near("min", i, s.min, json_object_get(c, "min"));
		near("max", i, s.max, json_object_get(c, "max"));
		if (!json_is_null(json_object_get(c, "q1"))) {
			near("q1", i, s.q1, json_object_get(c, "q1"));
			near("median", i, s.median, json_object_get(c, "median"));
			near("q3", i, s.q3, json_object_get(c, "q3"));
		}
		free(x);
		free(w);
	}
	json_decref(d);
	/* nothing, bad weights, bad values */
	struct stats_summary s;
	double x[] = { 1, 2, 3 }, bad[] = { 1, -1, 1 }, zero[] = { 0, 0, 0 };
	assert_int_equal(stats_summary(x, NULL, 0, &s), 0);
	assert_true(s.n == 0 && isnan(s.mean) && isnan(s.median));
	assert_int_equal(stats_summary(x, zero, 3, &s), 0);
	assert_true(s.n == 0 && isnan(s.max));
	assert_int_equal(stats_summary(x, bad, 3, &s), -1);
	double inf[] = { 1, INFINITY };
	assert_int_equal(stats_summary(inf, NULL, 2, &s), -1);
	double sorted[] = { 1, 2, 4, 8 };
	assert_true(stats_quantile7(sorted, 4, 0.5) == 3);
	assert_true(stats_quantile7(sorted, 4, 1) == 8);
	assert_true(stats_quantile7(sorted, 1, 0.3) == 1);
}

static void test_crosstab(void **state)
{
	(void)state;
	json_t *d = fixture("crosstab.json");
	json_t *c;
	size_t i;
	json_array_foreach(d, i, c) {
		json_t *rows = json_object_get(c, "counts");
		size_t r = json_array_size(rows), k = json_array_size(json_array_get(rows, 0));
		double *t = calloc(r * k, sizeof *t);
		for (size_t a = 0; a < r; a++)
			for (size_t b = 0; b < k; b++)
				t[a * k + b] = json_number_value(json_array_get(json_array_get(rows, a), b));
		json_t *raw = json_object_get(c, "raw");
		if (raw) {
			/* counting the raw data gives the same table */
			size_t n, n2, nw;
			double *da = numbers(json_object_get(raw, "a"), &n);
			double *db = numbers(json_object_get(raw, "b"), &n2);
			double *w = json_is_null(json_object_get(raw, "w")) ? NULL
									: numbers(json_object_get(raw, "w"), &nw);
			int *ia = calloc(n, sizeof *ia), *ib = calloc(n, sizeof *ib);
			for (size_t j = 0; j < n; j++) {
				ia[j] = (int)da[j];
				ib[j] = (int)db[j];
			}
			double *t2 = calloc(r * k, sizeof *t2), other = 0;
			assert_int_equal(stats_count2(ia, ib, w, n, t2, r, k, &other), 0);
			assert_true(other == 0);
			for (size_t j = 0; j < r * k; j++)
				near("count2", j, t2[j], json_array_get(json_array_get(rows, j / k), j % k));
			free(t2);
			free(ia);
			free(ib);
			free(da);
			free(db);
			free(w);
		}
		struct stats_chi2 s;
		assert_int_equal(stats_chi2_test(t, r, k, &s), 0);
		assert_int_equal(s.rows, json_integer_value(json_object_get(c, "rows")));
		assert_int_equal(s.cols, json_integer_value(json_object_get(c, "cols")));
		near("n", i, s.n, json_object_get(c, "n"));
		near("chi2", i, s.chi2, json_object_get(c, "chi2"));
		near("df", i, s.df, json_object_get(c, "df"));
		near("p", i, s.p, json_object_get(c, "p"));
		near("cramers_v", i, s.cramers_v, json_object_get(c, "cramers_v"));
		near("min_expected", i, s.min_expected, json_object_get(c, "min_expected"));
		assert_int_equal(s.cells_below_5, json_integer_value(json_object_get(c, "cells_below_5")));
		free(t);
	}
	json_decref(d);
	double bad[] = { 1, -2, 3, 4 };
	struct stats_chi2 s;
	assert_int_equal(stats_chi2_test(bad, 2, 2, &s), -1);
}

static void test_wilson(void **state)
{
	(void)state;
	json_t *d = fixture("wilson.json");
	json_t *c;
	size_t i;
	json_array_foreach(d, i, c) {
		double lo, hi;
		stats_wilson(num(c, "x"), num(c, "n"), STATS_Z95, &lo, &hi);
		near("z", i, STATS_Z95, json_object_get(c, "z"));
		near("low", i, lo, json_object_get(c, "low"));
		near("high", i, hi, json_object_get(c, "high"));
	}
	json_decref(d);
	/* Newcombe (1998), table I: 0/10 gives 0 to 0.2775, 1/10 0.0179 to 0.4042 */
	double lo, hi;
	stats_wilson(0, 10, STATS_Z95, &lo, &hi);
	assert_true(lo == 0 && fabs(hi - 0.2775) < 5e-5);
	stats_wilson(1, 10, STATS_Z95, &lo, &hi);
	assert_true(fabs(lo - 0.0179) < 5e-5 && fabs(hi - 0.4042) < 5e-5);
	stats_wilson(1, 0, STATS_Z95, &lo, &hi);
	assert_true(isnan(lo) && isnan(hi));
}

static const double none0[5] = { 0 };

static void test_tables(void **state)
{
	(void)state;
	int codes[] = { 0, 1, 1, 2, -1, 7, 2, 2 };
	double w[] = { 1, 0.5, 0.5, 2, 3, 1, 1, 1 }, counts[3] = { 0 }, other = 0;
	assert_int_equal(stats_count(codes, w, 8, counts, 3, &other), 0);
	assert_true(counts[0] == 1 && counts[1] == 1 && counts[2] == 4 && other == 4);
	double c2[3] = { 0 };
	assert_int_equal(stats_count(codes, NULL, 8, c2, 3, NULL), 0);
	assert_true(c2[0] == 1 && c2[1] == 2 && c2[2] == 3);
	double badw[] = { 1, NAN };
	double c3[3] = { 0 };
	assert_int_equal(stats_count(codes, badw, 2, c3, 3, NULL), -1);
	assert_true(c3[0] == 0);
	double pct[3];
	stats_percent(counts, 3, 8, pct);
	assert_true(pct[0] == 12.5 && pct[2] == 50);
	stats_percent(counts, 3, 0, pct);
	assert_true(pct[0] == 0);
	/* 10 cases chose 4 + 6 + 5 answers: 40/60/50 % of cases, of 15 answers */
	double mc[] = { 4, 6, 5 }, pc[3], pa[3];
	assert_true(stats_multi(mc, 3, 10, pc, pa) == 15);
	assert_true(pc[0] == 40 && pc[1] == 60 && pc[2] == 50);
	assert_true(fabs(pa[0] + pa[1] + pa[2] - 100) < 1e-12 && fabs(pa[1] - 40) < 1e-12);
	/* row and column percentages; an empty row and column give 0 */
	double t[] = { 1, 3, 0, 0, 0, 0, 3, 1, 0 }, rp[9], cp[9];
	stats_row_percent(t, 3, 3, rp);
	stats_col_percent(t, 3, 3, cp);
	assert_true(rp[0] == 25 && rp[1] == 75 && rp[2] == 0 && rp[3] == 0 && rp[6] == 75 && rp[7] == 25);
	assert_true(cp[0] == 25 && cp[6] == 75 && cp[1] == 75 && cp[7] == 25 && cp[2] == 0 && cp[8] == 0);
	/* Likert 5: top 2 of 2 + 3 + 5 + 6 + 4 = 20 is 50 % */
	double lik[] = { 2, 3, 5, 6, 4 };
	assert_true(stats_top_box(lik, 5, 2) == 50);
	assert_true(stats_top_box(lik, 5, 0) == 0 && stats_top_box(lik, 5, 5) == 100);
	assert_true(stats_top_box(none0, 5, 2) == 0);
}

/* The JSON of the issue, exactly: keys, order of rows, integers for
 * whole counts, reals for weighted ones, null for what is undefined. */
static void test_json(void **state)
{
	(void)state;
	const char *codes[] = { "A1", "A2", "A3" }, *labels[] = { "ja", "nein", NULL };
	double counts[] = { 6, 2, 0 };
	json_t *j = stats_json_freq("bedarf", "Q1", codes, labels, counts, 3, 2, 5);
	assert_non_null(j);
	char *s = json_dumps(j, JSON_SORT_KEYS | JSON_COMPACT);
	assert_string_equal(s, "{\"n\":10,\"no_answer\":2,\"not_shown\":5,\"question\":\"Q1\",\"rows\":["
		"{\"code\":\"A1\",\"label\":\"ja\",\"n\":6,\"percent\":60,\"valid_percent\":75},"
		"{\"code\":\"A2\",\"label\":\"nein\",\"n\":2,\"percent\":20,\"valid_percent\":25},"
		"{\"code\":\"A3\",\"label\":\"\",\"n\":0,\"percent\":0,\"valid_percent\":0}],"
		"\"survey\":\"bedarf\"}");
	free(s);
	json_decref(j);
	/* weighted: reals */
	double wc[] = { 1.5, 0.5, 0 };
	j = stats_json_freq("bedarf", "Q1", codes, labels, wc, 3, 0, 0);
	assert_true(json_is_real(json_object_get(j, "n")) == 0 && json_integer_value(json_object_get(j, "n")) == 2);
	json_t *r0 = json_array_get(json_object_get(j, "rows"), 0);
	assert_true(json_is_real(json_object_get(r0, "n")) && json_real_value(json_object_get(r0, "n")) == 1.5);
	assert_true(json_number_value(json_object_get(r0, "percent")) == 75);
	json_decref(j);
	/* nothing answered: percentages 0, not a division by zero */
	double none[] = { 0, 0, 0 };
	j = stats_json_freq("bedarf", "Q1", codes, labels, none, 3, 0, 4);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(json_object_get(j, "rows"), 1), "percent")), 0);
	json_decref(j);
	double neg[] = { 1, -1, 0 };
	assert_null(stats_json_freq("bedarf", "Q1", codes, labels, neg, 3, 0, 0));
	const char *badcode[] = { "A1", "\xff", "A3" };
	assert_null(stats_json_freq("bedarf", "Q1", badcode, labels, counts, 3, 0, 0));

	/* the crosstab with an empty row and column: the fixture's numbers */
	json_t *d = fixture("crosstab.json"), *c = json_array_get(d, 5);
	double t[9];
	for (size_t i = 0; i < 9; i++)
		t[i] = json_number_value(json_array_get(json_array_get(json_object_get(c, "counts"), i / 3), i % 3));
	const char *rc[] = { "r1", "r2", "r3" }, *cc[] = { "c1", "c2", "c3" };
	j = stats_json_crosstab("bedarf", "Q1", "Q2", rc, 3, cc, 3, t);
	assert_non_null(j);
	assert_int_equal(json_array_size(json_object_get(j, "row_codes")), 3);
	assert_string_equal(json_string_value(json_array_get(json_object_get(j, "col_codes"), 2)), "c3");
	assert_int_equal(json_integer_value(json_array_get(json_array_get(json_object_get(j, "counts"), 2), 2)), 40);
	near("json n", 0, json_number_value(json_object_get(j, "n")), json_object_get(c, "n"));
	near("json chi2", 0, json_number_value(json_object_get(j, "chi2")), json_object_get(c, "chi2"));
	near("json df", 0, json_number_value(json_object_get(j, "df")), json_object_get(c, "df"));
	near("json p", 0, json_number_value(json_object_get(j, "p")), json_object_get(c, "p"));
	near("json v", 0, json_number_value(json_object_get(j, "cramers_v")), json_object_get(c, "cramers_v"));
	near("json min_expected", 0, json_number_value(json_object_get(j, "min_expected")),
		json_object_get(c, "min_expected"));
	assert_int_equal(json_integer_value(json_object_get(j, "cells_expected_below_5")),
		json_integer_value(json_object_get(c, "cells_below_5")));
	const char *keys[] = { "survey", "row", "col", "row_codes", "col_codes", "counts", "n", "chi2", "df", "p",
		"cramers_v", "min_expected", "cells_expected_below_5" };
	assert_int_equal(json_object_size(j), 13);
	for (size_t i = 0; i < 13; i++)
		assert_non_null(json_object_get(j, keys[i]));
	json_decref(j);
	/* one column left: no test, nulls */
	double one[] = { 5, 0, 7, 0 };
	j = stats_json_crosstab("bedarf", "Q1", "Q2", rc, 2, cc, 2, one);
	assert_true(json_is_null(json_object_get(j, "chi2")) && json_is_null(json_object_get(j, "p")) &&
		json_is_null(json_object_get(j, "cramers_v")));
	json_decref(j);
	json_decref(d);
}

static void test_checked(void **state)
{
	(void)state;
	/* the fixtures were read: a missing file or key cannot pass quietly */
	printf("%d values checked\n", checked);
	assert_true(checked > 700);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_distributions),
		cmocka_unit_test(test_summary),
		cmocka_unit_test(test_crosstab),
		cmocka_unit_test(test_wilson),
		cmocka_unit_test(test_tables),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_checked),
	};
	return cmocka_run_group_tests_name("stats", tests, NULL, NULL);
}
