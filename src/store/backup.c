/* backup.c — copies of the database: a backup from one read snapshot,
 * the check that a copy is a whole lotse database, and a restore that
 * keeps the database it replaces.
 *
 * A copy is written under a name that says it is unfinished
 * (FILE.partial-XXXXXX, in FILE's folder), synced, checked and only then
 * renamed to its name; a failure removes it, and a copy killed on the way
 * keeps its .partial- name. */
#include "store/store.h"
#include "store/lockfile.h"
#include "core/core.h"
#include "core/embed.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* A path with a suffix (path plus "-wal", ".partial-XXXXXX", ...). */
struct path_buf {
	char p[4096];
};

static int path_with(struct path_buf *b, const char *path, const char *suffix)
{
	int n = snprintf(b->p, sizeof(b->p), "%s%s", path, suffix);
	return n > 0 && (size_t)n < sizeof(b->p) ? 0 : -1;
}

/* Remove a database file and what SQLite keeps beside it. */
static void remove_db_files(const char *path)
{
	static const char *const sfx[] = { "-journal", "-wal", "-shm" };
	struct path_buf b;
	for (size_t i = 0; i < NELEM(sfx); i++)
		if (path_with(&b, path, sfx[i]) == 0)
			unlink(b.p);
	unlink(path);
}

/* fsync the file at path (a file, or a folder). 0 or -1 (errno). */
static int sync_path(const char *path, int dir)
{
	int fd = open(path, (dir ? O_DIRECTORY : 0) | O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int rc = fsync(fd);
	int e = errno;
	close(fd);
	errno = e;
	return rc;
}

static int sync_parent(const char *path)
{
	char *copy = xstrdup(path);
	int rc = sync_path(dirname(copy), 1);
	free(copy);
	return rc;
}

/* A new empty file path.partial-XXXXXX (mode 0600) in path's folder. */
static int make_partial(const char *path, struct path_buf *tmp, char *err, size_t errlen)
{
	if (path_with(tmp, path, ".partial-XXXXXX") != 0) {
		snprintf(err, errlen, "%s: the name is too long", path);
		return ST_ERR;
	}
	int fd = mkstemp(tmp->p);
	if (fd < 0) {
		snprintf(err, errlen, "cannot create %s: %s", tmp->p, strerror(errno));
		return ST_ERR;
	}
	fchmod(fd, 0600);
	close(fd);
	return ST_OK;
}

/* Rename from to to, refusing to replace an existing to. */
static int rename_new(const char *from, const char *to)
{
	if (renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE) == 0)
		return 0;
	if (errno != EINVAL && errno != ENOSYS)
		return -1;
	/* a file system without RENAME_NOREPLACE: a hard link refuses too */
	if (link(from, to) != 0)
		return -1;
	unlink(from);
	return 0;
}

/* ---- the check of a copy ---- */

/* The name of embedded migration v, or NULL. */
static const char *migration_name(int v)
{
	for (size_t i = 0; i < embed_sql_count; i++)
		if (atoi(embed_sql[i].name) == v)
			return embed_sql[i].name;
	return NULL;
}

int store_check(struct store *s, char *err, size_t errlen)
{
	sqlite3 *db = store_db(s);
	sqlite3_stmt *st = NULL;
	int rc = ST_ERR;
	if (sqlite3_prepare_v2(db, "PRAGMA quick_check", -1, &st, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "it cannot be read as an SQLite database: %s", sqlite3_errmsg(db));
		goto out;
	}
	int k = store_step(st);
	if (k <= 0) {
		snprintf(err, errlen, "it cannot be read as an SQLite database: %s", sqlite3_errmsg(db));
		goto out;
	}
	if (strcmp(store_col_text(st, 0), "ok") != 0) {
		snprintf(err, errlen, "it is damaged (quick_check: %.200s)", store_col_text(st, 0));
		goto out;
	}
	sqlite3_finalize(st);
	st = NULL;
	if (sqlite3_prepare_v2(db, "SELECT version, name FROM schema_version ORDER BY version", -1, &st, NULL) !=
	    SQLITE_OK) {
		snprintf(err, errlen, "it is not a lotse database (no schema_version)");
		goto out;
	}
	int latest = store_schema_latest(), n = 0;
	while ((k = store_step(st)) > 0) {
		int v = sqlite3_column_int(st, 0);
		if (v > latest) {
			snprintf(err, errlen,
				 "it has schema version %d, but this lotse knows only up to %d; use a newer lotse",
				 v, latest);
			goto out;
		}
		const char *want = migration_name(v);
		if (!want || strcmp(want, store_col_text(st, 1)) != 0) {
			snprintf(err, errlen, "it is not a lotse database (migration %d is \"%.80s\", not lotse's)", v,
				 store_col_text(st, 1));
			goto out;
		}
		n++;
	}
	if (k < 0) {
		snprintf(err, errlen, "its schema_version cannot be read: %s", sqlite3_errmsg(db));
		goto out;
	}
	if (n == 0) {
		snprintf(err, errlen, "it is not a lotse database (no migration applied)");
		goto out;
	}
	rc = ST_OK;
out:
	sqlite3_finalize(st);
	return rc;
}

