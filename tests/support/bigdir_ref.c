/* bigdir_ref.c — the reference of the finder's search over the big
 * generated directory's model (see bigdir.h): every offer looked at one
 * by one, no index; the comparison of dir_search's answer with it, and a
 * query in readable form for messages. */
#include "bigdir.h"
#include "search/search.h"
#include "core/buf.h"
#include "core/core.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- the reference: every offer, one by one ---- */

/* The coordinates of place k as the index holds them: the spreadsheet's
 * text read as a double, written with six decimals, read as a float. */
static void place_coords_of(size_t k, float *lat, float *lon)
{
	char t[40];
	double v[2] = { bigdir_places[k].lat, bigdir_places[k].lon };
	float f[2];
	for (int i = 0; i < 2; i++) {
		snprintf(t, sizeof(t), "%.4f", v[i]);
		snprintf(t, sizeof(t), "%.6f", strtod(t, NULL));
		f[i] = (float)strtod(t, NULL);
	}
	*lat = f[0];
	*lon = f[1];
}

static void place_coords(size_t k, float *lat, float *lon)
{
	static float cache[64][2];
	static int done;
	if (!done) {
		for (size_t i = 0; i < bigdir_n_places && i < 64; i++)
			place_coords_of(i, &cache[i][0], &cache[i][1]);
		done = 1;
	}
	*lat = cache[k][0];
	*lon = cache[k][1];
}

/* The made-up words of text (the first 8, as the finder uses 8), their
 * count in *n; -1 when text holds anything else. */
static int text_words(const char *text, int w[8], int *n)
{
	*n = 0;
	for (const char *p = text; *p;) {
		unsigned char c = (unsigned char)*p;
		if (c >= 0x80)
			return -1;
		if (!((c | 0x20) >= 'a' && (c | 0x20) <= 'z') && !(c >= '0' && c <= '9')) {
			p++;
			continue;
		}
		const char *e = p;
		while (((*e | 0x20) >= 'a' && (*e | 0x20) <= 'z') || (*e >= '0' && *e <= '9'))
			e++;
		int found = -1;
		for (size_t k = 0; k < bigdir_n_words && found < 0; k++)
			if (strlen(bigdir_words[k]) == (size_t)(e - p) && strncasecmp(bigdir_words[k], p, (size_t)(e - p)) == 0)
				found = (int)k;
		if (found < 0)
			return -1;
		if (*n < 8)
			w[(*n)++] = found;
		p = e;
	}
	return 0;
}

struct rcand {
	uint32_t idx;
	float score, dist;
	uint32_t rank;
};

static int rcand_cmp(const void *x, const void *y)
{
	const struct rcand *a = x, *b = y;
	if (a->dist != b->dist) /* -1 for all without a postcode */
		return a->dist < b->dist ? -1 : 1;
	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	return a->rank < b->rank ? -1 : a->rank > b->rank;
}

