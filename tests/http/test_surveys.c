/* test_surveys.c — surveys against the real server and binary: answering
 * the demo survey as a visitor (consent, validation at the question with
 * the answers kept, back and next, the language switch to Arabic without
 * losing answers, going on with the resume code in another browser, the
 * end); the pages of an unknown, closed, not yet open and full survey;
 * a researcher building a survey (a broken condition refused at the field,
 * an untranslated one refusing activation) and activating it; the texts
 * per language; the analysis page, its JSON equal to `lotse analyse
 * --json`, the crosstab; `lotse survey list|show|activate`; and the
 * permissions (an editor may not see the surveys). */
#include "harness.h"

#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

static struct server srv;
static struct agent researcher, editor, visitor;

/* The cell of column name in the from_end-th row from the end (0: the
 * last response) of bedarf-2027's CSV export, as a researcher gets the
 * answers back (closed answers live in the cells, not in a table a test
 * could count): a string to free, "" for no answer. */
static char *exported_cell(int from_end, const char *name)
{
	static int runs;
	char path[400];
	snprintf(path, sizeof(path), "%s/zelle-%d.csv", srv.dir, runs++);
	buf out;
	buf_init(&out, 0);
	assert_int_equal(run_lotse(&out, "responses", "export", "--db", srv.db, "bedarf-2027", "--format", "csv", path, NULL), 0);
	buf_free(&out);
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	char line[8192], head[8192], rows[8][8192];
	int n = 0;
	assert_non_null(fgets(head, sizeof(head), f));
	while (fgets(line, sizeof(line), f))
		memcpy(rows[n++ % 8], line, sizeof(line));
	fclose(f);
	assert_true(n > from_end && from_end < 8);
	char *row = rows[(n - 1 - from_end) % 8];
	int col = -1, i = 0;
	for (char *h = strtok(head, ",\r\n"); h; h = strtok(NULL, ",\r\n"), i++)
		if (strcmp(h, name) == 0)
			col = i;
	assert_true(col >= 0);
	char *p = row;
	for (i = 0; i < col; i++) {
		p = strchr(p, ',');
		assert_non_null(p);
		p++;
	}
	size_t len = strcspn(p, ",\r\n");
	char *v = malloc(len + 1);
	memcpy(v, p, len);
	v[len] = 0;
	return v;
}

static void cell_is(int from_end, const char *name, const char *want)
{
	char *v = exported_cell(from_end, name);
	assert_string_equal(v, want);
	free(v);
}

HARNESS_GROUP(srv, NULL, &researcher, DEMO_RESEARCHER, &editor, DEMO_EDITOR, &visitor, DEMO__COUNT, NULL)

static const char *page1 = NULL;

/* ---- answering ---- */

