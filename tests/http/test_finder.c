/* test_finder.c — the public offer finder GET /angebote against the real
 * server: the page on the demo data, fixture offers written into the
 * server's database through the model while it runs (the index follows),
 * text and filters, pagination links that keep every parameter, distance,
 * bad parameters (a message, never a 500) and escaping. */
#include "harness.h"
#include "search/search.h"
#include "directory/directory.h"

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
static char offer_ids[25][37];
static char org_id[37];

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;
	for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

/* 25 offers of a made-up provider with a made-up word ("Quokka"), near a
 * test postcode, written through the model into the running server's file. */
static int fixture(void)
{
	struct store *s;
	char err[300];
	if (store_open(srv.db, STORE_EXISTING, &s, err, sizeof(err)) != ST_OK) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	int rc = store_exec(s, "INSERT OR REPLACE INTO postcode(code, city, latitude, longitude) "
			       "VALUES ('99997', 'Testdorf', 49.5000, 7.5000)");
	struct dir_org o = { .name = "Quokka-Verein (Test)", .year_incorporated = -1 };
	if (rc == ST_OK)
		rc = dir_org_save(s, &o, "test", org_id);
	arena *a = arena_new();
	size_t nt = 0;
	struct dir_taxonomy *tax = dir_taxonomies(s, a, "de", &nt);
	const struct dir_term *beratung = dir_term_find(tax, nt, "angebotsart", "beratung");
	const struct dir_term *mentoring = dir_term_find(tax, nt, "angebotsart", "mentoring");
	const struct dir_term *refugees = dir_term_find(tax, nt, "zielgruppe", "gefluechtete");
	if (!beratung || !mentoring || !refugees)
		rc = ST_ERR;
	for (int i = 0; i < 25 && rc == ST_OK; i++) {
		/* offer i is i km east of Testdorf */
		char loc_id[37];
		struct dir_location l = { .organization_id = org_id, .name = arena_printf(a, "Quokka-Haus %d", i),
					  .has_coords = 1, .latitude = 49.5, .longitude = 7.5 + i / 72.4,
					  .has_address = 1,
					  .address = { .address_1 = "Teststraße 1", .city = "Testdorf", .postal_code = "99997" } };
		rc = dir_location_save(s, &l, "test", loc_id);
		struct dir_location link = { .id = loc_id };
		struct dir_term terms[2] = { i % 2 ? *mentoring : *beratung, *refugees };
		struct dir_language langs[2] = { { .code = "de" }, { .code = i % 5 == 0 ? "ti" : "de" } };
		struct dir_service sv = {
			.organization_id = org_id, .name = arena_printf(a, "Quokka-Kurs %02d", i),
			.description = "Ein Testangebot mit einer Beschreibung.", .status = "active",
			.free_of_charge = i % 3 == 0, .minimum_age = -1, .maximum_age = -1, .capacity = -1,
			.locations = &link, .n_locations = 1, .terms = terms, .n_terms = i % 4 == 0 ? 2 : 1,
			.languages = langs, .n_languages = i % 5 == 0 ? 2 : 1,
		};
		if (rc == ST_OK)
			rc = dir_service_save(s, &sv, "test", offer_ids[i]);
	}
	arena_free(a);
	store_close(s);
	return rc == ST_OK ? 0 : -1;
}

static int group_setup(void **state)
{
	(void)state;
	if (harness_group_setup(&srv, NULL, NULL) != 0)
		return -1;
	return fixture();
}

static int group_teardown(void **state)
{
	(void)state;
	return harness_group_teardown(&srv, NULL);
}

/* The result card of offer id on a finder page (a copy to free): from its
 * link to its "Merken" button; fails the test when it is not there. */
static char *card_of(const char *page, const char *id)
{
	char link[64], button[64];
	snprintf(link, sizeof(link), "href=\"/angebote/%s\"", id);
	snprintf(button, sizeof(button), "data-id=\"%s\"", id);
	const char *from = strstr(page, link), *to = from ? strstr(from, button) : NULL;
	if (!to)
		fail_msg("no card of %s on the page", id);
	return strndup(from, (size_t)(to - from));
}

