/* test_versions.c — lost updates: two people open the same edit form
 * (an offer, a provider, a location, a page of the website), both save;
 * the second save is refused with 409 and a page that shows what the
 * first one saved beside what the second typed, keeps the second's input
 * in the form and takes it over on the current version when saved again.
 * A partner's draft made from an older version of an offer is not
 * approved over an editor's later change without the reviewer seeing it. */
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
static struct agent editor, other, partner; /* other: a second editor, in a session of its own */
static char org_id[37], loc_id[37], offer_id[37];

HARNESS_GROUP(srv, NULL, &editor, DEMO_EDITOR, &other, DEMO_EDITOR, &partner, DEMO__COUNT, NULL)

/* GET path with ag and return the form's version. */
static const char *open_form(struct agent *ag, const char *path)
{
	struct reply r;
	assert_int_equal(agent_fetch(&srv, ag, path, &r), 200);
	const char *v = reply_form_version(&r);
	reply_free(&r);
	return v;
}

static void test_setup_records(void **state)
{
	(void)state;
	struct reply r;
	/* each agent's form token from a page of its own session */
	assert_int_equal(agent_fetch(&srv, &other, "/intern/traeger/neu", &r), 200);
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/traeger/neu", &r), 200);
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &editor, "/intern/traeger/neu", form("name", "Versionen e. V.", NULL), &r),
			 303);
	reply_location_uuid(&r, "/intern/traeger/", org_id);
	reply_free(&r);
	char path[160];
	snprintf(path, sizeof(path), "/intern/traeger/%s/standorte/neu", org_id);
	assert_int_equal(agent_submit(&srv, &editor, path,
			      form("name", "Haus am Markt", "location_type", "physical", "address_1", "Markt 1",
				   "postal_code", "55116", "city", "Mainz", NULL), &r), 303);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM location WHERE organization_id = '%s'", org_id), 1);
	/* the location's id from the provider's page */
	snprintf(path, sizeof(path), "/intern/traeger/%s", org_id);
	assert_int_equal(agent_fetch(&srv, &editor, path, &r), 200);
	char prefix[120];
	snprintf(prefix, sizeof(prefix), "/intern/traeger/%s/standorte/", org_id);
	const char *p = strstr(buf_str(&r.body), prefix);
	while (p && strncmp(p + strlen(prefix), "neu", 3) == 0)
		p = strstr(p + 1, prefix);
	assert_non_null(p);
	snprintf(loc_id, sizeof(loc_id), "%.36s", p + strlen(prefix));
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &editor, "/intern/angebote/neu",
			      form("organization_id", org_id, "name", "Bewerbungstraining", "status", "active", "delivery",
				   "in_person", NULL), &r), 303);
	reply_location_uuid(&r, "/intern/angebote/", offer_id);
	reply_free(&r);
}

/* The offer form's fields with name and version. */
static const char *offer_form(const char *name, const char *description, const char *version)
{
	return form("organization_id", org_id, "name", name, "description", description, "status", "active", "delivery",
		    "in_person", "version", version, NULL);
}

static void test_offer_second_save_refused(void **state)
{
	(void)state;
	struct reply r;
	char path[120];
	snprintf(path, sizeof(path), "/intern/angebote/%s", offer_id);
	/* both open the form of the same version */
	const char *v1 = open_form(&editor, path);
	const char *v2 = open_form(&other, path);
	assert_string_equal(v1, v2);
	/* the first saves */
	assert_int_equal(agent_submit(&srv, &editor, path, offer_form("Bewerbungstraining kompakt", "Zwei Tage.", v1), &r),
			 303);
	reply_free(&r);
	/* the second is refused: both versions shown, the input kept */
	assert_int_equal(agent_submit(&srv, &other, path, offer_form("Bewerbungstraining für Mädchen", "Drei Tage.", v2),
				      &r), 409);
	const char *b = buf_str(&r.body);
	assert_contains(b, "Jemand anderes hat dieses Angebot inzwischen geändert");
	assert_contains(b, "editor@demo.lotse.invalid hat am");
	assert_contains(b, "Bewerbungstraining kompakt");               /* theirs */
	assert_contains(b, "value=\"Bewerbungstraining für Mädchen\""); /* yours, in the form */
	assert_contains(b, "Drei Tage.");
	assert_tidy(&srv, b, "the offer's conflict page");
	const char *v3 = reply_form_version(&r);
	assert_string_not_equal(v3, v2);
	reply_free(&r);
	/* the first one's change is still there */
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM service WHERE id = '%s' AND name = 'Bewerbungstraining kompakt' "
			       "AND description = 'Zwei Tage.'", offer_id), 1);
	/* saved again from the conflict page: the second's input on the current version */
	assert_int_equal(agent_submit(&srv, &other, path, offer_form("Bewerbungstraining für Mädchen", "Drei Tage.", v3),
				      &r), 303);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM service WHERE id = '%s' AND name = 'Bewerbungstraining für Mädchen'",
			       offer_id), 1);
	/* the version moved on: the first's old form is refused too */
	assert_int_equal(agent_submit(&srv, &editor, path, offer_form("Alt", "", v1), &r), 409);
	reply_free(&r);
	/* a form with an error keeps the version it was made from, not the stored one */
	assert_int_equal(agent_submit(&srv, &editor, path, offer_form("", "", v1), &r), 422);
	assert_string_equal(reply_form_version(&r), v1);
	reply_free(&r);
}

