/* test_second.c — the second factor against the real server (ASVS 2.8,
 * 4.3.1, 3.7.1, 3.3.4, 2.2.3): enrolment with a QR code and a first code,
 * sign-in with a code, wrong codes ending a waiting sign-in, a code and a
 * recovery code counting once, an admin kept to enrolment, re-confirming
 * the password before role changes and password resets, one's sessions
 * and signing out everywhere else, and the notices of such changes. */
#include "harness.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <curl/curl.h>
#include <liboath/oath.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static struct server srv;
static struct agent admin; /* the demo admin, signed in with its code */

HARNESS_GROUP(srv, NULL, &admin, DEMO_ADMIN, NULL)

/* ---- helpers ---- */

#define PW "Zwei-Faktor-am-Rhein-2026"

/* A new account local@example.org with role and the password PW. */
static long add_user(const char *local, const char *role)
{
	char email[200], sql[300];
	snprintf(email, sizeof(email), "%s@example.org", local);
	if (harness_user_add(&srv, email, PW, NULL, role, NULL) != 0)
		fail_msg("lotse user add %s failed", email);
	snprintf(sql, sizeof(sql), "SELECT id FROM user WHERE email = '%s'", email);
	return db_scalar(&srv, sql);
}

static const char *email_of(const char *local)
{
	static char email[200];
	snprintf(email, sizeof(email), "%s@example.org", local);
	return email;
}

/* POST /login with the password only; returns the status, Location in loc. */
static long password_step(struct agent *ag, const char *email, const char *pw, char *loc, size_t n)
{
	struct reply r;
	assert_int_equal(agent_fetch(&srv, ag, "/login", &r), 200);
	reply_free(&r);
	char body[400];
	snprintf(body, sizeof(body), "%s", form("email", email, "password", pw, NULL));
	long st = agent_submit(&srv, ag, "/login", body, &r);
	const char *l = reply_header(&r, "Location");
	snprintf(loc, n, "%s", l ? l : "");
	reply_free(&r);
	return st;
}

static long code_step(struct agent *ag, const char *code, struct reply *r)
{
	return agent_submit(&srv, ag, "/login/code", form("code", code, NULL), r);
}

/* Enrol ag's account (agent_enrol), checking the page shows a QR code. */
static void enrol(struct agent *ag, char key[64], char code0[32])
{
	struct reply r;
	assert_int_equal(agent_fetch(&srv, ag, "/intern/konto/zwei-faktor", &r), 200);
	assert_contains(buf_str(&r.body), "<svg");
	assert_contains(buf_str(&r.body), "aria-label=\"QR-Code");
	reply_free(&r);
	assert_int_equal(agent_enrol(&srv, ag, key, code0), 0);
	assert_int_equal(strlen(key), 32);
	assert_int_equal(strlen(code0), 19);
}

/* The code of key for the current time step, without the harness's
 * bookkeeping (to replay one). */
static void code_of_now(const char *key, char out[8])
{
	char *raw = NULL;
	size_t len = 0;
	assert_int_equal(oath_init(), OATH_OK);
	assert_int_equal(oath_base32_decode(key, strlen(key), &raw, &len), OATH_OK);
	assert_int_equal(oath_totp_generate(raw, len, time(NULL), 30, 0, 6, out), OATH_OK);
	free(raw);
}

static long enabled(long uid)
{
	char sql[200];
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM user_totp WHERE user_id = %ld AND enabled = 1", uid);
	return db_scalar(&srv, sql);
}

/* ---- tests ---- */

