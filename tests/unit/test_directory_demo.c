/* test_directory_demo.c — the demo directory (dir_demo_load): enough
 * providers and offers, every offer described by terms and placed, the
 * fictional markers, confidential locations hidden from the public, the
 * freshness mix and the change log. */
#include "directory/directory.h"
#include "search/search.h"
#include "core/core.h"
#include "../support/testdb.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static struct testdb tdb;
static struct store *db;

static int setup(void **state)
{
	(void)state;
	char err[300];
	if (testdb_open(&tdb) != 0)
		return -1;
	db = tdb.s;
	if (dir_demo_load(db, err, sizeof(err)) != ST_OK) {
		fprintf(stderr, "dir_demo_load: %s\n", err);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	return testdb_close(&tdb);
}

static long scalar(const char *sql)
{
	sqlite3_stmt *st;
	long v = -1;
	if (sqlite3_prepare_v2(store_db(db), sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		v = (long)sqlite3_column_int64(st, 0);
	else
		fail_msg("%s: %s", sql, sqlite3_errmsg(store_db(db)));
	sqlite3_finalize(st);
	return v;
}

static void test_counts(void **state)
{
	(void)state;
	assert_true(scalar("SELECT count(*) FROM service") >= 55);
	assert_true(scalar("SELECT count(*) FROM organization") >= 22);
	assert_true(scalar("SELECT count(DISTINCT organization_id) FROM service") >= 22);
	/* Mainz, Mainz-Bingen and Ludwigshafen all have offers */
	assert_true(scalar("SELECT count(DISTINCT s.id) FROM service s JOIN service_at_location x ON x.service_id = s.id "
			   "JOIN address ad ON ad.location_id = x.location_id WHERE ad.city = 'Mainz'") >= 20);
	assert_true(scalar("SELECT count(DISTINCT s.id) FROM service s JOIN service_at_location x ON x.service_id = s.id "
			   "JOIN address ad ON ad.location_id = x.location_id WHERE ad.city = 'Ludwigshafen am Rhein'") >= 10);
	assert_true(scalar("SELECT count(DISTINCT s.id) FROM service s JOIN service_at_location x ON x.service_id = s.id "
			   "JOIN address ad ON ad.location_id = x.location_id WHERE ad.postal_code IN "
			   "('55218', '55411', '55268', '55257', '55276', '55286', '55294')") >= 8);
	/* several languages besides German */
	assert_true(scalar("SELECT count(DISTINCT code) FROM language WHERE code <> 'de'") >= 12);
	assert_true(scalar("SELECT count(*) FROM service WHERE free_of_charge = 0") >= 5);
	assert_true(scalar("SELECT count(*) FROM service WHERE delivery = 'online'") >= 1);
}

/* Every offer: at least one term of each main taxonomy, and a location
 * with coordinates or delivery online. */
static void test_every_offer_complete(void **state)
{
	(void)state;
	arena *a = arena_new();
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(store_db(db), "SELECT id FROM service", -1, &st, NULL), SQLITE_OK);
	size_t n = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct dir_service sv;
		const char *id = arena_strdup(a, (const char *)sqlite3_column_text(st, 0));
		assert_int_equal(dir_service_get(db, a, id, "de", DIR_STAFF, &sv), ST_OK);
		if (sv.n_terms == 0)
			fail_msg("%s has no terms", sv.name);
		static const char *const tax[] = { "uebergangsphase", "angebotsart", "zielgruppe", "foerderung" };
		for (size_t t = 0; t < NELEM(tax); t++) {
			size_t k = 0;
			for (size_t i = 0; i < sv.n_terms; i++)
				k += strcmp(sv.terms[i].taxonomy_code, tax[t]) == 0;
			if (k == 0)
				fail_msg("%s has no %s term", sv.name, tax[t]);
		}
		int placed = strcmp(sv.delivery, "online") == 0;
		for (size_t i = 0; i < sv.n_locations; i++)
			placed |= sv.locations[i].has_coords && sv.locations[i].latitude > 49 &&
				  sv.locations[i].latitude < 51 && sv.locations[i].longitude > 7 &&
				  sv.locations[i].longitude < 9;
		if (!placed)
			fail_msg("%s has no location with coordinates and is not online", sv.name);
		if (sv.n_languages == 0 || sv.n_schedules == 0 || sv.n_funding == 0)
			fail_msg("%s lacks languages, schedules or funding", sv.name);
		if (!*sv.description || !*sv.eligibility_description || !*sv.application_process)
			fail_msg("%s lacks description, eligibility or application process", sv.name);
		if (sv.n_phones == 0 && sv.n_contacts == 0 && !*sv.email)
			fail_msg("%s has no contact", sv.name);
		n++;
	}
	sqlite3_finalize(st);
	assert_true(n >= 55);
	arena_free(a);
}

/* Clearly fictional: names, e-mail addresses, websites, phone numbers. */
static void test_fictional(void **state)
{
	(void)state;
	assert_int_equal(scalar("SELECT count(*) FROM organization WHERE name NOT LIKE '%(Beispiel)%'"), 0);
	assert_int_equal(scalar("SELECT count(*) FROM organization WHERE email NOT LIKE '%example.org' "
				"OR website NOT LIKE 'https://%example.org%'"),
			 0);
	assert_int_equal(scalar("SELECT count(*) FROM contact WHERE email <> '' AND email NOT LIKE '%example.org'"), 0);
	assert_int_equal(scalar("SELECT count(*) FROM service WHERE email <> '' AND email NOT LIKE '%example.org'"), 0);
	assert_int_equal(scalar("SELECT count(*) FROM phone WHERE number NOT LIKE '0% 000%'"), 0);
}

static void test_confidential(void **state)
{
	(void)state;
	assert_true(scalar("SELECT count(*) FROM location WHERE confidential = 1") >= 2);
	assert_int_equal(scalar("SELECT count(*) FROM location l WHERE confidential = 1 AND NOT EXISTS "
				"(SELECT 1 FROM address ad WHERE ad.location_id = l.id)"),
			 0);
	/* an offer that is only at a protected address: the public read has no
	 * location, the staff read has it; it still has a public contact */
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(store_db(db),
					    "SELECT sal.service_id FROM service_at_location sal JOIN location l "
					    "ON l.id = sal.location_id GROUP BY sal.service_id "
					    "HAVING sum(l.confidential) > 0 AND sum(l.confidential = 0) = 0",
					    -1, &st, NULL),
			 SQLITE_OK);
	arena *a = arena_new();
	size_t n = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *id = arena_strdup(a, (const char *)sqlite3_column_text(st, 0));
		struct dir_service pub, staff;
		assert_int_equal(dir_service_get(db, a, id, "de", DIR_PUBLIC, &pub), ST_OK);
		assert_int_equal(dir_service_get(db, a, id, "de", DIR_STAFF, &staff), ST_OK);
		assert_int_equal(pub.n_locations, 0);
		assert_true(staff.n_locations >= 1);
		assert_true(pub.n_phones >= 1);
		/* the place of a protected address is not given away by a term */
		for (size_t i = 0; i < pub.n_terms; i++)
			assert_string_not_equal(pub.terms[i].taxonomy_code, "ort");
		n++;
	}
	sqlite3_finalize(st);
	assert_true(n >= 2);
	/* a provider page read for the public has no confidential location */
	assert_int_equal(sqlite3_prepare_v2(store_db(db),
					    "SELECT DISTINCT organization_id FROM location WHERE confidential = 1", -1,
					    &st, NULL),
			 SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct dir_org o;
		const char *id = arena_strdup(a, (const char *)sqlite3_column_text(st, 0));
		assert_int_equal(dir_org_get(db, a, id, "de", DIR_PUBLIC, &o), ST_OK);
		for (size_t i = 0; i < o.n_locations; i++)
			assert_false(o.locations[i].confidential);
	}
	sqlite3_finalize(st);
	arena_free(a);
}

