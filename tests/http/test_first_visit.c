/* test_first_visit.c — the public pages for a phone and a first visit
 * (issue #12) against the real server on the demo data: the compact
 * header (a <details> menu), the start page's search box and topics (each
 * a prepared finder query that finds offers, in every language), the
 * finder's filters before its results with a skip link. */
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

static const char *get(const char *path, struct reply *r, long want)
{
	assert_int_equal(http_get(&srv, path, r), 0);
	if (r->status != want)
		fail_msg("%s answered %ld, not %ld:\n%.2000s", path, r->status, want, buf_str(&r->body));
	return buf_str(&r->body);
}

/* The number in "N Angebote gefunden" / "1 Angebot gefunden" of a finder
 * page, or -1. */
static long found(const char *b)
{
	const char *p = strstr(b, "<p class=\"lead\">");
	if (!p)
		return -1;
	p += strlen("<p class=\"lead\">");
	char *end;
	long n = strtol(p, &end, 10);
	if (end == p || (strncmp(end, " Angebote gefunden", 18) != 0 && strncmp(end, " Angebot gefunden", 17) != 0))
		return -1;
	return n;
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;
	for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

static void test_compact_header(void **state)
{
	(void)state;
	static const char *const paths[] = { "/", "/angebote", "/kontakt", "/bqn-rlp" };
	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		struct reply r;
		const char *b = get(paths[i], &r, 200);
		/* one menu that opens without JavaScript, inside the header, the
		 * links of the main navigation in it */
		const char *menu = strstr(b, "<nav class=\"main-nav\" aria-label=\"Hauptnavigation\"><details class=\"site-menu\"><summary>");
		assert_non_null(menu);
		assert_true(menu < strstr(b, "</header>"));
		assert_contains(menu, "<span>Menü</span></summary><ul>");
		assert_contains(menu, "<a href=\"/angebote\"");
		assert_contains(menu, "<a href=\"/kontakt\"");
		assert_true(strstr(menu, "</details></nav>") < strstr(b, "<main"));
		assert_tidy(&srv, b, paths[i]);
		reply_free(&r);
	}
	struct reply r;
	const char *b = get("/?lang=fa", &r, 200);
	assert_contains(b, "<span>منو</span></summary>");
	reply_free(&r);
}

static void test_start_page(void **state)
{
	(void)state;
	struct reply r;
	const char *b = get("/", &r, 200);
	/* a search box into the finder before the page's text */
	const char *form = strstr(b, "<form class=\"start-search\" method=\"get\" action=\"/angebote\" role=\"search\">");
	assert_non_null(form);
	assert_true(form < strstr(b, "<div class=\"prose\""));
	assert_contains(b, "<label for=\"start-q\">Was suchst du?</label>");
	assert_contains(b, "<input type=\"search\" id=\"start-q\" name=\"q\"");
	static const char *const names[] = { "Deutsch lernen", "Ausbildung finden", "Hilfe bei der Bewerbung",
					     "Anerkennung", "Geld während der Ausbildung", "Beratung in meiner Sprache" };
	const char *ul = strstr(b, "<ul class=\"topics\"");
	assert_non_null(ul);
	const char *p = ul;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		/* each topic a link to a prepared finder query that finds offers */
		p = strstr(p, "<li><a href=\"");
		assert_non_null(p);
		p += strlen("<li><a href=\"");
		const char *q = strchr(p, '"');
		char href[300];
		snprintf(href, sizeof(href), "%.*s", (int)(q - p), p);
		char label[100];
		snprintf(label, sizeof(label), "\">%s</a>", names[i]);
		assert_true(strncmp(q, label, strlen(label)) == 0);
		/* &amp; in the attribute is & in the address */
		char path[300];
		size_t n = 0;
		for (const char *c = href; *c && n + 1 < sizeof(path); c++) {
			path[n++] = *c;
			if (strncmp(c, "&amp;", 5) == 0)
				c += 4;
		}
		path[n] = '\0';
		assert_true(strncmp(path, "/angebote?", 10) == 0);
		struct reply t;
		long k = found(get(path, &t, 200));
		if (k <= 0)
			fail_msg("topic \"%s\" (%s) finds %ld offers", names[i], path, k);
		reply_free(&t);
	}
	assert_tidy(&srv, b, "/");
	reply_free(&r);

	/* in another language: translated, "in my language" asks for it */
	b = get("/?lang=ar", &r, 200);
	assert_contains(b, ">تعلّم الألمانية</a>");
	assert_contains(b, "href=\"/angebote?art=beratung&amp;sprache=ar\"");
	reply_free(&r);
	struct reply t;
	assert_true(found(get("/angebote?art=beratung&sprache=ar&lang=ar", &t, 200)) == -1); /* not German */
	reply_free(&t);
	assert_true(found(get("/angebote?art=beratung&sprache=ar", &t, 200)) > 0);
	reply_free(&t);
}

