/* test_search.c — the offer finder's search: folding, tokenizer, stemming,
 * edit distance, and THE SEARCH QUALITY TABLE: ~25 fixture offers saved
 * with dir_service_save, queries with the offers they must find, must
 * rank first and must not find; filters, facets, distance, paging and
 * the index following changes. */
#include "directory/search/search.h"
#include "search/search.h"
#include "core/core.h"
#include "../support/testdb.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static struct testdb tdb;
static struct store *db;

/* ---- the fixture ---- */

struct loc_fx {
	const char *key, *name, *city, *postcode;
	double lat, lon;
	int confidential;
	char id[37];
};

static struct loc_fx locs[] = {
	{ "mainz", "Haus der Jugend", "Mainz", "55116", 49.9990, 8.2710, 0, "" },
	{ "ingelheim", "Jugendzentrum", "Ingelheim am Rhein", "55218", 49.9700, 8.0600, 0, "" },
	{ "lu", "Bildungszentrum", "Ludwigshafen am Rhein", "67059", 49.4800, 8.4400, 0, "" },
	{ "secret", "Schutzraum", "Mainz", "55118", 49.9980, 8.2700, 1, "" },
};

struct org_fx {
	const char *key, *name;
	char id[37];
};

static struct org_fx orgs[] = {
	{ "jmd", "Jugendmigrationsdienst Mainz (Beispiel)", "" },
	{ "vhs", "Volkshochschule Mainz (Beispiel)", "" },
	{ "ihk", "Kammer Rheinhessen (Beispiel)", "" },
	{ "ib", "Bildungsverein Rhein (Beispiel)", "" },
};

struct offer_fx {
	const char *name, *desc, *org, *terms, *langs;
	int min, max, free;
	const char *loc, *status;
	int archived;
	char id[37];
};

