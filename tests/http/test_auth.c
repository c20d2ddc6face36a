/* test_auth.c — signing in and out, sessions, CSRF, the client throttle, cookie flags,
 * the audit log, and the permission matrix over every route. */
#include "harness.h"
#include "search/search.h"
#include "routes.h"
#include "auth/auth.h"
#include "store/store.h"

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

HARNESS_GROUP(srv, "LOTSE_CONTACT_RATE=1000", NULL)

static long audit_count(const char *where)
{
	return db_scalarf(&srv, "SELECT count(*) FROM audit_log WHERE %s", where);
}

static void test_login_logout(void **state)
{
	(void)state;
	struct agent ag;
	struct reply r;
	agent_init(&ag);
	long logins = audit_count("action = 'login' AND outcome = 'ok'");
	assert_int_equal(agent_login_as(&srv, &ag, DEMO_EDITOR), 303);
	assert_int_equal(audit_count("action = 'login' AND outcome = 'ok'"), logins + 1);
	char cookie[128];
	assert_int_equal(agent_cookie(&ag, "lotse_session", cookie, sizeof(cookie)), 0);

	assert_int_equal(agent_http(&srv, &ag, "GET", "/intern", NULL, NULL, &r), 0);
	assert_int_equal(r.status, 200);
	assert_contains(buf_str(&r.body), "editor@demo.lotse.invalid");
	assert_string_equal(reply_header(&r, "Cache-Control"), "no-store");
	assert_contains(buf_str(&r.body), "action=\"/logout\"");
	reply_free(&r);

	assert_int_equal(agent_post(&srv, &ag, "/logout", "", &r), 0);
	assert_int_equal(r.status, 303);
	assert_contains(reply_header(&r, "Location"), "/login");
	reply_free(&r);
	assert_int_equal(audit_count("action = 'logout'"), 1);

	/* the old cookie is dead on the server, not just forgotten by the browser */
	char hdr[200];
	snprintf(hdr, sizeof(hdr), "Cookie: lotse_session=%s", cookie);
	assert_int_equal(http(&srv, "GET", "/intern", NULL, 0, NULL, hdr, &r), 0);
	assert_int_equal(r.status, 303);
	assert_contains(reply_header(&r, "Location"), "/login?next=%2Fintern");
	reply_free(&r);
	agent_free(&ag);
}

static void test_wrong_password_same_message(void **state)
{
	(void)state;
	struct agent a1, a2;
	agent_init(&a1);
	agent_init(&a2);
	struct reply r1, r2;
	assert_int_equal(agent_login(&srv, &a1, demo_email[DEMO_RESEARCHER], "falsch-falsch-falsch"), 401);
	assert_int_equal(agent_login(&srv, &a2, "niemand@example.org", "falsch-falsch-falsch"), 401);
	/* both pages say the same thing */
	agent_http(&srv, &a1, "GET", "/login", NULL, NULL, &r1);
	reply_free(&r1);
	agent_post(&srv, &a1, "/login", "email=researcher%40demo.lotse.invalid&password=nochmal-falsch-1", &r1);
	agent_http(&srv, &a2, "GET", "/login", NULL, NULL, &r2);
	reply_free(&r2);
	agent_post(&srv, &a2, "/login", "email=niemand%40example.org&password=nochmal-falsch-1", &r2);
	assert_int_equal(r1.status, r2.status);
	assert_contains(buf_str(&r1.body), "E-Mail-Adresse oder Passwort ist falsch.");
	assert_contains(buf_str(&r2.body), "E-Mail-Adresse oder Passwort ist falsch.");
	/* the typed address stays, the password does not come back */
	assert_contains(buf_str(&r2.body), "value=\"niemand@example.org\"");
	assert_null(strstr(buf_str(&r2.body), "nochmal-falsch-1"));
	reply_free(&r1);
	reply_free(&r2);
	assert_true(audit_count("action = 'login' AND outcome = 'failed'") >= 2);
	assert_true(audit_count("action = 'login' AND outcome = 'unknown'") >= 2);
	agent_free(&a1);
	agent_free(&a2);
}

