/* surveys.h — questionnaires: surveys in versions with pages, questions,
 * answer options and subquestions, their texts per language and their
 * settings; the responses collected at /umfrage/{code}; their analysis
 * for researchers at /intern/umfragen and with `lotse analyse`.
 *
 * The condition language is expr.h; the statistics core/stats.h. A
 * survey read with survey_load lives in the caller's arena, read-only
 * afterwards. Dates of a survey are local days "YYYY-MM-DD". */
#ifndef LOTSE_SURVEYS_H
#define LOTSE_SURVEYS_H

#include "core/arena.h"
#include "http/http.h"
#include "store/store.h"
#include "surveys/expr.h"

#include <jansson.h>

#include <stddef.h>
#include <stdint.h>

/* ---- the structure ---- */

enum survey_qtype {
	SQ_SINGLE,   /* one of the options, as radio buttons (optional "other" with text) */
	SQ_DROPDOWN, /* one of the options, as a list */
	SQ_MULTIPLE, /* any of the options (optional "other") */
	SQ_YESNO,    /* "Y" or "N" */
	SQ_ARRAY,    /* subquestions, each answered on the options' scale (Likert 5) */
	SQ_NUMBER,   /* an integer, or a decimal number; min and max */
	SQ_TEXT,     /* one line; length and pattern */
	SQ_LONGTEXT, /* several lines */
	SQ_DATE,     /* YYYY-MM-DD */
	SQ_RANKING,  /* the options in an order (ranks 1, 2, ...) */
	SQ_DISPLAY,  /* text only, no answer */
	SQ__COUNT
};
/* The stored names ("single", ...) and the German labels (msgids). */
extern const char *const survey_qtype_names[SQ__COUNT + 1]; /* NULL-terminated */
extern const char *const survey_qtype_labels[SQ__COUNT];
/* The type of a stored name, or -1. */
int survey_qtype_parse(const char *name);
/* Has the type answer options (single, dropdown, multiple, array,
 * ranking)? Subquestions (array)? Is it closed (counted in tables:
 * single, dropdown, yesno, array's subquestions)? */
int survey_qtype_has_options(enum survey_qtype t);

/* The dimensions a question, answer option or subquestion can be tagged
 * with, one term each: need (a term of the directory's taxonomy
 * "angebotsart": the kind of offer needed), stage ("uebergangsphase"),
 * group ("zielgruppe"), district ("ort"), language (an ISO 639-1 code). */
enum survey_dim { SURVEY_DIM_NEED, SURVEY_DIM_STAGE, SURVEY_DIM_GROUP, SURVEY_DIM_DISTRICT, SURVEY_DIM_LANGUAGE,
		  SURVEY_DIMS };
extern const char *const survey_dim_names[SURVEY_DIMS];      /* as stored: "need", "stage", ... */
extern const char *const survey_dim_taxonomies[SURVEY_DIMS]; /* the taxonomy's code; NULL: languages */
extern const char *const survey_dim_labels[SURVEY_DIMS];     /* msgids */

/* One text of an item in one language. */
struct survey_tr {
	const char *field, *lang, *text;
};
struct survey_texts {
	struct survey_tr *v;
	size_t n, cap;
};
/* The text of field in lang, else in German, else "". Borrowed. */
const char *survey_tx(const struct survey_texts *t, const char *field, const char *lang);
/* The text of field in exactly lang, or NULL. */
const char *survey_tx_exact(const struct survey_texts *t, const char *field, const char *lang);

struct survey_option {
	int64_t id;
	const char *code;
	struct survey_texts tx; /* "label" */
	const char *tags[SURVEY_DIMS]; /* term codes, NULL: none */
};

struct survey_question {
	int64_t id, page_id;
	size_t page;            /* index of its page in the survey */
	const char *code;
	enum survey_qtype type;
	int mandatory, other, decimals;
	int has_min, has_max;
	double min_value, max_value;
	long max_length;        /* 0: none */
	const char *pattern;    /* "" none */
	const char *cond, *cond_src, *cond_error;
	survey_expr *expr;      /* cond parsed, or NULL (none, or broken) */
	struct survey_option *opts, *subs;
	size_t nopts, nsubs;
	struct survey_texts tx; /* "text", "help", "message" (the validation's) */
	const char *tags[SURVEY_DIMS]; /* the question's own tags (NULL: none) */
	const char *offer_field;       /* the offer survey: the offer's field it fills, "" none */
};

