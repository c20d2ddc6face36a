/* buf.h — a growable byte buffer with a sticky error.
 *
 * Writers append freely; a buffer that would grow past its limit stops
 * accepting bytes and remembers that (err = 1). The owner checks err once
 * at the end (the SQLite sqlite3_str pattern). Memory is heap-owned by the
 * buffer; buf_free releases it. */
#ifndef LOTSE_BUF_H
#define LOTSE_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

typedef struct buf {
	char *data;   /* always NUL-terminated when non-NULL */
	size_t len;
	size_t cap;
	size_t limit; /* 0 = no limit beyond memory */
	int err;      /* sticky: set once a write was refused */
} buf;

void buf_init(buf *b, size_t limit);
void buf_free(buf *b);
void buf_reset(buf *b);

/* Room for n more bytes now (up to the limit), so that writes of about
 * that much do not grow the buffer step by step. Never sets err. */
void buf_reserve(buf *b, size_t n);
/* buf_append when the bytes do not fit (grows, or refuses): buf.c. */
void buf_append_grow(buf *b, const void *p, size_t n);
/* Append n bytes: inline when they fit, as most writes of a page do. */
static inline void buf_append(buf *b, const void *p, size_t n)
{
	if (n < b->cap - b->len && !b->err && (!b->limit || n <= b->limit - b->len)) {
		memcpy(b->data + b->len, p, n);
		b->len += n;
		b->data[b->len] = '\0';
		return;
	}
	buf_append_grow(b, p, n);
}
void buf_puts(buf *b, const char *s);
void buf_putc(buf *b, char c);
void buf_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

/* The contents as a string ("" when empty). Borrowed: valid until the next
 * write or buf_free. */
const char *buf_str(const buf *b);

#endif
