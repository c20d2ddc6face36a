/* test_hsds.c — the HSDS interfaces against the real server and binary:
 * the API at /api/hsds (shape, paging, filters combined with AND,
 * problems, CORS, never a confidential location), the HSDS import (every
 * bad row reported, all or nothing) and the export -> import -> export
 * round trip, and no staff member's login address in the API or the
 * export (only the role address LOTSE_ASSURER_EMAIL). The fixtures are imported through `lotse import hsds`, so
 * the tests do not depend on the demo data. */
#include "harness.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <jansson.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static struct server srv;
static struct agent editor;

/* the role address the server publishes as assurer_email */
#define ROLE_ADDRESS "pruefstelle@netzwerk.example"

/* fixtures: fixed ids */
#define ORG_A "aaaaaaaa-0000-4000-8000-000000000001"
#define ORG_B "aaaaaaaa-0000-4000-8000-000000000002" /* archived */
#define LOC_1 "bbbbbbbb-0000-4000-8000-000000000001" /* Mainz, public */
#define LOC_2 "bbbbbbbb-0000-4000-8000-000000000002" /* Mainz, confidential */
#define LOC_3 "bbbbbbbb-0000-4000-8000-000000000003" /* Ludwigshafen, public */
#define SVC_1 "cccccccc-0000-4000-8000-000000000001" /* A; L1 + L2; Schule; 2020 */
#define SVC_2 "cccccccc-0000-4000-8000-000000000002" /* A; L3; Ausbildung; 2025 */
#define SVC_3 "cccccccc-0000-4000-8000-000000000003" /* B (archived provider) */
#define SVC_4 "cccccccc-0000-4000-8000-000000000004" /* A, archived */
#define SAL_1 "dddddddd-0000-4000-8000-000000000001"
#define SAL_2 "dddddddd-0000-4000-8000-000000000002" /* to the confidential location */
#define SAL_3 "dddddddd-0000-4000-8000-000000000003"
#define TERM_SCHULE "fdf2f342-19da-52f6-86b9-0cc17b637fc1"
#define TERM_AUSBILDUNG "ef62042d-028a-5b91-a197-67b889b29103"
#define TAX_PHASE "bbac6c3f-4bad-51f6-9125-38894617a128"
#define SECRET_STREET "Geheimweg 13"
#define SECRET_PHONE "0000 4711 GEHEIM"

static void write_file(const char *dir, const char *name, const char *text)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
	fclose(f);
}

static const char *subdir(const char *name)
{
	static char path[8][400];
	static int k;
	char *p = path[k++ % 8];
	snprintf(p, 400, "%s/%s", srv.dir, name);
	mkdir(p, 0700);
	return p;
}

/* A postcode's centroid from the server's database. */
static void centroid(const char *code, double *lat, double *lon)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open_v2(srv.db, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT latitude, longitude FROM postcode WHERE code = ?", -1, &st,
					    NULL),
			 SQLITE_OK);
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	*lat = sqlite3_column_double(st, 0);
	*lon = sqlite3_column_double(st, 1);
	sqlite3_finalize(st);
	sqlite3_close(db);
}

static void fixtures(const char *dir)
{
	write_file(dir, "organizations.csv",
		   "id,name,description,archived\r\n"
		   ORG_A ",Testträger Alpha,\"Ein Träger, nur für Tests\",false\r\n"
		   ORG_B ",Testträger Beta,Archiviert,true\r\n");
	/* near the postcodes' centroids: L2 about 33 m off, L1 about 78 m */
	double la, lo, lb, lob;
	centroid("55116", &la, &lo);
	centroid("67059", &lb, &lob);
	char locs[1024];
	snprintf(locs, sizeof(locs),
		 "id,location_type,organization_id,name,latitude,longitude,confidential\n"
		 LOC_1 ",physical," ORG_A ",Alpha Haus Mainz,%.6f,%.6f,false\n"
		 LOC_2 ",physical," ORG_A ",Alpha Schutzraum,%.6f,%.6f,true\n"
		 LOC_3 ",physical," ORG_A ",Alpha Haus Ludwigshafen,%.6f,%.6f,false\n",
		 la + 0.0007, lo, la + 0.0003, lo, lb + 0.001, lob);
	write_file(dir, "locations.csv", locs);
	write_file(dir, "addresses.csv",
		   "id,location_id,address_1,city,state_province,postal_code,country,address_type\n"
		   "eeeeeeee-0000-4000-8000-000000000001," LOC_1 ",Markt 1,Mainz,Rheinland-Pfalz,55116,DE,physical\n"
		   "eeeeeeee-0000-4000-8000-000000000002," LOC_2 "," SECRET_STREET ",Mainz,Rheinland-Pfalz,55116,DE,physical\n"
		   "eeeeeeee-0000-4000-8000-000000000003," LOC_3 ",Rathausplatz 5,Ludwigshafen am Rhein,"
		   "Rheinland-Pfalz,67059,DE,physical\n");
	write_file(dir, "services.csv",
		   "id,organization_id,name,description,status,minimum_age,maximum_age,last_modified,"
		   "free_of_charge,delivery,archived\n"
		   SVC_1 "," ORG_A ",Zauberkurs Alpha,\"Zaubern lernen, \"\"mit\"\" Hut\nzweite Zeile\",active,14,"
		   "20,2020-01-01T00:00:00Z,true,in_person,false\n"
		   SVC_2 "," ORG_A ",Zauberkurs Gamma,Zaubern für Azubis,active,,,2025-06-01T00:00:00Z,false,mixed,false\n"
		   SVC_3 "," ORG_B ",Zauberkurs Beta,Beim archivierten Träger,active,,,2025-06-01T00:00:00Z,,,\n"
		   SVC_4 "," ORG_A ",Zauberkurs Delta,Archiviert,inactive,,,2025-06-01T00:00:00Z,,,true\n");
	write_file(dir, "service_at_location.csv",
		   "id,service_id,location_id,description\n"
		   SAL_1 "," SVC_1 "," LOC_1 ",Im Erdgeschoss\n"
		   SAL_2 "," SVC_1 "," LOC_2 ",Geschützt\n"
		   SAL_3 "," SVC_2 "," LOC_3 ",\n");
	write_file(dir, "phones.csv",
		   "id,location_id,service_id,number,type\n"
		   "ffffffff-0000-4000-8000-000000000001,," SVC_1 ",06131 123456,voice\n"
		   "ffffffff-0000-4000-8000-000000000002," LOC_2 ",," SECRET_PHONE ",voice\n");
	write_file(dir, "attributes.csv",
		   "id,link_id,taxonomy_term_id,link_type,link_entity,value\n"
		   "99999999-0000-4000-8000-000000000001," SVC_1 "," TERM_SCHULE ",,service,\n"
		   "99999999-0000-4000-8000-000000000002," SVC_2 "," TERM_AUSBILDUNG ",,service,\n");
	write_file(dir, "languages.csv",
		   "id,service_id,name,code\n"
		   "88888888-0000-4000-8000-000000000001," SVC_1 ",Arabisch,ar\n");
}

