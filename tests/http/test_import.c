/* test_import.c — the flat offer import (docs/import-offers.md) against
 * the real program and server: `lotse import offers` with good and bad
 * rows, Windows-1252, ',' and ';', changes by id, a write that fails half
 * way, and the upload at /intern/import with its permissions and CSRF. */
#include "harness.h"
#include "store/store.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <curl/curl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct server srv;
static struct agent editor, researcher;

HARNESS_GROUP(srv, NULL, &editor, DEMO_EDITOR, &researcher, DEMO_RESEARCHER, NULL)

/* A count with one text parameter. */
static long db_count(const char *sql, const char *param)
{
	char v[64];
	db_text(&srv, sql, param, v, sizeof(v));
	return atol(v);
}

static long offers_named(const char *name)
{
	return db_count("SELECT count(*) FROM service WHERE name = ?", name);
}

/* Write len bytes to a file in the server's folder; returns its path. */
static const char *write_file(const char *name, const char *data, size_t len)
{
	static char path[512];
	snprintf(path, sizeof(path), "%s/%s", srv.dir, name);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	fclose(f);
	return path;
}

/* Run `lotse import offers --db DB FILE`; output (stdout and stderr) in out. */
static int import_cli(const char *file, buf *out)
{
	buf_init(out, 0);
	return run_lotse(out, "import", "offers", "--db", srv.db, file, NULL);
}

/* ---- the command line ---- */

static const char good_and_bad[] =
	"Träger;Angebot;Beschreibung;Zielgruppe;Angebotsart;Sprachen;Alter von;Alter bis;kostenlos;"
	"Straße;PLZ;Ort;Breitengrad;Längengrad;Telefon;zuletzt geprüft;Spalte X\r\n"
	/* line 2-3: good, a quoted field with a line break */
	"JMD Testhausen;Zebrafinkencafé;\"Deutsch sprechen\nin Ruhe\";Geflüchtete;\"Sprachförderung; Beratung\";"
	"de, ar;14;27;ja;Teststraße 1;55116;Mainz;49,9990;8,2650;06131 12345;24.05.2025;egal\r\n"
	/* line 4: bad age */
	"JMD Testhausen;Kranichkurs;;;;de;sechzehn;;;;;;;;;;\r\n"
	/* line 5: good, same provider and place */
	"JMD Testhausen;Reiherberatung;;Eltern;beratung;tr;;;nein;Teststraße 1;55116;Mainz;49,9990;8,2650;;;\r\n"
	/* line 6: bad term; its provider would be new and must not appear */
	"Nur-Fehler-Verein;Storchtreff;;;Kochkurs;de;;;;;;;;;;;\r\n"
	"\r\n"
	/* line 8: too many fields */
	"JMD Testhausen;Möwenkurs;;;;;;;;;;;;;;;;zu;viel\r\n"
	/* line 9: good, new provider, no place */
	"Neuer Träger Test e.V.;Elsterwerkstatt;;;Mentoring;;;;;;;;;;;2025-01-31;\r\n"
	/* line 10: bad date */
	"JMD Testhausen;Amselrunde;;;;;;;;;;;;;;31.02.2024;\r\n";