/* The demo admin signs in in two steps; the password alone opens nothing. */
static void test_login_with_code(void **state)
{
	(void)state;
	struct agent ag;
	struct reply r;
	char loc[200], code[8];
	agent_init(&ag);
	assert_int_equal(password_step(&ag, demo_email[DEMO_ADMIN], srv.demo_pw[DEMO_ADMIN], loc, sizeof(loc)), 303);
	assert_string_equal(loc, "/login/code");
	char pending[64];
	assert_int_equal(agent_cookie(&ag, "lotse_pending", pending, sizeof(pending)), 0);
	assert_int_equal(agent_cookie(&ag, "lotse_session", pending, sizeof(pending)) == 0, 0);
	/* no session yet: the staff area sends to the sign-in */
	assert_int_equal(agent_fetch(&srv, &ag, "/intern", &r), 303);
	assert_contains(reply_header(&r, "Location"), "/login");
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &ag, "/login/code", &r), 200);
	assert_contains(buf_str(&r.body), "autocomplete=\"one-time-code\"");
	reply_free(&r);
	assert_int_equal(totp_now(srv.admin_totp, code), 0);
	assert_int_equal(code_step(&ag, code, &r), 303);
	assert_string_equal(reply_header(&r, "Location"), "/intern");
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &ag, "/intern", &r), 200);
	reply_free(&r);
	/* the waiting sign-in is over: its cookie opens nothing again */
	assert_int_equal(agent_fetch(&srv, &ag, "/login/code", &r), 303);
	reply_free(&r);
	agent_free(&ag);
	/* without a waiting sign-in the code page sends to the password */
	agent_init(&ag);
	assert_int_equal(agent_fetch(&srv, &ag, "/login/code", &r), 303);
	assert_string_equal(reply_header(&r, "Location"), "/login");
	reply_free(&r);
	agent_free(&ag);
}

/* Five wrong codes end the waiting sign-in: the right code is then refused. */
static void test_wrong_codes(void **state)
{
	(void)state;
	struct agent ag;
	struct reply r;
	char loc[200], code[8];
	agent_init(&ag);
	assert_int_equal(password_step(&ag, demo_email[DEMO_ADMIN], srv.demo_pw[DEMO_ADMIN], loc, sizeof(loc)), 303);
	for (int i = 0; i < 4; i++) {
		assert_int_equal(code_step(&ag, "000000", &r), 401);
		assert_contains(buf_str(&r.body), "Der Code stimmt nicht");
		reply_free(&r);
	}
	assert_int_equal(code_step(&ag, "000001", &r), 429);
	assert_contains(buf_str(&r.body), "Zu viele falsche Codes");
	reply_free(&r);
	assert_int_equal(totp_now(srv.admin_totp, code), 0);
	assert_int_equal(code_step(&ag, code, &r), 401);
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &ag, "/intern", &r), 303);
	reply_free(&r);
	agent_free(&ag);
	/* a fresh sign-in with the password and a code still works */
	agent_init(&ag);
	assert_int_equal(agent_login_as(&srv, &ag, DEMO_ADMIN), 303);
	agent_free(&ag);
	assert_true(db_scalar(&srv, "SELECT count(*) FROM audit_log WHERE action = 'login_code' AND outcome = 'ended'") >= 1);
}

/* A code counts once: the same code in a second sign-in is refused. */
static void test_code_once(void **state)
{
	(void)state;
	long uid = add_user("einmal", "editor");
	struct agent a, b;
	struct reply r;
	char key[64], code0[32], loc[200], code[8];
	agent_init(&a);
	assert_int_equal(agent_login(&srv, &a, email_of("einmal"), PW), 303);
	enrol(&a, key, code0);
	assert_int_equal(enabled(uid), 1);
	agent_free(&a);
	/* wait for a fresh time step, so that the enrolment's code is not it */
	while (time(NULL) % 30 > 25)
		;
	code_of_now(key, code);
	agent_init(&a);
	agent_init(&b);
	assert_int_equal(password_step(&a, email_of("einmal"), PW, loc, sizeof(loc)), 303);
	assert_string_equal(loc, "/login/code");
	assert_int_equal(password_step(&b, email_of("einmal"), PW, loc, sizeof(loc)), 303);
	long first = code_step(&a, code, &r);
	reply_free(&r);
	long second = code_step(&b, code, &r);
	reply_free(&r);
	/* the enrolment may have used this very step: then both are refused */
	assert_true(first == 303 || first == 401);
	assert_int_equal(second, 401);
	agent_free(&a);
	agent_free(&b);
}

