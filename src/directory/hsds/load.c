/* load.c — the order in which a checked HSDS import is written: terms
 * first, then the records new to the database as plain rows (fresh.c),
 * the services and big lists as they are read (import_stream.c calls
 * dir_hsds_load_row), the stored records through the model's save
 * functions (load_stored.c), then every row of the files by its id
 * (load_tables.c), so that what the model's structs do not carry (ids of
 * links, further addresses, phones of contacts, attribute values ...)
 * arrives unchanged, the change log's history, and the fact table
 * (load_facts.c). Runs inside the importer's transaction. */
#include "directory/directory.h"
#include "directory/hsds/load_internal.h"
#include "core/core.h"

#include <string.h>
#include <strings.h>

int dir_hsds_load_fresh_row(const struct dir_hsds_loader *c, int ti, size_t r)
{
	return c->fresh[ti] && c->fresh[ti][r];
}

int dir_hsds_load_is_new(const struct dir_hsds_loader *c, int ti, const char *id)
{
	const struct dir_hsds_itab *t = &c->tab[ti];
	if (t->ids)
		return dir_hsds_ids_state(t->ids, id) == 1;
	long p = *id ? dir_hsds_find(t, id) : -1;
	return p >= 0 && dir_hsds_load_fresh_row(c, ti, (size_t)p);
}

int dir_hsds_load_refused(struct dir_hsds_loader *c, const struct dir_hsds_itab *t, size_t r)
{
	buf_printf(c->report, "%s:%ld: could not be written: %s\n", t->file, t->rows[r].line,
		   sqlite3_errmsg(store_db(c->s)));
	return ST_CONFLICT;
}

const char *dir_hsds_cell_named(const struct dir_hsds_itab *t, size_t r, const char *col)
{
	return dir_hsds_cell(t, r, dir_hsds_col_index(t->t, col));
}

int dir_hsds_is_true(const char *v)
{
	return strcasecmp(v, "true") == 0 || strcmp(v, "1") == 0;
}

/* The links of services to locations keep their ids and descriptions. */
static int put_links(struct dir_hsds_loader *c)
{
	struct dir_hsds_itab *t = &c->tab[HT_SAL];
	for (size_t r = 0; r < t->nrows; r++) {
		/* a new offer has no links yet */
		int linked = !dir_hsds_load_is_new(c, HT_SERVICE, dir_hsds_cell_named(t, r, "service_id"));
		if (linked && dir_hsds_put_row(c, HT_SAL, r,
				      "UPDATE service_at_location SET id = ?1, description = ?4 "
				      "WHERE service_id = ?2 AND location_id = ?3") != ST_OK)
			return dir_hsds_load_refused(c, t, r);
		if ((!linked || sqlite3_changes(store_db(c->s)) == 0) && dir_hsds_put(c, HT_SAL, r, !linked) != ST_OK)
			return dir_hsds_load_refused(c, t, r);
	}
	return ST_OK;
}

/* The change log: where the files hold a record's history, that history
 * replaces the entries this import made for the record. */
static int put_history(struct dir_hsds_loader *c, sqlite3_int64 before)
{
	struct dir_hsds_itab *t = &c->tab[HT_METADATA];
	if (t->nrows == 0)
		return ST_OK;
	if (store_exec(c->s, "CREATE TEMP TABLE IF NOT EXISTS hsds_history(id TEXT PRIMARY KEY) WITHOUT ROWID") !=
		    ST_OK ||
	    store_exec(c->s, "DELETE FROM temp.hsds_history") != ST_OK)
		return ST_ERR;
	int rc = dir_hsds_each_row(c, HT_METADATA, 0, "INSERT OR IGNORE INTO temp.hsds_history(id) VALUES (?2)", "resource_id",
			  NULL, NULL);
	if (rc != ST_OK)
		return rc;
	sqlite3_stmt *st = store_stmt(c->s, "DELETE FROM metadata WHERE rowid > ?1 AND updated_by = '" DIR_HSDS_WHO "' "
					    "AND resource_id IN (SELECT id FROM temp.hsds_history)");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, before);
	if (store_exec_stmt(c->s, st) != ST_OK)
		return ST_ERR;
	return dir_hsds_put_all(c, HT_METADATA);
}