static void test_cli_good_and_bad_rows(void **state)
{
	(void)state;
	buf out;
	const char *f = write_file("gut-und-schlecht.csv", good_and_bad, strlen(good_and_bad));
	int rc = import_cli(f, &out);
	const char *o = buf_str(&out);
	assert_int_equal(rc, 1); /* bad rows: non-zero exit */
	assert_contains(o, "Angebote importiert: 3, Zeilen mit Fehlern: 4");
	assert_contains(o, "Zeile 1: Die Spalte „Spalte X“ ist unbekannt");
	assert_contains(o, "Zeile 4: Alter von ist keine Zahl: „sechzehn“");
	assert_contains(o, "Zeile 6: Angebotsart „Kochkurs“ gibt es nicht");
	assert_contains(o, "Zeile 8: Die Zeile hat 19 Felder, die Kopfzeile 17.");
	assert_contains(o, "Zeile 10: zuletzt geprüft ist kein Datum");
	assert_not_contains(o, "Zeile 2:");
	assert_not_contains(o, "Zeile 5:");
	assert_not_contains(o, "Zeile 9:");
	buf_free(&out);

	/* good rows are there, whole */
	assert_int_equal(offers_named("Zebrafinkencafé"), 1);
	assert_int_equal(offers_named("Reiherberatung"), 1);
	assert_int_equal(offers_named("Elsterwerkstatt"), 1);
	char v[256];
	assert_string_equal(db_text(&srv, "SELECT description FROM service WHERE name = ?", "Zebrafinkencafé", v, sizeof(v)),
			    "Deutsch sprechen\nin Ruhe");
	assert_string_equal(db_text(&srv, "SELECT minimum_age || '-' || maximum_age || '-' || free_of_charge || '-' || "
				    "assured_date FROM service WHERE name = ?", "Zebrafinkencafé", v, sizeof(v)),
			    "14-27-1-2025-05-24");
	assert_string_equal(db_text(&srv, "SELECT group_concat(code, ',') FROM (SELECT l.code FROM language l JOIN "
				    "service s ON s.id = l.service_id WHERE s.name = ? ORDER BY l.code)",
				    "Zebrafinkencafé", v, sizeof(v)),
			    "ar,de");
	assert_string_equal(db_text(&srv, "SELECT group_concat(code, ',') FROM (SELECT t.code FROM attribute a JOIN "
				    "taxonomy_term t ON t.id = a.taxonomy_term_id JOIN service s ON s.id = a.link_id "
				    "WHERE s.name = ? ORDER BY t.code)", "Zebrafinkencafé", v, sizeof(v)),
			    "beratung,gefluechtete,sprachfoerderung");
	assert_int_equal(db_count("SELECT count(*) FROM phone p JOIN service s ON s.id = p.service_id "
				  "WHERE s.name = ? AND p.number = '06131 12345'", "Zebrafinkencafé"), 1);
	/* one provider and one shared place for both offers of JMD Testhausen */
	assert_int_equal(db_count("SELECT count(*) FROM organization WHERE name = ?", "JMD Testhausen"), 1);
	assert_int_equal(db_count("SELECT count(DISTINCT sal.location_id) FROM service_at_location sal JOIN service s "
				  "ON s.id = sal.service_id WHERE s.name IN ('Zebrafinkencafé', 'Reiherberatung') "
				  "AND ? IS NOT NULL", "x"), 1);
	assert_string_equal(db_text(&srv, "SELECT ad.address_1 || ', ' || ad.postal_code || ' ' || ad.city || ' ' || "
				    "l.latitude FROM service s JOIN service_at_location sal ON sal.service_id = s.id "
				    "JOIN location l ON l.id = sal.location_id JOIN address ad ON ad.location_id = l.id "
				    "WHERE s.name = ?", "Reiherberatung", v, sizeof(v)),
			    "Teststraße 1, 55116 Mainz 49.999");
	/* the change log has a "create" row per offer, by "import" */
	assert_int_equal(db_count("SELECT count(*) FROM metadata m JOIN service s ON s.id = m.resource_id "
				  "WHERE s.name = ? AND m.last_action_type = 'create' AND m.updated_by = 'import'",
				  "Elsterwerkstatt"), 1);
	/* bad rows left nothing behind, not even their new provider */
	assert_int_equal(offers_named("Kranichkurs"), 0);
	assert_int_equal(offers_named("Storchtreff"), 0);
	assert_int_equal(offers_named("Möwenkurs"), 0);
	assert_int_equal(offers_named("Amselrunde"), 0);
	assert_int_equal(db_count("SELECT count(*) FROM organization WHERE name = ?", "Nur-Fehler-Verein"), 0);
	/* the database is consistent */
	assert_int_equal(db_scalar(&srv, "SELECT count(*) FROM pragma_foreign_key_check"), 0);

	/* and the finder finds the new offer */
	struct reply r;
	assert_int_equal(http_get(&srv, "/angebote?q=Zebrafinkencaf%C3%A9", &r), 0);
	assert_int_equal(r.status, 200);
	assert_contains(buf_str(&r.body), "Zebrafinkencafé");
	reply_free(&r);
}

/* A row with several problems: every one of them, each with its line. */
static void test_cli_all_problems_of_a_row(void **state)
{
	(void)state;
	static const char csv[] = "Träger;Angebot;Alter von;E-Mail;PLZ;Angebotsart\n"
				  "Vielfehler-Verein;Vielfehlerkurs;zwölf;info(at)example.org;551!6;Kochkurs\n";
	buf out;
	const char *f = write_file("vielfehler.csv", csv, sizeof(csv) - 1);
	assert_int_equal(import_cli(f, &out), 1);
	const char *o = buf_str(&out);
	assert_contains(o, "Zeile 2: Alter von ist keine Zahl: „zwölf“");
	assert_contains(o, "Zeile 2: E-Mail ist keine gültige E-Mail-Adresse: „info(at)example.org“");
	assert_contains(o, "Zeile 2: PLZ „551!6“ ist keine Postleitzahl.");
	assert_contains(o, "Zeile 2: Angebotsart „Kochkurs“ gibt es nicht");
	assert_contains(o, "Angebote importiert: 0, Zeilen mit Fehlern: 1");
	buf_free(&out);
	assert_int_equal(offers_named("Vielfehlerkurs"), 0);
}