/* A recovery code signs in once, and the start page says it was used. */
static void test_recovery_once(void **state)
{
	(void)state;
	add_user("papier", "researcher");
	struct agent ag;
	struct reply r;
	char key[64], code0[32], loc[200];
	agent_init(&ag);
	assert_int_equal(agent_login(&srv, &ag, email_of("papier"), PW), 303);
	enrol(&ag, key, code0);
	/* the codes are shown once: the page now only counts them */
	assert_int_equal(agent_fetch(&srv, &ag, "/intern/konto/zwei-faktor", &r), 200);
	assert_not_contains(buf_str(&r.body), code0);
	assert_contains(buf_str(&r.body), "Unbenutzte Wiederherstellungscodes: 10");
	reply_free(&r);
	agent_free(&ag);

	agent_init(&ag);
	assert_int_equal(password_step(&ag, email_of("papier"), PW, loc, sizeof(loc)), 303);
	assert_int_equal(code_step(&ag, code0, &r), 303);
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &ag, "/intern", &r), 200);
	assert_contains(buf_str(&r.body), "Wiederherstellungscode benutzt");
	assert_contains(buf_str(&r.body), "Zwei-Faktor-Anmeldung wurde am");
	reply_free(&r);
	agent_free(&ag);

	agent_init(&ag);
	assert_int_equal(password_step(&ag, email_of("papier"), PW, loc, sizeof(loc)), 303);
	assert_int_equal(code_step(&ag, code0, &r), 401);
	reply_free(&r);
	agent_free(&ag);
}

/* A wrong first code does not turn it on; without it a sign-in is one step. */
static void test_enrol_wrong_code(void **state)
{
	(void)state;
	long uid = add_user("vertippt", "editor");
	struct agent ag;
	struct reply r;
	agent_init(&ag);
	assert_int_equal(agent_login(&srv, &ag, email_of("vertippt"), PW), 303);
	assert_int_equal(agent_fetch(&srv, &ag, "/intern/konto/zwei-faktor", &r), 200);
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &ag, "/intern/konto/zwei-faktor", form("code", "123456", NULL), &r), 422);
	assert_contains(buf_str(&r.body), "Der Code stimmt nicht");
	reply_free(&r);
	assert_int_equal(enabled(uid), 0);
	agent_free(&ag);
	agent_init(&ag);
	char loc[200];
	assert_int_equal(password_step(&ag, email_of("vertippt"), PW, loc, sizeof(loc)), 303);
	assert_string_equal(loc, "/intern");
	agent_free(&ag);
}

/* Turning it off takes the password and a code. */
static void test_disable(void **state)
{
	(void)state;
	long uid = add_user("ausschalter", "editor");
	struct agent ag;
	struct reply r;
	char key[64], code0[32], code[8], body[300];
	agent_init(&ag);
	assert_int_equal(agent_login(&srv, &ag, email_of("ausschalter"), PW), 303);
	enrol(&ag, key, code0);
	assert_int_equal(totp_now(key, code), 0);
	snprintf(body, sizeof(body), "%s", form("password", "falsch-falsch-falsch", "code", code, NULL));
	assert_int_equal(agent_submit(&srv, &ag, "/intern/konto/zwei-faktor/aus", body, &r), 422);
	reply_free(&r);
	assert_int_equal(enabled(uid), 1);
	snprintf(body, sizeof(body), "%s", form("password", PW, "code", "000000", NULL));
	assert_int_equal(agent_submit(&srv, &ag, "/intern/konto/zwei-faktor/aus", body, &r), 422);
	reply_free(&r);
	assert_int_equal(enabled(uid), 1);
	assert_int_equal(totp_now(key, code), 0);
	snprintf(body, sizeof(body), "%s", form("password", PW, "code", code, NULL));
	assert_int_equal(agent_submit(&srv, &ag, "/intern/konto/zwei-faktor/aus", body, &r), 303);
	reply_free(&r);
	assert_int_equal(enabled(uid), 0);
	assert_int_equal(agent_fetch(&srv, &ag, "/intern", &r), 200);
	assert_contains(buf_str(&r.body), "ausgeschaltet");
	reply_free(&r);
	agent_free(&ag);
}

/* Phone and recovery codes lost: `lotse user second-factor-off` turns it
 * off and ends the sessions; an admin enrols again at the next sign-in. */
