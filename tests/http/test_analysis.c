/* test_analysis.c — the evidence loop on a real server: a directory
 * imported from a fixture whose counts are known by construction (7 offers
 * for training in Mainz-Neustadt, 3 of them also in Arabic; 2 school
 * offers in Bingen; 5 career-orientation offers in Ingelheim; one offer
 * that ended and is left out), then the coverage and its cell's offers,
 * the date and district filters, funding and the funding cliff, the
 * exports (CSV, XLSX, JSON, audited), the gap page without sources, the
 * monthly snapshot and the comparison of two dates, `lotse analyse`, who
 * may open the pages, and that no count under 5 is ever shown publicly:
 * not in the page, not in the CSV, not in the JSON. */
#include "harness.h"
#include "recompute.h"

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
#include <time.h>

#define PW "Rheinhessen-Analyse-2026"

static struct server srv;
static struct agent anon, researcher, editor, counsellor;

static int add_user(const char *email, const char *role)
{
	buf out;
	buf_init(&out, 0);
	int rc = run_lotse_input(PW "\n", &out, "user", "add", "--db", srv.db, "--email", email, "--role", role,
				 "--password-stdin", NULL);
	if (rc != 0)
		fprintf(stderr, "lotse user add: %s\n", buf_str(&out));
	buf_free(&out);
	return rc;
}

/* The fixture: every count below follows from these rows. */
static int import_fixture(void)
{
	char path[400];
	snprintf(path, sizeof(path), "%s/fixture.csv", srv.dir);
	FILE *f = fopen(path, "w");
	if (!f)
		return -1;
	fputs("Träger;Angebot;Übergangsphase;Zielgruppe;Stadtteil/Ort;Sprachen;Kapazität;Förderung;Status;kostenlos;"
	      "Angebotsart\n",
	      f);
	for (int k = 1; k <= 7; k++)
		fprintf(f, "Träger Eins;Neustadt Ausbildung %d;ausbildung;gefluechtete;mainz-neustadt;%s;10;Land;aktiv;ja;"
			"Bewerbungstraining\n", k,
			k >= 5 ? "de, ar" : "de");
	for (int k = 1; k <= 2; k++)
		fprintf(f, "Träger Zwei;Bingen Schule %d;schule;schuelerinnen;bingen;de;4;;aktiv;nein;Lernförderung/Nachhilfe\n", k);
	for (int k = 1; k <= 5; k++)
		fprintf(f, "Träger Drei;Ingelheim Orientierung %d;berufsorientierung;gefluechtete;ingelheim;tr;2;EU/ESF;aktiv;ja;"
			"Berufsorientierung\n",
			k);
	fputs("Träger Eins;Neustadt Ausbildung alt;ausbildung;gefluechtete;mainz-neustadt;de;10;Land;eingestellt;ja;"
	      "Bewerbungstraining\n", f);
	fclose(f);
	buf out;
	buf_init(&out, 0);
	int rc = run_lotse(&out, "import", "offers", "--db", srv.db, path, NULL);
	if (rc != 0)
		fprintf(stderr, "lotse import offers: %s\n", buf_str(&out));
	buf_free(&out);
	return rc;
}

/* A schedule ending on day for the offer called name. */
static int offer_ends(const char *id, const char *name, const char *day)
{
	char sql[400];
	snprintf(sql, sizeof(sql),
		 "INSERT INTO schedule(id, service_id, valid_from, valid_to) SELECT '%s', id, '2019-01-01', '%s' "
		 "FROM service WHERE name = '%s'",
		 id, day, name);
	return db_scalar(&srv, sql) == 0 ? 0 : -1;
}

