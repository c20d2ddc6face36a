/* org_list.c — the providers in short (id, name, town), for pickers and
 * `lotse org list`. */
#include "directory/directory.h"
#include "core/core.h"

#include <string.h>

int dir_org_briefs(struct store *s, arena *a, const char *search, struct dir_org_brief **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = store_stmt(s,
		"SELECT o.id, o.name, coalesce((SELECT ad.city FROM location l JOIN address ad ON ad.location_id = l.id "
		"WHERE l.organization_id = o.id AND l.confidential = 0 AND ad.city <> '' ORDER BY l.id, ad.id "
		"LIMIT 1), '') FROM organization o WHERE o.archived = 0 AND o.merged_into IS NULL "
		"ORDER BY o.name COLLATE NOCASE, o.id");
	if (!st)
		return ST_ERR;
	size_t cap = 0;
	int k;
	while ((k = store_step(st)) > 0) {
		const char *name = store_col_text(st, 1), *city = store_col_text(st, 2);
		if (search && *search && !strcasestr(name, search) && !strcasestr(city, search))
			continue;
		*out = arena_grow(a, *out, *n, &cap, sizeof(**out), 32);
		(*out)[(*n)++] = (struct dir_org_brief){ store_col_str(a, st, 0),
							 arena_strdup(a, name), arena_strdup(a, city) };
	}
	sqlite3_reset(st);
	return k < 0 ? ST_ERR : ST_OK;
}
