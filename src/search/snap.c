/* snap.c — the per-process snapshot of an index: every document's
 * features as bitmaps (one per feature key), ranges and coordinates, the
 * title order, the documents of the frequent words per table, the
 * vocabulary (for typos) and the synonyms. Built when the index's
 * generation changes, by one thread while the others keep using the
 * previous one; shared read-only. */
#include "search/search_internal.h"
#include "core/buf.h"
#include "core/core.h"
#include "core/log.h"
#include "core/strmap.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SNAP_CACHE 4 /* indexes and databases per process (tests open several) */

/* Words in at least this many documents (and 1/64 of all) are kept in
 * memory; rarer ones are read from FTS5 per query (~0.1 µs a document). */
#define WORD_MIN_DF 1000
#define WORD_BUDGET (16u << 20) /* bytes for the frequent words' sets */

static pthread_mutex_t snap_mu = PTHREAD_MUTEX_INITIALIZER;
static struct snap *snap_cache[SNAP_CACHE];
static pthread_mutex_t snap_build_mu = PTHREAD_MUTEX_INITIALIZER; /* one build at a time */

static void snap_free(struct snap *sn)
{
	if (!sn)
		return;
	free(sn->docs);
	free(sn->by_name);
	free(sn->by_docid);
	free(sn->feat_bits);
	free(sn->coords);
	free(sn->terms);
	free(sn->term_len);
	free(sn->syn);
	free(sn->cached);
	arena_free(sn->a);
	free(sn);
}

int search_snap_feature(const struct snap *sn, const char *key)
{
	for (size_t i = 0; i < sn->n_feat; i++)
		if (strcmp(sn->feat[i], key) == 0)
			return (int)i;
	return -1;
}

