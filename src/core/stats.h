/* stats.h — descriptive and test statistics for tables of (weighted)
 * counts and for numbers: percentages, multiple-response percentages,
 * numeric summaries with a t confidence interval and R's type-7
 * quartiles, Pearson's chi-square test of a crosstab with Cramér's V,
 * Wilson's score interval for a proportion, and the distribution
 * functions under them (regularised incomplete gamma and beta, t
 * quantile), written from the textbook series and continued fractions.
 *
 * Knows nothing of surveys: categories are indexes 0..k-1, weights are
 * frequency weights (a weighted count is a sum of weights). No I/O; the
 * functions that sort allocate with xmalloc and free before returning.
 * Checked against SciPy: tests/unit/fixtures/stats/make.py. */
#ifndef LOTSE_STATS_H
#define LOTSE_STATS_H

#include <stddef.h>

/* z for a two-sided 95 % interval: the 0.975 quantile of N(0, 1). */
#define STATS_Z95 1.959963984540054

/* Add observations to a table: counts[codes[i]] += w[i] (1 when w is
 * NULL) for each code in [0, k); the weight of a code outside is added to
 * *other (when other is not NULL). Returns 0, or -1 (nothing is added)
 * when a weight is negative, NaN or infinite. */
int stats_count(const int *codes, const double *w, size_t n, double *counts, size_t k, double *other);

/* The same for a crosstab: counts[a[i] * cols + b[i]] += w[i] for rows
 * a[i] in [0, rows) and columns b[i] in [0, cols); the rest to *other. */
int stats_count2(const int *a, const int *b, const double *w, size_t n, double *counts, size_t rows,
	size_t cols, double *other);

/* pct[i] = 100 * counts[i] / base for i in [0, k); 0 when base is 0. */
void stats_percent(const double *counts, size_t k, double base, double *pct);

/* Row and column percentages of the rows x cols table counts (row-major)
 * into pct (the same shape): each cell of its row's total, or of its
 * column's; 0 in a row or column whose total is 0. */
void stats_row_percent(const double *counts, size_t rows, size_t cols, double *pct);
void stats_col_percent(const double *counts, size_t rows, size_t cols, double *pct);

/* The top box of a scale: 100 * (the last top options' counts) / the sum
 * of all k counts (top 2 of a Likert 5 scale: "agree" and "strongly
 * agree" when the options run from disagree to agree); 0 when the sum is 0. */
double stats_top_box(const double *counts, size_t k, size_t top);

/* Multiple response: counts[i] is the (weighted) number of cases that
 * chose option i, cases the (weighted) number of cases the percentages of
 * cases are of (lotse passes the cases that chose at least one option, as
 * SPSS's MULT RESPONSE does). pct_cases[i] = 100 * counts[i] / cases;
 * pct_answers[i] = 100 * counts[i] / the sum of counts (so they add up to
 * 100, and pct_cases to more). Returns the sum of counts. */
double stats_multi(const double *counts, size_t k, double cases, double *pct_cases, double *pct_answers);

struct stats_summary {
	double n;                 /* the sum of the weights (the count unweighted) */
	double mean, sd;          /* sd with n - 1 (frequency weights, as SPSS) */
	double ci_low, ci_high;   /* 95 % CI of the mean: mean -+ t(0.975, n - 1) sd / sqrt(n) */
	double min, q1, median, q3, max;
};

/* The summary of x[0..n) with weights w (NULL: all 1; a weight of 0
 * leaves the value out). Quartiles are R's default, type 7 (the
 * interpolation at (N - 1) p of the sorted values; with weights, of the
 * values each repeated by its weight, which for integer weights is
 * exactly type 7 on the repeated data). What is not defined is NaN: all
 * of it with no values, sd and the CI with n <= 1. Returns 0, or -1 when
 * a weight is negative or not finite or a value is not finite. */
int stats_summary(const double *x, const double *w, size_t n, struct stats_summary *out);

/* The R type-7 quantile p (0..1) of the sorted values x[0..n), n > 0. */
double stats_quantile7(const double *sorted, size_t n, double p);

struct stats_chi2 {
	size_t rows, cols;        /* rows and columns with a total above 0 */
	double n;                 /* the table's total */
	double chi2, df, p;       /* Pearson, without continuity correction */
	double cramers_v;
	double min_expected;      /* over the cells of the kept rows and columns */
	size_t cells_below_5;     /* kept cells with an expected count < 5 */
};

/* Pearson's chi-square test of independence of the rows x cols table
 * counts (row-major, weighted counts allowed). Rows and columns whose
 * total is 0 are dropped first (R's chisq.test gives NaN on such a table
 * and SciPy refuses it; dropping them gives the test of the table that
 * remains, with df = (rows kept - 1) (cols kept - 1)). With fewer than
 * two rows or columns kept, or n == 0, chi2, df, p and cramers_v are NaN.
 * No continuity correction (R's chisq.test(correct = FALSE) for 2 x 2).
 * Returns 0, or -1 when a count is negative or not finite. */
int stats_chi2_test(const double *counts, size_t rows, size_t cols, struct stats_chi2 *out);

/* Wilson's score interval for x successes in n trials with the normal
 * quantile z (STATS_Z95 for 95 %). n <= 0 gives NaN. */
void stats_wilson(double x, double n, double z, double *low, double *high);

/* Distribution functions. */
/* The regularised lower and upper incomplete gamma P(a, x), Q(a, x);
 * a > 0, x >= 0 (else NaN). */
double stats_gamma_p(double a, double x);
double stats_gamma_q(double a, double x);
/* The upper tail of the chi-square distribution with df degrees. */
double stats_chi2_sf(double x, double df);
/* The regularised incomplete beta I_x(a, b); a, b > 0, 0 <= x <= 1. */
double stats_beta_inc(double a, double b, double x);
/* Student's t: the distribution function and its inverse (0 < p < 1),
 * for df > 0 (not necessarily whole). */
double stats_t_cdf(double t, double df);
double stats_t_quantile(double p, double df);

#endif
