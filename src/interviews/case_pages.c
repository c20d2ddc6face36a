/* case_pages.c — the handlers of cases (/intern/interviews/{p}/faelle):
 * the list with the form of a new case, a case's page, renaming it,
 * choosing its documents, its variables, deleting it (their HTML:
 * case_views.c). Every change is audited. */
#include "interviews/iv_internal.h"
#include "auth/auth.h"
#include "core/core.h"
#include "core/i18n.h"
#include "html/layout.h"

#include <inttypes.h>
#include <string.h>

const struct field iv_case_fields[KF__MAX] = {
	[KF_NAME] = { "name", FIELD_TEXT, FIELD_REQUIRED, IV_MAX_NAME, 0, 0, NULL },
	[KF_DESC] = { "description", FIELD_MULTILINE, 0, 2000, 0, 0, NULL },
};

/* The project's cases and documents into v; ST_OK or ST_ERR. */
static int load(struct req *r, const struct iv_project *p, struct iv_cases_view *v)
{
	struct iv_case *cases;
	struct iv_doc *docs;
	if (iv_cases(r->db, r->a, p->id, &cases, &v->ncases) != ST_OK || iv_docs(r->db, r->a, p->id, &docs, &v->ndocs) != ST_OK)
		return ST_ERR;
	v->p = p;
	v->cases = cases;
	v->docs = docs;
	return ST_OK;
}

