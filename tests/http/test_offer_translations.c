/* test_offer_translations.c — an offer's name, short description and how
 * to apply in the visitors' languages (#13): the editors' page, the
 * partner's page for its own offers only, the public offer page and the
 * finder's cards in Arabic and Ukrainian with and without a translation,
 * and the finder finding an offer by the words of its translation. The
 * demo data brings translations (data/demo/directory/directory.json). */
#include "harness.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <curl/curl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

static struct server srv;
static struct agent editor, partner, anon;
/* demo offers: translated into ar, uk, tr; the partner's own, translated
 * into ar and uk; the partner's own without translations */
static char jmd_id[37], own_id[37], own_plain_id[37];

/* The first column of sql's first row as text into out (37 bytes). */
static void db_id(const char *sql, char out[37])
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	out[0] = '\0';
	if (sqlite3_open_v2(srv.db, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW &&
	    sqlite3_column_text(st, 0))
		snprintf(out, 37, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(db);
}

static const char *path(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static const char *path(const char *fmt, ...)
{
	static char p[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(p, sizeof(p), fmt, ap);
	va_end(ap);
	return p;
}

static void test_staff_page(void **state)
{
	(void)state;
	struct reply r;
	char page[256];
	snprintf(page, sizeof(page), "/intern/angebote/%s/uebersetzungen", jmd_id);
	/* linked from the offer's form */
	assert_int_equal(agent_fetch(&srv, &editor, path("/intern/angebote/%s", jmd_id), &r), 200);
	assert_contains(buf_str(&r.body), page);
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &editor, page, &r), 200);
	const char *b = buf_str(&r.body);
	assert_contains(b, "استشارة للشباب القادمين الجدد");     /* the stored Arabic name */
	assert_contains(b, "id=\"f-ar-name\"");
	assert_contains(b, "lang=\"ar\" dir=\"rtl\"");           /* typed in its direction */
	assert_contains(b, "Beratung für junge Zugewanderte"); /* the German text to translate from */
	assert_tidy(&srv, b, "translations page");
	reply_free(&r);

	/* a new Russian translation: saved, logged, audited */
	long log0 = db_scalarf(&srv, "SELECT count(*) FROM metadata WHERE resource_id = '%s'", jmd_id);
	assert_int_equal(agent_submit(&srv, &editor, page,
				      form("lang", "ru", "name", "Консультация для молодых приезжих", "description",
					   "Мы консультируем по школе и работе.", "aktion", "speichern", NULL),
				      &r),
			 303);
	assert_contains(reply_header(&r, "Location"), "hinweis=gespeichert");
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM service_translation WHERE service_id = '%s' AND lang = 'ru'", jmd_id), 1);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM metadata WHERE resource_id = '%s'", jmd_id) - log0, 2);
	assert_int_equal(db_scalar(&srv, "SELECT count(*) FROM audit_log WHERE action = 'dir_translation_save'"), 1);
	/* the change log names it */
	assert_int_equal(agent_fetch(&srv, &editor, path("/intern/angebote/%s/verlauf", jmd_id), &r), 200);
	assert_contains(buf_str(&r.body), "Übersetzung Russisch: Name");
	reply_free(&r);

	/* refused: no name (the form again, 422, the text kept), German, an
	 * unknown language; nothing written */
	assert_int_equal(agent_fetch(&srv, &editor, page, &r), 200);
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &editor, page,
				      form("lang", "fa", "name", "", "description", "متن کوتاه", NULL), &r),
			 422);
	assert_contains(buf_str(&r.body), "href=\"#f-fa-name\"");
	assert_contains(buf_str(&r.body), "متن کوتاه");
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &editor, page, form("lang", "de", "name", "x", NULL), &r), 422);
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &editor, page, form("lang", "zz", "name", "x", NULL), &r), 422);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM service_translation WHERE service_id = '%s'", jmd_id), 4);
	/* without the CSRF token: refused */
	assert_int_equal(agent_http(&srv, &editor, "POST", page, "lang=fa&name=x", NULL, &r), 0);
	assert_int_equal(r.status, 403);
	reply_free(&r);

	/* delete the Russian one */
	assert_int_equal(agent_fetch(&srv, &editor, page, &r), 200);
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &editor, page, form("lang", "ru", "aktion", "loeschen", NULL), &r), 303);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM service_translation WHERE service_id = '%s' AND lang = 'ru'", jmd_id), 0);
	/* an unknown offer */
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/angebote/00000000-0000-4000-8000-000000000000/uebersetzungen",
				     &r), 404);
	reply_free(&r);
	/* the public and partners do not reach the editors' page */
	assert_int_equal(agent_fetch(&srv, &partner, page, &r), 403);
	reply_free(&r);
}

