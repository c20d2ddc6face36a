/* views.h — HTML of sign-in and refusals (internal to src/auth). */
#ifndef LOTSE_AUTH_VIEWS_H
#define LOTSE_AUTH_VIEWS_H

#include "auth/auth.h"
#include "http/form.h"

enum login_field { LF_EMAIL, LF_PASSWORD, LF_NEXT, LF__MAX };
extern const struct field login_fields[LF__MAX];
/* The sign-in page's query: where to go after signing in (as LF_NEXT),
 * and "abgemeldet" after signing out. */
enum login_query { LQ_NEXT, LQ_SIGNED_OUT, LQ__MAX };
extern const struct field login_query[LQ__MAX];

enum auth_denied {
	AUTH_DENIED_SESSION, /* not signed in (or the session ended) */
	AUTH_DENIED_ROLE,    /* signed in, but the role does not allow it */
	AUTH_DENIED_CSRF,    /* the form's token is missing or wrong */
	AUTH_DENIED_UNAVAILABLE, /* the session could not be read (status by resp_store_failed) */
};

/* The sign-in page; f NULL for an empty form, which carries next (the
 * validated page to go to after signing in, or NULL); problem is a
 * translated message shown above the form; notice a neutral one (signed out). */
void auth_view_login(struct req *r, struct resp *w, const struct form *f, const char *next,
		     const char *problem, const char *notice);
/* A refusal page with status and the reason in plain words. */
void auth_view_denied(struct req *r, struct resp *w, int status, enum auth_denied why);

#endif