static void test_session_changes_at_login(void **state)
{
	(void)state;
	struct agent ag;
	struct reply r;
	agent_init(&ag);
	/* an attacker plants a session id in the browser before the login */
	const char *planted = "Zm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFyZm9";
	char hdr[120];
	snprintf(hdr, sizeof(hdr), "Set-Cookie: lotse_session=%s; Path=/", planted);
	curl_easy_setopt(ag.curl, CURLOPT_COOKIELIST, hdr);
	assert_int_equal(agent_login_as(&srv, &ag, DEMO_PARTNER), 303);
	char first[128], second[128];
	assert_int_equal(agent_cookie(&ag, "lotse_session", first, sizeof(first)), 0);
	assert_string_not_equal(first, planted);
	assert_int_equal(strlen(first), 43); /* 256 bits, base64url */
	/* every login gets a new id */
	assert_int_equal(agent_http(&srv, &ag, "GET", "/intern", NULL, NULL, &r), 0);
	reply_free(&r);
	assert_int_equal(agent_post(&srv, &ag, "/logout", "", &r), 0);
	reply_free(&r);
	assert_int_equal(agent_login_as(&srv, &ag, DEMO_PARTNER), 303);
	assert_int_equal(agent_cookie(&ag, "lotse_session", second, sizeof(second)), 0);
	assert_string_not_equal(first, second);
	/* a made-up session id gets nothing */
	snprintf(hdr, sizeof(hdr), "Cookie: lotse_session=%s", planted);
	assert_int_equal(http(&srv, "GET", "/intern", NULL, 0, NULL, hdr, &r), 0);
	assert_int_equal(r.status, 303);
	reply_free(&r);
	agent_free(&ag);
}

static void test_session_expiry(void **state)
{
	(void)state;
	struct agent ag;
	struct reply r;
	agent_init(&ag);
	assert_int_equal(agent_login_as(&srv, &ag, DEMO_RESEARCHER), 303);
	assert_int_equal(agent_http(&srv, &ag, "GET", "/intern", NULL, NULL, &r), 0);
	assert_int_equal(r.status, 200);
	reply_free(&r);
	/* the clock: 31 minutes without a request */
	assert_int_equal(db_scalar(&srv, "UPDATE session SET last_seen = last_seen - 1860 WHERE user_id = "
					 "(SELECT id FROM user WHERE email = 'researcher@demo.lotse.invalid')"), 0);
	assert_int_equal(agent_http(&srv, &ag, "GET", "/intern", NULL, NULL, &r), 0);
	assert_int_equal(r.status, 303);
	reply_free(&r);

	/* busy all the time, but signed in 12 hours ago */
	assert_int_equal(agent_login_as(&srv, &ag, DEMO_RESEARCHER), 303);
	assert_int_equal(db_scalar(&srv, "UPDATE session SET created_at = created_at - 43300 WHERE user_id = "
					 "(SELECT id FROM user WHERE email = 'researcher@demo.lotse.invalid')"), 0);
	assert_int_equal(agent_http(&srv, &ag, "GET", "/intern", NULL, NULL, &r), 0);
	assert_int_equal(r.status, 303);
	reply_free(&r);
	assert_int_equal(db_scalar(&srv, "SELECT count(*) FROM session WHERE user_id = "
					 "(SELECT id FROM user WHERE email = 'researcher@demo.lotse.invalid')"), 0);
	agent_free(&ag);
}

static void test_csrf(void **state)
{
	(void)state;
	struct agent ag;
	struct reply r;
	agent_init(&ag);
	assert_int_equal(agent_login_as(&srv, &ag, DEMO_EDITOR), 303);
	assert_int_equal(agent_http(&srv, &ag, "GET", "/intern", NULL, NULL, &r), 0);
	reply_free(&r);
	/* missing token */
	assert_int_equal(agent_http(&srv, &ag, "POST", "/logout", "x=1", "application/x-www-form-urlencoded", &r), 0);
	assert_int_equal(r.status, 403);
	assert_contains(buf_str(&r.body), "Formular abgelaufen");
	reply_free(&r);
	/* wrong token */
	assert_int_equal(agent_http(&srv, &ag, "POST", "/logout",
				    "csrf=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
				    "application/x-www-form-urlencoded", &r), 0);
	assert_int_equal(r.status, 403);
	reply_free(&r);
	/* still signed in */
	assert_int_equal(agent_http(&srv, &ag, "GET", "/intern", NULL, NULL, &r), 0);
	assert_int_equal(r.status, 200);
	reply_free(&r);
	assert_true(audit_count("action = 'csrf_rejected'") >= 2);
	/* right token */
	assert_int_equal(agent_post(&srv, &ag, "/logout", "", &r), 0);
	assert_int_equal(r.status, 303);
	reply_free(&r);
	/* the login form needs its token too */
	struct agent fresh;
	agent_init(&fresh);
	char body[200];
	snprintf(body, sizeof(body), "email=editor%%40demo.lotse.invalid&password=%s", srv.demo_pw[DEMO_EDITOR]);
	assert_int_equal(agent_http(&srv, &fresh, "POST", "/login", body, "application/x-www-form-urlencoded", &r), 0);
	assert_int_equal(r.status, 403);
	reply_free(&r);
	agent_free(&fresh);
	agent_free(&ag);
}

