/* test_policy.c — committees and decision processes against the real
 * server with the demo data: the public pages, files with their type and
 * name, the OParl 1.1 API (every answer valid against the spec's schemas
 * by tests/http/oparl_validate.py, pagination, filters, CORS, deleted
 * objects), and nothing that is not public in pages or API. The editors
 * adding and deleting: test_policy_create.c; changing: test_policy_edit.c. */
#include "policy_fixture.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <jansson.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void test_public_pages(void **state)
{
	(void)state;
	static const struct {
		const char *path, *text;
	} pages[] = {
		{ "/gremien", "Ausländerbeirat" },
		{ "/gremien", "Ausbildungslotsen an allen Realschulen plus" },
		{ "/gremien/1", "Hanna Becker" },
		{ "/sitzungen/1", "Antrag: Ausbildungslotsen an allen Realschulen plus" },
		{ "/vorlagen", "AK-2026/01" },
		{ "/vorlagen/1", "Beratungen" },
		{ "/prozesse/1", "Zeitleiste" },
		{ "/prozesse/1", "Zum Schuljahr 2026/27" },
		{ "/gremien?lang=ar", "dir=\"rtl\"" },
		{ "/gremien/suche?q=Ausbildungslotsen", "AK-2026/01" },
		{ "/gremien/suche?q=Ausbildungslotzen", "IAM-2026/07" }, /* a typo */
		{ "/gremien/suche?q=Ausbildungslotzen", "„ausbildungslotzen“</bdi> haben wir auch ähnliche Schreibweisen" },
		/* "Meinten Sie": the typo as the hits' titles write it, a link */
		{ "/gremien/suche?q=Ausbildungslotzen",
		  "Meinten Sie: <a href=\"/gremien/suche?q=Ausbildungslotsen\"><bdi>Ausbildungslotsen</bdi></a>?" },
		{ "/gremien/suche?q=Ausbildungslotzen+Realschulen",
		  "<a href=\"/gremien/suche?q=Ausbildungslotsen%20Realschulen\"><bdi>Ausbildungslotsen Realschulen</bdi>" },
		{ "/gremien/suche?q=Ausbildungslotzen&lang=ar", "هل تقصد: <a href=\"/gremien/suche?q=Ausbildungslotsen\">" },
		{ "/gremien/suche?q=Personalfragenn", "0 Treffer" }, /* a typo of a title not public */
		{ "/gremien/suche?q=Kosten", "Anfrage zu Kosten und Finanzierung" },
		{ "/gremien/suche?q=Personalfragen", "0 Treffer" },
		{ "/gremien/suche?q=Personalangelegenheiten", "0 Treffer" },
		{ "/gremien/suche?q=Stellenplan", "0 Treffer" },
		/* nothing found: what to try next, in the reader's language */
		{ "/gremien/suche?q=Stellenplan", "Keine Vorlagen oder Tagesordnungspunkte gefunden" },
		{ "/gremien/suche?q=Stellenplan", "href=\"/vorlagen\"" },
		{ "/gremien/suche?q=Stellenplan&lang=uk", "Документів або пунктів порядку денного не знайдено" },
	};
	for (size_t i = 0; i < sizeof(pages) / sizeof(pages[0]); i++) {
		struct reply r;
		get_ok(pages[i].path, &r);
		if (!strstr(r.body.data, pages[i].text))
			fail_msg("%s lacks %s", pages[i].path, pages[i].text);
		if (strncmp(pages[i].path, "/gremien/suche", 14) != 0) {
			assert_no_secret(pages[i].path, r.body.data);
		} else { /* the query is shown again in the form: the titles are not */
			assert_not_contains(r.body.data, "Personalfragen der Lotsenstellen");
			assert_not_contains(r.body.data, "Personalangelegenheiten (nicht");
			assert_not_contains(r.body.data, "Stellenplan (vertraulich)");
		}
		reply_free(&r);
	}
	/* no "Meinten Sie" for words spelled right */
	struct reply ok;
	get_ok("/gremien/suche?q=Ausbildungslotsen", &ok);
	assert_not_contains(ok.body.data, "did-you-mean");
	reply_free(&ok);
	/* the meetings and the paper with non-public parts */
	const char *more[] = { "/sitzungen/2", "/sitzungen/5", "/vorlagen/4", "/gremien/1", "/gremien/4" };
	for (size_t i = 0; i < sizeof(more) / sizeof(more[0]); i++) {
		struct reply r;
		get_ok(more[i], &r);
		assert_no_secret(more[i], r.body.data);
		reply_free(&r);
	}
}