static int group_setup(void **state)
{
	(void)state;
	if (harness_group_setup(&srv, "LOTSE_ASSURER_EMAIL=" ROLE_ADDRESS, &editor, DEMO_EDITOR, NULL) != 0)
		return -1;
	/* the postcodes the tests use, should the table lack them */
	db_scalar(&srv, "INSERT OR IGNORE INTO postcode(code, city, latitude, longitude) "
			"VALUES ('55116', 'Mainz', 50.0, 8.27)");
	db_scalar(&srv, "INSERT OR IGNORE INTO postcode(code, city, latitude, longitude) "
			"VALUES ('67059', 'Ludwigshafen am Rhein', 49.48, 8.44)");
	const char *dir = subdir("fixtures");
	fixtures(dir);
	buf out;
	buf_init(&out, 0);
	int rc = run_lotse(&out, "import", "hsds", "--db", srv.db, dir, NULL);
	if (rc != 0)
		fprintf(stderr, "fixture import failed:\n%s\n", buf_str(&out));
	buf_free(&out);
	return rc == 0 ? 0 : -1;
}

static int group_teardown(void **state)
{
	(void)state;
	return harness_group_teardown(&srv, &editor, NULL);
}

/* ---- helpers ---- */

static json_t *get_json(const char *path, long want_status, struct reply *r)
{
	assert_int_equal(http_get(&srv, path, r), 0);
	if (r->status != want_status)
		fail_msg("%s answered %ld, not %ld:\n%.1500s", path, r->status, want_status, buf_str(&r->body));
	const char *cors = reply_header(r, "Access-Control-Allow-Origin");
	if (!cors || strcmp(cors, "*") != 0)
		fail_msg("%s: no Access-Control-Allow-Origin: *", path);
	json_error_t e;
	json_t *j = json_loads(buf_str(&r->body), 0, &e);
	if (!j)
		fail_msg("%s: not JSON (%s):\n%.500s", path, e.text, buf_str(&r->body));
	return j;
}

/* GET path, expect 200 and a page; returns it (caller decrefs). */
static json_t *page(const char *path)
{
	struct reply r;
	json_t *j = get_json(path, 200, &r);
	const char *ct = reply_header(&r, "Content-Type");
	assert_non_null(ct);
	assert_non_null(strstr(ct, "application/json"));
	static const char *const keys[] = { "total_items", "total_pages", "page_number", "size",
					    "first_page", "last_page", "empty", "contents" };
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (!json_object_get(j, keys[i]))
			fail_msg("%s: no %s in the page", path, keys[i]);
	assert_true(json_is_array(json_object_get(j, "contents")));
	assert_int_equal(json_integer_value(json_object_get(j, "size")),
			 json_array_size(json_object_get(j, "contents")));
	reply_free(&r);
	return j;
}

static long total(json_t *p)
{
	return (long)json_integer_value(json_object_get(p, "total_items"));
}

/* Does the page's contents hold an item with this id (at any depth of "id")? */
static int has_id(json_t *p, const char *id)
{
	size_t i;
	json_t *c;
	json_array_foreach(json_object_get(p, "contents"), i, c)
		if (strcmp(json_string_value(json_object_get(c, "id")), id) == 0)
			return 1;
	return 0;
}

static void assert_problem(const char *path, long status)
{
	struct reply r;
	json_t *j = get_json(path, status, &r);
	const char *ct = reply_header(&r, "Content-Type");
	if (!ct || strcmp(ct, "application/problem+json") != 0)
		fail_msg("%s: Content-Type %s", path, ct ? ct : "(none)");
	assert_int_equal(json_integer_value(json_object_get(j, "status")), status);
	assert_true(json_is_string(json_object_get(j, "title")));
	assert_true(json_is_string(json_object_get(j, "type")));
	const char *detail = json_string_value(json_object_get(j, "detail"));
	assert_non_null(detail);
	assert_true(strlen(detail) > 5);
	json_decref(j);
	reply_free(&r);
}

