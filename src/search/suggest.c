/* suggest.c — "Meinten Sie": a query word found only as a typo of an
 * indexed word, replaced by that word as the page's hits write it
 * ("ausbilding" -> "Ausbildung", not the search form "ausbild"). */
#include "search/search.h"
#include "core/core.h"

#include <string.h>

struct one_tok {
	const char *fold, *stem; /* of the only token (NULL: none or several) */
	int n;
	arena *a;
};

static int one_tok_cb(void *p, const char *fold, size_t nf, const char *stem, size_t ns)
{
	struct one_tok *o = p;
	if (o->n++ == 0) {
		o->fold = arena_strndup(o->a, fold, nf);
		o->stem = arena_strndup(o->a, stem, ns);
	}
	return 0;
}

/* The search form of a single word w (len bytes) into o. */
static void word_form(struct search_tok *t, arena *a, const char *w, size_t len, struct one_tok *o)
{
	*o = (struct one_tok){ .a = a };
	if (search_tok_run(t, w, len, one_tok_cb, o) != ST_OK || o->n != 1)
		o->fold = o->stem = NULL;
}

/* Is c a byte of a word (a letter or digit of any script)? */
static int word_byte(unsigned char c)
{
	return c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* Punctuation a text writes next to a word without a space, whose bytes
 * word_byte counts as a word's: quotation marks (German, French, Arabic),
 * dashes, the ellipsis, the middle dot, the Arabic comma, semicolon and
 * question mark. */
static const char *const marks[] = { "„", "“", "”", "‚", "‘", "’", "«", "»", "‹", "›", "–", "—",
				     "…", "·", "،", "؛", "؟" };

/* The length of the mark that [p, e) begins (at_end: ends) with, or 0. */
static size_t mark(const char *p, const char *e, int at_end)
{
	for (size_t i = 0; i < sizeof(marks) / sizeof(marks[0]); i++) {
		size_t n = strlen(marks[i]);
		if ((size_t)(e - p) >= n && memcmp(at_end ? e - n : p, marks[i], n) == 0)
			return n;
	}
	return 0;
}

/* Can word w have the search form stem? Not when both begin with an
 * ASCII letter or digit and those differ (the tokenizer lower-cases, and
 * folding and stemming change the later letters of a Latin word and the
 * letters of other scripts, never its first): most words of a text are
 * passed over without tokenizing them. */
static int may_be(const char *w, const char *stem)
{
	unsigned char a = (unsigned char)w[0], b = (unsigned char)stem[0];
	return a >= 0x80 || b >= 0x80 || (a | 0x20) == (b | 0x20);
}

/* The word of text whose search form is stem, the fewest edits from
 * typed (folded), into *best (as written; kept when none is nearer). */
static void written(struct search_tok *t, arena *a, const char *text, const char *stem, const char *typed,
		    const char **best, int *best_d)
{
	if (!text)
		return;
	for (const char *p = text; *p;) {
		while (*p && !word_byte((unsigned char)*p))
			p++;
		const char *e = p;
		while (*e && word_byte((unsigned char)*e))
			e++;
		const char *w = p, *we = e; /* the word without the marks around it */
		for (size_t k; (k = mark(w, we, 0)) != 0;)
			w += k;
		for (size_t k; (k = mark(w, we, 1)) != 0;)
			we -= k;
		struct one_tok o;
		if (we > w && may_be(w, stem)) {
			word_form(t, a, w, (size_t)(we - w), &o);
			int d = o.stem && strcmp(o.stem, stem) == 0
					? search_edits(o.fold, strlen(o.fold), typed, strlen(typed), 8) : 9;
			if (d < *best_d) {
				*best_d = d;
				*best = arena_strndup(a, w, (size_t)(we - w));
			}
		}
		p = e;
	}
}

const char *search_suggest(struct store *s, arena *a, const char *q, const struct search_result *r,
			   const char *const *texts, size_t n_texts)
{
	if (!q || !r->n_corrected)
		return NULL;
	struct search_tok *t = search_tok_thread(s);
	if (!t)
		return NULL;
	const char **with = arena_alloc(a, r->n_corrected * sizeof(*with));
	for (size_t i = 0; i < r->n_corrected; i++) {
		int d = 9;
		with[i] = NULL;
		for (size_t k = 0; k < n_texts; k++)
			written(t, a, texts[k], r->corrected_to[i], r->corrected[i], &with[i], &d);
		if (!with[i])
			return NULL;
	}
	buf b;
	buf_init(&b, 0);
	for (const char *p = q; *p;) {
		const char *e = p;
		while (*e && *e != ' ')
			e++;
		struct one_tok o;
		word_form(t, a, p, (size_t)(e - p), &o);
		const char *rep = NULL;
		for (size_t i = 0; o.fold && i < r->n_corrected && !rep; i++)
			if (strcmp(o.fold, r->corrected[i]) == 0)
				rep = with[i];
		if (rep)
			buf_puts(&b, rep);
		else
			buf_append(&b, p, (size_t)(e - p));
		for (p = e; *p == ' '; p++)
			buf_putc(&b, ' ');
	}
	const char *sug = !b.err ? arena_strdup(a, buf_str(&b)) : NULL;
	buf_free(&b);
	return sug;
}
