/* offer_views.c — HTML of the offer form, for editors (saves the offer)
 * and partners (proposes a draft): every field, the repeated rows with two
 * empty ones to add more without JavaScript, languages, categories and
 * locations as checkboxes, messages at the fields. */
#include "directory/staff/staff_internal.h"
#include "html/fields.h"
#include "core/core.h"
#include "core/i18n.h"
#include "html/layout.h"
#include "directory/languages.h"

#include <string.h>

static int has(const char *const *list, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i], s) == 0)
			return 1;
	return 0;
}

static const char *const status_values[] = { "active", "inactive", "defunct", "temporarily closed" };
static const char *const delivery_values[] = { "in_person", "online", "mixed" };

/* The field labels (msgids), for the form and its error summary. */
static const char *const labels[OF__MAX] = {
	[OF_ORG] = N_("Träger"),
	[OF_NAME] = N_("Name des Angebots"),
	[OF_ALT] = N_("Andere Bezeichnung"),
	[OF_DESC] = N_("Beschreibung"),
	[OF_URL] = N_("Webseite"),
	[OF_EMAIL] = N_("E-Mail-Adresse"),
	[OF_STATUS] = N_("Status"),
	[OF_INTERP] = N_("Dolmetschen"),
	[OF_APPLY] = N_("Anmeldung"),
	[OF_FEES] = N_("Kosten (Text)"),
	[OF_FREE] = N_("Kostenlos"),
	[OF_ELIG] = N_("Voraussetzungen"),
	[OF_MINAGE] = N_("Mindestalter"),
	[OF_MAXAGE] = N_("Höchstalter"),
	[OF_CAPACITY] = N_("Plätze"),
	[OF_DELIVERY] = N_("Form"),
	[OF_ALERT] = N_("Aktueller Hinweis"),
	[OF_ASSURED] = N_("Zuletzt geprüft am"),
	[OF_LANG_OTHER] = N_("Weitere Sprachen"),
};

/* One input of the offer's scalar fields. */
static void field(html *h, struct req *r, const struct dir_staff_offer_edit *e, int i, const char *hint, int rows,
		  const char *type)
{
	dir_staff_view_field(h, r, &dir_staff_offer_fields[i], T(r, labels[i]), e->v[i], e->err[i], hint, rows, type);
}

/* One of the offer's selects (all required), with an empty choice first. */
static void select_field(html *h, struct req *r, const struct dir_staff_offer_edit *e, int i, const char *const *values,
			 const char *const *shown, size_t n)
{
	struct fields_in in = fields_of(&dir_staff_offer_fields[i], e->v[i], e->err[i]);
	in.label = T(r, labels[i]);
	in.required = 1; /* the provider too: the partner's is given */
	fields_select(h, r, &in, T(r, "Bitte wählen"), values, shown, n);
}

/* A checkbox of a group (languages, categories, locations). */
static void check(html *h, struct req *r, const char *name, const char *label, int checked, const char *hint)
{
	struct fields_in in = { .name = name, .label = label, .hint = hint };
	fields_checkbox(h, r, &in, checked);
}

static void error_summary(html *h, struct req *r, const struct dir_staff_offer_edit *e)
{
	fields_summary_begin(h, r, NULL, NULL);
	dir_staff_view_summary_items(h, r, dir_staff_offer_fields, labels, OF__MAX, e->err);
	if (e->locs_err)
		fields_summary_link(h, r, "standorte", i18n_fill(r->a, T(r, "{1}: {2}"), T(r, "Standorte"),
								 T(r, e->locs_err), NULL));
	for (int l = 0; l < DL__MAX; l++)
		dir_staff_view_row_errors(h, r, (enum dir_staff_list)l, &e->lists[l]);
	fields_summary_end(h);
}

/* The days of a row as seven checkboxes (Mo .. So, to a screen reader
 * Montag .. Sonntag) named name_MO .. name_SU; value: "MO,WE" or NULL. */
