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

HARNESS_GROUP(srv, NULL, NULL)

static long audit_count(const char *where)
{
	return db_scalarf(&srv, "SELECT count(*) FROM audit_log WHERE %s", where);
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

/* An agent that connects from another loopback address (the server
 * listens on 127.0.0.1 and sees the source address as the client). */
static void agent_from(struct agent *ag, const char *addr)
{
	agent_init(ag);
	curl_easy_setopt(ag->curl, CURLOPT_INTERFACE, addr);
}

/* Sign-in as role with a wrong password from ag; the status. */
static long wrong(struct agent *ag, enum demo_role role)
{
	return agent_login(&srv, ag, demo_email[role], "falsch-falsch-falsch");
}

/* A flood of wrong passwords for the admin from 127.0.0.2 slows that
 * address down, and the admin still signs in from 127.0.0.1. */
/* A sign-in form opened before the server was restarted (an update, a
 * crash) still signs in after it, instead of a 403: the signing key of
 * the anonymous form token is kept in the key file, not made per
 * process. */
static void test_form_survives_restart(void **state)
{
	(void)state;
	struct agent ag;
	struct reply r;
	char body[200];
	assert_int_equal(agent_init(&ag), 0);
	assert_int_equal(agent_fetch(&srv, &ag, "/login", &r), 200);
	reply_free(&r);
	assert_int_equal(strlen(ag.csrf), 43);
	assert_int_equal(server_stop(&srv), 0);
	assert_int_equal(server_restart(&srv), 0);
	snprintf(body, sizeof(body), "email=editor%%40demo.lotse.invalid&password=%s", srv.demo_pw[DEMO_EDITOR]);
	assert_int_equal(agent_submit(&srv, &ag, "/login", body, &r), 303);
	reply_free(&r);
	agent_free(&ag);
}

static void test_flood_from_elsewhere(void **state)
{
	(void)state;
	struct agent x, y;
	agent_from(&x, "127.0.0.2");
	agent_from(&y, "127.0.0.1");
	long before = audit_count("action = 'login' AND outcome = 'throttled'");
	int checked = 0, refused = 0;
	for (int i = 0; i < 15; i++) {
		long st = wrong(&x, DEMO_ADMIN);
		checked += st == 401;
		refused += st == 429;
	}
	/* five are checked, then that address waits */
	assert_true(checked <= 5);
	assert_int_equal(checked + refused, 15);
	/* the owner, from their own address, signs in all the same */
	struct reply r;
	assert_int_equal(agent_login_as(&srv, &y, DEMO_ADMIN), 303);
	assert_int_equal(agent_http(&srv, &y, "GET", "/intern", NULL, NULL, &r), 0);
	assert_int_equal(r.status, 200);
	reply_free(&r);
	/* the flooding address is refused, told how long to wait */
	char body[200];
	snprintf(body, sizeof(body), "email=admin%%40demo.lotse.invalid&password=%s", srv.demo_pw[DEMO_ADMIN]);
	assert_int_equal(agent_post(&srv, &x, "/login", body, &r), 0);
	assert_int_equal(r.status, 429);
	assert_string_equal(reply_header(&r, "Retry-After") ? "set" : "missing", "set");
	assert_true(atoi(reply_header(&r, "Retry-After")) >= 1);
	assert_contains(buf_str(&r.body), "Zu viele Anmeldeversuche.");
	reply_free(&r);
	/* one audit row for the burst, not one per refusal */
	assert_int_equal(audit_count("action = 'login' AND outcome = 'throttled'"), before + 1);
	agent_free(&x);
	agent_free(&y);
}

/* `lotse user enable` lifts the throttle of an account that is not even
 * disabled; so does the admin's "Anmeldung freigeben" on the user page. */
static void test_lift(void **state)
{
	(void)state;
	struct agent x, admin;
	struct reply r;
	agent_from(&x, "127.0.0.3");
	for (int i = 0; i < 6; i++)
		wrong(&x, DEMO_RESEARCHER);
	assert_int_equal(agent_login_as(&srv, &x, DEMO_RESEARCHER), 429);
	assert_int_equal(run_lotse(NULL, "user", "enable", "--db", srv.db, "--email", demo_email[DEMO_RESEARCHER],
				   NULL), 0);
	assert_int_equal(agent_login_as(&srv, &x, DEMO_RESEARCHER), 303);
	agent_free(&x);

	agent_from(&x, "127.0.0.3");
	for (int i = 0; i < 6; i++)
		wrong(&x, DEMO_COUNSELLOR);
	assert_int_equal(agent_login_as(&srv, &x, DEMO_COUNSELLOR), 429);
	agent_init(&admin);
	assert_int_equal(agent_login_as(&srv, &admin, DEMO_ADMIN), 303);
	long id = db_scalar(&srv, "SELECT id FROM user WHERE email = 'counsellor@demo.lotse.invalid'");
	char path[64];
	snprintf(path, sizeof(path), "/intern/benutzer/%ld", id);
	assert_int_equal(agent_fetch(&srv, &admin, path, &r), 200);
	assert_contains(buf_str(&r.body), "Anmeldung gebremst");
	assert_contains(buf_str(&r.body), "Anmeldung freigeben");
	reply_free(&r);
	snprintf(path, sizeof(path), "/intern/benutzer/%ld/sperren", id);
	assert_int_equal(agent_submit(&srv, &admin, path, "disabled=0", &r), 303);
	reply_free(&r);
	assert_int_equal(agent_login_as(&srv, &x, DEMO_COUNSELLOR), 303);
	agent_free(&x);
	agent_free(&admin);
}

/* 30 sign-ins with a wrong password at once, from one address, each
 * with its own form: no more passwords are checked than the limit. */
#define PARALLEL 30
struct attempt {
	struct agent ag;
	const char *body;
	pthread_barrier_t *go;
	long status;
};

static void *attempt_run(void *arg)
{
	struct attempt *a = arg;
	struct reply r;
	pthread_barrier_wait(a->go);
	if (agent_post(&srv, &a->ag, "/login", a->body, &r) == 0)
		a->status = r.status;
	reply_free(&r);
	return NULL;
}

static void run_parallel(struct attempt *at, size_t n)
{
	pthread_barrier_t go;
	pthread_t th[PARALLEL];
	pthread_barrier_init(&go, NULL, (unsigned)n);
	for (size_t i = 0; i < n; i++) {
		at[i].go = &go;
		at[i].status = -1;
		assert_int_equal(pthread_create(&th[i], NULL, attempt_run, &at[i]), 0);
	}
	for (size_t i = 0; i < n; i++)
		pthread_join(th[i], NULL);
	pthread_barrier_destroy(&go);
}

static void test_parallel_counted_before(void **state)
{
	(void)state;
	struct attempt at[PARALLEL];
	struct reply r;
	for (int i = 0; i < PARALLEL; i++) {
		agent_from(&at[i].ag, "127.0.0.4");
		assert_int_equal(agent_http(&srv, &at[i].ag, "GET", "/login", NULL, NULL, &r), 0);
		reply_free(&r);
		at[i].body = "email=editor%40demo.lotse.invalid&password=falsch-falsch-falsch";
	}
	long before = audit_count("action = 'login' AND outcome = 'failed' AND object_id = "
				  "(SELECT id FROM user WHERE email = 'editor@demo.lotse.invalid')");
	run_parallel(at, PARALLEL);
	int checked = 0;
	for (int i = 0; i < PARALLEL; i++) {
		assert_true(at[i].status == 401 || at[i].status == 429 || at[i].status == 503);
		checked += at[i].status == 401;
	}
	assert_true(checked >= 1 && checked <= 5);
	/* then one at a time until refused: still no more than 5 in all */
	long st;
	while ((st = wrong(&at[0].ag, DEMO_EDITOR)) == 401 || st == 503)
		checked += st == 401;
	assert_int_equal(st, 429);
	assert_int_equal(checked, 5);
	assert_int_equal(audit_count("action = 'login' AND outcome = 'failed' AND object_id = "
				     "(SELECT id FROM user WHERE email = 'editor@demo.lotse.invalid')"),
			 before + 5);
	/* and the right password gets no further from there */
	assert_int_equal(agent_login_as(&srv, &at[0].ag, DEMO_EDITOR), 429);
	for (int i = 0; i < PARALLEL; i++)
		agent_free(&at[i].ag);
}

/* Sign-ins for unknown addresses from many threads: no more than
 * AUTH_HASH_SLOTS (2) password checks run at once, the rest are answered
 * 503 at once with Retry-After, and the burst is one audit row. Whether
 * a third check comes while two run depends on how the server's threads
 * take the connections: a burst without one is tried again (at most
 * three, from new addresses, so that no throttle applies). */
static void test_hashing_bounded(void **state)
{
	(void)state;
	struct attempt at[PARALLEL];
	struct reply r;
	static char bodies[PARALLEL][96];
	long before = audit_count("action = 'login' AND outcome = 'busy'");
	int busy = 0, checked = 0;
	for (int round = 0; round < 3 && !busy; round++) {
		for (int i = 0; i < PARALLEL; i++) {
			/* from 15 addresses, two unknown accounts each */
			char addr[32];
			snprintf(addr, sizeof(addr), "127.0.%d.%d", round + 1, i / 2 + 1);
			agent_from(&at[i].ag, addr);
			assert_int_equal(agent_http(&srv, &at[i].ag, "GET", "/login", NULL, NULL, &r), 0);
			reply_free(&r);
			snprintf(bodies[i], sizeof(bodies[i]), "email=flut%d-%d%%40example.org&password=falsch-falsch-falsch",
				 round, i);
			at[i].body = bodies[i];
		}
		run_parallel(at, PARALLEL);
		for (int i = 0; i < PARALLEL; i++) {
			assert_true(at[i].status == 401 || at[i].status == 503);
			busy += at[i].status == 503;
			checked += at[i].status == 401;
			agent_free(&at[i].ag);
		}
	}
	assert_true(busy >= 1);
	assert_true(checked >= 1);
	assert_int_equal(audit_count("action = 'login' AND outcome = 'busy'"), before + 1);
}

int main(int argc, char **argv)
{
	search_init(); /* the schema needs its tokenizer */
	if (argc > 1)
		harness_bin = argv[1];
	curl_global_init(CURL_GLOBAL_DEFAULT);
	const struct CMUnitTest shared[] = {
		cmocka_unit_test(test_forged_login_csrf),
		cmocka_unit_test(test_form_survives_restart),
		cmocka_unit_test(test_flood_from_elsewhere),
		cmocka_unit_test(test_lift),
		cmocka_unit_test(test_parallel_counted_before),
		cmocka_unit_test(test_hashing_bounded),
	};
	int failed = cmocka_run_group_tests_name("login", shared, group_setup, group_teardown);
	curl_global_cleanup();
	return failed ? 1 : 0;
}
