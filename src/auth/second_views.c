/* second_views.c — HTML of the second factor: the sign-in's code page, the
 * enrolment with its QR code (inline SVG through the escaping writer),
 * the sections of "my account", the start page's notices and the
 * re-authentication form. */
#include "auth/second.h"
#include "core/core.h"
#include "core/i18n.h"
#include "html/fields.h"
#include "html/layout.h"

#include <string.h>
#include <time.h>

/* Unix time as the reader writes it (local time of the network). */
static const char *when(struct req *r, int64_t t)
{
	char iso[32];
	struct tm tm;
	time_t tt = (time_t)t;
	gmtime_r(&tt, &tm);
	strftime(iso, sizeof(iso), "%Y-%m-%dT%H:%M:%SZ", &tm);
	return layout_time(r, arena_strdup(r->a, iso));
}

static void code_input(html *h, struct req *r, const struct field *d, const struct form *f, int i,
		       const char *label, const char *hint)
{
	struct fields_in in = fields_of(d, NULL, f ? f->err[i] : NULL);
	in.label = label;
	in.hint = hint;
	in.autocomplete = "one-time-code";
	in.unmarked = 1;
	fields_input(h, r, &in);
}

void second_view_code(struct req *r, struct resp *w, const struct form *f, const char *problem)
{
	r->lang = i18n_staff_lang(r->lang); /* a page of the staff area */
	html h = html_on(&w->body);
	struct page_meta m = { .title = T(r, "Code eingeben"), .noindex = 1, .staff_langs = 1 };
	auth_csrf_token(r, w);
	layout_begin(&h, r, &m);
	html_elem(&h, "p", T(r, "Ihr Passwort stimmt. Geben Sie jetzt den sechsstelligen Code aus Ihrer "
				"Authenticator-App ein."), "class", "lead", NULL);
	fields_alert(&h, problem);
	html_open(&h, "form", "class", "form", "method", "post", "action", "/login/code", "novalidate", "", NULL);
	fields_csrf(&h, r);
	code_input(&h, r, &code_fields[CF_CODE], f, CF_CODE, T(r, "Code"),
		   T(r, "Ohne Telefon? Geben Sie einen Ihrer Wiederherstellungscodes ein; jeder gilt nur einmal."));
	html_elem(&h, "button", T(r, "Anmelden"), "type", "submit", "class", "button", NULL);
	html_close(&h, "form");
	html_open(&h, "p", "class", "meta", NULL);
	html_elem(&h, "a", T(r, "Abbrechen und neu anmelden"), "href", "/login", NULL);
	html_close(&h, "p");
	layout_end(&h, r);
}

/* The otpauth:// URI as a QR code: the path of its dark modules
 * (totp_qr_path) in an SVG picture. */
static void qr_svg(html *h, struct req *r, const char *uri)
{
	int size;
	const char *d = totp_qr_path(r->a, uri, &size);
	if (!d)
		return;
	const char *box = arena_printf(r->a, "0 0 %d %d", size, size);
	/* the HTML parser gives viewbox its SVG spelling (viewBox) */
	html_open(h, "svg", "xmlns", "http://www.w3.org/2000/svg", "viewbox", box, "class", "qr", "width", "232",
		  "height", "232", "role", "img", "aria-label",
		  T(r, "QR-Code zum Einrichten Ihrer Authenticator-App"), "shape-rendering", "crispEdges", NULL);
	html_open(h, "rect", "width", arena_printf(r->a, "%d", size), "height", arena_printf(r->a, "%d", size),
		  "fill", "#fff", NULL);
	html_close(h, "rect");
	html_open(h, "path", "d", d, "fill", "#000", NULL);
	html_close(h, "path");
	html_close(h, "svg");
}

/* The secret in groups of four, for typing it in by hand. */
static const char *grouped(struct req *r, const char *secret)
{
	size_t n = strlen(secret);
	char *out = arena_alloc(r->a, n + n / 4 + 1);
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		if (i && i % 4 == 0)
			out[o++] = ' ';
		out[o++] = secret[i];
	}
	out[o] = '\0';
	return out;
}

