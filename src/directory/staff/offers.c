/* offers.c — the editors' handlers for offers: list, create, edit,
 * verify ("geprüft"), the freshness list; archive and restore, the change
 * log and merging duplicates through the shared flows of records.c. */
#include "directory/staff/staff_internal.h"
#include "html/layout.h"
#include "auth/auth.h"
#include "core/core.h"
#include "core/i18n.h"

#include <string.h>

/* ---- the offer form, shared with partner.c ---- */

int dir_staff_offer_setup(struct req *r, struct dir_staff_offer_edit *e, const char *org_id,
			  const struct dir_service *stored)
{
	e->tax = dir_taxonomies(r->db, r->a, r->lang, &e->n_tax);
	if (!e->tax)
		return ST_ERR;
	if (!e->partner) {
		struct dir_staff_row *orgs;
		if (dir_staff_org_options(r->db, r->a, &orgs, &e->n_orgs) != ST_OK)
			return ST_ERR;
		e->orgs = orgs;
	}
	struct dir_org o;
	size_t n = 0;
	int rc = org_id ? dir_org_get(r->db, r->a, org_id, r->lang, DIR_STAFF, &o) : ST_NOTFOUND;
	if (rc == ST_ERR)
		return ST_ERR;
	size_t extra = stored ? stored->n_locations : 0;
	struct dir_location *cand = arena_alloc(r->a, ((rc == ST_OK ? o.n_locations : 0) + extra + 1) * sizeof(*cand));
	if (rc == ST_OK)
		for (size_t i = 0; i < o.n_locations; i++)
			cand[n++] = o.locations[i];
	/* locations the offer has from elsewhere (a merge) stay on offer */
	for (size_t i = 0; i < extra; i++) {
		int listed = 0;
		for (size_t k = 0; k < n && !listed; k++)
			listed = strcmp(cand[k].id, stored->locations[i].id) == 0;
		if (!listed)
			cand[n++] = stored->locations[i];
	}
	e->cand = cand;
	e->n_cand = n;
	return ST_OK;
}

int dir_staff_offer_read(struct req *r, struct resp *w, struct dir_staff_offer_edit *e, const char *org_id,
			 const struct dir_service *stored, struct dir_service *out)
{
	enum dir_staff_list more = DL__MAX;
	int step = dir_staff_posted_step(r, &more);
	if (dir_staff_offer_setup(r, e, org_id, stored) != ST_OK) {
		layout_staff_failed(r, w);
		return -1;
	}
	if (dir_staff_offer_parse(r, e, stored, out) != 0 && !step) {
		w->status = 422;
		dir_staff_view_offer(r, w, e);
		return -1;
	}
	if (!step)
		return 0;
	/* redrawn without saving: the places of the provider now chosen, or
	 * one more empty row; no messages yet, the values as typed */
	e->nerr = 0;
	memset(e->err, 0, sizeof(e->err));
	e->locs_err = NULL;
	for (int l = 0; l < DL__MAX; l++)
		dir_staff_rows_quiet(&e->lists[l]);
	if (more < DL__MAX)
		e->lists[more].more++;
	e->notice = more < DL__MAX ? T(r, "Eine leere Zeile ist dazugekommen. Noch ist nichts gespeichert.")
		    : e->n_cand ? T(r, "Die Orte des gewählten Trägers stehen jetzt zur Wahl. Noch ist nichts "
				       "gespeichert.")
				: T(r, "Für diesen Träger sind noch keine Orte erfasst. Noch ist nichts gespeichert.");
	dir_staff_view_offer(r, w, e);
	return -1;
}

/* The notices named by ?hinweis=. */
static const char *const notice_keys[] = { "angelegt", "gespeichert", "archiviert", "wiederhergestellt",
					   "zusammengefuehrt", "geprueft", NULL };
