/* audit.c — the append-only, keyed and hash-chained audit log.
 *
 * Each row's hash is an HMAC-SHA-256, with the audit subkey of the key
 * file outside the database (core/keyfile.h), over the previous row's
 * hash and the row's own fields, separated by 0x1F:
 *   prev_hash, id, at, user_id, action, object_type, object_id, outcome,
 *   client, detail
 * so changing, inserting or deleting a row breaks the chain from there,
 * and whoever holds the database alone cannot write a chain that passes.
 * Rows written before the key existed (keyed = 0) keep the old rule:
 * plain SHA-256 over the first eight fields. Cutting rows off the end
 * leaves a shorter chain that is intact in itself; the head (last id and
 * hash) is therefore also written where the database is not: a line in
 * the server's log at start and then every AUDIT_HEAD_SECONDS or
 * AUDIT_HEAD_ROWS rows, and a file beside each backup. `lotse audit verify
 * --head FILE` checks the log against such anchors. */
#include "auth/auth.h"
#include "core/buf.h"
#include "core/core.h"
#include "core/keyfile.h"
#include "core/log.h"
#include "http/http.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define GENESIS "0000000000000000000000000000000000000000000000000000000000000000"
#define KEY_PURPOSE "audit"

/* ---- the key ---- */

static pthread_mutex_t key_mu = PTHREAD_MUTEX_INITIALIZER;
static char key_file[4096];
static unsigned char key_cached[KEYFILE_BYTES];
static int key_have;

/* The key file of s's database into path (size n). 0 or -1 (err). */
static int key_path(struct store *s, char *path, size_t n, char *err, size_t errlen)
{
	const char *db = sqlite3_db_filename(store_db(s), "main");
	if (keyfile_path(db, path, n) != 0) {
		snprintf(err, errlen, "no key file for this database (set LOTSE_KEY_FILE)");
		return -1;
	}
	return 0;
}

/* Whether the log's last row is keyed (then every key-less write and a new
 * key are refused): 1, 0, or -1 when it cannot be read. */
static int log_is_keyed(struct store *s)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT keyed FROM audit_log ORDER BY id DESC LIMIT 1");
	if (!st)
		return -1;
	int k = store_step(st);
	int keyed = k > 0 && sqlite3_column_int64(st, 0) == 1;
	sqlite3_reset(st);
	return k < 0 ? -1 : keyed;
}

/* The audit key of s's database into out. may_create: make the key file
 * when it is missing, but only while the log holds no keyed row (a lost
 * key is not silently replaced). 0, or -1 with a message in err. */
static int load_key(struct store *s, int may_create, unsigned char out[KEYFILE_BYTES], char *err, size_t errlen)
{
	char path[4096];
	if (key_path(s, path, sizeof(path), err, errlen) != 0)
		return -1;
	pthread_mutex_lock(&key_mu);
	int rc = 0;
	if (key_have && strcmp(path, key_file) == 0) {
		memcpy(out, key_cached, KEYFILE_BYTES);
		goto out;
	}
	int created = 0;
	rc = keyfile_load(path, KEYFILE_EXISTING, KEY_PURPOSE, out, NULL, err, errlen);
	if (rc != 0 && may_create && access(path, F_OK) != 0 && errno == ENOENT) {
		int keyed = log_is_keyed(s);
		if (keyed == 0)
			rc = keyfile_load(path, KEYFILE_CREATE, KEY_PURPOSE, out, &created, err, errlen);
		else if (keyed > 0)
			snprintf(err, errlen, "the audit key file %s is missing, and the audit log has keyed rows: "
					      "restore the key file (or point LOTSE_KEY_FILE to it)", path);
		else
			snprintf(err, errlen, "cannot read the audit log: %s", sqlite3_errmsg(store_db(s)));
	}
	if (rc == 0) {
		memcpy(key_cached, out, KEYFILE_BYTES);
		snprintf(key_file, sizeof(key_file), "%s", path);
		key_have = 1;
		if (created)
			log_info("audit: created the key file %s (keep it with the backups, apart from them)",
				 path);
	}
out:
	pthread_mutex_unlock(&key_mu);
	return rc;
}

int audit_key_open(struct store *s, int create, char *err, size_t errlen)
{
	unsigned char k[KEYFILE_BYTES];
	int rc = load_key(s, create, k, err, errlen);
	sodium_memzero(k, sizeof(k));
	return rc == 0 ? ST_OK : ST_ERR;
}

