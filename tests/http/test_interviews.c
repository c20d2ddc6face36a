/* test_interviews.c — interviews against the real server and binary:
 * who may see a project (members only; 404 for everyone else, also for
 * its document, colours, exports and forms), every document read in the
 * audit log, coding a paragraph and a selection (and the errors),
 * uploading a pasted transcript with CRLF, a new project and its
 * members, retrieval (segments with sub-codes and variables, CSV, the
 * matrix, co-occurrence, the full-text search that stays inside its
 * project), the agreement of the demo's two coders, and the deletion
 * of a document with its text, codings and index entries. REFI-QDA
 * exchange: test_interview_exchange.c. */
#include "interviews_fixture.h"

#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void test_access(void **state)
{
	(void)state;
	struct reply r;
	/* anonymous: to the sign-in; an editor: forbidden */
	assert_int_equal(agent_fetch(&srv, &visitor, "/intern/interviews", &r), 303);
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/interviews", &r), 403);
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/interviews/1", &r), 403);
	reply_free(&r);
	/* the member sees the demo project */
	assert_int_equal(agent_fetch(&srv, &researcher, "/intern/interviews", &r), 200);
	assert_contains(r.body.data, "Übergänge Schule–Beruf in Mainz (Demo)");
	assert_tidy(&srv, r.body.data, "/intern/interviews");
	reply_free(&r);
	/* a researcher who is no member: nothing of it, the same 404 as for none */
	assert_int_equal(agent_fetch(&srv, &other, "/intern/interviews", &r), 200);
	assert_not_contains(r.body.data, "Übergänge Schule–Beruf");
	reply_free(&r);
	static const char *const paths[] = {
		"/intern/interviews/1", "/intern/interviews/1/dokumente/1", "/intern/interviews/1/farben.css",
		"/intern/interviews/1/segmente?code=1", "/intern/interviews/1/segmente.csv?code=1",
		"/intern/interviews/1/segmente.xlsx?code=1",
		"/intern/interviews/1/matrix", "/intern/interviews/1/suche?q=Praktikum",
		"/intern/interviews/1/uebereinstimmung", "/intern/interviews/1/projekt.qdpx",
		"/intern/interviews/1/codebuch.qdc", "/intern/interviews/1/codes/1", "/intern/interviews/999",
	};
	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		assert_int_equal(agent_fetch(&srv, &other, paths[i], &r), 404);
		assert_not_contains(r.body.data, "Praktikum");
		reply_free(&r);
	}
	long before = db_scalarf(&srv, "SELECT count(*) FROM iv_coding");
	assert_int_equal(agent_submit(&srv, &other, "/intern/interviews/1/dokumente/1/kodieren",
				      form("code", "1", "start", "0", "end", "5", NULL), &r),
			 404);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM iv_coding"), before);
}

static void test_document_read_audited(void **state)
{
	(void)state;
	struct reply r;
	long before = db_scalarf(&srv, "SELECT count(*) FROM audit_log WHERE action = 'iv_doc_read' AND object_id = '1'");
	assert_int_equal(agent_fetch(&srv, &researcher, "/intern/interviews/1/dokumente/1", &r), 200);
	/* paragraphs with their turns and timestamps, codings marked in their colour */
	assert_contains(r.body.data, "class=\"iv-line\" data-start=\"0\"");
	assert_contains(r.body.data, "00:00:04");
	assert_contains(r.body.data, "<mark class=\"iv-c-");
	assert_contains(r.body.data, "/static/interviews.js");
	assert_contains(r.body.data, "href=\"/intern/interviews/1/farben.css\"");
	assert_tidy(&srv, r.body.data, "a document");
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM audit_log WHERE action = 'iv_doc_read' AND object_id = '1'"),
			 before + 1);
	assert_int_equal(agent_fetch(&srv, &researcher, "/intern/interviews/1/farben.css", &r), 200);
	assert_contains(reply_header(&r, "Content-Type"), "text/css");
	assert_contains(r.body.data, "{background-color:#f0ad4e;color:#000}");
	reply_free(&r);
}

