/* test_counselling.c — the counselling model against the real server and
 * binary: a case made through the forms keeps its name and notes out of
 * the database file and its WAL; every case route refuses another
 * counsellor (404), a partner, an editor, an admin (403) and anonymous
 * visitors, while the team lead sees the team's case; no referral without
 * consent, withdrawal stops the provider's view of the contact data; the
 * provider answers its referrals and nothing else; restriction freezes a
 * case; erasure leaves no byte of the case in the file; the export holds
 * every part and the audit rows; retention erases exactly the cases past
 * their period; statistics suppress small cells. */
#include "harness.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <jansson.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct server srv;
static struct agent c1, c2, lead, other, partner, editor, admin, anon;
static char pw[3][32];
static const char *const logins[3] = { "beratung1@demo.lotse.invalid", "beratung2@demo.lotse.invalid",
				       "teamleitung@demo.lotse.invalid" };

#define NAME "Zyxwabcnachname"
#define FIRST "Qwertzvorname"
#define NOTE "Geheimnotiz-4711-streng"

static char pseudonym[8]; /* the case made by test_create */

/* A number from the server's database (printf-like SQL). */
#define count(...) db_scalarf(&srv, __VA_ARGS__)

/* The first column of the first row of sql as text into out ("" if none). */
static void db_text(const char *sql, char *out, size_t n)
{
	sqlite3 *db;
	out[0] = '\0';
	if (sqlite3_open_v2(srv.db, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK) {
		sqlite3_busy_timeout(db, 5000);
		sqlite3_stmt *st;
		if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
			if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
				snprintf(out, n, "%s", (const char *)sqlite3_column_text(st, 0));
			sqlite3_finalize(st);
		}
	}
	sqlite3_close(db);
}

/* Does the file at path hold the n bytes of needle? (0 when missing) */
static int file_has(const char *path, const void *needle, size_t n)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return 0;
	buf b;
	buf_init(&b, 0);
	char chunk[65536];
	size_t k;
	while ((k = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_append(&b, chunk, k);
	fclose(f);
	int found = 0;
	for (size_t i = 0; !found && b.len >= n && i <= b.len - n; i++)
		found = memcmp(b.data + i, needle, n) == 0;
	buf_free(&b);
	return found;
}

/* In the database file or its WAL? */
static int stored(const void *needle, size_t n)
{
	char wal[400];
	snprintf(wal, sizeof(wal), "%s-wal", srv.db);
	return file_has(srv.db, needle, n) || file_has(wal, needle, n);
}

static int group_setup(void **state)
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
		    agent_init(ag[i]) != 0 || agent_login(&srv, ag[i], logins[i], pw[i]) != 303)
			return -1;
	}
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	return harness_group_teardown(&srv, &c1, &c2, &lead, &other, &partner, &editor, &admin, &anon, NULL);
}

static void path_of(char *out, size_t n, const char *rest)
{
	snprintf(out, n, "/intern/beratung/%s%s", pseudonym, rest);
}

/* ---- a case through the forms; the name and a note never in the file ---- */

static void test_create(void **state)
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

/* ---- a wrong value on the case page's small forms: the case page again,
 * that form open, the error at its field, what was typed kept, nothing stored ---- */

/* Posts body to the case's rest as c1 and checks a 422 case page with the
 * error at field_err and kept in it. */
static void again(const char *pseudo, const char *rest, const char *body, const char *field_err, const char *kept)
{
	char p[160];
	struct reply r;
	snprintf(p, sizeof(p), "/intern/beratung/%s%s", pseudo, rest);
	assert_int_equal(agent_submit(&srv, &c1, p, body, &r), 422);
	assert_contains(r.body.data, field_err);
	assert_contains(r.body.data, "aria-invalid");
	if (kept)
		assert_contains(r.body.data, kept);
	if (strstr(rest, "/ergebnisse/") == NULL) /* an outcome's form is always open in its table */
		assert_contains(r.body.data, "<details open");
	assert_contains(r.body.data, pseudo); /* the case page, not a problem page */
	assert_contains(r.body.data, "Förderplan");
	assert_tidy(&srv, r.body.data, rest);
	reply_free(&r);
}

static void test_forms_again(void **state)
{
	(void)state;
	long consents = count("SELECT count(*) FROM counsel_consent");
	again(pseudonym, "/einwilligungen", form("purpose", "referral", "given_by", "self", "given_on", "2026-02-30", NULL),
	      "f-org-err", NULL);
	again(pseudonym, "/einwilligungen", form("purpose", "statistics", "given_by", "self", "given_on", "Gestern-Getippt", NULL),
	      "f-given-on-err", "Gestern-Getippt");
	assert_int_equal(count("SELECT count(*) FROM counsel_consent"), consents);
	long goals = count("SELECT count(*) FROM counsel_goal");
	again(pseudonym, "/ziele", form("phase", "mond", "title", "Ziel-bleibt-stehen", NULL), "f-phase-err",
	      "Ziel-bleibt-stehen");
	assert_int_equal(count("SELECT count(*) FROM counsel_goal"), goals);
	/* a goal to add steps to */
	char p[160];
	struct reply r;
	path_of(p, sizeof(p), "/ziele");
	assert_int_equal(agent_submit(&srv, &c1, p, form("phase", "application", "title", "Bewerbungen", NULL), &r), 303);
	reply_free(&r);
	long goal = count("SELECT g.id FROM counsel_goal g JOIN counsel_case c ON c.id = g.case_id WHERE c.pseudonym = "
			  "'%s'",
			  pseudonym);
	assert_true(goal > 0);
	long steps = count("SELECT count(*) FROM counsel_step");
	char rest[80];
	snprintf(rest, sizeof(rest), "/ziele/%ld/schritte", goal);
	again(pseudonym, rest, form("what", "Schritt-bleibt-stehen", "who", "young", "due", "30.06.2026", NULL), "-err",
	      "Schritt-bleibt-stehen");
	assert_int_equal(count("SELECT count(*) FROM counsel_step"), steps);
	/* a referral without a channel: the matching offers again, that offer's form open as typed */
	path_of(p, sizeof(p), "/passende-angebote");
	assert_int_equal(agent_fetch(&srv, &c1, p, &r), 200);
	const char *at = strstr(r.body.data, "name=\"service_id\" value=\"");
	assert_non_null(at);
	char sid[64];
	at += strlen("name=\"service_id\" value=\"");
	snprintf(sid, sizeof(sid), "%.*s", (int)strcspn(at, "\""), at);
	reply_free(&r);
	long refs = count("SELECT count(*) FROM counsel_referral");
	path_of(p, sizeof(p), "/vermittlungen");
	assert_int_equal(
		agent_submit(&srv, &c1, p, form("service_id", sid, "channel", "brieftaube", "shared", "Hinweis-bleibt", NULL), &r),
		422);
	assert_contains(r.body.data, "-err");
	assert_contains(r.body.data, "aria-invalid");
	assert_contains(r.body.data, "Hinweis-bleibt");
	assert_contains(r.body.data, "<details open");
	assert_contains(r.body.data, "Vorschläge");
	assert_tidy(&srv, r.body.data, "the referral form again");
	reply_free(&r);
	assert_int_equal(count("SELECT count(*) FROM counsel_referral"), refs);
	/* an open outcome of a demo case of the same counsellor */
	char pseudo[8];
	db_text("SELECT c.pseudonym FROM counsel_outcome o JOIN counsel_case c ON c.id = o.case_id JOIN user u ON u.id = "
		"c.owner_id WHERE u.email = 'beratung1@demo.lotse.invalid' AND o.result IS NULL AND c.restricted = 0 "
		"ORDER BY o.id LIMIT 1",
		pseudo, sizeof(pseudo));
	assert_true(pseudo[0]);
	{
		char sql[200];
		snprintf(sql, sizeof(sql),
			 "SELECT o.id FROM counsel_outcome o JOIN counsel_case c ON c.id = o.case_id WHERE c.pseudonym = "
			 "'%s' AND o.result IS NULL ORDER BY o.id LIMIT 1",
			 pseudo);
		char id[24];
		db_text(sql, id, sizeof(id));
		snprintf(rest, sizeof(rest), "/ergebnisse/%s", id);
		again(pseudo, rest, form("result", "lotto", "occupation", "Beruf-bleibt-stehen", NULL), "-err",
		      "Beruf-bleibt-stehen");
		assert_int_equal(count("SELECT count(*) FROM counsel_outcome WHERE id = %s AND result IS NOT NULL", id), 0);
	}
}

