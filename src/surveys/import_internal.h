/* import_internal.h — reading questionnaires of other tools (LimeSurvey
 * .lss, XLSForm) into new draft surveys; shared by the files of
 * src/surveys/ only. */
#ifndef LOTSE_SURVEYS_IMPORT_INTERNAL_H
#define LOTSE_SURVEYS_IMPORT_INTERNAL_H

#include "store/store.h"

#include <stddef.h>
#include <stdio.h>

/* Read the LimeSurvey structure file at path into a new draft survey
 * "ls<sid>", all in one transaction: a warning per line to report, then
 * "imported survey CODE: N questions on M pages, languages: de,...".
 * ST_OK; ST_CONFLICT with err said (malformed file, code taken: nothing
 * stored); ST_ERR (the database). */
int survey_import_lss(struct store *s, const char *path, FILE *report, char *err, size_t errlen);
/* The same of the len bytes at bytes (name: the file's name in messages). */
int survey_import_lss_mem(struct store *s, const char *name, const char *bytes, size_t len, FILE *report, char *err,
			  size_t errlen);

#endif
