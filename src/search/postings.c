/* postings.c — a word's documents in the in-memory snapshot: per table
 * (name, head, body) the ascending document positions as gaps in
 * varints, or a bitmap where that is smaller, in one block with the word
 * that snapshots share by counted references (an update of a few offers
 * makes new blocks for their words only); and the vocabulary's trigrams,
 * which find the longer words containing a word (compounds) without FTS5. */
#include "search/search_internal.h"
#include "core/core.h"

#include <stdlib.h>
#include <string.h>

static size_t varint_len(uint32_t v)
{
	size_t n = 1;
	while (v >= 0x80) {
		v >>= 7;
		n++;
	}
	return n;
}

static uint8_t *varint_put(uint8_t *p, uint32_t v)
{
	while (v >= 0x80) {
		*p++ = (uint8_t)(v | 0x80);
		v >>= 7;
	}
	*p++ = (uint8_t)v;
	return p;
}

static const uint8_t *varint_get(const uint8_t *p, uint32_t *v)
{
	uint32_t x = 0;
	for (int shift = 0;; shift += 7) {
		uint8_t b = *p++;
		x |= (uint32_t)(b & 0x7F) << shift;
		if (!(b & 0x80))
			break;
	}
	*v = x;
	return p;
}

static size_t align8(size_t n)
{
	return (n + 7) & ~(size_t)7;
}

struct snap_word *snap_word_new(const char *term, const uint32_t *const pos[ST__N], const uint32_t n[ST__N])
{
	size_t bytes[ST__N], tlen = strlen(term), total = 0;
	uint32_t bitmap = 0;
	for (int t = 0; t < ST__N; t++) {
		size_t v = 0;
		uint32_t last = 0;
		for (uint32_t i = 0; i < n[t]; i++) {
			v += varint_len(pos[t][i] - last);
			last = pos[t][i];
		}
		size_t bm = n[t] ? ((size_t)pos[t][n[t] - 1] / 64 + 1) * 8 : 0;
		if (n[t] && bm < v) {
			bitmap |= 1u << t;
			v = bm;
		}
		bytes[t] = align8(v);
		total += bytes[t];
	}
	struct snap_word *w = xcalloc(1, sizeof(*w) + total + align8(tlen + 1));
	atomic_init(&w->refs, 1);
	uint8_t *base = (uint8_t *)w->data;
	size_t off = 0;
	for (int t = 0; t < ST__N; t++) {
		w->off[t] = (uint32_t)off;
		w->n[t] = n[t];
		w->df += n[t];
		uint8_t *p = base + off;
		if (bitmap >> t & 1) {
			uint64_t *b = (uint64_t *)p;
			for (uint32_t i = 0; i < n[t]; i++)
				b[pos[t][i] >> 6] |= 1ull << (pos[t][i] & 63);
		} else {
			uint32_t last = 0;
			for (uint32_t i = 0; i < n[t]; i++) {
				p = varint_put(p, pos[t][i] - last);
				last = pos[t][i];
			}
		}
		off += bytes[t];
	}
	w->off[ST__N] = (uint32_t)off;
	w->bitmap = bitmap;
	memcpy(base + off, term, tlen + 1);
	return w;
}

void snap_word_ref(struct snap_word *w)
{
	atomic_fetch_add_explicit(&w->refs, 1, memory_order_relaxed);
}

void snap_word_unref(struct snap_word *w)
{
	if (w && atomic_fetch_sub_explicit(&w->refs, 1, memory_order_acq_rel) == 1)
		free(w);
}

const char *snap_word_term(const struct snap_word *w)
{
	return (const char *)w->data + w->off[ST__N];
}

size_t snap_word_bytes(const struct snap_word *w)
{
	return sizeof(*w) + w->off[ST__N] + align8(strlen(snap_word_term(w)) + 1);
}

void snap_word_or(const struct snap_word *w, enum search_table t, uint64_t *b, size_t words)
{
	const uint8_t *p = (const uint8_t *)w->data + w->off[t];
	if (w->bitmap >> t & 1) {
		const uint64_t *bits = (const uint64_t *)p;
		size_t nw = (w->off[t + 1] - w->off[t]) / 8;
		for (size_t i = 0; i < nw && i < words; i++)
			b[i] |= bits[i];
		return;
	}
	uint32_t pos = 0;
	for (uint32_t i = 0; i < w->n[t]; i++) {
		uint32_t gap;
		p = varint_get(p, &gap);
		pos += gap;
		if (pos >> 6 < words)
			b[pos >> 6] |= 1ull << (pos & 63);
	}
}