/* Some offers need checking (not verified for 12 months), one is
 * temporarily closed, one archived; the change log holds every creation. */
static void test_freshness_and_log(void **state)
{
	(void)state;
	assert_true(scalar("SELECT count(*) FROM service WHERE assured_date < date('now', '-12 months')") >= 5);
	assert_true(scalar("SELECT count(*) FROM service WHERE assured_date >= date('now', '-12 months')") >= 40);
	assert_int_equal(scalar("SELECT count(*) FROM service WHERE assured_date > date('now')"), 0);
	assert_int_equal(scalar("SELECT count(*) FROM service WHERE status = 'temporarily closed'"), 1);
	assert_int_equal(scalar("SELECT count(*) FROM service WHERE archived = 1"), 1);
	assert_int_equal(scalar("SELECT count(*) FROM service s WHERE NOT EXISTS (SELECT 1 FROM metadata m "
				"WHERE m.resource_id = s.id AND m.last_action_type = 'create' "
				"AND m.updated_by = 'demo')"),
			 0);
	assert_int_equal(scalar("SELECT count(*) FROM organization o WHERE NOT EXISTS (SELECT 1 FROM metadata m "
				"WHERE m.resource_id = o.id AND m.last_action_type = 'create')"),
			 0);
	assert_int_equal(scalar("SELECT count(*) FROM metadata WHERE last_action_type = 'archive'"), 1);
}

