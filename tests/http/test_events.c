/* test_events.c — the events against the real server and binary: the
 * public list, archive and filters, an event's page, registration without
 * an account (CSRF, the personal link, the same address twice), the
 * waiting list moving up on a cancellation, the staff's form, attendance
 * list and CSV export, the iCalendar files read back by a real parser
 * (tests/http/ical_check.py with python3-icalendar), and `lotse
 * maintenance` deleting registrants' data months after the event.
 * Minutes, decisions and action items: test_event_minutes.c. */
#include "events_fixture.h"

#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the public list ---- */

static void test_list_and_archive(void **state)
{
	(void)state;
	struct reply r;
	assert_int_equal(agent_fetch(&srv, &visitor, "/veranstaltungen", &r), 200);
	assert_contains(r.body.data, "Europäische Migration III");
	assert_contains(r.body.data, "Infoabend: Ausbildung in Deutschland");
	assert_not_contains(r.body.data, "Europäische Migration I:"); /* past: in the archive */
	assert_contains(r.body.data, "href=\"/veranstaltungen\""); /* the navigation entry */
	assert_tidy(&srv, r.body.data, "/veranstaltungen");
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &visitor, "/veranstaltungen/archiv", &r), 200);
	assert_contains(r.body.data, "Europäische Migration I:");
	assert_contains(r.body.data, "Europäische Migration II:");
	assert_not_contains(r.body.data, "Europäische Migration III");
	reply_free(&r);
	/* by type */
	assert_int_equal(agent_fetch(&srv, &visitor, "/veranstaltungen?typ=network", &r), 200);
	assert_contains(r.body.data, "Netzwerktreffen BQN Mainz");
	assert_not_contains(r.body.data, "Europäische Migration III");
	reply_free(&r);
	/* by month: the month of the seminar, from the database */
	char month[8] = "";
	long y = db_scalarf(&srv, "SELECT CAST(substr(starts_at, 1, 4) AS INTEGER) FROM event WHERE title LIKE '%%Migration III%%'");
	long m = db_scalarf(&srv, "SELECT CAST(substr(starts_at, 6, 2) AS INTEGER) FROM event WHERE title LIKE '%%Migration III%%'");
	snprintf(month, sizeof(month), "%04ld-%02ld", y, m);
	char path[80];
	snprintf(path, sizeof(path), "/veranstaltungen?monat=%s", month);
	assert_int_equal(agent_fetch(&srv, &visitor, path, &r), 200);
	assert_contains(r.body.data, "Europäische Migration III");
	assert_not_contains(r.body.data, "Netzwerktreffen BQN Mainz");
	reply_free(&r);
	/* bad filters are a 400, not a 500 */
	assert_int_equal(agent_fetch(&srv, &visitor, "/veranstaltungen?monat=2027-13", &r), 400);
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &visitor, "/veranstaltungen?typ=party", &r), 400);
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &visitor, "/veranstaltungen/999999", &r), 404);
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &visitor, "/veranstaltungen/abc", &r), 404);
	reply_free(&r);
	/* in every language, right to left too */
	assert_int_equal(agent_fetch(&srv, &visitor, "/veranstaltungen?lang=ar", &r), 200);
	assert_contains(r.body.data, "dir=\"rtl\"");
	assert_contains(r.body.data, "الفعاليات");
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &visitor, "/veranstaltungen?lang=de", &r), 200); /* back to German */
	reply_free(&r);
	/* the sitemap lists the list and the archive */
	assert_int_equal(agent_fetch(&srv, &visitor, "/sitemap.xml", &r), 200);
	assert_contains(r.body.data, "/veranstaltungen/archiv</loc>");
	reply_free(&r);
}