/* ---- IDOR: every case route ---- */

static const char *const get_routes[] = { "", "/identitaet", "/passende-angebote", "/auskunft", "/auskunft?format=json",
					  "/loeschen" };
static const char *const post_routes[] = { "/profil",        "/identitaet",         "/einwilligungen", "/teilen",
					   "/teilen/1/aufheben",
					   "/einwilligungen/1/widerruf", "/gespraeche", "/ziele",
					   "/ziele/1/schritte", "/schritte/1/erledigt", "/vermittlungen",
					   "/vermittlungen/1/status", "/ergebnisse/1", "/abschliessen",
					   "/einschraenken", "/loeschen" };

static void refused(struct agent *ag, const char *who, long want)
{
	char p[160];
	for (size_t i = 0; i < sizeof(get_routes) / sizeof(get_routes[0]); i++) {
		struct reply r;
		path_of(p, sizeof(p), get_routes[i]);
		long st = agent_fetch(&srv, ag, p, &r);
		if (st != want && !(want == 403 && st == 303)) {
			fprintf(stderr, "GET %s as %s: %ld, want %ld\n", p, who, st, want);
			fail();
		}
		assert_not_contains(buf_str(&r.body), NAME);
		assert_not_contains(buf_str(&r.body), NOTE);
		reply_free(&r);
	}
	long sessions = count("SELECT count(*) FROM counsel_session s JOIN counsel_case c ON c.id = s.case_id WHERE "
			      "c.pseudonym = '%s'",
			      pseudonym);
	for (size_t i = 0; i < sizeof(post_routes) / sizeof(post_routes[0]); i++) {
		struct reply r;
		path_of(p, sizeof(p), post_routes[i]);
		long st = agent_submit(&srv, ag, p,
				       form("held_on", "2026-05-13", "minutes", "30", "form", "phone", "notes", "x", "confirm",
					    pseudonym, "status", "dropped", "purpose", "statistics", "given_by", "self", "phase",
					    "first", "title", "t", "what", "w", "who", "young", "result", "none", "name", "n",
					    "first_name", "f", "age_band", "16-17", NULL),
				       &r);
		if (st != want && !(want == 403 && (st == 303 || st == 403))) {
			fprintf(stderr, "POST %s as %s: %ld, want %ld\n", p, who, st, want);
			fail();
		}
		reply_free(&r);
	}
	/* nothing changed, the case is still there */
	assert_int_equal(count("SELECT count(*) FROM counsel_session s JOIN counsel_case c ON c.id = s.case_id WHERE "
			       "c.pseudonym = '%s'",
			       pseudonym),
			 sessions);
	assert_int_equal(count("SELECT count(*) FROM counsel_case WHERE pseudonym = '%s' AND restricted = 0 AND status "
			       "= 'open'",
			       pseudonym),
			 1);
}

static void test_idor(void **state)
{
	(void)state;
	refused(&other, "another counsellor", 404);
	refused(&c2, "a counsellor of the same team", 404);
	refused(&partner, "a partner", 403);
	refused(&editor, "an editor", 403);
	refused(&admin, "an admin", 403);
	refused(&anon, "anonymous", 403);
	/* the list and the dashboard of another counsellor do not name it */
	struct reply r;
	assert_int_equal(agent_fetch(&srv, &other, "/intern/beratung", &r), 200);
	assert_not_contains(r.body.data, pseudonym);
	reply_free(&r);
	/* the refusals are audited */
	assert_true(count("SELECT count(*) FROM audit_log WHERE object_id = '%s' AND outcome = 'denied'", pseudonym) >= 10);
	/* the team lead sees the team's case */
	char p[128];
	path_of(p, sizeof(p), "");
	assert_int_equal(agent_fetch(&srv, &lead, p, &r), 200);
	assert_contains(r.body.data, NOTE);
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &lead, "/intern/beratung", &r), 200);
	assert_contains(r.body.data, pseudonym);
	reply_free(&r);
	/* the dashboard says what waits: the demo's due follow-ups */
	assert_int_equal(agent_fetch(&srv, &c1, "/intern", &r), 200);
	assert_contains(r.body.data, "Fällige Wiedervorlagen in der Beratung");
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &editor, "/intern", &r), 200);
	assert_not_contains(r.body.data, "in der Beratung");
	reply_free(&r);
	/* a malformed pseudonym is a 404 too */
	assert_int_equal(agent_fetch(&srv, &c1, "/intern/beratung/K-0000", &r), 404);
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &c1, "/intern/beratung/%27%20OR%201=1", &r), 404);
	reply_free(&r);
}

/* ---- search: by name among one's own cases only, never in a URL ---- */

