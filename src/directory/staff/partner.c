/* partner.c — a partner organisation keeps its own offers current: it
 * proposes changes and new offers as drafts (the public keeps seeing the
 * approved version) and confirms "noch aktuell" in one click. Object
 * check: a partner reaches only its own organisation's offers; any other
 * id, in the address or in a form field, answers 404 (ids cannot be probed). */
#include "directory/staff/staff_internal.h"
#include "html/layout.h"
#include "auth/auth.h"
#include "core/core.h"
#include "core/i18n.h"

#include <string.h>

/* The signed-in partner's provider, or NULL when the account is not bound to one. */
static const char *own_org(struct req *r)
{
	const struct auth_user *u = auth_current(r);
	return u && dir_is_uuid(u->org_id) ? u->org_id : NULL;
}

/* see staff_internal.h */
int dir_staff_partner_load(struct req *r, struct resp *w, const char *id, struct dir_service *sv)
{
	const char *org = own_org(r);
	int rc = org && dir_is_uuid(id) ? dir_service_get(r->db, r->a, id, r->lang, DIR_STAFF, sv) : ST_NOTFOUND;
	if (rc == ST_OK && (strcmp(sv->organization_id, org) != 0 || sv->archived || sv->merged_into))
		rc = ST_NOTFOUND;
	return dir_staff_answer(r, w, rc) == ST_OK ? 0 : -1;
}

/* A provider named in the posted form other than the partner's own: the
 * request is treated like one for an unknown id. */
static int foreign_org_posted(struct req *r)
{
	struct form f;
	form_validate(r, &r->form, &dir_staff_offer_fields[OF_ORG], 1, &f);
	const char *org = own_org(r);
	return f.val[0] && (!org || strcmp(f.val[0], org) != 0);
}

/* ---- the list ---- */

void dir_staff_partner_offers(struct req *r, struct resp *w)
{
	static const char *const keys[] = { "eingereicht", "aktuell", NULL };
	static const char *const texts[] = {
		N_("Ihr Vorschlag ist eingereicht. Die Redaktion prüft ihn; bis dahin bleibt die bisherige Fassung "
		   "öffentlich."),
		N_("Danke! Das Angebot ist als aktuell bestätigt."),
	};
	struct dir_staff_partner_page p = { .notice = dir_staff_notice(r, keys, texts) };
	const char *org = own_org(r);
	struct dir_org o;
	int rc = org ? dir_org_get(r->db, r->a, org, r->lang, DIR_STAFF, &o) : ST_NOTFOUND;
	if (rc == ST_ERR) {
		layout_staff_failed(r, w);
		return;
	}
	if (rc == ST_OK && !o.merged_into) {
		p.org = &o;
		struct dir_service *offers;
		struct dir_staff_draft *d;
		if (dir_org_services(r->db, r->a, org, DIR_PUBLIC, &offers, &p.n_offers) != ST_OK ||
		    dir_staff_draft_list(r->db, r->a, NULL, org, 100, &d, &p.n_drafts) != ST_OK) {
			layout_staff_failed(r, w);
			return;
		}
		p.offers = offers;
		p.drafts = d;
	}
	dir_staff_view_partner(r, w, &p);
}

/* ---- the form ---- */

/* The partner's form of stored (NULL: a new offer). */
static void partner_edit(struct req *r, struct dir_staff_offer_edit *e, const struct dir_service *stored)
{
	e->partner = 1;
	e->own_org = own_org(r);
	e->stored = stored;
	e->action = stored ? arena_printf(r->a, "/intern/meine-angebote/%s", stored->id) : "/intern/meine-angebote/neu";
}

/* Set the form up: ST_OK or ST_ERR. */
static int setup(struct req *r, struct dir_staff_offer_edit *e, const struct dir_service *stored)
{
	partner_edit(r, e, stored);
	return dir_staff_offer_setup(r, e, e->own_org, stored);
}

