/* model.c — reading offers and providers with everything that describes them. */
#include "directory/directory.h"
#include "core/core.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

void dir_uuid(char out[37])
{
	unsigned char b[16];
	core_random(b, sizeof(b));
	b[6] = (unsigned char)((b[6] & 0x0F) | 0x40); /* version 4 */
	b[8] = (unsigned char)((b[8] & 0x3F) | 0x80); /* RFC 4122 variant */
	snprintf(out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1],
		 b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
}

int dir_is_uuid(const char *s)
{
	if (!s || strlen(s) != 36)
		return 0;
	for (int i = 0; i < 36; i++) {
		char c = s[i];
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (c != '-')
				return 0;
		} else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
			return 0;
		}
	}
	return 1;
}

/* Grow an arena array by one element; returns the new element (zeroed). */
static void *push(arena *a, void **items, size_t *n, size_t *cap, size_t size)
{
	*items = arena_grow(a, *items, *n, cap, size, 4);
	return (char *)*items + (*n)++ * size;
}

#define PUSH(a, list, n, cap) push((a), (void **)&(list), &(n), &(cap), sizeof(*(list)))

static void read_location(arena *a, sqlite3_stmt *st, int c, struct dir_location *l)
{
	l->id = store_col_str(a, st, c + 0);
	l->organization_id = store_col_opt(a, st, c + 1);
	l->location_type = store_col_str(a, st, c + 2);
	l->url = store_col_str(a, st, c + 3);
	l->name = store_col_str(a, st, c + 4);
	l->alternate_name = store_col_str(a, st, c + 5);
	l->description = store_col_str(a, st, c + 6);
	l->transportation = store_col_str(a, st, c + 7);
	l->has_coords = sqlite3_column_type(st, c + 8) != SQLITE_NULL && sqlite3_column_type(st, c + 9) != SQLITE_NULL;
	l->latitude = sqlite3_column_double(st, c + 8);
	l->longitude = sqlite3_column_double(st, c + 9);
	l->confidential = sqlite3_column_int(st, c + 10);
	l->has_address = sqlite3_column_type(st, c + 11) != SQLITE_NULL;
	struct dir_address *ad = &l->address;
	ad->id = store_col_opt(a, st, c + 11);
	ad->attention = store_col_str(a, st, c + 12);
	ad->address_1 = store_col_str(a, st, c + 13);
	ad->address_2 = store_col_str(a, st, c + 14);
	ad->city = store_col_str(a, st, c + 15);
	ad->region = store_col_str(a, st, c + 16);
	ad->state_province = store_col_str(a, st, c + 17);
	ad->postal_code = store_col_str(a, st, c + 18);
	ad->country = store_col_str(a, st, c + 19);
	ad->address_type = store_col_str(a, st, c + 20);
	l->version = sqlite3_column_int64(st, c + 21);
	l->distance_km = -1;
}

#define LOCATION_COLS                                                                              \
	"l.id, l.organization_id, l.location_type, l.url, l.name, l.alternate_name, l.description, " \
	"l.transportation, l.latitude, l.longitude, l.confidential, ad.id, ad.attention, "          \
	"ad.address_1, ad.address_2, ad.city, ad.region, ad.state_province, ad.postal_code, "       \
	"ad.country, ad.address_type, l.version"
/* the first address of a location, physical ones first */
#define LOCATION_ADDRESS_JOIN                                                                       \
	" LEFT JOIN address ad ON ad.id = (SELECT a2.id FROM address a2 WHERE a2.location_id = l.id " \
	"ORDER BY a2.address_type <> 'physical', a2.id LIMIT 1)"

/* How a column lands in a struct: its field's offset and kind. */
struct colmap {
	size_t off;
	enum { COL_TEXT, COL_TEXT_NULL, COL_INT, COL_NUM } kind;
	size_t has_off; /* COL_NUM: the int field saying whether it is set */
};
#define CM_TEXT(type, f) { offsetof(type, f), COL_TEXT, 0 }
#define CM_NULL(type, f) { offsetof(type, f), COL_TEXT_NULL, 0 }
#define CM_INT(type, f) { offsetof(type, f), COL_INT, 0 }
#define CM_NUM(type, f, has) { offsetof(type, f), COL_NUM, offsetof(type, has) }

