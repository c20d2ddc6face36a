/* events_fixture.c — what the events HTTP tests share: the server (its
 * registrations not rate-limited) with the demo editor signed in and an
 * anonymous visitor, and the demo's events by title. */
#include "events_fixture.h"

struct server srv;
struct agent editor, visitor;

int events_group_setup(void **state)
{
	(void)state;
	return harness_group_setup(&srv, "LOTSE_EVENTS_RATE=1000", &editor, DEMO_EDITOR, &visitor, DEMO__COUNT, NULL);
}

int events_group_teardown(void **state)
{
	(void)state;
	return harness_group_teardown(&srv, NULL);
}

long event_id(const char *title_like)
{
	return db_scalarf(&srv, "SELECT id FROM event WHERE title LIKE '%s'", title_like);
}