static void test_coding(void **state)
{
	(void)state;
	struct reply r;
	char code[24];
	snprintf(code, sizeof(code), "%ld", code_id("Praktikum"));
	assert_int_equal(agent_fetch(&srv, &researcher, "/intern/interviews/1/dokumente/2", &r), 200);
	reply_free(&r);
	long coder = db_scalarf(&srv, "SELECT k.id FROM iv_coder k JOIN user u ON u.id = k.user_id WHERE u.email = "
			   "'researcher@demo.lotse.invalid' AND k.project_id = 1");
	long before = db_scalarf(&srv, "SELECT count(*) FROM iv_coding WHERE doc_id = 2");
	/* a paragraph (the form without JavaScript): paragraph 6 of interview 02 */
	long ps = db_scalarf(&srv, "SELECT start FROM iv_para WHERE doc_id = 2 AND n = 6"),
	     pe = db_scalarf(&srv, "SELECT \"end\" FROM iv_para WHERE doc_id = 2 AND n = 6");
	char s1[24], e1[24];
	snprintf(s1, sizeof(s1), "%ld", ps);
	snprintf(e1, sizeof(e1), "%ld", pe);
	assert_int_equal(agent_submit(&srv, &researcher, "/intern/interviews/1/dokumente/2/kodieren",
				      form("code", code, "start", s1, "end", e1, "para", "6", NULL), &r),
			 303);
	assert_contains(reply_header(&r, "Location"), "/intern/interviews/1/dokumente/2?ok=coded#a-6");
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM iv_coding WHERE doc_id = 2 AND start = %ld AND \"end\" = %ld AND "
			       "coder_id = %ld",
			       ps, pe, coder),
			 1);
	/* a selection with two codes (what the script posts) */
	char code2[24];
	snprintf(code2, sizeof(code2), "%ld", code_id("Begleitung"));
	char body[256];
	snprintf(body, sizeof(body), "code=%s&code=%s&start=%ld&end=%ld&para=6", code, code2, ps + 3, ps + 20);
	assert_int_equal(agent_submit(&srv, &researcher, "/intern/interviews/1/dokumente/2/kodieren", body, &r), 303);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM iv_coding WHERE doc_id = 2"), before + 3);
	/* errors: an empty range, past the text, no code, a code of nowhere */
	assert_int_equal(agent_submit(&srv, &researcher, "/intern/interviews/1/dokumente/2/kodieren",
				      form("code", code, "start", "10", "end", "10", NULL), &r),
			 422);
	assert_contains(r.body.data, "Bitte zuerst Text markieren");
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &researcher, "/intern/interviews/1/dokumente/2/kodieren",
				      form("code", code, "start", "10", "end", "99999", NULL), &r),
			 422);
	assert_contains(r.body.data, "nicht im Text");
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &researcher, "/intern/interviews/1/dokumente/2/kodieren",
				      form("start", "1", "end", "9", NULL), &r),
			 422);
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &researcher, "/intern/interviews/1/dokumente/2/kodieren",
				      form("code", "99999", "start", "1", "end", "9", NULL), &r),
			 422);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM iv_coding WHERE doc_id = 2"), before + 3);
	/* without the CSRF token: refused */
	assert_int_equal(agent_http(&srv, &researcher, "POST", "/intern/interviews/1/dokumente/2/kodieren",
				    "code=1&start=1&end=9", "application/x-www-form-urlencoded", &r),
			 0);
	assert_int_equal(r.status, 403);
	reply_free(&r);
	/* remove one again */
	long id = db_scalarf(&srv, "SELECT id FROM iv_coding WHERE doc_id = 2 AND code_id = %s AND start = %ld", code2, ps + 3);
	char path[200];
	snprintf(path, sizeof(path), "/intern/interviews/1/dokumente/2/kodierungen/%ld/loeschen", id);
	assert_int_equal(agent_submit(&srv, &researcher, path, "", &r), 303);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM iv_coding WHERE id = %ld", id), 0);
}

