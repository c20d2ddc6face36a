/* harness.c — a real lotse server per test group, and libcurl requests. */
#include "harness.h"
#include "store/store.h"
#include <liboath/oath.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <curl/curl.h>
#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <errno.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

const char *harness_bin = "build/lotse";

const char *const demo_email[DEMO__COUNT] = {
	"admin@demo.lotse.invalid", "editor@demo.lotse.invalid", "researcher@demo.lotse.invalid",
	"counsellor@demo.lotse.invalid", "partner@demo.lotse.invalid",
};

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	nanosleep(&ts, NULL);
}

/* In a child just forked from parent: end with SIGTERM when the test
 * program ends, however it ends (a failed assert's longjmp past the
 * teardown, a crash, a sanitizer's report, meson's timeout), so that
 * nothing of a test outlives it and holds its output open (meson then
 * waits for its whole timeout). The parent may have ended already. */
static void die_with(pid_t parent)
{
	if (prctl(PR_SET_PDEATHSIG, SIGTERM) != 0 || getppid() != parent)
		_exit(127);
}

int run_lotse_argv(const char *input, buf *out, const char **argv)
{
	argv[0] = harness_bin;
	int fds[2], in[2];
	if (pipe(fds) != 0)
		return -1;
	if (pipe(in) != 0) {
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	pid_t parent = getpid(), pid = fork();
	if (pid == 0) {
		die_with(parent);
		dup2(in[0], 0);
		dup2(fds[1], 1);
		dup2(fds[1], 2);
		close(fds[0]);
		close(in[1]);
		execv(harness_bin, (char *const *)argv);
		_exit(127);
	}
	close(fds[1]);
	close(in[0]);
	if (input && write(in[1], input, strlen(input)) < 0)
		perror("write");
	close(in[1]);
	char tmp[4096];
	ssize_t got;
	while ((got = read(fds[0], tmp, sizeof(tmp))) > 0)
		if (out)
			buf_append(out, tmp, (size_t)got);
	close(fds[0]);
	int st;
	waitpid(pid, &st, 0);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* The arguments up to NULL as argv (at most 31: more is a mistake in the
 * test, which stops here rather than run a command cut short). */
#define COLLECT_ARGV(last)                                                      \
	const char *argv[32] = { harness_bin };                                  \
	int n = 1;                                                               \
	va_list ap;                                                              \
	va_start(ap, last);                                                      \
	const char *a;                                                           \
	while ((a = va_arg(ap, const char *)) != NULL && n < 31)                 \
		argv[n++] = a;                                                   \
	va_end(ap);                                                              \
	if (a) {                                                                 \
		fprintf(stderr, "harness: more than 30 arguments for lotse\n"); \
		abort();                                                         \
	}                                                                        \
	argv[n] = NULL

int run_lotse(buf *out, ...)
{
	COLLECT_ARGV(out);
	return run_lotse_argv(NULL, out, argv);
}

int run_lotse_input(const char *input, buf *out, ...)
{
	COLLECT_ARGV(out);
	return run_lotse_argv(input, out, argv);
}

static const char *saved_env;

static int spawn(struct server *s)
{
	remove(s->log);
	pid_t parent = getpid();
	s->pid = fork();
	if (s->pid == 0) {
		die_with(parent);
		/* its output to the log only: none of the test program's */
		if (!freopen(s->log, "w", stderr) || dup2(2, 1) != 1)
			_exit(127);
		/* a search after a change waits for the indexer, however loaded
		 * the machine: the tests check what a search finds, not how fast */
		setenv("LOTSE_SEARCH_WAIT_MS", "20000", 0);
		if (saved_env)
			putenv((char *)saved_env);
		execl(harness_bin, harness_bin, "serve", "--db", s->db, "--listen", "127.0.0.1:0",
		      "--threads", "4", (char *)NULL);
		_exit(127);
	}
	/* Wait for "listening on http://127.0.0.1:PORT" in the log: up to 60 s,
	 * since the server indexes the offers waiting before it listens, and a
	 * sanitizer build on a loaded machine takes seconds for that. */
	for (int i = 0; i < 2400; i++) {
		FILE *f = fopen(s->log, "r");
		char line[512];
		while (f && fgets(line, sizeof(line), f)) {
			char *p = strstr(line, "listening on ");
			if (p) {
				sscanf(p + 13, "%63s", s->base);
				fclose(f);
				return 0;
			}
		}
		if (f)
			fclose(f);
		int st;
		if (waitpid(s->pid, &st, WNOHANG) == s->pid) {
			s->pid = 0;
			return -1;
		}
		sleep_ms(25);
	}
	return -1;
}

/* The demo database: `lotse init --demo` runs once per test program (it
 * hashes a dozen passwords with argon2, seconds under ASan); each later
 * server gets a copy of its files (lotse.db and the key file beside it)
 * and the same accounts. */
static struct {
	char dir[64]; /* "": not made yet */
	buf out;      /* init's output: the accounts' passwords and the key */
} demo_tpl;

static const char *const demo_files[] = { "lotse.db", "lotse.key" };

/* Copy from to to, readable by the owner only (as lotse keeps its key
 * file and database; it refuses a key file others may read). */
static int copy_file(const char *from, const char *to)
{
	int fd = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	FILE *in = fopen(from, "rb"), *out = fd >= 0 ? fdopen(fd, "wb") : NULL;
	if (fd >= 0 && !out)
		close(fd);
	char b[65536];
	size_t n;
	int rc = in && out ? 0 : -1;
	while (rc == 0 && (n = fread(b, 1, sizeof(b), in)) > 0)
		if (fwrite(b, 1, n, out) != n)
			rc = -1;
	if (in && ferror(in))
		rc = -1;
	if (out && fclose(out) != 0)
		rc = -1;
	if (in)
		fclose(in);
	return rc;
}

/* Copy the demo files between the folders from and to. */
static int copy_demo(const char *from, const char *to)
{
	for (size_t i = 0; i < sizeof(demo_files) / sizeof(demo_files[0]); i++) {
		char a[400], b[400];
		snprintf(a, sizeof(a), "%s/%s", from, demo_files[i]);
		snprintf(b, sizeof(b), "%s/%s", to, demo_files[i]);
		if (copy_file(a, b) != 0)
			return -1;
	}
	return 0;
}

static void remove_demo_tpl(void)
{
	for (size_t i = 0; demo_tpl.dir[0] && i < sizeof(demo_files) / sizeof(demo_files[0]); i++) {
		char a[400];
		snprintf(a, sizeof(a), "%s/%s", demo_tpl.dir, demo_files[i]);
		unlink(a);
	}
	if (demo_tpl.dir[0])
		rmdir(demo_tpl.dir);
}

/* The demo database shared by the test programs of one run.
 *
 * LOTSE_TEST_DEMO_CACHE (tests/meson.build sets it: a folder in the build
 * tree) names a folder where the first test program that needs a demo
 * database leaves a copy of it and of init's output, in a folder named
 * after the binary under test (its device, inode, size and change time:
 * a rebuilt binary gets a new one); the later programs start from that
 * copy instead of running `lotse init --demo` themselves (a dozen argon2
 * hashes and every capability's demo: over 30 s under ASan on a loaded
 * machine, ~50 times in a run). Each program still keeps its own template
 * (demo_tpl) and each server its own copy. The copy is used only while it
 * is younger than DEMO_CACHE_MAX_AGE seconds (the demo's dates are
 * relative to the day it was made), then made again. It appears whole
 * (renamed into place) or not at all; whatever fails here falls back to
 * running init. Without the variable (a test program run by hand) each
 * program runs init itself, as before. */
#define DEMO_CACHE_MAX_AGE 1800

/* The shared folder for harness_bin into out (size n): 0, or -1 when there
 * is none to use (no LOTSE_TEST_DEMO_CACHE, or the binary is not there). */
static int demo_cache_dir(char *out, size_t n)
{
	const char *root = getenv("LOTSE_TEST_DEMO_CACHE");
	struct stat st;
	if (!root || !*root || stat(harness_bin, &st) != 0)
		return -1;
	if (mkdir(root, 0700) != 0 && errno != EEXIST)
		return -1;
	int len = snprintf(out, n, "%s/demo-%llx-%llx-%llx-%llx.%09ld", root, (unsigned long long)st.st_dev,
			   (unsigned long long)st.st_ino, (unsigned long long)st.st_size,
			   (unsigned long long)st.st_ctim.tv_sec, (long)st.st_ctim.tv_nsec);
	return len > 0 && (size_t)len < n ? 0 : -1;
}

/* Into s->dir the shared demo files, into out init's output: 0, or -1
 * (there is none, it is too old, it could not be read, or it was
 * replaced while it was read). */
static int demo_cache_take(const char *cache, struct server *s, buf *out)
{
	char a[400];
	struct stat st, again;
	snprintf(a, sizeof(a), "%s/init.out", cache);
	if (stat(a, &st) != 0 || time(NULL) - st.st_mtime > DEMO_CACHE_MAX_AGE)
		return -1;
	size_t len = 0;
	char *text = file_slurp(a, &len);
	if (!text)
		return -1;
	int rc = copy_demo(cache, s->dir) == 0 && stat(a, &again) == 0 && again.st_ino == st.st_ino &&
				 again.st_dev == st.st_dev ? 0 : -1;
	if (rc == 0)
		buf_append(out, text, len);
	for (size_t i = 0; rc != 0 && i < sizeof(demo_files) / sizeof(demo_files[0]); i++) {
		/* nothing half copied stays in the way of init */
		snprintf(a, sizeof(a), "%s/%s", s->dir, demo_files[i]);
		unlink(a);
	}
	free(text);
	return rc;
}

static void remove_tree(const char *dir)
{
	char cmd[460];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", dir);
}

/* Leave s->dir's demo files and init's output in cache for the programs
 * after this one; a copy too old is replaced. Nothing fails a test here. */
static void demo_cache_put(const char *cache, const struct server *s, const buf *out)
{
	char tmp[420], old[420], a[440];
	snprintf(tmp, sizeof(tmp), "%s.new-XXXXXX", cache);
	if (!mkdtemp(tmp))
		return;
	snprintf(a, sizeof(a), "%s/init.out", tmp);
	FILE *f = NULL;
	int fd = -1; /* init's output holds the demo passwords: the owner's only */
	int ok = copy_demo(s->dir, tmp) == 0 && (fd = open(a, O_WRONLY | O_CREAT | O_EXCL, 0600)) >= 0 &&
		 (f = fdopen(fd, "w")) != NULL;
	if (fd >= 0 && !f)
		close(fd);
	if (f) {
		ok = fputs(buf_str(out), f) >= 0;
		ok = fclose(f) == 0 && ok;
	}
	/* a copy too old (demo_cache_take refused it) is moved aside first
	 * (a directory may be renamed onto an empty one) */
	snprintf(old, sizeof(old), "%s.old-XXXXXX", cache);
	int moved = 0;
	if (ok && mkdtemp(old)) {
		moved = rename(cache, old) == 0;
		if (!moved)
			rmdir(old);
	}
	if (!ok || rename(tmp, cache) != 0) /* another program's is there already */
		remove_tree(tmp);
	if (moved)
		remove_tree(old);
}

/* The demo database into s->dir, and its accounts into s. */
static int make_demo(struct server *s)
{
	if (!demo_tpl.dir[0]) {
		char cache[300];
		int shared = demo_cache_dir(cache, sizeof(cache)) == 0;
		buf_init(&demo_tpl.out, 0);
		if (!shared || demo_cache_take(cache, s, &demo_tpl.out) != 0) {
			buf_free(&demo_tpl.out);
			buf_init(&demo_tpl.out, 0);
			if (run_lotse(&demo_tpl.out, "init", "--db", s->db, "--demo", NULL) != 0) {
				buf_free(&demo_tpl.out);
				return -1;
			}
			if (shared)
				demo_cache_put(cache, s, &demo_tpl.out);
		}
		snprintf(demo_tpl.dir, sizeof(demo_tpl.dir), "/tmp/lotse-test-XXXXXX");
		if (!mkdtemp(demo_tpl.dir) || copy_demo(s->dir, demo_tpl.dir) != 0) {
			remove_demo_tpl();
			demo_tpl.dir[0] = '\0';
			buf_free(&demo_tpl.out);
			return -1;
		}
		atexit(remove_demo_tpl);
	} else if (copy_demo(demo_tpl.dir, s->dir) != 0) {
		return -1;
	}
	const char *out = buf_str(&demo_tpl.out);
	for (int i = 0; i < DEMO__COUNT; i++) {
		const char *p = strstr(out, demo_email[i]);
		if (!p || sscanf(p + strlen(demo_email[i]), " %31s", s->demo_pw[i]) != 1)
			return -1;
	}
	/* the demo admin's second factor, enrolled by init */
	const char *key = strstr(out, "second factor (TOTP) key: ");
	return key && sscanf(key + 26, "%63s", s->admin_totp) == 1 ? 0 : -1;
}

/* Make the database (with demo content and accounts when demo) and start. */
static int start(struct server *s, const char *extra_env, int demo)
{
	memset(s, 0, sizeof(*s));
	saved_env = extra_env;
	snprintf(s->dir, sizeof(s->dir), "/tmp/lotse-test-XXXXXX");
	if (!mkdtemp(s->dir))
		return -1;
	snprintf(s->db, sizeof(s->db), "%s/lotse.db", s->dir);
	snprintf(s->log, sizeof(s->log), "%s/server.log", s->dir);
	int rc = demo ? make_demo(s) : run_lotse(NULL, "init", "--db", s->db, NULL);
	if (rc != 0)
		return -1;
	return spawn(s);
}

int server_start(struct server *s, const char *extra_env)
{
	return start(s, extra_env, 1);
}

int server_start_plain(struct server *s, const char *extra_env)
{
	return start(s, extra_env, 0);
}

int server_restart(struct server *s)
{
	return spawn(s);
}

int server_restart_env(struct server *s, const char *extra_env)
{
	saved_env = extra_env;
	return spawn(s);
}

int server_stop(struct server *s)
{
	if (s->pid <= 0)
		return -1;
	kill(s->pid, SIGTERM);
	int st = 0;
	waitpid(s->pid, &st, 0);
	s->pid = 0;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

void server_cleanup(struct server *s)
{
	char cmd[300];
	if (s->pid > 0)
		server_stop(s);
	if (s->dir[0] && strncmp(s->dir, "/tmp/lotse-test-", 16) == 0) {
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", s->dir);
		if (system(cmd) != 0)
			fprintf(stderr, "cannot remove %s\n", s->dir);
	}
	s->dir[0] = '\0';
}

static size_t on_data(char *p, size_t size, size_t n, void *ud)
{
	buf_append(ud, p, size * n);
	return size * n;
}

/* Empty out and set c up for s's path: the request's headers
 * (Content-Type when content_type is not NULL, extra_header when not
 * NULL, never "Expect: 100-continue") and the reply's body and headers
 * into out. Returns the header list, freed by the caller after the
 * request. */
static struct curl_slist *request_begin(CURL *c, const struct server *s, const char *path,
					const char *content_type, const char *extra_header, struct reply *out)
{
	memset(out, 0, sizeof(*out));
	buf_init(&out->body, 0);
	buf_init(&out->headers, 0);
	char url[1024], ct[256];
	snprintf(url, sizeof(url), "%s%s", s->base, path);
	struct curl_slist *hl = NULL;
	if (content_type) {
		snprintf(ct, sizeof(ct), "Content-Type: %s", content_type);
		hl = curl_slist_append(hl, ct);
	}
	if (extra_header)
		hl = curl_slist_append(hl, extra_header);
	hl = curl_slist_append(hl, "Expect:");
	curl_easy_setopt(c, CURLOPT_URL, url); /* libcurl keeps a copy */
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, hl);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &out->body);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_data);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, &out->headers);
	return hl;
}

