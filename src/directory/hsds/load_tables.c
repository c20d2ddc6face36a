/* load_tables.c — the per-table SQL of the HSDS loader: each table's
 * update and insert by id, a row's cells bound as their parameters by
 * the column kinds of tables.c, and the row written one way or the
 * other. */
#include "directory/directory.h"
#include "directory/hsds/load_internal.h"
#include "core/core.h"

#include <stdlib.h>
#include <string.h>

/* Run sql with ?1 = row's id and further parameters from cols (kinds
 * bound as in upserts) for every row of table ti. */
static void bind_cell(sqlite3_stmt *st, int i, const struct dir_hsds_col *col, const char *v)
{
	if (!*v && col->dflt)
		v = col->dflt;
	if (!*v) {
		if (col->kind == HK_TEXT || col->kind == HK_CODE)
			sqlite3_bind_text(st, i, "", 0, SQLITE_STATIC);
		else if (col->kind == HK_BOOL)
			sqlite3_bind_int(st, i, 0);
		else
			sqlite3_bind_null(st, i);
		return;
	}
	switch (col->kind) {
	case HK_INT:
		sqlite3_bind_int64(st, i, strtoll(v, NULL, 10));
		break;
	case HK_NUM:
		sqlite3_bind_double(st, i, strtod(v, NULL));
		break;
	case HK_BOOL:
		sqlite3_bind_int(st, i, dir_hsds_is_true(v));
		break;
	default:
		sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
	}
}

void dir_hsds_bind_row(sqlite3_stmt *st, const struct dir_hsds_itab *t, int ti, size_t r)
{
	for (size_t k = 0; k < t->t->ncols; k++) {
		const char *v = dir_hsds_cell(t, r, (int)k);
		if (t->t->cols[k].kind == HK_UNUSED)
			continue;
		if (ti == HT_TERM && k == 1 && !*v)
			v = dir_hsds_cell(t, r, 0); /* codes are unique per taxonomy: the id stands in */
		if ((t->t->cols[k].flags & HC_EXTRA) && t->colmap[k] < 0)
			sqlite3_bind_null(st, (int)k + 1); /* a lotse column the file lacks: kept */
		else
			bind_cell(st, (int)k + 1, &t->t->cols[k], v);
	}
}

/* Bind every kept column k of row r as parameter ?k+1 and run sql. */
/* Bind every kept column k of row r as parameter ?k+1 and run sql. */
int dir_hsds_put_row(struct dir_hsds_loader *c, int ti, size_t r, const char *sql)
{
	sqlite3_stmt *st = store_stmt(c->s, sql);
	if (!st)
		return ST_ERR;
	dir_hsds_bind_row(st, &c->tab[ti], ti, r);
	return store_exec_stmt(c->s, st);
}

/* Every table written row by row: UPDATE by id, else INSERT. (No UPSERT:
 * its ON CONFLICT would override the OR IGNORE of the search triggers.) */
