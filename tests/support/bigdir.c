/* bigdir.c — the big generated directory for tests and fuzz targets: its
 * values, the model drawn from a seed, and the database made from it
 * (see bigdir.h; the reference search over the model is bigdir_ref.c).
 * Everything here is FICTIONAL sample data. */
#include "bigdir.h"
#include "search/search.h"
#include "core/buf.h"
#include "core/core.h"
#include "directory/import/import.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

/* ---- the values ---- */

const char *const bigdir_terms[] = {
	"uebergangsphase:schule", "uebergangsphase:berufsorientierung", "uebergangsphase:ausbildungsvorbereitung",
	"uebergangsphase:ausbildung", "uebergangsphase:studium", "uebergangsphase:beschaeftigung",
	"uebergangsphase:anerkennung",
	"angebotsart:beratung", "angebotsart:sprachfoerderung", "angebotsart:berufsorientierung",
	"angebotsart:bewerbungstraining", "angebotsart:mentoring", "angebotsart:lernfoerderung",
	"angebotsart:ausbildungsbegleitung", "angebotsart:elternarbeit", "angebotsart:qualifizierung",
	"angebotsart:ganztagsangebot",
	"zielgruppe:schuelerinnen", "zielgruppe:ohne-ausbildungsplatz", "zielgruppe:auszubildende",
	"zielgruppe:junge-erwachsene", "zielgruppe:eltern", "zielgruppe:gefluechtete", "zielgruppe:neuzugewanderte",
	"zielgruppe:frauen", "zielgruppe:fachkraefte", "zielgruppe:betriebe",
	"foerderung:eu-esf", "foerderung:bund", "foerderung:land", "foerderung:kommune", "foerderung:stiftung",
	"foerderung:eigenmittel",
	"ort:mainz-altstadt", "ort:mainz-neustadt", "ort:mainz-oberstadt", "ort:mainz-hartenberg-muenchfeld",
	"ort:mainz-mombach", "ort:mainz-gonsenheim", "ort:mainz-finthen", "ort:mainz-bretzenheim",
	"ort:mainz-hechtsheim", "ort:mainz-weisenau", "ort:mainz-lerchenberg", "ort:mainz-kastel", "ort:ingelheim",
	"ort:bingen", "ort:nieder-olm", "ort:budenheim", "ort:ludwigshafen-mitte", "ort:ludwigshafen-nord-hemshof",
	"ort:ludwigshafen-oggersheim", "ort:ludwigshafen-pfingstweide", "ort:ludwigshafen-gartenstadt",
	"ort:ludwigshafen-friesenheim",
};
const size_t bigdir_n_terms = NELEM(bigdir_terms);

/* where each taxonomy starts in bigdir_terms, and how many terms it has */
enum { T_PHASE = 0, N_PHASE = 7, T_ART = 7, N_ART = 10, T_GROUP = 17, N_GROUP = 10, T_FUND = 27, N_FUND = 6,
       T_ORT = 33, N_ORT = 22 };

/* per mille of offers holding each language (de first) */
const char *const bigdir_langs[] = { "de", "en", "ar", "tr", "fa", "ru", "uk", "fr", "ps", "ti", "ku" };
const size_t bigdir_n_langs = NELEM(bigdir_langs);
static const int lang_odds[] = { 920, 150, 100, 100, 40, 60, 50, 30, 15, 10, 10 };

/* Made-up words: no other text holds them or a word containing them, and
 * none is one typo from another word; frequent ones (kept in memory by
 * the snapshot) and rare ones (read from FTS5). Per mille in the name and
 * in the description. */
const char *const bigdir_words[] = { "quorvax", "zimbrak", "fluxhamp", "dravolt", "kwintop", "morzulp" };
const size_t bigdir_n_words = NELEM(bigdir_words);
static const int word_name_odds[] = { 60, 25, 10, 5, 2, 1 };
static const int word_desc_odds[] = { 40, 30, 10, 5, 3, 1 };

