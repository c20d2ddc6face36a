/* synonym.c — the synonyms every index shares (table search_synonym): a
 * query word `term` also searches for `expansion`. Read into each index's
 * snapshot (snap.c); an index's trigger on the table renews it. */
#include "search/search.h"

int search_synonym_list(struct store *s, arena *a, struct search_synonym **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = store_stmt(s, "SELECT term, expansion FROM search_synonym ORDER BY term, expansion");
	if (!st)
		return ST_ERR;
	size_t cap = 0;
	int rc;
	while ((rc = store_step(st)) > 0) {
		*out = arena_grow(a, *out, *n, &cap, sizeof(**out), 64);
		(*out)[*n].term = store_col_str(a, st, 0);
		(*out)[(*n)++].expansion = store_col_str(a, st, 1);
	}
	sqlite3_reset(st);
	if (rc < 0) {
		*n = 0;
		return ST_ERR;
	}
	return ST_OK;
}

int search_synonym_set(struct store *s, const char *term, const char *expansion, int add)
{
	sqlite3_stmt *st = store_stmt(s, add ? "INSERT OR IGNORE INTO search_synonym(term, expansion) VALUES (?, ?)"
					     : "DELETE FROM search_synonym WHERE term = ? AND expansion = ?");
	if (!st)
		return ST_ERR;
	store_bind_str(st, 1, term);
	store_bind_str(st, 2, expansion);
	return store_exec_stmt(s, st);
}
