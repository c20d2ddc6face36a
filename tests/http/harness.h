/* harness.h — start the real lotse server on 127.0.0.1 with a fresh
 * database, and talk HTTP to it with libcurl. */
#ifndef LOTSE_TEST_HARNESS_H
#define LOTSE_TEST_HARNESS_H

#include "core/buf.h"
#include "../support/sanitized.h"

#include <stddef.h>
#include <sys/types.h>

/* 1 under AddressSanitizer (tests/support/sanitized.h), else 0 */
#define HARNESS_SANITIZED LOTSE_TEST_SANITIZED

/* Demo accounts created by `lotse init --demo`, by role. */
enum demo_role { DEMO_ADMIN, DEMO_EDITOR, DEMO_RESEARCHER, DEMO_COUNSELLOR, DEMO_PARTNER, DEMO__COUNT };
extern const char *const demo_email[DEMO__COUNT];

struct agent;
#define HARNESS_SEATS 16 /* agents one server's group may hold */

struct server {
	pid_t pid;
	char demo_pw[DEMO__COUNT][32]; /* their passwords, read from init's output */
	char admin_totp[64]; /* the demo admin's second-factor key (base32), from init's output */
	char dir[256];   /* temporary folder holding the database and log */
	char db[320];
	char log[320];
	char base[64];   /* http://127.0.0.1:PORT */
	/* the agents harness_group_setup and harness_sign_in gave this
	 * server, freed by harness_group_teardown */
	struct agent *seated[HARNESS_SEATS];
	int n_seated;
};

/* The lotse binary under test (argv[1] of the test program). */
extern const char *harness_bin;
/* Take harness_bin from a test program's argv[1]: 0, or -1 after a usage
 * line on stderr when it is missing. */
int harness_args(int argc, char **argv);

/* Create a demo database in a new temporary folder and start the server
 * on a free port. Returns 0 when it answers. extra_env (NULL or
 * "NAME=value") is added to the server's environment. The first demo
 * database of a test program is made by `lotse init --demo` (or copied
 * from the one an earlier program of the run left in
 * LOTSE_TEST_DEMO_CACHE: harness.c, make_demo); the later ones are
 * copies of it (files and demo accounts alike). */
int server_start(struct server *s, const char *extra_env);
/* The same on a database made by plain `lotse init` (no --demo), as a
 * real install starts: the site's own pages with placeholder text, no
 * directory content, no accounts (demo_pw stays empty). */
int server_start_plain(struct server *s, const char *extra_env);
/* Start again on an existing database (after a stop or a kill). */
int server_restart(struct server *s);
/* The same with extra_env (as for server_start; NULL: none) in place of
 * the first start's, for this and later restarts. */
int server_restart_env(struct server *s, const char *extra_env);
/* SIGTERM and wait; returns the exit status, or -1. */
int server_stop(struct server *s);
/* Remove the temporary folder. */
void server_cleanup(struct server *s);

/* Run lotse with argv (NULL-terminated; argv[0] is set to the binary)
 * and return its exit status; input (or NULL) goes to its standard
 * input, its stdout+stderr to out when out is not NULL. */
int run_lotse_argv(const char *input, buf *out, const char **argv);
/* Run `lotse ARGS...` (NULL-terminated) and return its exit status;
 * its stdout+stderr go to out when out is not NULL. */
int run_lotse(buf *out, ...) __attribute__((sentinel));
/* The same with input written to its standard input. */
int run_lotse_input(const char *input, buf *out, ...) __attribute__((sentinel));

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
/* The UUID after prefix in r's Location header, into out; the test fails
 * when the header is missing, starts otherwise or holds no whole UUID. */
void reply_location_uuid(const struct reply *r, const char *prefix, char out[37]);
/* The version an edit form in r's body was made from (its hidden field
 * "version") as text, in one of four rotating static buffers; the test
 * fails when there is none. */
const char *reply_form_version(const struct reply *r);
void reply_free(struct reply *r);

/* A browser-like client: keeps cookies between requests (libcurl's
 * cookie engine) and remembers the last CSRF token it saw in a form. */
