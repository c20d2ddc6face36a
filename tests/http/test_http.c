/* test_http.c — the real server on 127.0.0.1 with a real database file:
 * pages, errors, limits, the contact form, headers, languages, backup. */
#include "harness.h"
#include "http/server.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <curl/curl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static struct server srv;

HARNESS_GROUP(srv, NULL, NULL)

static void assert_security_headers(const struct reply *r)
{
	const char *csp = reply_header(r, "Content-Security-Policy");
	assert_non_null(csp);
	assert_non_null(strstr(csp, "frame-ancestors 'none'"));
	assert_null(strstr(csp, "unsafe-inline"));
	assert_string_equal(reply_header(r, "X-Content-Type-Options"), "nosniff");
	assert_non_null(reply_header(r, "Referrer-Policy"));
}

static const struct {
	const char *path, *title;
} pages[] = {
	{ "/", "<title>Startseite – BQN Rheinland-Pfalz</title>" },
	{ "/bqn-rlp", "<title>Das BQN RLP – BQN Rheinland-Pfalz</title>" },
	{ "/modellprojekt-ludwigshafen", "<title>Das Modellprojekt Ludwigshafen – " },
	{ "/modellprojekt-mainz", "<title>Das Modellprojekt Mainz – " },
	{ "/kontakt", "<title>Kontakt – " },
	{ "/datenschutz", "<title>Datenschutz" },
	{ "/impressum", "<title>Impressum – " },
};

static void test_every_page(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(pages) / sizeof(pages[0]); i++) {
		struct reply r;
		assert_int_equal(http_get(&srv, pages[i].path, &r), 0);
		if (r.status != 200)
			fail_msg("%s answered %ld", pages[i].path, r.status);
		const char *b = buf_str(&r.body);
		assert_contains(b, pages[i].title);
		assert_contains(b, "<html lang=\"de\">");
		assert_contains(b, "<h1>");
		assert_contains(b, "<meta name=\"description\" content=\"");
		assert_contains(b, "<link rel=\"canonical\" href=\"http://127.0.0.1:");
		assert_contains(b, "aria-current=\"page\"");
		assert_contains(b, "Europäischen Union");
		assert_string_equal(reply_header(&r, "Content-Type"), "text/html; charset=utf-8");
		assert_security_headers(&r);
		reply_free(&r);
	}
}

static void test_mainz_page_content(void **state)
{
	(void)state;
	struct reply r;
	assert_int_equal(http_get(&srv, "/modellprojekt-mainz", &r), 0);
	const char *b = buf_str(&r.body);
	assert_contains(b, "INBI gGmbH");
	assert_contains(b, "Initiativausschuss Migration");
	assert_contains(b, "Ausländerbeirat");
	assert_contains(b, "Schulversagen");
	assert_contains(b, "<h2>");
	reply_free(&r);
}

static void test_not_found(void **state)
{
	(void)state;
	const char *paths[] = { "/nope", "/static/nope.css", "/kontakt/x/y", "/..%2f..%2fetc%2fpasswd",
				"/static/../meson.build", "/static/%2e%2e/meson.build", "/BQN-RLP" };
	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		struct reply r;
		assert_int_equal(http_get(&srv, paths[i], &r), 0);
		if (r.status != 404)
			fail_msg("%s answered %ld", paths[i], r.status);
		assert_security_headers(&r);
		reply_free(&r);
	}
	struct reply r;
	http_get(&srv, "/gibt-es-nicht", &r);
	assert_contains(buf_str(&r.body), "Seite nicht gefunden");
	assert_contains(buf_str(&r.body), "noindex");
	reply_free(&r);
}

static void test_wrong_method(void **state)
{
	(void)state;
	struct reply r;
	assert_int_equal(http_post_form(&srv, "/", "a=1", &r), 0);
	assert_int_equal(r.status, 405);
	assert_string_equal(reply_header(&r, "Allow"), "GET, HEAD");
	assert_security_headers(&r);
	reply_free(&r);
	assert_int_equal(http(&srv, "PUT", "/kontakt", "x", 1, "text/plain", NULL, &r), 0);
	assert_int_equal(r.status, 405);
	assert_string_equal(reply_header(&r, "Allow"), "GET, HEAD, POST");
	reply_free(&r);
	assert_int_equal(http(&srv, "DELETE", "/nope/nix", NULL, 0, NULL, NULL, &r), 0);
	assert_int_equal(r.status, 404);
	reply_free(&r);
}

