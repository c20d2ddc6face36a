/* chart.h — horizontal bars as inline SVG: a chart for the eye, hidden
 * from screen readers (aria-hidden), always beside a table that holds
 * the same numbers. Each bar writes its value as text, so the chart is
 * readable without colour and on paper. */
#ifndef LOTSE_HTML_CHART_H
#define LOTSE_HTML_CHART_H

#include "core/arena.h"
#include "html/html.h"

#include <stddef.h>

/* One bar: its label, its length (value, 0..max; below 0 none), and the
 * text written after it ("91 %", "< 5"; NULL: the value). */
struct chart_bar {
	const char *label;
	double value;
	const char *text;
};

/* The bars v[0..n) scaled to max (max <= 0: the largest value), in a:
 * an <svg class="chart-bars">, labels cut at 28 characters. */
void chart_bars(html *h, arena *a, const struct chart_bar *v, size_t n, double max);

#endif
