/* test_interview_cases.c — cases of interviews and the paging of a
 * code's segments, against the real server and binary: a researcher
 * makes a case, puts documents into it (a document of another project
 * refused, nothing changed), gives it variables, renames and deletes it;
 * the case shows on the project's and the document's pages, filters the
 * segments and groups the matrix, and so do its variables; a non-member
 * gets 404 everywhere. The
 * cases travel in the REFI-QDA export (validated with xmllint --schema)
 * and come back on import. A code's memo written, changed and deleted
 * from the codebook on the project's page, exported as a Note the code
 * refers to (NoteRef) and read back as the code's memo. A code with 250
 * segments is shown a hundred a page, on the segments page and the
 * printable one, with links that keep the filters. */
#include "interviews_fixture.h"

#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static long case_id(const char *name)
{
	return db_scalarf(&srv, "SELECT id FROM iv_case WHERE project_id = 1 AND name = '%s'", name);
}

static void test_cases(void **state)
{
	(void)state;
	struct reply r;
	assert_int_equal(agent_fetch(&srv, &researcher, "/intern/interviews/1/faelle", &r), 200);
	assert_contains(r.body.data, "Noch kein Fall.");
	assert_tidy(&srv, r.body.data, "the cases");
	reply_free(&r);
	/* no name: the form again with the error */
	assert_int_equal(agent_submit(&srv, &researcher, "/intern/interviews/1/faelle", form("name", "", NULL), &r), 422);
	assert_contains(r.body.data, "f-name");
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &researcher, "/intern/interviews/1/faelle",
				      form("name", "Familie A.", "description", "Mutter und Sohn", NULL), &r),
			 303);
	reply_free(&r);
	long c = case_id("Familie A.");
	assert_true(c > 0);
	long d1 = db_scalarf(&srv, "SELECT min(id) FROM iv_document WHERE project_id = 1");
	long d2 = db_scalarf(&srv, "SELECT min(id) FROM iv_document WHERE project_id = 1 AND id > %ld", d1);
	char path[200], body[300];
	snprintf(path, sizeof(path), "/intern/interviews/1/faelle/%ld/dokumente", c);
	snprintf(body, sizeof(body), "doc=%ld&doc=%ld", d1, d2);
	assert_int_equal(agent_submit(&srv, &researcher, path, body, &r), 303);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM iv_case_doc WHERE case_id = %ld", c), 2);
	/* a document of no project (or another's): refused, the two stay */
	snprintf(body, sizeof(body), "doc=%ld&doc=999999", d1);
	assert_int_equal(agent_submit(&srv, &researcher, path, body, &r), 422);
	assert_contains(r.body.data, "nicht gespeichert");
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM iv_case_doc WHERE case_id = %ld", c), 2);
	/* variables, then one of them removed by leaving it empty */
	snprintf(path, sizeof(path), "/intern/interviews/1/faelle/%ld/variablen", c);
	assert_int_equal(agent_submit(&srv, &researcher, path,
				      form("var_name_0", "Stadtteil", "var_value_0", "Neustadt", "var_name_1", "Sprache",
					   "var_value_1", "Türkisch", NULL),
				      &r),
			 303);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM iv_case_var WHERE case_id = %ld", c), 2);
	assert_int_equal(agent_submit(&srv, &researcher, path,
				      form("var_name_0", "Stadtteil", "var_value_0", "Neustadt", NULL), &r),
			 303);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM iv_case_var WHERE case_id = %ld", c), 1);
	/* renamed */
	snprintf(path, sizeof(path), "/intern/interviews/1/faelle/%ld", c);
	assert_int_equal(agent_submit(&srv, &researcher, path, form("name", "Familie B.", NULL), &r), 303);
	reply_free(&r);
	assert_int_equal(case_id("Familie B."), c);
	assert_int_equal(agent_fetch(&srv, &researcher, path, &r), 200);
	assert_contains(r.body.data, "Familie B.");
	assert_contains(r.body.data, "Neustadt");
	assert_contains(r.body.data, "checked");
	assert_tidy(&srv, r.body.data, "a case");
	reply_free(&r);
	/* on the project's and the document's page */
	assert_int_equal(agent_fetch(&srv, &researcher, "/intern/interviews/1", &r), 200);
	assert_contains(r.body.data, "id=\"faelle\"");
	assert_contains(r.body.data, "Familie B.</a> · 2 Dokumente");
	reply_free(&r);
	snprintf(path, sizeof(path), "/intern/interviews/1/dokumente/%ld", d2);
	assert_int_equal(agent_fetch(&srv, &researcher, path, &r), 200);
	snprintf(body, sizeof(body), "href=\"/intern/interviews/1/faelle/%ld\">Familie B.</a>", c);
	assert_contains(r.body.data, body);
	reply_free(&r);
	/* the segments of a code in the case's documents only */
	long code = db_scalarf(&srv, "SELECT code_id FROM iv_coding g JOIN iv_case_doc m ON m.doc_id = g.doc_id WHERE "
				     "m.case_id = %ld GROUP BY code_id ORDER BY count(*) DESC LIMIT 1",
			       c);
	long in_case = db_scalarf(&srv, "SELECT count(*) FROM iv_coding g JOIN iv_case_doc m ON m.doc_id = g.doc_id "
					"WHERE m.case_id = %ld AND g.code_id = %ld",
				  c, code);
	long all = db_scalarf(&srv, "SELECT count(*) FROM iv_coding WHERE code_id = %ld", code);
	assert_true(in_case > 0);
	snprintf(path, sizeof(path), "/intern/interviews/1/segmente?code=%ld&fall=%ld", code, c);
	assert_int_equal(agent_fetch(&srv, &researcher, path, &r), 200);
	snprintf(body, sizeof(body), "%ld Segment", in_case);
	assert_contains(r.body.data, body);
	assert_contains(r.body.data, "Nur Dokumente des Falls");
	reply_free(&r);
	snprintf(path, sizeof(path), "/intern/interviews/1/segmente.csv?code=%ld&fall=%ld", code, c);
	assert_int_equal(agent_fetch(&srv, &researcher, path, &r), 200);
	long lines = 0;
	for (const char *p = r.body.data; (p = strchr(p, '\n')); p++)
		lines++;
	reply_free(&r);
	/* the CSV's rows: a header and the case's segments (texts have no line breaks in the demo) */
	assert_true(lines >= in_case + 1 && in_case <= all);
	/* the matrix by case: the case's column with its count, linked to its segments */
	assert_int_equal(agent_fetch(&srv, &researcher, "/intern/interviews/1/matrix?faelle=1", &r), 200);
	assert_contains(r.body.data, "Kodierungen je Code und Fall");
	assert_contains(r.body.data, "Familie B. (2 Dok.)");
	snprintf(body, sizeof(body), "segmente?code=%ld&amp;fall=%ld\">%ld</a>", code, c, in_case);
	assert_contains(r.body.data, body);
	assert_tidy(&srv, r.body.data, "the matrix by case");
	reply_free(&r);
	/* not a member: 404 for every page and form */
	snprintf(path, sizeof(path), "/intern/interviews/1/faelle/%ld", c);
	assert_int_equal(agent_fetch(&srv, &other, path, &r), 404);
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &other, "/intern/interviews/1/faelle", &r), 404);
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &other, path, form("name", "X", NULL), &r), 404);
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &other, "/intern/interviews/1/faelle", form("name", "X", NULL), &r), 404);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM iv_case WHERE name = 'X'"), 0);
	assert_true(db_scalarf(&srv, "SELECT count(*) FROM audit_log WHERE action LIKE 'iv_case%%'") >= 5);
	/* a second case, deleted: its documents stay */
	assert_int_equal(agent_submit(&srv, &researcher, "/intern/interviews/1/faelle", form("name", "Weg", NULL), &r), 303);
	reply_free(&r);
	long weg = case_id("Weg");
	snprintf(path, sizeof(path), "/intern/interviews/1/faelle/%ld/dokumente", weg);
	snprintf(body, sizeof(body), "doc=%ld", d1);
	assert_int_equal(agent_submit(&srv, &researcher, path, body, &r), 303);
	reply_free(&r);
	long docs = db_scalarf(&srv, "SELECT count(*) FROM iv_document");
	snprintf(path, sizeof(path), "/intern/interviews/1/faelle/%ld/loeschen", weg);
	assert_int_equal(agent_submit(&srv, &researcher, path, "", &r), 303);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM iv_case WHERE id = %ld", weg), 0);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM iv_case_doc WHERE case_id = %ld", weg), 0);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM iv_document"), docs);
	snprintf(path, sizeof(path), "/intern/interviews/1/faelle/%ld", weg);
	assert_int_equal(agent_fetch(&srv, &researcher, path, &r), 404);
	reply_free(&r);
}

