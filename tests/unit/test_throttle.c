/* test_throttle.c — the sign-in throttle's rules with a made-up clock:
 * delays per account and client, per client, the cap on parallel
 * guesses, the owner's own address, lifting, and counting before the
 * check under many threads. */
#include "auth/auth.h"
#include "auth/throttle.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#define T0 1700000000

/* One wrong password at now: 0 when it was checked, else the wait. */
static int64_t wrong(const char *account, const char *client, int64_t lifted, int64_t now)
{
	struct throttle_ticket t;
	int note;
	int64_t wait = throttle_begin(&t, account, client, lifted, now, &note);
	if (wait == 0)
		throttle_end(&t, THROTTLE_FAILED);
	return wait;
}

static int64_t sign_in(const char *account, const char *client, int64_t lifted, int64_t now)
{
	struct throttle_ticket t;
	int note;
	int64_t wait = throttle_begin(&t, account, client, lifted, now, &note);
	if (wait == 0)
		throttle_end(&t, THROTTLE_OK);
	return wait;
}

static void test_pair_delays_grow(void **state)
{
	(void)state;
	throttle_reset();
	for (int i = 0; i < AUTH_PAIR_FREE; i++)
		assert_int_equal(wrong("u:1", "192.0.2.1", 0, T0), 0);
	/* then 30 s, 60 s, 120 s ... */
	assert_int_equal(wrong("u:1", "192.0.2.1", 0, T0), AUTH_THROTTLE_DELAY);
	assert_int_equal(wrong("u:1", "192.0.2.1", 0, T0 + AUTH_THROTTLE_DELAY), 0);
	int64_t t = T0 + AUTH_THROTTLE_DELAY;
	assert_int_equal(wrong("u:1", "192.0.2.1", 0, t + 1), 2 * AUTH_THROTTLE_DELAY - 1);
	t += 2 * AUTH_THROTTLE_DELAY;
	assert_int_equal(wrong("u:1", "192.0.2.1", 0, t), 0);
	assert_int_equal(wrong("u:1", "192.0.2.1", 0, t), 4 * AUTH_THROTTLE_DELAY);
	assert_true(throttle_active("u:1", 0, t));
	/* the same account from another address: not held back */
	assert_int_equal(sign_in("u:1", "198.51.100.7", 0, t), 0);
	/* another account from the first address: not held back either */
	assert_int_equal(wrong("u:2", "192.0.2.1", 0, t), 0);
	/* never longer than the cap */
	for (int i = 0; i < 20; i++) {
		t += AUTH_THROTTLE_MAX;
		assert_int_equal(wrong("u:3", "203.0.113.9", 0, t), 0);
	}
	assert_int_equal(wrong("u:3", "203.0.113.9", 0, t), AUTH_THROTTLE_MAX);
	/* after an hour without failures they are forgotten */
	assert_int_equal(wrong("u:3", "203.0.113.9", 0, t + AUTH_THROTTLE_FORGET), 0);
}

static void test_lift(void **state)
{
	(void)state;
	throttle_reset();
	for (int i = 0; i < AUTH_PAIR_FREE; i++)
		assert_int_equal(wrong("u:1", "192.0.2.1", 0, T0), 0);
	assert_true(wrong("u:1", "192.0.2.1", 0, T0 + 1) > 0);
	assert_true(throttle_active("u:1", 0, T0 + 1));
	/* lotse user enable at T0 + 2 */
	assert_false(throttle_active("u:1", T0 + 2, T0 + 3));
	assert_int_equal(sign_in("u:1", "192.0.2.1", T0 + 2, T0 + 3), 0);
}

static void test_client_on_many_accounts(void **state)
{
	(void)state;
	throttle_reset();
	char account[32];
	for (int i = 0; i < AUTH_CLIENT_FREE; i++) {
		snprintf(account, sizeof(account), "e:probe%d@example.org", i);
		assert_int_equal(wrong(account, "192.0.2.66", 0, T0), 0);
	}
	assert_int_equal(wrong("e:probe-next@example.org", "192.0.2.66", 0, T0), AUTH_THROTTLE_DELAY);
	/* a real account from there too */
	assert_int_equal(sign_in("u:1", "192.0.2.66", 0, T0), AUTH_THROTTLE_DELAY);
	/* but not one that has signed in from there before */
	throttle_reset();
	assert_int_equal(sign_in("u:1", "192.0.2.66", 0, T0), 0);
	for (int i = 0; i < AUTH_CLIENT_FREE; i++) {
		snprintf(account, sizeof(account), "e:probe%d@example.org", i);
		assert_int_equal(wrong(account, "192.0.2.66", 0, T0), 0);
	}
	assert_int_equal(sign_in("u:1", "192.0.2.66", 0, T0), 0);
}

