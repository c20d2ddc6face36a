/* test_html.c — unit tests for the escaping HTML writer, URL building and Markdown rendering. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html/html.h"
#include "html/layout.h"
#include "html/markdown.h"

/* Each test gets a fresh buffer and arena in *state. */
struct fx {
	buf b;
	arena *a;
	html h;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	if (!f)
		return -1;
	buf_init(&f->b, 0);
	f->a = arena_new();
	f->h = html_on(&f->b);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	buf_free(&f->b);
	arena_free(f->a);
	free(f);
	return 0;
}

static const char *text(buf *b, const char *s)
{
	buf_reset(b);
	esc_text(b, s);
	return buf_str(b);
}

static const char *attr(buf *b, const char *s)
{
	buf_reset(b);
	esc_attr(b, s);
	return buf_str(b);
}

static const char *urlarg(buf *b, const char *s)
{
	buf_reset(b);
	esc_url_arg(b, s);
	return buf_str(b);
}

/* Neither raw markup characters nor quotes survive an escaper. */
static void assert_no_markup(const char *s)
{
	assert_null(strchr(s, '<'));
	assert_null(strchr(s, '>'));
	assert_null(strchr(s, '"'));
	assert_null(strchr(s, '\''));
}

static void test_esc_text(void **state)
{
	struct fx *f = *state;
	assert_string_equal(text(&f->b, ""), "");
	assert_string_equal(text(&f->b, "plain Grüße"), "plain Grüße");
	assert_string_equal(text(&f->b, "&<>\"'"), "&amp;&lt;&gt;&quot;&#39;");
	assert_string_equal(text(&f->b, "\"><script>alert(1)</script>"),
			    "&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;");
	assert_string_equal(text(&f->b, "' onmouseover='x"), "&#39; onmouseover=&#39;x");
	/* already-escaped text is escaped again, not passed through */
	assert_string_equal(text(&f->b, "&amp;&lt;"), "&amp;amp;&amp;lt;");
	assert_string_equal(text(&f->b, "a<b"), "a&lt;b");
	assert_string_equal(text(&f->b, "<"), "&lt;");
	assert_no_markup(text(&f->b, "<<<>>>\"\"''<img src=x onerror=alert(1)>"));
	/* esc_text appends */
	buf_reset(&f->b);
	esc_text(&f->b, "a&");
	esc_text(&f->b, "<b");
	assert_string_equal(buf_str(&f->b), "a&amp;&lt;b");
}

static void test_esc_attr(void **state)
{
	struct fx *f = *state;
	assert_string_equal(attr(&f->b, "\"><script>alert(1)</script>"),
			    "&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;");
	assert_string_equal(attr(&f->b, "' onmouseover='x"), "&#39; onmouseover=&#39;x");
	assert_string_equal(attr(&f->b, "\" onfocus=\"alert(1)\" autofocus \""),
			    "&quot; onfocus=&quot;alert(1)&quot; autofocus &quot;");
	assert_string_equal(attr(&f->b, "a&b=c"), "a&amp;b=c");
	assert_string_equal(attr(&f->b, "Straße"), "Straße");
	assert_no_markup(attr(&f->b, "'\"<>"));
}

