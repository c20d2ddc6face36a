/* analysis.c — bench_analysis DB [RUNS]: time the evidence loop's coverage
 * on DB as /intern/analyse does it per request: reading the current offers
 * from the directory (dir_facts), the dimensions and their labels, counting
 * the cells of all four dimensions (the coverage table) and district ×
 * stage (the heat map and the public page), and the whole table of the
 * coverage as the page, its CSV and its JSON get it (an_tab_coverage),
 * once after a change (the offers read again) and once with the offers
 * kept from the request before (an_facts, cache.c);
 * then, where DB holds needs and cases (bench/gen_evidence.sql), the gap
 * report (the facts, every need source, the ranking and its sentences:
 * an_tab_gaps) and the outcomes table by offer (an_tab_outcomes).
 * Prints the median and fastest of RUNS (default 7) in milliseconds, of
 * the wall clock and of the process's CPU time (on a machine shared with
 * other work the wall clock also counts the waiting for a core). */
#include "analysis/analysis.h"
#include "analysis/analysis_internal.h"
#include "core/core.h"
#include "core/i18n.h"
#include "core/log.h"
#include "search/search.h"
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The process's CPU time in microseconds. */
static int64_t cpu_us(void)
{
	struct timespec t;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return (int64_t)t.tv_sec * 1000000 + t.tv_nsec / 1000;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static void report(const char *what, double *v, double *cpu, int n, const char *extra)
{
	qsort(v, (size_t)n, sizeof(*v), cmp);
	qsort(cpu, (size_t)n, sizeof(*cpu), cmp);
	printf("%-36s wall median %7.1f ms, fastest %7.1f ms;  cpu median %7.1f ms  %s\n", what, v[n / 2], v[0],
	       cpu[n / 2], extra);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: bench_analysis DB [RUNS]\n");
		return 2;
	}
	search_init();
	log_set_quiet(1);
	if (i18n_init() != 0)
		return 1;
	int runs = argc > 2 ? atoi(argv[2]) : 7;
	if (runs < 1 || runs > 100)
		runs = 7;
	struct store *s;
	char err[600];
	if (store_open(argv[1], STORE_EXISTING, &s, err, sizeof(err)) != ST_OK ||
	    store_migrate(s, err, sizeof(err)) != ST_OK) {
		fprintf(stderr, "bench_analysis: %s\n", err);
		return 1;
	}
	double *t_read = calloc((size_t)runs, sizeof(double)), *t_dims = calloc((size_t)runs, sizeof(double));
	double *t_all = calloc((size_t)runs, sizeof(double)), *t_two = calloc((size_t)runs, sizeof(double));
	double *t_table = calloc((size_t)runs, sizeof(double)), *t_total = calloc((size_t)runs, sizeof(double));
	double *c_read = calloc((size_t)runs, sizeof(double)), *c_dims = calloc((size_t)runs, sizeof(double));
	double *c_all = calloc((size_t)runs, sizeof(double)), *c_two = calloc((size_t)runs, sizeof(double));
	double *c_table = calloc((size_t)runs, sizeof(double)), *c_total = calloc((size_t)runs, sizeof(double));
	double *t_warm = calloc((size_t)runs, sizeof(double)), *c_warm = calloc((size_t)runs, sizeof(double));
	size_t noffers = 0, ncells = 0, nrows = 0;
	for (int i = 0; i < runs; i++) {
		arena *a = arena_new();
		struct dir_fact *f;
		size_t n;
		struct an_dims dims;
		struct an_coverage all, two;
		int64_t t0 = core_mono_us(), u0 = cpu_us();
		if (dir_facts(s, a, &f, &n) != ST_OK)
			return 1;
		int64_t t1 = core_mono_us(), u1 = cpu_us();
		if (an_dims_load(s, a, "de", f, n, &dims) != ST_OK)
			return 1;
		int64_t t2 = core_mono_us(), u2 = cpu_us();
		if (an_coverage_count(a, &dims, f, n, NULL, AN_ALL_DIMS, &all) != ST_OK)
			return 1;
		int64_t t3 = core_mono_us(), u3 = cpu_us();
		if (an_coverage_count(a, &dims, f, n, NULL, AN_MASK(AN_DISTRICT) | AN_MASK(AN_STAGE), &two) != ST_OK)
			return 1;
		int64_t t4 = core_mono_us(), u4 = cpu_us();
		/* the page's way: a request's arena, the facts, the table */
		struct req r = { .a = a, .lang = "de", .db = s, .path = "/intern/analyse" };
		struct an_query q;
		an_query_read(&r, &q);
		struct an_ctx c;
		/* after a change (nothing kept: the offers read again) */
		an_facts_forget(s);
		int64_t t5 = core_mono_us(), u5 = cpu_us();
		if (an_ctx_load(&r, &c) != ST_OK)
			return 1;
		struct an_table *t = an_tab_coverage(&r, &c, &q);
		if (!t)
			return 1;
		int64_t t6 = core_mono_us(), u6 = cpu_us();
		/* the next request, nothing changed: the offers kept (cache.c) */
		arena *a2 = arena_new();
		struct req r2 = { .a = a2, .lang = "de", .db = s, .path = "/intern/analyse" };
		struct an_query q2;
		an_query_read(&r2, &q2);
		int64_t t7 = core_mono_us(), u7 = cpu_us();
		if (an_ctx_load(&r2, &c) != ST_OK || !an_tab_coverage(&r2, &c, &q2))
			return 1;
		int64_t t8 = core_mono_us(), u8 = cpu_us();
		t_warm[i] = (double)(t8 - t7) / 1e3;
		c_warm[i] = (double)(u8 - u7) / 1e3;
		arena_free(a2);
		t_read[i] = (double)(t1 - t0) / 1e3;
		t_dims[i] = (double)(t2 - t1) / 1e3;
		t_all[i] = (double)(t3 - t2) / 1e3;
		t_two[i] = (double)(t4 - t3) / 1e3;
		t_table[i] = (double)(t6 - t5) / 1e3;
		t_total[i] = (double)(t3 - t0) / 1e3;
		c_read[i] = (double)(u1 - u0) / 1e3;
		c_dims[i] = (double)(u2 - u1) / 1e3;
		c_all[i] = (double)(u3 - u2) / 1e3;
		c_two[i] = (double)(u4 - u3) / 1e3;
		c_table[i] = (double)(u6 - u5) / 1e3;
		c_total[i] = (double)(u3 - u0) / 1e3;
		noffers = n;
		ncells = all.n;
		nrows = t->nrows;
		arena_free(a);
	}
	/* the gap report and the outcomes, each as its request makes it: after
	 * a change (nothing kept), and the gap report's own part, without the
	 * surveys' source (survey_evidence_needs) and with the offers kept */
	an_needs_defaults();
	const struct an_need_source *const *src;
	size_t nsrc = an_need_sources(&src);
	const struct an_need_source *all_src[AN_NEED_SOURCES_MAX], *survey = NULL;
	for (size_t k = 0; k < nsrc; k++) {
		all_src[k] = src[k];
		if (strcmp(src[k]->name, "Befragungen") == 0)
			survey = src[k];
	}
	double *t_gaps = calloc((size_t)runs, sizeof(double)), *c_gaps = calloc((size_t)runs, sizeof(double));
	double *t_own = calloc((size_t)runs, sizeof(double)), *c_own = calloc((size_t)runs, sizeof(double));
	double *t_out = calloc((size_t)runs, sizeof(double)), *c_out = calloc((size_t)runs, sizeof(double));
	double *t_outw = calloc((size_t)runs, sizeof(double)), *c_outw = calloc((size_t)runs, sizeof(double));
	size_t ngaps = 0, nout = 0, nown = 0;
	for (int i = 0; i < runs; i++) {
		arena *a = arena_new();
		struct req r = { .a = a, .lang = "de", .db = s, .path = "/intern/analyse/luecken" };
		struct an_query q;
		an_query_read(&r, &q);
		struct an_ctx c;
		size_t ns;
		an_facts_forget(s);
		an_needs_reset();
		for (size_t k = 0; k < nsrc; k++)
			an_needs_register(all_src[k]);
		int64_t t0 = core_mono_us(), u0 = cpu_us();
		if (an_ctx_load(&r, &c) != ST_OK)
			return 1;
		struct an_table *g = an_tab_gaps(&r, &c, &q, &ns);
		if (!g)
			return 1;
		int64_t t1 = core_mono_us(), u1 = cpu_us();
		struct an_table *o = an_tab_outcomes(&r, &c, &q, "ergebnisse");
		if (!o)
			return 1;
		int64_t t2 = core_mono_us(), u2 = cpu_us();
		/* the next request: the outcomes kept */
		struct an_table *o2 = an_tab_outcomes(&r, &c, &q, "ergebnisse");
		int64_t t3 = core_mono_us(), u3 = cpu_us();
		/* the gap report without the surveys' source, the offers kept */
		an_needs_reset();
		for (size_t k = 0; k < nsrc; k++)
			if (all_src[k] != survey)
				an_needs_register(all_src[k]);
		int64_t t4 = core_mono_us(), u4 = cpu_us();
		if (an_ctx_load(&r, &c) != ST_OK)
			return 1;
		struct an_table *g2 = an_tab_gaps(&r, &c, &q, &ns);
		int64_t t5 = core_mono_us(), u5 = cpu_us();
		if (!o2 || !g2)
			return 1;
		t_gaps[i] = (double)(t1 - t0) / 1e3;
		c_gaps[i] = (double)(u1 - u0) / 1e3;
		t_out[i] = (double)(t2 - t1) / 1e3;
		c_out[i] = (double)(u2 - u1) / 1e3;
		t_outw[i] = (double)(t3 - t2) / 1e3;
		c_outw[i] = (double)(u3 - u2) / 1e3;
		t_own[i] = (double)(t5 - t4) / 1e3;
		c_own[i] = (double)(u5 - u4) / 1e3;
		ngaps = g->nrows;
		nown = g2->nrows;
		nout = o->nrows;
		arena_free(a);
	}
	char extra[120];
	snprintf(extra, sizeof(extra), "%zu offers", noffers);
	report("read the offers (dir_facts)", t_read, c_read, runs, extra);
	report("dimensions and labels", t_dims, c_dims, runs, "");
	snprintf(extra, sizeof(extra), "%zu cells", ncells);
	report("count 4 dimensions", t_all, c_all, runs, extra);
	report("count district x stage", t_two, c_two, runs, "");
	report("coverage: read + count (budget 500)", t_total, c_total, runs, "");
	snprintf(extra, sizeof(extra), "%zu rows", nrows);
	report("coverage table, after a change", t_table, c_table, runs, extra);
	report("coverage table, offers kept (budget 500)", t_warm, c_warm, runs, extra);
	snprintf(extra, sizeof(extra), "%zu gaps", ngaps);
	report("gap report, facts included (budget 2000)", t_gaps, c_gaps, runs, extra);
	snprintf(extra, sizeof(extra), "%zu gaps", nown);
	report("gap report's own part (no surveys)", t_own, c_own, runs, extra);
	snprintf(extra, sizeof(extra), "%zu rows", nout);
	report("outcomes by offer, after a change (1000)", t_out, c_out, runs, extra);
	report("outcomes by offer, counts kept", t_outw, c_outw, runs, extra);
	store_close(s);
	i18n_free();
	return 0;
}
