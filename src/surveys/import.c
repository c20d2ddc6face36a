/* import.c — what the imports of other tools' questionnaires share
 * (import_internal.h): warnings and question codes. */
#include "surveys/import_internal.h"
#include "surveys/surveys.h"

#include <stdarg.h>
#include <string.h>

void survey_import_warn(struct survey_importer *im, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("warning: ", im->report);
	vfprintf(im->report, fmt, ap);
	fputc('\n', im->report);
	va_end(ap);
}

const char *survey_import_code(struct survey_importer *im, const char *want)
{
	const char *c = want;
	if (!survey_code_valid(c, 0))
		c = arena_printf(im->a, "Q%s", want);
	if (!survey_code_valid(c, 0))
		c = arena_printf(im->a, "Q%zu", im->ncodes + 1);
	for (int k = 2;; k++) {
		size_t i = 0;
		while (i < im->ncodes && strcmp(im->codes[i], c) != 0)
			i++;
		if (i == im->ncodes)
			break;
		c = arena_printf(im->a, "%s_%d", want, k);
		if (!survey_code_valid(c, 0))
			c = arena_printf(im->a, "Q%zu_%d", im->ncodes + 1, k);
	}
	if (strcmp(c, want) != 0)
		survey_import_warn(im, "question code %s is now %s (taken or not valid)", want, c);
	im->codes = arena_grow(im->a, im->codes, im->ncodes, &im->capcodes, sizeof(char *), 32);
	im->codes[im->ncodes++] = c;
	return c;
}
