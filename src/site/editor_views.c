/* editor_views.c — HTML of the page editor (list, edit form with preview,
 * revisions) and the helpers the staff views share. */
#include "site/staff_views.h"
#include "html/fields.h"
#include "auth/auth.h"
#include "core/i18n.h"
#include "html/layout.h"
#include "html/markdown.h"

#include <string.h>

static const char *const editor_actions[] = { "preview", "save", NULL };

const struct field editor_fields[EF__MAX] = {
	[EF_TITLE] = { "title", FIELD_TEXT, FIELD_REQUIRED, 200, 0, 0, NULL },
	[EF_DESCRIPTION] = { "description", FIELD_TEXT, 0, 300, 0, 0, NULL },
	[EF_BODY] = { "body", FIELD_MULTILINE, 0, 100000, 0, 0, NULL },
	[EF_ACTION] = { "action", FIELD_CHOICE, 0, 20, 0, 0, editor_actions },
	[EF_VERSION] = { "version", FIELD_INT, 0, 19, 0, INT64_MAX, NULL },
};

const struct field create_fields[NF__MAX] = {
	[NF_SLUG] = { "slug", FIELD_TEXT, FIELD_REQUIRED, 64, 0, 0, NULL },
	[NF_TITLE] = { "title", FIELD_TEXT, FIELD_REQUIRED, 200, 0, 0, NULL },
};

/* ---- helpers shared by the staff views ---- */

void site_view_time(html *h, struct req *r, const char *iso)
{
	html_elem(h, "time", layout_time(r, iso), "datetime", iso, NULL);
}

/* One labelled control of defs[i] with its hint and error; val is the
 * shown value; rows > 0 gives a textarea. */
static void field(html *h, struct req *r, const struct field *defs, const struct form *f, int i, const char *val,
		  const char *label, const char *hint, int rows)
{
	struct fields_in in = fields_of(&defs[i], val, f ? f->err[i] : NULL);
	in.label = label;
	in.hint = hint;
	in.rows = rows;
	if (defs[i].kind == FIELD_CHECKBOX) {
		in.cls = "field";
		in.unmarked = 1;
		fields_checkbox(h, r, &in, val != NULL);
	} else if (rows > 0) {
		in.ctl_cls = "code";
		fields_textarea(h, r, &in);
	} else {
		fields_input(h, r, &in);
	}
}

/* ---- the editor ---- */

static const char *edit_path(struct req *r, const char *slug, const char *lang)
{
	return arena_printf(r->a, "/intern/seiten/%s/%s", slug, lang);
}

/* Where the public sees slug in lang. */
static const char *public_path(struct req *r, const char *slug, const char *lang)
{
	const char *path = site_page_path(r, slug);
	return html_url(r->a, path, "lang", strcmp(lang, i18n_langs[0]) == 0 ? NULL : lang, NULL);
}

/* A link whose visible text is short; context follows for screen readers. */
static void link_with_context(html *h, const char *href, const char *text, const char *context)
{
	html_open(h, "a", "href", href, NULL);
	html_text(h, text);
	html_elem(h, "span", context, "class", "visually-hidden", NULL);
	html_close(h, "a");
}

