/* staff_internal.h — what the files of src/directory/staff/ share, and
 * nothing outside it includes: the queries (model.c), the offer form's
 * declaration and parser (offer_form.c, offer_json.c), the views
 * (views.c, offer_views.c, org_views.c, draft_views.c, vocab_views.c) and
 * the handlers' shared pieces (offers.c, records.c). Every name carries
 * the folder's prefix, dir_staff_ (DIR_STAFF_ for constants; the field
 * indexes of a form keep their short OF_, GF_, LF_, DL_, LQ_, VT_, VS_).
 * Strings are owned by the arena they were read or made in. */
#ifndef LOTSE_DIRECTORY_STAFF_INTERNAL_H
#define LOTSE_DIRECTORY_STAFF_INTERNAL_H

#include "directory/directory.h"
#include "directory/staff/staff.h"
#include "html/fields.h"
#include "html/html.h"
#include "http/form.h"

#include <stdint.h>

#define DIR_STAFF_PAGE 50 /* rows per list page */

/* ================= the queries (model.c) ================= */

/* An offer or a provider in a list. */
struct dir_staff_row {
	const char *id, *name, *org_id, *org_name, *status, *assured_date, *last_modified, *merged_into;
	int archived;
	long count; /* providers: their offers */
};

/* Which records a list shows. */
enum dir_staff_state { DIR_STAFF_CURRENT, DIR_STAFF_ARCHIVED, DIR_STAFF_ALL };

/* Offers / providers whose names contain q (NULL: all), name order; rows
 * [offset, offset+limit) in *out, the number of matches in *total. */
int dir_staff_offer_list(struct store *s, arena *a, const char *q, enum dir_staff_state st, long offset,
			 long limit, struct dir_staff_row **out, size_t *n, long *total);
int dir_staff_org_list(struct store *s, arena *a, const char *q, enum dir_staff_state st, long offset, long limit,
		       struct dir_staff_row **out, size_t *n, long *total);
/* Current providers (id, name) in name order, for selects. */
int dir_staff_org_options(struct store *s, arena *a, struct dir_staff_row **out, size_t *n);
/* Current active offers verified more than 12 months ago or never,
 * never-verified and oldest first. */
int dir_staff_stale_list(struct store *s, arena *a, long offset, long limit, struct dir_staff_row **out,
			 size_t *n, long *total);

/* One row of the change log. */
struct dir_staff_change {
	const char *at, *action, *field, *before, *after, *who;
	/* for fields that hold ids (places, providers): before and after
	 * with the names of the records they name, else NULL */
	const char *before_named, *after_named;
};
/* The change log of a record, newest first; ids of places and providers
 * named (a place by its name, else its address). */
int dir_staff_changes(struct store *s, arena *a, const char *resource_id, long offset, long limit,
		      struct dir_staff_change **out, size_t *n, long *total);

/* A partner's proposed version of an offer. */
struct dir_staff_draft {
	int64_t id, submitted_by;
	const char *service_id;   /* NULL: a new offer */
	const char *org_id, *org_name;
	const char *service_name; /* the offer's current name, or NULL */
	const char *proposed_name;
	const char *data;         /* JSON (dir_staff_offer_to_json) */
	const char *submitter, *submitted_at, *status, *reviewer, *reviewed_at, *comment;
	int64_t base_version;     /* the offer's version it was made from; 0: unknown or new */
	int64_t service_version;  /* the offer's version now; 0: a new offer */
	const char *base_data;    /* the offer at base_version as JSON (as data), or NULL: not kept */
};
/* A draft made from an older version of its offer than the stored one:
 * approving it as it is would undo the later change. */
#define DIR_STAFF_DRAFT_STALE(d) ((d)->base_version && (d)->base_version != (d)->service_version)
/* Store a pending draft of service_id (NULL: new offer) for org_id by
 * user_id, made from the offer's version base_version (0: unknown), which
 * base_json is (NULL: not at hand; a replaced draft of the same base
 * version keeps the one it has). A pending draft of the same offer by the
 * same organisation is replaced. *id receives the draft's id. */
int dir_staff_draft_put(struct store *s, const char *service_id, const char *org_id, const char *json,
			int64_t base_version, const char *base_json, int64_t user_id, int64_t *id);
int dir_staff_draft_get(struct store *s, arena *a, int64_t id, struct dir_staff_draft *d);
/* Drafts with status (NULL: any) of org_id (NULL: any), newest first,
 * pending ones oldest first; at most limit. */
int dir_staff_draft_list(struct store *s, arena *a, const char *status, const char *org_id, long limit,
			 struct dir_staff_draft **out, size_t *n);
/* The pending draft of service_id by org_id: ST_OK, ST_NOTFOUND. */
int dir_staff_draft_pending(struct store *s, arena *a, const char *service_id, const char *org_id,
			    struct dir_staff_draft *d);
