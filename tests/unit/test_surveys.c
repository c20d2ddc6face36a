/* test_surveys.c — the survey model and its rules: building a survey with
 * pages, questions, options and subquestions, reading it back whole with
 * its texts; conditions (shown, hidden, refused at activation when broken
 * or untranslated); answer validation; the structure fixed once active
 * and a new version that copies it; responses with their resume code and
 * answers; invitation codes. */
#include "surveys/surveys.h"
#include "core/core.h"
#include "search/search.h"
#include "../support/testdb.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

static struct testdb db;

static int setup(void **state)
{
	(void)state;
	search_init();
	return testdb_open(&db);
}

static int teardown(void **state)
{
	(void)state;
	return testdb_close(&db);
}

static int64_t build(const char *code, int64_t *page2)
{
	int64_t id, p1, qid;
	assert_int_equal(survey_create(db.s, code, "Bedarfe 2027", NULL, &id), ST_OK);
	assert_int_equal(survey_create(db.s, code, "again", NULL, &qid), ST_CONFLICT);
	assert_int_equal(survey_page_add(db.s, id, "Über dich", &p1), ST_OK);
	assert_int_equal(survey_page_add(db.s, id, "Hilfe", page2), ST_OK);
	static const char *const st_codes[] = { "A1", "A2", "B1" }, *const st_labels[] = { "Anfang", "Etwas", "Gut" };
	struct survey_qspec q = { .page_id = p1, .code = "alter", .type = SQ_NUMBER, .mandatory = 1, .has_min = 1,
				  .min_value = 12, .has_max = 1, .max_value = 30, .text = "Wie alt bist du?" };
	assert_int_equal(survey_question_save(db.s, id, &q, &qid), ST_OK);
	struct survey_qspec q2 = { .page_id = p1, .code = "status", .type = SQ_SINGLE, .text = "Deutsch?",
				   .opt_codes = st_codes, .opt_labels = st_labels, .nopts = 3, .other = 1 };
	assert_int_equal(survey_question_save(db.s, id, &q2, &qid), ST_OK);
	static const char *const h_codes[] = { "sprache", "bewerbung", "praktikum" };
	static const char *const h_labels[] = { "Deutschkurs", "Bewerbung", "Praktikum" };
	struct survey_qspec q3 = { .page_id = *page2, .code = "hilfe", .type = SQ_MULTIPLE, .text = "Wobei?",
				   .opt_codes = h_codes, .opt_labels = h_labels, .nopts = 3,
				   .cond = "alter >= 16 and status == \"A2\"" };
	assert_int_equal(survey_question_save(db.s, id, &q3, &qid), ST_OK);
	static const char *const l_codes[] = { "1", "2", "3", "4", "5" };
	static const char *const l_labels[] = { "gar nicht", "wenig", "teils", "eher", "voll" };
	static const char *const s_codes[] = { "SQ001", "SQ002" }, *const s_labels[] = { "Schule", "Familie" };
	struct survey_qspec q4 = { .page_id = *page2, .code = "zufr", .type = SQ_ARRAY, .text = "Wie zufrieden?",
				   .opt_codes = l_codes, .opt_labels = l_labels, .nopts = 5, .sub_codes = s_codes,
				   .sub_labels = s_labels, .nsubs = 2, .cond = "selected(hilfe, \"sprache\")" };
	assert_int_equal(survey_question_save(db.s, id, &q4, &qid), ST_OK);
	return id;
}

static void test_build_and_load(void **state)
{
	(void)state;
	int64_t p2;
	int64_t id = build("bedarf", &p2);
	assert_int_equal(survey_set_text(db.s, id, 'q', 0, "text", "en", "x"), ST_OK); /* harmless: no item 0 */
	arena *a = arena_new();
	struct survey sv;
	assert_int_equal(survey_load(db.s, a, id, &sv), ST_OK);
	assert_string_equal(sv.code, "bedarf");
	assert_string_equal(sv.status, "draft");
	assert_string_equal(survey_tx(&sv.tx, "title", "en"), "Bedarfe 2027"); /* German when missing */
	assert_int_equal(sv.npages, 2);
	assert_int_equal(sv.nqs, 4);
	assert_int_equal(sv.pages[0].n, 2);
	assert_int_equal(sv.pages[1].first, 2);
	const struct survey_question *z = survey_question_by_code(&sv, "zufr");
	assert_non_null(z);
	assert_int_equal(z->nopts, 5);
	assert_int_equal(z->nsubs, 2);
	assert_string_equal(survey_tx(&z->subs[1].tx, "label", "de"), "Familie");
	assert_non_null(z->expr);
	/* a translation, then the question saved again keeps it for codes that stay */
	assert_int_equal(survey_set_text(db.s, id, 'o', z->subs[1].id, "label", "en", "Family"), ST_OK);
	size_t problems_n;
	const char **problems;
	problems_n = survey_check(a, &sv, &problems);
	assert_int_equal(problems_n, 0);
	arena_free(a);
	a = arena_new();
	assert_int_equal(survey_load(db.s, a, id, &sv), ST_OK);
	z = survey_question_by_code(&sv, "zufr");
	assert_string_equal(survey_tx(&z->subs[1].tx, "label", "en"), "Family");
	arena_free(a);
}

