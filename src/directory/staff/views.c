/* views.c — HTML helpers of the directory's staff pages and the pages
 * they share: a declared field with its message, the frame of a list,
 * table rows with a link or a button, the change log, the offer list, the
 * freshness list and the merge page. Escaping writer only. */
#include "directory/staff/staff_internal.h"
#include "directory/languages.h"
#include "html/fields.h"
#include "auth/auth.h"
#include "core/core.h"
#include "core/i18n.h"
#include "core/worddiff.h"
#include "html/layout.h"

#include <string.h>

static const char *const list_states[] = { "aktuell", "archiviert", "alle", NULL };

const struct field dir_staff_list_fields[LQ__MAX] = {
	[LQ_Q] = { "q", FIELD_TEXT, 0, 100, 0, 0, NULL },
	[LQ_STATUS] = { "status", FIELD_CHOICE, 0, 12, 0, 0, list_states },
	[LQ_PAGE] = { "seite", FIELD_INT, 0, 7, 1, 1000000, NULL },
};

/* ---- parts ---- */

void dir_staff_view_field(html *h, struct req *r, const struct field *def, const char *label, const char *value,
			  const char *err, const char *hint, int rows, const char *type)
{
	struct fields_in in = fields_of(def, value, err);
	in.label = label;
	in.hint = hint;
	in.type = type;
	in.autocomplete = type ? "off" : NULL;
	in.rows = rows;
	if (rows)
		fields_textarea(h, r, &in);
	else
		fields_input(h, r, &in);
}

void dir_staff_view_summary_items(html *h, struct req *r, const struct field *defs, const char *const *labels,
				  size_t n, const char *const *err)
{
	for (size_t i = 0; i < n; i++)
		fields_summary_item(h, r, defs[i].name, T(r, labels[i]), err[i]);
}

void dir_staff_view_version(html *h, struct req *r, int64_t version)
{
	if (version > 0)
		html_void(h, "input", "type", "hidden", "name", "version", "value",
			  arena_printf(r->a, "%lld", (long long)version), NULL);
}

void dir_staff_view_row_link(html *h, const char *text, const char *href)
{
	html_open(h, "tr", NULL);
	html_open(h, "th", "scope", "row", NULL);
	html_elem(h, "a", text, "href", href, NULL);
	html_close(h, "th");
}

void dir_staff_view_row_button(html *h, struct req *r, const char *action, const char *name, const char *value,
			       const char *label, const char *row)
{
	html_open(h, "td", NULL);
	html_open(h, "form", "method", "post", "action", action, NULL);
	fields_csrf(h, r);
	if (name)
		html_void(h, "input", "type", "hidden", "name", name, "value", value, NULL);
	html_open(h, "button", "type", "submit", "class", "button secondary", NULL);
	html_text(h, label);
	html_elem(h, "span", i18n_fill(r->a, T(r, ": {1}"), row, NULL), "class", "visually-hidden", NULL);
	html_close(h, "button");
	html_close(h, "form");
	html_close(h, "td");
}

/* ---- the change log ---- */

static const struct {
	const char *name, *label;
} field_labels[] = {
	{ "organization_id", N_("Träger") },
	{ "name", N_("Name") },
	{ "alternate_name", N_("Andere Bezeichnung") },
	{ "description", N_("Beschreibung") },
	{ "url", N_("Webseite") },
	{ "website", N_("Webseite") },
	{ "email", N_("E-Mail-Adresse") },
	{ "status", N_("Status") },
	{ "interpretation_services", N_("Dolmetschen") },
	{ "application_process", N_("Anmeldung") },
	{ "fees_description", N_("Kosten (Text)") },
	{ "free_of_charge", N_("Kostenlos") },
	{ "eligibility_description", N_("Voraussetzungen") },
	{ "minimum_age", N_("Mindestalter") },
	{ "maximum_age", N_("Höchstalter") },
	{ "capacity", N_("Plätze") },
	{ "delivery", N_("Form") },
	{ "assured_date", N_("Zuletzt geprüft") },
	{ "assurer_email", N_("Geprüft von") },
	{ "alert", N_("Aktueller Hinweis") },
	{ "locations", N_("Standorte") },
	{ "phones", N_("Telefonnummern") },
	{ "contacts", N_("Ansprechpersonen") },
	{ "schedules", N_("Zeiten") },
	{ "languages", N_("Sprachen") },
	{ "cost_options", N_("Kosten") },
	{ "funding", N_("Förderung") },
	{ "service_areas", N_("Einzugsgebiete") },
	{ "taxonomy_terms", N_("Kategorien") },
	{ "legal_status", N_("Rechtsform") },
	{ "year_incorporated", N_("Gründungsjahr") },
	{ "parent_organization_id", N_("Übergeordneter Träger") },
	{ "merged_into", N_("Zusammengeführt in") },
	{ "merged_from", N_("Übernommen aus") },
};

