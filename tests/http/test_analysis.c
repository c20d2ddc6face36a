/* test_analysis.c — the evidence loop on a real server: a directory
 * imported from a fixture whose counts are known by construction (7 offers
 * for training in Mainz-Neustadt, 3 of them also in Arabic; 2 school
 * offers in Bingen; 5 career-orientation offers in Ingelheim; one offer
 * that ended and is left out), then the coverage and its cell's offers,
 * the date and district filters, funding and the funding cliff, the
 * exports (CSV, XLSX, JSON, audited), the monthly snapshot and the
 * comparison of two dates, `lotse analyse`, who may open the pages; the
 * group's server, fixture and helpers (test_analysis.h). The needs and
 * gaps are in test_analysis_needs.c, the outcomes in
 * test_analysis_outcomes.c, the small numbers in test_analysis_small.c,
 * every writing path of an offer in test_analysis_paths.c;
 * one server for all, in the order of main's list (later tests count the
 * cases earlier ones made). */
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
#include <time.h>

struct server srv;
struct agent anon, researcher, editor, counsellor;

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

/* A schedule ending on day for the offer called name. Dates of schedules
 * come from HSDS files, not from the spreadsheet, so the fixture writes
 * the row, and the offer's row of the fact table as the HSDS import then
 * does (dir_fact_refresh; its own path is proven in
 * test_analysis_paths.c). */
static int offer_ends(const char *id, const char *name, const char *day)
{
	char sql[400];
	snprintf(sql, sizeof(sql),
		 "INSERT INTO schedule(id, service_id, valid_from, valid_to) SELECT '%s', id, '2019-01-01', '%s' "
		 "FROM service WHERE name = '%s'",
		 id, day, name);
	if (db_scalar(&srv, sql) != 0)
		return -1;
	snprintf(sql, sizeof(sql),
		 "UPDATE service_fact SET valid_from = '2019-01-01', valid_to = '%s' "
		 "WHERE service_id = (SELECT id FROM service WHERE name = '%s')",
		 day, name);
	return db_scalar(&srv, sql) == 0 ? 0 : -1;
}

