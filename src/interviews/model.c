/* model.c — the queries of projects, their members and coders, documents
 * with their paragraphs and variables. */
#include "interviews/interviews.h"
#include "interviews/iv_internal.h"
#include "core/core.h"

#include <stdio.h>
#include <string.h>

void iv_guid(char out[37])
{
	unsigned char b[16];
	core_random(b, sizeof(b));
	b[6] = (unsigned char)((b[6] & 0x0F) | 0x40);
	b[8] = (unsigned char)((b[8] & 0x3F) | 0x80);
	static const char hex[] = "0123456789abcdef";
	size_t o = 0;
	for (int i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			out[o++] = '-';
		out[o++] = hex[b[i] >> 4];
		out[o++] = hex[b[i] & 15];
	}
	out[o] = '\0';
}

#define PROJECT_COLS                                                                                       \
	"p.id, p.guid, p.name, p.description, p.created_at, "                                               \
	"(SELECT count(*) FROM iv_document d WHERE d.project_id = p.id), "                                   \
	"(SELECT count(*) FROM iv_code c WHERE c.project_id = p.id), "                                       \
	"(SELECT count(*) FROM iv_coding g JOIN iv_document d ON d.id = g.doc_id WHERE d.project_id = p.id) "

static void read_project(arena *a, sqlite3_stmt *st, struct iv_project *p)
{
	*p = (struct iv_project){ .id = sqlite3_column_int64(st, 0), .guid = store_col_str(a, st, 1),
				  .name = store_col_str(a, st, 2), .description = store_col_str(a, st, 3),
				  .created_at = store_col_str(a, st, 4), .ndocs = (long)sqlite3_column_int64(st, 5),
				  .ncodes = (long)sqlite3_column_int64(st, 6),
				  .ncodings = (long)sqlite3_column_int64(st, 7) };
}

int iv_projects(struct store *s, arena *a, int64_t user_id, struct iv_project **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = store_stmt(s, "SELECT " PROJECT_COLS "FROM iv_project p WHERE ? = 0 OR EXISTS (SELECT 1 "
					 "FROM iv_member m WHERE m.project_id = p.id AND m.user_id = ?) "
					 "ORDER BY p.name, p.id");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, user_id);
	sqlite3_bind_int64(st, 2, user_id);
	size_t cap = 0;
	int k;
	while ((k = store_step(st)) > 0) {
		*out = arena_grow(a, *out, *n, &cap, sizeof(**out), 8);
		read_project(a, st, &(*out)[(*n)++]);
	}
	sqlite3_reset(st);
	return k == 0 ? ST_OK : ST_ERR;
}

int iv_project_get(struct store *s, arena *a, int64_t id, int64_t user_id, struct iv_project *out)
{
	/* every request of a project asks this: without the counts, which
	 * the list shows (iv_projects) */
	sqlite3_stmt *st = store_stmt(s, "SELECT p.id, p.guid, p.name, p.description, p.created_at, 0, 0, 0 "
					 "FROM iv_project p WHERE p.id = ? AND (? = 0 OR "
					 "EXISTS (SELECT 1 FROM iv_member m WHERE m.project_id = p.id AND m.user_id = ?))");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, user_id);
	sqlite3_bind_int64(st, 3, user_id);
	int k = store_step(st);
	if (k > 0)
		read_project(a, st, out);
	sqlite3_reset(st);
	return k > 0 ? ST_OK : k == 0 ? ST_NOTFOUND : ST_ERR;
}

