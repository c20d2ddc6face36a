/* demo.c — the demo of counselling for `lotse init --demo`: the team
 * "Beratung Mainz" (beratung1, beratung2 and the lead teamleitung) and
 * some dozens of fictional cases with consent, sessions, a support plan,
 * referrals to the demo offers (some to the demo partner's) in every
 * state, and outcomes. All names are made up; dates are relative to the
 * day the demo is made. */
#include "counselling/counselling_internal.h"
#include "auth/auth.h"
#include "core/core.h"
#include "directory/directory.h"

#include <stdio.h>
#include <string.h>

#define DEMO_CASES 36

static const char *const first_names[] = { "Amira", "Yusuf", "Daria", "Mehmet", "Leyla", "Omid", "Sofia", "Tarek",
					   "Nour", "Bogdan", "Zahra", "Kerem", "Hana", "Dawit", "Mariam", "Ilya" };
static const char *const last_names[] = { "Haddad", "Yılmaz", "Kovalenko", "Ahmadi", "Mansour", "Petrova",
					  "Demir", "Rahimi", "Tesfaye", "Nasser", "Popescu", "Karimi" };
static const char *const langs[] = { "ar", "fa,en", "uk,ru", "tr", "ar,fr", "ti", "ru", "ps,fa" };
static const char *const levels[] = { "A1", "A2", "A2", "B1", "B1", "B2" };
static const char *const stages[] = { "schule", "berufsorientierung", "ausbildungsvorbereitung", "ausbildung",
				      "anerkennung" };
static const char *const groups[] = { "neuzugewanderte", "gefluechtete", "ohne-ausbildungsplatz", "junge-erwachsene",
				      "schuelerinnen" };
static const char *const districts[] = { "mainz-neustadt", "mainz-altstadt", "mainz-mombach", "mainz-gonsenheim",
					 "mainz-hechtsheim", "mainz-lerchenberg", "ingelheim", "ludwigshafen-mitte" };
static const char *const needs[] = { "sprachfoerderung,berufsorientierung", "bewerbungstraining", "mentoring",
				     "berufsorientierung", "lernfoerderung,mentoring", "beratung" };
static const char *const interests[] = { "Kfz-Mechatronik, Arbeit mit den Händen", "Pflege, Menschen helfen",
					 "Einzelhandel, Kontakt mit Kundschaft", "IT, Computer, Programmieren",
					 "Friseurhandwerk", "Elektronik", "Kita, Erziehung" };
static const char *const notes[] = {
	"Erstes Kennenlernen, Schulzeugnis mitgebracht. Möchte möglichst bald eine Ausbildung beginnen.",
	"Bewerbungsunterlagen zusammen durchgesehen; Lebenslauf ist fertig.",
	"Praktikum im Betrieb war gut, Rückmeldung des Betriebs positiv.",
	"Sprachkurs B1 läuft, Prüfung im nächsten Monat. Etwas nervös wegen der Prüfung.",
	"Termin bei der Anerkennungsstelle vereinbart; Unterlagen werden übersetzt.",
};

struct offer {
	const char *id, *org, *name;
};

/* Up to max current offers of the directory into v, the partner's first. */
static size_t offers(struct store *s, arena *a, const char *partner, struct offer *v, size_t max)
{
	struct dir_org_brief *orgs;
	size_t n, k = 0;
	if (dir_org_briefs(s, a, NULL, &orgs, &n) != ST_OK)
		return 0;
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < n && k < max; i++) {
			if ((strcmp(orgs[i].id, partner) == 0) != (pass == 0))
				continue;
			struct dir_service *sv;
			size_t ns;
			if (dir_org_services(s, a, orgs[i].id, DIR_PUBLIC, &sv, &ns) != ST_OK)
				return k;
			for (size_t j = 0; j < ns && k < max; j++)
				v[k++] = (struct offer){ sv[j].id, orgs[i].id, sv[j].name };
		}
	return k;
}

static int account(struct store *s, FILE *out, const char *login, const char *name, int64_t team, int lead,
		   int64_t *id)
{
	char email[64], pw[20];
	snprintf(email, sizeof(email), "%s@demo.lotse.invalid", login);
	auth_random_password(pw, sizeof(pw), 16);
	if (auth_user_add(s, email, name, pw, ROLE_COUNSELLOR, NULL, id) != ST_OK ||
	    counsel_staff_put(s, *id, team, lead) != ST_OK)
		return ST_ERR;
	fprintf(out, "  %-34s %s\n", email, pw);
	return ST_OK;
}

