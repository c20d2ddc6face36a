/* accounts_fixture.h — the accounts HTTP tests' shared server, admin
 * agent and helpers (accounts_fixture.c). */
#ifndef LOTSE_TEST_ACCOUNTS_FIXTURE_H
#define LOTSE_TEST_ACCOUNTS_FIXTURE_H

#include "harness.h"

#include <stddef.h>

extern struct server srv;
extern struct agent admin; /* signed in as the demo admin for the whole group */

/* The group's setup and teardown for cmocka_run_group_tests(). */
int accounts_group_setup(void **state);
int accounts_group_teardown(void **state);

/* GET path with ag; returns the status (the body is dropped). */
long get(struct agent *ag, const char *path);
/* GET from (for its CSRF token), then POST body to path; the status, the
 * reply in out. */
long post_from(struct agent *ag, const char *from, const char *path, const char *body, struct reply *out);
/* The id of the account email (-1 when there is none). */
long user_id(const char *email);
/* How many audit rows of action on the object id with outcome. */
long audit_count(const char *action, long object_id, const char *outcome);
/* The password shown once on a result page, into out (the test fails
 * when there is none or it is not 16 characters long). */
void shown_password(const char *body, char *out, size_t n);
/* As the admin: create user local@example.org with roles (a form body
 * part such as "role_editor=1"); the shown password goes to pw. Returns
 * the new id. */
long create_user(const char *local, const char *roles, char *pw, size_t n);
/* Sign ag in as local@example.org; the status (303). */
long login(struct agent *ag, const char *local, const char *pw);
/* The id of the first provider `lotse org list SEARCH` prints (the way
 * an operator finds it), into out. */
void org_id(const char *search, char *out, size_t n);

#endif