static void test_answer_flow(void **state)
{
	(void)state;
	struct agent a;
	assert_int_equal(agent_init(&a), 0);
	struct reply r;
	const char *path = "/umfrage/bedarf-2027";
	assert_int_equal(agent_fetch(&srv, &a, path, &r), 200);
	assert_contains(r.body.data, "Was brauchst du für deinen Weg in die Ausbildung?");
	assert_contains(r.body.data, "name=\"einwilligung\"");
	assert_tidy(&srv, r.body.data, "welcome");
	reply_free(&r);
	/* without consent: refused, said at the box */
	assert_int_equal(agent_submit(&srv, &a, path, "aktion=start", &r), 422);
	assert_contains(r.body.data, "error-summary");
	assert_contains(r.body.data, "href=\"#f-einwilligung\"");
	reply_free(&r);
	long before = db_scalarf(&srv, "SELECT COUNT(*) FROM survey_response");
	assert_int_equal(agent_submit(&srv, &a, path, "aktion=start&einwilligung=1", &r), 303);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT COUNT(*) FROM survey_response"), before + 1);
	char code[64];
	assert_int_equal(agent_cookie(&a, "umfrage_bedarf-2027", code, sizeof(code)), 0);
	assert_int_equal(strlen(code), 19);
	assert_int_equal(agent_fetch(&srv, &a, path, &r), 200);
	assert_contains(r.body.data, "Seite 1 von 4");
	assert_contains(r.body.data, "<legend>Seit wann lebst du in Deutschland?");
	assert_contains(r.body.data, code); /* the resume code is shown */
	assert_tidy(&srv, r.body.data, "page 1");
	reply_free(&r);
	/* a wrong age: the page again, the error at the question, the answers kept */
	assert_int_equal(agent_submit(&srv, &a, path, "seite=0&aktion=weiter&q-alter=31&q-seit=1-3&q-wohnort=mainz", &r),
			 422);
	assert_contains(r.body.data, "Die Zahl liegt außerhalb des erlaubten Bereichs.");
	assert_contains(r.body.data, "href=\"#f-q-alter\"");
	assert_contains(r.body.data, "value=\"31\"");
	assert_contains(r.body.data, "value=\"1-3\" checked");
	assert_contains(r.body.data, "aria-invalid=\"true\"");
	assert_contains(r.body.data, "Seite 1 von 4");
	reply_free(&r);
	/* the valid ones are stored already */
	cell_is(0, "seit", "1-3");
	cell_is(0, "wohnort", "mainz");
	assert_int_equal(agent_submit(&srv, &a, path,
				      "seite=0&aktion=weiter&q-alter=17&q-geschlecht=w&q-wohnort=mainz&q-seit=1-3&q-deutsch=A2"
				      "&q-schule=schule",
				      &r),
			 303);
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &a, path, &r), 200);
	assert_contains(r.body.data, "Seite 2 von 4");
	assert_contains(r.body.data, "name=\"q-ziel\"");
	assert_not_contains(r.body.data, "name=\"q-branche\""); /* its condition needs an answer to ziel */
	reply_free(&r);
	/* with ziel = ausbildung, branche appears (the page is sent again) */
	assert_int_equal(agent_submit(&srv, &a, path, "seite=1&aktion=weiter&q-ziel=ausbildung", &r), 303);
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &a, path, &r), 200);
	assert_contains(r.body.data, "Seite 3 von 4");
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &a, path, "seite=2&aktion=zurueck", &r), 303);
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &a, path, &r), 200);
	assert_contains(r.body.data, "name=\"q-branche\"");
	assert_contains(r.body.data, "value=\"ausbildung\" checked");
	reply_free(&r);
	/* switch to Arabic on page 2 with a choice made: kept, the page right-to-left */
	assert_int_equal(
		agent_submit(&srv, &a, path, "seite=1&aktion=sprache&sprache=ar&q-ziel=ausbildung&q-branche=pflege", &r), 303);
	assert_contains(reply_header(&r, "Location"), "lang=ar");
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &a, "/umfrage/bedarf-2027?lang=ar", &r), 200);
	assert_contains(r.body.data, "dir=\"rtl\"");
	assert_contains(r.body.data, "في أي مجال؟");
	assert_contains(r.body.data, "value=\"pflege\" checked");
	assert_tidy(&srv, r.body.data, "page 2 in Arabic");
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT COUNT(*) FROM survey_response WHERE id = (SELECT MAX(id) FROM survey_response) "
			       "AND lang = 'ar'"),
			 1);
	/* another browser goes on with the code, typed in lower case */
	struct agent b;
	assert_int_equal(agent_init(&b), 0);
	assert_int_equal(agent_fetch(&srv, &b, "/umfrage/bedarf-2027/fortsetzen", &r), 200);
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &b, "/umfrage/bedarf-2027/fortsetzen", "code=nope-nope-nope-nope", &r), 422);
	assert_contains(r.body.data, "Zu diesem Code gibt es keine Antworten.");
	reply_free(&r);
	char lower[64], body[128];
	for (size_t i = 0; i <= strlen(code); i++)
		lower[i] = (char)(code[i] >= 'A' && code[i] <= 'Z' ? code[i] - 'A' + 'a' : code[i]);
	snprintf(body, sizeof(body), "code=%s", lower);
	assert_int_equal(agent_submit(&srv, &b, "/umfrage/bedarf-2027/fortsetzen", body, &r), 303);
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &b, path, &r), 200);
	assert_contains(r.body.data, "value=\"pflege\" checked");
	reply_free(&r);
	/* to the end */
	assert_int_equal(agent_submit(&srv, &b, path, "seite=1&aktion=weiter&q-ziel=ausbildung&q-branche=pflege", &r), 303);
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &b, path, "seite=2&aktion=weiter&q-hilfe=sprache&q-zufr-SQ001=4", &r), 303);
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &b, path, &r), 200);
	assert_contains(r.body.data, "Absenden");
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &b, path, "seite=3&aktion=weiter&q-kontakt=Y", &r), 303);
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &b, path, &r), 200);
	assert_contains(r.body.data, "Vielen Dank! Ihre Antworten sind gespeichert.");
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT COUNT(*) FROM survey_response WHERE id = (SELECT MAX(id) FROM survey_response) "
			       "AND status = 'complete' AND completed_at IS NOT NULL"),
			 1);
	/* a complete response takes no more answers */
	assert_int_equal(agent_submit(&srv, &a, path, "seite=0&aktion=weiter&q-alter=20", &r), 303);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT COUNT(*) FROM survey_answer a JOIN survey_question q ON q.id = a.question_id "
			       "WHERE a.response_id = (SELECT MAX(id) FROM survey_response) AND q.code = 'alter' AND value = '17'"),
			 1);
	agent_free(&a);
	agent_free(&b);
	(void)page1;
}