/* Open the file at path and check it (store_check). */
static int check_file(const char *path, char *err, size_t errlen)
{
	struct store *c = NULL;
	char why[400];
	int rc = store_open(path, STORE_EXISTING, &c, why, sizeof(why));
	if (rc == ST_OK)
		rc = store_check(c, why, sizeof(why));
	else
		snprintf(why, sizeof(why), "it cannot be opened as an SQLite database");
	store_close(c);
	if (rc != ST_OK)
		snprintf(err, errlen, "%s", why);
	return rc;
}

/* ---- backup ---- */

int store_backup(struct store *s, const char *path, char *err, size_t errlen)
{
	struct stat sb;
	if (stat(path, &sb) == 0) {
		snprintf(err, errlen, "%s already exists; refusing to overwrite it", path);
		return ST_ERR;
	}
	struct path_buf tmp;
	if (make_partial(path, &tmp, err, errlen) != ST_OK)
		return ST_ERR;
	sqlite3 *dst = NULL;
	int rc = sqlite3_open_v2(tmp.p, &dst, SQLITE_OPEN_READWRITE, NULL);
	/* the copy is synced and checked below: no journal of its own */
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(dst, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF", NULL, NULL, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_backup *b = sqlite3_backup_init(dst, "main", store_db(s), "main");
		if (b) {
			/* All pages in one step: the step reads from one snapshot
			 * of the WAL from start to end, so writers go on and never
			 * make it start again (copying in small steps restarts
			 * whenever another connection writes between two steps). */
			for (int tries = 0; tries < 50; tries++) {
				rc = sqlite3_backup_step(b, -1);
				if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
					break;
				sqlite3_sleep(100);
			}
			sqlite3_backup_finish(b);
			if (rc == SQLITE_DONE)
				rc = SQLITE_OK;
		} else {
			rc = sqlite3_errcode(dst);
		}
	}
	if (rc != SQLITE_OK)
		snprintf(err, errlen, "backup to %s failed: %s", path, dst ? sqlite3_errmsg(dst) : "cannot open");
	if (sqlite3_close(dst) != SQLITE_OK && rc == SQLITE_OK) {
		snprintf(err, errlen, "backup to %s failed: the copy cannot be closed", path);
		rc = SQLITE_ERROR;
	}
	if (rc == SQLITE_OK && sync_path(tmp.p, 0) != 0) {
		snprintf(err, errlen, "backup to %s failed: %s", path, strerror(errno));
		rc = SQLITE_ERROR;
	}
	char why[400];
	if (rc == SQLITE_OK && check_file(tmp.p, why, sizeof(why)) != ST_OK) {
		snprintf(err, errlen, "backup to %s failed: the copy does not pass its check: %s", path, why);
		rc = SQLITE_ERROR;
	}
	if (rc == SQLITE_OK && rename_new(tmp.p, path) != 0) {
		snprintf(err, errlen, "backup to %s failed: %s", path,
			 errno == EEXIST ? "it was created meanwhile" : strerror(errno));
		rc = SQLITE_ERROR;
	}
	if (rc != SQLITE_OK) {
		remove_db_files(tmp.p);
		return ST_ERR;
	}
	if (sync_parent(path) != 0) {
		snprintf(err, errlen, "backup %s written, but its folder cannot be synced: %s", path, strerror(errno));
		return ST_ERR;
	}
	return ST_OK;
}

/* ---- the claim of a database: servers share it, a restore has it alone ---- */

int store_lock_file(const char *path, int create, int op)
{
	int fd = create ? open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600) : open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int r;
	while ((r = flock(fd, op)) != 0 && errno == EINTR)
		;
	if (r != 0) {
		int e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	return fd;
}

int store_claim(const char *path, int alone, char *err, size_t errlen)
{
	int fd = store_lock_file(path, 0, (alone ? LOCK_EX : LOCK_SH) | LOCK_NB);
	if (fd < 0 && errno == EWOULDBLOCK)
		snprintf(err, errlen,
			 alone ? "%s is in use by a running lotse server (or a restore); stop it first"
			       : "%s is being restored; start the server when the restore has finished",
			 path);
	else if (fd < 0)
		snprintf(err, errlen, "cannot open and lock %s: %s", path, strerror(errno));
	return fd;
}

