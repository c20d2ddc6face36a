/* search.c — benchmark of the offer finder's search: typical finder
 * queries against a database of many offers, median and p95 per query.
 *
 *   bench_search DB [REPEAT]     (bench/search.sh makes DB with 100,000 offers)
 *   bench_search DB --paths FILE [ROUNDS]
 *                                each finder address of FILE (one a line, as
 *                                bench/gen_queries.py writes them) through
 *                                dir_search(), ROUNDS times (default 3): the
 *                                CPU time of the search per address, without
 *                                HTTP and page (what bench/speed.sh's server
 *                                CPU per request holds of the search);
 *                                LOTSE_BENCH_DUMP=1 prints each answer too (=2: with
 *                                what each card shows); LOTSE_BENCH_LANG: the
 *                                language of the answers (default de)
 *
 * The time is what the server spends in dir_search() for one /angebote
 * request: query parsing, FTS5, filters, facets, distance, the page's
 * offers. Indexing the offers first (dir_search_refresh) is timed apart. */
#include "directory/search/search.h"
#include "search/search.h"
#include "core/core.h"
#include "http/http.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench.h"

struct bq {
	const char *label;
	struct dir_search_query q;
};

#define Q(...) { .age = -1, .per_page = 20, __VA_ARGS__ }

static const struct bq queries[] = {
	{ "q=Sprachkurs", Q(.q = "Sprachkurs") },
	{ "q=Bewerbung", Q(.q = "Bewerbung") },
	{ "q=Deutschkurs Mainz", Q(.q = "Deutschkurs Mainz") },
	{ "q=Beratung für Geflüchtete", Q(.q = "Beratung für Geflüchtete") },
	{ "q=Ausbildung", Q(.q = "Ausbildung") },
	{ "q=Nachhilfe Mathe", Q(.q = "Nachhilfe Mathe") },
	{ "q=Bewerbungstrainnig (typo)", Q(.q = "Bewerbungstrainnig") },
	{ "q=Gefluechtete", Q(.q = "Gefluechtete") },
	{ "q=Azubi", Q(.q = "Azubi") },
	{ "q=BvB", Q(.q = "BvB") },
	{ "q=Kita", Q(.q = "Kita") },
	{ "q=Arabisch", Q(.q = "Arabisch") },
	{ "q=Praktikum Ludwigshafen", Q(.q = "Praktikum Ludwigshafen") },
	{ "(all offers, page 1)", Q(.page = 1) },
	{ "art=sprachfoerderung", Q(.terms = { "angebotsart:sprachfoerderung" }, .n_terms = 1) },
	{ "zg=gefluechtete lang=ar", Q(.terms = { "zielgruppe:gefluechtete" }, .n_terms = 1, .language = "ar") },
	{ "phase+art+zg (3 filters)",
	  Q(.terms = { "uebergangsphase:ausbildung", "angebotsart:ausbildungsbegleitung", "zielgruppe:auszubildende" },
	    .n_terms = 3) },
	{ "plz=55116 r=10", Q(.postcode = "55116", .radius_km = 10) },
	{ "q=Beratung plz=55116 r=25", Q(.q = "Beratung", .postcode = "55116", .radius_km = 25) },
	{ "q=Mentoring age=16 free", { .q = "Mentoring", .age = 16, .free_only = 1, .per_page = 20 } },
	{ "q=Integrationskurs lang=tr page 3", Q(.q = "Integrationskurs", .language = "tr", .page = 3) },
	{ "ort=ludwigshafen-mitte page 10", Q(.terms = { "ort:ludwigshafen-mitte" }, .n_terms = 1, .page = 10) },
};


/* A finder address's parameters as a query (the finder's names,
 * bench/gen_queries.py's values), owned by a. */
