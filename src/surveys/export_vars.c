/* export_vars.c — a survey's responses as typed variables for statistics
 * packages (SPSS .sav, R): one variable per column of the CSV export, with
 * a name SPSS accepts (at most 64 bytes, a letter first, letters, digits
 * and _, unique without regard to case, no reserved word), a variable
 * label (the question's German text), the type (number, labelled number
 * with its value labels, a 0/1 flag per option of a multiple choice, or
 * text) and each cell's value. export_sav.c and export_r.c write them. */
#include "surveys/surveys.h"
#include "surveys/surveys_internal.h"
#include "surveys/columns.h"
#include "core/core.h"
#include "core/i18n.h"
#include "core/strmap.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define NMETA 5

/* SPSS's reserved words, which no variable may be named. */
static const char *const reserved[] = { "ALL", "AND", "BY", "EQ", "GE", "GT", "LE",
					"LT",  "NE",  "NOT", "OR", "TO", "WITH" };

/* The first len bytes of s cut back to a whole UTF-8 character. */
size_t survey_utf8_cut(const char *s, size_t len)
{
	size_t n = strlen(s);
	if (n <= len)
		return n;
	while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
		len--;
	return len;
}

/* A name SPSS accepts for src, unique (without regard to case) in seen. */
static const char *spss_name(arena *a, struct strmap *seen, const char *src)
{
	char base[SURVEY_VAR_NAME_MAX + 1];
	size_t n = 0;
	if (!isalpha((unsigned char)src[0]))
		base[n++] = 'v';
	for (const char *p = src; *p && n < SURVEY_VAR_NAME_MAX; p++)
		base[n++] = isalnum((unsigned char)*p) ? *p : '_';
	base[n] = '\0';
	for (size_t i = 0; i < sizeof(reserved) / sizeof(*reserved); i++)
		if (strcasecmp(base, reserved[i]) == 0) { /* reserved words are short: "_v" fits */
			base[n++] = '_';
			base[n++] = 'v';
			base[n] = '\0';
			break;
		}
	char name[SURVEY_VAR_NAME_MAX + 1];
	memcpy(name, base, n + 1);
	for (unsigned k = 2;; k++) {
		char key[SURVEY_VAR_NAME_MAX + 1];
		size_t kn = strlen(name);
		for (size_t i = 0; i <= kn; i++)
			key[i] = (char)toupper((unsigned char)name[i]);
		void **slot = strmap_slot(seen, key, kn);
		if (!*slot) {
			*slot = seen;
			return arena_strdup(a, name);
		}
		char suffix[16];
		int sl = snprintf(suffix, sizeof(suffix), "_%u", k);
		size_t keep = n + (size_t)sl > SURVEY_VAR_NAME_MAX ? SURVEY_VAR_NAME_MAX - (size_t)sl : n;
		memcpy(name, base, keep);
		memcpy(name + keep, suffix, (size_t)sl + 1);
	}
}

/* The value labels of a closed variable of question q: the option codes'
 * own numbers when every code is a whole number (Likert scales: 1..5),
 * else their places 1, 2, ...; "other" after the largest. */
static void value_labels(arena *a, const struct survey_question *q, struct survey_var *v)
{
	const char **codes, **labels;
	size_t k;
	survey_categories(a, q, "de", &k, &codes, &labels);
	v->codes = codes;
	v->nvals = k;
	v->vals = arena_alloc(a, (k + 1) * sizeof(*v->vals));
	if (q->type == SQ_YESNO) {
		v->vals[0] = (struct survey_var_value){ 1, labels[0] };
		v->vals[1] = (struct survey_var_value){ 0, labels[1] };
		return;
	}
	int numeric = 1;
	for (size_t i = 0; i < k && numeric; i++) {
		if (strcmp(codes[i], "other") == 0)
			continue;
		char *end;
		errno = 0;
		long x = strtol(codes[i], &end, 10);
		if (!*codes[i] || *end || errno || x < -99999999 || x > 99999999)
			numeric = 0;
		for (size_t j = 0; j < i && numeric; j++)
			if (strcmp(codes[j], "other") != 0 && strtol(codes[j], NULL, 10) == x)
				numeric = 0;
	}
	double top = 0;
	for (size_t i = 0; i < k; i++) {
		double x = (double)(i + 1);
		if (numeric && strcmp(codes[i], "other") != 0)
			x = (double)strtol(codes[i], NULL, 10);
		v->vals[i] = (struct survey_var_value){ x, labels[i] };
		if (strcmp(codes[i], "other") != 0 && (i == 0 || x > top))
			top = x;
	}
	for (size_t i = 0; i < k; i++)
		if (strcmp(codes[i], "other") == 0)
			v->vals[i].value = top + 1;
}

