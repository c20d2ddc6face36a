/* test_router.c — unit tests for the route matcher and for the application's route table. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "http/router.h"
#include "routes.h"

/* Distinct handlers, so a test can tell which route matched. */
static void h_home(struct req *r, struct resp *w) { (void)r; (void)w; }
static void h_list(struct req *r, struct resp *w) { (void)r; (void)w; }
static void h_new(struct req *r, struct resp *w) { (void)r; (void)w; }
static void h_show(struct req *r, struct resp *w) { (void)r; (void)w; }
static void h_update(struct req *r, struct resp *w) { (void)r; (void)w; }
static void h_nested(struct req *r, struct resp *w) { (void)r; (void)w; }
static void h_many(struct req *r, struct resp *w) { (void)r; (void)w; }
static void h_too_many(struct req *r, struct resp *w) { (void)r; (void)w; }
static void h_post_only(struct req *r, struct resp *w) { (void)r; (void)w; }
static void h_slug(struct req *r, struct resp *w) { (void)r; (void)w; }

static const struct route table[] = {
	{ HTTP_GET, "/", h_home, PERM_PUBLIC, CSRF_EXEMPT },
	{ HTTP_GET, "/angebote", h_list, PERM_PUBLIC, CSRF_EXEMPT },
	{ HTTP_GET, "/angebote/neu", h_new, PERM_EDITOR, CSRF_EXEMPT },
	{ HTTP_GET, "/angebote/{}", h_show, PERM_PUBLIC, CSRF_EXEMPT },
	{ HTTP_POST, "/angebote/{}", h_update, PERM_EDITOR, CSRF_CHECK },
	{ HTTP_GET | HTTP_POST, "/a/{}/b/{}", h_nested, PERM_PUBLIC, CSRF_CHECK },
	{ HTTP_GET, "/m/{}/{}/{}/{}", h_many, PERM_PUBLIC, CSRF_EXEMPT },
	{ HTTP_GET, "/t/{}/{}/{}/{}/{}", h_too_many, PERM_PUBLIC, CSRF_EXEMPT },
	{ HTTP_POST, "/x/senden", h_post_only, PERM_PUBLIC, CSRF_EXEMPT },
	{ HTTP_GET, "/{}", h_slug, PERM_PUBLIC, CSRF_EXEMPT },
};

struct result {
	enum route_match m;
	const struct route *route;
	const char *params[HTTP_MAX_PARAMS + 1];
	size_t np;
	unsigned allowed;
};

static struct result run(arena *a, enum http_method method, const char *path)
{
	struct result r;
	memset(&r, 0, sizeof(r));
	r.params[HTTP_MAX_PARAMS] = "canary";
	r.m = router_match(a, table, sizeof(table) / sizeof(table[0]), method, path, &r.route,
			   r.params, &r.np, &r.allowed);
	assert_string_equal(r.params[HTTP_MAX_PARAMS], "canary");
	assert_true(r.np <= HTTP_MAX_PARAMS);
	return r;
}

static int setup(void **state)
{
	*state = arena_new();
	return 0;
}

static int teardown(void **state)
{
	arena_free(*state);
	return 0;
}

static void test_exact(void **state)
{
	arena *a = *state;
	struct result r = run(a, HTTP_GET, "/");
	assert_int_equal(r.m, ROUTE_FOUND);
	assert_ptr_equal(r.route->handler, h_home);
	assert_int_equal(r.np, 0);

	r = run(a, HTTP_GET, "/angebote");
	assert_int_equal(r.m, ROUTE_FOUND);
	assert_ptr_equal(r.route->handler, h_list);
	assert_ptr_equal(r.route, &table[1]);
	assert_int_equal(r.np, 0);
}

