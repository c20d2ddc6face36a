/* crypto.c — the sealing of a case's texts: the counselling subkey of the
 * key file, per-case keys sealed with it, texts sealed with the case key
 * (libsodium's XChaCha20-Poly1305), and the random pseudonyms. */
#include "counselling/counselling_internal.h"
#include "core/core.h"
#include "core/keyfile.h"
#include "core/log.h"

#include <pthread.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

/* Letters and digits that cannot be taken for one another, read aloud or
 * handwritten: no 0/O, 1/I/L, 2/Z, 5/S, 6/G, 8/B, no Q. */
const char COUNSEL_ALPHABET[] = "ACDEFHJKMNPRTUVWXY3479";

#define SUBKEY_PURPOSE "counsel"
#define NONCE crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define TAG crypto_aead_xchacha20poly1305_ietf_ABYTES

static pthread_mutex_t key_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t sodium_once = PTHREAD_ONCE_INIT;
static unsigned char subkey[KEYFILE_BYTES];
static char subkey_db[4096]; /* the database whose key is held; "" none */

/* libsodium picks its implementations once, before any other call. */
static void sodium_start(void)
{
	if (sodium_init() < 0) {
		log_error("counselling: libsodium cannot start");
		abort();
	}
}

static void ready(void)
{
	pthread_once(&sodium_once, sodium_start);
}

int counsel_key_open(struct store *s, int create, char *err, size_t errlen)
{
	ready();
	const char *db = sqlite3_db_filename(store_db(s), "main");
	char path[4096];
	if (!db || !*db || keyfile_path(db, path, sizeof(path)) != 0) {
		snprintf(err, errlen, "the database has no path, so there is no key file for counselling");
		return ST_ERR;
	}
	pthread_mutex_lock(&key_lock);
	int rc = ST_OK;
	if (strcmp(subkey_db, db) != 0) {
		unsigned char k[KEYFILE_BYTES];
		if (keyfile_load(path, create ? KEYFILE_CREATE : KEYFILE_EXISTING, SUBKEY_PURPOSE, k, NULL, err,
				 errlen) != 0) {
			rc = ST_ERR;
		} else {
			memcpy(subkey, k, sizeof(subkey));
			snprintf(subkey_db, sizeof(subkey_db), "%s", db);
		}
		sodium_memzero(k, sizeof(k));
	}
	pthread_mutex_unlock(&key_lock);
	return rc;
}

void counsel_pseudonym_new(char out[COUNSEL_PSEUDONYM_LEN + 1])
{
	size_t n = sizeof(COUNSEL_ALPHABET) - 1;
	ready();
	out[0] = 'K';
	out[1] = '-';
	for (int i = 2; i < COUNSEL_PSEUDONYM_LEN; i++)
		out[i] = COUNSEL_ALPHABET[randombytes_uniform((uint32_t)n)];
	out[COUNSEL_PSEUDONYM_LEN] = '\0';
}

int counsel_pseudonym_valid(const char *s)
{
	if (!s || strlen(s) != COUNSEL_PSEUDONYM_LEN || s[0] != 'K' || s[1] != '-')
		return 0;
	for (int i = 2; i < COUNSEL_PSEUDONYM_LEN; i++)
		if (!strchr(COUNSEL_ALPHABET, s[i]) || s[i] == '\0')
			return 0;
	return 1;
}

/* Seal n bytes of p with key k and associated data ad into a new buffer
 * of a (nonce, ciphertext, tag). */
static unsigned char *seal(arena *a, const unsigned char *k, const char *ad, const void *p, size_t n, size_t *len)
{
	ready();
	unsigned char *out = arena_alloc(a, NONCE + n + TAG);
	randombytes_buf(out, NONCE);
	unsigned long long clen;
	crypto_aead_xchacha20poly1305_ietf_encrypt(out + NONCE, &clen, p, n, (const unsigned char *)ad, strlen(ad),
						   NULL, out, k);
	*len = NONCE + (size_t)clen;
	return out;
}

