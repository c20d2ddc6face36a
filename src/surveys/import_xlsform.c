/* import_xlsform.c — an XLSForm (the form format of ODK and KoboToolbox)
 * as a new draft survey: the sheets survey, choices and settings of an
 * .xlsx workbook or of a folder with survey.csv, choices.csv,
 * settings.csv, read as text by xlsform_read.c.
 *
 * Mapping (docs/surveys.md, "Importing an XLSForm"): begin/end group are
 * pages, a group with appearance table-list is an array (its select_one
 * rows the subquestions); select_one (appearance minimal: a drop-down; a
 * list of exactly Y and N: yes/no), select_multiple, rank, integer,
 * decimal, text (multiline: long text), date, note; label, hint,
 * constraint_message per `::Language (xx)` column; relevant translated
 * with survey_expr_from_xlsform (kept untranslated when it cannot be);
 * constraint as range, pattern and length; required. */
#include "surveys/import_internal.h"
#include "surveys/surveys.h"
#include "surveys/xlsform_internal.h"
#include "core/core.h"
#include "core/i18n.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- the form ---- */

/* A column of texts: its field ("label", "hint", "constraint_message"),
 * language and index. */
struct tcol {
	const char *field, *lang;
	int col;
};

struct xf {
	struct survey_importer im;
	arena *a;
	struct store *s;
	int64_t sid;
	const char *file;
	const struct survey_xf_sheet *sv, *ch, *st;
	const char *langs[SURVEY_LANGS_MAX];
	size_t nlangs;
	const char *base; /* the language of the plain "label" columns */
	struct tcol *tcols;
	size_t ntcols;
	struct tcol *ccols; /* the choices' label columns */
	size_t nccols;
	long nquestions;
	size_t npages;
	char *err;
	size_t errlen;
};

/* The language of a column suffix "English (en)", "english", "de", or NULL. */
static const char *lang_of(const char *suffix)
{
	static const char *const names[][2] = {
		{ "german", "de" }, { "deutsch", "de" }, { "english", "en" }, { "turkish", "tr" }, { "türkçe", "tr" },
		{ "arabic", "ar" }, { "russian", "ru" }, { "ukrainian", "uk" }, { "farsi", "fa" }, { "persian", "fa" },
	};
	const char *open = strrchr(suffix, '(');
	if (open) {
		char code[8];
		size_t n = strcspn(open + 1, ")");
		if (n < sizeof(code) && open[1 + n] == ')') {
			memcpy(code, open + 1, n);
			code[n] = '\0';
			for (char *p = code; *p; p++)
				*p = (char)tolower((unsigned char)*p);
			return i18n_lang(code);
		}
	}
	for (size_t i = 0; i < NELEM(names); i++)
		if (strcasecmp(suffix, names[i][0]) == 0)
			return names[i][1];
	return i18n_lang(suffix);
}

static void add_lang(struct xf *x, const char *l)
{
	for (size_t i = 0; i < x->nlangs; i++)
		if (strcmp(x->langs[i], l) == 0)
			return;
	if (x->nlangs < SURVEY_LANGS_MAX)
		x->langs[x->nlangs++] = l;
}

/* The text columns of t for fields (label, hint, ...): "field", "field::L", "field:L". */
static size_t text_columns(struct xf *x, const struct survey_xf_sheet *t, const char *const *fields, size_t nf,
			   struct tcol **out)
{
	size_t n = 0, cap = 0;
	*out = NULL;
	for (size_t c = 0; c < t->ncols; c++) {
		const char *h = survey_xf_cell(t, 0, c);
		for (size_t f = 0; f < nf; f++) {
			size_t fl = strlen(fields[f]);
			if (strncasecmp(h, fields[f], fl) != 0 || (h[fl] && h[fl] != ':'))
				continue;
			const char *l = x->base;
			if (h[fl]) {
				const char *suffix = h + fl + 1 + (h[fl + 1] == ':');
				l = lang_of(suffix);
				if (!l) {
					survey_import_warn(&x->im, "column %s: lotse does not speak this language, its texts are left out", h);
					continue;
				}
			}
			*out = arena_grow(x->a, *out, n, &cap, sizeof(**out), 8);
			(*out)[n++] = (struct tcol){ fields[f], l, (int)c };
		}
	}
	return n;
}