static void test_finder_order(void **state)
{
	(void)state;
	struct reply r;
	const char *b = get("/angebote?q=deutsch", &r, 200);
	const char *skip = strstr(b, "<a class=\"skip-results\" href=\"#ergebnisse\">Zu den Ergebnissen</a>");
	assert_non_null(skip);
	/* search box, skip link, filters, results: in the page as on the screen */
	assert_true(strstr(b, "id=\"f-q\"") < skip);
	assert_true(skip < strstr(b, "<details class=\"filter-panel\">"));
	assert_true(strstr(b, "<details class=\"filter-panel\">") < strstr(b, "id=\"ergebnisse\""));
	/* the language menu keeps the query */
	assert_contains(b, "href=\"/angebote?q=deutsch&amp;lang=en\"");
	reply_free(&r);
}

/* An archived offer's address: 410, a page that says so, and up to three
 * similar public offers, each a working link. */
static void test_gone_similar(void **state)
{
	(void)state;
	char id[64], path[120];
	db_text(&srv, "SELECT id FROM service WHERE archived = 1", NULL, id, sizeof(id));
	assert_true(id[0]);
	snprintf(path, sizeof(path), "/angebote/%s", id);
	struct reply r;
	const char *b = get(path, &r, 410);
	assert_contains(b, "gibt es nicht mehr in unserem Verzeichnis");
	assert_contains(b, "<h2 id=\"similar\">Ähnliche Angebote</h2>");
	size_t n = count(b, "<li class=\"card\">");
	assert_true(n >= 1 && n <= 3);
	const char *p = strstr(b, "<ul class=\"cards similar\"");
	for (size_t i = 0; i < n; i++) {
		p = strstr(p, "<h3><a href=\"/angebote/");
		assert_non_null(p);
		p += strlen("<h3><a href=\"");
		char link[120];
		snprintf(link, sizeof(link), "%.*s", (int)(strchr(p, '"') - p), p);
		assert_true(strcmp(link, path) != 0); /* not itself */
		struct reply t;
		get(link, &t, 200);
		reply_free(&t);
	}
	assert_tidy(&srv, b, path);
	reply_free(&r);
}

/* "Zur Angebotssuche" leads back to the finder page the visitor came
 * from: a Referer of this site's finder, its parameters checked again. */
static void test_back_to_query(void **state)
{
	(void)state;
	char id[64], path[120], ref[300];
	db_text(&srv, "SELECT id FROM service WHERE archived = 0 AND merged_into IS NULL", NULL, id, sizeof(id));
	snprintf(path, sizeof(path), "/angebote/%s", id);
	snprintf(ref, sizeof(ref), "Referer: %s/angebote?q=deutsch&art=sprachfoerderung&art=%%3Cx%%3E&seite=2#ergebnisse",
		 srv.base);
	struct reply r;
	assert_int_equal(http(&srv, "GET", path, NULL, 0, NULL, ref, &r), 0);
	assert_int_equal(r.status, 200);
	assert_contains(buf_str(&r.body), "<a href=\"/angebote?q=deutsch&amp;art=sprachfoerderung&amp;seite=2\">Zur Angebotssuche</a>");
	reply_free(&r);
	/* another site, another page of this one, none: the finder itself */
	static const char *const others[] = { "http://evil.example", "", "", NULL };
	static const char *const rest[] = { "/angebote?q=x", "/kontakt?q=x", "/angebotex?q=x", NULL };
	for (size_t i = 0; i < 4; i++) {
		if (others[i])
			snprintf(ref, sizeof(ref), "Referer: %s%s", *others[i] ? others[i] : srv.base, rest[i]);
		assert_int_equal(http(&srv, "GET", path, NULL, 0, NULL, others[i] ? ref : NULL, &r), 0);
		assert_int_equal(r.status, 200);
		assert_contains(buf_str(&r.body), "<a href=\"/angebote\">Zur Angebotssuche</a>");
		reply_free(&r);
	}
}

/* The Merkliste: the list is its link; bad pieces are said and left out,
 * offers no longer public are counted, repeats and case do not matter. */
