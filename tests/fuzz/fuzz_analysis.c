/* fuzz_analysis.c — the evidence loop's filters from any query string:
 * an_query_read (dates, months, codes, the heat map's dimensions, the
 * page), the link of a cell made from them, and the counting of a small
 * directory with the filter that came out. Checks: a date kept in the
 * filter is YYYY-MM-DD with from <= to, the heat map's rows and columns
 * differ, every count lies within the total, and the total within the
 * offers. */
#include "fuzz.h"
#include "analysis/analysis_internal.h"
#include "core/core.h"

static const char *stages[] = { "", "schule", "ausbildung" }, *groups[] = { "", "eltern" },
		  *districts[] = { "", "mainz-neustadt", "bingen" }, *langs[] = { "", "ar", "de" };
static const struct an_dims dims = {
	.codes = { stages, groups, districts, langs },
	.labels = { stages, groups, districts, langs },
	.n = { 3, 2, 3, 3 },
};
static const char *s1[] = { "schule" }, *g1[] = { "eltern" }, *d1[] = { "bingen" }, *l2[] = { "de", "ar" };
static const struct dir_fact facts[] = {
	{ .id = "a", .capacity = 3, .stages = s1, .n_stages = 1, .languages = l2, .n_languages = 2 },
	{ .id = "b", .capacity = -1, .groups = g1, .n_groups = 1, .districts = d1, .n_districts = 1,
	  .valid_from = "2026-01-01", .valid_to = "2026-12-31" },
	{ .id = "c", .capacity = 7, .stages = s1, .n_stages = 1, .districts = d1, .n_districts = 1,
	  .valid_to = "2025-06-30" },
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	arena *a = arena_new();
	struct req r = { .a = a, .lang = "de", .path = "/intern/analyse" };
	http_parse_urlencoded(a, (const char *)data, size, &r.query, 64);
	struct an_query q;
	int nerr = an_query_read(&r, &q);
	FUZZ_CHECK(nerr == q.f.nerr);
	for (int i = 0; i < 2; i++) {
		const char *d = i ? q.filt.to : q.filt.from;
		FUZZ_CHECK(!d || (strlen(d) == 10 && d[4] == '-' && d[7] == '-'));
	}
	FUZZ_CHECK(!q.filt.from || !q.filt.to || strcmp(q.filt.from, q.filt.to) <= 0);
	FUZZ_CHECK(q.rows != q.cols && q.rows < AN_DIMS && q.cols < AN_DIMS);
	FUZZ_CHECK(q.page >= 1);
	const char *star[AN_DIMS] = { "*", "*", "*", "*" };
	const char *url = an_cell_url(&r, &q, star);
	FUZZ_CHECK(strncmp(url, "/intern/analyse/angebote", 24) == 0 && !strpbrk(url, " \"<>"));
	struct an_coverage c;
	FUZZ_CHECK(an_coverage_count(a, &dims, facts, NELEM(facts), &q.filt, AN_ALL_DIMS, &c) == ST_OK);
	FUZZ_CHECK(c.total.offers >= 0 && c.total.offers <= (long)NELEM(facts));
	for (size_t i = 0; i < c.n; i++)
		FUZZ_CHECK(c.cells[i].offers > 0 && c.cells[i].offers <= c.total.offers);
	arena_free(a);
	return 0;
}
