/* store.h — the database: opening, migrations, cached statements, backup.
 *
 * One struct store is one SQLite connection; the server keeps one per
 * worker thread. Modules write their queries in their model.c with
 * store_stmt() and bound parameters only — never SQL built from input. */
#ifndef LOTSE_STORE_H
#define LOTSE_STORE_H

#include "core/arena.h"

#include <sqlite3.h>
#include <stdint.h>
#include <stddef.h>

struct store;

/* How long a connection waits for another one's write lock before a
 * statement fails with SQLITE_BUSY (store_open sets it). */
#define STORE_BUSY_TIMEOUT_MS 5000

enum store_mode {
	STORE_CREATE,   /* the file must not exist yet; it is created */
	STORE_EXISTING, /* the file must exist */
};

enum store_status {
	ST_OK = 0,
	ST_NOTFOUND,
	ST_CONFLICT,
	ST_ERR,
};

/* Open path with WAL, foreign keys and a busy timeout, and run the
 * connection hooks on it. On failure returns ST_ERR and writes a message
 * to err. The caller owns *out (store_close). */
int store_open(const char *path, enum store_mode mode, struct store **out, char *err, size_t errlen);

/* A function run on every new connection before anything else uses it,
 * e.g. to register an FTS5 tokenizer the schema needs (the text engine of
 * src/search/ adds one). Returns SQLITE_OK or an SQLite error code. */
typedef int (*store_conn_hook)(sqlite3 *db);
/* Add fn to the hooks of every later store_open (at most 8; a hook already
 * added is not added twice). Call at program start, before threads. */
void store_add_conn_hook(store_conn_hook fn);

/* A migration hook keeps data shipped with the program current in the
 * database (the search's thesaurus): run by store_migrate after the
 * migrations, on every database it brings up to date; ST_OK or ST_ERR.
 * At most 8; a hook already added is not added twice. Call at program
 * start, before threads. */
typedef int (*store_migrate_hook)(struct store *s);
void store_add_migrate_hook(store_migrate_hook fn);
void store_close(struct store *s);

/* The raw connection, for model code that steps statements. Borrowed. */
sqlite3 *store_db(struct store *s);

/* What a connection has seen of the database's changes: two reads give
 * different marks when anything was committed in between, by this
 * connection or another (PRAGMA data_version and the connection's own
 * changes). A cache of what was read keeps the mark it was read at.
 * ST_OK or ST_ERR. */
struct store_mark {
	int64_t others, own;
};
int store_change_mark(struct store *s, struct store_mark *out);
/* A cache a capability keeps on a connection (one per key, the address of
 * something of its own; at most 4 keys): NULL when none. store_cache_put
 * replaces it (freeing the old one with its free_fn) and store_close frees
 * it. A connection serves one request at a time, so what a request reads
 * from the cache stays until that request is done. */
void *store_cache_get(struct store *s, const void *key);
void store_cache_put(struct store *s, const void *key, void *p, void (*free_fn)(void *));

/* How long a statement of s waits for another connection's lock before it
 * fails with SQLITE_BUSY (store_open sets STORE_BUSY_TIMEOUT_MS). Not
 * sqlite3_busy_timeout: that would replace the store's own waiting. */
void store_busy_limit(struct store *s, int ms);

/* Checkpoints off the request threads. SQLite moves the write-ahead log
 * into the database file after a commit that finds it past 1,000 pages,
 * in the committing connection; after a big write by another process (an
 * import) that can be seconds of a request's time. store_checkpointer_start
 * starts a thread with a connection of its own to path that runs a passive
 * checkpoint (one that never waits for, nor blocks, readers and writers)
 * every interval_ms; store_no_checkpoints makes a connection leave
 * checkpoints to it. NULL when the thread or its connection cannot be
 * made (logged). store_checkpointer_stop ends the thread (NULL: nothing). */
struct store_checkpointer;
struct store_checkpointer *store_checkpointer_start(const char *path, int interval_ms);
void store_checkpointer_stop(struct store_checkpointer *c);
void store_no_checkpoints(struct store *s);

/* Apply every embedded migration newer than the database, in order, each
 * in its own transaction; then run the migration hooks. Refuses (ST_ERR
 * with a message) a database whose schema is newer than this program. */
int store_migrate(struct store *s, char *err, size_t errlen);

/* Highest migration applied (0 for an empty database; -1 when the table
 * cannot be read), and highest known to this program. */
int store_schema_version(struct store *s);
int store_schema_latest(void);

