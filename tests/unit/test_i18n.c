/* test_i18n.c — unit tests for the PO parser and the translation lookup. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "core/embed.h"
#include "core/i18n.h"
#include "core/log.h"

struct parsed {
	int rc;
	struct po_entry *e;
	size_t n;
	char err[200];
};

static struct parsed parse(const char *text)
{
	struct parsed p;
	memset(&p, 0, sizeof(p));
	p.n = 12345;
	p.rc = po_parse(text, strlen(text), &p.e, &p.n, p.err, sizeof(p.err));
	return p;
}

/* The msgstr for id in p, or NULL. */
static const char *lookup(const struct parsed *p, const char *id)
{
	for (size_t i = 0; i < p->n; i++)
		if (strcmp(p->e[i].id, id) == 0)
			return p->e[i].str;
	return NULL;
}

static void test_po_good(void **state)
{
	(void)state;
	struct parsed p = parse(
		"# A translator comment\n"
		"msgid \"\"\n"
		"msgstr \"\"\n"
		"\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
		"\"Language: en\\n\"\n"
		"\n"
		"#: src/site/views.c:12\n"
		"#. extracted comment\n"
		"msgid \"Startseite\"\n"
		"msgstr \"Home\"\n"
		"\n"
		"msgid \"\"\n"
		"\"Mehrzeilige \"\n"
		"\"Nachricht\"\n"
		"msgstr \"\"\n"
		"\"Multi-line \"\n"
		"\"message\"\n"
		"\n"
		"msgid \"Zeile 1\\nZeile 2\"\n"
		"msgstr \"Line 1\\nLine 2\\t\\\"quoted\\\" back\\\\slash\"\n"
		"\n"
		"#, fuzzy\n"
		"msgid \"Unscharf\"\n"
		"msgstr \"Fuzzy\"\n"
		"\n"
		"#, c-format, fuzzy\n"
		"msgid \"Auch unscharf %d\"\n"
		"msgstr \"Also fuzzy %d\"\n"
		"\n"
		"#, c-format\n"
		"msgid \"%d Treffer\"\n"
		"msgstr \"%d results\"\n"
		"\n"
		"msgid \"Unübersetzt\"\n"
		"msgstr \"\"\n"
		"\n"
		"   msgid \"Eingerückt\"   \n"
		"\tmsgstr \"Indented\"\r\n"
		"msgid \"Direkt danach\"\n"
		"msgstr \"Right after\"\n"
		"# trailing comment");
	if (p.rc != 0)
		fail_msg("po_parse: %s", p.err);
	assert_int_equal(p.n, 6);
	assert_string_equal(lookup(&p, "Startseite"), "Home");
	assert_string_equal(lookup(&p, "Mehrzeilige Nachricht"), "Multi-line message");
	assert_string_equal(lookup(&p, "Zeile 1\nZeile 2"), "Line 1\nLine 2\t\"quoted\" back\\slash");
	assert_string_equal(lookup(&p, "%d Treffer"), "%d results");
	assert_string_equal(lookup(&p, "Eingerückt"), "Indented");
	assert_string_equal(lookup(&p, "Direkt danach"), "Right after");
	/* fuzzy, untranslated and the header are skipped */
	assert_null(lookup(&p, "Unscharf"));
	assert_null(lookup(&p, "Auch unscharf %d"));
	assert_null(lookup(&p, "Unübersetzt"));
	assert_null(lookup(&p, ""));
	po_free(p.e, p.n);
}

/* msgctxt: one German word, two meanings, two translations. */
static void test_po_context(void **state)
{
	(void)state;
	struct parsed p = parse("msgid \"Ort\"\n"
				"msgstr \"Location\"\n"
				"\n"
				"msgctxt \"Adresse\"\n"
				"msgid \"Ort\"\n"
				"msgstr \"City\"\n"
				"\n"
				"msgctxt \"Lang\"\n"
				"\"er Kontext\"\n"
				"msgid \"Ort\"\n"
				"msgstr \"Town\"\n");
	assert_int_equal(p.rc, 0);
	assert_int_equal(p.n, 3);
	assert_string_equal(lookup(&p, "Ort"), "Location");
	assert_string_equal(lookup(&p, NC_("Adresse", "Ort")), "City");
	assert_string_equal(lookup(&p, NC_("Langer Kontext", "Ort")), "Town");
	po_free(p.e, p.n);
	/* the program's catalogue (loaded by the group); German shows the word
	 * without its context */
	struct { const char *lang; } de = { "de" }, en = { "en" };
	assert_string_equal(TC(&de, "Adresse", "Ort"), "Ort");
	assert_string_equal(TC(&en, "Adresse", "Ort"), "City");
	assert_string_equal(T(&en, "Ort"), "Location");
	assert_string_equal(TC(&en, "Unbekannt", "Ort"), "Ort"); /* no entry: the source text */
}

