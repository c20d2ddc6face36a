/* hsds.h — the directory in the tabular form of Open Referral HSDS 3.0:
 * one CSV file per entity with the HSDS file and column names, plus
 * datapackage.json (`lotse export hsds`, `lotse import hsds`).
 *
 * lotse's own fields come as extra columns after the HSDS ones (and one
 * extra file for the translated term labels), so that an export read back
 * by the import gives the same data; see docs/hsds.md. */
#ifndef LOTSE_DIRECTORY_HSDS_H
#define LOTSE_DIRECTORY_HSDS_H

#include "core/arena.h"
#include "core/buf.h"
#include "core/csvio.h"
#include "store/store.h"

#include <stddef.h>

/* ---- the tables (hsds_tables.c) ---- */

enum hsds_kind {
	HK_TEXT = 1, /* any text (line breaks allowed) */
	HK_ID,       /* the row's own UUID */
	HK_REF,      /* a UUID naming a row of table ref */
	HK_UUID,     /* a UUID without a checked target */
	HK_INT,      /* whole number in [min, max] */
	HK_NUM,      /* decimal number in [min, max] */
	HK_DATE,     /* YYYY-MM-DD */
	HK_DATETIME, /* YYYY-MM-DD[THH:MM[:SS[.f]]][Z|+HH:MM] */
	HK_TIME,     /* HH:MM[:SS] */
	HK_ENUM,     /* one of choices */
	HK_BOOL,     /* true/false (also 1/0); empty = false */
	HK_CODE,     /* a language code: 2 or 3 letters */
	HK_UNUSED,   /* an HSDS column lotse does not keep: exported empty, ignored */
};

/* An empty cell is stored as dflt when the column has one, else as NULL
 * for numbers, dates, times and references, and as "" for text. */
enum {
	HC_REQUIRED = 1 << 0, /* must not be empty */
	HC_EXTRA = 1 << 1,    /* a lotse column, not HSDS */
};

enum hsds_table_id {
	HT_TAXONOMY, HT_TERM, HT_LABEL, HT_ORG, HT_LOCATION, HT_ADDRESS, HT_SERVICE, HT_SAL,
	HT_CONTACT, HT_PHONE, HT_SCHEDULE, HT_LANGUAGE, HT_COST, HT_FUNDING, HT_AREA,
	HT_ATTRIBUTE, HT_METADATA,
	/* HSDS tables lotse does not keep: exported with their header only */
	HT_PROGRAM, HT_REQDOC, HT_ACCESSIBILITY, HT_ORGIDENT, HT_METATABLE,
	HT__COUNT
};

struct hsds_col {
	const char *name;
	enum hsds_kind kind;
	unsigned flags;
	int ref;                    /* HK_REF: the table named */
	const char *const *choices; /* HK_ENUM: NULL-terminated */
	double min, max;            /* HK_INT, HK_NUM */
	const char *dflt;           /* stored when the cell is empty */
};

struct hsds_table {
	const char *resource; /* datapackage resource name ("service") */
	const char *file;     /* "services.csv" */
	const char *title;
	const struct hsds_col *cols;
	size_t ncols;
	int has_id;           /* first column is the row's id */
	int stored;           /* lotse keeps this table */
	const char *export_sql; /* the rows in cols order (NULL for unused tables) */
};

extern const struct hsds_table hsds_tables[HT__COUNT];

/* The index of column name in table t, or -1. */
int hsds_col_index(const struct hsds_table *t, const char *name);

/* Value checks shared by the importer and the API (strict formats). */
int hsds_is_date(const char *s);
int hsds_is_datetime(const char *s);
int hsds_is_time(const char *s);

/* ---- export (hsds_export.c) ---- */

/* Write every table of s into the folder dir (created when missing; files
 * of the same names are replaced) and dir/datapackage.json, from one
 * consistent read. Everything is written: archived records and
 * confidential locations too (marked in their extra columns), so the
 * export is a backup, not open data. Returns ST_OK or ST_ERR with a
 * message in err. *rows (may be NULL) gets the number of data rows. */
int dir_hsds_export(struct store *s, const char *dir, long *rows, char *err, size_t errlen);

/* ---- import (hsds_import.c, hsds_load.c) ---- */

/* One input file: its HSDS file name ("services.csv") and bytes. */
struct hsds_file {
	const char *name;
	const char *data;
	size_t len;
};

struct hsds_import_result {
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
int dir_hsds_import(struct store *s, const struct hsds_file *files, size_t nfiles, buf *report,
		    struct hsds_import_result *res);

/* The same for the CSV files in the folder dir. A missing folder is an
 * error (ST_ERR, reported). */
int dir_hsds_import_dir(struct store *s, const char *dir, buf *report, struct hsds_import_result *res);

/* ---- command line (hsds_export.c) ---- */

/* `lotse import hsds DIR` (verb "import") or `lotse export hsds DIR`
 * (verb "export") on the database at db: prints a summary to stdout,
 * problems to stderr. Returns the process exit status (0 ok, 1 failed). */
int dir_hsds_cli(const char *verb, const char *db, const char *dir);

/* ---- internal to the importer (hsds_import.c <-> hsds_load.c) ---- */

/* A table as read: rows of cells by file column, and where each of the
 * table's columns is in the file (-1: absent). */
struct hsds_itab {
	const struct hsds_table *t;
	const char *file; /* for messages */
	int colmap[64];
	struct csvio_row *rows;
	size_t nrows;
	struct hsds_index *index; /* id -> row (tables with ids) */
};

/* The cell of table column col in row (never NULL; "" when absent). */
const char *hsds_cell(const struct hsds_itab *t, size_t row, int col);
/* The row of t whose id is id (ids are lower case after reading), or -1. */
long hsds_find(const struct hsds_itab *t, const char *id);

/* Write the checked tables (tab[HT__COUNT]) into s inside the open
 * transaction. On a refused write, appends the reason to report and
 * returns ST_CONFLICT; ST_ERR on a database failure. */
int dir_hsds_load(struct store *s, arena *a, struct hsds_itab *tab, buf *report);

#endif
