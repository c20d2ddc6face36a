/* retrieval.c — the queries of retrieval: the segments of a code (with
 * its sub-codes, by document or case variable, by coder) with their paragraph,
 * the code x variable-value matrix and the co-occurrence of codes. */
#include "interviews/interviews.h"
#include "core/core.h"

#include <string.h>

/* The codes of the query (?1 the code, ?3 with its sub-codes) and which
 * of their codings (?2 the project, ?4 = ?5 a variable's value, ?6 the
 * coder, ?7 the case), shared by the segments and their count. */
#define SEG_SUB \
	"WITH RECURSIVE sub(id) AS (SELECT id FROM iv_code WHERE id = ?1 AND project_id = ?2 " \
	"UNION ALL SELECT c.id FROM iv_code c JOIN sub ON c.parent_id = sub.id WHERE ?3 = 1) "
#define SEG_WHERE \
	"d.project_id = ?2 AND (?4 IS NULL OR EXISTS (SELECT 1 FROM iv_docvar v WHERE " \
	"v.doc_id = d.id AND v.name = ?4 AND v.value = ?5) OR EXISTS (SELECT 1 FROM iv_case_doc m " \
	"JOIN iv_case_var v ON v.case_id = m.case_id WHERE m.doc_id = d.id AND v.name = ?4 AND v.value = ?5)) " \
	"AND (?6 = 0 OR g.coder_id = ?6) " \
	"AND (?7 = 0 OR EXISTS (SELECT 1 FROM iv_case_doc m WHERE m.doc_id = d.id AND m.case_id = ?7))"

static void seg_bind(sqlite3_stmt *st, int64_t project_id, const struct iv_seg_filter *f)
{
	sqlite3_bind_int64(st, 1, f->code_id);
	sqlite3_bind_int64(st, 2, project_id);
	sqlite3_bind_int(st, 3, f->subcodes ? 1 : 0);
	store_bind_opt(st, 4, f->var && *f->var ? f->var : NULL);
	store_bind_str(st, 5, f->value);
	sqlite3_bind_int64(st, 6, f->coder_id);
	sqlite3_bind_int64(st, 7, f->case_id);
}

int iv_segments_count(struct store *s, int64_t project_id, const struct iv_seg_filter *f, size_t *n)
{
	*n = 0;
	sqlite3_stmt *st = store_stmt(s, SEG_SUB "SELECT count(*) FROM iv_coding g JOIN sub ON sub.id = g.code_id "
					 "JOIN iv_document d ON d.id = g.doc_id WHERE " SEG_WHERE);
	if (!st)
		return ST_ERR;
	seg_bind(st, project_id, f);
	int k = store_step(st);
	if (k > 0)
		*n = (size_t)sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return k > 0 ? ST_OK : ST_ERR;
}

int iv_segments(struct store *s, arena *a, int64_t project_id, const struct iv_seg_filter *f,
		struct iv_segment **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	/* the segment's text from its paragraph when it lies in one (the
	 * document's whole text is read only for the others) */
	sqlite3_stmt *st = store_stmt(
		s, SEG_SUB "SELECT g.id, g.doc_id, g.code_id, g.start, g.\"end\", d.name, c.name, k.name, "
		   "CASE WHEN p.id IS NOT NULL AND g.\"end\" <= p.\"end\" THEN substr(p.text, g.start - p.start + 1, "
		   "g.\"end\" - g.start) ELSE substr(d.body, g.start + 1, g.\"end\" - g.start) END, "
		   "COALESCE(p.n, 0), COALESCE(p.text, ''), COALESCE(p.speaker, '') "
		   "FROM iv_coding g JOIN sub ON sub.id = g.code_id JOIN iv_document d ON d.id = g.doc_id "
		   "JOIN iv_code c ON c.id = g.code_id JOIN iv_coder k ON k.id = g.coder_id "
		   "LEFT JOIN iv_para p ON p.id = (SELECT q.id FROM iv_para q WHERE q.doc_id = g.doc_id AND "
		   "q.start <= g.start ORDER BY q.start DESC LIMIT 1) "
		   "WHERE " SEG_WHERE " ORDER BY d.name, d.id, g.start, g.id LIMIT ?8 OFFSET ?9");
	if (!st)
		return ST_ERR;
	seg_bind(st, project_id, f);
	sqlite3_bind_int64(st, 8, f->limit ? (sqlite3_int64)f->limit : INT64_MAX); /* no LIMIT -1: PostgreSQL */
	sqlite3_bind_int64(st, 9, (sqlite3_int64)f->offset);
	size_t cap = 0;
	int k;
	while ((k = store_step(st)) > 0) {
		*out = arena_grow(a, *out, *n, &cap, sizeof(**out), 64);
		(*out)[(*n)++] = (struct iv_segment){
			.coding_id = sqlite3_column_int64(st, 0), .doc_id = sqlite3_column_int64(st, 1),
			.code_id = sqlite3_column_int64(st, 2), .start = (long)sqlite3_column_int64(st, 3),
			.end = (long)sqlite3_column_int64(st, 4), .doc_name = store_col_str(a, st, 5),
			.code_name = store_col_str(a, st, 6), .coder = store_col_str(a, st, 7),
			.text = store_col_str(a, st, 8), .para_n = (long)sqlite3_column_int64(st, 9),
			.context = store_col_str(a, st, 10), .speaker = store_col_str(a, st, 11) };
	}
	sqlite3_reset(st);
	return k == 0 ? ST_OK : ST_ERR;
}

