/* counselling_fixture.c — what the counselling HTTP tests share: the
 * server with the demo team's three counsellors and the other roles
 * signed in, the case every test works on (made through the forms by
 * test_create, which each program runs first), and reading the database
 * file and its WAL for what must not be stored in clear. */
#include "counselling_fixture.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct server srv;
struct agent c1, c2, lead, other, partner, editor, admin, anon;
static char pw[3][32]; /* the three accounts' passwords, set by the setup */
static const char *const logins[3] = { "beratung1@demo.lotse.invalid", "beratung2@demo.lotse.invalid",
				       "teamleitung@demo.lotse.invalid" };

char pseudonym[8]; /* the case made by test_create */

/* Does the file at path hold the n bytes of needle? (0 when missing) */
static int file_has(const char *path, const void *needle, size_t n)
{
	size_t len;
	char *data = file_slurp(path, &len);
	int found = data && memmem(data, len, needle, n) != NULL;
	free(data);
	return found;
}

/* In the database file or its WAL? */
int stored(const void *needle, size_t n)
{
	char wal[400];
	snprintf(wal, sizeof(wal), "%s-wal", srv.db);
	return file_has(srv.db, needle, n) || file_has(wal, needle, n);
}

int counsel_group_setup(void **state)
{
	(void)state;
	if (harness_group_setup(&srv, NULL, &other, DEMO_COUNSELLOR, &partner, DEMO_PARTNER, &editor, DEMO_EDITOR,
				&admin, DEMO_ADMIN, &anon, DEMO__COUNT, NULL) != 0)
		return -1;
	struct agent *ag[3] = { &c1, &c2, &lead };
	for (int i = 0; i < 3; i++) {
		snprintf(pw[i], sizeof(pw[i]), "Kapitaen-Lotse-%d-Rhein-2026", i);
		char input[64];
		snprintf(input, sizeof(input), "%s\n", pw[i]);
		if (run_lotse_input(input, NULL, "user", "passwd", "--db", srv.db, "--email", logins[i], "--password-stdin",
				    NULL) != 0 ||
		    harness_sign_in(&srv, ag[i], logins[i], pw[i]) != 0)
			return -1;
	}
	return 0;
}

int counsel_group_teardown(void **state)
{
	(void)state;
	return harness_group_teardown(&srv, NULL);
}

void path_of(char *out, size_t n, const char *rest)
{
	snprintf(out, n, "/intern/beratung/%s%s", pseudonym, rest);
}

/* ---- a case through the forms; the name and a note never in the file ---- */

