/* import_internal.h — what the files of the flat offer import share:
 * text.c decodes the bytes, rows.c maps a row to an offer, read.c reads
 * and checks the rows, writer.c writes them (on a writer thread) and finds
 * or makes their providers and places, model.c inserts new records. */
#ifndef LOTSE_IMPORT_INTERNAL_H
#define LOTSE_IMPORT_INTERNAL_H

#include "directory/import/import.h"
#include "core/buf.h"
#include "core/strmap.h"

#include <csv.h>
#include <stdatomic.h>
#include <stdint.h>

/* The bytes of a file as UTF-8 text (text.c): data itself (past a
 * BOM) or a Windows-1252 file converted (core/cp1252.h) into a copy
 * that lives as long as the arena a, with the encoding and separator
 * found. NULL and a msgid in *problem when the bytes are no CSV text
 * (UTF-16, an Excel file, NUL bytes). */
const char *dir_import_decode(const char *data, size_t len, size_t *out_len, arena *a, const char **encoding,
			      char *separator, const char **problem);

/* ---- the row mapping (rows.c) ---- */

enum dir_import_col {
	IC_ID, IC_ORG, IC_NAME, IC_DESCRIPTION, IC_STATUS, IC_TARGET, IC_KIND, IC_PHASE, IC_FUNDING,
	IC_AREA, IC_LANGUAGES, IC_AGE_MIN, IC_AGE_MAX, IC_FREE, IC_COSTS, IC_APPLY, IC_ELIGIBILITY,
	IC_TIMES, IC_STREET, IC_POSTCODE, IC_CITY, IC_LAT, IC_LON, IC_PHONE, IC_EMAIL, IC_WEBSITE,
	IC_CONTACT, IC_CAPACITY, IC_DELIVERY, IC_ASSURED, IC__MAX
};

/* The documented German header of a column ("Alter von"). */
const char *dir_import_col_label(enum dir_import_col c);
/* The column a header cell names (German, English or an alias; case,
 * umlauts, spaces and punctuation do not matter), or -1. */
int dir_import_col_find(const char *header);

/* What a row says, checked. present[c]: the file has column c. */
struct dir_import_row {
	int present[IC__MAX];
	const char *id, *org, *street, *postcode, *city;
	struct dir_service sv;     /* fields of the offer (terms, lists filled) */
	struct dir_location loc;   /* has_address / has_coords when stated */
	const char *term_taxonomies[8]; /* taxonomy codes whose column is present */
	size_t n_term_taxonomies;
};

/* The terms of every taxonomy with their names normalised for lookup
 * (code, German name, English label), read once per import. */
struct dir_import_term_key {
	const char *taxonomy, *key;
	const struct dir_term *term;
};
struct dir_import_terms {
	struct dir_import_term_key *v;
	size_t n;
};
/* Fill *out from the taxonomies in s (everything in a). ST_OK or ST_ERR. */
int dir_import_terms_build(arena *a, struct store *s, struct dir_import_terms *out);

/* Turn the row's cells (val[c] NULL when the column is absent; trimmed
 * UTF-8 text otherwise) into *out. Every problem of the row (at most
 * max_p of them, in column order, line left 0) goes into p[0..*n_p) and
 * makes it return -1; else 0. Terms are looked up in terms. Everything in a. */
#define DIR_IMPORT_ROW_PROBLEMS 40
int dir_import_row_map(arena *a, const char *const val[IC__MAX], const struct dir_import_terms *terms,
		       struct dir_import_row *out, struct dir_import_problem *p, size_t max_p, size_t *n_p);

/* ---- the fast path for new records (model.c) ---- */
/* A source of time-ordered UUIDs (version 7) with buffered randomness. */
struct dir_import_ids {
	unsigned char pool[4096];
	size_t pos;
	uint64_t last_ms;
	unsigned seq;
};

void dir_import_ids_init(struct dir_import_ids *g);
/* The next id: later calls give ids that sort after earlier ones. */
void dir_import_uuid(struct dir_import_ids *g, char out[37]);

