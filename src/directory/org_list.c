/* org_list.c — the providers and their public places in short, for
 * pickers, an event's page and `lotse org list`. */
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

/* The public places with their first address (a physical one first). */
#define LOCATION_BRIEF_SQL \
	"SELECT l.id, l.name, coalesce(ad.address_1, ''), coalesce(ad.postal_code, ''), coalesce(ad.city, ''), " \
	"coalesce(o.name, '') FROM location l LEFT JOIN organization o ON o.id = l.organization_id " \
	"LEFT JOIN address ad ON ad.id = (SELECT a2.id FROM address a2 WHERE a2.location_id = l.id " \
	"ORDER BY CASE WHEN a2.address_type = 'physical' THEN 0 ELSE 1 END, a2.id LIMIT 1) " \
	"WHERE l.confidential = 0 AND l.location_type <> 'virtual' " \
	"AND (o.id IS NULL OR (o.archived = 0 AND o.merged_into IS NULL)) "

static struct dir_location_brief location_row(arena *a, sqlite3_stmt *st)
{
	const char *street = store_col_text(st, 2), *postcode = store_col_text(st, 3), *town = store_col_text(st, 4);
	const char *name = store_col_text(st, 1), *org = store_col_text(st, 5);
	const char *place = *postcode && *town ? arena_printf(a, "%s %s", postcode, town) : *town ? town : postcode;
	const char *addr = *street && *place ? arena_printf(a, "%s, %s", street, place) : *street ? street : place;
	return (struct dir_location_brief){ store_col_str(a, st, 0), arena_strdup(a, *name ? name : org),
					    arena_strdup(a, addr), arena_strdup(a, org) };
}

int dir_location_briefs(struct store *s, arena *a, struct dir_location_brief **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = store_stmt(s, LOCATION_BRIEF_SQL "ORDER BY coalesce(nullif(l.name, ''), o.name) "
							 "COLLATE NOCASE, l.id");
	if (!st)
		return ST_ERR;
	size_t cap = 0;
	int k;
	while ((k = store_step(st)) > 0) {
		*out = arena_grow(a, *out, *n, &cap, sizeof(**out), 32);
		(*out)[(*n)++] = location_row(a, st);
	}
	sqlite3_reset(st);
	return k < 0 ? ST_ERR : ST_OK;
}

int dir_location_brief(struct store *s, arena *a, const char *id, struct dir_location_brief *out)
{
	sqlite3_stmt *st = store_stmt(s, LOCATION_BRIEF_SQL "AND l.id = ?");
	if (!st)
		return ST_ERR;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
	int k = store_step(st);
	if (k > 0)
		*out = location_row(a, st);
	sqlite3_reset(st);
	return k < 0 ? ST_ERR : k == 0 ? ST_NOTFOUND : ST_OK;
}
