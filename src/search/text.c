/* text.c — the German search form of text: the FTS5 tokenizer
 * "lotse_de" (unicode61 without diacritics, then ß -> ss, "ae/oe/ue" ->
 * "a/o/u", then Snowball German stemming) and small text helpers
 * (folding, edit distance, stop words). The contract: search.h. */
#include "search/search.h"
#include "core/buf.h"
#include "core/core.h"
#include "core/log.h"

#include <libstemmer.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- folding ---- */

/* Bytes in the UTF-8 sequence that starts with c (1 for stray bytes). */
static size_t seq_len(unsigned char c)
{
	return c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
}

size_t search_fold(const char *tok, size_t n, char *out, size_t outcap)
{
	size_t o = 0;
	if (outcap == 0)
		return 0;
	for (size_t i = 0; i < n;) {
		const unsigned char *u = (const unsigned char *)tok + i;
		const char *rep = tok + i;
		size_t in = seq_len(u[0]), rl;
		if (in > n - i)
			in = n - i;
		rl = in;
		if (in == 2 && u[0] == 0xC3 && u[1] == 0x9F) { /* ß */
			rep = "ss";
		} else if (in == 3 && u[0] == 0xE1 && u[1] == 0xBA && u[2] == 0x9E) { /* ẞ */
			rep = "ss";
			rl = 2;
		} else if (u[0] == 'e' && o > 0 && (out[o - 1] == 'a' || out[o - 1] == 'o' || out[o - 1] == 'u')) {
			i++; /* ae = ä = a, oe = ö = o, ue = ü = u */
			continue;
		}
		if (o + rl > outcap - 1)
			break; /* cut before a whole character */
		memcpy(out + o, rep, rl);
		o += rl;
		i += in;
	}
	out[o] = '\0';
	return o;
}

int search_edit1(const char *a, size_t na, const char *b, size_t nb)
{
	if (na > nb + 1 || nb > na + 1)
		return 0;
	size_t i = 0;
	while (i < na && i < nb && a[i] == b[i])
		i++;
	if (i == na && i == nb)
		return 1; /* equal */
	if (na == nb) {
		/* one replacement, or a swap of neighbours */
		if (memcmp(a + i + 1, b + i + 1, na - i - 1) == 0)
			return 1;
		return i + 1 < na && a[i] == b[i + 1] && a[i + 1] == b[i] &&
		       memcmp(a + i + 2, b + i + 2, na - i - 2) == 0;
	}
	if (na > nb) /* a has one more */
		return memcmp(a + i + 1, b + i, nb - i) == 0;
	return memcmp(a + i, b + i + 1, na - i) == 0;
}

/* Words that carry no meaning in a finder query (search forms; they
 * are their own stems). */
static const char *const stopwords[] = { /* sorted (strcmp) */
	"als", "am", "an", "and", "auch", "auf", "aus", "bei", "das", "dem", "den", "der", "des",
	"die", "ein", "eine", "einem", "einen", "einer", "es", "for", "fur", "ich", "ihr", "im", "in",
	"ist", "mich", "mir", "mit", "oder", "of", "sich", "sie", "sind", "the", "to", "und", "uns",
	"vom", "von", "wir", "wird", "zu", "zum", "zur",
};

int search_stopword(const char *w)
{
	size_t lo = 0, hi = NELEM(stopwords);
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(stopwords[mid], w);
		if (c == 0)
			return 1;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* ---- the tokenizer ---- */

struct search_tok {
	fts5_tokenizer inner_mod; /* unicode61 */
	Fts5Tokenizer *inner;
	struct sb_stemmer *stemmer;
};

static fts5_api *fts5_api_of(sqlite3 *db)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
	if (store_step(st) < 0)
		api = NULL;
	sqlite3_finalize(st);
	return api;
}

static void tok_delete(Fts5Tokenizer *p)
{
	struct search_tok *t = (struct search_tok *)p;
	if (!t)
		return;
	if (t->inner)
		t->inner_mod.xDelete(t->inner);
	if (t->stemmer)
		sb_stemmer_delete(t->stemmer);
	free(t);
}

