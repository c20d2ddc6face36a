/* process_views.c — the HTML of the decision processes in the staff area:
 * the list with a form for a new process, and a process's timeline (each
 * step with its links to change, delete and order it among the steps of
 * its day) with a form for its next step and the process's own data. */
#include "policy/editor_internal.h"
#include "policy/policy_internal.h"
#include "html/fields.h"
#include "core/i18n.h"
#include "html/layout.h"

#include <inttypes.h>
#include <string.h>

void pol_editor_view_processes(struct req *r, struct resp *w, const struct pol_editor_processes *p)
{
	html h = html_on(&w->body);
	layout_staff_begin(&h, r, T(r, "Entscheidungsprozesse"));
	if (p->notice)
		fields_notice(&h, p->notice);
	html_open(&h, "ul", NULL);
	for (size_t i = 0; i < p->n; i++) {
		html_open(&h, "li", NULL);
		html_open(&h, "a", "href", arena_printf(r->a, "/intern/prozesse/%" PRId64, p->procs[i].id), NULL);
		html_elem(&h, "bdi", p->procs[i].title, NULL);
		html_close(&h, "a");
		if (!p->procs[i].public) {
			html_text(&h, " ");
			html_elem(&h, "span", T(r, "nicht öffentlich"), "class", "tag", NULL);
		}
		html_close(&h, "li");
	}
	html_close(&h, "ul");
	html_elem(&h, "h2", T(r, "Neuer Entscheidungsprozess"), "id", "neuer-prozess", NULL);
	const char *labels[RF__MAX] = { T(r, "Thema"), T(r, "Zusammenfassung"), T(r, "Öffentlich zeigen") };
	fields_summary(&h, r, pol_process_fields, p->rf, labels);
	pol_editor_form_begin(&h, r, "/intern/prozesse/neu", "neuer-prozess", 0);
	for (int i = 0; i < RF__MAX; i++)
		pol_editor_field(&h, r, pol_process_fields, p->rf, i, i == RF_PUBLIC ? "1" : NULL, labels[i], NULL);
	pol_editor_form_end(&h, T(r, "Prozess anlegen"));
	layout_end(&h, r);
}

void pol_editor_step_links(html *h, struct req *r, const struct form *f, const struct pol_paper *papers,
			   size_t npapers, const struct pol_meeting *meetings, size_t nmeetings, int64_t paper_id,
			   int64_t meeting_id, const char *const *labels)
{
	const char **pv = arena_alloc(r->a, (npapers + 1) * sizeof(*pv));
	const char **pl = arena_alloc(r->a, (npapers + 1) * sizeof(*pl));
	for (size_t i = 0; i < npapers; i++) {
		pv[i] = arena_printf(r->a, "%" PRId64, papers[i].id);
		pl[i] = arena_printf(r->a, "%s %s", papers[i].reference, papers[i].name);
	}
	struct fields_in in = fields_of(&pol_step_fields[SF_PAPER],
					f ? f->val[SF_PAPER] : paper_id ? arena_printf(r->a, "%" PRId64, paper_id) : NULL,
					f ? f->err[SF_PAPER] : NULL);
	in.label = labels[SF_PAPER];
	fields_select(h, r, &in, T(r, "keine"), pv, pl, npapers);
	const char **mv = arena_alloc(r->a, (nmeetings + 1) * sizeof(*mv));
	const char **ml = arena_alloc(r->a, (nmeetings + 1) * sizeof(*ml));
	for (size_t i = 0; i < nmeetings; i++) {
		mv[i] = arena_printf(r->a, "%" PRId64, meetings[i].id);
		ml[i] = arena_printf(r->a, "%.10s %s", meetings[i].start_at, meetings[i].name);
	}
	in = fields_of(&pol_step_fields[SF_MEETING],
		       f ? f->val[SF_MEETING] : meeting_id ? arena_printf(r->a, "%" PRId64, meeting_id) : NULL,
		       f ? f->err[SF_MEETING] : NULL);
	in.label = labels[SF_MEETING];
	fields_select(h, r, &in, T(r, "keine"), mv, ml, nmeetings);
}