static void test_body_too_large(void **state)
{
	(void)state;
	size_t n = SERVER_MAX_BODY + (1u << 20);
	char *big = malloc(n);
	assert_non_null(big);
	memset(big, 'a', n);
	memcpy(big, "message=", 8);
	struct reply r;
	assert_int_equal(http(&srv, "POST", "/kontakt", big, n, "application/x-www-form-urlencoded",
			      NULL, &r), 0);
	assert_int_equal(r.status, 413);
	assert_security_headers(&r);
	reply_free(&r);
	free(big);
	/* the server still serves */
	assert_int_equal(http_get(&srv, "/", &r), 0);
	assert_int_equal(r.status, 200);
	reply_free(&r);
}

static long messages(void)
{
	return db_scalar(&srv, "SELECT count(*) FROM contact_message");
}

static void test_contact_valid(void **state)
{
	(void)state;
	long before = messages();
	struct reply r;
	assert_int_equal(http_post_form(&srv, "/kontakt",
					"name=Ay%C5%9Fe+Y%C4%B1lmaz&email=ayse%40example.org&"
					"message=Ich+suche+einen+Sprachkurs.&consent=1&website=",
					&r), 0);
	assert_int_equal(r.status, 303);
	assert_string_equal(reply_header(&r, "Location"), "/kontakt/danke");
	assert_string_equal(reply_header(&r, "Cache-Control"), "no-store");
	reply_free(&r);
	assert_int_equal(messages(), before + 1);
	assert_int_equal(db_scalar(&srv, "SELECT count(*) FROM contact_message WHERE "
					 "name = 'Ayşe Yılmaz' AND email = 'ayse@example.org'"), 1);
	assert_int_equal(http_get(&srv, "/kontakt/danke", &r), 0);
	assert_int_equal(r.status, 200);
	assert_contains(buf_str(&r.body), "Vielen Dank");
	reply_free(&r);
}

static void test_contact_multipart(void **state)
{
	(void)state;
	long before = messages();
	const char *body =
		"--XyZ\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nOmar\r\n"
		"--XyZ\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\nomar@example.org\r\n"
		"--XyZ\r\nContent-Disposition: form-data; name=\"message\"\r\n\r\nZeile 1\r\nZeile 2\r\n"
		"--XyZ\r\nContent-Disposition: form-data; name=\"consent\"\r\n\r\n1\r\n"
		"--XyZ--\r\n";
	struct reply r;
	assert_int_equal(http(&srv, "POST", "/kontakt", body, strlen(body),
			      "multipart/form-data; boundary=XyZ", NULL, &r), 0);
	assert_int_equal(r.status, 303);
	reply_free(&r);
	assert_int_equal(messages(), before + 1);
	assert_int_equal(db_scalar(&srv, "SELECT count(*) FROM contact_message WHERE "
					 "message = 'Zeile 1' || char(13, 10) || 'Zeile 2'"), 1);
}

/* An address that would add headers to a mailto: link is refused (#11). */
static void test_contact_email_no_headers(void **state)
{
	(void)state;
	long before = messages();
	const char *bad[] = { "a%40b.de%3Fbcc%3Dx%40evil.example", "a%40b.de%26body%3Dhi", "a%40b.de%250A",
			      "a%40b.de%2Fx", "a%28x%29%40b.de" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		struct reply r;
		char body[256];
		snprintf(body, sizeof(body), "name=Test&email=%s&message=Hallo&consent=1", bad[i]);
		assert_int_equal(http_post_form(&srv, "/kontakt", body, &r), 0);
		if (r.status != 422)
			fail_msg("%s: %ld, not 422", bad[i], r.status);
		assert_contains(buf_str(&r.body), "Bitte geben Sie eine gültige E-Mail-Adresse ein.");
		reply_free(&r);
	}
	assert_int_equal(messages(), before);
}

