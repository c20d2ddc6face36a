/* fuzz_audit.c — the audit log's readers of outside text: a head line of
 * a backup's .audit-head file or the server's log (audit_parse_head), and
 * a client address as the log keeps it (audit_client_text). */
#include "fuzz.h"
#include "auth/auth.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size);
	int64_t id;
	char hash[65];
	if (audit_parse_head(s, &id, hash)) {
		/* a head read is one that writes back and reads again the same */
		FUZZ_CHECK(id >= 0);
		FUZZ_CHECK(strlen(hash) == 64 && strspn(hash, "0123456789abcdef") == 64);
		char line[128];
		snprintf(line, sizeof(line), AUDIT_HEAD_TAG " id=%lld mac=%s\n", (long long)id, hash);
		int64_t id2;
		char hash2[65];
		FUZZ_CHECK(audit_parse_head(line, &id2, hash2) == 1);
		FUZZ_CHECK(id2 == id && strcmp(hash2, hash) == 0);
	}
	/* an address is kept as its network only, or "?" */
	char out[AUDIT_CLIENT_MAX];
	audit_client_text(s, out);
	size_t n = strlen(out);
	FUZZ_CHECK(n < AUDIT_CLIENT_MAX);
	FUZZ_CHECK(strcmp(out, "?") == 0 || (n > 3 && (strcmp(out + n - 3, "/24") == 0 ||
						    strcmp(out + n - 3, "/48") == 0)));
	free(s);
	return 0;
}