static const struct {
	const char *name, *label;
} action_labels[] = {
	{ "create", N_("angelegt") },     { "update", N_("geändert") },   { "delete", N_("gelöscht") },
	{ "archive", N_("archiviert") },  { "restore", N_("wiederhergestellt") },
	{ "merge", N_("zusammengeführt") }, { "approve", N_("freigegeben") }, { "verify", N_("geprüft") },
};

/* A text of a translation ("translation_ar_name", translations.c) as
 * "Übersetzung Arabisch: Name"; any other field as it is. */
static const char *translation_field(struct req *r, const char *field)
{
	static const struct {
		const char *name, *label;
	} texts[] = { { "name", N_("Name") }, { "description", N_("Kurzbeschreibung") },
		      { "application_process", N_("Anmeldung") } };
	if (strncmp(field, "translation_", 12) != 0 || strlen(field) < 16 || field[14] != '_')
		return field;
	const char *lang = arena_strndup(r->a, field + 12, 2), *name = dir_language_name(lang, r->lang);
	for (size_t k = 0; k < NELEM(texts); k++)
		if (strcmp(field + 15, texts[k].name) == 0)
			return i18n_fill(r->a, T(r, "Übersetzung {1}: {2}"), name ? name : lang, T(r, texts[k].label),
					 NULL);
	return field;
}

/* A stored value as shown: term ids become their names. */
static const char *shown_value(struct req *r, const char *field, const char *v, const struct dir_taxonomy *tax,
			       size_t ntax)
{
	if (strcmp(field, "taxonomy_terms") != 0 || !*v)
		return v;
	const char *out = "";
	for (const char *p = v; *p;) {
		size_t n = strcspn(p, ";");
		const char *id = arena_strndup(r->a, p, n), *name = id;
		for (size_t i = 0; i < ntax; i++)
			for (size_t k = 0; k < tax[i].n_terms; k++)
				if (strcmp(tax[i].terms[k].id, id) == 0)
					name = tax[i].terms[k].name;
		out = arena_printf(r->a, "%s%s%s", out, *out ? "; " : "", name);
		p += n;
		p += strspn(p, "; ");
	}
	return out;
}

/* Texts where a change is shown word by word (when one side is long). */
static int is_long_text(const char *field)
{
	static const char *const f[] = { "description", "application_process", "eligibility_description",
					 "fees_description", "alert", "schedules", "interpretation_services", NULL };
	for (size_t i = 0; f[i]; i++)
		if (strcmp(field, f[i]) == 0)
			return 1;
	return strncmp(field, "translation_", 12) == 0;
}

#define DIFF_MIN_CHARS 60 /* shorter texts are read whole at a glance */

/* The before (after = 0) or after cell of a long text: the words taken
 * out in <del>, those put in in <ins>, the rest as it was. */
void dir_staff_view_diff(html *h, struct req *r, const char *tag, const char *label,
			 const struct worddiff_part *p, size_t n, int side)
{
	html_open(h, tag, "class", "diff", "data-label", label, NULL);
	for (size_t i = 0; i < n; i++) {
		if (p[i].kind == WD_SAME)
			html_text(h, side == 1 ? arena_strndup(r->a, p[i].s2, p[i].len2)
					       : arena_strndup(r->a, p[i].s, p[i].len));
		else if (side == 2 || (p[i].kind == WD_INS) == (side == 1))
			html_elem(h, p[i].kind == WD_INS ? "ins" : "del", arena_strndup(r->a, p[i].s, p[i].len), NULL);
	}
	html_close(h, tag);
}

