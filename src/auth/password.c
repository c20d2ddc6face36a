/* password.c — argon2id password hashes, random passwords and tokens. */
#include "auth/auth.h"
#include "core/core.h"

#include <pthread.h>
#include <sodium.h>
#include <string.h>

static char dummy_hash[crypto_pwhash_STRBYTES];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void make_dummy(void)
{
	if (sodium_init() < 0)
		core_oom(); /* cannot happen after the library loaded; nothing sane to do */
	char pw[32];
	auth_random_password(pw, sizeof(pw), 24);
	if (auth_hash_password(pw, dummy_hash) != 0)
		core_oom();
}

int auth_hash_password(const char *password, char out[128])
{
	_Static_assert(crypto_pwhash_STRBYTES <= 128, "hash buffer");
	if (sodium_init() < 0)
		return -1;
	return crypto_pwhash_str(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
				 crypto_pwhash_MEMLIMIT_INTERACTIVE) == 0 ? 0 : -1;
}

/* At most AUTH_HASH_SLOTS password checks run at once, so that a flood
 * of sign-ins leaves the other worker threads to the public pages. */
static pthread_mutex_t slots_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t slots_free = PTHREAD_COND_INITIALIZER;
static unsigned slots_used;

static int slot_take(int wait)
{
	pthread_mutex_lock(&slots_lock);
	while (wait && slots_used >= AUTH_HASH_SLOTS)
		pthread_cond_wait(&slots_free, &slots_lock);
	int got = slots_used < AUTH_HASH_SLOTS;
	if (got)
		slots_used++;
	pthread_mutex_unlock(&slots_lock);
	return got;
}

static void slot_give(void)
{
	pthread_mutex_lock(&slots_lock);
	slots_used--;
	pthread_cond_signal(&slots_free);
	pthread_mutex_unlock(&slots_lock);
}

static int verify(const char *hash, const char *password)
{
	pthread_once(&dummy_once, make_dummy);
	if (!hash || !*hash) {
		/* Unknown user: spend the same time, then fail. */
		int same_time = crypto_pwhash_str_verify(dummy_hash, password, strlen(password));
		(void)same_time;
		return 0;
	}
	return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

int auth_verify_password(const char *hash, const char *password)
{
	slot_take(1);
	int ok = verify(hash, password);
	slot_give();
	return ok;
}

int auth_verify_password_try(const char *hash, const char *password)
{
	pthread_once(&dummy_once, make_dummy); /* not inside the first sign-in's slot */
	if (!slot_take(0))
		return -1;
	int ok = verify(hash, password);
	slot_give();
	return ok;
}

void auth_random_password(char *out, size_t size, size_t n)
{
	/* no 0/O, 1/l/I: read aloud and typed from a terminal */
	static const char alphabet[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
	if (n >= size)
		n = size - 1;
	for (size_t i = 0; i < n; i++)
		out[i] = alphabet[randombytes_uniform(sizeof(alphabet) - 1)];
	out[n] = '\0';
}

void auth_token(char out[44])
{
	unsigned char raw[32];
	core_random(raw, sizeof(raw));
	sodium_bin2base64(out, 44, raw, sizeof(raw), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}