/* Send the request set up on c; the reply's status into out. 0 when a
 * reply came, else -1. */
static int request_send(CURL *c, struct reply *out)
{
	CURLcode rc = curl_easy_perform(c);
	if (rc == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &out->status);
	return rc == CURLE_OK ? 0 : -1;
}

int http(const struct server *s, const char *method, const char *path, const char *body,
	 size_t body_len, const char *content_type, const char *extra_header, struct reply *out)
{
	CURL *c = curl_easy_init();
	struct curl_slist *hl = request_begin(c, s, path, content_type, extra_header, out);
	if (!c) {
		curl_slist_free_all(hl);
		return -1;
	}
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 20L);
	curl_easy_setopt(c, CURLOPT_NOPROXY, "*");
	if (strcmp(method, "HEAD") == 0) {
		curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
	} else if (strcmp(method, "GET") != 0) {
		curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
	}
	if (body) {
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)body_len);
	}
	int rc = request_send(c, out);
	curl_slist_free_all(hl);
	curl_easy_cleanup(c);
	return rc;
}

const char *reply_header(const struct reply *r, const char *name)
{
	static char value[2048];
	size_t nl = strlen(name);
	const char *p = buf_str(&r->headers);
	while (p && *p) {
		const char *eol = strstr(p, "\r\n");
		if (!eol)
			break;
		if ((size_t)(eol - p) > nl && strncasecmp(p, name, nl) == 0 && p[nl] == ':') {
			const char *v = p + nl + 1;
			while (*v == ' ')
				v++;
			snprintf(value, sizeof(value), "%.*s", (int)(eol - v), v);
			return value;
		}
		p = eol + 2;
	}
	return NULL;
}

