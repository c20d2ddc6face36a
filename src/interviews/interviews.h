/* interviews.h — interviews and expert talks: projects of researchers,
 * transcripts with speaker turns and timestamps, a hierarchical codebook,
 * coding by several coders, retrieval, agreement between two coders, and
 * the REFI-QDA 1.0 exchange (docs/interviews.md).
 *
 * Positions in a document are character offsets in Unicode code points
 * into its plain text, end exclusive, as REFI-QDA counts them. Only the
 * members of a project see it: every model function that takes a project
 * id and a user id answers ST_NOTFOUND for anyone else. */
#ifndef LOTSE_INTERVIEWS_H
#define LOTSE_INTERVIEWS_H

#include "core/arena.h"
#include "http/http.h"
#include "store/store.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Upper bounds of what is taken in. */
#define IV_MAX_TEXT (8u << 20)     /* a document's text, bytes */
#define IV_MAX_FILE (32u << 20)    /* an uploaded or imported file, bytes */
#define IV_MAX_NAME 200            /* names of projects, documents, codes */

/* ---- the transcript parser (transcript.c; pure) ---- */

/* One paragraph: a line of the text (without its line end), with the
 * speaker of its turn ("I", "B", "Frau K.": a label "NAME:" at its start;
 * a line without one continues the turn before) and a timestamp
 * ("[00:12:31]", "(12:31)" or "#00:12:31-5#" at its start or end, as
 * "00:12:31"; "" when none). Blank lines are no paragraphs. */
struct iv_para {
	int64_t id;         /* stored paragraphs only */
	long n;             /* 1, 2, ... */
	long start, end;    /* code points, end exclusive */
	const char *speaker; /* "" when none */
	int turn;           /* 1: a labelled line, a new turn begins */
	const char *stamp;  /* "" when none */
	const char *text;   /* the line */
};
/* The paragraphs of text[0..len) (UTF-8) into *out (owned by a). 0, or -1
 * when the text is not valid UTF-8 (nothing then in *out). */
int iv_transcript_parse(arena *a, const char *text, size_t len, struct iv_para **out, size_t *n);

/* Code points in s[0..len) (valid UTF-8). */
long iv_cp_count(const char *s, size_t len);
/* The byte offset of code point cp in s (len bytes; len when past it). */
size_t iv_cp_offset(const char *s, size_t len, long cp);

/* ---- reading documents (reader.c) ---- */

/* The plain text of an uploaded file: .docx and .odt (found by their
 * content, whatever the name says: paragraphs become lines, tabs and line
 * breaks kept), else text in UTF-8 (a byte-order mark dropped) or
 * Windows-1252. ST_OK with *text (NUL-terminated, owned by a) and *len,
 * or ST_ERR with *problem the msgid of what is wrong (no text, damaged,
 * too big, UTF-16). */
int iv_read_document(arena *a, const char *data, size_t len, char **text, size_t *tlen, const char **problem);

/* ---- agreement (agreement.c; pure) ---- */

/* A 2x2 table of two coders over units: both coded, only the first,
 * only the second, neither. */
struct iv_agree {
	double both, first, second, neither;
	double percent;    /* observed agreement, 0..100; -1 without units */
	double kappa;      /* Cohen's kappa; NAN when undefined (no variation) */
};
void iv_agree_compute(struct iv_agree *g);

/* ---- model (model.c, codes.c, coding.c, retrieval.c) ---- */

struct iv_project {
	int64_t id;
	const char *guid, *name, *description, *created_at;
	long ndocs, ncodes, ncodings;
};
/* The projects user_id is a member of (user_id 0: all, for the command
 * line), by name. */
int iv_projects(struct store *s, arena *a, int64_t user_id, struct iv_project **out, size_t *n);
/* Project id, when user_id is a member (0: any); ST_NOTFOUND otherwise.
 * Its counts (ndocs, ncodes, ncodings) are left 0: iv_projects has them. */