/* A case's variables filter the segments and group the matrix as a
 * document's own do: the documents of the case count with its value, and
 * so does a document that has the value itself. */
static void test_case_vars_filter(void **state)
{
	(void)state;
	long c = case_id("Familie B.");
	assert_true(c > 0);
	struct reply r;
	char path[300], body[400];
	snprintf(path, sizeof(path), "/intern/interviews/1/faelle/%ld/variablen", c);
	assert_int_equal(agent_submit(&srv, &researcher, path,
				      form("var_name_0", "Stadtteil", "var_value_0", "Neustadt", "var_name_1", "Fallgruppe",
					   "var_value_1", "Gruppe X", NULL),
				      &r),
			 303);
	reply_free(&r);
	/* a document outside the case with the same value of its own */
	long d3 = db_scalarf(&srv, "SELECT min(d.id) FROM iv_document d JOIN iv_coding g ON g.doc_id = d.id WHERE "
				   "d.project_id = 1 AND d.id NOT IN (SELECT doc_id FROM iv_case_doc WHERE case_id = %ld)",
			     c);
	assert_true(d3 > 0);
	assert_int_equal(db_scalarf(&srv,
				    "INSERT INTO iv_docvar (doc_id, name, value) VALUES (%ld, 'Fallgruppe', 'Gruppe X')",
				    d3),
			 0);
	long code = db_scalarf(&srv, "SELECT code_id FROM iv_coding g JOIN iv_case_doc m ON m.doc_id = g.doc_id WHERE "
				     "m.case_id = %ld GROUP BY code_id ORDER BY count(*) DESC LIMIT 1",
			       c);
	long want = db_scalarf(&srv, "SELECT count(*) FROM iv_coding WHERE code_id = %ld AND (doc_id = %ld OR doc_id IN "
				     "(SELECT doc_id FROM iv_case_doc WHERE case_id = %ld))",
			       code, d3, c);
	long in_case = db_scalarf(&srv, "SELECT count(*) FROM iv_coding g JOIN iv_case_doc m ON m.doc_id = g.doc_id "
					"WHERE m.case_id = %ld AND g.code_id = %ld",
				  c, code);
	assert_true(want >= in_case && in_case > 0);
	snprintf(path, sizeof(path), "/intern/interviews/1/segmente?code=%ld&var=Fallgruppe&value=Gruppe+X", code);
	assert_int_equal(agent_fetch(&srv, &researcher, path, &r), 200);
	snprintf(body, sizeof(body), "%ld Segment", want);
	assert_contains(r.body.data, body);
	assert_contains(r.body.data, "<option value=\"Fallgruppe\" selected");
	assert_tidy(&srv, r.body.data, "segments by a case variable");
	reply_free(&r);
	/* the matrix's column of the value, linked to those segments */
	assert_int_equal(agent_fetch(&srv, &researcher, "/intern/interviews/1/matrix?var=Fallgruppe", &r), 200);
	assert_contains(r.body.data, "Gruppe X");
	snprintf(body, sizeof(body), "segmente?code=%ld&amp;var=Fallgruppe&amp;value=Gruppe%%20X\">%ld</a>", code, want);
	assert_contains(r.body.data, body);
	assert_tidy(&srv, r.body.data, "the matrix by a case variable");
	reply_free(&r);
}

