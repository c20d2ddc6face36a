/* test_transport.c — the server's edge, with raw sockets from chosen
 * loopback addresses (127.0.0.1 and 127.0.0.2 are two clients): the
 * client's address behind a trusted proxy (X-Forwarded-For), HSTS, the
 * per-address connection limit and the deadline for a request's head
 * against many slow clients. */
#include "harness.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/* The proxy's server: LOTSE_TRUSTED_PROXY=127.0.0.2 and at most
 * PROXY_LIMIT connections per address. */
static struct server proxied;
#define PROXY_LIMIT 5
/* A test's own server, stopped by own_teardown also when the test fails. */
static struct server own;
/* The slow clients' sockets (closed by own_teardown). */
static int *slow_fds;
static int nslow;

static int64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void pause_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	nanosleep(&ts, NULL);
}

/* A TCP connection from the loopback address from to s; -1 on failure. */
static int dial(const struct server *s, const char *from)
{
	const char *colon = strrchr(s->base, ':');
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0 || !colon)
		return -1;
	struct sockaddr_in me = { .sin_family = AF_INET };
	struct sockaddr_in to = { .sin_family = AF_INET, .sin_port = htons((uint16_t)atoi(colon + 1)) };
	inet_pton(AF_INET, from, &me.sin_addr);
	inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
	if (bind(fd, (struct sockaddr *)&me, sizeof(me)) != 0 ||
	    connect(fd, (struct sockaddr *)&to, sizeof(to)) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

static int send_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t k = send(fd, p, n, MSG_NOSIGNAL);
		if (k <= 0)
			return -1;
		p += k;
		n -= (size_t)k;
	}
	return 0;
}

/* Send the request text req (which says Connection: close) from the
 * address from and read the answer into out until the server closes.
 * Returns the status, or -1 when no answer came. */
static long exchange(const struct server *s, const char *from, const char *req, buf *out)
{
	buf_reset(out);
	int fd = dial(s, from);
	if (fd < 0)
		return -1;
	if (send_all(fd, req, strlen(req)) == 0) {
		char b[4096];
		ssize_t k;
		struct pollfd p = { .fd = fd, .events = POLLIN };
		while (poll(&p, 1, 10000) == 1 && (k = recv(fd, b, sizeof(b), 0)) > 0)
			buf_append(out, b, (size_t)k);
	}
	close(fd);
	long status = -1;
	if (sscanf(buf_str(out), "HTTP/1.%*d %ld", &status) != 1)
		return -1;
	return status;
}

/* The value of header name in the raw answer, or NULL (static buffer). */
static const char *raw_header(const buf *answer, const char *name)
{
	static char val[256];
	const char *p = buf_str(answer);
	const char *end = strstr(p, "\r\n\r\n");
	size_t n = strlen(name);
	while ((p = strstr(p, "\r\n")) && (!end || p < end)) {
		p += 2;
		if (strncasecmp(p, name, n) == 0 && p[n] == ':') {
			const char *v = p + n + 1 + strspn(p + n + 1, " ");
			size_t l = strcspn(v, "\r\n");
			snprintf(val, sizeof(val), "%.*s", (int)(l < sizeof(val) ? l : sizeof(val) - 1), v);
			return val;
		}
	}
	return NULL;
}

/* POST a contact message from the socket address from, with the given
 * extra header lines ("" or "Name: value\r\n..."). Returns the status. */
static long contact(const struct server *s, const char *from, const char *headers)
{
	static const char body[] = "name=A&email=a%40example.org&message=Hallo&consent=1";
	char req[1024];
	snprintf(req, sizeof(req),
		 "POST /kontakt HTTP/1.1\r\nHost: lotse.test\r\nConnection: close\r\n"
		 "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: %zu\r\n%s\r\n%s",
		 sizeof(body) - 1, headers, body);
	buf out;
	buf_init(&out, 0);
	long st = exchange(s, from, req, &out);
	buf_free(&out);
	return st;
}

static long get_page(const struct server *s, const char *from, const char *headers, buf *out)
{
	char req[512];
	snprintf(req, sizeof(req), "GET / HTTP/1.1\r\nHost: lotse.test\r\nConnection: close\r\n%s\r\n",
		 headers);
	return exchange(s, from, req, out);
}

