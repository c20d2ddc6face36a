/* counselling_fixture.h — the counselling HTTP tests' shared server,
 * agents, case and helpers (counselling_fixture.c). */
#ifndef LOTSE_TEST_COUNSELLING_FIXTURE_H
#define LOTSE_TEST_COUNSELLING_FIXTURE_H

#include "harness.h"

#include <stddef.h>

/* The server; the demo team's two counsellors and its lead (c1, c2,
 * lead), a counsellor of no team (other), the demo partner, editor and
 * admin, and an anonymous visitor: all signed in by the group setup. */
extern struct server srv;
extern struct agent c1, c2, lead, other, partner, editor, admin, anon;

/* What test_create types into the case and must never be stored in clear. */
#define NAME "Zyxwabcnachname"
#define FIRST "Qwertzvorname"
#define NOTE "Geheimnotiz-4711-streng"

/* The pseudonym of the case made by test_create ("K-XXXX"). */
extern char pseudonym[8];

/* A number from the server's database (printf-like SQL). */
#define count(...) db_scalarf(&srv, __VA_ARGS__)

/* The first column of the first row of sql as text into out ("" if none). */
#define text_of(sql, out, n) db_text(&srv, (sql), NULL, (out), (n))
/* Are the n bytes of needle in the database file or its WAL? */
int stored(const void *needle, size_t n);
/* The path of test_create's case page followed by rest, into out. */
void path_of(char *out, size_t n, const char *rest);

/* The group's setup and teardown for cmocka_run_group_tests(). */
int counsel_group_setup(void **state);
int counsel_group_teardown(void **state);

/* Make the case through the forms as c1 (into pseudonym) and check that
 * its name and notes stay out of the file: the first test of each group. */
void test_create(void **state);

#endif