/* xCreate: the context is the connection's fts5_api. */
static int tok_create(void *ctx, const char **argv, int argc, Fts5Tokenizer **out)
{
	fts5_api *api = ctx;
	void *uctx = NULL;
	(void)argv;
	(void)argc;
	*out = NULL;
	struct search_tok *t = xcalloc(1, sizeof(*t));
	int rc = api->xFindTokenizer(api, "unicode61", &uctx, &t->inner_mod);
	if (rc == SQLITE_OK) {
		static const char *args[] = { "remove_diacritics", "2" };
		rc = t->inner_mod.xCreate(uctx, args, 2, &t->inner);
	}
	if (rc != SQLITE_OK) {
		free(t);
		return rc;
	}
	t->stemmer = sb_stemmer_new("german", NULL);
	if (!t->stemmer)
		log_error("search: no Snowball German stemmer; searching without stemming");
	*out = (Fts5Tokenizer *)t;
	return SQLITE_OK;
}

/* Stems of recent words, per thread (a connection belongs to one thread
 * at a time): most words of a text repeat, and Snowball is the costly
 * part of indexing. A slot holds a word of up to STEM_KEY bytes. */
#define STEM_SLOTS 8192
#define STEM_KEY 24

struct stem_slot {
	uint8_t nf, ns; /* 0: empty */
	char fold[STEM_KEY], stem[STEM_KEY];
};

static pthread_key_t stem_key;
static pthread_once_t stem_once = PTHREAD_ONCE_INIT;

static void stem_key_init(void)
{
	pthread_key_create(&stem_key, free); /* freed when the thread ends */
}

/* The slot for fold: filled (nf != 0) when it holds fold, else emptied for
 * it; NULL when the word is too long to cache. */
static struct stem_slot *stem_cached(const char *fold, size_t nf)
{
	if (nf > STEM_KEY)
		return NULL;
	pthread_once(&stem_once, stem_key_init);
	struct stem_slot *stem_cache = pthread_getspecific(stem_key);
	if (!stem_cache) {
		stem_cache = xcalloc(STEM_SLOTS, sizeof(*stem_cache));
		pthread_setspecific(stem_key, stem_cache);
	}
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < nf; i++)
		h = (h ^ (unsigned char)fold[i]) * 16777619u;
	struct stem_slot *s = &stem_cache[h & (STEM_SLOTS - 1)];
	if (s->nf == nf && memcmp(s->fold, fold, nf) == 0)
		return s;
	s->nf = 0; /* replaced */
	return s;
}

struct run_ctx {
	struct search_tok *t;
	search_tok_cb cb;       /* for C callers; for FTS5, the hook (or NULL) */
	void *cb_ctx;
	/* for FTS5 */
	void *fts_ctx;
	int (*fts_token)(void *, int, const char *, int, int, int);
};

static _Thread_local struct {
	search_tok_cb cb;
	void *ctx;
} tok_hook;

void search_tok_hook(search_tok_cb cb, void *ctx)
{
	tok_hook.cb = cb;
	tok_hook.ctx = ctx;
}

/* Fold and stem one token from unicode61 and pass it on. */
static int one_token(struct run_ctx *c, int tflags, const char *tok, int n, int start, int end)
{
	char fold[SEARCH_TOK_MAX + 1];
	if (n <= 0)
		return SQLITE_OK;
	size_t nf = search_fold(tok, (size_t)n, fold, sizeof(fold));
	if (nf == 0)
		return SQLITE_OK;
	const char *stem = fold;
	size_t ns = nf;
	int letters = nf >= 3;
	for (size_t i = 0; i < nf && letters; i++)
		letters = fold[i] >= 'a' && fold[i] <= 'z';
	char once[SEARCH_TOK_MAX + 1];
	struct stem_slot *slot = letters && c->t->stemmer ? stem_cached(fold, nf) : NULL;
	if (slot && slot->nf) {
		stem = slot->stem;
		ns = slot->ns;
		letters = 0;
	}
	/* Stemmed twice: Snowball strips one suffix per pass, so "Kurse"
	 * gives "kurs" but "Kurs" gives "kur"; a second pass makes them meet. */
	for (int pass = 0; pass < 2 && letters && c->t->stemmer; pass++) {
		const sb_symbol *s = sb_stemmer_stem(c->t->stemmer, (const sb_symbol *)stem, (int)ns);
		int len = s ? sb_stemmer_length(c->t->stemmer) : 0;
		if (len <= 0 || ((size_t)len == ns && memcmp(s, stem, ns) == 0))
			break;
		memcpy(once, s, (size_t)len);
		stem = once;
		ns = (size_t)len;
	}
	if (slot && !slot->nf) { /* remember it */
		memcpy(slot->fold, fold, nf);
		memcpy(slot->stem, stem, ns);
		slot->nf = (uint8_t)nf;
		slot->ns = (uint8_t)ns;
	}
	if (c->cb && c->cb(c->cb_ctx, fold, nf, stem, ns))
		return SQLITE_DONE;
	return c->fts_token ? c->fts_token(c->fts_ctx, tflags, stem, (int)ns, start, end) : SQLITE_OK;
}