static void test_search(void **state)
{
	(void)state;
	struct reply r;
	assert_int_equal(agent_submit(&srv, &c1, "/intern/beratung/suche", form("q", "qwertz", NULL), &r), 200);
	assert_contains(r.body.data, pseudonym);
	assert_contains(r.body.data, "<bdi>1</bdi> Treffer");
	assert_not_contains(r.body.data, NAME);
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &c1, "/intern/beratung/suche", form("q", pseudonym + 2, NULL), &r), 200);
	assert_contains(r.body.data, pseudonym);
	reply_free(&r);
	/* another counsellor finds nothing, the same team's member neither */
	assert_int_equal(agent_submit(&srv, &other, "/intern/beratung/suche", form("q", FIRST, NULL), &r), 200);
	assert_not_contains(r.body.data, pseudonym);
	assert_contains(r.body.data, "<bdi>0</bdi> Treffer");
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &c2, "/intern/beratung/suche", form("q", FIRST, NULL), &r), 200);
	assert_not_contains(r.body.data, pseudonym);
	reply_free(&r);
	/* audited by the number of hits, not by the name */
	assert_true(count("SELECT count(*) FROM audit_log WHERE action = 'counsel_search'") >= 4);
	assert_int_equal(count("SELECT count(*) FROM audit_log WHERE detail LIKE '%%" FIRST "%%'"), 0);
}

/* ---- sharing within the team ---- */

static void test_share(void **state)
{
	(void)state;
	struct reply r;
	char p[128];
	long c2id = count("SELECT id FROM user WHERE email = 'beratung2@demo.lotse.invalid'");
	long otherid = count("SELECT id FROM user WHERE email = 'counsellor@demo.lotse.invalid'");
	char id[24];
	path_of(p, sizeof(p), "/teilen");
	/* not with someone outside the case's team */
	snprintf(id, sizeof(id), "%ld", otherid);
	assert_int_equal(agent_submit(&srv, &c1, p, form("user_id", id, NULL), &r), 422);
	reply_free(&r);
	/* with beratung2: it sees the case then, in its list too */
	snprintf(id, sizeof(id), "%ld", c2id);
	assert_int_equal(agent_submit(&srv, &c1, p, form("user_id", id, NULL), &r), 303);
	reply_free(&r);
	/* beratung2 may not share it further */
	assert_int_equal(agent_submit(&srv, &c2, p, form("user_id", id, NULL), &r), 403);
	reply_free(&r);
	path_of(p, sizeof(p), "");
	assert_int_equal(agent_fetch(&srv, &c2, p, &r), 200);
	assert_contains(r.body.data, NOTE);
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &c2, "/intern/beratung", &r), 200);
	assert_contains(r.body.data, pseudonym);
	reply_free(&r);
	/* no longer shared: 404 again */
	snprintf(p, sizeof(p), "/intern/beratung/%s/teilen/%ld/aufheben", pseudonym, c2id);
	assert_int_equal(agent_submit(&srv, &c1, p, "", &r), 303);
	reply_free(&r);
	path_of(p, sizeof(p), "");
	assert_int_equal(agent_fetch(&srv, &c2, p, &r), 404);
	reply_free(&r);
	assert_int_equal(count("SELECT count(*) FROM audit_log WHERE object_id = '%s' AND action IN ('counsel_share', "
			       "'counsel_unshare') AND outcome = 'ok'",
			       pseudonym),
			 2);
}

/* ---- the team lead's page: caseload, waiting cases, reassignment ---- */

static void test_team(void **state)
{
	(void)state;
	struct reply r;
	char p[128], id[24], want[160];
	long c1id = count("SELECT id FROM user WHERE email = 'beratung1@demo.lotse.invalid'");
	long c2id = count("SELECT id FROM user WHERE email = 'beratung2@demo.lotse.invalid'");
	long otherid = count("SELECT id FROM user WHERE email = 'counsellor@demo.lotse.invalid'");
	/* only the lead: a counsellor of the team or of none 403, others by role */
	assert_int_equal(agent_fetch(&srv, &c1, "/intern/beratung/team", &r), 403);
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &other, "/intern/beratung/team", &r), 403);
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &partner, "/intern/beratung/team", &r), 403);
	reply_free(&r);
	snprintf(id, sizeof(id), "%ld", c2id);
	assert_int_equal(agent_submit(&srv, &c1, "/intern/beratung/team/zuweisen",
				      form("pseudonym", pseudonym, "user_id", id, NULL), &r),
			 403);
	reply_free(&r);
	/* the caseload per counsellor, as the database counts it; no case content */
	assert_int_equal(agent_fetch(&srv, &lead, "/intern/beratung/team", &r), 200);
	snprintf(want, sizeof(want), "<td>Beratung 1 (Demo)</td><td>%ld</td>",
		 count("SELECT count(*) FROM counsel_case WHERE owner_id = %ld AND status = 'open'", c1id));
	assert_contains(r.body.data, want);
	snprintf(want, sizeof(want), "<td>Beratung 2 (Demo)</td><td>%ld</td>",
		 count("SELECT count(*) FROM counsel_case WHERE owner_id = %ld AND status = 'open'", c2id));
	assert_contains(r.body.data, want);
	assert_contains(r.body.data, pseudonym);
	assert_not_contains(r.body.data, NAME);
	assert_not_contains(r.body.data, NOTE);
	assert_tidy(&srv, r.body.data, "team page");
	reply_free(&r);
	/* wrong choices: the page again with the error, nothing changed */
	snprintf(id, sizeof(id), "%ld", otherid);
	assert_int_equal(agent_submit(&srv, &lead, "/intern/beratung/team/zuweisen",
				      form("pseudonym", pseudonym, "user_id", id, NULL), &r),
			 422);
	assert_contains(r.body.data, "Bitte eine Beratung aus dem Team");
	reply_free(&r);
	snprintf(id, sizeof(id), "%ld", c2id);
	assert_int_equal(agent_submit(&srv, &lead, "/intern/beratung/team/zuweisen",
				      form("pseudonym", "K-AAAA", "user_id", id, NULL), &r),
			 422);
	reply_free(&r);
	assert_int_equal(count("SELECT owner_id FROM counsel_case WHERE pseudonym = '%s'", pseudonym), c1id);
	/* to beratung2: it sees the case, beratung1 no longer */
	assert_int_equal(agent_submit(&srv, &lead, "/intern/beratung/team/zuweisen",
				      form("pseudonym", pseudonym, "user_id", id, NULL), &r),
			 303);
	reply_free(&r);
	path_of(p, sizeof(p), "");
	assert_int_equal(agent_fetch(&srv, &c2, p, &r), 200);
	assert_contains(r.body.data, NOTE);
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &c1, p, &r), 404);
	reply_free(&r);
	assert_int_equal(count("SELECT count(*) FROM audit_log WHERE action = 'counsel_reassign' AND object_id = '%s' "
			       "AND outcome = 'ok'",
			       pseudonym),
			 1);
	/* and back, for the tests after this one */
	snprintf(id, sizeof(id), "%ld", c1id);
	assert_int_equal(agent_submit(&srv, &lead, "/intern/beratung/team/zuweisen",
				      form("pseudonym", pseudonym, "user_id", id, NULL), &r),
			 303);
	reply_free(&r);
	assert_int_equal(count("SELECT owner_id FROM counsel_case WHERE pseudonym = '%s'", pseudonym), c1id);
}

