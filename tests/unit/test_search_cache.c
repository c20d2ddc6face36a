/* test_search_cache.c — the rule of the search engine's caches
 * (src/search/cache.c): a newer snapshot of an index drops the entries of
 * its older ones and leaves other indexes' alone; an entry of an older
 * snapshot is not kept while a newer one's are there; a new entry takes an
 * empty slot, else the least recently used one. */
#include "search/search_internal.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

static const struct search_index a = { .prefix = "a" }, b = { .prefix = "b" };

static int dropped;
static void drop(struct cache_entry *e)
{
	(void)e;
	dropped++;
}

static void test_sweep(void **state)
{
	(void)state;
	struct cache_entry a1 = { &a, 1, 5 }, a2 = { &a, 2, 6 }, b1 = { &b, 1, 7 };
	struct cache_entry *tab[4] = { &a1, NULL, &b1, &a2 };
	struct snap sn = { .ix = &a, .serial = 2 };
	dropped = 0;
	assert_int_equal(search_cache_sweep(tab, 4, &sn, drop), 1);
	assert_int_equal(dropped, 1);    /* a's first snapshot */
	assert_null(tab[0]);
	assert_ptr_equal(tab[2], &b1);   /* another index's */
	assert_ptr_equal(tab[3], &a2);   /* this snapshot's */

	struct snap old = { .ix = &a, .serial = 1 };
	assert_int_equal(search_cache_sweep(tab, 4, &old, drop), 0); /* a2 is newer */
	assert_int_equal(dropped, 1);
	assert_ptr_equal(tab[3], &a2);
}

static void test_slot(void **state)
{
	(void)state;
	struct cache_entry e1 = { &a, 1, 30 }, e2 = { &a, 1, 10 }, e3 = { &a, 1, 20 };
	struct cache_entry *tab[4] = { &e1, &e2, NULL, &e3 };
	assert_int_equal(search_cache_slot(tab, 4), 2);  /* the empty one */
	tab[2] = &e1;
	assert_int_equal(search_cache_slot(tab, 4), 1);  /* the least recently used */
	assert_int_equal(search_cache_slot(tab, 1), 0);  /* only the first slot counts */
	struct cache_entry *full[3] = { &e1, &e3, &e2 };
	assert_int_equal(search_cache_slot(full, 2), 1); /* the LRU among the first two */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sweep),
		cmocka_unit_test(test_slot),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
