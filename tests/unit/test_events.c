/* test_events.c — the events' pure rules and model: times, iCalendar
 * escaping and folding, the list's filters, registration with the waiting
 * list and its moving up, the same address twice, and the deletion of
 * registrants' data. */
#include "events/events.h"
#include "events/events_internal.h"
#include "core/buf.h"
#include "core/core.h"
#include "search/search.h"
#include "../support/testdb.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>
#include <time.h>

static void test_time_valid(void **state)
{
	(void)state;
	assert_true(events_time_valid("2027-05-12T18:00"));
	assert_true(events_time_valid("2028-02-29T00:00"));
	assert_false(events_time_valid("2027-02-29T10:00"));
	assert_false(events_time_valid("2027-13-01T10:00"));
	assert_false(events_time_valid("2027-05-12T24:00"));
	assert_false(events_time_valid("2027-05-12 18:00"));
	assert_false(events_time_valid("2027-05-12T18:00:00"));
	assert_false(events_time_valid("2027-5-12T18:00x"));
	assert_false(events_time_valid("+027-05-12T18:00"));
	assert_false(events_time_valid(""));
	assert_false(events_time_valid(NULL));
}

static void test_local_now(void **state)
{
	(void)state;
	char out[17];
	events_local_now(1800000000, out); /* 2027-01-15T08:00:00Z: CET */
	assert_string_equal(out, "2027-01-15T09:00");
	events_local_now(1815000000, out); /* 2027-07-07T22:40:00Z: CEST, the next day */
	assert_string_equal(out, "2027-07-08T00:40");
}

static void test_ical_escape_and_fold(void **state)
{
	(void)state;
	buf b;
	buf_init(&b, 0);
	events_ical_escape(&b, "a,b;c\\d\r\ne\tf");
	assert_string_equal(buf_str(&b), "a\\,b\\;c\\\\d\\ne f");
	buf_free(&b);

	/* 80 two-byte letters: folded at 75 octets, never inside a letter */
	char v[161];
	for (int i = 0; i < 80; i++)
		memcpy(v + 2 * i, "ä", 2);
	v[160] = '\0';
	buf_init(&b, 0);
	events_ical_line(&b, "SUMMARY", v);
	const char *s = buf_str(&b);
	size_t start = 0, n = strlen(s);
	int lines = 0;
	for (size_t i = 0; i + 1 < n; i++)
		if (s[i] == '\r' && s[i + 1] == '\n') {
			assert_true(i - start <= 75);
			if (i + 2 < n) {
				assert_int_equal(s[i + 2], ' ');
				assert_int_not_equal((unsigned char)s[i + 3] & 0xC0, 0x80);
			}
			start = i + 2;
			lines++;
		}
	assert_int_equal(lines, 3);
	assert_memory_equal(s, "SUMMARY:", 8);
	buf_free(&b);
}

static void test_reg_closed(void **state)
{
	(void)state;
	struct event e = { .starts_at = "2027-05-12T18:00", .ends_at = "2027-05-12T20:00" };
	assert_null(events_reg_closed(&e, "2027-05-01T10:00"));
	assert_non_null(events_reg_closed(&e, "2027-05-12T18:00")); /* it has begun */
	e.reg_opens_at = "2027-05-02T08:00";
	assert_string_equal(events_reg_closed(&e, "2027-05-01T10:00"), "Die Anmeldung ist noch nicht offen.");
	assert_null(events_reg_closed(&e, "2027-05-02T08:00"));
	e.reg_closes_at = "2027-05-10T00:00";
	assert_string_equal(events_reg_closed(&e, "2027-05-10T00:00"), "Die Anmeldung ist geschlossen.");
	e.reg_opens_at = e.reg_closes_at = NULL;
	e.cancelled = 1;
	assert_string_equal(events_reg_closed(&e, "2027-05-01T10:00"), "Diese Veranstaltung fällt aus.");
}

/* ---- the model ---- */

static struct testdb db;

static int setup(void **state)
{
	(void)state;
	return testdb_open(&db);
}

static int teardown(void **state)
{
	(void)state;
	return testdb_close(&db);
}

static int64_t add_event(const char *title, const char *type, const char *from, const char *to, int capacity)
{
	struct event e = { .type = type, .title = title, .starts_at = from, .ends_at = to, .capacity = capacity,
			   .place = "Mainz" };
	int64_t id = 0;
	assert_int_equal(events_save(db.s, &e, NULL, 0, &id), ST_OK);
	assert_true(id > 0);
	return id;
}

