/* import_internal.h — what the two halves of the flat offer import share:
 * csv_import.c reads and checks the rows, import_rows.c writes them (on
 * a writer thread) and finds or makes their providers and places. */
#ifndef LOTSE_IMPORT_INTERNAL_H
#define LOTSE_IMPORT_INTERNAL_H

#include "directory/import/csv_import.h"
#include "directory/import/import_write.h"
#include "core/buf.h"
#include "core/strmap.h"

#include <csv.h>
#include <stdatomic.h>

#define MAX_COLS 200

struct problems {
	struct dir_import_problem *v;
	size_t n, cap;
};

/* A provider or place made since the row's savepoint (careful mode). */
struct made {
	char *key;
	int is_org;
};

struct queue;

struct importer {
	struct store *s;
	arena *a;                  /* the result's */
	const struct dir_import_opts *o;
	struct dir_import_result *res;
	int careful;               /* a savepoint per row */
	atomic_int restart;        /* a write failed without savepoint: read again carefully */
	atomic_int failed;         /* the database failed: stop, roll back */
	int bulk;                  /* many new offers: indexes made after the rows */
	struct queue *q;           /* to the writer thread (NULL: rows are written here) */
	struct problems wproblems; /* the writer's, with their arguments in wa */
	long wbad;
	arena *wa;
	struct csv_parser csv;
	/* the record being read */
	buf cells;                 /* cells, each NUL-terminated */
	size_t off[MAX_COLS];
	size_t nf, extra;          /* cells kept; cells past MAX_COLS or the header */
	int too_long;
	long line, rec_line;       /* physical line being read; where the record began */
	size_t done, total;        /* bytes */
	/* the header */
	int have_header, ncols;
	int col[MAX_COLS];         /* file column -> enum dir_import_col, or -1 */
	/* lookups */
	arena *ta;
	struct dir_import_terms terms;
	struct strmap orgs, places; /* name -> id; place key -> id (see import_rows.c) */
	struct made *made;
	size_t nmade, capmade;
	struct imp_ids ids;
	struct problems problems, notes;
};

/* Add a problem to l, its arguments copied into a. */
void imp_problem_add(struct problems *l, arena *a, long line, const char *msgid, const char *arg1,
		     const char *arg2);

/* Providers and places stored before the run (in the maps). ST_OK or ST_ERR. */
int imp_load_known(struct importer *im);
/* Start the writer thread (without one, imp_write writes at once). */
void imp_writer_start(struct importer *im);
/* Write a checked row that began at line, whole or not at all; ra (the
 * row's memory) is freed once written. */
void imp_write(struct importer *im, arena *ra, struct dir_import_row *row, long line);
/* Wait for the writer; its problems join im->problems in line order. */
void imp_writer_stop(struct importer *im);
/* Forget the providers and places found or made (before a second pass,
 * and at the end). */
void imp_forget(struct importer *im);

#endif
