/* test_privacy.c — what the privacy notice promises, against the real
 * server and binary: `lotse maintenance` deletes contact messages 12
 * months after they arrived (and sessions that are over), and the inbox
 * finds every message of one address for an access or erasure request
 * (Art. 15 and 17 DSGVO) and deletes them all after a confirmation, with
 * audit rows that hold numbers, never the address. */
#include "harness.h"

#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct server srv;
static struct agent editor;

HARNESS_GROUP(srv, "LOTSE_CONTACT_RATE=1000", &editor, DEMO_EDITOR, NULL)

/* Send a message with the public contact form, as a visitor does. */
static void send_contact(const char *name, const char *email, const char *message)
{
	struct reply r;
	assert_int_equal(http_post_form(&srv, "/kontakt",
					form("name", name, "email", email, "message", message, "consent", "1", NULL),
					&r),
			 0);
	if (r.status != 303)
		fail_msg("the contact form answered %ld for %s", r.status, name);
	reply_free(&r);
}

/* ---- lotse maintenance ---- */

static void test_maintenance_deletes_after_12_months(void **state)
{
	(void)state;
	send_contact("Alt Dreizehn", "alt@example.org", "Vor dreizehn Monaten geschrieben.");
	send_contact("Mittel Elf", "mittel@example.org", "Vor elf Monaten geschrieben.");
	send_contact("Neu Heute", "neu@example.org", "Heute geschrieben.");
	/* the messages' age: only the database can make them old */
	assert_int_equal(db_scalarf(&srv, "UPDATE contact_message SET created_at = strftime('%%Y-%%m-%%dT%%H:%%M:%%SZ', 'now', "
			       "'-13 months') WHERE name = 'Alt Dreizehn'"), 0);
	assert_int_equal(db_scalarf(&srv, "UPDATE contact_message SET created_at = strftime('%%Y-%%m-%%dT%%H:%%M:%%SZ', 'now', "
			       "'-11 months') WHERE name = 'Mittel Elf'"), 0);
	/* two sessions that are over (past 12 hours; idle 1 hour) beside the editor's live one */
	assert_int_equal(db_scalarf(&srv, "INSERT INTO session(id_hash, user_id, csrf, created_at, last_seen) VALUES "
			       "(randomblob(32), (SELECT min(id) FROM user), 'x', "
			       "CAST(strftime('%%s', 'now') AS INTEGER) - 50000, "
			       "CAST(strftime('%%s', 'now') AS INTEGER) - 40000), "
			       "(randomblob(32), (SELECT min(id) FROM user), 'y', "
			       "CAST(strftime('%%s', 'now') AS INTEGER) - 3600, "
			       "CAST(strftime('%%s', 'now') AS INTEGER) - 3600)"), 0);
	long sessions = db_scalarf(&srv, "SELECT count(*) FROM session");
	assert_true(sessions >= 3);
	/* the dashboard warns while a message is kept longer than promised */
	struct reply r;
	assert_int_equal(agent_fetch(&srv, &editor, "/intern", &r), 200);
	assert_contains(buf_str(&r.body), "Aufbewahrungsfrist überschritten");
	assert_contains(buf_str(&r.body), "obwohl die Datenschutzerklärung ihre Löschung verspricht: 1.");
	reply_free(&r);

	buf out;
	buf_init(&out, 0);
	if (run_lotse(&out, "maintenance", "--db", srv.db, NULL) != 0)
		fail_msg("lotse maintenance failed:\n%s", buf_str(&out));
	assert_contains(buf_str(&out), "deleted 1 contact message that arrived before ");
	assert_contains(buf_str(&out), "deleted 2 sessions that were over");
	buf_free(&out);

	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM contact_message WHERE name = 'Alt Dreizehn'"), 0);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM contact_message WHERE name = 'Mittel Elf'"), 1);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM contact_message WHERE name = 'Neu Heute'"), 1);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM session"), sessions - 2);
	/* audited by the system, with the numbers only */
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM audit_log WHERE action = 'contact_expire' AND object_id = '1'"),
			 1);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM audit_log WHERE action = 'session_expire' AND object_id = '2'"),
			 1);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM audit_log WHERE object_type = 'contact_message' AND "
			       "object_id LIKE '%%@%%'"), 0);

	/* the editor's session lives on, the inbox no longer lists the old
	   message, and the dashboard's warning is gone */
	assert_int_equal(agent_fetch(&srv, &editor, "/intern", &r), 200);
	assert_not_contains(buf_str(&r.body), "Aufbewahrungsfrist");
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/nachrichten", &r), 200);
	assert_not_contains(buf_str(&r.body), "Alt Dreizehn");
	assert_contains(buf_str(&r.body), "Mittel Elf");
	reply_free(&r);

	/* run again: nothing more is due */
	buf_init(&out, 0);
	assert_int_equal(run_lotse(&out, "maintenance", "--db", srv.db, NULL), 0);
	assert_contains(buf_str(&out), "deleted 0 contact messages");
	buf_free(&out);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM contact_message WHERE name = 'Mittel Elf'"), 1);
}

