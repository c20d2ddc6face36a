/* keyfile.h — secrets kept in a file outside the database.
 *
 * One key file holds 32 random bytes (the master key), mode 0600, next to
 * the database as lotse.key unless LOTSE_KEY_FILE names another path. A
 * part of lotse never uses the master key itself: it asks for the subkey
 * of its purpose (crypto_kdf), so the audit log's MAC key and, later,
 * counselling's encryption key are independent. Whoever holds the database
 * alone cannot compute or check what these keys protect. */
#ifndef LOTSE_KEYFILE_H
#define LOTSE_KEYFILE_H

#include <stddef.h>

#define KEYFILE_BYTES 32

enum keyfile_mode {
	KEYFILE_EXISTING, /* the file must exist */
	KEYFILE_CREATE,   /* a missing file is created (32 random bytes, 0600) */
};

/* The key file of the database at db_path into out (size n): the
 * environment's LOTSE_KEY_FILE when set, else lotse.key in the database's
 * folder. 0, or -1 when it does not fit or db_path is empty. */
int keyfile_path(const char *db_path, char *out, size_t n);

/* The subkey for purpose (1 to 8 characters, e.g. "audit") of the master
 * key in the file at path into out. The file must be a regular file of
 * exactly KEYFILE_BYTES bytes that others cannot read (group may). With
 * KEYFILE_CREATE a missing file is made (O_EXCL: two processes starting at
 * once agree on one key). *created (may be NULL) is set to 1 when this
 * call made the file. 0, or -1 with a message naming the path in err. */
int keyfile_load(const char *path, enum keyfile_mode mode, const char *purpose,
		 unsigned char out[KEYFILE_BYTES], int *created, char *err, size_t errlen);

#endif
