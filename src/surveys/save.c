/* save.c — writing surveys: a new survey, its settings and texts, pages
 * and questions while it is a draft, activation, closing, and a new
 * version of an active one. Each function is one transaction. */
#include "surveys/surveys.h"
#include "core/core.h"

#include <stdio.h>
#include <string.h>

/* ST_OK when survey id is a draft, ST_CONFLICT when it is not,
 * ST_NOTFOUND when there is none. */
static int is_draft(struct store *s, int64_t id)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT status FROM survey WHERE id = ?1");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, id);
	int k = store_step(st);
	int rc = k < 0 ? ST_ERR : k == 0 ? ST_NOTFOUND : strcmp(store_col_text(st, 0), "draft") == 0 ? ST_OK : ST_CONFLICT;
	sqlite3_reset(st);
	return rc;
}

static int touch(struct store *s, int64_t id)
{
	sqlite3_stmt *st = store_stmt(s, "UPDATE survey SET updated_at = CURRENT_TIMESTAMP WHERE id = ?1");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, id);
	return store_exec_changed(s, st);
}

static int set_text(struct store *s, int64_t sid, char item, int64_t ref, const char *field, const char *lang,
		    const char *text)
{
	char it[2] = { item, 0 };
	sqlite3_stmt *st;
	if (!text || !*text) {
		st = store_stmt(s, "DELETE FROM survey_text WHERE survey_id = ?1 AND item = ?2 AND ref = ?3 "
				   "AND field = ?4 AND lang = ?5");
	} else {
		st = store_stmt(s, "INSERT INTO survey_text (survey_id, item, ref, field, lang, text) "
				   "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (survey_id, item, ref, field, lang) "
				   "DO UPDATE SET text = excluded.text");
	}
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, sid);
	sqlite3_bind_text(st, 2, it, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, ref);
	sqlite3_bind_text(st, 4, field, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, lang, -1, SQLITE_STATIC);
	if (text && *text)
		sqlite3_bind_text(st, 6, text, -1, SQLITE_STATIC);
	return store_exec_stmt(s, st);
}

int survey_set_text(struct store *s, int64_t survey_id, char item, int64_t ref, const char *field,
		    const char *lang, const char *text)
{
	struct store_tx tx;
	int rc = store_tx_begin(s, &tx);
	if (rc == ST_OK)
		rc = set_text(s, survey_id, item, ref, field, lang, text);
	if (rc == ST_OK)
		rc = touch(s, survey_id);
	return store_tx_end(s, &tx, rc);
}

int survey_create(struct store *s, const char *code, const char *title, const char *kind, int64_t *id)
{
	struct store_tx tx;
	int rc = store_tx_begin(s, &tx);
	if (rc != ST_OK)
		return rc;
	sqlite3_stmt *st = store_stmt(s, "SELECT 1 FROM survey WHERE code = ?1");
	if (!st) {
		rc = ST_ERR;
		goto out;
	}
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	int k = store_step(st);
	sqlite3_reset(st);
	if (k != 0) {
		rc = k > 0 ? ST_CONFLICT : ST_ERR;
		goto out;
	}
	st = store_stmt(s, "INSERT INTO survey (code, kind) VALUES (?1, ?2)");
	if (!st) {
		rc = ST_ERR;
		goto out;
	}
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, kind ? kind : "needs", -1, SQLITE_STATIC);
	rc = store_exec_stmt(s, st);
	if (rc == ST_OK) {
		*id = sqlite3_last_insert_rowid(store_db(s));
		rc = set_text(s, *id, 's', 0, "title", "de", title);
	}
out:
	return store_tx_end(s, &tx, rc);
}