int bigdir_ref_search(const struct bigdir *d, const struct dir_search_query *q, int ignore_text, struct bigdir_ref *out)
{
	memset(out, 0, sizeof(*out));
	int words[8], nw = 0, rc = ST_OK;
	if (q->q && text_words(q->q, words, &nw) != 0) {
		if (!ignore_text)
			return -1;
		nw = 0;
		rc = -1;
	}
	int center = 0;
	double clat = 0, clon = 0, r2 = 0, kx = 0, ky = 111.2;
	if (q->postcode && *q->postcode) {
		size_t k = 0;
		while (k < d->n_postcodes && strcmp(d->postcodes[k].code, q->postcode) != 0)
			k++;
		if (k == d->n_postcodes)
			return ST_NOTFOUND;
		center = 1;
		clat = d->postcodes[k].lat;
		clon = d->postcodes[k].lon;
		double radius = q->radius_km > 0 ? q->radius_km : 25;
		r2 = radius * radius;
		kx = 111.32 * cos(clat * M_PI / 180);
	}
	/* the filters in groups: the terms of one taxonomy (one of them
	 * needed), the language, free of charge; each group is needed */
	enum { G_LANG = DIR_SEARCH_MAX_TERMS, G_FREE, G__N };
	uint64_t need_t[DIR_SEARCH_MAX_TERMS]; /* per taxonomy group: its known terms */
	const char *gkey[DIR_SEARCH_MAX_TERMS];
	size_t glen[DIR_SEARCH_MAX_TERMS];
	int ng = 0;
	for (size_t i = 0; i < q->n_terms && i < DIR_SEARCH_MAX_TERMS; i++) {
		const char *colon = strchr(q->terms[i], ':');
		size_t len = colon ? (size_t)(colon - q->terms[i]) + 1 : strlen(q->terms[i]);
		int g = 0;
		while (g < ng && !(glen[g] == len && strncmp(gkey[g], q->terms[i], len) == 0))
			g++;
		if (g == ng) {
			gkey[ng] = q->terms[i];
			glen[ng] = len;
			need_t[ng++] = 0;
		}
		int t = bigdir_term(q->terms[i]);
		if (t >= 0) /* a term no offer has adds nothing */
			need_t[g] |= 1ull << t;
	}
	int term_group[64]; /* per term: its group of the query, or -1 */
	for (size_t t = 0; t < bigdir_n_terms && t < 64; t++) {
		const char *colon = strchr(bigdir_terms[t], ':');
		size_t len = (size_t)(colon - bigdir_terms[t]) + 1;
		term_group[t] = -1;
		for (int g = 0; g < ng; g++)
			if (glen[g] == len && strncmp(gkey[g], bigdir_terms[t], len) == 0)
				term_group[t] = g;
	}
	int need_l = -2; /* -2: no language asked; -1: one no offer has */
	if (q->language && *q->language) {
		need_l = -1;
		for (size_t l = 0; l < bigdir_n_langs; l++)
			if (strcmp(bigdir_langs[l], q->language) == 0)
				need_l = (int)l;
	}
	float plat[64], plon[64];
	for (size_t k = 0; k < bigdir_n_places && k < 64; k++)
		place_coords(k, &plat[k], &plon[k]);

	/* scratch kept from call to call (big allocations are slow under
	 * AddressSanitizer): one reference at a time */
	static uint8_t *in;
	static float *odist;
	static struct rcand *v;
	static struct pre {
		int fails, failed;   /* groups failed, the (last) one */
		uint32_t words;      /* the query words it has (bit k: word k) */
		uint32_t in_name;    /* those in its name */
	} *pre;
	static size_t cap;
	if (cap < d->n_offers) {
		free(in);
		free(odist);
		free(v);
		free(pre);
		cap = d->n_offers;
		in = malloc(cap);
		odist = malloc(cap * sizeof(*odist));
		v = malloc(cap * sizeof(*v));
		pre = malloc(cap * sizeof(*pre));
		if (!in || !odist || !v || !pre)
			abort();
	}
	memset(in, 0, d->n_offers);
	for (size_t i = 0; i < d->n_offers; i++) {
		odist[i] = -1;
		pre[i].fails = -1; /* out: age, distance */
	}
	out->in = in;
	out->odist = odist;
	/* per offer: age, distance, the groups it fails, its words */
	for (size_t r = 0; r < d->n_public; r++) {
		size_t i = d->by_name[r];
		const struct bigdir_offer *o = &d->offers[i];
		if (q->age >= 0 && ((o->min_age >= 0 && o->min_age > q->age) || (o->max_age >= 0 && o->max_age < q->age)))
			continue;
		if (center) {
			/* the nearest public place with coordinates, as search.c measures */
			double best = -1;
			for (int k = 0; k < o->n_places; k++) {
				const struct bigdir_place *p = &bigdir_places[o->places[k]];
				if (!p->has_coords || p->confidential)
					continue;
				double dy = (plat[o->places[k]] - clat) * ky;
				double dx = (plon[o->places[k]] - clon) * kx;
				double d2 = dx * dx + dy * dy;
				if (d2 <= r2 && (best < 0 || d2 < best))
					best = d2;
			}
			if (best < 0)
				continue;
			odist[i] = (float)sqrt(best);
		}
		struct pre *p = &pre[i];
		p->fails = 0;
		for (int g = 0; g < ng; g++)
			if (!(o->terms & need_t[g]))
				p->fails++, p->failed = g;
		if (need_l != -2 && (need_l < 0 || !((o->langs >> need_l) & 1)))
			p->fails++, p->failed = G_LANG;
		if (q->free_only && !o->free_of_charge)
			p->fails++, p->failed = G_FREE;
		p->words = p->in_name = 0;
		for (int k = 0; k < nw; k++) {
			uint32_t bit = 1u << words[k];
			if ((o->words_name | o->words_desc) & bit)
				p->words |= 1u << k;
			if (o->words_name & bit)
				p->in_name |= 1u << k;
		}
	}
	/* the words that count: all, or when no offer has them all, the
	 * largest set of them some offer has, with the best-ranked offer
	 * (then the most offers), the first such set in mask order */
	uint32_t keep = nw ? (1u << nw) - 1 : 0;
	for (int pass = 0; pass < 2 && nw >= 2; pass++) {
		size_t all = 0;
		for (size_t i = 0; i < d->n_offers && !pass; i++)
			all += pre[i].fails == 0 && (pre[i].words & keep) == keep;
		if (all)
			break;
		for (int size = nw - 1; size > 0 && pass; size--) {
			uint32_t best_mask = 0;
			float best_score = -1;
			size_t best_count = 0;
			for (uint32_t mask = 0; mask < (1u << nw); mask++) {
				if (__builtin_popcount(mask) != size)
					continue;
				float top = -1;
				size_t count = 0;
				for (size_t i = 0; i < d->n_offers; i++) {
					if (pre[i].fails != 0 || (pre[i].words & mask) != mask)
						continue;
					count++;
					float sc = 0;
					for (int k = 0; k < nw; k++)
						if (mask >> k & 1)
							sc += (pre[i].in_name >> k & 1) ? 10 : 1;
					if (sc > top)
						top = sc;
				}
				if (count && (top > best_score || (top == best_score && count > best_count))) {
					best_mask = mask;
					best_score = top;
					best_count = count;
				}
			}
			if (best_mask) {
				keep = best_mask;
				break;
			}
		}
	}
	out->dropped = nw ? (uint32_t)((1u << nw) - 1) & ~keep : 0;
	size_t n = 0;
	/* in name order, so that without text or postcode no sort is needed */
	for (size_t r = 0; r < d->n_public; r++) {
		size_t i = d->by_name[r];
		const struct bigdir_offer *o = &d->offers[i];
		const struct pre *p = &pre[i];
		if (p->fails < 0 || p->fails > 1 || (p->words & keep) != keep)
			continue;
		/* facets: a value of a group of the query counts the offers
		 * that pass every other group */
		for (uint64_t t = o->terms; t; t &= t - 1) {
			int k = __builtin_ctzll(t);
			out->term_count[k] += p->fails == 0 || (term_group[k] >= 0 && p->failed == term_group[k]);
		}
		for (uint32_t l = o->langs; l; l &= l - 1)
			out->lang_count[__builtin_ctz(l)] += p->fails == 0 || (need_l != -2 && p->failed == G_LANG);
		out->n_free += o->free_of_charge && (p->fails == 0 || (q->free_only && p->failed == G_FREE));
		if (p->fails)
			continue;
		float score = 0;
		for (int k = 0; k < nw; k++)
			if (keep >> k & 1)
				score += (p->in_name >> k & 1) ? 10 : 1; /* R_NAME, else R_BODY */
		out->in[i] = 1;
		out->total++;
		v[n++] = (struct rcand){ (uint32_t)i, nw ? score : 0, odist[i], o->name_rank };
	}
	if (center || nw)
		qsort(v, n, sizeof(*v), rcand_cmp);
	out->per_page = q->per_page > 0 && q->per_page <= 100 ? q->per_page : 20;
	out->page = q->page > 0 ? q->page : 1;
	out->pages = (int)((out->total + (size_t)out->per_page - 1) / (size_t)out->per_page);
	size_t from = (size_t)(out->page - 1) * (size_t)out->per_page;
	size_t to = from + (size_t)out->per_page < out->total ? from + (size_t)out->per_page : out->total;
	size_t np = from < to ? to - from : 0;
	out->hits = malloc((np ? np : 1) * sizeof(*out->hits));
	out->dist = malloc((np ? np : 1) * sizeof(*out->dist));
	out->score = malloc((np ? np : 1) * sizeof(*out->score));
	if (!out->hits || !out->dist || !out->score)
		abort();
	for (size_t k = 0; k < np; k++) {
		out->hits[k] = v[from + k].idx;
		out->dist[k] = v[from + k].dist;
		out->score[k] = v[from + k].score;
	}
	out->n_hits = np;
	return rc;
}

