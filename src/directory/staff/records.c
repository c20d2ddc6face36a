/* records.c — what the staff handlers share: the id in the path, the
 * user for the change log, the notice named by ?hinweis=, the list pages
 * (?q=&status=&seite=) and, for offers and providers alike, one flow each
 * of loading the record in the path, archiving and restoring it, its
 * change log and merging a duplicate into the record that stays (the merge
 * page: search, pick, check the survivor; its POST: survivor and
 * confirmation required, 422 with the page again on error). What differs
 * by kind comes in a struct dir_staff_kind (offers.c, orgs.c). */
#include "directory/staff/staff_internal.h"
#include "html/layout.h"
#include "auth/auth.h"
#include "core/core.h"
#include "core/i18n.h"

#include <string.h>

/* ---- small pieces ---- */

const char *dir_staff_path_uuid(struct req *r, size_t i)
{
	return i < r->nparams && dir_is_uuid(r->params[i]) ? r->params[i] : NULL;
}

const char *dir_staff_who(struct req *r)
{
	const struct auth_user *u = auth_current(r);
	return u && u->email ? u->email : "";
}

int dir_staff_answer(struct req *r, struct resp *w, int rc)
{
	if (rc == ST_NOTFOUND)
		layout_staff_not_found(r, w);
	else if (rc != ST_OK)
		layout_staff_failed(r, w);
	return rc;
}

const char *dir_staff_notice(struct req *r, const char *const *keys, const char *const *texts)
{
	const struct field f[] = { { "hinweis", FIELD_CHOICE, 0, 20, 0, 0, keys } };
	struct form q;
	if (form_validate(r, &r->query, f, 1, &q) != 0 || !q.val[0])
		return NULL;
	for (size_t i = 0; keys[i]; i++)
		if (strcmp(keys[i], q.val[0]) == 0)
			return T(r, texts[i]);
	return NULL;
}

/* ---- versions: a save made from an older version ---- */

int64_t dir_staff_posted_version(struct req *r)
{
	static const struct field f[] = { { "version", FIELD_INT, 0, 19, 1, INT64_MAX, NULL } };
	struct form in;
	form_validate(r, &r->form, f, 1, &in);
	return in.err[0] || !in.val[0] ? 0 : in.num[0];
}

int dir_staff_posted_step(struct req *r, enum dir_staff_list *more)
{
	static const struct field f[] = { { "schritt", FIELD_TEXT, 0, 20, 0, 0, NULL } };
	struct form in;
	form_validate(r, &r->form, f, 1, &in);
	if (in.err[0] || !in.val[0])
		return 0;
	if (strcmp(in.val[0], "orte") == 0) {
		*more = DL__MAX;
		return 1;
	}
	for (int l = 0; l < DL__MAX; l++)
		if (strncmp(in.val[0], "mehr-", 5) == 0 && strcmp(in.val[0] + 5, dir_staff_lists[l].name) == 0) {
			*more = (enum dir_staff_list)l;
			return 1;
		}
	return 0;
}

void dir_staff_rows_quiet(struct dir_staff_rows *rows)
{
	for (size_t i = 0; i < rows->n; i++)
		memset(rows->rows[i].err, 0, sizeof(rows->rows[i].err));
}

void dir_staff_last_change(struct req *r, const char *id, const char **who, const char **at)
{
	struct dir_staff_change *c;
	size_t n;
	long total;
	*who = *at = NULL;
	if (dir_staff_changes(r->db, r->a, id, 0, 1, &c, &n, &total) == ST_OK && n) {
		*who = c[0].who;
		*at = layout_time(r, c[0].at);
	}
}

struct fields_conflict *dir_staff_conflict(struct req *r, const char *heading, const char *id, const char *reload,
					   const char *const *label, const char *const *theirs,
					   const char *const *yours, size_t n)
{
	struct fields_conflict *c = arena_alloc(r->a, sizeof(*c));
	const char **l = arena_alloc(r->a, (n + 1) * sizeof(*l));
	const char **t = arena_alloc(r->a, (n + 1) * sizeof(*t));
	const char **y = arena_alloc(r->a, (n + 1) * sizeof(*y));
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		const char *a = theirs[i] ? theirs[i] : "", *b = yours[i] ? yours[i] : "";
		if (strcmp(a, b) == 0)
			continue;
		l[k] = label[i];
		t[k] = a;
		y[k++] = b;
	}
	*c = (struct fields_conflict){ .heading = heading, .label = l, .theirs = t, .yours = y, .n = k,
				       .reload = reload, .again = T(r, "Speichern") };
	dir_staff_last_change(r, id, &c->who, &c->at);
	return c;
}