/* Decide a pending draft ("approved" / "rejected"); ST_CONFLICT when it
 * is not pending any more. service_id: the offer it became (or NULL). */
int dir_staff_draft_decide(struct store *s, int64_t id, const char *status, int64_t reviewer,
			   const char *comment, const char *service_id);

/* Merge offer from into into (into survives; from is archived with
 * merged_into set; its languages, terms and locations are added to into
 * where missing). Logged in the change log. ST_NOTFOUND, ST_CONFLICT
 * (same offer, already merged) or ST_ERR. Joins an open transaction. */
int dir_staff_merge_offer(struct store *s, arena *a, const char *from, const char *into, const char *who);
/* Merge provider from into into: its offers, locations, drafts and
 * partner accounts move to into; from is archived with merged_into set. */
int dir_staff_merge_org(struct store *s, arena *a, const char *from, const char *into, const char *who);

/* Rename taxonomy term id (its German name): ST_NOTFOUND when there is
 * none. */
int dir_staff_term_rename(struct store *s, const char *id, const char *name);
/* A new term id with code and German name at the end of taxonomy
 * taxonomy_id: ST_NOTFOUND (no such taxonomy), ST_CONFLICT (code taken). */
int dir_staff_term_add(struct store *s, const char *id, const char *code, const char *name, const char *taxonomy_id);
/* Set the English label of term id, or remove it (name_en NULL). */
int dir_staff_term_label(struct store *s, const char *id, const char *name_en);

/* ================= the offer form (offer_form.c) ================= */

enum dir_staff_offer_field {
	OF_ORG, OF_NAME, OF_ALT, OF_DESC, OF_URL, OF_EMAIL, OF_STATUS, OF_INTERP, OF_APPLY, OF_FEES,
	OF_FREE, OF_ELIG, OF_MINAGE, OF_MAXAGE, OF_CAPACITY, OF_DELIVERY, OF_ALERT, OF_ASSURED,
	OF_LANG_OTHER, OF__MAX
};
extern const struct field dir_staff_offer_fields[OF__MAX];

/* The repeated rows of the form (phones, contacts ...). */
enum dir_staff_list { DL_PHONE, DL_CONTACT, DL_SCHEDULE, DL_COST, DL_FUNDING, DL_AREA, DL__MAX };
/* The form offers empty rows up to DIR_STAFF_MAX_ROWS in a list; it reads
 * up to DIR_STAFF_READ_ROWS (more than any stored offer has), so nothing
 * stored is lost. */
#define DIR_STAFF_MAX_ROWS 40
#define DIR_STAFF_READ_ROWS 400
#define DIR_STAFF_MAX_COLS 4
struct dir_staff_rowvals {
	const char *id; /* the stored row's id, or NULL */
	const char *val[DIR_STAFF_MAX_COLS];
	const char *err[DIR_STAFF_MAX_COLS];
};
struct dir_staff_rows {
	struct dir_staff_rowvals *rows;
	size_t n;
	size_t more; /* empty rows asked for beyond the usual (button "Weitere ...") */
};
/* How a column is shown: a text field, a time of day (<input type=time>),
 * the days of the week as seven checkboxes (the value "MO,WE"). */
enum dir_staff_widget { DIR_STAFF_W_TEXT, DIR_STAFF_W_TIME, DIR_STAFF_W_DAYS };
/* The days as stored (RFC 5545 BYDAY), Monday first: "MO" .. "SU"; the
 * checkboxes of a row's days are named <column>_<day>. */
extern const char *const *const dir_staff_days;
/* The days in v ("MO,WE", "Mo, Mi") as "MO,WE" into out; -1 when a token
 * is not a day. */
int dir_staff_norm_days(const char *v, char out[24]);
struct dir_staff_col {
	const char *name;   /* the column in the field name "<list>_<col>_<i>" */
	const char *label;  /* msgid */
	enum field_kind kind;
	size_t maxlen;
	const char *const *choices, *const *choice_labels; /* FIELD_CHOICE */
	const char *(*check)(const char *v); /* more checks: NULL or a msgid */
	int key;            /* a row counts as filled when a key column is */
	enum dir_staff_widget widget;
};
struct dir_staff_list_def {
	const char *name;   /* "phone", ... */
	const char *legend; /* msgid */
	const char *hint;   /* msgid or NULL */
	const char *row;    /* msgid: one row's name, "Telefon {1}" */
	const char *add;    /* msgid: the button for one more empty row */
	size_t min_rows;    /* rows shown at least, empty ones included */
	size_t ncols;
	struct dir_staff_col cols[DIR_STAFF_MAX_COLS];
};
extern const struct dir_staff_list_def dir_staff_lists[DL__MAX];

