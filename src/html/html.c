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

static void esc_markup(buf *b, const char *s)
{
	const char *run = s;
	for (; *s; s++) {
		const char *rep;
		switch (*s) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		buf_append(b, run, (size_t)(s - run));
		buf_puts(b, rep);
		run = s + 1;
	}
	buf_append(b, run, (size_t)(s - run));
}

void esc_text(buf *b, const char *s)
{
	esc_markup(b, s);
}

void esc_attr(buf *b, const char *s)
{
	esc_markup(b, s);
}

void esc_url_arg(buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		unsigned char c = *p;
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '.' || c == '_' || c == '~') {
			buf_putc(b, (char)c);
		} else {
			char enc[3] = { '%', hex[c >> 4], hex[c & 15] };
			buf_append(b, enc, 3);
		}
	}
}

/* Tag and attribute names come from the program, never from input; this
 * keeps a slip from turning into markup injection. */
static int is_name(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-'))
			return 0;
	return 1;
}

static void open_tag(html *h, const char *tag, va_list ap)
{
	assert(is_name(tag));
	if (!is_name(tag))
		return;
	buf_putc(h->out_, '<');
	buf_puts(h->out_, tag);
	const char *name;
	while ((name = va_arg(ap, const char *)) != NULL) {
		const char *value = va_arg(ap, const char *);
		assert(is_name(name));
		if (!value || !is_name(name))
			continue;
		buf_putc(h->out_, ' ');
		buf_puts(h->out_, name);
		if (*value) {
			buf_puts(h->out_, "=\"");
			esc_attr(h->out_, value);
			buf_putc(h->out_, '"');
		}
	}
	buf_putc(h->out_, '>');
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
	assert(is_name(tag));
	if (!is_name(tag))
		return;
	buf_puts(h->out_, "</");
	buf_puts(h->out_, tag);
	buf_putc(h->out_, '>');
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

void html_raw_trusted(html *h, const char *s)
{
	buf_puts(h->out_, s);
}

char *html_url(arena *a, const char *path, ...)
{
	buf b;
	buf_init(&b, 0);
	buf_puts(&b, path);
	char sep = strchr(path, '?') ? '&' : '?';
	va_list ap;
	va_start(ap, path);
	const char *k;
	while ((k = va_arg(ap, const char *)) != NULL) {
		const char *v = va_arg(ap, const char *);
		if (!v || !*v)
			continue;
		buf_putc(&b, sep);
		sep = '&';
		esc_url_arg(&b, k);
		buf_putc(&b, '=');
		esc_url_arg(&b, v);
	}
	va_end(ap);
	char *s = arena_strdup(a, buf_str(&b));
	buf_free(&b);
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
