/* test_interviews.c — the interviews' pure parts and model: the
 * transcript parser (speakers, timestamps, CRLF and non-ASCII offsets),
 * Windows-1252, .docx and .odt, Cohen's kappa against hand-computed
 * values, and the model: codings, segments with sub-codes and variables,
 * the matrix, merging codes, agreement, and deleting a document with
 * its text, codings and index entries. */
#include "interviews/interviews.h"
#include "core/core.h"
#include "core/cp1252.h"
#include "search/search.h"
#include "../support/testdb.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

static void test_transcript(void **state)
{
	(void)state;
	arena *a = arena_new();
	const char *t = "[00:00:05] I: Wie bist du nach Mainz gekommen?\r\n"
			"B: Mit meiner Familie, 2019.\r\n"
			"\r\n"
			"Das war schwer. #00:01:12-4#\r\n"
			"Frau K.: Die Schule hat geholfen.\n"
			"Das Problem ist: die Sprache.\n"
			"(12:31) Ümit: Ja.";
	struct iv_para *p;
	size_t n;
	assert_int_equal(iv_transcript_parse(a, t, strlen(t), &p, &n), 0);
	assert_int_equal(n, 6);
	assert_string_equal(p[0].speaker, "I");
	assert_string_equal(p[0].stamp, "00:00:05");
	assert_true(p[0].turn);
	assert_int_equal(p[0].start, 0);
	assert_int_equal(p[0].end, (long)strlen("[00:00:05] I: Wie bist du nach Mainz gekommen?"));
	assert_string_equal(p[1].speaker, "B");
	assert_int_equal(p[1].start, p[0].end + 2); /* CRLF: two code points */
	/* a line without a label continues the turn; a stamp at its end */
	assert_string_equal(p[2].speaker, "B");
	assert_false(p[2].turn);
	assert_string_equal(p[2].stamp, "00:01:12");
	assert_string_equal(p[3].speaker, "Frau K.");
	/* "Das Problem ist:" is no label */
	assert_string_equal(p[4].speaker, "Frau K.");
	assert_false(p[4].turn);
	assert_string_equal(p[5].speaker, "Ümit");
	assert_string_equal(p[5].stamp, "00:12:31");
	/* offsets in code points: the last paragraph ends at the text's end */
	assert_int_equal(p[5].end, iv_cp_count(t, strlen(t)));
	assert_int_equal(iv_cp_offset("aüb", 4, 2), 3);
	/* not UTF-8 */
	assert_int_equal(iv_transcript_parse(a, "a\xff", 2, &p, &n), -1);
	assert_int_equal(iv_transcript_parse(a, "", 0, &p, &n), 0);
	assert_int_equal(n, 0);
	/* a time at the very end of the text (read past it once: found by the
	 * fuzz target under AddressSanitizer); an exact-size copy */
	char *end = malloc(7);
	memcpy(end, "x 12:31", 7);
	assert_int_equal(iv_transcript_parse(a, end + 2, 5, &p, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(p[0].stamp, "");
	free(end);
	arena_free(a);
}

static void test_cp1252(void **state)
{
	(void)state;
	arena *a = arena_new();
	size_t len;
	char *s = cp1252_to_utf8(a, "Gr\xfc\xdf" "e \x80 \x93x\x94", 11, &len);
	assert_string_equal(s, "Grüße € “x”");
	assert_int_equal(len, strlen("Grüße € “x”"));
	char *text;
	size_t tl;
	const char *problem;
	assert_int_equal(iv_read_document(a, "I: M\xfc" "de\r\n", 9, &text, &tl, &problem), ST_OK);
	assert_string_equal(text, "I: Müde\r\n");
	assert_int_equal(iv_read_document(a, "\xef\xbb\xbfI: ok", 8, &text, &tl, &problem), ST_OK);
	assert_string_equal(text, "I: ok");
	assert_int_equal(iv_read_document(a, "\xff\xfeI\0:\0", 6, &text, &tl, &problem), ST_ERR);
	assert_non_null(problem);
	assert_int_equal(iv_read_document(a, "", 0, &text, &tl, &problem), ST_ERR);
	arena_free(a);
}

/* The bytes of a zip with one member name holding content. */
static char *make_zip(const char *name, const char *content, size_t *len)
{
	char path[] = "/tmp/lotse-iv-zip-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	int err;
	zip_t *z = zip_open(path, ZIP_TRUNCATE, &err);
	assert_non_null(z);
	zip_source_t *src = zip_source_buffer(z, content, strlen(content), 0);
	assert_true(zip_file_add(z, name, src, ZIP_FL_OVERWRITE) >= 0);
	assert_int_equal(zip_close(z), 0);
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	*len = (size_t)ftell(f);
	rewind(f);
	char *data = malloc(*len);
	assert_int_equal(fread(data, 1, *len, f), *len);
	fclose(f);
	unlink(path);
	return data;
}

static void test_docx_odt(void **state)
{
	(void)state;
	arena *a = arena_new();
	size_t len, tl;
	char *text;
	const char *problem;
	char *z = make_zip("word/document.xml",
			   "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/"
			   "wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>I: Hallo</w:t></w:r><w:r><w:tab/>"
			   "<w:t xml:space=\"preserve\"> und Grüße</w:t></w:r></w:p><w:p><w:r><w:t>B: Ja</w:t></w:r>"
			   "<w:del><w:r><w:delText>weg</w:delText></w:r></w:del></w:p></w:body></w:document>",
			   &len);
	assert_int_equal(iv_read_document(a, z, len, &text, &tl, &problem), ST_OK);
	assert_string_equal(text, "I: Hallo\t und Grüße\nB: Ja");
	free(z);
	z = make_zip("content.xml",
		     "<?xml version=\"1.0\"?><office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:"
		     "xmlns:office:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body>"
		     "<office:text><text:h>Interview 3</text:h><text:p>I: Wie<text:s text:c=\"2\"/>geht's?</text:p>"
		     "<text:p>B: <text:span>Gut</text:span><text:line-break/>danke</text:p></office:text></office:body>"
		     "</office:document-content>",
		     &len);
	assert_int_equal(iv_read_document(a, z, len, &text, &tl, &problem), ST_OK);
	assert_string_equal(text, "Interview 3\nI: Wie  geht's?\nB: Gut\ndanke");
	free(z);
	/* a zip that is neither; broken XML */
	z = make_zip("other.txt", "x", &len);
	assert_int_equal(iv_read_document(a, z, len, &text, &tl, &problem), ST_ERR);
	assert_non_null(problem);
	free(z);
	z = make_zip("content.xml", "<a><b></a>", &len);
	assert_int_equal(iv_read_document(a, z, len, &text, &tl, &problem), ST_ERR);
	free(z);
	assert_int_equal(iv_read_document(a, "PK\003\004garbage", 11, &text, &tl, &problem), ST_ERR);
	arena_free(a);
}

static void test_kappa(void **state)
{
	(void)state;
	/* 20 both, 5 first only, 10 second only, 15 neither (n = 50):
	 * po = 0.7, p1 = 0.5, p2 = 0.6, pe = 0.3 + 0.2 = 0.5, kappa = 0.4 */
	struct iv_agree g = { 20, 5, 10, 15, 0, 0 };
	iv_agree_compute(&g);
	assert_true(fabs(g.percent - 70.0) < 1e-9);
	assert_true(fabs(g.kappa - 0.4) < 1e-9);
	/* perfect agreement with variation: kappa 1 */
	g = (struct iv_agree){ 10, 0, 0, 30, 0, 0 };
	iv_agree_compute(&g);
	assert_true(fabs(g.kappa - 1.0) < 1e-9);
	/* no variation at all: kappa undefined, agreement 100 % */
	g = (struct iv_agree){ 0, 0, 0, 30, 0, 0 };
	iv_agree_compute(&g);
	assert_true(isnan(g.kappa));
	assert_true(fabs(g.percent - 100.0) < 1e-9);
	/* no units */
	g = (struct iv_agree){ 0 };
	iv_agree_compute(&g);
	assert_true(g.percent < 0);
	/* worse than chance: negative */
	g = (struct iv_agree){ 0, 10, 10, 0, 0, 0 };
	iv_agree_compute(&g);
	assert_true(g.kappa < 0);
}

static int64_t add_code(struct store *s, int64_t p, int64_t parent, const char *name)
{
	struct iv_code c = { .parent_id = parent, .name = name, .color = "#ff0000" };
	int64_t id;
	assert_int_equal(iv_code_save(s, p, &c, &id), ST_OK);
	return id;
}

static void test_model(void **state)
{
	(void)state;
	struct testdb t;
	assert_int_equal(testdb_open(&t), 0);
	struct store *s = t.s;
	arena *a = arena_new();
	int64_t p, q, d1, d2, k1, k2;
	assert_int_equal(iv_project_create(s, "Übergänge", "", NULL, 0, &p), ST_OK);
	assert_int_equal(iv_project_create(s, "Andere", "", NULL, 0, &q), ST_OK);
	assert_int_equal(store_exec(s, "INSERT INTO iv_coder(project_id, guid, name) VALUES (1, 'a', 'Anna'), "
				       "(1, 'b', 'Ben')"),
			 ST_OK);
	k1 = testdb_scalar(s, "SELECT id FROM iv_coder WHERE guid = 'a'");
	k2 = testdb_scalar(s, "SELECT id FROM iv_coder WHERE guid = 'b'");
	struct iv_doc d = { .project_id = p, .name = "Interview 1", .body = "I: Wo wohnst du?\r\nB: In Mainz, über "
									    "dem Bäcker.\r\nB: Die Sprache ist schwer." };
	assert_int_equal(iv_doc_add(s, &d, &d1), ST_OK);
	d.name = "Interview 2";
	d.body = "I: Und die Schule?\nB: Die Sprache.";
	assert_int_equal(iv_doc_add(s, &d, &d2), ST_OK);
	assert_int_equal(iv_doc_var_set(s, d1, "Gruppe", "Jugendliche"), ST_OK);
	assert_int_equal(iv_doc_var_set(s, d2, "Gruppe", "Eltern"), ST_OK);
	int64_t barr = add_code(s, p, 0, "Barrieren"), lang = add_code(s, p, barr, "Sprache"),
		wohn = add_code(s, p, 0, "Wohnen");
	int64_t other = add_code(s, q, 0, "Fremd");
	/* a code of another project, a range outside the text */
	assert_int_equal(iv_coding_add(s, p, d1, other, k1, 0, 3, NULL, NULL), ST_NOTFOUND);
	assert_int_equal(iv_coding_add(s, p, d1, lang, k1, 0, 999, NULL, NULL), ST_CONFLICT);
	assert_int_equal(iv_coding_add(s, p, d1, lang, k1, 5, 5, NULL, NULL), ST_CONFLICT);
	/* "über dem Bäcker" and "Sprache" by code points */
	const char *body = "I: Wo wohnst du?\r\nB: In Mainz, über dem Bäcker.\r\nB: Die Sprache ist schwer.";
	const char *u = strstr(body, "über"), *sp = strstr(body, "Sprache");
	long us = iv_cp_count(body, (size_t)(u - body)), ss = iv_cp_count(body, (size_t)(sp - body));
	assert_int_equal(iv_coding_add(s, p, d1, wohn, k1, us, us + 15, NULL, NULL), ST_OK);
	assert_int_equal(iv_coding_add(s, p, d1, lang, k1, ss, ss + 7, NULL, NULL), ST_OK);
	assert_int_equal(iv_coding_add(s, p, d1, lang, k2, ss, ss + 7, NULL, NULL), ST_OK);
	assert_int_equal(iv_coding_add(s, p, d1, wohn, k2, ss, ss + 3, NULL, NULL), ST_OK);
	assert_int_equal(iv_coding_add(s, p, d2, barr, k1, 22, 33, NULL, NULL), ST_OK);
	struct iv_segment *seg;
	size_t n;
	struct iv_seg_filter f = { .code_id = wohn };
	assert_int_equal(iv_segments(s, a, p, &f, &seg, &n), ST_OK);
	assert_int_equal(n, 2);
	assert_string_equal(seg[0].text, "über dem Bäcker");
	assert_string_equal(seg[0].context, "B: In Mainz, über dem Bäcker.");
	assert_int_equal(seg[0].para_n, 2);
	/* with sub-codes; by a variable */
	f = (struct iv_seg_filter){ .code_id = barr, .subcodes = 1 };
	assert_int_equal(iv_segments(s, a, p, &f, &seg, &n), ST_OK);
	assert_int_equal(n, 3);
	f.var = "Gruppe";
	f.value = "Eltern";
	assert_int_equal(iv_segments(s, a, p, &f, &seg, &n), ST_OK);
	assert_int_equal(n, 1);
	assert_string_equal(seg[0].text, "Die Sprache");
	f = (struct iv_seg_filter){ .code_id = barr };
	assert_int_equal(iv_segments(s, a, p, &f, &seg, &n), ST_OK);
	assert_int_equal(n, 1);
	/* a code of another project finds nothing */
	f = (struct iv_seg_filter){ .code_id = lang };
	assert_int_equal(iv_segments(s, a, q, &f, &seg, &n), ST_OK);
	assert_int_equal(n, 0);
	/* the matrix */
	struct iv_matrix m;
	assert_int_equal(iv_matrix_get(s, a, p, "Gruppe", &m), ST_OK);
	assert_int_equal(m.nvalues, 3); /* Eltern, Jugendliche, none */
	assert_string_equal(m.values[0], "Eltern");
	assert_int_equal(m.ncodes, 3);
	assert_string_equal(m.codes[0].name, "Barrieren");
	assert_string_equal(m.codes[1].name, "Sprache");
	assert_int_equal(m.codes[1].depth, 1);
	assert_int_equal(m.counts[0 * 3 + 0], 1);
	assert_int_equal(m.counts[1 * 3 + 1], 2);
	assert_int_equal(m.counts[2 * 3 + 1], 2);
	/* a case with the second document: the segments of it, the matrix by case;
	 * a document of another project refused */
	struct iv_case kc = { .name = "Familie" };
	int64_t kid, qdoc;
	assert_int_equal(iv_case_save(s, p, &(struct iv_case){ .name = "" }, &kid), ST_CONFLICT);
	assert_int_equal(iv_case_save(s, p, &kc, &kid), ST_OK);
	d.project_id = q;
	assert_int_equal(iv_doc_add(s, &d, &qdoc), ST_OK);
	assert_int_equal(iv_case_docs_set(s, p, kid, &qdoc, 1), ST_NOTFOUND);
	assert_int_equal(iv_case_docs_set(s, q, kid, &d2, 1), ST_NOTFOUND);
	assert_int_equal(iv_doc_delete(s, q, qdoc), ST_OK);
	assert_int_equal(iv_case_docs_set(s, p, kid, (int64_t[]){ d2, d2 }, 2), ST_OK);
	assert_int_equal(iv_case_var_set(s, kid, "Stadtteil", "Neustadt"), ST_OK);
	struct iv_case *cases;
	size_t ncases;
	assert_int_equal(iv_cases(s, a, p, &cases, &ncases), ST_OK);
	assert_int_equal(ncases, 1);
	assert_int_equal(cases[0].ndocs, 1);
	assert_int_equal(cases[0].docs[0], d2);
	assert_int_equal(cases[0].nvars, 1);
	assert_string_equal(cases[0].vars[0].value, "Neustadt");
	f = (struct iv_seg_filter){ .code_id = barr, .subcodes = 1, .case_id = kid };
	assert_int_equal(iv_segments(s, a, p, &f, &seg, &n), ST_OK);
	assert_int_equal(n, 1);
	assert_string_equal(seg[0].text, "Die Sprache");
	assert_int_equal(iv_matrix_cases(s, a, p, &m), ST_OK);
	assert_int_equal(m.nvalues, 2); /* Familie, no case */
	assert_string_equal(m.values[0], "Familie");
	assert_int_equal(m.docs[0], 1);
	assert_int_equal(m.docs[1], 1);
	assert_int_equal(m.counts[0 * 2 + 0], 1); /* Barrieren in the case's document */
	assert_int_equal(m.counts[1 * 2 + 1], 2); /* Sprache in the other */
	/* a page of the segments and their count */
	f = (struct iv_seg_filter){ .code_id = barr, .subcodes = 1, .offset = 1, .limit = 1 };
	size_t ntotal;
	assert_int_equal(iv_segments_count(s, p, &f, &ntotal), ST_OK);
	assert_int_equal(ntotal, 3);
	assert_int_equal(iv_segments(s, a, p, &f, &seg, &n), ST_OK);
	assert_int_equal(n, 1);
	assert_int_equal(iv_case_delete(s, q, kid), ST_NOTFOUND);
	assert_int_equal(iv_case_delete(s, p, kid), ST_OK);
	assert_int_equal(testdb_scalar(s, "SELECT count(*) FROM iv_case_var"), 0);
	/* co-occurrence: Sprache and Wohnen overlap once per coder pair */
	struct iv_code *codes;
	size_t nc;
	long *cnt;
	assert_int_equal(iv_cooccurrence(s, a, p, 0, &codes, &nc, &cnt), ST_OK);
	assert_int_equal(cnt[1 * nc + 2], 2);
	assert_int_equal(iv_cooccurrence(s, a, p, 1, &codes, &nc, &cnt), ST_OK);
	assert_int_equal(cnt[1 * nc + 2], 1);
	/* agreement: Sprache the same; Wohnen differs */
	struct iv_agree_row *rows;
	size_t nr, nd;
	struct iv_disagreement *dis;
	assert_int_equal(iv_agreement(s, a, p, k1, k2, &rows, &nr, &dis, &nd), ST_OK);
	assert_int_equal(nr, 4);
	assert_string_equal(rows[2].code_name, "Sprache");
	assert_true(fabs(rows[2].paras.percent - 100.0) < 1e-9);
	assert_true(fabs(rows[2].chars.both - 7) < 1e-9);
	assert_true(fabs(rows[3].paras.both - 0) < 1e-9);
	assert_true(fabs(rows[3].paras.first - 1) < 1e-9);
	assert_true(fabs(rows[3].paras.second - 1) < 1e-9);
	assert_int_equal(nd, 2);
	/* cycles refused; merge Sprache into Wohnen */
	struct iv_code c = { .id = barr, .parent_id = lang, .name = "Barrieren", .color = "#000000" };
	int64_t id;
	assert_int_equal(iv_code_save(s, p, &c, &id), ST_CONFLICT);
	assert_int_equal(iv_code_merge(s, p, barr, lang), ST_CONFLICT);
	assert_int_equal(iv_code_merge(s, p, lang, wohn), ST_OK);
	assert_int_equal(testdb_scalar(s, "SELECT count(*) FROM iv_coding WHERE code_id = 3"), 4);
	/* delete a document: text, paragraphs, codings, variables and index entries go */
	struct iv_hit *hits;
	size_t nh, total;
	assert_int_equal(iv_search(s, a, p, "Bäcker", 10, &hits, &nh, &total), ST_OK);
	assert_int_equal(nh, 1);
	assert_int_equal(hits[0].doc_id, d1);
	assert_int_equal(iv_search(s, a, q, "Bäcker", 10, &hits, &nh, &total), ST_OK);
	assert_int_equal(nh, 0);
	assert_int_equal(iv_doc_delete(s, q, d1), ST_NOTFOUND);
	assert_int_equal(iv_doc_delete(s, p, d1), ST_OK);
	assert_int_equal(testdb_scalar(s, "SELECT count(*) FROM iv_para WHERE doc_id = 1"), 0);
	assert_int_equal(testdb_scalar(s, "SELECT count(*) FROM iv_coding WHERE doc_id = 1"), 0);
	assert_int_equal(testdb_scalar(s, "SELECT count(*) FROM iv_docvar WHERE doc_id = 1"), 0);
	assert_int_equal(testdb_scalar(s, "SELECT count(*) FROM ivsearch_dirty"), 0);
	assert_int_equal(testdb_scalar(s, "SELECT count(*) FROM ivsearch_doc"), 2);
	assert_int_equal(iv_search(s, a, p, "Bäcker", 10, &hits, &nh, &total), ST_OK);
	assert_int_equal(nh, 0);
	arena_free(a);
	testdb_close(&t);
}

/* One cell of iv_evidence_needs as "need|stage|group|district|language=N". */
static const char *need_cell(arena *a, const struct iv_need *v)
{
	return arena_printf(a, "%s|%s|%s|%s|%s=%ld", v->need, v->stage, v->group, v->district, v->language, v->documents);
}

/* The needs for the evidence loop on a small fixture with a known answer:
 * a document counts once per need, sub-codes count for their parent's
 * need, variables map to terms per project, undated documents count in
 * every period, every project counts. */
static void check_needs(struct store *s, arena *a, const char *from, const char *to, const char *const *want,
			size_t nwant)
{
	struct iv_need *v;
	size_t n;
	assert_int_equal(iv_evidence_needs(s, a, from, to, &v, &n), ST_OK);
	for (size_t i = 0; i < n && i < nwant; i++)
		assert_string_equal(need_cell(a, &v[i]), want[i]);
	assert_int_equal(n, nwant);
}

static void test_evidence(void **state)
{
	(void)state;
	struct testdb t;
	assert_int_equal(testdb_open(&t), 0);
	struct store *s = t.s;
	arena *a = arena_new();
	int64_t p, q, d1, d2, d3, e1;
	assert_int_equal(iv_project_create(s, "P", "", NULL, 0, &p), ST_OK);
	assert_int_equal(iv_project_create(s, "Q", "", NULL, 0, &q), ST_OK);
	assert_int_equal(store_exec(s, "INSERT INTO iv_coder(project_id, guid, name) VALUES (1, 'a', 'Anna'), "
				       "(1, 'b', 'Ben'), (2, 'c', 'Cem')"),
			 ST_OK);
	int64_t k1 = testdb_scalar(s, "SELECT id FROM iv_coder WHERE guid = 'a'"),
		k2 = testdb_scalar(s, "SELECT id FROM iv_coder WHERE guid = 'b'"),
		k3 = testdb_scalar(s, "SELECT id FROM iv_coder WHERE guid = 'c'");
	struct iv_doc d = { .project_id = p, .name = "D1", .body = "B: Die Sprache ist schwer.", .talk_date = "2026-03-01" };
	assert_int_equal(iv_doc_add(s, &d, &d1), ST_OK);
	d.name = "D2";
	d.talk_date = "";
	assert_int_equal(iv_doc_add(s, &d, &d2), ST_OK);
	d.name = "D3";
	d.talk_date = "2025-01-01";
	assert_int_equal(iv_doc_add(s, &d, &d3), ST_OK);
	d = (struct iv_doc){ .project_id = q, .name = "E1", .body = "Kein Kurs am Abend." };
	assert_int_equal(iv_doc_add(s, &d, &e1), ST_OK);
	assert_int_equal(iv_doc_var_set(s, d1, "Gruppe", "Eltern"), ST_OK);
	assert_int_equal(iv_doc_var_set(s, d1, "Sprache", "Arabisch"), ST_OK);
	assert_int_equal(iv_doc_var_set(s, d2, "Gruppe", "Eltern"), ST_OK);
	assert_int_equal(iv_doc_var_set(s, d2, "Sprache", "Arabisch"), ST_OK);
	assert_int_equal(iv_doc_var_set(s, d3, "Gruppe", "Jugendliche"), ST_OK);
	assert_int_equal(iv_doc_var_set(s, e1, "Gruppe", "Eltern"), ST_OK); /* Q maps no values */
	int64_t barr = add_code(s, p, 0, "Barrieren"), lang = add_code(s, p, barr, "Sprache"),
		kurs = add_code(s, p, 0, "Kurs"), wohn = add_code(s, p, 0, "Wohnen"), x = add_code(s, q, 0, "X");
	assert_int_equal(iv_code_term_set(s, p, barr, "angebotsart", "beratung"), ST_OK);
	assert_int_equal(iv_code_term_set(s, p, lang, "angebotsart", "sprachfoerderung"), ST_OK);
	assert_int_equal(iv_code_term_set(s, p, kurs, "angebotsart", "sprachfoerderung"), ST_OK);
	assert_int_equal(iv_code_term_set(s, p, wohn, "zielgruppe", "eltern"), ST_OK); /* no need: not counted */
	assert_int_equal(iv_code_term_set(s, p, x, "angebotsart", "sprachfoerderung"), ST_NOTFOUND);
	assert_int_equal(iv_code_term_set(s, q, x, "angebotsart", "sprachfoerderung"), ST_OK);
	assert_int_equal(iv_var_term_set(s, p, "Gruppe", "Eltern", "group", "eltern"), ST_OK);
	assert_int_equal(iv_var_term_set(s, p, "Gruppe", "Jugendliche", "group", "schuelerinnen"), ST_OK);
	assert_int_equal(iv_var_term_set(s, p, "Sprache", "Arabisch", "language", "ar"), ST_OK);
	assert_int_equal(iv_var_term_set(s, p, "Sprache", "Arabisch", "colour", "ar"), ST_CONFLICT);
	struct iv_code_term *ct;
	struct iv_var_term *vt;
	size_t n;
	assert_int_equal(iv_code_terms(s, a, p, &ct, &n), ST_OK);
	assert_int_equal(n, 4);
	assert_int_equal(iv_var_terms(s, a, p, &vt, &n), ST_OK);
	assert_int_equal(n, 3);
	assert_string_equal(vt[0].name, "Gruppe");
	assert_string_equal(vt[2].term, "ar");
	/* D1: "Sprache" by both coders and "Kurs"; D2: "Kurs"; D3: "Sprache" and "Wohnen"; E1: "X" */
	assert_int_equal(iv_coding_add(s, p, d1, lang, k1, 8, 15, NULL, NULL), ST_OK);
	assert_int_equal(iv_coding_add(s, p, d1, lang, k2, 8, 15, NULL, NULL), ST_OK);
	assert_int_equal(iv_coding_add(s, p, d1, kurs, k1, 0, 5, NULL, NULL), ST_OK);
	assert_int_equal(iv_coding_add(s, p, d2, kurs, k1, 0, 5, NULL, NULL), ST_OK);
	assert_int_equal(iv_coding_add(s, p, d3, lang, k1, 8, 15, NULL, NULL), ST_OK);
	assert_int_equal(iv_coding_add(s, p, d3, wohn, k2, 0, 5, NULL, NULL), ST_OK);
	assert_int_equal(iv_coding_add(s, q, e1, x, k3, 0, 4, NULL, NULL), ST_OK);
	static const char *const all[] = { "beratung||eltern||ar=1", "beratung||schuelerinnen||=1",
					   "sprachfoerderung||||=1", "sprachfoerderung||eltern||ar=2",
					   "sprachfoerderung||schuelerinnen||=1" };
	check_needs(s, a, NULL, NULL, all, NELEM(all));
	static const char *const since[] = { "beratung||eltern||ar=1", "sprachfoerderung||||=1",
					     "sprachfoerderung||eltern||ar=2" };
	check_needs(s, a, "2026-01-01", NULL, since, NELEM(since));
	static const char *const until[] = { "beratung||schuelerinnen||=1", "sprachfoerderung||||=1",
					     "sprachfoerderung||eltern||ar=1", "sprachfoerderung||schuelerinnen||=1" };
	check_needs(s, a, NULL, "2026-02-01", until, NELEM(until));
	/* no term any more: D2 has no need left; a removed value mapping */
	assert_int_equal(iv_code_term_set(s, p, kurs, "angebotsart", ""), ST_OK);
	assert_int_equal(iv_var_term_set(s, p, "Sprache", "Arabisch", NULL, NULL), ST_OK);
	static const char *const after[] = { "beratung||eltern||=1", "beratung||schuelerinnen||=1",
					     "sprachfoerderung||||=1", "sprachfoerderung||eltern||=1",
					     "sprachfoerderung||schuelerinnen||=1" };
	check_needs(s, a, NULL, NULL, after, NELEM(after));
	arena_free(a);
	testdb_close(&t);
}

/* The text of coding c of document doc_id (its segment). */
static const char *coded_text(struct store *s, arena *a, int64_t doc_id, int64_t coding_id)
{
	struct iv_doc d;
	assert_int_equal(iv_doc_get(s, a, 1, doc_id, 1, &d), ST_OK);
	struct iv_coding *c;
	size_t n;
	assert_int_equal(iv_codings_doc(s, a, doc_id, &c, &n), ST_OK);
	for (size_t i = 0; i < n; i++)
		if (c[i].id == coding_id) {
			size_t len = strlen(d.body), b = iv_cp_offset(d.body, len, c[i].start),
			       e = iv_cp_offset(d.body, len, c[i].end);
			return arena_strndup(a, d.body + b, e - b);
		}
	return "(gone)";
}

/* The pseudonymisation helper: whole words only, codings moved with the
 * text (before, across and on the name), one placeholder per name in the
 * project, the key list, the index without the name. */
static void test_pseudonymise(void **state)
{
	(void)state;
	struct testdb t;
	assert_int_equal(testdb_open(&t), 0);
	struct store *s = t.s;
	arena *a = arena_new();
	int64_t p, d1, d2;
	assert_int_equal(iv_project_create(s, "P", "", NULL, 0, &p), ST_OK);
	assert_int_equal(store_exec(s, "INSERT INTO iv_coder(project_id, guid, name) VALUES (1, 'a', 'Anna')"), ST_OK);
	int64_t k = testdb_scalar(s, "SELECT id FROM iv_coder WHERE guid = 'a'");
	const char *body = "I: Wie heißt du?\nB: Ich bin Ali, Alina ist meine Schwester. Ali geht zur Goethe-Schule.\n";
	struct iv_doc d = { .project_id = p, .name = "D1", .body = body };
	assert_int_equal(iv_doc_add(s, &d, &d1), ST_OK);
	d.name = "D2";
	d.body = "B: Ali wohnt in Mombach.";
	assert_int_equal(iv_doc_add(s, &d, &d2), ST_OK);
	int64_t code = add_code(s, p, 0, "Familie");
	const char *const what[] = { "Ali geht zur Goethe-Schule", "Alina ist meine Schwester", "Ali,", "du?" };
	int64_t ids[4];
	for (int i = 0; i < 4; i++) {
		const char *at = strstr(body, what[i]);
		long st = iv_cp_count(body, (size_t)(at - body));
		assert_int_equal(iv_coding_add(s, p, d1, code, k, st, st + iv_cp_count(what[i], strlen(what[i])), NULL,
					       &ids[i]),
				 ST_OK);
	}
	const char *ph;
	long n;
	assert_int_equal(iv_pseudonymise(s, a, p, d1, "Ali", "Name", &ph, &n), ST_OK);
	assert_string_equal(ph, "[Name 1]");
	assert_int_equal(n, 2);
	assert_string_equal(coded_text(s, a, d1, ids[0]), "[Name 1] geht zur Goethe-Schule");
	assert_string_equal(coded_text(s, a, d1, ids[1]), "Alina ist meine Schwester");
	assert_string_equal(coded_text(s, a, d1, ids[2]), "[Name 1],");
	assert_string_equal(coded_text(s, a, d1, ids[3]), "du?");
	assert_int_equal(iv_pseudonymise(s, a, p, d1, "Goethe-Schule", "Schule", &ph, &n), ST_OK);
	assert_string_equal(ph, "[Schule A]");
	assert_string_equal(coded_text(s, a, d1, ids[0]), "[Name 1] geht zur [Schule A]");
	/* the same name in another document: the same placeholder */
	assert_int_equal(iv_pseudonymise(s, a, p, d2, "Ali", "Name", &ph, &n), ST_OK);
	assert_string_equal(ph, "[Name 1]");
	assert_int_equal(n, 1);
	assert_int_equal(iv_pseudonymise(s, a, p, d2, "Mombach", "Ort", &ph, &n), ST_OK);
	assert_string_equal(ph, "[Ort A]");
	assert_int_equal(iv_pseudonymise(s, a, p, d2, "Nirgends", "Ort", &ph, &n), ST_OK);
	assert_int_equal(n, 0);
	assert_null(ph);
	assert_int_equal(iv_pseudonymise(s, a, p, d2, "Ali", "Haustier", &ph, &n), ST_CONFLICT);
	assert_int_equal(iv_pseudonymise(s, a, p, d2, "[Name 1]", "Name", &ph, &n), ST_CONFLICT);
	assert_int_equal(iv_pseudonymise(s, a, p, 999, "Ali", "Name", &ph, &n), ST_NOTFOUND);
	struct iv_doc got;
	assert_int_equal(iv_doc_get(s, a, p, d2, 1, &got), ST_OK);
	assert_string_equal(got.body, "B: [Name 1] wohnt in [Ort A].");
	assert_int_equal(got.nchars, 29);
	assert_int_equal(testdb_scalar(s, "SELECT count(*) FROM iv_para WHERE text LIKE '%Ali %' OR text LIKE '%Ali,%'"), 0);
	struct iv_hit *hits;
	size_t nh, total;
	assert_int_equal(iv_search(s, a, p, "Mombach", 10, &hits, &nh, &total), ST_OK);
	assert_int_equal(nh, 0);
	struct iv_pseudonym *keys;
	size_t nk;
	assert_int_equal(iv_pseudonyms(s, a, p, &keys, &nk), ST_OK);
	assert_int_equal(nk, 3); /* "Nirgends" was in no text: no placeholder */
	/* a speaker's label made a placeholder stays a label */
	int64_t d3;
	d = (struct iv_doc){ .project_id = p, .name = "D3", .body = "Ali: Ich wohne hier.\nI: Gut." };
	assert_int_equal(iv_doc_add(s, &d, &d3), ST_OK);
	assert_int_equal(iv_pseudonymise(s, a, p, d3, "Ali", "Name", &ph, &n), ST_OK);
	struct iv_para *paras;
	size_t np;
	assert_int_equal(iv_paras(s, a, d3, &paras, &np), ST_OK);
	assert_int_equal(np, 2);
	assert_string_equal(paras[0].speaker, "[Name 1]");
	assert_int_equal(paras[0].turn, 1);
	assert_int_equal(paras[1].start, 26);
	assert_string_equal(keys[0].placeholder, "[Name 1]");
	assert_string_equal(keys[0].original, "Ali");
	arena_free(a);
	testdb_close(&t);
}

int main(void)
{
	search_init(); /* the schema needs its tokenizer */
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_transcript), cmocka_unit_test(test_cp1252), cmocka_unit_test(test_docx_odt),
		cmocka_unit_test(test_kappa),	   cmocka_unit_test(test_model),
		cmocka_unit_test(test_evidence), cmocka_unit_test(test_pseudonymise),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
