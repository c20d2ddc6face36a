/* members_views.c — the HTML of who sits on the bodies: a body's members
 * with the form to add one (an existing person picked by name, or a new
 * person), a membership's form, the persons and one person with their
 * memberships, the legislative terms; each form with its errors and
 * values. */
#include "policy/editor_internal.h"
#include "policy/policy_internal.h"
#include "core/i18n.h"
#include "html/fields.h"
#include "html/layout.h"

#include <inttypes.h>

static const char *date_hint(struct req *r)
{
	return T(r, "JJJJ-MM-TT, z. B. 2027-03-15");
}

static void dates_of(struct req *r, html *h, const char *start, const char *end)
{
	html_elem(h, "td", *start ? layout_date(r, start) : "", NULL);
	html_elem(h, "td", *end ? layout_date(r, end) : T(r, "heute"), NULL);
}

/* Role, from, until and voting right of a membership form. */
static void membership_fields(html *h, struct req *r, const struct form *f, const struct pol_membership *m,
			      const char *const *labels)
{
	pol_editor_field(h, r, pol_member_fields, f, MBF_ROLE, m ? m->role : NULL, labels[MBF_ROLE],
			 T(r, "z. B. Vorsitz, Mitglied, stellvertretendes Mitglied"));
	pol_editor_field(h, r, pol_member_fields, f, MBF_START, m ? m->start_date : NULL, labels[MBF_START],
			 date_hint(r));
	pol_editor_field(h, r, pol_member_fields, f, MBF_END, m ? m->end_date : NULL, labels[MBF_END],
			 T(r, "Leer lassen, solange die Mitgliedschaft dauert. Ein Datum beendet sie."));
	pol_editor_field(h, r, pol_member_fields, f, MBF_VOTING, m ? (m->voting_right ? "1" : NULL) : "1",
			 labels[MBF_VOTING], NULL);
}

static void member_labels(struct req *r, const char **labels)
{
	labels[MBF_PERSON] = T(r, "Person");
	labels[MBF_GIVEN] = T(r, "Vorname");
	labels[MBF_FAMILY] = T(r, "Nachname");
	labels[MBF_ORGANISATION] = T(r, "Organisation");
	labels[MBF_ROLE] = T(r, "Rolle");
	labels[MBF_START] = T(r, "Mitglied seit");
	labels[MBF_END] = T(r, "Mitglied bis");
	labels[MBF_VOTING] = T(r, "mit Stimmrecht");
}

void pol_editor_members_section(html *h, struct req *r, const struct pol_editor_body *p)
{
	html_elem(h, "h2", T(r, "Mitglieder"), "id", "mitglieder", NULL);
	const char *heads[] = { T(r, "Name"), T(r, "Rolle"), T(r, "seit"), T(r, "bis"), T(r, "Aktion") };
	layout_table_begin(h, r, "pol-ed-members", T(r, "Mitglieder"), heads, 5);
	for (size_t i = 0; i < p->nmembers; i++) {
		const struct pol_membership *m = &p->members[i];
		html_open(h, "tr", NULL);
		html_open(h, "td", NULL);
		html_open(h, "a", "href", arena_printf(r->a, "/intern/personen/%" PRId64, m->person_id), NULL);
		html_elem(h, "bdi", m->person_name, NULL);
		html_close(h, "a");
		html_close(h, "td");
		html_elem(h, "td", m->voting_right ? m->role : i18n_fill(r->a, T(r, "{1} (ohne Stimmrecht)"), m->role, NULL),
			  NULL);
		dates_of(r, h, m->start_date, m->end_date);
		html_open(h, "td", NULL);
		html_elem(h, "a", T(r, "Ändern"), "href", arena_printf(r->a, "/intern/mitgliedschaften/%" PRId64, m->id),
			  "aria-label", i18n_fill(r->a, T(r, "Ändern: {1}"), m->person_name, NULL), NULL);
		pol_editor_delete_link(h, r, POL_DEL_MEMBERSHIP, m->id, m->person_name);
		html_close(h, "td");
		html_close(h, "tr");
	}
	layout_table_end(h);

	html_elem(h, "h3", T(r, "Mitglied hinzufügen"), "id", "neues-mitglied", NULL);
	const char *labels[MBF__MAX];
	member_labels(r, labels);
	const struct form *f = p->forms.msf;
	fields_summary(h, r, pol_member_fields, f, labels);
	pol_editor_form_begin(h, r, arena_printf(r->a, "/intern/gremien/%" PRId64 "/mitglieder", p->body.id),
			      "neues-mitglied", 0);
	const char **ids = arena_alloc(r->a, (p->npersons + 1) * sizeof(*ids));
	const char **names = arena_alloc(r->a, (p->npersons + 1) * sizeof(*names));
	const char **orgs = arena_alloc(r->a, (p->npersons + 1) * sizeof(*orgs));
	for (size_t i = 0; i < p->npersons; i++) {
		ids[i] = arena_printf(r->a, "%" PRId64, p->persons[i].id);
		names[i] = p->persons[i].name;
		orgs[i] = p->persons[i].organisation;
	}
	struct fields_in in = fields_of(&pol_member_fields[MBF_PERSON], f ? f->val[MBF_PERSON] : NULL,
					f ? f->err[MBF_PERSON] : NULL);
	in.label = labels[MBF_PERSON];
	in.hint = T(r, "Eine Person, die schon erfasst ist – oder leer lassen und die neue Person darunter eintragen.");
	fields_pick(h, r, &in, T(r, "– neue Person –"), ids, names, orgs, p->npersons);
	html_open(h, "fieldset", NULL);
	html_elem(h, "legend", T(r, "Neue Person"), NULL);
	for (int i = MBF_GIVEN; i <= MBF_ORGANISATION; i++)
		pol_editor_field(h, r, pol_member_fields, f, i, NULL, labels[i], NULL);
	html_close(h, "fieldset");
	membership_fields(h, r, f, NULL, labels);
	pol_editor_form_end(h, T(r, "Mitglied hinzufügen"));
}