static void test_contact_invalid(void **state)
{
	(void)state;
	long before = messages();
	struct reply r;
	assert_int_equal(http_post_form(&srv, "/kontakt",
					"name=&email=kein-at-zeichen&message=Mein+Text+bleibt", &r), 0);
	assert_int_equal(r.status, 422);
	const char *b = buf_str(&r.body);
	assert_contains(b, "class=\"error-summary\"");
	assert_contains(b, "Bitte füllen Sie dieses Feld aus.");
	assert_contains(b, "Bitte geben Sie eine gültige E-Mail-Adresse ein.");
	assert_contains(b, "Bitte bestätigen Sie dieses Feld.");
	assert_contains(b, "value=\"kein-at-zeichen\"");
	assert_contains(b, ">Mein Text bleibt</textarea>");
	assert_contains(b, "aria-invalid=\"true\"");
	reply_free(&r);
	assert_int_equal(messages(), before);
}

static void test_contact_script_escaped(void **state)
{
	(void)state;
	struct reply r;
	assert_int_equal(http_post_form(&srv, "/kontakt",
					"name=%3Cscript%3Ealert(1)%3C%2Fscript%3E&"
					"email=%22%3E%3Cscript%3Ex%3C%2Fscript%3E&"
					"message=%3C%2Ftextarea%3E%3Cscript%3Ealert(2)%3C%2Fscript%3E",
					&r), 0);
	assert_int_equal(r.status, 422);
	const char *b = buf_str(&r.body);
	assert_not_contains(b, "<script");
	assert_contains(b, "&lt;script&gt;alert(1)&lt;/script&gt;");
	assert_contains(b, "&lt;/textarea&gt;&lt;script&gt;alert(2)");
	reply_free(&r);
}

static void test_contact_honeypot(void **state)
{
	(void)state;
	long before = messages();
	struct reply r;
	assert_int_equal(http_post_form(&srv, "/kontakt",
					"name=Bot&email=bot%40example.org&message=Spam&consent=1&"
					"website=http%3A%2F%2Fspam.example",
					&r), 0);
	assert_int_equal(r.status, 303);
	reply_free(&r);
	assert_int_equal(messages(), before);
}

static void test_contact_bad_input(void **state)
{
	(void)state;
	long before = messages();
	struct reply r;
	/* invalid UTF-8 in the name, a control character in the e-mail */
	assert_int_equal(http_post_form(&srv, "/kontakt",
					"name=%C3%28&email=a%01%40b.de&message=x&consent=1", &r), 0);
	assert_int_equal(r.status, 422);
	assert_contains(buf_str(&r.body), "ungültige Zeichen");
	reply_free(&r);
	/* a body of another content type */
	assert_int_equal(http(&srv, "POST", "/kontakt", "{}", 2, "application/json", NULL, &r), 0);
	assert_int_equal(r.status, 400);
	reply_free(&r);
	assert_int_equal(messages(), before);
}

static void test_head(void **state)
{
	(void)state;
	struct reply g, h;
	assert_int_equal(http_get(&srv, "/bqn-rlp", &g), 0);
	assert_int_equal(http(&srv, "HEAD", "/bqn-rlp", NULL, 0, NULL, NULL, &h), 0);
	assert_int_equal(h.status, 200);
	assert_int_equal(h.body.len, 0);
	char len[32];
	snprintf(len, sizeof(len), "%zu", g.body.len);
	assert_string_equal(reply_header(&h, "Content-Length"), len);
	assert_security_headers(&h);
	reply_free(&g);
	reply_free(&h);
}

