/* test_accounts_self.c — "my account" against the real server: changing
 * one's password (the current one asked, the other sessions ended, the
 * change audited) and the recent sign-ins. */
#include "accounts_fixture.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- my account ---- */

static long change_password(struct agent *ag, const char *cur, const char *nw, const char *rep,
			    struct reply *r)
{
	char body[600];
	snprintf(body, sizeof(body), "current=%s&new=%s&repeat=%s", cur, nw, rep);
	return post_from(ag, "/intern/konto", "/intern/konto/passwort", body, r);
}

static void test_account_password(void **state)
{
	(void)state;
	char pw[32], cookie[100], cookie2[100];
	struct reply r;
	long id = create_user("mara.sommer", "role_editor=1", pw, sizeof(pw));
	struct agent a, b;
	agent_init(&a);
	agent_init(&b);
	assert_int_equal(login(&a, "mara.sommer", pw), 303);
	assert_int_equal(login(&b, "mara.sommer", pw), 303);

	assert_int_equal(agent_http(&srv, &a, "GET", "/intern/konto", NULL, NULL, &r), 0);
	assert_int_equal(r.status, 200);
	assert_contains(buf_str(&r.body), "<dd>mara.sommer@example.org</dd>");
	assert_contains(buf_str(&r.body), "<dd>Redaktion</dd>");
	assert_contains(buf_str(&r.body), "autocomplete=\"current-password\"");
	reply_free(&r);

	const char *good = "Rheinfaehre-faehrt-um-acht";
	assert_int_equal(change_password(&a, "falsch-falsch-falsch", good, good, &r), 422);
	assert_contains(buf_str(&r.body), "Das aktuelle Passwort stimmt nicht.");
	assert_contains(buf_str(&r.body), "id=\"f-current-err\"");
	assert_not_contains(buf_str(&r.body), good); /* passwords are never shown again */
	reply_free(&r);
	assert_int_equal(audit_count("password_change", id, "failed"), 1);

	struct {
		const char *pw, *msg;
	} weak[] = {
		{ "passwort1234", "Dieses Passwort ist zu bekannt." },
		{ "kurz-123", "Das Passwort muss mindestens 12 Zeichen lang sein." },
		{ "mara.sommer-2026-xy", "Das Passwort darf Ihre E-Mail-Adresse nicht enthalten." },
	};
	for (size_t i = 0; i < sizeof(weak) / sizeof(weak[0]); i++) {
		assert_int_equal(change_password(&a, pw, weak[i].pw, weak[i].pw, &r), 422);
		assert_contains(buf_str(&r.body), weak[i].msg);
		assert_contains(buf_str(&r.body), "id=\"f-new-err\"");
		reply_free(&r);
	}
	assert_int_equal(change_password(&a, pw, good, "Rheinfaehre-faehrt-um-neun", &r), 422);
	assert_contains(buf_str(&r.body), "Die Wiederholung stimmt nicht mit dem neuen Passwort überein.");
	reply_free(&r);
	assert_int_equal(change_password(&a, pw, pw, pw, &r), 422);
	assert_contains(buf_str(&r.body), "muss sich vom aktuellen unterscheiden");
	reply_free(&r);
	assert_int_equal(get(&b, "/intern"), 200); /* nothing changed so far */

	assert_int_equal(agent_cookie(&a, "lotse_session", cookie, sizeof(cookie)), 0);
	assert_int_equal(change_password(&a, pw, good, good, &r), 303);
	assert_string_equal(reply_header(&r, "Location"), "/intern/konto?ok=passwort");
	reply_free(&r);
	assert_int_equal(agent_cookie(&a, "lotse_session", cookie2, sizeof(cookie2)), 0);
	assert_string_not_equal(cookie, cookie2);

	/* this browser goes on with a fresh session; the other one is out */
	assert_int_equal(agent_http(&srv, &a, "GET", "/intern/konto?ok=passwort", NULL, NULL, &r), 0);
	assert_int_equal(r.status, 200);
	assert_contains(buf_str(&r.body), "Ihr Passwort ist geändert.");
	reply_free(&r);
	assert_int_equal(get(&b, "/intern"), 303);
	assert_int_equal(db_scalar(&srv, "SELECT count(*) FROM session WHERE user_id = "
					 "(SELECT id FROM user WHERE email = 'mara.sommer@example.org')"), 1);
	assert_int_equal(login(&b, "mara.sommer", pw), 401);
	assert_int_equal(login(&b, "mara.sommer", good), 303);
	assert_int_equal(audit_count("password_change", id, "ok"), 1);
	agent_free(&a);
	agent_free(&b);
}

static void test_account_recent_logins(void **state)
{
	(void)state;
	char pw[32];
	struct reply r;
	char org[40], roles[100];
	org_id("Jugendmigrationsdienst Mainz", org, sizeof(org));
	snprintf(roles, sizeof(roles), "role_partner=1&org=%s", org);
	create_user("anmeldungen", roles, pw, sizeof(pw));
	struct agent ag;
	agent_init(&ag);
	assert_int_equal(login(&ag, "anmeldungen", "ganz-falsches-passwort"), 401);
	assert_int_equal(login(&ag, "anmeldungen", pw), 303);
	assert_int_equal(agent_http(&srv, &ag, "GET", "/intern/konto", NULL, NULL, &r), 0);
	assert_int_equal(r.status, 200);
	const char *b = buf_str(&r.body);
	assert_contains(b, "Letzte Anmeldungen");
	assert_contains(b, "<td>erfolgreich</td>");
	assert_contains(b, "<td>fehlgeschlagen</td>");
	assert_contains(b, "<time datetime=\"20");
	assert_contains(b, "<dd>Jugendmigrationsdienst Mainz (Beispiel)</dd>");
	/* the successful one is newest */
	assert_true(strstr(b, "<td>erfolgreich</td>") < strstr(b, "<td>fehlgeschlagen</td>"));
	/* only the user's own */
	assert_not_contains(b, "admin@demo.lotse.invalid</td>");
	reply_free(&r);
	agent_free(&ag);
}

int main(int argc, char **argv)
{
	if (argc > 1)
		harness_bin = argv[1];
	curl_global_init(CURL_GLOBAL_DEFAULT);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_account_password),
		cmocka_unit_test(test_account_recent_logins),
	};
	int failed = cmocka_run_group_tests_name("accounts_self", tests, accounts_group_setup, accounts_group_teardown);
	curl_global_cleanup();
	return failed ? 1 : 0;
}
