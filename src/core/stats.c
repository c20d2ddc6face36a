/* stats.c — statistics of counts and numbers (see stats.h): the
 * distribution functions first (incomplete gamma by its power series and
 * Legendre's continued fraction, incomplete beta by its continued
 * fraction, both evaluated with the modified Lentz method), then the
 * tables, summaries and tests built on them. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "core/stats.h"

#define EPS 1e-16
#define TINY 1e-300
#define MAX_ITER 100000

/* P(a, x) by the series e^-x x^a / Gamma(a + 1) * sum x^n / ((a+1)..(a+n)),
 * for x < a + 1. */
static double gamma_series(double a, double x)
{
	double term = 1.0 / a, sum = term, ap = a;
	for (int i = 0; i < MAX_ITER; i++) {
		ap += 1.0;
		term *= x / ap;
		sum += term;
		if (fabs(term) < fabs(sum) * EPS)
			break;
	}
	return sum * exp(-x + a * log(x) - lgamma(a));
}

/* One step of the modified Lentz method for a continued fraction with
 * partial numerator an and denominator b: updates C and D and returns the
 * factor the value is multiplied by. */
static double lentz(double *c, double *d, double an, double b)
{
	*d = b + an * *d;
	if (fabs(*d) < TINY)
		*d = TINY;
	*c = b + an / *c;
	if (fabs(*c) < TINY)
		*c = TINY;
	*d = 1.0 / *d;
	return *c * *d;
}

/* Q(a, x) by the continued fraction
 * e^-x x^a / Gamma(a) * 1 / (x + 1 - a - 1 (1 - a) / (x + 3 - a - 2 (2 - a) / ...)),
 * for x >= a + 1. */
static double gamma_fraction(double a, double x)
{
	double b = x + 1.0 - a, c = 1.0 / TINY, d = 1.0 / b, h = d;
	for (int i = 1; i < MAX_ITER; i++) {
		b += 2.0;
		double del = lentz(&c, &d, -i * (i - a), b);
		h *= del;
		if (fabs(del - 1.0) < EPS)
			break;
	}
	return exp(-x + a * log(x) - lgamma(a)) * h;
}

/* P(a, x) (upper 0) or Q(a, x) (upper 1), each from the form that
 * converges fast where x is: the series below a + 1, the fraction above. */
static double gamma_pq(double a, double x, int upper)
{
	if (!(a > 0) || !(x >= 0))
		return NAN;
	if (x == 0 || isinf(x))
		return (x == 0) == upper;
	double v = x < a + 1.0 ? gamma_series(a, x) : gamma_fraction(a, x);
	return (x < a + 1.0) == upper ? 1.0 - v : v;
}

double stats_gamma_p(double a, double x)
{
	return gamma_pq(a, x, 0);
}

double stats_gamma_q(double a, double x)
{
	return gamma_pq(a, x, 1);
}

double stats_chi2_sf(double x, double df)
{
	if (isnan(x) || !(df > 0))
		return NAN;
	if (x <= 0)
		return 1;
	return stats_gamma_q(df / 2.0, x / 2.0);
}

/* The continued fraction of I_x(a, b), even and odd steps
 * d_2m = m (b - m) x / ((a + 2m - 1)(a + 2m)),
 * d_2m+1 = -(a + m)(a + b + m) x / ((a + 2m)(a + 2m + 1)). */
static double beta_fraction(double a, double b, double x)
{
	double c = 1.0, d = 1.0 - (a + b) * x / (a + 1.0);
	if (fabs(d) < TINY)
		d = TINY;
	d = 1.0 / d;
	double h = d;
	for (int m = 1; m < MAX_ITER; m++) {
		double m2 = 2.0 * m;
		h *= lentz(&c, &d, m * (b - m) * x / ((a + m2 - 1.0) * (a + m2)), 1.0);
		double del = lentz(&c, &d, -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1.0)), 1.0);
		h *= del;
		if (fabs(del - 1.0) < EPS)
			break;
	}
	return h;
}

double stats_beta_inc(double a, double b, double x)
{
	if (!(a > 0) || !(b > 0) || !(x >= 0) || !(x <= 1))
		return NAN;
	if (x == 0 || x == 1)
		return x;
	double front = exp(lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x));
	/* the fraction converges fast below (a + 1) / (a + b + 2); above,
	 * I_x(a, b) = 1 - I_1-x(b, a) */
	if (x < (a + 1.0) / (a + b + 2.0))
		return front * beta_fraction(a, b, x) / a;
	return 1.0 - front * beta_fraction(b, a, 1.0 - x) / b;
}

