/* test_survey_xlsform.c — importing XLSForm: pyxform's tutorial and spec
 * test forms as folders of CSV sheets (types, groups as pages, repeats,
 * metadata left out, relevant translated or kept untranslated, constraints
 * as ranges, two languages); an exported .xlsx read back, refused while
 * its code is taken; malformed input refused with a message naming the
 * place, and nothing stored. The round trip through `lotse survey show
 * --json` is in tests/http/test_survey_tags.c. */
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

/* Import path; the report into rep (its last line checked by the caller). */
static int import(const char *path, char *rep, size_t replen, char *err, size_t errlen)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	assert_non_null(f);
	int rc = survey_import_xlsform(db.s, path, f, err, errlen);
	fclose(f);
	snprintf(rep, replen, "%s", out ? out : "");
	free(out);
	return rc;
}

static struct survey load(arena *a, const char *code)
{
	int64_t id;
	assert_int_equal(survey_id_by_code(db.s, code, &id), ST_OK);
	struct survey sv;
	assert_int_equal(survey_load(db.s, a, id, &sv), ST_OK);
	return sv;
}

static void test_samples(void **state)
{
	(void)state;
	char rep[8192], err[600];
	arena *a = arena_new();
	assert_int_equal(import(SRC_DIR "/tests/data/surveys/xlsform/tutorial", rep, sizeof(rep), err, sizeof(err)), ST_OK);
	assert_non_null(strstr(rep, "warning: survey row 2: repeat member imported as a page (asked once)\n"));
	assert_non_null(strstr(rep, "imported survey xf-tutorial: 10 questions on 1 pages, languages: de\n"));
	struct survey sv = load(a, "xf-tutorial");
	assert_string_equal(sv.status, "draft");
	const struct survey_question *q = survey_question_by_code(&sv, "age_in_months");
	assert_int_equal(q->type, SQ_NUMBER);
	assert_string_equal(q->cond, "older_than_five == \"no\"");
	assert_true(q->has_max && q->max_value == 72 && !q->has_min);
	q = survey_question_by_code(&sv, "sex");
	assert_int_equal(q->type, SQ_SINGLE);
	assert_int_equal(q->nopts, 2);
	assert_string_equal(q->opts[1].code, "female");
	assert_string_equal(survey_tx(&q->opts[1].tx, "label", "de"), "Female");

	assert_int_equal(import(SRC_DIR "/tests/data/surveys/xlsform/xlsform_spec_test", rep, sizeof(rep), err, sizeof(err)),
			 ST_OK);
	assert_non_null(strstr(rep, "warning: survey row 42: start (start) is metadata, left out\n"));
	assert_non_null(strstr(rep, "imported survey xf-xlsform_spec_test: 41 questions on 8 pages, languages: de,en\n"));
	sv = load(a, "xf-xlsform_spec_test");
	q = survey_question_by_code(&sv, "email_note"); /* regex() in relevant: kept, refused at activation */
	assert_string_not_equal(q->cond_error, "");
	assert_non_null(strstr(q->cond_src, "regex(${address}"));
	const char **problems;
	assert_true(survey_check(a, &sv, &problems) > 0);
	q = survey_question_by_code(&sv, "select_multiple_test");
	assert_int_equal(q->type, SQ_MULTIPLE);
	arena_free(a);
}

static void test_xlsx_and_malformed(void **state)
{
	(void)state;
	char err[600] = "", rep[4096];
	assert_int_equal(survey_demo_load(db.s, err, sizeof(err)), ST_OK);
	arena *a = arena_new();
	struct survey sv = load(a, "angebote-2027");
	char path[] = "/tmp/lotse-xlsform-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(survey_export_xlsform(&sv, path), ST_CONFLICT); /* never replaces a file */
	unlink(path);
	assert_int_equal(survey_export_xlsform(&sv, path), ST_OK);
	long before = testdb_scalar(db.s, "SELECT count(*) FROM survey");
	/* its code is taken here: refused, nothing stored */
	assert_int_equal(import(path, rep, sizeof(rep), err, sizeof(err)), ST_CONFLICT);
	assert_string_equal(err, "there is a survey angebote-2027 already");
	assert_int_equal(testdb_scalar(db.s, "SELECT count(*) FROM survey"), before);
	/* its bytes under another form_id: read back whole */
	size_t len;
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	static char bytes[1 << 20];
	len = fread(bytes, 1, sizeof(bytes), f);
	fclose(f);
	unlink(path);
	/* the code sits in the compressed sheet: free it in the database instead */
	assert_int_equal(store_exec(db.s, "UPDATE survey SET code = 'alt' WHERE code = 'angebote-2027'"), ST_OK);
	assert_int_equal(survey_import_xlsform_mem(db.s, "a.xlsx", bytes, len, stderr, err, sizeof(err)), ST_OK);
	struct survey back = load(a, "angebote-2027");
	assert_string_equal(back.kind, "offers");
	assert_int_equal(back.nqs, sv.nqs);
	assert_int_equal(back.nlangs, 2);
	/* not a zip; a workbook without its parts; a folder without the type column */
	before = testdb_scalar(db.s, "SELECT count(*) FROM survey");
	assert_int_equal(survey_import_xlsform_mem(db.s, "x.xlsx", "not a zip", 9, stderr, err, sizeof(err)), ST_CONFLICT);
	assert_string_equal(err, "x.xlsx: not an .xlsx file (no zip archive)");
	assert_int_equal(survey_import_xlsform_mem(db.s, "y.xlsx", bytes, len / 2, stderr, err, sizeof(err)), ST_CONFLICT);
	assert_string_not_equal(err, "");
	char dir[] = "/tmp/lotse-xlsform-dir-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char file[128];
	snprintf(file, sizeof(file), "%s/survey.csv", dir);
	f = fopen(file, "w");
	assert_non_null(f);
	fputs("kind,name,label\ntext,q1,Frage\n", f);
	fclose(f);
	assert_int_equal(import(dir, rep, sizeof(rep), err, sizeof(err)), ST_CONFLICT);
	assert_non_null(strstr(err, "sheet survey: the header row (line 1) lacks the column type or name"));
	unlink(file);
	rmdir(dir);
	assert_int_equal(testdb_scalar(db.s, "SELECT count(*) FROM survey"), before);
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_samples, setup, teardown),
		cmocka_unit_test_setup_teardown(test_xlsx_and_malformed, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
