/* snap_update.c — the next snapshot from the previous one and what one
 * indexing round changed: the documents touched are read again (by
 * docid), every other document's text block and every untouched word's
 * block are shared with the previous snapshot (counted references), the
 * touched words get new blocks, the flat arrays (positions, features,
 * title order) are copied. A few changed offers cost milliseconds, not a
 * rebuild of the whole index. */
#include "search/search_internal.h"
#include "core/core.h"
#include "core/log.h"

#include <stdlib.h>
#include <string.h>

/* ---- what the round changed (filled by index.c on the indexer's thread) ---- */

#define DELTA_MAX_POSTINGS 4000000 /* more: rebuild whole */

static _Thread_local struct snap_delta *collecting;

void snap_delta_collect(struct snap_delta *d)
{
	if (d && !d->a)
		d->a = arena_new();
	collecting = d;
}

void snap_delta_free(struct snap_delta *d)
{
	free(d->docs);
	free(d->post);
	arena_free(d->a);
	memset(d, 0, sizeof(*d));
}

void snap_delta_doc(int64_t docid)
{
	struct snap_delta *d = collecting;
	if (!d)
		return;
	d->docs = xgrow(d->docs, d->n_docs, &d->cap_docs, sizeof(*d->docs), 256);
	d->docs[d->n_docs++] = (struct snap_change){ docid };
}

void snap_delta_word(const char *term, size_t n, int64_t docid, int table, int sign)
{
	struct snap_delta *d = collecting;
	if (!d || d->overflow)
		return;
	if (d->n_post >= DELTA_MAX_POSTINGS) {
		d->overflow = 1;
		return;
	}
	d->post = xgrow(d->post, d->n_post, &d->cap_post, sizeof(*d->post), 4096);
	d->post[d->n_post++] = (struct snap_posting){ arena_strndup(d->a, term, n), docid, (int8_t)table, (int8_t)sign };
}

/* ---- applying it ---- */

static int post_cmp(const void *a, const void *b)
{
	const struct snap_posting *x = a, *y = b;
	int c = strcmp(x->term, y->term);
	if (c)
		return c;
	if (x->table != y->table)
		return x->table - y->table;
	return x->docid < y->docid ? -1 : x->docid > y->docid;
}

static int u32_cmp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