size_t survey_vars(arena *a, const struct survey *sv, struct survey_var **out, FILE *report)
{
	struct survey_xcol *cols;
	size_t ncols = survey_export_columns(a, sv, &cols);
	size_t n = NMETA + ncols;
	struct survey_var *v = arena_alloc(a, (n + 1) * sizeof(*v));
	memset(v, 0, (n + 1) * sizeof(*v));
	static const char *const meta[NMETA] = { "id", "status", "lang", "started_at", "completed_at" };
	static const char *const meta_labels[NMETA] = { N_("Nummer der Antwort"), N_("Stand"), N_("Sprache"),
							N_("Begonnen"), N_("Abgeschlossen") };
	for (size_t i = 0; i < NMETA; i++) {
		v[i].source = meta[i];
		v[i].label = i18n_get("de", meta_labels[i]);
		v[i].kind = i == 0 ? SV_NUMBER : SV_STRING;
		v[i].q = SIZE_MAX;
		v[i].part = "";
	}
	for (size_t c = 0; c < ncols; c++) {
		struct survey_var *x = &v[NMETA + c];
		const struct survey_question *q = &sv->qs[cols[c].q];
		const char *text = survey_tx(&q->tx, "text", "de");
		if (!*text)
			text = q->code;
		x->source = cols[c].name;
		x->q = cols[c].q;
		x->part = cols[c].part;
		x->label = text;
		if (strcmp(x->part, "other") == 0) {
			x->kind = SV_STRING;
			x->label = arena_printf(a, "%s: %s", text, i18n_get("de", "Sonstiges"));
			continue;
		}
		switch (q->type) {
		case SQ_NUMBER:
			x->kind = SV_NUMBER;
			x->decimals = q->decimals;
			break;
		case SQ_SINGLE:
		case SQ_DROPDOWN:
		case SQ_YESNO:
			x->kind = SV_LABELLED;
			value_labels(a, q, x);
			break;
		case SQ_ARRAY: {
			int k = survey_option_index(q, 1, x->part);
			x->kind = SV_LABELLED;
			x->ordinal = 1;
			x->label = arena_printf(a, "%s: %s", text, k >= 0 ? survey_tx(&q->subs[k].tx, "label", "de") : x->part);
			value_labels(a, q, x);
			break;
		}
		case SQ_RANKING:
			x->kind = SV_LABELLED;
			x->label = arena_printf(a, "%s: %s %s", text, i18n_get("de", N_("Rang")), x->part);
			value_labels(a, q, x);
			break;
		case SQ_MULTIPLE: {
			int k = survey_option_index(q, 0, x->part);
			x->kind = SV_FLAG;
			x->label = arena_printf(a, "%s: %s", text, k >= 0 ? survey_tx(&q->opts[k].tx, "label", "de") : x->part);
			x->nvals = 2;
			x->vals = arena_alloc(a, 2 * sizeof(*x->vals));
			x->vals[0] = (struct survey_var_value){ 0, i18n_get("de", N_("nicht gewählt")) };
			x->vals[1] = (struct survey_var_value){ 1, i18n_get("de", N_("gewählt")) };
			break;
		}
		default:
			x->kind = SV_STRING;
			break;
		}
	}
	/* the cells of a multiple choice's question: a flag is 0 when another
	 * of them has an answer, missing when none has */
	for (size_t i = NMETA; i < n; i++) {
		size_t j = i;
		while (j < n && v[j].q == v[i].q)
			j++;
		for (size_t k = i; k < j; k++) {
			v[k].first = i;
			v[k].count = j - i;
		}
		i = j - 1;
	}
	struct strmap seen = { 0 };
	for (size_t i = 0; i < n; i++) {
		v[i].at = i;
		v[i].name = spss_name(a, &seen, v[i].source);
		if (strcmp(v[i].name, v[i].source) != 0 && report)
			fprintf(report, "variable %s is named %s (SPSS's rules for names)\n", v[i].source, v[i].name);
	}
	strmap_free(&seen, NULL);
	*out = v;
	return n;
}

int survey_var_value(const struct survey_var *v, const char *const *row, double *out)
{
	const char *c = row[v->at];
	*out = 0;
	switch (v->kind) {
	case SV_NUMBER: {
		if (!c || !*c)
			return 0;
		char *end;
		double x = strtod(c, &end);
		if (*end || !isfinite(x))
			return 0;
		*out = x;
		return 1;
	}
	case SV_LABELLED: {
		if (!c || !*c)
			return 0;
		int k = survey_cat_index(v->codes, v->nvals, c);
		if (k < 0)
			return 0;
		*out = v->vals[k].value;
		return 1;
	}
	case SV_FLAG:
		if (c && *c) {
			*out = 1;
			return 1;
		}
		for (size_t i = v->first; i < v->first + v->count; i++)
			if (row[i] && *row[i])
				return 1;
		return 0;
	default:
		return 0;
	}
}