static void test_next_is_local(void **state)
{
	(void)state;
	struct reply r;
	const char *nexts[] = { "https%3A%2F%2Fevil.example%2F", "%2F%2Fevil.example", "%2Fintern%2F..%2F%2Fevil",
				"javascript%3Aalert(1)" };
	for (size_t i = 0; i < sizeof(nexts) / sizeof(nexts[0]); i++) {
		struct agent ag;
		agent_init(&ag);
		agent_http(&srv, &ag, "GET", "/login", NULL, NULL, &r);
		reply_free(&r);
		char body[300];
		snprintf(body, sizeof(body), "email=editor%%40demo.lotse.invalid&password=%s&next=%s",
			 srv.demo_pw[DEMO_EDITOR], nexts[i]);
		assert_int_equal(agent_post(&srv, &ag, "/login", body, &r), 0);
		assert_int_equal(r.status, 303);
		assert_string_equal(reply_header(&r, "Location"), "/intern");
		reply_free(&r);
		agent_free(&ag);
	}
	/* a page of the staff area is fine */
	struct agent ag;
	agent_init(&ag);
	agent_http(&srv, &ag, "GET", "/login?next=%2Fintern%2Fkonto", NULL, NULL, &r);
	assert_contains(buf_str(&r.body), "name=\"next\" value=\"/intern/konto\"");
	reply_free(&r);
	char body[300];
	snprintf(body, sizeof(body), "email=editor%%40demo.lotse.invalid&password=%s&next=%%2Fintern%%2Fkonto",
		 srv.demo_pw[DEMO_EDITOR]);
	assert_int_equal(agent_post(&srv, &ag, "/login", body, &r), 0);
	assert_string_equal(reply_header(&r, "Location"), "/intern/konto");
	reply_free(&r);
	agent_free(&ag);
}

/* The login page's query (next, abgemeldet) is declared and validated like
 * any input: a next longer than the form takes (300) is dropped, not put
 * into the form, where it would make every sign-in fail with 422. */