/* Postcodes from the postcode table; places near their centroids, some
 * sharing coordinates (equal distances), some without coordinates, one
 * confidential, one with a postcode the table does not know. */
const struct bigdir_place bigdir_places[] = {
	{ "Kaiserstraße 1", "55116", "Mainz", 49.9975, 8.2700, 1, 0, "ort:mainz-altstadt" },
	{ "Schillerplatz 3", "55116", "Mainz", 49.9990, 8.2710, 1, 0, "ort:mainz-altstadt" },
	{ "Rheinallee 5", "55118", "Mainz", 50.0095, 8.2580, 1, 0, "ort:mainz-neustadt" },
	{ "Gartenfeldplatz 2", "55118", "Mainz", 50.0095, 8.2580, 1, 0, "ort:mainz-neustadt" },
	{ "Hauptstraße 17", "55120", "Mainz", 50.0200, 8.2260, 1, 0, "ort:mainz-mombach" },
	{ "Turmstraße 8", "55120", "Mainz", 50.0210, 8.2290, 1, 0, "ort:mainz-mombach" },
	{ "Binger Straße 20", "55122", "Mainz", 50.0000, 8.2420, 1, 0, "ort:mainz-hartenberg-muenchfeld" },
	{ "Kapellenstraße 4", "55124", "Mainz", 50.0130, 8.2080, 1, 0, "ort:mainz-gonsenheim" },
	{ "Kurmainzstraße 9", "55126", "Mainz", 49.9830, 8.1760, 1, 0, "ort:mainz-finthen" },
	{ "Hebbelstraße 1", "55127", "Mainz", 49.9630, 8.2020, 1, 0, "ort:mainz-lerchenberg" },
	{ "Draiser Straße 12", "55128", "Mainz", 49.9800, 8.2320, 1, 0, "ort:mainz-bretzenheim" },
	{ "Lion-Feuchtwanger-Straße 2", "55129", "Mainz", 49.9480, 8.2820, 1, 0, "ort:mainz-hechtsheim" },
	{ "Wormser Straße 50", "55130", "Mainz", 49.9660, 8.3080, 1, 0, "ort:mainz-weisenau" },
	{ "Am Rosengarten 6", "55131", "Mainz", 49.9860, 8.2700, 1, 0, "ort:mainz-oberstadt" },
	{ "Eleonorenstraße 3", "55252", "Mainz-Kastel", 50.0100, 8.2870, 1, 0, "ort:mainz-kastel" },
	{ "Bahnhofstraße 14", "55218", "Ingelheim am Rhein", 49.9720, 8.0560, 1, 0, "ort:ingelheim" },
	{ "Mainzer Straße 7", "55411", "Bingen am Rhein", 49.9660, 7.8990, 1, 0, "ort:bingen" },
	{ "Pariser Straße 30", "55268", "Nieder-Olm", 49.9100, 8.2050, 1, 0, "ort:nieder-olm" },
	{ "Heidesheimer Straße 2", "55257", "Budenheim", 50.0190, 8.1730, 1, 0, "ort:budenheim" },
	{ "Bismarckstraße 40", "67059", "Ludwigshafen am Rhein", 49.4810, 8.4410, 1, 0, "ort:ludwigshafen-mitte" },
	{ "Ludwigstraße 9", "67061", "Ludwigshafen am Rhein", 49.4680, 8.4370, 1, 0, "ort:ludwigshafen-mitte" },
	{ "Hemshofstraße 22", "67063", "Ludwigshafen am Rhein", 49.4950, 8.4330, 1, 0,
	  "ort:ludwigshafen-nord-hemshof" },
	{ "Raiffeisenstraße 5", "67071", "Ludwigshafen am Rhein", 49.4870, 8.3780, 1, 0,
	  "ort:ludwigshafen-oggersheim" },
	{ "Frankenthaler Straße 1", "67069", "Ludwigshafen am Rhein", 49.5310, 8.4040, 1, 0,
	  "ort:ludwigshafen-pfingstweide" },
	{ "Wiesbadener Straße 3", "65185", "Wiesbaden", 50.0760, 8.2400, 1, 0, NULL },
	{ "Lutherstraße 11", "55116", "Mainz", 0, 0, 0, 0, "ort:mainz-altstadt" },
	{ "Frauenlobstraße 19", "55118", "Mainz", 0, 0, 0, 0, NULL },
	{ "Wredestraße 4", "67059", "Ludwigshafen am Rhein", 0, 0, 0, 0, NULL },
	{ "Schutzweg 1", "55116", "Mainz", 49.9980, 8.2700, 1, 1, NULL },
	{ "Feldweg 2", "55999", "Irgendwo", 49.9000, 8.1000, 1, 0, NULL },
};
const size_t bigdir_n_places = NELEM(bigdir_places);

