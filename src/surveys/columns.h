/* columns.h — the cells of a survey's closed answers (columns.c; tables
 * survey_cells and survey_cells_stale, sql/0045_survey_cells.sql): for
 * each closed variable one byte per response, 0 for no answer, else 1 +
 * the index of the answer's category, in the order of the responses'
 * slots ('#rid': the response ids by slot, ascending). They are where
 * closed answers live: every reader and writer of a response's answers
 * goes through the functions here (responses.c, analysis.c, exchange.c,
 * evidence.c), the answer table keeps only the open ones. A frequency
 * table is one pass over one array, a crosstab one pass over two. Only for
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
/* Is (q, part) a variable with cells: a single choice, drop-down or
 * yes/no (part ""), an array's row (a subquestion's code), a rank of a
 * ranking ("1", "2", ...), a multiple choice's option (its code; the one
 * category "Y"), with at most SURVEY_COL_MAXK categories? */
int survey_col_kind(const struct survey_question *q, const char *part);
/* The categories' codes of the variable (q, part) (survey_col_kind), in a. */
void survey_col_codes(arena *a, const struct survey_question *q, const char *part, size_t *k,
		      const char ***codes);
/* The variables with cells of question q: their parts in a (*n of them). */
size_t survey_col_parts(arena *a, const struct survey_question *q, const char ***parts);
/* Are all of q's answers in its np cells (survey_col_parts), none in the
 * answer table (a multiple choice's "other" text is)? */
int survey_col_whole(const struct survey_question *q, size_t np);

/* Bring the cells of survey sv up to date when its responses changed
 * behind their back (survey_cells_stale): the slots follow survey_response
 * again and closed answers found in survey_answer move into the cells. A
 * write transaction of its own (or a savepoint in the caller's); cheap
 * when nothing is stale. Every reader and writer calls it first. ST_OK or
 * ST_ERR. */
int survey_cells_sync(struct store *s, const struct survey *sv);

/* The bytes of variable (q, part) of survey sv in a: *v gets n bytes, one
 * per slot, and *rids (when rids is not NULL) the n response ids,
 * ascending. ST_NOTFOUND: (q, part) has no cells (survey_col_kind);
 * ST_ERR. Inside the caller's read transaction, after survey_cells_sync. */
int survey_column(struct store *s, arena *a, const struct survey *sv, const struct survey_question *q,
		  const char *part, const unsigned char **v, const int64_t **rids, size_t *n);

/* The response ids of the survey by slot (*n), ascending, in a. */
int survey_cells_ids(struct store *s, arena *a, int64_t survey_id, int64_t **ids, size_t *n);
/* The slot of response rid of survey sv: ST_OK, ST_NOTFOUND. */
int survey_cells_slot(struct store *s, int64_t survey_id, int64_t rid, size_t *slot);
/* Give the response rid just inserted (larger than every id of the
 * survey) a slot, and take the survey's stale mark off that its insert
 * set. Inside the transaction that inserted it, after survey_cells_sync. */
int survey_cells_append(struct store *s, int64_t survey_id, int64_t rid);
/* The closed answers of the response in slot into out (by question index;
 * values borrowed from sv or in a). */
int survey_cells_get(struct store *s, arena *a, const struct survey *sv, size_t slot, struct survey_answers *out);
/* Write the cells of question qi of the response in slot from as (a
 * variable as has no value of: no answer). *odd gets 1 when a value of
 * as for one of them is none of its categories (it has no cell: the
 * caller keeps it in the answer table). Inside a write transaction. */
int survey_cells_put(struct store *s, const struct survey *sv, size_t slot, size_t qi,
		     const struct survey_answers *as, int *odd);

/* The import's cells: the bytes of the rows it stored, appended after the
 * survey's kept responses (the new ids are larger than every older one). */
struct survey_col_append {
	const struct survey_question *q;
	const char *part;
	const char *const *codes;
	size_t k;
	unsigned char *v;   /* n bytes, xmalloc'ed */
	size_t n, cap;
};
/* After the import's last row, inside its transaction and after
 * survey_cells_sync: the rows' ids rids[0..n) and the variables' bytes
 * cols[0..ncols) after those kept. ST_OK or ST_ERR. */
int survey_cells_extend(struct store *s, const struct survey *sv, const int64_t *rids, size_t n,
			const struct survey_col_append *cols, size_t ncols);

/* combos.c: the distinct combinations of bytes (keys of width bytes) of a walk
 * over the responses, with a summed weight each: what depends only on a
 * response's closed answers is then worked out once per combination. */
struct survey_combos {
	size_t width;            /* set before the first add */
	unsigned char *keys;     /* n keys, one after the other */
	double *w;               /* the summed weight of each */
	size_t n, cap;
	size_t *slot, nslot;     /* the hash table: 1 + the combination, 0 empty */
};
/* The index of key among the combinations (a new one added; *fresh, when
 * not NULL, says which), its weight increased by w. */
size_t survey_combo_add(struct survey_combos *c, const unsigned char *key, double w, int *fresh);
void survey_combos_free(struct survey_combos *c);
/* The bytes of a variable for each of n responses: question index, part,
 * the categories' codes (k), v[0..n). */
struct survey_colvals {
	size_t qi;
	const char *part;
	const char **codes;
	size_t k;
	const unsigned char *v;
};
/* out[i] = fn(ctx, the answers of response i to the variables
 * vars[0..nv)) != 0, for each of the n responses, fn called once per
 * distinct combination of their bytes (as: question index, part, code).
 * ST_OK. */
int survey_memo_eval(const struct survey_colvals *vars, size_t nv, size_t n,
		     int (*fn)(void *ctx, const struct survey_answers *as), void *ctx, unsigned char *out);

#endif
