/* test_hsds_bulk.c — `lotse import hsds` of a file set of several
 * thousand services, as a user runs it: every record and every row of
 * its lists is read back from the database afterwards; the same set with
 * two bad rows near the end of the biggest files is refused whole, each
 * bad row named by file and line; imported again over itself (every
 * record stored: the update path) it changes what changed and adds no
 * row. The rows are not in id order, as files from elsewhere are not.
 * Under ASan the set is 1,200 services, not 3,000 (the import reads them
 * record by record however many there are; the size there costs minutes
 * of the sanitizer suite and proves nothing more). */
#include "harness.h"

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
#include <unistd.h>

#define N_SVC (HARNESS_SANITIZED ? 1200 : 3000)
#define N_ORG 60
#define N_LOC 150
/* two terms of the default taxonomies (lotse init) */
#define TERM_SCHULE "fdf2f342-19da-52f6-86b9-0cc17b637fc1"
#define TERM_AUSBILDUNG "ef62042d-028a-5b91-a197-67b889b29103"

static char tmp[256];

/* The id of record i of kind k (1 org, 2 location, 3 service, ...):
 * scattered, so that file order is not id order. */
static const char *id(int k, int i, char out[37])
{
	uint32_t h = (uint32_t)(i + 1) * 2654435761u;
	snprintf(out, 37, "%08x-%04x-4000-8000-%012x", h, k, i + 1);
	return out;
}

static FILE *open_csv(const char *dir, const char *name, const char *header)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fprintf(f, "%s\r\n", header);
	return f;
}

/* The file set; with bad = 1, one attribute names no term and one
 * language code is not one (both near the end of their files). */
static void write_set(const char *dir, int bad, const char *suffix)
{
	mkdir(dir, 0700);
	char a[37], b[37], c[37];
	FILE *f = open_csv(dir, "organizations.csv", "id,name,description");
	for (int i = 0; i < N_ORG; i++)
		fprintf(f, "%s,Träger %d%s,\"Beschreibung, %d\"\r\n", id(1, i, a), i, suffix, i);
	fclose(f);
	f = open_csv(dir, "locations.csv", "id,organization_id,name,latitude,longitude");
	for (int i = 0; i < N_LOC; i++)
		fprintf(f, "%s,%s,Ort %d,49.%04d,8.%04d\r\n", id(2, i, a), id(1, i % N_ORG, b), i, i, i);
	fclose(f);
	f = open_csv(dir, "addresses.csv", "id,location_id,address_1,city,postal_code");
	for (int i = 0; i < N_LOC; i++)
		fprintf(f, "%s,%s,Weg %d,Mainz,551%02d\r\n", id(4, i, a), id(2, i, b), i, i % 100);
	fclose(f);
	f = open_csv(dir, "services.csv", "id,organization_id,name,description,minimum_age,maximum_age");
	for (int i = 0; i < N_SVC; i++)
		fprintf(f, "%s,%s,Angebot %d%s,\"Zeile eins %d\nZeile zwei\",%d,%d\r\n", id(3, i, a),
			id(1, i % N_ORG, b), i, suffix, i, i % 20, 20 + i % 30);
	fclose(f);
	f = open_csv(dir, "service_at_location.csv", "id,service_id,location_id");
	for (int i = 0; i < N_SVC; i++)
		fprintf(f, "%s,%s,%s\r\n", id(5, i, a), id(3, i, b), id(2, i % N_LOC, c));
	fclose(f);
	f = open_csv(dir, "attributes.csv", "id,link_id,taxonomy_term_id,link_entity");
	for (int i = 0; i < N_SVC; i++) {
		fprintf(f, "%s,%s,%s,service\r\n", id(6, 2 * i, a), id(3, i, b), TERM_SCHULE);
		fprintf(f, "%s,%s,%s,service\r\n", id(6, 2 * i + 1, a), id(3, i, b),
			bad && i == N_SVC - 3 ? "eeeeeeee-0000-4000-8000-000000000000" : TERM_AUSBILDUNG);
	}
	fclose(f);
	f = open_csv(dir, "languages.csv", "id,service_id,name,code");
	for (int i = 0; i < N_SVC; i++) {
		fprintf(f, "%s,%s,Deutsch,de\r\n", id(7, 2 * i, a), id(3, i, b));
		fprintf(f, "%s,%s,Arabisch,%s\r\n", id(7, 2 * i + 1, a), id(3, i, b), bad && i == N_SVC - 2 ? "a1" : "ar");
	}
	fclose(f);
	f = open_csv(dir, "schedules.csv", "id,service_id,freq,byday,opens_at,closes_at");
	for (int i = 0; i < N_SVC; i++)
		fprintf(f, "%s,%s,WEEKLY,MO,%02d:00,18:00\r\n", id(8, i, a), id(3, i, b), 8 + i % 4);
	fclose(f);
	f = open_csv(dir, "funding.csv", "id,service_id,source");
	for (int i = 0; i < N_SVC; i++)
		fprintf(f, "%s,%s,ESF %d\r\n", id(9, i, a), id(3, i, b), i);
	fclose(f);
	f = open_csv(dir, "phones.csv", "id,service_id,number");
	for (int i = 0; i < N_SVC; i++)
		fprintf(f, "%s,%s,06131 %d\r\n", id(10, i, a), id(3, i, b), 100000 + i);
	fclose(f);
}