static void test_project_upload_members(void **state)
{
	(void)state;
	struct reply r;
	assert_int_equal(agent_submit(&srv, &researcher, "/intern/interviews/neu", form("name", "", NULL), &r), 422);
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &researcher, "/intern/interviews/neu",
				      form("name", "Zweites Projekt", "description", "Zum Testen", NULL), &r),
			 303);
	long pid = db_scalarf(&srv, "SELECT id FROM iv_project WHERE name = 'Zweites Projekt'");
	char path[200];
	snprintf(path, sizeof(path), "/intern/interviews/%ld", pid);
	assert_string_equal(reply_header(&r, "Location"), path);
	reply_free(&r);
	/* a pasted transcript with CRLF and non-ASCII text */
	snprintf(path, sizeof(path), "/intern/interviews/%ld/dokumente/neu", pid);
	assert_int_equal(agent_submit(&srv, &researcher, path,
				      form("name", "Paste", "kind", "interview", "text",
					   "I: Grüß dich, wie geht’s?\r\nB: Gut. Das Zauberwort ist Übergangsmanagement.\r\n",
					   NULL),
				      &r),
			 303);
	reply_free(&r);
	long doc = db_scalarf(&srv, "SELECT id FROM iv_document WHERE project_id = %ld AND name = 'Paste'", pid);
	assert_true(doc > 0);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM iv_para WHERE doc_id = %ld", doc), 2);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM iv_para WHERE doc_id = %ld AND speaker = 'B' AND start = 27", doc), 1);
	/* neither a file nor text; a bad date */
	assert_int_equal(agent_submit(&srv, &researcher, path, form("name", "Leer", "kind", "interview", NULL), &r), 422);
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &researcher, path,
				      form("name", "X", "kind", "expert", "text", "a", "talk_date", "12.05.2027", NULL), &r),
			 422);
	reply_free(&r);
	/* the other researcher cannot see it, until added as a member */
	snprintf(path, sizeof(path), "/intern/interviews/%ld", pid);
	assert_int_equal(agent_fetch(&srv, &other, path, &r), 404);
	reply_free(&r);
	snprintf(path, sizeof(path), "/intern/interviews/%ld/mitglieder", pid);
	assert_int_equal(agent_submit(&srv, &researcher, path, form("email", "editor@demo.lotse.invalid", NULL), &r), 422);
	assert_contains(r.body.data, "Rolle Forschung");
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &researcher, path, form("email", other_email, NULL), &r), 303);
	reply_free(&r);
	snprintf(path, sizeof(path), "/intern/interviews/%ld", pid);
	assert_int_equal(agent_fetch(&srv, &other, path, &r), 200);
	assert_contains(r.body.data, "Paste");
	reply_free(&r);
	/* the full-text search stays inside its project */
	snprintf(path, sizeof(path), "/intern/interviews/%ld/suche?q=Zauberwort", pid);
	assert_int_equal(agent_fetch(&srv, &researcher, path, &r), 200);
	assert_contains(r.body.data, "1 Absatz gefunden");
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &researcher, "/intern/interviews/1/suche?q=Zauberwort", &r), 200);
	assert_contains(r.body.data, "0 Absätze gefunden");
	reply_free(&r);
	/* German-aware: "Praktika" finds "Praktikum" */
	assert_int_equal(agent_fetch(&srv, &researcher, "/intern/interviews/1/suche?q=Praktika", &r), 200);
	assert_contains(r.body.data, "Ein Praktikum vorher hilft uns sehr");
	reply_free(&r);
}

static void test_codes(void **state)
{
	(void)state;
	struct reply r;
	long barr = code_id("Barrieren");
	char parent[24];
	snprintf(parent, sizeof(parent), "%ld", barr);
	assert_int_equal(agent_submit(&srv, &researcher, "/intern/interviews/1/codes",
				      form("name", "Wohnen", "parent", parent, "color", "#123456", NULL), &r),
			 303);
	reply_free(&r);
	long wohn = code_id("Wohnen");
	assert_true(wohn > 0);
	assert_int_equal(db_scalarf(&srv, "SELECT parent_id FROM iv_code WHERE id = %ld", wohn), barr);
	/* a bad colour; moving Barrieren under its own sub-code */
	assert_int_equal(agent_submit(&srv, &researcher, "/intern/interviews/1/codes",
				      form("name", "Farblos", "color", "red", NULL), &r),
			 422);
	reply_free(&r);
	char path[200], child[24];
	snprintf(path, sizeof(path), "/intern/interviews/1/codes/%ld", barr);
	snprintf(child, sizeof(child), "%ld", wohn);
	assert_int_equal(agent_submit(&srv, &researcher, path,
				      form("name", "Barrieren", "parent", child, "color", "#d9534f", NULL), &r),
			 422);
	assert_contains(r.body.data, "nicht unter sich selbst");
	reply_free(&r);
	/* merge Wohnen into Aufenthaltsstatus */
	snprintf(path, sizeof(path), "/intern/interviews/1/codes/%ld/zusammenfuehren", wohn);
	char into[24];
	snprintf(into, sizeof(into), "%ld", code_id("Aufenthaltsstatus"));
	assert_int_equal(agent_submit(&srv, &researcher, path, form("into", into, NULL), &r), 303);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM iv_code WHERE name = 'Wohnen'"), 0);
}

/* Codes and variable values as the directory's terms: the demo's
 * mappings on the page, a code's term set and refused when unknown, a
 * value's term set and refused (an unknown value, a term of the wrong
 * dimension, an unknown language), nothing for a non-member. */
