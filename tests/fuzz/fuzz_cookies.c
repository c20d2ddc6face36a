/* fuzz_cookies.c — http_parse_cookies, http_pick_language and the
 * client addresses of X-Forwarded-For (http_forwarded_client,
 * http_addr_parse, http_addr_list_parse): all read request headers or
 * settings, so the input is a C string. */
#include "fuzz.h"
#include "core/i18n.h"
#include "http/http.h"

#include <sys/socket.h>

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

	/* X-Forwarded-For: the client found is an address whose text parses
	 * back to itself, and never a trusted proxy */
	struct http_addr trusted[8], client;
	int nt = http_addr_list_parse(h, trusted, 8);
	FUZZ_CHECK(nt >= -1 && nt <= 8);
	static const char *const proxies = "127.0.0.1, ::1, 10.0.0.1";
	if (nt <= 0)
		nt = http_addr_list_parse(proxies, trusted, 8);
	FUZZ_CHECK(nt > 0);
	if (http_forwarded_client(h, trusted, (size_t)nt, &client) == 0) {
		FUZZ_CHECK(client.family == AF_INET || client.family == AF_INET6);
		FUZZ_CHECK(!http_addr_in(&client, trusted, (size_t)nt));
		char text[HTTP_ADDR_TEXT];
		struct http_addr again;
		http_addr_text(&client, text);
		FUZZ_CHECK(http_addr_parse(text, strlen(text), &again) == 0);
		FUZZ_CHECK(http_addr_equal(&client, &again));
	}
	struct http_addr one;
	if (http_addr_parse(h, hlen, &one) == 0)
		FUZZ_CHECK(one.family == AF_INET || one.family == AF_INET6);

	arena_free(a);
	free(h);
	return 0;
}
