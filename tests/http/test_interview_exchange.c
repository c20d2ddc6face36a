/* test_interview_exchange.c — interviews in REFI-QDA against the real
 * server and binary: the project's exports (.qdpx and .qdc) validated
 * with xmllint --schema, the round trip export -> import -> export
 * keeping every coding on the same text (CRLF, non-ASCII), the import's
 * tolerance and its refusal of a malformed file. */
#include "interviews_fixture.h"

#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void test_exports_validate(void **state)
{
	(void)state;
	struct reply r;
	char file[400];
	assert_int_equal(agent_fetch(&srv, &researcher, "/intern/interviews/1/projekt.qdpx", &r), 200);
	assert_contains(reply_header(&r, "Content-Type"), "application/zip");
	harness_save(&srv, "web.qdpx", &r.body, file, sizeof(file));
	reply_free(&r);
	assert_qda_valid(file, 1);
	assert_int_equal(agent_fetch(&srv, &researcher, "/intern/interviews/1/codebuch.qdc", &r), 200);
	harness_save(&srv, "web.qdc", &r.body, file, sizeof(file));
	assert_contains(r.body.data, "urn:QDA-XML:codebook:1.0");
	reply_free(&r);
	assert_qda_valid(file, 0);
	assert_true(db_scalarf(&srv, "SELECT count(*) FROM audit_log WHERE action = 'iv_export_qdpx'") >= 1);
}

/* The codings of project p as "document|text" lines, sorted, in one string. */
static long coded_texts_differ(long p, long q)
{
	return db_scalarf(&srv, "SELECT count(*) FROM (SELECT d.name, substr(d.body, g.start + 1, g.\"end\" - g.start) FROM iv_coding g "
		     "JOIN iv_document d ON d.id = g.doc_id WHERE d.project_id = %ld EXCEPT SELECT d.name, substr(d.body, "
		     "g.start + 1, g.\"end\" - g.start) FROM iv_coding g JOIN iv_document d ON d.id = g.doc_id WHERE "
		     "d.project_id = %ld)",
		     p, q);
}

