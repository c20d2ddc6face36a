/* xlsform_internal.h — an XLSForm's sheets read as text (xlsform_read.c):
 * from an .xlsx workbook (libzip and libxml2: the workbook, its
 * relationships, shared strings and the sheets survey, choices and
 * settings) or from CSV files; import_xlsform.c makes a survey of them.
 * Shared by the files of src/surveys/ only. */
#ifndef LOTSE_SURVEYS_XLSFORM_INTERNAL_H
#define LOTSE_SURVEYS_XLSFORM_INTERNAL_H

#include "core/arena.h"

#include <stddef.h>

/* The largest file read (bytes). */
#define SURVEY_XF_MAX_FILE (32u << 20)

/* A sheet as text: row 0 the header; "" where a cell is empty. */
struct survey_xf_sheet {
	size_t nrows, ncols;
	const char **cell;
	long first_line; /* the file's line (CSV) or row (XLSX) of row 0 */
};

/* The cell at row r, column c ("" outside the sheet or empty). */
const char *survey_xf_cell(const struct survey_xf_sheet *t, size_t r, size_t c);
/* The column of header name (case-insensitive), or -1. */
int survey_xf_column(const struct survey_xf_sheet *t, const char *name);
/* The sheets survey, choices, settings (sh[0..2]) of the workbook of len
 * bytes at data, in a; file names it in err. 0, or -1 with err said. */
int survey_xf_read_xlsx(arena *a, const char *data, size_t len, struct survey_xf_sheet sh[3], char *err,
			size_t errlen, const char *file);
/* The file at path in memory (NUL-terminated; the caller frees it), or
 * NULL when it cannot be read or is bigger than max. */
char *survey_xf_read_file(const char *path, size_t max, size_t *len);
/* Is path a folder? */
int survey_xf_is_dir(const char *path);
/* A sheet from the CSV file path (missing: an empty sheet, unless need:
 * then -1 with err said). 0 or -1. */
int survey_xf_read_csv(arena *a, const char *path, int need, struct survey_xf_sheet *t, char *err, size_t errlen);

#endif
