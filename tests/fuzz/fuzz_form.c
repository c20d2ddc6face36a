/* fuzz_form.c — form_validate on a kvlist built from the input, with the
 * real contact form and a table using every field kind; plus utf8_count.
 *
 * The input is split at NUL bytes into key, value, key, value... When the
 * first byte is '\x01', values are instead the rest of each "\n"-separated
 * line after the first NUL, so they may hold NUL bytes (as multipart
 * uploads can). */
#include "fuzz.h"
#include "http/form.h"
#include "site/views.h"

static const char *const colours[] = { "rot", "grün", "blau", NULL };

static const struct field every_kind[] = {
	{ "t", FIELD_TEXT, FIELD_REQUIRED, 10, 0, 0, NULL },
	{ "m", FIELD_MULTILINE, 0, 0, 0, 0, NULL },
	{ "e", FIELD_EMAIL, 0, 254, 0, 0, NULL },
	{ "c", FIELD_CHECKBOX, FIELD_REQUIRED, 1, 0, 0, NULL },
	{ "h", FIELD_HONEYPOT, 0, 0, 0, 0, NULL },
	{ "i", FIELD_INT, 0, 0, -1000, 1000, NULL },
	{ "j", FIELD_INT, FIELD_REQUIRED, 0, INT64_MIN, INT64_MAX, NULL },
	{ "o", FIELD_CHOICE, 0, 0, 0, 0, colours },
	{ "p", FIELD_CHOICE, 0, 0, 0, 0, NULL },
};

static void check_form(const struct field *fields, size_t n, const struct form *f, int nerr)
{
	FUZZ_CHECK(f->n == n);
	int count = 0;
	for (size_t i = 0; i < n; i++) {
		if (f->err[i])
			count++;
		if (f->val[i] && !f->err[i] && fields[i].kind != FIELD_CHECKBOX) {
			/* a clean value is valid UTF-8, trimmed, not too long */
			size_t len = strlen(f->val[i]);
			long chars = utf8_count(f->val[i], len);
			FUZZ_CHECK(chars >= 0);
			FUZZ_CHECK((size_t)chars <= (fields[i].maxlen ? fields[i].maxlen : 200));
			FUZZ_CHECK(len > 0 && !strchr(" \t\r\n", f->val[i][0]) &&
				   !strchr(" \t\r\n", f->val[i][len - 1]));
			if (fields[i].kind == FIELD_INT)
				FUZZ_CHECK(f->num[i] >= fields[i].min && f->num[i] <= fields[i].max);
		}
		if (fields[i].kind == FIELD_CHECKBOX && f->val[i])
			FUZZ_CHECK(strcmp(f->val[i], "1") == 0);
	}
	FUZZ_CHECK(count == nerr && nerr == f->nerr);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	arena *a = arena_new();
	struct req r = { .a = a, .lang = "de" };
	struct kvlist l = { 0 };
	const char *s = (const char *)data, *end = s + size;

	if (size > 0 && data[0] == 1) {
		s++;
		while (s < end) {
			const char *eol = memchr(s, '\n', (size_t)(end - s));
			if (!eol)
				eol = end;
			const char *nul = memchr(s, '\0', (size_t)(eol - s));
			if (nul) {
				char *key = arena_strndup(a, s, (size_t)(nul - s));
				kv_add(a, &l, key, nul + 1, (size_t)(eol - nul - 1));
			}
			s = eol + 1;
		}
	} else {
		while (s < end) {
			const char *k = s;
			const char *kz = memchr(k, '\0', (size_t)(end - k));
			if (!kz)
				break;
			const char *v = kz + 1;
			const char *vz = v < end ? memchr(v, '\0', (size_t)(end - v)) : NULL;
			size_t vlen = vz ? (size_t)(vz - v) : (size_t)(end - v);
			kv_add(a, &l, k, v, vlen);
			s = v + vlen + 1;
		}
	}

	struct form f;
	int nerr = form_validate(&r, &l, contact_fields, CF__MAX, &f);
	check_form(contact_fields, CF__MAX, &f, nerr);
	nerr = form_validate(&r, &l, every_kind, sizeof(every_kind) / sizeof(every_kind[0]), &f);
	check_form(every_kind, sizeof(every_kind) / sizeof(every_kind[0]), &f, nerr);

	/* utf8_count on the raw bytes: never more code points than bytes */
	long chars = utf8_count((const char *)data, size);
	FUZZ_CHECK(chars >= -1 && chars <= (long)size);

	arena_free(a);
	return 0;
}
