/* edits_views.c — the forms that change a consultation and a file
 * (edits.c) and a meeting's action item (actions.c): each with its errors
 * and the values typed or stored. */
#include "policy/editor_internal.h"
#include "policy/policy_internal.h"
#include "html/fields.h"
#include "core/i18n.h"
#include "html/layout.h"

#include <inttypes.h>

static void back_link(html *h, struct req *r, const char *back, const char *text)
{
	html_open(h, "p", NULL);
	html_elem(h, "a", text, "href", back, NULL);
	html_close(h, "p");
}

void pol_editor_view_consultation(struct req *r, struct resp *w, const struct pol_consultation *c,
				  const struct pol_item *items, size_t nitems, const struct form *f, const char *action,
				  const char *back)
{
	html h = html_on(&w->body);
	layout_staff_begin(&h, r, T(r, "Beratung ändern"));
	back_link(&h, r, back, T(r, "Zurück zur Sitzung"));
	const char *labels[CEF__MAX] = { T(r, "Tagesordnungspunkt"), T(r, "Zweck"), T(r, "Ergebnis") };
	fields_summary(&h, r, pol_cons_edit_fields, f, labels);
	html_open(&h, "h2", "id", "beratung", NULL);
	html_text(&h, T(r, "Vorlage"));
	html_text(&h, ": ");
	html_elem(&h, "bdi", *c->paper_reference ? arena_printf(r->a, "%s %s", c->paper_reference, c->paper_name)
						  : c->paper_name,
		  NULL);
	html_close(&h, "h2");
	pol_editor_form_begin(&h, r, action, "beratung", 0);
	const char **iv = arena_alloc(r->a, (nitems + 1) * sizeof(*iv));
	const char **il = arena_alloc(r->a, (nitems + 1) * sizeof(*il));
	for (size_t i = 0; i < nitems; i++) {
		iv[i] = arena_printf(r->a, "%" PRId64, items[i].id);
		il[i] = *items[i].number ? arena_printf(r->a, "%s %s", items[i].number, items[i].name) : items[i].name;
	}
	struct fields_in in = fields_of(&pol_cons_edit_fields[CEF_ITEM],
					f ? f->val[CEF_ITEM]
					  : c->item_id ? arena_printf(r->a, "%" PRId64, c->item_id) : NULL,
					f ? f->err[CEF_ITEM] : NULL);
	in.label = labels[CEF_ITEM];
	in.hint = T(r, "Steht der Punkt nicht öffentlich auf der Tagesordnung, ist auch die Beratung nicht öffentlich.");
	fields_select(&h, r, &in, T(r, "ohne Punkt"), iv, il, nitems);
	pol_editor_field(&h, r, pol_cons_edit_fields, f, CEF_PURPOSE, c->purpose, labels[CEF_PURPOSE], NULL);
	pol_editor_field(&h, r, pol_cons_edit_fields, f, CEF_RESULT, *c->result ? c->result : NULL, labels[CEF_RESULT],
			 T(r, "z. B. einstimmig beschlossen, vertagt, zur Kenntnis genommen"));
	pol_editor_form_end(&h, T(r, "Speichern"));
	layout_end(&h, r);
}

void pol_editor_view_file(struct req *r, struct resp *w, const struct pol_file *file, const struct form *f,
			  const char *problem, const char *action, const char *back)
{
	html h = html_on(&w->body);
	layout_staff_begin(&h, r, T(r, "Datei ändern"));
	back_link(&h, r, back, T(r, "Zurück"));
	const char *labels[FF__MAX] = { T(r, "Name"), T(r, "Art der Datei"), T(r, "Öffentlich zeigen") };
	if (problem)
		fields_alert(&h, T(r, problem));
	else
		fields_summary(&h, r, pol_file_fields, f, labels);
	html_elem(&h, "h2", file->name, "id", "datei", NULL);
	html_open(&h, "p", NULL);
	html_elem(&h, "bdi", file->file_name, NULL);
	html_textf(&h, " (%lld Bytes, SHA-256 %.12s…) ", file->size, file->sha256);
	html_elem(&h, "a", T(r, "Herunterladen"), "href", arena_printf(r->a, "/dateien/%" PRId64, file->id), NULL);
	html_close(&h, "p");
	pol_editor_form_begin(&h, r, action, "datei", 1);
	const char *vals[FF__MAX] = { file->name, file->role, file->public ? "1" : NULL };
	for (int i = 0; i < FF__MAX; i++)
		pol_editor_field(&h, r, pol_file_fields, f, i, vals[i], labels[i],
				 i == FF_PUBLIC ? T(r, "Öffentlich ist die Datei nur, wenn auch ihre Vorlage oder ihr "
						      "Tagesordnungspunkt öffentlich ist.")
						: NULL);
	struct fields_in fin = { .name = "datei", .label = T(r, "Durch eine neue PDF-Datei ersetzen"), .type = "file",
				 .accept = "application/pdf", .err = problem,
				 .hint = T(r, "Leer lassen, um die Datei zu behalten. Die Adresse der Datei bleibt "
					      "gleich.") };
	fields_input(&h, r, &fin);
	pol_editor_form_end(&h, T(r, "Speichern"));
	layout_end(&h, r);
}

void pol_editor_view_action(struct req *r, struct resp *w, const struct pol_action *x, const struct form *f,
			    const char *action, const char *back)
{
	html h = html_on(&w->body);
	layout_staff_begin(&h, r, T(r, "Aufgabe ändern"));
	back_link(&h, r, back, T(r, "Zurück zur Sitzung"));
	const char *labels[AF__MAX] = { T(r, "Was"), T(r, "Wer"), T(r, "Bis") };
	fields_summary(&h, r, pol_action_fields, f, labels);
	html_elem(&h, "h2", T(r, "Die Aufgabe"), "id", "aufgabe", NULL);
	pol_editor_form_begin(&h, r, action, "aufgabe", 0);
	const char *vals[AF__MAX] = { x->text, x->who, x->due };
	for (int i = 0; i < AF__MAX; i++)
		pol_editor_field(&h, r, pol_action_fields, f, i, vals[i] && *vals[i] ? vals[i] : NULL, labels[i],
				 i == AF_DUE ? T(r, "JJJJ-MM-TT, z. B. 2027-03-15") : NULL);
	pol_editor_form_end(&h, T(r, "Speichern"));
	html_elem(&h, "h2", T(r, "Löschen"), "id", "aufgabe-loeschen", NULL);
	html_elem(&h, "p", T(r, "Die Aufgabe verschwindet von der Sitzung und aus der Liste der Aufgaben. Das lässt sich "
			       "nicht rückgängig machen."),
		  NULL);
	html_open(&h, "form", "method", "post", "action", arena_printf(r->a, "%s/loeschen", action), "aria-labelledby",
		  "aufgabe-loeschen", NULL);
	fields_csrf(&h, r);
	html_elem(&h, "button", T(r, "Diese Aufgabe löschen"), "type", "submit", "class", "button danger", NULL);
	html_close(&h, "form");
	layout_end(&h, r);
}