/* Many addresses, one guess each, at one account: after
 * AUTH_ACCOUNT_FREE the account slows down new addresses, but not one
 * that has signed in to it before; lifting clears it. */
static void test_account_from_many(void **state)
{
	(void)state;
	throttle_reset();
	char client[32];
	assert_int_equal(sign_in("u:1", "192.0.2.1", 0, T0), 0);
	for (int i = 0; i < AUTH_ACCOUNT_FREE; i++) {
		snprintf(client, sizeof(client), "10.0.%d.%d", i / 200, i % 200 + 1);
		assert_int_equal(wrong("u:1", client, 0, T0), 0);
	}
	assert_int_equal(wrong("u:1", "10.9.9.9", 0, T0), AUTH_THROTTLE_DELAY);
	assert_true(throttle_active("u:1", 0, T0));
	/* the owner's usual address */
	assert_int_equal(sign_in("u:1", "192.0.2.1", 0, T0), 0);
	/* delays grow */
	assert_int_equal(wrong("u:1", "10.9.9.9", 0, T0 + AUTH_THROTTLE_DELAY), 0);
	assert_int_equal(wrong("u:1", "10.9.9.10", 0, T0 + AUTH_THROTTLE_DELAY), 2 * AUTH_THROTTLE_DELAY);
	/* lifted */
	assert_int_equal(wrong("u:1", "10.9.9.10", T0 + 40, T0 + 41), 0);
	/* other accounts are not touched */
	assert_int_equal(wrong("u:2", "10.9.9.11", 0, T0), 0);
}

static void test_parallel_cap(void **state)
{
	(void)state;
	throttle_reset();
	struct throttle_ticket t[AUTH_ACCOUNT_PARALLEL + 1];
	int note;
	char client[32];
	for (int i = 0; i < AUTH_ACCOUNT_PARALLEL; i++) {
		snprintf(client, sizeof(client), "192.0.2.%d", i + 1);
		assert_int_equal(throttle_begin(&t[i], "u:1", client, 0, T0, &note), 0);
	}
	/* a third address at once: wait a second; the refusal is noted once */
	assert_int_equal(throttle_begin(&t[AUTH_ACCOUNT_PARALLEL], "u:1", "198.51.100.1", 0, T0, &note), 1);
	assert_int_equal(note, 1);
	assert_int_equal(throttle_begin(&t[AUTH_ACCOUNT_PARALLEL], "u:1", "198.51.100.2", 0, T0, &note), 1);
	assert_int_equal(note, 0);
	/* an address the owner signed in from before is not held back */
	throttle_end(&t[0], THROTTLE_OK);
	assert_int_equal(throttle_begin(&t[0], "u:1", "192.0.2.1", 0, T0, &note), 0);
	assert_int_equal(throttle_begin(&t[2], "u:1", "192.0.2.1", 0, T0, &note), 0);
	throttle_end(&t[2], THROTTLE_UNCHECKED);
	throttle_end(&t[0], THROTTLE_FAILED);
	throttle_end(&t[1], THROTTLE_FAILED);
	/* all checked: room again */
	assert_int_equal(throttle_begin(&t[0], "u:1", "198.51.100.1", 0, T0, &note), 0);
	throttle_end(&t[0], THROTTLE_UNCHECKED);
}

/* 30 threads guess at once from one address: no more are checked than
 * the pair allows, because each is counted before its check. */
static int checked;
static pthread_mutex_t checked_lock = PTHREAD_MUTEX_INITIALIZER;

static void *guess(void *arg)
{
	(void)arg;
	struct throttle_ticket t;
	int note;
	if (throttle_begin(&t, "u:1", "192.0.2.1", 0, T0, &note) == 0) {
		pthread_mutex_lock(&checked_lock);
		checked++;
		pthread_mutex_unlock(&checked_lock);
		throttle_end(&t, THROTTLE_FAILED);
	}
	return NULL;
}

static void test_threads_counted_before(void **state)
{
	(void)state;
	throttle_reset();
	/* one sign-in first, so the account's cap on parallel guesses does not
	 * apply and only the counting is tested */
	assert_int_equal(sign_in("u:1", "192.0.2.1", 0, T0), 0);
	pthread_t th[30];
	for (int i = 0; i < 30; i++)
		assert_int_equal(pthread_create(&th[i], NULL, guess, NULL), 0);
	for (int i = 0; i < 30; i++)
		pthread_join(th[i], NULL);
	assert_int_equal(checked, AUTH_PAIR_FREE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pair_delays_grow),
		cmocka_unit_test(test_lift),
		cmocka_unit_test(test_client_on_many_accounts),
		cmocka_unit_test(test_account_from_many),
		cmocka_unit_test(test_parallel_cap),
		cmocka_unit_test(test_threads_counted_before),
	};
	return cmocka_run_group_tests_name("throttle", tests, NULL, NULL);
}
