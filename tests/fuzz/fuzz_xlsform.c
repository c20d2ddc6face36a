/* fuzz_xlsform.c — `lotse survey import FILE.xlsx` (survey_import_xlsform_mem)
 * on arbitrary bytes (seeded with an exported workbook), with the
 * properties of fuzz_lss.c: ST_OK or ST_CONFLICT; after ST_CONFLICT a
 * message and nothing stored; after ST_OK one draft survey that reads
 * whole and a database that passes its foreign keys. */
#define FUZZ_IMPORT survey_import_xlsform_mem
#define FUZZ_NAME "fuzz.xlsx"
#include "fuzz_lss.c"
