/* test_hsds_exchange.c — the HSDS import and export against the real
 * binary: every bad row reported, all or nothing; an upsert and absent
 * files; the export -> import -> export round trip; and no staff member's
 * login address in the API or the export (only the role address
 * LOTSE_ASSURER_EMAIL). The fixtures are in hsds_fixtures.c. */
#include "hsds_fixtures.h"

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
	file_write(dir, "organizations.csv",
		   "id,name\n"
		   "aaaaaaaa-1111-4000-8000-000000000001,Neuer Träger\n");
	file_write(dir, "services.csv",
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
	file_write(dir, "locations.csv",
		   "id,location_type,latitude,longitude\n"
		   "bbbbbbbb-1111-4000-8000-000000000001,physical,91,8.2\n"
		   "bbbbbbbb-1111-4000-8000-000000000002,boat,50,8.2\n"
		   "bbbbbbbb-1111-4000-8000-000000000003,physical,50,\n");
	file_write(dir, "phones.csv", "id,service_id,number\n\"unclosed,x,y\n");
	file_write(dir, "notes.txt", "not a csv");
	file_write(dir, "programs.csv", "id,name\nffffffff-1111-4000-8000-000000000001,Programm\n");
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
	file_write(dir, "services.csv",
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
	file_write(foreign, "locations.csv",
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
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_import_reports_every_bad_row),
		cmocka_unit_test(test_import_upsert_and_absent_files),
		cmocka_unit_test(test_no_staff_address),
	};
	return cmocka_run_group_tests(tests, hsds_group_setup, hsds_group_teardown);
}