static void test_po_fuzzy_does_not_leak(void **state)
{
	(void)state;
	/* the fuzzy flag belongs to one entry only */
	struct parsed p = parse("#, fuzzy\n"
				"msgid \"A\"\n"
				"msgstr \"a\"\n"
				"msgid \"B\"\n"
				"msgstr \"b\"\n");
	assert_int_equal(p.rc, 0);
	assert_int_equal(p.n, 1);
	assert_null(lookup(&p, "A"));
	assert_string_equal(lookup(&p, "B"), "b");
	po_free(p.e, p.n);
}

static void test_po_empty(void **state)
{
	(void)state;
	struct parsed p = parse("");
	assert_int_equal(p.rc, 0);
	assert_int_equal(p.n, 0);
	po_free(p.e, p.n);
	p = parse("# only a comment\n\n\n");
	assert_int_equal(p.rc, 0);
	assert_int_equal(p.n, 0);
	po_free(p.e, p.n);
}

static void expect_error(const char *text, int line, const char *what)
{
	struct parsed p = parse(text);
	if (p.rc != -1)
		fail_msg("accepted: %s", text);
	assert_null(p.e);
	assert_int_equal(p.n, 0);
	char want[32];
	snprintf(want, sizeof(want), "line %d", line);
	if (strncmp(p.err, want, strlen(want)) != 0 || !(p.err[strlen(want)] < '0' || p.err[strlen(want)] > '9'))
		fail_msg("expected \"%s\" in \"%s\"", want, p.err);
	if (what && !strstr(p.err, what))
		fail_msg("expected \"%s\" in \"%s\"", what, p.err);
}

static void test_po_bad(void **state)
{
	(void)state;
	expect_error("msgid \"abc\n"
		     "msgstr \"x\"\n", 1, "unterminated");
	expect_error("msgid \"a\"\n"
		     "msgstr \"abc\\\"\n", 2, "unterminated");
	expect_error("msgid \"a\"\n"
		     "msgstr \"x\"\n"
		     "\n"
		     "msgstr \"y\"\n", 4, "msgstr without msgid");
	expect_error("msgstr \"y\"\n", 1, "msgstr without msgid");
	expect_error("msgid \"a\"\n"
		     "msgstr \"x\"\n"
		     "msgstr \"y\"\n", 3, "msgstr without msgid");
	expect_error("msgid \"a\"\n"
		     "msgstr \"\\q\"\n", 2, "escape");
	expect_error("msgid \"\\x41\"\n"
		     "msgstr \"A\"\n", 1, "escape");
	expect_error("msgid \"a\"\n"
		     "msgstr[0] \"x\"\n", 2, "without msgid_plural");
	expect_error("msgid \"Datei\"\n"
		     "msgid_plural \"Dateien\"\n"
		     "msgstr \"file\"\n", 3, "msgstr[0]");
	expect_error("msgid \"Datei\"\n"
		     "msgid_plural \"Dateien\"\n"
		     "msgstr[1] \"files\"\n", 3, "expected msgstr[0]");
	expect_error("msgid \"Datei\"\n"
		     "msgid_plural \"Dateien\"\n"
		     "msgstr[0] \"file\"\n"
		     "msgstr[0] \"files\"\n", 4, "expected msgstr[1]");
	expect_error("msgid \"Datei\"\n"
		     "msgstr \"file\"\n"
		     "msgid_plural \"Dateien\"\n", 3, "out of place");
	expect_error("msgid_plural \"Dateien\"\n"
		     "msgstr[0] \"file\"\n", 1, "out of place");
	expect_error("msgid \"D\"\n"
		     "msgid_plural \"Ds\"\n"
		     "msgstr[0] \"0\"\nmsgstr[1] \"1\"\nmsgstr[2] \"2\"\n"
		     "msgstr[3] \"3\"\nmsgstr[4] \"4\"\nmsgstr[5] \"5\"\n"
		     "msgstr[6] \"6\"\n", 9, "more than 6");
	expect_error("msgid \"D\"\n"
		     "msgid_plural \"Ds\"\n"
		     "msgstr[x] \"0\"\n", 3, "expected msgstr[0]");
	expect_error("msgid \"a\"\n"
		     "msgctxt \"menu\"\n"
		     "msgstr \"x\"\n", 2, "msgctxt out of place");
	expect_error("msgctxt \"a\"\n"
		     "msgctxt \"b\"\n"
		     "msgid \"x\"\n"
		     "msgstr \"y\"\n", 2, "msgctxt out of place");
	expect_error("msgctxt \"menu\"\n", 2, "without msgstr");
	expect_error("msgid \"a\"\n"
		     "msgid \"b\"\n"
		     "msgstr \"x\"\n", 2, NULL);
	expect_error("\"floating\"\n", 1, "outside");
	expect_error("msgid \"a\"\n"
		     "msgstr \"x\"\n"
		     "\n"
		     "\"floating\"\n", 4, "outside");
	expect_error("msgid a\n"
		     "msgstr \"x\"\n", 1, "quoted");
	expect_error("msgid \"a\" junk\n"
		     "msgstr \"x\"\n", 1, "after");
	expect_error("msgid \"a\"\n"
		     "garbage\n", 2, "unexpected");
	expect_error("# fine\n"
		     "\n"
		     "msgid \"a\"\n"
		     "msgstr \"x\"\n"
		     "\n"
		     "msgid \"b\"\n"
		     "msgstr \"y\n", 7, "unterminated");
	/* a msgid at the very end without its msgstr */
	struct parsed p = parse("msgid \"a\"\nmsgstr \"x\"\n\nmsgid \"b\"\n");
	assert_int_equal(p.rc, -1);
	assert_non_null(strstr(p.err, "line "));
	assert_null(p.e);
}

