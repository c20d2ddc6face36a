/* test_survey_upload.c — a researcher uploads a questionnaire of another
 * tool on /intern/umfragen: a LimeSurvey .lss (a new draft, the
 * importer's warnings on the page, a link to it), an XLSForm .xlsx (made
 * with `lotse survey export` from another database), and files that are
 * refused with the form again, the reason at the field and nothing stored:
 * a malformed .lss, a code taken, no file. Without the CSRF token, or as
 * an editor, it is forbidden (#18). */
#include "harness.h"

#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct server srv;
static struct agent researcher, editor;

HARNESS_GROUP(srv, NULL, &researcher, DEMO_RESEARCHER, &editor, DEMO_EDITOR, NULL)

/* The bytes of path (caller frees); *len their number. */
#define MP "multipart/form-data; boundary=XyZsurvey"

/* GET the list (a fresh token), then POST the file as name; the status. */
static long upload(struct agent *ag, const char *name, const char *data, size_t len, int csrf, struct reply *r)
{
	struct reply g;
	assert_int_equal(agent_http(&srv, ag, "GET", "/intern/umfragen", NULL, NULL, &g), 0);
	reply_free(&g);
	buf b;
	buf_init(&b, 0);
	if (csrf)
		buf_printf(&b, "--XyZsurvey\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n%s\r\n", ag->csrf);
	buf_printf(&b, "--XyZsurvey\r\nContent-Disposition: form-data; name=\"file\"; filename=\"%s\"\r\n"
		       "Content-Type: application/octet-stream\r\n\r\n", name);
	buf_append(&b, data, len);
	buf_puts(&b, "\r\n--XyZsurvey--\r\n");
	assert_int_equal(agent_post_bytes(&srv, ag, "/intern/umfragen/import", b.data, b.len, MP, r), 0);
	buf_free(&b);
	return r->status;
}

static long surveys(void)
{
	return db_scalar(&srv, "SELECT COUNT(*) FROM survey");
}

static void test_form(void **state)
{
	(void)state;
	struct reply r;
	assert_int_equal(agent_fetch(&srv, &researcher, "/intern/umfragen", &r), 200);
	assert_contains(r.body.data, "action=\"/intern/umfragen/import\"");
	assert_contains(r.body.data, "enctype=\"multipart/form-data\"");
	assert_contains(r.body.data, "accept=\".lss,.xlsx\"");
	assert_tidy(&srv, r.body.data, "surveys with the upload");
	reply_free(&r);
}

static void test_lss(void **state)
{
	(void)state;
	char path[600];
	snprintf(path, sizeof(path), "%s/tests/data/surveys/quirks.lss", getenv("LOTSE_SOURCE_ROOT"));
	size_t len;
	char *data = file_slurp(path, &len);
	assert_non_null(data);
	long before = surveys();
	struct reply r;
	assert_int_equal(upload(&researcher, "quirks.lss", data, len, 1, &r), 200);
	assert_contains(r.body.data, "als Entwurf angelegt");
	assert_contains(r.body.data, "Hinweise beim Übernehmen");
	assert_contains(r.body.data, "<li lang=\"en\">warning: ");
	assert_contains(r.body.data, "Zur neuen Umfrage");
	assert_tidy(&srv, r.body.data, "an .lss imported");
	reply_free(&r);
	assert_int_equal(surveys(), before + 1);
	assert_int_equal(db_scalar(&srv, "SELECT COUNT(*) FROM audit_log WHERE action = 'survey.import' AND outcome = 'ok'"),
			 1);
	/* again: its code is taken; refused, nothing stored */
	assert_int_equal(upload(&researcher, "quirks.lss", data, len, 1, &r), 422);
	assert_contains(r.body.data, "nichts wurde gespeichert");
	assert_contains(r.body.data, "href=\"#f-file\"");
	assert_contains(r.body.data, "aria-invalid=\"true\"");
	reply_free(&r);
	assert_int_equal(surveys(), before + 1);
	/* malformed: cut in the middle */
	assert_int_equal(upload(&researcher, "kaputt.lss", data, len / 2, 1, &r), 422);
	assert_contains(r.body.data, "nichts wurde gespeichert");
	assert_tidy(&srv, r.body.data, "a malformed .lss refused");
	reply_free(&r);
	assert_int_equal(surveys(), before + 1);
	free(data);
}

static void test_xlsform(void **state)
{
	(void)state;
	/* an XLSForm made from another database */
	char db2[600], dir[600], xlsx[600];
	snprintf(db2, sizeof(db2), "%s/other.db", srv.dir);
	snprintf(dir, sizeof(dir), "%s/tests/data/surveys/xlsform/tutorial", getenv("LOTSE_SOURCE_ROOT"));
	snprintf(xlsx, sizeof(xlsx), "%s/tutorial.xlsx", srv.dir);
	buf out;
	buf_init(&out, 0);
	assert_int_equal(run_lotse(&out, "init", "--db", db2, NULL), 0);
	assert_int_equal(run_lotse(&out, "survey", "import", "--db", db2, dir, NULL), 0);
	assert_int_equal(run_lotse(&out, "survey", "export", "--db", db2, "xf-tutorial", "--format", "xlsform", xlsx, NULL),
			 0);
	buf_free(&out);
	size_t len;
	char *data = file_slurp(xlsx, &len);
	assert_non_null(data);
	long before = surveys();
	struct reply r;
	assert_int_equal(upload(&researcher, "tutorial.xlsx", data, len, 1, &r), 200);
	assert_contains(r.body.data, "xf-tutorial");
	reply_free(&r);
	assert_int_equal(surveys(), before + 1);
	assert_int_equal(db_scalar(&srv, "SELECT COUNT(*) FROM survey WHERE code = 'xf-tutorial' AND status = 'draft'"), 1);
	free(data);
}

static void test_refused(void **state)
{
	(void)state;
	long before = surveys();
	struct reply r;
	assert_int_equal(upload(&researcher, "leer.lss", "", 0, 1, &r), 422);
	assert_contains(r.body.data, "Bitte eine .lss- oder .xlsx-Datei wählen.");
	reply_free(&r);
	static const char lss[] = "<?xml version=\"1.0\"?><document><LimeSurveyDocType>Survey</LimeSurveyDocType></document>";
	assert_int_equal(upload(&researcher, "x.lss", lss, sizeof(lss) - 1, 0, &r), 403);
	reply_free(&r);
	assert_int_equal(upload(&editor, "x.lss", lss, sizeof(lss) - 1, 1, &r), 403);
	reply_free(&r);
	assert_int_equal(surveys(), before);
}

int main(int argc, char **argv)
{
	harness_bin = argc > 1 ? argv[1] : "./lotse";
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_form),
		cmocka_unit_test(test_lss),
		cmocka_unit_test(test_xlsform),
		cmocka_unit_test(test_refused),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