double stats_t_cdf(double t, double df)
{
	if (isnan(t) || !(df > 0))
		return NAN;
	if (isinf(t))
		return t > 0 ? 1 : 0;
	/* P(|T| > |t|) = I_{df / (df + t^2)}(df / 2, 1 / 2) */
	double tail = 0.5 * stats_beta_inc(df / 2.0, 0.5, df / (df + t * t));
	return t > 0 ? 1.0 - tail : tail;
}

double stats_t_quantile(double p, double df)
{
	if (!(p > 0) || !(p < 1) || !(df > 0))
		return NAN;
	if (p == 0.5)
		return 0;
	double q = p < 0.5 ? p : 1.0 - p; /* the lower tail to reach, < 0.5 */
	/* bracket -t in [-hi, 0], then halve the bracket to the last bit */
	double lo = 0, hi = 1;
	while (stats_t_cdf(-hi, df) > q && hi < 1e300)
		hi *= 2;
	for (int i = 0; i < 2000 && hi - lo > 0; i++) {
		double mid = lo + (hi - lo) / 2;
		if (mid <= lo || mid >= hi)
			break;
		if (stats_t_cdf(-mid, df) > q)
			lo = mid;
		else
			hi = mid;
	}
	double t = lo + (hi - lo) / 2;
	return p < 0.5 ? -t : t;
}

static int weight_bad(double w)
{
	return !isfinite(w) || w < 0;
}

/* Are the n weights (NULL: all 1) usable? */
static int weights_ok(const double *w, size_t n)
{
	if (w)
		for (size_t i = 0; i < n; i++)
			if (weight_bad(w[i]))
				return 0;
	return 1;
}

int stats_count(const int *codes, const double *w, size_t n, double *counts, size_t k, double *other)
{
	if (!weights_ok(w, n))
		return -1;
	for (size_t i = 0; i < n; i++) {
		double x = w ? w[i] : 1.0;
		if (codes[i] >= 0 && (size_t)codes[i] < k)
			counts[codes[i]] += x;
		else if (other)
			*other += x;
	}
	return 0;
}

int stats_count2(const int *a, const int *b, const double *w, size_t n, double *counts, size_t rows,
	size_t cols, double *other)
{
	if (!weights_ok(w, n))
		return -1;
	for (size_t i = 0; i < n; i++) {
		double x = w ? w[i] : 1.0;
		if (a[i] >= 0 && (size_t)a[i] < rows && b[i] >= 0 && (size_t)b[i] < cols)
			counts[(size_t)a[i] * cols + (size_t)b[i]] += x;
		else if (other)
			*other += x;
	}
	return 0;
}

void stats_percent(const double *counts, size_t k, double base, double *pct)
{
	for (size_t i = 0; i < k; i++)
		pct[i] = base != 0 ? 100.0 * counts[i] / base : 0;
}

void stats_row_percent(const double *counts, size_t rows, size_t cols, double *pct)
{
	for (size_t i = 0; i < rows; i++) {
		double t = 0;
		for (size_t j = 0; j < cols; j++)
			t += counts[i * cols + j];
		stats_percent(counts + i * cols, cols, t, pct + i * cols);
	}
}

void stats_col_percent(const double *counts, size_t rows, size_t cols, double *pct)
{
	for (size_t j = 0; j < cols; j++) {
		double t = 0;
		for (size_t i = 0; i < rows; i++)
			t += counts[i * cols + j];
		for (size_t i = 0; i < rows; i++)
			pct[i * cols + j] = t != 0 ? 100.0 * counts[i * cols + j] / t : 0;
	}
}

double stats_top_box(const double *counts, size_t k, size_t top)
{
	double all = 0, box = 0;
	for (size_t i = 0; i < k; i++) {
		all += counts[i];
		if (i + top >= k)
			box += counts[i];
	}
	return all != 0 ? 100.0 * box / all : 0;
}

double stats_multi(const double *counts, size_t k, double cases, double *pct_cases, double *pct_answers)
{
	double answers = 0;
	for (size_t i = 0; i < k; i++)
		answers += counts[i];
	stats_percent(counts, k, cases, pct_cases);
	stats_percent(counts, k, answers, pct_answers);
	return answers;
}

double stats_quantile7(const double *sorted, size_t n, double p)
{
	double h = (double)(n - 1) * p;
	size_t lo = (size_t)floor(h);
	if (lo >= n - 1)
		return sorted[n - 1];
	return sorted[lo] + (h - (double)lo) * (sorted[lo + 1] - sorted[lo]);
}

struct wx {
	double x, w;
};

static int wx_cmp(const void *a, const void *b)
{
	double x = ((const struct wx *)a)->x, y = ((const struct wx *)b)->x;
	return x < y ? -1 : x > y;
}

/* The value at place m (0-based) of the values repeated by their weights. */
static double wx_at(const struct wx *v, size_t n, double m)
{
	double c = 0;
	for (size_t j = 0; j < n; j++) {
		c += v[j].w;
		if (c > m)
			return v[j].x;
	}
	return v[n - 1].x;
}

