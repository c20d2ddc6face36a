/* org_views.c — HTML of the providers' staff pages: the list, the
 * provider form with its locations and offers, and the location form
 * (address, coordinates, the confidential flag). Escaping writer only. */
#include "directory/staff/staff_internal.h"
#include "html/fields.h"
#include "core/core.h"
#include "core/i18n.h"
#include "html/layout.h"

#include <string.h>

const struct field dir_staff_org_fields[GF__MAX] = {
	[GF_NAME] = { "name", FIELD_TEXT, FIELD_REQUIRED, 200, 0, 0, NULL },
	[GF_ALT] = { "alternate_name", FIELD_TEXT, 0, 200, 0, 0, NULL },
	[GF_DESC] = { "description", FIELD_MULTILINE, 0, 10000, 0, 0, NULL },
	[GF_EMAIL] = { "email", FIELD_EMAIL, 0, 254, 0, 0, NULL },
	[GF_WEBSITE] = { "website", FIELD_TEXT, 0, 500, 0, 0, NULL },
	[GF_LEGAL] = { "legal_status", FIELD_TEXT, 0, 100, 0, 0, NULL },
	[GF_YEAR] = { "year_incorporated", FIELD_INT, 0, 4, 1800, 2100, NULL },
};

static const char *const loc_types[] = { "physical", "postal", "virtual", NULL };

const struct field dir_staff_loc_fields[LF__MAX] = {
	[LF_NAME] = { "name", FIELD_TEXT, 0, 200, 0, 0, NULL },
	[LF_ALT] = { "alternate_name", FIELD_TEXT, 0, 200, 0, 0, NULL },
	[LF_TYPE] = { "location_type", FIELD_CHOICE, FIELD_REQUIRED, 10, 0, 0, loc_types },
	[LF_DESC] = { "description", FIELD_MULTILINE, 0, 3000, 0, 0, NULL },
	[LF_TRANSPORT] = { "transportation", FIELD_TEXT, 0, 300, 0, 0, NULL },
	[LF_URL] = { "url", FIELD_TEXT, 0, 500, 0, 0, NULL },
	[LF_ATTENTION] = { "attention", FIELD_TEXT, 0, 200, 0, 0, NULL },
	[LF_ADDR1] = { "address_1", FIELD_TEXT, 0, 200, 0, 0, NULL },
	[LF_ADDR2] = { "address_2", FIELD_TEXT, 0, 200, 0, 0, NULL },
	[LF_POSTCODE] = { "postal_code", FIELD_TEXT, 0, 10, 0, 0, NULL },
	[LF_CITY] = { "city", FIELD_TEXT, 0, 100, 0, 0, NULL },
	[LF_REGION] = { "region", FIELD_TEXT, 0, 100, 0, 0, NULL },
	[LF_STATE] = { "state_province", FIELD_TEXT, 0, 100, 0, 0, NULL },
	[LF_COUNTRY] = { "country", FIELD_TEXT, 0, 2, 0, 0, NULL },
	[LF_LAT] = { "latitude", FIELD_TEXT, 0, 20, 0, 0, NULL },
	[LF_LON] = { "longitude", FIELD_TEXT, 0, 20, 0, 0, NULL },
	[LF_CONFIDENTIAL] = { "confidential", FIELD_CHECKBOX, 0, 1, 0, 0, NULL },
};

const char *const dir_staff_org_labels[GF__MAX] = {
	[GF_NAME] = N_("Name des Trägers"),
	[GF_ALT] = N_("Andere Bezeichnung"),
	[GF_DESC] = N_("Beschreibung"),
	[GF_EMAIL] = N_("E-Mail-Adresse"),
	[GF_WEBSITE] = N_("Webseite"),
	[GF_LEGAL] = N_("Rechtsform"),
	[GF_YEAR] = N_("Gründungsjahr"),
};

