/* test_survey_tags.c — a researcher tags a survey's answer options with
 * the directory's taxonomy terms against the real server: the demo
 * survey's tags shown in its form and its printable questionnaire (opened
 * by the survey's code, as the evidence loop links it), a term that is not
 * in the lists refused with nothing changed, tags saved, the weight
 * variable refused unless it is a number question, and an editor kept out;
 * `lotse survey export --format xlsform` and `lotse survey import` of that
 * file into another database give the same `lotse survey show --json`;
 * a provider answering the demo's offer survey makes a draft offer that an
 * editor finds in the directory's review, and a provider that is not in
 * the directory makes none (its response is kept); ten wrong resume codes
 * from one address stop the next try, even with the right code (429). */
#include "harness.h"

#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

static struct server srv;
static struct agent researcher, editor;

HARNESS_GROUP(srv, NULL, &researcher, DEMO_RESEARCHER, &editor, DEMO_EDITOR, NULL)

static void test_tags(void **state)
{
	(void)state;
	struct reply r;
	long sid = db_scalarf(&srv, "SELECT id FROM survey WHERE code = 'bedarf-2027'");
	long hilfe = db_scalarf(&srv, "SELECT id FROM survey_question WHERE survey_id = %ld AND code = 'hilfe'", sid);
	long deutsch = db_scalarf(&srv, "SELECT id FROM survey_question WHERE survey_id = %ld AND code = 'deutsch'", sid);
	long a1 = db_scalarf(&srv, "SELECT id FROM survey_option WHERE question_id = %ld AND code = 'A1'", deutsch);
	assert_true(sid > 0 && hilfe > 0 && a1 > 0);
	char p[160], body[256];

	/* the demo's tags: in the question's form, on the printed questionnaire */
	snprintf(p, sizeof(p), "/intern/umfragen/bedarf-2027/fragen/%ld/schlagworte", hilfe);
	assert_int_equal(agent_fetch(&srv, &researcher, p, &r), 200);
	assert_contains(r.body.data, "<option value=\"sprachfoerderung\" selected");
	assert_tidy(&srv, r.body.data, "tags form");
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &researcher, "/intern/umfragen/bedarf-2027/druck", &r), 200);
	assert_contains(r.body.data, "[Bedarf: Sprachförderung]");
	assert_contains(r.body.data, "[Übergangsphase: Schule · Zielgruppe: Schüler:innen]");
	reply_free(&r);

	/* a term of another taxonomy: refused, nothing changed */
	long before = db_scalarf(&srv, "SELECT count(*) FROM survey_tag");
	snprintf(p, sizeof(p), "/intern/umfragen/%ld/fragen/%ld/schlagworte", sid, deutsch);
	snprintf(body, sizeof(body), "o%ld_need=mainz-altstadt&o%ld_stage=schule", a1, a1);
	assert_int_equal(agent_fetch(&srv, &researcher, p, &r), 200);
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &researcher, p, body, &r), 422);
	assert_contains(r.body.data, "Bitte wählen Sie die Schlagworte aus den Listen.");
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM survey_tag"), before);

	/* a need and a language of level A1: saved, shown again */
	snprintf(body, sizeof(body), "o%ld_need=sprachfoerderung&o%ld_language=ar", a1, a1);
	assert_int_equal(agent_submit(&srv, &researcher, p, body, &r), 303);
	char back[200];
	snprintf(back, sizeof(back), "%s", reply_header(&r, "Location"));
	reply_free(&r);
	assert_contains(back, "?ok=gespeichert");
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM survey_tag WHERE option_id = %ld AND "
			       "((dim = 'need' AND term = 'sprachfoerderung') OR (dim = 'language' AND term = 'ar'))", a1),
			 2);
	assert_int_equal(agent_fetch(&srv, &researcher, back, &r), 200);
	assert_contains(r.body.data, "Gespeichert.");
	assert_contains(r.body.data, "<option value=\"ar\" selected");
	reply_free(&r);

	/* the weight: only a number question */
	snprintf(p, sizeof(p), "/intern/umfragen/%ld", sid);
	assert_int_equal(agent_fetch(&srv, &researcher, p, &r), 200);
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &researcher, p, "title=Bedarfe&weight=geschlecht", &r), 422);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT weight = '' FROM survey WHERE id = %ld", sid), 1);
	assert_int_equal(agent_submit(&srv, &researcher, p, "title=Bedarfe&weight=alter", &r), 303);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT weight = 'alter' FROM survey WHERE id = %ld", sid), 1);

	/* the printable report: the filter in words, every question, no forms */
	assert_int_equal(agent_fetch(&srv, &researcher, "/intern/umfragen/bedarf-2027/bericht?status=vollstaendig&gewicht=alter",
				     &r), 200);
	assert_contains(r.body.data, "Gewichtet mit alter");
	assert_contains(r.body.data, "nur vollständige");
	assert_contains(r.body.data, "svg class=\"chart-bars chart-diverging\"");
	assert_contains(r.body.data, "id=\"h-kontakt\"");
	assert_not_contains(r.body.data, "id=\"f-zeile\"");
	assert_tidy(&srv, r.body.data, "report");
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &researcher, "/intern/umfragen/bedarf-2027/bericht?filter=alter+%3E%3D", &r), 422);
	reply_free(&r);

	/* an editor is no researcher */
	snprintf(p, sizeof(p), "/intern/umfragen/%ld/fragen/%ld/schlagworte", sid, hilfe);
	assert_int_equal(agent_fetch(&srv, &editor, p, &r), 403);
	reply_free(&r);
}

