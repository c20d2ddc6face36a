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
