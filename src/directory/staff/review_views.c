/* review_views.c — HTML of one draft in the editors' review: the facts of
 * the draft, then each field it changes as a group of its own, the value
 * before and the proposal one under the other with what changed in a text
 * marked word by word (readable on a phone), the value when the proposal
 * was made where the offer changed since (a conflict), and the editor's
 * choice per field; then rejecting with a reason. Escaping writer only. */
#include "directory/staff/staff_internal.h"
#include "html/fields.h"
#include "core/core.h"
#include "core/i18n.h"
#include "core/worddiff.h"
#include "html/layout.h"

#include <string.h>

/* A value in a <dd>: its lines, or "(leer)". */
static void value(html *h, struct req *r, const char *v)
{
	html_open(h, "dd", NULL);
	if (v && *v)
		layout_lines(h, r, v);
	else
		html_elem(h, "span", T(r, "(leer)"), "class", "compare-empty", NULL);
	html_close(h, "dd");
}

/* One radio button of field f's choice. */
static void radio(html *h, struct req *r, const struct dir_staff_review_field *f, const char *val,
		  enum dir_staff_pick pick, const char *label)
{
	const char *id = arena_printf(r->a, "wahl-%s-%s", f->key, val);
	html_open(h, "div", "class", "field-check", NULL);
	html_void(h, "input", "type", "radio", "id", id, "name", arena_printf(r->a, "wahl_%s", f->key), "value", val,
		  "checked", f->pick == pick ? "" : NULL, "aria-describedby",
		  f->err ? arena_printf(r->a, "err-%s", f->key) : NULL, NULL);
	html_elem(h, "label", label, "for", id, NULL);
	html_close(h, "div");
}

static void field(html *h, struct req *r, const struct dir_staff_review_page *v, const struct dir_staff_review_field *f,
		  int open)
{
	html_open(h, "fieldset", "class", f->conflict ? "review-field conflict" : "review-field", "id",
		  arena_printf(r->a, "feld-%s", f->key), NULL);
	html_open(h, "legend", NULL);
	html_text(h, f->label);
	if (f->conflict) {
		html_text(h, " ");
		html_elem(h, "mark", T(r, "Konflikt"), NULL);
	}
	html_close(h, "legend");
	if (f->conflict)
		html_elem(h, "p", f->base ? T(r, "Das Angebot ist in diesem Feld geändert worden, nachdem die "
						 "Partnerorganisation ihren Vorschlag gemacht hatte; der Vorschlag ändert "
						 "es auch. Bitte wählen Sie.")
					   : T(r, "Das Angebot ist seit dem Vorschlag geändert worden; wie dieses Feld "
						  "damals aussah, ist nicht bekannt. Bitte wählen Sie."),
			  "class", "field-hint", NULL);
	else if (f->later_only)
		html_elem(h, "p", T(r, "Seit dem Vorschlag geändert. Der Vorschlag hat dieses Feld nicht geändert; "
					"vorgewählt ist der jetzige Wert."), "class", "field-hint", NULL);
	html_open(h, "dl", "class", "review-values", NULL);
	if (f->conflict) {
		html_elem(h, "dt", T(r, "Beim Vorschlag"), NULL);
		if (f->base)
			value(h, r, f->base);
		else
			html_elem(h, "dd", T(r, "nicht bekannt"), NULL);
	}
	if (v->current) {
		html_elem(h, "dt", f->conflict || f->later_only ? T(r, "Jetzt gespeichert") : T(r, "Bisher"), NULL);
		value(h, r, f->now);
	}
	html_elem(h, "dt", T(r, "Vorschlag"), NULL);
	value(h, r, f->proposed);
	struct worddiff_part *parts;
	size_t n;
	if (v->current && f->text && *f->now && *f->proposed &&
	    worddiff(r->a, f->now, f->proposed, &parts, &n) == 0) {
		html_elem(h, "dt", T(r, "Was sich ändert"), NULL);
		dir_staff_view_diff(h, r, "dd", NULL, parts, n, 2);
	}
	html_close(h, "dl");
	if (!open || f->fixed) {
		html_close(h, "fieldset");
		return;
	}
	if (f->err)
		html_elem(h, "p", T(r, f->err), "class", "field-error", "id", arena_printf(r->a, "err-%s", f->key), NULL);
	/* the value now, as a mark: changed before the form comes back, the
	 * field asks again */
	html_void(h, "input", "type", "hidden", "name", arena_printf(r->a, "jetzt_%s", f->key), "value", f->now_mark,
		  NULL);
	radio(h, r, f, "vorschlag", DIR_STAFF_PICK_TAKE, T(r, "Vorschlag übernehmen"));
	radio(h, r, f, "bisher", DIR_STAFF_PICK_KEEP,
	      v->current ? T(r, "Jetzigen Wert behalten") : T(r, "Weglassen"));
	if (f->editable) {
		radio(h, r, f, "eigener", DIR_STAFF_PICK_EDIT, T(r, "Eigenen Wert eintragen:"));
		struct fields_in in = { .name = arena_printf(r->a, "wert_%s", f->key),
					.label = i18n_fill(r->a, T(r, "{1}: eigener Wert"), f->label, NULL),
					.value = f->edited, .maxlen = f->list ? 20000 : 10000, .cls = "review-own",
					.rows = 4 };
		if (f->list)
			in.hint = T(r, "Ein Eintrag je Zeile. Eine Zeile, wie sie oben steht, übernimmt den Eintrag mit "
				       "allen Angaben; Sprachen, Kategorien und Standorte mit ihrem Namen.");
		if (f->multiline)
			fields_textarea(h, r, &in);
		else
			fields_input(h, r, &in);
	}
	html_close(h, "fieldset");
}