void dir_staff_view_changes(struct req *r, struct resp *w, const char *title, const char *back,
			    const char *back_label, const struct dir_staff_change *rows, size_t n, long page,
			    long total, const struct dir_taxonomy *tax, size_t ntax)
{
	html h = html_on(&w->body);
	layout_staff_begin(&h, r, title);
	html_open(&h, "p", NULL);
	html_elem(&h, "a", back_label, "href", back, NULL);
	html_close(&h, "p");
	html_elem(&h, "p", T(r, "Jede Änderung mit Zeit, Person, Feld, altem und neuem Wert. Einträge "
				"lassen sich nicht ändern."), "class", "lead", NULL);
	if (n == 0) {
		html_elem(&h, "p", T(r, "Noch keine Einträge."), NULL);
		layout_end(&h, r);
		return;
	}
	const char *heads[] = { T(r, "Zeit"), T(r, "Wer"), T(r, "Aktion"), T(r, "Feld"), T(r, "Vorher"),
				T(r, "Nachher") };
	layout_card_table_begin(&h, r, "log-caption",
				i18n_fill(r->a, T(r, "Änderungen: {1}, die neuesten zuerst"),
					  arena_printf(r->a, "%ld", total), NULL),
				heads, NELEM(heads));
	for (size_t i = 0; i < n; i++) {
		const struct dir_staff_change *c = &rows[i];
		const char *action = c->action, *field = c->field;
		for (size_t k = 0; k < NELEM(action_labels); k++)
			if (strcmp(action_labels[k].name, c->action) == 0)
				action = T(r, action_labels[k].label);
		for (size_t k = 0; k < NELEM(field_labels); k++)
			if (strcmp(field_labels[k].name, c->field) == 0)
				field = T(r, field_labels[k].label);
		field = translation_field(r, field);
		html_open(&h, "tr", "class", "change", NULL);
		html_open(&h, "td", "data-label", heads[0], NULL);
		html_elem(&h, "time", layout_time(r, c->at), "datetime", c->at, NULL);
		html_close(&h, "td");
		html_elem(&h, "td", c->who, "data-label", heads[1], NULL);
		html_elem(&h, "td", action, "data-label", heads[2], NULL);
		html_elem(&h, "td", field, "data-field", c->field, "data-label", heads[3], NULL);
		struct worddiff_part *parts;
		size_t nparts;
		if (is_long_text(c->field) && *c->before && *c->after &&
		    (strlen(c->before) >= DIFF_MIN_CHARS || strlen(c->after) >= DIFF_MIN_CHARS) &&
		    worddiff(r->a, c->before, c->after, &parts, &nparts) == 0) {
			dir_staff_view_diff(&h, r, "td", heads[4], parts, nparts, 0);
			dir_staff_view_diff(&h, r, "td", heads[5], parts, nparts, 1);
			html_close(&h, "tr");
			continue;
		}
		html_open(&h, "td", "data-label", heads[4], NULL);
		layout_lines(&h, r, c->before_named ? c->before_named : shown_value(r, c->field, c->before, tax, ntax));
		html_close(&h, "td");
		html_open(&h, "td", "data-label", heads[5], NULL);
		layout_lines(&h, r, c->after_named ? c->after_named : shown_value(r, c->field, c->after, tax, ntax));
		html_close(&h, "td");
		html_close(&h, "tr");
	}
	layout_table_end(&h);
	layout_pages(&h, r, page, total, DIR_STAFF_PAGE, r->path, NULL, NULL, NULL, NULL);
	layout_end(&h, r);
}

/* ---- lists ---- */

