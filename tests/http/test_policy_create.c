/* test_policy_create.c — the committee editors at /intern/gremien and
 * /intern/prozesse against the real server with the demo data: a
 * meeting with its agenda and files, a decision process and its steps,
 * deleting what they added (a warning page, CSRF, audit row; deleted in
 * OParl), the members of a body over time, a meeting's action items, and
 * `lotse import oparl`. What is not public stays out of the public pages
 * and OParl (valid against the schemas). */
#include "policy_fixture.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static void test_editor_meeting(void **state)
{
	(void)state;
	struct reply r;
	/* the public may not edit */
	assert_int_equal(http_get(&srv, "/intern/gremien", &r), 0);
	assert_int_equal(r.status, 303);
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &editor, "/intern", &r), 200);
	assert_contains(buf_str(&r.body), "href=\"/intern/gremien\"");
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/gremien/1", &r), 200);
	assert_tidy(&srv, buf_str(&r.body), "/intern/gremien/1");
	reply_free(&r);
	/* a bad date comes back with the error at the field and the text kept */
	assert_int_equal(agent_submit(&srv, &editor, "/intern/gremien/1/sitzungen",
				      form("name", "Sondersitzung Lotsen", "datum", "2027-02-30", "uhrzeit", "17:00",
					   "ort", "Rathaus", "stand", "planned", NULL),
				      &r),
			 422);
	assert_contains(buf_str(&r.body), "aria-invalid=\"true\"");
	assert_contains(buf_str(&r.body), "Sondersitzung Lotsen");
	reply_free(&r);
	assert_int_equal(db_scalar(&srv, "SELECT count(*) FROM pol_meeting WHERE name = 'Sondersitzung Lotsen'"), 0);
	/* created: 17:00 in March is 16:00 UTC */
	assert_int_equal(agent_submit(&srv, &editor, "/intern/gremien/1/sitzungen",
				      form("name", "Sondersitzung Lotsen", "datum", "2027-03-15", "uhrzeit", "17:00",
					   "ort", "Rathaus", "stand", "invited", NULL),
				      &r),
			 303);
	long id = location_id(&r, "/intern/sitzungen/");
	reply_free(&r);
	assert_true(id > 0);
	char sql[256];
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM pol_meeting WHERE id = %ld AND start_at = '2027-03-15T16:00:00Z'", id);
	assert_int_equal(db_scalar(&srv, sql), 1);
	char path[128];
	snprintf(path, sizeof(path), "/intern/sitzungen/%ld", id);
	assert_int_equal(agent_fetch(&srv, &editor, path, &r), 200);
	assert_tidy(&srv, buf_str(&r.body), path);
	reply_free(&r);
	/* two items, one not public; a consultation of paper 1 */
	snprintf(path, sizeof(path), "/intern/sitzungen/%ld/punkte", id);
	assert_int_equal(agent_submit(&srv, &editor, path, form("nummer", "1", "name", "Bericht der Lotsen",
								"oeffentlich", "1", NULL), &r), 303);
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &editor, path, form("nummer", "2", "name", "Vertrauliche Personalsache",
								NULL), &r), 303);
	reply_free(&r);
	snprintf(path, sizeof(path), "/intern/sitzungen/%ld/beratungen", id);
	assert_int_equal(agent_submit(&srv, &editor, path, form("vorlage", "1", "zweck", "information", NULL), &r), 303);
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &editor, path, form("vorlage", "99999", "zweck", "information", NULL), &r),
			 422);
	reply_free(&r);
	/* a PDF upload, and a file that is no PDF refused */
	snprintf(path, sizeof(path), "/intern/sitzungen/%ld", id);
	assert_int_equal(agent_fetch(&srv, &editor, path, &r), 200);
	reply_free(&r);
	static const char pdf[] = "%PDF-1.4\n% test\n%%EOF\n";
	for (int bad = 0; bad < 2; bad++) {
		char body[2048];
		int n = snprintf(body, sizeof(body),
				 "--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n%s\r\n"
				 "--XyZ\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nEinladung zur Sondersitzung\r\n"
				 "--XyZ\r\nContent-Disposition: form-data; name=\"rolle\"\r\n\r\ninvitation\r\n"
				 "--XyZ\r\nContent-Disposition: form-data; name=\"oeffentlich\"\r\n\r\n1\r\n"
				 "--XyZ\r\nContent-Disposition: form-data; name=\"datei\"; filename=\"einladung.pdf\"\r\n"
				 "Content-Type: application/pdf\r\n\r\n%s\r\n--XyZ--\r\n",
				 editor.csrf, bad ? "kein pdf" : pdf);
		assert_true(n > 0 && (size_t)n < sizeof(body));
		snprintf(path, sizeof(path), "/intern/sitzungen/%ld/dateien", id);
		assert_int_equal(agent_http(&srv, &editor, "POST", path, body, "multipart/form-data; boundary=XyZ", &r), 0);
		assert_int_equal(r.status, bad ? 422 : 303);
		reply_free(&r);
		snprintf(path, sizeof(path), "/intern/sitzungen/%ld", id);
		assert_int_equal(agent_fetch(&srv, &editor, path, &r), 200);
		reply_free(&r);
	}
	assert_int_equal(db_scalar(&srv, "SELECT count(*) FROM pol_file WHERE name = 'Einladung zur Sondersitzung' AND "
					 "size = 22 AND length(sha256) = 64"), 1);
	assert_true(db_scalar(&srv, "SELECT count(*) FROM audit_log WHERE action LIKE 'policy.%'") >= 5);
	/* the public page: the public item, the file, not the other item */
	snprintf(path, sizeof(path), "/sitzungen/%ld", id);
	struct reply p;
	get_ok(path, &p);
	assert_contains(buf_str(&p.body), "Bericht der Lotsen");
	assert_contains(buf_str(&p.body), "Einladung zur Sondersitzung");
	assert_not_contains(buf_str(&p.body), "Vertrauliche Personalsache");
	reply_free(&p);
	/* and the OParl meeting with its invitation, valid */
	buf list = { 0 };
	snprintf(path, sizeof(path), "/oparl/v1/meeting/%ld", id);
	oparl_save(path, &list, 200);
	oparl_validate(&list);
	buf_free(&list);
}

