/* test_survey_evidence.c — taxonomy tags on questions, options and
 * subquestions (stored, read back, kept when a question is saved again,
 * copied into a new version) and survey_evidence_needs() on a small
 * fixture whose needs, cells, weights and bases are counted by hand. */
#include "surveys/surveys.h"
#include "core/core.h"
#include "search/search.h"
#include "../support/testdb.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
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

static int64_t question(int64_t sid, int64_t page, const char *code, enum survey_qtype type, const char *opts,
			const char *subs)
{
	static char names[2][256];
	const char *oc[8], *sc[8];
	size_t no = 0, ns = 0;
	const char *src[2] = { opts, subs };
	for (int k = 0; k < 2; k++) {
		if (!src[k])
			continue;
		snprintf(names[k], sizeof(names[k]), "%s", src[k]);
		for (char *t = strtok(names[k], " "); t; t = strtok(NULL, " "))
			(k ? sc : oc)[k ? ns++ : no++] = t;
	}
	struct survey_qspec q = { .page_id = page, .code = code, .type = type, .text = code, .opt_codes = oc,
				  .opt_labels = oc, .nopts = no, .sub_codes = sc, .sub_labels = sc, .nsubs = ns };
	int64_t id;
	assert_int_equal(survey_question_save(db.s, sid, &q, &id), ST_OK);
	return id;
}

/* Tag (question code, option code or NULL) in d with term, on a fresh load. */
static void tag(int64_t sid, const char *qcode, const char *opt, int sub, enum survey_dim d, const char *term)
{
	arena *a = arena_new();
	struct survey sv;
	assert_int_equal(survey_load(db.s, a, sid, &sv), ST_OK);
	struct survey_question *q = NULL;
	for (size_t i = 0; i < sv.nqs; i++)
		if (strcmp(sv.qs[i].code, qcode) == 0)
			q = &sv.qs[i];
	assert_non_null(q);
	if (opt) {
		int k = survey_option_index(q, sub, opt);
		assert_true(k >= 0);
		(sub ? q->subs : q->opts)[k].tags[d] = term;
	} else {
		q->tags[d] = term;
	}
	assert_int_equal(survey_tags_save(db.s, q), ST_OK);
	arena_free(a);
}

static int64_t respond(int64_t sid, const char *status, const char *done)
{
	sqlite3_stmt *st = store_stmt(db.s, "INSERT INTO survey_response (survey_id, status, completed_at) "
					    "VALUES (?1, ?2, ?3)");
	assert_non_null(st);
	sqlite3_bind_int64(st, 1, sid);
	sqlite3_bind_text(st, 2, status, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, done, -1, SQLITE_STATIC);
	assert_int_equal(store_exec_stmt(db.s, st), ST_OK);
	return sqlite3_last_insert_rowid(store_db(db.s));
}

static void answer(int64_t sid, int64_t rid, const char *qcode, const char *part, const char *value)
{
	sqlite3_stmt *st = store_stmt(db.s, "INSERT INTO survey_answer (question_id, response_id, part, value) "
					    "SELECT id, ?2, ?3, ?4 FROM survey_question WHERE survey_id = ?1 AND code = ?5");
	assert_non_null(st);
	sqlite3_bind_int64(st, 1, sid);
	sqlite3_bind_int64(st, 2, rid);
	sqlite3_bind_text(st, 3, part, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, value, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, qcode, -1, SQLITE_STATIC);
	assert_int_equal(store_exec_changed(db.s, st), ST_OK);
}

/* The fixture: a survey weighted by w, with stage/group on "lage",
 * district on "ort", language on "spr", needs on options of "hilfe", the
 * yes of "berat" and the array row zufr_SQ1; four complete responses
 * (one after October), one partial; and a draft survey with a need tag
 * and a response, which counts for nothing. */
