/* hsds_fixtures.c — what the HSDS tests (test_hsds.c: the API;
 * test_hsds_exchange.c: import and export) share: the fixtures imported
 * through `lotse import hsds` into a server of their own, and helpers that
 * read the API's answers. */
#include "hsds_fixtures.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct server srv;
struct agent editor;

const char *subdir(const char *name)
{
	static char path[8][400];
	static int k;
	char *p = path[k++ % 8];
	snprintf(p, 400, "%s/%s", srv.dir, name);
	mkdir(p, 0700);
	return p;
}

/* A postcode's centroid from the server's database. */
void centroid(const char *code, double *lat, double *lon)
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
	file_write(dir, "organizations.csv",
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
	file_write(dir, "locations.csv", locs);
	file_write(dir, "addresses.csv",
		   "id,location_id,address_1,city,state_province,postal_code,country,address_type\n"
		   "eeeeeeee-0000-4000-8000-000000000001," LOC_1 ",Markt 1,Mainz,Rheinland-Pfalz,55116,DE,physical\n"
		   "eeeeeeee-0000-4000-8000-000000000002," LOC_2 "," SECRET_STREET ",Mainz,Rheinland-Pfalz,55116,DE,physical\n"
		   "eeeeeeee-0000-4000-8000-000000000003," LOC_3 ",Rathausplatz 5,Ludwigshafen am Rhein,"
		   "Rheinland-Pfalz,67059,DE,physical\n");
	file_write(dir, "services.csv",
		   "id,organization_id,name,description,status,minimum_age,maximum_age,last_modified,"
		   "free_of_charge,delivery,archived\n"
		   SVC_1 "," ORG_A ",Zauberkurs Alpha,\"Zaubern lernen, \"\"mit\"\" Hut\nzweite Zeile\",active,14,"
		   "20,2020-01-01T00:00:00Z,true,in_person,false\n"
		   SVC_2 "," ORG_A ",Zauberkurs Gamma,Zaubern für Azubis,active,,,2025-06-01T00:00:00Z,false,mixed,false\n"
		   SVC_3 "," ORG_B ",Zauberkurs Beta,Beim archivierten Träger,active,,,2025-06-01T00:00:00Z,,,\n"
		   SVC_4 "," ORG_A ",Zauberkurs Delta,Archiviert,inactive,,,2025-06-01T00:00:00Z,,,true\n");
	file_write(dir, "service_at_location.csv",
		   "id,service_id,location_id,description\n"
		   SAL_1 "," SVC_1 "," LOC_1 ",Im Erdgeschoss\n"
		   SAL_2 "," SVC_1 "," LOC_2 ",Geschützt\n"
		   SAL_3 "," SVC_2 "," LOC_3 ",\n");
	file_write(dir, "phones.csv",
		   "id,location_id,service_id,number,type\n"
		   "ffffffff-0000-4000-8000-000000000001,," SVC_1 ",06131 123456,voice\n"
		   "ffffffff-0000-4000-8000-000000000002," LOC_2 ",," SECRET_PHONE ",voice\n");
	file_write(dir, "attributes.csv",
		   "id,link_id,taxonomy_term_id,link_type,link_entity,value\n"
		   "99999999-0000-4000-8000-000000000001," SVC_1 "," TERM_SCHULE ",,service,\n"
		   "99999999-0000-4000-8000-000000000002," SVC_2 "," TERM_AUSBILDUNG ",,service,\n");
	file_write(dir, "languages.csv",
		   "id,service_id,name,code\n"
		   "88888888-0000-4000-8000-000000000001," SVC_1 ",Arabisch,ar\n");
}

int hsds_group_setup(void **state)
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

int hsds_group_teardown(void **state)
{
	(void)state;
	return harness_group_teardown(&srv, &editor, NULL);
}

/* ---- helpers ---- */

json_t *get_json(const char *path, long want_status, struct reply *r)
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
json_t *page(const char *path)
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

long total(json_t *p)
{
	return (long)json_integer_value(json_object_get(p, "total_items"));
}

/* Does the page's contents hold an item with this id (at any depth of "id")? */
int has_id(json_t *p, const char *id)
{
	size_t i;
	json_t *c;
	json_array_foreach(json_object_get(p, "contents"), i, c)
		if (strcmp(json_string_value(json_object_get(c, "id")), id) == 0)
			return 1;
	return 0;
}

void assert_problem(const char *path, long status)
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

void assert_no_secret(const char *path)
{
	struct reply r;
	assert_int_equal(http_get(&srv, path, &r), 0);
	const char *b = buf_str(&r.body);
	if (strstr(b, LOC_2) || strstr(b, SAL_2) || strstr(b, SECRET_STREET) || strstr(b, SECRET_PHONE) ||
	    strstr(b, "Schutzraum"))
		fail_msg("%s shows the confidential location:\n%.2000s", path, b);
	reply_free(&r);
}

