/* routes.c — the public events: the list, the archive, an event's page and
 * its calendar file, the feed, registration and the registrant's page. */
#include "events/events_internal.h"
#include "auth/auth.h"
#include "core/core.h"
#include "core/i18n.h"
#include "core/log.h"
#include "core/ratelimit.h"
#include "directory/directory.h"
#include "html/layout.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>


const struct field events_reg_fields[RF__MAX] = {
	[RF_NAME] = { "name", FIELD_TEXT, FIELD_REQUIRED, 200, 0, 0, NULL },
	[RF_EMAIL] = { "email", FIELD_EMAIL, FIELD_REQUIRED, 254, 0, 0, NULL },
	[RF_ORG] = { "organisation", FIELD_TEXT, 0, 200, 0, 0, NULL },
	[RF_CONSENT] = { "consent", FIELD_CHECKBOX, FIELD_REQUIRED, 1, 0, 0, NULL },
	[RF_WEBSITE] = { "website", FIELD_HONEYPOT, 0, 200, 0, 0, NULL },
};

const struct field events_list_fields[LQ__MAX] = {
	[LQ_TYPE] = { "typ", FIELD_CHOICE, 0, 20, 0, 0, events_types },
	[LQ_MONTH] = { "monat", FIELD_TEXT, 0, 7, 0, 0, NULL },
	[LQ_PAGE] = { "seite", FIELD_INT, 0, 9, 1, 100000, NULL },
};

/* Registrations per client address: 10 per 10 minutes, or
 * LOTSE_EVENTS_RATE (tests). */
static struct ratelimit reg_limit = RATELIMIT_INIT(10, 600);
static pthread_once_t reg_limit_once = PTHREAD_ONCE_INIT;

static void reg_limit_init(void)
{
	const char *v = getenv("LOTSE_EVENTS_RATE");
	char *end;
	unsigned long n = v && *v ? strtoul(v, &end, 10) : 0;
	if (v && *v && !*end && n >= 1 && n <= 1000000)
		reg_limit.limit = (unsigned)n;
}

const char *events_reg_closed(const struct event *e, const char *now)
{
	if (e->cancelled)
		return N_("Diese Veranstaltung fällt aus.");
	if (strcmp(e->starts_at, now) <= 0)
		return N_("Die Anmeldung ist geschlossen.");
	if (e->reg_opens_at && strcmp(e->reg_opens_at, now) > 0)
		return N_("Die Anmeldung ist noch nicht offen.");
	if (e->reg_closes_at && strcmp(e->reg_closes_at, now) <= 0)
		return N_("Die Anmeldung ist geschlossen.");
	return NULL;
}

static int month_valid(const char *m)
{
	return m && strlen(m) == 7 && m[4] == '-' && strspn(m, "0123456789-") == 7 &&
	       ((m[5] == '0' && m[6] >= '1' && m[6] <= '9') || (m[5] == '1' && m[6] >= '0' && m[6] <= '2'));
}

static void list(struct req *r, struct resp *w, int past)
{
	struct form q;
	form_validate(r, &r->query, events_list_fields, LQ__MAX, &q);
	if (q.val[LQ_MONTH] && !month_valid(q.val[LQ_MONTH])) {
		q.err[LQ_MONTH] = N_("Bitte einen Monat wie 2027-05 angeben.");
		q.nerr++;
	}
	if (q.nerr) {
		w->status = 400;
		layout_error_page(r, w, 400);
		return;
	}
	char now[17];
	events_local_now(core_now(), now);
	long page = q.val[LQ_PAGE] ? (long)q.num[LQ_PAGE] : 1;
	struct events_filter f = { past, now, q.val[LQ_TYPE], q.val[LQ_MONTH] };
	struct event *ev;
	size_t n;
	long total;
	if (events_list(r->db, r->a, &f, (size_t)(page - 1) * EVENTS_PER_PAGE, EVENTS_PER_PAGE, &ev, &n, &total) !=
		    ST_OK ||
	    events_resolve_places(r->db, r->a, ev, n) != ST_OK) {
		layout_error_page(r, w, resp_store_failed(r, w));
		return;
	}
	struct events_list_view v = { past, &q, ev, n, total, page };
	events_view_list(r, w, &v);
}

