/* expr_eval.c — evaluating a parsed survey condition against answers.
 * The rules for empty answers, texts and numbers are those of
 * docs/survey-expressions.md; nothing here allocates. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "core/i18n.h"
#include "surveys/expr_internal.h"

struct ev {
	survey_expr_lookup lookup;
	void *ctx;
	struct survey_expr_error *err;
};

static int ev_fail(struct ev *v, const char *msg)
{
	if (v->err) {
		v->err->pos = 0;
		v->err->msg = msg;
	}
	return -1;
}

static int is_empty(const struct survey_val *x)
{
	return x->kind == SURVEY_VAL_EMPTY || (x->kind == SURVEY_VAL_STRING && (!x->str || !*x->str)) ||
		(x->kind == SURVEY_VAL_SET && x->nset == 0);
}

static int truth(const struct survey_val *x)
{
	if (x->kind == SURVEY_VAL_NUMBER)
		return x->num != 0;
	return !is_empty(x);
}

static void set_num(struct survey_val *x, double d)
{
	memset(x, 0, sizeof *x);
	x->kind = SURVEY_VAL_NUMBER;
	x->num = d;
}

/* A text that is a plain decimal number ("16", "-2.5"), as a number. */
static int str_num(const char *s, double *d)
{
	const char *p = s;
	if (*p == '-' || *p == '+')
		p++;
	if (!((*p >= '0' && *p <= '9') || (*p == '.' && p[1] >= '0' && p[1] <= '9')))
		return 0;
	for (const char *q = p; *q; q++)
		if (!((*q >= '0' && *q <= '9') || *q == '.'))
			return 0;
	char *end;
	*d = strtod(s, &end);
	return *end == '\0';
}

/* The value as a number: 1 yes, 0 it is not one. */
static int as_num(const struct survey_val *x, double *d)
{
	if (x->kind == SURVEY_VAL_NUMBER) {
		*d = x->num;
		return 1;
	}
	if (x->kind == SURVEY_VAL_STRING && x->str)
		return str_num(x->str, d);
	return 0;
}

/* A number or text as text, into tmp when it must be written. */
static const char *as_str(const struct survey_val *x, char tmp[40])
{
	if (x->kind == SURVEY_VAL_NUMBER) {
		snprintf(tmp, 40, "%.15g", x->num);
		return tmp;
	}
	if (x->kind == SURVEY_VAL_STRING && x->str)
		return x->str;
	return "";
}

/* Is the set's codes, joined with single spaces, the text s? */
static int set_is(const struct survey_val *set, const char *s)
{
	for (size_t i = 0; i < set->nset; i++) {
		if (i) {
			if (*s != ' ')
				return 0;
			s++;
		}
		size_t n = strlen(set->set[i]);
		if (strncmp(s, set->set[i], n) != 0)
			return 0;
		s += n;
	}
	return *s == '\0';
}

static int sets_equal(const struct survey_val *x, const struct survey_val *y)
{
	if (x->nset != y->nset)
		return 0;
	for (size_t i = 0; i < x->nset; i++)
		if (strcmp(x->set[i], y->set[i]) != 0)
			return 0;
	return 1;
}

static int equal(const struct survey_val *x, const struct survey_val *y)
{
	char t1[40], t2[40];
	double a, b;
	if (is_empty(x) || is_empty(y))
		return is_empty(x) && is_empty(y);
	if (x->kind == SURVEY_VAL_SET && y->kind == SURVEY_VAL_SET)
		return sets_equal(x, y);
	if (x->kind == SURVEY_VAL_SET)
		return set_is(x, as_str(y, t1));
	if (y->kind == SURVEY_VAL_SET)
		return set_is(y, as_str(x, t1));
	if (x->kind == SURVEY_VAL_NUMBER || y->kind == SURVEY_VAL_NUMBER)
		return as_num(x, &a) && as_num(y, &b) && a == b;
	return strcmp(as_str(x, t1), as_str(y, t2)) == 0;
}

/* < <= > >=: numbers when both are, else texts byte by byte; false with
 * an empty answer or a set, and a number against a non-number text. */
static int order(enum expr_op op, const struct survey_val *x, const struct survey_val *y)
{
	char t1[40], t2[40];
	double a, b;
	int c;
	if (is_empty(x) || is_empty(y) || x->kind == SURVEY_VAL_SET || y->kind == SURVEY_VAL_SET)
		return 0;
	if (as_num(x, &a) && as_num(y, &b))
		c = a < b ? -1 : a > b ? 1 : 0;
	else if (x->kind == SURVEY_VAL_NUMBER || y->kind == SURVEY_VAL_NUMBER)
		return 0;
	else
		c = strcmp(as_str(x, t1), as_str(y, t2));
	switch (op) {
	case OP_LT: return c < 0;
	case OP_LE: return c <= 0;
	case OP_GT: return c > 0;
	default: return c >= 0;
	}
}

static size_t text_len(const char *s)
{
	long n = utf8_count(s, strlen(s));
	return n < 0 ? strlen(s) : (size_t)n;
}

static int eval(struct ev *v, const struct expr_node *x, struct survey_val *out);

