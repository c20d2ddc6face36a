/* analysis_internal.h — what analysis.c hands its views
 * (analysis_views.c). Not for other folders. */
#ifndef LOTSE_IV_ANALYSIS_INTERNAL_H
#define LOTSE_IV_ANALYSIS_INTERNAL_H

#include "interviews/iv_internal.h"

struct iv_seg_view {
	const struct iv_project *p;
	const struct form *f;           /* the validated query */
	const struct iv_code *codes;
	size_t ncodes;
	const struct iv_coder *coders;
	size_t ncoders;
	const char *const *vars;
	size_t nvars;
	const struct iv_case *cases;
	size_t ncases;
	const struct iv_seg_filter *filter;
	const struct iv_segment *seg;   /* the page's segments */
	size_t nseg;
	size_t total, page;             /* all the query finds; the page, 1, 2, ... */
	int asked;                      /* a code was chosen */
	int64_t us;                     /* how long the query took */
};
void iv_view_segments(struct req *r, struct resp *w, const struct iv_seg_view *v);
/* A page of the segments of a query to print: each with its document,
 * paragraph, code, coder, the segment and its paragraph. */
void iv_view_segments_print(struct req *r, struct resp *w, const struct iv_seg_view *v);
void iv_view_matrix(struct req *r, struct resp *w, const struct iv_project *p, const char *const *vars, size_t nvars,
		    const char *var, const struct iv_matrix *m, int64_t us);
void iv_view_cooc(struct req *r, struct resp *w, const struct iv_project *p, int para, const struct iv_code *codes,
		  size_t n, const long *counts);
void iv_view_search(struct req *r, struct resp *w, const struct iv_project *p, const char *q, const char *err,
		    const struct iv_hit *hits, size_t n, size_t total);

struct iv_agree_view {
	const struct iv_project *p;
	const struct iv_coder *coders;
	size_t ncoders;
	int64_t a, b;
	int asked;
	const char *problem;
	struct iv_agree_row *rows;
	size_t nrows;
	struct iv_disagreement *dis;
	size_t ndis;
};
void iv_view_agree(struct req *r, struct resp *w, const struct iv_agree_view *v);

#endif
