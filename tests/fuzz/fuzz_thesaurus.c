/* fuzz_thesaurus.c — search_thesaurus_parse on arbitrary text (the
 * thesaurus is compiled in, but a broken edit of data/thesaurus.txt must
 * give fewer pairs, not a crash). Properties: every pair has a term and
 * an expansion within the editors' limits, different from each other,
 * without a NUL or a line break; the count returned is the pairs given. */
#include "fuzz.h"
#include "search/search.h"

static size_t seen;

static void pair(void *ctx, const char *term, const char *expansion)
{
	(void)ctx;
	size_t nt = strlen(term), ne = strlen(expansion);
	FUZZ_CHECK(nt > 0 && nt <= 60 && ne > 0 && ne <= 100);
	FUZZ_CHECK(strcmp(term, expansion) != 0);
	FUZZ_CHECK(!strchr(term, '\n') && !strchr(expansion, '\n') && !strchr(term, '|') && !strchr(expansion, '|'));
	seen++;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_copy(data, size); /* not terminated: reads must stay inside */
	seen = 0;
	size_t n = search_thesaurus_parse(text, size, pair, NULL);
	FUZZ_CHECK(n == seen);
	free(text);
	return 0;
}