static struct offer_fx offers[] = {
	{ "Berufssprachkurs B2", "Deutsch für den Beruf mit Fachsprache und Prüfung.", "vhs",
	  "angebotsart:sprachfoerderung uebergangsphase:beschaeftigung", "de", 18, 99, 0, "mainz", NULL, 0, "" },
	{ "Bewerbungstraining für Geflüchtete", "Wir üben Anschreiben, Lebenslauf und Vorstellungsgespräch.", "ib",
	  "angebotsart:bewerbungstraining zielgruppe:gefluechtete", "de ar fa", 16, 27, 1, "mainz", NULL, 0, "" },
	{ "Treffpunkt Straße", "Aufsuchende Jugendarbeit: wir kommen zu euch.", "ib",
	  "angebotsart:beratung", "de tr", -1, -1, 1, "ingelheim", NULL, 0, "" },
	{ "Offene Sprechstunde", "Beratung ohne Termin in der Kaiserstraße 12.", "jmd",
	  "angebotsart:beratung zielgruppe:gefluechtete zielgruppe:junge-erwachsene", "de ar ru", 12, 27, 1, "mainz",
	  NULL, 0, "" },
	{ "Wege in die Ausbildung", "Orientierung und Begleitung beim Übergang von der Schule.", "ihk",
	  "uebergangsphase:ausbildung angebotsart:berufsorientierung", "de", 14, 25, 1, "lu", NULL, 0, "" },
	{ "Einstiegsqualifizierung im Betrieb", "Ein Langzeitpraktikum als Brücke in den Beruf.", "ihk",
	  "uebergangsphase:ausbildungsvorbereitung", "de", 16, 25, 1, "lu", NULL, 0, "" },
	{ "Berufsvorbereitende Bildungsmaßnahme", "Ein Jahr Vorbereitung mit Praxis in Werkstätten.", "ib",
	  "uebergangsphase:ausbildungsvorbereitung", "de", 15, 25, 1, "ingelheim", NULL, 0, "" },
	{ "Assistierte Ausbildung flexibel", "Unterstützung für junge Menschen in betrieblicher Lehre und ihre Betriebe.",
	  "ihk", "angebotsart:ausbildungsbegleitung zielgruppe:auszubildende", "de", 16, 35, 1, "mainz", NULL, 0, "" },
	{ "Berufsausbildungsbeihilfe beantragen", "Hilfe beim Antrag auf Geld während der Lehre.", "ihk",
	  "angebotsart:beratung", "de en", -1, -1, 1, "mainz", NULL, 0, "" },
	{ "Elterncafé in der Kindertagesstätte", "Austausch für Eltern bei Kaffee und Kuchen.", "ib",
	  "angebotsart:elternarbeit zielgruppe:eltern", "de tr ar", -1, -1, 1, "mainz", NULL, 0, "" },
	{ "Deutsch als Zweitsprache am Nachmittag", "Kleine Gruppen, Hausaufgaben in Deutsch.", "vhs",
	  "angebotsart:sprachfoerderung zielgruppe:schuelerinnen", "de", 10, 16, 1, "mainz", NULL, 0, "" },
	{ "Stammtisch für Auszubildende", "Austausch über Berufsschule und Betrieb.", "jmd",
	  "zielgruppe:auszubildende", "de", 16, 27, 1, "mainz", NULL, 0, "" },
	{ "Nachhilfe Mathematik", "Für Schülerinnen und Schüler der Klassen 5 bis 10.", "vhs",
	  "angebotsart:lernfoerderung", "de", 10, 16, 0, "mainz", NULL, 0, "" },
	{ "Lerntreff am Nachmittag", "Hausaufgabenhilfe und auch Nachhilfe in kleinen Gruppen.", "ib",
	  "angebotsart:lernfoerderung", "de", 10, 14, 1, "ingelheim", NULL, 0, "" },
	{ "Coaching für Erwachsene", "Berufliche Neuorientierung ab 25.", "vhs",
	  "uebergangsphase:beschaeftigung", "de en", 25, 45, 0, "mainz", NULL, 0, "" },
	{ "Anerkennungsberatung", "Wir prüfen, ob Ihr ausländischer Abschluss anerkannt werden kann.", "ihk",
	  "uebergangsphase:anerkennung angebotsart:beratung zielgruppe:fachkraefte", "de en ar", -1, -1, 1, NULL,
	  NULL, 0, "" },
	{ "Mentoring für Schüler:innen", "Ehrenamtliche Mentorinnen begleiten dich.", "ib",
	  "angebotsart:mentoring zielgruppe:schuelerinnen", "de", 12, 18, 1, "ingelheim", NULL, 0, "" },
	{ "Archivierter Sprachkurs", "Gibt es nicht mehr.", "vhs", "angebotsart:sprachfoerderung", "de", -1, -1, 1,
	  "mainz", NULL, 1, "" },
	{ "Inaktiver Sprachkurs", "Ruht zurzeit.", "vhs", "angebotsart:sprachfoerderung", "de", -1, -1, 1, "mainz",
	  "inactive", 0, "" },
	{ "Geschützte Beratung für Frauen", "Vertraulich, Adresse auf Anfrage.", "ib",
	  "angebotsart:beratung zielgruppe:frauen", "de ar", -1, -1, 1, "secret", NULL, 0, "" },
	{ "Integrationskurs mit Kinderbetreuung", "Deutschkurs für Eltern, die Kinder werden betreut.", "vhs",
	  "angebotsart:sprachfoerderung zielgruppe:eltern zielgruppe:neuzugewanderte", "de ar tr", -1, -1, 1, "lu",
	  NULL, 0, "" },
	{ "Praktikumsbörse", "Praktikumsplätze in Betrieben der Region.", "ihk", "angebotsart:berufsorientierung",
	  "de", -1, -1, 1, "mainz", NULL, 0, "" },
	{ "Lehrstellensuche für junge Geflüchtete", "Wir helfen bei der Suche nach einem Platz.", "jmd",
	  "uebergangsphase:ausbildung zielgruppe:gefluechtete", "de ar fa ps", 16, 27, 1, "lu", NULL, 0, "" },
	{ "Bewerbungsmappe prüfen lassen", "Wir sehen uns deine Unterlagen an.", "ib",
	  "angebotsart:bewerbungstraining", "de", -1, -1, 1, "mainz", NULL, 0, "" },
	{ "Feuerwehr-Schnuppertag", "Berufe bei der Feuerwehr kennenlernen.", "ib",
	  "angebotsart:berufsorientierung", "de", 14, 18, 1, "ingelheim", NULL, 0, "" },
	{ "Deutsch für den Alltag", "Mit Übungen zur Bewerbung und zum Einkaufen.", "vhs",
	  "angebotsart:sprachfoerderung", "de", -1, -1, 0, "mainz", NULL, 0, "" },
};

static const char *org_id(const char *key)
{
	for (size_t i = 0; i < NELEM(orgs); i++)
		if (strcmp(orgs[i].key, key) == 0)
			return orgs[i].id;
	return NULL;
}

static const char *loc_id(const char *key)
{
	for (size_t i = 0; i < NELEM(locs); i++)
		if (strcmp(locs[i].key, key) == 0)
			return locs[i].id;
	return NULL;
}

/* Split "a b c" into at most max words (copies in a). */
static size_t words(arena *a, const char *s, const char **out, size_t max)
{
	size_t n = 0;
	char *c = arena_strdup(a, s ? s : "");
	for (char *t = strtok(c, " "); t && n < max; t = strtok(NULL, " "))
		out[n++] = t;
	return n;
}