void second_view_enrol(struct req *r, struct resp *w, const struct enrol_page *p)
{
	html h = html_on(&w->body);
	layout_staff_begin(&h, r, T(r, "Zwei-Faktor-Anmeldung"));
	fields_notice(&h, p->notice);
	fields_alert(&h, p->problem);
	if (p->codes) {
		html_elem(&h, "h2", T(r, "Ihre Wiederherstellungscodes"), "id", "codes", NULL);
		html_elem(&h, "p", T(r, "Schreiben Sie diese zehn Codes auf oder drucken Sie sie aus, und bewahren Sie "
					"sie getrennt vom Telefon auf. Jeder Code gilt einmal, wenn Sie Ihr Telefon "
					"nicht zur Hand haben. Sie werden nur jetzt angezeigt."), NULL);
		html_open(&h, "ol", "class", "recovery-codes", NULL);
		for (int i = 0; i < RECOVERY_CODES; i++) {
			html_open(&h, "li", NULL);
			html_elem(&h, "code", p->codes[i], NULL);
			html_close(&h, "li");
		}
		html_close(&h, "ol");
		html_open(&h, "p", NULL);
		html_elem(&h, "a", T(r, "Weiter zum internen Bereich"), "class", "button", "href", "/intern", NULL);
		html_close(&h, "p");
		layout_end(&h, r);
		return;
	}
	if (!p->enabled) {
		html_elem(&h, "p", p->required ? T(r, "Für die Administration ist die Zwei-Faktor-Anmeldung Pflicht. "
						      "Richten Sie sie jetzt ein; danach geht es weiter.")
					       : T(r, "Mit der Zwei-Faktor-Anmeldung braucht eine Anmeldung außer "
						      "Ihrem Passwort einen Code aus einer App auf Ihrem Telefon."),
			  "class", "lead", NULL);
		html_elem(&h, "h2", T(r, "1. App einrichten"), "id", "app", NULL);
		html_elem(&h, "p", T(r, "Öffnen Sie eine Authenticator-App (zum Beispiel FreeOTP, Aegis oder die "
					"App Ihres Telefons) und scannen Sie diesen QR-Code."), NULL);
		html_open(&h, "div", "class", "qr-box", NULL);
		qr_svg(&h, r, p->uri);
		html_close(&h, "div");
		html_elem(&h, "p", T(r, "Oder geben Sie den Schlüssel von Hand ein (zeitbasiert, 6 Stellen, 30 Sekunden):"),
			  NULL);
		html_open(&h, "p", NULL);
		html_elem(&h, "code", grouped(r, p->secret), "class", "secret", "id", "secret", NULL);
		html_close(&h, "p");
		html_elem(&h, "h2", T(r, "2. Code bestätigen"), "id", "bestaetigen", NULL);
		html_open(&h, "form", "class", "form", "method", "post", "action", "/intern/konto/zwei-faktor",
			  "novalidate", "", "aria-labelledby", "bestaetigen", NULL);
		fields_csrf(&h, r);
		code_input(&h, r, &code_fields[CF_CODE], p->f, CF_CODE, T(r, "Code aus der App"),
			   T(r, "Die sechs Ziffern, die die App jetzt anzeigt."));
		html_elem(&h, "button", T(r, "Einschalten"), "type", "submit", "class", "button", NULL);
		html_close(&h, "form");
		layout_end(&h, r);
		return;
	}
	html_elem(&h, "p", T(r, "Die Zwei-Faktor-Anmeldung ist eingeschaltet."), "class", "lead", NULL);
	html_elem(&h, "p",
		  i18n_fill(r->a, T(r, "Unbenutzte Wiederherstellungscodes: {1}"),
			    arena_printf(r->a, "%d", p->recovery_left), NULL), NULL);
	html_elem(&h, "h2", T(r, "Ausschalten oder neues Telefon"), "id", "aus", NULL);
	html_elem(&h, "p", p->required ? T(r, "Für die Administration ist sie Pflicht: Nach dem Ausschalten richten "
					      "Sie gleich eine neue App ein.")
				       : T(r, "Zum Ausschalten geben Sie Ihr Passwort und einen Code ein."),
		  NULL);
	const char *labels[OF__MAX] = { [OF_PASSWORD] = T(r, "Passwort"), [OF_CODE] = T(r, "Code") };
	fields_summary(&h, r, off_fields, p->off, labels);
	html_open(&h, "form", "class", "form", "method", "post", "action", "/intern/konto/zwei-faktor/aus",
		  "novalidate", "", "aria-labelledby", "aus", NULL);
	fields_csrf(&h, r);
	struct fields_in pw = fields_of(&off_fields[OF_PASSWORD], NULL, p->off ? p->off->err[OF_PASSWORD] : NULL);
	pw.label = labels[OF_PASSWORD];
	pw.type = "password";
	pw.autocomplete = "current-password";
	pw.unmarked = 1;
	fields_input(&h, r, &pw);
	code_input(&h, r, &off_fields[OF_CODE], p->off, OF_CODE, labels[OF_CODE],
		   T(r, "Aus der App, oder ein Wiederherstellungscode."));
	html_elem(&h, "button", T(r, "Zwei-Faktor-Anmeldung ausschalten"), "type", "submit", "class", "button", NULL);
	html_close(&h, "form");
	layout_end(&h, r);
}

