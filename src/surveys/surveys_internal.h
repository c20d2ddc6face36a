/* surveys_internal.h — what the files of src/surveys/ share: the views'
 * inputs and the small helpers of the handlers. Not for other folders. */
#ifndef LOTSE_SURVEYS_INTERNAL_H
#define LOTSE_SURVEYS_INTERNAL_H

#include "surveys/surveys.h"
#include "html/html.h"
#include "http/form.h"

/* The language a survey's texts are shown in for r: r->lang when the
 * survey speaks it, else German. */
const char *survey_text_lang(struct req *r, const struct survey *sv);

/* ---- collection (collect_views.c) ---- */

/* Why a survey takes no answers now. */
enum survey_gate { SG_OPEN, SG_UNKNOWN, SG_NOT_YET, SG_CLOSED, SG_FULL };
/* A page that says the gate (unknown: 404). */
void survey_view_gate(struct req *r, struct resp *w, const struct survey *sv, enum survey_gate g);
/* The welcome page with the start form (problem: translated, or NULL;
 * invite: the code typed). */
void survey_view_welcome(struct req *r, struct resp *w, const struct survey *sv, const char *problem,
			 const char *invite, int consent_err);
/* One page of the survey for a response: its shown questions with the
 * answers (as entered), the errors per question (msgids or translated
 * texts; errs[q - first]), progress, back and next, the language switch
 * and the resume code. */
struct survey_page_view {
	const struct survey *sv;
	size_t page;             /* index */
	size_t step, steps;      /* its number among the pages shown, of all pages */
	const struct survey_answers *as;
	const char *const *errs; /* per question of the page, or NULL */
	const int *own;          /* errs[i] is the question's own (translated) message */
	int first;               /* no page before it */
	int last;                /* the last page shown */
	const char *resume;      /* the resume code */
};
void survey_view_page(struct req *r, struct resp *w, const struct survey_page_view *v);
/* The end page after the last one. */
void survey_view_end(struct req *r, struct resp *w, const struct survey *sv);
/* The form to go on with a resume code (problem translated or NULL). */
void survey_view_resume(struct req *r, struct resp *w, const struct survey *sv, const char *problem);

/* A question's visible text and its label in lang (German when missing). */
const char *survey_q_text(const struct survey_question *q, const char *lang);
const char *survey_o_label(const struct survey_option *o, const char *lang);

/* ---- the staff's pages (builder_views.c, analysis_views.c) ---- */

/* The survey of params[0] (its id) loaded whole; 0, or -1 after the
 * staff's not-found or failure page. */
int survey_staff_load(struct req *r, struct resp *w, struct survey *sv);
/* The question of params[1] (its id; "neu": *q NULL) in sv; 0, or -1 after
 * the staff's not-found page. */
int survey_staff_which_question(struct req *r, struct resp *w, const struct survey *sv,
				const struct survey_question **q);
/* The editor page of a survey: notice (translated) or NULL; problems of
 * activation; the question form's state when it failed (f: field
 * values, errs). */
void survey_view_editor(struct req *r, struct resp *w, const struct survey *sv, const char *notice,
			const char *const *problems, size_t nproblems, long responses);
void survey_view_list(struct req *r, struct resp *w, const struct survey *list, size_t n, const char *err,
		      const char *code, const char *title);
/* The question's form: q NULL a new one; values of the fields as entered
 * (vals, NULL: from q) and errors at them. */
enum { QF_PAGE, QF_CODE, QF_TYPE, QF_TEXT, QF_HELP, QF_MANDATORY, QF_OTHER, QF_DECIMALS, QF_MIN, QF_MAX,
       QF_MAXLEN, QF_PATTERN, QF_MESSAGE, QF_OPTIONS, QF_SUBS, QF_COND, QF__MAX };
extern const struct field survey_question_fields[QF__MAX];
void survey_view_question(struct req *r, struct resp *w, const struct survey *sv, const struct survey_question *q,
			  const struct form *f);
void survey_view_texts(struct req *r, struct resp *w, const struct survey *sv, const char *lang, const char *notice);
struct survey_terms;
void survey_view_print(struct req *r, struct resp *w, const struct survey *sv, const struct survey_terms *tt);
void survey_view_invites(struct req *r, struct resp *w, const struct survey *sv, const char *const *codes,
			 const int *used, size_t n);

/* The upload form of a questionnaire of another tool, err (translated) at
 * its field or NULL (import_upload.c). */
void survey_view_import_form(html *h, struct req *r, const char *err);
/* The links to download every response (downloads.c). */
void survey_view_downloads(html *h, struct req *r, const struct survey *sv);

/* The analysis filter of the query (filter, status, von, bis, gewicht). */
void survey_read_filter(struct req *r, struct survey_filter *f);

/* The export's walk over every response (exchange.c): the sink's row()
 * gets the header first (id, status, lang, started_at, completed_at, then
 * one name per variable), then each response's cells in the same order
 * (NULL: no answer; codes, or German labels when labels), borrowed for
 * the call. A status other than ST_OK from row() ends the walk with it. */
