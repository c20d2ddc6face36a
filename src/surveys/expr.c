/* expr.c — reading survey conditions: one lexer and recursive-descent
 * parser for three dialects (lotse's own language, LimeSurvey relevance,
 * XLSForm relevant/constraint), the canonical writer, and the list of
 * question codes an expression refers to. Translation is parsing in the
 * foreign dialect and writing the tree back in lotse syntax.
 * Evaluation is in expr_eval.c; the language in docs/survey-expressions.md. */
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/i18n.h"
#include "surveys/expr_internal.h"

enum dialect { D_LOTSE, D_LIME, D_XLS };

enum tok_kind {
	T_END, T_NUM, T_STR, T_IDENT, T_XREF, T_DOT, T_LP, T_RP, T_COMMA, T_OP, T_AND, T_OR, T_NOT,
};

struct tok {
	enum tok_kind kind;
	enum expr_op op;
	size_t pos, len;   /* where in the text */
	const char *text;  /* T_STR: decoded; T_IDENT/T_XREF: the name (for
	                    * LimeSurvey without .NAOK/.code) */
	size_t tlen;
};

struct parser {
	arena *a;
	const char *s;
	size_t n;
	enum dialect d;
	const char *self;
	size_t at; /* lexer position */
	struct tok t;
	int depth;
	struct survey_expr_error *err;
	const char **refs;
	size_t nrefs, caprefs;
};

static const char *const fn_names[] = {
	[FN_SELECTED] = "selected",
	[FN_COUNT_SELECTED] = "count_selected",
	[FN_IS_EMPTY] = "is_empty",
	[FN_COUNT] = "count",
	[FN_LENGTH] = "length",
};

const char *expr_fn_name(enum expr_fn fn)
{
	return fn_names[fn];
}

static int fail(struct parser *p, size_t pos, const char *msg)
{
	if (p->err) {
		p->err->pos = pos;
		p->err->msg = msg;
	}
	return -1;
}

static int is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int is_word(char c)
{
	return is_alpha(c) || is_digit(c);
}

static int word_is(const char *s, size_t n, const char *w)
{
	return strlen(w) == n && memcmp(s, w, n) == 0;
}

/* A name lotse accepts as a question code: a letter or _, then letters,
 * digits and _; not one of the words and, or, not. */
static int code_ok(const char *s, size_t n)
{
	if (n == 0 || !is_alpha(s[0]))
		return 0;
	for (size_t i = 1; i < n; i++)
		if (!is_word(s[i]))
			return 0;
	return 1;
}

static int reserved(const char *s, size_t n)
{
	return word_is(s, n, "and") || word_is(s, n, "or") || word_is(s, n, "not");
}

/* A quoted string from p->s[p->at] (the quote); backslash escapes in
 * lotse and LimeSurvey, none in XPath. */
static int lex_string(struct parser *p)
{
	char q = p->s[p->at];
	size_t i = p->at + 1;
	buf b;
	buf_init(&b, 0);
	while (i < p->n && p->s[i] != q) {
		if (p->s[i] == '\\' && p->d != D_XLS && i + 1 < p->n)
			i++;
		buf_putc(&b, p->s[i]);
		i++;
	}
	if (i >= p->n) {
		buf_free(&b);
		return fail(p, p->at, N_("Text ohne schließendes Anführungszeichen"));
	}
	p->t.kind = T_STR;
	p->t.text = arena_strndup(p->a, buf_str(&b), b.len);
	p->t.tlen = b.len;
	p->t.len = i + 1 - p->at;
	buf_free(&b);
	return 0;
}

static int lex_number(struct parser *p)
{
	size_t i = p->at;
	while (i < p->n && is_digit(p->s[i]))
		i++;
	/* LimeSurvey's SGQA names: 123X45X678 */
	if (p->d == D_LIME && i < p->n && p->s[i] == 'X' && i > p->at)
		return fail(p, p->at, N_("SGQA-Namen (wie 123X45X678) lassen sich nicht übersetzen; "
					 "Fragecodes verwenden"));
	if (i < p->n && p->s[i] == '.' && i + 1 < p->n && is_digit(p->s[i + 1])) {
		i++;
		while (i < p->n && is_digit(p->s[i]))
			i++;
	}
	if (i < p->n && (is_alpha(p->s[i]) || p->s[i] == '.'))
		return fail(p, i, N_("Unerwartetes Zeichen"));
	p->t.kind = T_NUM;
	p->t.len = i - p->at;
	p->t.text = arena_strndup(p->a, p->s + p->at, p->t.len);
	p->t.tlen = p->t.len;
	return 0;
}

