/* test_form.c — unit tests for declared-field validation (form_validate) and UTF-8 checking. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "http/form.h"

enum { F_NAME, F_EMAIL, F_MSG, F_AGE, F_KIND, F_CONSENT, F_TRAP, F_NOTE, F__N };

static const char *const kinds[] = { "frage", "hinweis", NULL };

static const struct field fields[F__N] = {
	[F_NAME] = { "name", FIELD_TEXT, FIELD_REQUIRED, 5, 0, 0, NULL },
	[F_EMAIL] = { "email", FIELD_EMAIL, 0, 0, 0, 0, NULL },
	[F_MSG] = { "message", FIELD_MULTILINE, 0, 0, 0, 0, NULL },
	[F_AGE] = { "age", FIELD_INT, 0, 0, 14, 99, NULL },
	[F_KIND] = { "kind", FIELD_CHOICE, 0, 0, 0, 0, kinds },
	[F_CONSENT] = { "consent", FIELD_CHECKBOX, FIELD_REQUIRED, 0, 0, 0, NULL },
	[F_TRAP] = { "website", FIELD_HONEYPOT, 0, 0, 0, 0, NULL },
	[F_NOTE] = { "note", FIELD_TEXT, 0, 0, 0, 0, NULL },
};

struct fx {
	struct req r;
	struct kvlist src;
	struct form f;
};

static int setup(void **state)
{
	struct fx *x = calloc(1, sizeof(*x));
	if (!x)
		return -1;
	x->r.a = arena_new();
	*state = x;
	return 0;
}

static int teardown(void **state)
{
	struct fx *x = *state;
	arena_free(x->r.a);
	free(x);
	return 0;
}

static void add(struct fx *x, const char *k, const char *v)
{
	kv_add(x->r.a, &x->src, k, v, strlen(v));
}

static void addn(struct fx *x, const char *k, const char *v, size_t n)
{
	kv_add(x->r.a, &x->src, k, v, n);
}

/* A valid baseline: name and consent, everything else absent. */
static void base(struct fx *x)
{
	memset(&x->src, 0, sizeof(x->src));
	add(x, "name", "Ada");
	add(x, "consent", "on");
}

static int validate(struct fx *x)
{
	return form_validate(&x->r, &x->src, fields, F__N, &x->f);
}

/* Validate a single-field table with one value (NULL = absent). */
static int one(struct fx *x, const struct field *fl, const char *v, size_t n)
{
	memset(&x->src, 0, sizeof(x->src));
	if (v)
		addn(x, fl->name, v, n);
	return form_validate(&x->r, &x->src, fl, 1, &x->f);
}

#define ONE(x, fl, s) one((x), (fl), (s), sizeof(s) - 1)

static void test_valid(void **state)
{
	struct fx *x = *state;
	base(x);
	add(x, "email", "ada@example.org");
	add(x, "message", "Zeile 1\nZeile 2\r\n\tEingerückt");
	add(x, "age", "17");
	add(x, "kind", "hinweis");
	add(x, "website", "");
	add(x, "undeclared", "ignored");
	assert_int_equal(validate(x), 0);
	assert_int_equal(x->f.nerr, 0);
	assert_int_equal(x->f.n, F__N);
	assert_string_equal(x->f.val[F_NAME], "Ada");
	assert_string_equal(x->f.val[F_EMAIL], "ada@example.org");
	assert_string_equal(x->f.val[F_MSG], "Zeile 1\nZeile 2\r\n\tEingerückt");
	assert_string_equal(x->f.val[F_AGE], "17");
	assert_int_equal(x->f.num[F_AGE], 17);
	assert_string_equal(x->f.val[F_KIND], "hinweis");
	assert_string_equal(x->f.val[F_CONSENT], "1");
	assert_null(x->f.val[F_NOTE]);
	assert_int_equal(x->f.honeypot, 0);
	for (int i = 0; i < F__N; i++)
		assert_null(x->f.err[i]);
}

