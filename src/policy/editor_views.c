/* editor_views.c — the HTML of the committee editors: the overview of
 * bodies and papers, a body with its meetings, a meeting with its agenda,
 * consultations and files; each form with its errors and values. */
#include "policy/editor_internal.h"
#include "policy/policy_internal.h"
#include "html/fields.h"
#include "core/i18n.h"
#include "html/layout.h"

#include <inttypes.h>
#include <string.h>

/* One control of defs[i]: a select for a choice (options labelled by
 * pol_label), a checkbox, a textarea for multiline text, else an input. */
void pol_editor_field(html *h, struct req *r, const struct field *defs, const struct form *f, int i, const char *val,
		  const char *label, const char *hint)
{
	const char *v = f ? f->val[i] : val;
	struct fields_in in = fields_of(&defs[i], v, f ? f->err[i] : NULL);
	in.label = label;
	in.hint = hint;
	if (defs[i].kind == FIELD_CHOICE) {
		size_t n = 0;
		while (defs[i].choices[n])
			n++;
		const char **labels = arena_alloc(r->a, n * sizeof(*labels));
		for (size_t k = 0; k < n; k++)
			labels[k] = pol_label(r, defs[i].choices[k]);
		fields_select(h, r, &in, NULL, (const char *const *)defs[i].choices, labels, n);
	} else if (defs[i].kind == FIELD_CHECKBOX) {
		in.unmarked = 1;
		fields_checkbox(h, r, &in, v != NULL);
	} else if (defs[i].kind == FIELD_MULTILINE) {
		fields_textarea(h, r, &in);
	} else {
		fields_input(h, r, &in);
	}
}

void pol_editor_form_begin(html *h, struct req *r, const char *action, const char *heading_id, int multipart)
{
	if (multipart)
		html_open(h, "form", "class", "form", "method", "post", "action", action, "enctype",
			  "multipart/form-data", "novalidate", "", "aria-labelledby", heading_id, NULL);
	else
		html_open(h, "form", "class", "form", "method", "post", "action", action, "novalidate", "",
			  "aria-labelledby", heading_id, NULL);
	fields_csrf(h, r);
}

void pol_editor_form_end(html *h, const char *button)
{
	html_elem(h, "button", button, "type", "submit", "class", "button", NULL);
	html_close(h, "form");
}

static void link_id(html *h, struct req *r, const char *prefix, int64_t id, const char *text)
{
	html_open(h, "a", "href", arena_printf(r->a, "%s/%" PRId64, prefix, id), NULL);
	html_elem(h, "bdi", text, NULL);
	html_close(h, "a");
}

static void body_form(html *h, struct req *r, const char *action, const struct pol_body *b, const struct form *f,
		      const char *heading_id, const char *button)
{
	const char *labels[BF__MAX] = { T(r, "Name"), T(r, "Kurzname"), T(r, "Art des Gremiums"),
					T(r, "Beschreibung") };
	fields_summary(h, r, pol_body_fields, f, labels);
	pol_editor_form_begin(h, r, action, heading_id, 0);
	pol_editor_field(h, r, pol_body_fields, f, BF_NAME, b ? b->name : NULL, labels[BF_NAME], NULL);
	pol_editor_field(h, r, pol_body_fields, f, BF_SHORT, b ? b->short_name : NULL, labels[BF_SHORT], NULL);
	pol_editor_field(h, r, pol_body_fields, f, BF_KIND, b ? b->kind : NULL, labels[BF_KIND],
	      T(r, "z. B. Arbeitskreis, Beirat, Ausschuss"));
	pol_editor_field(h, r, pol_body_fields, f, BF_DESCRIPTION, b ? b->description : NULL, labels[BF_DESCRIPTION], NULL);
	pol_editor_form_end(h, button);
}

/* The link to the page that deletes record id of kind (named name, for
 * the link's accessible name). */