/* A name: in XLSForm also - and . inside (count-selected); in LimeSurvey
 * with an optional .NAOK or .code. */
static int lex_ident(struct parser *p)
{
	size_t i = p->at;
	while (i < p->n && (is_word(p->s[i]) ||
		(p->d == D_XLS && (p->s[i] == '-' || p->s[i] == '.') && i + 1 < p->n && is_word(p->s[i + 1]))))
		i++;
	size_t nlen = i - p->at;
	if (p->d == D_LIME && i < p->n && p->s[i] == '.') {
		size_t j = i + 1;
		while (j < p->n && is_word(p->s[j]))
			j++;
		if (!word_is(p->s + i + 1, j - i - 1, "NAOK") && !word_is(p->s + i + 1, j - i - 1, "code"))
			return fail(p, i, N_("Nur .NAOK und .code lassen sich übersetzen"));
		i = j;
	}
	p->t.kind = T_IDENT;
	p->t.len = i - p->at;
	p->t.text = arena_strndup(p->a, p->s + p->at, nlen);
	p->t.tlen = nlen;
	const char *w = p->t.text;
	if (p->d != D_XLS && (word_is(w, nlen, "and") || word_is(w, nlen, "or")))
		p->t.kind = word_is(w, nlen, "and") ? T_AND : T_OR;
	else if (p->d == D_XLS && (word_is(w, nlen, "and") || word_is(w, nlen, "or")))
		p->t.kind = word_is(w, nlen, "and") ? T_AND : T_OR;
	else if (p->d == D_LOTSE && word_is(w, nlen, "not"))
		p->t.kind = T_NOT;
	else if (p->d == D_XLS && word_is(w, nlen, "div")) {
		p->t.kind = T_OP;
		p->t.op = OP_DIV;
	} else if (p->d == D_XLS && word_is(w, nlen, "mod")) {
		return fail(p, p->at, N_("Diese Funktion lässt sich nicht übersetzen"));
	} else if (p->d == D_LIME) {
		static const struct { const char *w; enum expr_op op; } ops[] = {
			{ "eq", OP_EQ }, { "ne", OP_NE }, { "lt", OP_LT },
			{ "le", OP_LE }, { "gt", OP_GT }, { "ge", OP_GE },
		};
		for (size_t k = 0; k < sizeof ops / sizeof ops[0]; k++)
			if (word_is(w, nlen, ops[k].w)) {
				p->t.kind = T_OP;
				p->t.op = ops[k].op;
			}
		if (word_is(w, nlen, "self") || word_is(w, nlen, "that"))
			return fail(p, p->at, N_("self und that lassen sich nicht übersetzen"));
	}
	return 0;
}

/* ${name} in XLSForm. */
static int lex_xref(struct parser *p)
{
	size_t i = p->at + 2;
	while (i < p->n && p->s[i] != '}' && p->s[i] != '{' && i - p->at < 200)
		i++;
	if (i >= p->n || p->s[i] != '}')
		return fail(p, p->at, N_("Hier fehlt die schließende Klammer }"));
	if (!code_ok(p->s + p->at + 2, i - p->at - 2))
		return fail(p, p->at, N_("Dieser Name enthält Zeichen, die ein Fragecode in lotse nicht haben darf"));
	p->t.kind = T_XREF;
	p->t.text = arena_strndup(p->a, p->s + p->at + 2, i - p->at - 2);
	p->t.tlen = i - p->at - 2;
	p->t.len = i + 1 - p->at;
	return 0;
}

static int lex_op(struct parser *p, const char *text, enum tok_kind kind, enum expr_op op)
{
	p->t.kind = kind;
	p->t.op = op;
	p->t.len = strlen(text);
	return 0;
}