static void test_po_limits(void **state)
{
	(void)state;
	/* a string cut off inside an escape at the end of the text */
	const char t[] = "msgid \"a\"\nmsgstr \"x\\";
	struct po_entry *e = (struct po_entry *)1;
	size_t n = 7;
	char err[64];
	assert_int_equal(po_parse(t, sizeof(t) - 1, &e, &n, err, sizeof(err)), -1);
	assert_null(e);
	assert_int_equal(n, 0);
	/* len is honoured: a prefix of valid text */
	const char good[] = "msgid \"a\"\nmsgstr \"x\"\nmsgid \"b\"\nmsgstr \"y\"\n";
	assert_int_equal(po_parse(good, 21, &e, &n, err, sizeof(err)), 0);
	assert_int_equal(n, 1);
	assert_string_equal(e[0].id, "a");
	assert_string_equal(e[0].str, "x");
	po_free(e, n);
	/* a small error buffer is not overrun */
	char tiny[8];
	memset(tiny, 'z', sizeof(tiny));
	assert_int_equal(po_parse("msgstr \"y\"\n", 11, &e, &n, tiny, 6), -1);
	assert_int_equal(tiny[5], '\0');
	assert_int_equal(tiny[6], 'z');
	/* many entries */
	char big[64 * 1024];
	size_t o = 0;
	for (int i = 0; i < 1000; i++)
		o += (size_t)snprintf(big + o, sizeof(big) - o, "msgid \"k%d\"\nmsgstr \"v%d\"\n\n", i, i);
	assert_int_equal(po_parse(big, o, &e, &n, err, sizeof(err)), 0);
	assert_int_equal(n, 1000);
	assert_string_equal(e[999].id, "k999");
	assert_string_equal(e[999].str, "v999");
	po_free(e, n);
}

/* Plural entries: msgid_plural and msgstr[0..k), with continuation lines;
 * one with an empty form is untranslated. */
static void test_po_plural(void **state)
{
	(void)state;
	struct parsed p = parse("msgid \"{1} Angebot\"\n"
				"msgid_plural \"{1} Angebote\"\n"
				"msgstr[0] \"{1} предложение\"\n"
				"msgstr[1] \"{1} \"\n"
				"\"предложения\"\n"
				"msgstr[2] \"{1} предложений\"\n"
				"\n"
				"msgid \"{1} Platz\"\n"
				"msgid_plural \"{1} Plätze\"\n"
				"msgstr[0] \"{1} место\"\n"
				"msgstr[1] \"\"\n"
				"msgstr[2] \"{1} мест\"\n"
				"msgid \"Einzeln\"\n"
				"msgstr \"Один\"\n");
	if (p.rc != 0)
		fail_msg("po_parse: %s", p.err);
	assert_int_equal(p.n, 2);
	assert_string_equal(p.e[0].id, "{1} Angebot");
	assert_string_equal(p.e[0].id_plural, "{1} Angebote");
	assert_string_equal(p.e[0].str, "{1} предложение");
	assert_string_equal(p.e[0].plural[0], "{1} предложения");
	assert_string_equal(p.e[0].plural[1], "{1} предложений");
	assert_null(p.e[0].plural[2]);
	assert_null(p.e[1].id_plural);
	assert_string_equal(p.e[1].str, "Один");
	po_free(p.e, p.n);
}