static const char *get(const char *path, struct reply *r, long want)
{
	assert_int_equal(http_get(&srv, path, r), 0);
	if (r->status != want)
		fail_msg("%s answered %ld, not %ld:\n%.2000s", path, r->status, want, buf_str(&r->body));
	return buf_str(&r->body);
}

static void test_page_on_demo_data(void **state)
{
	(void)state;
	struct reply r;
	const char *b = get("/angebote", &r, 200);
	assert_contains(b, "<title>Angebote finden – ");
	assert_contains(b, "<h1>Angebote finden</h1>");
	assert_contains(b, "<a href=\"/angebote\" aria-current=\"page\">Angebote finden</a>"); /* in the main navigation */
	assert_contains(b, "<form class=\"filters\" id=\"finder\" method=\"get\" action=\"/angebote\"");
	assert_contains(b, "name=\"q\" form=\"finder\"");
	assert_contains(b, "<div class=\"with-filters\">");
	assert_contains(b, "Angebote gefunden</p>");
	/* the filters come before the results (keyboard order = visual order),
	 * in a panel that is closed on a phone, with a skip link past them */
	assert_true(strstr(b, "<form class=\"filters\"") < strstr(b, "<ol class=\"hits\""));
	assert_contains(b, "<a class=\"skip-results\" href=\"#ergebnisse\">Zu den Ergebnissen</a>");
	assert_contains(b, "<details class=\"filter-panel\"><summary>Filter wählen</summary>");
	assert_contains(b, "<ol class=\"hits\" start=\"1\">");
	assert_contains(b, "<nav class=\"pagination\"");
	assert_contains(b, "name=\"umkreis\"");
	assert_not_contains(b, "noindex"); /* the plain finder is for search engines */
	assert_int_equal(count(b, "<li class=\"hit\">"), 20);
	assert_tidy(&srv, b, "/angebote");
	reply_free(&r);
	/* every filter of the issue is there with counts */
	b = get("/angebote?q=Beratung", &r, 200);
	assert_contains(b, "Übergangsphase");
	assert_contains(b, "Angebotsart");
	assert_contains(b, "Zielgruppe");
	assert_contains(b, "name=\"ort\"");
	assert_contains(b, "name=\"sprache\"");
	assert_contains(b, "name=\"alter\"");
	assert_contains(b, "name=\"kostenlos\"");
	assert_contains(b, "name=\"plz\"");
	assert_contains(b, "<span class=\"count\">(");
	assert_contains(b, "noindex");
	assert_tidy(&srv, b, "/angebote?q=Beratung");
	reply_free(&r);
	/* errors and nothing found: still valid HTML */
	b = get("/angebote?q=xyzzy&alter=abc&art=beratung", &r, 422);
	assert_contains(b, "Keine passenden Angebote gefunden");
	assert_tidy(&srv, b, "an empty result with an error");
	reply_free(&r);
}

static void test_text_and_pages(void **state)
{
	(void)state;
	struct reply r;
	const char *b = get("/angebote?q=Quokka-Kurs", &r, 200);
	assert_contains(b, "25 Angebote gefunden");
	assert_int_equal(count(b, "<li class=\"hit\">"), 20);
	assert_contains(b, "Quokka-Verein (Test)");
	assert_contains(b, "href=\"/angebote/");
	assert_contains(b, "href=\"/traeger/");
	/* the pages keep the search */
	assert_contains(b, "href=\"/angebote?q=Quokka-Kurs&amp;seite=2\"");
	assert_contains(b, "rel=\"next\"");
	reply_free(&r);
	b = get("/angebote?q=Quokka-Kurs&seite=2", &r, 200);
	assert_int_equal(count(b, "<li class=\"hit\">"), 5);
	assert_contains(b, "<ol class=\"hits\" start=\"21\">");
	assert_contains(b, "<span aria-current=\"page\">2</span>");
	assert_contains(b, "href=\"/angebote?q=Quokka-Kurs\" rel=\"prev\"");
	reply_free(&r);
	/* a page after the last */
	b = get("/angebote?q=Quokka-Kurs&seite=9", &r, 200);
	assert_contains(b, "Zur ersten Seite");
	reply_free(&r);
	/* a typo in a long word still finds */
	b = get("/angebote?q=Qokka-Kurs", &r, 200);
	assert_contains(b, "25 Angebote gefunden");
	assert_contains(b, "ähnliche Schreibweisen");
	reply_free(&r);
}

