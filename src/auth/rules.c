/* rules.c — the pure rules of accounts: session lifetime, which role may
 * do what, and which passwords are acceptable. No I/O. */
#include "auth/auth.h"
#include "core/embed.h"
#include "core/i18n.h"

#include <ctype.h>
#include <string.h>
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
	if (strlen(password) > 1024)
		return N_("Das Passwort ist zu lang.");
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
	return NULL;
}

int auth_may(const struct req *r, enum perm perm)
{
	return perm == PERM_PUBLIC || (r->user && auth_allows(perm, r->user->roles));
}