static void test_not_public_is_404(void **state)
{
	(void)state;
	const char *paths[] = { "/vorlagen/5", "/dateien/3", "/gremien/999", "/sitzungen/abc", "/prozesse/0",
				"/vorlagen/-1", "/dateien/99999999999999999999" };
	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		struct reply r = { 0 };
		assert_int_equal(http_get(&srv, paths[i], &r), 0);
		if (r.status != 404)
			fail_msg("%s: status %ld, want 404", paths[i], r.status);
		reply_free(&r);
	}
}

static void test_file_download(void **state)
{
	(void)state;
	struct reply r;
	get_ok("/dateien/1", &r);
	const char *type = reply_header(&r, "Content-Type");
	assert_non_null(type);
	assert_string_equal(type, "application/pdf");
	const char *disp = reply_header(&r, "Content-Disposition");
	assert_non_null(disp);
	assert_non_null(strstr(disp, "attachment; filename=\"niederschrift-ak-2026-1.pdf\""));
	assert_true(r.body.len > 8);
	assert_memory_equal(r.body.data, "%PDF-", 5);
	reply_free(&r);
}

static void test_oparl_valid(void **state)
{
	(void)state;
	buf list = { 0 };
	static const char *const lists[] = { "organization", "person", "membership", "meeting", "agendaItem",
					     "paper", "consultation", "file", "legislativeTerm", "location" };
	oparl_save("/oparl/v1", &list, 200);
	oparl_save("/oparl/v1/body", &list, 200);
	oparl_save("/oparl/v1/body/1", &list, 200);
	for (size_t i = 0; i < sizeof(lists) / sizeof(lists[0]); i++) {
		char path[128];
		snprintf(path, sizeof(path), "/oparl/v1/body/1/%s", lists[i]);
		oparl_save(path, &list, 200);
		snprintf(path, sizeof(path), "/oparl/v1/%s/%s1", lists[i], strcmp(lists[i], "location") ? "" : "meeting-");
		oparl_save(path, &list, 200);
	}
	oparl_save("/oparl/v1/meeting/2", &list, 200);
	oparl_save("/oparl/v1/location/meeting-2", &list, 200);
	oparl_save("/oparl/v1/location/meeting-x", NULL, 404);
	oparl_save("/oparl/v1/paper/4", &list, 200);
	oparl_save("/oparl/v1/body/1/meeting?limit=2&page=3", &list, 200);
	oparl_save("/oparl/v1/body/1/meeting?organization=1", &list, 200);
	/* not public, unknown */
	oparl_save("/oparl/v1/paper/5", NULL, 404);
	oparl_save("/oparl/v1/file/3", NULL, 404);
	oparl_save("/oparl/v1/agendaItem/6", NULL, 404);
	oparl_save("/oparl/v1/body/2", NULL, 404);
	oparl_save("/oparl/v1/body/1/nothing", NULL, 404);
	oparl_save("/oparl/v1/nothing/1", NULL, 404);
	oparl_validate(&list);
	buf_free(&list);
}