/* A prepared statement for sql, cached per connection by the address of
 * sql (pass string literals). It comes reset with bindings cleared. NULL
 * on a prepare error (logged). Borrowed: do not finalize. */
sqlite3_stmt *store_stmt(struct store *s, const char *sql);

/* Step st once and say how it went. Every read goes through this, so a
 * failed read is an error, never the end of the rows (house rule 4):
 *   1   a row is ready (read its columns),
 *   0   the statement has finished: there are no (more) rows,
 *  -1   the step failed (I/O error, corruption, interrupt, a constraint,
 *       an error raised by an expression). The SQLite error and the start
 *       of the statement's SQL are logged here, once; the caller only
 *       passes ST_ERR on, and must not report what it read so far as whole.
 * The statement is not reset. The usual loop:
 *	int k;
 *	while ((k = store_step(st)) > 0)
 *		... read a row ...
 *	sqlite3_reset(st);
 *	return k == 0 ? ST_OK : ST_ERR; */
int store_step(sqlite3_stmt *st);

/* A lookup of one value: step st (bound by the caller) once, read the
 * first column of its row into *out and reset st. ST_OK, ST_NOTFOUND when
 * there is no row (*out untouched), or ST_ERR (a failed step, logged).
 * store_one_text copies the text (store_col_str: "" for NULL) into a. */
int store_one_int64(sqlite3_stmt *st, int64_t *out);
int store_one_text(arena *a, sqlite3_stmt *st, const char **out);
/* The connection's page cache, as PRAGMA cache_size says it (negative:
 * KiB, positive: pages): store_cache_size_get reads the setting,
 * store_cache_size_set sets one, so that a big piece of work can change
 * it and put the one before back. ST_OK or ST_ERR. */
int store_cache_size_get(struct store *s, int64_t *setting);
int store_cache_size_set(struct store *s, int64_t setting);

/* Step a statement that returns no rows (or ignores them); resets it.
 * Returns ST_OK, ST_CONFLICT (constraint) or ST_ERR (logged). */
int store_exec_stmt(struct store *s, sqlite3_stmt *st);

/* store_exec_stmt for a write meant to change a row (an UPDATE or DELETE
 * by id): ST_NOTFOUND when it changed none. */
int store_exec_changed(struct store *s, sqlite3_stmt *st);

/* Did a statement of this thread fail, since store_failure_clear(),
 * because another connection held the database (SQLITE_BUSY or
 * SQLITE_LOCKED once STORE_BUSY_TIMEOUT_MS had passed)? Such a failure
 * passes; any other does not. Counted by store_stmt, store_step,
 * store_exec_stmt and store_exec (so begin and commit too). The HTTP
 * server clears it before each request (resp_store_failed asks it). */
int store_failed_busy(void);
void store_failure_clear(void);

/* Run SQL without parameters (schema, pragmas, BEGIN/COMMIT). */
int store_exec(struct store *s, const char *sql);

/* Transactions: the one helper for a piece of work that must be written
 * whole or not at all, alone or inside a caller's transaction:
 *
 *	struct store_tx tx;
 *	int rc = store_tx_begin(s, &tx);
 *	if (rc == ST_OK)
 *		rc = ... the writes ...;
 *	rc = store_tx_end(s, &tx, rc);
 *
 * store_tx_begin opens a write transaction (BEGIN IMMEDIATE) when the
 * connection has none open (tx.own = 1), else a savepoint in the open one
 * (tx.own = 0), so a nested piece that fails is undone alone and its
 * caller decides about the rest. ST_OK, or ST_ERR (logged) with nothing
 * opened. store_tx_end closes what store_tx_begin opened, by rc: ST_OK
 * commits (or releases the savepoint) and returns ST_OK, or ST_ERR when
 * the commit failed (then it rolls back); any other rc rolls back (or
 * back to the savepoint, and releases it) and returns rc, or ST_ERR when
 * the rollback failed. When store_tx_begin failed, or tx is zeroed and
 * never begun, store_tx_end only returns rc. Ends must nest like begins.
 * store_tx_read opens a read transaction (BEGIN, deferred: one consistent
 * view over several statements) or joins the open one; end it with
 * store_tx_end too. A failed commit leaves the failure counted for
 * store_failed_busy like any other statement. */
