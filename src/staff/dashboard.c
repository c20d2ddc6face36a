/* dashboard.c — GET /intern: the cards of the capabilities' panels that
 * the user may open, then the account's own. */
#include "staff/staff.h"
#include "auth/auth.h"
#include "core/i18n.h"
#include "html/layout.h"
#include "http/router.h"

#include <string.h>

/* The notice at the top: what waits for the user, each line a link to
 * the page where it is done. */
static void todo(html *h, struct req *r, const struct layout_todo *t, size_t n)
{
	html_open(h, "section", "class", n ? "todo" : "todo todo-none", "aria-labelledby", "todo-title", NULL);
	html_elem(h, "h2", T(r, "Für Sie zu tun"), "id", "todo-title", NULL);
	if (!n) {
		html_elem(h, "p", T(r, "Gerade wartet nichts auf Sie."), NULL);
	} else {
		html_open(h, "ul", NULL);
		for (size_t i = 0; i < n; i++) {
			html_li_link(h, t[i].text, t[i].href);
		}
		html_close(h, "ul");
	}
	html_close(h, "section");
}

/* The lines of what waits for the user from todos, those the user may
 * open, into *out (owned by r->a). ST_OK or ST_ERR. */
static int collect(struct req *r, const staff_todos *todos, size_t nt, struct layout_todo **out, size_t *n)
{
	struct layout_todo *lines = arena_alloc(r->a, (nt * LAYOUT_TODO_MAX + 1) * sizeof(*lines));
	size_t nl = 0;
	for (size_t i = 0; i < nt; i++) {
		int k = todos[i](r, &lines[nl]);
		if (k < 0)
			return ST_ERR;
		size_t from = nl;
		for (size_t j = 0; j < (size_t)k; j++)
			if (req_may_get(r, lines[from + j].href))
				lines[nl++] = lines[from + j];
	}
	*out = lines;
	*n = nl;
	return ST_OK;
}

void staff_notice(html *h, struct req *r, const staff_todos *todos, size_t nt)
{
	struct layout_todo *lines;
	size_t nl;
	if (strcmp(r->path, "/intern") == 0 || !auth_current(r) || collect(r, todos, nt, &lines, &nl) != ST_OK ||
	    nl == 0)
		return; /* the dashboard lists them itself; a failed read leaves the page as it is */
	html_open(h, "p", "class", "staff-notice", NULL);
	html_elem(h, "strong", T(r, "Für Sie zu tun"), NULL);
	for (size_t i = 0; i < nl; i++) {
		html_text(h, i ? " · " : ": ");
		html_elem(h, "a", lines[i].text, "href", lines[i].href, NULL);
	}
	html_close(h, "p");
}

void staff_dashboard(struct req *r, struct resp *w, const staff_panel *panels, size_t n, const staff_todos *todos,
		     size_t nt)
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

	/* what waits for the user, where the user may go */
	struct layout_todo *lines;
	size_t nl;
	if (collect(r, todos, nt, &lines, &nl) != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}

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
	todo(&h, r, lines, nl);
	layout_cards(&h, r, cards, nc);
	layout_end(&h, r);
}