/* The same file twice: the second run recognises every offer and makes
 * none; a row that changes something updates its offer. */
static void test_cli_reimport(void **state)
{
	(void)state;
	buf out;
	long offers = db_scalar(&srv, "SELECT count(*) FROM service");
	const char *f = write_file("gut-und-schlecht.csv", good_and_bad, strlen(good_and_bad));
	assert_int_equal(import_cli(f, &out), 1); /* the bad rows are still bad */
	assert_contains(buf_str(&out), "(0 neu, 0 geändert, 3 unverändert, 4 abgelehnt");
	buf_free(&out);
	assert_int_equal(db_scalar(&srv, "SELECT count(*) FROM service"), offers);
	assert_int_equal(offers_named("Zebrafinkencafé"), 1);
	/* case and spaces of provider, name and place do not matter */
	static const char changed[] = "Träger;Angebot;Alter von;Straße;PLZ;Ort;Breitengrad;Längengrad\n"
				      "jmd  testhausen;ZEBRAFINKENCAFÉ ;16;teststraße 1;55116;mainz;49,9990;8,2650\n"
				      "Neuer Träger Test e.V.;Elsterwerkstatt;;;;;;\n";
	f = write_file("geaendert.csv", changed, sizeof(changed) - 1);
	assert_int_equal(import_cli(f, &out), 0);
	assert_contains(buf_str(&out), "(0 neu, 1 geändert, 1 unverändert, 0 abgelehnt");
	buf_free(&out);
	assert_int_equal(db_scalar(&srv, "SELECT count(*) FROM service"), offers);
	char v[64];
	assert_string_equal(db_text(&srv, "SELECT minimum_age FROM service WHERE name = ?", "ZEBRAFINKENCAFÉ", v, sizeof(v)),
			    "16");
	/* the change is in the change log */
	assert_int_equal(db_count("SELECT count(*) FROM metadata m JOIN service s ON s.id = m.resource_id "
				  "WHERE s.name = ? AND m.field_name = 'minimum_age' AND m.previous_value = '14' "
				  "AND m.replacement_value = '16'", "ZEBRAFINKENCAFÉ"), 1);
}

static void test_cli_cp1252(void **state)
{
	(void)state;
	/* "Träger;Angebot;Übergangsphase;Beschreibung" and a row with ä ö ü ß € – in Windows-1252 */
	static const char cp[] = "Tr\xe4ger;Angebot;\xdc"
				 "bergangsphase;Beschreibung\r\n"
				 "M\xfc\xdfig-Verein;Gr\xfc\xdf"
				 "e aus K\xf6ln;Besch\xe4"
				 "ftigung;Kosten 5 \x80, \x84Zitat\x93\r\n";
	buf out;
	int rc = import_cli(write_file("cp1252.csv", cp, sizeof(cp) - 1), &out);
	assert_int_equal(rc, 0);
	assert_contains(buf_str(&out), "Angebote importiert: 1, Zeilen mit Fehlern: 0");
	assert_contains(buf_str(&out), "Windows-1252");
	buf_free(&out);
	char v[256];
	assert_int_equal(offers_named("Grüße aus Köln"), 1);
	assert_string_equal(db_text(&srv, "SELECT o.name FROM service s JOIN organization o ON o.id = s.organization_id "
				    "WHERE s.name = ?", "Grüße aus Köln", v, sizeof(v)),
			    "Müßig-Verein");
	assert_string_equal(db_text(&srv, "SELECT description FROM service WHERE name = ?", "Grüße aus Köln", v, sizeof(v)),
			    "Kosten 5 €, „Zitat“");
	assert_int_equal(db_count("SELECT count(*) FROM attribute a JOIN taxonomy_term t ON t.id = a.taxonomy_term_id "
				  "JOIN service s ON s.id = a.link_id WHERE s.name = ? AND t.code = 'beschaeftigung'",
				  "Grüße aus Köln"), 1);
}