static void test_cli_off(void **state)
{
	(void)state;
	long uid = add_user("verloren", "admin");
	struct agent ag;
	char key[64], code0[32], loc[200];
	agent_init(&ag);
	assert_int_equal(agent_login(&srv, &ag, email_of("verloren"), PW), 303);
	assert_int_equal(agent_enrol(&srv, &ag, key, code0), 0);
	assert_int_equal(enabled(uid), 1);
	buf out;
	buf_init(&out, 0);
	assert_int_equal(run_lotse(&out, "user", "second-factor-off", "--db", srv.db, "--email", email_of("verloren"), NULL), 0);
	buf_free(&out);
	assert_int_equal(enabled(uid), 0);
	struct reply r;
	assert_int_equal(agent_fetch(&srv, &ag, "/intern", &r), 303);
	assert_contains(reply_header(&r, "Location"), "/login");
	reply_free(&r);
	agent_free(&ag);
	agent_init(&ag);
	assert_int_equal(password_step(&ag, email_of("verloren"), PW, loc, sizeof(loc)), 303);
	assert_string_equal(loc, "/intern/konto/zwei-faktor");
	agent_free(&ag);
}

/* An admin without a second factor can do nothing but enrol (and sign out). */
static void test_admin_forced_to_enrol(void **state)
{
	(void)state;
	long uid = add_user("neuadmin", "admin");
	struct agent ag;
	struct reply r;
	char loc[200], key[64], code0[32];
	agent_init(&ag);
	assert_int_equal(password_step(&ag, email_of("neuadmin"), PW, loc, sizeof(loc)), 303);
	assert_string_equal(loc, "/intern/konto/zwei-faktor");
	static const char *const paths[] = { "/intern", "/intern/benutzer", "/intern/protokoll", "/intern/konto" };
	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		assert_int_equal(agent_fetch(&srv, &ag, paths[i], &r), 303);
		assert_string_equal(reply_header(&r, "Location"), "/intern/konto/zwei-faktor");
		reply_free(&r);
	}
	/* a change is refused too, and nothing is made */
	long before = db_scalar(&srv, "SELECT count(*) FROM user");
	assert_int_equal(agent_fetch(&srv, &ag, "/intern/konto/zwei-faktor", &r), 200);
	assert_contains(buf_str(&r.body), "Pflicht");
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &ag, "/intern/benutzer", "email=x%40example.org&name=X&role_editor=1", &r),
			 303);
	reply_free(&r);
	assert_int_equal(db_scalar(&srv, "SELECT count(*) FROM user"), before);
	/* public pages stay open */
	assert_int_equal(agent_fetch(&srv, &ag, "/", &r), 200);
	reply_free(&r);
	enrol(&ag, key, code0);
	assert_int_equal(enabled(uid), 1);
	assert_int_equal(agent_fetch(&srv, &ag, "/intern/benutzer", &r), 200);
	reply_free(&r);
	agent_free(&ag);
}

/* Role changes and password resets ask for the password (and code) again
 * when the last confirmation is older than five minutes. */
static void test_reauth(void **state)
{
	(void)state;
	long uid = add_user("rollen", "editor");
	struct reply r;
	char path[100], body[400], code[8];
	db_scalar(&srv, "UPDATE session SET reauth_at = reauth_at - 301");
	snprintf(path, sizeof(path), "/intern/benutzer/%ld", uid);
	assert_int_equal(agent_fetch(&srv, &admin, path, &r), 200);
	reply_free(&r);
	snprintf(path, sizeof(path), "/intern/benutzer/%ld/rollen", uid);
	assert_int_equal(agent_submit(&srv, &admin, path, "role_researcher=1", &r), 403);
	assert_contains(buf_str(&r.body), "Bitte bestätigen Sie, dass Sie es sind");
	/* the change goes along with the confirmation */
	assert_contains(buf_str(&r.body), "name=\"role_researcher\"");
	assert_contains(buf_str(&r.body), "name=\"reauth_code\"");
	reply_free(&r);
	char sql[200];
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM user_role WHERE user_id = %ld AND role = 'researcher'", uid);
	assert_int_equal(db_scalar(&srv, sql), 0);
	/* the password alone is not enough with a second factor */
	snprintf(body, sizeof(body), "role_researcher=1&%s", form("reauth_password", srv.demo_pw[DEMO_ADMIN], NULL));
	assert_int_equal(agent_submit(&srv, &admin, path, body, &r), 422);
	reply_free(&r);
	assert_int_equal(db_scalar(&srv, sql), 0);
	assert_int_equal(totp_now(srv.admin_totp, code), 0);
	snprintf(body, sizeof(body), "role_researcher=1&%s",
		 form("reauth_password", srv.demo_pw[DEMO_ADMIN], "reauth_code", code, NULL));
	assert_int_equal(agent_submit(&srv, &admin, path, body, &r), 303);
	reply_free(&r);
	assert_int_equal(db_scalar(&srv, sql), 1);
	/* confirmed: for five minutes a password reset needs nothing more */
	snprintf(path, sizeof(path), "/intern/benutzer/%ld/passwort", uid);
	assert_int_equal(agent_submit(&srv, &admin, path, "", &r), 200);
	reply_free(&r);
	/* and after them it asks again */
	db_scalar(&srv, "UPDATE session SET reauth_at = reauth_at - 301");
	long changed = db_scalar(&srv, "SELECT count(*) FROM account_notice WHERE kind = 'password'");
	assert_int_equal(agent_submit(&srv, &admin, path, "", &r), 403);
	reply_free(&r);
	assert_int_equal(db_scalar(&srv, "SELECT count(*) FROM account_notice WHERE kind = 'password'"), changed);
	assert_true(db_scalar(&srv, "SELECT count(*) FROM audit_log WHERE action = 'reauth' AND outcome = 'ok'") >= 1);
}