void pol_editor_delete_link(html *h, struct req *r, int kind, int64_t id, const char *name)
{
	html_text(h, " ");
	html_elem(h, "a", T(r, "Löschen"), "class", "delete-link", "href", pol_delete_path(r, kind, id), "aria-label",
		  i18n_fill(r->a, T(r, "Löschen: {1}"), name, NULL), NULL);
}

void pol_editor_move_button(html *h, struct req *r, const char *action, int up, const char *name)
{
	html_open(h, "form", "class", "inline-form", "method", "post", "action", action, NULL);
	fields_csrf(h, r);
	html_void(h, "input", "type", "hidden", "name", "richtung", "value", up ? "hoch" : "runter", NULL);
	html_elem(h, "button", up ? T(r, "Nach oben") : T(r, "Nach unten"), "type", "submit", "class", "button secondary",
		  "aria-label", i18n_fill(r->a, up ? T(r, "Nach oben: {1}") : T(r, "Nach unten: {1}"), name, NULL), NULL);
	html_close(h, "form");
}

void pol_editor_view_home(struct req *r, struct resp *w, const struct pol_editor_home *p)
{
	html h = html_on(&w->body);
	layout_staff_begin(&h, r, T(r, "Gremien und Vorlagen"));
	if (p->notice)
		fields_notice(&h, p->notice);
	html_open(&h, "p", NULL);
	html_elem(&h, "a", T(r, "Entscheidungsprozesse"), "href", "/intern/prozesse", NULL);
	html_text(&h, " · ");
	html_elem(&h, "a", T(r, "Personen"), "href", "/intern/personen", NULL);
	html_text(&h, " · ");
	html_elem(&h, "a", T(r, "Wahlperioden"), "href", "/intern/wahlperioden", NULL);
	html_close(&h, "p");
	html_elem(&h, "h2", T(r, "Gremien"), NULL);
	html_open(&h, "ul", NULL);
	for (size_t i = 0; i < p->nbodies; i++) {
		html_open(&h, "li", NULL);
		link_id(&h, r, "/intern/gremien", p->bodies[i].id, p->bodies[i].name);
		html_close(&h, "li");
	}
	html_close(&h, "ul");
	html_elem(&h, "h2", T(r, "Neues Gremium"), "id", "neues-gremium", NULL);
	body_form(&h, r, "/intern/gremien/neu", NULL, p->bf, "neues-gremium", T(r, "Gremium anlegen"));

	html_elem(&h, "h2", T(r, "Vorlagen"), "id", "vorlagen", NULL);
	const char *heads[] = { T(r, "Datum"), T(r, "Nummer"), T(r, "Titel"), T(r, "Öffentlich"), T(r, "Aktion") };
	layout_table_begin(&h, r, "pol-ed-papers", T(r, "Vorlagen"), heads, 5);
	for (size_t i = 0; i < p->npapers; i++) {
		const struct pol_paper *x = &p->papers[i];
		html_open(&h, "tr", NULL);
		html_elem(&h, "td", x->date, NULL);
		html_open(&h, "td", NULL);
		html_elem(&h, "bdi", x->reference, NULL);
		html_close(&h, "td");
		html_open(&h, "td", NULL);
		if (x->public)
			link_id(&h, r, "/vorlagen", x->id, x->name);
		else
			html_elem(&h, "bdi", x->name, NULL);
		html_close(&h, "td");
		html_elem(&h, "td", x->public ? T(r, "ja") : T(r, "nein"), NULL);
		html_open(&h, "td", NULL);
		html_elem(&h, "a", T(r, "Ändern"), "href", arena_printf(r->a, "/intern/vorlagen/%" PRId64, x->id),
			  "aria-label", i18n_fill(r->a, T(r, "Ändern: {1}"), x->name, NULL), NULL);
		pol_editor_delete_link(&h, r, POL_DEL_PAPER, x->id, x->name);
		html_close(&h, "td");
		html_close(&h, "tr");
	}
	layout_table_end(&h);
	html_elem(&h, "h2", T(r, "Neue Vorlage"), "id", "neue-vorlage", NULL);
	const char *labels[PF__MAX] = { T(r, "Nummer"), T(r, "Titel"), T(r, "Datum"), T(r, "Art"), T(r, "Von"),
					T(r, "Zusammenfassung"), T(r, "Öffentlich zeigen") };
	fields_summary(&h, r, pol_paper_fields, p->pf, labels);
	pol_editor_form_begin(&h, r, "/intern/vorlagen/neu", "neue-vorlage", 0);
	for (int i = 0; i < PF__MAX; i++)
		pol_editor_field(&h, r, pol_paper_fields, p->pf, i, i == PF_PUBLIC ? "1" : NULL, labels[i],
		      i == PF_DATE ? T(r, "JJJJ-MM-TT, z. B. 2027-03-15") : NULL);
	pol_editor_form_end(&h, T(r, "Vorlage anlegen"));
	layout_end(&h, r);
}

