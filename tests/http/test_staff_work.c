/* test_staff_work.c — staff work without training (#12), on the real
 * server: the offer form in short sections, where an editor chooses the
 * provider's places, adds a fourth phone number, ticks days and types
 * times and languages by name, all before the first save, and nothing is
 * stored until "Speichern"; the provider form's "one more row" too;
 * merging two offers field by field; the notice of what waits for an
 * editor and for a partner at the top of the dashboard. */
#include "harness.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct server srv;
static struct agent editor, partner;

/* Made through the forms, kept across the tests (in order). */
static char org_id[37], loc_id[37];

HARNESS_GROUP(srv, NULL, &editor, DEMO_EDITOR, &partner, DEMO__COUNT, NULL)

/* printf into one of four rotating static buffers. */
static const char *fmt(const char *f, ...) __attribute__((format(printf, 1, 2)));
static const char *fmt(const char *f, ...)
{
	static char out[4][512];
	static int k;
	k = (k + 1) % 4;
	va_list ap;
	va_start(ap, f);
	vsnprintf(out[k], sizeof(out[k]), f, ap);
	va_end(ap);
	return out[k];
}

/* The new offer form: sections with a table of contents, three phone
 * rows, days as checkboxes, times as time fields, languages by name. */
static void test_form_in_sections(void **state)
{
	(void)state;
	struct reply r;
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/angebote/neu", &r), 200);
	const char *b = buf_str(&r.body);
	static const char *const sections[] = { "grunddaten", "orte", "zugang", "sprachen", "kontakt", "kosten",
						"speichern" };
	for (size_t i = 0; i < sizeof(sections) / sizeof(sections[0]); i++) {
		assert_contains(b, fmt("<a href=\"#abschnitt-%s\">", sections[i]));
		assert_contains(b, fmt("<section class=\"form-section\" id=\"abschnitt-%s\"", sections[i]));
	}
	assert_contains(b, "<h2 id=\"abschnitt-kontakt-titel\">5. Kontakt</h2>");
	/* three phone rows before any save, and a button for a fourth */
	assert_contains(b, "name=\"phone_number_2\"");
	assert_not_contains(b, "name=\"phone_number_3\"");
	assert_contains(b, "name=\"schritt\" value=\"mehr-phone\" formaction=\"/intern/angebote/neu#liste-phone\"");
	/* days: seven checkboxes, a screen reader hears the whole name */
	assert_contains(b, "name=\"schedule_byday_0_MO\" value=\"1\" aria-label=\"Montag\"");
	assert_contains(b, "name=\"schedule_byday_0_SU\" value=\"1\" aria-label=\"Sonntag\"");
	assert_contains(b, "id=\"f-schedule_opens_0\" name=\"schedule_opens_0\" type=\"time\"");
	/* languages by their names, the codes stay behind */
	assert_contains(b, "<label for=\"f-lang_uk\">Ukrainisch</label>");
	assert_not_contains(b, "Ukrainisch (uk)");
	/* Enter in a field saves: the first submit button is the saving one */
	const char *form_at = strstr(b, "offer-form");
	assert_non_null(form_at);
	const char *first = strstr(form_at, "<button");
	assert_non_null(first);
	static const char want[] = "<button type=\"submit\" class=\"default-submit\"";
	if (strncmp(first, want, strlen(want)) != 0)
		fail_msg("the form's first button is %.120s", first);
	assert_tidy(&srv, b, "the offer form in sections");
	reply_free(&r);
}