static void assert_no_secret(const char *path)
{
	struct reply r;
	assert_int_equal(http_get(&srv, path, &r), 0);
	const char *b = buf_str(&r.body);
	if (strstr(b, LOC_2) || strstr(b, SAL_2) || strstr(b, SECRET_STREET) || strstr(b, SECRET_PHONE) ||
	    strstr(b, "Schutzraum"))
		fail_msg("%s shows the confidential location:\n%.2000s", path, b);
	reply_free(&r);
}

/* ---- the API ---- */

static void test_root(void **state)
{
	(void)state;
	struct reply r;
	json_t *j = get_json("/api/hsds", 200, &r);
	assert_string_equal(json_string_value(json_object_get(j, "version")), "3.0");
	assert_true(json_is_string(json_object_get(j, "profile")));
	assert_true(json_is_string(json_object_get(j, "openapi_url")));
	json_decref(j);
	reply_free(&r);
}

static void test_paging(void **state)
{
	(void)state;
	json_t *p = page("/api/hsds/services?organization_id=" ORG_A "&per_page=1");
	assert_int_equal(total(p), 2);
	assert_int_equal(json_integer_value(json_object_get(p, "total_pages")), 2);
	assert_int_equal(json_integer_value(json_object_get(p, "page_number")), 1);
	assert_true(json_is_true(json_object_get(p, "first_page")));
	assert_true(json_is_false(json_object_get(p, "last_page")));
	assert_true(json_is_false(json_object_get(p, "empty")));
	json_t *c = json_array_get(json_object_get(p, "contents"), 0);
	/* HSDS field names; the provider nested; lotse's fields apart */
	assert_string_equal(json_string_value(json_object_get(c, "status")), "active");
	assert_string_equal(json_string_value(json_object_get(json_object_get(c, "organization"), "id")), ORG_A);
	assert_non_null(json_object_get(json_object_get(c, "lotse"), "free_of_charge"));
	json_decref(p);
	p = page("/api/hsds/services?organization_id=" ORG_A "&per_page=1&page=2");
	assert_true(json_is_false(json_object_get(p, "first_page")));
	assert_true(json_is_true(json_object_get(p, "last_page")));
	assert_int_equal(json_integer_value(json_object_get(p, "size")), 1);
	json_decref(p);
	p = page("/api/hsds/services?organization_id=" ORG_A "&per_page=1&page=9");
	assert_true(json_is_true(json_object_get(p, "empty")));
	assert_int_equal(json_integer_value(json_object_get(p, "size")), 0);
	json_decref(p);
	/* the other lists have the same shape */
	static const char *const lists[] = { "/api/hsds/organizations", "/api/hsds/taxonomies",
					     "/api/hsds/taxonomy_terms", "/api/hsds/service_at_locations" };
	for (size_t i = 0; i < sizeof(lists) / sizeof(lists[0]); i++) {
		p = page(lists[i]);
		assert_true(total(p) > 0);
		json_decref(p);
	}
}

/* The ids of a page's contents, joined by spaces. */
static char *ids_of(json_t *p)
{
	buf b;
	buf_init(&b, 0);
	size_t i;
	json_t *o;
	json_array_foreach(json_object_get(p, "contents"), i, o)
		buf_printf(&b, "%s ", json_string_value(json_object_get(o, "id")));
	char *out = strdup(buf_str(&b));
	buf_free(&b);
	return out;
}

/* Without filters the lists take a shorter way (straight from an index):
 * the same rows in the same order as with a filter that keeps them all. */
static void test_unfiltered_same_as_filtered(void **state)
{
	(void)state;
	static const char *const pairs[][2] = {
		{ "/api/hsds/services?per_page=3&page=2", "/api/hsds/services?per_page=3&page=2&modified_after=2000-01-01" },
		{ "/api/hsds/services?per_page=100", "/api/hsds/services?per_page=100&modified_after=2000-01-01" },
		{ "/api/hsds/service_at_locations?per_page=2&page=3",
		  "/api/hsds/service_at_locations?per_page=2&page=3&modified_after=2000-01-01" },
		{ "/api/hsds/service_at_locations?per_page=100",
		  "/api/hsds/service_at_locations?per_page=100&modified_after=2000-01-01" },
	};
	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		json_t *a = page(pairs[i][0]), *b = page(pairs[i][1]);
		assert_true(total(a) > 2);
		assert_int_equal(total(a), total(b));
		char *ia = ids_of(a), *ib = ids_of(b);
		assert_true(strlen(ia) > 0);
		assert_string_equal(ia, ib);
		free(ia);
		free(ib);
		json_decref(a);
		json_decref(b);
	}
}

