/* test_event_minutes.c — an event's minutes against the real server:
 * the pickers of people and offers on the staff's event form, minutes
 * with decisions and action items (and /intern/aufgaben), an item
 * changed and deleted. */
#include "events_fixture.h"

#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- minutes: decisions and action items ---- */

/* The value of the <option> whose text is label in body into out. */
static void option_value(const char *body, const char *label, char *out, size_t size)
{
	char text[300];
	snprintf(text, sizeof(text), ">%s</option>", label);
	const char *end = strstr(body, text);
	assert_non_null(end);
	const char *v = end;
	while (v > body && strncmp(v, "value=\"", 7) != 0)
		v--;
	v += 7;
	size_t n = strcspn(v, "\"");
	assert_true(n < size);
	memcpy(out, v, n);
	out[n] = '\0';
}

/* Organisers, partners and the place are chosen by name from the
 * directory: a made-up id is refused at its field, nothing stored; the
 * chosen place's address is on the public page. */
static void test_pickers(void **state)
{
	(void)state;
	struct reply r;
	char org[64], place[64];
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/veranstaltungen/neu", &r), 200);
	assert_contains(r.body.data, "id=\"f-organiser_1\"");
	assert_contains(r.body.data, "id=\"f-partner_2\"");
	assert_not_contains(r.body.data, "id=\"f-partner_3\""); /* two empty ones per role */
	option_value(r.body.data, "Jugendmigrationsdienst Mainz (Beispiel) (Mainz)", org, sizeof(org));
	option_value(r.body.data, "Beratungsstelle Neustadt (Frauenlobstraße 93, 55118 Mainz)", place, sizeof(place));
	/* a protected address is never offered as a place */
	assert_not_contains(r.body.data, "Pfaffengasse 9");
	assert_not_contains(r.body.data, "Am Lindenhof 23");
	assert_tidy(&srv, r.body.data, "/intern/veranstaltungen/neu");
	reply_free(&r);
	const char *fake = "00000000-0000-4000-8000-000000000000";
	assert_int_equal(agent_submit(&srv, &editor, "/intern/veranstaltungen/neu",
				      form("type", "talk", "title", "Picker-Test", "starts_at", "2099-06-01T18:00", "ends_at",
					   "2099-06-01T20:00", "organiser_1", org, "partner_1", fake, NULL),
				      &r),
			 422);
	assert_contains(r.body.data, "id=\"f-partner_1-err\"");
	assert_contains(r.body.data, "Diese Organisation gibt es im Verzeichnis nicht.");
	assert_contains(r.body.data, "href=\"#f-partner_1\""); /* the summary links to the field */
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &editor, "/intern/veranstaltungen/neu",
				      form("type", "talk", "title", "Picker-Test", "starts_at", "2099-06-01T18:00", "ends_at",
					   "2099-06-01T20:00", "location_id", fake, NULL),
				      &r),
			 422);
	assert_contains(r.body.data, "id=\"f-location_id-err\"");
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &editor, "/intern/veranstaltungen/neu",
				      form("type", "talk", "title", "Picker-Test", "starts_at", "2099-06-01T18:00", "ends_at",
					   "2099-06-01T20:00", "organiser_1", org, "partner_2", org, NULL),
				      &r),
			 422);
	assert_contains(r.body.data, "id=\"f-partner_2-err\"");
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM event WHERE title = 'Picker-Test'"), 0);
	/* chosen by name: stored, shown */
	assert_int_equal(agent_submit(&srv, &editor, "/intern/veranstaltungen/neu",
				      form("type", "talk", "title", "Picker-Test", "starts_at", "2099-06-01T18:00", "ends_at",
					   "2099-06-01T20:00", "organiser_1", org, "location_id", place, "place",
					   "Raum 2", NULL),
				      &r),
			 303);
	reply_free(&r);
	long id = db_scalarf(&srv, "SELECT id FROM event WHERE title = 'Picker-Test'");
	assert_true(id > 0);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM event_org WHERE event_id = %ld AND role = 'organiser'", id), 1);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM event WHERE id = %ld AND location_id IS NOT NULL", id), 1);
	char path[120];
	snprintf(path, sizeof(path), "/veranstaltungen/%ld", id);
	assert_int_equal(agent_fetch(&srv, &visitor, path, &r), 200);
	assert_contains(r.body.data, "<bdi>Beratungsstelle Neustadt</bdi>");
	assert_contains(r.body.data, "<bdi>Frauenlobstraße 93, 55118 Mainz</bdi>");
	assert_contains(r.body.data, "<bdi>Raum 2</bdi>");
	assert_contains(r.body.data, "Jugendmigrationsdienst Mainz (Beispiel)");
	reply_free(&r);
	/* the list and the calendar name the place too, with the free text */
	assert_int_equal(agent_fetch(&srv, &visitor, "/veranstaltungen", &r), 200);
	assert_contains(r.body.data, "<bdi>Beratungsstelle Neustadt, Frauenlobstraße 93, 55118 Mainz, Raum 2</bdi>");
	reply_free(&r);
	snprintf(path, sizeof(path), "/veranstaltungen/%ld.ics", id);
	assert_int_equal(agent_fetch(&srv, &visitor, path, &r), 200);
	assert_contains(r.body.data, "LOCATION:Beratungsstelle Neustadt\\, Frauenlobstraße 93\\, 55118 Mainz\\, R");
	reply_free(&r);
	/* the edit page has them chosen, and a third empty organiser field */
	snprintf(path, sizeof(path), "/intern/veranstaltungen/%ld", id);
	assert_int_equal(agent_fetch(&srv, &editor, path, &r), 200);
	char sel[120];
	snprintf(sel, sizeof(sel), "value=\"%s\" selected", org);
	assert_contains(r.body.data, sel);
	snprintf(sel, sizeof(sel), "value=\"%s\" selected", place);
	assert_contains(r.body.data, sel);
	assert_contains(r.body.data, "id=\"f-organiser_3\"");
	reply_free(&r);
}

