/* test_search_bits.c — the bitmap counts of src/search/bits.c: every
 * way this CPU can count (plain, AVX2, AVX-512) gives what counting bit
 * by bit gives, for every length up to a few vectors and a tail, at any
 * start, from empty to full bitmaps, and for a snapshot-sized one. */
#include "search/bits.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>

static uint64_t rng = 88172645463325252ull;

static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

/* A word with about density of 64 bits set (0: none, 64: all). */
static uint64_t word(int density)
{
	uint64_t w = 0;
	for (int b = 0; b < 64; b++)
		if ((int)(next() % 64) < density)
			w |= 1ull << b;
	return w;
}

static size_t by_bit(const uint64_t *a, const uint64_t *b, size_t words)
{
	size_t n = 0;
	for (size_t i = 0; i < words; i++)
		for (int k = 0; k < 64; k++)
			n += (a[i] >> k & 1) && (b[i] >> k & 1);
	return n;
}

static void check(const uint64_t *a, const uint64_t *b, size_t words)
{
	size_t want = by_bit(a, b, words);
	for (int v = SEARCH_V_NONE; v <= (int)search_vector(); v++)
		assert_int_equal(search_bits_count_and_as((enum search_vector)v, a, b, words), want);
	assert_int_equal(search_bits_count_and(a, b, words), want);
	assert_int_equal(search_bits_count(a, words), by_bit(a, a, words));
}

static void test_every_length_and_start(void **state)
{
	(void)state;
	enum { N = 40 };
	uint64_t a[N + 1], b[N + 1];
	static const int density[] = { 0, 1, 16, 32, 63, 64 };
	for (size_t d = 0; d < sizeof(density) / sizeof(density[0]); d++)
		for (size_t words = 0; words <= N; words++)
			for (size_t start = 0; start <= 1; start++) {
				for (size_t i = 0; i < N + 1; i++) {
					a[i] = word(density[d]);
					b[i] = word(64 - density[d] / 2);
				}
				check(a + start, b + start, words);
			}
}

static void test_snapshot_sized(void **state)
{
	(void)state;
	size_t words = 1563; /* 100,000 documents */
	uint64_t *a = malloc(words * sizeof(*a)), *b = malloc(words * sizeof(*b));
	uint32_t *at = malloc(words * sizeof(*at));
	assert_non_null(a);
	assert_non_null(b);
	assert_non_null(at);
	size_t n_at = 0;
	for (size_t i = 0; i < words; i++) {
		a[i] = i % 3 ? word(20) : 0;
		b[i] = word(40);
		if (a[i])
			at[n_at++] = (uint32_t)i;
	}
	check(a, b, words);
	/* over only the words where a has documents: the same */
	assert_int_equal(search_bits_count_and_at(a, b, at, n_at), by_bit(a, b, words));
	free(a);
	free(b);
	free(at);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_length_and_start),
		cmocka_unit_test(test_snapshot_sized),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
