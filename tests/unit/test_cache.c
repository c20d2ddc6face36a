/* test_cache.c — the page cache: hits, versions, time to live, limits. */
#include "http/cache.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct page_cache cache = PAGE_CACHE_INIT(60);

static void test_hit_and_miss(void **state)
{
	(void)state;
	buf b;
	buf_init(&b, 0);
	assert_false(page_cache_get(&cache, "de|/angebote?q=x", 7, 1000, &b));
	page_cache_put(&cache, "de|/angebote?q=x", 7, 1000, "<p>x</p>", 8);
	assert_true(page_cache_get(&cache, "de|/angebote?q=x", 7, 1010, &b));
	assert_string_equal(buf_str(&b), "<p>x</p>");
	/* another language or address is another page */
	assert_false(page_cache_get(&cache, "en|/angebote?q=x", 7, 1010, &b));
	/* a new version of the data: stale */
	buf_reset(&b);
	assert_false(page_cache_get(&cache, "de|/angebote?q=x", 8, 1010, &b));
	assert_int_equal(b.len, 0);
	/* and gone for the old version too */
	assert_false(page_cache_get(&cache, "de|/angebote?q=x", 7, 1010, &b));
	/* time to live */
	page_cache_put(&cache, "k", 1, 2000, "a", 1);
	assert_true(page_cache_get(&cache, "k", 1, 2059, &b));
	assert_false(page_cache_get(&cache, "k", 1, 2060, &b));
	buf_free(&b);
}

static void test_limits(void **state)
{
	(void)state;
	size_t n = PAGE_CACHE_MAX_BODY + 1;
	char *big = calloc(1, n);
	assert_non_null(big);
	buf b;
	buf_init(&b, 0);
	page_cache_put(&cache, "big", 1, 1, big, n);
	assert_false(page_cache_get(&cache, "big", 1, 1, &b));
	/* many keys: the table stays bounded and each answer is its own page */
	for (int i = 0; i < 1000; i++) {
		char key[32], body[32];
		snprintf(key, sizeof(key), "k%d", i);
		snprintf(body, sizeof(body), "b%d", i);
		page_cache_put(&cache, key, 1, 1, body, strlen(body));
	}
	buf_reset(&b);
	if (page_cache_get(&cache, "k999", 1, 1, &b))
		assert_string_equal(buf_str(&b), "b999");
	buf_reset(&b);
	if (page_cache_get(&cache, "k3", 1, 1, &b))
		assert_string_equal(buf_str(&b), "b3");
	page_cache_clear(&cache);
	assert_false(page_cache_get(&cache, "k999", 1, 1, &b));
	buf_free(&b);
	free(big);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hit_and_miss),
		cmocka_unit_test(test_limits),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	page_cache_clear(&cache);
	return rc;
}