void reply_location_uuid(const struct reply *r, const char *prefix, char out[37])
{
	const char *loc = reply_header(r, "Location");
	assert_non_null(loc);
	size_t n = strlen(prefix);
	if (strncmp(loc, prefix, n) != 0)
		fail_msg("Location %s does not start with %s", loc, prefix);
	snprintf(out, 37, "%.36s", loc + n);
	assert_int_equal(strlen(out), 36);
}

const char *reply_form_version(const struct reply *r)
{
	static char out[4][24];
	static int k;
	k = (k + 1) % 4;
	const char *p = r->body.data ? strstr(r->body.data, "name=\"version\" value=\"") : NULL;
	if (!p)
		fail_msg("no version field in the form");
	p += strlen("name=\"version\" value=\"");
	size_t n = strspn(p, "0123456789");
	assert_true(n > 0 && n < sizeof(out[k]));
	snprintf(out[k], sizeof(out[k]), "%.*s", (int)n, p);
	return out[k];
}

void reply_free(struct reply *r)
{
	buf_free(&r->body);
	buf_free(&r->headers);
}

long db_scalar(const struct server *s, const char *sql)
{
	sqlite3 *db;
	long v = -1;
	if (sqlite3_open_v2(s->db, &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK) {
		sqlite3_busy_timeout(db, STORE_BUSY_TIMEOUT_MS);
		sqlite3_stmt *st;
		if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
			int rc = sqlite3_step(st);
			if (rc == SQLITE_ROW)
				v = (long)sqlite3_column_int64(st, 0);
			else if (rc == SQLITE_DONE)
				v = 0;
			sqlite3_finalize(st);
		}
	}
	sqlite3_close(db);
	return v;
}

