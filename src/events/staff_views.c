/* staff_views.c — HTML of the events in the staff area: the list, an
 * event's form with its registrations (and its minutes, minutes_views.c),
 * and the attendance list to print. */
#include "events/events_internal.h"
#include "core/core.h"
#include "core/i18n.h"
#include "html/fields.h"
#include "html/layout.h"

#include <string.h>

const struct field events_event_fields[EF__MAX] = {
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
	[EF_LOCATION] = { "location_id", FIELD_TEXT, 0, 64, 0, 0, NULL },
	[EF_ORG1 + 0] = { "organiser_1", FIELD_TEXT, 0, 64, 0, 0, NULL },
	[EF_ORG1 + 1] = { "organiser_2", FIELD_TEXT, 0, 64, 0, 0, NULL },
	[EF_ORG1 + 2] = { "organiser_3", FIELD_TEXT, 0, 64, 0, 0, NULL },
	[EF_ORG1 + 3] = { "organiser_4", FIELD_TEXT, 0, 64, 0, 0, NULL },
	[EF_ORG1 + 4] = { "organiser_5", FIELD_TEXT, 0, 64, 0, 0, NULL },
	[EF_ORG1 + 5] = { "organiser_6", FIELD_TEXT, 0, 64, 0, 0, NULL },
	[EF_PART1 + 0] = { "partner_1", FIELD_TEXT, 0, 64, 0, 0, NULL },
	[EF_PART1 + 1] = { "partner_2", FIELD_TEXT, 0, 64, 0, 0, NULL },
	[EF_PART1 + 2] = { "partner_3", FIELD_TEXT, 0, 64, 0, 0, NULL },
	[EF_PART1 + 3] = { "partner_4", FIELD_TEXT, 0, 64, 0, 0, NULL },
	[EF_PART1 + 4] = { "partner_5", FIELD_TEXT, 0, 64, 0, 0, NULL },
	[EF_PART1 + 5] = { "partner_6", FIELD_TEXT, 0, 64, 0, 0, NULL },
};

void events_view_staff_list(struct req *r, struct resp *w, const struct event *ev, size_t n)
{
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
	case EF_LOCATION: return e->location_id;
	default: return NULL;
	}
}

/* The place picker: the directory's public places by name and address;
 * a stored place no longer among them stays as an option of its own. */
static void pick_place(html *h, struct req *r, const struct fields_in *in, const struct events_staff_view *v)
{
	size_t n = v->nplaces, k = 0;
	const char **ids = arena_alloc(r->a, (n + 2) * sizeof(*ids));
	const char **names = arena_alloc(r->a, (n + 2) * sizeof(*names));
	const char **places = arena_alloc(r->a, (n + 2) * sizeof(*places));
	int found = 0;
	for (size_t i = 0; i < n; i++) {
		ids[k] = v->places[i].id;
		names[k] = v->places[i].name;
		places[k++] = v->places[i].address;
		found |= in->value && strcmp(in->value, v->places[i].id) == 0;
	}
	if (in->value && !found) {
		ids[k] = in->value;
		names[k] = T(r, "(nicht mehr im Verzeichnis)");
		places[k++] = in->value;
	}
	fields_pick(h, r, in, T(r, "– keiner –"), ids, names, places, k);
}

/* A provider picker: the current providers by name and town; a stored
 * provider no longer among them stays as an option of its own. */
static void pick_org(html *h, struct req *r, const struct fields_in *in, const struct events_staff_view *v)
{
	size_t n = v->norgs, k = 0;
	const char **ids = arena_alloc(r->a, (n + 2) * sizeof(*ids));
	const char **names = arena_alloc(r->a, (n + 2) * sizeof(*names));
	const char **towns = arena_alloc(r->a, (n + 2) * sizeof(*towns));
	int found = 0;
	for (size_t i = 0; i < n; i++) {
		ids[k] = v->orgs[i].id;
		names[k] = v->orgs[i].name;
		towns[k++] = v->orgs[i].city;
		found |= in->value && strcmp(in->value, v->orgs[i].id) == 0;
	}
	if (in->value && !found) {
		ids[k] = in->value;
		names[k] = T(r, "(nicht mehr im Verzeichnis)");
		towns[k++] = in->value;
	}
	fields_pick(h, r, in, T(r, "– keine –"), ids, names, towns, k);
}

