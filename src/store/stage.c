/* stage.c — long pieces of writing that keep the write lock short: bulk
 * loading (indexes made once after the rows) and staging (rows written
 * into private copies, then moved in small transactions). See store.h. */
#include "store/store.h"
#include "store/lockfile.h"
#include "core/core.h"
#include "core/log.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

/* ---- bulk loading ---- */

int store_bulk_begin(struct store *s, const char *const *tables, struct store_bulk *b)
{
	memset(b, 0, sizeof(*b));
	sqlite3_stmt *st = store_stmt(s, "SELECT sql, 'DROP ' || upper(type) || ' \"' || replace(name, '\"', '\"\"') "
					 "|| '\"' FROM sqlite_schema WHERE tbl_name = ? AND type IN ('index', 'trigger') "
					 "AND sql IS NOT NULL ORDER BY type, name");
	if (!st)
		return ST_ERR;
	/* first what to drop and make again (no DROP while this reads the schema) */
	char **drop = NULL;
	size_t cap = 0;
	int k = 0;
	for (const char *const *t = tables; *t && k >= 0; t++) {
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, *t, -1, SQLITE_STATIC);
		while ((k = store_step(st)) > 0) {
			size_t cap_drop = cap;
			b->sql = xgrow(b->sql, b->n, &cap, sizeof(*b->sql), 32);
			drop = xgrow(drop, b->n, &cap_drop, sizeof(*drop), 32);
			b->sql[b->n] = xstrdup(store_col_text(st, 0));
			drop[b->n++] = xstrdup(store_col_text(st, 1));
		}
	}
	sqlite3_reset(st);
	int rc = k < 0 ? ST_ERR : ST_OK;
	for (size_t i = 0; i < b->n && rc == ST_OK; i++)
		rc = store_exec(s, drop[i]);
	for (size_t i = 0; i < b->n; i++)
		free(drop[i]);
	free(drop);
	return rc;
}

int store_bulk_end(struct store *s, struct store_bulk *b)
{
	/* a helper thread may sort while this one reads the table */
	int rc = store_exec(s, "PRAGMA threads = 1");
	for (size_t i = 0; i < b->n && rc == ST_OK; i++)
		rc = store_exec(s, b->sql[i]);
	store_exec(s, "PRAGMA threads = 0");
	store_bulk_free(b);
	return rc;
}

void store_bulk_free(struct store_bulk *b)
{
	for (size_t i = 0; i < b->n; i++)
		free(b->sql[i]);
	free(b->sql);
	memset(b, 0, sizeof(*b));
}

/* ---- staging ---- */

/* "CREATE TABLE x (...)" of the stored table name, as "CREATE TEMP TABLE
 * x (...)" (malloc'd), or NULL. The copy always has a rowid (a table
 * WITHOUT ROWID gets one): it numbers the staged rows in the order they
 * came, which is how they are moved. */
static char *temp_copy_sql(struct store *s, const char *name)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT sql FROM main.sqlite_schema WHERE type = 'table' AND name = ?");
	if (!st)
		return NULL;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	char *out = NULL;
	int k = store_step(st);
	static const char head[] = "CREATE TABLE ", temp[] = "CREATE TEMP TABLE ", norowid[] = "WITHOUT ROWID";
	if (k > 0 && strncmp(store_col_text(st, 0), head, sizeof(head) - 1) == 0) {
		const char *rest = store_col_text(st, 0) + sizeof(head) - 1;
		size_t n = strlen(rest);
		if (n >= sizeof(norowid) - 1 && strcasecmp(rest + n - (sizeof(norowid) - 1), norowid) == 0)
			n -= sizeof(norowid) - 1;
		out = xmalloc(sizeof(temp) + n);
		memcpy(out, temp, sizeof(temp) - 1);
		memcpy(out + sizeof(temp) - 1, rest, n);
		out[sizeof(temp) - 1 + n] = '\0';
	}
	sqlite3_reset(st);
	return out;
}

int store_stage_on_disk(struct store *s, int on)
{
	/* a page cache of 64 MB for the temporary database: the staged
	 * tables grow mostly at their ends */
	return store_exec(s, on ? "PRAGMA temp_store = FILE; PRAGMA temp.cache_size = -65536"
				: "PRAGMA temp_store = MEMORY");
}

int store_stage_begin(struct store *s, const char *const *tables)
{
	int rc = ST_OK;
	for (const char *const *t = tables; *t && rc == ST_OK; t++) {
		char *sql = temp_copy_sql(s, *t);
		rc = sql ? store_exec(s, sql) : ST_ERR;
		free(sql);
	}
	return rc;
}