/* Invisible characters at the ends are trimmed, so a value made only of
 * them is empty; bidi overrides and isolates, and a byte-order mark
 * inside, are refused; a zero-width non-joiner inside a Persian word
 * stays (#11). */
static void test_invisible(void **state)
{
	struct fx *x = *state;
	static const char *const empty[] = { "\xE2\x80\x8B\xE2\x80\x8B", "\xEF\xBB\xBF", "\xC2\xA0 \xE2\x81\xA0",
					     "\xE2\x80\x8E\xE2\x80\x8F\xE2\x80\xAF" };
	for (size_t i = 0; i < sizeof(empty) / sizeof(*empty); i++) {
		assert_int_equal(one(x, &fields[F_NAME], empty[i], strlen(empty[i])), 1);
		assert_string_equal(x->f.err[0], "Bitte füllen Sie dieses Feld aus.");
	}
	assert_int_equal(ONE(x, &fields[F_NAME], "\xEF\xBB\xBFLeyla\xE2\x80\x8B"), 0);
	assert_string_equal(x->f.val[0], "Leyla");
	static const char *const bad[] = { "ab\xE2\x80\xAE" "cd", "\xE2\x81\xA6x\xE2\x81\xA9", "a\xEF\xBB\xBF" "b",
					   "x\xE2\x80\xAAy" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		assert_int_equal(one(x, &fields[F_NOTE], bad[i], strlen(bad[i])), 1);
		assert_string_equal(x->f.err[0], "Der Text enthält ungültige Zeichen.");
	}
	/* "می‌خواهم": the non-joiner belongs to the word */
	assert_int_equal(ONE(x, &fields[F_NOTE], "\xD9\x85\xDB\x8C\xE2\x80\x8C\xD8\xAE\xD9\x88\xD8\xA7\xD9\x87\xD9\x85"), 0);
	assert_string_equal(x->f.val[0], "\xD9\x85\xDB\x8C\xE2\x80\x8C\xD8\xAE\xD9\x88\xD8\xA7\xD9\x87\xD9\x85");
}

static void test_required(void **state)
{
	struct fx *x = *state;
	static const char *const blanks[] = { NULL, "", " ", "\t \r\n  ", "\n" };
	for (size_t i = 0; i < sizeof(blanks) / sizeof(blanks[0]); i++) {
		memset(&x->src, 0, sizeof(x->src));
		add(x, "consent", "1");
		if (blanks[i])
			add(x, "name", blanks[i]);
		assert_int_equal(validate(x), 1);
		assert_non_null(x->f.err[F_NAME]);
		assert_null(x->f.val[F_NAME]);
		assert_null(x->f.err[F_CONSENT]);
	}
	/* optional fields that are blank are simply absent */
	base(x);
	add(x, "note", "   ");
	add(x, "age", "");
	add(x, "kind", " ");
	assert_int_equal(validate(x), 0);
	assert_null(x->f.val[F_NOTE]);
	assert_null(x->f.val[F_AGE]);
	assert_null(x->f.val[F_KIND]);
}

static void test_trim(void **state)
{
	struct fx *x = *state;
	base(x);
	x->src.n = 0;
	add(x, "name", " \t Ada \r\n");
	add(x, "consent", "1");
	add(x, "message", "\n\n  Text\n  mehr  \n\n");
	add(x, "age", "  20 ");
	add(x, "kind", " frage\t");
	assert_int_equal(validate(x), 0);
	assert_string_equal(x->f.val[F_NAME], "Ada");
	assert_string_equal(x->f.val[F_MSG], "Text\n  mehr");
	assert_int_equal(x->f.num[F_AGE], 20);
	assert_string_equal(x->f.val[F_KIND], "frage");
	/* the first of repeated names counts */
	base(x);
	add(x, "name", "Zweiter");
	assert_int_equal(validate(x), 0);
	assert_string_equal(x->f.val[F_NAME], "Ada");
}

