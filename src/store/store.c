/* store.c — SQLite connection, pragmas, statement cache, migrations (backup.c: copies). */
#include "store/store.h"
#include "core/core.h"
#include "core/embed.h"
#include "core/log.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define STMT_SLOTS_MIN 256 /* the cache's first size; a power of two */

struct stmt_slot {
	const char *sql;
	sqlite3_stmt *st;
};

/* The statement cache is an open-addressing hash table keyed by the
 * address of the SQL text. It doubles when it is half full, so that a
 * lookup never fails for lack of room however many distinct queries a
 * connection sees. */
struct store {
	sqlite3 *db;
	struct stmt_slot *slots;
	size_t nslots, nused; /* nslots: a power of two */
	int64_t busy_since;   /* when the present wait for a lock began */
	int busy_ms;          /* how long a wait may last */
	struct {
		const void *key;
		void *p;
		void (*free_fn)(void *);
	} caches[4];
};

/* The hooks of every store_open and store_migrate: one of the two
 * functions set in each, at most 8 of each kind (16 in all). */
static struct hook {
	store_conn_hook conn;
	store_migrate_hook migrate;
} hooks[16];
static size_t n_hooks;

static void hook_add(struct hook h)
{
	for (size_t i = 0; i < n_hooks; i++)
		if (hooks[i].conn == h.conn && hooks[i].migrate == h.migrate)
			return; /* added already */
	size_t same_kind = 0;
	for (size_t i = 0; i < n_hooks; i++)
		same_kind += !hooks[i].conn == !h.conn;
	if (same_kind == 8) { /* a programming error */
		fputs("store: too many hooks\n", stderr);
		abort();
	}
	hooks[n_hooks++] = h;
}

void store_add_conn_hook(store_conn_hook fn)
{
	hook_add((struct hook){ .conn = fn });
}

void store_add_migrate_hook(store_migrate_hook fn)
{
	hook_add((struct hook){ .migrate = fn });
}

/* Waiting for another connection's lock, for at most s->busy_ms: naps of
 * 1 ms, then 5 ms. A long piece of work lets the write lock go for a
 * moment between its chunks (store_stage_publish); SQLite's own busy
 * timeout naps up to 100 ms at a time and would mostly sleep through such
 * a gap. */
static int busy_wait(void *ctx, int count)
{
	struct store *s = ctx;
	int64_t now = core_mono_us();
	if (count == 0)
		s->busy_since = now;
	if (now - s->busy_since >= (int64_t)s->busy_ms * 1000)
		return 0;
	struct timespec nap = { 0, count < 10 ? 1000000L : 5000000L };
	nanosleep(&nap, NULL);
	return 1;
}

static int file_exists(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0;
}

int store_open(const char *path, enum store_mode mode, struct store **out, char *err, size_t errlen)
{
	*out = NULL;
	int exists = file_exists(path);
	if (mode == STORE_CREATE && exists) {
		snprintf(err, errlen, "%s already exists; refusing to overwrite it", path);
		return ST_ERR;
	}
	if (mode == STORE_EXISTING && !exists) {
		snprintf(err, errlen, "%s does not exist (create it with `lotse init`)", path);
		return ST_ERR;
	}
	struct store *s = xcalloc(1, sizeof(*s));
	s->nslots = STMT_SLOTS_MIN;
	s->slots = xcalloc(s->nslots, sizeof(*s->slots));
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX |
		    (mode == STORE_CREATE ? SQLITE_OPEN_CREATE : 0);
	if (sqlite3_open_v2(path, &s->db, flags, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "cannot open %s: %s", path, sqlite3_errmsg(s->db));
		goto fail;
	}
	s->busy_ms = STORE_BUSY_TIMEOUT_MS;
	sqlite3_busy_handler(s->db, busy_wait, s);
	sqlite3_extended_result_codes(s->db, 1);
	/* 16 KB pages for a new file: a bulk import writes and checkpoints a
	 * quarter of the pages (and system calls) it would with 4 KB */
	if (mode == STORE_CREATE && sqlite3_exec(s->db, "PRAGMA page_size=16384", NULL, NULL, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "cannot set up %s: %s", path, sqlite3_errmsg(s->db));
		goto fail;
	}
	static const char pragmas[] =
		"PRAGMA journal_mode=WAL;"
		"PRAGMA synchronous=NORMAL;"
		"PRAGMA foreign_keys=ON;"
		"PRAGMA temp_store=MEMORY;";
	char *msg = NULL;
	if (sqlite3_exec(s->db, pragmas, NULL, NULL, &msg) != SQLITE_OK) {
		snprintf(err, errlen, "cannot set up %s: %s", path, msg ? msg : "?");
		sqlite3_free(msg);
		goto fail;
	}
	for (size_t i = 0; i < n_hooks; i++) {
		if (hooks[i].conn && hooks[i].conn(s->db) != SQLITE_OK) {
			snprintf(err, errlen, "cannot set up the connection to %s: %s", path,
				 sqlite3_errmsg(s->db));
			goto fail;
		}
	}
	*out = s;
	return ST_OK;
fail:
	store_close(s);
	return ST_ERR;
}

