/* views.c — HTML of the public events: the list and archive, an event's
 * page with its registration form, and the registrant's own page. */
#include "events/events_internal.h"
#include "core/i18n.h"
#include "html/fields.h"
#include "html/layout.h"
#include "html/markdown.h"

#include <string.h>

static const char *const type_labels[EVENTS_TYPES] = {
	N_("Seminar"), N_("Fachgespräch"), N_("Netzwerktreffen"), N_("Infoabend"), N_("Schulung"),
};

const char *events_type_label(const char *type)
{
	for (size_t i = 0; i < EVENTS_TYPES; i++)
		if (strcmp(events_types[i], type) == 0)
			return type_labels[i];
	return type;
}

const char *events_type_text(struct req *r, const char *type)
{
	return T(r, events_type_label(type));
}

const char *events_when(struct req *r, const struct event *e)
{
	const char *d1 = layout_date(r, arena_printf(r->a, "%.10s", e->starts_at));
	if (strncmp(e->starts_at, e->ends_at, 10) == 0)
		return arena_printf(r->a, "%s, %s–%s", d1, e->starts_at + 11, e->ends_at + 11);
	const char *d2 = layout_date(r, arena_printf(r->a, "%.10s", e->ends_at));
	return arena_printf(r->a, "%s, %s – %s, %s", d1, e->starts_at + 11, d2, e->ends_at + 11);
}

/* One fact of an event: a term and its text (nothing when empty). */
static void fact(html *h, const char *term, const char *text)
{
	if (!text || !*text)
		return;
	html_elem(h, "dt", term, NULL);
	html_open(h, "dd", NULL);
	html_open(h, "bdi", NULL);
	html_text(h, text);
	html_close(h, "bdi");
	html_close(h, "dd");
}

static void filter_form(html *h, struct req *r, const struct events_list_view *v)
{
	const char *path = v->past ? "/veranstaltungen/archiv" : "/veranstaltungen";
	html_open(h, "form", "class", "form filters", "method", "get", "action", path, "role", "search",
		  "aria-label", T(r, "Veranstaltungen filtern"), NULL);
	const char *labels[EVENTS_TYPES];
	for (size_t i = 0; i < EVENTS_TYPES; i++)
		labels[i] = T(r, type_labels[i]);
	struct fields_in t = fields_of(&events_list_fields[LQ_TYPE], v->q->val[LQ_TYPE], NULL);
	t.label = T(r, "Art");
	fields_select(h, r, &t, T(r, "Alle"), events_types, labels, EVENTS_TYPES);
	struct fields_in m = fields_of(&events_list_fields[LQ_MONTH], v->q->val[LQ_MONTH], NULL);
	m.label = T(r, "Monat");
	m.hint = T(r, "Zum Beispiel 2027-05");
	fields_input(h, r, &m);
	html_elem(h, "button", T(r, "Filtern"), "type", "submit", "class", "button", NULL);
	html_close(h, "form");
}

void events_view_list(struct req *r, struct resp *w, const struct events_list_view *v)
{
	html h = html_on(&w->body);
	const char *title = v->past ? T(r, "Vergangene Veranstaltungen") : T(r, "Veranstaltungen");
	const char *self = html_url(r->a, r->path, "typ", v->q->val[LQ_TYPE], "monat", v->q->val[LQ_MONTH], NULL);
	struct page_meta m = { .title = title, .self = self,
			       .description = T(r, "Seminare, Fachgespräche und Treffen des Netzwerks") };
	layout_begin(&h, r, &m);
	html_open(&h, "p", "class", "event-links", NULL);
	if (v->past)
		html_elem(&h, "a", T(r, "Kommende Veranstaltungen"), "href", "/veranstaltungen", NULL);
	else
		html_elem(&h, "a", T(r, "Vergangene Veranstaltungen"), "href", "/veranstaltungen/archiv", NULL);
	html_text(&h, " · ");
	html_elem(&h, "a", T(r, "Kalender abonnieren (iCalendar)"), "href", "/veranstaltungen.ics", NULL);
	html_close(&h, "p");
	filter_form(&h, r, v);
	if (v->n == 0)
		html_elem(&h, "p", T(r, "Keine Veranstaltungen gefunden."), NULL);
	html_open(&h, "ul", "class", "cards event-list", NULL);
	for (size_t i = 0; i < v->n; i++) {
		const struct event *e = &v->events[i];
		html_open(&h, "li", "class", "card", NULL);
		html_open(&h, "h2", NULL);
		html_elem(&h, "a", e->title, "href", arena_printf(r->a, "/veranstaltungen/%lld", (long long)e->id),
			  "lang", "de", "dir", layout_dir(r, "de"), NULL);
		html_close(&h, "h2");
		if (e->cancelled)
			html_elem(&h, "p", T(r, "Fällt aus"), "class", "badge badge-cancelled", NULL);
		html_open(&h, "p", NULL);
		html_text(&h, events_type_text(r, e->type));
		html_text(&h, " · ");
		html_text(&h, events_when(r, e));
		html_close(&h, "p");
		const char *where = events_where(r->a, e);
		if (*where) {
			html_open(&h, "p", NULL);
			html_elem(&h, "bdi", where, NULL);
			html_close(&h, "p");
		}
		html_close(&h, "li");
	}
	html_close(&h, "ul");
	layout_pages(&h, r, v->page, v->total, EVENTS_PER_PAGE, r->path, "typ", v->q->val[LQ_TYPE], "monat",
		     v->q->val[LQ_MONTH]);
	layout_end(&h, r);
}

