/* test_directory_staff.c — the Bestandsaufnahme in the browser, on the
 * real server: editors create providers, locations (also confidential
 * ones) and offers with every kind of field, see validation messages at
 * the fields, the change log, archive, merge duplicates and keep offers
 * fresh; partners propose drafts that editors approve or reject, and
 * cannot reach other organisations' offers; other roles are refused. */
#include "harness.h"

#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct server srv;
static struct agent editor, partner, researcher;

/* Fixtures made through the forms, kept across the tests (in order). */
static char org_id[37], org2_id[37], loc_id[37], secret_loc_id[37], offer_id[37], dup_id[37], other_offer_id[37];

#define TERM_BERATUNG "368e9343-5b13-50b5-bf3d-1bd9f7a17519"
#define TERM_GEFLUECHTETE "44a9bfa5-83b9-5916-bf22-6f3bc33d1533"

/* the partner signs in later, in the test that needs it */
HARNESS_GROUP(srv, NULL, &editor, DEMO_EDITOR, &partner, DEMO__COUNT, &researcher, DEMO_RESEARCHER, NULL)

/* tmpl with its one "%s" replaced by id (four rotating static buffers). */
static const char *path(const char *tmpl, const char *id)
{
	static char out[4][256];
	static int k;
	k = (k + 1) % 4;
	const char *at = strstr(tmpl, "%s");
	assert_non_null(at);
	snprintf(out[k], sizeof(out[k]), "%.*s%s%s", (int)(at - tmpl), tmpl, id, at + 2);
	return out[k];
}

/* ---- permissions ---- */

static void test_other_roles_refused(void **state)
{
	(void)state;
	static const char *const pages[] = { "/intern/angebote", "/intern/angebote/neu", "/intern/angebote/veraltet",
					     "/intern/traeger", "/intern/traeger/neu", "/intern/pruefung" };
	struct reply r;
	for (size_t i = 0; i < sizeof(pages) / sizeof(pages[0]); i++) {
		assert_int_equal(agent_fetch(&srv, &researcher, pages[i], &r), 403);
		reply_free(&r);
	}
	assert_int_equal(agent_fetch(&srv, &researcher, "/intern/meine-angebote", &r), 403);
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &researcher, "/intern/traeger/neu", form("name", "Versuch", NULL), &r), 403);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM organization WHERE name = 'Versuch'"), 0);
	/* anonymous visitors are sent to the login page */
	assert_int_equal(http_get(&srv, "/intern/angebote", &r), 0);
	assert_int_equal(r.status, 303);
	reply_free(&r);
	/* the editor sees the directory in the staff navigation */
	assert_int_equal(agent_fetch(&srv, &editor, "/intern", &r), 200);
	assert_contains(buf_str(&r.body), "href=\"/intern/angebote\"");
	assert_contains(buf_str(&r.body), "href=\"/intern/traeger\"");
	assert_contains(buf_str(&r.body), "href=\"/intern/pruefung\"");
	assert_contains(buf_str(&r.body), "Vorschläge von Partnerorganisationen, die auf Prüfung warten: 0");
	reply_free(&r);
	/* the empty groups of a list each have a name of their own; three
	 * phone numbers fit before the first save */
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/angebote/neu", &r), 200);
	assert_contains(buf_str(&r.body), "<legend class=\"row-legend\">Telefonnummer 1</legend>");
	assert_contains(buf_str(&r.body), "<legend class=\"row-legend\">Telefonnummer 3</legend>");
	assert_contains(buf_str(&r.body), "<legend class=\"row-legend\">Zeit 1</legend>");
	assert_not_contains(buf_str(&r.body), ">Telefonnummer</legend>");
	reply_free(&r);
	/* a wide table says on a phone that it scrolls sideways, before its region */
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/angebote", &r), 200);
	assert_contains(buf_str(&r.body), "<p class=\"scroll-hint\">Die Tabelle ist breiter als der Bildschirm: "
					  "seitlich wischen, um alles zu sehen.</p><div class=\"table-wrap\" "
					  "role=\"region\" tabindex=\"0\" aria-labelledby=\"list-caption\">");
	reply_free(&r);
}

/* ---- providers and locations ---- */