void store_close(struct store *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->nslots; i++)
		sqlite3_finalize(s->slots[i].st);
	free(s->slots);
	for (size_t i = 0; i < NELEM(s->caches); i++)
		if (s->caches[i].key && s->caches[i].free_fn)
			s->caches[i].free_fn(s->caches[i].p);
	sqlite3_close(s->db);
	free(s);
}

sqlite3 *store_db(struct store *s)
{
	return s->db;
}

int store_change_mark(struct store *s, struct store_mark *out)
{
	sqlite3_stmt *st = store_stmt(s, "PRAGMA data_version");
	if (!st)
		return ST_ERR;
	int k = store_step(st);
	out->others = k > 0 ? sqlite3_column_int64(st, 0) : 0;
	out->own = sqlite3_total_changes64(s->db);
	sqlite3_reset(st);
	return k > 0 ? ST_OK : ST_ERR;
}

void *store_cache_get(struct store *s, const void *key)
{
	for (size_t i = 0; i < NELEM(s->caches); i++)
		if (s->caches[i].key == key)
			return s->caches[i].p;
	return NULL;
}

void store_cache_put(struct store *s, const void *key, void *p, void (*free_fn)(void *))
{
	size_t i = 0;
	while (i < NELEM(s->caches) && s->caches[i].key && s->caches[i].key != key)
		i++;
	if (i == NELEM(s->caches)) { /* a programming error */
		fputs("store: too many caches\n", stderr);
		abort();
	}
	if (s->caches[i].key && s->caches[i].free_fn)
		s->caches[i].free_fn(s->caches[i].p);
	s->caches[i].key = key;
	s->caches[i].p = p;
	s->caches[i].free_fn = free_fn;
}

/* ---- checkpoints off the request threads ---- */

struct store_checkpointer {
	struct store *s;
	int interval_ms;
	int stop;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	pthread_t thread;
};

static void *checkpointer(void *arg)
{
	struct store_checkpointer *c = arg;
	pthread_mutex_lock(&c->mu);
	while (!c->stop) {
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += c->interval_ms / 1000;
		until.tv_nsec += (long)(c->interval_ms % 1000) * 1000000L;
		if (until.tv_nsec >= 1000000000L) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&c->cv, &c->mu, &until);
		if (c->stop)
			break;
		pthread_mutex_unlock(&c->mu);
		sqlite3_wal_checkpoint_v2(c->s->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
		pthread_mutex_lock(&c->mu);
	}
	pthread_mutex_unlock(&c->mu);
	return NULL;
}

struct store_checkpointer *store_checkpointer_start(const char *path, int interval_ms)
{
	struct store_checkpointer *c = xcalloc(1, sizeof(*c));
	char err[400];
	if (store_open(path, STORE_EXISTING, &c->s, err, sizeof(err)) != ST_OK) {
		log_error("checkpoints: %s", err);
		free(c);
		return NULL;
	}
	c->interval_ms = interval_ms;
	pthread_mutex_init(&c->mu, NULL);
	pthread_cond_init(&c->cv, NULL);
	if (pthread_create(&c->thread, NULL, checkpointer, c) != 0) {
		log_error("checkpoints: cannot start a thread");
		store_close(c->s);
		free(c);
		return NULL;
	}
	return c;
}

void store_checkpointer_stop(struct store_checkpointer *c)
{
	if (!c)
		return;
	pthread_mutex_lock(&c->mu);
	c->stop = 1;
	pthread_cond_signal(&c->cv);
	pthread_mutex_unlock(&c->mu);
	pthread_join(c->thread, NULL);
	pthread_cond_destroy(&c->cv);
	pthread_mutex_destroy(&c->mu);
	store_close(c->s);
	free(c);
}