struct store_tx {
	int open; /* 1 while begun and not ended */
	int own;  /* 1: a transaction of its own; 0: a savepoint or joined */
	int save; /* 1: a savepoint to release or roll back to */
};
int store_tx_begin(struct store *s, struct store_tx *tx);
int store_tx_read(struct store *s, struct store_tx *tx);
int store_tx_end(struct store *s, struct store_tx *tx, int rc);

/* The primitives under store_tx_*, for tests and the store itself;
 * model code uses store_tx_begin and store_tx_end. */
int store_begin(struct store *s);     /* BEGIN IMMEDIATE */
int store_commit(struct store *s);
void store_rollback(struct store *s); /* a no-op outside a transaction */

/* Quick health check: the connection answers and the schema is current. */
int store_health(struct store *s);

/* Copies (backup.c). store_backup writes a consistent copy of the
 * database to path, safe while a server writes: all pages are copied from
 * one read snapshot (writers go on and cannot make it start again) into
 * path.partial-XXXXXX in path's folder (mode 0600), which is synced,
 * checked (store_check) and then renamed to path (and the folder synced).
 * path must not exist. On failure nothing is left under either name but a
 * .partial- file of a process killed on the way. ST_OK, or ST_ERR with a
 * message in err. */
int store_backup(struct store *s, const char *path, char *err, size_t errlen);

/* Is s a whole lotse database? PRAGMA quick_check passes, it has a
 * schema_version whose migrations are this program's (number and name)
 * and none newer. ST_OK, or ST_ERR with the reason in err ("it is not a
 * lotse database ...", "it is damaged ...", "it has schema version ..."). */
int store_check(struct store *s, char *err, size_t errlen);

/* Claim the database file at path: shared (alone = 0: each server holds
 * it while it runs) or alone (alone = 1: a restore). An flock(2) on the
 * file, apart from SQLite's own locks. Returns the descriptor that holds
 * the claim (close it to give it up, and only after the last SQLite
 * connection to path in this process is closed), or -1 with a message in
 * err, e.g. when a server holds the file and a restore asks for it. */
int store_claim(const char *path, int alone, char *err, size_t errlen);

/* Replace the database at db with the copy at file: file is copied to
 * db.partial-XXXXXX, checked (store_check: a damaged, foreign or newer
 * copy is refused and db is not touched) and migrated to this program's
 * schema; then db (with any WAL) is renamed to
 * db.before-restore-YYYYMMDDTHHMMSSZ, whose name goes to aside ("" when
 * there was no db), and the copy takes db's name. db must not be in use:
 * the restore claims it alone (store_claim) and refuses while a server
 * holds it. ST_OK, or ST_ERR with a message in err (db as it was). */
int store_restore(const char *db, const char *file, char *aside, size_t asidelen, char *err, size_t errlen);

/* Bulk loading. Inside an open transaction, store_bulk_begin drops the
 * indexes made by CREATE INDEX (not those of UNIQUE or PRIMARY KEY) and
 * the triggers of the tables named in tables (NULL-terminated), keeping
 * their SQL; store_bulk_end creates them again. One CREATE INDEX over all
 * rows sorts once, which is far cheaper than keeping an index current
 * through many thousand inserts. Both are part of the transaction: a
 * rollback restores the schema (call store_bulk_free then). While the
 * triggers are gone the writer does their work itself. */
struct store_bulk {
	char **sql;
	size_t n;
};
int store_bulk_begin(struct store *s, const char *const *tables, struct store_bulk *b);
int store_bulk_end(struct store *s, struct store_bulk *b); /* frees b */
void store_bulk_free(struct store_bulk *b);

/* Staging: a long piece of work writes its new rows without holding the
 * database's write lock for more than a moment, and they stay only when
 * all of them were written.
 *
 * store_stage_begin creates, for each table named in tables
 * (NULL-terminated; each with a unique column id), an empty private copy
 * for this connection (a TEMP table of the same definition) that shadows
 * the table on this connection only: the work's INSERTs go there, and its
 * reads of those tables see only the staged rows (read what is needed of
 * them first). Call it inside a read transaction (store_tx_read): writing
 * into the copies takes no lock on the database, other connections write
 * on, and a rollback undoes the copies too. Commit that transaction, then
 * store_stage_publish moves the staged rows into the tables, table by
 * table in the order given (parents first), in chunks of about a tenth of
 * a second each with a pause between them, so that other connections'
 * writes wait at most about that long. A journal (the table
 * store_publish) names every row moved; emptying it at the end is the
 * moment of publication. When a chunk fails (a key that clashes with a
 * stored row, a trigger's refusal) the rows moved so far are taken out
 * again and ST_ERR returned; when the process dies on the way, the next
 * publication or store_stage_recover takes them out. Readers may see a
 * publication's rows while it is under way. One publication at a time per
 * database (a lock file "DB-publish" beside it). The tables' triggers run
 * for every row moved. ST_OK or ST_ERR (logged). store_stage_end drops
 * the copies (after the publication, after a failure, or to give up). */
