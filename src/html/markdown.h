/* markdown.h — Markdown to HTML for editor-written pages (cmark, raw HTML
 * and unsafe URLs removed). */
#ifndef LOTSE_MARKDOWN_H
#define LOTSE_MARKDOWN_H

#include "html/html.h"

/* Render md as HTML into h. Raw HTML in md is dropped and links with
 * javascript:, vbscript:, file: or data: (other than images) URLs are
 * emptied by cmark's safe mode. */
void html_markdown(html *h, const char *md);

#endif
