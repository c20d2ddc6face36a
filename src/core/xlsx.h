/* xlsx.h — an XLSX workbook made in memory: libxlsxwriter writes only
 * files, so the workbook goes to a private temporary file (mode 0600, in
 * $TMPDIR or /tmp) that xlsx_finish() reads back into a buffer and
 * removes. One helper for every XLSX download. */
#ifndef LOTSE_CORE_XLSX_H
#define LOTSE_CORE_XLSX_H

#include "core/buf.h"

#include <xlsxwriter.h>

struct xlsx_tmp {
	lxw_workbook *wb;
	char path[4096];
};

/* Start a workbook in a new temporary file: x->wb, or NULL (the failure
 * logged) with no file left behind. what names the export in the log. */
lxw_workbook *xlsx_begin(struct xlsx_tmp *x, const char *what);
/* Close the workbook, append the file's bytes to out, remove the file.
 * Call it once after every xlsx_begin() that returned a workbook, also
 * when writing failed (pass ok 0: nothing is read, the file is removed).
 * 0, or -1 when ok was 0 or the workbook could not be written or read
 * (logged). */
int xlsx_finish(struct xlsx_tmp *x, int ok, buf *out, const char *what);

#endif
