/* test_policy_edit.c — the committee editors change what they added,
 * against the real server with the demo data: a consultation (agenda
 * item, purpose, result), a file (name, kind, public flag, its bytes
 * replaced; a paper's new file), the order of the agenda, a meeting's
 * action item, a decision process (title, summary,
 * public flag) and its steps (changed, ordered among the steps of a day).
 * Each change is audited, a refused form keeps what was typed and stores
 * nothing, and what is not public never reaches the public pages, the
 * OParl API (answers valid against the schemas) or the search. And
 * `lotse import oparl` on the specification's example documents, then a
 * deletion sent as OParl 1.0. */
#include "policy_fixture.h"

#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#ifndef SRC_DIR
#define SRC_DIR "."
#endif

/* GET path as the public: its status, the body in r. */
static long get(const char *path, struct reply *r)
{
	memset(r, 0, sizeof(*r));
	assert_int_equal(http_get(&srv, path, r), 0);
	return r->status;
}

/* path as the public does not show text (or is not there at all). */
static void not_public(const char *path, const char *text)
{
	struct reply r;
	long st = get(path, &r);
	if (st == 200 && strstr(r.body.data, text))
		fail_msg("%s shows %s", path, text);
	reply_free(&r);
}

/* Fetch the OParl answer path (status want) into a file of the test
 * folder, named in list, which oparl_validate.py checks. */
static void oparl(const char *path, buf *list, long want)
{
	static int k;
	struct reply r;
	long st = get(path, &r);
	if (st != want)
		fail_msg("%s: status %ld, want %ld", path, st, want);
	char name[32], file[512];
	snprintf(name, sizeof(name), "edit-%03d.json", k++);
	harness_save(&srv, name, &r.body, file, sizeof(file));
	if (want == 200)
		buf_printf(list, " '%s'", file);
	reply_free(&r);
}

static void expect_location(const struct reply *r, const char *want)
{
	const char *loc = reply_header(r, "Location");
	assert_non_null(loc);
	if (strcmp(loc, want) != 0)
		fail_msg("Location %s, want %s", loc, want);
}

/* path, an OParl object made non-public, answers as withdrawn: 200 with
 * "deleted": true and nothing of its content (not text), and it stays in
 * list (a body's list URL), also when filtered by modified_since from the
 * time it was withdrawn, so that a synchronising client removes it. */
static void withdrawn(const char *path, const char *list, const char *text)
{
	struct reply r;
	assert_int_equal(get(path, &r), 200);
	assert_not_contains(r.body.data, text);
	json_error_t e;
	json_t *j = json_loads(r.body.data, 0, &e);
	reply_free(&r);
	assert_non_null(j);
	assert_true(json_is_true(json_object_get(j, "deleted")));
	assert_null(json_object_get(j, "name"));
	const char *id = json_string_value(json_object_get(j, "id"));
	const char *modified = json_string_value(json_object_get(j, "modified"));
	assert_non_null(id);
	assert_non_null(modified);
	char url[512];
	snprintf(url, sizeof(url), "%s?limit=100&modified_since=%s", list, modified);
	assert_int_equal(get(url, &r), 200);
	assert_not_contains(r.body.data, text);
	json_t *l = json_loads(r.body.data, 0, &e);
	reply_free(&r);
	assert_non_null(l);
	int found = 0;
	json_t *data = json_object_get(l, "data"), *x;
	size_t i;
	json_array_foreach(data, i, x)
		if (strcmp(json_string_value(json_object_get(x, "id")), id) == 0) {
			found = 1;
			assert_true(json_is_true(json_object_get(x, "deleted")));
		}
	if (!found)
		fail_msg("%s lacks the withdrawn %s", url, id);
	json_decref(l);
	/* ... and not in what changed after it */
	snprintf(url, sizeof(url), "%s?limit=100&modified_since=2999-01-01T00:00:00Z", list);
	assert_int_equal(get(url, &r), 200);
	assert_not_contains(r.body.data, id);
	reply_free(&r);
	json_decref(j);
}

/* ---- consultations ---- */

