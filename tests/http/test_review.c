/* test_review.c — an editor reviews a partner's proposal field by field,
 * against the real server: each changed field with its value before and
 * the proposal (a text's change word by word); some fields taken, others
 * kept, one typed over (a bad value refused, nothing stored); only the
 * chosen fields change, in the change log and the audit log with the
 * choices; and when the offer changed since the proposal, the field
 * changed on both sides shows its three values and needs a choice, while a
 * field only the editor changed keeps the editor's value by default. */
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
static struct agent editor, partner;
static char org_id[37], offer_id[37];

static int group_setup(void **state)
{
	(void)state;
	return harness_group_setup(&srv, NULL, &editor, DEMO_EDITOR, &partner, DEMO_PARTNER, NULL);
}

static int group_teardown(void **state)
{
	(void)state;
	return harness_group_teardown(&srv, &editor, &partner, NULL);
}

/* The version of the form or review page at path, as text. */
static const char *version_of(struct agent *ag, const char *path)
{
	struct reply r;
	assert_int_equal(agent_fetch(&srv, ag, path, &r), 200);
	const char *v = reply_form_version(&r);
	reply_free(&r);
	return v;
}

static const char *offer_path(void)
{
	static char p[80];
	snprintf(p, sizeof(p), "/intern/angebote/%s", offer_id);
	return p;
}

static const char *partner_path(void)
{
	static char p[80];
	snprintf(p, sizeof(p), "/intern/meine-angebote/%s", offer_id);
	return p;
}

/* The editor's form of the offer: all the fields these tests use (version
 * NULL: a new offer). */
static const char *editor_form(const char *name, const char *description, const char *url, const char *version)
{
	return form("organization_id", org_id, "name", name, "description", description, "url", url, "email",
		    "cafe@example.org", "maximum_age", "25", "status", "active", "delivery", "in_person",
		    version ? "version" : NULL, version, NULL);
}

static void test_setup(void **state)
{
	(void)state;
	struct reply r;
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/traeger/neu", &r), 200);
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &editor, "/intern/traeger/neu", form("name", "Sprachbrücke e. V.", NULL), &r),
			 303);
	reply_location_uuid(&r, "/intern/traeger/", org_id);
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &editor, "/intern/angebote/neu",
				      editor_form("Sprachcafé Neustadt",
						  "Jeden Dienstag ab 16 Uhr im Gemeindesaal. Bitte vorher anmelden.",
						  "https://example.org/cafe", NULL),
				      &r),
			 303);
	reply_location_uuid(&r, "/intern/angebote/", offer_id);
	reply_free(&r);
	db_scalarf(&srv, "UPDATE user SET org_id = '%s' WHERE email = 'partner@demo.lotse.invalid'", org_id);
}

/* The partner sends its form of the offer (body); the id of the draft. */
static long send_proposal(const char *body)
{
	struct reply r;
	assert_int_equal(agent_submit(&srv, &partner, partner_path(), body, &r), 303);
	reply_free(&r);
	return db_scalarf(&srv, "SELECT max(id) FROM service_draft WHERE service_id = '%s' AND status = 'pending'",
			  offer_id);
}

/* The partner proposes the offer with these values (from the version its
 * form shows); the id of the draft. */
static long propose(const char *name, const char *description, const char *url, const char *email, const char *maxage)
{
	const char *v = version_of(&partner, partner_path());
	return send_proposal(form("organization_id", org_id, "name", name, "description", description, "url", url,
				  "email", email, "maximum_age", maxage, "status", "active", "delivery", "in_person",
				  "version", v, NULL));
}

