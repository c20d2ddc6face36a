/* snap_build.c — a whole snapshot of an index read from the database:
 * every document (filters, range, places, card, title order), every
 * word's documents per table (through fts5vocab, the three tables side
 * by side in word order), the synonyms in search form, the vocabulary for
 * typos and compounds, and the capability's own data. Done by the
 * background indexer at start, and again only when the index changed in
 * a way it did not follow itself (another process, the synonyms). */
#include "search/search_internal.h"
#include "core/buf.h"
#include "core/core.h"
#include "core/log.h"
#include "core/strmap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void snap_text_ref(struct snap_text *t)
{
	atomic_fetch_add_explicit(&t->refs, 1, memory_order_relaxed);
}

void snap_text_unref(void *p)
{
	struct snap_text *t = p;
	if (t && atomic_fetch_sub_explicit(&t->refs, 1, memory_order_acq_rel) == 1)
		free(t);
}

void snap_syns_unref(struct snap_syns *sy)
{
	if (sy && atomic_fetch_sub(&sy->refs, 1) == 1) {
		free(sy->v);
		arena_free(sy->a);
		free(sy);
	}
}

void snap_free(struct snap *sn)
{
	if (!sn)
		return;
	for (size_t i = 0; i < sn->n_docs; i++)
		snap_text_unref(sn->docs[i].text);
	for (size_t i = 0; i < sn->n_words; i++)
		snap_word_unref(sn->wordv[i]);
	snap_syns_unref(sn->syn);
	if (sn->extra && sn->ix->extra_free)
		sn->ix->extra_free(sn->extra);
	free(sn->docs);
	free(sn->live);
	free(sn->by_name);
	free(sn->by_docid);
	free(sn->feat);
	free(sn->feat_bits);
	free(sn->coords);
	free(sn->wordv);
	free(sn->tri_start);
	free(sn->tri_ids);
	free(sn->terms);
	free(sn->term_len);
	snap_places_free(sn);
	arena_free(sn->a);
	free(sn);
}

/* ---- the documents ---- */

struct snap_text *snap_text_new(const char *key, const char *card, const char *sort)
{
	size_t nk = strlen(key) + 1, nc = strlen(card) + 1, ns = strlen(sort) + 1;
	struct snap_text *t = xmalloc(sizeof(*t) + nk + nc + ns);
	atomic_init(&t->refs, 1);
	memcpy(t->key, key, nk);
	memcpy(t->key + nk, card, nc);
	memcpy(t->key + nk + nc, sort, ns);
	t->card_off = (uint32_t)nk;
	t->sort_off = (uint32_t)(nk + nc);
	return t;
}

/* Features by key while building: a small open hash of numbers + 1. */
struct feat_map {
	uint32_t slot[4096];
};

int snap_feature_add(struct snap *sn, struct feat_map *m, size_t *cap, const char *key, size_t len)
{
	size_t k = core_hash(key, len) & 4095;
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
	sn->feat = xgrow(sn->feat, sn->n_feat, cap, sizeof(*sn->feat), 64);
	sn->feat[sn->n_feat] = arena_strndup(sn->a, key, len);
	return (int)sn->n_feat++;
}

struct feat_map *snap_feat_map_new(const struct snap *sn)
{
	struct feat_map *m = xcalloc(1, sizeof(*m));
	for (size_t f = 0; f < sn->n_feat; f++) {
		size_t k = core_hash(sn->feat[f], strlen(sn->feat[f])) & 4095;
		while (m->slot[k])
			k = (k + 1) & 4095;
		m->slot[k] = (uint32_t)f + 1;
	}
	return m;
}

/* The places "lat,lon;lat,lon" of document d, appended to sn->coords. */
void snap_doc_coords(struct snap *sn, size_t *cap, struct snap_doc *d, const char *p)
{
	d->coord_off = (uint32_t)sn->n_coords;
	d->n_coords = 0;
	while (*p && d->n_coords < 1000) {
		char *e;
		double lat = strtod(p, &e);
		if (e == p || *e != ',')
			break;
		double lon = strtod(e + 1, &e);
		if (sn->n_coords + 2 > *cap) {
			*cap = *cap ? *cap * 2 : 4096;
			sn->coords = xrealloc(sn->coords, *cap * sizeof(*sn->coords));
		}
		sn->coords[sn->n_coords++] = (float)lat;
		sn->coords[sn->n_coords++] = (float)lon;
		d->n_coords++;
		if (*e != ';')
			break;
		p = e + 1;
	}
}