static void test_filters_and(void **state)
{
	(void)state;
	json_t *p = page("/api/hsds/services?organization_id=" ORG_A);
	assert_int_equal(total(p), 2); /* the archived offer is not in the API */
	assert_true(has_id(p, SVC_1) && has_id(p, SVC_2));
	json_decref(p);
	p = page("/api/hsds/services?organization_id=" ORG_A "&taxonomy_term_id=" TERM_SCHULE);
	assert_int_equal(total(p), 1);
	assert_true(has_id(p, SVC_1));
	json_decref(p);
	p = page("/api/hsds/services?organization_id=" ORG_A "&modified_after=2021-01-01");
	assert_int_equal(total(p), 1);
	assert_true(has_id(p, SVC_2));
	json_decref(p);
	/* all three: nothing is both Schule and modified after 2021 */
	p = page("/api/hsds/services?organization_id=" ORG_A "&taxonomy_term_id=" TERM_SCHULE
		 "&modified_after=2021-01-01T00:00:00Z");
	assert_int_equal(total(p), 0);
	assert_true(json_is_true(json_object_get(p, "empty")));
	json_decref(p);
	p = page("/api/hsds/services?organization_id=" ORG_A "&taxonomy_id=" TAX_PHASE);
	assert_int_equal(total(p), 2);
	json_decref(p);
	/* the term filter alone finds the fixture among all offers of the term */
	p = page("/api/hsds/services?taxonomy_term_id=" TERM_AUSBILDUNG "&per_page=100");
	assert_true(has_id(p, SVC_2));
	assert_false(has_id(p, SVC_1));
	json_decref(p);
	/* a time with an offset is compared in UTC */
	p = page("/api/hsds/services?organization_id=" ORG_A "&modified_after=2025-06-01T01:30:00%2B02:00");
	assert_int_equal(total(p), 1);
	json_decref(p);
	/* service_at_locations take the same filters */
	p = page("/api/hsds/service_at_locations?organization_id=" ORG_A "&taxonomy_term_id=" TERM_SCHULE);
	assert_int_equal(total(p), 1); /* SAL_1; never SAL_2 */
	assert_true(has_id(p, SAL_1));
	json_decref(p);
}

static void test_search(void **state)
{
	(void)state;
	json_t *p = page("/api/hsds/services?search=Zauberkurs&organization_id=" ORG_A);
	assert_int_equal(total(p), 2);
	json_decref(p);
	p = page("/api/hsds/services?search=Zauberkurs%20Gamma&organization_id=" ORG_A);
	assert_true(has_id(p, SVC_2));
	json_decref(p);
	p = page("/api/hsds/organizations?search=Testtr%C3%A4ger");
	assert_int_equal(total(p), 1); /* Beta is archived */
	assert_true(has_id(p, ORG_A));
	json_decref(p);
}

static void test_proximity(void **state)
{
	(void)state;
	json_t *p = page("/api/hsds/services?organization_id=" ORG_A "&postcode=55116&proximity=2000");
	assert_int_equal(total(p), 1);
	assert_true(has_id(p, SVC_1));
	json_t *c = json_array_get(json_object_get(p, "contents"), 0);
	json_int_t d = json_integer_value(json_object_get(json_object_get(c, "lotse"), "distance_m"));
	assert_true(d >= 0 && d <= 2000);
	json_decref(p);
	/* 150 km hold both, nearest first */
	p = page("/api/hsds/services?organization_id=" ORG_A "&postcode=55116&proximity=150000");
	assert_int_equal(total(p), 2);
	c = json_array_get(json_object_get(p, "contents"), 0);
	assert_string_equal(json_string_value(json_object_get(c, "id")), SVC_1);
	json_decref(p);
	p = page("/api/hsds/services?organization_id=" ORG_A "&postcode=67059");
	assert_int_equal(total(p), 1);
	assert_true(has_id(p, SVC_2));
	json_decref(p);
	p = page("/api/hsds/service_at_locations?organization_id=" ORG_A "&postcode=67059&proximity=3000");
	assert_int_equal(total(p), 1);
	assert_true(has_id(p, SAL_3));
	json_decref(p);
}

static void test_detail(void **state)
{
	(void)state;
	struct reply r;
	json_t *s = get_json("/api/hsds/services/" SVC_1, 200, &r);
	reply_free(&r);
	assert_string_equal(json_string_value(json_object_get(s, "name")), "Zauberkurs Alpha");
	assert_string_equal(json_string_value(json_object_get(s, "description")),
			    "Zaubern lernen, \"mit\" Hut\nzweite Zeile");
	assert_int_equal(json_integer_value(json_object_get(s, "minimum_age")), 14);
	assert_string_equal(json_string_value(json_object_get(json_object_get(s, "organization"), "name")),
			    "Testträger Alpha");
	static const char *const lists[] = { "phones", "schedules", "service_areas", "service_at_locations",
					     "languages", "funding", "cost_options", "contacts", "attributes" };
	for (size_t i = 0; i < sizeof(lists) / sizeof(lists[0]); i++)
		if (!json_is_array(json_object_get(s, lists[i])))
			fail_msg("service without the list %s", lists[i]);
	json_t *sals = json_object_get(s, "service_at_locations");
	assert_int_equal(json_array_size(sals), 1); /* the confidential one is left out */
	json_t *sal = json_array_get(sals, 0);
	assert_string_equal(json_string_value(json_object_get(sal, "id")), SAL_1);
	json_t *loc = json_object_get(sal, "location");
	assert_string_equal(json_string_value(json_object_get(loc, "id")), LOC_1);
	json_t *ad = json_array_get(json_object_get(loc, "addresses"), 0);
	assert_string_equal(json_string_value(json_object_get(ad, "postal_code")), "55116");
	json_t *at = json_array_get(json_object_get(s, "attributes"), 0);
	assert_string_equal(json_string_value(json_object_get(json_object_get(at, "taxonomy_term"), "id")), TERM_SCHULE);
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(s, "languages"), 0),
							      "code")),
			    "ar");
	assert_true(json_is_true(json_object_get(json_object_get(s, "lotse"), "free_of_charge")));
	json_decref(s);

	s = get_json("/api/hsds/organizations/" ORG_A, 200, &r);
	reply_free(&r);
	assert_int_equal(json_array_size(json_object_get(s, "services")), 2);
	assert_int_equal(json_array_size(json_object_get(s, "locations")), 2);
	json_decref(s);
	s = get_json("/api/hsds/service_at_locations/" SAL_3, 200, &r);
	reply_free(&r);
	assert_string_equal(json_string_value(json_object_get(json_object_get(s, "service"), "id")), SVC_2);
	assert_string_equal(json_string_value(json_object_get(json_object_get(s, "location"), "id")), LOC_3);
	json_decref(s);
	s = get_json("/api/hsds/taxonomy_terms/" TERM_SCHULE, 200, &r);
	reply_free(&r);
	assert_string_equal(json_string_value(json_object_get(s, "name")), "Schule");
	assert_string_equal(json_string_value(json_object_get(json_object_get(s, "taxonomy_detail"), "id")), TAX_PHASE);
	json_decref(s);
	s = get_json("/api/hsds/taxonomies/" TAX_PHASE, 200, &r);
	reply_free(&r);
	assert_string_equal(json_string_value(json_object_get(s, "name")), "Übergangsphase");
	json_decref(s);
	/* upper-case ids are the same ids */
	s = get_json("/api/hsds/services/CCCCCCCC-0000-4000-8000-000000000002", 200, &r);
	reply_free(&r);
	json_decref(s);
}

