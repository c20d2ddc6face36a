/* test_survey_expr.c — the survey condition language: parsing with clear
 * errors, evaluation against answers, the references, the canonical
 * form, and the translation of every LimeSurvey relevance and XLSForm
 * relevant/constraint of the issue and of the sample files
 * (/work/shared/reference/limesurvey-samples, xlsform-samples). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "surveys/expr.h"

/* The answers of one respondent. */
static const char *const branche_set[] = { "pflege", "handwerk" };
static const char *const hilfe_set[] = { "sprache", "geld", "wohnen" };

static int lookup(void *ctx, const char *code, struct survey_val *out)
{
	(void)ctx;
	memset(out, 0, sizeof *out);
	if (strcmp(code, "alter") == 0 || strcmp(code, "age_in_years") == 0) {
		out->kind = SURVEY_VAL_NUMBER;
		out->num = 17;
	} else if (strcmp(code, "status") == 0) {
		out->kind = SURVEY_VAL_STRING;
		out->str = "A2";
	} else if (strcmp(code, "branche") == 0) {
		out->kind = SURVEY_VAL_SET;
		out->set = branche_set;
		out->nset = 2;
	} else if (strcmp(code, "hilfe") == 0) {
		out->kind = SURVEY_VAL_SET;
		out->set = hilfe_set;
		out->nset = 3;
	} else if (strcmp(code, "keine") == 0) {
		out->kind = SURVEY_VAL_SET;
		out->nset = 0;
	} else if (strcmp(code, "Q1") == 0 || strcmp(code, "Q481") == 0) {
		out->kind = SURVEY_VAL_STRING;
		out->str = "F";
	} else if (strcmp(code, "Q2") == 0 || strcmp(code, "Q4_SQ001") == 0) {
		out->kind = SURVEY_VAL_STRING;
		out->str = "Y";
	} else if (strcmp(code, "Q3") == 0 || strcmp(code, "Q4_SQ002") == 0 || strcmp(code, "leer") == 0) {
		out->kind = SURVEY_VAL_EMPTY;
	} else if (strcmp(code, "name") == 0) {
		out->kind = SURVEY_VAL_STRING;
		out->str = "Özlem";
	} else if (strcmp(code, "plz") == 0) {
		out->kind = SURVEY_VAL_STRING;
		out->str = "55116";
	} else {
		return -1;
	}
	return 0;
}

/* The value of text for the respondent above: 1, 0, -1 (error), or -2
 * when the text does not parse. */
static int val(const char *text)
{
	arena *a = arena_new();
	survey_expr *e;
	struct survey_expr_error err = { 0 };
	int r = -2;
	if (survey_expr_parse(a, text, &e, &err) == 0) {
		r = survey_expr_eval(e, lookup, NULL, &err);
		if (r < 0)
			assert_non_null(err.msg);
	} else {
		assert_non_null(err.msg);
	}
	arena_free(a);
	return r;
}

static void test_issue_examples(void **state)
{
	(void)state;
	assert_int_equal(val("alter >= 16 and status == \"A2\""), 1);
	assert_int_equal(val("alter >= 18 and status == \"A2\""), 0);
	assert_int_equal(val("selected(branche, \"pflege\")"), 1);
	assert_int_equal(val("selected(branche, \"it\")"), 0);
	assert_int_equal(val("count_selected(hilfe) > 2"), 1);
	assert_int_equal(val("count_selected(hilfe) >= 4"), 0);
	assert_int_equal(val("count_selected(keine) == 0"), 1);
	assert_int_equal(val("is_empty(Q3)"), 1);
	assert_int_equal(val("is_empty(Q2)"), 0);
	assert_int_equal(val("!is_empty(Q3)"), 0);
	assert_int_equal(val("not is_empty(Q2) && Q4_SQ001 == \"Y\""), 1);
	assert_int_equal(val("Q4_SQ002 == \"Y\""), 0);
}

