/* rules.c — the pure rules of accounts: session lifetime, which role may
 * do what, and which passwords are acceptable. No I/O. */
#include "auth/auth.h"
#include "core/embed.h"
#include "core/i18n.h"

#include <ctype.h>
#include <passwdqc.h>
#include <string.h>
#include <stdio.h>
#include <strings.h>

const char *const auth_role_names[ROLE__COUNT] = {
	"admin", "editor", "researcher", "counsellor", "partner",
};

const char *const auth_role_labels[ROLE__COUNT] = {
	N_("Administration"), N_("Redaktion"), N_("Forschung"), N_("Beratung"), N_("Partnerorganisation"),
};

unsigned auth_role_parse(const char *name)
{
	for (unsigned i = 0; i < ROLE__COUNT; i++)
		if (name && strcmp(name, auth_role_names[i]) == 0)
			return 1u << i;
	return 0;
}

enum session_state auth_session_state(int64_t created, int64_t last_seen, int64_t now)
{
	if (now - created >= AUTH_ABSOLUTE_TIMEOUT || now < created)
		return SESSION_EXPIRED;
	if (now - last_seen >= AUTH_IDLE_TIMEOUT)
		return SESSION_IDLE;
	return SESSION_OK;
}

int auth_allows(enum perm perm, unsigned roles)
{
	switch (perm) {
	case PERM_PUBLIC: return 1;
	case PERM_STAFF: return roles != 0;
	case PERM_ADMIN: return (roles & ROLE_ADMIN) != 0;
	case PERM_EDITOR: return (roles & ROLE_EDITOR) != 0;
	case PERM_RESEARCHER: return (roles & ROLE_RESEARCHER) != 0;
	case PERM_COUNSELLOR: return (roles & ROLE_COUNSELLOR) != 0;
	case PERM_PARTNER: return (roles & ROLE_PARTNER) != 0;
	case PERM_ANALYSIS: return (roles & (ROLE_RESEARCHER | ROLE_EDITOR)) != 0;
	case PERM_CASE_STATS: return (roles & (ROLE_COUNSELLOR | ROLE_RESEARCHER)) != 0;
	case PERM_UNDECLARED:
	case PERM__MAX:
		break;
	}
	return 0; /* deny by default */
}

/* Is password (lower-cased) on the shipped list of common passwords?
 * data/common-passwords.txt: one per line, lower case, sorted. */
static int is_common(const char *password)
{
	const struct embed_file *f = embed_find(embed_data, embed_data_count, "common-passwords.txt");
	if (!f)
		return 0;
	size_t n = strlen(password);
	const char *p = f->data, *end = f->data + f->len;
	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		size_t len = eol ? (size_t)(eol - p) : (size_t)(end - p);
		if (len == n && strncasecmp(p, password, n) == 0)
			return 1;
		p += len + 1;
	}
	return 0;
}

/* passwdqc (Openwall, Debian's libpasswdqc): is password based on a
 * dictionary word, a common sequence (qwertz, 1234), the e-mail address,
 * or too few different characters? Our own length rule stands: passwdqc's
 * minimum lengths are set to it for every mix of character classes. NULL
 * when acceptable, else the msgid of the reason. */
static const char *weak(const char *password, const char *email)
{
	passwdqc_params_t params;
	passwdqc_params_reset(&params);
	for (size_t i = 0; i < sizeof(params.qc.min) / sizeof(params.qc.min[0]); i++)
		params.qc.min[i] = AUTH_MIN_PASSWORD;
	params.qc.max = 4 * AUTH_MAX_PASSWORD; /* bytes; ours counts characters */
	char local[256] = "";
	if (email) {
		const char *at = strchr(email, '@');
		size_t n = at ? (size_t)(at - email) : strlen(email);
		if (n >= sizeof(local))
			n = sizeof(local) - 1;
		memcpy(local, email, n);
		local[n] = '\0';
	}
	/* the fields passwdqc reads of the account; none may be NULL */
	char empty[] = "", gecos[320];
	snprintf(gecos, sizeof(gecos), "%s", email ? email : "");
	struct passwd pw = { .pw_name = local, .pw_passwd = empty, .pw_gecos = gecos, .pw_dir = empty,
			     .pw_shell = empty };
	const char *reason = passwdqc_check(&params.qc, password, NULL, &pw);
	if (!reason)
		return NULL;
	if (strstr(reason, "personal"))
		return N_("Das Passwort darf Ihre E-Mail-Adresse nicht enthalten.");
	if (strstr(reason, "dictionary") || strstr(reason, "sequence"))
		return N_("Dieses Passwort ist leicht zu erraten: Es beruht auf einem Wort aus dem Wörterbuch oder "
			  "einer bekannten Zeichenfolge. Bitte wählen Sie ein anderes, etwa einen Satz aus mehreren "
			  "Wörtern.");
	return N_("Dieses Passwort ist zu einfach. Bitte wählen Sie ein anderes.");
}

/* Code points in a UTF-8 string (invalid bytes count one each). */
static size_t chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

const char *auth_password_problem(const char *password, const char *email)
{
	if (chars(password) < AUTH_MIN_PASSWORD)
		return N_("Das Passwort muss mindestens 12 Zeichen lang sein.");
	if (chars(password) > AUTH_MAX_PASSWORD)
		return N_("Das Passwort darf höchstens 128 Zeichen lang sein.");
	if (is_common(password))
		return N_("Dieses Passwort ist zu bekannt. Bitte wählen Sie ein anderes.");
	/* one character repeated, or the e-mail address in it */
	size_t same = 1;
	for (const char *p = password + 1; *p; p++)
		same += *p == password[0];
	if (same == strlen(password))
		return N_("Dieses Passwort ist zu einfach. Bitte wählen Sie ein anderes.");
	if (email && *email) {
		const char *at = strchr(email, '@');
		size_t local = at ? (size_t)(at - email) : strlen(email);
		if (local >= 4) {
			for (const char *p = password; *p; p++)
				if (strncasecmp(p, email, local) == 0)
					return N_("Das Passwort darf Ihre E-Mail-Adresse nicht enthalten.");
		}
	}
	return weak(password, email);
}

int auth_may(const struct req *r, enum perm perm)
{
	return perm == PERM_PUBLIC || (r->user && auth_allows(perm, r->user->roles));
}
