/* dashboard.c — GET /intern: what is waiting for each of the user's roles. */
#include "staff/staff.h"
#include "auth/auth.h"
#include "core/i18n.h"
#include "directory/staff/staff.h"
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
	layout_staff_begin(&h, r, T(r, "Interner Bereich"));
	html_elem(&h, "p", i18n_fill(r->a, T(r, "Angemeldet als {1}."), u->email, NULL), "class", "lead", NULL);
	html_open(&h, "div", "class", "cards", NULL);
	if (u->roles & ROLE_EDITOR) {
		card(&h, T(r, "Nachrichten"),
		     i18n_fill(r->a, T(r, "Neue Nachrichten über das Kontaktformular: {1}"),
			       arena_printf(r->a, "%ld", fresh), NULL),
		     "/intern/nachrichten", T(r, "Nachrichten lesen"));
		card(&h, T(r, "Seiten"), T(r, "Die Seiten der Website bearbeiten, auf Deutsch und Englisch."),
		     "/intern/seiten", T(r, "Seiten bearbeiten"));
		long todo = site_page_count_placeholder(r->db);
		if (todo > 0)
			card(&h, T(r, "Platzhaltertext"),
			     i18n_fill(r->a, T(r, "Seiten, die noch Platzhaltertext enthalten und vor der "
						  "Veröffentlichung ausgefüllt werden müssen (etwa Impressum und "
						  "Datenschutzerklärung): {1}"),
				       arena_printf(r->a, "%ld", todo), NULL),
			     "/intern/seiten", T(r, "Seiten ausfüllen"));
	}
	if (u->roles & ROLE_EDITOR) {
		card(&h, T(r, "Prüfung"),
		     i18n_fill(r->a, T(r, "Vorschläge von Partnerorganisationen, die auf Prüfung warten: {1}"),
			       arena_printf(r->a, "%ld", dir_staff_pending_drafts(r->db)), NULL),
		     "/intern/pruefung", T(r, "Vorschläge prüfen"));
		card(&h, T(r, "Angebote"),
		     i18n_fill(r->a, T(r, "Aktive Angebote, die seit über zwölf Monaten niemand geprüft hat: {1}"),
			       arena_printf(r->a, "%ld", dir_staff_stale_offers(r->db)), NULL),
		     "/intern/angebote", T(r, "Angebote bearbeiten"));
		card(&h, T(r, "Aktualität"), T(r, "Nicht mehr geprüfte Angebote mit einem Klick als geprüft vermerken."),
		     "/intern/angebote/veraltet", T(r, "Nicht mehr geprüfte Angebote"));
		card(&h, T(r, "Träger"), T(r, "Träger und ihre Standorte anlegen, bearbeiten und zusammenführen."),
		     "/intern/traeger", T(r, "Träger bearbeiten"));
	}
	if ((u->roles & ROLE_PARTNER) && u->org_id)
		card(&h, T(r, "Meine Angebote"),
		     i18n_fill(r->a, T(r, "Ihre Angebote: {1}. Vorschläge in Prüfung: {2}. Abgelehnte Vorschläge: {3}."),
			       arena_printf(r->a, "%ld", dir_staff_org_offers(r->db, u->org_id)),
			       arena_printf(r->a, "%ld", dir_staff_org_drafts(r->db, u->org_id, "pending")),
			       arena_printf(r->a, "%ld", dir_staff_org_drafts(r->db, u->org_id, "rejected")), NULL),
		     "/intern/meine-angebote", T(r, "Meine Angebote pflegen"));
	if (u->roles & ROLE_ADMIN) {
		card(&h, T(r, "Benutzer"), T(r, "Konten anlegen, Rollen vergeben, Konten sperren."),
		     "/intern/benutzer", T(r, "Benutzer verwalten"));
		card(&h, T(r, "Protokoll"), T(r, "Anmeldungen und Zugriffe auf personenbezogene Daten."),
		     "/intern/protokoll", T(r, "Protokoll ansehen"));
	}
	if (u->roles & (ROLE_RESEARCHER | ROLE_COUNSELLOR))
		card(&h, T(r, "Bald verfügbar"),
		     T(r, "Befragungen und Fallakten kommen in den nächsten Ausbaustufen. "
			  "Bis dahin können Sie hier Ihr Konto verwalten."),
		     NULL, NULL);
	card(&h, T(r, "Mein Konto"), T(r, "Passwort ändern und letzte Anmeldungen sehen."), "/intern/konto",
	     T(r, "Zu meinem Konto"));
	html_close(&h, "div");
	layout_end(&h, r);
}