/* ---- lists ---- */

enum dir_staff_state dir_staff_list_state(const char *v)
{
	return !v || strcmp(v, "aktuell") == 0 ? DIR_STAFF_CURRENT
	       : strcmp(v, "archiviert") == 0  ? DIR_STAFF_ARCHIVED
					       : DIR_STAFF_ALL;
}

void dir_staff_list_query(struct req *r, struct dir_staff_list_page *p)
{
	struct form q;
	/* a bad filter in the address falls back to the default */
	form_validate(r, &r->query, dir_staff_list_fields, LQ__MAX, &q);
	*p = (struct dir_staff_list_page){
		.q = q.err[LQ_Q] ? NULL : q.val[LQ_Q],
		.state = q.err[LQ_STATUS] || !q.val[LQ_STATUS] ? "aktuell" : q.val[LQ_STATUS],
		.page = q.err[LQ_PAGE] || !q.val[LQ_PAGE] ? 1 : (long)q.num[LQ_PAGE],
	};
}

void dir_staff_list(struct req *r, struct resp *w, dir_staff_lister *list, dir_staff_list_view *view)
{
	struct dir_staff_list_page p;
	struct dir_staff_row *rows;
	dir_staff_list_query(r, &p);
	if (list(r->db, r->a, p.q, dir_staff_list_state(p.state), (p.page - 1) * DIR_STAFF_PAGE, DIR_STAFF_PAGE, &rows,
		 &p.n, &p.total) != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	p.rows = rows;
	view(r, w, &p);
}

/* ---- one record: load, archive, change log ---- */

int dir_staff_load(struct req *r, struct resp *w, const struct dir_staff_kind *k, struct dir_staff_rec *rec)
{
	const char *id = dir_staff_path_uuid(r, 0);
	return dir_staff_answer(r, w, id ? k->get(r, id, rec) : ST_NOTFOUND);
}

void dir_staff_archive(struct req *r, struct resp *w, const struct dir_staff_kind *k)
{
	static const char *const states[] = { "0", "1", NULL };
	static const struct field f[] = { { "archived", FIELD_CHOICE, FIELD_REQUIRED, 1, 0, 0, states } };
	struct dir_staff_rec rec;
	struct form in;
	if (dir_staff_load(r, w, k, &rec) != ST_OK)
		return;
	if (form_validate(r, &r->form, f, 1, &in) != 0) {
		k->refuse(r, w, &rec, T(r, "Bitte wählen Sie „archivieren“ oder „wiederherstellen“."));
		return;
	}
	int archived = strcmp(in.val[0], "1") == 0;
	struct store_tx tx;
	int rc = store_tx_begin(r->db, &tx);
	if (rc == ST_OK)
		rc = k->archive(r->db, rec.id, archived, dir_staff_who(r));
	if (rc == ST_OK)
		rc = audit_add_req(r, archived ? "dir_archive" : "dir_restore", k->audit_type, rec.id, "ok", NULL);
	if (store_tx_end(r->db, &tx, rc) != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	resp_redirect(r, w, arena_printf(r->a, "%s%s?hinweis=%s", k->base, rec.id,
					 archived ? "archiviert" : "wiederhergestellt"));
}

void dir_staff_log(struct req *r, struct resp *w, const struct dir_staff_kind *k)
{
	struct dir_staff_rec rec;
	struct dir_staff_list_page p;
	if (dir_staff_load(r, w, k, &rec) != ST_OK)
		return;
	dir_staff_list_query(r, &p);
	struct dir_staff_change *rows;
	size_t n, ntax;
	long total;
	if (dir_staff_changes(r->db, r->a, rec.id, (p.page - 1) * DIR_STAFF_PAGE, DIR_STAFF_PAGE, &rows, &n, &total) !=
	    ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	const struct dir_taxonomy *tax = dir_taxonomies(r->db, r->a, r->lang, &ntax);
	if (!tax) {
		layout_staff_failed(r, w);
		return;
	}
	dir_staff_view_changes(r, w, i18n_fill(r->a, T(r, "Verlauf: {1}"), rec.name, NULL),
			       arena_printf(r->a, "%s%s", k->base, rec.id), T(r, k->back_label), rows, n, p.page, total,
			       tax, ntax);
}

/* ---- merging a duplicate ---- */

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

/* Fill the merge page of duplicate a with the candidates for the search q
 * (NULL: the kind's first guess), leaving a itself out. */
static int merge_page(struct req *r, const struct dir_staff_kind *k, const struct dir_staff_rec *a, const char *q,
		      struct dir_staff_merge_page *m)
{
	struct dir_staff_row *rows;
	size_t n;
	m->title = i18n_fill(r->a, T(r, "Dublette zusammenführen: {1}"), a->name, NULL);
	m->explain = T(r, k->merge_explain);
	m->effect = T(r, k->merge_effect);
	m->base = arena_printf(r->a, "%s%s", k->base, a->id);
	m->self_name = a->name;
	if (k->candidates(r, a, &q, &rows, &n) != ST_OK)
		return ST_ERR;
	m->q = q;
	/* the duplicate itself is no candidate */
	struct dir_staff_row *cand = arena_alloc(r->a, (n + 1) * sizeof(*cand));
	m->n = 0;
	for (size_t i = 0; i < n; i++)
		if (strcmp(rows[i].id, a->id) != 0)
			cand[m->n++] = rows[i];
	m->cand = cand;
	return ST_OK;
}

void dir_staff_merge_form(struct req *r, struct resp *w, const struct dir_staff_kind *k)
{
	static const struct field f[] = { { "q", FIELD_TEXT, 0, 100, 0, 0, NULL },
					  { "ziel", FIELD_TEXT, 0, 36, 0, 0, NULL } };
	struct dir_staff_rec a;
	struct form q;
	struct dir_staff_merge_page m = { 0 };
	if (dir_staff_load(r, w, k, &a) != ST_OK)
		return;
	if (a.merged_into) {
		layout_staff_problem(r, w, 409, T(r, "Schon zusammengeführt"), T(r, k->merged_msg));
		return;
	}
	form_validate(r, &r->query, f, 2, &q);
	if (merge_page(r, k, &a, q.err[0] ? NULL : q.val[0], &m) != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	const struct dir_staff_rec *b = target(r, k, &a, q.err[1] ? "-" : q.val[1], &m.target_err);
	if (b) {
		m.target_id = b->id;
		m.target_name = b->name;
		if (k->compare)
			k->compare(r, &a, b, &m);
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
	if (dir_staff_load(r, w, k, &a) != ST_OK)
		return;
	form_validate(r, &r->form, f, 2, &in);
	const struct dir_staff_rec *b =
		a.merged_into ? NULL : target(r, k, &a, in.val[0] ? in.val[0] : "-", &m.target_err);
	if (!b || in.err[1]) {
		if (merge_page(r, k, &a, NULL, &m) != ST_OK) {
			layout_staff_failed(r, w);
			return;
		}
		if (b) {
			m.target_id = b->id;
			m.target_name = b->name;
			m.confirm_err = k->confirm_msg;
			if (k->compare)
				k->compare(r, &a, b, &m); /* the choices as sent */
		}
		w->status = 422;
		dir_staff_view_merge(r, w, &m);
		return;
	}
	if (k->compare)
		k->compare(r, &a, b, &m);
	struct store_tx tx;
	int rc = store_tx_begin(r->db, &tx);
	if (rc == ST_OK && k->take)
		rc = k->take(r, &a, b, &m);
	if (rc == ST_OK)
		rc = k->merge(r->db, r->a, a.id, b->id, dir_staff_who(r));
	if (rc == ST_OK)
		rc = audit_add_req(r, "dir_merge", k->audit_type, a.id, "ok",
				   arena_printf(r->a, "into %s", b->id));
	if (store_tx_end(r->db, &tx, rc) != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	resp_redirect(r, w, arena_printf(r->a, "%s%s?hinweis=zusammengefuehrt", k->base, b->id));
}
