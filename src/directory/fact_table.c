/* fact_table.c — keeping an offer's row of the fact table (service_fact,
 * migration 0056) current: every writer of an offer, its terms, languages,
 * funding, costs or schedules calls dir_fact_refresh in its transaction,
 * big imports call dir_fact_refresh_since for their new offers, `lotse
 * reindex facts` calls dir_fact_rebuild, and dir_facts (facts.c) reads the
 * table. All three refresh a range of offers (by rowid) at once: a few
 * statements for the range, one write per offer (a statement per offer
 * for its values made and freed SQLite's temporary tables each time, and
 * that cost an import of 20,000 offers seconds of system time). */
#include "directory/directory.h"
#include "core/buf.h"
#include "core/core.h"
#include "core/log.h"
#include "core/strmap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The counted taxonomies (dir_fact's lists). */
#define COUNTED_TAXONOMIES                                                                             \
	"('urn:lotse:taxonomy:uebergangsphase', 'urn:lotse:taxonomy:zielgruppe', 'urn:lotse:taxonomy:ort', " \
	"'urn:lotse:taxonomy:foerderung', 'urn:lotse:taxonomy:angebotsart')"

/* A current offer: not archived, not merged, status 'active'. (The unary
 * plus keeps SQLite from reading the current offers by the index
 * service_facts, whose first column archived is, instead of the range of
 * rowids: all 100,000 offers for each range.) */
#define CURRENT "+s.archived = 0 AND s.status = 'active' AND s.merged_into IS NULL"
/* The offers s of rowids (?1, ?2]. */
#define IN_RANGE "s.rowid > ?1 AND s.rowid <= ?2"

/* The values of the current offers of rowids (?1, ?2], each with its
 * offer's rowid r and its kind (0 term, 1 language, 2 funding source);
 * the terms of the counted taxonomies only. CROSS JOIN: the offers of
 * the range first, then their rows (else SQLite may read every offer's
 * attributes). */
#define RANGE_VALUES                                                                                   \
	"SELECT s.rowid AS r, 0 AS kind, a.taxonomy_term_id AS value FROM service s "                  \
	"CROSS JOIN attribute a JOIN taxonomy_term t ON t.id = a.taxonomy_term_id "                    \
	"JOIN taxonomy x ON x.id = t.taxonomy_id "                                                     \
	"WHERE " IN_RANGE " AND " CURRENT " AND a.link_entity = 'service' AND a.link_id = s.id "       \
	"AND x.uri IN " COUNTED_TAXONOMIES " "                                                         \
	"UNION ALL SELECT s.rowid, 1, lower(l.code) FROM service s CROSS JOIN language l "              \
	"WHERE " IN_RANGE " AND " CURRENT " AND l.service_id = s.id "                                  \
	"UNION ALL SELECT s.rowid, 2, f.source FROM service s CROSS JOIN funding f "                   \
	"WHERE " IN_RANGE " AND " CURRENT " AND f.service_id = s.id"

/* The value ids of one offer, space-separated, at off in the text. */
struct offer_vals {
	sqlite3_int64 r;
	size_t off;
};

/* The kinds of values (service_fact_value.kind): term, language, funding. */
#define VALUE_KINDS 3

/* The number of value (of kind) in service_fact_value, added when new;
 * remembered in ids[kind]. -1 on error. */
static sqlite3_int64 value_id(struct store *s, struct strmap ids[VALUE_KINDS], int kind, const char *value)
{
	if (kind < 0 || kind >= VALUE_KINDS)
		return -1;
	size_t len = strlen(value);
	sqlite3_int64 *known = strmap_get(&ids[kind], value, len);
	if (known)
		return *known;
	sqlite3_stmt *st = store_stmt(s, "SELECT id FROM service_fact_value WHERE kind = ?1 AND value = ?2");
	if (!st)
		return -1;
	sqlite3_bind_int(st, 1, kind);
	store_bind_str(st, 2, value);
	int k = store_step(st);
	sqlite3_int64 id = k > 0 ? sqlite3_column_int64(st, 0) : -1;
	sqlite3_reset(st);
	if (k == 0) { /* new */
		st = store_stmt(s, "INSERT INTO service_fact_value(kind, value) VALUES (?1, ?2)");
		if (!st)
			return -1;
		sqlite3_bind_int(st, 1, kind);
		store_bind_str(st, 2, value);
		id = store_exec_stmt(s, st) == ST_OK ? sqlite3_last_insert_rowid(store_db(s)) : -1;
	}
	if (id > 0) {
		sqlite3_int64 *keep = xmalloc(sizeof(*keep));
		*keep = id;
		*strmap_slot(&ids[kind], value, len) = keep;
	}
	return id;
}

