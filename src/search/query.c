/* query.c — one query over an index. Each word of the text becomes the
 * set of documents holding it in any of its forms (its stem, its
 * synonyms, longer words containing it from the vocabulary's trigram
 * index, and for an unknown word the words one typo away), as a bitmap per
 * table (title, head, body); the words' sets are ANDed with the features'
 * bitmaps; facet counts are popcounts; the page is ordered by rank,
 * distance or title. */
#include "search/search_internal.h"
#include "core/buf.h"
#include "core/core.h"
#include "core/log.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

/* The rank: per query word, where the document holds it (a direct form: the
 * word, its stem or a synonym; an indirect one: a compound or a typo
 * correction), summed over the words. */
#define R_NAME 10    /* in the name, directly */
#define R_NAME_IND 6 /* in the name, indirectly */
#define R_HEAD 3     /* in the head field (terms, languages, the provider) */
#define R_BODY 1     /* elsewhere (description, places) */

/* How long a search after a change waits for the background indexer:
 * LOTSE_SEARCH_WAIT_MS (1 to 60000), else 500 ms. */
static int indexer_wait_ms(void)
{
	const char *v = getenv("LOTSE_SEARCH_WAIT_MS");
	char *end;
	long n = v && *v ? strtol(v, &end, 10) : 0;
	return v && *v && !*end && n >= 1 && n <= 60000 ? (int)n : 500;
}

/* ---- bitmaps over the snapshot's documents ---- */

struct qctx {
	struct store *s;
	arena *a;
	const struct snap *sn;
	size_t words;
};

static uint64_t *bits_new(struct qctx *c)
{
	return arena_alloc(c->a, c->words * sizeof(uint64_t)); /* zeroed */
}

/* popcount: the CPU's instruction where there is one (x86-64 since 2008) */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define POPCNT __attribute__((target_clones("popcnt", "default")))
#else
#define POPCNT
#endif

POPCNT static size_t bits_count(const uint64_t *b, size_t words)
{
	size_t n = 0;
	for (size_t i = 0; i < words; i++)
		n += (size_t)__builtin_popcountll(b[i]);
	return n;
}

POPCNT static size_t bits_count_and(const uint64_t *a, const uint64_t *b, size_t words)
{
	size_t n = 0;
	for (size_t i = 0; i < words; i++)
		n += (size_t)__builtin_popcountll(a[i] & b[i]);
	return n;
}

static int bit(const uint64_t *b, uint32_t i)
{
	return (b[i >> 6] >> (i & 63)) & 1;
}

/* One query word: the documents holding it anywhere (any), in the name
 * directly (name) or indirectly (name_ind), in name or head (head). */
struct wsets {
	uint64_t *any, *name, *name_ind, *head;
};

/* Add one form's sets (kn: name, kh: head, kb: body) to the word's. */
static void add_form(struct wsets *o, int direct, const uint64_t *kn, const uint64_t *kh, const uint64_t *kb,
		     size_t W)
{
	uint64_t *name = direct ? o->name : o->name_ind;
	for (size_t k = 0; k < W; k++) {
		name[k] |= kn[k];
		o->head[k] |= kn[k] | kh[k];
		o->any[k] |= kn[k] | kh[k] | kb[k];
	}
}

/* The documents holding the word tok (search form) in each table, OR'ed into kn, kh, kb. */
static void token_sets(struct qctx *c, const char *tok, uint64_t *kn, uint64_t *kh, uint64_t *kb)
{
	const struct snap_word *w = search_snap_word(c->sn, tok);
	if (!w)
		return;
	snap_word_or(w, ST_NAME, kn, c->words);
	snap_word_or(w, ST_HEAD, kh, c->words);
	snap_word_or(w, ST_BODY, kb, c->words);
}

