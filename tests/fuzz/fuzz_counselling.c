/* fuzz_counselling.c — what counselling takes from outside: days typed
 * into its forms (counsel_day_valid), pseudonyms in URLs
 * (counsel_pseudonym_valid), age bands (counsel_age_range), and sealed
 * values read back from the database (counsel_open), which an attacker
 * with write access to the file could have changed.
 *
 * Properties: an accepted day has the shape YYYY-MM-DD and adding zero
 * days gives it back; an accepted pseudonym is "K-" and four letters of
 * the alphabet; an age range has lo <= hi; bytes that were not sealed
 * with the case key never open (and never crash), and a text sealed with
 * it opens to itself, but not for another field or another case. */
#include "fuzz.h"
#include "core/arena.h"
#include "counselling/counselling_internal.h"

static void check_day(const char *s)
{
	if (!counsel_day_valid(s))
		return;
	FUZZ_CHECK(strlen(s) == 10 && s[4] == '-' && s[7] == '-');
	char back[11];
	counsel_day_add(s, 0, back);
	FUZZ_CHECK(strcmp(back, s) == 0);
}

static void check_pseudonym(const char *s)
{
	if (!counsel_pseudonym_valid(s))
		return;
	FUZZ_CHECK(strlen(s) == COUNSEL_PSEUDONYM_LEN && s[0] == 'K' && s[1] == '-');
	for (int i = 2; i < COUNSEL_PSEUDONYM_LEN; i++)
		FUZZ_CHECK(strchr(COUNSEL_ALPHABET, s[i]) != NULL);
}

static void check_sealed(const uint8_t *data, size_t size, const char *text)
{
	arena *a = arena_new();
	struct counsel_key key = { .pseudonym = "K-7A4M" };
	memset(key.k, 7, sizeof(key.k));
	/* arbitrary bytes never open */
	FUZZ_CHECK(size == 0 || counsel_open(a, &key, "notes", data, size) == NULL);
	/* a sealed text opens to itself, only for its field and case */
	const unsigned char *sealed;
	size_t n;
	counsel_seal(a, &key, "notes", text, &sealed, &n);
	if (*text) {
		const char *back = counsel_open(a, &key, "notes", sealed, n);
		FUZZ_CHECK(back && strcmp(back, text) == 0);
		FUZZ_CHECK(counsel_open(a, &key, "next", sealed, n) == NULL);
		struct counsel_key other = key;
		other.pseudonym = "K-7A4N";
		FUZZ_CHECK(counsel_open(a, &other, "notes", sealed, n) == NULL);
	} else {
		FUZZ_CHECK(sealed == NULL && n == 0);
	}
	arena_free(a);
}

/* A table of up to 6 x 6 counts from data (the first two bytes its
 * size), with its totals, suppressed; its rows and columns checked. */
static void check_suppress(const uint8_t *data, size_t size)
{
	if (size < 2)
		return;
	size_t rows = data[0] % 6 + 1, cols = data[1] % 6 + 1, w = cols + 1;
	long v[49] = { 0 };
	unsigned char hidden[49];
	for (size_t i = 0; i < rows; i++)
		for (size_t k = 0; k < cols; k++) {
			size_t at = 2 + i * cols + k;
			long n = at < size ? data[at] % 16 : 0;
			v[i * w + k] = n;
			v[i * w + cols] += n;
			v[rows * w + k] += n;
			v[rows * w + cols] += n;
		}
	counsel_suppress(v, rows, cols, 5, hidden);
	for (size_t i = 0; i < (rows + 1) * w; i++)
		FUZZ_CHECK(!(v[i] > 0 && v[i] < 5) || hidden[i]);
	for (size_t i = 0; i <= rows; i++) {
		int n = 0;
		for (size_t k = 0; k <= cols; k++)
			n += hidden[i * w + k];
		FUZZ_CHECK(n != 1);
	}
	for (size_t k = 0; k <= cols; k++) {
		int n = 0;
		for (size_t i = 0; i <= rows; i++)
			n += hidden[i * w + k];
		FUZZ_CHECK(n != 1);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	check_suppress(data, size);
	char *s = fuzz_cstr(data, size);
	check_day(s);
	check_pseudonym(s);
	int lo, hi;
	if (counsel_age_range(s, &lo, &hi))
		FUZZ_CHECK(lo > 0 && lo <= hi);
	check_sealed(data, size, s);
	free(s);
	return 0;
}
