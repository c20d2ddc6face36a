/* test_survey_import.c — importing LimeSurvey .lss files (the samples in
 * tests/data/surveys/, LimeSurvey's own test data): the summary line,
 * the structure stored, texts per language, and a malformed file that
 * stores nothing (#18). */
#include "surveys/surveys.h"
#include "surveys/import_internal.h"
#include "core/core.h"
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
#include <unistd.h>

static struct testdb db;

static int setup(void **state)
{
	(void)state;
	search_init();
	return testdb_open(&db);
}

static int teardown(void **state)
{
	(void)state;
	return testdb_close(&db);
}

/* Import the sample name; its report in out (freed by the caller). */
static int import(const char *name, char **out, char *err, size_t errlen)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/tests/data/surveys/%s", SRC_DIR, name);
	size_t n;
	FILE *f = open_memstream(out, &n);
	assert_non_null(f);
	int rc = survey_import_lss(db.s, path, f, err, errlen);
	fclose(f);
	return rc;
}

static void load(const char *code, arena *a, struct survey *sv)
{
	int64_t id;
	assert_int_equal(survey_id_by_code(db.s, code, &id), ST_OK);
	assert_int_equal(survey_load(db.s, a, id, sv), ST_OK);
}

/* The old layout (DBVersion 164): texts inline in each language's row. */
static void test_old_layout(void **state)
{
	(void)state;
	char *out, err[300];
	assert_int_equal(import("limesurvey_survey_OldCodes.lss", &out, err, sizeof(err)), ST_OK);
	assert_non_null(strstr(out, "imported survey ls967851: 3 questions on "));
	assert_non_null(strstr(out, "warning: language es: lotse does not speak it"));
	assert_non_null(strstr(out, "languages: de,en\n"));
	arena *a = arena_new();
	struct survey sv;
	load("ls967851", a, &sv);
	assert_int_equal(sv.nqs, 3);
	assert_int_equal(sv.nlangs, 2);
	size_t single = 0, es = 0;
	for (size_t i = 0; i < sv.nqs; i++) {
		single += sv.qs[i].type == SQ_SINGLE && sv.qs[i].nopts == 5;
		es += survey_tx_exact(&sv.qs[i].tx, "text", "en") != NULL;
	}
	assert_int_equal(single, 1); /* type 5: a five-point choice */
	assert_true(es > 0);         /* the English texts came along */
	arena_free(a);
	free(out);
	/* a second import of the same survey is refused and stores nothing */
	long before = testdb_scalar(db.s, "SELECT COUNT(*) FROM survey_question");
	assert_int_equal(import("limesurvey_survey_OldCodes.lss", &out, err, sizeof(err)), ST_CONFLICT);
	assert_non_null(strstr(err, "ls967851"));
	assert_int_equal(testdb_scalar(db.s, "SELECT COUNT(*) FROM survey_question"), before);
	free(out);
}

/* The new layout (*_l10ns), with a condition and four languages. */
static void test_new_layout(void **state)
{
	(void)state;
	char *out, err[300];
	assert_int_equal(import("limesurvey_survey_allinoneCondition.lss", &out, err, sizeof(err)), ST_OK);
	assert_non_null(strstr(out, "imported survey ls494923: 2 questions on 2 pages, languages: de,en\n"));
	free(out);
	arena *a = arena_new();
	struct survey sv;
	load("ls494923", a, &sv);
	assert_int_equal(sv.nqs, 2);
	assert_int_equal(sv.qs[0].type, SQ_SINGLE); /* G: gender */
	assert_int_equal(sv.qs[0].nopts, 2);
	assert_string_equal(sv.qs[1].cond_src, "((Q481.NAOK == \"F\"))");
	arena_free(a);
	assert_int_equal(import("limesurvey_survey_161359_quickTranslation.lss", &out, err, sizeof(err)), ST_OK);
	assert_non_null(strstr(out, "warning: language sv: lotse does not speak it"));
	assert_non_null(strstr(out, "languages: de,en,ar\n"));
	free(out);
}

/* A file that is not well-formed: the message names the place, nothing
 * is stored. */
static void test_malformed(void **state)
{
	(void)state;
	char path[] = "/tmp/lotse-lss-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "w");
	fputs("<document><surveys><rows><row><sid>1</sid></row></rows></surveys><questions>", f);
	fclose(f);
	long before = testdb_scalar(db.s, "SELECT COUNT(*) FROM survey");
	char *out, err[300];
	size_t n;
	FILE *o = open_memstream(&out, &n);
	assert_int_equal(survey_import_lss(db.s, path, o, err, sizeof(err)), ST_CONFLICT);
	fclose(o);
	free(out);
	assert_non_null(strstr(err, "not well-formed"));
	assert_int_equal(testdb_scalar(db.s, "SELECT COUNT(*) FROM survey"), before);
	f = fopen(path, "w");
	fputs("<document><surveys><rows><row><sid>7</sid></row></rows></surveys>"
	      "<questions><rows><row><qid>1</qid></row></rows></questions></document>", f);
	fclose(f);
	o = open_memstream(&out, &n);
	assert_int_equal(survey_import_lss(db.s, path, o, err, sizeof(err)), ST_CONFLICT);
	fclose(o);
	free(out);
	assert_non_null(strstr(err, "<questions>"));
	assert_int_equal(testdb_scalar(db.s, "SELECT COUNT(*) FROM survey"), before);
	unlink(path);
}