static void test_round_trip(void **state)
{
	(void)state;
	struct reply r;
	/* a project with CRLF and non-ASCII text, coded after a line end */
	assert_int_equal(agent_fetch(&srv, &researcher, "/intern/interviews", &r), 200);
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &researcher, "/intern/interviews/neu", form("name", "Rundreise", NULL), &r), 303);
	reply_free(&r);
	long pid = db_scalarf(&srv, "SELECT id FROM iv_project WHERE name = 'Rundreise'");
	char path[200];
	snprintf(path, sizeof(path), "/intern/interviews/%ld/dokumente/neu", pid);
	assert_int_equal(agent_submit(&srv, &researcher, path,
				      form("name", "Übergang", "kind", "interview", "text",
					   "I: Was ist schwer?\r\nB: Die Behörden – und die Sprache, ganz ehrlich.\r\n"
					   "B: 日本語 auch.\r\n",
					   NULL),
				      &r),
			 303);
	reply_free(&r);
	snprintf(path, sizeof(path), "/intern/interviews/%ld/codes", pid);
	assert_int_equal(agent_submit(&srv, &researcher, path, form("name", "Sprache", "color", "#aabbcc", NULL), &r), 303);
	reply_free(&r);
	long doc = db_scalarf(&srv, "SELECT id FROM iv_document WHERE project_id = %ld", pid);
	long code = db_scalarf(&srv, "SELECT id FROM iv_code WHERE project_id = %ld", pid);
	/* "die Sprache" (after CRLF, an en dash) and "日本語" */
	char body[300];
	snprintf(path, sizeof(path), "/intern/interviews/%ld/dokumente/%ld/kodieren", pid, doc);
	snprintf(body, sizeof(body), "code=%ld&start=42&end=53", code);
	assert_int_equal(agent_submit(&srv, &researcher, path, body, &r), 303);
	reply_free(&r);
	snprintf(body, sizeof(body), "code=%ld&start=73&end=76", code);
	assert_int_equal(agent_submit(&srv, &researcher, path, body, &r), 303);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM iv_coding g JOIN iv_document d ON d.id = g.doc_id WHERE d.id = %ld "
			       "AND substr(d.body, g.start + 1, g.\"end\" - g.start) IN ('die Sprache', '日本語')",
			       doc),
			 2);
	char id[24], f1[400], f2[400];
	snprintf(id, sizeof(id), "%ld", pid);
	snprintf(f1, sizeof(f1), "%s/rt1.qdpx", srv.dir);
	snprintf(f2, sizeof(f2), "%s/rt2.qdpx", srv.dir);
	buf out;
	buf_init(&out, 0);
	assert_int_equal(run_lotse(&out, "qda", "export", "--db", srv.db, id, f1, NULL), 0);
	assert_qda_valid(f1, 1);
	buf_reset(&out);
	assert_int_equal(run_lotse(&out, "qda", "import", "--db", srv.db, f1, NULL), 0);
	assert_contains(buf_str(&out), "imported project ");
	assert_contains(buf_str(&out), ": 1 codes, 1 documents, 2 codings");
	long p2 = db_scalarf(&srv, "SELECT max(id) FROM iv_project");
	char id2[24];
	snprintf(id2, sizeof(id2), "%ld", p2);
	buf_reset(&out);
	assert_int_equal(run_lotse(&out, "qda", "export", "--db", srv.db, id2, f2, NULL), 0);
	assert_qda_valid(f2, 1);
	buf_reset(&out);
	assert_int_equal(run_lotse(&out, "qda", "import", "--db", srv.db, f2, NULL), 0);
	long p3 = db_scalarf(&srv, "SELECT max(id) FROM iv_project");
	/* every coding on the same text, the text itself byte for byte */
	assert_int_equal(coded_texts_differ(pid, p2), 0);
	assert_int_equal(coded_texts_differ(p2, pid), 0);
	assert_int_equal(coded_texts_differ(pid, p3), 0);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM iv_document a, iv_document b WHERE a.project_id = %ld AND "
			       "b.project_id = %ld AND a.body = b.body AND a.guid = b.guid",
			       pid, p3),
			 1);
	/* the whole demo project too, with a code set made on its page */
	char set[160];
	snprintf(set, sizeof(set), "name=Zugang&code=%ld&code=%ld", code_id("Sprache"), code_id("Sprachförderung"));
	assert_int_equal(agent_fetch(&srv, &researcher, "/intern/interviews/1/sets", &r), 200);
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &researcher, "/intern/interviews/1/sets", set, &r), 303);
	reply_free(&r);
	snprintf(f1, sizeof(f1), "%s/demo.qdpx", srv.dir);
	buf_reset(&out);
	assert_int_equal(run_lotse(&out, "qda", "export", "--db", srv.db, "1", f1, NULL), 0);
	buf_reset(&out);
	assert_int_equal(run_lotse(&out, "qda", "import", "--db", srv.db, f1, NULL), 0);
	long p4 = db_scalarf(&srv, "SELECT max(id) FROM iv_project");
	assert_int_equal(coded_texts_differ(1, p4), 0);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM iv_coding g JOIN iv_document d ON d.id = g.doc_id WHERE "
			       "d.project_id = %ld",
			       p4),
			 db_scalarf(&srv, "SELECT count(*) FROM iv_coding g JOIN iv_document d ON d.id = g.doc_id WHERE d.project_id = 1"));
	/* code sets travel as sets, and the codes' directory terms as sets "lotse:term:TAXONOMY/TERM" */
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM iv_codeset_code m JOIN iv_codeset s ON s.id = m.set_id WHERE "
			       "s.project_id = %ld AND s.name = 'Zugang'",
			       p4),
			 2);
	assert_true(db_scalarf(&srv, "SELECT count(*) FROM iv_code_term t JOIN iv_code c ON c.id = t.code_id WHERE c.project_id = 1") >= 8);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM iv_code_term t JOIN iv_code c ON c.id = t.code_id "
			       "JOIN iv_code c1 ON c1.guid = c.guid AND c1.project_id = 1 "
			       "JOIN iv_code_term t1 ON t1.code_id = c1.id AND t1.taxonomy = t.taxonomy AND t1.term = t.term "
			       "WHERE c.project_id = %ld",
			       p4),
			 db_scalarf(&srv, "SELECT count(*) FROM iv_code_term t JOIN iv_code c ON c.id = t.code_id WHERE c.project_id = 1"));
	/* lotse qda list, and a member for the imported project */
	buf_reset(&out);
	assert_int_equal(run_lotse(&out, "qda", "list", "--db", srv.db, NULL), 0);
	assert_contains(buf_str(&out), "Rundreise\t1 documents\t1 codes\t2 codings");
	snprintf(id, sizeof(id), "%ld", p4);
	buf_reset(&out);
	assert_int_equal(run_lotse(&out, "qda", "member", "--db", srv.db, id, other_email, NULL), 0);
	snprintf(path, sizeof(path), "/intern/interviews/%ld", p4);
	assert_int_equal(agent_fetch(&srv, &other, path, &r), 200);
	reply_free(&r);
	buf_free(&out);
}