static void test_editor_process(void **state)
{
	(void)state;
	struct reply r;
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/prozesse", &r), 200);
	assert_tidy(&srv, buf_str(&r.body), "/intern/prozesse");
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &editor, "/intern/prozesse/neu", form("titel", "", NULL), &r), 422);
	reply_free(&r);
	/* a process not (yet) public */
	assert_int_equal(agent_submit(&srv, &editor, "/intern/prozesse/neu",
				      form("titel", "Sprachmittlung in Elterngesprächen", "zusammenfassung", "Von der Idee an.",
					   NULL),
				      &r),
			 303);
	long id = location_id(&r, "/intern/prozesse/");
	reply_free(&r);
	char path[128];
	snprintf(path, sizeof(path), "/intern/prozesse/%ld", id);
	assert_int_equal(agent_fetch(&srv, &editor, path, &r), 200);
	assert_tidy(&srv, buf_str(&r.body), path);
	reply_free(&r);
	snprintf(path, sizeof(path), "/intern/prozesse/%ld/schritte", id);
	assert_int_equal(agent_submit(&srv, &editor, path, form("datum", "2026-13-01", "art", "proposal", "text", "Idee", NULL),
				      &r),
			 422);
	assert_contains(buf_str(&r.body), "JJJJ-MM-TT");
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &editor, path,
				      form("datum", "2026-12-01", "art", "proposal", "text", "Der Beirat schlägt Sprachmittlung vor.",
					   "vorlage", "3", "sitzung", "2", NULL),
				      &r),
			 303);
	reply_free(&r);
	assert_int_equal(db_scalar(&srv, "SELECT count(*) FROM pol_step WHERE text = 'Der Beirat schlägt Sprachmittlung vor.'"),
			 1);
	snprintf(path, sizeof(path), "/prozesse/%ld", id);
	assert_int_equal(http_get(&srv, path, &r), 0);
	assert_int_equal(r.status, 404); /* not public */
	reply_free(&r);
}

/* The editors delete what they added: a warning page, then the soft
 * deletion (CSRF, audit row); gone from the public pages, deleted: true
 * in OParl (valid). */