/* ---- the residence status: only when switched on, sealed, in no list ---- */

/* Save c1's case's profile (as made by test_create) with residence. */
static long profile_with(const char *residence)
{
	char p[128];
	struct reply r;
	path_of(p, sizeof(p), "/profil");
	long st = agent_submit(&srv, &c1, p,
			       form("age_band", "16-17", "languages", "ar, fr", "german_level", "A2", "stage",
				    "berufsorientierung", "target_group", "neuzugewanderte", "district", "mainz-neustadt",
				    "needs", "bewerbungstraining", "interests", "Zauberlehrling-Wunsch", "residence",
				    residence, NULL),
			       &r);
	reply_free(&r);
	return st;
}

static void test_residence(void **state)
{
	(void)state;
	struct reply r;
	char p[128], sealed[200], again[200];
	path_of(p, sizeof(p), "");
	/* off (the default): no field, and a sent value is not stored */
	assert_int_equal(agent_fetch(&srv, &c1, p, &r), 200);
	assert_not_contains(r.body.data, "f-residence");
	reply_free(&r);
	assert_int_equal(profile_with("tolerated"), 303);
	assert_int_equal(count("SELECT count(*) FROM counsel_case WHERE pseudonym = '%s' AND residence_sealed IS NULL",
			       pseudonym),
			 1);
	/* switched on by the network */
	assert_int_equal(server_stop(&srv), 0);
	assert_int_equal(server_restart_env(&srv, "LOTSE_COUNSEL_RESIDENCE=1"), 0);
	assert_int_equal(agent_fetch(&srv, &c1, p, &r), 200);
	assert_contains(r.body.data, "f-residence");
	reply_free(&r);
	assert_int_equal(profile_with("nonsense"), 422);
	assert_int_equal(profile_with("settled"), 303);
	assert_int_equal(agent_fetch(&srv, &c1, p, &r), 200);
	assert_contains(r.body.data, "Niederlassungserlaubnis");
	assert_tidy(&srv, r.body.data, "case page with the residence status");
	reply_free(&r);
	/* sealed: not in the file; in no list, search, statistics; in the export */
	db_text("SELECT hex(residence_sealed) FROM counsel_case WHERE residence_sealed IS NOT NULL", sealed,
		sizeof(sealed));
	assert_true(strlen(sealed) > 40);
	assert_false(stored("settled", 7)); /* a code that is in no other text of the demo */
	const char *lists[] = { "/intern/beratung", "/intern/beratung/team", "/intern/statistik/beratung?format=json",
				"/intern" };
	struct agent *who[] = { &c1, &lead, &c1, &c1 };
	for (size_t i = 0; i < sizeof(lists) / sizeof(lists[0]); i++) {
		assert_int_equal(agent_fetch(&srv, who[i], lists[i], &r), 200);
		assert_not_contains(r.body.data, "Niederlassungserlaubnis");
		assert_not_contains(r.body.data, "settled");
		reply_free(&r);
	}
	assert_int_equal(agent_fetch(&srv, &partner, "/intern/vermittlungen", &r), 200);
	assert_not_contains(r.body.data, "Niederlassungserlaubnis");
	reply_free(&r);
	path_of(p, sizeof(p), "/auskunft?format=json");
	assert_int_equal(agent_fetch(&srv, &c1, p, &r), 200);
	assert_contains(r.body.data, "\"residence\": \"settled\"");
	reply_free(&r);
	/* switched off again: not shown, and a profile saved keeps it */
	assert_int_equal(server_stop(&srv), 0);
	assert_int_equal(server_restart_env(&srv, NULL), 0);
	path_of(p, sizeof(p), "");
	assert_int_equal(agent_fetch(&srv, &c1, p, &r), 200);
	assert_not_contains(r.body.data, "Niederlassungserlaubnis");
	reply_free(&r);
	assert_int_equal(profile_with("asylum"), 303);
	db_text("SELECT hex(residence_sealed) FROM counsel_case WHERE residence_sealed IS NOT NULL", again,
		sizeof(again));
	assert_string_equal(sealed, again);
}

/* ---- break-glass: another counsellor reads with a stated reason ---- */

static void test_break_glass(void **state)
{
	(void)state;
	struct reply r;
	char p[128];
	path_of(p, sizeof(p), "/notfall");
	/* the form tells nothing about whether the case exists */
	assert_int_equal(agent_fetch(&srv, &other, p, &r), 200);
	assert_not_contains(r.body.data, NOTE);
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &other, "/intern/beratung/K-AAAA/notfall", &r), 200);
	reply_free(&r);
	/* partners, editors, admins have no break-glass */
	assert_int_equal(agent_fetch(&srv, &partner, p, &r), 403);
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &admin, p, &r), 403);
	reply_free(&r);
	/* a reason too short: the form again, nothing read */
	assert_int_equal(agent_submit(&srv, &other, p, form("reason", "dringend", NULL), &r), 422);
	assert_not_contains(r.body.data, NOTE);
	reply_free(&r);
	assert_int_equal(count("SELECT count(*) FROM audit_log WHERE action = 'counsel_break_glass'"), 0);
	/* with a reason: the case, read-only, and a row in the audit log */
	assert_int_equal(agent_submit(&srv, &other, p,
				      form("reason", "Jugendamt ruft an, Beratung 1 ist im Urlaub, Gefahr", NULL), &r),
			 200);
	assert_contains(r.body.data, NOTE);
	assert_contains(r.body.data, "Notfallzugriff");
	assert_not_contains(r.body.data, "/gespraeche\"");
	assert_not_contains(r.body.data, "/loeschen");
	reply_free(&r);
	assert_int_equal(count("SELECT count(*) FROM audit_log WHERE action = 'counsel_break_glass' AND object_id = '%s' "
			       "AND outcome = 'ok'",
			       pseudonym),
			 1);
	/* its counsellor sees it on the case, with the reason */
	path_of(p, sizeof(p), "");
	assert_int_equal(agent_fetch(&srv, &c1, p, &r), 200);
	assert_contains(r.body.data, "Notfallzugriffe");
	assert_contains(r.body.data, "Beratung 1 ist im Urlaub");
	assert_contains(r.body.data, "counsellor@demo.lotse.invalid");
	reply_free(&r);
	/* the reason is sealed: not in the file */
	assert_false(stored("Beratung 1 ist im Urlaub", 24));
	/* an unknown case: 404 after the reason, and audited */
	assert_int_equal(agent_submit(&srv, &other, "/intern/beratung/K-AAAA/notfall",
				      form("reason", "Jugendamt ruft an, Beratung 1 ist im Urlaub, Gefahr", NULL), &r),
			 404);
	reply_free(&r);
}