struct survey_page {
	int64_t id;
	const char *cond, *cond_src, *cond_error;
	survey_expr *expr;
	size_t first, n;        /* its questions: qs[first .. first + n) */
	struct survey_texts tx; /* "title", "intro" */
};

#define SURVEY_LANGS_MAX 8
struct survey {
	int64_t id;
	const char *code;
	int version;
	const char *status;     /* "draft", "active", "closed" */
	const char *kind;       /* "needs", "offers" */
	const char *languages;  /* "de,en,ar" */
	const char *langs[SURVEY_LANGS_MAX];
	size_t nlangs;
	const char *opens_on, *closes_on; /* NULL: not set */
	int anonymous, invitation, consent;
	long response_limit;    /* -1: none */
	const char *weight;     /* a number question's code weighing the needs counted, "" none */
	const char *created_at, *updated_at, *activated_at;
	struct survey_texts tx; /* "title", "welcome", "end", "privacy", "consent" */
	struct survey_page *pages;
	size_t npages;
	struct survey_question *qs; /* page by page, in order */
	size_t nqs;
	long responses, complete; /* survey_list only */
};

/* Does the survey speak lang? */
int survey_has_lang(const struct survey *sv, const char *lang);
/* The question of code, or NULL. */
const struct survey_question *survey_question_by_code(const struct survey *sv, const char *code);
/* An option's index of q by code (kind 'o' options, 's' subs), or -1. */
int survey_option_index(const struct survey_question *q, int subs, const char *code);

/* Is code a valid survey or question code (a letter, then up to 63
 * letters, digits, _; a survey code may have '-')? */
int survey_code_valid(const char *code, int survey);

/* ---- the model (model.c, save.c) ---- */

/* Every survey's newest version, newest first, with their counts of
 * responses. */
int survey_list(struct store *s, arena *a, struct survey **out, size_t *n);
/* The whole survey of id (structure, texts, parsed conditions). */
int survey_load(struct store *s, arena *a, int64_t id, struct survey *out);
/* The id of code's version to collect and analyse: the newest that is
 * not a draft, else the newest. ST_NOTFOUND. */
int survey_id_by_code(struct store *s, const char *code, int64_t *id);
/* The id of code's draft version. ST_NOTFOUND: it has none. */
int survey_draft_id(struct store *s, const char *code, int64_t *id);
/* Create a draft survey code with its German title; *id gets its id.
 * ST_CONFLICT: the code is taken. */
int survey_create(struct store *s, const char *code, const char *title, const char *kind, int64_t *id);
/* The settings of a draft (or, for dates, texts and the limit, of an
 * active survey): the fields of sv that survey_load reads, but the
 * structure. */
int survey_save_settings(struct store *s, const struct survey *sv);
/* Set (text "" deletes) the text field in lang of an item ('s', 'p',
 * 'q', 'o') with ref (0 for the survey). */
int survey_set_text(struct store *s, int64_t survey_id, char item, int64_t ref, const char *field,
		    const char *lang, const char *text);
/* Add a page at the end; *id gets its id. Only a draft (ST_CONFLICT). */
int survey_page_add(struct store *s, int64_t survey_id, const char *title, int64_t *id);
/* Set a page's condition (text as given, "" none). */
int survey_page_cond(struct store *s, int64_t survey_id, int64_t page_id, const char *cond);