static void test_params(void **state)
{
	arena *a = *state;
	struct result r = run(a, HTTP_GET, "/angebote/42");
	assert_int_equal(r.m, ROUTE_FOUND);
	assert_ptr_equal(r.route->handler, h_show);
	assert_int_equal(r.np, 1);
	assert_string_equal(r.params[0], "42");

	r = run(a, HTTP_GET, "/a/x-1/b/%C3%BC");
	assert_int_equal(r.m, ROUTE_FOUND);
	assert_ptr_equal(r.route->handler, h_nested);
	assert_int_equal(r.np, 2);
	assert_string_equal(r.params[0], "x-1");
	assert_string_equal(r.params[1], "%C3%BC");

	/* params are copies, not pointers into the path */
	char path[] = "/angebote/abc";
	r = run(a, HTTP_GET, path);
	assert_int_equal(r.m, ROUTE_FOUND);
	path[10] = 'z';
	assert_string_equal(r.params[0], "abc");

	/* exactly HTTP_MAX_PARAMS placeholders */
	r = run(a, HTTP_GET, "/m/1/2/3/4");
	assert_int_equal(r.m, ROUTE_FOUND);
	assert_ptr_equal(r.route->handler, h_many);
	assert_int_equal(r.np, 4);
	assert_string_equal(r.params[0], "1");
	assert_string_equal(r.params[3], "4");

	/* a placeholder takes one segment only */
	r = run(a, HTTP_GET, "/a/x/y/b/z");
	assert_int_equal(r.m, ROUTE_NOT_FOUND);
	r = run(a, HTTP_GET, "/m/1/2/3");
	assert_int_equal(r.m, ROUTE_NOT_FOUND);
	r = run(a, HTTP_GET, "/m/1/2/3/4/5");
	assert_int_equal(r.m, ROUTE_NOT_FOUND);
}

static void test_first_match_wins(void **state)
{
	arena *a = *state;
	/* "/angebote/neu" also matches "/angebote/{}", but comes first */
	struct result r = run(a, HTTP_GET, "/angebote/neu");
	assert_int_equal(r.m, ROUTE_FOUND);
	assert_ptr_equal(r.route->handler, h_new);
	assert_int_equal(r.np, 0);
	/* "/angebote" is literal before the "/{}" catch-all */
	r = run(a, HTTP_GET, "/angebote");
	assert_ptr_equal(r.route->handler, h_list);
	r = run(a, HTTP_GET, "/kontakt");
	assert_int_equal(r.m, ROUTE_FOUND);
	assert_ptr_equal(r.route->handler, h_slug);
	assert_string_equal(r.params[0], "kontakt");
	/* a POST to /angebote/42 goes to the POST route of the same pattern */
	r = run(a, HTTP_POST, "/angebote/42");
	assert_int_equal(r.m, ROUTE_FOUND);
	assert_ptr_equal(r.route->handler, h_update);
	assert_string_equal(r.params[0], "42");
}

static void test_head(void **state)
{
	arena *a = *state;
	struct result r = run(a, HTTP_HEAD, "/angebote/7");
	assert_int_equal(r.m, ROUTE_FOUND);
	assert_ptr_equal(r.route->handler, h_show);
	assert_string_equal(r.params[0], "7");
	r = run(a, HTTP_HEAD, "/");
	assert_int_equal(r.m, ROUTE_FOUND);
	assert_ptr_equal(r.route->handler, h_home);
	/* HEAD does not match a POST-only route */
	r = run(a, HTTP_HEAD, "/x/senden");
	assert_int_equal(r.m, ROUTE_BAD_METHOD);
	assert_int_equal(r.allowed, HTTP_POST);
}

static void test_bad_method(void **state)
{
	arena *a = *state;
	struct result r = run(a, HTTP_GET, "/x/senden");
	assert_int_equal(r.m, ROUTE_BAD_METHOD);
	assert_int_equal(r.allowed, HTTP_POST);

	/* "/" accepts only GET (and HEAD) */
	r = run(a, HTTP_POST, "/");
	assert_int_equal(r.m, ROUTE_BAD_METHOD);
	assert_true(r.allowed & HTTP_GET);
	assert_false(r.allowed & HTTP_POST);

	/* "/angebote/neu" is GET-only, but "/angebote/{}" accepts POST: first
	 * matching method wins over the literal route */
	r = run(a, HTTP_POST, "/angebote/neu");
	assert_int_equal(r.m, ROUTE_FOUND);
	assert_ptr_equal(r.route->handler, h_update);

	/* a POST to "/angebote" is refused; allowed is the union of all
	 * routes for that path */
	r = run(a, HTTP_POST, "/angebote");
	assert_int_equal(r.m, ROUTE_BAD_METHOD);
	assert_int_equal(r.allowed & (HTTP_GET | HTTP_POST), HTTP_GET);
}