void dir_staff_view_list_begin(html *h, struct req *r, const char *path, const struct dir_staff_list_page *p,
			       const char *qlabel)
{
	static const char *const labels[] = { N_("Aktuell geführt"), N_("Archiviert"), N_("Alle") };
	html_open(h, "div", "class", "with-filters", NULL);
	html_open(h, "form", "class", "filters", "method", "get", "action", path, "role", "search",
		  "aria-labelledby", "filter", NULL);
	html_elem(h, "h2", T(r, "Filter"), "id", "filter", NULL);
	struct fields_in in = { .name = "q", .label = qlabel, .value = p->q, .type = "search", .maxlen = 100 };
	fields_input(h, r, &in);
	const char *l[3] = { T(r, labels[0]), T(r, labels[1]), T(r, labels[2]) };
	struct fields_in st = { .name = "status", .label = T(r, "Stand"), .value = p->state };
	fields_select(h, r, &st, NULL, list_states, l, 3);
	html_elem(h, "button", T(r, "Anzeigen"), "type", "submit", "class", "button", NULL);
	html_close(h, "form");
	html_open(h, "div", "class", "results", NULL);
}

void dir_staff_view_list_end(html *h, struct req *r, const char *path, const struct dir_staff_list_page *p)
{
	layout_pages(h, r, p->page, p->total, DIR_STAFF_PAGE, path, "q", p->q, "status", p->state);
	html_close(h, "div");
	html_close(h, "div");
	layout_end(h, r);
}

void dir_staff_view_offers(struct req *r, struct resp *w, const struct dir_staff_list_page *p)
{
	html h = html_on(&w->body);
	layout_staff_begin(&h, r, T(r, "Angebote"));
	fields_notice(&h, p->notice);
	html_open(&h, "p", NULL);
	html_elem(&h, "a", T(r, "Neues Angebot"), "class", "button", "href", "/intern/angebote/neu", NULL);
	html_text(&h, " ");
	html_elem(&h, "a", T(r, "Nicht mehr geprüfte Angebote"), "class", "button secondary", "href",
		  "/intern/angebote/veraltet", NULL);
	html_text(&h, " ");
	/* the upload is otherwise linked from nowhere */
	html_elem(&h, "a", T(r, "Angebote importieren"), "class", "button secondary", "href", "/intern/import", NULL);
	html_close(&h, "p");
	dir_staff_view_list_begin(&h, r, "/intern/angebote", p, T(r, "Name des Angebots oder Trägers"));
	if (p->n == 0) {
		html_elem(&h, "p", T(r, "Keine Angebote für diese Auswahl."), NULL);
	} else {
		const char *heads[] = { T(r, "Angebot"), T(r, "Träger"), T(r, "Status"), T(r, "Zuletzt geprüft") };
		layout_table_begin(&h, r, "list-caption", i18n_fill(r->a, T(r, "Angebote: {1}"),
							     arena_printf(r->a, "%ld", p->total), NULL),
			       heads, NELEM(heads));
		for (size_t i = 0; i < p->n; i++) {
			const struct dir_staff_row *x = &p->rows[i];
			dir_staff_view_row_link(&h, x->name, arena_printf(r->a, "/intern/angebote/%s", x->id));
			html_open(&h, "td", NULL);
			html_elem(&h, "a", x->org_name, "href", arena_printf(r->a, "/intern/traeger/%s", x->org_id), NULL);
			html_close(&h, "td");
			html_elem(&h, "td", x->merged_into ? T(r, "zusammengeführt")
					    : x->archived  ? T(r, "archiviert")
							   : T(r, dir_staff_status_label(x->status)), NULL);
			html_elem(&h, "td", x->assured_date ? layout_date(r, x->assured_date) : T(r, "nie"), NULL);
			html_close(&h, "tr");
		}
		layout_table_end(&h);
	}
	dir_staff_view_list_end(&h, r, "/intern/angebote", p);
}