/* The case of test_cases in the export (valid), and back on import with
 * its documents (by GUID), description and variables; exported again,
 * valid again. */
static void test_cases_exchange(void **state)
{
	(void)state;
	struct reply r;
	char file[400], f2[400], id[24];
	assert_int_equal(agent_fetch(&srv, &researcher, "/intern/interviews/1/projekt.qdpx", &r), 200);
	harness_save(&srv, "cases.qdpx", &r.body, file, sizeof(file));
	reply_free(&r);
	assert_qda_valid(file, 1);
	buf out;
	buf_init(&out, 0);
	assert_int_equal(run_lotse(&out, "qda", "import", "--db", srv.db, file, NULL), 0);
	long p2 = db_scalarf(&srv, "SELECT max(id) FROM iv_project");
	long c1 = case_id("Familie B.");
	long c2 = db_scalarf(&srv, "SELECT id FROM iv_case WHERE project_id = %ld AND name = 'Familie B.'", p2);
	assert_true(c2 > 0);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM iv_case a JOIN iv_case b ON a.guid = b.guid AND "
					  "a.description = b.description WHERE a.id = %ld AND b.id = %ld",
				    c1, c2),
			 1);
	/* the same documents, by their GUIDs */
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM iv_case_doc m JOIN iv_document d ON d.id = m.doc_id WHERE "
					  "m.case_id = %ld AND d.guid IN (SELECT d1.guid FROM iv_case_doc m1 JOIN iv_document d1 "
					  "ON d1.id = m1.doc_id WHERE m1.case_id = %ld)",
				    c2, c1),
			 2);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM iv_case_var WHERE case_id = %ld AND name = 'Stadtteil' "
					  "AND value = 'Neustadt'",
				    c2),
			 1);
	/* the documents' own variables did not take the case's */
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM iv_docvar v JOIN iv_document d ON d.id = v.doc_id WHERE "
					  "d.project_id = %ld AND v.name = 'Stadtteil' AND v.value = 'Neustadt'",
				    p2),
			 db_scalarf(&srv, "SELECT count(*) FROM iv_docvar v JOIN iv_document d ON d.id = v.doc_id WHERE "
					  "d.project_id = 1 AND v.name = 'Stadtteil' AND v.value = 'Neustadt'"));
	/* the values' terms travel as sets "lotse:value:DIM/TERM" (the demo maps some) */
	long vt = db_scalarf(&srv, "SELECT count(*) FROM iv_var_term WHERE project_id = 1");
	assert_true(vt >= 3);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM iv_var_term a JOIN iv_var_term b ON a.name = b.name AND "
					  "a.value = b.value AND a.dim = b.dim AND a.term = b.term WHERE a.project_id = 1 AND "
					  "b.project_id = %ld",
				    p2),
			 vt);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM iv_var_term WHERE project_id = %ld", p2), vt);
	/* and are no code sets there */
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM iv_codeset WHERE project_id = %ld", p2),
			 db_scalarf(&srv, "SELECT count(*) FROM iv_codeset WHERE project_id = 1"));
	snprintf(id, sizeof(id), "%ld", p2);
	snprintf(f2, sizeof(f2), "%s/cases2.qdpx", srv.dir);
	buf_reset(&out);
	assert_int_equal(run_lotse(&out, "qda", "export", "--db", srv.db, id, f2, NULL), 0);
	assert_qda_valid(f2, 1);
	buf_free(&out);
}

