/* records.c — merging a duplicate into the record that stays, for
 * offers and providers alike: the merge page (search, pick, check the
 * survivor) and its POST (survivor and confirmation required; 422 with the
 * page again on error). What differs comes in a struct dir_staff_kind. */
#include "directory/staff/staff_internal.h"
#include "html/layout.h"
#include "auth/auth.h"
#include "core/core.h"
#include "core/i18n.h"

#include <string.h>

/* The duplicate named by path parameter 0; answers 404 when missing, the
 * staff failure page when it cannot be read (resp_store_failed). */
static int load(struct req *r, struct resp *w, const struct dir_staff_kind *k, struct dir_staff_rec *a)
{
	const char *id = dir_staff_path_uuid(r, 0);
	int rc = id ? k->get(r, id, a) : ST_NOTFOUND;
	if (rc == ST_NOTFOUND)
		layout_staff_not_found(r, w);
	else if (rc != ST_OK)
		layout_staff_failed(r, w);
	return rc;
}

/* The survivor named by id for duplicate a: NULL and a msgid in *err when unfit. */
static const struct dir_staff_rec *target(struct req *r, const struct dir_staff_kind *k, const struct dir_staff_rec *a,
					  const char *id, const char **err)
{
	struct dir_staff_rec *b = arena_alloc(r->a, sizeof(*b));
	*err = NULL;
	if (!id)
		return NULL;
	int rc = dir_is_uuid(id) ? k->get(r, id, b) : ST_NOTFOUND;
	if (rc != ST_OK || strcmp(b->id, a->id) == 0 || b->archived || b->merged_into) {
		*err = k->target_msg;
		return NULL;
	}
	return b;
}

void dir_staff_merge_form(struct req *r, struct resp *w, const struct dir_staff_kind *k)
{
	static const struct field f[] = { { "q", FIELD_TEXT, 0, 100, 0, 0, NULL },
					  { "ziel", FIELD_TEXT, 0, 36, 0, 0, NULL } };
	struct dir_staff_rec a;
	struct form q;
	struct dir_staff_merge_page m = { 0 };
	if (load(r, w, k, &a) != ST_OK)
		return;
	if (a.merged_into) {
		layout_staff_problem(r, w, 409, T(r, "Schon zusammengeführt"), T(r, k->merged_msg));
		return;
	}
	form_validate(r, &r->query, f, 2, &q);
	if (k->page(r, &m, &a, q.err[0] ? NULL : q.val[0]) != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	/* the duplicate itself is no candidate */
	struct dir_staff_row *cand = arena_alloc(r->a, (m.n + 1) * sizeof(*cand));
	size_t n = 0;
	for (size_t i = 0; i < m.n; i++)
		if (strcmp(m.cand[i].id, a.id) != 0)
			cand[n++] = m.cand[i];
	m.cand = cand;
	m.n = n;
	const struct dir_staff_rec *b = target(r, k, &a, q.err[1] ? "-" : q.val[1], &m.target_err);
	if (b) {
		m.target_id = b->id;
		m.target_name = b->name;
	}
	if (m.target_err)
		w->status = 422;
	dir_staff_view_merge(r, w, &m);
}

void dir_staff_merge_post(struct req *r, struct resp *w, const struct dir_staff_kind *k)
{
	static const struct field f[] = { { "ziel", FIELD_TEXT, FIELD_REQUIRED, 36, 0, 0, NULL },
					  { "confirm", FIELD_CHECKBOX, FIELD_REQUIRED, 1, 0, 0, NULL } };
	struct dir_staff_rec a;
	struct form in;
	struct dir_staff_merge_page m = { 0 };
	if (load(r, w, k, &a) != ST_OK)
		return;
	form_validate(r, &r->form, f, 2, &in);
	const struct dir_staff_rec *b =
		a.merged_into ? NULL : target(r, k, &a, in.val[0] ? in.val[0] : "-", &m.target_err);
	if (!b || in.err[1]) {
		if (k->page(r, &m, &a, NULL) != ST_OK) {
			layout_staff_failed(r, w);
			return;
		}
		if (b) {
			m.target_id = b->id;
			m.target_name = b->name;
			m.confirm_err = k->confirm_msg;
		}
		w->status = 422;
		dir_staff_view_merge(r, w, &m);
		return;
	}
	struct store_tx tx;
	int rc = store_tx_begin(r->db, &tx);
	if (rc == ST_OK)
		rc = k->merge(r->db, r->a, a.id, b->id, dir_staff_who(r));
	if (rc == ST_OK)
		rc = audit_add(r->db, auth_current(r)->id, "dir_merge", k->audit_type, a.id, "ok");
	if (store_tx_end(r->db, &tx, rc) != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	resp_redirect(r, w, arena_printf(r->a, "%s%s?hinweis=zusammengefuehrt", k->base, b->id));
}