/* ---- the gates ---- */

static void test_gates(void **state)
{
	(void)state;
	struct reply r;
	assert_int_equal(agent_fetch(&srv, &visitor, "/umfrage/gibt-es-nicht", &r), 404);
	assert_contains(r.body.data, "Eine Umfrage unter dieser Adresse gibt es nicht.");
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &visitor, "/umfrage/%3Cscript%3E", &r), 404);
	reply_free(&r);
	/* the offer survey: not yet open, closed, full */
	assert_int_equal(db_scalarf(&srv, "UPDATE survey SET opens_on = '2099-01-01' WHERE code = 'angebote-2027'"), 0);
	assert_int_equal(agent_fetch(&srv, &visitor, "/umfrage/angebote-2027", &r), 200);
	assert_contains(r.body.data, "Diese Umfrage beginnt erst am 01.01.2099.");
	reply_free(&r);
	db_scalarf(&srv, "UPDATE survey SET opens_on = NULL, closes_on = '2020-12-31' WHERE code = 'angebote-2027'");
	assert_int_equal(agent_fetch(&srv, &visitor, "/umfrage/angebote-2027", &r), 200);
	assert_contains(r.body.data, "Diese Umfrage ist beendet.");
	reply_free(&r);
	db_scalarf(&srv, "UPDATE survey SET closes_on = NULL, response_limit = 1 WHERE code = 'angebote-2027'");
	db_scalarf(&srv, "INSERT INTO survey_response (survey_id, status) SELECT id, 'complete' FROM survey WHERE code = 'angebote-2027'");
	assert_int_equal(agent_fetch(&srv, &visitor, "/umfrage/angebote-2027", &r), 200);
	assert_contains(r.body.data, "Diese Umfrage hat schon genug Antworten.");
	reply_free(&r);
	db_scalarf(&srv, "UPDATE survey SET response_limit = NULL WHERE code = 'angebote-2027'");
	assert_int_equal(agent_fetch(&srv, &visitor, "/umfrage/angebote-2027", &r), 200);
	assert_contains(r.body.data, "Umfrage beginnen");
	reply_free(&r);
}

/* ---- building ---- */

static long new_survey_id(const char *code)
{
	return db_scalarf(&srv, "SELECT id FROM survey WHERE code = '%s'", code);
}