/* ---- consent gates referrals and the provider's view ---- */

static char org[64], service[64];
static long referral;

static void test_consent_gating(void **state)
{
	(void)state;
	db_text("SELECT org_id FROM user WHERE email = 'partner@demo.lotse.invalid'", org, sizeof(org));
	assert_true(org[0]);
	char sql[300];
	snprintf(sql, sizeof(sql), "SELECT id FROM service WHERE organization_id = '%s' ORDER BY name LIMIT 1", org);
	db_text(sql, service, sizeof(service));
	assert_true(service[0]);
	char p[160];
	struct reply r;
	/* the matching page names reasons and left-out offers */
	path_of(p, sizeof(p), "/passende-angebote");
	assert_int_equal(agent_fetch(&srv, &c1, p, &r), 200);
	assert_contains(r.body.data, "Vorschläge");
	assert_contains(r.body.data, "Nicht vorgeschlagen");
	assert_contains(r.body.data, " km<");
	assert_tidy(&srv, r.body.data, "the matching page");
	reply_free(&r);
	/* no consent: no referral */
	path_of(p, sizeof(p), "/vermittlungen");
	assert_int_equal(agent_submit(&srv, &c1, p, form("service_id", service, "channel", "phone", "shared", "Hinweis-A", NULL),
				      &r),
			 409);
	reply_free(&r);
	assert_int_equal(count("SELECT count(*) FROM counsel_referral r JOIN counsel_case c ON c.id = r.case_id WHERE "
			       "c.pseudonym = '%s'",
			       pseudonym),
			 0);
	/* consent to referral to the partner's organisation, then it works */
	char cp[160];
	path_of(cp, sizeof(cp), "/einwilligungen");
	assert_int_equal(agent_submit(&srv, &c1, cp, form("purpose", "referral", "org_id", org, "given_by", "self", NULL), &r),
			 303);
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &c1, p, form("service_id", service, "channel", "phone", "shared", "Hinweis-A", NULL),
				      &r),
			 303);
	reply_free(&r);
	referral = count("SELECT r.id FROM counsel_referral r JOIN counsel_case c ON c.id = r.case_id WHERE c.pseudonym = "
			 "'%s'",
			 pseudonym);
	assert_true(referral > 0);
	/* proposed: the provider does not see it yet */
	assert_int_equal(agent_fetch(&srv, &partner, "/intern/vermittlungen", &r), 200);
	assert_not_contains(r.body.data, pseudonym);
	reply_free(&r);
	char mp[160];
	snprintf(mp, sizeof(mp), "/intern/beratung/%s/vermittlungen/%ld/status", pseudonym, referral);
	assert_int_equal(agent_submit(&srv, &c1, mp, form("status", "sent", NULL), &r), 303);
	reply_free(&r);
	/* sent, without contact consent: the pseudonym and the shared note, no name or contact */
	assert_int_equal(agent_fetch(&srv, &partner, "/intern/vermittlungen", &r), 200);
	assert_contains(r.body.data, pseudonym);
	assert_contains(r.body.data, "Hinweis-A");
	assert_not_contains(r.body.data, FIRST);
	assert_not_contains(r.body.data, "0151 999888777");
	assert_not_contains(r.body.data, NOTE);
	assert_tidy(&srv, r.body.data, "/intern/vermittlungen");
	reply_free(&r);
	/* with contact consent: first name and contact, never the surname */
	assert_int_equal(agent_submit(&srv, &c1, cp, form("purpose", "contact", "org_id", org, "given_by", "self", NULL), &r),
			 303);
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &partner, "/intern/vermittlungen", &r), 200);
	assert_contains(r.body.data, FIRST);
	assert_contains(r.body.data, "0151 999888777");
	assert_not_contains(r.body.data, NAME);
	reply_free(&r);
	/* withdrawing contact takes them away at once */
	long contact = count("SELECT k.id FROM counsel_consent k JOIN counsel_case c ON c.id = k.case_id WHERE "
			     "c.pseudonym = '%s' AND k.purpose = 'contact'",
			     pseudonym);
	char wp[160];
	snprintf(wp, sizeof(wp), "/intern/beratung/%s/einwilligungen/%ld/widerruf", pseudonym, contact);
	assert_int_equal(agent_submit(&srv, &c1, wp, "", &r), 303);
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &partner, "/intern/vermittlungen", &r), 200);
	assert_contains(r.body.data, pseudonym);
	assert_not_contains(r.body.data, FIRST);
	assert_not_contains(r.body.data, "0151 999888777");
	reply_free(&r);
	/* withdrawing referral consent blocks new referrals (and sending) */
	long ref = count("SELECT k.id FROM counsel_consent k JOIN counsel_case c ON c.id = k.case_id WHERE "
			 "c.pseudonym = '%s' AND k.purpose = 'referral'",
			 pseudonym);
	snprintf(wp, sizeof(wp), "/intern/beratung/%s/einwilligungen/%ld/widerruf", pseudonym, ref);
	assert_int_equal(agent_submit(&srv, &c1, wp, "", &r), 303);
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &c1, p, form("service_id", service, "channel", "phone", NULL), &r), 409);
	reply_free(&r);
	assert_int_equal(count("SELECT count(*) FROM counsel_referral r JOIN counsel_case c ON c.id = r.case_id WHERE "
			       "c.pseudonym = '%s'",
			       pseudonym),
			 1);
	/* a withdrawn consent cannot be withdrawn again, nor one of another case */
	assert_int_equal(agent_submit(&srv, &c1, wp, "", &r), 404);
	reply_free(&r);
}

/* ---- the provider answers its referrals, and only those ---- */