static int inner_token(void *p, int tflags, const char *tok, int n, int start, int end)
{
	return one_token(p, tflags, tok, n, start, end);
}

/* Tokens already in search form ("\x01a b c"): passed on as they are. */
static int marked(struct run_ctx *c, const char *text, int n)
{
	int i = 1;
	while (i < n) {
		while (i < n && text[i] == ' ')
			i++;
		int s = i;
		while (i < n && text[i] != ' ')
			i++;
		if (i > s) {
			int rc = c->fts_token(c->fts_ctx, 0, text + s, i - s, s, i);
			if (rc != SQLITE_OK)
				return rc;
		}
	}
	return SQLITE_OK;
}

static int tok_tokenize(Fts5Tokenizer *p, void *ctx, int flags, const char *text, int n,
			int (*token)(void *, int, const char *, int, int, int))
{
	struct search_tok *t = (struct search_tok *)p;
	struct run_ctx c = { .t = t, .fts_ctx = ctx, .fts_token = token };
	if ((flags & FTS5_TOKENIZE_QUERY) && n > 0 && text[0] == SEARCH_MARK[0])
		return marked(&c, text, n);
	if (flags & FTS5_TOKENIZE_DOCUMENT) {
		c.cb = tok_hook.cb;
		c.cb_ctx = tok_hook.ctx;
	}
	return t->inner_mod.xTokenize(t->inner, &c, flags, text, n, inner_token);
}

struct search_tok *search_tok_new(struct store *s)
{
	/* the statement is cached per connection: no prepare per query */
	fts5_api *api = NULL;
	sqlite3_stmt *st = store_stmt(s, "SELECT fts5(?1)");
	if (st) {
		sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
		if (store_step(st) < 0)
			api = NULL;
		sqlite3_reset(st);
	}
	Fts5Tokenizer *t = NULL;
	if (!api || tok_create(api, NULL, 0, &t) != SQLITE_OK)
		return NULL;
	return (struct search_tok *)t;
}

void search_tok_free(struct search_tok *t)
{
	tok_delete((Fts5Tokenizer *)t);
}

int search_tok_run(struct search_tok *t, const char *text, size_t n, search_tok_cb cb, void *ctx)
{
	struct run_ctx c = { .t = t, .cb = cb, .cb_ctx = ctx };
	if (n > 0x7FFFFFFF)
		return ST_ERR;
	int rc = t->inner_mod.xTokenize(t->inner, &c, FTS5_TOKENIZE_DOCUMENT, text, (int)n, inner_token);
	return rc == SQLITE_OK || rc == SQLITE_DONE ? ST_OK : ST_ERR;
}

struct norm_ctx {
	buf b;
	int stem;
};

static int norm_token(void *p, const char *fold, size_t nf, const char *stem, size_t ns)
{
	struct norm_ctx *c = p;
	if (buf_str(&c->b)[0])
		buf_putc(&c->b, ' ');
	if (c->stem)
		buf_append(&c->b, stem, ns);
	else
		buf_append(&c->b, fold, nf);
	return 0;
}

char *search_normalize(struct store *s, arena *a, const char *text, int stem)
{
	struct search_tok *t = search_tok_new(s);
	if (!t)
		return NULL;
	struct norm_ctx c = { .stem = stem };
	buf_init(&c.b, 0);
	char *out = NULL;
	if (search_tok_run(t, text, strlen(text), norm_token, &c) == ST_OK)
		out = arena_strdup(a, buf_str(&c.b));
	buf_free(&c.b);
	search_tok_free(t);
	return out;
}

int search_register(sqlite3 *db)
{
	fts5_api *api = fts5_api_of(db);
	if (!api)
		return SQLITE_ERROR;
	static fts5_tokenizer tok = { tok_create, tok_delete, tok_tokenize };
	return api->xCreateTokenizer(api, "lotse_de", api, &tok, NULL);
}

void search_init(void)
{
	store_add_conn_hook(search_register);
}
