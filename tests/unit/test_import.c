/* test_import.c — the parts of the flat offer import that need no file:
 * header names and their aliases, encoding and separator detection, the
 * checks of one row, and the import of a few rows into a fresh database
 * (whole rows only, the change log, update by id). */
#include "directory/import/import_internal.h"
#include "search/search.h"
#include "core/buf.h"
#include "core/core.h"
#include "core/i18n.h"
#include "../support/testdb.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct store *db;
static arena *A;
static struct dir_import_terms terms;

static int setup(void **state)
{
	(void)state;
	char err[300];
	if (i18n_init() != 0 || store_open(":memory:", STORE_CREATE, &db, err, sizeof(err)) != ST_OK ||
	    store_migrate(db, err, sizeof(err)) != ST_OK)
		return -1;
	A = arena_new();
	return dir_import_terms_build(A, db, &terms) == ST_OK ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	arena_free(A);
	store_close(db);
	i18n_free();
	return 0;
}

static long scalar(const char *sql)
{
	return testdb_scalar(db, sql);
}

static void test_headers(void **state)
{
	(void)state;
	assert_int_equal(dir_import_col_find("Träger"), IC_ORG);
	assert_int_equal(dir_import_col_find("TRAEGER"), IC_ORG);
	assert_int_equal(dir_import_col_find(" organization "), IC_ORG);
	assert_int_equal(dir_import_col_find("Alter von"), IC_AGE_MIN);
	assert_int_equal(dir_import_col_find("alter_von"), IC_AGE_MIN);
	assert_int_equal(dir_import_col_find("minimum_age"), IC_AGE_MIN);
	assert_int_equal(dir_import_col_find("E-Mail"), IC_EMAIL);
	assert_int_equal(dir_import_col_find("Stadtteil/Ort"), IC_AREA);
	assert_int_equal(dir_import_col_find("Ort"), IC_CITY);
	assert_int_equal(dir_import_col_find("Straße"), IC_STREET);
	assert_int_equal(dir_import_col_find("Strasse"), IC_STREET);
	assert_int_equal(dir_import_col_find("zuletzt geprüft"), IC_ASSURED);
	assert_int_equal(dir_import_col_find("Übergangsphase"), IC_PHASE);
	assert_int_equal(dir_import_col_find("Längengrad"), IC_LON);
	assert_int_equal(dir_import_col_find("Kapazität"), IC_CAPACITY);
	assert_int_equal(dir_import_col_find("Lieblingsfarbe"), -1);
	assert_int_equal(dir_import_col_find(""), -1);
	assert_int_equal(dir_import_col_find("---"), -1);
	for (int c = 0; c < IC__MAX; c++)
		assert_int_equal(dir_import_col_find(dir_import_col_label(c)), c);
}

static void test_decode(void **state)
{
	(void)state;
	size_t n;
	const char *enc, *why;
	char sep;
	/* UTF-8: the text itself past the BOM, no copy */
	const char *utf8 = "\xEF\xBB\xBFTräger,Angebot\n";
	const char *t = dir_import_decode(utf8, 19, &n, A, &enc, &sep, &why);
	assert_ptr_equal(t, utf8 + 3);
	assert_string_equal(enc, "UTF-8");
	assert_int_equal(sep, ',');
	assert_int_equal(strncmp(t, "Träger", 7), 0);
	/* Windows-1252: ä ß € and curly quotes */
	const char *cp = "Tr\xe4ger;\x80\xdf\x84\x93";
	t = dir_import_decode(cp, 11, &n, A, &enc, &sep, &why);
	assert_ptr_not_equal(t, cp);
	assert_string_equal(enc, "Windows-1252");
	assert_int_equal(sep, ';');
	assert_int_equal(n, strlen("Träger;€ß„“"));
	assert_memory_equal(t, "Träger;€ß„“", n);
	/* separators inside quotes do not count; a tie goes to ';' */
	dir_import_decode("\"a,b,c\";x;y\n", 12, &n, A, &enc, &sep, &why);
	assert_int_equal(sep, ';');
	dir_import_decode("a;b,c\n", 6, &n, A, &enc, &sep, &why);
	assert_int_equal(sep, ';');
	dir_import_decode("a\tb\tc;d\n", 8, &n, A, &enc, &sep, &why);
	assert_int_equal(sep, '\t');
	/* not CSV text */
	assert_null(dir_import_decode("\xff\xfeT\0r\0", 6, &n, A, &enc, &sep, &why));
	assert_non_null(strstr(why, "UTF-16"));
	assert_null(dir_import_decode("PK\x03\x04xx", 6, &n, A, &enc, &sep, &why));
	assert_non_null(strstr(why, "Excel"));
	assert_null(dir_import_decode("a;b\0", 4, &n, A, &enc, &sep, &why));
	assert_non_null(strstr(why, "Nullbytes"));
}

