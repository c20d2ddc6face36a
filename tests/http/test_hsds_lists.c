/* test_hsds_lists.c — the HSDS API's lists page by page against a slow
 * reference query on the database: every page of a list, walked to the
 * end, gives the reference's offers (or links) in the reference's order,
 * with its total, for each filter the speed work answers from memory
 * (none, taxonomy_term_id, organization_id, postcode, postcode +
 * proximity, a combination; taxonomy_id; a term with postcode and
 * proximity among the links), asked twice (the second time the filter's
 * offers come from memory), and the lists follow a change at once (an
 * offer archived, a term taken from an offer) and after the search index
 * has caught up with it. And
 * the HSDS import of new records (written as plain rows): a row the
 * database refuses is named with SQLite's reason, and nothing stays. */
#include "harness.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <jansson.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static struct server srv;

#define PER_PAGE 7

#define PUBLIC "s.archived = 0 AND s.merged_into IS NULL AND o.archived = 0 AND o.merged_into IS NULL"
#define SERVICES "SELECT s.id FROM service s JOIN organization o ON o.id = s.organization_id WHERE " PUBLIC
#define SALS                                                                                                 \
	"SELECT sal.id FROM service_at_location sal JOIN location l ON l.id = sal.location_id JOIN service s " \
	"ON s.id = sal.service_id JOIN organization o ON o.id = s.organization_id WHERE l.confidential = 0 AND " PUBLIC
/* squared metres from (?1, ?2), ?3 metres per degree of longitude there */
#define D2(lat, lon) "(((" lat ") - ?1) * 111195.0) * (((" lat ") - ?1) * 111195.0) + (((" lon ") - ?2) * ?3) * (((" lon ") - ?2) * ?3)"
#define NEAREST                                                                                              \
	"(SELECT min(" D2("l.latitude", "l.longitude") ") FROM service_at_location sal JOIN location l "     \
	"ON l.id = sal.location_id WHERE sal.service_id = s.id AND l.confidential = 0 AND l.latitude IS NOT NULL)"

static double lat0, lon0; /* the centre of postcode 55116 */

/* The ids the reference sql gives (?1..?3 the centre, ?4 a text), one
 * string "id id ... ". */
static char *reference(const char *sql, const char *text)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open_v2(srv.db, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	sqlite3_busy_timeout(db, 5000);
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("reference query: %s\n%s", sqlite3_errmsg(db), sql);
	sqlite3_bind_double(st, 1, lat0);
	sqlite3_bind_double(st, 2, lon0);
	sqlite3_bind_double(st, 3, 111195.0 * cos(lat0 * M_PI / 180));
	if (text)
		sqlite3_bind_text(st, 4, text, -1, SQLITE_TRANSIENT);
	buf b;
	buf_init(&b, 0);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		buf_printf(&b, "%s ", (const char *)sqlite3_column_text(st, 0));
	assert_int_equal(rc, SQLITE_DONE);
	sqlite3_finalize(st);
	sqlite3_close(db);
	char *out = strdup(buf_str(&b));
	buf_free(&b);
	return out;
}

static json_t *get_page(const char *path)
{
	struct reply r;
	assert_int_equal(http_get(&srv, path, &r), 0);
	if (r.status != 200)
		fail_msg("%s answered %ld:\n%.1000s", path, r.status, buf_str(&r.body));
	json_t *j = json_loads(buf_str(&r.body), 0, NULL);
	reply_free(&r);
	assert_non_null(j);
	return j;
}

/* Every page of list (a path with its query, no paging) in turn: the ids
 * joined as reference() joins them; the pages agree on the total, which
 * must be the number of ids. */
static char *walk(const char *list)
{
	buf b;
	buf_init(&b, 0);
	long total = -1, seen = 0;
	for (long page = 1;; page++) {
		char path[1024];
		snprintf(path, sizeof(path), "%s%cper_page=%d&page=%ld", list, strchr(list, '?') ? '&' : '?', PER_PAGE,
			 page);
		json_t *p = get_page(path);
		long t = (long)json_integer_value(json_object_get(p, "total_items"));
		if (total < 0)
			total = t;
		assert_int_equal(t, total);
		json_t *c = json_object_get(p, "contents");
		size_t i;
		json_t *o;
		json_array_foreach(c, i, o)
			buf_printf(&b, "%s ", json_string_value(json_object_get(o, "id")));
		seen += (long)json_array_size(c);
		int last = json_is_true(json_object_get(p, "last_page"));
		assert_int_equal(json_array_size(c), last ? total - (page - 1) * PER_PAGE : PER_PAGE);
		json_decref(p);
		if (last || page > 10000)
			break;
	}
	assert_int_equal(seen, total);
	char *out = strdup(buf_str(&b));
	buf_free(&b);
	return out;
}

