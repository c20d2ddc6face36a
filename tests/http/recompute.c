/* recompute.c — the reader's arithmetic on a table's lines, by trying
 * every value the hidden counts may take (recompute.h). */
#include "recompute.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Larger than any count of the fixtures: the top of "•" and of a rest. */
#define BIG 120

struct unk {
	long lo, hi;   /* what the reader knows */
	int sign;      /* in parts + rest - total = 0 */
	int rest;
	long seen_lo, seen_hi; /* the values it took in a solution */
	int seen;
};

/* The range a shown text stands for; 0 when it is a number (in *lo). */
static int range(const char *s, long *lo, long *hi)
{
	if (strcmp(s, "< 5") == 0) {
		*lo = 1, *hi = 4;
		return 1;
	}
	if (strcmp(s, "•") == 0) {
		*lo = 5, *hi = BIG;
		return 1;
	}
	char *end;
	*lo = *hi = strtol(s, &end, 10);
	if (!*s || *end)
		fail_msg("not a count: \"%s\"", s);
	return 0;
}

static void try_all(struct unk *u, size_t nu, size_t k, long need, long *x)
{
	if (k == nu - 1) {
		/* the last one is what is left */
		long v = u[k].sign > 0 ? need : -need;
		if (v < u[k].lo || v > u[k].hi)
			return;
		x[k] = v;
		for (size_t i = 0; i < nu; i++) {
			if (!u[i].seen || x[i] < u[i].seen_lo)
				u[i].seen_lo = x[i];
			if (!u[i].seen || x[i] > u[i].seen_hi)
				u[i].seen_hi = x[i];
			u[i].seen = 1;
		}
		return;
	}
	for (long v = u[k].lo; v <= u[k].hi; v++) {
		x[k] = v;
		try_all(u, nu, k + 1, need - u[k].sign * v, x);
	}
}

void assert_line_safe(const char *where, const char *total, const char *const *parts, size_t n, int open)
{
	struct unk u[16];
	size_t nu = 0;
	long known = 0, lo, hi;
	for (size_t i = 0; i <= n; i++) {
		const char *s = i < n ? parts[i] : total;
		int sign = i < n ? 1 : -1;
		if (range(s, &lo, &hi)) {
			if (nu == 15)
				return; /* too many to try; none of the fixtures' */
			u[nu++] = (struct unk){ lo, hi, sign, 0, 0, 0, 0 };
		} else
			known += sign * lo;
	}
	if (open)
		u[nu++] = (struct unk){ 0, BIG, 1, 1, 0, 0, 0 };
	if (nu == 0)
		return;
	long x[16];
	/* the widest last: it is computed, not tried */
	size_t w = 0;
	for (size_t i = 1; i < nu; i++)
		if (u[i].hi - u[i].lo > u[w].hi - u[w].lo)
			w = i;
	struct unk tmp = u[w];
	u[w] = u[nu - 1];
	u[nu - 1] = tmp;
	try_all(u, nu, 0, -known, x);
	for (size_t i = 0; i < nu; i++) {
		if (!u[i].seen || u[i].seen_lo != u[i].seen_hi)
			continue;
		if (u[i].rest ? (u[i].seen_lo >= 1 && u[i].seen_lo <= 4) : 1)
			fail_msg("%s: from the total %s and its parts a reader works out %s%ld", where, total,
				 u[i].rest ? "a rest of " : "a hidden count ", u[i].seen_lo);
	}
}

const char *json_cell(json_t *row, const char *key, char out[32])
{
	json_t *v = json_object_get(row, key);
	if (json_is_integer(v))
		snprintf(out, 32, "%lld", (long long)json_integer_value(v));
	else
		snprintf(out, 32, "%s", json_is_string(v) ? json_string_value(v) : "");
	return out;
}

void assert_table_safe(const char *where, json_t *t, const char *const *keys, size_t n, const char *row_total)
{
	json_t *rows = json_object_get(t, "rows");
	size_t nr = json_array_size(rows);
	if (nr == 0)
		return;
	char (*cells)[32] = calloc(nr + n + 1, 32);
	const char **parts = calloc(nr + n + 1, sizeof(char *));
	char tot[32], msg[200];
	for (size_t k = 0; k < n; k++) {
		for (size_t i = 0; i + 1 < nr; i++)
			parts[i] = json_cell(json_array_get(rows, i), keys[k], cells[i]);
		snprintf(msg, sizeof(msg), "%s, column %s", where, keys[k]);
		assert_line_safe(msg, json_cell(json_array_get(rows, nr - 1), keys[k], tot), parts, nr - 1, 0);
	}
	for (size_t i = 0; row_total && i < nr; i++) {
		json_t *row = json_array_get(rows, i);
		for (size_t k = 0; k < n; k++)
			parts[k] = json_cell(row, keys[k], cells[k]);
		snprintf(msg, sizeof(msg), "%s, row %zu", where, i);
		assert_line_safe(msg, json_cell(row, row_total, tot), parts, n, 0);
	}
	free(parts);
	free(cells);
}