static void test_partner_rights(void **state)
{
	(void)state;
	struct reply r;
	const char *own = path("/intern/meine-angebote/%s/uebersetzungen", own_plain_id);
	char own_page[256];
	snprintf(own_page, sizeof(own_page), "%s", own);
	/* linked from the partner's form of its offer */
	assert_int_equal(agent_fetch(&srv, &partner, path("/intern/meine-angebote/%s", own_plain_id), &r), 200);
	assert_contains(buf_str(&r.body), own_page);
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &partner, own_page, &r), 200);
	assert_contains(buf_str(&r.body), "erscheinen sofort");
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &partner, own_page,
				      form("lang", "ar", "name", "ورشة الخشب والمعادن", "application_process",
					   "اتصل بنا.", NULL),
				      &r),
			 303);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM service_translation WHERE service_id = '%s' AND lang = 'ar'",
			       own_plain_id), 1);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM metadata WHERE resource_id = '%s' AND field_name = "
			       "'translation_ar_name' AND updated_by LIKE 'partner%%'", own_plain_id), 1);

	/* another provider's offer: 404 to read and to write, nothing written */
	const char *other = path("/intern/meine-angebote/%s/uebersetzungen", jmd_id);
	char other_page[256];
	snprintf(other_page, sizeof(other_page), "%s", other);
	assert_int_equal(agent_fetch(&srv, &partner, other_page, &r), 404);
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &partner, own_page, &r), 200); /* a token */
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &partner, other_page, form("lang", "fa", "name", "نام دیگر", NULL), &r), 404);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM service_translation WHERE service_id = '%s' AND lang = 'fa'", jmd_id), 0);
	/* an editor is no partner */
	assert_int_equal(agent_fetch(&srv, &anon, own_page, &r), 303);
	reply_free(&r);
}

static void test_public_page(void **state)
{
	(void)state;
	struct reply r;
	/* Arabic with a translation: the Arabic texts, marked, the German one folded away */
	assert_int_equal(agent_fetch(&srv, &anon, path("/angebote/%s?lang=ar", jmd_id), &r), 200);
	const char *b = buf_str(&r.body);
	assert_contains(b, "<h1>استشارة للشباب القادمين الجدد</h1>");
	assert_contains(b, "translation-mark\">ترجمة</span>");
	assert_contains(b, "<div lang=\"ar\"><p>نقدّم الاستشارة");
	assert_contains(b, "<summary>بالألمانية</summary><div lang=\"de\" dir=\"ltr\"><p>Wir beraten");
	assert_contains(b, "تعال إلى ساعة الاستشارة المفتوحة");
	assert_not_contains(b, "هذا العرض موصوف باللغة الألمانية فقط");
	assert_tidy(&srv, b, "offer page in Arabic");
	reply_free(&r);
	/* Ukrainian */
	assert_int_equal(agent_fetch(&srv, &anon, path("/angebote/%s?lang=uk", jmd_id), &r), 200);
	assert_contains(buf_str(&r.body), "Консультація для молоді, яка нещодавно приїхала");
	assert_contains(buf_str(&r.body), "Переклад");
	reply_free(&r);
	/* Ukrainian without a translation: German, marked, with the note */
	assert_int_equal(agent_fetch(&srv, &anon, path("/angebote/%s?lang=uk", own_id), &r), 200);
	b = buf_str(&r.body);
	assert_contains(b, "Тренінг із заявок на роботу");
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &anon, path("/angebote/%s?lang=ru", own_id), &r), 200);
	b = buf_str(&r.body);
	assert_contains(b, "<h1 lang=\"de\">Bewerbungstraining kompakt</h1>");
	assert_contains(b, "Это предложение описано только на немецком языке");
	assert_not_contains(b, "translation-mark");
	reply_free(&r);
	/* German: neither mark nor note */
	assert_int_equal(agent_fetch(&srv, &anon, path("/angebote/%s?lang=de", jmd_id), &r), 200);
	b = buf_str(&r.body);
	assert_contains(b, "<h1>Beratung für junge Zugewanderte</h1>");
	assert_not_contains(b, "offer-lang");
	reply_free(&r);
}