static void test_build_and_activate(void **state)
{
	(void)state;
	struct reply r;
	assert_int_equal(agent_fetch(&srv, &researcher, "/intern/umfragen", &r), 200);
	assert_contains(r.body.data, "bedarf-2027");
	assert_tidy(&srv, r.body.data, "/intern/umfragen");
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &researcher, "/intern/umfragen/neu", form("code", "1 bad", "title", "x", NULL), &r),
			 422);
	reply_free(&r);
	assert_int_equal(
		agent_submit(&srv, &researcher, "/intern/umfragen/neu", form("code", "eltern", "title", "Elternbefragung", NULL), &r),
		303);
	reply_free(&r);
	long id = new_survey_id("eltern");
	assert_true(id > 0);
	char p[128];
	snprintf(p, sizeof(p), "/intern/umfragen/%ld/seiten", id);
	assert_int_equal(agent_submit(&srv, &researcher, p, form("title", "Ihre Familie", NULL), &r), 303);
	reply_free(&r);
	long pid = db_scalarf(&srv, "SELECT id FROM survey_page WHERE survey_id = %ld", id);
	char page[32];
	snprintf(page, sizeof(page), "%ld", pid);
	snprintf(p, sizeof(p), "/intern/umfragen/%ld/fragen/neu", id);
	assert_int_equal(agent_fetch(&srv, &researcher, p, &r), 200);
	assert_tidy(&srv, r.body.data, "question form");
	reply_free(&r);
	/* a single choice without options, and a broken condition: said at the fields, nothing stored */
	assert_int_equal(agent_submit(&srv, &researcher, p,
				      form("page", page, "code", "kinder", "type", "single", "text", "Wie viele Kinder?",
					   "cond", "alter >=", NULL),
				      &r),
			 422);
	assert_contains(r.body.data, "Diese Frageart braucht Antwortoptionen.");
	assert_contains(r.body.data, "Die Bedingung ist fehlerhaft");
	assert_contains(r.body.data, "value=\"alter &gt;=\"");
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT COUNT(*) FROM survey_question WHERE survey_id = %ld", id), 0);
	assert_int_equal(agent_submit(&srv, &researcher, p,
				      form("page", page, "code", "kinder", "type", "single", "text", "Wie viele Kinder?",
					   "options", "1 = eins\n2 = zwei\n3 = drei oder mehr", "mandatory", "1", NULL),
				      &r),
			 303);
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &researcher, p,
				      form("page", page, "code", "schulform", "type", "dropdown", "text", "Welche Schule?",
					   "options", "rs = Realschule plus\ngym = Gymnasium", "cond", "kinder != \"\"", NULL),
				      &r),
			 303);
	reply_free(&r);
	/* the same code twice */
	assert_int_equal(agent_submit(&srv, &researcher, p,
				      form("page", page, "code", "kinder", "type", "text", "text", "x", NULL), &r),
			 422);
	assert_contains(r.body.data, "Diesen Code hat schon eine andere Frage.");
	reply_free(&r);
	/* an untranslated condition (as an import leaves it) refuses activation */
	db_scalarf(&srv, "UPDATE survey_question SET cond_src = 'Q9.NAOK ~ 1', cond_error = 'nicht übersetzbar' "
	      "WHERE code = 'schulform' AND survey_id = %ld", id);
	snprintf(p, sizeof(p), "/intern/umfragen/%ld/aktivieren", id);
	assert_int_equal(agent_submit(&srv, &researcher, p, "", &r), 422);
	assert_contains(r.body.data, "Q9.NAOK ~ 1");
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT COUNT(*) FROM survey WHERE id = %ld AND status = 'draft'", id), 1);
	db_scalarf(&srv, "UPDATE survey_question SET cond_src = '', cond_error = '' WHERE code = 'schulform'");
	assert_int_equal(agent_submit(&srv, &researcher, p, "", &r), 303);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT COUNT(*) FROM survey WHERE id = %ld AND status = 'active'", id), 1);
	assert_int_equal(db_scalarf(&srv, "SELECT COUNT(*) FROM audit_log WHERE action = 'survey_activate'"), 1);
	/* fixed now: a question cannot be added */
	snprintf(p, sizeof(p), "/intern/umfragen/%ld/fragen/neu", id);
	assert_int_equal(agent_submit(&srv, &researcher, p,
				      form("page", page, "code", "neu", "type", "text", "text", "x", NULL), &r),
			 409);
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &visitor, "/umfrage/eltern", &r), 200);
	assert_contains(r.body.data, "Elternbefragung");
	reply_free(&r);
	/* a new version to change it */
	snprintf(p, sizeof(p), "/intern/umfragen/%ld/neue-version", id);
	assert_int_equal(agent_submit(&srv, &researcher, p, "", &r), 303);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT COUNT(*) FROM survey WHERE code = 'eltern' AND version = 2 AND status = 'draft'"), 1);
	assert_int_equal(db_scalarf(&srv, "SELECT COUNT(*) FROM survey_question q JOIN survey s ON s.id = q.survey_id "
			       "WHERE s.code = 'eltern' AND s.version = 2"),
			 2);
	/* printing and invitation codes */
	snprintf(p, sizeof(p), "/intern/umfragen/%ld/druck", id);
	assert_int_equal(agent_fetch(&srv, &researcher, p, &r), 200);
	assert_contains(r.body.data, "Realschule plus");
	reply_free(&r);
	snprintf(p, sizeof(p), "/intern/umfragen/%ld/codes", id);
	assert_int_equal(agent_submit(&srv, &researcher, p, "anzahl=3", &r), 303);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT COUNT(*) FROM survey_invite WHERE survey_id = %ld", id), 3);
}

