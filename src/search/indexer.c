/* indexer.c — the background thread of a running server that keeps its
 * indexes current (one thread and connection for all of them): for each
 * index it indexes the documents recorded as changed,
 * in batches of a transaction each, and then publishes the next
 * in-memory snapshot whole: the previous one with the documents and
 * words it changed (snap_update.c), or, when something else changed the
 * index (another process, the synonyms), one read whole. Request threads
 * neither index nor build nor read the index's tables while it runs: they
 * search the last published snapshot; a commit on a connection of this
 * process bumps a counter (and one of another process changes the -wal
 * file), and a search after a commit the indexer has not yet looked at
 * waits a moment for it (search_indexer_wait). An idle round takes no
 * lock: it reads PRAGMA data_version on its own connection and looks for
 * waiting documents under the write lock only when that changed (another
 * connection committed) or a search may still wait for it. */
#include "search/search_internal.h"
#include "core/core.h"
#include "core/log.h"

#include <pthread.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <time.h>

#define POLL_MS 250    /* a look for changes made by other processes (no lock when none) */
/* Documents a transaction: sized by store_chunk_size to about a tenth of
 * a second each, so that other writers (a contact message, a sign-in)
 * never wait long for the lock, also on a slow or busy machine. */
#define BATCH_FIRST 200
#define BATCH_MIN 20
#define BATCH_MAX 20000
#define GAP_MS 20 /* between batches, for other writers */

/* An index the thread keeps. */
struct kept {
	const struct search_index *ix;
	char token[40];    /* the database's (search_state) */
	int64_t looked_dv; /* data_version before the last look under the write lock */
	int looked_ok;     /* that look indexed everything it found */
};

struct search_indexer {
	struct kept kept[SEARCH_INDEXER_MAX];
	size_t n_kept;
	struct store *s;
	struct snap_syns *syns;   /* the synonyms read last, for every index's snapshot */
	_Atomic uint64_t seen;    /* the commits counted when the last round began */
	char wal[4096];           /* the database's -wal file */
	_Atomic uint64_t seen_wal; /* its state when the last round began */
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t kick, done;
	int stop, kicked;
	uint64_t rounds;  /* completed rounds (index + publish) */
	int64_t busy_since; /* monotonic µs a round started; 0 while idle */
};

/* The running indexers (one a server; tests may start more). */
#define MAX_RUNNING 8
static struct search_indexer *_Atomic running[MAX_RUNNING];

static _Thread_local int on_indexer; /* this thread is an indexer */

/* Commits of write transactions on this process's connections, but the
 * indexers' own. */
static _Atomic uint64_t commits;

static int on_commit(void *ctx)
{
	(void)ctx;
	if (!on_indexer)
		atomic_fetch_add(&commits, 1);
	return 0;
}

void search_indexer_watch(sqlite3 *db)
{
	sqlite3_commit_hook(db, on_commit, NULL);
}

int search_indexer_on_this_thread(void)
{
	return on_indexer;
}

/* The running indexer that keeps ix, and ix's entry in it (into *k). */
static struct search_indexer *running_for(const struct search_index *ix, struct kept **k)
{
	for (size_t i = 0; i < MAX_RUNNING; i++) {
		struct search_indexer *r = atomic_load(&running[i]);
		for (size_t j = 0; r && j < r->n_kept; j++)
			if (r->kept[j].ix == ix) {
				if (k)
					*k = &r->kept[j];
				return r;
			}
	}
	return NULL;
}

int search_indexer_running(const struct search_index *ix)
{
	return running_for(ix, NULL) != NULL;
}

/* The state of the -wal file (its size and time of change), which every
 * commit of any process changes; 0 without it. The file is only looked
 * at, never opened: closing a descriptor of a database file would drop
 * SQLite's locks on it. */
static uint64_t wal_state(const struct search_indexer *x)
{
	struct stat st;
	if (stat(x->wal, &st) != 0)
		return 0;
	return (uint64_t)st.st_size * 1000003u ^ (uint64_t)st.st_mtim.tv_sec * 1000000000u ^
	       (uint64_t)st.st_mtim.tv_nsec;
}

int search_indexer_behind(const struct search_index *ix)
{
	struct search_indexer *x = running_for(ix, NULL);
	return x && (atomic_load(&commits) > atomic_load(&x->seen) || wal_state(x) != atomic_load(&x->seen_wal));
}

struct snap *search_indexer_snap(const struct search_index *ix)
{
	struct kept *k;
	return running_for(ix, &k) ? search_snap_cached(ix, k->token) : NULL;
}

