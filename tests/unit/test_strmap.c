/* test_strmap.c — the string map: put, get, grow, walk, free. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "core/strmap.h"

static void test_put_get_grow(void **state)
{
	(void)state;
	struct strmap m = { 0 };
	assert_null(strmap_get(&m, "a", 1)); /* empty */
	char key[32];
	for (int i = 0; i < 5000; i++) {
		int n = snprintf(key, sizeof(key), "key-%d", i);
		void **v = strmap_slot(&m, key, (size_t)n);
		assert_null(*v); /* new */
		*v = (void *)(intptr_t)(i + 1);
	}
	assert_int_equal(m.n, 5000);
	assert_true(m.cap >= 10000); /* at most half full */
	for (int i = 0; i < 5000; i++) {
		int n = snprintf(key, sizeof(key), "key-%d", i);
		assert_int_equal((intptr_t)strmap_get(&m, key, (size_t)n), i + 1);
	}
	/* a key given by length: "key-12" inside a longer text; a prefix is another key */
	assert_int_equal((intptr_t)strmap_get(&m, "key-12xyz", 6), 13);
	assert_null(strmap_get(&m, "key-", 4));
	/* the same key again: the same slot */
	void **v = strmap_slot(&m, "key-7", 5);
	assert_int_equal((intptr_t)*v, 8);
	assert_int_equal(m.n, 5000);
	/* the walk sees every entry once */
	size_t i = 0, seen = 0;
	const char *k;
	void *val;
	long sum = 0;
	while (strmap_next(&m, &i, &k, &val)) {
		seen++;
		sum += (long)(intptr_t)val;
	}
	assert_int_equal(seen, 5000);
	assert_int_equal(sum, 5000L * 5001 / 2);
	strmap_free(&m, NULL);
	assert_int_equal(m.n, 0);
	assert_null(strmap_get(&m, "key-1", 5));
}

static void test_free_values(void **state)
{
	(void)state;
	struct strmap m = { 0 };
	*strmap_slot(&m, "eins", 4) = xstrdup("1");
	*strmap_slot(&m, "zwei", 4) = xstrdup("2");
	*strmap_slot(&m, "leer", 4) = NULL; /* a NULL value reads as absent */
	assert_string_equal(strmap_get(&m, "zwei", 4), "2");
	assert_null(strmap_get(&m, "leer", 4));
	strmap_free(&m, free); /* ASan: nothing leaks, nothing freed twice */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_put_get_grow),
		cmocka_unit_test(test_free_values),
	};
	return cmocka_run_group_tests_name("strmap", tests, NULL, NULL);
}
