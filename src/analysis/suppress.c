/* suppress.c — small counts hidden, and the counts that would give them
 * away: primary suppression (a count of 1 to AN_MIN_CELL - 1) and
 * secondary suppression along the lines of a table (a total and its
 * parts), so that no hidden count can be worked out from the counts shown
 * on the same line. The one rule every table of the analysis uses
 * (docs/analysis.md, "Small numbers"). Pure. */
#include "analysis/analysis.h"
#include "core/core.h"

#include <math.h>
#include <string.h>

void an_supp_init(arena *a, struct an_supp *s, size_t ncells)
{
	memset(s, 0, sizeof(*s));
	s->n = ncells;
	s->v = arena_alloc(a, (ncells + 1) * sizeof(*s->v));
	s->state = arena_alloc(a, ncells + 1);
	s->zero_small = arena_alloc(a, ncells + 1);
	memset(s->v, 0, (ncells + 1) * sizeof(*s->v));
	memset(s->state, AN_SHOWN, ncells + 1);
	memset(s->zero_small, 0, ncells + 1);
	s->a = a;
}

void an_supp_line(struct an_supp *s, size_t total, const size_t *parts, size_t nparts, int open)
{
	s->lines = arena_grow(s->a, s->lines, s->nlines, &s->cap_lines, sizeof(*s->lines), 16);
	size_t *p = arena_alloc(s->a, (nparts + 1) * sizeof(*p));
	if (nparts)
		memcpy(p, parts, nparts * sizeof(*p));
	s->lines[s->nlines++] = (struct an_supp_line){ total, p, nparts, open };
}

/* What a reader knows of cell i: the number shown, or the range its mark
 * says ("< 5": 1 to 4, or 0 to 4 where a zero is hidden too; the guard's
 * mark: at least AN_MIN_CELL). */
static void bounds(const struct an_supp *s, size_t i, double *lo, double *hi)
{
	switch (s->state[i]) {
	case AN_SMALL:
		*lo = s->zero_small[i] ? 0 : 1;
		*hi = AN_MIN_CELL - 1;
		return;
	case AN_GUARD:
		*lo = AN_MIN_CELL;
		*hi = INFINITY;
		return;
	default:
		*lo = *hi = (double)s->v[i];
	}
}

/* The unknowns of a line: its hidden cells and, on an open line, the
 * rest (the part of the total no cell holds, at least 0). */
struct unknown {
	double lo, hi; /* of the unknown itself */
	int sign;      /* in the sum parts + rest - total = 0 */
	long value;
	int rest;
};

/* Can a reader pin down a hidden count of line l, or a rest of 1 to
 * AN_MIN_CELL - 1, from what the line shows? Each unknown's range is
 * narrowed by the sum less the others' ranges. */
static int line_gives_away(const struct an_supp *s, const struct an_supp_line *l, struct unknown *u)
{
	size_t nu = 0;
	double known = 0; /* the shown part of parts - total */
	long parts_sum = 0;
	for (size_t k = 0; k <= l->nparts; k++) {
		size_t i = k < l->nparts ? l->parts[k] : l->total;
		int sign = k < l->nparts ? 1 : -1;
		if (k < l->nparts)
			parts_sum += s->v[i];
		if (s->state[i] == AN_SHOWN) {
			known += sign * (double)s->v[i];
			continue;
		}
		u[nu] = (struct unknown){ 0, 0, sign, s->v[i], 0 };
		bounds(s, i, &u[nu].lo, &u[nu].hi);
		nu++;
	}
	if (l->open) {
		long rest = s->v[l->total] - parts_sum;
		u[nu++] = (struct unknown){ 0, INFINITY, 1, rest > 0 ? rest : 0, 1 };
	}
	if (nu == 0)
		return 0;
	/* the terms sign * x: their lowest and highest sums, infinite ones counted apart */
	double sum_lo = 0, sum_hi = 0;
	int inf_lo = 0, inf_hi = 0;
	for (size_t k = 0; k < nu; k++) {
		double tlo = u[k].sign > 0 ? u[k].lo : -u[k].hi, thi = u[k].sign > 0 ? u[k].hi : -u[k].lo;
		if (isinf(tlo))
			inf_lo++;
		else
			sum_lo += tlo;
		if (isinf(thi))
			inf_hi++;
		else
			sum_hi += thi;
	}
	for (size_t k = 0; k < nu; k++) {
		double tlo = u[k].sign > 0 ? u[k].lo : -u[k].hi, thi = u[k].sign > 0 ? u[k].hi : -u[k].lo;
		/* the others' terms */
		int olo_inf = inf_lo - (isinf(tlo) ? 1 : 0), ohi_inf = inf_hi - (isinf(thi) ? 1 : 0);
		double olo = isinf(tlo) ? sum_lo : sum_lo - tlo, ohi = isinf(thi) ? sum_hi : sum_hi - thi;
		/* this term = -known - others */
		double t_lo = ohi_inf ? -INFINITY : -known - ohi, t_hi = olo_inf ? INFINITY : -known - olo;
		double lo = u[k].sign > 0 ? t_lo : -t_hi, hi = u[k].sign > 0 ? t_hi : -t_lo;
		lo = lo > u[k].lo ? lo : u[k].lo;
		hi = hi < u[k].hi ? hi : u[k].hi;
		if (!isinf(lo) && lo == hi) {
			if (u[k].rest ? u[k].value > 0 && u[k].value < AN_MIN_CELL : u[k].value != 0)
				return 1;
		}
	}
	return 0;
}

/* Hide one more count of line l: its smallest shown part that is not 0,
 * else its total. 0 when there was none to hide. */
static int hide_one(struct an_supp *s, const struct an_supp_line *l)
{
	size_t best = s->n;
	for (size_t k = 0; k < l->nparts; k++) {
		size_t i = l->parts[k];
		if (s->state[i] == AN_SHOWN && s->v[i] > 0 && (best == s->n || s->v[i] < s->v[best]))
			best = i;
	}
	if (best == s->n && s->state[l->total] == AN_SHOWN && s->v[l->total] > 0)
		best = l->total;
	if (best == s->n)
		return 0;
	s->state[best] = AN_GUARD;
	return 1;
}

void an_suppress(struct an_supp *s)
{
	for (size_t i = 0; i < s->n; i++)
		if ((s->v[i] > 0 || (s->v[i] == 0 && s->zero_small[i])) && s->v[i] < AN_MIN_CELL)
			s->state[i] = AN_SMALL;
	size_t longest = 0;
	for (size_t k = 0; k < s->nlines; k++)
		longest = s->lines[k].nparts > longest ? s->lines[k].nparts : longest;
	struct unknown *u = arena_alloc(s->a, (longest + 2) * sizeof(*u));
	/* each pass hides at most one count per line that gives one away;
	 * hiding only ever grows, so it ends */
	for (int changed = 1; changed;) {
		changed = 0;
		for (size_t k = 0; k < s->nlines; k++)
			if (line_gives_away(s, &s->lines[k], u) && hide_one(s, &s->lines[k]))
				changed = 1;
	}
}

const char *an_supp_text(arena *a, const struct an_supp *s, size_t i)
{
	if (s->state[i] == AN_SMALL)
		return arena_printf(a, "< %d", AN_MIN_CELL);
	if (s->state[i] == AN_GUARD)
		return AN_GUARD_TEXT;
	return arena_printf(a, "%ld", s->v[i]);
}