/* The index's generation (and the token into k), or -1. */
static int64_t state_gen(struct search_indexer *x, struct kept *k)
{
	sqlite3_stmt *st = search_stmt(x->s, k->ix, Q_STATE);
	int64_t gen = -1;
	if (st && store_step(st) > 0) {
		snprintf(k->token, sizeof(k->token), "%s", store_col_text(st, 0));
		gen = sqlite3_column_int64(st, 1);
	}
	if (st)
		sqlite3_reset(st);
	return gen;
}

static void deadline(struct timespec *t, int ms)
{
	clock_gettime(CLOCK_REALTIME, t);
	t->tv_sec += ms / 1000;
	t->tv_nsec += (long)(ms % 1000) * 1000000L;
	if (t->tv_nsec >= 1000000000L) {
		t->tv_sec++;
		t->tv_nsec -= 1000000000L;
	}
}

/* Is there nothing for a round to look at? dv is the connection's
 * PRAGMA data_version, read after c0 and w0 and before any look under
 * the write lock. It changes when another connection (of any process)
 * has committed, and only after the commit is whole (the read sees
 * committed states only), so an unchanged dv after a complete look means
 * that no commit has ended since that look began: the documents waiting
 * then were all indexed, and none wait now. A commit still being written
 * does not change dv yet, and the look is not skipped when a search may
 * be waiting for such a commit: c0 and w0 (this process's commits, the
 * -wal file) then differ from what the last look counted as seen, and
 * only a look under the write lock (which waits for that writer) may
 * count them. No lock is taken here: a writer without a busy wait does
 * not fail beside an idle server. */
static int nothing_new(const struct search_indexer *x, const struct kept *k, int64_t dv, uint64_t c0,
		       uint64_t w0)
{
	return k->looked_ok && dv == k->looked_dv && c0 == atomic_load(&x->seen) && w0 == atomic_load(&x->seen_wal);
}

/* One index's part of a round: every changed document, then the next
 * snapshot: the previous one updated when the round's batches are all
 * that changed the index since, else one read whole. Nothing at all when
 * nothing changed (nothing_new). */
static void round_index(struct search_indexer *x, struct kept *k, uint64_t c0, uint64_t w0,
			const struct store_mark *mark, int dv_ok)
{
	if (dv_ok && nothing_new(x, k, mark->others, c0, w0))
		return;
	k->looked_ok = 0;
	int64_t g0 = state_gen(x, k);
	struct snap *cur = g0 >= 0 ? search_snap_cached(k->ix, k->token) : NULL;
	struct snap_delta d = { 0 };
	snap_delta_collect(&d);
	size_t n, batches = 0;
	int whole = dv_ok && g0 >= 0, full;
	int64_t limit = BATCH_FIRST;
	do {
		n = 0;
		int64_t t0 = core_mono_us();
		if (search_refresh(x->s, k->ix, (size_t)limit, &n) != ST_OK) {
			d.overflow = 1; /* a batch rolled back: what it recorded is void */
			whole = 0;
			break;
		}
		batches += n > 0;
		full = n == (size_t)limit;
		limit = store_chunk_size(limit, core_mono_us() - t0, BATCH_MIN, BATCH_MAX);
		if (full) {
			struct timespec gap = { 0, GAP_MS * 1000000L };
			nanosleep(&gap, NULL);
		}
	} while (full);
	snap_delta_collect(NULL);
	int64_t g1 = state_gen(x, k);
	if (g1 >= 0 && (!cur || cur->gen != g1)) {
		struct snap *next = NULL;
		if (cur && batches && cur->gen == g0 && g1 == g0 + (int64_t)batches)
			next = snap_update(x->s, cur, &d, g1);
		if (!next) {
			struct store_tx tx;
			if (store_tx_read(x->s, &tx) == ST_OK) {
				int64_t g = state_gen(x, k); /* as of this read */
				next = g >= 0 ? snap_build(x->s, k->ix, k->token, g, &x->syns) : NULL;
				store_tx_end(x->s, &tx, ST_OK);
			}
		}
		if (next) {
			next->refs = 1; /* the cache's */
			search_snap_publish(next);
		} else {
			whole = 0; /* the next round tries again */
		}
	}
	/* the next round may skip only after a look that missed nothing */
	k->looked_dv = mark->others;
	k->looked_ok = whole && g1 >= 0;
	search_snap_release(cur);
	snap_delta_free(&d);
}

/* One round: each index's part, then what it has seen. */
static void round_once(struct search_indexer *x)
{
	uint64_t c0 = atomic_load(&commits);
	uint64_t w0 = wal_state(x);
	struct store_mark mark = { 0, 0 };
	int dv_ok = store_change_mark(x->s, &mark) == ST_OK;
	for (size_t i = 0; i < x->n_kept; i++)
		round_index(x, &x->kept[i], c0, w0, &mark, dv_ok);
	atomic_store(&x->seen, c0);
	atomic_store(&x->seen_wal, w0);
}