int iv_project_get(struct store *s, arena *a, int64_t id, int64_t user_id, struct iv_project *out);
/* A new project with user_id as its first member (0: none); guid NULL:
 * a new one. */
int iv_project_create(struct store *s, const char *name, const char *description, const char *guid,
		      int64_t user_id, int64_t *id);
/* Delete a project with everything in it (securely, see iv_doc_delete). */
int iv_project_delete(struct store *s, int64_t id);

struct iv_member {
	int64_t user_id;
	const char *name, *email;
};
int iv_members(struct store *s, arena *a, int64_t project_id, struct iv_member **out, size_t *n);
/* Add the researcher with this e-mail address; ST_NOTFOUND: no such
 * enabled researcher; ST_CONFLICT: a member already. */
int iv_member_add(struct store *s, int64_t project_id, const char *email, int64_t *user_id);
/* The coder of user_id in the project, made on first use. */
int iv_coder_of(struct store *s, int64_t project_id, int64_t user_id, int64_t *coder_id);

struct iv_coder {
	int64_t id;
	const char *guid, *name;
	long ncodings;
};
int iv_coders(struct store *s, arena *a, int64_t project_id, struct iv_coder **out, size_t *n);

struct iv_doc {
	int64_t id, project_id;
	const char *guid, *name, *kind; /* kind "interview" or "expert" */
	const char *body;               /* NULL unless asked for */
	long nchars;
	const char *talk_date, *participants, *topic, *created_at;
	long ncodings;
	int64_t event_id;               /* the event an expert talk took place at (events.h); 0: none */
};
int iv_docs(struct store *s, arena *a, int64_t project_id, struct iv_doc **out, size_t *n);
/* Document doc_id of project_id (with its body when body is 1). */
int iv_doc_get(struct store *s, arena *a, int64_t project_id, int64_t doc_id, int body, struct iv_doc *out);
/* Store d (its body UTF-8, d->guid NULL: a new one) with its paragraphs;
 * ST_ERR also when the text is not valid UTF-8. */
int iv_doc_add(struct store *s, const struct iv_doc *d, int64_t *id);
/* Delete a document: its text, paragraphs, variables, codings, memos and
 * search index entries, with SQLite's secure_delete on (the freed pages
 * are overwritten). ST_NOTFOUND when it is not the project's. */
int iv_doc_delete(struct store *s, int64_t project_id, int64_t doc_id);
int iv_paras(struct store *s, arena *a, int64_t doc_id, struct iv_para **out, size_t *n);
/* Link document doc_id of the project to event_id (0: to none). */
int iv_doc_event_set(struct store *s, int64_t project_id, int64_t doc_id, int64_t event_id);

struct iv_var {
	int64_t doc_id;
	const char *name, *value;
};
int iv_doc_vars(struct store *s, arena *a, int64_t doc_id, struct iv_var **out, size_t *n);
/* Set (value "" or NULL: remove) a variable of a document. */
int iv_doc_var_set(struct store *s, int64_t doc_id, const char *name, const char *value);
/* The variable names of a project, sorted; and the values of one. */
int iv_var_names(struct store *s, arena *a, int64_t project_id, const char ***out, size_t *n);
int iv_var_values(struct store *s, arena *a, int64_t project_id, const char *name, const char ***out, size_t *n);
/* The same over the documents' and the cases' variables together (a
 * document has its own and those of its cases): what segments and the
 * matrix are filtered and grouped by. */
int iv_all_var_names(struct store *s, arena *a, int64_t project_id, const char ***out, size_t *n);
int iv_all_var_values(struct store *s, arena *a, int64_t project_id, const char *name, const char ***out, size_t *n);