int store_stage_begin(struct store *s, const char *const *tables);
/* Keep staged rows in a temporary file (on = 1; for many rows: the OS
 * keeps what fits in memory) or in memory (0, as store_open sets it).
 * Outside a transaction, and not while rows are staged: it drops every
 * TEMP table of the connection. ST_OK or ST_ERR. */
int store_stage_on_disk(struct store *s, int on);
int store_stage_publish(struct store *s, const char *const *tables);
void store_stage_end(struct store *s, const char *const *tables);
/* Long writing in short transactions: store_chunked calls
 * step(s, ctx, n, &done) in write transactions of their own (store_tx_begin),
 * each asked to do n units of the work (offers, rows: the caller's
 * measure) and to set done when nothing is left. n starts at c->first
 * and is resized after each transaction so that one takes about a tenth
 * of a second (shrunk at once, grown at most twofold a step), between
 * c->min and c->max; after each one of its own (not
 * a savepoint in a caller's transaction; the last one too, so that two
 * calls in a row leave the same room) store_chunked pauses for 20 ms,
 * so that other connections' writers, which nap 5 ms at most while they
 * wait, get the lock between two of them. Stops at the first step that
 * does not return ST_OK (its transaction rolled back) and returns its
 * status; the transactions before it stay. c->chunks and c->longest_us
 * count what it did. */
struct store_chunks {
	int64_t first, min, max; /* units per transaction: the first, the bounds */
	long chunks;             /* out: transactions */
	int64_t longest_us;      /* out: the longest of them */
};
int store_chunked(struct store *s, struct store_chunks *c,
		  int (*step)(struct store *s, void *ctx, int64_t n, int *done), void *ctx);
/* store_chunked's measure, for a loop of transactions of its own (the
 * search indexer): the units for the next transaction after one of n
 * units took took_us (waiting for the lock included), so that one takes
 * about a tenth of a second: shrunk at once, grown at most twofold,
 * between min and max. */
int64_t store_chunk_size(int64_t n, int64_t took_us, int64_t min, int64_t max);
/* Take out the rows of a publication that died on the way, unless one is
 * under way (for `lotse serve` at its start and `lotse maintenance`).
 * ST_OK or ST_ERR (logged). */
int store_stage_recover(struct store *s);

/* Column readers, the one set for every model:
 *   store_col_text  the text, or "" for NULL; borrowed until the next step
 *                   or reset;
 *   store_col_str   the same, copied into a;
 *   store_col_opt   a copy in a, or NULL for SQL NULL (an optional value);
 *   store_col_int   the integer, or -1 for NULL (an optional number that
 *                   is never negative: an age, a year). */
const char *store_col_text(sqlite3_stmt *st, int i);
const char *store_col_str(arena *a, sqlite3_stmt *st, int i);
const char *store_col_opt(arena *a, sqlite3_stmt *st, int i);
int store_col_int(sqlite3_stmt *st, int i);

/* The binders that mirror them (parameter i from 1; the value is copied):
 *   store_bind_str      v, or "" for NULL;
 *   store_bind_opt      v, or SQL NULL for NULL;
 *   store_bind_int_opt  v, or SQL NULL for a negative v (-1: not stated). */
void store_bind_str(sqlite3_stmt *st, int i, const char *v);
void store_bind_opt(sqlite3_stmt *st, int i, const char *v);
void store_bind_int_opt(sqlite3_stmt *st, int i, int v);

/* Erasure (the counselling's cases). store_secure_delete(s, 1) makes s
 * overwrite what its deletes free with zeros (PRAGMA secure_delete), until
 * store_secure_delete(s, 0); ST_OK or ST_ERR. store_checkpoint_truncate
 * moves the write-ahead log into the database and truncates it to zero
 * bytes, so that no old page is left in it; *complete is 0 when a reader
 * of another connection held it back (the log is then truncated at a
 * later checkpoint). Outside a transaction. ST_OK or ST_ERR. */
int store_secure_delete(struct store *s, int on);
int store_checkpoint_truncate(struct store *s, int *complete);

#endif