/* Every row of st as an array of structs of size bytes (column i into
 * map[i]), in a; *n receives the count, *rc ST_OK or ST_ERR (then no
 * rows) when a row cannot be read. Resets st. */
static void *read_rows(arena *a, sqlite3_stmt *st, size_t size, const struct colmap *map, size_t ncols, size_t *n,
		       int *rc)
{
	void *items = NULL;
	size_t cap = 0;
	*n = 0;
	int k;
	while ((k = store_step(st)) > 0) {
		char *x = push(a, &items, n, &cap, size);
		for (size_t i = 0; i < ncols; i++) {
			void *f = x + map[i].off;
			int c = (int)i;
			switch (map[i].kind) {
			case COL_TEXT: *(const char **)f = store_col_str(a, st, c); break;
			case COL_TEXT_NULL: *(const char **)f = store_col_opt(a, st, c); break;
			case COL_INT: *(int *)f = store_col_int(st, c); break;
			case COL_NUM:
				*(double *)f = sqlite3_column_double(st, c);
				*(int *)(x + map[i].has_off) = sqlite3_column_type(st, c) != SQLITE_NULL;
				break;
			}
		}
	}
	sqlite3_reset(st);
	*rc = k < 0 ? ST_ERR : ST_OK;
	if (k < 0) {
		*n = 0;
		return NULL;
	}
	return items;
}

/* READ_ROWS into list and n; a failed read returns ST_ERR from the caller. */
#define READ_ROWS(a, st, list, n, map)                                                         \
	do {                                                                                   \
		int rr_rc;                                                                     \
		(list) = read_rows((a), (st), sizeof(*(list)), (map), NELEM(map), &(n), &rr_rc); \
		if (rr_rc != ST_OK)                                                            \
			return ST_ERR;                                                         \
	} while (0)

/* The cached statement sql with id bound to ?1 (NULL on a prepare error). */
static sqlite3_stmt *by_id(struct store *s, const char *sql, const char *id)
{
	sqlite3_stmt *st = store_stmt(s, sql);
	if (st)
		sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	return st;
}

static const struct colmap phone_cols[] = {
	CM_TEXT(struct dir_phone, id), CM_TEXT(struct dir_phone, number), CM_TEXT(struct dir_phone, extension),
	CM_TEXT(struct dir_phone, type), CM_TEXT(struct dir_phone, description),
};
static const struct colmap contact_cols[] = {
	CM_TEXT(struct dir_contact, id), CM_TEXT(struct dir_contact, name), CM_TEXT(struct dir_contact, title),
	CM_TEXT(struct dir_contact, department), CM_TEXT(struct dir_contact, email),
};
static const struct colmap term_cols[] = {
	CM_TEXT(struct dir_term, id), CM_TEXT(struct dir_term, code), CM_TEXT(struct dir_term, name),
	CM_TEXT(struct dir_term, taxonomy_id), CM_TEXT(struct dir_term, taxonomy_code),
};
static const struct colmap schedule_cols[] = {
	CM_TEXT(struct dir_schedule, id), CM_NULL(struct dir_schedule, valid_from),
	CM_NULL(struct dir_schedule, valid_to), CM_NULL(struct dir_schedule, dtstart),
	CM_NULL(struct dir_schedule, until), CM_NULL(struct dir_schedule, freq),
	CM_TEXT(struct dir_schedule, byday), CM_NULL(struct dir_schedule, opens_at),
	CM_NULL(struct dir_schedule, closes_at), CM_TEXT(struct dir_schedule, description),
	CM_TEXT(struct dir_schedule, attending_type), CM_TEXT(struct dir_schedule, notes),
	CM_INT(struct dir_schedule, interval),
};
static const struct colmap language_cols[] = {
	CM_TEXT(struct dir_language, id), CM_TEXT(struct dir_language, code), CM_TEXT(struct dir_language, name),
	CM_TEXT(struct dir_language, note),
};
static const struct colmap cost_cols[] = {
	CM_TEXT(struct dir_cost, id), CM_NULL(struct dir_cost, valid_from), CM_NULL(struct dir_cost, valid_to),
	CM_TEXT(struct dir_cost, option), CM_TEXT(struct dir_cost, currency),
	CM_TEXT(struct dir_cost, amount_description), CM_NUM(struct dir_cost, amount, has_amount),
};
static const struct colmap area_cols[] = {
	CM_TEXT(struct dir_area, id), CM_TEXT(struct dir_area, name), CM_TEXT(struct dir_area, description),
	CM_TEXT(struct dir_area, extent), CM_TEXT(struct dir_area, extent_type), CM_TEXT(struct dir_area, uri),
};
static const struct colmap funding_cols[] = { { 0, COL_TEXT, 0 } }; /* an array of const char * */

