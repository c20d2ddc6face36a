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

/* Diverging stacked bars (a Likert scale, #18): per row the shares in
 * percent of k ordered categories (lowest first), the lower half of the
 * scale left of a centre line and the upper half right of it, the middle
 * category of an odd k split across it; a segment of 8 % or more writes
 * its share; under the bars a legend of the categories. aria-hidden like
 * chart_bars: the table beside it holds the numbers. */
struct chart_row {
	const char *label;
	const double *shares; /* k of them */
};
void chart_diverging(html *h, arena *a, const struct chart_row *v, size_t n, size_t k, const char *const *legend);

#endif