void second_view_account(html *h, struct req *r, const struct account_second *p)
{
	html_elem(h, "h2", T(r, "Zwei-Faktor-Anmeldung"), "id", "zwei-faktor", NULL);
	html_elem(h, "p", p->enabled ? T(r, "Eingeschaltet: Eine Anmeldung braucht Ihr Passwort und einen Code.")
				     : T(r, "Ausgeschaltet: Eine Anmeldung braucht nur Ihr Passwort."), NULL);
	html_open(h, "p", NULL);
	html_elem(h, "a", p->enabled ? T(r, "Zwei-Faktor-Anmeldung verwalten") : T(r, "Zwei-Faktor-Anmeldung einrichten"),
		  "href", "/intern/konto/zwei-faktor", NULL);
	html_close(h, "p");

	html_elem(h, "h2", T(r, "Angemeldete Geräte"), "id", "sitzungen", NULL);
	const char *const heads[] = { T(r, "Browser"), T(r, "Angemeldet seit"), T(r, "Zuletzt aktiv") };
	layout_table_begin(h, r, "sessions-caption", T(r, "Ihre offenen Sitzungen"), heads, NELEM(heads));
	for (size_t i = 0; i < p->nsessions; i++) {
		const struct session_info *s = &p->sessions[i];
		html_open(h, "tr", NULL);
		html_open(h, "td", NULL);
		html_text(h, *s->agent ? s->agent : T(r, "unbekannt"));
		if (s->current) {
			html_text(h, " ");
			html_elem(h, "strong", T(r, "(diese Sitzung)"), NULL);
		}
		html_close(h, "td");
		html_elem(h, "td", when(r, s->created_at), NULL);
		html_elem(h, "td", when(r, s->last_seen), NULL);
		html_close(h, "tr");
	}
	layout_table_end(h);
	html_open(h, "form", "method", "post", "action", "/intern/konto/sitzungen", NULL);
	fields_csrf(h, r);
	html_elem(h, "button", T(r, "Überall sonst abmelden"), "type", "submit", "class", "button", NULL);
	html_close(h, "form");
}

void second_view_notices(html *h, struct req *r, const struct auth_notice *n, size_t count)
{
	if (!count)
		return;
	html_open(h, "div", "class", "notice notice-security", "role", "status", NULL);
	html_open(h, "ul", NULL);
	for (size_t i = 0; i < count; i++) {
		const char *t = strcmp(n[i].kind, "password") == 0 ? T(r, "Ihr Passwort wurde am {1} geändert.")
				: strcmp(n[i].kind, "totp_on") == 0 ? T(r, "Die Zwei-Faktor-Anmeldung wurde am {1} eingeschaltet.")
				: strcmp(n[i].kind, "totp_off") == 0 ? T(r, "Die Zwei-Faktor-Anmeldung wurde am {1} ausgeschaltet.")
				: T(r, "Am {1} wurde ein Wiederherstellungscode benutzt.");
		html_elem(h, "li", i18n_fill(r->a, t, when(r, n[i].at), NULL), NULL);
	}
	html_close(h, "ul");
	html_elem(h, "p", T(r, "Waren Sie das nicht? Ändern Sie Ihr Passwort und informieren Sie die Administration."),
		  NULL);
	html_close(h, "div");
}

void second_view_reauth(struct req *r, struct resp *w, int status, int need_code, const char *problem)
{
	w->status = status;
	w->no_store = 1;
	html h = html_on(&w->body);
	layout_staff_begin(&h, r, T(r, "Bitte bestätigen Sie, dass Sie es sind"));
	html_elem(&h, "p", T(r, "Rollen ändern und Passwörter zurücksetzen verlangt Ihr Passwort (und bei "
				"Zwei-Faktor-Anmeldung einen Code). Die Bestätigung gilt dann 5 Minuten."),
		  "class", "lead", NULL);
	fields_alert(&h, problem);
	html_open(&h, "form", "class", "form", "method", "post", "action", r->path, "novalidate", "", NULL);
	fields_csrf(&h, r);
	/* the change itself goes along as it was sent */
	for (size_t i = 0; i < r->form.n; i++) {
		const struct kv *kv = &r->form.items[i];
		if (strcmp(kv->key, "csrf") == 0 || strncmp(kv->key, "reauth_", 7) == 0 || strlen(kv->val) != kv->len)
			continue;
		html_void(&h, "input", "type", "hidden", "name", kv->key, "value", kv->val, NULL);
	}
	struct fields_in pw = { .name = "reauth_password", .label = T(r, "Ihr Passwort"), .type = "password",
				.autocomplete = "current-password", .maxlen = 1024, .unmarked = 1 };
	fields_input(&h, r, &pw);
	if (need_code) {
		struct fields_in code = { .name = "reauth_code", .label = T(r, "Code aus der App"),
					  .autocomplete = "one-time-code", .maxlen = 40, .unmarked = 1 };
		fields_input(&h, r, &code);
	}
	html_elem(&h, "button", T(r, "Bestätigen und ausführen"), "type", "submit", "class", "button", NULL);
	html_close(&h, "form");
	layout_end(&h, r);
}