static void test_provider_with_a_place(void **state)
{
	(void)state;
	struct reply r;
	assert_int_equal(agent_submit(&srv, &editor, "/intern/traeger/neu", form("name", "Werkstatt Lotse (Test)", NULL), &r),
			 303);
	reply_location_uuid(&r, "/intern/traeger/", org_id);
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &editor, fmt("/intern/traeger/%s/standorte/neu", org_id),
			      form("name", "Werkstatt am Rhein", "location_type", "physical", "address_1", "Rheinstraße 4",
				   "postal_code", "55116", "city", "Mainz", NULL), &r), 303);
	reply_free(&r);
	long n = db_scalarf(&srv, "SELECT count(*) FROM location WHERE organization_id = '%s'", org_id);
	assert_int_equal(n, 1);
	assert_int_equal(agent_fetch(&srv, &editor, fmt("/intern/traeger/%s", org_id), &r), 200);
	const char *prefix = fmt("/intern/traeger/%s/standorte/", org_id);
	size_t np = strlen(prefix);
	const char *p = strstr(buf_str(&r.body), prefix);
	while (p && strncmp(p + np, "neu", 3) == 0)
		p = strstr(p + 1, prefix);
	assert_non_null(p);
	snprintf(loc_id, sizeof(loc_id), "%.36s", p + np);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM location WHERE id = '%s'", loc_id), 1);
}

/* Choose the provider, show its places, add a fourth phone row: all in
 * the one form, nothing stored; then save it all at once. */
static void test_places_and_rows_before_saving(void **state)
{
	(void)state;
	struct reply r;
	const char *loc = fmt("loc_%s", loc_id);
	long offers = db_scalarf(&srv, "SELECT count(*) FROM service");
	/* "Orte des Trägers anzeigen": the chosen provider's places, the
	 * typed values kept, no error messages yet (the name is missing) */
	assert_int_equal(agent_submit(&srv, &editor, "/intern/angebote/neu",
			      form("organization_id", org_id, "name", "", "description", "Werkstatt für Jugendliche.",
				   "status", "active", "delivery", "in_person", "schritt", "orte", NULL), &r), 200);
	const char *b = buf_str(&r.body);
	assert_contains(b, fmt("name=\"%s\" value=\"1\">", loc));
	assert_contains(b, "Werkstatt am Rhein, Rheinstraße 4, 55116 Mainz");
	assert_contains(b, "Die Orte des gewählten Trägers stehen jetzt zur Wahl. Noch ist nichts gespeichert.");
	assert_contains(b, "Werkstatt für Jugendliche.");
	assert_not_contains(b, "class=\"error-summary\"");
	assert_not_contains(b, "aria-invalid=\"true\"");
	assert_tidy(&srv, b, "the offer form with the provider's places");
	reply_free(&r);
	/* "Weitere Telefonnummer": a fourth row, the three typed ones kept */
	assert_int_equal(agent_submit(&srv, &editor, "/intern/angebote/neu",
			      form("organization_id", org_id, "name", "Werkstatt-Sprechstunde (Test)", "status", "active",
				   "delivery", "in_person", loc, "1", "phone_n", "3", "phone_number_0", "06131 100",
				   "phone_number_1", "06131 200", "phone_number_2", "06131 300", "schritt", "mehr-phone",
				   NULL), &r), 200);
	b = buf_str(&r.body);
	assert_contains(b, "<legend class=\"row-legend\">Telefonnummer 4</legend>");
	assert_contains(b, "name=\"phone_number_3\"");
	assert_contains(b, "value=\"06131 300\"");
	assert_contains(b, fmt("name=\"%s\" value=\"1\" checked>", loc));
	assert_contains(b, "Eine leere Zeile ist dazugekommen. Noch ist nichts gespeichert.");
	reply_free(&r);
	/* twice: a fifth (the asked-for rows are remembered) */
	assert_int_equal(agent_submit(&srv, &editor, "/intern/angebote/neu",
			      form("organization_id", org_id, "name", "Werkstatt-Sprechstunde (Test)", "status", "active",
				   "delivery", "in_person", "phone_n", "4", "phone_mehr", "1", "phone_number_0", "06131 100",
				   "schritt", "mehr-phone", NULL), &r), 200);
	assert_contains(buf_str(&r.body), "<legend class=\"row-legend\">Telefonnummer 4</legend>");
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM service"), offers);

	/* a made-up step is an ordinary save: validated, here refused */
	assert_int_equal(agent_submit(&srv, &editor, "/intern/angebote/neu",
			      form("organization_id", org_id, "name", "", "status", "active", "delivery", "in_person",
				   "schritt", "loeschen", NULL), &r), 422);
	reply_free(&r);

	/* now save: four phones, the place, days and times, languages by name */
	char id[37];
	assert_int_equal(agent_submit(&srv, &editor, "/intern/angebote/neu",
			      form("organization_id", org_id, "name", "Werkstatt-Sprechstunde (Test)", "status", "active",
				   "delivery", "in_person", loc, "1", "phone_n", "4", "phone_number_0", "06131 100",
				   "phone_number_1", "06131 200", "phone_number_2", "06131 300", "phone_number_3",
				   "06131 400", "schedule_n", "1", "schedule_description_0", "montags und freitags",
				   "schedule_byday_0_MO", "1", "schedule_byday_0_FR", "1", "schedule_opens_0", "08:30",
				   "schedule_closes_0", "16:00", "lang_de", "1", "languages_other", "Somali, tigrinisch, DGS",
				   NULL), &r), 303);
	reply_location_uuid(&r, "/intern/angebote/", id);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM phone WHERE service_id = '%s'", id), 4);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM service_at_location WHERE service_id = '%s' AND location_id = '%s'",
			       id, loc_id), 1);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM schedule WHERE service_id = '%s' AND byday = 'MO,FR' AND "
			       "opens_at = '08:30' AND closes_at = '16:00' AND freq = 'WEEKLY'", id), 1);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM language WHERE service_id = '%s' AND code IN ('de', 'so', 'ti', "
			       "'gsg')", id), 4);
	/* shown again: the days ticked, the time in its field, names not codes */
	assert_int_equal(agent_fetch(&srv, &editor, fmt("/intern/angebote/%s", id), &r), 200);
	b = buf_str(&r.body);
	assert_contains(b, "name=\"schedule_byday_0_MO\" value=\"1\" checked");
	assert_contains(b, "name=\"schedule_byday_0_FR\" value=\"1\" checked");
	assert_not_contains(b, "name=\"schedule_byday_0_TU\" value=\"1\" checked");
	assert_contains(b, "type=\"time\" maxlength=\"5\" autocomplete=\"off\" value=\"08:30\"");
	assert_contains(b, "name=\"lang_ti\" value=\"1\" checked");
	assert_contains(b, "value=\"Somali, Deutsche Gebärdensprache\"");
	/* five phone rows now: the four stored and one empty */
	assert_contains(b, "name=\"phone_number_4\"");
	assert_not_contains(b, "name=\"phone_number_5\"");
	reply_free(&r);
}