/* A case that names a source the file does not have, and two cases with
 * one GUID: reported, the rest taken. */
static void test_cases_import_tolerant(void **state)
{
	(void)state;
	static const char qde[] =
		"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
		"<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"Fremdfälle\">"
		"<Variables><Variable guid=\"{2A2B3C4D-0000-4000-8000-0000000000E1}\" name=\"Branche\" "
		"typeOfVariable=\"Text\"/></Variables>"
		"<Cases><Case guid=\"2a2b3c4d-0000-4000-8000-0000000000d1\" name=\"Betrieb K.\">"
		"<VariableValue><VariableRef targetGUID=\"2a2b3c4d-0000-4000-8000-0000000000e1\"/>"
		"<TextValue>Metall</TextValue></VariableValue>"
		"<SourceRef targetGUID=\"{2A2B3C4D-0000-4000-8000-0000000000B1}\"/>"
		"<SourceRef targetGUID=\"2a2b3c4d-0000-4000-8000-0000000000b9\"/></Case>"
		"<Case guid=\"2a2b3c4d-0000-4000-8000-0000000000d1\" name=\"Doppelt\"/></Cases>"
		"<Sources><TextSource guid=\"2a2b3c4d-0000-4000-8000-0000000000b1\" name=\"Gespräch\">"
		"<PlainTextContent>I: Wie finden Sie Azubis?</PlainTextContent></TextSource></Sources>"
		"<Sets><Set guid=\"2a2b3c4d-0000-4000-8000-0000000000f1\" name=\"lotse:value:branche/metall\">"
		"<Description>Branche\nMetall</Description></Set>"
		"<Set guid=\"2a2b3c4d-0000-4000-8000-0000000000f2\" name=\"lotse:value:group/eltern\">"
		"<Description>Gruppe\nEltern</Description>"
		"<MemberSource targetGUID=\"2a2b3c4d-0000-4000-8000-0000000000b1\"/></Set></Sets></Project>\n";
	buf b, out;
	buf_init(&b, 0);
	buf_init(&out, 0);
	buf_puts(&b, qde);
	char file[400];
	harness_save(&srv, "cases.qde", &b, file, sizeof(file));
	assert_int_equal(run_lotse(&out, "qda", "import", "--db", srv.db, file, NULL), 0);
	assert_contains(buf_str(&out), "Betrieb K.: a case refers to a source that was not taken");
	assert_contains(buf_str(&out), "Doppelt: a second case with the same guid");
	assert_contains(buf_str(&out), "lotse:value:branche/metall: not a variable's value and a term");
	long p = db_scalarf(&srv, "SELECT max(id) FROM iv_project");
	long c = db_scalarf(&srv, "SELECT id FROM iv_case WHERE project_id = %ld AND name = 'Betrieb K.'", p);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM iv_case WHERE project_id = %ld", p), 1);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM iv_case_doc WHERE case_id = %ld", c), 1);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM iv_case_var WHERE case_id = %ld AND value = 'Metall'", c), 1);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM iv_var_term WHERE project_id = %ld", p), 1);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM iv_var_term WHERE project_id = %ld AND name = 'Gruppe' AND "
					  "value = 'Eltern' AND dim = 'group' AND term = 'eltern'",
				    p),
			 1);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM iv_codeset WHERE project_id = %ld", p), 0);
	buf_free(&b);
	buf_free(&out);
}

