/* codesets.c — splitting a code (some of its codings go to a new code
 * beside it) and code sets (codes put together across the tree; REFI-QDA
 * Set with MemberCode). */
#include "interviews/interviews.h"
#include "interviews/iv_internal.h"
#include "core/core.h"

#include <string.h>

int iv_code_split(struct store *s, int64_t project_id, int64_t code_id, const char *name, const int64_t *codings,
		  size_t n, int64_t *new_id)
{
	struct iv_code *codes;
	size_t nc;
	arena *a = arena_new();
	int rc = n == 0 || !name || !*name ? ST_CONFLICT : iv_codes(s, a, project_id, &codes, &nc);
	const struct iv_code *old = NULL;
	for (size_t i = 0; rc == ST_OK && i < nc; i++)
		if (codes[i].id == code_id)
			old = &codes[i];
	if (rc == ST_OK && !old)
		rc = ST_NOTFOUND;
	struct store_tx tx = { 0 };
	if (rc == ST_OK)
		rc = store_tx_begin(s, &tx);
	if (rc == ST_OK) {
		struct iv_code c = { .parent_id = old->parent_id, .name = name, .color = old->color,
				     .description = "", .memo = "" };
		rc = iv_code_save(s, project_id, &c, new_id);
		sqlite3_stmt *st = rc == ST_OK ? store_stmt(s, "UPDATE iv_coding SET code_id = ? WHERE id = ? AND code_id = ?")
					       : NULL;
		if (rc == ST_OK && !st)
			rc = ST_ERR;
		for (size_t i = 0; rc == ST_OK && i < n; i++) {
			sqlite3_bind_int64(st, 1, *new_id);
			sqlite3_bind_int64(st, 2, codings[i]);
			sqlite3_bind_int64(st, 3, code_id);
			rc = store_exec_changed(s, st); /* ST_NOTFOUND: not a coding of this code */
		}
		rc = store_tx_end(s, &tx, rc);
	}
	arena_free(a);
	return rc;
}

int iv_codesets(struct store *s, arena *a, int64_t project_id, struct iv_codeset **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = store_stmt(s, "SELECT c.id, c.guid, c.name, c.description, m.code_id FROM iv_codeset c "
					 "LEFT JOIN iv_codeset_code m ON m.set_id = c.id WHERE c.project_id = ? "
					 "ORDER BY c.name, c.id, m.code_id");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, project_id);
	size_t cap = 0, mcap = 0;
	int k;
	while ((k = store_step(st)) > 0) {
		int64_t id = sqlite3_column_int64(st, 0);
		if (*n == 0 || (*out)[*n - 1].id != id) {
			*out = arena_grow(a, *out, *n, &cap, sizeof(**out), 8);
			(*out)[(*n)++] = (struct iv_codeset){ .id = id, .guid = store_col_str(a, st, 1),
							      .name = store_col_str(a, st, 2),
							      .description = store_col_str(a, st, 3) };
			mcap = 0;
		}
		struct iv_codeset *set = &(*out)[*n - 1];
		if (sqlite3_column_type(st, 4) != SQLITE_NULL) {
			set->codes = arena_grow(a, set->codes, set->ncodes, &mcap, sizeof(*set->codes), 8);
			set->codes[set->ncodes++] = sqlite3_column_int64(st, 4);
		}
	}
	sqlite3_reset(st);
	return k == 0 ? ST_OK : ST_ERR;
}

int iv_codeset_add(struct store *s, int64_t project_id, const char *name, const char *description, const char *guid,
		   const int64_t *codes, size_t n, int64_t *id)
{
	if (!name || !*name)
		return ST_CONFLICT;
	struct store_tx tx;
	int rc = store_tx_begin(s, &tx);
	if (rc == ST_OK)
		rc = iv_named_insert(s, "INSERT INTO iv_codeset (project_id, guid, name, description) VALUES (?, ?, ?, ?)",
				     project_id, guid, name, description, id);
	/* only the project's codes: the SELECT finds none of another project */
	sqlite3_stmt *st = rc == ST_OK ? store_stmt(s, "INSERT INTO iv_codeset_code (set_id, code_id) SELECT ?, id FROM "
						       "iv_code WHERE id = ? AND project_id = ? ON CONFLICT DO NOTHING")
				       : NULL;
	if (rc == ST_OK && !st)
		rc = ST_ERR;
	for (size_t i = 0; rc == ST_OK && i < n; i++) {
		sqlite3_bind_int64(st, 1, *id);
		sqlite3_bind_int64(st, 2, codes[i]);
		sqlite3_bind_int64(st, 3, project_id);
		rc = store_exec_changed(s, st);
	}
	return store_tx_end(s, &tx, rc);
}

int iv_codeset_delete(struct store *s, int64_t project_id, int64_t set_id)
{
	return iv_exec_own(s, "DELETE FROM iv_codeset WHERE id = ? AND project_id = ?", set_id, project_id);
}