static const char *const heads[N_ART][4] = {
	{ "Beratung", "Sprechstunde", "Migrationsberatung", "Berufsberatung" },
	{ "Deutschkurs", "Sprachcafé", "Berufssprachkurs", "Konversationskurs" },
	{ "Berufe entdecken", "Praktikumsbörse", "Werkstatttage", "Zukunftstag" },
	{ "Bewerbungstraining", "Bewerbungswerkstatt", "Bewerbungsmappen-Check", "Vorstellungsgespräch üben" },
	{ "Mentoring", "Patenschaftsprogramm", "Ausbildungspaten", "Tandemprogramm" },
	{ "Nachhilfe", "Lernförderung", "Hausaufgabenhilfe", "Prüfungsvorbereitung" },
	{ "Assistierte Ausbildung", "Ausbildungsbegleitung", "Coaching für Azubis", "Azubi-Treff" },
	{ "Elterncafé", "Elternabend", "Elternlotsen", "Elternseminar" },
	{ "Einstiegsqualifizierung", "Teilqualifizierung", "Qualifizierungskurs", "Anpassungsqualifizierung" },
	{ "Ganztagsangebot", "Lernwerkstatt am Nachmittag", "Jugendtreff", "Ferienprogramm" },
};
static const char *const tails[] = {
	"für Geflüchtete", "für junge Frauen", "für Neuzugewanderte", "für Eltern", "für Schüler:innen",
	"für Auszubildende", "im Stadtteil", "am Abend", "kompakt", "online", "Plus", "in einfacher Sprache",
	"A2", "B1", "B2", "",
};
static const char *const sentences[] = {
	"Wir begleiten junge Menschen mit Migrationsgeschichte auf dem Weg von der Schule in die Ausbildung.",
	"In kleinen Gruppen üben die Teilnehmenden Bewerbungsschreiben, Lebenslauf und Vorstellungsgespräche.",
	"Erfahrene Ehrenamtliche unterstützen bei Fragen rund um Schule, Praktikum und Beruf.",
	"Der Kurs vermittelt berufsbezogenes Deutsch und bereitet auf die Prüfung vor.",
	"Wir beraten zur Anerkennung ausländischer Abschlüsse und helfen beim Antrag.",
	"Eltern erfahren, wie das duale Ausbildungssystem funktioniert.",
	"Die Beratung ist vertraulich und auf Wunsch mehrsprachig.",
	"Gemeinsam mit Betrieben aus der Region organisieren wir Praktika und Schnuppertage.",
	"Auszubildende erhalten Nachhilfe in Fachtheorie, Mathematik und Deutsch.",
	"Die Teilnahme ist mit Bildungsgutschein oder über das Jobcenter möglich.",
};
static const char *const provider_kinds[] = { "Jugendmigrationsdienst", "Volkshochschule", "Bildungswerk",
					      "Integrationszentrum", "Kulturverein", "Beratungsstelle",
					      "Familienzentrum", "Jugendwerkstatt" };
