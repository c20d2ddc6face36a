/* harness.h — start the real lotse server on 127.0.0.1 with a fresh
 * database, and talk HTTP to it with libcurl. */
#ifndef LOTSE_TEST_HARNESS_H
#define LOTSE_TEST_HARNESS_H

#include "core/buf.h"

#include <sys/types.h>

struct server {
	pid_t pid;
	char dir[256];   /* temporary folder holding the database and log */
	char db[320];
	char log[320];
	char base[64];   /* http://127.0.0.1:PORT */
};

/* The lotse binary under test (argv[1] of the test program). */
extern const char *harness_bin;

/* Create a demo database in a new temporary folder and start the server
 * on a free port. Returns 0 when it answers. extra_env (NULL or
 * "NAME=value") is added to the server's environment. */
int server_start(struct server *s, const char *extra_env);
/* Start again on an existing database (after a stop or a kill). */
int server_restart(struct server *s);
/* SIGTERM and wait; returns the exit status, or -1. */
int server_stop(struct server *s);
/* Remove the temporary folder. */
void server_cleanup(struct server *s);

/* Run `lotse ARGS...` (NULL-terminated) and return its exit status;
 * its stdout+stderr go to out when out is not NULL. */
int run_lotse(buf *out, ...) __attribute__((sentinel));

struct reply {
	long status;
	buf body;
	buf headers; /* raw header block, lines "Name: value\r\n" */
};

/* One request. body/content_type/extra_header may be NULL. method may be
 * "GET", "HEAD", "POST" or anything else. Returns 0 when a reply came. */
int http(const struct server *s, const char *method, const char *path, const char *body,
	 size_t body_len, const char *content_type, const char *extra_header, struct reply *out);
#define http_get(s, path, out) http((s), "GET", (path), NULL, 0, NULL, NULL, (out))
#define http_post_form(s, path, body, out) \
	http((s), "POST", (path), (body), strlen(body), "application/x-www-form-urlencoded", NULL, (out))

/* The first value of a response header (case-insensitive name), copied
 * into a static buffer, or NULL. */
const char *reply_header(const struct reply *r, const char *name);
void reply_free(struct reply *r);

/* Run SQL on the server's database and return the first column of the
 * first row as a number (-1 on error). */
long db_scalar(const struct server *s, const char *sql);

#endif
