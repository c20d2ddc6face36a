/* review.c — editors review partner drafts (and the offer survey's): the
 * list of waiting drafts, one draft field by field beside the current
 * version, approve with a choice per field (only the chosen fields of the
 * proposal, or values typed instead, are written) or reject with a
 * comment. Both decisions are audited, with the choices. */
#include "directory/staff/staff_internal.h"
#include "html/layout.h"
#include "auth/auth.h"
#include "core/core.h"
#include "core/i18n.h"

#include <stdio.h>
#include <string.h>

/* The draft id in the path: a positive decimal integer. */
static int path_id(struct req *r, int64_t *id)
{
	static const struct field f[] = { { "id", FIELD_INT, FIELD_REQUIRED, 19, 1, INT64_MAX, NULL } };
	struct kvlist l = { 0 };
	struct form v;
	if (r->nparams < 1)
		return ST_NOTFOUND;
	kv_add(r->a, &l, "id", r->params[0], strlen(r->params[0]));
	if (form_validate(r, &l, f, 1, &v) != 0)
		return ST_NOTFOUND;
	*id = v.num[0];
	return ST_OK;
}

/* Everything the draft page shows, into *v, with the editor's choices
 * when posted (else the defaults); answers 404, or the staff
 * failure page when something cannot be read (resp_store_failed), itself. */
static int load(struct req *r, struct resp *w, struct dir_staff_review_page *v, int posted)
{
	int64_t id;
	struct dir_staff_draft *d = arena_alloc(r->a, sizeof(*d));
	struct dir_service *proposed = arena_alloc(r->a, sizeof(*proposed));
	struct dir_service *current = arena_alloc(r->a, sizeof(*current));
	struct dir_service *was = arena_alloc(r->a, sizeof(*was));
	memset(v, 0, sizeof(*v));
	int rc = path_id(r, &id);
	if (rc == ST_OK)
		rc = dir_staff_draft_get(r->db, r->a, id, d);
	if (rc == ST_OK && d->service_id)
		rc = dir_service_get(r->db, r->a, d->service_id, r->lang, DIR_STAFF, current);
	if (rc == ST_OK && dir_staff_offer_from_json(r->a, d->data, proposed) != ST_OK)
		rc = ST_ERR;
	if (rc == ST_OK && d->service_id && d->base_data && dir_staff_offer_from_json(r->a, d->base_data, was) != ST_OK)
		rc = ST_ERR;
	if (dir_staff_answer(r, w, rc) != ST_OK)
		return rc;
	proposed->organization_id = d->org_id;
	if (d->service_id && DIR_STAFF_DRAFT_STALE(d))
		dir_staff_last_change(r, d->service_id, &v->changed_by, &v->changed_at);
	v->d = d;
	v->proposed = proposed;
	v->current = d->service_id ? current : NULL;
	v->base = d->service_id && d->base_data ? was : NULL;
	v->tax = dir_taxonomies(r->db, r->a, r->lang, &v->n_tax);
	if (!v->tax) {
		/* not a draft without categories: say that they could not be read */
		layout_staff_failed(r, w);
		return ST_ERR;
	}
	/* location names: the provider's and those the offer has */
	struct dir_org o;
	rc = dir_org_get(r->db, r->a, d->org_id, r->lang, DIR_STAFF, &o);
	if (rc == ST_ERR) {
		layout_staff_failed(r, w);
		return ST_ERR;
	}
	if (rc == ST_OK) {
		size_t extra = v->current ? v->current->n_locations : 0;
		struct dir_location *l = arena_alloc(r->a, (o.n_locations + extra + 1) * sizeof(*l));
		if (o.n_locations) /* a provider without places: NULL, which memcpy may not get */
			memcpy(l, o.locations, o.n_locations * sizeof(*l));
		if (extra)
			memcpy(l + o.n_locations, v->current->locations, extra * sizeof(*l));
		v->locs = l;
		v->n_locs = o.n_locations + extra;
	}
	dir_staff_review_compare(r, v, posted);
	return ST_OK;
}

