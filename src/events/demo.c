/* demo.c — the demo events of `lotse init --demo`: the seminar series
 * "Europäische Migration" with the Zentrum für wissenschaftliche
 * Weiterbildung (ZWW) of the Johannes Gutenberg-Universität Mainz, past
 * and upcoming, expert talks and a network meeting, with registrations.
 * Dates are relative to the day the demo is made. */
#include "events/events.h"
#include "core/core.h"
#include "directory/directory.h"

#include <stdio.h>
#include <string.h>

struct demo_event {
	int day;                  /* days from today */
	const char *from, *to;    /* local times of day */
	const char *type, *title, *series, *place, *online, *access, *langs, *groups, *desc;
	int capacity, regs, cancelled;
	const char *org;          /* a demo provider whose name holds this, as organiser */
};

#define ZWW "Johannes Gutenberg-Universität Mainz, Zentrum für wissenschaftliche Weiterbildung (ZWW)"
#define ZWW_PLACE "ZWW, Forum universitatis 1, 55122 Mainz, Raum 01-125"
#define ZWW_ACCESS "Stufenloser Zugang über den Aufzug, barrierefreie Toilette im Erdgeschoss."

static const struct demo_event demo[] = {
	{ -200, "17:00", "19:30", "seminar", "Europäische Migration I: Wanderungsbewegungen seit 1945",
	  "Europäische Migration, Sommersemester", ZWW_PLACE, NULL, ZWW_ACCESS, "Deutsch",
	  "Fachkräfte der Jugendberufshilfe, Lehrkräfte, Interessierte",
	  "Auftakt der Seminarreihe mit dem " ZWW ".\n\nWie haben Arbeitsmigration, Flucht und Freizügigkeit "
	  "Europa seit 1945 geprägt?",
	  30, 5, 0, "Stadt Mainz" },
	{ -60, "17:00", "19:30", "seminar", "Europäische Migration II: Anerkennung ausländischer Abschlüsse",
	  "Europäische Migration, Sommersemester", ZWW_PLACE, NULL, ZWW_ACCESS, "Deutsch",
	  "Fachkräfte der Jugendberufshilfe, Lehrkräfte", "Das Anerkennungsgesetz in der Praxis: Wege, Stellen, Kosten.",
	  30, 4, 0, "Stadt Mainz" },
	{ -30, "10:00", "12:00", "talk", "Fachgespräch: Übergänge von der Realschule plus in die Ausbildung", "",
	  "Rathaus Mainz, Jockel-Fuchs-Platz 1, 55116 Mainz", NULL, "Ebenerdiger Eingang am Rheinufer.", "Deutsch",
	  "Ausbildungslotsen, Schulsozialarbeit", "Expertinnen und Experten aus Schule, Kammern und Jugendhilfe.", -1,
	  2, 0, "Handwerkskammer" },
	{ 14, "18:00", "20:00", "info", "Infoabend: Ausbildung in Deutschland – für Eltern", "",
	  "Volkshochschule Mainz, Karmeliterplatz 1, 55116 Mainz", NULL, "Aufzug vorhanden.", "Deutsch, Arabisch, Türkisch",
	  "Eltern und Jugendliche", "Wie funktioniert die duale Ausbildung? Mit Übersetzung ins Arabische und Türkische.",
	  3, 4, 0, "Volkshochschule Mainz" },
	{ 45, "17:00", "19:30", "seminar", "Europäische Migration III: Mehrsprachigkeit in Schule und Beruf",
	  "Europäische Migration, Wintersemester", ZWW_PLACE, NULL, ZWW_ACCESS, "Deutsch",
	  "Fachkräfte der Jugendberufshilfe, Lehrkräfte, Interessierte",
	  "Dritter Termin der Seminarreihe mit dem " ZWW ".", 30, 2, 0, "Stadt Mainz" },
	{ 60, "14:00", "16:00", "network", "Netzwerktreffen BQN Mainz", "", "Online", "https://meet.example.org/bqn-mainz",
	  "", "Deutsch", "Partner des Netzwerks", "Stand der Projekte, nächste Schritte.", -1, 1, 0,
	  "Jugendmigrationsdienst Mainz" },
	{ 75, "09:00", "16:00", "training", "Schulung: Interkulturelle Kompetenz in der Berufsberatung", "",
	  "Agentur für Arbeit Mainz, Untere Zahlbacher Straße 27, 55131 Mainz", NULL, "Barrierefrei.", "Deutsch",
	  "Beraterinnen und Berater", "Ein Tag mit Übungen aus der Praxis.", 20, 0, 1, "Agentur für Arbeit Mainz" },
};