static void test_cli_comma_and_semicolon(void **state)
{
	(void)state;
	/* ',' separated (detected from the header), quotes around ',' and ';', a BOM */
	static const char comma[] = "\xEF\xBB\xBF"
				    "provider,name,languages,kind,fees,free\n"
				    "\"Komma, Verein\",Kommakurs,\"de, tr\",\"Sprachförderung; Beratung\","
				    "\"5 €; ermäßigt 2 €\",yes\n";
	buf out;
	int rc = import_cli(write_file("komma.csv", comma, sizeof(comma) - 1), &out);
	assert_int_equal(rc, 0);
	assert_contains(buf_str(&out), "Angebote importiert: 1,");
	assert_contains(buf_str(&out), "Trennzeichen ','");
	buf_free(&out);
	char v[256];
	assert_string_equal(db_text(&srv, "SELECT o.name || '|' || s.fees_description || '|' || s.free_of_charge FROM service s "
				    "JOIN organization o ON o.id = s.organization_id WHERE s.name = ?",
				    "Kommakurs", v, sizeof(v)),
			    "Komma, Verein|5 €; ermäßigt 2 €|1");
	assert_int_equal(db_count("SELECT count(*) FROM language l JOIN service s ON s.id = l.service_id "
				  "WHERE s.name = ?", "Kommakurs"), 2);

	/* the same with ';': the ',' in a cell is just text */
	static const char semi[] = "Träger;Angebot;Sprachen;Kosten\n"
				   "Semikolon-Verein;Semikolonkurs;de,tr;5 €, ermäßigt 2 €\n";
	rc = import_cli(write_file("semikolon.csv", semi, sizeof(semi) - 1), &out);
	assert_int_equal(rc, 0);
	assert_contains(buf_str(&out), "Trennzeichen ';'");
	buf_free(&out);
	assert_string_equal(db_text(&srv, "SELECT fees_description FROM service WHERE name = ?", "Semikolonkurs", v, sizeof(v)),
			    "5 €, ermäßigt 2 €");
}

static void test_cli_update_by_id(void **state)
{
	(void)state;
	static const char first[] = "Träger;Angebot;Beschreibung;Sprachen;Alter von;Angebotsart;Zielgruppe\n"
				    "Update-Verein;Kiebitzkurs;Bleibt so.;de, fr;12;Beratung;Eltern\n";
	buf out;
	assert_int_equal(import_cli(write_file("update1.csv", first, sizeof(first) - 1), &out), 0);
	buf_free(&out);
	char id[64], csv[1024], v[256];
	db_text(&srv, "SELECT id FROM service WHERE name = ?", "Kiebitzkurs", id, sizeof(id));
	assert_int_equal(strlen(id), 36);

	/* only the columns the file has change; Angebotsart is replaced, Zielgruppe stays */
	snprintf(csv, sizeof(csv),
		 "id;Angebot;Alter von;Angebotsart\n"
		 "%s;Kiebitzkurs neu;16;Mentoring\n"
		 "00000000-0000-4000-8000-000000000000;Gibt es nicht;1;\n"
		 "%s;Kiebitzkurs falsch;200;\n",
		 id, id);
	int rc = import_cli(write_file("update2.csv", csv, strlen(csv)), &out);
	assert_int_equal(rc, 1);
	assert_contains(buf_str(&out), "Angebote importiert: 1, Zeilen mit Fehlern: 2");
	assert_contains(buf_str(&out), "(0 neu, 1 geändert");
	assert_contains(buf_str(&out), "Zeile 3: Ein Angebot mit der id 00000000-0000-4000-8000-000000000000 gibt es nicht.");
	assert_contains(buf_str(&out), "Zeile 4: Alter von muss zwischen 0 und 120 liegen: „200“");
	buf_free(&out);
	assert_int_equal(db_count("SELECT count(*) FROM service WHERE id = ?", id), 1);
	assert_string_equal(db_text(&srv, "SELECT name || '|' || description || '|' || minimum_age FROM service WHERE id = ?",
				    id, v, sizeof(v)),
			    "Kiebitzkurs neu|Bleibt so.|16");
	assert_int_equal(db_count("SELECT count(*) FROM language WHERE service_id = ?", id), 2);
	assert_string_equal(db_text(&srv, "SELECT group_concat(code, ',') FROM (SELECT t.code FROM attribute a JOIN "
				    "taxonomy_term t ON t.id = a.taxonomy_term_id WHERE a.link_id = ? ORDER BY t.code)",
				    id, v, sizeof(v)),
			    "eltern,mentoring");
	assert_int_equal(offers_named("Gibt es nicht"), 0);
	/* the change log names the changed fields */
	assert_int_equal(db_count("SELECT count(*) FROM metadata WHERE resource_id = ? AND last_action_type = 'update' "
				  "AND field_name = 'name' AND previous_value = 'Kiebitzkurs' "
				  "AND replacement_value = 'Kiebitzkurs neu'", id), 1);
}