static void test_provider(void **state)
{
	(void)state;
	struct reply r;
	char p[120];
	snprintf(p, sizeof(p), "/intern/vermittlungen/%ld/status", referral);
	/* the counsellor cannot answer for the provider, nor skip a step */
	assert_int_equal(agent_submit(&srv, &partner, p, form("status", "completed", NULL), &r), 409);
	reply_free(&r);
	static const char *const flow[] = { "accepted", "started", "completed" };
	for (int i = 0; i < 3; i++) {
		assert_int_equal(agent_submit(&srv, &partner, p, form("status", flow[i], NULL), &r), 303);
		reply_free(&r);
	}
	assert_int_equal(count("SELECT count(*) FROM counsel_referral WHERE id = %ld AND status = 'completed'", referral), 1);
	/* completion makes the follow-ups at 3, 6 and 12 months */
	assert_int_equal(count("SELECT count(*) FROM counsel_outcome WHERE referral_id = %ld", referral), 3);
	/* a referral of another provider, and one still proposed: 404 */
	long foreign = count("SELECT id FROM counsel_referral WHERE org_id <> '%s' AND status = 'sent' LIMIT 1", org);
	assert_true(foreign > 0);
	snprintf(p, sizeof(p), "/intern/vermittlungen/%ld/status", foreign);
	assert_int_equal(agent_submit(&srv, &partner, p, form("status", "accepted", NULL), &r), 404);
	reply_free(&r);
	long proposed = count("SELECT id FROM counsel_referral WHERE org_id = '%s' AND status = 'proposed' LIMIT 1", org);
	if (proposed > 0) {
		snprintf(p, sizeof(p), "/intern/vermittlungen/%ld/status", proposed);
		assert_int_equal(agent_submit(&srv, &partner, p, form("status", "accepted", NULL), &r), 404);
		reply_free(&r);
	}
	/* the counsellor records an outcome */
	long outcome = count("SELECT id FROM counsel_outcome WHERE referral_id = %ld AND months = 3", referral);
	char op[120];
	snprintf(op, sizeof(op), "/intern/beratung/%s/ergebnisse/%ld", pseudonym, outcome);
	assert_int_equal(agent_submit(&srv, &c1, op, form("result", "apprenticeship", "occupation", "Kfz-Mechatroniker", NULL),
				      &r),
			 303);
	reply_free(&r);
	assert_int_equal(count("SELECT count(*) FROM counsel_outcome WHERE id = %ld AND result = 'apprenticeship'", outcome), 1);
}

/* Each table of the statistics' JSON: every count from 1 to 4 is null,
 * and no row (its cells and its total) nor column (its cells and its
 * total) has exactly one null. */
static void stats_complementary(const char *text)
{
	json_t *o = json_loads(text, 0, NULL);
	assert_non_null(o);
	const char *name;
	json_t *t;
	int tables = 0;
	json_object_foreach(json_object_get(o, "tables"), name, t)
	{
		tables++;
		json_t *cells = json_object_get(t, "cells");
		for (int side = 0; side < 2; side++) {
			json_t *lines = json_object_get(t, side ? "columns" : "rows");
			size_t i;
			json_t *line;
			json_array_foreach(lines, i, line)
			{
				const char *key = side ? "b" : "a";
				const char *v = json_string_value(json_object_get(line, key));
				int nulls = json_is_null(json_object_get(line, "n"));
				size_t k;
				json_t *c;
				json_array_foreach(cells, k, c)
				{
					json_int_t n = json_integer_value(json_object_get(c, "n"));
					if (!json_is_null(json_object_get(c, "n")))
						assert_true(n == 0 || n >= 5);
					if (strcmp(json_string_value(json_object_get(c, key)), v) == 0)
						nulls += json_is_null(json_object_get(c, "n"));
				}
				if (nulls == 1)
					fail_msg("table %s: %s %s has one hidden count alone", name, key, v);
			}
		}
	}
	assert_int_equal(tables, 5);
	json_decref(o);
}

/* ---- matching: free places are the capacity less the places taken ---- */

static void test_match_places(void **state)
{
	(void)state;
	struct reply r;
	char p[128], sv[64], name[300], want[400];
	/* the offer whose accepted and started referrals hold the most places */
	db_text("SELECT service_id FROM counsel_referral WHERE status IN ('accepted', 'started') GROUP BY service_id "
		"ORDER BY count(*) DESC, service_id LIMIT 1",
		sv, sizeof(sv));
	assert_true(sv[0]);
	long taken = count("SELECT count(*) FROM counsel_referral WHERE service_id = '%s' AND status IN ('accepted', "
			   "'started')",
			   sv);
	assert_true(taken > 0);
	char sql[200];
	snprintf(sql, sizeof(sql), "SELECT name FROM service WHERE id = '%s'", sv);
	db_text(sql, name, sizeof(name));
	long before = count("SELECT coalesce(capacity, -1) FROM service WHERE id = '%s'", sv);
	path_of(p, sizeof(p), "/passende-angebote");
	/* as many places as referrals hold them: left out, and why */
	count("UPDATE service SET capacity = %ld WHERE id = '%s'", taken, sv);
	assert_int_equal(agent_fetch(&srv, &c1, p, &r), 200);
	snprintf(want, sizeof(want), "<td>%s</td>", name);
	assert_contains(r.body.data, want);
	snprintf(want, sizeof(want), "keine freien Plätze: %ld von %ld vergeben", taken, taken);
	assert_contains(r.body.data, want);
	reply_free(&r);
	/* two more: not full any more */
	count("UPDATE service SET capacity = %ld WHERE id = '%s'", taken + 2, sv);
	assert_int_equal(agent_fetch(&srv, &c1, p, &r), 200);
	assert_not_contains(r.body.data, "keine freien Plätze: ");
	reply_free(&r);
	if (before < 0)
		count("UPDATE service SET capacity = NULL WHERE id = '%s'", sv);
	else
		count("UPDATE service SET capacity = %ld WHERE id = '%s'", before, sv);
}

/* ---- restriction, export, statistics ---- */

