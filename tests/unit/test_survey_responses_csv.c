/* test_survey_responses_csv.c — `lotse responses import` of CSV files made
 * by other tools (tests/data/surveys/responses/, shaped like the real
 * exports): LimeSurvey's CSV with question codes as headers (Q[SQ001] and
 * the older QSQ001, Q[other], "-oth-", its meta columns: submitdate,
 * startlanguage, startdate taken, the others ignored) and KoboToolbox's
 * (";"-separated with a select_multiple both space-separated and split
 * into q/option columns, "," with group paths and split columns only; its
 * _uuid, _index and other meta columns ignored, _submission_time the
 * start). Every bad row is reported with its line and reason and left out;
 * the good ones are stored with their answers; and the names the SPSS
 * export gives the variables (#18). */
#include "surveys/surveys.h"
#include "surveys/surveys_internal.h"
#include "core/core.h"
#include "core/i18n.h"
#include "search/search.h"
#include "../support/testdb.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct testdb db;
static struct survey sv;
static arena *keep;

static int setup(void **state)
{
	(void)state;
	search_init();
	if (i18n_init() != 0 || testdb_open(&db) != 0)
		return -1;
	int64_t id, page, qid;
	static const char *const oc[] = { "A1", "A2", "B1" }, *const ol[] = { "Anfang", "Etwas", "Gut" };
	static const char *const hc[] = { "sprache", "bewerbung", "praktikum" },
			  *const hl[] = { "Deutsch lernen", "Bewerbungen", "Praktikum" };
	static const char *const lc[] = { "1", "2", "3" }, *const ll[] = { "wenig", "mittel", "viel" };
	static const char *const sc[] = { "SQ001", "SQ002" }, *const sl[] = { "Schule", "Familie" };
	static const char *const rc[] = { "a", "b", "c" }, *const rl[] = { "Erstes", "Zweites", "Drittes" };
	if (survey_create(db.s, "bedarf", "Bedarf", NULL, &id) != ST_OK || survey_page_add(db.s, id, "S", &page) != ST_OK)
		return -1;
	struct survey_qspec q[] = {
		{ .page_id = page, .code = "stand", .type = SQ_SINGLE, .text = "Stand", .opt_codes = oc, .opt_labels = ol,
		  .nopts = 3, .other = 1 },
		{ .page_id = page, .code = "hilfe", .type = SQ_MULTIPLE, .text = "Hilfe", .opt_codes = hc,
		  .opt_labels = hl, .nopts = 3, .other = 1 },
		{ .page_id = page, .code = "alter", .type = SQ_NUMBER, .text = "Alter", .has_min = 1, .min_value = 10,
		  .has_max = 1, .max_value = 30 },
		{ .page_id = page, .code = "zufr", .type = SQ_ARRAY, .text = "Zufrieden", .opt_codes = lc, .opt_labels = ll,
		  .nopts = 3, .sub_codes = sc, .sub_labels = sl, .nsubs = 2 },
		{ .page_id = page, .code = "kontakt", .type = SQ_YESNO, .text = "Kontakt" },
		{ .page_id = page, .code = "wunsch", .type = SQ_TEXT, .text = "Wunsch" },
		{ .page_id = page, .code = "rang", .type = SQ_RANKING, .text = "Rang", .opt_codes = rc, .opt_labels = rl,
		  .nopts = 3 },
		{ .page_id = page, .code = "datum", .type = SQ_DATE, .text = "Datum" },
	};
	for (size_t i = 0; i < sizeof(q) / sizeof(q[0]); i++)
		if (survey_question_save(db.s, id, &q[i], &qid) != ST_OK)
			return -1;
	if (survey_activate(db.s, id) != ST_OK)
		return -1;
	keep = arena_new();
	return survey_load(db.s, keep, id, &sv) == ST_OK ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	arena_free(keep);
	i18n_free();
	return testdb_close(&db);
}

