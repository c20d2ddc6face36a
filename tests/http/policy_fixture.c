/* policy_fixture.c — what the committee HTTP tests share: the server
 * with the demo's committees, the editor signed in and an anonymous
 * visitor; the demo's texts that are not public; OParl answers saved and
 * checked against the specification's schemas by
 * tests/http/oparl_validate.py (found through SRC_DIR). */
#include "policy_fixture.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#ifndef SRC_DIR
#define SRC_DIR "."
#endif

struct server srv;
struct agent editor, visitor;

/* the demo's texts that are not public */
static const char *const secret[] = { "Personalfragen", "Personalangelegenheiten", "stellenplan", "Stellenplan",
				      "vertraulich", "Vertraulich" };

int policy_group_setup(void **state)
{
	(void)state;
	return harness_group_setup(&srv, NULL, &editor, DEMO_EDITOR, &visitor, DEMO__COUNT, NULL);
}

int policy_group_teardown(void **state)
{
	(void)state;
	return harness_group_teardown(&srv, NULL);
}

void get_ok(const char *path, struct reply *out)
{
	memset(out, 0, sizeof(*out));
	assert_int_equal(http_get(&srv, path, out), 0);
	if (out->status != 200)
		fail_msg("%s: status %ld", path, out->status);
}

void assert_no_secret(const char *where, const char *body)
{
	for (size_t i = 0; i < sizeof(secret) / sizeof(secret[0]); i++)
		if (strstr(body, secret[i]))
			fail_msg("%s shows the non-public text %s", where, secret[i]);
}

/* Fetch path into the next numbered file of the test folder, and name it in list. */
void oparl_save(const char *path, buf *list, long want)
{
	static int k;
	struct reply r = { 0 };
	assert_int_equal(http_get(&srv, path, &r), 0);
	if (r.status != want)
		fail_msg("%s: status %ld, want %ld", path, r.status, want);
	const char *cors = reply_header(&r, "Access-Control-Allow-Origin");
	if (!cors || strcmp(cors, "*") != 0)
		fail_msg("%s: no CORS header", path);
	assert_no_secret(path, r.body.data);
	char name[32], file[512];
	snprintf(name, sizeof(name), "oparl-%03d.json", k++);
	harness_save(&srv, name, &r.body, file, sizeof(file));
	if (list && want == 200)
		buf_printf(list, " '%s'", file);
	reply_free(&r);
}

void oparl_validate(buf *list)
{
	char *cmd = NULL;
	assert_true(asprintf(&cmd, "python3 '%s/tests/http/oparl_validate.py' '%s/tests/http/oparl-1.1'%s", SRC_DIR,
			     SRC_DIR, buf_str(list)) > 0);
	int rc = system(cmd);
	free(cmd);
	assert_int_equal(rc, 0);
}

json_t *get_json(const char *path)
{
	struct reply r;
	get_ok(path, &r);
	json_error_t e;
	json_t *j = json_loads(r.body.data, 0, &e);
	reply_free(&r);
	if (!j)
		fail_msg("%s: not JSON: %s", path, e.text);
	return j;
}

long oparl_count(const char *path)
{
	json_t *j = get_json(path);
	long n = (long)json_integer_value(json_object_get(json_object_get(j, "pagination"), "totalElements"));
	json_decref(j);
	return n;
}

/* The id at the end of the path in r's Location (before any '?'). */
long location_id(const struct reply *r, const char *prefix)
{
	const char *loc = reply_header(r, "Location");
	assert_non_null(loc);
	if (strncmp(loc, prefix, strlen(prefix)) != 0)
		fail_msg("Location %s does not start with %s", loc, prefix);
	return atol(loc + strlen(prefix));
}
