/* test_analysis_needs.c — the evidence loop's needs and gaps on the
 * group's server (test_analysis.c): cases made through the counselling
 * pages, a survey's responses and coded interviews, referrals declined or
 * dropped and matches without a fitting offer, each gap's numbers known
 * by construction. */
#include "test_analysis.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <curl/curl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void make_case(const char *stage, const char *group, const char *district, const char *langs, int stats,
		      char out[16])
{
	make_case_needing(stage, group, district, langs, "bewerbungstraining", stats, out);
}

void make_case_needing(const char *stage, const char *group, const char *district, const char *langs,
			      const char *needs, int stats, char out[16])
{
	struct reply r;
	/* the form first: it carries the CSRF token */
	assert_int_equal(agent_fetch(&srv, &counsellor, "/intern/beratung/neu", &r), 200);
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &counsellor, "/intern/beratung/neu",
				      form("name", "Testfall", "first_name", "Evidenz", "age_band", "16-17", "languages",
					   langs, "stage", stage, "target_group", group, "district", district, "needs",
					   needs, NULL),
				      &r),
			 303);
	const char *loc = reply_header(&r, "Location");
	assert_non_null(loc);
	assert_non_null(strstr(loc, "K-"));
	snprintf(out, 16, "%.6s", strstr(loc, "K-"));
	reply_free(&r);
	if (!stats)
		return;
	char p[96];
	snprintf(p, sizeof(p), "/intern/beratung/%s/einwilligungen", out);
	assert_int_equal(agent_submit(&srv, &counsellor, p, form("purpose", "statistics", "given_by", "self", NULL), &r), 303);
	reply_free(&r);
}

/* Needs from counselling, known by construction: six consenting cases
 * training/refugees/Bingen/Arabic (no offer there) and one without
 * consent; three consenting cases in Ingelheim (under 5: never shown),
 * and five in Mainz-Neustadt in German (seven offers there). */
void test_gaps_from_counselling(void **state)
{
	(void)state;
	struct reply r;
	/* no consenting case yet: no gap, and the page says so */
	assert_int_equal(agent_fetch(&srv, &researcher, "/intern/analyse/luecken", &r), 200);
	assert_not_contains(buf_str(&r.body), "Noch keine Quellen für Bedarfe");
	reply_free(&r);
	json_t *j = get_json(&researcher, "/intern/analyse/daten/luecken.json");
	assert_int_equal(json_array_size(json_object_get(json_object_get(j, "table"), "rows")), 0);
	json_decref(j);
	char ps[16];
	for (int k = 0; k < 6; k++)
		make_case("ausbildung", "gefluechtete", "bingen", "ar", 1, ps);
	make_case("ausbildung", "gefluechtete", "bingen", "ar", 0, ps);
	for (int k = 0; k < 3; k++)
		make_case("berufsorientierung", "gefluechtete", "ingelheim", "tr", 1, ps);
	for (int k = 0; k < 5; k++)
		make_case("ausbildung", "gefluechtete", "mainz-neustadt", "de", 1, ps);
	assert_int_equal(agent_fetch(&srv, &researcher, "/intern/analyse/luecken", &r), 200);
	const char *body = buf_str(&r.body);
	/* the kind of offer the cases need heads the sentence */
	assert_contains(body, "Bewerbungstraining (Übergangsphase Ausbildung) für Geflüchtete auf Arabisch in Bingen am "
			      "Rhein: 6 Bedarfe aus der Beratung; kein Angebot.");
	assert_contains(body, "Deutsch in Mainz-Neustadt: 5 Bedarfe aus der Beratung; 7 Angebote mit 70 Plätzen.");
	assert_not_contains(body, "in Ingelheim am Rhein:");
	assert_contains(body, "/intern/analyse/angebote?");
	/* Bingen (6 needs, no offer) ranks before Mainz-Neustadt (5 needs, 4 offers) */
	assert_true(strstr(body, "Bingen am Rhein: 6") < strstr(body, "Mainz-Neustadt: 5"));
	assert_tidy(&srv, body, "/intern/analyse/luecken");
	reply_free(&r);
	j = get_json(&researcher, "/intern/analyse/daten/luecken.json");
	json_t *rows = json_object_get(json_object_get(j, "table"), "rows");
	assert_int_equal(json_array_size(rows), 2);
	char *dump = json_dumps(j, 0);
	assert_null(strstr(dump, "Ingelheim"));
	free(dump);
	json_decref(j);
	assert_int_equal(agent_fetch(&srv, &researcher, "/intern/analyse/daten/luecken.csv", &r), 200);
	assert_contains(buf_str(&r.body), "kein Angebot");
	assert_not_contains(buf_str(&r.body), "Ingelheim");
	assert_not_contains(buf_str(&r.body), "(ohne Angabe)");
	reply_free(&r);
	/* the district filter keeps Bingen's gap alone */
	j = get_json(&researcher, "/intern/analyse/daten/luecken.json?ort=bingen");
	assert_int_equal(json_array_size(json_object_get(json_object_get(j, "table"), "rows")), 1);
	json_decref(j);
}

