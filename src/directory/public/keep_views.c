/* keep_views.c — HTML of the Merkliste (/merkliste) and of the share
 * links an offer page and the list both give: the address to copy, by
 * e-mail, by messenger — plain links, no third party's script. The
 * buttons that need JavaScript (Merken, Entfernen, Kopieren, Drucken) are
 * written hidden; static/merkliste.js shows them. */
#include "directory/public/public_internal.h"
#include "core/core.h"
#include "core/i18n.h"
#include "html/fields.h"
#include "html/layout.h"

#include <string.h>

void dir_public_share_links(html *h, struct req *r, const char *id, const char *title, const char *url)
{
	const char *input_id = arena_printf(r->a, "share-%s", id);
	html_open(h, "div", "class", "share", NULL);
	html_open(h, "div", "class", "field", NULL);
	html_elem(h, "label", T(r, "Link zum Teilen"), "for", input_id, NULL);
	html_open(h, "div", "class", "search-row", NULL);
	html_void(h, "input", "type", "url", "id", input_id, "value", url, "readonly", "", "class", "share-url", NULL);
	html_elem(h, "button", T(r, "Link kopieren"), "type", "button", "class", "button secondary copy-link", "hidden",
		  "", "data-for", input_id, "data-done", T(r, "Kopiert"), NULL);
	html_close(h, "div");
	html_close(h, "div");
	const char *text = arena_printf(r->a, "%s: %s", title, url);
	html_open(h, "ul", "class", "share-links", NULL);
	html_open(h, "li", NULL);
	html_elem(h, "a", T(r, "Per E-Mail senden"), "href", html_url(r->a, "mailto:", "subject", title, "body", url, NULL),
		  NULL);
	html_close(h, "li");
	html_open(h, "li", NULL);
	html_elem(h, "a", T(r, "Per WhatsApp senden"), "href", html_url(r->a, "https://wa.me/", "text", text, NULL),
		  "rel", "noopener", NULL);
	html_close(h, "li");
	html_close(h, "ul");
	html_close(h, "div");
}

void dir_public_keep_button(html *h, struct req *r, const char *id)
{
	html_elem(h, "button", T(r, "Merken"), "type", "button", "class", "button secondary keep", "hidden", "",
		  "data-id", id, "data-on", T(r, "Gemerkt"), "data-off", T(r, "Merken"), "aria-pressed", "false", NULL);
}

/* One kept offer: what a printed list needs to get in touch. */
static void kept(html *h, struct req *r, const struct dir_service *sv)
{
	const char *de = strcmp(r->lang, "de") == 0 ? NULL : "de";
	html_open(h, "li", "class", "card kept", NULL);
	html_open(h, "h2", "lang", de, "dir", layout_dir(r, "de"), NULL);
	html_elem(h, "a", sv->name, "href", arena_printf(r->a, "/angebote/%s", sv->id), NULL);
	html_close(h, "h2");
	html_open(h, "p", "class", "meta", NULL);
	html_elem(h, "bdi", sv->organization_name, NULL);
	for (size_t i = 0; i < sv->n_terms; i++)
		if (strcmp(sv->terms[i].taxonomy_code, "ort") == 0)
			html_textf(h, " · %s", sv->terms[i].name);
	html_close(h, "p");
	html_open(h, "ul", "class", "plain", NULL);
	for (size_t i = 0; i < sv->n_locations; i++) {
		const struct dir_location *l = &sv->locations[i];
		if (l->has_address && l->address.address_1 && *l->address.address_1)
			html_elem(h, "li",
				  arena_printf(r->a, "%s, %s %s", l->address.address_1,
					       l->address.postal_code ? l->address.postal_code : "",
					       l->address.city ? l->address.city : ""),
				  NULL);
	}
	for (size_t i = 0; i < sv->n_phones; i++)
		html_elem(h, "li", i18n_fill(r->a, T(r, "Telefon: {1}"), sv->phones[i].number, NULL), NULL);
	if (*sv->email)
		html_elem(h, "li", i18n_fill(r->a, T(r, "E-Mail: {1}"), sv->email, NULL), NULL);
	html_close(h, "ul");
	html_elem(h, "button", T(r, "Entfernen"), "type", "button", "class", "button secondary keep-remove", "hidden",
		  "", "data-id", sv->id, NULL);
	html_close(h, "li");
}

void dir_public_view_keep(struct req *r, struct resp *w, const struct dir_service *offers, size_t n,
			  const char *ids, size_t gone, size_t bad)
{
	html h = html_on(&w->body);
	/* ids are offer ids and commas only: readable in the link as they are */
	const char *self = *ids ? arena_printf(r->a, "/merkliste?ids=%s", ids) : "/merkliste";
	struct page_meta m = { .title = T(r, "Merkliste"), .noindex = 1, .self = self,
			       .script = DIR_PUBLIC_KEEP_SCRIPT };
	layout_begin(&h, r, &m);
	html_open(&h, "div", "class", "keep-page", "data-ids", ids, NULL);
	if (bad)
		fields_alert(&h, T(r, "Ein Teil dieses Links ist keine Angebotsnummer oder zu viel für eine Liste. Dieser "
				      "Teil fehlt unten, alles andere ist da."));
	if (gone) {
		html_elem(&h, "p",
			  i18n_fill(r->a, TN(r, "{1} Angebot dieser Liste gibt es nicht mehr.",
					     "{1} Angebote dieser Liste gibt es nicht mehr.", (unsigned long)gone),
				    arena_printf(r->a, "%zu", gone), NULL),
			  "class", "notice", NULL);
	}
	if (n == 0) {
		html_elem(&h, "p", T(r, "Deine Merkliste ist leer. Mit „Merken“ bei einem Angebot kommt es auf diese "
					"Liste."),
			  "class", "lead", NULL);
		html_open(&h, "p", NULL);
		html_elem(&h, "a", T(r, "Angebote finden"), "class", "button", "href", "/angebote", NULL);
		html_close(&h, "p");
		html_close(&h, "div");
		layout_end(&h, r);
		return;
	}
	html_elem(&h, "p",
		  i18n_fill(r->a, TN(r, "{1} Angebot gemerkt", "{1} Angebote gemerkt", (unsigned long)n),
			    arena_printf(r->a, "%zu", n), NULL),
		  "class", "lead", NULL);
	html_elem(&h, "p", T(r, "Die Liste ist dieser Link: speichere ihn oder schicke ihn dir oder deiner Beraterin."),
		  "class", "keep-hint", NULL);
	html_open(&h, "ol", "class", "cards keep-list", NULL);
	for (size_t i = 0; i < n; i++)
		kept(&h, r, &offers[i]);
	html_close(&h, "ol");
	html_elem(&h, "h2", T(r, "Liste teilen oder drucken"), NULL);
	dir_public_share_links(&h, r, "list", T(r, "Merkliste"), arena_printf(r->a, "%s%s", r->base_url, self));
	html_open(&h, "p", "class", "print-actions", NULL);
	html_elem(&h, "button", T(r, "Drucken"), "type", "button", "class", "button print-page", "hidden", "", NULL);
	html_elem(&h, "span", T(r, "Drucken Sie diese Seite mit der Druckfunktion Ihres Browsers."), "class",
		  "print-hint-nojs", NULL);
	html_close(&h, "p");
	html_close(&h, "div");
	layout_end(&h, r);
}