static double wx_quantile(const struct wx *v, size_t n, double total, double p)
{
	double h = (total - 1.0) * p;
	if (h < 0)
		h = 0;
	double lo = floor(h);
	double a = wx_at(v, n, lo), b = wx_at(v, n, lo + 1.0);
	return a + (h - lo) * (b - a);
}

int stats_summary(const double *x, const double *w, size_t n, struct stats_summary *out)
{
	struct stats_summary s = { .n = 0, .mean = NAN, .sd = NAN, .ci_low = NAN, .ci_high = NAN,
		.min = NAN, .q1 = NAN, .median = NAN, .q3 = NAN, .max = NAN };
	struct wx *v = NULL;
	size_t m = 0;
	int rc = -1;
	if (!weights_ok(w, n))
		goto out;
	for (size_t i = 0; i < n; i++)
		if (!isfinite(x[i]))
			goto out;
	v = xmalloc((n ? n : 1) * sizeof *v);
	for (size_t i = 0; i < n; i++) {
		double wi = w ? w[i] : 1.0;
		if (wi > 0)
			v[m++] = (struct wx){ x[i], wi };
	}
	rc = 0;
	if (m == 0)
		goto out;
	qsort(v, m, sizeof *v, wx_cmp);
	double sw = 0, swx = 0;
	for (size_t i = 0; i < m; i++) {
		sw += v[i].w;
		swx += v[i].w * v[i].x;
	}
	s.n = sw;
	s.mean = swx / sw;
	double ss = 0;
	for (size_t i = 0; i < m; i++)
		ss += v[i].w * (v[i].x - s.mean) * (v[i].x - s.mean);
	if (sw > 1) {
		s.sd = sqrt(ss / (sw - 1.0));
		double half = stats_t_quantile(0.975, sw - 1.0) * s.sd / sqrt(sw);
		s.ci_low = s.mean - half;
		s.ci_high = s.mean + half;
	}
	s.min = v[0].x;
	s.max = v[m - 1].x;
	s.q1 = wx_quantile(v, m, sw, 0.25);
	s.median = wx_quantile(v, m, sw, 0.5);
	s.q3 = wx_quantile(v, m, sw, 0.75);
out:
	free(v);
	*out = s;
	return rc;
}

int stats_chi2_test(const double *counts, size_t rows, size_t cols, struct stats_chi2 *out)
{
	struct stats_chi2 s = { .chi2 = NAN, .df = NAN, .p = NAN, .cramers_v = NAN, .min_expected = NAN };
	double *rt = NULL, *ct = NULL;
	int rc = -1;
	if (!weights_ok(counts, rows * cols))
		goto out;
	rc = 0;
	rt = xcalloc(rows ? rows : 1, sizeof *rt);
	ct = xcalloc(cols ? cols : 1, sizeof *ct);
	for (size_t i = 0; i < rows; i++)
		for (size_t j = 0; j < cols; j++) {
			rt[i] += counts[i * cols + j];
			ct[j] += counts[i * cols + j];
			s.n += counts[i * cols + j];
		}
	for (size_t i = 0; i < rows; i++)
		s.rows += rt[i] > 0;
	for (size_t j = 0; j < cols; j++)
		s.cols += ct[j] > 0;
	if (s.n <= 0)
		goto out;
	double chi2 = 0, emin = INFINITY;
	for (size_t i = 0; i < rows; i++) {
		if (rt[i] <= 0)
			continue;
		for (size_t j = 0; j < cols; j++) {
			if (ct[j] <= 0)
				continue;
			double e = rt[i] * ct[j] / s.n, d = counts[i * cols + j] - e;
			chi2 += d * d / e;
			if (e < emin)
				emin = e;
			s.cells_below_5 += e < 5;
		}
	}
	s.min_expected = emin;
	if (s.rows < 2 || s.cols < 2)
		goto out;
	s.chi2 = chi2;
	s.df = (double)(s.rows - 1) * (double)(s.cols - 1);
	s.p = stats_chi2_sf(chi2, s.df);
	s.cramers_v = sqrt(chi2 / (s.n * (double)((s.rows < s.cols ? s.rows : s.cols) - 1)));
out:
	free(rt);
	free(ct);
	*out = s;
	return rc;
}

void stats_wilson(double x, double n, double z, double *low, double *high)
{
	if (!(n > 0) || !(x >= 0) || x > n) {
		*low = *high = NAN;
		return;
	}
	double p = x / n, z2 = z * z;
	double denom = 1.0 + z2 / n;
	double centre = (p + z2 / (2.0 * n)) / denom;
	double half = z / denom * sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * n));
	*low = centre - half < 0 ? 0 : centre - half;
	*high = centre + half > 1 ? 1 : centre + half;
}