/* A question as the builder or an import writes it. */
struct survey_qspec {
	int64_t id;             /* 0: new */
	int64_t page_id;
	const char *code;
	enum survey_qtype type;
	int mandatory, other, decimals;
	int has_min, has_max;
	double min_value, max_value;
	long max_length;
	const char *pattern, *cond, *cond_src, *cond_error;
	const char *text, *help, *message; /* German */
	const char *const *opt_codes, *const *opt_labels; /* German labels */
	size_t nopts;
	const char *const *sub_codes, *const *sub_labels;
	size_t nsubs;
};
/* Save q (insert at the end of its page, or update, replacing the
 * options and subquestions: their texts in other languages are kept for
 * codes that stay). Only a draft: ST_CONFLICT. ST_NOTFOUND: no such page
 * or question. *id gets the question's id. */
int survey_question_save(struct store *s, int64_t survey_id, const struct survey_qspec *q, int64_t *id);
int survey_question_delete(struct store *s, int64_t survey_id, int64_t qid);
/* Replace the tags of question q (q->id) and of its options and
 * subquestions (by their ids) with those set in q; any version, since
 * tags do not change what an answer means. ST_NOTFOUND: no question. */
int survey_tags_save(struct store *s, const struct survey_question *q);
/* The offer survey (offers.c): the fields of a directory offer a question
 * can fill ("" none), NULL-terminated, and their German labels (msgids). */
extern const char *const survey_offer_fields[];
extern const char *const survey_offer_field_labels[];
/* Set the offer field of question qid ("" none; any version). */
int survey_offer_field_set(struct store *s, int64_t qid, const char *field);
/* A complete response rid of an offer survey as a draft offer of the
 * provider it names, in the directory's review. ST_OK (the draft's id
 * kept with the response), ST_NOTFOUND (no current provider of that name,
 * or no name of an offer), ST_ERR. */
int survey_offer_draft(struct store *s, arena *a, const struct survey *sv, int64_t rid, int64_t *draft_id);
/* Activate a draft (its conditions must have been checked:
 * survey_check). ST_CONFLICT: not a draft. */
int survey_activate(struct store *s, int64_t survey_id);
/* Close an active survey. */
int survey_close(struct store *s, int64_t survey_id);
/* A new draft version of an active or closed survey, copying structure,
 * texts and settings; *id gets its id. ST_CONFLICT: there is a draft. */
int survey_new_version(struct store *s, int64_t survey_id, int64_t *id);

/* ---- rules (logic.c; pure) ---- */

/* One answer value of a response: question index, part ("" the answer,
 * a subquestion's or option's code, "other", a rank "1", ...) and value. */
struct survey_answer {
	size_t q;
	const char *part, *value;
};
struct survey_answers {
	struct survey_answer *v;
	size_t n, cap;
};
/* The value of (q, part), or NULL. */
const char *survey_answer_get(const struct survey_answers *as, size_t q, const char *part);
/* Add or replace (q, part) with value (NULL removes it); a is for growth. */
void survey_answer_set(arena *a, struct survey_answers *as, size_t q, const char *part, const char *value);
/* Remove every value of question q. */
void survey_answer_clear(struct survey_answers *as, size_t q);

/* Is page p (question q) shown, given the answers? A condition that
 * cannot be evaluated counts as shown. */
int survey_page_shown(const struct survey *sv, const struct survey_answers *as, size_t p);
int survey_question_shown(const struct survey *sv, const struct survey_answers *as, size_t q);
/* The problem (msgid) with the answers to question q, or NULL: mandatory,
 * range, length, pattern (the question's message in lang, when it has one,
 * is returned instead of the standard one: *own is set to 1). */
const char *survey_answer_problem(const struct survey *sv, const struct survey_answers *as, size_t q,
				  const char *lang, int *own);
/* The problems that forbid activation, as lines "CODE: reason" in a
 * (German); 0 when there is none. Conditions must parse, refer only to
 * earlier questions, and be translated; questions with options need some. */
size_t survey_check(arena *a, const struct survey *sv, const char ***problems);
/* The expression lookup over answers (ctx: a struct survey_eval). */
struct survey_eval {
	const struct survey *sv;
	const struct survey_answers *as;
	arena *a;
};
int survey_lookup(void *ctx, const char *code, struct survey_val *out);

/* ---- responses (responses.c) ---- */