/* A write the row checks cannot foresee fails half way (a trigger in the
 * test database refuses one name): that row is reported and leaves
 * nothing behind, the others are imported. */
static void test_cli_failed_write_is_whole_row(void **state)
{
	(void)state;
	assert_int_equal(db_scalar(&srv, "CREATE TRIGGER test_refuse BEFORE INSERT ON service "
					 "WHEN new.name = 'Explodierkurs' BEGIN SELECT RAISE(ABORT, 'nein'); END"),
			 0);
	static const char csv[] = "Träger;Angebot;Straße;Ort\n"
				  "Vorher-Verein;Vorherkurs;Weg 1;Mainz\n"
				  "Explosions-Verein;Explodierkurs;Knallweg 2;Mainz\n"
				  "Nachher-Verein;Nachherkurs;Weg 3;Mainz\n";
	buf out;
	int rc = import_cli(write_file("halb.csv", csv, sizeof(csv) - 1), &out);
	assert_int_equal(db_scalar(&srv, "DROP TRIGGER test_refuse"), 0);
	assert_int_equal(rc, 1);
	assert_contains(buf_str(&out), "Angebote importiert: 2, Zeilen mit Fehlern: 1");
	assert_contains(buf_str(&out), "Zeile 3: Die Zeile passt nicht zu den gespeicherten Daten");
	buf_free(&out);
	assert_int_equal(offers_named("Vorherkurs"), 1);
	assert_int_equal(offers_named("Nachherkurs"), 1);
	assert_int_equal(offers_named("Explodierkurs"), 0);
	assert_int_equal(db_count("SELECT count(*) FROM organization WHERE name = ?", "Explosions-Verein"), 0);
	assert_int_equal(db_count("SELECT count(*) FROM address WHERE address_1 = ?", "Knallweg 2"), 0);
}

static void test_cli_refused_files(void **state)
{
	(void)state;
	buf out;
	static const char nul[] = "Träger;Angebot\nA;B\0C\n";
	assert_int_equal(import_cli(write_file("nul.csv", nul, sizeof(nul) - 1), &out), 1);
	assert_contains(buf_str(&out), "Nullbytes");
	buf_free(&out);
	static const char nohead[] = "Träger;Titelzeile ohne Angebot\nA;B\n";
	assert_int_equal(import_cli(write_file("ohne.csv", nohead, sizeof(nohead) - 1), &out), 1);
	assert_contains(buf_str(&out), "keine Spalte „Angebot“");
	buf_free(&out);
	static const char quote[] = "Träger;Angebot\nOffen-Verein;\"Nie geschlossen\nund weiter\n";
	assert_int_equal(import_cli(write_file("quote.csv", quote, sizeof(quote) - 1), &out), 1);
	assert_contains(buf_str(&out), "Zeile 2: Ein Anführungszeichen wird nicht geschlossen");
	buf_free(&out);
	assert_int_equal(db_count("SELECT count(*) FROM organization WHERE name = ?", "Offen-Verein"), 0);
	/* a quote out of place refuses its row; reading goes on with the next line */
	static const char misplaced[] = "Träger;Angebot\nZitat-Verein;Kurs \"Deutsch\"\nZitat-Verein;\"Richtig \"\"zitiert\"\"\"\n";
	assert_int_equal(import_cli(write_file("zitat.csv", misplaced, sizeof(misplaced) - 1), &out), 1);
	assert_contains(buf_str(&out), "Zeile 2: Ein Anführungszeichen steht an falscher Stelle.");
	assert_contains(buf_str(&out), "Angebote importiert: 1, Zeilen mit Fehlern: 1");
	buf_free(&out);
	assert_int_equal(offers_named("Richtig \"zitiert\""), 1);
	assert_int_equal(import_cli("/nonexistent/datei.csv", &out), 1);
	buf_free(&out);
}

/* ---- the upload in /intern ---- */

/* The file name the uploads send. */
static const char *upload_filename = "angebote.csv";

/* A multipart body with the CSRF token (unless csrf is NULL) and the file. */
static size_t multipart(buf *b, const char *csrf, const char *file, size_t len)
{
	buf_init(b, 0);
	if (csrf)
		buf_printf(b, "--XyZimport\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n%s\r\n", csrf);
	buf_printf(b, "--XyZimport\r\nContent-Disposition: form-data; name=\"datei\"; filename=\"%s\"\r\n"
		      "Content-Type: text/csv\r\n\r\n", upload_filename);
	buf_append(b, file, len);
	buf_puts(b, "\r\n--XyZimport--\r\n");
	return b->len;
}

#define MP "multipart/form-data; boundary=XyZimport"

