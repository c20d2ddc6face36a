/* interviews_fixture.h — the interviews HTTP tests' shared server and
 * agents (interviews_fixture.c). */
#ifndef LOTSE_TEST_INTERVIEWS_FIXTURE_H
#define LOTSE_TEST_INTERVIEWS_FIXTURE_H

#include "harness.h"

/* The server; the demo researcher (member of the demo project 1), the
 * demo editor, an anonymous visitor, and other: a researcher who is no
 * member of the demo project (other_email), all set up by the group. */
extern struct server srv;
extern struct agent researcher, editor, visitor, other;
extern const char *const other_email;

/* The group's setup and teardown for cmocka_run_group_tests(). */
int iv_group_setup(void **state);
int iv_group_teardown(void **state);

/* The id of the demo project's code name (-1 when there is none). */
long code_id(const char *name);

#endif