/* The languages the offer form shows as checkboxes (ISO 639 codes; their
 * names from directory/languages.h); the others are typed by name. */
#define DIR_STAFF_N_COMMON 16
extern const char *const dir_staff_langs[DIR_STAFF_N_COMMON];
/* Whether code is one of them. */
int dir_staff_lang_common(const char *code);

/* Everything the offer form shows. */
struct dir_staff_offer_edit {
	int partner;                           /* a partner: no provider select, no assured date */
	const char *own_org;                   /* a partner's provider */
	const char *action;                    /* where the form posts */
	const struct dir_service *stored;      /* the stored offer, or NULL for a new one */
	const char *v[OF__MAX];                /* shown values */
	const char *err[OF__MAX];              /* msgids */
	struct dir_staff_rows lists[DL__MAX];
	const char **langs;                    /* codes ticked among dir_staff_langs */
	size_t n_langs;
	const char **other_langs;              /* the codes of the languages typed by name */
	size_t n_other_langs;
	const char **terms;                    /* term ids ticked */
	size_t n_terms;
	const char **locs;                     /* location ids ticked */
	size_t n_locs;
	const char *locs_err;
	const struct dir_location *cand;       /* the locations on offer */
	size_t n_cand;
	const struct dir_staff_row *orgs;      /* the provider select (editors) */
	size_t n_orgs;
	const struct dir_taxonomy *tax;
	size_t n_tax;
	int nerr;
	const char *notice, *problem;          /* translated */
	const struct dir_staff_draft *pending; /* partner: the draft waiting for review */
	int64_t version;                       /* the version the form is made from (hidden); 0: none */
	const struct fields_conflict *conflict; /* a save refused as stale, or NULL */
};

/* Show sv (NULL: a new, empty offer) in e. */
void dir_staff_offer_fill(struct req *r, struct dir_staff_offer_edit *e, const struct dir_service *sv);
/* Read the posted form into e (values as entered, errors at the fields)
 * and, when all is valid, into *out (strings in r's arena; ids of rows
 * kept only when old has them; out->id = old's id). e->cand, e->tax and,
 * for editors, e->orgs must be set. Returns the number of errors. */
int dir_staff_offer_parse(struct req *r, struct dir_staff_offer_edit *e, const struct dir_service *old,
			  struct dir_service *out);
/* The rows of list l from the posted form (empty rows dropped, the main
 * column required); returns the number of errors. */
int dir_staff_parse_rows(struct req *r, enum dir_staff_list l, struct dir_staff_rows *out);
/* Checkboxes named prefix<id> for each of ids; the ticked ids into *out. */
void dir_staff_parse_ticks(struct req *r, const char *prefix, const char *const *ids, size_t n,
			   const char ***out, size_t *nout);
/* The ticked term checkboxes ("term_<id>") of all taxonomies. */
void dir_staff_parse_terms(struct req *r, const struct dir_taxonomy *tax, size_t ntax, const char ***out,
			   size_t *nout);

/* NULL when v is a full http(s) address, else a msgid. */
const char *dir_staff_check_url(const char *v);

/* The provider named in the posted form (validated text), or NULL. */
const char *dir_staff_offer_posted_org(struct req *r);

/* A draft's proposed offer as JSON and back (offer_json.c). */
char *dir_staff_offer_to_json(arena *a, const struct dir_service *sv);
int dir_staff_offer_from_json(arena *a, const char *json, struct dir_service *out);
/* Keep the ids of rows (phones, ...) only where old (NULL: none) has the
 * same id. */
void dir_staff_offer_keep_ids(struct dir_service *sv, const struct dir_service *old);
void dir_staff_org_keep_ids(struct dir_org *o, const struct dir_org *old);
/* The form rows of phones / contacts (an offer's or a provider's), and
 * the phones / contacts of form rows (ids as they are). */
void dir_staff_phone_rows(arena *a, const struct dir_phone *p, size_t n, struct dir_staff_rows *out);
void dir_staff_contact_rows(arena *a, const struct dir_contact *c, size_t n, struct dir_staff_rows *out);
struct dir_phone *dir_staff_rows_phones(arena *a, const struct dir_staff_rows *rows, size_t *n);
struct dir_contact *dir_staff_rows_contacts(arena *a, const struct dir_staff_rows *rows, size_t *n);

/* German label of a status / delivery value (msgid; the value when unknown). */
const char *dir_staff_status_label(const char *status);
const char *dir_staff_delivery_label(const char *delivery);
/* The name of a language code in the user's language: "Ukrainisch (uk)",
 * or the code when the table does not know it. */
const char *dir_staff_lang_label(struct req *r, const char *code);

/* ================= the shared views (views.c) ================= */

/* A declared field's labelled control with its value and message (msgid):
 * a textarea of rows lines, else an input of type (NULL: text; a type
 * also turns autocomplete off). */