/* A name lotse does not know is refused at the field, with the name; a
 * code the offer had already (from an import) stays acceptable. */
static void test_language_names(void **state)
{
	(void)state;
	struct reply r;
	assert_int_equal(agent_submit(&srv, &editor, "/intern/angebote/neu",
			      form("organization_id", org_id, "name", "Sprachtest (Test)", "status", "active", "delivery",
				   "online", "languages_other", "Albanisch, Elbisch", NULL), &r), 422);
	assert_contains(buf_str(&r.body), "Die Sprache „Elbisch“ kennt lotse nicht.");
	assert_contains(buf_str(&r.body), "value=\"Albanisch, Elbisch\"");
	assert_contains(buf_str(&r.body), "href=\"#f-languages_other\"");
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM service WHERE name = 'Sprachtest (Test)'"), 0);
	char id[37];
	assert_int_equal(agent_submit(&srv, &editor, "/intern/angebote/neu",
			      form("organization_id", org_id, "name", "Sprachtest (Test)", "status", "active", "delivery",
				   "online", "languages_other", "albanian; Farsi", NULL), &r), 303);
	reply_location_uuid(&r, "/intern/angebote/", id);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM language WHERE service_id = '%s' AND code IN ('sq', 'fa')", id), 2);
	/* a code no table knows, stored by an import, survives a save */
	db_scalarf(&srv, "INSERT INTO language (id, service_id, name, code) VALUES ('6f1c2d3e-0000-4000-8000-00000000abcd', '%s', "
	      "'Aramäisch', 'arc')", id);
	assert_int_equal(agent_fetch(&srv, &editor, fmt("/intern/angebote/%s", id), &r), 200);
	assert_contains(buf_str(&r.body), "value=\"Albanisch, arc\"");
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &editor, fmt("/intern/angebote/%s", id),
			      form("organization_id", org_id, "name", "Sprachtest (Test)", "status", "active", "delivery",
				   "online", "lang_fa", "1", "languages_other", "Albanisch, arc", NULL), &r), 303);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM language WHERE service_id = '%s'", id), 3);
}

