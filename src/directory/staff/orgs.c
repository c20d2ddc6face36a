/* orgs.c — the editors' handlers for providers (Träger) and their
 * locations: list, create, edit; archive and restore, the change log and
 * merging duplicates through the shared flows of records.c. */
#include "directory/staff/staff_internal.h"
#include "html/layout.h"
#include "auth/auth.h"
#include "core/core.h"
#include "core/i18n.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The notices named by ?hinweis=. */
static const char *const notice_keys[] = { "angelegt", "gespeichert", "archiviert", "wiederhergestellt",
					   "zusammengefuehrt", "standort", NULL };
static const char *const notice_texts[] = {
	N_("Der Träger ist angelegt. Legen Sie jetzt seine Standorte und Angebote an."),
	N_("Gespeichert."),
	N_("Der Träger ist archiviert und öffentlich nicht mehr sichtbar."),
	N_("Der Träger ist wiederhergestellt."),
	N_("Die Dublette ist in diesen Träger übernommen: Angebote und Standorte gehören jetzt hierher."),
	N_("Der Standort ist gespeichert."),
};

static const char *nz(const char *s)
{
	return s && *s ? s : NULL;
}

/* ---- list ---- */

void dir_staff_orgs(struct req *r, struct resp *w)
{
	dir_staff_list(r, w, dir_staff_org_list, dir_staff_view_orgs);
}

/* ---- create and edit ---- */

/* ST_OK, or ST_ERR when the taxonomies or the offers cannot be read. */
static int fill(struct req *r, struct dir_staff_org_edit *e, const struct dir_org *o)
{
	e->tax = dir_taxonomies(r->db, r->a, r->lang, &e->n_tax);
	if (!e->tax)
		return ST_ERR;
	if (!o)
		return ST_OK;
	e->v[GF_NAME] = o->name;
	e->v[GF_ALT] = nz(o->alternate_name);
	e->v[GF_DESC] = nz(o->description);
	e->v[GF_EMAIL] = nz(o->email);
	e->v[GF_WEBSITE] = nz(o->website);
	e->v[GF_LEGAL] = nz(o->legal_status);
	e->v[GF_YEAR] = o->year_incorporated < 0 ? NULL : arena_printf(r->a, "%d", o->year_incorporated);
	dir_staff_phone_rows(r->a, o->phones, o->n_phones, &e->phones);
	dir_staff_contact_rows(r->a, o->contacts, o->n_contacts, &e->contacts);
	e->terms = arena_alloc(r->a, (o->n_terms + 1) * sizeof(*e->terms));
	for (size_t i = 0; i < o->n_terms; i++)
		e->terms[e->n_terms++] = o->terms[i].id;
	struct dir_service *offers;
	if (dir_org_services(r->db, r->a, o->id, DIR_STAFF, &offers, &e->n_offers) != ST_OK)
		return ST_ERR;
	e->offers = offers;
	return ST_OK;
}

/* The edit form of the stored provider o with e's notice or problem,
 * answered with status (0: 200); the staff failure page when its parts
 * cannot be read. */
