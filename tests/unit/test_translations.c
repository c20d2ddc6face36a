/* test_translations.c — an offer's translations (src/directory/translations.c):
 * the checks, save and read in the languages' order, the change log,
 * delete, a merge of two offers, and the finder finding their words. */
#include "directory/translations.h"
#include "directory/directory.h"
#include "directory/search/search.h"
#include "directory/staff/staff_internal.h"
#include "search/search.h"
#include "core/core.h"
#include "../support/testdb.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

static struct testdb tdb;
static struct store *db;
static char org_id[37], a_id[37], b_id[37];

static int setup(void **state)
{
	(void)state;
	if (testdb_open(&tdb) != 0)
		return -1;
	db = tdb.s;
	struct dir_org o = { .name = "Träger der Übersetzungen", .year_incorporated = -1 };
	struct dir_service a = { .name = "Bewerbungswerkstatt", .description = "Hilfe bei Bewerbungen.",
				 .status = "active", .minimum_age = -1, .maximum_age = -1, .capacity = -1,
				 .delivery = "in_person" };
	struct dir_service b = a;
	b.name = "Bewerbungswerkstatt (Dublette)";
	if (dir_org_save(db, &o, "test", org_id) != ST_OK)
		return -1;
	a.organization_id = b.organization_id = org_id;
	if (dir_service_save(db, &a, "test", a_id) != ST_OK || dir_service_save(db, &b, "test", b_id) != ST_OK)
		return -1;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	return testdb_close(&tdb);
}

static long scalar(const char *sql)
{
	return testdb_scalar(db, sql);
}

static void test_check(void **state)
{
	(void)state;
	enum dir_tr_field f;
	struct dir_translation t = { .lang = "ar", .name = "ورشة طلبات التقديم" };
	assert_null(dir_tr_check(&t, &f));
	t.lang = "de"; /* German is the record itself */
	assert_non_null(dir_tr_check(&t, &f));
	assert_int_equal(f, DIR_TR_LANG);
	t.lang = "xx";
	assert_non_null(dir_tr_check(&t, &f));
	t.lang = NULL;
	assert_non_null(dir_tr_check(&t, &f));
	t.lang = "uk";
	t.name = "";
	assert_non_null(dir_tr_check(&t, &f));
	assert_int_equal(f, DIR_TR_NAME);
	t.name = "zwei\nZeilen";
	assert_non_null(dir_tr_check(&t, &f));
	t.name = "\xc3\x28"; /* not UTF-8 */
	assert_non_null(dir_tr_check(&t, &f));
	assert_int_equal(f, DIR_TR_NAME);
	t.name = "Майстерня";
	t.description = "Zeile\nzwei";
	assert_null(dir_tr_check(&t, &f));
	char longer[DIR_TR_DESCRIPTION_MAX + 2];
	memset(longer, 'x', sizeof(longer) - 1);
	longer[sizeof(longer) - 1] = '\0';
	t.description = longer;
	assert_non_null(dir_tr_check(&t, &f));
	assert_int_equal(f, DIR_TR_DESCRIPTION);
	longer[DIR_TR_DESCRIPTION_MAX] = '\0';
	assert_null(dir_tr_check(&t, &f));
	t.description = NULL;
	t.application_process = "\x01";
	assert_non_null(dir_tr_check(&t, &f));
	assert_int_equal(f, DIR_TR_APPLY);
	assert_string_equal(dir_tr_lang("fa"), "fa");
	assert_null(dir_tr_lang("de"));
}