/* Write text to dir/name; the path in out. */
static void write_file(const char *name, const char *text, char *out, size_t n)
{
	buf b;
	buf_init(&b, 0);
	buf_puts(&b, text);
	harness_save(&srv, name, &b, out, n);
	buf_free(&b);
}

static void test_import_tolerant_and_strict(void **state)
{
	(void)state;
	char file[400];
	buf out;
	buf_init(&out, 0);
	/* what real tools write: braces and upper case in GUIDs, no namespace
	 * prefix trouble, an empty <Sets/>, the text inline, a PDF source */
	write_file("loose.qde",
		   "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
		   "<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"Locker\" origin=\"Taguette 1.4\">"
		   "<CodeBook><Codes><Code guid=\"{1A2B3C4D-0000-4000-8000-00000000000A}\" name=\"Arbeit\" isCodable=\"true\" "
		   "color=\"#ABC\"/></Codes></CodeBook>"
		   "<Sources><TextSource guid=\"{1A2B3C4D-0000-4000-8000-0000000000B1}\" name=\"T1\">"
		   "<PlainTextContent>Hallo Welt, Arbeit!</PlainTextContent>"
		   "<PlainTextSelection guid=\"1a2b3c4d-0000-4000-8000-0000000000c1\" startPosition=\"12\" endPosition=\"18\">"
		   "<Coding guid=\"1a2b3c4d-0000-4000-8000-0000000000d1\"><CodeRef targetGUID=\"1A2B3C4D-0000-4000-8000-"
		   "00000000000a\"/></Coding></PlainTextSelection>"
		   "<PlainTextSelection guid=\"1a2b3c4d-0000-4000-8000-0000000000c2\" startPosition=\"12\" endPosition=\"99\">"
		   "<Coding guid=\"1a2b3c4d-0000-4000-8000-0000000000d2\"><CodeRef targetGUID=\"1A2B3C4D-0000-4000-8000-"
		   "00000000000a\"/></Coding></PlainTextSelection>"
		   "</TextSource><PDFSource guid=\"1a2b3c4d-0000-4000-8000-0000000000e1\" name=\"scan.pdf\"/></Sources>"
		   "<Sets/></Project>\n",
		   file, sizeof(file));
	long before = db_scalarf(&srv, "SELECT count(*) FROM iv_project");
	assert_int_equal(run_lotse(&out, "qda", "import", "--db", srv.db, file, NULL), 0);
	assert_contains(buf_str(&out), "1 codes, 1 documents, 1 codings");
	assert_contains(buf_str(&out), "scan.pdf: only text sources are taken");
	assert_contains(buf_str(&out), "T1: a selection outside its text");
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM iv_coding g JOIN iv_document d ON d.id = g.doc_id WHERE d.name = 'T1' "
			       "AND substr(d.body, g.start + 1, g.\"end\" - g.start) = 'Arbeit'"),
			 1);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM iv_code WHERE guid = '1a2b3c4d-0000-4000-8000-00000000000a' AND "
			       "color = '#AABBCC'"),
			 1);
	/* malformed: nothing stored, exit 1 */
	static const char *const bad[] = {
		"<Project name=\"x\"><CodeBook><Codes><Code guid=\"1a2b3c4d-0000-4000-8000-00000000000a\"",
		"<Project name=\"x\"><CodeBook><Codes><Code guid=\"1a2b3c4d-0000-4000-8000-00000000000a\" "
		"isCodable=\"true\"/></Codes></CodeBook></Project>",
		"<Project name=\"x\"><Sources><TextSource guid=\"1a2b3c4d-0000-4000-8000-0000000000b1\"><PlainTextContent>ab"
		"</PlainTextContent><PlainTextSelection guid=\"1a2b3c4d-0000-4000-8000-0000000000c1\" startPosition=\"x\" "
		"endPosition=\"1\"/></TextSource></Sources></Project>",
		"<html><body>no</body></html>",
		"PK\003\004broken zip",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		write_file("bad.qde", bad[i], file, sizeof(file));
		buf_reset(&out);
		assert_int_equal(run_lotse(&out, "qda", "import", "--db", srv.db, file, NULL), 1);
		assert_contains(buf_str(&out), "nothing was stored");
	}
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM iv_project"), before + 1);
	buf_free(&out);
}

int main(int argc, char **argv)
{
	if (harness_args(argc, argv) != 0)
		return 2;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_exports_validate),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_import_tolerant_and_strict),
	};
	return cmocka_run_group_tests(tests, iv_group_setup, iv_group_teardown);
}