struct agent {
	void *curl;
	char csrf[64];
};

int agent_init(struct agent *ag);
void agent_free(struct agent *ag);
/* Like http(), with the agent's cookies; picks up a csrf token from the
 * reply body when there is one. */
int agent_http(const struct server *s, struct agent *ag, const char *method, const char *path,
	       const char *body, const char *content_type, struct reply *out);
/* POST len bytes of body (they may hold NUL: a multipart upload) with the
 * agent's cookies. 0 when a reply came. */
int agent_post_bytes(const struct server *s, struct agent *ag, const char *path, const char *body, size_t len,
		     const char *content_type, struct reply *out);
/* GET /login, then POST the credentials with the form's token. Returns
 * the status of the POST (303 on success). */
long agent_login(const struct server *s, struct agent *ag, const char *email, const char *password);
/* The second step of a sign-in waiting at /login/code: POST the current
 * code of the authenticator key (base32). Returns the status (303). The
 * demo admin's sign-ins (agent_login, agent_login_as) take this step by
 * themselves. */
long agent_login_code(const struct server *s, struct agent *ag, const char *key);
/* The TOTP code (RFC 6238, by liboath) of key for now, or for the next
 * time step when now's was handed out already for key (waiting when
 * that is more than one step ahead), into out. 0, or -1. */
int totp_now(const char *key, char out[8]);
/* Turn the second factor on for ag's account as a person would: read the
 * key from /intern/konto/zwei-faktor into key (base32, no spaces), send
 * its code, and read the first recovery code shown into code0. 0 or -1. */
int agent_enrol(const struct server *s, struct agent *ag, char key[64], char code0[32]);
/* Sign in as a demo role. */
long agent_login_as(const struct server *s, struct agent *ag, enum demo_role role);
/* POST a form (urlencoded body without the token): "&csrf=<token>" is
 * appended from the agent's last seen token. */
int agent_post(const struct server *s, struct agent *ag, const char *path, const char *body,
	       struct reply *out);
/* The value of the cookie name in the agent's jar, copied to out (size
 * n); 0 when found. */
int agent_cookie(struct agent *ag, const char *name, char *out, size_t n);

/* Run SQL on the server's database and return the first column of the
 * first row as a number (-1 on error). */
long db_scalar(const struct server *s, const char *sql);
/* The same with the SQL made by printf from fmt (at most 1 KiB). */
long db_scalarf(const struct server *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The first column of sql's first row (its one parameter bound to the
 * text param; NULL: no parameter) as text into out (size n), "" when
 * there is no row or on an error; returns out. */
const char *db_text(const struct server *s, const char *sql, const char *param, char *out, size_t n);
/* Wait up to limit_s seconds for s's search index to hold every committed
 * change (no row left in search_dirty), looking at the database file every
 * 20 ms (no request, so none asks the server to index); the seconds
 * it took, or -1 when the time ran out. */
double db_wait_indexed(const struct server *s, double limit_s);

/* ---- shared test helpers (they fail the running cmocka test) ---- */

/* Fail unless needle occurs in hay (showing the start of hay). */
void assert_contains(const char *hay, const char *needle);
/* Fail when needle occurs in hay. */
void assert_not_contains(const char *hay, const char *needle);
/* The whole file at path, NUL-terminated (malloc'd; *len its size without
 * the NUL), or NULL when it cannot be read. */
char *file_slurp(const char *path, size_t *len);
/* Write text to the file name in the folder dir (made or replaced); the
 * test fails when it cannot be written whole. */
void file_write(const char *dir, const char *name, const char *text);

/* ---- one server per group (harness_group.c) ----
 *
 * Most test programs run their tests as one cmocka group on one server
 * with a few signed-in agents. Declare the server and agents static and
 * write, at file scope and without a semicolon,
 *
 *     HARNESS_GROUP(srv, extra_env, &editor, DEMO_EDITOR, &visitor, DEMO__COUNT, NULL)
 *
 * which defines group_setup (harness_group_setup) and group_teardown
 * (harness_group_teardown) for cmocka_run_group_tests(). A group that
 * needs more at its start (accounts of its own: harness_sign_in_new)
 * writes its group_setup itself, calling harness_group_setup first, and
 * declares only the teardown with HARNESS_GROUP_TEARDOWN(srv). */