/* The partner's form has the row buttons too; a step stores no draft. */
static void test_partner_rows(void **state)
{
	(void)state;
	struct reply r;
	db_scalarf(&srv, "UPDATE user SET org_id = '%s' WHERE email = 'partner@demo.lotse.invalid'", org_id);
	assert_int_equal(agent_login_as(&srv, &partner, DEMO_PARTNER), 303);
	long drafts = db_scalarf(&srv, "SELECT count(*) FROM service_draft");
	assert_int_equal(agent_fetch(&srv, &partner, "/intern/meine-angebote/neu", &r), 200);
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &partner, "/intern/meine-angebote/neu",
			      form("name", "Elternabend (Vorschlag)", "status", "active", "delivery", "in_person",
				   "contact_n", "1", "contact_name_0", "Frau Beispiel", "schritt", "mehr-contact", NULL),
			      &r), 200);
	assert_contains(buf_str(&r.body), "<legend class=\"row-legend\">Ansprechperson 2</legend>");
	assert_contains(buf_str(&r.body), "value=\"Frau Beispiel\"");
	assert_not_contains(buf_str(&r.body), "value=\"orte\""); /* the partner's provider is fixed */
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM service_draft"), drafts);
}

/* The provider form: one more contact row without saving. */
static void test_provider_rows(void **state)
{
	(void)state;
	struct reply r;
	long n = db_scalarf(&srv, "SELECT count(*) FROM organization");
	assert_int_equal(agent_submit(&srv, &editor, "/intern/traeger/neu",
			      form("name", "Neuer Träger (Test)", "contact_n", "1", "contact_name_0", "Herr Muster",
				   "schritt", "mehr-contact", NULL), &r), 200);
	assert_contains(buf_str(&r.body), "<legend class=\"row-legend\">Ansprechperson 2</legend>");
	assert_contains(buf_str(&r.body), "value=\"Herr Muster\"");
	assert_contains(buf_str(&r.body), "Noch ist nichts gespeichert.");
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM organization"), n);
}

/* Merging two offers shows the differing fields side by side with a
 * choice each; what the survivor lacks (e-mail, web, phones, contacts)
 * comes from the duplicate, nothing is lost silently. */
