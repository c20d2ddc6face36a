/* chart.c — horizontal bars as inline SVG through the escaping writer. */
#include "html/chart.h"

#include <stdio.h>
#include <string.h>

/* label cut after 28 characters (UTF-8 aware), with "…" */
static const char *short_label(arena *a, const char *s)
{
	size_t chars = 0, i = 0;
	for (; s[i]; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80 && ++chars > 28)
			break;
	return s[i] ? arena_printf(a, "%.*s…", (int)i, s) : s;
}

void chart_bars(html *h, arena *a, const struct chart_bar *v, size_t n, double max)
{
	const int row = 26, label_w = 200, bar_w = 260, width = label_w + bar_w + 90;
	if (max <= 0)
		for (size_t i = 0; i < n; i++)
			max = v[i].value > max ? v[i].value : max;
	int height = (int)n * row + 6;
	html_open(h, "svg", "class", "chart-bars", "viewbox", arena_printf(a, "0 0 %d %d", width, height), "width",
		  arena_printf(a, "%d", width), "height", arena_printf(a, "%d", height), "aria-hidden", "true",
		  "focusable", "false", NULL);
	for (size_t i = 0; i < n; i++) {
		int y = (int)i * row + 3;
		double x = max > 0 && v[i].value > 0 ? (v[i].value > max ? max : v[i].value) * bar_w / max : 0;
		html_elem(h, "text", short_label(a, v[i].label), "x", "0", "y", arena_printf(a, "%d", y + 16), NULL);
		if (x > 0) {
			/* closed explicitly: in HTML a <rect> without its end tag would hold what follows */
			html_open(h, "rect", "x", arena_printf(a, "%d", label_w), "y", arena_printf(a, "%d", y + 3), "height",
				  "16", "width", arena_printf(a, "%.1f", x), NULL);
			html_close(h, "rect");
		}
		html_elem(h, "text", v[i].text ? v[i].text : arena_printf(a, "%g", v[i].value), "x",
			  arena_printf(a, "%.1f", label_w + x + 4), "y", arena_printf(a, "%d", y + 16), NULL);
	}
	html_close(h, "svg");
}