static int save_offer(arena *a, struct offer_fx *f, struct dir_taxonomy *tax, size_t nt)
{
	const char *tk[8], *lk[8];
	size_t n_t = words(a, f->terms, tk, 8), n_l = words(a, f->langs, lk, 8);
	struct dir_term *terms = arena_alloc(a, 8 * sizeof(*terms));
	struct dir_language *langs = arena_alloc(a, 8 * sizeof(*langs));
	for (size_t i = 0; i < n_t; i++) {
		char *colon = strchr(tk[i], ':');
		*colon = '\0';
		const struct dir_term *t = dir_term_find(tax, nt, tk[i], colon + 1);
		if (!t) {
			fprintf(stderr, "no term %s:%s\n", tk[i], colon + 1);
			return -1;
		}
		terms[i] = *t;
	}
	for (size_t i = 0; i < n_l; i++)
		langs[i].code = lk[i];
	struct dir_location l = { .id = f->loc ? loc_id(f->loc) : NULL };
	struct dir_service sv = {
		.organization_id = org_id(f->org), .name = f->name, .description = f->desc,
		.status = f->status ? f->status : "active", .free_of_charge = f->free, .minimum_age = f->min,
		.maximum_age = f->max, .capacity = -1, .terms = terms, .n_terms = n_t, .languages = langs,
		.n_languages = n_l, .locations = f->loc ? &l : NULL, .n_locations = f->loc ? 1 : 0,
	};
	if (dir_service_save(db, &sv, "test", f->id) != ST_OK)
		return -1;
	if (f->archived && dir_service_archive(db, f->id, 1, "test") != ST_OK)
		return -1;
	return 0;
}

static int setup(void **state)
{
	(void)state;
	if (testdb_open(&tdb) != 0)
		return -1;
	db = tdb.s;
	if (store_exec(db, "INSERT OR REPLACE INTO postcode(code, city, latitude, longitude) "
			   "VALUES ('99998', 'Testhausen', 49.9975, 8.2700)") != ST_OK)
		return -1;
	for (size_t i = 0; i < NELEM(orgs); i++) {
		struct dir_org o = { .name = orgs[i].name, .year_incorporated = -1 };
		if (dir_org_save(db, &o, "test", orgs[i].id) != ST_OK)
			return -1;
	}
	for (size_t i = 0; i < NELEM(locs); i++) {
		struct dir_location l = { .organization_id = orgs[0].id, .name = locs[i].name, .has_coords = 1,
					  .latitude = locs[i].lat, .longitude = locs[i].lon,
					  .confidential = locs[i].confidential, .has_address = 1,
					  .address = { .address_1 = "Musterweg 1", .city = locs[i].city,
						       .postal_code = locs[i].postcode } };
		if (dir_location_save(db, &l, "test", locs[i].id) != ST_OK)
			return -1;
	}
	arena *a = arena_new();
	size_t nt;
	struct dir_taxonomy *tax = dir_taxonomies(db, a, "de", &nt);
	int rc = 0;
	for (size_t i = 0; i < NELEM(offers) && rc == 0; i++)
		rc = save_offer(a, &offers[i], tax, nt);
	arena_free(a);
	return rc;
}

static int teardown(void **state)
{
	(void)state;
	return testdb_close(&tdb);
}

/* ---- helpers ---- */

static const char *offer_name(const char *id)
{
	for (size_t i = 0; i < NELEM(offers); i++)
		if (strcmp(offers[i].id, id) == 0)
			return offers[i].name;
	return "?";
}

static int has(const struct dir_search_result *r, const char *name)
{
	for (size_t i = 0; i < r->n_hits; i++)
		if (strcmp(r->hits[i].name, name) == 0)
			return 1;
	return 0;
}

static void dump(const char *what, const struct dir_search_result *r)
{
	fprintf(stderr, "%s: %zu results\n", what, r->total);
	for (size_t i = 0; i < r->n_hits; i++)
		fprintf(stderr, "  %5.2f %6.2f km  %s\n", r->hits[i].score, r->hits[i].distance_km,
			offer_name(r->hits[i].id));
}

static struct dir_search_result search(arena *a, const char *q, const struct dir_search_query *base)
{
	struct dir_search_query dq = { .q = q, .age = -1, .per_page = 100 };
	if (base)
		dq = *base;
	struct dir_search_result r;
	int rc = dir_search(db, a, &dq, "de", &r);
	if (rc != ST_OK)
		fail_msg("search for '%s' failed: %d", q ? q : "", rc);
	return r;
}

/* ---- text processing ---- */

static void test_fold(void **state)
{
	(void)state;
	char out[80], again[80];
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "straße", "strasse" }, { "strasse", "strasse" }, { "gefluechtete", "gefluchtete" },
		{ "gefluchtete", "gefluchtete" }, { "aerzte", "arzte" }, { "oeffnung", "offnung" },
		{ "feuer", "feur" /* "eu" stays, "ue" goes: harmless, both sides fold alike */ },
		{ "aee", "a" }, { "mädchen", "mädchen" /* ä is folded earlier, by unicode61 */ },
	};
	for (size_t i = 0; i < NELEM(cases); i++) {
		search_fold(cases[i].in, strlen(cases[i].in), out, sizeof(out));
		assert_string_equal(out, cases[i].out);
		/* idempotent: folding twice changes nothing */
		search_fold(out, strlen(out), again, sizeof(again));
		assert_string_equal(again, out);
	}
	/* a long token is cut before a whole character, never inside one */
	char small[6];
	size_t n = search_fold("abcdä", strlen("abcdä"), small, sizeof(small));
	assert_int_equal(n, 4);
	assert_string_equal(small, "abcd");
}

