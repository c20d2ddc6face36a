/* rank.c — the order of a query's page: by score (where a document
 * holds the query's words), then title; or by distance from a place,
 * then score and title. The scores are counted per cell of documents that
 * hold every word the same way (a popcount per cell of a 64-document
 * word), not per document; only the documents on the page become
 * candidates. */
#include "search/rank.h"
#include "core/core.h"

#include <stdlib.h>
#include <string.h>

static int by_dist(const struct cand *a, const struct cand *b)
{
	if (a->dist != b->dist)
		return a->dist < b->dist ? -1 : 1;
	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	return a->rank < b->rank ? -1 : a->rank > b->rank;
}

static int by_score(const struct cand *a, const struct cand *b)
{
	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	return a->rank < b->rank ? -1 : a->rank > b->rank;
}

typedef int (*cand_cmp)(const struct cand *, const struct cand *);

static int q_dist(const void *a, const void *b) { return by_dist(a, b); }
static int q_score(const void *a, const void *b) { return by_score(a, b); }

static void sift(struct cand *v, size_t k, size_t p, cand_cmp cmp)
{
	for (;;) {
		size_t c = 2 * p + 1;
		if (c >= k)
			return;
		if (c + 1 < k && cmp(&v[c + 1], &v[c]) > 0)
			c++;
		if (cmp(&v[c], &v[p]) <= 0)
			return;
		struct cand t = v[c];
		v[c] = v[p];
		v[p] = t;
		p = c;
	}
}

/* Order v so that its first k are the first k in cmp's order. */
static void top_k(struct cand *v, size_t n, size_t k, cand_cmp cmp, int (*qcmp)(const void *, const void *))
{
	if (k >= n || n <= 4 * k + 64) {
		qsort(v, n, sizeof(*v), qcmp);
		return;
	}
	for (size_t i = k / 2; i-- > 0;) /* a heap of the best k, the worst on top */
		sift(v, k, i, cmp);
	for (size_t i = k; i < n; i++) {
		if (cmp(&v[i], &v[0]) >= 0)
			continue;
		v[0] = v[i];
		sift(v, k, 0, cmp);
	}
	qsort(v, k, sizeof(*v), qcmp);
}

void search_top_k_score(struct cand *v, size_t n, size_t k)
{
	top_k(v, n, k, by_score, q_score);
}

float search_score_of(const struct text *t, uint32_t i)
{
	float score = 0;
	for (int k = 0; k < t->n; k++)
		if (t->keep[k])
			score += search_bit(t->ws[k].name, i)       ? R_NAME
				 : search_bit(t->ws[k].name_ind, i) ? R_NAME_IND
				 : search_bit(t->ws[k].head, i)     ? R_HEAD
							     : R_BODY;
	return score;
}

/* ---- by score ---- */

/* What a document of one 64-document word j gains over R_BODY per word
 * that counts, by how it holds the word: its cells. */
static const unsigned gain[4] = { R_NAME - R_BODY, R_NAME_IND - R_BODY, R_HEAD - R_BODY, 0 };

struct cells {
	int nk;
	const struct wsets *kw[SEARCH_MAX_WORDS];
	uint64_t cls[SEARCH_MAX_WORDS][4]; /* of word j per word: in the name, indirectly, head, elsewhere */
};

/* The cells of word j: per word, the documents holding it in the name,
 * else indirectly in the name, else in the head, else elsewhere. */
static void cells_of(struct cells *c, size_t j)
{
	for (int k = 0; k < c->nk; k++) {
		uint64_t nm = c->kw[k]->name[j], ind = c->kw[k]->name_ind[j] & ~nm, hd = c->kw[k]->head[j] & ~(nm | ind);
		c->cls[k][0] = nm;
		c->cls[k][1] = ind;
		c->cls[k][2] = hd;
		c->cls[k][3] = ~(nm | ind | hd);
	}
}

/* The results res counted into hist by score: per word, a popcount per
 * cell that has any of them (depth first, without recursion); top[j]: the
 * best score in word j. */
POPCNT static void cells_hist(struct cells *c, const uint64_t *res, size_t W, unsigned base, size_t *hist,
			      uint8_t *top)
{
	struct {
		uint64_t m;
		unsigned v;
		int k;
	} st[4 * SEARCH_MAX_WORDS + 1];
	for (size_t j = 0; j < W; j++) {
		if (!res[j])
			continue;
		cells_of(c, j);
		int sp = 0;
		st[sp].m = res[j];
		st[sp].v = base;
		st[sp++].k = 0;
		while (sp > 0) {
			sp--;
			uint64_t m = st[sp].m;
			unsigned v = st[sp].v;
			int k = st[sp].k;
			if (k == c->nk) {
				hist[v] += (size_t)__builtin_popcountll(m);
				if (v > top[j])
					top[j] = (uint8_t)v;
				continue;
			}
			for (int x = 0; x < 4; x++) {
				uint64_t d = m & c->cls[k][x];
				if (d) {
					st[sp].m = d;
					st[sp].v = v + gain[x];
					st[sp++].k = k + 1;
				}
			}
		}
	}
}

struct take {
	struct cand *v;
	size_t m;
	unsigned thr;
	int ties;      /* the documents scoring thr too */
	const uint32_t *rank;
	size_t j;      /* the word */
};

/* The documents m (scoring v so far) scoring more than t->thr (or thr,
 * with ties) into t->v. */
