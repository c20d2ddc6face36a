/* views.c — HTML of the public website: content pages, the contact form,
 * the thank-you page and error pages. */
#include "site/views.h"
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

static void page_body(html *h, const struct page *p)
{
	html_open(h, "div", "class", "prose", "lang", p->lang, NULL);
	html_markdown(h, p->body_md);
	html_close(h, "div");
}

static const char *translation_notice(struct req *r, const struct page *p)
{
	if (strcmp(p->lang, r->lang) == 0)
		return NULL;
	return T(r, "Diese Seite gibt es noch nicht in Ihrer Sprache. Sie sehen die deutsche Fassung.");
}

void view_page(struct req *r, struct resp *w, const struct page *p)
{
	html h = html_on(&w->body);
	struct page_meta m = { .title = p->title, .description = p->description,
			       .notice = translation_notice(r, p) };
	layout_begin(&h, r, &m);
	page_body(&h, p);
	layout_end(&h, r);
}

/* One labelled input with its hint and error. */
static void field(html *h, struct req *r, const struct form *f, int i, const char *label,
		  const char *hint)
{
	const struct field *d = &contact_fields[i];
	const char *id = arena_printf(r->a, "f-%s", d->name);
	const char *err_id = arena_printf(r->a, "f-%s-err", d->name);
	const char *hint_id = arena_printf(r->a, "f-%s-hint", d->name);
	const char *err = f ? f->err[i] : NULL;
	const char *val = f ? f->val[i] : NULL;
	const char *described = err ? (hint ? arena_printf(r->a, "%s %s", err_id, hint_id) : err_id)
				    : hint ? hint_id : NULL;

	html_open(h, "div", "class", err ? "field has-error" : "field", NULL);
	html_open(h, "label", "for", id, NULL);
	html_text(h, label);
	html_text(h, " ");
	html_elem(h, "span", T(r, "(Pflichtfeld)"), "class", "req", NULL);
	html_close(h, "label");
	const char *maxlen = arena_printf(r->a, "%zu", d->maxlen);
	if (d->kind == FIELD_MULTILINE) {
		html_open(h, "textarea", "id", id, "name", d->name, "rows", "8", "required", "",
			  "maxlength", maxlen, "aria-invalid", err ? "true" : NULL,
			  "aria-describedby", described, NULL);
		html_text(h, val);
		html_close(h, "textarea");
	} else {
		html_void(h, "input", "id", id, "name", d->name,
			  "type", d->kind == FIELD_EMAIL ? "email" : "text",
			  "autocomplete", d->kind == FIELD_EMAIL ? "email" : "name", "required", "",
			  "maxlength", maxlen, "value", val, "aria-invalid", err ? "true" : NULL,
			  "aria-describedby", described, NULL);
	}
	if (hint)
		html_elem(h, "p", hint, "class", "field-hint", "id", hint_id, NULL);
	if (err)
		html_elem(h, "p", T(r, err), "class", "field-error", "id", err_id, NULL);
	html_close(h, "div");
}

static void error_summary(html *h, struct req *r, const struct form *f, const char *const *labels)
{
	html_open(h, "div", "class", "error-summary", "role", "alert", "tabindex", "-1", NULL);
	html_elem(h, "h2", T(r, "Bitte prüfen Sie Ihre Eingaben"), NULL);
	html_open(h, "ul", NULL);
	for (int i = 0; i < CF__MAX; i++) {
		if (!f->err[i] || !labels[i])
			continue;
		html_open(h, "li", NULL);
		html_open(h, "a", "href", arena_printf(r->a, "#f-%s", contact_fields[i].name), NULL);
		html_textf(h, "%s: %s", labels[i], T(r, f->err[i]));
		html_close(h, "a");
		html_close(h, "li");
	}
	html_close(h, "ul");
	html_close(h, "div");
}

void view_contact(struct req *r, struct resp *w, const struct page *intro, const struct form *f,
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
	};
	layout_begin(&h, r, &m);
	/* A problem comes first, where the reader lands after sending. */
	if (problem) {
		html_open(&h, "div", "class", "error-summary", "role", "alert", NULL);
		html_elem(&h, "p", problem, NULL);
		html_close(&h, "div");
	} else if (f && f->nerr) {
		error_summary(&h, r, f, labels);
	} else if (intro) {
		page_body(&h, intro);
	}
	html_elem(&h, "h2", T(r, "Kontaktformular"), "id", "formular", NULL);
	html_open(&h, "form", "class", "form", "method", "post", "action", "/kontakt", "novalidate", "",
		  "aria-labelledby", "formular", NULL);
	field(&h, r, f, CF_NAME, labels[CF_NAME], NULL);
	field(&h, r, f, CF_EMAIL, labels[CF_EMAIL],
	      T(r, "Wir nutzen sie nur, um Ihnen zu antworten."));
	field(&h, r, f, CF_MESSAGE, labels[CF_MESSAGE], NULL);

	const char *cerr = f ? f->err[CF_CONSENT] : NULL;
	html_open(&h, "div", "class", cerr ? "field field-check has-error" : "field field-check", NULL);
	html_void(&h, "input", "type", "checkbox", "id", "f-consent", "name", "consent", "value", "1",
		  "required", "", "checked", f && f->val[CF_CONSENT] ? "" : NULL,
		  "aria-invalid", cerr ? "true" : NULL, "aria-describedby", cerr ? "f-consent-err" : NULL,
		  NULL);
	html_open(&h, "label", "for", "f-consent", NULL);
	html_text(&h, T(r, "Ich bin einverstanden, dass meine Angaben gespeichert werden, um meine "
			   "Anfrage zu beantworten. Mehr dazu in der"));
	html_text(&h, " ");
	html_elem(&h, "a", T(r, "Datenschutzerklärung"), "href", "/datenschutz", NULL);
	html_text(&h, ". ");
	html_elem(&h, "span", T(r, "(Pflichtfeld)"), "class", "req", NULL);
	html_close(&h, "label");
	if (cerr)
		html_elem(&h, "p", T(r, cerr), "class", "field-error", "id", "f-consent-err", NULL);
	html_close(&h, "div");

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

void view_contact_thanks(struct req *r, struct resp *w)
{
	html h = html_on(&w->body);
	struct page_meta m = { .title = T(r, "Vielen Dank für Ihre Nachricht"), .noindex = 1 };
	layout_begin(&h, r, &m);
	html_open(&h, "div", "class", "success", "role", "status", NULL);
	html_elem(&h, "p", T(r, "Wir haben Ihre Nachricht erhalten und antworten Ihnen so bald wie "
				"möglich, meist innerhalb einer Woche."), NULL);
	html_close(&h, "div");
	html_open(&h, "p", NULL);
	html_elem(&h, "a", T(r, "Zur Startseite"), "class", "button", "href", "/", NULL);
	html_close(&h, "p");
	layout_end(&h, r);
}

