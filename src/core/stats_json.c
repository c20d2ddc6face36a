/* stats_json.c — frequency tables and crosstabs as the JSON of
 * `lotse analyse --json` (see stats_json.h). */
#include <math.h>

#include <string.h>

#include "core/core.h"
#include "core/stats.h"
#include "core/stats_json.h"

/* A number: whole values as integers, NaN as null. */
static json_t *number(double v)
{
	if (isnan(v) || isinf(v))
		return json_null();
	if (v == floor(v) && fabs(v) < 9007199254740992.0)
		return json_integer((json_int_t)v);
	return json_real(v);
}

static int bad(double v)
{
	return !isfinite(v) || v < 0;
}

/* Are the n names (NULL allowed when may_null) valid UTF-8? */
static int names_ok(const char *const *s, size_t n, int may_null)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] ? utf8_count(s[i], strlen(s[i])) < 0 : !may_null)
			return 0;
	return 1;
}

json_t *stats_json_freq(const char *survey, const char *question, const char *const *codes,
	const char *const *labels, const double *counts, size_t k, double no_answer, double not_shown)
{
	double valid = 0;
	const char *names[] = { survey, question };
	if (bad(no_answer) || bad(not_shown) || !names_ok(names, 2, 0) || !names_ok(codes, k, 0) ||
		!names_ok(labels, k, 1))
		return NULL;
	for (size_t i = 0; i < k; i++) {
		if (bad(counts[i]))
			return NULL;
		valid += counts[i];
	}
	double n = valid + no_answer;
	json_t *rows = json_array();
	for (size_t i = 0; i < k; i++)
		json_array_append_new(rows, json_pack("{s:s, s:s, s:o, s:o, s:o}",
			"code", codes[i], "label", labels[i] ? labels[i] : "",
			"n", number(counts[i]),
			"percent", number(n > 0 ? 100.0 * counts[i] / n : 0),
			"valid_percent", number(valid > 0 ? 100.0 * counts[i] / valid : 0)));
	return json_pack("{s:s, s:s, s:o, s:o, s:o, s:o}", "survey", survey, "question", question,
		"n", number(n), "rows", rows, "no_answer", number(no_answer), "not_shown", number(not_shown));
}

json_t *stats_json_crosstab(const char *survey, const char *row, const char *col,
	const char *const *row_codes, size_t rows, const char *const *col_codes, size_t cols,
	const double *counts)
{
	struct stats_chi2 s;
	const char *names[] = { survey, row, col };
	if (!names_ok(names, 3, 0) || !names_ok(row_codes, rows, 0) || !names_ok(col_codes, cols, 0) ||
		stats_chi2_test(counts, rows, cols, &s) != 0)
		return NULL;
	json_t *rc = json_array(), *cc = json_array(), *t = json_array();
	for (size_t i = 0; i < rows; i++) {
		json_array_append_new(rc, json_string(row_codes[i]));
		json_t *line = json_array();
		for (size_t j = 0; j < cols; j++)
			json_array_append_new(line, number(counts[i * cols + j]));
		json_array_append_new(t, line);
	}
	for (size_t j = 0; j < cols; j++)
		json_array_append_new(cc, json_string(col_codes[j]));
	return json_pack("{s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:I}",
		"survey", survey, "row", row, "col", col, "row_codes", rc, "col_codes", cc, "counts", t,
		"n", number(s.n), "chi2", number(s.chi2), "df", number(s.df), "p", number(s.p),
		"cramers_v", number(s.cramers_v), "min_expected", number(s.min_expected),
		"cells_expected_below_5", (json_int_t)s.cells_below_5);
}