static void test_oparl_pagination(void **state)
{
	(void)state;
	json_t *all = get_json("/oparl/v1/body/1/meeting?limit=100");
	long total = (long)json_integer_value(json_object_get(json_object_get(all, "pagination"), "totalElements"));
	assert_int_equal(total, 7);
	assert_int_equal(json_array_size(json_object_get(all, "data")), 7);
	json_decref(all);
	/* walk the pages of 3 by links.next: every meeting once */
	char next[512] = "/oparl/v1/body/1/meeting?limit=3";
	long seen = 0, pages = 0;
	while (next[0]) {
		json_t *j = get_json(next);
		json_t *links = json_object_get(j, "links");
		assert_non_null(json_object_get(links, "first"));
		assert_non_null(json_object_get(links, "last"));
		if (pages > 0)
			assert_non_null(json_object_get(links, "prev"));
		seen += (long)json_array_size(json_object_get(j, "data"));
		json_t *n = json_object_get(links, "next");
		next[0] = 0;
		if (n) {
			const char *u = json_string_value(n);
			const char *p = strstr(u, "/oparl/");
			assert_non_null(p);
			assert_non_null(strstr(p, "limit=3"));
			snprintf(next, sizeof(next), "%s", p);
		}
		json_decref(j);
		pages++;
		assert_true(pages < 10);
	}
	assert_int_equal(seen, 7);
	assert_int_equal(pages, 3);
}

static void test_oparl_filters(void **state)
{
	(void)state;
	long papers = oparl_count("/oparl/v1/body/1/paper");
	assert_int_equal(papers, 4); /* the fifth is not public */
	assert_int_equal(oparl_count("/oparl/v1/body/1/paper?created_since=2000-01-01T00:00:00Z"), papers);
	assert_int_equal(oparl_count("/oparl/v1/body/1/paper?created_since=2999-01-01T00:00:00%2B01:00"), 0);
	assert_int_equal(oparl_count("/oparl/v1/body/1/paper?created_until=2000-01-01"), 0);
	assert_int_equal(oparl_count("/oparl/v1/body/1/paper?modified_since=2000-01-01T00:00:00Z&modified_until=2999-01-01T00:00:00Z"),
			 papers);
	assert_int_equal(oparl_count("/oparl/v1/body/1/paper?modified_until=2000-01-01T10:00:00Z"), 0);
	const char *bad[] = { "/oparl/v1/body/1/paper?created_since=gestern",
			      "/oparl/v1/body/1/paper?modified_until=2026-02-30",
			      "/oparl/v1/body/1/paper?limit=1000", "/oparl/v1/body/1/paper?page=0" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct reply r = { 0 };
		assert_int_equal(http_get(&srv, bad[i], &r), 0);
		if (r.status != 400)
			fail_msg("%s: status %ld, want 400", bad[i], r.status);
		reply_free(&r);
	}
}

static void test_oparl_deleted(void **state)
{
	(void)state;
	sqlite3 *db;
	assert_int_equal(sqlite3_open(srv.db, &db), SQLITE_OK);
	sqlite3_busy_timeout(db, 5000);
	assert_int_equal(sqlite3_exec(db, "UPDATE pol_paper SET deleted = 1, modified_at = '2030-01-01T00:00:00Z' "
					  "WHERE id = 2", NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(db);
	json_t *j = get_json("/oparl/v1/paper/2");
	assert_true(json_is_true(json_object_get(j, "deleted")));
	assert_null(json_object_get(j, "name"));
	json_decref(j);
	/* in the list too, as deleted (a client learns what to remove) */
	assert_int_equal(oparl_count("/oparl/v1/body/1/paper?modified_since=2029-01-01T00:00:00Z"), 1);
	struct reply r = { 0 };
	assert_int_equal(http_get(&srv, "/vorlagen/2", &r), 0);
	assert_int_equal(r.status, 404);
	reply_free(&r);
	buf list = { 0 };
	oparl_save("/oparl/v1/paper/2", &list, 200);
	oparl_save("/oparl/v1/body/1/paper", &list, 200);
	oparl_validate(&list);
	buf_free(&list);
}
int main(int argc, char **argv)
{
	if (argc > 1)
		harness_bin = argv[1];
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_public_pages),
		cmocka_unit_test(test_not_public_is_404),
		cmocka_unit_test(test_file_download),
		cmocka_unit_test(test_oparl_valid),
		cmocka_unit_test(test_oparl_pagination),
		cmocka_unit_test(test_oparl_filters),
		cmocka_unit_test(test_oparl_deleted),
	};
	return cmocka_run_group_tests(tests, policy_group_setup, policy_group_teardown);
}
