/* views.c — HTML of the public website: content pages, the contact form,
 * the thank-you page and error pages. */
#include "site/views.h"
#include "html/fields.h"
#include "core/core.h"
#include "core/i18n.h"
#include "html/layout.h"
#include "html/markdown.h"

#include <string.h>

const struct field contact_fields[CF__MAX] = {
	[CF_NAME] = { "name", FIELD_TEXT, FIELD_REQUIRED, 200, 0, 0, NULL },
	[CF_EMAIL] = { "email", FIELD_EMAIL, FIELD_REQUIRED, 254, 0, 0, NULL },
	[CF_MESSAGE] = { "message", FIELD_MULTILINE, FIELD_REQUIRED, 5000, 0, 0, NULL },
	[CF_CONSENT] = { "consent", FIELD_CHECKBOX, FIELD_REQUIRED, 1, 0, 0, NULL },
	[CF_WEBSITE] = { "website", FIELD_HONEYPOT, 0, 200, 0, 0, NULL },
};

static void page_body(html *h, struct req *r, const struct page *p)
{
	html_open(h, "div", "class", "prose", "lang", p->lang, "dir", layout_dir(r, p->lang), NULL);
	html_markdown(h, p->body_md);
	html_close(h, "div");
}

static const char *translation_notice(struct req *r, const struct page *p)
{
	if (strcmp(p->lang, r->lang) == 0)
		return NULL;
	return T(r, "Diese Seite gibt es noch nicht in Ihrer Sprache. Sie sehen die deutsche Fassung.");
}

void site_view_page(struct req *r, struct resp *w, const struct page *p)
{
	html h = html_on(&w->body);
	struct page_meta m = { .title = p->title, .title_lang = p->lang, .description = p->description,
			       .notice = translation_notice(r, p) };
	layout_begin(&h, r, &m);
	page_body(&h, r, p);
	layout_end(&h, r);
}

/* The start page's ways into the offer finder for a first visit: each a
 * prepared query (filter codes, so that it works in every language); "in
 * my language" adds the page's language. Each finds offers in the demo
 * data (tests/http/test_first_visit.c). */
static const struct {
	const char *label; /* msgid */
	const char *query; /* after "/angebote?" */
	int own_lang;      /* add &sprache= the page's language */
} topics[] = {
	{ N_("Deutsch lernen"), "art=sprachfoerderung", 0 },
	{ N_("Ausbildung finden"), "phase=ausbildungsvorbereitung&phase=berufsorientierung", 0 },
	{ N_("Hilfe bei der Bewerbung"), "art=bewerbungstraining", 0 },
	{ N_("Anerkennung"), "phase=anerkennung", 0 },
	{ N_("Geld während der Ausbildung"), "q=Geld+Ausbildung", 0 },
	{ N_("Beratung in meiner Sprache"), "art=beratung", 1 },
};

/* A search box into the finder and the topics, above the start page's text. */
static void first_visit(html *h, struct req *r)
{
	html_open(h, "section", "class", "first-visit", "aria-labelledby", "start-search-h", NULL);
	html_open(h, "form", "class", "start-search", "method", "get", "action", "/angebote", "role", "search", NULL);
	html_open(h, "h2", "id", "start-search-h", NULL);
	html_elem(h, "label", T(r, "Was suchst du?"), "for", "start-q", NULL);
	html_close(h, "h2");
	html_open(h, "div", "class", "search-row", NULL);
	html_void(h, "input", "type", "search", "id", "start-q", "name", "q", "maxlength", "200", "autocomplete", "off",
		  "enterkeyhint", "search", "aria-describedby", "start-q-hint", NULL);
	html_elem(h, "button", T(r, "Suchen"), "type", "submit", "class", "button", NULL);
	html_close(h, "div");
	html_elem(h, "p", T(r, "Zum Beispiel: Sprachkurs, Bewerbung, Azubi, Beratung für Geflüchtete"), "class",
		  "field-hint", "id", "start-q-hint", NULL);
	html_close(h, "form");
	html_elem(h, "h2", T(r, "Wobei brauchst du Hilfe?"), "id", "topics-h", NULL);
	html_open(h, "ul", "class", "topics", "aria-labelledby", "topics-h", NULL);
	for (size_t i = 0; i < NELEM(topics); i++) {
		const char *href = arena_printf(r->a, "/angebote?%s", topics[i].query);
		if (topics[i].own_lang)
			href = arena_printf(r->a, "%s&sprache=%s", href, r->lang);
		html_li_link(h, T(r, topics[i].label), href);
	}
	html_close(h, "ul");
	html_open(h, "p", NULL);
	html_elem(h, "a", T(r, "Alle Angebote anzeigen"), "href", "/angebote", NULL);
	html_close(h, "p");
	html_close(h, "section");
}

void site_view_home(struct req *r, struct resp *w, const struct page *p)
{
	html h = html_on(&w->body);
	struct page_meta m = { .title = p->title, .title_lang = p->lang, .description = p->description,
			       .notice = translation_notice(r, p) };
	layout_begin(&h, r, &m);
	first_visit(&h, r);
	page_body(&h, r, p);
	layout_end(&h, r);
}