static void test_create_provider(void **state)
{
	(void)state;
	struct reply r;
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/traeger/neu", &r), 200);
	assert_contains(buf_str(&r.body), "name=\"year_incorporated\"");
	assert_contains(buf_str(&r.body), "name=\"phone_number_0\"");
	reply_free(&r);
	/* bad year and website: 422, values kept */
	assert_int_equal(agent_submit(&srv, &editor, "/intern/traeger/neu",
			      form("name", "Lotsenhaus Test (Beispiel)", "year_incorporated", "99", "website", "lotsen.example",
				   "phone_n", "2", "phone_number_0", "06131 123456", NULL), &r), 422);
	assert_contains(buf_str(&r.body), "Bitte ein Jahr zwischen 1800 und 2100 angeben");
	assert_contains(buf_str(&r.body), "mit https:// beginnt");
	assert_contains(buf_str(&r.body), "value=\"Lotsenhaus Test (Beispiel)\"");
	assert_contains(buf_str(&r.body), "value=\"06131 123456\"");
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &editor, "/intern/traeger/neu",
			      form("name", "Lotsenhaus Test (Beispiel)", "alternate_name", "LHT", "description",
				   "Ein Träger nur für Tests.", "email", "info@lotsenhaus.example", "website",
				   "https://lotsenhaus.example", "legal_status", "e. V.", "year_incorporated", "1998",
				   "phone_n", "2", "phone_number_0", "06131 123456", "phone_type_0", "voice", "contact_n", "2",
				   "contact_name_0", "Aylin Beispiel", "contact_email_0", "aylin@lotsenhaus.example",
				   "term_" TERM_BERATUNG, "1", NULL), &r), 303);
	reply_location_uuid(&r, "/intern/traeger/", org_id);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM organization WHERE id = '%s' AND year_incorporated = 1998 "
			       "AND legal_status = 'e. V.'", org_id), 1);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM phone WHERE organization_id = '%s' AND number = '06131 123456'",
			       org_id), 1);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM contact WHERE organization_id = '%s'", org_id), 1);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM attribute WHERE link_id = '%s'", org_id), 1);
	assert_int_equal(agent_fetch(&srv, &editor, path("/intern/traeger/%s?hinweis=angelegt", org_id), &r), 200);
	assert_contains(buf_str(&r.body), "Der Träger ist angelegt.");
	assert_contains(buf_str(&r.body), "Neuer Standort");
	assert_tidy(&srv, buf_str(&r.body), "the provider page");
	reply_free(&r);

	/* a second provider, for merging and for the partner's object check */
	assert_int_equal(agent_submit(&srv, &editor, "/intern/traeger/neu", form("name", "Lotsenhaus Test Dublette", NULL), &r), 303);
	reply_location_uuid(&r, "/intern/traeger/", org2_id);
	reply_free(&r);
	/* the list finds both by name */
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/traeger?q=Lotsenhaus", &r), 200);
	assert_contains(buf_str(&r.body), "Lotsenhaus Test (Beispiel)");
	assert_contains(buf_str(&r.body), "Lotsenhaus Test Dublette");
	assert_contains(buf_str(&r.body), "Träger: 2");
	reply_free(&r);
}

static void test_locations(void **state)
{
	(void)state;
	struct reply r;
	const char *base = path("/intern/traeger/%s/standorte/neu", org_id);
	assert_int_equal(agent_fetch(&srv, &editor, base, &r), 200);
	assert_contains(buf_str(&r.body), "Geschützte Adresse: wird nie öffentlich angezeigt");
	reply_free(&r);
	/* a building needs its address; coordinates come in pairs and in range */
	assert_int_equal(agent_submit(&srv, &editor, base, form("name", "Beratungsstelle", "location_type", "physical", "latitude",
						  "95", "postal_code", "551", NULL), &r), 422);
	assert_contains(buf_str(&r.body), "Bitte Straße und Hausnummer angeben.");
	assert_contains(buf_str(&r.body), "Eine deutsche Postleitzahl hat fünf Ziffern.");
	assert_contains(buf_str(&r.body), "Bitte einen Breitengrad zwischen -90 und 90 angeben");
	assert_contains(buf_str(&r.body), "value=\"Beratungsstelle\"");
	assert_tidy(&srv, buf_str(&r.body), "the location form with errors");
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &editor, base, form("name", "Beratungsstelle Neustadt", "location_type", "physical",
						  "address_1", "Testgasse 1", "postal_code", "55118", "city", "Mainz",
						  "latitude", "49,9990", "longitude", "8.2580", NULL), &r), 303);
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &editor, base, form("name", "Schutzraum", "location_type", "physical", "address_1",
						  "Geheimweg 7", "postal_code", "55116", "city", "Mainz", "confidential", "1",
						  NULL), &r), 303);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM location WHERE organization_id = '%s'", org_id), 2);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM location l JOIN address a ON a.location_id = l.id WHERE "
			       "l.organization_id = '%s' AND l.confidential = 1 AND a.address_1 = 'Geheimweg 7'", org_id), 1);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM location WHERE organization_id = '%s' AND abs(latitude - 49.999) < "
			       "0.0001", org_id), 1);
	/* the provider page lists both, the protected one marked */
	assert_int_equal(agent_fetch(&srv, &editor, path("/intern/traeger/%s", org_id), &r), 200);
	const char *b = buf_str(&r.body);
	assert_contains(b, "geschützte Adresse");
	/* the ids, in name order: "Beratungsstelle Neustadt", then "Schutzraum" */
	char prefix[100];
	snprintf(prefix, sizeof(prefix), "/intern/traeger/%s/standorte/", org_id);
	const char *p = strstr(b, prefix);
	while (p && strncmp(p + strlen(prefix), "neu", 3) == 0)
		p = strstr(p + 1, prefix);
	assert_non_null(p);
	memcpy(loc_id, p + strlen(prefix), 36);
	p = strstr(p + 1, prefix);
	assert_non_null(p);
	memcpy(secret_loc_id, p + strlen(prefix), 36);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT confidential FROM location WHERE id = '%s'", secret_loc_id), 1);
	assert_int_equal(db_scalarf(&srv, "SELECT confidential FROM location WHERE id = '%s'", loc_id), 0);
	/* a location of another provider is not found under this one */
	assert_int_equal(agent_fetch(&srv, &editor, path("/intern/traeger/%s/standorte/neu", org2_id), &r), 200);
	reply_free(&r);
	char wrong[200];
	snprintf(wrong, sizeof(wrong), "/intern/traeger/%s/standorte/%s", org2_id, loc_id);
	assert_int_equal(agent_fetch(&srv, &editor, wrong, &r), 404);
	reply_free(&r);
}

