/* vocab_views.c — the term editor and the synonym editor. */
#include "directory/staff/staff_internal.h"
#include "html/fields.h"
#include "auth/auth.h"
#include "core/i18n.h"
#include "html/layout.h"
#include "search/search.h"

#include <string.h>

/* A labelled text input; id unique on the page. */
static void text_input(html *h, struct req *r, const char *id, const char *name, const char *label,
		       const char *value, int required)
{
	struct fields_in in = { .name = name, .id = id, .label = label, .value = value, .maxlen = 100,
				.required = required };
	fields_input(h, r, &in);
}

/* The start of an editor's page: its title, the problem or notice, the
 * lead paragraph. */
static void begin(html *h, struct req *r, const char *title, const char *problem, const char *notice,
		  const char *lead)
{
	layout_staff_begin(h, r, title);
	fields_alert(h, problem);
	fields_notice(h, notice);
	html_elem(h, "p", lead, "class", "lead", NULL);
}

void dir_staff_view_vocab(struct req *r, struct resp *w, const struct dir_staff_vocab *t, const struct form *f,
			  const char *problem, const char *notice)
{
	html h = html_on(&w->body);
	begin(&h, r, T(r, "Kategorien"), problem, notice,
	      T(r, "Die Kategorien, nach denen Angebote eingeordnet und im Angebotsfinder gefiltert werden. Ändern "
		   "Sie hier die Namen auf Deutsch und Englisch oder fügen Sie neue hinzu."));
	for (size_t i = 0; i < t->n; i++) {
		const struct dir_taxonomy *x = &t->de[i];
		html_elem(&h, "h2", x->name, NULL);
		if (*x->description)
			html_elem(&h, "p", x->description, "class", "meta", NULL);
		for (size_t k = 0; k < x->n_terms; k++) {
			const struct dir_term *de = &x->terms[k];
			const struct dir_term *en = i < t->n_en && k < t->en[i].n_terms ? &t->en[i].terms[k] : de;
			html_open(&h, "form", "class", "form term-form", "method", "post", "action",
				  arena_printf(r->a, "/intern/kategorien/%s", de->id), NULL);
			fields_csrf(&h, r);
			html_open(&h, "fieldset", NULL);
			html_elem(&h, "legend", i18n_fill(r->a, T(r, "Kurzname: {1}"), de->code, NULL), NULL);
			text_input(&h, r, arena_printf(r->a, "t-%s-de", de->id), "name", T(r, "Name (Deutsch)"), de->name, 1);
			text_input(&h, r, arena_printf(r->a, "t-%s-en", de->id), "name_en", T(r, "Name (Englisch)"),
				   strcmp(en->name, de->name) != 0 ? en->name : NULL, 0);
			html_elem(&h, "button", T(r, "Speichern"), "type", "submit", "class", "button secondary", NULL);
			html_close(&h, "fieldset");
			html_close(&h, "form");
		}
	}
	html_elem(&h, "h2", T(r, "Neue Kategorie"), "id", "neu", NULL);
	html_open(&h, "form", "class", "form", "method", "post", "action", "/intern/kategorien/neu", NULL);
	fields_csrf(&h, r);
	const char **ids = arena_alloc(r->a, (t->n + 1) * sizeof(*ids));
	const char **names = arena_alloc(r->a, (t->n + 1) * sizeof(*names));
	for (size_t i = 0; i < t->n; i++) {
		ids[i] = t->de[i].id;
		names[i] = t->de[i].name;
	}
	struct fields_in group = { .name = "taxonomy", .id = "n-taxonomy", .label = T(r, "Gruppe"),
				   .value = f ? f->val[VT_TAXONOMY] : NULL };
	fields_select(&h, r, &group, NULL, ids, names, t->n);
	struct fields_in code = { .name = "code", .id = "n-code", .label = T(r, "Kurzname"),
				  .hint = T(r, "Kleinbuchstaben a–z, Ziffern und Bindestriche; er erscheint in Adressen "
					       "des Angebotsfinders und bleibt gleich."),
				  .value = f ? f->val[VT_CODE] : NULL, .err = f ? f->err[VT_CODE] : NULL, .maxlen = 60,
				  .required = 1 };
	fields_input(&h, r, &code);
	text_input(&h, r, "n-name", "name", T(r, "Name (Deutsch)"), f ? f->val[VT_NAME] : NULL, 1);
	text_input(&h, r, "n-name-en", "name_en", T(r, "Name (Englisch)"), f ? f->val[VT_NAME_EN] : NULL, 0);
	html_elem(&h, "button", T(r, "Kategorie anlegen"), "type", "submit", "class", "button", NULL);
	html_close(&h, "form");
	layout_end(&h, r);
}

