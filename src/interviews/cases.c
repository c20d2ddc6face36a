/* cases.c — cases: the documents of one person or organisation put
 * together (two interviews with the same young person, the talk with a
 * company and its protocol), with their own variables (REFI-QDA Case
 * with SourceRef and VariableValue; tables iv_case, iv_case_doc,
 * iv_case_var). */
#include "interviews/interviews.h"
#include "interviews/iv_internal.h"
#include "core/core.h"

#include <string.h>

static struct iv_case *find(struct iv_case *c, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (c[i].id == id)
			return &c[i];
	return NULL;
}

static void read_case(arena *a, sqlite3_stmt *st, void *elem)
{
	*(struct iv_case *)elem = (struct iv_case){ .id = sqlite3_column_int64(st, 0), .guid = store_col_str(a, st, 1),
						    .name = store_col_str(a, st, 2),
						    .description = store_col_str(a, st, 3) };
}

int iv_cases(struct store *s, arena *a, int64_t project_id, struct iv_case **out, size_t *n)
{
	int rc = iv_read_rows(s, a, "SELECT id, guid, name, description FROM iv_case WHERE project_id = ? ORDER BY name, id",
			      project_id, sizeof(**out), read_case, (void **)out, n);
	if (rc != ST_OK)
		return rc;
	/* the documents (kind 0, by name) and the variables (kind 1, by name) */
	sqlite3_stmt *st = store_stmt(
		s, "SELECT m.case_id, 0, m.doc_id, d.name, '' FROM iv_case_doc m JOIN iv_case c ON c.id = m.case_id "
		   "JOIN iv_document d ON d.id = m.doc_id WHERE c.project_id = ?1 "
		   "UNION ALL SELECT v.case_id, 1, 0, v.name, v.value FROM iv_case_var v JOIN iv_case c ON c.id = v.case_id "
		   "WHERE c.project_id = ?1 ORDER BY 1, 2, 4, 3");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, project_id);
	int k;
	while ((k = store_step(st)) > 0) {
		struct iv_case *c = find(*out, *n, sqlite3_column_int64(st, 0));
		if (!c)
			continue;
		if (sqlite3_column_int(st, 1) == 0) {
			/* grow by one: a case has few documents and variables */
			int64_t *d = arena_alloc(a, (c->ndocs + 1) * sizeof(*d));
			if (c->ndocs)
				memcpy(d, c->docs, c->ndocs * sizeof(*d));
			d[c->ndocs++] = sqlite3_column_int64(st, 2);
			c->docs = d;
		} else {
			struct iv_var *v = arena_alloc(a, (c->nvars + 1) * sizeof(*v));
			if (c->nvars)
				memcpy(v, c->vars, c->nvars * sizeof(*v));
			v[c->nvars++] = (struct iv_var){ 0, store_col_str(a, st, 3), store_col_str(a, st, 4) };
			c->vars = v;
		}
	}
	sqlite3_reset(st);
	return k == 0 ? ST_OK : ST_ERR;
}

static void read_case_ref(arena *a, sqlite3_stmt *st, void *elem)
{
	*(struct iv_case *)elem = (struct iv_case){ .id = sqlite3_column_int64(st, 0), .name = store_col_str(a, st, 1) };
}

int iv_doc_cases(struct store *s, arena *a, int64_t doc_id, struct iv_case **out, size_t *n)
{
	return iv_read_rows(s, a,
			    "SELECT c.id, c.name FROM iv_case c JOIN iv_case_doc m ON m.case_id = c.id "
			    "WHERE m.doc_id = ? ORDER BY c.name, c.id",
			    doc_id, sizeof(**out), read_case_ref, (void **)out, n);
}

int iv_case_save(struct store *s, int64_t project_id, const struct iv_case *c, int64_t *id)
{
	if (!c->name || !*c->name)
		return ST_CONFLICT;
	sqlite3_stmt *st;
	if (c->id) {
		st = store_stmt(s, "UPDATE iv_case SET name = ?, description = ? WHERE id = ? AND project_id = ?");
		if (!st)
			return ST_ERR;
		store_bind_str(st, 1, c->name);
		store_bind_str(st, 2, c->description ? c->description : "");
		sqlite3_bind_int64(st, 3, c->id);
		sqlite3_bind_int64(st, 4, project_id);
		*id = c->id;
		return store_exec_changed(s, st);
	}
	return iv_named_insert(s, "INSERT INTO iv_case (project_id, guid, name, description) VALUES (?, ?, ?, ?)",
			       project_id, c->guid, c->name, c->description, id);
}

int iv_case_delete(struct store *s, int64_t project_id, int64_t case_id)
{
	return iv_exec_own(s, "DELETE FROM iv_case WHERE id = ? AND project_id = ?", case_id, project_id);
}

int iv_case_docs_set(struct store *s, int64_t project_id, int64_t case_id, const int64_t *docs, size_t n)
{
	sqlite3_stmt *st = store_stmt(s, "DELETE FROM iv_case_doc WHERE case_id = (SELECT id FROM iv_case WHERE "
					 "id = ? AND project_id = ?)");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int64(st, 2, project_id);
	int rc = store_exec_stmt(s, st);
	/* only the project's documents into the project's case: the SELECT
	 * finds nothing else, and store_exec_changed says so */
	st = rc == ST_OK ? store_stmt(s, "INSERT INTO iv_case_doc (case_id, doc_id) SELECT c.id, d.id FROM iv_case c "
					 "JOIN iv_document d ON d.project_id = c.project_id WHERE c.id = ? AND "
					 "c.project_id = ? AND d.id = ? ON CONFLICT DO NOTHING")
			 : NULL;
	if (rc == ST_OK && !st)
		rc = ST_ERR;
	for (size_t i = 0; rc == ST_OK && i < n; i++) {
		int twice = 0;
		for (size_t j = 0; j < i; j++)
			twice |= docs[j] == docs[i];
		if (twice)
			continue;
		sqlite3_bind_int64(st, 1, case_id);
		sqlite3_bind_int64(st, 2, project_id);
		sqlite3_bind_int64(st, 3, docs[i]);
		rc = store_exec_changed(s, st);
	}
	return rc;
}

int iv_case_var_set(struct store *s, int64_t case_id, const char *name, const char *value)
{
	return iv_row_put(s, value && *value, "DELETE FROM iv_case_var WHERE case_id = ? AND name = ?",
			  "INSERT INTO iv_case_var (case_id, name, value) VALUES (?, ?, ?) "
			  "ON CONFLICT (case_id, name) DO UPDATE SET value = excluded.value",
			  case_id, &name, 1, &value, 1);
}
