/* cards.c — the finder's result cards, each written once per offer and
 * language and kept: a page copies the cards it shows and writes only
 * their distance itself.
 *
 * A card is kept by what it shows (its offer's texts, terms, languages,
 * ages, cost, in the page's language: a 64-bit hash of them, and the
 * offer's id), so a changed offer's card is written again on the next
 * page that shows it, however the index changed; a card no longer shown
 * is pushed out by others. The table has a fixed number of slots (a
 * card's place is its hash), shared by the server's threads under a lock
 * held only to look up, copy or replace one card. */
#include "directory/public/public_internal.h"
#include "directory/languages.h"
#include "core/core.h"
#include "core/i18n.h"
#include "html/layout.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How many cards are kept: a page shows 20, a card is about 1 KB, so at
 * most some 8 MB for the offers of many different queries. */
#define CARD_SLOTS 8192
/* A card longer than this (very long names) is written every time. */
#define CARD_MAX 8192
#define CARD_ID_MAX 40

struct card_slot {
	uint64_t hash;         /* of what the card shows, in its language; 0: empty */
	char id[CARD_ID_MAX];  /* the offer's */
	char *html;            /* the card: before the distance [0, split), after it [split, len) */
	uint32_t split, len;
};

static struct card_slot slots[CARD_SLOTS];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

/* ---- what a card shows, as a hash ---- */

/* s (NULL differs from "") into the hash h, eight bytes at a time. */
static uint64_t mix(uint64_t h, const char *s)
{
	const uint64_t k = 0x9e3779b97f4a7c15ull;
	if (!s)
		return ((h ^ 0x5bd1e995ull) * k) ^ (h >> 31);
	size_t n = strlen(s);
	uint64_t w;
	for (; n >= 8; n -= 8, s += 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * k;
		h ^= h >> 29;
	}
	w = 0;
	memcpy(&w, s, n);
	h = (h ^ w ^ ((uint64_t)n << 56)) * k;
	return h ^ (h >> 32);
}

static uint64_t mix_int(uint64_t h, long long v)
{
	h = (h ^ (uint64_t)v) * 0xff51afd7ed558ccdull;
	return h ^ (h >> 33);
}

static uint64_t card_hash(const struct req *r, const struct dir_search_hit *x)
{
	uint64_t h = mix(0xcbf29ce484222325ull, r->lang);
	h = mix(h, x->id);
	h = mix(h, x->name);
	h = mix(h, x->name_lang);
	h = mix(h, x->organization_id);
	h = mix(h, x->organization_name);
	h = mix(h, x->summary);
	h = mix(h, x->summary_lang);
	h = mix_int(h, x->free_of_charge);
	h = mix_int(h, x->minimum_age);
	h = mix_int(h, x->maximum_age);
	h = mix_int(h, (long long)x->n_terms);
	for (size_t i = 0; i < x->n_terms; i++) {
		h = mix(h, x->terms[i].taxonomy_code);
		h = mix(h, x->terms[i].name);
	}
	h = mix_int(h, (long long)x->n_languages);
	for (size_t i = 0; i < x->n_languages; i++)
		h = mix(h, x->languages[i]);
	return h ? h : 1; /* 0 marks an empty slot */
}

/* ---- writing a card ---- */

static const char *language(struct req *r, const char *code)
{
	const char *n = dir_language_name(code, r->lang);
	return n ? n : code;
}

static const char *num(struct req *r, long long n)
{
	return arena_printf(r->a, "%lld", n);
}

static const char *ages(struct req *r, int min, int max)
{
	if (min >= 0 && max >= 0)
		return i18n_fill(r->a, T(r, "{1}–{2} Jahre"), num(r, min), num(r, max), NULL);
	if (min >= 0)
		return i18n_fill(r->a, T(r, "ab {1} Jahren"), num(r, min), NULL);
	if (max >= 0)
		return i18n_fill(r->a, T(r, "bis {1} Jahre"), num(r, max), NULL);
	return NULL;
}

/* Terms shown as tags: the kind of offer and its target groups. */
static int tag_term(const struct dir_term *t)
{
	return strcmp(t->taxonomy_code, "angebotsart") == 0 || strcmp(t->taxonomy_code, "zielgruppe") == 0;
}

/* "3,4 km" in German, "3.4 km" otherwise. */
static const char *km(struct req *r, double d)
{
	char *s = arena_printf(r->a, "%.1f km", d);
	if (strcmp(r->lang, "de") == 0)
		for (char *p = s; *p; p++)
			if (*p == '.')
				*p = ',';
	return s;
}

/* The distance, in the provider's line. */
static void distance(html *h, struct req *r, const struct dir_search_hit *x)
{
	if (x->distance_km < 0)
		return;
	html_text(h, " · ");
	html_elem(h, "strong", km(r, x->distance_km), NULL);
}