/* Insert a new provider / place (with its address) / offer with all its
 * lists (locations linked by id), and one "create" row in the change log
 * by who; id receives the new id. Inside the caller's transaction; on an
 * error the caller rolls back (rows may be half written). ST_OK,
 * ST_CONFLICT (a constraint) or ST_ERR. Strings are bound without copying:
 * they must live until the call returns. */
int dir_import_insert_org(struct store *s, struct dir_import_ids *g, const char *name, const char *who, char id[37]);
int dir_import_insert_location(struct store *s, struct dir_import_ids *g, const struct dir_location *l, const char *who,
			char id[37]);
int dir_import_insert_offer(struct store *s, struct dir_import_ids *g, const struct dir_service *sv, const char *who,
		     char id[37]);

/* ---- the run (read.c, writer.c) ---- */

#define DIR_IMPORT_MAX_COLS 200

struct dir_import_problems {
	struct dir_import_problem *v;
	size_t n, cap;
};

/* A provider, place or offer made since the row's savepoint (careful mode). */
enum dir_import_kind { DIK_PLACE, DIK_ORG, DIK_OFFER };
struct dir_import_made {
	char *key;
	enum dir_import_kind kind;
};

struct dir_import_links {
	struct dir_import_link *v;
	size_t n, cap;
};

struct dir_import_queue;

struct dir_import_run {
	struct store *s;
	arena *a;                  /* the result's */
	const struct dir_import_opts *o;
	struct dir_import_result *res;
	int careful;               /* a savepoint per row */
	atomic_int restart;        /* a write failed without savepoint: read again carefully */
	atomic_int failed;         /* the database failed: stop, roll back */
	atomic_int unstage;        /* staged, a row named a stored offer: read again, unstaged */
	int bulk;                  /* many new offers: indexes made after the rows */
	int staged;                /* only new offers: written into staged copies of the
				    * tables, published at the end (store_stage_begin) */
	struct dir_import_queue *q;           /* to the writer thread (NULL: rows are written here) */
	struct dir_import_problems wproblems; /* the writer's, with their arguments in wa */
	struct dir_import_links links;        /* the writer's: new and changed offers (strings in wa) */
	long wbad;
	arena *wa;
	struct csv_parser csv;
	/* the record being read */
	buf cells;                 /* cells, each NUL-terminated */
	size_t off[DIR_IMPORT_MAX_COLS];
	size_t nf, extra;          /* cells kept; cells past DIR_IMPORT_MAX_COLS or the header */
	int too_long;
	long line, rec_line;       /* physical line being read; where the record began */
	size_t done, total;        /* bytes */
	/* the header */
	int have_header, ncols;
	int col[DIR_IMPORT_MAX_COLS];         /* file column -> enum dir_import_col, or -1 */
	/* lookups */
	arena *ta;
	struct dir_import_terms terms;
	/* normalised name -> id; place key -> id; offer key (provider, name,
	 * place) -> id (see writer.c) */
	struct strmap orgs, places, offers;
	struct dir_import_made *made;
	size_t nmade, capmade;
	struct dir_import_ids ids;
	struct dir_import_problems problems, notes;
};

/* Add a problem to l, its arguments copied into a. */
void dir_import_problem_add(struct dir_import_problems *l, arena *a, long line, const char *msgid, const char *arg1,
		     const char *arg2);

/* Providers, places and offers stored before the run (in the maps). ST_OK or ST_ERR. */
int dir_import_load_known(struct dir_import_run *im);
/* Start the writer thread (without one, dir_import_write writes at once). */
void dir_import_writer_start(struct dir_import_run *im);
/* Write a checked row that began at line, whole or not at all; ra (the
 * row's memory) is freed once written. */
void dir_import_write(struct dir_import_run *im, arena *ra, struct dir_import_row *row, long line);
/* Wait for the writer; its problems join im->problems in line order. */
void dir_import_writer_stop(struct dir_import_run *im);
/* Forget the providers and places found or made (before a second pass,
 * and at the end). */
void dir_import_forget(struct dir_import_run *im);

#endif