void store_busy_limit(struct store *s, int ms)
{
	s->busy_ms = ms;
}

void store_no_checkpoints(struct store *s)
{
	sqlite3_wal_autocheckpoint(s->db, 0);
}

/* Whether a failure on this thread since store_failure_clear() came from
 * a database held by another connection (see store_failed_busy). Each
 * server worker thread has its own connection and one request at a time. */
static _Thread_local int failed_busy;

static void note_failure(int rc)
{
	if ((rc & 0xFF) == SQLITE_BUSY || (rc & 0xFF) == SQLITE_LOCKED)
		failed_busy = 1;
}

int store_failed_busy(void)
{
	return failed_busy;
}

void store_failure_clear(void)
{
	failed_busy = 0;
}

static size_t stmt_hash(const char *sql)
{
	return (size_t)(((uintptr_t)sql >> 3) * 0x9E3779B97F4A7C15ull);
}

/* The slot of sql, or the empty slot where it belongs. The table always
 * has an empty slot (it is at most half full), so the probe ends. */
static struct stmt_slot *stmt_slot(struct stmt_slot *slots, size_t nslots, const char *sql)
{
	for (size_t k = stmt_hash(sql);; k++) {
		struct stmt_slot *slot = &slots[k & (nslots - 1)];
		if (slot->sql == sql || slot->sql == NULL)
			return slot;
	}
}

static void stmt_grow(struct store *s)
{
	size_t n = 2 * s->nslots;
	struct stmt_slot *slots = xcalloc(n, sizeof(*slots));
	for (size_t i = 0; i < s->nslots; i++)
		if (s->slots[i].sql)
			*stmt_slot(slots, n, s->slots[i].sql) = s->slots[i];
	free(s->slots);
	s->slots = slots;
	s->nslots = n;
}

sqlite3_stmt *store_stmt(struct store *s, const char *sql)
{
	struct stmt_slot *slot = stmt_slot(s->slots, s->nslots, sql);
	if (slot->sql == sql) {
		sqlite3_reset(slot->st);
		sqlite3_clear_bindings(slot->st);
		return slot->st;
	}
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);
	if (rc != SQLITE_OK) {
		note_failure(rc);
		log_error("prepare failed: %s", sqlite3_errmsg(s->db));
		return NULL;
	}
	if (2 * (s->nused + 1) > s->nslots) {
		stmt_grow(s);
		slot = stmt_slot(s->slots, s->nslots, sql);
	}
	slot->sql = sql;
	slot->st = st;
	s->nused++;
	return st;
}

int store_step(sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	note_failure(rc);
	const char *sql = sqlite3_sql(st);
	log_error("step failed: %s (%d) in \"%.60s\"", sqlite3_errmsg(sqlite3_db_handle(st)), rc,
		  sql ? sql : "?");
	return -1;
}

int store_one_int64(sqlite3_stmt *st, int64_t *out)
{
	int k = store_step(st);
	if (k > 0)
		*out = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return k > 0 ? ST_OK : k == 0 ? ST_NOTFOUND : ST_ERR;
}

int store_cache_size_get(struct store *s, int64_t *setting)
{
	sqlite3_stmt *st = store_stmt(s, "PRAGMA cache_size");
	return st && store_one_int64(st, setting) == ST_OK ? ST_OK : ST_ERR;
}

int store_cache_size_set(struct store *s, int64_t setting)
{
	char sql[64];
	snprintf(sql, sizeof(sql), "PRAGMA cache_size = %lld", (long long)setting);
	return store_exec(s, sql);
}

int store_one_text(arena *a, sqlite3_stmt *st, const char **out)
{
	int k = store_step(st);
	if (k > 0)
		*out = store_col_str(a, st, 0);
	sqlite3_reset(st);
	return k > 0 ? ST_OK : k == 0 ? ST_NOTFOUND : ST_ERR;
}

int store_exec_stmt(struct store *s, sqlite3_stmt *st)
{
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		;
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return ST_OK;
	if ((rc & 0xFF) == SQLITE_CONSTRAINT)
		return ST_CONFLICT;
	note_failure(rc);
	log_error("statement failed: %s", sqlite3_errmsg(s->db));
	return ST_ERR;
}