static void day_from_now(int days, char out[11])
{
	time_t t = time(NULL) + (time_t)days * 86400;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

static int group_setup(void **state)
{
	(void)state;
	if (server_start_plain(&srv, NULL) != 0 || agent_init(&anon) != 0 || agent_init(&researcher) != 0 ||
	    agent_init(&editor) != 0 || agent_init(&counsellor) != 0)
		return -1;
	if (add_user("forschung@example.org", "researcher") != 0 || add_user("redaktion@example.org", "editor") != 0 ||
	    add_user("beratung@example.org", "counsellor") != 0 || import_fixture() != 0)
		return -1;
	/* two training offers ended in 2020; one ends in 60 days, one in two years */
	char soon[11], later[11];
	day_from_now(60, soon);
	day_from_now(730, later);
	if (offer_ends("s1", "Neustadt Ausbildung 1", "2020-01-31") != 0 ||
	    offer_ends("s2", "Neustadt Ausbildung 2", "2020-01-31") != 0 ||
	    offer_ends("s3", "Neustadt Ausbildung 3", soon) != 0 || offer_ends("s4", "Neustadt Ausbildung 4", later) != 0)
		return -1;
	if (agent_login(&srv, &researcher, "forschung@example.org", PW) != 303 ||
	    agent_login(&srv, &editor, "redaktion@example.org", PW) != 303 ||
	    agent_login(&srv, &counsellor, "beratung@example.org", PW) != 303)
		return -1;
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	return harness_group_teardown(&srv, &anon, &researcher, &editor, &counsellor, NULL);
}

/* GET path as ag and parse the JSON body (status 200 asserted). */
static json_t *get_json(struct agent *ag, const char *path)
{
	struct reply r;
	assert_int_equal(agent_fetch(&srv, ag, path, &r), 200);
	const char *type = reply_header(&r, "Content-Type");
	assert_non_null(type);
	assert_string_equal(type, "application/json");
	json_error_t err;
	json_t *j = json_loads(buf_str(&r.body), 0, &err);
	if (!j)
		fail_msg("%s: not JSON: %s", path, err.text);
	reply_free(&r);
	return j;
}

/* The row of a JSON table whose keys k1 (and k2, k3, k4, when not NULL)
 * have the values given, or NULL. */
static json_t *find_row(json_t *table, const char *k1, const char *v1, const char *k2, const char *v2, const char *k3,
			const char *v3, const char *k4, const char *v4)
{
	json_t *rows = json_object_get(table, "rows"), *row;
	size_t i;
	json_array_foreach(rows, i, row)
	{
		const char *k[4] = { k1, k2, k3, k4 }, *v[4] = { v1, v2, v3, v4 };
		int ok = 1;
		for (int x = 0; x < 4 && ok; x++)
			if (k[x]) {
				const char *s = json_string_value(json_object_get(row, k[x]));
				ok = s && strcmp(s, v[x]) == 0;
			}
		if (ok)
			return row;
	}
	return NULL;
}

static long int_of(json_t *row, const char *key)
{
	json_t *v = json_object_get(row, key);
	if (!json_is_integer(v))
		fail_msg("%s is not a number", key);
	return (long)json_integer_value(v);
}

static void test_coverage_counts(void **state)
{
	(void)state;
	json_t *j = get_json(&researcher, "/intern/analyse/daten/abdeckung.json");
	json_t *t = json_object_get(j, "table");
	json_t *row = find_row(t, "phase", "Ausbildung", "ort", "Mainz-Neustadt", "sprache", "Deutsch", NULL, NULL);
	assert_non_null(row);
	assert_int_equal(int_of(row, "angebote"), 7); /* the offer that ended is not counted */
	assert_int_equal(int_of(row, "plaetze"), 70);
	assert_int_equal(int_of(row, "kostenfrei"), 7);
	assert_int_equal(int_of(row, "gefoerdert"), 7);
	row = find_row(t, "phase", "Ausbildung", "ort", "Mainz-Neustadt", "sprache", "Arabisch", NULL, NULL);
	assert_int_equal(int_of(row, "angebote"), 3);
	row = find_row(t, "phase", "Schule", "ort", "Bingen am Rhein", "sprache", "Deutsch", NULL, NULL);
	assert_int_equal(int_of(row, "angebote"), 2);
	assert_int_equal(int_of(row, "gefoerdert"), 0);
	assert_int_equal(json_array_size(json_object_get(t, "rows")), 4);
	json_decref(j);
	/* the page: the total, the heat map's number linking to its offers */
	struct reply r;
	assert_int_equal(agent_fetch(&srv, &researcher, "/intern/analyse", &r), 200);
	assert_contains(buf_str(&r.body), "14 Angebote mit 88 Plätzen");
	/* the bars by place, with their table: Mainz-Neustadt's 7 offers */
	assert_contains(buf_str(&r.body), "<figcaption>Angebote nach Ort: Angebote</figcaption><svg class=\"chart-bars\"");
	assert_contains(buf_str(&r.body), "<summary>Als Tabelle</summary>");
	assert_contains(buf_str(&r.body), ">Mainz-Neustadt</text><rect x=\"200\" y=\"");
	assert_contains(buf_str(&r.body), "\"></rect><text x=\"");
	assert_contains(buf_str(&r.body), "class=\"num heat heat-5\"><a href=\"/intern/analyse/angebote?phase=ausbildung&amp;ort=mainz-neustadt\">7</a>");
	assert_tidy(&srv, buf_str(&r.body), "/intern/analyse");
	reply_free(&r);
}

/* The Bingen school offers in the coverage's JSON, asked n times (so
 * that every worker thread, with the offers it keeps, answers). */
static void assert_bingen_schools(long want, int n)
{
	for (int k = 0; k < n; k++) {
		json_t *j = get_json(&researcher, "/intern/analyse/daten/abdeckung.json?ort=bingen");
		json_t *row = find_row(json_object_get(j, "table"), "phase", "Schule", NULL, NULL, NULL, NULL, NULL, NULL);
		assert_non_null(row);
		assert_int_equal(int_of(row, "angebote"), want);
		json_decref(j);
	}
}

/* The offers are kept between requests (cache.c): a change made by
 * another connection shows at the next request, and so does undoing it. */
static void test_change_shows_at_once(void **state)
{
	(void)state;
	assert_bingen_schools(2, 6);
	assert_int_equal(db_scalar(&srv, "UPDATE service SET archived = 1 WHERE name = 'Bingen Schule 2'"), 0);
	assert_bingen_schools(1, 6);
	assert_int_equal(db_scalar(&srv, "UPDATE service SET archived = 0 WHERE name = 'Bingen Schule 2'"), 0);
	assert_bingen_schools(2, 6);
}

static void test_cell_offers(void **state)
{
	(void)state;
	struct reply r;
	assert_int_equal(agent_fetch(&srv, &researcher,
				     "/intern/analyse/angebote?phase=ausbildung&gruppe=gefluechtete&ort=mainz-neustadt&sprache=ar",
				     &r),
			 200);
	const char *b = buf_str(&r.body);
	assert_contains(b, "3 Angebote");
	assert_contains(b, "Neustadt Ausbildung 5");
	assert_contains(b, "Neustadt Ausbildung 7");
	assert_not_contains(b, "Neustadt Ausbildung 4");
	assert_not_contains(b, "Neustadt Ausbildung alt");
	assert_tidy(&srv, b, "a cell's offers");
	reply_free(&r);
	/* "-": the offers that state none (here: none at all) */
	assert_int_equal(agent_fetch(&srv, &researcher, "/intern/analyse/angebote?ort=-", &r), 200);
	assert_contains(buf_str(&r.body), "0 Angebote");
	reply_free(&r);
}

static void test_filters(void **state)
{
	(void)state;
	/* from 2021 on: the two offers that ended in 2020 are left out */
	json_t *j = get_json(&researcher, "/intern/analyse/daten/abdeckung.json?von=2021-01-01&ort=mainz-neustadt");
	json_t *t = json_object_get(j, "table");
	assert_int_equal(int_of(find_row(t, "sprache", "Deutsch", NULL, NULL, NULL, NULL, NULL, NULL), "angebote"), 5);
	assert_int_equal(json_array_size(json_object_get(t, "rows")), 2);
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "filters"), "ort")), "mainz-neustadt");
	json_decref(j);
	/* up to 2019-06: the offers without dates and the two that ran then */
	j = get_json(&researcher, "/intern/analyse/daten/kreuztabelle.json?bis=2018-12-31&zeilen=ort&spalten=phase");
	t = json_object_get(j, "table");
	assert_int_equal(int_of(find_row(t, "ort", "Mainz-Neustadt", NULL, NULL, NULL, NULL, NULL, NULL), "ausbildung"), 3);
	assert_int_equal(int_of(find_row(t, "ort", "Ingelheim am Rhein", NULL, NULL, NULL, NULL, NULL, NULL),
				"berufsorientierung"),
			 5);
	json_decref(j);
	/* a bad date is said at its field, nothing breaks */
	struct reply r;
	assert_int_equal(agent_fetch(&srv, &researcher, "/intern/analyse?von=2027-13-01&bis=2027-01-01", &r), 200);
	assert_contains(buf_str(&r.body), "Bitte ein Datum wie 2027-01-31 angeben.");
	assert_contains(buf_str(&r.body), "href=\"#f-von\"");
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &researcher, "/intern/analyse?von=2027-02-01&bis=2027-01-01", &r), 200);
	assert_contains(buf_str(&r.body), "Das Ende liegt vor dem Beginn.");
	reply_free(&r);
}

