/* iv_internal.h — what the files of src/interviews/ share: the GUIDs,
 * the project and document of a request, the declared forms and the
 * views. Not for other folders. */
#ifndef LOTSE_IV_INTERNAL_H
#define LOTSE_IV_INTERNAL_H

#include "interviews/interviews.h"
#include "html/html.h"
#include "http/form.h"

/* The start of the name of a REFI-QDA set that holds the codes standing
 * for a directory term: "lotse:term:angebotsart/sprachfoerderung". */
#define IV_TERM_SET "lotse:term:"
/* The start of the name of a REFI-QDA set that holds the documents with
 * a value of a variable mapped to a term of the evidence loop's
 * dimensions: "lotse:value:group/eltern", its Description "Gruppe\nEltern". */
#define IV_VALUE_SET "lotse:value:"

/* A new random GUID (UUID version 4, lower case). */
void iv_guid(char out[37]);

/* The rows of sql (its one parameter bound to id) into *out, an array of
 * *n elements of size bytes in a, each filled by read from the row (model.c).
 * ST_OK or ST_ERR. The one read loop of the folder's lists. */
int iv_read_rows(struct store *s, arena *a, const char *sql, int64_t id, size_t size,
		 void (*read)(arena *a, sqlite3_stmt *st, void *elem), void **out, size_t *n);

/* Replace the text of document doc_id by body (valid UTF-8) and parse
 * its paragraphs again (model.c; the caller moves the codings and keeps
 * the search index). Inside the caller's transaction. */
int iv_doc_text_set(struct store *s, int64_t doc_id, const char *body);

/* Run sql (a DELETE or UPDATE of one row: its id, then its project's
 * id bound): ST_OK, ST_NOTFOUND when it touched none (not the project's),
 * or ST_ERR (codebook.c). */
int iv_exec_own(struct store *s, const char *sql, int64_t id, int64_t project_id);
/* Insert a row of sql ("INSERT INTO T (project_id, guid, name,
 * description) VALUES (?, ?, ?, ?)") with a new GUID when guid is NULL;
 * *id the new row's. Cases and code sets (model.c). */
int iv_named_insert(struct store *s, const char *sql, int64_t project_id, const char *guid, const char *name,
		    const char *description, int64_t *id);
/* The one shape of "set or remove a row": when set, put (an INSERT ...
 * ON CONFLICT DO UPDATE) bound to id, keys[0..nkeys) and vals[0..nvals);
 * else del (a DELETE) bound to id and the keys. Variables of documents
 * and cases, the terms of codes and values (model.c). */
int iv_row_put(struct store *s, int set, const char *del, const char *put, int64_t id, const char *const *keys,
	       size_t nkeys, const char *const *vals, size_t nvals);

/* ---- requests (routes.c) ---- */

/* A decimal id of a path or form (1 to 15 digits, no leading zero), or -1. */
int64_t iv_param_id(const char *s);
/* The id as text, in r's arena. */
const char *iv_id(struct req *r, int64_t id);
/* The project of r->params[0], when the signed-in user is a member:
 * 0, or -1 after answering 404 (no such project, or not a member: the
 * same answer) or the failure page. */
int iv_req_project(struct req *r, struct resp *w, struct iv_project *p);
/* The document of r->params[1] in project p (with its body when body is 1). */
int iv_req_doc(struct req *r, struct resp *w, const struct iv_project *p, int body, struct iv_doc *d);
/* The project of r->params[0] (q->p), its codebook (q->codes, q->n:
 * iv_codes) and the code of r->params[1] in it (q->c): 0, or -1 after the 404 (no such
 * code in the project) or failure page (coding.c). */
struct iv_code_req {
	struct iv_project p;
	struct iv_code *codes;
	size_t n;
	const struct iv_code *c;
};
int iv_req_code(struct req *r, struct resp *w, struct iv_code_req *q);
/* The signed-in user's coder in project p (made on first use); 0 or -1
 * after the failure page. */
int iv_req_coder(struct req *r, struct resp *w, const struct iv_project *p, int64_t *coder);
/* The ids sent as key (checkboxes) into out, at most max: how many, or
 * -1 when one is no id or there are more (sets.c). */
long iv_form_ids(struct req *r, const char *key, int64_t *out, size_t max);
/* The project's path, "/intern/interviews/ID", and more after it. */
const char *iv_path(struct req *r, int64_t project_id, const char *more);

