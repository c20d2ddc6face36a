/* fresh.c — the records an HSDS import brings that are new to the
 * database (organizations, locations, services whose ids are not stored):
 * each written as one plain row from its file, with one "create" entry in
 * the change log, instead of through the model's save functions, which
 * read the stored record, replace its lists and log field by field — the
 * work an update needs and a new record does not. Their lists (addresses,
 * links, phones, terms ...) follow with every other row of the files
 * (load.c). Runs inside the importer's transaction, so a failed row undoes
 * the whole import, as before. */
#include "directory/directory.h"
#include "directory/hsds/hsds_internal.h"
#include "core/core.h"

#include <string.h>
#include <time.h>

#define WHO "import"

/* A new record's row, parameters ?k+1 by the table's columns (tables.c);
 * ?40 is the import's time, for a last_modified the file leaves empty.
 * Values the file lacks get the schema's defaults. */
#define ORG_INTO                                                                                                \
	"organization(id, name, alternate_name, description, email, website, "                                 \
	"year_incorporated, legal_status, parent_organization_id, archived, merged_into, last_modified) "       \
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?9, ?10, ?13, coalesce(?14, 0), ?15, coalesce(?16, ?40))"
#define LOCATION_INTO                                                                                           \
	"location(id, location_type, url, organization_id, name, alternate_name, "                             \
	"description, transportation, latitude, longitude, external_identifier, "                              \
	"external_identifier_type, confidential) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "            \
	"?11, ?12, coalesce(?13, 0))"
#define SERVICE_INTO                                                                                            \
	"service(id, organization_id, name, alternate_name, description, url, email, "                         \
	"status, interpretation_services, application_process, fees_description, "                             \
	"eligibility_description, minimum_age, maximum_age, assured_date, assurer_email, alert, "              \
	"last_modified, free_of_charge, capacity, delivery, archived, merged_into) VALUES (?1, ?2, "           \
	"?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?16, ?17, ?18, ?19, ?20, ?22, coalesce(?23, ?40), "            \
	"coalesce(?24, 0), ?25, coalesce(?26, 'in_person'), coalesce(?27, 0), ?28)"

static const char *const insert_sql[HT__COUNT] = {
	[HT_ORG] = "INSERT INTO " ORG_INTO,
	[HT_LOCATION] = "INSERT INTO " LOCATION_INTO,
	[HT_SERVICE] = "INSERT INTO " SERVICE_INTO,
};

/* The same OR IGNORE: a row a constraint refuses is left out instead of
 * failing the statement (no statement journal per row); then the plain
 * one runs once more, for SQLite's reason. */
static const char *const ignore_sql[HT__COUNT] = {
	[HT_ORG] = "INSERT OR IGNORE INTO " ORG_INTO,
	[HT_LOCATION] = "INSERT OR IGNORE INTO " LOCATION_INTO,
	[HT_SERVICE] = "INSERT OR IGNORE INTO " SERVICE_INTO,
};

static const char *const stored_sql[HT__COUNT] = {
	[HT_ORG] = "SELECT 1 FROM organization WHERE id = ?1",
	[HT_LOCATION] = "SELECT 1 FROM location WHERE id = ?1",
	[HT_SERVICE] = "SELECT 1 FROM service WHERE id = ?1",
};

static const char *const resource[HT__COUNT] = {
	[HT_ORG] = "organization", [HT_LOCATION] = "location", [HT_SERVICE] = "service",
};

/* The rows of t whose ids are not stored: 1 in *out (owned by a). */
static int mark(struct store *s, arena *a, const struct dir_hsds_itab *t, int ti, unsigned char **out)
{
	unsigned char *fresh = arena_alloc(a, t->nrows + 1);
	sqlite3_stmt *st = store_stmt(s, stored_sql[ti]);
	if (!st)
		return ST_ERR;
	for (size_t r = 0; r < t->nrows; r++) {
		sqlite3_bind_text(st, 1, dir_hsds_cell(t, r, 0), -1, SQLITE_STATIC);
		int k = store_step(st);
		sqlite3_reset(st);
		if (k < 0)
			return ST_ERR;
		fresh[r] = k == 0;
	}
	*out = fresh;
	return ST_OK;
}