void dir_staff_view_stale(struct req *r, struct resp *w, const struct dir_staff_list_page *p)
{
	html h = html_on(&w->body);
	layout_staff_begin(&h, r, T(r, "Nicht mehr geprüfte Angebote"));
	fields_notice(&h, p->notice);
	html_elem(&h, "p", T(r, "Aktive Angebote, die seit mehr als zwölf Monaten niemand geprüft hat – die "
				"nie geprüften und ältesten zuerst. Wenn die Angaben noch stimmen, genügt ein "
				"Klick auf „geprüft“."), "class", "lead", NULL);
	if (p->n == 0) {
		html_elem(&h, "p", T(r, "Alle aktiven Angebote sind in den letzten zwölf Monaten geprüft worden."),
			  NULL);
		layout_end(&h, r);
		return;
	}
	const char *heads[] = { T(r, "Angebot"), T(r, "Träger"), T(r, "Zuletzt geprüft"), T(r, "Aktion") };
	layout_table_begin(&h, r, "list-caption", i18n_fill(r->a, T(r, "Zu prüfen: {1}"),
						     arena_printf(r->a, "%ld", p->total), NULL), heads, NELEM(heads));
	for (size_t i = 0; i < p->n; i++) {
		const struct dir_staff_row *x = &p->rows[i];
		dir_staff_view_row_link(&h, x->name, arena_printf(r->a, "/intern/angebote/%s", x->id));
		html_elem(&h, "td", x->org_name, NULL);
		html_elem(&h, "td", x->assured_date ? layout_date(r, x->assured_date) : T(r, "nie"), NULL);
		dir_staff_view_row_button(&h, r, arena_printf(r->a, "/intern/angebote/%s/geprueft", x->id), NULL, NULL,
					  T(r, "geprüft"), x->name);
		html_close(&h, "tr");
	}
	layout_table_end(&h);
	layout_pages(&h, r, p->page, p->total, DIR_STAFF_PAGE, "/intern/angebote/veraltet", NULL, NULL, NULL, NULL);
	layout_end(&h, r);
}

/* ---- merging duplicates ---- */

/* One side of a differing field: a radio with the value as its label. */
static void merge_side(html *h, struct req *r, const struct dir_staff_merge_choice *c, int dup, const char *whose)
{
	const char *id = arena_printf(r->a, "wahl-%s-%s", c->key, dup ? "b" : "a");
	const char *v = dup ? c->dup : c->keep;
	html_open(h, "div", "class", dup ? "compare-yours field-check" : "compare-theirs field-check", NULL);
	html_void(h, "input", "type", "radio", "id", id, "name", arena_printf(r->a, "wahl_%s", c->key), "value",
		  dup ? "b" : "a", "checked", c->take_dup == dup ? "" : NULL, NULL);
	html_open(h, "label", "for", id, NULL);
	html_elem(h, "span", whose, "class", "compare-head", NULL);
	if (*v)
		html_elem(h, "span", v, "class", "merge-value", NULL);
	else
		html_elem(h, "span", T(r, "(leer)"), "class", "compare-empty", NULL);
	html_close(h, "label");
	html_close(h, "div");
}

/* The fields in which the two records differ, side by side, a choice
 * each; then what comes over from the duplicate anyway. */
static void merge_choices(html *h, struct req *r, const struct dir_staff_merge_page *m)
{
	if (!m->choices)
		return;
	html_elem(h, "h3", T(r, "Was bleibt? Die Felder, in denen sich beide unterscheiden"), NULL);
	if (m->n_choices == 0)
		html_elem(h, "p", T(r, "Beide stimmen in allen Feldern überein."), NULL);
	else
		html_elem(h, "p", i18n_fill(r->a, T(r, "Vorgewählt ist der Wert des bleibenden Eintrags, oder der der "
						       "Dublette, wo der bleibende Eintrag nichts hat. Gleich in "
						       "beiden: {1} Felder."),
					    arena_printf(r->a, "%zu", m->n_same), NULL), "class", "field-hint", NULL);
	for (size_t i = 0; i < m->n_choices; i++) {
		const struct dir_staff_merge_choice *c = &m->choices[i];
		html_open(h, "fieldset", "class", "compare-field merge-field", NULL);
		html_elem(h, "legend", c->label, NULL);
		merge_side(h, r, c, 0, i18n_fill(r->a, T(r, "Bleibt: „{1}“"), m->target_name, NULL));
		merge_side(h, r, c, 1, i18n_fill(r->a, T(r, "Aus der Dublette: „{1}“"), m->self_name, NULL));
		html_close(h, "fieldset");
	}
	if (m->n_added) {
		html_elem(h, "h3", T(r, "Kommt aus der Dublette hinzu"), NULL);
		html_open(h, "ul", NULL);
		for (size_t i = 0; i < m->n_added; i++)
			html_elem(h, "li", m->added[i], NULL);
		html_close(h, "ul");
	}
}

