/* fuzz_urlencoded.c — http_parse_urlencoded (bodies and query strings)
 * and http_url_decode. */
#include "fuzz.h"
#include "http/http.h"

static void check_list(const struct kvlist *l, size_t max_pairs)
{
	FUZZ_CHECK(l->n <= max_pairs);
	FUZZ_CHECK(l->n <= l->cap);
	for (size_t i = 0; i < l->n; i++) {
		const struct kv *kv = &l->items[i];
		/* keys are non-empty names without NUL; values are terminated */
		FUZZ_CHECK(kv->key && kv->key[0] != '\0');
		FUZZ_CHECK(kv->val && kv->val[kv->len] == '\0');
		FUZZ_CHECK(kv_get(l, kv->key) != NULL);
		FUZZ_CHECK(kv_count(l, kv->key) >= 1);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	arena *a = arena_new();

	/* A body: exactly size bytes, not terminated. */
	char *body = fuzz_copy(data, size);
	struct kvlist l = { 0 };
	http_parse_urlencoded(a, body, size, &l, 1000);
	check_list(&l, 1000);
	/* The value bytes of all pairs cannot exceed the input. */
	size_t total = 0;
	for (size_t i = 0; i < l.n; i++)
		total += strlen(l.items[i].key) + l.items[i].len;
	FUZZ_CHECK(total <= size);

	/* A query string as the server parses it (a C string). */
	char *qs = fuzz_cstr(data, size);
	struct kvlist q = { 0 };
	int rc = http_parse_urlencoded(a, qs, strlen(qs), &q, 8);
	check_list(&q, 8);
	FUZZ_CHECK(rc == 0 || q.n == 8);

	/* The decoder on its own, both ways of reading '+'. */
	for (int plus = 0; plus <= 1; plus++) {
		char *d = fuzz_copy(data, size);
		size_t n = http_url_decode(d, size, plus);
		FUZZ_CHECK(n <= size);
		free(d);
	}
	free(qs);
	free(body);
	arena_free(a);
	return 0;
}
