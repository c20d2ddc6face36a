/* router.h — the route table's shape and the matcher.
 *
 * The application's one static table lives in src/routes.c. A pattern is
 * a path whose segments are literal or "{}" (one non-empty segment, whose
 * value becomes a parameter). Every route declares its permission and its
 * CSRF need; zero in either is "undeclared" and is refused by a test and
 * denied by the server. */
#ifndef LOTSE_ROUTER_H
#define LOTSE_ROUTER_H

#include "http/http.h"

enum perm {
	PERM_UNDECLARED = 0,
	PERM_PUBLIC,     /* anyone */
	PERM_STAFF,      /* any signed-in user (accounts issue) */
	PERM_ADMIN,
	PERM_EDITOR,
	PERM_RESEARCHER,
	PERM_COUNSELLOR,
	PERM_PARTNER,
	PERM_ANALYSIS,   /* researchers and editors: the evidence loop (/intern/analyse) */
	PERM_CASE_STATS, /* counsellors and researchers: the counselling statistics */
	PERM__MAX
};

enum csrf_need {
	CSRF_UNDECLARED = 0,
	CSRF_EXEMPT,     /* safe method, or a public form without a session */
	CSRF_CHECK,      /* state-changing request from a session: token checked */
};

struct route {
	unsigned methods;       /* HTTP_GET | HTTP_POST ...; GET implies HEAD */
	const char *pattern;
	http_handler handler;
	enum perm perm;
	enum csrf_need csrf;
};

enum route_match {
	ROUTE_FOUND,
	ROUTE_NOT_FOUND,
	ROUTE_BAD_METHOD,  /* the path exists, the method does not */
};

/* Find the route for method and path in table[0..n). On ROUTE_FOUND,
 * *out is the route and params[0..*nparams) point into copies in a. On
 * ROUTE_BAD_METHOD, *allowed is the union of methods the path accepts. */
enum route_match router_match(arena *a, const struct route *table, size_t n,
			      enum http_method method, const char *path,
			      const struct route **out, const char **params, size_t *nparams,
			      unsigned *allowed);

/* The table and the permission check the server answers with, for the
 * questions a page asks of them (server_launch calls this). may tells
 * whether r's user passes a permission, without answering anything. */
void router_use(const struct route *table, size_t n, int (*may)(const struct req *r, enum perm perm));

/* May r's user open path with GET: a route of the table matches it and
 * its permission lets the user through. The navigation and the staff
 * dashboard link only such paths, so a permission is written once, in
 * the route table. 0 when no table is in use. */
int req_may_get(struct req *r, const char *path);

/* Is seg[0..n) the first segment of a route's pattern ("intern" of
 * "/intern/...")? Content pages cannot take such an address. */
int router_segment_taken(const char *seg, size_t n);

#endif
