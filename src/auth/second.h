/* second.h — the second factor of a sign-in, re-authentication, one's
 * sessions and the account's security notices (internal to src/auth).
 * The algorithm and the store are in totp.c, the handlers in second.c
 * (sign-in), enrol.c (my account) and reauth.c, the HTML in
 * second_views.c. */
#ifndef LOTSE_AUTH_SECOND_H
#define LOTSE_AUTH_SECOND_H

#include "auth/auth.h"
#include "html/html.h"
#include "http/form.h"

/* RFC 6238 with the defaults every authenticator app knows: HMAC-SHA1,
 * 30-second steps, 6 digits; a code of the step before or after counts
 * too (a clock off by up to 30 seconds). */
#define TOTP_STEP 30
#define TOTP_DIGITS 6
#define TOTP_WINDOW 1
/* 160-bit secrets as RFC 4226 recommends: 32 base32 letters. */
#define TOTP_SECRET_LEN 32
/* Recovery codes: ten, each 16 letters of base32 (80 bits) in groups of
 * four, "abcd-efgh-ijkl-mnop". */
#define RECOVERY_CODES 10
#define RECOVERY_LEN 19
/* Wrong codes after which a sign-in waiting for its code ends, and how
 * long it waits. */
#define PENDING_FAILS 5
#define PENDING_TTL (5 * 60)
/* A confirmed password (and code) opens role changes and password resets
 * for this long (ASVS 3.7.1). */
#define REAUTH_TTL (5 * 60)

/* ---- the algorithm (totp.c; pure) ---- */

/* The code of secret (base32) for the time step of t into out. 0, or -1
 * for a secret that is no base32. */
int totp_code(const char *secret, int64_t t, char out[TOTP_DIGITS + 1]);
/* Does code match secret at now (within TOTP_WINDOW steps)? Returns the
 * time step it matched (> 0), or 0. Spaces in code are ignored. */
int64_t totp_match(const char *secret, int64_t now, const char *code);
/* A fresh random secret, base32, NUL-terminated. */
void totp_new_secret(char out[TOTP_SECRET_LEN + 1]);
/* Ten fresh recovery codes. */
void totp_new_recovery(char codes[RECOVERY_CODES][RECOVERY_LEN + 1]);
/* The otpauth:// URI an authenticator app reads from the QR code, in a. */
const char *totp_uri(arena *a, const char *email, const char *secret);

/* The QR code of text as SVG path data (one "M x yhNv1h-Nz" per run of
 * dark modules, with a quiet zone of four), in a; *size its width and
 * height in modules. NULL when text does not fit a QR code. */
const char *totp_qr_path(arena *a, const char *text, int *size);

/* ---- the store (totp.c) ---- */

struct totp_row {
	const char *secret; /* in the arena */
	int enabled;
	int64_t last_step;
};
/* The user's authenticator: ST_OK, ST_NOTFOUND (none) or ST_ERR. */
int totp_get(struct store *s, arena *a, int64_t user_id, struct totp_row *t);
/* Is the second factor on for the user? 1, 0, or -1 when unreadable. */
int totp_enabled(struct store *s, int64_t user_id);
/* Start (or restart) an enrolment with secret, not yet enabled. */
int totp_begin(struct store *s, int64_t user_id, const char *secret, int64_t now);
/* Turn it on after the first code (of step), with fresh recovery codes
 * and a notice; one transaction. */
int totp_enable(struct store *s, int64_t user_id, int64_t step, char codes[RECOVERY_CODES][RECOVERY_LEN + 1],
		int64_t now);
/* Turn it off: the secret and the codes go, a notice comes. */
int totp_disable(struct store *s, int64_t user_id, int64_t now);
/* Use time step once: ST_OK when it is later than the last one used,
 * ST_CONFLICT when it was used already (a replayed code), ST_ERR. */
int totp_use_step(struct store *s, int64_t user_id, int64_t step);
/* Check code against the user's code of now and mark its step used:
 * ST_OK, ST_NOTFOUND (wrong or used) or ST_ERR. */
int totp_verify(struct store *s, arena *a, int64_t user_id, const char *code, int64_t now);
/* Use a recovery code once: ST_OK, ST_NOTFOUND (wrong or used), ST_ERR. */
int totp_use_recovery(struct store *s, int64_t user_id, const char *code, int64_t now);
/* How many recovery codes are left (-1: unreadable). */
int totp_recovery_left(struct store *s, int64_t user_id);