/* The pickers of one role (first: its first field), in a fieldset: the
 * chosen ones and two empty ones more (at most EVENTS_ORG_SLOTS). */
static void org_slots(html *h, struct req *r, const struct events_staff_view *v, int first, const char *legend,
		      const char *const *labels)
{
	const struct form *f = v->f;
	int last = 0;
	for (int k = 0; k < EVENTS_ORG_SLOTS; k++) {
		const char *value = f ? f->val[first + k] : v->slots[first - EF_ORG1 + k];
		if (value)
			last = k + 1;
	}
	int shown = last + 2 < EVENTS_ORG_SLOTS ? last + 2 : EVENTS_ORG_SLOTS;
	html_open(h, "fieldset", "class", "field", NULL);
	html_elem(h, "legend", legend, NULL);
	html_elem(h, "p", T(r, "Aus dem Verzeichnis wählen. Braucht es mehr Felder: speichern, dann kommen zwei "
			       "neue dazu."), "class", "field-hint", NULL);
	for (int k = 0; k < shown; k++) {
		int i = first + k;
		const char *value = f ? f->val[i] : v->slots[first - EF_ORG1 + k];
		struct fields_in in = fields_of(&events_event_fields[i], value, f ? f->err[i] : NULL);
		in.label = labels[i];
		pick_org(h, r, &in, v);
	}
	html_close(h, "fieldset");
}

/* The event's form (e NULL: a new one), then for an existing one its
 * registrations. */