static void test_texts(void **state)
{
	(void)state;
	struct reply r;
	long id = db_scalarf(&srv, "SELECT id FROM survey WHERE code = 'bedarf-2027'");
	char p[128];
	snprintf(p, sizeof(p), "/intern/umfragen/%ld/texte?sprache=ar", id);
	assert_int_equal(agent_fetch(&srv, &researcher, p, &r), 200);
	assert_contains(r.body.data, "Alle Texte sind übersetzt.");
	reply_free(&r);
	/* a missing translation is counted and marked */
	db_scalarf(&srv, "DELETE FROM survey_text WHERE survey_id = %ld AND lang = 'ar' AND item = 'q' AND field = 'text' "
	      "AND ref = (SELECT id FROM survey_question WHERE code = 'alter' AND survey_id = %ld)", id, id);
	assert_int_equal(agent_fetch(&srv, &researcher, p, &r), 200);
	assert_contains(r.body.data, "Es fehlen 1 Texte in dieser Sprache");
	reply_free(&r);
	long qid = db_scalarf(&srv, "SELECT id FROM survey_question WHERE code = 'alter' AND survey_id = %ld", id);
	char body[256], name[64];
	snprintf(name, sizeof(name), "t-q-%ld-text", qid);
	snprintf(p, sizeof(p), "/intern/umfragen/%ld/texte", id);
	snprintf(body, sizeof(body), "%s", form("sprache", "ar", name, "كم عمرك؟", NULL));
	assert_int_equal(agent_submit(&srv, &researcher, p, body, &r), 303);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT COUNT(*) FROM survey_text WHERE survey_id = %ld AND lang = 'ar' AND item = 'q' AND field = 'text' AND ref = %ld", id, qid),
			 1);
}

/* ---- analysis ---- */