/* One demo case number i of owner (who), referring to offers. */
static int one_case(struct store *s, arena *a, const struct counsel_who *who, int i, const struct offer *of, size_t nof,
		    const char *today, int64_t other)
{
	char day[11], pseudonym[COUNSEL_PSEUDONYM_LEN + 1];
	int age = 20 + (i * 37) % 300; /* days since the case was opened */
	counsel_day_add(today, -age, day);
	struct counsel_case in = {
		.age_band = counsel_age_bands[i % 5],
		.languages = langs[i % 8],
		.german_level = levels[i % 6],
		.school_cert = i % 3 ? "Mittlerer Schulabschluss (vergleichbar)" : "Hauptschulabschluss",
		.school_country = i % 4 == 0 ? "Syrien" : i % 4 == 1 ? "Afghanistan" : i % 4 == 2 ? "Ukraine" : "Türkei",
		.recognition = i % 5 == 0 ? "Antrag gestellt" : "",
		.stage = stages[i % 5],
		.target_group = groups[i % 5],
		.district = districts[i % 8],
		.needs = needs[i % 6],
		.residence = "",
		.interests = interests[i % 7],
	};
	char guardian[80] = "";
	if (i % 5 == 0)
		snprintf(guardian, sizeof(guardian), "%s %s (Mutter)", first_names[(i + 5) % 16], last_names[i % 12]);
	char contact[80];
	snprintf(contact, sizeof(contact), "0151 0000%04d", 1000 + i);
	char birth[11];
	int lo, hi;
	counsel_age_range(in.age_band, &lo, &hi);
	counsel_day_add(today, -(lo * 365 + 100 + i), birth);
	struct counsel_identity id = { last_names[i % 12], first_names[i % 16], contact, birth, guardian };
	if (counsel_case_create(s, a, who, &in, &id, day, pseudonym) != ST_OK)
		return ST_ERR;
	struct counsel_case c;
	if (counsel_case_by_pseudonym(s, a, pseudonym, &c) != ST_OK)
		return ST_ERR;
	int rc = counsel_consent_give(s, &c, "counselling", "", i % 5 == 0 ? "guardian" : "self", day, who->user_id);
	if (rc == ST_OK && i % 6 != 5)
		rc = counsel_consent_give(s, &c, "statistics", "", i % 5 == 0 ? "guardian" : "self", day, who->user_id);
	/* sessions: the first on the opening day, then every few weeks; some cases go quiet */
	int nsessions = 1 + i % 4;
	for (int k = 0; rc == ST_OK && k < nsessions; k++) {
		int back = age - k * (age / (nsessions + 1));
		if (i % 7 == 3)
			back = age; /* one session long ago only */
		char held[11], follow[11];
		counsel_day_add(today, -back, held);
		counsel_day_add(held, 21 + (i % 3) * 7, follow);
		struct counsel_session v = { .held_on = held, .minutes = 30 + (i + k) % 4 * 15,
					     .form = counsel_forms[(i + k) % 4], .topics = "Ausbildung, Bewerbung",
					     .notes = notes[(i + k) % 5], .next_steps = "Unterlagen zum nächsten Termin mitbringen.",
					     .follow_up = k == nsessions - 1 ? follow : NULL };
		rc = counsel_session_put(s, a, &c, &v, who->user_id);
		if (i % 7 == 3)
			break;
	}
	if (rc == ST_OK)
		rc = counsel_goal_put(s, a, &c, counsel_phases[2 + i % 3], "Einen Ausbildungsplatz im Wunschberuf finden");
	if (rc == ST_OK) {
		char due[11];
		counsel_day_add(today, 14 + i % 20, due);
		struct counsel_step t1 = { .what = "Lebenslauf schreiben", .who = "young", .due = due };
		struct counsel_step t2 = { .what = "Praktikumsplatz anfragen", .who = "counsellor", .due = NULL };
		sqlite3_int64 goal = sqlite3_last_insert_rowid(store_db(s));
		rc = counsel_step_put(s, a, &c, goal, &t1);
		if (rc == ST_OK)
			rc = counsel_step_put(s, a, &c, goal, &t2);
		if (rc == ST_OK && i % 2)
			rc = counsel_step_set_done(s, &c, sqlite3_last_insert_rowid(store_db(s)) - 1, 1);
	}
	/* referrals: most cases have one, in a state by i */
	if (rc == ST_OK && nof && i % 4 != 3) {
		const struct offer *o = &of[i % nof];
		char ref_day[11];
		counsel_day_add(today, -(age / 2), ref_day);
		rc = counsel_consent_give(s, &c, "referral", o->org, "self", ref_day, who->user_id);
		if (rc == ST_OK && i % 3 != 2)
			rc = counsel_consent_give(s, &c, "contact", o->org, "self", ref_day, who->user_id);
		int64_t ref = 0;
		if (rc == ST_OK)
			rc = counsel_referral_put(s, a, &c, o->id, o->org, o->name, i % 2 ? "phone" : "counsellor",
						  "Sucht einen Platz ab dem nächsten Ausbildungsjahr.", ref_day, who->user_id,
						  &ref);
		static const char *const flow[] = { "sent", "accepted", "started", "completed" };
		int steps = i % 5; /* 0: proposed ... 4: completed */
		for (int k = 0; rc == ST_OK && k < steps; k++) {
			char d[11];
			counsel_day_add(ref_day, 7 * (k + 1), d);
			rc = counsel_referral_set(s, k == 0 ? c.id : 0, k == 0 ? NULL : o->org, ref, flow[k], "", d,
						  who->user_id);
		}
	}
	/* a third of the older cases are closed, with outcomes recorded */
	if (rc == ST_OK && i % 3 == 0 && age > 150) {
		char closed[11];
		counsel_day_add(today, -(age - 120), closed);
		rc = counsel_case_close(s, &c, closed);
		struct counsel_file f;
		if (rc == ST_OK)
			rc = counsel_file_load(s, a, &c, &f);
		for (size_t k = 0; rc == ST_OK && k < f.noutcomes; k++)
			if (strcmp(f.outcomes[k].due_on, today) <= 0)
				rc = counsel_outcome_put(s, &c, f.outcomes[k].id, counsel_results[(i + (int)k) % 7],
							 (i + (int)k) % 7 == 0 ? "Kaufmann/-frau im Einzelhandel" : "",
							 f.outcomes[k].due_on);
	}
	if (rc == ST_OK && i % 9 == 4 && other)
		rc = counsel_share_put(s, c.id, other);
	counsel_key_forget(&c.key);
	return rc;
}

