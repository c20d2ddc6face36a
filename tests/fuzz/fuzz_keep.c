/* fuzz_keep.c — dir_public_keep_parse, the ids of a Merkliste link
 * (/merkliste?ids=...), on any text.
 *
 * Properties: at most max ids (and never more than DIR_PUBLIC_KEEP_MAX);
 * each is a lower-case UUID that occurs in the input (case aside), none
 * twice; the count of good and bad pieces never exceeds the input's
 * comma-separated pieces; parsing the ids joined again gives the same
 * ids and nothing bad. */
#include "fuzz.h"
#include "core/arena.h"
#include "directory/directory.h"
#include "directory/public/public_internal.h"

#include <ctype.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	arena *a = arena_new();
	char *s = fuzz_cstr(data, size);
	size_t max = size ? data[0] % (DIR_PUBLIC_KEEP_MAX + 10) : DIR_PUBLIC_KEEP_MAX;
	const char *ids[DIR_PUBLIC_KEEP_MAX];
	size_t bad = 0;
	size_t n = dir_public_keep_parse(a, s, ids, max, &bad);
	FUZZ_CHECK(n <= max && n <= DIR_PUBLIC_KEEP_MAX);
	size_t pieces = 1;
	for (const char *p = s; *p; p++)
		pieces += *p == ',';
	FUZZ_CHECK(n + bad <= pieces);
	/* the input in lower case, to find each id in it */
	char *lower = fuzz_cstr(data, size);
	for (char *p = lower; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	char joined[DIR_PUBLIC_KEEP_MAX * 37 + 1] = "";
	size_t jl = 0;
	for (size_t i = 0; i < n; i++) {
		FUZZ_CHECK(dir_is_uuid(ids[i]));
		for (const char *c = ids[i]; *c; c++)
			FUZZ_CHECK(!(*c >= 'A' && *c <= 'Z'));
		FUZZ_CHECK(strstr(lower, ids[i]) != NULL);
		for (size_t k = 0; k < i; k++)
			FUZZ_CHECK(strcmp(ids[i], ids[k]) != 0);
		jl += (size_t)snprintf(joined + jl, sizeof(joined) - jl, "%s%s", i ? "," : "", ids[i]);
	}
	const char *again[DIR_PUBLIC_KEEP_MAX];
	size_t bad2 = 0;
	size_t n2 = dir_public_keep_parse(a, joined, again, DIR_PUBLIC_KEEP_MAX, &bad2);
	FUZZ_CHECK(n2 == n && bad2 == 0);
	for (size_t i = 0; i < n; i++)
		FUZZ_CHECK(strcmp(again[i], ids[i]) == 0);
	free(lower);
	free(s);
	arena_free(a);
	return 0;
}