/* The value ids of the current offers of rowids (lo, hi], in rowid
 * order, into *v (malloc'd, *n of them; offers without values left out),
 * their text into t: terms by id, languages by code, funding by source,
 * each offer's ordered by kind and value. Unknown values get their number
 * first. One pass over the range's values (the few distinct ones looked
 * up once). ST_OK or ST_ERR. */
static int range_vals(struct store *s, sqlite3_int64 lo, sqlite3_int64 hi, struct offer_vals **v, size_t *n, buf *t)
{
	*v = NULL;
	*n = 0;
	sqlite3_stmt *st = store_stmt(s, "SELECT r, kind, value FROM (" RANGE_VALUES ") WHERE value IS NOT NULL "
					 "ORDER BY r, kind, value");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, lo);
	sqlite3_bind_int64(st, 2, hi);
	struct strmap ids[VALUE_KINDS] = { 0 };
	size_t cap = 0;
	int k;
	while ((k = store_step(st)) > 0) {
		sqlite3_int64 r = sqlite3_column_int64(st, 0);
		sqlite3_int64 id = value_id(s, ids, sqlite3_column_int(st, 1), store_col_text(st, 2));
		if (id < 0) {
			k = -1;
			break;
		}
		if (*n == 0 || (*v)[*n - 1].r != r) {
			if (*n)
				buf_putc(t, '\0');
			*v = xgrow(*v, *n, &cap, sizeof(**v), 256);
			(*v)[(*n)++] = (struct offer_vals){ r, t->len };
		} else {
			buf_putc(t, ' ');
		}
		buf_printf(t, "%lld", (long long)id);
	}
	buf_putc(t, '\0');
	sqlite3_reset(st);
	for (int i = 0; i < VALUE_KINDS; i++)
		strmap_free(&ids[i], free);
	return k == 0 && !t->err ? ST_OK : ST_ERR;
}

/* The fact table's rows of the offers of rowids (lo, hi]: written for
 * the current ones, deleted for the others. A few statements for the
 * whole range, and one write per offer. ST_OK or ST_ERR. */
