/* test_plain_init.c — the site as a real install sees it: a database made
 * by plain `lotse init` (no --demo). The start page, Impressum and
 * Datenschutz answer with marked placeholder text (the privacy notice in
 * every public language), no link on them leads
 * nowhere, and an editor (made with `lotse user add`) fills them in. */
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

#define MARKER_DE "[Platzhalter – bitte ausfüllen]"
#define MARKER_EN "[Placeholder – please fill in]"
#define EDITOR_EMAIL "redaktion@example.org"
#define EDITOR_PW "Mainzer-Rheinufer-2026"

#define STAFF_EMAIL "team@example.org"
#define STAFF_PW "Zitadelle-am-Rhein-2026"

static struct server srv;
static struct agent anon, editor, staff;

static int group_setup(void **state)
{
	(void)state;
	if (server_start_plain(&srv, NULL) != 0 || agent_init(&anon) != 0 || agent_init(&editor) != 0 ||
	    agent_init(&staff) != 0)
		return -1;
	if (harness_user_add(&srv, EDITOR_EMAIL, EDITOR_PW, NULL, "editor", NULL) != 0)
		return -1;
	/* one person in the roles of the empty pages below */
	return harness_user_add(&srv, STAFF_EMAIL, STAFF_PW, NULL, "editor", "researcher", "counsellor", NULL);
}

static int group_teardown(void **state)
{
	(void)state;
	return harness_group_teardown(&srv, &anon, &editor, &staff, NULL);
}

/* The site's own pages: path, and the marker its text must show. */
static const struct {
	const char *path, *marker;
} own_pages[] = {
	{ "/", MARKER_DE },
	{ "/impressum", MARKER_DE },
	{ "/datenschutz", MARKER_DE },
	{ "/kontakt", MARKER_DE },
	{ "/?lang=en", MARKER_EN },
	{ "/impressum?lang=en", MARKER_EN },
	{ "/datenschutz?lang=en", MARKER_EN },
	/* the privacy notice in the other public languages keeps the German
	 * marker: the editors look for it */
	{ "/datenschutz?lang=tr", MARKER_DE },
	{ "/datenschutz?lang=ar", MARKER_DE },
	{ "/datenschutz?lang=uk", MARKER_DE },
	{ "/datenschutz?lang=ru", MARKER_DE },
	{ "/datenschutz?lang=fa", MARKER_DE },
};

static void test_own_pages_hold_placeholder(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(own_pages) / sizeof(own_pages[0]); i++) {
		struct reply r;
		assert_int_equal(http_get(&srv, own_pages[i].path, &r), 0);
		if (r.status != 200)
			fail_msg("%s answered %ld on a plain-init database", own_pages[i].path, r.status);
		assert_contains(buf_str(&r.body), own_pages[i].marker);
		assert_tidy(&srv, buf_str(&r.body), own_pages[i].path);
		reply_free(&r);
	}
	/* what the notices must name */
	struct reply r;
	assert_int_equal(http_get(&srv, "/impressum", &r), 0);
	assert_contains(buf_str(&r.body), "§ 5 DDG");
	assert_contains(buf_str(&r.body), "Anschrift");
	assert_contains(buf_str(&r.body), "E-Mail-Adresse");
	reply_free(&r);
	assert_int_equal(http_get(&srv, "/datenschutz", &r), 0);
	const char *b = buf_str(&r.body);
	assert_contains(b, "Verantwortliche Stelle");
	assert_contains(b, "Zweck");
	assert_contains(b, "Rechtsgrundlage");
	assert_contains(b, "12 Monate");
	assert_contains(b, "Ihre Rechte");
	assert_contains(b, "Aufsichtsbehörde");
	reply_free(&r);
}

/* A fresh install has the privacy notice's structure in every public
 * language (data/init/pages/datenschutz.LANG.md), not the German text with
 * a note: its title, the controller, the legal basis, the rights. */
