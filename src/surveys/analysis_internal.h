/* analysis_internal.h — what the files of a survey's numbers share: the
 * responses a filter kept (struct survey_data, made by survey_data_load in
 * analysis.c) and the ways to walk their answers. Internal to
 * src/surveys/. */
#ifndef LOTSE_SURVEYS_ANALYSIS_INTERNAL_H
#define LOTSE_SURVEYS_ANALYSIS_INTERNAL_H

#include "surveys/surveys.h"

struct survey_data {
	struct store *s;
	const struct survey *sv;
	arena *a;
	size_t n;
	int64_t *rids;   /* ascending */
	double *w;       /* NULL: every response weighs 1 */
	struct survey_answers *all; /* every answer of each response, once needed */
	/* Without a filter expression and a weight the responses' ids are read
	 * only when a table needs them (lazy: n is their count); a frequency
	 * table of a question without a condition over all responses is then
	 * counted by the database alone. */
	unsigned char *loaded;      /* loaded[qi]: question qi's answers are in all */
	int lazy, plain;
	size_t *slot;               /* slot[i]: the cells' slot of response i (SIZE_MAX: none), once needed */
	int complete_only;
	const char *from, *to;
};

/* Read the kept responses' ids when they were left lazy. ST_OK or ST_ERR. */
int survey_data_need_rids(struct survey_data *d);
/* Call fn for each answer (part, value) of question q of a kept response,
 * with the response's index i. ST_OK or ST_ERR. */
typedef void (*survey_row_fn)(void *ctx, size_t i, const char *part, const char *value);
int survey_data_scan(const struct survey_data *d, const struct survey_question *q, survey_row_fn fn, void *ctx);
/* The weight of kept response i (1 without a weight variable). */
double survey_data_weight(const struct survey_data *d, size_t i);

#endif