static int refresh_range(struct store *s, sqlite3_int64 lo, sqlite3_int64 hi)
{
	struct offer_vals *v = NULL;
	size_t nv = 0, cap = 0, n = 0;
	sqlite3_int64 *rows = NULL;
	buf t;
	buf_init(&t, 0);
	int rc = range_vals(s, lo, hi, &v, &nv, &t);
	sqlite3_stmt *st = rc == ST_OK ? store_stmt(s, "SELECT s.rowid FROM service s WHERE " IN_RANGE " AND " CURRENT
							" ORDER BY s.rowid")
				       : NULL;
	if (!st) {
		rc = ST_ERR;
		goto out;
	}
	sqlite3_bind_int64(st, 1, lo);
	sqlite3_bind_int64(st, 2, hi);
	int k;
	while ((k = store_step(st)) > 0) {
		rows = xgrow(rows, n, &cap, sizeof(*rows), 256);
		rows[n++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	if (k < 0) {
		rc = ST_ERR;
		goto out;
	}
	st = store_stmt(
		s, "INSERT INTO service_fact(service_id, capacity, free_of_charge, cost, valid_from, valid_to, vals) "
		   "SELECT s.id, s.capacity, s.free_of_charge, "
		   "(SELECT min(c.amount) FROM cost_option c WHERE c.service_id = s.id), "
		   "(SELECT min(h.valid_from) FROM schedule h WHERE h.service_id = s.id), "
		   "(SELECT CASE WHEN count(*) = count(h.valid_to) THEN max(h.valid_to) END FROM schedule h "
		   "WHERE h.service_id = s.id), ?2 "
		   "FROM service s WHERE s.rowid = ?1 "
		   "ON CONFLICT (service_id) DO UPDATE SET capacity = excluded.capacity, "
		   "free_of_charge = excluded.free_of_charge, cost = excluded.cost, valid_from = excluded.valid_from, "
		   "valid_to = excluded.valid_to, vals = excluded.vals");
	if (!st) {
		rc = ST_ERR;
		goto out;
	}
	/* both lists in rowid order: the values of an offer, if any, are next */
	size_t j = 0;
	for (size_t i = 0; i < n && rc == ST_OK; i++) {
		while (j < nv && v[j].r < rows[i])
			j++;
		sqlite3_bind_int64(st, 1, rows[i]);
		sqlite3_bind_text(st, 2, j < nv && v[j].r == rows[i] ? t.data + v[j].off : "", -1, SQLITE_STATIC);
		rc = store_exec_stmt(s, st);
	}
	/* the offers that are not current (archived, merged, not active);
	 * none when every rowid of the range is a current offer */
	if (rc != ST_OK || (sqlite3_int64)n == hi - lo)
		goto out;
	st = store_stmt(s, "DELETE FROM service_fact WHERE service_id IN "
			   "(SELECT s.id FROM service s WHERE " IN_RANGE " AND NOT (" CURRENT "))");
	if (!st) {
		rc = ST_ERR;
		goto out;
	}
	sqlite3_bind_int64(st, 1, lo);
	sqlite3_bind_int64(st, 2, hi);
	rc = store_exec_stmt(s, st);
out:
	free(v);
	free(rows);
	buf_free(&t);
	return rc;
}

int dir_fact_refresh(struct store *s, const char *id)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT rowid FROM service WHERE id = ?1");
	if (!st)
		return ST_ERR;
	store_bind_str(st, 1, id);
	int k = store_step(st);
	sqlite3_int64 r = k > 0 ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (k < 0)
		return ST_ERR;
	if (k > 0)
		return refresh_range(s, r - 1, r);
	/* gone */
	st = store_stmt(s, "DELETE FROM service_fact WHERE service_id = ?1");
	if (!st)
		return ST_ERR;
	store_bind_str(st, 1, id);
	return store_exec_stmt(s, st);
}

/* dir_fact_refresh_since's work: the offers after rowid lo up to top. */
struct since {
	sqlite3_int64 lo, top;
};

static int since_chunk(struct store *s, void *ctx, int64_t n, int *done)
{
	struct since *w = ctx;
	sqlite3_int64 hi = w->top - w->lo > n ? w->lo + n : w->top;
	int rc = refresh_range(s, w->lo, hi);
	w->lo = hi;
	*done = hi >= w->top;
	return rc;
}

int dir_fact_refresh_since(struct store *s, int64_t after)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT coalesce(max(rowid), 0) FROM service");
	if (!st)
		return ST_ERR;
	int k = store_step(st);
	struct since w = { after, k > 0 ? sqlite3_column_int64(st, 0) : 0 };
	sqlite3_reset(st);
	if (k <= 0)
		return ST_ERR;
	if (w.top <= w.lo)
		return ST_OK;
	/* rowids: offers since deleted leave gaps, which make a chunk smaller */
	struct store_chunks ch = { .first = 100, .min = 50, .max = 50000 };
	int64_t t0 = core_mono_us();
	int rc = store_chunked(s, &ch, since_chunk, &w);
	if (rc == ST_OK)
		log_info("directory: fact table rows of %lld offers in %.1f s, %ld transactions, the longest %.2f s",
			 (long long)(w.top - after), (double)(core_mono_us() - t0) / 1e6, ch.chunks,
			 (double)ch.longest_us / 1e6);
	return rc;
}

int dir_fact_rebuild(struct store *s, long *n)
{
	*n = 0;
	int rc = dir_fact_refresh_since(s, 0);
	if (rc != ST_OK)
		return rc;
	/* rows of offers that are gone (written while foreign keys were off) */
	struct store_tx tx;
	if ((rc = store_tx_begin(s, &tx)) != ST_OK)
		return rc;
	sqlite3_stmt *st = store_stmt(s, "DELETE FROM service_fact WHERE NOT EXISTS "
					 "(SELECT 1 FROM service s WHERE s.id = service_fact.service_id)");
	rc = st ? store_exec_stmt(s, st) : ST_ERR;
	if (rc == ST_OK) {
		st = store_stmt(s, "SELECT count(*) FROM service_fact");
		int k = st ? store_step(st) : -1;
		if (k > 0)
			*n = (long)sqlite3_column_int64(st, 0);
		if (st)
			sqlite3_reset(st);
		rc = k > 0 ? ST_OK : ST_ERR;
	}
	return store_tx_end(s, &tx, rc);
}