/* ---- notices (totp.c) ---- */

/* The user's notices of the last days since (unix time), newest first,
 * at most max, into out; *n the count. ST_OK or ST_ERR. */
int totp_notices(struct store *s, arena *a, int64_t user_id, int64_t since, struct auth_notice *out,
		 size_t max, size_t *n);

/* ---- sessions (session.c) ---- */

struct session_info {
	const char *agent; /* in short, "" when unknown */
	int64_t created_at, last_seen;
	int current;       /* the session of the token asked with */
};
/* The user's live sessions, newest first (at most max), marking the one
 * of token. ST_OK or ST_ERR. */
int auth_session_list(struct store *s, arena *a, int64_t user_id, const char *token, int64_t now,
		      struct session_info *out, size_t max, size_t *n);
/* End every session of the user but the one of token. */
int auth_session_delete_others(struct store *s, int64_t user_id, const char *token);
/* Record the browser of token's session, in short. */
int auth_session_set_agent(struct store *s, const char *token, const char *agent);
/* When token's session last confirmed its password (0: never); -1 on error. */
int64_t auth_session_reauth_at(struct store *s, const char *token);
int auth_session_set_reauth(struct store *s, const char *token, int64_t now);
/* The browser and system of a User-Agent in short ("Firefox, Linux"), in
 * a; "" when neither is known. */
const char *auth_agent_short(arena *a, const char *user_agent);

/* ---- sign-ins waiting for their code (session.c) ---- */

/* A new one for user_id going to next; token gets its cookie value. */
int auth_pending_create(struct store *s, int64_t user_id, const char *next, int64_t now, char token[44]);
/* The user and next page of a live one with tries left: ST_OK,
 * ST_NOTFOUND (unknown, over, or no tries left) or ST_ERR. */
int auth_pending_get(struct store *s, arena *a, const char *token, int64_t now, int64_t *user_id,
		     const char **next);
/* Count one try, before the code is checked: ST_OK, ST_NOTFOUND when no
 * try is left (or it is over), ST_ERR. */
int auth_pending_try(struct store *s, const char *token, int64_t now);
int auth_pending_delete(struct store *s, const char *token);

/* ---- sign-in (second.c) ---- */

/* The fields of the code form (sign-in, enrolment, disabling). */
enum code_field { CF_CODE, CF__MAX };
extern const struct field code_fields[CF__MAX];
enum off_field { OF_PASSWORD, OF_CODE, OF__MAX };
extern const struct field off_fields[OF__MAX];

/* Start a full session for user_id (its browser recorded, the cookie
 * set, the login audited) and go to next; an admin without a second
 * factor goes to its enrolment instead. */
void second_session(struct req *r, struct resp *w, int64_t user_id, unsigned roles, const char *next);

/* ---- views (second_views.c) ---- */

void second_view_code(struct req *r, struct resp *w, const struct form *f, const char *problem);

struct enrol_page {
	const char *email;
	int enabled;
	const char *secret;       /* while enrolling */
	const char *uri;          /* its otpauth:// URI */
	int required;             /* the role needs it (admin) */
	int recovery_left;
	const char (*codes)[RECOVERY_LEN + 1]; /* just made, shown once; or NULL */
	const struct form *f;     /* the code form as sent, or NULL */
	const struct form *off;   /* the disable form as sent, or NULL */
	const char *problem, *notice;
};
void second_view_enrol(struct req *r, struct resp *w, const struct enrol_page *p);

/* The sessions' and the second factor's sections of "my account". */
struct account_second {
	int enabled;
	int required;
	const struct session_info *sessions;
	size_t nsessions;
};
void second_view_account(html *h, struct req *r, const struct account_second *p);
/* Read what second_view_account shows. ST_OK or ST_ERR. */
int second_account_read(struct req *r, struct account_second *p);

/* The notices of the staff area's start page (the dashboard). */
void second_view_notices(html *h, struct req *r, const struct auth_notice *n, size_t count);

/* The page that asks for the password (and code) before an admin's change;
 * the form posts back to r->path with the fields it came with. status 403
 * (asked) or 422 (wrong). */
void second_view_reauth(struct req *r, struct resp *w, int status, int need_code, const char *problem);

#endif
