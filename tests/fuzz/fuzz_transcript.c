/* fuzz_transcript.c — the transcript parser (iv_transcript_parse) on
 * arbitrary bytes.
 *
 * Properties: it refuses exactly the texts that are not valid UTF-8; the
 * paragraphs are numbered 1, 2, ... in order, none empty, none
 * overlapping, each within the text; a paragraph's text has as many code
 * points as its range and is the text at that range; a timestamp is
 * "hh:mm:ss"; a new turn has a speaker. */
#include "fuzz.h"
#include "core/core.h"
#include "interviews/interviews.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *in = fuzz_copy(data, size);
	arena *a = arena_new();
	struct iv_para *p;
	size_t n;
	int rc = iv_transcript_parse(a, in, size, &p, &n);
	int valid = size == 0 || utf8_count(in, size) >= 0;
	FUZZ_CHECK((rc == 0) == valid);
	if (rc == 0 && !memchr(in, '\0', size)) {
		long total = iv_cp_count(in, size), prev = 0;
		for (size_t i = 0; i < n; i++) {
			FUZZ_CHECK(p[i].n == (long)i + 1);
			FUZZ_CHECK(p[i].start >= prev && p[i].end > p[i].start && p[i].end <= total);
			prev = p[i].end;
			size_t tl = strlen(p[i].text);
			FUZZ_CHECK(iv_cp_count(p[i].text, tl) == p[i].end - p[i].start);
			size_t at = iv_cp_offset(in, size, p[i].start);
			FUZZ_CHECK(at + tl <= size && memcmp(in + at, p[i].text, tl) == 0);
			FUZZ_CHECK(!*p[i].stamp || (strlen(p[i].stamp) == 8 && p[i].stamp[2] == ':' && p[i].stamp[5] == ':'));
			FUZZ_CHECK(!p[i].turn || *p[i].speaker);
		}
	}
	arena_free(a);
	free(in);
	return 0;
}
