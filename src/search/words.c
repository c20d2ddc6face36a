/* words.c — the words of a query and all their forms: its tokens without
 * stop and intent words ("wo kann ich", "how to"), a run of words that is
 * a term of the synonyms taken as one ("german course", "دورة لغة
 * ألمانية"), and per word its stem, its synonyms, the longer words of
 * the vocabulary containing it or one of its synonyms (compounds), and
 * for a word the index does not know the words a few typos away. The
 * contract: search_internal.h. */
#include "search/search_internal.h"
#include "core/buf.h"
#include "core/core.h"

#include <stdlib.h>
#include <string.h>

#define MAX_TOKENS 32      /* tokens of a query read */
#define MAX_PHRASE 4       /* words of a synonym term taken as one */
#define MAX_COMPOUNDS 24   /* vocabulary terms containing the word, most frequent first */
#define MAX_SYN_COMPOUNDS 4 /* synonyms of an unknown word whose compounds are looked up */
#define MAX_TYPOS 8

struct token {
	const char *fold, *stem;
	int stop;
};

struct tokens {
	arena *a;
	struct token t[MAX_TOKENS];
	int n;
};

static int collect(void *p, const char *fold, size_t nf, const char *stem, size_t ns, size_t start, size_t end)
{
	(void)start, (void)end;
	struct tokens *ts = p;
	if (ts->n == MAX_TOKENS)
		return 1;
	struct token *t = &ts->t[ts->n++];
	t->fold = arena_strndup(ts->a, fold, nf);
	t->stem = arena_strndup(ts->a, stem, ns);
	t->stop = search_stopword(t->fold);
	return 0;
}

static void alt_add(struct search_word *w, const char *form, int direct)
{
	for (int i = 0; i < w->n; i++) {
		if (strcmp(w->alt[i].form, form) == 0) {
			w->alt[i].direct |= direct;
			return;
		}
	}
	if (w->n < SEARCH_MAX_ALTS)
		w->alt[w->n++] = (struct search_alt){ form, direct };
}

