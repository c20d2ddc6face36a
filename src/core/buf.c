/* buf.c — growable byte buffer with a sticky error. */
#include "core/buf.h"
#include "core/core.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void buf_init(buf *b, size_t limit)
{
	memset(b, 0, sizeof(*b));
	b->limit = limit;
}

void buf_free(buf *b)
{
	free(b->data);
	memset(b, 0, sizeof(*b));
}

void buf_reset(buf *b)
{
	b->len = 0;
	b->err = 0;
	if (b->data)
		b->data[0] = '\0';
}

static int buf_grow(buf *b, size_t extra)
{
	if (b->err)
		return -1;
	if (extra > SIZE_MAX - b->len - 1 || (b->limit && b->len + extra > b->limit)) {
		b->err = 1;
		return -1;
	}
	size_t need = b->len + extra + 1;
	if (need <= b->cap)
		return 0;
	size_t cap = b->cap ? b->cap : 256;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	b->data = xrealloc(b->data, cap);
	b->cap = cap;
	return 0;
}

void buf_reserve(buf *b, size_t n)
{
	if (b->err)
		return;
	if (b->limit && n > b->limit - b->len)
		n = b->limit - b->len; /* the writes past the limit will be refused, not this */
	(void)buf_grow(b, n);
}

void buf_append_grow(buf *b, const void *p, size_t n)
{
	if (buf_grow(b, n) != 0)
		return;
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void buf_puts(buf *b, const char *s)
{
	buf_append(b, s, strlen(s));
}

void buf_putc(buf *b, char c)
{
	buf_append(b, &c, 1);
}

void buf_vprintf(buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0 || buf_grow(b, (size_t)n) != 0)
		return;
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void buf_printf(buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

const char *buf_str(const buf *b)
{
	return b->data ? b->data : "";
}