/* Map a row given as column/value pairs ending in -1. */
static int map(struct dir_import_row *row, struct dir_import_problem *p, ...)
{
	const char *val[IC__MAX] = { 0 };
	va_list ap;
	va_start(ap, p);
	for (int c = va_arg(ap, int); c >= 0; c = va_arg(ap, int))
		val[c] = va_arg(ap, const char *);
	va_end(ap);
	size_t n = 0;
	return dir_import_row_map(A, val, &terms, row, p, 1, &n);
}

/* The problem of a refused row as German text. */
static const char *why(const struct dir_import_problem *p)
{
	return dir_import_problem_text(A, "de", p);
}

static void test_row_values(void **state)
{
	(void)state;
	struct dir_import_row r;
	struct dir_import_problem p;
	assert_int_equal(map(&r, &p, IC_ORG, "JMD", IC_NAME, "Kurs  mit\nUmbruch ", IC_DESCRIPTION, "Zeile 1\r\nZeile 2",
			     IC_STATUS, "Vorübergehend geschlossen", IC_DELIVERY, "hybrid", IC_FREE, "X",
			     IC_AGE_MIN, "16", IC_AGE_MAX, "27", IC_ASSURED, "1.3.2024", IC_LANGUAGES, "DE, Türkisch ar",
			     IC_KIND, "Sprachförderung; beratung;SPRACHFOERDERUNG", IC_TARGET, "Schüler:innen",
			     IC_FUNDING, "EU/ESF", IC_AREA, "Ludwigshafen-Nord/Hemshof", IC_WEBSITE, "www.example.org",
			     IC_PHONE, "06131 123; +49 (621) 5-6", IC_LAT, "49,5", IC_LON, "8.44", IC_STREET, "Weg 1", -1),
			 0);
	assert_string_equal(r.sv.name, "Kurs mit Umbruch");
	assert_string_equal(r.sv.description, "Zeile 1\nZeile 2");
	assert_string_equal(r.sv.status, "temporarily closed");
	assert_string_equal(r.sv.delivery, "mixed");
	assert_int_equal(r.sv.free_of_charge, 1);
	assert_int_equal(r.sv.minimum_age, 16);
	assert_int_equal(r.sv.maximum_age, 27);
	assert_string_equal(r.sv.assured_date, "2024-03-01");
	assert_int_equal(r.sv.n_languages, 3);
	assert_string_equal(r.sv.languages[0].code, "de");
	assert_string_equal(r.sv.languages[1].code, "tr");
	assert_string_equal(r.sv.languages[1].name, "Türkisch");
	assert_string_equal(r.sv.languages[2].code, "ar");
	assert_int_equal(r.sv.n_terms, 5); /* the repeated term once */
	assert_int_equal(r.sv.n_funding, 1);
	assert_string_equal(r.sv.funding[0], "EU/ESF");
	assert_string_equal(r.sv.url, "https://www.example.org");
	assert_int_equal(r.sv.n_phones, 2);
	assert_string_equal(r.sv.phones[1].number, "+49 (621) 5-6");
	assert_true(r.loc.has_coords);
	assert_true(r.loc.latitude > 49.49 && r.loc.latitude < 49.51);
	assert_true(r.loc.has_address);
	assert_null(r.id);
	/* an English label finds the term too */
	assert_int_equal(map(&r, &p, IC_ORG, "X", IC_NAME, "Y", IC_KIND, "Language support", -1), 0);
	assert_int_equal(r.sv.n_terms, 1);
}

