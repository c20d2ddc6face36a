/* edits.c — changing what the editors added to a meeting: a
 * consultation (its agenda item, purpose and result) at
 * /intern/sitzungen/ID/beratungen/CONS, and a file (name, kind, public
 * flag, its bytes replaced by a new PDF) at /intern/dateien/ID, whether it
 * belongs to a meeting or a paper; and a paper's new file. GET the form, POST (CSRF) the change
 * and its audit row in one transaction; a refused form comes back with
 * its errors and what was typed, nothing stored. Views: edits_views.c. */
#include "policy/editor_internal.h"
#include "policy/policy_internal.h"
#include "auth/auth.h"
#include "core/core.h"
#include "core/i18n.h"
#include "html/layout.h"

#include <inttypes.h>
#include <string.h>

const struct field pol_cons_edit_fields[CEF__MAX] = {
	[CEF_ITEM] = { "punkt", FIELD_INT, 0, 15, 1, 999999999999999LL, NULL },
	[CEF_PURPOSE] = { "zweck", FIELD_CHOICE, FIELD_REQUIRED, 20, 0, 0, pol_purposes },
	[CEF_RESULT] = { "ergebnis", FIELD_TEXT, 0, 500, 0, 0, NULL },
};

static void failed(struct req *r, struct resp *w, int rc)
{
	if (rc == ST_NOTFOUND)
		layout_staff_not_found(r, w);
	else
		layout_staff_failed(r, w);
}

/* ---- a consultation ---- */

void pol_editor_consultation_edit(struct req *r, struct resp *w)
{
	int64_t mid = pol_param_id(r->params[0]), cid = pol_param_id(r->params[1]);
	struct pol_consultation *cons, *c = NULL;
	struct pol_item *items;
	size_t n = 0, nitems = 0;
	int rc = mid && cid ? pol_meeting_consultations(r->db, r->a, mid, 0, &cons, &n) : ST_NOTFOUND;
	for (size_t i = 0; rc == ST_OK && i < n; i++)
		if (cons[i].id == cid)
			c = &cons[i];
	if (rc == ST_OK && !c)
		rc = ST_NOTFOUND;
	if (rc == ST_OK)
		rc = pol_meeting_items(r->db, r->a, mid, 0, &items, &nitems);
	if (rc != ST_OK) {
		failed(r, w, rc);
		return;
	}
	const char *action = arena_printf(r->a, "/intern/sitzungen/%" PRId64 "/beratungen/%" PRId64, mid, cid);
	const char *back = arena_printf(r->a, "/intern/sitzungen/%" PRId64 "#beratungen", mid);
	if (r->method != HTTP_POST) {
		pol_editor_view_consultation(r, w, c, items, nitems, NULL, action, back);
		return;
	}
	struct form f;
	form_validate(r, &r->form, pol_cons_edit_fields, CEF__MAX, &f);
	if (!f.err[CEF_ITEM] && f.val[CEF_ITEM]) {
		size_t k = 0;
		while (k < nitems && items[k].id != (int64_t)f.num[CEF_ITEM])
			k++;
		if (k == nitems) {
			f.err[CEF_ITEM] = N_("Bitte einen Punkt dieser Sitzung wählen.");
			f.nerr++;
		}
	}
	if (f.nerr) {
		w->status = 422;
		pol_editor_view_consultation(r, w, c, items, nitems, &f, action, back);
		return;
	}
	struct pol_consultation x = *c;
	x.item_id = f.val[CEF_ITEM] ? (int64_t)f.num[CEF_ITEM] : 0;
	x.purpose = f.val[CEF_PURPOSE];
	x.result = f.val[CEF_RESULT] ? f.val[CEF_RESULT] : "";
	struct store_tx tx;
	rc = store_tx_begin(r->db, &tx);
	if (rc == ST_OK)
		rc = pol_consultation_update(r->db, &x);
	if (rc == ST_OK)
		rc = audit_add_req(r, "policy.consultation.update", "pol_consultation",
				   arena_printf(r->a, "%" PRId64, cid), "ok", NULL);
	rc = store_tx_end(r->db, &tx, rc);
	if (rc != ST_OK) {
		failed(r, w, rc);
		return;
	}
	resp_redirect(r, w, arena_printf(r->a, "/intern/sitzungen/%" PRId64 "?gespeichert=1#beratungen", mid));
}

/* ---- a file ---- */

