/* staff.h — the shell of the staff area under /intern: the dashboard that
 * shows each user what is waiting for them. The shell knows no
 * capability: each one contributes a panel (a function that writes its
 * cards), and the app hands the panels to staff_dashboard. */
#ifndef LOTSE_STAFF_H
#define LOTSE_STAFF_H

#include "html/layout.h"
#include "http/http.h"

#include <stddef.h>

/* A capability's part of the dashboard: writes up to LAYOUT_CARDS_MAX
 * cards (html/layout.h) for r's user into out and returns how many, or -1
 * when a read failed. A card whose href the user may not open (by the route table)
 * is left out by the dashboard, so a panel does not repeat permissions. */
typedef int (*staff_panel)(struct req *r, struct layout_card *out);

/* A capability's lines of the notice at the top of the dashboard (struct
 * layout_todo, html/layout.h) for r's user: up to LAYOUT_TODO_MAX
 * into out, only for what waits (a count above 0); returns how many, or -1
 * when a read failed. A line whose href the user may not open is left out. */
typedef int (*staff_todos)(struct req *r, struct layout_todo *out);

/* The line "Für Sie zu tun: ..." at the top of a staff page other than
 * the dashboard: the lines of todos the user may open, each a link;
 * nothing when none waits or they cannot be read. */
void staff_notice(html *h, struct req *r, const staff_todos *todos, size_t nt);

/* GET /intern: the notice of what waits (the lines of todos[0..nt), or a
 * sentence that nothing does), then the cards of panels[0..n), in order,
 * then the account's. */
void staff_dashboard(struct req *r, struct resp *w, const staff_panel *panels, size_t n, const staff_todos *todos,
		     size_t nt);

#endif
