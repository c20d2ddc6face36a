/* events_fixture.h — the events HTTP tests' shared server and agents
 * (events_fixture.c). */
#ifndef LOTSE_TEST_EVENTS_FIXTURE_H
#define LOTSE_TEST_EVENTS_FIXTURE_H

#include "harness.h"

/* The server; the demo editor, an anonymous visitor. */
extern struct server srv;
extern struct agent editor, visitor;

/* The group's setup and teardown for cmocka_run_group_tests(). */
int events_group_setup(void **state);
int events_group_teardown(void **state);

/* The id of the event whose title is LIKE title_like ('%%' for '%'). */
long event_id(const char *title_like);

#endif