static int i64_cmp(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

/* Does document i come before j in title order? */
static int name_before(const struct snap *sn, uint32_t i, uint32_t j)
{
	const struct snap_doc *a = &sn->docs[i], *b = &sn->docs[j];
	int c = strcmp(a->text->key + a->text->sort_off, b->text->key + b->text->sort_off);
	return c ? c < 0 : a->docid < b->docid;
}

static const struct snap *name_sn; /* for qsort; the indexer is one thread */
static int name_cmp(const void *a, const void *b)
{
	uint32_t i = *(const uint32_t *)a, j = *(const uint32_t *)b;
	return name_before(name_sn, i, j) ? -1 : name_before(name_sn, j, i);
}

/* The documents: positions, texts, features, ranges, places. */
static int update_docs(struct store *s, const struct snap *old, struct snap *sn, const struct snap_delta *d,
		       uint8_t *touched)
{
	size_t ccap = sn->n_coords, fcap = sn->n_feat;
	struct feat_map *fm = snap_feat_map_new(sn);
	int rc = ST_OK;
	for (size_t i = 0; i < d->n_docs && rc == ST_OK; i++) {
		int64_t docid = d->docs[i].docid;
		uint32_t p = (uint32_t)sn->by_docid[docid];
		if (touched[p])
			continue; /* twice in the round: read once, as it is now */
		touched[p] = 1;
		struct snap_doc *doc = &sn->docs[p];
		if (doc->text) {
			snap_text_unref(doc->text);
			doc->text = NULL;
			sn->n_live--;
			sn->live[p >> 6] &= ~(1ull << (p & 63));
			for (size_t f = 0; f < sn->n_feat; f++)
				sn->feat_bits[f * sn->words + (p >> 6)] &= ~(1ull << (p & 63));
		}
		sqlite3_stmt *st = search_stmt(s, old->ix, Q_DOCS_OF);
		if (!st) {
			rc = ST_ERR;
			break;
		}
		sqlite3_bind_int64(st, 1, docid);
		int k = store_step(st);
		if (k > 0) {
			doc->docid = docid;
			doc->text = snap_text_new(store_col_text(st, 1), store_col_text(st, 6), store_col_text(st, 7));
			doc->lo = store_col_int(st, 3);
			doc->hi = store_col_int(st, 4);
			sn->n_live++;
			sn->live[p >> 6] |= 1ull << (p & 63);
			for (const char *q = store_col_text(st, 2); *q;) {
				while (*q == ' ')
					q++;
				const char *e = q;
				while (*e && *e != ' ')
					e++;
				size_t had = sn->n_feat;
				int f = e > q ? snap_feature_add(sn, fm, &fcap, q, (size_t)(e - q)) : -1;
				if (sn->n_feat > had) { /* a new feature: its bitmap */
					sn->feat_bits = xrealloc(sn->feat_bits, sn->n_feat * sn->words * sizeof(uint64_t));
					memset(&sn->feat_bits[had * sn->words], 0, sn->words * sizeof(uint64_t));
				}
				if (f >= 0)
					sn->feat_bits[(size_t)f * sn->words + (p >> 6)] |= 1ull << (p & 63);
				q = e;
			}
			snap_doc_coords(sn, &ccap, doc, store_col_text(st, 5));
		}
		sqlite3_reset(st);
		if (k < 0)
			rc = ST_ERR;
	}
	free(fm);
	(void)old;
	return rc;
}

/* The title order: the untouched documents' as before, the touched ones merged in. */
static void update_names(const struct snap *old, struct snap *sn, const uint8_t *touched)
{
	uint32_t *add = xmalloc((sn->n_docs ? sn->n_docs : 1) * sizeof(*add));
	size_t na = 0;
	for (size_t p = 0; p < sn->n_docs; p++)
		if (touched[p] && sn->docs[p].text)
			add[na++] = (uint32_t)p;
	name_sn = sn;
	qsort(add, na, sizeof(*add), name_cmp);
	sn->by_name = xmalloc((sn->n_live ? sn->n_live : 1) * sizeof(*sn->by_name));
	size_t k = 0, a = 0;
	for (size_t r = 0; r < old->n_live; r++) {
		uint32_t p = old->by_name[r];
		if (touched[p])
			continue;
		while (a < na && name_before(sn, add[a], p))
			sn->by_name[k++] = add[a++];
		sn->by_name[k++] = p;
	}
	while (a < na)
		sn->by_name[k++] = add[a++];
	for (size_t r = 0; r < k; r++)
		sn->docs[sn->by_name[r]].name_rank = (uint32_t)r;
	free(add);
}

/* The words: a new block for each word the round touched. */
static void update_words(const struct snap *old, struct snap *sn, struct snap_delta *d)
{
	if (d->n_post)
		qsort(d->post, d->n_post, sizeof(*d->post), post_cmp);
	size_t cap = 0, o = 0;
	uint32_t *pos[ST__N] = { 0 };
	size_t pcap[ST__N] = { 0 };
	for (size_t i = 0; i < d->n_post;) {
		const char *term = d->post[i].term;
		/* the old words before it, shared */
		for (; o < old->n_words && strcmp(snap_word_term(old->wordv[o]), term) < 0; o++) {
			snap_word_ref(old->wordv[o]);
			sn->wordv = xgrow(sn->wordv, sn->n_words, &cap, sizeof(*sn->wordv), 4096);
			sn->wordv[sn->n_words++] = old->wordv[o];
		}
		const struct snap_word *w = o < old->n_words && strcmp(snap_word_term(old->wordv[o]), term) == 0
						    ? old->wordv[o++] : NULL;
		uint32_t n[ST__N] = { 0 };
		for (int t = 0; t < ST__N; t++) {
			size_t had = w ? w->n[t] : 0, j = i;
			while (j < d->n_post && d->post[j].table == t && strcmp(d->post[j].term, term) == 0)
				j++;
			size_t need = had + (j - i);
			if (need > pcap[t]) {
				pcap[t] = need;
				pos[t] = xrealloc(pos[t], need * sizeof(*pos[t]));
			}
			size_t k = w ? snap_word_positions(w, (enum search_table)t, pos[t]) : 0;
			/* the net change per document: lost (< 0) or gained (> 0) */
			for (size_t q = i; q < j;) {
				int64_t docid = d->post[q].docid;
				int sum = 0;
				for (; q < j && d->post[q].docid == docid; q++)
					sum += d->post[q].sign;
				uint32_t p = (uint32_t)sn->by_docid[docid];
				if (sum > 0) {
					pos[t][k++] = p;
				} else if (sum < 0) {
					for (size_t x = 0; x < k; x++)
						if (pos[t][x] == p)
							pos[t][x] = UINT32_MAX;
				}
			}
			if (k)
				qsort(pos[t], k, sizeof(*pos[t]), u32_cmp);
			size_t m = 0; /* without the lost ones and repeats */
			for (size_t x = 0; x < k; x++)
				if (pos[t][x] != UINT32_MAX && (m == 0 || pos[t][m - 1] != pos[t][x]) &&
				    (sn->live[pos[t][x] >> 6] >> (pos[t][x] & 63) & 1))
					pos[t][m++] = pos[t][x];
			n[t] = (uint32_t)m;
			i = j;
		}
		if (n[0] || n[1] || n[2]) {
			const uint32_t *const pp[ST__N] = { pos[0], pos[1], pos[2] };
			sn->wordv = xgrow(sn->wordv, sn->n_words, &cap, sizeof(*sn->wordv), 4096);
			sn->wordv[sn->n_words++] = snap_word_new(term, pp, n);
		}
		while (i < d->n_post && strcmp(d->post[i].term, term) == 0)
			i++;
	}
	for (; o < old->n_words; o++) {
		snap_word_ref(old->wordv[o]);
		sn->wordv = xgrow(sn->wordv, sn->n_words, &cap, sizeof(*sn->wordv), 4096);
		sn->wordv[sn->n_words++] = old->wordv[o];
	}
	for (int t = 0; t < ST__N; t++)
		free(pos[t]);
	for (size_t i = 0; i < sn->n_words; i++)
		sn->word_bytes += snap_word_bytes(sn->wordv[i]);
}

struct snap *snap_update(struct store *s, const struct snap *old, struct snap_delta *d, int64_t gen)
{
	if (d->overflow || !old->syn)
		return NULL;
	int64_t t0 = core_mono_us();
	/* the new documents' positions follow the old ones, in docid order */
	int64_t *fresh = xmalloc((d->n_docs ? d->n_docs : 1) * sizeof(*fresh));
	size_t nf = 0;
	for (size_t i = 0; i < d->n_docs; i++) {
		int64_t id = d->docs[i].docid;
		if (id > old->max_docid)
			fresh[nf++] = id;
		else if (id < 0 || old->by_docid[id] < 0) {
			free(fresh);
			return NULL; /* a docid below the last that was never a document: rebuild */
		}
	}
	qsort(fresh, nf, sizeof(*fresh), i64_cmp);
	struct snap *sn = xcalloc(1, sizeof(*sn));
	sn->ix = old->ix;
	sn->a = arena_new();
	memcpy(sn->token, old->token, sizeof(sn->token));
	sn->gen = gen;
	sn->n_docs = old->n_docs;
	sn->max_docid = old->max_docid;
	for (size_t i = 0; i < nf; i++)
		if (i == 0 || fresh[i] != fresh[i - 1]) {
			sn->n_docs++;
			sn->max_docid = fresh[i];
		}
	sn->words = (sn->n_docs + 63) / 64 ? (sn->n_docs + 63) / 64 : 1;
	sn->n_live = old->n_live;
	sn->docs = xcalloc(sn->n_docs ? sn->n_docs : 1, sizeof(*sn->docs));
	if (old->n_docs)
		memcpy(sn->docs, old->docs, old->n_docs * sizeof(*sn->docs));
	for (size_t i = 0; i < old->n_docs; i++)
		if (sn->docs[i].text)
			snap_text_ref(sn->docs[i].text);
	sn->by_docid = xmalloc(((size_t)sn->max_docid + 1) * sizeof(*sn->by_docid));
	memset(sn->by_docid, 0xFF, ((size_t)sn->max_docid + 1) * sizeof(*sn->by_docid));
	memcpy(sn->by_docid, old->by_docid, ((size_t)old->max_docid + 1) * sizeof(*sn->by_docid));
	size_t p = old->n_docs;
	for (size_t i = 0; i < nf; i++)
		if (i == 0 || fresh[i] != fresh[i - 1]) {
			sn->docs[p].docid = fresh[i];
			sn->by_docid[fresh[i]] = (int32_t)p++;
		}
	free(fresh);
	sn->live = xcalloc(sn->words, sizeof(uint64_t));
	memcpy(sn->live, old->live, old->words * sizeof(uint64_t));
	sn->n_feat = old->n_feat;
	sn->feat = xmalloc((sn->n_feat ? sn->n_feat : 1) * sizeof(*sn->feat));
	for (size_t f = 0; f < sn->n_feat; f++)
		sn->feat[f] = arena_strdup(sn->a, old->feat[f]);
	sn->feat_bits = xcalloc((sn->n_feat ? sn->n_feat : 1) * sn->words, sizeof(uint64_t));
	for (size_t f = 0; f < sn->n_feat; f++)
		memcpy(&sn->feat_bits[f * sn->words], &old->feat_bits[f * old->words], old->words * sizeof(uint64_t));
	sn->n_coords = old->n_coords;
	sn->coords = xmalloc((sn->n_coords ? sn->n_coords : 1) * sizeof(*sn->coords));
	if (sn->n_coords)
		memcpy(sn->coords, old->coords, sn->n_coords * sizeof(*sn->coords));
	atomic_fetch_add(&old->syn->refs, 1);
	sn->syn = old->syn;

	uint8_t *touched = xcalloc(sn->n_docs ? sn->n_docs : 1, 1);
	int rc = update_docs(s, old, sn, d, touched);
	if (rc == ST_OK) {
		update_names(old, sn, touched);
		update_words(old, sn, d);
		snap_derive(sn);
		rc = snap_extra(s, sn);
	}
	free(touched);
	if (rc != ST_OK) {
		snap_free(sn);
		return NULL;
	}
	sn->built_at = core_mono_us();
	sn->build_us = sn->built_at - t0;
	if (sn->n_docs >= 1000)
		log_info("search: %s: %zu documents changed, %zu words in memory (%.0f ms)", sn->ix->prefix,
			 d->n_docs, sn->n_words, (double)sn->build_us / 1e3);
	return sn;
}
