/* index.c — keeping an index current: the documents recorded in
 * PREFIX_dirty are read again from their capability (the index's source)
 * and written into PREFIX_doc (filter values), PREFIX_name/head/body
 * (words) and PREFIX_term (the vocabulary with counts). */
#include "search/search_internal.h"
#include "core/buf.h"
#include "core/core.h"
#include "core/strmap.h"
#include "core/log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the batch's changes to the vocabulary's counts ---- */

struct tdelta {
	int d[ST__N];          /* change of the count per table */
	int64_t stamp[ST__N];  /* last (document, old/new) counted: once per document */
};

/* The counts of term (n bytes), new ones zero and never stamped. */
static struct tdelta *tdelta_of(struct strmap *m, const char *term, size_t n)
{
	void **v = strmap_slot(m, term, n);
	if (!*v) {
		struct tdelta *e = xcalloc(1, sizeof(*e));
		for (int t = 0; t < ST__N; t++)
			e->stamp[t] = -1;
		*v = e;
	}
	return *v;
}

/* ---- one document ---- */

struct indexer {
	struct store *s;
	const struct search_index *ix;
	struct search_tok *tok;
	struct strmap counts;    /* term -> struct tdelta */
	int64_t stamp, serial;  /* this document's old or new text: counted once */
	int64_t docid;          /* the document being counted */
	enum search_table table;
	int sign;
	buf sort;               /* folded title */
};

/* Count a token once per document and table (the hook of the FTS5 insert
 * or delete that reads it). */
static int count_token(void *p, const char *fold, size_t nf, const char *stem, size_t ns, size_t start, size_t end)
{
	(void)fold, (void)nf, (void)start, (void)end;
	struct indexer *ix = p;
	struct tdelta *e = tdelta_of(&ix->counts, stem, ns);
	if (e->stamp[ix->table] != ix->stamp) {
		e->stamp[ix->table] = ix->stamp;
		e->d[ix->table] += ix->sign;
		snap_delta_word(stem, ns, ix->docid, (int)ix->table, ix->sign);
	}
	return 0;
}

/* Step an FTS5 insert or delete of table t with the counting hook set. */
static int counted(struct indexer *ix, sqlite3_stmt *st, enum search_table t, int sign, int64_t stamp)
{
	ix->table = t;
	ix->sign = sign;
	ix->stamp = stamp;
	search_tok_hook(count_token, ix);
	int rc = store_exec_stmt(ix->s, st);
	search_tok_hook(NULL, NULL);
	return rc;
}

/* The sort key: the title's folded words. */
static int sort_token(void *p, const char *fold, size_t nf, const char *stem, size_t ns, size_t start, size_t end)
{
	(void)stem, (void)ns, (void)start, (void)end;
	buf *b = p;
	if (b->len)
		buf_putc(b, ' ');
	buf_append(b, fold, nf);
	return 0;
}

void search_add(buf *b, const char *word)
{
	if (!word || !*word)
		return;
	if (b->len)
		buf_putc(b, ' ');
	buf_puts(b, word);
}

/* Take the document's old words out of the counts and the tables. */
static int drop_words(struct indexer *ix, sqlite3_int64 docid)
{
	int64_t stamp = ++ix->serial;
	ix->docid = docid;
	snap_delta_doc(docid);
	for (int t = 0; t < ST__N; t++) {
		/* FTS5 reads the stored text to take its words out: counted down */
		sqlite3_stmt *st = search_stmt(ix->s, ix->ix, Q_FTS_DELETE + t);
		if (!st)
			return ST_ERR;
		sqlite3_bind_int64(st, 1, docid);
		if (counted(ix, st, (enum search_table)t, -1, stamp) != ST_OK)
			return ST_ERR;
	}
	return ST_OK;
}

static int write_doc(struct indexer *ix, sqlite3_int64 docid, const char *key, const struct search_doc *d)
{
	struct store *s = ix->s;
	sqlite3_stmt *st;
	buf_reset(&ix->sort);
	const char *title = buf_str(&d->text[ST_NAME]);
	search_tok_run(ix->tok, title, strlen(title), sort_token, &ix->sort);

	st = search_stmt(ix->s, ix->ix, docid ? Q_DOC_UPDATE : Q_DOC_INSERT);
	if (!st)
		return ST_ERR;
	if (docid)
		sqlite3_bind_int64(st, 1, docid);
	else
		sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, buf_str(&ix->sort), -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, buf_str(&d->features), -1, SQLITE_TRANSIENT);
	store_bind_int_opt(st, 4, d->lo);
	store_bind_int_opt(st, 5, d->hi);
	sqlite3_bind_text(st, 6, buf_str(&d->coords), -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 7, buf_str(&d->card), -1, SQLITE_TRANSIENT);
	if (store_exec_stmt(s, st) != ST_OK)
		return ST_ERR;
	if (!docid)
		docid = sqlite3_last_insert_rowid(store_db(s));
	int64_t stamp = ++ix->serial;
	ix->docid = docid;
	snap_delta_doc(docid);
	for (int t = 0; t < ST__N; t++) {
		st = search_stmt(ix->s, ix->ix, Q_FTS_INSERT + t);
		if (!st)
			return ST_ERR;
		sqlite3_bind_int64(st, 1, docid);
		sqlite3_bind_text(st, 2, buf_str(&d->text[t]), -1, SQLITE_STATIC);
		if (counted(ix, st, (enum search_table)t, +1, stamp) != ST_OK)
			return ST_ERR;
	}
	return ST_OK;
}

