/* expr_internal.h — the syntax tree of a parsed survey condition, shared
 * by the parser and formatter (expr.c) and the evaluator (expr_eval.c).
 * Not part of the surveys' contract: use expr.h. */
#ifndef LOTSE_SURVEYS_EXPR_INTERNAL_H
#define LOTSE_SURVEYS_EXPR_INTERNAL_H

#include <stddef.h>

#include "surveys/expr.h"

enum expr_kind {
	EXPR_NUM,   /* num, text: the literal as written */
	EXPR_STR,   /* text (len bytes; may hold no NUL) */
	EXPR_REF,   /* text: a question code */
	EXPR_CALL,  /* fn, kid[0..nkid) */
	EXPR_NEG,   /* -kid[0] */
	EXPR_NOT,   /* not kid[0] */
	EXPR_AND,   /* kid[0] and kid[1] and ... */
	EXPR_OR,    /* kid[0] or kid[1] or ... */
	EXPR_BIN,   /* kid[0] op kid[1] */
};

enum expr_op { OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE, OP_ADD, OP_SUB, OP_MUL, OP_DIV };

enum expr_fn { FN_SELECTED, FN_COUNT_SELECTED, FN_IS_EMPTY, FN_COUNT, FN_LENGTH };

struct expr_node {
	enum expr_kind kind;
	enum expr_op op;
	enum expr_fn fn;
	double num;
	const char *text;
	size_t len;
	struct expr_node **kid;
	size_t nkid;
	int depth; /* 1 + the deepest child's */
};

struct survey_expr {
	struct expr_node *root;
	const char **refs; /* distinct codes, in order of first appearance */
	size_t nrefs;
};

/* The name of fn as lotse writes it. */
const char *expr_fn_name(enum expr_fn fn);

#endif