/* One's sessions are listed, this one marked; "sign out everywhere else"
 * ends the others and keeps this one. */
static void test_sessions(void **state)
{
	(void)state;
	add_user("zweigeraete", "editor");
	struct agent a, b;
	struct reply r;
	agent_init(&a);
	agent_init(&b);
	assert_int_equal(agent_login(&srv, &a, email_of("zweigeraete"), PW), 303);
	assert_int_equal(agent_login(&srv, &b, email_of("zweigeraete"), PW), 303);
	assert_int_equal(agent_fetch(&srv, &a, "/intern/konto", &r), 200);
	assert_contains(buf_str(&r.body), "Angemeldete Geräte");
	assert_contains(buf_str(&r.body), "(diese Sitzung)");
	const char *p = strstr(buf_str(&r.body), "sessions-caption");
	assert_non_null(p);
	int rows = 0;
	for (const char *q = p; (q = strstr(q, "<tr><td>")) != NULL; q++)
		rows++;
	assert_int_equal(rows, 2);
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &a, "/intern/konto/sitzungen", "", &r), 303);
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &b, "/intern", &r), 303);
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &a, "/intern/konto?ok=sitzungen", &r), 200);
	assert_contains(buf_str(&r.body), "auf allen anderen Geräten abgemeldet");
	reply_free(&r);
	agent_free(&a);
	agent_free(&b);
}

/* A new password leaves a notice on the start page. */
static void test_password_notice(void **state)
{
	(void)state;
	add_user("hinweis", "editor");
	struct agent ag;
	struct reply r;
	agent_init(&ag);
	assert_int_equal(agent_login(&srv, &ag, email_of("hinweis"), PW), 303);
	assert_int_equal(agent_fetch(&srv, &ag, "/intern", &r), 200);
	assert_not_contains(buf_str(&r.body), "Ihr Passwort wurde am");
	reply_free(&r);
	char body[300];
	snprintf(body, sizeof(body), "%s",
		 form("current", PW, "new", "Ganz-neues-Passwort-2026", "repeat", "Ganz-neues-Passwort-2026", NULL));
	assert_int_equal(agent_submit(&srv, &ag, "/intern/konto/passwort", body, &r), 303);
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &ag, "/intern", &r), 200);
	assert_contains(buf_str(&r.body), "Ihr Passwort wurde am");
	reply_free(&r);
	agent_free(&ag);
}

int main(int argc, char **argv)
{
	if (argc > 1)
		harness_bin = argv[1];
	curl_global_init(CURL_GLOBAL_DEFAULT);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_login_with_code),
		cmocka_unit_test(test_wrong_codes),
		cmocka_unit_test(test_code_once),
		cmocka_unit_test(test_recovery_once),
		cmocka_unit_test(test_enrol_wrong_code),
		cmocka_unit_test(test_disable),
		cmocka_unit_test(test_cli_off),
		cmocka_unit_test(test_admin_forced_to_enrol),
		cmocka_unit_test(test_reauth),
		cmocka_unit_test(test_sessions),
		cmocka_unit_test(test_password_notice),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