static void del(const char *kind, long id, const char *back)
{
	struct reply r;
	char path[128];
	snprintf(path, sizeof(path), "/intern/gremien/loeschen/%s/%ld", kind, id);
	assert_int_equal(agent_fetch(&srv, &editor, path, &r), 200);
	assert_contains(buf_str(&r.body), "nicht rückgängig");
	assert_tidy(&srv, buf_str(&r.body), path);
	reply_free(&r);
	/* without the CSRF token: refused, nothing deleted */
	assert_int_equal(agent_http(&srv, &editor, "POST", path, "", "application/x-www-form-urlencoded", &r), 0);
	assert_true(r.status >= 400);
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &editor, path, "", &r), 303);
	const char *loc = reply_header(&r, "Location");
	assert_non_null(loc);
	if (strncmp(loc, back, strlen(back)) != 0)
		fail_msg("Location %s, want %s...", loc, back);
	reply_free(&r);
	/* once deleted, the page is gone */
	assert_int_equal(agent_fetch(&srv, &editor, path, &r), 404);
	reply_free(&r);
}

static void test_editor_delete(void **state)
{
	(void)state;
	struct reply r;
	long meeting = db_scalar(&srv, "SELECT id FROM pol_meeting WHERE name = 'Sondersitzung Lotsen'");
	long item = db_scalar(&srv, "SELECT id FROM pol_item WHERE name = 'Bericht der Lotsen'");
	long cons = db_scalar(&srv, "SELECT max(id) FROM pol_consultation WHERE meeting_id = (SELECT id FROM pol_meeting "
				    "WHERE name = 'Sondersitzung Lotsen')");
	long file = db_scalar(&srv, "SELECT id FROM pol_file WHERE name = 'Einladung zur Sondersitzung'");
	long step = db_scalar(&srv, "SELECT id FROM pol_step WHERE text = 'Der Beirat schlägt Sprachmittlung vor.'");
	long process = db_scalar(&srv, "SELECT process_id FROM pol_step WHERE text = 'Der Beirat schlägt Sprachmittlung vor.'");
	assert_true(meeting > 0 && item > 0 && cons > 0 && file > 0 && step > 0);
	char path[128], want[128], sql[200];
	snprintf(path, sizeof(path), "/intern/sitzungen/%ld", meeting);
	assert_int_equal(agent_fetch(&srv, &editor, path, &r), 200);
	snprintf(want, sizeof(want), "href=\"/intern/gremien/loeschen/punkt/%ld\"", item);
	assert_contains(buf_str(&r.body), want);
	reply_free(&r);
	/* change the item: the form, a refused empty title, then saved */
	snprintf(path, sizeof(path), "/intern/sitzungen/%ld/punkte/%ld", meeting, item);
	assert_int_equal(agent_fetch(&srv, &editor, path, &r), 200);
	assert_contains(buf_str(&r.body), "value=\"Bericht der Lotsen\"");
	assert_tidy(&srv, buf_str(&r.body), path);
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &editor, path, form("nummer", "1", "name", "", NULL), &r), 422);
	assert_contains(buf_str(&r.body), "aria-invalid=\"true\"");
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &editor, path,
				      form("nummer", "1a", "name", "Bericht der Lotsen", "oeffentlich", "1", "ergebnis",
					   "zur Kenntnis genommen", NULL),
				      &r),
			 303);
	reply_free(&r);
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM pol_item WHERE id = %ld AND number = '1a' AND "
				   "result = 'zur Kenntnis genommen'", item);
	assert_int_equal(db_scalar(&srv, sql), 1);
	assert_int_equal(db_scalar(&srv, "SELECT count(*) FROM audit_log WHERE action = 'policy.item.update'"), 1);
	snprintf(path, sizeof(path), "/sitzungen/%ld", meeting);
	get_ok(path, &r);
	assert_contains(buf_str(&r.body), "zur Kenntnis genommen");
	reply_free(&r);
	/* change a paper: the form, a bad date refused, then saved */
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/vorlagen/3", &r), 200);
	assert_tidy(&srv, buf_str(&r.body), "/intern/vorlagen/3");
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &editor, "/intern/vorlagen/3",
				      form("nummer", "X-1", "titel", "Geänderte Vorlage", "datum", "2027-02-30", "art",
					   "Antrag", "oeffentlich", "1", NULL),
				      &r),
			 422);
	assert_contains(buf_str(&r.body), "Geänderte Vorlage"); /* what was typed is kept */
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &editor, "/intern/vorlagen/3",
				      form("nummer", "X-1", "titel", "Geänderte Vorlage", "datum", "2027-02-28", "art",
					   "Antrag", "oeffentlich", "1", NULL),
				      &r),
			 303);
	reply_free(&r);
	assert_int_equal(db_scalar(&srv, "SELECT count(*) FROM pol_paper WHERE id = 3 AND reference = 'X-1' AND "
					 "name = 'Geänderte Vorlage' AND date = '2027-02-28'"),
			 1);
	assert_int_equal(db_scalar(&srv, "SELECT count(*) FROM audit_log WHERE action = 'policy.paper.update'"), 1);
	get_ok("/vorlagen/3", &r);
	assert_contains(buf_str(&r.body), "Geänderte Vorlage");
	reply_free(&r);
	/* indexed by the server's indexer, not by a search: no search was
	 * asked, and nothing waits to be indexed a moment later */
	long waiting = 1;
	for (int i = 0; i < 200 && waiting; i++) {
		waiting = db_scalar(&srv, "SELECT count(*) FROM polsearch_dirty");
		if (waiting)
			nanosleep(&(struct timespec){ 0, 50 * 1000000L }, NULL);
	}
	assert_int_equal(waiting, 0);
	/* found by the public search at once */
	get_ok("/gremien/suche?q=Ge%C3%A4nderte", &r);
	assert_contains(buf_str(&r.body), "1 Treffer");
	assert_contains(buf_str(&r.body), "X-1: Geänderte Vorlage");
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/vorlagen/999999", &r), 404);
	reply_free(&r);
	/* an item of another meeting through this meeting's address */
	snprintf(path, sizeof(path), "/intern/sitzungen/%ld/punkte/1", meeting);
	assert_int_equal(agent_fetch(&srv, &editor, path, &r), 404);
	reply_free(&r);
	/* an unknown kind or id */
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/gremien/loeschen/sitzung/1", &r), 404);
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/gremien/loeschen/punkt/999999", &r), 404);
	reply_free(&r);
	snprintf(want, sizeof(want), "/intern/sitzungen/%ld#tagesordnung", meeting);
	del("punkt", item, want);
	snprintf(want, sizeof(want), "/intern/sitzungen/%ld#beratungen", meeting);
	del("beratung", cons, want);
	snprintf(want, sizeof(want), "/intern/sitzungen/%ld#dateien", meeting);
	del("datei", file, want);
	snprintf(want, sizeof(want), "/intern/prozesse/%ld", process);
	del("schritt", step, want);
	del("vorlage", 1, "/intern/gremien#vorlagen");
	snprintf(sql, sizeof(sql), "SELECT deleted FROM pol_item WHERE id = %ld", item);
	assert_int_equal(db_scalar(&srv, sql), 1);
	snprintf(sql, sizeof(sql), "SELECT deleted FROM pol_step WHERE id = %ld", step);
	assert_int_equal(db_scalar(&srv, sql), 1);
	assert_int_equal(db_scalar(&srv, "SELECT count(*) FROM audit_log WHERE action LIKE 'policy.%.delete'"), 5);
	/* gone from the public pages and the editors' lists */
	snprintf(path, sizeof(path), "/sitzungen/%ld", meeting);
	get_ok(path, &r);
	assert_not_contains(buf_str(&r.body), "Bericht der Lotsen");
	assert_not_contains(buf_str(&r.body), "Einladung zur Sondersitzung");
	reply_free(&r);
	snprintf(path, sizeof(path), "/intern/sitzungen/%ld", meeting);
	assert_int_equal(agent_fetch(&srv, &editor, path, &r), 200);
	assert_not_contains(buf_str(&r.body), "Bericht der Lotsen");
	reply_free(&r);
	snprintf(path, sizeof(path), "/intern/prozesse/%ld", process);
	assert_int_equal(agent_fetch(&srv, &editor, path, &r), 200);
	assert_not_contains(buf_str(&r.body), "Der Beirat schlägt Sprachmittlung vor.");
	reply_free(&r);
	assert_int_equal(http_get(&srv, "/vorlagen/1", &r), 0);
	assert_int_equal(r.status, 404);
	reply_free(&r);
	/* OParl: deleted: true, valid against the schemas */
	snprintf(path, sizeof(path), "/oparl/v1/agendaItem/%ld", item);
	json_t *j = get_json(path);
	assert_true(json_is_true(json_object_get(j, "deleted")));
	json_decref(j);
	snprintf(path, sizeof(path), "/oparl/v1/file/%ld", file);
	j = get_json(path);
	assert_true(json_is_true(json_object_get(j, "deleted")));
	json_decref(j);
	j = get_json("/oparl/v1/paper/1");
	assert_true(json_is_true(json_object_get(j, "deleted")));
	json_decref(j);
	buf list = { 0 };
	snprintf(path, sizeof(path), "/oparl/v1/agendaItem/%ld", item);
	oparl_save(path, &list, 200);
	snprintf(path, sizeof(path), "/oparl/v1/file/%ld", file);
	oparl_save(path, &list, 200);
	oparl_save("/oparl/v1/paper/1", &list, 200);
	oparl_save("/oparl/v1/body/1/agendaItem", &list, 200);
	oparl_validate(&list);
	buf_free(&list);
}