struct dir_hsds_loader *dir_hsds_load_start(struct store *s, arena *a, struct dir_hsds_itab *tab,
					    const struct dir_hsds_ids *history, buf *report, int *rc)
{
	struct dir_hsds_loader *c = arena_alloc(a, sizeof(*c));
	*c = (struct dir_hsds_loader){ .s = s, .tab = tab, .report = report, .a = a, .history = history };
	sqlite3_stmt *st = store_stmt(s, "SELECT (SELECT coalesce(max(rowid), 0) FROM metadata), "
					 "(SELECT coalesce(max(rowid), 0) FROM service)");
	*rc = ST_ERR;
	if (!st)
		return NULL;
	int k = store_step(st);
	if (k > 0) {
		c->before = sqlite3_column_int64(st, 0);
		c->services_before = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	if (k < 0)
		return NULL;
	*rc = ST_OK;
	dir_hsds_now(c->now);
	static const int first[] = { HT_TAXONOMY, HT_TERM, HT_LABEL };
	for (size_t i = 0; i < NELEM(first) && *rc == ST_OK; i++)
		*rc = dir_hsds_put_all(c, first[i]);
	if (*rc == ST_OK)
		*rc = dir_hsds_fresh(s, a, tab, c->fresh, history, report);
	if (*rc == ST_OK)
		*rc = dir_hsds_bulk_begin(c);
	if (*rc == ST_ERR)
		*rc = ST_CONFLICT;
	return *rc == ST_OK ? c : NULL;
}

/* Does row r of table ti (a list's row) belong to a record this import
 * creates (fresh.c wrote it)? */
static int owner_fresh(struct dir_hsds_loader *c, int ti, size_t r)
{
	struct dir_hsds_itab *t = &c->tab[ti];
	int pt = HT_SERVICE;
	const char *id = dir_hsds_cell_named(t, r, "service_id");
	if (ti == HT_ATTRIBUTE) {
		const char *e = dir_hsds_cell_named(t, r, "link_entity");
		pt = strcmp(e, "service") == 0 ? HT_SERVICE : strcmp(e, "organization") == 0 ? HT_ORG : HT_LOCATION;
		id = dir_hsds_cell_named(t, r, "link_id");
	}
	return dir_hsds_load_is_new(c, pt, id);
}

int dir_hsds_load_row(struct dir_hsds_loader *c, int ti)
{
	if (ti == HT_SERVICE)
		return !dir_hsds_load_is_new(c, ti, dir_hsds_cell(&c->tab[ti], 0, 0)) ? ST_NOTFOUND
		       : dir_hsds_fresh_row(c->s, c->tab, ti, c->now, c->history, c->report);
	if (!owner_fresh(c, ti, 0))
		return ST_NOTFOUND;
	return dir_hsds_put(c, ti, 0, 1) == ST_OK ? ST_OK : dir_hsds_load_refused(c, &c->tab[ti], 0);
}

int dir_hsds_load_end(struct dir_hsds_loader *c)
{
	int rc = dir_hsds_bulk_end(c);
	if (rc == ST_OK)
		rc = dir_hsds_save_stored(c);
	if (rc == ST_OK)
		rc = dir_hsds_each_row(c, HT_ORG, 1,
			      "UPDATE organization SET archived = coalesce(?2, archived), "
			      "merged_into = CASE WHEN ?5 THEN ?3 ELSE merged_into END, "
			      "last_modified = coalesce(?4, last_modified) WHERE id = ?1",
			      "archived", "merged_into", "last_modified");
	if (rc == ST_OK)
		rc = dir_hsds_each_row(c, HT_SERVICE, 1,
			      "UPDATE service SET archived = coalesce(?2, archived), "
			      "merged_into = CASE WHEN ?5 THEN ?3 ELSE merged_into END WHERE id = ?1",
			      "archived", "merged_into", NULL);
	if (rc == ST_OK)
		rc = dir_hsds_each_row(c, HT_LOCATION, 1,
			      "UPDATE location SET external_identifier = ?2, external_identifier_type = ?3 "
			      "WHERE id = ?1",
			      "external_identifier", "external_identifier_type", NULL);
	/* the lists the files hold in full replace what the saves wrote */
	if (rc == ST_OK)
		rc = dir_hsds_each_row(c, HT_SERVICE, 1, "DELETE FROM funding WHERE service_id = ?1", NULL, NULL, NULL);
	if (rc == ST_OK)
		rc = dir_hsds_each_row(c, HT_ORG, 1, "DELETE FROM funding WHERE organization_id = ?1 AND service_id IS NULL", NULL,
			      NULL, NULL);
	if (rc == ST_OK)
		rc = dir_hsds_each_row(c, HT_SERVICE, 1, "DELETE FROM attribute WHERE link_entity = 'service' AND link_id = ?1",
			      NULL, NULL, NULL);
	if (rc == ST_OK)
		rc = dir_hsds_each_row(c, HT_ORG, 1, "DELETE FROM attribute WHERE link_entity = 'organization' AND link_id = ?1",
			      NULL, NULL, NULL);
	if (rc == ST_OK)
		rc = dir_hsds_each_row(c, HT_LOCATION, 1, "DELETE FROM attribute WHERE link_entity = 'location' AND link_id = ?1",
			      NULL, NULL, NULL);
	if (rc == ST_OK)
		rc = put_links(c);
	/* the rows of the lists written as they were read (dir_hsds_load_row)
	 * are not among these: those kept for stored records are */
	static const int rest[] = { HT_ADDRESS, HT_CONTACT, HT_PHONE, HT_SCHEDULE, HT_LANGUAGE,
				    HT_COST, HT_FUNDING, HT_AREA, HT_ATTRIBUTE, HT_TRANSLATION };
	for (size_t i = 0; i < NELEM(rest) && rc == ST_OK; i++)
		rc = dir_hsds_put_all(c, rest[i]);
	if (rc == ST_OK)
		rc = put_history(c, c->before);
	if (rc == ST_OK)
		rc = dir_hsds_load_facts(c);
	return rc == ST_ERR ? ST_CONFLICT : rc;
}