void site_view_editor_list(struct req *r, struct resp *w, const struct page_info *pages, size_t n,
			   const struct form *create, const char *problem)
{
	html h = html_on(&w->body);
	layout_staff_begin(&h, r, T(r, "Seiten"));
	html_elem(&h, "p", T(r, "Die Seiten der Website. Wählen Sie eine Sprache, um die Seite in dieser "
				"Sprache zu bearbeiten oder anzulegen."), "class", "lead", NULL);
	size_t todo = 0;
	for (size_t i = 0; i < n; i++)
		todo += pages[i].placeholder != 0;
	if (todo)
		html_elem(&h, "p", i18n_fill(r->a, T(r, "Seiten mit Platzhaltertext: {1}. Sie sind noch nicht "
							"fertig. Bitte füllen Sie sie aus, bevor die Website "
							"online geht."),
					     arena_printf(r->a, "%zu", todo), NULL),
			  "class", "notice", NULL);
	const char *const heads[] = { T(r, "Titel"), T(r, "Adresse"), T(r, "Sprachen"),
				     T(r, "Zuletzt geändert") };
	layout_table_begin(&h, r, "seiten-caption", T(r, "Alle Seiten"), heads, NELEM(heads));
	for (size_t i = 0; i < n; i++) {
		const struct page_info *p = &pages[i];
		html_open(&h, "tr", NULL);
		html_open(&h, "th", "scope", "row", NULL);
		html_text(&h, p->title);
		if (p->placeholder) {
			html_text(&h, " ");
			html_elem(&h, "span", T(r, "Platzhaltertext"), "class", "tag tag-todo", NULL);
		}
		html_close(&h, "th");
		html_open(&h, "td", NULL);
		html_elem(&h, "a", public_path(r, p->slug, i18n_langs[0]), "href",
			  public_path(r, p->slug, i18n_langs[0]), NULL);
		html_close(&h, "td");
		html_open(&h, "td", NULL);
		html_open(&h, "ul", "class", "inline-list", NULL);
		for (unsigned l = 0; l < SITE_MAX_LANGS && i18n_langs[l]; l++) {
			int have = (p->langs >> l) & 1;
			html_open(&h, "li", NULL);
			link_with_context(&h, edit_path(r, p->slug, i18n_langs[l]),
					  i18n_fill(r->a, have ? T(r, "{1} bearbeiten") : T(r, "{1} anlegen"),
						    i18n_lang_name(i18n_langs[l]), NULL),
					  i18n_fill(r->a, T(r, " (Seite {1})"), p->slug, NULL));
			html_close(&h, "li");
		}
		html_close(&h, "ul");
		html_close(&h, "td");
		html_open(&h, "td", NULL);
		site_view_time(&h, r, p->updated_at);
		html_close(&h, "td");
		html_close(&h, "tr");
	}
	layout_table_end(&h);

	const char *labels[NF__MAX] = { [NF_SLUG] = T(r, "Adresse"), [NF_TITLE] = T(r, "Titel (Deutsch)") };
	html_elem(&h, "h2", T(r, "Neue Seite anlegen"), "id", "neu", NULL);
	if (problem)
		fields_alert(&h, problem);
	else
		fields_summary(&h, r, create_fields, create, labels);
	html_open(&h, "form", "class", "form", "method", "post", "action", "/intern/seiten/neu",
		  "novalidate", "", "aria-labelledby", "neu", NULL);
	fields_csrf(&h, r);
	field(&h, r, create_fields, create, NF_SLUG, create ? create->val[NF_SLUG] : NULL,
		    labels[NF_SLUG],
		    T(r, "Kleinbuchstaben a–z, Ziffern und Bindestriche, z. B. angebote-mainz. "
			 "Die Seite erscheint dann unter /angebote-mainz."), 0);
	field(&h, r, create_fields, create, NF_TITLE, create ? create->val[NF_TITLE] : NULL,
		    labels[NF_TITLE], NULL, 0);
	html_elem(&h, "button", T(r, "Seite anlegen"), "type", "submit", "class", "button", NULL);
	html_close(&h, "form");
	layout_end(&h, r);
}

/* Links from one editor page to its neighbours. */
static void editor_links(html *h, struct req *r, const char *slug, const char *lang, int exists,
			 int on_history)
{
	html_open(h, "ul", "class", "inline-list page-links", NULL);
	html_li_link(h, T(r, "Alle Seiten"), "/intern/seiten");
	for (size_t l = 0; i18n_langs[l]; l++) {
		if (strcmp(i18n_langs[l], lang) == 0 && !on_history)
			continue;
		html_open(h, "li", NULL);
		html_elem(h, "a", i18n_fill(r->a, T(r, "{1} bearbeiten"), i18n_lang_name(i18n_langs[l]), NULL),
			  "href", edit_path(r, slug, i18n_langs[l]), NULL);
		html_close(h, "li");
	}
	if (exists && !on_history) {
		html_open(h, "li", NULL);
		html_elem(h, "a", T(r, "Versionen"), "href",
			  arena_printf(r->a, "%s/versionen", edit_path(r, slug, lang)), NULL);
		html_close(h, "li");
	}
	if (exists) {
		html_li_link(h, T(r, "Öffentliche Seite ansehen"), public_path(r, slug, lang));
	}
	html_close(h, "ul");
}