int iv_project_create(struct store *s, const char *name, const char *description, const char *guid,
		      int64_t user_id, int64_t *id)
{
	char g[37];
	if (!guid) {
		iv_guid(g);
		guid = g;
	}
	struct store_tx tx;
	int rc = store_tx_begin(s, &tx);
	sqlite3_stmt *st = rc == ST_OK ? store_stmt(s, "INSERT INTO iv_project(guid, name, description) VALUES (?, ?, ?)")
				       : NULL;
	if (!st)
		rc = ST_ERR;
	if (rc == ST_OK) {
		store_bind_str(st, 1, guid);
		store_bind_str(st, 2, name);
		store_bind_str(st, 3, description);
		rc = store_exec_stmt(s, st);
		*id = sqlite3_last_insert_rowid(store_db(s));
	}
	if (rc == ST_OK && user_id) {
		st = store_stmt(s, "INSERT INTO iv_member(project_id, user_id) VALUES (?, ?)");
		if (!st) {
			rc = ST_ERR;
		} else {
			sqlite3_bind_int64(st, 1, *id);
			sqlite3_bind_int64(st, 2, user_id);
			rc = store_exec_stmt(s, st);
		}
		int64_t coder;
		if (rc == ST_OK)
			rc = iv_coder_of(s, *id, user_id, &coder);
	}
	return store_tx_end(s, &tx, rc);
}

int iv_project_delete(struct store *s, int64_t id)
{
	struct store_tx tx;
	int rc = store_secure_delete(s, 1);
	if (rc == ST_OK)
		rc = store_tx_begin(s, &tx);
	else
		tx = (struct store_tx){ 0 };
	sqlite3_stmt *st = rc == ST_OK ? store_stmt(s, "DELETE FROM iv_project WHERE id = ?") : NULL;
	if (rc == ST_OK && !st)
		rc = ST_ERR;
	if (rc == ST_OK) {
		sqlite3_bind_int64(st, 1, id);
		rc = store_exec_changed(s, st);
	}
	if (rc == ST_OK)
		rc = iv_search_refresh(s);
	rc = store_tx_end(s, &tx, rc);
	store_secure_delete(s, 0);
	return rc;
}

int iv_read_rows(struct store *s, arena *a, const char *sql, int64_t id, size_t size,
		 void (*read)(arena *a, sqlite3_stmt *st, void *elem), void **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = store_stmt(s, sql);
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, id);
	size_t cap = 0;
	int k;
	while ((k = store_step(st)) > 0) {
		*out = arena_grow(a, *out, *n, &cap, size, 16);
		read(a, st, (char *)*out + (*n)++ * size);
	}
	sqlite3_reset(st);
	return k == 0 ? ST_OK : ST_ERR;
}

int iv_members(struct store *s, arena *a, int64_t project_id, struct iv_member **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = store_stmt(s, "SELECT u.id, u.display_name, u.email FROM iv_member m JOIN user u ON u.id = m.user_id "
					 "WHERE m.project_id = ? ORDER BY u.display_name, u.email");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, project_id);
	size_t cap = 0;
	int k;
	while ((k = store_step(st)) > 0) {
		*out = arena_grow(a, *out, *n, &cap, sizeof(**out), 8);
		(*out)[(*n)++] = (struct iv_member){ sqlite3_column_int64(st, 0), store_col_str(a, st, 1),
						     store_col_str(a, st, 2) };
	}
	sqlite3_reset(st);
	return k == 0 ? ST_OK : ST_ERR;
}

int iv_member_add(struct store *s, int64_t project_id, const char *email, int64_t *user_id)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT u.id FROM user u JOIN user_role r ON r.user_id = u.id AND "
					 "r.role = 'researcher' WHERE u.email = ? AND u.disabled = 0");
	if (!st)
		return ST_ERR;
	store_bind_str(st, 1, email);
	int rc = store_one_int64(st, user_id);
	if (rc != ST_OK)
		return rc;
	struct store_tx tx;
	rc = store_tx_begin(s, &tx);
	st = rc == ST_OK ? store_stmt(s, "INSERT INTO iv_member(project_id, user_id) VALUES (?, ?)") : NULL;
	if (rc == ST_OK && !st)
		rc = ST_ERR;
	if (rc == ST_OK) {
		sqlite3_bind_int64(st, 1, project_id);
		sqlite3_bind_int64(st, 2, *user_id);
		rc = store_exec_stmt(s, st);
	}
	int64_t coder;
	if (rc == ST_OK)
		rc = iv_coder_of(s, project_id, *user_id, &coder);
	return store_tx_end(s, &tx, rc);
}

