/* test_map.c — the maps of issue #12 against the real server on the demo
 * data: the finder's results on a map (/angebote/karte: a marker for each
 * public place of the page's offers, numbered as the list, the query kept
 * both ways), an offer's places on its page, no request to another host
 * by default, and only the configured tile server's when LOTSE_MAP_TILES
 * is set. */
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

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;
	for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

/* The public places of an offer the map can show. */
static const char *const PLACES_SQL =
	"SELECT count(*) FROM service_at_location sal JOIN location l ON l.id = sal.location_id "
	"WHERE sal.service_id = ? AND l.confidential = 0 AND l.location_type <> 'virtual' "
	"AND l.latitude IS NOT NULL AND l.longitude IS NOT NULL";

static long places_of(const char *offer_id)
{
	char n[32];
	return atol(db_text(&srv, PLACES_SQL, offer_id, n, sizeof(n)));
}

/* Every src and href of the page stays on this site (or is a fragment);
 * with host (may be NULL) an img src may also start with it. */
static void only_this_site(const char *b, const char *host)
{
	static const char *const attrs[] = { "src=\"", "href=\"", "action=\"" };
	for (size_t k = 0; k < 3; k++)
		for (const char *p = b; (p = strstr(p, attrs[k])); p++) {
			const char *v = p + strlen(attrs[k]);
			if (v[0] == '/' && v[1] != '/')
				continue;
			if (v[0] == '#' || strncmp(v, srv.base, strlen(srv.base)) == 0)
				continue;
			if (k == 0 && host && strncmp(v, host, strlen(host)) == 0)
				continue;
			fail_msg("a link or source to another site: %.120s", p);
		}
}

/* The hits of a finder page: the offer ids of its result list, in order. */
static size_t hit_ids(const char *b, char ids[][37], size_t max)
{
	size_t n = 0;
	const char *p = strstr(b, "<ol class=\"hits\"");
	const char *end = p ? strstr(p, "</ol>") : NULL;
	while (p && n < max && (p = strstr(p, "<li class=\"hit\"")) && p < end) {
		const char *a = strstr(p, "href=\"/angebote/");
		assert_non_null(a);
		snprintf(ids[n++], 37, "%.36s", a + strlen("href=\"/angebote/"));
		p++;
	}
	return n;
}

static void test_results_on_map(void **state)
{
	(void)state;
	struct reply r, m;
	const char *list = get("/angebote?q=Beratung&kostenlos=1", &r, 200);
	/* the way to the map keeps the query */
	assert_contains(list, "href=\"/angebote/karte?q=Beratung&amp;kostenlos=1\"");
	char ids[20][37];
	size_t n = hit_ids(list, ids, 20);
	assert_true(n >= 3);
	const char *map = get("/angebote/karte?q=Beratung&kostenlos=1", &m, 200);
	/* ... and the way back */
	assert_contains(map, "href=\"/angebote?q=Beratung&amp;kostenlos=1\"");
	long places = 0;
	for (size_t i = 0; i < n; i++) {
		long k = places_of(ids[i]);
		places += k;
		/* the offer's markers lead to it, numbered as in the list */
		char href[128];
		snprintf(href, sizeof(href), "<a href=\"/angebote/%.36s\" tabindex=\"-1\">", ids[i]);
		assert_int_equal((long)count(map, href), k);
		char num[64];
		snprintf(num, sizeof(num), "text-anchor=\"middle\">%zu</text>", i + 1);
		assert_true((long)count(map, num) >= k);
		/* and it is in the list beside the map, in the same order */
		char link[128];
		snprintf(link, sizeof(link), "<a href=\"/angebote/%.36s\" class=\"map-offer\">", ids[i]);
		assert_contains(map, link);
	}
	assert_true(places > 0);
	assert_int_equal((long)count(map, "<g class=\"map-marker\">"), places);
	assert_contains(map, "role=\"img\"");
	assert_contains(map, "aria-label=\"");
	assert_contains(map, "class=\"map-scale\"");
	assert_contains(map, "<ol class=\"map-list\" start=\"1\">");
	/* drawn by lotse: nothing is fetched from anywhere else */
	assert_not_contains(map, "<img");
	only_this_site(map, NULL);
	assert_not_contains(reply_header(&m, "Content-Security-Policy"), "tiles");
	reply_free(&r);
	reply_free(&m);
}