static sqlite3 *open_db(const char *path)
{
	sqlite3 *db;
	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	return db;
}

static long count(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	long n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* Every record of the set, read back one by one. */
static void check_all(const char *path, const char *suffix)
{
	sqlite3 *db = open_db(path);
	char a[37], b[37], want[200];
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db,
		"SELECT s.name, s.description, s.organization_id, s.minimum_age, s.maximum_age, "
		"(SELECT group_concat(taxonomy_term_id, ' ') FROM (SELECT taxonomy_term_id FROM attribute "
		" WHERE link_entity = 'service' AND link_id = s.id ORDER BY taxonomy_term_id)), "
		"(SELECT group_concat(code, ' ') FROM (SELECT code FROM language WHERE service_id = s.id ORDER BY code)), "
		"(SELECT opens_at || '-' || closes_at || ' ' || freq || ' ' || byday FROM schedule WHERE service_id = s.id), "
		"(SELECT source FROM funding WHERE service_id = s.id), "
		"(SELECT number FROM phone WHERE service_id = s.id), "
		"(SELECT location_id FROM service_at_location WHERE service_id = s.id) "
		"FROM service s WHERE s.id = ?", -1, &st, NULL), SQLITE_OK);
	for (int i = 0; i < N_SVC; i++) {
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, id(3, i, a), -1, SQLITE_TRANSIENT);
		if (sqlite3_step(st) != SQLITE_ROW)
			fail_msg("service %d (%s) is missing", i, a);
		snprintf(want, sizeof(want), "Angebot %d%s", i, suffix);
		assert_string_equal((const char *)sqlite3_column_text(st, 0), want);
		snprintf(want, sizeof(want), "Zeile eins %d\nZeile zwei", i);
		assert_string_equal((const char *)sqlite3_column_text(st, 1), want);
		assert_string_equal((const char *)sqlite3_column_text(st, 2), id(1, i % N_ORG, b));
		assert_int_equal(sqlite3_column_int(st, 3), i % 20);
		assert_int_equal(sqlite3_column_int(st, 4), 20 + i % 30);
		assert_string_equal((const char *)sqlite3_column_text(st, 5), TERM_AUSBILDUNG " " TERM_SCHULE);
		assert_string_equal((const char *)sqlite3_column_text(st, 6), "ar de");
		snprintf(want, sizeof(want), "%02d:00-18:00 WEEKLY MO", 8 + i % 4);
		assert_string_equal((const char *)sqlite3_column_text(st, 7), want);
		snprintf(want, sizeof(want), "ESF %d", i);
		assert_string_equal((const char *)sqlite3_column_text(st, 8), want);
		snprintf(want, sizeof(want), "06131 %d", 100000 + i);
		assert_string_equal((const char *)sqlite3_column_text(st, 9), want);
		assert_string_equal((const char *)sqlite3_column_text(st, 10), id(2, i % N_LOC, b));
	}
	sqlite3_finalize(st);
	assert_int_equal(sqlite3_prepare_v2(db,
		"SELECT l.name, l.organization_id, a.address_1, a.postal_code FROM location l "
		"JOIN address a ON a.location_id = l.id WHERE l.id = ?", -1, &st, NULL), SQLITE_OK);
	for (int i = 0; i < N_LOC; i++) {
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, id(2, i, a), -1, SQLITE_TRANSIENT);
		if (sqlite3_step(st) != SQLITE_ROW)
			fail_msg("location %d (%s) is missing", i, a);
		snprintf(want, sizeof(want), "Ort %d", i);
		assert_string_equal((const char *)sqlite3_column_text(st, 0), want);
		assert_string_equal((const char *)sqlite3_column_text(st, 1), id(1, i % N_ORG, b));
		snprintf(want, sizeof(want), "Weg %d", i);
		assert_string_equal((const char *)sqlite3_column_text(st, 2), want);
		snprintf(want, sizeof(want), "551%02d", i % 100);
		assert_string_equal((const char *)sqlite3_column_text(st, 3), want);
	}
	sqlite3_finalize(st);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT name, description FROM organization WHERE id = ?", -1, &st, NULL),
			 SQLITE_OK);
	for (int i = 0; i < N_ORG; i++) {
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, id(1, i, a), -1, SQLITE_TRANSIENT);
		if (sqlite3_step(st) != SQLITE_ROW)
			fail_msg("organization %d (%s) is missing", i, a);
		snprintf(want, sizeof(want), "Träger %d%s", i, suffix);
		assert_string_equal((const char *)sqlite3_column_text(st, 0), want);
		snprintf(want, sizeof(want), "Beschreibung, %d", i);
		assert_string_equal((const char *)sqlite3_column_text(st, 1), want);
	}
	sqlite3_finalize(st);
	/* and nothing more than the files hold */
	assert_int_equal(count(db, "SELECT count(*) FROM service"), N_SVC);
	assert_int_equal(count(db, "SELECT count(*) FROM organization"), N_ORG);
	assert_int_equal(count(db, "SELECT count(*) FROM location"), N_LOC);
	assert_int_equal(count(db, "SELECT count(*) FROM address"), N_LOC);
	assert_int_equal(count(db, "SELECT count(*) FROM service_at_location"), N_SVC);
	assert_int_equal(count(db, "SELECT count(*) FROM attribute WHERE link_entity = 'service'"), 2 * N_SVC);
	assert_int_equal(count(db, "SELECT count(*) FROM language"), 2 * N_SVC);
	assert_int_equal(count(db, "SELECT count(*) FROM schedule"), N_SVC);
	assert_int_equal(count(db, "SELECT count(*) FROM funding"), N_SVC);
	assert_int_equal(count(db, "SELECT count(*) FROM phone"), N_SVC);
	/* the finder's index is complete when the command returns */
	assert_int_equal(count(db, "SELECT count(*) FROM search_dirty"), 0);
	sqlite3_close(db);
}

