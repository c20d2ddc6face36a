/* auth.h — staff accounts: roles, passwords, sessions, CSRF, permission
 * checks and the audit log. Everything non-public in lotse sits behind it.
 *
 * Yardstick: OWASP ASVS 4.0.3 level 2, chapters V2, V3, V4, V7. */
#ifndef LOTSE_AUTH_H
#define LOTSE_AUTH_H

#include "html/html.h"
#include "http/router.h"
#include "store/store.h"

#include <stdint.h>
#include <stdio.h>

enum role {
	ROLE_ADMIN = 1 << 0,      /* users, settings */
	ROLE_EDITOR = 1 << 1,     /* website, directory content, review */
	ROLE_RESEARCHER = 1 << 2, /* surveys, interviews, analysis */
	ROLE_COUNSELLOR = 1 << 3, /* own case files */
	ROLE_PARTNER = 1 << 4,    /* one provider organisation's offers */
};
#define ROLE__COUNT 5

/* Role names as stored ("admin", ...) and their German labels (msgids),
 * indexed by bit position. */
extern const char *const auth_role_names[ROLE__COUNT];
extern const char *const auth_role_labels[ROLE__COUNT];
/* The bit for a role name, or 0. */
unsigned auth_role_parse(const char *name);

/* The signed-in user of a request; owned by the request arena. */
struct auth_user {
	int64_t id;
	const char *email;
	const char *name;
	unsigned roles;
	const char *org_id;   /* partner's organisation or NULL */
	const char *csrf;     /* this session's CSRF token */
	int64_t created_at;   /* of the session */
};

/* Session lifetime (ASVS 3.3.2). */
#define AUTH_IDLE_TIMEOUT (30 * 60)
#define AUTH_ABSOLUTE_TIMEOUT (12 * 60 * 60)

/* Wrong current passwords (my account, re-authentication): LOCK_FAILS
 * within LOCK_WINDOW seconds per session's user. Sign-in is throttled per
 * account and client instead (throttle.h, ASVS 2.2.1). */
#define AUTH_LOCK_FAILS 5
#define AUTH_LOCK_WINDOW (15 * 60)
/* Password checks (argon2id) running at once; more sign-ins meanwhile are
 * answered 503 at once (Retry-After) instead of queueing on the worker
 * threads that serve the public pages. */
#define AUTH_HASH_SLOTS 2

#define AUTH_MIN_PASSWORD 12
#define AUTH_MAX_PASSWORD 128 /* characters; ASVS 2.1.2: 64 allowed, more than 128 refused */

/* ---- domain rules (pure) ---- */

enum session_state { SESSION_OK, SESSION_IDLE, SESSION_EXPIRED };
enum session_state auth_session_state(int64_t created, int64_t last_seen, int64_t now);

/* Does a user with roles satisfy perm? */
int auth_allows(enum perm perm, unsigned roles);
/* Does r's signed-in user (set by auth_authorize) pass perm? The server's
 * "may" hook, for links (req_may_get). */
int auth_may(const struct req *r, enum perm perm);

/* NULL when password is acceptable for a new password, else the msgid of
 * the reason (too short, too common, contains the e-mail address). */
const char *auth_password_problem(const char *password, const char *email);

/* ---- passwords (password.c) ---- */

/* argon2id hash of password into out (crypto_pwhash_STRBYTES). 0 or -1. */
int auth_hash_password(const char *password, char out[128]);
/* Does password match hash? Takes the same time when hash is NULL
 * (unknown user): it then verifies against a dummy hash and fails. Waits
 * for one of the AUTH_HASH_SLOTS. */
int auth_verify_password(const char *hash, const char *password);
/* The same, but -1 at once when all AUTH_HASH_SLOTS are in use (sign-in). */
int auth_verify_password_try(const char *hash, const char *password);
/* A random password of n characters (n < size) for demo users. */
void auth_random_password(char *out, size_t size, size_t n);
/* A random URL-safe token of 43 characters (256 bits). */
void auth_token(char out[44]);

/* ---- users (users.c) ---- */

struct user_row {
	int64_t id;
	const char *email;
	const char *name;
	const char *pw_hash;
	const char *org_id;
	unsigned roles;
	int disabled;
	int64_t throttle_lifted_at; /* failed sign-ins before it are forgotten */
	int64_t created_at;
};

/* Create a user; *id receives the new id. ST_CONFLICT when the e-mail is taken. */
int auth_user_add(struct store *s, const char *email, const char *name, const char *password,
		  unsigned roles, const char *org_id, int64_t *id);