static void test_provider_second_save_refused(void **state)
{
	(void)state;
	struct reply r;
	char path[120];
	snprintf(path, sizeof(path), "/intern/traeger/%s", org_id);
	const char *v1 = open_form(&editor, path);
	const char *v2 = open_form(&other, path);
	assert_int_equal(agent_submit(&srv, &editor, path, form("name", "Versionen e. V.", "email", "info@versionen.example",
								  "version", v1, NULL), &r), 303);
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &other, path, form("name", "Versionen e. V.", "website", "https://versionen.example",
								 "version", v2, NULL), &r), 409);
	const char *b = buf_str(&r.body);
	assert_contains(b, "Jemand anderes hat diesen Träger inzwischen geändert");
	assert_contains(b, "info@versionen.example");
	assert_contains(b, "value=\"https://versionen.example\"");
	assert_tidy(&srv, b, "the provider's conflict page");
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM organization WHERE id = '%s' AND email = 'info@versionen.example' "
			       "AND website = ''", org_id), 1);
}

static void test_location_second_save_refused(void **state)
{
	(void)state;
	struct reply r;
	char path[160];
	snprintf(path, sizeof(path), "/intern/traeger/%s/standorte/%s", org_id, loc_id);
	const char *v1 = open_form(&editor, path);
	const char *v2 = open_form(&other, path);
	assert_int_equal(agent_submit(&srv, &editor, path,
			      form("name", "Haus am Markt", "location_type", "physical", "address_1", "Markt 2",
				   "postal_code", "55116", "city", "Mainz", "version", v1, NULL), &r), 303);
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &other, path,
			      form("name", "Haus am Dom", "location_type", "physical", "address_1", "Markt 1",
				   "postal_code", "55116", "city", "Mainz", "version", v2, NULL), &r), 409);
	const char *b = buf_str(&r.body);
	assert_contains(b, "Jemand anderes hat diesen Standort inzwischen geändert");
	assert_contains(b, "value=\"Haus am Dom\"");
	assert_tidy(&srv, b, "the location's conflict page");
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM address WHERE location_id = '%s' AND address_1 = 'Markt 2'", loc_id), 1);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM location WHERE id = '%s' AND name = 'Haus am Markt'", loc_id), 1);
}

static void test_page_second_save_refused(void **state)
{
	(void)state;
	struct reply r;
	const char *path = "/intern/seiten/bqn-rlp/de";
	const char *v1 = open_form(&editor, path);
	const char *v2 = open_form(&other, path);
	assert_int_equal(agent_submit(&srv, &editor, path, form("title", "Das BQN", "body", "Text der Redaktion.",
								  "action", "save", "version", v1, NULL), &r), 303);
	reply_free(&r);
	/* a preview keeps the version it was made from */
	assert_int_equal(agent_submit(&srv, &other, path, form("title", "Das BQN RLP", "body", "Mein Text.", "action",
								 "preview", "version", v2, NULL), &r), 200);
	assert_string_equal(reply_form_version(&r), v2);
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &other, path, form("title", "Das BQN RLP", "body", "Mein Text.", "action", "save",
								 "version", v2, NULL), &r), 409);
	const char *b = buf_str(&r.body);
	assert_contains(b, "Jemand anderes hat diese Seite inzwischen geändert");
	assert_contains(b, "editor@demo.lotse.invalid hat am");
	assert_contains(b, "Text der Redaktion.");
	assert_contains(b, "Mein Text.</textarea>");
	assert_tidy(&srv, b, "the page's conflict page");
	const char *v3 = reply_form_version(&r);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM page WHERE slug = 'bqn-rlp' AND lang = 'de' AND title = 'Das BQN' "
			       "AND body_md = 'Text der Redaktion.'"), 1);
	/* taken over onto the current version */
	assert_int_equal(agent_submit(&srv, &other, path, form("title", "Das BQN RLP", "body", "Mein Text.", "action", "save",
								 "version", v3, NULL), &r), 303);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM page WHERE slug = 'bqn-rlp' AND lang = 'de' AND title = 'Das BQN RLP'"),
			 1);
	/* a translation that did not exist: the second of two first saves is refused */
	const char *en = "/intern/seiten/bqn-rlp/en";
	v1 = open_form(&editor, en);
	v2 = open_form(&other, en);
	assert_string_equal(v1, "0");
	assert_int_equal(agent_submit(&srv, &editor, en, form("title", "The BQN", "action", "save", "version", v1, NULL), &r),
			 303);
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &other, en, form("title", "BQN", "action", "save", "version", v2, NULL), &r), 409);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM page WHERE slug = 'bqn-rlp' AND lang = 'en' AND title = 'The BQN'"), 1);
}

