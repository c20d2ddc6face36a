/* test_worddiff.c — the word diff of the change log. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/worddiff.h"

/* The parts as one line: [-taken out-] {+put in+}, the rest as it is
 * in before. */
static const char *show(arena *a, const char *before, const char *after)
{
	struct worddiff_part *p;
	size_t n;
	if (worddiff(a, before, after, &p, &n) != 0)
		return "(same)";
	buf b;
	buf_init(&b, 0);
	for (size_t i = 0; i < n; i++) {
		const char *open = p[i].kind == WD_DEL ? "[-" : p[i].kind == WD_INS ? "{+" : "";
		const char *close = p[i].kind == WD_DEL ? "-]" : p[i].kind == WD_INS ? "+}" : "";
		buf_printf(&b, "%s%.*s%s", open, (int)p[i].len, p[i].s, close);
	}
	const char *out = arena_strdup(a, buf_str(&b));
	buf_free(&b);
	return out;
}

static void test_words(void **state)
{
	(void)state;
	arena *a = arena_new();
	assert_string_equal(show(a, "Kurs am Montag", "Kurs am Montag"), "(same)");
	assert_string_equal(show(a, "Kurs am Montag für Eltern", "Kurs am Dienstag für Eltern"),
			    "Kurs am [-Montag -]{+Dienstag +}für Eltern");
	/* words keep the space after them: "Beratung" in before has none */
	assert_string_equal(show(a, "Beratung", "Beratung und Begleitung"), "Beratung{+und Begleitung+}");
	struct worddiff_part *p;
	size_t n;
	assert_int_equal(worddiff(a, "Beratung", "Beratung und Begleitung", &p, &n), 0);
	assert_int_equal(p[0].len2, strlen("Beratung ")); /* in after, with its space */
	assert_string_equal(show(a, "", "neu"), "{+neu+}");
	assert_string_equal(show(a, "alt", ""), "[-alt-]");
	assert_string_equal(show(a, NULL, "neu"), "{+neu+}");
	/* line breaks stay with their words */
	assert_string_equal(show(a, "Zeile eins\nZeile zwei", "Zeile eins\nZeile drei"),
			    "Zeile eins\nZeile [-zwei-]{+drei+}");
	/* UTF-8 words are compared whole */
	assert_string_equal(show(a, "Grüße aus Mainz", "Grüße nach Mainz"), "Grüße [-aus -]{+nach +}Mainz");
	/* only the white space changed: no word is marked */
	assert_string_equal(show(a, "a  b", "a b"), "a  b");
	arena_free(a);
}

static void test_long_texts(void **state)
{
	(void)state;
	arena *a = arena_new();
	buf x, y;
	buf_init(&x, 0);
	buf_init(&y, 0);
	for (int i = 0; i < 1500; i++) {
		buf_printf(&x, "wort%d ", i);
		buf_printf(&y, "wort%d ", i == 700 ? -1 : i);
	}
	struct worddiff_part *p;
	size_t n;
	assert_int_equal(worddiff(a, buf_str(&x), buf_str(&y), &p, &n), 0);
	assert_int_equal(n, 4); /* same, taken out, put in, same */
	assert_int_equal(p[1].kind, WD_DEL);
	assert_int_equal(strncmp(p[1].s, "wort700 ", p[1].len), 0);
	assert_int_equal(p[2].kind, WD_INS);
	/* past the limit: the whole texts, out and in */
	for (int i = 0; i < WORDDIFF_MAX_WORDS; i++)
		buf_puts(&x, "mehr ");
	assert_int_equal(worddiff(a, buf_str(&x), buf_str(&y), &p, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(p[0].kind, WD_DEL);
	assert_int_equal(p[0].len, x.len);
	assert_int_equal(p[1].kind, WD_INS);
	buf_free(&x);
	buf_free(&y);
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_long_texts),
	};
	return cmocka_run_group_tests_name("worddiff", tests, NULL, NULL);
}