static void reg_form(html *h, struct req *r, const struct events_page_view *v)
{
	const struct event *e = v->e;
	const struct form *f = v->f;
	const char *labels[RF__MAX] = {
		[RF_NAME] = T(r, "Name"),
		[RF_EMAIL] = T(r, "E-Mail-Adresse"),
		[RF_ORG] = T(r, "Organisation"),
		[RF_CONSENT] = T(r, "Einwilligung"),
	};
	if (e->capacity >= 0 && e->confirmed >= e->capacity)
		fields_notice(h, T(r, "Alle Plätze sind vergeben. Wenn Sie sich anmelden, kommen Sie auf die "
				      "Warteliste. Sagt jemand ab, rücken Sie nach."));
	html_open(h, "form", "class", "form", "method", "post", "novalidate", "", "aria-labelledby", "anmeldung",
		  "action", arena_printf(r->a, "/veranstaltungen/%lld/anmeldung", (long long)e->id), NULL);
	fields_csrf(h, r);
	static const char *const autoc[RF__MAX] = { "name", "email", "organization", NULL, NULL };
	for (int i = RF_NAME; i <= RF_ORG; i++) {
		struct fields_in in = fields_of(&events_reg_fields[i], f ? f->val[i] : NULL, f ? f->err[i] : NULL);
		in.label = labels[i];
		in.autocomplete = autoc[i];
		in.type = i == RF_EMAIL ? "email" : "text";
		if (i == RF_EMAIL)
			in.hint = T(r, "Wir nutzen sie nur für diese Veranstaltung.");
		if (i == RF_ORG)
			in.hint = T(r, "Freiwillig.");
		fields_input(h, r, &in);
	}
	struct fields_in c = fields_of(&events_reg_fields[RF_CONSENT], NULL, f ? f->err[RF_CONSENT] : NULL);
	c.label = T(r, "Ich bin einverstanden, dass meine Angaben für diese Veranstaltung gespeichert werden. "
		       "Sie werden einige Monate nach der Veranstaltung gelöscht. Mehr dazu in der");
	c.link = T(r, "Datenschutzerklärung");
	c.link_href = "/datenschutz";
	c.cls = "field";
	fields_checkbox(h, r, &c, f && f->val[RF_CONSENT]);
	html_open(h, "div", "class", "hp", "aria-hidden", "true", NULL);
	html_elem(h, "label", T(r, "Bitte leer lassen"), "for", "f-website", NULL);
	html_void(h, "input", "id", "f-website", "name", "website", "type", "text", "tabindex", "-1", "autocomplete",
		  "off", NULL);
	html_close(h, "div");
	html_elem(h, "button", T(r, "Jetzt anmelden"), "type", "submit", "class", "button", NULL);
	html_close(h, "form");
}