static size_t code_index(const struct iv_code *c, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (c[i].id == id)
			return i;
	return n;
}

static size_t value_index(const char *const *v, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i], s) == 0)
			return i;
	return n;
}

/* The counts of m (its codes and its nvalues columns set; keys[c] the
 * key of column c as the queries give it, "" the last): count_sql gives
 * code, key, codings; docs_sql key, documents; both with ?1 the project
 * and ?2 var (when not NULL). */
static int matrix_fill(struct store *s, arena *a, struct iv_matrix *m, const char *const *keys, const char *count_sql,
		       const char *docs_sql, int64_t project_id, const char *var)
{
	m->counts = arena_alloc(a, (m->ncodes ? m->ncodes : 1) * m->nvalues * sizeof(long));
	m->docs = arena_alloc(a, m->nvalues * sizeof(long));
	int k = 0;
	for (int pass = 0; pass < 2 && k == 0; pass++) {
		sqlite3_stmt *st = store_stmt(s, pass ? docs_sql : count_sql);
		if (!st)
			return ST_ERR;
		sqlite3_bind_int64(st, 1, project_id);
		if (var)
			store_bind_str(st, 2, var);
		while ((k = store_step(st)) > 0) {
			size_t c = value_index(keys, m->nvalues, store_col_text(st, pass ? 0 : 1));
			size_t r = pass ? 0 : code_index(m->codes, m->ncodes, sqlite3_column_int64(st, 0));
			if (c == m->nvalues || r == m->ncodes)
				continue;
			if (pass)
				m->docs[c] = (long)sqlite3_column_int64(st, 1);
			else
				m->counts[r * m->nvalues + c] = (long)sqlite3_column_int64(st, 2);
		}
		sqlite3_reset(st);
	}
	return k == 0 ? ST_OK : ST_ERR;
}

/* Each document's values of variable ?2: its own and its cases', once each. */
#define DOC_VALUES \
	"SELECT doc_id, value FROM iv_docvar WHERE name = ?2 UNION SELECT m.doc_id, v.value FROM iv_case_doc m " \
	"JOIN iv_case_var v ON v.case_id = m.case_id WHERE v.name = ?2"

int iv_matrix_get(struct store *s, arena *a, int64_t project_id, const char *var, struct iv_matrix *m)
{
	memset(m, 0, sizeof(*m));
	if (iv_codes(s, a, project_id, &m->codes, &m->ncodes) != ST_OK)
		return ST_ERR;
	const char **vals;
	size_t nv;
	if (iv_all_var_values(s, a, project_id, var, &vals, &nv) != ST_OK)
		return ST_ERR;
	m->values = arena_alloc(a, (nv + 1) * sizeof(*m->values));
	for (size_t i = 0; i < nv; i++)
		m->values[i] = vals[i];
	m->values[nv] = "";
	m->nvalues = nv + 1;
	return matrix_fill(s, a, m, m->values,
			   "SELECT g.code_id, COALESCE(v.value, ''), count(*) FROM iv_coding g JOIN iv_document d ON "
			   "d.id = g.doc_id LEFT JOIN (" DOC_VALUES ") v ON v.doc_id = d.id WHERE d.project_id = ?1 "
			   "GROUP BY g.code_id, COALESCE(v.value, '')",
			   "SELECT COALESCE(v.value, ''), count(*) FROM iv_document d LEFT JOIN (" DOC_VALUES ") v "
			   "ON v.doc_id = d.id WHERE d.project_id = ?1 GROUP BY COALESCE(v.value, '')",
			   project_id, var);
}