static void test_finder(void **state)
{
	(void)state;
	struct reply r;
	/* found by a word of its Ukrainian translation, the card in Ukrainian */
	assert_int_equal(agent_fetch(&srv, &anon, "/angebote?lang=uk&q=%D0%A2%D1%80%D0%B5%D0%BD%D1%96%D0%BD%D0%B3", &r), 200);
	const char *b = buf_str(&r.body);
	assert_contains(b, "<h3 lang=\"uk\"><a href=\"/angebote/");
	assert_contains(b, "Тренінг із заявок на роботу");
	assert_contains(b, "За тиждень ви складете резюме");
	reply_free(&r);
	/* the same offer on a Turkish page: German, marked as German */
	assert_int_equal(agent_fetch(&srv, &anon, "/angebote?lang=tr&q=Bewerbungstraining", &r), 200);
	assert_contains(buf_str(&r.body), "<h3 lang=\"de\"><a href=\"/angebote/");
	reply_free(&r);
}

static void test_hsds_api(void **state)
{
	(void)state;
	struct reply r;
	/* German stays the record's language; the translations ride along as lotse's extension */
	assert_int_equal(agent_fetch(&srv, &anon, path("/api/hsds/services/%s", jmd_id), &r), 200);
	const char *b = buf_str(&r.body);
	assert_contains(b, "\"name\":\"Beratung für junge Zugewanderte\"");
	assert_contains(b, "\"translations\"");
	assert_contains(b, "\"language\":\"uk\"");
	assert_contains(b, "Консультація для молоді, яка нещодавно приїхала");
	reply_free(&r);
}

/* The HSDS import reads the extension file and refuses bad rows with
 * their line and reason, writing nothing. */
static void test_hsds_import_refuses(void **state)
{
	(void)state;
	char dir[400], file[480], db2[400];
	snprintf(dir, sizeof(dir), "%s/tr-import", srv.dir);
	snprintf(db2, sizeof(db2), "%s/tr-import.db", srv.dir);
	buf out;
	buf_init(&out, 0);
	assert_int_equal(run_lotse(&out, "export", "hsds", "--db", srv.db, dir, NULL), 0);
	assert_int_equal(run_lotse(&out, "init", "--db", db2, NULL), 0);
	snprintf(file, sizeof(file), "%s/lotse_service_translations.csv", dir);
	FILE *f = fopen(file, "w");
	assert_non_null(f);
	fprintf(f, "service_id,language,name\r\n00000000-0000-4000-8000-000000000009,ar,x\r\n%s,de,y\r\n%s,uk,\r\n",
		jmd_id, jmd_id);
	fclose(f);
	buf_reset(&out);
	assert_int_not_equal(run_lotse(&out, "import", "hsds", "--db", db2, dir, NULL), 0);
	const char *o = buf_str(&out);
	assert_contains(o, "lotse_service_translations.csv:2: service_id: names no service");
	assert_contains(o, "lotse_service_translations.csv:3: language: is not one of");
	assert_contains(o, "lotse_service_translations.csv:4: name");
	assert_contains(o, "nothing was imported");
	buf_free(&out);
}

static int group_setup(void **state)
{
	(void)state;
	if (harness_group_setup(&srv, NULL, &editor, DEMO_EDITOR, &partner, DEMO_PARTNER, &anon, DEMO__COUNT, NULL) != 0)
		return -1;
	db_id("SELECT id FROM service WHERE name = 'Beratung für junge Zugewanderte'", jmd_id);
	db_id("SELECT id FROM service WHERE name = 'Bewerbungstraining kompakt'", own_id);
	db_id("SELECT id FROM service WHERE name = 'Werkstatttage Holz und Metall'", own_plain_id);
	if (jmd_id[0] && own_id[0] && own_plain_id[0])
		return 0;
	harness_group_teardown(&srv, NULL); /* cmocka may run no teardown after this */
	return -1;
}

HARNESS_GROUP_TEARDOWN(srv)

int main(int argc, char **argv)
{
	if (harness_args(argc, argv) != 0)
		return 2;
	curl_global_init(CURL_GLOBAL_DEFAULT);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_staff_page),
		cmocka_unit_test(test_partner_rights),
		cmocka_unit_test(test_public_page),
		cmocka_unit_test(test_finder),
		cmocka_unit_test(test_hsds_api),
		cmocka_unit_test(test_hsds_import_refuses),
	};
	int failed = cmocka_run_group_tests_name("offer_translations", tests, group_setup, group_teardown);
	curl_global_cleanup();
	return failed ? 1 : 0;
}