int survey_save_settings(struct store *s, const struct survey *sv)
{
	struct store_tx tx;
	int rc = store_tx_begin(s, &tx);
	if (rc != ST_OK)
		return rc;
	rc = is_draft(s, sv->id);
	if (rc == ST_CONFLICT)
		rc = ST_OK; /* an active survey: its dates, limit and texts may change, not its form */
	if (rc != ST_OK)
		goto out;
	sqlite3_stmt *st = store_stmt(s,
		"UPDATE survey SET languages = CASE WHEN status = 'draft' THEN ?2 ELSE languages END, "
		"opens_on = ?3, closes_on = ?4, "
		"anonymous = CASE WHEN status = 'draft' THEN ?5 ELSE anonymous END, "
		"invitation = CASE WHEN status = 'draft' THEN ?6 ELSE invitation END, "
		"consent = CASE WHEN status = 'draft' THEN ?7 ELSE consent END, response_limit = ?8, weight = ?9, "
		"updated_at = CURRENT_TIMESTAMP WHERE id = ?1");
	if (!st) {
		rc = ST_ERR;
		goto out;
	}
	sqlite3_bind_int64(st, 1, sv->id);
	sqlite3_bind_text(st, 2, sv->languages, -1, SQLITE_STATIC);
	if (sv->opens_on)
		sqlite3_bind_text(st, 3, sv->opens_on, -1, SQLITE_STATIC);
	if (sv->closes_on)
		sqlite3_bind_text(st, 4, sv->closes_on, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 5, sv->anonymous);
	sqlite3_bind_int(st, 6, sv->invitation);
	sqlite3_bind_int(st, 7, sv->consent);
	if (sv->response_limit > 0)
		sqlite3_bind_int64(st, 8, sv->response_limit);
	sqlite3_bind_text(st, 9, sv->weight ? sv->weight : "", -1, SQLITE_STATIC);
	rc = store_exec_changed(s, st);
	static const char *const fields[] = { "title", "welcome", "end", "privacy", "consent" };
	for (size_t i = 0; rc == ST_OK && i < NELEM(fields); i++)
		rc = set_text(s, sv->id, 's', 0, fields[i], "de", survey_tx_exact(&sv->tx, fields[i], "de"));
out:
	return store_tx_end(s, &tx, rc);
}

int survey_page_add(struct store *s, int64_t survey_id, const char *title, int64_t *id)
{
	struct store_tx tx;
	int rc = store_tx_begin(s, &tx);
	if (rc != ST_OK)
		return rc;
	rc = is_draft(s, survey_id);
	if (rc != ST_OK)
		goto out;
	sqlite3_stmt *st = store_stmt(s, "INSERT INTO survey_page (survey_id, pos) VALUES (?1, "
					 "(SELECT COALESCE(MAX(pos), 0) + 1 FROM survey_page WHERE survey_id = ?1))");
	if (!st) {
		rc = ST_ERR;
		goto out;
	}
	sqlite3_bind_int64(st, 1, survey_id);
	rc = store_exec_stmt(s, st);
	if (rc == ST_OK) {
		*id = sqlite3_last_insert_rowid(store_db(s));
		rc = set_text(s, survey_id, 'p', *id, "title", "de", title);
	}
	if (rc == ST_OK)
		rc = touch(s, survey_id);
out:
	return store_tx_end(s, &tx, rc);
}

int survey_page_cond(struct store *s, int64_t survey_id, int64_t page_id, const char *cond)
{
	struct store_tx tx;
	int rc = store_tx_begin(s, &tx);
	if (rc != ST_OK)
		return rc;
	rc = is_draft(s, survey_id);
	if (rc != ST_OK)
		goto out;
	sqlite3_stmt *st = store_stmt(s, "UPDATE survey_page SET cond = ?3, cond_src = '', cond_error = '' "
					 "WHERE id = ?2 AND survey_id = ?1");
	if (!st) {
		rc = ST_ERR;
		goto out;
	}
	sqlite3_bind_int64(st, 1, survey_id);
	sqlite3_bind_int64(st, 2, page_id);
	sqlite3_bind_text(st, 3, cond ? cond : "", -1, SQLITE_STATIC);
	rc = store_exec_changed(s, st);
	if (rc == ST_OK)
		rc = touch(s, survey_id);
out:
	return store_tx_end(s, &tx, rc);
}