/* ---- cases (cases.c): the documents of one person or organisation ---- */
struct iv_case {
	int64_t id;
	const char *guid, *name, *description;
	int64_t *docs;                  /* its documents' ids, by name (iv_cases) */
	size_t ndocs;
	struct iv_var *vars;            /* its variables, by name (doc_id 0; iv_cases) */
	size_t nvars;
};
/* The project's cases by name, each with its documents and variables. */
int iv_cases(struct store *s, arena *a, int64_t project_id, struct iv_case **out, size_t *n);
/* The cases document doc_id belongs to (id and name only), by name. */
int iv_doc_cases(struct store *s, arena *a, int64_t doc_id, struct iv_case **out, size_t *n);
/* Insert (c->id 0; c->guid NULL: a new one; *id the new id) or rename
 * case c (name, description). ST_CONFLICT: no name; ST_NOTFOUND: not the
 * project's case. */
int iv_case_save(struct store *s, int64_t project_id, const struct iv_case *c, int64_t *id);
/* Delete a case (its documents stay). ST_NOTFOUND: not the project's. */
int iv_case_delete(struct store *s, int64_t project_id, int64_t case_id);
/* The documents of case_id are docs[0..n) from now on. ST_NOTFOUND: the
 * case or a document is not the project's (call it in a transaction:
 * the caller rolls back). */
int iv_case_docs_set(struct store *s, int64_t project_id, int64_t case_id, const int64_t *docs, size_t n);
/* Set (value "" or NULL: remove) a variable of a case. */
int iv_case_var_set(struct store *s, int64_t case_id, const char *name, const char *value);

struct iv_code {
	int64_t id, parent_id;          /* parent 0: top level */
	const char *guid, *name, *color, *description, *memo;
	int depth;                      /* 0 at the top (iv_codes) */
	long ncodings;                  /* its own codings (iv_codes) */
};
/* The codebook in tree order (each code after its parent, siblings by
 * name) with depth and counts. */
int iv_codes(struct store *s, arena *a, int64_t project_id, struct iv_code **out, size_t *n);
/* Insert (c->id 0; *id gets the new one) or update c (its name, colour,
 * description, memo; and its parent: ST_CONFLICT when that would make a
 * cycle). ST_NOTFOUND: the code or its parent is not the project's. */
int iv_code_save(struct store *s, int64_t project_id, const struct iv_code *c, int64_t *id);
/* Move the codings and sub-codes of code from into code into (the same
 * coder's identical codings once), then delete from. */
int iv_code_merge(struct store *s, int64_t project_id, int64_t from, int64_t into);
/* Set the memo of code_id ("" or NULL: delete it). ST_NOTFOUND: not the
 * project's code. */
int iv_code_memo_set(struct store *s, int64_t project_id, int64_t code_id, const char *memo);
/* Delete a code with its sub-codes and their codings. */
int iv_code_delete(struct store *s, int64_t project_id, int64_t code_id);
/* Is color "#rrggbb"? */
int iv_color_valid(const char *color);

struct iv_coding {
	int64_t id, doc_id, code_id, coder_id;
	const char *guid;
	long start, end;
	const char *coder;              /* the coder's name */
};
/* The codings of a document, by start. */
int iv_codings_doc(struct store *s, arena *a, int64_t doc_id, struct iv_coding **out, size_t *n);
/* Code [start, end) of doc_id with code_id by coder_id, all of
 * project_id; guid NULL: a new one. ST_NOTFOUND: the document or code is
 * not the project's; ST_CONFLICT: the range is outside the text or empty;
 * an identical coding is there already: ST_OK with *id 0 (id may be NULL). */
int iv_coding_add(struct store *s, int64_t project_id, int64_t doc_id, int64_t code_id, int64_t coder_id,
		  long start, long end, const char *guid, int64_t *id);
/* Remove coding id of the project's document doc_id. */
int iv_coding_delete(struct store *s, int64_t doc_id, int64_t coding_id);