static int eval_call(struct ev *v, const struct expr_node *x, struct survey_val *out)
{
	struct survey_val a, b;
	char t1[40], t2[40];
	size_t n = 0;
	if (x->fn == FN_COUNT) {
		for (size_t i = 0; i < x->nkid; i++) {
			if (eval(v, x->kid[i], &a) != 0)
				return -1;
			n += !is_empty(&a);
		}
		set_num(out, (double)n);
		return 0;
	}
	if (eval(v, x->kid[0], &a) != 0)
		return -1;
	switch (x->fn) {
	case FN_SELECTED:
		if (eval(v, x->kid[1], &b) != 0)
			return -1;
		if (a.kind == SURVEY_VAL_SET) {
			const char *code = as_str(&b, t2);
			for (size_t i = 0; i < a.nset; i++)
				n += strcmp(a.set[i], code) == 0;
		} else {
			n = !is_empty(&a) && equal(&a, &b);
		}
		set_num(out, n > 0);
		return 0;
	case FN_COUNT_SELECTED:
		set_num(out, a.kind == SURVEY_VAL_SET ? (double)a.nset : !is_empty(&a));
		return 0;
	case FN_IS_EMPTY:
		set_num(out, is_empty(&a));
		return 0;
	case FN_LENGTH:
		if (a.kind == SURVEY_VAL_SET) {
			for (size_t i = 0; i < a.nset; i++)
				n += text_len(a.set[i]) + (i > 0);
		} else if (!is_empty(&a)) {
			n = text_len(as_str(&a, t1));
		}
		set_num(out, (double)n);
		return 0;
	default:
		return ev_fail(v, N_("Unbekannte Funktion"));
	}
}

static int eval_bin(struct ev *v, const struct expr_node *x, struct survey_val *out)
{
	struct survey_val a, b;
	double p, q;
	if (eval(v, x->kid[0], &a) != 0 || eval(v, x->kid[1], &b) != 0)
		return -1;
	switch (x->op) {
	case OP_EQ: set_num(out, equal(&a, &b)); return 0;
	case OP_NE: set_num(out, !equal(&a, &b)); return 0;
	case OP_LT: case OP_LE: case OP_GT: case OP_GE:
		set_num(out, order(x->op, &a, &b));
		return 0;
	default:
		break;
	}
	/* arithmetic: an empty answer gives an empty result */
	if (is_empty(&a) || is_empty(&b)) {
		memset(out, 0, sizeof *out);
		return 0;
	}
	if (!as_num(&a, &p) || !as_num(&b, &q))
		return ev_fail(v, N_("Mit einem Text lässt sich nicht rechnen"));
	switch (x->op) {
	case OP_ADD: set_num(out, p + q); return 0;
	case OP_SUB: set_num(out, p - q); return 0;
	case OP_MUL: set_num(out, p * q); return 0;
	default:
		if (q == 0)
			return ev_fail(v, N_("Division durch null"));
		set_num(out, p / q);
		return 0;
	}
}

static int eval(struct ev *v, const struct expr_node *x, struct survey_val *out)
{
	struct survey_val a;
	double d;
	memset(out, 0, sizeof *out);
	switch (x->kind) {
	case EXPR_NUM:
		set_num(out, x->num);
		return 0;
	case EXPR_STR:
		out->kind = SURVEY_VAL_STRING;
		out->str = x->text;
		return 0;
	case EXPR_REF:
		if (v->lookup(v->ctx, x->text, out) != 0)
			return ev_fail(v, N_("Unbekannter Fragecode"));
		if ((out->kind == SURVEY_VAL_STRING && !out->str) || (out->kind == SURVEY_VAL_SET && out->nset && !out->set))
			out->kind = SURVEY_VAL_EMPTY;
		return 0;
	case EXPR_CALL:
		return eval_call(v, x, out);
	case EXPR_NEG:
		if (eval(v, x->kid[0], &a) != 0)
			return -1;
		if (is_empty(&a))
			return 0;
		if (!as_num(&a, &d))
			return ev_fail(v, N_("Mit einem Text lässt sich nicht rechnen"));
		set_num(out, -d);
		return 0;
	case EXPR_NOT:
		if (eval(v, x->kid[0], &a) != 0)
			return -1;
		set_num(out, !truth(&a));
		return 0;
	case EXPR_AND:
	case EXPR_OR:
		for (size_t i = 0; i < x->nkid; i++) {
			if (eval(v, x->kid[i], &a) != 0)
				return -1;
			if (truth(&a) == (x->kind == EXPR_OR)) {
				set_num(out, x->kind == EXPR_OR);
				return 0;
			}
		}
		set_num(out, x->kind == EXPR_AND);
		return 0;
	case EXPR_BIN:
		return eval_bin(v, x, out);
	}
	return ev_fail(v, N_("Unbekannte Funktion"));
}

int survey_expr_eval(const survey_expr *e, survey_expr_lookup lookup, void *ctx,
	struct survey_expr_error *err)
{
	struct ev v = { .lookup = lookup, .ctx = ctx, .err = err };
	struct survey_val r;
	if (eval(&v, e->root, &r) != 0)
		return -1;
	return truth(&r);
}
