/* export_xlsform.c — a survey's structure as an XLSForm workbook
 * (libxlsxwriter): the sheets survey, choices and settings, every text in
 * a `::Language (xx)` column per language of the survey, conditions in
 * XLSForm's syntax, so that import_xlsform.c reads the same structure back
 * (docs/surveys.md, "XLSForm"). */
#include "surveys/import_internal.h"
#include "surveys/surveys.h"
#include "core/core.h"

#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>

/* English names of the languages for the column headers. */
static const char *lang_name(const char *l)
{
	static const char *const names[][2] = { { "de", "German" },  { "en", "English" },   { "tr", "Turkish" },
						{ "ar", "Arabic" },  { "ru", "Russian" },   { "uk", "Ukrainian" },
						{ "fa", "Persian" } };
	for (size_t i = 0; i < NELEM(names); i++)
		if (strcmp(names[i][0], l) == 0)
			return names[i][1];
	return l;
}

struct out {
	arena *a;
	const struct survey *sv;
	lxw_worksheet *ws;
	lxw_row_t row;
	int err;
};

static void put(struct out *o, lxw_col_t c, const char *v)
{
	if (v && *v && worksheet_write_string(o->ws, o->row, c, v, NULL) != LXW_NO_ERROR)
		o->err = 1;
}

/* The texts of field in each language from column c on. */
static void put_texts(struct out *o, lxw_col_t c, const struct survey_texts *t, const char *field)
{
	for (size_t i = 0; i < o->sv->nlangs; i++)
		put(o, (lxw_col_t)(c + i), survey_tx_exact(t, field, o->sv->langs[i]));
}

/* A condition in XLSForm's syntax; one that is broken or untranslated
 * is written as it was imported, so that it stays refused. */
static const char *relevant(struct out *o, const char *cond, const char *src, const char *code)
{
	if (!*cond)
		return src;
	survey_expr *e;
	struct survey_expr_error err;
	const char *x = survey_expr_parse(o->a, cond, &e, &err) == 0 ? survey_expr_to_xlsform(o->a, e) : NULL;
	if (!x)
		fprintf(stderr, "warning: %s: condition %s has no XLSForm form; written as it is\n", code, cond);
	return x ? x : cond;
}

/* The survey sheet's columns. */
enum { C_TYPE, C_NAME, C_REQUIRED, C_RELEVANT, C_CONSTRAINT, C_APPEARANCE, C_TEXTS };

static const char *constraint(struct out *o, const struct survey_question *q)
{
	char *c = NULL;
	if (q->has_min)
		c = arena_printf(o->a, ". >= %.17g", q->min_value);
	if (q->has_max)
		c = arena_printf(o->a, "%s%s. <= %.17g", c ? c : "", c ? " and " : "", q->max_value);
	if (q->max_length)
		c = arena_printf(o->a, "%s%sstring-length(.) <= %ld", c ? c : "", c ? " and " : "", q->max_length);
	if (*q->pattern) {
		if (c)
			fprintf(stderr, "warning: %s: only the pattern of its constraints is written\n", q->code);
		c = arena_printf(o->a, "regex(., '%s')", q->pattern);
	}
	return c;
}

static void question_row(struct out *o, const struct survey_question *q)
{
	static const char *const types[SQ__COUNT] = {
		[SQ_SINGLE] = "select_one", [SQ_DROPDOWN] = "select_one", [SQ_MULTIPLE] = "select_multiple",
		[SQ_YESNO] = "select_one", [SQ_ARRAY] = "begin_group", [SQ_NUMBER] = "integer", [SQ_TEXT] = "text",
		[SQ_LONGTEXT] = "text", [SQ_DATE] = "date", [SQ_RANKING] = "rank", [SQ_DISPLAY] = "note",
	};
	size_t nl = o->sv->nlangs;
	const char *type = types[q->type];
	if (q->type == SQ_NUMBER && q->decimals)
		type = "decimal";
	if (q->type == SQ_YESNO)
		type = arena_printf(o->a, "select_one %s_yn", q->code);
	else if (q->type != SQ_ARRAY && survey_qtype_has_options(q->type))
		type = arena_printf(o->a, "%s %s%s", type, q->code, q->other ? " or_other" : "");
	put(o, C_TYPE, type);
	put(o, C_NAME, q->code);
	if (q->type != SQ_ARRAY && q->mandatory)
		put(o, C_REQUIRED, "yes");
	put(o, C_RELEVANT, relevant(o, q->cond, q->cond_src, q->code));
	put(o, C_CONSTRAINT, constraint(o, q));
	put(o, C_APPEARANCE, q->type == SQ_DROPDOWN ? "minimal" : q->type == SQ_LONGTEXT ? "multiline"
							 : q->type == SQ_ARRAY  ? "table-list"
										: NULL);
	put_texts(o, C_TEXTS, &q->tx, "text");
	put_texts(o, (lxw_col_t)(C_TEXTS + nl), &q->tx, "help");
	put_texts(o, (lxw_col_t)(C_TEXTS + 2 * nl), &q->tx, "message");
	o->row++;
	if (q->type != SQ_ARRAY)
		return;
	for (size_t s = 0; s < q->nsubs; s++) {
		put(o, C_TYPE, arena_printf(o->a, "select_one %s", q->code));
		put(o, C_NAME, arena_printf(o->a, "%s_%s", q->code, q->subs[s].code));
		if (q->mandatory)
			put(o, C_REQUIRED, "yes");
		put_texts(o, C_TEXTS, &q->subs[s].tx, "label");
		o->row++;
	}
	put(o, C_TYPE, "end_group");
	o->row++;
}

