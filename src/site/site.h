/* site.h — the network's public website: pages, contact form, error
 * pages, health check, robots.txt and sitemap.xml. */
#ifndef LOTSE_SITE_H
#define LOTSE_SITE_H

#include "http/http.h"
#include "store/store.h"

#include <stdint.h>

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

/* A page in the editor's list: one row per slug. */
#define SITE_MAX_LANGS 8
struct page_info {
	const char *slug;
	const char *title;          /* the German title, else the first one found */
	const char *updated_at;     /* latest change over its languages, ISO 8601 UTC */
	unsigned langs;             /* bit i set: the page exists in i18n_langs[i] */
	int placeholder;            /* some language still holds a placeholder marker */
};

/* A saved version of a page in one language. */
struct page_rev {
	int64_t id;
	const char *slug, *lang;
	const char *title, *description, *body_md; /* description and body only from site_revision_get */
	const char *author_email;   /* "" when the author is unknown or deleted */
	const char *created_at;     /* ISO 8601 UTC */
};

/* A stored contact message as the inbox shows it. */
struct contact_row {
	int64_t id;
	const char *name, *email, *message, *lang; /* email and message only from site_contact_get */
	const char *consent_at, *created_at;       /* ISO 8601 UTC */
	const char *status;                        /* "new" or "done" */
};

/* model.c */
/* Read slug in lang into *p (strings in a). ST_OK or ST_NOTFOUND / ST_ERR. */
int site_page_get(struct store *s, arena *a, const char *slug, const char *lang, struct page *p);
/* Insert or replace a page. */
int site_page_put(struct store *s, const struct page *p);
/* All distinct slugs, in order, as a NULL-terminated array in a into
 * *out. ST_OK, or ST_ERR (and none) when they cannot be read. */
int site_page_slugs(struct store *s, arena *a, const char ***out);
/* Store a contact message; its consent time is now. */
int site_contact_add(struct store *s, const struct contact_message *m);
/* Number of stored contact messages, and of those not yet done; -1 when
 * they cannot be counted. */
long site_contact_count(struct store *s);
long site_contact_count_new(struct store *s);

/* model.c, for the staff area (editor.c, inbox.c). Lists are arrays in a;
 * *n receives the count. Functions that write take part in an open
 * transaction, or run in their own. */

/* Every page, one row per slug, ordered by slug. */
int site_page_list(struct store *s, arena *a, struct page_info **out, size_t *n);
/* Does slug exist in any language? ST_OK, ST_NOTFOUND or ST_ERR. */
int site_page_exists(struct store *s, const char *slug);
/* A number that changes after every page this process writes
 * (site_page_put, site_page_save), for what is kept of the pages. */
unsigned long site_pages_version(void);
/* Write p and a revision of it by author_id, in one transaction. With
 * create, the page must not exist yet in p->lang (else ST_CONFLICT).
 * A page saved for the first time since it was loaded some other way
 * (demo content) first gets its old text as a revision without author. */
int site_page_save(struct store *s, const struct page *p, int64_t author_id, int create);
/* The revisions of slug in lang, newest first, without description and body. */
int site_revision_list(struct store *s, arena *a, const char *slug, const char *lang,
		       struct page_rev **out, size_t *n);
/* One revision of slug in lang. ST_NOTFOUND when id belongs to another page. */
int site_revision_get(struct store *s, arena *a, const char *slug, const char *lang, int64_t id,
		      struct page_rev *out);

/* Contact messages with status ("new", "done", or NULL for all), newest
 * first, without e-mail and text; limit rows from offset. */
int site_contact_list(struct store *s, arena *a, const char *status, size_t offset, size_t limit,
		      struct contact_row **out, size_t *n);
/* Number of messages with status (NULL: all), or -1. */
long site_contact_count_status(struct store *s, const char *status);
/* One message, all fields. ST_NOTFOUND when there is none with id. */
int site_contact_get(struct store *s, arena *a, int64_t id, struct contact_row *out);
/* Set status ("new" or "done") / delete. ST_NOTFOUND when there is no such message. */
int site_contact_set_status(struct store *s, int64_t id, const char *status);
int site_contact_delete(struct store *s, int64_t id);

/* Every message from email (the same address, upper and lower case alike:
 * an access or erasure request), all fields, newest first. */
int site_contact_by_email(struct store *s, arena *a, const char *email, struct contact_row **out, size_t *n);
/* Delete the messages from email (as above) with an id up to max_id (those
 * the editor saw); *deleted gets their number. */
int site_contact_delete_email(struct store *s, const char *email, int64_t max_id, long *deleted);

/* How long contact messages are kept: the privacy notice promises their
 * deletion at the latest 12 months after they arrived. */
#define SITE_CONTACT_KEEP_MONTHS 12
/* The time SITE_CONTACT_KEEP_MONTHS calendar months less one day before
 * now (seconds since the epoch) as ISO 8601 UTC ("2025-12-06T03:00:00Z")
 * into out; messages that arrived before it are due: run daily, none is
 * kept longer than the months promised. 0, or -1. */