static void test_merge_field_by_field(void **state)
{
	(void)state;
	struct reply r;
	char keep[37], dup[37];
	assert_int_equal(agent_submit(&srv, &editor, "/intern/angebote/neu",
			      form("organization_id", org_id, "name", "Bewerbungswerkstatt (Test)", "description",
				   "Hilfe bei Bewerbungen.", "status", "active", "delivery", "in_person", "minimum_age", "16",
				   "phone_n", "1", "phone_number_0", "06131 555 1", NULL), &r), 303);
	reply_location_uuid(&r, "/intern/angebote/", keep);
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &editor, "/intern/angebote/neu",
			      form("organization_id", org_id, "name", "Bewerbungs-Werkstatt", "description",
				   "Hilfe bei Bewerbungen und beim Lebenslauf, auch auf Arabisch.", "status", "active",
				   "delivery", "in_person", "minimum_age", "15", "email", "werkstatt@example.org", "url",
				   "https://werkstatt.example.org", "phone_n", "2", "phone_number_0", "06131/5551",
				   "phone_number_1", "0151 2345678", "phone_type_1", "cell", "contact_n", "1",
				   "contact_name_0", "Samira Beispiel", "contact_email_0", "samira@example.org", NULL), &r), 303);
	reply_location_uuid(&r, "/intern/angebote/", dup);
	reply_free(&r);

	const char *url = fmt("/intern/angebote/%s/zusammenfuehren?ziel=%s", dup, keep);
	assert_int_equal(agent_fetch(&srv, &editor, url, &r), 200);
	const char *b = buf_str(&r.body);
	/* a choice per differing field: the survivor's value chosen, or the
	 * duplicate's where the survivor has none */
	assert_contains(b, "<legend>Beschreibung</legend>");
	assert_contains(b, "name=\"wahl_description\" value=\"a\" checked");
	assert_contains(b, "Hilfe bei Bewerbungen und beim Lebenslauf, auch auf Arabisch.");
	assert_contains(b, "name=\"wahl_email\" value=\"b\" checked");
	assert_contains(b, "name=\"wahl_url\" value=\"b\" checked");
	assert_contains(b, "name=\"wahl_minimum_age\" value=\"a\" checked");
	assert_not_contains(b, "name=\"wahl_status\""); /* the same in both */
	/* what comes over anyway: the mobile number and the contact; the
	 * same number written differently is not doubled */
	assert_contains(b, "<li>Telefon: 0151 2345678</li>");
	assert_contains(b, "<li>Ansprechperson: Samira Beispiel</li>");
	assert_not_contains(b, "<li>Telefon: 06131/5551</li>");
	assert_tidy(&srv, b, "the merge page with the choices");
	reply_free(&r);

	/* without the confirmation: refused, the choices as sent are kept */
	assert_int_equal(agent_submit(&srv, &editor, fmt("/intern/angebote/%s/zusammenfuehren", dup),
			      form("ziel", keep, "wahl_description", "b", NULL), &r), 422);
	assert_contains(buf_str(&r.body), "name=\"wahl_description\" value=\"b\" checked");
	reply_free(&r);
	/* the description from the duplicate, the age kept; e-mail and web
	 * not sent at all: still taken, as the survivor has none */
	assert_int_equal(agent_submit(&srv, &editor, fmt("/intern/angebote/%s/zusammenfuehren", dup),
			      form("ziel", keep, "wahl_description", "b", "wahl_minimum_age", "a", "confirm", "1", NULL),
			      &r), 303);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM service WHERE id = '%s' AND description = 'Hilfe bei Bewerbungen und "
			       "beim Lebenslauf, auch auf Arabisch.' AND minimum_age = 16 AND email = "
			       "'werkstatt@example.org' AND url = 'https://werkstatt.example.org' AND name = "
			       "'Bewerbungswerkstatt (Test)'", keep), 1);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM phone WHERE service_id = '%s'", keep), 2);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM phone WHERE service_id = '%s' AND number = '0151 2345678' AND "
			       "type = 'cell'", keep), 1);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM contact WHERE service_id = '%s' AND name = 'Samira Beispiel' AND "
			       "email = 'samira@example.org'", keep), 1);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM service WHERE id = '%s' AND archived = 1 AND merged_into = '%s'", dup,
			       keep), 1);
	/* the survivor's change log names what came over */
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM metadata WHERE resource_id = '%s' AND field_name = 'email' AND "
			       "replacement_value = 'werkstatt@example.org'", keep), 1);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM audit_log WHERE action = 'dir_merge' AND object_id = '%s'", dup), 1);
}

/* Merging two providers likewise: a choice per differing field, and the
 * duplicate's phones and contacts the survivor lacks come over. */