struct iv_memo {
	int64_t id, doc_id, code_id, coding_id; /* 0: not on one */
	const char *text, *coder, *created_at;
};
int iv_memos(struct store *s, arena *a, int64_t project_id, struct iv_memo **out, size_t *n);
int iv_memo_add(struct store *s, int64_t project_id, const struct iv_memo *m, int64_t coder_id);

/* ---- retrieval (retrieval.c) ---- */

struct iv_seg_filter {
	int64_t code_id;
	int subcodes;                   /* with the codings of its sub-codes */
	const char *var, *value;        /* documents whose variable var, or one of whose
					 * cases' variable var, is value; NULL: all */
	int64_t case_id;                /* documents of this case; 0: all */
	size_t offset, limit;           /* a page of them: limit 0: all */
	int64_t coder_id;               /* 0: every coder */
};
struct iv_segment {
	int64_t coding_id, doc_id, code_id;
	long start, end, para_n;
	const char *doc_name, *code_name, *coder, *text;
	const char *context;            /* the paragraph the segment begins in */
	const char *speaker;
};
int iv_segments(struct store *s, arena *a, int64_t project_id, const struct iv_seg_filter *f,
		struct iv_segment **out, size_t *n);
/* How many segments f finds in all (its offset and limit aside). */
int iv_segments_count(struct store *s, int64_t project_id, const struct iv_seg_filter *f, size_t *n);
/* Codings per code (rows, iv_codes order) and value of variable var
 * (columns, sorted; the last column "" for documents without a value):
 * counts[row * nvalues + col]. A document's value is its own or its
 * cases' (iv_all_var_values); a document with two values counts in both. */
struct iv_matrix {
	struct iv_code *codes;
	size_t ncodes;
	const char **values;
	size_t nvalues;
	long *counts;
	long *docs;                     /* documents with a value (columns) */
	int64_t *case_ids;              /* by case (iv_matrix_cases): the columns' cases, 0 last; else NULL */
};
int iv_matrix_get(struct store *s, arena *a, int64_t project_id, const char *var, struct iv_matrix *m);
/* The same by case: a column per case (its name as the value, by name)
 * and the last for documents in no case; a document in two cases counts
 * in both. */
int iv_matrix_cases(struct store *s, arena *a, int64_t project_id, struct iv_matrix *m);
/* Co-occurrence: for codes i and j, the number of places where a coding
 * of i overlaps one of j in the same document (para 0), or both are in
 * the same paragraph (para 1); counts[i * ncodes + j], iv_codes order. */
int iv_cooccurrence(struct store *s, arena *a, int64_t project_id, int para, struct iv_code **codes,
		    size_t *ncodes, long **counts);

/* ---- agreement of two coders (agreement.c) ---- */
struct iv_agree_row {
	int64_t code_id;                /* 0: overall */
	const char *code_name;
	struct iv_agree paras, chars;
};
struct iv_disagreement {
	int64_t doc_id;
	const char *doc_name, *code_name, *text;
	long para_n;
	int who;                        /* 1: only the first coder coded it, 2: only the second */
};
int iv_agreement(struct store *s, arena *a, int64_t project_id, int64_t coder1, int64_t coder2,
		 struct iv_agree_row **rows, size_t *nrows, struct iv_disagreement **dis, size_t *ndis);

/* ---- search (search.c) ---- */
struct iv_hit {
	int64_t doc_id;
	long para_n;
	const char *doc_name, *text, *speaker;
};
/* The paragraphs of project_id that hold the words of q (the text
 * engine: German stems, compounds, typos), at most limit. */
int iv_search(struct store *s, arena *a, int64_t project_id, const char *q, size_t limit, struct iv_hit **out,
	      size_t *n, size_t *total);
/* Bring the index up to date now (after a document was deleted). */
int iv_search_refresh(struct store *s);

/* ---- REFI-QDA (qda_write.c, qda_read.c, cli.c) ---- */

/* Write project id as a .qdpx (zip: project.qde, Sources/GUID.txt) to
 * path, or its codebook as .qdc (codebook 1). ST_OK, or ST_ERR with a
 * message in err. */