static void test_xlsform_round_trip(void **state)
{
	(void)state;
	char xlsx[400], db2[400];
	snprintf(xlsx, sizeof(xlsx), "%s/bedarf.xlsx", srv.dir);
	snprintf(db2, sizeof(db2), "%s/zwei.db", srv.dir);
	buf out, a, b;
	buf_init(&out, 0);
	buf_init(&a, 0);
	buf_init(&b, 0);
	assert_int_equal(run_lotse(&out, "survey", "export", "--db", srv.db, "bedarf-2027", "--format", "xlsform", xlsx, NULL), 0);
	assert_contains(buf_str(&out), "exported survey bedarf-2027, version 1, to ");
	assert_int_equal(run_lotse(&out, "survey", "export", "--db", srv.db, "bedarf-2027", "--format", "xlsform", xlsx, NULL), 1);
	assert_int_equal(run_lotse(&out, "init", "--db", db2, NULL), 0);
	buf_reset(&out);
	assert_int_equal(run_lotse(&out, "survey", "import", "--db", db2, xlsx, NULL), 0);
	assert_contains(buf_str(&out), "imported survey bedarf-2027: 12 questions on 4 pages, languages: de,en,ar,uk\n");
	assert_int_equal(run_lotse(&a, "survey", "show", "--db", srv.db, "bedarf-2027", "--json", NULL), 0);
	assert_int_equal(run_lotse(&b, "survey", "show", "--db", db2, "bedarf-2027", "--json", NULL), 0);
	/* the same structure, texts, options and conditions; a draft there */
	const char *sb = strstr(buf_str(&b), "\"status\": \"draft\",");
	assert_non_null(sb);
	buf c;
	buf_init(&c, 0);
	buf_append(&c, buf_str(&b), (size_t)(sb - buf_str(&b)));
	buf_printf(&c, "\"status\": \"active\",%s", sb + strlen("\"status\": \"draft\","));
	assert_contains(buf_str(&a), "\"condition\": \"ziel == \\\"ausbildung\\\" or ziel == \\\"arbeit\\\"\"");
	assert_string_equal(buf_str(&a), buf_str(&c));
	buf_free(&c);
	buf_free(&out);
	buf_free(&a);
	buf_free(&b);
}

/* Answer the offer survey as a new visitor naming provider; the id of the response. */
static long answer_offer_survey(const char *provider)
{
	struct agent v;
	struct reply r;
	assert_int_equal(agent_init(&v), 0);
	const char *path = "/umfrage/angebote-2027";
	assert_int_equal(agent_fetch(&srv, &v, path, &r), 200);
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &v, path, "aktion=start", &r), 303);
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &v, path, &r), 200);
	reply_free(&r);
	char body[400];
	snprintf(body, sizeof(body), "seite=0&aktion=weiter&q-anbieter=%s&q-angebot=Bewerbungswerkstatt+f%%C3%%BCr+Gefl%%C3%%BCchtete"
		 "&q-beschreibung=Wir+%%C3%%BCben+Bewerbungen.", provider);
	assert_int_equal(agent_submit(&srv, &v, path, body, &r), 303);
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &v, path, &r), 200);
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &v, path,
				      "seite=1&aktion=weiter&q-alter_von=16&q-alter_bis=27&q-sprachen=ar&q-sprachen=uk"
				      "&q-kosten=frei&q-zeiten=dienstags+15-17+Uhr",
				      &r),
			 303);
	reply_free(&r);
	agent_free(&v);
	long rid = db_scalarf(&srv, "SELECT MAX(r.id) FROM survey_response r JOIN survey s ON s.id = r.survey_id "
			 "WHERE s.code = 'angebote-2027' AND r.status = 'complete'");
	assert_true(rid > 0);
	return rid;
}