/* Import the fixture name; the report in *out (freed by the caller). */
static int import(const char *name, char **out, long *rows, long *bad)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/tests/data/surveys/responses/%s", SRC_DIR, name);
	FILE *in = fopen(path, "rb");
	assert_non_null(in);
	size_t n;
	FILE *rep = open_memstream(out, &n);
	assert_non_null(rep);
	int rc = survey_responses_import(db.s, &sv, in, rep, rows, bad);
	fclose(rep);
	fclose(in);
	return rc;
}

static long count(const char *fmt, ...)
{
	char sql[800];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(sql, sizeof(sql), fmt, ap);
	va_end(ap);
	return testdb_scalar(db.s, sql);
}

/* How many stored responses answer (question code, part) with value, as
 * the survey reads them back (closed answers from the column store, the
 * rest from the answer rows). */
static long answer(const char *q, const char *part, const char *value)
{
	const struct survey_question *question = survey_question_by_code(&sv, q);
	assert_non_null(question);
	size_t qi = (size_t)(question - sv.qs);
	sqlite3_stmt *st = store_stmt(db.s, "SELECT id FROM survey_response WHERE survey_id = ?1 ORDER BY id");
	assert_non_null(st);
	sqlite3_bind_int64(st, 1, sv.id);
	arena *a = arena_new();
	long n = 0;
	int k;
	while ((k = store_step(st)) > 0) {
		struct survey_answers as = { 0 };
		assert_int_equal(survey_response_answers(db.s, a, &sv, sqlite3_column_int64(st, 0), &as), ST_OK);
		const char *v = survey_answer_get(&as, qi, part);
		n += v && strcmp(v, value) == 0;
	}
	sqlite3_reset(st);
	arena_free(a);
	assert_int_equal(k, 0);
	return n;
}

static void clear(void)
{
	assert_int_equal(store_exec(db.s, "DELETE FROM survey_answer"), ST_OK);
	assert_int_equal(store_exec(db.s, "DELETE FROM survey_response"), ST_OK);
}

static void test_limesurvey(void **state)
{
	(void)state;
	clear();
	char *out;
	long rows, bad;
	assert_int_equal(import("limesurvey_codes.csv", &out, &rows, &bad), ST_OK);
	assert_non_null(strstr(out, "line 1: LimeSurvey's CSV export"));
	assert_non_null(strstr(out, "line 1: unknown column hilfe[comment] (ignored)"));
	/* its meta columns are taken or ignored, never reported */
	assert_null(strstr(out, "column token"));
	assert_null(strstr(out, "column seed"));
	assert_non_null(strstr(out, "line 4: column stand: keine der Antwortoptionen: Z9"));
	assert_non_null(strstr(out, "line 5: column alter: Zahl außerhalb des Bereichs: 99"));
	assert_int_equal(rows, 2);
	assert_int_equal(bad, 2);
	free(out);
	/* submitdate: complete or partial; startlanguage; startdate */
	assert_int_equal(count("SELECT COUNT(*) FROM survey_response WHERE status = 'complete' AND lang = 'en' "
			       "AND started_at = '2026-03-01 10:05:00'"), 1);
	assert_int_equal(count("SELECT COUNT(*) FROM survey_response WHERE status = 'partial' AND lang = 'de'"), 1);
	assert_int_equal(answer("stand", "", "A1"), 1);
	assert_int_equal(answer("stand", "", "other"), 1); /* -oth- */
	assert_int_equal(answer("stand", "other", "Kunst"), 1);
	assert_int_equal(answer("hilfe", "sprache", "Y"), 1);
	assert_int_equal(answer("hilfe", "praktikum", "Y"), 1);
	assert_int_equal(answer("hilfe", "bewerbung", "Y"), 0);
	assert_int_equal(answer("hilfe", "other", "Geld"), 1);
	assert_int_equal(answer("zufr", "SQ001", "3"), 1);
	assert_int_equal(answer("zufr", "SQ002", "2"), 1);
	assert_int_equal(answer("kontakt", "", "Y"), 1);
	assert_int_equal(answer("wunsch", "", "mehr Praktika, bitte"), 1);
	assert_int_equal(answer("rang", "1", "b"), 1);
	assert_int_equal(answer("rang", "3", "c"), 1);
	assert_int_equal(answer("datum", "", "2026-02-28"), 1);
}