const char *db_text(const struct server *s, const char *sql, const char *param, char *out, size_t n)
{
	sqlite3 *db;
	out[0] = '\0';
	if (sqlite3_open_v2(s->db, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK) {
		sqlite3_busy_timeout(db, STORE_BUSY_TIMEOUT_MS);
		sqlite3_stmt *st;
		if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
			if (param)
				sqlite3_bind_text(st, 1, param, -1, SQLITE_STATIC);
			if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
				snprintf(out, n, "%s", (const char *)sqlite3_column_text(st, 0));
			sqlite3_finalize(st);
		}
	}
	sqlite3_close(db);
	return out;
}

static double monotonic_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

double db_wait_indexed(const struct server *s, double limit_s)
{
	double t0 = monotonic_s();
	while (monotonic_s() - t0 < limit_s) {
		if (db_scalar(s, "SELECT count(*) FROM search_dirty") == 0)
			return monotonic_s() - t0;
		usleep(20 * 1000);
	}
	return -1;
}

long db_scalarf(const struct server *s, const char *fmt, ...)
{
	char sql[1024];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(sql, sizeof(sql), fmt, ap);
	va_end(ap);
	return n < 0 || (size_t)n >= sizeof(sql) ? -1 : db_scalar(s, sql);
}

int agent_init(struct agent *ag)
{
	memset(ag, 0, sizeof(*ag));
	CURL *c = curl_easy_init();
	if (!c)
		return -1;
	curl_easy_setopt(c, CURLOPT_COOKIEFILE, ""); /* enable the cookie engine */
	curl_easy_setopt(c, CURLOPT_NOPROXY, "*");
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 20L);
	ag->curl = c;
	return 0;
}

