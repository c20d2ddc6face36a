/* site.h — the network's public website: pages, contact form, error
 * pages, health check, robots.txt and sitemap.xml. */
#ifndef LOTSE_SITE_H
#define LOTSE_SITE_H

#include "http/http.h"
#include "store/store.h"

/* A page in one language. Strings are owned by the arena they were read into. */
struct page {
	const char *slug;
	const char *lang;
	const char *title;
	const char *description;
	const char *body_md;
};

/* A message sent with the contact form. */
struct contact_message {
	const char *name;
	const char *email;
	const char *message;
	const char *lang;
};

/* model.c */
/* Read slug in lang into *p (strings in a). ST_OK or ST_NOTFOUND / ST_ERR. */
int site_page_get(struct store *s, arena *a, const char *slug, const char *lang, struct page *p);
/* Insert or replace a page. */
int site_page_put(struct store *s, const struct page *p);
/* All distinct slugs, in order, as a NULL-terminated array in a. */
const char **site_page_slugs(struct store *s, arena *a);
/* Store a contact message; its consent time is now. */
int site_contact_add(struct store *s, const struct contact_message *m);
/* Number of stored contact messages, and of those not yet done. */
long site_contact_count(struct store *s);
long site_contact_count_new(struct store *s);

/* demo.c: load the demo pages compiled into the binary. Returns ST_OK or
 * ST_ERR with a message in err. */
int site_demo_load(struct store *s, char *err, size_t errlen);

/* routes.c: handlers named in src/routes.c. */
void site_home(struct req *r, struct resp *w);
void site_page(struct req *r, struct resp *w);
void site_contact_form(struct req *r, struct resp *w);
void site_contact_send(struct req *r, struct resp *w);
void site_contact_thanks(struct req *r, struct resp *w);
void site_healthz(struct req *r, struct resp *w);
void site_robots(struct req *r, struct resp *w);
void site_sitemap(struct req *r, struct resp *w);
void site_favicon(struct req *r, struct resp *w);

/* The error page for status (the server's error hook). */
void site_error_page(struct req *r, struct resp *w, int status);

#endif