static void test_languages(void **state)
{
	(void)state;
	struct reply r;
	assert_int_equal(http_get(&srv, "/bqn-rlp?lang=en", &r), 0);
	assert_contains(buf_str(&r.body), "<html lang=\"en\">");
	assert_contains(buf_str(&r.body), "href=\"http://127.0.0.1");
	assert_contains(buf_str(&r.body), "/bqn-rlp?lang=en\"");
	const char *ck = reply_header(&r, "Set-Cookie");
	assert_non_null(ck);
	assert_contains(ck, "lang=en");
	assert_contains(ck, "HttpOnly");
	assert_contains(ck, "SameSite=Lax");
	reply_free(&r);

	assert_int_equal(http(&srv, "GET", "/", NULL, 0, NULL, "Cookie: lang=en", &r), 0);
	assert_contains(buf_str(&r.body), "<html lang=\"en\">");
	reply_free(&r);

	assert_int_equal(http(&srv, "GET", "/", NULL, 0, NULL,
			      "Accept-Language: fr-FR;q=0.9, en;q=0.8, de;q=0.1", &r), 0);
	assert_contains(buf_str(&r.body), "<html lang=\"en\">");
	reply_free(&r);

	assert_int_equal(http(&srv, "GET", "/", NULL, 0, NULL, "Accept-Language: fr, it", &r), 0);
	assert_contains(buf_str(&r.body), "<html lang=\"de\">");
	reply_free(&r);

	/* an unknown language parameter is ignored */
	assert_int_equal(http_get(&srv, "/?lang=%22%3E%3Cx", &r), 0);
	assert_contains(buf_str(&r.body), "<html lang=\"de\">");
	assert_null(reply_header(&r, "Set-Cookie"));
	reply_free(&r);
}

static void test_missing_translation(void **state)
{
	(void)state;
	assert_int_equal(db_scalar(&srv, "INSERT INTO page(slug, lang, title, body_md) "
					 "VALUES ('nur-deutsch', 'de', 'Nur auf Deutsch', 'Hallo *Welt*')"), 0);
	struct reply r;
	assert_int_equal(http_get(&srv, "/nur-deutsch?lang=en", &r), 0);
	assert_int_equal(r.status, 200);
	const char *b = buf_str(&r.body);
	assert_contains(b, "<html lang=\"en\">");
	assert_contains(b, "class=\"notice\"");
	assert_contains(b, "<div class=\"prose\" lang=\"de\">");
	assert_contains(b, "<em>Welt</em>");
	reply_free(&r);
}

static void test_markdown_raw_html_dropped(void **state)
{
	(void)state;
	assert_int_equal(db_scalar(&srv, "INSERT INTO page(slug, lang, title, body_md) VALUES "
					 "('roh', 'de', 'Roh', '<script>alert(1)</script>\n\n"
					 "[klick](javascript:alert(2))')"), 0);
	struct reply r;
	assert_int_equal(http_get(&srv, "/roh", &r), 0);
	assert_int_equal(r.status, 200);
	assert_not_contains(buf_str(&r.body), "<script");
	assert_not_contains(buf_str(&r.body), "javascript:");
	reply_free(&r);
}

static void test_healthz(void **state)
{
	(void)state;
	struct reply r;
	assert_int_equal(http_get(&srv, "/healthz", &r), 0);
	assert_int_equal(r.status, 200);
	assert_string_equal(reply_header(&r, "Content-Type"), "application/json");
	assert_contains(buf_str(&r.body), "\"status\":\"ok\"");
	assert_security_headers(&r);
	reply_free(&r);
}

static void test_robots_sitemap_favicon(void **state)
{
	(void)state;
	struct reply r;
	assert_int_equal(http_get(&srv, "/robots.txt", &r), 0);
	assert_int_equal(r.status, 200);
	assert_contains(buf_str(&r.body), "Sitemap: http://127.0.0.1:");
	assert_contains(buf_str(&r.body), "Disallow: /intern");
	reply_free(&r);
	assert_int_equal(http_get(&srv, "/sitemap.xml", &r), 0);
	assert_int_equal(r.status, 200);
	assert_contains(buf_str(&r.body), "/modellprojekt-mainz</loc>");
	assert_contains(buf_str(&r.body), "/modellprojekt-mainz?lang=en</loc>");
	assert_contains(buf_str(&r.body), "/angebotslandschaft?lang=ar</loc>");
	reply_free(&r);
	assert_int_equal(http_get(&srv, "/favicon.ico", &r), 0);
	assert_int_equal(r.status, 200);
	assert_string_equal(reply_header(&r, "Content-Type"), "image/x-icon");
	assert_true(r.body.len > 0);
	reply_free(&r);
}