void store_stage_end(struct store *s, const char *const *tables)
{
	for (const char *const *t = tables; *t; t++) {
		char *sql = sqlite3_mprintf("DROP TABLE IF EXISTS temp.\"%w\"", *t);
		if (sql)
			store_exec(s, sql);
		sqlite3_free(sql);
	}
}

/* ---- long writing in short transactions ---- */

#define CHUNK_TARGET_US 100000 /* one transaction: ~0.1 s */
#define CHUNK_GAP_US 20000     /* between two: room for other writers */

int64_t store_chunk_size(int64_t n, int64_t took_us, int64_t min, int64_t max)
{
	/* shrunk at once, grown at most twofold: one quick transaction may be
	 * luck, and one too big holds every other writer up */
	int64_t next = n * CHUNK_TARGET_US / (took_us > 1000 ? took_us : 1000);
	next = next > 2 * n ? 2 * n : next;
	return next < min ? min : next > max ? max : next;
}

int store_chunked(struct store *s, struct store_chunks *c,
		  int (*step)(struct store *s, void *ctx, int64_t n, int *done), void *ctx)
{
	int64_t n = c->first;
	int done = 0, rc = ST_OK;
	while (rc == ST_OK && !done) {
		int64_t t0 = core_mono_us();
		struct store_tx tx;
		rc = store_tx_begin(s, &tx);
		if (rc == ST_OK)
			rc = step(s, ctx, n, &done);
		int own = tx.own;
		rc = store_tx_end(s, &tx, rc);
		int64_t took = core_mono_us() - t0;
		c->chunks++;
		if (took > c->longest_us)
			c->longest_us = took;
		n = store_chunk_size(n, took, c->min, c->max);
		if (rc == ST_OK && own) {
			struct timespec gap = { 0, CHUNK_GAP_US * 1000L };
			nanosleep(&gap, NULL);
		}
	}
	return rc;
}

/* ---- publication: small transactions, a journal, one lock ---- */

#define CHUNK_FIRST 100 /* rows in a table's first chunk: small, for a busy machine */
#define CHUNK_MIN 100
#define CHUNK_MAX 100000

/* One publication at a time per database, across processes: an exclusive
 * flock on the file "DB-publish" beside it (made 0600), let go by the
 * kernel when its holder dies. So a journal found by the holder is the
 * leftover of a publication that died. *fd is -1 for a database without a
 * file (nothing else can open it). wait: 1 to wait for the lock, 0 to give
 * up at once (then ST_CONFLICT when another holds it). ST_OK or ST_ERR. */
static int publish_lock(struct store *s, int wait, int *fd)
{
	*fd = -1;
	const char *db = sqlite3_db_filename(store_db(s), "main");
	if (!db || !*db)
		return ST_OK;
	char *path = sqlite3_mprintf("%s-publish", db);
	if (!path)
		return ST_ERR;
	*fd = store_lock_file(path, 1, wait ? LOCK_EX : LOCK_EX | LOCK_NB);
	int busy = *fd < 0 && errno == EWOULDBLOCK;
	if (*fd < 0 && !busy)
		log_error("cannot open and lock %s: %s", path, strerror(errno));
	sqlite3_free(path);
	if (*fd < 0)
		return busy ? ST_CONFLICT : ST_ERR;
	return ST_OK;
}

static void publish_unlock(int fd)
{
	if (fd >= 0)
		close(fd); /* lets the flock go */
}

/* Take out again what the journal names, last table first, and empty the
 * journal: one transaction. Only while holding the publication lock. */
static int undo(struct store *s)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT tbl FROM store_publish GROUP BY tbl ORDER BY min(rowid) DESC");
	if (!st)
		return ST_ERR;
	char **names = NULL;
	size_t n = 0, cap = 0;
	int k;
	while ((k = store_step(st)) > 0) {
		names = xgrow(names, n, &cap, sizeof(*names), 16);
		names[n++] = xstrdup(store_col_text(st, 0));
	}
	sqlite3_reset(st);
	int rc = k < 0 ? ST_ERR : ST_OK;
	if (rc == ST_OK && n > 0) {
		struct store_tx tx;
		rc = store_tx_begin(s, &tx);
		for (size_t i = 0; i < n && rc == ST_OK; i++) {
			char *sql = sqlite3_mprintf("DELETE FROM main.\"%w\" WHERE id IN "
						    "(SELECT id FROM store_publish WHERE tbl = %Q)",
						    names[i], names[i]);
			rc = sql ? store_exec(s, sql) : ST_ERR;
			sqlite3_free(sql);
		}
		if (rc == ST_OK)
			rc = store_exec(s, "DELETE FROM store_publish");
		rc = store_tx_end(s, &tx, rc);
		if (rc == ST_OK)
			log_info("store: took out the %zu table(s) of rows an unfinished publication had moved", n);
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}