void dir_staff_view_field(html *h, struct req *r, const struct field *def, const char *label, const char *value,
			  const char *err, const char *hint, int rows, const char *type);
/* The error summary's items of n declared fields (labels: msgids). */
void dir_staff_view_summary_items(html *h, struct req *r, const struct field *defs, const char *const *labels,
				  size_t n, const char *const *err);
/* What changed in a text (worddiff's parts) in an element tag of class
 * "diff": side 0 the text before with what went as <del>, 1 the text after
 * with what came as <ins>, 2 both in reading order; label, if not NULL,
 * its data-label (layout_card_table_begin). */
struct worddiff_part;
void dir_staff_view_diff(html *h, struct req *r, const char *tag, const char *label,
			 const struct worddiff_part *p, size_t n, int side);
/* The hidden field of the version a form is made from (0: none). */
void dir_staff_view_version(html *h, struct req *r, int64_t version);
/* An offer as rows of label and text, for comparing two (the review, a
 * conflict): up to DIR_STAFF_OFFER_ROWS into label and text; term and
 * location names from tax and locs. Returns the count. */
#define DIR_STAFF_OFFER_ROWS 28
/* The lists among those rows, in their order there: each item one line. */
enum dir_staff_item_list { DI_PHONES, DI_CONTACTS, DI_COSTS, DI_FUNDING, DI_LANGUAGES, DI_TERMS, DI_LOCATIONS,
			   DI_SCHEDULES, DI_AREAS, DI__N };
/* The number of items of list l of s. */
size_t dir_staff_offer_items(const struct dir_service *s, enum dir_staff_item_list l);
/* Item k of list l of s as its line of those rows (owned by r's arena). */
const char *dir_staff_offer_item(struct req *r, const struct dir_service *s, enum dir_staff_item_list l, size_t k,
				 const struct dir_taxonomy *tax, size_t ntax, const struct dir_location *locs,
				 size_t nlocs);
size_t dir_staff_offer_rows(struct req *r, const struct dir_service *s, const struct dir_taxonomy *tax, size_t ntax,
			    const struct dir_location *locs, size_t nlocs, const char **label, const char **text);
/* Opens a table row whose header cell links text to href. */
void dir_staff_view_row_link(html *h, const char *text, const char *href);
/* A table cell with a one-button form posting to action (with the hidden
 * field name=value when name is given); the button says label (translated),
 * and to a screen reader also which row: ": row". */
void dir_staff_view_row_button(html *h, struct req *r, const char *action, const char *name, const char *value,
			       const char *label, const char *row);

/* The change log table of a record. */
void dir_staff_view_changes(struct req *r, struct resp *w, const char *title, const char *back,
			    const char *back_label, const struct dir_staff_change *rows, size_t n, long page,
			    long total, const struct dir_taxonomy *tax, size_t ntax);

/* A list page: offers, providers, the freshness list. */
struct dir_staff_list_page {
	const struct dir_staff_row *rows;
	size_t n;
	long page, total;
	const char *q, *state; /* the filters as given */
	const char *notice;    /* translated, or NULL */
};
/* The frame of a list page at path beside its filters (the search, with
 * qlabel, and the state): begin opens the results, end writes the page
 * links, closes the frame and ends the page. */
void dir_staff_view_list_begin(html *h, struct req *r, const char *path, const struct dir_staff_list_page *p,
			       const char *qlabel);
void dir_staff_view_list_end(html *h, struct req *r, const char *path, const struct dir_staff_list_page *p);
void dir_staff_view_offers(struct req *r, struct resp *w, const struct dir_staff_list_page *p);
void dir_staff_view_stale(struct req *r, struct resp *w, const struct dir_staff_list_page *p);

/* The merge page of an offer or a provider: find the record that stays,
 * then confirm. */
struct dir_staff_merge_page {
	const char *title, *explain, *effect; /* translated */
	const char *base;                     /* the duplicate's staff URL */
	const char *self_name;
	const char *q;
	const struct dir_staff_row *cand;     /* search results */
	size_t n;
	const char *target_id, *target_name;  /* the chosen survivor, or NULL */
	const char *target_err, *confirm_err; /* msgids */
	/* offers: the fields in which the two differ, side by side, each with
	 * the editor's choice; and what comes over from the duplicate anyway */
	const struct dir_staff_merge_choice *choices;
	size_t n_choices, n_same;
	const char *const *added; /* translated lines */
	size_t n_added;
};
/* One differing field of a merge: which value the surviving record keeps. */
struct dir_staff_merge_choice {
	const char *key;         /* the form field is "wahl_<key>" */
	const char *label;       /* translated */
	const char *keep, *dup;  /* the two values as shown (translated; "" when empty) */
	int take_dup;            /* chosen: the duplicate's value */
};
void dir_staff_view_merge(struct req *r, struct resp *w, const struct dir_staff_merge_page *m);

