/* admin_views.h — HTML of the account pages of the staff area: user
 * administration, the audit log viewer and "my account" (internal to
 * src/auth). The handlers are in admin.c and account.c. */
#ifndef LOTSE_AUTH_ADMIN_VIEWS_H
#define LOTSE_AUTH_ADMIN_VIEWS_H

#include "auth/auth.h"
#include "http/form.h"

/* The new-user form; the role checkboxes are UF_ROLE + bit position. */
enum user_field { UF_EMAIL, UF_NAME, UF_ORG, UF_ROLE, UF__MAX = UF_ROLE + ROLE__COUNT };
extern const struct field user_fields[UF__MAX];

/* The roles form of one user: the same names as in the new-user form. */
enum roles_field { RF_ORG, RF_ROLE, RF__MAX = RF_ROLE + ROLE__COUNT };
extern const struct field roles_fields[RF__MAX];
/* The name and address form of one user. */
enum profile_field { NF_EMAIL, NF_NAME, NF__MAX };
extern const struct field profile_fields[NF__MAX];

/* The change-password form of "my account". */
enum password_field { PF_CURRENT, PF_NEW, PF_REPEAT, PF__MAX };
extern const struct field password_fields[PF__MAX];

/* The audit log viewer's filters (a GET form). */
enum audit_field { AF_USER, AF_ACTION, AF_OBJECT, AF_BEFORE, AF__MAX };

/* GET /intern/benutzer: the users and the new-user form. */
struct admin_users_page {
	const struct user_row *users;
	size_t n;
	const struct auth_org *orgs; /* the providers, for the partner picker */
	size_t norgs;
	int64_t now;
	const struct form *f;        /* NULL for an empty form, else as entered, with errors */
	const char *problem;         /* translated, above the form, or NULL */
};
void admin_view_users(struct req *r, struct resp *w, const struct admin_users_page *p);

/* One user's page. */
struct admin_user_page {
	const struct user_row *u;
	const struct form *roles;  /* the roles form as sent (with errors), or NULL */
	const struct form *profile; /* the name and address form as sent (profile_fields), or NULL */
	const char *lock_problem;  /* translated, at the disable form, or NULL */
	const char *pw_problem;    /* translated, at the reset form, or NULL */
	const char *notice;        /* translated success message, or NULL */
	int self;                  /* the signed-in admin's own account */
	int64_t now;
	struct auth_org *orgs;     /* the providers, for the partner picker */
	size_t norgs;
};
void admin_view_user(struct req *r, struct resp *w, const struct admin_user_page *p);

/* The page that shows a generated password once: created (a new account)
 * or reset (a new password for u). */
void admin_view_password(struct req *r, struct resp *w, const struct user_row *u, const char *password,
			 int created);

/* A staff page with a title and a text for status (404 unknown user, 500). */
void admin_view_problem(struct req *r, struct resp *w, int status, const char *title, const char *text);

/* GET /intern/protokoll. */
struct admin_audit_page {
	const struct form *f;          /* the validated filters */
	const struct field *fields;    /* their declaration (the choices) */
	const struct user_row *users;  /* for the user filter */
	size_t nusers;
	const struct audit_row *rows;  /* newest first */
	size_t nrows;
	int more;                      /* there are older rows */
	int64_t chain_rows;            /* rows found intact */
	int64_t chain_broken;          /* 0, or the first broken row (-1: unreadable) */
};
void admin_view_audit(struct req *r, struct resp *w, const struct admin_audit_page *p);

struct account_second;
/* GET /intern/konto: the user's data, recent logins and the password form. */
struct account_page {
	const struct user_row *u;
	const struct audit_row *logins;
	size_t nlogins;
	const struct form *f;   /* the password form as sent, or NULL */
	const char *problem;    /* translated, above the form, or NULL */
	const char *notice;     /* translated success message, or NULL */
	const char *org_name;   /* a partner's provider, or NULL */
	const struct account_second *second; /* the second factor and sessions (second.h) */
};
void account_view(struct req *r, struct resp *w, const struct account_page *p);

/* Translated labels of audit actions, outcomes and object types
 * (audit_labels.c); unknown ones are returned as they are. A composed
 * label is in r's arena. */
const char *admin_action_label(struct req *r, const char *action);
const char *admin_outcome_label(struct req *r, const char *outcome);
const char *admin_object_label(struct req *r, const char *type);

#endif