void agent_free(struct agent *ag)
{
	curl_easy_cleanup(ag->curl);
	ag->curl = NULL;
}

static void pick_csrf(struct agent *ag, const char *body)
{
	const char *p = strstr(body, "name=\"csrf\" value=\"");
	if (!p)
		return;
	p += strlen("name=\"csrf\" value=\"");
	const char *end = strchr(p, '"');
	if (end && (size_t)(end - p) < sizeof(ag->csrf))
		snprintf(ag->csrf, sizeof(ag->csrf), "%.*s", (int)(end - p), p);
}

int agent_http(const struct server *s, struct agent *ag, const char *method, const char *path,
	       const char *body, const char *content_type, struct reply *out)
{
	CURL *c = ag->curl;
	struct curl_slist *hl = request_begin(c, s, path, content_type, NULL, out);
	curl_easy_setopt(c, CURLOPT_NOBODY, strcmp(method, "HEAD") == 0 ? 1L : 0L);
	curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST,
			 strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0 ? NULL : method);
	if (body) {
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)strlen(body));
	} else {
		curl_easy_setopt(c, CURLOPT_HTTPGET, strcmp(method, "GET") == 0 ? 1L : 0L);
	}
	int rc = request_send(c, out);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, NULL);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, NULL);
	curl_slist_free_all(hl);
	if (rc == 0)
		pick_csrf(ag, buf_str(&out->body));
	return rc;
}