/* The card of x into b, without its distance, which goes at *split. */
static void card_write(buf *b, struct req *r, const struct dir_search_hit *x, size_t *split)
{
	html hh = html_on(b), *h = &hh;
	html_open(h, "li", "class", "hit", NULL);
	/* the offer's text is German (the directory's language) */
	const char *de = strcmp(r->lang, "de") == 0 ? NULL : "de", *dir = layout_dir(r, "de");
	/* or its translation into the reader's language (sql/0017) */
	const char *nl = x->name_lang ? x->name_lang : de, *sl = x->summary_lang ? x->summary_lang : de;
	html_open(h, "h3", "lang", nl, "dir", layout_dir(r, nl ? nl : r->lang), NULL);
	html_elem(h, "a", x->name, "href", arena_printf(r->a, "/angebote/%s", x->id), NULL);
	html_close(h, "h3");
	/* provider, places, distance */
	html_open(h, "p", "class", "meta", NULL);
	html_elem(h, "a", x->organization_name, "href", arena_printf(r->a, "/traeger/%s", x->organization_id), "dir",
		  layout_dir(r, NULL), NULL);
	for (size_t i = 0; i < x->n_terms; i++) {
		if (strcmp(x->terms[i].taxonomy_code, "ort") == 0) {
			html_text(h, " · ");
			html_text(h, x->terms[i].name);
		}
	}
	*split = b->len;
	html_close(h, "p");
	if (x->summary && *x->summary)
		html_elem(h, "p", x->summary, "lang", sl, "dir", sl ? layout_dir(r, sl) : dir, NULL);
	/* what it is and for whom */
	size_t shown = 0;
	for (size_t i = 0; i < x->n_terms; i++)
		shown += tag_term(&x->terms[i]);
	if (shown || x->free_of_charge) {
		html_open(h, "ul", "class", "tags", NULL);
		if (x->free_of_charge)
			html_elem(h, "li", T(r, "kostenlos"), "class", "tag", NULL);
		for (size_t i = 0; i < x->n_terms; i++)
			if (tag_term(&x->terms[i]))
				html_elem(h, "li", x->terms[i].name, "class", "tag", NULL);
		html_close(h, "ul");
	}
	const char *age = ages(r, x->minimum_age, x->maximum_age);
	if (x->n_languages || age) {
		html_open(h, "p", "class", "meta", NULL);
		if (x->n_languages) {
			buf langs;
			buf_init(&langs, 0);
			for (size_t i = 0; i < x->n_languages; i++) {
				if (i)
					buf_append(&langs, ", ", 2);
				buf_puts(&langs, language(r, x->languages[i]));
			}
			html_text(h, i18n_fill(r->a, T(r, "Sprachen: {1}"), buf_str(&langs), NULL));
			buf_free(&langs);
		}
		if (age) {
			if (x->n_languages)
				html_text(h, " · ");
			html_text(h, age);
		}
		html_close(h, "p");
	}
	dir_public_keep_button(h, r, x->id);
	html_close(h, "li");
}

/* ---- the table ---- */

/* The kept card of x into h (with its distance): 1, or 0 when there is
 * none. */
static int card_copy(html *h, struct req *r, const struct dir_search_hit *x, uint64_t hash)
{
	int found = 0;
	pthread_mutex_lock(&lock);
	const struct card_slot *s = &slots[hash % CARD_SLOTS];
	if (s->hash == hash && strcmp(s->id, x->id) == 0) {
		html_raw_trusted_n(h, s->html, s->split);
		distance(h, r, x);
		html_raw_trusted_n(h, s->html + s->split, s->len - s->split);
		found = 1;
	}
	pthread_mutex_unlock(&lock);
	return found;
}

static void card_keep(const struct dir_search_hit *x, uint64_t hash, const buf *b, size_t split)
{
	if (b->err || b->len > CARD_MAX || strlen(x->id) >= CARD_ID_MAX)
		return;
	char *copy = xmalloc(b->len);
	memcpy(copy, b->data, b->len);
	pthread_mutex_lock(&lock);
	struct card_slot *s = &slots[hash % CARD_SLOTS];
	char *old = s->html;
	s->hash = hash;
	snprintf(s->id, sizeof(s->id), "%s", x->id); /* fits: checked above */
	s->html = copy;
	s->split = (uint32_t)split;
	s->len = (uint32_t)b->len;
	pthread_mutex_unlock(&lock);
	free(old);
}

void dir_public_card(html *h, struct req *r, const struct dir_search_hit *x)
{
	uint64_t hash = card_hash(r, x);
	if (card_copy(h, r, x, hash))
		return;
	buf b;
	buf_init(&b, 0);
	buf_reserve(&b, 2048);
	size_t split = 0;
	card_write(&b, r, x, &split);
	html_raw_trusted_n(h, b.data, split);
	distance(h, r, x);
	html_raw_trusted_n(h, b.data + split, b.len - split);
	card_keep(x, hash, &b, split);
	buf_free(&b);
}