int store_exec_changed(struct store *s, sqlite3_stmt *st)
{
	int rc = store_exec_stmt(s, st);
	return rc == ST_OK && sqlite3_changes(s->db) == 0 ? ST_NOTFOUND : rc;
}

int store_exec(struct store *s, const char *sql)
{
	char *msg = NULL;
	int rc = sqlite3_exec(s->db, sql, NULL, NULL, &msg);
	if (rc != SQLITE_OK) {
		note_failure(rc);
		log_error("exec failed: %s (%d) in \"%.60s\"", msg ? msg : "?", rc, sql);
		sqlite3_free(msg);
		return ST_ERR;
	}
	return ST_OK;
}

int store_begin(struct store *s)
{
	return store_exec(s, "BEGIN IMMEDIATE");
}

int store_commit(struct store *s)
{
	return store_exec(s, "COMMIT");
}

void store_rollback(struct store *s)
{
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

int store_tx_begin(struct store *s, struct store_tx *tx)
{
	*tx = (struct store_tx){ .own = sqlite3_get_autocommit(s->db) };
	tx->save = !tx->own;
	int rc;
	if (tx->own) {
		rc = store_begin(s);
	} else {
		sqlite3_stmt *st = store_stmt(s, "SAVEPOINT store_tx");
		rc = st ? store_exec_stmt(s, st) : ST_ERR;
	}
	tx->open = rc == ST_OK;
	return rc == ST_OK ? ST_OK : ST_ERR;
}

int store_tx_read(struct store *s, struct store_tx *tx)
{
	*tx = (struct store_tx){ .own = sqlite3_get_autocommit(s->db) };
	int rc = tx->own ? store_exec(s, "BEGIN") : ST_OK;
	tx->open = rc == ST_OK;
	return rc;
}

int store_tx_end(struct store *s, struct store_tx *tx, int rc)
{
	if (!tx->open)
		return rc;
	tx->open = 0;
	if (tx->save) {
		sqlite3_stmt *st;
		if (rc == ST_OK) {
			st = store_stmt(s, "RELEASE store_tx");
			if (st && store_exec_stmt(s, st) == ST_OK)
				return ST_OK;
			rc = ST_ERR;
		}
		/* gone when SQLite has rolled back the whole transaction itself */
		if (sqlite3_get_autocommit(s->db))
			return rc;
		st = store_stmt(s, "ROLLBACK TO store_tx");
		if (!st || store_exec_stmt(s, st) != ST_OK)
			return ST_ERR;
		st = store_stmt(s, "RELEASE store_tx");
		return st && store_exec_stmt(s, st) == ST_OK ? rc : ST_ERR;
	}
	if (!tx->own)
		return rc; /* a read joined the caller's transaction */
	if (rc == ST_OK && store_commit(s) == ST_OK)
		return ST_OK;
	if (!sqlite3_get_autocommit(s->db) && sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL) != SQLITE_OK)
		return ST_ERR;
	return rc == ST_OK ? ST_ERR : rc;
}

const char *store_col_text(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return t ? (const char *)t : "";
}

const char *store_col_str(arena *a, sqlite3_stmt *st, int i)
{
	return arena_strdup(a, store_col_text(st, i));
}

const char *store_col_opt(arena *a, sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? NULL : store_col_str(a, st, i);
}

int store_col_int(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? -1 : sqlite3_column_int(st, i);
}

void store_bind_str(sqlite3_stmt *st, int i, const char *v)
{
	sqlite3_bind_text(st, i, v ? v : "", -1, SQLITE_TRANSIENT);
}

void store_bind_opt(sqlite3_stmt *st, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

void store_bind_int_opt(sqlite3_stmt *st, int i, int v)
{
	if (v >= 0)
		sqlite3_bind_int(st, i, v);
	else
		sqlite3_bind_null(st, i);
}

static int migration_version(const char *name)
{
	return atoi(name);
}

int store_schema_latest(void)
{
	int v = 0;
	for (size_t i = 0; i < embed_sql_count; i++) {
		int m = migration_version(embed_sql[i].name);
		if (m > v)
			v = m;
	}
	return v;
}

int store_schema_version(struct store *s)
{
	sqlite3_stmt *st;
	int v = 0;
	if (sqlite3_prepare_v2(s->db,
			       "SELECT coalesce(max(version), 0) FROM schema_version", -1, &st,
			       NULL) != SQLITE_OK)
		return 0; /* no table yet: an empty database */
	int k = store_step(st);
	if (k > 0)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return k < 0 ? -1 : v;
}

/* Is migration v recorded? (Each one is checked, not just the highest, so
 * a migration that arrived with a lower number than one already applied
 * is still applied.) 1 yes, 0 no, -1 the table cannot be read. */
static int migration_applied(struct store *s, int v)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT 1 FROM schema_version WHERE version = ?", -1, &st, NULL) !=
	    SQLITE_OK)
		return -1;
	sqlite3_bind_int(st, 1, v);
	int found = store_step(st);
	sqlite3_finalize(st);
	return found;
}