/* ---- the client ---- */

static _Thread_local char tl_client[64];

void audit_client_text(const char *addr, char out[AUDIT_CLIENT_MAX])
{
	unsigned char b[16];
	char t[INET6_ADDRSTRLEN];
	snprintf(out, AUDIT_CLIENT_MAX, "?");
	if (!addr || !*addr)
		return;
	if (inet_pton(AF_INET, addr, b) == 1) {
		snprintf(out, AUDIT_CLIENT_MAX, "%u.%u.%u.0/24", b[0], b[1], b[2]);
		return;
	}
	if (inet_pton(AF_INET6, addr, b) != 1)
		return;
	static const unsigned char mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };
	if (memcmp(b, mapped, sizeof(mapped)) == 0) {
		snprintf(out, AUDIT_CLIENT_MAX, "%u.%u.%u.0/24", b[12], b[13], b[14]);
		return;
	}
	memset(b + 6, 0, 10);
	if (inet_ntop(AF_INET6, b, t, sizeof(t)))
		snprintf(out, AUDIT_CLIENT_MAX, "%s/48", t);
}

void audit_set_client(const char *addr)
{
	if (addr)
		audit_client_text(addr, tl_client);
	else
		tl_client[0] = '\0';
}

/* ---- writing ---- */

static void row_hash(const unsigned char *key, const char *prev, int64_t id, const char *at, int64_t user_id,
		     const char *action, const char *otype, const char *oid, const char *outcome,
		     const char *client, const char *detail, char out[65])
{
	buf b;
	buf_init(&b, 0);
	buf_printf(&b, "%s\x1f%lld\x1f%s\x1f%lld\x1f%s\x1f%s\x1f%s\x1f%s", prev, (long long)id, at,
		   (long long)user_id, action, otype, oid, outcome);
	unsigned char h[crypto_auth_hmacsha256_BYTES];
	if (key) {
		buf_printf(&b, "\x1f%s\x1f%s", client, detail);
		crypto_auth_hmacsha256(h, (const unsigned char *)buf_str(&b), b.len, key);
	} else {
		crypto_hash_sha256(h, (const unsigned char *)buf_str(&b), b.len);
	}
	sodium_bin2hex(out, 65, h, sizeof(h));
	buf_free(&b);
}

static atomic_long rows_since_head;

int audit_write(struct store *s, const struct audit_entry *e)
{
	unsigned char key[KEYFILE_BYTES];
	char err[400];
	if (load_key(s, 1, key, err, sizeof(err)) != 0) {
		log_error("audit: cannot record %s: %s", e->action, err);
		return ST_ERR;
	}
	/* The chain needs the previous row: read and append in one write
	 * transaction, so concurrent writers queue up. */
	struct store_tx tx;
	int rc = ST_ERR;
	if (store_tx_begin(s, &tx) != ST_OK)
		goto out;
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
	const char *otype = e->object_type ? e->object_type : "";
	const char *oid = e->object_id ? e->object_id : "";
	const char *client = e->client ? e->client : *tl_client ? tl_client : "local";
	const char *detail = e->detail ? e->detail : "";
	row_hash(key, prev, id, at, e->user_id, e->action, otype, oid, e->outcome, client, detail, hash);
	st = store_stmt(s,
		"INSERT INTO audit_log(id, at, user_id, action, object_type, object_id, outcome, "
		"client, detail, keyed, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)");
	if (!st)
		goto out;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, at, -1, SQLITE_TRANSIENT);
	if (e->user_id)
		sqlite3_bind_int64(st, 3, e->user_id);
	sqlite3_bind_text(st, 4, e->action, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, otype, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, oid, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, e->outcome, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, client, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 9, detail, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 10, prev, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 11, hash, -1, SQLITE_TRANSIENT);
	rc = store_exec_stmt(s, st);
out:
	sodium_memzero(key, sizeof(key));
	rc = store_tx_end(s, &tx, rc);
	if (rc != ST_OK)
		log_error("audit: cannot record %s", e->action);
	else
		atomic_fetch_add(&rows_since_head, 1);
	return rc;
}

int audit_add(struct store *s, int64_t user_id, const char *action, const char *object_type,
	      const char *object_id, const char *outcome)
{
	struct audit_entry e = { user_id, action, object_type, object_id, outcome, NULL, NULL };
	return audit_write(s, &e);
}

