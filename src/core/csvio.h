/* csvio.h — CSV files (RFC 4180): a writer that quotes exactly where
 * needed, and a reader (libcsv) that keeps each record's line number.
 *
 * The writer appends to a buf (sticky error as usual). The reader parses
 * a whole file held in memory into a table of NUL-terminated cells owned
 * by an arena, or hands it over record by record (csvio_each). */
#ifndef LOTSE_CSVIO_H
#define LOTSE_CSVIO_H

#include "core/arena.h"
#include "core/buf.h"

#include <stddef.h>
#include <stdio.h>

/* ---- writing ---- */

/* Append one field (NULL counts as empty), preceded by ',' unless it is
 * the first of its record (*first is then cleared). A field holding a
 * comma, quote, CR, LF, or leading/trailing space or tab is quoted and
 * its quotes doubled. A field a spreadsheet would run as a formula
 * (starting with = + - @, tab or CR, other than a number) gets a leading
 * ' (OWASP CSV injection), which csvio_parse takes off again. */
void csvio_field(buf *b, int *first, const char *s);
/* The same without the ' before formulas: for a CSV that only a program
 * reads (R's read.csv), which would keep the ' as part of the text. */
void csvio_field_plain(buf *b, int *first, const char *s);
/* End the record: "\r\n", and reset *first for the next one. */
void csvio_end(buf *b, int *first);

/* ---- reading ---- */

struct csvio_row {
	long line;          /* physical line (1-based) where the record starts */
	size_t n;           /* cells in this record */
	const char **cells; /* NUL-terminated, owned by the arena */
};

struct csvio_table {
	const char **header; /* the first record's cells */
	size_t ncols;
	long header_line;
	struct csvio_row *rows; /* the records after the header; records whose
				   cells are all empty are left out */
	size_t nrows;
};

#define CSVIO_MAX_COLS 256
#define CSVIO_MAX_CELL (1u << 20) /* bytes in one cell */

/* Parse data[0..len) (UTF-8; a leading byte-order mark is skipped;
 * separator ','; CRLF or LF line ends; unquoted fields are trimmed of
 * spaces and tabs) into *out. Refuses, with the reason in err and its
 * line in *err_line: malformed quoting, a NUL byte, invalid UTF-8, more
 * than CSVIO_MAX_COLS columns, a cell over CSVIO_MAX_CELL bytes. Records
 * may have any number of cells (the caller checks them against the
 * header). An empty input gives a table without header (ncols 0).
 * Returns 0 or -1. */
int csvio_parse(arena *a, const char *data, size_t len, struct csvio_table *out, char *err, size_t errlen,
		long *err_line);

/* Read the same CSV (the same rules and refusals as csvio_parse) record
 * by record, in memory bounded by the longest record: from f block by
 * block when f is not NULL, else from data[0..len). row(ctx, line, cells,
 * n) is called for every record, the header first, with line where the
 * record starts; cells (mutable, NUL-terminated) live until row returns.
 * Records whose cells are all empty are left out. row returns 0 to go on,
 * anything else to stop. Returns 0 at the end, 1 when row stopped it, or
 * -1 with the reason in err and its line in *err_line. */
typedef int (*csvio_row_fn)(void *ctx, long line, char **cells, size_t n);
int csvio_each(const char *data, size_t len, FILE *f, csvio_row_fn row, void *ctx, char *err, size_t errlen,
	       long *err_line);

#endif