/* x-www-form-urlencoded escaping of one value. */
static void form_escape(buf *b, const char *v)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)v; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    *p == '-' || *p == '_' || *p == '.') {
			buf_putc(b, (char)*p);
		} else {
			char e[3] = { '%', hex[*p >> 4], hex[*p & 15] };
			buf_append(b, e, 3);
		}
	}
}

int agent_post(const struct server *s, struct agent *ag, const char *path, const char *body,
	       struct reply *out)
{
	buf b;
	buf_init(&b, 0);
	buf_puts(&b, body);
	buf_puts(&b, *body ? "&csrf=" : "csrf=");
	form_escape(&b, ag->csrf);
	int rc = agent_http(s, ag, "POST", path, buf_str(&b), "application/x-www-form-urlencoded", out);
	buf_free(&b);
	return rc;
}

long agent_login(const struct server *s, struct agent *ag, const char *email, const char *password)
{
	struct reply r;
	if (agent_http(s, ag, "GET", "/login", NULL, NULL, &r) != 0)
		return -1;
	reply_free(&r);
	buf b;
	buf_init(&b, 0);
	buf_puts(&b, "email=");
	form_escape(&b, email);
	buf_puts(&b, "&password=");
	form_escape(&b, password);
	long status = -1;
	const char *loc = NULL;
	if (agent_post(s, ag, "/login", buf_str(&b), &r) == 0) {
		status = r.status;
		loc = reply_header(&r, "Location");
	}
	reply_free(&r);
	buf_free(&b);
	/* the demo admin's second step: the code of its authenticator */
	if (status == 303 && loc && strcmp(loc, "/login/code") == 0 && *s->admin_totp &&
	    strcmp(email, demo_email[DEMO_ADMIN]) == 0)
		status = agent_login_code(s, ag, s->admin_totp);
	return status;
}

long agent_login_code(const struct server *s, struct agent *ag, const char *key)
{
	char code[8];
	if (totp_now(key, code) != 0)
		return -1;
	struct reply r;
	long status = -1;
	if (agent_post(s, ag, "/login/code", form("code", code, NULL), &r) == 0)
		status = r.status;
	reply_free(&r);
	return status;
}

