/* api.h — the HSDS 3.0 API at /api/hsds: read-only JSON of the public
 * directory (handlers in api.c, their queries in api_query.c).
 *
 * Only public data leaves: no archived or merged offers or providers (nor
 * offers of such providers), never a confidential location or anything
 * attached to one. Paged lists carry total_items, total_pages,
 * page_number, size, first_page, last_page, empty and contents. Bad
 * parameters are a 400, unknown ids a 404, both with an RFC 7807 problem
 * body (application/problem+json). Every answer allows any origin. */
#ifndef LOTSE_DIRECTORY_API_H
#define LOTSE_DIRECTORY_API_H

#include "core/arena.h"
#include "http/http.h"
#include "store/store.h"

#include <jansson.h>
#include <stddef.h>

/* ---- handlers (routes in src/routes.c) ---- */

void dir_api_root(struct req *r, struct resp *w);          /* GET /api/hsds */
void dir_api_services(struct req *r, struct resp *w);      /* GET /api/hsds/services */
void dir_api_service(struct req *r, struct resp *w);       /* GET /api/hsds/services/{id} */
void dir_api_orgs(struct req *r, struct resp *w);          /* GET /api/hsds/organizations */
void dir_api_org(struct req *r, struct resp *w);           /* GET /api/hsds/organizations/{id} */
void dir_api_taxonomies(struct req *r, struct resp *w);    /* GET /api/hsds/taxonomies */
void dir_api_taxonomy(struct req *r, struct resp *w);      /* GET /api/hsds/taxonomies/{id} */
void dir_api_terms(struct req *r, struct resp *w);         /* GET /api/hsds/taxonomy_terms */
void dir_api_term(struct req *r, struct resp *w);          /* GET /api/hsds/taxonomy_terms/{id} */
void dir_api_sals(struct req *r, struct resp *w);          /* GET /api/hsds/service_at_locations */
void dir_api_sal(struct req *r, struct resp *w);           /* GET /api/hsds/service_at_locations/{id} */
void dir_api_unknown(struct req *r, struct resp *w);       /* any other path under /api/hsds: 404 */

/* ---- queries (api_query.c) ---- */

/* The filters of a list, already checked; NULL / -1 where not given. */
struct dir_api_filter {
	const char *text;             /* services: a text search alone, paged by the finder */
	const char *lang;             /* with text: the language of term names */
	arena *a;                     /* with text: for the finder's result */
	const char *hits;             /* JSON array of service ids, best first (text search) */
	const char *taxonomy_term_id, *taxonomy_id, *organization_id, *parent_id;
	const char *modified_after;   /* "YYYY-MM-DDTHH:MM:SSZ" */
	const char *postcode;         /* without proximity: a location's postal code */
	double lat, lon;              /* the postcode's centroid, with proximity */
	long proximity;               /* metres; -1 = none */
	const char *like;             /* LIKE pattern for name searches (organizations, taxonomies) */
	int top_only;
	long page, per_page;
};

/* A page of services, organizations, taxonomies, terms or
 * service_at_locations: fills *total and returns the contents array
 * (new reference), or NULL on a database error. */
json_t *dir_api_list_services(struct store *s, const struct dir_api_filter *f, long *total);
json_t *dir_api_list_sals(struct store *s, const struct dir_api_filter *f, long *total);
json_t *dir_api_list_orgs(struct store *s, const struct dir_api_filter *f, long *total);
json_t *dir_api_list_taxonomies(struct store *s, const struct dir_api_filter *f, long *total);
json_t *dir_api_list_terms(struct store *s, const struct dir_api_filter *f, long *total);

/* One record in full (new reference); NULL with *status ST_NOTFOUND when
 * it is not public, ST_ERR on a database error. */
json_t *dir_api_get_service(struct store *s, arena *a, const char *id, int *status);
json_t *dir_api_get_org(struct store *s, arena *a, const char *id, int *status);
json_t *dir_api_get_sal(struct store *s, arena *a, const char *id, int *status);
json_t *dir_api_get_taxonomy(struct store *s, const char *id, int *status);
json_t *dir_api_get_term(struct store *s, const char *id, int *status);

/* The ids of public offers matching text, best first, as a JSON array
 * (owned by a), at most max of them; NULL on error. The one place the API
 * searches text (through the finder's search, dir_search). */
const char *dir_api_search_hits(struct store *s, arena *a, const char *text, const char *lang, size_t max);

/* The centroid of a postcode; ST_OK, ST_NOTFOUND or ST_ERR. */
int dir_api_postcode(struct store *s, const char *code, double *lat, double *lon);

#endif
