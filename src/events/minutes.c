/* minutes.c — the minutes of an event in the staff area: saving the text,
 * adding decisions and action items (who does what by when), changing and
 * deleting them, ticking an action item off, and the list of action items across events and the
 * committees' meetings (/intern/aufgaben). */
#include "events/events_internal.h"
#include "auth/auth.h"
#include "policy/policy.h"
#include "core/core.h"
#include "core/i18n.h"
#include "html/layout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *id_text(struct req *r, int64_t id)
{
	return arena_printf(r->a, "%lld", (long long)id);
}

void events_minutes_save_form(struct req *r, struct resp *w)
{
	struct event e;
	if (events_staff_load(r, w, &e) != 0)
		return;
	static const struct field fields[] = { { "minutes", FIELD_MULTILINE, 0, 50000, 0, 0, NULL } };
	struct form f;
	if (form_validate(r, &r->form, fields, 1, &f)) {
		w->status = 422;
		events_staff_page(r, w, &e, NULL, NULL);
		return;
	}
	if (events_minutes_save(r->db, e.id, f.val[0] ? f.val[0] : "") != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	audit_add_req(r, "event_minutes_save", "event", id_text(r, e.id), "ok", NULL);
	resp_redirect(r, w, arena_printf(r->a, "/intern/veranstaltungen/%lld?gespeichert=1#protokoll", (long long)e.id));
}

/* Is s a real day "YYYY-MM-DD"? */
static int date_valid(const char *s)
{
	char t[17];
	if (!s || strlen(s) != 10)
		return 0;
	snprintf(t, sizeof(t), "%sT00:00", s);
	return events_time_valid(t);
}

/* The item form into f; *action: it is an action item. The number of
 * errors. */
static int read_item(struct req *r, struct form *f, int *action)
{
	form_validate(r, &r->form, events_item_fields, IF__MAX, f);
	*action = f->val[IF_KIND] && strcmp(f->val[IF_KIND], "action") == 0;
	if (*action && !f->val[IF_WHO] && !f->err[IF_WHO]) {
		f->err[IF_WHO] = N_("Bitte angeben, wer die Aufgabe erledigt.");
		f->nerr++;
	}
	if (*action && !f->err[IF_DUE] && !date_valid(f->val[IF_DUE])) {
		f->err[IF_DUE] = N_("Bitte ein Datum wie 2027-06-30 angeben.");
		f->nerr++;
	}
	if (!*action && f->val[IF_DUE] && !f->err[IF_DUE] && !date_valid(f->val[IF_DUE])) {
		f->err[IF_DUE] = N_("Bitte ein Datum wie 2027-06-30 angeben.");
		f->nerr++;
	}
	return f->nerr;
}

void events_item_add_form(struct req *r, struct resp *w)
{
	struct event e;
	if (events_staff_load(r, w, &e) != 0)
		return;
	struct form f;
	int action;
	if (read_item(r, &f, &action)) {
		w->status = 422;
		events_staff_page(r, w, &e, NULL, &f);
		return;
	}
	if (events_item_add(r->db, e.id, f.val[IF_KIND], f.val[IF_TEXT], f.val[IF_WHO],
			    action ? f.val[IF_DUE] : NULL) != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	audit_add_req(r, "event_item_add", "event", id_text(r, e.id), "ok", f.val[IF_KIND]);
	resp_redirect(r, w, arena_printf(r->a, "/intern/veranstaltungen/%lld?gespeichert=1#punkte", (long long)e.id));
}

void events_item_done_form(struct req *r, struct resp *w)
{
	struct event e;
	if (events_staff_load(r, w, &e) != 0)
		return;
	const char *p = r->params[1];
	size_t n = strspn(p, "0123456789");
	const char *v = kv_get(&r->form, "done");
	int rc = n == 0 || n > 15 || p[n] || p[0] == '0'
			 ? ST_NOTFOUND
			 : events_item_done(r->db, e.id, strtoll(p, NULL, 10), v && strcmp(v, "1") == 0);
	if (rc == ST_NOTFOUND) {
		layout_staff_not_found(r, w);
		return;
	}
	if (rc != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	audit_add_req(r, "event_item_done", "event", id_text(r, e.id), "ok", p);
	const char *back = kv_get(&r->form, "zurueck");
	if (back && strcmp(back, "aufgaben") == 0)
		resp_redirect(r, w, "/intern/aufgaben");
	else
		resp_redirect(r, w, arena_printf(r->a, "/intern/veranstaltungen/%lld?gespeichert=1#punkte", (long long)e.id));
}

/* The item of params[1] of event e into *it (0), or -1 after answering
 * with the not-found or failure page. */
static int load_item(struct req *r, struct resp *w, const struct event *e, struct event_item *it)
{
	const char *p = r->params[1];
	size_t n = strspn(p, "0123456789");
	int64_t id = n == 0 || n > 15 || p[n] || p[0] == '0' ? 0 : strtoll(p, NULL, 10);
	struct event_item *items;
	size_t k;
	if (events_items(r->db, r->a, e->id, &items, &k) != ST_OK) {
		layout_staff_failed(r, w);
		return -1;
	}
	for (size_t i = 0; i < k; i++)
		if (items[i].id == id) {
			*it = items[i];
			return 0;
		}
	layout_staff_not_found(r, w);
	return -1;
}

/* Run a change of an item and its audit row as one transaction. */
static int item_change(struct req *r, const struct event *e, const struct event_item *it, int del,
		       const struct form *f, int action)
{
	struct store_tx tx;
	int rc = store_tx_begin(r->db, &tx);
	if (rc == ST_OK)
		rc = del ? events_item_delete(r->db, e->id, it->id)
			 : events_item_update(r->db, e->id, it->id, f->val[IF_KIND], f->val[IF_TEXT], f->val[IF_WHO],
					      action ? f->val[IF_DUE] : NULL);
	if (rc == ST_OK)
		rc = audit_add_req(r, del ? "event_item_delete" : "event_item_update", "event", id_text(r, e->id), "ok",
				   id_text(r, it->id));
	return store_tx_end(r->db, &tx, rc);
}

void events_item_edit_form(struct req *r, struct resp *w)
{
	struct event e;
	struct event_item it;
	if (events_staff_load(r, w, &e) != 0 || load_item(r, w, &e, &it) != 0)
		return;
	if (r->method != HTTP_POST) {
		events_view_item(r, w, &e, &it, NULL);
		return;
	}
	struct form f;
	int action;
	if (read_item(r, &f, &action)) {
		w->status = 422;
		events_view_item(r, w, &e, &it, &f);
		return;
	}
	int rc = item_change(r, &e, &it, 0, &f, action);
	if (rc != ST_OK) {
		if (rc == ST_NOTFOUND)
			layout_staff_not_found(r, w);
		else
			layout_staff_failed(r, w);
		return;
	}
	resp_redirect(r, w, arena_printf(r->a, "/intern/veranstaltungen/%lld?gespeichert=1#punkte", (long long)e.id));
}

void events_item_delete_form(struct req *r, struct resp *w)
{
	struct event e;
	struct event_item it;
	if (events_staff_load(r, w, &e) != 0 || load_item(r, w, &e, &it) != 0)
		return;
	int rc = item_change(r, &e, &it, 1, NULL, 0);
	if (rc != ST_OK) {
		if (rc == ST_NOTFOUND)
			layout_staff_not_found(r, w);
		else
			layout_staff_failed(r, w);
		return;
	}
	resp_redirect(r, w, arena_printf(r->a, "/intern/veranstaltungen/%lld?gespeichert=1#punkte", (long long)e.id));
}

/* Open ones first, then by due date. */
static int task_cmp(const void *x, const void *y)
{
	const struct events_task *a = x, *b = y;
	if (a->done != b->done)
		return a->done - b->done;
	return strcmp(a->due, b->due);
}

void events_actions_list(struct req *r, struct resp *w)
{
	int all = kv_get(&r->query, "alle") != NULL;
	struct event_item *items;
	struct pol_action *acts;
	size_t n, nacts;
	if (events_actions(r->db, r->a, all, &items, &n) != ST_OK ||
	    pol_actions(r->db, r->a, all, &acts, &nacts) != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	struct events_task *t = arena_alloc(r->a, (n + nacts + 1) * sizeof(*t));
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		t[k++] = (struct events_task){
			.due = items[i].due ? items[i].due : "", .text = items[i].text, .who = items[i].who,
			.source = items[i].event_title,
			.source_href = arena_printf(r->a, "/intern/veranstaltungen/%lld#punkte", (long long)items[i].event_id),
			.done_action = arena_printf(r->a, "/intern/veranstaltungen/%lld/punkte/%lld/erledigt",
						    (long long)items[i].event_id, (long long)items[i].id),
			.done = items[i].done };
	for (size_t i = 0; i < nacts; i++)
		t[k++] = (struct events_task){
			.due = acts[i].due, .text = acts[i].text, .who = acts[i].who, .source = acts[i].meeting_name,
			.source_href = arena_printf(r->a, "/intern/sitzungen/%lld#aufgaben", (long long)acts[i].meeting_id),
			.done_action = arena_printf(r->a, "/intern/sitzungen/%lld/aufgaben/%lld/erledigt",
						    (long long)acts[i].meeting_id, (long long)acts[i].id),
			.done = acts[i].done };
	qsort(t, k, sizeof(*t), task_cmp);
	char now[17];
	events_local_now(core_now(), now);
	now[10] = '\0';
	events_view_actions(r, w, t, k, all, now);
}