static void test_bad_parameters(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"/api/hsds/services?per_page=101",
		"/api/hsds/services?per_page=0",
		"/api/hsds/services?per_page=zehn",
		"/api/hsds/services?page=0",
		"/api/hsds/services?page=-3",
		"/api/hsds/services?page=99999999999999999999",
		"/api/hsds/services?organization_id=nicht-eine-uuid",
		"/api/hsds/services?taxonomy_term_id=1234",
		"/api/hsds/services?taxonomy_id=%27%20OR%201%3D1",
		"/api/hsds/services?modified_after=gestern",
		"/api/hsds/services?modified_after=2024-13-01",
		"/api/hsds/services?modified_after=2024-02-30",
		"/api/hsds/services?proximity=5000",
		"/api/hsds/services?postcode=00000",
		"/api/hsds/services?postcode=55116&proximity=-1",
		"/api/hsds/services?postcode=55116&proximity=nah",
		"/api/hsds/services?format=ndjson",
		"/api/hsds/services?search=%01",
		"/api/hsds/service_at_locations?proximity=100",
		"/api/hsds/organizations?per_page=1000",
		"/api/hsds/taxonomy_terms?parent_id=x",
		"/api/hsds/services/keine-uuid",
		"/api/hsds/organizations/123",
		"/api/hsds/service_at_locations/%27",
		"/api/hsds/taxonomies/x",
		"/api/hsds/taxonomy_terms/x",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_problem(bad[i], 400);
}

static void test_not_found(void **state)
{
	(void)state;
	static const char *const missing[] = {
		"/api/hsds/services/00000000-0000-4000-8000-000000000000",
		"/api/hsds/services/" SVC_3, /* its provider is archived */
		"/api/hsds/services/" SVC_4, /* archived */
		"/api/hsds/organizations/" ORG_B,
		"/api/hsds/organizations/00000000-0000-4000-8000-000000000000",
		"/api/hsds/taxonomies/00000000-0000-4000-8000-000000000000",
		"/api/hsds/taxonomy_terms/00000000-0000-4000-8000-000000000000",
		"/api/hsds/service_at_locations/00000000-0000-4000-8000-000000000000",
		"/api/hsds/service_at_locations/" SAL_2, /* confidential */
		"/api/hsds/nichts",
		"/api/hsds/nichts/" SVC_1,
	};
	for (size_t i = 0; i < sizeof(missing) / sizeof(missing[0]); i++)
		assert_problem(missing[i], 404);
	/* archived records are in no list either */
	json_t *p = page("/api/hsds/services?search=Zauberkurs&per_page=100");
	assert_false(has_id(p, SVC_3));
	assert_false(has_id(p, SVC_4));
	json_decref(p);
	p = page("/api/hsds/organizations?per_page=100");
	assert_false(has_id(p, ORG_B));
	json_decref(p);
}