static void test_merge_providers_field_by_field(void **state)
{
	(void)state;
	struct reply r;
	char keep[37], dup[37];
	assert_int_equal(agent_submit(&srv, &editor, "/intern/traeger/neu",
			      form("name", "Jugendwerkstatt Mitte (Test)", "legal_status", "e. V.", "phone_n", "1",
				   "phone_number_0", "06131 777 1", NULL), &r), 303);
	reply_location_uuid(&r, "/intern/traeger/", keep);
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &editor, "/intern/traeger/neu",
			      form("name", "Jugendwerkstatt Mitte", "legal_status", "gGmbH", "email",
				   "info@jugendwerkstatt.example.org", "year_incorporated", "1998", "phone_n", "2",
				   "phone_number_0", "06131/7771", "phone_number_1", "0152 3456789", "contact_n", "1",
				   "contact_name_0", "Jonas Beispiel", "contact_email_0", "jonas@example.org", NULL), &r), 303);
	reply_location_uuid(&r, "/intern/traeger/", dup);
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &editor, fmt("/intern/traeger/%s/zusammenfuehren?ziel=%s", dup, keep), &r), 200);
	const char *b = buf_str(&r.body);
	assert_contains(b, "<legend>Rechtsform</legend>");
	assert_contains(b, "name=\"wahl_legal_status\" value=\"a\" checked");
	assert_contains(b, "name=\"wahl_email\" value=\"b\" checked");
	assert_contains(b, "name=\"wahl_year_incorporated\" value=\"b\" checked");
	assert_contains(b, "<li>Telefon: 0152 3456789</li>");
	assert_contains(b, "<li>Ansprechperson: Jonas Beispiel</li>");
	assert_not_contains(b, "<li>Telefon: 06131/7771</li>"); /* the same number */
	assert_tidy(&srv, b, "the providers' merge page with the choices");
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &editor, fmt("/intern/traeger/%s/zusammenfuehren", dup),
			      form("ziel", keep, "wahl_legal_status", "b", "wahl_year_incorporated", "a", "confirm", "1",
				   NULL), &r), 303);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM organization WHERE id = '%s' AND legal_status = 'gGmbH' AND "
			       "email = 'info@jugendwerkstatt.example.org' AND year_incorporated IS NULL AND name = "
			       "'Jugendwerkstatt Mitte (Test)'", keep), 1);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM phone WHERE organization_id = '%s'", keep), 2);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM contact WHERE organization_id = '%s' AND name = 'Jonas Beispiel'",
			       keep), 1);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM organization WHERE id = '%s' AND merged_into = '%s'", dup,
			       keep), 1);
}

/* The notice at the top of the dashboard: what waits, with a link each;
 * the editor sees new contact messages, proposals waiting and stale
 * offers; the partner its own stale offers and rejected proposals, and
 * none of the editor's lines. */
