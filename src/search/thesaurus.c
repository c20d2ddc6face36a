/* thesaurus.c — the thesaurus shipped with lotse (data/thesaurus.txt,
 * embedded): its format, read into pairs "term -> expansion", and kept
 * current in the shared synonyms (search_synonym) after every migration.
 * The contract: search.h. */
#include "search/search.h"
#include "core/core.h"
#include "core/embed.h"

#include <stdio.h>
#include <string.h>

#define MAX_ENTRIES 256 /* words of one concept */
#define TERM_MAX 60     /* as the editors' form allows */
#define EXPANSION_MAX 100

struct entry {
	const char *p;
	size_t n;
	int german;
};

static int space(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* Lower-case ASCII letters (the search folds the rest) of p[0..n) into
 * out (cap bytes); 0 when it does not fit. */
static int lower(const char *p, size_t n, char *out, size_t cap)
{
	if (n + 1 > cap)
		return 0;
	for (size_t i = 0; i < n; i++)
		out[i] = p[i] >= 'A' && p[i] <= 'Z' ? (char)(p[i] - 'A' + 'a') : p[i];
	out[n] = '\0';
	return 1;
}

/* The pairs of one concept: every word to every German one but itself. */
static size_t pairs(const struct entry *e, size_t n, search_pair_cb cb, void *ctx)
{
	size_t count = 0;
	char term[TERM_MAX + 1], exp[EXPANSION_MAX + 1];
	for (size_t i = 0; i < n; i++) {
		if (!lower(e[i].p, e[i].n, term, sizeof(term)))
			continue;
		for (size_t k = 0; k < n; k++) {
			if (k == i || !e[k].german || !lower(e[k].p, e[k].n, exp, sizeof(exp)) || strcmp(term, exp) == 0)
				continue;
			cb(ctx, term, exp);
			count++;
		}
	}
	return count;
}

size_t search_thesaurus_parse(const char *text, size_t len, search_pair_cb cb, void *ctx)
{
	struct entry e[MAX_ENTRIES];
	size_t n = 0, count = 0;
	for (size_t i = 0; i < len;) {
		size_t end = i;
		while (end < len && text[end] != '\n')
			end++;
		size_t a = i, b = end;
		i = end + 1;
		while (a < b && space(text[a]))
			a++;
		while (b > a && space(text[b - 1]))
			b--;
		if (a == b || text[a] == '#')
			continue;
		if (text[a] == '[') { /* a new concept */
			count += pairs(e, n, cb, ctx);
			n = 0;
			continue;
		}
		/* "key: word | word": key letters, "+" (German words that only
		 * expand) and "-" */
		size_t k = a;
		while (k < b && ((text[k] >= 'a' && text[k] <= 'z') || text[k] == '-' || text[k] == '+'))
			k++;
		if (k == a || k == b || text[k] != ':')
			continue; /* not an entry line: ignored */
		int german = k - a == 2 && memcmp(text + a, "de", 2) == 0;
		for (size_t w = k + 1; w < b;) {
			size_t we = w;
			while (we < b && text[we] != '|')
				we++;
			size_t ws = w, wend = we;
			while (ws < wend && space(text[ws]))
				ws++;
			while (wend > ws && space(text[wend - 1]))
				wend--;
			if (wend > ws && n < MAX_ENTRIES && !memchr(text + ws, '\0', wend - ws))
				e[n++] = (struct entry){ text + ws, wend - ws, german };
			w = we + 1;
		}
	}
	return count + pairs(e, n, cb, ctx);
}

/* ---- keeping the synonyms current ---- */

struct sync {
	struct store *s;
	sqlite3_stmt *st;
	int rc;
};

/* One pair of the file, into search_thesaurus: a known one (seen 0) is
 * marked seen (1), a new one added as new (2); the synonyms follow in
 * one statement per kind after the whole file (search_thesaurus_sync). */
static void sync_pair(void *p, const char *term, const char *expansion)
{
	struct sync *c = p;
	if (c->rc != ST_OK)
		return;
	store_bind_str(c->st, 1, term);
	store_bind_str(c->st, 2, expansion);
	c->rc = store_exec_stmt(c->s, c->st);
}

int search_thesaurus_sync(struct store *s)
{
	const struct embed_file *f = embed_find(embed_data, embed_data_count, "thesaurus.txt");
	char hash[24];
	snprintf(hash, sizeof(hash), "%016llx", f ? (unsigned long long)core_hash(f->data, f->len) : 0ull);
	sqlite3_stmt *st = store_stmt(s, "SELECT hash = ? FROM search_thesaurus_state WHERE id = 1");
	if (!st)
		return ST_ERR;
	store_bind_str(st, 1, hash);
	int same = store_step(st);
	if (same > 0)
		same = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	if (same != 0)
		return same > 0 ? ST_OK : ST_ERR;
	struct store_tx tx;
	if (store_tx_begin(s, &tx) != ST_OK)
		return ST_ERR;
	struct sync c = { s, NULL, store_exec(s, "UPDATE search_thesaurus SET seen = 0") };
	if (c.rc == ST_OK && !(c.st = store_stmt(s, "INSERT INTO search_thesaurus(term, expansion, seen) VALUES (?, ?, 2) "
						       "ON CONFLICT (term, expansion) DO UPDATE SET seen = max(seen, 1)")))
		c.rc = ST_ERR;
	if (f && c.rc == ST_OK)
		search_thesaurus_parse(f->data, f->len, sync_pair, &c);
	/* the new pairs go into the synonyms; the ones the new version no
	 * longer has leave them; a known pair an editor removed stays out */
	if (c.rc == ST_OK)
		c.rc = store_exec(s, "INSERT OR IGNORE INTO search_synonym(term, expansion) "
				     "SELECT term, expansion FROM search_thesaurus WHERE seen = 2");
	if (c.rc == ST_OK)
		c.rc = store_exec(s, "DELETE FROM search_synonym WHERE EXISTS (SELECT 1 FROM search_thesaurus t "
				     "WHERE t.seen = 0 AND t.term = search_synonym.term "
				     "AND t.expansion = search_synonym.expansion)");
	if (c.rc == ST_OK)
		c.rc = store_exec(s, "DELETE FROM search_thesaurus WHERE seen = 0");
	if (c.rc == ST_OK)
		c.rc = store_exec(s, "UPDATE search_thesaurus SET seen = 1 WHERE seen = 2");
	if (c.rc == ST_OK && (st = store_stmt(s, "UPDATE search_thesaurus_state SET hash = ? WHERE id = 1"))) {
		store_bind_str(st, 1, hash);
		c.rc = store_exec_stmt(s, st);
	} else if (c.rc == ST_OK) {
		c.rc = ST_ERR;
	}
	return store_tx_end(s, &tx, c.rc);
}