void events_public_list(struct req *r, struct resp *w)
{
	list(r, w, 0);
}

void events_public_archive(struct req *r, struct resp *w)
{
	list(r, w, 1);
}

/* The event of a path segment "ID" (ics 0) or "ID.ics" (ics 1). */
static int parse_seg(const char *s, int64_t *id, int *ics)
{
	size_t n = strspn(s, "0123456789");
	*ics = strcmp(s + n, ".ics") == 0;
	if (n == 0 || n > 15 || s[0] == '0' || (s[n] && !*ics))
		return -1;
	*id = strtoll(s, NULL, 10);
	return 0;
}

static void dtstamp(char out[17])
{
	time_t t = (time_t)core_now();
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 17, "%Y%m%dT%H%M%SZ", &tm);
}

static void send_ical(struct req *r, struct resp *w, struct event *ev, size_t n, const char *filename)
{
	if (events_resolve_places(r->db, r->a, ev, n) != ST_OK) {
		layout_error_page(r, w, resp_store_failed(r, w));
		return;
	}
	char stamp[17];
	dtstamp(stamp);
	w->content_type = "text/calendar; charset=utf-8";
	resp_header(r, w, "Content-Disposition", arena_printf(r->a, "attachment; filename=\"%s\"", filename));
	events_ical(&w->body, r->a, r->base_url, ev, n, stamp);
}

static void show_page(struct req *r, struct resp *w, const struct event *e, const struct form *f,
		      const char *problem)
{
	struct event_org *orgs;
	size_t norgs;
	if (events_orgs(r->db, r->a, e->id, &orgs, &norgs) != ST_OK) {
		layout_error_page(r, w, resp_store_failed(r, w));
		return;
	}
	const char **names = arena_alloc(r->a, (norgs + 1) * sizeof(*names));
	const char **ids = arena_alloc(r->a, (norgs + 1) * sizeof(*ids));
	const char **roles = arena_alloc(r->a, (norgs + 1) * sizeof(*roles));
	size_t k = 0;
	for (size_t i = 0; i < norgs; i++) {
		struct dir_org o;
		if (dir_org_get(r->db, r->a, orgs[i].org_id, r->lang, DIR_PUBLIC, &o) != ST_OK)
			continue; /* archived or gone: not shown */
		names[k] = o.name;
		ids[k] = o.id;
		roles[k++] = orgs[i].role;
	}
	struct dir_location_brief place;
	int has_place = 0;
	if (e->location_id) {
		int rc = dir_location_brief(r->db, r->a, e->location_id, &place);
		if (rc == ST_ERR) {
			layout_error_page(r, w, resp_store_failed(r, w));
			return;
		}
		has_place = rc == ST_OK; /* a place made confidential or archived since: not shown */
	}
	char now[17];
	events_local_now(core_now(), now);
	auth_csrf_token(r, w);
	struct events_page_view v = { e, names, ids, roles, k, has_place ? &place : NULL, events_reg_closed(e, now),
				      f, problem };
	events_view_page(r, w, &v);
}

/* Load the event of params[0]; answers the error page itself. */
static int load(struct req *r, struct resp *w, struct event *e, int *ics)
{
	int64_t id;
	int is_ics = 0;
	int rc = parse_seg(r->params[0], &id, &is_ics) == 0 ? events_get(r->db, r->a, id, e) : ST_NOTFOUND;
	if (ics)
		*ics = is_ics;
	else if (is_ics)
		rc = ST_NOTFOUND;
	if (rc == ST_OK)
		return 0;
	if (rc == ST_NOTFOUND)
		w->status = 404;
	else
		resp_store_failed(r, w);
	layout_error_page(r, w, w->status);
	return -1;
}

void events_public_page(struct req *r, struct resp *w)
{
	struct event e;
	int ics;
	if (load(r, w, &e, &ics) != 0)
		return;
	if (ics) {
		send_ical(r, w, &e, 1, arena_printf(r->a, "veranstaltung-%lld.ics", (long long)e.id));
		return;
	}
	show_page(r, w, &e, NULL, NULL);
}