/* Who sits on a body: a new person added as a member on the body's page,
 * a person picked by name for another body, a membership ended, a
 * person's names changed, a person without memberships and a legislative
 * term deleted; each refused form keeps what was typed; OParl shows the
 * end. */
static void test_editor_members(void **state)
{
	(void)state;
	struct reply r;
	char path[128], sql[300];
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/gremien/1", &r), 200);
	assert_contains(buf_str(&r.body), "id=\"mitglieder\"");
	assert_contains(buf_str(&r.body), "action=\"/intern/gremien/1/mitglieder\"");
	assert_tidy(&srv, buf_str(&r.body), "/intern/gremien/1");
	reply_free(&r);
	/* neither a person nor a name: refused at the picker, the role kept */
	assert_int_equal(agent_submit(&srv, &editor, "/intern/gremien/1/mitglieder", form("rolle", "Schriftführung", NULL), &r),
			 422);
	assert_contains(buf_str(&r.body), "aria-invalid=\"true\"");
	assert_contains(buf_str(&r.body), "value=\"Schriftführung\"");
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &editor, "/intern/gremien/1/mitglieder",
				      form("vorname", "Leyla", "nachname", "Demir-Test", "organisation", "Elternverein",
					   "rolle", "Vorsitz", "von", "2027-01-01", "stimmrecht", "1", NULL),
				      &r),
			 303);
	assert_string_equal(reply_header(&r, "Location"), "/intern/gremien/1?gespeichert=1#mitglieder");
	reply_free(&r);
	long person = db_scalar(&srv, "SELECT id FROM pol_person WHERE name = 'Leyla Demir-Test' AND deleted = 0");
	assert_true(person > 0);
	snprintf(sql, sizeof(sql), "SELECT id FROM pol_membership WHERE person_id = %ld AND body_id = 1 AND "
				   "role = 'Vorsitz' AND start_date = '2027-01-01' AND end_date IS NULL AND voting_right = 1", person);
	long ms = db_scalar(&srv, sql);
	assert_true(ms > 0);
	assert_int_equal(db_scalar(&srv, "SELECT count(*) FROM audit_log WHERE action IN ('policy.person.create', "
					 "'policy.membership.create')"), 2);
	/* the same person picked for a second body; an end before the start refused */
	char pid[24];
	snprintf(pid, sizeof(pid), "%ld", person);
	assert_int_equal(agent_submit(&srv, &editor, "/intern/gremien/2/mitglieder",
				      form("person", pid, "rolle", "Mitglied", "von", "2027-05-01", "bis", "2027-04-01", NULL),
				      &r),
			 422);
	assert_contains(buf_str(&r.body), "Das Ende liegt vor dem Beginn.");
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &editor, "/intern/gremien/2/mitglieder",
				      form("person", pid, "rolle", "Mitglied", "von", "2027-05-01", NULL), &r),
			 303);
	reply_free(&r);
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM pol_membership WHERE person_id = %ld AND deleted = 0", person);
	assert_int_equal(db_scalar(&srv, sql), 2);
	assert_int_equal(db_scalar(&srv, "SELECT count(*) FROM pol_person WHERE name = 'Leyla Demir-Test'"), 1);
	/* end the first membership */
	snprintf(path, sizeof(path), "/intern/mitgliedschaften/%ld", ms);
	assert_int_equal(agent_fetch(&srv, &editor, path, &r), 200);
	assert_contains(buf_str(&r.body), "value=\"Vorsitz\"");
	assert_tidy(&srv, buf_str(&r.body), path);
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &editor, path, form("rolle", "Vorsitz", "von", "2027-01-01", "bis", "2027-13-01",
								"stimmrecht", "1", NULL), &r),
			 422);
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &editor, path, form("rolle", "Vorsitz", "von", "2027-01-01", "bis", "2027-12-31",
								"stimmrecht", "1", NULL), &r),
			 303);
	reply_free(&r);
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM pol_membership WHERE id = %ld AND end_date = '2027-12-31'", ms);
	assert_int_equal(db_scalar(&srv, sql), 1);
	snprintf(path, sizeof(path), "/oparl/v1/membership/%ld", ms);
	get_ok(path, &r);
	assert_contains(buf_str(&r.body), "\"endDate\":\"2027-12-31\"");
	reply_free(&r);
	/* the person: both memberships listed, no deletion while they exist; names changed */
	snprintf(path, sizeof(path), "/intern/personen/%ld", person);
	assert_int_equal(agent_fetch(&srv, &editor, path, &r), 200);
	assert_tidy(&srv, buf_str(&r.body), path);
	assert_not_contains(buf_str(&r.body), "/intern/gremien/loeschen/person/");
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &editor, path, form("vorname", "Leyla", "nachname", "", NULL), &r), 422);
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &editor, path, form("vorname", "Leyla", "nachname", "Demir-Probe",
								"organisation", "Elternverein", NULL), &r),
			 303);
	reply_free(&r);
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM pol_person WHERE id = %ld AND name = 'Leyla Demir-Probe'", person);
	assert_int_equal(db_scalar(&srv, sql), 1);
	/* a person without memberships can go */
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/personen", &r), 200);
	assert_contains(buf_str(&r.body), "Leyla Demir-Probe");
	assert_tidy(&srv, buf_str(&r.body), "/intern/personen");
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &editor, "/intern/personen/neu", form("nachname", "Einzeln-Test", NULL), &r), 303);
	long lone = location_id(&r, "/intern/personen/");
	reply_free(&r);
	del("person", lone, "/intern/personen");
	snprintf(sql, sizeof(sql), "SELECT deleted FROM pol_person WHERE id = %ld", lone);
	assert_int_equal(db_scalar(&srv, sql), 1);
	/* a membership goes back to its body's list */
	snprintf(sql, sizeof(sql), "SELECT id FROM pol_membership WHERE person_id = %ld AND body_id = 2", person);
	del("mitgliedschaft", db_scalar(&srv, sql), "/intern/gremien/2#mitglieder");
	/* legislative terms: a bad date refused, one added, changed, deleted */
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/wahlperioden", &r), 200);
	assert_tidy(&srv, buf_str(&r.body), "/intern/wahlperioden");
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &editor, "/intern/wahlperioden/neu",
				      form("name", "Wahlperiode 2029–2034", "von", "2029-07-01", "bis", "2034-02-30", NULL), &r),
			 422);
	assert_contains(buf_str(&r.body), "Wahlperiode 2029–2034");
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &editor, "/intern/wahlperioden/neu",
				      form("name", "Wahlperiode 2029–2034", "von", "2029-07-01", "bis", "2034-06-30", NULL), &r),
			 303);
	reply_free(&r);
	long term = db_scalar(&srv, "SELECT id FROM pol_term WHERE name = 'Wahlperiode 2029–2034'");
	assert_true(term > 0);
	snprintf(path, sizeof(path), "/intern/wahlperioden/%ld", term);
	assert_int_equal(agent_submit(&srv, &editor, path,
				      form("name", "Wahlperiode 2029–2034", "von", "2029-08-01", "bis", "2034-06-30", NULL), &r),
			 303);
	reply_free(&r);
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM pol_term WHERE id = %ld AND start_date = '2029-08-01'", term);
	assert_int_equal(db_scalar(&srv, sql), 1);
	del("wahlperiode", term, "/intern/wahlperioden");
	assert_int_equal(db_scalar(&srv, "SELECT count(*) FROM audit_log WHERE action IN ('policy.person.update', "
					 "'policy.membership.update', 'policy.term.create', 'policy.term.update')"), 4);
	/* the public may not */
	assert_int_equal(http_get(&srv, "/intern/personen", &r), 0);
	assert_int_equal(r.status, 303);
	reply_free(&r);
}

