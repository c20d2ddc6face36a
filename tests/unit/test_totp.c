/* test_totp.c — the second factor's codes against RFC 6238's test vectors
 * (HMAC-SHA1, appendix B), the window of one step, codes used once, and
 * recovery codes used once however they are typed. */
#include "auth/second.h"
#include "search/search.h"
#include "../support/testdb.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

/* RFC 6238's SHA-1 seed "12345678901234567890" in base32. */
#define RFC_SECRET "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"

static void test_rfc6238_vectors(void **state)
{
	(void)state;
	/* appendix B's 8-digit values; the apps' 6 digits are their last six */
	static const struct {
		int64_t t;
		const char *code;
	} v[] = {
		{ 59, "94287082" }, { 1111111109, "07081804" }, { 1111111111, "14050471" },
		{ 1234567890, "89005924" }, { 2000000000, "69279037" }, { 20000000000, "65353130" },
	};
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		char out[TOTP_DIGITS + 1];
		assert_int_equal(totp_code(RFC_SECRET, v[i].t, out), 0);
		assert_string_equal(out, v[i].code + 2);
		/* and the check finds it at its own time step */
		assert_int_equal(totp_match(RFC_SECRET, v[i].t, out), v[i].t / TOTP_STEP);
	}
}

static void test_window(void **state)
{
	(void)state;
	/* 287082 is step 1 (t = 30..59): taken one step early or late, not two */
	assert_int_equal(totp_match(RFC_SECRET, 59, "287082"), 1);
	assert_int_equal(totp_match(RFC_SECRET, 5, "287082"), 1);
	assert_int_equal(totp_match(RFC_SECRET, 89, "287 082"), 1);
	assert_int_equal(totp_match(RFC_SECRET, 90, "287082"), 0);
	assert_int_equal(totp_match(RFC_SECRET, 59, "287083"), 0);
	assert_int_equal(totp_match(RFC_SECRET, 59, "28708"), 0);
	assert_int_equal(totp_match(RFC_SECRET, 59, "2870822"), 0);
	assert_int_equal(totp_match(RFC_SECRET, 59, "28708a"), 0);
	assert_int_equal(totp_match(RFC_SECRET, 59, ""), 0);
	assert_int_equal(totp_match("not base32!", 59, "287082"), 0);
}

static void test_new_secret(void **state)
{
	(void)state;
	char a[TOTP_SECRET_LEN + 1], b[TOTP_SECRET_LEN + 1], code[TOTP_DIGITS + 1];
	totp_new_secret(a);
	totp_new_secret(b);
	assert_int_equal(strlen(a), TOTP_SECRET_LEN);
	assert_string_not_equal(a, b);
	assert_int_equal(totp_code(a, 1000000000, code), 0);
	assert_int_equal(totp_match(a, 1000000000, code), 1000000000 / TOTP_STEP);
}

static void test_store_once(void **state)
{
	(void)state;
	struct testdb t;
	assert_int_equal(testdb_open(&t), 0);
	assert_int_equal(store_exec(t.s, "INSERT INTO user(id, email, pw_hash, created_at, password_changed_at) "
					 "VALUES (7, 'a@example.org', 'x', 0, 0)"), ST_OK);
	arena *a = arena_new();
	char codes[RECOVERY_CODES][RECOVERY_LEN + 1], code[TOTP_DIGITS + 1];
	int64_t now = 1111111111;
	assert_int_equal(totp_begin(t.s, 7, RFC_SECRET, now), ST_OK);
	assert_int_equal(totp_enabled(t.s, 7), 0);
	/* a code does not count before the enrolment is confirmed */
	assert_int_equal(totp_code(RFC_SECRET, now, code), 0);
	assert_int_equal(totp_verify(t.s, a, 7, code, now), ST_NOTFOUND);
	assert_int_equal(totp_enable(t.s, 7, now / TOTP_STEP - 1, codes, now), ST_OK);
	assert_int_equal(totp_enabled(t.s, 7), 1);
	/* now's code once, never again, and not the step before either */
	assert_int_equal(totp_verify(t.s, a, 7, code, now), ST_OK);
	assert_int_equal(totp_verify(t.s, a, 7, code, now), ST_NOTFOUND);
	assert_int_equal(totp_code(RFC_SECRET, now - TOTP_STEP, code), 0);
	assert_int_equal(totp_verify(t.s, a, 7, code, now), ST_NOTFOUND);
	/* the next step's code still counts */
	assert_int_equal(totp_code(RFC_SECRET, now + TOTP_STEP, code), 0);
	assert_int_equal(totp_verify(t.s, a, 7, code, now), ST_OK);

	/* recovery codes: ten, unlike each other, each once, typed as one likes */
	assert_int_equal(totp_recovery_left(t.s, 7), RECOVERY_CODES);
	assert_string_not_equal(codes[0], codes[1]);
	char typed[40];
	snprintf(typed, sizeof(typed), " %s ", codes[3]);
	for (char *p = typed; *p; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
	assert_int_equal(totp_use_recovery(t.s, 7, typed, now), ST_OK);
	assert_int_equal(totp_use_recovery(t.s, 7, codes[3], now), ST_NOTFOUND);
	assert_int_equal(totp_use_recovery(t.s, 7, "aaaa-bbbb-cccc-dddd", now), ST_NOTFOUND);
	assert_int_equal(totp_recovery_left(t.s, 7), RECOVERY_CODES - 1);
	/* they are kept hashed: no code is in the database as it was shown */
	char sql[200];
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM recovery_code WHERE CAST(code_hash AS TEXT) LIKE '%%%s%%'",
		 codes[0]);
	assert_int_equal(testdb_scalar(t.s, sql), 0);
	/* turned off: the secret and the codes are gone, notices stay */
	assert_int_equal(totp_disable(t.s, 7, now), ST_OK);
	assert_int_equal(totp_enabled(t.s, 7), 0);
	assert_int_equal(testdb_scalar(t.s, "SELECT count(*) FROM recovery_code"), 0);
	assert_int_equal(testdb_scalar(t.s, "SELECT count(*) FROM account_notice WHERE user_id = 7"), 3);
	arena_free(a);
	assert_int_equal(testdb_close(&t), 0);
}

int main(void)
{
	search_init(); /* the schema needs its tokenizer */
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rfc6238_vectors),
		cmocka_unit_test(test_window),
		cmocka_unit_test(test_new_secret),
		cmocka_unit_test(test_store_once),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
