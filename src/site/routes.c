/* routes.c — handlers of the public website. */
#include "site/site.h"
#include "html/layout.h"
#include "site/views.h"
#include "core/core.h"
#include "core/i18n.h"
#include "core/log.h"
#include "core/ratelimit.h"
#include "html/html.h"
#include "http/static.h"

#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Contact messages per client address: 5 per 10 minutes, or
 * LOTSE_CONTACT_RATE per 10 minutes (tests that send many from 127.0.0.1). */
static struct ratelimit contact_limit = RATELIMIT_INIT(5, 600);
static pthread_once_t contact_limit_once = PTHREAD_ONCE_INIT;

static void contact_limit_init(void)
{
	const char *v = getenv("LOTSE_CONTACT_RATE");
	if (!v || !*v)
		return;
	char *end;
	unsigned long n = strtoul(v, &end, 10);
	if (*end || n < 1 || n > 1000000) {
		log_error("LOTSE_CONTACT_RATE must be a number from 1 to 1000000; keeping %u",
			  contact_limit.limit);
		return;
	}
	contact_limit.limit = (unsigned)n;
}

/* Read slug in the request's language, falling back to German. */
static int load_page(struct req *r, const char *slug, struct page *p)
{
	int rc = site_page_get(r->db, r->a, slug, r->lang, p);
	if (rc == ST_NOTFOUND && strcmp(r->lang, i18n_langs[0]) != 0)
		rc = site_page_get(r->db, r->a, slug, i18n_langs[0], p);
	return rc;
}

/* The page slug shown by view, or the error page. */
static void show_page(struct req *r, struct resp *w, const char *slug,
		      void (*view)(struct req *, struct resp *, const struct page *))
{
	struct page p;
	int rc = load_page(r, slug, &p);
	if (rc != ST_OK) {
		if (rc == ST_NOTFOUND)
			w->status = 404;
		else
			resp_store_failed(r, w);
		layout_error_page(r, w, w->status);
		return;
	}
	view(r, w, &p);
}

/* Which content pages exist, as this connection last read them: read
 * again after a page was written by this process (site_pages_version),
 * or, for a change by another process, when the database's change mark
 * (read at most every LINKED_RECHECK_US, since reading it begins a read
 * transaction) moved. The navigation of a page thus costs no statement. */
#define LINKED_MAX 16
#define LINKED_SLUG 48
#define LINKED_RECHECK_US 250000
struct linked_cache {
	unsigned long long serial; /* the last request that looked */
	unsigned long version;     /* site_pages_version() when read */
	int64_t checked_us;        /* when the mark was last read */
	struct store_mark mark;
	size_t n;
	struct {
		char slug[LINKED_SLUG];
		int exists;
	} v[LINKED_MAX];
};
static const char linked_key = 0;

int site_page_linked(struct req *r, const char *slug)
{
	if (!r->db)
		return 0;
	struct linked_cache *c = store_cache_get(r->db, &linked_key);
	if (!c) {
		c = xcalloc(1, sizeof(*c));
		store_cache_put(r->db, &linked_key, c, free);
	}
	if (!r->serial || c->serial != r->serial) { /* once a request */
		c->serial = r->serial;
		unsigned long v = site_pages_version();
		int64_t now = core_mono_us();
		if (v != c->version || c->n == 0 || now - c->checked_us >= LINKED_RECHECK_US) {
			struct store_mark m;
			if (store_change_mark(r->db, &m) != ST_OK) {
				c->n = 0;
				return site_page_exists(r->db, slug) == ST_OK;
			}
			if (v != c->version || m.others != c->mark.others || m.own != c->mark.own)
				c->n = 0;
			c->mark = m;
			c->version = v;
			c->checked_us = now;
		}
	}
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->v[i].slug, slug) == 0)
			return c->v[i].exists;
	int rc = site_page_exists(r->db, slug);
	if (rc != ST_ERR && c->n < LINKED_MAX && strlen(slug) < LINKED_SLUG) {
		snprintf(c->v[c->n].slug, sizeof(c->v[c->n].slug), "%s", slug);
		c->v[c->n++].exists = rc == ST_OK;
	}
	return rc == ST_OK;
}

void site_home(struct req *r, struct resp *w)
{
	show_page(r, w, "start", site_view_home);
}

const char *site_page_path(struct req *r, const char *slug)
{
	size_t pl = strlen(SITE_PLAIN_PREFIX);
	if (strcmp(slug, "start") == 0)
		return "/";
	if (strncmp(slug, SITE_PLAIN_PREFIX "-", pl + 1) == 0)
		return arena_printf(r->a, "/%s/%s", SITE_PLAIN_PREFIX, slug + pl + 1);
	return arena_printf(r->a, "/%s", slug);
}

void site_plain_page(struct req *r, struct resp *w)
{
	const char *slug = r->nparams ? arena_printf(r->a, "%s-%s", SITE_PLAIN_PREFIX, r->params[0])
				      : SITE_PLAIN_PREFIX;
	struct page p;
	int rc = site_page_get(r->db, r->a, slug, i18n_langs[0], &p);
	if (rc != ST_OK) {
		if (rc == ST_NOTFOUND)
			w->status = 404;
		else
			resp_store_failed(r, w);
		layout_error_page(r, w, w->status);
		return;
	}
	site_view_plain(r, w, &p);
}

/* GET /{} — a content page by its slug. The slug goes to the database as a
 * bound parameter; unknown slugs are 404, and so are the pages the site
 * shows at another address (one address for each page). */
