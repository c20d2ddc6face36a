/* stats_json.h — the JSON shapes of a frequency table and a crosstab that
 * `lotse analyse --json` prints and the analysis page offers at a link
 * (issue #18), made from counts with jansson. The names (survey,
 * question, codes, labels) are the caller's; the numbers come from
 * core/stats.h. A weighted count that is not whole is a JSON real, a
 * whole one an integer; what is undefined (NaN) is null. */
#ifndef LOTSE_STATS_JSON_H
#define LOTSE_STATS_JSON_H

#include <jansson.h>
#include <stddef.h>

/* {"survey","question","n","rows":[{"code","label","n","percent",
 * "valid_percent"}],"no_answer","not_shown"}
 * for counts[0..k) of the options codes[i] / labels[i]. n is the number
 * of respondents the question was shown to (the answers plus no_answer);
 * percent is of n, valid_percent of the answers; not_shown is apart.
 * Percentages of a base of 0 are 0. Returns a new object (json_decref
 * it), or NULL when a count is negative or not finite or a name is not
 * UTF-8 (labels may be NULL: ""). */
json_t *stats_json_freq(const char *survey, const char *question, const char *const *codes,
	const char *const *labels, const double *counts, size_t k, double no_answer, double not_shown);

/* {"survey","row","col","row_codes":[…],"col_codes":[…],"counts":[[…]],
 * "n","chi2","df","p","cramers_v","min_expected","cells_expected_below_5"}
 * for the rows x cols table counts (row-major); every row and column as
 * given (the test drops empty ones, see stats_chi2_test). Returns a new
 * object, or NULL when a count is negative or not finite or a name is not
 * UTF-8. */
json_t *stats_json_crosstab(const char *survey, const char *row, const char *col,
	const char *const *row_codes, size_t rows, const char *const *col_codes, size_t cols,
	const double *counts);

#endif