static void test_event_page(void **state)
{
	(void)state;
	struct reply r;
	char path[80];
	snprintf(path, sizeof(path), "/veranstaltungen/%ld", event_id("%%Migration III%%"));
	assert_int_equal(agent_fetch(&srv, &visitor, path, &r), 200);
	assert_contains(r.body.data, "Forum universitatis");
	assert_contains(r.body.data, "Barrierefreiheit");
	assert_contains(r.body.data, ".ics\"");
	assert_contains(r.body.data, "name=\"csrf\"");
	assert_tidy(&srv, r.body.data, path);
	reply_free(&r);
	/* the online link is for registered people only */
	snprintf(path, sizeof(path), "/veranstaltungen/%ld", event_id("Netzwerktreffen%%"));
	assert_int_equal(agent_fetch(&srv, &visitor, path, &r), 200);
	assert_not_contains(r.body.data, "meet.example.org");
	reply_free(&r);
	/* a cancelled event says so and takes no registrations */
	snprintf(path, sizeof(path), "/veranstaltungen/%ld", event_id("Schulung:%%"));
	assert_int_equal(agent_fetch(&srv, &visitor, path, &r), 200);
	assert_contains(r.body.data, "Diese Veranstaltung fällt aus.");
	assert_not_contains(r.body.data, "/anmeldung\"");
	reply_free(&r);
}

/* ---- registration ---- */

/* Register on event id as name/email with the visitor's token; returns
 * the status and copies the personal link's path into link (on 303). */
static long reg(long id, const char *name, const char *email, char *link, size_t n)
{
	struct reply r;
	char path[80];
	snprintf(path, sizeof(path), "/veranstaltungen/%ld", id);
	assert_int_equal(agent_fetch(&srv, &visitor, path, &r), 200);
	reply_free(&r);
	snprintf(path, sizeof(path), "/veranstaltungen/%ld/anmeldung", id);
	long st = agent_submit(&srv, &visitor, path, form("name", name, "email", email, "consent", "1", NULL), &r);
	if (st == 303 && link) {
		const char *loc = reply_header(&r, "Location");
		assert_non_null(loc);
		const char *p = strstr(loc, "/veranstaltungen/anmeldung/");
		assert_non_null(p);
		snprintf(link, n, "%s", p);
	}
	if (st == 409 && link)
		assert_contains(r.body.data, "schon angemeldet");
	reply_free(&r);
	return st;
}

static void test_register_and_cancel(void **state)
{
	(void)state;
	long id = event_id("%%Migration III%%");
	char link[200];
	struct reply r;
	assert_int_equal(reg(id, "Ana Test", "ana@example.org", link, sizeof(link)), 303);
	/* a token of 256 bits (43 base64url characters); only its hash kept */
	assert_int_equal(strlen(link), strlen("/veranstaltungen/anmeldung/") + 43);
	assert_int_equal(db_scalarf(&srv, "SELECT length(token_hash) FROM event_registration WHERE email = 'ana@example.org'"), 32);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM event_registration WHERE instr(CAST(token_hash AS TEXT), '%s') > 0",
			       link + 27),
			 0);
	assert_int_equal(agent_fetch(&srv, &visitor, link, &r), 200);
	assert_contains(r.body.data, "Ana Test");
	assert_contains(r.body.data, "angemeldet");
	assert_contains(r.body.data, "noindex");
	{
		char lang_link[260];
		snprintf(lang_link, sizeof(lang_link), "href=\"%s?lang=en\"", link);
		assert_contains(r.body.data, lang_link); /* the language menu keeps the page */
	}
	assert_contains(reply_header(&r, "Cache-Control") ? reply_header(&r, "Cache-Control") : "", "no-store");
	reply_free(&r);
	/* the token never reaches the log */
	FILE *f = fopen(srv.log, "r");
	assert_non_null(f);
	char line[2048];
	while (fgets(line, sizeof(line), f))
		if (strstr(line, link + 27))
			fail_msg("the personal link's token is in the log: %s", line);
	fclose(f);
	/* the same address again (any case): a clear 409 */
	assert_int_equal(reg(id, "Ana Zwei", "ANA@example.org", link + 100, 10), 409);
	/* without the form's token: refused */
	char path[80];
	snprintf(path, sizeof(path), "/veranstaltungen/%ld/anmeldung", id);
	assert_int_equal(http_post_form(&srv, path, form("name", "X", "email", "x@example.org", "consent", "1", NULL), &r),
			 0);
	assert_int_equal(r.status, 403);
	reply_free(&r);
	/* missing consent: the form again with the error, nothing stored */
	assert_int_equal(agent_submit(&srv, &visitor, path, form("name", "Bo", "email", "bo@example.org", NULL), &r), 422);
	assert_contains(r.body.data, "f-consent");
	assert_contains(r.body.data, "bo@example.org");
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM event_registration WHERE email = 'bo@example.org'"), 0);
	/* cancel with the personal link */
	assert_int_equal(agent_fetch(&srv, &visitor, link, &r), 200);
	reply_free(&r);
	char cancel[240];
	snprintf(cancel, sizeof(cancel), "%s/abmelden", link);
	assert_int_equal(agent_submit(&srv, &visitor, cancel, "", &r), 303);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM event_registration WHERE email = 'ana@example.org' AND "
			       "status = 'cancelled'"),
			 1);
	assert_int_equal(agent_fetch(&srv, &visitor, link, &r), 200);
	assert_contains(r.body.data, "abgesagt");
	reply_free(&r);
	/* and may register again */
	assert_int_equal(reg(id, "Ana Test", "ana@example.org", link, sizeof(link)), 303);
	/* an unknown token */
	assert_int_equal(agent_fetch(&srv, &visitor, "/veranstaltungen/anmeldung/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
				     &r),
			 404);
	reply_free(&r);
}