int iv_coder_of(struct store *s, int64_t project_id, int64_t user_id, int64_t *coder_id)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT id FROM iv_coder WHERE project_id = ? AND user_id = ?");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, project_id);
	sqlite3_bind_int64(st, 2, user_id);
	int rc = store_one_int64(st, coder_id);
	if (rc != ST_NOTFOUND)
		return rc;
	char g[37];
	iv_guid(g);
	st = store_stmt(s, "INSERT INTO iv_coder(project_id, guid, name, user_id) SELECT ?, ?, "
			   "CASE WHEN display_name <> '' THEN display_name ELSE email END, id FROM user WHERE id = ?");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, project_id);
	store_bind_str(st, 2, g);
	sqlite3_bind_int64(st, 3, user_id);
	rc = store_exec_changed(s, st);
	if (rc == ST_OK)
		*coder_id = sqlite3_last_insert_rowid(store_db(s));
	return rc;
}

int iv_coders(struct store *s, arena *a, int64_t project_id, struct iv_coder **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = store_stmt(s, "SELECT k.id, k.guid, k.name, (SELECT count(*) FROM iv_coding g WHERE "
					 "g.coder_id = k.id) FROM iv_coder k WHERE k.project_id = ? ORDER BY k.name, k.id");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, project_id);
	size_t cap = 0;
	int k;
	while ((k = store_step(st)) > 0) {
		*out = arena_grow(a, *out, *n, &cap, sizeof(**out), 8);
		(*out)[(*n)++] = (struct iv_coder){ sqlite3_column_int64(st, 0), store_col_str(a, st, 1),
						    store_col_str(a, st, 2), (long)sqlite3_column_int64(st, 3) };
	}
	sqlite3_reset(st);
	return k == 0 ? ST_OK : ST_ERR;
}

/* ---- documents ---- */

#define DOC_COLS                                                                                          \
	"d.id, d.project_id, d.guid, d.name, d.kind, d.nchars, d.talk_date, d.participants, d.topic, "       \
	"d.created_at, (SELECT count(*) FROM iv_coding g WHERE g.doc_id = d.id), COALESCE(d.event_id, 0) "

static void read_doc(arena *a, sqlite3_stmt *st, struct iv_doc *d)
{
	*d = (struct iv_doc){ .id = sqlite3_column_int64(st, 0), .project_id = sqlite3_column_int64(st, 1),
			      .guid = store_col_str(a, st, 2), .name = store_col_str(a, st, 3),
			      .kind = store_col_str(a, st, 4), .nchars = (long)sqlite3_column_int64(st, 5),
			      .talk_date = store_col_str(a, st, 6), .participants = store_col_str(a, st, 7),
			      .topic = store_col_str(a, st, 8), .created_at = store_col_str(a, st, 9),
			      .ncodings = (long)sqlite3_column_int64(st, 10), .event_id = sqlite3_column_int64(st, 11) };
}

int iv_docs(struct store *s, arena *a, int64_t project_id, struct iv_doc **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = store_stmt(s, "SELECT " DOC_COLS "FROM iv_document d WHERE d.project_id = ? "
					 "ORDER BY d.name, d.id");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, project_id);
	size_t cap = 0;
	int k;
	while ((k = store_step(st)) > 0) {
		*out = arena_grow(a, *out, *n, &cap, sizeof(**out), 16);
		read_doc(a, st, &(*out)[(*n)++]);
	}
	sqlite3_reset(st);
	return k == 0 ? ST_OK : ST_ERR;
}