void dir_staff_view_merge(struct req *r, struct resp *w, const struct dir_staff_merge_page *m)
{
	html h = html_on(&w->body);
	layout_staff_begin(&h, r, m->title);
	html_open(&h, "p", NULL);
	html_elem(&h, "a", T(r, "Zurück zum Eintrag"), "href", m->base, NULL);
	html_close(&h, "p");
	html_elem(&h, "p", m->explain, "class", "lead", NULL);
	html_open(&h, "dl", "class", "facts", NULL);
	html_elem(&h, "dt", T(r, "Dublette (wird archiviert)"), NULL);
	html_elem(&h, "dd", m->self_name, NULL);
	html_close(&h, "dl");

	/* step 1: find the record that stays */
	html_elem(&h, "h2", T(r, "1. Eintrag wählen, der bestehen bleibt"), "id", "suche", NULL);
	html_open(&h, "form", "class", "form", "method", "get", "action", arena_printf(r->a, "%s/zusammenfuehren", m->base),
		  "role", "search", "aria-labelledby", "suche", NULL);
	struct fields_in in = { .name = "q", .label = T(r, "Name"), .value = m->q, .type = "search", .maxlen = 100 };
	fields_input(&h, r, &in);
	html_elem(&h, "button", T(r, "Suchen"), "type", "submit", "class", "button secondary", NULL);
	html_close(&h, "form");
	if (m->n == 0) {
		html_elem(&h, "p", T(r, "Keine passenden Einträge."), NULL);
	} else {
		html_open(&h, "ul", "class", "merge-candidates", NULL);
		for (size_t i = 0; i < m->n; i++) {
			const struct dir_staff_row *x = &m->cand[i];
			html_open(&h, "li", NULL);
			html_text(&h, x->name);
			if (x->org_name && *x->org_name) {
				html_text(&h, " – ");
				html_text(&h, x->org_name);
			}
			html_text(&h, " ");
			html_open(&h, "a", "href", html_url(r->a, arena_printf(r->a, "%s/zusammenfuehren", m->base),
							   "q", m->q, "ziel", x->id, NULL), NULL);
			html_text(&h, T(r, "Auswählen"));
			html_elem(&h, "span", i18n_fill(r->a, T(r, ": {1}"), x->name, NULL), "class", "visually-hidden",
				  NULL);
			html_close(&h, "a");
			html_close(&h, "li");
		}
		html_close(&h, "ul");
	}

	/* step 2: confirm */
	if (!m->target_id) {
		fields_alert(&h, m->target_err ? T(r, m->target_err) : NULL);
		layout_end(&h, r);
		return;
	}
	html_elem(&h, "h2", T(r, "2. Zusammenführen bestätigen"), "id", "bestaetigen", NULL);
	fields_alert(&h, m->target_err ? T(r, m->target_err) : NULL);
	html_open(&h, "p", NULL);
	html_text(&h, i18n_fill(r->a, T(r, "„{1}“ wird in „{2}“ übernommen."), m->self_name, m->target_name, NULL));
	html_text(&h, " ");
	html_text(&h, m->effect);
	html_close(&h, "p");
	html_open(&h, "form", "class", m->choices ? "form form-wide" : "form", "method", "post", "action",
		  arena_printf(r->a, "%s/zusammenfuehren", m->base), "novalidate", "", "aria-labelledby", "bestaetigen",
		  NULL);
	fields_csrf(&h, r);
	html_void(&h, "input", "type", "hidden", "name", "ziel", "value", m->target_id, NULL);
	merge_choices(&h, r, m);
	struct fields_in confirm = { .name = "confirm", .label = T(r, "Ja, diese beiden Einträge beschreiben dasselbe."),
				     .err = m->confirm_err, .required = 1, .unmarked = 1 };
	fields_checkbox(&h, r, &confirm, 0);
	html_elem(&h, "button", T(r, "Zusammenführen"), "type", "submit", "class", "button", NULL);
	html_close(&h, "form");
	layout_end(&h, r);
}