/* ---- the staff area and the waiting list ---- */

static long create_event(const char *title, const char *capacity)
{
	struct reply r;
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/veranstaltungen/neu", &r), 200);
	reply_free(&r);
	long st = agent_submit(&srv, &editor, "/intern/veranstaltungen/neu",
			       form("type", "talk", "title", title, "starts_at", "2099-05-12T18:00", "ends_at",
				    "2099-05-12T20:00", "place", "Mainz, Rathaus; Saal 2", "capacity", capacity,
				    "description", "Ein Text, mit Komma; Semikolon und \\ Rückstrich.\nZweite Zeile.", NULL),
			       &r);
	assert_int_equal(st, 303);
	reply_free(&r);
	return db_scalarf(&srv, "SELECT id FROM event WHERE title = '%s'", title);
}

static void test_staff_and_waiting_list(void **state)
{
	(void)state;
	struct reply r;
	/* bad input: the form again with the errors, nothing stored */
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/veranstaltungen/neu", &r), 200);
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &editor, "/intern/veranstaltungen/neu",
				      form("type", "talk", "title", "Kaputt", "starts_at", "2099-02-30T18:00", "ends_at",
					   "2099-01-01T10:00", NULL),
				      &r),
			 422);
	assert_contains(r.body.data, "f-starts_at");
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM event WHERE title = 'Kaputt'"), 0);

	long id = create_event("Warteliste im Test", "1");
	assert_true(id > 0);
	char a[200], b[200], c[200];
	assert_int_equal(reg(id, "=HYPERLINK(\"http://x\")", "a@example.org", a, sizeof(a)), 303);
	assert_int_equal(reg(id, "Bea", "b@example.org", b, sizeof(b)), 303);
	assert_int_equal(reg(id, "Cem", "c@example.org", c, sizeof(c)), 303);
	assert_int_equal(agent_fetch(&srv, &visitor, b, &r), 200);
	assert_contains(r.body.data, "Warteliste, auf Platz <bdi>1</bdi>");
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &visitor, c, &r), 200);
	assert_contains(r.body.data, "Platz <bdi>2</bdi>");
	reply_free(&r);
	/* the first cancels: Bea moves up, Cem is next */
	char cancel[240];
	assert_int_equal(agent_fetch(&srv, &visitor, a, &r), 200);
	reply_free(&r);
	snprintf(cancel, sizeof(cancel), "%s/abmelden", a);
	assert_int_equal(agent_submit(&srv, &visitor, cancel, "", &r), 303);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM event_registration WHERE email = 'b@example.org' AND status = "
			       "'confirmed'"),
			 1);
	assert_int_equal(agent_fetch(&srv, &visitor, c, &r), 200);
	assert_contains(r.body.data, "Platz <bdi>1</bdi>");
	reply_free(&r);
	/* staff: the registrations with their status, the attendance list, CSV */
	char path[120];
	snprintf(path, sizeof(path), "/intern/veranstaltungen/%ld", id);
	assert_int_equal(agent_fetch(&srv, &editor, path, &r), 200);
	assert_contains(r.body.data, "Bea");
	assert_contains(r.body.data, "Warteliste, Platz 1");
	reply_free(&r);
	snprintf(path, sizeof(path), "/intern/veranstaltungen/%ld/anwesenheit", id);
	assert_int_equal(agent_fetch(&srv, &editor, path, &r), 200);
	assert_contains(r.body.data, "Bea");
	assert_not_contains(r.body.data, "Cem"); /* waiting: not on the list */
	reply_free(&r);
	snprintf(path, sizeof(path), "/intern/veranstaltungen/%ld/anmeldungen.csv", id);
	assert_int_equal(agent_fetch(&srv, &editor, path, &r), 200);
	assert_contains(reply_header(&r, "Content-Type"), "text/csv");
	assert_contains(r.body.data, "name,email,organisation,status");
	assert_contains(r.body.data, "\"'=HYPERLINK(\"\"http://x\"\")\"");
	assert_contains(r.body.data, "c@example.org,,waiting,1");
	reply_free(&r);
	assert_true(db_scalarf(&srv, "SELECT count(*) FROM audit_log WHERE action = 'event_registrations_export'") >= 1);
	/* the public may not */
	assert_int_equal(agent_fetch(&srv, &visitor, path, &r), 303);
	reply_free(&r);
	/* call it off: STATUS:CANCELLED below */
	snprintf(path, sizeof(path), "/intern/veranstaltungen/%ld", id);
	assert_int_equal(agent_fetch(&srv, &editor, path, &r), 200);
	reply_free(&r);
	snprintf(path, sizeof(path), "/intern/veranstaltungen/%ld/absagen", id);
	assert_int_equal(agent_submit(&srv, &editor, path, "cancelled=1", &r), 303);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT cancelled FROM event WHERE id = %ld", id), 1);
}