int audit_add_req(struct req *r, const char *action, const char *object_type, const char *object_id,
		  const char *outcome, const char *detail)
{
	char client[AUDIT_CLIENT_MAX];
	audit_client_text(r->client, client);
	struct audit_entry e = { r->user ? r->user->id : 0, action, object_type, object_id, outcome, detail,
				 client };
	return audit_write(r->db, &e);
}

/* ---- reading ---- */

int audit_list(struct store *s, arena *a, const struct audit_filter *f, struct audit_row **out, size_t *n)
{
	sqlite3_stmt *st = store_stmt(s,
		"SELECT l.id, l.at, coalesce(l.user_id, 0), coalesce(u.email, ''), l.action, "
		"l.object_type, l.object_id, l.outcome, l.client, l.detail FROM audit_log l LEFT JOIN user u ON u.id = l.user_id "
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
		r->client = store_col_str(a, st, 8);
		r->detail = store_col_str(a, st, 9);
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

/* Both walk their index from one value to the next (a few dozen index
 * lookups) instead of reading every row of a long log. */
int audit_actions(struct store *s, arena *a, const char ***out)
{
	return distinct(s, a,
			"WITH RECURSIVE v(x) AS (SELECT min(action) FROM audit_log UNION ALL "
			"SELECT (SELECT min(action) FROM audit_log WHERE action > v.x) FROM v WHERE v.x IS NOT NULL) "
			"SELECT x FROM v WHERE x IS NOT NULL", out);
}

int audit_object_types(struct store *s, arena *a, const char ***out)
{
	return distinct(s, a,
			"WITH RECURSIVE v(x) AS (SELECT min(object_type) FROM audit_log WHERE object_type > '' "
			"UNION ALL SELECT (SELECT min(object_type) FROM audit_log WHERE object_type > v.x) FROM v "
			"WHERE v.x IS NOT NULL) SELECT x FROM v WHERE x IS NOT NULL", out);
}

/* ---- verifying ---- */

/* Where a check of the chain stands: the last row checked and its hash. */
struct chain {
	int64_t last_id, rows, unkeyed;
	int keyed_seen;
	char hash[65];
	char key_made[21]; /* when the key file was made (its mtime, UTC); "" unknown */
};

#define VERIFY_COLS "SELECT id, at, coalesce(user_id, 0), action, object_type, object_id, outcome, " \
		    "client, detail, keyed, prev_hash, hash FROM audit_log"

/* Why column i of a verified row is unfit, or NULL: text without a NUL
 * inside (two values that read the same would hash the same), and for the
 * hashes 64 lowercase hex digits; user_id (coalesced) an integer, keyed 0
 * or 1. */
static const char *unfit(sqlite3_stmt *st, int i)
{
	if (i == 2)
		return sqlite3_column_type(st, i) == SQLITE_INTEGER ? NULL : "user_id is not an integer";
	if (i == 9) {
		int64_t k = sqlite3_column_int64(st, i);
		return sqlite3_column_type(st, i) == SQLITE_INTEGER && (k == 0 || k == 1) ? NULL
											   : "keyed is not 0 or 1";
	}
	if (sqlite3_column_type(st, i) != SQLITE_TEXT)
		return "a value is not text";
	const char *t = (const char *)sqlite3_column_text(st, i);
	if (!t)
		return "a value cannot be read";
	size_t n = (size_t)sqlite3_column_bytes(st, i);
	if (strlen(t) != n)
		return "a value holds a NUL byte";
	if (i >= 10 && (n != 64 || strspn(t, "0123456789abcdef") != 64))
		return "a hash is not 64 hex digits";
	return NULL;
}

/* Check the rows after c->last_id (st: VERIFY_COLS WHERE id > ?1 ORDER
 * BY id, bound), moving c along. 0, the first broken row's id, or -1. */
static int64_t verify_rows(struct store *s, sqlite3_stmt *st, const unsigned char *key, struct chain *c,
			   char *err, size_t errlen)
{
	char h[65];
	int64_t bad = 0;
	int step;
	while ((step = store_step(st)) > 0) {
		int64_t id = sqlite3_column_int64(st, 0);
		const char *why = sqlite3_column_type(st, 0) == SQLITE_INTEGER ? NULL : "id is not an integer";
		for (int i = 1; i < 12 && !why; i++)
			why = unfit(st, i);
		int keyed = (int)sqlite3_column_int64(st, 9);
		if (!why && !keyed && (*store_col_text(st, 7) || *store_col_text(st, 8)))
			why = "an unkeyed row has a client or detail";
		if (why) {
			snprintf(err, errlen, "row %lld is malformed (%s): it was changed outside lotse",
				 (long long)id, why);
			bad = id > 0 ? id : -1;
			break;
		}
		if (c->last_id && id != c->last_id + 1) {
			snprintf(err, errlen, "row %lld follows row %lld: rows are missing", (long long)id,
				 (long long)c->last_id);
			bad = id;
			break;
		}
		if (!keyed && c->key_made[0] && strcmp(store_col_text(st, 1), c->key_made) > 0) {
			snprintf(err, errlen, "row %lld is not keyed but dated after the key was made (%s): "
					      "the log was rewritten", (long long)id, c->key_made);
			bad = id;
			break;
		}
		if (!keyed && c->keyed_seen) {
			snprintf(err, errlen, "row %lld is not keyed but follows keyed rows: the log was rewritten",
				 (long long)id);
			bad = id;
			break;
		}
		row_hash(keyed ? key : NULL, c->hash, id, store_col_text(st, 1), sqlite3_column_int64(st, 2),
			 store_col_text(st, 3), store_col_text(st, 4), store_col_text(st, 5), store_col_text(st, 6),
			 store_col_text(st, 7), store_col_text(st, 8), h);
		if (strcmp(store_col_text(st, 10), c->hash) != 0 || strcmp(store_col_text(st, 11), h) != 0) {
			snprintf(err, errlen, "row %lld does not match its hash: it or an earlier row was changed",
				 (long long)id);
			bad = id;
			break;
		}
		memcpy(c->hash, h, sizeof(c->hash));
		c->last_id = id;
		c->keyed_seen |= keyed;
		c->unkeyed += !keyed;
		c->rows++;
	}
	if (step < 0) {
		/* a row that cannot be read is not the end of the log */
		snprintf(err, errlen, "cannot read the audit log after row %lld: %s", (long long)c->last_id,
			 sqlite3_errmsg(store_db(s)));
		bad = -1;
	}
	return bad;
}

/* Check from c on; its own statement (a long read must not hold a cached
 * one). */
static int64_t verify_from(struct store *s, const unsigned char *key, struct chain *c, char *err, size_t errlen)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(store_db(s), VERIFY_COLS " WHERE id > ?1 ORDER BY id", -1, &st, NULL) !=
	    SQLITE_OK) {
		snprintf(err, errlen, "cannot read the audit log: %s", sqlite3_errmsg(store_db(s)));
		return -1;
	}
	sqlite3_bind_int64(st, 1, c->last_id);
	int64_t bad = verify_rows(s, st, key, c, err, errlen);
	sqlite3_finalize(st);
	return bad;
}