static void test_notices(void **state)
{
	(void)state;
	struct reply r;
	db_scalarf(&srv, "UPDATE contact_message SET status = 'done'");
	db_scalarf(&srv, "UPDATE service_draft SET status = 'rejected' WHERE status = 'pending'");
	assert_int_equal(agent_fetch(&srv, &editor, "/intern", &r), 200);
	const char *b = buf_str(&r.body);
	assert_contains(b, "<h2 id=\"todo-title\">Für Sie zu tun</h2>");
	assert_not_contains(b, "\">Neue Nachrichten über das Kontaktformular");
	assert_not_contains(b, "href=\"/intern/pruefung\">Vorschläge von");
	reply_free(&r);
	/* a young person writes, a partner proposes a change */
	assert_int_equal(http_post_form(&srv, "/kontakt", "name=Mira&email=mira%40example.org&message=Gibt+es+Kurse%3F&"
					"consent=1&website=", &r), 0);
	assert_int_equal(r.status, 303);
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &partner, "/intern/meine-angebote/neu",
			      form("name", "Elterncafé (Vorschlag)", "status", "active", "delivery", "in_person", NULL), &r),
			 303);
	reply_free(&r);
	/* an offer of the partner's provider nobody checked for two years */
	db_scalarf(&srv, "UPDATE service SET assured_date = '2020-02-02' WHERE organization_id = '%s'", org_id);
	long stale = db_scalarf(&srv, "SELECT count(*) FROM service WHERE organization_id = '%s' AND status = 'active' AND "
			   "archived = 0 AND merged_into IS NULL", org_id);
	assert_true(stale > 0);
	assert_int_equal(agent_fetch(&srv, &editor, "/intern", &r), 200);
	b = buf_str(&r.body);
	assert_contains(b, "<li><a href=\"/intern/nachrichten\">Neue Nachrichten über das Kontaktformular: 1</a></li>");
	assert_contains(b, "<li><a href=\"/intern/pruefung\">Vorschläge von Partnerorganisationen, die auf Prüfung "
			   "warten: 1</a></li>");
	assert_contains(b, "<li><a href=\"/intern/angebote/veraltet\">Angebote, die seit über zwölf Monaten niemand "
			   "geprüft hat: ");
	assert_tidy(&srv, b, "the dashboard with its notice");
	assert_not_contains(b, "staff-notice"); /* not twice */
	reply_free(&r);
	/* the same on every other staff page, as one line of links */
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/angebote", &r), 200);
	b = buf_str(&r.body);
	assert_contains(b, "<p class=\"staff-notice\"><strong>Für Sie zu tun</strong>: ");
	assert_contains(b, "<a href=\"/intern/nachrichten\">Neue Nachrichten über das Kontaktformular: 1</a>");
	assert_contains(b, "<a href=\"/intern/pruefung\">Vorschläge von Partnerorganisationen, die auf Prüfung "
			   "warten: 1</a>");
	assert_tidy(&srv, b, "a staff page with the line of what waits");
	reply_free(&r);
	/* the editor turns the proposal down, with a reason */
	long draft = db_scalarf(&srv, "SELECT max(id) FROM service_draft");
	assert_int_equal(agent_submit(&srv, &editor, fmt("/intern/pruefung/%ld/ablehnen", draft),
			      form("comment", "Bitte nennen Sie die Zeiten.", NULL), &r), 303);
	reply_free(&r);
	/* the partner: its own offers, not the editor's lines */
	assert_int_equal(agent_fetch(&srv, &partner, "/intern", &r), 200);
	b = buf_str(&r.body);
	assert_contains(b, fmt("<li><a href=\"/intern/meine-angebote\">Ihre Angebote, die seit über zwölf Monaten "
			       "niemand geprüft hat: %ld.", stale));
	assert_contains(b, "<li><a href=\"/intern/meine-angebote\">Abgelehnte Vorschläge, mit der Begründung der "
			   "Redaktion: ");
	assert_not_contains(b, "/intern/pruefung");
	assert_not_contains(b, "\">Neue Nachrichten");
	assert_not_contains(b, "href=\"/intern/angebote/veraltet\"");
	reply_free(&r);
	/* "Noch aktuell" for each: the line is gone */
	db_scalarf(&srv, "UPDATE service SET assured_date = date('now') WHERE organization_id = '%s'", org_id);
	assert_int_equal(agent_fetch(&srv, &partner, "/intern", &r), 200);
	assert_not_contains(buf_str(&r.body), "Ihre Angebote, die seit über zwölf Monaten");
	reply_free(&r);
}

int main(int argc, char **argv)
{
	if (argc > 1)
		harness_bin = argv[1];
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_form_in_sections),
		cmocka_unit_test(test_provider_with_a_place),
		cmocka_unit_test(test_places_and_rows_before_saving),
		cmocka_unit_test(test_language_names),
		cmocka_unit_test(test_partner_rows),
		cmocka_unit_test(test_provider_rows),
		cmocka_unit_test(test_merge_field_by_field),
		cmocka_unit_test(test_merge_providers_field_by_field),
		cmocka_unit_test(test_notices),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
