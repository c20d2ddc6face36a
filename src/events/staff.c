/* staff.c — events in the staff area: the list, creating and editing an
 * event, calling it off, its registrations with their status, the
 * attendance list to print and the CSV export. */
#include "events/events_internal.h"
#include "auth/auth.h"
#include "core/core.h"
#include "core/csvio.h"
#include "core/i18n.h"
#include "html/fields.h"
#include "html/layout.h"

#include <stdlib.h>
#include <string.h>

enum { EF_TYPE, EF_TITLE, EF_DESC, EF_START, EF_END, EF_PLACE, EF_ONLINE, EF_ACCESS, EF_LANGS, EF_GROUPS,
       EF_CAPACITY, EF_OPENS, EF_CLOSES, EF_SERIES, EF_ORGS, EF_PARTNERS, EF__MAX };

static const struct field event_fields[EF__MAX] = {
	[EF_TYPE] = { "type", FIELD_CHOICE, FIELD_REQUIRED, 20, 0, 0, events_types },
	[EF_TITLE] = { "title", FIELD_TEXT, FIELD_REQUIRED, 200, 0, 0, NULL },
	[EF_DESC] = { "description", FIELD_MULTILINE, 0, 20000, 0, 0, NULL },
	[EF_START] = { "starts_at", FIELD_TEXT, FIELD_REQUIRED, 16, 0, 0, NULL },
	[EF_END] = { "ends_at", FIELD_TEXT, FIELD_REQUIRED, 16, 0, 0, NULL },
	[EF_PLACE] = { "place", FIELD_TEXT, 0, 300, 0, 0, NULL },
	[EF_ONLINE] = { "online_url", FIELD_TEXT, 0, 500, 0, 0, NULL },
	[EF_ACCESS] = { "accessibility", FIELD_MULTILINE, 0, 2000, 0, 0, NULL },
	[EF_LANGS] = { "languages", FIELD_TEXT, 0, 200, 0, 0, NULL },
	[EF_GROUPS] = { "target_groups", FIELD_TEXT, 0, 300, 0, 0, NULL },
	[EF_CAPACITY] = { "capacity", FIELD_INT, 0, 6, 0, 100000, NULL },
	[EF_OPENS] = { "reg_opens_at", FIELD_TEXT, 0, 16, 0, 0, NULL },
	[EF_CLOSES] = { "reg_closes_at", FIELD_TEXT, 0, 16, 0, 0, NULL },
	[EF_SERIES] = { "series", FIELD_TEXT, 0, 200, 0, 0, NULL },
	[EF_ORGS] = { "organisers", FIELD_TEXT, 0, 400, 0, 0, NULL },
	[EF_PARTNERS] = { "partners", FIELD_TEXT, 0, 400, 0, 0, NULL },
};

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