static void test_provider_change_log(void **state)
{
	(void)state;
	struct reply r;
	const char *body = form("name", "Lotsenhaus Test (Beispiel)", "alternate_name", "LHT", "legal_status", "e. V.",
				"year_incorporated", "1999", "phone_n", "3", "phone_number_0", "06131 123456",
				"phone_number_1", "06131 654321", "contact_n", "2", "contact_name_0", "Aylin Beispiel",
				"contact_email_0", "aylin@lotsenhaus.example", "term_" TERM_BERATUNG, "1",
				"term_" TERM_GEFLUECHTETE, "1", NULL);
	char copy[4096];
	snprintf(copy, sizeof(copy), "%s", body);
	assert_int_equal(agent_submit(&srv, &editor, path("/intern/traeger/%s", org_id), copy, &r), 303);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM metadata WHERE resource_id = '%s' AND field_name = "
			       "'year_incorporated' AND previous_value = '1998' AND replacement_value = '1999'", org_id), 1);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM metadata WHERE resource_id = '%s' AND field_name = 'phones' AND "
			       "replacement_value = '06131 123456; 06131 654321'", org_id), 1);
	long rows = db_scalarf(&srv, "SELECT count(*) FROM metadata WHERE resource_id = '%s'", org_id);
	/* the same again: nothing new in the log (terms are a set) */
	assert_int_equal(agent_submit(&srv, &editor, path("/intern/traeger/%s", org_id), copy, &r), 303);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM metadata WHERE resource_id = '%s'", org_id), rows);
	assert_int_equal(agent_fetch(&srv, &editor, path("/intern/traeger/%s/verlauf", org_id), &r), 200);
	assert_contains(buf_str(&r.body), "Telefonnummern");
	assert_contains(buf_str(&r.body), "Gründungsjahr");
	assert_contains(buf_str(&r.body), "Beratung; Geflüchtete"); /* term names, not ids */
	assert_tidy(&srv, buf_str(&r.body), "the provider's change log");
	reply_free(&r);
}

/* ---- offers ---- */

static const char *offer_body(const char *name, const char *min_age, const char *max_age, const char *other_langs)
{
	static char body[8192];
	char locfield[64];
	snprintf(locfield, sizeof(locfield), "loc_%s", secret_loc_id);
	snprintf(body, sizeof(body), "%s",
		 form("organization_id", org_id, "name", name, "description", "Beratung zu Schule und Ausbildung.\r\nAuch "
		      "für Eltern.", "status", "active", "delivery", "mixed", "minimum_age", min_age, "maximum_age", max_age,
		      "free_of_charge", "1", "lang_de", "1", "lang_ar", "1", "languages_other", other_langs,
		      "term_" TERM_BERATUNG, "1", "term_" TERM_GEFLUECHTETE, "1", locfield, "1", "phone_n", "2",
		      "phone_number_0", "06131 765432", "phone_type_0", "voice", "schedule_n", "2", "schedule_description_0",
		      "Mo und Mi 9–12 Uhr", "schedule_byday_0_MO", "1",
		      "schedule_byday_0_WE", "1", "schedule_opens_0", "9:00", "schedule_closes_0",
		      "12:00", "cost_n", "2", "cost_option_0", "Material", "cost_amount_0", "12,50", "funding_n", "2",
		      "funding_source_0", "ESF Plus", "area_n", "2", "area_name_0", "Stadt Mainz", "contact_n", "2",
		      "contact_n", "2", NULL));
	return body;
}

static void test_offer_validation(void **state)
{
	(void)state;
	struct reply r;
	assert_int_equal(agent_fetch(&srv, &editor, path("/intern/angebote/neu?traeger=%s", org_id), &r), 200);
	assert_contains(buf_str(&r.body), path("name=\"loc_%s\"", secret_loc_id));
	assert_contains(buf_str(&r.body), "name=\"lang_uk\"");
	assert_contains(buf_str(&r.body), "name=\"term_" TERM_GEFLUECHTETE "\"");
	assert_contains(buf_str(&r.body), "Geschützte Adresse: wird nie öffentlich angezeigt.");
	reply_free(&r);
	/* no name, max age below min age, an unknown language: 422, all kept */
	assert_int_equal(agent_submit(&srv, &editor, "/intern/angebote/neu", offer_body("", "30", "20", "Albanisch, Klingonisch"), &r), 422);
	const char *b = buf_str(&r.body);
	assert_contains(b, "class=\"error-summary\"");
	assert_contains(b, "Bitte füllen Sie dieses Feld aus.");
	assert_contains(b, "Das Höchstalter darf nicht kleiner sein als das Mindestalter.");
	assert_contains(b, "Die Sprache „Klingonisch“ kennt lotse nicht.");
	assert_contains(b, "value=\"30\"");
	assert_contains(b, "value=\"20\"");
	assert_contains(b, "value=\"Albanisch, Klingonisch\"");
	assert_contains(b, "Auch für Eltern.");
	assert_contains(b, "value=\"06131 765432\"");
	assert_contains(b, "value=\"Mo und Mi 9–12 Uhr\"");
	assert_contains(b, "name=\"lang_ar\" value=\"1\" checked");
	assert_contains(b, "name=\"term_" TERM_BERATUNG "\" value=\"1\" checked");
	assert_contains(b, "aria-invalid=\"true\"");
	assert_tidy(&srv, b, "the offer form with errors");
	reply_free(&r);
	/* a bad row: the message sits at its field */
	assert_int_equal(agent_submit(&srv, &editor, "/intern/angebote/neu",
			      form("organization_id", org_id, "name", "Zeitentest", "status", "active", "delivery",
				   "in_person", "schedule_n", "1", "schedule_description_0", "abends", "schedule_opens_0",
				   "25:99", "minimum_age", "130", NULL), &r), 422);
	assert_contains(buf_str(&r.body), "Bitte die Uhrzeit als HH:MM angeben");
	assert_contains(buf_str(&r.body), "id=\"f-schedule_opens_0-err\"");
	assert_contains(buf_str(&r.body), "Bitte ein Alter zwischen 0 und 120 Jahren angeben.");
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM service WHERE organization_id = '%s'", org_id), 0);
}