static long scalar(const char *fmt, ...)
{
	char sql[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(sql, sizeof(sql), fmt, ap);
	va_end(ap);
	return testdb_scalar(db.s, sql);
}

static void test_list_filters(void **state)
{
	(void)state;
	add_event("Alt", "seminar", "2020-03-01T10:00", "2020-03-01T12:00", -1);
	int64_t gone = add_event("Alt abgesagt", "seminar", "2020-04-01T10:00", "2020-04-01T12:00", -1);
	assert_int_equal(events_set_cancelled(db.s, gone, 1), ST_OK);
	add_event("Neu Seminar", "seminar", "2099-03-01T10:00", "2099-03-01T12:00", -1);
	add_event("Neu Treffen", "network", "2099-04-01T10:00", "2099-04-01T12:00", -1);
	arena *a = arena_new();
	struct event *ev;
	size_t n;
	long total;
	struct events_filter f = { 0, "2026-01-01T00:00", NULL, NULL };
	assert_int_equal(events_list(db.s, a, &f, 0, 10, &ev, &n, &total), ST_OK);
	assert_int_equal(n, 2);
	assert_string_equal(ev[0].title, "Neu Seminar"); /* soonest first */
	f.type = "network";
	assert_int_equal(events_list(db.s, a, &f, 0, 10, &ev, &n, &total), ST_OK);
	assert_int_equal(total, 1);
	f.type = NULL;
	f.month = "2099-03";
	assert_int_equal(events_list(db.s, a, &f, 0, 10, &ev, &n, &total), ST_OK);
	assert_int_equal(n, 1);
	assert_string_equal(ev[0].title, "Neu Seminar");
	struct events_filter p = { 1, "2026-01-01T00:00", NULL, NULL };
	assert_int_equal(events_list(db.s, a, &p, 0, 10, &ev, &n, &total), ST_OK);
	assert_int_equal(n, 1); /* the cancelled past one is left out */
	assert_string_equal(ev[0].title, "Alt");
	arena_free(a);
}

static void test_waiting_list(void **state)
{
	(void)state;
	int64_t id = add_event("Zwei Plätze", "talk", "2099-05-01T10:00", "2099-05-01T12:00", 2);
	char t[5][44];
	const char *st;
	const char *want[] = { "confirmed", "confirmed", "waiting", "waiting", "waiting" };
	for (int i = 0; i < 5; i++) {
		char name[16], mail[32];
		snprintf(name, sizeof(name), "P%d", i);
		snprintf(mail, sizeof(mail), "p%d@example.org", i);
		assert_int_equal(events_register(db.s, id, name, mail, NULL, "de", t[i], &st), ST_OK);
		assert_string_equal(st, want[i]);
		assert_int_equal(strlen(t[i]), 43);
	}
	/* the same address, other case: refused */
	char x[44];
	assert_int_equal(events_register(db.s, id, "P0", "P0@Example.org", NULL, "de", x, &st), ST_CONFLICT);
	arena *a = arena_new();
	struct event_reg g;
	assert_int_equal(events_reg_by_token(db.s, a, t[3], &g), ST_OK);
	assert_int_equal(g.position, 2);
	/* one on the waiting list leaves: nobody moves up, the rest move forward */
	assert_int_equal(events_reg_cancel(db.s, t[2]), ST_OK);
	assert_int_equal(events_reg_by_token(db.s, a, t[3], &g), ST_OK);
	assert_string_equal(g.status, "waiting");
	assert_int_equal(g.position, 1);
	/* a confirmed one leaves: the first waiting moves up */
	assert_int_equal(events_reg_cancel(db.s, t[0]), ST_OK);
	assert_int_equal(events_reg_by_token(db.s, a, t[3], &g), ST_OK);
	assert_string_equal(g.status, "confirmed");
	assert_int_equal(events_reg_by_token(db.s, a, t[4], &g), ST_OK);
	assert_int_equal(g.position, 1);
	/* cancelling twice, an unknown token */
	assert_int_equal(events_reg_cancel(db.s, t[0]), ST_NOTFOUND);
	assert_int_equal(events_reg_cancel(db.s, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"), ST_NOTFOUND);
	/* the address may come back after cancelling */
	assert_int_equal(events_register(db.s, id, "P0", "p0@example.org", NULL, "de", x, &st), ST_OK);
	assert_string_equal(st, "waiting");
	assert_int_equal(scalar("SELECT count(*) FROM event_registration WHERE event_id = %lld AND status = 'confirmed'",
				(long long)id),
			 2);
	/* an unknown event */
	assert_int_equal(events_register(db.s, 999999, "Q", "q@example.org", NULL, "de", x, &st), ST_NOTFOUND);
	arena_free(a);
}

/* Attendance on the day: set (not toggled), only for a live registration
 * of the event named. */
static void test_attend(void **state)
{
	(void)state;
	int64_t id = add_event("Einlass", "talk", "2099-06-01T10:00", "2099-06-01T12:00", 1);
	int64_t other = add_event("Anderes", "talk", "2099-06-02T10:00", "2099-06-02T12:00", -1);
	char t[2][44];
	const char *st;
	assert_int_equal(events_register(db.s, id, "A", "a.attend@example.org", NULL, "de", t[0], &st), ST_OK);
	assert_int_equal(events_register(db.s, id, "B", "b.attend@example.org", NULL, "de", t[1], &st), ST_OK);
	assert_string_equal(st, "waiting");
	arena *a = arena_new();
	struct event_reg g[2];
	assert_int_equal(events_reg_by_token(db.s, a, t[0], &g[0]), ST_OK);
	assert_int_equal(events_reg_by_token(db.s, a, t[1], &g[1]), ST_OK);
	assert_int_equal(events_reg_attend(db.s, id, g[0].id, 1), ST_OK);
	assert_int_equal(events_reg_attend(db.s, id, g[0].id, 1), ST_OK); /* twice: still there */
	assert_int_equal(events_reg_attend(db.s, id, g[1].id, 1), ST_OK); /* from the waiting list */
	assert_int_equal(scalar("SELECT sum(attended) FROM event_registration WHERE event_id = %lld", (long long)id), 2);
	assert_int_equal(events_reg_attend(db.s, id, g[1].id, 0), ST_OK);
	assert_int_equal(scalar("SELECT attended FROM event_registration WHERE id = %lld", (long long)g[1].id), 0);
	/* another event's registration, an unknown one, a cancelled one */
	assert_int_equal(events_reg_attend(db.s, other, g[0].id, 1), ST_NOTFOUND);
	assert_int_equal(events_reg_attend(db.s, id, 999999, 1), ST_NOTFOUND);
	assert_int_equal(events_reg_cancel(db.s, t[1]), ST_OK);
	assert_int_equal(events_reg_attend(db.s, id, g[1].id, 1), ST_NOTFOUND);
	struct event_reg *all;
	size_t n;
	assert_int_equal(events_regs(db.s, a, id, &all, &n), ST_OK);
	assert_int_equal(n, 2);
	assert_int_equal(all[0].attended, 1);
	arena_free(a);
}

static void test_expire(void **state)
{
	(void)state;
	int64_t now = core_now();
	char old_from[17], old_to[17], near_from[17], near_to[17];
	events_local_now(now - 220 * 86400, old_from);
	events_local_now(now - 220 * 86400 + 3600, old_to);
	events_local_now(now - 100 * 86400, near_from);
	events_local_now(now - 100 * 86400 + 3600, near_to);
	int64_t old = add_event("Lange her", "info", old_from, old_to, -1);
	int64_t near = add_event("Vor drei Monaten", "info", near_from, near_to, -1);
	char t[44];
	const char *st;
	assert_int_equal(events_register(db.s, old, "Alt", "alt@example.org", "Org", "de", t, &st), ST_OK);
	assert_int_equal(events_register(db.s, near, "Neu", "neu@example.org", NULL, "de", t, &st), ST_OK);
	long erased;
	assert_int_equal(events_expire(db.s, now, 6, &erased), ST_OK);
	assert_true(erased >= 1);
	assert_int_equal(scalar("SELECT count(*) FROM event_registration WHERE event_id = %lld AND name IS NULL AND "
				"email IS NULL AND organisation IS NULL AND erased_at IS NOT NULL",
				(long long)old),
			 1);
	assert_int_equal(scalar("SELECT count(*) FROM event_registration WHERE email = 'neu@example.org'"), 1);
	assert_int_equal(events_expire(db.s, now, 3, &erased), ST_OK);
	assert_int_equal(scalar("SELECT count(*) FROM event_registration WHERE email = 'neu@example.org'"), 0);
	/* again: nothing more */
	assert_int_equal(events_expire(db.s, now, 3, &erased), ST_OK);
	assert_int_equal(erased, 0);
}

int main(void)
{
	search_init(); /* the schema needs its tokenizer */
	const struct CMUnitTest pure[] = {
		cmocka_unit_test(test_time_valid),
		cmocka_unit_test(test_local_now),
		cmocka_unit_test(test_ical_escape_and_fold),
		cmocka_unit_test(test_reg_closed),
	};
	const struct CMUnitTest model[] = {
		cmocka_unit_test(test_list_filters),
		cmocka_unit_test(test_waiting_list),
		cmocka_unit_test(test_attend),
		cmocka_unit_test(test_expire),
	};
	int rc = cmocka_run_group_tests_name("events_pure", pure, NULL, NULL);
	return rc | cmocka_run_group_tests_name("events_model", model, setup, teardown);
}