/* ---- declared forms ---- */
enum { PF_NAME, PF_DESC, PF__MAX };
extern const struct field iv_project_fields[PF__MAX];
enum { MF_EMAIL, MF__MAX };
extern const struct field iv_member_fields[MF__MAX];
enum { DF_NAME, DF_KIND, DF_TEXT, DF_DATE, DF_PARTICIPANTS, DF_TOPIC, DF__MAX };
extern const struct field iv_doc_fields[DF__MAX];
#define IV_VAR_SLOTS 8
enum { VF_NAME1, VF_VALUE1 = VF_NAME1 + IV_VAR_SLOTS, VF__MAX = VF_VALUE1 + IV_VAR_SLOTS };
extern const struct field iv_var_fields[VF__MAX];
/* Replace the variables old[0..nold) of document or case id by those of
 * the validated variables' form f, with set (iv_doc_var_set or
 * iv_case_var_set); inside the caller's transaction (routes.c). */
int iv_vars_replace(struct store *s, const struct form *f, int64_t id, const struct iv_var *old, size_t nold,
		    int (*set)(struct store *s, int64_t id, const char *name, const char *value));
/* The form of the variables vars[0..n) posted to action, after intro
 * (doc_views.c). */
void iv_view_vars_form(html *h, struct req *r, const char *action, const char *intro, const struct iv_var *vars,
		       size_t n);
enum { CF_NAME, CF_PARENT, CF_COLOR, CF_DESC, CF_MEMO, CF__MAX };
extern const struct field iv_code_fields[CF__MAX];
enum { SF_CODE, SF_SUB, SF_VAR, SF_VALUE, SF_CODER, SF_CASE, SF_PAGE, SF__MAX };
#define IV_SEGMENTS_PER_PAGE 100
extern const struct field iv_seg_fields[SF__MAX];
extern const char *const iv_kinds[];

/* ---- views ---- */

/* The list of the user's projects with the forms for a new one and for
 * an import (f: the new project's form with errors, or NULL; import_err:
 * the import's problem, or NULL; report: what an import left out). */
struct iv_list_view {
	const struct iv_project *projects;
	size_t n;
	const struct form *f;
	const char *import_err, *notice, *report;
};
void iv_view_projects(struct req *r, struct resp *w, const struct iv_list_view *v);

struct iv_project_view {
	const struct iv_project *p;
	const struct iv_doc *docs;
	size_t ndocs;
	const struct iv_code *codes;
	size_t ncodes;
	const struct iv_member *members;
	size_t nmembers;
	const struct iv_memo *memos;
	size_t nmemos;
	const struct iv_case *cases;
	size_t ncases;
	const struct form *code_form, *member_form;
	const char *notice;
};
void iv_view_project(struct req *r, struct resp *w, const struct iv_project_view *v);
/* The memos of the project (doc_id 0) or of a document, and the form to add one. */
void iv_view_memos(html *h, struct req *r, const struct iv_project *p, const struct iv_memo *m, size_t n,
		   int64_t doc_id);
/* A code's options for a <select>: ids and names indented by depth
 * (except is a code to leave out with its sub-codes, 0: none). */
void iv_code_options(struct req *r, const struct iv_code *codes, size_t n, int64_t except, const char ***ids,
		     const char ***names, size_t *k);

void iv_view_doc_new(struct req *r, struct resp *w, const struct iv_project *p, const struct form *f,
		     const char *file_err);

struct iv_doc_view {
	const struct iv_project *p;
	const struct iv_doc *d;
	const struct iv_para *paras;
	size_t nparas;
	const struct iv_coding *codings;
	size_t ncodings;
	const struct iv_code *codes;
	size_t ncodes;
	const struct iv_var *vars;
	size_t nvars;
	const struct iv_memo *memos;
	size_t nmemos;
	const char *notice, *problem;
	const struct iv_event_choice *events;
	const struct iv_case *cases;    /* the cases it belongs to */
	size_t ncases;
};
void iv_view_doc(struct req *r, struct resp *w, const struct iv_doc_view *v);
/* The document's page with its paragraphs, codings, variables and memos
 * (notice, problem: or NULL); audits the read (routes.c). */
void iv_doc_show(struct req *r, struct resp *w, const struct iv_project *p, const struct iv_doc *d,
		 const char *notice, const char *problem);

