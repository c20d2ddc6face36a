/* surveys.c — the data of bench/surveys.sh: a database with a survey of
 * 30 closed questions (single choice, 5 options each; "q01" ... "q30")
 * activated, and a CSV file of ROWS responses to it (a fixed
 * pseudo-random sequence; 3 % of the answers left empty) for `lotse
 * responses import`. With --evidence it tags the options of that survey in
 * DB (q01: kinds of offer needed, q02: districts, q03: languages) and
 * prints the CPU time of survey_evidence_needs() (the needs the analysis's
 * gap report reads; fastest of 3).
 *
 *   bench_surveys DB CSV ROWS
 *   bench_surveys --evidence DB */
#include "core/core.h"
#include "search/search.h"
#include "store/store.h"
#include "surveys/surveys.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double cpu_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Tag the bench survey and time survey_evidence_needs(). */
static int evidence(const char *db)
{
	struct store *s;
	char err[400];
	if (store_open(db, STORE_EXISTING, &s, err, sizeof(err)) != ST_OK) {
		fprintf(stderr, "bench_surveys: %s\n", err);
		return 1;
	}
	static const char *const dims[3][5] = {
		{ "sprachfoerderung", "berufsorientierung", "bewerbung", "anerkennung", "nachhilfe" },
		{ "mainz", "ludwigshafen", "worms", "speyer", "frankenthal" },
		{ "de", "ar", "uk", "tr", "fa" },
	};
	static const int dim[3] = { SURVEY_DIM_NEED, SURVEY_DIM_DISTRICT, SURVEY_DIM_LANGUAGE };
	arena *a = arena_new();
	int64_t id;
	struct survey sv;
	int rc = survey_id_by_code(s, "bench", &id);
	if (rc == ST_OK)
		rc = survey_load(s, a, id, &sv);
	for (int q = 0; rc == ST_OK && q < 3; q++) {
		struct survey_question *x = &sv.qs[q];
		for (size_t k = 0; k < x->nopts && k < 5; k++)
			x->opts[k].tags[dim[q]] = dims[q][k];
		rc = survey_tags_save(s, x);
	}
	double best = -1;
	size_t rows = 0;
	double needs = 0;
	for (int run = 0; rc == ST_OK && run < 3; run++) {
		arena *r = arena_new();
		struct survey_need *v;
		double t0 = cpu_s();
		rc = survey_evidence_needs(s, r, NULL, NULL, &v, &rows);
		double t = cpu_s() - t0;
		if (best < 0 || t < best)
			best = t;
		needs = 0;
		for (size_t i = 0; rc == ST_OK && i < rows; i++)
			needs += v[i].count;
		arena_free(r);
	}
	arena_free(a);
	store_close(s);
	if (rc != ST_OK) {
		fprintf(stderr, "bench_surveys: the needs failed\n");
		return 1;
	}
	printf("%-30s %8.3f s CPU   (best of 3; %zu rows, %.0f needs)\n", "survey_evidence_needs()", best, rows, needs);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "--evidence") == 0) {
		search_init();
		return evidence(argv[2]);
	}
	if (argc != 4) {
		fprintf(stderr, "usage: bench_surveys DB CSV ROWS | --evidence DB\n");
		return 2;
	}
	long rows = atol(argv[3]);
	search_init();
	struct store *s;
	char err[400];
	if (store_open(argv[1], STORE_CREATE, &s, err, sizeof(err)) != ST_OK || store_migrate(s, err, sizeof(err)) != ST_OK) {
		fprintf(stderr, "bench_surveys: %s\n", err);
		return 1;
	}
	int64_t id, page, qid;
	static const char *const codes[] = { "1", "2", "3", "4", "5" };
	static const char *const labels[] = { "eins", "zwei", "drei", "vier", "fünf" };
	int rc = survey_create(s, "bench", "Benchmark", NULL, &id);
	if (rc == ST_OK)
		rc = survey_page_add(s, id, "Fragen", &page);
	for (int i = 1; rc == ST_OK && i <= 30; i++) {
		char code[8], text[32];
		snprintf(code, sizeof(code), "q%02d", i);
		snprintf(text, sizeof(text), "Frage %d", i);
		struct survey_qspec q = { .page_id = page, .code = code, .type = SQ_SINGLE, .text = text,
					  .opt_codes = codes, .opt_labels = labels, .nopts = 5 };
		rc = survey_question_save(s, id, &q, &qid);
	}
	if (rc == ST_OK)
		rc = survey_activate(s, id);
	store_close(s);
	if (rc != ST_OK) {
		fprintf(stderr, "bench_surveys: cannot make the survey\n");
		return 1;
	}
	FILE *f = fopen(argv[2], "w");
	if (!f)
		return 1;
	fputs("status", f);
	for (int i = 1; i <= 30; i++)
		fprintf(f, ",q%02d", i);
	fputs("\n", f);
	uint64_t x = 0x9E3779B97F4A7C15ull;
	for (long r = 0; r < rows; r++) {
		fputs("complete", f);
		int prev = 0;
		for (int i = 0; i < 30; i++) {
			x ^= x >> 12;
			x ^= x << 25;
			x ^= x >> 27;
			unsigned v = (unsigned)((x * 0x2545F4914F6CDD1Dull) >> 40) % 100;
			/* a little dependence between neighbours, so the crosstab has something to find */
			int a = v < 3 ? 0 : (v < 60 && prev ? prev : 1 + (int)(v % 5));
			prev = a;
			if (a)
				fprintf(f, ",%d", a);
			else
				fputs(",", f);
		}
		fputs("\n", f);
	}
	return fclose(f) == 0 ? 0 : 1;
}
