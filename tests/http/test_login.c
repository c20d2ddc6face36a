/* test_login.c — the defences of the sign-in: the signed pre-session CSRF
 * token, throttling per account and client (not a lock an attacker can
 * use against the owner), counting before the password is checked, and
 * the bound on concurrent password hashing. */
#include "harness.h"
#include "search/search.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <curl/curl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct server srv;

static int group_setup(void **state)
{
	(void)state;
	return harness_group_setup(&srv, NULL, NULL);
}

static int group_teardown(void **state)
{
	(void)state;
	return harness_group_teardown(&srv, NULL);
}

static __attribute__((unused)) long audit_count(const char *where)
{
	char sql[512];
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM audit_log WHERE %s", where);
	return db_scalar(&srv, sql);
}

/* POST /login with a made-up but equal cookie and field pair: the token
 * is not one the server signed, so it is refused even with the right
 * password. */
static void test_forged_login_csrf(void **state)
{
	(void)state;
	const char *forged = "Zm9yZ2VkLWNzcmYtdG9rZW4tZm9yZ2VkLWNzcmYtdG9r"; /* 43 characters */
	char body[200], hdr[120];
	struct reply r;
	snprintf(body, sizeof(body), "email=editor%%40demo.lotse.invalid&password=%s&csrf=%.43s",
		 srv.demo_pw[DEMO_EDITOR], forged);
	snprintf(hdr, sizeof(hdr), "Cookie: lotse_csrf=%.43s", forged);
	assert_int_equal(http(&srv, "POST", "/login", body, strlen(body), "application/x-www-form-urlencoded", hdr,
			      &r), 0);
	assert_int_equal(r.status, 403);
	assert_null(reply_header(&r, "Location"));
	reply_free(&r);
	/* a pair taken from the server, one character changed, is refused too */
	struct agent ag;
	agent_init(&ag);
	assert_int_equal(agent_http(&srv, &ag, "GET", "/login", NULL, NULL, &r), 0);
	reply_free(&r);
	char token[64];
	assert_int_equal(agent_cookie(&ag, "lotse_csrf", token, sizeof(token)), 0);
	assert_int_equal(strlen(token), 43);
	token[42] = token[42] == 'A' ? 'B' : 'A';
	snprintf(body, sizeof(body), "email=editor%%40demo.lotse.invalid&password=%s&csrf=%s",
		 srv.demo_pw[DEMO_EDITOR], token);
	snprintf(hdr, sizeof(hdr), "Cookie: lotse_csrf=%s", token);
	assert_int_equal(http(&srv, "POST", "/login", body, strlen(body), "application/x-www-form-urlencoded", hdr,
			      &r), 0);
	assert_int_equal(r.status, 403);
	reply_free(&r);
	/* the form as the server made it signs in */
	assert_int_equal(agent_login_as(&srv, &ag, DEMO_EDITOR), 303);
	agent_free(&ag);
	/* a browser that comes with a forged cookie gets a fresh, signed one */
	agent_init(&ag);
	snprintf(hdr, sizeof(hdr), "Set-Cookie: lotse_csrf=%.43s; Path=/", forged);
	curl_easy_setopt(ag.curl, CURLOPT_COOKIELIST, hdr);
	assert_int_equal(agent_login_as(&srv, &ag, DEMO_EDITOR), 303);
	agent_free(&ag);
}

int main(int argc, char **argv)
{
	search_init(); /* the schema needs its tokenizer */
	if (argc > 1)
		harness_bin = argv[1];
	curl_global_init(CURL_GLOBAL_DEFAULT);
	const struct CMUnitTest shared[] = {
		cmocka_unit_test(test_forged_login_csrf),
	};
	int failed = cmocka_run_group_tests_name("login", shared, group_setup, group_teardown);
	curl_global_cleanup();
	return failed ? 1 : 0;
}
