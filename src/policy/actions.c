/* actions.c — the action items of a committee meeting (who does what by
 * when), for the editors: adding one on the meeting's page, changing or
 * deleting it, ticking it off or opening it again, there or from the
 * staff's task list
 * (/intern/aufgaben, in src/events/). Each change and its audit row are
 * one transaction. */
#include "policy/editor_internal.h"
#include "policy/policy_internal.h"
#include "auth/auth.h"
#include "core/core.h"
#include "core/i18n.h"
#include "html/layout.h"
#include "http/server.h"

#include <inttypes.h>
#include <string.h>

const struct field pol_action_fields[AF__MAX] = {
	[AF_TEXT] = { "was", FIELD_MULTILINE, FIELD_REQUIRED, 2000, 0, 0, NULL },
	[AF_WHO] = { "wer", FIELD_TEXT, FIELD_REQUIRED, 200, 0, 0, NULL },
	[AF_DUE] = { "bis", FIELD_TEXT, FIELD_REQUIRED, 10, 0, 0, NULL },
};

static void failed(struct req *r, struct resp *w, int rc)
{
	if (rc == ST_NOTFOUND)
		layout_staff_not_found(r, w);
	else
		layout_staff_failed(r, w);
}

void pol_editor_action_create(struct req *r, struct resp *w)
{
	int64_t meeting = pol_param_id(r->params[0]);
	struct pol_meeting m;
	int rc = meeting ? pol_meeting_get(r->db, r->a, meeting, &m) : ST_NOTFOUND;
	if (rc != ST_OK) {
		failed(r, w, rc);
		return;
	}
	struct form f;
	form_validate(r, &r->form, pol_action_fields, AF__MAX, &f);
	if (f.val[AF_DUE] && !f.err[AF_DUE] && !pol_is_date(f.val[AF_DUE])) {
		f.err[AF_DUE] = pol_date_problem;
		f.nerr++;
	}
	if (f.nerr) {
		w->status = 422;
		pol_editor_meeting_page(r, w, meeting, &(struct pol_meeting_forms){ .af = &f }, NULL);
		return;
	}
	struct pol_action x = { .meeting_id = meeting, .text = f.val[AF_TEXT], .who = f.val[AF_WHO], .due = f.val[AF_DUE] };
	int64_t id = 0;
	struct store_tx tx;
	rc = store_tx_begin(r->db, &tx);
	if (rc == ST_OK)
		rc = pol_action_add(r->db, &x, &id);
	if (rc == ST_OK)
		rc = audit_add_req(r, "policy.action.create", "pol_action", arena_printf(r->a, "%" PRId64, id), "ok", NULL);
	rc = store_tx_end(r->db, &tx, rc);
	if (rc != ST_OK) {
		failed(r, w, rc);
		return;
	}
	resp_redirect(r, w, arena_printf(r->a, "/intern/sitzungen/%" PRId64 "?gespeichert=1#aufgaben", meeting));
}

void pol_editor_action_done(struct req *r, struct resp *w)
{
	int64_t meeting = pol_param_id(r->params[0]), id = pol_param_id(r->params[1]);
	const char *v = kv_get(&r->form, "done");
	int done = v && strcmp(v, "1") == 0;
	struct store_tx tx;
	int rc = meeting && id ? store_tx_begin(r->db, &tx) : ST_NOTFOUND;
	if (rc == ST_NOTFOUND) {
		failed(r, w, rc);
		return;
	}
	if (rc == ST_OK)
		rc = pol_action_done(r->db, meeting, id, done);
	if (rc == ST_OK)
		rc = audit_add_req(r, done ? "policy.action.done" : "policy.action.reopen", "pol_action",
				   arena_printf(r->a, "%" PRId64, id), "ok", NULL);
	rc = store_tx_end(r->db, &tx, rc);
	if (rc != ST_OK) {
		failed(r, w, rc);
		return;
	}
	const char *back = kv_get(&r->form, "zurueck");
	if (back && strcmp(back, "aufgaben") == 0)
		resp_redirect(r, w, "/intern/aufgaben");
	else
		resp_redirect(r, w, arena_printf(r->a, "/intern/sitzungen/%" PRId64 "?gespeichert=1#aufgaben", meeting));
}

/* The action item of params[1] among those of meeting params[0] into *x
 * (0), or -1 after answering with the not-found or failure page. */
static int load_action(struct req *r, struct resp *w, struct pol_action *x)
{
	int64_t meeting = pol_param_id(r->params[0]), id = pol_param_id(r->params[1]);
	struct pol_action *all;
	size_t n = 0;
	int rc = meeting && id ? pol_meeting_actions(r->db, r->a, meeting, &all, &n) : ST_NOTFOUND;
	for (size_t i = 0; rc == ST_OK && i < n; i++)
		if (all[i].id == id) {
			*x = all[i];
			return 0;
		}
	failed(r, w, rc == ST_OK ? ST_NOTFOUND : rc);
	return -1;
}

/* The change (del 0) or deletion of x and its audit row, one transaction. */
static int action_change(struct req *r, const struct pol_action *x, int del)
{
	struct store_tx tx;
	int rc = store_tx_begin(r->db, &tx);
	if (rc == ST_OK)
		rc = del ? pol_action_delete(r->db, x->meeting_id, x->id) : pol_action_update(r->db, x);
	if (rc == ST_OK)
		rc = audit_add_req(r, del ? "policy.action.delete" : "policy.action.update", "pol_action",
				   arena_printf(r->a, "%" PRId64, x->id), "ok", NULL);
	return store_tx_end(r->db, &tx, rc);
}

void pol_editor_action_edit(struct req *r, struct resp *w)
{
	struct pol_action old;
	if (load_action(r, w, &old) != 0)
		return;
	const char *action = arena_printf(r->a, "/intern/sitzungen/%" PRId64 "/aufgaben/%" PRId64, old.meeting_id, old.id);
	const char *back = arena_printf(r->a, "/intern/sitzungen/%" PRId64 "#aufgaben", old.meeting_id);
	if (r->method != HTTP_POST) {
		pol_editor_view_action(r, w, &old, NULL, action, back);
		return;
	}
	struct form f;
	form_validate(r, &r->form, pol_action_fields, AF__MAX, &f);
	if (f.val[AF_DUE] && !f.err[AF_DUE] && !pol_is_date(f.val[AF_DUE])) {
		f.err[AF_DUE] = pol_date_problem;
		f.nerr++;
	}
	if (f.nerr) {
		w->status = 422;
		pol_editor_view_action(r, w, &old, &f, action, back);
		return;
	}
	struct pol_action x = old;
	x.text = f.val[AF_TEXT];
	x.who = f.val[AF_WHO];
	x.due = f.val[AF_DUE];
	int rc = action_change(r, &x, 0);
	if (rc != ST_OK) {
		failed(r, w, rc);
		return;
	}
	resp_redirect(r, w, arena_printf(r->a, "/intern/sitzungen/%" PRId64 "?gespeichert=1#aufgaben", old.meeting_id));
}

void pol_editor_action_delete(struct req *r, struct resp *w)
{
	struct pol_action x;
	if (load_action(r, w, &x) != 0)
		return;
	int rc = action_change(r, &x, 1);
	if (rc != ST_OK) {
		failed(r, w, rc);
		return;
	}
	resp_redirect(r, w, arena_printf(r->a, "/intern/sitzungen/%" PRId64 "?gespeichert=1#aufgaben", x.meeting_id));
}