/* The offer form (offer_views.c) and its parts the provider form uses:
 * repeated rows (plus two empty ones), their error summary items, the
 * taxonomy checkboxes. */
/* action: the form's URL, for the button that adds an empty row without
 * saving (name "schritt", value "mehr-<list>"); NULL: no button. */
void dir_staff_view_rows(html *h, struct req *r, enum dir_staff_list l, const struct dir_staff_rows *rows,
			 const char *action);
void dir_staff_view_row_errors(html *h, struct req *r, enum dir_staff_list l, const struct dir_staff_rows *rows);
void dir_staff_view_term_checks(html *h, struct req *r, const struct dir_taxonomy *tax, size_t ntax,
				const char *const *ticked, size_t nticked);
void dir_staff_view_offer(struct req *r, struct resp *w, const struct dir_staff_offer_edit *e);

/* Query fields shared by the lists: ?q=&status=&seite= */
enum dir_staff_list_field { LQ_Q, LQ_STATUS, LQ_PAGE, LQ__MAX };
extern const struct field dir_staff_list_fields[LQ__MAX];

/* ================= providers and locations (org_views.c) ================= */

enum dir_staff_org_field { GF_NAME, GF_ALT, GF_DESC, GF_EMAIL, GF_WEBSITE, GF_LEGAL, GF_YEAR, GF__MAX };
extern const struct field dir_staff_org_fields[GF__MAX];
extern const char *const dir_staff_org_labels[GF__MAX]; /* msgids */

struct dir_staff_org_edit {
	const struct dir_org *stored;      /* NULL: a new provider */
	const char *action;
	const char *v[GF__MAX], *err[GF__MAX];
	struct dir_staff_rows phones, contacts;
	const char **terms;
	size_t n_terms;
	const struct dir_taxonomy *tax;
	size_t n_tax;
	const struct dir_service *offers;  /* the stored provider's offers */
	size_t n_offers;
	int nerr;
	const char *notice, *problem;      /* translated */
	int64_t version;                   /* as in struct dir_staff_offer_edit */
	const struct fields_conflict *conflict;
};
void dir_staff_view_orgs(struct req *r, struct resp *w, const struct dir_staff_list_page *p);
void dir_staff_view_org(struct req *r, struct resp *w, const struct dir_staff_org_edit *e);

enum dir_staff_loc_field {
	LF_NAME, LF_ALT, LF_TYPE, LF_DESC, LF_TRANSPORT, LF_URL, LF_ATTENTION, LF_ADDR1, LF_ADDR2, LF_POSTCODE,
	LF_CITY, LF_REGION, LF_STATE, LF_COUNTRY, LF_LAT, LF_LON, LF_CONFIDENTIAL, LF__MAX
};
extern const struct field dir_staff_loc_fields[LF__MAX];
extern const char *const dir_staff_loc_labels[LF__MAX]; /* msgids */

struct dir_staff_loc_edit {
	const struct dir_org *org;
	const struct dir_location *stored; /* NULL: a new location */
	const char *action;
	const char *v[LF__MAX], *err[LF__MAX];
	int nerr;
	const char *problem;
	int64_t version;                   /* as in struct dir_staff_offer_edit */
	const struct fields_conflict *conflict;
};
void dir_staff_view_location(struct req *r, struct resp *w, const struct dir_staff_loc_edit *e);

/* ================= drafts: partners and review (draft_views.c) ================= */

struct dir_staff_partner_page {
	const struct dir_org *org;            /* NULL: the account has no provider */
	const struct dir_service *offers;     /* its current offers */
	size_t n_offers;
	const struct dir_staff_draft *drafts; /* its drafts, pending first */
	size_t n_drafts;
	const char *notice;                   /* translated, or NULL */
};
void dir_staff_view_partner(struct req *r, struct resp *w, const struct dir_staff_partner_page *p);

/* A draft's status ("wartet auf Prüfung") and name, translated. */
const char *dir_staff_draft_status(struct req *r, const char *status);
const char *dir_staff_draft_name(struct req *r, const struct dir_staff_draft *d);
/* The review list: pending drafts first, then the recently decided. */
void dir_staff_view_reviews(struct req *r, struct resp *w, const struct dir_staff_draft *d, size_t n,
			    const char *notice);

/* How the editor takes one field of a proposal (review_fields.c). */
enum dir_staff_pick { DIR_STAFF_PICK_NONE, DIR_STAFF_PICK_TAKE, DIR_STAFF_PICK_KEEP, DIR_STAFF_PICK_EDIT };
/* One field in which a proposal differs from the stored offer (of a new
 * offer: one the proposal fills). Values as shown, "" when empty. */