static void days(html *h, struct req *r, const char *name, const char *label, const char *value, const char *err)
{
	static const char *const shown[] = { N_("Mo"), N_("Di"), N_("Mi"), N_("Do"), N_("Fr"), N_("Sa"), N_("So") };
	static const char *const full[] = { N_("Montag"), N_("Dienstag"), N_("Mittwoch"), N_("Donnerstag"),
					    N_("Freitag"), N_("Samstag"), N_("Sonntag") };
	char norm[24] = "";
	if (value)
		dir_staff_norm_days(value, norm);
	const char *eid = arena_printf(r->a, "f-%s-err", name);
	html_open(h, "fieldset", "class", err ? "field days has-error" : "field days", NULL);
	html_elem(h, "legend", label, NULL);
	if (err)
		html_elem(h, "p", T(r, err), "class", "field-error", "id", eid, NULL);
	html_open(h, "div", "class", "day-checks", NULL);
	for (int i = 0; i < 7; i++) {
		const char *day = dir_staff_days[i];
		/* the first box has the row's id, which the error summary links to */
		const char *id = i ? arena_printf(r->a, "f-%s_%s", name, day) : arena_printf(r->a, "f-%s", name);
		html_open(h, "div", "class", "field-check", NULL);
		html_void(h, "input", "type", "checkbox", "id", id, "name", arena_printf(r->a, "%s_%s", name, day), "value",
			  "1", "checked", strstr(norm, day) ? "" : NULL, "aria-label", T(r, full[i]), "aria-describedby",
			  err ? eid : NULL, NULL);
		html_elem(h, "label", T(r, shown[i]), "for", id, NULL);
		html_close(h, "div");
	}
	html_close(h, "div");
	html_close(h, "fieldset");
}

void dir_staff_view_rows(html *h, struct req *r, enum dir_staff_list l, const struct dir_staff_rows *L,
			 const char *action)
{
	const struct dir_staff_list_def *d = &dir_staff_lists[l];
	size_t n = L->n + 1 > d->min_rows ? L->n + 1 : d->min_rows;
	n += L->more;
	if (n > DIR_STAFF_MAX_ROWS)
		n = DIR_STAFF_MAX_ROWS > L->n ? DIR_STAFF_MAX_ROWS : L->n;
	const char *gid = arena_printf(r->a, "liste-%s", d->name);
	html_open(h, "fieldset", "class", arena_printf(r->a, "field row-list list-%s", d->name), "id", gid, NULL);
	html_elem(h, "legend", T(r, d->legend), NULL);
	if (d->hint)
		html_elem(h, "p", T(r, d->hint), "class", "field-hint", NULL);
	html_void(h, "input", "type", "hidden", "name", arena_printf(r->a, "%s_n", d->name), "value",
		  arena_printf(r->a, "%zu", n), NULL);
	if (L->more)
		html_void(h, "input", "type", "hidden", "name", arena_printf(r->a, "%s_mehr", d->name), "value",
			  arena_printf(r->a, "%zu", L->more), NULL);
	for (size_t i = 0; i < n; i++) {
		const struct dir_staff_rowvals *x = i < L->n ? &L->rows[i] : NULL;
		html_open(h, "fieldset", "class", d->ncols > 1 ? "row" : "row row-single", NULL);
		/* numbered, the empty ones too: each group has a name of its own */
		html_elem(h, "legend", i18n_fill(r->a, T(r, d->row), arena_printf(r->a, "%zu", i + 1), NULL), "class",
			  "row-legend", NULL);
		if (x && x->id)
			html_void(h, "input", "type", "hidden", "name", arena_printf(r->a, "%s_id_%zu", d->name, i), "value",
				  x->id, NULL);
		for (size_t c = 0; c < d->ncols; c++) {
			const struct dir_staff_col *col = &d->cols[c];
			const char *name = arena_printf(r->a, "%s_%s_%zu", d->name, col->name, i);
			if (col->widget == DIR_STAFF_W_DAYS) {
				days(h, r, name, T(r, col->label), x ? x->val[c] : NULL, x ? x->err[c] : NULL);
				continue;
			}
			if (col->kind == FIELD_CHOICE) {
				size_t nc = 0;
				while (col->choices[nc])
					nc++;
				const char **cl = arena_alloc(r->a, (nc + 1) * sizeof(*cl));
				for (size_t k = 0; k < nc; k++)
					cl[k] = T(r, col->choice_labels[k]);
				struct fields_in in = { .name = name, .label = T(r, col->label),
							.value = x && x->val[c] ? x->val[c] : col->choices[0],
							.err = x ? x->err[c] : NULL };
				fields_select(h, r, &in, NULL, col->choices, cl, nc);
				continue;
			}
			int email = col->kind == FIELD_EMAIL, time = col->widget == DIR_STAFF_W_TIME;
			struct fields_in in = { .name = name, .label = T(r, col->label), .value = x ? x->val[c] : NULL,
						.err = x ? x->err[c] : NULL, .maxlen = col->maxlen,
						.type = email ? "email" : time ? "time" : NULL,
						.autocomplete = email || time ? "off" : NULL };
			fields_input(h, r, &in);
		}
		html_close(h, "fieldset");
	}
	if (action && n < DIR_STAFF_MAX_ROWS)
		html_elem(h, "button", T(r, d->add), "type", "submit", "name", "schritt", "value",
			  arena_printf(r->a, "mehr-%s", d->name), "formaction", arena_printf(r->a, "%s#%s", action, gid),
			  "formnovalidate", "", "class", "button secondary add-row", NULL);
	html_close(h, "fieldset");
}