/* Find by e-mail (case-insensitive) or id; strings in a. ST_NOTFOUND when absent. */
int auth_user_by_email(struct store *s, arena *a, const char *email, struct user_row *u);
int auth_user_by_id(struct store *s, arena *a, int64_t id, struct user_row *u);
/* All users ordered by e-mail, as an array in a into *out; *n receives the
 * count. ST_OK, or ST_ERR (and no users) when they cannot be read. */
int auth_user_list(struct store *s, arena *a, struct user_row **out, size_t *n);
int auth_user_set_password(struct store *s, int64_t id, const char *password);
int auth_user_set_roles(struct store *s, int64_t id, unsigned roles, const char *org_id);
/* Disable (and end the sessions), or enable, which also lifts the
 * sign-in throttle: failures before now no longer slow anyone down
 * (lotse user enable, the admin's "freigeben"). */
int auth_user_set_disabled(struct store *s, int64_t id, int disabled);
/* A new e-mail address (the sign-in name) and name; ST_CONFLICT when
 * another account has that address. */
int auth_user_set_profile(struct store *s, int64_t id, const char *email, const char *name);
/* Is the sign-in to u held back for some client now (throttle.h)? */
int auth_user_throttled(const struct user_row *u, int64_t now);

/* ---- sessions (session.c) ---- */

/* Start a session for user id; token (the cookie value) and csrf get
 * fresh random values. */
int auth_session_create(struct store *s, int64_t user_id, int64_t now, char token[44], char csrf[44]);
/* The user of a session token, if the session is live and the user not
 * disabled; touches last_seen. ST_NOTFOUND otherwise (and an expired
 * session is deleted). ST_ERR when the session cannot be read, its
 * last_seen not written or the expired session not deleted. */
int auth_session_load(struct store *s, arena *a, const char *token, int64_t now, struct auth_user *u);
int auth_session_delete(struct store *s, const char *token);
/* Delete every session that is over at now (auth_session_state not
 * SESSION_OK), for `lotse maintenance`; *deleted gets their number. */
int auth_session_expire(struct store *s, int64_t now, long *deleted);
/* End every session of a user (password change, disable). */
int auth_session_delete_user(struct store *s, int64_t user_id);

/* ---- audit log (audit.c) ----
 *
 * Keyed: each row's hash is an HMAC with a key from the key file outside
 * the database (core/keyfile.h: LOTSE_KEY_FILE, else lotse.key beside the
 * database), loaded on first use and made there when missing while the log
 * has no keyed row yet. Rows from before the key (keyed = 0) are checked by
 * the old plain-hash rule. */

/* Load (create: make when missing, as above) the audit key of s's
 * database, so that a server or command finds a missing or unreadable key
 * at its start. ST_OK, or ST_ERR with a message naming the file in err. */
int audit_key_open(struct store *s, int create, char *err, size_t errlen);

/* One row. user_id 0 = no user. client: NULL for the client of the
 * request this thread serves (audit_set_client), "local" outside one.
 * detail: NULL or what else says what was done (a file name and counts,
 * old and new roles). Never message contents or personal data of the
 * public. */
struct audit_entry {
	int64_t user_id;
	const char *action, *object_type, *object_id, *outcome;
	const char *detail, *client;
};
/* Append e. ST_OK or ST_ERR (logged; also when the key cannot be had). */
int audit_write(struct store *s, const struct audit_entry *e);
/* Append one row (no detail; client as above). ST_OK or ST_ERR (logged). */
int audit_add(struct store *s, int64_t user_id, const char *action, const char *object_type,
	      const char *object_id, const char *outcome);
/* Append one row for request r: its user, its shortened client address,
 * on its connection. ST_OK or ST_ERR (logged). */
struct req;
int audit_add_req(struct req *r, const char *action, const char *object_type, const char *object_id,
		  const char *outcome, const char *detail);

/* The client address as the log keeps it: IPv4 to its /24
 * ("192.0.2.0/24"), IPv6 to its /48 ("2001:db8:1::/48"), "?" when it is
 * not an address. */
#define AUDIT_CLIENT_MAX 64
void audit_client_text(const char *addr, char out[AUDIT_CLIENT_MAX]);
/* The client of the request this thread now serves (the permission hook
 * sets it for every request), or NULL when it serves none. */
void audit_set_client(const char *addr);

struct audit_row {
	int64_t id;
	const char *at;
	int64_t user_id;
	const char *user_email; /* joined from user, "" when gone */
	const char *action, *object_type, *object_id, *outcome;
	const char *client, *detail; /* "" in rows from before the key */
};

struct audit_filter {
	int64_t user_id;       /* 0 = any */
	const char *action;    /* NULL = any */
	const char *object_type;
	int64_t before_id;     /* 0 = newest; for paging */
	size_t limit;
};