/* The next token into p->t. */
static int next(struct parser *p)
{
	p->at += p->t.len;
	while (p->at < p->n && (p->s[p->at] == ' ' || p->s[p->at] == '\t' || p->s[p->at] == '\n' ||
		p->s[p->at] == '\r'))
		p->at++;
	memset(&p->t, 0, sizeof p->t);
	p->t.pos = p->at;
	if (p->at >= p->n)
		return 0;
	const char *c = p->s + p->at;
	size_t left = p->n - p->at;
#define AHEAD(str) (left >= sizeof(str) - 1 && memcmp(c, str, sizeof(str) - 1) == 0)
	if (*c == '"' || *c == '\'')
		return lex_string(p);
	if (is_digit(*c) || (*c == '.' && left > 1 && is_digit(c[1])))
		return lex_number(p);
	if (is_alpha(*c))
		return lex_ident(p);
	if (p->d == D_XLS && AHEAD("${"))
		return lex_xref(p);
	if (AHEAD("=="))
		return p->d == D_XLS ? fail(p, p->at, N_("Unerwartetes Zeichen")) : lex_op(p, "==", T_OP, OP_EQ);
	if (AHEAD("!="))
		return lex_op(p, "!=", T_OP, OP_NE);
	if (AHEAD("<="))
		return lex_op(p, "<=", T_OP, OP_LE);
	if (AHEAD(">="))
		return lex_op(p, ">=", T_OP, OP_GE);
	if (AHEAD("<>"))
		return fail(p, p->at, N_("Unerwartetes Zeichen"));
	if (p->d != D_XLS && AHEAD("&&"))
		return lex_op(p, "&&", T_AND, OP_EQ);
	if (p->d != D_XLS && AHEAD("||"))
		return lex_op(p, "||", T_OR, OP_EQ);
#undef AHEAD
	switch (*c) {
	case '=':
		if (p->d == D_XLS)
			return lex_op(p, "=", T_OP, OP_EQ);
		return fail(p, p->at, N_("= vergleicht nicht; für einen Vergleich == schreiben"));
	case '<': return lex_op(p, "<", T_OP, OP_LT);
	case '>': return lex_op(p, ">", T_OP, OP_GT);
	case '+': return lex_op(p, "+", T_OP, OP_ADD);
	case '-': return lex_op(p, "-", T_OP, OP_SUB);
	case '*': return lex_op(p, "*", T_OP, OP_MUL);
	case '/':
		if (p->d == D_XLS)
			return fail(p, p->at, N_("XPath-Pfade lassen sich nicht übersetzen; Fragen als ${name} angeben"));
		return lex_op(p, "/", T_OP, OP_DIV);
	case '(': return lex_op(p, "(", T_LP, OP_EQ);
	case ')': return lex_op(p, ")", T_RP, OP_EQ);
	case ',': return lex_op(p, ",", T_COMMA, OP_EQ);
	case '!':
		if (p->d == D_XLS)
			break;
		return lex_op(p, "!", T_NOT, OP_EQ);
	case '.':
		if (p->d == D_XLS && !(left > 1 && c[1] == '.'))
			return lex_op(p, ".", T_DOT, OP_EQ);
		break;
	case '{':
	case '}':
		if (p->d == D_LIME)
			return fail(p, p->at, N_("Geschweifte Klammern lassen sich nicht übersetzen"));
		break;
	default:
		break;
	}
	return fail(p, p->at, N_("Unerwartetes Zeichen"));
}

static struct expr_node *node(struct parser *p, enum expr_kind kind)
{
	struct expr_node *x = arena_alloc(p->a, sizeof *x);
	x->kind = kind;
	x->depth = 1;
	return x;
}

/* Append kid to x's children; x's depth follows. Fails past the limit. */
static int add_kid(struct parser *p, struct expr_node *x, struct expr_node *kid, size_t *cap, size_t pos)
{
	x->kid = arena_grow(p->a, x->kid, x->nkid, cap, sizeof *x->kid, 2);
	x->kid[x->nkid++] = kid;
	if (kid->depth + 1 > x->depth)
		x->depth = kid->depth + 1;
	if (x->depth > SURVEY_EXPR_MAX_DEPTH)
		return fail(p, pos, N_("Der Ausdruck ist zu tief verschachtelt"));
	return 0;
}

static int note_ref(struct parser *p, const char *code)
{
	for (size_t i = 0; i < p->nrefs; i++)
		if (strcmp(p->refs[i], code) == 0)
			return 0;
	p->refs = arena_grow(p->a, p->refs, p->nrefs, &p->caprefs, sizeof *p->refs, 8);
	p->refs[p->nrefs++] = code;
	return 0;
}

static int parse_or(struct parser *p, struct expr_node **out);