int iv_doc_get(struct store *s, arena *a, int64_t project_id, int64_t doc_id, int body, struct iv_doc *out)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT " DOC_COLS ", CASE WHEN ? = 1 THEN d.body END FROM iv_document d "
					 "WHERE d.id = ? AND d.project_id = ?");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int(st, 1, body);
	sqlite3_bind_int64(st, 2, doc_id);
	sqlite3_bind_int64(st, 3, project_id);
	int k = store_step(st);
	if (k > 0) {
		read_doc(a, st, out);
		out->body = store_col_opt(a, st, 12);
	}
	sqlite3_reset(st);
	return k > 0 ? ST_OK : k == 0 ? ST_NOTFOUND : ST_ERR;
}

/* Parse body (blen bytes) and store its paragraphs as doc_id's; ST_ERR
 * also when it is not valid UTF-8. */
static int store_paras(struct store *s, int64_t doc_id, const char *body, size_t blen)
{
	arena *a = arena_new();
	struct iv_para *p;
	size_t np;
	int rc = iv_transcript_parse(a, body, blen, &p, &np) == 0 ? ST_OK : ST_ERR;
	sqlite3_stmt *st = rc == ST_OK ? store_stmt(s, "INSERT INTO iv_para(doc_id, n, start, \"end\", speaker, turn, "
						       "stamp, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
				       : NULL;
	if (rc == ST_OK && !st)
		rc = ST_ERR;
	for (size_t i = 0; rc == ST_OK && i < np; i++) {
		sqlite3_bind_int64(st, 1, doc_id);
		sqlite3_bind_int64(st, 2, p[i].n);
		sqlite3_bind_int64(st, 3, p[i].start);
		sqlite3_bind_int64(st, 4, p[i].end);
		store_bind_str(st, 5, p[i].speaker);
		sqlite3_bind_int(st, 6, p[i].turn);
		store_bind_str(st, 7, p[i].stamp);
		sqlite3_bind_text(st, 8, p[i].text, -1, SQLITE_STATIC);
		rc = store_exec_stmt(s, st);
	}
	arena_free(a);
	return rc;
}

int iv_doc_add(struct store *s, const struct iv_doc *d, int64_t *id)
{
	size_t blen = strlen(d->body);
	char g[37];
	const char *guid = d->guid;
	if (!guid) {
		iv_guid(g);
		guid = g;
	}
	struct store_tx tx;
	int rc = store_tx_begin(s, &tx);
	sqlite3_stmt *st = rc == ST_OK ? store_stmt(s, "INSERT INTO iv_document(project_id, guid, name, kind, body, "
						       "nchars, talk_date, participants, topic, event_id) "
						       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
				       : NULL;
	if (rc == ST_OK && !st)
		rc = ST_ERR;
	if (rc == ST_OK) {
		sqlite3_bind_int64(st, 1, d->project_id);
		store_bind_str(st, 2, guid);
		store_bind_str(st, 3, d->name);
		store_bind_str(st, 4, d->kind && *d->kind ? d->kind : "interview");
		sqlite3_bind_text(st, 5, d->body, (int)blen, SQLITE_STATIC);
		sqlite3_bind_int64(st, 6, iv_cp_count(d->body, blen));
		store_bind_str(st, 7, d->talk_date);
		store_bind_str(st, 8, d->participants);
		store_bind_str(st, 9, d->topic);
		if (d->event_id > 0)
			sqlite3_bind_int64(st, 10, d->event_id);
		else
			sqlite3_bind_null(st, 10);
		rc = store_exec_stmt(s, st);
		*id = sqlite3_last_insert_rowid(store_db(s));
	}
	if (rc == ST_OK)
		rc = store_paras(s, *id, d->body, blen);
	return store_tx_end(s, &tx, rc);
}

int iv_doc_text_set(struct store *s, int64_t doc_id, const char *body)
{
	size_t blen = strlen(body);
	sqlite3_stmt *st = store_stmt(s, "UPDATE iv_document SET body = ?, nchars = ? WHERE id = ?");
	if (!st)
		return ST_ERR;
	sqlite3_bind_text(st, 1, body, (int)blen, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, iv_cp_count(body, blen));
	sqlite3_bind_int64(st, 3, doc_id);
	int rc = store_exec_changed(s, st);
	st = rc == ST_OK ? store_stmt(s, "DELETE FROM iv_para WHERE doc_id = ?") : NULL;
	if (rc == ST_OK && !st)
		rc = ST_ERR;
	if (rc == ST_OK) {
		sqlite3_bind_int64(st, 1, doc_id);
		rc = store_exec_stmt(s, st);
	}
	if (rc == ST_OK)
		rc = store_paras(s, doc_id, body, blen);
	return rc;
}

int iv_doc_event_set(struct store *s, int64_t project_id, int64_t doc_id, int64_t event_id)
{
	sqlite3_stmt *st = store_stmt(s, "UPDATE iv_document SET event_id = ? WHERE id = ? AND project_id = ?");
	if (!st)
		return ST_ERR;
	if (event_id > 0)
		sqlite3_bind_int64(st, 1, event_id);
	else
		sqlite3_bind_null(st, 1);
	sqlite3_bind_int64(st, 2, doc_id);
	sqlite3_bind_int64(st, 3, project_id);
	return store_exec_changed(s, st);
}

int iv_doc_delete(struct store *s, int64_t project_id, int64_t doc_id)
{
	struct store_tx tx = { 0 };
	int rc = store_secure_delete(s, 1);
	if (rc == ST_OK)
		rc = store_tx_begin(s, &tx);
	sqlite3_stmt *st = rc == ST_OK ? store_stmt(s, "DELETE FROM iv_document WHERE id = ? AND project_id = ?") : NULL;
	if (rc == ST_OK && !st)
		rc = ST_ERR;
	if (rc == ST_OK) {
		sqlite3_bind_int64(st, 1, doc_id);
		sqlite3_bind_int64(st, 2, project_id);
		rc = store_exec_changed(s, st);
	}
	/* the paragraphs' index entries go in the same transaction */
	if (rc == ST_OK)
		rc = iv_search_refresh(s);
	rc = store_tx_end(s, &tx, rc);
	store_secure_delete(s, 0);
	return rc;
}

int iv_paras(struct store *s, arena *a, int64_t doc_id, struct iv_para **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = store_stmt(s, "SELECT id, n, start, \"end\", speaker, turn, stamp, text FROM iv_para "
					 "WHERE doc_id = ? ORDER BY n");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, doc_id);
	size_t cap = 0;
	int k;
	while ((k = store_step(st)) > 0) {
		*out = arena_grow(a, *out, *n, &cap, sizeof(**out), 64);
		(*out)[(*n)++] = (struct iv_para){ .id = sqlite3_column_int64(st, 0),
						   .n = (long)sqlite3_column_int64(st, 1),
						   .start = (long)sqlite3_column_int64(st, 2),
						   .end = (long)sqlite3_column_int64(st, 3),
						   .speaker = store_col_str(a, st, 4), .turn = sqlite3_column_int(st, 5),
						   .stamp = store_col_str(a, st, 6), .text = store_col_str(a, st, 7) };
	}
	sqlite3_reset(st);
	return k == 0 ? ST_OK : ST_ERR;
}

/* ---- variables ---- */

int iv_doc_vars(struct store *s, arena *a, int64_t doc_id, struct iv_var **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = store_stmt(s, "SELECT name, value FROM iv_docvar WHERE doc_id = ? ORDER BY name");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, doc_id);
	size_t cap = 0;
	int k;
	while ((k = store_step(st)) > 0) {
		*out = arena_grow(a, *out, *n, &cap, sizeof(**out), 8);
		(*out)[(*n)++] = (struct iv_var){ doc_id, store_col_str(a, st, 0), store_col_str(a, st, 1) };
	}
	sqlite3_reset(st);
	return k == 0 ? ST_OK : ST_ERR;
}