/* Replace the options (sub 0) or subquestions (sub 1) of question qid by
 * codes[0..n) with German labels; the texts of codes that stay are kept. */
static int save_options(struct store *s, int64_t sid, int64_t qid, int sub, const char *const *codes,
			const char *const *labels, size_t n)
{
	const char *kind = sub ? "sub" : "option";
	/* drop those whose code is gone, with their texts */
	sqlite3_stmt *sel = store_stmt(s, "SELECT id, code FROM survey_option WHERE question_id = ?1 AND kind = ?2");
	if (!sel)
		return ST_ERR;
	sqlite3_bind_int64(sel, 1, qid);
	sqlite3_bind_text(sel, 2, kind, -1, SQLITE_STATIC);
	int64_t gone[256];
	size_t ngone = 0;
	int k;
	while ((k = store_step(sel)) > 0) {
		const char *c = store_col_text(sel, 1);
		size_t i = 0;
		while (i < n && strcmp(codes[i], c) != 0)
			i++;
		if (i == n && ngone < NELEM(gone))
			gone[ngone++] = sqlite3_column_int64(sel, 0);
	}
	sqlite3_reset(sel);
	if (k != 0)
		return ST_ERR;
	for (size_t i = 0; i < ngone; i++) {
		sqlite3_stmt *d = store_stmt(s, "DELETE FROM survey_text WHERE survey_id = ?1 AND item = 'o' AND ref = ?2");
		if (!d)
			return ST_ERR;
		sqlite3_bind_int64(d, 1, sid);
		sqlite3_bind_int64(d, 2, gone[i]);
		if (store_exec_stmt(s, d) != ST_OK)
			return ST_ERR;
		d = store_stmt(s, "DELETE FROM survey_option WHERE id = ?1");
		if (!d)
			return ST_ERR;
		sqlite3_bind_int64(d, 1, gone[i]);
		if (store_exec_stmt(s, d) != ST_OK)
			return ST_ERR;
	}
	for (size_t i = 0; i < n; i++) {
		sqlite3_stmt *up = store_stmt(s, "INSERT INTO survey_option (question_id, kind, pos, code) "
						 "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (question_id, kind, code) "
						 "DO UPDATE SET pos = excluded.pos RETURNING id");
		if (!up)
			return ST_ERR;
		sqlite3_bind_int64(up, 1, qid);
		sqlite3_bind_text(up, 2, kind, -1, SQLITE_STATIC);
		sqlite3_bind_int64(up, 3, (sqlite3_int64)i + 1);
		sqlite3_bind_text(up, 4, codes[i], -1, SQLITE_STATIC);
		k = store_step(up);
		int64_t oid = k > 0 ? sqlite3_column_int64(up, 0) : 0;
		while (k > 0)
			k = store_step(up);
		sqlite3_reset(up);
		if (k < 0 || !oid)
			return ST_ERR;
		if (set_text(s, sid, 'o', oid, "label", "de", labels[i]) != ST_OK)
			return ST_ERR;
	}
	return ST_OK;
}

