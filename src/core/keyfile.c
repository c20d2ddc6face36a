/* keyfile.c — the master key file and its per-purpose subkeys (see keyfile.h). */
#include "core/keyfile.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int keyfile_path(const char *db_path, char *out, size_t n)
{
	const char *env = getenv("LOTSE_KEY_FILE");
	if (env && *env)
		return (size_t)snprintf(out, n, "%s", env) < n ? 0 : -1;
	if (!db_path || !*db_path)
		return -1;
	char copy[4096];
	if ((size_t)snprintf(copy, sizeof(copy), "%s", db_path) >= sizeof(copy))
		return -1;
	return (size_t)snprintf(out, n, "%s/lotse.key", dirname(copy)) < n ? 0 : -1;
}

/* Make the file: 32 random bytes, 0600, written whole and synced under a
 * temporary name, then linked to path, so a reader never sees a short key
 * and two processes starting at once agree on one. 0, 1 when another
 * process made it first, or -1. */
static int create(const char *path, char *err, size_t errlen)
{
	char tmp[4200];
	if ((size_t)snprintf(tmp, sizeof(tmp), "%s.%ld.tmp", path, (long)getpid()) >= sizeof(tmp)) {
		snprintf(err, errlen, "the key file's path is too long");
		return -1;
	}
	int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0) {
		snprintf(err, errlen, "cannot create the key file %s: %s", path, strerror(errno));
		return -1;
	}
	unsigned char k[KEYFILE_BYTES];
	randombytes_buf(k, sizeof(k));
	ssize_t w = write(fd, k, sizeof(k));
	sodium_memzero(k, sizeof(k));
	int ok = w == (ssize_t)sizeof(k) && fsync(fd) == 0;
	int e = errno;
	if (close(fd) != 0)
		ok = 0;
	int rc = 0;
	if (!ok) {
		snprintf(err, errlen, "cannot write the key file %s: %s", path, strerror(e));
		rc = -1;
	} else if (link(tmp, path) != 0) {
		if (errno == EEXIST) {
			rc = 1;
		} else {
			snprintf(err, errlen, "cannot create the key file %s: %s", path, strerror(errno));
			rc = -1;
		}
	}
	unlink(tmp);
	return rc;
}

int keyfile_load(const char *path, enum keyfile_mode mode, const char *purpose,
		 unsigned char out[KEYFILE_BYTES], int *created, char *err, size_t errlen)
{
	if (created)
		*created = 0;
	size_t plen = purpose ? strlen(purpose) : 0;
	if (plen < 1 || plen > crypto_kdf_CONTEXTBYTES) {
		snprintf(err, errlen, "a key purpose has 1 to %d characters", crypto_kdf_CONTEXTBYTES);
		return -1;
	}
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT && mode == KEYFILE_CREATE) {
		int c = create(path, err, errlen);
		if (c < 0)
			return -1;
		if (c == 0 && created)
			*created = 1;
		fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	}
	if (fd < 0) {
		snprintf(err, errlen, "cannot read the key file %s: %s (LOTSE_KEY_FILE names another)", path,
			 strerror(errno));
		return -1;
	}
	unsigned char master[KEYFILE_BYTES + 1];
	struct stat sb;
	int rc = -1;
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		snprintf(err, errlen, "the key file %s is not a regular file", path);
		goto out;
	}
	if (sb.st_mode & S_IRWXO) {
		snprintf(err, errlen, "the key file %s is open to others (mode %03o); chmod 600 it", path,
			 (unsigned)(sb.st_mode & 0777));
		goto out;
	}
	ssize_t n = read(fd, master, sizeof(master));
	if (n != KEYFILE_BYTES) {
		snprintf(err, errlen, "the key file %s does not hold %d bytes", path, KEYFILE_BYTES);
		goto out;
	}
	char ctx[crypto_kdf_CONTEXTBYTES] = { 0 };
	memcpy(ctx, purpose, plen);
	if (crypto_kdf_derive_from_key(out, KEYFILE_BYTES, 1, ctx, master) != 0) {
		snprintf(err, errlen, "cannot derive the %s key", purpose);
		goto out;
	}
	rc = 0;
out:
	sodium_memzero(master, sizeof(master));
	close(fd);
	return rc;
}
