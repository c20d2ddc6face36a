/* expr.h — the condition expression language of surveys: parse, evaluate,
 * list references, and translate LimeSurvey relevance and XLSForm
 * `relevant` into it.
 *
 * A pure module: no I/O, no store, no HTML. Everything it returns lives in
 * the caller's arena. The language is documented in
 * docs/survey-expressions.md; in short:
 *
 *   alter >= 16 and status == "A2"
 *   selected(branche, "pflege") or count_selected(hilfe) > 2
 *   not is_empty(Q3) && Q4_SQ001 == "Y"
 *
 * numbers, strings "..." (or '...'), question codes (letters, digits, _;
 * a subquestion is addressed as `q_SQ001`), comparison == != < <= > >=,
 * and or not (also && || !), parentheses, + - * /, and the functions
 * selected(q, "code"), count_selected(q), is_empty(q), count(a, b, ...)
 * and length(q). */
#ifndef LOTSE_SURVEYS_EXPR_H
#define LOTSE_SURVEYS_EXPR_H

#include <stddef.h>

#include "core/arena.h"

/* A parsed expression; opaque, owned by the arena it was parsed in,
 * read-only afterwards (so any thread may evaluate it). */
typedef struct survey_expr survey_expr;

/* Why parsing, evaluating or translating failed. msg is a German msgid
 * (marked with N_, translate it with T()/i18n_get); pos is the byte offset
 * in the text where the problem is (parsing and translating; 0 when
 * evaluating). Static, never freed. */
struct survey_expr_error {
	size_t pos;
	const char *msg;
};

/* The longest expression text and the deepest nesting accepted. */
#define SURVEY_EXPR_MAX_LEN 4096
#define SURVEY_EXPR_MAX_DEPTH 64

/* An answer as the expression sees it. */
enum survey_val_kind {
	SURVEY_VAL_EMPTY,  /* no answer, or the question was not shown */
	SURVEY_VAL_NUMBER, /* num */
	SURVEY_VAL_STRING, /* str: text, or the code of the chosen option */
	SURVEY_VAL_SET,    /* set[0..nset): the selected option codes */
};

struct survey_val {
	enum survey_val_kind kind;
	double num;
	const char *str;
	const char *const *set;
	size_t nset;
};

/* How the evaluator gets answers: fill *out with the answer to the
 * question (or subquestion, `Q4_SQ001`) code and return 0, or return -1
 * when there is no such question (evaluation then fails). The strings
 * and set out points to must live until survey_expr_eval returns. */
typedef int (*survey_expr_lookup)(void *ctx, const char *code, struct survey_val *out);

/* Parse text (NUL-terminated, at most SURVEY_EXPR_MAX_LEN bytes). Returns
 * 0 and sets *out (allocated in a), or -1 and fills *err. An empty (or
 * all-blank) text is an error: the caller stores "no condition" as no
 * expression. */
int survey_expr_parse(arena *a, const char *text, survey_expr **out, struct survey_expr_error *err);

/* Evaluate e with answers from lookup(ctx, code, ...). Returns 1 (true),
 * 0 (false) or -1 with *err filled (an unknown question code, arithmetic
 * with a text that is not a number, division by zero). selected() on a single-choice answer compares that one code.
 * == and != treat an empty answer as the text ""; < <= > >= with an
 * empty answer are false; see docs/survey-expressions.md for the rules.
 * Allocates nothing. */
int survey_expr_eval(const survey_expr *e, survey_expr_lookup lookup, void *ctx,
	struct survey_expr_error *err);

/* The distinct question codes e refers to, in order of first appearance:
 * returns their number and sets *codes to an array of them allocated in
 * a (NULL when none). For the "refers only to earlier questions" check. */
size_t survey_expr_refs(arena *a, const survey_expr *e, const char ***codes);

/* e written back in canonical lotse syntax (fully parenthesised where
 * needed; parsing it gives the same expression). Allocated in a. */
char *survey_expr_format(arena *a, const survey_expr *e);
/* e in XLSForm's syntax (${code}, '...', =, not(...), count-selected;
 * is_empty(q) as ${q} = ''), which survey_expr_from_xlsform reads back
 * to the same expression; NULL when XLSForm cannot say it (count(), a
 * text holding both kinds of quotes). */
char *survey_expr_to_xlsform(arena *a, const survey_expr *e);

/* Translate a LimeSurvey relevance equation (`Q1.NAOK == "A2"`,
 * `((Q2 == "Y"))`, `!is_empty(Q3)`, `Q4_SQ001 == "Y"`, `count(...)`,
 * `1`) or an XLSForm `relevant`/`constraint` (`${alter} >= 16 and
 * ${status} = 'A2'`, `selected(${branche}, 'pflege')`,
 * `count-selected(${x})`, `not(...)`, `string-length(...)`) into lotse
 * syntax. self is the code `.` stands for in an XLSForm constraint (NULL:
 * `.` is untranslatable). Returns 0 and sets *out (allocated in a; the
 * result always parses with survey_expr_parse; an empty or all-blank
 * input, and LimeSurvey's `1`, give "" = always shown), or -1 with *err
 * saying what could not be translated and where. The caller keeps the
 * original text and refuses activation while it is untranslated. */
int survey_expr_from_limesurvey(arena *a, const char *text, char **out, struct survey_expr_error *err);
int survey_expr_from_xlsform(arena *a, const char *text, const char *self, char **out,
	struct survey_expr_error *err);

#endif