static void test_maintenance_usage(void **state)
{
	(void)state;
	buf out;
	buf_init(&out, 0);
	assert_int_equal(run_lotse(&out, "maintenance", "--db", srv.db, "extra", NULL), 2);
	buf_reset(&out);
	assert_int_equal(run_lotse(&out, "--help", NULL), 0);
	assert_contains(buf_str(&out), "maintenance [--db PATH]");
	buf_free(&out);
}

/* ---- the messages of one address ---- */

#define PERSON "person.suche@example.org"

/* The value of the hidden field bis in the page. */
static long max_id_in(const char *page)
{
	const char *p = strstr(page, "name=\"bis\" value=\"");
	if (!p)
		fail_msg("no field bis in the page:\n%.3000s", page);
	return strtol(p + strlen("name=\"bis\" value=\""), NULL, 10);
}

static void test_find_by_address(void **state)
{
	(void)state;
	send_contact("Person Eins", "Person.Suche@Example.org", "Erste Frage zur Ausbildung.");
	send_contact("Person Zwei", PERSON, "Zweite Frage zum Praktikum.");
	send_contact("Jemand Anderes", "andere@example.org", "Eine ganz andere Frage.");

	struct reply r;
	/* the link from the inbox, and the empty form */
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/nachrichten", &r), 200);
	assert_contains(buf_str(&r.body), "href=\"/intern/nachrichten/suche\"");
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/nachrichten/suche", &r), 200);
	assert_contains(buf_str(&r.body), "action=\"/intern/nachrichten/suche\"");
	assert_tidy(&srv, buf_str(&r.body), "the search form");
	reply_free(&r);

	/* exact, in any case: both of the person's messages, in full, not the other */
	long searches = db_scalarf(&srv, "SELECT count(*) FROM audit_log WHERE action = 'contact_search'");
	assert_int_equal(agent_submit(&srv, &editor, "/intern/nachrichten/suche", "email=PERSON.SUCHE%40example.ORG",
				      &r),
			 200);
	const char *b = buf_str(&r.body);
	assert_contains(b, "Gefundene Nachrichten: 2");
	assert_contains(b, "Erste Frage zur Ausbildung.");
	assert_contains(b, "Zweite Frage zum Praktikum.");
	assert_contains(b, "Person.Suche@Example.org");
	assert_not_contains(b, "Eine ganz andere Frage.");
	assert_not_contains(b, "<title>person"); /* the title names no one */
	assert_string_equal(reply_header(&r, "Cache-Control"), "no-store");
	assert_tidy(&srv, b, "the messages of one address");
	long bis = max_id_in(b);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM audit_log WHERE action = 'contact_search'"), searches + 1);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM audit_log WHERE action = 'contact_search' AND object_id = '2'"),
			 1);
	/* a part of an address finds nothing */
	assert_int_equal(agent_submit(&srv, &editor, "/intern/nachrichten/suche", "email=suche%40example.org", &r), 200);
	assert_contains(buf_str(&r.body), "Gefundene Nachrichten: 0");
	assert_contains(buf_str(&r.body), "Von dieser Adresse sind keine Nachrichten gespeichert.");
	assert_not_contains(buf_str(&r.body), "Erste Frage");
	reply_free(&r);
	/* not an address: the form again with the error at the field */
	assert_int_equal(agent_submit(&srv, &editor, "/intern/nachrichten/suche", "email=kein-at", &r), 422);
	assert_contains(buf_str(&r.body), "aria-invalid=\"true\"");
	reply_free(&r);
	/* without the token: refused */
	assert_int_equal(agent_http(&srv, &editor, "POST", "/intern/nachrichten/suche", "email=" PERSON,
				    "application/x-www-form-urlencoded", &r),
			 0);
	assert_int_equal(r.status, 403);
	reply_free(&r);
	/* not for everyone: a researcher may not search */
	struct agent researcher;
	assert_int_equal(agent_init(&researcher), 0);
	assert_int_equal(agent_login_as(&srv, &researcher, DEMO_RESEARCHER), 303);
	assert_int_equal(agent_fetch(&srv, &researcher, "/intern/nachrichten/suche", &r), 403);
	reply_free(&r);
	agent_free(&researcher);

	/* delete all: without the box nothing is deleted */
	char body[256];
	snprintf(body, sizeof(body), "email=%s&bis=%ld", "person.suche%40example.org", bis);
	assert_int_equal(agent_submit(&srv, &editor, "/intern/nachrichten/suche/loeschen", body, &r), 422);
	assert_contains(buf_str(&r.body), "Nichts ist gelöscht.");
	assert_contains(buf_str(&r.body), "Erste Frage zur Ausbildung.");
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM contact_message WHERE lower(email) = '" PERSON "'"), 2);
	/* a tampered hidden field */
	assert_int_equal(agent_submit(&srv, &editor, "/intern/nachrichten/suche/loeschen",
				      "email=person.suche%40example.org&bis=abc&confirm=1", &r),
			 400);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM contact_message WHERE lower(email) = '" PERSON "'"), 2);

	/* a message that arrives after the search is not deleted unseen */
	send_contact("Person Drei", PERSON, "Dritte Frage, nach der Suche.");
	snprintf(body, sizeof(body), "email=%s&bis=%ld&confirm=1", "person.suche%40example.org", bis);
	assert_int_equal(agent_submit(&srv, &editor, "/intern/nachrichten/suche/loeschen", body, &r), 303);
	const char *loc = reply_header(&r, "Location");
	assert_non_null(loc);
	assert_string_equal(loc, "/intern/nachrichten/suche?geloescht=2");
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM contact_message WHERE name IN ('Person Eins', 'Person Zwei')"),
			 0);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM contact_message WHERE name = 'Person Drei'"), 1);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM contact_message WHERE name = 'Jemand Anderes'"), 1);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM audit_log WHERE action = 'contact_erase' AND object_id = '2'"),
			 1);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM audit_log WHERE object_type = 'contact_message' AND "
			       "(object_id LIKE '%%@%%' OR object_id LIKE '%%suche%%')"), 0);
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/nachrichten/suche?geloescht=2", &r), 200);
	assert_contains(buf_str(&r.body), "Gelöschte Nachrichten: 2");
	reply_free(&r);
	/* the address went in bodies only: never into the request log */
	buf log;
	buf_init(&log, 0);
	FILE *f = fopen(srv.log, "r");
	assert_non_null(f);
	char line[4096];
	while (fgets(line, sizeof(line), f))
		buf_puts(&log, line);
	fclose(f);
	assert_not_contains(buf_str(&log), "suche%40");
	assert_not_contains(buf_str(&log), "suche@");
	buf_free(&log);
}

int main(int argc, char **argv)
{
	if (argc > 1)
		harness_bin = argv[1];
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_maintenance_deletes_after_12_months),
		cmocka_unit_test(test_maintenance_usage),
		cmocka_unit_test(test_find_by_address),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
