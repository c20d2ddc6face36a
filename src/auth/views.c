/* views.c — the sign-in page and refusal pages. */
#include "auth/views.h"
#include "html/fields.h"
#include "core/i18n.h"
#include "html/layout.h"

const struct field login_fields[LF__MAX] = {
	[LF_EMAIL] = { "email", FIELD_EMAIL, FIELD_REQUIRED, 254, 0, 0, NULL },
	[LF_PASSWORD] = { "password", FIELD_TEXT, FIELD_REQUIRED, 1024, 0, 0, NULL },
	[LF_NEXT] = { "next", FIELD_TEXT, 0, 300, 0, 0, NULL },
};

const struct field login_query[LQ__MAX] = {
	[LQ_NEXT] = { "next", FIELD_TEXT, 0, 300, 0, 0, NULL },
	[LQ_SIGNED_OUT] = { "abgemeldet", FIELD_CHECKBOX, 0, 0, 0, 0, NULL },
};

void auth_view_login(struct req *r, struct resp *w, const struct form *f, const char *next,
		     const char *problem, const char *notice)
{
	r->lang = i18n_staff_lang(r->lang); /* a page of the staff area */
	html h = html_on(&w->body);
	struct page_meta m = { .title = T(r, "Anmelden"), .noindex = 1, .staff_langs = 1 };
	auth_csrf_token(r, w); /* sets r->csrf before signing in */
	layout_begin(&h, r, &m);
	html_elem(&h, "p", T(r, "Der interne Bereich ist für Mitarbeitende des Netzwerks und seiner "
				"Partnerorganisationen."), "class", "lead", NULL);
	fields_notice(&h, notice);
	fields_alert(&h, problem);
	html_open(&h, "form", "class", "form", "method", "post", "action", "/login", NULL);
	fields_csrf(&h, r);
	html_void(&h, "input", "type", "hidden", "name", "next", "value",
		  f ? f->val[LF_NEXT] : next, NULL);

	/* every field is needed: none is marked; the password is never sent back */
	struct fields_in email = fields_of(&login_fields[LF_EMAIL], f ? f->val[LF_EMAIL] : NULL, NULL);
	email.label = T(r, "E-Mail-Adresse");
	email.type = "email";
	email.autocomplete = "username";
	email.unmarked = 1;
	fields_input(&h, r, &email);
	struct fields_in pw = fields_of(&login_fields[LF_PASSWORD], NULL, NULL);
	pw.label = T(r, "Passwort");
	pw.type = "password";
	pw.autocomplete = "current-password";
	pw.unmarked = 1;
	fields_input(&h, r, &pw);

	html_elem(&h, "button", T(r, "Anmelden"), "type", "submit", "class", "button", NULL);
	html_close(&h, "form");
	html_elem(&h, "p", T(r, "Passwort vergessen? Bitte wenden Sie sich an die Administration "
				"Ihres Netzwerks."), "class", "meta", NULL);
	layout_end(&h, r);
}

void auth_view_denied(struct req *r, struct resp *w, int status, enum auth_denied why)
{
	const char *title = T(r, "Zugriff verweigert"), *text;
	switch (why) {
	case AUTH_DENIED_SESSION:
		title = T(r, "Bitte melden Sie sich an");
		text = T(r, "Ihre Sitzung ist abgelaufen oder Sie sind nicht angemeldet. Bitte melden Sie "
			    "sich an und senden Sie das Formular noch einmal.");
		break;
	case AUTH_DENIED_CSRF:
		title = T(r, "Formular abgelaufen");
		text = T(r, "Das Formular war veraltet oder kam nicht von dieser Seite. Aus Sicherheitsgründen "
			    "wurde nichts gespeichert. Bitte laden Sie die Seite neu und versuchen Sie es noch einmal.");
		break;
	case AUTH_DENIED_UNAVAILABLE:
		title = T(r, "Vorübergehend nicht verfügbar");
		text = T(r, "Der Dienst ist gerade nicht erreichbar. Bitte versuchen Sie es später noch einmal.");
		break;
	case AUTH_DENIED_ROLE:
	default:
		text = T(r, "Ihre Rolle erlaubt diese Seite nicht. Wenn Sie sie brauchen, fragen Sie die "
			    "Administration.");
		break;
	}
	w->status = status;
	w->no_store = 1;
	html h = html_on(&w->body);
	struct page_meta m = { .title = title, .noindex = 1 };
	layout_begin(&h, r, &m);
	html_elem(&h, "p", text, "class", "lead", NULL);
	html_open(&h, "p", NULL);
	if (why == AUTH_DENIED_UNAVAILABLE)
		html_elem(&h, "a", T(r, "Zur Startseite"), "class", "button", "href", "/", NULL);
	else if (why == AUTH_DENIED_SESSION)
		html_elem(&h, "a", T(r, "Zur Anmeldung"), "class", "button", "href", "/login", NULL);
	else
		html_elem(&h, "a", T(r, "Zur Übersicht"), "class", "button", "href", "/intern", NULL);
	html_close(&h, "p");
	layout_end(&h, r);
}