static void test_terms(void **state)
{
	(void)state;
	struct reply r;
	assert_int_equal(agent_fetch(&srv, &researcher, "/intern/interviews/1/begriffe", &r), 200);
	assert_contains(r.body.data, "Sprachförderung");
	assert_contains(r.body.data, "Gruppe: Eltern");
	assert_contains(r.body.data, "value=\"group/eltern\" selected");
	assert_tidy(&srv, r.body.data, "the terms page");
	reply_free(&r);
	long beg = code_id("Begleitung");
	char path[200];
	snprintf(path, sizeof(path), "/intern/interviews/1/codes/%ld/begriff", beg);
	assert_int_equal(agent_submit(&srv, &researcher, path, form("term", "angebotsart/ausbildungsbegleitung", NULL), &r),
			 303);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM iv_code_term WHERE code_id = %ld AND term = 'ausbildungsbegleitung'",
			       beg),
			 1);
	snprintf(path, sizeof(path), "/intern/interviews/1/codes/%ld", beg);
	assert_int_equal(agent_fetch(&srv, &researcher, path, &r), 200);
	assert_contains(r.body.data, "value=\"angebotsart/ausbildungsbegleitung\" selected");
	reply_free(&r);
	snprintf(path, sizeof(path), "/intern/interviews/1/codes/%ld/begriff", beg);
	assert_int_equal(agent_submit(&srv, &researcher, path, form("term", "angebotsart/gibt-es-nicht", NULL), &r), 422);
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &other, path, form("term", "angebotsart/mentoring", NULL), &r), 404);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM iv_code_term WHERE code_id = %ld AND term = 'ausbildungsbegleitung'",
			       beg),
			 1);
	/* a value's term; the errors leave it as it is */
	assert_int_equal(agent_submit(&srv, &researcher, "/intern/interviews/1/begriffe",
				      form("name", "Gruppe", "value", "Lehrkräfte", "term", "group/fachkraefte", NULL), &r),
			 303);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM iv_var_term WHERE value = 'Lehrkräfte' AND dim = 'group' AND "
			       "term = 'fachkraefte'"),
			 1);
	const char *bad[][3] = { { "Gruppe", "Niemand", "group/eltern" },
				 { "Gruppe", "Lehrkräfte", "group/mainz-neustadt" },
				 { "Sprache", "Deutsch", "language/xx" },
				 { "Gruppe", "Lehrkräfte", "colour/rot" } };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(agent_submit(&srv, &researcher, "/intern/interviews/1/begriffe",
					      form("name", bad[i][0], "value", bad[i][1], "term", bad[i][2], NULL), &r),
				 422);
		assert_contains(r.body.data, "nicht gespeichert");
		reply_free(&r);
	}
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM iv_var_term WHERE value = 'Lehrkräfte' AND term = 'fachkraefte'"), 1);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM iv_var_term WHERE value = 'Niemand'"), 0);
	assert_int_equal(agent_submit(&srv, &other, "/intern/interviews/1/begriffe",
				      form("name", "Gruppe", "value", "Eltern", "term", "", NULL), &r),
			 404);
	reply_free(&r);
	/* none: the mapping goes */
	assert_int_equal(agent_submit(&srv, &researcher, "/intern/interviews/1/begriffe",
				      form("name", "Gruppe", "value", "Lehrkräfte", "term", "", NULL), &r),
			 303);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM iv_var_term WHERE value = 'Lehrkräfte'"), 0);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM audit_log WHERE action = 'iv_var_term'"), 2);
}