/* Open; the plain bytes (NUL-terminated) in a, or NULL. */
static unsigned char *unseal(arena *a, const unsigned char *k, const char *ad, const void *sealed, size_t len,
			     size_t *n)
{
	const unsigned char *in = sealed;
	if (!in || len < NONCE + TAG)
		return NULL;
	ready();
	unsigned char *out = arena_alloc(a, len - NONCE - TAG + 1);
	unsigned long long plen;
	if (crypto_aead_xchacha20poly1305_ietf_decrypt(out, &plen, NULL, in + NONCE, len - NONCE,
						       (const unsigned char *)ad, strlen(ad), in, k) != 0)
		return NULL;
	out[plen] = '\0';
	*n = (size_t)plen;
	return out;
}

static int held_subkey(struct store *s, unsigned char out[KEYFILE_BYTES])
{
	char err[600];
	if (counsel_key_open(s, 0, err, sizeof(err)) != ST_OK) {
		log_error("counselling: %s", err);
		return ST_ERR;
	}
	pthread_mutex_lock(&key_lock);
	memcpy(out, subkey, KEYFILE_BYTES);
	pthread_mutex_unlock(&key_lock);
	return ST_OK;
}

int counsel_key_new(struct store *s, arena *a, const char *pseudonym, struct counsel_key *key,
		    const unsigned char **wrapped, size_t *wlen)
{
	unsigned char master[KEYFILE_BYTES];
	if (held_subkey(s, master) != ST_OK)
		return ST_ERR;
	crypto_aead_xchacha20poly1305_ietf_keygen(key->k);
	key->pseudonym = pseudonym;
	char ad[32];
	snprintf(ad, sizeof(ad), "key:%s", pseudonym);
	*wrapped = seal(a, master, ad, key->k, COUNSEL_KEY_BYTES, wlen);
	sodium_memzero(master, sizeof(master));
	return ST_OK;
}

int counsel_key_unwrap(struct store *s, const char *pseudonym, const void *wrapped, size_t wlen,
		       struct counsel_key *key)
{
	unsigned char master[KEYFILE_BYTES];
	if (held_subkey(s, master) != ST_OK)
		return ST_ERR;
	char ad[32];
	snprintf(ad, sizeof(ad), "key:%s", pseudonym);
	unsigned char plain[COUNSEL_KEY_BYTES + 1];
	unsigned long long plen = 0;
	const unsigned char *in = wrapped;
	int ok = in && wlen == NONCE + COUNSEL_KEY_BYTES + TAG &&
		 crypto_aead_xchacha20poly1305_ietf_decrypt(plain, &plen, NULL, in + NONCE, wlen - NONCE,
							    (const unsigned char *)ad, strlen(ad), in, master) == 0 &&
		 plen == COUNSEL_KEY_BYTES;
	sodium_memzero(master, sizeof(master));
	if (!ok) {
		log_error("counselling: the key of case %s does not open (another key file?)", pseudonym);
		return ST_ERR;
	}
	memcpy(key->k, plain, COUNSEL_KEY_BYTES);
	sodium_memzero(plain, sizeof(plain));
	key->pseudonym = pseudonym;
	return ST_OK;
}

void counsel_seal(arena *a, const struct counsel_key *key, const char *field, const char *text,
		  const unsigned char **out, size_t *len)
{
	*out = NULL;
	*len = 0;
	if (!text || !*text)
		return;
	char *ad = arena_printf(a, "%s:%s", field, key->pseudonym);
	*out = seal(a, key->k, ad, text, strlen(text), len);
}

const char *counsel_open(arena *a, const struct counsel_key *key, const char *field, const void *sealed, size_t len)
{
	if (!sealed || len == 0)
		return "";
	char *ad = arena_printf(a, "%s:%s", field, key->pseudonym);
	size_t n;
	const char *p = (const char *)unseal(a, key->k, ad, sealed, len, &n);
	if (!p)
		log_error("counselling: a sealed %s of case %s does not open", field, key->pseudonym);
	return p;
}

void counsel_key_forget(struct counsel_key *key)
{
	sodium_memzero(key->k, sizeof(key->k));
}
