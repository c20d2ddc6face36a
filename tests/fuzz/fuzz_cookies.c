/* fuzz_cookies.c — http_parse_cookies and http_pick_language (both read
 * request headers, so the input is a C string). */
#include "fuzz.h"
#include "core/i18n.h"
#include "http/http.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *h = fuzz_cstr(data, size);
	size_t hlen = strlen(h);
	arena *a = arena_new();

	struct kvlist l = { 0 };
	http_parse_cookies(a, h, &l, 50);
	FUZZ_CHECK(l.n <= 50);
	for (size_t i = 0; i < l.n; i++) {
		FUZZ_CHECK(l.items[i].key[0] != '\0');
		FUZZ_CHECK(strlen(l.items[i].val) == l.items[i].len);
		FUZZ_CHECK(l.items[i].len <= hlen);
	}

	const char *lang = http_pick_language(h, i18n_langs);
	if (lang) {
		int known = 0;
		for (size_t i = 0; i18n_langs[i]; i++)
			known |= lang == i18n_langs[i];
		FUZZ_CHECK(known);
	}
	static const char *const many[] = { "de", "en", "fr", "tr", "ar", "uk", "ru", "fa",
					    "zh-Hans", "", NULL };
	lang = http_pick_language(h, many);
	if (lang) {
		int known = 0;
		for (size_t i = 0; many[i]; i++)
			known |= lang == many[i];
		FUZZ_CHECK(known);
	}

	arena_free(a);
	free(h);
	return 0;
}