static void test_funding_and_cliff(void **state)
{
	(void)state;
	json_t *j = get_json(&editor, "/intern/analyse/daten/foerderung.json");
	json_t *t = json_object_get(j, "table");
	json_t *row = find_row(t, "art", "Förderer", "name", "Land", NULL, NULL, NULL, NULL);
	assert_int_equal(int_of(row, "angebote"), 7);
	assert_int_equal(int_of(row, "plaetze"), 70);
	row = find_row(t, "art", "Förderer", "name", "EU/ESF", NULL, NULL, NULL, NULL);
	assert_int_equal(int_of(row, "angebote"), 5);
	assert_int_equal(int_of(row, "plaetze"), 10);
	json_decref(j);
	/* the cliff: the one ending in 60 days, not the one in two years or those past */
	j = get_json(&editor, "/intern/analyse/daten/foerderende.json");
	t = json_object_get(j, "table");
	json_t *rows = json_object_get(t, "rows");
	assert_int_equal(json_array_size(rows), 1);
	assert_string_equal(json_string_value(json_object_get(json_array_get(rows, 0), "angebot")), "Neustadt Ausbildung 3");
	assert_int_equal(int_of(json_array_get(rows, 0), "plaetze"), 10);
	json_decref(j);
	struct reply r;
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/analyse/foerderung", &r), 200);
	assert_contains(buf_str(&r.body), "1 Angebot mit 10 Plätzen endet.");
	assert_tidy(&srv, buf_str(&r.body), "/intern/analyse/foerderung");
	reply_free(&r);
}

static void test_exports(void **state)
{
	(void)state;
	long before = db_scalar(&srv, "SELECT count(*) FROM audit_log WHERE action = 'analysis_export'");
	struct reply r;
	assert_int_equal(agent_fetch(&srv, &researcher, "/intern/analyse/daten/abdeckung.xlsx?ort=bingen", &r), 200);
	assert_string_equal(reply_header(&r, "Content-Type"),
			    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
	assert_true(r.body.len > 1000);
	assert_memory_equal(r.body.data, "PK\003\004", 4);
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &researcher, "/intern/analyse/daten/abdeckung.csv?ort=bingen", &r), 200);
	assert_string_equal(buf_str(&r.body), "Übergangsphase,Zielgruppe,Ort,Sprache,Angebote,Plätze,ohne Platzangabe,"
					      "kostenfrei,mit Förderung\r\n"
					      "Schule,Schüler:innen,Bingen am Rhein,Deutsch,2,8,0,0,0\r\n");
	assert_contains(reply_header(&r, "Content-Disposition"), "abdeckung.csv");
	reply_free(&r);
	assert_int_equal(db_scalar(&srv, "SELECT count(*) FROM audit_log WHERE action = 'analysis_export'"), before + 2);
	/* an unknown table or format */
	assert_int_equal(agent_fetch(&srv, &researcher, "/intern/analyse/daten/benutzer.csv", &r), 404);
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &researcher, "/intern/analyse/daten/abdeckung.pdf", &r), 404);
	reply_free(&r);
}

/* Run the statements sql[0..n) on the test's database, each must succeed. */
static void run_sql(const char *const *sql, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (db_scalar(&srv, sql[i]) != 0)
			fail_msg("setup %zu failed: %s", i, sql[i]);
}

/* A case made through the counselling pages, with consent to statistics
 * when stats; its pseudonym into out. */
static void make_case_needing(const char *stage, const char *group, const char *district, const char *langs,
			      const char *needs, int stats, char out[16]);

static void make_case(const char *stage, const char *group, const char *district, const char *langs, int stats,
		      char out[16])
{
	make_case_needing(stage, group, district, langs, "bewerbungstraining", stats, out);
}