static void test_code_memo(void **state)
{
	(void)state;
	struct reply r;
	long code = db_scalarf(&srv, "SELECT id FROM iv_code WHERE project_id = 1 AND name = 'Sprache'");
	char path[200], want[300];
	assert_int_equal(agent_fetch(&srv, &researcher, "/intern/interviews/1", &r), 200);
	snprintf(want, sizeof(want), "action=\"/intern/interviews/1/codes/%ld/memo\"", code);
	assert_contains(r.body.data, want);
	assert_contains(r.body.data, "Memo schreiben");
	reply_free(&r);
	snprintf(path, sizeof(path), "/intern/interviews/1/codes/%ld/memo", code);
	assert_int_equal(agent_submit(&srv, &researcher, path,
				      form("text", "Sprache meint hier die Amtssprache, nicht den Sprachkurs.", NULL), &r),
			 303);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM iv_code WHERE id = %ld AND memo LIKE 'Sprache meint%%'", code), 1);
	assert_true(db_scalarf(&srv, "SELECT count(*) FROM audit_log WHERE action = 'iv_code_memo'") >= 1);
	/* beside the code in the codebook */
	assert_int_equal(agent_fetch(&srv, &researcher, "/intern/interviews/1?ok=codememo", &r), 200);
	assert_contains(r.body.data, "Das Memo des Codes ist gespeichert.");
	const char *li = strstr(r.body.data, "id=\"code-");
	assert_non_null(li);
	snprintf(want, sizeof(want), "id=\"code-%ld\"", code);
	li = strstr(r.body.data, want);
	assert_non_null(li);
	const char *memo = strstr(li, "Sprache meint hier die Amtssprache");
	const char *end = strstr(li, "</li>");
	assert_true(memo && end && memo < end + 5000);
	assert_tidy(&srv, r.body.data, "the project page with a code's memo");
	reply_free(&r);
	/* a non-member: 404, nothing changed; too long: 422 */
	assert_int_equal(agent_submit(&srv, &other, path, form("text", "fremd", NULL), &r), 404);
	reply_free(&r);
	static char big[20100];
	memcpy(big, "text=", 5);
	memset(big + 5, 'x', sizeof(big) - 6);
	assert_int_equal(agent_submit(&srv, &researcher, path, big, &r), 422);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM iv_code WHERE id = %ld AND memo LIKE 'Sprache meint%%'", code), 1);
	/* exported as a Note with the code's NoteRef (valid), read back as the code's memo, not the project's */
	char file[400];
	assert_int_equal(agent_fetch(&srv, &researcher, "/intern/interviews/1/projekt.qdpx", &r), 200);
	harness_save(&srv, "memo.qdpx", &r.body, file, sizeof(file));
	reply_free(&r);
	assert_qda_valid(file, 1);
	buf out;
	buf_init(&out, 0);
	assert_int_equal(run_lotse(&out, "qda", "import", "--db", srv.db, file, NULL), 0);
	buf_free(&out);
	long p2 = db_scalarf(&srv, "SELECT max(id) FROM iv_project");
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM iv_code a JOIN iv_code b ON a.guid = b.guid AND a.memo = b.memo "
					  "WHERE a.id = %ld AND b.project_id = %ld",
				    code, p2),
			 1);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM iv_memo WHERE project_id = %ld", p2),
			 db_scalarf(&srv, "SELECT count(*) FROM iv_memo WHERE project_id = 1"));
	/* changed, then deleted with its button */
	assert_int_equal(agent_submit(&srv, &researcher, path, form("text", "Neu gefasst.", NULL), &r), 303);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM iv_code WHERE id = %ld AND memo = 'Neu gefasst.'", code), 1);
	assert_int_equal(agent_submit(&srv, &researcher, path, form("text", "Neu gefasst.", "loeschen", "1", NULL), &r), 303);
	assert_contains(reply_header(&r, "Location"), "ok=codememo-deleted");
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM iv_code WHERE id = %ld AND memo = ''", code), 1);
	snprintf(path, sizeof(path), "/intern/interviews/1/codes/999999/memo");
	assert_int_equal(agent_submit(&srv, &researcher, path, form("text", "x", NULL), &r), 404);
	reply_free(&r);
}