#define TERM_SELECT                                                                                  \
	"SELECT t.id, t.code, coalesce(lb.name, t.name), t.taxonomy_id, t.taxonomy FROM attribute at " \
	"JOIN taxonomy_term t ON t.id = at.taxonomy_term_id "                                          \
	"LEFT JOIN taxonomy_term_label lb ON lb.term_id = t.id AND lb.lang = ?2 "                      \
	"JOIN taxonomy x ON x.id = t.taxonomy_id "

int dir_service_get(struct store *s, arena *a, const char *id, const char *lang, enum dir_view view,
		    struct dir_service *out)
{
	memset(out, 0, sizeof(*out));
	sqlite3_stmt *st = store_stmt(s,
		"SELECT s.id, s.organization_id, o.name, s.name, s.alternate_name, s.description, s.url, "
		"s.email, s.status, s.interpretation_services, s.application_process, s.fees_description, "
		"s.eligibility_description, s.delivery, s.assured_date, s.assurer_email, s.alert, "
		"s.last_modified, s.merged_into, s.free_of_charge, s.archived, s.minimum_age, "
		"s.maximum_age, s.capacity, s.version FROM service s JOIN organization o ON o.id = s.organization_id "
		"WHERE s.id = ?");
	if (!st)
		return ST_ERR;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	int rc = store_step(st);
	if (rc <= 0) {
		sqlite3_reset(st);
		return rc == 0 ? ST_NOTFOUND : ST_ERR;
	}
	out->id = store_col_str(a, st, 0);
	out->organization_id = store_col_str(a, st, 1);
	out->organization_name = store_col_str(a, st, 2);
	out->name = store_col_str(a, st, 3);
	out->alternate_name = store_col_str(a, st, 4);
	out->description = store_col_str(a, st, 5);
	out->url = store_col_str(a, st, 6);
	out->email = store_col_str(a, st, 7);
	out->status = store_col_str(a, st, 8);
	out->interpretation_services = store_col_str(a, st, 9);
	out->application_process = store_col_str(a, st, 10);
	out->fees_description = store_col_str(a, st, 11);
	out->eligibility_description = store_col_str(a, st, 12);
	out->delivery = store_col_str(a, st, 13);
	out->assured_date = store_col_opt(a, st, 14);
	out->assurer_email = store_col_str(a, st, 15);
	out->alert = store_col_str(a, st, 16);
	out->last_modified = store_col_str(a, st, 17);
	out->merged_into = store_col_opt(a, st, 18);
	out->free_of_charge = sqlite3_column_int(st, 19);
	out->archived = sqlite3_column_int(st, 20);
	out->minimum_age = store_col_int(st, 21);
	out->maximum_age = store_col_int(st, 22);
	out->capacity = store_col_int(st, 23);
	out->version = sqlite3_column_int64(st, 24);
	sqlite3_reset(st);
	if (view == DIR_PUBLIC && (out->archived || out->merged_into))
		return ST_NOTFOUND;

