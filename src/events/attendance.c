/* attendance.c — ticking registrants off on the day of an event: a page
 * for a phone at the door with one button a person (present, or not
 * after all), the counts at the top; each tick is one form post that
 * works without JavaScript and comes back to the person's row. The
 * printable list stays at .../anwesenheit (staff.c). Its HTML:
 * attendance_views.c. */
#include "events/events_internal.h"
#include "auth/auth.h"
#include "core/core.h"
#include "core/i18n.h"
#include "html/layout.h"

#include <stdlib.h>
#include <string.h>

/* Names in the order of the alphabet, upper and lower case alike; a
 * deleted name (NULL) last. */
static int by_name(const void *pa, const void *pb)
{
	const struct event_reg *a = pa, *b = pb;
	if (!a->name || !b->name)
		return (a->name == NULL) - (b->name == NULL);
	const unsigned char *x = (const unsigned char *)a->name, *y = (const unsigned char *)b->name;
	for (; *x && *y; x++, y++) {
		int cx = *x >= 'A' && *x <= 'Z' ? *x + 32 : *x, cy = *y >= 'A' && *y <= 'Z' ? *y + 32 : *y;
		if (cx != cy)
			return cx - cy;
	}
	return (*x != 0) - (*y != 0);
}

void events_staff_checkin(struct req *r, struct resp *w)
{
	struct event e;
	if (events_staff_load(r, w, &e) != 0)
		return;
	struct event_reg *g;
	size_t n;
	if (events_regs(r->db, r->a, e.id, &g, &n) != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	/* the cancelled ones are not expected; the rest by name */
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (strcmp(g[i].status, "cancelled") != 0)
			g[k++] = g[i];
	qsort(g, k, sizeof(*g), by_name);
	w->no_store = 1;
	events_view_checkin(r, w, &e, g, k);
}

/* A path segment as a registration's id, or 0. */
static int64_t reg_id(const char *s)
{
	size_t n = strspn(s, "0123456789");
	return n == 0 || n > 15 || s[n] || s[0] == '0' ? 0 : strtoll(s, NULL, 10);
}

void events_staff_checkin_set(struct req *r, struct resp *w)
{
	struct event e;
	if (events_staff_load(r, w, &e) != 0)
		return;
	int64_t reg = reg_id(r->params[1]);
	const char *v = kv_get(&r->form, "da");
	if (!v || (strcmp(v, "0") != 0 && strcmp(v, "1") != 0)) {
		layout_staff_problem(r, w, 400, T(r, "Das ging nicht"),
				     T(r, "Bitte auf der Seite der Anwesenheit den Knopf bei der Person drücken."));
		return;
	}
	int present = v[0] == '1';
	struct store_tx tx;
	int rc = reg ? store_tx_begin(r->db, &tx) : ST_NOTFOUND;
	if (rc == ST_OK) {
		rc = events_reg_attend(r->db, e.id, reg, present);
		if (rc == ST_OK)
			rc = audit_add_req(r, present ? "event_attended" : "event_not_attended", "event_registration",
					   arena_printf(r->a, "%lld", (long long)reg), "ok",
					   arena_printf(r->a, "event %lld", (long long)e.id));
		rc = store_tx_end(r->db, &tx, rc);
	}
	if (rc == ST_NOTFOUND) {
		layout_staff_not_found(r, w);
		return;
	}
	if (rc != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	resp_redirect(r, w,
		      arena_printf(r->a, "/intern/veranstaltungen/%lld/einlass#anm-%lld", (long long)e.id, (long long)reg));
}
