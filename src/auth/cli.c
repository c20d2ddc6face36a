/* cli.c — operators' commands: `lotse user ...`, `lotse audit verify`. */
#include "auth/auth.h"
#include "auth/second.h"
#include "http/form.h"
#include "core/core.h"
#include "core/i18n.h"

#include <getopt.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

static const char user_usage[] =
	"usage: lotse user add --email E --role R [--role R2 ...] [--org ID] [--name NAME] --password-stdin\n"
	"       (--org: the provider a partner belongs to; `lotse org list` shows their ids)\n"
	"       lotse user passwd --email E --password-stdin\n"
	"       lotse user list\n"
	"       lotse user disable --email E\n"
	"       lotse user enable --email E      (also lifts a slowdown after failed sign-ins)\n"
	"       lotse user second-factor-off --email E  (phone and recovery codes lost; ends its sessions)\n"
	"(each also takes --db PATH; roles: admin editor researcher counsellor partner)\n";

struct user_opts {
	const char *db, *email, *org, *name;
	unsigned roles;
	int password_stdin;
};

static int parse(int argc, char **argv, struct user_opts *o)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "email", required_argument, NULL, 'e' },
		{ "role", required_argument, NULL, 'r' },
		{ "org", required_argument, NULL, 'o' },
		{ "name", required_argument, NULL, 'n' },
		{ "password-stdin", no_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 },
	};
	const char *env = getenv("LOTSE_DB");
	o->db = env && *env ? env : "var/lotse.db";
	optind = 1;
	int c;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'd': o->db = optarg; break;
		case 'e': o->email = optarg; break;
		case 'o': o->org = optarg; break;
		case 'n': o->name = optarg; break;
		case 'p': o->password_stdin = 1; break;
		case 'r': {
			unsigned r = auth_role_parse(optarg);
			if (!r) {
				fprintf(stderr, "lotse: unknown role '%s'\n", optarg);
				return -1;
			}
			o->roles |= r;
			break;
		}
		default:
			fputs(user_usage, stderr);
			return -1;
		}
	}
	return optind;
}

/* One line from stdin, trimmed as the sign-in form trims what is typed
 * (so the account can sign in on the web); 0 or -1. */
static int read_password(char *out, size_t size)
{
	if (!fgets(out, (int)size, stdin)) {
		fprintf(stderr, "lotse: no password on standard input\n");
		return -1;
	}
	const char *p = out;
	size_t n = form_trim(&p, strlen(out));
	memmove(out, p, n);
	out[n] = '\0';
	return 0;
}

static int open_db(const char *path, struct store **s)
{
	char err[400];
	if (store_open(path, STORE_EXISTING, s, err, sizeof(err)) != ST_OK ||
	    store_migrate(*s, err, sizeof(err)) != ST_OK) {
		fprintf(stderr, "lotse: %s\n", err);
		store_close(*s);
		return -1;
	}
	return 0;
}

static const char *roles_text(arena *a, unsigned roles)
{
	char *t = arena_strdup(a, "");
	for (unsigned i = 0; i < ROLE__COUNT; i++)
		if (roles & (1u << i))
			t = arena_printf(a, "%s%s%s", t, *t ? "," : "", auth_role_names[i]);
	return t;
}

static int new_password(const char *email, char *pw, size_t size)
{
	if (read_password(pw, size) != 0)
		return -1;
	const char *problem = auth_password_problem(pw, email);
	if (problem) {
		fprintf(stderr, "lotse: %s\n", i18n_get("en", problem));
		return -1;
	}
	return 0;
}