/* ---- iCalendar ---- */

/* Write body to a file and read it back with ical_check.py; its output into out. */
static void ical_check(const buf *body, buf *out)
{
	const char *root = getenv("LOTSE_SOURCE_ROOT");
	assert_non_null(root);
	char file[400], cmd[1200];
	snprintf(file, sizeof(file), "%s/check.ics", srv.dir);
	FILE *f = fopen(file, "wb");
	assert_non_null(f);
	fwrite(body->data, 1, body->len, f);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "/usr/bin/python3 '%s/tests/http/ical_check.py' '%s' 2>&1", root, file);
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	char line[4096];
	while (fgets(line, sizeof(line), p))
		buf_puts(out, line);
	int st = pclose(p);
	if (st != 0)
		fail_msg("ical_check.py failed: %s", buf_str(out));
}

static void test_ical(void **state)
{
	(void)state;
	struct reply r;
	buf out;
	buf_init(&out, 0);
	assert_int_equal(agent_fetch(&srv, &visitor, "/veranstaltungen.ics", &r), 200);
	assert_contains(reply_header(&r, "Content-Type"), "text/calendar");
	ical_check(&r.body, &out);
	assert_contains(buf_str(&out), "Europäische Migration III");
	assert_contains(buf_str(&out), "CANCELLED\t2099-05-12T18:00\tWarteliste im Test\tMainz, Rathaus; Saal 2");
	assert_contains(r.body.data, "LOCATION:Mainz\\, Rathaus\\; Saal 2\r\n");
	assert_contains(r.body.data, "BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin");
	reply_free(&r);
	buf_free(&out);
	/* one event; its text escaped and folded */
	char path[80];
	snprintf(path, sizeof(path), "/veranstaltungen/%ld.ics", event_id("Warteliste im Test"));
	assert_int_equal(agent_fetch(&srv, &visitor, path, &r), 200);
	assert_contains(reply_header(&r, "Content-Disposition"), "attachment");
	buf_init(&out, 0);
	ical_check(&r.body, &out);
	assert_contains(r.body.data, "DTSTART;TZID=Europe/Berlin:20990512T180000\r\n");
	assert_contains(r.body.data, "STATUS:CANCELLED\r\n");
	assert_contains(r.body.data, "Komma\\; Semikolon und \\\\ R");
	assert_contains(r.body.data, "\\nZweite");
	reply_free(&r);
	buf_free(&out);
	assert_int_equal(agent_fetch(&srv, &visitor, "/veranstaltungen/99999.ics", &r), 404);
	reply_free(&r);
}

