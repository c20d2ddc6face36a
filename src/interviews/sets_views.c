/* sets_views.c — HTML of the code sets page (/intern/interviews/{p}/sets:
 * the sets with their codes, a new set, deleting one) and of the section
 * of a code's page that splits it. */
#include "interviews/iv_internal.h"
#include "core/core.h"
#include "core/i18n.h"
#include "html/fields.h"
#include "html/layout.h"

#include <inttypes.h>
#include <string.h>

void iv_check_item(html *h, const char *name, const char *id, const char *value, const char *label, int depth,
		   int checked)
{
	html_open(h, "div", "class", depth > 0 ? (depth == 1 ? "field-check iv-depth-1" : "field-check iv-depth-2")
					       : "field-check",
		  NULL);
	/* "checked" last: when it is not, the NULL ends the attributes */
	html_void(h, "input", "type", "checkbox", "name", name, "id", id, "value", value, checked ? "checked" : NULL, "",
		  NULL);
	html_elem(h, "label", label, "for", id, NULL);
	html_close(h, "div");
}

void iv_view_codesets(struct req *r, struct resp *w, const struct iv_sets_view *v)
{
	html h = html_on(&w->body);
	const struct iv_project *p = v->p;
	layout_staff_begin(&h, r, T(r, "Code-Sets"));
	html_open(&h, "p", NULL);
	html_elem(&h, "a", p->name, "href", iv_path(r, p->id, "#codebuch"), NULL);
	html_close(&h, "p");
	fields_notice(&h, v->notice);
	if (v->problem)
		fields_alert(&h, v->problem);
	html_elem(&h, "p",
		  T(r, "Ein Code-Set fasst Codes aus verschiedenen Zweigen des Codebuchs für eine Frage zusammen. Es wird "
		       "mit dem Projekt ausgetauscht (REFI-QDA)."),
		  NULL);
	if (v->nsets == 0)
		html_elem(&h, "p", T(r, "Noch kein Code-Set."), NULL);
	for (size_t i = 0; i < v->nsets; i++) {
		const struct iv_codeset *set = &v->sets[i];
		html_elem(&h, "h2", set->name, "id", arena_printf(r->a, "set-%" PRId64, set->id), NULL);
		if (*set->description)
			html_elem(&h, "p", set->description, NULL);
		html_open(&h, "ul", NULL);
		for (size_t j = 0; j < set->ncodes; j++)
			for (size_t k = 0; k < v->ncodes; k++) {
				if (v->codes[k].id != set->codes[j])
					continue;
				html_open(&h, "li", NULL);
				html_elem(&h, "a", v->codes[k].name, "href",
					  html_url(r->a, iv_path(r, p->id, "/segmente"), "code", iv_id(r, v->codes[k].id), "sub",
						   "1", NULL),
					  NULL);
				html_close(&h, "li");
			}
		html_close(&h, "ul");
		html_open(&h, "form", "method", "post", "class", "iv-inline", "action",
			  iv_path(r, p->id, arena_printf(r->a, "/sets/%" PRId64 "/loeschen", set->id)), NULL);
		fields_csrf(&h, r);
		html_elem(&h, "button", T(r, "Code-Set löschen"), "type", "submit", "class", "button secondary", "aria-label",
			  i18n_fill(r->a, T(r, "Code-Set {1} löschen"), set->name, NULL), NULL);
		html_close(&h, "form");
	}

	html_elem(&h, "h2", T(r, "Neues Code-Set"), "id", "neu", NULL);
	html_open(&h, "form", "class", "form", "method", "post", "action", iv_path(r, p->id, "/sets"), NULL);
	fields_csrf(&h, r);
	struct fields_in in = { .name = "name", .id = "f-set-name", .label = T(r, "Name"), .required = 1,
				.maxlen = IV_MAX_NAME };
	fields_input(&h, r, &in);
	in = (struct fields_in){ .name = "description", .id = "f-set-desc", .label = T(r, "Beschreibung"),
				 .maxlen = 2000, .rows = 2 };
	fields_textarea(&h, r, &in);
	html_open(&h, "fieldset", NULL);
	html_elem(&h, "legend", T(r, "Codes"), NULL);
	for (size_t i = 0; i < v->ncodes; i++)
		iv_check_item(&h, "code", arena_printf(r->a, "set-code-%" PRId64, v->codes[i].id), iv_id(r, v->codes[i].id),
			   v->codes[i].name, v->codes[i].depth, 0);
	html_close(&h, "fieldset");
	html_elem(&h, "button", T(r, "Code-Set anlegen"), "type", "submit", "class", "button", NULL);
	html_close(&h, "form");
	layout_end(&h, r);
}

void iv_view_code_split(html *h, struct req *r, const struct iv_project *p, const struct iv_code *c,
			const struct iv_segment *segs, size_t n)
{
	html_elem(h, "h2", T(r, "Aufteilen"), "id", "aufteilen", NULL);
	if (n == 0) {
		html_elem(h, "p", T(r, "Der Code hat keine eigenen Kodierungen, die sich aufteilen ließen."), NULL);
		return;
	}
	html_elem(h, "p",
		  T(r, "Die gewählten Kodierungen gehen an einen neuen Code neben diesem (gleicher Obercode, gleiche "
		       "Farbe)."),
		  NULL);
	html_open(h, "form", "class", "form", "method", "post", "action",
		  iv_path(r, p->id, arena_printf(r->a, "/codes/%" PRId64 "/aufteilen", c->id)), NULL);
	fields_csrf(h, r);
	struct fields_in in = { .name = "name", .id = "f-split-name", .label = T(r, "Name des neuen Codes"),
				.required = 1, .maxlen = IV_MAX_NAME };
	fields_input(h, r, &in);
	html_open(h, "fieldset", NULL);
	html_elem(h, "legend", T(r, "Kodierungen, die zum neuen Code gehen"), NULL);
	for (size_t i = 0; i < n; i++)
		iv_check_item(h, "coding", arena_printf(r->a, "split-%" PRId64, segs[i].coding_id),
			   iv_id(r, segs[i].coding_id), arena_printf(r->a, "%s: „%s“", segs[i].doc_name, segs[i].text), 0, 0);
	html_close(h, "fieldset");
	html_elem(h, "button", T(r, "Aufteilen"), "type", "submit", "class", "button secondary", NULL);
	html_close(h, "form");
}