static void test_confidential_never_shown(void **state)
{
	(void)state;
	/* the location is stored, with its address and phone */
	assert_int_equal(db_scalar(&srv, "SELECT confidential FROM location WHERE id = '" LOC_2 "'"), 1);
	assert_int_equal(db_scalar(&srv, "SELECT count(*) FROM address WHERE location_id = '" LOC_2 "'"), 1);
	static const char *const paths[] = {
		"/api/hsds/services/" SVC_1,
		"/api/hsds/organizations/" ORG_A,
		"/api/hsds/service_at_locations/" SAL_1,
		"/api/hsds/services?organization_id=" ORG_A,
		"/api/hsds/service_at_locations?organization_id=" ORG_A "&per_page=100",
		"/api/hsds/service_at_locations?postcode=55116&proximity=1000&per_page=100",
		"/api/hsds/service_at_locations?postcode=55116&per_page=100",
		"/api/hsds/services?postcode=55116&proximity=500&per_page=100",
		"/api/hsds/organizations?per_page=100",
	};
	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++)
		assert_no_secret(paths[i]);
	/* every page of every service_at_location */
	for (int pg = 1; pg <= 50; pg++) {
		char path[128];
		snprintf(path, sizeof(path), "/api/hsds/service_at_locations?per_page=100&page=%d", pg);
		assert_no_secret(path);
		json_t *p = page(path);
		int last = json_is_true(json_object_get(p, "last_page"));
		json_decref(p);
		if (last)
			break;
	}
	/* distances count public locations only: 50 m reach the protected
	   place (33 m off), not the public one (78 m) */
	json_t *p = page("/api/hsds/services?organization_id=" ORG_A "&postcode=55116&proximity=50");
	assert_int_equal(total(p), 0);
	json_decref(p);
	p = page("/api/hsds/services?organization_id=" ORG_A "&postcode=55116&proximity=100");
	assert_int_equal(total(p), 1);
	json_decref(p);
}

/* ---- import and export ---- */

static void test_round_trip(void **state)
{
	(void)state;
	char db2[400];
	snprintf(db2, sizeof(db2), "%s/empty.db", srv.dir);
	const char *out1 = subdir("export1"), *out2 = subdir("export2");
	buf out;
	buf_init(&out, 0);
	assert_int_equal(run_lotse(&out, "export", "hsds", "--db", srv.db, out1, NULL), 0);
	assert_int_equal(run_lotse(&out, "init", "--db", db2, NULL), 0);
	if (run_lotse(&out, "import", "hsds", "--db", db2, out1, NULL) != 0)
		fail_msg("import of the export failed:\n%s", buf_str(&out));
	assert_int_equal(run_lotse(&out, "export", "hsds", "--db", db2, out2, NULL), 0);
	buf_free(&out);
	/* the files are the same, byte for byte */
	DIR *d = opendir(out1);
	assert_non_null(d);
	struct dirent *e;
	int files = 0;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		char p1[600], p2[600];
		snprintf(p1, sizeof(p1), "%s/%s", out1, e->d_name);
		snprintf(p2, sizeof(p2), "%s/%s", out2, e->d_name);
		size_t n1, n2;
		char *a = file_slurp(p1, &n1), *b = file_slurp(p2, &n2);
		assert_non_null(a);
		if (!b || n1 != n2 || memcmp(a, b, n1) != 0)
			fail_msg("%s differs after the round trip (%zu vs %zu bytes)", e->d_name, n1, b ? n2 : 0);
		free(a);
		free(b);
		files++;
	}
	closedir(d);
	assert_true(files >= 24); /* 23 tables + datapackage.json */
	/* the export is a backup: the confidential location is in it, marked */
	char path[600];
	snprintf(path, sizeof(path), "%s/locations.csv", out1);
	size_t n;
	char *csv = file_slurp(path, &n);
	assert_non_null(csv);
	assert_non_null(strstr(csv, "confidential\r\n"));
	assert_non_null(strstr(csv, LOC_2 ",physical,,"));
	char *line = strstr(csv, LOC_2);
	assert_non_null(line);
	char *eol = strstr(line, "\r\n");
	assert_non_null(eol);
	assert_memory_equal(eol - 5, ",true", 5);
	free(csv);
	/* HSDS names: the header of services.csv starts as in the standard */
	snprintf(path, sizeof(path), "%s/services.csv", out1);
	csv = file_slurp(path, &n);
	assert_non_null(csv);
	assert_memory_equal(csv, "id,organization_id,program_id,name,alternate_name,description,url,email,status,", 79);
	/* a text with a quote, a comma and a line break is quoted */
	assert_non_null(strstr(csv, "\"Zaubern lernen, \"\"mit\"\" Hut\nzweite Zeile\""));
	free(csv);
	/* lotse's extension file: the offers' translations of the demo data,
	 * read back by the import (the round trip above) */
	snprintf(path, sizeof(path), "%s/lotse_service_translations.csv", out1);
	csv = file_slurp(path, &n);
	assert_non_null(csv);
	assert_memory_equal(csv, "service_id,language,name,description,application_process,updated_at\r\n", 69);
	assert_non_null(strstr(csv, ",ar,استشارة للشباب القادمين الجدد,"));
	free(csv);
	snprintf(path, sizeof(path), "%s/datapackage.json", out1);
	json_error_t je;
	json_t *dp = json_load_file(path, 0, &je);
	assert_non_null(dp);
	assert_int_equal(json_array_size(json_object_get(dp, "resources")), 23);
	json_decref(dp);
	/* and what was imported is what the API shows */
	assert_int_equal(db_scalar(&srv, "SELECT count(*) FROM service WHERE id = '" SVC_1 "' AND "
					 "last_modified = '2020-01-01T00:00:00Z' AND free_of_charge = 1"),
			 1);
}

static long services_count(void)
{
	return db_scalar(&srv, "SELECT count(*) FROM service");
}

