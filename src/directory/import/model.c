/* model.c — the flat import's fast path for NEW offers, providers
 * and places: plain inserts (no reading back, no deleting of children)
 * with time-ordered ids, so that 100,000 offers go in within seconds.
 *
 * It writes what dir_service_save / dir_org_save / dir_location_save write
 * for a new record, the offer's row through the same writer
 * (dir_service_write_row), including the change log (one "create" row in
 * metadata each, through the same writer, dir_log_change, under this
 * file's time-ordered ids); the search index follows through the triggers of
 * sql/0005_search.sql like for any writer. Offers changed by id still go
 * through dir_service_save. */
#include "directory/import/import_internal.h"
#include "core/core.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* ---- ids: UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, a
 * 12-bit counter that keeps ids of one millisecond in order, 62 random
 * bits. In order, they land at the right edge of every index. ---- */

void dir_import_ids_init(struct dir_import_ids *g)
{
	memset(g, 0, sizeof(*g));
	g->pos = sizeof(g->pool);
}

void dir_import_uuid(struct dir_import_ids *g, char out[37])
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	uint64_t ms = (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
	if (ms > g->last_ms) {
		g->last_ms = ms;
		g->seq = 0;
	} else if (++g->seq > 0xFFF) {
		g->last_ms++; /* borrow the next millisecond; stays in order */
		g->seq = 0;
	}
	if (g->pos + 8 > sizeof(g->pool)) {
		core_random(g->pool, sizeof(g->pool));
		g->pos = 0;
	}
	unsigned char b[16];
	uint64_t t = g->last_ms;
	for (int i = 5; i >= 0; i--, t >>= 8)
		b[i] = (unsigned char)(t & 0xFF);
	b[6] = (unsigned char)(0x70 | (g->seq >> 8));
	b[7] = (unsigned char)(g->seq & 0xFF);
	memcpy(b + 8, g->pool + g->pos, 8);
	g->pos += 8;
	b[8] = (unsigned char)((b[8] & 0x3F) | 0x80);
	static const char hex[] = "0123456789abcdef";
	char *o = out;
	for (int i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			*o++ = '-';
		*o++ = hex[b[i] >> 4];
		*o++ = hex[b[i] & 15];
	}
	*o = '\0';
}

/* ---- inserts ---- */


/* Step an INSERT OR IGNORE of rows rows: a row it ignored (a broken
 * constraint) is ST_CONFLICT. (OR IGNORE spares SQLite a statement journal
 * per insert.) */
static int run_rows(struct store *s, sqlite3_stmt *st, int rows)
{
	if (!st)
		return ST_ERR;
	int rc = store_exec_stmt(s, st);
	if (rc == ST_OK && sqlite3_changes(store_db(s)) != rows)
		rc = ST_CONFLICT;
	return rc;
}

static int run(struct store *s, sqlite3_stmt *st)
{
	return run_rows(s, st, 1);
}

/* An offer's term links, up to eight in one statement: an offer has about
 * seven, and one step costs less than seven. */
#define ATTR_ROW ", (?, ?, ?, 'service')"
#define ATTR_INSERT "INSERT OR IGNORE INTO attribute(id, link_id, taxonomy_term_id, link_entity) VALUES (?, ?, ?, 'service')"
static const char *const attr_insert[] = {
	NULL,
	ATTR_INSERT,
	ATTR_INSERT ATTR_ROW,
	ATTR_INSERT ATTR_ROW ATTR_ROW,
	ATTR_INSERT ATTR_ROW ATTR_ROW ATTR_ROW,
	ATTR_INSERT ATTR_ROW ATTR_ROW ATTR_ROW ATTR_ROW,
	ATTR_INSERT ATTR_ROW ATTR_ROW ATTR_ROW ATTR_ROW ATTR_ROW,
	ATTR_INSERT ATTR_ROW ATTR_ROW ATTR_ROW ATTR_ROW ATTR_ROW ATTR_ROW,
	ATTR_INSERT ATTR_ROW ATTR_ROW ATTR_ROW ATTR_ROW ATTR_ROW ATTR_ROW ATTR_ROW,
};
#define ATTR_MAX ((int)NELEM(attr_insert) - 1)

static int insert_terms(struct store *s, struct dir_import_ids *g, const char *id, const struct dir_term *terms,
			size_t n)
{
	int rc = ST_OK;
	char aid[ATTR_MAX][37]; /* bound as they are: alive until the step */
	for (size_t i = 0; i < n && rc == ST_OK;) {
		int k = n - i < (size_t)ATTR_MAX ? (int)(n - i) : ATTR_MAX;
		sqlite3_stmt *st = store_stmt(s, attr_insert[k]);
		if (!st)
			return ST_ERR;
		for (int j = 0; j < k; j++, i++) {
			dir_import_uuid(g, aid[j]);
			store_bind_str(st, 3 * j + 1, aid[j]);
			store_bind_str(st, 3 * j + 2, id);
			store_bind_str(st, 3 * j + 3, terms[i].id);
		}
		rc = run_rows(s, st, k);
	}
	return rc;
}

/* The record's "create" row of the change log, under a time-ordered id. */
static int log_create(struct store *s, struct dir_import_ids *g, const char *rid, const char *type, const char *what,
		      const char *who)
{
	char id[37];
	dir_import_uuid(g, id);
	return dir_log_change(s, id, rid, type, "create", "", "", what, who);
}

