/* hsds_internal.h — what the files of src/directory/hsds/ share: the
 * tables of the tabular form and their value checks (tables.c), the
 * tables as read by the importer (import*.c; its own shared parts:
 * import_internal.h) for the loader (load*.c, fresh.c; its own shared
 * parts: load_internal.h), and the queries of the API (api_model.c, with the lists'
 * order kept in memory: api_cache.c) for its handlers (api.c). */
#ifndef LOTSE_DIRECTORY_HSDS_INTERNAL_H
#define LOTSE_DIRECTORY_HSDS_INTERNAL_H

#include "directory/hsds/hsds.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/csvio.h"
#include "store/store.h"

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

/* ---- the tables (tables.c) ---- */

enum dir_hsds_kind {
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
	HC_ROLE = 1 << 2,     /* exported as the role address (dir_hsds_assurer) where the
			         query gives a value, never the stored one */
};


struct dir_hsds_col {
	const char *name;
	enum dir_hsds_kind kind;
	unsigned flags;
	int ref;                    /* HK_REF: the table named */
	const char *const *choices; /* HK_ENUM: NULL-terminated */
	double min, max;            /* HK_INT, HK_NUM */
	const char *dflt;           /* stored when the cell is empty */
};

struct dir_hsds_table {
	const char *resource; /* datapackage resource name ("service") */
	const char *file;     /* "services.csv" */
	const char *title;
	const struct dir_hsds_col *cols;
	size_t ncols;
	int has_id;           /* first column is the row's id */
	int stored;           /* lotse keeps this table */
	const char *export_sql; /* the rows in cols order (NULL for unused tables) */
};

extern const struct dir_hsds_table dir_hsds_tables[HT__COUNT];

/* The index of column name in table t, or -1. */
int dir_hsds_col_index(const struct dir_hsds_table *t, const char *name);

/* The role address published as a service's assurer_email (HSDS: whom
 * to ask about the listing's check): LOTSE_ASSURER_EMAIL when it is set
 * and looks like an address, else NULL (nothing is published). Never the
 * stored assurer_email, which holds the login of the staff member who
 * checked the offer. */
const char *dir_hsds_assurer(void);
/* The SQL of a service row (table alias prefix p, "s." or "") that is 1
 * where it has been checked and NULL where not: the queries select it in
 * place of assurer_email, so the stored address is never read for output. */
#define DIR_HSDS_ASSURED(p) "CASE WHEN " p "assured_date IS NOT NULL OR " p "assurer_email <> '' THEN 1 END"

/* Value checks shared by the importer and the API (strict formats). */
int dir_hsds_is_date(const char *s);
int dir_hsds_is_datetime(const char *s);
int dir_hsds_is_time(const char *s);
/* Why the cell v does not fit col (a reason, static or written into
 * why), or NULL when it does (tables.c). */
const char *dir_hsds_check_value(const struct dir_hsds_col *col, const char *v, char *why, size_t n);

/* ---- the importer (import*.c <-> load*.c) ---- */

/* The ids of a file read record by record (ids.c): 16 bytes each, with
 * the line (> 0) and whether the record is new to the database. */
struct dir_hsds_ids {
	size_t cap, n; /* cap a power of two */
	uint64_t (*keys)[2];
	long *lines;          /* 0: a free slot */
	unsigned char *fresh;
};

/* Add id (a checked UUID) at line; the line it is on already (nothing
 * changed then), or 0 when it is new to x. */
long dir_hsds_ids_add(struct dir_hsds_ids *x, const char *id, long line, int fresh);
/* 1 when id is in x as a new record, 0 as a stored one, -1 not in x (x
 * may be NULL). */
int dir_hsds_ids_state(const struct dir_hsds_ids *x, const char *id);
void dir_hsds_ids_free(struct dir_hsds_ids *x);

/* A table as read: rows of cells by file column, and where each of the
 * table's columns is in the file (-1: absent). A table read record by
 * record holds only the rows kept for stored records, and its ids (all
 * of the file's) in ids. */
struct dir_hsds_itab {
	const struct dir_hsds_table *t;
	const char *file; /* for messages */
	int colmap[64];
	struct csvio_row *rows;
	size_t nrows;
	struct dir_hsds_index *index; /* id -> row (tables with ids) */
	struct dir_hsds_ids *ids;     /* every id of the file (read record by record), or NULL */
};

/* The cell of table column col in row (never NULL; "" when absent). */
const char *dir_hsds_cell(const struct dir_hsds_itab *t, size_t row, int col);
/* The row of t whose id is id (ids are lower case after reading), or -1. */
long dir_hsds_find(const struct dir_hsds_itab *t, const char *id);

/* Bind the kept columns of row r of t (table ti) as ?k+1 of st, k the
 * column's index; a lotse column the file lacks as NULL (load_tables.c). */
void dir_hsds_bind_row(sqlite3_stmt *st, const struct dir_hsds_itab *t, int ti, size_t r);

/* sql ("UPDATE ...", "INSERT ...") with " OR IGNORE" after its first
 * word, owned by a: a row a constraint refuses is left out instead of
 * failing the statement, which spares SQLite a statement journal per row
 * (callers check sqlite3_changes, and run sql itself for the reason). */
const char *dir_hsds_or_ignore(arena *a, const char *sql);

/* The organizations, locations and services of tab whose ids are not
 * stored, written as plain rows with one "create" entry each in the
 * change log (fresh.c); fresh[HT_ORG], [HT_LOCATION] and [HT_SERVICE]
 * get an array (owned by a) with 1 for each row written so; a table read
 * record by record (t->ids) is left to dir_hsds_fresh_row (its fresh
 * stays NULL). Inside the open transaction. ST_OK; ST_CONFLICT with the reason in report; ST_ERR. */
