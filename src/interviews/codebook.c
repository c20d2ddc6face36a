/* codebook.c — the queries of the codebook (hierarchical codes), the
 * codings of documents and the memos. */
#include "interviews/interviews.h"
#include "interviews/iv_internal.h"
#include "core/core.h"

#include <stdlib.h>
#include <string.h>

int iv_color_valid(const char *c)
{
	if (!c || strlen(c) != 7 || c[0] != '#')
		return 0;
	for (int i = 1; i < 7; i++)
		if (!strchr("0123456789abcdefABCDEF", c[i]))
			return 0;
	return 1;
}

/* Append the children of parent (in name order) of all[0..n) to out, depth first. */
static void tree_walk(const struct iv_code *all, size_t n, int64_t parent, int depth, struct iv_code *out,
		      size_t *k, int guard)
{
	if (guard > 64)
		return;
	for (size_t i = 0; i < n; i++) {
		if (all[i].parent_id != parent)
			continue;
		out[*k] = all[i];
		out[(*k)++].depth = depth;
		tree_walk(all, n, all[i].id, depth + 1, out, k, guard + 1);
	}
}

int iv_codes(struct store *s, arena *a, int64_t project_id, struct iv_code **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = store_stmt(s, "SELECT c.id, COALESCE(c.parent_id, 0), c.guid, c.name, c.color, c.description, "
					 "c.memo, (SELECT count(*) FROM iv_coding g WHERE g.code_id = c.id) FROM iv_code c "
					 "WHERE c.project_id = ? ORDER BY c.name, c.id");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, project_id);
	struct iv_code *all = NULL;
	size_t cap = 0, m = 0;
	int k;
	while ((k = store_step(st)) > 0) {
		all = arena_grow(a, all, m, &cap, sizeof(*all), 32);
		all[m++] = (struct iv_code){ .id = sqlite3_column_int64(st, 0), .parent_id = sqlite3_column_int64(st, 1),
					     .guid = store_col_str(a, st, 2), .name = store_col_str(a, st, 3),
					     .color = store_col_str(a, st, 4), .description = store_col_str(a, st, 5),
					     .memo = store_col_str(a, st, 6), .ncodings = (long)sqlite3_column_int64(st, 7) };
	}
	sqlite3_reset(st);
	if (k != 0)
		return ST_ERR;
	if (m == 0)
		return ST_OK;
	*out = arena_alloc(a, m * sizeof(**out));
	tree_walk(all, m, 0, 0, *out, n, 0);
	return ST_OK;
}

/* The parent of code id in the project (0: top), ST_NOTFOUND when the
 * code is not the project's. */
static int parent_of(struct store *s, int64_t project_id, int64_t id, int64_t *parent)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT COALESCE(parent_id, 0) FROM iv_code WHERE id = ? AND project_id = ?");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, project_id);
	return store_one_int64(st, parent);
}

/* Is anc an ancestor of id, or id itself? 1, 0, or -1 on a failed read. */
static int is_ancestor(struct store *s, int64_t project_id, int64_t anc, int64_t id)
{
	for (int guard = 0; id && guard < 100; guard++) {
		if (id == anc)
			return 1;
		int64_t p;
		int rc = parent_of(s, project_id, id, &p);
		if (rc != ST_OK)
			return rc == ST_NOTFOUND ? 0 : -1;
		id = p;
	}
	return 0;
}