static void meeting_fields(html *h, struct req *r, const struct form *f, const struct pol_meeting *m)
{
	char date[11] = "", tm_[6] = "";
	if (m)
		pol_utc_to_local(m->start_at, date, tm_);
	const char *labels[MF__MAX] = { T(r, "Name der Sitzung"), T(r, "Datum"), T(r, "Uhrzeit"), T(r, "Ort"),
					T(r, "Stand") };
	fields_summary(h, r, pol_meeting_fields, f, labels);
	const char *vals[MF__MAX] = { m ? m->name : NULL, m ? date : NULL, m ? tm_ : NULL, m ? m->place : NULL,
				      m ? m->state : "planned" };
	for (int i = 0; i < MF__MAX; i++)
		pol_editor_field(h, r, pol_meeting_fields, f, i, vals[i], labels[i],
		      i == MF_DATE ? T(r, "JJJJ-MM-TT, z. B. 2027-03-15")
		      : i == MF_TIME ? T(r, "HH:MM, Ortszeit Mainz") : NULL);
}

void pol_editor_view_body(struct req *r, struct resp *w, const struct pol_editor_body *p)
{
	html h = html_on(&w->body);
	layout_staff_begin(&h, r, p->body.name);
	if (p->notice)
		fields_notice(&h, p->notice);
	html_open(&h, "p", NULL);
	html_elem(&h, "a", T(r, "Alle Gremien und Vorlagen"), "href", "/intern/gremien", NULL);
	html_text(&h, " · ");
	html_elem(&h, "a", T(r, "Öffentliche Seite"), "href", arena_printf(r->a, "/gremien/%" PRId64, p->body.id), NULL);
	html_close(&h, "p");
	html_elem(&h, "h2", T(r, "Sitzungen"), NULL);
	html_open(&h, "ul", NULL);
	for (size_t i = 0; i < p->nmeetings; i++) {
		html_open(&h, "li", NULL);
		link_id(&h, r, "/intern/sitzungen", p->meetings[i].id, p->meetings[i].name);
		html_text(&h, " – ");
		html_text(&h, layout_time(r, p->meetings[i].start_at));
		html_close(&h, "li");
	}
	html_close(&h, "ul");
	html_elem(&h, "h2", T(r, "Neue Sitzung"), "id", "neue-sitzung", NULL);
	pol_editor_form_begin(&h, r, arena_printf(r->a, "/intern/gremien/%" PRId64 "/sitzungen", p->body.id), "neue-sitzung", 0);
	meeting_fields(&h, r, p->forms.mf, NULL);
	pol_editor_form_end(&h, T(r, "Sitzung anlegen"));
	pol_editor_members_section(&h, r, p);
	html_elem(&h, "h2", T(r, "Angaben zum Gremium"), "id", "angaben", NULL);
	body_form(&h, r, arena_printf(r->a, "/intern/gremien/%" PRId64, p->body.id), &p->body, p->forms.bf, "angaben",
		  T(r, "Speichern"));
	layout_end(&h, r);
}

