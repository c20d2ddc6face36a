/* fuzz_finder.c — the public offer finder GET /angebote on a generated
 * directory of 20,000 offers (tests/support/bigdir.c, built once per
 * process; FUZZ_BIGDIR_N sets another size).
 *
 * The input is the query string (a leading "/angebote?" is passed over),
 * parsed as the server does (http_parse_urlencoded) and checked exactly
 * as the page does (dir_public_finder_parse) into a struct dir_search_query; the search
 * runs as the page runs it (again without the postcode when that is
 * unknown). The dict names every parameter and the generated data's
 * values, so filters combine with each other.
 *
 * Properties: the query's parts are within their bounds; dir_search
 * agrees with the reference over the generated model (bigdir_check): the
 * result set, total, n_free, every facet, pages and the page in order —
 * fully for text made of the made-up words, otherwise every hit passes
 * the other filters and no count exceeds theirs. */
#include "fuzz.h"
#include "../support/bigdir.h"
#include "core/core.h"
#include "core/i18n.h"
#include "directory/public/public_internal.h"
#include "http/http.h"

static struct bigdir big;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	const char *n = getenv("FUZZ_BIGDIR_N");
	if (i18n_init() != 0 || bigdir_build(&big, n && atol(n) > 0 ? (size_t)atol(n) : 20000, 1) != ST_OK) {
		fprintf(stderr, "fuzz_finder: setup failed\n");
		abort();
	}
	fprintf(stderr, "fuzz_finder: %zu offers (%zu public) in %.1f s\n", big.n_offers, big.n_public, big.build_s);
	return 0;
}

static void check(const struct dir_search_query *q, int rc, const struct dir_search_result *res, arena *a)
{
	char why[512];
	if (bigdir_check(&big, q, rc, res, why, sizeof(why)) != 0) {
		fprintf(stderr, "fuzz_finder: %s\n  %s\n", bigdir_query_text(a, q), why);
		FUZZ_CHECK(!"the finder agrees with the reference");
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char prefix[] = "/angebote?";
	if (size >= sizeof(prefix) - 1 && memcmp(data, prefix, sizeof(prefix) - 1) == 0) {
		data += sizeof(prefix) - 1;
		size -= sizeof(prefix) - 1;
	}
	arena *a = arena_new();
	char *s = fuzz_copy(data, size);
	struct req r = { .a = a, .method = HTTP_GET, .path = "/angebote", .lang = size % 2 ? "en" : "de",
			 .db = big.db };
	http_parse_urlencoded(a, s, size, &r.query, 100);
	struct dir_public_finder *fd = arena_alloc(a, sizeof(*fd));
	FUZZ_CHECK(dir_public_finder_parse(&r, fd) == ST_OK);
	struct dir_search_query *q = &fd->q;

	FUZZ_CHECK(q->n_terms <= DIR_SEARCH_MAX_TERMS);
	FUZZ_CHECK(q->age >= -1 && q->age <= 99);
	FUZZ_CHECK(q->page >= 1 && q->page <= 1000);
	FUZZ_CHECK(q->per_page == 20);
	FUZZ_CHECK(!q->postcode || strlen(q->postcode) == 5);
	FUZZ_CHECK(!q->language || (strlen(q->language) >= 2 && strlen(q->language) <= 3));

	int rc = dir_search(big.db, a, q, r.lang, &fd->res);
	check(q, rc, &fd->res, a);
	if (rc == ST_NOTFOUND) { /* as the page does: the rest still counts */
		q->postcode = NULL;
		rc = dir_search(big.db, a, q, r.lang, &fd->res);
		check(q, rc, &fd->res, a);
	}
	FUZZ_CHECK(rc == ST_OK);
	free(s);
	arena_free(a);
	return 0;
}
