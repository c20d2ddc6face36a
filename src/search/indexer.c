/* indexer.c — one background thread per index of a running server that
 * keeps the index current: it indexes the documents recorded as changed,
 * in batches of a transaction each, and then builds the in-memory
 * snapshot, which it publishes whole (search_snap_acquire swaps it in at
 * once). Request threads neither index nor build while it runs: they
 * search the last published snapshot, and after a change wait a moment
 * for the next one (search_indexer_wait). */
#include "search/search_internal.h"
#include "core/core.h"
#include "core/log.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <time.h>

#define POLL_MS 250    /* a look for changes made by other processes */
#define BATCH 2000     /* documents a transaction */
#define GAP_MS 20      /* between batches, for other writers */

struct search_indexer {
	const struct search_index *ix;
	struct store *s;
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t kick, done;
	int stop, kicked;
	uint64_t rounds;  /* completed rounds (index + publish) */
	int64_t busy_since; /* monotonic µs a round started; 0 while idle */
};

/* The running indexers, by index (at most a few, as in sql.c). */
#define MAX_RUNNING 8
static struct search_indexer *_Atomic running[MAX_RUNNING];

static _Thread_local int on_indexer; /* this thread is an indexer */

int search_indexer_on_this_thread(void)
{
	return on_indexer;
}

static struct search_indexer *running_for(const struct search_index *ix)
{
	for (size_t i = 0; i < MAX_RUNNING; i++) {
		struct search_indexer *r = atomic_load(&running[i]);
		if (r && r->ix == ix)
			return r;
	}
	return NULL;
}

int search_indexer_running(const struct search_index *ix)
{
	return running_for(ix) != NULL;
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

/* One round: every changed document, then a snapshot of the result. */
static void round_once(struct search_indexer *x)
{
	size_t n;
	do {
		n = 0;
		if (search_refresh(x->s, x->ix, BATCH, &n) != ST_OK)
			break;
		if (n == BATCH) {
			struct timespec gap = { 0, GAP_MS * 1000000L };
			nanosleep(&gap, NULL);
		}
	} while (n == BATCH);
	search_snap_release(search_snap_acquire(x->s, x->ix));
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

struct search_indexer *search_indexer_start(const char *db_path, const struct search_index *ix)
{
	struct search_indexer *x = xcalloc(1, sizeof(*x));
	char err[400];
	if (store_open(db_path, STORE_EXISTING, &x->s, err, sizeof(err)) != ST_OK) {
		log_error("search indexer: %s", err);
		free(x);
		return NULL;
	}
	x->ix = ix;
	pthread_mutex_init(&x->mu, NULL);
	pthread_cond_init(&x->kick, NULL);
	pthread_cond_init(&x->done, NULL);
	/* the first snapshot before the first request */
	round_once(x);
	x->rounds = 1;
	size_t slot = MAX_RUNNING;
	for (size_t i = 0; i < MAX_RUNNING && slot == MAX_RUNNING; i++)
		if (!atomic_load(&running[i]))
			slot = i;
	if (slot == MAX_RUNNING || pthread_create(&x->thread, NULL, indexer_main, x) != 0) {
		log_error("search indexer: cannot start a thread");
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
	store_close(x->s);
	free(x);
}

void search_indexer_wait(const struct search_index *ix, int ms)
{
	struct search_indexer *x = running_for(ix);
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
	x->kicked = 1;
	pthread_cond_signal(&x->kick);
	struct timespec until;
	deadline(&until, ms);
	while (!x->stop && x->rounds < want)
		if (pthread_cond_timedwait(&x->done, &x->mu, &until) != 0)
			break;
	pthread_mutex_unlock(&x->mu);
}