static void test_import_reports_every_bad_row(void **state)
{
	(void)state;
	const char *dir = subdir("bad");
	write_file(dir, "organizations.csv",
		   "id,name\n"
		   "aaaaaaaa-1111-4000-8000-000000000001,Neuer Träger\n");
	write_file(dir, "services.csv",
		   "id,organization_id,name,status,minimum_age,maximum_age,assured_date,free_of_charge\n"
		   "cccccccc-1111-4000-8000-000000000001,aaaaaaaa-1111-4000-8000-000000000001,Gut,active,,,,\n"
		   "cccccccc-1111-4000-8000-000000000002,aaaaaaaa-9999-4000-8000-000000000001,Ohne Träger,active,,,,\n"
		   "cccccccc-1111-4000-8000-000000000003,aaaaaaaa-1111-4000-8000-000000000001,Status,bald,,,,\n"
		   "cccccccc-1111-4000-8000-000000000004,aaaaaaaa-1111-4000-8000-000000000001,Alter,active,zwölf,,,\n"
		   "cccccccc-1111-4000-8000-000000000005,aaaaaaaa-1111-4000-8000-000000000001,Datum,active,,,31.12.2024,\n"
		   "cccccccc-1111-4000-8000-000000000001,aaaaaaaa-1111-4000-8000-000000000001,Doppelt,active,,,,\n"
		   "cccccccc-1111-4000-8000-000000000007,aaaaaaaa-1111-4000-8000-000000000001,,active,,,,\n"
		   "keine-uuid,aaaaaaaa-1111-4000-8000-000000000001,Id,active,,,,\n"
		   "cccccccc-1111-4000-8000-000000000009,aaaaaaaa-1111-4000-8000-000000000001,Alter,active,30,20,,\n"
		   "cccccccc-1111-4000-8000-000000000010,aaaaaaaa-1111-4000-8000-000000000001,Bool,active,,,,vielleicht\n");
	write_file(dir, "locations.csv",
		   "id,location_type,latitude,longitude\n"
		   "bbbbbbbb-1111-4000-8000-000000000001,physical,91,8.2\n"
		   "bbbbbbbb-1111-4000-8000-000000000002,boat,50,8.2\n"
		   "bbbbbbbb-1111-4000-8000-000000000003,physical,50,\n");
	write_file(dir, "phones.csv", "id,service_id,number\n\"unclosed,x,y\n");
	write_file(dir, "notes.txt", "not a csv");
	write_file(dir, "programs.csv", "id,name\nffffffff-1111-4000-8000-000000000001,Programm\n");
	long before = services_count();
	buf out;
	buf_init(&out, 0);
	assert_int_equal(run_lotse(&out, "import", "hsds", "--db", srv.db, dir, NULL), 1);
	const char *o = buf_str(&out);
	static const char *const expect[] = {
		"services.csv:3: organization_id: names no organization",
		"services.csv:4: status: is not one of",
		"services.csv:5: minimum_age: is not a whole number",
		"services.csv:6: assured_date: is not a date",
		"services.csv:7: id: the id cccccccc-1111-4000-8000-000000000001 is used on line 2 too",
		"services.csv:8: name: is required",
		"services.csv:9: id: is not a UUID",
		"services.csv:10: maximum_age: is below minimum_age",
		"services.csv:11: free_of_charge: is not true or false",
		"locations.csv:2: latitude: is not a number from -90 to 90",
		"locations.csv:3: location_type: is not one of",
		"locations.csv:4: latitude: latitude and longitude go together",
		"phones.csv:2: a quoted field is not closed",
		"programs.csv: 1 rows ignored",
		"nothing was imported",
	};
	for (size_t i = 0; i < sizeof(expect) / sizeof(expect[0]); i++)
		if (!strstr(o, expect[i]))
			fail_msg("expected \"%s\" in the report:\n%s", expect[i], o);
	assert_null(strstr(o, "services.csv:2:")); /* the good row */
	buf_free(&out);
	/* all or nothing: not even the good rows */
	assert_int_equal(services_count(), before);
	assert_int_equal(db_scalar(&srv, "SELECT count(*) FROM organization WHERE id = 'aaaaaaaa-1111-4000-8000-000000000001'"), 0);
}

static void test_import_upsert_and_absent_files(void **state)
{
	(void)state;
	/* only services.csv: absent files are empty tables; an existing
	   offer is updated by id, its lists replaced */
	const char *dir = subdir("update");
	write_file(dir, "services.csv",
		   "\xEF\xBB\xBFid,organization_id,name,status,last_modified\r\n"
		   SVC_2 "," ORG_A ",Zauberkurs Gamma neu,temporarily closed,2025-07-01T00:00:00Z\r\n");
	buf out;
	buf_init(&out, 0);
	if (run_lotse(&out, "import", "hsds", "--db", srv.db, dir, NULL) != 0)
		fail_msg("import failed:\n%s", buf_str(&out));
	/* the search index is complete when the command returns */
	assert_contains(buf_str(&out), "search index: ");
	buf_free(&out);
	assert_int_equal(db_scalar(&srv, "SELECT count(*) FROM search_dirty"), 0);
	assert_int_equal(db_scalar(&srv, "SELECT count(*) FROM service WHERE id = '" SVC_2 "' AND name = "
					 "'Zauberkurs Gamma neu' AND status = 'temporarily closed' AND "
					 "last_modified = '2025-07-01T00:00:00Z'"),
			 1);
	/* the change log tells who: the import */
	assert_true(db_scalar(&srv, "SELECT count(*) FROM metadata WHERE resource_id = '" SVC_2 "' AND "
				    "field_name = 'name' AND updated_by = 'import'") >= 1);
	struct reply r;
	json_t *j = get_json("/api/hsds/services/" SVC_2, 200, &r);
	reply_free(&r);
	assert_string_equal(json_string_value(json_object_get(j, "status")), "temporarily closed");
	json_decref(j);
	/* an HSDS file from elsewhere (without lotse's columns) keeps them:
	   the confidential location stays confidential */
	const char *foreign = subdir("foreign");
	write_file(foreign, "locations.csv",
		   "id,location_type,organization_id,name\n" LOC_2 ",physical," ORG_A ",Alpha Schutzraum neu\n");
	buf_init(&out, 0);
	if (run_lotse(&out, "import", "hsds", "--db", srv.db, foreign, NULL) != 0)
		fail_msg("import failed:\n%s", buf_str(&out));
	buf_free(&out);
	assert_int_equal(db_scalar(&srv, "SELECT confidential FROM location WHERE id = '" LOC_2 "' AND "
					 "name = 'Alpha Schutzraum neu'"),
			 1);
	assert_no_secret("/api/hsds/organizations/" ORG_A);
	assert_no_secret("/api/hsds/services/" SVC_1);
	assert_no_secret("/api/hsds/service_at_locations?per_page=100");
	/* an empty folder imports nothing and is fine */
	const char *empty = subdir("empty");
	buf_init(&out, 0);
	assert_int_equal(run_lotse(&out, "import", "hsds", "--db", srv.db, empty, NULL), 0);
	buf_free(&out);
	/* a folder that is not there is an error */
	buf_init(&out, 0);
	assert_int_equal(run_lotse(&out, "import", "hsds", "--db", srv.db, "/nonexistent/hsds", NULL), 1);
	buf_free(&out);
}

