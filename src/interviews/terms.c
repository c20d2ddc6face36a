/* terms.c — codes and values of document variables mapped to the
 * directory's taxonomy terms (migration 0039): a barrier "Sprache" as the
 * need angebotsart/sprachfoerderung, the value "Eltern" of the variable
 * "Gruppe" as the target group zielgruppe/eltern. The evidence loop counts
 * coded documents by them (evidence.c). */
#include "interviews/interviews.h"
#include "interviews/iv_internal.h"
#include "core/core.h"

#include <string.h>

static void read_code_term(arena *a, sqlite3_stmt *st, void *elem)
{
	*(struct iv_code_term *)elem = (struct iv_code_term){ .code_id = sqlite3_column_int64(st, 0),
							      .taxonomy = store_col_str(a, st, 1),
							      .term = store_col_str(a, st, 2) };
}

int iv_code_terms(struct store *s, arena *a, int64_t project_id, struct iv_code_term **out, size_t *n)
{
	return iv_read_rows(s, a,
			    "SELECT t.code_id, t.taxonomy, t.term FROM iv_code_term t JOIN iv_code c ON c.id = t.code_id "
			    "WHERE c.project_id = ? ORDER BY t.code_id",
			    project_id, sizeof(**out), read_code_term, (void **)out, n);
}

int iv_code_term_set(struct store *s, int64_t project_id, int64_t code_id, const char *taxonomy, const char *term)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT 1 FROM iv_code WHERE id = ? AND project_id = ?");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, code_id);
	sqlite3_bind_int64(st, 2, project_id);
	int k = store_step(st);
	sqlite3_reset(st);
	if (k <= 0)
		return k == 0 ? ST_NOTFOUND : ST_ERR;
	const char *vals[] = { taxonomy, term };
	return iv_row_put(s, term && *term && taxonomy && *taxonomy, "DELETE FROM iv_code_term WHERE code_id = ?",
			  "INSERT INTO iv_code_term (code_id, taxonomy, term) VALUES (?, ?, ?) "
			  "ON CONFLICT (code_id) DO UPDATE SET taxonomy = excluded.taxonomy, term = excluded.term",
			  code_id, NULL, 0, vals, 2);
}

static void read_var_term(arena *a, sqlite3_stmt *st, void *elem)
{
	*(struct iv_var_term *)elem = (struct iv_var_term){ .name = store_col_str(a, st, 0),
							    .value = store_col_str(a, st, 1),
							    .dim = store_col_str(a, st, 2),
							    .term = store_col_str(a, st, 3) };
}

int iv_var_terms(struct store *s, arena *a, int64_t project_id, struct iv_var_term **out, size_t *n)
{
	return iv_read_rows(s, a, "SELECT name, value, dim, term FROM iv_var_term WHERE project_id = ? ORDER BY name, value",
			    project_id, sizeof(**out), read_var_term, (void **)out, n);
}

int iv_var_term_set(struct store *s, int64_t project_id, const char *name, const char *value, const char *dim,
		    const char *term)
{
	static const char *const dims[] = { "stage", "group", "district", "language" };
	int set = term && *term;
	size_t i = 0;
	while (set && i < NELEM(dims) && strcmp(dims[i], dim ? dim : "") != 0)
		i++;
	if (i == NELEM(dims))
		return ST_CONFLICT;
	const char *keys[] = { name, value }, *vals[] = { dim, term };
	return iv_row_put(s, set, "DELETE FROM iv_var_term WHERE project_id = ? AND name = ? AND value = ?",
			  "INSERT INTO iv_var_term (project_id, name, value, dim, term) VALUES (?, ?, ?, ?, ?) "
			  "ON CONFLICT (project_id, name, value) DO UPDATE SET dim = excluded.dim, term = excluded.term",
			  project_id, keys, 2, vals, 2);
}
