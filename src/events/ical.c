/* ical.c — events as iCalendar (RFC 5545): escaped TEXT values, content
 * lines folded at 75 octets, and the VCALENDAR with Europe/Berlin's
 * VTIMEZONE. Pure functions on a buf (the fuzz target calls them). */
#include "events/events.h"
#include "core/core.h"

#include <stdio.h>
#include <string.h>

void events_ical_escape(buf *b, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '\\': buf_puts(b, "\\\\"); break;
		case ';': buf_puts(b, "\\;"); break;
		case ',': buf_puts(b, "\\,"); break;
		case '\n': buf_puts(b, "\\n"); break;
		case '\r': break; /* CR LF counts as one line break */
		default:
			/* other control characters are not allowed in TEXT */
			if ((unsigned char)*s < 0x20 || *s == 0x7f)
				buf_putc(b, ' ');
			else
				buf_putc(b, *s);
		}
	}
}

void events_ical_line(buf *b, const char *name, const char *value)
{
	size_t col = strlen(name) + 1, len = strlen(value);
	buf_puts(b, name);
	buf_putc(b, ':');
	for (size_t i = 0; i < len;) {
		size_t n = utf8_char(value + i, len - i);
		if (n == 0)
			n = 1; /* not UTF-8: one byte at a time, never split below */
		if (col + n > 75) {
			buf_puts(b, "\r\n ");
			col = 1;
		}
		buf_append(b, value + i, n);
		col += n;
		i += n;
	}
	buf_puts(b, "\r\n");
}

/* "YYYY-MM-DDTHH:MM" as "YYYYMMDDTHHMM00" into out. */
static void basic_time(const char *t, char out[16])
{
	size_t k = 0;
	for (size_t i = 0; t[i] && k < 13; i++)
		if (t[i] != '-' && t[i] != ':')
			out[k++] = t[i];
	out[k++] = '0';
	out[k++] = '0';
	out[k] = '\0';
}

/* An escaped TEXT property. */
static void text_prop(buf *b, const char *name, const char *v)
{
	buf t;
	buf_init(&t, 0);
	events_ical_escape(&t, v);
	events_ical_line(b, name, buf_str(&t));
	buf_free(&t);
}

void events_ical(buf *b, arena *a, const char *base, const struct event *events, size_t n, const char *dtstamp)
{
	buf_puts(b, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//lotse//Veranstaltungen//DE\r\n"
		    "CALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n");
	text_prop(b, "X-WR-CALNAME", "Veranstaltungen");
	events_ical_line(b, "X-WR-TIMEZONE", "Europe/Berlin");
	buf_puts(b, "BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\n"
		    "BEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\n"
		    "DTSTART:19700329T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\n"
		    "BEGIN:STANDARD\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\n"
		    "DTSTART:19701025T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\n"
		    "END:VTIMEZONE\r\n");
	for (size_t i = 0; i < n; i++) {
		const struct event *e = &events[i];
		char t[16], uid[120], url[512];
		buf_puts(b, "BEGIN:VEVENT\r\n");
		snprintf(uid, sizeof(uid), "%s@lotse", e->uid);
		events_ical_line(b, "UID", uid);
		events_ical_line(b, "DTSTAMP", dtstamp);
		basic_time(e->starts_at, t);
		events_ical_line(b, "DTSTART;TZID=Europe/Berlin", t);
		basic_time(e->ends_at, t);
		events_ical_line(b, "DTEND;TZID=Europe/Berlin", t);
		text_prop(b, "SUMMARY", e->title);
		const char *where = events_where(a, e);
		if (*where)
			text_prop(b, "LOCATION", where);
		if (e->description_md && *e->description_md)
			text_prop(b, "DESCRIPTION", e->description_md);
		snprintf(url, sizeof(url), "%s/veranstaltungen/%lld", base, (long long)e->id);
		events_ical_line(b, "URL", url);
		events_ical_line(b, "STATUS", e->cancelled ? "CANCELLED" : "CONFIRMED");
		buf_puts(b, "END:VEVENT\r\n");
	}
	buf_puts(b, "END:VCALENDAR\r\n");
}