static int64_t fixture(void)
{
	int64_t sid, page;
	assert_int_equal(survey_create(db.s, "ev", "Bedarfe", NULL, &sid), ST_OK);
	assert_int_equal(survey_page_add(db.s, sid, "Seite", &page), ST_OK);
	question(sid, page, "w", SQ_NUMBER, NULL, NULL);
	question(sid, page, "lage", SQ_SINGLE, "schule arbeit", NULL);
	question(sid, page, "ort", SQ_DROPDOWN, "mz lu", NULL);
	question(sid, page, "spr", SQ_SINGLE, "ar de", NULL);
	question(sid, page, "hilfe", SQ_MULTIPLE, "sprache bewerbung nichts", NULL);
	question(sid, page, "berat", SQ_YESNO, NULL, NULL);
	question(sid, page, "zufr", SQ_ARRAY, "1 2 3 4 5", "SQ1 SQ2");
	tag(sid, "lage", "schule", 0, SURVEY_DIM_STAGE, "schule");
	tag(sid, "lage", "schule", 0, SURVEY_DIM_GROUP, "schuelerinnen");
	tag(sid, "lage", "arbeit", 0, SURVEY_DIM_STAGE, "beschaeftigung");
	tag(sid, "lage", "arbeit", 0, SURVEY_DIM_GROUP, "junge-erwachsene");
	tag(sid, "ort", "mz", 0, SURVEY_DIM_DISTRICT, "mainz-altstadt");
	tag(sid, "spr", "ar", 0, SURVEY_DIM_LANGUAGE, "ar");
	tag(sid, "hilfe", "sprache", 0, SURVEY_DIM_NEED, "sprachfoerderung");
	tag(sid, "hilfe", "bewerbung", 0, SURVEY_DIM_NEED, "bewerbungstraining");
	tag(sid, "berat", NULL, 0, SURVEY_DIM_NEED, "beratung");
	tag(sid, "zufr", "SQ1", 1, SURVEY_DIM_NEED, "mentoring");
	arena *a = arena_new();
	struct survey sv;
	assert_int_equal(survey_load(db.s, a, sid, &sv), ST_OK);
	sv.weight = "w";
	assert_int_equal(survey_save_settings(db.s, &sv), ST_OK);
	arena_free(a);
	assert_int_equal(survey_activate(db.s, sid), ST_OK);

	int64_t r = respond(sid, "complete", "2026-10-01 10:00:00"); /* cell A, weight 2 */
	answer(sid, r, "w", "", "2");
	answer(sid, r, "lage", "", "schule");
	answer(sid, r, "ort", "", "mz");
	answer(sid, r, "spr", "", "ar");
	answer(sid, r, "hilfe", "sprache", "Y");
	answer(sid, r, "hilfe", "bewerbung", "Y");
	answer(sid, r, "berat", "", "Y");
	answer(sid, r, "zufr", "SQ1", "5");
	r = respond(sid, "complete", "2026-10-02 10:00:00"); /* cell A, weight 1, no need */
	answer(sid, r, "w", "", "1");
	answer(sid, r, "lage", "", "schule");
	answer(sid, r, "ort", "", "mz");
	answer(sid, r, "spr", "", "ar");
	answer(sid, r, "hilfe", "nichts", "Y");
	answer(sid, r, "berat", "", "N");
	answer(sid, r, "zufr", "SQ1", "3");
	r = respond(sid, "complete", "2026-10-31 23:00:00"); /* cell B, weight 3 */
	answer(sid, r, "w", "", "3");
	answer(sid, r, "lage", "", "arbeit");
	answer(sid, r, "hilfe", "sprache", "Y");
	r = respond(sid, "complete", "2026-11-15 10:00:00"); /* cell A, weight 1, after October */
	answer(sid, r, "w", "", "1");
	answer(sid, r, "lage", "", "schule");
	answer(sid, r, "ort", "", "mz");
	answer(sid, r, "spr", "", "ar");
	answer(sid, r, "hilfe", "sprache", "Y");
	r = respond(sid, "partial", NULL); /* not submitted */
	answer(sid, r, "hilfe", "sprache", "Y");

	int64_t did, dpage;
	assert_int_equal(survey_create(db.s, "entwurf", "Entwurf", NULL, &did), ST_OK);
	assert_int_equal(survey_page_add(db.s, did, "Seite", &dpage), ST_OK);
	question(did, dpage, "hilfe", SQ_MULTIPLE, "sprache", NULL);
	tag(did, "hilfe", "sprache", 0, SURVEY_DIM_NEED, "sprachfoerderung");
	r = respond(did, "complete", "2026-10-01 10:00:00");
	answer(did, r, "hilfe", "sprache", "Y");
	return sid;
}

static const struct survey_need *find(const struct survey_need *v, size_t n, const char *need, const char *stage)
{
	const struct survey_need *hit = NULL;
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].need, need) == 0 && strcmp(v[i].stage, stage) == 0) {
			assert_null(hit); /* one row per need and cell */
			hit = &v[i];
		}
	assert_non_null(hit);
	assert_string_equal(hit->survey_code, "ev");
	return hit;
}

