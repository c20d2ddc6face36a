/* fuzz_po.c — po_parse on arbitrary text (the translations are compiled
 * in, but an editor's broken file must give an error, not a crash). */
#include "fuzz.h"
#include "core/i18n.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_copy(data, size); /* not terminated: reads must stay inside */
	struct po_entry *e = (struct po_entry *)1;
	size_t n = 99;
	char err[200];
	err[0] = '\0';
	int rc = po_parse(text, size, &e, &n, err, sizeof(err));
	if (rc == 0) {
		for (size_t i = 0; i < n; i++) {
			FUZZ_CHECK(e[i].id && e[i].id[0] != '\0');
			FUZZ_CHECK(e[i].str && e[i].str[0] != '\0');
		}
	} else {
		FUZZ_CHECK(rc == -1);
		FUZZ_CHECK(e == NULL && n == 0);
		FUZZ_CHECK(strncmp(err, "line ", 5) == 0);
	}
	po_free(e, n);
	free(text);
	return 0;
}