int dir_import_insert_org(struct store *s, struct dir_import_ids *g, const char *name, const char *who, char id[37])
{
	dir_import_uuid(g, id);
	sqlite3_stmt *st = store_stmt(s, "INSERT OR IGNORE INTO organization(id, name) VALUES (?, ?)");
	if (!st)
		return ST_ERR;
	store_bind_str(st, 1, id);
	store_bind_str(st, 2, name);
	int rc = run(s, st);
	return rc == ST_OK ? log_create(s, g, id, "organization", name, who) : rc;
}

int dir_import_insert_location(struct store *s, struct dir_import_ids *g, const struct dir_location *l, const char *who,
			char id[37])
{
	dir_import_uuid(g, id);
	sqlite3_stmt *st = store_stmt(s, "INSERT OR IGNORE INTO location(id, organization_id, location_type, latitude, "
					 "longitude) VALUES (?, ?, 'physical', ?, ?)");
	if (!st)
		return ST_ERR;
	store_bind_str(st, 1, id);
	store_bind_str(st, 2, l->organization_id);
	if (l->has_coords) {
		sqlite3_bind_double(st, 3, l->latitude);
		sqlite3_bind_double(st, 4, l->longitude);
	}
	int rc = run(s, st);
	if (rc == ST_OK && l->has_address) {
		const struct dir_address *ad = &l->address;
		char aid[37];
		dir_import_uuid(g, aid);
		st = store_stmt(s, "INSERT OR IGNORE INTO address(id, location_id, address_1, city, state_province, "
				   "postal_code, country, address_type) "
				   "VALUES (?, ?, ?, ?, 'Rheinland-Pfalz', ?, 'DE', 'physical')");
		if (!st)
			return ST_ERR;
		store_bind_str(st, 1, aid);
		store_bind_str(st, 2, id);
		store_bind_str(st, 3, ad->address_1);
		store_bind_str(st, 4, ad->city);
		store_bind_str(st, 5, ad->postal_code);
		rc = run(s, st);
	}
	if (rc == ST_OK)
		rc = log_create(s, g, id, "location", l->has_address ? l->address.address_1 : "", who);
	return rc;
}

int dir_import_insert_offer(struct store *s, struct dir_import_ids *g, const struct dir_service *sv, const char *who,
		     char id[37])
{
	char cid[37];
	dir_import_uuid(g, id);
	int rc = dir_service_write_row(s, sv, id, NULL, DIR_ROW_NEW);
	sqlite3_stmt *st;
	for (size_t i = 0; i < sv->n_locations && rc == ST_OK; i++) {
		st = store_stmt(s, "INSERT OR IGNORE INTO service_at_location(id, service_id, location_id) VALUES (?, ?, ?)");
		dir_import_uuid(g, cid);
		if (st) {
			store_bind_str(st, 1, cid);
			store_bind_str(st, 2, id);
			store_bind_str(st, 3, sv->locations[i].id);
		}
		rc = run(s, st);
	}
	for (size_t i = 0; i < sv->n_phones && rc == ST_OK; i++) {
		st = store_stmt(s, "INSERT OR IGNORE INTO phone(id, service_id, number) VALUES (?, ?, ?)");
		dir_import_uuid(g, cid);
		if (st) {
			store_bind_str(st, 1, cid);
			store_bind_str(st, 2, id);
			store_bind_str(st, 3, sv->phones[i].number);
		}
		rc = run(s, st);
	}
	for (size_t i = 0; i < sv->n_contacts && rc == ST_OK; i++) {
		st = store_stmt(s, "INSERT OR IGNORE INTO contact(id, service_id, name, email) VALUES (?, ?, ?, ?)");
		dir_import_uuid(g, cid);
		if (st) {
			store_bind_str(st, 1, cid);
			store_bind_str(st, 2, id);
			store_bind_str(st, 3, sv->contacts[i].name);
			store_bind_str(st, 4, sv->contacts[i].email);
		}
		rc = run(s, st);
	}
	for (size_t i = 0; i < sv->n_schedules && rc == ST_OK; i++) {
		st = store_stmt(s, "INSERT OR IGNORE INTO schedule(id, service_id, description) VALUES (?, ?, ?)");
		dir_import_uuid(g, cid);
		if (st) {
			store_bind_str(st, 1, cid);
			store_bind_str(st, 2, id);
			store_bind_str(st, 3, sv->schedules[i].description);
		}
		rc = run(s, st);
	}
	for (size_t i = 0; i < sv->n_languages && rc == ST_OK; i++) {
		st = store_stmt(s, "INSERT OR IGNORE INTO language(id, service_id, code, name) VALUES (?, ?, ?, ?)");
		dir_import_uuid(g, cid);
		if (st) {
			store_bind_str(st, 1, cid);
			store_bind_str(st, 2, id);
			store_bind_str(st, 3, sv->languages[i].code);
			store_bind_str(st, 4, sv->languages[i].name);
		}
		rc = run(s, st);
	}
	for (size_t i = 0; i < sv->n_funding && rc == ST_OK; i++) {
		st = store_stmt(s, "INSERT OR IGNORE INTO funding(id, service_id, source) VALUES (?, ?, ?)");
		dir_import_uuid(g, cid);
		if (st) {
			store_bind_str(st, 1, cid);
			store_bind_str(st, 2, id);
			store_bind_str(st, 3, sv->funding[i]);
		}
		rc = run(s, st);
	}
	if (rc == ST_OK)
		rc = insert_terms(s, g, id, sv->terms, sv->n_terms);
	if (rc == ST_OK)
		rc = log_create(s, g, id, "service", sv->name, who);
	return rc;
}