static void test_login_query_declared(void **state)
{
	(void)state;
	char path[600], longnext[400];
	memset(longnext, 'a', sizeof(longnext) - 1);
	longnext[sizeof(longnext) - 1] = '\0';
	snprintf(path, sizeof(path), "/login?next=%%2Fintern%%2F%s", longnext);
	struct agent ag;
	struct reply r;
	agent_init(&ag);
	agent_http(&srv, &ag, "GET", path, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_not_contains(buf_str(&r.body), longnext);
	assert_not_contains(buf_str(&r.body), "Sie sind abgemeldet.");
	reply_free(&r);
	/* the form as served signs in */
	char body[300];
	snprintf(body, sizeof(body), "email=editor%%40demo.lotse.invalid&password=%s", srv.demo_pw[DEMO_EDITOR]);
	assert_int_equal(agent_post(&srv, &ag, "/login", body, &r), 0);
	assert_int_equal(r.status, 303);
	reply_free(&r);
	agent_free(&ag);
	/* the signed-out notice still comes */
	assert_int_equal(http_get(&srv, "/login?abgemeldet=1", &r), 0);
	assert_contains(buf_str(&r.body), "Sie sind abgemeldet.");
	reply_free(&r);
}

static void test_cookie_flags(void **state)
{
	(void)state;
	struct agent ag;
	struct reply r;
	agent_init(&ag);
	agent_http(&srv, &ag, "GET", "/login", NULL, NULL, &r);
	reply_free(&r);
	char body[300];
	/* an account without a second factor: the session comes with the password */
	snprintf(body, sizeof(body), "email=editor%%40demo.lotse.invalid&password=%s", srv.demo_pw[DEMO_EDITOR]);
	assert_int_equal(agent_post(&srv, &ag, "/login", body, &r), 0);
	const char *c = reply_header(&r, "Set-Cookie");
	assert_non_null(c);
	assert_contains(c, "lotse_session=");
	assert_contains(c, "HttpOnly");
	assert_contains(c, "SameSite=Lax");
	assert_contains(c, "Path=/");
	assert_null(strstr(c, "Secure")); /* plain HTTP here */
	reply_free(&r);
	agent_free(&ag);

	/* behind TLS: Secure and the __Host- prefix */
	struct server tls;
	assert_int_equal(server_start(&tls, "LOTSE_TLS=1"), 0);
	assert_int_equal(http(&tls, "GET", "/login", NULL, 0, NULL, NULL, &r), 0);
	const char *pre = reply_header(&r, "Set-Cookie");
	assert_non_null(pre);
	assert_contains(pre, "__Host-lotse_csrf=");
	assert_contains(pre, "; Secure");
	char token[64];
	assert_int_equal(sscanf(pre, "__Host-lotse_csrf=%43[A-Za-z0-9_-]", token), 1);
	reply_free(&r);
	char hdr[120];
	snprintf(hdr, sizeof(hdr), "Cookie: __Host-lotse_csrf=%s", token);
	snprintf(body, sizeof(body), "email=editor%%40demo.lotse.invalid&password=%s&csrf=%s",
		 tls.demo_pw[DEMO_EDITOR], token);
	assert_int_equal(http(&tls, "POST", "/login", body, strlen(body), "application/x-www-form-urlencoded",
			      hdr, &r), 0);
	assert_int_equal(r.status, 303);
	c = reply_header(&r, "Set-Cookie");
	assert_non_null(c);
	assert_contains(c, "__Host-lotse_session=");
	assert_contains(c, "; Secure");
	assert_contains(c, "HttpOnly");
	reply_free(&r);
	assert_int_equal(server_stop(&tls), 0);
	server_cleanup(&tls);
}

/* A password set on the command line is read as the sign-in form reads
 * it: spaces at its ends do not lock the account out of the web (#11). */
static void test_password_cli_like_web(void **state)
{
	(void)state;
	buf out;
	buf_init(&out, 0);
	assert_int_equal(run_lotse_input("  Leerzeichen-am-Rand-2026 \t\n", &out, "user", "add", "--db", srv.db,
					 "--email", "kante@example.org", "--role", "editor", "--password-stdin", NULL),
			 0);
	buf_free(&out);
	struct agent ag;
	agent_init(&ag);
	assert_int_equal(agent_login(&srv, &ag, "kante@example.org", "  Leerzeichen-am-Rand-2026 "), 303);
	agent_free(&ag);
	agent_init(&ag);
	assert_int_equal(agent_login(&srv, &ag, "kante@example.org", "Leerzeichen-am-Rand-2026"), 303);
	agent_free(&ag);
}

static void test_password_rules_cli(void **state)
{
	(void)state;
	buf out;
	buf_init(&out, 0);
	assert_int_equal(run_lotse_input("kurz\n", &out, "user", "add", "--db", srv.db, "--email",
					 "neu@example.org", "--role", "editor", "--password-stdin", NULL), 1);
	assert_contains(buf_str(&out), "12");
	buf_reset(&out);
	assert_int_equal(run_lotse_input("passwort1234\n", &out, "user", "add", "--db", srv.db, "--email",
					 "neu@example.org", "--role", "editor", "--password-stdin", NULL), 1);
	buf_reset(&out);
	assert_int_equal(run_lotse_input("Rhein-Lotse-am-Abend\n", &out, "user", "add", "--db", srv.db,
					 "--email", "neu@example.org", "--role", "editor", "--role",
					 "researcher", "--password-stdin", NULL), 0);
	buf_reset(&out);
	/* the same address again */
	assert_int_equal(run_lotse_input("Rhein-Lotse-am-Abend\n", &out, "user", "add", "--db", srv.db,
					 "--email", "NEU@example.org", "--role", "editor", "--password-stdin",
					 NULL), 1);
	buf_reset(&out);
	/* a partner needs its organisation */
	assert_int_equal(run_lotse_input("Rhein-Lotse-am-Abend\n", &out, "user", "add", "--db", srv.db,
					 "--email", "p2@example.org", "--role", "partner", "--password-stdin",
					 NULL), 2);
	buf_reset(&out);
	assert_int_equal(run_lotse(&out, "user", "list", "--db", srv.db, NULL), 0);
	assert_contains(buf_str(&out), "neu@example.org");
	assert_contains(buf_str(&out), "editor,researcher");
	buf_reset(&out);
	struct agent ag;
	agent_init(&ag);
	assert_int_equal(agent_login(&srv, &ag, "neu@example.org", "Rhein-Lotse-am-Abend"), 303);
	/* passwd ends the sessions */
	assert_int_equal(run_lotse_input("Neues-Passwort-fuer-Mainz\n", &out, "user", "passwd", "--db", srv.db,
					 "--email", "neu@example.org", "--password-stdin", NULL), 0);
	struct reply r;
	assert_int_equal(agent_http(&srv, &ag, "GET", "/intern", NULL, NULL, &r), 0);
	assert_int_equal(r.status, 303);
	reply_free(&r);
	assert_int_equal(agent_login(&srv, &ag, "neu@example.org", "Neues-Passwort-fuer-Mainz"), 303);
	buf_reset(&out);
	assert_int_equal(run_lotse(&out, "user", "disable", "--db", srv.db, "--email", "neu@example.org", NULL), 0);
	assert_int_equal(agent_http(&srv, &ag, "GET", "/intern", NULL, NULL, &r), 0);
	assert_int_equal(r.status, 303);
	reply_free(&r);
	assert_int_equal(agent_login(&srv, &ag, "neu@example.org", "Neues-Passwort-fuer-Mainz"), 401);
	agent_free(&ag);
	buf_free(&out);
}

static void test_audit_verify_and_tamper(void **state)
{
	(void)state;
	buf out;
	buf_init(&out, 0);
	assert_int_equal(run_lotse(&out, "audit", "verify", "--db", srv.db, NULL), 0);
	assert_contains(buf_str(&out), "chain intact");
	buf_reset(&out);
	/* no personal data of the public, no passwords in the log */
	assert_int_equal(audit_count("object_id LIKE '%@%' OR outcome LIKE '%falsch%'"), 0);
	/* a copy of the database with one row changed fails the check */
	char copy[sizeof(srv.db)];
	snprintf(copy, sizeof(copy), "%.280s/tampered.db", srv.dir);
	assert_int_equal(run_lotse(&out, "backup", "--db", srv.db, copy, NULL), 0);
	struct server t = srv;
	snprintf(t.db, sizeof(t.db), "%s", copy);
	assert_int_equal(db_scalar(&t, "DROP TRIGGER audit_log_no_update"), 0);
	assert_int_equal(db_scalar(&t, "UPDATE audit_log SET outcome = 'tampered' WHERE id = 2"), 0);
	buf_reset(&out);
	assert_int_not_equal(run_lotse(&out, "audit", "verify", "--db", copy, NULL), 0);
	assert_contains(buf_str(&out), "BROKEN");
	buf_free(&out);
}

/* Overwrite the b-tree page header of the page of the database file path
 * that holds needle, so reading that page fails (SQLITE_CORRUPT). */
static void corrupt_page_holding(const char *path, const char *needle)
{
	FILE *f = fopen(path, "r+b");
	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	long size = ftell(f);
	assert_true(size > 100);
	char *data = malloc((size_t)size);
	assert_non_null(data);
	rewind(f);
	assert_int_equal(fread(data, 1, (size_t)size, f), (size_t)size);
	long page = ((unsigned char)data[16] << 8) | (unsigned char)data[17];
	if (page == 1)
		page = 65536;
	size_t n = strlen(needle);
	long at = -1;
	for (long i = page; i + (long)n <= size && at < 0; i++)
		if (memcmp(data + i, needle, n) == 0)
			at = i;
	assert_true(at >= page);
	static const unsigned char junk[16] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
						0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	assert_int_equal(fseek(f, at / page * page, SEEK_SET), 0);
	assert_int_equal(fwrite(junk, 1, sizeof(junk), f), sizeof(junk));
	assert_int_equal(fclose(f), 0);
	free(data);
}

/* `lotse audit verify` fails closed: a copy of the database whose audit
 * log cannot be read to its end (a damaged page among its rows) is
 * reported and exits non-zero, never "chain intact" over the rows before. */
static void test_audit_verify_unreadable(void **state)
{
	(void)state;
	buf out;
	buf_init(&out, 0);
	char copy[sizeof(srv.db)], err[300], hash[65];
	snprintf(copy, sizeof(copy), "%.280s/damaged.db", srv.dir);
	assert_int_equal(run_lotse(&out, "backup", "--db", srv.db, copy, NULL), 0);
	struct store *s;
	assert_int_equal(store_open(copy, STORE_EXISTING, &s, err, sizeof(err)), ST_OK);
	for (int i = 0; i < 600; i++) /* rows on many pages */
		assert_int_equal(audit_add(s, 0, "test_row", "test", "x", "ok"), ST_OK);
	sqlite3_stmt *st = store_stmt(s, "SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1 OFFSET 100");
	assert_int_equal(store_step(st), 1);
	snprintf(hash, sizeof(hash), "%s", store_col_text(st, 0));
	sqlite3_reset(st);
	store_close(s);
	buf_reset(&out);
	assert_int_equal(run_lotse(&out, "audit", "verify", "--db", copy, NULL), 0); /* intact so far */
	assert_contains(buf_str(&out), "chain intact");

	corrupt_page_holding(copy, hash);
	buf_reset(&out);
	assert_int_equal(run_lotse(&out, "audit", "verify", "--db", copy, NULL), 1);
	assert_contains(buf_str(&out), "NOT VERIFIED");
	assert_contains(buf_str(&out), "cannot read the audit log");
	assert_not_contains(buf_str(&out), "intact");
	buf_free(&out);
}

/* ---- the permission matrix ---- */

/* The path of a route with each {} replaced by an id that does not exist. */
static void concrete_path(const char *pattern, char *out, size_t n)
{
	size_t o = 0;
	for (const char *p = pattern; *p && o + 8 < n; p++) {
		if (p[0] == '{' && p[1] == '}') {
			o += (size_t)snprintf(out + o, n - o, "999999");
			p++;
		} else {
			out[o++] = *p;
		}
	}
	out[o] = '\0';
}

static int role_allows(enum perm perm, int who)
{
	/* who: -1 anonymous, else enum demo_role (one role each) */
	static const enum perm of_role[DEMO__COUNT] = { PERM_ADMIN, PERM_EDITOR, PERM_RESEARCHER,
							PERM_COUNSELLOR, PERM_PARTNER };
	if (perm == PERM_PUBLIC)
		return 1;
	if (who < 0)
		return 0;
	/* the evidence loop: researchers and editors (#17) */
	if (perm == PERM_ANALYSIS)
		return who == DEMO_RESEARCHER || who == DEMO_EDITOR;
	if (perm == PERM_CASE_STATS)
		return who == DEMO_COUNSELLOR || who == DEMO_RESEARCHER;
	return perm == PERM_STAFF || perm == of_role[who];
}

/* Routes whose handler applies a finer rule than the route's permission,
 * with the demo role the rule refuses (403) although the role has that
 * permission: the team page is for the lead of a team, and the demo
 * counsellor leads none (the lead's own account is teamleitung@). */
static int refused_by_finer_rule(const char *pattern, int who)
{
	return who == DEMO_COUNSELLOR && strncmp(pattern, "/intern/beratung/team", 21) == 0;
}

static void check_route(struct agent *ag, const struct route *rt, unsigned method, int who)
{
	char path[256];
	concrete_path(rt->pattern, path, sizeof(path));
	struct reply r;
	/* refresh the token from a page with a form, then send the request */
	agent_http(&srv, ag, "GET", who < 0 ? "/login" : "/intern", NULL, NULL, &r);
	reply_free(&r);
	if (method == HTTP_POST)
		assert_int_equal(agent_post(&srv, ag, path, "matrix=1", &r), 0);
	else
		assert_int_equal(agent_http(&srv, ag, "GET", path, NULL, NULL, &r), 0);
	int allowed = role_allows(rt->perm, who) && !refused_by_finer_rule(rt->pattern, who);
	const char *loc = reply_header(&r, "Location");
	int to_login = r.status == 303 && loc && strncmp(loc, "/login?next=", 12) == 0;
	if (allowed && (r.status == 403 || (to_login && rt->perm != PERM_PUBLIC) || r.status >= 500))
		fail_msg("%s %s as %s: allowed, but got %ld", method == HTTP_POST ? "POST" : "GET", path,
			 who < 0 ? "anonymous" : demo_email[who], r.status);
	if (!allowed) {
		int denied = who < 0 ? (method == HTTP_POST ? r.status == 403 : to_login) : r.status == 403;
		if (!denied)
			fail_msg("%s %s as %s: must be refused, got %ld", method == HTTP_POST ? "POST" : "GET",
				 path, who < 0 ? "anonymous" : demo_email[who], r.status);
	}
	reply_free(&r);
}

static void test_permission_matrix(void **state)
{
	(void)state;
	size_t checked = 0;
	for (int who = -1; who < DEMO__COUNT; who++) {
		struct agent ag;
		agent_init(&ag);
		if (who >= 0)
			assert_int_equal(agent_login_as(&srv, &ag, (enum demo_role)who), 303);
		/* /logout last: it ends the session the other checks use */
		for (int pass = 0; pass < 2; pass++) {
			for (size_t i = 0; i < app_routes_count; i++) {
				const struct route *rt = &app_routes[i];
				int is_logout = strcmp(rt->pattern, "/logout") == 0;
				if (is_logout != pass)
					continue;
				assert_int_not_equal(rt->perm, PERM_UNDECLARED);
				assert_int_not_equal(rt->csrf, CSRF_UNDECLARED);
				if (rt->methods & HTTP_GET)
					check_route(&ag, rt, HTTP_GET, who);
				if (rt->methods & HTTP_POST)
					check_route(&ag, rt, HTTP_POST, who);
				checked++;
			}
		}
		agent_free(&ag);
	}
	assert_true(checked >= app_routes_count * 6);
}

static void test_client_throttle(void **state)
{
	(void)state;
	struct server s;
	assert_int_equal(server_start(&s, NULL), 0);
	struct agent ag;
	agent_init(&ag);
	long last = 0;
	int i;
	/* many different unknown addresses from one client */
	for (i = 0; i < 40 && last != 429; i++) {
		char email[64];
		snprintf(email, sizeof(email), "probe%d@example.org", i);
		last = agent_login(&s, &ag, email, "falsch-falsch-falsch");
	}
	assert_int_equal(last, 429);
	assert_true(i > 15 && i <= 25);
	/* and then even a real account cannot be tried from there */
	assert_int_equal(agent_login_as(&s, &ag, DEMO_ADMIN), 429);
	agent_free(&ag);
	assert_int_equal(server_stop(&s), 0);
	server_cleanup(&s);
}

int main(int argc, char **argv)
{
	search_init(); /* the schema needs its tokenizer */
	if (argc > 1)
		harness_bin = argv[1];
	curl_global_init(CURL_GLOBAL_DEFAULT);
	const struct CMUnitTest shared[] = {
		cmocka_unit_test(test_login_logout),
		cmocka_unit_test(test_wrong_password_same_message),
		cmocka_unit_test(test_session_changes_at_login),
		cmocka_unit_test(test_session_expiry),
		cmocka_unit_test(test_csrf),
		cmocka_unit_test(test_next_is_local),
		cmocka_unit_test(test_login_query_declared),
		cmocka_unit_test(test_cookie_flags),
		cmocka_unit_test(test_password_rules_cli),
		cmocka_unit_test(test_password_cli_like_web),
		cmocka_unit_test(test_permission_matrix),
		cmocka_unit_test(test_audit_verify_and_tamper),
		cmocka_unit_test(test_audit_verify_unreadable),
	};
	const struct CMUnitTest own[] = {
		cmocka_unit_test(test_client_throttle),
	};
	int failed = cmocka_run_group_tests_name("auth", shared, group_setup, group_teardown);
	failed += cmocka_run_group_tests_name("auth-own-server", own, NULL, NULL);
	curl_global_cleanup();
	return failed ? 1 : 0;
}