static void test_edit1(void **state)
{
	(void)state;
	static const struct {
		const char *a, *b;
		int one;
	} cases[] = {
		{ "training", "trainnig", 1 }, /* swap */
		{ "training", "trainig", 1 },  /* delete */
		{ "training", "trainingg", 1 }, /* insert */
		{ "training", "trainimg", 1 }, /* replace */
		{ "training", "training", 1 },
		{ "training", "trnaiign", 0 },
		{ "training", "train", 0 },
		{ "abc", "cba", 0 },
	};
	for (size_t i = 0; i < NELEM(cases); i++) {
		int got = search_edit1(cases[i].a, strlen(cases[i].a), cases[i].b, strlen(cases[i].b));
		if (got != cases[i].one)
			fail_msg("%s ~ %s: %d", cases[i].a, cases[i].b, got);
		got = search_edit1(cases[i].b, strlen(cases[i].b), cases[i].a, strlen(cases[i].a));
		assert_int_equal(got, cases[i].one);
	}
}

static void test_tokenizer_and_stemming(void **state)
{
	(void)state;
	arena *a = arena_new();
	/* all spellings meet */
	const char *g = search_normalize(db, a, "Geflüchtete Gefluchtete Gefluechtete GEFLÜCHTETE", 1);
	assert_non_null(g);
	const char *w[4];
	assert_int_equal(words(a, g, w, 4), 4);
	for (int i = 1; i < 4; i++)
		assert_string_equal(w[i], w[0]);
	g = search_normalize(db, a, "Straße Strasse STRASSE", 1);
	assert_int_equal(words(a, g, w, 4), 3);
	assert_string_equal(w[0], w[1]);
	assert_string_equal(w[0], w[2]);
	/* stemming: plural and singular meet */
	g = search_normalize(db, a, "Ausbildungen Ausbildung", 1);
	assert_int_equal(words(a, g, w, 4), 2);
	assert_string_equal(w[0], w[1]);
	g = search_normalize(db, a, "Kurse Kurs", 1);
	assert_int_equal(words(a, g, w, 4), 2);
	assert_string_equal(w[0], w[1]);
	/* unstemmed: only folded; punctuation separates; digits kept */
	assert_string_equal(search_normalize(db, a, "Schüler:innen, B2-Kurs!", 0), "schuler innen b2 kurs");
	/* other scripts are lower-cased and kept */
	assert_string_equal(search_normalize(db, a, "Привет", 0), "привет");
	arena_free(a);
}

/* ---- the search quality table ---- */