/* ---- a document's tools: pseudonyms and an expert talk's event
 * (doc_tools.c, doc_tools_views.c) ---- */

/* The events an expert talk can be linked to, as a <select>'s options
 * (ids, "date · title"), and the linked one (current "" when none; its
 * title, start and public address). */
struct iv_event_choice {
	const char **ids, **labels;
	size_t n;
	const char *current, *title, *starts_at, *url;
};
/* Fill ec for document d; ST_OK or ST_ERR. */
int iv_event_choice_load(struct req *r, const struct iv_doc *d, struct iv_event_choice *ec);
/* An expert talk's participants (name, organisation, role), its event
 * and the form to link it (doc_tools_views.c). */
void iv_view_doc_talk(html *h, struct req *r, const struct iv_doc_view *v);
/* The pseudonymisation form of a document. */
void iv_view_doc_pseudonym(html *h, struct req *r, const struct iv_doc_view *v);
/* The key list of the project's pseudonyms. */
void iv_view_keys(struct req *r, struct resp *w, const struct iv_project *p, const struct iv_pseudonym *k,
		  size_t n);

/* A checkbox name=value with its label, indented by depth (sets_views.c). */
void iv_check_item(html *h, const char *name, const char *id, const char *value, const char *label, int depth,
		   int checked);

/* ---- cases (case_pages.c, case_views.c) ---- */
enum { KF_NAME, KF_DESC, KF__MAX };
extern const struct field iv_case_fields[KF__MAX];
struct iv_cases_view {
	const struct iv_project *p;
	const struct iv_case *cases;
	size_t ncases;
	const struct iv_doc *docs;      /* the project's documents */
	size_t ndocs;
	const struct iv_case *c;        /* the case of a case's page */
	const struct form *f;           /* the case's form with errors, or NULL */
	const char *notice, *problem;
};
/* The project's cases with the form of a new one. */
void iv_view_cases(struct req *r, struct resp *w, const struct iv_cases_view *v);
/* A case's page: its name, documents, variables; deleting it. */
void iv_view_case(struct req *r, struct resp *w, const struct iv_cases_view *v);

/* ---- code sets and splitting a code (sets.c, sets_views.c) ---- */
struct iv_sets_view {
	const struct iv_project *p;
	const struct iv_code *codes;
	size_t ncodes;
	const struct iv_codeset *sets;
	size_t nsets;
	const char *notice, *problem;
};
void iv_view_codesets(struct req *r, struct resp *w, const struct iv_sets_view *v);
/* The section of a code's page that splits it: its own codings (segs). */
void iv_view_code_split(html *h, struct req *r, const struct iv_project *p, const struct iv_code *c,
			const struct iv_segment *segs, size_t n);

/* ---- the directory's terms (mapping.c, mapping_views.c) ---- */

/* The terms a code can stand for as a <select>'s options (values
 * "taxonomy/term", labels "Taxonomy: Term" in the reader's language) and
 * the code's term now ("" none); notice and err: or NULL. */
struct iv_term_choice {
	const char **values, **labels;
	size_t n;
	const char *current, *notice, *err;
};
/* Fill tc for code_id of p (its term, the directory's terms); ST_OK or ST_ERR. */
int iv_term_choice_load(struct req *r, const struct iv_project *p, int64_t code_id, struct iv_term_choice *tc);

/* A value of a document variable with its term now ("dim/term", "" none)
 * and the terms it can stand for. */
struct iv_value_row {
	const char *name, *value, *current;
	const char **values, **labels;
	size_t n;
};
struct iv_terms_view {
	const struct iv_project *p;
	const struct iv_code *codes;
	size_t ncodes;
	const struct iv_code_term *cterms;
	size_t ncterms;
	const char *const *cterm_labels; /* the label of cterms[i] */
	const struct iv_value_row *rows;
	size_t nrows;
	const char *notice, *problem;
};
void iv_view_terms(struct req *r, struct resp *w, const struct iv_terms_view *v);
/* The section of a code's page with the form of its term. */
void iv_view_code_term(html *h, struct req *r, const struct iv_project *p, const struct iv_code *c,
		       const struct iv_term_choice *tc);

void iv_view_code(struct req *r, struct resp *w, const struct iv_project *p, const struct iv_code *c,
		  const struct iv_code *codes, size_t ncodes, const struct form *f, const char *problem,
		  const struct iv_term_choice *tc, const struct iv_segment *segs, size_t nsegs);

#endif