static void test_static_etag(void **state)
{
	(void)state;
	struct reply r;
	assert_int_equal(http_get(&srv, "/static/style.css", &r), 0);
	assert_int_equal(r.status, 200);
	assert_string_equal(reply_header(&r, "Content-Type"), "text/css; charset=utf-8");
	assert_non_null(reply_header(&r, "Cache-Control"));
	const char *et = reply_header(&r, "ETag");
	assert_non_null(et);
	char inm[128];
	snprintf(inm, sizeof(inm), "If-None-Match: %s", et);
	reply_free(&r);
	assert_int_equal(http(&srv, "GET", "/static/style.css", NULL, 0, NULL, inm, &r), 0);
	assert_int_equal(r.status, 304);
	assert_int_equal(r.body.len, 0);
	reply_free(&r);
}

static void test_backup_while_running(void **state)
{
	(void)state;
	char dest[400];
	snprintf(dest, sizeof(dest), "%s/copy.db", srv.dir);
	buf out;
	buf_init(&out, 0);
	assert_int_equal(run_lotse(&out, "backup", "--db", srv.db, dest, NULL), 0);
	assert_int_not_equal(run_lotse(&out, "backup", "--db", srv.db, dest, NULL), 0);
	assert_contains(buf_str(&out), "refusing to overwrite");
	buf_free(&out);
	sqlite3 *db;
	assert_int_equal(sqlite3_open_v2(dest, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*) FROM page", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_true(sqlite3_column_int(st, 0) >= 14);
	sqlite3_finalize(st);
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "ok");
	sqlite3_finalize(st);
	sqlite3_close(db);
}

/* The database, its WAL and a backup are the owner's alone (#11). */
static void test_files_not_world_readable(void **state)
{
	(void)state;
	char dest[400], wal[400];
	snprintf(dest, sizeof(dest), "%s/private.db", srv.dir);
	snprintf(wal, sizeof(wal), "%s-wal", srv.db);
	buf out;
	buf_init(&out, 0);
	assert_int_equal(run_lotse(&out, "backup", "--db", srv.db, dest, NULL), 0);
	buf_free(&out);
	const char *files[] = { srv.db, wal, dest };
	for (size_t i = 0; i < sizeof(files) / sizeof(*files); i++) {
		struct stat sb;
		if (stat(files[i], &sb) != 0)
			fail_msg("%s: missing", files[i]);
		if (sb.st_mode & 077)
			fail_msg("%s: mode %03o", files[i], (unsigned)(sb.st_mode & 0777));
	}
}

/* ---- tests with their own server ---- */

/* The server of a test with its own: stopped and removed after the test
 * however it ended (a failed assert jumps past the test's own stop). */
static struct server own;

static int own_teardown(void **state)
{
	(void)state;
	return harness_group_teardown(&own, NULL);
}

static void test_contact_rate_limit(void **state)
{
	(void)state;
	assert_int_equal(server_start(&own, NULL), 0);
	struct reply r;
	for (int i = 0; i < 5; i++) {
		assert_int_equal(http_post_form(&own, "/kontakt",
						"name=A&email=a%40example.org&message=Hallo&consent=1", &r), 0);
		assert_int_equal(r.status, 303);
		reply_free(&r);
	}
	assert_int_equal(http_post_form(&own, "/kontakt",
					"name=A&email=a%40example.org&message=Nummer+sechs&consent=1", &r), 0);
	assert_int_equal(r.status, 429);
	assert_contains(buf_str(&r.body), ">Nummer sechs</textarea>");
	reply_free(&r);
	assert_int_equal(db_scalar(&own, "SELECT count(*) FROM contact_message"), 5);
	assert_int_equal(server_stop(&own), 0);
}

