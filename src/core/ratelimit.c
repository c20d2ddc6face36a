/* ratelimit.c — fixed-window counters in an open-addressed table. */
#include "core/ratelimit.h"
#include "core/core.h"

#include <string.h>

static uint64_t hash(uint64_t secret, const char *s)
{
	uint64_t h = core_hash(s, strlen(s)) ^ secret;
	h ^= h >> 29;
	return h ? h : 1;
}

int ratelimit_hit(struct ratelimit *rl, const char *client, int64_t now)
{
	pthread_mutex_lock(&rl->lock);
	if (!rl->secret)
		core_random(&rl->secret, sizeof(rl->secret));
	uint64_t key = hash(rl->secret, client);
	struct ratelimit_slot *slot = NULL, *oldest = NULL;
	for (size_t k = 0; k < 16; k++) {
		struct ratelimit_slot *s = &rl->slots[(key + k) % RATELIMIT_SLOTS];
		if (s->key == key) {
			slot = s;
			break;
		}
		/* the slot to take over: the first empty one, else the oldest */
		if (!oldest || (oldest->key != 0 && (s->key == 0 || s->window_start < oldest->window_start)))
			oldest = s;
	}
	if (!slot) {
		slot = oldest;
		slot->key = key;
		slot->window_start = now;
		slot->count = 0;
	}
	if (now - slot->window_start >= rl->window) {
		slot->window_start = now;
		slot->count = 0;
	}
	int ok = slot->count < rl->limit;
	if (ok)
		slot->count++;
	pthread_mutex_unlock(&rl->lock);
	return ok;
}

int ratelimit_exceeded(struct ratelimit *rl, const char *client, int64_t now)
{
	pthread_mutex_lock(&rl->lock);
	if (!rl->secret)
		core_random(&rl->secret, sizeof(rl->secret));
	uint64_t key = hash(rl->secret, client);
	int over = 0;
	for (size_t k = 0; k < 16; k++) {
		const struct ratelimit_slot *s = &rl->slots[(key + k) % RATELIMIT_SLOTS];
		if (s->key == key) {
			over = now - s->window_start < rl->window && s->count >= rl->limit;
			break;
		}
	}
	pthread_mutex_unlock(&rl->lock);
	return over;
}

void ratelimit_reset(struct ratelimit *rl)
{
	pthread_mutex_lock(&rl->lock);
	memset(rl->slots, 0, sizeof(rl->slots));
	pthread_mutex_unlock(&rl->lock);
}