static void choice_rows(struct out *o, const char *list, const struct survey_option *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		put(o, 0, list);
		put(o, 1, v[i].code);
		put_texts(o, 2, &v[i].tx, "label");
		o->row++;
	}
}

int survey_export_xlsform(const struct survey *sv, const char *path)
{
	FILE *f = fopen(path, "wx"); /* never replaces a file */
	if (!f)
		return ST_CONFLICT;
	fclose(f);
	lxw_workbook *wb = workbook_new(path);
	if (!wb)
		return ST_ERR;
	arena *a = arena_new();
	struct out o = { .a = a, .sv = sv };
	size_t nl = sv->nlangs;
	/* survey */
	o.ws = workbook_add_worksheet(wb, "survey");
	static const char *const head[] = { "type", "name", "required", "relevant", "constraint", "appearance" };
	for (size_t i = 0; i < NELEM(head); i++)
		put(&o, (lxw_col_t)i, head[i]);
	static const char *const tf[] = { "label", "hint", "constraint_message" };
	for (size_t k = 0; k < NELEM(tf); k++)
		for (size_t i = 0; i < nl; i++)
			put(&o, (lxw_col_t)(C_TEXTS + k * nl + i),
			    arena_printf(a, "%s::%s (%s)", tf[k], lang_name(sv->langs[i]), sv->langs[i]));
	o.row++;
	for (size_t p = 0; p < sv->npages; p++) {
		const struct survey_page *pg = &sv->pages[p];
		put(&o, C_TYPE, "begin_group");
		put(&o, C_NAME, arena_printf(a, "page%zu", p + 1));
		put(&o, C_RELEVANT, relevant(&o, pg->cond, pg->cond_src, arena_printf(a, "page %zu", p + 1)));
		put_texts(&o, C_TEXTS, &pg->tx, "title");
		o.row++;
		for (size_t i = pg->first; i < pg->first + pg->n; i++)
			question_row(&o, &sv->qs[i]);
		put(&o, C_TYPE, "end_group");
		o.row++;
	}
	/* choices */
	o.ws = workbook_add_worksheet(wb, "choices");
	o.row = 0;
	put(&o, 0, "list_name");
	put(&o, 1, "name");
	for (size_t i = 0; i < nl; i++)
		put(&o, (lxw_col_t)(2 + i), arena_printf(a, "label::%s (%s)", lang_name(sv->langs[i]), sv->langs[i]));
	o.row++;
	for (size_t i = 0; i < sv->nqs; i++) {
		const struct survey_question *q = &sv->qs[i];
		if (q->type == SQ_YESNO) {
			static const char *const yn[][2] = { { "Y", "Ja" }, { "N", "Nein" } };
			for (size_t k = 0; k < 2; k++) {
				put(&o, 0, arena_printf(a, "%s_yn", q->code));
				put(&o, 1, yn[k][0]);
				put(&o, 2, yn[k][1]);
				o.row++;
			}
		} else if (survey_qtype_has_options(q->type)) {
			choice_rows(&o, q->code, q->opts, q->nopts);
		}
	}
	/* settings */
	o.ws = workbook_add_worksheet(wb, "settings");
	o.row = 0;
	put(&o, 0, "form_id");
	put(&o, 1, "default_language");
	put(&o, 2, "lotse_kind");
	for (size_t i = 0; i < nl; i++)
		put(&o, (lxw_col_t)(3 + i), arena_printf(a, "form_title::%s (%s)", lang_name(sv->langs[i]), sv->langs[i]));
	o.row++;
	put(&o, 0, sv->code);
	put(&o, 1, "German (de)");
	put(&o, 2, sv->kind);
	put_texts(&o, 3, &sv->tx, "title");
	int rc = workbook_close(wb) == LXW_NO_ERROR && !o.err ? ST_OK : ST_ERR;
	if (rc != ST_OK)
		remove(path);
	arena_free(a);
	return rc;
}
