/* fuzz_router.c — router_match over the application's real route table:
 * the input is the path, and its first byte also gives the method bits. */
#include "fuzz.h"
#include "http/router.h"
#include "routes.h"

static void check(arena *a, enum http_method method, const char *path)
{
	const struct route *route = NULL;
	const char *params[HTTP_MAX_PARAMS];
	size_t np = 99;
	unsigned allowed = 99;
	enum route_match m = router_match(a, app_routes, app_routes_count, method, path, &route,
					  params, &np, &allowed);
	switch (m) {
	case ROUTE_FOUND:
		FUZZ_CHECK(route >= app_routes && route < app_routes + app_routes_count);
		FUZZ_CHECK(np <= HTTP_MAX_PARAMS);
		FUZZ_CHECK(route->handler != NULL);
		FUZZ_CHECK(route->perm != PERM_UNDECLARED && route->csrf != CSRF_UNDECLARED);
		FUZZ_CHECK(route->methods & (method == HTTP_HEAD ? HTTP_GET : method));
		for (size_t i = 0; i < np; i++) {
			/* a placeholder is one non-empty segment */
			FUZZ_CHECK(params[i][0] != '\0');
			FUZZ_CHECK(strchr(params[i], '/') == NULL);
		}
		break;
	case ROUTE_BAD_METHOD:
		FUZZ_CHECK(np == 0);
		FUZZ_CHECK(allowed != 0);
		FUZZ_CHECK((allowed & (method == HTTP_HEAD ? HTTP_GET : method)) == 0);
		break;
	case ROUTE_NOT_FOUND:
		FUZZ_CHECK(np == 0 && allowed == 0);
		break;
	default:
		FUZZ_CHECK(!"unknown route_match");
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *path = fuzz_cstr(data, size);
	arena *a = arena_new();
	check(a, HTTP_GET, path);
	check(a, HTTP_HEAD, path);
	check(a, HTTP_POST, path);
	/* method bits: any combination, including none and unknown ones */
	if (size > 0)
		check(a, (enum http_method)(data[0] & 7), path[0] ? path + 1 : path);
	arena_free(a);
	free(path);
	return 0;
}