static void test_create_offer(void **state)
{
	(void)state;
	struct reply r;
	assert_int_equal(agent_submit(&srv, &editor, "/intern/angebote/neu",
			      offer_body("Lotsen-Sprechstunde (Test)", "16", "25", "Albanisch, dari"), &r), 303);
	reply_location_uuid(&r, "/intern/angebote/", offer_id);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM service WHERE id = '%s' AND minimum_age = 16 AND maximum_age = 25 "
			       "AND free_of_charge = 1 AND delivery = 'mixed'", offer_id), 1);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM language WHERE service_id = '%s' AND code IN ('de','ar','sq','prs')",
			       offer_id), 4);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM attribute WHERE link_id = '%s'", offer_id), 2);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM service_at_location WHERE service_id = '%s' AND location_id = '%s'",
			       offer_id, secret_loc_id), 1);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM schedule WHERE service_id = '%s' AND byday = 'MO,WE' AND "
			       "opens_at = '09:00' AND freq = 'WEEKLY'", offer_id), 1);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM cost_option WHERE service_id = '%s' AND amount = 12.5", offer_id), 1);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM funding WHERE service_id = '%s' AND source = 'ESF Plus'", offer_id), 1);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM service_area WHERE service_id = '%s'", offer_id), 1);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM metadata WHERE resource_id = '%s' AND last_action_type = 'create' "
			       "AND updated_by = 'editor@demo.lotse.invalid'", offer_id), 1);
	assert_int_equal(agent_fetch(&srv, &editor, path("/intern/angebote/%s?hinweis=angelegt", offer_id), &r), 200);
	assert_contains(buf_str(&r.body), "Das Angebot ist angelegt.");
	assert_contains(buf_str(&r.body), "value=\"Albanisch, Dari\""); /* by name, the codes behind */
	reply_free(&r);
	/* the public page (when there is one) never shows the protected address */
	assert_int_equal(http_get(&srv, path("/angebote/%s", offer_id), &r), 0);
	if (r.status == 200) {
		assert_contains(buf_str(&r.body), "Lotsen-Sprechstunde (Test)");
		assert_not_contains(buf_str(&r.body), "Geheimweg");
	}
	reply_free(&r);
	/* the list finds it by name and by provider */
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/angebote?q=Lotsen-Sprech", &r), 200);
	assert_contains(buf_str(&r.body), "Lotsen-Sprechstunde (Test)");
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/angebote?q=Lotsenhaus+Test", &r), 200);
	assert_contains(buf_str(&r.body), "Angebote: 1");
	reply_free(&r);
}

static void test_change_log(void **state)
{
	(void)state;
	struct reply r;
	/* saving the same values again logs nothing */
	long before = db_scalarf(&srv, "SELECT count(*) FROM metadata WHERE resource_id = '%s'", offer_id);
	assert_int_equal(agent_submit(&srv, &editor, path("/intern/angebote/%s", offer_id),
			      offer_body("Lotsen-Sprechstunde (Test)", "16", "25", "Albanisch, dari"), &r), 303);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM metadata WHERE resource_id = '%s'", offer_id), before);
	assert_int_equal(agent_submit(&srv, &editor, path("/intern/angebote/%s", offer_id),
			      offer_body("Lotsen-Sprechstunde Mainz (Test)", "14", "25", "sq"), &r), 303);
	assert_string_equal(reply_header(&r, "Location"), path("/intern/angebote/%s?hinweis=gespeichert", offer_id));
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM metadata WHERE resource_id = '%s' AND field_name = 'minimum_age' "
			       "AND previous_value = '16' AND replacement_value = '14'", offer_id), 1);
	assert_int_equal(agent_fetch(&srv, &editor, path("/intern/angebote/%s/verlauf", offer_id), &r), 200);
	const char *b = buf_str(&r.body);
	assert_contains(b, "Verlauf: Lotsen-Sprechstunde Mainz (Test)");
	assert_contains(b, "data-field=\"name\"");
	assert_contains(b, "Lotsen-Sprechstunde (Test)");
	assert_contains(b, "Mindestalter");
	assert_contains(b, "editor@demo.lotse.invalid");
	assert_contains(b, "de; ar; sq; prs");
	assert_contains(b, "<td data-label=\"Nachher\">de; ar; sq</td>");
	assert_contains(b, "angelegt");
	assert_tidy(&srv, b, "the change log");
	reply_free(&r);
	/* an unknown or malformed offer id */
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/angebote/00000000-0000-4000-8000-000000000000/verlauf", &r), 404);
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/angebote/nicht-da", &r), 404);
	reply_free(&r);
}