void bigdir_ref_free(struct bigdir_ref *r)
{
	free(r->hits);
	free(r->dist);
	free(r->score);
	memset(r, 0, sizeof(*r)); /* in and odist are the scratch of bigdir_ref_search */
}

const char *bigdir_query_text(arena *a, const struct dir_search_query *q)
{
	buf b;
	buf_init(&b, 0);
	if (q->q)
		buf_printf(&b, "q='%s' ", q->q);
	for (size_t i = 0; i < q->n_terms; i++)
		buf_printf(&b, "%s ", q->terms[i]);
	if (q->language)
		buf_printf(&b, "lang:%s ", q->language);
	if (q->age >= 0)
		buf_printf(&b, "age=%d ", q->age);
	if (q->free_only)
		buf_puts(&b, "free ");
	if (q->postcode)
		buf_printf(&b, "plz=%s radius=%d ", q->postcode, q->radius_km);
	buf_printf(&b, "page=%d per_page=%d", q->page, q->per_page);
	const char *s = arena_strdup(a, buf_str(&b));
	buf_free(&b);
	return s;
}

#define DIFF(...)                                             \
	do {                                                  \
		snprintf(why, whylen, __VA_ARGS__);           \
		rc = -1;                                      \
		goto out;                                     \
	} while (0)

