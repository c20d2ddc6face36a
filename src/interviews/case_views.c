/* case_views.c — HTML of cases: the list of a project's cases with the
 * form of a new one (/intern/interviews/{p}/faelle), and a case's page
 * with its name, documents, variables and its deletion. */
#include "interviews/iv_internal.h"
#include "core/core.h"
#include "core/i18n.h"
#include "html/fields.h"
#include "html/layout.h"

#include <inttypes.h>
#include <string.h>

static const char *doc_name(const struct iv_cases_view *v, int64_t id)
{
	for (size_t i = 0; i < v->ndocs; i++)
		if (v->docs[i].id == id)
			return v->docs[i].name;
	return "?";
}

static void back(html *h, struct req *r, const struct iv_project *p, const char *more, const char *label)
{
	html_open(h, "p", NULL);
	html_elem(h, "a", label, "href", iv_path(r, p->id, more), NULL);
	html_close(h, "p");
}

/* The form of a case's name and description (c: the case, NULL: a new one). */
static void case_form(html *h, struct req *r, const struct iv_cases_view *v, const struct iv_case *c)
{
	const struct form *f = v->f;
	const char *const labels[KF__MAX] = { T(r, "Name"), T(r, "Beschreibung") };
	fields_summary(h, r, iv_case_fields, f, labels);
	html_open(h, "form", "class", "form", "method", "post", "action",
		  iv_path(r, v->p->id, c ? arena_printf(r->a, "/faelle/%" PRId64, c->id) : "/faelle"), "novalidate", "",
		  NULL);
	fields_csrf(h, r);
	struct fields_in in = fields_of(&iv_case_fields[KF_NAME], f ? f->val[KF_NAME] : c ? c->name : NULL,
					f ? f->err[KF_NAME] : NULL);
	in.label = labels[KF_NAME];
	in.hint = T(r, "Die Person oder Organisation, etwa „Jugendlicher J3“ oder „Betrieb Metallbau K.“ (pseudonym).");
	fields_input(h, r, &in);
	in = fields_of(&iv_case_fields[KF_DESC], f ? f->val[KF_DESC] : c ? c->description : NULL,
		       f ? f->err[KF_DESC] : NULL);
	in.label = labels[KF_DESC];
	in.rows = 2;
	fields_textarea(h, r, &in);
	html_elem(h, "button", c ? T(r, "Fall speichern") : T(r, "Fall anlegen"), "type", "submit", "class", "button",
		  NULL);
	html_close(h, "form");
}

void iv_view_cases(struct req *r, struct resp *w, const struct iv_cases_view *v)
{
	html h = html_on(&w->body);
	layout_staff_begin(&h, r, T(r, "Fälle"));
	back(&h, r, v->p, "#faelle", v->p->name);
	fields_notice(&h, v->notice);
	html_elem(&h, "p",
		  T(r, "Ein Fall fasst die Dokumente einer Person oder Organisation zusammen, etwa zwei Interviews mit "
		       "demselben Jugendlichen. Fälle haben eigene Variablen und werden mit dem Projekt ausgetauscht "
		       "(REFI-QDA)."),
		  NULL);
	if (v->ncases == 0) {
		html_elem(&h, "p", T(r, "Noch kein Fall."), NULL);
	} else {
		const char *const heads[] = { T(r, "Fall"), T(r, "Dokumente"), T(r, "Variablen") };
		layout_table_begin(&h, r, "faelle-caption", T(r, "Fälle des Projekts"), heads, NELEM(heads));
		for (size_t i = 0; i < v->ncases; i++) {
			const struct iv_case *c = &v->cases[i];
			html_open(&h, "tr", NULL);
			html_open(&h, "td", NULL);
			html_elem(&h, "a", c->name, "href", iv_path(r, v->p->id, arena_printf(r->a, "/faelle/%" PRId64, c->id)),
				  NULL);
			html_close(&h, "td");
			html_open(&h, "td", NULL);
			for (size_t j = 0; j < c->ndocs; j++) {
				if (j)
					html_text(&h, ", ");
				html_text(&h, doc_name(v, c->docs[j]));
			}
			html_close(&h, "td");
			html_open(&h, "td", NULL);
			for (size_t j = 0; j < c->nvars; j++)
				html_text(&h, arena_printf(r->a, "%s%s: %s", j ? "; " : "", c->vars[j].name, c->vars[j].value));
			html_close(&h, "td");
			html_close(&h, "tr");
		}
		layout_table_end(&h);
	}
	html_elem(&h, "h2", T(r, "Neuer Fall"), "id", "neu", NULL);
	case_form(&h, r, v, NULL);
	layout_end(&h, r);
}

