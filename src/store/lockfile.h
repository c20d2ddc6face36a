/* lockfile.h — inside store/ only: an flock(2) on a file beside the
 * database (the database itself for the claim of servers and restores,
 * "DB-publish" for publications). The kernel lets it go when its holder
 * dies. */
#ifndef LOTSE_STORE_LOCKFILE_H
#define LOTSE_STORE_LOCKFILE_H

/* Open path (create = 1: made 0600 when missing) and flock(2) it with op
 * (LOCK_SH or LOCK_EX, | LOCK_NB not to wait), again after a signal.
 * Returns the open descriptor, whose close lets the lock go, or -1 with
 * errno set (EWOULDBLOCK: another holds it). */
int store_lock_file(const char *path, int create, int op);

#endif
