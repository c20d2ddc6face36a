/* test_languages.c — the languages of the public pages over HTTP: the
 * choice (?lang=, cookie, Accept-Language), <html lang dir>, hreflang
 * alternates, the language menu keeping the finder's query, the staff area
 * in German, the review note, plural forms, the sitemap, and the pages in
 * Leichte Sprache; the network's pages and the privacy notice in every
 * language. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "harness.h"

static struct server srv;

static const char *body_of(const char *path, const char *header, struct reply *r, long status)
{
	assert_int_equal(http(&srv, "GET", path, NULL, 0, NULL, header, r), 0);
	if (r->status != status)
		fail_msg("GET %s: status %ld, expected %ld", path, r->status, status);
	return buf_str(&r->body);
}

/* Accept-Language picks one of the seven on a first visit; the cookie and
 * ?lang= win over it. */
static void test_choice(void **state)
{
	(void)state;
	static const struct {
		const char *header, *lang;
	} cases[] = {
		{ "Accept-Language: ar-SY,ar;q=0.9,de;q=0.5", "ar" },
		{ "Accept-Language: uk-UA, ru;q=0.8", "uk" },
		{ "Accept-Language: fr, ru;q=0.6, en;q=0.5", "ru" },
		{ "Accept-Language: fa-AF", "fa" },
		{ "Accept-Language: prs, tr;q=0.9", "tr" }, /* Dari has no code of its own here: Turkish next */
		{ "Accept-Language: es, it", "de" },
		{ "Cookie: lang=uk", "uk" },
		{ "Cookie: lang=xx", "de" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct reply r;
		const char *b = body_of("/", cases[i].header, &r, 200);
		char want[64];
		snprintf(want, sizeof(want), "<html lang=\"%s\"", cases[i].lang);
		if (!strstr(b, want))
			fail_msg("%s: expected %s", cases[i].header, want);
		reply_free(&r);
	}
	struct reply r;
	const char *b = body_of("/?lang=tr", "Accept-Language: ar\r\nCookie: lang=uk", &r, 200);
	assert_contains(b, "<html lang=\"tr\">");
	assert_contains(reply_header(&r, "Set-Cookie"), "lang=tr");
	reply_free(&r);
}

/* Arabic and Farsi run right to left, the others do not; each page names
 * every language version, x-default the German one. */
static void test_direction_and_alternates(void **state)
{
	(void)state;
	struct reply r;
	const char *b = body_of("/kontakt?lang=ar", NULL, &r, 200);
	assert_contains(b, "<html lang=\"ar\" dir=\"rtl\">");
	assert_contains(b, "<span lang=\"ar\">العربية</span>");
	static const char *const langs[] = { "en", "tr", "ar", "uk", "ru", "fa" };
	for (size_t i = 0; i < sizeof(langs) / sizeof(langs[0]); i++) {
		char want[128];
		snprintf(want, sizeof(want), "hreflang=\"%s\" href=\"%s/kontakt?lang=%s\"", langs[i], srv.base, langs[i]);
		assert_contains(b, want);
	}
	char want[128];
	snprintf(want, sizeof(want), "hreflang=\"x-default\" href=\"%s/kontakt\"", srv.base);
	assert_contains(b, want);
	/* the menu names each language in itself */
	assert_contains(b, ">Türkçe</a>");
	assert_contains(b, ">Українська</a>");
	assert_contains(b, ">Русский</a>");
	assert_contains(b, ">فارسی</a>");
	assert_contains(b, "<details>");
	reply_free(&r);

	b = body_of("/kontakt?lang=fa", NULL, &r, 200);
	assert_contains(b, "<html lang=\"fa\" dir=\"rtl\">");
	reply_free(&r);
	b = body_of("/kontakt?lang=uk", NULL, &r, 200);
	assert_contains(b, "<html lang=\"uk\">");
	assert_contains(b, "Контактна форма");
	reply_free(&r);
}

/* The menu's links keep the finder's search; a query the finder did not
 * take is not repeated. */
static void test_menu_keeps_query(void **state)
{
	(void)state;
	struct reply r;
	const char *b = body_of("/angebote?q=Sprachkurs&kostenlos=1&utm=x&lang=ru", NULL, &r, 200);
	assert_contains(b, "<html lang=\"ru\">");
	assert_contains(b, "href=\"/angebote?q=Sprachkurs&amp;kostenlos=1&amp;lang=ar\"");
	assert_not_contains(b, "utm=x");
	reply_free(&r);
}

/* Russian and Arabic plural forms in the finder's count. */
static void test_plurals(void **state)
{
	(void)state;
	struct reply r;
	const char *b = body_of("/angebote?lang=ru", NULL, &r, 200);
	const char *at = strstr(b, "Найдено ");
	assert_non_null(at);
	long n = 0;
	assert_int_equal(sscanf(at + strlen("Найдено "), "%ld", &n), 1);
	assert_true(n > 4);
	long n10 = n % 10, n100 = n % 100;
	const char *word = n10 == 1 && n100 != 11 ? "предложение"
			   : n10 >= 2 && n10 <= 4 && (n100 < 10 || n100 >= 20) ? "предложения" : "предложений";
	char want[96];
	snprintf(want, sizeof(want), "Найдено %ld %s", n, word);
	assert_contains(b, want);
	reply_free(&r);
	b = body_of("/angebote?lang=ar&q=Xylophonbau", NULL, &r, 200);
	assert_contains(b, "لم نجد");
	reply_free(&r);
}

/* A public page in a language no native speaker has reviewed says so;
 * German and English do not. */
static void test_review_note(void **state)
{
	(void)state;
	struct reply r;
	const char *b = body_of("/?lang=ar", NULL, &r, 200);
	assert_contains(b, "class=\"review-note\"");
	reply_free(&r);
	b = body_of("/?lang=en", NULL, &r, 200);
	assert_not_contains(b, "review-note");
	reply_free(&r);
	b = body_of("/", NULL, &r, 200);
	assert_not_contains(b, "review-note");
	reply_free(&r);
}

/* The staff area speaks German and English only: with an Arabic cookie the
 * sign-in page is German and left to right, and its menu offers two
 * languages; a public 404 stays Arabic. */
static void test_staff_in_german(void **state)
{
	(void)state;
	struct reply r;
	const char *b = body_of("/login", "Cookie: lang=ar", &r, 200);
	assert_contains(b, "<html lang=\"de\">");
	assert_contains(b, ">English</a>");
	assert_not_contains(b, ">العربية</a>");
	assert_not_contains(b, "hreflang=\"ar\"");
	reply_free(&r);
	b = body_of("/gibt-es-nicht", "Cookie: lang=ar", &r, 404);
	assert_contains(b, "<html lang=\"ar\" dir=\"rtl\">");
	assert_contains(b, "الصفحة غير موجودة");
	reply_free(&r);
}

/* The sitemap lists every page in every language, the finder and the
 * contact form too; a page in Leichte Sprache once, in German. */
static void test_sitemap(void **state)
{
	(void)state;
	struct reply r;
	const char *b = body_of("/sitemap.xml", NULL, &r, 200);
	static const char *const want[] = {
		"/modellprojekt-mainz?lang=fa</loc>", "/?lang=ar</loc>", "/angebote?lang=uk</loc>",
		"/kontakt?lang=tr</loc>", "/datenschutz?lang=ru</loc>", "/leichte-sprache/kontakt</loc>",
		"/leichte-sprache</loc>",
	};
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		assert_contains(b, want[i]);
	assert_not_contains(b, "/leichte-sprache/kontakt?lang");
	assert_not_contains(b, "/leichte-sprache-kontakt");
	reply_free(&r);
}

/* The pages in Leichte Sprache: each at its address, German in any frame,
 * linked from the header; their slugs have no second address. */
static void test_leichte_sprache(void **state)
{
	(void)state;
	static const char *const pages[] = {
		"/leichte-sprache", "/leichte-sprache/netzwerk", "/leichte-sprache/angebote-finden",
		"/leichte-sprache/kontakt", "/leichte-sprache/datenschutz",
	};
	for (size_t i = 0; i < sizeof(pages) / sizeof(pages[0]); i++) {
		struct reply r;
		const char *b = body_of(pages[i], NULL, &r, 200);
		assert_contains(b, "class=\"prose plain-language\" lang=\"de\"");
		assert_contains(b, "href=\"/leichte-sprache\" lang=\"de\"");
		reply_free(&r);
	}
	struct reply r;
	const char *b = body_of("/leichte-sprache/kontakt?lang=ar", NULL, &r, 200);
	assert_contains(b, "<html lang=\"ar\" dir=\"rtl\">");
	assert_contains(b, "<h1 lang=\"de\" dir=\"ltr\">So schreiben Sie uns</h1>");
	assert_contains(b, "class=\"prose plain-language\" lang=\"de\" dir=\"ltr\"");
	reply_free(&r);
	body_of("/leichte-sprache-kontakt", NULL, &r, 404);
	reply_free(&r);
	body_of("/leichte-sprache/gibt-es-nicht", NULL, &r, 404);
	reply_free(&r);
}

/* German offer text on an Arabic page keeps its direction, and a name in a
 * translated sentence sits in <bdi>. */
static void test_directory_text_direction(void **state)
{
	(void)state;
	struct reply r;
	/* an offer without an Arabic translation (#13: translated ones are shown in Arabic) */
	const char *b = body_of("/angebote?lang=ar&q=Werkstatttage", NULL, &r, 200);
	assert_contains(b, "lang=\"de\" dir=\"ltr\"");
	const char *at = strstr(b, "<li class=\"hit\""); /* the first result (not the link to the map) */
	at = at ? strstr(at, "href=\"/angebote/") : NULL;
	assert_non_null(at);
	char id[64];
	assert_int_equal(sscanf(at, "href=\"/angebote/%63[^\"]", id), 1);
	reply_free(&r);
	char path[128];
	snprintf(path, sizeof(path), "/angebote/%s?lang=ar", id);
	b = body_of(path, NULL, &r, 200);
	assert_contains(b, "<h1 lang=\"de\" dir=\"ltr\">");
	assert_contains(b, "dir=\"auto\">"); /* the provider's name */
	reply_free(&r);
}

/* The network's own pages, the privacy notice and the Impressum answer in every public
 * language from a file of their own (data/demo/pages/SLUG.LANG.md): the
 * document's language and direction, the translated title and a heading,
 * and not the German text with its note. A missing file fails here. */
static void test_network_pages_translated(void **state)
{
	(void)state;
	static const struct {
		const char *path, *lang, *title, *heading;
	} cases[] = {
		{ "/datenschutz", "tr", "Gizlilik bildirimi", "Haklarınız" },
		{ "/datenschutz", "ar", "بيان حماية البيانات", "حقوقك" },
		{ "/datenschutz", "uk", "Політика захисту даних", "Ваші права" },
		{ "/datenschutz", "ru", "Политика защиты данных", "Ваши права" },
		{ "/datenschutz", "fa", "بیانیهٔ حفاظت از داده‌ها", "حقوق شما" },
		{ "/bqn-rlp", "tr", "BQN RLP", "Biz kimiz" },
		{ "/bqn-rlp", "ar", "شبكة BQN RLP", "من نحن" },
		{ "/bqn-rlp", "uk", "BQN RLP", "Хто ми" },
		{ "/bqn-rlp", "ru", "BQN RLP", "Кто мы" },
		{ "/bqn-rlp", "fa", "شبکهٔ BQN RLP", "ما چه کسی هستیم" },
		{ "/modellprojekt-mainz", "tr", "Mainz model projesi", "Proje çalışmasının temeli" },
		{ "/modellprojekt-mainz", "ar", "المشروع النموذجي في ماينتس", "أساس عمل المشروع" },
		{ "/modellprojekt-mainz", "uk", "Модельний проєкт Майнц", "Основа роботи проєкту" },
		{ "/modellprojekt-mainz", "ru", "Модельный проект Майнц", "Основа работы проекта" },
		{ "/modellprojekt-mainz", "fa", "پروژهٔ نمونهٔ ماینتس", "پایهٔ کار پروژه" },
		{ "/modellprojekt-ludwigshafen", "tr", "Ludwigshafen model projesi", "Daha fazla bilgi" },
		{ "/modellprojekt-ludwigshafen", "ar", "المشروع النموذجي في لودفيغسهافن", "لمعرفة المزيد" },
		{ "/modellprojekt-ludwigshafen", "uk", "Модельний проєкт Людвігсгафен", "Дізнатися більше" },
		{ "/modellprojekt-ludwigshafen", "ru", "Модельный проект Людвигсхафен", "Узнать больше" },
		{ "/modellprojekt-ludwigshafen", "fa", "پروژهٔ نمونهٔ لودویگسهافن", "بیشتر بدانید" },
		{ "/impressum", "tr", "Künye (Impressum)", "Sağlayıcı" },
		{ "/impressum", "ar", "بيانات الناشر (Impressum)", "الناشر" },
		{ "/impressum", "uk", "Вихідні дані (Impressum)", "Постачальник" },
		{ "/impressum", "ru", "Выходные данные (Impressum)", "Поставщик" },
		{ "/impressum", "fa", "مشخصات ناشر (Impressum)", "ناشر" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char path[96], want[160];
		snprintf(path, sizeof(path), "%s?lang=%s", cases[i].path, cases[i].lang);
		struct reply r;
		const char *b = body_of(path, NULL, &r, 200);
		int rtl = !strcmp(cases[i].lang, "ar") || !strcmp(cases[i].lang, "fa");
		snprintf(want, sizeof(want), "<html lang=\"%s\"%s>", cases[i].lang, rtl ? " dir=\"rtl\"" : "");
		if (!strstr(b, want))
			fail_msg("%s: expected %s", path, want);
		snprintf(want, sizeof(want), "<h1>%s</h1>", cases[i].title);
		if (!strstr(b, want))
			fail_msg("%s: expected %s (is data/demo/pages/%s.%s.md missing?)", path, want,
				 cases[i].path + 1, cases[i].lang);
		snprintf(want, sizeof(want), "<h2>%s</h2>", cases[i].heading);
		if (!strstr(b, want))
			fail_msg("%s: expected %s", path, want);
		if (strstr(b, "<div class=\"prose\" lang=\"de\">"))
			fail_msg("%s: shows the German text", path);
		reply_free(&r);
	}
}

HARNESS_GROUP(srv, NULL, NULL)

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s path/to/lotse\n", argv[0]);
		return 2;
	}
	harness_bin = argv[1];
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_choice),
		cmocka_unit_test(test_direction_and_alternates),
		cmocka_unit_test(test_menu_keeps_query),
		cmocka_unit_test(test_plurals),
		cmocka_unit_test(test_review_note),
		cmocka_unit_test(test_staff_in_german),
		cmocka_unit_test(test_sitemap),
		cmocka_unit_test(test_leichte_sprache),
		cmocka_unit_test(test_directory_text_direction),
		cmocka_unit_test(test_network_pages_translated),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
