/* staff.c — the handlers of the events in the staff area: the list,
 * creating and editing an event, calling it off, its registrations with
 * their status, the attendance list to print and the CSV export (their
 * HTML: staff_views.c). */
#include "events/events_internal.h"
#include "auth/auth.h"
#include "core/core.h"
#include "core/csvio.h"
#include "core/i18n.h"
#include "html/fields.h"
#include "html/layout.h"

#include <stdlib.h>
#include <string.h>

static int parse_id(const char *s, int64_t *id)
{
	size_t n = strspn(s, "0123456789");
	if (n == 0 || n > 15 || s[n] || s[0] == '0')
		return -1;
	*id = strtoll(s, NULL, 10);
	return 0;
}

int events_staff_load(struct req *r, struct resp *w, struct event *e)
{
	int64_t id;
	int rc = parse_id(r->params[0], &id) == 0 ? events_get(r->db, r->a, id, e) : ST_NOTFOUND;
	if (rc == ST_NOTFOUND)
		layout_staff_not_found(r, w);
	else if (rc != ST_OK)
		layout_staff_failed(r, w);
	return rc == ST_OK ? 0 : -1;
}

/* What the form's pickers offer: the current providers and the public
 * places of the directory. */
struct picks {
	struct dir_org_brief *orgs;
	size_t norgs;
	struct dir_location_brief *places;
	size_t nplaces;
};

static int load_picks(struct req *r, struct picks *p)
{
	int rc = dir_org_briefs(r->db, r->a, NULL, &p->orgs, &p->norgs);
	return rc != ST_OK ? rc : dir_location_briefs(r->db, r->a, &p->places, &p->nplaces);
}