/* ---- restore ---- */

/* Copy the bytes of from into the open file fd. 0 or -1 (errno). */
static int copy_bytes(const char *from, int fd)
{
	int in = open(from, O_RDONLY | O_CLOEXEC);
	if (in < 0)
		return -1;
	char b[1 << 16];
	ssize_t n;
	int rc = 0;
	while ((n = read(in, b, sizeof(b))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			rc = -1;
			break;
		}
		for (ssize_t off = 0; off < n;) {
			ssize_t w = write(fd, b + off, (size_t)(n - off));
			if (w < 0 && errno == EINTR)
				continue;
			if (w <= 0) {
				rc = -1;
				break;
			}
			off += w;
		}
		if (rc)
			break;
	}
	int e = errno;
	close(in);
	errno = e;
	return rc ? -1 : fsync(fd);
}

/* Move the WAL of the database at db into it (so the file alone is the
 * whole database), best effort: a database that cannot be opened is set
 * aside as it is, with its WAL. */
static void checkpoint(const char *db)
{
	sqlite3 *c = NULL;
	if (sqlite3_open_v2(db, &c, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK)
		sqlite3_exec(c, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
	sqlite3_close(c);
}

/* Rename db (and a WAL left beside it) to aside. */
static int set_aside(const char *db, const char *aside)
{
	if (rename_new(db, aside) != 0)
		return -1;
	struct path_buf w, wa, shm;
	if (path_with(&w, db, "-wal") == 0 && path_with(&wa, aside, "-wal") == 0 && access(w.p, F_OK) == 0)
		rename_new(w.p, wa.p);
	if (path_with(&shm, db, "-shm") == 0)
		unlink(shm.p);
	return 0;
}

int store_restore(const char *db, const char *file, char *aside, size_t asidelen, char *err, size_t errlen)
{
	aside[0] = '\0';
	int lock = -1, rc = ST_ERR;
	struct stat sb;
	int have = stat(db, &sb) == 0;
	if (have && (lock = store_claim(db, 1, err, errlen)) < 0)
		return ST_ERR;
	struct path_buf tmp;
	if (make_partial(db, &tmp, err, errlen) != ST_OK)
		goto out;
	int fd = open(tmp.p, O_WRONLY | O_CLOEXEC);
	if (fd < 0 || copy_bytes(file, fd) != 0) {
		snprintf(err, errlen, "cannot copy %s to %s: %s", file, tmp.p, strerror(errno));
		if (fd >= 0)
			close(fd);
		goto fail;
	}
	close(fd);
	char why[400];
	if (check_file(tmp.p, why, sizeof(why)) != ST_OK) {
		snprintf(err, errlen, "%s is refused: %s", file, why);
		goto fail;
	}
	struct store *c = NULL;
	if (store_open(tmp.p, STORE_EXISTING, &c, why, sizeof(why)) != ST_OK ||
	    store_migrate(c, why, sizeof(why)) != ST_OK) {
		store_close(c);
		snprintf(err, errlen, "%s cannot be brought to this lotse's schema: %s", file, why);
		goto fail;
	}
	store_close(c); /* the last connection: its WAL goes into the file */
	if (sync_path(tmp.p, 0) != 0) {
		snprintf(err, errlen, "cannot sync %s: %s", tmp.p, strerror(errno));
		goto fail;
	}
	if (have) {
		char stamp[64];
		time_t now = time(NULL);
		struct tm tm;
		gmtime_r(&now, &tm);
		strftime(stamp, sizeof(stamp), ".before-restore-%Y%m%dT%H%M%SZ", &tm);
		struct path_buf a;
		if (path_with(&a, db, stamp) != 0) {
			snprintf(err, errlen, "%s: the name is too long", db);
			goto fail;
		}
		checkpoint(db);
		if (set_aside(db, a.p) != 0) {
			snprintf(err, errlen, "cannot rename %s to %s: %s", db, a.p, strerror(errno));
			goto fail;
		}
		snprintf(aside, asidelen, "%s", a.p);
	}
	if (rename_new(tmp.p, db) != 0) {
		snprintf(err, errlen, "cannot rename %s to %s: %s", tmp.p, db, strerror(errno));
		if (aside[0] && set_aside(aside, db) == 0)
			aside[0] = '\0';
		goto fail;
	}
	if (sync_parent(db) != 0) {
		snprintf(err, errlen, "%s is restored, but its folder cannot be synced: %s", db, strerror(errno));
		goto out;
	}
	rc = ST_OK;
	goto out;
fail:
	remove_db_files(tmp.p);
out:
	if (lock >= 0)
		close(lock);
	return rc;
}