static void word_sets(struct qctx *c, const struct search_word *w, struct wsets *o)
{
	size_t W = c->words;
	o->any = bits_new(c);
	o->name = bits_new(c);
	o->name_ind = bits_new(c);
	o->head = bits_new(c);
	uint64_t *kn = bits_new(c), *kh = bits_new(c), *kb = bits_new(c);
	for (int i = 0; i < w->n; i++) {
		const char *f = w->alt[i].form;
		int direct = w->alt[i].direct;
		if (!strchr(f, ' ')) {
			const struct snap_word *sw = search_snap_word(c->sn, f);
			if (sw) {
				snap_word_or(sw, ST_NAME, direct ? o->name : o->name_ind, W);
				for (int t = 0; t < ST__N; t++) {
					if (t != ST_BODY)
						snap_word_or(sw, (enum search_table)t, o->head, W);
					snap_word_or(sw, (enum search_table)t, o->any, W);
				}
			}
			continue;
		}
		/* several tokens (a synonym's expansion): all of them, anywhere */
		uint64_t *ta = bits_new(c), *tn = bits_new(c), *th = bits_new(c);
		int first = 1;
		for (const char *p = f; *p;) {
			const char *e = strchr(p, ' ');
			size_t len = e ? (size_t)(e - p) : strlen(p);
			char tok[SEARCH_TOK_MAX + 1];
			if (len > SEARCH_TOK_MAX)
				len = SEARCH_TOK_MAX;
			memcpy(tok, p, len);
			tok[len] = '\0';
			p = e ? e + 1 : p + len;
			if (!len)
				continue;
			memset(kn, 0, W * 8);
			memset(kh, 0, W * 8);
			memset(kb, 0, W * 8);
			token_sets(c, tok, kn, kh, kb);
			for (size_t k = 0; k < W; k++) {
				uint64_t h = kn[k] | kh[k], a = h | kb[k];
				ta[k] = first ? a : ta[k] & a;
				tn[k] = first ? kn[k] : tn[k] & kn[k];
				th[k] = first ? h : th[k] & h;
			}
			first = 0;
		}
		if (!first)
			add_form(o, direct, tn, th, ta, W);
	}
}

/* ---- the query ---- */

struct cand {
	uint32_t idx;
	float score, dist;
	uint32_t rank; /* name order */
};

struct center {
	int on;
	double lat, lon, radius, kx, ky; /* km per degree of longitude, latitude there */
};

/* The nearest place of document i within the radius, or -1. Within a
 * few dozen km the plane approximation (equirectangular) differs from the
 * great-circle distance by far less than the 100 m shown. */
