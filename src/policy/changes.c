/* changes.c — changing and deleting what the editors added: an agenda
 * item's form at /intern/sitzungen/ID/punkte/ITEM, a paper's at
 * /intern/vorlagen/ID; the deletion of an agenda item, a consultation, a
 * file, a paper, a process step, a membership, a person or a legislative
 * term at /intern/gremien/loeschen/KIND/ID: a
 * page that names the record and warns that there is no undo (GET), then
 * the soft deletion with its audit row (POST, with CSRF), back to the
 * page the record was listed on. */
#include "policy/editor_internal.h"
#include "policy/policy_internal.h"
#include "auth/auth.h"
#include "core/core.h"
#include "core/i18n.h"
#include "html/layout.h"

#include <inttypes.h>
#include <string.h>

/* The kinds as the path names them, their audit object type, and where
 * they are listed: back, the meeting's or process's id, anchor; or
 * back_none when there is none. */
static const struct {
	const char *slug, *audit, *back, *anchor, *back_none;
} kinds[POL_DEL__COUNT] = {
	[POL_DEL_ITEM] = { "punkt", "pol_item", "/intern/sitzungen/", "#tagesordnung", "/intern/gremien" },
	[POL_DEL_CONSULTATION] = { "beratung", "pol_consultation", "/intern/sitzungen/", "#beratungen",
				   "/intern/gremien#vorlagen" },
	[POL_DEL_FILE] = { "datei", "pol_file", "/intern/sitzungen/", "#dateien", "/intern/gremien" },
	[POL_DEL_PAPER] = { "vorlage", "pol_paper", NULL, NULL, "/intern/gremien#vorlagen" },
	[POL_DEL_STEP] = { "schritt", "pol_step", "/intern/prozesse/", "", "/intern/prozesse" },
	[POL_DEL_MEMBERSHIP] = { "mitgliedschaft", "pol_membership", "/intern/gremien/", "#mitglieder",
				 "/intern/gremien" },
	[POL_DEL_PERSON] = { "person", "pol_person", NULL, NULL, "/intern/personen" },
	[POL_DEL_TERM] = { "wahlperiode", "pol_term", NULL, NULL, "/intern/wahlperioden" },
};

const char *pol_delete_path(struct req *r, int kind, int64_t id)
{
	return arena_printf(r->a, "/intern/gremien/loeschen/%s/%" PRId64, kinds[kind].slug, id);
}