/* A meeting's action items: a refused one keeps what was typed; one added
 * shows on the meeting's page and in the staff's task list beside the
 * events' ones, is ticked off from there and opened again. */
static void test_editor_actions(void **state)
{
	(void)state;
	struct reply r;
	char path[128], sql[200];
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/sitzungen/2", &r), 200);
	assert_contains(buf_str(&r.body), "id=\"aufgaben\"");
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &editor, "/intern/sitzungen/2/aufgaben",
				      form("was", "Stellungnahme an die Schulen schicken", "wer", "Geschäftsstelle", "bis",
					   "morgen", NULL),
				      &r),
			 422);
	assert_contains(buf_str(&r.body), "Stellungnahme an die Schulen schicken");
	assert_contains(buf_str(&r.body), "aria-invalid=\"true\"");
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &editor, "/intern/sitzungen/2/aufgaben",
				      form("was", "Stellungnahme an die Schulen schicken", "wer", "Geschäftsstelle", "bis",
					   "2027-04-30", NULL),
				      &r),
			 303);
	assert_string_equal(reply_header(&r, "Location"), "/intern/sitzungen/2?gespeichert=1#aufgaben");
	reply_free(&r);
	long id = db_scalar(&srv, "SELECT id FROM pol_action WHERE meeting_id = 2 AND who = 'Geschäftsstelle' AND "
				  "due = '2027-04-30' AND done = 0");
	assert_true(id > 0);
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/sitzungen/2", &r), 200);
	assert_contains(buf_str(&r.body), "Stellungnahme an die Schulen schicken");
	assert_tidy(&srv, buf_str(&r.body), "/intern/sitzungen/2");
	reply_free(&r);
	/* the task list: the meeting's item with a link to its meeting */
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/aufgaben", &r), 200);
	assert_contains(buf_str(&r.body), "Stellungnahme an die Schulen schicken");
	assert_contains(buf_str(&r.body), "href=\"/intern/sitzungen/2#aufgaben\"");
	snprintf(path, sizeof(path), "/intern/sitzungen/2/aufgaben/%ld/erledigt", id);
	assert_contains(buf_str(&r.body), path);
	assert_tidy(&srv, buf_str(&r.body), "/intern/aufgaben");
	reply_free(&r);
	/* ticked off from the list, back to the list; gone from the open ones */
	assert_int_equal(agent_submit(&srv, &editor, path, "done=1&zurueck=aufgaben", &r), 303);
	assert_string_equal(reply_header(&r, "Location"), "/intern/aufgaben");
	reply_free(&r);
	snprintf(sql, sizeof(sql), "SELECT done FROM pol_action WHERE id = %ld", id);
	assert_int_equal(db_scalar(&srv, sql), 1);
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/aufgaben", &r), 200);
	assert_not_contains(buf_str(&r.body), "Stellungnahme an die Schulen schicken");
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/aufgaben?alle=1", &r), 200);
	assert_contains(buf_str(&r.body), "Stellungnahme an die Schulen schicken");
	reply_free(&r);
	/* opened again on the meeting's page */
	assert_int_equal(agent_submit(&srv, &editor, path, "done=0", &r), 303);
	assert_string_equal(reply_header(&r, "Location"), "/intern/sitzungen/2?gespeichert=1#aufgaben");
	reply_free(&r);
	assert_int_equal(db_scalar(&srv, sql), 0);
	assert_int_equal(db_scalar(&srv, "SELECT count(*) FROM audit_log WHERE action IN ('policy.action.create', "
					 "'policy.action.done', 'policy.action.reopen')"), 3);
	/* another meeting's item through this meeting's address */
	snprintf(path, sizeof(path), "/intern/sitzungen/1/aufgaben/%ld/erledigt", id);
	assert_int_equal(agent_submit(&srv, &editor, path, "done=1", &r), 404);
	reply_free(&r);
	/* the public does not reach them */
	assert_int_equal(http_get(&srv, "/intern/aufgaben", &r), 0);
	assert_int_equal(r.status, 303);
	reply_free(&r);
}

