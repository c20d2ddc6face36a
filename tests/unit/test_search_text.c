/* test_search_text.c — the text engine's handling of the languages its
 * users write: folding of Arabic and Farsi, Cyrillic and Turkish, the
 * search form of whole words in each script (tokenizer + stemming),
 * edit distance for typos, stop and intent words. */
#include "search/search.h"
#include "core/core.h"
#include "../support/testdb.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct testdb tdb;
static struct store *db;

static int setup(void **state)
{
	(void)state;
	if (testdb_open(&tdb) != 0)
		return -1;
	db = tdb.s;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	return testdb_close(&tdb);
}

/* Fold in; expect out, and folding out again changes nothing. */
static void fold_is(const char *in, const char *out)
{
	char got[128], again[128];
	search_fold(in, strlen(in), got, sizeof(got));
	if (strcmp(got, out) != 0)
		fail_msg("fold(%s) = %s, not %s", in, got, out);
	search_fold(got, strlen(got), again, sizeof(again));
	assert_string_equal(again, got);
}

static void test_fold_arabic_farsi(void **state)
{
	(void)state;
	/* hamza and alef forms -> ا */
	fold_is("أحمد", "احمد");
	fold_is("إسلام", "اسلام");
	fold_is("آخر", "اخر");
	fold_is("ٱلعربية", "العربيه");
	/* ya: alef maksura and Farsi ye -> ي; kaf: Farsi keheh -> ك */
	fold_is("إلى", "الي");
	fold_is("آلمانی", "الماني");
	fold_is("کلاس", "كلاس");
	fold_is("کار", "كار");
	/* teh marbuta -> heh, as search engines do */
	fold_is("دورة", "دوره");
	fold_is("مدرسة", "مدرسه");
	/* tatweel and harakat go */
	fold_is("دورـــة", "دوره");
	fold_is("كِتَابٌ", "كتاب");
	fold_is("مُدَرِّسَة", "مدرسه");
	/* Arabic-Indic and Persian digits -> ASCII */
	fold_is("٥٥١١٦", "55116");
	fold_is("۵۵۱۱۶", "55116");
	/* idempotent on what is already folded */
	fold_is("المانيه", "المانيه");
}

static void test_fold_cyrillic_turkish(void **state)
{
	(void)state;
	fold_is("ёлка", "елка");
	fold_is("учёба", "учеба");
	/* Ukrainian letters stay letters of their own */
	fold_is("їжак", "їжак");
	fold_is("єдність", "єдність");
	fold_is("ґанок", "ґанок");
	fold_is("іспит", "іспит");
	fold_is("й", "й");
	/* Turkish dotless ı is matched by i */
	fold_is("ıslak", "islak");
	fold_is("kadın", "kadin");
	/* German as before */
	fold_is("straße", "strasse");
}

/* The search form (folded, not stemmed) of text. */
static const char *norm(arena *a, const char *text, int stem)
{
	const char *s = search_normalize(db, a, text, stem);
	assert_non_null(s);
	return s;
}

static void test_words_in_scripts(void **state)
{
	(void)state;
	arena *a = arena_new();
	/* harakat do not cut a word; the forms meet */
	assert_string_equal(norm(a, "كِتَابٌ", 0), "كتاب");
	assert_string_equal(norm(a, "أَلمانية", 0), norm(a, "المانيه", 0));
	/* the article and endings: the adjective in Arabic and in Farsi meet */
	assert_string_equal(norm(a, "الألمانية", 1), norm(a, "ألمانية", 1));
	assert_string_equal(norm(a, "آلمانی", 1), norm(a, "ألمانية", 1));
	assert_string_equal(norm(a, "اللغة", 1), norm(a, "لغة", 1));
	assert_string_equal(norm(a, "دورات", 1), norm(a, "دورة", 1));
	/* Farsi: the ye and kaf variants of one word meet */
	assert_string_equal(norm(a, "کلاس", 1), norm(a, "كلاس", 1));
	assert_string_equal(norm(a, "زبانی", 1), norm(a, "زباني", 1));
	/* ZWNJ is a break between the parts of a word, as a space */
	assert_string_equal(norm(a, "کلاس‌ها", 0), "كلاس ها");
	/* Cyrillic: upper and lower case, ё, Russian endings */
	assert_string_equal(norm(a, "КУРСЫ", 1), norm(a, "курс", 1));
	assert_string_equal(norm(a, "немецкого", 1), norm(a, "немецкий", 1));
	assert_string_equal(norm(a, "Учёба", 1), norm(a, "учеба", 1));
	/* Ukrainian upper case is lower-cased to its own letters */
	assert_string_equal(norm(a, "ЇЖАК ЄВА ҐАНОК І", 0), "їжак єва ґанок і");
	/* Turkish İ and ı */
	assert_string_equal(norm(a, "İstanbul", 0), "istanbul");
	assert_string_equal(norm(a, "ISLAK ıslak", 0), "islak islak");
	assert_string_equal(norm(a, "Almanca öğrenmek", 0), "almanca ogrenmek");
	/* digits of every script are the same number */
	assert_string_equal(norm(a, "٥٥١١٦ ۵۵۱۱۶ 55116", 0), "55116 55116 55116");
	arena_free(a);
}