void events_view_staff_form(struct req *r, struct resp *w, const struct events_staff_view *v)
{
	const struct event *e = v->e;
	const struct form *f = v->f;
	static const char *const labels_de[EF__MAX] = {
		N_("Art"), N_("Titel"), N_("Beschreibung (Markdown)"), N_("Beginn"), N_("Ende"),
		N_("Ort aus dem Verzeichnis"), N_("Ort"),
		N_("Link der Online-Veranstaltung"), N_("Barrierefreiheit"), N_("Sprachen"), N_("Zielgruppen"),
		N_("Plätze"), N_("Anmeldung ab"), N_("Anmeldung bis"), N_("Reihe"),
	};
	const char *labels[EF__MAX];
	for (int i = 0; i < EF_ORG1; i++)
		labels[i] = T(r, labels_de[i]);
	for (int k = 0; k < EVENTS_ORG_SLOTS; k++) {
		const char *num = arena_printf(r->a, "%d", k + 1);
		labels[EF_ORG1 + k] = i18n_fill(r->a, T(r, "Veranstalter {1}"), num, NULL);
		labels[EF_PART1 + k] = i18n_fill(r->a, T(r, "Partner {1}"), num, NULL);
	}
	html h = html_on(&w->body);
	layout_staff_begin(&h, r, e ? e->title : T(r, "Neue Veranstaltung"));
	fields_notice(&h, v->notice);
	fields_summary(&h, r, events_event_fields, f, labels);
	if (e) {
		html_open(&h, "p", NULL);
		html_elem(&h, "a", T(r, "Öffentliche Seite"), "href", arena_printf(r->a, "/veranstaltungen/%lld", (long long)e->id),
			  NULL);
		html_text(&h, " · ");
		html_elem(&h, "a", T(r, "Anwesenheit abhaken"), "href",
			  arena_printf(r->a, "/intern/veranstaltungen/%lld/einlass", (long long)e->id), NULL);
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
	for (int i = 0; i < EF_ORG1; i++) {
		const char *value = val(f, e, i);
		if (i == EF_CAPACITY)
			value = f ? f->val[i] : e && e->capacity >= 0 ? arena_printf(r->a, "%d", e->capacity) : NULL;
		struct fields_in in = fields_of(&events_event_fields[i], value, f ? f->err[i] : NULL);
		in.label = labels[i];
		if (i == EF_TYPE) {
			const char *tl[EVENTS_TYPES];
			for (size_t k = 0; k < EVENTS_TYPES; k++)
				tl[k] = events_type_text(r, events_types[k]);
			fields_select(&h, r, &in, NULL, events_types, tl, EVENTS_TYPES);
			continue;
		}
		if (i == EF_LOCATION) {
			in.hint = T(r, "Die Adresse steht dann auf der öffentlichen Seite. Sonst den Ort unten frei "
				       "beschreiben.");
			pick_place(&h, r, &in, v);
			continue;
		}
		if (i == EF_PLACE)
			in.hint = T(r, "Frei beschrieben, z. B. Raum und Stockwerk, oder „online“.");
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
		if (events_event_fields[i].kind == FIELD_MULTILINE)
			fields_textarea(&h, r, &in);
		else
			fields_input(&h, r, &in);
	}
	org_slots(&h, r, v, EF_ORG1, T(r, "Veranstalter"), labels);
	org_slots(&h, r, v, EF_PART1, T(r, "Partner"), labels);
	html_elem(&h, "button", T(r, "Speichern"), "type", "submit", "class", "button", NULL);
	html_close(&h, "form");
	if (e) {
		html_open(&h, "form", "class", "form", "method", "post", "action",
			  arena_printf(r->a, "/intern/veranstaltungen/%lld/absagen", (long long)e->id), NULL);
		fields_csrf(&h, r);
		html_void(&h, "input", "type", "hidden", "name", "cancelled", "value", e->cancelled ? "0" : "1", NULL);
		html_elem(&h, "button", e->cancelled ? T(r, "Absage zurücknehmen") : T(r, "Veranstaltung absagen"),
			  "type", "submit", "class", "button secondary", NULL);
		html_close(&h, "form");
		const struct event_reg *g = v->regs;
		size_t n = v->nregs;
		if (!v->regs_ok) {
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
		if (!v->items_ok)
			fields_alert(&h, T(r, "Das Protokoll konnte nicht gelesen werden."));
		else
			events_view_minutes(&h, r, e, v->items, v->nitems, v->item_form);
	}
	layout_end(&h, r);
}

void events_view_attendance(struct req *r, struct resp *w, const struct event *ep, const struct event_reg *g, size_t n)
{
	const struct event e = *ep;
	html h = html_on(&w->body);
	layout_staff_begin(&h, r, i18n_fill(r->a, T(r, "Anwesenheitsliste: {1}"), e.title, NULL));
	html_elem(&h, "p", events_when(r, &e), NULL);
	html_open(&h, "p", "class", "no-print", NULL);
	html_text(&h, T(r, "Zum Abhaken ausdrucken."));
	html_text(&h, " ");
	html_elem(&h, "a", T(r, "Oder am Bildschirm abhaken"), "href",
		  arena_printf(r->a, "/intern/veranstaltungen/%lld/einlass", (long long)e.id), NULL);
	html_close(&h, "p");
	const char *const heads[] = { T(r, "Da"), T(r, "Name"), T(r, "Organisation"), T(r, "Unterschrift") };
	layout_table_begin(&h, r, "anwesenheit-caption", T(r, "Angemeldete, nach Anmeldung"), heads, NELEM(heads));
	for (size_t i = 0; i < n; i++) {
		if (strcmp(g[i].status, "confirmed") != 0)
			continue;
		html_open(&h, "tr", NULL);
		html_open(&h, "td", "class", "tick", NULL);
		html_text(&h, g[i].attended ? "☑" : "☐");
		if (g[i].attended)
			html_elem(&h, "span", T(r, "da"), "class", "visually-hidden", NULL);
		html_close(&h, "td");
		html_elem(&h, "td", g[i].name ? g[i].name : T(r, "(gelöscht)"), "dir", "auto", NULL);
		html_elem(&h, "td", g[i].organisation ? g[i].organisation : "", "dir", "auto", NULL);
		html_elem(&h, "td", "", NULL);
		html_close(&h, "tr");
	}
	layout_table_end(&h);
	layout_end(&h, r);
}