static void languages(html *h, struct req *r, const struct dir_staff_offer_edit *e)
{
	html_open(h, "fieldset", "class", "field checks", "id", "sprachen", NULL);
	html_elem(h, "legend", T(r, "Sprachen, in denen das Angebot stattfindet"), NULL);
	html_open(h, "div", "class", "check-columns", NULL);
	for (size_t i = 0; i < DIR_STAFF_N_COMMON; i++) {
		const char *code = dir_staff_langs[i], *name = dir_language_name(code, r->lang);
		check(h, r, arena_printf(r->a, "lang_%s", code), name ? name : code, has(e->langs, e->n_langs, code), NULL);
	}
	html_close(h, "div");
	field(h, r, e, OF_LANG_OTHER, T(r, "Weitere Sprachen mit ihrem Namen, getrennt durch Kommas, z. B. "
					   "„Albanisch, Dari, Somali“."), 0, NULL);
	html_close(h, "fieldset");
}

void dir_staff_view_term_checks(html *h, struct req *r, const struct dir_taxonomy *tax, size_t ntax,
				const char *const *ticked, size_t nticked)
{
	for (size_t t = 0; t < ntax; t++) {
		const struct dir_taxonomy *x = &tax[t];
		if (x->n_terms == 0)
			continue;
		html_open(h, "fieldset", "class", "field checks", "id", arena_printf(r->a, "kategorie-%s", x->code), NULL);
		html_elem(h, "legend", x->name, NULL);
		html_open(h, "div", "class", "check-columns", NULL);
		for (size_t k = 0; k < x->n_terms; k++)
			check(h, r, arena_printf(r->a, "term_%s", x->terms[k].id), x->terms[k].name,
			      has(ticked, nticked, x->terms[k].id), NULL);
		html_close(h, "div");
		html_close(h, "fieldset");
	}
}

static void locations(html *h, struct req *r, const struct dir_staff_offer_edit *e)
{
	html_open(h, "fieldset", "class", e->locs_err ? "field checks has-error" : "field checks", "id", "standorte",
		  NULL);
	html_elem(h, "legend", T(r, "Orte, an denen das Angebot stattfindet"), NULL);
	if (e->locs_err)
		html_elem(h, "p", T(r, e->locs_err), "class", "field-error", NULL);
	if (e->n_cand == 0 && !e->v[OF_ORG])
		html_elem(h, "p", T(r, "Wählen Sie oben den Träger und dann „Orte des Trägers anzeigen“: seine Orte "
				       "erscheinen hier, ohne dass Sie vorher speichern."), "class", "field-hint", NULL);
	else if (e->n_cand == 0)
		html_elem(h, "p", e->partner ? T(r, "Für Ihren Träger sind noch keine Orte erfasst. Bitte "
						    "wenden Sie sich an die Redaktion.")
					     : T(r, "Für diesen Träger sind noch keine Orte erfasst. Legen Sie sie auf der "
						    "Seite des Trägers an."), "class", "field-hint", NULL);
	html_open(h, "div", "class", "check-columns wide", NULL);
	for (size_t i = 0; i < e->n_cand; i++) {
		const struct dir_location *l = &e->cand[i];
		const char *label = *l->name ? l->name : T(r, "Standort ohne Namen");
		if (l->has_address && *l->address.address_1)
			label = i18n_fill(r->a, T(r, "{1}, {2}, {3} {4}"), label, l->address.address_1,
					  l->address.postal_code, l->address.city, NULL);
		check(h, r, arena_printf(r->a, "loc_%s", l->id), label, has(e->locs, e->n_locs, l->id),
		      l->confidential ? T(r, "Geschützte Adresse: wird nie öffentlich angezeigt.") : NULL);
	}
	html_close(h, "div");
	if (!e->partner)
		html_elem(h, "button", T(r, "Orte des Trägers anzeigen"), "type", "submit", "name", "schritt", "value",
			  "orte", "formaction", arena_printf(r->a, "%s#standorte", e->action), "formnovalidate", "",
			  "class", "button secondary add-row", NULL);
	html_close(h, "fieldset");
}