static void test_maxlen_code_points(void **state)
{
	struct fx *x = *state;
	const struct field *name = &fields[F_NAME]; /* maxlen 5 */
	assert_int_equal(ONE(x, name, "abcde"), 0);
	assert_int_equal(ONE(x, name, "abcdef"), 1);
	assert_non_null(x->f.err[0]);
	assert_string_equal(x->f.val[0], "abcdef"); /* kept for showing the form again */
	/* umlauts are two bytes but one character each */
	assert_int_equal(ONE(x, name, "äöüßÄ"), 0);
	assert_string_equal(x->f.val[0], "äöüßÄ");
	assert_int_equal(ONE(x, name, "äöüßÄÖ"), 1);
	/* four-byte characters */
	assert_int_equal(ONE(x, name, "😀😀😀😀😀"), 0);
	assert_int_equal(ONE(x, name, "😀😀😀😀😀😀"), 1);
	/* whitespace trimmed before counting */
	assert_int_equal(ONE(x, name, "   abcde   "), 0);

	/* maxlen 0 means 200 */
	const struct field *note = &fields[F_NOTE];
	char s[512];
	memset(s, 'x', 200);
	s[200] = '\0';
	assert_int_equal(one(x, note, s, 200), 0);
	s[200] = 'x';
	s[201] = '\0';
	assert_int_equal(one(x, note, s, 201), 1);
	/* 200 umlauts = 400 bytes: still fine */
	for (int i = 0; i < 200; i++)
		memcpy(s + 2 * i, "ü", 2);
	s[400] = '\0';
	assert_int_equal(one(x, note, s, 400), 0);
}

static void test_invalid_utf8(void **state)
{
	struct fx *x = *state;
	const struct field *note = &fields[F_NOTE];
	const struct field *msg = &fields[F_MSG];
	static const char *const bad[] = {
		"\xC0\xAF",             /* overlong '/' */
		"\xE0\x80\xAF",         /* overlong, three bytes */
		"\xF0\x80\x80\xAF",     /* overlong, four bytes */
		"\xC1\xBF",             /* overlong */
		"\xED\xA0\x80",         /* surrogate U+D800 */
		"\xED\xBF\xBF",         /* surrogate U+DFFF */
		"a\xC3",                /* truncated */
		"\xE2\x82",             /* truncated */
		"\xF0\x9F\x98",         /* truncated */
		"\x80",                 /* lone continuation */
		"\xBFx",
		"\xC3\x28",             /* bad continuation */
		"\xF4\x90\x80\x80",     /* above U+10FFFF */
		"\xF8\x88\x80\x80\x80", /* five-byte form */
		"\xFE\xFF",
		"ok\xFF",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (one(x, note, bad[i], strlen(bad[i])) != 1)
			fail_msg("bad[%zu] accepted in FIELD_TEXT", i);
		assert_non_null(x->f.err[0]);
		assert_non_null(x->f.val[0]); /* kept (the view escapes it) */
		if (one(x, msg, bad[i], strlen(bad[i])) != 1)
			fail_msg("bad[%zu] accepted in FIELD_MULTILINE", i);
	}
	/* NUL inside a value */
	assert_int_equal(one(x, note, "a\0b", 3), 1);
	assert_int_equal(one(x, msg, "a\0b", 3), 1);
	/* boundaries that are valid */
	assert_int_equal(ONE(x, note, "\xC2\x80\xDF\xBF"), 0);          /* U+0080, U+07FF */
	assert_int_equal(ONE(x, note, "\xE0\xA0\x80\xEF\xBF\xBD"), 0);  /* U+0800, U+FFFD */
	assert_int_equal(ONE(x, note, "\xED\x9F\xBF\xEE\x80\x80"), 0);  /* U+D7FF, U+E000 */
	assert_int_equal(ONE(x, note, "\xF0\x90\x80\x80\xF4\x8F\xBF\xBF"), 0); /* U+10000, U+10FFFF */
}

