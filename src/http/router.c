/* router.c — matching a method and path against the route table. */
#include "http/router.h"

#include <string.h>

/* Does path match pattern? Fills params (copied into a). */
static int match(arena *a, const char *pat, const char *path, const char **params, size_t *np)
{
	size_t n = 0;
	while (*pat && *path) {
		if (pat[0] == '{' && pat[1] == '}') {
			const char *end = strchr(path, '/');
			size_t len = end ? (size_t)(end - path) : strlen(path);
			if (len == 0 || n == HTTP_MAX_PARAMS)
				return 0;
			params[n++] = arena_strndup(a, path, len);
			pat += 2;
			path += len;
			continue;
		}
		if (*pat != *path)
			return 0;
		pat++;
		path++;
	}
	if (*pat || *path)
		return 0;
	*np = n;
	return 1;
}

enum route_match router_match(arena *a, const struct route *table, size_t n,
			      enum http_method method, const char *path,
			      const struct route **out, const char **params, size_t *nparams,
			      unsigned *allowed)
{
	unsigned want = method == HTTP_HEAD ? HTTP_GET : method;
	*allowed = 0;
	*nparams = 0;
	for (size_t i = 0; i < n; i++) {
		size_t np = 0;
		const char *tmp[HTTP_MAX_PARAMS];
		if (!match(a, table[i].pattern, path, tmp, &np))
			continue;
		if (table[i].methods & want) {
			*out = &table[i];
			memcpy(params, tmp, np * sizeof(*tmp));
			*nparams = np;
			return ROUTE_FOUND;
		}
		*allowed |= table[i].methods;
	}
	return *allowed ? ROUTE_BAD_METHOD : ROUTE_NOT_FOUND;
}

static const struct route *use_table;
static size_t use_n;
static int (*use_may)(const struct req *r, enum perm perm);

void router_use(const struct route *table, size_t n, int (*may)(const struct req *r, enum perm perm))
{
	use_table = table;
	use_n = n;
	use_may = may;
}

int req_may_get(struct req *r, const char *path)
{
	const struct route *route;
	const char *params[HTTP_MAX_PARAMS];
	size_t np;
	unsigned allowed;
	if (!use_table || router_match(r->a, use_table, use_n, HTTP_GET, path, &route, params, &np, &allowed) !=
				  ROUTE_FOUND)
		return 0;
	if (route->perm == PERM_PUBLIC)
		return 1;
	return use_may && use_may(r, route->perm);
}

int router_segment_taken(const char *seg, size_t n)
{
	for (size_t i = 0; i < use_n; i++) {
		const char *p = use_table[i].pattern + 1;
		const char *end = strchr(p, '/');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (len == n && strncmp(p, seg, n) == 0)
			return 1;
	}
	return 0;
}