const struct snap_word *search_snap_word(const struct snap *sn, const char *term)
{
	size_t lo = 0, hi = sn->n_cached;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(sn->cached[mid].term, term);
		if (c == 0)
			return &sn->cached[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* Each document (position) holding term in table t, in ascending order,
 * to fn. ST_OK or ST_ERR. */
static int fts_each_expr(struct store *s, const struct snap *sn, const char *expr, enum search_table t,
			 void (*fn)(void *, uint32_t), void *ctx)
{
	sqlite3_stmt *st = search_stmt(s, sn->ix, Q_FTS_ROWS + t);
	if (!st)
		return ST_ERR;
	sqlite3_bind_text(st, 1, expr, -1, SQLITE_STATIC);
	int rc;
	while ((rc = store_step(st)) > 0) {
		sqlite3_int64 docid = sqlite3_column_int64(st, 0);
		if (docid >= 0 && docid <= sn->max_docid && sn->by_docid[docid] >= 0)
			fn(ctx, (uint32_t)sn->by_docid[docid]);
	}
	sqlite3_reset(st);
	return rc == 0 ? ST_OK : ST_ERR;
}

static int fts_each(struct store *s, const struct snap *sn, const char *term, enum search_table t,
		    void (*fn)(void *, uint32_t), void *ctx)
{
	char q[SEARCH_TOK_MAX + 8];
	snprintf(q, sizeof(q), "\"" SEARCH_MARK "%s\"", term);
	return fts_each_expr(s, sn, q, t, fn, ctx);
}

static void set_bit(void *ctx, uint32_t i)
{
	uint64_t *b = ctx;
	b[i >> 6] |= 1ull << (i & 63);
}

int search_snap_word_or(struct store *s, const struct snap *sn, const char *term, enum search_table t, uint64_t *b)
{
	const struct snap_word *w = search_snap_word(sn, term);
	if (w) {
		dset_or(b, &w->in[t], sn->words);
		return ST_OK;
	}
	return fts_each(s, sn, term, t, set_bit, b);
}

int search_snap_fts_or(struct store *s, const struct snap *sn, const char *expr, enum search_table t, uint64_t *b)
{
	return fts_each_expr(s, sn, expr, t, set_bit, b);
}

/* ---- building ---- */

struct grow {
	uint32_t *v;
	size_t n, cap;
};

static void grow_push(void *ctx, uint32_t i)
{
	struct grow *g = ctx;
	g->v = xgrow(g->v, g->n, &g->cap, sizeof(*g->v), 1024);
	g->v[g->n++] = i;
}

/* The frequent words' sets, largest first, within the budget. */
static int load_words(struct store *s, struct snap *sn)
{
	size_t min_df = sn->n_docs / 64 > WORD_MIN_DF ? sn->n_docs / 64 : WORD_MIN_DF;
	sqlite3_stmt *st = search_stmt(s, sn->ix, Q_TERM_FREQUENT);
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, (sqlite3_int64)min_df);
	size_t cap = 0, bytes = 0, bitmap = sn->words * sizeof(uint64_t);
	const char **terms = NULL;
	size_t n = 0;
	int rc;
	while ((rc = store_step(st)) > 0) {
		if (search_stopword(store_col_text(st, 0)))
			continue; /* never searched for */
		terms = xgrow(terms, n, &cap, sizeof(*terms), 256);
		terms[n++] = store_col_str(sn->a, st, 0);
	}
	sqlite3_reset(st);
	if (rc != 0) {
		free(terms);
		return ST_ERR;
	}
	sn->cached = xcalloc(n ? n : 1, sizeof(*sn->cached));
	struct grow g = { 0 };
	rc = ST_OK;
	for (size_t i = 0; i < n && rc == ST_OK && bytes + 3 * bitmap <= WORD_BUDGET; i++) {
		struct snap_word *w = &sn->cached[sn->n_cached];
		w->term = terms[i];
		for (int t = 0; t < ST__N && rc == ST_OK; t++) {
			g.n = 0;
			rc = fts_each(s, sn, terms[i], (enum search_table)t, grow_push, &g);
			struct dset *d = &w->in[t];
			d->n = (uint32_t)g.n;
			if (g.n * sizeof(uint32_t) >= bitmap) {
				d->bits = arena_alloc(sn->a, bitmap);
				for (size_t k = 0; k < g.n; k++)
					d->bits[g.v[k] >> 6] |= 1ull << (g.v[k] & 63);
				bytes += bitmap;
			} else if (g.n) {
				d->ids = arena_alloc(sn->a, g.n * sizeof(uint32_t));
				memcpy(d->ids, g.v, g.n * sizeof(uint32_t));
				bytes += g.n * sizeof(uint32_t);
			}
		}
		sn->n_cached++;
	}
	free(g.v);
	free(terms);
	/* sorted for lookups (the budget kept the most frequent) */
	for (size_t i = 1; i < sn->n_cached; i++) {
		struct snap_word x = sn->cached[i];
		size_t k = i;
		while (k > 0 && strcmp(sn->cached[k - 1].term, x.term) > 0) {
			sn->cached[k] = sn->cached[k - 1];
			k--;
		}
		sn->cached[k] = x;
	}
	return rc;
}

/* Features by key while building: a small open hash of numbers + 1. */
struct feat_map {
	uint32_t slot[4096];
};

static uint64_t fhash(const char *s, size_t n)
{
	return core_hash(s, n);
}

/* The feature number of key (len bytes), added when new; -1 when full. */
static int feature_add(struct snap *sn, struct feat_map *m, size_t *cap, const char *key, size_t len)
{
	size_t k = fhash(key, len) & 4095;
	for (size_t probe = 0; probe < 4096; probe++, k = (k + 1) & 4095) {
		uint32_t f = m->slot[k];
		if (!f)
			break;
		if (strlen(sn->feat[f - 1]) == len && memcmp(sn->feat[f - 1], key, len) == 0)
			return (int)f - 1;
	}
	if (m->slot[k] || sn->n_feat >= 2048)
		return -1;
	m->slot[k] = (uint32_t)sn->n_feat + 1;
	sn->feat = arena_grow(sn->a, sn->feat, sn->n_feat, cap, sizeof(*sn->feat), 64);
	sn->feat[sn->n_feat] = arena_strndup(sn->a, key, len);
	return (int)sn->n_feat++;
}

struct pair {
	uint32_t doc, feat;
};

static int load_docs(struct store *s, struct snap *sn)
{
	sqlite3_stmt *st = search_stmt(s, sn->ix, Q_DOCS);
	if (!st)
		return ST_ERR;
	size_t cap = 0, pcap = 0, np = 0, ccap = 0, nc = 0, fcap = 0;
	struct pair *pairs = NULL;
	struct feat_map *fm = xcalloc(1, sizeof(*fm));
	int rc;
	while ((rc = store_step(st)) > 0) {
		sn->docs = xgrow(sn->docs, sn->n_docs, &cap, sizeof(*sn->docs), 1024);
		struct snap_doc *d = &sn->docs[sn->n_docs];
		memset(d, 0, sizeof(*d));
		d->docid = sqlite3_column_int64(st, 0);
		d->key = store_col_str(sn->a, st, 1);
		d->card = store_col_str(sn->a, st, 6);
		d->lo = store_col_int(st, 3);
		d->hi = store_col_int(st, 4);
		sn->max_docid = d->docid;
		for (const char *p = store_col_text(st, 2); *p;) {
			while (*p == ' ')
				p++;
			const char *e = p;
			while (*e && *e != ' ')
				e++;
			int f = e > p ? feature_add(sn, fm, &fcap, p, (size_t)(e - p)) : -1;
			if (f >= 0) {
				pairs = xgrow(pairs, np, &pcap, sizeof(*pairs), 4096);
				pairs[np].doc = (uint32_t)sn->n_docs;
				pairs[np++].feat = (uint32_t)f;
			}
			p = e;
		}
		d->coord_off = (uint32_t)nc;
		for (const char *p = store_col_text(st, 5); *p && d->n_coords < 1000;) {
			char *e;
			double lat = strtod(p, &e);
			if (e == p || *e != ',')
				break;
			double lon = strtod(e + 1, &e);
			if (nc + 2 > ccap) {
				ccap = ccap ? ccap * 2 : 4096;
				sn->coords = xrealloc(sn->coords, ccap * sizeof(*sn->coords));
			}
			sn->coords[nc++] = (float)lat;
			sn->coords[nc++] = (float)lon;
			d->n_coords++;
			if (*e != ';')
				break;
			p = e + 1;
		}
		sn->n_docs++;
	}
	sqlite3_reset(st);
	if (rc == 0) {
		sn->words = (sn->n_docs + 63) / 64 ? (sn->n_docs + 63) / 64 : 1;
		sn->feat_bits = xcalloc((sn->n_feat ? sn->n_feat : 1) * sn->words, sizeof(uint64_t));
		for (size_t i = 0; i < np; i++)
			sn->feat_bits[pairs[i].feat * sn->words + pairs[i].doc / 64] |= 1ull << (pairs[i].doc % 64);
		sn->by_docid = xmalloc(((size_t)sn->max_docid + 1) * sizeof(*sn->by_docid));
		memset(sn->by_docid, 0xFF, ((size_t)sn->max_docid + 1) * sizeof(*sn->by_docid));
		for (size_t i = 0; i < sn->n_docs; i++)
			sn->by_docid[sn->docs[i].docid] = (int32_t)i;
	}
	free(pairs);
	free(fm);
	if (rc != 0)
		return ST_ERR;

	/* the title order */
	st = search_stmt(s, sn->ix, Q_DOCS_BY_NAME);
	if (!st)
		return ST_ERR;
	sn->by_name = xmalloc((sn->n_docs ? sn->n_docs : 1) * sizeof(*sn->by_name));
	size_t k = 0;
	while ((rc = store_step(st)) > 0 && k < sn->n_docs) {
		sqlite3_int64 docid = sqlite3_column_int64(st, 0);
		if (docid < 0 || docid > sn->max_docid || sn->by_docid[docid] < 0)
			continue;
		uint32_t i = (uint32_t)sn->by_docid[docid];
		sn->by_name[k] = i;
		sn->docs[i].name_rank = (uint32_t)k++;
	}
	sqlite3_reset(st);
	return rc >= 0 && k == sn->n_docs ? ST_OK : ST_ERR;
}

static int load_terms(struct store *s, struct snap *sn)
{
	sqlite3_stmt *st = search_stmt(s, sn->ix, Q_TERM_ALL);
	if (!st)
		return ST_ERR;
	size_t cap = 0;
	int rc;
	while ((rc = store_step(st)) > 0) {
		const char *t = store_col_text(st, 0);
		if (strpbrk(t, "0123456789"))
			continue;
		size_t cap_len = cap; /* the two grow together */
		sn->terms = xgrow(sn->terms, sn->n_terms, &cap, sizeof(*sn->terms), 4096);
		sn->term_len = xgrow(sn->term_len, sn->n_terms, &cap_len, 1, 4096);
		size_t n = strlen(t);
		sn->terms[sn->n_terms] = arena_strndup(sn->a, t, n);
		sn->term_len[sn->n_terms++] = (uint8_t)n;
	}
	sqlite3_reset(st);
	return rc == 0 ? ST_OK : ST_ERR;
}

static int syn_cmp(const void *a, const void *b)
{
	return strcmp(((const struct snap_syn *)a)->term, ((const struct snap_syn *)b)->term);
}

/* The search form of a synonym's side: its stems separated by spaces,
 * without stop words (as a query leaves them out) unless it has nothing
 * else. */
struct syn_form {
	buf all, meaning;
};

static int syn_token(void *p, const char *fold, size_t nf, const char *stem, size_t ns)
{
	struct syn_form *f = p;
	char w[SEARCH_TOK_MAX + 1];
	memcpy(w, fold, nf);
	w[nf] = '\0';
	buf *b = search_stopword(w) ? &f->all : &f->meaning;
	if (b == &f->meaning) {
		if (f->meaning.len)
			buf_putc(&f->meaning, ' ');
		buf_append(&f->meaning, stem, ns);
	}
	if (f->all.len)
		buf_putc(&f->all, ' ');
	buf_append(&f->all, stem, ns);
	return 0;
}

static char *syn_form(struct search_tok *t, arena *a, const char *text)
{
	struct syn_form f;
	buf_init(&f.all, 0);
	buf_init(&f.meaning, 0);
	char *out = NULL;
	if (search_tok_run(t, text, strlen(text), syn_token, &f) == ST_OK && !f.all.err && !f.meaning.err)
		out = arena_strdup(a, buf_str(f.meaning.len ? &f.meaning : &f.all));
	buf_free(&f.all);
	buf_free(&f.meaning);
	return out;
}

/* The search forms of the synonyms: tens of thousands of pairs (the
 * thesaurus maps every word of a concept to each of its German words)
 * made of a few thousand distinct texts, so each text is tokenized once:
 * the rows come grouped by term, the expansions are remembered. */
static int load_synonyms(struct store *s, struct snap *sn)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT term, expansion FROM search_synonym ORDER BY term");
	struct search_tok *t = st ? search_tok_new(s) : NULL;
	if (!t)
		return ST_ERR;
	struct strmap forms = { 0 };
	buf last;
	buf_init(&last, 0);
	char *term = NULL;
	size_t cap = 0;
	int rc;
	while ((rc = store_step(st)) > 0) {
		const char *tt = store_col_text(st, 0), *et = store_col_text(st, 1);
		if (!term || strcmp(buf_str(&last), tt) != 0) {
			buf_reset(&last);
			buf_puts(&last, tt);
			term = syn_form(t, sn->a, tt);
		}
		void **slot = strmap_slot(&forms, et, strlen(et));
		if (!*slot)
			*slot = syn_form(t, sn->a, et);
		char *e = *slot;
		if (!term || !e || !*term || !*e || strcmp(term, e) == 0)
			continue;
		sn->syn = xgrow(sn->syn, sn->n_syn, &cap, sizeof(*sn->syn), 64);
		sn->syn[sn->n_syn].term = term;
		sn->syn[sn->n_syn++].expansion = e;
	}
	sqlite3_reset(st);
	search_tok_free(t);
	strmap_free(&forms, NULL);
	buf_free(&last);
	if (sn->n_syn)
		qsort(sn->syn, sn->n_syn, sizeof(*sn->syn), syn_cmp);
	return rc == 0 ? ST_OK : ST_ERR;
}