static void test_consultation(void **state)
{
	(void)state;
	struct reply r;
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/sitzungen/1", &r), 200);
	assert_contains(r.body.data, "href=\"/intern/sitzungen/1/beratungen/1\"");
	reply_free(&r);
	const char *path = "/intern/sitzungen/1/beratungen/1";
	assert_int_equal(agent_fetch(&srv, &visitor, path, &r), 303); /* not for the public */
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &editor, path, &r), 200);
	assert_tidy(&srv, r.body.data, path);
	assert_contains(r.body.data, "value=\"einstimmig beschlossen\"");
	reply_free(&r);
	/* an item of another meeting, an unknown purpose: refused, what was typed kept */
	assert_int_equal(agent_submit(&srv, &editor, path,
				      form("punkt", "4", "zweck", "decision", "ergebnis", "vertagt auf Juni", NULL), &r),
			 422);
	assert_contains(r.body.data, "aria-invalid=\"true\"");
	assert_contains(r.body.data, "vertagt auf Juni");
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &editor, path, form("zweck", "abstimmen", NULL), &r), 422);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM pol_consultation WHERE id = 1 AND result = 'einstimmig beschlossen' "
			       "AND item_id = 2 AND purpose = 'decision'"),
			 1);
	/* without the CSRF token */
	assert_int_equal(agent_http(&srv, &editor, "POST", path, "zweck=information", "application/x-www-form-urlencoded",
				    &r),
			 0);
	assert_int_equal(r.status, 403);
	reply_free(&r);
	/* changed */
	assert_int_equal(agent_submit(&srv, &editor, path,
				      form("punkt", "3", "zweck", "information", "ergebnis", "vertagt auf Juni", NULL), &r),
			 303);
	expect_location(&r, "/intern/sitzungen/1?gespeichert=1#beratungen");
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM pol_consultation WHERE id = 1 AND result = 'vertagt auf Juni' AND "
			       "item_id = 3 AND purpose = 'information' AND modified_at > created_at"),
			 1);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM audit_log WHERE action = 'policy.consultation.update' AND "
			       "object_id = '1'"),
			 1);
	assert_int_equal(get("/vorlagen/1", &r), 200);
	assert_contains(r.body.data, "vertagt auf Juni");
	reply_free(&r);
	/* through another meeting's address: not found */
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/sitzungen/2/beratungen/1", &r), 404);
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/sitzungen/1/beratungen/999", &r), 404);
	reply_free(&r);
	/* moved into an agenda item that is not public: gone from the
	 * public pages, the OParl API and the search */
	assert_int_equal(agent_submit(&srv, &editor, "/intern/sitzungen/2/beratungen/3",
				      form("punkt", "6", "zweck", "decision", "ergebnis", "Geheimsache Lotsenvergabe", NULL),
				      &r),
			 303);
	reply_free(&r);
	not_public("/sitzungen/2", "Geheimsache");
	not_public("/vorlagen/2", "Geheimsache");
	not_public("/oparl/v1/consultation/3", "Geheimsache");
	not_public("/oparl/v1/paper/2", "Geheimsache");
	not_public("/oparl/v1/meeting/2", "Geheimsache");
	not_public("/oparl/v1/body/1/consultation?limit=100", "Geheimsache");
	not_public("/gremien/suche?q=Geheimsache", "Geheimsache Lotsenvergabe");
	/* OParl: withdrawn, in its list too (its paper stays public) */
	withdrawn("/oparl/v1/consultation/3", "/oparl/v1/body/1/consultation", "Geheimsache");
	buf list = { 0 };
	oparl("/oparl/v1/consultation/3", &list, 200);
	oparl("/oparl/v1/consultation/1", &list, 200);
	oparl("/oparl/v1/paper/2", &list, 200);
	oparl("/oparl/v1/body/1/consultation", &list, 200);
	oparl_validate(&list);
	buf_free(&list);
}

/* ---- files ---- */

/* POST a multipart form to path as the editor: name, rolle, oeffentlich
 * (when public), and the file's bytes (data NULL: no file); the status. */
static long post_file(const char *path, const char *name, int public, const char *fname, const char *data,
		      struct reply *r)
{
	buf b = { 0 };
	buf_printf(&b, "--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n%s\r\n", editor.csrf);
	buf_printf(&b, "--XyZ\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\n%s\r\n", name);
	buf_printf(&b, "--XyZ\r\nContent-Disposition: form-data; name=\"rolle\"\r\n\r\nattachment\r\n");
	if (public)
		buf_printf(&b, "--XyZ\r\nContent-Disposition: form-data; name=\"oeffentlich\"\r\n\r\n1\r\n");
	buf_printf(&b, "--XyZ\r\nContent-Disposition: form-data; name=\"datei\"; filename=\"%s\"\r\n"
		       "Content-Type: application/pdf\r\n\r\n%s\r\n",
		   data ? fname : "", data ? data : "");
	buf_printf(&b, "--XyZ--\r\n");
	assert_int_equal(agent_http(&srv, &editor, "POST", path, buf_str(&b), "multipart/form-data; boundary=XyZ", r), 0);
	buf_free(&b);
	return r->status;
}