static void test_import_oparl(void **state)
{
	(void)state;
	char dir[400];
	snprintf(dir, sizeof(dir), "%s/oparl-in", srv.dir);
	mkdir(dir, 0700);
	file_write(dir, "a-organization.json",
		   "{\"id\": \"https://rat.example/oparl/organization/7\", \"type\": "
		   "\"https://schema.oparl.org/1.1/Organization\", \"name\": \"Ausschuss für Migration (Stadtrat)\"}");
	/* the 1.0 variants: an old type URL, organization as one string; and bad objects */
	file_write(dir, "b-list.json",
		   "{\"data\": ["
		   "{\"id\": \"http://rat.example/oparl/meeting/70\", \"type\": \"http://oparl.org/schema/1.0/Meeting\", "
		   "\"name\": \"Stadtrat: 3. Sitzung Migration\", \"start\": \"2026-04-02T17:00:00+02:00\", "
		   "\"organization\": \"https://rat.example/oparl/organization/7\"},"
		   "{\"id\": \"http://rat.example/oparl/paper/700\", \"type\": \"http://oparl.org/schema/1.0/Paper\", "
		   "\"name\": \"Sprachkurse für Azubis im Stadtrat\", \"reference\": \"DS 0700/2026\", \"date\": \"2026-03-01\", "
		   "\"paperType\": \"Antrag\"},"
		   "{\"id\": \"http://rat.example/oparl/meeting/71\", \"type\": \"https://schema.oparl.org/1.1/Meeting\"},"
		   "{\"id\": \"http://rat.example/oparl/paper/701\", \"type\": \"https://schema.oparl.org/1.1/Paper\", "
		   "\"name\": \"Datum falsch\", \"date\": \"2026-02-31\"},"
		   "{\"type\": \"https://schema.oparl.org/1.1/Paper\", \"name\": \"ohne id\"}"
		   "], \"pagination\": {}, \"links\": {}}");
	file_write(dir, "c-broken.json", "{\"data\": [");
	for (int round = 0; round < 2; round++) {
		buf out = { 0 };
		assert_int_equal(run_lotse(&out, "import", "oparl", "--db", srv.db, dir, NULL), 0);
		assert_contains(buf_str(&out), "imported 3 OParl objects");
		assert_contains(buf_str(&out), "b-list.json: Objekt 3 (http://rat.example/oparl/meeting/71): start fehlt");
		assert_contains(buf_str(&out), "b-list.json: Objekt 4 (http://rat.example/oparl/paper/701): date ist kein Datum");
		assert_contains(buf_str(&out), "b-list.json: Objekt 5: id fehlt");
		assert_contains(buf_str(&out), "c-broken.json: kein gültiges JSON");
		buf_free(&out);
	}
	/* matched by id: the second round changed nothing, the meeting has its body */
	assert_int_equal(db_scalar(&srv, "SELECT count(*) FROM pol_body WHERE origin LIKE 'https://rat.example/%'"), 1);
	assert_int_equal(db_scalar(&srv, "SELECT count(*) FROM pol_meeting m JOIN pol_body b ON b.id = m.body_id "
					 "WHERE m.origin = 'http://rat.example/oparl/meeting/70' AND "
					 "m.start_at = '2026-04-02T15:00:00Z'"), 1);
	assert_int_equal(db_scalar(&srv, "SELECT count(*) FROM pol_paper WHERE origin LIKE 'http://rat.example/%' AND "
					 "kind = 'Antrag'"), 1);
	assert_int_equal(db_scalar(&srv, "SELECT count(*) FROM pol_meeting WHERE origin = 'http://rat.example/oparl/meeting/71'"), 0);
	assert_int_equal(db_scalar(&srv, "SELECT count(*) FROM audit_log WHERE action = 'policy.import.oparl'"), 2);
	/* the imported paper is public, and its OParl answer valid */
	struct reply r;
	get_ok("/vorlagen", &r);
	assert_contains(buf_str(&r.body), "Sprachkurse für Azubis im Stadtrat");
	reply_free(&r);
	buf list = { 0 };
	oparl_save("/oparl/v1/body/1/meeting?limit=100", &list, 200);
	oparl_save("/oparl/v1/body/1/organization", &list, 200);
	oparl_validate(&list);
	buf_free(&list);
}

int main(int argc, char **argv)
{
	if (argc > 1)
		harness_bin = argv[1];
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_editor_meeting),
		cmocka_unit_test(test_import_oparl),
		cmocka_unit_test(test_editor_process),
		cmocka_unit_test(test_editor_delete),
		cmocka_unit_test(test_editor_members),
		cmocka_unit_test(test_editor_actions),
	};
	return cmocka_run_group_tests(tests, policy_group_setup, policy_group_teardown);
}
