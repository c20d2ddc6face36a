/* core.c — out-of-memory policy, checked allocation, clocks, dates, randomness. */
#include "core/core.h"

#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

_Noreturn void core_oom(void)
{
	static const char msg[] = "lotse: out of memory\n";
	fwrite(msg, 1, sizeof(msg) - 1, stderr);
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		core_oom();
	return p;
}

void *xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);
	if (!p)
		core_oom();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		core_oom();
	return q;
}

size_t core_grow_cap(size_t cap, size_t size, size_t first)
{
	size_t nc = cap ? cap * 2 : (first ? first : 1);
	if (nc < cap || (size && nc > SIZE_MAX / size))
		core_oom();
	return nc;
}

void *xgrow(void *v, size_t n, size_t *cap, size_t size, size_t first)
{
	if (n < *cap)
		return v;
	*cap = core_grow_cap(*cap, size, first);
	return xrealloc(v, *cap * size);
}

char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = xmalloc(n);
	memcpy(p, s, n);
	return p;
}

uint64_t core_hash(const void *p, size_t n)
{
	const unsigned char *b = p;
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 1099511628211ull;
	return h;
}

size_t utf8_char(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	if (len == 0)
		return 0;
	unsigned char c = s[0];
	size_t n;
	unsigned cp;
	if (c < 0x80)
		return 1;
	if ((c & 0xE0) == 0xC0) {
		n = 2;
		cp = c & 0x1F;
	} else if ((c & 0xF0) == 0xE0) {
		n = 3;
		cp = c & 0x0F;
	} else if ((c & 0xF8) == 0xF0) {
		n = 4;
		cp = c & 0x07;
	} else {
		return 0;
	}
	if (n > len)
		return 0;
	for (size_t k = 1; k < n; k++) {
		if ((s[k] & 0xC0) != 0x80)
			return 0;
		cp = cp << 6 | (s[k] & 0x3F);
	}
	if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) || cp > 0x10FFFF ||
	    (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return n;
}

long utf8_count(const char *s, size_t len)
{
	long count = 0;
	for (size_t i = 0; i < len; count++) {
		size_t n = utf8_char(s + i, len - i);
		if (!n)
			return -1;
		i += n;
	}
	return count;
}

int64_t core_now(void)
{
	return (int64_t)time(NULL);
}

int64_t core_mono_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

void core_random(void *buf, size_t n)
{
	unsigned char *p = buf;
	while (n > 0) {
		ssize_t got = getrandom(p, n, 0);
		if (got < 0)
			abort(); /* the kernel has no randomness for us: cannot go on safely */
		p += got;
		n -= (size_t)got;
	}
}

void core_fmt_time(int64_t t, char out[20])
{
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	strftime(out, 20, "%Y-%m-%d %H:%M:%S", &tm);
}

int core_valid_date(const char *s, size_t len)
{
	if (strlen(s) != len || (len != 10 && len != 7))
		return 0;
	for (size_t i = 0; i < len; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : s[i] < '0' || s[i] > '9')
			return 0;
	int y, m, d = 1;
	if (len == 10 ? sscanf(s, "%4d-%2d-%2d", &y, &m, &d) != 3 : sscanf(s, "%4d-%2d", &y, &m) != 2)
		return 0;
	static const int days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (y < 1900 || m < 1 || m > 12 || d < 1 || d > days[m - 1])
		return 0;
	return m != 2 || d < 29 || (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0));
}
