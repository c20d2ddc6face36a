/* html.c — context escapers and the escaping HTML writer. */
#include "html/html.h"

#include <assert.h>
#include <stdarg.h>
#include <string.h>

html html_on(buf *b)
{
	html h = { b };
	return h;
}

/* What each byte becomes in markup: 0 itself, 1-5 an entity (reps),
 * END the end of the string. */
enum { END = 6 };
static const unsigned char esc_class[256] = {
	['\0'] = END, ['&'] = 1, ['<'] = 2, ['>'] = 3, ['"'] = 4, ['\''] = 5,
};
static const struct {
	const char *s;
	size_t n;
} reps[] = { { "", 0 }, { "&amp;", 5 }, { "&lt;", 4 }, { "&gt;", 4 }, { "&quot;", 6 }, { "&#39;", 5 } };

/* s up to its NUL, in one pass: the runs between the bytes to escape are
 * copied whole. */
static void esc_markup(buf *b, const char *s)
{
	const char *run = s;
	for (;; s++) {
		unsigned char k = esc_class[(unsigned char)*s];
		if (!k)
			continue;
		buf_append(b, run, (size_t)(s - run));
		if (k == END)
			return;
		buf_append(b, reps[k].s, reps[k].n);
		run = s + 1;
	}
}

void esc_text(buf *b, const char *s)
{
	esc_markup(b, s);
}

void esc_attr(buf *b, const char *s)
{
	esc_markup(b, s);
}

/* Is c kept as it is in a URL argument? */
static int url_plain(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
	       c == '_' || c == '~';
}

/* The length of s escaped by esc_url_arg. */
static size_t url_arg_len(const char *s)
{
	size_t n = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		n += url_plain(*p) ? 1 : 3;
	return n;
}

/* s escaped as esc_url_arg does, at out; the end. */
static char *url_arg_put(char *out, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (url_plain(*p)) {
			*out++ = (char)*p;
		} else {
			*out++ = '%';
			*out++ = hex[*p >> 4];
			*out++ = hex[*p & 15];
		}
	}
	return out;
}

void esc_url_arg(buf *b, const char *s)
{
	char enc[3 * 64];
	while (*s) { /* in pieces of up to 64 bytes */
		const char *e = s;
		while (*e && e - s < 64)
			e++;
		char piece[65];
		memcpy(piece, s, (size_t)(e - s));
		piece[e - s] = '\0';
		buf_append(b, enc, (size_t)(url_arg_put(enc, piece) - enc));
		s = e;
	}
}

/* Tag and attribute names come from the program, never from input; this
 * keeps a slip from turning into markup injection. The length of s when
 * it is a name, else 0. */
static size_t name_len(const char *s)
{
	static const unsigned char ok[256] = {
		['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1, ['i'] = 1,
		['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1,
		['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1, ['0'] = 1,
		['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1,
		['-'] = 1,
	};
	const unsigned char *p = (const unsigned char *)s;
	while (ok[*p])
		p++;
	return *p ? 0 : (size_t)(p - (const unsigned char *)s);
}

/* "<" or "</" (lead of n bytes), the name, and what follows it (tail, or
 * nothing), when name is a name; else nothing, and -1. */
static int put_name(buf *b, const char *lead, size_t n, const char *name, const char *tail)
{
	size_t len = name_len(name);
	assert(len);
	if (!len)
		return -1;
	buf_append(b, lead, n);
	buf_append(b, name, len);
	if (tail)
		buf_append(b, tail, strlen(tail));
	return 0;
}

static void open_tag(html *h, const char *tag, va_list ap)
{
	if (put_name(h->out_, "<", 1, tag, NULL) != 0)
		return;
	const char *name;
	while ((name = va_arg(ap, const char *)) != NULL) {
		const char *value = va_arg(ap, const char *);
		assert(name_len(name));
		if (!value)
			continue;
		if (put_name(h->out_, " ", 1, name, *value ? "=\"" : NULL) != 0 || !*value)
			continue;
		esc_markup(h->out_, value);
		buf_append(h->out_, "\"", 1);
	}
	buf_append(h->out_, ">", 1);
}

void html_open(html *h, const char *tag, ...)
{
	va_list ap;
	va_start(ap, tag);
	open_tag(h, tag, ap);
	va_end(ap);
}

void html_void(html *h, const char *tag, ...)
{
	va_list ap;
	va_start(ap, tag);
	open_tag(h, tag, ap);
	va_end(ap);
}

void html_close(html *h, const char *tag)
{
	put_name(h->out_, "</", 2, tag, ">");
}

void html_text(html *h, const char *s)
{
	esc_text(h->out_, s ? s : "");
}

void html_textf(html *h, const char *fmt, ...)
{
	buf tmp;
	buf_init(&tmp, 0);
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&tmp, fmt, ap);
	va_end(ap);
	esc_text(h->out_, buf_str(&tmp));
	buf_free(&tmp);
}

void html_elem(html *h, const char *tag, const char *text, ...)
{
	va_list ap;
	va_start(ap, text);
	open_tag(h, tag, ap);
	va_end(ap);
	html_text(h, text);
	html_close(h, tag);
}

void html_li_link(html *h, const char *text, const char *href)
{
	html_open(h, "li", NULL);
	html_elem(h, "a", text, "href", href, NULL);
	html_close(h, "li");
}

void html_raw_trusted(html *h, const char *s)
{
	buf_puts(h->out_, s);
}

void html_raw_trusted_n(html *h, const char *s, size_t n)
{
	buf_append(h->out_, s, n);
}

/* Written straight into the arena: its length first, then the bytes (no
 * buffer that grows, no copy). */
char *html_url(arena *a, const char *path, ...)
{
	size_t n = strlen(path) + 1;
	va_list ap;
	va_start(ap, path);
	const char *k;
	while ((k = va_arg(ap, const char *)) != NULL) {
		const char *v = va_arg(ap, const char *);
		if (v && *v)
			n += 2 + url_arg_len(k) + url_arg_len(v);
	}
	va_end(ap);
	char *s = arena_alloc(a, n), *o = s;
	size_t pl = strlen(path);
	memcpy(o, path, pl);
	o += pl;
	char sep = memchr(path, '?', pl) ? '&' : '?';
	va_start(ap, path);
	while ((k = va_arg(ap, const char *)) != NULL) {
		const char *v = va_arg(ap, const char *);
		if (!v || !*v)
			continue;
		*o++ = sep;
		sep = '&';
		o = url_arg_put(o, k);
		*o++ = '=';
		o = url_arg_put(o, v);
	}
	va_end(ap);
	*o = '\0';
	return s;
}

char *html_mailto(arena *a, const char *addr)
{
	const char *at = strrchr(addr, '@');
	buf b;
	buf_init(&b, 0);
	buf_puts(&b, "mailto:");
	if (at) {
		esc_url_arg(&b, arena_strndup(a, addr, (size_t)(at - addr)));
		buf_putc(&b, '@');
		esc_url_arg(&b, at + 1);
	} else {
		esc_url_arg(&b, addr);
	}
	char *s = arena_strdup(a, buf_str(&b));
	buf_free(&b);
	return s;
}