/* The hit's data against the model. */
static int hit_matches(const struct bigdir *d, const struct dir_search_hit *h, const struct bigdir_offer *o, char *why,
		       size_t whylen)
{
	int rc = 0;
	uint64_t terms = 0;
	uint32_t langs = 0;
	if (strcmp(h->name, o->name) != 0 || h->free_of_charge != o->free_of_charge || h->minimum_age != o->min_age ||
	    h->maximum_age != o->max_age || strcmp(h->organization_id, d->orgs[o->org].id) != 0)
		DIFF("hit %s: name, free, ages or provider differ from the model", h->id);
	for (size_t k = 0; k < h->n_terms; k++) {
		char key[128];
		snprintf(key, sizeof(key), "%s:%s", h->terms[k].taxonomy_code, h->terms[k].code);
		int t = bigdir_term(key);
		if (t < 0)
			DIFF("hit %s: unknown term %s", h->id, key);
		terms |= 1ull << t;
	}
	for (size_t k = 0; k < h->n_languages; k++)
		for (size_t l = 0; l < bigdir_n_langs; l++)
			if (strcmp(h->languages[k], bigdir_langs[l]) == 0)
				langs |= 1u << l;
	if (terms != o->terms || langs != o->langs || h->n_languages != (size_t)__builtin_popcount(o->langs))
		DIFF("hit %s: terms or languages differ from the model", h->id);
out:
	return rc;
}