static void test_conditions_and_validation(void **state)
{
	(void)state;
	int64_t p2;
	int64_t id = build("cond", &p2);
	arena *a = arena_new();
	struct survey sv;
	assert_int_equal(survey_load(db.s, a, id, &sv), ST_OK);
	struct survey_answers as = { 0 };
	size_t alter = 0, status = 1, hilfe = 2, zufr = 3;
	int own;
	/* mandatory */
	assert_non_null(survey_answer_problem(&sv, &as, alter, "de", &own));
	survey_answer_set(a, &as, alter, "", "abc");
	assert_string_equal(survey_answer_problem(&sv, &as, alter, "de", &own), "Bitte geben Sie eine Zahl ein.");
	survey_answer_set(a, &as, alter, "", "31");
	assert_string_equal(survey_answer_problem(&sv, &as, alter, "de", &own),
			    "Die Zahl liegt außerhalb des erlaubten Bereichs.");
	survey_answer_set(a, &as, alter, "", "16.5");
	assert_string_equal(survey_answer_problem(&sv, &as, alter, "de", &own), "Bitte geben Sie eine ganze Zahl ein.");
	survey_answer_set(a, &as, alter, "", "17");
	assert_null(survey_answer_problem(&sv, &as, alter, "de", &own));
	/* other without its text */
	survey_answer_set(a, &as, status, "", "other");
	assert_non_null(survey_answer_problem(&sv, &as, status, "de", &own));
	/* the condition of hilfe: alter >= 16 and status == "A2" */
	assert_false(survey_question_shown(&sv, &as, hilfe));
	survey_answer_set(a, &as, status, "", "A2");
	assert_true(survey_question_shown(&sv, &as, hilfe));
	survey_answer_set(a, &as, alter, "", "15");
	assert_false(survey_question_shown(&sv, &as, hilfe));
	survey_answer_set(a, &as, alter, "", "18");
	/* zufr depends on hilfe, which depends on alter: hidden hilfe hides zufr */
	survey_answer_set(a, &as, hilfe, "sprache", "Y");
	assert_true(survey_question_shown(&sv, &as, zufr));
	survey_answer_set(a, &as, status, "", "B1");
	assert_false(survey_question_shown(&sv, &as, zufr));
	arena_free(a);
}

static void test_activation(void **state)
{
	(void)state;
	int64_t p2, qid;
	int64_t id = build("akt", &p2);
	/* a condition on a later question, one untranslated: refused */
	struct survey_qspec bad = { .page_id = p2, .code = "spaet", .type = SQ_TEXT, .text = "x",
				    .cond = "", .cond_src = "Q9.NAOK ~ 'x'", .cond_error = "unbekannter Operator" };
	assert_int_equal(survey_question_save(db.s, id, &bad, &qid), ST_OK);
	arena *a = arena_new();
	struct survey sv;
	assert_int_equal(survey_load(db.s, a, id, &sv), ST_OK);
	const char **problems;
	size_t n = survey_check(a, &sv, &problems);
	assert_int_equal(n, 1);
	assert_non_null(strstr(problems[0], "Q9.NAOK"));
	/* fixed: activate; then the structure is fixed */
	struct survey_qspec good = bad;
	good.id = qid;
	good.cond_src = good.cond_error = "";
	good.cond = "is_empty(alter)";
	assert_int_equal(survey_question_save(db.s, id, &good, &qid), ST_OK);
	assert_int_equal(survey_load(db.s, a, id, &sv), ST_OK);
	assert_int_equal(survey_check(a, &sv, &problems), 0);
	assert_int_equal(survey_activate(db.s, id), ST_OK);
	assert_int_equal(survey_question_delete(db.s, id, qid), ST_CONFLICT);
	assert_int_equal(survey_question_save(db.s, id, &good, &qid), ST_CONFLICT);
	/* a new version copies everything and is a draft */
	int64_t v2;
	assert_int_equal(survey_new_version(db.s, id, &v2), ST_OK);
	assert_int_equal(survey_new_version(db.s, id, &v2), ST_CONFLICT);
	struct survey s2;
	assert_int_equal(survey_load(db.s, a, v2, &s2), ST_OK);
	assert_int_equal(s2.version, 2);
	assert_string_equal(s2.status, "draft");
	assert_int_equal(s2.nqs, sv.nqs);
	assert_string_equal(survey_tx(&survey_question_by_code(&s2, "zufr")->subs[0].tx, "label", "de"), "Schule");
	int64_t which;
	assert_int_equal(survey_id_by_code(db.s, "akt", &which), ST_OK);
	assert_int_equal(which, id); /* collection stays on the active one */
	arena_free(a);
}

