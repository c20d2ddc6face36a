/* fuzz_events.c — what the events take from outside and write for
 * others: the registration form (an urlencoded body through
 * http_parse_urlencoded and form_validate with the real declared fields),
 * the times and months an editor or a query sends (events_time_valid),
 * and the iCalendar text of any title or place (events_ical_escape and
 * events_ical_line).
 *
 * Properties: a valid registration has a name, an e-mail address with
 * '@' and consent; an accepted time has the exact shape
 * YYYY-MM-DDTHH:MM; an iCalendar line is CRLF-terminated, no physical
 * line passes 75 octets, a fold never splits a UTF-8 character of valid
 * input, and unfolding and unescaping the value gives back the input
 * (CR dropped, other control characters as spaces). */
#include "fuzz.h"
#include "core/buf.h"
#include "core/core.h"
#include "events/events.h"
#include "events/events_internal.h"
#include "http/form.h"

static void check_form(const uint8_t *data, size_t size)
{
	arena *a = arena_new();
	struct req r = { .a = a, .lang = "de" };
	struct kvlist l = { 0 };
	http_parse_urlencoded(a, (const char *)data, size, &l, 100);
	struct form f;
	int nerr = form_validate(&r, &l, events_reg_fields, RF__MAX, &f);
	FUZZ_CHECK(nerr == f.nerr);
	if (nerr == 0 && !f.honeypot) {
		FUZZ_CHECK(f.val[RF_NAME] && *f.val[RF_NAME]);
		FUZZ_CHECK(f.val[RF_EMAIL] && strchr(f.val[RF_EMAIL], '@'));
		FUZZ_CHECK(f.val[RF_CONSENT] && strcmp(f.val[RF_CONSENT], "1") == 0);
	}
	arena_free(a);
}

static void check_time(const char *s)
{
	if (!events_time_valid(s))
		return;
	FUZZ_CHECK(strlen(s) == 16 && s[4] == '-' && s[7] == '-' && s[10] == 'T' && s[13] == ':');
}

static void check_ical(const char *s)
{
	buf v, line;
	buf_init(&v, 0);
	buf_init(&line, 0);
	events_ical_escape(&v, s);
	events_ical_line(&line, "SUMMARY", buf_str(&v));
	const char *p = buf_str(&line);
	size_t n = line.len;
	FUZZ_CHECK(n >= 2 && p[n - 2] == '\r' && p[n - 1] == '\n');
	int valid = utf8_count(s, strlen(s)) >= 0;
	/* physical lines, and the value unfolded */
	buf un;
	buf_init(&un, 0);
	size_t start = 0;
	for (size_t i = 0; i + 1 < n; i++) {
		if (p[i] == '\r') {
			FUZZ_CHECK(p[i + 1] == '\n');
			FUZZ_CHECK(i - start <= 75);
			size_t from = start == 0 ? strlen("SUMMARY:") : start + 1; /* a continuation starts with ' ' */
			if (start > 0)
				FUZZ_CHECK(p[start] == ' ');
			buf_append(&un, p + from, i - from);
			if (valid && i + 2 < n)
				FUZZ_CHECK(((unsigned char)p[i + 3] & 0xC0) != 0x80); /* no fold inside a character */
			start = i + 2;
			i++;
		} else {
			FUZZ_CHECK(p[i] != '\n');
		}
	}
	FUZZ_CHECK(strcmp(buf_str(&un), buf_str(&v)) == 0);
	/* unescape and compare with the input */
	buf back;
	buf_init(&back, 0);
	for (const char *q = buf_str(&un); *q; q++) {
		if (*q == '\\') {
			q++;
			FUZZ_CHECK(*q == '\\' || *q == ';' || *q == ',' || *q == 'n');
			buf_putc(&back, *q == 'n' ? '\n' : *q);
		} else {
			FUZZ_CHECK(*q != ';' && *q != ',');
			buf_putc(&back, *q);
		}
	}
	buf want;
	buf_init(&want, 0);
	for (const char *q = s; *q; q++)
		if (*q != '\r')
			buf_putc(&want, (unsigned char)*q < 0x20 && *q != '\n' ? ' ' : *q == 0x7f ? ' ' : *q);
	FUZZ_CHECK(strcmp(buf_str(&back), buf_str(&want)) == 0);
	buf_free(&want);
	buf_free(&back);
	buf_free(&un);
	buf_free(&v);
	buf_free(&line);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 16 * 1024)
		return 0;
	check_form(data, size);
	char *s = fuzz_cstr(data, size);
	check_time(s);
	check_ical(s);
	free(s);
	return 0;
}