int iv_qda_export(struct store *s, int64_t id, int codebook, const char *path, char *err, size_t errlen);
/* The same into memory (*out malloc'd, the caller frees it). */
int iv_qda_export_mem(struct store *s, int64_t id, int codebook, char **out, size_t *len, char *err,
		      size_t errlen);
/* Read a .qdpx or .qdc file's bytes into a new project (its name from
 * the file, members: user_id when not 0), all or nothing. ST_OK with *id
 * and the counts, and in report (may be NULL) one line per thing that was
 * left out; ST_ERR with a message in err: nothing stored. */
struct iv_qda_counts {
	long codes, docs, codings, skipped;
};
int iv_qda_import(struct store *s, const char *data, size_t len, int64_t user_id, int64_t *id,
		  struct iv_qda_counts *counts, buf *report, char *err, size_t errlen);
/* Only read and check (the fuzz target): ST_OK or ST_ERR, nothing stored. */
int iv_qda_check(const char *data, size_t len, char *err, size_t errlen);
/* `lotse qda list|export|import ...` (argv: the arguments after "qda",
 * codebook: --codebook was given); the exit code. */
int iv_qda_cli(const char *db, int codebook, int argc, char **argv);

/* ---- splitting codes, code sets (codesets.c) ---- */

/* Split code_id: a new code name beside it (same parent and colour) takes
 * the codings codings[0..n) of it. ST_CONFLICT: no name or no coding;
 * ST_NOTFOUND: the code is not the project's or a coding not the code's
 * (nothing changed). */
int iv_code_split(struct store *s, int64_t project_id, int64_t code_id, const char *name, const int64_t *codings,
		  size_t n, int64_t *new_id);
struct iv_codeset {
	int64_t id;
	const char *guid, *name, *description;
	int64_t *codes;                 /* its codes' ids */
	size_t ncodes;
};
/* The project's code sets by name, each with its codes. */
int iv_codesets(struct store *s, arena *a, int64_t project_id, struct iv_codeset **out, size_t *n);
/* A new set of codes[0..n) (guid NULL: a new one). ST_CONFLICT: no name;
 * ST_NOTFOUND: a code is not the project's (nothing stored). */
int iv_codeset_add(struct store *s, int64_t project_id, const char *name, const char *description, const char *guid,
		   const int64_t *codes, size_t n, int64_t *id);
int iv_codeset_delete(struct store *s, int64_t project_id, int64_t set_id);

/* ---- the pseudonymisation helper (pseudonym.c) ---- */

/* The kinds of placeholder: "Name" (numbered: "[Name 1]"), "Ort",
 * "Schule", "Betrieb", "Organisation" (lettered: "[Schule A]"); NULL-ended. */
extern const char *const iv_pseudonym_kinds[];
/* Replace original wherever it stands as a whole word in document doc_id
 * of the project (its text, participants and topic) by its placeholder (the same one in every document of
 * the project; made on first use and kept in the key list), the codings
 * moved with the text, the paragraphs and index made again, the old bytes
 * overwritten. *placeholder (in a) and *replaced (how often in the
 * text; 0 is no error). ST_CONFLICT: original empty, too long, with a bracket or line
 * end, or an unknown kind; ST_NOTFOUND: no such document. */
int iv_pseudonymise(struct store *s, arena *a, int64_t project_id, int64_t doc_id, const char *original,
		    const char *kind, const char **placeholder, long *replaced);
/* The project's key list, by kind. */
struct iv_pseudonym {
	const char *kind, *placeholder, *original, *created_at;
};
int iv_pseudonyms(struct store *s, arena *a, int64_t project_id, struct iv_pseudonym **out, size_t *n);

/* ---- codes and variable values as the directory's terms (terms.c) ---- */

/* A code's term: the directory taxonomy's code ("angebotsart") and the
 * term's code ("sprachfoerderung"). */