	size_t cap = 0;
	st = store_stmt(s, "SELECT " LOCATION_COLS " FROM service_at_location sal "
			   "JOIN location l ON l.id = sal.location_id" LOCATION_ADDRESS_JOIN
			   " WHERE sal.service_id = ?1 AND (?2 OR l.confidential = 0) ORDER BY l.name, l.id");
	if (!st)
		return ST_ERR;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, view == DIR_STAFF);
	int k;
	while ((k = store_step(st)) > 0)
		read_location(a, st, 0, PUSH(a, out->locations, out->n_locations, cap));
	sqlite3_reset(st);
	if (k < 0)
		return ST_ERR;

	static const struct {
		const char *sql;
		size_t list_off, n_off, size;
		const struct colmap *map;
		size_t ncols;
	} lists[] = {
#define LIST(sql, field, map) { sql, offsetof(struct dir_service, field), \
	offsetof(struct dir_service, n_##field), sizeof(*((struct dir_service *)0)->field), map, NELEM(map) }
		LIST("SELECT id, number, extension, type, description FROM phone WHERE service_id = ? ORDER BY rowid",
		     phones, phone_cols),
		LIST("SELECT id, name, title, department, email FROM contact WHERE service_id = ? ORDER BY rowid",
		     contacts, contact_cols),
		LIST("SELECT id, valid_from, valid_to, dtstart, until, freq, byday, opens_at, closes_at, description, "
		     "attending_type, notes, interval FROM schedule WHERE service_id = ? ORDER BY rowid",
		     schedules, schedule_cols),
		LIST("SELECT id, code, name, note FROM language WHERE service_id = ? ORDER BY rowid", languages,
		     language_cols),
		LIST("SELECT id, valid_from, valid_to, option, currency, amount_description, amount FROM cost_option "
		     "WHERE service_id = ? ORDER BY rowid", costs, cost_cols),
		LIST("SELECT source FROM funding WHERE service_id = ? ORDER BY rowid", funding, funding_cols),
		LIST("SELECT id, name, description, extent, extent_type, uri FROM service_area WHERE service_id = ? "
		     "ORDER BY rowid", areas, area_cols),
#undef LIST
	};
	for (size_t i = 0; i < NELEM(lists); i++) {
		st = by_id(s, lists[i].sql, id);
		if (!st)
			return ST_ERR;
		size_t *n = (size_t *)((char *)out + lists[i].n_off);
		*(void **)((char *)out + lists[i].list_off) = read_rows(a, st, lists[i].size, lists[i].map,
									 lists[i].ncols, n, &rc);
		if (rc != ST_OK)
			return ST_ERR;
	}

	st = by_id(s, TERM_SELECT "WHERE at.link_entity = 'service' AND at.link_id = ?1 ORDER BY x.name, t.position",
		   id);
	if (!st)
		return ST_ERR;
	sqlite3_bind_text(st, 2, lang, -1, SQLITE_STATIC);
	READ_ROWS(a, st, out->terms, out->n_terms, term_cols);
	return ST_OK;
}

int dir_org_get(struct store *s, arena *a, const char *id, const char *lang, enum dir_view view,
		struct dir_org *out)
{
	memset(out, 0, sizeof(*out));
	sqlite3_stmt *st = store_stmt(s,
		"SELECT id, name, alternate_name, description, email, website, legal_status, "
		"parent_organization_id, merged_into, last_modified, year_incorporated, archived, version "
		"FROM organization WHERE id = ?");
	if (!st)
		return ST_ERR;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	int rc = store_step(st);
	if (rc <= 0) {
		sqlite3_reset(st);
		return rc == 0 ? ST_NOTFOUND : ST_ERR;
	}
	out->id = store_col_str(a, st, 0);
	out->name = store_col_str(a, st, 1);
	out->alternate_name = store_col_str(a, st, 2);
	out->description = store_col_str(a, st, 3);
	out->email = store_col_str(a, st, 4);
	out->website = store_col_str(a, st, 5);
	out->legal_status = store_col_str(a, st, 6);
	out->parent_organization_id = store_col_opt(a, st, 7);
	out->merged_into = store_col_opt(a, st, 8);
	out->last_modified = store_col_str(a, st, 9);
	out->year_incorporated = store_col_int(st, 10);
	out->archived = sqlite3_column_int(st, 11);
	out->version = sqlite3_column_int64(st, 12);
	sqlite3_reset(st);
	if (view == DIR_PUBLIC && (out->archived || out->merged_into))
		return ST_NOTFOUND;