int auth_cli_user(int argc, char **argv)
{
	if (argc < 2) {
		fputs(user_usage, stderr);
		return 2;
	}
	const char *cmd = argv[1];
	struct user_opts o = { 0 };
	if (parse(argc - 1, argv + 1, &o) < 0)
		return 2;
	struct store *s = NULL;
	arena *a = arena_new();
	char pw[1100];
	int rc = 1;
	struct user_row u;
	if (strcmp(cmd, "list") == 0) {
		if (open_db(o.db, &s) != 0)
			goto out;
		size_t n;
		struct user_row *v;
		if (auth_user_list(s, a, &v, &n) != ST_OK) {
			fputs("lotse: cannot read the users\n", stderr);
			goto out;
		}
		printf("%-6s %-36s %-28s %-10s %s\n", "id", "email", "roles", "status", "org");
		for (size_t i = 0; i < n; i++)
			printf("%-6lld %-36s %-28s %-10s %s\n", (long long)v[i].id, v[i].email,
			       roles_text(a, v[i].roles), v[i].disabled ? "disabled" : "active",
			       v[i].org_id ? v[i].org_id : "");
		rc = 0;
		goto out;
	}
	if (!o.email) {
		fprintf(stderr, "lotse: --email is required\n%s", user_usage);
		rc = 2;
		goto out;
	}
	if (strcmp(cmd, "add") == 0) {
		if (!o.roles || !o.password_stdin) {
			fprintf(stderr, "lotse: user add needs at least one --role and --password-stdin\n");
			rc = 2;
			goto out;
		}
		if ((o.roles & ROLE_PARTNER) && !o.org) {
			fprintf(stderr, "lotse: a partner needs --org (the provider organisation)\n");
			rc = 2;
			goto out;
		}
		if (new_password(o.email, pw, sizeof(pw)) != 0 || open_db(o.db, &s) != 0)
			goto out;
		struct auth_org org;
		int found = o.org ? auth_org_find(s, a, o.org, &org) : ST_OK;
		if (found == ST_NOTFOUND) {
			fprintf(stderr, "lotse: no current provider has the id '%s' (`lotse org list` shows them)\n",
				o.org);
			goto out;
		}
		if (found != ST_OK) {
			fprintf(stderr, "lotse: the providers could not be read\n");
			goto out;
		}
		int64_t id;
		int st = auth_user_add(s, o.email, o.name, pw, o.roles, o.org, &id);
		if (st == ST_CONFLICT) {
			fprintf(stderr, "lotse: a user with this e-mail address exists already\n");
			goto out;
		}
		if (st != ST_OK)
			goto out;
		audit_add(s, 0, "user_add", "user", arena_printf(a, "%lld", (long long)id), "cli");
		printf("created user %lld (%s)\n", (long long)id, roles_text(a, o.roles));
		rc = 0;
	} else if (strcmp(cmd, "passwd") == 0) {
		if (!o.password_stdin) {
			fprintf(stderr, "lotse: user passwd needs --password-stdin\n");
			rc = 2;
			goto out;
		}
		if (new_password(o.email, pw, sizeof(pw)) != 0 || open_db(o.db, &s) != 0)
			goto out;
		if (auth_user_by_email(s, a, o.email, &u) != ST_OK) {
			fprintf(stderr, "lotse: no such user\n");
			goto out;
		}
		if (auth_user_set_password(s, u.id, pw) != ST_OK)
			goto out;
		audit_add(s, 0, "password_reset", "user", arena_printf(a, "%lld", (long long)u.id), "cli");
		printf("password changed; the user's sessions are ended\n");
		rc = 0;
	} else if (strcmp(cmd, "second-factor-off") == 0) {
		if (open_db(o.db, &s) != 0)
			goto out;
		if (auth_user_by_email(s, a, o.email, &u) != ST_OK) {
			fprintf(stderr, "lotse: no such user\n");
			goto out;
		}
		/* an admin enrols again at the next sign-in */
		if (totp_disable(s, u.id, core_now()) != ST_OK || auth_session_delete_user(s, u.id) != ST_OK)
			goto out;
		audit_add(s, 0, "totp_off", "user", arena_printf(a, "%lld", (long long)u.id), "cli");
		printf("second factor off; the user's sessions are ended\n");
		rc = 0;
	} else if (strcmp(cmd, "disable") == 0 || strcmp(cmd, "enable") == 0) {
		int disable = strcmp(cmd, "disable") == 0;
		if (open_db(o.db, &s) != 0)
			goto out;
		if (auth_user_by_email(s, a, o.email, &u) != ST_OK) {
			fprintf(stderr, "lotse: no such user\n");
			goto out;
		}
		if (auth_user_set_disabled(s, u.id, disable) != ST_OK)
			goto out;
		audit_add(s, 0, disable ? "user_disable" : "user_enable", "user",
			  arena_printf(a, "%lld", (long long)u.id), "cli");
		printf("user %s\n", disable ? "disabled; sessions ended" : "enabled; sign-in throttle lifted");
		rc = 0;
	} else {
		fputs(user_usage, stderr);
		rc = 2;
	}
out:
	sodium_memzero(pw, sizeof(pw));
	store_close(s);
	arena_free(a);
	return rc;
}