static void test_bulk_import(void **state)
{
	(void)state;
	char db[400], set[400], bad[400], again[400];
	snprintf(db, sizeof(db), "%s/bulk.db", tmp);
	snprintf(set, sizeof(set), "%s/set", tmp);
	snprintf(bad, sizeof(bad), "%s/bad", tmp);
	snprintf(again, sizeof(again), "%s/again", tmp);
	buf out;
	buf_init(&out, 0);
	assert_int_equal(run_lotse(&out, "init", "--db", db, NULL), 0);

	/* two bad rows near the end of the big files: nothing is written */
	write_set(bad, 1, "");
	buf_reset(&out);
	assert_int_equal(run_lotse(&out, "import", "hsds", "--db", db, bad, NULL), 1);
	char line[64];
	snprintf(line, sizeof(line), "attributes.csv:%d: taxonomy_term_id:", 2 * (N_SVC - 3) + 3);
	assert_contains(buf_str(&out), line);
	snprintf(line, sizeof(line), "languages.csv:%d: code:", 2 * (N_SVC - 2) + 3);
	assert_contains(buf_str(&out), line);
	assert_contains(buf_str(&out), "2 problems; nothing was imported");
	sqlite3 *h = open_db(db);
	assert_int_equal(count(h, "SELECT count(*) FROM service"), 0);
	assert_int_equal(count(h, "SELECT count(*) FROM organization"), 0);
	assert_int_equal(count(h, "SELECT count(*) FROM attribute WHERE link_entity = 'service'"), 0);
	assert_int_equal(count(h, "SELECT count(*) FROM language"), 0);
	sqlite3_close(h);

	/* the good set: every record as the files have it */
	write_set(set, 0, "");
	buf_reset(&out);
	if (run_lotse(&out, "import", "hsds", "--db", db, set, NULL) != 0)
		fail_msg("the import failed:\n%s", buf_str(&out));
	snprintf(line, sizeof(line), "search index: %d offers", N_SVC);
	assert_contains(buf_str(&out), line);
	check_all(db, "");

	/* again over itself, with new names: updated, no row added */
	write_set(again, 0, " (neu)");
	buf_reset(&out);
	if (run_lotse(&out, "import", "hsds", "--db", db, again, NULL) != 0)
		fail_msg("the second import failed:\n%s", buf_str(&out));
	check_all(db, " (neu)");
	buf_free(&out);
}

static int setup(void **state)
{
	(void)state;
	snprintf(tmp, sizeof(tmp), "%s/lotse-hsds-bulk-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	return mkdtemp(tmp) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[400];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmp);
	return system(cmd) == 0 ? 0 : -1;
}

int main(int argc, char **argv)
{
	if (argc > 1)
		harness_bin = argv[1];
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bulk_import),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
