/* sets.c — the handlers of code sets (/intern/interviews/{p}/sets) and of
 * splitting a code (POST .../codes/{c}/aufteilen). */
#include "interviews/iv_internal.h"
#include "auth/auth.h"
#include "core/core.h"
#include "core/i18n.h"
#include "html/layout.h"

#include <inttypes.h>
#include <string.h>

long iv_form_ids(struct req *r, const char *key, int64_t *out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < r->form.n; i++) {
		if (strcmp(r->form.items[i].key, key) != 0)
			continue;
		int64_t id = iv_param_id(r->form.items[i].val);
		if (id <= 0 || n == max)
			return -1;
		out[n++] = id;
	}
	return (long)n;
}

static void sets_page(struct req *r, struct resp *w, const struct iv_project *p, const char *notice,
		      const char *problem)
{
	struct iv_sets_view v = { .p = p, .notice = notice, .problem = problem };
	struct iv_code *codes;
	struct iv_codeset *sets;
	if (iv_codes(r->db, r->a, p->id, &codes, &v.ncodes) != ST_OK ||
	    iv_codesets(r->db, r->a, p->id, &sets, &v.nsets) != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	v.codes = codes;
	v.sets = sets;
	iv_view_codesets(r, w, &v);
}

/* GET /intern/interviews/{p}/sets */
void iv_sets_page(struct req *r, struct resp *w)
{
	struct iv_project p;
	if (iv_req_project(r, w, &p) != 0)
		return;
	const char *ok = kv_get(&r->query, "ok");
	sets_page(r, w, &p, ok && strcmp(ok, "set") == 0 ? T(r, "Das Code-Set ist gespeichert.") : NULL, NULL);
}

/* POST /intern/interviews/{p}/sets: name, description, code (several). */
void iv_sets_post(struct req *r, struct resp *w)
{
	struct iv_project p;
	if (iv_req_project(r, w, &p) != 0)
		return;
	const char *name = kv_get(&r->form, "name"), *desc = kv_get(&r->form, "description");
	int64_t codes[512];
	long n = iv_form_ids(r, "code", codes, NELEM(codes));
	int64_t id = 0;
	int rc = n > 0 && name && *name && strlen(name) <= IV_MAX_NAME && (!desc || strlen(desc) <= 2000)
			 ? ST_OK
			 : ST_CONFLICT;
	struct store_tx tx;
	if (rc == ST_OK)
		rc = store_tx_begin(r->db, &tx);
	if (rc == ST_OK) {
		rc = iv_codeset_add(r->db, p.id, name, desc ? desc : "", NULL, codes, (size_t)n, &id);
		if (rc == ST_OK)
			rc = audit_add_req(r, "iv_codeset_add", "iv_project", iv_id(r, p.id), "ok", iv_id(r, id));
		rc = store_tx_end(r->db, &tx, rc);
	}
	if (rc == ST_OK) {
		resp_redirect(r, w, iv_path(r, p.id, "/sets?ok=set"));
		return;
	}
	if (rc != ST_CONFLICT && rc != ST_NOTFOUND) {
		layout_staff_failed(r, w);
		return;
	}
	w->status = 422;
	sets_page(r, w, &p, NULL,
		  T(r, "Das Code-Set wurde nicht gespeichert: Es braucht einen Namen (bis 200 Zeichen) und mindestens "
		       "einen Code dieses Projekts."));
}

/* POST /intern/interviews/{p}/sets/{s}/loeschen */
void iv_sets_remove(struct req *r, struct resp *w)
{
	struct iv_project p;
	if (iv_req_project(r, w, &p) != 0)
		return;
	int64_t id = iv_param_id(r->params[1]);
	struct store_tx tx;
	int rc = id > 0 ? store_tx_begin(r->db, &tx) : ST_NOTFOUND;
	if (rc == ST_OK) {
		rc = iv_codeset_delete(r->db, p.id, id);
		if (rc == ST_OK)
			rc = audit_add_req(r, "iv_codeset_delete", "iv_project", iv_id(r, p.id), "ok", iv_id(r, id));
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
	resp_redirect(r, w, iv_path(r, p.id, "/sets"));
}

/* POST .../codes/{c}/aufteilen: name, coding (several). */
void iv_code_split_post(struct req *r, struct resp *w)
{
	struct iv_project p;
	if (iv_req_project(r, w, &p) != 0)
		return;
	int64_t code_id = iv_param_id(r->params[1]);
	const char *name = kv_get(&r->form, "name");
	int64_t codings[2048];
	long n = iv_form_ids(r, "coding", codings, NELEM(codings));
	int64_t id = 0;
	int rc = n > 0 && name && *name && strlen(name) <= IV_MAX_NAME && code_id > 0 ? ST_OK : ST_CONFLICT;
	struct store_tx tx;
	if (rc == ST_OK)
		rc = store_tx_begin(r->db, &tx);
	if (rc == ST_OK) {
		rc = iv_code_split(r->db, p.id, code_id, name, codings, (size_t)n, &id);
		if (rc == ST_OK)
			rc = audit_add_req(r, "iv_code_split", "iv_code", iv_id(r, code_id), "ok", iv_id(r, id));
		rc = store_tx_end(r->db, &tx, rc);
	}
	if (rc == ST_OK) {
		resp_redirect(r, w, iv_path(r, p.id, arena_printf(r->a, "/codes/%" PRId64 "?ok=split", id)));
		return;
	}
	if (rc != ST_CONFLICT && rc != ST_NOTFOUND) {
		layout_staff_failed(r, w);
		return;
	}
	layout_staff_problem(r, w, 422, T(r, "Der Code wurde nicht aufgeteilt"),
			     T(r, "Bitte einen Namen für den neuen Code angeben und mindestens eine Kodierung dieses Codes "
				  "wählen."));
}