struct dir_staff_review_field {
	const char *key;          /* the form's "wahl_<key>" and "wert_<key>" */
	const char *label;        /* translated */
	const char *base;         /* when the proposal was made; NULL: not known */
	const char *now, *proposed;
	int text;                 /* a text: what changed is shown word by word */
	int editable, multiline;  /* one can type one's own value (in a textarea) */
	int fixed;                /* no choice: comes as proposed (a new offer's status) */
	int conflict;             /* changed since the proposal, which changes it too (or
				   * may: the value then is not known) */
	int later_only;           /* changed since; the proposal left it as it was */
	enum dir_staff_pick pick; /* as chosen, or the default; NONE: a conflict undecided */
	const char *edited;       /* one's own value as typed (or the proposal's) */
	int edited_num;           /* as a number (-1: none) */
	int list;                 /* a list: one's own value is one item a line */
	void *items;              /* the list one's own value makes (its struct's type) */
	size_t n_items;
	const char *now_mark;     /* a mark of the value now, sent with the form: a field
				   * changed since the page was made needs its choice again */
	int moved;                /* changed while the page was open */
	const char *err;          /* msgid */
};

struct dir_staff_review_page {
	const struct dir_staff_draft *d;
	const struct dir_service *current;  /* NULL: a proposed new offer */
	const struct dir_service *proposed;
	const struct dir_service *base;     /* the offer when the draft was made, or NULL: not kept */
	const struct dir_location *locs;    /* for location names */
	size_t n_locs;
	const struct dir_taxonomy *tax;     /* for term names */
	size_t n_tax;
	const char *comment, *comment_err;  /* the rejection as sent; err a msgid */
	const char *problem;                /* translated, or NULL */
	/* a draft made from an older version of the offer (DIR_STAFF_DRAFT_STALE):
	 * the later change, by whom and when */
	const char *changed_by, *changed_at;
	/* the fields that differ (dir_staff_review_compare) */
	struct dir_staff_review_field *fields;
	size_t n_fields, n_same, n_conflicts;
	int nerr;
};
/* The fields in which v->proposed differs from v->current (of a new
 * offer: those it fills), with v->base where known, into v->fields; with
 * the choices posted when posted (else the defaults: take the proposal,
 * keep a value changed since that the proposal left alone, no choice in a
 * conflict), and their errors in v->nerr. Returns v->n_fields. */
size_t dir_staff_review_compare(struct req *r, struct dir_staff_review_page *v, int posted);
/* The offer v's choices make (the current one with the chosen fields of
 * the proposal or typed values; a new offer without the fields left out)
 * into *out, sharing v's strings: 0, or -1 when a field has an error. */
int dir_staff_review_merge(struct req *r, const struct dir_staff_review_page *v, struct dir_service *out);
/* After the offer changed while the page was open: each field whose value
 * now differs from the mark the form sent (or that the page did not show)
 * needs its choice again (f->moved, an error); the other choices and every
 * value typed stay. */
void dir_staff_review_recheck(struct req *r, struct dir_staff_review_page *v);
/* One's own value of list field l (text: one item a line) into *items
 * and *n (owned by r's arena, sharing v's strings): a line as the page
 * shows an item of the proposal or the offer is that item, another a new
 * one (review_lists.c). NULL, or the msgid of a line that names nothing
 * the list can hold (left out). */
const char *dir_staff_review_own_list(struct req *r, const struct dir_staff_review_page *v, enum dir_staff_item_list l,
				  const char *text, void **items, size_t *n);
/* The choices as "key=vorschlag key=bisher ..." for the audit log. */
const char *dir_staff_review_summary(struct req *r, const struct dir_staff_review_page *v);
void dir_staff_view_review(struct req *r, struct resp *w, const struct dir_staff_review_page *v);

/* ================= the handlers' shared pieces ================= */

/* The selects and candidate locations of the offer form (the provider
 * org_id's and those stored already has; offers.c). */
int dir_staff_offer_setup(struct req *r, struct dir_staff_offer_edit *e, const char *org_id,
			  const struct dir_service *stored);
/* Set e up (dir_staff_offer_setup) and read the posted form into *out
 * (dir_staff_offer_parse): 0; or -1 when it has answered, with the staff
 * failure page or 422 and the form with its messages. */
int dir_staff_offer_read(struct req *r, struct resp *w, struct dir_staff_offer_edit *e, const char *org_id,
			 const struct dir_service *stored, struct dir_service *out);

/* The rest is records.c. */

/* The form was sent by a button that redraws it without saving (its name
 * "schritt"): "orte", show the chosen provider's places (*more = DL__MAX),
 * or "mehr-<list>", one more empty row of that list (*more). Returns 1 for
 * such a step, 0 when the form was sent to be saved. */
