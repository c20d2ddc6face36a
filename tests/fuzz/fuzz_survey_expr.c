/* fuzz_survey_expr.c — the survey condition language on any text: the
 * lotse parser with evaluation against a fixed set of answers (a number,
 * a text, a set, an empty answer), and the LimeSurvey and XLSForm
 * translators.
 *
 * Properties: an error has a message and a position inside the text;
 * evaluation gives 1, 0 or -1 with a message; the canonical form parses
 * and writes back to itself, with the same references and the same
 * value; every translation is "" or parses as lotse syntax. */
#include "fuzz.h"
#include "core/arena.h"
#include "surveys/expr.h"

static const char *const set[] = { "a", "b", "pflege" };

static int lookup(void *ctx, const char *code, struct survey_val *out)
{
	(void)ctx;
	memset(out, 0, sizeof *out);
	switch (code[0] % 5) {
	case 0: out->kind = SURVEY_VAL_NUMBER; out->num = 17; break;
	case 1: out->kind = SURVEY_VAL_STRING; out->str = "A2"; break;
	case 2: out->kind = SURVEY_VAL_SET; out->set = set; out->nset = 3; break;
	case 3: out->kind = SURVEY_VAL_EMPTY; break;
	default: return -1;
	}
	return 0;
}

static void check_lotse(arena *a, const char *s, size_t n)
{
	survey_expr *e, *e2;
	struct survey_expr_error err = { 0 };
	if (survey_expr_parse(a, s, &e, &err) != 0) {
		FUZZ_CHECK(err.msg != NULL);
		FUZZ_CHECK(err.pos <= n);
		return;
	}
	int v = survey_expr_eval(e, lookup, NULL, &err);
	FUZZ_CHECK(v == 0 || v == 1 || (v == -1 && err.msg));
	char *f = survey_expr_format(a, e);
	/* the canonical form may be longer than the limit; then it is refused */
	if (survey_expr_parse(a, f, &e2, &err) != 0) {
		FUZZ_CHECK(strlen(f) > SURVEY_EXPR_MAX_LEN || strstr(err.msg, "verschachtelt"));
		return;
	}
	FUZZ_CHECK(strcmp(survey_expr_format(a, e2), f) == 0);
	const char **r1, **r2;
	size_t n1 = survey_expr_refs(a, e, &r1), n2 = survey_expr_refs(a, e2, &r2);
	FUZZ_CHECK(n1 == n2);
	for (size_t i = 0; i < n1; i++)
		FUZZ_CHECK(strcmp(r1[i], r2[i]) == 0);
	FUZZ_CHECK(survey_expr_eval(e2, lookup, NULL, &err) == v);
}

static void check_translated(arena *a, int rc, const char *out, const struct survey_expr_error *err, size_t n)
{
	if (rc != 0) {
		FUZZ_CHECK(err->msg != NULL && err->pos <= n);
		return;
	}
	if (!*out)
		return;
	survey_expr *e;
	struct survey_expr_error e2 = { 0 };
	if (survey_expr_parse(a, out, &e, &e2) != 0)
		FUZZ_CHECK(strlen(out) > SURVEY_EXPR_MAX_LEN || strstr(e2.msg, "verschachtelt"));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > SURVEY_EXPR_MAX_LEN + 16)
		return 0;
	char *s = fuzz_cstr(data, size);
	size_t n = strlen(s);
	arena *a = arena_new();
	check_lotse(a, s, n);
	char *out = NULL;
	struct survey_expr_error err = { 0 };
	int rc = survey_expr_from_limesurvey(a, s, &out, &err);
	check_translated(a, rc, out, &err, n);
	memset(&err, 0, sizeof err);
	rc = survey_expr_from_xlsform(a, s, "self_q", &out, &err);
	check_translated(a, rc, out, &err, n);
	arena_free(a);
	free(s);
	return 0;
}