static int parse_ref(struct parser *p, const char *code, size_t pos, struct expr_node **out)
{
	if (reserved(code, strlen(code)))
		return fail(p, pos, N_("and, or und not sind keine Fragecodes"));
	struct expr_node *x = node(p, EXPR_REF);
	x->text = code;
	x->len = strlen(code);
	note_ref(p, code);
	*out = x;
	return 0;
}

struct fn_map {
	enum dialect d;
	const char *name;
	int fn; /* enum expr_fn, or -1: not(), -2: true(), -3: false() */
	size_t min, max;
};

static const struct fn_map fns[] = {
	{ D_LOTSE, "selected", FN_SELECTED, 2, 2 },
	{ D_LOTSE, "count_selected", FN_COUNT_SELECTED, 1, 1 },
	{ D_LOTSE, "is_empty", FN_IS_EMPTY, 1, 1 },
	{ D_LOTSE, "count", FN_COUNT, 1, 100 },
	{ D_LOTSE, "length", FN_LENGTH, 1, 1 },
	{ D_LIME, "is_empty", FN_IS_EMPTY, 1, 1 },
	{ D_LIME, "count", FN_COUNT, 1, 100 },
	{ D_LIME, "strlen", FN_LENGTH, 1, 1 },
	{ D_XLS, "selected", FN_SELECTED, 2, 2 },
	{ D_XLS, "count-selected", FN_COUNT_SELECTED, 1, 1 },
	{ D_XLS, "string-length", FN_LENGTH, 1, 1 },
	{ D_XLS, "not", -1, 1, 1 },
	{ D_XLS, "true", -2, 0, 0 },
	{ D_XLS, "false", -3, 0, 0 },
};

/* name( args ): p->t is the '(' after the name at pos. */
static int parse_call(struct parser *p, const char *name, size_t pos, struct expr_node **out)
{
	const struct fn_map *m = NULL;
	for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++)
		if (fns[i].d == p->d && strcmp(fns[i].name, name) == 0)
			m = &fns[i];
	if (!m)
		return fail(p, pos, p->d == D_LOTSE ? N_("Unbekannte Funktion")
						    : N_("Diese Funktion lässt sich nicht übersetzen"));
	struct expr_node *x = node(p, m->fn == -1 ? EXPR_NOT : EXPR_CALL);
	x->fn = m->fn >= 0 ? (enum expr_fn)m->fn : FN_COUNT;
	size_t cap = 0;
	if (next(p) != 0)
		return -1;
	if (p->t.kind != T_RP) {
		for (;;) {
			struct expr_node *arg;
			size_t apos = p->t.pos;
			if (parse_or(p, &arg) != 0 || add_kid(p, x, arg, &cap, apos) != 0)
				return -1;
			if (p->t.kind != T_COMMA)
				break;
			if (next(p) != 0)
				return -1;
		}
	}
	if (p->t.kind != T_RP)
		return fail(p, p->t.pos, N_("Hier fehlt eine schließende Klammer"));
	if (x->nkid < m->min || x->nkid > m->max)
		return fail(p, pos, N_("Falsche Zahl von Argumenten für diese Funktion"));
	if (m->fn == -2 || m->fn == -3) {
		x = node(p, EXPR_NUM);
		x->text = m->fn == -2 ? "1" : "0";
		x->len = 1;
		x->num = m->fn == -2;
	}
	if (x->kind == EXPR_CALL && (x->fn == FN_SELECTED || x->fn == FN_COUNT_SELECTED) &&
		x->kid[0]->kind != EXPR_REF)
		return fail(p, pos, N_("Hier muss ein Fragecode stehen"));
	*out = x;
	return next(p);
}

