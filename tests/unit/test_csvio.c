/* test_csvio.c — CSV writing (quoting only where needed) and reading
 * (line numbers of records, refusals with their line), and the date and
 * time checks of the HSDS tables. */
#include "core/csvio.h"
#include "directory/hsds/hsds_internal.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

static void test_write_quoting(void **state)
{
	(void)state;
	buf b;
	buf_init(&b, 0);
	int first = 1;
	const char *cells[] = { "plain", "", NULL, "a,b", "say \"hi\"", "two\nlines", " lead", "trail\t", "ä€" };
	for (size_t i = 0; i < sizeof(cells) / sizeof(cells[0]); i++)
		csvio_field(&b, &first, cells[i]);
	csvio_end(&b, &first);
	assert_int_equal(first, 1);
	assert_string_equal(buf_str(&b),
			    "plain,,,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\" lead\",\"trail\t\",ä€\r\n");
	/* what is written reads back as it was */
	arena *a = arena_new();
	struct csvio_table t;
	char err[200];
	long line = 0;
	buf_puts(&b, "x\r\n");
	assert_int_equal(csvio_parse(a, b.data, b.len, &t, err, sizeof(err), &line), 0);
	assert_int_equal(t.ncols, 9);
	assert_string_equal(t.header[3], "a,b");
	assert_string_equal(t.header[4], "say \"hi\"");
	assert_string_equal(t.header[5], "two\nlines");
	assert_string_equal(t.header[6], " lead");
	assert_string_equal(t.header[7], "trail\t");
	assert_int_equal(t.nrows, 1);
	assert_int_equal(t.rows[0].line, 3); /* the header spans lines 1-2 */
	arena_free(a);
	buf_free(&b);
}

/* A cell a spreadsheet would run as a formula is written with a leading
 * ', numbers are not, and the reader gives back what was written (#11). */
static void test_write_formula_guard(void **state)
{
	(void)state;
	buf b;
	buf_init(&b, 0);
	int first = 1;
	const char *cells[] = { "=HYPERLINK(\"http://x\",\"y\")", "+49 6131", "-8.27", "+1", "@SUM(A1)",
				"\tx", "-", "'=kept", "a=b", "-1e3" };
	size_t n = sizeof(cells) / sizeof(cells[0]);
	for (size_t i = 0; i < n; i++)
		csvio_field(&b, &first, cells[i]);
	csvio_end(&b, &first);
	assert_string_equal(buf_str(&b), "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",'+49 6131,-8.27,+1,'@SUM(A1),"
					 "'\tx,'-,''=kept,a=b,-1e3\r\n");
	arena *a = arena_new();
	struct csvio_table t;
	char err[200];
	long line = 0;
	assert_int_equal(csvio_parse(a, b.data, b.len, &t, err, sizeof(err), &line), 0);
	assert_int_equal(t.ncols, n);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(t.header[i], cells[i]);
	arena_free(a);
	buf_free(&b);
}

static void test_read_lines(void **state)
{
	(void)state;
	static const char text[] = "\xEF\xBB\xBF"
				   "id,name\r\n"
				   "1,eins\r\n"
				   "\r\n"
				   "2,\"zwei\n\nund mehr\"\n"
				   ",\n"
				   "3,  drei  \n"
				   "4";
	arena *a = arena_new();
	struct csvio_table t;
	char err[200];
	long line = 0;
	assert_int_equal(csvio_parse(a, text, sizeof(text) - 1, &t, err, sizeof(err), &line), 0);
	assert_string_equal(t.header[0], "id"); /* the byte-order mark is gone */
	assert_int_equal(t.header_line, 1);
	assert_int_equal(t.nrows, 4); /* the blank line and the all-empty record are left out */
	assert_int_equal(t.rows[0].line, 2);
	assert_int_equal(t.rows[1].line, 4);
	assert_string_equal(t.rows[1].cells[1], "zwei\n\nund mehr");
	assert_int_equal(t.rows[2].line, 8);
	assert_string_equal(t.rows[2].cells[1], "drei"); /* unquoted: trimmed */
	assert_int_equal(t.rows[3].line, 9);
	assert_int_equal(t.rows[3].n, 1);
	/* empty input: no header */
	assert_int_equal(csvio_parse(a, "", 0, &t, err, sizeof(err), &line), 0);
	assert_null(t.header);
	arena_free(a);
}

static void test_read_refusals(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		size_t len;
		long line;
		const char *why;
	} bad[] = {
		{ "a,b\n1,\"open\n2,3\n", 0, 2, "not closed" },
		{ "a,b\n1,x\"y\n", 0, 2, "quote" },
		{ "a,b\n1,\xC3\x28\n", 0, 2, "UTF-8" },
		{ "a,b\n1,2\n3,\0\n", 12, 3, "NUL" },
		{ "a\n\xED\xA0\x80\n", 0, 2, "UTF-8" }, /* a surrogate */
		{ "a\n\xC0\xAF\n", 0, 2, "UTF-8" },     /* overlong */
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		arena *a = arena_new();
		struct csvio_table t;
		char err[200] = "";
		long line = 0;
		size_t len = bad[i].len ? bad[i].len : strlen(bad[i].text);
		assert_int_equal(csvio_parse(a, bad[i].text, len, &t, err, sizeof(err), &line), -1);
		if (line != bad[i].line || !strstr(err, bad[i].why))
			fail_msg("case %zu: line %ld, \"%s\"", i, line, err);
		arena_free(a);
	}
	/* too many columns */
	buf b;
	buf_init(&b, 0);
	for (int i = 0; i <= CSVIO_MAX_COLS; i++)
		buf_puts(&b, "x,");
	arena *a = arena_new();
	struct csvio_table t;
	char err[200];
	long line = 0;
	assert_int_equal(csvio_parse(a, b.data, b.len, &t, err, sizeof(err), &line), -1);
	assert_int_equal(line, 1);
	arena_free(a);
	buf_free(&b);
}

static void test_dates(void **state)
{
	(void)state;
	assert_true(dir_hsds_is_date("2024-02-29"));
	assert_false(dir_hsds_is_date("2023-02-29"));
	assert_false(dir_hsds_is_date("2024-13-01"));
	assert_false(dir_hsds_is_date("2024-1-01"));
	assert_false(dir_hsds_is_date("31.12.2024"));
	assert_true(dir_hsds_is_datetime("2024-05-01"));
	assert_true(dir_hsds_is_datetime("2024-05-01T10:00:00Z"));
	assert_true(dir_hsds_is_datetime("2023-03-15T10:30:45.123Z"));
	assert_true(dir_hsds_is_datetime("2024-05-01T10:00+02:00"));
	assert_false(dir_hsds_is_datetime("2024-05-01T25:00:00Z"));
	assert_false(dir_hsds_is_datetime("2024-05-01T10:00:00+2"));
	assert_false(dir_hsds_is_datetime("2024-05-01T10:00:00Zx"));
	assert_true(dir_hsds_is_time("09:30"));
	assert_true(dir_hsds_is_time("18:00:00"));
	assert_true(dir_hsds_is_time("24:00"));
	assert_false(dir_hsds_is_time("24:30"));
	assert_false(dir_hsds_is_time("9:30"));
	assert_false(dir_hsds_is_time("09:30:"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_write_quoting),
		cmocka_unit_test(test_write_formula_guard),
		cmocka_unit_test(test_read_lines),
		cmocka_unit_test(test_read_refusals),
		cmocka_unit_test(test_dates),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