int iv_matrix_cases(struct store *s, arena *a, int64_t project_id, struct iv_matrix *m)
{
	memset(m, 0, sizeof(*m));
	struct iv_case *cases;
	size_t nk;
	if (iv_codes(s, a, project_id, &m->codes, &m->ncodes) != ST_OK ||
	    iv_cases(s, a, project_id, &cases, &nk) != ST_OK)
		return ST_ERR;
	m->nvalues = nk + 1;
	m->values = arena_alloc(a, m->nvalues * sizeof(*m->values));
	m->case_ids = arena_alloc(a, m->nvalues * sizeof(*m->case_ids));
	const char **keys = arena_alloc(a, m->nvalues * sizeof(*keys));
	for (size_t i = 0; i < nk; i++) {
		m->values[i] = cases[i].name;
		m->case_ids[i] = cases[i].id;
		keys[i] = arena_printf(a, "%lld", (long long)cases[i].id);
	}
	m->values[nk] = keys[nk] = "";
	/* a document in two cases counts in both */
	return matrix_fill(s, a, m, keys,
			   "SELECT g.code_id, COALESCE(CAST(m.case_id AS TEXT), ''), count(*) FROM iv_coding g JOIN "
			   "iv_document d ON d.id = g.doc_id LEFT JOIN iv_case_doc m ON m.doc_id = d.id WHERE d.project_id = ?1 "
			   "GROUP BY g.code_id, COALESCE(CAST(m.case_id AS TEXT), '')",
			   "SELECT COALESCE(CAST(m.case_id AS TEXT), ''), count(*) FROM iv_document d LEFT JOIN iv_case_doc m "
			   "ON m.doc_id = d.id WHERE d.project_id = ?1 GROUP BY COALESCE(CAST(m.case_id AS TEXT), '')",
			   project_id, NULL);
}

int iv_cooccurrence(struct store *s, arena *a, int64_t project_id, int para, struct iv_code **codes,
		    size_t *ncodes, long **counts)
{
	if (iv_codes(s, a, project_id, codes, ncodes) != ST_OK)
		return ST_ERR;
	size_t nc = *ncodes;
	*counts = arena_alloc(a, (nc ? nc * nc : 1) * sizeof(long));
	sqlite3_stmt *st =
		para ? store_stmt(s, "WITH pc AS (SELECT DISTINCT p.id AS pid, g.code_id AS code FROM iv_coding g "
				     "JOIN iv_document d ON d.id = g.doc_id JOIN iv_para p ON p.doc_id = g.doc_id AND "
				     "p.start < g.\"end\" AND g.start < p.\"end\" WHERE d.project_id = ?) "
				     "SELECT a.code, b.code, count(*) FROM pc a JOIN pc b ON b.pid = a.pid AND "
				     "b.code <> a.code GROUP BY a.code, b.code")
		     : store_stmt(s, "SELECT a.code_id, b.code_id, count(*) FROM iv_coding a JOIN iv_document d ON "
				     "d.id = a.doc_id JOIN iv_coding b ON b.doc_id = a.doc_id AND b.start < a.\"end\" AND "
				     "a.start < b.\"end\" AND b.code_id <> a.code_id WHERE d.project_id = ? "
				     "GROUP BY a.code_id, b.code_id");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, project_id);
	int k;
	while ((k = store_step(st)) > 0) {
		size_t i = code_index(*codes, nc, sqlite3_column_int64(st, 0));
		size_t j = code_index(*codes, nc, sqlite3_column_int64(st, 1));
		if (i < nc && j < nc)
			(*counts)[i * nc + j] = (long)sqlite3_column_int64(st, 2);
	}
	sqlite3_reset(st);
	return k == 0 ? ST_OK : ST_ERR;
}
