/* finder.h — the public offer finder GET /angebote: its handler (named in
 * src/routes.c), the validated query the view shows, and the view
 * (finder_views.c, internal to src/directory). */
#ifndef LOTSE_DIR_FINDER_H
#define LOTSE_DIR_FINDER_H

#include "directory/search/search.h"
#include "http/form.h"
#include "http/http.h"

/* GET /angebote?q=&phase=&art=&gruppe=&ort=&sprache=&alter=&kostenlos=1&plz=&umkreis=&seite=
 * Every parameter narrows the result (AND). Bad values get a message at
 * their field (422) and are left out of the search; never a 500. */
void dir_finder(struct req *r, struct resp *w);

/* The single-valued parameters, in their field table's order. */
enum finder_field { FF_Q, FF_ORT, FF_SPRACHE, FF_ALTER, FF_KOSTENLOS, FF_PLZ, FF_UMKREIS, FF_SEITE, FF__MAX };

/* The repeatable parameters: taxonomy terms (checkboxes). */
enum { FM_PHASE, FM_ART, FM_GRUPPE, FM__MAX };
#define FINDER_MAX_VALUES 10 /* per repeatable parameter */

struct finder_multi {
	const char *param, *taxonomy;
};
extern const struct finder_multi finder_multi[FM__MAX];

struct finder {
	struct form f;                                 /* FF_* values and messages */
	const char *sel[FM__MAX][FINDER_MAX_VALUES];   /* valid checked term codes */
	size_t n_sel[FM__MAX];
	const char *err_multi[FM__MAX];                /* msgid, or NULL */
	int nerr;                                      /* all messages */
	const struct dir_taxonomy *tax;                /* names in r->lang */
	size_t n_tax;
	struct dir_query q;                            /* what was searched */
	struct dir_result res;
	const char *problem;                           /* the search failed (translated) */
	int filtered;                                  /* the page was asked with parameters */
};

/* Check r->query into fd (zeroed, in r->a): the values and messages of
 * the fields, the checked terms, and fd->q, the search the page runs.
 * ST_OK, or ST_ERR when the taxonomies could not be read (fd is filled
 * all the same, without them). Exposed for the fuzz target
 * tests/fuzz/fuzz_finder.c, which searches exactly what the page would. */
int finder_parse(struct req *r, struct finder *fd);

/* The finder URL with fd's valid parameters, for page (1: none), leaving
 * out the one value drop_param=drop_value (NULL: none; drop_value NULL:
 * every value of drop_param). Owned by r->a. */
const char *finder_url(struct req *r, const struct finder *fd, int page, const char *drop_param,
		       const char *drop_value);

/* The page: search box, filters with counts, results, pages. */
void finder_view(struct req *r, struct resp *w, const struct finder *fd);

#endif
