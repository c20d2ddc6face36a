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
	expect_error("msgid \"Datei\"\n"
		     "msgid_plural \"Dateien\"\n"
		     "msgstr[0] \"file\"\n"
		     "msgstr[1] \"files\"\n", 2, "plural");
	expect_error("msgid \"a\"\n"
		     "msgstr[0] \"x\"\n", 2, "plural");
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

/* The embedded en.po parses, and every entry in it is what i18n_get
 * answers for English. */
static void test_embedded_catalog(void **state)
{
	(void)state;
	const struct embed_file *f = embed_find(embed_po, embed_po_count, "en.po");
	assert_non_null(f);
	struct po_entry *e;
	size_t n;
	char err[200];
	if (po_parse(f->data, f->len, &e, &n, err, sizeof(err)) != 0)
		fail_msg("po/en.po: %s", err);
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(i18n_get("en", e[i].id), e[i].str);
		/* German is the source: the msgid itself (after its context) */
		const char *ctx = strchr(e[i].id, I18N_CTX_SEP);
		assert_ptr_equal(i18n_get("de", e[i].id), ctx ? ctx + 1 : e[i].id);
	}
	po_free(e, n);
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
		cmocka_unit_test(test_embedded_catalog),
		cmocka_unit_test(test_get),
		cmocka_unit_test(test_lang),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