size_t snap_word_positions(const struct snap_word *w, enum search_table t, uint32_t *out)
{
	const uint8_t *p = (const uint8_t *)w->data + w->off[t];
	size_t k = 0;
	if (w->bitmap >> t & 1) {
		const uint64_t *bits = (const uint64_t *)p;
		size_t nw = (w->off[t + 1] - w->off[t]) / 8;
		for (size_t i = 0; i < nw; i++)
			for (uint64_t x = bits[i]; x; x &= x - 1)
				out[k++] = (uint32_t)(i * 64 + (size_t)__builtin_ctzll(x));
		return k;
	}
	uint32_t pos = 0;
	for (uint32_t i = 0; i < w->n[t]; i++) {
		uint32_t gap;
		p = varint_get(p, &gap);
		pos += gap;
		out[k++] = pos;
	}
	return k;
}

/* ---- the trigrams of the vocabulary ---- */

#define TRI_BITS 16
#define TRI_N (1u << TRI_BITS)

static uint32_t tri_hash(const unsigned char *p)
{
	return (((uint32_t)p[0] << 16 | (uint32_t)p[1] << 8 | p[2]) * 2654435761u) >> (32 - TRI_BITS);
}

void snap_tri_build(struct snap *sn)
{
	uint32_t *start = xcalloc(TRI_N + 1, sizeof(*start));
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < sn->n_words; i++) {
			const unsigned char *t = (const unsigned char *)snap_word_term(sn->wordv[i]);
			size_t n = strlen((const char *)t);
			uint32_t last = UINT32_MAX;
			for (size_t k = 0; k + 3 <= n; k++) {
				uint32_t h = tri_hash(t + k);
				if (h == last)
					continue;
				last = h;
				if (pass == 0)
					start[h + 1]++;
				else
					sn->tri_ids[start[h]++] = (uint32_t)i;
			}
		}
		if (pass == 0) {
			for (size_t h = 0; h < TRI_N; h++)
				start[h + 1] += start[h];
			sn->tri_ids = xmalloc((start[TRI_N] ? start[TRI_N] : 1) * sizeof(*sn->tri_ids));
		}
	}
	/* the second pass moved each start to the next bucket's */
	memmove(start + 1, start, TRI_N * sizeof(*start));
	start[0] = 0;
	sn->tri_start = start;
}

/* Is candidate c (df, term) before d in the order: more frequent, then term? */
static int before(const struct snap_word *c, const struct snap_word *d)
{
	if (c->df != d->df)
		return c->df > d->df;
	return strcmp(snap_word_term(c), snap_word_term(d)) < 0;
}

size_t snap_compounds(const struct snap *sn, const char *form, const char **out, size_t max)
{
	size_t len = strlen(form);
	if (len < 3 || !sn->tri_start || max == 0)
		return 0;
	/* the rarest trigram of the form: its words are the candidates */
	uint32_t best = 0, best_n = UINT32_MAX;
	for (size_t k = 0; k + 3 <= len; k++) {
		uint32_t h = tri_hash((const unsigned char *)form + k);
		uint32_t n = sn->tri_start[h + 1] - sn->tri_start[h];
		if (n < best_n) {
			best_n = n;
			best = h;
		}
	}
	const struct snap_word *top[64];
	size_t n = 0;
	if (max > NELEM(top))
		max = NELEM(top);
	uint32_t prev = UINT32_MAX;
	for (uint32_t i = sn->tri_start[best]; i < sn->tri_start[best + 1]; i++) {
		uint32_t id = sn->tri_ids[i];
		if (id == prev)
			continue;
		prev = id;
		const struct snap_word *w = sn->wordv[id];
		const char *t = snap_word_term(w);
		if (!w->df || strcmp(t, form) == 0 || !strstr(t, form))
			continue;
		if (n == max && !before(w, top[n - 1]))
			continue;
		size_t k = n < max ? n++ : n - 1; /* insertion in order */
		while (k > 0 && before(w, top[k - 1])) {
			top[k] = top[k - 1];
			k--;
		}
		top[k] = w;
	}
	for (size_t i = 0; i < n; i++)
		out[i] = snap_word_term(top[i]);
	return n;
}