static void test_offer_survey(void **state)
{
	(void)state;
	long before = db_scalarf(&srv, "SELECT count(*) FROM service_draft");
	/* a provider the directory knows (the name as typed, in other case) */
	long rid = answer_offer_survey("jugendmigrationsdienst+mainz+%28beispiel%29");
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM service_draft"), before + 1);
	long draft = db_scalarf(&srv, "SELECT draft_id FROM survey_response WHERE id = %ld", rid);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM service_draft d JOIN organization o ON o.id = d.organization_id "
			       "WHERE d.id = %ld AND d.status = 'pending' AND d.service_id IS NULL AND d.submitted_by IS NULL "
			       "AND o.name = 'Jugendmigrationsdienst Mainz (Beispiel)' "
			       "AND json_extract(d.data, '$.minimum_age') = 16 AND json_extract(d.data, '$.maximum_age') = 27 "
			       "AND json_extract(d.data, '$.free_of_charge') = 1 "
			       "AND json_extract(d.data, '$.fees_description') = 'kostenlos'",
			       draft),
			 1);
	/* the editors' review lists and shows it */
	struct reply r;
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/pruefung", &r), 200);
	assert_contains(r.body.data, "Bewerbungswerkstatt für Geflüchtete");
	reply_free(&r);
	char p[80];
	snprintf(p, sizeof(p), "/intern/pruefung/%ld", draft);
	assert_int_equal(agent_fetch(&srv, &editor, p, &r), 200);
	assert_contains(r.body.data, "Wir üben Bewerbungen.");
	assert_contains(r.body.data, "dienstags 15-17 Uhr");
	/* field by field, as a partner's: each field taken by default, one can
	 * be left out or typed over */
	assert_contains(r.body.data, "id=\"feld-description\"");
	assert_contains(r.body.data, "name=\"wahl_name\" value=\"vorschlag\" checked");
	assert_contains(r.body.data, "Weglassen");
	assert_tidy(&srv, r.body.data, "the review of a survey's draft");
	reply_free(&r);
	char ok[96];
	snprintf(ok, sizeof(ok), "%s/freigeben", p);
	/* a new offer without a name is refused */
	assert_int_equal(agent_submit(&srv, &editor, ok, form("wahl_name", "bisher", NULL), &r), 422);
	assert_contains(r.body.data, "Ein Angebot braucht einen Namen.");
	reply_free(&r);
	/* the name typed over, the description left out, the rest taken */
	assert_int_equal(agent_submit(&srv, &editor, ok,
				      form("wahl_name", "eigener", "wert_name", "Bewerbungswerkstatt", "wahl_description",
					   "bisher", NULL),
				      &r),
			 303);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM service s JOIN service_draft d ON d.service_id = s.id "
					  "WHERE d.id = %ld AND d.status = 'approved' AND s.name = 'Bewerbungswerkstatt' AND "
					  "coalesce(s.description, '') = '' AND s.maximum_age = 27 AND s.minimum_age = 16",
				    draft),
			 1);
	/* a provider the directory does not know: no draft, the response kept */
	rid = answer_offer_survey("Unbekannter+Tr%C3%A4ger");
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM service_draft"), before + 1);
	assert_int_equal(db_scalarf(&srv, "SELECT draft_id IS NULL FROM survey_response WHERE id = %ld", rid), 1);
}

static void test_resume_limit(void **state)
{
	(void)state;
	struct agent a, b;
	struct reply r;
	assert_int_equal(agent_init(&a), 0);
	assert_int_equal(agent_init(&b), 0);
	assert_int_equal(agent_fetch(&srv, &a, "/umfrage/angebote-2027", &r), 200);
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &a, "/umfrage/angebote-2027", "aktion=start", &r), 303);
	reply_free(&r);
	char code[64], body[128];
	assert_int_equal(agent_cookie(&a, "umfrage_angebote-2027", code, sizeof(code)), 0);
	const char *path = "/umfrage/angebote-2027/fortsetzen";
	assert_int_equal(agent_fetch(&srv, &b, path, &r), 200);
	reply_free(&r);
	for (int i = 0; i < 10; i++) {
		assert_int_equal(agent_submit(&srv, &b, path, "code=AAAA-BBBB-CCCC-DDDD", &r), 422);
		reply_free(&r);
	}
	snprintf(body, sizeof(body), "code=%s", code);
	assert_int_equal(agent_submit(&srv, &b, path, body, &r), 429);
	assert_contains(r.body.data, "viele falsche Codes");
	reply_free(&r);
	agent_free(&a);
	agent_free(&b);
}

int main(int argc, char **argv)
{
	harness_bin = argc > 1 ? argv[1] : "./lotse";
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tags),
		cmocka_unit_test(test_xlsform_round_trip),
		cmocka_unit_test(test_offer_survey),
		cmocka_unit_test(test_resume_limit),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