int bigdir_check(const struct bigdir *d, const struct dir_search_query *q, int rc_got, const struct dir_search_result *got,
		 char *why, size_t whylen)
{
	struct bigdir_ref ref;
	int rc = 0;
	int ref_rc = bigdir_ref_search(d, q, 1, &ref);
	int partial = ref_rc == -1;
	if (ref_rc == ST_NOTFOUND || rc_got == ST_NOTFOUND) {
		if (ref_rc != rc_got)
			DIFF("status %d, expected %d", rc_got, ref_rc);
		if (got->total || got->n_hits)
			DIFF("an unknown postcode gave results");
		goto out;
	}
	if (rc_got != ST_OK)
		DIFF("dir_search failed: %d", rc_got);
	if (got->per_page != ref.per_page || got->page != ref.page)
		DIFF("page %d per_page %d, expected %d %d", got->page, got->per_page, ref.page, ref.per_page);
	if (got->pages != (int)((got->total + (size_t)got->per_page - 1) / (size_t)got->per_page))
		DIFF("pages %d for total %zu", got->pages, got->total);
	size_t from = (size_t)(got->page - 1) * (size_t)got->per_page;
	size_t want_hits = from < got->total ? got->total - from : 0;
	if (want_hits > (size_t)got->per_page)
		want_hits = (size_t)got->per_page;
	if (got->n_hits != want_hits)
		DIFF("%zu hits on the page, expected %zu (total %zu)", got->n_hits, want_hits, got->total);
	if (!partial) {
		if (got->total != ref.total)
			DIFF("total %zu, expected %zu", got->total, ref.total);
		if (got->n_free != ref.n_free)
			DIFF("n_free %zu, expected %zu", got->n_free, ref.n_free);
		if (got->n_dropped != (size_t)__builtin_popcount(ref.dropped))
			DIFF("%zu words left out, expected %d", got->n_dropped, __builtin_popcount(ref.dropped));
	} else if (got->total > ref.total || got->n_free > ref.n_free || got->n_free > got->total) {
		DIFF("total %zu / n_free %zu above those without text (%zu / %zu)", got->total, got->n_free, ref.total,
		     ref.n_free);
	}
	/* facets: each value with its count, none more */
	size_t want_facets = 0;
	for (size_t t = 0; t < bigdir_n_terms; t++)
		want_facets += ref.term_count[t] > 0;
	for (size_t l = 0; l < bigdir_n_langs; l++)
		want_facets += ref.lang_count[l] > 0;
	for (size_t k = 0; k < got->n_facets; k++) {
		const struct dir_search_facet *f = &got->facets[k];
		int want = -1;
		if (strncmp(f->key, "lang:", 5) == 0) {
			for (size_t l = 0; l < bigdir_n_langs; l++)
				if (strcmp(f->key + 5, bigdir_langs[l]) == 0)
					want = ref.lang_count[l];
		} else {
			int t = bigdir_term(f->key);
			want = t >= 0 ? ref.term_count[t] : -1;
		}
		/* a value of a filter group of the query may count more than the results */
		int grouped = strncmp(f->key, "lang:", 5) == 0 && q->language && *q->language;
		for (size_t t = 0; t < q->n_terms && !grouped; t++) {
			const char *colon = strchr(f->key, ':');
			grouped = colon && strncmp(q->terms[t], f->key, (size_t)(colon - f->key) + 1) == 0;
		}
		if (want < 0 || f->count <= 0 || (!partial && f->count != want) || (partial && f->count > want) ||
		    (!grouped && (size_t)f->count > got->total))
			DIFF("facet %s: %d, expected %d", f->key, f->count, want);
	}
	if (!partial && got->n_facets != want_facets)
		DIFF("%zu facets, expected %zu", got->n_facets, want_facets);
	/* the page */
	for (size_t k = 0; k < got->n_hits; k++) {
		const struct dir_search_hit *h = &got->hits[k];
		long i = bigdir_find(d, h->id);
		if (i < 0 || !ref.in[i])
			DIFF("hit %zu (%s, %s) is not a result", k + 1, h->id, h->name);
		if (hit_matches(d, h, &d->offers[i], why, whylen) != 0) {
			rc = -1;
			goto out;
		}
		if (h->distance_km != (double)ref.odist[i])
			DIFF("hit %zu (%s): distance %.9f, expected %.9f", k + 1, h->name, h->distance_km,
			     (double)ref.odist[i]);
		if (partial) {
			if (k > 0 && q->postcode && got->hits[k - 1].distance_km > h->distance_km)
				DIFF("hit %zu: not in distance order", k + 1);
			if (k > 0 && !q->postcode && got->hits[k - 1].score < h->score)
				DIFF("hit %zu: not in rank order", k + 1);
			continue;
		}
		if ((uint32_t)i != ref.hits[k]) {
			const struct bigdir_offer *w = &d->offers[ref.hits[k]];
			DIFF("hit %zu: %s '%s' (rank %u, score %.0f, %.6f km), expected %s '%s' (rank %u, score %.0f, "
			     "%.6f km)",
			     k + 1, h->id, h->name, d->offers[i].name_rank, h->score, h->distance_km, w->id, w->name,
			     w->name_rank, (double)ref.score[k], (double)ref.dist[k]);
		}
		if (h->score != (double)ref.score[k])
			DIFF("hit %zu (%s): score %.1f, expected %.1f", k + 1, h->name, h->score, (double)ref.score[k]);
	}
out:
	bigdir_ref_free(&ref);
	return rc;
}