static int parse_primary(struct parser *p, struct expr_node **out)
{
	struct tok t = p->t;
	struct expr_node *x;
	switch (t.kind) {
	case T_NUM:
		x = node(p, EXPR_NUM);
		x->text = t.text;
		x->len = t.tlen;
		x->num = strtod(t.text, NULL);
		*out = x;
		return next(p);
	case T_STR:
		x = node(p, EXPR_STR);
		x->text = t.text;
		x->len = t.tlen;
		if (memchr(t.text, '\0', t.tlen))
			return fail(p, t.pos, N_("Unerwartetes Zeichen"));
		*out = x;
		return next(p);
	case T_LP:
		if (next(p) != 0 || parse_or(p, out) != 0)
			return -1;
		if (p->t.kind != T_RP)
			return fail(p, p->t.pos, N_("Hier fehlt eine schließende Klammer"));
		return next(p);
	case T_XREF:
		if (parse_ref(p, t.text, t.pos, out) != 0)
			return -1;
		return next(p);
	case T_DOT:
		if (!p->self)
			return fail(p, t.pos, N_("Der Punkt (diese Frage) lässt sich hier nicht übersetzen"));
		if (parse_ref(p, p->self, t.pos, out) != 0)
			return -1;
		return next(p);
	case T_IDENT:
		if (next(p) != 0)
			return -1;
		if (p->t.kind == T_LP)
			return parse_call(p, t.text, t.pos, out);
		if (p->d == D_XLS)
			return fail(p, t.pos, N_("XPath-Pfade lassen sich nicht übersetzen; Fragen als ${name} angeben"));
		return parse_ref(p, t.text, t.pos, out);
	default:
		return fail(p, t.pos, N_("Hier fehlt ein Wert, ein Fragecode oder eine Klammer"));
	}
}

static int enter(struct parser *p)
{
	if (++p->depth > SURVEY_EXPR_MAX_DEPTH)
		return fail(p, p->t.pos, N_("Der Ausdruck ist zu tief verschachtelt"));
	return 0;
}

/* - x, and in LimeSurvey ! x (as tight as in PHP). */
static int parse_unary(struct parser *p, struct expr_node **out)
{
	if ((p->t.kind == T_OP && p->t.op == OP_SUB) || (p->t.kind == T_NOT && p->d == D_LIME)) {
		size_t pos = p->t.pos, cap = 0;
		struct expr_node *x = node(p, p->t.kind == T_NOT ? EXPR_NOT : EXPR_NEG), *kid;
		if (enter(p) != 0 || next(p) != 0 || parse_unary(p, &kid) != 0 || add_kid(p, x, kid, &cap, pos) != 0)
			return -1;
		p->depth--;
		*out = x;
		return 0;
	}
	return parse_primary(p, out);
}

static int parse_binary(struct parser *p, int level, struct expr_node **out);

/* level 0: * /, level 1: + -, level 2: one comparison. */
static int op_level(enum expr_op op)
{
	return op == OP_MUL || op == OP_DIV ? 0 : op == OP_ADD || op == OP_SUB ? 1 : 2;
}

static int parse_sub(struct parser *p, int level, struct expr_node **out)
{
	return level == 0 ? parse_unary(p, out) : parse_binary(p, level - 1, out);
}

static int parse_binary(struct parser *p, int level, struct expr_node **out)
{
	struct expr_node *left;
	if (parse_sub(p, level, &left) != 0)
		return -1;
	while (p->t.kind == T_OP && op_level(p->t.op) == level) {
		size_t pos = p->t.pos, cap = 0;
		struct expr_node *x = node(p, EXPR_BIN), *right;
		x->op = p->t.op;
		if (next(p) != 0 || parse_sub(p, level, &right) != 0 ||
			add_kid(p, x, left, &cap, pos) != 0 || add_kid(p, x, right, &cap, pos) != 0)
			return -1;
		left = x;
		if (level == 2 && p->t.kind == T_OP && op_level(p->t.op) == 2)
			return fail(p, p->t.pos, N_("Vergleiche lassen sich nicht verketten; mit and verbinden"));
	}
	*out = left;
	return 0;
}

/* not x (lotse: looser than comparison, as in Python). */
static int parse_not(struct parser *p, struct expr_node **out)
{
	if (p->t.kind == T_NOT && p->d == D_LOTSE) {
		size_t pos = p->t.pos, cap = 0;
		struct expr_node *x = node(p, EXPR_NOT), *kid;
		if (enter(p) != 0 || next(p) != 0 || parse_not(p, &kid) != 0 || add_kid(p, x, kid, &cap, pos) != 0)
			return -1;
		p->depth--;
		*out = x;
		return 0;
	}
	return parse_binary(p, 2, out);
}