static int index_one(struct indexer *ix, void *rd, const char *key)
{
	sqlite3_int64 docid = 0;
	sqlite3_stmt *st = search_stmt(ix->s, ix->ix, Q_DOC_ID);
	if (!st)
		return ST_ERR;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	int k = store_step(st);
	if (k > 0)
		docid = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (k < 0)
		return ST_ERR;

	struct search_doc d = { .lo = -1, .hi = -1 };
	buf *bufs[] = { &d.text[0], &d.text[1], &d.text[2], &d.features, &d.coords, &d.card };
	for (size_t i = 0; i < NELEM(bufs); i++)
		buf_init(bufs[i], 0);
	int rc = docid ? drop_words(ix, docid) : ST_OK;
	int found = rc == ST_OK ? ix->ix->read(rd, key, &d) : rc;
	if (found == ST_OK) {
		rc = write_doc(ix, docid, key, &d);
	} else if (found == ST_NOTFOUND && docid) {
		st = search_stmt(ix->s, ix->ix, Q_DOC_DELETE);
		rc = st ? (sqlite3_bind_int64(st, 1, docid), store_exec_stmt(ix->s, st)) : ST_ERR;
	} else if (found != ST_NOTFOUND) {
		rc = ST_ERR;
	}
	for (size_t i = 0; i < NELEM(bufs); i++)
		buf_free(bufs[i]);
	return rc;
}

/* Write the batch's count changes into the vocabulary. */
static int flush_counts(struct indexer *ix)
{
	const char *term;
	void *v;
	for (size_t i = 0; strmap_next(&ix->counts, &i, &term, &v);) {
		const struct tdelta *e = v;
		if (e->d[0] == 0 && e->d[1] == 0 && e->d[2] == 0)
			continue;
		sqlite3_stmt *st = search_stmt(ix->s, ix->ix, Q_TERM_COUNT);
		if (!st)
			return ST_ERR;
		sqlite3_bind_text(st, 1, term, -1, SQLITE_STATIC);
		for (int t = 0; t < ST__N; t++)
			sqlite3_bind_int(st, 2 + t, e->d[t]);
		if (store_exec_stmt(ix->s, st) != ST_OK)
			return ST_ERR;
	}
	return ST_OK;
}

/* search_refresh's work, in the transaction the caller has open. */
static int refresh_in_tx(struct store *s, const struct search_index *index, size_t limit, size_t *done)
{
	int rc = ST_ERR;
	size_t n = 0, cap = 0;
	char **keys = NULL;
	struct indexer ix = { .s = s, .ix = index };
	buf_init(&ix.sort, 0);
	if (done)
		*done = 0;
	sqlite3_stmt *st = search_stmt(ix.s, ix.ix, Q_DIRTY_BATCH);
	if (!st)
		goto out;
	sqlite3_bind_int64(st, 1, limit ? (sqlite3_int64)limit : -1);
	int k;
	while ((k = store_step(st)) > 0) {
		keys = xgrow(keys, n, &cap, sizeof(*keys), 64);
		keys[n++] = xstrdup(store_col_text(st, 0));
	}
	sqlite3_reset(st);
	if (k < 0)
		goto out;
	rc = ST_OK;
	if (n == 0)
		goto out;
	ix.tok = search_tok_new(s);
	if (!ix.tok) {
		rc = ST_ERR;
		goto out;
	}
	/* a big batch reads much of the database: a page cache of 64 MB at least */
	int64_t cache;
	if (store_cache_size_get(s, &cache) != ST_OK) {
		rc = ST_ERR;
		goto out;
	}
	int bigger = n > 1000 && cache < 0 && cache > -65536; /* negative: KiB (we set no page counts) */
	if (bigger)
		store_cache_size_set(s, -65536);
	void *rd = index->open(s, n);
	rc = rd ? ST_OK : ST_ERR;
	for (size_t i = 0; i < n && rc == ST_OK; i++)
		rc = index_one(&ix, rd, keys[i]);
	if (rd)
		index->close(rd);
	if (bigger)
		store_cache_size_set(s, cache);
	/* the batch is the first n keys in order: done with all up to the last */
	st = rc == ST_OK ? search_stmt(ix.s, ix.ix, Q_DIRTY_DONE) : NULL;
	if (st) {
		sqlite3_bind_text(st, 1, keys[n - 1], -1, SQLITE_STATIC);
		rc = store_exec_stmt(s, st);
	} else {
		rc = ST_ERR;
	}
	if (rc == ST_OK)
		rc = flush_counts(&ix);
	if (rc == ST_OK)
		rc = (st = search_stmt(ix.s, ix.ix, Q_GEN_BUMP)) ? store_exec_stmt(s, st) : ST_ERR;
	if (rc == ST_OK && done)
		*done = n;
out:
	for (size_t i = 0; i < n; i++)
		free(keys[i]);
	free(keys);
	if (ix.tok)
		search_tok_free(ix.tok);
	strmap_free(&ix.counts, free);
	buf_free(&ix.sort);
	return rc;
}

