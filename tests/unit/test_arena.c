/* test_arena.c — unit tests for the arena allocator, the sticky-error buffer and the rate limiter. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/ratelimit.h"

static int all_zero(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return 0;
	return 1;
}

static void test_alloc_zeroed_aligned(void **state)
{
	(void)state;
	arena *a = arena_new();
	static const size_t sizes[] = { 0, 1, 3, 7, 15, 16, 17, 31, 100, 1000, 2047, 2048, 2049, 5000 };
	for (int round = 0; round < 4; round++) {
		for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
			unsigned char *p = arena_alloc(a, sizes[i]);
			assert_non_null(p);
			assert_int_equal((uintptr_t)p % 16, 0);
			assert_true(all_zero(p, sizes[i]));
			/* dirty it, so a later allocation that reused it would not be zero */
			memset(p, 0xAB, sizes[i]);
		}
	}
	arena_free(a);
}

static void test_many_small(void **state)
{
	(void)state;
	arena *a = arena_new();
	enum { N = 20000 };
	static unsigned char *ptrs[N];
	for (size_t i = 0; i < N; i++) {
		size_t n = 1 + i % 40;
		ptrs[i] = arena_alloc(a, n);
		assert_int_equal((uintptr_t)ptrs[i] % 16, 0);
		assert_true(all_zero(ptrs[i], n));
		memset(ptrs[i], (int)(i & 0xFF), n);
	}
	/* nothing overlapped: every allocation still holds its own pattern */
	for (size_t i = 0; i < N; i++) {
		size_t n = 1 + i % 40;
		for (size_t k = 0; k < n; k++)
			assert_int_equal(ptrs[i][k], i & 0xFF);
	}
	arena_free(a);
}

static void test_large(void **state)
{
	(void)state;
	arena *a = arena_new();
	unsigned char *small1 = arena_alloc(a, 10);
	memset(small1, 1, 10);
	size_t bigs[] = { 8192, 8193, 100000, 1 << 20 };
	unsigned char *bp[4];
	for (size_t i = 0; i < 4; i++) {
		bp[i] = arena_alloc(a, bigs[i]);
		assert_int_equal((uintptr_t)bp[i] % 16, 0);
		assert_true(all_zero(bp[i], bigs[i]));
		memset(bp[i], (int)(0x10 + i), bigs[i]);
	}
	/* small allocations still work after big ones and do not overlap them */
	unsigned char *small2 = arena_alloc(a, 10);
	assert_true(all_zero(small2, 10));
	memset(small2, 2, 10);
	for (size_t i = 0; i < 4; i++) {
		assert_int_equal(bp[i][0], 0x10 + i);
		assert_int_equal(bp[i][bigs[i] - 1], 0x10 + i);
	}
	assert_int_equal(small1[9], 1);
	assert_int_equal(small2[0], 2);
	arena_free(a);
	arena_free(NULL); /* allowed */
}

static void test_strdup(void **state)
{
	(void)state;
	arena *a = arena_new();
	const char *src = "hello, world";
	char *p = arena_strndup(a, src, 5);
	assert_string_equal(p, "hello");
	assert_ptr_not_equal(p, src);
	char *e = arena_strndup(a, src, 0);
	assert_string_equal(e, "");
	char *d = arena_strdup(a, src);
	assert_string_equal(d, src);
	assert_ptr_not_equal(d, src);
	/* embedded NUL: copies exactly n bytes and terminates */
	char *z = arena_strndup(a, "ab\0cd", 5);
	assert_memory_equal(z, "ab\0cd", 6);
	arena_free(a);
}

static void test_printf(void **state)
{
	(void)state;
	arena *a = arena_new();
	char *s = arena_printf(a, "%s-%d-%05.1f", "x", 42, 3.14159);
	assert_string_equal(s, "x-42-003.1");
	assert_string_equal(arena_printf(a, "%s", ""), "");

	/* output longer than a block (8 KiB) */
	enum { L = 20000 };
	static char big[L + 1];
	for (size_t i = 0; i < L; i++)
		big[i] = (char)('a' + i % 26);
	big[L] = '\0';
	char *p = arena_printf(a, "<%s|%s>", big, big);
	assert_int_equal(strlen(p), 2 * L + 3);
	assert_int_equal(p[0], '<');
	assert_memory_equal(p + 1, big, L);
	assert_int_equal(p[L + 1], '|');
	assert_memory_equal(p + L + 2, big, L);
	assert_int_equal(p[2 * L + 2], '>');
	/* earlier strings are untouched */
	assert_string_equal(s, "x-42-003.1");
	arena_free(a);
}

/* What an arena holds is let go when it is freed, the last taken first,
 * and not before. */
struct held {
	int order[4];
	int n;
};

static struct held released;
static void release_one(void *p)
{
	released.order[released.n++] = *(int *)p;
}

static void test_defer(void **state)
{
	(void)state;
	static int ids[3] = { 1, 2, 3 };
	released.n = 0;
	arena *a = arena_new();
	for (int i = 0; i < 3; i++)
		arena_defer(a, release_one, &ids[i]);
	for (int i = 0; i < 2000; i++) /* many blocks: the list survives them */
		arena_strdup(a, "some bytes for the arena");
	assert_int_equal(released.n, 0);
	arena_free(a);
	assert_int_equal(released.n, 3);
	assert_int_equal(released.order[0], 3);
	assert_int_equal(released.order[1], 2);
	assert_int_equal(released.order[2], 1);
}