static const struct quality {
	const char *q;
	const char *must[4];  /* offers it must find */
	const char *first;    /* the offer it must rank first (or NULL) */
	const char *must_not[3];
} quality[] = {
	{ "Geflüchtete", { "Bewerbungstraining für Geflüchtete", "Lehrstellensuche für junge Geflüchtete",
			   "Offene Sprechstunde" }, NULL, { "Nachhilfe Mathematik" } },
	{ "Gefluchtete", { "Bewerbungstraining für Geflüchtete", "Lehrstellensuche für junge Geflüchtete",
			   "Offene Sprechstunde" }, NULL, { "Nachhilfe Mathematik" } },
	{ "Gefluechtete", { "Bewerbungstraining für Geflüchtete", "Lehrstellensuche für junge Geflüchtete",
			    "Offene Sprechstunde" }, NULL, { "Nachhilfe Mathematik" } },
	{ "Straße", { "Treffpunkt Straße" }, "Treffpunkt Straße", { "Nachhilfe Mathematik" } },
	{ "Strasse", { "Treffpunkt Straße" }, "Treffpunkt Straße", { "Nachhilfe Mathematik" } },
	{ "Kaiserstrasse", { "Offene Sprechstunde" }, NULL, { "Treffpunkt Straße" } },
	{ "Ausbildungen", { "Wege in die Ausbildung", "Assistierte Ausbildung flexibel" }, NULL,
	  { "Nachhilfe Mathematik" } },
	{ "Sprachkurs", { "Berufssprachkurs B2" }, NULL,
	  { "Archivierter Sprachkurs", "Inaktiver Sprachkurs", "Bewerbungstraining für Geflüchtete" } },
	{ "Sprachkurse", { "Berufssprachkurs B2" }, NULL, { "Archivierter Sprachkurs" } },
	{ "Bewerbung", { "Bewerbungstraining für Geflüchtete", "Bewerbungsmappe prüfen lassen",
			 "Deutsch für den Alltag" }, NULL, { "Nachhilfe Mathematik" } },
	{ "Azubi", { "Stammtisch für Auszubildende", "Assistierte Ausbildung flexibel" }, NULL,
	  { "Nachhilfe Mathematik" } },
	{ "BvB", { "Berufsvorbereitende Bildungsmaßnahme" }, "Berufsvorbereitende Bildungsmaßnahme",
	  { "Nachhilfe Mathematik" } },
	{ "EQ", { "Einstiegsqualifizierung im Betrieb" }, "Einstiegsqualifizierung im Betrieb",
	  { "Nachhilfe Mathematik" } },
	{ "AsA", { "Assistierte Ausbildung flexibel" }, "Assistierte Ausbildung flexibel", { "Wege in die Ausbildung" } },
	{ "JMD", { "Offene Sprechstunde", "Stammtisch für Auszubildende", "Lehrstellensuche für junge Geflüchtete" },
	  NULL, { "Nachhilfe Mathematik" } },
	{ "BAB", { "Berufsausbildungsbeihilfe beantragen" }, "Berufsausbildungsbeihilfe beantragen",
	  { "Nachhilfe Mathematik" } },
	{ "Kita", { "Elterncafé in der Kindertagesstätte" }, "Elterncafé in der Kindertagesstätte",
	  { "Nachhilfe Mathematik" } },
	{ "DaZ", { "Deutsch als Zweitsprache am Nachmittag" }, "Deutsch als Zweitsprache am Nachmittag",
	  { "Nachhilfe Mathematik" } },
	{ "Bewerbungstrainnig", { "Bewerbungstraining für Geflüchtete" }, "Bewerbungstraining für Geflüchtete",
	  { "Nachhilfe Mathematik" } },
	{ "Anerkenungsberatung", { "Anerkennungsberatung" }, "Anerkennungsberatung", { "Nachhilfe Mathematik" } },
	{ "Nachhilfe", { "Nachhilfe Mathematik", "Lerntreff am Nachmittag" }, "Nachhilfe Mathematik",
	  { "Coaching für Erwachsene" } },
	{ "Refugees", { "Bewerbungstraining für Geflüchtete", "Offene Sprechstunde" }, NULL,
	  { "Nachhilfe Mathematik" } },
	{ "Arabisch", { "Bewerbungstraining für Geflüchtete", "Offene Sprechstunde" }, NULL,
	  { "Nachhilfe Mathematik" } },
	{ "Feuerwehr", { "Feuerwehr-Schnuppertag" }, "Feuerwehr-Schnuppertag", { "Nachhilfe Mathematik" } },
	{ "Beratung für Geflüchtete in Mainz", { "Offene Sprechstunde" }, "Offene Sprechstunde",
	  { "Treffpunkt Straße", "Anerkennungsberatung" } },
	{ "Volkshochschule", { "Berufssprachkurs B2", "Nachhilfe Mathematik" }, NULL, { "Treffpunkt Straße" } },
	{ "Ludwigshafen", { "Wege in die Ausbildung", "Integrationskurs mit Kinderbetreuung" }, NULL,
	  { "Nachhilfe Mathematik" } },
	{ "Frauen", { "Geschützte Beratung für Frauen" }, NULL, { "Nachhilfe Mathematik" } },
	{ "Schutzraum", { NULL }, NULL, { "Geschützte Beratung für Frauen" } }, /* a confidential place */
};

static void test_quality_table(void **state)
{
	(void)state;
	int failures = 0;
	for (size_t i = 0; i < NELEM(quality); i++) {
		const struct quality *c = &quality[i];
		arena *a = arena_new();
		struct dir_search_result r = search(a, c->q, NULL);
		int ok = 1;
		for (size_t k = 0; k < 4 && c->must[k]; k++)
			if (!has(&r, c->must[k])) {
				fprintf(stderr, "'%s' did not find '%s'\n", c->q, c->must[k]);
				ok = 0;
			}
		for (size_t k = 0; k < 3 && c->must_not[k]; k++)
			if (has(&r, c->must_not[k])) {
				fprintf(stderr, "'%s' found '%s'\n", c->q, c->must_not[k]);
				ok = 0;
			}
		if (c->first && (r.n_hits == 0 || strcmp(r.hits[0].name, c->first) != 0)) {
			fprintf(stderr, "'%s' did not rank '%s' first\n", c->q, c->first);
			ok = 0;
		}
		if (!ok) {
			dump(c->q, &r);
			failures++;
		}
		arena_free(a);
	}
	if (failures)
		fail_msg("%d of %zu queries of the quality table failed", failures, NELEM(quality));
}