/* The text of field in lang of row r (NULL when none). */
static const char *text_in(const struct survey_xf_sheet *t, const struct tcol *tc, size_t n, size_t r, const char *field,
			   const char *lang)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(tc[i].field, field) == 0 && strcmp(tc[i].lang, lang) == 0 && *survey_xf_cell(t, r, (size_t)tc[i].col))
			return survey_xf_cell(t, r, (size_t)tc[i].col);
	return NULL;
}

/* The German (source) text of field of row r: German, else the base language's. */
static const char *source_text(const struct xf *x, const struct survey_xf_sheet *t, const struct tcol *tc, size_t n, size_t r,
			       const char *field)
{
	const char *s = text_in(t, tc, n, r, field, "de");
	if (!s)
		s = text_in(t, tc, n, r, field, x->base);
	for (size_t i = 0; !s && i < x->nlangs; i++)
		s = text_in(t, tc, n, r, field, x->langs[i]);
	return s ? s : "";
}

/* The texts of an item written after it is saved (their ids are known then). */
struct pending {
	const char *q, *opt; /* question code; option or subquestion code, or NULL */
	int sub;
	size_t row;
	const struct survey_xf_sheet *t;
	const struct tcol *tc;
	size_t ntc;
};

static int write_texts(struct xf *x, char item, int64_t ref, const struct survey_xf_sheet *t, const struct tcol *tc,
		       size_t ntc, size_t row)
{
	int rc = ST_OK;
	for (size_t i = 0; rc == ST_OK && i < ntc; i++) {
		const char *v = survey_xf_cell(t, row, (size_t)tc[i].col);
		int label = strcmp(tc[i].field, "label") == 0;
		const char *field = label ? (item == 'o' ? "label" : item == 'p' ? "title" : "text")
				    : strcmp(tc[i].field, "hint") == 0 ? "help" : "message";
		if (*v && strcmp(tc[i].lang, "de") != 0 && (label || item == 'q'))
			rc = survey_set_text(x->s, x->sid, item, ref, field, tc[i].lang, v);
	}
	return rc;
}

static int truthy(const char *v)
{
	return strcasecmp(v, "yes") == 0 || strcasecmp(v, "true") == 0 || strcasecmp(v, "true()") == 0 ||
	       strcmp(v, "1") == 0;
}

/* The choices of list: codes and German labels, rows into *rows. */
static size_t choices_of(struct xf *x, const char *list, const char ***codes, const char ***labels, size_t **rows)
{
	int lc = survey_xf_column(x->ch, "list_name"), nc = survey_xf_column(x->ch, "name");
	if (lc < 0)
		lc = survey_xf_column(x->ch, "list name");
	size_t n = 0;
	*codes = arena_alloc(x->a, (x->ch->nrows + 1) * sizeof(char *));
	*labels = arena_alloc(x->a, (x->ch->nrows + 1) * sizeof(char *));
	*rows = arena_alloc(x->a, (x->ch->nrows + 1) * sizeof(size_t));
	for (size_t r = 1; lc >= 0 && nc >= 0 && r < x->ch->nrows; r++) {
		if (strcmp(survey_xf_cell(x->ch, r, (size_t)lc), list) != 0)
			continue;
		const char *code = survey_xf_cell(x->ch, r, (size_t)nc);
		size_t k = 0;
		while (k < n && strcmp((*codes)[k], code) != 0)
			k++;
		if (!*code || strlen(code) > 64 || k < n) {
			survey_import_warn(&x->im, "choices row %ld: list %s: choice \"%s\" left out (empty, too long or twice)",
					   x->ch->first_line + (long)r, list, code);
			continue;
		}
		(*codes)[n] = code;
		(*labels)[n] = source_text(x, x->ch, x->ccols, x->nccols, r, "label");
		(*rows)[n++] = r;
	}
	return n;
}

/* A constraint into the question: range (. >= 1 and . <= 9), pattern
 * (regex(., '...')), length (string-length(.) <= N); others are warned. */