/* Every word of text (as typed) is a stop or intent word. */
static void all_stop(arena *a, const char *text)
{
	char *n = arena_strdup(a, norm(a, text, 0));
	for (char *w = strtok(n, " "); w; w = strtok(NULL, " "))
		if (!search_stopword(w))
			fail_msg("'%s' of '%s' is not a stop word", w, text);
}

static void test_stop_and_intent_words(void **state)
{
	(void)state;
	arena *a = arena_new();
	static const char *const phrases[] = {
		"wo kann ich", "ich suche einen", "Hilfe beim", "Ich möchte gern", "für mich",
		"how to", "where can I find", "I need help with", "looking for a",
		"nerede", "nasıl", "arıyorum", "için bir", "Ben istiyorum",
		"где", "я ищу", "как найти помощь для", "мне нужна",
		"де", "я шукаю", "мені потрібна допомога з", "як знайти",
		"أين", "أبحث عن", "أريد", "هل يمكنني", "إلى", "على",
		"کجا", "می توانم", "من دنبال", "برای", "میخواهم", "کمک",
		"ez li", "çawa", "ኣበይ",
	};
	for (size_t i = 0; i < NELEM(phrases); i++)
		all_stop(a, phrases[i]);
	/* words that carry the meaning are not */
	static const char *const words[] = { "deutsch", "ausbildung", "kurs", "kursu", "курс", "دوره", "كلاس",
					     "lebenslauf", "pflege", "mainz" };
	for (size_t i = 0; i < NELEM(words); i++)
		assert_false(search_stopword(norm(a, words[i], 0)));
	arena_free(a);
}

static void test_edits(void **state)
{
	(void)state;
	static const struct {
		const char *a, *b;
		int max, want; /* want > max: more than max */
	} cases[] = {
		{ "training", "trainnig", 1, 1 },  /* swap */
		{ "training", "trainig", 1, 1 },   /* delete */
		{ "training", "trainingg", 1, 1 }, /* insert, at the end too */
		{ "training", "xraining", 1, 1 },  /* replace, at the start too */
		{ "training", "training", 2, 0 },
		{ "ausbildungsbegleitung", "ausbilldungsbeglaitung", 2, 2 },
		{ "ausbildungsbegleitung", "ausbilldungsbeglaitunk", 2, 3 },
		{ "курс", "курз", 1, 1 },           /* characters, not bytes */
		{ "كلاس", "كلس", 1, 1 },
		{ "abc", "cba", 1, 2 },
	};
	for (size_t i = 0; i < NELEM(cases); i++) {
		int got = search_edits(cases[i].a, strlen(cases[i].a), cases[i].b, strlen(cases[i].b), cases[i].max);
		int want = cases[i].want > cases[i].max ? cases[i].max + 1 : cases[i].want;
		if (got != want)
			fail_msg("%s ~ %s: %d, not %d", cases[i].a, cases[i].b, got, want);
	}
	/* a stem with an ending: the typo at the end of an inflected word */
	static const char *const endings[] = { "e", "en", "ung", NULL };
	assert_int_equal(search_edits_endings("ausbild", 7, "ausbilding", 10, 2, endings), 1);
	assert_int_equal(search_edits_endings("bewerb", 6, "bewerbug", 8, 2, endings), 1);
	assert_int_equal(search_edits_endings("werkstatt", 9, "werkstattkurs", 13, 2, endings), 3);
	/* the budget: none below 4 letters, one up to 7, two beyond */
	assert_int_equal(search_typo_budget(3), 0);
	assert_int_equal(search_typo_budget(4), 1);
	assert_int_equal(search_typo_budget(7), 1);
	assert_int_equal(search_typo_budget(8), 2);
}

struct pairs {
	char text[2048];
	size_t n;
};

static void add_pair(void *p, const char *term, const char *expansion)
{
	struct pairs *c = p;
	size_t len = strlen(c->text);
	snprintf(c->text + len, sizeof(c->text) - len, "%s>%s;", term, expansion);
	c->n++;
}