void iv_view_case(struct req *r, struct resp *w, const struct iv_cases_view *v)
{
	html h = html_on(&w->body);
	const struct iv_case *c = v->c;
	layout_staff_begin(&h, r, i18n_fill(r->a, T(r, "Fall: {1}"), c->name, NULL));
	back(&h, r, v->p, "/faelle", T(r, "Alle Fälle"));
	fields_notice(&h, v->notice);
	if (v->problem)
		fields_alert(&h, v->problem);
	if (*c->description)
		layout_lines(&h, r, c->description);
	case_form(&h, r, v, c);

	html_elem(&h, "h2", T(r, "Dokumente"), "id", "dokumente", NULL);
	if (v->ndocs == 0) {
		html_elem(&h, "p", T(r, "Das Projekt hat noch keine Dokumente."), NULL);
	} else {
		html_open(&h, "form", "class", "form", "method", "post", "action",
			  iv_path(r, v->p->id, arena_printf(r->a, "/faelle/%" PRId64 "/dokumente", c->id)), NULL);
		fields_csrf(&h, r);
		html_open(&h, "fieldset", NULL);
		html_elem(&h, "legend", T(r, "Dokumente dieses Falls"), NULL);
		for (size_t i = 0; i < v->ndocs; i++) {
			int in = 0;
			for (size_t j = 0; j < c->ndocs; j++)
				in |= c->docs[j] == v->docs[i].id;
			iv_check_item(&h, "doc", arena_printf(r->a, "case-doc-%" PRId64, v->docs[i].id), iv_id(r, v->docs[i].id),
				      v->docs[i].name, 0, in);
		}
		html_close(&h, "fieldset");
		html_elem(&h, "button", T(r, "Dokumente speichern"), "type", "submit", "class", "button secondary", NULL);
		html_close(&h, "form");
	}
	html_open(&h, "p", NULL);
	html_elem(&h, "a", T(r, "Segmente dieses Falls"), "href",
		  html_url(r->a, iv_path(r, v->p->id, "/segmente"), "fall", iv_id(r, c->id), NULL), NULL);
	html_close(&h, "p");

	iv_view_vars_form(&h, r, iv_path(r, v->p->id, arena_printf(r->a, "/faelle/%" PRId64 "/variablen", c->id)),
			  T(r, "Merkmale der Person oder Organisation, etwa Gruppe, Stadtteil, Branche. Ein leeres Feld "
			       "entfernt die Variable."),
			  c->vars, c->nvars);

	html_elem(&h, "h2", T(r, "Fall löschen"), "id", "loeschen", NULL);
	html_elem(&h, "p", T(r, "Löscht den Fall und seine Variablen; seine Dokumente bleiben."), NULL);
	html_open(&h, "form", "method", "post", "class", "iv-inline", "action",
		  iv_path(r, v->p->id, arena_printf(r->a, "/faelle/%" PRId64 "/loeschen", c->id)), NULL);
	fields_csrf(&h, r);
	html_elem(&h, "button", T(r, "Fall löschen"), "type", "submit", "class", "button secondary", NULL);
	html_close(&h, "form");
	layout_end(&h, r);
}