static struct snap *snap_build(struct store *s, const struct search_index *ix, const char *token, int64_t gen)
{
	struct snap *sn = xcalloc(1, sizeof(*sn));
	sn->ix = ix;
	sn->a = arena_new();
	snprintf(sn->token, sizeof(sn->token), "%s", token);
	sn->gen = gen;
	int64_t t0 = core_mono_us();
	if (load_docs(s, sn) != ST_OK || load_words(s, sn) != ST_OK || load_terms(s, sn) != ST_OK ||
	    load_synonyms(s, sn) != ST_OK) {
		log_error("search: cannot read the index %s", ix->prefix);
		snap_free(sn);
		return NULL;
	}
	sn->built_at = core_mono_us();
	sn->build_us = sn->built_at - t0;
	if (sn->n_docs >= 1000)
		log_info("search: %s: %zu documents, %zu frequent words in memory (%.0f ms)", ix->prefix,
			 sn->n_docs, sn->n_cached, (double)(core_mono_us() - t0) / 1e3);
	return sn;
}

/* Drop one reference; the last one frees. Call with snap_mu held. */
static void unref(struct snap *sn)
{
	if (sn && --sn->refs == 0)
		snap_free(sn);
}

static int same(const struct snap *c, const struct search_index *ix, const char *token)
{
	return c && c->ix == ix && strcmp(c->token, token) == 0;
}