static void test_file(void **state)
{
	(void)state;
	struct reply r;
	static const char pdf[] = "%PDF-1.7\n% korrigierte Niederschrift\n%%EOF\n";
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/sitzungen/1", &r), 200);
	assert_contains(r.body.data, "href=\"/intern/dateien/1\"");
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/dateien/1", &r), 200);
	assert_tidy(&srv, r.body.data, "/intern/dateien/1");
	assert_contains(r.body.data, "value=\"Niederschrift der 1. Sitzung 2026\"");
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &visitor, "/intern/dateien/1", &r), 303);
	reply_free(&r);
	/* made not public: gone for the public and from OParl */
	assert_int_equal(post_file("/intern/dateien/1", "Niederschrift (korrigiert)", 0, NULL, NULL, &r), 303);
	expect_location(&r, "/intern/sitzungen/1?gespeichert=1#dateien");
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM pol_file WHERE id = 1 AND public = 0 AND role = 'attachment' AND "
			       "name = 'Niederschrift (korrigiert)'"),
			 1);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM audit_log WHERE action = 'policy.file.update'"), 1);
	assert_int_equal(get("/dateien/1", &r), 404);
	reply_free(&r);
	withdrawn("/oparl/v1/file/1", "/oparl/v1/body/1/file", "Niederschrift (korrigiert)");
	not_public("/sitzungen/1", "Niederschrift (korrigiert)");
	not_public("/oparl/v1/meeting/1", "Niederschrift (korrigiert)");
	not_public("/oparl/v1/body/1/file", "Niederschrift (korrigiert)");
	/* a file that is no PDF: refused, nothing changed */
	long size = db_scalarf(&srv, "SELECT size FROM pol_file WHERE id = 1");
	assert_int_equal(post_file("/intern/dateien/1", "Niederschrift neu", 1, "x.pdf", "kein pdf", &r), 422);
	assert_contains(r.body.data, "kein PDF");
	assert_contains(r.body.data, "Niederschrift neu");
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM pol_file WHERE id = 1 AND name = 'Niederschrift (korrigiert)' AND "
			       "public = 0 AND size = %ld", size),
			 1);
	/* replaced by a new PDF and public again: the same address serves the new bytes */
	assert_int_equal(post_file("/intern/dateien/1", "Niederschrift neu", 1, "C:\\Ablage\\neu.pdf", pdf, &r), 303);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM pol_file WHERE id = 1 AND size = %ld AND file_name = 'neu.pdf' AND "
			       "public = 1 AND sha256 <> '' AND length(sha512) = 128",
			       (long)strlen(pdf)),
			 1);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM audit_log WHERE action = 'policy.file.replace'"), 1);
	assert_int_equal(get("/dateien/1", &r), 200);
	assert_int_equal(r.body.len, strlen(pdf));
	assert_memory_equal(r.body.data, pdf, strlen(pdf));
	assert_contains(reply_header(&r, "Content-Disposition"), "filename=\"neu.pdf\"");
	reply_free(&r);
	assert_int_equal(get("/oparl/v1/file/1", &r), 200);
	json_t *j = json_loads(r.body.data, 0, NULL);
	reply_free(&r);
	assert_non_null(j);
	assert_int_equal(json_integer_value(json_object_get(j, "size")), (long)strlen(pdf));
	assert_int_equal(json_is_string(json_object_get(j, "sha512Checksum")), 1);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM pol_file WHERE id = 1 AND sha512 = '%s'",
			       json_string_value(json_object_get(j, "sha512Checksum"))),
			 1);
	json_decref(j);
	/* the non-public paper's file marked public stays hidden: its paper is not public */
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/vorlagen/5", &r), 200);
	assert_contains(r.body.data, "href=\"/intern/dateien/3\"");
	assert_tidy(&srv, r.body.data, "/intern/vorlagen/5");
	reply_free(&r);
	assert_int_equal(post_file("/intern/dateien/3", "Stellenplan (vertraulich)", 1, NULL, NULL, &r), 303);
	expect_location(&r, "/intern/vorlagen/5?gespeichert=1#dateien");
	reply_free(&r);
	assert_int_equal(get("/dateien/3", &r), 404);
	reply_free(&r);
	assert_int_equal(get("/oparl/v1/file/3", &r), 404);
	reply_free(&r);
	not_public("/oparl/v1/body/1/file?limit=100", "Stellenplan");
	/* a paper's new file: on the paper's public page when both are public */
	assert_int_equal(post_file("/intern/vorlagen/1/dateien", "Begründung des Antrags", 1, "begruendung.pdf", pdf, &r),
			 303);
	expect_location(&r, "/intern/vorlagen/1?gespeichert=1#dateien");
	reply_free(&r);
	assert_int_equal(post_file("/intern/vorlagen/1/dateien", "Ohne Datei", 1, NULL, NULL, &r), 422);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM pol_file WHERE paper_id = 1 AND name = 'Begründung des Antrags' AND "
			       "meeting_id IS NULL"),
			 1);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM pol_file WHERE name = 'Ohne Datei'"), 0);
	assert_int_equal(get("/vorlagen/1", &r), 200);
	assert_contains(r.body.data, "Begründung des Antrags");
	reply_free(&r);
	assert_int_equal(post_file("/intern/vorlagen/5/dateien", "Stellenplan Anhang", 1, "anhang.pdf", pdf, &r), 303);
	reply_free(&r);
	not_public("/oparl/v1/body/1/file?limit=100", "Stellenplan Anhang");
	/* a paper's file deleted: back to the paper's page */
	long anhang = db_scalarf(&srv, "SELECT id FROM pol_file WHERE name = 'Stellenplan Anhang'");
	char del[80];
	snprintf(del, sizeof(del), "/intern/gremien/loeschen/datei/%ld", anhang);
	assert_int_equal(agent_fetch(&srv, &editor, del, &r), 200);
	assert_contains(r.body.data, "href=\"/intern/vorlagen/5#dateien\"");
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &editor, del, "", &r), 303);
	expect_location(&r, "/intern/vorlagen/5#dateien");
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT deleted FROM pol_file WHERE id = %ld", anhang), 1);
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/dateien/99999", &r), 404);
	reply_free(&r);
	buf list = { 0 };
	oparl("/oparl/v1/file/1", &list, 200);
	oparl("/oparl/v1/paper/1", &list, 200);
	oparl("/oparl/v1/body/1/file", &list, 200);
	oparl("/oparl/v1/meeting/1", &list, 200);
	oparl_validate(&list);
	buf_free(&list);
}