int site_contact_cutoff(int64_t now, char out[21]);
/* Number of messages kept longer than the months promised at now (none
 * when `lotse maintenance` runs daily), or -1. */
long site_contact_count_overdue(struct store *s, int64_t now);
/* Delete every contact message that is due at now, and write an audit row
 * with their number (by the system, user 0), in one transaction; *deleted
 * gets the number. For `lotse maintenance`. ST_OK or ST_ERR (nothing
 * deleted). */
int site_contact_expire(struct store *s, int64_t now, long *deleted);

/* The prefix of the slugs of the pages in Leichte Sprache. */
#define SITE_PLAIN_PREFIX "leichte-sprache"

/* demo.c: load the demo pages compiled into the binary. Returns ST_OK or
 * ST_ERR with a message in err. */
int site_demo_load(struct store *s, char *err, size_t errlen);
/* demo.c: load the site's own pages (start, kontakt, impressum,
 * datenschutz, in every language) with placeholder text, for a new
 * database made without demo content. As site_demo_load. */
int site_init_load(struct store *s, char *err, size_t errlen);

/* The marker in each language that `lotse init` puts into the text an
 * editor still has to fill in; a page holding one is not finished. */
#define SITE_PLACEHOLDER_DE "[Platzhalter – bitte ausfüllen]"
#define SITE_PLACEHOLDER_EN "[Placeholder – please fill in]"
/* Does the Markdown text md hold a placeholder marker? */
int site_is_placeholder(const char *md);
/* Does slug hold a placeholder marker in any language? ST_OK (yes),
 * ST_NOTFOUND (no) or ST_ERR. */
int site_page_placeholder(struct store *s, const char *slug);
/* Number of pages (slugs) still holding a placeholder marker, or -1. */
long site_page_count_placeholder(struct store *s);

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
/* GET /leichte-sprache and /leichte-sprache/{name}: the pages in Leichte
 * Sprache (German plain language, BITV 2.0), the content pages
 * "leichte-sprache" and "leichte-sprache-NAME", always in German. */
void site_plain_page(struct req *r, struct resp *w);
/* The address of content page slug: "/" for "start",
 * "/leichte-sprache/NAME" for "leichte-sprache-NAME", else "/slug". In r's
 * arena. */
const char *site_page_path(struct req *r, const char *slug);
/* The layout's check for a navigation link to a content page: nonzero when
 * slug exists in some language (routes.c; see layout_set_page_check). */
int site_page_linked(struct req *r, const char *slug);

/* editor.c: the page editor of the staff area. */
void site_editor_list(struct req *r, struct resp *w);     /* GET /intern/seiten */
void site_editor_create(struct req *r, struct resp *w);   /* POST /intern/seiten/neu */
void site_editor_form(struct req *r, struct resp *w);     /* GET /intern/seiten/{slug}/{lang} */
void site_editor_save(struct req *r, struct resp *w);     /* POST /intern/seiten/{slug}/{lang} */
void site_editor_history(struct req *r, struct resp *w);  /* GET .../{slug}/{lang}/versionen */
void site_editor_revision(struct req *r, struct resp *w); /* GET .../versionen/{id} */
void site_editor_restore(struct req *r, struct resp *w);  /* POST .../versionen/{id}/wiederherstellen */

/* NULL when slug may name a new page, else the msgid of the reason: not
 * lowercase a-z, 0-9 and inner hyphens (at most 64), or a path the site
 * uses itself (a first segment of a route in src/routes.c). The site's
 * own pages "start" (the home page) and "kontakt" (the text above the
 * contact form) may be named: they are pages too. */
const char *site_slug_problem(const char *slug);

/* inbox.c: contact messages in the staff area (personal data: every view audited). */
void site_inbox_list(struct req *r, struct resp *w);      /* GET /intern/nachrichten */
void site_inbox_show(struct req *r, struct resp *w);      /* GET /intern/nachrichten/{id} */
void site_inbox_status(struct req *r, struct resp *w);    /* POST /intern/nachrichten/{id}/erledigt */
void site_inbox_delete(struct req *r, struct resp *w);    /* POST /intern/nachrichten/{id}/loeschen */
/* All messages of one e-mail address (Art. 15 and 17 DSGVO); the address
 * goes in a POST body, never into a URL or a log. */
void site_inbox_search_form(struct req *r, struct resp *w); /* GET /intern/nachrichten/suche */
void site_inbox_search(struct req *r, struct resp *w);      /* POST /intern/nachrichten/suche */
void site_inbox_erase(struct req *r, struct resp *w);       /* POST /intern/nachrichten/suche/loeschen */

/* A positive decimal row id from a path segment (no sign, no spaces, no
 * leading zeros). 0 and *id set, or -1. */
int site_parse_id(const char *s, int64_t *id);


/* The site's cards of the staff dashboard (see staff/staff.h): new contact
 * messages, the pages, pages still holding placeholder text. The number
 * written, or -1 when a read failed. */
struct layout_card;
int site_staff_panel(struct req *r, struct layout_card *out);
/* The site's lines of the dashboard's notice (html/layout.h): new contact
 * messages. */
struct layout_todo;
int site_staff_todos(struct req *r, struct layout_todo *out);

#endif