int iv_named_insert(struct store *s, const char *sql, int64_t project_id, const char *guid, const char *name,
		    const char *description, int64_t *id)
{
	char g[37];
	if (!guid) {
		iv_guid(g);
		guid = g;
	}
	sqlite3_stmt *st = store_stmt(s, sql);
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, project_id);
	store_bind_str(st, 2, guid);
	store_bind_str(st, 3, name);
	store_bind_str(st, 4, description ? description : "");
	int rc = store_exec_stmt(s, st);
	if (rc == ST_OK)
		*id = sqlite3_last_insert_rowid(store_db(s));
	return rc;
}

int iv_row_put(struct store *s, int set, const char *del, const char *put, int64_t id, const char *const *keys,
	       size_t nkeys, const char *const *vals, size_t nvals)
{
	sqlite3_stmt *st = store_stmt(s, set ? put : del);
	if (!st)
		return ST_ERR;
	int i = 1;
	sqlite3_bind_int64(st, i++, id);
	for (size_t k = 0; k < nkeys; k++)
		store_bind_str(st, i++, keys[k]);
	for (size_t k = 0; set && k < nvals; k++)
		store_bind_str(st, i++, vals[k]);
	return store_exec_stmt(s, st);
}

int iv_doc_var_set(struct store *s, int64_t doc_id, const char *name, const char *value)
{
	return iv_row_put(s, value && *value, "DELETE FROM iv_docvar WHERE doc_id = ? AND name = ?",
			  "INSERT INTO iv_docvar(doc_id, name, value) VALUES (?, ?, ?) "
			  "ON CONFLICT (doc_id, name) DO UPDATE SET value = excluded.value",
			  doc_id, &name, 1, &value, 1);
}