static int group_setup(void **state)
{
	(void)state;
	setenv("LOTSE_CONNECTIONS_PER_ADDRESS", "5", 1);
	int rc = server_start_plain(&proxied, "LOTSE_TRUSTED_PROXY=127.0.0.2");
	unsetenv("LOTSE_CONNECTIONS_PER_ADDRESS");
	return rc;
}

HARNESS_GROUP_TEARDOWN(proxied)

static int own_teardown(void **state)
{
	(void)state;
	int rc = 0;
	for (int i = 0; i < nslow; i++)
		if (slow_fds[i] >= 0)
			close(slow_fds[i]);
	free(slow_fds);
	slow_fds = NULL;
	nslow = 0;
	if (own.pid > 0)
		rc = server_stop(&own) == 0 ? 0 : -1;
	if (own.dir[0])
		server_cleanup(&own);
	memset(&own, 0, sizeof(own));
	return rc;
}

/* ---- the client behind a trusted proxy ---- */

/* Behind the proxy, two X-Forwarded-For clients are two clients for the
 * contact form's limit (5 in 10 minutes): five messages from one do not
 * close the form for the other. The right-most hop that is not the proxy
 * counts, so what a client writes left of it changes nothing; from a
 * socket that is not the proxy the header is ignored. */
static void test_forwarded_for(void **state)
{
	(void)state;
	const struct server *s = &proxied;
	for (int i = 0; i < 5; i++)
		assert_int_equal(contact(s, "127.0.0.2", "X-Forwarded-For: 198.51.100.1\r\n"), 303);
	assert_int_equal(contact(s, "127.0.0.2", "X-Forwarded-For: 198.51.100.1\r\n"), 429);
	/* a made-up hop left of the one the proxy appended */
	assert_int_equal(contact(s, "127.0.0.2", "X-Forwarded-For: 203.0.113.9, 198.51.100.1\r\n"), 429);
	/* the same address in another spelling, and a second proxy hop */
	assert_int_equal(contact(s, "127.0.0.2", "X-Forwarded-For: ::ffff:198.51.100.1\r\n"), 429);
	assert_int_equal(contact(s, "127.0.0.2", "X-Forwarded-For: 198.51.100.1, 127.0.0.2\r\n"), 429);
	/* two headers: the last one's right-most hop is the proxy's */
	assert_int_equal(contact(s, "127.0.0.2", "X-Forwarded-For: 198.51.100.2\r\n"
						 "X-Forwarded-For: 198.51.100.1\r\n"), 429);
	/* another client through the same proxy still gets through */
	assert_int_equal(contact(s, "127.0.0.2", "X-Forwarded-For: 198.51.100.2\r\n"), 303);
	assert_int_equal(contact(s, "127.0.0.2", "X-Forwarded-For: [2001:db8::2]:4711\r\n"), 303);

	/* not the proxy: the header is ignored, the socket's address counts */
	for (int i = 0; i < 5; i++) {
		char h[64];
		snprintf(h, sizeof(h), "X-Forwarded-For: 198.51.100.%d\r\n", 10 + i);
		assert_int_equal(contact(s, "127.0.0.1", h), 303);
	}
	assert_int_equal(contact(s, "127.0.0.1", "X-Forwarded-For: 198.51.100.20\r\n"), 429);
	assert_int_equal(db_scalar(s, "SELECT count(*) FROM contact_message"), 12);
}

/* Without LOTSE_TRUSTED_PROXY nobody's X-Forwarded-For is believed: a
 * new made-up address per message does not escape the limit. */
static void test_forwarded_for_ignored(void **state)
{
	(void)state;
	struct server *s = &own;
	assert_int_equal(server_start_plain(s, NULL), 0);
	for (int i = 0; i < 5; i++) {
		char h[64];
		snprintf(h, sizeof(h), "X-Forwarded-For: 198.51.100.%d\r\n", 10 + i);
		assert_int_equal(contact(s, "127.0.0.1", h), 303);
	}
	assert_int_equal(contact(s, "127.0.0.1", "X-Forwarded-For: 198.51.100.20\r\n"), 429);
	/* nor its X-Forwarded-Proto: no HSTS over plain HTTP */
	buf out;
	buf_init(&out, 0);
	assert_int_equal(get_page(s, "127.0.0.1", "X-Forwarded-Proto: https\r\n", &out), 200);
	assert_null(raw_header(&out, "Strict-Transport-Security"));
	buf_free(&out);
}

