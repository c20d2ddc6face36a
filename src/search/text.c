/* text.c — the German search form of text: the FTS5 tokenizer
 * "lotse_de" (unicode61 without diacritics, then ß -> ss, "ae/oe/ue" ->
 * "a/o/u", then Snowball German stemming) and small text helpers
 * (folding, edit distance, stop words). The contract: search.h. */
#include "search/search_internal.h"
#include "core/buf.h"
#include "core/core.h"
#include "core/log.h"

#include <libstemmer.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The code points of UTF-8 text into cp (at most max); how many, or
 * max + 1 when there are more. */
static size_t code_points(const char *s, size_t n, uint32_t *cp, size_t max)
{
	size_t k = 0;
	for (size_t i = 0; i < n; k++) {
		if (k == max)
			return max + 1;
		unsigned char c = (unsigned char)s[i];
		size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
		uint32_t v = len == 1 ? c : c & (0x3F >> (len - 1));
		for (size_t j = 1; j < len && i + j < n; j++)
			v = (v << 6) | ((unsigned char)s[i + j] & 0x3F);
		cp[k] = v;
		i += len;
	}
	return k;
}

#define EDIT_MAX_CP 64

/* One row of the table of edits: row i (character c of a) from the two
 * before; returns its least value. */
static int edit_row(uint32_t c, uint32_t before, size_t i, const uint32_t *y, size_t m, const int *prev2,
		    const int *prev, int *cur)
{
	int best = cur[0] = (int)i;
	for (size_t j = 1; j <= m; j++) {
		int v = prev[j - 1] + (c != y[j - 1]);
		if (prev[j] + 1 < v)
			v = prev[j] + 1;
		if (cur[j - 1] + 1 < v)
			v = cur[j - 1] + 1;
		if (i > 1 && j > 1 && c == y[j - 2] && before == y[j - 1] && prev2[j - 2] + 1 < v)
			v = prev2[j - 2] + 1;
		cur[j] = v;
		if (v < best)
			best = v;
	}
	return best;
}

int search_edits_endings(const char *a, size_t na, const char *b, size_t nb, int max, const char *const *endings)
{
	uint32_t x[EDIT_MAX_CP + 8], y[EDIT_MAX_CP];
	size_t n = code_points(a, na, x, EDIT_MAX_CP), m = code_points(b, nb, y, EDIT_MAX_CP);
	if (n > EDIT_MAX_CP || m > EDIT_MAX_CP)
		return na == nb && memcmp(a, b, na) == 0 ? 0 : max + 1;
	if (n > m + (size_t)max)
		return max + 1;
	/* optimal string alignment (a swap of neighbours is one edit), row
	 * by row of a, stopping once a row is all over max */
	int rows[3][EDIT_MAX_CP + 1], more[3][EDIT_MAX_CP + 1];
	int *prev2 = rows[0], *prev = rows[1], *cur = rows[2];
	for (size_t j = 0; j <= m; j++)
		prev[j] = (int)j;
	for (size_t i = 1; i <= n; i++) {
		if (edit_row(x[i - 1], i > 1 ? x[i - 2] : 0, i, y, m, prev2, prev, cur) > max)
			return max + 1;
		int *t = prev2;
		prev2 = prev;
		prev = cur;
		cur = t;
	}
	int d = n + (size_t)max >= m ? prev[m] : max + 1;
	/* a with each ending: the rows go on from a's last two */
	for (size_t e = 0; endings && endings[e]; e++) {
		uint32_t ex[8];
		size_t ne = code_points(endings[e], strlen(endings[e]), ex, 8);
		if (ne > 8 || n + ne > m + (size_t)max || n + ne + (size_t)max < m)
			continue;
		memcpy(more[0], prev2, (m + 1) * sizeof(int));
		memcpy(more[1], prev, (m + 1) * sizeof(int));
		int *p2 = more[0], *p1 = more[1], *c = more[2], over = 0;
		for (size_t k = 0; k < ne && !over; k++) {
			size_t i = n + k + 1;
			uint32_t before = k > 0 ? ex[k - 1] : n > 0 ? x[n - 1] : 0;
			over = edit_row(ex[k], before, i, y, m, p2, p1, c) > max;
			int *t = p2;
			p2 = p1;
			p1 = c;
			c = t;
		}
		if (!over && p1[m] < d)
			d = p1[m];
	}
	return d <= max ? d : max + 1;
}

int search_edits(const char *a, size_t na, const char *b, size_t nb, int max)
{
	return search_edits_endings(a, na, b, nb, max, NULL);
}

