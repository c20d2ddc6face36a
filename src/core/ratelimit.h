/* ratelimit.h — a per-client counter over a fixed time window, in memory.
 *
 * Clients are told apart by a keyed hash of their address; the address
 * itself is not kept. A table that is full forgets its oldest windows. */
#ifndef LOTSE_RATELIMIT_H
#define LOTSE_RATELIMIT_H

#include <pthread.h>
#include <stdint.h>

#define RATELIMIT_SLOTS 4096

struct ratelimit_slot {
	uint64_t key;
	int64_t window_start;
	unsigned count;
};

struct ratelimit {
	unsigned limit;      /* events allowed per window */
	int64_t window;      /* seconds */
	pthread_mutex_t lock;
	uint64_t secret;     /* hash key, random per process */
	struct ratelimit_slot slots[RATELIMIT_SLOTS];
};

#define RATELIMIT_INIT(limit_, window_) \
	{ .limit = (limit_), .window = (window_), .lock = PTHREAD_MUTEX_INITIALIZER }

/* Count one event for client at time now. Returns 1 when it is within
 * the limit, 0 when the client has used up its window. */
int ratelimit_hit(struct ratelimit *rl, const char *client, int64_t now);

/* Has client used up its window at now? Counts nothing. */
int ratelimit_exceeded(struct ratelimit *rl, const char *client, int64_t now);

/* Forget everything (tests). */
void ratelimit_reset(struct ratelimit *rl);

#endif