int dir_hsds_fresh(struct store *s, arena *a, struct dir_hsds_itab *tab, unsigned char *fresh[HT__COUNT],
		   const struct dir_hsds_ids *history, buf *report);

/* The time now as YYYY-MM-DDTHH:MM:SSZ (UTC): an import's time, for a
 * last_modified the file leaves empty (fresh.c). */
void dir_hsds_now(char now[32]);
/* Write row 0 of tab[ti] (a new record read record by record) as fresh
 * does, with now for a last_modified the file leaves empty (fresh.c).
 * ST_OK; ST_CONFLICT with the reason in report; ST_ERR. Both leave out
 * the "create" entry of a record in history (the resources metadata.csv
 * holds the history of, which replaces the import's entries: load.c). */
int dir_hsds_fresh_row(struct store *s, struct dir_hsds_itab *tab, int ti, const char *now,
		       const struct dir_hsds_ids *history, buf *report);

/* Write the checked tables (tab[HT__COUNT]) into s inside the open
 * transaction, in three steps (load.c): _start writes taxonomies, terms
 * and the new records held (NULL on failure, *rc set); _row writes row 0
 * of tab[ti] (a file read record by record: services, attributes,
 * languages ...) when it is a new service or the record it belongs to is
 * new (ST_OK), or leaves it to the caller to keep for _end (ST_NOTFOUND);
 * _end writes the rest. On a refused write
 * the reason is appended to report and ST_CONFLICT returned. history:
 * the resource ids of metadata.csv (owned by the caller, kept until _end). */
struct dir_hsds_loader;
struct dir_hsds_loader *dir_hsds_load_start(struct store *s, arena *a, struct dir_hsds_itab *tab,
					    const struct dir_hsds_ids *history, buf *report, int *rc);
int dir_hsds_load_row(struct dir_hsds_loader *l, int ti);
int dir_hsds_load_end(struct dir_hsds_loader *l);
/* What a load keeps beyond its arena (a bulk load's schema: load_bulk.c),
 * freed after its transaction ended, whether load_end ran or not (NULL is
 * ignored). */
void dir_hsds_load_forget(struct dir_hsds_loader *l);

/* ---- the API's queries (api_model.c) ---- */

/* The filters of a list, already checked; NULL / -1 where not given. */
struct dir_hsds_api_filter {
	const char *text;             /* services: a text search alone, paged by the finder */
	const char *lang;             /* with text: the language of term names */
	arena *a;                     /* with text: for the finder's result */
	const char *hits;             /* JSON array of service ids, best first (text search) */
	const char *taxonomy_term_id, *taxonomy_id, *organization_id, *parent_id;
	const char *modified_after;   /* "YYYY-MM-DDTHH:MM:SSZ" */
	const char *postcode;         /* without proximity: a location's postal code */
	double lat, lon;              /* the postcode's centroid, with proximity */
	long proximity;               /* metres; -1 = none */
	const char *like;             /* LIKE pattern for name searches (organizations, taxonomies) */
	int top_only;
	long page, per_page;
};

/* A page of services, organizations, taxonomies, terms or
 * service_at_locations: fills *total and returns the contents array
 * (new reference), or NULL on a database error. */
json_t *dir_hsds_api_list_services(struct store *s, const struct dir_hsds_api_filter *f, long *total);
json_t *dir_hsds_api_list_sals(struct store *s, const struct dir_hsds_api_filter *f, long *total);
json_t *dir_hsds_api_list_orgs(struct store *s, const struct dir_hsds_api_filter *f, long *total);
json_t *dir_hsds_api_list_taxonomies(struct store *s, const struct dir_hsds_api_filter *f, long *total);
json_t *dir_hsds_api_list_terms(struct store *s, const struct dir_hsds_api_filter *f, long *total);

/* One record in full (new reference); NULL with *status ST_NOTFOUND when
 * it is not public, ST_ERR on a database error. */
json_t *dir_hsds_api_get_service(struct store *s, arena *a, const char *id, int *status);
json_t *dir_hsds_api_get_org(struct store *s, arena *a, const char *id, int *status);
json_t *dir_hsds_api_get_sal(struct store *s, arena *a, const char *id, int *status);
json_t *dir_hsds_api_get_taxonomy(struct store *s, const char *id, int *status);
json_t *dir_hsds_api_get_term(struct store *s, const char *id, int *status);

/* ---- the lists' order in memory (api_cache.c) ---- */

struct dir_hsds_cache;

/* An item of a page: its id and, with proximity, its squared distance. */
struct dir_hsds_item {
	char id[40];
	double d2;
	int has_d2;
};

/* The page of services (sals = 0) or service_at_locations (1) that f
 * (without text alone) selects, in the order and with the totals of the
 * SQL lists, from the order kept in memory: items (room for f->per_page)
 * and *n_items filled, *total set. ST_OK; ST_NOTFOUND when the order is
 * not to be had now (the caller asks SQL); ST_ERR. */
int dir_hsds_cache_page(struct store *s, const struct dir_hsds_api_filter *f, int sals, struct dir_hsds_item *items,
			size_t *n_items, long *total);
/* Give back a reference to the order (NULL is ignored). */
void dir_hsds_cache_put(struct dir_hsds_cache *c);

/* The ids of public offers matching text, best first, as a JSON array
 * (owned by a), at most max of them; NULL on error. The one place the API
 * searches text (through the finder's search, dir_search). */
const char *dir_hsds_api_search_hits(struct store *s, arena *a, const char *text, const char *lang, size_t max);

/* The centroid of a postcode; ST_OK, ST_NOTFOUND or ST_ERR. */
int dir_hsds_api_postcode(struct store *s, const char *code, double *lat, double *lon);

#endif
