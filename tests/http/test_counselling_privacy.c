/* test_counselling_privacy.c — a counselling case's referrals and its
 * privacy against the real server and binary: no referral without
 * consent, withdrawal stops the provider's view of the contact data; the
 * provider answers its referrals and nothing else; matching by place;
 * restriction freezes a case; the export holds every part and the audit
 * rows; statistics suppress small cells; erasure leaves no byte of the
 * case in the file; retention erases exactly the cases past their
 * period; the record of processing; the teams' page. The case is made by
 * test_create (counselling_fixture.c). */
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

/* ---- consent gates referrals and the provider's view ---- */

static char org[64], service[64];
static long referral;

static void test_consent_gating(void **state)
{
	(void)state;
	text_of("SELECT org_id FROM user WHERE email = 'partner@demo.lotse.invalid'", org, sizeof(org));
	assert_true(org[0]);
	char sql[300];
	snprintf(sql, sizeof(sql), "SELECT id FROM service WHERE organization_id = '%s' ORDER BY name LIMIT 1", org);
	text_of(sql, service, sizeof(service));
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
	text_of("SELECT service_id FROM counsel_referral WHERE status IN ('accepted', 'started') GROUP BY service_id "
		"ORDER BY count(*) DESC, service_id LIMIT 1",
		sv, sizeof(sv));
	assert_true(sv[0]);
	long taken = count("SELECT count(*) FROM counsel_referral WHERE service_id = '%s' AND status IN ('accepted', "
			   "'started')",
			   sv);
	assert_true(taken > 0);
	char sql[200];
	snprintf(sql, sizeof(sql), "SELECT name FROM service WHERE id = '%s'", sv);
	text_of(sql, name, sizeof(name));
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
	text_of(sql, hex, sizeof(hex));
	assert_int_equal(strlen(hex), 96);
	unsigned char sealed[48];
	for (int i = 0; i < 48; i++) {
		unsigned v;
		sscanf(hex + 2 * i, "%2x", &v);
		sealed[i] = (unsigned char)v;
	}
	char key_hex[200];
	snprintf(sql, sizeof(sql), "SELECT hex(wrapped_key) FROM counsel_case WHERE pseudonym = '%s'", pseudonym);
	text_of(sql, key_hex, sizeof(key_hex));
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
	text_of("SELECT pseudonym FROM counsel_case WHERE status = 'open' ORDER BY id LIMIT 1", old, sizeof(old));
	text_of("SELECT pseudonym FROM counsel_case WHERE status = 'open' ORDER BY id LIMIT 1 OFFSET 1", recent,
		sizeof(recent));
	text_of("SELECT pseudonym FROM counsel_case WHERE status = 'open' ORDER BY id LIMIT 1 OFFSET 2", open_case,
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
		cmocka_unit_test(test_create),
		cmocka_unit_test(test_consent_gating),  cmocka_unit_test(test_provider),
		cmocka_unit_test(test_match_places),
		cmocka_unit_test(test_restrict_and_export), cmocka_unit_test(test_erase),
		cmocka_unit_test(test_retention),       cmocka_unit_test(test_record),
		cmocka_unit_test(test_teams),
	};
	return cmocka_run_group_tests(tests, counsel_group_setup, counsel_group_teardown);
}