/* Every embedded PO file parses, and every entry in it is what i18n_get
 * (i18n_nget for a plural entry) answers for its language. */
static void test_embedded_catalog(void **state)
{
	(void)state;
	for (size_t l = 1; i18n_langs[l]; l++) {
		const char *lang = i18n_langs[l];
		char name[16];
		snprintf(name, sizeof(name), "%s.po", lang);
		const struct embed_file *f = embed_find(embed_po, embed_po_count, name);
		if (!f)
			fail_msg("po/%s is not embedded", name);
		struct po_entry *e;
		size_t n;
		char err[200];
		if (po_parse(f->data, f->len, &e, &n, err, sizeof(err)) != 0)
			fail_msg("po/%s: %s", name, err);
		for (size_t i = 0; i < n; i++) {
			/* German is the source: the msgid itself (after its context) */
			const char *ctx = strchr(e[i].id, I18N_CTX_SEP);
			if (!e[i].id_plural) {
				assert_string_equal(i18n_get(lang, e[i].id), e[i].str);
				assert_ptr_equal(i18n_get("de", e[i].id), ctx ? ctx + 1 : e[i].id);
				continue;
			}
			for (unsigned long k = 0; k < 200; k++) {
				int form = i18n_plural(lang, k);
				const char *want = form == 0 ? e[i].str : e[i].plural[form - 1];
				assert_non_null(want);
				assert_string_equal(i18n_nget(lang, e[i].id, e[i].id_plural, k), want);
			}
			assert_ptr_equal(i18n_nget("de", e[i].id, e[i].id_plural, 1), e[i].id);
			assert_ptr_equal(i18n_nget("de", e[i].id, e[i].id_plural, 0), e[i].id_plural);
		}
		po_free(e, n);
	}
}

/* The plural rules, at the numbers where the forms change. */
static void test_plural_rules(void **state)
{
	(void)state;
	static const struct {
		const char *lang;
		unsigned long n;
		int form;
	} cases[] = {
		{ "de", 0, 1 }, { "de", 1, 0 }, { "de", 2, 1 }, { "en", 1, 0 }, { "en", 21, 1 },
		{ "tr", 0, 1 }, { "tr", 1, 0 }, { "tr", 5, 1 },
		{ "fa", 0, 0 }, { "fa", 1, 0 }, { "fa", 2, 1 }, { "fa", 100, 1 },
		{ "ru", 0, 2 }, { "ru", 1, 0 }, { "ru", 2, 1 }, { "ru", 4, 1 }, { "ru", 5, 2 },
		{ "ru", 11, 2 }, { "ru", 12, 2 }, { "ru", 14, 2 }, { "ru", 21, 0 }, { "ru", 22, 1 },
		{ "ru", 25, 2 }, { "ru", 101, 0 }, { "ru", 111, 2 }, { "ru", 112, 2 }, { "ru", 122, 1 },
		{ "uk", 1, 0 }, { "uk", 3, 1 }, { "uk", 11, 2 }, { "uk", 31, 0 }, { "uk", 1000, 2 },
		{ "ar", 0, 0 }, { "ar", 1, 1 }, { "ar", 2, 2 }, { "ar", 3, 3 }, { "ar", 10, 3 },
		{ "ar", 11, 4 }, { "ar", 99, 4 }, { "ar", 100, 5 }, { "ar", 101, 5 }, { "ar", 102, 5 },
		{ "ar", 103, 3 }, { "ar", 111, 4 }, { "ar", 200, 5 }, { "ar", 1000, 5 }, { "ar", 1003, 3 },
		{ "xx", 1, 0 }, { "xx", 2, 1 }, /* an unknown language: German's rule */
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int got = i18n_plural(cases[i].lang, cases[i].n);
		if (got != cases[i].form)
			fail_msg("%s, %lu: form %d, expected %d", cases[i].lang, cases[i].n, got, cases[i].form);
		assert_true(got < i18n_nplurals(cases[i].lang));
	}
	assert_int_equal(i18n_nplurals("ar"), 6);
	assert_int_equal(i18n_nplurals("ru"), 3);
	assert_int_equal(i18n_nplurals("uk"), 3);
	assert_int_equal(i18n_nplurals("tr"), 2);
	assert_int_equal(i18n_nplurals("fa"), 2);
	/* a msgid nobody translated: German's two forms */
	assert_string_equal(i18n_nget("ar", "{1} Ding", "{1} Dinge", 1), "{1} Ding");
	assert_string_equal(i18n_nget("ar", "{1} Ding", "{1} Dinge", 3), "{1} Dinge");
	assert_string_equal(i18n_nget("en", "{1} Angebot gefunden", "{1} Angebote gefunden", 1),
			    "{1} offer found");
	assert_string_equal(i18n_nget("en", "{1} Angebot gefunden", "{1} Angebote gefunden", 0),
			    "{1} offers found");
}