static void parse_path(arena *a, const char *line, struct dir_search_query *q)
{
	static const struct {
		const char *param, *taxonomy;
	} multi[] = { { "art", "angebotsart" }, { "phase", "uebergangsphase" }, { "gruppe", "zielgruppe" },
		      { "ort", "ort" } };
	*q = (struct dir_search_query){ .age = -1, .per_page = 20, .radius_km = 10 };
	const char *qs = strchr(line, '?');
	struct kvlist kv = { 0 };
	if (!qs || http_parse_urlencoded(a, qs + 1, strlen(qs + 1), &kv, 64) != 0)
		return;
	for (size_t i = 0; i < kv.n; i++) {
		const char *k = kv.items[i].key, *v = kv.items[i].val;
		if (strcmp(k, "q") == 0)
			q->q = v;
		else if (strcmp(k, "sprache") == 0)
			q->language = v;
		else if (strcmp(k, "alter") == 0)
			q->age = atoi(v);
		else if (strcmp(k, "kostenlos") == 0)
			q->free_only = 1;
		else if (strcmp(k, "plz") == 0)
			q->postcode = v;
		else if (strcmp(k, "umkreis") == 0)
			q->radius_km = atoi(v);
		else if (strcmp(k, "seite") == 0)
			q->page = atoi(v);
		for (size_t m = 0; m < NELEM(multi); m++)
			if (strcmp(k, multi[m].param) == 0 && q->n_terms < DIR_SEARCH_MAX_TERMS)
				q->terms[q->n_terms++] = arena_printf(a, "%s:%s", multi[m].taxonomy, v);
	}
}

/* Every address of file through dir_search(), rounds times; the mean CPU
 * time per search and the slowest addresses. */
static int run_paths(struct store *s, const char *file, int rounds)
{
	FILE *f = fopen(file, "r");
	if (!f) {
		perror(file);
		return 1;
	}
	char line[2048];
	char **paths = NULL;
	size_t n = 0, cap = 0;
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\r\n")] = '\0';
		if (!*line)
			continue;
		paths = xgrow(paths, n, &cap, sizeof(*paths), 256);
		paths[n++] = xstrdup(line);
	}
	fclose(f);
	long long *c = xcalloc(n ? n : 1, sizeof(*c));
	long long total = 0;
	for (int round = 0; round < rounds; round++) {
		for (size_t i = 0; i < n; i++) {
			arena *a = arena_new();
			struct dir_search_query q;
			parse_path(a, paths[i], &q);
			struct dir_search_result r;
			long long c0 = thread_cpu_us();
			int rc = dir_search(s, a, &q, getenv("LOTSE_BENCH_LANG") ? getenv("LOTSE_BENCH_LANG") : "de", &r);
			long long d = thread_cpu_us() - c0;
			if (rc != ST_OK && rc != ST_NOTFOUND) {
				fprintf(stderr, "bench_search: %s failed (%d)\n", paths[i], rc);
				return 1;
			}
			if (round == 0 && getenv("LOTSE_BENCH_DUMP")) { /* to compare two builds' answers */
				printf("%s %zu", paths[i], r.total);
				for (size_t k = 0; k < r.n_hits; k++) {
					const struct dir_search_hit *h = &r.hits[k];
					printf(" %s/%.1f", h->id, h->distance_km);
					if (strcmp(getenv("LOTSE_BENCH_DUMP"), "2") != 0)
						continue;
					/* 2: what the card shows too */
					printf("[%s|%s|%s|%s|%s|%s|%d %d %d|%s|%s|%g|", h->name, h->organization_id,
					       h->organization_name, h->summary, h->name_lang ? h->name_lang : "-",
					       h->summary_lang ? h->summary_lang : "-", h->free_of_charge, h->minimum_age,
					       h->maximum_age, h->delivery, h->assured_date ? h->assured_date : "-", h->score);
					for (size_t t = 0; t < h->n_terms; t++)
						printf("%s=%s:%s:%s:%s,", h->terms[t].id, h->terms[t].taxonomy_code,
						       h->terms[t].code, h->terms[t].name, h->terms[t].taxonomy_id);
					for (size_t t = 0; t < h->n_languages; t++)
						printf("%s,", h->languages[t]);
					printf("]");
				}
				printf(" place=%s corr=%zu drop=%zu sugg=%s", r.place ? r.place : "-", r.n_corrected,
				       r.n_dropped, r.suggestion ? r.suggestion : "-");
				for (size_t k = 0; k < r.n_facets; k++)
					printf(" %s=%d", r.facets[k].key, r.facets[k].count);
				printf("\n");
			}
			if (round > 0 || rounds == 1) { /* the first round warms up */
				c[i] += d;
				total += d;
			}
			arena_free(a);
		}
	}
	int counted = rounds > 1 ? rounds - 1 : 1;
	printf("%zu addresses of %s, %d rounds counted: search CPU %.3f ms a request (mean)\n", n, file, counted,
	       n ? (double)total / 1e3 / (double)n / counted : 0.0);
	for (int k = 0; k < 5 && n; k++) { /* the slowest */
		size_t worst = 0;
		for (size_t i = 1; i < n; i++)
			if (c[i] > c[worst])
				worst = i;
		printf("  %.3f ms  %s\n", (double)c[worst] / 1e3 / counted, paths[worst]);
		c[worst] = -1;
	}
	for (size_t i = 0; i < n; i++)
		free(paths[i]);
	free(paths);
	free(c);
	return 0;
}