/* When the key file of s's database was made (its mtime) into c: a row
 * from before the key is dated before it. */
static void key_made(struct store *s, struct chain *c)
{
	char path[4096], err[200];
	struct stat sb;
	struct tm tm;
	c->key_made[0] = '\0';
	if (key_path(s, path, sizeof(path), err, sizeof(err)) == 0 && stat(path, &sb) == 0 &&
	    gmtime_r(&sb.st_mtime, &tm))
		strftime(c->key_made, sizeof(c->key_made), "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void intact_text(const struct chain *c, char *err, size_t errlen)
{
	if (c->unkeyed)
		snprintf(err, errlen, "%lld rows, chain intact (%lld unkeyed rows from before the key, "
				      "checked by the old rule)", (long long)c->rows, (long long)c->unkeyed);
	else
		snprintf(err, errlen, "%lld rows, chain intact", (long long)c->rows);
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
	unsigned char key[KEYFILE_BYTES];
	char kerr[400];
	if (load_key(s, 0, key, kerr, sizeof(kerr)) != 0) {
		snprintf(err, errlen, "the audit log cannot be checked without its key: %s", kerr);
		return -1;
	}
	struct chain c = { .hash = GENESIS };
	key_made(s, &c);
	int64_t bad = verify_from(s, key, &c, err, errlen);
	sodium_memzero(key, sizeof(key));
	*nrows = c.rows;
	if (!bad)
		intact_text(&c, err, errlen);
	return bad;
}

/* The viewer's check: what was found intact before is remembered (per
 * process, for one database), and only rows added since are checked, after
 * making sure the last row checked is still there as it was. */
static pthread_mutex_t seen_mu = PTHREAD_MUTEX_INITIALIZER;
static char seen_db[4096];
static struct chain seen;

int64_t audit_verify_new(struct store *s, int64_t *nrows, char *err, size_t errlen)
{
	*nrows = 0;
	if (errlen)
		err[0] = '\0';
	unsigned char key[KEYFILE_BYTES];
	char kerr[400];
	if (load_key(s, 0, key, kerr, sizeof(kerr)) != 0) {
		snprintf(err, errlen, "the audit log cannot be checked without its key: %s", kerr);
		return -1;
	}
	const char *db = sqlite3_db_filename(store_db(s), "main");
	pthread_mutex_lock(&seen_mu);
	struct chain c = { .hash = GENESIS };
	key_made(s, &c);
	int64_t bad = 0;
	if (strcmp(seen_db, db ? db : "") == 0 && seen.last_id > 0) {
		c = seen;
		sqlite3_stmt *st = store_stmt(s, "SELECT hash FROM audit_log WHERE id = ?");
		int k = st ? (sqlite3_bind_int64(st, 1, c.last_id), store_step(st)) : -1;
		if (k > 0 && strcmp(store_col_text(st, 0), c.hash) != 0) {
			snprintf(err, errlen, "row %lld does not match its hash: it or an earlier row was changed",
				 (long long)c.last_id);
			bad = c.last_id;
		} else if (k == 0) {
			snprintf(err, errlen, "row %lld, checked before, is gone: rows at the end were removed",
				 (long long)c.last_id);
			bad = c.last_id;
		} else if (k < 0) {
			snprintf(err, errlen, "cannot read the audit log: %s", sqlite3_errmsg(store_db(s)));
			bad = -1;
		}
		if (st)
			sqlite3_reset(st);
	}
	if (!bad)
		bad = verify_from(s, key, &c, err, errlen);
	if (bad) {
		seen_db[0] = '\0'; /* the next view checks everything again */
	} else {
		seen = c;
		snprintf(seen_db, sizeof(seen_db), "%s", db ? db : "");
		intact_text(&c, err, errlen);
	}
	pthread_mutex_unlock(&seen_mu);
	sodium_memzero(key, sizeof(key));
	*nrows = c.rows;
	return bad;
}

/* ---- the head, kept where the database is not ---- */

int audit_head(struct store *s, int64_t *id, char hash[65])
{
	*id = 0;
	snprintf(hash, 65, "%s", GENESIS);
	sqlite3_stmt *st = store_stmt(s, "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1");
	if (!st)
		return ST_ERR;
	int k = store_step(st);
	if (k > 0) {
		*id = sqlite3_column_int64(st, 0);
		snprintf(hash, 65, "%s", store_col_text(st, 1));
	}
	sqlite3_reset(st);
	return k < 0 ? ST_ERR : ST_OK;
}

static atomic_llong head_logged_at;

int audit_head_log(struct store *s)
{
	int64_t id;
	char hash[65];
	if (audit_head(s, &id, hash) != ST_OK) {
		log_error("audit: cannot read the log's head");
		return ST_ERR;
	}
	/* a line of its own that no request line can imitate: see audit_verify_head */
	log_info(AUDIT_HEAD_TAG " id=%lld mac=%s", (long long)id, hash);
	atomic_store(&rows_since_head, 0);
	atomic_store(&head_logged_at, (long long)core_now());
	return ST_OK;
}

void audit_head_tick(struct store *s)
{
	long long now = (long long)core_now(), at = atomic_load(&head_logged_at);
	if (atomic_load(&rows_since_head) < AUDIT_HEAD_ROWS &&
	    !(atomic_load(&rows_since_head) > 0 && now - at >= AUDIT_HEAD_SECONDS))
		return;
	/* one thread logs it */
	if (atomic_compare_exchange_strong(&head_logged_at, &at, now))
		audit_head_log(s);
}

int audit_head_write(struct store *s, const char *path, char *err, size_t errlen)
{
	int64_t id;
	char hash[65];
	if (audit_head(s, &id, hash) != ST_OK) {
		snprintf(err, errlen, "cannot read the audit log's head: %s", sqlite3_errmsg(store_db(s)));
		return ST_ERR;
	}
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (!f) {
		snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return ST_ERR;
	}
	fprintf(f, AUDIT_HEAD_TAG " id=%lld mac=%s\n", (long long)id, hash);
	if (fflush(f) != 0 || fsync(fileno(f)) != 0 || fclose(f) != 0) {
		snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
		return ST_ERR;
	}
	return ST_OK;
}

int audit_head_sidecar(const char *backup, char *err, size_t errlen)
{
	struct store *s;
	char path[4200];
	if ((size_t)snprintf(path, sizeof(path), "%s.audit-head", backup) >= sizeof(path)) {
		snprintf(err, errlen, "the backup's path is too long");
		return ST_ERR;
	}
	if (store_open(backup, STORE_EXISTING, &s, err, errlen) != ST_OK)
		return ST_ERR;
	int rc = audit_head_write(s, path, err, errlen);
	store_close(s);
	return rc;
}

/* See auth.h: at the line's start, or after a log line's time stamp and
 * level, where no request's path can stand. */
int audit_parse_head(const char *line, int64_t *id, char hash[65])
{
	static const char tag[] = AUDIT_HEAD_TAG " id=";
	const char *p = line;
	if (strncmp(p, tag, sizeof(tag) - 1) != 0) {
		if (strlen(line) < 26 || strncmp(line + 19, "Z info ", 7) != 0)
			return 0;
		p = line + 26;
		if (strncmp(p, tag, sizeof(tag) - 1) != 0)
			return 0;
	}
	p += sizeof(tag) - 1;
	if (*p < '0' || *p > '9')
		return 0; /* no sign, no space */
	char *end;
	errno = 0;
	long long v = strtoll(p, &end, 10);
	if (errno || end == p || v < 0 || strncmp(end, " mac=", 5) != 0)
		return 0;
	end += 5;
	if (strspn(end, "0123456789abcdef") != 64 || (strcmp(end + 64, "") != 0 && strcmp(end + 64, "\n") != 0 &&
							  strcmp(end + 64, "\r\n") != 0))
		return 0;
	*id = v;
	memcpy(hash, end, 64);
	hash[64] = '\0';
	return 1;
}

int64_t audit_verify_head(struct store *s, const char *path, int *nanchors, char *err, size_t errlen)
{
	*nanchors = 0;
	FILE *f = fopen(path, "r");
	if (!f) {
		snprintf(err, errlen, "cannot read %s: %s", path, strerror(errno));
		return -1;
	}
	int64_t last_id;
	char last[65], line[4096];
	if (audit_head(s, &last_id, last) != ST_OK) {
		fclose(f);
		snprintf(err, errlen, "cannot read the audit log: %s", sqlite3_errmsg(store_db(s)));
		return -1;
	}
	int64_t bad = 0, best = -1;
	while (!bad && fgets(line, sizeof(line), f)) {
		int64_t id;
		char hash[65];
		if (!audit_parse_head(line, &id, hash))
			continue;
		(*nanchors)++;
		if (id == 0)
			continue; /* the log was empty then */
		if (id > last_id) {
			snprintf(err, errlen, "%s records row %lld, but the log ends at row %lld: rows at the end "
					      "were removed (truncated)", path, (long long)id, (long long)last_id);
			bad = last_id + 1;
			break;
		}
		sqlite3_stmt *st = store_stmt(s, "SELECT hash FROM audit_log WHERE id = ?");
		int k = st ? (sqlite3_bind_int64(st, 1, id), store_step(st)) : -1;
		if (k < 0) {
			snprintf(err, errlen, "cannot read the audit log: %s", sqlite3_errmsg(store_db(s)));
			bad = -1;
		} else if (k == 0) {
			snprintf(err, errlen, "%s records row %lld, which is missing", path, (long long)id);
			bad = id;
		} else if (strcmp(store_col_text(st, 0), hash) != 0) {
			snprintf(err, errlen, "row %lld differs from what %s records: the log was rewritten",
				 (long long)id, path);
			bad = id;
		}
		if (st)
			sqlite3_reset(st);
		if (id > best)
			best = id;
	}
	int rerr = ferror(f);
	fclose(f);
	if (!bad && rerr) {
		snprintf(err, errlen, "cannot read %s", path);
		return -1;
	}
	if (!bad && *nanchors == 0) {
		snprintf(err, errlen, "%s holds no audit head (a line \"" AUDIT_HEAD_TAG " id=N mac=...\")", path);
		return -1;
	}
	if (!bad)
		snprintf(err, errlen, "%d anchors in %s match (the latest: row %lld of %lld)", *nanchors, path,
			 (long long)best, (long long)last_id);
	return bad;
}