	st = by_id(s, "SELECT id, number, extension, type, description FROM phone "
		      "WHERE organization_id = ? AND service_id IS NULL ORDER BY rowid", id);
	if (!st)
		return ST_ERR;
	READ_ROWS(a, st, out->phones, out->n_phones, phone_cols);
	st = by_id(s, "SELECT id, name, title, department, email FROM contact "
		      "WHERE organization_id = ? AND service_id IS NULL ORDER BY rowid", id);
	if (!st)
		return ST_ERR;
	READ_ROWS(a, st, out->contacts, out->n_contacts, contact_cols);

	size_t cap = 0;
	st = store_stmt(s, "SELECT " LOCATION_COLS " FROM location l" LOCATION_ADDRESS_JOIN
			   " WHERE l.organization_id = ?1 AND (?2 OR l.confidential = 0) ORDER BY l.name, l.id");
	if (!st)
		return ST_ERR;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, view == DIR_STAFF);
	int k;
	while ((k = store_step(st)) > 0)
		read_location(a, st, 0, PUSH(a, out->locations, out->n_locations, cap));
	sqlite3_reset(st);
	if (k < 0)
		return ST_ERR;

	st = by_id(s, TERM_SELECT "WHERE at.link_entity = 'organization' AND at.link_id = ?1 "
				  "ORDER BY x.name, t.position", id);
	if (!st)
		return ST_ERR;
	sqlite3_bind_text(st, 2, lang, -1, SQLITE_STATIC);
	READ_ROWS(a, st, out->terms, out->n_terms, term_cols);
	return ST_OK;
}

int dir_org_services(struct store *s, arena *a, const char *org_id, enum dir_view view, struct dir_service **out,
		     size_t *n)
{
	struct dir_service *v = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = store_stmt(s,
		"SELECT id, name, status, assured_date, last_modified, archived, description FROM service "
		"WHERE organization_id = ?1 AND (?2 OR (archived = 0 AND merged_into IS NULL)) "
		"ORDER BY name, id");
	if (!st)
		return ST_ERR;
	sqlite3_bind_text(st, 1, org_id, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, view == DIR_STAFF);
	int k;
	while ((k = store_step(st)) > 0) {
		struct dir_service *x = PUSH(a, v, *n, cap);
		x->id = store_col_str(a, st, 0);
		x->organization_id = org_id;
		x->name = store_col_str(a, st, 1);
		x->status = store_col_str(a, st, 2);
		x->assured_date = store_col_opt(a, st, 3);
		x->last_modified = store_col_str(a, st, 4);
		x->archived = sqlite3_column_int(st, 5);
		x->description = store_col_str(a, st, 6);
		x->minimum_age = x->maximum_age = x->capacity = -1;
	}
	sqlite3_reset(st);
	if (k < 0) {
		*n = 0;
		return ST_ERR;
	}
	*out = v;
	return ST_OK;
}

int dir_postcode_place(struct store *s, arena *a, const char *code, const char **out)
{
	*out = NULL;
	sqlite3_stmt *st = store_stmt(s, "SELECT city FROM postcode WHERE code = ?");
	if (!st)
		return ST_ERR;
	store_bind_str(st, 1, code);
	return store_one_text(a, st, out);
}