/* Start s (extra_env as for server_start), then for each pair (struct
 * agent *, enum demo_role) up to NULL init the agent and sign it in as
 * the role (DEMO__COUNT: init only, stay anonymous); the agents are
 * seated on s for the teardown. Returns 0, or -1 when anything failed,
 * and then the server is stopped and its folder removed already (cmocka
 * may run no group teardown after a failed setup). A group_setup of its
 * own that fails after this one succeeded calls harness_group_teardown
 * itself for the same reason. */
int harness_group_setup(struct server *s, const char *extra_env, ...) __attribute__((sentinel));
/* Free the agents seated on s and each agent named (struct agent *, up to
 * NULL; an agent seated and named is freed once), stop the server
 * (showing its log when it did not end cleanly; not when it is stopped
 * already) and remove its folder. Returns 0 when the server ended cleanly
 * or was stopped already, else -1. Also a test's teardown for a server
 * of its own (cmocka_unit_test_teardown), which runs when the test failed
 * an assert between its server_start and its server_stop.
 *
 * Every server and lotse command the harness starts ends with the test
 * program (SIGTERM when it exits, however: a crash, a sanitizer's report,
 * a teardown that never ran), and none holds the program's output open. */
int harness_group_teardown(struct server *s, ...) __attribute__((sentinel));

#define HARNESS_GROUP_TEARDOWN(srv)                             \
	static int group_teardown(void **state)                 \
	{                                                       \
		(void)state;                                    \
		return harness_group_teardown(&(srv), NULL);    \
	}
#define HARNESS_GROUP(srv, extra_env, ...)                                     \
	static int group_setup(void **state)                                   \
	{                                                                      \
		(void)state;                                                   \
		return harness_group_setup(&(srv), (extra_env), __VA_ARGS__); \
	}                                                                      \
	HARNESS_GROUP_TEARDOWN(srv)

/* `lotse user add` on s's database: the account email with password,
 * the display name (NULL: none) and the roles after it (names such as
 * "editor", up to NULL; at most 11). 0, or -1 with the command's output
 * on stderr. */
int harness_user_add(const struct server *s, const char *email, const char *password, const char *name, ...)
	__attribute__((sentinel));
/* Init ag, sign it in with email and password and seat it on s (freed by
 * harness_group_teardown). 0 when the sign-in answered 303, else -1. */
int harness_sign_in(struct server *s, struct agent *ag, const char *email, const char *password);
/* A new account (harness_user_add with the one role) and ag signed in
 * to it (harness_sign_in). 0, or -1. */
int harness_sign_in_new(struct server *s, struct agent *ag, const char *email, const char *password,
			const char *name, const char *role);

/* GET path with ag, asserting a reply came; returns its status, the
 * reply in r. */
long agent_fetch(const struct server *s, struct agent *ag, const char *path, struct reply *r);
/* agent_post() asserting a reply came; returns its status, reply in r. */
long agent_submit(const struct server *s, struct agent *ag, const char *path, const char *body,
		  struct reply *r);

/* An urlencoded body from key/value pairs ending in NULL (static buffer). */
const char *form(const char *key, ...) __attribute__((sentinel));

/* No HTML errors in body according to tidy (as the browser suite checks);
 * skipped when tidy is not installed. what names the page in the message. */
void assert_tidy(const struct server *s, const char *body, const char *what);

/* Write data to the server's folder as name; the path in out. */
void harness_save(const struct server *s, const char *name, const buf *data, char *out, size_t n);
/* xmllint --schema on a REFI-QDA file (in a .qdpx, qdpx 1: its
 * project.qde; else a .qdc) against the schemas in tests/data/refi-qda
 * (LOTSE_SOURCE_ROOT); fails the test when it does not validate. */
void assert_qda_valid(const char *file, int qdpx);

#endif
