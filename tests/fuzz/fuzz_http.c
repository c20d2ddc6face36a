/* fuzz_http.c — the whole request path: raw bytes from a client through
 * libmicrohttpd, the server's limits and body parsing, the router and the
 * handlers, to the database and back.
 *
 * LLVMFuzzerInitialize creates a demo database in a temporary folder and
 * starts the real server (server_launch) without a listening socket. Each
 * input is written to one end of a socketpair whose other end is handed to
 * the server; the write side is then shut and the response read until the
 * server closes. The server runs one worker thread, so runs repeat.
 * Properties: the server never answers 500 (its "internal error"; 5xx from
 * libmicrohttpd itself are fine), and the process never crashes, leaks or
 * hangs (a connection not closed within 10 s aborts). */
#include "fuzz.h"
#include "auth/auth.h"
#include "html/layout.h"
#include "search/search.h"
#include "core/i18n.h"
#include "core/log.h"
#include "http/server.h"
#include "http/static.h"
#include "routes.h"
#include "site/site.h"
#include "store/store.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static struct server_handle *srv;
static struct server_config cfg;
static char dir[300];
static char db[sizeof(dir) + 16];

static void cleanup(void)
{
	server_shutdown(srv);
	srv = NULL;
	char p[sizeof(db) + 8];
	remove(db);
	snprintf(p, sizeof(p), "%s-wal", db);
	remove(p);
	snprintf(p, sizeof(p), "%s-shm", db);
	remove(p);
	rmdir(dir);
	i18n_free();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	search_init(); /* the schema needs its tokenizer */
	(void)argc, (void)argv;
	log_set_quiet(1);
	/* every well-formed contact POST should reach the database */
	setenv("LOTSE_CONTACT_RATE", "1000000", 1);
	if (i18n_init() != 0)
		abort();
	static_init();
	const char *tmp = getenv("TMPDIR");
	snprintf(dir, sizeof(dir), "%s/lotse-fuzz-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		abort();
	}
	snprintf(db, sizeof(db), "%s/fuzz.db", dir);
	struct store *s;
	char err[400];
	if (store_open(db, STORE_CREATE, &s, err, sizeof(err)) != ST_OK ||
	    store_migrate(s, err, sizeof(err)) != ST_OK || site_demo_load(s, err, sizeof(err)) != ST_OK) {
		fprintf(stderr, "fuzz_http: %s\n", err);
		abort();
	}
	store_close(s);
	cfg = (struct server_config){
		.db_path = db,
		.listen = "127.0.0.1:8080",
		.threads = 1,
		.max_body = SERVER_MAX_BODY,
		.timeout_s = 5,
		.routes = app_routes,
		.nroutes = app_routes_count,
		.error_page = layout_error_page,
		.authorize = app_authorize,
		.may = auth_may,
	};
	if (server_launch(&cfg, SERVER_NO_LISTEN, &srv) != 0)
		abort();
	atexit(cleanup);
	return 0;
}

static int64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The status of the first response in the stream, or 0. */
static int first_status(const char *resp, size_t len)
{
	if (len < 12 || memcmp(resp, "HTTP/1.", 7) != 0)
		return 0;
	return atoi(resp + 9);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int sv[2];
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) {
		perror("socketpair");
		abort();
	}
	struct sockaddr_in peer = { .sin_family = AF_INET, .sin_port = htons(40000) };
	peer.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (server_add_connection(srv, sv[1], (struct sockaddr *)&peer, sizeof(peer)) != 0) {
		close(sv[0]);
		return 0; /* refused (the server closed sv[1]) */
	}
	int fd = sv[0];
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);

	static char resp[1 << 16];
	size_t rlen = 0, sent = 0;
	int wr_open = 1;
	if (size == 0) {
		shutdown(fd, SHUT_WR);
		wr_open = 0;
	}
	int64_t deadline = now_ms() + 10000;
	for (;;) {
		struct pollfd p = { fd, POLLIN | (wr_open ? POLLOUT : 0), 0 };
		int64_t left = deadline - now_ms();
		if (left <= 0) {
			fprintf(stderr, "fuzz_http: the server kept a half-closed connection open for 10 s\n");
			abort();
		}
		int n = poll(&p, 1, (int)left);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			perror("poll");
			abort();
		}
		if (wr_open && (p.revents & (POLLOUT | POLLERR | POLLHUP))) {
			ssize_t w = send(fd, data + sent, size - sent, MSG_NOSIGNAL);
			if (w > 0)
				sent += (size_t)w;
			if ((w < 0 && errno != EAGAIN && errno != EINTR) || sent == size) {
				shutdown(fd, SHUT_WR);
				wr_open = 0;
			}
		}
		if (p.revents & (POLLIN | POLLHUP | POLLERR)) {
			char tmp[8192];
			ssize_t r = recv(fd, tmp, sizeof(tmp), 0);
			if (r == 0 || (r < 0 && errno != EAGAIN && errno != EINTR))
				break;
			if (r > 0 && rlen < sizeof(resp)) {
				size_t k = (size_t)r < sizeof(resp) - rlen ? (size_t)r : sizeof(resp) - rlen;
				memcpy(resp + rlen, tmp, k);
				rlen += k;
			}
		}
	}
	close(fd);
	int status = first_status(resp, rlen);
	if (status == 500) { /* 5xx from libmicrohttpd itself (505, 501) are fine */
		fprintf(stderr, "fuzz_http: the server answered %d:\n%.*s\n", status,
			(int)(rlen < 2000 ? rlen : 2000), resp);
		abort();
	}
	return 0;
}