/* GET the form (for a fresh token), then POST the file. */
static long upload(struct agent *ag, const char *file, size_t len, int with_csrf, struct reply *r)
{
	struct reply g;
	assert_int_equal(agent_http(&srv, ag, "GET", "/intern/import", NULL, NULL, &g), 0);
	reply_free(&g);
	buf b;
	size_t n = multipart(&b, with_csrf ? ag->csrf : NULL, file, len);
	assert_int_equal(agent_post_bytes(&srv, ag, "/intern/import", b.data, n, MP, r), 0);
	buf_free(&b);
	return r->status;
}

static void test_upload_as_editor(void **state)
{
	(void)state;
	struct reply r;
	assert_int_equal(agent_http(&srv, &editor, "GET", "/intern/import", NULL, NULL, &r), 0);
	assert_int_equal(r.status, 200);
	assert_contains(buf_str(&r.body), "enctype=\"multipart/form-data\"");
	assert_contains(buf_str(&r.body), "name=\"datei\"");
	assert_contains(buf_str(&r.body), "name=\"csrf\"");
	reply_free(&r);

	long audits = db_scalar(&srv, "SELECT count(*) FROM audit_log WHERE action = 'offers_import' AND "
					"object_type = 'file' AND outcome = 'ok'");
	static const char csv[] = "Träger;Angebot;Alter von;Beschreibung\n"
				  "Upload-Verein;Hochladekurs;15;<script>alert(1)</script>\n"
				  "Upload-Verein;Kaputtkurs;fünf;\n";
	assert_int_equal(upload(&editor, csv, sizeof(csv) - 1, 1, &r), 200);
	const char *b = buf_str(&r.body);
	assert_contains(b, "Angebote importiert: 1, Zeilen mit Fehlern: 1");
	/* one line per problem: row, column, reason */
	assert_contains(b, "<td>3</td><td>Alter von</td><td>Alter von ist keine Zahl: „fünf“</td>");
	assert_not_contains(b, "<script>");
	reply_free(&r);
	assert_int_equal(offers_named("Hochladekurs"), 1);
	assert_int_equal(offers_named("Kaputtkurs"), 0);
	char v[256];
	assert_string_equal(db_text(&srv, "SELECT updated_by FROM metadata m JOIN service s ON s.id = m.resource_id "
				    "WHERE s.name = ?", "Hochladekurs", v, sizeof(v)),
			    demo_email[DEMO_EDITOR]);
	assert_int_equal(db_scalar(&srv, "SELECT count(*) FROM audit_log WHERE action = 'offers_import' AND "
					 "object_type = 'file' AND outcome = 'ok'"),
			 audits + 1);
	/* the audit row names the file as it was called on the editor's computer */
	assert_string_equal(db_text(&srv, "SELECT object_id || ' ' || substr(detail, 1, 7) FROM audit_log "
				    "WHERE action = 'offers_import' ORDER BY id DESC LIMIT 1", NULL, v, sizeof(v)),
			    "angebote.csv sha256:");
	/* a name with the sender's folders, which may name a person, and a
	 * direction override that would turn the name around in the log */
	static const char csv2[] = "Träger;Angebot\nUpload-Verein;Ordnerkurs\n";
	upload_filename = "/home/aylin.yilmaz/Schreibtisch/tr\xc3\xa4ger\xe2\x80\xaeliste.csv";
	assert_int_equal(upload(&editor, csv2, sizeof(csv2) - 1, 1, &r), 200);
	upload_filename = "angebote.csv";
	reply_free(&r);
	assert_string_equal(db_text(&srv, "SELECT object_id FROM audit_log WHERE action = 'offers_import' "
				    "ORDER BY id DESC LIMIT 1", NULL, v, sizeof(v)),
			    "tr\xc3\xa4ger?liste.csv");
	/* made searchable right away */
	assert_int_equal(http_get(&srv, "/angebote?q=Hochladekurs", &r), 0);
	assert_contains(buf_str(&r.body), "Hochladekurs");
	reply_free(&r);
}

/* The same file uploaded twice: nothing new the second time; the result
 * page counts and links the new and changed offers. */