int dir_staff_posted_step(struct req *r, enum dir_staff_list *more);
/* Forget the messages of rows (a redrawn form shows none). */
void dir_staff_rows_quiet(struct dir_staff_rows *rows);

/* The version a posted edit form was made from (its hidden field
 * "version"), or 0 when it sent none. */
int64_t dir_staff_posted_version(struct req *r);
/* Who made the last change of record id and when (formatted), from the
 * change log; NULL when it cannot be read. */
void dir_staff_last_change(struct req *r, const char *id, const char **who, const char **at);
/* The conflict box of a save refused as stale (DIR_STALE) of record id:
 * the fields i of n (labels translated) whose stored value theirs[i]
 * differs from what this person typed, yours[i]; reload is the form of the
 * stored version. */
struct fields_conflict *dir_staff_conflict(struct req *r, const char *heading, const char *id, const char *reload,
					   const char *const *label, const char *const *theirs,
					   const char *const *yours, size_t n);

/* The id in path parameter i: a UUID, else NULL. */
const char *dir_staff_path_uuid(struct req *r, size_t i);
/* The user's e-mail for the change log. */
const char *dir_staff_who(struct req *r);
/* The answer to a record that could not be loaded: rc ST_NOTFOUND answers
 * 404, any other failure the staff failure page (resp_store_failed), ST_OK
 * nothing. Returns rc. */
int dir_staff_answer(struct req *r, struct resp *w, int rc);
/* The notice named by ?hinweis=: texts[i] (a msgid) translated for keys[i]
 * (NULL-terminated); NULL when the query names none of them. */
const char *dir_staff_notice(struct req *r, const char *const *keys, const char *const *texts);

/* The list state named by ?status= (NULL: current). */
enum dir_staff_state dir_staff_list_state(const char *v);
/* The filters and the page of a list from the query into *p (rows and
 * notice empty); a bad value falls back to its default. */
void dir_staff_list_query(struct req *r, struct dir_staff_list_page *p);
/* A list page of offers or providers: the rows list finds for the query,
 * shown by view; the staff failure page when they cannot be read. */
typedef int dir_staff_lister(struct store *s, arena *a, const char *q, enum dir_staff_state st, long offset,
			     long limit, struct dir_staff_row **out, size_t *n, long *total);
typedef void dir_staff_list_view(struct req *r, struct resp *w, const struct dir_staff_list_page *p);
void dir_staff_list(struct req *r, struct resp *w, dir_staff_lister *list, dir_staff_list_view *view);

/* A record an editor works on, offers and providers alike: what the
 * shared flows need of it, and the whole record. */
struct dir_staff_rec {
	const char *id, *name, *merged_into;
	int archived;
	const void *full; /* the struct dir_service or struct dir_org */
};
/* What differs between offers and providers in the shared flows. */
struct dir_staff_kind {
	const char *base;          /* staff URL prefix, e.g. "/intern/angebote/" */
	const char *audit_type;    /* the audit row's object type of a merge */
	const char *back_label;    /* msgid: the change log's link back to the record */
	const char *merge_explain; /* msgids: the merge page's lead and what a merge does */
	const char *merge_effect;
	const char *merged_msg;    /* msgid: 409, the duplicate is merged already */
	const char *target_msg;    /* msgid: the chosen survivor is unfit */
	const char *confirm_msg;   /* msgid: the confirmation is missing */
	/* The record id (staff view) into *out: ST_OK, ST_NOTFOUND, ST_ERR. */
	int (*get)(struct req *r, const char *id, struct dir_staff_rec *out);
	/* Answer 422 with rec's edit form and problem (translated) above it,
	 * or the staff failure page when the form's parts cannot be read. */
	void (*refuse)(struct req *r, struct resp *w, const struct dir_staff_rec *rec, const char *problem);
	/* Archive or restore id, logged under who. */
	int (*archive)(struct store *s, const char *id, int archived, const char *who);
	/* The records a merge of duplicate a may keep, for the search *q
	 * (NULL: the kind sets its first guess into *q, or searches none);
	 * may include a itself. ST_OK or ST_ERR. */
	int (*candidates)(struct req *r, const struct dir_staff_rec *a, const char **q, struct dir_staff_row **out,
			  size_t *n);
	/* Merge from into into; joins the open transaction. */
	int (*merge)(struct store *s, arena *a, const char *from, const char *into, const char *who);
	/* Or NULL: the fields in which duplicate dup and survivor keep differ,
	 * with the choices posted (or the defaults: a value the survivor lacks
	 * comes from the duplicate), and what comes over anyway, into m. */
	void (*compare)(struct req *r, const struct dir_staff_rec *dup, const struct dir_staff_rec *keep,
			struct dir_staff_merge_page *m);
	/* Or NULL: save the survivor with the chosen fields and what it lacks
	 * of the duplicate (m as compare made it); joins the open transaction. */
	int (*take)(struct req *r, const struct dir_staff_rec *dup, const struct dir_staff_rec *keep,
		    const struct dir_staff_merge_page *m);
};
/* The offers' compare and take (merge.c). */
void dir_staff_offer_compare(struct req *r, const struct dir_staff_rec *dup, const struct dir_staff_rec *keep,
			     struct dir_staff_merge_page *m);
