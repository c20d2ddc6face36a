/* staff_views.h — HTML of the website's staff pages: the page editor and
 * the contact inbox (internal to src/site). */
#ifndef LOTSE_SITE_STAFF_VIEWS_H
#define LOTSE_SITE_STAFF_VIEWS_H

#include "html/html.h"
#include "http/form.h"
#include "site/site.h"

/* The editor's form (POST /intern/seiten/{slug}/{lang}). */
enum editor_field { EF_TITLE, EF_DESCRIPTION, EF_BODY, EF_ACTION, EF_VERSION, EF__MAX };
extern const struct field editor_fields[EF__MAX];

/* The form for a new page (POST /intern/seiten/neu). */
enum create_field { NF_SLUG, NF_TITLE, NF__MAX };
extern const struct field create_fields[NF__MAX];

/* The inbox list's query (?status=new|done|all&seite=N&hinweis=...). */
enum inbox_query { IQ_STATUS, IQ_PAGE, IQ_NOTICE, IQ__MAX };
extern const struct field inbox_query_fields[IQ__MAX];
#define INBOX_PAGE_SIZE 50

/* Marking a message done or new again; deleting it (needs the confirmation box). */
enum status_field { SF_STATUS, SF__MAX };
extern const struct field status_fields[SF__MAX];
enum delete_field { DF_CONFIRM, DF__MAX };
extern const struct field delete_fields[DF__MAX];

/* What the editor page shows. */
struct editor_state {
	const char *slug, *lang;
	struct page val;            /* the values in the form (stored or as entered) */
	const struct form *f;       /* errors at the fields, or NULL */
	int exists;                 /* the page exists in lang */
	const struct page *source;  /* the German page when lang is missing, or NULL */
	int preview;                /* render val.body_md below the form */
	const char *notice;         /* a translated success message, or NULL */
	const char *problem;        /* a translated error above the form, or NULL */
	/* the version the form is made from (hidden): the id of the page's
	 * newest revision, 0 when it has none; -1: none sent, none shown */
	int64_t version;
	const struct fields_conflict *conflict; /* a save refused as stale, or NULL */
};

/* editor_views.c */
/* create: the new-page form with values and errors, or NULL; problem: a
 * translated message above it, or NULL. */
void site_view_editor_list(struct req *r, struct resp *w, const struct page_info *pages, size_t n,
			   const struct form *create, const char *problem);
void site_view_editor_form(struct req *r, struct resp *w, const struct editor_state *e);
void site_view_editor_history(struct req *r, struct resp *w, const char *slug, const char *lang,
			      const struct page_rev *revs, size_t n);
void site_view_editor_revision(struct req *r, struct resp *w, const struct page_rev *rev);

/* inbox_views.c; status is "new", "done" or "all"; notice translated or NULL. */
void site_view_inbox_list(struct req *r, struct resp *w, const struct contact_row *rows, size_t n,
			  const char *status, long page, long total, const char *notice);
/* One message; del carries the error of a delete without confirmation, or NULL. */
void site_view_inbox_show(struct req *r, struct resp *w, const struct contact_row *m, const struct form *del);

/* Searching the messages of one address (POST /intern/nachrichten/suche)
 * and deleting them all (.../suche/loeschen: the address and the highest
 * id shown as hidden fields, and the confirmation box). */
enum search_field { XF_EMAIL, XF__MAX };
extern const struct field search_fields[XF__MAX];
enum erase_field { EF_ERASE_EMAIL, EF_ERASE_MAX_ID, EF_ERASE_CONFIRM, EF_ERASE__MAX };
extern const struct field erase_fields[EF_ERASE__MAX];
/* The search page's query (?geloescht=N after deleting). */
enum search_query { XQ_DELETED, XQ__MAX };
extern const struct field search_query_fields[XQ__MAX];
/* What the search page shows: the form (f: its values and errors, or
 * NULL), and after a search the messages found (searched set); erase: the
 * error of a deletion without confirmation, or NULL; notice translated or
 * NULL. */
struct inbox_search {
	const struct form *f;
	int searched;
	const char *email;
	const struct contact_row *rows;
	size_t n;
	const struct form *erase;
	const char *notice;
};
void site_view_inbox_search(struct req *r, struct resp *w, const struct inbox_search *v);

/* Shared by the staff views (editor_views.c): <time datetime=iso>formatted</time> */
void site_view_time(html *h, struct req *r, const char *iso);

#endif