static const struct {
	const char *update, *insert;
} put_sql[HT__COUNT] = {
	[HT_TAXONOMY] = {
		"UPDATE taxonomy SET name = ?2, description = ?3, uri = ?4, version = ?5 WHERE id = ?1",
		"INSERT INTO taxonomy(id, name, description, uri, version) VALUES (?1, ?2, ?3, ?4, ?5)" },
	[HT_TERM] = {
		"UPDATE taxonomy_term SET code = ?2, name = ?3, description = ?4, parent_id = ?5, "
		"taxonomy = ?6, language = ?7, taxonomy_id = ?8, term_uri = ?9, position = coalesce(?10, position) WHERE id = "
		"?1",
		"INSERT INTO taxonomy_term(id, code, name, description, parent_id, taxonomy, language, "
		"taxonomy_id, term_uri, position) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, coalesce(?10, 0))" },
	[HT_LABEL] = {
		"UPDATE taxonomy_term_label SET name = ?3 WHERE term_id = ?1 AND lang = ?2",
		"INSERT INTO taxonomy_term_label(term_id, lang, name) VALUES (?1, ?2, ?3)" },
	[HT_TRANSLATION] = {
		"UPDATE service_translation SET name = ?3, description = ?4, application_process = ?5, "
		"updated_by = 'import', updated_at = coalesce(?6, updated_at) WHERE service_id = ?1 AND lang = ?2",
		"INSERT INTO service_translation(service_id, lang, name, description, application_process, updated_by, "
		"updated_at) VALUES (?1, ?2, ?3, ?4, ?5, 'import', coalesce(?6, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))" },
	[HT_ADDRESS] = {
		"UPDATE address SET location_id = ?2, attention = ?3, address_1 = ?4, address_2 = ?5, "
		"city = ?6, region = ?7, state_province = ?8, postal_code = ?9, country = ?10, "
		"address_type = ?11 WHERE id = ?1",
		"INSERT INTO address(id, location_id, attention, address_1, address_2, city, region, "
		"state_province, postal_code, country, address_type) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
		"?8, ?9, ?10, ?11)" },
	[HT_SAL] = {
		"UPDATE service_at_location SET service_id = ?2, location_id = ?3, description = ?4 WHERE "
		"id = ?1",
		"INSERT INTO service_at_location(id, service_id, location_id, description) VALUES (?1, "
		"?2, ?3, ?4)" },
	[HT_CONTACT] = {
		"UPDATE contact SET organization_id = ?2, service_id = ?3, service_at_location_id = ?4, "
		"location_id = ?5, name = ?6, title = ?7, department = ?8, email = ?9 WHERE id = ?1",
		"INSERT INTO contact(id, organization_id, service_id, service_at_location_id, "
		"location_id, name, title, department, email) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)" },
	[HT_PHONE] = {
		"UPDATE phone SET location_id = ?2, service_id = ?3, organization_id = ?4, contact_id = "
		"?5, service_at_location_id = ?6, number = ?7, extension = ?8, type = ?9, description = "
		"?10 WHERE id = ?1",
		"INSERT INTO phone(id, location_id, service_id, organization_id, contact_id, "
		"service_at_location_id, number, extension, type, description) VALUES (?1, ?2, ?3, ?4, "
		"?5, ?6, ?7, ?8, ?9, ?10)" },
	[HT_SCHEDULE] = {
		"UPDATE schedule SET service_id = ?2, location_id = ?3, service_at_location_id = ?4, "
		"valid_from = ?5, valid_to = ?6, dtstart = ?7, until = ?9, freq = ?12, interval = ?13, "
		"byday = ?14, description = ?18, opens_at = ?19, closes_at = ?20, attending_type = ?22, "
		"notes = ?23 WHERE id = ?1",
		"INSERT INTO schedule(id, service_id, location_id, service_at_location_id, valid_from, "
		"valid_to, dtstart, until, freq, interval, byday, description, opens_at, closes_at, "
		"attending_type, notes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?9, ?12, ?13, ?14, ?18, ?19, "
		"?20, ?22, ?23)" },
	[HT_LANGUAGE] = {
		"UPDATE language SET service_id = ?2, location_id = ?3, phone_id = ?4, name = ?5, code = "
		"?6, note = ?7 WHERE id = ?1",
		"INSERT INTO language(id, service_id, location_id, phone_id, name, code, note) VALUES "
		"(?1, ?2, ?3, ?4, ?5, ?6, ?7)" },
	[HT_COST] = {
		"UPDATE cost_option SET service_id = ?2, valid_from = ?3, valid_to = ?4, option = ?5, "
		"currency = ?6, amount = ?7, amount_description = ?8 WHERE id = ?1",
		"INSERT INTO cost_option(id, service_id, valid_from, valid_to, option, currency, amount, "
		"amount_description) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)" },
	[HT_FUNDING] = {
		"UPDATE funding SET organization_id = ?2, service_id = ?3, source = ?4 WHERE id = ?1",
		"INSERT INTO funding(id, organization_id, service_id, source) VALUES (?1, ?2, ?3, ?4)" },
	[HT_AREA] = {
		"UPDATE service_area SET service_id = ?2, name = ?3, description = ?4, extent = ?5, "
		"extent_type = ?6, uri = ?7 WHERE id = ?1",
		"INSERT INTO service_area(id, service_id, name, description, extent, extent_type, uri) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)" },
	[HT_ATTRIBUTE] = {
		"UPDATE attribute SET link_id = ?2, taxonomy_term_id = ?3, link_type = ?4, link_entity = "
		"?5, value = ?6 WHERE id = ?1",
		"INSERT INTO attribute(id, link_id, taxonomy_term_id, link_type, link_entity, value) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6)" },
	[HT_METADATA] = {
		"UPDATE metadata SET resource_id = ?2, resource_type = ?3, last_action_date = "
		"coalesce(?10, ?4), last_action_type = ?5, field_name = ?6, previous_value = ?7, "
		"replacement_value = ?8, updated_by = ?9 WHERE id = ?1",
		"INSERT INTO metadata(id, resource_id, resource_type, last_action_date, last_action_type, "
		"field_name, previous_value, replacement_value, updated_by) VALUES (?1, ?2, ?3, "
		"coalesce(?10, ?4), ?5, ?6, ?7, ?8, ?9)" },
};