static void facts(html *h, struct req *r, const struct dir_staff_review_page *v)
{
	const struct dir_staff_draft *d = v->d;
	html_open(h, "dl", "class", "facts", NULL);
	html_elem(h, "dt", T(r, "Träger"), NULL);
	html_open(h, "dd", NULL);
	html_elem(h, "a", d->org_name, "href", arena_printf(r->a, "/intern/traeger/%s", d->org_id), NULL);
	html_close(h, "dd");
	html_elem(h, "dt", T(r, "Eingereicht"), NULL);
	html_elem(h, "dd", i18n_fill(r->a, T(r, "{1} von {2}"), layout_time(r, d->submitted_at),
				     *d->submitter ? d->submitter : T(r, "unbekannt"), NULL), NULL);
	html_elem(h, "dt", T(r, "Stand"), NULL);
	html_elem(h, "dd", dir_staff_draft_status(r, d->status), NULL);
	if (strcmp(d->status, "pending") != 0) {
		html_elem(h, "dt", T(r, "Entschieden"), NULL);
		html_elem(h, "dd", i18n_fill(r->a, T(r, "{1} von {2}"), layout_time(r, d->reviewed_at),
					     *d->reviewer ? d->reviewer : T(r, "unbekannt"), NULL), NULL);
		if (*d->comment) {
			html_elem(h, "dt", T(r, "Begründung"), NULL);
			html_open(h, "dd", NULL);
			layout_lines(h, r, d->comment);
			html_close(h, "dd");
		}
	}
	if (v->current) {
		html_elem(h, "dt", T(r, "Angebot"), NULL);
		html_open(h, "dd", NULL);
		html_elem(h, "a", v->current->name, "href", arena_printf(r->a, "/intern/angebote/%s", v->current->id), NULL);
		if (v->current->archived || v->current->merged_into) {
			html_text(h, " ");
			html_elem(h, "span", T(r, "archiviert"), "class", "tag", NULL);
		}
		html_close(h, "dd");
	}
	html_close(h, "dl");
}

/* The error summary: a link to each field with a problem. */
static void summary(html *h, struct req *r, const struct dir_staff_review_page *v)
{
	if (!v->nerr)
		return;
	fields_summary_begin(h, r, NULL, NULL);
	for (size_t i = 0; i < v->n_fields; i++)
		if (v->fields[i].err)
			fields_summary_link(h, r, arena_printf(r->a, "feld-%s", v->fields[i].key),
					    i18n_fill(r->a, T(r, "{1}: {2}"), v->fields[i].label, T(r, v->fields[i].err),
						      NULL));
	fields_summary_end(h);
}