/* The text between mark and the next '<' in body into out; 0 or -1. */
static int text_after(const char *body, const char *mark, char *out, size_t n)
{
	const char *p = strstr(body, mark), *e;
	if (!p || !(e = strchr(p += strlen(mark), '<')))
		return -1;
	snprintf(out, n, "%.*s", (int)(e - p), p);
	return 0;
}

int agent_enrol(const struct server *s, struct agent *ag, char key[64], char code0[32])
{
	struct reply r;
	char shown[80], code[8];
	if (agent_http(s, ag, "GET", "/intern/konto/zwei-faktor", NULL, NULL, &r) != 0)
		return -1;
	int rc = r.status == 200 ? text_after(buf_str(&r.body), "id=\"secret\">", shown, sizeof(shown)) : -1;
	reply_free(&r);
	if (rc != 0)
		return -1;
	size_t k = 0;
	for (const char *p = shown; *p && k < 63; p++)
		if (*p != ' ')
			key[k++] = *p;
	key[k] = '\0';
	if (totp_now(key, code) != 0 || agent_post(s, ag, "/intern/konto/zwei-faktor", form("code", code, NULL), &r) != 0)
		return -1;
	rc = r.status == 200 ? text_after(buf_str(&r.body), "<ol class=\"recovery-codes\"><li><code>", code0, 32) : -1;
	reply_free(&r);
	return rc;
}

/* The codes used per key, so that a second sign-in within one time step
 * takes the next step's code (the server takes each step once). */
static struct {
	char key[64];
	long long step;
} used[16];

int totp_now(const char *key, char out[8])
{
	size_t i;
	for (i = 0; i < 16 && *used[i].key && strcmp(used[i].key, key) != 0; i++)
		;
	if (i == 16)
		i = 0;
	for (;;) {
		long long cur = (long long)time(NULL) / 30, step = cur;
		if (strcmp(used[i].key, key) == 0 && used[i].step >= step)
			step = used[i].step + 1;
		if (step <= cur + 1) {
			char *raw = NULL;
			size_t len = 0;
			if (oath_init() != OATH_OK || oath_base32_decode(key, strlen(key), &raw, &len) != OATH_OK)
				return -1;
			int rc = oath_totp_generate(raw, len, (time_t)(step * 30), 30, 0, 6, out);
			free(raw);
			if (rc != OATH_OK)
				return -1;
			snprintf(used[i].key, sizeof(used[i].key), "%s", key);
			used[i].step = step;
			return 0;
		}
		sleep_ms(500);
	}
}

long agent_login_as(const struct server *s, struct agent *ag, enum demo_role role)
{
	return agent_login(s, ag, demo_email[role], s->demo_pw[role]);
}

int agent_cookie(struct agent *ag, const char *name, char *out, size_t n)
{
	struct curl_slist *cookies = NULL;
	int found = -1;
	curl_easy_getinfo(ag->curl, CURLINFO_COOKIELIST, &cookies);
	for (struct curl_slist *c = cookies; c; c = c->next) {
		/* Netscape format: domain, flag, path, secure, expiry, name, value (tabs) */
		const char *f = c->data;
		for (int i = 0; i < 5 && f; i++) {
			f = strchr(f, '\t');
			if (f)
				f++;
		}
		if (!f)
			continue;
		size_t nl = strlen(name);
		if (strncmp(f, name, nl) == 0 && f[nl] == '\t') {
			snprintf(out, n, "%s", f + nl + 1);
			found = 0;
			break;
		}
	}
	curl_slist_free_all(cookies);
	return found;
}

/* ---- shared test helpers ---- */

void assert_contains(const char *hay, const char *needle)
{
	if (!strstr(hay, needle))
		fail_msg("expected to find '%s' in:\n%.4000s", needle, hay);
}

void assert_not_contains(const char *hay, const char *needle)
{
	if (strstr(hay, needle))
		fail_msg("did not expect '%s' in:\n%.4000s", needle, hay);
}