/* The older headers: subquestion codes right after the question's. */
static void test_limesurvey_concatenated(void **state)
{
	(void)state;
	clear();
	char *out;
	long rows, bad;
	assert_int_equal(import("limesurvey_concat.csv", &out, &rows, &bad), ST_OK);
	assert_non_null(strstr(out, "LimeSurvey's CSV export"));
	assert_null(strstr(out, "unknown column"));
	assert_non_null(strstr(out, "line 3: column alter: keine Zahl: abc"));
	assert_int_equal(rows, 1);
	assert_int_equal(bad, 1);
	free(out);
	assert_int_equal(answer("stand", "", "B1"), 1);
	assert_int_equal(answer("hilfe", "sprache", "Y"), 1);
	assert_int_equal(answer("hilfe", "bewerbung", "Y"), 1);
	assert_int_equal(answer("zufr", "SQ001", "1"), 1);
	assert_int_equal(answer("zufr", "SQ002", "3"), 1);
	assert_int_equal(answer("alter", "", "21"), 1);
}

/* Kobo with ";": the select_multiple space-separated and split. */
static void test_kobo(void **state)
{
	(void)state;
	clear();
	char *out;
	long rows, bad;
	assert_int_equal(import("kobo_semicolon.csv", &out, &rows, &bad), ST_OK);
	assert_non_null(strstr(out, "line 1: KoboToolbox's CSV export"));
	assert_null(strstr(out, "unknown column"));
	assert_null(strstr(out, "twice"));
	assert_non_null(strstr(out, "line 4: column hilfe: keine der Antwortoptionen: fliegen"));
	assert_int_equal(rows, 2);
	assert_int_equal(bad, 1);
	free(out);
	assert_int_equal(count("SELECT COUNT(*) FROM survey_response WHERE started_at = '2026-03-05 10:00:05' "
			       "AND status = 'complete'"), 1);
	assert_int_equal(answer("hilfe", "sprache", "Y"), 1);
	assert_int_equal(answer("hilfe", "praktikum", "Y"), 1);
	assert_int_equal(answer("hilfe", "bewerbung", "Y"), 1);
	assert_int_equal(answer("hilfe", "other", "Führerschein"), 1);
	assert_int_equal(answer("stand", "", "other"), 1);
	assert_int_equal(answer("stand", "other", "Kunst"), 1);
	assert_int_equal(answer("wunsch", "", "Praktikum; in Mainz"), 1);
	assert_int_equal(answer("zufr", "SQ001", "3"), 1);
}

/* Kobo with ",", group paths before the names, split columns only. */
static void test_kobo_groups(void **state)
{
	(void)state;
	clear();
	char *out;
	long rows, bad;
	assert_int_equal(import("kobo_groups.csv", &out, &rows, &bad), ST_OK);
	assert_non_null(strstr(out, "KoboToolbox's CSV export"));
	assert_null(strstr(out, "unknown column"));
	assert_non_null(strstr(out, "line 3: column hilfe_sprache: 0 or 1 expected: ja"));
	assert_int_equal(rows, 1);
	assert_int_equal(bad, 1);
	free(out);
	assert_int_equal(answer("alter", "", "16"), 1);
	assert_int_equal(answer("stand", "", "B1"), 1);
	assert_int_equal(answer("hilfe", "sprache", "Y"), 0);
	assert_int_equal(answer("hilfe", "bewerbung", "Y"), 1);
	assert_int_equal(answer("hilfe", "praktikum", "Y"), 1);
}