/* Facts about the stored offer above the form. */
static void stored_facts(html *h, struct req *r, const struct dir_staff_offer_edit *e)
{
	const struct dir_service *s = e->stored;
	if (s->merged_into) {
		html_open(h, "p", "class", "notice", NULL);
		html_text(h, T(r, "Dieses Angebot ist in ein anderes übernommen worden und öffentlich nicht mehr "
				  "sichtbar."));
		html_text(h, " ");
		if (!e->partner)
			html_elem(h, "a", T(r, "Zum übernehmenden Angebot"), "href",
				  arena_printf(r->a, "/intern/angebote/%s", s->merged_into), NULL);
		html_close(h, "p");
	} else if (s->archived) {
		html_elem(h, "p", T(r, "Dieses Angebot ist archiviert und öffentlich nicht sichtbar."), "class", "notice",
			  NULL);
	}
	html_open(h, "dl", "class", "facts", NULL);
	html_elem(h, "dt", T(r, "Träger"), NULL);
	html_open(h, "dd", NULL);
	if (e->partner)
		html_text(h, s->organization_name);
	else
		html_elem(h, "a", s->organization_name, "href", arena_printf(r->a, "/intern/traeger/%s", s->organization_id),
			  NULL);
	html_close(h, "dd");
	html_elem(h, "dt", T(r, "Zuletzt geprüft"), NULL);
	html_elem(h, "dd", s->assured_date ? i18n_fill(r->a, T(r, "{1} von {2}"), layout_date(r, s->assured_date),
						       *s->assurer_email ? s->assurer_email : T(r, "unbekannt"), NULL)
					   : T(r, "nie"), NULL);
	html_elem(h, "dt", T(r, "Zuletzt geändert"), NULL);
	html_elem(h, "dd", layout_time(r, s->last_modified), NULL);
	html_close(h, "dl");
}

static void links(html *h, struct req *r, const struct dir_staff_offer_edit *e)
{
	const char *base = arena_printf(r->a, "/intern/angebote/%s", e->stored->id);
	html_open(h, "ul", "class", "inline-list page-links", NULL);
	html_li_link(h, T(r, "Alle Angebote"), "/intern/angebote");
	html_li_link(h, T(r, "Verlauf"), arena_printf(r->a, "%s/verlauf", base));
	html_li_link(h, T(r, "Übersetzungen"), arena_printf(r->a, "%s/uebersetzungen", base));
	if (!e->stored->merged_into) {
		html_open(h, "li", NULL);
		html_elem(h, "a", T(r, "Dublette zusammenführen"), "href", arena_printf(r->a, "%s/zusammenfuehren", base),
			  NULL);
		html_close(h, "li");
	}
	if (!e->stored->archived && !e->stored->merged_into) {
		html_open(h, "li", NULL);
		html_elem(h, "a", T(r, "Öffentliche Seite"), "href", arena_printf(r->a, "/angebote/%s", e->stored->id),
			  NULL);
		html_close(h, "li");
	}
	html_close(h, "ul");
}

/* The summary of errors in repeated rows (items of an open <ul>). */
void dir_staff_view_row_errors(html *h, struct req *r, enum dir_staff_list l, const struct dir_staff_rows *L)
{
	const struct dir_staff_list_def *d = &dir_staff_lists[l];
	for (size_t i = 0; i < L->n; i++)
		for (size_t c = 0; c < d->ncols; c++) {
			const char *err = L->rows[i].err[c];
			if (!err)
				continue;
			fields_summary_link(h, r, arena_printf(r->a, "f-%s_%s_%zu", d->name, d->cols[c].name, i),
					    i18n_fill(r->a, T(r, "{1} {2}, {3}: {4}"), T(r, d->legend),
						      arena_printf(r->a, "%zu", i + 1), T(r, d->cols[c].label), T(r, err), NULL));
		}
}