struct iv_code_term {
	int64_t code_id;
	const char *taxonomy, *term;
};
/* The mapped codes of a project, by code id. */
int iv_code_terms(struct store *s, arena *a, int64_t project_id, struct iv_code_term **out, size_t *n);
/* Map code_id of the project to taxonomy/term (term NULL or "": no term
 * any more). ST_NOTFOUND: not the project's code. */
int iv_code_term_set(struct store *s, int64_t project_id, int64_t code_id, const char *taxonomy, const char *term);

/* A value of a document variable as a term of a dimension of the
 * evidence loop: "stage" (a term of uebergangsphase), "group"
 * (zielgruppe), "district" (ort) or "language" (ISO 639-1 code):
 * ("group", "eltern"), ("language", "ar"). */
struct iv_var_term {
	const char *name, *value, *dim, *term;
};
int iv_var_terms(struct store *s, arena *a, int64_t project_id, struct iv_var_term **out, size_t *n);
/* Map the value of variable name to dim/term (term NULL or "": remove);
 * ST_CONFLICT: dim is none of the four. */
int iv_var_term_set(struct store *s, int64_t project_id, const char *name, const char *value, const char *dim,
		    const char *term);

/* ---- the staff dashboard's card (panel.c) ---- */
struct layout_card;
int iv_staff_panel(struct req *r, struct layout_card *out);

/* ---- demo.c: a project with interviews, one expert talk, a codebook
 * and the codings of two coders (forschung1, forschung2). ---- */
int iv_demo_load(struct store *s, char *err, size_t errlen);