struct survey_response {
	int64_t id, survey_id;
	const char *lang, *status;
	int page;
	const char *started_at, *updated_at, *completed_at;
};
/* The resume code: 16 letters and digits in groups of four. */
#define SURVEY_RESUME_LEN 19
/* Start a response in lang (invite_id 0: none; anonymous surveys pass 0
 * and the code is only marked used); code gets the resume code. */
int survey_response_start(struct store *s, const struct survey *sv, const char *lang, const char *invite,
			  char code[SURVEY_RESUME_LEN + 1], int64_t *id);
/* The response of a resume code in survey sv. ST_NOTFOUND. */
int survey_response_by_code(struct store *s, arena *a, int64_t survey_id, const char *code,
			    struct survey_response *out);
/* Its answers, by question index. */
int survey_response_answers(struct store *s, arena *a, const struct survey *sv, int64_t rid,
			    struct survey_answers *out);
/* Replace the answers of questions qs[first .. first + n) of response rid
 * with those in as, set its page, language and (complete 1) status. */
int survey_response_save(struct store *s, const struct survey *sv, int64_t rid, const struct survey_answers *as,
			 size_t first, size_t n, int page, const char *lang, int complete);
/* Responses of a survey (all, complete). */
int survey_response_counts(struct store *s, int64_t survey_id, long *all, long *complete);
/* Invitation codes: make n more; list them (code, used). */
int survey_invites_make(struct store *s, int64_t survey_id, int n);
int survey_invites(struct store *s, arena *a, int64_t survey_id, const char ***codes, int **used, size_t *n);
/* Is invite a free code of survey (ST_OK), used (ST_CONFLICT), unknown? */
int survey_invite_check(struct store *s, int64_t survey_id, const char *invite);

/* ---- analysis (analysis.c) ---- */

struct survey_filter {
	const char *where;      /* an expression over the answers, or NULL */
	int complete_only;      /* 1: complete responses; 0: all */
	const char *from, *to;  /* days "YYYY-MM-DD" of the start, or NULL */
	const char *weight;     /* a number question's code, or NULL */
};
/* The responses that pass the filter, with the answers to the questions
 * the analysis needs; built by survey_data_load. Opaque. */
struct survey_data;
/* Load sv's responses passing f. *err gets a msgid on a bad filter (an
 * expression that does not parse or refers to unknown questions, an
 * unknown weight): ST_CONFLICT. The caller frees it (survey_data_free). */
int survey_data_load(struct store *s, const struct survey *sv, const struct survey_filter *f,
		     struct survey_data **out, const char **err);
void survey_data_free(struct survey_data *d);
/* The number of responses loaded. */
size_t survey_data_count(const struct survey_data *d);

/* A frequency table of question q (single, dropdown, yesno, an array's
 * subquestion sub, multiple (then counts are of cases), ranking (first
 * rank)): counts[k] of its k categories (the options, "other" as the
 * last when the question has it), no_answer, not_shown; codes and labels
 * in a (labels in lang). */
struct survey_freq {
	size_t k;
	const char **codes, **labels;
	double *counts;
	double no_answer, not_shown;
	double cases;           /* multiple: the cases with at least one answer */
};
int survey_freq(arena *a, const struct survey_data *d, const struct survey_question *q, const char *sub,
		const char *lang, struct survey_freq *out);
/* The numeric summary of a number question. */
struct stats_summary;
int survey_numbers(const struct survey_data *d, const struct survey_question *q, struct stats_summary *out);
/* The open answers of a text question (at most max, newest first). */
int survey_texts_of(arena *a, const struct survey_data *d, const struct survey_question *q, size_t max,
		    const char ***out, size_t *n);
/* The crosstab of two closed questions (a subquestion: "Q_SQ"): the
 * rows x cols counts (row-major) in a, with codes and labels. */
struct survey_xtab {
	size_t rows, cols;
	const char **row_codes, **col_codes, **row_labels, **col_labels;
	double *counts;
};
int survey_crosstab(arena *a, const struct survey_data *d, const struct survey *sv, const char *qrow,
		    const char *qcol, const char *lang, struct survey_xtab *out, const char **err);