void offer_archive(const char *name, int archived)
{
	char id[64], path[200];
	db_text(&srv, "SELECT id FROM service WHERE name = ?1", name, id, sizeof(id));
	assert_true(*id);
	snprintf(path, sizeof(path), "/intern/angebote/%s", id);
	struct reply r;
	assert_int_equal(agent_fetch(&srv, &editor, path, &r), 200); /* the form, with its token */
	reply_free(&r);
	snprintf(path, sizeof(path), "/intern/angebote/%s/archivieren", id);
	assert_int_equal(agent_submit(&srv, &editor, path, archived ? "archived=1" : "archived=0", &r), 303);
	reply_free(&r);
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
json_t *get_json(struct agent *ag, const char *path)
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
json_t *find_row(json_t *table, const char *k1, const char *v1, const char *k2, const char *v2, const char *k3,
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

long int_of(json_t *row, const char *key)
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
 * another connection (the editor's request, on one worker's) shows at the
 * next request on every worker, and so does undoing it. */
static void test_change_shows_at_once(void **state)
{
	(void)state;
	assert_bingen_schools(2, 6);
	offer_archive("Bingen Schule 2", 1);
	assert_bingen_schools(1, 6);
	offer_archive("Bingen Schule 2", 0);
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
void run_sql(const char *const *sql, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (db_scalar(&srv, sql[i]) != 0)
			fail_msg("setup %zu failed: %s", i, sql[i]);
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
	/* the pages' other filters: the 3 Neustadt training offers in Arabic
	 * (the fixture's 5 to 7; none has ended) */
	buf_reset(&out);
	assert_int_equal(run_lotse(&out, "analyse", "coverage", "--db", srv.db, "--json", "--stage", "ausbildung",
				   "--language", "ar", "--group", "gefluechtete", NULL),
			 0);
	j = json_loads(buf_str(&out), 0, &err);
	if (!j)
		fail_msg("lotse analyse coverage --json --stage: %s: %s", err.text, buf_str(&out));
	rows = json_object_get(json_array_get(json_object_get(j, "tables"), 0), "rows");
	long sum = 0;
	for (size_t i = 0; i < json_array_size(rows); i++)
		if (strcmp(json_string_value(json_object_get(json_array_get(rows, i), "sprache")), "Arabisch") == 0)
			sum += (long)json_integer_value(json_object_get(json_array_get(rows, i), "angebote"));
	assert_int_equal(sum, 3);
	assert_contains(buf_str(&out), "\"phase\": \"ausbildung\"");
	json_decref(j);
	buf_reset(&out);
	/* longer than a code may be (64), as the page's field says */
	assert_int_equal(run_lotse(&out, "analyse", "coverage", "--db", srv.db, "--stage",
				   "ausbildung-ausbildung-ausbildung-ausbildung-ausbildung-ausbildung-ausbildung", NULL),
			 2);
	assert_contains(buf_str(&out), "--stage");
	buf_reset(&out);
	assert_int_equal(run_lotse(&out, "analyse", "outcomes", "--db", srv.db, NULL), 0);
	assert_contains(buf_str(&out), "# Ergebnisse nach Angebot");
	buf_free(&out);
}

/* The coverage table of the running server's JSON, as one string with
 * sorted keys (to free). */
static char *coverage_table(void)
{
	json_t *j = get_json(&researcher, "/intern/analyse/daten/abdeckung.json");
	char *t = json_dumps(json_object_get(j, "table"), JSON_SORT_KEYS);
	json_decref(j);
	assert_non_null(t);
	return t;
}

/* `lotse reindex facts` makes a damaged fact table right again while the
 * server runs: rows missing, wrong, and one of an offer that ended; the
 * coverage (JSON of the running server, which keeps the offers between
 * requests) is wrong, then as before. */
static void test_facts_rebuilt(void **state)
{
	(void)state;
	char *before = coverage_table();
	assert_int_equal(db_scalar(&srv, "DELETE FROM service_fact WHERE service_id IN "
					 "(SELECT id FROM service WHERE name LIKE 'Bingen Schule %')"),
			 0);
	assert_int_equal(db_scalar(&srv, "UPDATE service_fact SET capacity = 999, vals = ''"), 0);
	/* and every value forgotten: the rebuild numbers them again */
	assert_int_equal(db_scalar(&srv, "DELETE FROM service_fact_value"), 0);
	assert_int_equal(db_scalar(&srv, "INSERT INTO service_fact(service_id, capacity, free_of_charge, vals) "
					 "SELECT id, 5, 1, '' FROM service WHERE name = 'Neustadt Ausbildung alt'"),
			 0);
	char *broken = coverage_table();
	assert_string_not_equal(broken, before);
	free(broken);
	buf out;
	buf_init(&out, 0);
	assert_int_equal(run_lotse(&out, "reindex", "--db", srv.db, "facts", NULL), 0);
	assert_contains(buf_str(&out), "fact table rebuilt: ");
	buf_free(&out);
	assert_int_equal(db_scalar(&srv, "SELECT count(*) FROM service_fact f JOIN service s ON s.id = f.service_id "
					 "WHERE s.name = 'Neustadt Ausbildung alt'"),
			 0);
	char *after = coverage_table();
	assert_string_equal(after, before);
	free(after);
	free(before);
	assert_bingen_schools(2, 3);
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
	offer_archive("Neustadt Ausbildung 7", 1);
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
	/* the district filter: Neustadt's rows only, beside the network's total */
	snprintf(path, sizeof(path), "/intern/analyse/daten/vergleich.json?a=%s&ort=mainz-neustadt", month);
	j = get_json(&researcher, path);
	t = json_object_get(j, "table");
	assert_int_equal(json_array_size(json_object_get(t, "rows")), 2);
	assert_non_null(find_row(t, "ort", "(alle)", NULL, NULL, NULL, NULL, NULL, NULL));
	row = find_row(t, "ort", "Mainz-Neustadt", "phase", "Ausbildung", NULL, NULL, NULL, NULL);
	assert_int_equal(int_of(row, "differenz"), -1);
	assert_null(find_row(t, "ort", "Bingen am Rhein", NULL, NULL, NULL, NULL, NULL, NULL));
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
		cmocka_unit_test(test_facts_rebuilt),
		cmocka_unit_test(test_snapshot_and_comparison),
		cmocka_unit_test(test_every_path_shows_at_once),
	};
	int failed = cmocka_run_group_tests_name("analysis", tests, group_setup, group_teardown);
	curl_global_cleanup();
	return failed ? 1 : 0;
}