const char *pol_editor_file_back(struct req *r, const struct pol_file *f)
{
	if (f->meeting_id)
		return arena_printf(r->a, "/intern/sitzungen/%" PRId64 "#dateien", f->meeting_id);
	if (f->paper_id)
		return arena_printf(r->a, "/intern/vorlagen/%" PRId64 "#dateien", f->paper_id);
	return "/intern/gremien";
}

void pol_editor_file_edit(struct req *r, struct resp *w)
{
	int64_t id = pol_param_id(r->params[0]);
	struct pol_file old;
	int rc = id ? pol_file_get(r->db, r->a, id, 0, 0, &old) : ST_NOTFOUND;
	if (rc != ST_OK) {
		failed(r, w, rc);
		return;
	}
	const char *action = arena_printf(r->a, "/intern/dateien/%" PRId64, id);
	const char *back = pol_editor_file_back(r, &old);
	if (r->method != HTTP_POST) {
		pol_editor_view_file(r, w, &old, NULL, NULL, action, back);
		return;
	}
	struct form f;
	form_validate(r, &r->form, pol_file_fields, FF__MAX, &f);
	const char *problem, *fname;
	const struct kv *file = pol_editor_upload(r, 0, &problem, &fname);
	if (f.nerr || problem) {
		w->status = 422;
		pol_editor_view_file(r, w, &old, &f, problem, action, back);
		return;
	}
	struct pol_file x = old;
	x.name = f.val[FF_NAME];
	x.role = f.val[FF_ROLE];
	x.public = f.val[FF_PUBLIC] != NULL;
	char date[11], tm_[6], now[21];
	if (file) {
		pol_now(now);
		pol_utc_to_local(now, date, tm_);
		x.file_name = fname;
		x.date = date;
	}
	struct store_tx tx;
	rc = store_tx_begin(r->db, &tx);
	if (rc == ST_OK)
		rc = pol_file_update(r->db, &x, file ? file->val : NULL, file ? file->len : 0);
	if (rc == ST_OK)
		rc = audit_add_req(r, file ? "policy.file.replace" : "policy.file.update", "pol_file",
				   arena_printf(r->a, "%" PRId64, id), "ok",
				   file ? arena_printf(r->a, "%zu bytes", file->len) : NULL);
	rc = store_tx_end(r->db, &tx, rc);
	if (rc != ST_OK) {
		failed(r, w, rc);
		return;
	}
	const char *hash = strchr(back, '#');
	if (!hash)
		hash = back + strlen(back);
	resp_redirect(r, w, arena_printf(r->a, "%.*s?gespeichert=1%s", (int)(hash - back), back, hash));
}

/* ---- a paper's new file ---- */

void pol_editor_paper_file_upload(struct req *r, struct resp *w)
{
	int64_t id = pol_param_id(r->params[0]);
	struct pol_paper p;
	int rc = id ? pol_paper_get(r->db, r->a, id, 0, &p) : ST_NOTFOUND;
	if (rc != ST_OK) {
		failed(r, w, rc);
		return;
	}
	struct form f;
	form_validate(r, &r->form, pol_file_fields, FF__MAX, &f);
	const char *problem, *fname;
	const struct kv *file = pol_editor_upload(r, 1, &problem, &fname);
	if (f.nerr || problem) {
		w->status = 422;
		pol_editor_paper_page(r, w, &p, NULL, &f, problem);
		return;
	}
	char date[11], tm_[6], now[21];
	pol_now(now);
	pol_utc_to_local(now, date, tm_);
	struct pol_file x = { .name = f.val[FF_NAME], .file_name = fname, .mime_type = "application/pdf",
			      .role = f.val[FF_ROLE], .paper_id = id, .public = f.val[FF_PUBLIC] != NULL, .date = date };
	int64_t fid = 0;
	struct store_tx tx;
	rc = store_tx_begin(r->db, &tx);
	if (rc == ST_OK)
		rc = pol_file_add(r->db, &x, file->val, file->len, &fid);
	if (rc == ST_OK)
		rc = audit_add_req(r, "policy.file.upload", "pol_file", arena_printf(r->a, "%" PRId64, fid), "ok",
				   arena_printf(r->a, "%zu bytes", file->len));
	rc = store_tx_end(r->db, &tx, rc);
	if (rc != ST_OK) {
		failed(r, w, rc);
		return;
	}
	resp_redirect(r, w, arena_printf(r->a, "/intern/vorlagen/%" PRId64 "?gespeichert=1#dateien", id));
}