int dir_staff_offer_take(struct req *r, const struct dir_staff_rec *dup, const struct dir_staff_rec *keep,
			 const struct dir_staff_merge_page *m);
/* The providers' (merge.c). */
void dir_staff_org_compare(struct req *r, const struct dir_staff_rec *dup, const struct dir_staff_rec *keep,
			   struct dir_staff_merge_page *m);
int dir_staff_org_take(struct req *r, const struct dir_staff_rec *dup, const struct dir_staff_rec *keep,
		       const struct dir_staff_merge_page *m);
/* The record of kind k named by path parameter 0 into *rec; anything but
 * ST_OK is answered (dir_staff_answer) and returned. */
int dir_staff_load(struct req *r, struct resp *w, const struct dir_staff_kind *k, struct dir_staff_rec *rec);
/* POST .../archivieren (archived=0|1): archive or restore the record,
 * back to it with a notice; an invalid choice is refused (k->refuse). */
void dir_staff_archive(struct req *r, struct resp *w, const struct dir_staff_kind *k);
/* GET .../verlauf: the record's change log, a page of it (?seite=). */
void dir_staff_log(struct req *r, struct resp *w, const struct dir_staff_kind *k);
/* GET and POST .../zusammenfuehren: merge the record into another. */
void dir_staff_merge_form(struct req *r, struct resp *w, const struct dir_staff_kind *k);
void dir_staff_merge_post(struct req *r, struct resp *w, const struct dir_staff_kind *k);

/* ================= terms and search words (vocab.c, vocab_views.c) ================= */

enum dir_staff_term_field { VT_NAME, VT_NAME_EN, VT_CODE, VT_TAXONOMY, VT__MAX };
enum dir_staff_synonym_field { VS_TERM, VS_EXPANSION, VS__MAX };
extern const struct field dir_staff_term_fields[VT__MAX];
extern const struct field dir_staff_synonym_fields[VS__MAX];

/* The taxonomies twice, with names in German and in English, same order. */
struct dir_staff_vocab {
	struct dir_taxonomy *de, *en;
	size_t n, n_en;
};

/* f (may be NULL) is the form sent with its values and errors; problem
 * and notice are translated messages or NULL. */
void dir_staff_view_vocab(struct req *r, struct resp *w, const struct dir_staff_vocab *t, const struct form *f,
			  const char *problem, const char *notice);
struct search_synonym;
/* The search words shown: v[0..n) of matching (all: total) for filter. */
struct dir_staff_synonym_list {
	const struct search_synonym *v;
	size_t n, matching, total;
	const char *filter; /* NULL or "": none */
};
void dir_staff_view_synonyms(struct req *r, struct resp *w, const struct dir_staff_synonym_list *l,
			     const struct form *f, const char *problem, const char *notice);

/* ================= partners (partner.c) ================= */

/* The offer id (a UUID) into *sv when it is one of the signed-in
 * partner's current offers; otherwise answers 404, or the staff failure
 * page when it cannot be read (resp_store_failed: 503 when busy, else
 * 500), and returns -1. 0 when it is the partner's. */
int dir_staff_partner_load(struct req *r, struct resp *w, const char *id, struct dir_service *sv);

/* ================= an offer's translations (translations.c, translation_views.c) ================= */

enum dir_staff_tr_field { TF_LANG, TF_NAME, TF_DESCRIPTION, TF_APPLY, TF_ACTION, TF__MAX };
extern const struct field dir_staff_tr_fields[TF__MAX];

struct dir_translation;
/* The translations page of offer sv: the German text, then one form per
 * language of dir_tr_langs with the stored translation or, for the
 * language of a refused form, what was sent (f) with its errors. */
struct dir_staff_tr_page {
	const struct dir_service *sv;
	const char *action;                /* the forms' URL */
	const char *back, *back_label;     /* the link back to the offer (translated label) */
	int partner;                       /* the partner's page: its own words */
	const struct dir_translation *tr;  /* stored, in dir_tr_langs' order */
	size_t n_tr;
	const char *notice, *problem;      /* translated, or NULL */
	const char *f_lang;                /* the language of the refused form, or NULL */
	const struct form *f;              /* its values and errors */
};
void dir_staff_view_translations(struct req *r, struct resp *w, const struct dir_staff_tr_page *p);

#endif