int store_stage_recover(struct store *s)
{
	int fd;
	int rc = publish_lock(s, 0, &fd);
	if (rc == ST_CONFLICT)
		return ST_OK; /* a publication is under way: its journal is alive */
	if (rc == ST_OK)
		rc = undo(s);
	publish_unlock(fd);
	return rc == ST_OK ? ST_OK : ST_ERR;
}

/* One table's publication: its staged rows (done, last] by rowid. */
struct publish_table {
	sqlite3_stmt *move, *note;
	sqlite3_int64 done, last;
};

/* The next n staged rows, and their journal rows. */
static int publish_chunk(struct store *s, void *ctx, int64_t n, int *done)
{
	struct publish_table *p = ctx;
	int rc = ST_OK;
	sqlite3_stmt *st[2] = { p->move, p->note };
	for (int i = 0; i < 2 && rc == ST_OK; i++) {
		sqlite3_reset(st[i]);
		sqlite3_bind_int64(st[i], 1, p->done);
		sqlite3_bind_int64(st[i], 2, p->done + n);
		rc = store_exec_stmt(s, st[i]);
	}
	p->done += n;
	*done = p->done >= p->last;
	return rc;
}

/* The staged rows of table t, chunk by chunk: each chunk and its journal
 * rows in a transaction of their own (store_chunked). */
static int publish_table(struct store *s, const char *t, sqlite3_int64 *rows, struct store_chunks *ch)
{
	char *count = sqlite3_mprintf("SELECT coalesce(max(rowid), 0) FROM temp.\"%w\"", t);
	char *move = sqlite3_mprintf("INSERT INTO main.\"%w\" SELECT * FROM temp.\"%w\" "
				     "WHERE rowid > ?1 AND rowid <= ?2", t, t);
	char *note = sqlite3_mprintf("INSERT INTO store_publish(tbl, id) SELECT %Q, id FROM temp.\"%w\" "
				     "WHERE rowid > ?1 AND rowid <= ?2", t, t);
	sqlite3 *db = store_db(s);
	sqlite3_stmt *st = NULL;
	struct publish_table p = { 0 };
	int rc = count && move && note && sqlite3_prepare_v2(db, count, -1, &st, NULL) == SQLITE_OK &&
			 sqlite3_prepare_v2(db, move, -1, &p.move, NULL) == SQLITE_OK &&
			 sqlite3_prepare_v2(db, note, -1, &p.note, NULL) == SQLITE_OK
		 ? ST_OK
		 : ST_ERR;
	if (rc != ST_OK)
		log_error("store: cannot publish %s: %s", t, sqlite3_errmsg(db));
	if (rc == ST_OK) {
		rc = store_step(st) > 0 ? ST_OK : ST_ERR;
		p.last = sqlite3_column_int64(st, 0);
		*rows += p.last;
		sqlite3_reset(st); /* no read transaction left open between chunks */
	}
	if (rc == ST_OK && p.last > 0) {
		ch->first = CHUNK_FIRST;
		rc = store_chunked(s, ch, publish_chunk, &p);
	}
	sqlite3_finalize(st);
	sqlite3_finalize(p.move);
	sqlite3_finalize(p.note);
	sqlite3_free(count);
	sqlite3_free(move);
	sqlite3_free(note);
	return rc;
}

int store_stage_publish(struct store *s, const char *const *tables)
{
	int fd;
	if (publish_lock(s, 1, &fd) != ST_OK)
		return ST_ERR;
	/* what a publication that died left behind goes first */
	int64_t t0 = core_mono_us();
	struct store_chunks ch = { .min = CHUNK_MIN, .max = CHUNK_MAX };
	sqlite3_int64 rows = 0;
	int rc = undo(s);
	for (const char *const *t = tables; *t && rc == ST_OK; t++)
		rc = publish_table(s, *t, &rows, &ch);
	/* the moment of publication: an empty journal */
	if (rc == ST_OK)
		rc = store_exec(s, "DELETE FROM store_publish");
	if (rc == ST_OK)
		log_info("store: published %lld rows in %.1f s, %ld transactions, the longest %.2f s", rows,
			 (double)(core_mono_us() - t0) / 1e6, ch.chunks, (double)ch.longest_us / 1e6);
	if (rc != ST_OK && undo(s) != ST_OK)
		log_error("store: an unfinished publication is left in the database; "
			  "the next one, or `lotse serve`, takes it out");
	publish_unlock(fd);
	return rc == ST_OK ? ST_OK : ST_ERR;
}
