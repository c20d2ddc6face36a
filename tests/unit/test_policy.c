/* test_policy.c — the committee model: dates and times (OParl filter
 * bounds to UTC, Mainz local time to UTC and back), the demo's visibility
 * (what the public reads leaves out non-public items, papers and files),
 * soft delete, and the OParl importer on good, 1.0 and bad objects with
 * nothing half-stored; the order of a decision process's steps. */
#include "../support/testdb.h"
#include "core/buf.h"
#include "core/i18n.h"
#include "policy/editor_internal.h"
#include "policy/oparl_internal.h"
#include "policy/policy.h"
#include "policy/policy_internal.h"
#include "search/search.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

static void test_utc(void **state)
{
	(void)state;
	arena *a = arena_new();
	assert_string_equal(pol_utc(a, "2026-01-31"), "2026-01-31T00:00:00Z");
	assert_string_equal(pol_utc(a, "2026-01-31T12:00:00+01:00"), "2026-01-31T11:00:00Z");
	assert_string_equal(pol_utc(a, "2026-01-31T12:00:00 01:00"), "2026-01-31T11:00:00Z"); /* '+' as a space */
	assert_string_equal(pol_utc(a, "2026-01-31T00:30:00.123-02:00"), "2026-01-31T02:30:00Z");
	assert_string_equal(pol_utc(a, "2026-03-01T00:10Z"), "2026-03-01T00:10:00Z");
	const char *bad[] = { "", "gestern", "2026-02-30", "2026-01-31T25:00:00Z", "2026-01-31T12:00:00+1", "2026-01-31X",
			      "2026-01-31T12:00:00Zx" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (pol_utc(a, bad[i]))
			fail_msg("pol_utc accepted %s", bad[i]);
	assert_true(pol_is_date("2024-02-29"));
	assert_false(pol_is_date("2025-02-29"));
	arena_free(a);
}

static void test_local_time(void **state)
{
	(void)state;
	char out[21], d[11], t[6];
	assert_int_equal(pol_local_to_utc("2027-01-20", "18:00", out), 0);
	assert_string_equal(out, "2027-01-20T17:00:00Z"); /* CET */
	assert_int_equal(pol_local_to_utc("2027-07-01", "18:00", out), 0);
	assert_string_equal(out, "2027-07-01T16:00:00Z"); /* CEST */
	assert_int_equal(pol_local_to_utc("2027-02-30", "18:00", out), -1);
	assert_int_equal(pol_local_to_utc("2027-01-20", "24:00", out), -1);
	assert_int_equal(pol_local_to_utc("2027-01-20", "1800", out), -1);
	pol_utc_to_local("2027-07-01T16:00:00Z", d, t);
	assert_string_equal(d, "2027-07-01");
	assert_string_equal(t, "18:00");
	pol_utc_to_local("2026-12-31T23:30:00Z", d, t);
	assert_string_equal(d, "2027-01-01");
	assert_string_equal(t, "00:30");
}

static void test_demo_visibility(void **state)
{
	(void)state;
	struct testdb t;
	assert_int_equal(testdb_open(&t), 0);
	char err[200];
	assert_int_equal(pol_demo_load(t.s, err, sizeof(err)), ST_OK);
	arena *a = arena_new();
	struct pol_paper *p;
	size_t n_pub, n_all;
	assert_int_equal(pol_paper_list(t.s, a, 1, &p, &n_pub), ST_OK);
	assert_int_equal(pol_paper_list(t.s, a, 0, &p, &n_all), ST_OK);
	assert_int_equal(n_pub, 4);
	assert_int_equal(n_all, 5);
	struct pol_paper one;
	assert_int_equal(pol_paper_get(t.s, a, 5, 1, &one), ST_NOTFOUND);
	assert_int_equal(pol_paper_get(t.s, a, 5, 0, &one), ST_OK);
	struct pol_item *it;
	size_t ni_pub, ni_all;
	assert_int_equal(pol_meeting_items(t.s, a, 2, 1, &it, &ni_pub), ST_OK);
	assert_int_equal(pol_meeting_items(t.s, a, 2, 0, &it, &ni_all), ST_OK);
	assert_int_equal(ni_pub + 1, ni_all);
	struct pol_file f;
	assert_int_equal(pol_file_get(t.s, a, 3, 1, 0, &f), ST_NOTFOUND); /* of the non-public paper */
	assert_int_equal(pol_file_get(t.s, a, 1, 1, 1, &f), ST_OK);
	assert_true(f.size > 0 && memcmp(f.data, "%PDF-", 5) == 0);
	assert_int_equal(strlen(f.sha256), 64);
	/* a step's link to the non-public paper is left out publicly */
	struct pol_step *st;
	size_t ns;
	assert_int_equal(pol_process_steps(t.s, a, 1, 1, &st, &ns), ST_OK);
	assert_int_equal(ns, 7);
	/* soft delete: gone from the public list, kept in the OParl list as deleted */
	assert_int_equal(pol_paper_delete(t.s, 1), ST_OK);
	assert_int_equal(pol_paper_delete(t.s, 1), ST_NOTFOUND);
	assert_int_equal(pol_paper_list(t.s, a, 1, &p, &n_pub), ST_OK);
	assert_int_equal(n_pub, 3);
	struct pol_oparl_page pg;
	assert_int_equal(pol_oparl_query(t.s, a, PK_PAPER, &(struct pol_oparl_filter){ .limit = 100 }, &pg), ST_OK);
	assert_int_equal(pg.total, 4);
	const struct pol_paper *first = pg.rows[0];
	assert_int_equal(first->deleted, 1);
	arena_free(a);
	assert_int_equal(testdb_close(&t), 0);
}

static void test_import(void **state)
{
	(void)state;
	struct testdb t;
	assert_int_equal(testdb_open(&t), 0);
	const char *text =
		"[{\"id\": \"https://x.example/o/1\", \"type\": \"http://oparl.org/schema/1.0/Organization\", \"name\": \"Rat\"},"
		" {\"id\": \"https://x.example/m/1\", \"type\": \"http://oparl.org/schema/1.0/Meeting\", \"start\": "
		"\"2026-05-05T18:00:00+02:00\", \"organization\": \"https://x.example/o/1\"},"
		" {\"id\": \"https://x.example/p/1\", \"type\": \"https://schema.oparl.org/1.1/Paper\", \"name\": 17},"
		" {\"id\": \"https://x.example/p/2\", \"type\": \"https://schema.oparl.org/1.1/Paper\", \"name\": \"Gut\", "
		"\"paperType\": \"Stellungnahme\"}]";
	buf report = { 0 };
	long imported;
	assert_int_equal(store_begin(t.s), ST_OK);
	assert_int_equal(pol_import_text(t.s, "t.json", text, strlen(text), &imported, &report), ST_OK);
	assert_int_equal(store_commit(t.s), ST_OK);
	assert_int_equal(imported, 3);
	assert_non_null(strstr(buf_str(&report), "t.json: Objekt 3 (https://x.example/p/1): name ist kein Text"));
	assert_int_equal(testdb_scalar(t.s, "SELECT count(*) FROM pol_meeting m JOIN pol_body b ON b.id = m.body_id "
					    "WHERE m.name = 'Sitzung am 2026-05-05' AND m.start_at = '2026-05-05T16:00:00Z'"),
			 1);
	assert_int_equal(testdb_scalar(t.s, "SELECT count(*) FROM pol_paper WHERE kind = 'Stellungnahme'"), 1);
	/* not JSON: a line, nothing stored */
	buf_reset(&report);
	assert_int_equal(pol_import_text(t.s, "x.json", "{\"a\":", 5, &imported, &report), ST_OK);
	assert_int_equal(imported, 0);
	assert_non_null(strstr(buf_str(&report), "x.json: kein gültiges JSON"));
	buf_free(&report);
	assert_int_equal(testdb_close(&t), 0);
}

/* The ids of process pid's steps in timeline order, "a,b,c" into out. */
static void order(struct store *s, int64_t pid, char *out, size_t size)
{
	arena *a = arena_new();
	struct pol_step *x;
	size_t n, k = 0;
	assert_int_equal(pol_process_steps(s, a, pid, 0, &x, &n), ST_OK);
	out[0] = 0;
	for (size_t i = 0; i < n; i++)
		k += (size_t)snprintf(out + k, size - k, "%s%lld", i ? "," : "", (long long)x[i].id);
	arena_free(a);
}

/* The steps of a process: by date, then in the order the editors gave the
 * steps of one day; moving swaps with the neighbour of the same day only. */
static void test_step_order(void **state)
{
	(void)state;
	struct testdb t;
	assert_int_equal(testdb_open(&t), 0);
	int64_t pid, s1, s2, s3, s4;
	struct pol_process p = { .title = "Reihenfolge", .summary = "", .public = 1 };
	assert_int_equal(pol_process_add(t.s, &p, &pid), ST_OK);
	struct pol_step x = { .process_id = pid, .date = "2026-03-01", .kind = "proposal", .text = "Eins" };
	assert_int_equal(pol_step_add(t.s, &x, &s1), ST_OK);
	x.date = "2026-04-01";
	x.text = "Zwei";
	assert_int_equal(pol_step_add(t.s, &x, &s2), ST_OK);
	x.text = "Drei";
	assert_int_equal(pol_step_add(t.s, &x, &s3), ST_OK);
	x.text = "Vier";
	assert_int_equal(pol_step_add(t.s, &x, &s4), ST_OK);
	char got[80], want[80];
	order(t.s, pid, got, sizeof(got));
	snprintf(want, sizeof(want), "%lld,%lld,%lld,%lld", (long long)s1, (long long)s2, (long long)s3, (long long)s4);
	assert_string_equal(got, want);
	/* the last of 1 April up: before the third */
	assert_int_equal(pol_step_move(t.s, pid, s4, 1), ST_OK);
	order(t.s, pid, got, sizeof(got));
	snprintf(want, sizeof(want), "%lld,%lld,%lld,%lld", (long long)s1, (long long)s2, (long long)s4, (long long)s3);
	assert_string_equal(got, want);
	/* the first of its day cannot go up, not even before an earlier day */
	assert_int_equal(pol_step_move(t.s, pid, s2, 1), ST_CONFLICT);
	assert_int_equal(pol_step_move(t.s, pid, s1, 0), ST_CONFLICT);
	assert_int_equal(pol_step_move(t.s, pid, s3, 0), ST_CONFLICT);
	/* another process's step, an unknown one */
	assert_int_equal(pol_step_move(t.s, pid + 1, s4, 1), ST_NOTFOUND);
	assert_int_equal(pol_step_move(t.s, pid, 999999, 1), ST_NOTFOUND);
	/* moved to 1 March it comes last of that day; a new step of 1 April last of its */
	x = (struct pol_step){ .id = s2, .process_id = pid, .date = "2026-03-01", .kind = "decision", .text = "Zwei neu" };
	assert_int_equal(pol_step_update(t.s, &x), ST_OK);
	x = (struct pol_step){ .process_id = pid, .date = "2026-04-01", .kind = "decision", .text = "Fünf" };
	int64_t s5;
	assert_int_equal(pol_step_add(t.s, &x, &s5), ST_OK);
	order(t.s, pid, got, sizeof(got));
	snprintf(want, sizeof(want), "%lld,%lld,%lld,%lld,%lld", (long long)s1, (long long)s2, (long long)s4, (long long)s3,
		 (long long)s5);
	assert_string_equal(got, want);
	/* an update through another process changes nothing */
	x = (struct pol_step){ .id = s1, .process_id = pid + 1, .date = "2026-05-01", .kind = "decision", .text = "Nein" };
	assert_int_equal(pol_step_update(t.s, &x), ST_NOTFOUND);
	assert_int_equal(testdb_scalar(t.s, "SELECT count(*) FROM pol_step WHERE text = 'Nein'"), 0);
	assert_int_equal(testdb_close(&t), 0);
}

int main(void)
{
	search_init();
	if (i18n_init() != 0)
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utc),
		cmocka_unit_test(test_local_time),
		cmocka_unit_test(test_demo_visibility),
		cmocka_unit_test(test_import),
		cmocka_unit_test(test_step_order),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