void events_staff_list(struct req *r, struct resp *w)
{
	struct event *ev;
	size_t n;
	if (events_all(r->db, r->a, &ev, &n) != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	events_view_staff_list(r, w, ev, n);
}


/* The event's form (e NULL: a new one; slots its stored organisers and
 * partners, or NULL); for an existing one, with its registrations and
 * minutes; the pickers' providers and places in lists. */
static void form_page(struct req *r, struct resp *w, const struct event *e, const struct form *f,
		      const struct picks *p, const char *const *slots, const char *notice,
		      const struct form *item_form)
{
	struct events_staff_view v = { .e = e, .f = f, .orgs = p->orgs, .norgs = p->norgs, .places = p->places,
				       .nplaces = p->nplaces, .notice = notice, .item_form = item_form };
	for (size_t i = 0; slots && i < NELEM(v.slots); i++)
		v.slots[i] = slots[i];
	if (e) {
		struct event_reg *g;
		struct event_item *items;
		v.regs_ok = events_regs(r->db, r->a, e->id, &g, &v.nregs) == ST_OK;
		v.regs = g;
		v.items_ok = events_items(r->db, r->a, e->id, &items, &v.nitems) == ST_OK;
		v.items = items;
	}
	events_view_staff_form(r, w, &v);
}

void events_staff_new(struct req *r, struct resp *w)
{
	struct picks p;
	if (load_picks(r, &p) != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	form_page(r, w, NULL, NULL, &p, NULL, NULL, NULL);
}

/* The stored organisers, then partners, of event id into slots (each
 * role from its first slot; NULL where none). */
static int stored_slots(struct req *r, int64_t id, const char *slots[2 * EVENTS_ORG_SLOTS])
{
	struct event_org *o;
	size_t n, k[2] = { 0, 0 };
	for (size_t i = 0; i < 2 * EVENTS_ORG_SLOTS; i++)
		slots[i] = NULL;
	if (events_orgs(r->db, r->a, id, &o, &n) != ST_OK)
		return ST_ERR;
	for (size_t i = 0; i < n; i++) {
		int role = strcmp(o[i].role, "partner") == 0;
		if (k[role] < EVENTS_ORG_SLOTS)
			slots[role * EVENTS_ORG_SLOTS + k[role]++] = o[i].org_id;
	}
	return ST_OK;
}

static int in_slots(const char *const *slots, const char *id)
{
	for (size_t i = 0; slots && i < 2 * EVENTS_ORG_SLOTS; i++)
		if (slots[i] && strcmp(slots[i], id) == 0)
			return 1;
	return 0;
}

/* Validate the form into e and orgs; the number of errors. A provider
 * or place must be one of the pickers' (or the one stored before, old
 * the stored slots and place of the event, NULL for a new one). */
static int read_form(struct req *r, struct form *f, const struct picks *p, const char *const *old_slots,
		     const char *old_place, struct event *e, struct event_org *orgs, size_t *norgs)
{
	form_validate(r, &r->form, events_event_fields, EF__MAX, f);
	static const int times[] = { EF_START, EF_END, EF_OPENS, EF_CLOSES };
	for (size_t i = 0; i < NELEM(times); i++) {
		const char *v = f->val[times[i]];
		if (v && !f->err[times[i]] && !events_time_valid(v)) {
			f->err[times[i]] = N_("Bitte Datum und Uhrzeit wie 2027-05-12T18:00 angeben.");
			f->nerr++;
		}
	}
	if (!f->err[EF_END] && !f->err[EF_START] && f->val[EF_START] && f->val[EF_END] &&
	    strcmp(f->val[EF_END], f->val[EF_START]) < 0) {
		f->err[EF_END] = N_("Das Ende liegt vor dem Beginn.");
		f->nerr++;
	}
	const char *u = f->val[EF_ONLINE];
	if (u && strncmp(u, "https://", 8) != 0 && strncmp(u, "http://", 7) != 0) {
		f->err[EF_ONLINE] = N_("Bitte eine Adresse, die mit https:// beginnt.");
		f->nerr++;
	}
	const char *loc = f->val[EF_LOCATION];
	if (loc && !f->err[EF_LOCATION] && !(old_place && strcmp(loc, old_place) == 0)) {
		size_t i = 0;
		while (i < p->nplaces && strcmp(p->places[i].id, loc) != 0)
			i++;
		if (i == p->nplaces) {
			f->err[EF_LOCATION] = N_("Diesen Ort gibt es im Verzeichnis nicht. Bitte wählen Sie einen aus "
						 "der Liste.");
			f->nerr++;
		}
	}
	*norgs = 0;
	for (int i = EF_ORG1; i < EF_PART1 + EVENTS_ORG_SLOTS; i++) {
		const char *id = f->val[i];
		if (!id || f->err[i])
			continue;
		size_t k = 0;
		while (k < p->norgs && strcmp(p->orgs[k].id, id) != 0)
			k++;
		int dup = 0;
		for (size_t j = 0; j < *norgs; j++)
			dup |= strcmp(orgs[j].org_id, id) == 0;
		if (k == p->norgs && !in_slots(old_slots, id)) {
			f->err[i] = N_("Diese Organisation gibt es im Verzeichnis nicht. Bitte wählen Sie eine aus der "
				       "Liste.");
			f->nerr++;
		} else if (dup) {
			f->err[i] = N_("Diese Organisation ist schon gewählt: als Veranstalter oder Partner nur einmal.");
			f->nerr++;
		} else {
			orgs[(*norgs)++] = (struct event_org){ id, i < EF_PART1 ? "organiser" : "partner" };
		}
	}
	*e = (struct event){
		.type = f->val[EF_TYPE], .title = f->val[EF_TITLE], .description_md = f->val[EF_DESC],
		.starts_at = f->val[EF_START], .ends_at = f->val[EF_END], .location_id = loc, .place = f->val[EF_PLACE],
		.online_url = f->val[EF_ONLINE], .accessibility = f->val[EF_ACCESS], .languages = f->val[EF_LANGS],
		.target_groups = f->val[EF_GROUPS], .capacity = f->val[EF_CAPACITY] ? (int)f->num[EF_CAPACITY] : -1,
		.reg_opens_at = f->val[EF_OPENS], .reg_closes_at = f->val[EF_CLOSES], .series = f->val[EF_SERIES],
	};
	return f->nerr;
}

static void save(struct req *r, struct resp *w, const struct event *old)
{
	struct form f;
	struct event e;
	struct event_org orgs[2 * EVENTS_ORG_SLOTS];
	size_t norgs;
	struct picks p;
	const char *slots[2 * EVENTS_ORG_SLOTS];
	if (load_picks(r, &p) != ST_OK || (old && stored_slots(r, old->id, slots) != ST_OK)) {
		layout_staff_failed(r, w);
		return;
	}
	if (read_form(r, &f, &p, old ? slots : NULL, old ? old->location_id : NULL, &e, orgs, &norgs)) {
		w->status = 422;
		form_page(r, w, old, &f, &p, NULL, NULL, NULL);
		return;
	}
	e.id = old ? old->id : 0;
	e.cancelled = old ? old->cancelled : 0;
	int64_t id = 0;
	int rc = events_save(r->db, &e, orgs, norgs, &id);
	if (rc == ST_OK)
		audit_add_req(r, old ? "event_update" : "event_create", "event", arena_printf(r->a, "%lld", (long long)id),
			      "ok", NULL);
	if (rc != ST_OK) {
		resp_store_failed(r, w);
		form_page(r, w, old, &f, &p, NULL,
			  T(r, "Die Veranstaltung konnte gerade nicht gespeichert werden. Ihre Eingaben sind noch da."),
			  NULL);
		return;
	}
	resp_redirect(r, w, arena_printf(r->a, "/intern/veranstaltungen/%lld?gespeichert=1", (long long)id));
}

void events_staff_create(struct req *r, struct resp *w)
{
	save(r, w, NULL);
}

void events_staff_edit(struct req *r, struct resp *w)
{
	struct event e;
	if (events_staff_load(r, w, &e) != 0)
		return;
	events_staff_page(r, w, &e, kv_get(&r->query, "gespeichert") ? T(r, "Gespeichert.") : NULL, NULL);
}

void events_staff_page(struct req *r, struct resp *w, const struct event *e, const char *notice,
		       const struct form *item_form)
{
	struct picks p;
	const char *slots[2 * EVENTS_ORG_SLOTS];
	if (load_picks(r, &p) != ST_OK || stored_slots(r, e->id, slots) != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	form_page(r, w, e, NULL, &p, slots, notice, item_form);
}

void events_staff_save(struct req *r, struct resp *w)
{
	struct event e;
	if (events_staff_load(r, w, &e) != 0)
		return;
	save(r, w, &e);
}

void events_staff_cancel(struct req *r, struct resp *w)
{
	struct event e;
	if (events_staff_load(r, w, &e) != 0)
		return;
	const char *v = kv_get(&r->form, "cancelled");
	int on = v && strcmp(v, "1") == 0;
	if (events_set_cancelled(r->db, e.id, on) != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	audit_add_req(r, on ? "event_cancel" : "event_uncancel", "event", arena_printf(r->a, "%lld", (long long)e.id),
		      "ok", NULL);
	resp_redirect(r, w, arena_printf(r->a, "/intern/veranstaltungen/%lld?gespeichert=1", (long long)e.id));
}

void events_staff_attendance(struct req *r, struct resp *w)
{
	struct event e;
	if (events_staff_load(r, w, &e) != 0)
		return;
	struct event_reg *g;
	size_t n;
	if (events_regs(r->db, r->a, e.id, &g, &n) != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	audit_add_req(r, "event_attendance_view", "event", arena_printf(r->a, "%lld", (long long)e.id), "ok", NULL);
	events_view_attendance(r, w, &e, g, n);
}

void events_staff_csv(struct req *r, struct resp *w)
{
	struct event e;
	if (events_staff_load(r, w, &e) != 0)
		return;
	struct event_reg *g;
	size_t n;
	if (events_regs(r->db, r->a, e.id, &g, &n) != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	audit_add_req(r, "event_registrations_export", "event", arena_printf(r->a, "%lld", (long long)e.id), "ok",
		      arena_printf(r->a, "%zu", n));
	w->content_type = "text/csv; charset=utf-8";
	w->no_store = 1;
	resp_header(r, w, "Content-Disposition",
		    arena_printf(r->a, "attachment; filename=\"anmeldungen-%lld.csv\"", (long long)e.id));
	int first = 1;
	static const char *const head[] = { "name", "email", "organisation", "status", "waiting_position", "registered_at",
					    "cancelled_at", "attended" };
	for (size_t i = 0; i < NELEM(head); i++)
		csvio_field(&w->body, &first, head[i]);
	csvio_end(&w->body, &first);
	for (size_t i = 0; i < n; i++) {
		csvio_field(&w->body, &first, g[i].name);
		csvio_field(&w->body, &first, g[i].email);
		csvio_field(&w->body, &first, g[i].organisation);
		csvio_field(&w->body, &first, g[i].status);
		csvio_field(&w->body, &first, g[i].position ? arena_printf(r->a, "%ld", g[i].position) : "");
		csvio_field(&w->body, &first, g[i].created_at);
		csvio_field(&w->body, &first, g[i].cancelled_at);
		csvio_field(&w->body, &first, g[i].attended ? "1" : "0");
		csvio_end(&w->body, &first);
	}
}