static void test_restrict_and_export(void **state)
{
	(void)state;
	struct reply r;
	char p[120];
	path_of(p, sizeof(p), "/einschraenken");
	assert_int_equal(agent_submit(&srv, &c1, p, "", &r), 303);
	reply_free(&r);
	path_of(p, sizeof(p), "/gespraeche");
	assert_int_equal(agent_submit(&srv, &c1, p, form("held_on", "2026-05-20", "minutes", "20", "form", "phone", NULL), &r),
			 409);
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &partner, "/intern/vermittlungen", &r), 200);
	assert_not_contains(r.body.data, pseudonym);
	reply_free(&r);
	path_of(p, sizeof(p), "/einschraenken");
	assert_int_equal(agent_submit(&srv, &c1, p, "", &r), 303);
	reply_free(&r);
	/* the export by the command: every part and the audit rows */
	buf out;
	buf_init(&out, 0);
	assert_int_equal(run_lotse(&out, "privacy", "export", "--db", srv.db, pseudonym, NULL), 0);
	const char *want[] = { NAME, FIRST, "0151 999888777", "2009-03-14", NOTE, "Zauberlehrling-Wunsch", "\"referral\"",
			       "\"contact\"", "withdrawn_on", "\"completed\"", "Hinweis-A", "apprenticeship",
			       "Kfz-Mechatroniker", "counsel_identity_read", "counsel_create", "counsel_restrict",
			       "counsel_provider_move", "\"audit\"" };
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		assert_contains(buf_str(&out), want[i]);
	buf_free(&out);
	/* the same on the page, as JSON, for the owner only */
	path_of(p, sizeof(p), "/auskunft?format=json");
	assert_int_equal(agent_fetch(&srv, &c1, p, &r), 200);
	assert_contains(r.body.data, NOTE);
	assert_contains(r.body.data, "counsel_export");
	reply_free(&r);
	/* statistics: aggregates of consenting cases, small cells suppressed */
	assert_int_equal(agent_fetch(&srv, &c1, "/intern/statistik/beratung?format=json", &r), 200);
	assert_contains(r.body.data, "\"min_cell\": 5");
	assert_not_contains(r.body.data, pseudonym);
	assert_not_contains(r.body.data, "\"n\": 1,");
	assert_not_contains(r.body.data, "\"n\": 4\n");
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &partner, "/intern/statistik/beratung", &r), 403);
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/statistik/beratung", &r), 403);
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &admin, "/intern/statistik/beratung?format=json", &r), 403);
	reply_free(&r);
	/* researchers read them too; no row or column has one hidden count alone */
	struct agent researcher;
	assert_int_equal(agent_init(&researcher), 0);
	assert_int_equal(agent_login_as(&srv, &researcher, DEMO_RESEARCHER), 303);
	assert_int_equal(agent_fetch(&srv, &researcher, "/intern/statistik/beratung?format=json", &r), 200);
	assert_not_contains(r.body.data, pseudonym);
	stats_complementary(r.body.data);
	reply_free(&r);
	/* 13 consenting cases of a stage of their own, 3 in an apprenticeship
	 * and 10 at school: the 3 is hidden, and so the 10 (else 13 - 10) */
	assert_int_equal(count("INSERT INTO counsel_case(pseudonym, owner_id, wrapped_key, stage, opened_on) WITH "
			       "RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 13) SELECT 'S-' || "
			       "i, 999999, x'00', 'zz-stat', '2026-01-01' FROM n"),
			 0);
	assert_int_equal(count("INSERT INTO counsel_consent(case_id, purpose, given_by, given_on, text_version, "
			       "recorded_by) SELECT id, 'statistics', 'self', '2026-01-01', 'test', 999999 FROM "
			       "counsel_case WHERE stage = 'zz-stat'"),
			 0);
	assert_int_equal(count("INSERT INTO counsel_outcome(case_id, months, due_on, result, recorded_on) SELECT id, "
			       "6, '2026-07-01', CASE WHEN pseudonym IN ('S-1', 'S-2', 'S-3') THEN 'apprenticeship' "
			       "ELSE 'school' END, '2026-07-01' FROM counsel_case WHERE stage = 'zz-stat'"),
			 0);
	assert_int_equal(agent_fetch(&srv, &researcher, "/intern/statistik/beratung?format=json", &r), 200);
	stats_complementary(r.body.data);
	assert_contains(r.body.data, "\"a\": \"zz-stat\",\n          \"b\": \"school\",\n          \"n\": null");
	assert_contains(r.body.data, "\"a\": \"zz-stat\",\n          \"n\": 13");
	reply_free(&r);
	count("DELETE FROM counsel_outcome WHERE case_id IN (SELECT id FROM counsel_case WHERE stage = 'zz-stat')");
	count("DELETE FROM counsel_consent WHERE case_id IN (SELECT id FROM counsel_case WHERE stage = 'zz-stat')");
	count("DELETE FROM counsel_case WHERE stage = 'zz-stat'");
	assert_int_equal(agent_fetch(&srv, &researcher, "/intern/statistik/beratung", &r), 200);
	assert_contains(r.body.data, "Summe");
	assert_tidy(&srv, r.body.data, "statistics");
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &researcher, "/intern", &r), 200);
	assert_contains(r.body.data, "href=\"/intern/statistik/beratung\"");
	reply_free(&r);
	agent_free(&researcher);
}

/* ---- erasure: gone, also from the file ---- */

static void test_erase(void **state)
{
	(void)state;
	/* the sealed identity's bytes as stored */
	char sql[200], hex[2048];
	snprintf(sql, sizeof(sql),
		 "SELECT hex(substr(i.sealed, 1, 48)) FROM counsel_identity i JOIN counsel_case c ON c.id = i.case_id "
		 "WHERE c.pseudonym = '%s'",
		 pseudonym);
	db_text(sql, hex, sizeof(hex));
	assert_int_equal(strlen(hex), 96);
	unsigned char sealed[48];
	for (int i = 0; i < 48; i++) {
		unsigned v;
		sscanf(hex + 2 * i, "%2x", &v);
		sealed[i] = (unsigned char)v;
	}
	char key_hex[200];
	snprintf(sql, sizeof(sql), "SELECT hex(wrapped_key) FROM counsel_case WHERE pseudonym = '%s'", pseudonym);
	db_text(sql, key_hex, sizeof(key_hex));
	unsigned char wrapped[40];
	for (int i = 0; i < 40; i++) {
		unsigned v;
		sscanf(key_hex + 2 * i, "%2x", &v);
		wrapped[i] = (unsigned char)v;
	}
	struct reply r;
	char p[120];
	/* a wrong confirmation erases nothing */
	path_of(p, sizeof(p), "/loeschen");
	assert_int_equal(agent_submit(&srv, &c1, p, form("confirm", "K-XXXX", NULL), &r), 422);
	reply_free(&r);
	assert_int_equal(count("SELECT count(*) FROM counsel_case WHERE pseudonym = '%s'", pseudonym), 1);
	assert_int_equal(agent_submit(&srv, &c1, p, form("confirm", pseudonym, NULL), &r), 303);
	reply_free(&r);
	path_of(p, sizeof(p), "");
	assert_int_equal(agent_fetch(&srv, &c1, p, &r), 404);
	reply_free(&r);
	assert_int_equal(count("SELECT count(*) FROM counsel_case WHERE pseudonym = '%s'", pseudonym), 0);
	assert_int_equal(count("SELECT count(*) FROM counsel_referral WHERE id = %ld", referral), 0);
	assert_int_equal(count("SELECT count(*) FROM counsel_outcome WHERE referral_id = %ld", referral), 0);
	assert_int_equal(count("SELECT count(*) FROM audit_log WHERE object_id = '%s' AND action = 'counsel_erase'", pseudonym),
			 1);
	/* stop the server (its connections checkpoint on closing), then look
	 * through the file: neither the sealed identity nor the key */
	assert_int_equal(server_stop(&srv), 0);
	assert_false(stored(sealed, sizeof(sealed)));
	assert_false(stored(wrapped, sizeof(wrapped)));
	assert_false(stored(NAME, strlen(NAME)));
	assert_false(stored(NOTE, strlen(NOTE)));
	assert_int_equal(server_restart(&srv), 0);
	/* the command refuses an unknown case */
	buf out;
	buf_init(&out, 0);
	assert_int_equal(run_lotse(&out, "privacy", "export", "--db", srv.db, pseudonym, NULL), 1);
	assert_contains(buf_str(&out), "no case");
	buf_free(&out);
}

/* ---- retention: exactly the cases past their period ---- */