void site_page(struct req *r, struct resp *w)
{
	static const char *const reserved[] = { "start", "kontakt", SITE_PLAIN_PREFIX };
	for (size_t i = 0; i < NELEM(reserved); i++) {
		if (strcmp(r->params[0], reserved[i]) == 0 ||
		    strncmp(r->params[0], SITE_PLAIN_PREFIX "-", sizeof(SITE_PLAIN_PREFIX)) == 0) {
			w->status = 404;
			layout_error_page(r, w, 404);
			return;
		}
	}
	show_page(r, w, r->params[0], site_view_page);
}

static void contact_page(struct req *r, struct resp *w, const struct form *f, const char *problem)
{
	struct page intro;
	int rc = load_page(r, "kontakt", &intro);
	site_view_contact(r, w, rc == ST_OK ? &intro : NULL, f, problem);
}

void site_contact_form(struct req *r, struct resp *w)
{
	contact_page(r, w, NULL, NULL);
}

void site_contact_send(struct req *r, struct resp *w)
{
	struct form f;
	w->no_store = 1;
	form_validate(r, &r->form, contact_fields, CF__MAX, &f);
	if (f.honeypot) {
		/* A bot: answer as if it worked, keep nothing. */
		resp_redirect(r, w, "/kontakt/danke");
		return;
	}
	if (f.nerr) {
		w->status = 422;
		contact_page(r, w, &f, NULL);
		return;
	}
	pthread_once(&contact_limit_once, contact_limit_init);
	if (!ratelimit_hit(&contact_limit, r->client, core_now())) {
		w->status = 429;
		contact_page(r, w, &f,
			     T(r, "Sie haben in kurzer Zeit viele Nachrichten geschickt. Bitte warten Sie "
				  "einige Minuten und senden Sie dann noch einmal. Ihr Text ist noch da."));
		return;
	}
	struct contact_message m = {
		.name = f.val[CF_NAME],
		.email = f.val[CF_EMAIL],
		.message = f.val[CF_MESSAGE],
		.lang = r->lang,
	};
	if (site_contact_add(r->db, &m) != ST_OK) {
		resp_store_failed(r, w);
		contact_page(r, w, &f,
			     T(r, "Ihre Nachricht konnte gerade nicht gespeichert werden. Bitte versuchen "
				  "Sie es in einigen Minuten noch einmal. Ihr Text ist noch da."));
		return;
	}
	resp_redirect(r, w, "/kontakt/danke");
}

void site_contact_thanks(struct req *r, struct resp *w)
{
	site_view_contact_thanks(r, w);
}

void site_healthz(struct req *r, struct resp *w)
{
	int ok = store_health(r->db) == ST_OK;
	json_t *j = json_pack("{s:s, s:i, s:s}", "status", ok ? "ok" : "error", "schema",
			      store_schema_version(r->db), "version", LOTSE_VERSION);
	char *s = json_dumps(j, JSON_COMPACT);
	w->status = ok ? 200 : 503;
	w->content_type = "application/json";
	w->no_store = 1;
	buf_puts(&w->body, s);
	buf_putc(&w->body, '\n');
	free(s);
	json_decref(j);
}

void site_robots(struct req *r, struct resp *w)
{
	w->content_type = "text/plain; charset=utf-8";
	buf_printf(&w->body, "User-agent: *\nDisallow: /intern\nDisallow: /kontakt/danke\nDisallow: /veranstaltungen/anmeldung/\n\nSitemap: %s/sitemap.xml\n",
		   r->base_url);
}

void site_sitemap(struct req *r, struct resp *w)
{
	const char **slugs;
	if (site_page_slugs(r->db, r->a, &slugs) != ST_OK) {
		layout_error_page(r, w, resp_store_failed(r, w));
		return;
	}
	w->content_type = "application/xml; charset=utf-8";
	buf_puts(&w->body, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
			   "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
	/* every page in every language, the finder and the contact form too;
	 * the pages in Leichte Sprache are German only */
	size_t n = 0;
	while (slugs[n])
		n++;
	const char **paths = arena_alloc(r->a, (n + 7) * sizeof(*paths));
	for (size_t i = 0; i < n; i++)
		paths[i] = site_page_path(r, slugs[i]);
	paths[n] = "/angebote";
	paths[n + 1] = "/kontakt";
	paths[n + 2] = "/veranstaltungen";
	paths[n + 3] = "/veranstaltungen/archiv";
	paths[n + 4] = "/gremien";
	paths[n + 5] = "/vorlagen";
	paths[n + 6] = "/angebotslandschaft";
	for (size_t i = 0; i < n + 7; i++) {
		const char *path = paths[i];
		int plain = i < n && strncmp(slugs[i], SITE_PLAIN_PREFIX, strlen(SITE_PLAIN_PREFIX)) == 0;
		if (i < n && strcmp(slugs[i], "kontakt") == 0)
			continue; /* listed below as the form */
		for (size_t l = 0; i18n_langs[l] && (l == 0 || !plain); l++) {
			buf_puts(&w->body, "  <url><loc>");
			esc_text(&w->body, r->base_url);
			esc_text(&w->body, path);
			if (l > 0) {
				buf_puts(&w->body, "?lang=");
				esc_url_arg(&w->body, i18n_langs[l]);
			}
			buf_puts(&w->body, "</loc></url>\n");
		}
	}
	buf_puts(&w->body, "</urlset>\n");
}

void site_favicon(struct req *r, struct resp *w)
{
	static_serve(r, w, "favicon.ico");
}
