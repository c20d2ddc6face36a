/* test_directory.c — the directory model: saving and reading offers,
 * providers and locations, the change log, archive and verify. */
#include "directory/directory.h"
#include "directory/public/public_internal.h"
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
	if (testdb_open(&tdb) != 0)
		return -1;
	db = tdb.s;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	return testdb_close(&tdb);
}

static long scalar(const char *sql)
{
	return testdb_scalar(db, sql);
}

static void test_uuid(void **state)
{
	(void)state;
	char a[37], b[37];
	dir_uuid(a);
	dir_uuid(b);
	assert_true(dir_is_uuid(a));
	assert_string_not_equal(a, b);
	assert_int_equal(a[14], '4');
	assert_false(dir_is_uuid("not-a-uuid"));
	assert_false(dir_is_uuid("123e4567-e89b-12d3-a456-42661417400g"));
	assert_true(dir_is_uuid("123E4567-E89B-12D3-A456-426614174000"));
	assert_false(dir_is_uuid("123e4567-e89b-12d3-a456-4266141740001")); /* one too many */
	assert_false(dir_is_uuid("123e4567-e89b-12d3-a456-42661417400"));   /* one too few */
	assert_false(dir_is_uuid("123e4567e-89b-12d3-a456-426614174000"));  /* a dash moved */
	assert_false(dir_is_uuid("123e4567-e89b-12d3-a456-42661417400G"));
	assert_false(dir_is_uuid("123e4567-e89b-12d3-a456-42661417400@")); /* '@' | 0x20 is '`' */
	assert_false(dir_is_uuid(""));
	assert_false(dir_is_uuid(NULL));
}

static void test_taxonomies(void **state)
{
	(void)state;
	arena *a = arena_new();
	size_t n;
	struct dir_taxonomy *t = dir_taxonomies(db, a, "en", &n);
	assert_int_equal(n, 5);
	const struct dir_term *x = dir_term_find(t, n, "zielgruppe", "gefluechtete");
	assert_non_null(x);
	assert_string_equal(x->name, "Refugees");
	t = dir_taxonomies(db, a, "de", &n);
	x = dir_term_find(t, n, "angebotsart", "sprachfoerderung");
	assert_non_null(x);
	assert_string_equal(x->name, "Sprachförderung");
	assert_null(dir_term_find(t, n, "angebotsart", "gibtsnicht"));
	arena_free(a);
}