static void test_archive_and_restore(void **state)
{
	(void)state;
	struct reply r;
	assert_int_equal(http_get(&srv, path("/angebote/%s", offer_id), &r), 0);
	long public_before = r.status;
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &editor, path("/intern/angebote/%s/archivieren", offer_id), "archived=1", &r), 303);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT archived FROM service WHERE id = '%s'", offer_id), 1);
	assert_int_equal(http_get(&srv, path("/angebote/%s", offer_id), &r), 0);
	if (public_before == 200)
		assert_int_equal(r.status, 410); /* gone, with a page that says so (#12) */
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/angebote?status=archiviert&q=Lotsen", &r), 200);
	assert_contains(buf_str(&r.body), "Lotsen-Sprechstunde Mainz (Test)");
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/angebote?q=Lotsen-Sprech", &r), 200);
	assert_contains(buf_str(&r.body), "Keine Angebote für diese Auswahl.");
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &editor, path("/intern/angebote/%s/archivieren", offer_id), "archived=maybe", &r), 422);
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &editor, path("/intern/angebote/%s/archivieren", offer_id), "archived=0", &r), 303);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT archived FROM service WHERE id = '%s'", offer_id), 0);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM metadata WHERE resource_id = '%s' AND last_action_type IN "
			       "('archive', 'restore')", offer_id), 2);
}

static void test_merge_offers(void **state)
{
	(void)state;
	struct reply r;
	/* a duplicate with a language and a category the original lacks */
	assert_int_equal(agent_submit(&srv, &editor, "/intern/angebote/neu",
			      form("organization_id", org_id, "name", "Lotsen Sprechstunde Dublette", "status", "active",
				   "delivery", "in_person", "lang_tr", "1", "term_" TERM_BERATUNG, "1",
				   path("loc_%s", loc_id), "1", NULL), &r), 303);
	reply_location_uuid(&r, "/intern/angebote/", dup_id);
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &editor, path("/intern/angebote/%s/zusammenfuehren", dup_id), &r), 200);
	assert_contains(buf_str(&r.body), "Lotsen-Sprechstunde Mainz (Test)"); /* same provider's offers */
	reply_free(&r);
	char url[300];
	snprintf(url, sizeof(url), "/intern/angebote/%s/zusammenfuehren?ziel=%s", dup_id, offer_id);
	assert_int_equal(agent_fetch(&srv, &editor, url, &r), 200);
	assert_contains(buf_str(&r.body), "2. Zusammenführen bestätigen");
	assert_tidy(&srv, buf_str(&r.body), "the merge page");
	assert_contains(buf_str(&r.body), path("name=\"ziel\" value=\"%s\"", offer_id));
	reply_free(&r);
	/* merging into itself, and without confirmation, is refused */
	assert_int_equal(agent_submit(&srv, &editor, path("/intern/angebote/%s/zusammenfuehren", dup_id),
			      form("ziel", dup_id, "confirm", "1", NULL), &r), 422);
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &editor, path("/intern/angebote/%s/zusammenfuehren", dup_id), form("ziel", offer_id, NULL),
			      &r), 422);
	assert_contains(buf_str(&r.body), "Bitte bestätigen Sie");
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM service WHERE id = '%s' AND merged_into IS NULL", dup_id), 1);
	assert_int_equal(agent_submit(&srv, &editor, path("/intern/angebote/%s/zusammenfuehren", dup_id),
			      form("ziel", offer_id, "confirm", "1", NULL), &r), 303);
	assert_string_equal(reply_header(&r, "Location"), path("/intern/angebote/%s?hinweis=zusammengefuehrt", offer_id));
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM service WHERE id = '%s' AND archived = 1 AND merged_into = '%s'",
			       dup_id, offer_id), 1);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM language WHERE service_id = '%s' AND code = 'tr'", offer_id), 1);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM language WHERE service_id = '%s'", offer_id), 4);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM attribute WHERE link_id = '%s'", offer_id), 2); /* no double */
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM service_at_location WHERE service_id = '%s'", offer_id), 2);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM metadata WHERE last_action_type = 'merge' AND resource_id IN "
			       "('%s', '%s')", dup_id, offer_id), 2);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM audit_log WHERE action = 'dir_merge'"), 1);
	/* a merged offer cannot be merged again */
	assert_int_equal(agent_fetch(&srv, &editor, path("/intern/angebote/%s/zusammenfuehren", dup_id), &r), 409);
	reply_free(&r);
}

static void test_merge_providers(void **state)
{
	(void)state;
	struct reply r;
	char dup_offer[37];
	/* the duplicate provider has a location and an offer */
	assert_int_equal(agent_submit(&srv, &editor, path("/intern/traeger/%s/standorte/neu", org2_id),
			      form("name", "Nebenstelle", "location_type", "virtual", "url", "https://online.example", NULL),
			      &r), 303);
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &editor, "/intern/angebote/neu",
			      form("organization_id", org2_id, "name", "Online-Beratung (Test)", "status", "active",
				   "delivery", "online", NULL), &r), 303);
	reply_location_uuid(&r, "/intern/angebote/", dup_offer);
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &editor, path("/intern/traeger/%s/zusammenfuehren", org2_id), &r), 200);
	assert_contains(buf_str(&r.body), "Lotsenhaus Test (Beispiel)"); /* guessed from the first word */
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &editor, path("/intern/traeger/%s/zusammenfuehren", org2_id),
			      form("ziel", org_id, "confirm", "1", NULL), &r), 303);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM service WHERE id = '%s' AND organization_id = '%s'", dup_offer,
			       org_id), 1);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM location WHERE organization_id = '%s'", org_id), 3);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM location WHERE organization_id = '%s'", org2_id), 0);
	assert_int_equal(db_scalarf(&srv, "SELECT archived FROM organization WHERE id = '%s'", org2_id), 1);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM organization WHERE id = '%s' AND merged_into = '%s'", org2_id,
			       org_id), 1);
	assert_int_equal(agent_fetch(&srv, &editor, path("/intern/traeger/%s/verlauf", org_id), &r), 200);
	assert_contains(buf_str(&r.body), "zusammengeführt");
	assert_contains(buf_str(&r.body), "Übernommen aus");
	reply_free(&r);
	/* the offer of another provider used below: a new provider of its own */
	assert_int_equal(agent_submit(&srv, &editor, "/intern/traeger/neu", form("name", "Fremder Träger (Test)", NULL), &r), 303);
	reply_location_uuid(&r, "/intern/traeger/", org2_id);
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &editor, "/intern/angebote/neu",
			      form("organization_id", org2_id, "name", "Fremdes Angebot (Test)", "status", "active",
				   "delivery", "in_person", NULL), &r), 303);
	reply_location_uuid(&r, "/intern/angebote/", other_offer_id);
	reply_free(&r);
}