/* ---- decision processes and their steps ---- */

/* The order in which the texts a, b, c stand in body: 1 when a < b < c. */
static int in_order(const char *body, const char *a, const char *b, const char *c)
{
	const char *x = strstr(body, a), *y = strstr(body, b), *z = strstr(body, c);
	return x && y && z && x < y && y < z;
}

static long move(long step, const char *dir)
{
	struct reply r;
	char path[120];
	snprintf(path, sizeof(path), "/intern/prozesse/1/schritte/%ld/verschieben", step);
	long st = agent_submit(&srv, &editor, path, form("richtung", dir, NULL), &r);
	reply_free(&r);
	return st;
}

static void test_steps(void **state)
{
	(void)state;
	struct reply r;
	/* the demo's steps each on a day of their own: nothing to order */
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/prozesse/1", &r), 200);
	assert_contains(r.body.data, "href=\"/intern/prozesse/1/schritte/6\"");
	assert_not_contains(r.body.data, "/verschieben");
	reply_free(&r);
	assert_int_equal(move(1, "hoch"), 409);
	/* two more steps on the day of step 6 */
	const char *texts[] = { "Erster Nachtrag am Starttag", "Zweiter Nachtrag am Starttag" };
	for (int i = 0; i < 2; i++) {
		assert_int_equal(agent_submit(&srv, &editor, "/intern/prozesse/1/schritte",
					      form("datum", "2026-09-01", "art", "implementation", "text", texts[i], NULL),
					      &r),
				 303);
		reply_free(&r);
	}
	long a = db_scalarf(&srv, "SELECT id FROM pol_step WHERE text = '%s'", texts[0]);
	long b = db_scalarf(&srv, "SELECT id FROM pol_step WHERE text = '%s'", texts[1]);
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/prozesse/1", &r), 200);
	assert_tidy(&srv, r.body.data, "/intern/prozesse/1");
	assert_contains(r.body.data, "aria-label=\"Nach unten: Zum Schuljahr");
	assert_not_contains(r.body.data, "aria-label=\"Nach oben: Zum Schuljahr");
	assert_contains(r.body.data, "aria-label=\"Nach oben: Zweiter Nachtrag am Starttag\"");
	assert_not_contains(r.body.data, "aria-label=\"Nach unten: Zweiter Nachtrag am Starttag\"");
	reply_free(&r);
	assert_int_equal(get("/prozesse/1", &r), 200);
	assert_true(in_order(r.body.data, "Zum Schuljahr 2026/27", texts[0], texts[1]));
	reply_free(&r);
	/* the second one up twice: first of its day; once more is refused */
	assert_int_equal(move(b, "hoch"), 303);
	assert_int_equal(get("/prozesse/1", &r), 200);
	assert_true(in_order(r.body.data, "Zum Schuljahr 2026/27", texts[1], texts[0]));
	reply_free(&r);
	assert_int_equal(move(b, "hoch"), 303);
	assert_int_equal(move(b, "hoch"), 409);
	assert_int_equal(move(b, "seitwärts"), 400);
	assert_int_equal(get("/prozesse/1", &r), 200);
	assert_true(in_order(r.body.data, texts[1], "Zum Schuljahr 2026/27", texts[0]));
	/* the days stay in their order */
	assert_true(in_order(r.body.data, "Der Initiativausschuss empfiehlt", texts[1], "Der Arbeitskreis wertet"));
	reply_free(&r);
	assert_int_equal(move(a, "runter"), 409);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM audit_log WHERE action = 'policy.step.move'"), 2);
	/* a step changed: refused with what was typed, then saved */
	char path[120];
	snprintf(path, sizeof(path), "/intern/prozesse/1/schritte/%ld", a);
	assert_int_equal(agent_fetch(&srv, &editor, path, &r), 200);
	assert_tidy(&srv, r.body.data, path);
	assert_contains(r.body.data, texts[0]);
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &editor, path,
				      form("datum", "2026-12-32", "art", "decision", "text", "Der Beirat beschließt mit", NULL),
				      &r),
			 422);
	assert_contains(r.body.data, "Der Beirat beschließt mit");
	assert_contains(r.body.data, "aria-invalid=\"true\"");
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &editor, path,
				      form("datum", "2026-12-01", "art", "decision", "text", "Der Beirat beschließt mit",
					   "vorlage", "5", "sitzung", "5", NULL),
				      &r),
			 303);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM pol_step WHERE id = %ld AND date = '2026-12-01' AND kind = 'decision' "
			       "AND paper_id = 5 AND meeting_id = 5",
			       a),
			 1);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM audit_log WHERE action = 'policy.step.update'"), 1);
	/* the public timeline: the step, never the paper that is not public */
	assert_int_equal(get("/prozesse/1", &r), 200);
	assert_true(in_order(r.body.data, "Der Arbeitskreis wertet", "Der Beirat beschließt mit", "</ol>"));
	assert_not_contains(r.body.data, "/vorlagen/5");
	assert_not_contains(r.body.data, "Personalfragen");
	reply_free(&r);
	/* a step through another process's address, an unknown one */
	assert_int_equal(agent_submit(&srv, &editor, "/intern/prozesse/neu", form("titel", "Zweiter Prozess", NULL), &r),
			 303);
	reply_free(&r);
	long other = db_scalarf(&srv, "SELECT id FROM pol_process WHERE title = 'Zweiter Prozess'");
	snprintf(path, sizeof(path), "/intern/prozesse/%ld/schritte/%ld", other, a);
	assert_int_equal(agent_fetch(&srv, &editor, path, &r), 404);
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/prozesse/1/schritte/99999", &r), 404);
	reply_free(&r);
}