static int parse_list(struct parser *p, enum tok_kind sep, struct expr_node **out)
{
	struct expr_node *first, *x = NULL;
	int (*sub)(struct parser *, struct expr_node **) = sep == T_OR ? NULL : parse_not;
	if ((sub ? sub(p, &first) : parse_list(p, T_AND, &first)) != 0)
		return -1;
	size_t cap = 0;
	while (p->t.kind == sep) {
		size_t pos = p->t.pos;
		struct expr_node *kid;
		if (!x) {
			x = node(p, sep == T_OR ? EXPR_OR : EXPR_AND);
			if (add_kid(p, x, first, &cap, pos) != 0)
				return -1;
		}
		if (next(p) != 0 || (sub ? sub(p, &kid) : parse_list(p, T_AND, &kid)) != 0 ||
			add_kid(p, x, kid, &cap, pos) != 0)
			return -1;
	}
	*out = x ? x : first;
	return 0;
}

static int parse_or(struct parser *p, struct expr_node **out)
{
	if (enter(p) != 0 || parse_list(p, T_OR, out) != 0)
		return -1;
	p->depth--;
	return 0;
}

static int parse_dialect(arena *a, const char *text, enum dialect d, const char *self,
	survey_expr **out, struct survey_expr_error *err)
{
	struct parser p = { .a = a, .s = text, .n = strlen(text), .d = d, .self = self, .err = err };
	if (p.n > SURVEY_EXPR_MAX_LEN)
		return fail(&p, SURVEY_EXPR_MAX_LEN, N_("Der Ausdruck ist zu lang"));
	struct expr_node *root;
	if (next(&p) != 0)
		return -1;
	if (p.t.kind == T_END)
		return fail(&p, 0, N_("Der Ausdruck ist leer"));
	if (parse_or(&p, &root) != 0)
		return -1;
	if (p.t.kind != T_END)
		return fail(&p, p.t.pos, p.t.kind == T_RP ? N_("Eine Klammer zu viel")
							  : N_("Unerwarteter Rest nach dem Ausdruck"));
	survey_expr *e = arena_alloc(a, sizeof *e);
	e->root = root;
	e->refs = p.refs;
	e->nrefs = p.nrefs;
	*out = e;
	return 0;
}

int survey_expr_parse(arena *a, const char *text, survey_expr **out, struct survey_expr_error *err)
{
	return parse_dialect(a, text, D_LOTSE, NULL, out, err);
}

size_t survey_expr_refs(arena *a, const survey_expr *e, const char ***codes)
{
	*codes = NULL;
	if (e->nrefs == 0)
		return 0;
	*codes = arena_alloc(a, e->nrefs * sizeof **codes);
	memcpy(*codes, e->refs, e->nrefs * sizeof **codes);
	return e->nrefs;
}

/* Writing back: how tightly each node binds. */
static int prec(const struct expr_node *x)
{
	switch (x->kind) {
	case EXPR_OR: return 1;
	case EXPR_AND: return 2;
	case EXPR_NOT: return 3;
	case EXPR_BIN: return 6 - op_level(x->op);
	case EXPR_NEG: return 7;
	default: return 8;
	}
}

/* x in lotse's syntax, or (xls) in XLSForm's: ${code}, '...', =, div,
 * not(...), count-selected, string-length; is_empty(q) as ${q} = ''.
 * *bad is set when x has what XLSForm cannot say (count, a string with
 * both quotes). */