int main(int argc, char **argv)
{
	search_init(); /* the schema needs its tokenizer */
	if (argc < 2) {
		fprintf(stderr, "usage: bench_search DB [REPEAT]\n       bench_search DB --paths FILE [ROUNDS]\n");
		return 2;
	}
	int repeat = argc > 2 ? atoi(argv[2]) : 200;
	if (repeat < 1)
		repeat = 1;
	struct store *s;
	char err[300];
	if (store_open(argv[1], STORE_EXISTING, &s, err, sizeof(err)) != ST_OK ||
	    store_migrate(s, err, sizeof(err)) != ST_OK) {
		fprintf(stderr, "bench_search: %s\n", err);
		return 1;
	}
	if (argc > 3 && strcmp(argv[2], "--paths") == 0) {
		/* as in a server: the indexer's snapshot answers, no table is read */
		const struct search_index *offers = dir_search_index();
		struct search_indexer *x = search_indexer_start(argv[1], &offers, 1);
		int rc = run_paths(s, argv[3], argc > 4 && atoi(argv[4]) > 0 ? atoi(argv[4]) : 3);
		search_indexer_stop(x);
		store_close(s);
		return rc;
	}
	int64_t t0 = core_mono_us();
	size_t done = 0;
	if (dir_search_refresh(s, 0, &done) != ST_OK) {
		fprintf(stderr, "bench_search: indexing failed\n");
		return 1;
	}
	if (done)
		printf("indexed %zu offers in %.1f s\n", done, (core_mono_us() - t0) / 1e6);
	arena *a = arena_new();
	struct dir_search_result r;
	t0 = core_mono_us();
	dir_search(s, a, &queries[0].q, "de", &r); /* builds the in-memory snapshot */
	printf("first query (snapshot of %zu offers): %.1f ms\n", r.total,
	       (core_mono_us() - t0) / 1e3);
	arena_free(a);

	long long *t = xmalloc((size_t)repeat * sizeof(*t)), *c = xmalloc((size_t)repeat * sizeof(*c));
	long long *medians = xmalloc(NELEM(queries) * sizeof(*medians));
	long long *cmedians = xmalloc(NELEM(queries) * sizeof(*cmedians));
	printf("%-34s %8s %9s %9s %8s %9s\n", "query", "results", "median", "p95", "max", "cpu med");
	for (size_t i = 0; i < NELEM(queries); i++) {
		size_t total = 0;
		for (int k = 0; k < repeat; k++) {
			a = arena_new();
			int64_t s0 = core_mono_us();
			long long c0 = thread_cpu_us();
			int rc = dir_search(s, a, &queries[i].q, "de", &r);
			c[k] = thread_cpu_us() - c0;
			t[k] = core_mono_us() - s0;
			if (rc != ST_OK) {
				fprintf(stderr, "bench_search: %s failed (%d)\n", queries[i].label, rc);
				return 1;
			}
			total = r.total;
			arena_free(a);
		}
		qsort(t, (size_t)repeat, sizeof(*t), cmp_ll);
		qsort(c, (size_t)repeat, sizeof(*c), cmp_ll);
		medians[i] = t[repeat / 2];
		cmedians[i] = c[repeat / 2];
		printf("%-34s %8zu %7.2fms %7.2fms %6.1fms %7.2fms\n", queries[i].label, total, t[repeat / 2] / 1e3,
		       t[(repeat * 95) / 100 < repeat ? (repeat * 95) / 100 : repeat - 1] / 1e3,
		       t[repeat - 1] / 1e3, c[repeat / 2] / 1e3);
	}
	qsort(medians, NELEM(queries), sizeof(*medians), cmp_ll);
	qsort(cmedians, NELEM(queries), sizeof(*cmedians), cmp_ll);
	printf("median of the %zu query medians: %.2f ms (cpu %.2f ms); slowest median: %.2f ms (cpu %.2f ms)\n",
	       NELEM(queries), medians[NELEM(queries) / 2] / 1e3, cmedians[NELEM(queries) / 2] / 1e3,
	       medians[NELEM(queries) - 1] / 1e3, cmedians[NELEM(queries) - 1] / 1e3);
	free(t);
	free(c);
	free(medians);
	free(cmedians);
	store_close(s);
	return 0;
}