static void test_take_keep_edit(void **state)
{
	(void)state;
	struct reply r;
	long draft = propose("Sprachcafé Neustadt und Hartenberg",
			     "Jeden Mittwoch ab 16 Uhr im Gemeindesaal. Bitte vorher anmelden.", "https://example.org/sprachcafe",
			     "sprachcafe@example.org", "27");
	char page[80], url[96];
	snprintf(page, sizeof(page), "/intern/pruefung/%ld", draft);
	snprintf(url, sizeof(url), "%s/freigeben", page);
	assert_int_equal(agent_fetch(&srv, &editor, page, &r), 200);
	const char *b = buf_str(&r.body);
	/* the changed fields, each on its own; the unchanged ones counted */
	assert_contains(b, "id=\"feld-name\"");
	assert_contains(b, "id=\"feld-description\"");
	assert_contains(b, "id=\"feld-url\"");
	assert_contains(b, "id=\"feld-email\"");
	assert_contains(b, "id=\"feld-maximum_age\"");
	assert_not_contains(b, "id=\"feld-delivery\"");
	assert_contains(b, "Geänderte Felder: 5, davon mit Konflikt: 0.");
	/* a text's change word by word */
	assert_contains(b, "<del>Dienstag </del><ins>Mittwoch </ins>");
	assert_contains(b, "name=\"wahl_url\" value=\"vorschlag\" checked");
	assert_not_contains(b, "Konflikt</mark>");
	assert_tidy(&srv, b, "the review field by field");
	reply_free(&r);
	const char *v = version_of(&editor, page);

	/* one's own value is checked like the offer form's: refused, nothing stored */
	assert_int_equal(agent_submit(&srv, &editor, url,
				      form("version", v, "wahl_name", "vorschlag", "wahl_description", "vorschlag", "wahl_url",
					   "eigener", "wert_url", "example.org/cafe", "wahl_email", "bisher",
					   "wahl_maximum_age", "bisher", NULL),
				      &r),
			 422);
	b = buf_str(&r.body);
	assert_contains(b, "href=\"#feld-url\"");
	assert_contains(b, "value=\"example.org/cafe\"");
	assert_contains(b, "name=\"wahl_url\" value=\"eigener\" checked");
	assert_contains(b, "name=\"wahl_email\" value=\"bisher\" checked");
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM service WHERE id = '%s' AND name = 'Sprachcafé Neustadt'",
				    offer_id),
			 1);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM service_draft WHERE id = %ld AND status = 'pending'", draft), 1);

	/* take name and description, keep e-mail and age, type the address */
	assert_int_equal(agent_submit(&srv, &editor, url,
				      form("version", v, "wahl_name", "vorschlag", "wahl_description", "vorschlag", "wahl_url",
					   "eigener", "wert_url", "https://example.org/sprachcafe-neustadt", "wahl_email",
					   "bisher", "wahl_maximum_age", "bisher", NULL),
				      &r),
			 303);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM service WHERE id = '%s' AND "
					  "name = 'Sprachcafé Neustadt und Hartenberg' AND "
					  "description = 'Jeden Mittwoch ab 16 Uhr im Gemeindesaal. Bitte vorher anmelden.' AND "
					  "url = 'https://example.org/sprachcafe-neustadt' AND email = 'cafe@example.org' AND "
					  "maximum_age = 25",
				    offer_id),
			 1);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM service_draft WHERE id = %ld AND status = 'approved'", draft), 1);
	/* the change log has the written fields only, the audit log the choices */
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM metadata WHERE resource_id = '%s' AND updated_by LIKE "
					  "'%%freigegeben von%%' AND field_name IN ('name', 'description', 'url')",
				    offer_id),
			 3);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM metadata WHERE resource_id = '%s' AND updated_by LIKE "
					  "'%%freigegeben von%%' AND field_name IN ('email', 'maximum_age')",
				    offer_id),
			 0);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM audit_log WHERE action = 'dir_draft_approve' AND "
					  "object_id = '%ld' AND detail LIKE '%%url=eigener%%' AND detail LIKE "
					  "'%%email=bisher%%' AND detail LIKE '%%name=vorschlag%%'",
				    draft),
			 1);
	/* the decided draft shows its fields, no choice any more */
	assert_int_equal(agent_fetch(&srv, &editor, page, &r), 200);
	assert_contains(buf_str(&r.body), "freigegeben");
	assert_not_contains(buf_str(&r.body), "name=\"wahl_");
	reply_free(&r);
}