/* Needs from a survey and from interviews, known by construction: 20
 * responses from Bingen in Arabic, 8 needing Sprachförderung and 12
 * Mentoring (of 20 who answered: 40 % and 60 %); 3 from Mainz-Neustadt
 * needing Sprachförderung (under 5: no gap, nowhere); 6 interviews from
 * Bingen in Arabic coded "Sprachkurs fehlt" (mapped to Sprachförderung).
 * No offer in Bingen is of either kind. */
void test_gaps_from_surveys_and_interviews(void **state)
{
	(void)state;
	static const char *const setup[] = {
		"INSERT INTO survey(id, code, status, activated_at) VALUES (7001, 'bedarf-test', 'active', '2026-01-01')",
		"INSERT INTO survey_page(id, survey_id, pos) VALUES (7001, 7001, 0)",
		"INSERT INTO survey_question(id, survey_id, page_id, pos, code, type) VALUES (7001, 7001, 7001, 0, 'ort', "
		"'single'), (7002, 7001, 7001, 1, 'sprache', 'single'), (7003, 7001, 7001, 2, 'bedarf', 'multiple')",
		"INSERT INTO survey_option(id, question_id, kind, pos, code) VALUES (7101, 7001, 'option', 0, 'o1'), "
		"(7102, 7001, 'option', 1, 'o2'), (7201, 7002, 'option', 0, 'l1'), (7301, 7003, 'option', 0, 'b1'), "
		"(7302, 7003, 'option', 1, 'b2')",
		"INSERT INTO survey_tag(question_id, option_id, dim, term) VALUES (7001, 7101, 'district', 'bingen'), "
		"(7001, 7102, 'district', 'mainz-neustadt'), (7002, 7201, 'language', 'ar'), "
		"(7003, 7301, 'need', 'sprachfoerderung'), (7003, 7302, 'need', 'mentoring')",
		"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 23) INSERT INTO "
		"survey_response(id, survey_id, status, source, completed_at) SELECT 7000 + i, 7001, 'complete', 'import', "
		"'2026-03-01 10:00:00' FROM n",
		"INSERT INTO survey_answer(question_id, response_id, part, value) SELECT 7001, id, '', CASE WHEN id > 7020 "
		"THEN 'o2' ELSE 'o1' END FROM survey_response WHERE survey_id = 7001",
		"INSERT INTO survey_answer(question_id, response_id, part, value) SELECT 7002, id, '', 'l1' FROM "
		"survey_response WHERE survey_id = 7001",
		"INSERT INTO survey_answer(question_id, response_id, part, value) SELECT 7003, id, CASE WHEN id <= 7008 OR "
		"id > 7020 THEN 'b1' ELSE 'b2' END, 'Y' FROM survey_response WHERE survey_id = 7001",
		"INSERT INTO iv_project(id, guid, name) VALUES (7001, 'p-7001', 'Bedarfe')",
		"INSERT INTO iv_coder(id, project_id, guid, name) VALUES (7001, 7001, 'c-7001', 'Kodiererin')",
		"INSERT INTO iv_code(id, project_id, guid, name) VALUES (7001, 7001, 'k-7001', 'Sprachkurs fehlt')",
		"INSERT INTO iv_code_term(code_id, taxonomy, term) VALUES (7001, 'angebotsart', 'sprachfoerderung')",
		"INSERT INTO iv_var_term(project_id, name, value, dim, term) VALUES (7001, 'Ort', 'Bingen', 'district', "
		"'bingen'), (7001, 'Sprache', 'Arabisch', 'language', 'ar')",
		"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 6) INSERT INTO "
		"iv_document(id, project_id, guid, name, body, nchars) SELECT 7000 + i, 7001, 'd-' || i, 'Interview ' || i, "
		"'Es fehlt ein Sprachkurs.', 24 FROM n",
		"INSERT INTO iv_docvar(doc_id, name, value) SELECT id, 'Ort', 'Bingen' FROM iv_document WHERE project_id = 7001",
		"INSERT INTO iv_docvar(doc_id, name, value) SELECT id, 'Sprache', 'Arabisch' FROM iv_document WHERE "
		"project_id = 7001",
		"INSERT INTO iv_coding(doc_id, code_id, coder_id, guid, start, \"end\") SELECT id, 7001, 7001, 'g-' || id, 0, "
		"10 FROM iv_document WHERE project_id = 7001",
	};
	run_sql(setup, sizeof(setup) / sizeof(setup[0]));
	struct reply r;
	assert_int_equal(agent_fetch(&srv, &researcher, "/intern/analyse/luecken", &r), 200);
	const char *body = buf_str(&r.body);
	assert_contains(body, "Sprachförderung auf Arabisch in Bingen am Rhein: 8 Befragte mit diesem Bedarf, 40 % der "
			      "Befragten dieser Gruppe, 6 Interviews, in denen der Bedarf vorkommt; kein Angebot.");
	assert_contains(body, "Mentoring auf Arabisch in Bingen am Rhein: 12 Befragte mit diesem Bedarf, 60 % der "
			      "Befragten dieser Gruppe; kein Angebot.");
	assert_contains(body, "href=\"/intern/umfragen/bedarf-test/auswertung\"");
	/* 14 needs (8 + 6) rank before 12 */
	assert_true(strstr(body, "Sprachförderung auf Arabisch") < strstr(body, "Mentoring auf Arabisch"));
	assert_not_contains(body, "Sprachförderung auf Arabisch in Mainz-Neustadt");
	assert_tidy(&srv, body, "/intern/analyse/luecken");
	reply_free(&r);
	json_t *j = get_json(&researcher, "/intern/analyse/daten/luecken.json");
	json_t *rows = json_object_get(json_object_get(j, "table"), "rows"), *row;
	size_t i;
	int seen = 0;
	json_array_foreach(rows, i, row)
	{
		const char *gap = json_string_value(json_object_get(row, "luecke"));
		assert_null(strstr(gap, "Sprachförderung auf Arabisch in Mainz"));
		if (strncmp(gap, "Sprachförderung auf Arabisch in Bingen", 38) == 0) {
			assert_int_equal(int_of(row, "bedarfe"), 14);
			assert_int_equal(int_of(row, "angebote"), 0);
			seen++;
		}
	}
	assert_int_equal(seen, 1);
	json_decref(j);
	/* the date filter: responses of March 2026 only; interviews undated count */
	j = get_json(&researcher, "/intern/analyse/daten/luecken.json?von=2026-04-01");
	char *dump = json_dumps(j, 0);
	assert_null(strstr(dump, "Befragte"));
	assert_non_null(strstr(dump, "6 Interviews"));
	free(dump);
	json_decref(j);
}