static void make_case_needing(const char *stage, const char *group, const char *district, const char *langs,
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
static void test_gaps_from_counselling(void **state)
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

/* Outcomes, known by construction on the cases of the gaps test: the
 * seven Bingen cases (six consenting) completed a referral to "Neustadt
 * Ausbildung 1" and were in training at 6 months; of the five
 * Mainz-Neustadt cases four started one and one was declined; the three
 * Ingelheim cases started one to "Ingelheim Orientierung 1" (under 5). */
/* Needs from a survey and from interviews, known by construction: 20
 * responses from Bingen in Arabic, 8 needing Sprachförderung and 12
 * Mentoring (of 20 who answered: 40 % and 60 %); 3 from Mainz-Neustadt
 * needing Sprachförderung (under 5: no gap, nowhere); 6 interviews from
 * Bingen in Arabic coded "Sprachkurs fehlt" (mapped to Sprachförderung).
 * No offer in Bingen is of either kind. */
static void test_gaps_from_surveys_and_interviews(void **state)
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

static void test_outcomes(void **state)
{
	(void)state;
#define REF                                                                                                   \
	"INSERT INTO counsel_referral(case_id, service_id, org_id, service_name, status, created_on) SELECT c.id, " \
	"s.id, s.organization_id, s.name, '%s', '2026-01-10' FROM counsel_case c, service s WHERE c.district = "   \
	"'%s' AND s.name = '%s'"
	char sql[600];
	snprintf(sql, sizeof(sql), REF, "completed", "bingen", "Neustadt Ausbildung 1");
	assert_int_equal(db_scalar(&srv, sql), 0);
	snprintf(sql, sizeof(sql), REF, "started", "mainz-neustadt", "Neustadt Ausbildung 1");
	assert_int_equal(db_scalar(&srv, sql), 0);
	snprintf(sql, sizeof(sql), REF, "started", "ingelheim", "Ingelheim Orientierung 1");
	assert_int_equal(db_scalar(&srv, sql), 0);
	assert_int_equal(db_scalar(&srv, "UPDATE counsel_referral SET status = 'declined' WHERE id = (SELECT max(r.id) FROM "
					  "counsel_referral r JOIN counsel_case c ON c.id = r.case_id WHERE c.district = "
					  "'mainz-neustadt')"),
			 0);
	assert_int_equal(db_scalar(&srv, "INSERT INTO counsel_outcome(case_id, referral_id, months, due_on, result, "
					  "recorded_on) SELECT case_id, id, 6, '2026-07-10', 'apprenticeship', '2026-07-10' "
					  "FROM counsel_referral WHERE status = 'completed'"),
			 0);
	struct reply r;
	assert_int_equal(agent_fetch(&srv, &researcher, "/intern/analyse/ergebnisse", &r), 200);
	const char *body = buf_str(&r.body);
	/* 11 referred and 10 started would show the one who did not start:
	 * the 10 is hidden, and with it its share; 3 + 11 = 14 would give the
	 * 3 away: the 11 is hidden, and with it the share completed */
	assert_not_contains(body, "91 % (62–98)");
	assert_not_contains(body, "55 % (28–79)");
	assert_contains(body, "100 % (61–100)");
	assert_tidy(&srv, body, "/intern/analyse/ergebnisse");
	reply_free(&r);
	json_t *j = get_json(&researcher, "/intern/analyse/daten/ergebnisse.json");
	json_t *rows = json_object_get(json_object_get(j, "table"), "rows");
	assert_int_equal(json_array_size(rows), 3);
	json_t *ing = json_array_get(rows, 0), *neu = json_array_get(rows, 1), *all = json_array_get(rows, 2);
	assert_string_equal(json_string_value(json_object_get(ing, "was")), "Ingelheim Orientierung 1");
	assert_string_equal(json_string_value(json_object_get(ing, "vermittlungen")), "< 5");
	assert_string_equal(json_string_value(json_object_get(ing, "begonnen_anteil")), "");
	assert_string_equal(json_string_value(json_object_get(neu, "vermittlungen")), "•");
	assert_string_equal(json_string_value(json_object_get(neu, "begonnen")), "•");
	assert_string_equal(json_string_value(json_object_get(neu, "begonnen_anteil")), "");
	assert_int_equal(json_integer_value(json_object_get(neu, "abgeschlossen")), 6);
	assert_string_equal(json_string_value(json_object_get(neu, "abgeschlossen_anteil")), "");
	assert_string_equal(json_string_value(json_object_get(all, "was")), "Insgesamt");
	assert_int_equal(json_integer_value(json_object_get(all, "vermittlungen")), 14);
	assert_string_equal(json_string_value(json_object_get(all, "begonnen")), "•");
	assert_int_equal(json_integer_value(json_object_get(all, "abgeschlossen")), 6);
	assert_int_equal(json_integer_value(json_object_get(neu, "bekannt_6")), 6);
	assert_string_equal(json_string_value(json_object_get(neu, "ausbildung_6")), "100 % (61–100)");
	assert_string_equal(json_string_value(json_object_get(neu, "eq_6")), "");
	json_decref(j);
	/* what followed at 12 months: Bingen's six in work, Neustadt's five in
	 * an EQ, one of them recorded twice (counts once); "unknown" is no result */
	assert_int_equal(db_scalar(&srv, "INSERT INTO counsel_outcome(case_id, referral_id, months, due_on, result, "
					  "recorded_on) SELECT r.case_id, r.id, 12, '2027-01-10', CASE c.district WHEN "
					  "'bingen' THEN 'job' ELSE 'eq' END, '2027-01-10' FROM counsel_referral r JOIN "
					  "counsel_case c ON c.id = r.case_id WHERE r.service_name = 'Neustadt Ausbildung 1'"),
			 0);
	assert_int_equal(db_scalar(&srv, "INSERT INTO counsel_outcome(case_id, referral_id, months, due_on, result, "
					  "recorded_on) SELECT case_id, id, 12, '2027-01-10', 'eq', '2027-01-10' FROM "
					  "counsel_referral WHERE status = 'declined'"),
			 0);
	assert_int_equal(db_scalar(&srv, "INSERT INTO counsel_outcome(case_id, referral_id, months, due_on, result) "
					  "SELECT case_id, id, 12, '2027-01-10', 'unknown' FROM counsel_referral WHERE "
					  "service_name = 'Ingelheim Orientierung 1'"),
			 0);
	j = get_json(&researcher, "/intern/analyse/daten/ergebnisse.json");
	rows = json_object_get(json_object_get(j, "table"), "rows");
	ing = json_array_get(rows, 0);
	neu = json_array_get(rows, 1);
	assert_int_equal(json_integer_value(json_object_get(neu, "bekannt_12")), 11);
	assert_string_equal(json_string_value(json_object_get(neu, "arbeit_12")), "55 % (28–79)");
	assert_string_equal(json_string_value(json_object_get(neu, "eq_12")), "45 % (21–72)");
	assert_string_equal(json_string_value(json_object_get(neu, "ausbildung_12")), "");
	assert_string_equal(json_string_value(json_object_get(neu, "nichts_12")), "");
	assert_int_equal(json_integer_value(json_object_get(ing, "bekannt_12")), 0);
	json_decref(j);
	/* the printed report has them: the shares, what followed at 12 months */
	assert_int_equal(agent_fetch(&srv, &researcher, "/intern/analyse/bericht", &r), 200);
	body = buf_str(&r.body);
	assert_contains(body, "<h2>Ergebnisse der Vermittlungen</h2>");
	assert_contains(body, "in Arbeit nach 12 Monaten");
	assert_contains(body, "55 % (28–79)");
	assert_contains(body, "45 % (21–72)");
	assert_tidy(&srv, body, "/intern/analyse/bericht");
	reply_free(&r);
	/* by group: all fourteen consenting cases are refugees */
	j = get_json(&researcher, "/intern/analyse/daten/ergebnisse-gruppe.json");
	rows = json_object_get(json_object_get(j, "table"), "rows");
	assert_int_equal(json_array_size(rows), 2);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(rows, 0), "vermittlungen")), 14);
	assert_string_equal(json_string_value(json_object_get(json_array_get(rows, 0), "begonnen")), "•");
	json_decref(j);
	/* by language: Turkish has 3, suppressed, in CSV too */
	struct reply c;
	assert_int_equal(agent_fetch(&srv, &researcher, "/intern/analyse/daten/ergebnisse-sprache.csv", &c), 200);
	assert_contains(buf_str(&c.body), "Türkisch,< 5,< 5,,0,");
	reply_free(&c);
	buf out;
	buf_init(&out, 0);
	assert_int_equal(run_lotse(&out, "analyse", "outcomes", "--db", srv.db, "--json", NULL), 0);
	assert_contains(buf_str(&out), "100 % (61–100)");
	assert_not_contains(buf_str(&out), "91 % (62–98)");
	assert_contains(buf_str(&out), "ergebnisse-sprache");
	buf_free(&out);
}