static void test_retrieval(void **state)
{
	(void)state;
	struct reply r;
	char path[300];
	long barr = code_id("Barrieren"), lang = code_id("Sprache");
	long all = db_scalarf(&srv, "SELECT count(*) FROM iv_coding g JOIN iv_code c ON c.id = g.code_id WHERE c.parent_id = %ld", barr);
	snprintf(path, sizeof(path), "/intern/interviews/1/segmente?code=%ld&sub=1", barr);
	assert_int_equal(agent_fetch(&srv, &researcher, path, &r), 200);
	char n[64];
	snprintf(n, sizeof(n), "%ld Segmente", all);
	assert_contains(r.body.data, n);
	assert_contains(r.body.data, "Die Sprache ist oft das größte Hindernis");
	reply_free(&r);
	/* the same as a page to print: every segment, audited as an export */
	long exports = db_scalarf(&srv, "SELECT count(*) FROM audit_log WHERE action = 'iv_segments_export'");
	snprintf(path, sizeof(path), "/intern/interviews/1/segmente/druck?code=%ld&sub=1", barr);
	assert_int_equal(agent_fetch(&srv, &researcher, path, &r), 200);
	assert_contains(r.body.data, n);
	assert_contains(r.body.data, "<blockquote>Die Sprache ist oft das größte Hindernis</blockquote>");
	assert_tidy(&srv, r.body.data, "the segments to print");
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM audit_log WHERE action = 'iv_segments_export'"), exports + 1);
	assert_int_equal(agent_fetch(&srv, &researcher, "/intern/interviews/1/segmente/druck", &r), 400);
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &other, path, &r), 404);
	reply_free(&r);
	snprintf(path, sizeof(path), "/intern/interviews/1/segmente?code=%ld&sub=1", barr);
	assert_int_equal(agent_fetch(&srv, &researcher, path, &r), 200);
	assert_contains(r.body.data, "href=\"/intern/interviews/1/dokumente/4#a-2\"");
	assert_tidy(&srv, r.body.data, "segments");
	reply_free(&r);
	/* by a variable */
	snprintf(path, sizeof(path), "/intern/interviews/1/segmente?code=%ld&var=Gruppe&value=Betriebe", lang);
	assert_int_equal(agent_fetch(&srv, &researcher, path, &r), 200);
	assert_contains(r.body.data, "wegen der Sprache");
	assert_not_contains(r.body.data, "größte Hindernis");
	reply_free(&r);
	snprintf(path, sizeof(path), "/intern/interviews/1/segmente.csv?code=%ld", lang);
	assert_int_equal(agent_fetch(&srv, &researcher, path, &r), 200);
	assert_contains(reply_header(&r, "Content-Type"), "text/csv");
	assert_contains(r.body.data, "Dokument,Absatz,Code,Kodiert von,Start,Ende,Sprecher,Segment,Kontext");
	assert_contains(r.body.data, "Die Sprache ist oft das größte Hindernis");
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &researcher, "/intern/interviews/1/matrix?var=Gruppe", &r), 200);
	assert_contains(r.body.data, "Jugendliche (2 Dok.)");
	assert_tidy(&srv, r.body.data, "matrix");
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &researcher, "/intern/interviews/1/ueberschneidungen", &r), 200);
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &researcher, "/intern/interviews/1/ueberschneidungen?art=ueberlappung", &r), 200);
	reply_free(&r);
}

static void test_agreement(void **state)
{
	(void)state;
	struct reply r;
	long a = db_scalarf(&srv, "SELECT k.id FROM iv_coder k JOIN user u ON u.id = k.user_id WHERE u.email LIKE 'forschung1@%%'");
	long b = db_scalarf(&srv, "SELECT k.id FROM iv_coder k JOIN user u ON u.id = k.user_id WHERE u.email LIKE 'forschung2@%%'");
	char path[200];
	snprintf(path, sizeof(path), "/intern/interviews/1/uebereinstimmung?a=%ld&b=%ld", a, b);
	assert_int_equal(agent_fetch(&srv, &researcher, path, &r), 200);
	assert_contains(r.body.data, "Insgesamt");
	/* the demo's coders differ in a few places, agree on most */
	assert_contains(r.body.data, "nur von Forschung Eins");
	assert_contains(r.body.data, "nur von Forschung Zwei");
	assert_tidy(&srv, r.body.data, "agreement");
	reply_free(&r);
	snprintf(path, sizeof(path), "/intern/interviews/1/uebereinstimmung?a=%ld&b=%ld", a, a);
	assert_int_equal(agent_fetch(&srv, &researcher, path, &r), 200);
	assert_contains(r.body.data, "zwei verschiedene");
	reply_free(&r);
}

/* The segments of a code as a workbook: the header row and the segment's
 * text in its shared strings, the export audited; no code, no file. */