static void test_minutes(void **state)
{
	(void)state;
	struct reply r;
	long id = event_id("%%Migration II:%%");
	char path[120], base[80];
	snprintf(base, sizeof(base), "/intern/veranstaltungen/%ld", id);
	assert_int_equal(agent_fetch(&srv, &editor, base, &r), 200);
	assert_contains(r.body.data, "Protokoll");
	reply_free(&r);
	snprintf(path, sizeof(path), "%s/protokoll", base);
	assert_int_equal(agent_submit(&srv, &editor, path, form("minutes", "# Protokoll\n\nAnwesend: 12", NULL), &r), 303);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM event WHERE id = %ld AND minutes_md LIKE '%%Anwesend: 12%%'", id), 1);
	/* the minutes are for the staff only */
	snprintf(path, sizeof(path), "/veranstaltungen/%ld", id);
	assert_int_equal(agent_fetch(&srv, &visitor, path, &r), 200);
	assert_not_contains(r.body.data, "Anwesend: 12");
	reply_free(&r);
	/* an action item without who and by when: the form again with the errors */
	snprintf(path, sizeof(path), "%s/punkte", base);
	assert_int_equal(agent_fetch(&srv, &editor, base, &r), 200);
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &editor, path, form("kind", "action", "text", "Liste verschicken", NULL), &r),
			 422);
	assert_contains(r.body.data, "f-who");
	assert_contains(r.body.data, "Liste verschicken");
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &editor, path,
				      form("kind", "action", "text", "Liste verschicken", "who", "Frau Demir", "due",
					   "2000-01-31", NULL),
				      &r),
			 303);
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &editor, base, &r), 200);
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &editor, path,
				      form("kind", "decision", "text", "Nächster Termin im Mai", NULL), &r),
			 303);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM event_item WHERE event_id = %ld AND text IN "
			       "('Liste verschicken', 'Nächster Termin im Mai')", id),
			 2);
	/* the demo's minutes hold an open action item of this event too */
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM event_item WHERE event_id = %ld AND kind = 'action' AND done = 0", id),
			 2);
	/* the list across events: overdue, then ticked off */
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/aufgaben", &r), 200);
	assert_contains(r.body.data, "Liste verschicken");
	assert_contains(r.body.data, "Frau Demir");
	assert_contains(r.body.data, "überfällig");
	assert_not_contains(r.body.data, "Nächster Termin im Mai"); /* a decision is no task */
	assert_tidy(&srv, r.body.data, "/intern/aufgaben");
	reply_free(&r);
	long item = db_scalarf(&srv, "SELECT id FROM event_item WHERE text = 'Liste verschicken'");
	snprintf(path, sizeof(path), "%s/punkte/%ld/erledigt", base, item);
	assert_int_equal(agent_submit(&srv, &editor, path, "done=1&zurueck=aufgaben", &r), 303);
	assert_contains(reply_header(&r, "Location"), "/intern/aufgaben");
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT done FROM event_item WHERE id = %ld", item), 1);
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/aufgaben", &r), 200);
	assert_not_contains(r.body.data, "Liste verschicken");
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/aufgaben?alle=1", &r), 200);
	assert_contains(r.body.data, "Liste verschicken");
	reply_free(&r);
	/* another event's item: not found */
	snprintf(path, sizeof(path), "/intern/veranstaltungen/%ld/punkte/%ld/erledigt", event_id("%%Migration III%%"), item);
	assert_int_equal(agent_submit(&srv, &editor, path, "done=0", &r), 404);
	reply_free(&r);
	assert_true(db_scalarf(&srv, "SELECT count(*) FROM audit_log WHERE action = 'event_item_add'") >= 2);
	/* the dashboard's cards */
	assert_int_equal(agent_fetch(&srv, &editor, "/intern", &r), 200);
	assert_contains(r.body.data, "Kommende Veranstaltungen: ");
	assert_contains(r.body.data, "Offene Aufgaben aus den Protokollen: ");
	assert_contains(r.body.data, "href=\"/intern/aufgaben\"");
	reply_free(&r);
}

