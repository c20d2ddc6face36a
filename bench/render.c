/* render.c — benchmark of the finder page's rendering alone: the HTML of
 * one /angebote result page for fixed hits, without the search.
 *
 *   bench_render DB [REPEAT]      (bench/render.sh runs it on bench/speed.sh's database)
 *
 * For each address below (text and filter pages, German and Arabic) the
 * page's query is checked and searched once, as the server does; then the
 * page is written REPEAT times from that same result (the search's hits,
 * facets and taxonomies) with the server's frame (route table, content
 * pages' check). Prints the CPU time of one page (median and p95 of this
 * thread's CPU time, whatever else the machine runs) and its size, and
 * for comparison the median CPU time of checking the page's query (which
 * copies the taxonomies) and of its search. */
#include "directory/public/public_internal.h"
#include "search/search.h"
#include "site/site.h"
#include "http/router.h"
#include "core/core.h"
#include "core/i18n.h"
#include "html/layout.h"
#include "routes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench.h"

static const struct {
	const char *target, *lang;
} pages[] = {
	{ "q=Sprachkurs", "de" },
	{ "q=Sprachkurs&sprache=de", "de" },
	{ "q=Bewerbung", "de" },
	{ "q=Beratung+f%C3%BCr+Gefl%C3%BCchtete", "de" },
	{ "q=Ausbildung", "ar" },
	{ "art=sprachfoerderung&gruppe=gefluechtete", "de" },
	{ "plz=55116&umkreis=10", "de" },
	{ "phase=ausbildung&sprache=ar&seite=3", "ar" },
	{ "", "de" },
};


/* A request for /angebote?target in lang, as the server makes it. */
static void request(struct req *r, arena *a, struct store *s, const char *target, const char *lang)
{
	memset(r, 0, sizeof(*r));
	r->a = a;
	r->method = HTTP_GET;
	r->path = "/angebote";
	r->target = arena_printf(a, "/angebote%s%s", *target ? "?" : "", target);
	r->lang = lang;
	r->db = s;
	r->base_url = "http://127.0.0.1:8080";
	char *q = arena_strdup(a, target);
	http_parse_urlencoded(a, q, strlen(q), &r->query, 100);
}

int main(int argc, char **argv)
{
	int rc = 1;
	struct store *s = NULL;
	long long *t = NULL, *tp = NULL, *ts = NULL;
	search_init(); /* the schema needs its tokenizer */
	if (argc < 2) {
		fprintf(stderr, "usage: bench_render DB [REPEAT]\n");
		return 2;
	}
	int repeat = argc > 2 ? atoi(argv[2]) : 500;
	if (repeat < 1)
		repeat = 1;
	char err[300];
	if (i18n_init() != 0 || store_open(argv[1], STORE_EXISTING, &s, err, sizeof(err)) != ST_OK ||
	    store_migrate(s, err, sizeof(err)) != ST_OK) {
		fprintf(stderr, "bench_render: %s\n", err);
		goto out;
	}
	/* the frame as the server has it */
	router_use(app_routes, app_routes_count, NULL);
	layout_set_page_check(site_page_linked);
	t = xmalloc((size_t)repeat * sizeof(*t));
	tp = xmalloc((size_t)repeat * sizeof(*tp));
	ts = xmalloc((size_t)repeat * sizeof(*ts));
	long long sum_med = 0, sum_parse = 0, sum_search = 0;
	printf("%-44s %4s %6s %8s %9s %9s %9s %9s\n", "page", "lang", "hits", "bytes", "page med", "page p95",
	       "check", "search");
	for (size_t i = 0; i < NELEM(pages); i++) {
		arena *a = arena_new();
		struct req r;
		request(&r, a, s, pages[i].target, pages[i].lang);
		struct dir_public_finder *fd = arena_alloc(a, sizeof(*fd));
		if (dir_public_finder_parse(&r, fd) != ST_OK ||
		    dir_search(s, a, &fd->q, r.lang, &fd->res) == ST_ERR) {
			fprintf(stderr, "bench_render: %s: the search failed\n", pages[i].target);
			arena_free(a);
			goto out;
		}
		size_t bytes = 0;
		for (int k = 0; k < repeat; k++) {
			arena *pa = arena_new();
			struct req pr = r;
			pr.a = pa;
			pr.serial = (unsigned long long)(i * (size_t)repeat + (size_t)k) + 1; /* as the server numbers them */
			struct resp w = { .status = 200 };
			buf_init(&w.body, 0);
			buf_reserve(&w.body, 48 * 1024); /* as the finder's handler does */
			long long c0 = thread_cpu_us();
			dir_public_view_finder(&pr, &w, fd);
			t[k] = thread_cpu_us() - c0;
			bytes = w.body.len;
			buf_free(&w.body);
			arena_free(pa);
		}
		qsort(t, (size_t)repeat, sizeof(*t), cmp_ll);
		sum_med += t[repeat / 2];
		/* for comparison: checking the query (with the taxonomies) and
		 * the search, as the page runs them */
		for (int k = 0; k < repeat; k++) {
			arena *pa = arena_new();
			struct req pr = r;
			pr.a = pa;
			struct dir_public_finder *pf = arena_alloc(pa, sizeof(*pf));
			long long c0 = thread_cpu_us();
			dir_public_finder_parse(&pr, pf);
			long long c1 = thread_cpu_us();
			dir_search(s, pa, &pf->q, pr.lang, &pf->res);
			tp[k] = c1 - c0;
			ts[k] = thread_cpu_us() - c1;
			arena_free(pa);
		}
		qsort(tp, (size_t)repeat, sizeof(*tp), cmp_ll);
		qsort(ts, (size_t)repeat, sizeof(*ts), cmp_ll);
		sum_parse += tp[repeat / 2];
		sum_search += ts[repeat / 2];
		printf("%-44s %4s %6zu %8zu %7.3fms %7.3fms %7.3fms %7.3fms\n",
		       *pages[i].target ? pages[i].target : "(all offers)", pages[i].lang, fd->res.n_hits, bytes,
		       t[repeat / 2] / 1e3, t[(repeat * 95) / 100] / 1e3, tp[repeat / 2] / 1e3, ts[repeat / 2] / 1e3);
		arena_free(a);
	}
	printf("mean of the %zu medians, CPU: the page %.3f ms, checking the query %.3f ms, the search %.3f ms\n",
	       NELEM(pages), sum_med / 1e3 / (double)NELEM(pages), sum_parse / 1e3 / (double)NELEM(pages),
	       sum_search / 1e3 / (double)NELEM(pages));
	rc = 0;
out:
	free(t);
	free(tp);
	free(ts);
	store_close(s);
	return rc;
}