int store_migrate(struct store *s, char *err, size_t errlen)
{
	if (store_exec(s, "CREATE TABLE IF NOT EXISTS schema_version ("
			  " version INTEGER PRIMARY KEY,"
			  " name TEXT NOT NULL,"
			  " applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')))") != ST_OK) {
		snprintf(err, errlen, "cannot create schema_version: %s", sqlite3_errmsg(s->db));
		return ST_ERR;
	}
	int have = store_schema_version(s), latest = store_schema_latest();
	if (have < 0) {
		snprintf(err, errlen, "cannot read schema_version: %s", sqlite3_errmsg(s->db));
		return ST_ERR;
	}
	if (have > latest) {
		snprintf(err, errlen,
			 "the database has schema version %d, but this lotse knows only up to %d; "
			 "use a newer lotse",
			 have, latest);
		return ST_ERR;
	}
	for (size_t i = 0; i < embed_sql_count; i++) {
		const struct embed_file *m = &embed_sql[i];
		int v = migration_version(m->name);
		int applied = migration_applied(s, v);
		if (applied < 0) {
			snprintf(err, errlen, "cannot read schema_version: %s", sqlite3_errmsg(s->db));
			return ST_ERR;
		}
		if (applied)
			continue;
		char *msg = NULL;
		if (store_begin(s) != ST_OK ||
		    sqlite3_exec(s->db, m->data, NULL, NULL, &msg) != SQLITE_OK) {
			snprintf(err, errlen, "migration %s failed: %s", m->name,
				 msg ? msg : sqlite3_errmsg(s->db));
			sqlite3_free(msg);
			store_rollback(s);
			return ST_ERR;
		}
		sqlite3_stmt *st = NULL;
		int rc = sqlite3_prepare_v2(s->db,
					    "INSERT INTO schema_version(version, name) VALUES (?, ?)",
					    -1, &st, NULL);
		if (rc == SQLITE_OK) {
			sqlite3_bind_int(st, 1, v);
			sqlite3_bind_text(st, 2, m->name, -1, SQLITE_STATIC);
			rc = store_step(st) == 0 ? SQLITE_OK : SQLITE_ERROR;
		}
		sqlite3_finalize(st);
		if (rc != SQLITE_OK || store_commit(s) != ST_OK) {
			snprintf(err, errlen, "migration %s could not be recorded: %s", m->name,
				 sqlite3_errmsg(s->db));
			store_rollback(s);
			return ST_ERR;
		}
	}
	for (size_t i = 0; i < n_hooks; i++) {
		if (hooks[i].migrate && hooks[i].migrate(s) != ST_OK) {
			snprintf(err, errlen, "updating the data shipped with lotse failed: %s", sqlite3_errmsg(s->db));
			return ST_ERR;
		}
	}
	return ST_OK;
}

int store_health(struct store *s)
{
	return store_schema_version(s) == store_schema_latest() ? ST_OK : ST_ERR;
}

/* ---- erasure (counselling: a case erased must leave no bytes behind) ---- */

int store_secure_delete(struct store *s, int on)
{
	return store_exec(s, on ? "PRAGMA secure_delete = ON" : "PRAGMA secure_delete = OFF");
}

int store_checkpoint_truncate(struct store *s, int *complete)
{
	int log = -1, moved = -1;
	int rc = sqlite3_wal_checkpoint_v2(s->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, &log, &moved);
	*complete = rc == SQLITE_OK && log == 0;
	if (rc != SQLITE_OK && rc != SQLITE_BUSY) {
		log_error("checkpoint failed: %s (%d)", sqlite3_errmsg(s->db), rc);
		return ST_ERR;
	}
	return ST_OK;
}