static void local_day(int64_t now, int day, const char *hm, char out[17])
{
	char d[17];
	events_local_now(now + (int64_t)day * 86400, d);
	snprintf(out, 17, "%.10sT%s", d, hm);
}

/* The id of the first demo provider whose name holds name, into out ("" when none). */
static void org_id(struct store *s, const char *name, char out[37])
{
	arena *a = arena_new();
	struct dir_org_brief *v;
	size_t n;
	out[0] = '\0';
	if (dir_org_briefs(s, a, name, &v, &n) == ST_OK && n > 0)
		snprintf(out, 37, "%s", v[0].id);
	arena_free(a);
}

/* The minutes of the second seminar: a decision, an action item done and
 * one due in two weeks. */
static int demo_minutes(struct store *s, int64_t id, int64_t now)
{
	char soon[17], past[17];
	events_local_now(now + 14 * 86400, soon);
	events_local_now(now - 30 * 86400, past);
	soon[10] = past[10] = '\0';
	int rc = events_minutes_save(s, id,
		"## Protokoll\n\nAnwesend: 24 Teilnehmende, Referentin vom ZWW.\n\n"
		"- Überblick über das Anerkennungsgesetz\n- Fragen aus der Praxis der Ausbildungslotsen\n");
	if (rc == ST_OK)
		rc = events_item_add(s, id, "decision", "Die Reihe wird im Wintersemester fortgesetzt.", "", NULL);
	if (rc == ST_OK)
		rc = events_item_add(s, id, "action", "Folien an die Teilnehmenden schicken.", "Netzwerkbüro", past);
	if (rc == ST_OK) {
		struct event_item *v;
		size_t n;
		arena *a = arena_new();
		rc = events_items(s, a, id, &v, &n);
		if (rc == ST_OK && n == 2)
			rc = events_item_done(s, id, v[1].id, 1);
		arena_free(a);
	}
	if (rc == ST_OK)
		rc = events_item_add(s, id, "action", "Termin für Teil III mit dem ZWW abstimmen.", "Frau Demir (Beispiel)",
				     soon);
	return rc;
}

int events_demo_load(struct store *s, char *err, size_t errlen)
{
	static const char *const people[][2] = {
		{ "Amina Haddad", "amina.haddad@example.org" },   { "Mehmet Yılmaz", "mehmet.yilmaz@example.org" },
		{ "Olena Kovalenko", "olena.kovalenko@example.org" }, { "Farid Ahmadi", "farid.ahmadi@example.org" },
		{ "Julia Becker", "julia.becker@example.org" },
	};
	int64_t now = core_now();
	struct store_tx tx;
	int rc = store_tx_begin(s, &tx);
	for (size_t i = 0; rc == ST_OK && i < NELEM(demo); i++) {
		const struct demo_event *d = &demo[i];
		char from[17], to[17], opens[17], org[37];
		local_day(now, d->day, d->from, from);
		local_day(now, d->day, d->to, to);
		local_day(now, d->day - 40, "08:00", opens);
		org_id(s, d->org, org);
		struct event e = {
			.type = d->type, .title = d->title, .description_md = d->desc, .starts_at = from, .ends_at = to,
			.place = d->place, .online_url = d->online, .accessibility = d->access, .languages = d->langs,
			.target_groups = d->groups, .capacity = d->capacity, .reg_opens_at = d->day > 0 ? NULL : opens,
			.series = d->series, .cancelled = d->cancelled,
		};
		struct event_org o = { org, "organiser" };
		int64_t id;
		rc = events_save(s, &e, &o, org[0] ? 1 : 0, &id);
		if (rc == ST_OK && d->day == -60)
			rc = demo_minutes(s, id, now);
		for (int k = 0; rc == ST_OK && k < d->regs && k < (int)NELEM(people); k++) {
			char token[44];
			const char *status;
			rc = events_register(s, id, people[k][0], people[k][1], k % 2 ? "Beispiel-Träger" : NULL, "de",
					     token, &status);
		}
	}
	rc = store_tx_end(s, &tx, rc);
	if (rc != ST_OK)
		snprintf(err, errlen, "cannot load the demo events");
	return rc;
}
