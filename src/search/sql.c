/* sql.c — the statements of an index, made from templates with "@" for
 * the index's prefix once per index and kept for the process (the store's
 * statement cache knows a statement by the address of its text). */
#include "search/search_internal.h"
#include "core/buf.h"
#include "core/core.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static const char *const templates[Q__N] = {
	/* the generation: the index's and the synonyms' (both only grow) */
	[Q_STATE] = "SELECT token, gen + (SELECT gen FROM search_synonym_state) FROM @_state WHERE id = 1",
	[Q_VERSION] = "SELECT gen + (SELECT gen FROM search_synonym_state), token, EXISTS (SELECT 1 FROM @_dirty) "
		      "FROM @_state WHERE id = 1",
	[Q_ANY_DIRTY] = "SELECT EXISTS (SELECT 1 FROM @_dirty)",
	[Q_DIRTY_BATCH] = "SELECT key FROM @_dirty ORDER BY key LIMIT ?",
	[Q_DIRTY_DONE] = "DELETE FROM @_dirty WHERE key <= ?",
	[Q_GEN_BUMP] = "UPDATE @_state SET gen = gen + 1",
	[Q_DOC_ID] = "SELECT docid FROM @_doc WHERE key = ?",
	[Q_DOC_INSERT] = "INSERT INTO @_doc(key, sort_key, features, lo, hi, coords, card) "
			 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	[Q_DOC_UPDATE] = "UPDATE @_doc SET sort_key = ?2, features = ?3, lo = ?4, hi = ?5, coords = ?6, card = ?7 "
			 "WHERE docid = ?1",
	[Q_DOC_DELETE] = "DELETE FROM @_doc WHERE docid = ?",
	[Q_DOCS] = "SELECT docid, key, features, lo, hi, coords, card, sort_key FROM @_doc ORDER BY docid",
	[Q_DOCS_OF] = "SELECT docid, key, features, lo, hi, coords, card, sort_key FROM @_doc WHERE docid = ?",
	[Q_DOCS_BY_NAME] = "SELECT docid FROM @_doc ORDER BY sort_key, docid",
	[Q_FTS_INSERT + ST_NAME] = "INSERT INTO @_name(rowid, text) VALUES (?, ?)",
	[Q_FTS_INSERT + ST_HEAD] = "INSERT INTO @_head(rowid, text) VALUES (?, ?)",
	[Q_FTS_INSERT + ST_BODY] = "INSERT INTO @_body(rowid, text) VALUES (?, ?)",
	[Q_FTS_DELETE + ST_NAME] = "DELETE FROM @_name WHERE rowid = ?",
	[Q_FTS_DELETE + ST_HEAD] = "DELETE FROM @_head WHERE rowid = ?",
	[Q_FTS_DELETE + ST_BODY] = "DELETE FROM @_body WHERE rowid = ?",
	[Q_TERM_COUNT] = "INSERT INTO @_term(term, df_name, df_head, df_body) "
			 "VALUES (?1, max(?2, 0), max(?3, 0), max(?4, 0)) ON CONFLICT(term) DO UPDATE SET "
			 "df_name = max(0, df_name + ?2), df_head = max(0, df_head + ?3), "
			 "df_body = max(0, df_body + ?4)",
	[Q_VOCAB_MAKE + ST_NAME] = "CREATE VIRTUAL TABLE IF NOT EXISTS temp.@_vocab_name USING fts5vocab(main, @_name, instance)",
	[Q_VOCAB_MAKE + ST_HEAD] = "CREATE VIRTUAL TABLE IF NOT EXISTS temp.@_vocab_head USING fts5vocab(main, @_head, instance)",
	[Q_VOCAB_MAKE + ST_BODY] = "CREATE VIRTUAL TABLE IF NOT EXISTS temp.@_vocab_body USING fts5vocab(main, @_body, instance)",
	[Q_VOCAB_ROWS + ST_NAME] = "SELECT term, doc FROM temp.@_vocab_name",
	[Q_VOCAB_ROWS + ST_HEAD] = "SELECT term, doc FROM temp.@_vocab_head",
	[Q_VOCAB_ROWS + ST_BODY] = "SELECT term, doc FROM temp.@_vocab_body",
	/* the word tables are made anew instead (index.c: fts_remake) */
	[Q_CLEAR] = "DELETE FROM @_doc; DELETE FROM @_term; INSERT INTO @_term_tri(@_term_tri) VALUES ('delete-all');",
	[Q_MARK_ALL] = "INSERT OR IGNORE INTO @_dirty ",
};

#define MAX_INDEXES 8

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static struct made {
	const struct search_index *ix;
	char *sql[Q__N];
} made[MAX_INDEXES];

static char *expand(const char *tpl, const char *prefix)
{
	buf b;
	buf_init(&b, 256);
	for (const char *p = tpl; *p; p++) {
		if (*p == '@')
			buf_puts(&b, prefix);
		else
			buf_putc(&b, *p);
	}
	char *s = xstrdup(buf_str(&b));
	buf_free(&b);
	return s;
}

const char *search_sql(const struct search_index *ix, enum search_stmt_id id)
{
	pthread_mutex_lock(&mu);
	struct made *m = NULL;
	for (size_t i = 0; i < MAX_INDEXES && !m; i++) {
		if (made[i].ix == ix) {
			m = &made[i];
		} else if (!made[i].ix) {
			m = &made[i];
			m->ix = ix;
			for (int k = 0; k < Q__N; k++)
				m->sql[k] = expand(templates[k], ix->prefix);
		}
	}
	pthread_mutex_unlock(&mu);
	return m ? m->sql[id] : NULL;
}

sqlite3_stmt *search_stmt(struct store *s, const struct search_index *ix, enum search_stmt_id id)
{
	const char *sql = search_sql(ix, id);
	return sql ? store_stmt(s, sql) : NULL;
}
