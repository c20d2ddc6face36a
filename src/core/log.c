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

/* s appended to out (cap bytes, *n used; cut where it is full). */
static void put(char *out, size_t cap, size_t *n, const char *s, size_t len)
{
	if (len > cap - 1 - *n)
		len = cap - 1 - *n;
	memcpy(out + *n, s, len);
	*n += len;
}

/* u as decimal digits appended to out. */
static void put_num(char *out, size_t cap, size_t *n, unsigned long long u)
{
	char d[24], *p = d + sizeof(d);
	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	put(out, cap, n, p, (size_t)(d + sizeof(d) - p));
}

void log_request(const char *method, const char *path, int status, long long us, int aborted)
{
	if (quiet)
		return;
	static _Thread_local int64_t ts_sec = -1;
	static _Thread_local char ts[20];
	int64_t now = core_now();
	if (now != ts_sec) {
		core_fmt_time(now, ts);
		ts_sec = now;
	}
	char msg[1024], line[1024 + 40];
	size_t n = 0;
	method = method ? method : "-";
	path = path ? path : "-";
	put(msg, sizeof(msg), &n, method, strlen(method));
	put(msg, sizeof(msg), &n, " ", 1);
	put(msg, sizeof(msg), &n, path, strlen(path));
	put(msg, sizeof(msg), &n, " ", 1);
	if (status < 0) {
		put(msg, sizeof(msg), &n, "-", 1);
		status = -status;
	}
	put_num(msg, sizeof(msg), &n, (unsigned long long)status);
	put(msg, sizeof(msg), &n, " ", 1);
	unsigned long long tenths = us > 0 ? ((unsigned long long)us + 50) / 100 : 0; /* ms, one decimal */
	put_num(msg, sizeof(msg), &n, tenths / 10);
	put(msg, sizeof(msg), &n, ".", 1);
	put_num(msg, sizeof(msg), &n, tenths % 10);
	put(msg, sizeof(msg), &n, "ms", 2);
	if (aborted)
		put(msg, sizeof(msg), &n, " (aborted)", 10);
	msg[n] = '\0';
	size_t l = 0;
	put(line, sizeof(line), &l, ts, strlen(ts));
	put(line, sizeof(line), &l, "Z info ", 7);
	escape(msg, line + l, sizeof(line) - l - 1);
	l += strlen(line + l);
	line[l++] = '\n';
	fwrite(line, 1, l, stderr);
}

void log_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	log_line("error", fmt, ap);
	va_end(ap);
}
