/* suggest.c — "Meinten Sie": a query word found only as a typo of an
 * indexed word, replaced by that word as the page's hits write it
 * ("ausbilding" -> "Ausbildung", not the search form "ausbild"). The
 * tokenizer says where each word of a text stands, so what is taken from
 * a text or kept of the query is exactly a word, without the quotation
 * marks or punctuation around it. */
#include "search/search.h"
#include "core/core.h"

#include <string.h>

/* Among the words of a text with the search form stem, the one fewest
 * edits from typed (folded), as written. */
struct nearest {
	arena *a;
	const char *text, *stem, *typed;
	size_t nstem, ntyped;
	const char *best; /* kept when no word of a later text is nearer */
	int d;
};

static int nearest_word(void *p, const char *fold, size_t nf, const char *stem, size_t ns, size_t start, size_t end)
{
	struct nearest *x = p;
	if (ns != x->nstem || memcmp(stem, x->stem, ns) != 0)
		return 0;
	int d = search_edits(fold, nf, x->typed, x->ntyped, 8);
	if (d < x->d) {
		x->d = d;
		x->best = arena_strndup(x->a, x->text + start, end - start);
	}
	return 0;
}

/* The query with its corrected words replaced, the rest as typed. */
struct rewrite {
	const char *q;
	size_t done;          /* the bytes of q written to b */
	const struct search_result *r;
	const char *const *with; /* per corrected word */
	buf b;
};

static int rewrite_word(void *p, const char *fold, size_t nf, const char *stem, size_t ns, size_t start, size_t end)
{
	(void)stem, (void)ns;
	struct rewrite *w = p;
	for (size_t i = 0; i < w->r->n_corrected; i++)
		if (strlen(w->r->corrected[i]) == nf && memcmp(w->r->corrected[i], fold, nf) == 0) {
			buf_append(&w->b, w->q + w->done, start - w->done);
			buf_puts(&w->b, w->with[i]);
			w->done = end;
			break;
		}
	return 0;
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
		struct nearest x = { a, NULL, r->corrected_to[i], r->corrected[i], strlen(r->corrected_to[i]),
				     strlen(r->corrected[i]), NULL, 9 };
		for (size_t k = 0; k < n_texts; k++)
			if ((x.text = texts[k]) != NULL && search_tok_run(t, x.text, strlen(x.text), nearest_word, &x) != ST_OK)
				return NULL;
		if (!(with[i] = x.best))
			return NULL;
	}
	struct rewrite w = { q, 0, r, with, { 0 } };
	buf_init(&w.b, 0);
	const char *sug = NULL;
	if (search_tok_run(t, q, strlen(q), rewrite_word, &w) == ST_OK) {
		buf_puts(&w.b, q + w.done);
		sug = !w.b.err ? arena_strdup(a, buf_str(&w.b)) : NULL;
	}
	buf_free(&w.b);
	return sug;
}