struct survey_export_sink {
	int (*row)(void *ctx, const char *const *cells, size_t n);
	void *ctx;
};
int survey_export_walk(struct store *s, const struct survey *sv, int labels, const struct survey_export_sink *sink,
		       long *rows);
/* The export's variables (after its 5 meta columns): question index, the
 * part it shows ("" the answer, an option's or subquestion's code,
 * "other", a rank) and the CSV's name; in a. Returns their number. */
struct survey_xcol {
	size_t q;
	const char *part, *name;
};
size_t survey_export_columns(arena *a, const struct survey *sv, struct survey_xcol **out);

/* ---- the export for statistics packages (export_vars.c, export_sav.c,
 * export_r.c) ---- */

#define SURVEY_VAR_NAME_MAX 64
enum survey_var_kind {
	SV_NUMBER,   /* a number */
	SV_LABELLED, /* a closed answer as a number with value labels */
	SV_FLAG,     /* an option of a multiple choice: 1 chosen, 0 not */
	SV_STRING    /* text */
};
struct survey_var_value {
	double value;
	const char *label;
};
/* One variable: the row's cell at, as the walk gives it (labels 0). */
struct survey_var {
	size_t at;
	const char *name;   /* valid for SPSS, unique */
	const char *source; /* the CSV export's name */
	const char *label;  /* German: the question's text (": " the option's, the subquestion's) */
	enum survey_var_kind kind;
	int decimals, ordinal;
	struct survey_var_value *vals; /* the value labels */
	const char *const *codes;      /* labelled: codes[i] is vals[i].value */
	size_t nvals;
	size_t q;                      /* the question's index, SIZE_MAX for the meta columns */
	const char *part;
	size_t first, count;           /* the cells of the same question */
	size_t width;                  /* text: the most bytes (the writer fills it) */
};
/* The variables of sv's export in a (the 5 meta columns first); each one
 * whose name had to change for SPSS is said as a line on report (unless
 * NULL). Returns their number. */
size_t survey_vars(arena *a, const struct survey *sv, struct survey_var **out, FILE *report);
/* The value of a number, labelled or flag variable in the walk's row:
 * 1 with *out, 0 missing. */
int survey_var_value(const struct survey_var *v, const char *const *row, double *out);
/* The length of the first len bytes of s (all of s when shorter) cut back
 * to a whole UTF-8 character. */
size_t survey_utf8_cut(const char *s, size_t len);

/* ---- the header of a response CSV (responses_header.c) ---- */

/* Whose export a response CSV is, told from its header's meta columns. */
enum survey_csv_kind { SURVEY_CSV_LOTSE, SURVEY_CSV_LIMESURVEY, SURVEY_CSV_KOBO };
enum survey_csv_kind survey_csv_kind_of(const char *const *cells, size_t n);
/* The separator of a CSV whose file starts with head[0..len): ';' when its
 * first line has more semicolons than commas (Kobo's default), else ','. */
char survey_csv_delimiter(const char *head, size_t len);
/* The meaning of a file's columns: read from the header cells[0..n) of
 * line (unknown and doubled columns said on report), in a. ST_OK. */
struct survey_rheader;
int survey_rheader_read(arena *a, const struct survey *sv, const char *const *cells, size_t n, FILE *report,
			long line, struct survey_rheader **out);
/* The cells of a row in the export's layout (its 5 meta columns, then the
 * variables): the number of them. */
size_t survey_rheader_width(const struct survey_rheader *r);
/* Rewrite the row cells[0..n) into out[0..width) ("" where empty; values
 * as the export writes them: "Y" for a chosen option, "other"); NULL, or
 * why the row is bad (in a), *bad the column's name when it is one's. */
const char *survey_rheader_row(const struct survey_rheader *r, arena *a, const char *const *cells, size_t n,
			       const char **out, const char **bad);

/* ---- taxonomy tags (tags.c, tag_views.c) ---- */

/* The terms a question, option or subquestion can be tagged with, per
 * dimension: codes and names (in r's language). */
struct survey_terms {
	const char **codes[SURVEY_DIMS], **names[SURVEY_DIMS];
	size_t n[SURVEY_DIMS];
};
/* The directory's taxonomies and the languages. 0, or -1 when reading failed. */
int survey_terms_load(struct req *r, struct survey_terms *out);
/* "Bedarf: Sprachförderung · Zielgruppe: Eltern" of tags (names of the
 * terms, the code when a term is unknown), or NULL when there is none. */
const char *survey_tags_text(struct req *r, const struct survey_terms *tt, const char *const *tags);
/* Can the question's own tags count (yes/no), its options' (choices),
 * its subquestions' (arrays)? */
int survey_tags_on_question(const struct survey_question *q);
int survey_tags_on_options(const struct survey_question *q);
/* The tags form of question q; errs: the problem (msgid) or NULL. */
void survey_view_tags(struct req *r, struct resp *w, const struct survey *sv, const struct survey_question *q,
		      const struct survey_terms *tt, const char *err);

#endif
