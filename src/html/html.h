/* html.h — the escaping HTML writer; the only way views produce markup.
 *
 * Tags and attribute names are string literals written by programmers;
 * every text and attribute value passes through an escaper for its
 * context. The one way to write bytes unescaped is html_raw_trusted(),
 * kept for the layout's fixed fragments and for Markdown that cmark has
 * rendered with raw HTML disabled. `git grep html_raw_trusted` lists them all. */
#ifndef LOTSE_HTML_H
#define LOTSE_HTML_H

#include "core/arena.h"
#include "core/buf.h"

typedef struct html {
	buf *out_; /* private: only html.c writes to it */
} html;

/* A writer that appends to b (borrowed; b must outlive the writer). */
html html_on(buf *b);

/* Escapers, one per context. They append to b.
 * esc_text: element content; esc_attr: a double-quoted attribute value
 * (both escape & < > " '); esc_url_arg: a query-string argument or path
 * segment (percent-encodes all but A-Z a-z 0-9 - . _ ~). */
void esc_text(buf *b, const char *s);
void esc_attr(buf *b, const char *s);
void esc_url_arg(buf *b, const char *s);

/* <tag name="value" ...>: attributes come as name/value pairs ending in
 * NULL. A NULL value omits that attribute; "" gives a boolean attribute. */
void html_open(html *h, const char *tag, ...) __attribute__((sentinel));
/* The same for void elements (input, meta, link, br, img). */
void html_void(html *h, const char *tag, ...) __attribute__((sentinel));
void html_close(html *h, const char *tag);

/* Escaped text content. */
void html_text(html *h, const char *s);
void html_textf(html *h, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* <tag attrs...>text</tag> in one call. */
void html_elem(html *h, const char *tag, const char *text, ...) __attribute__((sentinel));
/* <li><a href="href">text</a></li>: an item of a list of links. */
void html_li_link(html *h, const char *text, const char *href);

/* Bytes written unescaped. Only for fixed markup (the doctype) and for
 * HTML produced by a trusted renderer (cmark with CMARK_OPT_SAFE). */
void html_raw_trusted(html *h, const char *s);
/* The same for n bytes of markup this writer made before and kept (the
 * finder's result cards). */
void html_raw_trusted_n(html *h, const char *s, size_t n);

/* A URL: path followed by ?k=v&k=v with each key and value escaped by
 * esc_url_arg. Arguments are key/value pairs ending in NULL; a pair whose
 * value is NULL or "" is left out. Owned by a. */
char *html_url(arena *a, const char *path, ...) __attribute__((sentinel));

/* A mailto: URL for the address addr, built from its parts: the local
 * part and the domain each escaped by esc_url_arg, so that nothing in a
 * stored address ("?bcc=", "&body=") becomes a header of the mail. Owned
 * by a. */
char *html_mailto(arena *a, const char *addr);

#endif