/* Rows matching f, newest first, into *out (in a); *n receives the count.
 * ST_OK, or ST_ERR (and no rows) when the log cannot be read. */
int audit_list(struct store *s, arena *a, const struct audit_filter *f, struct audit_row **out, size_t *n);

/* Recompute the chain. Returns 0 when intact (err says how many rows);
 * else the id of the first broken row: changed, inserted after, removed
 * before, malformed (a wrong-typed or NULL value) or unkeyed after a keyed
 * one; or -1 when the log cannot be read to its end or the key cannot be
 * read (never created here). Never 0 unless every row was read and
 * checked. A message in err either way. */
int64_t audit_verify(struct store *s, char *err, size_t errlen);
/* The same; *rows receives the number of rows found intact. */
int64_t audit_verify_rows(struct store *s, int64_t *rows, char *err, size_t errlen);
/* The same for the log viewer, but checking only the rows added since the
 * last call that found the log intact (remembered in this process for one
 * database), after checking that the last row then checked is still there
 * unchanged. A change to older rows is found by audit_verify. */
int64_t audit_verify_new(struct store *s, int64_t *rows, char *err, size_t errlen);

/* The head of the log (its last row's id and hash; 0 and the genesis hash
 * when empty) is also kept where the database is not, so that rows cut
 * off its end are found: as a line "audit-head id=N mac=HEX" in the
 * server's log at start and when AUDIT_HEAD_ROWS rows were added or
 * AUDIT_HEAD_SECONDS passed since, and in a file beside every backup. */
#define AUDIT_HEAD_TAG "audit-head"
#define AUDIT_HEAD_ROWS 1000
#define AUDIT_HEAD_SECONDS 600
int audit_head(struct store *s, int64_t *id, char hash[65]);
/* Log the head now (ST_OK), or log an error (ST_ERR). */
int audit_head_log(struct store *s);
/* Log the head when due (called outside transactions, per request). */
void audit_head_tick(struct store *s);
/* Write the head line to the file path (0600, replaced). ST_OK or ST_ERR. */
int audit_head_write(struct store *s, const char *path, char *err, size_t errlen);
/* The head in one line of such a file: "audit-head id=N mac=HEX" at the
 * line's start, or after a log line's "YYYY-MM-DD HH:MM:SSZ info "; the
 * rest of the line empty. 1 with *id and hash (64 lowercase hex digits),
 * else 0. */
int audit_parse_head(const char *line, int64_t *id, char hash[65]);
/* Write the head of the copy at backup beside it, as backup.audit-head.
 * ST_OK or ST_ERR (err). */
int audit_head_sidecar(const char *backup, char *err, size_t errlen);
/* Check the log against the head lines in the file path (a backup's
 * .audit-head file or the server's log): every row they name must be there
 * with the hash they record. 0 when all match (err says how many), the
 * first row id that is missing or differs (after the last row: the log
 * was cut), or -1 when the file cannot be read or holds no head line.
 * *anchors receives the number of head lines found. */
int64_t audit_verify_head(struct store *s, const char *path, int *anchors, char *err, size_t errlen);

/* The actions / object types that occur in the log, sorted, as a
 * NULL-terminated array in a (for the viewer's filters) into *out.
 * ST_OK, or ST_ERR with *out empty. */
int audit_actions(struct store *s, arena *a, const char ***out);
int audit_object_types(struct store *s, arena *a, const char ***out);

/* ---- request integration (request.c) ---- */

/* The server's permission hook: loads the session, checks the route's
 * permission and CSRF need. 0 to go on, or the status to answer (303 to
 * the login page for anonymous visitors of staff pages). */
int auth_authorize(struct req *r, const struct route *route, struct resp *w);

/* The signed-in user of r, or NULL. */
const struct auth_user *auth_current(const struct req *r);

/* The CSRF token to put in r's forms (the session's, or the anonymous
 * pre-session token, which is set as a cookie on w when missing). */
const char *auth_csrf_token(struct req *r, struct resp *w);

/* Cookie names (with the __Host- prefix over TLS). */
const char *auth_session_cookie(const struct req *r);

/* ---- provider organisations (orgs.c) ----
 *
 * A partner account is bound to one provider of the directory. The
 * directory includes auth, not the other way round: the program hands
 * auth a function that lists the providers (src/main.c). Without one
 * (auth_set_orgs never called) there are none, and no partner can be bound. */
struct auth_org {
	const char *id, *name, *city; /* city: "" when unknown */
};
/* Current providers whose name or city contains search (NULL: all), in
 * name order, into *out (allocated in a). ST_OK or ST_ERR. */