static void edit_page(struct req *r, struct resp *w, struct dir_staff_org_edit *e, const struct dir_org *o,
		      int status)
{
	e->stored = o;
	e->action = arena_printf(r->a, "/intern/traeger/%s", o->id);
	e->version = o->version;
	if (fill(r, e, o) != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	if (status)
		w->status = status;
	dir_staff_view_org(r, w, e);
}

/* ---- providers in the shared flows of records.c ---- */

static int get(struct req *r, const char *id, struct dir_staff_rec *out)
{
	struct dir_org *o = arena_alloc(r->a, sizeof(*o));
	int rc = dir_org_get(r->db, r->a, id, r->lang, DIR_STAFF, o);
	if (rc == ST_OK)
		*out = (struct dir_staff_rec){ .id = o->id, .name = o->name, .merged_into = o->merged_into,
					       .archived = o->archived, .full = o };
	return rc;
}

static void refuse(struct req *r, struct resp *w, const struct dir_staff_rec *rec, const char *problem)
{
	struct dir_staff_org_edit e = { .problem = problem };
	edit_page(r, w, &e, rec->full, 422);
}

/* Merge candidates: the current providers the search finds; at first it
 * searches for the first word of the name. */
static int candidates(struct req *r, const struct dir_staff_rec *d, const char **q, struct dir_staff_row **out,
		      size_t *n)
{
	long total;
	if (!*q)
		*q = arena_strndup(r->a, d->name, strcspn(d->name, " -("));
	return dir_staff_org_list(r->db, r->a, *q, DIR_STAFF_CURRENT, 0, 20, out, n, &total);
}

static const struct dir_staff_kind kind = {
	.base = "/intern/traeger/",
	.audit_type = "organization",
	.back_label = N_("Zurück zum Träger"),
	.merge_explain = N_("Wenn zwei Einträge denselben Träger beschreiben, bleibt einer bestehen. Der andere "
			    "wird archiviert und verweist auf ihn."),
	.merge_effect = N_("Alle Angebote, Standorte, Vorschläge und Partnerkonten der Dublette gehören danach "
			   "zum bleibenden Träger. Beide Verläufe vermerken die Zusammenführung."),
	.merged_msg = N_("Dieser Träger ist schon in einen anderen übernommen worden."),
	.target_msg = N_("Bitte wählen Sie einen anderen, nicht archivierten Träger, der bestehen bleibt."),
	.confirm_msg = N_("Bitte bestätigen Sie, dass beide Einträge denselben Träger beschreiben."),
	.get = get,
	.refuse = refuse,
	.archive = dir_org_archive,
	.candidates = candidates,
	.merge = dir_staff_merge_org,
	.compare = dir_staff_org_compare,
	.take = dir_staff_org_take,
};

void dir_staff_org_new(struct req *r, struct resp *w)
{
	struct dir_staff_org_edit e = { .action = "/intern/traeger/neu" };
	if (fill(r, &e, NULL) != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	dir_staff_view_org(r, w, &e);
}

/* A list of the change log's kind: the items joined by "; ". */
static const char *joined(struct req *r, const struct dir_staff_rows *rows, size_t col, size_t col2)
{
	const char *s = "";
	for (size_t i = 0; i < rows->n; i++) {
		const char *a = rows->rows[i].val[col] ? rows->rows[i].val[col] : "";
		const char *b = col2 != col ? (rows->rows[i].val[col2] ? rows->rows[i].val[col2] : "") : NULL;
		s = arena_printf(r->a, "%s%s%s", s, i ? "; " : "", b ? arena_printf(r->a, "%s <%s>", a, b) : a);
	}
	return s;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Log the changes of the lists dir_org_save does not log itself. */
static int log_lists(struct req *r, const char *id, const struct dir_staff_org_edit *before,
		     const struct dir_staff_org_edit *after)
{
	const char *f[][3] = {
		{ "phones", joined(r, &before->phones, 0, 0), joined(r, &after->phones, 0, 0) },
		{ "contacts", joined(r, &before->contacts, 0, 3), joined(r, &after->contacts, 0, 3) },
		{ "taxonomy_terms", "", "" },
	};
	/* terms as a set: sorted, so that their order does not count as a change */
	const struct dir_staff_org_edit *side[2] = { before, after };
	for (int k = 0; k < 2; k++) {
		const char **t = arena_alloc(r->a, (side[k]->n_terms + 1) * sizeof(*t));
		if (side[k]->n_terms)
			memcpy(t, side[k]->terms, side[k]->n_terms * sizeof(*t));
		qsort(t, side[k]->n_terms, sizeof(*t), cmp_str);
		for (size_t i = 0; i < side[k]->n_terms; i++)
			f[2][1 + k] = arena_printf(r->a, "%s%s%s", f[2][1 + k], i ? "; " : "", t[i]);
	}
	for (size_t i = 0; i < NELEM(f); i++)
		if (strcmp(f[i][1], f[i][2]) != 0 && dir_log_change(r->db, NULL, id, "organization", "update", f[i][0],
								    f[i][1], f[i][2], dir_staff_who(r)) != ST_OK)
			return ST_ERR;
	return ST_OK;
}

/* Form rows (phones, contacts) as lines of text, their columns joined. */
static const char *rows_text(struct req *r, const struct dir_staff_rows *rows)
{
	const char *out = "";
	for (size_t i = 0; i < rows->n; i++) {
		const char *line = "";
		for (size_t k = 0; k < DIR_STAFF_MAX_COLS; k++)
			if (rows->rows[i].val[k] && *rows->rows[i].val[k])
				line = *line ? arena_printf(r->a, "%s · %s", line, rows->rows[i].val[k]) : rows->rows[i].val[k];
		out = *out ? arena_printf(r->a, "%s\n%s", out, line) : line;
	}
	return out;
}

/* Ticked term ids as their names, one a line. */
static const char *terms_text(struct req *r, const struct dir_staff_org_edit *e, const char *const *ids, size_t n)
{
	const char *out = "";
	for (size_t x = 0; x < e->n_tax; x++)
		for (size_t k = 0; k < e->tax[x].n_terms; k++)
			for (size_t i = 0; i < n; i++)
				if (strcmp(e->tax[x].terms[k].id, ids[i]) == 0)
					out = *out ? arena_printf(r->a, "%s\n%s", out, e->tax[x].terms[k].name)
						   : e->tax[x].terms[k].name;
	return out;
}

/* The save of e's input, made from an older version of provider id, is
 * refused: 409, what is stored now beside what was typed, and the form
 * with the input on the stored version. */
static void stale(struct req *r, struct resp *w, struct dir_staff_org_edit *e, const char *id)
{
	struct dir_org *cur = arena_alloc(r->a, sizeof(*cur));
	struct dir_staff_org_edit now = { 0 };
	if (dir_staff_answer(r, w, dir_org_get(r->db, r->a, id, r->lang, DIR_STAFF, cur)) != ST_OK)
		return;
	if (fill(r, &now, cur) != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	const char *label[GF__MAX + 3], *theirs[GF__MAX + 3], *yours[GF__MAX + 3];
	size_t n = 0;
	for (int i = 0; i < GF__MAX; i++) {
		label[n] = T(r, dir_staff_org_labels[i]);
		theirs[n] = now.v[i];
		yours[n++] = e->v[i];
	}
	label[n] = T(r, dir_staff_lists[DL_PHONE].legend);
	theirs[n] = rows_text(r, &now.phones);
	yours[n++] = rows_text(r, &e->phones);
	label[n] = T(r, dir_staff_lists[DL_CONTACT].legend);
	theirs[n] = rows_text(r, &now.contacts);
	yours[n++] = rows_text(r, &e->contacts);
	label[n] = T(r, "Kategorien");
	theirs[n] = terms_text(r, e, now.terms, now.n_terms);
	yours[n++] = terms_text(r, e, e->terms, e->n_terms);
	e->conflict = dir_staff_conflict(r, T(r, "Jemand anderes hat diesen Träger inzwischen geändert"), id,
					 arena_printf(r->a, "/intern/traeger/%s", id), label, theirs, yours, n);
	e->stored = cur;
	e->version = cur->version;
	e->offers = now.offers;
	e->n_offers = now.n_offers;
	w->status = 409;
	dir_staff_view_org(r, w, e);
}

static void save(struct req *r, struct resp *w, const struct dir_org *stored)
{
	struct dir_staff_org_edit e = { .stored = stored }, before = { 0 };
	struct form f;
	e.action = stored ? arena_printf(r->a, "/intern/traeger/%s", stored->id) : "/intern/traeger/neu";
	e.version = stored ? dir_staff_posted_version(r) : 0;
	if (fill(r, &before, stored) != ST_OK) {
		/* not a provider without categories: its terms would be lost */
		layout_staff_failed(r, w);
		return;
	}
	e.tax = before.tax;
	e.n_tax = before.n_tax;
	e.offers = before.offers;
	e.n_offers = before.n_offers;
	e.nerr = form_validate(r, &r->form, dir_staff_org_fields, GF__MAX, &f);
	for (int i = 0; i < GF__MAX; i++) {
		e.v[i] = f.val[i];
		e.err[i] = f.err[i];
	}
	if (e.err[GF_YEAR] && e.v[GF_YEAR])
		e.err[GF_YEAR] = N_("Bitte ein Jahr zwischen 1800 und 2100 angeben, z. B. 1998.");
	if (e.v[GF_WEBSITE] && !e.err[GF_WEBSITE] && (e.err[GF_WEBSITE] = dir_staff_check_url(e.v[GF_WEBSITE])))
		e.nerr++;
	e.nerr += dir_staff_parse_rows(r, DL_PHONE, &e.phones);
	e.nerr += dir_staff_parse_rows(r, DL_CONTACT, &e.contacts);
	dir_staff_parse_terms(r, e.tax, e.n_tax, &e.terms, &e.n_terms);
	enum dir_staff_list more = DL__MAX;
	if (dir_staff_posted_step(r, &more)) {
		/* one more empty row, nothing saved, no messages yet */
		e.nerr = 0;
		memset(e.err, 0, sizeof(e.err));
		dir_staff_rows_quiet(&e.phones);
		dir_staff_rows_quiet(&e.contacts);
		if (more == DL_PHONE)
			e.phones.more++;
		else if (more == DL_CONTACT)
			e.contacts.more++;
		e.notice = T(r, "Eine leere Zeile ist dazugekommen. Noch ist nichts gespeichert.");
		dir_staff_view_org(r, w, &e);
		return;
	}
	if (e.nerr) {
		w->status = 422;
		dir_staff_view_org(r, w, &e);
		return;
	}
	struct dir_org o = { .id = stored ? stored->id : NULL, .name = e.v[GF_NAME], .alternate_name = e.v[GF_ALT],
			     .description = e.v[GF_DESC], .email = e.v[GF_EMAIL], .website = e.v[GF_WEBSITE],
			     .legal_status = e.v[GF_LEGAL],
			     .year_incorporated = e.v[GF_YEAR] ? (int)f.num[GF_YEAR] : -1,
			     .parent_organization_id = stored ? stored->parent_organization_id : NULL,
			     .edit_version = e.version };
	o.phones = dir_staff_rows_phones(r->a, &e.phones, &o.n_phones);
	o.contacts = dir_staff_rows_contacts(r->a, &e.contacts, &o.n_contacts);
	dir_staff_org_keep_ids(&o, stored);
	o.terms = arena_alloc(r->a, (e.n_terms + 1) * sizeof(*o.terms));
	for (size_t i = 0; i < e.n_terms; i++)
		o.terms[o.n_terms++] = (struct dir_term){ .id = e.terms[i] };

	char id[37];
	struct store_tx tx;
	int rc = store_tx_begin(r->db, &tx);
	if (rc == ST_OK) {
		rc = dir_org_save(r->db, &o, dir_staff_who(r), id);
		if (rc == ST_OK && stored)
			rc = log_lists(r, id, &before, &e);
		if (rc == ST_OK)
			rc = audit_add_req(r, stored ? "dir_save" : "dir_create", "organization", id, "ok", NULL);
		rc = store_tx_end(r->db, &tx, rc);
	}
	if (rc == DIR_STALE) {
		stale(r, w, &e, stored->id);
		return;
	}
	if (rc != ST_OK) {
		resp_store_failed(r, w);
		e.problem = T(r, "Der Träger konnte gerade nicht gespeichert werden. Ihre Eingaben sind noch da; "
				 "bitte versuchen Sie es noch einmal.");
		dir_staff_view_org(r, w, &e);
		return;
	}
	resp_redirect(r, w, arena_printf(r->a, "/intern/traeger/%s?hinweis=%s", id, stored ? "gespeichert" : "angelegt"));
}

void dir_staff_org_create(struct req *r, struct resp *w)
{
	save(r, w, NULL);
}

void dir_staff_org(struct req *r, struct resp *w)
{
	struct dir_staff_rec rec;
	if (dir_staff_load(r, w, &kind, &rec) != ST_OK)
		return;
	struct dir_staff_org_edit e = { .notice = dir_staff_notice(r, notice_keys, notice_texts) };
	edit_page(r, w, &e, rec.full, 0);
}

void dir_staff_org_save(struct req *r, struct resp *w)
{
	struct dir_staff_rec rec;
	if (dir_staff_load(r, w, &kind, &rec) == ST_OK)
		save(r, w, rec.full);
}

/* ---- archive, change log, merge: the shared flows ---- */

void dir_staff_org_archive(struct req *r, struct resp *w)
{
	dir_staff_archive(r, w, &kind);
}

void dir_staff_org_log(struct req *r, struct resp *w)
{
	dir_staff_log(r, w, &kind);
}

void dir_staff_org_merge_form(struct req *r, struct resp *w)
{
	dir_staff_merge_form(r, w, &kind);
}

void dir_staff_org_merge(struct req *r, struct resp *w)
{
	dir_staff_merge_post(r, w, &kind);
}

/* ---- locations ---- */

/* The provider (param 0) into *o and, with want_loc, its location (param
 * 1) into *l; answers 404 or the staff failure page itself and returns -1. */
static int load_loc(struct req *r, struct resp *w, const struct dir_org **o, const struct dir_location **l,
		    int want_loc)
{
	struct dir_staff_rec rec;
	if (dir_staff_load(r, w, &kind, &rec) != ST_OK)
		return -1;
	*o = rec.full;
	*l = NULL;
	if (!want_loc)
		return 0;
	const char *id = dir_staff_path_uuid(r, 1);
	for (size_t i = 0; id && i < (*o)->n_locations; i++)
		if (strcmp((*o)->locations[i].id, id) == 0)
			*l = &(*o)->locations[i];
	if (!*l) {
		layout_staff_not_found(r, w);
		return -1;
	}
	return 0;
}

static const char *coord_text(struct req *r, const struct dir_location *l, int lat)
{
	return l->has_coords ? arena_printf(r->a, "%.6f", lat ? l->latitude : l->longitude) : NULL;
}

static void loc_fill(struct req *r, struct dir_staff_loc_edit *e, const struct dir_location *l)
{
	e->v[LF_TYPE] = "physical";
	if (!l)
		return;
	const char **v = e->v;
	v[LF_NAME] = nz(l->name);
	v[LF_ALT] = nz(l->alternate_name);
	v[LF_TYPE] = l->location_type;
	v[LF_DESC] = nz(l->description);
	v[LF_TRANSPORT] = nz(l->transportation);
	v[LF_URL] = nz(l->url);
	v[LF_ATTENTION] = nz(l->address.attention);
	v[LF_ADDR1] = nz(l->address.address_1);
	v[LF_ADDR2] = nz(l->address.address_2);
	v[LF_POSTCODE] = nz(l->address.postal_code);
	v[LF_CITY] = nz(l->address.city);
	v[LF_REGION] = nz(l->address.region);
	v[LF_STATE] = nz(l->address.state_province);
	v[LF_COUNTRY] = nz(l->address.country);
	v[LF_LAT] = coord_text(r, l, 1);
	v[LF_LON] = coord_text(r, l, 0);
	v[LF_CONFIDENTIAL] = l->confidential ? "1" : NULL;
}

/* A decimal degree ("49.99" or "49,99") within [-lim, lim]. */
static int parse_degree(const char *v, double lim, double *out)
{
	char tmp[24];
	size_t n = strlen(v);
	if (n == 0 || n >= sizeof(tmp))
		return -1;
	for (size_t i = 0; i <= n; i++)
		tmp[i] = v[i] == ',' ? '.' : v[i];
	char *end;
	double x = strtod(tmp, &end);
	if (*end || end == tmp || !isfinite(x) || x < -lim || x > lim)
		return -1;
	*out = x;
	return 0;
}

void dir_staff_location_new(struct req *r, struct resp *w)
{
	const struct dir_org *o;
	const struct dir_location *l;
	if (load_loc(r, w, &o, &l, 0) != 0)
		return;
	struct dir_staff_loc_edit e = { .org = o,
					.action = arena_printf(r->a, "/intern/traeger/%s/standorte/neu", o->id) };
	loc_fill(r, &e, NULL);
	dir_staff_view_location(r, w, &e);
}

void dir_staff_location(struct req *r, struct resp *w)
{
	const struct dir_org *o;
	const struct dir_location *l;
	if (load_loc(r, w, &o, &l, 1) != 0)
		return;
	struct dir_staff_loc_edit e = { .org = o, .stored = l, .version = l->version,
					.action = arena_printf(r->a, "/intern/traeger/%s/standorte/%s", o->id, l->id) };
	loc_fill(r, &e, l);
	dir_staff_view_location(r, w, &e);
}

/* The save of e's input, made from an older version of its location, is
 * refused: 409, what is stored now beside what was typed, and the form
 * with the input on the stored version. */
static void loc_stale(struct req *r, struct resp *w, struct dir_staff_loc_edit *e)
{
	struct dir_org *o = arena_alloc(r->a, sizeof(*o));
	const struct dir_location *cur = NULL;
	int rc = dir_org_get(r->db, r->a, e->org->id, r->lang, DIR_STAFF, o);
	for (size_t i = 0; rc == ST_OK && i < o->n_locations; i++)
		if (strcmp(o->locations[i].id, e->stored->id) == 0)
			cur = &o->locations[i];
	if (dir_staff_answer(r, w, rc == ST_OK && !cur ? ST_NOTFOUND : rc) != ST_OK)
		return;
	struct dir_staff_loc_edit now = { 0 };
	loc_fill(r, &now, cur);
	const char *label[LF__MAX], *theirs[LF__MAX], *yours[LF__MAX];
	for (int i = 0; i < LF__MAX; i++) {
		label[i] = T(r, dir_staff_loc_labels[i]);
		theirs[i] = now.v[i];
		yours[i] = e->v[i];
	}
	theirs[LF_CONFIDENTIAL] = now.v[LF_CONFIDENTIAL] ? T(r, "ja") : T(r, "nein");
	yours[LF_CONFIDENTIAL] = e->v[LF_CONFIDENTIAL] ? T(r, "ja") : T(r, "nein");
	e->conflict = dir_staff_conflict(r, T(r, "Jemand anderes hat diesen Standort inzwischen geändert"), cur->id,
					 arena_printf(r->a, "/intern/traeger/%s/standorte/%s", o->id, cur->id), label,
					 theirs, yours, LF__MAX);
	e->org = o;
	e->stored = cur;
	e->version = cur->version;
	w->status = 409;
	dir_staff_view_location(r, w, e);
}

static void loc_save(struct req *r, struct resp *w, const struct dir_org *o, const struct dir_location *stored)
{
	struct dir_staff_loc_edit e = { .org = o, .stored = stored };
	struct form f;
	e.action = stored ? arena_printf(r->a, "/intern/traeger/%s/standorte/%s", o->id, stored->id)
			  : arena_printf(r->a, "/intern/traeger/%s/standorte/neu", o->id);
	e.version = stored ? dir_staff_posted_version(r) : 0;
	e.nerr = form_validate(r, &r->form, dir_staff_loc_fields, LF__MAX, &f);
	const char **v = e.v, **err = e.err;
	for (int i = 0; i < LF__MAX; i++) {
		v[i] = f.val[i];
		err[i] = f.err[i];
	}
	const char *extra[LF__MAX] = { 0 };
	double lat = 0, lon = 0;
	int postal = v[LF_TYPE] && strcmp(v[LF_TYPE], "virtual") != 0;
	if (postal && !v[LF_ADDR1])
		extra[LF_ADDR1] = N_("Bitte Straße und Hausnummer angeben.");
	if (postal && !v[LF_CITY])
		extra[LF_CITY] = N_("Bitte den Ort angeben.");
	if (postal && !v[LF_POSTCODE])
		extra[LF_POSTCODE] = N_("Bitte die Postleitzahl angeben.");
	const char *country = v[LF_COUNTRY] ? v[LF_COUNTRY] : "DE";
	if (v[LF_COUNTRY] && (strlen(country) != 2 || strspn(country, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != 2))
		extra[LF_COUNTRY] = N_("Bitte den Ländercode aus zwei Großbuchstaben angeben, z. B. DE.");
	else if (v[LF_POSTCODE] && strcmp(country, "DE") == 0 &&
		 (strlen(v[LF_POSTCODE]) != 5 || strspn(v[LF_POSTCODE], "0123456789") != 5))
		extra[LF_POSTCODE] = N_("Eine deutsche Postleitzahl hat fünf Ziffern.");
	if (v[LF_TYPE] && strcmp(v[LF_TYPE], "virtual") == 0 && !v[LF_URL])
		extra[LF_URL] = N_("Für einen Online-Standort bitte die Webadresse angeben.");
	else if (v[LF_URL])
		extra[LF_URL] = dir_staff_check_url(v[LF_URL]);
	if (v[LF_LAT] && parse_degree(v[LF_LAT], 90, &lat) != 0)
		extra[LF_LAT] = N_("Bitte einen Breitengrad zwischen -90 und 90 angeben, z. B. 49.9929.");
	if (v[LF_LON] && parse_degree(v[LF_LON], 180, &lon) != 0)
		extra[LF_LON] = N_("Bitte einen Längengrad zwischen -180 und 180 angeben, z. B. 8.2473.");
	if (!v[LF_LAT] != !v[LF_LON])
		extra[v[LF_LAT] ? LF_LON : LF_LAT] = N_("Bitte Breiten- und Längengrad zusammen angeben.");
	for (int i = 0; i < LF__MAX; i++)
		if (extra[i] && !err[i]) {
			err[i] = extra[i];
			e.nerr++;
		}
	if (e.nerr) {
		w->status = 422;
		dir_staff_view_location(r, w, &e);
		return;
	}
	struct dir_location l = {
		.id = stored ? stored->id : NULL, .organization_id = o->id, .location_type = v[LF_TYPE],
		.url = v[LF_URL], .name = v[LF_NAME], .alternate_name = v[LF_ALT], .description = v[LF_DESC],
		.transportation = v[LF_TRANSPORT], .has_coords = v[LF_LAT] != NULL, .latitude = lat, .longitude = lon,
		.confidential = v[LF_CONFIDENTIAL] != NULL, .has_address = v[LF_ADDR1] != NULL,
		.address = { .id = stored && stored->has_address ? stored->address.id : NULL,
			     .attention = v[LF_ATTENTION], .address_1 = v[LF_ADDR1], .address_2 = v[LF_ADDR2],
			     .city = v[LF_CITY], .region = v[LF_REGION], .state_province = v[LF_STATE],
			     .postal_code = v[LF_POSTCODE], .country = country,
			     .address_type = strcmp(v[LF_TYPE], "postal") == 0 ? "postal" : "physical" },
		.edit_version = e.version,
	};
	char lid[37];
	int rc = dir_location_save(r->db, &l, dir_staff_who(r), lid);
	if (rc == DIR_STALE) {
		loc_stale(r, w, &e);
		return;
	}
	if (rc != ST_OK) {
		resp_store_failed(r, w);
		e.problem = T(r, "Der Standort konnte gerade nicht gespeichert werden. Ihre Eingaben sind noch da; "
				 "bitte versuchen Sie es noch einmal.");
		dir_staff_view_location(r, w, &e);
		return;
	}
	audit_add_req(r, stored ? "dir_save" : "dir_create", "location", lid, "ok", NULL);
	resp_redirect(r, w, arena_printf(r->a, "/intern/traeger/%s?hinweis=standort#standorte", o->id));
}

void dir_staff_location_create(struct req *r, struct resp *w)
{
	const struct dir_org *o;
	const struct dir_location *l;
	if (load_loc(r, w, &o, &l, 0) == 0)
		loc_save(r, w, o, NULL);
}

void dir_staff_location_save(struct req *r, struct resp *w)
{
	const struct dir_org *o;
	const struct dir_location *l;
	if (load_loc(r, w, &o, &l, 1) == 0)
		loc_save(r, w, o, l);
}