/* The first synonym of term (search form), by index; n_syn when none. */
static size_t syn_first(const struct snap *sn, const char *term)
{
	size_t lo = 0, hi = sn->syn->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (strcmp(sn->syn->v[mid].term, term) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < sn->syn->n && strcmp(sn->syn->v[lo].term, term) == 0 ? lo : sn->syn->n;
}

static void synonyms(const struct snap *sn, struct search_word *w)
{
	for (size_t i = syn_first(sn, w->stem); i < sn->syn->n && strcmp(sn->syn->v[i].term, w->stem) == 0; i++)
		alt_add(w, sn->syn->v[i].expansion, 1);
}

/* Is the stem in the index? */
static int known(const struct snap *sn, const char *stem)
{
	const struct snap_word *w = search_snap_word(sn, stem);
	return w && w->df > 0;
}

/* Longer words of the vocabulary containing form: "sprachkur" finds
 * "berufssprachkur", "bewerb" finds "bewerbungstraining". */
static void compounds(const struct snap *sn, struct search_word *w, const char *form)
{
	size_t len = strlen(form);
	/* at least three characters (a trigram), four bytes */
	if (len < 4 || utf8_count(form, len) < 3 || strchr(form, ' ') || strchr(form, '"'))
		return;
	const char *found[MAX_COMPOUNDS];
	size_t n = snap_compounds(sn, form, found, MAX_COMPOUNDS);
	for (size_t i = 0; i < n; i++)
		alt_add(w, found[i], 0);
}

/* The endings Snowball takes off German words: a stem of the vocabulary
 * with one of them may be the word that was meant. */
static const char *const endings[] = { "e", "em", "en", "er", "ern", "es", "n", "s", "ung", "ungen", "ig", "isch",
					"lich", "heit", "keit", "in", "innen", NULL };

/* Words of the vocabulary within the word's typo budget of its stem or
 * its folded form (the stem with an ending: "ausbilding" finds "ausbild"
 * as "ausbildung"), the nearest first (on a tie the more frequent: the
 * vocabulary is in that order); the nearest into w->typo_best. */
static int typos(const struct snap *sn, struct search_word *w)
{
	size_t ls = strlen(w->stem), lf = strlen(w->fold);
	int budget = search_typo_budget((size_t)utf8_count(w->fold, lf));
	struct {
		const char *t;
		int d;
	} best[MAX_TYPOS];
	int nb = 0;
	for (size_t i = 0; i < sn->n_terms && budget > 0; i++) {
		size_t n = sn->term_len[i];
		const char *t = sn->terms[i];
		int d = search_edits(t, n, w->stem, ls, budget);
		int f = d > 0 ? search_edits_endings(t, n, w->fold, lf, budget, endings) : d;
		if (f < d)
			d = f;
		if (d > budget || (nb == MAX_TYPOS && d >= best[nb - 1].d))
			continue;
		int k = nb < MAX_TYPOS ? nb++ : nb - 1; /* insert by distance */
		while (k > 0 && best[k - 1].d > d) {
			best[k] = best[k - 1];
			k--;
		}
		best[k].t = t;
		best[k].d = d;
	}
	for (int i = 0; i < nb; i++)
		alt_add(w, best[i].t, 0);
	if (nb)
		w->typo_best = best[0].t;
	return nb;
}

/* The word made of tokens t[0..n) (a phrase when n > 1). */
static void word_of(arena *a, const struct token *t, int n, struct search_word *w)
{
	memset(w, 0, sizeof(*w));
	if (n == 1) {
		w->fold = t[0].fold;
		w->stem = t[0].stem;
		return;
	}
	buf f, s;
	buf_init(&f, 0);
	buf_init(&s, 0);
	for (int i = 0; i < n; i++) {
		buf_printf(&f, "%s%s", i ? " " : "", t[i].fold);
		buf_printf(&s, "%s%s", i ? " " : "", t[i].stem);
	}
	w->fold = arena_strdup(a, buf_str(&f));
	w->stem = arena_strdup(a, buf_str(&s));
	w->phrase = 1;
	buf_free(&f);
	buf_free(&s);
}

/* The longest run of tokens from t[0] (at most n) that is a synonym
 * term; 1 when there is none. */
static int phrase_len(arena *a, const struct snap *sn, const struct token *t, int n)
{
	for (int len = n < MAX_PHRASE ? n : MAX_PHRASE; len > 1; len--) {
		struct search_word w;
		word_of(a, t, len, &w);
		if (syn_first(sn, w.stem) < sn->syn->n)
			return len;
	}
	return 1;
}

int search_words_parse(struct store *s, arena *a, const struct snap *sn, const char *text, struct search_words *out)
{
	memset(out, 0, sizeof(*out));
	struct tokens ts = { .a = a };
	struct search_tok *tok = search_tok_thread(s);
	if (!tok || search_tok_run(tok, text, strlen(text), collect, &ts) != ST_OK)
		return ST_ERR;
	/* the words that carry meaning; only little words: those after all */
	struct token words[MAX_TOKENS];
	int n = 0;
	for (int i = 0; i < ts.n; i++)
		if (!ts.t[i].stop)
			words[n++] = ts.t[i];
	if (n == 0) {
		memcpy(words, ts.t, (size_t)ts.n * sizeof(*words));
		n = ts.n;
	}
	for (int i = 0; i < n && out->n < SEARCH_MAX_WORDS;) {
		int len = phrase_len(a, sn, words + i, n - i);
		struct search_word *w = &out->w[out->n++];
		word_of(a, words + i, len, w);
		i += len;
		/* resolved by an earlier query on this snapshot */
		if ((out->cached[out->n - 1] = search_wc_get(sn, a, w, &out->bits[out->n - 1])) != NULL)
			continue;
		/* its own form: the stem, for a phrase all of its stems */
		alt_add(w, w->stem, 1);
		synonyms(sn, w);
		int k = w->phrase ? 0 : known(sn, w->stem);
		compounds(sn, w, w->stem);
		if (!k) {
			/* a word of another language: the compounds of what it
			 * stands for ("german" -> "deutsch" -> "deutschkurs") */
			int syn = 0;
			for (int j = 1; j < w->n && syn < MAX_SYN_COMPOUNDS; j++) {
				if (!w->alt[j].direct || strchr(w->alt[j].form, ' '))
					continue;
				syn++;
				compounds(sn, w, w->alt[j].form);
			}
		}
		if (k || w->phrase || w->n > 1 || typos(sn, w) == 0)
			continue;
		w->typo = 1;
		/* and the compounds of the word it was taken for: "bewerbug"
		 * -> "bewerb" -> "bewerbungscafe" */
		compounds(sn, w, w->typo_best);
	}
	return ST_OK;
}

void search_words_release(struct search_words *ws)
{
	for (int i = 0; i < ws->n; i++) {
		search_wc_release(ws->cached[i]);
		ws->cached[i] = NULL;
	}
}