static void test_keep_list(void **state)
{
	(void)state;
	char a[64], b2[64], gone[64], path[600];
	db_text(&srv, "SELECT id FROM service WHERE archived = 0 AND merged_into IS NULL ORDER BY id", NULL, a, sizeof(a));
	db_text(&srv, "SELECT id FROM service WHERE archived = 0 AND merged_into IS NULL ORDER BY id DESC", NULL, b2, sizeof(b2));
	db_text(&srv, "SELECT id FROM service WHERE archived = 1", NULL, gone, sizeof(gone));
	struct reply r;
	/* empty: what to do */
	const char *b = get("/merkliste", &r, 200);
	assert_contains(b, "<h1>Merkliste</h1>");
	assert_contains(b, "Deine Merkliste ist leer.");
	assert_contains(b, "noindex");
	assert_contains(b, "<script src=\"/static/merkliste.js\" defer></script>");
	assert_tidy(&srv, b, "/merkliste");
	reply_free(&r);

	snprintf(path, sizeof(path), "/merkliste?ids=%s,%s", a, b2);
	b = get(path, &r, 200);
	assert_contains(b, "2 Angebote gemerkt");
	assert_int_equal(count(b, "<li class=\"card kept\">"), 2);
	char want[400];
	snprintf(want, sizeof(want), "<a href=\"/angebote/%s\">", a);
	assert_true(strstr(b, want) != NULL);
	/* the share link is the list, readable; mail and messenger as links */
	snprintf(want, sizeof(want), "value=\"%s/merkliste?ids=%s,%s\" readonly", srv.base, a, b2);
	assert_contains(b, want);
	assert_contains(b, "<a href=\"mailto:?subject=Merkliste&amp;body=");
	assert_contains(b, "<a href=\"https://wa.me/?text=");
	/* the buttons that need JavaScript wait hidden for it */
	assert_contains(b, "class=\"button secondary keep-remove\" hidden");
	assert_contains(b, "class=\"button print-page\" hidden");
	assert_not_contains(b, "error-summary");
	assert_tidy(&srv, b, path);
	reply_free(&r);

	/* upper case, a repeat, spaces, rubbish, an archived offer */
	char upper[40];
	for (size_t i = 0; i <= strlen(a); i++)
		upper[i] = (char)(a[i] >= 'a' && a[i] <= 'f' ? a[i] - 32 : a[i]);
	snprintf(path, sizeof(path), "/merkliste?ids=%s,%%20%s%%20,%%3Cscript%%3E,,%s", a, upper, gone);
	b = get(path, &r, 200);
	assert_contains(b, "1 Angebot gemerkt");
	assert_contains(b, "Ein Teil dieses Links ist keine Angebotsnummer");
	assert_contains(b, "1 Angebot dieser Liste gibt es nicht mehr.");
	assert_not_contains(b, "<script>");
	reply_free(&r);

	/* (more than DIR_PUBLIC_KEEP_MAX ids do not fit into the harness's
	 * 1024-byte addresses: tests/unit/test_directory.c and
	 * tests/fuzz/fuzz_keep.c check the bound) */

	/* the offer page: a Merken button, share links, the way to the list */
	snprintf(path, sizeof(path), "/angebote/%s", a);
	b = get(path, &r, 200);
	snprintf(want, sizeof(want), "class=\"button secondary keep\" hidden data-id=\"%s\"", a);
	assert_contains(b, want);
	assert_contains(b, "<a href=\"/merkliste\">Zur Merkliste</a>");
	snprintf(want, sizeof(want), "value=\"%s/angebote/%s\" readonly", srv.base, a);
	assert_contains(b, want);
	reply_free(&r);
	/* a finder hit too */
	b = get("/angebote?q=deutsch", &r, 200);
	assert_contains(b, "class=\"button secondary keep\" hidden data-id=\"");
	reply_free(&r);
	b = get("/static/merkliste.js", &r, 200);
	assert_contains(b, "localStorage");
	reply_free(&r);
}

HARNESS_GROUP(srv, NULL, NULL)

int main(int argc, char **argv)
{
	if (argc > 1)
		harness_bin = argv[1];
	curl_global_init(CURL_GLOBAL_DEFAULT);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_compact_header),
		cmocka_unit_test(test_start_page),
		cmocka_unit_test(test_finder_order),
		cmocka_unit_test(test_gone_similar),
		cmocka_unit_test(test_back_to_query),
		cmocka_unit_test(test_keep_list),
	};
	int failed = cmocka_run_group_tests_name("first_visit", tests, group_setup, group_teardown);
	curl_global_cleanup();
	return failed ? 1 : 0;
}
