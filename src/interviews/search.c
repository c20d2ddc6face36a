/* search.c — the paragraphs of interview documents as documents of the
 * text engine (src/search/): each with the feature "projekt:ID", and a
 * search of a project asks for that feature only, so that no one finds
 * text of a project they are not a member of. */
#include "interviews/interviews.h"
#include "search/search.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

struct reader {
	struct store *s;
};

static void *reader_open(struct store *s, size_t n)
{
	(void)n;
	struct reader *rd = malloc(sizeof(*rd));
	if (!rd)
		abort();
	rd->s = s;
	return rd;
}

static void reader_close(void *p)
{
	free(p);
}

static int reader_read(void *p, const char *key, struct search_doc *d)
{
	struct reader *rd = p;
	sqlite3_stmt *st = store_stmt(rd->s, "SELECT p.speaker, p.text, d.project_id FROM iv_para p JOIN iv_document d ON "
					     "d.id = p.doc_id WHERE p.id = ?");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, strtoll(key, NULL, 10));
	int rc = store_step(st);
	if (rc > 0) {
		search_add(&d->text[SEARCH_HEAD], store_col_text(st, 0));
		search_add(&d->text[SEARCH_BODY], store_col_text(st, 1));
		char f[40];
		snprintf(f, sizeof(f), "projekt:%" PRId64, (int64_t)sqlite3_column_int64(st, 2));
		search_add(&d->features, f);
	}
	sqlite3_reset(st);
	return rc > 0 ? ST_OK : rc == 0 ? ST_NOTFOUND : ST_ERR;
}

static const struct search_index paragraphs = {
	.prefix = "ivsearch",
	.open = reader_open,
	.read = reader_read,
	.close = reader_close,
};

int iv_search_refresh(struct store *s)
{
	return search_refresh(s, &paragraphs, 0, NULL);
}

int iv_search(struct store *s, arena *a, int64_t project_id, const char *q, size_t limit, struct iv_hit **out,
	      size_t *n, size_t *total)
{
	*out = NULL;
	*n = 0;
	*total = 0;
	if (iv_search_refresh(s) != ST_OK)
		return ST_ERR;
	struct search_query sq = { .text = q, .value = -1, .limit = limit };
	sq.features[0] = arena_printf(a, "projekt:%" PRId64, project_id);
	sq.n_features = 1;
	struct search_result res = { 0 };
	if (search_run(s, a, &paragraphs, &sq, &res) != ST_OK)
		return ST_ERR;
	*total = res.total;
	if (res.n_hits == 0)
		return ST_OK;
	*out = arena_alloc(a, res.n_hits * sizeof(**out));
	sqlite3_stmt *st = store_stmt(s, "SELECT p.doc_id, p.n, d.name, p.text, p.speaker FROM iv_para p JOIN iv_document d "
					 "ON d.id = p.doc_id WHERE p.id = ? AND d.project_id = ?");
	if (!st)
		return ST_ERR;
	for (size_t i = 0; i < res.n_hits; i++) {
		sqlite3_bind_int64(st, 1, strtoll(res.hits[i].key, NULL, 10));
		sqlite3_bind_int64(st, 2, project_id);
		int k = store_step(st);
		if (k > 0)
			(*out)[(*n)++] = (struct iv_hit){ sqlite3_column_int64(st, 0), (long)sqlite3_column_int64(st, 1),
							  store_col_str(a, st, 2), store_col_str(a, st, 3),
							  store_col_str(a, st, 4) };
		sqlite3_reset(st);
		if (k < 0)
			return ST_ERR;
	}
	return ST_OK;
}
