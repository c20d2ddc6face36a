/* fuzz_offers_csv.c — the flat offer import (dir_import_offers) on
 * arbitrary bytes, against an in-memory database holding the default
 * taxonomies and one provider with one offer at one place (so rows can
 * name them, and change that offer by its id).
 *
 * The input is the file. When its first byte is '\x01', the rest follows
 * a fixed header naming every column (';'), so mutations spend their time
 * on rows rather than on finding a header.
 *
 * Properties: the import finishes (ST_OK); every row read is counted once
 * as created, updated or refused, and refused rows come with a problem
 * that names their line; a refused file writes nothing; exactly the
 * created offers are new in the database; afterwards the database passes
 * its CHECK constraints (quick_check) and foreign keys, although the
 * import runs with both off. Each run starts again from the fixture.
 * FUZZ_OFFERS_VERBOSE=1 prints each run's problems. */
#include "fuzz.h"
#include "search/search.h"
#include "core/core.h"
#include "core/i18n.h"
#include "directory/import/import.h"

static struct store *db;

#define ORG "0aaaaaaa-0000-4000-8000-000000000001"
#define LOC "0bbbbbbb-0000-4000-8000-000000000001"
#define SVC "0ccccccc-0000-4000-8000-000000000001"

static const char fixture[] =
	"DELETE FROM service; DELETE FROM location; DELETE FROM organization; DELETE FROM metadata;"
	"DELETE FROM attribute; DELETE FROM search_dirty;"
	"INSERT INTO organization(id, name) VALUES ('" ORG "', 'Fuzz-Träger');"
	"INSERT INTO location(id, organization_id, latitude, longitude) VALUES ('" LOC "', '" ORG "', 50, 8.2);"
	"INSERT INTO address(id, location_id, address_1, postal_code, city) "
	"VALUES ('0eeeeeee-0000-4000-8000-000000000001', '" LOC "', 'Weg 1', '55116', 'Mainz');"
	"INSERT INTO service(id, organization_id, name, minimum_age, maximum_age) "
	"VALUES ('" SVC "', '" ORG "', 'Angebot', 10, 20);"
	"INSERT INTO service_at_location(id, service_id, location_id) "
	"VALUES ('0ddddddd-0000-4000-8000-000000000001', '" SVC "', '" LOC "');"
	"INSERT INTO language(id, service_id, code) VALUES ('0fffffff-0000-4000-8000-000000000001', '" SVC "', 'de');";

static const char header[] =
	"id;Träger;Angebot;Beschreibung;Status;Zielgruppe;Angebotsart;Übergangsphase;Förderung;Stadtteil/Ort;"
	"Sprachen;Alter von;Alter bis;kostenlos;Kosten;Anmeldung;Voraussetzungen;Zeiten;Straße;PLZ;Ort;"
	"Breitengrad;Längengrad;Telefon;E-Mail;Website;Ansprechperson;Kapazität;Format;zuletzt geprüft\n";

static long scalar(const char *sql)
{
	sqlite3_stmt *st = store_stmt(db, sql);
	FUZZ_CHECK(st != NULL);
	long v = sqlite3_step(st) == SQLITE_ROW ? (long)sqlite3_column_int64(st, 0) : -1;
	sqlite3_reset(st);
	return v;
}

static void check_clean(void)
{
	sqlite3_stmt *st = store_stmt(db, "PRAGMA quick_check");
	FUZZ_CHECK(st != NULL);
	int ok = 1;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *v = store_col_text(st, 0);
		if (strcmp(v, "ok") != 0) {
			fprintf(stderr, "quick_check: %s\n", v);
			ok = 0;
		}
	}
	sqlite3_reset(st);
	FUZZ_CHECK(ok);
	FUZZ_CHECK(scalar("SELECT count(*) FROM pragma_foreign_key_check") == 0);
	/* what the schema cannot say: every offer's attributes name a term */
	FUZZ_CHECK(scalar("SELECT count(*) FROM attribute a LEFT JOIN service s ON s.id = a.link_id "
			  "WHERE a.link_entity = 'service' AND s.id IS NULL") == 0);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	search_init(); /* the schema needs its tokenizer */
	(void)argc, (void)argv;
	char err[300];
	if (i18n_init() != 0 || store_open(":memory:", STORE_CREATE, &db, err, sizeof(err)) != ST_OK ||
	    store_migrate(db, err, sizeof(err)) != ST_OK) {
		fprintf(stderr, "fuzz_offers_csv: setup failed: %s\n", err);
		abort();
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FUZZ_CHECK(store_exec(db, fixture) == ST_OK);
	char *in;
	size_t len;
	if (size > 0 && data[0] == 1) {
		len = strlen(header) + size - 1;
		in = malloc(len);
		if (!in)
			abort();
		memcpy(in, header, strlen(header));
		memcpy(in + strlen(header), data + 1, size - 1);
	} else {
		len = size;
		in = fuzz_copy(data, size);
	}
	long before = scalar("SELECT count(*) FROM service");
	arena *a = arena_new();
	struct dir_import_result res;
	struct dir_import_opts o = { .who = "fuzz" };
	int rc = dir_import_offers(db, a, in, len, &o, &res);
	FUZZ_CHECK(rc == ST_OK);
	FUZZ_CHECK(sqlite3_get_autocommit(store_db(db)));
	if (getenv("FUZZ_OFFERS_VERBOSE"))
		for (size_t i = 0; i < res.n_problems; i++)
			fprintf(stderr, "%s\n", dir_import_problem_text(a, "de", &res.problems[i]));
	for (size_t i = 0; i < res.n_problems; i++)
		FUZZ_CHECK(dir_import_problem_text(a, "en", &res.problems[i]) != NULL);
	for (size_t i = 0; i < res.n_notes; i++)
		FUZZ_CHECK(dir_import_problem_text(a, "de", &res.notes[i]) != NULL);
	FUZZ_CHECK(res.separator == ';' || res.separator == ',' || res.separator == '\t');
	if (res.refused) {
		FUZZ_CHECK(res.created == 0 && res.updated == 0);
		FUZZ_CHECK(res.n_problems > 0);
		FUZZ_CHECK(scalar("SELECT count(*) FROM service") == before);
	} else {
		FUZZ_CHECK(res.rows == res.created + res.updated + res.unchanged + res.bad);
		/* every refused row has one problem or more (all of its own) */
		FUZZ_CHECK(res.n_problems >= (size_t)res.bad);
		FUZZ_CHECK(res.bad > 0 || res.n_problems == 0);
		/* a link for every new and changed offer, to one that is stored */
		FUZZ_CHECK(res.n_links == (size_t)(res.created + res.updated));
		for (size_t i = 0; i < res.n_links; i++) {
			sqlite3_stmt *q = store_stmt(db, "SELECT count(*) FROM service WHERE id = ?");
			FUZZ_CHECK(q != NULL);
			store_bind_str(q, 1, res.links[i].id);
			FUZZ_CHECK(store_step(q) > 0 && sqlite3_column_int(q, 0) == 1);
			sqlite3_reset(q);
		}
		for (size_t i = 0; i < res.n_problems; i++) {
			FUZZ_CHECK(res.problems[i].line >= 2);
			if (i > 0)
				FUZZ_CHECK(res.problems[i].line >= res.problems[i - 1].line);
		}
		FUZZ_CHECK(scalar("SELECT count(*) FROM service") == before + res.created);
		FUZZ_CHECK(res.updated == 0 || scalar("SELECT count(*) FROM service WHERE id = '" SVC "'") == 1);
	}
	check_clean();
	arena_free(a);
	free(in);
	return 0;
}