static void test_controls(void **state)
{
	struct fx *x = *state;
	const struct field *note = &fields[F_NOTE];
	const struct field *msg = &fields[F_MSG];
	const struct field *email = &fields[F_EMAIL];
	/* inner line breaks and tabs: refused in one-line text, fine in multiline */
	assert_int_equal(ONE(x, note, "a\nb"), 1);
	assert_int_equal(ONE(x, note, "a\tb"), 1);
	assert_int_equal(ONE(x, note, "a\rb"), 1);
	assert_int_equal(ONE(x, msg, "a\nb"), 0);
	assert_int_equal(ONE(x, msg, "a\tb"), 0);
	assert_int_equal(ONE(x, msg, "a\r\nb"), 0);
	assert_int_equal(ONE(x, email, "a@b.de\nBcc: c@d.de"), 1);
	/* other control characters are refused everywhere */
	static const char *const ctl[] = { "a\x01" "b", "a\x1b[31mb", "a\x7f" "b", "a\x0b" "b",
					   "a\x0c" "b", "a\x08" "b" };
	for (size_t i = 0; i < sizeof(ctl) / sizeof(ctl[0]); i++) {
		if (one(x, note, ctl[i], strlen(ctl[i])) != 1)
			fail_msg("ctl[%zu] accepted in FIELD_TEXT", i);
		if (one(x, msg, ctl[i], strlen(ctl[i])) != 1)
			fail_msg("ctl[%zu] accepted in FIELD_MULTILINE", i);
	}
	/* printable hostile text is not a validation matter: it is escaped on output */
	assert_int_equal(ONE(x, note, "\"><script>alert(1)</script>"), 0);
}

static void test_email(void **state)
{
	struct fx *x = *state;
	const struct field *email = &fields[F_EMAIL];
	static const char *const good[] = { "a@b.de", "ada.lovelace+lotse@example.org",
					    "x@sub.domain.example", "ü@bücher.de" };
	static const char *const bad[] = { "plain", "@example.org", "a@", "a@b", "a@.de",
					   "a@b.", "a@@b.de", "a@b@c.de", "a b@c.de", "a@b .de",
					   "<a@b.de>", "a@b.de,c@d.de", "a@b.de;c@d.de",
					   "\"a\"@b.de" };
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		if (one(x, email, good[i], strlen(good[i])) != 0)
			fail_msg("valid address %s refused", good[i]);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (one(x, email, bad[i], strlen(bad[i])) != 1)
			fail_msg("invalid address %s accepted", bad[i]);
		assert_string_equal(x->f.val[0], bad[i]);
	}
	/* optional and absent: no error */
	assert_int_equal(one(x, email, NULL, 0), 0);
	assert_null(x->f.val[0]);
}

static void test_int(void **state)
{
	struct fx *x = *state;
	const struct field *age = &fields[F_AGE]; /* [14, 99] */
	assert_int_equal(ONE(x, age, "14"), 0);
	assert_int_equal(x->f.num[0], 14);
	assert_int_equal(ONE(x, age, "99"), 0);
	assert_int_equal(x->f.num[0], 99);
	assert_int_equal(ONE(x, age, "+42"), 0);
	assert_int_equal(x->f.num[0], 42);
	static const char *const bad[] = { "13", "100", "-1", "0", "abc", "12abc", "1 2", "1.5",
					   "1e2", "0x20", "--5", "+", "-",
					   "99999999999999999999999", "-99999999999999999999999",
					   "\xEF\xBC\x91\xEF\xBC\x95" /* full-width 15 */ };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (one(x, age, bad[i], strlen(bad[i])) != 1)
			fail_msg("%s accepted as an age", bad[i]);
		assert_non_null(x->f.err[0]);
		assert_string_equal(x->f.val[0], bad[i]);
	}
	/* the error message differs for range and garbage */
	ONE(x, age, "100");
	const char *range = x->f.err[0];
	ONE(x, age, "abc");
	assert_string_not_equal(range, x->f.err[0]);

	/* the full long long range */
	static const struct field wide = { "n", FIELD_INT, 0, 0, -9223372036854775807LL - 1,
					   9223372036854775807LL, NULL };
	assert_int_equal(ONE(x, &wide, "-9223372036854775808"), 0);
	assert_true(x->f.num[0] == -9223372036854775807LL - 1);
	assert_int_equal(ONE(x, &wide, "9223372036854775807"), 0);
	assert_int_equal(ONE(x, &wide, "9223372036854775808"), 1);
}