void events_view_page(struct req *r, struct resp *w, const struct events_page_view *v)
{
	const struct event *e = v->e;
	html h = html_on(&w->body);
	struct page_meta m = { .title = e->title, .title_lang = "de", .description = events_when(r, e),
			       .noindex = v->f != NULL };
	layout_begin(&h, r, &m);
	if (v->problem)
		fields_alert(&h, v->problem);
	else if (v->f && v->f->nerr) {
		const char *labels[RF__MAX] = {
			[RF_NAME] = T(r, "Name"),
			[RF_EMAIL] = T(r, "E-Mail-Adresse"),
			[RF_ORG] = T(r, "Organisation"),
			[RF_CONSENT] = T(r, "Einwilligung"),
		};
		fields_summary(&h, r, events_reg_fields, v->f, labels);
	}
	if (e->cancelled && !v->problem)
		fields_alert(&h, T(r, "Diese Veranstaltung fällt aus."));
	html_open(&h, "dl", "class", "facts", NULL);
	fact(&h, T(r, "Art"), events_type_text(r, e->type));
	fact(&h, T(r, "Wann"), events_when(r, e));
	if (v->place) {
		/* the directory's place: its name, its address, then the free text */
		html_elem(&h, "dt", T(r, "Ort"), NULL);
		html_open(&h, "dd", "class", "event-place", NULL);
		html_elem(&h, "bdi", v->place->name, NULL);
		if (*v->place->address) {
			html_void(&h, "br", NULL);
			html_elem(&h, "bdi", v->place->address, NULL);
		}
		if (*e->place) {
			html_void(&h, "br", NULL);
			html_elem(&h, "bdi", e->place, NULL);
		}
		html_close(&h, "dd");
	} else {
		fact(&h, T(r, "Ort"), *e->place ? e->place : NULL);
	}
	if (e->online_url)
		fact(&h, T(r, "Online"), T(r, "Den Link bekommen Sie nach der Anmeldung."));
	fact(&h, T(r, "Barrierefreiheit"), e->accessibility);
	fact(&h, T(r, "Sprachen"), e->languages);
	fact(&h, T(r, "Zielgruppe"), e->target_groups);
	fact(&h, T(r, "Reihe"), e->series);
	for (size_t i = 0; i < v->norgs; i++) {
		html_elem(&h, "dt", strcmp(v->org_roles[i], "partner") == 0 ? T(r, "Partner") : T(r, "Veranstalter"),
			  NULL);
		html_open(&h, "dd", NULL);
		html_elem(&h, "a", v->org_names[i], "href", arena_printf(r->a, "/traeger/%s", v->org_ids[i]), "dir",
			  layout_dir(r, "de"), NULL);
		html_close(&h, "dd");
	}
	if (e->capacity >= 0)
		fact(&h, T(r, "Freie Plätze"),
		     arena_printf(r->a, "%ld", e->confirmed < e->capacity ? e->capacity - e->confirmed : 0L));
	html_close(&h, "dl");
	html_open(&h, "p", NULL);
	html_elem(&h, "a", T(r, "In den Kalender (iCalendar-Datei)"), "class", "button secondary", "href",
		  arena_printf(r->a, "/veranstaltungen/%lld.ics", (long long)e->id), NULL);
	html_close(&h, "p");
	if (*e->description_md) {
		html_open(&h, "div", "class", "prose", "lang", "de", "dir", layout_dir(r, "de"), NULL);
		html_markdown(&h, e->description_md);
		html_close(&h, "div");
	}
	html_elem(&h, "h2", T(r, "Anmeldung"), "id", "anmeldung", NULL);
	if (v->closed)
		html_elem(&h, "p", T(r, v->closed), NULL);
	else
		reg_form(&h, r, v);
	layout_end(&h, r);
}

void events_view_reg(struct req *r, struct resp *w, const struct event *e, const struct event_reg *g,
		     const char *token, const char *notice)
{
	html h = html_on(&w->body);
	/* the language menu keeps this page (r->path hides the token from the log) */
	struct page_meta m = { .title = T(r, "Ihre Anmeldung"), .noindex = 1,
			       .self = arena_printf(r->a, "/veranstaltungen/anmeldung/%s", token) };
	layout_begin(&h, r, &m);
	if (notice)
		fields_notice(&h, notice);
	html_open(&h, "p", NULL);
	html_elem(&h, "a", e->title, "href", arena_printf(r->a, "/veranstaltungen/%lld", (long long)e->id), "lang",
		  "de", "dir", layout_dir(r, "de"), NULL);
	html_text(&h, " · ");
	html_text(&h, events_when(r, e));
	html_close(&h, "p");
	if (e->cancelled)
		fields_alert(&h, T(r, "Diese Veranstaltung fällt aus."));
	html_open(&h, "p", "class", "reg-status", NULL);
	if (strcmp(g->status, "confirmed") == 0) {
		if (g->name)
			layout_fill(&h, r, T(r, "{1}, Sie sind angemeldet."), g->name, NULL);
		else
			html_text(&h, T(r, "Sie sind angemeldet."));
	} else if (strcmp(g->status, "waiting") == 0) {
		layout_fill(&h, r, T(r, "Sie stehen auf der Warteliste, auf Platz {1}. Sagt jemand ab, rücken Sie nach."),
			    arena_printf(r->a, "%ld", g->position), NULL);
	} else {
		html_text(&h, T(r, "Diese Anmeldung ist abgesagt."));
	}
	html_close(&h, "p");
	if (strcmp(g->status, "confirmed") == 0 && e->online_url && !e->cancelled) {
		html_open(&h, "p", NULL);
		html_elem(&h, "a", T(r, "Zur Online-Veranstaltung"), "href", e->online_url, "rel", "noreferrer", NULL);
		html_close(&h, "p");
	}
	if (strcmp(g->status, "cancelled") != 0) {
		html_elem(&h, "p",
			  T(r, "Speichern Sie diese Seite als Lesezeichen. Mit ihrer Adresse können Sie Ihre "
			       "Anmeldung ansehen oder absagen."),
			  NULL);
		html_open(&h, "form", "method", "post", "class", "form", "action",
			  arena_printf(r->a, "/veranstaltungen/anmeldung/%s/abmelden", token), NULL);
		fields_csrf(&h, r);
		html_elem(&h, "button", T(r, "Anmeldung absagen"), "type", "submit", "class", "button", NULL);
		html_close(&h, "form");
	}
	layout_end(&h, r);
}
