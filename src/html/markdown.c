/* markdown.c — cmark rendering in safe mode. */
#include "html/markdown.h"

#include <cmark.h>
#include <stdlib.h>
#include <string.h>

void html_markdown(html *h, const char *md)
{
	/* CMARK_OPT_SAFE is the default since cmark 0.29; the flag stays for
	 * older libraries. Raw HTML becomes a comment, unsafe URLs become "". */
	char *out = cmark_markdown_to_html(md, strlen(md), CMARK_OPT_SAFE | CMARK_OPT_SMART);
	if (!out)
		return;
	html_raw_trusted(h, out); /* cmark escapes text and attributes itself */
	free(out);
}