static void constraint_of(struct xf *x, const char *code, const char *text, struct survey_qspec *q)
{
	if (!*text)
		return;
	/* regex(., 'p') is taken as written; the rest through the translator */
	const char *rx = strstr(text, "regex(.");
	if (rx) {
		const char *p = rx + 7;
		while (*p == ' ' || *p == ',')
			p++;
		char quote = *p;
		const char *end = quote == '\'' || quote == '"' ? strchr(p + 1, quote) : NULL;
		if (end) {
			q->pattern = arena_strndup(x->a, p + 1, (size_t)(end - p - 1));
			return;
		}
	}
	char *out;
	struct survey_expr_error e;
	if (survey_expr_from_xlsform(x->a, text, code, &out, &e) != 0) {
		survey_import_warn(&x->im, "%s: constraint not imported (%s): %s", code, e.msg, text);
		return;
	}
	/* "code >= 1 and code <= 9", "length(code) <= 80" */
	size_t cl = strlen(code);
	int ok = 1;
	for (char *p = out; *p && ok;) {
		char *and = strstr(p, " and ");
		if (and)
			*and = '\0';
		double v;
		char op[3] = "";
		int used = 0;
		if (strncmp(p, code, cl) == 0 && sscanf(p + cl, " %2[<>=] %lf%n", op, &v, &used) == 2 && !p[cl + (size_t)used]) {
			if (strcmp(op, ">=") == 0) {
				q->has_min = 1;
				q->min_value = v;
			} else if (strcmp(op, "<=") == 0) {
				q->has_max = 1;
				q->max_value = v;
			} else {
				ok = 0;
			}
		} else if (strncmp(p, "length(", 7) == 0 && strncmp(p + 7, code, cl) == 0 &&
			   sscanf(p + 7 + cl, ") <= %lf%n", &v, &used) == 1 && !p[7 + cl + (size_t)used] && v >= 1) {
			q->max_length = (long)v;
		} else {
			ok = 0;
		}
		p = and ? and + 5 : p + strlen(p);
	}
	if (!ok)
		survey_import_warn(&x->im, "%s: constraint not imported (only ranges, patterns and lengths are): %s", code,
				   text);
}

static void relevant_of(struct xf *x, const char *code, const char *rel, const char **cond, const char **src,
			const char **errs)
{
	*cond = *src = *errs = "";
	if (!*rel)
		return;
	char *out;
	struct survey_expr_error e;
	if (survey_expr_from_xlsform(x->a, rel, NULL, &out, &e) == 0) {
		*cond = out; /* the source is kept only when it could not be translated */
	} else {
		*src = rel;
		*errs = arena_strdup(x->a, e.msg);
		survey_import_warn(&x->im, "%s: condition kept untranslated (%s): %s", code, e.msg, rel);
	}
}

struct cols {
	int type, name, required, relevant, constraint, appearance;
};