/* The services of an export to a new folder name, as one text (caller frees). */
static char *export_services(const char *name)
{
	const char *dir = subdir(name);
	buf out;
	buf_init(&out, 0);
	if (run_lotse(&out, "export", "hsds", "--db", srv.db, dir, NULL) != 0)
		fail_msg("export failed:\n%s", buf_str(&out));
	buf_free(&out);
	char path[600];
	snprintf(path, sizeof(path), "%s/services.csv", dir);
	size_t n;
	char *csv = file_slurp(path, &n);
	assert_non_null(csv);
	return csv;
}

static void test_no_staff_address(void **state)
{
	(void)state;
	/* an editor marks an offer as checked: lotse keeps who did it */
	struct reply r;
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/angebote/" SVC_2, &r), 200);
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &editor, "/intern/angebote/" SVC_2 "/geprueft", "", &r), 303);
	reply_free(&r);
	assert_int_equal(db_scalar(&srv, "SELECT count(*) FROM service WHERE id = '" SVC_2 "' AND "
					 "assurer_email = 'editor@demo.lotse.invalid'"),
			 1);
	/* the API publishes the role address, never the login */
	json_t *j = get_json("/api/hsds/services/" SVC_2, 200, &r);
	reply_free(&r);
	assert_string_equal(json_string_value(json_object_get(j, "assurer_email")), ROLE_ADDRESS);
	json_decref(j);
	static const char *const paths[] = {
		"/api/hsds/services/" SVC_2,
		"/api/hsds/services?per_page=100",
		"/api/hsds/services?organization_id=" ORG_A,
		"/api/hsds/services?q=Zauberkurs",
		"/api/hsds/organizations/" ORG_A,
		"/api/hsds/service_at_locations?per_page=100",
		"/api/hsds/service_at_locations?organization_id=" ORG_A,
	};
	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		assert_int_equal(http_get(&srv, paths[i], &r), 0);
		if (r.status != 200)
			fail_msg("%s answered %ld", paths[i], r.status);
		assert_not_contains(buf_str(&r.body), "@demo.lotse.invalid");
		reply_free(&r);
	}
	/* nor does the CSV export: the role address, or nothing */
	setenv("LOTSE_ASSURER_EMAIL", ROLE_ADDRESS, 1);
	char *csv = export_services("assurer-role");
	unsetenv("LOTSE_ASSURER_EMAIL");
	assert_not_contains(csv, "@demo.lotse.invalid");
	assert_contains(csv, SVC_2);
	assert_contains(csv, "," ROLE_ADDRESS ",");
	free(csv);
	csv = export_services("assurer-none");
	assert_not_contains(csv, "@demo.lotse.invalid");
	assert_not_contains(csv, ROLE_ADDRESS);
	free(csv);
	/* an address that is not one publishes nothing */
	setenv("LOTSE_ASSURER_EMAIL", "=HYPERLINK(\"x\") <a@b.c>", 1);
	csv = export_services("assurer-bad");
	unsetenv("LOTSE_ASSURER_EMAIL");
	assert_not_contains(csv, "HYPERLINK");
	assert_not_contains(csv, "@demo.lotse.invalid");
	free(csv);
}

int main(int argc, char **argv)
{
	if (argc > 1)
		harness_bin = argv[1];
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_root),
		cmocka_unit_test(test_paging),
		cmocka_unit_test(test_unfiltered_same_as_filtered),
		cmocka_unit_test(test_filters_and),
		cmocka_unit_test(test_search),
		cmocka_unit_test(test_proximity),
		cmocka_unit_test(test_detail),
		cmocka_unit_test(test_bad_parameters),
		cmocka_unit_test(test_not_found),
		cmocka_unit_test(test_confidential_never_shown),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_import_reports_every_bad_row),
		cmocka_unit_test(test_import_upsert_and_absent_files),
		cmocka_unit_test(test_no_staff_address),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