static void test_thesaurus_format(void **state)
{
	(void)state;
	static const char text[] = "# a comment\n"
				   "[Deutschkurs]\n"
				   "de: Deutschkurs | Sprachkurs\n"
				   "de+: DaZ-Kurs\n"
				   "en: German course |  | learn German \r\n"
				   "not an entry line\n"
				   "[Kita]\n"
				   "  de:Kita\n"
				   "tr: kreş\n"
				   "[Empty]\n"
				   "en: nothing to expand to\n";
	struct pairs c = { "", 0 };
	size_t n = search_thesaurus_parse(text, sizeof(text) - 1, add_pair, &c);
	assert_int_equal(n, c.n);
	assert_string_equal(c.text, "deutschkurs>sprachkurs;sprachkurs>deutschkurs;"
				    "daz-kurs>deutschkurs;daz-kurs>sprachkurs;"
				    "german course>deutschkurs;german course>sprachkurs;"
				    "learn german>deutschkurs;learn german>sprachkurs;"
				    "kreş>kita;");
	/* nothing, and bytes of any kind, give no pair and no crash */
	assert_int_equal(search_thesaurus_parse("", 0, add_pair, &c), 0);
	assert_int_equal(search_thesaurus_parse("[x]\nde: a|\0b\n", 12, add_pair, &c), 0);
}

static long count(const char *sql)
{
	return testdb_scalar(db, sql);
}

static void test_thesaurus_in_synonyms(void **state)
{
	(void)state;
	/* migrating put the shipped thesaurus into the synonyms */
	long shipped = count("SELECT count(*) FROM search_thesaurus");
	assert_true(shipped > 20000); /* 250 concepts and more */
	assert_int_equal(count("SELECT count(*) FROM search_synonym WHERE term = 'german course' "
			       "AND expansion = 'deutschkurs'"), 1);
	/* an editor removes a pair, and adds one of her own */
	assert_int_equal(search_synonym_set(db, "german course", "deutschkurs", 0), ST_OK);
	assert_int_equal(search_synonym_set(db, "sprachcafe", "deutschkurs", 1), ST_OK);
	/* a version of the thesaurus had a pair the shipped one no longer has */
	assert_int_equal(store_exec(db, "INSERT INTO search_thesaurus(term, expansion) VALUES ('veraltet', 'alt')"),
			 ST_OK);
	assert_int_equal(search_synonym_set(db, "veraltet", "alt", 1), ST_OK);
	/* the same version again: nothing changes */
	assert_int_equal(search_thesaurus_sync(db), ST_OK);
	assert_int_equal(count("SELECT count(*) FROM search_synonym WHERE term = 'veraltet'"), 1);
	/* a new version (the hash differs): the old pair goes, the removed
	 * one stays removed, the editor's own stays */
	assert_int_equal(store_exec(db, "UPDATE search_thesaurus_state SET hash = 'old'"), ST_OK);
	assert_int_equal(search_thesaurus_sync(db), ST_OK);
	assert_int_equal(count("SELECT count(*) FROM search_synonym WHERE term = 'veraltet'"), 0);
	assert_int_equal(count("SELECT count(*) FROM search_synonym WHERE term = 'german course' "
			       "AND expansion = 'deutschkurs'"), 0);
	assert_int_equal(count("SELECT count(*) FROM search_synonym WHERE term = 'sprachcafe'"), 1);
	assert_int_equal(count("SELECT count(*) FROM search_thesaurus"), shipped);
	/* the version before lacked a pair the shipped one has: the next
	 * migration adds it, and leaves the editors' changes as they are */
	assert_int_equal(store_exec(db, "DELETE FROM search_thesaurus WHERE term = 'work permit' "
					"AND expansion = 'arbeitserlaubnis'"), ST_OK);
	assert_int_equal(search_synonym_set(db, "work permit", "arbeitserlaubnis", 0), ST_OK);
	assert_int_equal(store_exec(db, "UPDATE search_thesaurus_state SET hash = 'older'"), ST_OK);
	assert_int_equal(search_thesaurus_sync(db), ST_OK);
	assert_int_equal(count("SELECT count(*) FROM search_synonym WHERE term = 'work permit' "
			       "AND expansion = 'arbeitserlaubnis'"), 1);
	assert_int_equal(count("SELECT count(*) FROM search_synonym WHERE term = 'german course' "
			       "AND expansion = 'deutschkurs'"), 0);
	assert_int_equal(count("SELECT count(*) FROM search_synonym WHERE term = 'sprachcafe'"), 1);
	assert_int_equal(count("SELECT count(*) FROM search_thesaurus"), shipped);
	assert_int_equal(count("SELECT count(*) FROM search_thesaurus WHERE seen <> 1"), 0);
	/* every pair of the file is a synonym but the one the editor removed */
	assert_int_equal(count("SELECT count(*) FROM search_thesaurus t WHERE NOT EXISTS (SELECT 1 FROM "
			       "search_synonym s WHERE s.term = t.term AND s.expansion = t.expansion)"), 1);
}

int main(void)
{
	search_init(); /* the schema needs its tokenizer */
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fold_arabic_farsi),
		cmocka_unit_test(test_fold_cyrillic_turkish),
		cmocka_unit_test(test_words_in_scripts),
		cmocka_unit_test(test_stop_and_intent_words),
		cmocka_unit_test(test_edits),
		cmocka_unit_test(test_thesaurus_format),
		cmocka_unit_test(test_thesaurus_in_synonyms),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
