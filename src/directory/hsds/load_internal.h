/* load_internal.h — what the files of the HSDS loader share: the order
 * of the writes (load.c), the per-table SQL (load_tables.c), the stored
 * records through the model's save functions (load_stored.c) and the
 * fact table's rows of the written offers (load_facts.c). */
#ifndef LOTSE_DIRECTORY_HSDS_LOAD_INTERNAL_H
#define LOTSE_DIRECTORY_HSDS_LOAD_INTERNAL_H

#include "directory/hsds/hsds_internal.h"

/* updated_by of what an import writes */
#define DIR_HSDS_WHO "import"

/* A load under way (dir_hsds_load_start .. dir_hsds_load_end). */
struct dir_hsds_loader {
	struct store *s;
	struct dir_hsds_itab *tab;
	buf *report;
	arena *a;
	/* per row of organizations, locations and services: 1 when its id is
	 * not stored (fresh.c wrote it); NULL for the other tables */
	unsigned char *fresh[HT__COUNT];
	const char *ignore[HT__COUNT][2]; /* the update and insert of a table, OR IGNORE */
	sqlite3_int64 before; /* the change log's last rowid before the import */
	sqlite3_int64 services_before; /* the offers' last rowid before the import */
	char now[32];         /* the import's time */
	const struct dir_hsds_ids *history; /* the resources metadata.csv holds the history of */
	struct store_bulk bulk; /* a bulk load's indexes and triggers (load_bulk.c) */
	int bulk_on;
};

/* ---- load.c ---- */

/* Was row r of table ti new, and so written by fresh.c? */
int dir_hsds_load_fresh_row(const struct dir_hsds_loader *c, int ti, size_t r);
/* Is the record id of table ti (organizations, locations, services) one
 * this import creates? A table read record by record knows by its ids. */
int dir_hsds_load_is_new(const struct dir_hsds_loader *c, int ti, const char *id);
/* Report why row r of t could not be written; returns ST_CONFLICT. */
int dir_hsds_load_refused(struct dir_hsds_loader *c, const struct dir_hsds_itab *t, size_t r);
/* The cell of the column named col in row r of t ("" when absent). */
const char *dir_hsds_cell_named(const struct dir_hsds_itab *t, size_t r, const char *col);
/* An HSDS boolean cell: "true" (any case) or "1". */
int dir_hsds_is_true(const char *v);

/* ---- load_tables.c: every table written row by row ---- */

/* Bind every kept column k of row r of table ti as ?k+1 and run sql. */
int dir_hsds_put_row(struct dir_hsds_loader *c, int ti, size_t r, const char *sql);
/* Row r of table ti by its id: updated when there, inserted when not (a
 * new record's row, fresh: the insert first). ST_OK or ST_CONFLICT (the
 * reason in SQLite's error message). */
int dir_hsds_put(struct dir_hsds_loader *c, int ti, size_t r, int fresh);
/* dir_hsds_put for every row of table ti; refused rows are reported. */
int dir_hsds_put_all(struct dir_hsds_loader *c, int ti);
/* Run sql (?1 = the row's id, ?2... = the named columns; a lotse column
 * the file lacks is NULL; ?5 = whether the file has the column c3) for
 * every row (every stored one: old = 1, the new ones were written whole). */
int dir_hsds_each_row(struct dir_hsds_loader *c, int ti, int old, const char *sql, const char *c2, const char *c3,
		      const char *c4);

/* ---- load_stored.c ---- */

/* The organizations, locations and services of the files that are
 * stored already, through dir_org_save, dir_location_save and
 * dir_service_save. ST_OK, ST_CONFLICT (reported), ST_ERR. */
int dir_hsds_save_stored(struct dir_hsds_loader *c);

/* ---- load_bulk.c ---- */

/* When the services file brings many new offers (at least as many as are
 * stored), the indexes and triggers of the tables they stream into rest
 * until dir_hsds_bulk_end, which makes them again and marks the new
 * offers for the search index. Inside the import's transaction; ST_OK or
 * ST_ERR. */
int dir_hsds_bulk_begin(struct dir_hsds_loader *c);
int dir_hsds_bulk_end(struct dir_hsds_loader *c);

/* ---- load_facts.c ---- */

/* The fact table's rows of the offers the import wrote. ST_OK or ST_ERR. */
int dir_hsds_load_facts(struct dir_hsds_loader *c);

#endif