void pol_editor_view_process(struct req *r, struct resp *w, const struct pol_editor_process *p)
{
	html h = html_on(&w->body);
	layout_staff_begin(&h, r, p->proc.title);
	if (p->notice)
		fields_notice(&h, p->notice);
	html_open(&h, "p", NULL);
	html_elem(&h, "a", T(r, "Alle Entscheidungsprozesse"), "href", "/intern/prozesse", NULL);
	if (p->proc.public) {
		html_text(&h, " · ");
		html_elem(&h, "a", T(r, "Öffentliche Seite"), "href",
			  arena_printf(r->a, "/prozesse/%" PRId64, p->proc.id), NULL);
	} else {
		html_text(&h, " ");
		html_elem(&h, "span", T(r, "nicht öffentlich"), "class", "tag", NULL);
	}
	html_close(&h, "p");
	html_elem(&h, "h2", T(r, "Zeitleiste"), "id", "zeitleiste", NULL);
	if (p->nsteps > 1)
		html_elem(&h, "p", T(r, "Die Schritte stehen nach ihrem Datum. Schritte vom selben Tag lassen sich mit "
				       "„Nach oben“ und „Nach unten“ ordnen."),
			  "class", "field-hint", NULL);
	html_open(&h, "ol", "class", "steps", NULL);
	for (size_t i = 0; i < p->nsteps; i++) {
		const struct pol_step *x = &p->steps[i];
		html_open(&h, "li", "id", arena_printf(r->a, "schritt-%" PRId64, x->id), NULL);
		html_text(&h, layout_date(r, x->date));
		html_text(&h, " – ");
		html_text(&h, pol_label(r, x->kind));
		html_text(&h, ": ");
		html_elem(&h, "bdi", x->text, NULL);
		html_text(&h, " ");
		html_elem(&h, "a", T(r, "Ändern"), "href",
			  arena_printf(r->a, "/intern/prozesse/%" PRId64 "/schritte/%" PRId64, p->proc.id, x->id),
			  "aria-label", i18n_fill(r->a, T(r, "Ändern: {1}"), x->text, NULL), NULL);
		pol_editor_delete_link(&h, r, POL_DEL_STEP, x->id, x->text);
		int up = i > 0 && strcmp(p->steps[i - 1].date, x->date) == 0;
		int down = i + 1 < p->nsteps && strcmp(p->steps[i + 1].date, x->date) == 0;
		const char *mv = arena_printf(r->a, "/intern/prozesse/%" PRId64 "/schritte/%" PRId64 "/verschieben",
					      x->process_id, x->id);
		if (up)
			pol_editor_move_button(&h, r, mv, 1, x->text);
		if (down)
			pol_editor_move_button(&h, r, mv, 0, x->text);
		html_close(&h, "li");
	}
	html_close(&h, "ol");
	html_elem(&h, "h2", T(r, "Neuer Schritt"), "id", "neuer-schritt", NULL);
	const char *labels[SF__MAX] = { T(r, "Datum"), T(r, "Art"), T(r, "Was geschah"), T(r, "Vorlage"), T(r, "Sitzung") };
	fields_summary(&h, r, pol_step_fields, p->sf, labels);
	pol_editor_form_begin(&h, r, arena_printf(r->a, "/intern/prozesse/%" PRId64 "/schritte", p->proc.id),
			      "neuer-schritt", 0);
	pol_editor_field(&h, r, pol_step_fields, p->sf, SF_DATE, NULL, labels[SF_DATE], T(r, "JJJJ-MM-TT, z. B. 2027-03-15"));
	pol_editor_field(&h, r, pol_step_fields, p->sf, SF_KIND, NULL, labels[SF_KIND], NULL);
	pol_editor_field(&h, r, pol_step_fields, p->sf, SF_TEXT, NULL, labels[SF_TEXT], NULL);
	pol_editor_step_links(&h, r, p->sf, p->papers, p->npapers, p->meetings, p->nmeetings, 0, 0, labels);
	pol_editor_form_end(&h, T(r, "Schritt hinzufügen"));

	html_elem(&h, "h2", T(r, "Angaben zum Prozess"), "id", "angaben", NULL);
	const char *pl[RF__MAX] = { T(r, "Thema"), T(r, "Zusammenfassung"), T(r, "Öffentlich zeigen") };
	fields_summary(&h, r, pol_process_fields, p->rf, pl);
	pol_editor_form_begin(&h, r, arena_printf(r->a, "/intern/prozesse/%" PRId64, p->proc.id), "angaben", 0);
	const char *vals[RF__MAX] = { p->proc.title, *p->proc.summary ? p->proc.summary : NULL,
				      p->proc.public ? "1" : NULL };
	for (int i = 0; i < RF__MAX; i++)
		pol_editor_field(&h, r, pol_process_fields, p->rf, i, vals[i], pl[i],
				 i == RF_PUBLIC ? T(r, "Ohne Haken ist die Zeitleiste nur hier im internen Bereich zu sehen.") : NULL);
	pol_editor_form_end(&h, T(r, "Speichern"));
	layout_end(&h, r);
}

void pol_editor_view_step(struct req *r, struct resp *w, const struct pol_editor_step *p)
{
	const struct pol_step *x = p->step;
	html h = html_on(&w->body);
	layout_staff_begin(&h, r, T(r, "Schritt ändern"));
	html_open(&h, "p", NULL);
	html_elem(&h, "a", T(r, "Zurück zum Prozess"), "href", p->back, NULL);
	html_close(&h, "p");
	const char *labels[SF__MAX] = { T(r, "Datum"), T(r, "Art"), T(r, "Was geschah"), T(r, "Vorlage"), T(r, "Sitzung") };
	fields_summary(&h, r, pol_step_fields, p->f, labels);
	html_elem(&h, "h2", T(r, "Der Schritt"), "id", "schritt", NULL);
	pol_editor_form_begin(&h, r, p->action, "schritt", 0);
	pol_editor_field(&h, r, pol_step_fields, p->f, SF_DATE, x->date, labels[SF_DATE],
			 T(r, "JJJJ-MM-TT, z. B. 2027-03-15"));
	pol_editor_field(&h, r, pol_step_fields, p->f, SF_KIND, x->kind, labels[SF_KIND], NULL);
	pol_editor_field(&h, r, pol_step_fields, p->f, SF_TEXT, x->text, labels[SF_TEXT], NULL);
	pol_editor_step_links(&h, r, p->f, p->papers, p->npapers, p->meetings, p->nmeetings, x->paper_id, x->meeting_id,
			      labels);
	pol_editor_form_end(&h, T(r, "Speichern"));
	layout_end(&h, r);
}