static void test_operators(void **state)
{
	(void)state;
	assert_int_equal(val("1 + 2 * 3 == 7"), 1);
	assert_int_equal(val("(1 + 2) * 3 == 9"), 1);
	assert_int_equal(val("10 - 2 - 3 == 5"), 1);
	assert_int_equal(val("12 / 2 / 3 == 2"), 1);
	assert_int_equal(val("-alter < -16"), 1);
	assert_int_equal(val("alter / 0 > 1"), -1);
	assert_int_equal(val("alter != 17 or status == 'A2'"), 1);
	assert_int_equal(val("alter != 17 || status != 'A2'"), 0);
	assert_int_equal(val("not alter == 17"), 0);
	assert_int_equal(val("not not (alter == 17)"), 1);
	assert_int_equal(val("1 and 0 or 1"), 1);
	assert_int_equal(val("1 and (0 or 0)"), 0);
	assert_int_equal(val("0.5 * 4 == 2"), 1);
	assert_int_equal(val(".5 < 1"), 1);
	/* texts: numeric texts compare as numbers, others byte by byte */
	assert_int_equal(val("plz > 55000"), 1);
	assert_int_equal(val("plz == \"55116\""), 1);
	assert_int_equal(val("\"b\" > \"a\""), 1);
	assert_int_equal(val("status > 5"), 0);
	assert_int_equal(val("status + 1 > 5"), -1);
	assert_int_equal(val("\"say \\\"hi\\\"\" == 'say \"hi\"'"), 1);
	/* length counts characters, not bytes */
	assert_int_equal(val("length(name) == 5"), 1);
	assert_int_equal(val("length(branche) == 15"), 1);
	assert_int_equal(val("count(Q1, Q2, Q3, leer) == 2"), 1);
	/* a set against a text: the codes joined by spaces */
	assert_int_equal(val("branche == \"pflege handwerk\""), 1);
	assert_int_equal(val("branche == \"pflege\""), 0);
	assert_int_equal(val("selected(status, \"A2\")"), 1);
	assert_int_equal(val("selected(alter, 17)"), 1);
	assert_int_equal(val("selected(leer, \"x\")"), 0);
	assert_int_equal(val("count_selected(status)"), 1);
}

static void test_empty_answers(void **state)
{
	(void)state;
	assert_int_equal(val("leer == \"\""), 1);
	assert_int_equal(val("leer != \"\""), 0);
	assert_int_equal(val("leer != \"A\""), 1);
	assert_int_equal(val("leer == \"A\""), 0);
	assert_int_equal(val("leer > 3"), 0);
	assert_int_equal(val("leer <= 3"), 0);
	assert_int_equal(val("leer + 1 > 0"), 0);
	assert_int_equal(val("is_empty(leer + 1)"), 1);
	assert_int_equal(val("leer"), 0);
	assert_int_equal(val("keine == \"\""), 1);
	assert_int_equal(val("length(leer) == 0"), 1);
	assert_int_equal(val("unbekannt == 1"), -1);
	/* short-circuit: the unknown code is never looked up */
	assert_int_equal(val("0 and unbekannt == 1"), 0);
}

/* The error of text: its message and position. */
static void parse_error(const char *text, size_t pos, const char *msg_part)
{
	arena *a = arena_new();
	survey_expr *e;
	struct survey_expr_error err = { 0 };
	assert_int_equal(survey_expr_parse(a, text, &e, &err), -1);
	assert_non_null(err.msg);
	if (!strstr(err.msg, msg_part))
		fail_msg("%s: message \"%s\" lacks \"%s\"", text, err.msg, msg_part);
	if (err.pos != pos)
		fail_msg("%s: position %zu, want %zu", text, err.pos, pos);
	arena_free(a);
}

