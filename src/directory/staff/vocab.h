/* vocab.h — editing the words of the directory: taxonomy terms with
 * their German names and English labels, and the search's synonyms and
 * abbreviations. Editors only. */
#ifndef LOTSE_DIRECTORY_VOCAB_H
#define LOTSE_DIRECTORY_VOCAB_H

#include "http/http.h"

void dir_vocab_terms(struct req *r, struct resp *w);       /* GET /intern/kategorien */
void dir_vocab_term_save(struct req *r, struct resp *w);   /* POST /intern/kategorien/{} */
void dir_vocab_term_add(struct req *r, struct resp *w);    /* POST /intern/kategorien/neu */
void dir_vocab_synonyms(struct req *r, struct resp *w);    /* GET /intern/suchwoerter */
void dir_vocab_synonym_add(struct req *r, struct resp *w); /* POST /intern/suchwoerter */
void dir_vocab_synonym_del(struct req *r, struct resp *w); /* POST /intern/suchwoerter/loeschen */

#endif