/* The funding cliff with the running referrals of consenting cases that
 * depend on each offer: none, then "< 5", then 6 (Bingen's six consenting
 * cases; its case without consent and declined referrals do not count). */
static void test_cliff_referrals(void **state)
{
	(void)state;
#define CLIFF_REF                                                                                               \
	"INSERT INTO counsel_referral(case_id, service_id, org_id, service_name, status, created_on) SELECT c.id, " \
	"s.id, s.organization_id, s.name, '%s', '2026-02-10' FROM counsel_case c, service s WHERE c.district = "   \
	"'%s' AND s.name = 'Neustadt Ausbildung 3'"
	static const struct {
		const char *status, *district, *want;
	} steps[] = {
		{ "declined", "mainz-neustadt", "0" },
		{ "sent", "ingelheim", "< 5" },
		{ "accepted", "bingen", "9" },
	};
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		char sql[600];
		snprintf(sql, sizeof(sql), CLIFF_REF, steps[i].status, steps[i].district);
		assert_int_equal(db_scalar(&srv, sql), 0);
		json_t *j = get_json(&editor, "/intern/analyse/daten/foerderende.json");
		json_t *rows = json_object_get(json_object_get(j, "table"), "rows");
		assert_int_equal(json_array_size(rows), 1);
		json_t *v = json_object_get(json_array_get(rows, 0), "vermittlungen");
		char got[32];
		if (json_is_integer(v))
			snprintf(got, sizeof(got), "%lld", (long long)json_integer_value(v));
		else
			snprintf(got, sizeof(got), "%s", json_is_string(v) ? json_string_value(v) : "?");
		assert_string_equal(got, steps[i].want);
		json_decref(j);
	}
	struct reply r;
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/analyse/foerderung", &r), 200);
	assert_contains(buf_str(&r.body), "laufende Vermittlungen");
	reply_free(&r);
}

/* Needs from counselling's referrals and matching, known by
 * construction: each of the seven Bingen cases (six consenting) has a
 * referral declined "Angebot zu weit weg" (spelt two ways); each of the
 * five Mainz-Neustadt cases one dropped, four "Kein Platz frei" and one
 * naming a person (both under 5: counted, not named; besides the six
 * declined of the tests before); five consenting
 * cases studying, women, in Budenheim, needing Elternarbeit, and one
 * without consent, whose matching offers page finds nothing fitting. */