static int load_docs(struct store *s, struct snap *sn)
{
	sqlite3_stmt *st = search_stmt(s, sn->ix, Q_DOCS);
	if (!st)
		return ST_ERR;
	size_t cap = 0, pcap = 0, np = 0, ccap = 0, fcap = 0;
	struct pair {
		uint32_t doc, feat;
	} *pairs = NULL;
	struct feat_map *fm = xcalloc(1, sizeof(*fm));
	int rc;
	while ((rc = store_step(st)) > 0) {
		sn->docs = xgrow(sn->docs, sn->n_docs, &cap, sizeof(*sn->docs), 1024);
		struct snap_doc *d = &sn->docs[sn->n_docs];
		memset(d, 0, sizeof(*d));
		d->docid = sqlite3_column_int64(st, 0);
		d->text = snap_text_new(store_col_text(st, 1), store_col_text(st, 6), store_col_text(st, 7));
		d->lo = store_col_int(st, 3);
		d->hi = store_col_int(st, 4);
		sn->max_docid = d->docid;
		for (const char *p = store_col_text(st, 2); *p;) {
			while (*p == ' ')
				p++;
			const char *e = p;
			while (*e && *e != ' ')
				e++;
			int f = e > p ? snap_feature_add(sn, fm, &fcap, p, (size_t)(e - p)) : -1;
			if (f >= 0) {
				pairs = xgrow(pairs, np, &pcap, sizeof(*pairs), 4096);
				pairs[np].doc = (uint32_t)sn->n_docs;
				pairs[np++].feat = (uint32_t)f;
			}
			p = e;
		}
		snap_doc_coords(sn, &ccap, d, store_col_text(st, 5));
		sn->n_docs++;
	}
	sqlite3_reset(st);
	if (rc == 0) {
		sn->n_live = sn->n_docs;
		sn->words = (sn->n_docs + 63) / 64 ? (sn->n_docs + 63) / 64 : 1;
		sn->live = xcalloc(sn->words, sizeof(uint64_t));
		for (size_t i = 0; i < sn->n_docs; i++)
			sn->live[i >> 6] |= 1ull << (i & 63);
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

/* ---- the words: the three tables' vocabularies (term, document) side by
 * side in term order, one word at a time ---- */

struct grow32 {
	uint32_t *v;
	uint32_t n;
	size_t cap;
};

/* The term a vocabulary row stands on, as bytes (p, n): as text, SQLite
 * would copy every row's term to end it with a NUL, a third of reading an
 * index. */
struct term {
	const char *p;
	size_t n;
};

static struct term row_term(sqlite3_stmt *st)
{
	const char *p = sqlite3_column_blob(st, 0); /* before its length */
	return (struct term){ p ? p : "", (size_t)sqlite3_column_bytes(st, 0) };
}

/* The order of a and b, as strcmp's. */
static int term_cmp(struct term a, struct term b)
{
	int c = memcmp(a.p, b.p, a.n < b.n ? a.n : b.n);
	return c ? c : (a.n > b.n) - (a.n < b.n);
}

static int load_words(struct store *s, struct snap *sn)
{
	sqlite3_stmt *st[ST__N] = { 0 };
	int on[ST__N], rc = ST_OK;
	for (int t = 0; t < ST__N && rc == ST_OK; t++) {
		/* the vocabulary tables of the connection (temp, made once) */
		const char *mk = search_sql(sn->ix, Q_VOCAB_MAKE + t);
		if (!mk || store_exec(s, mk) != ST_OK || !(st[t] = search_stmt(s, sn->ix, Q_VOCAB_ROWS + t)))
			rc = ST_ERR;
	}
	for (int t = 0; t < ST__N && rc == ST_OK; t++) {
		int k = store_step(st[t]);
		on[t] = k > 0;
		if (k < 0)
			rc = ST_ERR;
	}
	struct grow32 g[ST__N] = { 0 };
	size_t cap = 0;
	char term[SEARCH_TOK_MAX * 2 + 1] = "";
	struct term cur = { term, 0 };
	while (rc == ST_OK) {
		/* the smallest term any table stands on */
		struct term least = { NULL, 0 };
		for (int t = 0; t < ST__N; t++) {
			if (!on[t])
				continue;
			struct term at = row_term(st[t]);
			if (!least.p || term_cmp(at, least) < 0)
				least = at;
		}
		if (!least.p)
			break;
		if ((sn->n_words && term_cmp(least, cur) <= 0) || least.n >= sizeof(term)) {
			rc = ST_ERR; /* fts5vocab gives the words in order; tokens are short */
			break;
		}
		memcpy(term, least.p, least.n);
		term[least.n] = '\0';
		cur.n = least.n;
		for (int t = 0; t < ST__N && rc == ST_OK; t++) {
			g[t].n = 0;
			uint32_t last = 0;
			int sorted = 1;
			while (on[t] && term_cmp(row_term(st[t]), cur) == 0) {
				sqlite3_int64 docid = sqlite3_column_int64(st[t], 1);
				if (docid >= 0 && docid <= sn->max_docid && sn->by_docid[docid] >= 0) {
					uint32_t pos = (uint32_t)sn->by_docid[docid];
					if (g[t].n && pos <= last)
						sorted = pos == last ? sorted : 0;
					if (!g[t].n || pos != last) {
						g[t].v = xgrow(g[t].v, g[t].n, &g[t].cap, sizeof(*g[t].v), 256);
						g[t].v[g[t].n++] = pos;
						last = pos;
					}
				}
				int k = store_step(st[t]);
				on[t] = k > 0;
				if (k < 0)
					rc = ST_ERR;
			}
			if (!sorted)
				rc = ST_ERR; /* fts5vocab gives documents in order */
		}
		if (rc != ST_OK || (!g[0].n && !g[1].n && !g[2].n))
			continue;
		const uint32_t *pos[ST__N] = { g[0].v, g[1].v, g[2].v };
		const uint32_t n[ST__N] = { g[0].n, g[1].n, g[2].n };
		sn->wordv = xgrow(sn->wordv, sn->n_words, &cap, sizeof(*sn->wordv), 4096);
		sn->wordv[sn->n_words] = snap_word_new(term, pos, n);
		sn->word_bytes += snap_word_bytes(sn->wordv[sn->n_words++]);
	}
	for (int t = 0; t < ST__N; t++) {
		if (st[t])
			sqlite3_reset(st[t]);
		free(g[t].v);
	}
	return rc;
}

/* ---- the vocabulary for typos: words of 3 to 64 bytes without digits,
 * the most frequent first (a tie between typos goes to it) ---- */

static int by_df(const void *a, const void *b)
{
	const struct snap_word *x = *(const struct snap_word *const *)a, *y = *(const struct snap_word *const *)b;
	if (x->df != y->df)
		return x->df > y->df ? -1 : 1;
	return strcmp(snap_word_term(x), snap_word_term(y));
}

static void snap_vocab(struct snap *sn)
{
	const struct snap_word **v = xmalloc((sn->n_words ? sn->n_words : 1) * sizeof(*v));
	size_t n = 0;
	for (size_t i = 0; i < sn->n_words; i++) {
		const char *t = snap_word_term(sn->wordv[i]);
		size_t len = strlen(t);
		if (sn->wordv[i]->df && len >= 3 && len <= 64 && !strpbrk(t, "0123456789"))
			v[n++] = sn->wordv[i];
	}
	qsort(v, n, sizeof(*v), by_df);
	sn->terms = xmalloc((n ? n : 1) * sizeof(*sn->terms));
	sn->term_len = xmalloc(n ? n : 1);
	for (size_t i = 0; i < n; i++) {
		sn->terms[i] = snap_word_term(v[i]);
		sn->term_len[i] = (uint8_t)strlen(sn->terms[i]);
	}
	sn->n_terms = n;
	free(v);
	snap_tri_build(sn);
}

void snap_derive(struct snap *sn)
{
	static atomic_uint_fast64_t serials;
	snap_vocab(sn);
	snap_places_build(sn);
	sn->serial = atomic_fetch_add(&serials, 1) + 1;
}

/* ---- the synonyms ---- */

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

static int syn_token(void *p, const char *fold, size_t nf, const char *stem, size_t ns, size_t start, size_t end)
{
	(void)start, (void)end;
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
 * the rows come grouped by term, the expansions are remembered. Those in
 * *reuse (when not NULL) are taken while they are current; else those
 * read replace them there. */
static int load_synonyms(struct store *s, struct snap *sn, struct snap_syns **reuse)
{
	sqlite3_stmt *gst = store_stmt(s, "SELECT gen FROM search_synonym_state");
	int64_t gen = 0;
	if (!gst || store_one_int64(gst, &gen) == ST_ERR)
		return ST_ERR;
	if (reuse && *reuse && (*reuse)->gen == gen) {
		atomic_fetch_add(&(*reuse)->refs, 1);
		sn->syn = *reuse;
		return ST_OK;
	}
	sqlite3_stmt *st = store_stmt(s, "SELECT term, expansion FROM search_synonym ORDER BY term");
	struct search_tok *t = st ? search_tok_new(s) : NULL;
	if (!t)
		return ST_ERR;
	struct snap_syns *sy = xcalloc(1, sizeof(*sy));
	atomic_init(&sy->refs, 1);
	sy->a = arena_new();
	sy->gen = gen;
	sn->syn = sy;
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
			term = syn_form(t, sy->a, tt);
		}
		void **slot = strmap_slot(&forms, et, strlen(et));
		if (!*slot)
			*slot = syn_form(t, sy->a, et);
		char *e = *slot;
		if (!term || !e || !*term || !*e || strcmp(term, e) == 0)
			continue;
		sy->v = xgrow(sy->v, sy->n, &cap, sizeof(*sy->v), 64);
		sy->v[sy->n].term = term;
		sy->v[sy->n++].expansion = e;
	}
	sqlite3_reset(st);
	search_tok_free(t);
	strmap_free(&forms, NULL);
	buf_free(&last);
	if (sy->n)
		qsort(sy->v, sy->n, sizeof(*sy->v), syn_cmp);
	if (rc != 0)
		return ST_ERR;
	if (reuse) {
		snap_syns_unref(*reuse);
		atomic_fetch_add(&sy->refs, 1);
		*reuse = sy;
	}
	return ST_OK;
}

int snap_extra(struct store *s, struct snap *sn)
{
	if (!sn->ix->extra_load)
		return ST_OK;
	sn->extra = sn->ix->extra_load(s);
	return sn->extra ? ST_OK : ST_ERR;
}

struct snap *snap_build(struct store *s, const struct search_index *ix, const char *token, int64_t gen,
			struct snap_syns **reuse)
{
	struct snap *sn = xcalloc(1, sizeof(*sn));
	sn->ix = ix;
	sn->a = arena_new();
	snprintf(sn->token, sizeof(sn->token), "%s", token);
	sn->gen = gen;
	int64_t t0 = core_mono_us();
	if (load_docs(s, sn) != ST_OK || load_words(s, sn) != ST_OK || load_synonyms(s, sn, reuse) != ST_OK ||
	    snap_extra(s, sn) != ST_OK) {
		log_error("search: cannot read the index %s", ix->prefix);
		snap_free(sn);
		return NULL;
	}
	snap_derive(sn);
	sn->built_at = core_mono_us();
	sn->build_us = sn->built_at - t0;
	if (sn->n_docs >= 1000)
		log_info("search: %s: %zu documents, %zu words (%zu KB) in memory (%.0f ms)", ix->prefix, sn->n_docs,
			 sn->n_words, sn->word_bytes >> 10, (double)sn->build_us / 1e3);
	return sn;
}