static void test_row_problems(void **state)
{
	(void)state;
	struct dir_import_row r;
	struct dir_import_problem p;
	static const struct {
		int col;
		const char *value, *message;
	} bad[] = {
		{ IC_AGE_MIN, "sechzehn", "Alter von ist keine Zahl: „sechzehn“" },
		{ IC_AGE_MAX, "121", "Alter bis muss zwischen 0 und 120 liegen: „121“" },
		{ IC_CAPACITY, "-3", "Kapazität ist keine Zahl: „-3“" },
		{ IC_ASSURED, "29.02.2023", "zuletzt geprüft ist kein Datum" },
		{ IC_ASSURED, "2024-13-01", "zuletzt geprüft ist kein Datum" },
		{ IC_STATUS, "läuft", "Status „läuft“ ist unbekannt" },
		{ IC_DELIVERY, "Brieftaube", "Format „Brieftaube“ ist unbekannt" },
		{ IC_FREE, "vielleicht", "kostenlos: „vielleicht“ – bitte ja oder nein angeben." },
		{ IC_LANGUAGES, "de, klingonisch", "„klingonisch“ ist kein Sprachcode" },
		{ IC_KIND, "Beratung; Kochkurs", "Angebotsart „Kochkurs“ gibt es nicht" },
		{ IC_EMAIL, "info(at)example.org", "E-Mail ist keine gültige E-Mail-Adresse" },
		{ IC_WEBSITE, "javascript:alert(1)", "Website ist keine Webadresse" },
		{ IC_PHONE, "0800 HILFE", "Telefon ist keine Telefonnummer: „0800 HILFE“" },
		{ IC_POSTCODE, "55116!", "PLZ „55116!“ ist keine Postleitzahl." },
		{ IC_LAT, "91", "Breitengrad und Längengrad gehören zusammen" },
		{ IC_ID, "nicht-uuid", "id ist keine UUID: „nicht-uuid“" },
		{ IC_DESCRIPTION, "Steuer\x01zeichen", "Beschreibung enthält ein unzulässiges Steuerzeichen." },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (map(&r, &p, IC_ORG, "JMD", IC_NAME, "Kurs", bad[i].col, bad[i].value, -1) != -1)
			fail_msg("%s = %s was accepted", dir_import_col_label(bad[i].col), bad[i].value);
		const char *text = why(&p);
		if (!strstr(text, bad[i].message))
			fail_msg("%s = %s: expected '%s' in '%s'", dir_import_col_label(bad[i].col), bad[i].value,
				 bad[i].message, text);
	}
	assert_int_equal(map(&r, &p, IC_ORG, "JMD", IC_NAME, "", -1), -1);
	assert_string_equal(why(&p), "Angebot fehlt.");
	assert_int_equal(map(&r, &p, IC_NAME, "Kurs", -1), -1);
	assert_string_equal(why(&p), "Träger fehlt.");
	assert_int_equal(map(&r, &p, IC_ORG, "J", IC_NAME, "K", IC_AGE_MIN, "20", IC_AGE_MAX, "18", -1), -1);
	assert_string_equal(why(&p), "Alter von ist größer als Alter bis.");
	assert_int_equal(map(&r, &p, IC_ORG, "J", IC_NAME, "K", IC_LAT, "95", IC_LON, "8", -1), -1);
	assert_non_null(strstr(why(&p), "außerhalb"));
	char *longname = malloc(300);
	memset(longname, 'x', 299);
	longname[299] = '\0';
	assert_int_equal(map(&r, &p, IC_ORG, "J", IC_NAME, longname, -1), -1);
	assert_string_equal(why(&p), "Angebot ist zu lang (höchstens 200 Zeichen).");
	free(longname);
	/* with a line: "Zeile N: ..." */
	p.line = 17;
	assert_int_equal(strncmp(why(&p), "Zeile 17: Angebot ist zu lang", 29), 0);
}

/* A row with several problems: all of them, in column order. */
static void test_row_all_problems(void **state)
{
	(void)state;
	const char *val[IC__MAX] = { 0 };
	val[IC_ORG] = "JMD";
	val[IC_NAME] = "";
	val[IC_AGE_MIN] = "sechzehn";
	val[IC_EMAIL] = "info(at)example.org";
	val[IC_PHONE] = "0800 HILFE; 06131 1234";
	val[IC_KIND] = "Beratung; Kochkurs";
	val[IC_POSTCODE] = "55116!";
	struct dir_import_row row;
	struct dir_import_problem p[DIR_IMPORT_ROW_PROBLEMS];
	size_t n = 0;
	assert_int_equal(dir_import_row_map(A, val, &terms, &row, p, DIR_IMPORT_ROW_PROBLEMS, &n), -1);
	assert_int_equal(n, 6);
	static const char *const want[] = {
		"Angebot fehlt.", "Alter von ist keine Zahl", "E-Mail ist keine gültige", "Telefon ist keine",
		"Angebotsart „Kochkurs“", "PLZ „55116!“",
	};
	for (size_t i = 0; i < n; i++)
		if (!strstr(why(&p[i]), want[i]))
			fail_msg("problem %zu: expected '%s' in '%s'", i, want[i], why(&p[i]));
	/* more problems than room: the first ones, counted to the room */
	assert_int_equal(dir_import_row_map(A, val, &terms, &row, p, 2, &n), -1);
	assert_int_equal(n, 2);
}