static void test_errors(void **state)
{
	(void)state;
	parse_error("", 0, "leer");
	parse_error("   ", 0, "leer");
	parse_error("alter = 16", 6, "==");
	parse_error("alter >= ", 9, "fehlt ein Wert");
	parse_error("(alter >= 16", 12, "schließende Klammer");
	parse_error("alter >= 16)", 11, "Klammer zu viel");
	parse_error("alter >= 16 status", 12, "Rest");
	parse_error("status == \"A2", 10, "Anführungszeichen");
	parse_error("1 < alter < 20", 10, "verketten");
	parse_error("gibtsnicht(alter)", 0, "Unbekannte Funktion");
	parse_error("selected(branche)", 0, "Argumenten");
	parse_error("selected(\"x\", \"y\")", 0, "Fragecode");
	parse_error("count_selected(1 + 2)", 0, "Fragecode");
	parse_error("alter # 2", 6, "Zeichen");
	parse_error("alter <> 2", 6, "Zeichen");
	parse_error("16alter", 2, "Zeichen");
	parse_error("${alter} > 1", 0, "Zeichen");
	parse_error("and == 1", 0, "Wert");
	/* nesting past the limit, and length past it */
	buf b;
	buf_init(&b, 0);
	for (int i = 0; i < SURVEY_EXPR_MAX_DEPTH + 1; i++)
		buf_putc(&b, '(');
	buf_puts(&b, "1");
	for (int i = 0; i < SURVEY_EXPR_MAX_DEPTH + 1; i++)
		buf_putc(&b, ')');
	parse_error(buf_str(&b), SURVEY_EXPR_MAX_DEPTH, "verschachtelt");
	buf_reset(&b);
	for (int i = 0; i < 100; i++)
		buf_puts(&b, "not ");
	buf_puts(&b, "1");
	parse_error(buf_str(&b), 4 * (SURVEY_EXPR_MAX_DEPTH - 1), "verschachtelt");
	buf_reset(&b);
	for (int i = 0; i < 100; i++)
		buf_puts(&b, "1 + ");
	buf_puts(&b, "1");
	parse_error(buf_str(&b), 4 * SURVEY_EXPR_MAX_DEPTH - 2, "verschachtelt");
	buf_reset(&b);
	for (int i = 0; i < SURVEY_EXPR_MAX_LEN; i++)
		buf_putc(&b, ' ');
	buf_puts(&b, "1");
	parse_error(buf_str(&b), SURVEY_EXPR_MAX_LEN, "zu lang");
	/* a long or-chain is not deep */
	buf_reset(&b);
	for (int i = 0; i < 250; i++)
		buf_puts(&b, "alter == 3 or ");
	buf_puts(&b, "alter == 17");
	assert_int_equal(val(buf_str(&b)), 1);
	buf_free(&b);
}

static void test_refs_and_format(void **state)
{
	(void)state;
	arena *a = arena_new();
	survey_expr *e;
	struct survey_expr_error err;
	assert_int_equal(survey_expr_parse(a, "alter >= 16 and (status == 'A2' or selected(branche, 'x'))"
		" and alter < 30 and Q4_SQ001 == 'Y'", &e, &err), 0);
	const char **codes;
	assert_int_equal(survey_expr_refs(a, e, &codes), 4);
	assert_string_equal(codes[0], "alter");
	assert_string_equal(codes[1], "status");
	assert_string_equal(codes[2], "branche");
	assert_string_equal(codes[3], "Q4_SQ001");
	assert_string_equal(survey_expr_format(a, e),
		"alter >= 16 and (status == \"A2\" or selected(branche, \"x\")) and alter < 30 and Q4_SQ001 == \"Y\"");
	assert_int_equal(survey_expr_parse(a, "1 + 2", &e, &err), 0);
	assert_int_equal(survey_expr_refs(a, e, &codes), 0);
	assert_null(codes);
	static const char *const same[][2] = {
		{ "((a))", "a" },
		{ "a - (b - c)", "a - (b - c)" },
		{ "(a - b) - c", "a - b - c" },
		{ "a / (b * c)", "a / (b * c)" },
		{ "-(a + 1)", "-(a + 1)" },
		{ "!a && b || c", "not a and b or c" },
		{ "not (a or b)", "not (a or b)" },
		{ "(a or b) or c", "(a or b) or c" },
		{ "(a == 1) == (b == 2)", "(a == 1) == (b == 2)" },
		{ "'back\\\\slash'", "\"back\\\\slash\"" },
		{ "count(a,b ,c)", "count(a, b, c)" },
	};
	for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
		assert_int_equal(survey_expr_parse(a, same[i][0], &e, &err), 0);
		char *f = survey_expr_format(a, e);
		assert_string_equal(f, same[i][1]);
		/* the canonical form reads back to itself */
		assert_int_equal(survey_expr_parse(a, f, &e, &err), 0);
		assert_string_equal(survey_expr_format(a, e), f);
	}
	arena_free(a);
}

/* The translation of text, or "ERR@pos: msg". */
static const char *lime(arena *a, const char *text)
{
	char *out;
	struct survey_expr_error err = { 0 };
	if (survey_expr_from_limesurvey(a, text, &out, &err) != 0)
		return arena_printf(a, "ERR@%zu: %s", err.pos, err.msg);
	return out;
}