void site_view_editor_form(struct req *r, struct resp *w, const struct editor_state *e)
{
	html h = html_on(&w->body);
	const char *lname = i18n_lang_name(e->lang);
	layout_staff_begin(&h, r, i18n_fill(r->a, T(r, "„{1}“ bearbeiten ({2})"), e->slug, lname, NULL));
	editor_links(&h, r, e->slug, e->lang, e->exists, 0);
	fields_notice(&h, e->notice);
	if (e->exists && site_is_placeholder(e->val.body_md))
		html_elem(&h, "p", i18n_fill(r->a, T(r, "Diese Seite enthält noch Platzhaltertext. Ersetzen Sie "
						       "jede Stelle „{1}“ durch die richtigen Angaben."),
					     strstr(e->val.body_md, SITE_PLACEHOLDER_DE) ? SITE_PLACEHOLDER_DE
										   : SITE_PLACEHOLDER_EN, NULL),
			  "class", "notice", NULL);
	if (!e->exists) {
		html_open(&h, "p", "class", "notice", NULL);
		html_text(&h, i18n_fill(r->a, T(r, "Diese Seite gibt es noch nicht auf {1}."), lname, NULL));
		if (e->source) {
			html_text(&h, " ");
			html_text(&h, T(r, "Bis Sie sie speichern, sehen Leserinnen und Leser die deutsche "
					   "Fassung."));
		}
		html_close(&h, "p");
	}
	const char *labels[EF__MAX] = {
		[EF_TITLE] = T(r, "Titel"),
		[EF_DESCRIPTION] = T(r, "Beschreibung"),
		[EF_BODY] = T(r, "Text"),
	};
	if (e->problem)
		fields_alert(&h, e->problem);
	else if (e->conflict)
		fields_conflict(&h, r, e->conflict);
	else
		fields_summary(&h, r, editor_fields, e->f, labels);

	html_open(&h, "form", "class", "form form-wide", "method", "post", "action",
		  edit_path(r, e->slug, e->lang), "novalidate", "", NULL);
	fields_csrf(&h, r);
	if (e->version >= 0)
		html_void(&h, "input", "type", "hidden", "name", "version", "value",
			  arena_printf(r->a, "%lld", (long long)e->version), NULL);
	field(&h, r, editor_fields, e->f, EF_TITLE, e->val.title, labels[EF_TITLE],
		    T(r, "Die Hauptüberschrift der Seite."), 0);
	field(&h, r, editor_fields, e->f, EF_DESCRIPTION, e->val.description, labels[EF_DESCRIPTION],
		    T(r, "Ein Satz, der die Seite zusammenfasst; Suchmaschinen zeigen ihn an."), 0);
	field(&h, r, editor_fields, e->f, EF_BODY, e->val.body_md, labels[EF_BODY],
		    T(r, "Markdown: ## Zwischenüberschrift, **fett**, *kursiv*, [Linktext](https://…), "
			 "Listen mit - am Zeilenanfang. HTML wird nicht übernommen."), 20);
	html_open(&h, "div", "class", "actions", NULL);
	/* Preview first: Enter in a text field presses the first button, and that must not save. */
	html_elem(&h, "button", T(r, "Vorschau"), "type", "submit", "name", "action", "value", "preview",
		  "class", "button secondary", NULL);
	html_elem(&h, "button", T(r, "Speichern"), "type", "submit", "name", "action", "value", "save",
		  "class", "button", NULL);
	html_close(&h, "div");
	html_close(&h, "form");

	if (e->preview) {
		html_open(&h, "section", "class", "preview", "aria-labelledby", "vorschau", NULL);
		html_elem(&h, "h2", T(r, "Vorschau"), "id", "vorschau", NULL);
		html_elem(&h, "p", T(r, "So sieht der Text aus. Er ist noch nicht gespeichert."), "class", "meta",
			  NULL);
		html_open(&h, "div", "class", "preview-page", "lang", e->lang, NULL);
		html_elem(&h, "p", e->val.title, "class", "preview-title", NULL);
		html_open(&h, "div", "class", "prose", NULL);
		html_markdown(&h, e->val.body_md ? e->val.body_md : "");
		html_close(&h, "div");
		html_close(&h, "div");
		html_close(&h, "section");
	}
	if (e->source) {
		html_open(&h, "details", "class", "source", NULL);
		html_elem(&h, "summary", T(r, "Deutsche Fassung zum Übersetzen anzeigen"), NULL);
		html_elem(&h, "p", e->source->title, "class", "preview-title", "lang", e->source->lang, NULL);
		if (e->source->description && *e->source->description)
			html_elem(&h, "p", e->source->description, "lang", e->source->lang, NULL);
		html_elem(&h, "pre", e->source->body_md, "lang", e->source->lang, NULL);
		html_close(&h, "details");
	}
	layout_end(&h, r);
}

/* A form with one button that restores revision rev. */
static void restore_form(html *h, struct req *r, struct resp *w, const struct page_rev *rev,
			 const char *context)
{
	html_open(h, "form", "class", "inline-form", "method", "post", "action",
		  arena_printf(r->a, "%s/versionen/%lld/wiederherstellen", edit_path(r, rev->slug, rev->lang),
			       (long long)rev->id), NULL);
	fields_csrf(h, r);
	html_open(h, "button", "type", "submit", "class", "button secondary", NULL);
	html_text(h, T(r, "Wiederherstellen"));
	if (context)
		html_elem(h, "span", context, "class", "visually-hidden", NULL);
	html_close(h, "button");
	html_close(h, "form");
}

static const char *author(struct req *r, const char *email)
{
	return email && *email ? email : T(r, "unbekannt (ursprüngliche Fassung)");
}