static void test_stale_draft_not_approved_silently(void **state)
{
	(void)state;
	struct reply r;
	char offer[120], mine[120], url[120];
	snprintf(offer, sizeof(offer), "/intern/angebote/%s", offer_id);
	snprintf(mine, sizeof(mine), "/intern/meine-angebote/%s", offer_id);
	db_scalarf(&srv, "UPDATE user SET org_id = '%s' WHERE email = 'partner@demo.lotse.invalid'", org_id);
	assert_int_equal(agent_login_as(&srv, &partner, DEMO_PARTNER), 303);
	/* the partner proposes a change from the current version */
	const char *pv = open_form(&partner, mine);
	assert_int_equal(agent_submit(&srv, &partner, mine,
			      form("organization_id", org_id, "name", "Bewerbungstraining für Mädchen", "description",
				   "Vorschlag des Trägers.", "status", "active", "delivery", "in_person", "version", pv,
				   NULL), &r), 303);
	reply_free(&r);
	long draft = db_scalarf(&srv, "SELECT max(id) FROM service_draft");
	/* then an editor changes the offer */
	const char *ev = open_form(&editor, offer);
	assert_int_equal(agent_submit(&srv, &editor, offer,
			      offer_form("Bewerbungstraining für Mädchen", "Neue Zeiten ab März.", ev), &r), 303);
	reply_free(&r);
	/* the review shows that the offer changed since the draft */
	snprintf(url, sizeof(url), "/intern/pruefung/%ld", draft);
	assert_int_equal(agent_fetch(&srv, &other, url, &r), 200);
	const char *b = buf_str(&r.body);
	assert_contains(b, "Das Angebot ist seit diesem Vorschlag geändert worden");
	assert_contains(b, "Neue Zeiten ab März.");
	/* the description as a conflict: its three values, no choice made */
	assert_contains(b, "class=\"review-field conflict\" id=\"feld-description\"");
	assert_contains(b, "Beim Vorschlag");
	assert_contains(b, "Vorschlag des Trägers.");
	assert_not_contains(b, "name=\"wahl_description\" value=\"vorschlag\" checked");
	assert_not_contains(b, "name=\"wahl_description\" value=\"bisher\" checked");
	assert_tidy(&srv, b, "the review of a stale draft");
	const char *seen = reply_form_version(&r);
	reply_free(&r);
	/* approving without a word is refused; the editor's change stays */
	snprintf(url, sizeof(url), "/intern/pruefung/%ld/freigeben", draft);
	assert_int_equal(agent_submit(&srv, &other, url, "", &r), 409);
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &other, url, form("version", seen, NULL), &r), 409);
	assert_contains(buf_str(&r.body), "Bitte wählen Sie bei jedem Feld mit Konflikt, welcher Wert gelten soll.");
	assert_contains(buf_str(&r.body), "href=\"#feld-description\"");
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM service WHERE id = '%s' AND description = 'Neue Zeiten ab März.'",
			       offer_id), 1);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM service_draft WHERE id = %ld AND status = 'pending'", draft), 1);
	/* the confirmation on a version that has moved on meanwhile is refused too */
	ev = open_form(&editor, offer);
	assert_int_equal(agent_submit(&srv, &editor, offer,
			      offer_form("Bewerbungstraining für Mädchen", "Neue Zeiten ab April.", ev), &r), 303);
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &other, url, form("version", seen, "wahl_description", "vorschlag", NULL), &r),
			 409);
	assert_contains(buf_str(&r.body), "Neue Zeiten ab April.");
	seen = reply_form_version(&r);
	reply_free(&r);
	/* chosen on the version shown: the proposal replaces the later change */
	assert_int_equal(agent_submit(&srv, &other, url, form("version", seen, "wahl_description", "vorschlag", NULL), &r),
			 303);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM service WHERE id = '%s' AND description = 'Vorschlag des Trägers.'",
			       offer_id), 1);
	/* a draft made from the current version is approved as before */
	pv = open_form(&partner, mine);
	assert_int_equal(agent_submit(&srv, &partner, mine,
			      form("organization_id", org_id, "name", "Bewerbungstraining", "status", "active",
				   "delivery", "in_person", "version", pv, NULL), &r), 303);
	reply_free(&r);
	draft = db_scalarf(&srv, "SELECT max(id) FROM service_draft");
	snprintf(url, sizeof(url), "/intern/pruefung/%ld/freigeben", draft);
	assert_int_equal(agent_submit(&srv, &other, url, "", &r), 303);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM service WHERE id = '%s' AND name = 'Bewerbungstraining'", offer_id), 1);
}

int main(int argc, char **argv)
{
	if (harness_args(argc, argv) != 0)
		return 2;
	curl_global_init(CURL_GLOBAL_DEFAULT);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_setup_records),
		cmocka_unit_test(test_offer_second_save_refused),
		cmocka_unit_test(test_provider_second_save_refused),
		cmocka_unit_test(test_location_second_save_refused),
		cmocka_unit_test(test_page_second_save_refused),
		cmocka_unit_test(test_stale_draft_not_approved_silently),
	};
	int failed = cmocka_run_group_tests(tests, group_setup, group_teardown);
	curl_global_cleanup();
	return failed ? 1 : 0;
}
