/* model.c — the analysis's own table: the monthly snapshot of the
 * coverage (an_snapshot, migration 0034). */
#include "analysis/analysis.h"
#include "core/core.h"

#include <string.h>

static int write_cells(struct store *s, const char *month, const struct an_cell *c, size_t n, long *rows)
{
	for (size_t i = 0; i < n; i++) {
		sqlite3_stmt *st = store_stmt(s, "INSERT INTO an_snapshot(month, stage, grp, district, lang, offers, "
						 "places) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
		if (!st)
			return ST_ERR;
		sqlite3_bind_text(st, 1, month, -1, SQLITE_STATIC);
		for (int d = 0; d < AN_DIMS; d++)
			sqlite3_bind_text(st, 2 + d, c[i].code[d], -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 6, c[i].offers);
		sqlite3_bind_int64(st, 7, c[i].places);
		int rc = store_exec_stmt(s, st);
		if (rc != ST_OK)
			return rc;
		(*rows)++;
	}
	return ST_OK;
}

int an_snapshot_take(struct store *s, const char *month, long *cells)
{
	*cells = 0;
	arena *a = arena_new();
	struct dir_fact *f;
	size_t n;
	struct an_dims dims;
	struct an_coverage all, two, none;
	struct store_tx tx;
	int rc = dir_facts(s, a, &f, &n);
	if (rc == ST_OK)
		rc = an_dims_load(s, a, "de", f, n, &dims);
	if (rc == ST_OK)
		rc = an_coverage_count(a, &dims, f, n, NULL, AN_ALL_DIMS, &all);
	if (rc == ST_OK)
		rc = an_coverage_count(a, &dims, f, n, NULL, AN_MASK(AN_DISTRICT) | AN_MASK(AN_STAGE), &two);
	if (rc == ST_OK)
		rc = an_coverage_count(a, &dims, f, n, NULL, 0, &none);
	if (rc == ST_OK)
		rc = store_tx_begin(s, &tx);
	if (rc != ST_OK)
		goto out;
	sqlite3_stmt *st = store_stmt(s, "DELETE FROM an_snapshot WHERE month = ?1");
	rc = st ? ST_OK : ST_ERR;
	if (st) {
		sqlite3_bind_text(st, 1, month, -1, SQLITE_STATIC);
		rc = store_exec_stmt(s, st);
	}
	if (rc == ST_OK)
		rc = write_cells(s, month, all.cells, all.n, cells);
	if (rc == ST_OK)
		rc = write_cells(s, month, two.cells, two.n, cells);
	if (rc == ST_OK)
		rc = write_cells(s, month, &none.total, 1, cells);
	rc = store_tx_end(s, &tx, rc);
out:
	arena_free(a);
	if (rc != ST_OK)
		*cells = 0;
	return rc;
}

int an_snapshot_months(struct store *s, arena *a, const char ***out, size_t *n)
{
	*out = NULL;
	*n = 0;
	size_t cap = 0;
	sqlite3_stmt *st = store_stmt(s, "SELECT DISTINCT month FROM an_snapshot ORDER BY month DESC");
	if (!st)
		return ST_ERR;
	int k;
	while ((k = store_step(st)) > 0) {
		*out = arena_grow(a, *out, *n, &cap, sizeof(**out), 16);
		(*out)[(*n)++] = store_col_str(a, st, 0);
	}
	sqlite3_reset(st);
	return k == 0 ? ST_OK : ST_ERR;
}

int an_snapshot_read(struct store *s, arena *a, const char *month, unsigned mask, struct an_coverage *out)
{
	memset(out, 0, sizeof(*out));
	out->mask = mask;
	for (int d = 0; d < AN_DIMS; d++)
		out->total.code[d] = "*";
	/* a row belongs to the counting by mask when exactly the dimensions
	 * in mask are not '*' */
	sqlite3_stmt *st = store_stmt(s,
		"SELECT stage, grp, district, lang, offers, places FROM an_snapshot WHERE month = ?1 AND "
		"CASE WHEN stage = '*' THEN 0 ELSE 1 END = ?2 AND CASE WHEN grp = '*' THEN 0 ELSE 1 END = ?3 AND "
		"CASE WHEN district = '*' THEN 0 ELSE 1 END = ?4 AND CASE WHEN lang = '*' THEN 0 ELSE 1 END = ?5 "
		"ORDER BY stage, grp, district, lang");
	if (!st)
		return ST_ERR;
	sqlite3_bind_text(st, 1, month, -1, SQLITE_STATIC);
	for (int d = 0; d < AN_DIMS; d++)
		sqlite3_bind_int(st, 2 + d, (mask & AN_MASK(d)) != 0);
	size_t cap = 0;
	int k;
	while ((k = store_step(st)) > 0) {
		out->cells = arena_grow(a, out->cells, out->n, &cap, sizeof(*out->cells), 64);
		struct an_cell *c = &out->cells[out->n++];
		for (int d = 0; d < AN_DIMS; d++)
			c->code[d] = store_col_str(a, st, d);
		c->offers = sqlite3_column_int64(st, 4);
		c->places = sqlite3_column_int64(st, 5);
		c->no_places = c->free = c->funded = -1; /* not kept */
		if (mask == 0)
			out->total = *c;
	}
	sqlite3_reset(st);
	return k == 0 ? ST_OK : ST_ERR;
}