static void test_tags_and_needs(void **state)
{
	(void)state;
	int64_t sid = fixture();
	arena *a = arena_new();

	/* the tags read back, and kept when the question is saved again */
	struct survey sv;
	assert_int_equal(survey_load(db.s, a, sid, &sv), ST_OK);
	const struct survey_question *h = survey_question_by_code(&sv, "hilfe");
	assert_string_equal(h->opts[0].tags[SURVEY_DIM_NEED], "sprachfoerderung");
	assert_null(h->opts[2].tags[SURVEY_DIM_NEED]);
	assert_string_equal(survey_question_by_code(&sv, "berat")->tags[SURVEY_DIM_NEED], "beratung");
	assert_string_equal(survey_question_by_code(&sv, "zufr")->subs[0].tags[SURVEY_DIM_NEED], "mentoring");
	assert_string_equal(sv.weight, "w");

	/* a new version copies the tags and the weight */
	int64_t v2;
	assert_int_equal(survey_new_version(db.s, sid, &v2), ST_OK);
	struct survey sv2;
	assert_int_equal(survey_load(db.s, a, v2, &sv2), ST_OK);
	assert_string_equal(survey_question_by_code(&sv2, "lage")->opts[1].tags[SURVEY_DIM_GROUP], "junge-erwachsene");
	assert_string_equal(survey_question_by_code(&sv2, "berat")->tags[SURVEY_DIM_NEED], "beratung");
	assert_string_equal(sv2.weight, "w");
	/* the draft's question saved again with one option less: the others keep their tags */
	static const char *const codes[] = { "sprache", "nichts" };
	struct survey_qspec q = { .id = survey_question_by_code(&sv2, "hilfe")->id,
				  .page_id = sv2.pages[0].id, .code = "hilfe", .type = SQ_MULTIPLE, .text = "hilfe",
				  .opt_codes = codes, .opt_labels = codes, .nopts = 2 };
	int64_t qid;
	assert_int_equal(survey_question_save(db.s, v2, &q, &qid), ST_OK);
	assert_int_equal(survey_load(db.s, a, v2, &sv2), ST_OK);
	h = survey_question_by_code(&sv2, "hilfe");
	assert_int_equal(h->nopts, 2);
	assert_string_equal(h->opts[0].tags[SURVEY_DIM_NEED], "sprachfoerderung");
	assert_null(h->opts[1].tags[SURVEY_DIM_NEED]);

	/* October: cell A (schule, schuelerinnen, mainz-altstadt, ar) of the
	 * responses weighted 2 and 1, cell B (beschaeftigung, junge-erwachsene,
	 * no district, no language) of the one weighted 3; the draft's
	 * response, the partial one and November's count for nothing */
	struct survey_need *v;
	size_t n;
	assert_int_equal(survey_evidence_needs(db.s, a, "2026-10-01", "2026-10-31", &v, &n), ST_OK);
	assert_int_equal(n, 6);
	const struct survey_need *x = find(v, n, "sprachfoerderung", "schule");
	assert_string_equal(x->group, "schuelerinnen");
	assert_string_equal(x->district, "mainz-altstadt");
	assert_string_equal(x->language, "ar");
	assert_true(x->count == 2 && x->base == 3);
	x = find(v, n, "bewerbungstraining", "schule");
	assert_true(x->count == 2 && x->base == 3);
	x = find(v, n, "beratung", "schule"); /* the yes of a yes/no question */
	assert_true(x->count == 2 && x->base == 3);
	x = find(v, n, "mentoring", "schule"); /* an array row in the top two */
	assert_true(x->count == 2 && x->base == 3);
	x = find(v, n, "sprachfoerderung", "beschaeftigung");
	assert_string_equal(x->group, "junge-erwachsene");
	assert_string_equal(x->district, "");
	assert_string_equal(x->language, "");
	assert_true(x->count == 3 && x->base == 3);
	x = find(v, n, "bewerbungstraining", "beschaeftigung"); /* asked, not needed */
	assert_true(x->count == 0 && x->base == 3);

	/* open dates: November's response joins cell A */
	assert_int_equal(survey_evidence_needs(db.s, a, NULL, NULL, &v, &n), ST_OK);
	assert_int_equal(n, 6);
	x = find(v, n, "sprachfoerderung", "schule");
	assert_true(x->count == 3 && x->base == 4);
	x = find(v, n, "beratung", "schule");
	assert_true(x->count == 2 && x->base == 3);
	/* before any response: nothing */
	assert_int_equal(survey_evidence_needs(db.s, a, NULL, "2026-09-30", &v, &n), ST_OK);
	assert_int_equal(n, 0);
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_tags_and_needs, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