int search_refresh(struct store *s, const struct search_index *index, size_t limit, size_t *done)
{
	struct store_tx tx;
	if (done)
		*done = 0;
	/* a running server's index is its indexer's work, never a request's */
	if (!search_indexer_on_this_thread() && search_indexer_kick(index))
		return ST_OK;
	if (store_tx_begin(s, &tx) != ST_OK)
		return ST_ERR;
	int rc = store_tx_end(s, &tx, refresh_in_tx(s, index, limit, done));
	if (rc != ST_OK)
		log_error("search: indexing %s failed", index->prefix);
	return rc;
}

/* Empty the word table PREFIX_suffix (FTS5) by dropping it and making it
 * again from its own CREATE statement: a DELETE of its rows reads and
 * tokenizes every row's text to take its words out (a third of a
 * rebuild of 100,000 offers). */
static int fts_remake(struct store *s, const struct search_index *index, const char *suffix)
{
	char name[80];
	snprintf(name, sizeof(name), "%s_%s", index->prefix, suffix);
	sqlite3_stmt *st = store_stmt(s, "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?1");
	if (!st)
		return ST_ERR;
	store_bind_str(st, 1, name);
	char *sql = store_step(st) > 0 ? sqlite3_mprintf("DROP TABLE \"%w\"; %s;", name, store_col_text(st, 0)) : NULL;
	sqlite3_reset(st);
	int rc = sql ? store_exec(s, sql) : ST_ERR;
	sqlite3_free(sql);
	return rc;
}

/* The refresh runs in rebuild's transaction itself, not in a savepoint
 * of its own: inside a savepoint, SQLite's in-memory sub-journal holds
 * every page the savepoint changed, and each statement's end walks it
 * from its start (memjrnlTruncate), which made a rebuild of 100,000
 * offers spend most of its time walking that list. */
int search_rebuild(struct store *s, const struct search_index *index, const char *all_keys, size_t *done)
{
	struct store_tx tx;
	if (store_tx_begin(s, &tx) != ST_OK)
		return ST_ERR;
	const char *clear = search_sql(index, Q_CLEAR), *mark = search_sql(index, Q_MARK_ALL);
	char *sql = clear && mark ? sqlite3_mprintf("%s%s%s", clear, mark, all_keys) : NULL;
	int rc = sql ? store_exec(s, sql) : ST_ERR;
	sqlite3_free(sql);
	static const char *const tables[] = { "name", "head", "body" };
	for (size_t i = 0; i < sizeof(tables) / sizeof(tables[0]) && rc == ST_OK; i++)
		rc = fts_remake(s, index, tables[i]);
	if (rc == ST_OK)
		rc = refresh_in_tx(s, index, 0, done);
	rc = store_tx_end(s, &tx, rc);
	if (rc != ST_OK)
		log_error("search: rebuilding %s failed", index->prefix);
	return rc;
}

int64_t search_version(struct store *s, const struct search_index *ix, char token[40])
{
	if (search_indexer_running(ix)) {
		struct snap *sn = search_indexer_behind(ix) ? NULL : search_indexer_snap(ix);
		int64_t gen = sn ? sn->gen : -1;
		if (sn)
			snprintf(token, 40, "%s", sn->token);
		search_snap_release(sn);
		return gen;
	}
	sqlite3_stmt *st = search_stmt(s, ix, Q_VERSION);
	int64_t gen = -1;
	if (!st)
		return -1;
	if (store_step(st) > 0 && sqlite3_column_int(st, 2) == 0) {
		gen = sqlite3_column_int64(st, 0);
		snprintf(token, 40, "%s", store_col_text(st, 1));
	}
	sqlite3_reset(st);
	return gen;
}