/* The form's sections: their anchors and headings (msgids). */
static const char *const section_ids[] = { "abschnitt-grunddaten", "abschnitt-orte", "abschnitt-zugang",
					   "abschnitt-sprachen", "abschnitt-kontakt", "abschnitt-kosten",
					   "abschnitt-speichern" };
static const char *const section_titles[] = { N_("Grunddaten"), N_("Orte und Zeiten"), N_("Für wen und wie"),
					      N_("Sprachen und Kategorien"), N_("Kontakt"), N_("Kosten und Förderung"),
					      N_("Prüfen und speichern") };

/* The small table of contents above the form: a link to each section. */
static void toc(html *h, struct req *r, const struct dir_staff_offer_edit *e)
{
	html_open(h, "nav", "class", "form-toc", "aria-labelledby", "form-toc-title", NULL);
	html_elem(h, "h2", T(r, "Die Abschnitte des Formulars"), "id", "form-toc-title", NULL);
	html_open(h, "ol", NULL);
	for (size_t i = 0; i < NELEM(section_ids); i++) {
		html_open(h, "li", NULL);
		html_elem(h, "a", i + 1 == NELEM(section_ids) && e->partner ? T(r, "Einreichen") : T(r, section_titles[i]),
			  "href", arena_printf(r->a, "#%s", section_ids[i]), NULL);
		html_close(h, "li");
	}
	html_close(h, "ol");
	html_elem(h, "p", e->partner ? T(r, "Leere Zeilen werden nicht gespeichert; um einen Eintrag zu entfernen, "
					    "leeren Sie seine Felder. Die Knöpfe „Weitere …“ reichen nichts ein.")
				     : T(r, "Leere Zeilen werden nicht gespeichert; um einen Eintrag zu entfernen, leeren "
					    "Sie seine Felder. Die Knöpfe „Weitere …“ und „Orte des Trägers anzeigen“ "
					    "speichern nichts."),
		  "class", "field-hint", NULL);
	html_close(h, "nav");
}

static void section_begin(html *h, struct req *r, size_t i)
{
	const char *hid = arena_printf(r->a, "%s-titel", section_ids[i]);
	html_open(h, "section", "class", "form-section", "id", section_ids[i], "aria-labelledby", hid, NULL);
	html_elem(h, "h2", i18n_fill(r->a, T(r, "{1}. {2}"), arena_printf(r->a, "%zu", i + 1), T(r, section_titles[i]),
				     NULL), "id", hid, NULL);
}

static void section_end(html *h)
{
	html_close(h, "section");
}