static void test_segments_xlsx(void **state)
{
	(void)state;
	struct reply r;
	char path[300], file[400];
	long lang = code_id("Sprache");
	long before = db_scalarf(&srv, "SELECT count(*) FROM audit_log WHERE action = 'iv_segments_export'");
	snprintf(path, sizeof(path), "/intern/interviews/1/segmente.xlsx?code=%ld", lang);
	assert_int_equal(agent_fetch(&srv, &researcher, path, &r), 200);
	assert_string_equal(reply_header(&r, "Content-Type"),
			    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
	assert_contains(reply_header(&r, "Content-Disposition"), ".xlsx");
	assert_memory_equal(r.body.data, "PK\003\004", 4);
	harness_save(&srv, "segmente.xlsx", &r.body, file, sizeof(file));
	reply_free(&r);
	char cmd[1000];
	snprintf(cmd, sizeof(cmd),
		 "unzip -p '%s' xl/sharedStrings.xml | grep -q 'Die Sprache ist oft das größte Hindernis' && "
		 "unzip -p '%s' xl/sharedStrings.xml | grep -q 'Kodiert von'",
		 file, file);
	if (system(cmd) != 0)
		fail_msg("the workbook lacks the header or the segment (%s)", cmd);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM audit_log WHERE action = 'iv_segments_export'"), before + 1);
	assert_int_equal(agent_fetch(&srv, &researcher, "/intern/interviews/1/segmente.xlsx", &r), 400);
	reply_free(&r);
	/* the segments page links it */
	snprintf(path, sizeof(path), "/intern/interviews/1/segmente?code=%ld", lang);
	assert_int_equal(agent_fetch(&srv, &researcher, path, &r), 200);
	assert_contains(r.body.data, "/intern/interviews/1/segmente.xlsx?code=");
	reply_free(&r);
}

/* Code sets (a new one, the refusals, deleting one) and splitting a
 * code: the chosen codings go to the new code beside it; a coding of
 * another code is refused and nothing changes. The sets travel in the
 * exports (test_exports_validate, test_round_trip). */
static void test_sets_split(void **state)
{
	(void)state;
	struct reply r;
	char body[300];
	snprintf(body, sizeof(body), "name=Zugang&code=%ld&code=%ld", code_id("Sprache"), code_id("Sprachförderung"));
	assert_int_equal(agent_submit(&srv, &researcher, "/intern/interviews/1/sets", body, &r), 303);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM iv_codeset_code m JOIN iv_codeset s ON s.id = m.set_id WHERE "
			       "s.project_id = 1 AND s.name = 'Zugang'"),
			 2);
	assert_int_equal(agent_fetch(&srv, &researcher, "/intern/interviews/1/sets", &r), 200);
	assert_contains(r.body.data, "<h2 id=\"set-");
	assert_contains(r.body.data, "Zugang");
	assert_tidy(&srv, r.body.data, "the code sets");
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &researcher, "/intern/interviews/1/sets", "name=Leer", &r), 422);
	assert_contains(r.body.data, "nicht gespeichert");
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &researcher, "/intern/interviews/1/sets", "name=Fremd&code=999999", &r), 422);
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &other, "/intern/interviews/1/sets", body, &r), 404);
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &researcher, "/intern/interviews/1/sets", "name=Weg&code=1", &r), 303);
	reply_free(&r);
	char path[200];
	snprintf(path, sizeof(path), "/intern/interviews/1/sets/%ld/loeschen",
		 db_scalarf(&srv, "SELECT id FROM iv_codeset WHERE name = 'Weg'"));
	assert_int_equal(agent_submit(&srv, &researcher, path, "", &r), 303);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM iv_codeset WHERE project_id = 1"), 1);

	/* split Praktikum: the codings of the first coder go to a new code */
	long prak = code_id("Praktikum");
	long total = db_scalarf(&srv, "SELECT count(*) FROM iv_coding WHERE code_id = %ld", prak);
	long c1 = db_scalarf(&srv, "SELECT min(id) FROM iv_coding WHERE code_id = %ld", prak),
	     c2 = db_scalarf(&srv, "SELECT max(id) FROM iv_coding WHERE code_id = %ld", prak),
	     foreign = db_scalarf(&srv, "SELECT min(id) FROM iv_coding WHERE code_id = %ld", code_id("Sprache"));
	snprintf(path, sizeof(path), "/intern/interviews/1/codes/%ld", prak);
	assert_int_equal(agent_fetch(&srv, &researcher, path, &r), 200);
	assert_contains(r.body.data, "id=\"aufteilen\"");
	reply_free(&r);
	snprintf(path, sizeof(path), "/intern/interviews/1/codes/%ld/aufteilen", prak);
	snprintf(body, sizeof(body), "name=Praktikum%%20im%%20Betrieb&coding=%ld&coding=%ld", c1, foreign);
	assert_int_equal(agent_submit(&srv, &researcher, path, body, &r), 422);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM iv_code WHERE name = 'Praktikum im Betrieb'"), 0);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM iv_coding WHERE code_id = %ld", prak), total);
	snprintf(body, sizeof(body), "name=Praktikum%%20im%%20Betrieb&coding=%ld&coding=%ld", c1, c2);
	assert_int_equal(agent_submit(&srv, &researcher, path, body, &r), 303);
	reply_free(&r);
	long neu = code_id("Praktikum im Betrieb");
	assert_int_equal(db_scalarf(&srv, "SELECT parent_id FROM iv_code WHERE id = %ld", neu), code_id("Bedarfe"));
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM iv_coding WHERE code_id = %ld AND id IN (%ld, %ld)", neu, c1, c2), 2);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM iv_coding WHERE code_id = %ld", prak), total - 2);
}
/* The pseudonymisation helper from the document's page: the name
 * replaced in the text, the index and the codings kept, the key list for
 * members only and its reads audited; an expert talk's participants and
 * its event. */