/* lotse's own header still reads as before; a short row is named. */
static void test_own(void **state)
{
	(void)state;
	clear();
	char *out;
	size_t n;
	static const char csv[] = "id,status,lang,alter,hilfe_sprache,zufr_SQ001,rang_1\n"
				  "1,partial,en,12,Y,2,a\n"
				  "2,complete,de\n";
	FILE *in = fmemopen((void *)csv, sizeof(csv) - 1, "rb");
	FILE *rep = open_memstream(&out, &n);
	long rows, bad;
	assert_int_equal(survey_responses_import(db.s, &sv, in, rep, &rows, &bad), ST_OK);
	fclose(rep);
	fclose(in);
	assert_null(strstr(out, "export\n"));
	assert_non_null(strstr(out, "line 3: 3 cells, the header has 7"));
	assert_int_equal(rows, 1);
	free(out);
	assert_int_equal(count("SELECT COUNT(*) FROM survey_response WHERE status = 'partial' AND lang = 'en'"), 1);
	assert_int_equal(answer("rang", "1", "a"), 1);
	assert_int_equal(answer("hilfe", "sprache", "Y"), 1);
}

/* Names SPSS accepts: reserved words, a name over 64 bytes with its
 * subquestion, two names the same but for case (export_vars.c). */
static void test_spss_names(void **state)
{
	(void)state;
	int64_t id, page, qid;
	static const char *const lc[] = { "1", "2" }, *const ll[] = { "ja", "nein" };
	static const char *const sc[] = { "SQ001", "sq001" }, *const sl[] = { "eins", "zwei" };
	const char *longcode = "a123456789012345678901234567890123456789012345678901234567890123";
	assert_int_equal(survey_create(db.s, "namen", "Namen", NULL, &id), ST_OK);
	assert_int_equal(survey_page_add(db.s, id, "S", &page), ST_OK);
	struct survey_qspec q[] = {
		{ .page_id = page, .code = "to", .type = SQ_TEXT, .text = "x" },
		{ .page_id = page, .code = "With", .type = SQ_NUMBER, .text = "x" },
		{ .page_id = page, .code = longcode, .type = SQ_ARRAY, .text = "x", .opt_codes = lc, .opt_labels = ll,
		  .nopts = 2, .sub_codes = sc, .sub_labels = sl, .nsubs = 2 },
	};
	for (size_t i = 0; i < sizeof(q) / sizeof(q[0]); i++)
		assert_int_equal(survey_question_save(db.s, id, &q[i], &qid), ST_OK);
	arena *a = arena_new();
	struct survey s2;
	assert_int_equal(survey_load(db.s, a, id, &s2), ST_OK);
	struct survey_var *v;
	char *out;
	size_t n;
	FILE *rep = open_memstream(&out, &n);
	size_t nv = survey_vars(a, &s2, &v, rep);
	fclose(rep);
	assert_int_equal(nv, 5 + 4);
	assert_string_equal(v[5].name, "to_v");
	assert_string_equal(v[6].name, "With_v");
	assert_int_equal(strlen(v[7].name), 64);
	assert_int_equal(strncmp(v[7].name, longcode, 64), 0);
	/* the second array row: cut to 64 with a number, unique without regard to case */
	assert_int_equal(strlen(v[8].name), 64);
	assert_string_equal(v[8].name + 62, "_2");
	assert_non_null(strstr(out, "variable to is named to_v"));
	assert_non_null(strstr(out, "variable With is named With_v"));
	free(out);
	/* readstat takes them */
	char *sav;
	FILE *f = open_memstream(&sav, &n);
	long rows;
	assert_int_equal(survey_responses_export_sav(db.s, &s2, f, stderr, &rows), ST_OK);
	fclose(f);
	assert_true(n > 100);
	assert_memory_equal(sav, "$FL2", 4);
	free(sav);
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_limesurvey), cmocka_unit_test(test_limesurvey_concatenated),
		cmocka_unit_test(test_kobo),       cmocka_unit_test(test_kobo_groups),
		cmocka_unit_test(test_own),        cmocka_unit_test(test_spss_names),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
