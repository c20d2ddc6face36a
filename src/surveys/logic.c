/* logic.c — the rules of a survey over one response's answers, without
 * I/O: the answers as the condition language sees them, which pages and
 * questions are shown, what is wrong with an answer, and what forbids
 * activating a survey. */
#include "surveys/surveys.h"
#include "core/core.h"
#include "core/i18n.h"

#include <math.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *survey_answer_get(const struct survey_answers *as, size_t q, const char *part)
{
	for (size_t i = 0; i < as->n; i++)
		if (as->v[i].q == q && strcmp(as->v[i].part, part) == 0)
			return as->v[i].value;
	return NULL;
}

void survey_answer_set(arena *a, struct survey_answers *as, size_t q, const char *part, const char *value)
{
	for (size_t i = 0; i < as->n; i++) {
		if (as->v[i].q == q && strcmp(as->v[i].part, part) == 0) {
			if (value)
				as->v[i].value = value;
			else
				as->v[i] = as->v[--as->n];
			return;
		}
	}
	if (!value)
		return;
	as->v = arena_grow(a, as->v, as->n, &as->cap, sizeof(*as->v), 16);
	as->v[as->n++] = (struct survey_answer){ q, part, value };
}

void survey_answer_clear(struct survey_answers *as, size_t q)
{
	for (size_t i = 0; i < as->n;)
		if (as->v[i].q == q)
			as->v[i] = as->v[--as->n];
		else
			i++;
}

/* Is the number text s a whole number or a decimal (with '.' or ',')?
 * Sets *x. */
static int read_number(const char *s, double *x)
{
	char tmp[64];
	size_t n = strlen(s);
	if (n == 0 || n >= sizeof(tmp))
		return -1;
	memcpy(tmp, s, n + 1);
	char *c = strchr(tmp, ',');
	if (c)
		*c = '.';
	char *end;
	*x = strtod(tmp, &end);
	return *end || !isfinite(*x) || strspn(tmp, "+-0123456789.") != n ? -1 : 0;
}

static int shown_depth(const struct survey *sv, const struct survey_answers *as, size_t q, int depth);

/* The answer to q as the expression sees it (empty when q is hidden). */
static void value_of(const struct survey *sv, const struct survey_answers *as, arena *a, size_t qi, const char *sub,
		     struct survey_val *out, int depth)
{
	const struct survey_question *q = &sv->qs[qi];
	memset(out, 0, sizeof(*out));
	out->kind = SURVEY_VAL_EMPTY;
	if (depth > 8 || !shown_depth(sv, as, qi, depth + 1))
		return;
	if (sub) {
		const char *v = survey_answer_get(as, qi, sub);
		if (v) {
			out->kind = SURVEY_VAL_STRING;
			out->str = v;
		}
		return;
	}
	if (q->type == SQ_MULTIPLE || q->type == SQ_RANKING) {
		const char **set = arena_alloc(a, (q->nopts + 1) * sizeof(*set));
		size_t n = 0;
		for (size_t i = 0; i < q->nopts; i++) {
			if (q->type == SQ_MULTIPLE) {
				if (survey_answer_get(as, qi, q->opts[i].code))
					set[n++] = q->opts[i].code;
			} else {
				char rank[24];
				snprintf(rank, sizeof(rank), "%zu", i + 1);
				const char *v = survey_answer_get(as, qi, rank);
				if (v)
					set[n++] = v;
			}
		}
		if (q->type == SQ_MULTIPLE && q->other && survey_answer_get(as, qi, "other"))
			set[n++] = "other";
		if (n) {
			out->kind = SURVEY_VAL_SET;
			out->set = set;
			out->nset = n;
		}
		return;
	}
	const char *v = survey_answer_get(as, qi, "");
	if (!v)
		return;
	double x;
	if (q->type == SQ_NUMBER && read_number(v, &x) == 0) {
		out->kind = SURVEY_VAL_NUMBER;
		out->num = x;
		return;
	}
	out->kind = SURVEY_VAL_STRING;
	out->str = v;
}

struct eval_ctx {
	const struct survey *sv;
	const struct survey_answers *as;
	arena *a;
	int depth;
};

