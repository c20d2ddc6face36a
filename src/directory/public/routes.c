/* routes.c — handlers of the public offer and provider pages: check the
 * id and the query, read with DIR_PUBLIC (never a confidential location),
 * hand over to the view. */
#include "directory/public/public_internal.h"
#include "http/form.h"
#include "html/layout.h"

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
	int rc = dir_service_get(r->db, r->a, id, r->lang, DIR_PUBLIC, &sv);
	if (rc == ST_OK) {
		/* the offers of an archived or merged provider are not public either */
		struct dir_org o;
		rc = dir_org_get(r->db, r->a, sv.organization_id, r->lang, DIR_PUBLIC, &o);
	}
	if (rc != ST_OK) {
		error(r, w, rc == ST_NOTFOUND ? 404 : resp_store_failed(r, w));
		return;
	}
	dir_public_view_offer(r, w, &sv, q.val[OQ_DRUCK] != NULL);
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
	if (rc != ST_OK) {
		error(r, w, rc == ST_NOTFOUND ? 404 : resp_store_failed(r, w));
		return;
	}
	size_t n;
	struct dir_service *offers;
	if (dir_org_services(r->db, r->a, o.id, DIR_PUBLIC, &offers, &n) != ST_OK) {
		error(r, w, resp_store_failed(r, w));
		return;
	}
	dir_public_view_org(r, w, &o, offers, n);
}
