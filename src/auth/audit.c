/* audit.c — the append-only, hash-chained audit log.
 *
 * Each row's hash is SHA-256 over the previous row's hash and the row's
 * own fields, separated by 0x1F:
 *   prev_hash, id, at, user_id, action, object_type, object_id, outcome
 * so changing, inserting or deleting a row breaks the chain from there. */
#include "auth/auth.h"
#include "core/buf.h"
#include "core/core.h"
#include "core/log.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#define GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

static void row_hash(const char *prev, int64_t id, const char *at, int64_t user_id, const char *action,
		     const char *otype, const char *oid, const char *outcome, char out[65])
{
	buf b;
	buf_init(&b, 0);
	buf_printf(&b, "%s\x1f%lld\x1f%s\x1f%lld\x1f%s\x1f%s\x1f%s\x1f%s", prev, (long long)id, at,
		   (long long)user_id, action, otype, oid, outcome);
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, (const unsigned char *)buf_str(&b), b.len);
	sodium_bin2hex(out, 65, h, sizeof(h));
	buf_free(&b);
}

int audit_add(struct store *s, int64_t user_id, const char *action, const char *object_type,
	      const char *object_id, const char *outcome)
{
	/* The chain needs the previous row: read and append in one write
	 * transaction, so concurrent writers queue up. */
	struct store_tx tx;
	if (store_tx_begin(s, &tx) != ST_OK)
		return ST_ERR;
	int rc = ST_ERR;
	char prev[65] = GENESIS, hash[65], at[21];
	int64_t id = 1;
	sqlite3_stmt *st = store_stmt(s, "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1");
	if (!st)
		goto out;
	int k = store_step(st);
	if (k > 0) {
		id = sqlite3_column_int64(st, 0) + 1;
		snprintf(prev, sizeof(prev), "%s", store_col_text(st, 1));
	}
	sqlite3_reset(st);
	if (k < 0)
		goto out; /* never a second chain from the genesis */
	char ts[20];
	core_fmt_time(core_now(), ts);
	snprintf(at, sizeof(at), "%.10sT%.8sZ", ts, ts + 11);
	object_type = object_type ? object_type : "";
	object_id = object_id ? object_id : "";
	row_hash(prev, id, at, user_id, action, object_type, object_id, outcome, hash);
	st = store_stmt(s,
		"INSERT INTO audit_log(id, at, user_id, action, object_type, object_id, outcome, "
		"prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
	if (!st)
		goto out;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, at, -1, SQLITE_TRANSIENT);
	if (user_id)
		sqlite3_bind_int64(st, 3, user_id);
	sqlite3_bind_text(st, 4, action, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, object_type, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, object_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, outcome, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, prev, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 9, hash, -1, SQLITE_TRANSIENT);
	rc = store_exec_stmt(s, st);
out:
	rc = store_tx_end(s, &tx, rc);
	if (rc != ST_OK)
		log_error("audit: cannot record %s", action);
	return rc;
}

int audit_list(struct store *s, arena *a, const struct audit_filter *f, struct audit_row **out, size_t *n)
{
	sqlite3_stmt *st = store_stmt(s,
		"SELECT l.id, l.at, coalesce(l.user_id, 0), coalesce(u.email, ''), l.action, "
		"l.object_type, l.object_id, l.outcome FROM audit_log l LEFT JOIN user u ON u.id = l.user_id "
		"WHERE (?1 = 0 OR l.user_id = ?1) AND (?2 IS NULL OR l.action = ?2) "
		"AND (?3 IS NULL OR l.object_type = ?3) AND (?4 = 0 OR l.id < ?4) "
		"ORDER BY l.id DESC LIMIT ?5");
	size_t limit = f->limit ? f->limit : 50;
	struct audit_row *v = arena_alloc(a, limit * sizeof(*v));
	size_t k = 0;
	*out = v;
	*n = 0;
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, f->user_id);
	if (f->action)
		sqlite3_bind_text(st, 2, f->action, -1, SQLITE_STATIC);
	if (f->object_type)
		sqlite3_bind_text(st, 3, f->object_type, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, f->before_id);
	sqlite3_bind_int64(st, 5, (sqlite3_int64)limit);
	int step = 0;
	while (k < limit && (step = store_step(st)) > 0) {
		struct audit_row *r = &v[k++];
		r->id = sqlite3_column_int64(st, 0);
		r->at = store_col_str(a, st, 1);
		r->user_id = sqlite3_column_int64(st, 2);
		r->user_email = store_col_str(a, st, 3);
		r->action = store_col_str(a, st, 4);
		r->object_type = store_col_str(a, st, 5);
		r->object_id = store_col_str(a, st, 6);
		r->outcome = store_col_str(a, st, 7);
	}
	sqlite3_reset(st);
	if (step < 0)
		return ST_ERR;
	*n = k;
	return ST_OK;
}

