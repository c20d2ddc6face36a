/* attendance_views.c — the HTML of ticking registrants off on the day
 * (attendance.c): the counts at the top, then one row a person with the
 * name, the organisation, whether the person is there, and one big
 * button that says the other; the waiting list below, for those who come
 * because a place stayed free. */
#include "events/events_internal.h"
#include "core/core.h"
#include "core/i18n.h"
#include "html/fields.h"
#include "html/layout.h"

#include <string.h>

static void count(html *h, struct req *r, long n, const char *label)
{
	html_open(h, "li", NULL);
	html_elem(h, "span", arena_printf(r->a, "%ld", n), "class", "checkin-num", NULL);
	html_text(h, " ");
	html_elem(h, "span", label, NULL);
	html_close(h, "li");
}

/* The rows of g[0..n) whose status is status. */
static void rows(html *h, struct req *r, const struct event *e, const struct event_reg *g, size_t n,
		 const char *status)
{
	html_open(h, "ul", "class", "checkin", NULL);
	for (size_t i = 0; i < n; i++) {
		if (strcmp(g[i].status, status) != 0)
			continue;
		const char *name = g[i].name ? g[i].name : T(r, "(gelöscht)");
		html_open(h, "li", "id", arena_printf(r->a, "anm-%lld", (long long)g[i].id), "class",
			  g[i].attended ? "checkin-row is-present" : "checkin-row", NULL);
		html_open(h, "p", "class", "checkin-who", NULL);
		html_elem(h, "bdi", name, "class", "checkin-name", NULL);
		if (g[i].organisation && *g[i].organisation) {
			html_text(h, " ");
			html_elem(h, "bdi", g[i].organisation, "class", "checkin-org", NULL);
		}
		html_text(h, " ");
		html_elem(h, "span", g[i].attended ? T(r, "da") : T(r, "noch nicht da"), "class",
			  g[i].attended ? "tag tag-done" : "tag", NULL);
		html_close(h, "p");
		html_open(h, "form", "method", "post", "action",
			  arena_printf(r->a, "/intern/veranstaltungen/%lld/einlass/%lld", (long long)e->id,
				       (long long)g[i].id),
			  NULL);
		fields_csrf(h, r);
		html_void(h, "input", "type", "hidden", "name", "da", "value", g[i].attended ? "0" : "1", NULL);
		html_elem(h, "button", g[i].attended ? T(r, "Doch nicht da") : T(r, "Ist da"), "type", "submit", "class",
			  g[i].attended ? "button secondary checkin-button" : "button checkin-button", "aria-label",
			  i18n_fill(r->a, g[i].attended ? T(r, "Doch nicht da: {1}") : T(r, "Ist da: {1}"), name, NULL),
			  NULL);
		html_close(h, "form");
		html_close(h, "li");
	}
	html_close(h, "ul");
}

void events_view_checkin(struct req *r, struct resp *w, const struct event *e, const struct event_reg *g, size_t n)
{
	long confirmed = 0, waiting = 0, present = 0, came = 0;
	for (size_t i = 0; i < n; i++) {
		int c = strcmp(g[i].status, "confirmed") == 0;
		confirmed += c;
		waiting += !c;
		present += c && g[i].attended;
		came += !c && g[i].attended;
	}
	html h = html_on(&w->body);
	layout_staff_begin(&h, r, i18n_fill(r->a, T(r, "Anwesenheit: {1}"), e->title, NULL));
	html_elem(&h, "p", events_when(r, e), NULL);
	html_open(&h, "p", NULL);
	html_elem(&h, "a", T(r, "Zur Veranstaltung"), "href",
		  arena_printf(r->a, "/intern/veranstaltungen/%lld", (long long)e->id), NULL);
	html_text(&h, " · ");
	html_elem(&h, "a", T(r, "Liste zum Ausdrucken"), "href",
		  arena_printf(r->a, "/intern/veranstaltungen/%lld/anwesenheit", (long long)e->id), NULL);
	html_close(&h, "p");
	html_elem(&h, "h2", T(r, "Stand"), "id", "stand", NULL);
	html_open(&h, "ul", "class", "checkin-counts", "aria-labelledby", "stand", NULL);
	count(&h, r, present + came, T(r, "da"));
	count(&h, r, confirmed - present, T(r, "angemeldet, noch nicht da"));
	count(&h, r, confirmed, T(r, "angemeldet"));
	if (waiting)
		count(&h, r, waiting, T(r, "auf der Warteliste"));
	html_close(&h, "ul");
	html_elem(&h, "h2", T(r, "Angemeldet"), "id", "angemeldet", NULL);
	if (confirmed == 0)
		html_elem(&h, "p", T(r, "Noch niemand angemeldet."), NULL);
	else {
		html_elem(&h, "p", T(r, "Nach dem Alphabet. Wer kommt: „Ist da“ drücken."), "class", "field-hint", NULL);
		rows(&h, r, e, g, n, "confirmed");
	}
	if (waiting) {
		html_elem(&h, "h2", T(r, "Warteliste"), "id", "warteliste", NULL);
		html_elem(&h, "p", T(r, "Bleibt ein Platz frei und kommt jemand von der Warteliste: hier abhaken."),
			  "class", "field-hint", NULL);
		rows(&h, r, e, g, n, "waiting");
	}
	layout_end(&h, r);
}