void pol_editor_files_list(html *h, struct req *r, const struct pol_file *files, size_t n)
{
	if (n == 0) {
		html_elem(h, "p", T(r, "Noch keine."), NULL);
		return;
	}
	html_open(h, "ul", NULL);
	for (size_t i = 0; i < n; i++) {
		const struct pol_file *x = &files[i];
		html_open(h, "li", NULL);
		html_elem(h, "bdi", x->name, NULL);
		html_textf(h, " (%s, %lld Bytes, SHA-256 %.12s…)", pol_label(r, x->role), x->size, x->sha256);
		if (!x->public) {
			html_text(h, " ");
			html_elem(h, "span", T(r, "nicht öffentlich"), "class", "tag", NULL);
		}
		html_text(h, " ");
		html_elem(h, "a", T(r, "Ändern"), "href", arena_printf(r->a, "/intern/dateien/%" PRId64, x->id),
			  "aria-label", i18n_fill(r->a, T(r, "Ändern: {1}"), x->name, NULL), NULL);
		pol_editor_delete_link(h, r, POL_DEL_FILE, x->id, x->name);
		html_close(h, "li");
	}
	html_close(h, "ul");
}

void pol_editor_upload_form(html *h, struct req *r, const char *action, const struct form *ff, const char *problem)
{
	html_elem(h, "h3", T(r, "Datei hochladen"), "id", "neue-datei", NULL);
	const char *fl[FF__MAX] = { T(r, "Name"), T(r, "Art der Datei"), T(r, "Öffentlich zeigen") };
	if (problem)
		fields_alert(h, T(r, problem));
	else
		fields_summary(h, r, pol_file_fields, ff, fl);
	pol_editor_form_begin(h, r, action, "neue-datei", 1);
	for (int i = 0; i < FF__MAX; i++)
		pol_editor_field(h, r, pol_file_fields, ff, i, i == FF_PUBLIC ? "1" : i == FF_ROLE ? "minutes" : NULL, fl[i],
				 NULL);
	struct fields_in fin = { .name = "datei", .label = T(r, "PDF-Datei"), .type = "file",
				 .accept = "application/pdf", .required = 1, .err = problem };
	fields_input(h, r, &fin);
	pol_editor_form_end(h, T(r, "Hochladen"));
}