static void test_buf_basic(void **state)
{
	(void)state;
	buf b;
	buf_init(&b, 0);
	assert_string_equal(buf_str(&b), "");
	assert_int_equal(b.len, 0);
	buf_puts(&b, "abc");
	buf_putc(&b, '-');
	buf_append(&b, "xyz", 2);
	buf_printf(&b, "%d/%s", 7, "q");
	assert_string_equal(buf_str(&b), "abc-xy7/q");
	assert_int_equal(b.len, 9);
	assert_int_equal(b.err, 0);

	/* binary data with a NUL keeps its length */
	buf_append(&b, "\0z", 2);
	assert_int_equal(b.len, 11);
	assert_memory_equal(b.data + 9, "\0z", 2);
	assert_int_equal(b.data[11], '\0');

	/* growth well past the initial capacity */
	buf_reset(&b);
	for (int i = 0; i < 10000; i++)
		buf_printf(&b, "%04d", i % 10000);
	assert_int_equal(b.len, 40000);
	assert_memory_equal(b.data, "0000000100020003", 16);
	assert_string_equal(b.data + 39996, "9999");
	assert_int_equal(b.err, 0);
	buf_free(&b);
	assert_null(b.data);
	assert_string_equal(buf_str(&b), "");
}

static void test_buf_limit(void **state)
{
	(void)state;
	buf b;
	buf_init(&b, 10);
	buf_puts(&b, "12345");
	buf_puts(&b, "67890"); /* exactly at the limit: fine */
	assert_int_equal(b.err, 0);
	assert_string_equal(buf_str(&b), "1234567890");
	buf_putc(&b, 'x'); /* one past */
	assert_int_equal(b.err, 1);
	assert_string_equal(buf_str(&b), "1234567890");

	/* sticky: even a write that would fit is ignored now */
	buf_reset(&b);
	assert_int_equal(b.err, 0);
	assert_int_equal(b.len, 0);
	assert_string_equal(buf_str(&b), "");
	buf_puts(&b, "abc");
	buf_printf(&b, "%s", "defghijkl"); /* 12 > 10 */
	assert_int_equal(b.err, 1);
	assert_string_equal(buf_str(&b), "abc");
	buf_putc(&b, 'd');
	buf_append(&b, "e", 1);
	buf_printf(&b, "f");
	assert_int_equal(b.err, 1);
	assert_string_equal(buf_str(&b), "abc");
	assert_int_equal(b.len, 3);

	/* after a reset, writes are accepted again */
	buf_reset(&b);
	buf_puts(&b, "ok");
	assert_int_equal(b.err, 0);
	assert_string_equal(buf_str(&b), "ok");
	buf_free(&b);
}

static struct ratelimit rl = RATELIMIT_INIT(3, 60);

static void test_ratelimit_window(void **state)
{
	(void)state;
	ratelimit_reset(&rl);
	int64_t t = 1000000;
	assert_int_equal(ratelimit_hit(&rl, "192.0.2.1", t), 1);
	assert_int_equal(ratelimit_hit(&rl, "192.0.2.1", t + 1), 1);
	assert_int_equal(ratelimit_hit(&rl, "192.0.2.1", t + 2), 1);
	assert_int_equal(ratelimit_hit(&rl, "192.0.2.1", t + 3), 0);
	assert_int_equal(ratelimit_hit(&rl, "192.0.2.1", t + 59), 0);
	/* a new window starts 60 s after the first event */
	assert_int_equal(ratelimit_hit(&rl, "192.0.2.1", t + 60), 1);
	assert_int_equal(ratelimit_hit(&rl, "192.0.2.1", t + 61), 1);
	assert_int_equal(ratelimit_hit(&rl, "192.0.2.1", t + 62), 1);
	assert_int_equal(ratelimit_hit(&rl, "192.0.2.1", t + 63), 0);
	/* reset forgets */
	ratelimit_reset(&rl);
	assert_int_equal(ratelimit_hit(&rl, "192.0.2.1", t + 64), 1);
}

static void test_ratelimit_clients(void **state)
{
	(void)state;
	ratelimit_reset(&rl);
	int64_t t = 5000;
	for (int i = 0; i < 3; i++)
		assert_int_equal(ratelimit_hit(&rl, "10.0.0.1", t), 1);
	assert_int_equal(ratelimit_hit(&rl, "10.0.0.1", t), 0);
	/* other clients are not affected by 10.0.0.1 using up its window */
	for (int i = 0; i < 3; i++) {
		assert_int_equal(ratelimit_hit(&rl, "10.0.0.2", t), 1);
		assert_int_equal(ratelimit_hit(&rl, "2001:db8::1", t), 1);
	}
	assert_int_equal(ratelimit_hit(&rl, "10.0.0.2", t), 0);
	assert_int_equal(ratelimit_hit(&rl, "2001:db8::1", t), 0);
	assert_int_equal(ratelimit_hit(&rl, "10.0.0.1", t + 1), 0);

	/* many clients: each gets its own allowance (well within the table size) */
	char name[32];
	for (int i = 0; i < 300; i++) {
		snprintf(name, sizeof(name), "172.16.%d.%d", i / 256, i % 256);
		assert_int_equal(ratelimit_hit(&rl, name, t), 1);
	}
	for (int i = 0; i < 300; i++) {
		snprintf(name, sizeof(name), "172.16.%d.%d", i / 256, i % 256);
		assert_int_equal(ratelimit_hit(&rl, name, t), 1);
		assert_int_equal(ratelimit_hit(&rl, name, t), 1);
		assert_int_equal(ratelimit_hit(&rl, name, t), 0);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alloc_zeroed_aligned),
		cmocka_unit_test(test_many_small),
		cmocka_unit_test(test_large),
		cmocka_unit_test(test_strdup),
		cmocka_unit_test(test_printf),
		cmocka_unit_test(test_defer),
		cmocka_unit_test(test_buf_basic),
		cmocka_unit_test(test_buf_limit),
		cmocka_unit_test(test_ratelimit_window),
		cmocka_unit_test(test_ratelimit_clients),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