int survey_question_save(struct store *s, int64_t survey_id, const struct survey_qspec *q, int64_t *id)
{
	struct store_tx tx;
	int rc = store_tx_begin(s, &tx);
	if (rc != ST_OK)
		return rc;
	rc = is_draft(s, survey_id);
	if (rc != ST_OK)
		goto out;
	sqlite3_stmt *st;
	if (q->id == 0)
		st = store_stmt(s,
			"INSERT INTO survey_question (survey_id, page_id, pos, code, type, mandatory, other, decimals, "
			"min_value, max_value, max_length, pattern, cond, cond_src, cond_error) "
			"SELECT ?1, ?2, (SELECT COALESCE(MAX(pos), 0) + 1 FROM survey_question WHERE page_id = ?2), "
			"?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15 "
			"FROM survey_page WHERE id = ?2 AND survey_id = ?1");
	else
		st = store_stmt(s,
			"UPDATE survey_question SET page_id = (SELECT id FROM survey_page WHERE id = ?2 AND survey_id = ?1), "
			"code = ?4, type = ?5, mandatory = ?6, other = ?7, decimals = ?8, min_value = ?9, "
			"max_value = ?10, max_length = ?11, pattern = ?12, cond = ?13, cond_src = ?14, cond_error = ?15 "
			"WHERE id = ?3 AND survey_id = ?1");
	if (!st) {
		rc = ST_ERR;
		goto out;
	}
	sqlite3_bind_int64(st, 1, survey_id);
	sqlite3_bind_int64(st, 2, q->page_id);
	sqlite3_bind_int64(st, 3, q->id);
	sqlite3_bind_text(st, 4, q->code, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, survey_qtype_names[q->type], -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 6, q->mandatory);
	sqlite3_bind_int(st, 7, q->other);
	sqlite3_bind_int(st, 8, q->decimals);
	if (q->has_min)
		sqlite3_bind_double(st, 9, q->min_value);
	if (q->has_max)
		sqlite3_bind_double(st, 10, q->max_value);
	if (q->max_length > 0)
		sqlite3_bind_int64(st, 11, q->max_length);
	sqlite3_bind_text(st, 12, q->pattern ? q->pattern : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 13, q->cond ? q->cond : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 14, q->cond_src ? q->cond_src : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 15, q->cond_error ? q->cond_error : "", -1, SQLITE_STATIC);
	rc = store_exec_changed(s, st);
	if (rc != ST_OK)
		goto out;
	*id = q->id ? q->id : sqlite3_last_insert_rowid(store_db(s));
	rc = set_text(s, survey_id, 'q', *id, "text", "de", q->text);
	if (rc == ST_OK)
		rc = set_text(s, survey_id, 'q', *id, "help", "de", q->help);
	if (rc == ST_OK)
		rc = set_text(s, survey_id, 'q', *id, "message", "de", q->message);
	if (rc == ST_OK)
		rc = save_options(s, survey_id, *id, 0, q->opt_codes, q->opt_labels, q->nopts);
	if (rc == ST_OK)
		rc = save_options(s, survey_id, *id, 1, q->sub_codes, q->sub_labels, q->nsubs);
	if (rc == ST_OK)
		rc = touch(s, survey_id);
out:
	return store_tx_end(s, &tx, rc);
}

int survey_question_delete(struct store *s, int64_t survey_id, int64_t qid)
{
	struct store_tx tx;
	int rc = store_tx_begin(s, &tx);
	if (rc != ST_OK)
		return rc;
	rc = is_draft(s, survey_id);
	sqlite3_stmt *st;
	if (rc == ST_OK) {
		st = store_stmt(s, "DELETE FROM survey_text WHERE survey_id = ?1 AND ((item = 'q' AND ref = ?2) OR "
				   "(item = 'o' AND ref IN (SELECT id FROM survey_option WHERE question_id = ?2)))");
		if (!st)
			rc = ST_ERR;
		else {
			sqlite3_bind_int64(st, 1, survey_id);
			sqlite3_bind_int64(st, 2, qid);
			rc = store_exec_stmt(s, st);
		}
	}
	if (rc == ST_OK) {
		/* its cells (columns.h: vars "ID/part"), so that a question that
		 * gets its id again finds none */
		st = store_stmt(s, "DELETE FROM survey_cells WHERE survey_id = ?1 AND var LIKE ?2");
		if (!st)
			rc = ST_ERR;
		else {
			char like[40];
			snprintf(like, sizeof(like), "%lld/%%", (long long)qid);
			sqlite3_bind_int64(st, 1, survey_id);
			sqlite3_bind_text(st, 2, like, -1, SQLITE_TRANSIENT);
			rc = store_exec_stmt(s, st);
		}
	}
	if (rc == ST_OK) {
		st = store_stmt(s, "DELETE FROM survey_question WHERE id = ?2 AND survey_id = ?1");
		if (!st)
			rc = ST_ERR;
		else {
			sqlite3_bind_int64(st, 1, survey_id);
			sqlite3_bind_int64(st, 2, qid);
			rc = store_exec_changed(s, st);
		}
	}
	if (rc == ST_OK)
		rc = touch(s, survey_id);
	return store_tx_end(s, &tx, rc);
}