static void test_analysis(void **state)
{
	(void)state;
	struct reply r;
	long id = db_scalarf(&srv, "SELECT id FROM survey WHERE code = 'bedarf-2027'");
	char p[256];
	snprintf(p, sizeof(p), "/intern/umfragen/%ld/auswertung", id);
	assert_int_equal(agent_fetch(&srv, &researcher, p, &r), 200);
	assert_contains(r.body.data, "<svg class=\"chart-bars\"");
	assert_contains(r.body.data, "Gültige Prozent");
	assert_contains(r.body.data, "Prozent der Fälle");
	assert_contains(r.body.data, "Top-2");
	assert_contains(r.body.data, "Median");
	assert_tidy(&srv, r.body.data, "analysis");
	reply_free(&r);
	/* a bad filter: said at the field, not a 500 */
	snprintf(p, sizeof(p), "/intern/umfragen/%ld/auswertung?filter=alter+%%3E%%3D", id);
	assert_int_equal(agent_fetch(&srv, &researcher, p, &r), 422);
	assert_contains(r.body.data, "error-summary");
	reply_free(&r);
	/* the JSON of the page equals the command's */
	snprintf(p, sizeof(p), "/intern/umfragen/%ld/auswertung.json?frage=deutsch&filter=alter+%%3E%%3D+18&status=vollstaendig",
		 id);
	assert_int_equal(agent_fetch(&srv, &researcher, p, &r), 200);
	buf out;
	buf_init(&out, 0);
	assert_int_equal(run_lotse(&out, "analyse", "--db", srv.db, "bedarf-2027", "--freq", "deutsch", "--where",
				   "alter >= 18", "--complete", "--json", NULL),
			 0);
	assert_string_equal(r.body.data, out.data);
	assert_contains(out.data, "\"survey\":\"bedarf-2027\",\"question\":\"deutsch\",\"n\":");
	reply_free(&r);
	buf_free(&out);
	snprintf(p, sizeof(p), "/intern/umfragen/%ld/auswertung.json?zeile=deutsch&spalte=zufr_SQ002&gewicht=alter", id);
	assert_int_equal(agent_fetch(&srv, &researcher, p, &r), 200);
	buf_init(&out, 0);
	assert_int_equal(run_lotse(&out, "analyse", "--db", srv.db, "bedarf-2027", "--crosstab", "deutsch", "zufr_SQ002",
				   "--weight", "alter", "--json", NULL),
			 0);
	assert_string_equal(r.body.data, out.data);
	assert_contains(out.data, "\"cramers_v\":");
	reply_free(&r);
	buf_free(&out);
	snprintf(p, sizeof(p), "/intern/umfragen/%ld/auswertung.json?frage=wunsch", id);
	assert_int_equal(agent_fetch(&srv, &researcher, p, &r), 400);
	assert_contains(reply_header(&r, "Content-Type"), "application/problem+json");
	reply_free(&r);
	snprintf(p, sizeof(p), "/intern/umfragen/%ld/kreuztabelle?zeile=deutsch&spalte=ziel", id);
	assert_int_equal(agent_fetch(&srv, &researcher, p, &r), 200);
	assert_contains(r.body.data, "Cramérs V");
	assert_tidy(&srv, r.body.data, "crosstab");
	reply_free(&r);
}

/* The n of `lotse analyse bedarf-2027 --freq deutsch` with the options
 * given (NULL-terminated, at most four). */
static long freq_n(const char *o1, const char *o2, const char *o3, const char *o4)
{
	buf out;
	buf_init(&out, 0);
	assert_int_equal(run_lotse(&out, "analyse", "--db", srv.db, "bedarf-2027", "--freq", "deutsch", "--json",
				   o1, o2, o3, o4, NULL),
			 0);
	const char *p = strstr(buf_str(&out), "\"n\":");
	assert_non_null(p);
	long n = strtol(p + 4, NULL, 10);
	buf_free(&out);
	return n;
}

/* A date range, on the command line and on the page (where a German day
 * is taken too, and a text that is no day is said at its field). */