void site_view_editor_history(struct req *r, struct resp *w, const char *slug, const char *lang,
			      const struct page_rev *revs, size_t n)
{
	html h = html_on(&w->body);
	layout_staff_begin(&h, r, i18n_fill(r->a, T(r, "Versionen von „{1}“ ({2})"), slug, i18n_lang_name(lang), NULL));
	editor_links(&h, r, slug, lang, 1, 1);
	if (n == 0) {
		html_elem(&h, "p", T(r, "Von dieser Seite ist noch keine Version gespeichert. Jedes Speichern im "
					"Editor legt eine an."), NULL);
		layout_end(&h, r);
		return;
	}
	html_elem(&h, "p", T(r, "Jedes Speichern legt eine Version an. Wiederherstellen speichert die alte "
				"Fassung als neue Version; nichts geht verloren."), "class", "lead", NULL);
	const char *const heads[] = { T(r, "Gespeichert"), T(r, "Von"), T(r, "Titel"), T(r, "Aktionen") };
	layout_table_begin(&h, r, "versionen-caption", T(r, "Gespeicherte Versionen, die neueste zuerst"),
			   heads, NELEM(heads));
	for (size_t i = 0; i < n; i++) {
		const struct page_rev *v = &revs[i];
		const char *when = layout_time(r, v->created_at);
		const char *context = i18n_fill(r->a, T(r, " (Version vom {1})"), when, NULL);
		html_open(&h, "tr", NULL);
		html_open(&h, "td", NULL);
		site_view_time(&h, r, v->created_at);
		if (i == 0) {
			html_text(&h, " ");
			html_elem(&h, "span", T(r, "aktuell"), "class", "tag", NULL);
		}
		html_close(&h, "td");
		html_elem(&h, "td", author(r, v->author_email), NULL);
		html_elem(&h, "td", v->title, NULL);
		html_open(&h, "td", NULL);
		html_open(&h, "div", "class", "actions", NULL);
		link_with_context(&h, arena_printf(r->a, "%s/versionen/%lld", edit_path(r, slug, lang),
						   (long long)v->id),
				  T(r, "Ansehen"), context);
		if (i > 0)
			restore_form(&h, r, w, v, context);
		html_close(&h, "div");
		html_close(&h, "td");
		html_close(&h, "tr");
	}
	layout_table_end(&h);
	layout_end(&h, r);
}

void site_view_editor_revision(struct req *r, struct resp *w, const struct page_rev *rev)
{
	html h = html_on(&w->body);
	const char *when = layout_time(r, rev->created_at);
	layout_staff_begin(&h, r, i18n_fill(r->a, T(r, "Version vom {1}"), when, NULL));
	html_open(&h, "ul", "class", "inline-list page-links", NULL);
	html_open(&h, "li", NULL);
	html_elem(&h, "a", T(r, "Alle Versionen"), "href",
		  arena_printf(r->a, "%s/versionen", edit_path(r, rev->slug, rev->lang)), NULL);
	html_close(&h, "li");
	html_li_link(&h, T(r, "Zum Editor"), edit_path(r, rev->slug, rev->lang));
	html_close(&h, "ul");

	html_open(&h, "dl", "class", "facts", NULL);
	html_elem(&h, "dt", T(r, "Seite"), NULL);
	html_elem(&h, "dd", public_path(r, rev->slug, rev->lang), NULL);
	html_elem(&h, "dt", T(r, "Sprache"), NULL);
	html_elem(&h, "dd", i18n_lang_name(rev->lang), NULL);
	html_elem(&h, "dt", T(r, "Gespeichert von"), NULL);
	html_elem(&h, "dd", author(r, rev->author_email), NULL);
	html_elem(&h, "dt", T(r, "Beschreibung"), NULL);
	html_elem(&h, "dd", rev->description, NULL);
	html_close(&h, "dl");

	html_open(&h, "section", "class", "preview", "aria-labelledby", "fassung", NULL);
	html_elem(&h, "h2", T(r, "So sah die Seite aus"), "id", "fassung", NULL);
	html_open(&h, "div", "class", "preview-page", "lang", rev->lang, NULL);
	html_elem(&h, "p", rev->title, "class", "preview-title", NULL);
	html_open(&h, "div", "class", "prose", NULL);
	html_markdown(&h, rev->body_md);
	html_close(&h, "div");
	html_close(&h, "div");
	html_close(&h, "section");
	html_elem(&h, "p", T(r, "Wiederherstellen übernimmt diese Fassung als neue Version; die jetzige "
				"bleibt in der Liste der Versionen erhalten."), NULL);
	restore_form(&h, r, w, rev, NULL);
	layout_end(&h, r);
}