static void test_retention(void **state)
{
	(void)state;
	char old[16], recent[16], open_case[16];
	db_text("SELECT pseudonym FROM counsel_case WHERE status = 'open' ORDER BY id LIMIT 1", old, sizeof(old));
	db_text("SELECT pseudonym FROM counsel_case WHERE status = 'open' ORDER BY id LIMIT 1 OFFSET 1", recent,
		sizeof(recent));
	db_text("SELECT pseudonym FROM counsel_case WHERE status = 'open' ORDER BY id LIMIT 1 OFFSET 2", open_case,
		sizeof(open_case));
	count("UPDATE counsel_case SET status = 'closed', closed_on = date('now', '-25 months') WHERE pseudonym = '%s'", old);
	count("UPDATE counsel_case SET status = 'closed', closed_on = date('now', '-23 months') WHERE pseudonym = '%s'",
	      recent);
	long closed_before = count("SELECT count(*) FROM counsel_case WHERE status = 'closed' AND closed_on < date('now', "
				   "'-24 months', '-1 day')");
	long all = count("SELECT count(*) FROM counsel_case");
	buf out;
	buf_init(&out, 0);
	assert_int_equal(run_lotse(&out, "maintenance", "--db", srv.db, NULL), 0);
	assert_contains(buf_str(&out), "counselling case");
	buf_free(&out);
	assert_int_equal(count("SELECT count(*) FROM counsel_case WHERE pseudonym = '%s'", old), 0);
	assert_int_equal(count("SELECT count(*) FROM counsel_case WHERE pseudonym = '%s'", recent), 1);
	assert_int_equal(count("SELECT count(*) FROM counsel_case WHERE pseudonym = '%s'", open_case), 1);
	assert_int_equal(count("SELECT count(*) FROM counsel_case"), all - closed_before);
	assert_int_equal(count("SELECT count(*) FROM audit_log WHERE action = 'counsel_retention_erase' AND object_id = '%s'",
			       old),
			 1);
	/* a shorter period from the environment takes the other one too */
	buf_init(&out, 0);
	setenv("LOTSE_COUNSEL_KEEP_MONTHS", "12", 1);
	assert_int_equal(run_lotse(&out, "maintenance", "--db", srv.db, NULL), 0);
	unsetenv("LOTSE_COUNSEL_KEEP_MONTHS");
	buf_free(&out);
	assert_int_equal(count("SELECT count(*) FROM counsel_case WHERE pseudonym = '%s'", recent), 0);
	assert_int_equal(count("SELECT count(*) FROM counsel_case WHERE pseudonym = '%s'", open_case), 1);
}

static void test_record(void **state)
{
	(void)state;
	buf out;
	buf_init(&out, 0);
	assert_int_equal(run_lotse(&out, "privacy", "record", NULL), 0);
	assert_contains(buf_str(&out), "Art. 30");
	assert_contains(buf_str(&out), "Löschfristen");
	assert_contains(buf_str(&out), "24 Monate");
	assert_contains(buf_str(&out), "Aufenthaltsstatus");
	assert_contains(buf_str(&out), "nicht erhoben");
	buf_free(&out);
	buf_init(&out, 0);
	assert_int_equal(run_lotse(&out, "privacy", "erase", NULL), 2);
	buf_free(&out);
}

/* ---- the admins' page of the teams ---- */

static void test_teams(void **state)
{
	(void)state;
	struct reply r;
	char id[24], team[24];
	long otherid = count("SELECT id FROM user WHERE email = 'counsellor@demo.lotse.invalid'");
	snprintf(id, sizeof(id), "%ld", otherid);
	assert_int_equal(agent_fetch(&srv, &c1, "/intern/beratung/teams", &r), 403);
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &lead, "/intern/beratung/teams", &r), 403);
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &admin, "/intern/beratung/teams", &r), 200);
	assert_contains(r.body.data, "Beratung Mainz");
	assert_contains(r.body.data, "counsellor@demo.lotse.invalid");
	assert_not_contains(r.body.data, pseudonym);
	assert_tidy(&srv, r.body.data, "/intern/beratung/teams");
	reply_free(&r);
	/* a new team; the same name again is refused */
	assert_int_equal(agent_submit(&srv, &admin, "/intern/beratung/teams", form("name", "Beratung Bingen", NULL), &r), 303);
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &admin, "/intern/beratung/teams", form("name", "Beratung Bingen", NULL), &r), 422);
	assert_contains(r.body.data, "gibt es schon");
	reply_free(&r);
	snprintf(team, sizeof(team), "%ld", count("SELECT id FROM counsel_team WHERE name = 'Beratung Bingen'"));
	/* leading without a team, or an account that is no counsellor: refused */
	assert_int_equal(agent_submit(&srv, &admin, "/intern/beratung/teams/mitglied",
				      form("user_id", id, "team_id", "0", "lead", "1", NULL), &r),
			 422);
	reply_free(&r);
	char admin_id[24];
	snprintf(admin_id, sizeof(admin_id), "%ld", count("SELECT id FROM user WHERE email = 'admin@demo.lotse.invalid'"));
	assert_int_equal(agent_submit(&srv, &admin, "/intern/beratung/teams/mitglied",
				      form("user_id", admin_id, "team_id", team, NULL), &r),
			 422);
	reply_free(&r);
	/* the demo counsellor leads the new team: its team page opens */
	assert_int_equal(agent_fetch(&srv, &other, "/intern/beratung/team", &r), 403);
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &admin, "/intern/beratung/teams/mitglied",
				      form("user_id", id, "team_id", team, "lead", "1", NULL), &r),
			 303);
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &other, "/intern/beratung/team", &r), 200);
	assert_contains(r.body.data, "Fallzahl je Beratung");
	reply_free(&r);
	/* and out of it again */
	assert_int_equal(agent_submit(&srv, &admin, "/intern/beratung/teams/mitglied",
				      form("user_id", id, "team_id", "0", NULL), &r),
			 303);
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &other, "/intern/beratung/team", &r), 403);
	reply_free(&r);
	assert_int_equal(count("SELECT count(*) FROM audit_log WHERE action IN ('counsel_team_add', 'counsel_team_member') "
			       "AND outcome = 'ok'"),
			 3);
}

int main(int argc, char **argv)
{
	harness_bin = argc > 1 ? argv[1] : "lotse";
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_create),          cmocka_unit_test(test_forms_again),
		cmocka_unit_test(test_idor),
		cmocka_unit_test(test_search),          cmocka_unit_test(test_share),
		cmocka_unit_test(test_team),            cmocka_unit_test(test_residence),
		cmocka_unit_test(test_break_glass),
		cmocka_unit_test(test_consent_gating),  cmocka_unit_test(test_provider),
		cmocka_unit_test(test_match_places),
		cmocka_unit_test(test_restrict_and_export), cmocka_unit_test(test_erase),
		cmocka_unit_test(test_retention),       cmocka_unit_test(test_record),
		cmocka_unit_test(test_teams),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