/* Page 2 of the map numbers its markers from 21, and its page links keep
 * the query. */
static void test_second_page(void **state)
{
	(void)state;
	struct reply r;
	const char *b = get("/angebote/karte?seite=2", &r, 200);
	assert_contains(b, "<ol class=\"map-list\" start=\"21\">");
	assert_contains(b, "href=\"/angebote?seite=2\"");
	assert_contains(b, "href=\"/angebote/karte\" rel=\"prev\"");
	assert_not_contains(b, "text-anchor=\"middle\">1</text>");
	reply_free(&r);
}

static void test_nothing_found(void **state)
{
	(void)state;
	struct reply r;
	const char *b = get("/angebote/karte?q=Zzyzxquatsch", &r, 200);
	assert_contains(b, "0 Angebote gefunden");
	assert_contains(b, "class=\"map-empty\"");
	assert_not_contains(b, "map-svg");
	assert_contains(b, "href=\"/angebote?q=Zzyzxquatsch\"");
	reply_free(&r);
	/* a bad value: the rest of the query still counts, as in the list */
	b = get("/angebote/karte?q=Beratung&plz=abc", &r, 422);
	assert_contains(b, "role=\"img\"");
	reply_free(&r);
}

static void test_offer_page(void **state)
{
	(void)state;
	char id[64];
	db_text(&srv, "SELECT s.id FROM service s JOIN service_at_location sal ON sal.service_id = s.id "
		   "JOIN location l ON l.id = sal.location_id WHERE s.status = 'active' AND s.archived = 0 AND s.merged_into IS NULL AND l.confidential = 0 "
		   "AND l.latitude IS NOT NULL AND l.location_type = 'physical' ORDER BY s.name LIMIT 1", NULL, id, sizeof(id));
	assert_true(strlen(id) == 36);
	char path[128];
	snprintf(path, sizeof(path), "/angebote/%s", id);
	struct reply r;
	const char *b = get(path, &r, 200);
	assert_int_equal((long)count(b, "<g class=\"map-marker\">"), places_of(id));
	assert_contains(b, "role=\"img\"");
	/* the OpenStreetMap link stays, as a link out that says so */
	assert_contains(b, "Bei OpenStreetMap ansehen (externe Website)");
	assert_not_contains(b, "<img");
	reply_free(&r);

	/* an offer without a place on the map: no map, no error */
	db_text(&srv, "SELECT s.id FROM service s WHERE s.status = 'active' AND s.archived = 0 AND s.merged_into IS NULL AND NOT EXISTS (SELECT 1 FROM "
		   "service_at_location sal JOIN location l ON l.id = sal.location_id WHERE sal.service_id = s.id "
		   "AND l.confidential = 0 AND l.latitude IS NOT NULL AND l.location_type <> 'virtual') "
		   "AND EXISTS (SELECT 1 FROM organization o WHERE o.id = s.organization_id) ORDER BY s.name LIMIT 1", NULL, id, sizeof(id));
	assert_true(strlen(id) == 36);
	snprintf(path, sizeof(path), "/angebote/%s", id);
	b = get(path, &r, 200);
	assert_not_contains(b, "map-svg");
	assert_not_contains(b, "map-marker");
	reply_free(&r);
}

/* The marker of a place says where it is for a young person who does
 * not know the providers' houses: the town, or the district in Mainz,
 * where the place's name says nothing more; the name where it does. */