static void test_choice(void **state)
{
	struct fx *x = *state;
	const struct field *kind = &fields[F_KIND];
	assert_int_equal(ONE(x, kind, "frage"), 0);
	assert_string_equal(x->f.val[0], "frage");
	assert_int_equal(ONE(x, kind, "hinweis"), 0);
	static const char *const bad[] = { "Frage", "frag", "fragen", "frage hinweis", "x",
					   "\"><script>" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (one(x, kind, bad[i], strlen(bad[i])) != 1)
			fail_msg("%s accepted as a choice", bad[i]);
	/* a choice field without choices accepts nothing */
	static const struct field none = { "c", FIELD_CHOICE, 0, 0, 0, 0, NULL };
	assert_int_equal(ONE(x, &none, "frage"), 1);
	/* "frage\0x" is not "frage" */
	assert_int_equal(one(x, kind, "frage\0x", 7), 1);
}

static void test_checkbox(void **state)
{
	struct fx *x = *state;
	const struct field *consent = &fields[F_CONSENT]; /* required */
	assert_int_equal(ONE(x, consent, "on"), 0);
	assert_string_equal(x->f.val[0], "1");
	assert_int_equal(ONE(x, consent, "anything at all"), 0);
	assert_string_equal(x->f.val[0], "1");
	assert_int_equal(one(x, consent, NULL, 0), 1);
	assert_null(x->f.val[0]);
	assert_non_null(x->f.err[0]);
	assert_int_equal(ONE(x, consent, ""), 1);
	assert_int_equal(ONE(x, consent, "  "), 1);
	static const struct field opt = { "opt", FIELD_CHECKBOX, 0, 0, 0, 0, NULL };
	assert_int_equal(one(x, &opt, NULL, 0), 0);
	assert_null(x->f.val[0]);
	assert_int_equal(ONE(x, &opt, "1"), 0);
	assert_string_equal(x->f.val[0], "1");
}

static void test_honeypot(void **state)
{
	struct fx *x = *state;
	base(x);
	assert_int_equal(validate(x), 0);
	assert_int_equal(x->f.honeypot, 0);
	base(x);
	add(x, "website", "   ");
	assert_int_equal(validate(x), 0);
	assert_int_equal(x->f.honeypot, 0);
	base(x);
	add(x, "website", "http://spam.example");
	validate(x);
	assert_int_equal(x->f.honeypot, 1);
	assert_null(x->f.val[F_TRAP]); /* its content is not handed on */
}

static void test_errors_keep_values(void **state)
{
	struct fx *x = *state;
	memset(&x->src, 0, sizeof(x->src));
	add(x, "name", "  Adalbert  "); /* 8 > 5 */
	add(x, "email", "kein-at");
	add(x, "message", "Nachricht bleibt\nerhalten");
	add(x, "age", "zwölf");
	add(x, "kind", "etwas");
	assert_int_equal(validate(x), 5); /* name, email, age, kind, consent */
	assert_int_equal(x->f.nerr, 5);
	assert_string_equal(x->f.val[F_NAME], "Adalbert");
	assert_string_equal(x->f.val[F_EMAIL], "kein-at");
	assert_string_equal(x->f.val[F_MSG], "Nachricht bleibt\nerhalten");
	assert_null(x->f.err[F_MSG]);
	assert_string_equal(x->f.val[F_AGE], "zwölf");
	assert_string_equal(x->f.val[F_KIND], "etwas");
	assert_non_null(x->f.err[F_NAME]);
	assert_non_null(x->f.err[F_EMAIL]);
	assert_non_null(x->f.err[F_AGE]);
	assert_non_null(x->f.err[F_KIND]);
	assert_non_null(x->f.err[F_CONSENT]);
	/* the values are copies in the request arena, not the source list */
	assert_ptr_not_equal(x->f.val[F_MSG], kv_get(&x->src, "message"));
}

static void test_reuse_clears(void **state)
{
	struct fx *x = *state;
	memset(&x->src, 0, sizeof(x->src));
	add(x, "website", "spam");
	assert_true(validate(x) > 0);
	assert_int_equal(x->f.honeypot, 1);
	base(x);
	assert_int_equal(validate(x), 0);
	assert_int_equal(x->f.honeypot, 0);
	assert_int_equal(x->f.nerr, 0);
	assert_null(x->f.err[F_NAME]);
}

static void test_utf8_count(void **state)
{
	(void)state;
	assert_int_equal(utf8_count("", 0), 0);
	assert_int_equal(utf8_count("abc", 3), 3);
	assert_int_equal(utf8_count("äöü", 6), 3);
	assert_int_equal(utf8_count("€", 3), 1);
	assert_int_equal(utf8_count("😀x", 5), 2);
	assert_int_equal(utf8_count("a\0b", 3), 3); /* NUL is a code point */
	/* only len bytes are read */
	assert_int_equal(utf8_count("abcdef", 2), 2);
	assert_int_equal(utf8_count("ä", 1), -1);
	assert_int_equal(utf8_count("\xC0\x80", 2), -1);         /* overlong NUL */
	assert_int_equal(utf8_count("\xE0\x9F\xBF", 3), -1);     /* overlong */
	assert_int_equal(utf8_count("\xF0\x8F\xBF\xBF", 4), -1); /* overlong */
	assert_int_equal(utf8_count("\xED\xA0\x80", 3), -1);     /* surrogate */
	assert_int_equal(utf8_count("\xED\xB0\x80", 3), -1);
	assert_int_equal(utf8_count("\xF4\x90\x80\x80", 4), -1); /* > U+10FFFF */
	assert_int_equal(utf8_count("\xF5\x80\x80\x80", 4), -1);
	assert_int_equal(utf8_count("\xF8\x80\x80\x80\x80", 5), -1);
	assert_int_equal(utf8_count("\x80", 1), -1);
	assert_int_equal(utf8_count("\xE2\x82", 2), -1);
	assert_int_equal(utf8_count("\xE2\x28\xAC", 3), -1);
	assert_int_equal(utf8_count("\xF4\x8F\xBF\xBF", 4), 1);  /* U+10FFFF */
	assert_int_equal(utf8_count("\xEF\xBB\xBF", 3), 1);      /* BOM is a character */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_valid, setup, teardown),
		cmocka_unit_test_setup_teardown(test_required, setup, teardown),
		cmocka_unit_test_setup_teardown(test_invisible, setup, teardown),
		cmocka_unit_test_setup_teardown(test_trim, setup, teardown),
		cmocka_unit_test_setup_teardown(test_maxlen_code_points, setup, teardown),
		cmocka_unit_test_setup_teardown(test_invalid_utf8, setup, teardown),
		cmocka_unit_test_setup_teardown(test_controls, setup, teardown),
		cmocka_unit_test_setup_teardown(test_email, setup, teardown),
		cmocka_unit_test_setup_teardown(test_int, setup, teardown),
		cmocka_unit_test_setup_teardown(test_choice, setup, teardown),
		cmocka_unit_test_setup_teardown(test_checkbox, setup, teardown),
		cmocka_unit_test_setup_teardown(test_honeypot, setup, teardown),
		cmocka_unit_test_setup_teardown(test_errors_keep_values, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reuse_clears, setup, teardown),
		cmocka_unit_test(test_utf8_count),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