static void test_freshness(void **state)
{
	(void)state;
	struct reply r;
	db_scalarf(&srv, "UPDATE service SET assured_date = '2020-01-15', assurer_email = 'alt@example.org' WHERE id = '%s'",
	      offer_id);
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/angebote/veraltet", &r), 200);
	assert_contains(buf_str(&r.body), "Lotsen-Sprechstunde Mainz (Test)");
	assert_contains(buf_str(&r.body), "15.01.2020");
	assert_tidy(&srv, buf_str(&r.body), "the freshness list");
	assert_contains(buf_str(&r.body), path("action=\"/intern/angebote/%s/geprueft\"", offer_id));
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &editor, "/intern", &r), 200);
	assert_contains(buf_str(&r.body), "niemand geprüft hat: ");
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &editor, path("/intern/angebote/%s/geprueft", offer_id), "", &r), 303);
	assert_string_equal(reply_header(&r, "Location"), "/intern/angebote/veraltet?hinweis=geprueft");
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM service WHERE id = '%s' AND assured_date = date('now') AND "
			       "assurer_email = 'editor@demo.lotse.invalid'", offer_id), 1);
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/angebote/veraltet?hinweis=geprueft", &r), 200);
	assert_contains(buf_str(&r.body), "Als geprüft vermerkt.");
	assert_not_contains(buf_str(&r.body), "Lotsen-Sprechstunde Mainz (Test)");
	reply_free(&r);
	/* from the offer's own page, back to it */
	assert_int_equal(agent_submit(&srv, &editor, path("/intern/angebote/%s/geprueft", offer_id), "zurueck=angebot", &r), 303);
	assert_string_equal(reply_header(&r, "Location"), path("/intern/angebote/%s?hinweis=geprueft", offer_id));
	reply_free(&r);
}

/* ---- partners ---- */

