/* query.c — one query over an index. Each word of the text becomes the
 * set of documents holding it in any of its forms (its stem, its
 * synonyms, longer words containing it from the vocabulary's trigram
 * index, and for an unknown word the words one typo away), as a bitmap per
 * table (title, head, body); the words' sets are ANDed with the features'
 * bitmaps; facet counts are popcounts; the page is ordered by rank,
 * distance or title. */
#include "search/rank.h"
#include "core/buf.h"
#include "core/core.h"
#include "core/log.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

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
	const char **keys; /* per feature its key in the arena, once asked for (feat_key) */
};

static uint64_t *bits_new(struct qctx *c)
{
	return arena_alloc(c->a, c->words * sizeof(uint64_t)); /* zeroed */
}

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

/* Feature f's key, copied into the query's arena once (the snapshot
 * may go; its hits and facets share the copy). */
static const char *feat_key(struct qctx *c, uint16_t f)
{
	if (!c->keys)
		c->keys = arena_alloc(c->a, (c->sn->n_feat ? c->sn->n_feat : 1) * sizeof(*c->keys));
	if (!c->keys[f])
		c->keys[f] = arena_strdup(c->a, c->sn->feat[f]);
	return c->keys[f];
}

/* The features of document i, from its flat list. */
static void hit_features(struct qctx *c, uint32_t i, struct search_hit *h)
{
	const struct snap *sn = c->sn;
	uint32_t from = sn->doc_feat_off[i], n = sn->doc_feat_off[i + 1] - from;
	h->features = arena_alloc(c->a, (n ? n : 1) * sizeof(*h->features));
	for (uint32_t k = 0; k < n; k++)
		h->features[h->n_features++] = feat_key(c, sn->doc_feat[from + k]);
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

/* The facets of the results res (total of them) into out, by key: per
 * feature the documents of its base that have it, the base being the
 * documents in every other group for a feature of a group g of the
 * query, else the results. Per base, whichever is less work: a popcount
 * per feature over the words where the base has documents, or the
 * features of each document of the base. */
static void facets(struct qctx *c, struct group *g, int ng, const uint64_t *res, size_t total,
		   struct search_result *out)
{
	const struct snap *sn = c->sn;
	size_t W = c->words, nf = sn->n_feat;
	int *fg = arena_alloc(c->a, (nf ? nf : 1) * sizeof(*fg));
	size_t *cnt = arena_alloc(c->a, (nf ? nf : 1) * sizeof(*cnt));
	uint32_t *at = arena_alloc(c->a, (W ? W : 1) * sizeof(*at)); /* the base's words that are not 0 */
	for (size_t f = 0; f < nf; f++)
		fg[f] = ng ? group_of(g, ng, sn->feat[f]) : -1;
	double per_doc = sn->n_live ? (double)sn->doc_feat_off[sn->n_docs] / (double)sn->n_live : 0;
	for (int b = -1; b < ng; b++) {
		const uint64_t *base = b < 0 ? res : g[b].other;
		size_t n_of = 0, n_at = 0;
		for (size_t f = 0; f < nf; f++)
			n_of += fg[f] == b;
		for (size_t j = 0; j < W; j++)
			if (base[j])
				at[n_at++] = (uint32_t)j;
		size_t n_base = b < 0 ? total : n_at ? search_bits_count(base, W) : 0;
		if (!n_base || !n_of)
			continue;
		/* a document's feature (a random read) costs about as much as
		 * 32 words' popcounts (read in order) on a busy machine */
		if ((double)n_base * per_doc * 32 < (double)n_of * (double)n_at) {
			for (size_t a = 0; a < n_at; a++) {
				size_t j = at[a];
				for (uint64_t x = base[j]; x; x &= x - 1) {
					size_t i = j * 64 + (size_t)__builtin_ctzll(x);
					for (uint32_t k = sn->doc_feat_off[i]; k < sn->doc_feat_off[i + 1]; k++)
						cnt[sn->doc_feat[k]] += fg[sn->doc_feat[k]] == b;
				}
			}
		} else {
			/* every word, or only the base's: the vector pass over
			 * every word pays from 3/8 of them, the plain one from 3/4 */
			int dense = n_at * (search_vector() != SEARCH_V_NONE ? 8 : 4) > W * 3;
			for (size_t f = 0; f < nf; f++)
				if (fg[f] == b)
					cnt[f] = dense ? search_bits_count_and(base, &sn->feat_bits[f * W], W)
						       : search_bits_count_and_at(base, &sn->feat_bits[f * W], at, n_at);
		}
	}
	for (size_t k = 0; k < nf; k++) {
		uint16_t f = sn->feat_by_key[k];
		if (cnt[f])
			out->facets[out->n_facets++] = (struct search_facet){ feat_key(c, f), cnt[f] };
	}
}

/* ---- the documents: range, distance, rank ---- */

/* Nothing has all the words: the largest set of them that some document
 * within the filters has, the one with the best-ranked document (then
 * with the most results), into t->keep. 1 when there is one. */
static int best_partial(struct qctx *c, struct text *t, const uint64_t *within, const uint64_t *filt,
			const uint64_t *almost)
{
	size_t W = c->words;
	uint64_t *ok = bits_new(c), *r = bits_new(c);
	for (int k = 0; k < t->n; k++)
		for (size_t j = 0; j < W; j++)
			ok[j] |= t->ws[k].any[j];
	for (size_t j = 0; j < W; j++)
		ok[j] &= almost[j] & (within ? within[j] : ~0ull);
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
					float s = search_score_of(&sub, (uint32_t)(j * 64 + (size_t)__builtin_ctzll(x)));
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

static int run_words(struct qctx *c, const struct search_query *q, struct search_words *words,
		     struct search_result *out);

static int run(struct qctx *c, const struct search_query *q, struct search_result *out)
{
	struct search_words *words = arena_alloc(c->a, sizeof(*words));
	int rc = run_words(c, q, words, out);
	search_words_release(words);
	return rc;
}

/* The documents within q's range and distance (NULL: no such limit);
 * the places near, by distance, into *np and *nnp. */
static uint64_t *within_bits(struct qctx *c, const struct search_query *q, struct snap_near **np, size_t *nnp)
{
	const struct snap *sn = c->sn;
	uint64_t *within = NULL;
	if (q->value >= 0) {
		within = bits_new(c);
		snap_range_bits(sn, q->value, within);
	}
	*np = NULL;
	*nnp = 0;
	if (!q->near)
		return within;
	double radius_km = q->radius_km > 0 ? q->radius_km : 25;
	*np = arena_alloc(c->a, (sn->n_places ? sn->n_places : 1) * sizeof(**np));
	*nnp = snap_near(sn, q->lat, q->lon, radius_km, *np);
	uint64_t *nb = bits_new(c);
	if (!search_nc_get(sn, q->lat, q->lon, radius_km, nb)) {
		for (size_t p = 0; p < *nnp; p++) {
			const struct snap_place *pl = &sn->places[(*np)[p].place];
			for (uint32_t k = 0; k < pl->n; k++) {
				uint32_t i = sn->place_docs[pl->first + k];
				nb[i >> 6] |= 1ull << (i & 63);
			}
		}
		search_nc_put(sn, q->lat, q->lon, radius_km, nb);
	}
	if (!within)
		return nb;
	for (size_t j = 0; j < c->words; j++)
		within[j] &= nb[j];
	return within;
}

/* The document sets of each query word into t (from the word cache or
 * the snapshot, then cached). */
static void text_sets(struct qctx *c, struct search_words *words, struct text *t)
{
	size_t W = c->words;
	t->n = words->n;
	for (int i = 0; i < t->n; i++) {
		t->keep[i] = 1;
		if (words->cached[i]) {
			uint64_t *b = words->bits[i];
			t->ws[i] = (struct wsets){ b, b + W, b + 2 * W, b + 3 * W };
			continue;
		}
		word_sets(c, &words->w[i], &t->ws[i]);
		const uint64_t *const keep[4] = { t->ws[i].any, t->ws[i].name, t->ws[i].name_ind, t->ws[i].head };
		search_wc_put(c->sn, &words->w[i], keep);
	}
}

/* The words left out (none had them all) and those found only as typos
 * of indexed words, into out. */
static void note_words(struct qctx *c, const struct text *t, const struct search_words *words,
		       struct search_result *out)
{
	size_t dcap = 0, ccap = 0;
	for (int k = 0; k < t->n; k++) {
		const struct search_word *w = &words->w[k];
		if (!t->keep[k]) {
			out->dropped = arena_grow(c->a, out->dropped, out->n_dropped, &dcap, sizeof(*out->dropped), 4);
			out->dropped[out->n_dropped++] = arena_strdup(c->a, w->fold);
		} else if (w->typo) {
			size_t cap2 = ccap;
			out->corrected = arena_grow(c->a, out->corrected, out->n_corrected, &ccap, sizeof(*out->corrected), 4);
			out->corrected_to = arena_grow(c->a, out->corrected_to, out->n_corrected, &cap2,
						       sizeof(*out->corrected_to), 4);
			out->corrected_to[out->n_corrected] = arena_strdup(c->a, w->typo_best);
			out->corrected[out->n_corrected++] = arena_strdup(c->a, w->fold);
		}
	}
}

/* The page of q's results res (out->total of them) into out->hits: by
 * distance (near), by score (words), else by title. */
static void page(struct qctx *c, const struct search_query *q, const struct text *t, struct snap_near *np,
		 size_t nnp, const uint64_t *res, struct search_result *out)
{
	const struct snap *sn = c->sn;
	size_t limit = q->limit > 0 && q->limit <= 1000 ? q->limit : 20;
	size_t from = q->offset, to = from + limit, n = 0;
	struct cand *v = NULL;
	if (to > out->total)
		to = out->total;
	out->hits = arena_alloc(c->a, (from < to ? to - from : 1) * sizeof(*out->hits));
	if (from >= to)
		return;
	if (q->near) {
		v = search_nearest(sn, c->a, t, np, nnp, res, to, &n);
	} else if (t->n > 0) {
		v = search_ranked(sn, t, res, to, &n);
	} else if (out->total * 32 < sn->n_docs) { /* few: sort them by title */
		v = xmalloc(out->total * sizeof(*v));
		for (size_t j = 0; j < c->words; j++)
			for (uint64_t x = res[j]; x; x &= x - 1) {
				uint32_t i = (uint32_t)(j * 64 + (size_t)__builtin_ctzll(x));
				v[n++] = (struct cand){ i, 0, -1, sn->rank[i] };
			}
		search_top_k_score(v, n, to); /* equal scores: title order */
	} else { /* many: walk the title order, counting results */
		v = xmalloc((to - from) * sizeof(*v));
		size_t seen = 0;
		for (size_t r = 0; r < sn->n_live && n < to - from; r++) {
			uint32_t i = sn->by_name[r];
			if (search_bit(res, i) && seen++ >= from)
				v[n++] = (struct cand){ i, 0, -1, (uint32_t)r };
		}
		from = 0;
	}
	if (to > from + n)
		to = from + n;
	for (size_t i = from; i < to; i++) {
		struct search_hit *h = &out->hits[out->n_hits++];
		/* the text itself, not a copy: the request holds it */
		struct snap_text *tx = sn->docs[v[i].idx].text;
		snap_text_ref(tx);
		arena_defer(c->a, snap_text_unref, tx);
		h->key = tx->key;
		h->card = tx->key + tx->card_off;
		h->score = v[i].score;
		h->distance_km = q->near ? v[i].dist : -1;
		hit_features(c, v[i].idx, h);
	}
	free(v);
}

static int run_words(struct qctx *c, const struct search_query *q, struct search_words *words,
		     struct search_result *out)
{
	const struct snap *sn = c->sn;
	size_t W = c->words;
	uint64_t *ones = bits_new(c); /* every document */
	memcpy(ones, sn->live, W * sizeof(uint64_t));

	/* the filters, the range and the distance */
	struct group g[SEARCH_MAX_FEATURES];
	uint64_t *filt = bits_new(c), *almost = bits_new(c);
	int ng = groups(c, q, g, filt, almost, ones);
	struct snap_near *np;
	size_t nnp;
	uint64_t *within = within_bits(c, q, &np, &nnp);

	/* the words */
	struct text *t = arena_alloc(c->a, sizeof(*t));
	int rc;
	if (q->text && *q->text && (rc = search_words_parse(c->s, c->a, sn, q->text, words)) != ST_OK)
		return rc;
	text_sets(c, words, t);

	/* the documents with every word, within the filters, range and distance */
	uint64_t *ok = bits_new(c), *res = bits_new(c);
	for (int round = 0; round < 2; round++) {
		for (size_t j = 0; j < W; j++)
			ok[j] = almost[j] & (within ? within[j] : ~0ull);
		for (int k = 0; k < t->n; k++)
			for (size_t j = 0; t->keep[k] && j < W; j++)
				ok[j] &= t->ws[k].any[j];
		for (size_t j = 0; j < W; j++)
			res[j] = ok[j] & filt[j];
		/* none: the best results without some of the words */
		if (round > 0 || t->n < 2 || search_bits_count(res, W) > 0 || !best_partial(c, t, within, filt, almost))
			break;
	}
	note_words(c, t, words, out);

	/* facets: how many results carry each feature; for a feature of a
	 * group of the query, with the other groups only (as if chosen) */
	out->total = search_bits_count(res, W);
	out->facets = arena_alloc(c->a, (sn->n_feat ? sn->n_feat : 1) * sizeof(*out->facets));
	for (int k = 0; k < ng; k++)
		for (size_t j = 0; j < W; j++)
			g[k].other[j] &= ok[j];
	facets(c, g, ng, res, out->total, out);

	page(c, q, t, np, nnp, res, out);
	return ST_OK;
}

static int answer(struct store *s, arena *a, struct snap *sn, const struct search_query *q, struct search_result *out)
{
	struct qctx c = { s, a, sn, sn->words, NULL };
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
