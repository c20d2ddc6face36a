/* stats.c — benchmark of the survey statistics on arrays: a frequency
 * table and a crosstab with Pearson's chi-square of two closed questions
 * with LEVELS answer codes over ROWS responses (3 % without an answer),
 * unweighted and weighted. Prints the median and fastest of REPEAT runs in
 * milliseconds, and the table's chi-square, so that bench/stats.sh can
 * check R got the same.
 *
 *   bench_stats [ROWS] [LEVELS] [REPEAT] [--csv FILE]   defaults: 1000000 30 15
 *
 * With --csv FILE the data are also written as CSV (a,b,w; empty = no
 * answer) for R. The time is counting the codes and computing the
 * percentages (freq), and counting the pairs and the test (crosstab):
 * what `lotse analyse` does after the answers are read. */
#include "bench.h"
#include "core/core.h"
#include "core/stats.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void report(const char *what, double *ms, int rep)
{
	qsort(ms, (size_t)rep, sizeof *ms, cmp_d);
	printf("%-22s median %8.2f ms   fastest %8.2f ms\n", what, ms[rep / 2], ms[0]);
}

int main(int argc, char **argv)
{
	size_t rows = 1000000, levels = 30;
	int rep = 15;
	const char *csv = NULL;
	int pos = 0;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--csv") == 0 && i + 1 < argc)
			csv = argv[++i];
		else if (pos == 0 && ++pos)
			rows = strtoul(argv[i], NULL, 10);
		else if (pos == 1 && ++pos)
			levels = strtoul(argv[i], NULL, 10);
		else if (pos == 2 && ++pos)
			rep = atoi(argv[i]);
	}
	if (rows == 0 || levels < 2 || levels > 1000 || rep < 1) {
		fprintf(stderr, "usage: bench_stats [ROWS] [LEVELS] [REPEAT] [--csv FILE]\n");
		return 2;
	}
	int *a = xmalloc(rows * sizeof *a), *b = xmalloc(rows * sizeof *b);
	double *w = xmalloc(rows * sizeof *w);
	for (size_t i = 0; i < rows; i++) {
		a[i] = rnd() % 100 < 3 ? -1 : (int)(rnd() % levels);
		/* b leans on a, so that the test has something to find */
		b[i] = rnd() % 100 < 3 ? -1 : rnd() % 4 == 0 && a[i] >= 0 ? a[i] : (int)(rnd() % levels);
		w[i] = 0.5 + (rnd() % 1000) / 1000.0;
	}
	if (csv) {
		FILE *f = fopen(csv, "w");
		if (!f) {
			perror(csv);
			return 1;
		}
		fputs("a,b,w\n", f);
		for (size_t i = 0; i < rows; i++) {
			if (a[i] >= 0)
				fprintf(f, "%d", a[i]);
			fputc(',', f);
			if (b[i] >= 0)
				fprintf(f, "%d", b[i]);
			fprintf(f, ",%.3f\n", w[i]);
		}
		if (fclose(f) != 0) {
			perror(csv);
			return 1;
		}
	}
	double *counts = xmalloc(levels * levels * sizeof *counts), *pct = xmalloc(levels * sizeof *pct);
	double *ms = xmalloc((size_t)rep * sizeof *ms);
	struct stats_chi2 s = { 0 };
	printf("%zu rows, %zu levels, %d runs\n", rows, levels, rep);
	for (int pass = 0; pass < 2; pass++) {
		const double *wt = pass ? w : NULL;
		const char *tag = pass ? " (weighted)" : "";
		char label[64];
		for (int r = 0; r < rep; r++) {
			int64_t t0 = core_mono_us();
			double other = 0;
			memset(counts, 0, levels * sizeof *counts);
			stats_count(a, wt, rows, counts, levels, &other);
			double valid = 0;
			for (size_t i = 0; i < levels; i++)
				valid += counts[i];
			stats_percent(counts, levels, valid, pct);
			ms[r] = (double)(core_mono_us() - t0) / 1000.0;
		}
		snprintf(label, sizeof label, "freq%s", tag);
		report(label, ms, rep);
		for (int r = 0; r < rep; r++) {
			int64_t t0 = core_mono_us();
			double other = 0;
			memset(counts, 0, levels * levels * sizeof *counts);
			stats_count2(a, b, wt, rows, counts, levels, levels, &other);
			stats_chi2_test(counts, levels, levels, &s);
			ms[r] = (double)(core_mono_us() - t0) / 1000.0;
		}
		snprintf(label, sizeof label, "crosstab+chi2%s", tag);
		report(label, ms, rep);
		printf("  n %.17g chi2 %.17g df %g p %.6g V %.6g\n", s.n, s.chi2, s.df, s.p, s.cramers_v);
	}
	free(a);
	free(b);
	free(w);
	free(counts);
	free(pct);
	free(ms);
	return 0;
}