/* 250 segments of one code: a hundred a page; the links keep the filters;
 * the printable page pages the same way. */
static void test_segments_paged(void **state)
{
	(void)state;
	buf b, out;
	buf_init(&b, 0);
	buf_init(&out, 0);
	buf_puts(&b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"Viele\">"
		     "<Users><User guid=\"3a2b3c4d-0000-4000-8000-0000000000a1\" name=\"K\"/></Users>"
		     "<CodeBook><Codes><Code guid=\"3a2b3c4d-0000-4000-8000-0000000000c1\" name=\"Oft\" isCodable=\"true\"/>"
		     "</Codes></CodeBook><Sources><TextSource guid=\"3a2b3c4d-0000-4000-8000-0000000000b1\" name=\"Lang\">"
		     "<PlainTextContent>");
	for (int i = 0; i < 250; i++)
		buf_printf(&b, "B: Satz %03d.\n", i); /* 13 characters a line */
	buf_puts(&b, "</PlainTextContent>");
	for (int i = 0; i < 250; i++)
		buf_printf(&b,
			   "<PlainTextSelection guid=\"3a2b3c4d-0000-4000-8000-%012d\" startPosition=\"%d\" endPosition=\"%d\" "
			   "creatingUser=\"3a2b3c4d-0000-4000-8000-0000000000a1\"><Coding guid=\"3a2b3c4d-0000-4000-8001-%012d\">"
			   "<CodeRef targetGUID=\"3a2b3c4d-0000-4000-8000-0000000000c1\"/></Coding></PlainTextSelection>",
			   i + 1000, i * 13 + 3, i * 13 + 12, i);
	buf_puts(&b, "</TextSource></Sources></Project>\n");
	char file[400];
	harness_save(&srv, "viele.qde", &b, file, sizeof(file));
	assert_int_equal(run_lotse(&out, "qda", "import", "--db", srv.db, file, NULL), 0);
	assert_contains(buf_str(&out), "1 codes, 1 documents, 250 codings");
	long p = db_scalarf(&srv, "SELECT max(id) FROM iv_project");
	long code = db_scalarf(&srv, "SELECT id FROM iv_code WHERE project_id = %ld", p);
	char id[24];
	snprintf(id, sizeof(id), "%ld", p);
	buf_reset(&out);
	assert_int_equal(run_lotse(&out, "qda", "member", "--db", srv.db, id, other_email, NULL), 0);
	char path[300], want[300];
	struct reply r;
	snprintf(path, sizeof(path), "/intern/interviews/%ld/segmente?code=%ld&sub=1", p, code);
	assert_int_equal(agent_fetch(&srv, &other, path, &r), 200);
	assert_contains(r.body.data, "250 Segmente");
	assert_contains(r.body.data, "Segmente 1 bis 100 von 250");
	assert_contains(r.body.data, "Satz 099.");
	assert_not_contains(r.body.data, "Satz 100.");
	snprintf(want, sizeof(want), "href=\"/intern/interviews/%ld/segmente?code=%ld&amp;sub=1&amp;seite=2\" rel=\"next\"", p,
		 code);
	assert_contains(r.body.data, want);
	assert_not_contains(r.body.data, "rel=\"prev\"");
	assert_tidy(&srv, r.body.data, "a page of segments");
	reply_free(&r);
	snprintf(path, sizeof(path), "/intern/interviews/%ld/segmente?code=%ld&sub=1&seite=3", p, code);
	assert_int_equal(agent_fetch(&srv, &other, path, &r), 200);
	assert_contains(r.body.data, "Segmente 201 bis 250 von 250");
	assert_contains(r.body.data, "<ol class=\"iv-segments\" start=\"201\">");
	assert_contains(r.body.data, "Satz 249.");
	assert_not_contains(r.body.data, "Satz 199.");
	assert_not_contains(r.body.data, "rel=\"next\"");
	snprintf(want, sizeof(want), "segmente?code=%ld&amp;sub=1&amp;seite=2\" rel=\"prev\"", code);
	assert_contains(r.body.data, want);
	/* the printable page of this page, with the filters */
	snprintf(want, sizeof(want), "segmente/druck?code=%ld&amp;sub=1&amp;seite=3\"", code);
	assert_contains(r.body.data, want);
	reply_free(&r);
	snprintf(path, sizeof(path), "/intern/interviews/%ld/segmente/druck?code=%ld&sub=1&seite=2", p, code);
	assert_int_equal(agent_fetch(&srv, &other, path, &r), 200);
	assert_contains(r.body.data, "Segmente 101 bis 200 von 250");
	assert_contains(r.body.data, "Satz 100.");
	assert_not_contains(r.body.data, "Satz 200.");
	snprintf(want, sizeof(want), "druck?code=%ld&amp;sub=1&amp;seite=3\" rel=\"next\"", code);
	assert_contains(r.body.data, want);
	assert_tidy(&srv, r.body.data, "a printable page of segments");
	reply_free(&r);
	/* the CSV keeps them all */
	snprintf(path, sizeof(path), "/intern/interviews/%ld/segmente.csv?code=%ld", p, code);
	assert_int_equal(agent_fetch(&srv, &other, path, &r), 200);
	assert_contains(r.body.data, "Satz 249.");
	assert_contains(r.body.data, "Satz 000.");
	reply_free(&r);
	/* a page past the last: none, a link back */
	snprintf(path, sizeof(path), "/intern/interviews/%ld/segmente?code=%ld&seite=9", p, code);
	assert_int_equal(agent_fetch(&srv, &other, path, &r), 200);
	assert_contains(r.body.data, "keine Segmente mehr");
	assert_contains(r.body.data, "rel=\"prev\"");
	reply_free(&r);
	buf_free(&b);
	buf_free(&out);
}

int main(int argc, char **argv)
{
	if (harness_args(argc, argv) != 0)
		return 2;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_case_vars_filter),
		cmocka_unit_test(test_cases_exchange),
		cmocka_unit_test(test_cases_import_tolerant),
		cmocka_unit_test(test_code_memo),
		cmocka_unit_test(test_segments_paged),
	};
	return cmocka_run_group_tests(tests, iv_group_setup, iv_group_teardown);
}