static void test_process(void **state)
{
	(void)state;
	struct reply r;
	assert_int_equal(agent_submit(&srv, &editor, "/intern/prozesse/1",
				      form("titel", "", "zusammenfassung", "Neu zusammengefasst.", NULL), &r),
			 422);
	assert_contains(r.body.data, "Neu zusammengefasst.");
	reply_free(&r);
	/* not public any more: gone from the public pages */
	assert_int_equal(agent_submit(&srv, &editor, "/intern/prozesse/1",
				      form("titel", "Lotsen an Realschulen plus", "zusammenfassung", "Neu zusammengefasst.",
					   NULL),
				      &r),
			 303);
	expect_location(&r, "/intern/prozesse/1?gespeichert=1");
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM pol_process WHERE id = 1 AND public = 0 AND "
			       "title = 'Lotsen an Realschulen plus'"),
			 1);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM audit_log WHERE action = 'policy.process.update'"), 1);
	assert_int_equal(get("/prozesse/1", &r), 404);
	reply_free(&r);
	not_public("/gremien", "Lotsen an Realschulen plus");
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/prozesse/1", &r), 200);
	assert_contains(r.body.data, "nicht öffentlich");
	assert_tidy(&srv, r.body.data, "/intern/prozesse/1");
	reply_free(&r);
	/* public again */
	assert_int_equal(agent_submit(&srv, &editor, "/intern/prozesse/1",
				      form("titel", "Lotsen an Realschulen plus", "oeffentlich", "1", NULL), &r),
			 303);
	reply_free(&r);
	assert_int_equal(get("/prozesse/1", &r), 200);
	assert_contains(r.body.data, "Lotsen an Realschulen plus");
	reply_free(&r);
	assert_int_equal(get("/gremien", &r), 200);
	assert_contains(r.body.data, "Lotsen an Realschulen plus");
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &editor, "/intern/prozesse/99999", form("titel", "x", NULL), &r), 404);
	reply_free(&r);
}

/* ---- the order of a meeting's agenda ---- */

static long move_item(long meeting, long item, const char *dir)
{
	struct reply r;
	char path[120];
	snprintf(path, sizeof(path), "/intern/sitzungen/%ld/punkte/%ld/verschieben", meeting, item);
	long st = agent_submit(&srv, &editor, path, form("richtung", dir, NULL), &r);
	reply_free(&r);
	return st;
}

