/* api.h — the HSDS 3.0 API at /api/hsds: read-only JSON of the public
 * directory (handlers in api.c, their queries in api_model.c).
 *
 * Only public data leaves: no archived or merged offers or providers (nor
 * offers of such providers), never a confidential location or anything
 * attached to one. Paged lists carry total_items, total_pages,
 * page_number, size, first_page, last_page, empty and contents. Bad
 * parameters are a 400, unknown ids a 404, both with an RFC 7807 problem
 * body (application/problem+json). Every answer allows any origin. */
#ifndef LOTSE_DIRECTORY_HSDS_API_H
#define LOTSE_DIRECTORY_HSDS_API_H

#include "http/http.h"

/* ---- handlers (routes in src/routes.c) ---- */

void dir_hsds_api_root(struct req *r, struct resp *w);          /* GET /api/hsds */
void dir_hsds_api_services(struct req *r, struct resp *w);      /* GET /api/hsds/services */
void dir_hsds_api_service(struct req *r, struct resp *w);       /* GET /api/hsds/services/{id} */
void dir_hsds_api_orgs(struct req *r, struct resp *w);          /* GET /api/hsds/organizations */
void dir_hsds_api_org(struct req *r, struct resp *w);           /* GET /api/hsds/organizations/{id} */
void dir_hsds_api_taxonomies(struct req *r, struct resp *w);    /* GET /api/hsds/taxonomies */
void dir_hsds_api_taxonomy(struct req *r, struct resp *w);      /* GET /api/hsds/taxonomies/{id} */
void dir_hsds_api_terms(struct req *r, struct resp *w);         /* GET /api/hsds/taxonomy_terms */
void dir_hsds_api_term(struct req *r, struct resp *w);          /* GET /api/hsds/taxonomy_terms/{id} */
void dir_hsds_api_sals(struct req *r, struct resp *w);          /* GET /api/hsds/service_at_locations */
void dir_hsds_api_sal(struct req *r, struct resp *w);           /* GET /api/hsds/service_at_locations/{id} */
void dir_hsds_api_unknown(struct req *r, struct resp *w);       /* any other path under /api/hsds: 404 */

#endif