void test_create(void **state)
{
	(void)state;
	struct reply r;
	assert_int_equal(agent_fetch(&srv, &c1, "/intern/beratung/neu", &r), 200);
	assert_tidy(&srv, r.body.data, "/intern/beratung/neu");
	reply_free(&r);
	/* a bad form: 422 with the fields named, nothing stored */
	long before = count("SELECT count(*) FROM counsel_case");
	assert_int_equal(agent_submit(&srv, &c1, "/intern/beratung/neu",
				      form("name", NAME, "first_name", "", "age_band", "99-99", "languages", "Arabisch!", NULL),
				      &r),
			 422);
	assert_contains(r.body.data, "f-first_name");
	assert_contains(r.body.data, "f-age_band");
	assert_contains(r.body.data, "f-languages");
	reply_free(&r);
	assert_int_equal(count("SELECT count(*) FROM counsel_case"), before);
	assert_int_equal(agent_submit(&srv, &c1, "/intern/beratung/neu",
				      form("name", NAME, "first_name", FIRST, "contact", "0151 999888777", "birth_date",
					   "2009-03-14", "age_band", "16-17", "languages", "ar, fr", "german_level", "A2",
					   "stage", "berufsorientierung", "target_group", "neuzugewanderte", "district",
					   "mainz-neustadt", "needs", "bewerbungstraining", "interests", "Zauberlehrling-Wunsch",
					   NULL),
				      &r),
			 303);
	const char *loc = reply_header(&r, "Location");
	assert_non_null(loc);
	assert_non_null(strstr(loc, "/intern/beratung/K-"));
	snprintf(pseudonym, sizeof(pseudonym), "%.6s", strstr(loc, "K-"));
	reply_free(&r);
	char p[128];
	path_of(p, sizeof(p), "/gespraeche");
	/* a wrong day: the case page again, the form open with the notes kept */
	assert_int_equal(agent_submit(&srv, &c1, p,
				      form("held_on", "2026-13-01", "minutes", "45", "form", "person", "notes",
					   "Bleibt-erhalten", NULL),
				      &r),
			 422);
	assert_contains(r.body.data, "f-held_on-err");
	assert_contains(r.body.data, "Bleibt-erhalten");
	assert_contains(r.body.data, "<details open");
	reply_free(&r);
	assert_int_equal(count("SELECT count(*) FROM counsel_session s JOIN counsel_case c ON c.id = s.case_id WHERE "
			       "c.pseudonym = '%s'",
			       pseudonym),
			 0);
	assert_int_equal(agent_submit(&srv, &c1, p,
				      form("held_on", "2026-05-12", "minutes", "45", "form", "person", "topics", "Bewerbung",
					   "notes", NOTE, "next_steps", "Lebenslauf", "follow_up", "2026-06-01", NULL),
				      &r),
			 303);
	reply_free(&r);
	/* the page shows them, opened; the list shows only the pseudonym */
	path_of(p, sizeof(p), "");
	assert_int_equal(agent_fetch(&srv, &c1, p, &r), 200);
	assert_contains(r.body.data, NOTE);
	assert_contains(r.body.data, "Zauberlehrling-Wunsch");
	assert_not_contains(r.body.data, NAME);
	assert_tidy(&srv, r.body.data, "the case page");
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &c1, "/intern/beratung", &r), 200);
	assert_contains(r.body.data, pseudonym);
	assert_not_contains(r.body.data, NAME);
	assert_not_contains(r.body.data, FIRST);
	reply_free(&r);
	path_of(p, sizeof(p), "/identitaet");
	assert_int_equal(agent_fetch(&srv, &c1, p, &r), 200);
	assert_contains(r.body.data, NAME);
	assert_contains(r.body.data, FIRST);
	assert_non_null(strstr(r.headers.data, "no-store"));
	reply_free(&r);
	/* wrong values come back at their fields, with what was typed */
	path_of(p, sizeof(p), "/profil");
	assert_int_equal(agent_submit(&srv, &c1, p, form("age_band", "16-17", "languages", "Arabisch!", "stage", "mond", NULL),
				      &r),
			 422);
	assert_contains(r.body.data, "f-languages-err");
	assert_contains(r.body.data, "f-stage-err");
	assert_contains(r.body.data, "Arabisch!");
	reply_free(&r);
	path_of(p, sizeof(p), "/identitaet");
	assert_int_equal(agent_submit(&srv, &c1, p, form("name", "Anders-Geschrieben", "first_name", FIRST, "birth_date",
							 "14.03.2009", NULL),
				      &r),
			 422);
	assert_contains(r.body.data, "f-birth_date-err");
	assert_contains(r.body.data, "Anders-Geschrieben");
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &c1, p, &r), 200);
	assert_contains(r.body.data, NAME); /* unchanged */
	reply_free(&r);
	/* not in the database file nor its WAL, in any form we wrote them */
	assert_false(stored(NAME, strlen(NAME)));
	assert_false(stored(FIRST, strlen(FIRST)));
	assert_false(stored(NOTE, strlen(NOTE)));
	assert_false(stored("Zauberlehrling-Wunsch", 21));
	/* every read is in the audit log, under the pseudonym only */
	assert_true(count("SELECT count(*) FROM audit_log WHERE object_id = '%s' AND action = 'counsel_identity_read'",
			  pseudonym) >= 1);
	assert_int_equal(count("SELECT count(*) FROM audit_log WHERE object_id LIKE '%%" NAME "%%' OR detail LIKE "
			       "'%%" NAME "%%'"),
			 0);
}