static int lookup(void *ctx, const char *code, struct survey_val *out)
{
	struct eval_ctx *c = ctx;
	const struct survey *sv = c->sv;
	for (size_t i = 0; i < sv->nqs; i++) {
		const struct survey_question *q = &sv->qs[i];
		size_t n = strlen(q->code);
		if (strcmp(q->code, code) == 0) {
			value_of(sv, c->as, c->a, i, NULL, out, c->depth);
			return 0;
		}
		if (strncmp(q->code, code, n) == 0 && code[n] == '_' &&
		    (survey_option_index(q, 1, code + n + 1) >= 0 ||
		     (q->type == SQ_MULTIPLE && survey_option_index(q, 0, code + n + 1) >= 0))) {
			value_of(sv, c->as, c->a, i, code + n + 1, out, c->depth);
			return 0;
		}
	}
	return -1;
}

int survey_lookup(void *ctx, const char *code, struct survey_val *out)
{
	struct survey_eval *e = ctx;
	struct eval_ctx c = { e->sv, e->as, e->a, 0 };
	return lookup(&c, code, out);
}

/* A scratch arena for evaluation: the sets value_of builds. */
static int holds(const struct survey *sv, const struct survey_answers *as, const survey_expr *e, int depth)
{
	if (!e)
		return 1;
	arena *a = arena_new();
	struct eval_ctx c = { sv, as, a, depth };
	struct survey_expr_error err;
	int v = survey_expr_eval(e, lookup, &c, &err);
	arena_free(a);
	return v != 0; /* true, or not evaluable: shown */
}

static int shown_depth(const struct survey *sv, const struct survey_answers *as, size_t q, int depth)
{
	const struct survey_question *qq = &sv->qs[q];
	return holds(sv, as, sv->pages[qq->page].expr, depth) && holds(sv, as, qq->expr, depth);
}

int survey_page_shown(const struct survey *sv, const struct survey_answers *as, size_t p)
{
	return holds(sv, as, sv->pages[p].expr, 0);
}

int survey_question_shown(const struct survey *sv, const struct survey_answers *as, size_t q)
{
	return shown_depth(sv, as, q, 0);
}