static void test_not_found(void **state)
{
	arena *a = *state;
	static const char *const paths[] = {
		"", "//", "/angebote/1/2", "/a/x/b", "/a//b/y", "/nope/deeper", "angebote",
		"/t/1/2/3/4/5", "/t/1/2/3/4", "/m/1/2/3/4/", "/%00/x",
	};
	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		struct result r = run(a, HTTP_GET, paths[i]);
		if (r.m != ROUTE_NOT_FOUND)
			fail_msg("%s matched", paths[i]);
		assert_int_equal(r.allowed, 0);
		assert_int_equal(r.np, 0);
	}
}

static void test_trailing_slash_and_empty_segment(void **state)
{
	arena *a = *state;
	/* a trailing slash is a different path */
	struct result r = run(a, HTTP_GET, "/angebote/");
	assert_int_equal(r.m, ROUTE_NOT_FOUND);
	r = run(a, HTTP_GET, "/angebote/neu/");
	assert_int_equal(r.m, ROUTE_NOT_FOUND);
	r = run(a, HTTP_GET, "/angebote/42/");
	assert_int_equal(r.m, ROUTE_NOT_FOUND);
	r = run(a, HTTP_GET, "/kontakt/");
	assert_int_equal(r.m, ROUTE_NOT_FOUND);
	/* an empty segment does not fill a placeholder */
	r = run(a, HTTP_GET, "/a//b/x");
	assert_int_equal(r.m, ROUTE_NOT_FOUND);
	r = run(a, HTTP_GET, "/a/x/b/");
	assert_int_equal(r.m, ROUTE_NOT_FOUND);
	r = run(a, HTTP_POST, "/angebote/");
	assert_int_equal(r.m, ROUTE_NOT_FOUND);
}

static void test_too_many_params(void **state)
{
	arena *a = *state;
	/* a pattern with more placeholders than HTTP_MAX_PARAMS never
	 * matches, and never writes past params[] (canary checked in run) */
	struct result r = run(a, HTTP_GET, "/t/1/2/3/4/5");
	assert_int_equal(r.m, ROUTE_NOT_FOUND);
	assert_int_equal(r.np, 0);

	static const struct route deep[] = {
		{ HTTP_GET, "/{}/{}/{}/{}/{}/{}/{}/{}", h_too_many, PERM_PUBLIC, CSRF_EXEMPT },
	};
	const struct route *out = NULL;
	const char *params[HTTP_MAX_PARAMS + 1] = { 0 };
	params[HTTP_MAX_PARAMS] = "canary";
	size_t np = 99;
	unsigned allowed = 99;
	assert_int_equal(router_match(a, deep, 1, HTTP_GET, "/1/2/3/4/5/6/7/8", &out, params, &np,
				      &allowed),
			 ROUTE_NOT_FOUND);
	assert_string_equal(params[HTTP_MAX_PARAMS], "canary");
	assert_int_equal(np, 0);
	assert_int_equal(allowed, 0);
}

static void test_empty_table(void **state)
{
	arena *a = *state;
	const struct route *out = NULL;
	const char *params[HTTP_MAX_PARAMS];
	size_t np = 7;
	unsigned allowed = 7;
	assert_int_equal(router_match(a, table, 0, HTTP_GET, "/", &out, params, &np, &allowed),
			 ROUTE_NOT_FOUND);
	assert_int_equal(np, 0);
	assert_int_equal(allowed, 0);
}

/* The application's table: every route declares permission and CSRF need
 * (deny by default), and patterns are well-formed. */