/* A variable "Q" or "Q_SQ" of sv: the question and the subquestion code
 * (NULL when none). -1 when there is no such closed variable. */
int survey_variable(const struct survey *sv, const char *var, const struct survey_question **q,
		    const char **sub);

/* The JSON shapes of issue #18 (core/stats_json.h) of the variable var
 * ("Q" or "Q_SQ"), labels in German: the same for `lotse analyse --json`
 * and the analysis page's link. NULL with *err (a msgid) when var is not
 * a closed variable, or NULL alone when reading failed. json_decref it. */
json_t *survey_freq_json(const struct survey_data *d, const struct survey *sv, const char *var, const char **err);
json_t *survey_crosstab_json(const struct survey_data *d, const struct survey *sv, const char *row, const char *col,
			     const char **err);

/* ---- the staff dashboard's card (panel.c) ---- */
struct layout_card;
int survey_staff_panel(struct req *r, struct layout_card *out);

/* ---- demo.c: the needs survey with generated responses, the offer survey ---- */
int survey_demo_load(struct store *s, char *err, size_t errlen);

/* ---- the command line (cli.c): `lotse analyse ...`, `lotse survey ...`;
 * argv[0] is the command's name. Returns the exit status. ---- */
int survey_cli_analyse(int argc, char **argv);
int survey_cli_survey(int argc, char **argv);
int survey_cli_responses(int argc, char **argv);

/* ---- exchange.c: the responses as CSV ---- */
/* Write every response of sv as CSV to out: id, status, lang, started_at,
 * completed_at, then one column per variable (codes, or German labels
 * when labels); *rows gets their number. ST_OK or ST_ERR. */
#include <stdio.h>
int survey_responses_export(struct store *s, const struct survey *sv, int labels, FILE *out, long *rows);
/* export.c: the same columns and rows as an XLSX workbook written to
 * path (one sheet; the file is replaced). ST_OK, ST_CONFLICT (more rows or
 * columns than a sheet holds), ST_ERR. */
int survey_responses_export_xlsx(struct store *s, const struct survey *sv, int labels, const char *path, long *rows);
/* The same workbook appended to out (the staff's download). */
int survey_responses_xlsx_buf(struct store *s, const struct survey *sv, int labels, buf *out, long *rows);
/* export_sav.c: the responses as an SPSS system file written to out:
 * variable labels (the questions' German texts), value labels (the
 * options'), closed answers as labelled numbers, a multiple choice as one
 * 0/1 variable per option, numbers as numbers, texts as strings; names
 * made valid for SPSS (each renamed one said on report). ST_OK or ST_ERR. */
int survey_responses_export_sav(struct store *s, const struct survey *sv, FILE *out, FILE *report, long *rows);
/* export_r.c: the same variables as a CSV written to csv and an R script
 * written to rscript that reads it (csv_name: its name beside the script)
 * with factors, levels and labels. ST_OK or ST_ERR. */
int survey_responses_export_r(struct store *s, const struct survey *sv, FILE *rscript, FILE *csv,
			      const char *csv_name, FILE *report, long *rows);
/* Read responses of sv from the CSV in (a header of variable names as the
 * export writes them; unknown columns are reported and ignored; codes or
 * German labels), each bad row reported to report as "line N: reason" and
 * left out, the others stored in one transaction; *rows stored, *bad left
 * out. ST_OK, ST_CONFLICT (the file is not CSV: nothing stored), ST_ERR. */
int survey_responses_import(struct store *s, const struct survey *sv, FILE *in, FILE *report, long *rows, long *bad);