char *file_slurp(const char *path, size_t *len)
{
	*len = 0;
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	buf b;
	buf_init(&b, 0);
	char chunk[8192];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_append(&b, chunk, n);
	int bad = ferror(f);
	fclose(f);
	if (bad) {
		buf_free(&b);
		return NULL;
	}
	*len = b.len;
	return b.data ? b.data : strdup("");
}

void file_write(const char *dir, const char *name, const char *text)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	size_t len = strlen(text);
	assert_int_equal(fwrite(text, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

long agent_fetch(const struct server *s, struct agent *ag, const char *path, struct reply *r)
{
	assert_int_equal(agent_http(s, ag, "GET", path, NULL, NULL, r), 0);
	return r->status;
}

long agent_submit(const struct server *s, struct agent *ag, const char *path, const char *body,
		  struct reply *r)
{
	assert_int_equal(agent_post(s, ag, path, body, r), 0);
	return r->status;
}

const char *form(const char *key, ...)
{
	static char out[16384];
	static const char hex[] = "0123456789ABCDEF";
	size_t n = 0;
	va_list ap;
	va_start(ap, key);
	out[0] = '\0';
	for (const char *k = key; k; k = va_arg(ap, const char *)) {
		const char *v = va_arg(ap, const char *);
		n += (size_t)snprintf(out + n, sizeof(out) - n, "%s%s=", n ? "&" : "", k);
		for (const unsigned char *p = (const unsigned char *)v; *p && n + 4 < sizeof(out); p++) {
			if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
			    *p == '-' || *p == '_' || *p == '.') {
				out[n++] = (char)*p;
			} else {
				out[n++] = '%';
				out[n++] = hex[*p >> 4];
				out[n++] = hex[*p & 15];
			}
		}
		out[n] = '\0';
	}
	va_end(ap);
	return out;
}

void assert_tidy(const struct server *s, const char *body, const char *what)
{
	char file[300], cmd[400];
	snprintf(file, sizeof(file), "%s/tidy-input.html", s->dir);
	FILE *f = fopen(file, "w");
	assert_non_null(f);
	fputs(body, f);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "command -v tidy >/dev/null && tidy -errors -quiet --show-warnings no '%s' 2>&1", file);
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	char line[512], errors[4096] = "";
	while (fgets(line, sizeof(line), p))
		if (strstr(line, "Error:") && strlen(errors) + strlen(line) < sizeof(errors))
			strcat(errors, line);
	pclose(p);
	if (*errors)
		fail_msg("tidy found HTML errors in %s:\n%s", what, errors);
}

int agent_post_bytes(const struct server *s, struct agent *ag, const char *path, const char *body, size_t len,
		     const char *content_type, struct reply *out)
{
	CURL *c = ag->curl;
	struct curl_slist *hl = request_begin(c, s, path, content_type, NULL, out);
	curl_easy_setopt(c, CURLOPT_NOBODY, 0L);
	curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, NULL);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
	int rc = request_send(c, out);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, NULL);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, NULL);
	curl_slist_free_all(hl);
	return rc;
}

void harness_save(const struct server *s, const char *name, const buf *data, char *out, size_t n)
{
	snprintf(out, n, "%s/%s", s->dir, name);
	FILE *f = fopen(out, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data->data, 1, data->len, f), data->len);
	fclose(f);
}

void assert_qda_valid(const char *file, int qdpx)
{
	const char *root = getenv("LOTSE_SOURCE_ROOT");
	assert_non_null(root);
	char cmd[1600];
	if (qdpx)
		snprintf(cmd, sizeof(cmd),
			 "rm -rf '%s.d' && mkdir '%s.d' && cd '%s.d' && unzip -q '%s' && "
			 "xmllint --noout --schema '%s/tests/data/refi-qda/Project-mrt2019.xsd' project.qde 2>&1",
			 file, file, file, file, root);
	else
		snprintf(cmd, sizeof(cmd), "xmllint --noout --schema '%s/tests/data/refi-qda/Codebook.xsd' '%s' 2>&1", root,
			 file);
	int st = system(cmd);
	if (st != 0)
		fail_msg("%s does not validate (%s)", file, cmd);
}