static void test_name_over_description(void **state)
{
	(void)state;
	arena *a = arena_new();
	/* "Bewerbung" is in two names (as a compound) and in one description */
	struct dir_search_result r = search(a, "Bewerbung", NULL);
	size_t pos_desc = r.n_hits, pos_name = r.n_hits;
	for (size_t i = 0; i < r.n_hits; i++) {
		if (strcmp(r.hits[i].name, "Deutsch für den Alltag") == 0)
			pos_desc = i;
		if (strcmp(r.hits[i].name, "Bewerbungstraining für Geflüchtete") == 0)
			pos_name = i;
	}
	assert_true(pos_name < pos_desc && pos_desc < r.n_hits);
	assert_true(r.hits[pos_name].score > r.hits[pos_desc].score);
	arena_free(a);
}

static void test_typo_reported(void **state)
{
	(void)state;
	arena *a = arena_new();
	struct dir_search_result r = search(a, "Bewerbungstrainnig", NULL);
	assert_int_equal(r.n_corrected, 1);
	assert_string_equal(r.corrected[0], "bewerbungstrainnig");
	/* short words are not guessed at */
	r = search(a, "Kurz", NULL);
	assert_int_equal(r.n_corrected, 0);
	/* a correct word is not corrected */
	r = search(a, "Bewerbungstraining", NULL);
	assert_int_equal(r.n_corrected, 0);
	arena_free(a);
}

/* ---- filters, facets, distance, paging ---- */

static void test_filters_and(void **state)
{
	(void)state;
	arena *a = arena_new();
	struct dir_search_query q = { .age = -1, .per_page = 100, .n_terms = 1, .terms = { "angebotsart:beratung" } };
	struct dir_search_result r = search(a, NULL, &q);
	assert_int_equal(r.total, 5); /* Treffpunkt, Sprechstunde, BAB, Anerkennung, Geschützte */
	assert_int_equal(dir_search_facet_count(&r, "angebotsart:beratung"), 5);
	assert_int_equal(dir_search_facet_count(&r, "zielgruppe:gefluechtete"), 1);
	assert_int_equal(dir_search_facet_count(&r, "lang:ar"), 3);
	q.terms[1] = "zielgruppe:gefluechtete";
	q.n_terms = 2;
	r = search(a, NULL, &q);
	assert_int_equal(r.total, 1);
	assert_string_equal(r.hits[0].name, "Offene Sprechstunde");
	/* with text: AND as well */
	r = search(a, "Beratung", &(struct dir_search_query){ .q = "Beratung", .age = -1, .per_page = 100, .n_terms = 1,
						       .terms = { "zielgruppe:fachkraefte" } });
	assert_int_equal(r.total, 1);
	assert_string_equal(r.hits[0].name, "Anerkennungsberatung");
	/* a value no offer has: nothing, no error */
	q.terms[0] = "angebotsart:ganztagsangebot";
	{ /* by the term's id, for the HSDS API: the same offers */
		size_t nt;
		struct dir_taxonomy *tax = dir_taxonomies(db, a, "de", &nt);
		const struct dir_term *t = dir_term_find(tax, nt, "zielgruppe", "fachkraefte");
		assert_non_null(t);
		struct dir_search_query one = { .age = -1, .per_page = 100, .n_terms = 1,
						.terms = { "zielgruppe:fachkraefte" } };
		struct dir_search_result all = search(a, NULL, &one);
		struct dir_search_ids ids;
		assert_int_equal(dir_search_offer_ids(db, a, &(struct dir_search_offers){ .term_id = t->id, .limit = 100 },
						      &ids), ST_OK);
		assert_true(all.total > 0);
		assert_int_equal(ids.total, all.total);
		assert_int_equal(ids.n, all.n_hits);
		for (size_t i = 0; i < ids.n; i++)
			assert_string_equal(ids.ids[i], all.hits[i].id);
		assert_int_equal(dir_search_offer_ids(db, a, &(struct dir_search_offers){ .term_id = "nope" }, &ids),
				 ST_NOTFOUND);
	}
	q.n_terms = 1;
	r = search(a, NULL, &q);
	assert_int_equal(r.total, 0);
	arena_free(a);
}

