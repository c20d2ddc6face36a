/* orgs.c — the provider organisations a partner account is bound to.
 *
 * They belong to the directory, which includes auth; so auth does not
 * include the directory but is handed a function that lists them
 * (auth_set_orgs, called by the program in src/main.c). */
#include "auth/auth.h"

#include <string.h>

static auth_org_fn org_source;

void auth_set_orgs(auth_org_fn fn)
{
	org_source = fn;
}

int auth_orgs(struct store *s, arena *a, const char *search, struct auth_org **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	return org_source ? org_source(s, a, search, out, n) : ST_OK;
}

int auth_org_find(struct store *s, arena *a, const char *id, struct auth_org *o)
{
	struct auth_org *v;
	size_t n;
	int rc = auth_orgs(s, a, NULL, &v, &n);
	if (rc != ST_OK)
		return rc;
	for (size_t i = 0; id && i < n; i++) {
		if (strcmp(v[i].id, id) == 0) {
			*o = v[i];
			return ST_OK;
		}
	}
	return ST_NOTFOUND;
}