static double distance(const struct snap *sn, const struct center *c, uint32_t i)
{
	const struct snap_doc *d = &sn->docs[i];
	double best = -1, r2 = c->radius * c->radius;
	for (unsigned k = 0; k < d->n_coords; k++) {
		double dy = (sn->coords[d->coord_off + 2 * k] - c->lat) * c->ky;
		double dx = (sn->coords[d->coord_off + 2 * k + 1] - c->lon) * c->kx;
		double d2 = dx * dx + dy * dy;
		if (d2 <= r2 && (best < 0 || d2 < best))
			best = d2;
	}
	return best < 0 ? -1 : sqrt(best);
}

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
	if (k >= n || n <= 2048) {
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
/* The features of document i (copies: the snapshot may go). */
static void hit_features(struct qctx *c, uint32_t i, struct search_hit *h)
{
	const struct snap *sn = c->sn;
	size_t n = 0;
	for (size_t k = 0; k < sn->n_feat; k++)
		n += (size_t)bit(&sn->feat_bits[k * c->words], i);
	h->features = arena_alloc(c->a, (n ? n : 1) * sizeof(*h->features));
	for (size_t k = 0; k < sn->n_feat; k++)
		if (bit(&sn->feat_bits[k * c->words], i))
			h->features[h->n_features++] = arena_strdup(c->a, sn->feat[k]);
}

/* ---- filters: the features of a query that share the part of their key
 * up to ':' ("angebotsart:") are one group; a document needs one
 * feature of each group (OR within a group, AND between groups) ---- */

struct group {
	const char *key; /* of its first feature; the group is its prefix */
	size_t len;      /* the prefix's length, ':' included (a key without ':': all of it) */
	uint64_t *bits;  /* documents with a feature of the group */
	uint64_t *other; /* documents in every other group */
};

static size_t prefix_len(const char *key)
{
	const char *colon = strchr(key, ':');
	return colon ? (size_t)(colon - key) + 1 : strlen(key);
}

/* The group of feature key, or -1. */
static int group_of(const struct group *g, int ng, const char *key)
{
	size_t len = prefix_len(key);
	for (int i = 0; i < ng; i++)
		if (g[i].len == len && memcmp(g[i].key, key, len) == 0)
			return i;
	return -1;
}

/* The groups of q's features into g (at most SEARCH_MAX_FEATURES); all
 * into filt (documents in every group), almost (in all but at most one). */
static int groups(struct qctx *c, const struct search_query *q, struct group *g, uint64_t *filt, uint64_t *almost,
		  const uint64_t *ones)
{
	size_t W = c->words;
	int ng = 0;
	size_t n_features = q->n_features < SEARCH_MAX_FEATURES ? q->n_features : SEARCH_MAX_FEATURES;
	for (size_t i = 0; i < n_features; i++) {
		int k = group_of(g, ng, q->features[i]);
		if (k < 0) {
			k = ng++;
			g[k] = (struct group){ q->features[i], prefix_len(q->features[i]), bits_new(c), bits_new(c) };
		}
		int f = search_snap_feature(c->sn, q->features[i]);
		if (f >= 0)
			for (size_t j = 0; j < W; j++)
				g[k].bits[j] |= c->sn->feat_bits[(size_t)f * W + j];
	}
	memcpy(filt, ones, W * 8);
	if (ng <= 1)
		memcpy(almost, ones, W * 8);
	for (int k = 0; k < ng; k++) {
		memcpy(g[k].other, ones, W * 8);
		for (int h = 0; h < ng; h++)
			for (size_t j = 0; h != k && j < W; j++)
				g[k].other[j] &= g[h].bits[j];
		for (size_t j = 0; j < W; j++) {
			filt[j] &= g[k].bits[j];
			if (ng > 1)
				almost[j] |= g[k].other[j];
		}
	}
	return ng;
}

/* ---- the documents: range, distance, rank ---- */

struct text {
	int n;                        /* words */
	struct wsets ws[SEARCH_MAX_WORDS];
	int keep[SEARCH_MAX_WORDS];   /* the words that count */
};

static float score_of(const struct text *t, uint32_t i)
{
	float score = 0;
	for (int k = 0; k < t->n; k++)
		if (t->keep[k])
			score += bit(t->ws[k].name, i)       ? R_NAME
				 : bit(t->ws[k].name_ind, i) ? R_NAME_IND
				 : bit(t->ws[k].head, i)     ? R_HEAD
							     : R_BODY;
	return score;
}

/* The documents of pre within the range and the distance into ok; those
 * also in filt into v (when not NULL) with their score and distance.
 * Returns how many went into v. */
static size_t pass(struct qctx *c, const struct search_query *q, const struct center *ctr, const struct text *t,
		   const uint64_t *pre, const uint64_t *filt, uint64_t *ok, struct cand *v)
{
	const struct snap *sn = c->sn;
	size_t n = 0;
	memcpy(ok, pre, c->words * 8);
	if (!v && q->value < 0 && !ctr->on)
		return 0;
	for (size_t j = 0; j < c->words; j++) {
		for (uint64_t x = pre[j]; x; x &= x - 1) {
			uint32_t i = (uint32_t)(j * 64 + (size_t)__builtin_ctzll(x));
			const struct snap_doc *d = &sn->docs[i];
			double dist = -1;
			if ((q->value >= 0 && ((d->lo >= 0 && d->lo > q->value) || (d->hi >= 0 && d->hi < q->value))) ||
			    (ctr->on && (dist = distance(sn, ctr, i)) < 0)) {
				ok[j] &= ~(1ull << (i & 63));
				continue;
			}
			if (v && bit(filt, i))
				v[n++] = (struct cand){ i, score_of(t, i), (float)dist, d->name_rank };
		}
	}
	return n;
}

/* Nothing has all the words: the largest set of them that some document
 * within the filters has, the one with the best-ranked document (then
 * with the most results), into t->keep. 1 when there is one. */
static int best_partial(struct qctx *c, const struct search_query *q, const struct center *ctr, struct text *t,
			const uint64_t *filt, const uint64_t *almost)
{
	size_t W = c->words;
	uint64_t *any = bits_new(c), *ok = bits_new(c), *r = bits_new(c);
	for (int k = 0; k < t->n; k++)
		for (size_t j = 0; j < W; j++)
			any[j] |= t->ws[k].any[j];
	for (size_t j = 0; j < W; j++)
		any[j] &= almost[j];
	pass(c, q, ctr, t, any, filt, ok, NULL);
	for (int size = t->n - 1; size > 0; size--) {
		unsigned best_mask = 0;
		float best_score = -1;
		size_t best_count = 0;
		for (unsigned mask = 0; mask < (1u << t->n); mask++) {
			if (__builtin_popcount(mask) != size)
				continue;
			for (size_t j = 0; j < W; j++)
				r[j] = ok[j] & filt[j];
			for (int k = 0; k < t->n; k++)
				for (size_t j = 0; (mask >> k & 1) && j < W; j++)
					r[j] &= t->ws[k].any[j];
			struct text sub = *t;
			for (int k = 0; k < t->n; k++)
				sub.keep[k] = mask >> k & 1;
			float top = -1;
			size_t count = 0;
			for (size_t j = 0; j < W; j++)
				for (uint64_t x = r[j]; x; x &= x - 1, count++) {
					float s = score_of(&sub, (uint32_t)(j * 64 + (size_t)__builtin_ctzll(x)));
					if (s > top)
						top = s;
				}
			if (count && (top > best_score || (top == best_score && count > best_count))) {
				best_mask = mask;
				best_score = top;
				best_count = count;
			}
		}
		if (best_mask) {
			for (int k = 0; k < t->n; k++)
				t->keep[k] = best_mask >> k & 1;
			return 1;
		}
	}
	return 0;
}

/* The first `to` results by rank (score, then title), into a new array
 * (*n of them), without a candidate per result: the scores from the
 * words' bitmaps, a histogram of them gives the lowest score on the page;
 * the documents above it are taken, those with it in title order. */
static struct cand *ranked(struct qctx *c, const struct text *t, const uint64_t *res, size_t to, size_t *n)
{
	const struct snap *sn = c->sn;
	size_t W = c->words;
	uint8_t *sc = arena_alloc(c->a, sn->n_docs ? sn->n_docs : 1);
	uint8_t base = 0;
	for (int k = 0; k < t->n; k++)
		base = (uint8_t)(base + (t->keep[k] ? R_BODY : 0));
	for (size_t j = 0; j < W; j++)
		for (uint64_t x = res[j]; x; x &= x - 1)
			sc[j * 64 + (size_t)__builtin_ctzll(x)] = base;
	/* every result holds every word that counts: more where it holds it better */
	for (int k = 0; k < t->n; k++) {
		if (!t->keep[k])
			continue;
		const struct wsets *w = &t->ws[k];
		for (size_t j = 0; j < W; j++) {
			uint64_t nm = w->name[j] & res[j], ind = w->name_ind[j] & ~w->name[j] & res[j];
			uint64_t hd = w->head[j] & ~(w->name[j] | w->name_ind[j]) & res[j];
			for (uint64_t x = nm; x; x &= x - 1)
				sc[j * 64 + (size_t)__builtin_ctzll(x)] += R_NAME - R_BODY;
			for (uint64_t x = ind; x; x &= x - 1)
				sc[j * 64 + (size_t)__builtin_ctzll(x)] += R_NAME_IND - R_BODY;
			for (uint64_t x = hd; x; x &= x - 1)
				sc[j * 64 + (size_t)__builtin_ctzll(x)] += R_HEAD - R_BODY;
		}
	}
	size_t hist[256] = { 0 };
	for (size_t j = 0; j < W; j++)
		for (uint64_t x = res[j]; x; x &= x - 1)
			hist[sc[j * 64 + (size_t)__builtin_ctzll(x)]]++;
	int thr = 255;
	size_t above = 0; /* results scoring more than thr */
	while (thr > 0 && above + hist[thr] < to)
		above += hist[thr--];
	struct cand *v = xmalloc((to ? to : 1) * sizeof(*v));
	size_t m = 0;
	for (size_t j = 0; j < W; j++)
		for (uint64_t x = res[j]; x; x &= x - 1) {
			uint32_t i = (uint32_t)(j * 64 + (size_t)__builtin_ctzll(x));
			if (sc[i] > thr && m < to)
				v[m++] = (struct cand){ i, sc[i], -1, sn->docs[i].name_rank };
		}
	for (size_t r = 0; r < sn->n_live && m < to; r++) {
		uint32_t i = sn->by_name[r];
		if (bit(res, i) && sc[i] == thr)
			v[m++] = (struct cand){ i, sc[i], -1, (uint32_t)r };
	}
	qsort(v, m, sizeof(*v), q_score);
	*n = m;
	return v;
}

static int run(struct qctx *c, const struct search_query *q, struct search_result *out)
{
	const struct snap *sn = c->sn;
	size_t W = c->words;
	struct center ctr = { 0 };
	if (q->near) {
		ctr.on = 1;
		ctr.lat = q->lat;
		ctr.lon = q->lon;
		ctr.radius = q->radius_km > 0 ? q->radius_km : 25;
		ctr.ky = 111.2;
		ctr.kx = 111.32 * cos(q->lat * M_PI / 180);
	}
	uint64_t *ones = bits_new(c); /* every document */
	memcpy(ones, sn->live, W * sizeof(uint64_t));

	/* the filters */
	struct group g[SEARCH_MAX_FEATURES];
	uint64_t *filt = bits_new(c), *almost = bits_new(c);
	int ng = groups(c, q, g, filt, almost, ones);

	/* the words */
	struct search_words *words = arena_alloc(c->a, sizeof(*words));
	struct text *t = arena_alloc(c->a, sizeof(*t));
	int rc;
	if (q->text && *q->text && (rc = search_words_parse(c->s, c->a, sn, q->text, words)) != ST_OK)
		return rc;
	t->n = words->n;
	for (int i = 0; i < t->n; i++) {
		word_sets(c, &words->w[i], &t->ws[i]);
		t->keep[i] = 1;
	}

	/* the documents with every word, within the filters, range and distance */
	/* a candidate per document: by distance, or a range alone (text is
	 * ranked from bitmaps, ranked()) */
	int per_doc = ctr.on || (t->n == 0 && q->value >= 0);
	uint64_t *pre = bits_new(c), *ok = bits_new(c), *res = bits_new(c);
	struct cand *v = NULL;
	size_t n = 0;
	for (int round = 0; round < 2; round++) {
		memcpy(pre, almost, W * 8);
		for (int k = 0; k < t->n; k++)
			for (size_t j = 0; t->keep[k] && j < W; j++)
				pre[j] &= t->ws[k].any[j];
		free(v);
		v = per_doc ? xmalloc((bits_count_and(pre, filt, W) + 1) * sizeof(*v)) : NULL;
		n = pass(c, q, &ctr, t, pre, filt, ok, v);
		for (size_t j = 0; j < W; j++)
			res[j] = ok[j] & filt[j];
		/* none: the best results without some of the words */
		if (round > 0 || t->n < 2 || bits_count(res, W) > 0 || !best_partial(c, q, &ctr, t, filt, almost))
			break;
	}
	size_t dcap = 0, ccap = 0;
	for (int k = 0; k < t->n; k++) {
		const struct search_word *w = &words->w[k];
		if (!t->keep[k]) {
			out->dropped = arena_grow(c->a, out->dropped, out->n_dropped, &dcap, sizeof(*out->dropped), 4);
			out->dropped[out->n_dropped++] = w->fold;
		} else if (w->typo) {
			size_t cap2 = ccap;
			out->corrected = arena_grow(c->a, out->corrected, out->n_corrected, &ccap, sizeof(*out->corrected), 4);
			out->corrected_to = arena_grow(c->a, out->corrected_to, out->n_corrected, &cap2,
						       sizeof(*out->corrected_to), 4);
			out->corrected_to[out->n_corrected] = w->typo_best;
			out->corrected[out->n_corrected++] = w->fold;
		}
	}

	/* facets: how many results carry each feature; for a feature of a
	 * group of the query, with the other groups only (as if chosen) */
	out->total = bits_count(res, W);
	out->facets = arena_alloc(c->a, (sn->n_feat ? sn->n_feat : 1) * sizeof(*out->facets));
	for (int k = 0; k < ng; k++)
		for (size_t j = 0; j < W; j++)
			g[k].other[j] &= ok[j];
	for (size_t k = 0; k < sn->n_feat; k++) {
		int gk = ng ? group_of(g, ng, sn->feat[k]) : -1;
		const uint64_t *base = gk >= 0 ? g[gk].other : res;
		size_t cnt = bits_count_and(base, &sn->feat_bits[k * W], W);
		if (cnt)
			out->facets[out->n_facets++] = (struct search_facet){ arena_strdup(c->a, sn->feat[k]), cnt };
	}

	/* the page */
	size_t limit = q->limit > 0 && q->limit <= 1000 ? q->limit : 20;
	size_t from = q->offset, to = from + limit;
	if (to > out->total)
		to = out->total;
	out->hits = arena_alloc(c->a, (from < to ? to - from : 1) * sizeof(*out->hits));
	if (from < to) {
		if (ctr.on) {
			top_k(v, n, to, by_dist, q_dist);
		} else if (t->n > 0) {
			free(v);
			v = ranked(c, t, res, to, &n);
		} else if (out->total * 32 < sn->n_docs) { /* few: sort them by title */
			/* The per-document pass (a range alone) has already
			 * collected exactly the results, each with score 0. */
			if (!per_doc) {
				v = xmalloc(out->total * sizeof(*v));
				for (size_t j = 0; j < W; j++)
					for (uint64_t x = res[j]; x; x &= x - 1) {
						uint32_t i = (uint32_t)(j * 64 + (size_t)__builtin_ctzll(x));
						v[n++] = (struct cand){ i, 0, -1, sn->docs[i].name_rank };
					}
			}
			assert(n == out->total);
			top_k(v, n, to, by_score, q_score); /* equal scores: title order */
		} else { /* many: walk the title order, counting results */
			free(v);
			v = xmalloc((to - from) * sizeof(*v));
			size_t seen = 0;
			n = 0;
			for (size_t r = 0; r < sn->n_live && n < to - from; r++) {
				uint32_t i = sn->by_name[r];
				if (bit(res, i) && seen++ >= from)
					v[n++] = (struct cand){ i, 0, -1, (uint32_t)r };
			}
			from = 0;
			to = n;
		}
		for (size_t i = from; i < to; i++) {
			struct search_hit *h = &out->hits[out->n_hits++];
			const struct snap_text *tx = sn->docs[v[i].idx].text;
			h->key = arena_strdup(c->a, tx->key);
			h->card = arena_strdup(c->a, tx->key + tx->card_off);
			h->score = v[i].score;
			h->distance_km = ctr.on ? v[i].dist : -1;
			hit_features(c, v[i].idx, h);
		}
	}
	free(v);
	return ST_OK;
}

static int answer(struct store *s, arena *a, struct snap *sn, const struct search_query *q, struct search_result *out)
{
	struct qctx c = { s, a, sn, sn->words };
	int rc = run(&c, q, out);
	out->gen = sn->gen;
	snprintf(out->token, sizeof(out->token), "%s", sn->token);
	return rc;
}

int search_run(struct store *s, arena *a, const struct search_index *ix, const struct search_query *q,
	       struct search_result *out)
{
	memset(out, 0, sizeof(*out));
	if (search_indexer_running(ix)) {
		/* A running server: the indexer's snapshot, without reading the
		 * database; after a commit it has not looked at, a moment for it */
		if (search_indexer_behind(ix))
			search_indexer_wait(ix, indexer_wait_ms());
		struct snap *sn = search_indexer_snap(ix);
		if (sn) {
			int rc = answer(s, a, sn, q, out);
			search_snap_release(sn);
			if (rc != ST_OK)
				memset(out, 0, sizeof(*out));
			return rc;
		}
	}
	sqlite3 *db = store_db(s);
	/* follow the latest changes first (a few hundred documents a query) */
	sqlite3_stmt *st = search_stmt(s, ix, Q_ANY_DIRTY);
	if (!st)
		return ST_ERR;
	int dirty = store_step(st);
	if (dirty > 0)
		dirty = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	if (dirty < 0)
		return ST_ERR;
	if (dirty && sqlite3_get_autocommit(db)) {
		/* Not behind a long write (an import): then the index as it is. */
		store_busy_limit(s, 20);
		search_refresh(s, ix, 500, NULL);
		store_busy_limit(s, STORE_BUSY_TIMEOUT_MS); /* store_open's */
	}

	struct store_tx tx;
	if (store_tx_read(s, &tx) != ST_OK) /* one consistent view */
		return ST_ERR;
	struct snap *sn = search_snap_acquire(s, ix);
	int rc = sn ? answer(s, a, sn, q, out) : ST_ERR;
	search_snap_release(sn);
	rc = store_tx_end(s, &tx, rc);
	if (rc != ST_OK)
		memset(out, 0, sizeof(*out));
	return rc;
}

size_t search_facet_count(const struct search_result *r, const char *key)
{
	for (size_t i = 0; i < r->n_facets; i++)
		if (strcmp(r->facets[i].key, key) == 0)
			return r->facets[i].count;
	return 0;
}