static void test_age_language_free(void **state)
{
	(void)state;
	arena *a = arena_new();
	struct dir_search_result r = search(a, NULL, &(struct dir_search_query){ .age = 12, .per_page = 100 });
	assert_true(has(&r, "Deutsch als Zweitsprache am Nachmittag"));
	assert_true(has(&r, "Mentoring für Schüler:innen"));
	assert_true(has(&r, "Offene Sprechstunde"));    /* 12-27 */
	assert_true(has(&r, "Treffpunkt Straße"));      /* no ages: open */
	assert_false(has(&r, "Coaching für Erwachsene")); /* 25-45 */
	assert_false(has(&r, "Berufssprachkurs B2"));     /* 18-99 */
	assert_false(has(&r, "Wege in die Ausbildung"));  /* 14-25 */

	r = search(a, NULL, &(struct dir_search_query){ .age = -1, .per_page = 100, .language = "ar" });
	assert_int_equal(r.total, 7);
	for (size_t i = 0; i < r.n_hits; i++) {
		int ar = 0;
		for (size_t k = 0; k < r.hits[i].n_languages; k++)
			ar |= strcmp(r.hits[i].languages[k], "ar") == 0;
		assert_true(ar);
	}
	assert_int_equal(dir_search_facet_count(&r, "lang:ar"), 7);
	assert_int_equal(dir_search_facet_count(&r, "lang:fa"), 2);

	r = search(a, NULL, &(struct dir_search_query){ .age = -1, .per_page = 100, .free_only = 1 });
	assert_false(has(&r, "Nachhilfe Mathematik"));
	assert_false(has(&r, "Coaching für Erwachsene"));
	assert_true(has(&r, "Lerntreff am Nachmittag"));
	assert_int_equal(r.n_free, r.total);
	for (size_t i = 0; i < r.n_hits; i++)
		assert_true(r.hits[i].free_of_charge);
	/* without filters: everything public, in name order (of the folded names) */
	r = search(a, NULL, NULL);
	assert_int_equal(r.total, NELEM(offers) - 2);
	for (size_t i = 1; i < r.n_hits; i++)
		assert_true(strcmp(search_normalize(db, a, r.hits[i - 1].name, 0),
				   search_normalize(db, a, r.hits[i].name, 0)) <= 0);
	arena_free(a);
}

static void test_postcode_radius(void **state)
{
	(void)state;
	arena *a = arena_new();
	struct dir_search_result r = search(a, NULL, &(struct dir_search_query){ .age = -1, .per_page = 100, .postcode = "99998",
								  .radius_km = 25 });
	assert_string_equal(r.place, "Testhausen");
	assert_true(r.total > 5);
	assert_true(r.hits[0].distance_km >= 0 && r.hits[0].distance_km < 1);
	for (size_t i = 1; i < r.n_hits; i++)
		assert_true(r.hits[i - 1].distance_km <= r.hits[i].distance_km);
	assert_true(has(&r, "Treffpunkt Straße"));                 /* Ingelheim, ~15 km */
	assert_true(r.hits[r.n_hits - 1].distance_km > 10);
	assert_false(has(&r, "Wege in die Ausbildung"));           /* Ludwigshafen, ~58 km */
	assert_false(has(&r, "Anerkennungsberatung"));             /* no place */
	assert_false(has(&r, "Geschützte Beratung für Frauen"));   /* confidential: no distance */
	r = search(a, NULL, &(struct dir_search_query){ .age = -1, .per_page = 100, .postcode = "99998", .radius_km = 5 });
	assert_false(has(&r, "Treffpunkt Straße"));
	assert_true(has(&r, "Offene Sprechstunde"));
	/* text and distance: the matches, nearest first */
	r = search(a, NULL, &(struct dir_search_query){ .q = "Beratung", .age = -1, .per_page = 100, .postcode = "99998",
						  .radius_km = 25 });
	assert_true(r.total >= 2);
	assert_string_equal(r.hits[r.n_hits - 1].name, "Treffpunkt Straße");
	/* the same for the HSDS API: ids, nearest first */
	struct dir_search_ids ids;
	assert_int_equal(dir_search_offer_ids(db, a, &(struct dir_search_offers){ .postcode = "99998", .radius_km = 25,
										 .limit = 100 }, &ids), ST_OK);
	r = search(a, NULL, &(struct dir_search_query){ .age = -1, .per_page = 100, .postcode = "99998", .radius_km = 25 });
	assert_int_equal(ids.total, r.total);
	assert_int_equal(ids.n, r.n_hits);
	for (size_t i = 0; i < ids.n; i++) {
		assert_string_equal(ids.ids[i], r.hits[i].id);
		assert_true(ids.distance_km[i] == r.hits[i].distance_km);
	}
	assert_int_equal(dir_search_offer_ids(db, a, &(struct dir_search_offers){ .postcode = "00000" }, &ids),
			 ST_NOTFOUND);
	/* unknown postcode */
	struct dir_search_result bad;
	assert_int_equal(dir_search(db, a, &(struct dir_search_query){ .age = -1, .postcode = "00000" }, "de", &bad),
			 ST_NOTFOUND);
	assert_int_equal(bad.total, 0);
	arena_free(a);
}

static void test_paging(void **state)
{
	(void)state;
	arena *a = arena_new();
	struct dir_search_result all = search(a, NULL, NULL);
	struct dir_search_result p2 = search(a, NULL, &(struct dir_search_query){ .age = -1, .per_page = 5, .page = 2 });
	assert_int_equal(p2.total, all.total);
	assert_int_equal(p2.pages, (int)((all.total + 4) / 5));
	assert_int_equal(p2.n_hits, 5);
	for (size_t i = 0; i < 5; i++)
		assert_string_equal(p2.hits[i].id, all.hits[5 + i].id);
	struct dir_search_result far = search(a, NULL, &(struct dir_search_query){ .age = -1, .per_page = 5, .page = 99 });
	assert_int_equal(far.n_hits, 0);
	assert_int_equal(far.total, all.total);
	/* text results page the same way */
	struct dir_search_result t1 = search(a, "Beratung", &(struct dir_search_query){ .q = "Beratung", .age = -1, .per_page = 2 });
	struct dir_search_result t2 = search(a, "Beratung", &(struct dir_search_query){ .q = "Beratung", .age = -1, .per_page = 2,
									   .page = 2 });
	assert_int_equal(t1.n_hits, 2);
	assert_string_not_equal(t1.hits[0].id, t2.hits[0].id);
	assert_string_not_equal(t1.hits[1].id, t2.hits[0].id);
	arena_free(a);
}