static void test_filters_keep_parameters(void **state)
{
	(void)state;
	struct reply r;
	/* AND: Beratung (even offers) and Geflüchtete (every 4th) = 0, 4, 8, ... 24: 7 offers */
	const char *b = get("/angebote?q=Quokka&art=beratung&gruppe=gefluechtete", &r, 200);
	assert_contains(b, "7 Angebote gefunden");
	assert_contains(b, "value=\"beratung\" checked");
	assert_contains(b, "Filter entfernen: Beratung");
	assert_contains(b, "<summary>Filter ändern (2 gewählt)</summary>");
	/* removing one filter keeps the others */
	assert_contains(b, "href=\"/angebote?q=Quokka&amp;gruppe=gefluechtete\"");
	reply_free(&r);
	/* nothing: what to try, with a way to fewer filters */
	b = get("/angebote?q=Quokka&art=elternarbeit", &r, 200);
	assert_contains(b, "Keine passenden Angebote gefunden");
	assert_contains(b, "Weniger Filter wählen");
	assert_contains(b, "href=\"/angebote?q=Quokka\">alle Filter entfernen</a>");
	reply_free(&r);
	b = get("/angebote?q=Quokka&art=mentoring", &r, 200);
	assert_contains(b, "12 Angebote gefunden");
	reply_free(&r);
	/* language, free of charge, and pagination links with all of them */
	b = get("/angebote?q=Quokka&sprache=ti", &r, 200);
	assert_contains(b, "5 Angebote gefunden");
	reply_free(&r);
	b = get("/angebote?q=Quokka&kostenlos=1", &r, 200);
	assert_contains(b, "9 Angebote gefunden"); /* 0, 3, ... 24 */
	reply_free(&r);
	b = get("/angebote?art=beratung&q=Quokka&kostenlos=1&sprache=de&alter=20&plz=99997&umkreis=50", &r, 200);
	assert_contains(b, "Angebote gefunden");
	reply_free(&r);
	b = get("/angebote?q=Quokka&plz=99997&umkreis=50&art=beratung&art=mentoring&gruppe=gefluechtete"
		"&kostenlos=1&sprache=de&seite=1&per=99",
		&r, 200);
	reply_free(&r);
	/* pagination with every kind of parameter */
	b = get("/angebote?q=Quokka&plz=99997&umkreis=50&sprache=de&kostenlos=&alter=30", &r, 200);
	assert_contains(b, "href=\"/angebote?q=Quokka&amp;sprache=de&amp;alter=30&amp;plz=99997&amp;umkreis=50&amp;seite=2\"");
	reply_free(&r);
}