static void test_save_list_delete(void **state)
{
	(void)state;
	arena *m = arena_new();
	long log0 = scalar("SELECT count(*) FROM metadata");
	struct dir_translation uk = { .service_id = a_id, .lang = "uk", .name = "Майстерня заявок",
				      .description = "Допомога із заявами на навчання." };
	struct dir_translation ar = { .service_id = a_id, .lang = "ar", .name = "ورشة طلبات التقديم",
				      .application_process = "تعال يوم الاثنين." };
	assert_int_equal(dir_tr_save(db, &uk, "editor@example.org"), ST_OK);
	assert_int_equal(dir_tr_save(db, &ar, "editor@example.org"), ST_OK);
	/* name and description / name and how to apply */
	assert_int_equal(scalar("SELECT count(*) FROM metadata") - log0, 4);
	struct dir_translation *v;
	size_t n;
	assert_int_equal(dir_tr_list(db, m, a_id, &v, &n), ST_OK);
	assert_int_equal(n, 2);
	assert_string_equal(v[0].lang, "ar"); /* dir_tr_langs' order: en tr ar uk ru fa */
	assert_string_equal(v[1].lang, "uk");
	assert_string_equal(v[1].name, uk.name);
	assert_string_equal(v[0].updated_by, "editor@example.org");

	/* an update logs only what changed */
	uk.description = "Допомога із заявами.";
	assert_int_equal(dir_tr_save(db, &uk, "partner@example.org"), ST_OK);
	assert_int_equal(scalar("SELECT count(*) FROM metadata") - log0, 5);
	assert_int_equal(scalar("SELECT count(*) FROM metadata WHERE field_name = 'translation_uk_description' "
				"AND updated_by = 'partner@example.org'"), 1);
	struct dir_translation got;
	assert_int_equal(dir_tr_get(db, m, a_id, "uk", &got), ST_OK);
	assert_string_equal(got.description, uk.description);
	assert_int_equal(dir_tr_get(db, m, a_id, "ru", &got), ST_NOTFOUND);

	/* refused: bad language, unknown offer; nothing written */
	struct dir_translation bad = { .service_id = a_id, .lang = "de", .name = "x" };
	assert_int_equal(dir_tr_save(db, &bad, "x"), ST_CONFLICT);
	bad.lang = "ru";
	bad.service_id = "00000000-0000-4000-8000-000000000000";
	assert_int_equal(dir_tr_save(db, &bad, "x"), ST_NOTFOUND);
	assert_int_equal(scalar("SELECT count(*) FROM service_translation"), 2);

	/* delete: logged, and a second time is fine */
	struct dir_translation ru = { .service_id = a_id, .lang = "ru", .name = "Мастерская" };
	assert_int_equal(dir_tr_save(db, &ru, "x"), ST_OK);
	assert_int_equal(dir_tr_delete(db, a_id, "ru", "x"), ST_OK);
	assert_int_equal(scalar("SELECT count(*) FROM metadata WHERE field_name = 'translation_ru_name' "
				"AND last_action_type = 'delete'"), 1);
	assert_int_equal(dir_tr_delete(db, a_id, "ru", "x"), ST_OK);
	assert_int_equal(dir_tr_get(db, m, a_id, "ru", &got), ST_NOTFOUND);
	arena_free(m);
}

static void test_search_finds_translations(void **state)
{
	(void)state;
	arena *m = arena_new();
	assert_int_equal(dir_search_refresh(db, 0, NULL), ST_OK);
	struct dir_search_query q = { .q = "Майстерня", .age = -1 };
	struct dir_search_result r;
	assert_int_equal(dir_search(db, m, &q, "uk", &r), ST_OK);
	assert_int_equal(r.n_hits, 1);
	assert_string_equal(r.hits[0].id, a_id);
	/* the card in Ukrainian: the translated name and short description */
	assert_string_equal(r.hits[0].name, "Майстерня заявок");
	assert_string_equal(r.hits[0].name_lang, "uk");
	assert_string_equal(r.hits[0].summary_lang, "uk");
	/* in Arabic: the Arabic name, the German summary (none translated) */
	q.q = "Bewerbungswerkstatt";
	assert_int_equal(dir_search(db, m, &q, "ar", &r), ST_OK);
	int seen = 0;
	for (size_t i = 0; i < r.n_hits; i++) {
		if (strcmp(r.hits[i].id, a_id) != 0)
			continue;
		seen = 1;
		assert_string_equal(r.hits[i].name_lang, "ar");
		assert_null(r.hits[i].summary_lang);
		assert_string_equal(r.hits[i].summary, "Hilfe bei Bewerbungen.");
	}
	assert_true(seen);
	/* a saved translation is found after the re-index */
	struct dir_translation tr = { .service_id = b_id, .lang = "tr", .name = "Başvuru atölyesi" };
	assert_int_equal(dir_tr_save(db, &tr, "x"), ST_OK);
	assert_int_equal(dir_search_refresh(db, 0, NULL), ST_OK);
	q.q = "atölyesi";
	assert_int_equal(dir_search(db, m, &q, "de", &r), ST_OK);
	assert_int_equal(r.n_hits, 1);
	assert_string_equal(r.hits[0].id, b_id);
	assert_null(r.hits[0].name_lang);
	arena_free(m);
}

static void test_merge(void **state)
{
	(void)state;
	arena *m = arena_new();
	/* b has tr and an own uk; a has ar and uk */
	struct dir_translation uk = { .service_id = b_id, .lang = "uk", .name = "Власна назва" };
	assert_int_equal(dir_tr_save(db, &uk, "x"), ST_OK);
	assert_int_equal(dir_staff_merge_offer(db, m, a_id, b_id, "editor@example.org"), ST_OK);
	struct dir_translation *v;
	size_t n;
	assert_int_equal(dir_tr_list(db, m, b_id, &v, &n), ST_OK);
	assert_int_equal(n, 3);
	assert_string_equal(v[0].lang, "tr");
	assert_string_equal(v[1].lang, "ar"); /* moved from a */
	assert_string_equal(v[1].name, "ورشة طلبات التقديم");
	assert_string_equal(v[2].name, "Власна назва"); /* b's own is kept */
	arena_free(m);
}

int main(void)
{
	search_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_check),
		cmocka_unit_test(test_save_list_delete),
		cmocka_unit_test(test_search_finds_translations),
		cmocka_unit_test(test_merge),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
