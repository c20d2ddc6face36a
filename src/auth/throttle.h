/* throttle.h — login throttling (internal to src/auth/).
 *
 * Not a lock an attacker can put on an account: failures slow down the
 * pair of account and client they come from (growing delays after
 * AUTH_PAIR_FREE), a client that fails on many accounts (after
 * AUTH_CLIENT_FREE), and an account that fails from many clients (after
 * AUTH_ACCOUNT_FREE in the hour, so that many addresses together get no
 * more than about 60 guesses an hour); an account takes at most
 * AUTH_ACCOUNT_PARALLEL guesses at once. A client that has signed in to the account before (in
 * this process) is not held back by the client's or the account's
 * limits, only by its own pair's delays, so the owner at their usual
 * address still gets in while a flood from elsewhere is slowed.
 *
 * An attempt is counted, as a failure, before its password is checked,
 * under one mutex, so parallel attempts cannot get more guesses than the
 * limits allow; a success takes its count back. The state is in memory;
 * the account's user.throttle_lifted_at (lotse user enable, the admin's
 * "freigeben") clears what was recorded before it. */
#ifndef LOTSE_AUTH_THROTTLE_H
#define LOTSE_AUTH_THROTTLE_H

#include <stdint.h>

#define AUTH_PAIR_FREE 5          /* failures of one account from one client before delays */
#define AUTH_CLIENT_FREE 20       /* failures from one client on any accounts before delays */
#define AUTH_THROTTLE_DELAY 30    /* the first delay, doubled with each further failure */
#define AUTH_THROTTLE_MAX (15 * 60) /* the longest delay */
#define AUTH_THROTTLE_FORGET (60 * 60) /* failures older than this are forgotten */
#define AUTH_ACCOUNT_PARALLEL 2   /* guesses at one account being checked at once */
#define AUTH_ACCOUNT_FREE 50      /* failures of one account from any addresses before
				   * delays for addresses that have not signed in to it */

struct throttle_ticket {
	uint64_t pair, client, account;
	int account_counted; /* against the account's total (not a known address) */
};

/* Before checking a password for account (a stable key: "u:ID" of a known
 * account, "e:ADDRESS" lower-cased for an unknown one) from client.
 * lifted_at: the account's throttle_lifted_at (0 for none). Returns 0 and
 * fills t when the attempt may be checked (it is then counted); else the
 * seconds to wait (>= 1), and *note is 1 when this refusal starts a
 * burst (the first refusal since an attempt last went through). */
int64_t throttle_begin(struct throttle_ticket *t, const char *account, const char *client, int64_t lifted_at,
		       int64_t now, int *note);
/* After an attempt that throttle_begin let through: */
enum throttle_outcome {
	THROTTLE_FAILED,    /* the password was wrong: the count stays */
	THROTTLE_OK,        /* signed in: the count is taken back, and the
			     * client is known to the account from now on */
	THROTTLE_UNCHECKED, /* not checked after all: the count is taken back */
};
void throttle_end(const struct throttle_ticket *t, enum throttle_outcome outcome);
/* Is some client of account held back at now (for the admin's page)? */
int throttle_active(const char *account, int64_t lifted_at, int64_t now);
/* Forget everything (tests). */
void throttle_reset(void);

#endif