static void test_distance_order(void **state)
{
	(void)state;
	struct reply r;
	const char *b = get("/angebote?plz=99997&umkreis=5", &r, 200);
	/* offers 0..5 are within 5 km (about 1 km apart), nearest first */
	assert_contains(b, "6 Angebote gefunden");
	assert_contains(b, "Im Umkreis von 5 km um 99997 Testdorf");
	const char *k0 = strstr(b, "Quokka-Kurs 00"), *k1 = strstr(b, "Quokka-Kurs 01"), *k5 = strstr(b, "Quokka-Kurs 05");
	assert_non_null(k0);
	assert_non_null(k1);
	assert_non_null(k5);
	assert_true(k0 < k1 && k1 < k5);
	assert_contains(b, "0,0 km");
	assert_contains(b, "1,0 km");
	assert_not_contains(b, "Quokka-Kurs 06");
	reply_free(&r);
	b = get("/angebote?plz=99997&umkreis=25", &r, 200);
	assert_contains(b, "25 Angebote gefunden"); /* 0..24 km */
	reply_free(&r);
	/* text, filter and distance together */
	b = get("/angebote?q=Quokka&art=beratung&plz=99997&umkreis=10", &r, 200);
	assert_contains(b, "6 Angebote gefunden"); /* 0, 2, 4, 6, 8, 10 */
	reply_free(&r);
}

