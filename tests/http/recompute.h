/* recompute.h — what a reader can work out from the counts a table shows:
 * for a line (a total and the counts it is made of), every value its
 * hidden counts could take, tried one by one (independent of the rule in
 * src/analysis/suppress.c that decides what is hidden). */
#ifndef LOTSE_TEST_RECOMPUTE_H
#define LOTSE_TEST_RECOMPUTE_H

#include <jansson.h>
#include <stddef.h>

/* A count as shown: a number, "< 5" (1 to 4) or "•" (at least 5). Fails
 * the running test when a hidden count of the line total = parts[0] + ...
 * (+ a rest of at least 0 when open) can take one value only, or when an
 * open line's rest can only be one value from 1 to 4. where: for the
 * message. */
void assert_line_safe(const char *where, const char *total, const char *const *parts, size_t n, int open);

/* A cell of a JSON table's row as shown ("" when missing), in out. */
const char *json_cell(json_t *row, const char *key, char out[32]);

/* Every column of keys[0..n) of the JSON table t is a line whose total is
 * the last row; when row_total is not NULL, every row is a line whose
 * total is its cell row_total and whose parts are the keys. */
void assert_table_safe(const char *where, json_t *t, const char *const *keys, size_t n, const char *row_total);

#endif