void pol_editor_delete(struct req *r, struct resp *w)
{
	int kind = 0;
	while (kind < POL_DEL__COUNT && strcmp(kinds[kind].slug, r->params[0]) != 0)
		kind++;
	int64_t id = pol_param_id(r->params[1]);
	if (kind == POL_DEL__COUNT || id == 0) {
		layout_staff_not_found(r, w);
		return;
	}
	const char *name;
	int64_t parent;
	int rc = pol_del_read(r->db, r->a, (enum pol_del)kind, id, &name, &parent);
	if (rc != ST_OK) {
		if (rc == ST_NOTFOUND)
			layout_staff_not_found(r, w);
		else
			layout_staff_failed(r, w);
		return;
	}
	const char *back = parent && kinds[kind].back ? arena_printf(r->a, "%s%" PRId64 "%s", kinds[kind].back, parent, kinds[kind].anchor)
						      : kinds[kind].back_none;
	struct pol_file file;
	if (kind == POL_DEL_FILE && !parent) { /* a paper's file: back to the paper */
		rc = pol_file_get(r->db, r->a, id, 0, 0, &file);
		if (rc != ST_OK) {
			layout_staff_failed(r, w);
			return;
		}
		back = pol_editor_file_back(r, &file);
	}
	if (r->method != HTTP_POST) {
		pol_editor_view_delete(r, w, pol_delete_path(r, (enum pol_del)kind, id), name, back);
		return;
	}
	struct store_tx tx;
	rc = store_tx_begin(r->db, &tx);
	if (rc == ST_OK)
		rc = pol_del(r->db, (enum pol_del)kind, id);
	if (rc == ST_OK)
		rc = audit_add_req(r, arena_printf(r->a, "policy.%s.delete", kinds[kind].audit + 4), kinds[kind].audit, arena_printf(r->a, "%" PRId64, id), "ok", NULL);
	rc = store_tx_end(r->db, &tx, rc);
	if (rc == ST_NOTFOUND) {
		layout_staff_not_found(r, w);
		return;
	}
	if (rc != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	resp_redirect(r, w, back);
}

/* ---- changing an agenda item ---- */

static int do_item_update(struct req *r, const struct pol_item *it)
{
	struct store_tx tx;
	int rc = store_tx_begin(r->db, &tx);
	if (rc == ST_OK)
		rc = pol_item_update(r->db, it);
	if (rc == ST_OK)
		rc = audit_add_req(r, "policy.item.update", "pol_item", arena_printf(r->a, "%" PRId64, it->id), "ok",
				   NULL);
	return store_tx_end(r->db, &tx, rc);
}

void pol_editor_item_edit(struct req *r, struct resp *w)
{
	int64_t mid = pol_param_id(r->params[0]), iid = pol_param_id(r->params[1]);
	struct pol_item *items, *it = NULL;
	size_t n = 0;
	int rc = mid && iid ? pol_meeting_items(r->db, r->a, mid, 0, &items, &n) : ST_NOTFOUND;
	for (size_t i = 0; rc == ST_OK && i < n; i++)
		if (items[i].id == iid)
			it = &items[i];
	if (rc == ST_OK && !it)
		rc = ST_NOTFOUND;
	if (rc != ST_OK) {
		if (rc == ST_NOTFOUND)
			layout_staff_not_found(r, w);
		else
			layout_staff_failed(r, w);
		return;
	}
	const char *action = arena_printf(r->a, "/intern/sitzungen/%" PRId64 "/punkte/%" PRId64, mid, iid);
	const char *back = arena_printf(r->a, "/intern/sitzungen/%" PRId64 "#tagesordnung", mid);
	if (r->method != HTTP_POST) {
		pol_editor_view_item(r, w, it, NULL, action, back);
		return;
	}
	struct form f;
	form_validate(r, &r->form, pol_item_fields, IF__MAX, &f);
	if (f.nerr) {
		w->status = 422;
		pol_editor_view_item(r, w, it, &f, action, back);
		return;
	}
	struct pol_item x = *it;
	x.number = f.val[IF_NUMBER];
	x.name = f.val[IF_NAME];
	x.public = f.val[IF_PUBLIC] != NULL;
	x.result = f.val[IF_RESULT];
	rc = do_item_update(r, &x);
	if (rc != ST_OK) {
		if (rc == ST_NOTFOUND)
			layout_staff_not_found(r, w);
		else
			layout_staff_failed(r, w);
		return;
	}
	resp_redirect(r, w, arena_printf(r->a, "/intern/sitzungen/%" PRId64 "?gespeichert=1#tagesordnung", mid));
}

/* POST richtung=hoch|runter: /intern/sitzungen/{meeting}/punkte/{item}/verschieben */
void pol_editor_item_move(struct req *r, struct resp *w)
{
	int64_t mid = pol_param_id(r->params[0]), iid = pol_param_id(r->params[1]);
	const char *dir = kv_get(&r->form, "richtung");
	int up = dir && strcmp(dir, "hoch") == 0;
	if (!up && !(dir && strcmp(dir, "runter") == 0)) {
		layout_staff_problem(r, w, 400, T(r, "Das ging nicht"),
				     T(r, "Bitte auf der Seite der Sitzung „Nach oben“ oder „Nach unten“ wählen."));
		return;
	}
	struct store_tx tx;
	int rc = mid && iid ? store_tx_begin(r->db, &tx) : ST_NOTFOUND;
	if (rc == ST_OK) {
		rc = pol_item_move(r->db, mid, iid, up);
		if (rc == ST_OK)
			rc = audit_add_req(r, "policy.item.move", "pol_item", arena_printf(r->a, "%" PRId64, iid), "ok",
					   up ? "up" : "down");
		rc = store_tx_end(r->db, &tx, rc);
	}
	if (rc == ST_CONFLICT) {
		layout_staff_problem(r, w, 409, T(r, "Schon am Rand"),
				     up ? T(r, "Dieser Punkt steht schon als erster auf der Tagesordnung.")
					: T(r, "Dieser Punkt steht schon als letzter auf der Tagesordnung."));
		return;
	}
	if (rc != ST_OK) {
		if (rc == ST_NOTFOUND)
			layout_staff_not_found(r, w);
		else
			layout_staff_failed(r, w);
		return;
	}
	resp_redirect(r, w, arena_printf(r->a, "/intern/sitzungen/%" PRId64 "#tagesordnung", mid));
}

/* ---- changing a paper ---- */

static int do_paper_update(struct req *r, const struct pol_paper *p)
{
	struct store_tx tx;
	int64_t id;
	int rc = store_tx_begin(r->db, &tx);
	if (rc == ST_OK)
		rc = pol_paper_save(r->db, p, &id);
	if (rc == ST_OK)
		rc = audit_add_req(r, "policy.paper.update", "pol_paper", arena_printf(r->a, "%" PRId64, p->id), "ok",
				   NULL);
	return store_tx_end(r->db, &tx, rc);
}

void pol_editor_paper_page(struct req *r, struct resp *w, const struct pol_paper *p, const struct form *f,
			   const struct form *ff, const char *file_problem)
{
	struct pol_file *files;
	struct pol_paper_files pf = { .ff = ff, .file_problem = file_problem };
	int rc = pol_files_of(r->db, r->a, 0, 0, p->id, 0, &files, &pf.nfiles);
	if (rc != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	pf.files = files;
	pol_editor_view_paper(r, w, p, f, arena_printf(r->a, "/intern/vorlagen/%" PRId64, p->id), &pf);
}

void pol_editor_paper_edit(struct req *r, struct resp *w)
{
	int64_t id = pol_param_id(r->params[0]);
	struct pol_paper old;
	int rc = id ? pol_paper_get(r->db, r->a, id, 0, &old) : ST_NOTFOUND;
	if (rc != ST_OK) {
		if (rc == ST_NOTFOUND)
			layout_staff_not_found(r, w);
		else
			layout_staff_failed(r, w);
		return;
	}
	if (r->method != HTTP_POST) {
		pol_editor_paper_page(r, w, &old, NULL, NULL, NULL);
		return;
	}
	struct form f;
	form_validate(r, &r->form, pol_paper_fields, PF__MAX, &f);
	if (!f.nerr && f.val[PF_DATE] && !pol_is_date(f.val[PF_DATE])) {
		f.err[PF_DATE] = N_("Bitte das Datum als JJJJ-MM-TT angeben, z. B. 2027-03-15.");
		f.nerr++;
	}
	if (f.nerr) {
		w->status = 422;
		pol_editor_paper_page(r, w, &old, &f, NULL, NULL);
		return;
	}
	struct pol_paper p = old;
	p.reference = f.val[PF_REFERENCE];
	p.name = f.val[PF_NAME];
	p.date = f.val[PF_DATE];
	p.kind = f.val[PF_KIND];
	p.originator = f.val[PF_ORIGINATOR];
	p.summary = f.val[PF_SUMMARY];
	p.public = f.val[PF_PUBLIC] != NULL;
	rc = do_paper_update(r, &p);
	if (rc != ST_OK) {
		if (rc == ST_NOTFOUND)
			layout_staff_not_found(r, w);
		else
			layout_staff_failed(r, w);
		return;
	}
	resp_redirect(r, w, "/intern/gremien?gespeichert=1#vorlagen");
}
