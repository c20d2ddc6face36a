/* test_directory_pages.c — the public offer and provider pages against
 * the real server with the demo directory (`init --demo`): every offer
 * answers, confidential addresses never appear, bad ids are 404, the
 * print view, English term labels, a provider lists its offers. */
#include "harness.h"

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

static struct server srv;

HARNESS_GROUP(srv, NULL, NULL)

/* Rows of up to 4 text columns from the server's database. */
#define MAX_ROWS 256
struct rows {
	size_t n;
	char *v[MAX_ROWS][4];
};

static void query(const char *sql, struct rows *out)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	memset(out, 0, sizeof(*out));
	assert_int_equal(sqlite3_open_v2(srv.db, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	while (sqlite3_step(st) == SQLITE_ROW && out->n < MAX_ROWS) {
		for (int i = 0; i < 4 && i < sqlite3_column_count(st); i++) {
			const unsigned char *t = sqlite3_column_text(st, i);
			out->v[out->n][i] = strdup(t ? (const char *)t : "");
		}
		out->n++;
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
}

static void rows_free(struct rows *r)
{
	for (size_t i = 0; i < r->n; i++)
		for (int k = 0; k < 4; k++)
			free(r->v[i][k]);
	r->n = 0;
}

/* s as it appears in HTML text (the five characters the writer escapes). */
static const char *html_escaped(const char *s)
{
	static char out[1024];
	size_t n = 0;
	for (; *s && n + 7 < sizeof(out); s++) {
		const char *e = *s == '&' ? "&amp;" : *s == '<' ? "&lt;" : *s == '>' ? "&gt;"
			      : *s == '"' ? "&quot;" : *s == '\'' ? "&#39;" : NULL;
		if (e) {
			memcpy(out + n, e, strlen(e));
			n += strlen(e);
		} else {
			out[n++] = *s;
		}
	}
	out[n] = '\0';
	return out;
}

static void get_ok(const char *path, struct reply *r)
{
	assert_int_equal(http_get(&srv, path, r), 0);
	if (r->status != 200)
		fail_msg("%s answered %ld:\n%.1000s", path, r->status, buf_str(&r->body));
}

static void get_status(const char *path, long status)
{
	struct reply r;
	assert_int_equal(http_get(&srv, path, &r), 0);
	if (r.status != status)
		fail_msg("%s answered %ld, expected %ld", path, r.status, status);
	reply_free(&r);
}

#define PUBLIC_OFFERS                                                                                \
	"SELECT s.id, o.name, s.assured_date, s.organization_id FROM service s "                     \
	"JOIN organization o ON o.id = s.organization_id WHERE s.archived = 0 AND s.merged_into IS NULL " \
	"AND o.archived = 0 ORDER BY s.rowid"

static void test_every_offer_page(void **state)
{
	(void)state;
	struct rows rows;
	query(PUBLIC_OFFERS, &rows);
	assert_true(rows.n >= 55);
	for (size_t i = 0; i < rows.n; i++) {
		char path[80], date[16];
		int y, m, d;
		snprintf(path, sizeof(path), "/angebote/%s", rows.v[i][0]);
		struct reply r;
		get_ok(path, &r);
		const char *b = buf_str(&r.body);
		assert_contains(b, "<html lang=\"de\">");
		assert_contains(b, "<meta name=\"description\" content=\"");
		assert_contains(b, html_escaped(rows.v[i][1])); /* the provider */
		char link[80];
		snprintf(link, sizeof(link), "href=\"/traeger/%s\"", rows.v[i][3]);
		assert_contains(b, link);
		assert_int_equal(sscanf(rows.v[i][2], "%d-%d-%d", &y, &m, &d), 3);
		snprintf(date, sizeof(date), "%02d.%02d.%04d", d, m, y);
		assert_contains(b, "Zuletzt geprüft am ");
		assert_contains(b, date);
		assert_contains(b, "href=\"/angebote\"");
		reply_free(&r);
	}
	rows_free(&rows);
}

/* No page the public sees names a confidential address, and an offer that
 * has only such an address points to its contacts instead. */
static void test_confidential_never_shown(void **state)
{
	(void)state;
	struct rows secret, offers, orgs;
	query("SELECT ad.address_1, ad.postal_code || ' ' || ad.city FROM address ad "
	      "JOIN location l ON l.id = ad.location_id WHERE l.confidential = 1",
	      &secret);
	assert_true(secret.n >= 2);
	query(PUBLIC_OFFERS, &offers);
	query("SELECT id FROM organization WHERE archived = 0", &orgs);
	for (int pass = 0; pass < 2; pass++) {
		struct rows *list = pass ? &orgs : &offers;
		for (size_t i = 0; i < list->n; i++) {
			char path[80];
			snprintf(path, sizeof(path), pass ? "/traeger/%s" : "/angebote/%s", list->v[i][0]);
			struct reply r;
			get_ok(path, &r);
			for (size_t k = 0; k < secret.n; k++)
				assert_not_contains(buf_str(&r.body), html_escaped(secret.v[k][0]));
			reply_free(&r);
			snprintf(path, sizeof(path), pass ? "/traeger/%s?lang=en" : "/angebote/%s?druck=1",
				 list->v[i][0]);
			get_ok(path, &r);
			for (size_t k = 0; k < secret.n; k++)
				assert_not_contains(buf_str(&r.body), html_escaped(secret.v[k][0]));
			reply_free(&r);
		}
	}
	rows_free(&secret);
	rows_free(&offers);
	rows_free(&orgs);

	struct rows hidden;
	query("SELECT sal.service_id FROM service_at_location sal JOIN location l ON l.id = sal.location_id "
	      "GROUP BY sal.service_id HAVING sum(l.confidential) > 0 AND sum(l.confidential = 0) = 0",
	      &hidden);
	assert_true(hidden.n >= 1);
	for (size_t i = 0; i < hidden.n; i++) {
		char path[80];
		snprintf(path, sizeof(path), "/angebote/%s", hidden.v[i][0]);
		struct reply r;
		get_ok(path, &r);
		const char *b = buf_str(&r.body);
		assert_contains(b, "Die Adresse wird nicht veröffentlicht.");
		assert_contains(b, "href=\"#kontakt\"");
		assert_contains(b, "id=\"kontakt\"");
		assert_contains(b, "href=\"tel:+49");
		assert_not_contains(b, "openstreetmap.org");
		reply_free(&r);
	}
	rows_free(&hidden);
}

static void test_not_found(void **state)
{
	(void)state;
	struct rows rows;
	query("SELECT id, organization_id FROM service WHERE archived = 1", &rows);
	assert_true(rows.n >= 1);
	char path[80];
	/* an archived offer's address says that it is gone (410), not that
	 * there never was one (#12) */
	snprintf(path, sizeof(path), "/angebote/%s", rows.v[0][0]);
	get_status(path, 410);
	snprintf(path, sizeof(path), "/angebote/%s?druck=1", rows.v[0][0]);
	get_status(path, 410);
	/* the provider page does not list it either */
	snprintf(path, sizeof(path), "/traeger/%s", rows.v[0][1]);
	struct reply r;
	get_ok(path, &r);
	snprintf(path, sizeof(path), "/angebote/%s\"", rows.v[0][0]);
	assert_not_contains(buf_str(&r.body), path);
	reply_free(&r);
	rows_free(&rows);

	get_status("/angebote/..%2Fx", 404);
	get_status("/angebote/%2E%2E%2Fx", 404);
	get_status("/angebote/x", 404);
	get_status("/angebote/00000000-0000-4000-8000-000000000000", 404);
	get_status("/angebote/00000000-0000-4000-8000-00000000000g", 404);
	get_status("/angebote/00000000-0000-4000-8000-0000000000000", 404);
	get_status("/traeger/..%2Fx", 404);
	get_status("/traeger/00000000-0000-4000-8000-000000000000", 404);
	get_status("/traeger/%27%3B--", 404);

	struct reply e;
	assert_int_equal(http_get(&srv, "/angebote/00000000-0000-4000-8000-000000000000", &e), 0);
	assert_contains(buf_str(&e.body), "<title>Seite nicht gefunden");
	assert_contains(buf_str(&e.body), "noindex");
	reply_free(&e);
}

/* Links shared in messenger groups keep working (#12): a merged
 * duplicate's address leads (301) to the offer or provider that was kept,
 * also along a chain of merges; an archived one, or an offer of an
 * archived provider, answers 410 with a page that names it and leads on. */
static void test_gone_and_moved(void **state)
{
	(void)state;
	struct rows rows;
	query(PUBLIC_OFFERS, &rows);
	assert_true(rows.n >= 3);
	const char *a = rows.v[0][0], *b = rows.v[1][0], *c = rows.v[2][0];
	char sql[400], path[80], want[120];
	struct reply r;
	/* a merged into b: 301 to b */
	snprintf(sql, sizeof(sql), "UPDATE service SET merged_into = '%s' WHERE id = '%s'", b, a);
	db_scalar(&srv, sql);
	snprintf(path, sizeof(path), "/angebote/%s", a);
	assert_int_equal(http_get(&srv, path, &r), 0);
	assert_int_equal(r.status, 301);
	snprintf(want, sizeof(want), "/angebote/%s", b);
	assert_non_null(reply_header(&r, "Location"));
	assert_string_equal(reply_header(&r, "Location"), want);
	reply_free(&r);
	/* b merged on into c: a goes straight to c */
	snprintf(sql, sizeof(sql), "UPDATE service SET merged_into = '%s' WHERE id = '%s'", c, b);
	db_scalar(&srv, sql);
	assert_int_equal(http_get(&srv, path, &r), 0);
	assert_int_equal(r.status, 301);
	snprintf(want, sizeof(want), "/angebote/%s", c);
	assert_string_equal(reply_header(&r, "Location"), want);
	reply_free(&r);
	/* the kept offer archived: nothing to lead to, 410 */
	snprintf(sql, sizeof(sql), "UPDATE service SET archived = 1 WHERE id = '%s'", c);
	db_scalar(&srv, sql);
	assert_int_equal(http_get(&srv, path, &r), 0);
	assert_int_equal(r.status, 410);
	assert_contains(buf_str(&r.body), "gibt es nicht mehr in unserem Verzeichnis");
	assert_contains(buf_str(&r.body), "href=\"/angebote\"");
	assert_contains(buf_str(&r.body), "noindex");
	assert_contains(buf_str(&r.body), "Weitere Angebote von"); /* c's provider is public */
	reply_free(&r);
	snprintf(sql, sizeof(sql), "UPDATE service SET merged_into = NULL, archived = 0 WHERE id IN ('%s', '%s', '%s')",
		 a, b, c);
	db_scalar(&srv, sql);
	get_status(path, 200);

	/* a provider merged into another: 301; archived: 410, and its offers
	 * 410 without a link to it */
	const char *org = rows.v[0][3];
	struct rows other;
	snprintf(sql, sizeof(sql), "SELECT id FROM organization WHERE archived = 0 AND merged_into IS NULL AND id <> '%s'",
		 org);
	query(sql, &other);
	assert_true(other.n >= 1);
	snprintf(sql, sizeof(sql), "UPDATE organization SET merged_into = '%s' WHERE id = '%s'", other.v[0][0], org);
	db_scalar(&srv, sql);
	snprintf(path, sizeof(path), "/traeger/%s", org);
	assert_int_equal(http_get(&srv, path, &r), 0);
	assert_int_equal(r.status, 301);
	snprintf(want, sizeof(want), "/traeger/%s", other.v[0][0]);
	assert_string_equal(reply_header(&r, "Location"), want);
	reply_free(&r);
	snprintf(sql, sizeof(sql), "UPDATE organization SET merged_into = NULL, archived = 1 WHERE id = '%s'", org);
	db_scalar(&srv, sql);
	get_status(path, 410);
	snprintf(path, sizeof(path), "/angebote/%s", a);
	assert_int_equal(http_get(&srv, path, &r), 0);
	assert_int_equal(r.status, 410);
	assert_not_contains(buf_str(&r.body), "Weitere Angebote von");
	reply_free(&r);
	snprintf(sql, sizeof(sql), "UPDATE organization SET archived = 0 WHERE id = '%s'", org);
	db_scalar(&srv, sql);
	get_status(path, 200);
	rows_free(&other);
	rows_free(&rows);
}

static void test_print_view(void **state)
{
	(void)state;
	struct rows rows;
	query("SELECT id, name FROM service WHERE archived = 0 AND status = 'active' ORDER BY rowid LIMIT 1", &rows);
	assert_int_equal(rows.n, 1);
	char path[100], link[120];
	snprintf(path, sizeof(path), "/angebote/%s", rows.v[0][0]);
	snprintf(link, sizeof(link), "href=\"/angebote/%s?druck=1\"", rows.v[0][0]);
	struct reply r;
	get_ok(path, &r);
	assert_contains(buf_str(&r.body), link);
	assert_contains(buf_str(&r.body), ">Druckansicht</a>");
	assert_not_contains(buf_str(&r.body), "print-view");
	assert_not_contains(buf_str(&r.body), "noindex");
	reply_free(&r);

	snprintf(path, sizeof(path), "/angebote/%s?druck=1", rows.v[0][0]);
	get_ok(path, &r);
	const char *b = buf_str(&r.body);
	assert_contains(b, "class=\"offer print-view\"");
	assert_contains(b, "<meta name=\"robots\" content=\"noindex\">");
	assert_contains(b, html_escaped(rows.v[0][1]));
	assert_contains(b, "Zuletzt geprüft am ");
	assert_not_contains(b, ">Druckansicht</a>");
	snprintf(link, sizeof(link), "href=\"/angebote/%s\"", rows.v[0][0]);
	assert_contains(b, link); /* back to the normal view */
	/* the canonical address is the normal page */
	snprintf(link, sizeof(link), "rel=\"canonical\" href=\"%s/angebote/%s\"", srv.base, rows.v[0][0]);
	assert_contains(b, link);
	reply_free(&r);

	snprintf(path, sizeof(path), "/angebote/%s?druck=ja", rows.v[0][0]);
	get_status(path, 400);
	rows_free(&rows);
}

static void test_english(void **state)
{
	(void)state;
	struct rows rows;
	query("SELECT at.link_id FROM attribute at JOIN taxonomy_term t ON t.id = at.taxonomy_term_id "
	      "JOIN service s ON s.id = at.link_id JOIN language lg ON lg.service_id = s.id "
	      "WHERE at.link_entity = 'service' AND t.code = 'gefluechtete' AND lg.code = 'ar' "
	      "AND s.archived = 0 ORDER BY s.rowid LIMIT 1",
	      &rows);
	assert_int_equal(rows.n, 1);
	char path[100];
	snprintf(path, sizeof(path), "/angebote/%s?lang=en", rows.v[0][0]);
	struct reply r;
	get_ok(path, &r);
	const char *b = buf_str(&r.body);
	assert_contains(b, "<html lang=\"en\">");
	assert_contains(b, "<span class=\"tag\">Refugees</span>");
	assert_not_contains(b, "<span class=\"tag\">Geflüchtete</span>");
	assert_contains(b, "Arabic");
	assert_not_contains(b, "Arabisch");
	reply_free(&r);

	snprintf(path, sizeof(path), "/angebote/%s", rows.v[0][0]);
	get_ok(path, &r);
	assert_contains(buf_str(&r.body), "<span class=\"tag\">Geflüchtete</span>");
	assert_contains(buf_str(&r.body), "Arabisch");
	reply_free(&r);
	rows_free(&rows);
}

/* Details a reader relies on: status, costs, ages, phone links, places. */
static void test_offer_details(void **state)
{
	(void)state;
	struct rows rows;
	query("SELECT id FROM service WHERE status = 'temporarily closed' AND archived = 0", &rows);
	assert_int_equal(rows.n, 1);
	char path[100];
	snprintf(path, sizeof(path), "/angebote/%s", rows.v[0][0]);
	struct reply r;
	get_ok(path, &r);
	assert_contains(buf_str(&r.body), "Dieses Angebot ist vorübergehend geschlossen.");
	reply_free(&r);
	rows_free(&rows);

	query("SELECT id, minimum_age, maximum_age FROM service WHERE archived = 0 AND free_of_charge = 1 "
	      "AND minimum_age IS NOT NULL AND maximum_age IS NOT NULL ORDER BY rowid LIMIT 1",
	      &rows);
	assert_int_equal(rows.n, 1);
	snprintf(path, sizeof(path), "/angebote/%s", rows.v[0][0]);
	get_ok(path, &r);
	const char *b = buf_str(&r.body);
	char ages[64];
	snprintf(ages, sizeof(ages), "für %s bis %s Jahre", rows.v[0][1], rows.v[0][2]);
	assert_contains(b, ages);
	assert_contains(b, ">kostenlos<");
	assert_contains(b, "href=\"tel:+496131");
	assert_contains(b, "<dl class=\"facts\">");
	assert_contains(b, "openstreetmap.org/?mlat=");
	reply_free(&r);
	rows_free(&rows);

	/* a paid offer shows its price the German way */
	query("SELECT s.id FROM service s JOIN cost_option c ON c.service_id = s.id "
	      "WHERE c.amount = 2.29 AND s.archived = 0 LIMIT 1",
	      &rows);
	assert_int_equal(rows.n, 1);
	snprintf(path, sizeof(path), "/angebote/%s", rows.v[0][0]);
	get_ok(path, &r);
	assert_contains(buf_str(&r.body), "2,29 €");
	assert_not_contains(buf_str(&r.body), ">kostenlos<");
	reply_free(&r);
	rows_free(&rows);
}

static void test_provider_page(void **state)
{
	(void)state;
	struct rows org;
	query("SELECT o.id, o.name FROM organization o JOIN service s ON s.organization_id = o.id "
	      "GROUP BY o.id ORDER BY count(*) DESC, o.rowid LIMIT 1",
	      &org);
	assert_int_equal(org.n, 1);
	char sql[300], path[100];
	snprintf(sql, sizeof(sql), "SELECT id FROM service WHERE organization_id = '%s' AND archived = 0", org.v[0][0]);
	struct rows offers;
	query(sql, &offers);
	assert_true(offers.n >= 3);
	snprintf(path, sizeof(path), "/traeger/%s", org.v[0][0]);
	struct reply r;
	get_ok(path, &r);
	const char *b = buf_str(&r.body);
	char h1[300];
	snprintf(h1, sizeof(h1), "<h1>%s</h1>", html_escaped(org.v[0][1]));
	assert_contains(b, h1);
	assert_contains(b, "Angebote dieses Trägers");
	for (size_t i = 0; i < offers.n; i++) {
		snprintf(path, sizeof(path), "href=\"/angebote/%s\"", offers.v[i][0]);
		assert_contains(b, path);
	}
	assert_contains(b, "mailto:");
	assert_contains(b, "href=\"tel:+49");
	reply_free(&r);
	rows_free(&offers);
	rows_free(&org);
}

/* The demo partner account belongs to a real demo provider with offers. */
static void test_partner_bound(void **state)
{
	(void)state;
	assert_int_equal(db_scalar(&srv, "SELECT count(*) FROM user u JOIN organization o ON o.id = u.org_id "
					 "WHERE u.email = 'partner@demo.lotse.invalid' AND o.name LIKE '%(Beispiel)'"),
			 1);
	assert_true(db_scalar(&srv, "SELECT count(*) FROM service s JOIN user u ON u.org_id = s.organization_id "
				    "WHERE u.email = 'partner@demo.lotse.invalid'") >= 3);
}

int main(int argc, char **argv)
{
	if (harness_args(argc, argv) != 0)
		return 2;
	curl_global_init(CURL_GLOBAL_DEFAULT);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_offer_page),
		cmocka_unit_test(test_confidential_never_shown),
		cmocka_unit_test(test_not_found),
		cmocka_unit_test(test_gone_and_moved),
		cmocka_unit_test(test_print_view),
		cmocka_unit_test(test_english),
		cmocka_unit_test(test_offer_details),
		cmocka_unit_test(test_provider_page),
		cmocka_unit_test(test_partner_bound),
	};
	return cmocka_run_group_tests_name("directory pages", tests, group_setup, group_teardown);
}