static void test_marker_labels(void **state)
{
	(void)state;
	static const struct {
		const char *place, *label;
	} cases[] = {
		{ "Haus der Wirtschaft", "Mainz-Altstadt" },             /* 55116 Mainz */
		{ "Jobcenter, Haus B", "Mainz-Hartenberg-Münchfeld" },   /* 55122 Mainz */
		{ "Jugendwerkstatt", "Bingen am Rhein" },                /* not Mainz: the town */
		{ "Beratungsstelle Neustadt", "Beratungsstelle Neustadt" }, /* says it: Mainz-Neustadt */
		{ "Lernwerkstatt Friesenheim", "Lernwerkstatt Friesenheim" }, /* the offer's place: Ludwigshafen-Friesenheim */
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char id[64];
		db_text(&srv, "SELECT s.id FROM service s JOIN service_at_location sal ON sal.service_id = s.id "
			   "JOIN location l ON l.id = sal.location_id WHERE l.name = ? AND s.status = 'active' "
			   "AND s.archived = 0 AND s.merged_into IS NULL ORDER BY s.name LIMIT 1", cases[i].place, id, sizeof(id));
		if (strlen(id) != 36)
			fail_msg("no offer at the demo place %s", cases[i].place);
		char path[128], want[160];
		snprintf(path, sizeof(path), "/angebote/%s", id);
		snprintf(want, sizeof(want), "<g class=\"map-marker\"><title>%s</title>", cases[i].label);
		struct reply r;
		const char *b = get(path, &r, 200);
		if (!strstr(b, want))
			fail_msg("%s: the marker of %s is not labelled %s", path, cases[i].place, cases[i].label);
		reply_free(&r);
	}
}

/* With the network's own tile server: its tiles (no referrer, lazy, no
 * text), its origin allowed by the CSP, its attribution; nothing else
 * leaves the site. */
static void test_tiles(void **state)
{
	(void)state;
	assert_int_equal(server_stop(&srv), 0);
	setenv("LOTSE_MAP_ATTRIBUTION", "Karten: Beispiel-Kacheln, Daten © OpenStreetMap-Mitwirkende", 1);
	assert_int_equal(server_restart_env(&srv, "LOTSE_MAP_TILES=https://tiles.example.org/map/{z}/{x}/{y}.png"), 0);
	unsetenv("LOTSE_MAP_ATTRIBUTION");
	struct reply r;
	const char *b = get("/angebote/karte?q=Beratung", &r, 200);
	assert_contains(b, "<img src=\"https://tiles.example.org/map/");
	assert_contains(b, "referrerpolicy=\"no-referrer\"");
	assert_contains(b, "loading=\"lazy\"");
	size_t imgs = count(b, "<img ");
	assert_true(imgs >= 1 && imgs <= 4);
	assert_int_equal(count(b, " alt "), imgs); /* alt="", written as the bare attribute */
	assert_contains(b, "Daten © OpenStreetMap-Mitwirkende");
	only_this_site(b, "https://tiles.example.org/");
	const char *csp = reply_header(&r, "Content-Security-Policy");
	assert_non_null(csp);
	assert_contains(csp, "img-src 'self' data: https://tiles.example.org;");
	reply_free(&r);

	/* a template that is no URL: the server does not start */
	assert_int_equal(server_stop(&srv), 0);
	assert_int_not_equal(server_restart_env(&srv, "LOTSE_MAP_TILES=tiles.example.org/{z}/{x}/{y}"), 0);
	assert_int_equal(server_restart_env(&srv, NULL), 0);
}

HARNESS_GROUP(srv, NULL, NULL)

int main(int argc, char **argv)
{
	if (argc > 1)
		harness_bin = argv[1];
	curl_global_init(CURL_GLOBAL_DEFAULT);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_results_on_map),
		cmocka_unit_test(test_second_page),
		cmocka_unit_test(test_nothing_found),
		cmocka_unit_test(test_offer_page),
		cmocka_unit_test(test_marker_labels),
		cmocka_unit_test(test_tiles),
	};
	int failed = cmocka_run_group_tests_name("map", tests, group_setup, group_teardown);
	curl_global_cleanup();
	return failed ? 1 : 0;
}
