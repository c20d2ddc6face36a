/* dashboard.c — GET /intern: what is waiting for each of the user's roles. */
#include "staff/staff.h"
#include "auth/auth.h"
#include "core/i18n.h"
#include "html/layout.h"
#include "site/site.h"

static void card(html *h, const char *title, const char *text, const char *href, const char *link)
{
	html_open(h, "section", "class", "card", NULL);
	html_elem(h, "h2", title, NULL);
	html_elem(h, "p", text, NULL);
	if (href)
		html_elem(h, "a", link, "href", href, NULL);
	html_close(h, "section");
}

void staff_dashboard(struct req *r, struct resp *w)
{
	const struct auth_user *u = auth_current(r);
	long fresh = site_contact_count_new(r->db);
	html h = html_on(&w->body);
	struct page_meta m = { .title = T(r, "Interner Bereich"), .staff = 1, .noindex = 1 };
	layout_begin(&h, r, &m);
	html_elem(&h, "p", i18n_fill(r->a, T(r, "Angemeldet als {1}."), u->email, NULL), "class", "lead", NULL);
	html_open(&h, "div", "class", "cards", NULL);
	if (u->roles & ROLE_EDITOR) {
		card(&h, T(r, "Nachrichten"),
		     i18n_fill(r->a, T(r, "Neue Nachrichten über das Kontaktformular: {1}"),
			       arena_printf(r->a, "%ld", fresh), NULL),
		     "/intern/nachrichten", T(r, "Nachrichten lesen"));
		card(&h, T(r, "Seiten"), T(r, "Die Seiten der Website bearbeiten, auf Deutsch und Englisch."),
		     "/intern/seiten", T(r, "Seiten bearbeiten"));
	}
	if (u->roles & ROLE_ADMIN) {
		card(&h, T(r, "Benutzer"), T(r, "Konten anlegen, Rollen vergeben, Konten sperren."),
		     "/intern/benutzer", T(r, "Benutzer verwalten"));
		card(&h, T(r, "Protokoll"), T(r, "Anmeldungen und Zugriffe auf personenbezogene Daten."),
		     "/intern/protokoll", T(r, "Protokoll ansehen"));
	}
	if (u->roles & (ROLE_RESEARCHER | ROLE_COUNSELLOR | ROLE_PARTNER))
		card(&h, T(r, "Bald verfügbar"),
		     T(r, "Angebote, Befragungen und Fallakten kommen in den nächsten Ausbaustufen. "
			  "Bis dahin können Sie hier Ihr Konto verwalten."),
		     NULL, NULL);
	card(&h, T(r, "Mein Konto"), T(r, "Passwort ändern und letzte Anmeldungen sehen."), "/intern/konto",
	     T(r, "Zu meinem Konto"));
	html_close(&h, "div");
	layout_end(&h, r);
}