/* ---- the online link: only on a confirmed registrant's own page ---- */

static void test_online_link(void **state)
{
	(void)state;
	struct reply r;
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/veranstaltungen/neu", &r), 200);
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &editor, "/intern/veranstaltungen/neu",
				      form("type", "network", "title", "Online im Test", "starts_at", "2099-06-01T10:00",
					   "ends_at", "2099-06-01T11:00", "place", "Online", "capacity", "1", "online_url",
					   "https://meet.example.org/raum-im-test", NULL),
				      &r),
			 303);
	reply_free(&r);
	long id = event_id("Online im Test");
	char first[200], second[200], path[80];
	assert_int_equal(reg(id, "Ida Online", "ida@example.org", first, sizeof(first)), 303);
	assert_int_equal(reg(id, "Jan Online", "jan@example.org", second, sizeof(second)), 303); /* waiting */
	assert_int_equal(agent_fetch(&srv, &visitor, first, &r), 200);
	assert_contains(r.body.data, "href=\"https://meet.example.org/raum-im-test\"");
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &visitor, second, &r), 200);
	assert_not_contains(r.body.data, "raum-im-test");
	reply_free(&r);
	/* never on the public page or in a calendar */
	snprintf(path, sizeof(path), "/veranstaltungen/%ld", id);
	assert_int_equal(agent_fetch(&srv, &visitor, path, &r), 200);
	assert_contains(r.body.data, "Den Link bekommen Sie nach der Anmeldung.");
	assert_not_contains(r.body.data, "raum-im-test");
	reply_free(&r);
	snprintf(path, sizeof(path), "/veranstaltungen/%ld.ics", id);
	assert_int_equal(agent_fetch(&srv, &visitor, path, &r), 200);
	assert_not_contains(r.body.data, "raum-im-test");
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &visitor, "/veranstaltungen.ics", &r), 200);
	assert_contains(r.body.data, "Online im Test");
	assert_not_contains(r.body.data, "raum-im-test");
	reply_free(&r);
}

/* ---- attendance ticked off on the day ---- */

static long reg_of(const char *email)
{
	return db_scalarf(&srv, "SELECT id FROM event_registration WHERE email = '%s'", email);
}

/* POST da=value for registration reg of event id as the editor; the status. */
static long tick(long id, long reg, const char *value)
{
	struct reply r;
	char path[120];
	snprintf(path, sizeof(path), "/intern/veranstaltungen/%ld/einlass/%ld", id, reg);
	long st = agent_submit(&srv, &editor, path, form("da", value, NULL), &r);
	if (st == 303) {
		char want[120];
		snprintf(want, sizeof(want), "/intern/veranstaltungen/%ld/einlass#anm-%ld", id, reg);
		assert_string_equal(reply_header(&r, "Location"), want);
	}
	reply_free(&r);
	return st;
}

