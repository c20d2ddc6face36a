/* policy_fixture.h — the committee HTTP tests' shared server, agents and
 * OParl helpers (policy_fixture.c). */
#ifndef LOTSE_TEST_POLICY_FIXTURE_H
#define LOTSE_TEST_POLICY_FIXTURE_H

#include "harness.h"

#include <jansson.h>

/* The server with the demo data; the demo editor, an anonymous visitor. */
extern struct server srv;
extern struct agent editor, visitor;

/* The group's setup and teardown for cmocka_run_group_tests(). */
int policy_group_setup(void **state);
int policy_group_teardown(void **state);

/* GET path as the public into out; the test fails unless it is 200. */
void get_ok(const char *path, struct reply *out);
/* Fail when body (of where) shows one of the demo's non-public texts. */
void assert_no_secret(const char *where, const char *body);
/* Fetch the OParl answer path (status want, with CORS, nothing
 * non-public) into the next numbered file of the test folder, and name
 * it in list (NULL: none) when want is 200. */
void oparl_save(const char *path, buf *list, long want);
/* oparl_validate.py on the files named in list; fails the test unless
 * every one is valid. */
void oparl_validate(buf *list);
/* The JSON of the public answer at path (200); the caller decrefs it. */
json_t *get_json(const char *path);
/* The totalElements of the OParl list at path. */
long oparl_count(const char *path);
/* The id at the end of the path in r's Location (before any '?'),
 * which must start with prefix. */
long location_id(const struct reply *r, const char *prefix);

#endif