static void write_node(buf *b, const struct expr_node *x, int min, int xls, int *bad)
{
	static const char *const ops[] = {
		[OP_EQ] = " == ", [OP_NE] = " != ", [OP_LT] = " < ", [OP_LE] = " <= ", [OP_GT] = " > ",
		[OP_GE] = " >= ", [OP_ADD] = " + ", [OP_SUB] = " - ", [OP_MUL] = " * ", [OP_DIV] = " / ",
	};
	static const char *const xls_fns[] = {
		[FN_SELECTED] = "selected", [FN_COUNT_SELECTED] = "count-selected", [FN_IS_EMPTY] = NULL,
		[FN_COUNT] = NULL, [FN_LENGTH] = "string-length",
	};
	int p = prec(x);
	if (xls && x->kind == EXPR_CALL && x->fn == FN_IS_EMPTY && x->nkid == 1) {
		p = 4; /* written as a comparison */
		if (p < min)
			buf_putc(b, '(');
		write_node(b, x->kid[0], 5, xls, bad);
		buf_puts(b, " = ''");
		if (p < min)
			buf_putc(b, ')');
		return;
	}
	if (p < min && !(xls && x->kind == EXPR_NOT))
		buf_putc(b, '(');
	switch (x->kind) {
	case EXPR_NUM:
		buf_append(b, x->text, x->len);
		break;
	case EXPR_REF:
		if (xls)
			buf_puts(b, "${");
		buf_append(b, x->text, x->len);
		if (xls)
			buf_putc(b, '}');
		break;
	case EXPR_STR: {
		char q = '"';
		if (xls) {
			q = memchr(x->text, '\'', x->len) ? '"' : '\'';
			if (q == '"' && memchr(x->text, '"', x->len))
				*bad = 1;
		}
		buf_putc(b, q);
		for (size_t i = 0; i < x->len; i++) {
			if (!xls && (x->text[i] == '"' || x->text[i] == '\\'))
				buf_putc(b, '\\');
			buf_putc(b, x->text[i]);
		}
		buf_putc(b, q);
		break;
	}
	case EXPR_CALL:
		if (xls && !xls_fns[x->fn])
			*bad = 1;
		buf_puts(b, xls && xls_fns[x->fn] ? xls_fns[x->fn] : fn_names[x->fn]);
		buf_putc(b, '(');
		for (size_t i = 0; i < x->nkid; i++) {
			if (i)
				buf_puts(b, ", ");
			write_node(b, x->kid[i], 1, xls, bad);
		}
		buf_putc(b, ')');
		break;
	case EXPR_NEG:
		buf_putc(b, '-');
		write_node(b, x->kid[0], 7, xls, bad);
		break;
	case EXPR_NOT:
		buf_puts(b, xls ? "not(" : "not ");
		write_node(b, x->kid[0], xls ? 1 : 3, xls, bad);
		if (xls)
			buf_putc(b, ')');
		break;
	case EXPR_AND:
	case EXPR_OR:
		for (size_t i = 0; i < x->nkid; i++) {
			if (i)
				buf_puts(b, x->kind == EXPR_AND ? " and " : " or ");
			write_node(b, x->kid[i], p + 1, xls, bad);
		}
		break;
	case EXPR_BIN:
		/* comparisons do not chain; + - * / associate to the left */
		write_node(b, x->kid[0], p == 4 ? 5 : p, xls, bad);
		buf_puts(b, xls && x->op == OP_EQ ? " = " : xls && x->op == OP_DIV ? " div " : ops[x->op]);
		write_node(b, x->kid[1], p + 1, xls, bad);
		break;
	}
	if (p < min && !(xls && x->kind == EXPR_NOT))
		buf_putc(b, ')');
}

static char *format(arena *a, const survey_expr *e, int xls)
{
	buf b;
	buf_init(&b, 0);
	int bad = 0;
	write_node(&b, e->root, 1, xls, &bad);
	char *s = bad ? NULL : arena_strndup(a, buf_str(&b), b.len);
	buf_free(&b);
	return s;
}

char *survey_expr_to_xlsform(arena *a, const survey_expr *e)
{
	return format(a, e, 1);
}

char *survey_expr_format(arena *a, const survey_expr *e)
{
	return format(a, e, 0);
}

static int blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return 0;
	return 1;
}

static int translate(arena *a, const char *text, enum dialect d, const char *self, char **out,
	struct survey_expr_error *err)
{
	survey_expr *e;
	*out = NULL;
	if (blank(text)) {
		*out = arena_strdup(a, "");
		return 0;
	}
	if (self && !code_ok(self, strlen(self))) {
		if (err) {
			err->pos = 0;
			err->msg = N_("Dieser Name enthält Zeichen, die ein Fragecode in lotse nicht haben darf");
		}
		return -1;
	}
	if (parse_dialect(a, text, d, self, &e, err) != 0)
		return -1;
	/* LimeSurvey's "always": 1 (also true() in XLSForm) */
	if (e->root->kind == EXPR_NUM && e->root->num == 1) {
		*out = arena_strdup(a, "");
		return 0;
	}
	*out = survey_expr_format(a, e);
	return 0;
}

int survey_expr_from_limesurvey(arena *a, const char *text, char **out, struct survey_expr_error *err)
{
	return translate(a, text, D_LIME, NULL, out, err);
}

int survey_expr_from_xlsform(arena *a, const char *text, const char *self, char **out,
	struct survey_expr_error *err)
{
	return translate(a, text, D_XLS, self, out, err);
}