static void test_checkin(void **state)
{
	(void)state;
	struct reply r;
	long id = create_event("Einlass im Test", "2");
	assert_true(id > 0);
	char zlink[200];
	assert_int_equal(reg(id, "Zoe Zander", "zoe@example.org", zlink, sizeof(zlink)), 303);
	assert_int_equal(reg(id, "anna Arslan", "anna@example.org", NULL, 0), 303);
	assert_int_equal(reg(id, "Ben Bauer", "ben@example.org", NULL, 0), 303); /* waiting list */
	long zoe = reg_of("zoe@example.org"), anna = reg_of("anna@example.org"), ben = reg_of("ben@example.org");
	char path[120];
	snprintf(path, sizeof(path), "/intern/veranstaltungen/%ld/einlass", id);
	/* the public may not see it */
	assert_int_equal(agent_fetch(&srv, &visitor, path, &r), 303);
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &editor, path, &r), 200);
	assert_tidy(&srv, r.body.data, path);
	assert_contains(r.body.data, "checkin-num\">0</span> <span>da</span>");
	assert_contains(r.body.data, "checkin-num\">2</span> <span>angemeldet</span>");
	assert_contains(r.body.data, "checkin-num\">1</span> <span>auf der Warteliste</span>");
	/* by the alphabet, upper and lower case alike; the waiting list below */
	const char *a = strstr(r.body.data, "anna Arslan"), *z = strstr(r.body.data, "Zoe Zander"),
		   *wl = strstr(r.body.data, "id=\"warteliste\""), *b = strstr(r.body.data, "Ben Bauer");
	assert_true(a && z && wl && b && a < z && z < wl && wl < b);
	assert_contains(r.body.data, "aria-label=\"Ist da: anna Arslan\"");
	reply_free(&r);
	/* without the CSRF token: refused, nothing changed */
	char post[300];
	snprintf(post, sizeof(post), "%s/%ld", path, anna);
	assert_int_equal(agent_http(&srv, &editor, "POST", post, "da=1", "application/x-www-form-urlencoded", &r), 0);
	assert_int_equal(r.status, 403);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT attended FROM event_registration WHERE id = %ld", anna), 0);
	/* anna comes; ticked twice, she is there once */
	assert_int_equal(tick(id, anna, "1"), 303);
	assert_int_equal(tick(id, anna, "1"), 303);
	assert_int_equal(db_scalarf(&srv, "SELECT attended FROM event_registration WHERE id = %ld", anna), 1);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM audit_log WHERE action = 'event_attended' AND object_id = '%ld'",
			       anna),
			 2);
	/* Ben from the waiting list comes too, Zoe does not */
	assert_int_equal(tick(id, ben, "1"), 303);
	assert_int_equal(agent_fetch(&srv, &editor, path, &r), 200);
	assert_contains(r.body.data, "checkin-num\">2</span> <span>da</span>");
	assert_contains(r.body.data, "checkin-num\">1</span> <span>angemeldet, noch nicht da</span>");
	assert_contains(r.body.data, "aria-label=\"Doch nicht da: anna Arslan\"");
	assert_contains(r.body.data, "aria-label=\"Ist da: Zoe Zander\"");
	char row[80];
	snprintf(row, sizeof(row), "id=\"anm-%ld\" class=\"checkin-row is-present\"", anna);
	assert_contains(r.body.data, row);
	reply_free(&r);
	/* a mistake taken back */
	assert_int_equal(tick(id, ben, "0"), 303);
	assert_int_equal(db_scalarf(&srv, "SELECT attended FROM event_registration WHERE id = %ld", ben), 0);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM audit_log WHERE action = 'event_not_attended'"), 1);
	/* bad input: a clear error, nothing changed */
	assert_int_equal(tick(id, zoe, "vielleicht"), 400);
	assert_int_equal(tick(id, zoe, ""), 400);
	assert_int_equal(db_scalarf(&srv, "SELECT attended FROM event_registration WHERE id = %ld", zoe), 0);
	/* a registration of another event, an unknown one, a cancelled one */
	long other = event_id("%%Migration III%%");
	assert_int_equal(tick(other, anna, "1"), 404);
	assert_int_equal(tick(id, 999999, "1"), 404);
	assert_int_equal(tick(99999, anna, "1"), 404);
	assert_int_equal(agent_fetch(&srv, &visitor, zlink, &r), 200); /* Zoe cancels */
	reply_free(&r);
	snprintf(post, sizeof(post), "%s/abmelden", zlink);
	assert_int_equal(agent_submit(&srv, &visitor, post, "", &r), 303);
	reply_free(&r);
	assert_int_equal(tick(id, zoe, "1"), 404);
	assert_int_equal(db_scalarf(&srv, "SELECT attended FROM event_registration WHERE id = %ld", zoe), 0);
	/* the printable list and the CSV show who came */
	snprintf(path, sizeof(path), "/intern/veranstaltungen/%ld/anwesenheit", id);
	assert_int_equal(agent_fetch(&srv, &editor, path, &r), 200);
	assert_contains(r.body.data, "☑<span class=\"visually-hidden\">da</span>");
	reply_free(&r);
	snprintf(path, sizeof(path), "/intern/veranstaltungen/%ld/anmeldungen.csv", id);
	assert_int_equal(agent_fetch(&srv, &editor, path, &r), 200);
	assert_contains(r.body.data, "cancelled_at,attended\r\n");
	assert_contains(r.body.data, "anna@example.org,,confirmed,,");
	const char *line = strstr(r.body.data, "anna@example.org");
	assert_non_null(line);
	assert_true(strncmp(strstr(line, "\r\n") - 2, ",1", 2) == 0);
	reply_free(&r);
}