void pol_editor_view_meeting(struct req *r, struct resp *w, const struct pol_editor_meeting *p)
{
	const struct pol_meeting *m = &p->meeting;
	const char *base = arena_printf(r->a, "/intern/sitzungen/%" PRId64, m->id);
	html h = html_on(&w->body);
	layout_staff_begin(&h, r, m->name);
	if (p->notice)
		fields_notice(&h, p->notice);
	html_open(&h, "p", NULL);
	if (m->body_id)
		link_id(&h, r, "/intern/gremien", m->body_id, m->body_name);
	html_text(&h, " · ");
	html_elem(&h, "a", T(r, "Öffentliche Seite"), "href", arena_printf(r->a, "/sitzungen/%" PRId64, m->id), NULL);
	html_close(&h, "p");

	html_elem(&h, "h2", T(r, "Tagesordnung"), "id", "tagesordnung", NULL);
	html_open(&h, "ol", NULL);
	for (size_t i = 0; i < p->nitems; i++) {
		html_open(&h, "li", NULL);
		html_elem(&h, "bdi", p->items[i].name, NULL);
		if (!p->items[i].public) {
			html_text(&h, " ");
			html_elem(&h, "span", T(r, "nicht öffentlich"), "class", "tag", NULL);
		}
		html_text(&h, " ");
		html_elem(&h, "a", T(r, "Ändern"), "href",
			  arena_printf(r->a, "%s/punkte/%" PRId64, base, p->items[i].id), "aria-label",
			  i18n_fill(r->a, T(r, "Ändern: {1}"), p->items[i].name, NULL), NULL);
		pol_editor_delete_link(&h, r, POL_DEL_ITEM, p->items[i].id, p->items[i].name);
		const char *mv = arena_printf(r->a, "%s/punkte/%" PRId64 "/verschieben", base, p->items[i].id);
		if (i > 0)
			pol_editor_move_button(&h, r, mv, 1, p->items[i].name);
		if (i + 1 < p->nitems)
			pol_editor_move_button(&h, r, mv, 0, p->items[i].name);
		html_close(&h, "li");
	}
	html_close(&h, "ol");
	html_elem(&h, "h3", T(r, "Neuer Tagesordnungspunkt"), "id", "neuer-punkt", NULL);
	const char *il[IF__MAX] = { T(r, "Nummer"), T(r, "Titel"), T(r, "Öffentlich zeigen"), T(r, "Ergebnis") };
	fields_summary(&h, r, pol_item_fields, p->forms.itf, il);
	pol_editor_form_begin(&h, r, arena_printf(r->a, "%s/punkte", base), "neuer-punkt", 0);
	for (int i = 0; i < IF__MAX; i++)
		pol_editor_field(&h, r, pol_item_fields, p->forms.itf, i, i == IF_PUBLIC ? "1" : NULL, il[i], NULL);
	pol_editor_form_end(&h, T(r, "Punkt hinzufügen"));

	html_elem(&h, "h2", T(r, "Beratungen"), "id", "beratungen", NULL);
	html_open(&h, "ul", NULL);
	for (size_t i = 0; i < p->ncons; i++) {
		html_open(&h, "li", NULL);
		html_text(&h, pol_label(r, p->cons[i].purpose));
		html_text(&h, ": ");
		html_elem(&h, "bdi", p->cons[i].paper_name, NULL);
		if (*p->cons[i].result) {
			html_text(&h, " – ");
			html_elem(&h, "bdi", p->cons[i].result, NULL);
		}
		html_text(&h, " ");
		html_elem(&h, "a", T(r, "Ändern"), "href",
			  arena_printf(r->a, "%s/beratungen/%" PRId64, base, p->cons[i].id), "aria-label",
			  i18n_fill(r->a, T(r, "Ändern: {1}"), p->cons[i].paper_name, NULL), NULL);
		pol_editor_delete_link(&h, r, POL_DEL_CONSULTATION, p->cons[i].id, p->cons[i].paper_name);
		html_close(&h, "li");
	}
	html_close(&h, "ul");
	html_elem(&h, "h3", T(r, "Vorlage beraten"), "id", "neue-beratung", NULL);
	const char *cl[CF__MAX] = { T(r, "Vorlage"), T(r, "Tagesordnungspunkt"), T(r, "Zweck"), T(r, "Ergebnis") };
	fields_summary(&h, r, pol_cons_fields, p->forms.cf, cl);
	pol_editor_form_begin(&h, r, arena_printf(r->a, "%s/beratungen", base), "neue-beratung", 0);
	{
		const char **vals = arena_alloc(r->a, (p->npapers + 1) * sizeof(*vals));
		const char **labs = arena_alloc(r->a, (p->npapers + 1) * sizeof(*labs));
		for (size_t i = 0; i < p->npapers; i++) {
			vals[i] = arena_printf(r->a, "%" PRId64, p->papers[i].id);
			labs[i] = arena_printf(r->a, "%s %s", p->papers[i].reference, p->papers[i].name);
		}
		struct fields_in in = fields_of(&pol_cons_fields[CF_PAPER], p->forms.cf ? p->forms.cf->val[CF_PAPER] : NULL,
						p->forms.cf ? p->forms.cf->err[CF_PAPER] : NULL);
		in.label = cl[CF_PAPER];
		fields_select(&h, r, &in, T(r, "Bitte wählen"), vals, labs, p->npapers);
		const char **iv = arena_alloc(r->a, (p->nitems + 1) * sizeof(*iv));
		const char **ilab = arena_alloc(r->a, (p->nitems + 1) * sizeof(*ilab));
		for (size_t i = 0; i < p->nitems; i++) {
			iv[i] = arena_printf(r->a, "%" PRId64, p->items[i].id);
			ilab[i] = p->items[i].name;
		}
		in = fields_of(&pol_cons_fields[CF_ITEM], p->forms.cf ? p->forms.cf->val[CF_ITEM] : NULL,
			       p->forms.cf ? p->forms.cf->err[CF_ITEM] : NULL);
		in.label = cl[CF_ITEM];
		fields_select(&h, r, &in, T(r, "ohne Punkt"), iv, ilab, p->nitems);
		pol_editor_field(&h, r, pol_cons_fields, p->forms.cf, CF_PURPOSE, "decision", cl[CF_PURPOSE], NULL);
		pol_editor_field(&h, r, pol_cons_fields, p->forms.cf, CF_RESULT, NULL, cl[CF_RESULT], NULL);
	}
	pol_editor_form_end(&h, T(r, "Beratung hinzufügen"));

	html_elem(&h, "h2", T(r, "Dateien"), "id", "dateien", NULL);
	pol_editor_files_list(&h, r, p->files, p->nfiles);
	pol_editor_upload_form(&h, r, arena_printf(r->a, "%s/dateien", base), p->forms.ff, p->forms.file_problem);

	html_elem(&h, "h2", T(r, "Aufgaben"), "id", "aufgaben", NULL);
	if (p->nactions == 0)
		html_elem(&h, "p", T(r, "Noch keine."), NULL);
	else {
		const char *const heads[] = { T(r, "Was"), T(r, "Wer"), T(r, "Bis"), T(r, "Erledigt") };
		layout_table_begin(&h, r, "pol-ed-actions", T(r, "Aufgaben aus dieser Sitzung"), heads, 4);
		for (size_t i = 0; i < p->nactions; i++) {
			const struct pol_action *x = &p->actions[i];
			html_open(&h, "tr", NULL);
			html_open(&h, "td", NULL);
			layout_lines(&h, r, x->text);
			html_text(&h, " ");
			html_elem(&h, "a", T(r, "Ändern"), "href",
				  arena_printf(r->a, "%s/aufgaben/%" PRId64, base, x->id), "aria-label",
				  i18n_fill(r->a, T(r, "Ändern: {1}"), x->text, NULL), NULL);
			html_close(&h, "td");
			html_elem(&h, "td", x->who, "dir", "auto", NULL);
			html_elem(&h, "td", layout_date(r, x->due), NULL);
			html_open(&h, "td", NULL);
			fields_done_button(&h, r, arena_printf(r->a, "%s/aufgaben/%" PRId64 "/erledigt", base, x->id), x->done,
					   NULL);
			if (x->done)
				html_elem(&h, "span", T(r, "erledigt"), "class", "tag tag-done", NULL);
			html_close(&h, "td");
			html_close(&h, "tr");
		}
		layout_table_end(&h);
	}
	html_elem(&h, "h3", T(r, "Aufgabe hinzufügen"), "id", "neue-aufgabe", NULL);
	const char *al[AF__MAX] = { T(r, "Was"), T(r, "Wer"), T(r, "Bis") };
	fields_summary(&h, r, pol_action_fields, p->forms.af, al);
	pol_editor_form_begin(&h, r, arena_printf(r->a, "%s/aufgaben", base), "neue-aufgabe", 0);
	for (int i = 0; i < AF__MAX; i++)
		pol_editor_field(&h, r, pol_action_fields, p->forms.af, i, NULL, al[i],
				 i == AF_DUE ? T(r, "JJJJ-MM-TT, z. B. 2027-03-15") : NULL);
	pol_editor_form_end(&h, T(r, "Aufgabe hinzufügen"));

	html_elem(&h, "h2", T(r, "Angaben zur Sitzung"), "id", "angaben", NULL);
	pol_editor_form_begin(&h, r, base, "angaben", 0);
	meeting_fields(&h, r, p->forms.mf, m);
	pol_editor_form_end(&h, T(r, "Speichern"));
	layout_end(&h, r);
}