static void *indexer_main(void *arg)
{
	struct search_indexer *x = arg;
	on_indexer = 1;
	pthread_mutex_lock(&x->mu);
	while (!x->stop) {
		x->busy_since = core_mono_us();
		pthread_mutex_unlock(&x->mu);
		round_once(x);
		pthread_mutex_lock(&x->mu);
		x->busy_since = 0;
		x->rounds++;
		pthread_cond_broadcast(&x->done);
		struct timespec until;
		deadline(&until, POLL_MS);
		while (!x->stop && !x->kicked)
			if (pthread_cond_timedwait(&x->kick, &x->mu, &until) != 0)
				break;
		x->kicked = 0;
	}
	pthread_mutex_unlock(&x->mu);
	return NULL;
}

struct search_indexer *search_indexer_start(const char *db_path, const struct search_index *const *ixs, size_t n)
{
	if (n == 0 || n > SEARCH_INDEXER_MAX) {
		log_error("search indexer: %zu indexes (1 to %d)", n, SEARCH_INDEXER_MAX);
		return NULL;
	}
	struct search_indexer *x = xcalloc(1, sizeof(*x));
	char err[400];
	if (store_open(db_path, STORE_EXISTING, &x->s, err, sizeof(err)) != ST_OK) {
		log_error("search indexer: %s", err);
		free(x);
		return NULL;
	}
	for (size_t i = 0; i < n; i++)
		x->kept[i].ix = ixs[i];
	x->n_kept = n;
	snprintf(x->wal, sizeof(x->wal), "%s-wal", db_path);
	pthread_mutex_init(&x->mu, NULL);
	pthread_cond_init(&x->kick, NULL);
	pthread_cond_init(&x->done, NULL);
	/* the first snapshot before the first request */
	on_indexer = 1;
	round_once(x);
	on_indexer = 0;
	x->rounds = 1;
	size_t slot = MAX_RUNNING;
	for (size_t i = 0; i < MAX_RUNNING && slot == MAX_RUNNING; i++)
		if (!atomic_load(&running[i]))
			slot = i;
	if (slot == MAX_RUNNING || pthread_create(&x->thread, NULL, indexer_main, x) != 0) {
		log_error("search indexer: cannot start a thread");
		snap_syns_unref(x->syns);
		store_close(x->s);
		free(x);
		return NULL;
	}
	atomic_store(&running[slot], x);
	return x;
}

void search_indexer_stop(struct search_indexer *x)
{
	if (!x)
		return;
	for (size_t i = 0; i < MAX_RUNNING; i++)
		if (atomic_load(&running[i]) == x)
			atomic_store(&running[i], NULL);
	pthread_mutex_lock(&x->mu);
	x->stop = 1;
	pthread_cond_signal(&x->kick);
	pthread_mutex_unlock(&x->mu);
	pthread_join(x->thread, NULL);
	pthread_cond_destroy(&x->kick);
	pthread_cond_destroy(&x->done);
	pthread_mutex_destroy(&x->mu);
	snap_syns_unref(x->syns);
	store_close(x->s);
	free(x);
}

/* Wake x for a round (x->mu held). */
static void wake(struct search_indexer *x)
{
	x->kicked = 1;
	pthread_cond_signal(&x->kick);
}

int search_indexer_kick(const struct search_index *ix)
{
	struct search_indexer *x = running_for(ix, NULL);
	if (!x)
		return 0;
	pthread_mutex_lock(&x->mu);
	wake(x);
	pthread_mutex_unlock(&x->mu);
	return 1;
}

void search_indexer_wait(const struct search_index *ix, int ms)
{
	struct search_indexer *x = running_for(ix, NULL);
	if (!x)
		return;
	pthread_mutex_lock(&x->mu);
	/* A round that starts after this call sees the change: the next one
	 * when idle, else the one after this. A long round (a large catch-up,
	 * a snapshot of many documents) is not waited for: the last snapshot
	 * answers meanwhile. */
	if (x->busy_since && core_mono_us() - x->busy_since > (int64_t)ms * 1000) {
		pthread_mutex_unlock(&x->mu);
		return;
	}
	uint64_t want = x->rounds + (x->busy_since ? 2 : 1);
	wake(x);
	struct timespec until;
	deadline(&until, ms);
	while (!x->stop && x->rounds < want)
		if (pthread_cond_timedwait(&x->done, &x->mu, &until) != 0)
			break;
	pthread_mutex_unlock(&x->mu);
}