void events_staff_list(struct req *r, struct resp *w)
{
	struct event *ev;
	size_t n;
	if (events_all(r->db, r->a, &ev, &n) != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	html h = html_on(&w->body);
	layout_staff_begin(&h, r, T(r, "Veranstaltungen"));
	html_open(&h, "p", NULL);
	html_elem(&h, "a", T(r, "Neue Veranstaltung"), "class", "button", "href", "/intern/veranstaltungen/neu", NULL);
	html_close(&h, "p");
	const char *const heads[] = { T(r, "Beginn"), T(r, "Titel"), T(r, "Art"), T(r, "Angemeldet"),
				      T(r, "Warteliste"), T(r, "Status") };
	layout_table_begin(&h, r, "veranstaltungen-caption", T(r, "Alle Veranstaltungen, die neueste zuerst"), heads,
			   NELEM(heads));
	for (size_t i = 0; i < n; i++) {
		html_open(&h, "tr", NULL);
		html_elem(&h, "td", events_when(r, &ev[i]), NULL);
		html_open(&h, "td", NULL);
		html_elem(&h, "a", ev[i].title, "href", arena_printf(r->a, "/intern/veranstaltungen/%lld", (long long)ev[i].id),
			  NULL);
		html_close(&h, "td");
		html_elem(&h, "td", events_type_text(r, ev[i].type), NULL);
		html_elem(&h, "td",
			  ev[i].capacity >= 0 ? arena_printf(r->a, "%ld / %d", ev[i].confirmed, ev[i].capacity)
					      : arena_printf(r->a, "%ld", ev[i].confirmed),
			  NULL);
		html_elem(&h, "td", arena_printf(r->a, "%ld", ev[i].waiting), NULL);
		html_elem(&h, "td", ev[i].cancelled ? T(r, "abgesagt") : T(r, "geplant"), NULL);
		html_close(&h, "tr");
	}
	layout_table_end(&h);
	layout_end(&h, r);
}

static const char *val(const struct form *f, const struct event *e, int i)
{
	if (f)
		return f->val[i];
	if (!e)
		return NULL;
	switch (i) {
	case EF_TYPE: return e->type;
	case EF_TITLE: return e->title;
	case EF_DESC: return e->description_md;
	case EF_START: return e->starts_at;
	case EF_END: return e->ends_at;
	case EF_PLACE: return e->place;
	case EF_ONLINE: return e->online_url;
	case EF_ACCESS: return e->accessibility;
	case EF_LANGS: return e->languages;
	case EF_GROUPS: return e->target_groups;
	case EF_OPENS: return e->reg_opens_at;
	case EF_CLOSES: return e->reg_closes_at;
	case EF_SERIES: return e->series;
	default: return NULL;
	}
}

/* The event's form (e NULL: a new one), then for an existing one its
 * registrations. */
static void form_page(struct req *r, struct resp *w, const struct event *e, const struct form *f,
		      const char *orgs, const char *partners, const char *notice, const struct form *item_form)
{
	static const char *const labels_de[EF__MAX] = {
		N_("Art"), N_("Titel"), N_("Beschreibung (Markdown)"), N_("Beginn"), N_("Ende"), N_("Ort"),
		N_("Link der Online-Veranstaltung"), N_("Barrierefreiheit"), N_("Sprachen"), N_("Zielgruppen"),
		N_("Plätze"), N_("Anmeldung ab"), N_("Anmeldung bis"), N_("Reihe"),
		N_("Veranstalter (Träger-IDs, durch Komma getrennt)"), N_("Partner (Träger-IDs, durch Komma getrennt)"),
	};
	const char *labels[EF__MAX];
	for (int i = 0; i < EF__MAX; i++)
		labels[i] = T(r, labels_de[i]);
	html h = html_on(&w->body);
	layout_staff_begin(&h, r, e ? e->title : T(r, "Neue Veranstaltung"));
	fields_notice(&h, notice);
	fields_summary(&h, r, event_fields, f, labels);
	if (e) {
		html_open(&h, "p", NULL);
		html_elem(&h, "a", T(r, "Öffentliche Seite"), "href", arena_printf(r->a, "/veranstaltungen/%lld", (long long)e->id),
			  NULL);
		html_text(&h, " · ");
		html_elem(&h, "a", T(r, "Anwesenheitsliste"), "href",
			  arena_printf(r->a, "/intern/veranstaltungen/%lld/anwesenheit", (long long)e->id), NULL);
		html_text(&h, " · ");
		html_elem(&h, "a", T(r, "Anmeldungen als CSV"), "href",
			  arena_printf(r->a, "/intern/veranstaltungen/%lld/anmeldungen.csv", (long long)e->id), NULL);
		html_close(&h, "p");
	}
	html_open(&h, "form", "class", "form", "method", "post", "novalidate", "", "action",
		  e ? arena_printf(r->a, "/intern/veranstaltungen/%lld", (long long)e->id) : "/intern/veranstaltungen/neu",
		  NULL);
	fields_csrf(&h, r);
	for (int i = 0; i < EF__MAX; i++) {
		const char *v = i == EF_ORGS ? orgs : i == EF_PARTNERS ? partners : val(f, e, i);
		if (i == EF_CAPACITY)
			v = f ? f->val[i] : e && e->capacity >= 0 ? arena_printf(r->a, "%d", e->capacity) : NULL;
		struct fields_in in = fields_of(&event_fields[i], v, f ? f->err[i] : NULL);
		in.label = labels[i];
		if (i == EF_TYPE) {
			const char *tl[EVENTS_TYPES];
			for (size_t k = 0; k < EVENTS_TYPES; k++)
				tl[k] = events_type_text(r, events_types[k]);
			fields_select(&h, r, &in, NULL, events_types, tl, EVENTS_TYPES);
			continue;
		}
		if (i == EF_START || i == EF_END || i == EF_OPENS || i == EF_CLOSES) {
			in.type = "datetime-local";
			in.hint = T(r, "Ortszeit Mainz, z. B. 2027-05-12T18:00");
		}
		if (i == EF_CAPACITY) {
			in.type = "number";
			in.hint = T(r, "Leer: ohne Grenze");
		}
		if (i == EF_LANGS)
			in.hint = T(r, "z. B. Deutsch, Arabisch");
		if (event_fields[i].kind == FIELD_MULTILINE)
			fields_textarea(&h, r, &in);
		else
			fields_input(&h, r, &in);
	}
	html_elem(&h, "button", T(r, "Speichern"), "type", "submit", "class", "button", NULL);
	html_close(&h, "form");
	if (e) {
		html_open(&h, "form", "class", "form", "method", "post", "action",
			  arena_printf(r->a, "/intern/veranstaltungen/%lld/absagen", (long long)e->id), NULL);
		fields_csrf(&h, r);
		html_void(&h, "input", "type", "hidden", "name", "cancelled", "value", e->cancelled ? "0" : "1", NULL);
		html_elem(&h, "button", e->cancelled ? T(r, "Absage zurücknehmen") : T(r, "Veranstaltung absagen"),
			  "type", "submit", "class", "button button-secondary", NULL);
		html_close(&h, "form");
		struct event_reg *g;
		size_t n;
		if (events_regs(r->db, r->a, e->id, &g, &n) != ST_OK) {
			fields_alert(&h, T(r, "Die Anmeldungen konnten nicht gelesen werden."));
		} else {
			html_elem(&h, "h2", T(r, "Anmeldungen"), NULL);
			const char *const heads[] = { T(r, "Name"), T(r, "E-Mail-Adresse"), T(r, "Organisation"),
						      T(r, "Status"), T(r, "Angemeldet am") };
			layout_table_begin(&h, r, "anmeldungen-caption", T(r, "Anmeldungen in ihrer Reihenfolge"), heads,
					   NELEM(heads));
			for (size_t i = 0; i < n; i++) {
				html_open(&h, "tr", NULL);
				html_elem(&h, "td", g[i].name ? g[i].name : T(r, "(gelöscht)"), "dir", "auto", NULL);
				html_elem(&h, "td", g[i].email ? g[i].email : "", NULL);
				html_elem(&h, "td", g[i].organisation ? g[i].organisation : "", "dir", "auto", NULL);
				html_elem(&h, "td",
					  strcmp(g[i].status, "confirmed") == 0 ? T(r, "angemeldet")
					  : strcmp(g[i].status, "waiting") == 0
						  ? i18n_fill(r->a, T(r, "Warteliste, Platz {1}"),
							      arena_printf(r->a, "%ld", g[i].position), NULL)
						  : T(r, "abgesagt"),
					  NULL);
				html_elem(&h, "td", layout_time(r, g[i].created_at), NULL);
				html_close(&h, "tr");
			}
			layout_table_end(&h);
		}
		struct event_item *items;
		size_t ni;
		if (events_items(r->db, r->a, e->id, &items, &ni) != ST_OK)
			fields_alert(&h, T(r, "Das Protokoll konnte nicht gelesen werden."));
		else
			events_view_minutes(&h, r, e, items, ni, item_form);
	}
	layout_end(&h, r);
}

void events_staff_new(struct req *r, struct resp *w)
{
	form_page(r, w, NULL, NULL, NULL, NULL, NULL, NULL);
}

/* "a, b" as organisers of role into v (at most 16 in all). */
static size_t split_orgs(struct req *r, const char *s, const char *role, struct event_org *v, size_t k)
{
	if (!s)
		return k;
	char *copy = arena_strdup(r->a, s), *save = NULL;
	for (char *t = strtok_r(copy, ", ", &save); t && k < 16; t = strtok_r(NULL, ", ", &save))
		v[k++] = (struct event_org){ t, role };
	return k;
}

/* Validate the form into e and orgs; the number of errors. */
static int read_form(struct req *r, struct form *f, struct event *e, struct event_org *orgs, size_t *norgs)
{
	form_validate(r, &r->form, event_fields, EF__MAX, f);
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
	*e = (struct event){
		.type = f->val[EF_TYPE], .title = f->val[EF_TITLE], .description_md = f->val[EF_DESC],
		.starts_at = f->val[EF_START], .ends_at = f->val[EF_END], .place = f->val[EF_PLACE],
		.online_url = f->val[EF_ONLINE], .accessibility = f->val[EF_ACCESS], .languages = f->val[EF_LANGS],
		.target_groups = f->val[EF_GROUPS], .capacity = f->val[EF_CAPACITY] ? (int)f->num[EF_CAPACITY] : -1,
		.reg_opens_at = f->val[EF_OPENS], .reg_closes_at = f->val[EF_CLOSES], .series = f->val[EF_SERIES],
	};
	*norgs = split_orgs(r, f->val[EF_PARTNERS], "partner", orgs, split_orgs(r, f->val[EF_ORGS], "organiser", orgs, 0));
	return f->nerr;
}

static void save(struct req *r, struct resp *w, const struct event *old)
{
	struct form f;
	struct event e;
	struct event_org orgs[16];
	size_t norgs;
	if (read_form(r, &f, &e, orgs, &norgs)) {
		w->status = 422;
		form_page(r, w, old, &f, f.val[EF_ORGS], f.val[EF_PARTNERS], NULL, NULL);
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
		form_page(r, w, old, &f, f.val[EF_ORGS], f.val[EF_PARTNERS],
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

/* The organisers (role) of e as "id, id". */
static const char *orgs_text(struct req *r, const struct event_org *o, size_t n, const char *role)
{
	buf b;
	buf_init(&b, 0);
	for (size_t i = 0; i < n; i++)
		if (strcmp(o[i].role, role) == 0)
			buf_printf(&b, "%s%s", b.len ? ", " : "", o[i].org_id);
	const char *s = arena_strdup(r->a, buf_str(&b));
	buf_free(&b);
	return s;
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
	struct event_org *o;
	size_t n;
	if (events_orgs(r->db, r->a, e->id, &o, &n) != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	form_page(r, w, e, NULL, orgs_text(r, o, n, "organiser"), orgs_text(r, o, n, "partner"), notice, item_form);
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
	html h = html_on(&w->body);
	layout_staff_begin(&h, r, i18n_fill(r->a, T(r, "Anwesenheitsliste: {1}"), e.title, NULL));
	html_elem(&h, "p", events_when(r, &e), NULL);
	html_open(&h, "p", "class", "no-print", NULL);
	html_text(&h, T(r, "Zum Abhaken ausdrucken."));
	html_close(&h, "p");
	const char *const heads[] = { T(r, "Da"), T(r, "Name"), T(r, "Organisation"), T(r, "Unterschrift") };
	layout_table_begin(&h, r, "anwesenheit-caption", T(r, "Angemeldete, nach Anmeldung"), heads, NELEM(heads));
	for (size_t i = 0; i < n; i++) {
		if (strcmp(g[i].status, "confirmed") != 0)
			continue;
		html_open(&h, "tr", NULL);
		html_elem(&h, "td", "☐", "class", "tick", NULL);
		html_elem(&h, "td", g[i].name ? g[i].name : T(r, "(gelöscht)"), "dir", "auto", NULL);
		html_elem(&h, "td", g[i].organisation ? g[i].organisation : "", "dir", "auto", NULL);
		html_elem(&h, "td", "", NULL);
		html_close(&h, "tr");
	}
	layout_table_end(&h);
	layout_end(&h, r);
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
					    "cancelled_at" };
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
		csvio_end(&w->body, &first);
	}
}