static const char *xls(arena *a, const char *text, const char *self)
{
	char *out;
	struct survey_expr_error err = { 0 };
	if (survey_expr_from_xlsform(a, text, self, &out, &err) != 0)
		return arena_printf(a, "ERR@%zu: %s", err.pos, err.msg);
	return out;
}

static void test_limesurvey(void **state)
{
	(void)state;
	arena *a = arena_new();
	/* the issue's */
	assert_string_equal(lime(a, "Q1.NAOK == \"A2\""), "Q1 == \"A2\"");
	assert_string_equal(lime(a, "((Q2 == \"Y\"))"), "Q2 == \"Y\"");
	assert_string_equal(lime(a, "!is_empty(Q3)"), "not is_empty(Q3)");
	assert_string_equal(lime(a, "Q4_SQ001 == \"Y\""), "Q4_SQ001 == \"Y\"");
	assert_string_equal(lime(a, "count(Q5_SQ001.NAOK, Q5_SQ002.NAOK) >= 1"),
		"count(Q5_SQ001, Q5_SQ002) >= 1");
	assert_string_equal(lime(a, "1"), "");
	assert_string_equal(lime(a, "  "), "");
	/* the sample files': allinoneCondition, question_list,
	 * quickTranslation (relevance 1) and OldCodes (.shown) */
	assert_string_equal(lime(a, "((Q481.NAOK == \"F\"))"), "Q481 == \"F\"");
	assert_int_equal(strncmp(lime(a, "OLD_CODE1.shown>2"), "ERR@9: Nur .NAOK", 16), 0);
	/* operators LimeSurvey has */
	assert_string_equal(lime(a, "Q1 eq 'A' and Q2 ne 'B' or N1 lt 3 && N1 le 4 || N1 gt 1 and N1 ge 0"),
		"Q1 == \"A\" and Q2 != \"B\" or N1 < 3 and N1 <= 4 or N1 > 1 and N1 >= 0");
	assert_string_equal(lime(a, "Q1.code == 'A1'"), "Q1 == \"A1\"");
	assert_string_equal(lime(a, "strlen(Q7) > 3"), "length(Q7) > 3");
	/* ! binds as tightly as in PHP */
	assert_string_equal(lime(a, "!Q1 == 1"), "(not Q1) == 1");
	assert_string_equal(lime(a, "!(Q1 == 1)"), "not Q1 == 1");
	assert_string_equal(lime(a, "0"), "0");
	/* what cannot be translated */
	assert_int_equal(strncmp(lime(a, "123X45X678 == 'Y'"), "ERR@0: SGQA", 11), 0);
	assert_int_equal(strncmp(lime(a, "Q1 = 'Y'"), "ERR@3: =", 8), 0);
	assert_int_equal(strncmp(lime(a, "if(Q1, 1, 0)"), "ERR@0: Diese Funktion", 21), 0);
	assert_int_equal(strncmp(lime(a, "{Q1} == 1"), "ERR@0: Geschweifte", 18), 0);
	assert_int_equal(strncmp(lime(a, "self.NAOK == 1"), "ERR@0: self", 11), 0);
	assert_int_equal(strncmp(lime(a, "Q1.valueNAOK > 2"), "ERR@2: Nur", 10), 0);
	assert_int_equal(strncmp(lime(a, "regexMatch('/x/', Q1)"), "ERR@0: Diese Funktion", 21), 0);
	arena_free(a);
}