/* ---- a decision or action item changed and deleted ---- */

static void test_item_edit(void **state)
{
	(void)state;
	struct reply r;
	long id = event_id("%%Migration II:%%"), other = event_id("%%Migration III%%");
	long item = db_scalarf(&srv, "SELECT id FROM event_item WHERE event_id = %ld AND kind = 'action' AND done = 0", id);
	assert_true(item > 0);
	char path[120], want[120];
	snprintf(path, sizeof(path), "/intern/veranstaltungen/%ld", id);
	assert_int_equal(agent_fetch(&srv, &editor, path, &r), 200);
	snprintf(want, sizeof(want), "href=\"/intern/veranstaltungen/%ld/punkte/%ld\"", id, item);
	assert_contains(r.body.data, want);
	reply_free(&r);
	snprintf(path, sizeof(path), "/intern/veranstaltungen/%ld/punkte/%ld", id, item);
	assert_int_equal(agent_fetch(&srv, &visitor, path, &r), 303);
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &editor, path, &r), 200);
	assert_tidy(&srv, r.body.data, path);
	reply_free(&r);
	/* refused: no text; a task without who; what was typed is kept */
	assert_int_equal(agent_submit(&srv, &editor, path, form("kind", "action", "text", "", "who", "Team", "due",
								 "2027-01-15", NULL), &r),
			 422);
	assert_contains(r.body.data, "aria-invalid=\"true\"");
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &editor, path, form("kind", "action", "text", "Neu formuliert im Test",
								 "due", "2027-01-15", NULL), &r),
			 422);
	assert_contains(r.body.data, "Neu formuliert im Test");
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM event_item WHERE text = 'Neu formuliert im Test'"), 0);
	/* changed */
	assert_int_equal(agent_submit(&srv, &editor, path, form("kind", "action", "text", "Neu formuliert im Test", "who",
								 "Team Lotsen", "due", "2027-01-15", NULL), &r),
			 303);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM event_item WHERE id = %ld AND text = 'Neu formuliert im Test' AND "
			       "who = 'Team Lotsen' AND due = '2027-01-15'", item),
			 1);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM audit_log WHERE action = 'event_item_update'"), 1);
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/aufgaben", &r), 200);
	assert_contains(r.body.data, "Neu formuliert im Test");
	reply_free(&r);
	/* through another event's address: not found */
	snprintf(path, sizeof(path), "/intern/veranstaltungen/%ld/punkte/%ld", other, item);
	assert_int_equal(agent_fetch(&srv, &editor, path, &r), 404);
	reply_free(&r);
	/* deleted: without the CSRF token refused, then gone from the task list */
	snprintf(path, sizeof(path), "/intern/veranstaltungen/%ld/punkte/%ld/loeschen", id, item);
	assert_int_equal(agent_http(&srv, &editor, "POST", path, "", "application/x-www-form-urlencoded", &r), 0);
	assert_int_equal(r.status, 403);
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &editor, path, "", &r), 303);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM event_item WHERE id = %ld", item), 0);
	assert_int_equal(db_scalarf(&srv, "SELECT count(*) FROM audit_log WHERE action = 'event_item_delete'"), 1);
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/aufgaben", &r), 200);
	assert_not_contains(r.body.data, "Neu formuliert im Test");
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &editor, path, "", &r), 404);
	reply_free(&r);
}

int main(int argc, char **argv)
{
	if (argc > 1)
		harness_bin = argv[1];
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pickers),
		cmocka_unit_test(test_minutes),
		cmocka_unit_test(test_item_edit),
	};
	return cmocka_run_group_tests(tests, events_group_setup, events_group_teardown);
}