int counsel_demo_load(struct store *s, FILE *out, const char *partner_org, char *err, size_t errlen)
{
	if (counsel_key_open(s, 1, err, errlen) != ST_OK)
		return ST_ERR;
	arena *a = arena_new();
	struct offer of[24];
	size_t nof = offers(s, a, partner_org ? partner_org : "", of, 24);
	char today[11];
	counsel_today(core_now(), today);
	struct store_tx tx;
	int64_t team = 0, u[3] = { 0 };
	int rc = store_tx_begin(s, &tx);
	if (rc == ST_OK)
		rc = counsel_team_put(s, "Beratung Mainz", &team);
	fprintf(out, "\ndemo counselling team \"Beratung Mainz\" (the passwords are shown only now):\n");
	if (rc == ST_OK)
		rc = account(s, out, "beratung1", "Beratung 1 (Demo)", team, 0, &u[0]);
	if (rc == ST_OK)
		rc = account(s, out, "beratung2", "Beratung 2 (Demo)", team, 0, &u[1]);
	if (rc == ST_OK)
		rc = account(s, out, "teamleitung", "Teamleitung (Demo)", team, 1, &u[2]);
	for (int i = 0; rc == ST_OK && i < DEMO_CASES; i++) {
		struct counsel_who who = { u[i % 2], team, 0 };
		rc = one_case(s, a, &who, i, of, nof, today, u[(i + 1) % 2]);
	}
	rc = store_tx_end(s, &tx, rc);
	arena_free(a);
	if (rc != ST_OK)
		snprintf(err, errlen, "the demo counselling cases could not be stored");
	return rc;
}