/* An imported survey can be activated and answered; one with an
 * untranslated condition is refused at activation. */
static void test_activate_answer(void **state)
{
	(void)state;
	char *out, err[300];
	assert_int_equal(import("limesurvey_survey_question_list.lss", &out, err, sizeof(err)), ST_OK);
	free(out);
	arena *a = arena_new();
	struct survey sv;
	load("ls969992", a, &sv);
	const char **problems;
	assert_int_equal(survey_check(a, &sv, &problems), 0);
	assert_int_equal(survey_activate(db.s, sv.id), ST_OK);
	load("ls969992", a, &sv);
	assert_string_equal(sv.status, "active");
	char code[SURVEY_RESUME_LEN + 1];
	int64_t rid;
	assert_int_equal(survey_response_start(db.s, &sv, "en", NULL, code, &rid), ST_OK);
	struct survey_answers as = { 0 };
	survey_answer_set(a, &as, 0, "", "Ausbildung in Mainz");
	assert_null(survey_answer_problem(&sv, &as, 0, "en", &(int){ 0 }));
	assert_int_equal(survey_response_save(db.s, &sv, rid, &as, 0, sv.nqs, 0, "en", 1), ST_OK);
	struct survey_answers back = { 0 };
	assert_int_equal(survey_response_answers(db.s, a, &sv, rid, &back), ST_OK);
	assert_string_equal(survey_answer_get(&back, 0, ""), "Ausbildung in Mainz");
	long all, complete;
	assert_int_equal(survey_response_counts(db.s, sv.id, &all, &complete), ST_OK);
	assert_int_equal(complete, 1);
	/* the old sample's condition OLD_CODE1.shown>2 stays untranslated */
	load("ls967851", a, &sv);
	assert_true(survey_check(a, &sv, &problems) > 0);
	arena_free(a);
}

/* The quirks: a code in two groups, the same answer codes on two scales,
 * an undeclared field, <script> in a text, an equation. */
static void test_quirks(void **state)
{
	(void)state;
	char *out, err[300];
	assert_int_equal(import("quirks.lss", &out, err, sizeof(err)), ST_OK);
	assert_non_null(strstr(out, "warning: question code Q1 is now Q1_2"));
	assert_non_null(strstr(out, "warning: DUAL: dual scale array: only the first scale imported"));
	assert_non_null(strstr(out, "warning: EQ: equation imported as a text display"));
	assert_non_null(strstr(out, "imported survey ls777: 4 questions on 2 pages, languages: de,en\n"));
	free(out);
	arena *a = arena_new();
	struct survey sv;
	load("ls777", a, &sv);
	assert_int_equal(sv.npages, 2);
	assert_string_equal(sv.pages[1].cond, "Q1 == \"Y\"");
	const struct survey_question *dual = survey_question_by_code(&sv, "DUAL");
	assert_non_null(dual);
	assert_int_equal(dual->nopts, 2);
	assert_string_equal(survey_tx(&dual->opts[0].tx, "label", "de"), "wichtig");
	assert_int_equal(dual->nsubs, 1);
	const struct survey_question *q = survey_question_by_code(&sv, "Q1_2");
	assert_non_null(q);
	assert_string_equal(survey_tx(&q->tx, "text", "de"), "Name der Schule <script>alert(1)</script>");
	assert_string_equal(survey_tx_exact(&sv.qs[0].tx, "text", "en"), "Do you go to school?");
	arena_free(a);
}

/* The old layout with German beside the base language English: the
 * German texts and answers are the source ones. */
static void test_old_layout_german(void **state)
{
	(void)state;
	char *out, err[300];
	assert_int_equal(import("old_layout_de.lss", &out, err, sizeof(err)), ST_OK);
	free(out);
	arena *a = arena_new();
	struct survey sv;
	load("ls555", a, &sv);
	assert_int_equal(sv.nqs, 1);
	assert_string_equal(survey_tx_exact(&sv.qs[0].tx, "text", "de"), "Q de");
	assert_string_equal(survey_tx_exact(&sv.qs[0].tx, "text", "en"), "Q en");
	assert_string_equal(survey_tx(&sv.qs[0].opts[0].tx, "label", "de"), "ja");
	assert_string_equal(survey_tx_exact(&sv.pages[0].tx, "title", "de"), "G de");
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_old_layout),
		cmocka_unit_test(test_new_layout),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_activate_answer),
		cmocka_unit_test(test_quirks),
		cmocka_unit_test(test_old_layout_german),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