static const char *const notice_texts[] = {
	N_("Das Angebot ist angelegt."),
	N_("Gespeichert. Die Änderungen sind jetzt öffentlich sichtbar."),
	N_("Das Angebot ist archiviert und öffentlich nicht mehr sichtbar."),
	N_("Das Angebot ist wiederhergestellt."),
	N_("Die Dublette ist in dieses Angebot übernommen und archiviert."),
	N_("Als geprüft vermerkt."),
};

/* The edit form of the stored offer sv with e's notice, problem and
 * pending draft, answered with status (0: 200); the staff failure page
 * when its selects cannot be read. */
static void edit_page(struct req *r, struct resp *w, struct dir_staff_offer_edit *e, const struct dir_service *sv,
		      int status)
{
	e->stored = sv;
	e->action = arena_printf(r->a, "/intern/angebote/%s", sv->id);
	e->version = sv->version;
	dir_staff_offer_fill(r, e, sv);
	if (dir_staff_offer_setup(r, e, sv->organization_id, sv) != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	if (status)
		w->status = status;
	dir_staff_view_offer(r, w, e);
}

/* ---- offers in the shared flows of records.c ---- */

static int get(struct req *r, const char *id, struct dir_staff_rec *out)
{
	struct dir_service *sv = arena_alloc(r->a, sizeof(*sv));
	int rc = dir_service_get(r->db, r->a, id, r->lang, DIR_STAFF, sv);
	if (rc == ST_OK)
		*out = (struct dir_staff_rec){ .id = sv->id, .name = sv->name, .merged_into = sv->merged_into,
					       .archived = sv->archived, .full = sv };
	return rc;
}

static void refuse(struct req *r, struct resp *w, const struct dir_staff_rec *rec, const char *problem)
{
	struct dir_staff_offer_edit e = { .problem = problem };
	edit_page(r, w, &e, rec->full, 422);
}

/* Merge candidates: the current offers the search finds, or at first the
 * provider's. */
static int candidates(struct req *r, const struct dir_staff_rec *d, const char **q, struct dir_staff_row **out,
		      size_t *n)
{
	const struct dir_service *a = d->full;
	if (*q) {
		long total;
		return dir_staff_offer_list(r->db, r->a, *q, DIR_STAFF_CURRENT, 0, 20, out, n, &total);
	}
	struct dir_service *same;
	if (dir_org_services(r->db, r->a, a->organization_id, DIR_PUBLIC, &same, n) != ST_OK)
		return ST_ERR;
	*out = arena_alloc(r->a, (*n + 1) * sizeof(**out));
	for (size_t i = 0; i < *n; i++)
		(*out)[i] = (struct dir_staff_row){ .id = same[i].id, .name = same[i].name,
						    .org_name = a->organization_name };
	return ST_OK;
}

static const struct dir_staff_kind kind = {
	.base = "/intern/angebote/",
	.audit_type = "service",
	.back_label = N_("Zurück zum Angebot"),
	.merge_explain = N_("Wenn zwei Einträge dasselbe Angebot beschreiben, bleibt einer bestehen. Der andere "
			    "wird archiviert und verweist auf ihn."),
	.merge_effect = N_("Wo sich die beiden unterscheiden, wählen Sie je Feld, was bleibt. Telefonnummern, "
			   "Ansprechpersonen, Sprachen, Kategorien und Orte dieser Dublette, die dem bleibenden "
			   "Angebot fehlen, kommen dort hinzu. Beide Verläufe vermerken die Zusammenführung."),
	.merged_msg = N_("Dieses Angebot ist schon in ein anderes übernommen worden."),
	.target_msg = N_("Bitte wählen Sie ein anderes, nicht archiviertes Angebot, das bestehen bleibt."),
	.confirm_msg = N_("Bitte bestätigen Sie, dass beide Einträge dasselbe Angebot beschreiben."),
	.get = get,
	.refuse = refuse,
	.archive = dir_service_archive,
	.candidates = candidates,
	.merge = dir_staff_merge_offer,
	.compare = dir_staff_offer_compare,
	.take = dir_staff_offer_take,
};

/* ---- lists ---- */

void dir_staff_offers(struct req *r, struct resp *w)
{
	dir_staff_list(r, w, dir_staff_offer_list, dir_staff_view_offers);
}

void dir_staff_stale(struct req *r, struct resp *w)
{
	struct dir_staff_list_page p;
	struct dir_staff_row *rows;
	dir_staff_list_query(r, &p);
	p.notice = dir_staff_notice(r, notice_keys, notice_texts);
	if (dir_staff_stale_list(r->db, r->a, (p.page - 1) * DIR_STAFF_PAGE, DIR_STAFF_PAGE, &rows, &p.n, &p.total) !=
	    ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	p.rows = rows;
	dir_staff_view_stale(r, w, &p);
}

/* ---- create and edit ---- */

void dir_staff_offer_new(struct req *r, struct resp *w)
{
	static const struct field f[] = { { "traeger", FIELD_TEXT, 0, 36, 0, 0, NULL } };
	struct form q;
	struct dir_staff_offer_edit e = { .action = "/intern/angebote/neu" };
	form_validate(r, &r->query, f, 1, &q);
	const char *org = !q.err[0] && dir_is_uuid(q.val[0]) ? q.val[0] : NULL;
	dir_staff_offer_fill(r, &e, NULL);
	if (dir_staff_offer_setup(r, &e, org, NULL) != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	for (size_t i = 0; org && i < e.n_orgs; i++)
		if (strcmp(e.orgs[i].id, org) == 0)
			e.v[OF_ORG] = e.orgs[i].id;
	dir_staff_view_offer(r, w, &e);
}

/* The save of sv, made from an older version of the offer id, is refused:
 * 409, what is stored now beside what was typed, and the form with the
 * input on the stored version, so that saving again takes it over. */
static void stale(struct req *r, struct resp *w, struct dir_staff_offer_edit *e, const struct dir_service *sv,
		  const char *id)
{
	struct dir_service *cur = arena_alloc(r->a, sizeof(*cur));
	if (dir_staff_answer(r, w, dir_service_get(r->db, r->a, id, r->lang, DIR_STAFF, cur)) != ST_OK)
		return;
	const char *label[DIR_STAFF_OFFER_ROWS + 2], *theirs[DIR_STAFF_OFFER_ROWS + 2], *yours[DIR_STAFF_OFFER_ROWS + 2];
	size_t n = dir_staff_offer_rows(r, cur, e->tax, e->n_tax, e->cand, e->n_cand, label, theirs);
	dir_staff_offer_rows(r, sv, e->tax, e->n_tax, e->cand, e->n_cand, label, yours);
	const char *org_theirs = cur->organization_name, *org_yours = sv->organization_id;
	for (size_t i = 0; i < e->n_orgs; i++)
		if (sv->organization_id && strcmp(e->orgs[i].id, sv->organization_id) == 0)
			org_yours = e->orgs[i].name;
	if (sv->organization_id && strcmp(sv->organization_id, cur->organization_id) == 0)
		org_yours = org_theirs;
	label[n] = T(r, "Träger");
	theirs[n] = org_theirs;
	yours[n++] = org_yours;
	label[n] = T(r, "Zuletzt geprüft");
	theirs[n] = cur->assured_date;
	yours[n++] = sv->assured_date;
	e->conflict = dir_staff_conflict(r, T(r, "Jemand anderes hat dieses Angebot inzwischen geändert"), id,
					 arena_printf(r->a, "/intern/angebote/%s", id), label, theirs, yours, n);
	e->stored = cur;
	e->version = cur->version;
	w->status = 409;
	dir_staff_view_offer(r, w, e);
}

/* Save the posted form over stored (NULL: a new offer). */
static void save(struct req *r, struct resp *w, const struct dir_service *stored)
{
	struct dir_staff_offer_edit e = { .stored = stored };
	struct dir_service sv;
	e.action = stored ? arena_printf(r->a, "/intern/angebote/%s", stored->id) : "/intern/angebote/neu";
	e.version = stored ? dir_staff_posted_version(r) : 0;
	const char *org = dir_staff_offer_posted_org(r);
	if (dir_staff_offer_read(r, w, &e, org ? org : stored ? stored->organization_id : NULL, stored, &sv) != 0)
		return;
	sv.edit_version = e.version;
	char id[37];
	int rc = dir_service_save(r->db, &sv, dir_staff_who(r), id);
	if (rc == DIR_STALE) {
		stale(r, w, &e, &sv, stored->id);
		return;
	}
	if (rc != ST_OK) {
		if (rc == ST_CONFLICT)
			w->status = 422;
		else
			resp_store_failed(r, w);
		e.problem = rc == ST_CONFLICT ? T(r, "Der Träger oder ein Standort ist gerade entfernt worden. Bitte "
						     "prüfen Sie die Auswahl; Ihre Eingaben sind noch da.")
					      : T(r, "Das Angebot konnte gerade nicht gespeichert werden. Ihre Eingaben "
						     "sind noch da; bitte versuchen Sie es noch einmal.");
		dir_staff_view_offer(r, w, &e);
		return;
	}
	audit_add_req(r, stored ? "dir_save" : "dir_create", "service", id, "ok", NULL);
	resp_redirect(r, w, arena_printf(r->a, "/intern/angebote/%s?hinweis=%s", id, stored ? "gespeichert" : "angelegt"));
}

void dir_staff_offer_create(struct req *r, struct resp *w)
{
	save(r, w, NULL);
}

void dir_staff_offer(struct req *r, struct resp *w)
{
	struct dir_staff_rec rec;
	if (dir_staff_load(r, w, &kind, &rec) != ST_OK)
		return;
	const struct dir_service *sv = rec.full;
	struct dir_staff_offer_edit e = { .notice = dir_staff_notice(r, notice_keys, notice_texts) };
	struct dir_staff_draft d;
	int rc = dir_staff_draft_pending(r->db, r->a, sv->id, sv->organization_id, &d);
	if (rc == ST_ERR) {
		layout_staff_failed(r, w);
		return;
	}
	if (rc == ST_OK)
		e.pending = &d;
	edit_page(r, w, &e, sv, 0);
}

void dir_staff_offer_save(struct req *r, struct resp *w)
{
	struct dir_staff_rec rec;
	if (dir_staff_load(r, w, &kind, &rec) == ST_OK)
		save(r, w, rec.full);
}

/* ---- verify ---- */

void dir_staff_offer_verify(struct req *r, struct resp *w)
{
	static const char *const back[] = { "liste", "angebot", NULL };
	static const struct field f[] = { { "zurueck", FIELD_CHOICE, 0, 10, 0, 0, back } };
	struct dir_staff_rec rec;
	struct form in;
	if (dir_staff_load(r, w, &kind, &rec) != ST_OK)
		return;
	form_validate(r, &r->form, f, 1, &in);
	if (dir_service_verify(r->db, rec.id, dir_staff_who(r)) != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	audit_add_req(r, "dir_verify", "service", rec.id, "ok", NULL);
	if (!in.err[0] && in.val[0] && strcmp(in.val[0], "angebot") == 0)
		resp_redirect(r, w, arena_printf(r->a, "/intern/angebote/%s?hinweis=geprueft", rec.id));
	else
		resp_redirect(r, w, "/intern/angebote/veraltet?hinweis=geprueft");
}

/* ---- archive, change log, merge: the shared flows ---- */

void dir_staff_offer_archive(struct req *r, struct resp *w)
{
	dir_staff_archive(r, w, &kind);
}

void dir_staff_offer_log(struct req *r, struct resp *w)
{
	dir_staff_log(r, w, &kind);
}

void dir_staff_offer_merge_form(struct req *r, struct resp *w)
{
	dir_staff_merge_form(r, w, &kind);
}

void dir_staff_offer_merge(struct req *r, struct resp *w)
{
	dir_staff_merge_post(r, w, &kind);
}