static int is_date(const char *s)
{
	int y, m, d;
	char tail;
	if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
		return 0;
	static const int days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	return y >= 1900 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= days[m - 1] &&
	       !(m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
}

const char *survey_answer_problem(const struct survey *sv, const struct survey_answers *as, size_t qi,
				  const char *lang, int *own)
{
	const struct survey_question *q = &sv->qs[qi];
	*own = 0;
	if (q->type == SQ_DISPLAY)
		return NULL;
	int any = 0;
	for (size_t i = 0; i < as->n; i++)
		if (as->v[i].q == qi && *as->v[i].value)
			any = 1;
	if (!any)
		return q->mandatory ? N_("Bitte beantworten Sie diese Frage.") : NULL;
	const char *msg = survey_tx_exact(&q->tx, "message", lang);
	if (!msg)
		msg = survey_tx_exact(&q->tx, "message", "de");
	const char *v = survey_answer_get(as, qi, "");
	const char *problem = NULL;
	switch (q->type) {
	case SQ_NUMBER: {
		double x;
		if (!v || read_number(v, &x) != 0)
			return N_("Bitte geben Sie eine Zahl ein.");
		if (!q->decimals && x != floor(x))
			return N_("Bitte geben Sie eine ganze Zahl ein.");
		if ((q->has_min && x < q->min_value) || (q->has_max && x > q->max_value))
			problem = N_("Die Zahl liegt außerhalb des erlaubten Bereichs.");
		break;
	}
	case SQ_DATE:
		if (!v || !is_date(v))
			return N_("Bitte geben Sie ein Datum wie 2027-05-31 ein.");
		break;
	case SQ_TEXT:
	case SQ_LONGTEXT:
		if (v && q->max_length > 0 && utf8_count(v, strlen(v)) > q->max_length)
			problem = N_("Der Text ist zu lang.");
		else if (v && *q->pattern) {
			regex_t re;
			if (regcomp(&re, q->pattern, REG_EXTENDED | REG_NOSUB) == 0) {
				if (regexec(&re, v, 0, NULL, 0) != 0)
					problem = N_("Die Antwort hat nicht die erwartete Form.");
				regfree(&re);
			}
		}
		break;
	case SQ_SINGLE:
	case SQ_DROPDOWN:
		if (v && strcmp(v, "other") == 0 && q->other && !survey_answer_get(as, qi, "other"))
			return N_("Bitte beschreiben Sie „Sonstiges“.");
		break;
	case SQ_ARRAY:
		if (q->mandatory)
			for (size_t i = 0; i < q->nsubs; i++)
				if (!survey_answer_get(as, qi, q->subs[i].code))
					return N_("Bitte beantworten Sie jede Zeile.");
		break;
	default:
		break;
	}
	if (problem && msg) {
		*own = 1;
		return msg;
	}
	return problem;
}

static int code_index(const struct survey *sv, const char *code)
{
	for (size_t i = 0; i < sv->nqs; i++) {
		size_t n = strlen(sv->qs[i].code);
		if (strcmp(sv->qs[i].code, code) == 0 ||
		    (strncmp(sv->qs[i].code, code, n) == 0 && code[n] == '_' &&
		     (survey_option_index(&sv->qs[i], 1, code + n + 1) >= 0 ||
		      survey_option_index(&sv->qs[i], 0, code + n + 1) >= 0)))
			return (int)i;
	}
	return -1;
}

/* The problem with a condition (before: the index of the first question
 * that may not be referred to), or NULL. */
static const char *cond_problem(arena *a, const struct survey *sv, const char *cond, const char *src,
				const char *error, size_t before)
{
	if (*error)
		return arena_printf(a, "Bedingung „%s“ nicht übersetzbar: %s", src, error);
	if (!*cond)
		return NULL;
	survey_expr *e;
	struct survey_expr_error err;
	if (survey_expr_parse(a, cond, &e, &err) != 0)
		return arena_printf(a, "Bedingung „%s“: %s (Zeichen %zu)", cond, err.msg, err.pos + 1);
	const char **refs;
	size_t n = survey_expr_refs(a, e, &refs);
	for (size_t i = 0; i < n; i++) {
		int k = code_index(sv, refs[i]);
		if (k < 0)
			return arena_printf(a, "Bedingung „%s“: unbekannte Frage %s", cond, refs[i]);
		if ((size_t)k >= before)
			return arena_printf(a, "Bedingung „%s“: %s ist keine frühere Frage", cond, refs[i]);
	}
	return NULL;
}

size_t survey_check(arena *a, const struct survey *sv, const char ***problems)
{
	size_t n = 0, cap = 0;
	*problems = NULL;
#define ADD(s)                                                                                 \
	do {                                                                                   \
		*problems = arena_grow(a, *problems, n, &cap, sizeof(**problems), 8);          \
		(*problems)[n++] = (s);                                                        \
	} while (0)
	if (sv->nqs == 0)
		ADD("Die Umfrage hat keine Fragen.");
	for (size_t p = 0; p < sv->npages; p++) {
		const struct survey_page *pg = &sv->pages[p];
		const char *why = cond_problem(a, sv, pg->cond, pg->cond_src, pg->cond_error, pg->first);
		if (why)
			ADD(arena_printf(a, "Seite %zu: %s", p + 1, why));
	}
	for (size_t i = 0; i < sv->nqs; i++) {
		const struct survey_question *q = &sv->qs[i];
		const char *why = cond_problem(a, sv, q->cond, q->cond_src, q->cond_error, i);
		if (why)
			ADD(arena_printf(a, "%s: %s", q->code, why));
		if (survey_qtype_has_options(q->type) && q->nopts == 0)
			ADD(arena_printf(a, "%s: die Frage hat keine Antwortoptionen.", q->code));
		if (q->type == SQ_ARRAY && q->nsubs == 0)
			ADD(arena_printf(a, "%s: die Matrix hat keine Teilfragen.", q->code));
		if (!*survey_tx(&q->tx, "text", "de"))
			ADD(arena_printf(a, "%s: die Frage hat keinen Text.", q->code));
	}
#undef ADD
	return n;
}