static void test_privacy_notice_every_language(void **state)
{
	(void)state;
	static const struct {
		const char *lang, *html, *title, *controller, *rights;
	} cases[] = {
		{ "tr", "<html lang=\"tr\">", "<h1>Gizlilik bildirimi</h1>", "<h2>Sorumlu kurum</h2>", "<h2>Haklarınız</h2>" },
		{ "ar", "<html lang=\"ar\" dir=\"rtl\">", "<h1>بيان حماية البيانات</h1>", "<h2>الجهة المسؤولة</h2>",
		  "<h2>حقوقك</h2>" },
		{ "uk", "<html lang=\"uk\">", "<h1>Політика захисту даних</h1>", "<h2>Відповідальна установа</h2>",
		  "<h2>Ваші права</h2>" },
		{ "ru", "<html lang=\"ru\">", "<h1>Политика защиты данных</h1>", "<h2>Ответственная организация</h2>",
		  "<h2>Ваши права</h2>" },
		{ "fa", "<html lang=\"fa\" dir=\"rtl\">", "<h1>بیانیهٔ حفاظت از داده‌ها</h1>", "<h2>نهاد مسئول</h2>",
		  "<h2>حقوق شما</h2>" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char path[64];
		snprintf(path, sizeof(path), "/datenschutz?lang=%s", cases[i].lang);
		struct reply r;
		assert_int_equal(http_get(&srv, path, &r), 0);
		assert_int_equal(r.status, 200);
		const char *b = buf_str(&r.body);
		if (!strstr(b, cases[i].title))
			fail_msg("%s: expected %s (is data/init/pages/datenschutz.%s.md missing?)", path,
				 cases[i].title, cases[i].lang);
		assert_contains(b, cases[i].html);
		assert_contains(b, cases[i].controller);
		assert_contains(b, cases[i].rights);
		assert_contains(b, "DSGVO");
		assert_contains(b, "12");
		reply_free(&r);
	}
}

/* Every local link on path (href="/..."), each GET answering below 400.
 * Pages without demo content are not linked at all. */
static void check_links(const char *path)
{
	struct reply r;
	assert_int_equal(http_get(&srv, path, &r), 0);
	assert_int_equal(r.status, 200);
	char *body = strdup(buf_str(&r.body));
	reply_free(&r);
	assert_non_null(body);
	assert_not_contains(body, "href=\"/bqn-rlp\"");
	assert_not_contains(body, "href=\"/modellprojekt-mainz\"");
	assert_not_contains(body, "href=\"/modellprojekt-ludwigshafen\"");
	assert_contains(body, "href=\"/impressum\"");
	assert_contains(body, "href=\"/datenschutz\"");
	int links = 0;
	for (const char *p = body; (p = strstr(p, "href=\"/")) != NULL;) {
		p += strlen("href=\"");
		const char *end = strchr(p, '"');
		assert_non_null(end);
		char link[512];
		size_t n = 0;
		for (const char *q = p; q < end && n + 1 < sizeof(link); q++) {
			if (strncmp(q, "&amp;", 5) == 0) {
				link[n++] = '&';
				q += 4;
			} else {
				link[n++] = *q;
			}
		}
		link[n] = '\0';
		assert_int_equal(http_get(&srv, link, &r), 0);
		if (r.status >= 400)
			fail_msg("%s links %s, which answers %ld", path, link, r.status);
		reply_free(&r);
		links++;
		p = end;
	}
	assert_true(links >= 5);
	free(body);
}

static void test_no_dead_links(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(own_pages) / sizeof(own_pages[0]); i++)
		check_links(own_pages[i].path);
	check_links("/angebote");
}

/* The editor sees the placeholders flagged, opens each page the navigation
 * shows, and fills in the Impressum; the public page then shows it. */
static void test_editor_fills_in_impressum(void **state)
{
	(void)state;
	struct reply r;
	assert_int_equal(agent_login(&srv, &editor, EDITOR_EMAIL, EDITOR_PW), 303);

	assert_int_equal(agent_fetch(&srv, &editor, "/intern", &r), 200);
	assert_contains(buf_str(&r.body), "Platzhaltertext");
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/seiten", &r), 200);
	const char *b = buf_str(&r.body);
	assert_contains(b, "Seiten mit Platzhaltertext: 4.");
	assert_contains(b, "class=\"tag tag-todo\"");
	static const char *const edit[] = { "start", "impressum", "datenschutz", "kontakt" };
	for (size_t i = 0; i < sizeof(edit) / sizeof(edit[0]); i++) {
		char href[128];
		snprintf(href, sizeof(href), "href=\"/intern/seiten/%s/de\"", edit[i]);
		assert_contains(b, href);
	}
	reply_free(&r);
	for (size_t i = 0; i < sizeof(edit) / sizeof(edit[0]); i++) {
		char path[128];
		snprintf(path, sizeof(path), "/intern/seiten/%s/de", edit[i]);
		assert_int_equal(agent_fetch(&srv, &editor, path, &r), 200);
		assert_contains(buf_str(&r.body), "Diese Seite enthält noch Platzhaltertext.");
		reply_free(&r);
	}

	assert_int_equal(agent_fetch(&srv, &editor, "/intern/seiten/impressum/de", &r), 200);
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &editor, "/intern/seiten/impressum/de",
				      form("title", "Impressum", "description", "Anbieterkennzeichnung",
					   "body", "## Anbieter\n\nNetzwerk Lotse e. V.\\\nRheinstraße 5\\\n55116 Mainz\n",
					   "action", "save", NULL), &r),
			 303);
	reply_free(&r);

	assert_int_equal(http_get(&srv, "/impressum", &r), 0);
	assert_int_equal(r.status, 200);
	assert_contains(buf_str(&r.body), "Netzwerk Lotse e. V.");
	assert_contains(buf_str(&r.body), "Rheinstraße 5");
	assert_not_contains(buf_str(&r.body), MARKER_DE);
	reply_free(&r);
	assert_int_equal(db_scalar(&srv, "SELECT count(*) FROM audit_log WHERE action = 'page_save' "
					 "AND object_id = 'impressum/de'"), 1);
	/* the English Impressum still holds its placeholder: the page stays flagged */
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/seiten", &r), 200);
	assert_contains(buf_str(&r.body), "Seiten mit Platzhaltertext: 4.");
	reply_free(&r);
}