void dir_staff_view_offer(struct req *r, struct resp *w, const struct dir_staff_offer_edit *e)
{
	html h = html_on(&w->body);
	const char *title = e->stored ? i18n_fill(r->a, T(r, "Angebot: {1}"), e->stored->name, NULL)
		: e->partner ? T(r, "Neues Angebot vorschlagen") : T(r, "Neues Angebot");
	layout_staff_begin(&h, r, title);
	if (e->partner) {
		html_open(&h, "p", NULL);
		html_elem(&h, "a", T(r, "Zurück zu meinen Angeboten"), "href", "/intern/meine-angebote", NULL);
		if (e->stored) {
			html_text(&h, " · ");
			html_elem(&h, "a", T(r, "Übersetzungen"), "href",
				  arena_printf(r->a, "/intern/meine-angebote/%s/uebersetzungen", e->stored->id), NULL);
		}
		html_close(&h, "p");
	} else if (e->stored) {
		links(&h, r, e);
	}
	fields_notice(&h, e->notice);
	fields_alert(&h, e->problem);
	if (e->conflict)
		fields_conflict(&h, r, e->conflict);
	if (e->stored)
		stored_facts(&h, r, e);
	if (e->partner) {
		html_elem(&h, "p", T(r, "Ihre Änderungen prüft die Redaktion, bevor sie öffentlich erscheinen. Bis "
					"dahin sieht die Öffentlichkeit die zuletzt freigegebene Fassung."),
			  "class", "notice", NULL);
		if (e->pending)
			html_elem(&h, "p", i18n_fill(r->a, T(r, "Ihr Vorschlag vom {1} wartet noch auf die Prüfung. "
								"Das Formular zeigt ihn; wenn Sie erneut einreichen, "
								"ersetzt er den wartenden Vorschlag."),
						     layout_time(r, e->pending->submitted_at), NULL),
				  "class", "notice", NULL);
	}
	if (!e->partner && e->pending) {
		html_open(&h, "p", "class", "notice", NULL);
		html_text(&h, T(r, "Die Partnerorganisation hat eine Änderung vorgeschlagen, die auf Prüfung wartet."));
		html_text(&h, " ");
		html_elem(&h, "a", T(r, "Vorschlag prüfen"), "href",
			  arena_printf(r->a, "/intern/pruefung/%lld", (long long)e->pending->id), NULL);
		html_close(&h, "p");
	}
	if (e->nerr)
		error_summary(&h, r, e);

	toc(&h, r, e);
	html_open(&h, "form", "class", "form form-wide offer-form", "method", "post", "action", e->action, "novalidate", "",
		  NULL);
	/* the first submit button is the one Enter in a field presses: saving,
	 * not one of the buttons that add a row */
	html_elem(&h, "button", T(r, "Speichern"), "type", "submit", "class", "default-submit", "tabindex", "-1",
		  "aria-hidden", "true", NULL);
	fields_csrf(&h, r);
	dir_staff_view_version(&h, r, e->version);

	section_begin(&h, r, 0);
	if (e->partner) {
		html_void(&h, "input", "type", "hidden", "name", "organization_id", "value", e->own_org, NULL);
	} else {
		const char **ids = arena_alloc(r->a, (e->n_orgs + 2) * sizeof(*ids));
		const char **names = arena_alloc(r->a, (e->n_orgs + 2) * sizeof(*names));
		size_t n = 0;
		int listed = 0;
		for (size_t i = 0; i < e->n_orgs; i++) {
			ids[n] = e->orgs[i].id;
			names[n++] = e->orgs[i].name;
			listed |= e->v[OF_ORG] && strcmp(e->v[OF_ORG], e->orgs[i].id) == 0;
		}
		if (!listed && e->stored && e->v[OF_ORG] && strcmp(e->v[OF_ORG], e->stored->organization_id) == 0) {
			ids[n] = e->stored->organization_id; /* an archived provider */
			names[n++] = e->stored->organization_name;
		}
		select_field(&h, r, e, OF_ORG, ids, names, n);
	}
	field(&h, r, e, OF_NAME, NULL, 0, NULL);
	field(&h, r, e, OF_ALT, T(r, "Abkürzung oder geläufiger Name, z. B. „JMD“."), 0, NULL);
	field(&h, r, e, OF_DESC, T(r, "Was das Angebot leistet, in einfacher Sprache."), 6, NULL);
	const char *sl[4], *dl[3];
	for (int i = 0; i < 4; i++)
		sl[i] = T(r, dir_staff_status_label(status_values[i]));
	for (int i = 0; i < 3; i++)
		dl[i] = T(r, dir_staff_delivery_label(delivery_values[i]));
	html_open(&h, "div", "class", "field-grid", NULL);
	select_field(&h, r, e, OF_STATUS, status_values, sl, 4);
	select_field(&h, r, e, OF_DELIVERY, delivery_values, dl, 3);
	html_close(&h, "div");
	field(&h, r, e, OF_ALERT, T(r, "Erscheint hervorgehoben, z. B. „Sommerpause bis 15. August“."), 0, NULL);
	section_end(&h);

	section_begin(&h, r, 1);
	locations(&h, r, e);
	dir_staff_view_rows(&h, r, DL_SCHEDULE, &e->lists[DL_SCHEDULE], e->action);
	dir_staff_view_rows(&h, r, DL_AREA, &e->lists[DL_AREA], e->action);
	section_end(&h);

	section_begin(&h, r, 2);
	field(&h, r, e, OF_ELIG, T(r, "Für wen das Angebot ist und was man mitbringen muss."), 3, NULL);
	html_open(&h, "div", "class", "field-grid", NULL);
	field(&h, r, e, OF_MINAGE, T(r, "In Jahren; leer: keine Grenze."), 0, "number");
	field(&h, r, e, OF_MAXAGE, T(r, "In Jahren; leer: keine Grenze."), 0, "number");
	field(&h, r, e, OF_CAPACITY, T(r, "Wie viele Personen teilnehmen können."), 0, "number");
	html_close(&h, "div");
	field(&h, r, e, OF_APPLY, T(r, "Wie man teilnimmt: anrufen, vorbeikommen, anmelden …"), 3, NULL);
	field(&h, r, e, OF_INTERP, T(r, "Ob und wie gedolmetscht wird."), 0, NULL);
	section_end(&h);

	section_begin(&h, r, 3);
	languages(&h, r, e);
	dir_staff_view_term_checks(&h, r, e->tax, e->n_tax, e->terms, e->n_terms);
	section_end(&h);

	section_begin(&h, r, 4);
	html_open(&h, "div", "class", "field-grid", NULL);
	field(&h, r, e, OF_URL, NULL, 0, "url");
	field(&h, r, e, OF_EMAIL, NULL, 0, "email");
	html_close(&h, "div");
	dir_staff_view_rows(&h, r, DL_PHONE, &e->lists[DL_PHONE], e->action);
	dir_staff_view_rows(&h, r, DL_CONTACT, &e->lists[DL_CONTACT], e->action);
	section_end(&h);

	section_begin(&h, r, 5);
	check(&h, r, "free_of_charge", T(r, "Das Angebot ist für Teilnehmende kostenlos."), e->v[OF_FREE] != NULL, NULL);
	field(&h, r, e, OF_FEES, NULL, 3, NULL);
	dir_staff_view_rows(&h, r, DL_COST, &e->lists[DL_COST], e->action);
	dir_staff_view_rows(&h, r, DL_FUNDING, &e->lists[DL_FUNDING], e->action);
	section_end(&h);

	section_begin(&h, r, 6);
	if (!e->partner)
		field(&h, r, e, OF_ASSURED,
		      T(r, "Wann jemand die Angaben zuletzt mit dem Träger abgeglichen hat (JJJJ-MM-TT)."), 0, "date");
	html_elem(&h, "button", e->partner ? T(r, "Zur Prüfung einreichen") : T(r, "Speichern"), "type", "submit",
		  "class", "button", NULL);
	section_end(&h);
	html_close(&h, "form");

	if (!e->partner && e->stored && !e->stored->merged_into && !e->stored->archived) {
		html_elem(&h, "h2", T(r, "Geprüft"), "id", "geprueft", NULL);
		html_elem(&h, "p", T(r, "Stimmen alle Angaben noch? Dann vermerken Sie das Angebot als heute geprüft."),
			  NULL);
		html_open(&h, "form", "method", "post", "action",
			  arena_printf(r->a, "/intern/angebote/%s/geprueft", e->stored->id), "aria-labelledby", "geprueft",
			  NULL);
		fields_csrf(&h, r);
		html_void(&h, "input", "type", "hidden", "name", "zurueck", "value", "angebot", NULL);
		html_elem(&h, "button", T(r, "Als geprüft vermerken"), "type", "submit", "class", "button secondary", NULL);
		html_close(&h, "form");
	}
	if (!e->partner && e->stored && !e->stored->merged_into) {
		int archived = e->stored->archived;
		html_elem(&h, "h2", archived ? T(r, "Wiederherstellen") : T(r, "Archivieren"), "id", "archiv", NULL);
		html_elem(&h, "p", archived ? T(r, "Das Angebot wird wieder öffentlich angezeigt.")
					    : T(r, "Das Angebot verschwindet aus der öffentlichen Suche; alle Angaben "
						   "und der Verlauf bleiben erhalten."), NULL);
		html_open(&h, "form", "method", "post", "action",
			  arena_printf(r->a, "/intern/angebote/%s/archivieren", e->stored->id), "aria-labelledby", "archiv",
			  NULL);
		fields_csrf(&h, r);
		html_void(&h, "input", "type", "hidden", "name", "archived", "value", archived ? "0" : "1", NULL);
		html_elem(&h, "button", archived ? T(r, "Angebot wiederherstellen") : T(r, "Angebot archivieren"), "type",
			  "submit", "class", "button secondary", NULL);
		html_close(&h, "form");
	}
	layout_end(&h, r);
}