int iv_code_save(struct store *s, int64_t project_id, const struct iv_code *c, int64_t *id)
{
	int64_t dummy;
	if (c->parent_id) {
		int rc = parent_of(s, project_id, c->parent_id, &dummy);
		if (rc != ST_OK)
			return rc;
	}
	if (c->id) {
		int rc = parent_of(s, project_id, c->id, &dummy);
		if (rc != ST_OK)
			return rc;
		int cyc = c->parent_id ? is_ancestor(s, project_id, c->id, c->parent_id) : 0;
		if (cyc)
			return cyc < 0 ? ST_ERR : ST_CONFLICT;
		sqlite3_stmt *st = store_stmt(s, "UPDATE iv_code SET parent_id = ?, name = ?, color = ?, description = ?, "
						 "memo = ? WHERE id = ? AND project_id = ?");
		if (!st)
			return ST_ERR;
		if (c->parent_id)
			sqlite3_bind_int64(st, 1, c->parent_id);
		else
			sqlite3_bind_null(st, 1);
		store_bind_str(st, 2, c->name);
		store_bind_str(st, 3, c->color);
		store_bind_str(st, 4, c->description);
		store_bind_str(st, 5, c->memo);
		sqlite3_bind_int64(st, 6, c->id);
		sqlite3_bind_int64(st, 7, project_id);
		*id = c->id;
		return store_exec_changed(s, st);
	}
	char g[37];
	const char *guid = c->guid;
	if (!guid) {
		iv_guid(g);
		guid = g;
	}
	sqlite3_stmt *st = store_stmt(s, "INSERT INTO iv_code(project_id, parent_id, guid, name, color, description, memo) "
					 "VALUES (?, ?, ?, ?, ?, ?, ?)");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, project_id);
	if (c->parent_id)
		sqlite3_bind_int64(st, 2, c->parent_id);
	else
		sqlite3_bind_null(st, 2);
	store_bind_str(st, 3, guid);
	store_bind_str(st, 4, c->name);
	store_bind_str(st, 5, c->color && *c->color ? c->color : "#ffd866");
	store_bind_str(st, 6, c->description);
	store_bind_str(st, 7, c->memo);
	int rc = store_exec_stmt(s, st);
	if (rc == ST_OK)
		*id = sqlite3_last_insert_rowid(store_db(s));
	return rc;
}

static int exec2(struct store *s, const char *sql, int64_t a, int64_t b)
{
	sqlite3_stmt *st = store_stmt(s, sql);
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, a);
	sqlite3_bind_int64(st, 2, b);
	return store_exec_stmt(s, st);
}

int iv_code_merge(struct store *s, int64_t project_id, int64_t from, int64_t into)
{
	int64_t p;
	int rc = parent_of(s, project_id, from, &p);
	if (rc == ST_OK)
		rc = parent_of(s, project_id, into, &p);
	if (rc != ST_OK)
		return rc;
	int anc = is_ancestor(s, project_id, from, into);
	if (anc)
		return anc < 0 ? ST_ERR : ST_CONFLICT;
	struct store_tx tx;
	rc = store_tx_begin(s, &tx);
	if (rc == ST_OK)
		rc = exec2(s, "INSERT INTO iv_coding(doc_id, code_id, coder_id, guid, start, \"end\", created_at) "
			      "SELECT doc_id, ?, coder_id, guid, start, \"end\", created_at FROM iv_coding WHERE code_id = ? "
			      "ON CONFLICT DO NOTHING",
			   into, from);
	if (rc == ST_OK)
		rc = exec2(s, "UPDATE iv_code SET parent_id = ? WHERE parent_id = ?", into, from);
	if (rc == ST_OK)
		rc = exec2(s, "UPDATE iv_memo SET code_id = ? WHERE code_id = ?", into, from);
	if (rc == ST_OK)
		rc = exec2(s, "DELETE FROM iv_code WHERE id = ? AND project_id = ?", from, project_id);
	return store_tx_end(s, &tx, rc);
}

int iv_code_delete(struct store *s, int64_t project_id, int64_t code_id)
{
	return iv_exec_own(s, "DELETE FROM iv_code WHERE id = ? AND project_id = ?", code_id, project_id);
}

int iv_exec_own(struct store *s, const char *sql, int64_t id, int64_t project_id)
{
	sqlite3_stmt *st = store_stmt(s, sql);
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, project_id);
	return store_exec_changed(s, st);
}

/* ---- codings ---- */

int iv_codings_doc(struct store *s, arena *a, int64_t doc_id, struct iv_coding **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = store_stmt(s, "SELECT g.id, g.doc_id, g.code_id, g.coder_id, g.guid, g.start, g.\"end\", k.name "
					 "FROM iv_coding g JOIN iv_coder k ON k.id = g.coder_id WHERE g.doc_id = ? "
					 "ORDER BY g.start, g.\"end\", g.id");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, doc_id);
	size_t cap = 0;
	int k;
	while ((k = store_step(st)) > 0) {
		*out = arena_grow(a, *out, *n, &cap, sizeof(**out), 64);
		(*out)[(*n)++] = (struct iv_coding){ sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1),
						     sqlite3_column_int64(st, 2), sqlite3_column_int64(st, 3),
						     store_col_str(a, st, 4), (long)sqlite3_column_int64(st, 5),
						     (long)sqlite3_column_int64(st, 6), store_col_str(a, st, 7) };
	}
	sqlite3_reset(st);
	return k == 0 ? ST_OK : ST_ERR;
}

