/* test_counselling.c — the statistics' suppression (counsel_suppress):
 * a count under 5 is hidden, and beside it the fewest others, the
 * smallest first, so that no row or column of the table with its totals
 * has a hidden count alone (which its total would give away). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "counselling/counselling_internal.h"

#include <string.h>

/* Fill the totals of v (rows x cols counts in a (rows+1) x (cols+1) array). */
static void totals(long *v, size_t rows, size_t cols)
{
	size_t w = cols + 1;
	for (size_t i = 0; i < rows; i++)
		for (size_t k = 0; k < cols; k++) {
			v[i * w + cols] += v[i * w + k];
			v[rows * w + k] += v[i * w + k];
			v[rows * w + cols] += v[i * w + k];
		}
}

/* No row or column with exactly one hidden count. */
static void no_lone(const unsigned char *hidden, size_t rows, size_t cols)
{
	size_t w = cols + 1;
	for (size_t i = 0; i <= rows; i++) {
		int n = 0;
		for (size_t k = 0; k <= cols; k++)
			n += hidden[i * w + k];
		assert_int_not_equal(n, 1);
	}
	for (size_t k = 0; k <= cols; k++) {
		int n = 0;
		for (size_t i = 0; i <= rows; i++)
			n += hidden[i * w + k];
		assert_int_not_equal(n, 1);
	}
}

static void test_one_small_cell(void **state)
{
	(void)state;
	/* A: 3 10 12, B: 8 9 7, C: 6 11 5 */
	long v[16] = { 3, 10, 12, 0, 8, 9, 7, 0, 6, 11, 5, 0, 0, 0, 0, 0 };
	unsigned char hidden[16];
	totals(v, 3, 3);
	assert_int_equal(v[15], 71);
	counsel_suppress(v, 3, 3, 5, hidden);
	/* the 3, then 10 (its row's smallest), 6 (its column's), 9, 5, 7 */
	const unsigned char want[16] = { 1, 1, 0, 0, 0, 1, 1, 0, 1, 0, 1, 0, 0, 0, 0, 0 };
	assert_memory_equal(hidden, want, sizeof(want));
	no_lone(hidden, 3, 3);
}

static void test_small_row_total(void **state)
{
	(void)state;
	/* A: 2 1 (total 3, also small), B: 10 20 */
	long v[9] = { 2, 1, 0, 10, 20, 0, 0, 0, 0 };
	unsigned char hidden[9];
	totals(v, 2, 2);
	counsel_suppress(v, 2, 2, 5, hidden);
	/* row A and its total, so row B and its total; the column totals stay */
	const unsigned char want[9] = { 1, 1, 1, 1, 1, 1, 0, 0, 0 };
	assert_memory_equal(hidden, want, sizeof(want));
	no_lone(hidden, 2, 2);
}

static void test_nothing_small(void **state)
{
	(void)state;
	/* zeros are no small counts: nothing hidden */
	long v[9] = { 0, 7, 0, 9, 5, 0, 0, 0, 0 };
	unsigned char hidden[9];
	totals(v, 2, 2);
	counsel_suppress(v, 2, 2, 5, hidden);
	for (size_t i = 0; i < 9; i++)
		assert_int_equal(hidden[i], 0);
}

static void test_one_column(void **state)
{
	(void)state;
	/* the caseload: open 12, closed 4; the 4 and so the 12 (else 16 - 12) */
	long v[6] = { 12, 0, 4, 0, 0, 0 };
	unsigned char hidden[6];
	totals(v, 2, 1);
	counsel_suppress(v, 2, 1, 5, hidden);
	assert_true(hidden[0] && hidden[2]);
	assert_false(hidden[4]); /* the grand total 16 stays */
	no_lone(hidden, 2, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_one_small_cell),
		cmocka_unit_test(test_small_row_total),
		cmocka_unit_test(test_nothing_small),
		cmocka_unit_test(test_one_column),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
