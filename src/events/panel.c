/* panel.c — the events' part of the staff dashboard: upcoming events with
 * their registrations, and open tasks from the minutes (overdue ones
 * counted apart). */
#include "events/events.h"
#include "core/core.h"
#include "core/i18n.h"
#include "html/layout.h"
#include "http/router.h"

#include <string.h>

int events_staff_panel(struct req *r, struct layout_card *out)
{
	int n = 0;
	if (!req_may_get(r, "/intern/veranstaltungen"))
		return 0;
	char now[17];
	events_local_now(core_now(), now);
	struct events_filter f = { 0, now, NULL, NULL };
	struct event *ev;
	size_t k;
	long total;
	if (events_list(r->db, r->a, &f, 0, 1, &ev, &k, &total) != ST_OK)
		return -1;
	out[n++] = (struct layout_card){
		T(r, "Veranstaltungen"),
		k ? i18n_fill(r->a, T(r, "Kommende Veranstaltungen: {1}. Die nächste: {2}, {3} angemeldet."),
			      arena_printf(r->a, "%ld", total), ev[0].title, arena_printf(r->a, "%ld", ev[0].confirmed), NULL)
		  : T(r, "Keine kommenden Veranstaltungen."),
		"/intern/veranstaltungen", T(r, "Veranstaltungen bearbeiten") };
	struct event_item *items;
	size_t m;
	if (events_actions(r->db, r->a, 0, &items, &m) != ST_OK)
		return -1;
	long late = 0;
	now[10] = '\0';
	for (size_t i = 0; i < m; i++)
		if (items[i].due && strcmp(items[i].due, now) < 0)
			late++;
	out[n++] = (struct layout_card){
		T(r, "Aufgaben"),
		i18n_fill(r->a, T(r, "Offene Aufgaben aus den Protokollen: {1}, davon überfällig: {2}."),
			  arena_printf(r->a, "%zu", m), arena_printf(r->a, "%ld", late), NULL),
		"/intern/aufgaben", T(r, "Aufgaben ansehen") };
	return n;
}
