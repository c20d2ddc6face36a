/* test_hsds.c — the HSDS API at /api/hsds against the real server:
 * shape, paging, filters combined with AND, text search, proximity, a
 * record in full, problems, CORS, and never a confidential location.
 * Import and export are in test_hsds_exchange.c; the fixtures (imported
 * through `lotse import hsds`, so that the tests do not depend on the demo
 * data) in hsds_fixtures.c. */
#include "hsds_fixtures.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	};
	return cmocka_run_group_tests(tests, hsds_group_setup, hsds_group_teardown);
}