static void test_import_rows(void **state)
{
	(void)state;
	static const char csv[] = "Träger;Angebot;Sprachen;Angebotsart;Straße;Ort\n"
				  "Unit-Verein;Erstes;de;beratung;Weg 1;Mainz\n"
				  "Unit-Verein;Zweites;xx1;beratung;Weg 1;Mainz\n"
				  "Unit-Verein;Drittes;tr;mentoring;Weg 1;Mainz\n";
	arena *a = arena_new();
	struct dir_import_result res;
	struct dir_import_opts o = { .who = "unit" };
	assert_int_equal(dir_import_offers(db, a, csv, sizeof(csv) - 1, &o, &res), ST_OK);
	assert_int_equal(res.rows, 3);
	assert_int_equal(res.created, 2);
	assert_int_equal(res.bad, 1);
	assert_int_equal(res.providers_created, 1);
	assert_int_equal(res.n_problems, 1);
	assert_int_equal(res.problems[0].line, 3);
	assert_string_equal(dir_import_summary(a, "de", &res), "Angebote importiert: 2, Zeilen mit Fehlern: 1");
	assert_int_equal(scalar("SELECT count(*) FROM service WHERE name IN ('Erstes', 'Drittes')"), 2);
	assert_int_equal(scalar("SELECT count(*) FROM service WHERE name = 'Zweites'"), 0);
	assert_int_equal(scalar("SELECT count(*) FROM location"), 1); /* one place, shared */
	assert_int_equal(scalar("SELECT count(*) FROM metadata WHERE updated_by = 'unit' AND "
				"last_action_type = 'create'"), 4); /* provider, place, two offers */
	assert_int_equal(scalar("SELECT count(*) FROM search_dirty"), 2);
	assert_int_equal(scalar("SELECT count(*) FROM pragma_foreign_key_check"), 0);
	assert_int_equal(scalar("PRAGMA foreign_keys"), 1); /* restored */
	assert_int_equal(scalar("SELECT count(*) FROM pragma_quick_check WHERE quick_check <> 'ok'"), 0);
	assert_int_equal(res.n_links, 2);
	assert_string_equal(res.links[0].name, "Erstes");
	assert_int_equal(res.links[0].changed, 0);
	/* the same file again: provider, place and offers are recognised,
	 * nothing is made again, nothing changes */
	long logged = scalar("SELECT count(*) FROM metadata");
	assert_int_equal(dir_import_offers(db, a, csv, sizeof(csv) - 1, &o, &res), ST_OK);
	assert_int_equal(res.providers_created, 0);
	assert_int_equal(res.created, 0);
	assert_int_equal(res.updated, 0);
	assert_int_equal(res.unchanged, 2);
	assert_int_equal(res.bad, 1);
	assert_int_equal(res.n_links, 0);
	assert_int_equal(scalar("SELECT count(*) FROM metadata"), logged);
	assert_int_equal(scalar("SELECT count(*) FROM organization WHERE name = 'Unit-Verein'"), 1);
	assert_int_equal(scalar("SELECT count(*) FROM location"), 1);
	assert_int_equal(scalar("SELECT count(*) FROM service WHERE name IN ('Erstes', 'Drittes')"), 2);
	/* spelled otherwise (case, spaces), with one change: that offer is updated */
	static const char csv2[] = "Träger;Angebot;Sprachen;Angebotsart;Straße;Ort\n"
				   "unit-verein ; ERSTES;de, tr;beratung;Weg  1;mainz\n"
				   "Unit-Verein;Drittes;tr;mentoring;Weg 1;Mainz\n";
	assert_int_equal(dir_import_offers(db, a, csv2, sizeof(csv2) - 1, &o, &res), ST_OK);
	assert_int_equal(res.created, 0);
	assert_int_equal(res.updated, 1);
	assert_int_equal(res.unchanged, 1);
	assert_int_equal(res.n_links, 1);
	assert_int_equal(res.links[0].changed, 1);
	assert_int_equal(res.links[0].line, 2);
	assert_int_equal(scalar("SELECT count(*) FROM service"), 2);
	assert_int_equal(scalar("SELECT count(*) FROM language l JOIN service s ON s.id = l.service_id "
				"WHERE s.name = 'ERSTES'"), 2);
	assert_int_equal(scalar("SELECT count(*) FROM service_at_location"), 2);
	/* ids are UUIDs */
	assert_int_equal(scalar("SELECT count(*) FROM service WHERE length(id) = 36 AND substr(id, 15, 1) = '7'"), 2);
	arena_free(a);
}

/* Many new offers against few stored: the bulk path (indexes and triggers
 * made again after the rows). The result is the same as row by row: every
 * offer waits for the search index, the schema is whole again. */