static void test_gaps_from_referrals_and_matching(void **state)
{
	(void)state;
	static const char *const setup[] = {
		"INSERT INTO counsel_referral(case_id, service_id, org_id, service_name, status, created_on) SELECT c.id, "
		"s.id, s.organization_id, s.name, CASE c.district WHEN 'bingen' THEN 'declined' ELSE 'dropped' END, "
		"'2026-03-01' FROM counsel_case c, service s WHERE c.district IN ('bingen', 'mainz-neustadt') AND s.name = "
		"'Neustadt Ausbildung 2'",
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
	assert_contains(body, "Ausbildung für Geflüchtete auf Arabisch in Bingen am Rhein: 6 Vermittlungen abgelehnt: "
			      "Angebot zu weit weg; kein Angebot.");
	/* 6 declined (test_outcomes, test_cliff_referrals: no reason given)
	 * and 5 dropped, their reasons each under 5: counted, not named */
	assert_contains(body, "Ausbildung für Geflüchtete auf Deutsch in Mainz-Neustadt: 6 Vermittlungen abgelehnt, "
			      "5 Vermittlungen abgebrochen;");
	assert_not_contains(body, "Kein Platz frei");
	assert_not_contains(body, "Herr Ö.");
	assert_contains(body, "Elternarbeit (Übergangsphase Studium) für Frauen auf Arabisch in Budenheim: 5 Bedarfe aus "
			      "der Beratung, 5 Beratungsfälle ohne passendes Angebot; kein Angebot.");
	assert_tidy(&srv, body, "/intern/analyse/luecken");
	reply_free(&r);
	/* the same in the CSV; the date filter leaves the March referrals out */
	assert_int_equal(agent_fetch(&srv, &researcher, "/intern/analyse/daten/luecken.csv", &r), 200);
	assert_contains(buf_str(&r.body), "6 Vermittlungen abgelehnt: Angebot zu weit weg");
	assert_not_contains(buf_str(&r.body), "Herr Ö.");
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &researcher, "/intern/analyse/daten/luecken.csv?von=2026-04-01", &r), 200);
	assert_not_contains(buf_str(&r.body), "Vermittlungen abgelehnt: Angebot zu weit weg");
	reply_free(&r);
}

static void test_who_may(void **state)
{
	(void)state;
	struct reply r;
	assert_int_equal(agent_fetch(&srv, &anon, "/intern/analyse", &r), 303);
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &anon, "/intern/analyse/daten/abdeckung.json", &r), 303);
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &counsellor, "/intern/analyse", &r), 403);
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &counsellor, "/intern/analyse/daten/abdeckung.csv", &r), 403);
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/analyse", &r), 200);
	reply_free(&r);
	/* the dashboard shows the card to those who may open it */
	assert_int_equal(agent_fetch(&srv, &researcher, "/intern", &r), 200);
	assert_contains(buf_str(&r.body), "href=\"/intern/analyse\"");
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &counsellor, "/intern", &r), 200);
	assert_not_contains(buf_str(&r.body), "href=\"/intern/analyse\"");
	reply_free(&r);
}

/* A public count: 0, at least 5, "< 5" or "•" (hidden so that no count
 * under 5 can be worked out from the totals). */
static void assert_public_count(const char *s, const char *where)
{
	if (strcmp(s, "< 5") == 0 || strcmp(s, "0") == 0 || strcmp(s, "•") == 0)
		return;
	char *end;
	long n = strtol(s, &end, 10);
	if (*end || n < 5)
		fail_msg("%s shows the count \"%s\"", where, s);
}

/* Counts of people (needs, referrals, outcomes) in the staff tables'
 * JSON and CSV: 0, at least 5, or "< 5" — never 1 to 4. Offers, places
 * and ranks are no people and are left out. */
static void test_no_person_count_under_five(void **state)
{
	(void)state;
	static const char *const tables[] = { "luecken", "foerderende", "ergebnisse", "ergebnisse-phase",
					      "ergebnisse-gruppe", "ergebnisse-sprache" };
	int checked = 0;
	for (size_t k = 0; k < sizeof(tables) / sizeof(tables[0]); k++) {
		char path[200];
		snprintf(path, sizeof(path), "/intern/analyse/daten/%s.json", tables[k]);
		json_t *j = get_json(&researcher, path);
		json_t *t = json_object_get(j, "table"), *col, *row;
		size_t i, c;
		json_array_foreach(json_object_get(t, "rows"), i, row)
		{
			json_array_foreach(json_object_get(t, "columns"), c, col)
			{
				const char *key = json_string_value(json_object_get(col, "key"));
				if (!json_is_true(json_object_get(col, "numeric")) || strcmp(key, "angebote") == 0 ||
				    strcmp(key, "plaetze") == 0 || strcmp(key, "rang") == 0)
					continue;
				json_t *v = json_object_get(row, key);
				char text[32];
				if (json_is_integer(v))
					snprintf(text, sizeof(text), "%lld", (long long)json_integer_value(v));
				else
					snprintf(text, sizeof(text), "%s", json_is_string(v) ? json_string_value(v) : "?");
				assert_public_count(text, path);
				checked++;
			}
		}
		/* no hidden count can be worked out: each column against the
		 * total row, started and completed within the referrals */
		if (strncmp(tables[k], "ergebnisse", 10) == 0) {
			static const char *const counts[] = { "vermittlungen", "begonnen", "abgeschlossen", "bekannt_6",
							      "bekannt_12" };
			assert_table_safe(path, t, counts, 5, NULL);
			json_array_foreach(json_object_get(t, "rows"), i, row)
			{
				char tot[32], part[32];
				const char *p1[1] = { json_cell(row, "begonnen", part) };
				assert_line_safe(path, json_cell(row, "vermittlungen", tot), p1, 1, 1);
				char part2[32];
				const char *p2[1] = { json_cell(row, "abgeschlossen", part2) };
				assert_line_safe(path, json_cell(row, "begonnen", tot), p2, 1, 1);
			}
		}
		json_decref(j);
		/* the CSV of an outcomes table (all its counts are of people)
		 * holds the same cells */
		if (strncmp(tables[k], "ergebnisse", 10) != 0)
			continue;
		snprintf(path, sizeof(path), "/intern/analyse/daten/%s.csv", tables[k]);
		struct reply r;
		assert_int_equal(agent_fetch(&srv, &researcher, path, &r), 200);
		assert_not_contains(buf_str(&r.body), ",1,");
		assert_not_contains(buf_str(&r.body), ",2,");
		assert_not_contains(buf_str(&r.body), ",3,");
		assert_not_contains(buf_str(&r.body), ",4,");
		reply_free(&r);
	}
	assert_true(checked > 50);
}