static void test_save_and_read(void **state)
{
	(void)state;
	arena *a = arena_new();
	char org_id[37], loc_id[37], hidden_id[37], svc_id[37];
	struct dir_org o = { .name = "Jugendmigrationsdienst Mainz (Beispiel)", .email = "jmd@example.org",
			     .year_incorporated = -1 };
	assert_int_equal(dir_org_save(db, &o, "test", org_id), ST_OK);
	struct dir_location l = { .organization_id = org_id, .name = "Beratungsstelle", .has_coords = 1,
				  .latitude = 49.999, .longitude = 8.27, .has_address = 1,
				  .address = { .address_1 = "Musterstraße 1", .city = "Mainz", .postal_code = "55116" } };
	assert_int_equal(dir_location_save(db, &l, "test", loc_id), ST_OK);
	struct dir_location hidden = { .organization_id = org_id, .name = "Geschützte Adresse", .confidential = 1,
				       .has_address = 1, .address = { .address_1 = "Geheimweg 7", .city = "Mainz" } };
	assert_int_equal(dir_location_save(db, &hidden, "test", hidden_id), ST_OK);

	size_t nt;
	struct dir_taxonomy *tax = dir_taxonomies(db, a, "de", &nt);
	struct dir_term terms[] = { *dir_term_find(tax, nt, "angebotsart", "beratung"),
				    *dir_term_find(tax, nt, "zielgruppe", "gefluechtete") };
	struct dir_location locs[2] = { { .id = loc_id }, { .id = hidden_id } };
	struct dir_language langs[] = { { .code = "de", .name = "Deutsch" }, { .code = "ar", .name = "Arabisch" } };
	struct dir_phone phones[] = { { .number = "06131 000000" } };
	struct dir_schedule sch[] = { { .description = "Mo–Fr 9–12 Uhr", .byday = "MO,TU,WE,TH,FR", .interval = -1 } };
	const char *funding[] = { "Bund" };
	struct dir_service sv = {
		.organization_id = org_id, .name = "Migrationsberatung für junge Menschen",
		.description = "Beratung zu Schule, Ausbildung und Beruf.", .status = "active",
		.free_of_charge = 1, .minimum_age = 12, .maximum_age = 27, .capacity = -1, .delivery = "mixed",
		.locations = locs, .n_locations = 2, .languages = langs, .n_languages = 2,
		.phones = phones, .n_phones = 1, .schedules = sch, .n_schedules = 1,
		.funding = funding, .n_funding = 1, .terms = terms, .n_terms = 2,
	};
	assert_int_equal(dir_service_save(db, &sv, "editor@example.org", svc_id), ST_OK);
	assert_true(dir_is_uuid(svc_id));

	struct dir_service got;
	assert_int_equal(dir_service_get(db, a, svc_id, "en", DIR_PUBLIC, &got), ST_OK);
	assert_string_equal(got.name, sv.name);
	assert_string_equal(got.organization_name, o.name);
	assert_int_equal(got.minimum_age, 12);
	assert_int_equal(got.capacity, -1);
	assert_int_equal(got.n_languages, 2);
	assert_int_equal(got.n_terms, 2);
	assert_int_equal(got.n_funding, 1);
	assert_string_equal(got.schedules[0].description, "Mo–Fr 9–12 Uhr");
	/* the confidential location is not public */
	assert_int_equal(got.n_locations, 1);
	assert_string_equal(got.locations[0].address.address_1, "Musterstraße 1");
	assert_true(got.locations[0].has_coords);
	assert_int_equal(dir_service_get(db, a, svc_id, "de", DIR_STAFF, &got), ST_OK);
	assert_int_equal(got.n_locations, 2);
	struct dir_org go;
	assert_int_equal(dir_org_get(db, a, org_id, "de", DIR_PUBLIC, &go), ST_OK);
	assert_int_equal(go.n_locations, 1);

	/* an edit is logged field by field */
	long before = scalar("SELECT count(*) FROM metadata");
	got.name = "Migrationsberatung für junge Menschen (JMD)";
	got.n_languages = 1;
	got.locations = locs;
	got.n_locations = 2;
	assert_int_equal(dir_service_save(db, &got, "editor@example.org", NULL), ST_OK);
	assert_int_equal(scalar("SELECT count(*) FROM metadata") - before, 2);
	assert_int_equal(scalar("SELECT count(*) FROM metadata WHERE field_name = 'name' AND "
				"previous_value = 'Migrationsberatung für junge Menschen' AND updated_by = "
				"'editor@example.org'"), 1);
	assert_int_equal(scalar("SELECT count(*) FROM metadata WHERE field_name = 'languages' AND "
				"previous_value = 'de; ar' AND replacement_value = 'de'"), 1);

	/* verify and archive */
	assert_int_equal(dir_service_verify(db, svc_id, "partner@example.org"), ST_OK);
	assert_int_equal(dir_service_get(db, a, svc_id, "de", DIR_PUBLIC, &got), ST_OK);
	assert_non_null(got.assured_date);
	assert_int_equal(dir_service_archive(db, svc_id, 1, "editor@example.org"), ST_OK);
	assert_int_equal(dir_service_get(db, a, svc_id, "de", DIR_PUBLIC, &got), ST_NOTFOUND);
	assert_int_equal(dir_service_get(db, a, svc_id, "de", DIR_STAFF, &got), ST_OK);
	size_t n;
	struct dir_service *offers;
	assert_int_equal(dir_org_services(db, a, org_id, DIR_PUBLIC, &offers, &n), ST_OK);
	assert_int_equal(n, 0);
	assert_int_equal(dir_org_services(db, a, org_id, DIR_STAFF, &offers, &n), ST_OK);
	assert_int_equal(n, 1);

	/* unknown ids and bad references */
	assert_int_equal(dir_service_get(db, a, "00000000-0000-4000-8000-000000000000", "de", DIR_STAFF, &got),
			 ST_NOTFOUND);
	struct dir_service bad = { .organization_id = "00000000-0000-4000-8000-000000000000", .name = "x",
				   .minimum_age = -1, .maximum_age = -1, .capacity = -1 };
	assert_int_equal(dir_service_save(db, &bad, "test", NULL), ST_CONFLICT);
	struct dir_service ages = { .organization_id = org_id, .name = "x", .minimum_age = 30, .maximum_age = 20,
				    .capacity = -1 };
	assert_int_equal(dir_service_save(db, &ages, "test", NULL), ST_CONFLICT);
	arena_free(a);
}

/* A save made from an older version is DIR_STALE and writes nothing;
 * every save counts the version up; unchecked saves (edit_version 0) stay
 * as they were. */
