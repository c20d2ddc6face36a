/* process_views.c — the HTML of the decision processes in the staff area:
 * the list with a form for a new process, and a process's timeline with a
 * form for its next step. */
#include "policy/editor_internal.h"
#include "policy/policy_internal.h"
#include "html/fields.h"
#include "core/i18n.h"
#include "html/layout.h"

#include <inttypes.h>

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
	}
	html_close(&h, "p");
	html_elem(&h, "h2", T(r, "Zeitleiste"), "id", "zeitleiste", NULL);
	html_open(&h, "ol", NULL);
	for (size_t i = 0; i < p->nsteps; i++) {
		const struct pol_step *x = &p->steps[i];
		html_open(&h, "li", NULL);
		html_text(&h, layout_date(r, x->date));
		html_text(&h, " – ");
		html_text(&h, pol_label(r, x->kind));
		html_text(&h, ": ");
		html_elem(&h, "bdi", x->text, NULL);
		pol_editor_delete_link(&h, r, POL_DEL_STEP, x->id, x->text);
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
	const char **pv = arena_alloc(r->a, (p->npapers + 1) * sizeof(*pv));
	const char **pl = arena_alloc(r->a, (p->npapers + 1) * sizeof(*pl));
	for (size_t i = 0; i < p->npapers; i++) {
		pv[i] = arena_printf(r->a, "%" PRId64, p->papers[i].id);
		pl[i] = arena_printf(r->a, "%s %s", p->papers[i].reference, p->papers[i].name);
	}
	struct fields_in in = fields_of(&pol_step_fields[SF_PAPER], p->sf ? p->sf->val[SF_PAPER] : NULL,
					p->sf ? p->sf->err[SF_PAPER] : NULL);
	in.label = labels[SF_PAPER];
	fields_select(&h, r, &in, T(r, "keine"), pv, pl, p->npapers);
	const char **mv = arena_alloc(r->a, (p->nmeetings + 1) * sizeof(*mv));
	const char **ml = arena_alloc(r->a, (p->nmeetings + 1) * sizeof(*ml));
	for (size_t i = 0; i < p->nmeetings; i++) {
		mv[i] = arena_printf(r->a, "%" PRId64, p->meetings[i].id);
		ml[i] = arena_printf(r->a, "%.10s %s", p->meetings[i].start_at, p->meetings[i].name);
	}
	in = fields_of(&pol_step_fields[SF_MEETING], p->sf ? p->sf->val[SF_MEETING] : NULL,
		       p->sf ? p->sf->err[SF_MEETING] : NULL);
	in.label = labels[SF_MEETING];
	fields_select(&h, r, &in, T(r, "keine"), mv, ml, p->nmeetings);
	pol_editor_form_end(&h, T(r, "Schritt hinzufügen"));
	layout_end(&h, r);
}