const char *const dir_staff_loc_labels[LF__MAX] = {
	[LF_NAME] = N_("Name des Standorts"),
	[LF_ALT] = N_("Andere Bezeichnung"),
	[LF_TYPE] = N_("Art"),
	[LF_DESC] = N_("Beschreibung"),
	[LF_TRANSPORT] = N_("Anfahrt"),
	[LF_URL] = N_("Webadresse (für Online-Standorte)"),
	[LF_ATTENTION] = N_("zu Händen"),
	[LF_ADDR1] = N_("Straße und Hausnummer"),
	[LF_ADDR2] = N_("Adresszusatz"),
	[LF_POSTCODE] = N_("Postleitzahl"),
	[LF_CITY] = NC_("Adresse", "Ort"), /* the town, not a place of the directory */
	[LF_REGION] = N_("Stadtteil oder Landkreis"),
	[LF_STATE] = N_("Bundesland"),
	[LF_COUNTRY] = N_("Land (Code)"),
	[LF_LAT] = N_("Breitengrad"),
	[LF_LON] = N_("Längengrad"),
	[LF_CONFIDENTIAL] = N_("Geschützte Adresse"),
};

static void org_input(html *h, struct req *r, const struct dir_staff_org_edit *e, int i, const char *hint, int rows,
		      const char *type)
{
	dir_staff_view_field(h, r, &dir_staff_org_fields[i], T(r, dir_staff_org_labels[i]), e->v[i], e->err[i], hint, rows,
			     type);
}

static void loc_input(html *h, struct req *r, const struct dir_staff_loc_edit *e, int i, const char *hint,
		      int rows, const char *type)
{
	dir_staff_view_field(h, r, &dir_staff_loc_fields[i], T(r, dir_staff_loc_labels[i]), e->v[i], e->err[i], hint, rows,
			     type);
}

/* ---- the list ---- */

void dir_staff_view_orgs(struct req *r, struct resp *w, const struct dir_staff_list_page *p)
{
	html h = html_on(&w->body);
	layout_staff_begin(&h, r, T(r, "Träger"));
	html_open(&h, "p", NULL);
	html_elem(&h, "a", T(r, "Neuer Träger"), "class", "button", "href", "/intern/traeger/neu", NULL);
	html_close(&h, "p");
	dir_staff_view_list_begin(&h, r, "/intern/traeger", p, T(r, "Name des Trägers"));
	if (p->n == 0) {
		html_elem(&h, "p", T(r, "Keine Träger für diese Auswahl."), NULL);
	} else {
		const char *heads[] = { T(r, "Träger"), T(r, "Angebote"), T(r, "Stand"), T(r, "Zuletzt geändert") };
		const char *caption = i18n_fill(r->a, T(r, "Träger: {1}"), arena_printf(r->a, "%ld", p->total), NULL);
		layout_table_begin(&h, r, "list-caption", caption, heads, NELEM(heads));
		for (size_t i = 0; i < p->n; i++) {
			const struct dir_staff_row *x = &p->rows[i];
			dir_staff_view_row_link(&h, x->name, arena_printf(r->a, "/intern/traeger/%s", x->id));
			html_elem(&h, "td", arena_printf(r->a, "%ld", x->count), NULL);
			html_elem(&h, "td", x->merged_into ? T(r, "zusammengeführt")
					    : x->archived  ? T(r, "archiviert") : T(r, "aktuell"), NULL);
			html_elem(&h, "td", layout_time(r, x->last_modified), NULL);
			html_close(&h, "tr");
		}
		layout_table_end(&h);
	}
	dir_staff_view_list_end(&h, r, "/intern/traeger", p);
}

/* ---- one provider ---- */

