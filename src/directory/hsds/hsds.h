/* hsds.h — the directory in the tabular form of Open Referral HSDS 3.0:
 * one CSV file per entity with the HSDS file and column names, plus
 * datapackage.json (`lotse export hsds`, `lotse import hsds`).
 *
 * lotse's own fields come as extra columns after the HSDS ones (and two
 * extra files: the translated term labels and the offers' translations), so that an export read back
 * by the import gives the same data; see docs/hsds.md. */
#ifndef LOTSE_DIRECTORY_HSDS_H
#define LOTSE_DIRECTORY_HSDS_H

#include "core/buf.h"
#include "store/store.h"

#include <stddef.h>

/* The tables of the tabular form (their files and columns: tables.c). */
enum dir_hsds_table_id {
	HT_TAXONOMY, HT_TERM, HT_LABEL, HT_ORG, HT_LOCATION, HT_ADDRESS, HT_SERVICE, HT_SAL,
	HT_CONTACT, HT_PHONE, HT_SCHEDULE, HT_LANGUAGE, HT_COST, HT_FUNDING, HT_AREA,
	HT_ATTRIBUTE, HT_METADATA,
	/* HSDS tables lotse does not keep: exported with their header only */
	HT_PROGRAM, HT_REQDOC, HT_ACCESSIBILITY, HT_ORGIDENT, HT_METATABLE,
	/* lotse: offers' texts in other languages (sql/0017), last so that the
	 * tables before keep their numbers */
	HT_TRANSLATION,
	HT__COUNT
};

/* ---- export (export.c) ---- */

/* Write every table of s into the folder dir (created when missing; files
 * of the same names are replaced) and dir/datapackage.json, from one
 * consistent read. Everything is written: archived records and
 * confidential locations too (marked in their extra columns), so the
 * export is a backup, not open data. Returns ST_OK or ST_ERR with a
 * message in err. *rows (may be NULL) gets the number of data rows. */
int dir_hsds_export(struct store *s, const char *dir, long *rows, char *err, size_t errlen);

/* ---- import (import*.c, load*.c, fresh.c) ---- */

/* One input file: its HSDS file name ("services.csv") and bytes. */
struct dir_hsds_file {
	const char *name;
	const char *data;
	size_t len;
};

struct dir_hsds_import_result {
	long rows[HT__COUNT]; /* data rows read per table */
	long nerrors;         /* problems found; nothing was written when > 0 */
	long nnotes;          /* notes (ignored columns or tables); nothing refused */
};

/* Check the files (tables absent from files count as empty; files of
 * unknown names are noted and ignored) and, when every row is good, write
 * them into s: records upserted by id through dir_org_save,
 * dir_location_save and dir_service_save with updated_by "import", so
 * last_modified comes from the file. All or nothing: one transaction
 * (when the caller has none open; inside the caller's otherwise) for the
 * whole set; any bad row refuses the whole import. Every problem and note
 * is appended to report as a line "file:line: column: reason". Returns
 * ST_OK (see res->nerrors), or ST_ERR when the database failed. */
int dir_hsds_import(struct store *s, const struct dir_hsds_file *files, size_t nfiles, buf *report,
		    struct dir_hsds_import_result *res);

/* The same for the CSV files in the folder dir. A missing folder is an
 * error (ST_ERR, reported). */
int dir_hsds_import_dir(struct store *s, const char *dir, buf *report, struct dir_hsds_import_result *res);

/* ---- command line (export.c) ---- */

/* `lotse import hsds DIR` (verb "import") or `lotse export hsds DIR`
 * (verb "export") on the database at db: prints a summary to stdout,
 * problems to stderr. Returns the process exit status (0 ok, 1 failed). */
int dir_hsds_cli(const char *verb, const char *db, const char *dir);

#endif