static const char *const provider_towns[] = { "Mainz", "Ludwigshafen", "Bingen", "Ingelheim", "Rheinhessen",
					      "Vorderpfalz" };

/* ---- randomness (splitmix64: the same seed, the same directory) ---- */

uint64_t bigdir_rnd(uint64_t *s)
{
	uint64_t z = (*s += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

int bigdir_pick(uint64_t *s, int n)
{
	return (int)(bigdir_rnd(s) % (uint64_t)n);
}

static int chance(uint64_t *s, int per_mille)
{
	return bigdir_pick(s, 1000) < per_mille;
}

int bigdir_term(const char *key)
{
	for (size_t i = 0; i < bigdir_n_terms; i++)
		if (strcmp(bigdir_terms[i], key) == 0)
			return (int)i;
	return -1;
}

static const char *term_code(int t)
{
	return strchr(bigdir_terms[t], ':') + 1;
}

/* ---- the model ---- */

static void gen_offer(struct bigdir *d, uint64_t *s, size_t i, struct bigdir_offer *o)
{
	arena *a = d->a;
	memset(o, 0, sizeof(*o));
	/* a few big providers, many small ones */
	o->org = chance(s, 300) ? bigdir_pick(s, 8) : bigdir_pick(s, (int)d->n_orgs);
	int art = bigdir_pick(s, N_ART);
	o->terms |= 1ull << (T_ART + art);
	if (chance(s, 250))
		o->terms |= 1ull << (T_ART + bigdir_pick(s, N_ART));
	for (int k = bigdir_pick(s, 3); k > 0; k--)
		o->terms |= 1ull << (T_GROUP + bigdir_pick(s, N_GROUP));
	for (int k = bigdir_pick(s, 3); k > 0; k--)
		o->terms |= 1ull << (T_PHASE + bigdir_pick(s, N_PHASE));
	if (chance(s, 400))
		o->terms |= 1ull << (T_FUND + bigdir_pick(s, N_FUND));
	for (size_t l = 0; l < bigdir_n_langs; l++)
		if (chance(s, lang_odds[l]))
			o->langs |= 1u << l;

	/* ages: rarely open, so that an age alone can leave few results */
	int r = bigdir_pick(s, 1000);
	if (r < 5) {
		o->min_age = o->max_age = -1;
	} else {
		o->min_age = r < 15 ? -1 : r < 25 ? bigdir_pick(s, 6) : 6 + bigdir_pick(s, 25);
		o->max_age = chance(s, 20) ? -1 : (o->min_age < 0 ? 10 : o->min_age) + bigdir_pick(s, 21);
	}
	o->free_of_charge = chance(s, 600);
	r = bigdir_pick(s, 1000);
	o->active = r >= 50;
	o->archived = chance(s, 20);

	/* places: the first offers use each place once, so that every
	 * place exists as a location to link further offers to */
	r = bigdir_pick(s, 1000);
	o->n_places = i < bigdir_n_places ? 1 : r < 80 ? 0 : r < 830 ? 1 : r < 960 ? 2 : 3;
	for (int k = 0; k < o->n_places; k++) {
		int p, dup;
		do {
			p = i < bigdir_n_places && k == 0 ? (int)i : bigdir_pick(s, (int)bigdir_n_places);
			dup = 0;
			for (int j = 0; j < k; j++)
				dup |= o->places[j] == p;
		} while (dup);
		o->places[k] = p;
	}
	if (o->n_places && bigdir_places[o->places[0]].ort && chance(s, 700))
		o->terms |= 1ull << bigdir_term(bigdir_places[o->places[0]].ort);
	else if (chance(s, 100))
		o->terms |= 1ull << (T_ORT + bigdir_pick(s, N_ORT));

	/* name and description, with the made-up words */
	buf b;
	buf_init(&b, 0);
	buf_puts(&b, heads[art][bigdir_pick(s, 4)]);
	for (size_t w = 0; w < bigdir_n_words; w++) {
		if (chance(s, word_name_odds[w])) {
			o->words_name |= 1u << w;
			buf_printf(&b, " %c%s", bigdir_words[w][0] - 'a' + 'A', bigdir_words[w] + 1);
		}
	}
	const char *tail = tails[bigdir_pick(s, NELEM(tails))];
	if (*tail)
		buf_printf(&b, " %s", tail);
	if (chance(s, 300))
		buf_printf(&b, " %d", 1 + bigdir_pick(s, 40));
	o->name = arena_strdup(a, buf_str(&b));
	buf_reset(&b);
	buf_printf(&b, "%s %s", sentences[bigdir_pick(s, NELEM(sentences))], sentences[bigdir_pick(s, NELEM(sentences))]);
	for (size_t w = 0; w < bigdir_n_words; w++) {
		if (chance(s, word_desc_odds[w])) {
			o->words_desc |= 1u << w;
			buf_printf(&b, " Mit %s.", bigdir_words[w]);
		}
	}
	o->desc = arena_strdup(a, buf_str(&b));
	buf_free(&b);
}

static const char *const statuses[] = { "inaktiv", "eingestellt", "vorübergehend geschlossen" };

/* The spreadsheet: one row per offer; the column Kapazität holds the row
 * number, which finds the offer's id afterwards. */
static void write_csv(const struct bigdir *d, buf *b, uint64_t *s)
{
	buf_puts(b, "Träger;Angebot;Beschreibung;Status;Zielgruppe;Angebotsart;Übergangsphase;Förderung;"
		    "Stadtteil/Ort;Sprachen;Alter von;Alter bis;kostenlos;Straße;PLZ;Ort;Breitengrad;Längengrad;"
		    "Kapazität\n");
	static const int tax_from[] = { T_GROUP, T_ART, T_PHASE, T_FUND, T_ORT };
	static const int tax_n[] = { N_GROUP, N_ART, N_PHASE, N_FUND, N_ORT };
	for (size_t i = 0; i < d->n_offers; i++) {
		const struct bigdir_offer *o = &d->offers[i];
		buf_printf(b, "%s;%s;%s;%s", d->orgs[o->org].name, o->name, o->desc,
			   o->active ? (chance(s, 500) ? "aktiv" : "") : statuses[bigdir_pick(s, 3)]);
		for (int t = 0; t < 5; t++) {
			buf_putc(b, ';');
			int first = 1;
			for (int k = tax_from[t]; k < tax_from[t] + tax_n[t]; k++) {
				if (!(o->terms >> k & 1))
					continue;
				buf_printf(b, "%s%s", first ? "" : ", ", term_code(k));
				first = 0;
			}
		}
		buf_putc(b, ';');
		for (size_t l = 0, first = 1; l < bigdir_n_langs; l++) {
			if (o->langs >> l & 1) {
				buf_printf(b, "%s%s", first ? "" : " ", bigdir_langs[l]);
				first = 0;
			}
		}
		buf_putc(b, ';');
		if (o->min_age >= 0)
			buf_printf(b, "%d", o->min_age);
		buf_putc(b, ';');
		if (o->max_age >= 0)
			buf_printf(b, "%d", o->max_age);
		buf_printf(b, ";%s", o->free_of_charge ? "ja" : "nein");
		if (o->n_places) {
			const struct bigdir_place *p = &bigdir_places[o->places[0]];
			buf_printf(b, ";%s;%s;%s;", p->street, p->postcode, p->city);
			if (p->has_coords)
				buf_printf(b, "%.4f;%.4f", p->lat, p->lon);
			else
				buf_putc(b, ';');
		} else {
			buf_puts(b, ";;;;;");
		}
		buf_printf(b, ";%zu\n", i);
	}
}

static void make_uuid(uint64_t *s, char out[37])
{
	uint64_t x = bigdir_rnd(s), y = bigdir_rnd(s);
	snprintf(out, 37, "%08x-%04x-4%03x-8%03x-%012llx", (unsigned)(x >> 32), (unsigned)(x >> 16) & 0xFFFF,
		 (unsigned)x & 0xFFF, (unsigned)(y >> 48) & 0xFFF, (unsigned long long)(y & 0xFFFFFFFFFFFFull));
}

/* What the spreadsheet cannot say, by SQL; then the index. */
static int after_import(struct bigdir *d, uint64_t *s)
{
	struct store *db = d->db;
	int rc = store_begin(db);
	sqlite3_stmt *st;
	/* the ids */
	if (rc == ST_OK && (st = store_stmt(db, "SELECT id, capacity FROM service"))) {
		size_t n = 0;
		while (sqlite3_step(st) == SQLITE_ROW) {
			sqlite3_int64 k = sqlite3_column_int64(st, 1);
			if (k >= 0 && (size_t)k < d->n_offers) {
				snprintf(d->offers[k].id, sizeof(d->offers[k].id), "%s", store_col_text(st, 0));
				n++;
			}
		}
		sqlite3_reset(st);
		if (n != d->n_offers) {
			fprintf(stderr, "bigdir: %zu of %zu offers stored\n", n, d->n_offers);
			rc = ST_ERR;
		}
	}
	if (rc == ST_OK && (st = store_stmt(db, "SELECT id FROM organization WHERE name = ?"))) {
		for (size_t i = 0; i < d->n_orgs && rc == ST_OK; i++) {
			sqlite3_bind_text(st, 1, d->orgs[i].name, -1, SQLITE_STATIC);
			if (sqlite3_step(st) == SQLITE_ROW)
				snprintf(d->orgs[i].id, sizeof(d->orgs[i].id), "%s", store_col_text(st, 0));
			else
				rc = ST_ERR; /* every provider has an offer (gen) */
			sqlite3_reset(st);
		}
	}
	/* archived offers and one archived provider */
	for (size_t i = 0; i < d->n_offers && rc == ST_OK; i++) {
		if (!d->offers[i].archived)
			continue;
		st = store_stmt(db, "UPDATE service SET archived = 1 WHERE id = ?");
		rc = st ? (sqlite3_bind_text(st, 1, d->offers[i].id, -1, SQLITE_STATIC), store_exec_stmt(db, st)) : ST_ERR;
	}
	for (size_t i = 0; i < d->n_orgs && rc == ST_OK; i++) {
		if (!d->orgs[i].archived)
			continue;
		st = store_stmt(db, "UPDATE organization SET archived = 1 WHERE id = ?");
		rc = st ? (sqlite3_bind_text(st, 1, d->orgs[i].id, -1, SQLITE_STATIC), store_exec_stmt(db, st)) : ST_ERR;
	}
	/* further places: a location with that address (any provider's) */
	for (size_t i = 0; i < d->n_offers && rc == ST_OK; i++) {
		const struct bigdir_offer *o = &d->offers[i];
		for (int k = 1; k < o->n_places && rc == ST_OK; k++) {
			const struct bigdir_place *p = &bigdir_places[o->places[k]];
			char id[37];
			make_uuid(s, id);
			st = store_stmt(db, "INSERT INTO service_at_location(id, service_id, location_id) "
					    "VALUES (?1, ?2, (SELECT location_id FROM address WHERE address_1 = ?3 "
					    "AND postal_code = ?4 ORDER BY location_id LIMIT 1))");
			if (!st) {
				rc = ST_ERR;
				break;
			}
			sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(st, 2, o->id, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 3, p->street, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 4, p->postcode, -1, SQLITE_STATIC);
			rc = store_exec_stmt(db, st);
		}
	}
	for (size_t k = 0; k < bigdir_n_places && rc == ST_OK; k++) {
		if (!bigdir_places[k].confidential)
			continue;
		st = store_stmt(db, "UPDATE location SET confidential = 1 WHERE id IN (SELECT location_id FROM "
				    "address WHERE address_1 = ?1 AND postal_code = ?2)");
		if (!st) {
			rc = ST_ERR;
			break;
		}
		sqlite3_bind_text(st, 1, bigdir_places[k].street, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, bigdir_places[k].postcode, -1, SQLITE_STATIC);
		rc = store_exec_stmt(db, st);
	}
	/* the index from scratch: its docids then follow the ids (the name
	 * order's tie-break) */
	if (rc == ST_OK)
		rc = dir_search_rebuild(db, NULL);
	if (rc == ST_OK)
		rc = store_commit(db);
	else
		store_rollback(db);
	return rc;
}

struct name_key {
	const char *key, *id;
	uint32_t i;
};

static int cmp_name(const void *x, const void *y)
{
	const struct name_key *a = x, *b = y;
	int c = strcmp(a->key, b->key);
	return c ? c : strcmp(a->id, b->id);
}

/* The postcode table, the id index, the name order. */
static int after_index(struct bigdir *d)
{
	sqlite3_stmt *st = store_stmt(d->db, "SELECT code, latitude, longitude FROM postcode ORDER BY code");
	if (!st)
		return ST_ERR;
	size_t cap = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (d->n_postcodes == cap) {
			cap = cap ? cap * 2 : 128;
			struct bigdir_postcode *v = arena_alloc(d->a, cap * sizeof(*v));
			if (d->n_postcodes)
				memcpy(v, d->postcodes, d->n_postcodes * sizeof(*v));
			d->postcodes = v;
		}
		struct bigdir_postcode *p = &d->postcodes[d->n_postcodes++];
		snprintf(p->code, sizeof(p->code), "%s", store_col_text(st, 0));
		p->lat = sqlite3_column_double(st, 1);
		p->lon = sqlite3_column_double(st, 2);
	}
	sqlite3_reset(st);

	/* the ids in order: names all equal, the id decides */
	d->by_id = arena_alloc(d->a, (d->n_offers ? d->n_offers : 1) * sizeof(*d->by_id));
	struct name_key *k = malloc((d->n_offers ? d->n_offers : 1) * sizeof(*k));
	if (!k)
		return ST_ERR;
	for (size_t i = 0; i < d->n_offers; i++)
		k[i] = (struct name_key){ "", d->offers[i].id, (uint32_t)i };
	qsort(k, d->n_offers, sizeof(*k), cmp_name);
	for (size_t i = 0; i < d->n_offers; i++)
		d->by_id[i] = k[i].i;

	/* the finder's name order: the folded name, then the docid (= id order) */
	size_t n = 0;
	arena *tmp = arena_new();
	int rc = ST_OK;
	for (size_t i = 0; i < d->n_offers; i++) {
		struct bigdir_offer *o = &d->offers[i];
		o->public_ = o->active && !o->archived && !d->orgs[o->org].archived;
		if (!o->public_)
			continue;
		const char *key = search_normalize(d->db, tmp, o->name, 0);
		if (!key) {
			rc = ST_ERR;
			break;
		}
		k[n++] = (struct name_key){ key, o->id, (uint32_t)i };
	}
	qsort(k, n, sizeof(*k), cmp_name);
	d->by_name = arena_alloc(d->a, (n ? n : 1) * sizeof(*d->by_name));
	for (size_t r = 0; r < n; r++) {
		d->offers[k[r].i].name_rank = (uint32_t)r;
		d->by_name[r] = k[r].i;
	}
	d->n_public = n;
	arena_free(tmp);
	free(k);
	return rc;
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int bigdir_build(struct bigdir *d, size_t n, uint64_t seed)
{
	memset(d, 0, sizeof(*d));
	double t0 = now_s();
	uint64_t s = seed;
	int rc = ST_ERR;
	char path[128], err[300] = "";
	buf csv;
	buf_init(&csv, 0);
	d->a = arena_new();
	snprintf(d->dir, sizeof(d->dir), "%s/lotse-bigdir-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (strlen(d->dir) >= sizeof(d->dir) - 1 || !mkdtemp(d->dir)) {
		snprintf(d->dir, sizeof(d->dir), "/tmp/lotse-bigdir-XXXXXX");
		if (!mkdtemp(d->dir)) {
			d->dir[0] = '\0';
			fprintf(stderr, "bigdir: no temp dir\n");
			goto out;
		}
	}
	snprintf(path, sizeof(path), "%s/big.db", d->dir);
	search_init(); /* the schema needs its tokenizer */
	if (store_open(path, STORE_CREATE, &d->db, err, sizeof(err)) != ST_OK ||
	    store_migrate(d->db, err, sizeof(err)) != ST_OK) {
		fprintf(stderr, "bigdir: %s\n", err);
		goto out;
	}
	store_exec(d->db, "PRAGMA synchronous = OFF"); /* a throwaway database */

	/* providers: each gets its offer before the others are spread */
	d->n_orgs = n / 100 > 8 ? n / 100 : 8;
	d->orgs = arena_alloc(d->a, d->n_orgs * sizeof(*d->orgs));
	for (size_t i = 0; i < d->n_orgs; i++)
		d->orgs[i].name = arena_printf(d->a, "%s %s Nr. %zu", provider_kinds[i % NELEM(provider_kinds)],
					       provider_towns[bigdir_pick(&s, NELEM(provider_towns))], i + 1);
	d->orgs[d->n_orgs - 1].archived = 1;
	d->n_offers = n;
	d->offers = arena_alloc(d->a, (n ? n : 1) * sizeof(*d->offers));
	for (size_t i = 0; i < n; i++) {
		gen_offer(d, &s, i, &d->offers[i]);
		if (i < d->n_orgs)
			d->offers[i].org = (int)i;
	}

	write_csv(d, &csv, &s);
	struct dir_import_opts o = { .who = "bigdir" };
	struct dir_import_result res;
	arena *ia = arena_new();
	rc = dir_import_offers(d->db, ia, csv.data, csv.len, &o, &res);
	if (rc == ST_OK && (res.bad || res.refused || res.created != (long)n)) {
		for (size_t i = 0; i < res.n_problems && i < 5; i++)
			fprintf(stderr, "bigdir: %s\n", dir_import_problem_text(ia, "de", &res.problems[i]));
		fprintf(stderr, "bigdir: import created %ld of %zu offers\n", res.created, n);
		rc = ST_ERR;
	}
	arena_free(ia);
	if (getenv("BIGDIR_VERBOSE"))
		fprintf(stderr, "bigdir: imported after %.2f s\n", now_s() - t0);
	if (rc == ST_OK)
		rc = after_import(d, &s);
	if (getenv("BIGDIR_VERBOSE"))
		fprintf(stderr, "bigdir: indexed after %.2f s\n", now_s() - t0);
	if (rc == ST_OK)
		rc = after_index(d);
	d->build_s = now_s() - t0;
out:
	buf_free(&csv);
	if (rc != ST_OK) {
		fprintf(stderr, "bigdir: build failed\n");
		bigdir_free(d);
		return ST_ERR;
	}
	return ST_OK;
}

void bigdir_free(struct bigdir *d)
{
	if (d->db)
		store_close(d->db);
	if (d->dir[0]) {
		char p[128];
		static const char *const files[] = { "big.db", "big.db-wal", "big.db-shm", "big.db-journal" };
		for (size_t i = 0; i < NELEM(files); i++) {
			snprintf(p, sizeof(p), "%s/%s", d->dir, files[i]);
			unlink(p);
		}
		rmdir(d->dir);
	}
	if (d->a)
		arena_free(d->a);
	memset(d, 0, sizeof(*d));
}

long bigdir_find(const struct bigdir *d, const char *id)
{
	size_t lo = 0, hi = d->n_offers;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(d->offers[d->by_id[mid]].id, id);
		if (c == 0)
			return d->by_id[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}