static void test_conflict(void **state)
{
	(void)state;
	struct reply r;
	/* the partner proposes a new address and a new description ... */
	long draft = propose("Sprachcafé Neustadt und Hartenberg", "Mittwochs im Gemeindesaal, ohne Anmeldung.",
			     "https://example.org/sprachcafe-neustadt", "cafe@example.org", "25");
	/* ... then an editor changes the description and the address */
	const char *ev = version_of(&editor, offer_path());
	assert_int_equal(agent_submit(&srv, &editor, offer_path(),
				      editor_form("Sprachcafé Neustadt und Hartenberg",
						  "Ab März donnerstags im Jugendhaus, Anmeldung bei Frau Adler.",
						  "https://example.org/jugendhaus", ev),
				      &r),
			 303);
	reply_free(&r);
	/* the partner had not changed the address: keep the editor's; the
	 * description changed on both sides: its three values, no choice made */
	char page[80], url[96];
	snprintf(page, sizeof(page), "/intern/pruefung/%ld", draft);
	snprintf(url, sizeof(url), "%s/freigeben", page);
	/* the list says so already */
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/pruefung", &r), 200);
	assert_contains(buf_str(&r.body), "<span class=\"tag\">Angebot seither geändert</span>");
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &editor, page, &r), 200);
	const char *b = buf_str(&r.body);
	assert_contains(b, "Das Angebot ist seit diesem Vorschlag geändert worden");
	assert_contains(b, "class=\"review-field conflict\" id=\"feld-description\"");
	assert_contains(b, "Beim Vorschlag");
	assert_contains(b, "Jeden Mittwoch ab 16 Uhr im Gemeindesaal. Bitte vorher anmelden.");
	assert_contains(b, "Ab März donnerstags im Jugendhaus, Anmeldung bei Frau Adler.");
	assert_contains(b, "Mittwochs im Gemeindesaal, ohne Anmeldung.");
	assert_not_contains(b, "name=\"wahl_description\" value=\"vorschlag\" checked");
	assert_not_contains(b, "name=\"wahl_description\" value=\"bisher\" checked");
	assert_contains(b, "class=\"review-field\" id=\"feld-url\"");
	assert_contains(b, "name=\"wahl_url\" value=\"bisher\" checked");
	assert_contains(b, "Geänderte Felder: 2, davon mit Konflikt: 1.");
	assert_tidy(&srv, b, "the review with a conflict");
	reply_free(&r);
	const char *v = version_of(&editor, page);
	/* without a choice in the conflict: refused, nothing stored */
	assert_int_equal(agent_submit(&srv, &editor, url, form("version", v, "wahl_url", "bisher", NULL), &r), 409);
	assert_contains(buf_str(&r.body), "Bitte wählen Sie bei jedem Feld mit Konflikt, welcher Wert gelten soll.");
	assert_contains(buf_str(&r.body), "href=\"#feld-description\"");
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM service WHERE id = '%s' AND url = "
					  "'https://example.org/jugendhaus' AND description LIKE 'Ab März%%'",
				    offer_id),
			 1);
	/* the editor's description kept, by choice, and the address too: nothing to write */
	assert_int_equal(agent_submit(&srv, &editor, url,
				      form("version", v, "wahl_description", "bisher", "wahl_url", "bisher", NULL), &r),
			 303);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM service WHERE id = '%s' AND url = "
					  "'https://example.org/jugendhaus' AND description LIKE 'Ab März%%'",
				    offer_id),
			 1);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM service_draft WHERE id = %ld AND status = 'approved'", draft), 1);

	/* a proposal approved on a version that moved on meanwhile: the page again */
	draft = propose("Sprachcafé Neustadt und Hartenberg", "Donnerstags im Jugendhaus.", "https://example.org/jugendhaus",
			"cafe@example.org", "25");
	snprintf(page, sizeof(page), "/intern/pruefung/%ld", draft);
	snprintf(url, sizeof(url), "%s/freigeben", page);
	v = version_of(&editor, page);
	ev = version_of(&editor, offer_path());
	assert_int_equal(agent_submit(&srv, &editor, offer_path(),
				      editor_form("Sprachcafé Neustadt und Hartenberg", "Donnerstags ab 17 Uhr.",
						  "https://example.org/jugendhaus", ev),
				      &r),
			 303);
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &editor, url, form("version", v, "wahl_description", "vorschlag", NULL), &r),
			 409);
	assert_contains(buf_str(&r.body), "Donnerstags ab 17 Uhr.");
	assert_contains(buf_str(&r.body), "class=\"review-field conflict\" id=\"feld-description\"");
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM service WHERE id = '%s' AND description = "
					  "'Donnerstags ab 17 Uhr.'",
				    offer_id),
			 1);
}

/* The value of the hidden input name in body (a mark: hex digits). */
static const char *hidden(const char *body, const char *name)
{
	static char out[4][64];
	static int k;
	char pat[96];
	snprintf(pat, sizeof(pat), "name=\"%s\" value=\"", name);
	const char *p = strstr(body, pat);
	if (!p)
		fail_msg("no hidden %s in the page", name);
	p += strlen(pat);
	char *o = out[k++ % 4];
	size_t n = strcspn(p, "\"");
	snprintf(o, sizeof(out[0]), "%.*s", (int)(n < 63 ? n : 63), p);
	return o;
}

/* The partner proposes the offer as it is now but with languages and
 * phone numbers of its own; the id of the draft. */