int iv_coding_add(struct store *s, int64_t project_id, int64_t doc_id, int64_t code_id, int64_t coder_id,
		  long start, long end, const char *guid, int64_t *id)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT d.nchars FROM iv_document d JOIN iv_code c ON c.project_id = d.project_id "
					 "WHERE d.id = ? AND c.id = ? AND d.project_id = ?");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, doc_id);
	sqlite3_bind_int64(st, 2, code_id);
	sqlite3_bind_int64(st, 3, project_id);
	int k = store_step(st);
	long nchars = k > 0 ? (long)sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (k <= 0)
		return k == 0 ? ST_NOTFOUND : ST_ERR;
	if (start < 0 || end <= start || end > nchars)
		return ST_CONFLICT;
	char g[37];
	if (!guid) {
		iv_guid(g);
		guid = g;
	}
	st = store_stmt(s, "INSERT INTO iv_coding(doc_id, code_id, coder_id, guid, start, \"end\") VALUES (?, ?, ?, ?, ?, ?) "
			   "ON CONFLICT DO NOTHING");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, doc_id);
	sqlite3_bind_int64(st, 2, code_id);
	sqlite3_bind_int64(st, 3, coder_id);
	store_bind_str(st, 4, guid);
	sqlite3_bind_int64(st, 5, start);
	sqlite3_bind_int64(st, 6, end);
	int rc = store_exec_stmt(s, st);
	if (rc == ST_OK && id)
		*id = sqlite3_changes(store_db(s)) ? sqlite3_last_insert_rowid(store_db(s)) : 0;
	return rc;
}

int iv_coding_delete(struct store *s, int64_t doc_id, int64_t coding_id)
{
	sqlite3_stmt *st = store_stmt(s, "DELETE FROM iv_coding WHERE id = ? AND doc_id = ?");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, coding_id);
	sqlite3_bind_int64(st, 2, doc_id);
	return store_exec_changed(s, st);
}

/* ---- memos ---- */

int iv_memos(struct store *s, arena *a, int64_t project_id, struct iv_memo **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = store_stmt(s, "SELECT m.id, COALESCE(m.doc_id, 0), COALESCE(m.code_id, 0), "
					 "COALESCE(m.coding_id, 0), m.text, COALESCE(k.name, ''), m.created_at FROM iv_memo m "
					 "LEFT JOIN iv_coder k ON k.id = m.coder_id WHERE m.project_id = ? ORDER BY m.id");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, project_id);
	size_t cap = 0;
	int k;
	while ((k = store_step(st)) > 0) {
		*out = arena_grow(a, *out, *n, &cap, sizeof(**out), 8);
		(*out)[(*n)++] = (struct iv_memo){ sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1),
						   sqlite3_column_int64(st, 2), sqlite3_column_int64(st, 3),
						   store_col_str(a, st, 4), store_col_str(a, st, 5), store_col_str(a, st, 6) };
	}
	sqlite3_reset(st);
	return k == 0 ? ST_OK : ST_ERR;
}

int iv_memo_add(struct store *s, int64_t project_id, const struct iv_memo *m, int64_t coder_id)
{
	sqlite3_stmt *st = store_stmt(s, "INSERT INTO iv_memo(project_id, doc_id, code_id, coding_id, coder_id, text) "
					 "VALUES (?, NULLIF(?, 0), NULLIF(?, 0), NULLIF(?, 0), NULLIF(?, 0), ?)");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, project_id);
	sqlite3_bind_int64(st, 2, m->doc_id);
	sqlite3_bind_int64(st, 3, m->code_id);
	sqlite3_bind_int64(st, 4, m->coding_id);
	sqlite3_bind_int64(st, 5, coder_id);
	store_bind_str(st, 6, m->text);
	return store_exec_stmt(s, st);
}

int iv_code_memo_set(struct store *s, int64_t project_id, int64_t code_id, const char *memo)
{
	sqlite3_stmt *st = store_stmt(s, "UPDATE iv_code SET memo = ? WHERE id = ? AND project_id = ?");
	if (!st)
		return ST_ERR;
	store_bind_str(st, 1, memo ? memo : "");
	sqlite3_bind_int64(st, 2, code_id);
	sqlite3_bind_int64(st, 3, project_id);
	return store_exec_changed(s, st);
}