void dir_staff_view_review(struct req *r, struct resp *w, const struct dir_staff_review_page *v)
{
	const struct dir_staff_draft *d = v->d;
	const char *base = arena_printf(r->a, "/intern/pruefung/%lld", (long long)d->id);
	int pending = strcmp(d->status, "pending") == 0;
	html h = html_on(&w->body);
	layout_staff_begin(&h, r, i18n_fill(r->a, T(r, "Vorschlag prüfen: {1}"), dir_staff_draft_name(r, d), NULL));
	html_open(&h, "p", NULL);
	html_elem(&h, "a", T(r, "Alle Vorschläge"), "href", "/intern/pruefung", NULL);
	html_close(&h, "p");
	fields_alert(&h, v->problem);
	summary(&h, r, v);
	facts(&h, r, v);
	if (pending && v->current && DIR_STAFF_DRAFT_STALE(d))
		fields_alert_heading(&h, T(r, "Das Angebot ist seit diesem Vorschlag geändert worden"),
				     i18n_fill(r->a, T(r, "{1} hat das Angebot am {2} geändert, nachdem die "
							  "Partnerorganisation ihren Vorschlag gemacht hatte. Felder mit "
							  "„Konflikt“ zeigen den Wert beim Vorschlag, den jetzigen und den "
							  "vorgeschlagenen; wählen Sie dort, welcher gelten soll. Übernommen "
							  "werden nur die Felder, die Sie wählen."),
					       v->changed_by ? v->changed_by : T(r, "Jemand"),
					       v->changed_at ? v->changed_at : "?", NULL));

	html_elem(&h, "h2", v->current ? T(r, "Änderungen Feld für Feld") : T(r, "Vorgeschlagenes neues Angebot"),
		  "id", "felder", NULL);
	if (v->current)
		html_elem(&h, "p", i18n_fill(r->a, T(r, "Geänderte Felder: {1}, davon mit Konflikt: {2}. Unverändert: {3}."),
					     arena_printf(r->a, "%zu", v->n_fields),
					     arena_printf(r->a, "%zu", v->n_conflicts),
					     arena_printf(r->a, "%zu", v->n_same), NULL), "class", "lead", NULL);
	if (pending) {
		html_elem(&h, "p", T(r, "Wählen Sie je Feld: den Vorschlag übernehmen, den jetzigen Wert behalten oder "
					"einen eigenen Wert eintragen. Gespeichert werden nur die gewählten Werte; "
					"danach ist das Angebot sofort öffentlich sichtbar."), "class", "field-hint", NULL);
		html_open(&h, "form", "class", "form form-wide", "method", "post", "action",
			  arena_printf(r->a, "%s/freigeben", base), "novalidate", "", "aria-labelledby", "felder", NULL);
		fields_csrf(&h, r);
		if (v->current)
			dir_staff_view_version(&h, r, v->current->version);
	}
	if (v->n_fields == 0)
		html_elem(&h, "p", T(r, "Der Vorschlag stimmt mit dem gespeicherten Angebot überein."), NULL);
	for (size_t i = 0; i < v->n_fields; i++)
		field(&h, r, v, &v->fields[i], pending);
	if (!pending) {
		layout_end(&h, r);
		return;
	}
	html_elem(&h, "button", T(r, "Gewählte Werte übernehmen"), "type", "submit", "class", "button", NULL);
	html_close(&h, "form");

	html_elem(&h, "h2", T(r, "Ablehnen"), "id", "ablehnen", NULL);
	html_open(&h, "form", "class", "form", "method", "post", "action", arena_printf(r->a, "%s/ablehnen", base),
		  "novalidate", "", "aria-labelledby", "ablehnen", NULL);
	fields_csrf(&h, r);
	struct fields_in in = { .name = "comment", .label = T(r, "Begründung für die Partnerorganisation"),
				.hint = T(r, "Die Partnerorganisation sieht diesen Text bei ihren Vorschlägen."),
				.value = v->comment, .err = v->comment_err, .maxlen = 2000, .required = 1, .rows = 4 };
	fields_textarea(&h, r, &in);
	html_elem(&h, "button", T(r, "Vorschlag ablehnen"), "type", "submit", "class", "button secondary", NULL);
	html_close(&h, "form");
	layout_end(&h, r);
}