static void test_upload_twice(void **state)
{
	(void)state;
	struct reply r;
	static const char csv[] = "Träger;Angebot;Ort\n"
				  "Zweimal-Verein;Zweimalkurs A;Mainz\n"
				  "Zweimal-Verein;Zweimalkurs B;Mainz\n";
	assert_int_equal(upload(&editor, csv, sizeof(csv) - 1, 1, &r), 200);
	const char *b = buf_str(&r.body);
	assert_contains(b, "<dt>Neue Angebote</dt><dd>2</dd>");
	assert_contains(b, "Neue und geänderte Angebote");
	char id[64], href[128];
	db_text(&srv, "SELECT id FROM service WHERE name = ?", "Zweimalkurs A", id, sizeof(id));
	snprintf(href, sizeof(href), "href=\"/intern/angebote/%s\"", id);
	assert_contains(b, href);
	reply_free(&r);
	assert_int_equal(upload(&editor, csv, sizeof(csv) - 1, 1, &r), 200);
	b = buf_str(&r.body);
	assert_contains(b, "<dt>Neue Angebote</dt><dd>0</dd>");
	assert_contains(b, "<dt>Unveränderte Angebote</dt><dd>2</dd>");
	assert_not_contains(b, "Neue und geänderte Angebote");
	reply_free(&r);
	assert_int_equal(offers_named("Zweimalkurs A"), 1);
	assert_int_equal(offers_named("Zweimalkurs B"), 1);
	static const char csv2[] = "Träger;Angebot;Ort;Beschreibung\n"
				   "Zweimal-Verein;Zweimalkurs A;Mainz;Jetzt mit Beschreibung\n";
	assert_int_equal(upload(&editor, csv2, sizeof(csv2) - 1, 1, &r), 200);
	b = buf_str(&r.body);
	assert_contains(b, "<dt>Geänderte Angebote</dt><dd>1</dd>");
	assert_contains(b, href);
	assert_contains(b, "(geändert, Zeile 2)");
	reply_free(&r);
	assert_int_equal(offers_named("Zweimalkurs A"), 1);
}

/* The change log after imports: places by their address, not their id;
 * a long text's change word by word. */
static void test_change_log_readable(void **state)
{
	(void)state;
	static const char csv[] = "Träger;Angebot;Beschreibung;Straße;PLZ;Ort\n"
				  "Verlauf-Verein;Verlaufkurs;Wir treffen uns jeden Montag im Jugendhaus und sprechen "
				  "über Ausbildung und Beruf.;Alte Gasse 3;55116;Mainz\n";
	struct reply r;
	assert_int_equal(upload(&editor, csv, sizeof(csv) - 1, 1, &r), 200);
	reply_free(&r);
	char id[64];
	db_text(&srv, "SELECT id FROM service WHERE name = ?", "Verlaufkurs", id, sizeof(id));
	char csv2[512];
	int n = snprintf(csv2, sizeof(csv2), "id;Angebot;Beschreibung;Straße;PLZ;Ort\n"
				  "%s;Verlaufkurs;Wir treffen uns jeden Dienstag im Jugendhaus und sprechen über Ausbildung und "
				  "Beruf.;Neue Gasse 5;55118;Mainz\n", id);
	assert_int_equal(upload(&editor, csv2, (size_t)n, 1, &r), 200);
	assert_contains(buf_str(&r.body), "<dt>Geänderte Angebote</dt><dd>1</dd>");
	reply_free(&r);
	char path[128];
	snprintf(path, sizeof(path), "/intern/angebote/%s/verlauf", id);
	assert_int_equal(agent_http(&srv, &editor, "GET", path, NULL, NULL, &r), 0);
	assert_int_equal(r.status, 200);
	const char *b = buf_str(&r.body);
	assert_contains(b, "<del>Montag </del>");
	assert_contains(b, "<ins>Dienstag </ins>");
	assert_contains(b, "Alte Gasse 3, 55116 Mainz");
	assert_contains(b, "Neue Gasse 5, 55118 Mainz");
	char loc[64];
	db_text(&srv, "SELECT location_id FROM service_at_location WHERE service_id = ?", id, loc, sizeof(loc));
	assert_not_contains(b, loc);
	reply_free(&r);
}

static void test_upload_refused_files(void **state)
{
	(void)state;
	struct reply r;
	/* no file chosen */
	assert_int_equal(upload(&editor, "", 0, 1, &r), 422);
	assert_contains(buf_str(&r.body), "Bitte wählen Sie eine CSV-Datei aus.");
	assert_contains(buf_str(&r.body), "aria-invalid=\"true\"");
	reply_free(&r);
	/* NUL bytes: no CSV */
	static const char nul[] = "Träger;Angebot\nNull-Verein;Nullkurs\0\n";
	assert_int_equal(upload(&editor, nul, sizeof(nul) - 1, 1, &r), 422);
	assert_contains(buf_str(&r.body), "Nullbytes");
	reply_free(&r);
	/* an Excel file */
	static const char xlsx[] = "PK\x03\x04\x14\0\x06\0rest";
	assert_int_equal(upload(&editor, xlsx, sizeof(xlsx) - 1, 1, &r), 422);
	assert_contains(buf_str(&r.body), "Excel");
	reply_free(&r);
	assert_int_equal(offers_named("Nullkurs"), 0);
}

