/* harness.c — a real lotse server per test group, and libcurl requests. */
#include "harness.h"

#include <curl/curl.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

const char *harness_bin = "build/lotse";

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	nanosleep(&ts, NULL);
}

int run_lotse(buf *out, ...)
{
	const char *argv[16] = { harness_bin };
	int n = 1;
	va_list ap;
	va_start(ap, out);
	const char *a;
	while ((a = va_arg(ap, const char *)) != NULL && n < 15)
		argv[n++] = a;
	va_end(ap);
	argv[n] = NULL;
	int fds[2];
	if (pipe(fds) != 0)
		return -1;
	pid_t pid = fork();
	if (pid == 0) {
		dup2(fds[1], 1);
		dup2(fds[1], 2);
		close(fds[0]);
		execv(harness_bin, (char *const *)argv);
		_exit(127);
	}
	close(fds[1]);
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

static const char *saved_env;

static int spawn(struct server *s)
{
	remove(s->log);
	s->pid = fork();
	if (s->pid == 0) {
		FILE *f = freopen(s->log, "w", stderr);
		(void)f;
		if (saved_env)
			putenv((char *)saved_env);
		execl(harness_bin, harness_bin, "serve", "--db", s->db, "--listen", "127.0.0.1:0",
		      "--threads", "4", (char *)NULL);
		_exit(127);
	}
	/* Wait for "listening on http://127.0.0.1:PORT" in the log. */
	for (int i = 0; i < 200; i++) {
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

int server_start(struct server *s, const char *extra_env)
{
	memset(s, 0, sizeof(*s));
	saved_env = extra_env;
	snprintf(s->dir, sizeof(s->dir), "/tmp/lotse-test-XXXXXX");
	if (!mkdtemp(s->dir))
		return -1;
	snprintf(s->db, sizeof(s->db), "%s/lotse.db", s->dir);
	snprintf(s->log, sizeof(s->log), "%s/server.log", s->dir);
	if (run_lotse(NULL, "init", "--db", s->db, "--demo", NULL) != 0)
		return -1;
	return spawn(s);
}

int server_restart(struct server *s)
{
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
}

static size_t on_data(char *p, size_t size, size_t n, void *ud)
{
	buf_append(ud, p, size * n);
	return size * n;
}

int http(const struct server *s, const char *method, const char *path, const char *body,
	 size_t body_len, const char *content_type, const char *extra_header, struct reply *out)
{
	memset(out, 0, sizeof(*out));
	buf_init(&out->body, 0);
	buf_init(&out->headers, 0);
	CURL *c = curl_easy_init();
	if (!c)
		return -1;
	char url[1024];
	snprintf(url, sizeof(url), "%s%s", s->base, path);
	struct curl_slist *hl = NULL;
	char ct[256];
	if (content_type) {
		snprintf(ct, sizeof(ct), "Content-Type: %s", content_type);
		hl = curl_slist_append(hl, ct);
	}
	if (extra_header)
		hl = curl_slist_append(hl, extra_header);
	hl = curl_slist_append(hl, "Expect:");
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, hl);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &out->body);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_data);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, &out->headers);
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
	CURLcode rc = curl_easy_perform(c);
	if (rc == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &out->status);
	curl_slist_free_all(hl);
	curl_easy_cleanup(c);
	return rc == CURLE_OK ? 0 : -1;
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
		sqlite3_busy_timeout(db, 5000);
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