/* The cached snapshot of ix in the database of token (referenced), or
 * NULL. Call with snap_mu. */
static struct snap *cached(const struct search_index *ix, const char *token)
{
	for (size_t i = 0; i < SNAP_CACHE; i++) {
		struct snap *c = snap_cache[i];
		if (same(c, ix, token)) {
			c->refs++;
			return c;
		}
	}
	return NULL;
}

struct snap *search_snap_acquire(struct store *s, const struct search_index *ix)
{
	char token[40];
	int64_t gen;
	sqlite3_stmt *st = search_stmt(s, ix, Q_STATE);
	if (!st)
		return NULL;
	if (store_step(st) <= 0) { /* no state or a failed read: no snapshot (the search fails) */
		sqlite3_reset(st);
		return NULL;
	}
	snprintf(token, sizeof(token), "%s", store_col_text(st, 0));
	gen = sqlite3_column_int64(st, 1);
	sqlite3_reset(st);

	pthread_mutex_lock(&snap_mu);
	struct snap *old = cached(ix, token);
	pthread_mutex_unlock(&snap_mu);
	if (old && old->gen >= gen)
		return old;
	if (old) {
		/* Stale. A large index (by documents, not by time, which a
		 * slow machine or a sanitizer stretches) that is slow to build
		 * is renewed at most every other build time (an import changes
		 * it again and again), by one thread at a time; meanwhile the
		 * previous state serves, a moment old (the capability re-checks
		 * that a hit is still public). A small one is always current. */
		if (search_indexer_running(ix) && !search_indexer_on_this_thread())
			return old; /* the indexer publishes the next one */
		int resting = old->n_docs >= 1000 && old->build_us > 50000 &&
			      core_mono_us() - old->built_at < 2 * old->build_us;
		if (resting || pthread_mutex_trylock(&snap_build_mu) != 0)
			return old;
	} else {
		/* none yet: wait for a thread that builds one, then look again */
		pthread_mutex_lock(&snap_build_mu);
		pthread_mutex_lock(&snap_mu);
		struct snap *c = cached(ix, token);
		pthread_mutex_unlock(&snap_mu);
		if (c && c->gen >= gen) {
			pthread_mutex_unlock(&snap_build_mu);
			return c;
		}
		if (c)
			search_snap_release(c);
	}
	struct snap *sn = snap_build(s, ix, token, gen);
	pthread_mutex_lock(&snap_mu);
	if (sn) {
		size_t slot = SNAP_CACHE - 1; /* this database's, else a free one, else the last */
		for (size_t i = 0; i < SNAP_CACHE; i++) {
			if (!snap_cache[i] || same(snap_cache[i], ix, token)) {
				slot = i;
				break;
			}
		}
		unref(snap_cache[slot]);
		sn->refs = 2; /* the cache's and the caller's */
		snap_cache[slot] = sn;
		unref(old);
	} else {
		sn = old; /* could not read the index now: the previous state, if any */
	}
	pthread_mutex_unlock(&snap_mu);
	pthread_mutex_unlock(&snap_build_mu);
	return sn;
}

void search_snap_release(struct snap *sn)
{
	if (!sn)
		return;
	pthread_mutex_lock(&snap_mu);
	unref(sn);
	pthread_mutex_unlock(&snap_mu);
}