/* ---- HSTS ---- */

/* Strict-Transport-Security only when the request came over TLS: the
 * trusted proxy says X-Forwarded-Proto: https (on every answer, an error
 * page too), or LOTSE_TLS=1; never over plain HTTP, and never because an
 * untrusted client claims https. */
static void test_hsts(void **state)
{
	(void)state;
	const struct server *s = &proxied;
	buf out;
	buf_init(&out, 0);
	assert_int_equal(get_page(s, "127.0.0.2", "X-Forwarded-Proto: https\r\n", &out), 200);
	assert_non_null(raw_header(&out, "Strict-Transport-Security"));
	assert_string_equal(raw_header(&out, "Strict-Transport-Security"), "max-age=31536000");
	assert_int_equal(exchange(s, "127.0.0.2",
				  "GET /gibt-es-nicht HTTP/1.1\r\nHost: lotse.test\r\nConnection: close\r\n"
				  "X-Forwarded-Proto: https\r\n\r\n", &out), 404);
	assert_non_null(raw_header(&out, "Strict-Transport-Security"));

	assert_int_equal(get_page(s, "127.0.0.2", "X-Forwarded-Proto: http\r\n", &out), 200);
	assert_null(raw_header(&out, "Strict-Transport-Security"));
	assert_int_equal(get_page(s, "127.0.0.2", "", &out), 200);
	assert_null(raw_header(&out, "Strict-Transport-Security"));
	assert_int_equal(get_page(s, "127.0.0.1", "X-Forwarded-Proto: https\r\n", &out), 200);
	assert_null(raw_header(&out, "Strict-Transport-Security"));

	assert_int_equal(server_start_plain(&own, "LOTSE_TLS=1"), 0);
	assert_int_equal(get_page(&own, "127.0.0.1", "", &out), 200);
	assert_non_null(raw_header(&out, "Strict-Transport-Security"));
	assert_string_equal(raw_header(&out, "Strict-Transport-Security"), "max-age=31536000");
	buf_free(&out);
}

/* ---- slow clients ---- */

/* Is the connection still open (nothing to read, no end, no reset)? */
static int still_open(int fd)
{
	char b[512];
	ssize_t k = recv(fd, b, sizeof(b), MSG_DONTWAIT);
	if (k > 0)
		return 1; /* an answer: not what slow clients get, but open */
	return k < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
}

/* The per-address limit: the trusted proxy (every client's socket
 * address) may hold more connections than the limit, any other address
 * only the limit (LOTSE_CONNECTIONS_PER_ADDRESS=5 here). */
static void test_connections_per_address(void **state)
{
	(void)state;
	const struct server *s = &proxied;
	int fds[2][12];
	const char *from[2] = { "127.0.0.2", "127.0.0.1" };
	for (int a = 0; a < 2; a++)
		for (int i = 0; i < 12; i++) {
			fds[a][i] = dial(s, from[a]);
			assert_true(fds[a][i] >= 0);
		}
	pause_ms(300);
	int open[2] = { 0, 0 };
	for (int a = 0; a < 2; a++)
		for (int i = 0; i < 12; i++)
			open[a] += still_open(fds[a][i]);
	assert_int_equal(open[0], 12);
	assert_int_equal(open[1], PROXY_LIMIT);
	/* the proxy's connections serve */
	static const char req[] = "GET / HTTP/1.1\r\nHost: lotse.test\r\nConnection: close\r\n\r\n";
	assert_int_equal(send_all(fds[0][11], req, sizeof(req) - 1), 0);
	struct pollfd p = { .fd = fds[0][11], .events = POLLIN };
	assert_int_equal(poll(&p, 1, 5000), 1);
	char b[64] = "";
	assert_true(recv(fds[0][11], b, sizeof(b) - 1, 0) > 12);
	assert_int_equal(strncmp(b, "HTTP/1.1 200", 12), 0);
	for (int a = 0; a < 2; a++)
		for (int i = 0; i < 12; i++)
			close(fds[a][i]);
}