void pol_editor_view_membership(struct req *r, struct resp *w, const struct pol_membership *m, const struct form *f)
{
	html h = html_on(&w->body);
	layout_staff_begin(&h, r, i18n_fill(r->a, T(r, "{1} in {2}"), m->person_name, m->body_name, NULL));
	html_open(&h, "p", NULL);
	html_elem(&h, "a", i18n_fill(r->a, T(r, "Zurück zu {1}"), m->body_name, NULL), "href",
		  arena_printf(r->a, "/intern/gremien/%" PRId64 "#mitglieder", m->body_id), NULL);
	html_close(&h, "p");
	const char *labels[MBF__MAX];
	member_labels(r, labels);
	html_elem(&h, "h2", T(r, "Mitgliedschaft"), "id", "mitgliedschaft", NULL);
	fields_summary(&h, r, pol_member_fields, f, labels);
	pol_editor_form_begin(&h, r, arena_printf(r->a, "/intern/mitgliedschaften/%" PRId64, m->id), "mitgliedschaft", 0);
	membership_fields(&h, r, f, m, labels);
	pol_editor_form_end(&h, T(r, "Speichern"));
	layout_end(&h, r);
}

/* ---- persons ---- */

static void person_form(html *h, struct req *r, const char *action, const struct pol_person *p, const struct form *f,
			const char *heading_id, const char *button)
{
	const char *labels[PSF__MAX] = { T(r, "Vorname"), T(r, "Nachname"), T(r, "Organisation") };
	fields_summary(h, r, pol_person_fields, f, labels);
	pol_editor_form_begin(h, r, action, heading_id, 0);
	const char *vals[PSF__MAX] = { p ? p->given_name : NULL, p ? p->family_name : NULL, p ? p->organisation : NULL };
	for (int i = 0; i < PSF__MAX; i++)
		pol_editor_field(h, r, pol_person_fields, f, i, vals[i], labels[i], NULL);
	pol_editor_form_end(h, button);
}

static void back_home(html *h, struct req *r)
{
	html_open(h, "p", NULL);
	html_elem(h, "a", T(r, "Alle Gremien und Vorlagen"), "href", "/intern/gremien", NULL);
	html_close(h, "p");
}

void pol_editor_view_persons(struct req *r, struct resp *w, const struct pol_person *p, size_t n, const struct form *f,
			     const char *notice)
{
	html h = html_on(&w->body);
	layout_staff_begin(&h, r, T(r, "Personen in den Gremien"));
	if (notice)
		fields_notice(&h, notice);
	back_home(&h, r);
	const char *heads[] = { T(r, "Name"), T(r, "Organisation") };
	layout_table_begin(&h, r, "pol-ed-persons", T(r, "Personen"), heads, 2);
	for (size_t i = 0; i < n; i++) {
		html_open(&h, "tr", NULL);
		html_open(&h, "td", NULL);
		html_open(&h, "a", "href", arena_printf(r->a, "/intern/personen/%" PRId64, p[i].id), NULL);
		html_elem(&h, "bdi", p[i].name, NULL);
		html_close(&h, "a");
		html_close(&h, "td");
		html_open(&h, "td", NULL);
		html_elem(&h, "bdi", p[i].organisation, NULL);
		html_close(&h, "td");
		html_close(&h, "tr");
	}
	layout_table_end(&h);
	html_elem(&h, "h2", T(r, "Neue Person"), "id", "neue-person", NULL);
	person_form(&h, r, "/intern/personen/neu", NULL, f, "neue-person", T(r, "Person anlegen"));
	layout_end(&h, r);
}

