/* test_analysis_outcomes.c — the outcomes of referrals and the running
 * referrals beside the funding cliff, on the cases the needs tests made
 * (test_analysis_needs.c), with counts and Wilson intervals known by
 * construction, in the page, the JSON, the CSV, the report and
 * `lotse analyse`. */
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

/* Outcomes, known by construction on the cases of the gaps test: the
 * seven Bingen cases (six consenting) completed a referral to "Neustadt
 * Ausbildung 1" and were in training at 6 months; of the five
 * Mainz-Neustadt cases four started one and one was declined; the three
 * Ingelheim cases started one to "Ingelheim Orientierung 1" (under 5). */
void test_outcomes(void **state)
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
void test_cliff_referrals(void **state)
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
