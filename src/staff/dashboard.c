/* dashboard.c — GET /intern: the cards of the capabilities' panels that
 * the user may open, then the account's own. */
#include "staff/staff.h"
#include "auth/auth.h"
#include "core/i18n.h"
#include "html/layout.h"

void staff_dashboard(struct req *r, struct resp *w, const staff_panel *panels, size_t n)
{
	const struct auth_user *u = auth_current(r);
	struct layout_card *cards = arena_alloc(r->a, (n * LAYOUT_CARDS_MAX + 2) * sizeof(*cards));
	size_t nc = 0;
	for (size_t i = 0; i < n; i++) {
		int k = panels[i](r, &cards[nc]);
		if (k < 0) {
			layout_staff_failed(r, w);
			return;
		}
		nc += (size_t)k;
	}
	if (u->roles & (ROLE_RESEARCHER | ROLE_COUNSELLOR))
		cards[nc++] = (struct layout_card){
			T(r, "Bald verfügbar"),
			T(r, "Befragungen und Fallakten kommen in den nächsten Ausbaustufen. "
			     "Bis dahin können Sie hier Ihr Konto verwalten."),
			NULL, NULL };
	cards[nc++] = (struct layout_card){ T(r, "Mein Konto"), T(r, "Passwort ändern und letzte Anmeldungen sehen."),
					   "/intern/konto", T(r, "Zu meinem Konto") };

	/* the account's notices of password and second-factor changes */
	struct auth_notices notices;
	if (auth_staff_notices(r, &notices) != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}

	html h = html_on(&w->body);
	layout_staff_begin(&h, r, T(r, "Interner Bereich"));
	html_elem(&h, "p", i18n_fill(r->a, T(r, "Angemeldet als {1}."), u->email, NULL), "class", "lead", NULL);
	auth_view_notices(&h, r, &notices);
	layout_cards(&h, r, cards, nc);
	layout_end(&h, r);
}