static void test_partner_drafts(void **state)
{
	(void)state;
	struct reply r;
	/* bind the demo partner to the test provider */
	db_scalarf(&srv, "UPDATE user SET org_id = '%s' WHERE email = 'partner@demo.lotse.invalid'", org_id);
	assert_int_equal(agent_login_as(&srv, &partner, DEMO_PARTNER), 303);
	assert_int_equal(agent_fetch(&srv, &partner, "/intern/meine-angebote", &r), 200);
	assert_contains(buf_str(&r.body), "Lotsen-Sprechstunde Mainz (Test)");
	assert_contains(buf_str(&r.body), "Noch aktuell");
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &partner, "/intern/angebote", &r), 403);
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &partner, path("/intern/meine-angebote/%s", offer_id), &r), 200);
	assert_not_contains(buf_str(&r.body), "<select id=\"f-organization_id\"");
	assert_not_contains(buf_str(&r.body), "name=\"assured_date\"");
	assert_contains(buf_str(&r.body), "Zur Prüfung einreichen");
	reply_free(&r);
	/* a partner's save is a draft: the offer itself stays as it is */
	assert_int_equal(agent_submit(&srv, &partner, path("/intern/meine-angebote/%s", offer_id),
			      form("organization_id", org_id, "name", "Lotsen-Sprechstunde Mainz und Umgebung", "status",
				   "active", "delivery", "mixed", "minimum_age", "14", "maximum_age", "27", "lang_de", "1",
				   "lang_uk", "1", NULL), &r), 303);
	assert_string_equal(reply_header(&r, "Location"), "/intern/meine-angebote?hinweis=eingereicht");
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM service WHERE id = '%s' AND name = 'Lotsen-Sprechstunde Mainz (Test)' "
			       "AND maximum_age = 25", offer_id), 1);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM service_draft WHERE service_id = '%s' AND status = 'pending'",
			       offer_id), 1);
	assert_int_equal(http_get(&srv, path("/angebote/%s", offer_id), &r), 0);
	if (r.status == 200)
		assert_not_contains(buf_str(&r.body), "Mainz und Umgebung");
	reply_free(&r);
	/* the partner sees its draft waiting, and the form continues from it */
	assert_int_equal(agent_fetch(&srv, &partner, "/intern/meine-angebote", &r), 200);
	assert_contains(buf_str(&r.body), "wartet auf Prüfung");
	assert_tidy(&srv, buf_str(&r.body), "the partner's list");
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &partner, path("/intern/meine-angebote/%s", offer_id), &r), 200);
	assert_contains(buf_str(&r.body), "value=\"Lotsen-Sprechstunde Mainz und Umgebung\"");
	reply_free(&r);
	/* a validation error is shown at the field, nothing stored */
	assert_int_equal(agent_submit(&srv, &partner, path("/intern/meine-angebote/%s", offer_id),
			      form("name", "X", "status", "active", "delivery", "mixed", "minimum_age", "20", "maximum_age",
				   "10", NULL), &r), 422);
	assert_contains(buf_str(&r.body), "Das Höchstalter darf nicht kleiner sein als das Mindestalter.");
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM service_draft WHERE service_id = '%s'", offer_id), 1);

	/* the editor reviews and approves */
	assert_int_equal(agent_fetch(&srv, &editor, "/intern", &r), 200);
	assert_contains(buf_str(&r.body), "auf Prüfung warten: 1");
	reply_free(&r);
	long draft = db_scalarf(&srv, "SELECT max(id) FROM service_draft");
	char url[120];
	snprintf(url, sizeof(url), "/intern/pruefung/%ld", draft);
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/pruefung", &r), 200);
	assert_contains(buf_str(&r.body), url);
	assert_contains(buf_str(&r.body), "partner@demo.lotse.invalid");
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &editor, url, &r), 200);
	const char *b = buf_str(&r.body);
	/* each changed field on its own, the proposal chosen by default */
	assert_contains(b, "id=\"feld-name\"");
	assert_contains(b, "Lotsen-Sprechstunde Mainz <del>(Test)</del><ins>und Umgebung</ins>");
	assert_contains(b, "id=\"feld-maximum_age\"");
	assert_contains(b, "name=\"wahl_maximum_age\" value=\"vorschlag\" checked");
	assert_not_contains(b, "id=\"feld-status\""); /* the same in both */
	assert_contains(b, "Ukrainisch (uk)");
	assert_contains(b, "Gewählte Werte übernehmen");
	assert_tidy(&srv, b, "the review page");
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &editor, path("/intern/angebote/%s", offer_id), &r), 200);
	assert_contains(buf_str(&r.body), "Vorschlag prüfen");
	assert_tidy(&srv, buf_str(&r.body), "the offer form");
	reply_free(&r);
	snprintf(url, sizeof(url), "/intern/pruefung/%ld/freigeben", draft);
	assert_int_equal(agent_submit(&srv, &editor, url, "", &r), 303);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM service WHERE id = '%s' AND name = "
			       "'Lotsen-Sprechstunde Mainz und Umgebung' AND maximum_age = 27", offer_id), 1);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM language WHERE service_id = '%s' AND code = 'uk'", offer_id), 1);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM service_draft WHERE id = %ld AND status = 'approved'", draft), 1);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM metadata WHERE resource_id = '%s' AND field_name = 'name' AND "
			       "updated_by = 'partner@demo.lotse.invalid (freigegeben von editor@demo.lotse.invalid)'",
			       offer_id), 1);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM audit_log WHERE action = 'dir_draft_approve'"), 1);
	/* a decided draft cannot be decided again */
	assert_int_equal(agent_submit(&srv, &editor, url, "", &r), 409);
	reply_free(&r);

	/* another proposal, rejected with a comment the partner sees */
	assert_int_equal(agent_submit(&srv, &partner, path("/intern/meine-angebote/%s", offer_id),
			      form("name", "Sprechstunde Überall", "status", "active", "delivery", "online", NULL), &r), 303);
	reply_free(&r);
	draft = db_scalarf(&srv, "SELECT max(id) FROM service_draft");
	snprintf(url, sizeof(url), "/intern/pruefung/%ld/ablehnen", draft);
	assert_int_equal(agent_submit(&srv, &editor, url, form("comment", "  ", NULL), &r), 422);
	assert_contains(buf_str(&r.body), "Bitte schreiben Sie der Partnerorganisation, warum");
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM service_draft WHERE id = %ld AND status = 'pending'", draft), 1);
	assert_int_equal(agent_submit(&srv, &editor, url, form("comment", "Bitte nennen Sie die neuen Orte.", NULL), &r), 303);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM service WHERE id = '%s' AND name = 'Sprechstunde Überall'", offer_id),
			 0);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM audit_log WHERE action = 'dir_draft_reject'"), 1);
	assert_int_equal(agent_fetch(&srv, &partner, "/intern/meine-angebote", &r), 200);
	assert_contains(buf_str(&r.body), "abgelehnt");
	assert_contains(buf_str(&r.body), "Bitte nennen Sie die neuen Orte.");
	reply_free(&r);

	/* a new offer proposed by the partner */
	assert_int_equal(agent_submit(&srv, &partner, "/intern/meine-angebote/neu",
			      form("organization_id", org_id, "name", "Elterncafé (Vorschlag)", "status", "active",
				   "delivery", "in_person", NULL), &r), 303);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM service_draft WHERE service_id IS NULL AND status = 'pending' AND "
			       "organization_id = '%s'", org_id), 1);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM service WHERE name = 'Elterncafé (Vorschlag)'"), 0);
	draft = db_scalarf(&srv, "SELECT max(id) FROM service_draft");
	snprintf(url, sizeof(url), "/intern/pruefung/%ld/freigeben", draft);
	assert_int_equal(agent_submit(&srv, &editor, url, "", &r), 303);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM service WHERE name = 'Elterncafé (Vorschlag)' AND "
			       "organization_id = '%s'", org_id), 1);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM service_draft WHERE id = %ld AND service_id IS NOT NULL", draft), 1);

	/* "noch aktuell": one click, no review */
	db_scalarf(&srv, "UPDATE service SET assured_date = '2021-03-01' WHERE id = '%s'", offer_id);
	assert_int_equal(agent_submit(&srv, &partner, "/intern/meine-angebote/aktuell", form("angebot", offer_id, NULL), &r), 303);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM service WHERE id = '%s' AND assured_date = date('now') AND "
			       "assurer_email = 'partner@demo.lotse.invalid'", offer_id), 1);
	assert_int_equal(agent_fetch(&srv, &partner, "/intern", &r), 200);
	assert_contains(buf_str(&r.body), "href=\"/intern/meine-angebote\"");
	reply_free(&r);
}

