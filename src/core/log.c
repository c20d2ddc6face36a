/* log.c — timestamped log lines on stderr, one write per line. */
#include "core/log.h"
#include "core/core.h"

#include <stdarg.h>
#include <stdio.h>

static int quiet;

void log_set_quiet(int q)
{
	quiet = q;
}

__attribute__((format(printf, 2, 0)))
static void log_line(const char *level, const char *fmt, va_list ap)
{
	char ts[20], msg[1024];
	core_fmt_time(core_now(), ts);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	fprintf(stderr, "%sZ %s %s\n", ts, level, msg);
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