void pol_editor_view_delete(struct req *r, struct resp *w, const char *action, const char *name, const char *back)
{
	html h = html_on(&w->body);
	layout_staff_begin(&h, r, T(r, "Löschen?"));
	html_open(&h, "p", "class", "lead", NULL);
	html_elem(&h, "bdi", name, NULL);
	html_close(&h, "p");
	fields_alert_heading(&h, T(r, "Das lässt sich nicht rückgängig machen"),
			     T(r, "Es verschwindet von den öffentlichen Seiten, aus der Suche und aus den Listen hier. Die "
				  "OParl-Schnittstelle meldet es als gelöscht. Das Protokoll hält fest, wer es gelöscht hat."));
	pol_editor_form_begin(&h, r, action, NULL, 0);
	html_open(&h, "p", NULL);
	html_elem(&h, "button", T(r, "Endgültig löschen"), "type", "submit", "class", "button", NULL);
	html_text(&h, " ");
	html_elem(&h, "a", T(r, "Abbrechen"), "href", back, NULL);
	html_close(&h, "p");
	html_close(&h, "form");
	layout_end(&h, r);
}

void pol_editor_view_item(struct req *r, struct resp *w, const struct pol_item *it, const struct form *f,
			  const char *action, const char *back)
{
	html h = html_on(&w->body);
	layout_staff_begin(&h, r, T(r, "Tagesordnungspunkt ändern"));
	html_open(&h, "p", NULL);
	html_elem(&h, "a", T(r, "Zurück zur Sitzung"), "href", back, NULL);
	html_close(&h, "p");
	const char *il[IF__MAX] = { T(r, "Nummer"), T(r, "Titel"), T(r, "Öffentlich zeigen"), T(r, "Ergebnis") };
	fields_summary(&h, r, pol_item_fields, f, il);
	html_elem(&h, "h2", it->name, "id", "punkt", NULL);
	pol_editor_form_begin(&h, r, action, "punkt", 0);
	const char *vals[IF__MAX] = { it->number, it->name, it->public ? "1" : NULL, it->result };
	for (int i = 0; i < IF__MAX; i++)
		pol_editor_field(&h, r, pol_item_fields, f, i, vals[i] && *vals[i] ? vals[i] : NULL, il[i], NULL);
	pol_editor_form_end(&h, T(r, "Speichern"));
	layout_end(&h, r);
}