static void org_locations(html *h, struct req *r, const struct dir_org *o)
{
	const char *base = arena_printf(r->a, "/intern/traeger/%s", o->id);
	html_elem(h, "h2", T(r, "Standorte"), "id", "standorte", NULL);
	html_open(h, "p", NULL);
	html_elem(h, "a", T(r, "Neuer Standort"), "class", "button secondary", "href",
		  arena_printf(r->a, "%s/standorte/neu", base), NULL);
	html_close(h, "p");
	if (o->n_locations == 0) {
		html_elem(h, "p", T(r, "Noch keine Standorte."), NULL);
		return;
	}
	html_open(h, "ul", "class", "locations", NULL);
	for (size_t i = 0; i < o->n_locations; i++) {
		const struct dir_location *l = &o->locations[i];
		html_open(h, "li", NULL);
		html_elem(h, "a", *l->name ? l->name : T(r, "Standort ohne Namen"), "href",
			  arena_printf(r->a, "%s/standorte/%s", base, l->id), NULL);
		if (l->has_address && *l->address.address_1)
			html_text(h, i18n_fill(r->a, T(r, ", {1}, {2} {3}"), l->address.address_1, l->address.postal_code,
					       l->address.city, NULL));
		if (l->confidential) {
			html_text(h, " ");
			html_elem(h, "span", T(r, "geschützte Adresse"), "class", "tag", NULL);
		}
		html_close(h, "li");
	}
	html_close(h, "ul");
}

static void org_offers(html *h, struct req *r, const struct dir_staff_org_edit *e)
{
	html_elem(h, "h2", T(r, "Angebote"), "id", "angebote", NULL);
	html_open(h, "p", NULL);
	html_elem(h, "a", T(r, "Neues Angebot dieses Trägers"), "class", "button secondary", "href",
		  html_url(r->a, "/intern/angebote/neu", "traeger", e->stored->id, NULL), NULL);
	html_close(h, "p");
	if (e->n_offers == 0) {
		html_elem(h, "p", T(r, "Noch keine Angebote."), NULL);
		return;
	}
	html_open(h, "ul", NULL);
	for (size_t i = 0; i < e->n_offers; i++) {
		const struct dir_service *s = &e->offers[i];
		html_open(h, "li", NULL);
		html_elem(h, "a", s->name, "href", arena_printf(r->a, "/intern/angebote/%s", s->id), NULL);
		if (s->archived) {
			html_text(h, " ");
			html_elem(h, "span", T(r, "archiviert"), "class", "tag", NULL);
		}
		html_close(h, "li");
	}
	html_close(h, "ul");
}

