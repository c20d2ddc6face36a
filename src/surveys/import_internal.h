/* import_internal.h — reading questionnaires of other tools (LimeSurvey
 * .lss, XLSForm) into new draft surveys; shared by the files of
 * src/surveys/ only. */
#ifndef LOTSE_SURVEYS_IMPORT_INTERNAL_H
#define LOTSE_SURVEYS_IMPORT_INTERNAL_H

#include "core/arena.h"
#include "store/store.h"

#include <stddef.h>
#include <stdio.h>

/* What every import keeps (import.c): its report and the question codes
 * given so far. */
struct survey_importer {
	arena *a;
	FILE *report;
	const char **codes;
	size_t ncodes, capcodes;
};
/* "warning: ..." as a line of the report. */
void survey_import_warn(struct survey_importer *im, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A question code for want that is valid and not yet taken (a warning
 * when it had to change). */
const char *survey_import_code(struct survey_importer *im, const char *want);

/* Read the LimeSurvey structure file at path into a new draft survey
 * "ls<sid>", all in one transaction: a warning per line to report, then
 * "imported survey CODE: N questions on M pages, languages: de,...".
 * ST_OK; ST_CONFLICT with err said (malformed file, code taken: nothing
 * stored); ST_ERR (the database). */
int survey_import_lss(struct store *s, const char *path, FILE *report, char *err, size_t errlen);
/* The same of the len bytes at bytes (name: the file's name in messages). */
int survey_import_lss_mem(struct store *s, const char *name, const char *bytes, size_t len, FILE *report, char *err,
			  size_t errlen);

/* Read the XLSForm at path (an .xlsx workbook with the sheets survey,
 * choices and settings, or a folder of survey.csv, choices.csv and
 * settings.csv) into a new draft survey, in one transaction; the report
 * and the results as survey_import_lss. */
int survey_import_xlsform(struct store *s, const char *path, FILE *report, char *err, size_t errlen);
/* The same of the .xlsx bytes (name: the file's name in messages). */
int survey_import_xlsform_mem(struct store *s, const char *name, const char *bytes, size_t len, FILE *report,
			      char *err, size_t errlen);

struct survey;
/* Write sv's structure as an XLSForm workbook at path (export_xlsform.c),
 * which survey_import_xlsform reads back to the same structure; never
 * replaces a file (ST_CONFLICT). A condition XLSForm cannot say is written
 * as it is, with a warning on stderr. ST_OK or ST_ERR. */
int survey_export_xlsform(const struct survey *sv, const char *path);

#endif