static void test_esc_url_arg(void **state)
{
	struct fx *f = *state;
	assert_string_equal(urlarg(&f->b, "AZaz09-._~"), "AZaz09-._~");
	assert_string_equal(urlarg(&f->b, " "), "%20");
	assert_string_equal(urlarg(&f->b, "a b&c=d/e?f#g%h"), "a%20b%26c%3Dd%2Fe%3Ff%23g%25h");
	assert_string_equal(urlarg(&f->b, "+"), "%2B");
	assert_string_equal(urlarg(&f->b, "\"<>'"), "%22%3C%3E%27");
	/* UTF-8 bytes are encoded one by one, upper-case hex */
	assert_string_equal(urlarg(&f->b, "ü"), "%C3%BC");
	assert_string_equal(urlarg(&f->b, "Grüße €"), "Gr%C3%BC%C3%9Fe%20%E2%82%AC");
	assert_string_equal(urlarg(&f->b, "\x01\x7f\xff"), "%01%7F%FF");
	assert_string_equal(urlarg(&f->b, ""), "");
	/* a long value (written in pieces) comes out whole, and as html_url
	 * writes it */
	char longv[300], want[900];
	size_t w = 0;
	for (int i = 0; i < 299; i++) {
		longv[i] = i % 3 ? 'a' + i % 26 : ' ';
		w += (size_t)snprintf(want + w, sizeof(want) - w, i % 3 ? "%c" : "%%20", longv[i]);
	}
	longv[299] = '\0';
	assert_string_equal(urlarg(&f->b, longv), want);
	assert_string_equal(html_url(f->a, "/", "q", longv, NULL) + 4, want);
	/* the output holds nothing but unreserved characters and escapes */
	const char *o = urlarg(&f->b, "javascript:alert('x')//\r\n\t");
	for (const char *p = o; *p; p++)
		assert_non_null(strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~%", *p));
}

static void test_open_void_close(void **state)
{
	struct fx *f = *state;
	html_open(&f->h, "div", NULL);
	html_close(&f->h, "div");
	assert_string_equal(buf_str(&f->b), "<div></div>");

	buf_reset(&f->b);
	html_open(&f->h, "a", "href", "/x?a=1&b=2", "class", "btn", NULL);
	assert_string_equal(buf_str(&f->b), "<a href=\"/x?a=1&amp;b=2\" class=\"btn\">");

	/* a NULL value omits the attribute, "" gives a boolean one */
	buf_reset(&f->b);
	html_void(&f->h, "input", "type", "checkbox", "name", "ok", "checked", "", "disabled", NULL,
		  "value", "1", NULL);
	assert_string_equal(buf_str(&f->b), "<input type=\"checkbox\" name=\"ok\" checked value=\"1\">");

	/* hostile values stay inside their quotes */
	buf_reset(&f->b);
	html_void(&f->h, "img", "alt", "\"><script>alert(1)</script>", "title", "' onmouseover='x", NULL);
	assert_string_equal(buf_str(&f->b),
			    "<img alt=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\" "
			    "title=\"&#39; onmouseover=&#39;x\">");

	/* void elements get no closing tag */
	buf_reset(&f->b);
	html_void(&f->h, "br", NULL);
	assert_string_equal(buf_str(&f->b), "<br>");

	buf_reset(&f->b);
	html_open(&f->h, "data-x", "aria-label", "", NULL);
	assert_string_equal(buf_str(&f->b), "<data-x aria-label>");
}

static void test_elem_text(void **state)
{
	struct fx *f = *state;
	html_elem(&f->h, "p", "a < b & \"c\"", "class", "note", "id", NULL, NULL);
	assert_string_equal(buf_str(&f->b), "<p class=\"note\">a &lt; b &amp; &quot;c&quot;</p>");

	buf_reset(&f->b);
	html_elem(&f->h, "h1", "\"><script>alert(1)</script>", NULL);
	assert_string_equal(buf_str(&f->b), "<h1>&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;</h1>");

	/* NULL text is written as empty */
	buf_reset(&f->b);
	html_elem(&f->h, "span", NULL, NULL);
	assert_string_equal(buf_str(&f->b), "<span></span>");

	buf_reset(&f->b);
	html_text(&f->h, NULL);
	html_text(&f->h, "<b>");
	assert_string_equal(buf_str(&f->b), "&lt;b&gt;");

	buf_reset(&f->b);
	html_raw_trusted(&f->h, "<!doctype html>");
	assert_string_equal(buf_str(&f->b), "<!doctype html>");
}

static void test_textf(void **state)
{
	struct fx *f = *state;
	html_textf(&f->h, "%d Treffer für „%s“", 3, "<i>x</i>");
	assert_string_equal(buf_str(&f->b), "3 Treffer für „&lt;i&gt;x&lt;/i&gt;“");

	/* the format string itself is also escaped (it is output, too) */
	buf_reset(&f->b);
	html_textf(&f->h, "<%s>", "'");
	assert_string_equal(buf_str(&f->b), "&lt;&#39;&gt;");

	/* long formatted output */
	buf_reset(&f->b);
	char big[5001];
	memset(big, '&', 5000);
	big[5000] = '\0';
	html_textf(&f->h, "%s", big);
	assert_int_equal(f->b.len, 5000 * 5);
	assert_memory_equal(buf_str(&f->b), "&amp;&amp;", 10);
}

static void test_mailto(void **state)
{
	struct fx *f = *state;
	assert_string_equal(html_mailto(f->a, "person@example.org"), "mailto:person@example.org");
	assert_string_equal(html_mailto(f->a, "a+b@x.de"), "mailto:a%2Bb@x.de");
	/* nothing becomes a header: "?" "&" "=" and a second "@" are escaped */
	assert_string_equal(html_mailto(f->a, "a@b.de?bcc=x@evil.example&body=hi"),
			    "mailto:a%40b.de%3Fbcc%3Dx@evil.example%26body%3Dhi");
	assert_string_equal(html_mailto(f->a, "kein-at"), "mailto:kein-at");
}

static void test_url(void **state)
{
	struct fx *f = *state;
	assert_string_equal(html_url(f->a, "/suche", NULL), "/suche");
	assert_string_equal(html_url(f->a, "/suche", "q", "a b", "seite", "2", NULL),
			    "/suche?q=a%20b&seite=2");
	/* NULL and "" values are left out; the separator is still right */
	assert_string_equal(html_url(f->a, "/suche", "x", NULL, "q", "k", "y", "", "z", "1", NULL),
			    "/suche?q=k&z=1");
	assert_string_equal(html_url(f->a, "/suche", "x", NULL, "y", "", NULL), "/suche");
	/* keys and values are escaped */
	assert_string_equal(html_url(f->a, "/s", "a&b", "c=d&e", "k", "ü/#?", NULL),
			    "/s?a%26b=c%3Dd%26e&k=%C3%BC%2F%23%3F");
	assert_string_equal(html_url(f->a, "/s", "q", "\"><script>", NULL), "/s?q=%22%3E%3Cscript%3E");
	/* a path that already has a query string continues with & */
	assert_string_equal(html_url(f->a, "/s?lang=en", "q", "x", "p", "2", NULL),
			    "/s?lang=en&q=x&p=2");
	assert_string_equal(html_url(f->a, "/s?lang=en", "q", NULL, NULL), "/s?lang=en");
}

static const char *md(struct fx *f, const char *src)
{
	buf_reset(&f->b);
	html_markdown(&f->h, src);
	return buf_str(&f->b);
}

static void test_markdown_safe(void **state)
{
	struct fx *f = *state;
	const char *o = md(f, "Hallo\n\n<script>alert(1)</script>\n\nText <script>x</script> inline\n");
	assert_null(strstr(o, "<script"));
	assert_non_null(strstr(o, "Hallo"));

	o = md(f, "<img src=x onerror=y>\n\nund <img src=x onerror=alert(1)> hier\n");
	assert_null(strstr(o, "<img"));
	assert_null(strstr(o, "onerror"));

	o = md(f, "<div onclick=\"x()\">block</div>\n");
	assert_null(strstr(o, "<div"));
	assert_null(strstr(o, "onclick"));

	o = md(f, "[x](javascript:alert(1))\n");
	assert_non_null(strstr(o, "<a"));
	assert_null(strstr(o, "javascript:"));
	o = md(f, "[x](JaVaScRiPt:alert(1)) [y](vbscript:msgbox) [z](data:text/html;base64,PHNjcmlwdD4=)\n");
	assert_null(strcasestr(o, "javascript:"));
	assert_null(strstr(o, "vbscript:"));
	assert_null(strstr(o, "data:text/html"));

	/* autolinks too */
	o = md(f, "<javascript:alert(1)>\n");
	assert_null(strstr(o, "href=\"javascript:"));

	/* text with markup characters is escaped, not dropped */
	o = md(f, "a < b & c > d\n");
	assert_non_null(strstr(o, "a &lt; b &amp; c &gt; d"));

	/* a title attribute cannot break out */
	o = md(f, "[t](/x \"a\\\" onmouseover=\\\"y\")\n");
	assert_null(strstr(o, "\" onmouseover"));
}

static void test_markdown_renders(void **state)
{
	struct fx *f = *state;
	const char *o = md(f, "## Heading\n\nSee [a](/b) and **bold**.\n\n- one\n- two\n");
	assert_non_null(strstr(o, "<h2>Heading</h2>"));
	assert_non_null(strstr(o, "<a href=\"/b\">a</a>"));
	assert_non_null(strstr(o, "<strong>bold</strong>"));
	assert_non_null(strstr(o, "<li>one</li>"));
	o = md(f, "[ext](https://example.org/?a=1&b=2)\n");
	assert_non_null(strstr(o, "href=\"https://example.org/?a=1&amp;b=2\""));
	o = md(f, "");
	assert_string_equal(o, "");
}

/* Times are stored in UTC and shown in Mainz time: CET, and CEST from the
 * last Sunday of March to the last Sunday of October (01:00 UTC). */
static void test_local_time(void **state)
{
	struct fx *f = *state;
	struct req r = { .a = f->a, .lang = "de" };
	assert_string_equal(layout_time(&r, "2026-11-27T17:51:48Z"), "27.11.2026, 18:51 Uhr");
	assert_string_equal(layout_time(&r, "2026-07-01T10:00:00Z"), "01.07.2026, 12:00 Uhr");
	assert_string_equal(layout_time(&r, "2026-12-31T23:30:00Z"), "01.01.2027, 00:30 Uhr"); /* the next day */
	/* 2026: summer time from 29 March to 25 October, 01:00 UTC */
	assert_string_equal(layout_time(&r, "2026-03-29T00:59:00Z"), "29.03.2026, 01:59 Uhr");
	assert_string_equal(layout_time(&r, "2026-03-29T01:00:00Z"), "29.03.2026, 03:00 Uhr");
	assert_string_equal(layout_time(&r, "2026-10-25T00:59:00Z"), "25.10.2026, 02:59 Uhr");
	assert_string_equal(layout_time(&r, "2026-10-25T01:00:00Z"), "25.10.2026, 02:00 Uhr");
	/* 2027: 28 March to 31 October */
	assert_string_equal(layout_time(&r, "2027-03-28T01:00:00Z"), "28.03.2027, 03:00 Uhr");
	assert_string_equal(layout_time(&r, "2027-10-31T00:30:00Z"), "31.10.2027, 02:30 Uhr");
	r.lang = "en";
	assert_string_equal(layout_time(&r, "2026-11-27T17:51:48Z"), "2026-11-27\u00a018:51\u00a0CET");
	assert_string_equal(layout_time(&r, "2026-07-01T10:00:00Z"), "2026-07-01\u00a012:00\u00a0CEST");
	r.lang = "ar"; /* isolated left to right */
	assert_string_equal(layout_time(&r, "2026-07-01T10:00:00Z"), "\u20662026-07-01\u00a012:00\u00a0CEST\u2069");
	assert_string_equal(layout_date(&r, "2026-07-01"), "\u20662026-07-01\u2069");
	r.lang = "en";
	/* a date alone, or something else, as it was */
	assert_string_equal(layout_time(&r, "2026-07-01"), "2026-07-01");
	assert_string_equal(layout_time(&r, "bald"), "bald");
	assert_string_equal(layout_time(&r, NULL), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_local_time, setup, teardown),
		cmocka_unit_test_setup_teardown(test_esc_text, setup, teardown),
		cmocka_unit_test_setup_teardown(test_esc_attr, setup, teardown),
		cmocka_unit_test_setup_teardown(test_esc_url_arg, setup, teardown),
		cmocka_unit_test_setup_teardown(test_open_void_close, setup, teardown),
		cmocka_unit_test_setup_teardown(test_elem_text, setup, teardown),
		cmocka_unit_test_setup_teardown(test_textf, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mailto, setup, teardown),
		cmocka_unit_test_setup_teardown(test_url, setup, teardown),
		cmocka_unit_test_setup_teardown(test_markdown_safe, setup, teardown),
		cmocka_unit_test_setup_teardown(test_markdown_renders, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
