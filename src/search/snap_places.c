/* snap_places.c — where a snapshot's documents are, which ages they are
 * for and which features they have, in shapes a query answers without a
 * pass over every document:
 * the distinct places (one coordinate pair and the documents at it; offers
 * share their providers' addresses, so there are far fewer places than
 * documents), the places within a distance of a point, and the age ranges
 * as bitmaps of the documents a lower or upper bound leaves out; each
 * document's features and title rank in flat arrays (facets of a few
 * results are counted per document), the features in key order. Made
 * with each snapshot
 * (snap_derive); read-only afterwards. */
#include "search/search_internal.h"
#include "core/core.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Most distinct bounds kept as bitmaps; beyond, a range is checked per
 * document. */
#define MAX_BOUNDS 128

struct coord_doc {
	float lat, lon;
	uint32_t pos;
};

static int coord_cmp(const void *a, const void *b)
{
	const struct coord_doc *x = a, *y = b;
	if (x->lat != y->lat)
		return x->lat < y->lat ? -1 : 1;
	if (x->lon != y->lon)
		return x->lon < y->lon ? -1 : 1;
	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

static void build_places(struct snap *sn)
{
	size_t n = 0;
	for (size_t i = 0; i < sn->n_docs; i++)
		if (sn->docs[i].text)
			n += sn->docs[i].n_coords;
	struct coord_doc *v = xmalloc((n ? n : 1) * sizeof(*v));
	size_t k = 0;
	for (size_t i = 0; i < sn->n_docs; i++) {
		const struct snap_doc *d = &sn->docs[i];
		for (unsigned c = 0; d->text && c < d->n_coords; c++)
			v[k++] = (struct coord_doc){ sn->coords[d->coord_off + 2 * c], sn->coords[d->coord_off + 2 * c + 1],
						     (uint32_t)i };
	}
	qsort(v, n, sizeof(*v), coord_cmp);
	size_t cap = 0;
	sn->place_docs = xmalloc((n ? n : 1) * sizeof(*sn->place_docs));
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		int same = sn->n_places && v[i].lat == v[i - 1].lat && v[i].lon == v[i - 1].lon;
		if (same && v[i].pos == v[i - 1].pos)
			continue; /* a document twice at one place */
		if (!same) {
			sn->places = xgrow(sn->places, sn->n_places, &cap, sizeof(*sn->places), 1024);
			sn->places[sn->n_places++] = (struct snap_place){ v[i].lat, v[i].lon, (uint32_t)m, 0 };
		}
		sn->place_docs[m++] = v[i].pos;
		sn->places[sn->n_places - 1].n++;
	}
	sn->multi_place = 0; /* a document at several places? */
	for (size_t i = 0; i < sn->n_docs && !sn->multi_place; i++)
		sn->multi_place = sn->docs[i].text && sn->docs[i].n_coords > 1;
	free(v);
}

static int i32_cmp(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
	return x < y ? -1 : x > y;
}

/* The distinct values >= 0 of the lower (hi = 0) or upper (hi = 1)
 * bounds, ascending, into *out; how many, or MAX_BOUNDS + 1. */
static size_t distinct_bounds(const struct snap *sn, int hi, int32_t **out)
{
	int32_t seen[MAX_BOUNDS + 1] = { 0 }; /* (cppcheck: qsort of none) */
	size_t n = 0;
	for (size_t i = 0; i < sn->n_docs; i++) {
		const struct snap_doc *d = &sn->docs[i];
		int32_t b = hi ? d->hi : d->lo;
		if (!d->text || b < 0)
			continue;
		size_t k = 0;
		while (k < n && seen[k] != b)
			k++;
		if (k < n)
			continue;
		if (n == MAX_BOUNDS)
			return MAX_BOUNDS + 1;
		seen[n++] = b;
	}
	qsort(seen, n, sizeof(*seen), i32_cmp);
	*out = xmalloc((n ? n : 1) * sizeof(**out));
	memcpy(*out, seen, n * sizeof(*seen));
	return n;
}

static size_t bound_index(const int32_t *v, size_t n, int32_t b)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (v[mid] < b)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* lo_bits[i]: the documents whose lower bound is lo_v[i] or more;
 * hi_bits[j]: those whose upper bound is hi_v[j] or less. */
static void build_ranges(struct snap *sn)
{
	sn->n_lo = distinct_bounds(sn, 0, &sn->lo_v);
	sn->n_hi = sn->n_lo <= MAX_BOUNDS ? distinct_bounds(sn, 1, &sn->hi_v) : MAX_BOUNDS + 1;
	if (sn->n_lo > MAX_BOUNDS || sn->n_hi > MAX_BOUNDS) {
		free(sn->lo_v);
		sn->lo_v = NULL;
		sn->ranges_ok = 0;
		return;
	}
	size_t W = sn->words;
	sn->lo_bits = xcalloc((sn->n_lo ? sn->n_lo : 1) * W, sizeof(uint64_t));
	sn->hi_bits = xcalloc((sn->n_hi ? sn->n_hi : 1) * W, sizeof(uint64_t));
	for (size_t i = 0; i < sn->n_docs; i++) {
		const struct snap_doc *d = &sn->docs[i];
		if (!d->text)
			continue;
		if (d->lo >= 0)
			sn->lo_bits[bound_index(sn->lo_v, sn->n_lo, d->lo) * W + i / 64] |= 1ull << (i % 64);
		if (d->hi >= 0)
			sn->hi_bits[bound_index(sn->hi_v, sn->n_hi, d->hi) * W + i / 64] |= 1ull << (i % 64);
	}
	for (size_t k = sn->n_lo; k-- > 1;) /* lower bounds from k up */
		for (size_t j = 0; j < W; j++)
			sn->lo_bits[(k - 1) * W + j] |= sn->lo_bits[k * W + j];
	for (size_t k = 1; k < sn->n_hi; k++) /* upper bounds up to k */
		for (size_t j = 0; j < W; j++)
			sn->hi_bits[k * W + j] |= sn->hi_bits[(k - 1) * W + j];
	sn->ranges_ok = 1;
}