void pol_editor_view_paper(struct req *r, struct resp *w, const struct pol_paper *p, const struct form *f,
			   const char *action, const struct pol_paper_files *pf)
{
	html h = html_on(&w->body);
	layout_staff_begin(&h, r, T(r, "Vorlage ändern"));
	html_open(&h, "p", NULL);
	html_elem(&h, "a", T(r, "Gremien und Vorlagen"), "href", "/intern/gremien#vorlagen", NULL);
	html_close(&h, "p");
	const char *labels[PF__MAX] = { T(r, "Nummer"), T(r, "Titel"), T(r, "Datum"), T(r, "Art"), T(r, "Von"),
					T(r, "Zusammenfassung"), T(r, "Öffentlich zeigen") };
	fields_summary(&h, r, pol_paper_fields, f, labels);
	html_elem(&h, "h2", p->name, "id", "vorlage", NULL);
	pol_editor_form_begin(&h, r, action, "vorlage", 0);
	const char *vals[PF__MAX] = { p->reference, p->name, p->date, p->kind, p->originator, p->summary,
				      p->public ? "1" : NULL };
	for (int i = 0; i < PF__MAX; i++)
		pol_editor_field(&h, r, pol_paper_fields, f, i, vals[i] && *vals[i] ? vals[i] : NULL, labels[i],
				 i == PF_DATE ? T(r, "JJJJ-MM-TT, z. B. 2027-03-15") : NULL);
	pol_editor_form_end(&h, T(r, "Speichern"));
	html_elem(&h, "h2", T(r, "Dateien"), "id", "dateien", NULL);
	pol_editor_files_list(&h, r, pf->files, pf->nfiles);
	pol_editor_upload_form(&h, r, arena_printf(r->a, "%s/dateien", action), pf->ff, pf->file_problem);
	layout_end(&h, r);
}