/* Tag question qid (option oid, or 0: the question itself) with term in
 * dimension d; a NULL or empty term removes the tag. */
static int set_tag(struct store *s, int64_t qid, int64_t oid, enum survey_dim d, const char *term)
{
	sqlite3_stmt *st = store_stmt(s, "DELETE FROM survey_tag WHERE question_id = ?1 AND COALESCE(option_id, 0) = ?2 "
					 "AND dim = ?3");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, qid);
	sqlite3_bind_int64(st, 2, oid);
	sqlite3_bind_text(st, 3, survey_dim_names[d], -1, SQLITE_STATIC);
	if (store_exec_stmt(s, st) != ST_OK)
		return ST_ERR;
	if (!term || !*term)
		return ST_OK;
	st = store_stmt(s, "INSERT INTO survey_tag (question_id, option_id, dim, term) VALUES (?1, NULLIF(?2, 0), ?3, ?4)");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, qid);
	sqlite3_bind_int64(st, 2, oid);
	sqlite3_bind_text(st, 3, survey_dim_names[d], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, term, -1, SQLITE_STATIC);
	return store_exec_stmt(s, st);
}

int survey_tags_save(struct store *s, const struct survey_question *q)
{
	struct store_tx tx;
	int rc = store_tx_begin(s, &tx);
	if (rc != ST_OK)
		return rc;
	sqlite3_stmt *st = store_stmt(s, "SELECT 1 FROM survey_question WHERE id = ?1");
	if (!st) {
		rc = ST_ERR;
		goto out;
	}
	sqlite3_bind_int64(st, 1, q->id);
	int k = store_step(st);
	sqlite3_reset(st);
	rc = k > 0 ? ST_OK : k == 0 ? ST_NOTFOUND : ST_ERR;
	for (int d = 0; rc == ST_OK && d < SURVEY_DIMS; d++) {
		rc = set_tag(s, q->id, 0, (enum survey_dim)d, q->tags[d]);
		for (size_t i = 0; rc == ST_OK && i < q->nopts; i++)
			rc = set_tag(s, q->id, q->opts[i].id, (enum survey_dim)d, q->opts[i].tags[d]);
		for (size_t i = 0; rc == ST_OK && i < q->nsubs; i++)
			rc = set_tag(s, q->id, q->subs[i].id, (enum survey_dim)d, q->subs[i].tags[d]);
	}
out:
	return store_tx_end(s, &tx, rc);
}

static int set_status(struct store *s, int64_t id, const char *from, const char *to)
{
	sqlite3_stmt *st = store_stmt(s, "UPDATE survey SET status = ?3, updated_at = CURRENT_TIMESTAMP, "
					 "activated_at = CASE WHEN ?3 = 'active' THEN CURRENT_TIMESTAMP ELSE activated_at END "
					 "WHERE id = ?1 AND status = ?2");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, from, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, to, -1, SQLITE_STATIC);
	int rc = store_exec_changed(s, st);
	return rc == ST_NOTFOUND ? ST_CONFLICT : rc;
}

