/* throttle.c — login throttling per account and client, in memory (see
 * throttle.h). One open-addressed table holds three kinds of slots: a
 * pair of account and client, a client, an account. */
#include "auth/throttle.h"
#include "core/core.h"

#include <pthread.h>
#include <string.h>

#define SLOTS 8192
#define PROBES 16

struct slot {
	uint64_t key;     /* 0: empty */
	uint64_t account; /* a pair's account key (for throttle_active) */
	int64_t last;     /* the last counted attempt */
	int64_t until;    /* no attempt before this time */
	unsigned fails;   /* counted failures since the last success */
	unsigned busy;    /* an account's attempts being checked now */
	unsigned char good;  /* a pair that has signed in */
	unsigned char noted; /* a refusal was reported since the last pass */
};

static struct {
	pthread_mutex_t lock;
	uint64_t secret;
	struct slot slots[SLOTS];
} tab = { .lock = PTHREAD_MUTEX_INITIALIZER };

static uint64_t key_of(char kind, const char *a, const char *b)
{
	uint64_t h = tab.secret ^ (uint64_t)(unsigned char)kind;
	h = h * 0x100000001b3ULL ^ core_hash(a, strlen(a));
	if (b)
		h = (h ^ (h >> 31)) * 0x9e3779b97f4a7c15ULL ^ core_hash(b, strlen(b));
	h ^= h >> 29;
	return h ? h : 1;
}

/* When a slot has nothing worth keeping any more. */
static int64_t expiry(const struct slot *s)
{
	int64_t e = s->last + AUTH_THROTTLE_FORGET;
	return s->until > e ? s->until : e;
}

/* The slot of key; NULL when absent and create is 0. Taking one over:
 * an empty one, else the one that expires first, never one being
 * checked or one of the keys in keep. */
static struct slot *find(uint64_t key, int create, int64_t now, uint64_t keep1, uint64_t keep2)
{
	struct slot *victim = NULL;
	for (size_t k = 0; k < PROBES; k++) {
		struct slot *s = &tab.slots[(key + k) % SLOTS];
		if (s->key == key)
			return s;
		if (s->busy || (s->key && (s->key == keep1 || s->key == keep2)))
			continue;
		if (!victim || (victim->key && (!s->key || expiry(s) < expiry(victim))))
			victim = s;
	}
	if (!create || !victim)
		return NULL;
	memset(victim, 0, sizeof(*victim));
	victim->key = key;
	victim->last = now;
	return victim;
}

/* Forget failures that are old or lifted. */
static void age(struct slot *s, int64_t lifted_at, int64_t now)
{
	if (now - s->last >= AUTH_THROTTLE_FORGET || (lifted_at > 0 && s->last <= lifted_at)) {
		s->fails = 0;
		s->until = 0;
		s->noted = 0;
	}
}

/* Count one failure (before the check) and set the next delay. */
static void count(struct slot *s, unsigned free, int64_t now)
{
	s->fails++;
	s->last = now;
	s->noted = 0;
	if (s->fails >= free) {
		unsigned k = s->fails - free;
		int64_t d = k >= 10 ? AUTH_THROTTLE_MAX : (int64_t)AUTH_THROTTLE_DELAY << k;
		s->until = now + (d < AUTH_THROTTLE_MAX ? d : AUTH_THROTTLE_MAX);
	}
}

static int64_t refuse(struct slot *s, int64_t wait, int *note)
{
	*note = !s->noted;
	s->noted = 1;
	return wait > 0 ? wait : 1;
}

int64_t throttle_begin(struct throttle_ticket *t, const char *account, const char *client, int64_t lifted_at,
		       int64_t now, int *note)
{
	*note = 0;
	memset(t, 0, sizeof(*t));
	pthread_mutex_lock(&tab.lock);
	if (!tab.secret)
		core_random(&tab.secret, sizeof(tab.secret));
	uint64_t pk = key_of('p', account, client), ck = key_of('c', client, NULL), ak = key_of('a', account, NULL);
	int64_t wait = 0;
	struct slot *acct = find(ak, 1, now, pk, ck);
	struct slot *pair = find(pk, 1, now, ak, ck);
	struct slot *cl = find(ck, 1, now, ak, pk);
	if (!acct || !pair || !cl) {
		/* the table is full of accounts being checked: wait a moment */
		*note = 0;
		wait = 1;
		goto out;
	}
	pair->account = ak;
	age(pair, lifted_at, now);
	age(cl, 0, now);
	age(acct, lifted_at, now);
	if (now < pair->until) {
		wait = refuse(pair, pair->until - now, note);
	} else if (!pair->good && now < cl->until) {
		wait = refuse(cl, cl->until - now, note);
	} else if (!pair->good && now < acct->until) {
		wait = refuse(acct, acct->until - now, note);
	} else if (!pair->good && acct->busy >= AUTH_ACCOUNT_PARALLEL) {
		wait = refuse(acct, 1, note);
	} else {
		count(pair, AUTH_PAIR_FREE, now);
		count(cl, AUTH_CLIENT_FREE, now);
		if (!pair->good) /* a known address does not count against the account */
			count(acct, AUTH_ACCOUNT_FREE, now);
		acct->busy++;
		t->account_counted = !pair->good;
		t->pair = pk;
		t->client = ck;
		t->account = ak;
	}
out:
	pthread_mutex_unlock(&tab.lock);
	return wait;
}

/* Take back the count of an attempt that did not fail. */
static void uncount(struct slot *s, unsigned free)
{
	if (!s || !s->fails)
		return;
	s->fails--;
	if (s->fails < free) /* the delay this attempt set */
		s->until = 0;
}

void throttle_end(const struct throttle_ticket *t, enum throttle_outcome outcome)
{
	if (!t->account)
		return;
	pthread_mutex_lock(&tab.lock);
	struct slot *acct = find(t->account, 0, 0, 0, 0);
	if (acct && acct->busy)
		acct->busy--;
	if (outcome != THROTTLE_FAILED) {
		if (t->account_counted)
			uncount(acct, AUTH_ACCOUNT_FREE);
		struct slot *pair = find(t->pair, 0, 0, 0, 0);
		uncount(find(t->client, 0, 0, 0, 0), AUTH_CLIENT_FREE);
		if (pair && outcome == THROTTLE_OK) {
			pair->fails = 0;
			pair->until = 0;
			pair->good = 1;
		} else {
			uncount(pair, AUTH_PAIR_FREE);
		}
	}
	pthread_mutex_unlock(&tab.lock);
}

int throttle_active(const char *account, int64_t lifted_at, int64_t now)
{
	int active = 0;
	pthread_mutex_lock(&tab.lock);
	if (tab.secret) {
		uint64_t ak = key_of('a', account, NULL);
		for (size_t i = 0; i < SLOTS && !active; i++) {
			const struct slot *s = &tab.slots[i];
			active = s->key && (s->account == ak || s->key == ak) && s->until > now &&
				 !(lifted_at > 0 && s->last <= lifted_at);
		}
	}
	pthread_mutex_unlock(&tab.lock);
	return active;
}

void throttle_reset(void)
{
	pthread_mutex_lock(&tab.lock);
	memset(tab.slots, 0, sizeof(tab.slots));
	pthread_mutex_unlock(&tab.lock);
}
