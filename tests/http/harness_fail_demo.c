/* harness_fail_demo.c — a deliberately failing HTTP test, run by hand and
 * never in the suite: it shows that the servers a failed test leaves
 * behind end with the test program, so that its runner (meson, which
 * reads the program's output to its end) is not held for its timeout.
 *
 *     ninja -C build-h tests/harness_fail_demo
 *     time (build-h/tests/harness_fail_demo build-h/lotse assert | cat)
 *     time (build-h/tests/harness_fail_demo build-h/lotse crash | cat)
 *
 * "assert": a test fails an assert between starting its own server and
 * stopping it (cmocka jumps past the stop). "crash": the program aborts
 * inside a group (no teardown at all), as on a sanitizer's report. Each
 * ends in seconds, with no lotse server left (pgrep -f lotse-test-). */
#include "harness.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct server srv;
static int crash;

static void test_own_server_fails(void **state)
{
	(void)state;
	struct server own;
	assert_int_equal(server_start(&own, NULL), 0);
	fprintf(stderr, "own server %d at %s\n", (int)own.pid, own.base);
	assert_int_equal(1, 2); /* deliberately: the stop below never runs */
	server_stop(&own);
	server_cleanup(&own);
}

static void test_group_fails(void **state)
{
	(void)state;
	fprintf(stderr, "group server %d at %s\n", (int)srv.pid, srv.base);
	if (crash)
		abort(); /* deliberately: no teardown runs */
	fail_msg("deliberately failing");
}

HARNESS_GROUP(srv, NULL, NULL)

int main(int argc, char **argv)
{
	if (harness_args(argc, argv) != 0)
		return 2;
	crash = argc > 2 && strcmp(argv[2], "crash") == 0;
	curl_global_init(CURL_GLOBAL_DEFAULT);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_own_server_fails),
		cmocka_unit_test(test_group_fails),
	};
	int failed = cmocka_run_group_tests_name("harness_fail_demo", tests, group_setup, group_teardown);
	curl_global_cleanup();
	return failed ? 1 : 0;
}