void dir_staff_view_org(struct req *r, struct resp *w, const struct dir_staff_org_edit *e)
{
	const struct dir_org *o = e->stored;
	html h = html_on(&w->body);
	layout_staff_begin(&h, r, o ? i18n_fill(r->a, T(r, "Träger: {1}"), o->name, NULL) : T(r, "Neuer Träger"));
	const char *base = o ? arena_printf(r->a, "/intern/traeger/%s", o->id) : NULL;
	html_open(&h, "ul", "class", "inline-list page-links", NULL);
	html_li_link(&h, T(r, "Alle Träger"), "/intern/traeger");
	if (o) {
		html_li_link(&h, T(r, "Verlauf"), arena_printf(r->a, "%s/verlauf", base));
		if (!o->merged_into) {
			html_open(&h, "li", NULL);
			html_elem(&h, "a", T(r, "Dublette zusammenführen"), "href",
				  arena_printf(r->a, "%s/zusammenfuehren", base), NULL);
			html_close(&h, "li");
		}
	}
	html_close(&h, "ul");
	fields_notice(&h, e->notice);
	fields_alert(&h, e->problem);
	if (e->conflict)
		fields_conflict(&h, r, e->conflict);
	if (o && o->merged_into) {
		html_open(&h, "p", "class", "notice", NULL);
		html_text(&h, T(r, "Dieser Träger ist in einen anderen übernommen worden."));
		html_text(&h, " ");
		html_elem(&h, "a", T(r, "Zum übernehmenden Träger"), "href",
			  arena_printf(r->a, "/intern/traeger/%s", o->merged_into), NULL);
		html_close(&h, "p");
	} else if (o && o->archived) {
		html_elem(&h, "p", T(r, "Dieser Träger ist archiviert und öffentlich nicht sichtbar."), "class", "notice",
			  NULL);
	}
	if (e->nerr) {
		fields_summary_begin(&h, r, NULL, NULL);
		dir_staff_view_summary_items(&h, r, dir_staff_org_fields, dir_staff_org_labels, GF__MAX, e->err);
		dir_staff_view_row_errors(&h, r, DL_PHONE, &e->phones);
		dir_staff_view_row_errors(&h, r, DL_CONTACT, &e->contacts);
		fields_summary_end(&h);
	}
	html_open(&h, "form", "class", "form form-wide", "method", "post", "action", e->action, "novalidate", "", NULL);
	fields_csrf(&h, r);
	dir_staff_view_version(&h, r, e->version);
	org_input(&h, r, e, GF_NAME, NULL, 0, NULL);
	org_input(&h, r, e, GF_ALT, T(r, "Abkürzung oder geläufiger Name."), 0, NULL);
	org_input(&h, r, e, GF_DESC, NULL, 6, NULL);
	org_input(&h, r, e, GF_EMAIL, NULL, 0, "email");
	org_input(&h, r, e, GF_WEBSITE, NULL, 0, "url");
	org_input(&h, r, e, GF_LEGAL, T(r, "z. B. e. V., gGmbH, Körperschaft des öffentlichen Rechts"), 0, NULL);
	org_input(&h, r, e, GF_YEAR, NULL, 0, "number");
	dir_staff_view_rows(&h, r, DL_PHONE, &e->phones, e->action);
	dir_staff_view_rows(&h, r, DL_CONTACT, &e->contacts, e->action);
	html_open(&h, "fieldset", "class", "field group", NULL);
	html_elem(&h, "legend", T(r, "Kategorien"), NULL);
	dir_staff_view_term_checks(&h, r, e->tax, e->n_tax, e->terms, e->n_terms);
	html_close(&h, "fieldset");
	html_elem(&h, "button", T(r, "Speichern"), "type", "submit", "class", "button", NULL);
	html_close(&h, "form");
	if (!o) {
		html_elem(&h, "p", T(r, "Standorte und Angebote legen Sie an, sobald der Träger gespeichert ist."),
			  "class", "meta", NULL);
		layout_end(&h, r);
		return;
	}
	org_locations(&h, r, o);
	org_offers(&h, r, e);
	if (!o->merged_into) {
		html_elem(&h, "h2", o->archived ? T(r, "Wiederherstellen") : T(r, "Archivieren"), "id", "archiv", NULL);
		html_elem(&h, "p", o->archived ? T(r, "Der Träger wird wieder öffentlich angezeigt.")
					       : T(r, "Der Träger verschwindet aus der Öffentlichkeit; seine Angebote "
						      "archivieren Sie einzeln."), NULL);
		html_open(&h, "form", "method", "post", "action", arena_printf(r->a, "%s/archivieren", base),
			  "aria-labelledby", "archiv", NULL);
		fields_csrf(&h, r);
		html_void(&h, "input", "type", "hidden", "name", "archived", "value", o->archived ? "0" : "1", NULL);
		html_elem(&h, "button", o->archived ? T(r, "Träger wiederherstellen") : T(r, "Träger archivieren"), "type",
			  "submit", "class", "button secondary", NULL);
		html_close(&h, "form");
	}
	layout_end(&h, r);
}

/* ---- a location ---- */