/* ---- handlers (routes.c, docs.c, coding.c, codes.c, analysis.c, exchange.c) ---- */
void iv_project_list(struct req *r, struct resp *w);   /* GET /intern/interviews */
void iv_project_new(struct req *r, struct resp *w);    /* POST /intern/interviews/neu */
void iv_project_page(struct req *r, struct resp *w);   /* GET /intern/interviews/{p} */
void iv_project_member(struct req *r, struct resp *w); /* POST /intern/interviews/{p}/mitglieder */
void iv_project_colors(struct req *r, struct resp *w); /* GET /intern/interviews/{p}/farben.css */
void iv_memo_post(struct req *r, struct resp *w);      /* POST /intern/interviews/{p}/memos */
void iv_doc_new_form(struct req *r, struct resp *w);   /* GET /intern/interviews/{p}/dokumente/neu */
void iv_doc_upload(struct req *r, struct resp *w);     /* POST /intern/interviews/{p}/dokumente/neu */
void iv_doc_page(struct req *r, struct resp *w);       /* GET /intern/interviews/{p}/dokumente/{d} */
void iv_doc_remove(struct req *r, struct resp *w);     /* POST .../dokumente/{d}/loeschen */
void iv_doc_vars_save(struct req *r, struct resp *w);  /* POST .../dokumente/{d}/variablen */
void iv_coding_post(struct req *r, struct resp *w);    /* POST .../dokumente/{d}/kodieren */
void iv_coding_remove(struct req *r, struct resp *w);  /* POST .../dokumente/{d}/kodierungen/{c}/loeschen */
void iv_code_post(struct req *r, struct resp *w);      /* POST /intern/interviews/{p}/codes */
void iv_code_page(struct req *r, struct resp *w);      /* GET /intern/interviews/{p}/codes/{c} */
void iv_code_edit(struct req *r, struct resp *w);      /* POST /intern/interviews/{p}/codes/{c} */
void iv_code_merge_post(struct req *r, struct resp *w); /* POST .../codes/{c}/zusammenfuehren */
void iv_code_memo_post(struct req *r, struct resp *w); /* POST .../codes/{c}/memo (from the codebook) */
void iv_segments_page(struct req *r, struct resp *w);  /* GET /intern/interviews/{p}/segmente */
void iv_segments_csv(struct req *r, struct resp *w);   /* GET /intern/interviews/{p}/segmente.csv */
void iv_segments_xlsx(struct req *r, struct resp *w);  /* GET /intern/interviews/{p}/segmente.xlsx */
void iv_matrix_page(struct req *r, struct resp *w);    /* GET /intern/interviews/{p}/matrix */
void iv_cooc_page(struct req *r, struct resp *w);      /* GET /intern/interviews/{p}/ueberschneidungen */
void iv_search_page(struct req *r, struct resp *w);    /* GET /intern/interviews/{p}/suche */
void iv_agree_page(struct req *r, struct resp *w);     /* GET /intern/interviews/{p}/uebereinstimmung */
void iv_export_qdpx(struct req *r, struct resp *w);    /* GET /intern/interviews/{p}/projekt.qdpx */
void iv_export_qdc(struct req *r, struct resp *w);     /* GET /intern/interviews/{p}/codebuch.qdc */
void iv_import_post(struct req *r, struct resp *w);    /* POST /intern/interviews/import */
void iv_code_term_post(struct req *r, struct resp *w); /* POST .../codes/{c}/begriff (mapping.c) */
void iv_terms_page(struct req *r, struct resp *w);     /* GET /intern/interviews/{p}/begriffe */
void iv_terms_post(struct req *r, struct resp *w);     /* POST /intern/interviews/{p}/begriffe */
void iv_doc_pseudonym_post(struct req *r, struct resp *w); /* POST .../dokumente/{d}/pseudonym (doc_tools.c) */
void iv_keys_page(struct req *r, struct resp *w);      /* GET /intern/interviews/{p}/schluessel */
void iv_doc_event_post(struct req *r, struct resp *w); /* POST .../dokumente/{d}/veranstaltung */
void iv_sets_page(struct req *r, struct resp *w);      /* GET /intern/interviews/{p}/sets (sets.c) */
void iv_sets_post(struct req *r, struct resp *w);      /* POST /intern/interviews/{p}/sets */
void iv_sets_remove(struct req *r, struct resp *w);    /* POST /intern/interviews/{p}/sets/{s}/loeschen */
void iv_code_split_post(struct req *r, struct resp *w); /* POST .../codes/{c}/aufteilen */
void iv_segments_print(struct req *r, struct resp *w); /* GET .../segmente/druck (analysis.c) */
void iv_cases_page(struct req *r, struct resp *w);     /* GET /intern/interviews/{p}/faelle (case_pages.c) */
void iv_cases_post(struct req *r, struct resp *w);     /* POST /intern/interviews/{p}/faelle */
void iv_case_page(struct req *r, struct resp *w);      /* GET /intern/interviews/{p}/faelle/{c} */
void iv_case_edit(struct req *r, struct resp *w);      /* POST /intern/interviews/{p}/faelle/{c} */
void iv_case_docs_post(struct req *r, struct resp *w); /* POST .../faelle/{c}/dokumente */
void iv_case_vars_post(struct req *r, struct resp *w); /* POST .../faelle/{c}/variablen */
void iv_case_remove(struct req *r, struct resp *w);    /* POST .../faelle/{c}/loeschen */

/* for the evidence loop (#17) */
/* Needs counted from coded segments: per code mapped to a need term, the
 * documents with at least one segment of that code (or a sub-code) in
 * documents dated in [from, to] (either NULL: open; undated documents count),
 * by the document's variables mapped to stage/group/district/language terms
 * where the project defines them ("" otherwise). Every project counts (the
 * figures are counts of documents, no text leaves the project). Strings in a.
 * ST_OK or ST_ERR. */
struct iv_need {
	const char *need, *stage, *group, *district, *language; /* term codes, "" none */
	long documents;
};
int iv_evidence_needs(struct store *s, arena *a, const char *from, const char *to,
		      struct iv_need **out, size_t *n);

#endif