static void test_public_no_cell_under_five(void **state)
{
	(void)state;
	struct reply r;
	/* the page: every number cell */
	assert_int_equal(agent_fetch(&srv, &anon, "/angebotslandschaft", &r), 200);
	const char *b = buf_str(&r.body);
	assert_tidy(&srv, b, "/angebotslandschaft");
	int cells = 0;
	for (const char *p = strstr(b, "<td class=\"num\">"); p; p = strstr(p + 1, "<td class=\"num\">")) {
		const char *v = p + strlen("<td class=\"num\">");
		const char *e = strstr(v, "</td>");
		assert_non_null(e);
		char text[32];
		snprintf(text, sizeof(text), "%.*s", (int)(e - v), v);
		if (strcmp(text, "&lt; 5") == 0)
			strcpy(text, "< 5");
		assert_public_count(text, "/angebotslandschaft");
		cells++;
	}
	assert_true(cells >= 16); /* 3 places × 3 stages, and the totals */
	assert_contains(b, "<th scope=\"row\">Insgesamt</th>");
	assert_contains(b, "<th scope=\"row\">Bingen am Rhein</th><td class=\"num\">&lt; 5</td>");
	reply_free(&r);
	/* the CSV: every cell after the first column */
	assert_int_equal(agent_fetch(&srv, &anon, "/angebotslandschaft/daten.csv", &r), 200);
	char *csv = strdup(buf_str(&r.body)), *save = NULL;
	const char *grid[5][4]; /* the counts: 3 places and the total × 3 stages and the total */
	int line = 0;
	for (char *row = strtok_r(csv, "\r\n", &save); row; row = strtok_r(NULL, "\r\n", &save), line++) {
		if (line == 0) {
			assert_string_equal(row, "Ort,Schule,Berufsorientierung,Ausbildung,Insgesamt");
			continue;
		}
		char *s2 = NULL;
		strtok_r(row, ",", &s2);
		int col = 0;
		for (char *c = strtok_r(NULL, ",", &s2); c; c = strtok_r(NULL, ",", &s2), col++) {
			assert_public_count(c, "/angebotslandschaft/daten.csv");
			assert_true(line <= 4 && col < 4);
			grid[line - 1][col] = c;
		}
		assert_int_equal(col, 4);
	}
	assert_int_equal(line, 5);
	/* no hidden count can be worked out from a row's or column's total */
	for (int k = 0; k < 4; k++) {
		const char *col[3] = { grid[0][k], grid[1][k], grid[2][k] };
		assert_line_safe("/angebotslandschaft/daten.csv", grid[k][3], grid[k], 3, 0);
		assert_line_safe("/angebotslandschaft/daten.csv", grid[3][k], col, 3, 0);
	}
	free(csv);
	reply_free(&r);
	/* the JSON: every numeric column */
	json_t *j = get_json(&anon, "/angebotslandschaft/daten.json");
	json_t *t = json_object_get(j, "table"), *row;
	size_t i;
	json_array_foreach(json_object_get(t, "rows"), i, row)
	{
		const char *key;
		json_t *v;
		json_object_foreach(row, key, v)
		{
			if (strcmp(key, "ort") == 0)
				continue;
			if (json_is_string(v)) {
				if (strcmp(json_string_value(v), "•") != 0)
					assert_string_equal(json_string_value(v), "< 5");
			} else {
				assert_true(json_is_integer(v));
				long n = (long)json_integer_value(v);
				if (n != 0 && n < 5)
					fail_msg("the public JSON shows %ld at %s", n, key);
			}
		}
	}
	row = find_row(t, "ort", "Mainz-Neustadt", NULL, NULL, NULL, NULL, NULL, NULL);
	assert_int_equal(int_of(row, "ausbildung"), 7);
	row = find_row(t, "ort", "Bingen am Rhein", NULL, NULL, NULL, NULL, NULL, NULL);
	assert_string_equal(json_string_value(json_object_get(row, "schule")), "< 5");
	/* Bingen's 2 school offers would be the grand total 14 less 5 and 7:
	 * the 5 (Ingelheim's career orientation) is hidden, and then what
	 * would give it away in its row and column */
	row = find_row(t, "ort", "Ingelheim am Rhein", NULL, NULL, NULL, NULL, NULL, NULL);
	assert_string_equal(json_string_value(json_object_get(row, "berufsorientierung")), "•");
	row = find_row(t, "ort", "Insgesamt", NULL, NULL, NULL, NULL, NULL, NULL);
	assert_int_equal(int_of(row, "insgesamt"), 14);
	static const char *const stages[] = { "schule", "berufsorientierung", "ausbildung" };
	assert_table_safe("/angebotslandschaft/daten.json", t, stages, 3, "insgesamt");
	json_decref(j);
	/* in the public languages */
	assert_int_equal(agent_fetch(&srv, &anon, "/angebotslandschaft?lang=ar", &r), 200);
	assert_contains(buf_str(&r.body), "dir=\"rtl\"");
	/* "< 5" keeps its reading order on a right-to-left page */
	assert_contains(buf_str(&r.body), "<td class=\"num\" dir=\"ltr\">&lt; 5</td>");
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &anon, "/angebotslandschaft/daten.xml", &r), 404);
	reply_free(&r);
}