int survey_activate(struct store *s, int64_t survey_id)
{
	struct store_tx tx;
	int rc = store_tx_begin(s, &tx);
	if (rc != ST_OK)
		return rc;
	rc = is_draft(s, survey_id);
	if (rc == ST_OK) /* the older versions stop collecting */
	{
		sqlite3_stmt *st = store_stmt(s, "UPDATE survey SET status = 'closed' WHERE status = 'active' AND "
						 "code = (SELECT code FROM survey WHERE id = ?1)");
		rc = st ? (sqlite3_bind_int64(st, 1, survey_id), store_exec_stmt(s, st)) : ST_ERR;
	}
	if (rc == ST_OK)
		rc = set_status(s, survey_id, "draft", "active");
	return store_tx_end(s, &tx, rc);
}

int survey_close(struct store *s, int64_t survey_id)
{
	struct store_tx tx;
	int rc = store_tx_begin(s, &tx);
	if (rc == ST_OK)
		rc = set_status(s, survey_id, "active", "closed");
	return store_tx_end(s, &tx, rc);
}

/* Copy the rows sel selects (it is bound and reset here; its column 0 the
 * old id, the others the values) with ins_sql, which takes to as ?1 and
 * the values after it, or, with to 0, the values alone; each new id is
 * mapped from the old one under kind in survey_copy_map. */
static int copy_rows(struct store *s, sqlite3_stmt *sel, int64_t to, const char *ins_sql, const char *kind)
{
	int first = to ? 2 : 1, ncols = sqlite3_column_count(sel), k;
	while ((k = store_step(sel)) > 0) {
		sqlite3_stmt *ins = store_stmt(s, ins_sql);
		sqlite3_stmt *map = store_stmt(s, "INSERT INTO survey_copy_map VALUES (?1, ?2, ?3)");
		if (!ins || !map)
			break;
		if (to)
			sqlite3_bind_int64(ins, 1, to);
		for (int c = 1; c < ncols; c++)
			sqlite3_bind_value(ins, first + c - 1, sqlite3_column_value(sel, c));
		if (store_exec_stmt(s, ins) != ST_OK)
			break;
		store_bind_str(map, 1, kind);
		sqlite3_bind_int64(map, 2, sqlite3_column_int64(sel, 0));
		sqlite3_bind_int64(map, 3, sqlite3_last_insert_rowid(store_db(s)));
		if (store_exec_stmt(s, map) != ST_OK)
			break;
	}
	sqlite3_reset(sel);
	return k == 0 ? ST_OK : ST_ERR;
}

/* Copy the structure of survey from into the new survey to (same ids of
 * nothing: new rows), with the texts. */