const char *dir_hsds_or_ignore(arena *a, const char *sql)
{
	size_t n = strcspn(sql, " ");
	return arena_printf(a, "%.*s OR IGNORE%s", (int)n, sql, sql + n);
}

/* Row r of table ti by its id: updated when there, inserted when not;
 * tried in that order, or (fresh: a row of a new record, which is rarely
 * stored already) the insert first, which spares a lookup per row. Both
 * OR IGNORE (no statement journal per row); when the row went in neither
 * way, the plain statements once more, for SQLite's reason. */
int dir_hsds_put(struct dir_hsds_loader *c, int ti, size_t r, int fresh)
{
	if (!c->ignore[ti][0]) {
		c->ignore[ti][0] = dir_hsds_or_ignore(c->a, put_sql[ti].update);
		c->ignore[ti][1] = dir_hsds_or_ignore(c->a, put_sql[ti].insert);
	}
	const char *plain[2] = { put_sql[ti].update, put_sql[ti].insert };
	int a = fresh != 0, b = !a;
	sqlite3 *db = store_db(c->s);
	if (dir_hsds_put_row(c, ti, r, c->ignore[ti][a]) != ST_OK)
		return ST_CONFLICT;
	if (sqlite3_changes(db) == 1)
		return ST_OK;
	if (dir_hsds_put_row(c, ti, r, c->ignore[ti][b]) != ST_OK)
		return ST_CONFLICT;
	if (sqlite3_changes(db) == 1)
		return ST_OK;
	if (dir_hsds_put_row(c, ti, r, plain[a]) == ST_OK)
		dir_hsds_put_row(c, ti, r, plain[b]);
	return ST_CONFLICT;
}

int dir_hsds_put_all(struct dir_hsds_loader *c, int ti)
{
	for (size_t r = 0; r < c->tab[ti].nrows; r++)
		if (dir_hsds_put(c, ti, r, 0) != ST_OK)
			return dir_hsds_load_refused(c, &c->tab[ti], r);
	return ST_OK;
}

int dir_hsds_each_row(struct dir_hsds_loader *c, int ti, int old, const char *sql, const char *c2, const char *c3,
		      const char *c4)
{
	struct dir_hsds_itab *t = &c->tab[ti];
	const char *cols[] = { c2, c3, c4 };
	for (size_t r = 0; r < t->nrows; r++) {
		if (old && dir_hsds_load_fresh_row(c, ti, r))
			continue;
		sqlite3_stmt *st = store_stmt(c->s, sql);
		if (!st)
			return ST_ERR;
		sqlite3_bind_text(st, 1, dir_hsds_cell(t, r, 0), -1, SQLITE_STATIC);
		for (int i = 0; i < 3 && cols[i]; i++) {
			int k = dir_hsds_col_index(t->t, cols[i]);
			if ((t->t->cols[k].flags & HC_EXTRA) && t->colmap[k] < 0)
				sqlite3_bind_null(st, i + 2);
			else
				bind_cell(st, i + 2, &t->t->cols[k], dir_hsds_cell(t, r, k));
		}
		sqlite3_bind_int(st, 5, c3 && t->colmap[dir_hsds_col_index(t->t, c3)] >= 0);
		if (store_exec_stmt(c->s, st) != ST_OK)
			return dir_hsds_load_refused(c, t, r);
	}
	return ST_OK;
}
