/* views.h — HTML of the public website (internal to src/site). */
#ifndef LOTSE_SITE_VIEWS_H
#define LOTSE_SITE_VIEWS_H

#include "http/form.h"
#include "site/site.h"

enum contact_field {
	CF_NAME,
	CF_EMAIL,
	CF_MESSAGE,
	CF_CONSENT,
	CF_WEBSITE, /* honeypot */
	CF__MAX
};

extern const struct field contact_fields[CF__MAX];

/* A content page; p->lang may differ from r->lang (missing translation). */
void site_view_page(struct req *r, struct resp *w, const struct page *p);
/* The start page: a search box into the offer finder and the topics of a
 * first visit (each a prepared finder query), then the page p. */
void site_view_home(struct req *r, struct resp *w, const struct page *p);
/* A page in Leichte Sprache: German, in the visitor's page frame, with a
 * way back to the overview of the pages in Leichte Sprache. */
void site_view_plain(struct req *r, struct resp *w, const struct page *p);
/* The contact page: intro (may be NULL), the form with values and errors
 * (f may be NULL for an empty form), and an optional general message. */
void site_view_contact(struct req *r, struct resp *w, const struct page *intro, const struct form *f,
		       const char *problem);
void site_view_contact_thanks(struct req *r, struct resp *w);

#endif
