/* fuzz_docread.c — reading an uploaded document (iv_read_document: .docx
 * and .odt through libzip and libxml2, else UTF-8 or Windows-1252 text)
 * on arbitrary bytes.
 *
 * Properties: it either gives text or says why not; the text is valid
 * UTF-8 of the length it reports, holds no NUL, and is no longer than
 * IV_MAX_TEXT bytes; the transcript parser takes it. */
#include "fuzz.h"
#include "core/core.h"
#include "interviews/interviews.h"

#include <libxml/parser.h>

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	xmlInitParser();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *in = fuzz_copy(data, size);
	arena *a = arena_new();
	char *text;
	size_t len;
	const char *problem;
	int rc = iv_read_document(a, in, size, &text, &len, &problem);
	if (rc == ST_OK) {
		FUZZ_CHECK(text && strlen(text) == len);
		FUZZ_CHECK(utf8_count(text, len) >= 0);
		FUZZ_CHECK(len <= (size_t)IV_MAX_TEXT * 3);
		struct iv_para *p;
		size_t n;
		FUZZ_CHECK(iv_transcript_parse(a, text, len, &p, &n) == 0);
	} else {
		FUZZ_CHECK(rc == ST_ERR && problem && *problem);
	}
	arena_free(a);
	free(in);
	return 0;
}