/* The type word and list of row r ("select one from x" as "select_one x"). */
static const char *type_of(struct xf *x, const char *raw, const char **list, int *or_other)
{
	char *t = arena_strdup(x->a, raw);
	for (char *p = t; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	*list = NULL;
	*or_other = 0;
	static const char *const pre[][2] = {
		{ "select one from ", "select_one" }, { "select all that apply from ", "select_multiple" },
		{ "select multiple from ", "select_multiple" }, { "begin group", "begin_group" },
		{ "end group", "end_group" }, { "begin repeat", "begin_repeat" }, { "end repeat", "end_repeat" },
		{ "select one ", "select_one" }, { "select multiple ", "select_multiple" },
	};
	for (size_t i = 0; i < NELEM(pre); i++) {
		size_t n = strlen(pre[i][0]);
		if (strncmp(t, pre[i][0], n) == 0) {
			t = n == strlen(t) ? arena_strdup(x->a, pre[i][1]) : arena_printf(x->a, "%s %s", pre[i][1], t + n);
			break;
		}
	}
	char *sp = strchr(t, ' ');
	if (sp) {
		*sp = '\0';
		char *l = sp + 1;
		while (*l == ' ')
			l++;
		char *o = strstr(l, " or_other");
		if (o) {
			*o = '\0';
			*or_other = 1;
		}
		*list = arena_strdup(x->a, l);
	}
	return t;
}

static int is_meta(const char *t)
{
	static const char *const meta[] = { "start",	   "end",	  "today",	 "deviceid", "subscriberid",
					    "simserial",   "phonenumber", "username", "email",	 "audit",
					    "start-geopoint", "background-audio" };
	for (size_t i = 0; i < NELEM(meta); i++)
		if (strcmp(t, meta[i]) == 0)
			return 1;
	return 0;
}

/* Add a page (title and texts of row r, or untitled); its id into *pid. */
static int new_page(struct xf *x, size_t r, const struct cols *k, int64_t *pid)
{
	const char *title = r ? source_text(x, x->sv, x->tcols, x->ntcols, r, "label") : "";
	int rc = survey_page_add(x->s, x->sid, title, pid);
	if (rc == ST_OK && r)
		rc = write_texts(x, 'p', *pid, x->sv, x->tcols, x->ntcols, r);
	if (rc == ST_OK && r && k->relevant >= 0) {
		const char *c, *src, *e;
		relevant_of(x, arena_printf(x->a, "page %zu", x->npages + 1), survey_xf_cell(x->sv, r, (size_t)k->relevant), &c, &src,
			    &e);
		if (*c || *src)
			rc = survey_page_cond(x->s, x->sid, *pid, *c ? c : src);
	}
	x->npages++;
	return rc;
}

static const char *row_cell(const struct xf *x, size_t r, int c)
{
	return c < 0 ? "" : survey_xf_cell(x->sv, r, (size_t)c);
}

/* Save q with its texts of row r and its options' rows. */
static int save_question(struct xf *x, struct survey_qspec *q, size_t r, const size_t *orows, size_t nopt,
			 const size_t *srows, size_t nsub, struct pending **pend, size_t *npend, size_t *pcap)
{
	int64_t id;
	int rc = survey_question_save(x->s, x->sid, q, &id);
	if (rc == ST_OK)
		rc = write_texts(x, 'q', id, x->sv, x->tcols, x->ntcols, r);
	for (size_t i = 0; i < nopt + nsub; i++) {
		*pend = arena_grow(x->a, *pend, *npend, pcap, sizeof(**pend), 32);
		int sub = i >= nopt;
		(*pend)[(*npend)++] = (struct pending){
			q->code, sub ? q->sub_codes[i - nopt] : q->opt_codes[i], sub, sub ? srows[i - nopt] : orows[i],
			sub ? x->sv : x->ch, sub ? x->tcols : x->ccols, sub ? x->ntcols : x->nccols,
		};
	}
	x->nquestions++;
	return rc;
}

static int import_rows(struct xf *x)
{
	struct cols k = { survey_xf_column(x->sv, "type"), survey_xf_column(x->sv, "name"), survey_xf_column(x->sv, "required"),
			  survey_xf_column(x->sv, "relevant"), survey_xf_column(x->sv, "constraint"), survey_xf_column(x->sv, "appearance") };
	if (k.relevant < 0)
		k.relevant = survey_xf_column(x->sv, "bind:relevant");
	if (k.constraint < 0)
		k.constraint = survey_xf_column(x->sv, "bind:constraint");
	if (k.appearance < 0)
		k.appearance = survey_xf_column(x->sv, "control:appearance");
	if (k.type < 0 || k.name < 0) {
		snprintf(x->err, x->errlen, "%s: sheet survey: the header row (line %ld) lacks the column type or name",
			 x->file, x->sv->first_line);
		return ST_CONFLICT;
	}
	struct pending *pend = NULL;
	size_t npend = 0, pcap = 0;
	int64_t pid = 0;
	int depth = 0, rc = ST_OK;
	for (size_t r = 1; rc == ST_OK && r < x->sv->nrows; r++) {
		const char *list;
		int other;
		const char *type = type_of(x, row_cell(x, r, k.type), &list, &other);
		const char *name = row_cell(x, r, k.name), *app = row_cell(x, r, k.appearance);
		long line = x->sv->first_line + (long)r;
		if (!*type)
			continue;
		if (strcmp(type, "end_group") == 0 || strcmp(type, "end_repeat") == 0) {
			depth -= depth > 0;
			pid = 0; /* what follows opens a page of its own */
			continue;
		}
		if ((strcmp(type, "begin_group") == 0 || strcmp(type, "begin_repeat") == 0) && !strstr(app, "table-list")) {
			if (type[6] == 'r')
				survey_import_warn(&x->im, "survey row %ld: repeat %s imported as a page (asked once)", line, name);
			depth++;
			rc = new_page(x, r, &k, &pid);
			continue;
		}
		if (is_meta(type)) {
			survey_import_warn(&x->im, "survey row %ld: %s (%s) is metadata, left out", line, name, type);
			continue;
		}
		if (!*name) {
			survey_import_warn(&x->im, "survey row %ld: a %s without a name, left out", line, type);
			continue;
		}
		if (!pid && (rc = new_page(x, 0, &k, &pid)) != ST_OK)
			break;
		struct survey_qspec q;
		memset(&q, 0, sizeof(q));
		q.page_id = pid;
		q.code = survey_import_code(&x->im, name);
		q.text = source_text(x, x->sv, x->tcols, x->ntcols, r, "label");
		q.help = source_text(x, x->sv, x->tcols, x->ntcols, r, "hint");
		q.message = source_text(x, x->sv, x->tcols, x->ntcols, r, "constraint_message");
		q.mandatory = truthy(row_cell(x, r, k.required));
		q.other = other;
		relevant_of(x, q.code, row_cell(x, r, k.relevant), &q.cond, &q.cond_src, &q.cond_error);
		size_t *orows = NULL, *srows = NULL, nsub = 0, qrow = r;
		if (strcmp(type, "begin_group") == 0 || strcmp(type, "begin_repeat") == 0) {
			/* table-list: an array whose rows are the select_one rows up to end group */
			q.type = SQ_ARRAY;
			const char **sc = arena_alloc(x->a, x->sv->nrows * sizeof(char *));
			const char **sl = arena_alloc(x->a, x->sv->nrows * sizeof(char *));
			srows = arena_alloc(x->a, x->sv->nrows * sizeof(size_t));
			const char *alist = NULL;
			size_t e = r + 1;
			for (; e < x->sv->nrows; e++) {
				const char *l2;
				int o2;
				const char *t2 = type_of(x, row_cell(x, e, k.type), &l2, &o2);
				if (strcmp(t2, "end_group") == 0 || strcmp(t2, "end_repeat") == 0)
					break;
				const char *n2 = row_cell(x, e, k.name);
				if (strcmp(t2, "select_one") != 0 || !l2 || (alist && strcmp(alist, l2) != 0) || !*n2) {
					survey_import_warn(&x->im, "survey row %ld: %s: only select_one rows of one list make an "
								  "array; left out", x->sv->first_line + (long)e, q.code);
					continue;
				}
				alist = l2;
				size_t pl = strlen(q.code);
				sc[nsub] = strncmp(n2, q.code, pl) == 0 && n2[pl] == '_' && n2[pl + 1] ? n2 + pl + 1 : n2;
				sl[nsub] = source_text(x, x->sv, x->tcols, x->ntcols, e, "label");
				q.mandatory |= truthy(row_cell(x, e, k.required));
				srows[nsub++] = e;
			}
			r = e; /* past its end group */
			q.sub_codes = sc;
			q.sub_labels = sl;
			q.nsubs = nsub;
			if (alist)
				q.nopts = choices_of(x, alist, (const char ***)&q.opt_codes, (const char ***)&q.opt_labels, &orows);
		} else if (list && (strcmp(type, "select_one") == 0 || strcmp(type, "select_multiple") == 0 ||
				    strcmp(type, "rank") == 0)) {
			q.nopts = choices_of(x, list, (const char ***)&q.opt_codes, (const char ***)&q.opt_labels, &orows);
			q.type = type[7] == 'm' ? SQ_MULTIPLE : type[0] == 'r' ? SQ_RANKING : strstr(app, "minimal") ? SQ_DROPDOWN
															     : SQ_SINGLE;
			if (q.type == SQ_SINGLE && q.nopts == 2 && strcmp(q.opt_codes[0], "Y") == 0 &&
			    strcmp(q.opt_codes[1], "N") == 0 && !other) {
				q.type = SQ_YESNO;
				q.nopts = 0;
			}
			if (!q.nopts && q.type != SQ_YESNO)
				survey_import_warn(&x->im, "%s: list %s has no choices", q.code, list);
		} else if (strcmp(type, "integer") == 0 || strcmp(type, "decimal") == 0) {
			q.type = SQ_NUMBER;
			q.decimals = type[0] == 'd';
		} else if (strcmp(type, "text") == 0) {
			q.type = strstr(app, "multiline") ? SQ_LONGTEXT : SQ_TEXT;
		} else if (strcmp(type, "date") == 0) {
			q.type = SQ_DATE;
		} else if (strcmp(type, "note") == 0) {
			q.type = SQ_DISPLAY;
		} else {
			q.type = SQ_DISPLAY;
			survey_import_warn(&x->im, "survey row %ld: %s: type %s imported as a text display", line, q.code, type);
		}
		if (q.type != SQ_DISPLAY && q.type != SQ_ARRAY)
			constraint_of(x, q.code, row_cell(x, qrow, k.constraint), &q);
		rc = save_question(x, &q, qrow, orows, q.nopts, srows, nsub, &pend, &npend, &pcap);
	}
	/* the options' and subquestions' texts, now that they have ids */
	struct survey sv;
	if (rc == ST_OK && npend)
		rc = survey_load(x->s, x->a, x->sid, &sv);
	for (size_t i = 0; rc == ST_OK && i < npend; i++) {
		const struct survey_question *q = survey_question_by_code(&sv, pend[i].q);
		int o = q ? survey_option_index(q, pend[i].sub, pend[i].opt) : -1;
		if (o >= 0)
			rc = write_texts(x, 'o', (pend[i].sub ? q->subs : q->opts)[o].id, pend[i].t, pend[i].tc, pend[i].ntc,
					 pend[i].row);
	}
	return rc;
}

/* A survey code from the form's id, else from the file's name. */
static const char *code_of(struct xf *x, const char *form_id)
{
	if (survey_code_valid(form_id, 1))
		return form_id;
	const char *base = strrchr(x->file, '/');
	base = base && base[1] ? base + 1 : x->file;
	char *c = arena_printf(x->a, "xf-%s", base);
	char *dot = strrchr(c, '.');
	if (dot && dot > c + 3)
		*dot = '\0';
	for (char *p = c; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '-' && *p != '_')
			*p = '-';
	if (strlen(c) > 64)
		c[64] = '\0';
	return c;
}

/* The value of key in the settings sheet (a row of headers, a row of
 * values), or "". */
static const char *setting(const struct survey_xf_sheet *st, const char *key)
{
	int c = survey_xf_column(st, key);
	return c < 0 ? "" : survey_xf_cell(st, 1, (size_t)c);
}

static int import_sheets(struct store *s, const char *file, struct survey_xf_sheet sh[3], FILE *report, char *err,
			 size_t errlen, arena *a)
{
	struct xf x;
	memset(&x, 0, sizeof(x));
	x.a = a;
	x.s = s;
	x.file = file;
	x.im.a = a;
	x.im.report = report;
	x.err = err;
	x.errlen = errlen;
	x.sv = &sh[0];
	x.ch = &sh[1];
	x.st = &sh[2];
	const char *dl = setting(x.st, "default_language");
	x.base = *dl ? lang_of(dl) : "de";
	if (!x.base) {
		survey_import_warn(&x.im, "default_language %s: lotse does not speak it; the texts are taken as German", dl);
		x.base = "de";
	}
	add_lang(&x, "de");
	static const char *const qfields[] = { "label", "hint", "constraint_message" };
	static const char *const cfields[] = { "label" };
	x.ntcols = text_columns(&x, x.sv, qfields, NELEM(qfields), &x.tcols);
	x.nccols = text_columns(&x, x.ch, cfields, 1, &x.ccols);
	for (size_t i = 0; i < x.ntcols; i++)
		add_lang(&x, x.tcols[i].lang);
	/* the title: form_title, and form_title::Language (xx) */
	struct tcol *tt;
	size_t ntt = text_columns(&x, x.st, (const char *const[]){ "form_title" }, 1, &tt);
	const char *title = source_text(&x, x.st, tt, ntt, 1, "form_title");
	const char *code = code_of(&x, setting(x.st, "form_id"));
	struct store_tx tx;
	int rc = store_tx_begin(s, &tx);
	if (rc != ST_OK) {
		snprintf(err, errlen, "cannot write to the database");
		return rc;
	}
	/* lotse's own setting: the kind of survey ("offers": the offer survey) */
	rc = survey_create(s, code, *title ? title : code, strcmp(setting(x.st, "lotse_kind"), "offers") == 0 ? "offers" : "needs",
			   &x.sid);
	if (rc == ST_CONFLICT)
		snprintf(err, errlen, "there is a survey %s already", code);
	struct survey sd;
	if (rc == ST_OK)
		rc = survey_load(s, a, x.sid, &sd);
	if (rc == ST_OK) {
		char *l = arena_strdup(a, x.langs[0]);
		for (size_t i = 1; i < x.nlangs; i++)
			l = arena_printf(a, "%s,%s", l, x.langs[i]);
		sd.languages = l;
		rc = survey_save_settings(s, &sd);
	}
	for (size_t i = 0; rc == ST_OK && i < ntt; i++)
		if (strcmp(tt[i].lang, "de") != 0 && *survey_xf_cell(x.st, 1, (size_t)tt[i].col))
			rc = survey_set_text(s, x.sid, 's', 0, "title", tt[i].lang, survey_xf_cell(x.st, 1, (size_t)tt[i].col));
	if (rc == ST_OK)
		rc = import_rows(&x);
	if (rc != ST_OK && !*err)
		snprintf(err, errlen, "cannot write the survey to the database");
	if (rc == ST_OK) {
		fprintf(report, "imported survey %s: %ld questions on %zu pages, languages: ", code, x.nquestions, x.npages);
		for (size_t i = 0; i < x.nlangs; i++)
			fprintf(report, "%s%s", i ? "," : "", x.langs[i]);
		fputc('\n', report);
	}
	return store_tx_end(s, &tx, rc);
}

static int import_xlsform(struct store *s, const char *name, const char *bytes, size_t len, FILE *report, char *err,
			  size_t errlen)
{
	arena *a = arena_new();
	err[0] = '\0';
	struct survey_xf_sheet sh[3];
	memset(sh, 0, sizeof(sh));
	int rc = ST_CONFLICT;
	char *data = NULL;
	if (!bytes && survey_xf_is_dir(name)) {
		static const char *const files[3] = { "survey.csv", "choices.csv", "settings.csv" };
		int bad = 0;
		for (int i = 0; i < 3 && !bad; i++)
			bad = survey_xf_read_csv(a, arena_printf(a, "%s/%s", name, files[i]), i == 0, &sh[i], err, errlen);
		if (bad)
			goto out;
	} else {
		if (!bytes) {
			data = survey_xf_read_file(name, SURVEY_XF_MAX_FILE, &len);
			if (!data) {
				snprintf(err, errlen, "%s: cannot read it (or it is over %u MB)", name, SURVEY_XF_MAX_FILE >> 20);
				goto out;
			}
			bytes = data;
		}
		if (survey_xf_read_xlsx(a, bytes, len, sh, err, errlen, name) != 0)
			goto out;
	}
	if (sh[0].nrows < 1) {
		snprintf(err, errlen, "%s: sheet survey is empty", name);
		goto out;
	}
	rc = import_sheets(s, name, sh, report, err, errlen, a);
out:
	free(data);
	arena_free(a);
	return rc;
}

int survey_import_xlsform(struct store *s, const char *path, FILE *report, char *err, size_t errlen)
{
	return import_xlsform(s, path, NULL, 0, report, err, errlen);
}

int survey_import_xlsform_mem(struct store *s, const char *name, const char *bytes, size_t len, FILE *report,
			      char *err, size_t errlen)
{
	return import_xlsform(s, name, bytes ? bytes : "", bytes ? len : 0, report, err, errlen);
}
