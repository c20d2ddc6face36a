/* routes.c — handlers of the public offer and provider pages: check the
 * id and the query, read with DIR_PUBLIC (never a confidential location),
 * hand over to the view. The address of a merged or archived record
 * stays useful: 301 to the record kept, or 410 with a page. */
#include "directory/public/public_internal.h"
#include "http/form.h"
#include "html/layout.h"
#include "core/core.h"

#include <string.h>

enum offer_query_field {
	OQ_DRUCK,
	OQ__MAX
};

static const char *const druck_choices[] = { "1", NULL };

static const struct field offer_query[OQ__MAX] = {
	[OQ_DRUCK] = { "druck", FIELD_CHOICE, 0, 1, 0, 0, druck_choices },
};

static void error(struct req *r, struct resp *w, int status)
{
	w->status = status;
	layout_error_page(r, w, status);
}

/* A chain of merges is followed this far (a merge of a merged record). */
#define MERGE_HOPS 8

int dir_public_offer_get(struct req *r, const char *id, struct dir_service *sv)
{
	int rc = dir_service_get(r->db, r->a, id, r->lang, DIR_PUBLIC, sv);
	if (rc == ST_OK) {
		/* the offers of an archived or merged provider are not public either */
		struct dir_org o;
		rc = dir_org_get(r->db, r->a, sv->organization_id, r->lang, DIR_PUBLIC, &o);
	}
	return rc;
}

/* Is the offer id public, its provider too? */
static int offer_public(struct req *r, const char *id)
{
	struct dir_service sv;
	return dir_public_offer_get(r, id, &sv) == ST_OK;
}

/* Up to DIR_PUBLIC_SIMILAR public offers like sv (the archived one): of
 * the same kind (angebotsart) in the same place (ort) first, then of the
 * same kind anywhere, then in the same place; never sv itself. A failed
 * search leaves the list shorter (the page says the offer is gone all
 * the same). */
static size_t similar_offers(struct req *r, const struct dir_service *sv, struct dir_search_hit *out)
{
	const char *kinds[DIR_SEARCH_MAX_TERMS / 2], *places[DIR_SEARCH_MAX_TERMS / 2];
	size_t nk = 0, np = 0, n = 0;
	for (size_t i = 0; i < sv->n_terms; i++) {
		const struct dir_term *t = &sv->terms[i];
		const char *key = arena_printf(r->a, "%s:%s", t->taxonomy_code, t->code);
		if (strcmp(t->taxonomy_code, "angebotsart") == 0 && nk < NELEM(kinds))
			kinds[nk++] = key;
		else if (strcmp(t->taxonomy_code, "ort") == 0 && np < NELEM(places))
			places[np++] = key;
	}
	/* 0: kind and place; 1: kind; 2: place */
	for (int pass = 0; pass < 3 && n < DIR_PUBLIC_SIMILAR; pass++) {
		int with_kind = pass != 2, with_place = pass != 1;
		if ((with_kind && !nk) || (with_place && !np))
			continue;
		struct dir_search_query q = { .age = -1, .page = 1, .per_page = 10 };
		for (size_t i = 0; with_kind && i < nk; i++)
			q.terms[q.n_terms++] = kinds[i];
		for (size_t i = 0; with_place && i < np; i++)
			q.terms[q.n_terms++] = places[i];
		struct dir_search_result res;
		if (dir_search(r->db, r->a, &q, r->lang, &res) != ST_OK)
			continue;
		for (size_t i = 0; i < res.n_hits && n < DIR_PUBLIC_SIMILAR; i++) {
			int dup = strcmp(res.hits[i].id, sv->id) == 0;
			for (size_t k = 0; k < n; k++)
				dup |= strcmp(out[k].id, res.hits[i].id) == 0;
			if (!dup)
				out[n++] = res.hits[i]; /* its strings are in r->a */
		}
	}
	return n;
}

static void moved(struct req *r, struct resp *w, const char *prefix, const char *id)
{
	w->status = 301;
	resp_header(r, w, "Location", arena_printf(r->a, "%s%s", prefix, id));
}

/* The address of an offer that is not public: a merged duplicate goes to
 * the offer that was kept (301), so that links shared in messenger groups
 * keep working; an archived offer, or one whose provider is gone, answers
 * 410 with a page that says so; an unknown id 404. Only the flags and the
 * name of the staff view are used, nothing else of it is shown. */
