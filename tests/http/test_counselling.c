/* test_counselling.c — a counselling case against the real server and
 * binary: a case made through the forms keeps its name and notes out of
 * the database file and its WAL (counselling_fixture.c); wrong values on
 * the case page's forms; every case route refuses another counsellor
 * (404), a partner, an editor, an admin (403) and anonymous visitors;
 * search among one's own cases; sharing within the team; the team lead's
 * page; the sealed residence status; break-glass access. Referrals,
 * privacy and teams: test_counselling_privacy.c. */
#include "counselling_fixture.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	text_of("SELECT c.pseudonym FROM counsel_outcome o JOIN counsel_case c ON c.id = o.case_id JOIN user u ON u.id = "
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
		text_of(sql, id, sizeof(id));
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
	text_of("SELECT hex(residence_sealed) FROM counsel_case WHERE residence_sealed IS NOT NULL", sealed,
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
	text_of("SELECT hex(residence_sealed) FROM counsel_case WHERE residence_sealed IS NOT NULL", again,
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

int main(int argc, char **argv)
{
	harness_bin = argc > 1 ? argv[1] : "lotse";
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_create),          cmocka_unit_test(test_forms_again),
		cmocka_unit_test(test_idor),
		cmocka_unit_test(test_search),          cmocka_unit_test(test_share),
		cmocka_unit_test(test_team),            cmocka_unit_test(test_residence),
		cmocka_unit_test(test_break_glass),
	};
	return cmocka_run_group_tests(tests, counsel_group_setup, counsel_group_teardown);
}