/* ---- lotse maintenance ---- */

static void test_maintenance(void **state)
{
	(void)state;
	/* the demo's first seminar was 200 days ago, the second 60 days ago */
	long old = event_id("%%Migration I:%%"), recent = event_id("%%Migration II:%%");
	assert_true(db_scalarf(&srv, "SELECT count(*) FROM event_registration WHERE event_id = %ld AND email IS NOT NULL", old) > 0);
	buf out;
	buf_init(&out, 0);
	assert_int_equal(run_lotse(&out, "maintenance", "--db", srv.db, NULL), 0);
	assert_contains(buf_str(&out), "event registration");
	buf_free(&out);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM event_registration WHERE event_id = %ld AND "
			       "(name IS NOT NULL OR email IS NOT NULL OR organisation IS NOT NULL)", old),
			 0);
	assert_true(db_scalarf(&srv, "SELECT count(*) FROM event_registration WHERE event_id = %ld AND email IS NOT NULL", recent) > 0);
	/* their number stays: the staff still see how many came */
	assert_true(db_scalarf(&srv, "SELECT count(*) FROM event_registration WHERE event_id = %ld", old) > 0);
	assert_true(db_scalarf(&srv, "SELECT count(*) FROM audit_log WHERE action = 'event_registration_expire'") >= 1);
	/* a shorter time from the environment */
	setenv("LOTSE_EVENTS_KEEP_MONTHS", "1", 1);
	buf_init(&out, 0);
	assert_int_equal(run_lotse(&out, "maintenance", "--db", srv.db, NULL), 0);
	buf_free(&out);
	unsetenv("LOTSE_EVENTS_KEEP_MONTHS");
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM event_registration WHERE event_id = %ld AND email IS NOT NULL", recent),
			 0);
	/* upcoming events keep theirs */
	assert_true(db_scalarf(&srv, "SELECT count(*) FROM event_registration WHERE email = 'b@example.org'") == 1);
}

int main(int argc, char **argv)
{
	if (argc > 1)
		harness_bin = argv[1];
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_list_and_archive),
		cmocka_unit_test(test_event_page),
		cmocka_unit_test(test_register_and_cancel),
		cmocka_unit_test(test_staff_and_waiting_list),
		cmocka_unit_test(test_ical),
		cmocka_unit_test(test_online_link),
		cmocka_unit_test(test_checkin),
		cmocka_unit_test(test_maintenance),
	};
	return cmocka_run_group_tests(tests, events_group_setup, events_group_teardown);
}