/* The vocabulary with its counts per table: "term name head body;" for
 * every word some offer holds. */
static char *vocabulary(void)
{
	sqlite3_stmt *st;
	char *out = NULL;
	if (sqlite3_prepare_v2(store_db(db), "SELECT group_concat(v, ';') FROM (SELECT term || ' ' || df_name || ' ' "
					     "|| df_head || ' ' || df_body AS v FROM search_term WHERE df_name + "
					     "df_head + df_body > 0 ORDER BY term)", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		out = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	assert_non_null(out);
	return out;
}

static void test_follows_changes(void **state)
{
	(void)state;
	arena *a = arena_new();
	struct offer_fx *b = &offers[1];
	struct dir_search_result r = search(a, "Lebenslauf", NULL);
	assert_true(has(&r, b->name));
	assert_int_equal(dir_service_archive(db, b->id, 1, "test"), ST_OK);
	r = search(a, "Lebenslauf", NULL);
	assert_false(has(&r, b->name));
	assert_int_equal(dir_service_archive(db, b->id, 0, "test"), ST_OK);
	r = search(a, "Lebenslauf", NULL);
	assert_true(has(&r, b->name));
	/* saved again with a new name (an upsert, twice without a search
	 * between): the new name is found, the old one is not */
	arena *b2 = arena_new();
	struct dir_service sv;
	assert_int_equal(dir_service_get(db, b2, offers[13].id, "de", DIR_STAFF, &sv), ST_OK);
	sv.name = "Lerncafé Zwischenstand";
	assert_int_equal(dir_service_save(db, &sv, "test", NULL), ST_OK);
	sv.name = "Lerncafé Mondschein";
	assert_int_equal(dir_service_save(db, &sv, "test", NULL), ST_OK);
	r = search(a, "Mondschein", NULL);
	assert_int_equal(r.total, 1);
	assert_string_equal(r.hits[0].id, offers[13].id);
	r = search(a, "Lerntreff", NULL);
	assert_false(has(&r, "Lerntreff am Nachmittag"));
	r = search(a, "Zwischenstand", NULL);
	assert_int_equal(r.total, 0);
	arena_free(b2);
	/* a change made without the model (plain SQL) is followed too */
	assert_int_equal(store_exec(db, "UPDATE organization SET name = 'Zauberhafte Bildung (Beispiel)' "
					"WHERE name = 'Bildungsverein Rhein (Beispiel)'"),
			 ST_OK);
	r = search(a, "zauberhaft", NULL);
	assert_true(has(&r, b->name));
	/* synonyms are editable */
	r = search(a, "Brandschutz", NULL);
	assert_int_equal(r.total, 0);
	assert_int_equal(store_exec(db, "INSERT INTO search_synonym(term, expansion) VALUES ('brandschutz', 'feuerwehr')"),
			 ST_OK);
	r = search(a, "Brandschutz", NULL);
	assert_true(has(&r, "Feuerwehr-Schnuppertag"));
	/* a full rebuild gives the same answers, and the same vocabulary counts
	 * as all the changes above counted up and down one by one */
	char *counts = vocabulary();
	assert_true(strlen(counts) > 1000);
	size_t n = 0;
	assert_int_equal(dir_search_rebuild(db, &n), ST_OK);
	assert_int_equal(n, NELEM(offers)); /* every offer read, the public ones indexed */
	char *rebuilt = vocabulary();
	assert_string_equal(counts, rebuilt);
	free(counts);
	free(rebuilt);
	r = search(a, "Bewerbungstrainnig", NULL);
	assert_string_equal(r.hits[0].name, b->name);
	arena_free(a);
}

int main(void)
{
	search_init(); /* the schema needs its tokenizer */
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fold),
		cmocka_unit_test(test_edit1),
		cmocka_unit_test(test_tokenizer_and_stemming),
		cmocka_unit_test(test_quality_table),
		cmocka_unit_test(test_name_over_description),
		cmocka_unit_test(test_typo_reported),
		cmocka_unit_test(test_filters_and),
		cmocka_unit_test(test_age_language_free),
		cmocka_unit_test(test_postcode_radius),
		cmocka_unit_test(test_paging),
		cmocka_unit_test(test_follows_changes),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
