/* mapping_views.c — HTML of the directory's terms of a project: its
 * codes with their terms, and a form per value of its document variables
 * (/intern/interviews/{p}/begriffe); the term form of a code's page. */
#include "interviews/iv_internal.h"
#include "core/core.h"
#include "core/i18n.h"
#include "html/fields.h"
#include "html/layout.h"

#include <inttypes.h>
#include <string.h>

void iv_view_code_term(html *h, struct req *r, const struct iv_project *p, const struct iv_code *c,
		       const struct iv_term_choice *tc)
{
	html_elem(h, "h2", T(r, "Begriff im Verzeichnis"), "id", "begriff", NULL);
	fields_notice(h, tc->notice);
	html_elem(h, "p",
		  T(r, "Wofür der Code im Verzeichnis steht, etwa eine Barriere „Sprache“ für den Bedarf "
		       "„Sprachförderung“. Codes mit einem Begriff der Angebotsart zählt die Auswertung der Bedarfe "
		       "neben Befragungen und Angeboten."),
		  NULL);
	html_open(h, "form", "class", "form", "method", "post", "action",
		  iv_path(r, p->id, arena_printf(r->a, "/codes/%" PRId64 "/begriff", c->id)), NULL);
	fields_csrf(h, r);
	struct fields_in in = { .name = "term", .id = "f-term", .label = T(r, "Begriff"), .value = tc->current };
	fields_select(h, r, &in, T(r, "(kein Begriff)"), tc->values, tc->labels, tc->n);
	html_elem(h, "button", T(r, "Begriff speichern"), "type", "submit", "class", "button secondary", NULL);
	html_close(h, "form");
}

void iv_view_terms(struct req *r, struct resp *w, const struct iv_terms_view *v)
{
	html h = html_on(&w->body);
	const struct iv_project *p = v->p;
	layout_staff_begin(&h, r, T(r, "Codes und Werte als Begriffe des Verzeichnisses"));
	html_open(&h, "p", NULL);
	html_elem(&h, "a", p->name, "href", iv_path(r, p->id, NULL), NULL);
	html_close(&h, "p");
	fields_notice(&h, v->notice);
	if (v->problem)
		fields_alert(&h, v->problem);
	html_elem(&h, "p",
		  T(r, "So zählen die kodierten Interviews in der Auswertung der Bedarfe: je Code mit einem Begriff der "
		       "Angebotsart die Dokumente mit einem Segment, nach den Begriffen ihrer Variablen. Es zählen nur "
		       "Dokumente, kein Text verlässt das Projekt."),
		  NULL);

	html_elem(&h, "h2", T(r, "Codes"), "id", "codes", NULL);
	if (v->ncterms == 0)
		html_elem(&h, "p", T(r, "Noch kein Code steht für einen Begriff. Den Begriff wählen Sie auf der Seite des "
					 "Codes."),
			  NULL);
	else {
		const char *const heads[] = { T(r, "Code"), T(r, "Begriff") };
		layout_table_begin(&h, r, "codes-caption", T(r, "Codes mit einem Begriff"), heads, NELEM(heads));
		for (size_t i = 0; i < v->ncodes; i++)
			for (size_t j = 0; j < v->ncterms; j++) {
				if (v->cterms[j].code_id != v->codes[i].id)
					continue;
				html_open(&h, "tr", NULL);
				html_open(&h, "td", NULL);
				html_elem(&h, "a", v->codes[i].name, "href",
					  iv_path(r, p->id, arena_printf(r->a, "/codes/%" PRId64 "#begriff", v->codes[i].id)),
					  NULL);
				html_close(&h, "td");
				html_elem(&h, "td", v->cterm_labels[j], NULL);
				html_close(&h, "tr");
			}
		layout_table_end(&h);
	}

	html_elem(&h, "h2", T(r, "Werte der Dokumentvariablen"), "id", "werte", NULL);
	if (v->nrows == 0)
		html_elem(&h, "p", T(r, "Die Dokumente haben noch keine Variablen."), NULL);
	html_open(&h, "ul", "class", "iv-terms", NULL);
	for (size_t i = 0; i < v->nrows; i++) {
		const struct iv_value_row *row = &v->rows[i];
		html_open(&h, "li", NULL);
		html_open(&h, "form", "class", "form iv-term-form", "method", "post", "action",
			  iv_path(r, p->id, "/begriffe"), NULL);
		fields_csrf(&h, r);
		html_void(&h, "input", "type", "hidden", "name", "name", "value", row->name, NULL);
		html_void(&h, "input", "type", "hidden", "name", "value", "value", row->value, NULL);
		struct fields_in in = { .name = "term",
					.id = arena_printf(r->a, "f-term-%zu", i),
					.label = arena_printf(r->a, "%s: %s", row->name, row->value),
					.value = row->current };
		fields_select(&h, r, &in, T(r, "(kein Begriff)"), row->values, row->labels, row->n);
		html_elem(&h, "button", T(r, "Speichern"), "type", "submit", "class", "button secondary", NULL);
		html_close(&h, "form");
		html_close(&h, "li");
	}
	html_close(&h, "ul");
	layout_end(&h, r);
}
