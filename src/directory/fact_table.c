/* fact_table.c — keeping an offer's row of the fact table (service_fact,
 * migration 0056) current: every writer of an offer, its terms, languages,
 * funding, costs or schedules calls dir_fact_refresh in its transaction,
 * and dir_facts (facts.c) reads the table. */
#include "directory/directory.h"
#include "core/core.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The counted taxonomies (dir_fact's lists). */
#define COUNTED_TAXONOMIES                                                                             \
	"('urn:lotse:taxonomy:uebergangsphase', 'urn:lotse:taxonomy:zielgruppe', 'urn:lotse:taxonomy:ort', " \
	"'urn:lotse:taxonomy:foerderung', 'urn:lotse:taxonomy:angebotsart')"

/* The values of offer ?1, each with its kind (0 term, 1 language, 2
 * funding source); the terms of the counted taxonomies only. */
#define OFFER_VALUES                                                                                   \
	"SELECT 0 AS kind, a.taxonomy_term_id AS value FROM attribute a "                              \
	"JOIN taxonomy_term t ON t.id = a.taxonomy_term_id JOIN taxonomy x ON x.id = t.taxonomy_id "   \
	"WHERE a.link_entity = 'service' AND a.link_id = ?1 AND x.uri IN " COUNTED_TAXONOMIES " "     \
	"UNION ALL SELECT 1, lower(code) FROM language WHERE service_id = ?1 "                         \
	"UNION ALL SELECT 2, source FROM funding WHERE service_id = ?1"

/* The value ids of offer id, space-separated, into out (cap bytes):
 * terms by id, languages by code, funding by source. ST_OK or ST_ERR. */
static int value_ids(struct store *s, const char *id, char *out, size_t cap)
{
	sqlite3_stmt *st = store_stmt(s, "INSERT INTO service_fact_value(kind, value) SELECT kind, value FROM (" OFFER_VALUES
					 ") AS o WHERE true ON CONFLICT (kind, value) DO NOTHING");
	if (!st)
		return ST_ERR;
	store_bind_str(st, 1, id);
	if (store_exec_stmt(s, st) != ST_OK)
		return ST_ERR;
	st = store_stmt(s, "SELECT v.id FROM (" OFFER_VALUES ") AS o JOIN service_fact_value v ON v.kind = o.kind AND "
			   "v.value = o.value ORDER BY o.kind, o.value");
	if (!st)
		return ST_ERR;
	store_bind_str(st, 1, id);
	size_t len = 0;
	int k;
	out[0] = '\0';
	while ((k = store_step(st)) > 0) {
		int w = snprintf(out + len, cap - len, "%s%lld", len ? " " : "", (long long)sqlite3_column_int64(st, 0));
		if (w < 0 || (size_t)w >= cap - len) {
			k = -1; /* more values than an offer has room for */
			break;
		}
		len += (size_t)w;
	}
	sqlite3_reset(st);
	return k == 0 ? ST_OK : ST_ERR;
}

int dir_fact_refresh(struct store *s, const char *id)
{
	char vals[4096];
	int rc = value_ids(s, id, vals, sizeof(vals));
	if (rc != ST_OK)
		return rc;
	sqlite3_stmt *st = store_stmt(
		s, "INSERT INTO service_fact(service_id, capacity, free_of_charge, cost, valid_from, valid_to, vals) "
		   "SELECT s.id, s.capacity, s.free_of_charge, "
		   "(SELECT min(c.amount) FROM cost_option c WHERE c.service_id = s.id), "
		   "(SELECT min(h.valid_from) FROM schedule h WHERE h.service_id = s.id), "
		   "(SELECT CASE WHEN count(*) = count(h.valid_to) THEN max(h.valid_to) END FROM schedule h "
		   "WHERE h.service_id = s.id), ?2 "
		   "FROM service s WHERE s.id = ?1 AND s.archived = 0 AND s.status = 'active' AND s.merged_into IS NULL "
		   "ON CONFLICT (service_id) DO UPDATE SET capacity = excluded.capacity, "
		   "free_of_charge = excluded.free_of_charge, cost = excluded.cost, valid_from = excluded.valid_from, "
		   "valid_to = excluded.valid_to, vals = excluded.vals");
	if (!st)
		return ST_ERR;
	store_bind_str(st, 1, id);
	store_bind_str(st, 2, vals);
	if ((rc = store_exec_stmt(s, st)) != ST_OK || sqlite3_changes(store_db(s)) > 0)
		return rc;
	/* not a current offer (archived, merged, not active, or gone) */
	st = store_stmt(s, "DELETE FROM service_fact WHERE service_id = ?1");
	if (!st)
		return ST_ERR;
	store_bind_str(st, 1, id);
	return store_exec_stmt(s, st);
}

/* dir_fact_refresh_since's transactions: sized to take about
 * REFRESH_TARGET_US each, with a pause after each of its own (as the
 * staged import's publication does: store_stage_publish), so that the
 * server's writers, which nap 5 ms at most while they wait, get the lock
 * between two of them. */
#define REFRESH_TARGET_US 100000
#define REFRESH_GAP_US 10000
#define REFRESH_MIN 20
#define REFRESH_MAX 2000

int dir_fact_refresh_since(struct store *s, int64_t after)
{
	char(*ids)[37] = xcalloc(REFRESH_MAX, sizeof(*ids));
	int64_t want = 100;
	int rc = ST_OK;
	for (;;) {
		sqlite3_stmt *st = store_stmt(s, "SELECT rowid, id FROM service WHERE rowid > ?1 ORDER BY rowid LIMIT ?2");
		if (!st) {
			rc = ST_ERR;
			break;
		}
		sqlite3_bind_int64(st, 1, after);
		sqlite3_bind_int64(st, 2, want);
		size_t n = 0;
		int k;
		while (n < (size_t)want && (k = store_step(st)) > 0) {
			after = sqlite3_column_int64(st, 0);
			snprintf(ids[n++], sizeof(ids[0]), "%s", store_col_text(st, 1));
		}
		if (n == (size_t)want)
			k = 0;
		sqlite3_reset(st);
		if (k < 0)
			rc = ST_ERR;
		if (rc != ST_OK || n == 0)
			break;
		int64_t t0 = core_mono_us();
		struct store_tx tx;
		if ((rc = store_tx_begin(s, &tx)) != ST_OK)
			break;
		for (size_t i = 0; i < n && rc == ST_OK; i++)
			rc = dir_fact_refresh(s, ids[i]);
		int own = tx.own;
		if ((rc = store_tx_end(s, &tx, rc)) != ST_OK)
			break;
		int64_t took = core_mono_us() - t0;
		want = want * REFRESH_TARGET_US / (took > 1000 ? took : 1000);
		want = want < REFRESH_MIN ? REFRESH_MIN : want > REFRESH_MAX ? REFRESH_MAX : want;
		if (own) {
			struct timespec gap = { 0, REFRESH_GAP_US * 1000L };
			nanosleep(&gap, NULL);
		}
	}
	free(ids);
	return rc;
}