static void offer_gone(struct req *r, struct resp *w, const char *id)
{
	struct dir_service sv, gone;
	int rc = dir_service_get(r->db, r->a, id, r->lang, DIR_STAFF, &sv);
	const char *name = rc == ST_OK ? sv.name : NULL, *org = rc == ST_OK ? sv.organization_id : NULL;
	if (rc == ST_OK)
		gone = sv;
	for (int hop = 0; rc == ST_OK && sv.merged_into && hop < MERGE_HOPS; hop++)
		rc = dir_service_get(r->db, r->a, sv.merged_into, r->lang, DIR_STAFF, &sv);
	if (!name || (rc != ST_OK && rc != ST_NOTFOUND)) {
		error(r, w, !name && rc == ST_NOTFOUND ? 404 : resp_store_failed(r, w));
		return;
	}
	if (rc == ST_OK && strcmp(sv.id, id) != 0 && offer_public(r, sv.id)) {
		moved(r, w, "/angebote/", sv.id);
		return;
	}
	struct dir_org o;
	int org_public = dir_org_get(r->db, r->a, org, r->lang, DIR_PUBLIC, &o) == ST_OK;
	struct dir_search_hit similar[DIR_PUBLIC_SIMILAR];
	size_t n = similar_offers(r, &gone, similar);
	dir_public_view_gone(r, w, name, org_public ? &o : NULL, similar, n);
}

void dir_public_offer(struct req *r, struct resp *w)
{
	struct form q;
	if (form_validate(r, &r->query, offer_query, OQ__MAX, &q) != 0) {
		error(r, w, 400);
		return;
	}
	const char *id = r->params[0];
	if (!dir_is_uuid(id)) {
		error(r, w, 404);
		return;
	}
	struct dir_service sv;
	int rc = dir_public_offer_get(r, id, &sv);
	if (rc == ST_NOTFOUND) {
		offer_gone(r, w, id);
		return;
	}
	if (rc != ST_OK) {
		error(r, w, resp_store_failed(r, w));
		return;
	}
	dir_public_view_offer(r, w, &sv, q.val[OQ_DRUCK] != NULL, dir_public_finder_back(r));
}

/* The same for a provider: merged to the one kept (301), archived 410. */
static void org_gone(struct req *r, struct resp *w, const char *id)
{
	struct dir_org o;
	int rc = dir_org_get(r->db, r->a, id, r->lang, DIR_STAFF, &o);
	const char *name = rc == ST_OK ? o.name : NULL;
	for (int hop = 0; rc == ST_OK && o.merged_into && hop < MERGE_HOPS; hop++)
		rc = dir_org_get(r->db, r->a, o.merged_into, r->lang, DIR_STAFF, &o);
	if (!name || (rc != ST_OK && rc != ST_NOTFOUND)) {
		error(r, w, !name && rc == ST_NOTFOUND ? 404 : resp_store_failed(r, w));
		return;
	}
	struct dir_org kept;
	if (rc == ST_OK && strcmp(o.id, id) != 0 &&
	    dir_org_get(r->db, r->a, o.id, r->lang, DIR_PUBLIC, &kept) == ST_OK) {
		moved(r, w, "/traeger/", o.id);
		return;
	}
	dir_public_view_gone(r, w, name, NULL, NULL, 0);
}

void dir_public_org(struct req *r, struct resp *w)
{
	const char *id = r->params[0];
	if (!dir_is_uuid(id)) {
		error(r, w, 404);
		return;
	}
	struct dir_org o;
	int rc = dir_org_get(r->db, r->a, id, r->lang, DIR_PUBLIC, &o);
	if (rc == ST_NOTFOUND) {
		org_gone(r, w, id);
		return;
	}
	if (rc != ST_OK) {
		error(r, w, resp_store_failed(r, w));
		return;
	}
	size_t n;
	struct dir_service *offers;
	if (dir_org_services(r->db, r->a, o.id, DIR_PUBLIC, &offers, &n) != ST_OK) {
		error(r, w, resp_store_failed(r, w));
		return;
	}
	dir_public_view_org(r, w, &o, offers, n, dir_public_finder_back(r));
}
