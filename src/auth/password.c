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

int auth_verify_password(const char *hash, const char *password)
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
