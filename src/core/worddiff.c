/* worddiff.c — a word diff by the longest common subsequence of words
 * (dynamic programming over at most WORDDIFF_MAX_WORDS words a side). */
#include "core/worddiff.h"
#include "core/core.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct word {
	const char *s;
	size_t len; /* the word with the white space after it */
	size_t cmp; /* the word alone: what is compared */
};

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Split s into words (leading white space goes with the first). */
static size_t split(arena *a, const char *s, struct word **out)
{
	size_t n = 0, cap = 0;
	for (const char *p = s; *p; p++)
		if (!is_space(*p) && (p == s || is_space(p[-1])))
			cap++;
	struct word *w = arena_alloc(a, (cap + 1) * sizeof(*w));
	const char *p = s;
	while (*p) {
		const char *start = p;
		while (is_space(*p))
			p++;
		const char *word = p;
		while (*p && !is_space(*p))
			p++;
		size_t cmp = (size_t)(p - word);
		while (is_space(*p))
			p++;
		if (n == 0 || cmp) {
			w[n++] = (struct word){ .s = start, .len = (size_t)(p - start), .cmp = cmp };
		} else {
			w[n - 1].len += (size_t)(p - start); /* white space only: to the word before */
		}
	}
	*out = w;
	return n;
}

static int same(const struct word *x, const struct word *y)
{
	const char *xs = x->s, *ys = y->s;
	while (is_space(*xs))
		xs++;
	while (is_space(*ys))
		ys++;
	return x->cmp == y->cmp && memcmp(xs, ys, x->cmp) == 0;
}

/* Add word w (and, for WD_SAME, its twin w2 in after) to the parts. */
static void add(arena *a, struct worddiff_part **v, size_t *n, size_t *cap, enum worddiff_kind k, const struct word *w,
		const struct word *w2)
{
	if (*n && (*v)[*n - 1].kind == k && (*v)[*n - 1].s + (*v)[*n - 1].len == w->s) {
		(*v)[*n - 1].len += w->len;
		if (w2)
			(*v)[*n - 1].len2 += w2->len;
		return;
	}
	if (*n == *cap) {
		size_t nc = *cap ? 2 * *cap : 16;
		struct worddiff_part *nv = arena_alloc(a, nc * sizeof(*nv));
		if (*n)
			memcpy(nv, *v, *n * sizeof(*nv));
		*v = nv;
		*cap = nc;
	}
	(*v)[(*n)++] = (struct worddiff_part){ .kind = k, .s = w->s, .len = w->len, .s2 = w2 ? w2->s : NULL,
					       .len2 = w2 ? w2->len : 0 };
}

int worddiff(arena *a, const char *before, const char *after, struct worddiff_part **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	before = before ? before : "";
	after = after ? after : "";
	if (strcmp(before, after) == 0)
		return -1;
	struct word *x, *y;
	size_t nx = split(a, before, &x), ny = split(a, after, &y);
	size_t cap = 0;
	if (nx > WORDDIFF_MAX_WORDS || ny > WORDDIFF_MAX_WORDS) {
		struct word wb = { .s = before, .len = strlen(before) }, wa = { .s = after, .len = strlen(after) };
		if (wb.len)
			add(a, out, n, &cap, WD_DEL, &wb, NULL);
		if (wa.len)
			add(a, out, n, &cap, WD_INS, &wa, NULL);
		return 0;
	}
	/* L[i][j]: the longest common run of x[i..] and y[j..] */
	size_t w = ny + 1;
	uint16_t *L = xcalloc((nx + 1) * w, sizeof(*L));
	for (size_t i = nx; i-- > 0;)
		for (size_t j = ny; j-- > 0;)
			L[i * w + j] = same(&x[i], &y[j]) ? (uint16_t)(L[(i + 1) * w + j + 1] + 1)
				      : L[(i + 1) * w + j] >= L[i * w + j + 1] ? L[(i + 1) * w + j] : L[i * w + j + 1];
	size_t i = 0, j = 0;
	while (i < nx || j < ny) {
		if (i < nx && j < ny && same(&x[i], &y[j])) {
			add(a, out, n, &cap, WD_SAME, &x[i], &y[j]);
			i++, j++;
		} else if (i < nx && (j == ny || L[(i + 1) * w + j] >= L[i * w + j + 1])) {
			add(a, out, n, &cap, WD_DEL, &x[i++], NULL);
		} else {
			add(a, out, n, &cap, WD_INS, &y[j++], NULL);
		}
	}
	free(L);
	return 0;
}
