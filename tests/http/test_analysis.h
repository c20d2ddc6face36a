/* test_analysis.h — what the evidence loop's HTTP test files share: the
 * group's server and accounts (made in test_analysis.c's setup), the JSON
 * helpers, the cases made through the counselling pages, and each file's
 * tests for main's list. Every test runs on the one server, in order. */
#ifndef LOTSE_TEST_ANALYSIS_H
#define LOTSE_TEST_ANALYSIS_H

#include "harness.h"

#include <jansson.h>
#include <stddef.h>

#define PW "Rheinhessen-Analyse-2026"

extern struct server srv;
extern struct agent anon, researcher, editor, counsellor;

/* GET path as ag and parse the JSON body (status 200 asserted); the
 * caller json_decref()s it. */
json_t *get_json(struct agent *ag, const char *path);
/* The row of a JSON table whose keys k1 (and k2, k3, k4, when not NULL)
 * have the values given, or NULL. */
json_t *find_row(json_t *table, const char *k1, const char *v1, const char *k2, const char *v2, const char *k3,
		 const char *v3, const char *k4, const char *v4);
/* The integer at key of row (the test fails when it is none). */
long int_of(json_t *row, const char *key);
/* Run the statements sql[0..n) on the test's database, each must succeed. */
void run_sql(const char *const *sql, size_t n);
/* Archive (1) or restore (0) the offer called name through its page's
 * form, as the editor does. */
void offer_archive(const char *name, int archived);
/* A case made through the counselling pages, needing needs (kinds of
 * offer, comma-separated; make_case: Bewerbungstraining), with consent to
 * statistics when stats; its pseudonym into out. */
void make_case(const char *stage, const char *group, const char *district, const char *langs, int stats,
	       char out[16]);
void make_case_needing(const char *stage, const char *group, const char *district, const char *langs,
		       const char *needs, int stats, char out[16]);

/* test_analysis_needs.c */
void test_gaps_from_counselling(void **state);
void test_gaps_from_surveys_and_interviews(void **state);
void test_gaps_from_referrals_and_matching(void **state);
/* test_analysis_outcomes.c */
void test_outcomes(void **state);
void test_cliff_referrals(void **state);
/* test_analysis_small.c */
void test_public_no_cell_under_five(void **state);
void test_no_person_count_under_five(void **state);
/* test_analysis_paths.c */
void test_every_path_shows_at_once(void **state);

#endif