static void test_xlsform(void **state)
{
	(void)state;
	arena *a = arena_new();
	/* the issue's */
	assert_string_equal(xls(a, "${alter} >= 16 and ${status} = 'A2'", NULL),
		"alter >= 16 and status == \"A2\"");
	assert_string_equal(xls(a, "selected(${branche}, 'pflege')", NULL), "selected(branche, \"pflege\")");
	assert_string_equal(xls(a, "count-selected(${x}) > 1", NULL), "count_selected(x) > 1");
	assert_string_equal(xls(a, "not(${a} = 'x')", NULL), "not a == \"x\"");
	assert_string_equal(xls(a, "string-length(${name}) > 2", NULL), "length(name) > 2");
	/* the sample files' (tutorial.csv, xlsform_spec_test.csv) */
	assert_string_equal(xls(a, "${older_than_five}='no'", NULL), "older_than_five == \"no\"");
	assert_string_equal(xls(a, "${older_than_five}='yes'", NULL), "older_than_five == \"yes\"");
	assert_string_equal(xls(a, ". <= 72", "age"), "age <= 72");
	assert_string_equal(xls(a, ". >= 5", "age"), "age >= 5");
	assert_string_equal(xls(a, "${sex}='female' and ${age_in_years}>=15 and ${age_in_years}<=49", NULL),
		"sex == \"female\" and age_in_years >= 15 and age_in_years <= 49");
	assert_string_equal(xls(a, "not(selected(${skip_to_end}, 'yes'))", NULL),
		"not selected(skip_to_end, \"yes\")");
	assert_string_equal(xls(a, ". <= ${a_integer}", "a_decimal"), "a_decimal <= a_integer");
	assert_string_equal(xls(a, "not(selected(., 'yes') and selected (., 'no'))", "a_select_multiple"),
		"not (selected(a_select_multiple, \"yes\") and selected(a_select_multiple, \"no\"))");
	assert_int_equal(strncmp(xls(a, "regex(${address}, '[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,4}')",
		NULL), "ERR@0: Diese Funktion", 21), 0);
	/* XPath's not() is a function: it binds tightly */
	assert_string_equal(xls(a, "not(${a}) = true()", NULL), "(not a) == 1");
	assert_string_equal(xls(a, "${a} div 2 != 3", NULL), "a / 2 != 3");
	assert_string_equal(xls(a, "true()", NULL), "");
	assert_string_equal(xls(a, "", NULL), "");
	/* what cannot be translated */
	assert_int_equal(strncmp(xls(a, ". > 1", NULL), "ERR@0: Der Punkt", 16), 0);
	assert_int_equal(strncmp(xls(a, "${a} mod 2 = 0", NULL), "ERR@5: Diese", 12), 0);
	assert_int_equal(strncmp(xls(a, "/data/a = 1", NULL), "ERR@0: XPath", 12), 0);
	assert_int_equal(strncmp(xls(a, "age > 1", NULL), "ERR@0: XPath", 12), 0);
	assert_int_equal(strncmp(xls(a, "${a.b} = 1", NULL), "ERR@0: Dieser Name", 18), 0);
	assert_int_equal(strncmp(xls(a, "${a} == 1", NULL), "ERR@5: Unerwartetes", 19), 0);
	assert_int_equal(strncmp(xls(a, "today() > ${d}", NULL), "ERR@0: Diese Funktion", 21), 0);
	assert_int_equal(strncmp(xls(a, "jr:choice-name(${a}, '${a}') = 'x'", NULL), "ERR@2: Unerwartetes", 19), 0);
	assert_int_equal(strncmp(xls(a, "${a} = 1", "bad-name"), "ERR@0: Dieser Name", 18), 0);
	arena_free(a);
}

/* Every translation parses, and means what the original meant. */
static void test_translation_evaluates(void **state)
{
	(void)state;
	arena *a = arena_new();
	static const char *const pairs[][2] = {
		{ "Q481.NAOK == \"F\"", NULL },
		{ "!is_empty(Q3)", NULL },
		{ "((Q2 == \"Y\")) and Q4_SQ001.NAOK eq \"Y\"", NULL },
	};
	int want[] = { 1, 0, 1 };
	for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++)
		assert_int_equal(val(lime(a, pairs[i][0])), want[i]);
	assert_int_equal(val(xls(a, "${status}='A2' and selected(${branche}, 'pflege') and count-selected(${hilfe}) = 3",
		NULL)), 1);
	assert_int_equal(val(xls(a, "${sex}='female' and ${age_in_years}>=15 and ${age_in_years}<=49", NULL)), -1);
	assert_int_equal(val(xls(a, ". >= 5 and . <= 72", "alter")), 1);
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_issue_examples),
		cmocka_unit_test(test_operators),
		cmocka_unit_test(test_empty_answers),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_refs_and_format),
		cmocka_unit_test(test_limesurvey),
		cmocka_unit_test(test_xlsform),
		cmocka_unit_test(test_translation_evaluates),
	};
	return cmocka_run_group_tests_name("survey_expr", tests, NULL, NULL);
}