/* ---- handlers ---- */
/* builder.c: the staff's surveys (researchers) */
void survey_staff_list(struct req *r, struct resp *w);       /* GET /intern/umfragen */
void survey_staff_create(struct req *r, struct resp *w);     /* POST /intern/umfragen/neu */
/* import_upload.c: a LimeSurvey .lss or XLSForm .xlsx uploaded */
void survey_staff_import(struct req *r, struct resp *w);     /* POST /intern/umfragen/import */
void survey_staff_edit(struct req *r, struct resp *w);       /* GET /intern/umfragen/{id} */
void survey_staff_settings(struct req *r, struct resp *w);   /* POST /intern/umfragen/{id} */
void survey_staff_page_add(struct req *r, struct resp *w);   /* POST .../{id}/seiten */
void survey_staff_page_cond(struct req *r, struct resp *w);  /* POST .../{id}/seiten/{pid} */
void survey_staff_question(struct req *r, struct resp *w);   /* GET .../{id}/fragen/{qid|neu} */
void survey_staff_question_save(struct req *r, struct resp *w); /* POST .../{id}/fragen/{qid|neu} */
void survey_staff_question_delete(struct req *r, struct resp *w); /* POST .../{id}/fragen/{qid}/loeschen */
void survey_staff_texts(struct req *r, struct resp *w);      /* GET .../{id}/texte?lang= */
void survey_staff_texts_save(struct req *r, struct resp *w); /* POST .../{id}/texte */
void survey_staff_activate(struct req *r, struct resp *w);   /* POST .../{id}/aktivieren */
void survey_staff_close(struct req *r, struct resp *w);      /* POST .../{id}/schliessen */
void survey_staff_version(struct req *r, struct resp *w);    /* POST .../{id}/neue-version */
void survey_staff_print(struct req *r, struct resp *w);      /* GET .../{id}/druck */
void survey_staff_invites(struct req *r, struct resp *w);    /* GET .../{id}/codes */
void survey_staff_invites_make(struct req *r, struct resp *w); /* POST .../{id}/codes */
/* tags.c: taxonomy tags of a question (its options, subquestions) */
void survey_staff_tags(struct req *r, struct resp *w);       /* GET .../{id}/fragen/{qid}/schlagworte */
void survey_staff_tags_save(struct req *r, struct resp *w);  /* POST .../{id}/fragen/{qid}/schlagworte */
void survey_staff_report(struct req *r, struct resp *w);     /* GET .../{id}/bericht (analysis_views.c) */
/* downloads.c: every response as csv, csv-labels, xlsx, sav, r (the R
 * script) or r-csv (the CSV it reads) */
void survey_staff_download(struct req *r, struct resp *w);   /* GET .../{id}/antworten/{format} */
/* analysis_views.c / analysis routes */
void survey_staff_analysis(struct req *r, struct resp *w);   /* GET .../{id}/auswertung */
void survey_staff_crosstab(struct req *r, struct resp *w);   /* GET .../{id}/kreuztabelle */
void survey_staff_json(struct req *r, struct resp *w);       /* GET .../{id}/auswertung.json */
/* collect.c: the public collection */
void survey_public_page(struct req *r, struct resp *w);      /* GET /umfrage/{code} */
void survey_public_post(struct req *r, struct resp *w);      /* POST /umfrage/{code} */
void survey_public_resume(struct req *r, struct resp *w);    /* GET /umfrage/{code}/fortsetzen */
void survey_public_resume_post(struct req *r, struct resp *w); /* POST /umfrage/{code}/fortsetzen */

/* for the evidence loop (#17) */
/* Needs counted from the responses of every survey (any state but draft) whose
 * questions or options are tagged with a need term: per response that chose a
 * need-tagged option (or answered yes to a need-tagged question), one need of
 * that term, weighted by the survey's weight variable where it has one; the
 * response's stage, group, district and language come from answers to options
 * tagged with such terms ("" when the response gave none). Responses submitted
 * in [from, to] (either NULL: open). base: the weighted responses of the same
 * stage/group/district/language cell that answered the question (for "23 % der
 * Befragten dieser Gruppe"). Strings in a. ST_OK or ST_ERR. */
struct survey_need {
	const char *need, *stage, *group, *district, *language; /* term codes, "" none */
	const char *survey_code; /* for the link /intern/umfragen/{code}/auswertung */
	double count, base;
};
int survey_evidence_needs(struct store *s, arena *a, const char *from, const char *to,
			  struct survey_need **out, size_t *n);

#endif