/* Needs from counselling's referrals and matching, known by
 * construction: each of the seven Bingen cases (six consenting) has a
 * referral to a Berufsorientierung offer declined "Angebot zu weit weg"
 * (spelt two ways); each of the five Mainz-Neustadt cases one to a
 * Bewerbungstraining offer dropped, four "Kein Platz frei" and one
 * naming a person (both under 5: counted, not named; besides the six
 * declined of the tests before); five consenting
 * cases studying, women, in Budenheim, needing Elternarbeit, and one
 * without consent, whose matching offers page finds nothing fitting. */
void test_gaps_from_referrals_and_matching(void **state)
{
	(void)state;
	static const char *const setup[] = {
		"INSERT INTO counsel_referral(case_id, service_id, org_id, service_name, status, created_on) SELECT c.id, "
		"s.id, s.organization_id, s.name, CASE c.district WHEN 'bingen' THEN 'declined' ELSE 'dropped' END, "
		"'2026-03-01' FROM counsel_case c JOIN service s ON s.name = CASE c.district WHEN 'bingen' THEN "
		"'Ingelheim Orientierung 2' ELSE 'Neustadt Ausbildung 2' END WHERE c.district IN ('bingen', "
		"'mainz-neustadt')",
		"INSERT INTO counsel_referral_step(referral_id, status, on_day, reason, by_user) SELECT r.id, r.status, "
		"'2026-03-02', CASE WHEN r.status = 'declined' AND r.id % 3 <> 0 THEN 'Angebot zu weit weg' WHEN r.status = "
		"'declined' THEN ' angebot zu  weit weg.' WHEN r.id = (SELECT max(id) FROM counsel_referral) THEN 'Herr Ö. "
		"hat abgesagt' ELSE 'Kein Platz frei' END, 1 FROM counsel_referral r WHERE r.created_on = '2026-03-01'",
	};
	run_sql(setup, sizeof(setup) / sizeof(setup[0]));
	char ps[16], path[96];
	struct reply r;
	for (int k = 0; k < 6; k++) {
		make_case_needing("studium", "frauen", "budenheim", "ar", "elternarbeit", k < 5, ps);
		snprintf(path, sizeof(path), "/intern/beratung/%s/passende-angebote", ps);
		for (int twice = 0; twice < (k == 0 ? 2 : 1); twice++) {
			assert_int_equal(agent_fetch(&srv, &counsellor, path, &r), 200);
			reply_free(&r);
		}
	}
	/* one a day for each case, the one without consent too (not counted) */
	assert_int_equal(db_scalar(&srv, "SELECT count(*) FROM counsel_unmatched"), 6);
	assert_int_equal(agent_fetch(&srv, &researcher, "/intern/analyse/luecken", &r), 200);
	const char *body = buf_str(&r.body);
	/* under the kind of the offer referred to (Berufsorientierung, of
	 * which Bingen has none), apart from the cases' own need
	 * (Bewerbungstraining: test_gaps_from_counselling's gap, unchanged) */
	assert_contains(body, "Berufsorientierung (Übergangsphase Ausbildung) für Geflüchtete auf Arabisch in Bingen am "
			      "Rhein: 6 Vermittlungen zu Berufsorientierung abgelehnt: Angebot zu weit weg; kein Angebot.");
	assert_contains(body, "Bewerbungstraining (Übergangsphase Ausbildung) für Geflüchtete auf Arabisch in Bingen am "
			      "Rhein: 6 Bedarfe aus der Beratung; kein Angebot.");
	/* 6 declined (test_outcomes, test_cliff_referrals: no reason given)
	 * and 5 dropped, all to Neustadt's Bewerbungstraining, their reasons
	 * each under 5: counted, not named; the gap adds them to the 5 cases
	 * needing it (16), against the 7 offers of that kind there */
	assert_contains(body, "Bewerbungstraining (Übergangsphase Ausbildung) für Geflüchtete auf Deutsch in "
			      "Mainz-Neustadt: 5 Bedarfe aus der Beratung, 6 Vermittlungen zu Bewerbungstraining "
			      "abgelehnt, 5 Vermittlungen zu Bewerbungstraining abgebrochen; 7 Angebote mit 70 Plätzen.");
	/* every referral here names the kind of its offer */
	assert_not_contains(body, " Vermittlungen abgelehnt");
	assert_not_contains(body, " Vermittlungen abgebrochen");
	assert_not_contains(body, "Kein Platz frei");
	assert_not_contains(body, "Herr Ö.");
	assert_contains(body, "Elternarbeit (Übergangsphase Studium) für Frauen auf Arabisch in Budenheim: 5 Bedarfe aus "
			      "der Beratung, 5 Beratungsfälle ohne passendes Angebot; kein Angebot.");
	assert_tidy(&srv, body, "/intern/analyse/luecken");
	reply_free(&r);
	/* the JSON names the kind in its own column, as the taxonomy does */
	json_t *j = get_json(&researcher, "/intern/analyse/daten/luecken.json");
	json_t *row = find_row(json_object_get(j, "table"), "angebotsart", "Berufsorientierung", NULL, NULL, NULL, NULL,
			       NULL, NULL);
	assert_non_null(row);
	assert_int_equal(int_of(row, "bedarfe"), 6);
	assert_int_equal(int_of(row, "angebote"), 0);
	json_decref(j);
	/* the same in the CSV; the date filter leaves the March referrals out */
	assert_int_equal(agent_fetch(&srv, &researcher, "/intern/analyse/daten/luecken.csv", &r), 200);
	assert_contains(buf_str(&r.body), "6 Vermittlungen zu Berufsorientierung abgelehnt: Angebot zu weit weg");
	assert_not_contains(buf_str(&r.body), "Herr Ö.");
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &researcher, "/intern/analyse/daten/luecken.csv?von=2026-04-01", &r), 200);
	assert_not_contains(buf_str(&r.body), "abgelehnt: Angebot zu weit weg");
	reply_free(&r);
}