static void test_import_bulk(void **state)
{
	(void)state;
	long schema = scalar("SELECT count(*) FROM sqlite_schema");
	long dirty = scalar("SELECT count(*) FROM search_dirty");
	long stored = scalar("SELECT count(*) FROM service");
	buf csv;
	buf_init(&csv, 0);
	buf_puts(&csv, "Träger;Angebot;Zielgruppe;Sprachen;Telefon;Straße;PLZ;Ort\n");
	for (int i = 0; i < 1500; i++) {
		if (i == 700)
			buf_puts(&csv, "Bulk-Verein;;eltern;de;;;;\n"); /* no name: reported, nothing written */
		buf_printf(&csv, "Bulk-Verein %d;Bulk-Kurs %d;eltern;de, tr;06131 %06d;Weg %d;55116;Mainz\n", i % 40,
			   i, i, i % 90);
	}
	arena *a = arena_new();
	struct dir_import_result res;
	struct dir_import_opts o = { .who = "unit" };
	assert_int_equal(dir_import_offers(db, a, buf_str(&csv), csv.len, &o, &res), ST_OK);
	assert_int_equal(res.created, 1500);
	assert_int_equal(res.bad, 1);
	assert_int_equal(res.problems[0].line, 702);
	assert_int_equal(res.providers_created, 40);
	assert_int_equal(scalar("SELECT count(*) FROM service"), stored + 1500);
	assert_int_equal(scalar("SELECT count(*) FROM search_dirty"), dirty + 1500);
	assert_int_equal(scalar("SELECT count(*) FROM language l JOIN service s ON s.id = l.service_id "
				"WHERE s.name LIKE 'Bulk-Kurs %'"), 3000);
	assert_int_equal(scalar("SELECT count(*) FROM attribute at JOIN service s ON s.id = at.link_id "
				"WHERE s.name LIKE 'Bulk-Kurs %'"), 1500);
	assert_int_equal(scalar("SELECT count(*) FROM metadata WHERE resource_type = 'service' AND "
				"replacement_value LIKE 'Bulk-Kurs %'"), 1500);
	assert_int_equal(scalar("SELECT count(*) FROM sqlite_schema"), schema);
	assert_int_equal(scalar("SELECT count(*) FROM pragma_foreign_key_check"), 0);
	assert_int_equal(scalar("SELECT count(*) FROM pragma_integrity_check WHERE integrity_check <> 'ok'"), 0);
	/* the indexes answer again, and the triggers work for the next writer */
	assert_int_equal(scalar("SELECT count(*) FROM phone INDEXED BY phone_service WHERE service_id = "
				"(SELECT id FROM service WHERE name = 'Bulk-Kurs 9')"), 1);
	assert_int_equal(scalar("SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name = "
				"'search_service_ai'"), 1);
	buf_free(&csv);
	arena_free(a);
}

/* Problems found while writing (an unknown id) and while reading (no
 * name) come out in the order of their lines. */
static void test_import_problem_order(void **state)
{
	(void)state;
	static const char csv[] = "id;Angebot;Alter von\n"
				  "00000000-0000-4000-8000-000000000001;Eins;3\n"
				  ";Zwei;4\n"
				  "00000000-0000-4000-8000-000000000002;Drei;5\n"
				  "00000000-0000-4000-8000-000000000003;;6\n";
	arena *a = arena_new();
	struct dir_import_result res;
	struct dir_import_opts o = { .who = "unit" };
	assert_int_equal(dir_import_offers(db, a, csv, sizeof(csv) - 1, &o, &res), ST_OK);
	assert_int_equal(res.rows, 4);
	assert_int_equal(res.bad, 4);
	assert_int_equal(res.n_problems, 4);
	for (size_t i = 0; i < res.n_problems; i++)
		assert_int_equal(res.problems[i].line, (long)i + 2);
	assert_non_null(strstr(dir_import_problem_text(a, "de", &res.problems[0]),
			       "00000000-0000-4000-8000-000000000001"));
	arena_free(a);
}

int main(void)
{
	search_init(); /* the schema needs its tokenizer */
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_headers),
		cmocka_unit_test(test_decode),
		cmocka_unit_test(test_row_values),
		cmocka_unit_test(test_row_problems),
		cmocka_unit_test(test_row_all_problems),
		cmocka_unit_test(test_import_rows),
		cmocka_unit_test(test_import_bulk),
		cmocka_unit_test(test_import_problem_order),
	};
	return cmocka_run_group_tests_name("import", tests, setup, teardown);
}