int search_edit1(const char *a, size_t na, const char *b, size_t nb)
{
	return search_edits(a, na, b, nb, 1) <= 1;
}

int search_typo_budget(size_t n)
{
	return n < 4 ? 0 : n <= 7 ? 1 : 2;
}

/* ---- the tokenizer ---- */

struct search_tok {
	fts5_tokenizer inner_mod; /* unicode61 */
	Fts5Tokenizer *inner;
	struct sb_stemmer *stemmer;    /* German: Latin letters */
	struct sb_stemmer *stemmer_ru; /* Russian: Cyrillic (Ukrainian too) */
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
	if (t->stemmer_ru)
		sb_stemmer_delete(t->stemmer_ru);
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
		/* combining marks (Mn) are letters of a token, so that the
		 * harakat of Arabic do not cut a word; fold drops them */
		static const char *args[] = { "remove_diacritics", "2", "categories", "L* N* Co Mn" };
		rc = t->inner_mod.xCreate(uctx, args, 4, &t->inner);
	}
	if (rc != SQLITE_OK) {
		free(t);
		return rc;
	}
	t->stemmer = sb_stemmer_new("german", NULL);
	t->stemmer_ru = sb_stemmer_new("russian", NULL);
	if (!t->stemmer || !t->stemmer_ru)
		log_error("search: no Snowball German or Russian stemmer; searching without stemming");
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
	enum search_script script = nf >= 3 ? search_script_of(fold, nf) : SCRIPT_OTHER;
	struct sb_stemmer *sb = script == SCRIPT_LATIN ? c->t->stemmer : script == SCRIPT_CYRILLIC ? c->t->stemmer_ru : NULL;
	int todo = sb != NULL || script == SCRIPT_ARABIC;
	char once[SEARCH_TOK_MAX + 1];
	struct stem_slot *slot = todo ? stem_cached(fold, nf) : NULL;
	if (slot && slot->nf) {
		stem = slot->stem;
		ns = slot->ns;
		todo = 0;
	}
	if (todo && script == SCRIPT_ARABIC) {
		memcpy(once, fold, nf + 1);
		ns = search_arabic_stem(once, nf);
		stem = once;
	}
	/* German is stemmed twice: Snowball strips one suffix per pass, so
	 * "Kurse" gives "kurs" but "Kurs" gives "kur"; a second pass makes
	 * them meet. Russian once. */
	for (int pass = 0; pass < (script == SCRIPT_LATIN ? 2 : 1) && todo && sb; pass++) {
		const sb_symbol *s = sb_stemmer_stem(sb, (const sb_symbol *)stem, (int)ns);
		int len = s ? sb_stemmer_length(sb) : 0;
		if (len <= 0 || (size_t)len > SEARCH_TOK_MAX || ((size_t)len == ns && memcmp(s, stem, ns) == 0))
			break;
		memcpy(once, s, (size_t)len);
		stem = once;
		ns = (size_t)len;
	}
	if (slot && !slot->nf && ns <= STEM_KEY) { /* remember it */
		memcpy(slot->fold, fold, nf);
		memcpy(slot->stem, stem, ns);
		slot->nf = (uint8_t)nf;
		slot->ns = (uint8_t)ns;
	}
	if (c->cb && c->cb(c->cb_ctx, fold, nf, stem, ns, (size_t)start, (size_t)end))
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

/* The thread's tokenizer: made on the first connection that asks, and
 * usable after it closed (unicode61's tokenizer and the stemmers keep
 * nothing of a connection); freed when the thread ends. */
static pthread_key_t tok_key;
static pthread_once_t tok_once = PTHREAD_ONCE_INIT;

static void tok_key_free(void *p)
{
	search_tok_free(p);
}

static void tok_key_init(void)
{
	pthread_key_create(&tok_key, tok_key_free);
}

struct search_tok *search_tok_thread(struct store *s)
{
	pthread_once(&tok_once, tok_key_init);
	struct search_tok *t = pthread_getspecific(tok_key);
	if (!t && (t = search_tok_new(s)) != NULL)
		pthread_setspecific(tok_key, t);
	return t;
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

static int norm_token(void *p, const char *fold, size_t nf, const char *stem, size_t ns, size_t start, size_t end)
{
	(void)start, (void)end;
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
	search_indexer_watch(db);
	return api->xCreateTokenizer(api, "lotse_de", api, &tok, NULL);
}

void search_init(void)
{
	store_add_conn_hook(search_register);
	store_add_migrate_hook(search_thesaurus_sync);
}