static const char audit_usage[] =
	"usage: lotse audit verify [--db PATH] [--head FILE ...]\n"
	"  checks the audit log's keyed hash chain with the key file (LOTSE_KEY_FILE,\n"
	"  else lotse.key beside the database); --head FILE: also against the heads\n"
	"  recorded in FILE (a backup's FILE.audit-head, or the server's log), which\n"
	"  finds rows cut off the end; exits 1 if anything does not match\n";

#define AUDIT_MAX_HEADS 16

int auth_cli_audit(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "head", required_argument, NULL, 'H' },
		{ NULL, 0, NULL, 0 },
	};
	if (argc < 2 || strcmp(argv[1], "verify") != 0) {
		fputs(audit_usage, stderr);
		return 2;
	}
	const char *env = getenv("LOTSE_DB"), *db = env && *env ? env : "var/lotse.db";
	const char *heads[AUDIT_MAX_HEADS];
	int nheads = 0, c;
	optind = 1;
	while ((c = getopt_long(argc - 1, argv + 1, "", longopts, NULL)) != -1) {
		if (c == 'd') {
			db = optarg;
		} else if (c == 'H' && nheads < AUDIT_MAX_HEADS) {
			heads[nheads++] = optarg;
		} else {
			fputs(audit_usage, stderr);
			return 2;
		}
	}
	if (optind != argc - 1) {
		fputs(audit_usage, stderr);
		return 2;
	}
	struct store *s;
	if (open_db(db, &s) != 0)
		return 1;
	char msg[600];
	int64_t bad = audit_verify(s, msg, sizeof(msg));
	int rc = 0;
	if (bad < 0) {
		/* fail closed: what cannot be read is not intact */
		fprintf(stderr, "lotse: audit log NOT VERIFIED: %s\n", msg);
		rc = 1;
	} else if (bad != 0) {
		fprintf(stderr, "lotse: audit log BROKEN: %s\n", msg);
		rc = 1;
	} else {
		printf("audit log ok: %s\n", msg);
	}
	for (int i = 0; i < nheads && rc == 0; i++) {
		int n;
		bad = audit_verify_head(s, heads[i], &n, msg, sizeof(msg));
		if (bad < 0) {
			fprintf(stderr, "lotse: audit log NOT VERIFIED: %s\n", msg);
			rc = 1;
		} else if (bad != 0) {
			fprintf(stderr, "lotse: audit log BROKEN: %s\n", msg);
			rc = 1;
		} else {
			printf("audit head ok: %s\n", msg);
		}
	}
	if (rc == 0 && nheads == 0)
		printf("(no --head given: rows cut off the end cannot be found without one)\n");
	store_close(s);
	return rc;
}

/* The admin role needs a second factor, the demo admin's too: enrolled
 * here, with its key (for an authenticator app, or oathtool --totp -b KEY)
 * and recovery codes printed once. */
static int demo_second_factor(struct store *s, int64_t id, FILE *out)
{
	char secret[TOTP_SECRET_LEN + 1], codes[RECOVERY_CODES][RECOVERY_LEN + 1];
	int64_t now = core_now();
	totp_new_secret(secret);
	int rc = totp_begin(s, id, secret, now);
	if (rc == ST_OK)
		rc = totp_enable(s, id, 0, codes, now);
	if (rc == ST_OK) {
		fprintf(out, "    second factor (TOTP) key: %s\n    recovery codes:", secret);
		for (int i = 0; i < RECOVERY_CODES; i++)
			fprintf(out, " %s", codes[i]);
		fputc('\n', out);
	}
	sodium_memzero(secret, sizeof(secret));
	sodium_memzero(codes, sizeof(codes));
	return rc;
}

int auth_demo_users(struct store *s, FILE *out, const char *partner_org)
{
	fprintf(out, "\ndemo accounts (the passwords are shown only now):\n");
	for (unsigned i = 0; i < ROLE__COUNT; i++) {
		char email[64], pw[20];
		snprintf(email, sizeof(email), "%s@demo.lotse.invalid", auth_role_names[i]);
		auth_random_password(pw, sizeof(pw), 16);
		int64_t id;
		unsigned role = 1u << i;
		if (auth_user_add(s, email, auth_role_names[i], pw, role,
				  role == ROLE_PARTNER ? partner_org : NULL, &id) != ST_OK)
			return ST_ERR;
		fprintf(out, "  %-34s %s\n", email, pw);
		if (role == ROLE_ADMIN && demo_second_factor(s, id, out) != ST_OK)
			return ST_ERR;
	}
	fprintf(out, "sign in at /login\n");
	return ST_OK;
}