/* Insert row r of t by sql: ST_OK when it went in, ST_CONFLICT when not. */
static int insert(struct store *s, const char *sql, const struct dir_hsds_itab *t, int ti, size_t r,
		  const char *now)
{
	sqlite3_stmt *st = store_stmt(s, sql);
	if (!st)
		return ST_ERR;
	dir_hsds_bind_row(st, t, ti, r);
	if (sqlite3_bind_parameter_count(st) >= 40)
		sqlite3_bind_text(st, 40, now, -1, SQLITE_STATIC);
	int rc = store_exec_stmt(s, st);
	return rc == ST_OK && sqlite3_changes(store_db(s)) != 1 ? ST_CONFLICT : rc;
}

/* What the change log names a new record by: its name; a location
 * without one by the first of its addresses in the file. */
static const char *label(const struct dir_hsds_itab *tab, int ti, size_t r, const long *first_address)
{
	const struct dir_hsds_itab *t = &tab[ti];
	const char *name = dir_hsds_cell(t, r, dir_hsds_col_index(t->t, "name"));
	if (ti != HT_LOCATION || *name || first_address[r] < 0)
		return name;
	const struct dir_hsds_itab *ad = &tab[HT_ADDRESS];
	return dir_hsds_cell(ad, (size_t)first_address[r], dir_hsds_col_index(ad->t, "address_1"));
}

/* The row of each location's first address in the file, or -1. */
static long *first_addresses(arena *a, const struct dir_hsds_itab *tab)
{
	const struct dir_hsds_itab *l = &tab[HT_LOCATION], *ad = &tab[HT_ADDRESS];
	long *first = arena_alloc(a, (l->nrows + 1) * sizeof(*first));
	for (size_t i = 0; i < l->nrows; i++)
		first[i] = -1;
	int col = dir_hsds_col_index(ad->t, "location_id");
	for (size_t r = ad->nrows; r-- > 0;) {
		long p = dir_hsds_find(l, dir_hsds_cell(ad, r, col));
		if (p >= 0)
			first[p] = (long)r;
	}
	return first;
}

void dir_hsds_now(char now[32])
{
	time_t t0 = time(NULL);
	struct tm tm;
	gmtime_r(&t0, &tm);
	strftime(now, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* Row r of tab[ti], a new record, with its "create" entry in the change
 * log, named by label. ST_OK, or ST_CONFLICT with the reason in report. */
static int write_new(struct store *s, const struct dir_hsds_itab *tab, int ti, size_t r, const char *label,
		     const char *now, const struct dir_hsds_ids *history, buf *report)
{
	const struct dir_hsds_itab *t = &tab[ti];
	const char *id = dir_hsds_cell(t, r, 0);
	int rc = insert(s, ignore_sql[ti], t, ti, r, now);
	if (rc == ST_CONFLICT)
		insert(s, insert_sql[ti], t, ti, r, now); /* for SQLite's reason */
	/* a record whose history the files hold gets that history instead
	 * (an entry written here would be deleted again at the end) */
	if (rc == ST_OK && dir_hsds_ids_state(history, id) < 0)
		rc = dir_log_change(s, NULL, id, resource[ti], "create", "", "", label, WHO);
	if (rc != ST_OK) {
		buf_printf(report, "%s:%ld: could not be written: %s\n", t->file, t->rows[r].line,
			   sqlite3_errmsg(store_db(s)));
		return ST_CONFLICT;
	}
	return ST_OK;
}

int dir_hsds_fresh_row(struct store *s, struct dir_hsds_itab *tab, int ti, const char *now,
		       const struct dir_hsds_ids *history, buf *report)
{
	const struct dir_hsds_itab *t = &tab[ti];
	return write_new(s, tab, ti, 0, dir_hsds_cell(t, 0, dir_hsds_col_index(t->t, "name")), now, history, report);
}

int dir_hsds_fresh(struct store *s, arena *a, struct dir_hsds_itab *tab, unsigned char *fresh[HT__COUNT],
		   const struct dir_hsds_ids *history, buf *report)
{
	static const int tables[] = { HT_ORG, HT_LOCATION, HT_SERVICE };
	char now[32];
	dir_hsds_now(now);
	long *first = first_addresses(a, tab);
	for (size_t i = 0; i < NELEM(tables); i++) {
		int ti = tables[i];
		struct dir_hsds_itab *t = &tab[ti];
		if (t->ids)
			continue; /* read record by record: dir_hsds_fresh_row */
		if (mark(s, a, t, ti, &fresh[ti]) != ST_OK)
			return ST_ERR;
		for (size_t r = 0; r < t->nrows; r++)
			if (fresh[ti][r] && write_new(s, tab, ti, r, label(tab, ti, r, first), now, history, report) != ST_OK)
				return ST_CONFLICT;
	}
	return ST_OK;
}
