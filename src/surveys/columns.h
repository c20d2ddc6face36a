/* columns.h — the column store of a survey's closed answers (columns.c;
 * table survey_column, sql/0036_survey_columns.sql): for each closed
 * variable one byte per response of the survey in order of id, 0 for no
 * answer, else 1 + the index of the answer's category. A frequency table
 * is then one pass over one array, a crosstab one pass over two. Only for
 * the files of src/surveys/. */
#ifndef LOTSE_SURVEYS_COLUMNS_H
#define LOTSE_SURVEYS_COLUMNS_H

#include "surveys/surveys.h"

/* The most categories a byte holds (0 is "no answer"). */
#define SURVEY_COL_MAXK 255

/* The categories of a closed question in tables: its options ("other"
 * last when it has one), or Y and N; codes and labels (in lang) in a. */
void survey_categories(arena *a, const struct survey_question *q, const char *lang, size_t *k, const char ***codes,
		       const char ***labels);
/* The index of value v among codes[0..k), or -1. */
int survey_cat_index(const char *const *codes, size_t k, const char *v);
/* Is (q, part) a variable with a column: a single choice, drop-down or
 * yes/no (part ""), an array's row (a subquestion's code), a rank of a
 * ranking ("1", "2", ...), with at most SURVEY_COL_MAXK categories? */
int survey_col_kind(const struct survey_question *q, const char *part);

/* The column of (q, part) of survey sv in a: *v gets n bytes, *rids (when
 * rids is not NULL) the n response ids, ascending. A column that is
 * missing or stale is built from the answers and kept (when the database
 * takes the write; else it is only returned). ST_NOTFOUND: (q, part) has
 * no column (survey_col_kind); ST_ERR. */
int survey_column(struct store *s, arena *a, const struct survey *sv, const struct survey_question *q,
		  const char *part, const unsigned char **v, const int64_t **rids, size_t *n);

/* The import's columns: the bytes of the rows it stored, appended to
 * those already kept (the new responses' ids are larger than every older
 * one). Inside the import's transaction. */
struct survey_col_append {
	const struct survey_question *q;
	const char *part;
	const char *const *codes;
	size_t k;
	unsigned char *v;   /* n bytes, xmalloc'ed */
	size_t n, cap;
};
/* Before the import's first row: *before gets the survey's responses. */
int survey_columns_count(struct store *s, int64_t survey_id, size_t *before);
/* After its last: write the columns cols[0..ncols) with the rows' ids
 * rids[0..n) appended to the kept ones when those cover exactly the
 * before responses; otherwise drop the survey's columns (the next analysis
 * builds them). ST_OK or ST_ERR. */
int survey_columns_append(struct store *s, int64_t survey_id, size_t before, const int64_t *rids, size_t n,
			  const struct survey_col_append *cols, size_t ncols);

/* Analyses of d read the column store (on, the default) or the answer
 * table alone (off; the tests compare the two). analysis.c. */
void survey_data_use_columns(struct survey_data *d, int on);

#endif
