/* log.c — timestamped log lines on stderr, one write per line. A line
 * stays one line whatever a client sent: control bytes, backslashes and
 * bytes that are not UTF-8 are written as \xNN. */
#include "core/log.h"
#include "core/core.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int quiet;

/* msg with what could forge or break a line escaped, into out (cap > 4). */
static void escape(const char *msg, char *out, size_t cap)
{
	size_t len = strlen(msg), o = 0;
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)msg[i];
		size_t n = c >= 0x20 && c != 0x7F && c != '\\' ? utf8_char(msg + i, len - i) : 0;
		if (o + (n ? n : 4) >= cap)
			break;
		if (n) {
			memcpy(out + o, msg + i, n);
			o += n;
			i += n;
		} else {
			o += (size_t)snprintf(out + o, cap - o, "\\x%02X", c);
			i++;
		}
	}
	out[o] = '\0';
}

void log_set_quiet(int q)
{
	quiet = q;
}

__attribute__((format(printf, 2, 0)))
static void log_line(const char *level, const char *fmt, va_list ap)
{
	char ts[20], msg[1024], safe[1024];
	core_fmt_time(core_now(), ts);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	escape(msg, safe, sizeof(safe));
	fprintf(stderr, "%sZ %s %s\n", ts, level, safe);
}

void log_info(const char *fmt, ...)
{
	if (quiet)
		return;
	va_list ap;
	va_start(ap, fmt);
	log_line("info", fmt, ap);
	va_end(ap);
}

void log_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	log_line("error", fmt, ap);
	va_end(ap);
}