static void test_date_range(void **state)
{
	(void)state;
	long all = freq_n(NULL, NULL, NULL, NULL);
	long sept = freq_n("--to", "2026-09-30", NULL, NULL);
	long later = freq_n("--from", "2026-10-01", NULL, NULL);
	/* the demo's responses began 2026-09-01; --to keeps its whole day */
	assert_int_equal(sept, db_scalar(&srv, "SELECT COUNT(*) FROM survey_response r JOIN survey s ON "
					       "s.id = r.survey_id WHERE s.code = 'bedarf-2027' AND started_at < '2026-10-01'"));
	assert_true(sept > 0 && later > 0);
	assert_int_equal(sept + later, all);
	assert_int_equal(freq_n("--from", "2026-09-15", "--to", "2026-09-15"),
			 db_scalar(&srv, "SELECT COUNT(*) FROM survey_response r JOIN survey s ON s.id = r.survey_id "
					 "WHERE s.code = 'bedarf-2027' AND started_at LIKE '2026-09-15%'"));
	buf out;
	buf_init(&out, 0);
	assert_int_equal(run_lotse(&out, "analyse", "--db", srv.db, "bedarf-2027", "--freq", "deutsch", "--from",
				   "2026-02-30", NULL),
			 2);
	assert_contains(out.data, "YYYY-MM-DD");
	buf_reset(&out);
	long id = db_scalar(&srv, "SELECT id FROM survey WHERE code = 'bedarf-2027'");
	char p[256];
	struct reply r;
	snprintf(p, sizeof(p), "/intern/umfragen/%ld/auswertung.json?frage=deutsch&von=1.10.2026", id);
	assert_int_equal(agent_fetch(&srv, &researcher, p, &r), 200);
	assert_int_equal(run_lotse(&out, "analyse", "--db", srv.db, "bedarf-2027", "--freq", "deutsch", "--from",
				   "2026-10-01", "--json", NULL),
			 0);
	assert_string_equal(r.body.data, out.data);
	reply_free(&r);
	buf_free(&out);
	snprintf(p, sizeof(p), "/intern/umfragen/%ld/auswertung?von=31.02.2026&bis=2026-10-31", id);
	assert_int_equal(agent_fetch(&srv, &researcher, p, &r), 200);
	assert_contains(r.body.data, "Bitte einen Tag angeben");
	assert_contains(r.body.data, "value=\"31.02.2026\"");
	assert_contains(r.body.data, "value=\"2026-10-31\"");
	assert_tidy(&srv, r.body.data, "analysis with a bad day");
	reply_free(&r);
}

/* The member name of the zip file path, NUL-terminated (caller frees), or
 * NULL. */
static char *zip_member(const char *path, const char *name)
{
	int err = 0;
	zip_t *z = zip_open(path, ZIP_RDONLY, &err);
	if (!z)
		return NULL;
	zip_stat_t st;
	char *data = NULL;
	zip_file_t *f = NULL;
	if (zip_stat(z, name, 0, &st) == 0 && (f = zip_fopen(z, name, 0)) != NULL) {
		data = calloc(1, (size_t)st.size + 1);
		if (data && zip_fread(f, data, st.size) != (zip_int64_t)st.size) {
			free(data);
			data = NULL;
		}
		zip_fclose(f);
	}
	zip_close(z);
	return data;
}

static long occurrences(const char *hay, const char *needle)
{
	long n = 0;
	for (const char *p = hay; (p = strstr(p, needle)) != NULL; p += strlen(needle))
		n++;
	return n;
}