static int string_list(sqlite3_stmt *st, arena *a, const char ***out, size_t *n)
{
	*out = NULL;
	*n = 0;
	size_t cap = 0;
	int k;
	while ((k = store_step(st)) > 0) {
		*out = arena_grow(a, *out, *n, &cap, sizeof(**out), 8);
		(*out)[(*n)++] = store_col_str(a, st, 0);
	}
	sqlite3_reset(st);
	return k == 0 ? ST_OK : ST_ERR;
}

int iv_var_names(struct store *s, arena *a, int64_t project_id, const char ***out, size_t *n)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT DISTINCT v.name FROM iv_docvar v JOIN iv_document d ON d.id = v.doc_id "
					 "WHERE d.project_id = ? ORDER BY v.name");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, project_id);
	return string_list(st, a, out, n);
}

int iv_var_values(struct store *s, arena *a, int64_t project_id, const char *name, const char ***out, size_t *n)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT DISTINCT v.value FROM iv_docvar v JOIN iv_document d ON d.id = "
					 "v.doc_id WHERE d.project_id = ? AND v.name = ? ORDER BY v.value");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, project_id);
	store_bind_str(st, 2, name);
	return string_list(st, a, out, n);
}

int iv_all_var_names(struct store *s, arena *a, int64_t project_id, const char ***out, size_t *n)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT v.name FROM iv_docvar v JOIN iv_document d ON d.id = v.doc_id "
					 "WHERE d.project_id = ?1 UNION SELECT v.name FROM iv_case_var v JOIN iv_case c "
					 "ON c.id = v.case_id WHERE c.project_id = ?1 ORDER BY 1");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, project_id);
	return string_list(st, a, out, n);
}

int iv_all_var_values(struct store *s, arena *a, int64_t project_id, const char *name, const char ***out, size_t *n)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT v.value FROM iv_docvar v JOIN iv_document d ON d.id = v.doc_id "
					 "WHERE d.project_id = ?1 AND v.name = ?2 UNION SELECT v.value FROM iv_case_var v "
					 "JOIN iv_case c ON c.id = v.case_id WHERE c.project_id = ?1 AND v.name = ?2 ORDER BY 1");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, project_id);
	store_bind_str(st, 2, name);
	return string_list(st, a, out, n);
}