void dir_staff_view_synonyms(struct req *r, struct resp *w, const struct dir_staff_synonym_list *l,
			     const struct form *f, const char *problem, const char *notice)
{
	const struct search_synonym *v = l->v;
	size_t n = l->n;
	html h = html_on(&w->body);
	begin(&h, r, T(r, "Suchwörter"), problem, notice,
	      T(r, "Wer im Angebotsfinder nach dem Wort links sucht, findet auch Angebote mit dem Wort rechts: "
		   "Abkürzungen (Azubi, BvB, JMD) und andere Wörter für dieselbe Sache."));
	html_elem(&h, "h2", T(r, "Neues Suchwort"), NULL);
	html_open(&h, "form", "class", "form", "method", "post", "action", "/intern/suchwoerter", NULL);
	fields_csrf(&h, r);
	text_input(&h, r, "s-term", "term", T(r, "Suchwort"), f ? f->val[VS_TERM] : NULL, 1);
	text_input(&h, r, "s-expansion", "expansion", T(r, "sucht auch nach"), f ? f->val[VS_EXPANSION] : NULL, 1);
	html_elem(&h, "button", T(r, "Hinzufügen"), "type", "submit", "class", "button", NULL);
	html_close(&h, "form");

	html_elem(&h, "h2", i18n_fill(r->a, T(r, "Alle Suchwörter ({1})"), arena_printf(r->a, "%zu", l->total), NULL),
		  "id", "liste", NULL);
	html_elem(&h, "p", T(r, "Dazu gehört der Thesaurus, der mit lotse kommt: Wörter der Übergangsarbeit in den "
				"Sprachen der Jugendlichen. Was Sie hier entfernen, bleibt entfernt."),
		  NULL);
	html_open(&h, "form", "class", "form", "method", "get", "action", "/intern/suchwoerter#liste", "role", "search",
		  NULL);
	struct fields_in in = { .name = "suche", .id = "s-suche", .label = T(r, "Suchwörter finden, die dies enthalten"),
				.value = l->filter, .maxlen = 60 };
	fields_input(&h, r, &in);
	html_elem(&h, "button", T(r, "Finden"), "type", "submit", "class", "button secondary", NULL);
	html_close(&h, "form");
	if (l->matching > n)
		html_elem(&h, "p",
			  i18n_fill(r->a, T(r, "Gezeigt sind die ersten {1} von {2}. Suchen Sie ein Wort, um die anderen zu sehen."),
				    arena_printf(r->a, "%zu", n), arena_printf(r->a, "%zu", l->matching), NULL),
			  "class", "meta", NULL);
	else if (l->filter && *l->filter)
		html_elem(&h, "p", i18n_fill(r->a, T(r, "{1} Suchwörter enthalten „{2}“."),
					     arena_printf(r->a, "%zu", l->matching), l->filter, NULL),
			  "class", "meta", NULL);
	html_open(&h, "div", "class", "table-wrap", NULL);
	html_open(&h, "table", NULL);
	html_open(&h, "thead", NULL);
	html_open(&h, "tr", NULL);
	html_elem(&h, "th", T(r, "Suchwort"), "scope", "col", NULL);
	html_elem(&h, "th", T(r, "sucht auch nach"), "scope", "col", NULL);
	html_elem(&h, "th", T(r, "Aktionen"), "scope", "col", NULL);
	html_close(&h, "tr");
	html_close(&h, "thead");
	html_open(&h, "tbody", NULL);
	for (size_t i = 0; i < n; i++) {
		html_open(&h, "tr", NULL);
		html_elem(&h, "td", v[i].term, NULL);
		html_elem(&h, "td", v[i].expansion, NULL);
		html_open(&h, "td", NULL);
		html_open(&h, "form", "method", "post", "action", "/intern/suchwoerter/loeschen", NULL);
		fields_csrf(&h, r);
		html_void(&h, "input", "type", "hidden", "name", "term", "value", v[i].term, NULL);
		html_void(&h, "input", "type", "hidden", "name", "expansion", "value", v[i].expansion, NULL);
		html_elem(&h, "button", T(r, "Entfernen"), "type", "submit", "class", "button secondary",
			  "aria-label", i18n_fill(r->a, T(r, "{1} → {2} entfernen"), v[i].term, v[i].expansion, NULL),
			  NULL);
		html_close(&h, "form");
		html_close(&h, "td");
		html_close(&h, "tr");
	}
	html_close(&h, "tbody");
	html_close(&h, "table");
	html_close(&h, "div");
	layout_end(&h, r);
}