typedef int (*auth_org_fn)(struct store *s, arena *a, const char *search, struct auth_org **out, size_t *n);
void auth_set_orgs(auth_org_fn fn);
/* Through the function set (none: an empty list). */
int auth_orgs(struct store *s, arena *a, const char *search, struct auth_org **out, size_t *n);
/* The current provider id into *o: ST_OK, ST_NOTFOUND or ST_ERR. */
int auth_org_find(struct store *s, arena *a, const char *id, struct auth_org *o);

/* ---- handlers (routes.c) ---- */
void auth_login_form(struct req *r, struct resp *w);  /* GET /login */
void auth_login(struct req *r, struct resp *w);       /* POST /login */
void auth_logout(struct req *r, struct resp *w);      /* POST /logout */

/* ---- user administration and the audit log viewer (admin.c; admins) ---- */
void auth_admin_users(struct req *r, struct resp *w);         /* GET /intern/benutzer */
void auth_admin_user_add(struct req *r, struct resp *w);      /* POST /intern/benutzer */
void auth_admin_user(struct req *r, struct resp *w);          /* GET /intern/benutzer/{} */
void auth_admin_user_profile(struct req *r, struct resp *w);  /* POST /intern/benutzer/{}/angaben */
void auth_admin_user_roles(struct req *r, struct resp *w);    /* POST /intern/benutzer/{}/rollen */
void auth_admin_user_disable(struct req *r, struct resp *w);  /* POST /intern/benutzer/{}/sperren */
void auth_admin_user_password(struct req *r, struct resp *w); /* POST /intern/benutzer/{}/passwort */
void auth_admin_audit(struct req *r, struct resp *w);         /* GET /intern/protokoll */

/* ---- my account (account.c; every signed-in user) ---- */
void auth_account(struct req *r, struct resp *w);             /* GET /intern/konto */
void auth_account_password(struct req *r, struct resp *w);    /* POST /intern/konto/passwort */


/* ---- the second factor, re-authentication, one's sessions (second.c,
 * enrol.c, reauth.c; ASVS 2.8, 3.3.4, 3.7.1, 4.3.1) ---- */

/* After the right password for u at the one point auth_login lets a
 * sign-in through: a session (and on to next), or, when u has a second
 * factor, on to /login/code. */
void auth_login_second(struct req *r, struct resp *w, const struct user_row *u, const char *next);
void auth_login_code_form(struct req *r, struct resp *w);     /* GET /login/code */
void auth_login_code(struct req *r, struct resp *w);          /* POST /login/code */
/* From auth_authorize: an admin without a second factor may open only its
 * enrolment (and sign out); 0 to go on, else answered (303 there). */
int auth_second_gate(struct req *r, const struct route *route, struct resp *w);
void auth_second_enrol_form(struct req *r, struct resp *w);   /* GET /intern/konto/zwei-faktor */
void auth_second_enrol(struct req *r, struct resp *w);        /* POST /intern/konto/zwei-faktor */
void auth_second_disable(struct req *r, struct resp *w);      /* POST /intern/konto/zwei-faktor/aus */
void auth_account_sessions_end(struct req *r, struct resp *w); /* POST /intern/konto/sitzungen */
/* Before an admin's role change or password reset: 0 when the session
 * confirmed password (and code) in the last 5 minutes, or r's form carries
 * them now; else answered with the confirmation form (403, 422, 429). */
int auth_reauth(struct req *r, struct resp *w);

/* The account's notices of password and second-factor changes (ASVS
 * 2.2.3) for the staff start page: read, then write them. */
struct auth_notice {
	const char *kind; /* "password", "totp_on", "totp_off", "recovery" */
	int64_t at;       /* unix time */
};
struct auth_notices {
	const struct auth_notice *items;
	size_t n;
};
int auth_staff_notices(struct req *r, struct auth_notices *out);  /* ST_OK or ST_ERR */
void auth_view_notices(html *h, struct req *r, const struct auth_notices *n);

/* ---- command line (cli.c) ---- */

/* `lotse user ...` and `lotse audit ...`; argv[0] is "user" or "audit".
 * Returns the exit status. */
int auth_cli_user(int argc, char **argv);
int auth_cli_audit(int argc, char **argv);
/* Create one demo user per role with random passwords and print them
 * (lotse init --demo); the partner belongs to the provider partner_org. */
int auth_demo_users(struct store *s, FILE *out, const char *partner_org);

/* The accounts' cards of the staff dashboard (see staff/staff.h): users
 * and the audit log. The number written. */
struct layout_card;
int auth_staff_panel(struct req *r, struct layout_card *out);

#endif