static void test_partner_org(void **state)
{
	(void)state;
	char id[37] = "";
	assert_int_equal(dir_demo_partner_org(db, id), ST_OK);
	assert_true(dir_is_uuid(id));
	arena *a = arena_new();
	size_t n;
	struct dir_service *v;
	assert_int_equal(dir_org_services(db, a, id, DIR_PUBLIC, &v, &n), ST_OK);
	assert_non_null(v);
	assert_true(n >= 3);
	arena_free(a);
}

static void test_postcodes(void **state)
{
	(void)state;
	assert_true(scalar("SELECT count(*) FROM postcode") >= 80);
	static const int mainz[] = { 55116, 55118, 55120, 55122, 55124, 55126, 55127, 55128, 55129, 55130, 55131 };
	for (size_t i = 0; i < NELEM(mainz); i++) {
		int pc = mainz[i];
		char sql[100];
		snprintf(sql, sizeof(sql), "SELECT count(*) FROM postcode WHERE code = '%d' AND city LIKE 'Mainz%%'", pc);
		if (scalar(sql) != 1)
			fail_msg("postcode %d missing", pc);
	}
	for (int pc = 67059; pc <= 67071; pc += 2) {
		char sql[100];
		snprintf(sql, sizeof(sql), "SELECT count(*) FROM postcode WHERE code = '%d' AND city LIKE 'Ludwigshafen%%'", pc);
		if (scalar(sql) != 1)
			fail_msg("postcode %d missing", pc);
	}
	/* every centroid lies in the region, and every demo address has one */
	assert_int_equal(scalar("SELECT count(*) FROM postcode WHERE latitude NOT BETWEEN 49.2 AND 50.2 "
				"OR longitude NOT BETWEEN 7.7 AND 8.7"),
			 0);
	assert_int_equal(scalar("SELECT count(*) FROM address WHERE postal_code NOT IN (SELECT code FROM postcode)"), 0);
	/* a demo address lies within 6 km of its postcode's centroid (rough
	 * equirectangular distance; the centroids are approximate) */
	assert_int_equal(scalar("SELECT count(*) FROM address ad JOIN location l ON l.id = ad.location_id "
				"JOIN postcode p ON p.code = ad.postal_code WHERE "
				"((l.latitude - p.latitude) * 111.2) * ((l.latitude - p.latitude) * 111.2) + "
				"((l.longitude - p.longitude) * 71.7) * ((l.longitude - p.longitude) * 71.7) > 36"),
			 0);
}

int main(void)
{
	search_init(); /* the schema needs its tokenizer */
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_counts),
		cmocka_unit_test(test_every_offer_complete),
		cmocka_unit_test(test_fictional),
		cmocka_unit_test(test_confidential),
		cmocka_unit_test(test_freshness_and_log),
		cmocka_unit_test(test_partner_org),
		cmocka_unit_test(test_postcodes),
	};
	return cmocka_run_group_tests_name("directory demo", tests, setup, teardown);
}