static void test_agenda_order(void **state)
{
	(void)state;
	struct reply r;
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/sitzungen/1", &r), 200);
	assert_contains(r.body.data, "aria-label=\"Nach unten: Begrüßung und Tagesordnung\"");
	assert_not_contains(r.body.data, "aria-label=\"Nach oben: Begrüßung und Tagesordnung\"");
	assert_not_contains(r.body.data, "aria-label=\"Nach unten: Berichte aus den Projekten\"");
	reply_free(&r);
	/* the last item up: before the second */
	assert_int_equal(move_item(1, 3, "hoch"), 303);
	assert_int_equal(get("/sitzungen/1", &r), 200);
	const char *a = strstr(r.body.data, "Begrüßung und Tagesordnung"), *b = strstr(r.body.data, "Berichte aus den Projekten"),
		   *c = strstr(r.body.data, "Antrag: Ausbildungslotsen an allen Realschulen plus");
	assert_true(a && b && c && a < b && b < c);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT position FROM pol_item WHERE id = 3"), 2);
	assert_int_equal(db_scalarf(&srv, "SELECT position FROM pol_item WHERE id = 2"), 3);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM pol_item WHERE id = 3 AND modified_at > created_at"), 1);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM audit_log WHERE action = 'policy.item.move'"), 1);
	/* at the edges, a bad direction, another meeting's item */
	assert_int_equal(move_item(1, 1, "hoch"), 409);
	assert_int_equal(move_item(1, 2, "runter"), 409);
	assert_int_equal(move_item(1, 3, "quer"), 400);
	assert_int_equal(move_item(1, 4, "hoch"), 404);
	assert_int_equal(move_item(1, 999999, "hoch"), 404);
	/* OParl: the new order, valid */
	assert_int_equal(get("/oparl/v1/agendaItem/3", &r), 200);
	json_t *j = json_loads(r.body.data, 0, NULL);
	reply_free(&r);
	assert_non_null(j);
	assert_int_equal(json_integer_value(json_object_get(j, "order")), 2);
	json_decref(j);
	buf list = { 0 };
	oparl("/oparl/v1/agendaItem/3", &list, 200);
	oparl("/oparl/v1/meeting/1", &list, 200);
	oparl_validate(&list);
	buf_free(&list);
}

/* ---- a meeting's action items changed and deleted ---- */

static void test_actions(void **state)
{
	(void)state;
	struct reply r;
	assert_int_equal(agent_submit(&srv, &editor, "/intern/sitzungen/4/aufgaben",
				      form("was", "Elternbrief übersetzen", "wer", "Frau Yilmaz", "bis", "2027-02-01", NULL), &r),
			 303);
	reply_free(&r);
	long id = db_scalarf(&srv, "SELECT id FROM pol_action WHERE text = 'Elternbrief übersetzen'");
	assert_true(id > 0);
	char path[120], want[120];
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/sitzungen/4", &r), 200);
	snprintf(want, sizeof(want), "href=\"/intern/sitzungen/4/aufgaben/%ld\"", id);
	assert_contains(r.body.data, want);
	reply_free(&r);
	snprintf(path, sizeof(path), "/intern/sitzungen/4/aufgaben/%ld", id);
	assert_int_equal(agent_fetch(&srv, &editor, path, &r), 200);
	assert_tidy(&srv, r.body.data, path);
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &editor, path,
				      form("was", "Elternbrief in drei Sprachen", "wer", "Frau Yilmaz", "bis", "2027-02-30", NULL),
				      &r),
			 422);
	assert_contains(r.body.data, "Elternbrief in drei Sprachen");
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &editor, path,
				      form("was", "Elternbrief in drei Sprachen", "wer", "Herr Demir", "bis", "2027-02-28", NULL),
				      &r),
			 303);
	expect_location(&r, "/intern/sitzungen/4?gespeichert=1#aufgaben");
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM pol_action WHERE id = %ld AND text = 'Elternbrief in drei Sprachen' "
			       "AND who = 'Herr Demir' AND due = '2027-02-28'", id),
			 1);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM audit_log WHERE action = 'policy.action.update'"), 1);
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/aufgaben", &r), 200);
	assert_contains(r.body.data, "Elternbrief in drei Sprachen");
	reply_free(&r);
	/* another meeting's address: not found; staff only, never public */
	snprintf(path, sizeof(path), "/intern/sitzungen/3/aufgaben/%ld", id);
	assert_int_equal(agent_fetch(&srv, &editor, path, &r), 404);
	reply_free(&r);
	not_public("/sitzungen/4", "Elternbrief");
	not_public("/oparl/v1/meeting/4", "Elternbrief");
	/* deleted */
	snprintf(path, sizeof(path), "/intern/sitzungen/4/aufgaben/%ld/loeschen", id);
	assert_int_equal(agent_submit(&srv, &editor, path, "", &r), 303);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM pol_action WHERE id = %ld", id), 0);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM audit_log WHERE action = 'policy.action.delete' AND object_id = '%ld'",
			       id),
			 1);
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/aufgaben", &r), 200);
	assert_not_contains(r.body.data, "Elternbrief in drei Sprachen");
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &editor, path, "", &r), 404);
	reply_free(&r);
}