static void test_command_line(void **state)
{
	(void)state;
	buf out;
	buf_init(&out, 0);
	assert_int_equal(run_lotse(&out, "analyse", "coverage", "--db", srv.db, "--json", "--district", "bingen", NULL), 0);
	json_error_t err;
	json_t *j = json_loads(buf_str(&out), 0, &err);
	if (!j)
		fail_msg("lotse analyse coverage --json: %s: %s", err.text, buf_str(&out));
	json_t *rows = json_object_get(json_array_get(json_object_get(j, "tables"), 0), "rows");
	assert_int_equal(json_array_size(rows), 1);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(rows, 0), "angebote")), 2);
	json_decref(j);
	buf_reset(&out);
	assert_int_equal(run_lotse(&out, "analyse", "gaps", "--db", srv.db, "--json", NULL), 0);
	assert_contains(buf_str(&out), "\"need_sources\": 3");
	assert_contains(buf_str(&out), "Arabisch in Bingen am Rhein: 6 Bedarfe aus der Beratung; kein Angebot.");
	assert_not_contains(buf_str(&out), "in Ingelheim am Rhein:");
	buf_reset(&out);
	assert_int_equal(run_lotse(&out, "analyse", "funding", "--db", srv.db, NULL), 0);
	assert_contains(buf_str(&out), "Förderer\tLand\t7\t70");
	buf_reset(&out);
	assert_int_equal(run_lotse(&out, "analyse", "coverage", "--db", srv.db, "--from", "2027-02-30", NULL), 2);
	assert_contains(buf_str(&out), "--from");
	buf_reset(&out);
	assert_int_equal(run_lotse(&out, "analyse", "outcomes", "--db", srv.db, NULL), 0);
	assert_contains(buf_str(&out), "# Ergebnisse nach Angebot");
	buf_free(&out);
}

/* Last: it changes the directory. */
static void test_snapshot_and_comparison(void **state)
{
	(void)state;
	buf out;
	buf_init(&out, 0);
	assert_int_equal(run_lotse(&out, "maintenance", "--db", srv.db, NULL), 0);
	assert_contains(buf_str(&out), "kept the snapshot of the offers for ");
	buf_free(&out);
	assert_int_equal(db_scalar(&srv, "SELECT offers FROM an_snapshot WHERE stage = '*' AND grp = '*' AND "
					 "district = '*' AND lang = '*'"),
			 14);
	char month[8];
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(month, sizeof(month), "%Y-%m", &tm);
	/* one offer in Neustadt goes: today has one fewer than the snapshot */
	assert_int_equal(db_scalar(&srv, "UPDATE service SET archived = 1 WHERE name = 'Neustadt Ausbildung 7'"), 0);
	char path[200];
	snprintf(path, sizeof(path), "/intern/analyse/daten/vergleich.json?a=%s", month);
	json_t *j = get_json(&researcher, path);
	json_t *t = json_object_get(j, "table");
	json_t *row = find_row(t, "ort", "(alle)", NULL, NULL, NULL, NULL, NULL, NULL);
	assert_int_equal(int_of(row, "angebote_a"), 14);
	assert_int_equal(int_of(row, "angebote_b"), 13);
	assert_int_equal(int_of(row, "differenz"), -1);
	row = find_row(t, "ort", "Mainz-Neustadt", "phase", "Ausbildung", NULL, NULL, NULL, NULL);
	assert_int_equal(int_of(row, "angebote_a"), 7);
	assert_int_equal(int_of(row, "angebote_b"), 6);
	assert_int_equal(int_of(row, "plaetze_b"), 60);
	json_decref(j);
	struct reply r;
	assert_int_equal(agent_fetch(&srv, &researcher, "/intern/analyse/vergleich", &r), 200);
	assert_contains(buf_str(&r.body), month);
	assert_tidy(&srv, buf_str(&r.body), "/intern/analyse/vergleich");
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &researcher, "/intern/analyse/vergleich?a=2027-13", &r), 200);
	assert_contains(buf_str(&r.body), "Bitte einen Monat wie 2027-01 angeben.");
	reply_free(&r);
}

int main(int argc, char **argv)
{
	if (argc > 1)
		harness_bin = argv[1];
	curl_global_init(CURL_GLOBAL_DEFAULT);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_coverage_counts),
		cmocka_unit_test(test_change_shows_at_once),
		cmocka_unit_test(test_cell_offers),
		cmocka_unit_test(test_filters),
		cmocka_unit_test(test_funding_and_cliff),
		cmocka_unit_test(test_exports),
		cmocka_unit_test(test_gaps_from_counselling),
		cmocka_unit_test(test_gaps_from_surveys_and_interviews),
		cmocka_unit_test(test_outcomes),
		cmocka_unit_test(test_cliff_referrals),
		cmocka_unit_test(test_gaps_from_referrals_and_matching),
		cmocka_unit_test(test_who_may),
		cmocka_unit_test(test_public_no_cell_under_five),
		cmocka_unit_test(test_no_person_count_under_five),
		cmocka_unit_test(test_command_line),
		cmocka_unit_test(test_snapshot_and_comparison),
	};
	int failed = cmocka_run_group_tests_name("analysis", tests, group_setup, group_teardown);
	curl_global_cleanup();
	return failed ? 1 : 0;
}