/* doc_feat[doc_feat_off[i]..doc_feat_off[i + 1]): the features of
 * position i; rank[i]: its place in title order. */
static void build_doc_features(struct snap *sn)
{
	size_t W = sn->words, n = 0;
	sn->doc_feat_off = xcalloc(sn->n_docs + 1, sizeof(*sn->doc_feat_off));
	for (size_t f = 0; f < sn->n_feat; f++)
		for (size_t j = 0; j < W; j++)
			for (uint64_t x = sn->feat_bits[f * W + j]; x; x &= x - 1) {
				size_t i = j * 64 + (size_t)__builtin_ctzll(x);
				if (i < sn->n_docs) {
					sn->doc_feat_off[i + 1]++;
					n++;
				}
			}
	for (size_t i = 0; i < sn->n_docs; i++)
		sn->doc_feat_off[i + 1] += sn->doc_feat_off[i];
	sn->doc_feat = xmalloc((n ? n : 1) * sizeof(*sn->doc_feat));
	uint32_t *at = xmalloc((sn->n_docs ? sn->n_docs : 1) * sizeof(*at));
	memcpy(at, sn->doc_feat_off, sn->n_docs * sizeof(*at));
	for (size_t f = 0; f < sn->n_feat; f++)
		for (size_t j = 0; j < W; j++)
			for (uint64_t x = sn->feat_bits[f * W + j]; x; x &= x - 1) {
				size_t i = j * 64 + (size_t)__builtin_ctzll(x);
				if (i < sn->n_docs)
					sn->doc_feat[at[i]++] = (uint16_t)f;
			}
	free(at);
	sn->rank = xmalloc((sn->n_docs ? sn->n_docs : 1) * sizeof(*sn->rank));
	for (size_t i = 0; i < sn->n_docs; i++)
		sn->rank[i] = sn->docs[i].name_rank;
}

struct feat_key {
	const char *key;
	uint16_t f;
};

static int by_key(const void *a, const void *b)
{
	return strcmp(((const struct feat_key *)a)->key, ((const struct feat_key *)b)->key);
}

/* The features in the order of their keys: facets are given in it. */
static void build_feature_order(struct snap *sn)
{
	struct feat_key *v = xmalloc((sn->n_feat ? sn->n_feat : 1) * sizeof(*v));
	for (size_t f = 0; f < sn->n_feat; f++)
		v[f] = (struct feat_key){ sn->feat[f], (uint16_t)f };
	qsort(v, sn->n_feat, sizeof(*v), by_key);
	sn->feat_by_key = xmalloc((sn->n_feat ? sn->n_feat : 1) * sizeof(*sn->feat_by_key));
	for (size_t f = 0; f < sn->n_feat; f++)
		sn->feat_by_key[f] = v[f].f;
	free(v);
}

void snap_places_build(struct snap *sn)
{
	build_places(sn);
	build_ranges(sn);
	build_doc_features(sn);
	build_feature_order(sn);
}

void snap_places_free(struct snap *sn)
{
	free(sn->places);
	free(sn->place_docs);
	free(sn->lo_v);
	free(sn->hi_v);
	free(sn->lo_bits);
	free(sn->hi_bits);
	free(sn->doc_feat_off);
	free(sn->doc_feat);
	free(sn->feat_by_key);
	free(sn->rank);
}

void snap_range_bits(const struct snap *sn, int value, uint64_t *out)
{
	size_t W = sn->words;
	memcpy(out, sn->live, W * sizeof(uint64_t));
	if (!sn->ranges_ok) {
		for (size_t i = 0; i < sn->n_docs; i++) {
			const struct snap_doc *d = &sn->docs[i];
			if ((d->lo >= 0 && d->lo > value) || (d->hi >= 0 && d->hi < value))
				out[i / 64] &= ~(1ull << (i % 64));
		}
		return;
	}
	/* the first lower bound above value leaves out its documents and
	 * those of every higher one; the last upper bound below it likewise */
	size_t k = bound_index(sn->lo_v, sn->n_lo, value + 1);
	if (k < sn->n_lo)
		for (size_t j = 0; j < W; j++)
			out[j] &= ~sn->lo_bits[k * W + j];
	k = bound_index(sn->hi_v, sn->n_hi, value);
	if (k > 0)
		for (size_t j = 0; j < W; j++)
			out[j] &= ~sn->hi_bits[(k - 1) * W + j];
}

size_t snap_near(const struct snap *sn, double lat, double lon, double radius_km, struct snap_near *out)
{
	double ky = 111.2, kx = 111.32 * cos(lat * M_PI / 180), r2 = radius_km * radius_km;
	/* a box around the circle first: most places are far */
	double dlat = radius_km * 1.001 / ky, dlon = kx > 1e-9 ? radius_km * 1.001 / kx : 360;
	size_t n = 0;
	for (size_t p = 0; p < sn->n_places; p++) {
		const struct snap_place *pl = &sn->places[p];
		if (pl->lat < lat - dlat || pl->lat > lat + dlat || pl->lon < lon - dlon || pl->lon > lon + dlon)
			continue;
		double dy = (pl->lat - lat) * ky, dx = (pl->lon - lon) * kx, d2 = dx * dx + dy * dy;
		if (d2 <= r2)
			out[n++] = (struct snap_near){ (uint32_t)p, (float)sqrt(d2) };
	}
	return n;
}