static void list_page(struct req *r, struct resp *w, const struct iv_project *p, const struct form *f,
		      const char *notice)
{
	struct iv_cases_view v = { .f = f, .notice = notice };
	if (load(r, p, &v) != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	iv_view_cases(r, w, &v);
}

/* GET /intern/interviews/{p}/faelle */
void iv_cases_page(struct req *r, struct resp *w)
{
	struct iv_project p;
	if (iv_req_project(r, w, &p) != 0)
		return;
	const char *ok = kv_get(&r->query, "ok");
	list_page(r, w, &p, NULL, ok && strcmp(ok, "deleted") == 0 ? T(r, "Der Fall ist gelöscht; seine Dokumente bleiben.")
									: NULL);
}

/* The case of r->params[1] in v->cases into v->c; 0, or -1 after the page. */
static int req_case(struct req *r, struct resp *w, const struct iv_project *p, struct iv_cases_view *v)
{
	if (load(r, p, v) != ST_OK) {
		layout_staff_failed(r, w);
		return -1;
	}
	int64_t id = iv_param_id(r->params[1]);
	for (size_t i = 0; i < v->ncases; i++)
		if (v->cases[i].id == id)
			v->c = &v->cases[i];
	if (!v->c) {
		layout_staff_not_found(r, w);
		return -1;
	}
	return 0;
}

static const char *case_path(struct req *r, const struct iv_project *p, int64_t id, const char *more)
{
	return iv_path(r, p->id, arena_printf(r->a, "/faelle/%" PRId64 "%s", id, more));
}

/* A change of case c of p in one transaction with its audit row (action);
 * change is called with arg. */
static int change(struct req *r, const struct iv_project *p, int64_t case_id, const char *action,
		  int (*fn)(struct req *r, const struct iv_project *p, int64_t case_id, void *arg), void *arg)
{
	struct store_tx tx;
	int rc = store_tx_begin(r->db, &tx);
	if (rc == ST_OK)
		rc = fn(r, p, case_id, arg);
	if (rc == ST_OK)
		rc = audit_add_req(r, action, "iv_case", iv_id(r, case_id), "ok", iv_id(r, p->id));
	return store_tx_end(r->db, &tx, rc);
}

static int save(struct req *r, const struct iv_project *p, int64_t case_id, void *arg)
{
	const struct form *f = arg;
	struct iv_case c = { .id = case_id, .name = f->val[KF_NAME], .description = f->val[KF_DESC] };
	int64_t id;
	return iv_case_save(r->db, p->id, &c, &id);
}

/* POST /intern/interviews/{p}/faelle: a new case. */
void iv_cases_post(struct req *r, struct resp *w)
{
	struct iv_project p;
	if (iv_req_project(r, w, &p) != 0)
		return;
	struct form f;
	if (form_validate(r, &r->form, iv_case_fields, KF__MAX, &f) > 0) {
		w->status = 422;
		list_page(r, w, &p, &f, NULL);
		return;
	}
	struct iv_case c = { .name = f.val[KF_NAME], .description = f.val[KF_DESC] };
	int64_t id = 0;
	struct store_tx tx;
	int rc = store_tx_begin(r->db, &tx);
	if (rc == ST_OK)
		rc = iv_case_save(r->db, p.id, &c, &id);
	if (rc == ST_OK)
		rc = audit_add_req(r, "iv_case_add", "iv_case", iv_id(r, id), "ok", iv_id(r, p.id));
	if (store_tx_end(r->db, &tx, rc) != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	resp_redirect(r, w, case_path(r, &p, id, "?ok=saved"));
}

static void case_page(struct req *r, struct resp *w, struct iv_cases_view *v)
{
	iv_view_case(r, w, v);
}

/* GET /intern/interviews/{p}/faelle/{c} */
void iv_case_page(struct req *r, struct resp *w)
{
	struct iv_project p;
	struct iv_cases_view v = { 0 };
	if (iv_req_project(r, w, &p) != 0 || req_case(r, w, &p, &v) != 0)
		return;
	const char *ok = kv_get(&r->query, "ok");
	v.notice = !ok ? NULL
		   : strcmp(ok, "saved") == 0 ? T(r, "Der Fall ist gespeichert.")
		   : strcmp(ok, "docs") == 0 ? T(r, "Die Dokumente des Falls sind gespeichert.")
		   : strcmp(ok, "vars") == 0 ? T(r, "Die Variablen sind gespeichert.")
					     : NULL;
	case_page(r, w, &v);
}

/* POST /intern/interviews/{p}/faelle/{c}: its name and description. */
void iv_case_edit(struct req *r, struct resp *w)
{
	struct iv_project p;
	struct iv_cases_view v = { 0 };
	if (iv_req_project(r, w, &p) != 0 || req_case(r, w, &p, &v) != 0)
		return;
	struct form f;
	if (form_validate(r, &r->form, iv_case_fields, KF__MAX, &f) > 0) {
		w->status = 422;
		v.f = &f;
		case_page(r, w, &v);
		return;
	}
	if (change(r, &p, v.c->id, "iv_case_edit", save, &f) != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	resp_redirect(r, w, case_path(r, &p, v.c->id, "?ok=saved"));
}

struct docs_arg {
	const int64_t *ids;
	size_t n;
};

static int set_docs(struct req *r, const struct iv_project *p, int64_t case_id, void *arg)
{
	const struct docs_arg *d = arg;
	return iv_case_docs_set(r->db, p->id, case_id, d->ids, d->n);
}

/* POST .../faelle/{c}/dokumente: doc (several), the case's documents. */
void iv_case_docs_post(struct req *r, struct resp *w)
{
	struct iv_project p;
	struct iv_cases_view v = { 0 };
	if (iv_req_project(r, w, &p) != 0 || req_case(r, w, &p, &v) != 0)
		return;
	int64_t ids[1024];
	long n = iv_form_ids(r, "doc", ids, NELEM(ids));
	int rc = n < 0 ? ST_NOTFOUND
		       : change(r, &p, v.c->id, "iv_case_docs", set_docs, &(struct docs_arg){ ids, (size_t)n });
	if (rc == ST_NOTFOUND) {
		w->status = 422;
		v.problem = T(r, "Die Dokumente wurden nicht gespeichert: Bitte nur Dokumente dieses Projekts wählen.");
		case_page(r, w, &v);
		return;
	}
	if (rc != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	resp_redirect(r, w, case_path(r, &p, v.c->id, "?ok=docs#dokumente"));
}

struct vars_arg {
	const struct form *f;
	const struct iv_case *c;
};

static int set_vars(struct req *r, const struct iv_project *p, int64_t case_id, void *arg)
{
	(void)p;
	const struct vars_arg *v = arg;
	return iv_vars_replace(r->db, v->f, case_id, v->c->vars, v->c->nvars, iv_case_var_set);
}

/* POST .../faelle/{c}/variablen */
void iv_case_vars_post(struct req *r, struct resp *w)
{
	struct iv_project p;
	struct iv_cases_view v = { 0 };
	if (iv_req_project(r, w, &p) != 0 || req_case(r, w, &p, &v) != 0)
		return;
	struct form f;
	if (form_validate(r, &r->form, iv_var_fields, VF__MAX, &f) > 0) {
		w->status = 422;
		v.problem = T(r, "Bitte prüfen Sie die Variablen: Namen bis 60, Werte bis 200 Zeichen.");
		case_page(r, w, &v);
		return;
	}
	if (change(r, &p, v.c->id, "iv_case_vars", set_vars, &(struct vars_arg){ &f, v.c }) != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	resp_redirect(r, w, case_path(r, &p, v.c->id, "?ok=vars#variablen"));
}

static int remove_case(struct req *r, const struct iv_project *p, int64_t case_id, void *arg)
{
	(void)arg;
	return iv_case_delete(r->db, p->id, case_id);
}

/* POST .../faelle/{c}/loeschen */
void iv_case_remove(struct req *r, struct resp *w)
{
	struct iv_project p;
	struct iv_cases_view v = { 0 };
	if (iv_req_project(r, w, &p) != 0 || req_case(r, w, &p, &v) != 0)
		return;
	if (change(r, &p, v.c->id, "iv_case_delete", remove_case, NULL) != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	resp_redirect(r, w, iv_path(r, p.id, "/faelle?ok=deleted"));
}