static void test_responses(void **state)
{
	(void)state;
	int64_t p2;
	int64_t id = build("antw", &p2);
	arena *a = arena_new();
	struct survey sv;
	assert_int_equal(survey_load(db.s, a, id, &sv), ST_OK);
	char code[SURVEY_RESUME_LEN + 1];
	int64_t rid;
	assert_int_equal(survey_response_start(db.s, &sv, "ar", NULL, code, &rid), ST_OK);
	assert_int_equal(strlen(code), SURVEY_RESUME_LEN);
	struct survey_answers as = { 0 };
	survey_answer_set(a, &as, 0, "", "17");
	survey_answer_set(a, &as, 1, "", "A2");
	survey_answer_set(a, &as, 2, "sprache", "Y"); /* not on page 1: not saved */
	assert_int_equal(survey_response_save(db.s, &sv, rid, &as, 0, 2, 1, "ar", 0), ST_OK);
	/* the code, typed in lower case without dashes, finds it */
	char typed[32];
	size_t k = 0;
	for (const char *p = code; *p; p++)
		if (*p != '-')
			typed[k++] = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
	typed[k] = 0;
	struct survey_response r;
	assert_int_equal(survey_response_by_code(db.s, a, id, typed, &r), ST_OK);
	assert_int_equal(r.id, rid);
	assert_int_equal(r.page, 1);
	assert_string_equal(r.status, "partial");
	assert_int_equal(survey_response_by_code(db.s, a, id, "AAAA-BBBB-CCCC-DDDD", &r), ST_NOTFOUND);
	struct survey_answers back;
	assert_int_equal(survey_response_answers(db.s, a, &sv, rid, &back), ST_OK);
	assert_int_equal(back.n, 2);
	assert_string_equal(survey_answer_get(&back, 0, ""), "17");
	long all, done;
	assert_int_equal(survey_response_counts(db.s, id, &all, &done), ST_OK);
	assert_int_equal(all, 1);
	assert_int_equal(done, 0);
	assert_int_equal(survey_response_save(db.s, &sv, rid, &back, 2, 2, 2, "de", 1), ST_OK);
	assert_int_equal(survey_response_counts(db.s, id, &all, &done), ST_OK);
	assert_int_equal(done, 1);
	/* invitation codes: one response each */
	assert_int_equal(survey_invites_make(db.s, id, 3), ST_OK);
	const char **codes;
	int *used;
	size_t n;
	assert_int_equal(survey_invites(db.s, a, id, &codes, &used, &n), ST_OK);
	assert_int_equal(n, 3);
	assert_int_equal(survey_invite_check(db.s, id, codes[0]), ST_OK);
	assert_int_equal(survey_response_start(db.s, &sv, "de", codes[0], code, &rid), ST_OK);
	assert_int_equal(survey_invite_check(db.s, id, codes[0]), ST_CONFLICT);
	assert_int_equal(survey_response_start(db.s, &sv, "de", codes[0], code, &rid), ST_CONFLICT);
	assert_int_equal(survey_invite_check(db.s, id, "NOPE-NOPE"), ST_NOTFOUND);
	/* anonymous: the response keeps no link to its code */
	assert_int_equal(testdb_scalar(db.s, "SELECT COUNT(*) FROM survey_response WHERE invite_id IS NOT NULL"), 0);
	arena_free(a);
}