/* A fresh install has no surveys, interviews, cases, events, committees or
 * offers: every capability's pages answer with their empty state (200, valid
 * HTML, no error), its exports with a header and no rows. */
static void test_empty_pages(void **state)
{
	(void)state;
	static const char *const public_pages[] = {
		"/veranstaltungen", "/veranstaltungen/archiv", "/veranstaltungen.ics", "/gremien", "/gremien/suche?q=schule",
		"/vorlagen", "/angebotslandschaft", "/angebotslandschaft/daten.json", "/angebotslandschaft/daten.csv",
		"/angebote?q=deutsch", "/merkliste", "/oparl/v1", "/oparl/v1/body", "/api/hsds/services",
		"/api/hsds/service_at_locations", "/sitemap.xml",
	};
	static const char *const staff_pages[] = {
		"/intern", "/intern/angebote", "/intern/angebote/veraltet", "/intern/pruefung", "/intern/traeger",
		"/intern/kategorien", "/intern/suchwoerter", "/intern/veranstaltungen",
		"/intern/aufgaben", "/intern/gremien", "/intern/prozesse", "/intern/personen", "/intern/wahlperioden",
		"/intern/beratung", "/intern/beratung/neu", "/intern/statistik/beratung",
		"/intern/interviews", "/intern/umfragen", "/intern/analyse", "/intern/analyse/foerderung",
		"/intern/analyse/vergleich", "/intern/analyse/luecken", "/intern/analyse/ergebnisse",
		"/intern/analyse/bericht", "/intern/analyse/daten/abdeckung.json", "/intern/analyse/daten/luecken.csv",
		"/intern/analyse/daten/ergebnisse.json", "/intern/analyse/daten/foerderende.xlsx",
	};
	struct reply r;
	for (size_t i = 0; i < sizeof(public_pages) / sizeof(public_pages[0]); i++) {
		assert_int_equal(http_get(&srv, public_pages[i], &r), 0);
		if (r.status != 200)
			fail_msg("%s answered %ld on an empty database", public_pages[i], r.status);
		const char *type = reply_header(&r, "Content-Type");
		if (type && strncmp(type, "text/html", 9) == 0)
			assert_tidy(&srv, buf_str(&r.body), public_pages[i]);
		reply_free(&r);
	}
	assert_int_equal(agent_login(&srv, &staff, STAFF_EMAIL, STAFF_PW), 303);
	for (size_t i = 0; i < sizeof(staff_pages) / sizeof(staff_pages[0]); i++) {
		long status = agent_fetch(&srv, &staff, staff_pages[i], &r);
		if (status != 200)
			fail_msg("%s answered %ld on an empty database", staff_pages[i], status);
		const char *type = reply_header(&r, "Content-Type");
		if (type && strncmp(type, "text/html", 9) == 0) {
			assert_tidy(&srv, buf_str(&r.body), staff_pages[i]);
			assert_contains(buf_str(&r.body), "<main");
		}
		reply_free(&r);
	}
	/* the landscape's JSON on an empty directory: no rows, still JSON */
	assert_int_equal(agent_fetch(&srv, &staff, "/intern/analyse/daten/abdeckung.json", &r), 200);
	assert_int_equal(buf_str(&r.body)[0], '{');
	reply_free(&r);
	/* nothing went wrong on the way: the server logged no error */
	assert_int_equal(agent_fetch(&srv, &staff, "/healthz", &r), 200);
	reply_free(&r);
}

int main(int argc, char **argv)
{
	if (argc > 1)
		harness_bin = argv[1];
	curl_global_init(CURL_GLOBAL_DEFAULT);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_own_pages_hold_placeholder),
		cmocka_unit_test(test_privacy_notice_every_language),
		cmocka_unit_test(test_no_dead_links),
		cmocka_unit_test(test_editor_fills_in_impressum),
		cmocka_unit_test(test_empty_pages),
	};
	int failed = cmocka_run_group_tests_name("plain_init", tests, group_setup, group_teardown);
	curl_global_cleanup();
	return failed ? 1 : 0;
}
