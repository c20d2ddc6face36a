/* search.h — the German (and multilingual) text engine, the contract of
 * src/search/: how text becomes the words an index holds and a query
 * looks for. It knows no capability: the directory's offer index (and
 * later interviews and committee papers) feed it their texts.
 *
 *  - The FTS5 tokenizer "lotse_de": unicode61 without diacritics, then
 *    ß -> ss and an "e" after a, o or u dropped (so ä = a = ae:
 *    Geflüchtete = Gefluchtete = Gefluechtete), then Snowball German
 *    stemming, twice. Documents and queries alike.
 *  - The same tokenizer for C callers (search_tok_*), with the folded form
 *    and the stem of every token; folding, edit distance and stop words.
 *
 * The store knows nothing of this engine: search_init() adds
 * search_register to the hooks store_open runs on every new connection
 * (the schema's FTS5 tables need the tokenizer). */
#ifndef LOTSE_SEARCH_H
#define LOTSE_SEARCH_H

#include "core/arena.h"
#include "store/store.h"

#include <sqlite3.h>
#include <stddef.h>

/* Have every later store_open register the tokenizer on its connection.
 * Call once at program start, before any store is opened (idempotent). */
void search_init(void);

/* Register the FTS5 tokenizer "lotse_de" on db. Returns SQLITE_OK or an
 * SQLite error code. */
int search_register(sqlite3 *db);

/* Longest token kept, in bytes (longer ones are cut at a character). */
#define SEARCH_TOK_MAX 64

/* In a query, a phrase starting with this byte holds tokens that are
 * already in search form, separated by spaces: the tokenizer passes them
 * on as they are (stemming twice more would not be idempotent). */
#define SEARCH_MARK "\x01"

struct search_tok;

/* A tokenizer for C callers on the connection's FTS5 (NULL on error);
 * free it with search_tok_free. */
struct search_tok *search_tok_new(struct store *s);
void search_tok_free(struct search_tok *t);

/* Called per token with its folded form and its stem (both not
 * NUL-terminated, valid during the call). Return non-zero to stop. */
typedef int (*search_tok_cb)(void *ctx, const char *fold, size_t nfold, const char *stem, size_t nstem);

/* Run t over text, calling cb per token. ST_OK or ST_ERR. */
int search_tok_run(struct search_tok *t, const char *text, size_t n, search_tok_cb cb, void *ctx);

/* While a hook is set (on this thread), every token that FTS5 reads from a
 * document of a lotse_de table (the text of an insert, and the stored text
 * of a delete) also goes to cb: an indexer counts its vocabulary without
 * tokenizing each text a second time. NULL clears it. */
void search_tok_hook(search_tok_cb cb, void *ctx);

/* The search form of text: every word lower-cased, folded and stemmed,
 * separated by single spaces (stem = 0: folded only). Owned by a; NULL on
 * error. */
char *search_normalize(struct store *s, arena *a, const char *text, int stem);

/* Fold a token that is already lower case without diacritics: ß -> ss,
 * and an "e" after a, o or u is dropped. Writes at most outcap-1 bytes and
 * a NUL; returns the length. Idempotent. */
size_t search_fold(const char *tok, size_t n, char *out, size_t outcap);

/* Are a and b at most one edit apart (insert, delete, replace, or swap
 * of two neighbours)? */
int search_edit1(const char *a, size_t na, const char *b, size_t nb);

/* Is w (a search form) a word without meaning in a query ("und", "für")? */
int search_stopword(const char *w);

#endif