/* ---- made non-public: withdrawn for OParl clients ---- */

/* A paper and an agenda item the public saw, made non-public by the
 * editors: their OParl addresses answer "deleted": true, and they stay in
 * the lists with the time they went, with the consultations and files
 * that went with them; one never public stays unknown; made public
 * again, the whole object is back. */
static void test_withdrawn(void **state)
{
	(void)state;
	struct reply r;
	buf list = { 0 };
	assert_int_equal(agent_submit(&srv, &editor, "/intern/vorlagen/4",
				      form("nummer", "V-2026/112", "titel", "Einführung von Ausbildungslotsen (zurückgezogen)",
					   "datum", "2026-05-04", "art", "Vorlage", NULL),
				      &r),
			 303);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM pol_paper WHERE id = 4 AND public = 0 AND was_public = 1"), 1);
	not_public("/vorlagen/4", "zurückgezogen");
	withdrawn("/oparl/v1/paper/4", "/oparl/v1/body/1/paper", "zurückgezogen");
	/* its consultations went with it */
	withdrawn("/oparl/v1/consultation/5", "/oparl/v1/body/1/consultation", "zurückgezogen");
	withdrawn("/oparl/v1/consultation/7", "/oparl/v1/body/1/consultation", "zurückgezogen");
	oparl("/oparl/v1/paper/4", &list, 200);
	oparl("/oparl/v1/consultation/5", &list, 200);
	oparl("/oparl/v1/body/1/paper", &list, 200);
	oparl("/oparl/v1/body/1/consultation?limit=100", &list, 200);
	/* a paper never public stays unknown, in the list too */
	oparl("/oparl/v1/paper/5", &list, 404);
	assert_int_equal(get("/oparl/v1/body/1/paper?limit=100", &r), 200);
	assert_not_contains(r.body.data, "/oparl/v1/paper/5\"");
	assert_not_contains(r.body.data, "AK-2026/09");
	reply_free(&r);
	assert_int_equal(get("/oparl/v1/consultation/8", &r), 404);
	reply_free(&r);

	/* an agenda item made non-public, with the consultation in it */
	assert_int_equal(agent_submit(&srv, &editor, "/intern/sitzungen/4/punkte/9",
				      form("nummer", "1", "name", "Ausbildungslotsen: Stand der Umsetzung (intern)", NULL), &r),
			 303);
	reply_free(&r);
	withdrawn("/oparl/v1/agendaItem/9", "/oparl/v1/body/1/agendaItem", "Stand der Umsetzung");
	not_public("/oparl/v1/meeting/4", "Stand der Umsetzung");
	oparl("/oparl/v1/agendaItem/9", &list, 200);
	oparl("/oparl/v1/body/1/agendaItem?limit=100", &list, 200);
	oparl("/oparl/v1/agendaItem/6", &list, 404); /* never public */

	/* a file goes with its paper, at the time the paper went */
	assert_int_equal(agent_submit(&srv, &editor, "/intern/vorlagen/1",
				      form("nummer", "AK-2026/01", "titel", "Ausbildungslotsen (intern)", "datum", "2026-02-10",
					   "art", "Antrag", NULL),
				      &r),
			 303);
	reply_free(&r);
	withdrawn("/oparl/v1/file/2", "/oparl/v1/body/1/file", "Ausbildungslotsen (intern)");
	oparl("/oparl/v1/file/2", &list, 200);
	oparl("/oparl/v1/body/1/file", &list, 200);
	assert_int_equal(agent_submit(&srv, &editor, "/intern/vorlagen/1",
				      form("nummer", "AK-2026/01", "titel", "Ausbildungslotsen an allen Realschulen plus", "datum",
					   "2026-02-10", "art", "Antrag", "oeffentlich", "1", NULL),
				      &r),
			 303);
	reply_free(&r);
	assert_int_equal(get("/oparl/v1/file/2", &r), 200);
	assert_not_contains(r.body.data, "\"deleted\"");
	reply_free(&r);

	/* public again: the whole paper, not withdrawn */
	assert_int_equal(agent_submit(&srv, &editor, "/intern/vorlagen/4",
				      form("nummer", "V-2026/112", "titel", "Einführung von Ausbildungslotsen", "datum",
					   "2026-05-04", "art", "Vorlage", "oeffentlich", "1", NULL),
				      &r),
			 303);
	reply_free(&r);
	assert_int_equal(get("/oparl/v1/paper/4", &r), 200);
	assert_contains(r.body.data, "\"name\":\"Einführung von Ausbildungslotsen\"");
	assert_not_contains(r.body.data, "\"deleted\"");
	reply_free(&r);
	assert_int_equal(get("/oparl/v1/consultation/5", &r), 200);
	assert_not_contains(r.body.data, "\"deleted\"");
	reply_free(&r);
	oparl_validate(&list);
	buf_free(&list);
}