/* The one rule for store failures (resp_store_failed): a database held by
 * another connection past the busy timeout is 503 with Retry-After (it
 * passes); any other failure is 500. The contact form keeps the text. */
static void test_store_failure_status(void **state)
{
	(void)state;
	assert_int_equal(server_start(&own, NULL), 0);
	struct reply r;
	sqlite3 *db;
	assert_int_equal(sqlite3_open(own.db, &db), SQLITE_OK);
	/* waits like any other writer while the server writes */
	sqlite3_busy_timeout(db, 10000);

	/* another writer holds the database longer than the server waits */
	assert_int_equal(sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(http_post_form(&own, "/kontakt", "name=A&email=a%40example.org&message=Gesperrt&consent=1", &r), 0);
	assert_int_equal(r.status, 503);
	assert_non_null(reply_header(&r, "Retry-After"));
	assert_string_equal(reply_header(&r, "Retry-After"), "5");
	assert_contains(buf_str(&r.body), ">Gesperrt</textarea>");
	reply_free(&r);
	assert_int_equal(sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL), SQLITE_OK);

	/* a failure that waiting does not mend */
	assert_int_equal(sqlite3_exec(db, "CREATE TRIGGER broken BEFORE INSERT ON contact_message "
					  "BEGIN SELECT RAISE(ABORT, 'broken'); END", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(http_post_form(&own, "/kontakt", "name=A&email=a%40example.org&message=Kaputt&consent=1", &r), 0);
	assert_int_equal(r.status, 500);
	assert_null(reply_header(&r, "Retry-After"));
	assert_contains(buf_str(&r.body), ">Kaputt</textarea>");
	reply_free(&r);
	assert_int_equal(sqlite3_exec(db, "DROP TRIGGER broken", NULL, NULL, NULL), SQLITE_OK);

	/* and then it works again */
	assert_int_equal(http_post_form(&own, "/kontakt", "name=A&email=a%40example.org&message=Wieder&consent=1", &r), 0);
	assert_int_equal(r.status, 303);
	reply_free(&r);
	sqlite3_close(db);
	assert_int_equal(server_stop(&own), 0);
}

static void test_cli(void **state)
{
	(void)state;
	buf out;
	buf_init(&out, 0);
	assert_int_equal(run_lotse(&out, "--help", NULL), 0);
	assert_contains(buf_str(&out), "usage: lotse");
	assert_contains(buf_str(&out), "serve");
	buf_reset(&out);
	assert_int_equal(run_lotse(&out, "--version", NULL), 0);
	assert_contains(buf_str(&out), "lotse 0.");
	buf_reset(&out);
	assert_int_equal(run_lotse(&out, "frobnicate", NULL), 2);

	char dir[] = "/tmp/lotse-test-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char db[300];
	snprintf(db, sizeof(db), "%s/new.db", dir);
	assert_int_equal(run_lotse(&out, "init", "--db", db, NULL), 0);
	buf_reset(&out);
	assert_int_equal(run_lotse(&out, "init", "--db", db, "--demo", NULL), 1);
	assert_contains(buf_str(&out), "refusing to overwrite");
	buf_reset(&out);

	/* a database from a newer lotse is refused with a clear message */
	sqlite3 *h;
	assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, "INSERT INTO schema_version(version, name) VALUES (9999, 'future')",
				      NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
	assert_int_equal(run_lotse(&out, "serve", "--db", db, "--listen", "127.0.0.1:0", NULL), 1);
	assert_contains(buf_str(&out), "schema version 9999");
	buf_reset(&out);
	snprintf(db, sizeof(db), "%s/missing.db", dir);
	assert_int_equal(run_lotse(&out, "serve", "--db", db, NULL), 1);
	assert_contains(buf_str(&out), "does not exist");
	buf_free(&out);
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

static void test_request_log_has_no_query(void **state)
{
	(void)state;
	struct reply r;
	assert_int_equal(http_get(&srv, "/impressum?email=geheim%40example.org", &r), 0);
	reply_free(&r);
	FILE *f = fopen(srv.log, "r");
	assert_non_null(f);
	char line[1024];
	int seen = 0;
	while (fgets(line, sizeof(line), f)) {
		assert_null(strstr(line, "geheim"));
		assert_null(strstr(line, "Ayşe"));
		if (strstr(line, "GET /impressum 200"))
			seen = 1;
	}
	fclose(f);
	assert_true(seen);
}

/* A client cannot forge or break lines of the request log: CR, LF and
 * other control bytes, backslashes and bytes that are not UTF-8 in the
 * path are written as \xNN (#11). */
static void test_log_cannot_be_forged(void **state)
{
	(void)state;
	struct reply r;
	assert_int_equal(http_get(&srv, "/x%0D%0A2026-01-01T00:00:00Z%20info%20GET%20/forged%20200%201.0ms", &r), 0);
	assert_int_equal(r.status, 404);
	reply_free(&r);
	assert_int_equal(http_get(&srv, "/y%E9%1B[31m%5C", &r), 0);
	reply_free(&r);
	assert_int_equal(http_get(&srv, "/stra%C3%9Fe", &r), 0); /* UTF-8 stays readable */
	reply_free(&r);
	/* the server logs a request after answering it: wait for the lines */
	int forged = 0, escaped = 0, raw = 0, utf8 = 0;
	for (int tries = 0; tries < 200 && !(utf8 && escaped && raw); tries++) {
		if (tries)
			usleep(10000);
		FILE *f = fopen(srv.log, "r");
		assert_non_null(f);
		char line[2048];
		forged = escaped = raw = utf8 = 0;
		while (fgets(line, sizeof(line), f)) {
			forged += strncmp(line, "2026-01-01T00:00:00Z", 20) == 0;
			escaped += strstr(line, "/x\\x0D\\x0A2026-01-01T00:00:00Z info GET /forged") != NULL;
			raw += strstr(line, "/y\\xE9\\x1B[31m\\x5C 404") != NULL;
			utf8 += strstr(line, "/straße 404") != NULL;
		}
		fclose(f);
	}
	assert_int_equal(forged, 0);
	assert_int_equal(escaped, 1);
	assert_int_equal(raw, 1);
	assert_int_equal(utf8, 1);
}

int main(int argc, char **argv)
{
	if (harness_args(argc, argv) != 0)
		return 2;
	curl_global_init(CURL_GLOBAL_DEFAULT);
	const struct CMUnitTest shared[] = {
		cmocka_unit_test(test_every_page),
		cmocka_unit_test(test_log_cannot_be_forged),
		cmocka_unit_test(test_mainz_page_content),
		cmocka_unit_test(test_not_found),
		cmocka_unit_test(test_wrong_method),
		cmocka_unit_test(test_body_too_large),
		cmocka_unit_test(test_contact_valid),
		cmocka_unit_test(test_contact_multipart),
		cmocka_unit_test(test_contact_invalid),
		cmocka_unit_test(test_contact_email_no_headers),
		cmocka_unit_test(test_contact_script_escaped),
		cmocka_unit_test(test_contact_honeypot),
		cmocka_unit_test(test_contact_bad_input),
		cmocka_unit_test(test_head),
		cmocka_unit_test(test_languages),
		cmocka_unit_test(test_missing_translation),
		cmocka_unit_test(test_markdown_raw_html_dropped),
		cmocka_unit_test(test_healthz),
		cmocka_unit_test(test_robots_sitemap_favicon),
		cmocka_unit_test(test_static_etag),
		cmocka_unit_test(test_backup_while_running),
		cmocka_unit_test(test_files_not_world_readable),
		cmocka_unit_test(test_request_log_has_no_query),
	};
	const struct CMUnitTest alone[] = {
		cmocka_unit_test_teardown(test_contact_rate_limit, own_teardown),
		cmocka_unit_test_teardown(test_store_failure_status, own_teardown),
		cmocka_unit_test(test_cli),
	};
	int failed = cmocka_run_group_tests_name("http", shared, group_setup, group_teardown);
	failed += cmocka_run_group_tests_name("http-own-server", alone, NULL, NULL);
	curl_global_cleanup();
	return failed ? 1 : 0;
}