static void test_bad_parameters(void **state)
{
	(void)state;
	static const struct {
		const char *path, *message;
	} bad[] = {
		{ "/angebote?alter=abc", "Bitte geben Sie eine ganze Zahl ein." },
		{ "/angebote?alter=200", "Die Zahl liegt außerhalb des erlaubten Bereichs." },
		{ "/angebote?plz=12", "Postleitzahl mit fünf Ziffern" },
		{ "/angebote?plz=00000", "Diese Postleitzahl kennen wir nicht." },
		{ "/angebote?umkreis=7&plz=99997", "Bitte wählen Sie einen der angebotenen Werte." },
		{ "/angebote?art=gibtsnicht", "Bitte wählen Sie einen der angebotenen Werte." },
		{ "/angebote?ort=atlantis", "Bitte wählen Sie einen der angebotenen Werte." },
		{ "/angebote?sprache=d1", "Bitte wählen Sie eine Sprache aus der Liste." },
		{ "/angebote?seite=0", "Die Zahl liegt außerhalb des erlaubten Bereichs." },
		{ "/angebote?seite=99999", "Die Zahl liegt außerhalb des erlaubten Bereichs." },
		{ "/angebote?q=a%01b", "Der Text enthält ungültige Zeichen." },
		{ "/angebote?q=%ff%fe", "Der Text enthält ungültige Zeichen." },
		{ "/angebote?art=beratung&art=mentoring&art=elternarbeit&art=qualifizierung&art=beratung&art=a1&art=a2"
		  "&art=lernfoerderung&art=ganztagsangebot&art=bewerbungstraining&art=ausbildungsbegleitung"
		  "&art=berufsorientierung&art=sprachfoerderung",
		  "Bitte wählen Sie" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct reply r;
		assert_int_equal(http_get(&srv, bad[i].path, &r), 0);
		if (r.status != 422)
			fail_msg("%s answered %ld", bad[i].path, r.status);
		const char *b = buf_str(&r.body);
		assert_contains(b, "class=\"error-summary\" role=\"alert\"");
		assert_contains(b, bad[i].message);
		assert_contains(b, "Angebote gefunden"); /* the rest of the search still runs */
		reply_free(&r);
	}
	/* an unknown postcode keeps the other filters */
	struct reply r;
	const char *b = get("/angebote?q=Quokka&plz=00000", &r, 422);
	assert_contains(b, "25 Angebote gefunden");
	assert_contains(b, "href=\"#f-plz\"");
	assert_contains(b, "id=\"f-plz-err\"");
	reply_free(&r);
	/* a q too long: a message */
	char path[400] = "/angebote?q=";
	memset(path + strlen(path), 'x', 250);
	b = get(path, &r, 422);
	assert_contains(b, "Der Text ist zu lang.");
	reply_free(&r);
	/* unknown parameters and empty values are ignored */
	b = get("/angebote?foo=bar&q=&art=&alter=&plz=&seite=", &r, 200);
	reply_free(&r);
	/* POST is not a finder */
	assert_int_equal(http_post_form(&srv, "/angebote", "q=x", &r), 0);
	assert_true(r.status == 405 || r.status == 403);
	reply_free(&r);
}

/* Several values of one filter widen the result (OR), filters of
 * different kinds narrow it (AND); a value's count is the number of
 * results when it is chosen. */
static void test_filters_or(void **state)
{
	(void)state;
	struct reply r;
	/* Beratung (the even offers, 13) or Mentoring (the odd ones, 12) */
	const char *b = get("/angebote?q=Quokka&art=beratung&art=mentoring", &r, 200);
	assert_contains(b, "25 Angebote gefunden");
	assert_contains(b, "value=\"beratung\" checked");
	assert_contains(b, "value=\"mentoring\" checked");
	assert_contains(b, "Beratung <span class=\"count\">(13)</span>");
	assert_contains(b, "Mentoring <span class=\"count\">(12)</span>");
	assert_contains(b, "Geflüchtete <span class=\"count\">(7)</span>");
	assert_contains(b, "<summary>Filter ändern (2 gewählt)</summary>");
	/* removing one value keeps the other */
	assert_contains(b, "href=\"/angebote?q=Quokka&amp;art=mentoring\"");
	reply_free(&r);
	/* and with another kind of filter: (Beratung or Mentoring) and Tigrinya */
	b = get("/angebote?q=Quokka&art=beratung&art=mentoring&sprache=ti", &r, 200);
	assert_contains(b, "5 Angebote gefunden"); /* 0, 5, 10, 15, 20 */
	reply_free(&r);
	/* Mentoring and Tigrinya: 5 and 15; the other kind of offer counts
	 * what choosing it would give (Beratung and Tigrinya: 0, 10, 20), the
	 * languages what they give with Mentoring */
	b = get("/angebote?q=Quokka&art=mentoring&sprache=ti", &r, 200);
	assert_contains(b, "2 Angebote gefunden");
	assert_contains(b, "Beratung <span class=\"count\">(3)</span>");
	assert_contains(b, "Mentoring <span class=\"count\">(2)</span>");
	assert_contains(b, ">Tigrinya (2)</option>");
	assert_contains(b, ">Deutsch (12)</option>");
	reply_free(&r);
}

/* Never a dead end: a word no offer has is left out, and said so; a
 * typo gets a correction that is a link. */
static void test_partial_and_correction(void **state)
{
	(void)state;
	struct reply r;
	const char *b = get("/angebote?q=Bewerbungstraining+Xylophon", &r, 200);
	assert_contains(b, "Kein Angebot enthält alle Suchwörter. Ergebnisse ohne <bdi>„xylophon“</bdi>:");
	assert_contains(b, "Bewerbungstraining kompakt");
	reply_free(&r);
	b = get("/angebote?q=Ausbilding&art=beratung", &r, 200);
	assert_contains(b, "Für <bdi>„ausbilding“</bdi> haben wir auch ähnliche Schreibweisen gesucht.");
	assert_contains(b, "Meinten Sie: <a href=\"/angebote?q=Ausbildung&amp;art=beratung\"><bdi>Ausbildung</bdi></a>?");
	reply_free(&r);
	b = get("/angebote?q=Bewerbug&lang=en", &r, 200);
	assert_contains(b, "Did you mean: <a href=\"/angebote?q=Bewerbung\"><bdi>Bewerbung</bdi></a>?");
	reply_free(&r);
	/* what was typed is escaped in the notes too */
	b = get("/angebote?q=Bewerbungstraining+%3Cb%3Ezzqx", &r, 200);
	assert_not_contains(b, "<b>");
	assert_contains(b, "Ergebnisse ohne");
	reply_free(&r);
}

static void test_escaping(void **state)
{
	(void)state;
	struct reply r;
	const char *b = get("/angebote?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E%22%27", &r, 200);
	assert_not_contains(b, "<script>alert");
	assert_contains(b, "value=\"&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;\"");
	reply_free(&r);
	/* in the links that keep the search, too */
	b = get("/angebote?q=%22%3E%3Cb%3EQuokka&art=beratung", &r, 200);
	assert_not_contains(b, "\"><b>");
	assert_contains(b, "href=\"/angebote?q=%22%3E%3Cb%3EQuokka\"");
	reply_free(&r);
	/* a bad value is shown escaped in its field */
	b = get("/angebote?plz=%3Ci%3E", &r, 422);
	assert_not_contains(b, "<i>");
	reply_free(&r);
}

static void test_follows_changes_and_english(void **state)
{
	(void)state;
	struct reply r;
	const char *b = get("/angebote?q=Quokka-Kurs%2007", &r, 200);
	assert_contains(b, "Quokka-Kurs 07");
	reply_free(&r);
	/* archived through the model while the server runs: gone from the finder */
	struct store *s;
	char err[300];
	assert_int_equal(store_open(srv.db, STORE_EXISTING, &s, err, sizeof(err)), ST_OK);
	assert_int_equal(dir_service_archive(s, offer_ids[7], 1, "test"), ST_OK);
	store_close(s);
	b = get("/angebote?q=Quokka-Kurs", &r, 200);
	assert_contains(b, "24 Angebote gefunden");
	reply_free(&r);
	b = get("/angebote?q=Quokka&seite=2", &r, 200);
	assert_not_contains(b, "Quokka-Kurs 07");
	reply_free(&r);
	/* a result shows its card from the index: a new name written by
	 * another process is on it (the server's indexer follows) */
	char sql[200];
	snprintf(sql, sizeof(sql), "UPDATE service SET name = 'Quokka-Kurs 06 (neu)' WHERE id = '%s'", offer_ids[6]);
	assert_int_equal(db_scalar(&srv, sql), 0);
	b = get("/angebote?q=Quokka-Kurs%2006", &r, 200);
	assert_contains(b, "Quokka-Kurs 06 (neu)");
	reply_free(&r);
	/* a card already shown is shown changed on the next request for the
	 * same page once its offer changes (pages keep written cards, per
	 * offer and language, by what they show) */
	const char *again = "/angebote?q=Quokka-Kurs%2005";
	b = get(again, &r, 200);
	char *card = card_of(b, offer_ids[5]);
	assert_contains(card, "Ein Testangebot mit einer Beschreibung.");
	free(card);
	reply_free(&r);
	snprintf(sql, sizeof(sql), "UPDATE service SET description = 'Jetzt mit Zebras.' WHERE id = '%s'",
		 offer_ids[5]);
	assert_int_equal(db_scalar(&srv, sql), 0);
	b = get(again, &r, 200);
	card = card_of(b, offer_ids[5]);
	assert_contains(card, "Jetzt mit Zebras.");
	assert_not_contains(card, "Ein Testangebot");
	free(card);
	reply_free(&r);
	/* term names in the reader's language */
	b = get("/angebote?q=Quokka&gruppe=gefluechtete&lang=en", &r, 200);
	assert_contains(b, "<html lang=\"en\">");
	assert_contains(b, "Refugees");
	reply_free(&r);
}

int main(int argc, char **argv)
{
	search_init(); /* the schema needs its tokenizer */
	if (argc > 1)
		harness_bin = argv[1];
	curl_global_init(CURL_GLOBAL_DEFAULT);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_page_on_demo_data),
		cmocka_unit_test(test_text_and_pages),
		cmocka_unit_test(test_filters_keep_parameters),
		cmocka_unit_test(test_distance_order),
		cmocka_unit_test(test_bad_parameters),
		cmocka_unit_test(test_filters_or),
		cmocka_unit_test(test_partial_and_correction),
		cmocka_unit_test(test_escaping),
		cmocka_unit_test(test_follows_changes_and_english),
	};
	int failed = cmocka_run_group_tests_name("finder", tests, group_setup, group_teardown);
	curl_global_cleanup();
	return failed ? 1 : 0;
}
