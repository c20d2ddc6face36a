/* offers.c — the editors' handlers for offers: list, create, edit,
 * archive and restore, verify ("geprüft"), the freshness list, the change
 * log and merging duplicates. */
#include "directory/staff/staff_internal.h"
#include "html/layout.h"
#include "core/core.h"
#include "core/i18n.h"

#include <string.h>

/* ---- shared with partner.c and review.c ---- */

int dir_staff_offer_setup(struct req *r, struct dir_staff_offer_edit *e, const char *org_id, const struct dir_service *stored)
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

enum dir_staff_state dir_staff_list_state(const char *v)
{
	return !v || strcmp(v, "aktuell") == 0 ? DIR_STAFF_CURRENT : strcmp(v, "archiviert") == 0 ? DIR_STAFF_ARCHIVED : DIR_STAFF_ALL;
}

/* The notice named by ?hinweis=, or NULL. */
static const char *notice(struct req *r)
{
	static const char *const keys[] = { "angelegt", "gespeichert", "archiviert", "wiederhergestellt",
					    "zusammengefuehrt", "geprueft", NULL };
	static const char *const texts[] = {
		N_("Das Angebot ist angelegt."),
		N_("Gespeichert. Die Änderungen sind jetzt öffentlich sichtbar."),
		N_("Das Angebot ist archiviert und öffentlich nicht mehr sichtbar."),
		N_("Das Angebot ist wiederhergestellt."),
		N_("Die Dublette ist in dieses Angebot übernommen und archiviert."),
		N_("Als geprüft vermerkt."),
	};
	static const struct field f[] = { { "hinweis", FIELD_CHOICE, 0, 20, 0, 0, keys } };
	struct form q;
	if (form_validate(r, &r->query, f, 1, &q) != 0 || !q.val[0])
		return NULL;
	for (size_t i = 0; keys[i]; i++)
		if (strcmp(keys[i], q.val[0]) == 0)
			return T(r, texts[i]);
	return NULL;
}

/* The offer named in the path into *sv; answers 404, or the staff failure
 * page when it cannot be read (resp_store_failed), itself. */
static int load(struct req *r, struct resp *w, struct dir_service *sv)
{
	const char *id = dir_staff_path_uuid(r, 0);
	int rc = id ? dir_service_get(r->db, r->a, id, r->lang, DIR_STAFF, sv) : ST_NOTFOUND;
	if (rc == ST_NOTFOUND)
		layout_staff_not_found(r, w);
	else if (rc != ST_OK)
		layout_staff_failed(r, w);
	return rc;
}

/* ---- list ---- */