/* The distinct values of one column, sorted, as a NULL-terminated array in a. */
static int distinct(struct store *s, arena *a, const char *sql, const char ***out)
{
	sqlite3_stmt *st = store_stmt(s, sql);
	size_t cap = 16, k = 0;
	const char **v = arena_alloc(a, cap * sizeof(*v));
	v[0] = NULL;
	*out = v;
	if (!st)
		return ST_ERR;
	int step;
	while ((step = store_step(st)) > 0) {
		if (k + 1 == cap) {
			const char **w = arena_alloc(a, 2 * cap * sizeof(*w));
			memcpy(w, v, k * sizeof(*v));
			v = w;
			cap *= 2;
		}
		v[k++] = store_col_str(a, st, 0);
	}
	sqlite3_reset(st);
	v[step < 0 ? 0 : k] = NULL;
	*out = v;
	return step < 0 ? ST_ERR : ST_OK;
}

int audit_actions(struct store *s, arena *a, const char ***out)
{
	return distinct(s, a, "SELECT DISTINCT action FROM audit_log ORDER BY action", out);
}

int audit_object_types(struct store *s, arena *a, const char ***out)
{
	return distinct(s, a, "SELECT DISTINCT object_type FROM audit_log WHERE object_type <> '' "
			      "ORDER BY object_type", out);
}

/* Why column i of a verified row is unfit, or NULL: text without a NUL
 * inside (two values that read the same would hash the same), and for the
 * hashes 64 lowercase hex digits; user_id (coalesced) an integer. */
static const char *unfit(sqlite3_stmt *st, int i)
{
	if (i == 2)
		return sqlite3_column_type(st, i) == SQLITE_INTEGER ? NULL : "user_id is not an integer";
	if (sqlite3_column_type(st, i) != SQLITE_TEXT)
		return "a value is not text";
	const char *t = (const char *)sqlite3_column_text(st, i);
	if (!t)
		return "a value cannot be read";
	size_t n = (size_t)sqlite3_column_bytes(st, i);
	if (strlen(t) != n)
		return "a value holds a NUL byte";
	if (i >= 7 && (n != 64 || strspn(t, "0123456789abcdef") != 64))
		return "a hash is not 64 hex digits";
	return NULL;
}

int64_t audit_verify(struct store *s, char *err, size_t errlen)
{
	int64_t rows;
	return audit_verify_rows(s, &rows, err, errlen);
}

int64_t audit_verify_rows(struct store *s, int64_t *nrows, char *err, size_t errlen)
{
	*nrows = 0;
	if (errlen)
		err[0] = '\0';

	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(store_db(s),
			       "SELECT id, at, coalesce(user_id, 0), action, object_type, object_id, "
			       "outcome, prev_hash, hash FROM audit_log ORDER BY id",
			       -1, &st, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "cannot read the audit log: %s", sqlite3_errmsg(store_db(s)));
		return -1;
	}
	char prev[65] = GENESIS, h[65];
	int64_t expect_id = 0, bad = 0, rows = 0;
	int step;
	while ((step = store_step(st)) > 0) {
		int64_t id = sqlite3_column_int64(st, 0);
		const char *why = sqlite3_column_type(st, 0) == SQLITE_INTEGER ? NULL : "id is not an integer";
		for (int i = 1; i < 9 && !why; i++)
			why = unfit(st, i);
		if (why) {
			snprintf(err, errlen, "row %lld is malformed (%s): it was changed outside lotse",
				 (long long)id, why);
			bad = id > 0 ? id : -1;
			break;
		}
		row_hash(prev, id, store_col_text(st, 1), sqlite3_column_int64(st, 2), store_col_text(st, 3),
			 store_col_text(st, 4), store_col_text(st, 5), store_col_text(st, 6), h);
		if (expect_id && id != expect_id + 1) {
			snprintf(err, errlen, "row %lld follows row %lld: rows are missing", (long long)id,
				 (long long)expect_id);
			bad = id;
			break;
		}
		if (strcmp(store_col_text(st, 7), prev) != 0 || strcmp(store_col_text(st, 8), h) != 0) {
			snprintf(err, errlen, "row %lld does not match its hash: it or an earlier row was changed",
				 (long long)id);
			bad = id;
			break;
		}
		memcpy(prev, h, sizeof(prev));
		expect_id = id;
		rows++;
	}
	if (step < 0) {
		/* a row that cannot be read is not the end of the log */
		snprintf(err, errlen, "cannot read the audit log after row %lld: %s", (long long)expect_id,
			 sqlite3_errmsg(store_db(s)));
		bad = -1;
	}
	sqlite3_finalize(st);
	*nrows = rows;
	if (!bad)
		snprintf(err, errlen, "%lld rows, chain intact", (long long)rows);
	return bad;
}
