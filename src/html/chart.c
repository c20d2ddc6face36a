/* chart.c — horizontal bars as inline SVG through the escaping writer.
 * SVG shapes are written with their end tag (<rect ...></rect>): inside
 * <svg> the HTML parser does not know them as void, and an unclosed
 * <rect> would swallow everything after it. */
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
		if (x > 0)
			html_elem(h, "rect", "", "x", arena_printf(a, "%d", label_w), "y", arena_printf(a, "%d", y + 3), "height",
				  "16", "width", arena_printf(a, "%.1f", x), NULL);
		html_elem(h, "text", v[i].text ? v[i].text : arena_printf(a, "%g", v[i].value), "x",
			  arena_printf(a, "%.1f", label_w + x + 4), "y", arena_printf(a, "%d", y + 16), NULL);
	}
	html_close(h, "svg");
}

/* The class of category i of k: its side of the centre and whether it is
 * the outer one (dark, white text) or an inner one (light, dark text). */
static const char *side_class(size_t i, size_t k)
{
	size_t half = k / 2;
	if (k % 2 && i == half)
		return "div-mid";
	int lower = i < half, outer = lower ? i == 0 : i == k - 1;
	return lower ? (outer ? "div-lo2" : "div-lo1") : (outer ? "div-hi2" : "div-hi1");
}

void chart_diverging(html *h, arena *a, const struct chart_row *v, size_t n, size_t k, const char *const *legend)
{
	const int row = 26, label_w = 200, half_w = 180, width = label_w + 2 * half_w + 10, centre = label_w + half_w;
	int height = (int)n * row + 10 + (int)k * 18;
	html_open(h, "svg", "class", "chart-bars chart-diverging", "viewbox", arena_printf(a, "0 0 %d %d", width, height),
		  "width", arena_printf(a, "%d", width), "height", arena_printf(a, "%d", height), "aria-hidden", "true",
		  "focusable", "false", NULL);
	for (size_t r = 0; r < n; r++) {
		int y = (int)r * row + 3;
		double left = 0;
		for (size_t i = 0; i < k / 2; i++)
			left += v[r].shares[i];
		if (k % 2)
			left += v[r].shares[k / 2] / 2;
		double x = centre - left * half_w / 100;
		html_elem(h, "text", short_label(a, v[r].label), "x", "0", "y", arena_printf(a, "%d", y + 16), NULL);
		for (size_t i = 0; i < k; i++) {
			double w = v[r].shares[i] > 0 ? v[r].shares[i] * half_w / 100 : 0;
			if (w <= 0)
				continue;
			const char *cls = side_class(i, k);
			html_elem(h, "rect", "", "class", cls, "x", arena_printf(a, "%.1f", x), "y", arena_printf(a, "%d", y + 2),
				  "height", "18", "width", arena_printf(a, "%.1f", w), NULL);
			if (v[r].shares[i] >= 8)
				html_elem(h, "text", arena_printf(a, "%.0f", v[r].shares[i]), "class",
					  strstr(cls, "2") ? "on-dark" : "on-light", "x", arena_printf(a, "%.1f", x + w / 2),
					  "y", arena_printf(a, "%d", y + 15), "text-anchor", "middle", NULL);
			x += w;
		}
	}
	int bottom = (int)n * row + 3;
	html_elem(h, "line", "", "class", "div-line", "x1", arena_printf(a, "%d", centre), "x2", arena_printf(a, "%d", centre),
		  "y1", "0", "y2", arena_printf(a, "%d", bottom), NULL);
	for (size_t i = 0; i < k; i++) {
		int y = bottom + 6 + (int)i * 18;
		html_elem(h, "rect", "", "class", side_class(i, k), "x", arena_printf(a, "%d", label_w), "y",
			  arena_printf(a, "%d", y), "height", "12", "width", "12", NULL);
		html_elem(h, "text", short_label(a, legend[i]), "x", arena_printf(a, "%d", label_w + 18), "y",
			  arena_printf(a, "%d", y + 11), NULL);
	}
	html_close(h, "svg");
}