static void test_pseudonym_and_event(void **state)
{
	(void)state;
	struct reply r;
	/* the name stays in another project's transcript (as in a copy of the
	 * demo project): a word the index knows, so that the search below
	 * looks for it and not for similar words */
	char path[200];
	snprintf(path, sizeof(path), "/intern/interviews/%ld/dokumente/neu",
		 db_scalarf(&srv, "SELECT id FROM iv_project WHERE name = 'Zweites Projekt'"));
	assert_int_equal(agent_submit(&srv, &researcher, path,
				      form("name", "Kopie", "kind", "expert", "text",
					   "Herr Muster: Die Anerkennung dauert zu lange.\n", NULL),
				      &r),
			 303);
	reply_free(&r);
	long codings = db_scalarf(&srv, "SELECT count(*) FROM iv_coding WHERE doc_id = 6");
	assert_int_equal(agent_submit(&srv, &researcher, "/intern/interviews/1/dokumente/6/pseudonym",
				      form("original", "Herr Muster", "kind", "Name", NULL), &r),
			 200);
	assert_contains(r.body.data, "2 Stellen durch");
	assert_contains(r.body.data, "[Name 1]:");
	assert_not_contains(r.body.data, "Herr Muster");
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM iv_document WHERE id = 6 AND body LIKE '%%Muster%%'"), 0);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM iv_para WHERE doc_id = 6 AND speaker = '[Name 1]' AND turn = 1"), 2);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM iv_document WHERE id = 6 AND participants LIKE '%%[Name 1], Handwerkskammer%%'"),
			 1);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM iv_coding WHERE doc_id = 6"), codings);
	assert_int_equal(agent_fetch(&srv, &researcher, "/intern/interviews/1/suche?q=Muster", &r), 200);
	assert_contains(r.body.data, "0 Absätze gefunden");
	reply_free(&r);
	snprintf(path, sizeof(path), "/intern/interviews/%ld/suche?q=Muster",
		 db_scalarf(&srv, "SELECT id FROM iv_project WHERE name = 'Zweites Projekt'"));
	assert_int_equal(agent_fetch(&srv, &researcher, path, &r), 200);
	assert_contains(r.body.data, "1 Absatz gefunden");
	reply_free(&r);
	/* refused: empty, a bracket, an unknown kind; a non-member sees nothing */
	const char *bad[][2] = { { "", "Name" }, { "[Name 1]", "Name" }, { "Mainz", "Haustier" } };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(agent_submit(&srv, &researcher, "/intern/interviews/1/dokumente/6/pseudonym",
					      form("original", bad[i][0], "kind", bad[i][1], NULL), &r),
				 422);
		assert_contains(r.body.data, "genau so eingeben");
		reply_free(&r);
	}
	assert_int_equal(agent_submit(&srv, &other, "/intern/interviews/1/dokumente/6/pseudonym",
				      form("original", "Frau Beispiel", "kind", "Name", NULL), &r),
			 404);
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &other, "/intern/interviews/1/schluessel", &r), 404);
	reply_free(&r);
	long reads = db_scalarf(&srv, "SELECT count(*) FROM audit_log WHERE action = 'iv_keys_read'");
	assert_int_equal(agent_fetch(&srv, &researcher, "/intern/interviews/1/schluessel", &r), 200);
	assert_contains(r.body.data, "<td>[Name 1]</td><td><bdi>Herr Muster</bdi></td>");
	assert_tidy(&srv, r.body.data, "the key list");
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM audit_log WHERE action = 'iv_keys_read'"), reads + 1);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM audit_log WHERE action = 'iv_pseudonymise' AND detail LIKE "
			       "'%%Muster%%'"),
			 0);
	/* the participants as a table; the event */
	assert_int_equal(agent_fetch(&srv, &researcher, "/intern/interviews/1/dokumente/6", &r), 200);
	assert_contains(r.body.data, "<td>Frau Beispiel</td><td>Jugendmigrationsdienst</td><td>Beraterin</td>");
	reply_free(&r);
	long ev = db_scalarf(&srv, "SELECT min(id) FROM event");
	char id[24];
	snprintf(id, sizeof(id), "%ld", ev);
	assert_int_equal(agent_submit(&srv, &researcher, "/intern/interviews/1/dokumente/6/veranstaltung",
				      form("event", id, NULL), &r),
			 303);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT event_id FROM iv_document WHERE id = 6"), ev);
	char link[80];
	snprintf(link, sizeof(link), "href=\"/veranstaltungen/%ld\"", ev);
	assert_int_equal(agent_fetch(&srv, &researcher, "/intern/interviews/1/dokumente/6", &r), 200);
	assert_contains(r.body.data, link);
	assert_tidy(&srv, r.body.data, "an expert talk with its event");
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &researcher, "/intern/interviews/1/dokumente/6/veranstaltung",
				      form("event", "999999", NULL), &r),
			 422);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT event_id FROM iv_document WHERE id = 6"), ev);
	assert_int_equal(agent_submit(&srv, &researcher, "/intern/interviews/1/dokumente/6/veranstaltung",
				      form("event", "", NULL), &r),
			 303);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM iv_document WHERE id = 6 AND event_id IS NULL"), 1);
}