void dir_staff_partner_offer_new(struct req *r, struct resp *w)
{
	struct dir_staff_offer_edit e = { 0 };
	if (!own_org(r)) {
		layout_staff_not_found(r, w);
		return;
	}
	dir_staff_offer_fill(r, &e, NULL);
	if (setup(r, &e, NULL) != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	dir_staff_view_offer(r, w, &e);
}

void dir_staff_partner_offer(struct req *r, struct resp *w)
{
	struct dir_service sv, proposed;
	struct dir_staff_draft d;
	struct dir_staff_offer_edit e = { 0 };
	if (dir_staff_partner_load(r, w, r->nparams ? r->params[0] : NULL, &sv) != 0)
		return;
	/* a waiting draft is what the partner continues from */
	int rc = dir_staff_draft_pending(r->db, r->a, sv.id, sv.organization_id, &d);
	if (rc == ST_ERR) {
		layout_staff_failed(r, w);
		return;
	}
	if (rc == ST_OK && dir_staff_offer_from_json(r->a, d.data, &proposed) == ST_OK) {
		e.pending = &d;
		proposed.id = sv.id;
		proposed.organization_id = sv.organization_id;
		dir_staff_offer_fill(r, &e, &proposed);
	} else {
		dir_staff_offer_fill(r, &e, &sv);
	}
	if (setup(r, &e, &sv) != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	/* the version the form's offer was made from: the waiting draft's */
	e.version = e.pending && d.base_version ? d.base_version : sv.version;
	dir_staff_view_offer(r, w, &e);
}

/* Store the posted form as a draft of stored (NULL: a new offer). */
static void submit(struct req *r, struct resp *w, const struct dir_service *stored)
{
	struct dir_staff_offer_edit e = { 0 };
	struct dir_service sv;
	if (foreign_org_posted(r)) {
		layout_staff_not_found(r, w);
		return;
	}
	partner_edit(r, &e, stored);
	e.version = stored ? dir_staff_posted_version(r) : 0;
	if (dir_staff_offer_read(r, w, &e, e.own_org, stored, &sv) != 0)
		return;
	/* the draft remembers the offer's version it was made from, so that
	 * the review sees a change made since */
	int64_t base = !stored ? 0 : e.version ? e.version : stored->version;
	sv.organization_id = e.own_org;
	const char *json = dir_staff_offer_to_json(r->a, &sv);
	/* and the offer as it was then, when it is the stored one, so that the
	 * review can tell per field what changed since */
	const char *base_json = stored && base == stored->version ? dir_staff_offer_to_json(r->a, stored) : NULL;
	const struct auth_user *u = auth_current(r);
	int64_t id = 0;
	struct store_tx tx;
	int rc = json && (!stored || base != stored->version || base_json) ? store_tx_begin(r->db, &tx) : ST_ERR;
	if (rc == ST_OK) {
		rc = dir_staff_draft_put(r->db, stored ? stored->id : NULL, e.own_org, json, base, base_json, u->id,
					 &id);
		if (rc == ST_OK)
			rc = audit_add(r->db, u->id, "dir_draft_submit", "service_draft", arena_printf(r->a, "%lld",
													(long long)id), "ok");
		rc = store_tx_end(r->db, &tx, rc);
	}
	if (rc != ST_OK) {
		resp_store_failed(r, w);
		e.problem = T(r, "Ihr Vorschlag konnte gerade nicht gespeichert werden. Ihre Eingaben sind noch da; "
				 "bitte versuchen Sie es noch einmal.");
		dir_staff_view_offer(r, w, &e);
		return;
	}
	resp_redirect(r, w, "/intern/meine-angebote?hinweis=eingereicht");
}

void dir_staff_partner_offer_create(struct req *r, struct resp *w)
{
	if (!own_org(r)) {
		layout_staff_not_found(r, w);
		return;
	}
	submit(r, w, NULL);
}

void dir_staff_partner_offer_save(struct req *r, struct resp *w)
{
	struct dir_service sv;
	if (dir_staff_partner_load(r, w, r->nparams ? r->params[0] : NULL, &sv) == 0)
		submit(r, w, &sv);
}

/* ---- "noch aktuell" ---- */

void dir_staff_partner_verify(struct req *r, struct resp *w)
{
	static const struct field f[] = { { "angebot", FIELD_TEXT, FIELD_REQUIRED, 36, 0, 0, NULL } };
	struct form in;
	struct dir_service sv;
	form_validate(r, &r->form, f, 1, &in);
	if (dir_staff_partner_load(r, w, in.err[0] ? NULL : in.val[0], &sv) != 0)
		return;
	if (dir_service_verify(r->db, sv.id, dir_staff_who(r)) != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	audit_add_req(r, "dir_partner_verify", "service", sv.id, "ok", NULL);
	resp_redirect(r, w, "/intern/meine-angebote?hinweis=aktuell");
}
