/* evidence.c — the interviews' needs for the evidence loop (#17): per
 * code mapped to a need (a term of the directory's taxonomy Angebotsart:
 * the kind of offer that is needed, as counselling records needs), the
 * documents with a segment of it or of a sub-code, by the terms the
 * project maps its documents' variable values to. Counts of documents,
 * never a text. */
#include "interviews/interviews.h"
#include "core/core.h"

/* sub: each need code and its sub-codes with the need; hit: a document
 * with a segment of one, once per need; dims: a document's variable
 * values as terms, the first term (by code) where two variables map to
 * one dimension. Undated documents count in any period. */
static const char needs_sql[] =
	"WITH RECURSIVE sub(need, id) AS ("
	" SELECT t.term, t.code_id FROM iv_code_term t WHERE t.taxonomy = 'angebotsart'"
	" UNION SELECT sub.need, c.id FROM sub JOIN iv_code c ON c.parent_id = sub.id), "
	"hit(need, doc_id) AS (SELECT DISTINCT sub.need, g.doc_id FROM sub JOIN iv_coding g ON g.code_id = sub.id), "
	"dims(doc_id, dim, term) AS (SELECT v.doc_id, m.dim, min(m.term) FROM iv_docvar v "
	" JOIN iv_document d ON d.id = v.doc_id "
	" JOIN iv_var_term m ON m.project_id = d.project_id AND m.name = v.name AND m.value = v.value "
	" GROUP BY v.doc_id, m.dim) "
	"SELECT h.need, COALESCE(ds.term, ''), COALESCE(dg.term, ''), COALESCE(dd.term, ''), COALESCE(dl.term, ''), "
	" count(*) FROM hit h JOIN iv_document d ON d.id = h.doc_id "
	"LEFT JOIN dims ds ON ds.doc_id = d.id AND ds.dim = 'stage' "
	"LEFT JOIN dims dg ON dg.doc_id = d.id AND dg.dim = 'group' "
	"LEFT JOIN dims dd ON dd.doc_id = d.id AND dd.dim = 'district' "
	"LEFT JOIN dims dl ON dl.doc_id = d.id AND dl.dim = 'language' "
	"WHERE (?1 IS NULL OR d.talk_date = '' OR d.talk_date >= ?1) "
	" AND (?2 IS NULL OR d.talk_date = '' OR d.talk_date <= ?2) "
	"GROUP BY h.need, COALESCE(ds.term, ''), COALESCE(dg.term, ''), COALESCE(dd.term, ''), COALESCE(dl.term, '') "
	"ORDER BY 1, 2, 3, 4, 5";

int iv_evidence_needs(struct store *s, arena *a, const char *from, const char *to, struct iv_need **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = store_stmt(s, needs_sql);
	if (!st)
		return ST_ERR;
	store_bind_opt(st, 1, from);
	store_bind_opt(st, 2, to);
	size_t cap = 0;
	int k;
	while ((k = store_step(st)) > 0) {
		*out = arena_grow(a, *out, *n, &cap, sizeof(**out), 32);
		(*out)[(*n)++] = (struct iv_need){ .need = store_col_str(a, st, 0),
						   .stage = store_col_str(a, st, 1),
						   .group = store_col_str(a, st, 2),
						   .district = store_col_str(a, st, 3),
						   .language = store_col_str(a, st, 4),
						   .documents = (long)sqlite3_column_int64(st, 5) };
	}
	sqlite3_reset(st);
	return k == 0 ? ST_OK : ST_ERR;
}