/* A memo on a coded segment: shown under the coding in the margin; a
 * segment of another document is refused. */
static void test_segment_memo(void **state)
{
	(void)state;
	struct reply r;
	long k = db_scalarf(&srv, "SELECT min(id) FROM iv_coding WHERE doc_id = 2"),
	     foreign = db_scalarf(&srv, "SELECT min(id) FROM iv_coding WHERE doc_id = 4");
	char body[200];
	snprintf(body, sizeof(body), "text=Genau%%20pr%%C3%%BCfen&doc=2&coding=%ld", k);
	assert_int_equal(agent_submit(&srv, &researcher, "/intern/interviews/1/memos", body, &r), 303);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM iv_memo WHERE coding_id = %ld AND text = 'Genau prüfen'", k), 1);
	assert_int_equal(agent_fetch(&srv, &researcher, "/intern/interviews/1/dokumente/2", &r), 200);
	char li[80];
	snprintf(li, sizeof(li), "<li id=\"k-%ld\">", k);
	assert_contains(r.body.data, li);
	assert_contains(strstr(r.body.data, li), "Genau prüfen");
	assert_tidy(&srv, r.body.data, "a document with a segment's memo");
	reply_free(&r);
	snprintf(body, sizeof(body), "text=Falsch&doc=2&coding=%ld", foreign);
	assert_int_equal(agent_submit(&srv, &researcher, "/intern/interviews/1/memos", body, &r), 422);
	reply_free(&r);
	snprintf(body, sizeof(body), "text=Ohne%%20Dokument&coding=%ld", k);
	assert_int_equal(agent_submit(&srv, &researcher, "/intern/interviews/1/memos", body, &r), 422);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM iv_memo WHERE text IN ('Falsch', 'Ohne Dokument')"), 0);
}

static void test_delete_document(void **state)
{
	(void)state;
	struct reply r;
	long doc = 3;
	long paras = db_scalarf(&srv, "SELECT count(*) FROM iv_para WHERE doc_id = %ld", doc);
	assert_true(paras > 0);
	/* its paragraphs are in the index (a search indexed them) */
	assert_int_equal(agent_fetch(&srv, &researcher, "/intern/interviews/1/suche?q=Dolmetscherin", &r), 200);
	assert_contains(r.body.data, "1 Absatz gefunden");
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &other, "/intern/interviews/1/dokumente/3/loeschen", "", &r), 404);
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &researcher, "/intern/interviews/1/dokumente/3/loeschen", "", &r), 303);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM iv_document WHERE id = %ld", doc), 0);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM iv_para WHERE doc_id = %ld", doc), 0);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM iv_coding WHERE doc_id = %ld", doc), 0);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM iv_docvar WHERE doc_id = %ld", doc), 0);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM ivsearch_dirty"), 0);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM ivsearch_doc d WHERE NOT EXISTS (SELECT 1 FROM iv_para p WHERE "
			       "CAST(p.id AS TEXT) = d.key)"),
			 0);
	assert_int_equal(agent_fetch(&srv, &researcher, "/intern/interviews/1/suche?q=Dolmetscherin", &r), 200);
	assert_contains(r.body.data, "0 Absätze gefunden");
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM audit_log WHERE action = 'iv_doc_delete' AND object_id = '3'"), 1);
}

static void test_dashboard_card(void **state)
{
	(void)state;
	struct reply r;
	assert_int_equal(agent_fetch(&srv, &researcher, "/intern", &r), 200);
	assert_contains(r.body.data, "href=\"/intern/interviews\"");
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &editor, "/intern", &r), 200);
	assert_not_contains(r.body.data, "Interviews auswerten");
	reply_free(&r);
}

int main(int argc, char **argv)
{
	if (harness_args(argc, argv) != 0)
		return 2;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_access),
		cmocka_unit_test(test_document_read_audited),
		cmocka_unit_test(test_coding),
		cmocka_unit_test(test_project_upload_members),
		cmocka_unit_test(test_codes),
		cmocka_unit_test(test_terms),
		cmocka_unit_test(test_retrieval),
		cmocka_unit_test(test_agreement),
		cmocka_unit_test(test_segments_xlsx),
		cmocka_unit_test(test_sets_split),
		cmocka_unit_test(test_pseudonym_and_event),
		cmocka_unit_test(test_segment_memo),
		cmocka_unit_test(test_delete_document),
		cmocka_unit_test(test_dashboard_card),
	};
	return cmocka_run_group_tests(tests, iv_group_setup, iv_group_teardown);
}