static void test_get(void **state)
{
	(void)state;
	const char *x = "Eine Zeichenkette, die niemand übersetzt hat";
	assert_ptr_equal(i18n_get("de", x), x);
	assert_ptr_equal(i18n_get("en", x), x);
	assert_ptr_equal(i18n_get("xx", x), x);
	assert_ptr_equal(i18n_get(NULL, x), x);
	/* the header (msgid "") is not a translation */
	assert_string_equal(i18n_get("en", ""), "");
}

static void test_lang(void **state)
{
	(void)state;
	assert_string_equal(i18n_langs[0], "de"); /* the source language comes first */
	assert_ptr_equal(i18n_lang("de"), i18n_langs[0]);
	assert_ptr_equal(i18n_lang("en"), i18n_langs[1]);
	char buf[3] = "en";
	assert_ptr_equal(i18n_lang(buf), i18n_langs[1]); /* canonical static string */
	assert_null(i18n_lang("xx"));
	assert_null(i18n_lang(""));
	assert_null(i18n_lang(NULL));
	assert_null(i18n_lang("EN"));
	assert_null(i18n_lang("en-GB"));
	assert_null(i18n_lang("e"));
	assert_null(i18n_lang("de\n"));
	assert_string_equal(i18n_lang_name("de"), "Deutsch");
	assert_string_equal(i18n_lang_name("en"), "English");
	assert_string_equal(i18n_lang_name("tr"), "Türkçe");
	assert_string_equal(i18n_lang_name("ar"), "العربية");
	assert_string_equal(i18n_lang_name("uk"), "Українська");
	assert_string_equal(i18n_lang_name("ru"), "Русский");
	assert_string_equal(i18n_lang_name("fa"), "فارسی");
	assert_true(i18n_rtl("ar") && i18n_rtl("fa"));
	assert_false(i18n_rtl("de") || i18n_rtl("uk") || i18n_rtl("tr") || i18n_rtl(NULL));
	/* the staff area speaks German and English */
	assert_string_equal(i18n_staff_lang("en"), "en");
	assert_string_equal(i18n_staff_lang("de"), "de");
	assert_string_equal(i18n_staff_lang("ar"), "de");
	assert_string_equal(i18n_staff_lang(NULL), "de");
	/* German is the source; English is reviewed */
	assert_false(i18n_review_note("de"));
	assert_false(i18n_review_note("en"));
	for (size_t i = 0; i18n_langs[i]; i++) {
		assert_non_null(i18n_lang_name(i18n_langs[i]));
		assert_true(strlen(i18n_lang_name(i18n_langs[i])) > 0);
	}
}

static int group_setup(void **state)
{
	(void)state;
	log_set_quiet(1);
	return i18n_init() == 0 ? 0 : -1;
}

static int group_teardown(void **state)
{
	(void)state;
	i18n_free();
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_po_good),
		cmocka_unit_test(test_po_context),
		cmocka_unit_test(test_po_fuzzy_does_not_leak),
		cmocka_unit_test(test_po_empty),
		cmocka_unit_test(test_po_bad),
		cmocka_unit_test(test_po_limits),
		cmocka_unit_test(test_po_plural),
		cmocka_unit_test(test_embedded_catalog),
		cmocka_unit_test(test_plural_rules),
		cmocka_unit_test(test_get),
		cmocka_unit_test(test_lang),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