static void cells_take(const struct cells *c, int k, uint64_t m, unsigned v, struct take *t)
{
	if (v + (unsigned)(c->nk - k) * gain[0] < t->thr + !t->ties)
		return; /* too low whatever the rest holds */
	if (k == c->nk) {
		for (uint64_t x = m; x; x &= x - 1) {
			uint32_t i = (uint32_t)(t->j * 64 + (size_t)__builtin_ctzll(x));
			t->v[t->m++] = (struct cand){ i, (float)v, -1, t->rank[i] };
		}
		return;
	}
	for (int x = 0; x < 4; x++) {
		uint64_t d = m & c->cls[k][x];
		if (d)
			cells_take(c, k + 1, d, v + gain[x], t);
	}
}

/* The score of document i (a result) from its cells. */
static unsigned score_in(const struct cells *c, unsigned base, uint32_t i)
{
	unsigned v = base;
	for (int k = 0; k < c->nk; k++)
		v += search_bit(c->kw[k]->name, i)	   ? gain[0]
		     : search_bit(c->kw[k]->name_ind, i) ? gain[1]
		     : search_bit(c->kw[k]->head, i)	   ? gain[2]
							   : 0;
	return v;
}

/* The scores' histogram gives the lowest score on the page; the
 * documents above it are taken, those with it in title order. */
struct cand *search_ranked(const struct snap *sn, const struct text *t, const uint64_t *res, size_t to, size_t *n)
{
	size_t W = sn->words;
	struct cells c = { 0 };
	unsigned base = 0;
	for (int k = 0; k < t->n; k++)
		if (t->keep[k]) {
			base += R_BODY;
			c.kw[c.nk++] = &t->ws[k];
		}
	/* every result holds every word that counts: more where it holds it
	 * better */
	size_t hist[256] = { 0 };
	uint8_t *top = xcalloc(W ? W : 1, 1);
	cells_hist(&c, res, W, base, hist, top);
	int thr = 255;
	size_t above = 0; /* results scoring more than thr */
	while (thr > 0 && above + hist[thr] < to)
		above += hist[thr--];
	/* those with the lowest score on the page (thr) in title order: walk
	 * the title order when they are many (it finds the few needed
	 * soon), else take them all and keep the first by title */
	size_t need = to - above, tie = hist[thr];
	int walk = tie > need && (double)need * (double)sn->n_live / (double)tie < (double)tie;
	struct take tk = { xmalloc((above + (walk ? need : tie) + 1) * sizeof(struct cand)), 0, (unsigned)thr, !walk,
			   sn->rank, 0 };
	for (size_t j = 0; j < W; j++)
		if (res[j] && top[j] >= tk.thr + !tk.ties) { /* only the words with documents on the page */
			cells_of(&c, j);
			tk.j = j;
			cells_take(&c, 0, res[j], base, &tk);
		}
	free(top);
	struct cand *v = tk.v;
	size_t m = tk.m;
	for (size_t r = 0; walk && r < sn->n_live && m < to; r++) {
		uint32_t i = sn->by_name[r];
		if (search_bit(res, i) && score_in(&c, base, i) == (unsigned)thr)
			v[m++] = (struct cand){ i, (float)thr, -1, (uint32_t)r };
	}
	top_k(v, m, to, by_score, q_score);
	*n = m < to ? m : to;
	return v;
}

/* ---- by distance ---- */


/* The first `to` results by distance (then rank, then title): the places
 * within the radius, nearest first (a heap), their documents among the
 * results, until `to` are taken and the next place is farther. Into a new
 * array (*n of them), in order. */
static void near_sift(struct snap_near *h, size_t n, size_t p)
{
	for (;;) {
		size_t c = 2 * p + 1;
		if (c >= n)
			return;
		if (c + 1 < n && h[c + 1].km < h[c].km)
			c++;
		if (h[p].km <= h[c].km)
			return;
		struct snap_near t = h[c];
		h[c] = h[p];
		h[p] = t;
		p = c;
	}
}

struct cand *search_nearest(const struct snap *sn, arena *a, const struct text *t, struct snap_near *np, size_t nnp,
			    const uint64_t *res, size_t to, size_t *n)
{
	/* a document's nearest place counts */
	uint64_t *taken = sn->multi_place ? arena_alloc(a, sn->words * sizeof(uint64_t)) : NULL;
	for (size_t i = nnp / 2; i-- > 0;)
		near_sift(np, nnp, i);
	size_t m = 0, cap = 0;
	struct cand *v = NULL;
	float last = -1;
	while (nnp > 0 && (m < to || np[0].km <= last)) {
		struct snap_near p = np[0];
		np[0] = np[--nnp];
		near_sift(np, nnp, 0);
		const struct snap_place *pl = &sn->places[p.place];
		for (uint32_t k = 0; k < pl->n; k++) {
			uint32_t i = sn->place_docs[pl->first + k];
			if (!search_bit(res, i) || (taken && search_bit(taken, i)))
				continue;
			if (taken)
				taken[i >> 6] |= 1ull << (i & 63);
			v = xgrow(v, m, &cap, sizeof(*v), 64);
			v[m++] = (struct cand){ i, search_score_of(t, i), p.km, sn->rank[i] };
		}
		last = p.km;
	}
	if (m)
		top_k(v, m, to, by_dist, q_dist);
	*n = m;
	return v;
}

