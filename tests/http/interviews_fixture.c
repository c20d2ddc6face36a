/* interviews_fixture.c — what the interviews HTTP tests share: the
 * server with the demo researcher (a member of the demo project), the
 * editor, an anonymous visitor and a researcher who is no member signed
 * in, and the demo project's codes by name. */
#include "interviews_fixture.h"

#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct server srv;
struct agent researcher, editor, visitor, other;
const char *const other_email = "forschung3@example.org";
static const char *const other_pw = "Kodierbuch-2027-lang";

int iv_group_setup(void **state)
{
	(void)state;
	if (harness_group_setup(&srv, NULL, &researcher, DEMO_RESEARCHER, &editor, DEMO_EDITOR, &visitor, DEMO__COUNT,
				NULL) != 0)
		return -1;
	return harness_sign_in_new(&srv, &other, other_email, other_pw, "Dritte Forscherin", "researcher");
}

int iv_group_teardown(void **state)
{
	(void)state;
	return harness_group_teardown(&srv, NULL);
}

long code_id(const char *name)
{
	return db_scalarf(&srv, "SELECT id FROM iv_code WHERE project_id = 1 AND name = '%s'", name);
}