void dir_staff_review_list(struct req *r, struct resp *w)
{
	static const char *const keys[] = { "freigegeben", "abgelehnt", NULL };
	static const char *const texts[] = {
		N_("Der Vorschlag ist freigegeben und jetzt öffentlich sichtbar."),
		N_("Der Vorschlag ist abgelehnt. Die Partnerorganisation sieht Ihre Begründung."),
	};
	struct dir_staff_draft *d;
	size_t n;
	const char *notice = dir_staff_notice(r, keys, texts);
	if (dir_staff_draft_list(r->db, r->a, NULL, NULL, 200, &d, &n) != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	dir_staff_view_reviews(r, w, d, n, notice);
}

void dir_staff_review_show(struct req *r, struct resp *w)
{
	struct dir_staff_review_page v;
	if (load(r, w, &v, 0) == ST_OK)
		dir_staff_view_review(r, w, &v);
}

/* A draft decided meanwhile by someone else. */
static void decided(struct req *r, struct resp *w, struct dir_staff_review_page *v)
{
	w->status = 409;
	v->problem = T(r, "Über diesen Vorschlag ist inzwischen schon entschieden worden.");
	dir_staff_view_review(r, w, v);
}

/* The draft's page again with status and problem (translated). */
static void again(struct req *r, struct resp *w, struct dir_staff_review_page *v, int status, const char *problem)
{
	w->status = status;
	v->problem = problem;
	dir_staff_view_review(r, w, v);
}

void dir_staff_review_approve(struct req *r, struct resp *w)
{
	struct dir_staff_review_page v;
	if (load(r, w, &v, 1) != ST_OK)
		return;
	if (strcmp(v.d->status, "pending") != 0) {
		decided(r, w, &v);
		return;
	}
	/* The version of the offer the editor chose on: a change since is
	 * shown first, with the editor's choices and values kept but in the
	 * fields that changed meanwhile. */
	int64_t seen = dir_staff_posted_version(r);
	const struct dir_service *cur = v.current;
	if (cur && seen && seen != cur->version) {
		dir_staff_review_recheck(r, &v);
		again(r, w, &v, 409, T(r, "Das Angebot ist geändert worden, während Sie diese Seite offen hatten. Bitte "
					  "sehen Sie sich die Felder noch einmal an."));
		return;
	}
	struct dir_service sv;
	if (v.nerr || dir_staff_review_merge(r, &v, &sv) != 0) {
		/* a conflict undecided (409), or a value of one's own not valid */
		int undecided = 0;
		for (size_t i = 0; i < v.n_fields; i++)
			undecided |= v.fields[i].pick == DIR_STAFF_PICK_NONE;
		again(r, w, &v, undecided ? 409 : 422,
		      undecided ? T(r, "Bitte wählen Sie bei jedem Feld mit Konflikt, welcher Wert gelten soll.")
				: T(r, "Bitte prüfen Sie die Werte, die Sie selbst eingetragen haben."));
		return;
	}
	if (sv.minimum_age >= 0 && sv.maximum_age >= 0 && sv.maximum_age < sv.minimum_age) {
		v.nerr = 1;
		again(r, w, &v, 422, T(r, "Das Höchstalter darf nicht kleiner sein als das Mindestalter."));
		return;
	}
	/* what the draft cannot change: verification, rows of other offers,
	 * locations of other providers */
	sv.id = cur ? cur->id : NULL;
	/* checked again in the save's transaction */
	sv.edit_version = !cur ? 0 : seen ? seen : cur->version;
	sv.organization_id = v.d->org_id;
	sv.assured_date = cur ? cur->assured_date : NULL;
	sv.assurer_email = cur ? cur->assurer_email : NULL;
	dir_staff_offer_keep_ids(&sv, cur);
	struct dir_location *kept_locs = arena_alloc(r->a, (sv.n_locations + 1) * sizeof(*kept_locs));
	size_t kept = 0;
	for (size_t i = 0; i < sv.n_locations; i++) {
		int ok = 0;
		for (size_t k = 0; k < v.n_locs && !ok; k++)
			ok = strcmp(v.locs[k].id, sv.locations[i].id) == 0;
		if (ok)
			kept_locs[kept++] = sv.locations[i];
	}
	sv.locations = kept_locs;
	sv.n_locations = kept;

	const struct auth_user *u = auth_current(r);
	const char *who = arena_printf(r->a, "%s (freigegeben von %s)", *v.d->submitter ? v.d->submitter : "partner",
				       u->email);
	char id[37];
	struct store_tx tx;
	int rc = store_tx_begin(r->db, &tx);
	if (rc == ST_OK) {
		rc = dir_service_save(r->db, &sv, who, id);
		if (rc == ST_OK)
			rc = dir_staff_draft_decide(r->db, v.d->id, "approved", u->id, "", id);
		if (rc == ST_OK)
			rc = audit_add_req(r, "dir_draft_approve", "service_draft",
					   arena_printf(r->a, "%lld", (long long)v.d->id), "ok",
					   dir_staff_review_summary(r, &v));
		rc = store_tx_end(r->db, &tx, rc);
	}
	if (rc == DIR_STALE) {
		/* the page again, with the offer as it is now and the choices kept */
		if (load(r, w, &v, 1) != ST_OK)
			return;
		dir_staff_review_recheck(r, &v);
		again(r, w, &v, 409, T(r, "Das Angebot ist gerade geändert worden. Bitte sehen Sie sich die Felder noch "
					  "einmal an."));
		return;
	}
	if (rc == ST_CONFLICT) {
		/* decided meanwhile, or a provider or term gone */
		again(r, w, &v, 409, T(r, "Der Vorschlag konnte nicht übernommen werden: Er ist inzwischen entschieden, "
					  "oder ein Träger oder eine Kategorie gibt es nicht mehr."));
		return;
	}
	if (rc != ST_OK) {
		resp_store_failed(r, w);
		v.problem = T(r, "Das hat gerade nicht geklappt. Bitte versuchen Sie es noch einmal.");
		dir_staff_view_review(r, w, &v);
		return;
	}
	resp_redirect(r, w, "/intern/pruefung?hinweis=freigegeben");
}

void dir_staff_review_reject(struct req *r, struct resp *w)
{
	static const struct field f[] = { { "comment", FIELD_MULTILINE, FIELD_REQUIRED, 2000, 0, 0, NULL } };
	struct dir_staff_review_page v;
	struct form in;
	if (load(r, w, &v, 0) != ST_OK)
		return;
	if (strcmp(v.d->status, "pending") != 0) {
		decided(r, w, &v);
		return;
	}
	if (form_validate(r, &r->form, f, 1, &in) != 0) {
		w->status = 422;
		v.comment = in.val[0];
		v.comment_err = in.err[0] && !in.val[0] ? N_("Bitte schreiben Sie der Partnerorganisation, warum Sie "
							     "den Vorschlag ablehnen.")
							: in.err[0];
		dir_staff_view_review(r, w, &v);
		return;
	}
	const struct auth_user *u = auth_current(r);
	struct store_tx tx;
	int rc = store_tx_begin(r->db, &tx);
	if (rc == ST_OK) {
		rc = dir_staff_draft_decide(r->db, v.d->id, "rejected", u->id, in.val[0], NULL);
		if (rc == ST_OK)
			rc = audit_add(r->db, u->id, "dir_draft_reject", "service_draft",
				       arena_printf(r->a, "%lld", (long long)v.d->id), "ok");
		rc = store_tx_end(r->db, &tx, rc);
	}
	if (rc == ST_CONFLICT) {
		decided(r, w, &v);
		return;
	}
	if (rc != ST_OK) {
		resp_store_failed(r, w);
		v.comment = in.val[0];
		v.problem = T(r, "Das hat gerade nicht geklappt. Ihre Begründung ist noch da; bitte versuchen Sie es "
				 "noch einmal.");
		dir_staff_view_review(r, w, &v);
		return;
	}
	resp_redirect(r, w, "/intern/pruefung?hinweis=abgelehnt");
}