static void test_demo(void **state)
{
	(void)state;
	char err[200] = "";
	assert_int_equal(survey_demo_load(db.s, err, sizeof(err)), ST_OK);
	assert_int_equal(testdb_scalar(db.s, "SELECT COUNT(*) FROM survey_response r JOIN survey s ON s.id = r.survey_id "
					     "WHERE s.code = 'bedarf-2027'"), 3000);
	int64_t id;
	assert_int_equal(survey_id_by_code(db.s, "bedarf-2027", &id), ST_OK);
	arena *a = arena_new();
	struct survey sv;
	assert_int_equal(survey_load(db.s, a, id, &sv), ST_OK);
	assert_string_equal(sv.status, "active");
	assert_int_equal(sv.nlangs, 4);
	const char **problems;
	assert_int_equal(survey_check(a, &sv, &problems), 0);
	/* the database's count (no filter) equals the count over the responses
	 * (a filter that keeps every one), for a plain question, an array row and
	 * a question with a condition; and a weight of 1 changes nothing */
	static const char *const vars[] = { "deutsch", "zufr_SQ002", "kontakt", "geschlecht" };
	for (size_t i = 0; i < NELEM(vars); i++) {
		struct survey_filter plain = { 0 }, all = { .where = "alter >= 0 or is_empty(alter)" };
		struct survey_data *d1, *d2;
		const char *e1;
		assert_int_equal(survey_data_load(db.s, &sv, &plain, &d1, &e1), ST_OK);
		assert_int_equal(survey_data_load(db.s, &sv, &all, &d2, &e1), ST_OK);
		json_t *j1 = survey_freq_json(d1, &sv, vars[i], &e1), *j2 = survey_freq_json(d2, &sv, vars[i], &e1);
		assert_non_null(j1);
		assert_non_null(j2);
		char *s1 = json_dumps(j1, JSON_COMPACT), *s2 = json_dumps(j2, JSON_COMPACT);
		assert_string_equal(s1, s2);
		free(s1);
		free(s2);
		json_decref(j1);
		json_decref(j2);
		survey_data_free(d1);
		survey_data_free(d2);
	}
	/* branche is shown only for two goals: "not shown" counts the others */
	struct survey_filter none = { 0 };
	struct survey_data *d;
	const char *e2;
	assert_int_equal(survey_data_load(db.s, &sv, &none, &d, &e2), ST_OK);
	struct survey_freq fr;
	assert_int_equal(survey_freq(a, d, survey_question_by_code(&sv, "branche"), NULL, "de", &fr), ST_OK);
	struct survey_freq goals;
	assert_int_equal(survey_freq(a, d, survey_question_by_code(&sv, "ziel"), NULL, "de", &goals), ST_OK);
	long shown_goals = 0;
	for (size_t k = 0; k < goals.k; k++)
		if (strcmp(goals.codes[k], "ausbildung") == 0 || strcmp(goals.codes[k], "arbeit") == 0)
			shown_goals += (long)goals.counts[k];
	assert_true(shown_goals > 100);
	assert_int_equal((long)(fr.cases + fr.no_answer), shown_goals);
	assert_int_equal((long)(fr.cases + fr.no_answer + fr.not_shown), 3000);
	survey_data_free(d);
	/* every question and option has its text in every language */
	for (size_t i = 0; i < sv.nqs; i++)
		for (size_t l = 0; l < sv.nlangs; l++) {
			assert_non_null(survey_tx_exact(&sv.qs[i].tx, "text", sv.langs[l]));
			for (size_t k = 0; k < sv.qs[i].nopts; k++)
				assert_non_null(survey_tx_exact(&sv.qs[i].opts[k].tx, "label", sv.langs[l]));
		}
	arena_free(a);
}

/* A weighted crosstab with an empty row and a weighted frequency table,
 * against values computed independently by
 * tests/unit/fixtures/surveys_weighted.py (pure Python: the textbook
 * formulas; p for df = 1 as erfc(sqrt(chi2 / 2))). */