void pol_editor_view_person(struct req *r, struct resp *w, const struct pol_person *p, const struct pol_membership *ms,
			    size_t nms, const struct form *f, const char *notice)
{
	html h = html_on(&w->body);
	layout_staff_begin(&h, r, p->name);
	if (notice)
		fields_notice(&h, notice);
	html_open(&h, "p", NULL);
	html_elem(&h, "a", T(r, "Alle Personen"), "href", "/intern/personen", NULL);
	html_close(&h, "p");
	html_elem(&h, "h2", T(r, "Mitgliedschaften"), NULL);
	if (nms == 0) {
		html_elem(&h, "p", T(r, "Keine Mitgliedschaften."), NULL);
	} else {
		const char *heads[] = { T(r, "Gremium"), T(r, "Rolle"), T(r, "seit"), T(r, "bis") };
		layout_table_begin(&h, r, "pol-ed-person-ms", T(r, "Mitgliedschaften"), heads, 4);
		for (size_t i = 0; i < nms; i++) {
			html_open(&h, "tr", NULL);
			html_open(&h, "td", NULL);
			html_open(&h, "a", "href", arena_printf(r->a, "/intern/mitgliedschaften/%" PRId64, ms[i].id), NULL);
			html_elem(&h, "bdi", ms[i].body_name, NULL);
			html_close(&h, "a");
			html_close(&h, "td");
			html_elem(&h, "td", ms[i].role, NULL);
			dates_of(r, &h, ms[i].start_date, ms[i].end_date);
			html_close(&h, "tr");
		}
		layout_table_end(&h);
	}
	html_elem(&h, "h2", T(r, "Name und Organisation"), "id", "person", NULL);
	person_form(&h, r, arena_printf(r->a, "/intern/personen/%" PRId64, p->id), p, f, "person", T(r, "Speichern"));
	if (nms == 0) { /* a person with memberships keeps them as history */
		html_open(&h, "p", NULL);
		pol_editor_delete_link(&h, r, POL_DEL_PERSON, p->id, p->name);
		html_close(&h, "p");
	}
	layout_end(&h, r);
}

/* ---- legislative terms ---- */

static void term_form(html *h, struct req *r, const char *action, const struct pol_term *t, const struct form *f,
		      const char *heading_id, const char *button)
{
	const char *labels[TF__MAX] = { T(r, "Name"), T(r, "Beginn"), T(r, "Ende") };
	fields_summary(h, r, pol_term_fields, f, labels);
	pol_editor_form_begin(h, r, action, heading_id, 0);
	pol_editor_field(h, r, pol_term_fields, f, TF_NAME, t ? t->name : NULL, labels[TF_NAME],
			 T(r, "z. B. Wahlperiode 2024–2029"));
	pol_editor_field(h, r, pol_term_fields, f, TF_START, t ? t->start_date : NULL, labels[TF_START], date_hint(r));
	pol_editor_field(h, r, pol_term_fields, f, TF_END, t ? t->end_date : NULL, labels[TF_END], date_hint(r));
	pol_editor_form_end(h, button);
}

void pol_editor_view_terms(struct req *r, struct resp *w, const struct pol_term *t, size_t n, const struct form *f,
			   const char *notice)
{
	html h = html_on(&w->body);
	layout_staff_begin(&h, r, T(r, "Wahlperioden"));
	if (notice)
		fields_notice(&h, notice);
	back_home(&h, r);
	const char *heads[] = { T(r, "Name"), T(r, "Beginn"), T(r, "Ende"), T(r, "Aktion") };
	layout_table_begin(&h, r, "pol-ed-terms", T(r, "Wahlperioden"), heads, 4);
	for (size_t i = 0; i < n; i++) {
		html_open(&h, "tr", NULL);
		html_open(&h, "td", NULL);
		html_elem(&h, "bdi", t[i].name, NULL);
		html_close(&h, "td");
		html_elem(&h, "td", *t[i].start_date ? layout_date(r, t[i].start_date) : "", NULL);
		html_elem(&h, "td", *t[i].end_date ? layout_date(r, t[i].end_date) : "", NULL);
		html_open(&h, "td", NULL);
		html_elem(&h, "a", T(r, "Ändern"), "href", arena_printf(r->a, "/intern/wahlperioden/%" PRId64, t[i].id),
			  "aria-label", i18n_fill(r->a, T(r, "Ändern: {1}"), t[i].name, NULL), NULL);
		pol_editor_delete_link(&h, r, POL_DEL_TERM, t[i].id, t[i].name);
		html_close(&h, "td");
		html_close(&h, "tr");
	}
	layout_table_end(&h);
	html_elem(&h, "h2", T(r, "Neue Wahlperiode"), "id", "neue-wahlperiode", NULL);
	term_form(&h, r, "/intern/wahlperioden/neu", NULL, f, "neue-wahlperiode", T(r, "Wahlperiode anlegen"));
	layout_end(&h, r);
}

void pol_editor_view_term(struct req *r, struct resp *w, const struct pol_term *t, const struct form *f)
{
	html h = html_on(&w->body);
	layout_staff_begin(&h, r, t->name);
	html_open(&h, "p", NULL);
	html_elem(&h, "a", T(r, "Alle Wahlperioden"), "href", "/intern/wahlperioden", NULL);
	html_close(&h, "p");
	html_elem(&h, "h2", T(r, "Wahlperiode ändern"), "id", "wahlperiode", NULL);
	term_form(&h, r, arena_printf(r->a, "/intern/wahlperioden/%" PRId64, t->id), t, f, "wahlperiode",
		  T(r, "Speichern"));
	layout_end(&h, r);
}