void dir_staff_view_location(struct req *r, struct resp *w, const struct dir_staff_loc_edit *e)
{
	html h = html_on(&w->body);
	layout_staff_begin(&h, r, e->stored ? T(r, "Standort bearbeiten") : T(r, "Neuer Standort"));
	html_open(&h, "p", NULL);
	html_elem(&h, "a", i18n_fill(r->a, T(r, "Zurück zu {1}"), e->org->name, NULL), "href",
		  arena_printf(r->a, "/intern/traeger/%s#standorte", e->org->id), NULL);
	html_close(&h, "p");
	fields_alert(&h, e->problem);
	if (e->conflict)
		fields_conflict(&h, r, e->conflict);
	if (e->nerr) {
		fields_summary_begin(&h, r, NULL, NULL);
		dir_staff_view_summary_items(&h, r, dir_staff_loc_fields, dir_staff_loc_labels, LF__MAX, e->err);
		fields_summary_end(&h);
	}
	html_open(&h, "form", "class", "form form-wide", "method", "post", "action", e->action, "novalidate", "", NULL);
	fields_csrf(&h, r);
	dir_staff_view_version(&h, r, e->version);
	loc_input(&h, r, e, LF_NAME, T(r, "z. B. „Beratungsstelle Neustadt“."), 0, NULL);
	loc_input(&h, r, e, LF_ALT, NULL, 0, NULL);
	const char *tl[3] = { T(r, "Gebäude (Besuchsadresse)"), T(r, "Postanschrift"), T(r, "online") };
	struct fields_in type = fields_of(&dir_staff_loc_fields[LF_TYPE], e->v[LF_TYPE], e->err[LF_TYPE]);
	type.label = T(r, dir_staff_loc_labels[LF_TYPE]);
	fields_select(&h, r, &type, T(r, "Bitte wählen"), loc_types, tl, 3);

	html_open(&h, "fieldset", "class", "field group", NULL);
	html_elem(&h, "legend", T(r, "Adresse"), NULL);
	loc_input(&h, r, e, LF_ADDR1, T(r, "Pflicht bei Gebäuden und Postanschriften."), 0, NULL);
	loc_input(&h, r, e, LF_ADDR2, NULL, 0, NULL);
	loc_input(&h, r, e, LF_ATTENTION, NULL, 0, NULL);
	loc_input(&h, r, e, LF_POSTCODE, NULL, 0, NULL);
	loc_input(&h, r, e, LF_CITY, NULL, 0, NULL);
	loc_input(&h, r, e, LF_REGION, NULL, 0, NULL);
	loc_input(&h, r, e, LF_STATE, T(r, "Leer lassen für Rheinland-Pfalz."), 0, NULL);
	loc_input(&h, r, e, LF_COUNTRY, T(r, "Zwei Buchstaben; leer lassen für DE."), 0, NULL);
	html_close(&h, "fieldset");

	html_open(&h, "fieldset", "class", "field group", NULL);
	html_elem(&h, "legend", T(r, "Lage"), NULL);
	loc_input(&h, r, e, LF_LAT, T(r, "Dezimalgrad, z. B. 49.9929 (Mainz)."), 0, NULL);
	loc_input(&h, r, e, LF_LON, T(r, "Dezimalgrad, z. B. 8.2473 (Mainz)."), 0, NULL);
	loc_input(&h, r, e, LF_TRANSPORT, T(r, "Bus, Bahn, Parken, Barrierefreiheit."), 0, NULL);
	loc_input(&h, r, e, LF_URL, NULL, 0, "url");
	loc_input(&h, r, e, LF_DESC, NULL, 3, NULL);
	html_close(&h, "fieldset");

	struct fields_in conf = { .name = "confidential", .label = T(r, "Geschützte Adresse"),
				  .hint = T(r, "Geschützte Adresse: wird nie öffentlich angezeigt – weder auf der "
					       "Website noch in der Schnittstelle. Öffentlich erscheint nur die "
					       "Kontaktmöglichkeit des Angebots. Für Beratungsstellen, deren Ort "
					       "Ratsuchende schützen muss.") };
	fields_checkbox(&h, r, &conf, e->v[LF_CONFIDENTIAL] != NULL);
	html_elem(&h, "button", T(r, "Speichern"), "type", "submit", "class", "button", NULL);
	html_close(&h, "form");
	layout_end(&h, r);
}