void dir_staff_offers(struct req *r, struct resp *w)
{
	struct form q;
	/* a bad filter in the address falls back to the default */
	form_validate(r, &r->query, dir_staff_list_fields, LQ__MAX, &q);
	struct dir_staff_list_page p = { .q = q.err[LQ_Q] ? NULL : q.val[LQ_Q],
			     .state = q.err[LQ_STATUS] || !q.val[LQ_STATUS] ? "aktuell" : q.val[LQ_STATUS],
			     .page = q.err[LQ_PAGE] || !q.val[LQ_PAGE] ? 1 : (long)q.num[LQ_PAGE] };
	struct dir_staff_row *rows;
	if (dir_staff_offer_list(r->db, r->a, p.q, dir_staff_list_state(p.state), (p.page - 1) * DIR_STAFF_PAGE, DIR_STAFF_PAGE, &rows, &p.n,
			  &p.total) != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	p.rows = rows;
	dir_staff_view_offers(r, w, &p);
}

void dir_staff_stale(struct req *r, struct resp *w)
{
	struct form q;
	form_validate(r, &r->query, dir_staff_list_fields, LQ__MAX, &q);
	struct dir_staff_list_page p = { .page = q.err[LQ_PAGE] || !q.val[LQ_PAGE] ? 1 : (long)q.num[LQ_PAGE], .notice = notice(r) };
	struct dir_staff_row *rows;
	if (dir_staff_stale_list(r->db, r->a, (p.page - 1) * DIR_STAFF_PAGE, DIR_STAFF_PAGE, &rows, &p.n, &p.total) != ST_OK) {
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

/* Save the posted form over stored (NULL: a new offer). */
static void save(struct req *r, struct resp *w, const struct dir_service *stored)
{
	struct dir_staff_offer_edit e = { .stored = stored };
	struct dir_service sv;
	e.action = stored ? arena_printf(r->a, "/intern/angebote/%s", stored->id) : "/intern/angebote/neu";
	const char *org = dir_staff_offer_posted_org(r);
	if (dir_staff_offer_setup(r, &e, org ? org : stored ? stored->organization_id : NULL, stored) != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	if (dir_staff_offer_parse(r, &e, stored, &sv) != 0) {
		w->status = 422;
		dir_staff_view_offer(r, w, &e);
		return;
	}
	char id[37];
	int rc = dir_service_save(r->db, &sv, dir_staff_who(r), id);
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
	resp_redirect(r, w, arena_printf(r->a, "/intern/angebote/%s?hinweis=%s", id, stored ? "gespeichert" : "angelegt"));
}

void dir_staff_offer_create(struct req *r, struct resp *w)
{
	save(r, w, NULL);
}

void dir_staff_offer(struct req *r, struct resp *w)
{
	struct dir_service sv;
	if (load(r, w, &sv) != ST_OK)
		return;
	struct dir_staff_offer_edit e = { .stored = &sv, .notice = notice(r) };
	struct dir_staff_draft d;
	e.action = arena_printf(r->a, "/intern/angebote/%s", sv.id);
	dir_staff_offer_fill(r, &e, &sv);
	int rc = dir_staff_draft_pending(r->db, r->a, sv.id, sv.organization_id, &d);
	if (rc == ST_OK)
		e.pending = &d;
	if (rc == ST_ERR || dir_staff_offer_setup(r, &e, sv.organization_id, &sv) != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	dir_staff_view_offer(r, w, &e);
}

void dir_staff_offer_save(struct req *r, struct resp *w)
{
	struct dir_service sv;
	if (load(r, w, &sv) == ST_OK)
		save(r, w, &sv);
}

/* ---- archive, verify ---- */

void dir_staff_offer_archive(struct req *r, struct resp *w)
{
	static const char *const states[] = { "0", "1", NULL };
	static const struct field f[] = { { "archived", FIELD_CHOICE, FIELD_REQUIRED, 1, 0, 0, states } };
	struct dir_service sv;
	struct form in;
	if (load(r, w, &sv) != ST_OK)
		return;
	if (form_validate(r, &r->form, f, 1, &in) != 0) {
		struct dir_staff_offer_edit e = { .stored = &sv, .problem = T(r, "Bitte wählen Sie „archivieren“ oder "
									      "„wiederherstellen“.") };
		e.action = arena_printf(r->a, "/intern/angebote/%s", sv.id);
		dir_staff_offer_fill(r, &e, &sv);
		if (dir_staff_offer_setup(r, &e, sv.organization_id, &sv) != ST_OK) {
			layout_staff_failed(r, w);
			return;
		}
		w->status = 422;
		dir_staff_view_offer(r, w, &e);
		return;
	}
	int archived = strcmp(in.val[0], "1") == 0;
	if (dir_service_archive(r->db, sv.id, archived, dir_staff_who(r)) != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	resp_redirect(r, w, arena_printf(r->a, "/intern/angebote/%s?hinweis=%s", sv.id,
					 archived ? "archiviert" : "wiederhergestellt"));
}

void dir_staff_offer_verify(struct req *r, struct resp *w)
{
	static const char *const back[] = { "liste", "angebot", NULL };
	static const struct field f[] = { { "zurueck", FIELD_CHOICE, 0, 10, 0, 0, back } };
	struct dir_service sv;
	struct form in;
	if (load(r, w, &sv) != ST_OK)
		return;
	form_validate(r, &r->form, f, 1, &in);
	if (dir_service_verify(r->db, sv.id, dir_staff_who(r)) != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	if (!in.err[0] && in.val[0] && strcmp(in.val[0], "angebot") == 0)
		resp_redirect(r, w, arena_printf(r->a, "/intern/angebote/%s?hinweis=geprueft", sv.id));
	else
		resp_redirect(r, w, "/intern/angebote/veraltet?hinweis=geprueft");
}

/* ---- the change log ---- */

void dir_staff_offer_log(struct req *r, struct resp *w)
{
	struct dir_service sv;
	struct form q;
	if (load(r, w, &sv) != ST_OK)
		return;
	form_validate(r, &r->query, dir_staff_list_fields, LQ__MAX, &q);
	long page = q.err[LQ_PAGE] || !q.val[LQ_PAGE] ? 1 : (long)q.num[LQ_PAGE];
	struct dir_staff_change *rows;
	size_t n, ntax;
	long total;
	if (dir_staff_changes(r->db, r->a, sv.id, (page - 1) * DIR_STAFF_PAGE, DIR_STAFF_PAGE, &rows, &n, &total) != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	const struct dir_taxonomy *tax = dir_taxonomies(r->db, r->a, r->lang, &ntax);
	if (!tax) {
		layout_staff_failed(r, w);
		return;
	}
	dir_staff_view_changes(r, w, i18n_fill(r->a, T(r, "Verlauf: {1}"), sv.name, NULL),
			       arena_printf(r->a, "/intern/angebote/%s", sv.id), T(r, "Zurück zum Angebot"), rows, n, page, total,
			       tax, ntax);
}

/* ---- merging duplicates ---- */

/* Fill the merge page of duplicate offer d. */
static int merge_page(struct req *r, struct dir_staff_merge_page *m, const struct dir_staff_rec *d, const char *q)
{
	const struct dir_service *a = d->full;
	m->title = i18n_fill(r->a, T(r, "Dublette zusammenführen: {1}"), a->name, NULL);
	m->explain = T(r, "Wenn zwei Einträge dasselbe Angebot beschreiben, bleibt einer bestehen. Der andere "
			  "wird archiviert und verweist auf ihn.");
	m->effect = T(r, "Sprachen, Kategorien und Standorte dieser Dublette, die dem bleibenden Angebot "
			 "fehlen, kommen dort hinzu. Beide Verläufe vermerken die Zusammenführung.");
	m->base = arena_printf(r->a, "/intern/angebote/%s", a->id);
	m->self_name = a->name;
	m->q = q;
	struct dir_staff_row *rows = NULL;
	size_t n = 0;
	if (q) {
		long total;
		if (dir_staff_offer_list(r->db, r->a, q, DIR_STAFF_CURRENT, 0, 20, &rows, &n, &total) != ST_OK)
			return ST_ERR;
	} else {
		struct dir_service *same;
		if (dir_org_services(r->db, r->a, a->organization_id, DIR_PUBLIC, &same, &n) != ST_OK)
			return ST_ERR;
		rows = arena_alloc(r->a, (n + 1) * sizeof(*rows));
		for (size_t i = 0; i < n; i++)
			rows[i] = (struct dir_staff_row){ .id = same[i].id, .name = same[i].name,
						   .org_name = a->organization_name };
	}
	m->cand = rows;
	m->n = n;
	return ST_OK;
}

static int merge_get(struct req *r, const char *id, struct dir_staff_rec *out)
{
	struct dir_service *sv = arena_alloc(r->a, sizeof(*sv));
	int rc = dir_service_get(r->db, r->a, id, r->lang, DIR_STAFF, sv);
	if (rc == ST_OK)
		*out = (struct dir_staff_rec){ .id = sv->id, .name = sv->name, .merged_into = sv->merged_into,
					      .archived = sv->archived, .full = sv };
	return rc;
}

static const struct dir_staff_kind merge_kind = {
	.base = "/intern/angebote/",
	.audit_type = "service",
	.merged_msg = N_("Dieses Angebot ist schon in ein anderes übernommen worden."),
	.target_msg = N_("Bitte wählen Sie ein anderes, nicht archiviertes Angebot, das bestehen bleibt."),
	.confirm_msg = N_("Bitte bestätigen Sie, dass beide Einträge dasselbe Angebot beschreiben."),
	.get = merge_get,
	.page = merge_page,
	.merge = dir_staff_merge_offer,
};

void dir_staff_offer_merge_form(struct req *r, struct resp *w)
{
	dir_staff_merge_form(r, w, &merge_kind);
}

void dir_staff_offer_merge(struct req *r, struct resp *w)
{
	dir_staff_merge_post(r, w, &merge_kind);
}