static void test_stats_fixture(void **state)
{
	(void)state;
	int64_t id, page, qid;
	static const char *const ac[] = { "x", "y", "z" }, *const bc[] = { "u", "v" };
	assert_int_equal(survey_create(db.s, "gewichtet", "Gewichtet", NULL, &id), ST_OK);
	assert_int_equal(survey_page_add(db.s, id, "S", &page), ST_OK);
	struct survey_qspec qa = { .page_id = page, .code = "a", .type = SQ_SINGLE, .text = "a", .opt_codes = ac,
				   .opt_labels = ac, .nopts = 3 };
	struct survey_qspec qb = { .page_id = page, .code = "b", .type = SQ_SINGLE, .text = "b", .opt_codes = bc,
				   .opt_labels = bc, .nopts = 2 };
	struct survey_qspec qw = { .page_id = page, .code = "w", .type = SQ_NUMBER, .decimals = 1, .text = "w" };
	assert_int_equal(survey_question_save(db.s, id, &qa, &qid), ST_OK);
	assert_int_equal(survey_question_save(db.s, id, &qb, &qid), ST_OK);
	assert_int_equal(survey_question_save(db.s, id, &qw, &qid), ST_OK);
	arena *a = arena_new();
	struct survey sv;
	assert_int_equal(survey_load(db.s, a, id, &sv), ST_OK);
	static const struct { const char *a, *b, *w; } rows[] = {
		{ "x", "u", "2" }, { "x", "u", "1" }, { "x", "v", "1.5" }, { "y", "u", "0.5" }, { "y", "v", "3" },
		{ "y", "v", "1" }, { "x", NULL, "2" }, { NULL, "v", "1" }, { "y", "u", "1" },
	};
	for (size_t i = 0; i < NELEM(rows); i++) {
		char code[SURVEY_RESUME_LEN + 1];
		int64_t rid;
		assert_int_equal(survey_response_start(db.s, &sv, "de", NULL, code, &rid), ST_OK);
		struct survey_answers as = { 0 };
		survey_answer_set(a, &as, 0, "", rows[i].a);
		survey_answer_set(a, &as, 1, "", rows[i].b);
		survey_answer_set(a, &as, 2, "", rows[i].w);
		assert_int_equal(survey_response_save(db.s, &sv, rid, &as, 0, 3, 0, "de", 1), ST_OK);
	}
	struct survey_filter f = { .weight = "w" };
	struct survey_data *d;
	const char *err;
	assert_int_equal(survey_data_load(db.s, &sv, &f, &d, &err), ST_OK);
	json_t *x = survey_crosstab_json(d, &sv, "a", "b", &err);
	assert_non_null(x);
	json_t *counts = json_object_get(x, "counts");
	assert_int_equal(json_array_size(counts), 3); /* the empty row z is there */
	static const double want[3][2] = { { 3.0, 1.5 }, { 1.5, 4.0 }, { 0, 0 } };
	for (size_t i = 0; i < 3; i++)
		for (size_t j = 0; j < 2; j++)
			assert_float_equal(json_number_value(json_array_get(json_array_get(counts, i), j)), want[i][j], 1e-12);
	assert_float_equal(json_number_value(json_object_get(x, "n")), 10.0, 1e-12);
	assert_float_equal(json_number_value(json_object_get(x, "chi2")), 1.5518824609733703, 1e-9);
	assert_float_equal(json_number_value(json_object_get(x, "df")), 1, 0);
	assert_float_equal(json_number_value(json_object_get(x, "p")), 0.21285775369788082, 1e-9);
	assert_float_equal(json_number_value(json_object_get(x, "cramers_v")), 0.393939393939394, 1e-9);
	assert_float_equal(json_number_value(json_object_get(x, "min_expected")), 2.025, 1e-9);
	assert_int_equal(json_integer_value(json_object_get(x, "cells_expected_below_5")), 4);
	json_decref(x);
	struct survey_freq fr;
	assert_int_equal(survey_freq(a, d, &sv.qs[0], NULL, "de", &fr), ST_OK);
	assert_float_equal(fr.counts[0], 6.5, 1e-12);
	assert_float_equal(fr.counts[1], 5.5, 1e-12);
	assert_float_equal(fr.counts[2], 0, 0);
	assert_float_equal(fr.no_answer, 1.0, 1e-12);
	assert_float_equal(fr.not_shown, 0, 0);
	survey_data_free(d);
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_build_and_load),
		cmocka_unit_test(test_conditions_and_validation),
		cmocka_unit_test(test_activation),
		cmocka_unit_test(test_responses),
		cmocka_unit_test(test_demo),
		cmocka_unit_test(test_stats_fixture),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