void site_view_plain(struct req *r, struct resp *w, const struct page *p)
{
	html h = html_on(&w->body);
	struct page_meta m = { .title = p->title, .title_lang = p->lang, .description = p->description };
	layout_begin(&h, r, &m);
	html_open(&h, "div", "class", "prose plain-language", "lang", p->lang, "dir", layout_dir(r, p->lang), NULL);
	html_markdown(&h, p->body_md);
	if (strcmp(p->slug, SITE_PLAIN_PREFIX) != 0) {
		/* part of the German text in Leichte Sprache, as its links are */
		html_open(&h, "p", "class", "plain-back", NULL);
		html_elem(&h, "a", "Zurück zur Übersicht in Leichter Sprache", "href", "/" SITE_PLAIN_PREFIX, NULL);
		html_close(&h, "p");
	}
	html_close(&h, "div");
	layout_end(&h, r);
}

/* One labelled control of the contact form with its hint and error. */
static void field(html *h, struct req *r, const struct form *f, int i, const char *label, const char *hint,
		  const char *autocomplete)
{
	const struct field *d = &contact_fields[i];
	struct fields_in in = fields_of(d, f ? f->val[i] : NULL, f ? f->err[i] : NULL);
	in.label = label;
	in.hint = hint;
	in.autocomplete = autocomplete;
	if (d->kind == FIELD_MULTILINE) {
		in.rows = 8;
		fields_textarea(h, r, &in);
	} else {
		in.type = d->kind == FIELD_EMAIL ? "email" : "text";
		fields_input(h, r, &in);
	}
}

void site_view_contact(struct req *r, struct resp *w, const struct page *intro, const struct form *f,
		       const char *problem)
{
	html h = html_on(&w->body);
	const char *labels[CF__MAX] = {
		[CF_NAME] = T(r, "Name"),
		[CF_EMAIL] = T(r, "E-Mail-Adresse"),
		[CF_MESSAGE] = T(r, "Ihre Nachricht"),
		[CF_CONSENT] = T(r, "Einwilligung"),
	};
	struct page_meta m = {
		.title = intro ? intro->title : T(r, "Kontakt"),
		.description = intro ? intro->description : NULL,
		.notice = intro ? translation_notice(r, intro) : NULL,
		.title_lang = intro ? intro->lang : NULL,
	};
	layout_begin(&h, r, &m);
	/* A problem comes first, where the reader lands after sending. */
	if (problem) {
		fields_alert(&h, problem);
	} else if (f && f->nerr) {
		fields_summary(&h, r, contact_fields, f, labels);
	} else if (intro) {
		page_body(&h, r, intro);
	}
	html_elem(&h, "h2", T(r, "Kontaktformular"), "id", "formular", NULL);
	html_open(&h, "form", "class", "form", "method", "post", "action", "/kontakt", "novalidate", "",
		  "aria-labelledby", "formular", NULL);
	field(&h, r, f, CF_NAME, labels[CF_NAME], NULL, "name");
	field(&h, r, f, CF_EMAIL, labels[CF_EMAIL], T(r, "Wir nutzen sie nur, um Ihnen zu antworten."), "email");
	field(&h, r, f, CF_MESSAGE, labels[CF_MESSAGE], NULL, NULL);

	struct fields_in consent = fields_of(&contact_fields[CF_CONSENT], NULL, f ? f->err[CF_CONSENT] : NULL);
	consent.label = T(r, "Ich bin einverstanden, dass meine Angaben gespeichert werden, um meine "
			     "Anfrage zu beantworten. Mehr dazu in der");
	consent.link = T(r, "Datenschutzerklärung");
	consent.link_href = "/datenschutz";
	consent.cls = "field";
	fields_checkbox(&h, r, &consent, f && f->val[CF_CONSENT]);

	/* Honeypot: invisible to people, filled in by simple bots. */
	html_open(&h, "div", "class", "hp", "aria-hidden", "true", NULL);
	html_elem(&h, "label", T(r, "Bitte leer lassen"), "for", "f-website", NULL);
	html_void(&h, "input", "id", "f-website", "name", "website", "type", "text", "tabindex", "-1",
		  "autocomplete", "off", NULL);
	html_close(&h, "div");

	html_elem(&h, "button", T(r, "Nachricht senden"), "type", "submit", "class", "button", NULL);
	html_close(&h, "form");
	layout_end(&h, r);
}

void site_view_contact_thanks(struct req *r, struct resp *w)
{
	html h = html_on(&w->body);
	struct page_meta m = { .title = T(r, "Vielen Dank für Ihre Nachricht"), .noindex = 1 };
	layout_begin(&h, r, &m);
	fields_notice(&h, T(r, "Wir haben Ihre Nachricht erhalten und antworten Ihnen so bald wie möglich, meist "
			       "innerhalb einer Woche."));
	html_open(&h, "p", NULL);
	html_elem(&h, "a", T(r, "Zur Startseite"), "class", "button", "href", "/", NULL);
	html_close(&h, "p");
	layout_end(&h, r);
}