static int copy_structure(struct store *s, int64_t from, int64_t to)
{
	static const char *const steps[] = {
		/* pages, remembering the old id in cond_src is not allowed: use a temp map */
		"CREATE TEMP TABLE IF NOT EXISTS survey_copy_map (kind TEXT, old INTEGER, new INTEGER)",
		"DELETE FROM survey_copy_map",
		NULL,
	};
	for (size_t i = 0; steps[i]; i++)
		if (store_exec(s, steps[i]) != ST_OK)
			return ST_ERR;
	/* pages */
	sqlite3_stmt *sel = store_stmt(s, "SELECT id, pos, cond, cond_src, cond_error FROM survey_page WHERE survey_id = ?1");
	if (!sel)
		return ST_ERR;
	sqlite3_bind_int64(sel, 1, from);
	if (copy_rows(s, sel, to, "INSERT INTO survey_page (survey_id, pos, cond, cond_src, cond_error) "
				  "VALUES (?1, ?2, ?3, ?4, ?5)", "p") != ST_OK)
		return ST_ERR;
	/* questions, on the new pages */
	sel = store_stmt(s,
		"SELECT q.id, m.new, q.pos, q.code, q.type, q.mandatory, q.other, q.decimals, q.min_value, q.max_value, "
		"q.max_length, q.pattern, q.cond, q.cond_src, q.cond_error, q.offer_field FROM survey_question q "
		"JOIN survey_copy_map m ON m.kind = 'p' AND m.old = q.page_id WHERE q.survey_id = ?1");
	if (!sel)
		return ST_ERR;
	sqlite3_bind_int64(sel, 1, from);
	if (copy_rows(s, sel, to,
		      "INSERT INTO survey_question (survey_id, page_id, pos, code, type, mandatory, other, decimals, "
		      "min_value, max_value, max_length, pattern, cond, cond_src, cond_error, offer_field) "
		      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)", "q") != ST_OK)
		return ST_ERR;
	/* options, on the new questions */
	sel = store_stmt(s, "SELECT o.id, m.new, o.kind, o.pos, o.code FROM survey_option o "
			    "JOIN survey_copy_map m ON m.kind = 'q' AND m.old = o.question_id");
	if (!sel || copy_rows(s, sel, 0, "INSERT INTO survey_option (question_id, kind, pos, code) "
					 "VALUES (?1, ?2, ?3, ?4)", "o") != ST_OK)
		return ST_ERR;
	/* the tags, on the new questions and options */
	sqlite3_stmt *st = store_stmt(s,
		"INSERT INTO survey_tag (question_id, option_id, dim, term) SELECT mq.new, mo.new, t.dim, t.term "
		"FROM survey_tag t JOIN survey_copy_map mq ON mq.kind = 'q' AND mq.old = t.question_id "
		"LEFT JOIN survey_copy_map mo ON mo.kind = 'o' AND mo.old = t.option_id "
		"WHERE t.option_id IS NULL OR mo.new IS NOT NULL");
	if (!st || store_exec_stmt(s, st) != ST_OK)
		return ST_ERR;
	st = store_stmt(s,
		"INSERT INTO survey_text (survey_id, item, ref, field, lang, text) "
		"SELECT ?2, t.item, CASE WHEN t.item = 's' THEN 0 ELSE m.new END, t.field, t.lang, t.text "
		"FROM survey_text t LEFT JOIN survey_copy_map m ON m.kind = t.item AND m.old = t.ref "
		"WHERE t.survey_id = ?1 AND (t.item = 's' OR m.new IS NOT NULL)");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, from);
	sqlite3_bind_int64(st, 2, to);
	return store_exec_stmt(s, st);
}

int survey_new_version(struct store *s, int64_t survey_id, int64_t *id)
{
	struct store_tx tx;
	int rc = store_tx_begin(s, &tx);
	if (rc != ST_OK)
		return rc;
	sqlite3_stmt *st = store_stmt(s, "SELECT 1 FROM survey WHERE status = 'draft' AND "
					 "code = (SELECT code FROM survey WHERE id = ?1)");
	if (!st) {
		rc = ST_ERR;
		goto out;
	}
	sqlite3_bind_int64(st, 1, survey_id);
	int k = store_step(st);
	sqlite3_reset(st);
	if (k != 0) {
		rc = k > 0 ? ST_CONFLICT : ST_ERR;
		goto out;
	}
	st = store_stmt(s,
		"INSERT INTO survey (code, version, kind, languages, opens_on, closes_on, anonymous, invitation, "
		"response_limit, consent, weight) SELECT code, (SELECT MAX(version) + 1 FROM survey v WHERE v.code = s.code), "
		"kind, languages, opens_on, closes_on, anonymous, invitation, response_limit, consent, weight "
		"FROM survey s WHERE id = ?1");
	if (!st) {
		rc = ST_ERR;
		goto out;
	}
	sqlite3_bind_int64(st, 1, survey_id);
	rc = store_exec_changed(s, st);
	if (rc == ST_OK) {
		*id = sqlite3_last_insert_rowid(store_db(s));
		rc = copy_structure(s, survey_id, *id);
	}
out:
	return store_tx_end(s, &tx, rc);
}