static long propose_lists(const char *description, const char *url)
{
	const char *v = version_of(&partner, partner_path());
	return send_proposal(form("organization_id", org_id, "name", "Sprachcafé Neustadt und Hartenberg", "description",
				  description, "url", url, "email", "cafe@example.org", "maximum_age", "25", "status",
				  "active", "delivery", "in_person", "lang_ar", "1", "lang_tr", "1", "phone_n", "1",
				  "phone_number_0", "06131 123456", "phone_type_0", "voice", "version", v, NULL));
}

/* List fields (languages, phone numbers) have one's own value too: one
 * item a line, a line as shown keeps the item, a new line is a new item,
 * a language lotse does not know is refused with the lines kept. */
static void test_list_own_value(void **state)
{
	(void)state;
	struct reply r;
	long draft = propose_lists("Donnerstags ab 17 Uhr.", "https://example.org/jugendhaus");
	char page[80], url[96];
	snprintf(page, sizeof(page), "/intern/pruefung/%ld", draft);
	snprintf(url, sizeof(url), "%s/freigeben", page);
	assert_int_equal(agent_fetch(&srv, &editor, page, &r), 200);
	const char *b = buf_str(&r.body);
	assert_contains(b, "id=\"feld-languages\"");
	assert_contains(b, "id=\"feld-phones\"");
	assert_not_contains(b, "id=\"feld-description\"");
	assert_contains(b, "name=\"wahl_languages\" value=\"eigener\"");
	assert_contains(b, "Türkisch (tr)\nArabisch (ar)</textarea>");
	assert_contains(b, "name=\"wert_phones\"");
	assert_tidy(&srv, b, "the review with list fields");
	reply_free(&r);
	const char *v = version_of(&editor, page);

	/* a language lotse does not know: refused, the lines and choices kept, nothing stored */
	assert_int_equal(agent_submit(&srv, &editor, url,
				      form("version", v, "wahl_languages", "eigener", "wert_languages",
					   "Arabisch (ar)\r\nKlingonisch", "wahl_phones", "eigener", "wert_phones",
					   "06131 123456\r\n0171 5550000", NULL),
				      &r),
			 422);
	b = buf_str(&r.body);
	assert_contains(b, "href=\"#feld-languages\"");
	assert_contains(b, "keine Sprache, die lotse kennt");
	assert_contains(b, "Arabisch (ar)\r\nKlingonisch</textarea>");
	assert_contains(b, "06131 123456\r\n0171 5550000</textarea>");
	assert_contains(b, "name=\"wahl_languages\" value=\"eigener\" checked");
	assert_contains(b, "name=\"wahl_phones\" value=\"eigener\" checked");
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM language WHERE service_id = '%s'", offer_id), 0);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM phone WHERE service_id = '%s'", offer_id), 0);

	/* Arabic as proposed, Ukrainian by its name instead of Turkish; the
	 * proposed number and a new one */
	assert_int_equal(agent_submit(&srv, &editor, url,
				      form("version", v, "wahl_languages", "eigener", "wert_languages",
					   "Arabisch (ar)\r\n  Ukrainisch \r\n\r\n", "wahl_phones", "eigener", "wert_phones",
					   "06131 123456\r\n0171 5550000", NULL),
				      &r),
			 303);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM language WHERE service_id = '%s'", offer_id), 2);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM language WHERE service_id = '%s' AND code IN ('ar', "
					  "'uk')",
				    offer_id),
			 2);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM phone WHERE service_id = '%s' AND number IN "
					  "('06131 123456', '0171 5550000')",
				    offer_id),
			 2);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM audit_log WHERE action = 'dir_draft_approve' AND "
					  "object_id = '%ld' AND detail LIKE '%%languages=eigener%%'",
				    draft),
			 1);
}

/* A 409 keeps what the editor chose and typed: without a choice in the
 * conflict, every other choice and own value (a list's lines too) is on
 * the page again; after the offer changed while the page was open, too,
 * but the field that changed meanwhile asks for its choice again. */