static void test_cli(void **state)
{
	(void)state;
	buf out;
	buf_init(&out, 0);
	assert_int_equal(run_lotse(&out, "survey", "list", "--db", srv.db, NULL), 0);
	assert_contains(out.data, "bedarf-2027\tversion 1\tactive");
	buf_reset(&out);
	assert_int_equal(run_lotse(&out, "survey", "show", "--db", srv.db, "bedarf-2027", "--json", NULL), 0);
	assert_contains(out.data, "\"code\": \"zufr\"");
	assert_contains(out.data, "\"condition\": \"ziel == \\\"ausbildung\\\" or ziel == \\\"arbeit\\\"\"");
	assert_contains(out.data, "\"ar\": \"كم عمرك؟\"");
	buf_reset(&out);
	assert_int_equal(run_lotse(&out, "survey", "activate", "--db", srv.db, "bedarf-2027", NULL), 1);
	assert_contains(out.data, "only a draft can be activated");
	buf_reset(&out);
	assert_int_equal(run_lotse(&out, "analyse", "--db", srv.db, "bedarf-2027", "--freq", "nope", "--json", NULL), 1);
	buf_reset(&out);
	assert_int_equal(run_lotse(&out, "analyse", "--db", srv.db, "bedarf-2027", "--crosstab", "deutsch", "ziel", NULL), 0);
	assert_contains(out.data, "chi2 = ");
	/* the responses out as CSV and in again: every row back, a bad one named */
	char csv[400], in[400];
	snprintf(csv, sizeof(csv), "%s/antworten.csv", srv.dir);
	snprintf(in, sizeof(in), "%s/papier.csv", srv.dir);
	buf_reset(&out);
	long before = db_scalarf(&srv, "SELECT COUNT(*) FROM survey_response r JOIN survey s ON s.id = r.survey_id WHERE s.code = 'bedarf-2027'");
	assert_int_equal(run_lotse(&out, "responses", "export", "--db", srv.db, "bedarf-2027", "--format", "csv", csv, NULL), 0);
	assert_int_equal(run_lotse(&out, "responses", "export", "--db", srv.db, "bedarf-2027", "--format", "csv", csv, NULL), 1);
	/* the same as XLSX: a header row and one row per response, the codes
	 * as the sheet's strings; an existing file is not replaced */
	char xlsx[400];
	snprintf(xlsx, sizeof(xlsx), "%s/antworten.xlsx", srv.dir);
	buf_reset(&out);
	assert_int_equal(run_lotse(&out, "responses", "export", "--db", srv.db, "bedarf-2027", "--format", "xlsx", xlsx, NULL), 0);
	assert_contains(out.data, "exported");
	char *sheet = zip_member(xlsx, "xl/worksheets/sheet1.xml");
	char *strings = zip_member(xlsx, "xl/sharedStrings.xml");
	assert_non_null(sheet);
	assert_non_null(strings);
	assert_int_equal(occurrences(sheet, "<row "), before + 1);
	assert_contains(strings, "<t>completed_at</t>");
	assert_contains(strings, "<t>deutsch</t>");
	assert_contains(strings, "<t>A2</t>");
	free(sheet);
	free(strings);
	assert_int_equal(run_lotse(&out, "responses", "export", "--db", srv.db, "bedarf-2027", "--format", "xlsx", xlsx, NULL), 1);
	FILE *f = fopen(in, "w");
	assert_non_null(f);
	fputs("alter,deutsch,zufr_SQ002,hilfe_sprache,kontakt,unbekannt\n17,A2,4,Y,Ja,x\n16,B1,,,N,\n99,A2,,,,\n15,Z9,,,,\n", f);
	fclose(f);
	buf_reset(&out);
	assert_int_equal(run_lotse(&out, "responses", "import", "--db", srv.db, "bedarf-2027", in, NULL), 1);
	assert_contains(out.data, "line 1: unknown column unbekannt");
	assert_contains(out.data, "line 4: column alter: Zahl außerhalb des Bereichs: 99");
	assert_contains(out.data, "line 5: column deutsch: keine der Antwortoptionen: Z9");
	assert_contains(out.data, "imported 2 responses");
	assert_int_equal(db_scalarf(&srv, "SELECT COUNT(*) FROM survey_response r JOIN survey s ON s.id = r.survey_id WHERE s.code = 'bedarf-2027'"),
			 before + 2);
	cell_is(1, "kontakt", "Y");
	cell_is(1, "deutsch", "A2");
	cell_is(0, "kontakt", "N");
	buf_reset(&out);
	assert_int_equal(run_lotse(&out, "responses", "import", "--db", srv.db, "bedarf-2027", csv, NULL), 0);
	assert_int_equal(db_scalarf(&srv, "SELECT COUNT(*) FROM survey_response r JOIN survey s ON s.id = r.survey_id WHERE s.code = 'bedarf-2027'"),
			 2 * before + 2);
	buf_free(&out);
}

static void test_permissions(void **state)
{
	(void)state;
	struct reply r;
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/umfragen", &r), 403);
	reply_free(&r);
	long id = db_scalarf(&srv, "SELECT id FROM survey WHERE code = 'bedarf-2027'");
	char p[128];
	snprintf(p, sizeof(p), "/intern/umfragen/%ld/auswertung.json?frage=deutsch", id);
	assert_int_equal(agent_fetch(&srv, &editor, p, &r), 403);
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &visitor, "/intern/umfragen", &r), 303);
	reply_free(&r);
}

int main(int argc, char **argv)
{
	harness_bin = argc > 1 ? argv[1] : "./lotse";
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_answer_flow), cmocka_unit_test(test_gates), cmocka_unit_test(test_build_and_activate),
		cmocka_unit_test(test_texts),       cmocka_unit_test(test_analysis), cmocka_unit_test(test_date_range), cmocka_unit_test(test_cli),
		cmocka_unit_test(test_permissions),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
