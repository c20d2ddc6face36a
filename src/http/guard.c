/* guard.c — the connections' guard: a per-address connection limit and a
 * deadline for each request's head, kept by a watchdog thread. */
#include "http/guard.h"
#include "core/core.h"
#include "core/log.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

/* How often the watchdog looks, at most (a short deadline looks more often). */
#define TICK_MS 250
/* At most one log line about refused and cut connections this often. */
#define LOG_EVERY_US (10 * 1000000LL)

struct http_guard {
	unsigned per_address;
	int64_t head_us;
	struct http_addr *exempt;
	size_t nexempt;
	pthread_mutex_t lock;     /* the list, the counters, stop */
	pthread_cond_t wake;
	struct http_guard_conn *head;
	int stop;
	unsigned long refused, cut; /* since the last log line */
	pthread_t thread;
};

/* Shut the socket: libmicrohttpd then reads its end and closes the
 * connection in its own thread. The fd stays valid until then, because
 * libmicrohttpd tells the guard (http_guard_close, under the lock) before
 * it closes the socket. */
static void cut_locked(struct http_guard_conn *gc)
{
	atomic_store(&gc->cut, 1);
	shutdown(gc->fd, SHUT_RDWR);
}

static void *watchdog(void *arg)
{
	struct http_guard *g = arg;
	int64_t last_log = core_mono_us();
	int64_t tick_us = g->head_us / 4;
	if (tick_us > TICK_MS * 1000LL)
		tick_us = TICK_MS * 1000LL;
	if (tick_us < 10000)
		tick_us = 10000;
	pthread_mutex_lock(&g->lock);
	while (!g->stop) {
		struct timespec until;
		clock_gettime(CLOCK_MONOTONIC, &until);
		until.tv_nsec += (long)(tick_us * 1000);
		until.tv_sec += until.tv_nsec / 1000000000L;
		until.tv_nsec %= 1000000000L;
		int rc = pthread_cond_timedwait(&g->wake, &g->lock, &until);
		if (g->stop)
			break;
		if (rc != 0 && rc != ETIMEDOUT)
			continue;
		int64_t now = core_mono_us();
		for (struct http_guard_conn *gc = g->head; gc; gc = gc->next) {
			int64_t since = atomic_load(&gc->head_since);
			if (since && now - since > g->head_us && !atomic_load(&gc->cut)) {
				cut_locked(gc);
				g->cut++;
			}
		}
		if ((g->refused || g->cut) && now - last_log >= LOG_EVERY_US) {
			log_info("http: refused %lu connection(s) over %u per address; closed %lu "
				 "whose request head took over %lld s",
				 g->refused, g->per_address, g->cut, (long long)(g->head_us / 1000000));
			g->refused = g->cut = 0;
			last_log = now;
		}
	}
	pthread_mutex_unlock(&g->lock);
	return NULL;
}

struct http_guard *http_guard_new(unsigned per_address, unsigned head_timeout_s,
				  const struct http_addr *exempt, size_t nexempt)
{
	struct http_guard *g = xcalloc(1, sizeof(*g));
	g->per_address = per_address ? per_address : HTTP_GUARD_PER_ADDRESS;
	g->head_us = (int64_t)(head_timeout_s ? head_timeout_s : HTTP_GUARD_HEAD_TIMEOUT) * 1000000;
	if (nexempt) {
		g->exempt = xcalloc(nexempt, sizeof(*exempt));
		memcpy(g->exempt, exempt, nexempt * sizeof(*exempt));
		g->nexempt = nexempt;
	}
	pthread_condattr_t ca;
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_mutex_init(&g->lock, NULL);
	pthread_cond_init(&g->wake, &ca);
	pthread_condattr_destroy(&ca);
	if (pthread_create(&g->thread, NULL, watchdog, g) != 0) {
		log_error("cannot start the connection watchdog");
		pthread_cond_destroy(&g->wake);
		pthread_mutex_destroy(&g->lock);
		free(g->exempt);
		free(g);
		return NULL;
	}
	return g;
}

void http_guard_free(struct http_guard *g)
{
	if (!g)
		return;
	pthread_mutex_lock(&g->lock);
	g->stop = 1;
	pthread_cond_signal(&g->wake);
	pthread_mutex_unlock(&g->lock);
	pthread_join(g->thread, NULL);
	pthread_cond_destroy(&g->wake);
	pthread_mutex_destroy(&g->lock);
	free(g->exempt);
	free(g);
}

int http_guard_open(struct http_guard *g, struct http_guard_conn *gc, const struct http_addr *addr,
		    int fd)
{
	gc->addr = *addr;
	gc->fd = fd;
	atomic_store(&gc->head_since, core_mono_us());
	int exempt = http_addr_in(addr, g->exempt, g->nexempt);
	pthread_mutex_lock(&g->lock);
	unsigned n = 0;
	if (!exempt)
		for (struct http_guard_conn *o = g->head; o && n < g->per_address; o = o->next)
			n += http_addr_equal(&o->addr, addr);
	if (n >= g->per_address) {
		cut_locked(gc);
		g->refused++;
		pthread_mutex_unlock(&g->lock);
		return -1;
	}
	gc->prev = NULL;
	gc->next = g->head;
	if (g->head)
		g->head->prev = gc;
	g->head = gc;
	gc->linked = 1;
	pthread_mutex_unlock(&g->lock);
	return 0;
}

void http_guard_close(struct http_guard *g, struct http_guard_conn *gc)
{
	pthread_mutex_lock(&g->lock);
	if (gc->linked) {
		if (gc->prev)
			gc->prev->next = gc->next;
		else
			g->head = gc->next;
		if (gc->next)
			gc->next->prev = gc->prev;
		gc->linked = 0;
	}
	pthread_mutex_unlock(&g->lock);
}

int http_guard_head_done(struct http_guard_conn *gc)
{
	atomic_store(&gc->head_since, 0);
	return atomic_load(&gc->cut) ? -1 : 0;
}

void http_guard_head_wait(struct http_guard_conn *gc)
{
	atomic_store(&gc->head_since, core_mono_us());
}