static void test_versions(void **state)
{
	(void)state;
	arena *a = arena_new();
	char org_id[37], loc_id[37], svc_id[37];
	struct dir_org o = { .name = "Versionen e. V.", .year_incorporated = -1 };
	assert_int_equal(dir_org_save(db, &o, "test", org_id), ST_OK);
	struct dir_service sv = { .organization_id = org_id, .name = "Sprachcafé", .minimum_age = -1,
				  .maximum_age = -1, .capacity = -1 };
	assert_int_equal(dir_service_save(db, &sv, "test", svc_id), ST_OK);
	struct dir_service one, two;
	assert_int_equal(dir_service_get(db, a, svc_id, "de", DIR_STAFF, &one), ST_OK);
	assert_int_equal(one.version, 1);
	assert_int_equal(one.edit_version, 0);
	assert_int_equal(dir_service_get(db, a, svc_id, "de", DIR_STAFF, &two), ST_OK);
	/* two edits of version 1: the first is saved, the second refused */
	one.edit_version = two.edit_version = one.version;
	one.name = "Sprachcafé am Montag";
	two.name = "Sprachcafé am Dienstag";
	long log = scalar("SELECT count(*) FROM metadata");
	assert_int_equal(dir_service_save(db, &one, "a@example.org", NULL), ST_OK);
	assert_int_equal(dir_service_save(db, &two, "b@example.org", NULL), DIR_STALE);
	assert_int_equal(scalar("SELECT count(*) FROM metadata") - log, 1);
	assert_int_equal(dir_service_get(db, a, svc_id, "de", DIR_STAFF, &two), ST_OK);
	assert_string_equal(two.name, "Sprachcafé am Montag");
	assert_int_equal(two.version, 2);
	/* "geprüft" changes a field of the form: a new version */
	assert_int_equal(dir_service_verify(db, svc_id, "c@example.org"), ST_OK);
	assert_int_equal(scalar("SELECT version FROM service WHERE name = 'Sprachcafé am Montag'"), 3);
	/* unchecked, as imports and merges save */
	two.edit_version = 0;
	assert_int_equal(dir_service_save(db, &two, "import", NULL), ST_OK);
	assert_int_equal(scalar("SELECT version FROM service WHERE name = 'Sprachcafé am Montag'"), 4);

	/* providers and locations alike */
	struct dir_org go;
	assert_int_equal(dir_org_get(db, a, org_id, "de", DIR_STAFF, &go), ST_OK);
	go.edit_version = go.version;
	assert_int_equal(dir_org_save(db, &go, "a@example.org", NULL), ST_OK);
	assert_int_equal(dir_org_save(db, &go, "b@example.org", NULL), DIR_STALE);
	struct dir_location l = { .organization_id = org_id, .name = "Haus am Markt" };
	assert_int_equal(dir_location_save(db, &l, "test", loc_id), ST_OK);
	struct dir_location m = { .id = loc_id, .organization_id = org_id, .name = "Haus am Dom", .edit_version = 1 };
	assert_int_equal(dir_location_save(db, &m, "a@example.org", NULL), ST_OK);
	m.name = "Haus am Rhein";
	assert_int_equal(dir_location_save(db, &m, "b@example.org", NULL), DIR_STALE);
	assert_int_equal(scalar("SELECT count(*) FROM location WHERE name = 'Haus am Dom' AND version = 2"), 1);
	arena_free(a);
}

/* The ids of a Merkliste link (#12): ids only, case folded, spaces
 * trimmed, repeats dropped, at most max; everything else counted as bad. */
static void test_keep_parse(void **state)
{
	(void)state;
	arena *a = arena_new();
	const char *ids[DIR_PUBLIC_KEEP_MAX];
	size_t bad = 99;
	assert_int_equal(dir_public_keep_parse(a, NULL, ids, DIR_PUBLIC_KEEP_MAX, &bad), 0);
	assert_int_equal(bad, 0);
	assert_int_equal(dir_public_keep_parse(a, ",, ,", ids, DIR_PUBLIC_KEEP_MAX, &bad), 0);
	assert_int_equal(bad, 0);
	size_t n = dir_public_keep_parse(a,
					 " 00000000-0000-4000-8000-0000000000AB ,x,00000000-0000-4000-8000-0000000000ab,"
					 "00000000-0000-4000-8000-00000000000g,00000000-0000-4000-8000-000000000001",
					 ids, DIR_PUBLIC_KEEP_MAX, &bad);
	assert_int_equal(n, 2);
	assert_int_equal(bad, 2);
	assert_string_equal(ids[0], "00000000-0000-4000-8000-0000000000ab");
	assert_string_equal(ids[1], "00000000-0000-4000-8000-000000000001");
	/* 55 ids: the first 50, five too many */
	char big[60 * 37 + 1] = "";
	size_t len = 0;
	for (int i = 0; i < 55; i++)
		len += (size_t)snprintf(big + len, sizeof(big) - len, "%s00000000-0000-4000-8000-%012d", i ? "," : "", i);
	n = dir_public_keep_parse(a, big, ids, DIR_PUBLIC_KEEP_MAX, &bad);
	assert_int_equal(n, DIR_PUBLIC_KEEP_MAX);
	assert_int_equal(bad, 5);
	assert_string_equal(ids[49], "00000000-0000-4000-8000-000000000049");
	/* a smaller max, and no more than the limit even when asked */
	assert_int_equal(dir_public_keep_parse(a, big, ids, 3, &bad), 3);
	assert_int_equal(bad, 52);
	assert_int_equal(dir_public_keep_parse(a, big, ids, 1000, NULL), DIR_PUBLIC_KEEP_MAX);
	arena_free(a);
}

int main(void)
{
	search_init(); /* the schema needs its tokenizer */
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_uuid),
		cmocka_unit_test(test_keep_parse),
		cmocka_unit_test(test_taxonomies),
		cmocka_unit_test(test_save_and_read),
		cmocka_unit_test(test_versions),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