/* The list walked twice (the second walk from what the first kept in
 * memory) gives the reference both times. */
static void same(const char *list, const char *sql, const char *text)
{
	char *want = reference(sql, text);
	for (int round = 0; round < 2; round++) {
		char *got = walk(list);
		if (strcmp(want, got) != 0)
			fail_msg("%s (walk %d)\n  gave      %.600s\n  reference %.600s", list, round + 1, got, want);
		free(got);
	}
	free(want);
}

/* Wait until the search index has every change (the lists then come from
 * memory, not from SQL). */
static void index_caught_up(void)
{
	assert_true(db_wait_indexed(&srv, 20) >= 0);
	/* a list request after that reads the order once */
	json_decref(get_page("/api/hsds/services?per_page=1"));
}

/* A term that many public offers have, but not all; its taxonomy. */
static char term[40], org[40], taxonomy[40];

static void pick(char *out, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open_v2(srv.db, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	snprintf(out, 40, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(db);
}

static void test_services(void **state)
{
	(void)state;
	index_caught_up();
	assert_true(db_scalar(&srv, "SELECT count(*) FROM service") > 2 * PER_PAGE);
	char list[512], sql[2048];
	same("/api/hsds/services", SERVICES " ORDER BY s.name, s.id", NULL);
	snprintf(list, sizeof(list), "/api/hsds/services?taxonomy_term_id=%s", term);
	same(list, SERVICES " AND s.id IN (SELECT link_id FROM attribute WHERE link_entity = 'service' "
			    "AND taxonomy_term_id = ?4) ORDER BY s.name, s.id",
	     term);
	snprintf(list, sizeof(list), "/api/hsds/services?organization_id=%s", org);
	same(list, SERVICES " AND s.organization_id = ?4 ORDER BY s.name, s.id", org);
	same("/api/hsds/services?postcode=55116",
	     SERVICES " AND s.id IN (SELECT sal.service_id FROM address ad JOIN location l ON l.id = ad.location_id "
		      "JOIN service_at_location sal ON sal.location_id = l.id WHERE l.confidential = 0 "
		      "AND ad.postal_code = '55116') ORDER BY s.name, s.id",
	     NULL);
	/* nearest first; within 5 km, then within 50 km with a term */
	snprintf(sql, sizeof(sql), SERVICES " AND " NEAREST " <= 5000.0 * 5000.0 ORDER BY " NEAREST ", s.name, s.id");
	same("/api/hsds/services?postcode=55116&proximity=5000", sql, NULL);
	snprintf(list, sizeof(list), "/api/hsds/services?postcode=55116&proximity=50000&taxonomy_term_id=%s", term);
	snprintf(sql, sizeof(sql),
		 SERVICES " AND " NEAREST " <= 50000.0 * 50000.0 AND s.id IN (SELECT link_id FROM attribute "
			  "WHERE link_entity = 'service' AND taxonomy_term_id = ?4) ORDER BY " NEAREST ", s.name, s.id");
	same(list, sql, term);
	snprintf(list, sizeof(list), "/api/hsds/services?taxonomy_id=%s", taxonomy);
	same(list, SERVICES " AND s.id IN (SELECT a.link_id FROM attribute a JOIN taxonomy_term t ON t.id = "
			    "a.taxonomy_term_id WHERE a.link_entity = 'service' AND t.taxonomy_id = ?4) "
			    "ORDER BY s.name, s.id",
	     taxonomy);
}

static void test_service_at_locations(void **state)
{
	(void)state;
	index_caught_up();
	char list[512];
	same("/api/hsds/service_at_locations", SALS " ORDER BY s.name, s.id, l.name, sal.id", NULL);
	snprintf(list, sizeof(list), "/api/hsds/service_at_locations?taxonomy_term_id=%s", term);
	same(list, SALS " AND s.id IN (SELECT link_id FROM attribute WHERE link_entity = 'service' "
			"AND taxonomy_term_id = ?4) ORDER BY s.name, s.id, l.name, sal.id",
	     term);
	same("/api/hsds/service_at_locations?postcode=55116",
	     SALS " AND l.id IN (SELECT location_id FROM address WHERE postal_code = '55116') "
		  "ORDER BY s.name, s.id, l.name, sal.id",
	     NULL);
	same("/api/hsds/service_at_locations?postcode=55116&proximity=8000",
	     SALS " AND l.latitude IS NOT NULL AND " D2("l.latitude", "l.longitude") " <= 8000.0 * 8000.0 "
		  "ORDER BY " D2("l.latitude", "l.longitude") ", s.name, s.id, l.name, sal.id",
	     NULL);
	snprintf(list, sizeof(list), "/api/hsds/service_at_locations?taxonomy_term_id=%s&postcode=55116&proximity=50000",
		 term);
	same(list,
	     SALS " AND s.id IN (SELECT link_id FROM attribute WHERE link_entity = 'service' AND taxonomy_term_id = ?4) "
		  "AND l.latitude IS NOT NULL AND " D2("l.latitude", "l.longitude") " <= 50000.0 * 50000.0 "
		  "ORDER BY " D2("l.latitude", "l.longitude") ", s.name, s.id, l.name, sal.id",
	     term);
}

/* A term taken from an offer: the term's lists lose it at once (SQL
 * answers while the index waits) and once the index has it (the term's
 * offers read again with the new order), and get it back. */
static void test_follows_term_changes(void **state)
{
	(void)state;
	index_caught_up();
	char id[40], list[512], sql[1024];
	snprintf(sql, sizeof(sql),
		 SERVICES " AND s.id IN (SELECT link_id FROM attribute WHERE link_entity = 'service' AND "
			  "taxonomy_term_id = '%s') ORDER BY s.name, s.id LIMIT 1",
		 term);
	pick(id, sql);
	snprintf(list, sizeof(list), "/api/hsds/services?taxonomy_term_id=%s", term);
	const char *ref = SERVICES " AND s.id IN (SELECT link_id FROM attribute WHERE link_entity = 'service' "
				   "AND taxonomy_term_id = ?4) ORDER BY s.name, s.id";
	same(list, ref, term); /* the term's offers now kept in memory */
	assert_int_equal(db_scalarf(&srv, "CREATE TABLE kept_link AS SELECT * FROM attribute WHERE link_entity = "
					  "'service' AND link_id = '%s' AND taxonomy_term_id = '%s'",
				    id, term),
			 0);
	assert_int_equal(db_scalarf(&srv, "DELETE FROM attribute WHERE link_entity = 'service' AND link_id = '%s' "
					  "AND taxonomy_term_id = '%s'",
				    id, term),
			 0);
	for (int round = 0; round < 2; round++) {
		char *got = walk(list);
		assert_null(strstr(got, id));
		free(got);
		same(list, ref, term);
		index_caught_up();
	}
	assert_int_equal(db_scalar(&srv, "INSERT INTO attribute SELECT * FROM kept_link"), 0);
	assert_int_equal(db_scalar(&srv, "DROP TABLE kept_link"), 0);
	index_caught_up();
	char *got = walk(list);
	assert_non_null(strstr(got, id));
	free(got);
	same(list, ref, term);
}

/* An offer archived leaves the lists at once (the change waits for the
 * index: SQL answers) and stays out once the index has it. */
static void test_follows_changes(void **state)
{
	(void)state;
	index_caught_up();
	char id[40], path[256];
	pick(id, SERVICES " ORDER BY s.name, s.id LIMIT 1");
	long before = db_scalar(&srv, "SELECT count(*) FROM service s JOIN organization o ON o.id = s.organization_id "
				      "WHERE " PUBLIC);
	assert_int_equal(db_scalarf(&srv, "UPDATE service SET archived = 1 WHERE id = '%s'", id), 0);
	for (int round = 0; round < 2; round++) {
		json_t *p = get_page("/api/hsds/services?per_page=1");
		assert_int_equal(json_integer_value(json_object_get(p, "total_items")), before - 1);
		const char *first = json_string_value(json_object_get(json_array_get(json_object_get(p, "contents"), 0), "id"));
		assert_string_not_equal(first, id);
		json_decref(p);
		same("/api/hsds/services", SERVICES " ORDER BY s.name, s.id", NULL);
		snprintf(path, sizeof(path), "/api/hsds/service_at_locations?organization_id=%s", org);
		same(path, SALS " AND s.organization_id = ?4 ORDER BY s.name, s.id, l.name, sal.id", org);
		index_caught_up();
	}
	assert_int_equal(db_scalarf(&srv, "UPDATE service SET archived = 0 WHERE id = '%s'", id), 0);
}

/* Two links of one new offer to the same term under two ids: the checks
 * pass (each row is fine), the table's key refuses the second. */
static void test_import_refused_row(void **state)
{
	(void)state;
	char dir[400], csv[1024];
	snprintf(dir, sizeof(dir), "%s/refused", srv.dir);
	assert_int_equal(mkdir(dir, 0700), 0);
	file_write(dir, "organizations.csv", "id,name\r\neeeeeeee-0000-4000-8000-000000000001,Neuer Träger\r\n");
	file_write(dir, "services.csv", "id,organization_id,name\r\n"
				      "eeeeeeee-0000-4000-8000-000000000002,eeeeeeee-0000-4000-8000-000000000001,Neues Angebot\r\n");
	snprintf(csv, sizeof(csv),
		 "id,link_id,taxonomy_term_id,link_type,link_entity,value\r\n"
		 "eeeeeeee-0000-4000-8000-000000000003,eeeeeeee-0000-4000-8000-000000000002,%s,,service,\r\n"
		 "eeeeeeee-0000-4000-8000-000000000004,eeeeeeee-0000-4000-8000-000000000002,%s,,service,\r\n",
		 term, term);
	file_write(dir, "attributes.csv", csv);
	buf out;
	buf_init(&out, 0);
	assert_int_not_equal(run_lotse(&out, "import", "hsds", "--db", srv.db, dir, NULL), 0);
	assert_contains(buf_str(&out), "attributes.csv:3: could not be written: UNIQUE constraint failed");
	buf_free(&out);
	assert_int_equal(db_scalar(&srv, "SELECT count(*) FROM organization WHERE id = 'eeeeeeee-0000-4000-8000-000000000001'"), 0);
	assert_int_equal(db_scalar(&srv, "SELECT count(*) FROM service WHERE id = 'eeeeeeee-0000-4000-8000-000000000002'"), 0);
}

static int group_setup(void **state)
{
	(void)state;
	if (harness_group_setup(&srv, NULL, NULL) != 0)
		return -1;
	db_scalar(&srv, "INSERT OR IGNORE INTO postcode(code, city, latitude, longitude) "
			"VALUES ('55116', 'Mainz', 50.0, 8.27)");
	sqlite3 *db;
	sqlite3_stmt *st;
	if (sqlite3_open_v2(srv.db, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "SELECT latitude, longitude FROM postcode WHERE code = '55116'", -1, &st, NULL) !=
		    SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW)
		return -1;
	lat0 = sqlite3_column_double(st, 0);
	lon0 = sqlite3_column_double(st, 1);
	sqlite3_finalize(st);
	sqlite3_close(db);
	pick(term, "SELECT a.taxonomy_term_id FROM attribute a JOIN service s ON s.id = a.link_id "
		   "WHERE a.link_entity = 'service' AND s.archived = 0 GROUP BY a.taxonomy_term_id "
		   "HAVING count(*) > 3 AND count(*) < (SELECT count(*) FROM service) ORDER BY count(*) DESC, 1 LIMIT 1");
	pick(taxonomy, "SELECT taxonomy_id FROM taxonomy_term WHERE id = (SELECT a.taxonomy_term_id FROM attribute a "
		       "JOIN service s ON s.id = a.link_id WHERE a.link_entity = 'service' GROUP BY a.taxonomy_term_id "
		       "HAVING count(*) > 3 ORDER BY count(*) DESC, 1 LIMIT 1)");
	pick(org, "SELECT organization_id FROM service GROUP BY organization_id ORDER BY count(*) DESC, 1 LIMIT 1");
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	return harness_group_teardown(&srv, NULL);
}

int main(int argc, char **argv)
{
	if (argc > 1)
		harness_bin = argv[1];
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_services),
		cmocka_unit_test(test_service_at_locations),
		cmocka_unit_test(test_follows_changes),
		cmocka_unit_test(test_follows_term_changes),
		cmocka_unit_test(test_import_refused_row),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
