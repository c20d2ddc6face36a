/* fuzz_markdown.c — html_markdown (cmark in safe mode) into a buf.
 *
 * Properties: the output never holds "<script" (any case), every tag in it
 * is one cmark itself writes (raw HTML must have been dropped), with only
 * cmark's attributes, and no href or src is a javascript:, vbscript: or
 * file: URL, nor a data: URL other than a raster image, once decoded the way a browser
 * would. "javascript:" as plain paragraph text is harmless and allowed. */
#include "fuzz.h"
#include "core/buf.h"
#include "html/markdown.h"

#include <ctype.h>
#include <strings.h>

static const char *const tags[] = { "p", "blockquote", "ul", "ol", "li", "pre", "code", "h1",
				    "h2", "h3", "h4", "h5", "h6", "hr", "br", "a", "img",
				    "em", "strong", NULL };

static int in(const char *const *set, const char *s, size_t n)
{
	for (; *set; set++)
		if (strlen(*set) == n && strncmp(*set, s, n) == 0)
			return 1;
	return 0;
}

static int attr_ok(const char *tag, size_t tl, const char *attr, size_t al)
{
	static const char *const a_attrs[] = { "href", "title", NULL };
	static const char *const img_attrs[] = { "src", "alt", "title", NULL };
	static const char *const ol_attrs[] = { "start", NULL };
	static const char *const code_attrs[] = { "class", NULL };
	if (tl == 1 && tag[0] == 'a')
		return in(a_attrs, attr, al);
	if (tl == 3 && strncmp(tag, "img", 3) == 0)
		return in(img_attrs, attr, al);
	if (tl == 2 && strncmp(tag, "ol", 2) == 0)
		return in(ol_attrs, attr, al);
	if (tl == 4 && strncmp(tag, "code", 4) == 0)
		return in(code_attrs, attr, al);
	return 0;
}

/* Decode the entities cmark writes, drop what a browser's URL parser
 * drops (leading C0/space, tabs and newlines anywhere), lowercase. */
static void url_as_browser_sees(const char *v, size_t n, char *out, size_t outlen)
{
	size_t o = 0;
	for (size_t i = 0; i < n && o + 1 < outlen; i++) {
		unsigned char c = (unsigned char)v[i];
		if (c == '&') {
			const char *semi = memchr(v + i, ';', n - i);
			if (semi) {
				size_t el = (size_t)(semi - (v + i)) + 1;
				if (el == 5 && strncmp(v + i, "&amp;", 5) == 0) c = '&';
				else if (el == 4 && strncmp(v + i, "&lt;", 4) == 0) c = '<';
				else if (el == 4 && strncmp(v + i, "&gt;", 4) == 0) c = '>';
				else if (el == 6 && strncmp(v + i, "&quot;", 6) == 0) c = '"';
				else if (el > 3 && v[i + 1] == '#') {
					long cp = v[i + 2] == 'x' || v[i + 2] == 'X'
						? strtol(v + i + 3, NULL, 16) : strtol(v + i + 2, NULL, 10);
					c = cp > 0 && cp < 128 ? (unsigned char)cp : '?';
				} else
					el = 1;
				i += el - 1;
			}
		}
		if (c == '\t' || c == '\n' || c == '\r')
			continue;
		if (o == 0 && c <= 0x20)
			continue;
		out[o++] = (char)tolower(c);
	}
	out[o] = '\0';
}

static void check_url(const char *v, size_t n)
{
	char u[64];
	url_as_browser_sees(v, n, u, sizeof(u));
	FUZZ_CHECK(strncmp(u, "javascript:", 11) != 0);
	FUZZ_CHECK(strncmp(u, "vbscript:", 9) != 0);
	FUZZ_CHECK(strncmp(u, "file:", 5) != 0);
	/* cmark keeps data: URLs of raster images (in links too); those
	 * cannot run script, and browsers do not navigate to data: URLs. */
	if (strncmp(u, "data:", 5) == 0)
		FUZZ_CHECK(strncmp(u, "data:image/png", 14) == 0 || strncmp(u, "data:image/gif", 14) == 0 ||
			   strncmp(u, "data:image/jpeg", 15) == 0 || strncmp(u, "data:image/webp", 15) == 0);
}

static void check_output(const char *s)
{
	static const char omitted[] = "<!-- raw HTML omitted -->";
	for (const char *p = s; *p; p++) {
		if (strncasecmp(p, "<script", 7) == 0)
			FUZZ_CHECK(!"output contains <script");
		if (*p != '<')
			continue;
		if (strncmp(p, omitted, sizeof(omitted) - 1) == 0) {
			p += sizeof(omitted) - 2;
			continue;
		}
		const char *q = p + 1;
		if (*q == '/')
			q++;
		const char *tag = q;
		while ((*q >= 'a' && *q <= 'z') || (*q >= '0' && *q <= '9'))
			q++;
		size_t tl = (size_t)(q - tag);
		if (!in(tags, tag, tl)) {
			fprintf(stderr, "unexpected tag at: %.40s\n", p);
			FUZZ_CHECK(!"tag that cmark does not write");
		}
		while (*q == ' ') {
			q++;
			if (*q == '/')
				break;
			const char *attr = q;
			while (*q >= 'a' && *q <= 'z')
				q++;
			size_t al = (size_t)(q - attr);
			if (!attr_ok(tag, tl, attr, al)) {
				fprintf(stderr, "unexpected attribute at: %.40s\n", attr);
				FUZZ_CHECK(!"attribute that cmark does not write");
			}
			FUZZ_CHECK(q[0] == '=' && q[1] == '"');
			const char *v = q + 2;
			const char *end = strchr(v, '"');
			FUZZ_CHECK(end != NULL);
			FUZZ_CHECK(memchr(v, '<', (size_t)(end - v)) == NULL);
			if ((al == 4 && strncmp(attr, "href", 4) == 0) ||
			    (al == 3 && strncmp(attr, "src", 3) == 0))
				check_url(v, (size_t)(end - v));
			q = end + 1;
		}
		if (*q == '/')
			q++;
		FUZZ_CHECK(*q == '>');
		p = q;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 64 * 1024)
		return 0; /* pages are edited text; keep each run quick */
	char *md = fuzz_cstr(data, size);
	buf b;
	buf_init(&b, 0);
	html h = html_on(&b);
	html_markdown(&h, md);
	FUZZ_CHECK(!b.err);
	check_output(buf_str(&b));
	buf_free(&b);
	free(md);
	return 0;
}