static void test_conflict_keeps_choices(void **state)
{
	(void)state;
	struct reply r;
	long draft = propose_lists("Freitags im Jugendhaus.", "https://example.org/jugendhaus");
	const char *ev = version_of(&editor, offer_path());
	assert_int_equal(agent_submit(&srv, &editor, offer_path(),
				      editor_form("Sprachcafé Neustadt und Hartenberg", "Samstags im Rathaus.",
						  "https://example.org/jugendhaus", ev),
				      &r),
			 303);
	reply_free(&r);
	char page[80], url[96], m_desc[64], m_lang[64], m_phone[64];
	snprintf(page, sizeof(page), "/intern/pruefung/%ld", draft);
	snprintf(url, sizeof(url), "%s/freigeben", page);
	assert_int_equal(agent_fetch(&srv, &editor, page, &r), 200);
	const char *b = buf_str(&r.body);
	assert_contains(b, "class=\"review-field conflict\" id=\"feld-description\"");
	const char *v = reply_form_version(&r);
	snprintf(m_desc, sizeof(m_desc), "%s", hidden(b, "jetzt_description"));
	snprintf(m_lang, sizeof(m_lang), "%s", hidden(b, "jetzt_languages"));
	snprintf(m_phone, sizeof(m_phone), "%s", hidden(b, "jetzt_phones"));
	reply_free(&r);

	/* no choice in the conflict: 409, the other choices and values kept */
	assert_int_equal(agent_submit(&srv, &editor, url,
				      form("version", v, "jetzt_description", m_desc, "jetzt_languages", m_lang,
					   "jetzt_phones", m_phone, "wahl_languages", "eigener", "wert_languages",
					   "Deutsch (de)\r\nEnglisch", "wahl_phones", "bisher", NULL),
				      &r),
			 409);
	b = buf_str(&r.body);
	assert_contains(b, "Bitte wählen Sie bei jedem Feld mit Konflikt");
	assert_contains(b, "name=\"wahl_languages\" value=\"eigener\" checked");
	assert_contains(b, "Deutsch (de)\r\nEnglisch</textarea>");
	assert_contains(b, "name=\"wahl_phones\" value=\"bisher\" checked");
	assert_not_contains(b, "name=\"wahl_description\" value=\"vorschlag\" checked");
	reply_free(&r);

	/* the phone numbers change while the page is open: the choices made
	 * stay, the phone numbers ask again */
	db_scalarf(&srv, "INSERT INTO phone(id, service_id, number, type) VALUES "
			 "('77777777-0000-4000-8000-000000000001', '%s', '06131 777', 'voice')",
		   offer_id);
	db_scalarf(&srv, "UPDATE service SET version = version + 1 WHERE id = '%s'", offer_id);
	assert_int_equal(agent_submit(&srv, &editor, url,
				      form("version", v, "jetzt_description", m_desc, "jetzt_languages", m_lang,
					   "jetzt_phones", m_phone, "wahl_description", "bisher", "wahl_languages",
					   "eigener", "wert_languages", "Deutsch (de)\r\nEnglisch", "wahl_phones", "bisher",
					   NULL),
				      &r),
			 409);
	b = buf_str(&r.body);
	assert_contains(b, "während Sie diese Seite offen hatten");
	assert_contains(b, "name=\"wahl_description\" value=\"bisher\" checked");
	assert_contains(b, "name=\"wahl_languages\" value=\"eigener\" checked");
	assert_contains(b, "Deutsch (de)\r\nEnglisch</textarea>");
	assert_not_contains(b, "name=\"wahl_phones\" value=\"bisher\" checked");
	assert_contains(b, "href=\"#feld-phones\"");
	assert_contains(b, "06131 777");
	v = reply_form_version(&r);
	snprintf(m_phone, sizeof(m_phone), "%s", hidden(b, "jetzt_phones"));
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM service_draft WHERE id = %ld AND status = 'pending'", draft), 1);

	/* chosen again on the new version: written */
	assert_int_equal(agent_submit(&srv, &editor, url,
				      form("version", v, "jetzt_description", m_desc, "jetzt_languages", m_lang,
					   "jetzt_phones", m_phone, "wahl_description", "bisher", "wahl_languages",
					   "eigener", "wert_languages", "Deutsch (de)\r\nEnglisch", "wahl_phones", "bisher",
					   NULL),
				      &r),
			 303);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM language WHERE service_id = '%s' AND code IN ('de', "
					  "'en')",
				    offer_id),
			 2);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM language WHERE service_id = '%s'", offer_id), 2);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM service WHERE id = '%s' AND description = "
					  "'Samstags im Rathaus.'",
				    offer_id),
			 1);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM phone WHERE service_id = '%s' AND number = '06131 777'",
				    offer_id),
			 1);
}

int main(int argc, char **argv)
{
	if (argc > 1)
		harness_bin = argv[1];
	curl_global_init(CURL_GLOBAL_DEFAULT);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_setup),
		cmocka_unit_test(test_take_keep_edit),
		cmocka_unit_test(test_conflict),
		cmocka_unit_test(test_list_own_value),
		cmocka_unit_test(test_conflict_keeps_choices),
	};
	int failed = cmocka_run_group_tests(tests, group_setup, group_teardown);
	curl_global_cleanup();
	return failed;
}