/* ---- lotse import oparl: the specification's own examples ---- */

static void test_import_spec_examples(void **state)
{
	(void)state;
	buf out = { 0 };
	char dir[512];
	snprintf(dir, sizeof(dir), "%s/tests/http/oparl-1.1/examples", SRC_DIR);
	assert_int_equal(run_lotse(&out, "import", "oparl", "--db", srv.db, dir, NULL), 0);
	/* Organization, Meeting and Paper are taken; System, Body, Person,
	 * File and Location are other types, left out without complaint */
	assert_contains(buf_str(&out), "imported 3 OParl objects from 8 files; 0 refused");
	buf_free(&out);
	long meeting = db_scalarf(&srv, "SELECT m.id FROM pol_meeting m JOIN pol_body b ON b.id = m.body_id WHERE "
			     "m.origin = 'https://oparl.example.org/meeting/281' AND "
			     "b.origin = 'https://oparl.example.org/organization/34' AND "
			     "m.start_at = '2013-01-04T07:00:00Z' AND m.state = 'held' AND "
			     "m.place LIKE 'Rathaus der Beispielstadt%%'");
	assert_true(meeting > 0);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM pol_paper WHERE origin = 'https://oparl.example.org/paper/749' AND "
			       "kind = 'Anfrage' AND reference = '1234/2014' AND date = '2014-04-04' AND public = 1"),
			 1);
	struct reply r;
	assert_int_equal(get("/vorlagen", &r), 200);
	assert_contains(r.body.data, "Antwort auf Anfrage 1200/2014");
	reply_free(&r);
	char path[80];
	snprintf(path, sizeof(path), "/sitzungen/%ld", meeting);
	assert_int_equal(get(path, &r), 200);
	assert_contains(r.body.data, "4. Sitzung des Finanzausschusses");
	reply_free(&r);
	buf list = { 0 };
	snprintf(path, sizeof(path), "/oparl/v1/meeting/%ld", meeting);
	oparl(path, &list, 200);
	oparl("/oparl/v1/body/1/organization", &list, 200);
	/* the council deletes the meeting; its server still speaks 1.0 */
	char gone[560];
	snprintf(gone, sizeof(gone), "%s/oparl-gone", srv.dir);
	assert_int_equal(mkdir(gone, 0700), 0);
	char file[600];
	snprintf(file, sizeof(file), "%s/meeting.json", gone);
	FILE *f = fopen(file, "wb");
	assert_non_null(f);
	fputs("{\"id\": \"https://oparl.example.org/meeting/281\", \"type\": \"https://schema.oparl.org/1.0/Meeting\", "
	      "\"name\": \"4. Sitzung des Finanzausschusses\", \"start\": \"2013-01-04T08:00:00+01:00\", "
	      "\"organization\": \"https://oparl.example.org/organization/34\", \"deleted\": true}",
	      f);
	fclose(f);
	buf_init(&out, 0);
	assert_int_equal(run_lotse(&out, "import", "oparl", "--db", srv.db, gone, NULL), 0);
	assert_contains(buf_str(&out), "imported 1 OParl objects");
	buf_free(&out);
	assert_int_equal(db_scalarf(&srv, "SELECT deleted FROM pol_meeting WHERE id = %ld", meeting), 1);
	snprintf(path, sizeof(path), "/sitzungen/%ld", meeting);
	assert_int_equal(get(path, &r), 404);
	reply_free(&r);
	snprintf(path, sizeof(path), "/oparl/v1/meeting/%ld", meeting);
	assert_int_equal(get(path, &r), 200);
	json_t *j = json_loads(r.body.data, 0, NULL);
	reply_free(&r);
	assert_non_null(j);
	assert_true(json_is_true(json_object_get(j, "deleted")));
	json_decref(j);
	oparl(path, &list, 200);
	oparl_validate(&list);
	buf_free(&list);
}

int main(int argc, char **argv)
{
	if (argc > 1)
		harness_bin = argv[1];
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_consultation),
		cmocka_unit_test(test_file),
		cmocka_unit_test(test_steps),
		cmocka_unit_test(test_process),
		cmocka_unit_test(test_agenda_order),
		cmocka_unit_test(test_actions),
		cmocka_unit_test(test_withdrawn),
		cmocka_unit_test(test_import_spec_examples),
	};
	return cmocka_run_group_tests(tests, policy_group_setup, policy_group_teardown);
}