static void test_partner_object_check(void **state)
{
	(void)state;
	struct reply r;
	long drafts = db_scalarf(&srv, "SELECT count(*) FROM service_draft");
	db_scalarf(&srv, "UPDATE service SET assured_date = '2021-03-01' WHERE id = '%s'", other_offer_id);
	/* another organisation's offer in the address */
	assert_int_equal(agent_fetch(&srv, &partner, path("/intern/meine-angebote/%s", other_offer_id), &r), 404);
	assert_not_contains(buf_str(&r.body), "Fremdes Angebot");
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &partner, path("/intern/meine-angebote/%s", other_offer_id),
			      form("name", "Übernommen", "status", "active", "delivery", "online", NULL), &r), 404);
	reply_free(&r);
	/* ... an unknown id answers the same */
	assert_int_equal(agent_fetch(&srv, &partner, "/intern/meine-angebote/00000000-0000-4000-8000-000000000000", &r), 404);
	reply_free(&r);
	/* ... and in a form field */
	assert_int_equal(agent_submit(&srv, &partner, "/intern/meine-angebote/aktuell", form("angebot", other_offer_id, NULL), &r), 404);
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &partner, path("/intern/meine-angebote/%s", offer_id),
			      form("organization_id", org2_id, "name", "Umgehängt", "status", "active", "delivery",
				   "online", NULL), &r), 404);
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &partner, "/intern/meine-angebote/neu",
			      form("organization_id", org2_id, "name", "Untergeschoben", "status", "active", "delivery",
				   "online", NULL), &r), 404);
	reply_free(&r);
	/* nothing changed */
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM service_draft"), drafts);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM service WHERE id = '%s' AND assured_date = '2021-03-01' AND "
			       "name = 'Fremdes Angebot (Test)'", other_offer_id), 1);
	/* the partner's list shows only its own organisation's offers */
	assert_int_equal(agent_fetch(&srv, &partner, "/intern/meine-angebote", &r), 200);
	assert_not_contains(buf_str(&r.body), "Fremdes Angebot");
	reply_free(&r);
	/* editor pages stay closed to partners */
	assert_int_equal(agent_fetch(&srv, &partner, "/intern/pruefung", &r), 403);
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &partner, path("/intern/angebote/%s/geprueft", other_offer_id), "", &r), 403);
	reply_free(&r);
}

/* The categories cannot be read (a column of theirs gone): the pages that
 * show them answer 500 instead of showing none, and a provider's save is
 * refused instead of storing it without its categories (#10). */
static void test_taxonomies_unreadable(void **state)
{
	(void)state;
	struct reply r;
	long terms = db_scalarf(&srv, "SELECT count(*) FROM attribute WHERE link_id = '%s'", org_id);
	assert_true(terms > 0);
	long draft = db_scalarf(&srv, "SELECT max(id) FROM service_draft");
	assert_true(draft > 0);
	char url[120];
	snprintf(url, sizeof(url), "/intern/pruefung/%ld", draft);
	assert_int_equal(db_scalarf(&srv, "ALTER TABLE taxonomy RENAME COLUMN description TO description_gone"), 0);

	/* the finder reads no table: it answers from its snapshot */
	assert_int_equal(http_get(&srv, "/angebote?q=Kategorien+unlesbar", &r), 0);
	assert_int_equal(r.status, 200);
	assert_contains(buf_str(&r.body), "name=\"q\"");
	reply_free(&r);
	const char *const pages[] = { path("/intern/angebote/%s/verlauf", offer_id), path("/intern/traeger/%s/verlauf", org_id),
				      path("/intern/angebote/%s", offer_id), path("/intern/traeger/%s", org_id), url };
	for (size_t i = 0; i < sizeof(pages) / sizeof(*pages); i++) {
		if (agent_fetch(&srv, &editor, pages[i], &r) != 500)
			fail_msg("%s answered %ld, not 500", pages[i], r.status);
		reply_free(&r);
	}
	assert_int_equal(agent_submit(&srv, &editor, path("/intern/traeger/%s", org_id),
			      form("name", "Lotsenhaus Test (Beispiel)", NULL), &r), 500);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM attribute WHERE link_id = '%s'", org_id), terms);

	assert_int_equal(db_scalarf(&srv, "ALTER TABLE taxonomy RENAME COLUMN description_gone TO description"), 0);
	assert_int_equal(http_get(&srv, "/angebote?q=Kategorien+lesbar", &r), 0);
	assert_int_equal(r.status, 200);
	reply_free(&r);
}

int main(int argc, char **argv)
{
	if (harness_args(argc, argv) != 0)
		return 2;
	curl_global_init(CURL_GLOBAL_DEFAULT);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_other_roles_refused),
		cmocka_unit_test(test_create_provider),
		cmocka_unit_test(test_locations),
		cmocka_unit_test(test_provider_change_log),
		cmocka_unit_test(test_offer_validation),
		cmocka_unit_test(test_create_offer),
		cmocka_unit_test(test_change_log),
		cmocka_unit_test(test_archive_and_restore),
		cmocka_unit_test(test_merge_offers),
		cmocka_unit_test(test_merge_providers),
		cmocka_unit_test(test_freshness),
		cmocka_unit_test(test_partner_drafts),
		cmocka_unit_test(test_partner_object_check),
		cmocka_unit_test(test_taxonomies_unreadable),
	};
	int failed = cmocka_run_group_tests(tests, group_setup, group_teardown);
	curl_global_cleanup();
	return failed ? 1 : 0;
}