static void test_upload_as_researcher_refused(void **state)
{
	(void)state;
	struct reply r;
	assert_int_equal(agent_http(&srv, &researcher, "GET", "/intern/import", NULL, NULL, &r), 0);
	assert_int_equal(r.status, 403);
	reply_free(&r);
	/* the researcher's own (valid) token: still refused by role */
	struct reply g;
	assert_int_equal(agent_http(&srv, &researcher, "GET", "/intern", NULL, NULL, &g), 0);
	reply_free(&g);
	static const char csv[] = "Träger;Angebot\nForscher-Verein;Forscherkurs\n";
	buf b;
	size_t n = multipart(&b, researcher.csrf, csv, sizeof(csv) - 1);
	assert_int_equal(agent_post_bytes(&srv, &researcher, "/intern/import", b.data, n, MP, &r), 0);
	buf_free(&b);
	assert_int_equal(r.status, 403);
	reply_free(&r);
	assert_int_equal(offers_named("Forscherkurs"), 0);
	/* anonymous: to the login page */
	assert_int_equal(http_get(&srv, "/intern/import", &r), 0);
	assert_int_equal(r.status, 303);
	reply_free(&r);
}

static void test_upload_without_csrf_refused(void **state)
{
	(void)state;
	struct reply r;
	static const char csv[] = "Träger;Angebot\nCSRF-Verein;Ohnetokenkurs\n";
	assert_int_equal(upload(&editor, csv, sizeof(csv) - 1, 0, &r), 403);
	reply_free(&r);
	buf b;
	size_t n = multipart(&b, "falsches-token", csv, sizeof(csv) - 1);
	assert_int_equal(agent_post_bytes(&srv, &editor, "/intern/import", b.data, n, MP, &r), 0);
	buf_free(&b);
	assert_int_equal(r.status, 403);
	reply_free(&r);
	assert_int_equal(offers_named("Ohnetokenkurs"), 0);
}

static void test_template_imports_cleanly(void **state)
{
	(void)state;
	struct reply r;
	assert_int_equal(agent_http(&srv, &editor, "GET", "/intern/import/vorlage.csv", NULL, NULL, &r), 0);
	assert_int_equal(r.status, 200);
	assert_contains(reply_header(&r, "Content-Type"), "text/csv");
	assert_contains(reply_header(&r, "Content-Disposition"), "attachment");
	char *tpl = strdup(buf_str(&r.body));
	size_t len = r.body.len;
	reply_free(&r);
	assert_int_equal(strncmp(tpl, "\xEF\xBB\xBF" "Träger;Angebot;", strlen("\xEF\xBB\xBF" "Träger;Angebot;")), 0);
	assert_int_equal(upload(&editor, tpl, len, 1, &r), 200);
	assert_contains(buf_str(&r.body), "Angebote importiert: 1, Zeilen mit Fehlern: 0");
	reply_free(&r);
	free(tpl);
	assert_int_equal(offers_named("Sprachcafé für Jugendliche"), 1);
	assert_int_equal(db_count("SELECT count(*) FROM attribute a JOIN service s ON s.id = a.link_id "
				  "WHERE s.name = ?", "Sprachcafé für Jugendliche"), 7);
}

int main(int argc, char **argv)
{
	if (harness_args(argc, argv) != 0)
		return 2;
	curl_global_init(CURL_GLOBAL_DEFAULT);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cli_good_and_bad_rows),
		cmocka_unit_test(test_cli_all_problems_of_a_row),
		cmocka_unit_test(test_cli_reimport),
		cmocka_unit_test(test_cli_cp1252),
		cmocka_unit_test(test_cli_comma_and_semicolon),
		cmocka_unit_test(test_cli_update_by_id),
		cmocka_unit_test(test_cli_failed_write_is_whole_row),
		cmocka_unit_test(test_cli_refused_files),
		cmocka_unit_test(test_upload_as_editor),
		cmocka_unit_test(test_upload_twice),
		cmocka_unit_test(test_change_log_readable),
		cmocka_unit_test(test_upload_refused_files),
		cmocka_unit_test(test_upload_as_researcher_refused),
		cmocka_unit_test(test_upload_without_csrf_refused),
		cmocka_unit_test(test_template_imports_cleanly),
	};
	int failed = cmocka_run_group_tests_name("import", tests, group_setup, group_teardown);
	curl_global_cleanup();
	return failed ? 1 : 0;
}
