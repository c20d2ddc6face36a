/* xlsx.c — an XLSX workbook made in memory through a private temporary
 * file (libxlsxwriter writes only files). */
#include "core/xlsx.h"
#include "core/log.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

lxw_workbook *xlsx_begin(struct xlsx_tmp *x, const char *what)
{
	const char *dir = getenv("TMPDIR");
	x->wb = NULL;
	snprintf(x->path, sizeof(x->path), "%s/lotse-xlsx-XXXXXX", dir && *dir ? dir : "/tmp");
	int fd = mkstemp(x->path); /* mode 0600 */
	if (fd < 0) {
		log_error("%s: no temporary file for an XLSX export: %s", what, strerror(errno));
		x->path[0] = '\0';
		return NULL;
	}
	close(fd);
	x->wb = workbook_new(x->path);
	if (!x->wb) {
		log_error("%s: the XLSX workbook could not be started", what);
		unlink(x->path);
		x->path[0] = '\0';
	}
	return x->wb;
}

int xlsx_finish(struct xlsx_tmp *x, int ok, buf *out, const char *what)
{
	int rc = -1;
	if (!x->wb)
		return -1;
	if (workbook_close(x->wb) != LXW_NO_ERROR)
		ok = 0;
	x->wb = NULL;
	FILE *fp = ok ? fopen(x->path, "rb") : NULL;
	if (fp) {
		char chunk[65536];
		size_t k;
		while ((k = fread(chunk, 1, sizeof(chunk), fp)) > 0)
			buf_append(out, chunk, k);
		rc = ferror(fp) || out->err ? -1 : 0;
		fclose(fp);
	}
	if (rc != 0)
		log_error("%s: the XLSX export could not be written", what);
	unlink(x->path);
	x->path[0] = '\0';
	return rc;
}