void events_public_feed(struct req *r, struct resp *w)
{
	struct event *ev;
	size_t n;
	if (events_all(r->db, r->a, &ev, &n) != ST_OK) {
		layout_error_page(r, w, resp_store_failed(r, w));
		return;
	}
	send_ical(r, w, ev, n, "veranstaltungen.ics");
}

void events_public_register(struct req *r, struct resp *w)
{
	struct event e;
	w->no_store = 1;
	if (load(r, w, &e, NULL) != 0)
		return;
	struct form f;
	form_validate(r, &r->form, events_reg_fields, RF__MAX, &f);
	if (f.honeypot) {
		resp_redirect(r, w, arena_printf(r->a, "/veranstaltungen/%lld", (long long)e.id));
		return;
	}
	char now[17];
	events_local_now(core_now(), now);
	const char *closed = events_reg_closed(&e, now);
	if (closed) {
		w->status = 409;
		show_page(r, w, &e, &f, T(r, closed));
		return;
	}
	if (f.nerr) {
		w->status = 422;
		show_page(r, w, &e, &f, NULL);
		return;
	}
	pthread_once(&reg_limit_once, reg_limit_init);
	if (!ratelimit_hit(&reg_limit, r->client, core_now())) {
		w->status = 429;
		show_page(r, w, &e, &f,
			  T(r, "Von hier kamen in kurzer Zeit viele Anmeldungen. Bitte warten Sie einige Minuten "
			       "und senden Sie dann noch einmal. Ihre Angaben sind noch da."));
		return;
	}
	char token[44];
	const char *status;
	int rc = events_register(r->db, e.id, f.val[RF_NAME], f.val[RF_EMAIL], f.val[RF_ORG], r->lang, token, &status);
	if (rc == ST_CONFLICT) {
		w->status = 409;
		show_page(r, w, &e, &f,
			  T(r, "Mit dieser E-Mail-Adresse sind Sie für diese Veranstaltung schon angemeldet."));
		return;
	}
	if (rc != ST_OK) {
		resp_store_failed(r, w);
		show_page(r, w, &e, &f,
			  T(r, "Ihre Anmeldung konnte gerade nicht gespeichert werden. Bitte versuchen Sie es in "
			       "einigen Minuten noch einmal. Ihre Angaben sind noch da."));
		return;
	}
	resp_redirect(r, w, arena_printf(r->a, "/veranstaltungen/anmeldung/%s", token));
}

/* The registration of params[0]; answers the error page itself. The
 * token stays out of the request log. */
static int load_reg(struct req *r, struct resp *w, struct event_reg *g, struct event *e)
{
	r->path = "/veranstaltungen/anmeldung/(token)";
	const char *t = r->params[0];
	int rc = strlen(t) == 43 && strspn(t, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") == 43
			 ? events_reg_by_token(r->db, r->a, t, g)
			 : ST_NOTFOUND;
	if (rc == ST_OK)
		rc = events_get(r->db, r->a, g->event_id, e);
	if (rc == ST_OK)
		return 0;
	w->no_store = 1;
	if (rc == ST_NOTFOUND)
		w->status = 404;
	else
		resp_store_failed(r, w);
	layout_error_page(r, w, w->status);
	return -1;
}

void events_public_reg(struct req *r, struct resp *w)
{
	struct event_reg g;
	struct event e;
	const char *token = r->params[0];
	if (load_reg(r, w, &g, &e) != 0)
		return;
	w->no_store = 1;
	auth_csrf_token(r, w);
	events_view_reg(r, w, &e, &g, token,
			kv_get(&r->query, "abgemeldet") ? T(r, "Sie sind abgemeldet.") : NULL);
}

void events_public_reg_cancel(struct req *r, struct resp *w)
{
	struct event_reg g;
	struct event e;
	const char *token = r->params[0];
	if (load_reg(r, w, &g, &e) != 0)
		return;
	int rc = events_reg_cancel(r->db, token);
	if (rc != ST_OK && rc != ST_NOTFOUND) {
		layout_error_page(r, w, resp_store_failed(r, w));
		return;
	}
	resp_redirect(r, w, arena_printf(r->a, "/veranstaltungen/anmeldung/%s?abgemeldet=1", token));
}
