/* vocab_views.h — HTML of the term and synonym editors (internal). */
#ifndef LOTSE_DIRECTORY_VOCAB_VIEWS_H
#define LOTSE_DIRECTORY_VOCAB_VIEWS_H

#include "directory/directory.h"
#include "http/form.h"

enum vocab_term_field { VT_NAME, VT_NAME_EN, VT_CODE, VT_TAXONOMY, VT__MAX };
enum vocab_syn_field { VS_TERM, VS_EXPANSION, VS__MAX };
extern const struct field vocab_term_fields[VT__MAX];
extern const struct field vocab_syn_fields[VS__MAX];

/* The taxonomies twice, with names in German and in English, same order. */
struct vocab_terms {
	struct dir_taxonomy *de, *en;
	size_t n, n_en;
};

struct vocab_synonym {
	const char *term, *expansion;
};

/* f (may be NULL) is the form sent with its values and errors; problem
 * and notice are translated messages or NULL. */
void vocab_view_terms(struct req *r, struct resp *w, const struct vocab_terms *t, const struct form *f,
		      const char *problem, const char *notice);
void vocab_view_synonyms(struct req *r, struct resp *w, const struct vocab_synonym *v, size_t n,
			 const struct form *f, const char *problem, const char *notice);

#endif