#define SLOW 1100      /* more than the server's 1000 connections */
#define DEADLINE_S 2   /* LOTSE_HEAD_TIMEOUT of this test */

/* 1,100 clients from 127.0.0.1 trickle a request head, a byte a second
 * each, which libmicrohttpd's idle timeout never ends. The server keeps
 * only the per-address limit of them (50) open, so a GET / from another
 * address answers at once; and it closes those few when their head is
 * not complete after LOTSE_HEAD_TIMEOUT, bytes still coming. */
static void test_slow_clients(void **state)
{
	(void)state;
	struct rlimit rl;
	getrlimit(RLIMIT_NOFILE, &rl);
	if (rl.rlim_cur < SLOW + 200) {
		rl.rlim_cur = rl.rlim_max < SLOW + 200 ? rl.rlim_max : SLOW + 200;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	int n = rl.rlim_cur > SLOW + 100 ? SLOW : (int)rl.rlim_cur - 100;
	char env[32];
	snprintf(env, sizeof(env), "LOTSE_HEAD_TIMEOUT=%d", DEADLINE_S);
	struct server *s = &own;
	assert_int_equal(server_start_plain(s, env), 0);

	int *fds = slow_fds = calloc((size_t)n, sizeof(int));
	assert_non_null(fds);
	for (int i = 0; i < n; i++)
		fds[i] = -1;
	nslow = n;
	int64_t t0 = now_ms();
	for (int i = 0; i < n; i++) {
		fds[i] = dial(s, "127.0.0.1");
		assert_true(fds[i] >= 0);
		static const char start[] = "GET / HTTP/1.1\r\nHost: lotse.test\r\nX-Slow: ";
		send_all(fds[i], start, sizeof(start) - 1);
	}
	int64_t opened = now_ms() - t0;
	/* the server closes the connections over the limit as it gets to
	 * them: count until it has (on a loaded machine that takes seconds) */
	int open = 0;
	for (int tries = 0; tries < 20 && (tries == 0 || open > 50); tries++) {
		pause_ms(500);
		open = 0;
		for (int i = 0; i < n; i++)
			open += still_open(fds[i]);
	}
	print_message("%d slow connections opened in %lld ms, %d kept open\n", n, (long long)opened,
		      open);
	assert_true(open >= 1);
	assert_true(open <= 50);

	/* another client is served at once */
	buf out;
	buf_init(&out, 0);
	int64_t t = now_ms();
	assert_int_equal(get_page(s, "127.0.0.2", "", &out), 200);
	int64_t took = now_ms() - t;
	print_message("GET / from another address during the flood: %lld ms\n", (long long)took);
	assert_true(took < 2000);

	/* trickle a byte a second until past the deadline */
	int64_t last_open_ms = 0;
	while (now_ms() - t0 < opened + (DEADLINE_S + 2) * 1000) {
		pause_ms(1000);
		open = 0;
		for (int i = 0; i < n; i++)
			if (still_open(fds[i]) && send(fds[i], "a", 1, MSG_NOSIGNAL) == 1)
				open++;
		if (open)
			last_open_ms = now_ms() - t0;
	}
	print_message("the last slow connection was open %lld ms after the first opened\n",
		      (long long)last_open_ms);
	assert_int_equal(open, 0);

	/* and the slow clients' address is served again */
	assert_int_equal(get_page(s, "127.0.0.1", "", &out), 200);
	buf_free(&out);
}

int main(int argc, char **argv)
{
	if (harness_args(argc, argv) != 0)
		return 2;
	curl_global_init(CURL_GLOBAL_DEFAULT);
	const struct CMUnitTest proxy[] = {
		cmocka_unit_test(test_forwarded_for),
		cmocka_unit_test_teardown(test_hsts, own_teardown),
		cmocka_unit_test(test_connections_per_address),
	};
	const struct CMUnitTest alone[] = {
		cmocka_unit_test_teardown(test_forwarded_for_ignored, own_teardown),
		cmocka_unit_test_teardown(test_slow_clients, own_teardown),
	};
	int failed = cmocka_run_group_tests_name("transport-proxy", proxy, group_setup, group_teardown);
	failed += cmocka_run_group_tests_name("transport-own-server", alone, NULL, NULL);
	curl_global_cleanup();
	return failed ? 1 : 0;
}