static void test_app_routes_declared(void **state)
{
	(void)state;
	assert_true(app_routes_count > 0);
	for (size_t i = 0; i < app_routes_count; i++) {
		const struct route *r = &app_routes[i];
		assert_non_null(r->pattern);
		if (r->pattern[0] != '/')
			fail_msg("route %zu: pattern \"%s\" does not start with '/'", i, r->pattern);
		if (r->perm == PERM_UNDECLARED || r->perm >= PERM__MAX)
			fail_msg("route %zu (%s): permission not declared", i, r->pattern);
		if (r->csrf != CSRF_EXEMPT && r->csrf != CSRF_CHECK)
			fail_msg("route %zu (%s): CSRF need not declared", i, r->pattern);
		if (r->methods == 0 || (r->methods & ~(unsigned)(HTTP_GET | HTTP_HEAD | HTTP_POST)))
			fail_msg("route %zu (%s): bad methods %u", i, r->pattern, r->methods);
		if ((r->methods & HTTP_POST) && r->csrf == CSRF_UNDECLARED)
			fail_msg("route %zu (%s): POST without a declared CSRF need", i, r->pattern);
		if (!r->handler)
			fail_msg("route %zu (%s): no handler", i, r->pattern);
		/* placeholders are whole segments: "{}" right after '/' and
		 * followed by '/' or the end; no other braces */
		for (const char *p = r->pattern; *p; p++) {
			if (*p == '{') {
				if (p[-1] != '/' || p[1] != '}' || (p[2] != '/' && p[2] != '\0'))
					fail_msg("route %zu (%s): malformed placeholder", i, r->pattern);
			} else if (*p == '}' && p[-1] != '{') {
				fail_msg("route %zu (%s): stray '}'", i, r->pattern);
			}
		}
		/* no empty segments, no trailing slash except for "/" itself */
		if (strstr(r->pattern, "//"))
			fail_msg("route %zu (%s): empty segment", i, r->pattern);
		size_t len = strlen(r->pattern);
		if (len > 1 && r->pattern[len - 1] == '/')
			fail_msg("route %zu (%s): trailing slash", i, r->pattern);
	}
}

/* A route that a later one would shadow entirely (same pattern, same
 * method) is a mistake in the table. */
static void test_app_routes_no_duplicates(void **state)
{
	(void)state;
	for (size_t i = 0; i < app_routes_count; i++)
		for (size_t k = i + 1; k < app_routes_count; k++)
			if (strcmp(app_routes[i].pattern, app_routes[k].pattern) == 0 &&
			    (app_routes[i].methods & app_routes[k].methods))
				fail_msg("routes %zu and %zu: %s declared twice", i, k, app_routes[i].pattern);
}

/* Literal routes are reachable: each one's own path matches that route. */
static void test_app_routes_reachable(void **state)
{
	arena *a = *state;
	for (size_t i = 0; i < app_routes_count; i++) {
		const struct route *r = &app_routes[i];
		if (strchr(r->pattern, '{'))
			continue;
		const struct route *out = NULL;
		const char *params[HTTP_MAX_PARAMS];
		size_t np;
		unsigned allowed;
		enum http_method m = (r->methods & HTTP_GET) ? HTTP_GET : HTTP_POST;
		assert_int_equal(router_match(a, app_routes, app_routes_count, m, r->pattern, &out,
					      params, &np, &allowed),
				 ROUTE_FOUND);
		if (out != r)
			fail_msg("%s is shadowed by %s", r->pattern, out->pattern);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_exact, setup, teardown),
		cmocka_unit_test_setup_teardown(test_params, setup, teardown),
		cmocka_unit_test_setup_teardown(test_first_match_wins, setup, teardown),
		cmocka_unit_test_setup_teardown(test_head, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_method, setup, teardown),
		cmocka_unit_test_setup_teardown(test_not_found, setup, teardown),
		cmocka_unit_test_setup_teardown(test_trailing_slash_and_empty_segment, setup, teardown),
		cmocka_unit_test_setup_teardown(test_too_many_params, setup, teardown),
		cmocka_unit_test_setup_teardown(test_empty_table, setup, teardown),
		cmocka_unit_test(test_app_routes_declared),
		cmocka_unit_test(test_app_routes_no_duplicates),
		cmocka_unit_test_setup_teardown(test_app_routes_reachable, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
